using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Remote;

namespace PartnerRelationships.Core.Workflow;

/// <summary>The partner (or indirect reseller) a customer is told to contact for support (Partner Center supportcontact).</summary>
public sealed class SupportContactService
{
    private readonly IPartnerCenterClient _partnerCenter;
    private readonly PartnerRelationshipsConfig _config;

    public SupportContactService(IPartnerCenterClient partnerCenter, PartnerRelationshipsConfig config)
    {
        _partnerCenter = partnerCenter ?? throw new ArgumentNullException(nameof(partnerCenter));
        _config = config ?? throw new ArgumentNullException(nameof(config));
    }

    /// <summary>The customer's support contact, or null when none is set.</summary>
    public async Task<SupportContactInfo?> GetAsync(string customerTenantId, CancellationToken cancellationToken = default)
    {
        var tenant = TenantIds.Require(customerTenantId);
        return await _partnerCenter.GetSupportContactAsync(tenant, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sets the contact; null means the configured partner itself (partner.tenantId, partner.partnerId, partner.name).</summary>
    public Task<SupportContactInfo> SetAsync(string customerTenantId, SupportContactInfo? contact = null, CancellationToken cancellationToken = default)
    {
        var tenant = TenantIds.Require(customerTenantId);
        var value = Validate(contact ?? new SupportContactInfo(_config.Partner.TenantId, _config.Partner.PartnerId, _config.Partner.Name));
        return _partnerCenter.SetSupportContactAsync(tenant, value, cancellationToken);
    }

    /// <summary>The longest support contact name accepted.</summary>
    public const int MaxNameLength = 256;

    /// <summary>The support tenant must be a GUID; the MPN id, when given, digits only; the name one line.</summary>
    public static SupportContactInfo Validate(SupportContactInfo contact)
    {
        if (contact is null) throw new ArgumentNullException(nameof(contact));
        if (!Guid.TryParse(contact.SupportTenantId?.Trim(), out var tenant))
        {
            throw new PartnerRelationshipsException(WorkflowErrorIds.InvalidSupportContact, ErrorKind.InvalidArgument,
                $"The support tenant id '{Invites.InputExcerpt.Of(contact.SupportTenantId ?? "")}' is not a GUID. Give the tenant id of the partner who supports " +
                "the customer (partner.tenantId in the configuration for yourself).", "SupportTenantId");
        }

        var mpn = contact.SupportMpnId?.Trim();
        if (!string.IsNullOrEmpty(mpn) && !mpn!.All(char.IsDigit))
        {
            throw new PartnerRelationshipsException(WorkflowErrorIds.InvalidSupportContact, ErrorKind.InvalidArgument,
                $"The support MPN id '{Invites.InputExcerpt.Of(mpn)}' is not a number. Give the partner's Partner Center (MPN) id, for example 1234567.", "SupportMpnId");
        }

        // The name is shown in the customer's admin center: one line, of a length a display name can have.
        var name = contact.Name?.Trim();
        if (name is not null && (name.Any(char.IsControl) || name.Length > MaxNameLength))
        {
            throw new PartnerRelationshipsException(WorkflowErrorIds.InvalidSupportContact, ErrorKind.InvalidArgument,
                $"The support contact name '{Invites.InputExcerpt.Of(name)}' must be one line of at most {MaxNameLength} characters, " +
                "without line breaks or other control characters.", "SupportName");
        }

        return new SupportContactInfo(tenant.ToString("D"), string.IsNullOrEmpty(mpn) ? null : mpn, name);
    }
}
