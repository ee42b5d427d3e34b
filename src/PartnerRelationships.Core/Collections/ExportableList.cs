using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace PartnerRelationships.Core.Collections;

/// <summary>
/// A read-only list whose text is its items, "; "-separated. Output types hold their list values in one, so
/// Export-Csv (which writes a property's ToString()) shows "Helpdesk Administrator; Directory Readers" instead of
/// "System.Collections.Generic.List`1[System.String]", while ConvertTo-Json and the pipeline still see a list.
/// </summary>
public sealed class ExportableList<T> : IReadOnlyList<T>
{
    public const string Separator = "; ";

    public static readonly ExportableList<T> Empty = new(Array.Empty<T>());

    private readonly IReadOnlyList<T> _items;

    private ExportableList(IReadOnlyList<T> items) => _items = items;

    /// <summary>The items as an exportable list (the same instance when it already is one).</summary>
    public static ExportableList<T> Of(IEnumerable<T>? items) => items switch
    {
        null => Empty,
        ExportableList<T> already => already,
        _ => new ExportableList<T>(items.ToArray()),
    };

    /// <summary>Wraps an array the caller has just built and never changes again (no copy, unlike <see cref="Of"/>).</summary>
    internal static ExportableList<T> Owning(T[] items) => items.Length == 0 ? Empty : new ExportableList<T>(items);

    public int Count => _items.Count;

    public T this[int index] => _items[index];

    public IEnumerator<T> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => string.Join(Separator, _items.Select(i => i?.ToString()));

    // Records compare their list properties with Equals: two lists with the same items are the same value.
    public override bool Equals(object? obj) => obj is ExportableList<T> other && _items.SequenceEqual(other._items);

    public override int GetHashCode() => _items.Aggregate(17, (hash, item) => unchecked(hash * 31 + (item?.GetHashCode() ?? 0)));
}
