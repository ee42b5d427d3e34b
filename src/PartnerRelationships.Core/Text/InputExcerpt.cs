using System.Text;

namespace PartnerRelationships.Core.Text;

/// <summary>
/// Shortens user input before it goes into an error message, so a pasted novel or a crafted header does not
/// flood (or forge lines in) the console and logs.
/// </summary>
internal static class InputExcerpt
{
    public const int MaxLength = 100;

    public static string Of(string? value)
    {
        if (value is null)
        {
            return "";
        }

        var builder = new StringBuilder();
        foreach (var c in value)
        {
            if (builder.Length >= MaxLength)
            {
                builder.Append('…');
                break;
            }

            builder.Append(c switch
            {
                '\r' => "\\r",
                '\n' => "\\n",
                '\t' => "\\t",
                _ when char.IsControl(c) => "?",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }
}
