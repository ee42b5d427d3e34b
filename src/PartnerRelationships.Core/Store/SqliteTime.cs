using System;
using System.Globalization;

namespace PartnerRelationships.Core.Store;

/// <summary>
/// Instants are stored as fixed-width ISO 8601 UTC text with all seven fractional digits: it sorts and compares
/// correctly as text, stays readable in a SQLite browser, and round-trips to the tick.
/// </summary>
internal static class SqliteTime
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string ToText(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public static DateTimeOffset FromText(string text) =>
        new(DateTime.SpecifyKind(DateTime.ParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.None), DateTimeKind.Utc));
}
