//! Where uploaded files live: outside the database, behind [`FileStore`], so a
//! deployment can swap the local-disk default for object storage without touching the
//! features that keep files (evidence, signposting resources). The database keeps only
//! each file's key, name, detected type and size.

mod kinds;
mod local_disk;

use std::sync::Arc;

use async_trait::async_trait;

pub use kinds::{FileKind, Rejected, check_upload};
pub use local_disk::LocalDisk;

/// The largest file a person may upload as evidence or as a resource.
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;

/// A store of immutable blobs addressed by keys it hands out.
#[async_trait]
pub trait FileStore: Send + Sync {
    /// Stores `bytes` and returns the new file's key.
    async fn put(&self, bytes: &[u8]) -> anyhow::Result<String>;
    /// The file's bytes, or `None` when the key is unknown.
    async fn get(&self, key: &str) -> anyhow::Result<Option<Vec<u8>>>;
    /// Removes the file; removing a missing file is not an error.
    async fn delete(&self, key: &str) -> anyhow::Result<()>;
}

/// The store the app shares between requests.
pub type Storage = Arc<dyn FileStore>;

/// A store from the configuration: for now the local disk under `files_dir`.
pub fn from_config(files_dir: &str) -> anyhow::Result<Storage> {
    Ok(Arc::new(LocalDisk::new(files_dir)?))
}
