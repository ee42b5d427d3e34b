using System;

namespace PartnerRelationships.Core.Compliance;

/// <summary>One thing a compliance rule found: about which customer and relationship, what, and what to do.</summary>
public sealed record Finding
{
    /// <summary>The rule's stable id, e.g. PR004.</summary>
    public required string RuleId { get; init; }

    /// <summary>The rule's name, e.g. OverPrivilegedRelationship.</summary>
    public required string RuleName { get; init; }

    public required FindingSeverity Severity { get; init; }

    public string? CustomerTenantId { get; init; }
    public string? CustomerName { get; init; }
    public string? RelationshipId { get; init; }
    public string? RelationshipName { get; init; }
    public Guid? InviteId { get; init; }

    /// <summary>When the active relationship the finding is about ends, if known: reports put what ends soonest first.</summary>
    public DateTimeOffset? EndsAt { get; init; }

    /// <summary>What was found.</summary>
    public required string Message { get; init; }

    /// <summary>What to do about it.</summary>
    public required string Recommendation { get; init; }

    /// <summary>Whether the last comparable run did not report this finding (true on a first run).</summary>
    public bool IsNew { get; init; }

    /// <summary>Rule id and subject (the relationship, assignment, invite or customer the finding is about): stable across runs.</summary>
    public required string Key { get; init; }

    public static string KeyFor(string ruleId, string subject) => ruleId + ":" + subject;
}
