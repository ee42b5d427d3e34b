using System;
using System.Text;

namespace PartnerRelationships.Core.Remote;

/// <summary>The field a Partner Center customer search looks at (the documented CustomerSearchField values we use).</summary>
public enum CustomerSearchField
{
    CompanyName,
    Domain,
}

/// <summary>
/// A Partner Center customer search: customers whose field starts with the prefix, case ignored. Partner Center has
/// only this one operator for customers ("Get a list of customers filtered by a search field",
/// learn.microsoft.com/partner-center/developer/get-a-customer-by-name); anything finer is filtered on our side.
/// </summary>
public sealed record CustomerSearch(CustomerSearchField Field, string Prefix)
{
    /// <summary>The filter query value, unencoded: {"Field":"CompanyName","Value":"cont","Operator":"starts_with"}.</summary>
    public string ToFilterJson()
    {
        if (string.IsNullOrEmpty(Prefix)) throw new InvalidOperationException("A customer search needs a prefix.");
        var json = new StringBuilder("{\"Field\":\"").Append(Field).Append("\",\"Value\":\"");
        foreach (var c in Prefix)
        {
            switch (c)
            {
                case '"': json.Append("\\\""); break;
                case '\\': json.Append("\\\\"); break;
                default:
                    if (c < ' ') json.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    else json.Append(c);
                    break;
            }
        }

        return json.Append("\",\"Operator\":\"starts_with\"}").ToString();
    }
}
