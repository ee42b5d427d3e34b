namespace PartnerRelationships.Core.Resilience;

/// <summary>
/// Passes sign-in attempts (method, path, status, retry) to the session's observer but never their bodies: forms and
/// answers of a token endpoint are secrets from end to end, so -Debug shows none of them, redacted or not.
/// </summary>
internal sealed class SignInCallObserver : IRemoteCallObserver
{
    private readonly IRemoteCallObserver _inner;

    private SignInCallObserver(IRemoteCallObserver inner) => _inner = inner;

    public static IRemoteCallObserver? Wrap(IRemoteCallObserver? inner) => inner is null ? null : new SignInCallObserver(inner);

    public bool TraceBodies => false;

    /// <summary>
    /// Only what is worth a line: a retry, a failure, an answer other than success. A first-time success is quiet
    /// (the cmdlet already says it is signing in), so -Verbose keeps one line per service call.
    /// </summary>
    public void OnAttempt(RemoteAttempt attempt)
    {
        if (attempt.Attempt > 1 || attempt.RetryDelay is not null || attempt.StatusCode is null or >= 300)
        {
            _inner.OnAttempt(attempt);
        }
    }

    public void OnBody(RemoteBodyTrace body)
    {
    }
}
