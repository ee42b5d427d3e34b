using System;
using System.Globalization;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Text;

namespace PartnerRelationships.Core.Workflow;

/// <summary>
/// Granular relationship display names: 1–50 characters (the service's limit) and unique among the partner's
/// relationships. The naming convention when none is given: invites.displayNamePrefix + customer name + date.
/// </summary>
public static class RelationshipDisplayNames
{
    public const int MaxLength = 50;

    public static string Validate(string? displayName)
    {
        var trimmed = displayName?.Trim() ?? "";
        if (trimmed.Length == 0 || trimmed.Length > MaxLength || trimmed.IndexOfAny(new[] { '\r', '\n', '\t' }) >= 0)
        {
            var problem = trimmed.Length == 0 ? "is empty" : trimmed.Length > MaxLength ? $"is {trimmed.Length} characters long" : "contains a line break or tab";
            throw new PartnerRelationshipsException(
                ErrorIds.Workflow.InvalidRelationshipDisplayName,
                ErrorKind.InvalidArgument,
                $"The relationship display name '{InputExcerpt.Of(trimmed)}' {problem}. Give 1 to {MaxLength} characters on one line, " +
                "unique among your relationships, or leave it out to use the naming convention (invites.displayNamePrefix + customer + date).",
                "DisplayName");
        }

        return trimmed;
    }

    /// <summary>prefix + customer + " yyyy-MM-dd", the customer part shortened so the whole fits in 50 characters.</summary>
    public static string Generate(string? prefix, string customerName, DateTimeOffset date, int attempt = 1)
    {
        var head = (prefix ?? "").TrimStart();
        var tail = " " + date.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + (attempt > 1 ? " " + attempt.ToString(CultureInfo.InvariantCulture) : "");
        var room = MaxLength - tail.Length - head.Length;
        if (room < 1)
        {
            // A prefix too long for the limit: keep as much of it as fits with one customer letter.
            head = head.Substring(0, Math.Max(0, MaxLength - tail.Length - 1));
            room = 1;
        }

        var customer = customerName.Trim();
        if (customer.Length > room)
        {
            customer = customer.Substring(0, room).TrimEnd();
        }

        return (head + customer + tail).Trim();
    }
}
