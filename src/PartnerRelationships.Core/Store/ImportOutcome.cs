namespace PartnerRelationships.Core.Store;

/// <summary>What importing one invite into a store did.</summary>
// Names, not numbers, in PowerShell's ConvertTo-Json (which uses Newtonsoft.Json).
[Newtonsoft.Json.JsonConverter(typeof(Newtonsoft.Json.Converters.StringEnumConverter))]
public enum ImportOutcome
{
    /// <summary>The invite was new here: recorded with its whole history.</summary>
    Added,

    /// <summary>The invite was here with an older state: the missing history was appended and the invite updated.</summary>
    Updated,

    /// <summary>The invite was here already as given (or newer): nothing was written.</summary>
    Unchanged,

    /// <summary>The invite was here with a history that differs from the given one: nothing was written.</summary>
    Conflict,
}
