using System.Globalization;
using System.Text;
using PartnerRelationships.Sandbox.State;

namespace PartnerRelationships.Sandbox.Http;

/// <summary>Opaque paging cursors ($skiptoken, MS-ContinuationToken): the sequence number of the last item served.</summary>
internal static class PageCursor
{
    public static string Encode(long after) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes("sbx:" + after.ToString(CultureInfo.InvariantCulture)));

    public static long Decode(string? token, Func<string, SandboxRuleException> invalid)
    {
        if (string.IsNullOrEmpty(token))
        {
            return 0;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token!));
            if (text.StartsWith("sbx:", StringComparison.Ordinal)
                && long.TryParse(text.Substring(4), NumberStyles.None, CultureInfo.InvariantCulture, out var after))
            {
                return after;
            }
        }
        catch (FormatException)
        {
            // fall through: not one of ours
        }

        throw invalid(token!);
    }

    /// <summary>Graph's $top: default and maximum page sizes per collection; a bad value is a 400.</summary>
    public static int Top(HttpRequest request, int defaultSize, int maxSize)
    {
        var raw = request.Query["$top"].ToString();
        if (string.IsNullOrEmpty(raw))
        {
            return defaultSize;
        }

        if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var top) || top < 1)
        {
            throw SandboxRuleException.BadRequest($"The $top value '{raw}' is invalid; use a whole number from 1 to {maxSize}.");
        }

        return Math.Min(top, maxSize);
    }
}
