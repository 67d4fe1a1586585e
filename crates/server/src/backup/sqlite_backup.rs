//! `osa backup FILE` / `osa restore FILE` for a SQLite deployment.
//!
//! The database is copied with `VACUUM INTO`, which reads one consistent snapshot and
//! works while the service runs and writes (WAL mode), then packed with the stored
//! files into one gzipped tar archive whose `manifest.json` gives the sha256 of every
//! member. Restore unpacks into a staging folder beside the target, checks every
//! checksum, the schema version and SQLite's own integrity check, and only then
//! renames the database and the files folder into place.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use sqlx::sqlite::SqliteConnectOptions;

use super::manifest::{self, FileEntry};
use crate::db::{Db, migrations};

pub const BACKUP_FORMAT: &str = "osa-backup";
const DATABASE: &str = "database/osa.db";
const MANIFEST: &str = "manifest.json";

#[derive(Serialize, Deserialize)]
struct BackupManifest {
    format: String,
    format_version: u32,
    osa_version: String,
    schema_version: i64,
    created_at: String,
    members: Vec<FileEntry>,
}

pub async fn backup(database_url: &str, files_dir: &Path, out: &Path) -> anyhow::Result<String> {
    if !database_url.starts_with("sqlite:") {
        anyhow::bail!(
            "osa backup is for SQLite; back up PostgreSQL with pg_dump --format=custom (see the README), \
             or use osa export"
        );
    }
    let db = Db::connect(database_url).await?;
    let Db::Sqlite(pool) = &db else { anyhow::bail!("{database_url} is not a SQLite database") };
    let work = staging_beside(out)?;
    let result = async {
        let copy = work.join("osa.db");
        sqlx::query("VACUUM INTO ?1").bind(copy.to_string_lossy().into_owned()).execute(pool).await?;
        let schema_version = version_of(&copy).await?;
        write_archive(&copy, schema_version, files_dir, out)
    }
    .await;
    let _ = std::fs::remove_dir_all(&work);
    db.close().await;
    result
}

fn write_archive(copy: &Path, schema_version: i64, files_dir: &Path, out: &Path) -> anyhow::Result<String> {
    let partial = out.with_extension("partial");
    let gz = flate2::write::GzEncoder::new(std::fs::File::create(&partial)?, flate2::Compression::default());
    let mut tar = tar::Builder::new(gz);
    let (sha256, bytes, _) = manifest::sha256_file(copy)?;
    tar.append_path_with_name(copy, DATABASE)?;
    let mut members = vec![FileEntry { path: DATABASE.into(), bytes, sha256 }];
    for (relative, path) in manifest::stored_files(files_dir)? {
        // Read whole (uploads are at most 20 MB) so the checksum is of the bytes packed.
        let data = match std::fs::read(&path) {
            Ok(data) => data,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e.into()),
        };
        let name = format!("files/{relative}");
        append(&mut tar, &name, &data)?;
        members.push(FileEntry { path: name, bytes: data.len() as u64, sha256: sha256_bytes(&data) });
    }
    let manifest = BackupManifest {
        format: BACKUP_FORMAT.into(),
        format_version: manifest::FORMAT_VERSION,
        osa_version: env!("CARGO_PKG_VERSION").into(),
        schema_version,
        created_at: super::now_text(),
        members,
    };
    append(&mut tar, MANIFEST, &serde_json::to_vec_pretty(&manifest)?)?;
    let file = tar.into_inner()?.finish()?;
    file.sync_all()?;
    std::fs::rename(&partial, out)?;
    Ok(format!("{} files and the database (schema version {schema_version})", manifest.members.len() - 1))
}

fn append<W: std::io::Write>(tar: &mut tar::Builder<W>, name: &str, data: &[u8]) -> std::io::Result<()> {
    let mut header = tar::Header::new_gnu();
    header.set_size(data.len() as u64);
    header.set_mode(0o600);
    header.set_cksum();
    tar.append_data(&mut header, name, data)
}

fn sha256_bytes(data: &[u8]) -> String {
    use sha2::Digest;
    manifest::hex(sha2::Sha256::digest(data))
}

pub async fn restore(
    archive: &Path,
    database_url: &str,
    files_dir: &Path,
    force: bool,
) -> anyhow::Result<String> {
    if !database_url.starts_with("sqlite:") {
        anyhow::bail!("osa restore is for SQLite; restore PostgreSQL with pg_restore (see the README)");
    }
    let target = SqliteConnectOptions::from_str(database_url)?.get_filename().to_path_buf();
    if !force {
        if std::fs::metadata(&target).is_ok_and(|m| m.len() > 0) {
            anyhow::bail!(
                "{} already exists: restore into a new path, or add --force to replace it",
                target.display()
            );
        }
        if !manifest::stored_files(files_dir)?.is_empty() {
            anyhow::bail!("{} is not empty: restore into a new folder, or add --force", files_dir.display());
        }
    }
    let db_stage = staging_beside(&target)?;
    let files_stage = staging_beside(files_dir)?;
    let result = async {
        let manifest = unpack(archive, &db_stage, &files_stage)
            .map_err(|e| anyhow::anyhow!("{} is damaged: {e}", archive.display()))?;
        let staged = db_stage.join("osa.db");
        check_database(&staged, manifest.schema_version).await?;
        for suffix in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", target.display()));
        }
        std::fs::rename(&staged, &target)?;
        // Beside the files folder, so the rename stays on its file system.
        let old = files_stage.join("old-files");
        if files_dir.exists() {
            std::fs::rename(files_dir, &old)?;
        }
        std::fs::rename(files_stage.join("files"), files_dir)?;
        Ok(format!(
            "restored {} (schema version {}) and {} files",
            target.display(),
            manifest.schema_version,
            manifest.members.len() - 1
        ))
    }
    .await;
    let _ = std::fs::remove_dir_all(&db_stage);
    let _ = std::fs::remove_dir_all(&files_stage);
    result
}

