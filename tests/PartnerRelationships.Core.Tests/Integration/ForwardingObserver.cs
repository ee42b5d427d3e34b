using PartnerRelationships.Core.Resilience;

namespace PartnerRelationships.Core.Tests.Integration;

/// <summary>Records through another observer and lets a test act on each attempt (e.g. end a fault after it hit).</summary>
public sealed class ForwardingObserver(IRemoteCallObserver inner, Action<RemoteAttempt> onAttempt) : IRemoteCallObserver
{
    public bool TraceBodies => inner.TraceBodies;

    public void OnAttempt(RemoteAttempt attempt)
    {
        onAttempt(attempt);
        inner.OnAttempt(attempt);
    }

    public void OnBody(RemoteBodyTrace body) => inner.OnBody(body);
}
