using System.Text.RegularExpressions;

namespace PartnerRelationships.Sandbox.SignIn;

/// <summary>
/// The Partner Center calls documented for App+User credentials only (each page's Prerequisites): the one place the
/// sandbox decides that an app-only token is refused. Paths are matched as patterns so new routes for these calls need
/// no change elsewhere.
/// </summary>
internal static partial class AppUserOnlyRoutes
{
    private static readonly (string Method, Regex Path, string Call)[] Routes =
    {
        // request-reseller-relationship
        ("GET", Pattern(@"/v1/customers/relationshiprequests"), "the reseller relationship request"),
        // remove-a-reseller-relationship-with-a-customer
        ("PATCH", Pattern(@"/v1/customers/[^/]+"), "removing a reseller relationship"),
        // get-indirect-resellers-of-a-customer
        ("GET", Pattern(@"/v1/customers/[^/]+/relationships"), "a customer's relationships"),
        // get-a-subscription-s-support-contact / update-a-subscription-s-support-contact
        ("GET", Pattern(@"/v1/customers/[^/]+/subscriptions/[^/]+/supportcontact"), "a subscription's support contact"),
        ("PUT", Pattern(@"/v1/customers/[^/]+/subscriptions/[^/]+/supportcontact"), "a subscription's support contact"),
        // The customer-level support contact route the module used before (not a documented route): same rule.
        ("GET", Pattern(@"/v1/customers/[^/]+/supportcontact"), "a support contact"),
        ("PUT", Pattern(@"/v1/customers/[^/]+/supportcontact"), "a support contact"),
    };

    /// <summary>The call's description when it needs App+User credentials, else null.</summary>
    public static string? Match(string method, string path)
    {
        foreach (var (m, pattern, call) in Routes)
        {
            if (string.Equals(m, method, StringComparison.OrdinalIgnoreCase) && pattern.IsMatch(path))
            {
                return call;
            }
        }

        return null;
    }

    private static Regex Pattern(string path) => new("^" + path + "/?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
}
