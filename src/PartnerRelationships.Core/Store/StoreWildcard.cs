using System.Text;

namespace PartnerRelationships.Core.Store;

/// <summary>
/// Turns a PowerShell-style wildcard (<c>*</c> any run, <c>?</c> one character, a backtick makes the next character
/// literal) into a SQL LIKE pattern used with <c>ESCAPE '\'</c>. Everything else is literal, including LIKE's own
/// <c>%</c> and <c>_</c>, and <c>[</c> (the store's pattern has no character ranges).
/// </summary>
internal static class StoreWildcard
{
    public const char Escape = '\\';

    public static string ToLikePattern(string wildcard)
    {
        var like = new StringBuilder(wildcard.Length + 8);
        for (var i = 0; i < wildcard.Length; i++)
        {
            var c = wildcard[i];
            switch (c)
            {
                case '*':
                    like.Append('%');
                    break;
                case '?':
                    like.Append('_');
                    break;
                case '`' when i + 1 < wildcard.Length:
                    AppendLiteral(like, wildcard[++i]);
                    break;
                default:
                    AppendLiteral(like, c);
                    break;
            }
        }

        return like.ToString();
    }

    private static void AppendLiteral(StringBuilder like, char c)
    {
        if (c is '%' or '_' or Escape)
        {
            like.Append(Escape);
        }

        like.Append(c);
    }
}
