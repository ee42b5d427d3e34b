using System;
using System.Management.Automation;

namespace PartnerRelationships.PowerShell.Validation;

/// <summary>Rejects negative time spans at binding, so "-OlderThan -1" fails with a message instead of matching nothing.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ValidateNonNegativeTimeSpanAttribute : ValidateArgumentsAttribute
{
    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        var value = arguments is PSObject wrapped ? wrapped.BaseObject : arguments;
        if (value is TimeSpan span && span < TimeSpan.Zero)
        {
            throw new ValidationMetadataException(
                $"The time span {span} is negative. Give a positive age such as 14.00:00:00 (14 days) or (New-TimeSpan -Days 14).");
        }
    }
}
