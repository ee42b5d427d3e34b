using System.Collections.Generic;

namespace PartnerRelationships.Core.Resilience;

public enum RemoteBodyDirection
{
    Request,
    Response,
}

/// <summary>A request or response as seen on the wire, with secrets and tokens already redacted.</summary>
public sealed record RemoteBodyTrace(
    RemoteBodyDirection Direction,
    string Method,
    string Path,
    int Attempt,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    string? Body);
