using System.Reflection;
using PartnerRelationships.Core.Store;
using PartnerRelationships.Store.Postgres;

namespace PartnerRelationships.Core.Tests.Store;

/// <summary>
/// The two stores share one core (SqlRelationshipStore): an operation written again in one store would let the
/// stores drift apart, which the contract suite only notices once they behave differently.
/// </summary>
public sealed class SqlRelationshipStoreShapeTests
{
    [Theory]
    [InlineData(typeof(SqliteRelationshipStore))]
    [InlineData(typeof(PostgresRelationshipStore))]
    public void Each_store_implements_no_store_operation_itself(Type store)
    {
        var operations = typeof(SqlRelationshipStore).GetInterfaces()
            .SelectMany(i => i.GetMethods())
            .Where(m => m.Name != nameof(IDisposable.Dispose))
            .Select(m => m.Name)
            .ToHashSet();

        var own = store.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Select(m => m.Name)
            .Where(operations.Contains)
            .ToList();

        Assert.NotEmpty(operations);
        Assert.Empty(own);
        Assert.True(typeof(SqlRelationshipStore).IsAssignableFrom(store));
    }

    [Fact]
    public void Every_store_interface_is_implemented_by_the_shared_core()
    {
        foreach (var contract in new[]
                 {
                     typeof(IRelationshipStore), typeof(IInviteDraftStore), typeof(IRelationshipStoreImport), typeof(IRelationshipAdoptionStore),
                     typeof(IComplianceRunStore), typeof(IInviteNotes), typeof(IStoreWaitNotices),
                 })
        {
            Assert.True(contract.IsAssignableFrom(typeof(SqlRelationshipStore)), contract.Name);
        }
    }
}
