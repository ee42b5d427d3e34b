using System;
using System.IO;
using System.Net.Sockets;
using Npgsql;
using PartnerRelationships.Core.Errors;

namespace PartnerRelationships.Store.Postgres;

/// <summary>
/// Turns Npgsql's failures into the module's errors. Messages name the server (host, port, database) but never the
/// connection string, which may hold a password.
/// </summary>
internal static class PostgresErrors
{
    public const string UniqueViolation = "23505";

    /// <summary>lock_not_available: lock_timeout passed while another session held a lock.</summary>
    public const string LockNotAvailable = "55P03";
    public const string PrimaryKeyConstraint = "invites_pkey";
    public const string DisplayNameConstraint = "invites_relationship_display_name";

    /// <summary>Worth another attempt: the connection dropped, the server is starting or stopping, a deadlock or serialization failure.</summary>
    public static bool IsTransient(Exception e) => e switch
    {
        PostgresException p => p.IsTransient,
        NpgsqlException n => n.IsTransient,
        _ => false,
    };

    public static bool IsUniqueViolation(PostgresException e, string constraint) =>
        e.SqlState == UniqueViolation && string.Equals(e.ConstraintName, constraint, StringComparison.Ordinal);

    public static PartnerRelationshipsException Map(Exception e, string server) => e switch
    {
        PostgresException { SqlState: "28P01" or "28000" } p => new PartnerRelationshipsException(
            ErrorIds.Store.StoreAuthenticationFailed,
            ErrorKind.AuthenticationError,
            $"The PostgreSQL server {server} refused the sign-in ({p.MessageText}). Check the user name and password in " +
            "the store's connection string (store.connectionStringVariable or the vault secret).",
            server,
            e),
        PostgresException { SqlState: "3D000" } p => new PartnerRelationshipsException(
            ErrorIds.Store.StoreUnavailable,
            ErrorKind.ConnectionError,
            $"The PostgreSQL server {server} has no such database ({p.MessageText}). Create it (CREATE DATABASE ...) or fix " +
            "Database= in the store's connection string.",
            server,
            e),
        PostgresException { SqlState: "42501" } p => new PartnerRelationshipsException(
            ErrorIds.Store.StorePermissionDenied,
            ErrorKind.PermissionDenied,
            $"The PostgreSQL user may not do this on {server} ({p.MessageText}). The store's user needs SELECT, INSERT and " +
            "UPDATE on its tables, and CREATE on the schema the first time (see the README).",
            server,
            e),
        PostgresException { SqlState: "3F000" } p => new PartnerRelationshipsException(
            ErrorIds.Store.StoreUnavailable,
            ErrorKind.ConnectionError,
            $"The schema named in the store's connection string does not exist on {server} ({p.MessageText}). Create it or " +
            "fix Search Path= in the connection string.",
            server,
            e),
        PostgresException p => new PartnerRelationshipsException(
            ErrorIds.Store.StoreWriteFailed,
            ErrorKind.WriteError,
            $"The PostgreSQL store {server} refused the change ({p.SqlState}: {p.MessageText}). Nothing was written.",
            server,
            e),
        _ => new PartnerRelationshipsException(
            ErrorIds.Store.StoreUnavailable,
            ErrorKind.ConnectionError,
            $"The PostgreSQL store {server} cannot be reached ({Reason(e)}). Nothing was written. Check that the server is " +
            "running and reachable from here, and the host and port in the store's connection string.",
            server,
            e),
    };

    private static string Reason(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException or TimeoutException or IOException)
            {
                return inner.Message;
            }
        }

        return e.Message;
    }
}
