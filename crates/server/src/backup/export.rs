//! `osa export DIR`: the whole deployment as open files (see `docs/export-format.md`):
//! one JSON-lines file per table, the stored files, and a manifest with counts and
//! checksums. Rows are read inside one read-only transaction, so the tables agree with
//! one another even while the service keeps running.

use std::io::Write;
use std::path::Path;

use futures_util::TryStreamExt;
use serde_json::{Map, Value as Json};
use sha2::{Digest, Sha256};

use super::columns::{self, Column, Kind};
use super::manifest::{self, EXPORT_FORMAT, FORMAT_VERSION, FileEntry, Manifest, TableEntry};
use super::scope;
use super::values::read_value;
use crate::db::{Db, Engine, migrations};

#[derive(Debug)]
pub struct Exported {
    pub tables: usize,
    pub rows: u64,
    pub files: usize,
}

impl std::fmt::Display for Exported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} tables, {} rows and {} files", self.tables, self.rows, self.files)
    }
}

/// What an export holds: everything, or one partnership's data (see [`super::scope`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    Deployment,
    Partnership(i64),
}

pub async fn export(db: &Db, files_dir: &Path, out: &Path, scope: Scope) -> anyhow::Result<Exported> {
    if out.exists() && std::fs::read_dir(out)?.next().is_some() {
        anyhow::bail!("{} is not empty: export into a new or empty folder", out.display());
    }
    let schema_version = super::schema_version(db).await?;
    if schema_version != migrations::latest_version() {
        anyhow::bail!(
            "the database is at schema version {schema_version} and this osa at {}: run `osa migrate` with this \
             version first",
            migrations::latest_version()
        );
    }
    if let Scope::Partnership(id) = scope
        && count(db, &format!("SELECT COUNT(*) FROM partnerships WHERE id = {id}")).await? == 0
    {
        anyhow::bail!("there is no partnership with id {id}");
    }
    std::fs::create_dir_all(out.join("tables"))?;
    let mut tables = Vec::new();
    for name in migrations::tables() {
        let shape = columns::shape(db, &name).await?;
        tables.push((name, shape));
    }
    let mut entries = Vec::with_capacity(tables.len());
    let mut snapshot = Snapshot::begin(db).await?;
    for (name, shape) in &tables {
        let file = format!("tables/{name}.jsonl");
        let filter = match scope {
            Scope::Deployment => None,
            Scope::Partnership(id) => Some(
                scope::rules(id)
                    .into_iter()
                    .find(|(t, _)| t == name)
                    .map_or_else(|| "1 = 0".to_owned(), |(_, c)| c),
            ),
        };
        let select = select_sql(db.engine(), name, &shape.columns, &shape.key, filter.as_deref());
        let mut writer = Hashing::new(std::fs::File::create(out.join(&file))?);
        let rows = snapshot.write_rows(&select, &shape.columns, &mut writer).await?;
        let sha256 = writer.finish()?;
        entries.push(TableEntry { name: name.clone(), file, rows, sha256, columns: shape.columns.clone() });
    }
    snapshot.end().await?;
    let stored = match scope {
        Scope::Deployment => manifest::stored_files(files_dir)?,
        Scope::Partnership(id) => partnership_files(db, files_dir, id).await?,
    };
    let files = copy_files(stored, out)?;
    let summary =
        Exported { tables: entries.len(), rows: entries.iter().map(|t| t.rows).sum(), files: files.len() };
    let manifest = Manifest {
        format: EXPORT_FORMAT.into(),
        format_version: FORMAT_VERSION,
        osa_version: env!("CARGO_PKG_VERSION").into(),
        schema_version,
        created_at: super::now_text(),
        source_engine: format!("{:?}", db.engine()).to_lowercase(),
        scope: match scope {
            Scope::Deployment => "deployment".into(),
            Scope::Partnership(id) => format!("partnership {id}"),
        },
        tables: entries,
        files,
    };
    // Written last and renamed into place: a folder with a manifest is a finished export.
    let partial = out.join("manifest.json.partial");
    std::fs::write(&partial, serde_json::to_vec_pretty(&manifest)?)?;
    std::fs::rename(&partial, out.join("manifest.json"))?;
    Ok(summary)
}

fn select_sql(
    engine: Engine,
    table: &str,
    columns: &[Column],
    key: &[String],
    filter: Option<&str>,
) -> String {
    // PostgreSQL's `integer` columns are read as 64-bit like every other integer.
    let list: Vec<String> = columns
        .iter()
        .map(|c| match (engine, c.kind) {
            (Engine::Postgres, Kind::Integer) => format!("CAST(\"{0}\" AS BIGINT) AS \"{0}\"", c.name),
            _ => format!("\"{}\"", c.name),
        })
        .collect();
    // Without a primary key, every column orders the rows, so two exports of the same
    // data write the same lines.
    let order: Vec<String> = if key.is_empty() {
        columns.iter().filter(|c| c.kind != Kind::Blob).map(|c| format!("\"{}\"", c.name)).collect()
    } else {
        key.iter().map(|k| format!("\"{k}\"")).collect()
    };
    let filter = filter.map(|f| format!(" WHERE {f}")).unwrap_or_default();
    format!("SELECT {} FROM \"{table}\"{filter} ORDER BY {}", list.join(", "), order.join(", "))
}

