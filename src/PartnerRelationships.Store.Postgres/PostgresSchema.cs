using System.Collections.Generic;

namespace PartnerRelationships.Store.Postgres;

/// <summary>
/// The store's PostgreSQL schema as ordered migrations; the version reached is kept in pr_schema_version. Released
/// migrations never change: add a new one instead. Names are unqualified, so everything goes to the first schema of
/// the connection's search path (Search Path=... in the connection string picks one).
/// </summary>
internal static class PostgresSchema
{
    public const string VersionTable = "pr_schema_version";

    /// <summary>Times are text in the SQLite store's fixed-width format (to the tick); "C" collation keeps them in time order.</summary>
    public static IReadOnlyList<string> Migrations { get; } = new[]
    {
        // 1: invites and their append-only history.
        """
        CREATE TABLE invites (
            id                        uuid    NOT NULL PRIMARY KEY,
            kind                      text    NOT NULL,
            customer_name             text    NOT NULL,
            customer_name_folded      text    NOT NULL,
            customer_email            text    NOT NULL,
            customer_tenant_id        text    NULL,
            status                    text    NOT NULL,
            created_at                text    COLLATE "C" NOT NULL,
            status_changed_at         text    COLLATE "C" NOT NULL,
            link                      text    NOT NULL,
            subject                   text    NOT NULL,
            body                      text    NOT NULL,
            relationship_id           text    NULL,
            relationship_display_name text    NULL,
            template                  text    NULL,
            version                   bigint  NOT NULL
        );
        CREATE INDEX invites_status ON invites (status);
        CREATE INDEX invites_created_at ON invites (created_at, id);
        CREATE UNIQUE INDEX invites_relationship_display_name ON invites (relationship_display_name)
            WHERE relationship_display_name IS NOT NULL;

        CREATE TABLE invite_history (
            sequence    bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            invite_id   uuid    NOT NULL REFERENCES invites (id),
            from_status text    NULL,
            to_status   text    NOT NULL,
            at          text    COLLATE "C" NOT NULL,
            detail      text    NULL
        );
        CREATE INDEX invite_history_invite ON invite_history (invite_id, sequence);

        CREATE FUNCTION invite_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'invite_history is append-only';
        END
        $$;
        CREATE TRIGGER invite_history_no_change BEFORE UPDATE OR DELETE ON invite_history
            FOR EACH ROW EXECUTE FUNCTION invite_history_append_only();
        CREATE TRIGGER invite_history_no_truncate BEFORE TRUNCATE ON invite_history
            FOR EACH STATEMENT EXECUTE FUNCTION invite_history_append_only();
        """,

        // 2: compliance runs, their counts, and the finding keys of the latest runs per scope ("new since last run").
        """
        CREATE TABLE compliance_runs (
            id            bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            started_at    text    COLLATE "C" NOT NULL,
            completed_at  text    COLLATE "C" NOT NULL,
            scope         text    NOT NULL,
            rules         text    NOT NULL,
            finding_count integer NOT NULL
        );
        CREATE INDEX compliance_runs_scope ON compliance_runs (scope, id);

        CREATE TABLE compliance_run_counts (
            run_id   bigint  NOT NULL REFERENCES compliance_runs (id),
            rule_id  text    NOT NULL,
            severity text    NOT NULL,
            count    integer NOT NULL,
            PRIMARY KEY (run_id, rule_id, severity)
        );

        CREATE TABLE compliance_run_findings (
            run_id      bigint NOT NULL REFERENCES compliance_runs (id),
            finding_key text   NOT NULL,
            PRIMARY KEY (run_id, finding_key)
        );
        """,

        // 3: records adopted from the service (Import-PartnerRelationship) are told apart from invites; adoption looks
        // records up by relationship id and by tenant, so both are indexed.
        """
        ALTER TABLE invites ADD COLUMN origin text NOT NULL DEFAULT 'Invited';
        CREATE INDEX invites_relationship_id ON invites (relationship_id) WHERE relationship_id IS NOT NULL;
        CREATE INDEX invites_customer_tenant_id ON invites (customer_tenant_id) WHERE customer_tenant_id IS NOT NULL;
        """,
    };

    public static int LatestVersion => Migrations.Count;
}
