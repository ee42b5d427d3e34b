using System.Text;

namespace PartnerRelationships.Sandbox.State;

/// <summary>Weak ETags shaped like Graph's (base64 of a quoted version string) and If-Match comparison.</summary>
internal static class ETags
{
    public static string Format(long version)
    {
        var inner = $"'\"{version:x8}-0000-1900-0000-000000000000\"'";
        return $"W/\"{Convert.ToBase64String(Encoding.UTF8.GetBytes(inner))}\"";
    }

    public static bool Matches(string? ifMatch, string current)
    {
        if (ifMatch is null)
        {
            return false;
        }

        // Only an ETag the service gave matches: "*" is not documented for these resources (DocumentedBehaviour).
        return Normalize(ifMatch) == Normalize(current);
    }

    private static string Normalize(string etag)
    {
        var s = etag.Trim();
        if (s.StartsWith("W/", StringComparison.Ordinal))
        {
            s = s.Substring(2);
        }

        return s.Trim('"');
    }
}
