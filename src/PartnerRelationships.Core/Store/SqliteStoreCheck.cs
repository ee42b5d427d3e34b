using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Data.Sqlite;
using PartnerRelationships.Core.Errors;

namespace PartnerRelationships.Core.Store;

/// <summary>
/// What the SQLite store checks when it opens a file, before it changes anything: the file is whole (its header
/// agrees with its length; PRAGMA quick_check on stores of ordinary size), and it is ours (our tables, or empty), so a
/// damaged store is reported at once with what to do, and someone else's database is left exactly as it was.
/// </summary>
internal static class SqliteStoreCheck
{
    private static readonly byte[] Magic = System.Text.Encoding.ASCII.GetBytes("SQLite format 3\0");

    public static long FileLength(string path)
    {
        try
        {
            return new FileInfo(path).Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    /// <summary>
    /// A SQLite header records the database's size in pages (valid when its change counter matches, offsets 92 and
    /// 96; https://sqlite.org/fileformat.html#in_header_database_size). A file shorter than that was truncated. Skipped
    /// while a write-ahead log is present: the log may hold pages the file does not have yet.
    /// </summary>
    public static void RequireIntactHeader(string path)
    {
        var wal = path + "-wal";
        if (File.Exists(wal) && FileLength(wal) > 0)
        {
            return;
        }

        var header = new byte[100];
        long length;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            length = stream.Length;
            if (length == 0)
            {
                return; // A new store.
            }

            var read = 0;
            while (read < header.Length)
            {
                var n = stream.Read(header, read, header.Length - read);
                if (n == 0)
                {
                    break;
                }

                read += n;
            }

            if (read < header.Length)
            {
                if (StartsWithMagic(header, read))
                {
                    throw Damaged(path, $"the file ends after {read} bytes, inside its 100-byte header", null);
                }

                return; // Not SQLite at all: SQLite itself says so (StoreFileInvalid).
            }
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return; // Created on open.
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return; // Unreadable: the open reports it as it always has.
        }

        if (!StartsWithMagic(header, header.Length))
        {
            return;
        }

        var pageSize = (header[16] << 8) | header[17];
        var pageBytes = pageSize == 1 ? 65536L : pageSize;
        var pages = ((long)header[28] << 24) | ((long)header[29] << 16) | ((long)header[30] << 8) | header[31];
        var counterMatches = header.Skip(92).Take(4).SequenceEqual(header.Skip(96).Take(4));
        if (pageBytes >= 512 && pages > 0 && counterMatches && pages * pageBytes > length)
        {
            throw Damaged(path, $"its header says {pages} pages of {pageBytes} bytes ({pages * pageBytes:N0} bytes) but the file has {length:N0}: it was cut short", null);
        }
    }

    /// <summary>
    /// Our schema, or nothing yet. Read-only (sqlite_master, user_version, table_info): a file with other tables —
    /// even one called 'invites' — is refused before the store switches it to WAL or migrates anything.
    /// </summary>
    public static void RequireOurs(SqliteConnection connection, string path)
    {
        var tables = new List<string>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        if (tables.Count == 0)
        {
            return; // Empty: a new store.
        }

        long version;
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "PRAGMA user_version";
            version = Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }

        var ours = version >= 1 && tables.Contains("invites") && tables.Contains("invite_history") && HasOurInviteColumns(connection);
        if (!ours)
        {
            var shown = string.Join(", ", tables.Take(5)) + (tables.Count > 5 ? $" and {tables.Count - 5} more" : "");
            throw new PartnerRelationshipsException(
                ErrorIds.Store.StoreFileForeign,
                ErrorKind.InvalidData,
                $"'{path}' is a SQLite database of another application (tables: {shown}), not a PartnerRelationships store; " +
                "it was left unchanged. Point store.path in the configuration at another file.",
                path);
        }
    }

    /// <summary>PRAGMA quick_check: every page read and its structure checked (not the index contents, so it stays cheap).</summary>
    public static void RequireQuickCheck(SqliteConnection connection, string path)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA quick_check(1)";
        var result = Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        if (!string.Equals(result, "ok", StringComparison.Ordinal))
        {
            throw Damaged(path, "SQLite's check of its pages failed (" + result + ")", null);
        }
    }

    public static PartnerRelationshipsException Damaged(string path, string detail, Exception? inner) => new(
        ErrorIds.Store.StoreDamaged,
        ErrorKind.InvalidData,
        $"The store file '{path}' is damaged: {detail.TrimEnd('.')}. Nothing was changed. Restore it from a backup, or move " +
        "it away (keep it: SQLite's .recover may save some of it) and a new, empty store is created at that path on the next command.",
        path,
        inner);

    private static bool HasOurInviteColumns(SqliteConnection connection)
    {
        var columns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA table_info(invites)";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            columns.Add(reader.GetString(1));
        }

        return new[] { "id", "kind", "customer_name", "customer_email", "status", "created_at", "status_changed_at", "link", "subject", "body", "version" }
            .All(columns.Contains);
    }

    private static bool StartsWithMagic(byte[] header, int count) =>
        count >= Magic.Length && header.Take(Magic.Length).SequenceEqual(Magic);
}
