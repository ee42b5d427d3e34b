namespace PartnerRelationships.Core.Errors;

/// <summary>Mirrors the PowerShell error categories Core needs, without a PowerShell dependency.</summary>
public enum ErrorKind
{
    InvalidArgument,
    InvalidData,
    InvalidOperation,
    ObjectNotFound,
    ResourceExists,
    PermissionDenied,
    AuthenticationError,
    ConnectionError,
    OperationTimeout,
    ResourceUnavailable,
    LimitsExceeded,
    NotImplemented,
    NotEnabled,
    WriteError,
    ReadError,
    OperationStopped,

    /// <summary>Something unsafe as given: line breaks that would add mail headers, a secret written into a file.</summary>
    SecurityError,
}
