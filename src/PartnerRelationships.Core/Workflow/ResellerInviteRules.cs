using System;
using System.Collections.Generic;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Text;

namespace PartnerRelationships.Core.Workflow;

/// <summary>
/// Which kind of invite a request is, and which of its inputs only a granular admin invite can use. The cmdlet binds
/// parameters; these rules decide what they mean.
/// </summary>
public static class ResellerInviteRules
{
    public const string Role = ParameterNames.Role;
    public const string Duration = ParameterNames.Duration;
    public const string AutoExtend = ParameterNames.AutoExtend;
    public const string RelationshipName = ParameterNames.RelationshipName;
    public const string Template = ParameterNames.Template;

    /// <summary>The inputs (by parameter name) that only a granular admin invite uses; a reseller invite refuses them.</summary>
    public static IReadOnlyList<string> GranularOnlyInputs { get; } = new[] { Role, Duration, AutoExtend, RelationshipName, Template };

    /// <summary>
    /// An access template implies a granular admin invite: naming a template without a kind asks for one. Only a kind
    /// given explicitly (Reseller) contradicts it, and then <see cref="RefuseGranularOnlyInputs"/> says so.
    /// </summary>
    public static InviteKind KindFor(InviteKind kind, bool kindGiven, bool templateGiven) =>
        templateGiven && !kindGiven ? InviteKind.GranularAdmin : kind;

    /// <summary>A reseller invite given any granular-only input fails, naming the first one given.</summary>
    public static void RefuseGranularOnlyInputs(InviteKind kind, Func<string, bool> given)
    {
        if (given is null)
        {
            throw new ArgumentNullException(nameof(given));
        }

        if (kind != InviteKind.Reseller)
        {
            return;
        }

        foreach (var name in GranularOnlyInputs)
        {
            if (given(name))
            {
                throw GranularOnly(name);
            }
        }
    }

    /// <summary>
    /// Per record of a reseller invite: a relationship name or template with a value (from a CSV column, say) would be
    /// silently lost, so it fails; a blank cell is no value.
    /// </summary>
    public static void RefuseGranularOnlyValues(string? relationshipName, string? template)
    {
        if (!string.IsNullOrWhiteSpace(relationshipName))
        {
            throw GranularOnly(RelationshipName);
        }

        if (!string.IsNullOrWhiteSpace(template))
        {
            throw GranularOnly(Template);
        }
    }

    private static PartnerRelationshipsException GranularOnly(string parameter) => new(
        ErrorIds.Invite.GranularOnlyParameter,
        ErrorKind.InvalidArgument,
        $"-{parameter} applies to granular admin invites only. Add -{ParameterNames.Kind} GranularAdmin, or leave out -{parameter} for a reseller invite.",
        parameter);
}