/// Unpacks the archive: the database into `db_stage/osa.db`, the files under
/// `files_stage/files/`, checking each member against the manifest.
fn unpack(archive: &Path, db_stage: &Path, files_stage: &Path) -> anyhow::Result<BackupManifest> {
    let gz = flate2::read::GzDecoder::new(std::fs::File::open(archive)?);
    let mut tar = tar::Archive::new(gz);
    let mut found: BTreeMap<String, (String, u64)> = BTreeMap::new();
    let mut manifest_bytes = None;
    std::fs::create_dir_all(files_stage.join("files"))?;
    for entry in tar.entries()? {
        let mut entry = entry?;
        let name = entry.path()?.to_string_lossy().into_owned();
        if !entry.header().entry_type().is_file() || manifest::safe_relative(&name).is_none() {
            anyhow::bail!("unexpected member {name}");
        }
        if name == MANIFEST {
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut entry, &mut bytes)?;
            manifest_bytes = Some(bytes);
            continue;
        }
        let path: PathBuf = match name.as_str() {
            DATABASE => db_stage.join("osa.db"),
            n if n.starts_with("files/") => files_stage.join(n),
            _ => anyhow::bail!("unexpected member {name}"),
        };
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::io::copy(&mut entry, &mut std::fs::File::create(&path)?)?;
        let (sha256, bytes, _) = manifest::sha256_file(&path)?;
        if found.insert(name.clone(), (sha256, bytes)).is_some() {
            anyhow::bail!("member {name} appears twice");
        }
    }
    let manifest: BackupManifest =
        serde_json::from_slice(&manifest_bytes.ok_or_else(|| anyhow::anyhow!("no {MANIFEST}"))?)?;
    if manifest.format != BACKUP_FORMAT || manifest.format_version != manifest::FORMAT_VERSION {
        anyhow::bail!("it is not an osa backup of format version {}", manifest::FORMAT_VERSION);
    }
    for member in &manifest.members {
        match found.remove(&member.path) {
            Some((sha256, bytes)) if sha256 == member.sha256 && bytes == member.bytes => {}
            Some(_) => anyhow::bail!("{} does not match its checksum", member.path),
            None => anyhow::bail!("{} is missing", member.path),
        }
    }
    if let Some((extra, _)) = found.into_iter().next() {
        anyhow::bail!("{extra} is not in the manifest");
    }
    if !manifest.members.iter().any(|m| m.path == DATABASE) {
        anyhow::bail!("{DATABASE} is missing");
    }
    Ok(manifest)
}

async fn check_database(path: &Path, schema_version: i64) -> anyhow::Result<()> {
    let version = version_of(path).await?;
    if version != schema_version {
        anyhow::bail!(
            "the database is at schema version {version}, not the {schema_version} its manifest says"
        );
    }
    if version > migrations::latest_version() {
        anyhow::bail!(
            "the backup is of schema version {version}, newer than this osa ({}): restore it with a newer osa",
            migrations::latest_version()
        );
    }
    let pool = read_only(path).await?;
    let (verdict,): (String,) = sqlx::query_as("PRAGMA integrity_check").fetch_one(&pool).await?;
    pool.close().await;
    if verdict != "ok" {
        anyhow::bail!("the database in the backup fails SQLite's integrity check: {verdict}");
    }
    Ok(())
}

async fn version_of(path: &Path) -> anyhow::Result<i64> {
    let pool = read_only(path).await?;
    let version = super::schema_version(&Db::Sqlite(pool.clone())).await;
    pool.close().await;
    version
}

async fn read_only(path: &Path) -> anyhow::Result<sqlx::SqlitePool> {
    let options = SqliteConnectOptions::new().filename(path).read_only(true);
    Ok(sqlx::sqlite::SqlitePoolOptions::new().max_connections(1).connect_with(options).await?)
}

/// A new, empty folder beside `path` (so renames stay on one file system).
fn staging_beside(path: &Path) -> anyhow::Result<PathBuf> {
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)?;
    let nanos = time::OffsetDateTime::now_utc().unix_timestamp_nanos();
    let stage = parent.join(format!(".osa-staging-{}-{nanos}", std::process::id()));
    std::fs::create_dir(&stage)?;
    Ok(stage)
}
