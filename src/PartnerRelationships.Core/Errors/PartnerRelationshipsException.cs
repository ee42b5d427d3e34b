using System;

namespace PartnerRelationships.Core.Errors;

/// <summary>
/// The one exception type Core throws for anything a user can act on. The cmdlet layer turns it into an
/// ErrorRecord with <see cref="ErrorId"/> and <see cref="Category"/>; the message says what to do.
/// </summary>
public class PartnerRelationshipsException : Exception
{
    public PartnerRelationshipsException(string errorId, ErrorKind category, string message, object? target = null, Exception? inner = null)
        : base(message, inner)
    {
        ErrorId = errorId;
        Category = category;
        Target = target;
    }

    /// <summary>Stable id, e.g. <c>InvalidCustomerEmail</c>. Tests and scripts match on it.</summary>
    public string ErrorId { get; }

    public ErrorKind Category { get; }

    /// <summary>The object the error is about (a path, an invite id, a config key).</summary>
    public object? Target { get; }
}
