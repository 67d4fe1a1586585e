//! `osa import DIR`: reads an export into an empty, migrated database of either
//! engine. Every checksum, count and column is checked before anything is written;
//! then all rows go in inside one transaction, and the files are copied before it
//! commits, so a failure at any point leaves the database and the files folder as
//! they were.

use std::io::BufRead;
use std::path::{Path, PathBuf};

use sea_query::{Alias, Query};

use super::columns::{self, Column, Kind};
use super::manifest::{self, EXPORT_FORMAT, FORMAT_VERSION, Manifest};
use super::values::to_sql;
use crate::db::{Db, Engine, Tx, migrations};

/// Bound values per INSERT: well under both engines' limits on parameters.
const VALUES_PER_INSERT: usize = 4000;

#[derive(Debug)]
pub struct Imported {
    pub tables: usize,
    pub rows: u64,
    pub files: usize,
}

impl std::fmt::Display for Imported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} tables, {} rows and {} files", self.tables, self.rows, self.files)
    }
}

pub async fn import(db: &Db, files_dir: &Path, dir: &Path) -> anyhow::Result<Imported> {
    let manifest = read_manifest(dir)?;
    let shapes = check_tables(db, dir, &manifest).await?;
    check_files(dir, &manifest)?;
    check_empty(db, files_dir, &shapes).await?;

    let order = columns::fill_order(
        &shapes.iter().map(|(name, _, refs)| (name.clone(), refs.clone())).collect::<Vec<_>>(),
    )?;
    let mut tx = db.begin().await?;
    let mut rows = 0;
    for name in &order {
        let (_, columns, _) = shapes
            .iter()
            .find(|(n, _, _)| n == name)
            .ok_or_else(|| anyhow::anyhow!("table {name} is in the fill order but not in the export"))?;
        let entry = manifest
            .tables
            .iter()
            .find(|t| &t.name == name)
            .ok_or_else(|| anyhow::anyhow!("table {name} is not in the manifest"))?;
        rows += insert_rows(&mut tx, name, columns, &dir.join(&entry.file), &entry.file).await?;
    }
    if tx.engine() == Engine::Postgres {
        reset_sequences(&mut tx, &shapes).await?;
    }
    // On an error here the transaction rolls back as it is dropped.
    let copied = copy_files(dir, files_dir, &manifest)?;
    if let Err(err) = tx.commit().await {
        remove(&copied);
        return Err(err.into());
    }
    Ok(Imported { tables: order.len(), rows, files: copied.len() })
}

fn read_manifest(dir: &Path) -> anyhow::Result<Manifest> {
    let path = dir.join("manifest.json");
    let bytes = std::fs::read(&path).map_err(|e| {
        anyhow::anyhow!("{} cannot be read ({e}): this is not a finished osa export", path.display())
    })?;
    let manifest: Manifest =
        serde_json::from_slice(&bytes).map_err(|e| anyhow::anyhow!("{} is damaged: {e}", path.display()))?;
    if manifest.format != EXPORT_FORMAT || manifest.format_version != FORMAT_VERSION {
        anyhow::bail!(
            "{} is format {} version {}; this osa reads {EXPORT_FORMAT} version {FORMAT_VERSION}",
            path.display(),
            manifest.format,
            manifest.format_version
        );
    }
    if manifest.schema_version != migrations::latest_version() {
        anyhow::bail!(
            "the export is of schema version {} and this osa is at {}: import it with the osa version that made it",
            manifest.schema_version,
            migrations::latest_version()
        );
    }
    Ok(manifest)
}

type Shapes = Vec<(String, Vec<Column>, Vec<String>)>;

/// Every table this osa has must be in the manifest with the same columns, and each
/// table file must have the checksum and row count the manifest gives.
async fn check_tables(db: &Db, dir: &Path, manifest: &Manifest) -> anyhow::Result<Shapes> {
    let mut shapes = Vec::new();
    for name in migrations::tables() {
        let entry =
            manifest.tables.iter().find(|t| t.name == name).ok_or_else(|| {
                anyhow::anyhow!("the manifest lists no table {name}: the export is partial")
            })?;
        let shape = columns::shape(db, &name).await?;
        if shape.columns != entry.columns {
            anyhow::bail!("{}: its columns are not those of table {name} in this osa", entry.file);
        }
        let relative = manifest::safe_relative(&entry.file)
            .ok_or_else(|| anyhow::anyhow!("the manifest names an unsafe path {}", entry.file))?;
        let (sha256, _, lines) = manifest::sha256_file(&dir.join(relative))
            .map_err(|e| anyhow::anyhow!("{} cannot be read: {e}", entry.file))?;
        if sha256 != entry.sha256 {
            anyhow::bail!("{} is damaged: its checksum does not match the manifest", entry.file);
        }
        if lines != entry.rows {
            anyhow::bail!("{} holds {lines} rows but the manifest says {}", entry.file, entry.rows);
        }
        shapes.push((name, shape.columns, shape.refers_to));
    }
    if let Some(extra) = manifest.tables.iter().find(|t| !shapes.iter().any(|(n, _, _)| *n == t.name)) {
        anyhow::bail!("the export has a table {} this osa does not know", extra.name);
    }
    Ok(shapes)
}

