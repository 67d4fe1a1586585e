//! Storage: one code path for SQLite and PostgreSQL.
//!
//! Queries are built with sea-query and run through [`Db`] (a pool) or [`Tx`] (a
//! transaction); both pick the SQL dialect of their engine. Row types derive
//! `sqlx::FromRow` once and decode on either engine. sqlx's `AnyPool` is avoided on
//! purpose: it cannot read booleans or timestamps on SQLite.

pub mod migrations;
mod migrations_accounts;
mod migrations_api;
mod migrations_assessments;
mod migrations_audit;
mod migrations_board_reports;
mod migrations_challenges;
mod migrations_cycle_questions;
mod migrations_cycles;
mod migrations_data_protection;
mod migrations_files;
mod migrations_frameworks;
mod migrations_meetings;
mod migrations_narratives;
mod migrations_partnership_actions;
mod migrations_partnership_records;
mod migrations_plan_updates;
mod migrations_resources;
mod migrations_sign_off;
mod migrations_surveys;
mod migrations_young_peoples_summary;
pub mod schema;
pub mod schema_surveys;

use std::str::FromStr;
use std::time::Duration;

use sea_query::{PostgresQueryBuilder, SqliteQueryBuilder};
use sea_query_sqlx::{SqlxBinder, SqlxValues};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions, PgRow};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteRow, SqliteSynchronous,
};
use sqlx::{AssertSqlSafe, FromRow, PgPool, Postgres, Sqlite, SqlitePool};

/// A row type that decodes on both engines.
pub trait Row: for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin {}
impl<T> Row for T where T: for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin {}

#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

pub enum Tx {
    Sqlite(sqlx::Transaction<'static, Sqlite>),
    Postgres(sqlx::Transaction<'static, Postgres>),
}

/// How hard SQLite waits for the disk at a commit (`PRAGMA synchronous`); PostgreSQL
/// keeps its own setting. In WAL mode both levels survive the osa process being killed
/// at any moment: a commit is in the operating system's hands before it is
/// acknowledged. They differ only when the machine itself stops (a power cut, a kernel
/// crash): `Normal` may then lose the last commits before the WAL was synced, though
/// the file stays consistent; `Full` syncs at every commit, so nothing acknowledged is
/// lost even then, at the cost of slower saves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Synchronous {
    Normal,
    Full,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

impl Db {
    /// Connects to `url` (`sqlite://…` or `postgres://…`), creating a SQLite file
    /// and its folder when missing. Migrations are not run here; see [`migrations::run`].
    pub async fn connect(url: &str) -> anyhow::Result<Db> {
        Self::connect_with(url, Synchronous::Normal).await
    }

    /// [`Db::connect`] with the SQLite `synchronous` level given (see [`Synchronous`]).
    pub async fn connect_with(url: &str, synchronous: Synchronous) -> anyhow::Result<Db> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let options = PgConnectOptions::from_str(url)?;
            let pool = PgPoolOptions::new()
                .max_connections(20)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(options)
                .await?;
            return Ok(Db::Postgres(pool));
        }
        if !url.starts_with("sqlite:") {
            anyhow::bail!("the database URL must start with sqlite:// or postgres://");
        }
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(match synchronous {
                Synchronous::Normal => SqliteSynchronous::Normal,
                Synchronous::Full => SqliteSynchronous::Full,
            })
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        if let Some(parent) = options.get_filename().parent()
            && !parent.as_os_str().is_empty()
        {
            std::fs::create_dir_all(parent)?;
        }
        let pool = SqlitePoolOptions::new().max_connections(8).connect_with(options).await?;
        Ok(Db::Sqlite(pool))
    }

    pub fn engine(&self) -> Engine {
        match self {
            Db::Sqlite(_) => Engine::Sqlite,
            Db::Postgres(_) => Engine::Postgres,
        }
    }

    /// Which database this pool reads (the SQLite file, or PostgreSQL's host, port and
    /// database name), for in-process caches of immutable rows: one process may open
    /// several databases (a test binary opens one per test) whose ids repeat.
    pub fn identity(&self) -> String {
        match self {
            Db::Sqlite(pool) => format!("sqlite:{}", pool.connect_options().get_filename().display()),
            Db::Postgres(pool) => {
                let o = pool.connect_options();
                format!("postgres:{}:{}/{}", o.get_host(), o.get_port(), o.get_database().unwrap_or(""))
            }
        }
    }

