using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Roles;
using PartnerRelationships.Core.Store;
using PartnerRelationships.Core.Text;

namespace PartnerRelationships.Core.Workflow;

/// <summary>
/// Granular admin (GDAP) invites: <see cref="Prepare"/> validates without side effects (for ShouldProcess);
/// <see cref="CreateAsync"/> records the invite first (so a crash leaves a trace sync can reconcile by display name),
/// then creates the relationship (idempotent on its name), locks it for approval, links it to the invite and
/// composes the draft around the approval link. A pending invite to the same customer for the same access is returned
/// instead (unless <see cref="GranularInviteRequest.AllowDuplicate"/>), or finished when its lock had failed.
/// </summary>
public sealed class GranularInviteService
{
    private const int MaxNameAttempts = 20;
    internal const string LinkNotYetKnown = "(the approval link follows once the relationship is created)";

    private readonly PartnerRelationshipsConfig _config;
    private readonly IRelationshipStore _store;
    private readonly IGraphGdapClient _graphGdap;
    private readonly TimeProvider _clock;

    public GranularInviteService(PartnerRelationshipsConfig config, IRelationshipStore store, IGraphGdapClient graphGdap, TimeProvider clock)
    {
        _config = config ?? throw new ArgumentNullException(nameof(config));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _graphGdap = graphGdap ?? throw new ArgumentNullException(nameof(graphGdap));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
    }

    /// <summary>Validates the request against the service's rules and the configuration; reads a template file if given.</summary>
    public GranularInvitePlan Prepare(GranularInviteRequest request)
    {
        if (request is null) throw new ArgumentNullException(nameof(request));

        var customerName = InviteRequestValidator.ValidateCustomerName(request.CustomerName);
        var customerEmail = InviteRequestValidator.ValidateCustomerEmail(request.CustomerEmail);
        var tenantId = InviteRequestValidator.ValidateCustomerTenantId(request.CustomerTenantId);

        var template = string.IsNullOrWhiteSpace(request.AccessTemplate) ? null : Templates.AccessTemplates.Resolve(_config, request.AccessTemplate!.Trim());
        if (template is not null && request.Roles is { Count: > 0 })
        {
            throw new PartnerRelationshipsException(ErrorIds.Template.TemplateConflictsWithRoles, ErrorKind.InvalidArgument,
                $"Give either -{ParameterNames.Template} or -{ParameterNames.Role}, not both: the access template '{template.Name}' decides the roles " +
                $"({string.Join(", ", template.Roles.Select(r => r.Name))}).", "Roles");
        }

        var prefix = template?.DisplayNamePrefix ?? _config.Invites.DisplayNamePrefix;
        var generated = string.IsNullOrWhiteSpace(request.DisplayName);
        var displayName = generated
            ? RelationshipDisplayNames.Generate(prefix, customerName, _clock.GetUtcNow())
            : RelationshipDisplayNames.Validate(request.DisplayName);

        var roles = template?.Roles ?? RoleCatalog.ResolveAll(request.Roles is { Count: > 0 } ? request.Roles : _config.Invites.Roles);
        var duration = request.Duration is { } d
            ? RelationshipDurations.Validate(d)
            : template?.Duration ?? RelationshipDurations.Parse(_config.Invites.Duration, "invites.duration in the configuration");
        var autoExtend = request.AutoExtend ?? template?.AutoExtendOr(_config.Invites.AutoExtend) ?? _config.Invites.AutoExtend;
        if (autoExtend && roles.Any(r => r.Id == RoleCatalog.GlobalAdministrator))
        {
            throw new PartnerRelationshipsException(
                ErrorIds.Workflow.AutoExtendWithGlobalAdministrator,
                ErrorKind.InvalidArgument,
                "A relationship with the Global Administrator role can't auto-extend (the service refuses it). Leave out auto-extend " +
                $"(-{ParameterNames.AutoExtend}:$false, or invites.autoExtend: false), or request narrower roles instead of Global Administrator.",
                "AutoExtend");
        }

        var (subject, subjectOrigin, body, bodyOrigin) = ChooseWording(request);
        var plan = new GranularInvitePlan(request, customerName, customerEmail, tenantId, displayName, generated, roles, duration,
            autoExtend ? RelationshipDurations.AutoExtendPeriod : TimeSpan.Zero, subject, subjectOrigin, body, bodyOrigin, template, prefix);

        // Compose once with a stand-in link so a broken template fails now, before anything is created.
        Compose(plan, displayName, ResellerLinkBuilder.GranularApprovalLink("00000000-0000-0000-0000-000000000000", _config.Cloud));
        return plan;
    }

