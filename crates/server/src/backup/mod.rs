//! Keeping and moving a deployment's data.
//!
//! - `osa backup` / `osa restore`: a consistent copy of a SQLite deployment, taken
//!   while it runs, in one archive with its stored files ([`sqlite_backup`]).
//! - `osa export` / `osa import`: the data in an open, documented form (JSON lines per
//!   table, the files, a manifest with checksums) that either engine reads back, so a
//!   deployment can move from SQLite to PostgreSQL or a partnership can leave
//!   ([`export`], [`import`]; the format is in `docs/export-format.md`).

pub mod columns;
pub mod export;
pub mod import;
pub mod manifest;
pub mod scope;
pub mod sqlite_backup;
mod values;

use crate::db::Db;

/// The newest migration recorded in the database.
pub async fn schema_version(db: &Db) -> anyhow::Result<i64> {
    let sql = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
    let version: (i64,) = match db {
        Db::Sqlite(pool) => sqlx::query_as(sql).fetch_one(pool).await?,
        Db::Postgres(pool) => sqlx::query_as(sql).fetch_one(pool).await?,
    };
    Ok(version.0)
}

fn now_text() -> String {
    time::OffsetDateTime::now_utc().format(&time::format_description::well_known::Rfc3339).unwrap_or_default()
}
