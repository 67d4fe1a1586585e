//! `osa framework validate|import|export`: the same checks and storage as the upload
//! page, for scripts and first set-up.

use super::import::{self, ImportError};
use super::store;
use crate::db::Db;
use osa_core::framework;

/// Checks a file without a database (mappings to other frameworks are not checked).
pub fn validate(bytes: &[u8]) -> anyhow::Result<String> {
    match framework::parse_bytes(bytes) {
        Ok(f) => Ok(format!(
            "{} ({}, version {}): valid, {} standards and {} criteria.",
            f.name,
            f.key,
            f.version,
            f.standards.len(),
            f.criterion_count()
        )),
        Err(errors) => Err(anyhow::anyhow!(report(&errors))),
    }
}

fn report(errors: &[framework::FileError]) -> String {
    let lines: Vec<String> = errors.iter().map(|e| format!("  - {e}")).collect();
    format!(
        "the file is not valid ({}); nothing was imported:\n{}",
        crate::web::format::count(errors.len(), "problem", "problems"),
        lines.join("\n")
    )
}

/// Imports a file as a platform framework, as a draft or published at once.
pub async fn import_file(db: &Db, bytes: &[u8], publish: bool) -> anyhow::Result<String> {
    match import::import(db, None, None, true, bytes, publish).await {
        Ok(done) => Ok(format!(
            "Imported {} version {} ({}): {} standards, {} criteria.",
            done.key,
            done.version,
            if done.published { "published" } else { "draft" },
            done.standards,
            done.criteria
        )),
        Err(ImportError::Invalid(errors)) => Err(anyhow::anyhow!(report(&errors))),
        Err(ImportError::NotOwner { key }) => Err(anyhow::anyhow!("key {key} is owned by a partnership")),
        Err(ImportError::Storage(err)) => Err(err),
    }
}

/// The file of a stored version: the newest of `key`, or the given version.
pub async fn export(db: &Db, key: &str, version: Option<i32>) -> anyhow::Result<String> {
    let found = store::list(db)
        .await?
        .into_iter()
        .filter(|s| s.key == key)
        .find(|s| version.is_none_or(|v| s.version == v))
        .ok_or_else(|| {
            anyhow::anyhow!(
                "no framework {key}{}",
                version.map(|v| format!(" version {v}")).unwrap_or_default()
            )
        })?;
    let stored =
        store::load(db, found.id).await?.ok_or_else(|| anyhow::anyhow!("framework {key} vanished"))?;
    Ok(framework::to_toml(&stored.framework))
}
