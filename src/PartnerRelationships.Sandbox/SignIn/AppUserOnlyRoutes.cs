using System.Linq;
using System.Text.RegularExpressions;
using PartnerRelationships.Sandbox.Http;

namespace PartnerRelationships.Sandbox.SignIn;

/// <summary>
/// The Partner Center calls documented for App+User credentials only (each page's Prerequisites, marked in
/// <see cref="PartnerCenterRoutes"/>): the one place the sandbox decides that an app-only token is refused. Route
/// templates become path patterns ({id} matches one segment).
/// </summary>
internal static partial class AppUserOnlyRoutes
{
    private static readonly (string Method, Regex Path, string Call)[] Routes =
        PartnerCenterRoutes.All
            .Where(route => route.AppUserOnly)
            .Select(route => (route.Method, Pattern(PlaceholderPattern().Replace(route.Template, "[^/]+")), route.AppUserOnlyCall!))
            // The customer-level support contact route the module used before (not a documented route): same rule.
            .Append(("GET", Pattern(@"/v1/customers/[^/]+/supportcontact"), "a support contact"))
            .Append(("PUT", Pattern(@"/v1/customers/[^/]+/supportcontact"), "a support contact"))
            .ToArray();

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

    [GeneratedRegex(@"\{[^}/]+\}")]
    private static partial Regex PlaceholderPattern();

    private static Regex Pattern(string path) => new("^" + path + "/?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
}
