using Microsoft.Data.Sqlite;

namespace PartnerRelationships.Core.Store;

/// <summary>The SQLite result codes the store reacts to (https://sqlite.org/rescode.html).</summary>
internal static class SqliteErrorCodes
{
    private const int Perm = 3;
    private const int Busy = 5;
    private const int Locked = 6;
    private const int ReadOnly = 8;
    private const int IoError = 10;
    private const int Corrupt = 11;
    private const int CantOpen = 14;
    private const int Constraint = 19;
    private const int NotADatabase = 26;

    private const int ConstraintPrimaryKey = 1555;
    private const int ConstraintUnique = 2067;

    /// <summary>Another connection holds the lock longer than busy_timeout: worth retrying.</summary>
    public static bool IsBusy(SqliteException e) => e.SqliteErrorCode is Busy or Locked;

    /// <summary>The file or its folder cannot be created or written.</summary>
    public static bool IsUnwritable(SqliteException e) => e.SqliteErrorCode is Perm or ReadOnly or IoError or CantOpen;

    public static bool IsNotADatabase(SqliteException e) => e.SqliteErrorCode is NotADatabase;

    /// <summary>"database disk image is malformed": the file is damaged (truncated, pages overwritten).</summary>
    public static bool IsCorrupt(SqliteException e) => e.SqliteErrorCode is Corrupt;

    public static bool IsPrimaryKeyViolation(SqliteException e) =>
        e.SqliteErrorCode == Constraint && e.SqliteExtendedErrorCode == ConstraintPrimaryKey;

    public static bool IsUniqueViolation(SqliteException e) =>
        e.SqliteErrorCode == Constraint && e.SqliteExtendedErrorCode == ConstraintUnique;
}