    pub async fn begin(&self) -> Result<Tx, sqlx::Error> {
        Ok(match self {
            // IMMEDIATE takes SQLite's one write lock at the start (waiting up to the busy
            // timeout). A deferred transaction that reads and then writes fails at once
            // with "database is locked" if another connection committed in between, which
            // the busy timeout cannot help; two saves at the same moment would lose one.
            Db::Sqlite(pool) => Tx::Sqlite(pool.begin_with("BEGIN IMMEDIATE").await?),
            Db::Postgres(pool) => Tx::Postgres(pool.begin().await?),
        })
    }

    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        self.raw_execute("SELECT 1").await.map(|_| ())
    }

    pub async fn close(&self) {
        match self {
            Db::Sqlite(pool) => pool.close().await,
            Db::Postgres(pool) => pool.close().await,
        }
    }

    /// Runs a fixed SQL text with no parameters (schema changes, pings).
    pub async fn raw_execute(&self, sql: &str) -> Result<u64, sqlx::Error> {
        let sql = AssertSqlSafe(sql.to_owned());
        Ok(match self {
            Db::Sqlite(pool) => sqlx::query(sql).execute(pool).await?.rows_affected(),
            Db::Postgres(pool) => sqlx::query(sql).execute(pool).await?.rows_affected(),
        })
    }

    pub async fn execute(&self, stmt: &impl SqlxBinder) -> Result<u64, sqlx::Error> {
        match self {
            Db::Sqlite(pool) => {
                let (sql, values) = stmt.build_sqlx(SqliteQueryBuilder);
                Ok(query(sql, values).execute(pool).await?.rows_affected())
            }
            Db::Postgres(pool) => {
                let (sql, values) = stmt.build_sqlx(PostgresQueryBuilder);
                Ok(query(sql, values).execute(pool).await?.rows_affected())
            }
        }
    }

    pub async fn fetch_all<T: Row>(&self, stmt: &impl SqlxBinder) -> Result<Vec<T>, sqlx::Error> {
        match self {
            Db::Sqlite(pool) => {
                let (sql, values) = stmt.build_sqlx(SqliteQueryBuilder);
                query_as(sql, values).fetch_all(pool).await
            }
            Db::Postgres(pool) => {
                let (sql, values) = stmt.build_sqlx(PostgresQueryBuilder);
                query_as(sql, values).fetch_all(pool).await
            }
        }
    }

    pub async fn fetch_optional<T: Row>(&self, stmt: &impl SqlxBinder) -> Result<Option<T>, sqlx::Error> {
        match self {
            Db::Sqlite(pool) => {
                let (sql, values) = stmt.build_sqlx(SqliteQueryBuilder);
                query_as(sql, values).fetch_optional(pool).await
            }
            Db::Postgres(pool) => {
                let (sql, values) = stmt.build_sqlx(PostgresQueryBuilder);
                query_as(sql, values).fetch_optional(pool).await
            }
        }
    }

    pub async fn fetch_one<T: Row>(&self, stmt: &impl SqlxBinder) -> Result<T, sqlx::Error> {
        self.fetch_optional(stmt).await?.ok_or(sqlx::Error::RowNotFound)
    }
}

impl Tx {
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        match self {
            Tx::Sqlite(tx) => tx.commit().await,
            Tx::Postgres(tx) => tx.commit().await,
        }
    }

    /// Ends the transaction, keeping nothing, and releases its locks now (a dropped
    /// transaction is rolled back only when its connection is next used).
    pub async fn rollback(self) -> Result<(), sqlx::Error> {
        match self {
            Tx::Sqlite(tx) => tx.rollback().await,
            Tx::Postgres(tx) => tx.rollback().await,
        }
    }

    pub fn engine(&self) -> Engine {
        match self {
            Tx::Sqlite(_) => Engine::Sqlite,
            Tx::Postgres(_) => Engine::Postgres,
        }
    }

    pub async fn raw_execute(&mut self, sql: &str) -> Result<u64, sqlx::Error> {
        let sql = AssertSqlSafe(sql.to_owned());
        Ok(match self {
            Tx::Sqlite(tx) => sqlx::query(sql).execute(&mut **tx).await?.rows_affected(),
            Tx::Postgres(tx) => sqlx::query(sql).execute(&mut **tx).await?.rows_affected(),
        })
    }

    pub async fn execute(&mut self, stmt: &impl SqlxBinder) -> Result<u64, sqlx::Error> {
        match self {
            Tx::Sqlite(tx) => {
                let (sql, values) = stmt.build_sqlx(SqliteQueryBuilder);
                Ok(query(sql, values).execute(&mut **tx).await?.rows_affected())
            }
            Tx::Postgres(tx) => {
                let (sql, values) = stmt.build_sqlx(PostgresQueryBuilder);
                Ok(query(sql, values).execute(&mut **tx).await?.rows_affected())
            }
        }
    }

    pub async fn fetch_all<T: Row>(&mut self, stmt: &impl SqlxBinder) -> Result<Vec<T>, sqlx::Error> {
        match self {
            Tx::Sqlite(tx) => {
                let (sql, values) = stmt.build_sqlx(SqliteQueryBuilder);
                query_as(sql, values).fetch_all(&mut **tx).await
            }
            Tx::Postgres(tx) => {
                let (sql, values) = stmt.build_sqlx(PostgresQueryBuilder);
                query_as(sql, values).fetch_all(&mut **tx).await
            }
        }
    }

    pub async fn fetch_optional<T: Row>(&mut self, stmt: &impl SqlxBinder) -> Result<Option<T>, sqlx::Error> {
        match self {
            Tx::Sqlite(tx) => {
                let (sql, values) = stmt.build_sqlx(SqliteQueryBuilder);
                query_as(sql, values).fetch_optional(&mut **tx).await
            }
            Tx::Postgres(tx) => {
                let (sql, values) = stmt.build_sqlx(PostgresQueryBuilder);
                query_as(sql, values).fetch_optional(&mut **tx).await
            }
        }
    }

    pub async fn fetch_one<T: Row>(&mut self, stmt: &impl SqlxBinder) -> Result<T, sqlx::Error> {
        self.fetch_optional(stmt).await?.ok_or(sqlx::Error::RowNotFound)
    }

    /// Runs an `INSERT … RETURNING id` and gives back the new row's id.
    pub async fn insert_id(&mut self, stmt: &sea_query::InsertStatement) -> Result<i64, sqlx::Error> {
        let mut stmt = stmt.clone();
        stmt.returning_col(schema::ID);
        let (id,): (i64,) = self.fetch_one(&stmt).await?;
        Ok(id)
    }
}

