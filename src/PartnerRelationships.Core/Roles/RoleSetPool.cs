using System;
using System.Collections.Concurrent;
using System.Collections.Generic;

namespace PartnerRelationships.Core.Roles;

/// <summary>
/// One instance per distinct role set. A partner's 100,000 relationships use a few dozen role ids in a handful of sets
/// (its templates); a listing that keeps every relationship keeps one set object per distinct set, not an array of id
/// strings per relationship: less memory, and far fewer objects for the garbage collector to promote while the list
/// loads. Thread-safe; lives as long as one listing or run.
/// </summary>
public sealed class RoleSetPool
{
    private readonly ConcurrentDictionary<IReadOnlyList<string>, RoleSet> _sets = new(SameIdsInOrder.Instance);
    private readonly ConcurrentDictionary<string, string> _ids = new(StringComparer.Ordinal);

    /// <summary>The shared set with these ids in this order (compared exactly); the caller's list is not kept.</summary>
    public RoleSet Share(IReadOnlyList<string> roleIds)
    {
        if (roleIds is null) throw new ArgumentNullException(nameof(roleIds));
        if (roleIds.Count == 0) return RoleSet.Empty;
        if (_sets.TryGetValue(roleIds, out var shared)) return shared;

        var ids = new string[roleIds.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = _ids.GetOrAdd(roleIds[i], roleIds[i]);
        }

        var set = new RoleSet(ids);
        return _sets.GetOrAdd(set.Ids, set);
    }

    /// <summary>How many distinct sets are held (for tests).</summary>
    public int Count => _sets.Count;

    private sealed class SameIdsInOrder : IEqualityComparer<IReadOnlyList<string>>
    {
        public static readonly SameIdsInOrder Instance = new();

        public bool Equals(IReadOnlyList<string>? x, IReadOnlyList<string>? y)
        {
            if (ReferenceEquals(x, y)) return true;
            if (x is null || y is null || x.Count != y.Count) return false;
            for (var i = 0; i < x.Count; i++)
            {
                if (!string.Equals(x[i], y[i], StringComparison.Ordinal)) return false;
            }

            return true;
        }

        public int GetHashCode(IReadOnlyList<string> ids)
        {
            unchecked
            {
                var hash = 17;
                for (var i = 0; i < ids.Count; i++)
                {
                    hash = hash * 31 + StringComparer.Ordinal.GetHashCode(ids[i]);
                }

                return hash;
            }
        }
    }
}