    /// <summary>Prepare and create in one go.</summary>
    public Task<CreatedInvite> CreateAsync(GranularInviteRequest request, CancellationToken cancellationToken = default)
        => CreateAsync(Prepare(request), cancellationToken);

    public async Task<CreatedInvite> CreateAsync(GranularInvitePlan plan, CancellationToken cancellationToken = default)
    {
        if (plan is null) throw new ArgumentNullException(nameof(plan));
        cancellationToken.ThrowIfCancellationRequested();

        var earlier = (await SameCustomerPendingAsync(plan, cancellationToken).ConfigureAwait(false)).Where(p => SameAccess(plan, p.Relationship)).ToList();

        // The same customer already has this access awaiting approval (a re-run of a batch, or a second invite by
        // mistake): return that invite instead of sending the customer a second approval request. An invite with its
        // approval link recorded was locked; its relationship still shows created while the service processes the lock.
        var awaiting = earlier.FirstOrDefault(p => !string.IsNullOrEmpty(p.Invite.Link)
            && p.Relationship.Status is RelationshipStatus.ApprovalPending or RelationshipStatus.Created).Invite;
        if (!plan.Request.AllowDuplicate && awaiting is not null)
        {
            return new CreatedInvite(awaiting,
                DraftFileWriter.FinishRecorded(plan.Request.DraftFile, plan.Request.OverwriteDraftFile, awaiting, _clock.GetUtcNow()), alreadyPending: true);
        }

        // A re-run after a lock that failed (relationship created, never locked, no link) finishes that invite instead of
        // recording a second one.
        var unfinished = earlier.FirstOrDefault(p => string.IsNullOrEmpty(p.Invite.Link) && p.Relationship.Status == RelationshipStatus.Created);
        var (recorded, relationship) = unfinished.Invite is not null
            ? (unfinished.Invite, unfinished.Relationship)
            : (await RecordAsync(plan, cancellationToken).ConfigureAwait(false), (DelegatedAdminRelationshipInfo?)null);
        var displayName = recorded.RelationshipDisplayName!;

        if (relationship is null)
        {
            try
            {
                relationship = await _graphGdap.CreateRelationshipAsync(new RelationshipSpec
                {
                    DisplayName = displayName,
                    CustomerTenantId = plan.CustomerTenantId,
                    CustomerName = plan.CustomerName,
                    Roles = plan.Roles.Select(r => r.Id).ToList(),
                    Duration = plan.Duration,
                    AutoExtendDuration = plan.AutoExtendDuration,
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (PartnerRelationshipsException ex) when (IsDefinitive(ex))
            {
                // The service said no for good (bad request, permissions): nothing exists remotely, so the invite is withdrawn.
                await _store.TryChangeStatusAsync(new StatusChange(recorded.Id, InviteStatus.Pending, InviteStatus.Cancelled, _clock.GetUtcNow(),
                    $"relationship could not be created: {ex.ErrorId}"), CancellationToken.None).ConfigureAwait(false);
                throw;
            }
        }

        // Linked before the lock: whatever happens next, the invite knows its relationship (one invite, one relationship).
        var linked = await _store.SetRelationshipAsync(recorded.Id, relationship.Id, displayName, cancellationToken).ConfigureAwait(false) ?? recorded;
        if (relationship.Status == RelationshipStatus.Created)
        {
            try
            {
                await _graphGdap.LockForApprovalAsync(relationship.Id, cancellationToken).ConfigureAwait(false);
            }
            catch (PartnerRelationshipsException ex)
            {
                throw new PartnerRelationshipsException(ErrorIds.Workflow.GranularInviteNotLocked, ErrorKind.ResourceUnavailable,
                    $"The relationship '{displayName}' ({relationship.Id}) was created and recorded with invite {recorded.Id}, but locking it for approval " +
                    $"failed ({ex.ErrorId}: {ex.Message}). The customer can't approve it yet. Nothing is doubled: run {CommandNames.SyncResellerInvite}, or this same " +
                    "command again, once the service answers; either locks this relationship and finishes this invite's draft.",
                    recorded.Id, ex);
            }
        }

        var link = ResellerLinkBuilder.GranularApprovalLink(relationship.Id, _config.Cloud);
        var (subject, body) = Compose(plan, displayName, link);
        var invite = linked with { Link = link, Subject = subject, Body = body };
        if (_store is IInviteDraftStore drafts)
        {
            invite = await drafts.SetDraftAsync(recorded.Id, link, subject, body, cancellationToken).ConfigureAwait(false) ?? invite;
        }

        string? draftFile = null;
        if (!string.IsNullOrWhiteSpace(plan.Request.DraftFile))
        {
            var content = EmlWriter.ComposeBytes(plan.CustomerEmail, subject, body, _clock.GetUtcNow());
            var file = DraftFileWriter.Stage(plan.Request.DraftFile!, plan.CustomerName, plan.Request.OverwriteDraftFile, content);
            file.Commit(invite.Id);
            draftFile = file.Path;
        }

        return new CreatedInvite(invite, draftFile);
    }

    /// <summary>Same roles, duration and auto-extend (the display name may differ: a generated one carries the date).</summary>
    private static bool SameAccess(GranularInvitePlan plan, DelegatedAdminRelationshipInfo relationship) =>
        new HashSet<string>(relationship.Roles, StringComparer.OrdinalIgnoreCase).SetEquals(plan.Roles.Select(r => r.Id))
        && relationship.Duration == plan.Duration && relationship.AutoExtendDuration == plan.AutoExtendDuration;

    /// <summary>
    /// Pending granular invites to the same customer (name and email) with a relationship, and that relationship as the
    /// service shows it now (ones it no longer has are skipped: sync cancels them).
    /// </summary>
    private async Task<List<(ResellerInvite Invite, DelegatedAdminRelationshipInfo Relationship)>> SameCustomerPendingAsync(
        GranularInvitePlan plan, CancellationToken cancellationToken)
    {
        var candidates = new List<ResellerInvite>();
        await foreach (var invite in _store.QueryInvitesAsync(new InviteQuery { Statuses = new[] { InviteStatus.Pending }, Kind = InviteKind.GranularAdmin }, cancellationToken).ConfigureAwait(false))
        {
            if (!string.IsNullOrEmpty(invite.RelationshipId)
                && string.Equals(invite.CustomerEmail, plan.CustomerEmail, StringComparison.OrdinalIgnoreCase)
                && string.Equals(invite.CustomerName, plan.CustomerName, StringComparison.OrdinalIgnoreCase))
            {
                candidates.Add(invite);
            }
        }

        var found = new List<(ResellerInvite, DelegatedAdminRelationshipInfo)>();
        foreach (var invite in candidates)
        {
            try
            {
                found.Add((invite, await _graphGdap.GetRelationshipAsync(invite.RelationshipId!, cancellationToken).ConfigureAwait(false)));
            }
            catch (PartnerRelationshipsException ex) when (ex.ErrorId == ErrorIds.Remote.RemoteNotFound)
            {
                // Deleted meanwhile: sync cancels that invite.
            }
        }

        return found;
    }

    /// <summary>
    /// Records the invite (Pending, with its display name) before anything remote happens. A generated name that is
    /// taken (in the store or among the partner's relationships) gets a numbered suffix; a given one fails.
    /// </summary>
    private async Task<ResellerInvite> RecordAsync(GranularInvitePlan plan, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        for (var attempt = 1; ; attempt++)
        {
            var name = plan.DisplayNameGenerated && attempt > 1
                ? RelationshipDisplayNames.Generate(plan.DisplayNamePrefix ?? _config.Invites.DisplayNamePrefix, plan.CustomerName, now, attempt)
                : plan.DisplayName;
            var takenRemotely = await NameTakenRemotelyAsync(name, cancellationToken).ConfigureAwait(false);
            if (!takenRemotely)
            {
                var (subject, body) = Compose(plan, name, LinkNotYetKnown);
                try
                {
                    return await _store.AddInviteAsync(new ResellerInvite
                    {
                        Id = Guid.NewGuid(),
                        Kind = InviteKind.GranularAdmin,
                        CustomerName = plan.CustomerName,
                        CustomerEmail = plan.CustomerEmail,
                        CustomerTenantId = plan.CustomerTenantId,
                        Status = InviteStatus.Pending,
                        CreatedAt = now,
                        StatusChangedAt = now,
                        Link = "",
                        Subject = subject,
                        Body = body,
                        RelationshipDisplayName = name,
                        Template = plan.Template?.Name,
                    }, cancellationToken).ConfigureAwait(false);
                }
                catch (PartnerRelationshipsException ex) when (ex.ErrorId == ErrorIds.Workflow.RelationshipDisplayNameInUse && plan.DisplayNameGenerated && attempt < MaxNameAttempts)
                {
                    continue;
                }
            }
            else if (!plan.DisplayNameGenerated || attempt >= MaxNameAttempts)
            {
                throw new PartnerRelationshipsException(
                    ErrorIds.Workflow.RelationshipDisplayNameInUse,
                    ErrorKind.ResourceExists,
                    $"You already have a granular admin relationship named '{name}'. Display names must be unique among your relationships: " +
                    $"choose another -{ParameterNames.RelationshipName}, or leave it out to use the naming convention.",
                    name);
            }
        }
    }

    private async Task<bool> NameTakenRemotelyAsync(string name, CancellationToken cancellationToken)
    {
        await foreach (var existing in _graphGdap.ListRelationshipsAsync(new RelationshipFilter { DisplayName = name }, cancellationToken).ConfigureAwait(false))
        {
            if (string.Equals(existing.DisplayName, name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsDefinitive(PartnerRelationshipsException ex) =>
        ex.Category is ErrorKind.InvalidArgument or ErrorKind.PermissionDenied or ErrorKind.AuthenticationError or ErrorKind.ResourceExists or ErrorKind.NotEnabled;

    private (string Subject, string Body) Compose(GranularInvitePlan plan, string displayName, string link)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [InvitePlaceholders.PartnerName] = PartnerDisplayName(),
            [InvitePlaceholders.PartnerId] = _config.Partner.MpnId?.Trim() ?? "",
            [InvitePlaceholders.CustomerName] = plan.CustomerName,
            [InvitePlaceholders.CustomerEmail] = plan.CustomerEmail,
            [InvitePlaceholders.Link] = link,
            [GranularInviteTemplate.Roles] = string.Join(", ", plan.Roles.Select(r => r.Name)),
            [GranularInviteTemplate.Duration] = $"{(int)plan.Duration.TotalDays} days" + (plan.AutoExtendDuration > TimeSpan.Zero ? $", extended automatically by {(int)plan.AutoExtendDuration.TotalDays} days" : ""),
            [GranularInviteTemplate.RelationshipName] = displayName,
        };

        return InviteTextRenderer.Render(plan.SubjectText, plan.SubjectOrigin, plan.BodyText, plan.BodyOrigin, values, link,
            "The approval link is how the customer approves the relationship");
    }

    /// <summary>Precedence: the request's own text, its template file, the built-in granular wording.</summary>
    private static (string Subject, string SubjectOrigin, string Body, string BodyOrigin) ChooseWording(GranularInviteRequest request)
    {
        var template = GranularInviteTemplate.Default;
        var origin = "the built-in granular template";
        if (!string.IsNullOrWhiteSpace(request.TemplatePath))
        {
            template = InviteTemplate.Load(request.TemplatePath!);
            origin = $"the template file '{InputExcerpt.Of(request.TemplatePath)}'";
        }

        var (subject, subjectOrigin) = string.IsNullOrWhiteSpace(request.Subject) ? (template.Subject, origin) : (request.Subject!, $"the -{ParameterNames.Subject} text");
        var (body, bodyOrigin) = string.IsNullOrWhiteSpace(request.Body) ? (template.Body, origin) : (request.Body!, $"the -{ParameterNames.Body} text");
        return (subject, subjectOrigin, body, bodyOrigin);
    }

    private string PartnerDisplayName()
    {
        var name = _config.Partner.Name?.Trim();
        return string.IsNullOrEmpty(name) ? $"Partner {_config.Partner.MpnId?.Trim()}" : name!;
    }
}
