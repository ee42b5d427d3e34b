using System.Globalization;
using Microsoft.Data.Sqlite;

namespace PartnerRelationships.Benchmarks;

/// <summary>
/// Bench-only: fills a store (or the raw baseline's tables) with many pending invites in ONE transaction, so querying
/// 100,000 invites can be measured without spending an hour fsyncing them one by one. Writes the store's own schema
/// (v1 invites + invite_history) with the store's id and time formats; the product never writes this way.
/// </summary>
internal static class BulkInviteSeeder
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static void SeedStore(string path, int count, string prefix)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var invite = connection.CreateCommand();
        invite.Transaction = transaction;
        invite.CommandText = "INSERT INTO invites (id, kind, customer_name, customer_email, customer_tenant_id, status, created_at, " +
                             "status_changed_at, link, subject, body, relationship_id, relationship_display_name, template, version) " +
                             "VALUES ($id, 'Reseller', $name, $email, NULL, 'Pending', $at, $at, $link, 'Reseller relationship request', 'Please accept.', NULL, NULL, NULL, 1)";
        var id = invite.Parameters.Add("$id", SqliteType.Text);
        var name = invite.Parameters.Add("$name", SqliteType.Text);
        var email = invite.Parameters.Add("$email", SqliteType.Text);
        var at = invite.Parameters.Add("$at", SqliteType.Text);
        invite.Parameters.AddWithValue("$link", "https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=1234567");
        using var history = connection.CreateCommand();
        history.Transaction = transaction;
        history.CommandText = "INSERT INTO invite_history (invite_id, from_status, to_status, at, detail) VALUES ($id, NULL, 'Pending', $at, NULL)";
        var historyId = history.Parameters.Add("$id", SqliteType.Text);
        var historyAt = history.Parameters.Add("$at", SqliteType.Text);
        var start = DateTimeOffset.UtcNow;
        for (var i = 0; i < count; i++)
        {
            var text = Guid.NewGuid().ToString("D");
            var when = start.AddTicks(i).UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);
            id.Value = historyId.Value = text;
            name.Value = $"{prefix} customer {i}";
            email.Value = $"admin{i}@{prefix}.example";
            at.Value = historyAt.Value = when;
            invite.ExecuteNonQuery();
            history.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>The same rows in the raw baseline's tables (see StoreBenchmark.RawInsert).</summary>
    public static void SeedRaw(string path, int count, string prefix)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var invite = connection.CreateCommand();
        invite.Transaction = transaction;
        invite.CommandText = "INSERT INTO invites VALUES ($id, $name, $email, 'Pending', $at, 'Please accept.')";
        var id = invite.Parameters.Add("$id", SqliteType.Text);
        var name = invite.Parameters.Add("$name", SqliteType.Text);
        var email = invite.Parameters.Add("$email", SqliteType.Text);
        var at = invite.Parameters.Add("$at", SqliteType.Integer);
        using var history = connection.CreateCommand();
        history.Transaction = transaction;
        history.CommandText = "INSERT INTO history (invite_id, to_status, at) VALUES ($id, 'Pending', $at)";
        var historyId = history.Parameters.Add("$id", SqliteType.Text);
        var historyAt = history.Parameters.Add("$at", SqliteType.Integer);
        for (var i = 0; i < count; i++)
        {
            id.Value = historyId.Value = Guid.NewGuid().ToString();
            name.Value = $"{prefix} customer {i}";
            email.Value = $"admin{i}@{prefix}.example";
            at.Value = historyAt.Value = DateTime.UtcNow.Ticks;
            invite.ExecuteNonQuery();
            history.ExecuteNonQuery();
        }

        transaction.Commit();
    }
}
