using System.Collections.Generic;

namespace PartnerRelationships.Core.Store;

/// <summary>
/// The store's schema as an ordered list of migrations; migration <c>n</c> (1-based) brings a database from
/// <c>PRAGMA user_version</c> n-1 to n. Released migrations never change: add a new one instead.
/// </summary>
internal static class SqliteSchema
{
    public static IReadOnlyList<string> Migrations { get; } = new[]
    {
        // 1: invites and their append-only history.
        """
        CREATE TABLE invites (
            id                        TEXT    NOT NULL PRIMARY KEY,
            kind                      TEXT    NOT NULL,
            customer_name             TEXT    NOT NULL,
            customer_email            TEXT    NOT NULL,
            customer_tenant_id        TEXT    NULL,
            status                    TEXT    NOT NULL,
            created_at                TEXT    NOT NULL,
            status_changed_at         TEXT    NOT NULL,
            link                      TEXT    NOT NULL,
            subject                   TEXT    NOT NULL,
            body                      TEXT    NOT NULL,
            relationship_id           TEXT    NULL,
            relationship_display_name TEXT    NULL,
            template                  TEXT    NULL,
            version                   INTEGER NOT NULL
        );
        CREATE INDEX invites_status ON invites (status);
        CREATE INDEX invites_created_at ON invites (created_at, id);
        CREATE UNIQUE INDEX invites_relationship_display_name ON invites (relationship_display_name)
            WHERE relationship_display_name IS NOT NULL;

        CREATE TABLE invite_history (
            sequence    INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
            invite_id   TEXT    NOT NULL REFERENCES invites (id),
            from_status TEXT    NULL,
            to_status   TEXT    NOT NULL,
            at          TEXT    NOT NULL,
            detail      TEXT    NULL
        );
        CREATE INDEX invite_history_invite ON invite_history (invite_id, sequence);

        CREATE TRIGGER invite_history_no_update BEFORE UPDATE ON invite_history
        BEGIN
            SELECT RAISE(ABORT, 'invite_history is append-only');
        END;
        CREATE TRIGGER invite_history_no_delete BEFORE DELETE ON invite_history
        BEGIN
            SELECT RAISE(ABORT, 'invite_history is append-only');
        END;
        """,

        // 2: compliance runs, so a report can say what is new since the last run. The finding keys of a run are kept
        // for the latest runs of each scope only (see SqliteRelationshipStore.ComplianceRuns); counts are kept forever.
        """
        CREATE TABLE compliance_runs (
            id            INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
            started_at    TEXT    NOT NULL,
            completed_at  TEXT    NOT NULL,
            scope         TEXT    NOT NULL,
            rules         TEXT    NOT NULL,
            finding_count INTEGER NOT NULL
        );
        CREATE INDEX compliance_runs_scope ON compliance_runs (scope, id);

        CREATE TABLE compliance_run_counts (
            run_id   INTEGER NOT NULL REFERENCES compliance_runs (id),
            rule_id  TEXT    NOT NULL,
            severity TEXT    NOT NULL,
            count    INTEGER NOT NULL,
            PRIMARY KEY (run_id, rule_id, severity)
        );

        CREATE TABLE compliance_run_findings (
            run_id      INTEGER NOT NULL REFERENCES compliance_runs (id),
            finding_key TEXT    NOT NULL,
            PRIMARY KEY (run_id, finding_key)
        ) WITHOUT ROWID;
        """,

        // 3: records adopted from the service (Import-PartnerRelationship) are told apart from invites; adoption looks
        // records up by relationship id and by tenant, so both are indexed.
        """
        ALTER TABLE invites ADD COLUMN origin TEXT NOT NULL DEFAULT 'Invited';
        CREATE INDEX invites_relationship_id ON invites (relationship_id) WHERE relationship_id IS NOT NULL;
        CREATE INDEX invites_customer_tenant_id ON invites (customer_tenant_id) WHERE customer_tenant_id IS NOT NULL;
        """,
    };

    public static int LatestVersion => Migrations.Count;
}
