//! Migration 38: the audit log learns whose data each entry is about, so the people
//! who run a partnership or an organisation can read their part of it, and the
//! database itself keeps the log append-only.

use std::sync::OnceLock;

use super::Engine;
use super::migrations::{Step, index};
use super::schema::AuditLog;

/// The backfill's statements, made once from the lookups `audit::store` writes new
/// entries with (a `Step` holds `'static` text).
fn backfill(engine: Engine) -> &'static [String] {
    static SQLITE: OnceLock<Vec<String>> = OnceLock::new();
    static POSTGRES: OnceLock<Vec<String>> = OnceLock::new();
    let cell = match engine {
        Engine::Sqlite => &SQLITE,
        Engine::Postgres => &POSTGRES,
    };
    cell.get_or_init(|| crate::audit::store::backfill(engine))
}

pub fn audit_scope() -> Vec<Step> {
    let mut steps = vec![
        Step::Sql {
            sqlite: "ALTER TABLE audit_log ADD COLUMN partnership_id BIGINT",
            postgres: "ALTER TABLE audit_log ADD COLUMN partnership_id BIGINT",
        },
        Step::Sql {
            sqlite: "ALTER TABLE audit_log ADD COLUMN organisation_id BIGINT",
            postgres: "ALTER TABLE audit_log ADD COLUMN organisation_id BIGINT",
        },
    ];
    // Filled before the triggers below exist: this is the last time a row changes.
    for (sqlite, postgres) in backfill(Engine::Sqlite).iter().zip(backfill(Engine::Postgres)) {
        steps.push(Step::Sql { sqlite: sqlite.as_str(), postgres: postgres.as_str() });
    }
    steps.extend([
        // The list reads a tenant's entries newest first.
        index("audit_log_partnership", AuditLog::Table, &["partnership_id", "id"]),
        index("audit_log_organisation", AuditLog::Table, &["organisation_id", "id"]),
        Step::Sql {
            sqlite: "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log \
                     BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: an entry is never changed'); END",
            postgres: "CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ \
                       BEGIN RAISE EXCEPTION 'the audit log is append-only: an entry is never changed or removed'; END $$",
        },
        Step::Sql {
            sqlite: "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log \
                     BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: an entry is never removed'); END",
            postgres: "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log \
                       FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
        },
        // PostgreSQL can also empty a table without deleting rows one by one.
        Step::Sql {
            sqlite: "SELECT 1",
            postgres: "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log \
                       FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()",
        },
    ]);
    steps
}
