using System;

namespace PartnerRelationships.PowerShell.Infrastructure;

/// <summary>
/// The exception carried by our error records. Its message is the user's answer; PowerShell shows no stack trace
/// for it, and the original exception stays reachable as InnerException for -Verbose digging.
/// </summary>
public sealed class PartnerRelationshipsErrorException : Exception
{
    public PartnerRelationshipsErrorException(string message, Exception? inner)
        : base(message, inner)
    {
    }
}
