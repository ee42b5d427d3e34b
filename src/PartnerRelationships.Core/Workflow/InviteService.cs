using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Store;
using PartnerRelationships.Core.Text;

namespace PartnerRelationships.Core.Workflow;

/// <summary>
/// Composes reseller invites and records them. <see cref="Prepare"/> validates and composes without side effects,
/// so callers can ask for confirmation; <see cref="RecordAsync"/> writes the store and the optional .eml together.
/// </summary>
public sealed class InviteService
{
    private readonly PartnerRelationshipsConfig _config;
    private readonly IRelationshipStore _store;
    private readonly TimeProvider _clock;

    public InviteService(PartnerRelationshipsConfig config, IRelationshipStore store, TimeProvider clock)
    {
        _config = config ?? throw new ArgumentNullException(nameof(config));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
    }

    /// <summary>Validates the request and composes the draft. Reads a template file if one applies; writes nothing.</summary>
    public InviteDraft Prepare(ResellerInviteRequest request)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        var customerName = InviteRequestValidator.ValidateCustomerName(request.CustomerName);
        var customerEmail = InviteRequestValidator.ValidateCustomerEmail(request.CustomerEmail);
        var customerTenantId = InviteRequestValidator.ValidateCustomerTenantId(request.CustomerTenantId);
        var link = string.IsNullOrWhiteSpace(request.ServiceLink) ? ResellerLinkBuilder.ForConfig(_config) : ResellerLinkBuilder.FromService(request.ServiceLink!);

