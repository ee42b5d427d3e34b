namespace PartnerRelationships.Sandbox.Http;

/// <summary>One Partner Center route the sandbox serves, with the doc page it follows and what that page says.</summary>
/// <param name="DocPage">learn.microsoft.com/partner-center/developer/&lt;page&gt;.</param>
/// <param name="Rules">The documented behaviour the sandbox reproduces, and our choices where the page is silent.</param>
/// <param name="AppUserOnlyCall">How the refusal names the call when its page documents App+User credentials only (an
/// app-only token is refused there: <see cref="PartnerRelationships.Sandbox.SignIn.AppUserOnlyRoutes"/>); null when
/// app-only tokens may call it.</param>
internal sealed record PartnerCenterRoute(string Method, string Template, string DocPage, string? AppUserOnlyCall, string Rules)
{
    public bool AppUserOnly => AppUserOnlyCall is not null;
}

/// <summary>
/// Every Partner Center route of the sandbox in one table: each names its doc page and rules (docs/wire-contract.md
/// has the same list). <see cref="PartnerCenterEndpoints"/> maps exactly these. Headers (page "headers"): requests carry
/// MS-RequestId, MS-CorrelationId and MS-Contract-Version; the answer echoes MS-CorrelationId and MS-RequestId. Errors
/// (page "error-codes") come in the classic shape {code, description, data, source} or the newer one
/// {code, message, description, errorName, isRetryable, parameters}.
/// </summary>
internal static class PartnerCenterRoutes
{
    public static readonly PartnerCenterRoute RelationshipRequest = new(
        "GET", "/v1/customers/relationshiprequests", "request-reseller-relationship", AppUserOnlyCall: "the reseller relationship request",
        "No query parameters are documented (any are ignored). 200 {url, attributes: {objectType: RelationshipRequest}}; the url is the " +
        "partner's direct link: invType=ResellerRelationship&partnerId=<partner tenant GUID>&msppId=0&DAP=false.");

    public static readonly PartnerCenterRoute Customers = new(
        "GET", "/v1/customers", "get-a-list-of-customers", AppUserOnlyCall: null,
        "?size=N (1-500). 200 {totalCount, items, links: {self, next?}, attributes: {objectType: Collection}}. The next page: " +
        "links.next.uri WITHOUT the /v1 prefix (as get-invoiceline-items' example shows) and links.next.headers " +
        "[{key: MS-ContinuationToken, value}], sent back as the MS-ContinuationToken header. Items leave allowDelegatedAccess out " +
        "when it is unknown (the page's own example has none).");

    public static readonly PartnerCenterRoute Customer = new(
        "GET", "/v1/customers/{id}", "get-a-customer-by-id", AppUserOnlyCall: null,
        "200 camelCase Customer {id, companyProfile: {tenantId, domain, companyName}, relationshipToPartner, allowDelegatedAccess?}; " +
        "an unknown id: 404.");

    public static readonly PartnerCenterRoute RemoveReseller = new(
        "PATCH", "/v1/customers/{id}", "remove-a-reseller-relationship-with-a-customer", AppUserOnlyCall: "removing a reseller relationship",
        "Body {relationshipToPartner: none, attributes: {objectType: Customer}} (property names in any casing); anything else is a 400. " +
        "Refused (400) while the customer has active subscriptions. 200 with the page's PascalCase body " +
        "{Id: null, …, RelationshipToPartner: none, AllowDelegatedAccess: null, Attributes: {ObjectType: Customer}}.");

    public static readonly PartnerCenterRoute Subscriptions = new(
        "GET", "/v1/customers/{id}/subscriptions", "get-all-of-a-customer-s-subscriptions", AppUserOnlyCall: null,
        "200 Collection of Subscription {id, offerId, offerName, friendlyName, quantity, status, termDuration?, billingCycle, " +
        "contractType, links, attributes: {etag, objectType: Subscription}}. New-commerce subscriptions' offerId is a catalog item " +
        "id (product:sku:availability); legacy ones a GUID.");

    public static readonly PartnerCenterRoute GetSupportContact = new(
        "GET", "/v1/customers/{id}/subscriptions/{subscriptionId}/supportcontact", "get-a-subscription-s-support-contact", AppUserOnlyCall: "a subscription's support contact",
        "200 SupportContact {supportTenantId, supportMpnId, name, links.self, attributes: {objectType: SupportContact}}. Our choices " +
        "(the page is silent): none set → 404 classic code 1000; a new-commerce subscription → 400 classic code 800042 (\"Not supported\").");

    public static readonly PartnerCenterRoute UpdateSupportContact = new(
        "PUT", "/v1/customers/{id}/subscriptions/{subscriptionId}/supportcontact", "update-a-subscription-s-support-contact", AppUserOnlyCall: "a subscription's support contact",
        "Body: a populated SupportContact (the page's example sends PascalCase names; any casing is read). \"The support contact must be " +
        "an existing reseller with a relationship to the partner\": otherwise 400 classic code 800016 (error-codes: \"MPN Id is not a valid " +
        "Indirect Reseller\"). New commerce: 400 code 800042. 200 with the stored SupportContact.");

    public static readonly PartnerCenterRoute IndirectResellers = new(
        "GET", "/v1/customers/{id}/relationships", "get-indirect-resellers-of-a-customer", AppUserOnlyCall: "a customer's relationships",
        "200 Collection of PartnerRelationship {id (the reseller's tenant id), name, relationshipType: " +
        "is_indirect_cloud_solution_provider_of, mpnId, attributes}. With no indirect resellers the body is empty (remote-api.md).");

    public static readonly IReadOnlyList<PartnerCenterRoute> All = new[]
    {
        RelationshipRequest, Customers, Customer, RemoveReseller, Subscriptions, GetSupportContact, UpdateSupportContact, IndirectResellers,
    };
}
