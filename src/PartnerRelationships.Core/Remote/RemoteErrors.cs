using System;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Text;

namespace PartnerRelationships.Core.Remote;

/// <summary>Turns a service's error answer into our exception with a stable id and a message that says what to do.</summary>
public static class RemoteErrors
{
    public static PartnerRelationshipsException FromStatus(int status, string operation, string? serviceCode, string? serviceMessage, object? target = null, Exception? inner = null)
    {
        var said = string.IsNullOrWhiteSpace(serviceMessage) ? "" : $": {serviceMessage!.Trim().TrimEnd('.')}.";
        var code = string.IsNullOrWhiteSpace(serviceCode) ? $"HTTP {status}" : $"HTTP {status}, {serviceCode}";
        var head = $"{operation} failed ({code}){(said.Length == 0 ? "." : said)}";
        return status switch
        {
            400 => new(ErrorIds.Remote.RemoteBadRequest, ErrorKind.InvalidArgument, $"{head} Correct the request and try again.", target, inner),
            401 => new(ErrorIds.Remote.RemoteUnauthorized, ErrorKind.AuthenticationError, $"{head} Sign in again with {CommandNames.ConnectPartnerRelationship}.", target, inner),
            403 => new(ErrorIds.Remote.RemoteForbidden, ErrorKind.PermissionDenied, $"{head} The signed-in account or app lacks the permission or admin role this needs (Graph: DelegatedAdminRelationship.ReadWrite.All; Partner Center: an admin agent).", target, inner),
            404 => new(ErrorIds.Remote.RemoteNotFound, ErrorKind.ObjectNotFound, $"{head} Check the id; it may have been removed.", target, inner),
            409 => new(ErrorIds.Remote.RemoteConflict, ErrorKind.ResourceExists, $"{head} Get the current state and try again.", target, inner),
            412 => new(ErrorIds.Remote.RemotePreconditionFailed, ErrorKind.InvalidOperation, $"{head} It changed since it was read; get it again and retry.", target, inner),
            429 => new(ErrorIds.Remote.RemoteThrottled, ErrorKind.LimitsExceeded, $"{head} Wait a few minutes and try again.", target, inner),
            >= 500 => new(ErrorIds.Remote.RemoteServiceError, ErrorKind.ResourceUnavailable, head + Resilience.ServiceErrorText.RetryAdvice(serviceMessage), target, inner),
            _ => new(ErrorIds.Remote.RemoteError, ErrorKind.InvalidOperation, head, target, inner),
        };
    }
}
