using System;
using System.Text.RegularExpressions;
using PartnerRelationships.Core.Text;
using PartnerRelationships.Core.Errors;

namespace PartnerRelationships.Core.Remote;

/// <summary>
/// The Partner Center calls documented for App+User credentials only (each page's Prerequisites; remote-api.md
/// "Credentials"): the one place the module knows which refusals mean "this needs a signed-in partner user".
/// </summary>
public static class AppUserOnlyCalls
{
    private static readonly (string Method, Regex Path, string Call)[] Calls =
    {
        ("GET", Pattern("customers/relationshiprequests"), "Requesting a reseller relationship link"),
        ("PATCH", Pattern("customers/[^/]+"), "Removing a reseller relationship"),
        ("GET", Pattern("customers/[^/]+/relationships"), "Reading a customer's relationships"),
        ("GET", Pattern("customers/[^/]+/subscriptions/[^/]+/supportcontact"), "Reading a subscription's support contact"),
        ("PUT", Pattern("customers/[^/]+/subscriptions/[^/]+/supportcontact"), "Setting a subscription's support contact"),
        ("GET", Pattern("customers/[^/]+/supportcontact"), "Reading a support contact"),
        ("PUT", Pattern("customers/[^/]+/supportcontact"), "Setting a support contact"),
    };

    /// <summary>What the call is, when Partner Center documents it for App+User only; else null.</summary>
    /// <param name="path">The path after the API version, e.g. "customers/{id}/relationships" (a leading "/v1/" is ignored).</param>
    public static string? Describe(string method, string path)
    {
        if (method is null || path is null)
        {
            return null;
        }

        var relative = path.Split('?')[0].TrimStart('/');
        if (relative.StartsWith("v1/", StringComparison.OrdinalIgnoreCase))
        {
            relative = relative.Substring(3);
        }

        foreach (var (m, pattern, call) in Calls)
        {
            if (string.Equals(m, method, StringComparison.OrdinalIgnoreCase) && pattern.IsMatch(relative))
            {
                return call;
            }
        }

        return null;
    }

    /// <summary>The one-sentence explanation of an App+User-only refusal for an app-only sign-in.</summary>
    public static Errors.PartnerRelationshipsException Refused(string call, object? target, Exception? inner = null)
        => new(
            ErrorIds.Remote.AppUserSignInRequired,
            Errors.ErrorKind.PermissionDenied,
            $"{call} needs a signed-in partner user (Partner Center refuses app-only sign-in, such as a client secret, certificate or managed identity, for it): give a runbook one by having a partner admin run {CommandNames.NewPartnerRelationshipRefreshToken} once and setting auth.mode RefreshToken with the vault secret it wrote.",
            target,
            inner);

    private static Regex Pattern(string path) => new("^" + path + "/?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
}
