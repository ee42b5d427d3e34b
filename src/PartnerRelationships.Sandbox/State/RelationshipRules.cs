using System.Xml;

namespace PartnerRelationships.Sandbox.State;

/// <summary>The validation rules the GDAP service enforces on relationship fields.</summary>
internal static class RelationshipRules
{
    public const int MaxDisplayNameLength = 50;
    public static readonly TimeSpan MinDuration = TimeSpan.FromDays(1);
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(730);

    public static string DisplayName(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw SandboxRuleException.BadRequest("The displayName is required: give the relationship a name of 1 to 50 characters.");
        }

        if (value!.Length > MaxDisplayNameLength)
        {
            throw SandboxRuleException.BadRequest(
                $"The displayName is {value.Length} characters long; it must be 1 to {MaxDisplayNameLength} characters.");
        }

        return value;
    }

    public static TimeSpan Duration(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw SandboxRuleException.BadRequest("The duration is required, as an ISO 8601 duration between P1D and P2Y (P730D).");
        }

        var parsed = ParseIsoDuration(value!, "duration");
        if (parsed < MinDuration || parsed > MaxDuration)
        {
            throw SandboxRuleException.BadRequest(
                $"The duration '{value}' is out of range; it must be between P1D and P2Y (P730D) inclusive.");
        }

        return parsed;
    }

    public static TimeSpan AutoExtendDuration(string? value)
    {
        if (value is null)
        {
            return TimeSpan.Zero;
        }

        var parsed = ParseIsoDuration(value, "autoExtendDuration");
        if (parsed != TimeSpan.Zero && parsed != SandboxState.AutoExtendPeriod)
        {
            throw SandboxRuleException.BadRequest(
                $"The autoExtendDuration '{value}' is not supported; use PT0S (no auto-extend), P0D or P180D.");
        }

        return parsed;
    }

    public static List<string> Roles(IReadOnlyList<string>? roleIds)
    {
        if (roleIds is null || roleIds.Count == 0)
        {
            throw SandboxRuleException.BadRequest("The accessDetails.unifiedRoles list is required and must name at least one role.");
        }

        var result = new List<string>();
        foreach (var id in roleIds)
        {
            var role = BuiltInRoles.FindById(id);
            if (role is null)
            {
                throw SandboxRuleException.BadRequest(
                    $"The roleDefinitionId '{id}' is not a built-in Microsoft Entra role; GDAP relationships accept only built-in role definition ids.");
            }

            if (!result.Contains(role.Id, StringComparer.OrdinalIgnoreCase))
            {
                result.Add(role.Id);
            }
        }

        return result;
    }

    public static void AutoExtendAllowed(TimeSpan autoExtend, IEnumerable<string> roleIds)
    {
        if (autoExtend > TimeSpan.Zero && roleIds.Contains(BuiltInRoles.GlobalAdministrator, StringComparer.OrdinalIgnoreCase))
        {
            throw SandboxRuleException.BadRequest(
                "Auto-extend is not available for a relationship that includes the Global Administrator role; set autoExtendDuration to PT0S or remove that role.");
        }
    }

    public static string? TenantId(string? value)
    {
        if (value is not null && !Guid.TryParse(value, out _))
        {
            throw SandboxRuleException.BadRequest($"The customer tenantId '{value}' is not a GUID.");
        }

        return value;
    }

    public static TimeSpan ParseIsoDuration(string value, string field)
    {
        try
        {
            return XmlConvert.ToTimeSpan(value);
        }
        catch (FormatException)
        {
            throw SandboxRuleException.BadRequest($"The {field} '{value}' is not an ISO 8601 duration (for example P730D).");
        }
    }

    public static string FormatIsoDuration(TimeSpan value) => XmlConvert.ToString(value);
}
