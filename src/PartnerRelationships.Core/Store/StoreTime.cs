using System;
using System.Globalization;

namespace PartnerRelationships.Core.Store;

/// <summary>
/// Instants are stored, in both stores, as fixed-width ISO 8601 UTC text with all seven fractional digits: it sorts and
/// compares correctly as text (PostgreSQL's columns use the "C" collation for that), stays readable in any database
/// browser, and round-trips to the tick.
/// </summary>
internal static class StoreTime
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string ToText(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public static DateTimeOffset FromText(string text) =>
        new(DateTime.SpecifyKind(DateTime.ParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.None), DateTimeKind.Utc));
}
