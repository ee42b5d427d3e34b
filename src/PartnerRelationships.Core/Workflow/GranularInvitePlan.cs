using System;
using System.Collections.Generic;
using System.Linq;
using PartnerRelationships.Core.Roles;

namespace PartnerRelationships.Core.Workflow;

/// <summary>A validated granular invite, before anything is recorded or created: what ShouldProcess describes.</summary>
public sealed class GranularInvitePlan
{
    internal GranularInvitePlan(GranularInviteRequest request, string customerName, string customerEmail, string? customerTenantId,
        string displayName, bool displayNameGenerated, IReadOnlyList<EntraRole> roles, TimeSpan duration, TimeSpan autoExtendDuration,
        string subjectText, string subjectOrigin, string bodyText, string bodyOrigin, Templates.AccessTemplate? template = null, string? displayNamePrefix = null)
    {
        Template = template;
        DisplayNamePrefix = displayNamePrefix;
        Request = request;
        CustomerName = customerName;
        CustomerEmail = customerEmail;
        CustomerTenantId = customerTenantId;
        DisplayName = displayName;
        DisplayNameGenerated = displayNameGenerated;
        Roles = roles;
        Duration = duration;
        AutoExtendDuration = autoExtendDuration;
        SubjectText = subjectText;
        SubjectOrigin = subjectOrigin;
        BodyText = bodyText;
        BodyOrigin = bodyOrigin;
    }

    public GranularInviteRequest Request { get; }
    public string CustomerName { get; }
    public string CustomerEmail { get; }
    public string? CustomerTenantId { get; }
    public string DisplayName { get; }

    /// <summary>True when the name follows the naming convention (it may then get a " 2"-style suffix if taken).</summary>
    public bool DisplayNameGenerated { get; }

    public IReadOnlyList<EntraRole> Roles { get; }
    public TimeSpan Duration { get; }
    public TimeSpan AutoExtendDuration { get; }

    /// <summary>The access template the invite follows, if any; its name is recorded on the invite.</summary>
    public Templates.AccessTemplate? Template { get; }

    /// <summary>The prefix the naming convention used (the template's or invites.displayNamePrefix).</summary>
    internal string? DisplayNamePrefix { get; }

    internal string SubjectText { get; }
    internal string SubjectOrigin { get; }
    internal string BodyText { get; }
    internal string BodyOrigin { get; }

    /// <summary>One sentence for -WhatIf / -Confirm.</summary>
    public string Description =>
        $"Create granular admin relationship '{DisplayName}' for {CustomerName}" +
        (CustomerTenantId is null ? "" : $" (tenant {CustomerTenantId})") +
        $" with roles {string.Join(", ", Roles.Select(r => r.Name))} for {(int)Duration.TotalDays} days" +
        (AutoExtendDuration > TimeSpan.Zero ? $", auto-extending by {(int)AutoExtendDuration.TotalDays} days" : "") +
        $", lock it for approval, and record an invite to {CustomerEmail}" +
        (Template is null ? "" : $"; on acceptance, apply access template '{Template.Name}'");
}
