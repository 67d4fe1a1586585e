//! Importing a framework file, for the upload page and the command line alike.
//! Nothing is stored unless the whole file is valid, its mappings point at criteria
//! that exist, and the importer may add versions to that key.

use osa_core::framework::{self, FileError, Framework};

use super::store;
use crate::db::Db;

pub enum ImportError {
    /// The file itself is wrong; every problem found is listed.
    Invalid(Vec<FileError>),
    /// The key belongs to another partnership (or to the platform).
    NotOwner {
        key: String,
    },
    Storage(anyhow::Error),
}

impl From<sqlx::Error> for ImportError {
    fn from(err: sqlx::Error) -> Self {
        ImportError::Storage(err.into())
    }
}

impl From<anyhow::Error> for ImportError {
    fn from(err: anyhow::Error) -> Self {
        ImportError::Storage(err)
    }
}

pub struct Imported {
    pub id: i64,
    pub key: String,
    pub version: i32,
    pub standards: usize,
    pub criteria: usize,
    pub published: bool,
}

/// Parses and checks a file without storing it.
pub async fn check(db: &Db, bytes: &[u8]) -> Result<Framework, ImportError> {
    let parsed = framework::parse_bytes(bytes).map_err(ImportError::Invalid)?;
    let known: Vec<Framework> =
        store::latest_published(db).await?.into_iter().filter(|f| f.key != parsed.key).collect();
    let refs: Vec<&Framework> = known.iter().collect();
    let errors = framework::check_mappings(&parsed, &refs);
    if !errors.is_empty() {
        return Err(ImportError::Invalid(errors));
    }
    Ok(parsed)
}

/// Checks and stores a file as the next version of its key. `owner` is the partnership
/// importing it (`None` for the platform); `platform_admin` may add versions to any key.
pub async fn import(
    db: &Db,
    owner: Option<i64>,
    actor: Option<i64>,
    platform_admin: bool,
    bytes: &[u8],
    publish: bool,
) -> Result<Imported, ImportError> {
    let parsed = check(db, bytes).await?;
    let mut tx = db.begin().await?;
    let owner = match store::key_owner(&mut tx, &parsed.key).await? {
        Some(existing) if existing != owner && !platform_admin => {
            return Err(ImportError::NotOwner { key: parsed.key });
        }
        Some(existing) => existing,
        None => owner,
    };
    let (id, version) = store::save_new_version(&mut tx, owner, actor, &parsed, publish).await?;
    tx.commit().await?;
    Ok(Imported {
        id,
        key: parsed.key.clone(),
        version,
        standards: parsed.standards.len(),
        criteria: parsed.criterion_count(),
        published: publish,
    })
}

/// The shipped frameworks, in an order where every mapping's target comes first.
pub const SHIPPED: &[(&str, &str)] = &[
    ("s11-children.toml", include_str!("../../../../frameworks/s11-children.toml")),
    ("s11-adults.toml", include_str!("../../../../frameworks/s11-adults.toml")),
    ("s11-joint.toml", include_str!("../../../../frameworks/s11-joint.toml")),
    ("s11-short.toml", include_str!("../../../../frameworks/s11-short.toml")),
    ("partnership.toml", include_str!("../../../../frameworks/partnership.toml")),
];

/// Imports and publishes every shipped framework (used by the demo).
pub async fn import_shipped(db: &Db) -> anyhow::Result<usize> {
    for (name, text) in SHIPPED {
        match import(db, None, None, true, text.as_bytes(), true).await {
            Ok(_) => {}
            Err(ImportError::Invalid(errors)) => anyhow::bail!("{name}: {}", errors[0]),
            Err(ImportError::NotOwner { key }) => anyhow::bail!("{name}: key {key} is owned elsewhere"),
            Err(ImportError::Storage(err)) => return Err(err),
        }
    }
    Ok(SHIPPED.len())
}
