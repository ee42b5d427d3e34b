using System.Text.Json;
using PartnerRelationships.Sandbox.State;

namespace PartnerRelationships.Sandbox.Http;

/// <summary>
/// The filter of GET /v1/customers?filter=… as "Get a list of customers filtered by a search field" documents it
/// (learn.microsoft.com/partner-center/developer/get-a-customer-by-name): a URL-encoded JSON object
/// {"Field":"CompanyName"|"Domain","Value":"cont","Operator":"starts_with"}; the value's case is ignored and
/// starts_with is the only operator. The sandbox filters by company name and domain (the indirect reseller/CSP
/// fields are not emulated and are refused as bad input).
/// </summary>
internal sealed class CustomerSearchFilter
{
    private CustomerSearchFilter(string field, string value)
    {
        Field = field;
        Value = value;
    }

    public string Field { get; }

    public string Value { get; }

    /// <summary>Null when the request has no filter.</summary>
    public static CustomerSearchFilter? From(HttpRequest request)
    {
        var raw = request.Query["filter"].ToString();
        if (string.IsNullOrEmpty(raw))
        {
            return null;
        }

        string? field = null, value = null, op = null;
        try
        {
            using var document = JsonDocument.Parse(raw);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var text = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
                switch (property.Name)
                {
                    case "Field": field = text; break;
                    case "Value": value = text; break;
                    case "Operator": op = text; break;
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            throw Invalid($"The filter '{raw}' is not a JSON object like {{\"Field\":\"CompanyName\",\"Value\":\"cont\",\"Operator\":\"starts_with\"}}.");
        }

        if (!string.Equals(op, "starts_with", StringComparison.Ordinal))
        {
            throw Invalid($"The filter operator '{op}' is not supported; the only operator for customers is starts_with.");
        }

        if (field is not ("CompanyName" or "Domain"))
        {
            throw Invalid($"The filter field '{field}' is not supported by the sandbox; use CompanyName or Domain.");
        }

        if (string.IsNullOrEmpty(value))
        {
            throw Invalid("The filter has no Value to search for.");
        }

        return new CustomerSearchFilter(field, value!);
    }

    public bool IsMatch(SandboxCustomer customer)
    {
        var text = Field == "Domain" ? customer.Domain : customer.CompanyName;
        return text is not null && text.StartsWith(Value, StringComparison.OrdinalIgnoreCase);
    }

    private static SandboxRuleException Invalid(string message) => new(400, "badRequest", message, 400011, "InvalidInput");
}
