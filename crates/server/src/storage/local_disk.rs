//! The default store: one file per key under a directory. Keys are random, so a key
//! cannot be guessed or made to point outside the directory; writes go to a temporary
//! name first and are renamed into place, so a crash never leaves half a file.

use std::path::{Path, PathBuf};

use async_trait::async_trait;
use rand::RngCore;

use super::FileStore;

pub struct LocalDisk {
    root: PathBuf,
}

impl LocalDisk {
    pub fn new(root: impl AsRef<Path>) -> anyhow::Result<LocalDisk> {
        let root = root.as_ref().to_path_buf();
        std::fs::create_dir_all(&root)
            .map_err(|e| anyhow::anyhow!("cannot create the files directory {}: {e}", root.display()))?;
        Ok(LocalDisk { root })
    }

    /// The path of a key, or `None` for anything that is not a key this store made.
    fn path_of(&self, key: &str) -> Option<PathBuf> {
        let valid = key.len() == 32 && key.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase());
        // Two-character subfolders keep any one directory small.
        valid.then(|| self.root.join(&key[..2]).join(key))
    }
}

fn new_key() -> String {
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[async_trait]
impl FileStore for LocalDisk {
    async fn put(&self, bytes: &[u8]) -> anyhow::Result<String> {
        let key = new_key();
        let path = self.path_of(&key).ok_or_else(|| anyhow::anyhow!("made an invalid file key {key}"))?;
        let folder = path.parent().ok_or_else(|| anyhow::anyhow!("file key {key} has no folder"))?;
        tokio::fs::create_dir_all(folder).await?;
        let partial = path.with_extension("partial");
        tokio::fs::write(&partial, bytes).await?;
        tokio::fs::rename(&partial, &path).await?;
        Ok(key)
    }

    async fn get(&self, key: &str) -> anyhow::Result<Option<Vec<u8>>> {
        let Some(path) = self.path_of(key) else { return Ok(None) };
        match tokio::fs::read(&path).await {
            Ok(bytes) => Ok(Some(bytes)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    async fn delete(&self, key: &str) -> anyhow::Result<()> {
        let Some(path) = self.path_of(key) else { return Ok(()) };
        match tokio::fs::remove_file(&path).await {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(e.into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> LocalDisk {
        let dir = std::env::temp_dir().join(format!("osa-store-test-{}", new_key()));
        LocalDisk::new(dir).unwrap()
    }

    #[tokio::test]
    async fn a_stored_file_reads_back_and_is_gone_after_delete() {
        let store = store();
        let key = store.put(b"evidence").await.unwrap();
        assert_eq!(store.get(&key).await.unwrap().as_deref(), Some(&b"evidence"[..]));
        store.delete(&key).await.unwrap();
        assert_eq!(store.get(&key).await.unwrap(), None);
        store.delete(&key).await.unwrap();
    }

    #[tokio::test]
    async fn keys_that_could_escape_the_folder_are_unknown() {
        let store = store();
        for key in ["../../etc/passwd", "", "ABCDEF0123456789ABCDEF0123456789", "a/b"] {
            assert_eq!(store.get(key).await.unwrap(), None, "{key}");
        }
    }
}
