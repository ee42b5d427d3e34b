using System;
using System.IO;
using System.Management.Automation;
using PartnerRelationships.Core.Errors;

namespace PartnerRelationships.PowerShell.Infrastructure;

/// <summary>Turns Core's exceptions into error records with a stable ErrorId, a specific category and the target.</summary>
internal static class ErrorRecords
{
    /// <summary>Everything but the process-fatal: a user never sees a raw exception with a stack trace.</summary>
    public static bool IsReportable(Exception exception) =>
        exception is not (OutOfMemoryException or StackOverflowException or AccessViolationException);

    public static ErrorRecord From(Exception exception)
    {
        exception = Unwrap(exception);
        return exception switch
        {
            PartnerRelationshipsException known => new ErrorRecord(
                new PartnerRelationshipsErrorException(known.Message, known),
                known.ErrorId,
                Map(known.Category),
                known.Target),
            FileNotFoundException { FileName: { } name } missing when name.Contains("Version=") => DependencyLoadFailed(missing),
            FileLoadException or BadImageFormatException => DependencyLoadFailed(exception),
            UnauthorizedAccessException denied => new ErrorRecord(
                new PartnerRelationshipsErrorException($"Access was denied: {denied.Message} Check the file's permissions or choose another path.", denied),
                ErrorIds.Module.AccessDenied,
                ErrorCategory.PermissionDenied,
                null),
            IOException io => new ErrorRecord(
                new PartnerRelationshipsErrorException($"A file operation failed: {io.Message}", io),
                ErrorIds.Module.FileOperationFailed,
                ErrorCategory.WriteError,
                null),
            _ => new ErrorRecord(
                new PartnerRelationshipsErrorException(
                    $"Unexpected error ({exception.GetType().Name}): {exception.Message} Run again with -Verbose and report it if it persists.",
                    exception),
                ErrorIds.Module.UnexpectedError,
                ErrorCategory.NotSpecified,
                null),
        };
    }

    // An assembly that will not load is a broken installation, not a file the user named.
    private static ErrorRecord DependencyLoadFailed(Exception exception) => new(
        new PartnerRelationshipsErrorException(
            $"The module could not load one of its own assemblies: {exception.Message} Reinstall the module, or start a new PowerShell session if another version of it was imported.",
            exception),
        ErrorIds.Module.DependencyLoadFailed,
        ErrorCategory.ResourceUnavailable,
        null);

    public static ErrorRecord Create(string errorId, ErrorCategory category, string message, object? target) =>
        new(new PartnerRelationshipsErrorException(message, null), errorId, category, target);

    private static Exception Unwrap(Exception exception)
    {
        while (exception is AggregateException { InnerExceptions.Count: 1 } aggregate)
        {
            exception = aggregate.InnerExceptions[0];
        }

        return exception;
    }

    public static ErrorCategory Map(ErrorKind kind) => kind switch
    {
        ErrorKind.InvalidArgument => ErrorCategory.InvalidArgument,
        ErrorKind.InvalidData => ErrorCategory.InvalidData,
        ErrorKind.InvalidOperation => ErrorCategory.InvalidOperation,
        ErrorKind.ObjectNotFound => ErrorCategory.ObjectNotFound,
        ErrorKind.ResourceExists => ErrorCategory.ResourceExists,
        ErrorKind.PermissionDenied => ErrorCategory.PermissionDenied,
        ErrorKind.AuthenticationError => ErrorCategory.AuthenticationError,
        ErrorKind.ConnectionError => ErrorCategory.ConnectionError,
        ErrorKind.OperationTimeout => ErrorCategory.OperationTimeout,
        ErrorKind.ResourceUnavailable => ErrorCategory.ResourceUnavailable,
        ErrorKind.LimitsExceeded => ErrorCategory.LimitsExceeded,
        ErrorKind.NotImplemented => ErrorCategory.NotImplemented,
        ErrorKind.NotEnabled => ErrorCategory.NotEnabled,
        ErrorKind.WriteError => ErrorCategory.WriteError,
        ErrorKind.ReadError => ErrorCategory.ReadError,
        ErrorKind.OperationStopped => ErrorCategory.OperationStopped,
        ErrorKind.SecurityError => ErrorCategory.SecurityError,
        _ => ErrorCategory.NotSpecified,
    };
}
