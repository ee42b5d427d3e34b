using System;
using System.Collections.Generic;
using System.Data.Common;
using PartnerRelationships.Core.Invites;

namespace PartnerRelationships.Core.Store;

/// <summary>How an invite and a history entry map to the invites and invite_history rows, in both stores.</summary>
internal static class InviteRows
{
    public const string Columns =
        "id, kind, customer_name, customer_email, customer_tenant_id, status, created_at, status_changed_at, " +
        "link, subject, body, relationship_id, relationship_display_name, template, version, origin";

    public const string HistoryColumns = "sequence, invite_id, from_status, to_status, at, detail";

    private const string ValueNames =
        "@id, @kind, @customer_name, @customer_email, @customer_tenant_id, @status, @created_at, @status_changed_at, " +
        "@link, @subject, @body, @relationship_id, @relationship_display_name, @template, @version, @origin";

    private const string Assignments =
        "kind = @kind, customer_name = @customer_name, customer_email = @customer_email, " +
        "customer_tenant_id = @customer_tenant_id, status = @status, created_at = @created_at, " +
        "status_changed_at = @status_changed_at, link = @link, subject = @subject, body = @body, " +
        "relationship_id = @relationship_id, relationship_display_name = @relationship_display_name, " +
        "template = @template, version = @version, origin = @origin";

    private const string FoldedName = "customer_name_folded";

    /// <summary>INSERT of a whole invite; <paramref name="suffix"/> is the dialect's conflict clause, if any.</summary>
    public static string InsertSql(StoreDialect dialect, string? suffix = null) =>
        dialect.StoresFoldedCustomerName
            ? $"INSERT INTO invites ({Columns}, {FoldedName}) VALUES ({ValueNames}, @{FoldedName}){suffix}"
            : $"INSERT INTO invites ({Columns}) VALUES ({ValueNames}){suffix}";

    /// <summary>UPDATE of every column but the id (an import replacing the stored record).</summary>
    public static string UpdateSql(StoreDialect dialect) =>
        dialect.StoresFoldedCustomerName
            ? $"UPDATE invites SET {Assignments}, {FoldedName} = @{FoldedName} WHERE id = @id"
            : $"UPDATE invites SET {Assignments} WHERE id = @id";

    public static (string Name, object? Value)[] Parameters(StoreDialect dialect, ResellerInvite invite)
    {
        var parameters = new List<(string Name, object? Value)>
        {
            ("id", dialect.IdValue(invite.Id)),
            ("kind", invite.Kind.ToString()),
            ("customer_name", invite.CustomerName ?? ""),
            ("customer_email", invite.CustomerEmail ?? ""),
            ("customer_tenant_id", invite.CustomerTenantId),
            ("status", invite.Status.ToString()),
            ("created_at", StoreTime.ToText(invite.CreatedAt)),
            ("status_changed_at", StoreTime.ToText(invite.StatusChangedAt)),
            ("link", invite.Link ?? ""),
            ("subject", invite.Subject ?? ""),
            ("body", invite.Body ?? ""),
            ("relationship_id", invite.RelationshipId),
            ("relationship_display_name", invite.RelationshipDisplayName),
            ("template", invite.Template),
            ("version", invite.Version),
            ("origin", invite.Origin.ToString()),
        };

        if (dialect.StoresFoldedCustomerName)
        {
            parameters.Add((FoldedName, (invite.CustomerName ?? "").ToLowerInvariant()));
        }

        return parameters.ToArray();
    }

    /// <summary>Reads a row selected as <see cref="Columns"/>.</summary>
    public static ResellerInvite Read(StoreDialect dialect, DbDataReader reader) => new()
    {
        Id = dialect.ReadId(reader, 0),
        Kind = ParseEnum<InviteKind>(reader.GetString(1)),
        CustomerName = reader.GetString(2),
        CustomerEmail = reader.GetString(3),
        CustomerTenantId = NullableString(reader, 4),
        Status = ParseEnum<InviteStatus>(reader.GetString(5)),
        CreatedAt = StoreTime.FromText(reader.GetString(6)),
        StatusChangedAt = StoreTime.FromText(reader.GetString(7)),
        Link = reader.GetString(8),
        Subject = reader.GetString(9),
        Body = reader.GetString(10),
        RelationshipId = NullableString(reader, 11),
        RelationshipDisplayName = NullableString(reader, 12),
        Template = NullableString(reader, 13),
        Version = reader.GetInt64(14),
        Origin = ParseEnum<InviteOrigin>(reader.GetString(15)),
    };

    /// <summary>Reads a row selected as <see cref="HistoryColumns"/>.</summary>
    public static InviteHistoryEntry ReadHistory(StoreDialect dialect, DbDataReader reader) => new()
    {
        Sequence = reader.GetInt64(0),
        InviteId = dialect.ReadId(reader, 1),
        FromStatus = reader.IsDBNull(2) ? null : ParseEnum<InviteStatus>(reader.GetString(2)),
        ToStatus = ParseEnum<InviteStatus>(reader.GetString(3)),
        At = StoreTime.FromText(reader.GetString(4)),
        Detail = NullableString(reader, 5),
    };

    private static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static T ParseEnum<T>(string value) where T : struct => (T)Enum.Parse(typeof(T), value, ignoreCase: false);
}