fn query<DB: sqlx::Database>(sql: String, values: SqlxValues) -> sqlx::query::Query<'static, DB, SqlxValues>
where
    SqlxValues: sqlx::IntoArguments<DB>,
{
    sqlx::query_with(AssertSqlSafe(sql), values)
}

fn query_as<DB: sqlx::Database, T>(
    sql: String,
    values: SqlxValues,
) -> sqlx::query::QueryAs<'static, DB, T, SqlxValues>
where
    SqlxValues: sqlx::IntoArguments<DB>,
    T: for<'r> FromRow<'r, DB::Row>,
{
    sqlx::query_as_with(AssertSqlSafe(sql), values)
}

/// True when the error is a unique-constraint violation on either engine, so callers
/// can turn it into a friendly field error.
pub fn is_unique_violation(err: &sqlx::Error) -> bool {
    matches!(err, sqlx::Error::Database(db) if db.is_unique_violation())
}

/// A case-insensitive "contains" pattern for `LIKE`, with the wildcard characters of
/// the search text escaped so they match themselves. Compare it with a lower-cased
/// column; both engines honour the `\\` escape given here.
pub fn contains_pattern(search: &str) -> sea_query::LikeExpr {
    let escaped = search.to_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    sea_query::LikeExpr::new(format!("%{escaped}%")).escape('\\')
}

#[cfg(test)]
mod tests {
    use super::{Db, Synchronous, contains_pattern};

    async fn synchronous_level(synchronous: Synchronous) -> i64 {
        let path =
            std::env::temp_dir().join(format!("osa-db-sync-{}-{synchronous:?}.db", std::process::id()));
        let db = Db::connect_with(&format!("sqlite://{}", path.display()), synchronous).await.unwrap();
        let Db::Sqlite(pool) = &db else { unreachable!("a sqlite:// URL opens SQLite") };
        let (level,): (i64,) = sqlx::query_as("PRAGMA synchronous").fetch_one(pool).await.unwrap();
        db.close().await;
        let _ = std::fs::remove_file(path);
        level
    }

    #[tokio::test]
    async fn the_synchronous_level_asked_for_is_the_one_sqlite_uses() {
        // SQLite numbers the levels OFF 0, NORMAL 1, FULL 2.
        assert_eq!(synchronous_level(Synchronous::Normal).await, 1);
        assert_eq!(synchronous_level(Synchronous::Full).await, 2);
    }

    #[tokio::test]
    async fn sqlite_transactions_that_read_then_write_at_once_both_succeed() {
        let path = std::env::temp_dir().join(format!("osa-db-test-{}.db", std::process::id()));
        let db = Db::connect(&format!("sqlite://{}", path.display())).await.unwrap();
        db.raw_execute("CREATE TABLE counters (n INTEGER NOT NULL)").await.unwrap();
        let writer = |db: Db| async move {
            let mut tx = db.begin().await?;
            tx.raw_execute("SELECT COUNT(*) FROM counters").await?;
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            tx.raw_execute("INSERT INTO counters (n) VALUES (1)").await?;
            tx.commit().await
        };
        let (a, b) = tokio::join!(writer(db.clone()), writer(db.clone()));
        a.unwrap();
        b.unwrap();
        db.close().await;
        let _ = std::fs::remove_file(path);
    }

    #[test]
    fn wildcards_in_a_search_match_themselves() {
        let pattern = format!("{:?}", contains_pattern("50%_Off"));
        assert!(pattern.contains("%50\\\\%\\\\_off%"), "{pattern}");
    }
}