/// Copies every stored file to `files/…`, recording its size and checksum. A file
/// removed while the export runs is skipped (its row had gone in the snapshot or
/// goes with it).
fn copy_files(stored: Vec<(String, std::path::PathBuf)>, out: &Path) -> anyhow::Result<Vec<FileEntry>> {
    let mut entries = Vec::new();
    for (relative, source) in stored {
        let path = format!("files/{relative}");
        let target = out.join(&path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        match std::fs::copy(&source, &target) {
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(anyhow::anyhow!("cannot copy {}: {e}", source.display())),
        }
        let (sha256, bytes, _) = manifest::sha256_file(&target)?;
        entries.push(FileEntry { path, bytes, sha256 });
    }
    Ok(entries)
}

/// The files of the partnership's resources, where the local-disk store keeps them.
async fn partnership_files(
    db: &Db,
    files_dir: &Path,
    id: i64,
) -> anyhow::Result<Vec<(String, std::path::PathBuf)>> {
    let sql = sqlx::AssertSqlSafe(scope::file_keys_sql(id));
    let keys: Vec<String> = match db {
        Db::Sqlite(pool) => sqlx::query_scalar(sql).fetch_all(pool).await?,
        Db::Postgres(pool) => sqlx::query_scalar(sql).fetch_all(pool).await?,
    };
    let mut files: Vec<_> = keys
        .into_iter()
        .filter(|k| k.len() > 2 && manifest::safe_relative(k).is_some())
        .map(|k| (format!("{}/{k}", &k[..2]), files_dir.join(&k[..2]).join(&k)))
        .collect();
    files.sort();
    files.dedup();
    Ok(files)
}

async fn count(db: &Db, sql: &str) -> anyhow::Result<i64> {
    let sql = sqlx::AssertSqlSafe(sql.to_owned());
    Ok(match db {
        Db::Sqlite(pool) => sqlx::query_scalar(sql).fetch_one(pool).await?,
        Db::Postgres(pool) => sqlx::query_scalar(sql).fetch_one(pool).await?,
    })
}

/// One read transaction: a consistent view of every table.
enum Snapshot {
    Sqlite(sqlx::Transaction<'static, sqlx::Sqlite>),
    Postgres(sqlx::Transaction<'static, sqlx::Postgres>),
}

impl Snapshot {
    async fn begin(db: &Db) -> anyhow::Result<Snapshot> {
        Ok(match db {
            // A deferred transaction: it takes no write lock, and in WAL mode sees the
            // database as it was at its first read while writers carry on.
            Db::Sqlite(pool) => Snapshot::Sqlite(pool.begin().await?),
            Db::Postgres(pool) => {
                let mut tx = pool.begin().await?;
                sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
                    .execute(&mut *tx)
                    .await?;
                Snapshot::Postgres(tx)
            }
        })
    }

    async fn end(self) -> anyhow::Result<()> {
        match self {
            Snapshot::Sqlite(tx) => tx.rollback().await?,
            Snapshot::Postgres(tx) => tx.rollback().await?,
        }
        Ok(())
    }

    async fn write_rows(
        &mut self,
        select: &str,
        columns: &[Column],
        out: &mut impl Write,
    ) -> anyhow::Result<u64> {
        let sql = sqlx::AssertSqlSafe(select.to_owned());
        let mut count = 0;
        macro_rules! each_row {
            ($stream:expr) => {{
                let mut rows = $stream;
                while let Some(row) = rows.try_next().await? {
                    let mut object = Map::new();
                    for (i, column) in columns.iter().enumerate() {
                        let value: Json = read_value!(&row, i, column.kind)
                            .map_err(|e| anyhow::anyhow!("cannot read column {}: {e}", column.name))?;
                        object.insert(column.name.clone(), value);
                    }
                    serde_json::to_writer(&mut *out, &Json::Object(object))?;
                    out.write_all(b"\n")?;
                    count += 1;
                }
            }};
        }
        match self {
            Snapshot::Sqlite(tx) => each_row!(sqlx::query(sql).fetch(&mut **tx)),
            Snapshot::Postgres(tx) => each_row!(sqlx::query(sql).fetch(&mut **tx)),
        }
        Ok(count)
    }
}

/// A buffered file writer that hashes what it writes.
struct Hashing {
    inner: std::io::BufWriter<std::fs::File>,
    hasher: Sha256,
}

impl Hashing {
    fn new(file: std::fs::File) -> Hashing {
        Hashing { inner: std::io::BufWriter::new(file), hasher: Sha256::new() }
    }

    fn finish(mut self) -> std::io::Result<String> {
        self.inner.flush()?;
        self.inner.get_ref().sync_all()?;
        Ok(manifest::hex(self.hasher.finalize()))
    }
}

impl Write for Hashing {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}
