using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Text;

namespace PartnerRelationships.Core.Workflow;

/// <summary>
/// Who supports a customer, subscription by subscription (Partner Center keeps support contacts per subscription:
/// get-/update-a-subscription-s-support-contact). An indirect provider names one of its indirect resellers; new-commerce
/// subscriptions cannot have one. One instance serves one command: it remembers each customer's name and
/// subscriptions, so a pipeline of one customer's subscriptions asks for them once.
/// </summary>
public sealed class SupportContactService
{
    /// <summary>The longest support contact name accepted.</summary>
    public const int MaxNameLength = 256;

    private readonly IPartnerCenterClient _partnerCenter;
    private readonly Dictionary<string, string> _customerNames = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, IReadOnlyList<CustomerSubscription>> _subscriptions = new(StringComparer.OrdinalIgnoreCase);

    public SupportContactService(IPartnerCenterClient partnerCenter)
    {
        _partnerCenter = partnerCenter ?? throw new ArgumentNullException(nameof(partnerCenter));
    }

    /// <summary>The customer's subscriptions, each saying whether it can have a support contact.</summary>
    public async Task<IReadOnlyList<CustomerSubscription>> ListSubscriptionsAsync(string customerTenantId, CancellationToken cancellationToken = default)
    {
        var tenant = TenantIds.Require(customerTenantId);
        if (_subscriptions.TryGetValue(tenant, out var known))
        {
            return known;
        }

        // The customer first: an unknown customer fails here with the service's not-found, and its name labels the output.
        var name = await CustomerNameAsync(tenant, cancellationToken).ConfigureAwait(false);
        var listed = await _partnerCenter.ListSubscriptionsAsync(tenant, cancellationToken).ConfigureAwait(false);
        var subscriptions = listed.Select(s => CustomerSubscription.From(tenant, name, s)).ToList();
        _subscriptions[tenant] = subscriptions;
        return subscriptions;
    }

    /// <summary>One subscription of the customer; a non-terminating not-found error when the customer has no such subscription.</summary>
    public async Task<CustomerSubscription> FindSubscriptionAsync(string customerTenantId, string subscriptionId, CancellationToken cancellationToken = default)
    {
        var id = subscriptionId?.Trim();
        if (string.IsNullOrEmpty(id))
        {
            throw new PartnerRelationshipsException(ErrorIds.Workflow.SubscriptionNotFound, ErrorKind.InvalidArgument, "A subscription id is required.", subscriptionId);
        }

        var subscriptions = await ListSubscriptionsAsync(customerTenantId, cancellationToken).ConfigureAwait(false);
        return subscriptions.FirstOrDefault(s => string.Equals(s.SubscriptionId, id, StringComparison.OrdinalIgnoreCase))
               ?? throw new PartnerRelationshipsException(ErrorIds.Workflow.SubscriptionNotFound, ErrorKind.ObjectNotFound,
                   $"The customer {subscriptions.FirstOrDefault()?.CustomerName ?? customerTenantId} has no subscription '{InputExcerpt.Of(id!)}'. " +
                   $"List its subscriptions with {CommandNames.GetCustomerSubscription}.", id);
    }

    /// <summary>The support contact of each of the customer's subscriptions (or of one); new-commerce ones say NotSupported without a call.</summary>
    public async Task<IReadOnlyList<SubscriptionSupportContact>> GetAsync(string customerTenantId, string? subscriptionId = null, CancellationToken cancellationToken = default)
    {
        var subscriptions = string.IsNullOrWhiteSpace(subscriptionId)
            ? await ListSubscriptionsAsync(customerTenantId, cancellationToken).ConfigureAwait(false)
            : new[] { await FindSubscriptionAsync(customerTenantId, subscriptionId!, cancellationToken).ConfigureAwait(false) };
        var contacts = new List<SubscriptionSupportContact>(subscriptions.Count);
        foreach (var subscription in subscriptions)
        {
            contacts.Add(await GetAsync(subscription, cancellationToken).ConfigureAwait(false));
        }

        return contacts;
    }

    /// <summary>The support contact of one subscription.</summary>
    public async Task<SubscriptionSupportContact> GetAsync(CustomerSubscription subscription, CancellationToken cancellationToken = default)
    {
        if (subscription is null) throw new ArgumentNullException(nameof(subscription));
        if (subscription.SupportContact == SupportContactAvailability.NotSupported)
        {
            return Output(subscription, SupportContactState.NotSupported, null);
        }

        var contact = await _partnerCenter.GetSubscriptionSupportContactAsync(subscription.CustomerTenantId, subscription.SubscriptionId, cancellationToken).ConfigureAwait(false);
        return Output(subscription, contact is null ? SupportContactState.NotSet : SupportContactState.Set, contact);
    }

    /// <summary>
    /// Names <paramref name="contact"/> (validated with <see cref="Validate"/>) as the subscription's support contact.
    /// A new-commerce subscription is refused before any call.
    /// </summary>
    public async Task<SubscriptionSupportContact> SetAsync(CustomerSubscription subscription, SupportContactInfo contact, CancellationToken cancellationToken = default)
    {
        if (subscription is null) throw new ArgumentNullException(nameof(subscription));
        RequireSupported(subscription);
        var valid = Validate(contact);
        var set = await _partnerCenter.SetSubscriptionSupportContactAsync(subscription.CustomerTenantId, subscription.SubscriptionId, valid, cancellationToken).ConfigureAwait(false);
        return Output(subscription, SupportContactState.Set, set);
    }

