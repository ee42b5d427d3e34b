using System;
using PartnerRelationships.Core.Remote;

namespace PartnerRelationships.PowerShell.Infrastructure;

/// <summary>
/// The process-wide signed-in session: set by Connect-PartnerRelationship (or by a cmdlet connecting from the
/// configuration), cleared by Disconnect-PartnerRelationship. Process-wide so runspaces of one runbook share it.
/// </summary>
internal static class SessionConnection
{
    private static readonly object Gate = new();
    private static Entry? _current;

    internal sealed class Entry
    {
        public Entry(PartnerConnection connection, PartnerConnectionInfo info, string? configSource)
        {
            Connection = connection;
            Info = info;
            ConfigSource = configSource;
        }

        public PartnerConnection Connection { get; }

        public PartnerConnectionInfo Info { get; }

        /// <summary>For a connection made from a configuration: the file it came from (null: built-in defaults).</summary>
        public string? ConfigSource { get; }
    }

    public static Entry? Current
    {
        get
        {
            lock (Gate)
            {
                return _current;
            }
        }
    }

    /// <summary>Makes <paramref name="entry"/> the session; the one it replaces is closed.</summary>
    public static void Set(Entry entry)
    {
        if (entry is null) throw new ArgumentNullException(nameof(entry));
        Entry? previous;
        lock (Gate)
        {
            previous = _current;
            _current = entry;
        }

        if (previous is not null && !ReferenceEquals(previous.Connection, entry.Connection))
        {
            previous.Connection.Dispose();
        }
    }

    /// <summary>Closes the session; returns what it was, or null when there was none.</summary>
    public static Entry? Clear()
    {
        Entry? previous;
        lock (Gate)
        {
            previous = _current;
            _current = null;
        }

        previous?.Connection.Dispose();
        return previous;
    }
}
