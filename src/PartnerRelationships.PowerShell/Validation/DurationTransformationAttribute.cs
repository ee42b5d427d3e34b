using System;
using System.Globalization;
using System.Management.Automation;
using PartnerRelationships.Core.Text;

namespace PartnerRelationships.PowerShell.Validation;

/// <summary>
/// Lets a TimeSpan parameter take "14d", "12h", "P14D" or "14.00:00:00" as well as a TimeSpan. Without it PowerShell
/// reads 14 as fourteen ticks and "14d" as an error that does not say what would work.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class DurationTransformationAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        switch (value)
        {
            case null:
            case TimeSpan:
                return value;
            case string text when DurationText.TryParse(text, out var span):
                return span;
            case string text:
                throw new ArgumentTransformationMetadataException(DurationText.NotADuration(text));
            // PowerShell reads unquoted 14d and 30s as number literals (d = decimal, s = short) before binding, so
            // those two types can only mean what the admin typed: days and seconds.
            case decimal days:
                return TimeSpan.FromDays((double)days);
            case short seconds:
                return TimeSpan.FromSeconds(seconds);
            case IConvertible number when Convert.GetTypeCode(number) is >= TypeCode.SByte and <= TypeCode.Decimal:
                return Convert.ToDouble(number, CultureInfo.InvariantCulture) == 0
                    ? TimeSpan.Zero
                    : throw new ArgumentTransformationMetadataException(DurationText.NoUnit((IFormattable)number));
            default:
                return inputData;
        }
    }
}