    /// <summary>Refuses a subscription that cannot have a support contact (new commerce).</summary>
    public static void RequireSupported(CustomerSubscription subscription)
    {
        if (subscription.SupportContact == SupportContactAvailability.NotSupported)
        {
            throw new PartnerRelationshipsException(ErrorIds.Workflow.SupportContactNotSupported, ErrorKind.InvalidOperation,
                $"The subscription '{subscription.SubscriptionName}' ({subscription.SubscriptionId}) of {subscription.CustomerName} is a new-commerce " +
                $"subscription; Partner Center supports no support contact on it. Choose a legacy subscription ({CommandNames.GetCustomerSubscription} shows SupportContact Available).",
                subscription.SubscriptionId);
        }
    }

    /// <summary>
    /// The support contact for one of the customer's indirect resellers (get-indirect-resellers-of-a-customer), found by
    /// its MPN id, tenant id or name: the reseller's tenant id, MPN id and name as Partner Center knows them.
    /// </summary>
    public async Task<SupportContactInfo> IndirectResellerAsync(string customerTenantId, string reseller, CancellationToken cancellationToken = default)
    {
        var tenant = TenantIds.Require(customerTenantId);
        var wanted = reseller?.Trim() ?? "";
        var resellers = await _partnerCenter.ListCustomerRelationshipsAsync(tenant, cancellationToken).ConfigureAwait(false);
        var match = resellers.FirstOrDefault(r => string.Equals(r.MpnId, wanted, StringComparison.OrdinalIgnoreCase)
                                                  || string.Equals(r.Id, wanted, StringComparison.OrdinalIgnoreCase)
                                                  || string.Equals(r.Name, wanted, StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            var known = resellers.Count == 0 ? "it has none" : "its indirect resellers are " + string.Join(", ", resellers.Select(r => $"{r.Name} (MPN {r.MpnId})"));
            throw new PartnerRelationshipsException(ErrorIds.Workflow.IndirectResellerNotFound, ErrorKind.ObjectNotFound,
                $"'{InputExcerpt.Of(wanted)}' is not an indirect reseller of customer {tenant}: {known}. " +
                $"Give the reseller's MPN id, tenant id or name, or -{ParameterNames.SupportTenantId}, -{ParameterNames.SupportMpnId} and -{ParameterNames.SupportName}.", wanted);
        }

        return Validate(new SupportContactInfo(match.Id, match.MpnId, match.Name));
    }

    /// <summary>
    /// A populated SupportContact (update-a-subscription-s-support-contact): the reseller's tenant id (GUID), MPN id
    /// (digits) and name (one line).
    /// </summary>
    public static SupportContactInfo Validate(SupportContactInfo contact)
    {
        if (contact is null) throw new ArgumentNullException(nameof(contact));
        if (!Guid.TryParse(contact.SupportTenantId?.Trim(), out var tenant))
        {
            throw Invalid($"The support tenant id '{InputExcerpt.Of(contact.SupportTenantId ?? "")}' is not a GUID. Give the tenant id of the " +
                          "indirect reseller who supports the customer.", "SupportTenantId");
        }

        var mpn = contact.SupportMpnId?.Trim();
        if (string.IsNullOrEmpty(mpn) || !mpn!.All(c => c is >= '0' and <= '9'))
        {
            throw Invalid(string.IsNullOrEmpty(mpn)
                ? "The support MPN id is missing. Give the indirect reseller's Partner Center (MPN) id, for example 1234567."
                : $"The support MPN id '{InputExcerpt.Of(mpn!)}' is not a number. Give the indirect reseller's Partner Center (MPN) id, for example 1234567.", "SupportMpnId");
        }

        // The name is shown in the customer's admin center: one line, of a length a display name can have.
        var name = contact.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name!.Any(char.IsControl) || name!.Length > MaxNameLength)
        {
            throw Invalid($"The support contact name '{InputExcerpt.Of(name ?? "")}' must be one line of 1 to {MaxNameLength} characters, " +
                          "without line breaks or other control characters.", "SupportName");
        }

        return new SupportContactInfo(tenant.ToString("D"), mpn, name);
    }

    private async Task<string> CustomerNameAsync(string tenant, CancellationToken cancellationToken)
    {
        if (!_customerNames.TryGetValue(tenant, out var name))
        {
            var customer = await _partnerCenter.GetCustomerAsync(tenant, cancellationToken).ConfigureAwait(false);
            name = string.IsNullOrWhiteSpace(customer.CompanyName) ? tenant : customer.CompanyName;
            _customerNames[tenant] = name;
        }

        return name;
    }

    private static SubscriptionSupportContact Output(CustomerSubscription s, SupportContactState state, SupportContactInfo? contact) => new()
    {
        CustomerTenantId = s.CustomerTenantId,
        CustomerName = s.CustomerName,
        SubscriptionId = s.SubscriptionId,
        SubscriptionName = s.SubscriptionName,
        State = state,
        SupportTenantId = contact?.SupportTenantId,
        SupportMpnId = contact?.SupportMpnId,
        SupportName = contact?.Name,
    };

    private static PartnerRelationshipsException Invalid(string message, string target) =>
        new(ErrorIds.Workflow.InvalidSupportContact, ErrorKind.InvalidArgument, message, target);
}
