using System.Reflection;
using System.Runtime.CompilerServices;
using PartnerRelationships.Core.Remote;

namespace PartnerRelationships.Benchmarks;

/// <summary>
/// A Graph GDAP client and a Partner Center client that hand out lists read once before, from memory: CustomerDirectory over
/// them costs only its own join and mapping (the listing benchmark's diagnosis of where the directory's time goes).
/// Any other call fails: the directory must not make one.
/// </summary>
internal class ReplayedLists : DispatchProxy
{
    private IReadOnlyList<DelegatedAdminRelationshipInfo> _relationships = Array.Empty<DelegatedAdminRelationshipInfo>();
    private IReadOnlyList<PartnerCustomerInfo> _customers = Array.Empty<PartnerCustomerInfo>();

    public static (IGraphGdapClient GraphGdap, IPartnerCenterClient PartnerCenter) Of(IReadOnlyList<DelegatedAdminRelationshipInfo> relationships, IReadOnlyList<PartnerCustomerInfo> customers)
    {
        var graphGdap = Create<IGraphGdapClient, ReplayedLists>();
        var partnerCenter = Create<IPartnerCenterClient, ReplayedLists>();
        foreach (var proxy in new object[] { graphGdap, partnerCenter })
        {
            ((ReplayedLists)proxy)._relationships = relationships;
            ((ReplayedLists)proxy)._customers = customers;
        }

        return (graphGdap, partnerCenter);
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => targetMethod?.Name switch
    {
        nameof(IGraphGdapClient.ListRelationshipsAsync) => Replay(_relationships),
        nameof(IPartnerCenterClient.ListCustomersAsync) => Replay(_customers),
        _ => throw new NotSupportedException($"{targetMethod?.Name} is not replayed."),
    };

    private static async IAsyncEnumerable<T> Replay<T>(IReadOnlyList<T> items, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        foreach (var item in items)
        {
            yield return item;
        }
    }
}