        var (subjectText, subjectOrigin, bodyText, bodyOrigin) = ChooseWording(request);
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [InvitePlaceholders.PartnerName] = PartnerDisplayName(),
            [InvitePlaceholders.PartnerId] = _config.Partner.MpnId.Trim(),
            [InvitePlaceholders.CustomerName] = customerName,
            [InvitePlaceholders.CustomerEmail] = customerEmail,
            [InvitePlaceholders.Link] = link,
        };

        var (subject, body) = InviteTextRenderer.Render(subjectText, subjectOrigin, bodyText, bodyOrigin, values, link,
            "The link is personalised to your partner account and is how the customer accepts");

        return new InviteDraft
        {
            Kind = InviteKind.Reseller,
            CustomerName = customerName,
            To = customerEmail,
            CustomerTenantId = customerTenantId,
            Subject = subject,
            Body = body,
            Link = link,
        };
    }

    /// <summary>
    /// Records the invite as Pending and, when asked, writes the draft as .eml. The file is staged first and moved into
    /// place only after the store accepted the invite, so a refused file records nothing and a failed record leaves
    /// no file. A crash between the two leaves a recorded invite without its draft: running the same request again
    /// finds that pending invite (unless <see cref="ResellerInviteRequest.AllowDuplicate"/>), writes the missing draft
    /// and records nothing new.
    /// </summary>
    public async Task<CreatedInvite> RecordAsync(ResellerInviteRequest request, InviteDraft draft, CancellationToken ct)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        if (draft is null)
        {
            throw new ArgumentNullException(nameof(draft));
        }

        ct.ThrowIfCancellationRequested();
        var now = _clock.GetUtcNow();
        var invite = new ResellerInvite
        {
            Id = Guid.NewGuid(),
            Kind = InviteKind.Reseller,
            CustomerName = draft.CustomerName,
            CustomerEmail = draft.To,
            CustomerTenantId = draft.CustomerTenantId,
            Status = InviteStatus.Pending,
            CreatedAt = now,
            StatusChangedAt = now,
            Link = draft.Link,
            Subject = draft.Subject,
            Body = draft.Body,
        };

        if (!request.AllowDuplicate && await FindPendingAsync(draft.To, ct).ConfigureAwait(false) is { } pending)
        {
            // The same address already has a pending invite: a re-run of a batch (perhaps after a crash between
            // recording and the draft) or a second invite by mistake. Return that one and finish its draft.
            return new CreatedInvite(pending, DraftFileWriter.FinishRecorded(request.DraftFile, request.OverwriteDraftFile, pending, _clock.GetUtcNow()), alreadyPending: true);
        }

        DraftFileWriter? file = null;
        if (!string.IsNullOrWhiteSpace(request.DraftFile))
        {
            var content = EmlWriter.ComposeBytes(draft.To, draft.Subject, draft.Body, now);
            file = DraftFileWriter.Stage(request.DraftFile!, draft.CustomerName, request.OverwriteDraftFile, content, now);
        }

        ResellerInvite stored;
        try
        {
            stored = await _store.AddInviteAsync(invite, ct).ConfigureAwait(false);
        }
        catch
        {
            file?.Discard();
            throw;
        }

        file?.Commit(stored.Id);
        return new CreatedInvite(stored, file?.Path);
    }

    /// <summary>The oldest reseller invite to this address that is still pending, if any.</summary>
    private async Task<ResellerInvite?> FindPendingAsync(string email, CancellationToken ct)
    {
        var query = new InviteQuery { Kind = InviteKind.Reseller, Statuses = new[] { InviteStatus.Pending }, CustomerEmail = email };
        await foreach (var invite in _store.QueryInvitesAsync(query, ct).ConfigureAwait(false))
        {
            return invite;
        }

        return null;
    }

    /// <summary>Precedence: the request's own text, its template, the configured subject/template, the built-in one.</summary>
    private (string Subject, string SubjectOrigin, string Body, string BodyOrigin) ChooseWording(ResellerInviteRequest request)
    {
        InviteTemplate? template = null;
        string? templateOrigin = null;
        if (!string.IsNullOrWhiteSpace(request.TemplatePath))
        {
            template = InviteTemplate.Load(request.TemplatePath!);
            templateOrigin = $"the template file '{InputExcerpt.Of(request.TemplatePath)}'";
        }

        string subject, subjectOrigin, body, bodyOrigin;
        if (!string.IsNullOrWhiteSpace(request.Subject))
        {
            (subject, subjectOrigin) = (request.Subject!, $"the -{ParameterNames.Subject} text");
        }
        else if (template is not null)
        {
            (subject, subjectOrigin) = (template.Subject, templateOrigin!);
        }
        else if (!string.IsNullOrWhiteSpace(_config.Invites.Subject))
        {
            (subject, subjectOrigin) = (_config.Invites.Subject!, "the configured invites.subject");
        }
        else
        {
            (template, templateOrigin) = ConfiguredOrDefaultTemplate();
            (subject, subjectOrigin) = (template.Subject, templateOrigin);
        }

        if (!string.IsNullOrWhiteSpace(request.Body))
        {
            (body, bodyOrigin) = (request.Body!, $"the -{ParameterNames.Body} text");
        }
        else
        {
            if (template is null)
            {
                (template, templateOrigin) = ConfiguredOrDefaultTemplate();
            }

            (body, bodyOrigin) = (template.Body, templateOrigin!);
        }

        return (subject, subjectOrigin, body, bodyOrigin);
    }

    private (InviteTemplate Template, string Origin) ConfiguredOrDefaultTemplate()
    {
        var configured = _config.Invites.TemplatePath;
        if (string.IsNullOrWhiteSpace(configured))
        {
            return (InviteTemplate.Default, "the built-in template");
        }

        var path = ResolveAgainstConfigFolder(configured!.Trim());
        return (InviteTemplate.Load(path), $"the configured template file '{InputExcerpt.Of(path)}'");
    }

    /// <summary>A relative invites.templatePath means relative to the configuration file, not the current folder.</summary>
    private string ResolveAgainstConfigFolder(string path)
    {
        if (Path.IsPathRooted(path) || string.IsNullOrEmpty(_config.SourcePath))
        {
            return path;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(_config.SourcePath));
        return string.IsNullOrEmpty(folder) ? path : Path.Combine(folder, path);
    }

    private string PartnerDisplayName()
    {
        var name = _config.Partner.Name?.Trim();
        return string.IsNullOrEmpty(name) ? $"Partner {_config.Partner.MpnId.Trim()}" : name!;
    }
}