fn check_files(dir: &Path, manifest: &Manifest) -> anyhow::Result<()> {
    for file in &manifest.files {
        let relative = manifest::safe_relative(&file.path)
            .filter(|p| p.starts_with("files"))
            .ok_or_else(|| anyhow::anyhow!("the manifest names an unsafe path {}", file.path))?;
        let (sha256, bytes, _) = manifest::sha256_file(&dir.join(relative))
            .map_err(|e| anyhow::anyhow!("{} cannot be read: {e}", file.path))?;
        if sha256 != file.sha256 || bytes != file.bytes {
            anyhow::bail!("{} is damaged: its checksum does not match the manifest", file.path);
        }
    }
    Ok(())
}

async fn check_empty(db: &Db, files_dir: &Path, shapes: &Shapes) -> anyhow::Result<()> {
    for (name, _, _) in shapes {
        let sql = format!("SELECT COUNT(*) FROM \"{name}\"");
        let sql = sqlx::AssertSqlSafe(sql);
        let (count,): (i64,) = match db {
            Db::Sqlite(pool) => sqlx::query_as(sql).fetch_one(pool).await?,
            Db::Postgres(pool) => sqlx::query_as(sql).fetch_one(pool).await?,
        };
        if count > 0 {
            anyhow::bail!(
                "the target database is not empty (table {name} has {count} rows): import needs a new one"
            );
        }
    }
    if !manifest::stored_files(files_dir)?.is_empty() {
        anyhow::bail!("the files folder {} is not empty: import needs a new one", files_dir.display());
    }
    Ok(())
}

async fn insert_rows(
    tx: &mut Tx,
    table: &str,
    columns: &[Column],
    path: &Path,
    file: &str,
) -> anyhow::Result<u64> {
    let reader = std::io::BufReader::new(std::fs::File::open(path)?);
    let per_insert = (VALUES_PER_INSERT / columns.len().max(1)).max(1);
    let names: Vec<Alias> = columns.iter().map(|c| Alias::new(c.name.as_str())).collect();
    let mut batch = Vec::with_capacity(per_insert);
    let mut count = 0;
    for (number, line) in reader.lines().enumerate() {
        let line = line?;
        let bad = |why: String| anyhow::anyhow!("{file} line {}: {why}", number + 1);
        let object: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(&line).map_err(|e| bad(e.to_string()))?;
        if object.len() != columns.len() {
            return Err(bad("the row's columns are not the table's".into()));
        }
        let mut values = Vec::with_capacity(columns.len());
        for column in columns {
            let value = object.get(&column.name).ok_or_else(|| bad(format!("no column {}", column.name)))?;
            values.push(sea_query::Expr::val(to_sql(column, value).map_err(bad)?));
        }
        batch.push(values);
        count += 1;
        if batch.len() == per_insert {
            flush(tx, table, &names, &mut batch).await.map_err(|e| bad(e.to_string()))?;
        }
    }
    flush(tx, table, &names, &mut batch).await.map_err(|e| anyhow::anyhow!("{file}: {e}"))?;
    Ok(count)
}

async fn flush(
    tx: &mut Tx,
    table: &str,
    names: &[Alias],
    batch: &mut Vec<Vec<sea_query::Expr>>,
) -> Result<(), sqlx::Error> {
    if batch.is_empty() {
        return Ok(());
    }
    let mut insert = Query::insert().into_table(Alias::new(table)).columns(names.iter().cloned()).to_owned();
    for row in batch.drain(..) {
        insert.values_panic(row);
    }
    tx.execute(&insert).await.map(|_| ())
}

/// Rows keep their ids, so each PostgreSQL sequence must move past the largest one or
/// the next new row would collide. (SQLite's AUTOINCREMENT follows inserted ids itself.)
async fn reset_sequences(tx: &mut Tx, shapes: &Shapes) -> anyhow::Result<()> {
    for (name, columns, _) in shapes {
        if columns.iter().any(|c| c.name == "id" && c.kind == Kind::Integer) {
            tx.raw_execute(&format!(
                "SELECT setval(pg_get_serial_sequence('\"{name}\"', 'id'), \
                 (SELECT COALESCE(MAX(id), 0) + 1 FROM \"{name}\"), false)"
            ))
            .await?;
        }
    }
    Ok(())
}

/// Copies the files into the (empty) files folder; on failure removes what it wrote.
fn copy_files(dir: &Path, files_dir: &Path, manifest: &Manifest) -> anyhow::Result<Vec<PathBuf>> {
    let mut copied = Vec::new();
    for file in &manifest.files {
        let relative = file.path.strip_prefix("files/").unwrap_or(&file.path);
        let target = files_dir.join(relative);
        let result = target
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::copy(dir.join(&file.path), &target));
        if let Err(e) = result {
            remove(&copied);
            anyhow::bail!("cannot copy {} to {}: {e}", file.path, target.display());
        }
        copied.push(target);
    }
    Ok(copied)
}

fn remove(paths: &[PathBuf]) {
    for path in paths {
        let _ = std::fs::remove_file(path);
    }
}
