//! The manifest of an export (`manifest.json`) and the checksums both exports and
//! backups rest on. Written last, so a folder without one is an export that never
//! finished; read first, so nothing is written before every file has been checked.

use std::io::Read;
use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::columns::Column;

pub const EXPORT_FORMAT: &str = "osa-export";
pub const FORMAT_VERSION: u32 = 1;

#[derive(Serialize, Deserialize, Debug, PartialEq)]
pub struct Manifest {
    pub format: String,
    pub format_version: u32,
    pub osa_version: String,
    /// The newest migration applied to the database exported.
    pub schema_version: i64,
    pub created_at: String,
    pub source_engine: String,
    /// `deployment`, or `partnership <id>` for one partnership's data.
    pub scope: String,
    pub tables: Vec<TableEntry>,
    pub files: Vec<FileEntry>,
}

#[derive(Serialize, Deserialize, Debug, PartialEq)]
pub struct TableEntry {
    pub name: String,
    /// Relative to the export folder: `tables/<name>.jsonl`.
    pub file: String,
    pub rows: u64,
    pub sha256: String,
    pub columns: Vec<Column>,
}

#[derive(Serialize, Deserialize, Debug, PartialEq, Clone)]
pub struct FileEntry {
    /// Relative to the export folder: `files/<path under files_dir>`.
    pub path: String,
    pub bytes: u64,
    pub sha256: String,
}

pub fn hex(digest: impl AsRef<[u8]>) -> String {
    digest.as_ref().iter().map(|b| format!("{b:02x}")).collect()
}

/// The sha256 and length of a file, and how many lines it has (read in pieces: a table
/// file may be large).
pub fn sha256_file(path: &Path) -> std::io::Result<(String, u64, u64)> {
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 64 * 1024];
    let (mut bytes, mut lines) = (0u64, 0u64);
    loop {
        let n = file.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        hasher.update(&buffer[..n]);
        bytes += n as u64;
        lines += buffer[..n].iter().filter(|b| **b == b'\n').count() as u64;
    }
    Ok((hex(hasher.finalize()), bytes, lines))
}

/// A path from an archive or manifest, accepted only when it stays inside the folder
/// it is read into (no `..`, no absolute paths).
pub fn safe_relative(path: &str) -> Option<PathBuf> {
    let candidate = Path::new(path);
    let normal = candidate.components().all(|c| matches!(c, Component::Normal(_)));
    (normal && !path.is_empty()).then(|| candidate.to_path_buf())
}

/// Every stored file under `root` as (path relative to it with `/` separators, full
/// path), sorted, skipping the `.partial` files a store writes before renaming.
pub fn stored_files(root: &Path) -> std::io::Result<Vec<(String, PathBuf)>> {
    let mut found = Vec::new();
    let mut folders = vec![root.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let entries = match std::fs::read_dir(&folder) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        };
        for entry in entries {
            let entry = entry?;
            let path = entry.path();
            if entry.file_type()?.is_dir() {
                folders.push(path);
            } else if path.extension().is_none_or(|e| e != "partial") {
                let relative = path.strip_prefix(root).unwrap_or(&path);
                let name: Vec<String> =
                    relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
                found.push((name.join("/"), path));
            }
        }
    }
    found.sort();
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_could_leave_the_folder_are_refused() {
        assert!(safe_relative("files/ab/abcd").is_some());
        for bad in ["../etc/passwd", "/etc/passwd", "files/../../x", ""] {
            assert!(safe_relative(bad).is_none(), "{bad}");
        }
    }
}
