//! Evidence files: on each standard's page, every criterion takes files (PDF, Word,
//! Excel, images) beside its narrative. Their kind is decided by their content, their
//! bytes are kept in the file store (`crate::storage`), and the rights to add, read
//! and remove them are exactly those of the criterion's answer.
//!
//! The upload button belongs to the standard's answers form and sends it whole (as a
//! multipart form, while "Save" still sends an ordinary one), so whatever the person
//! has typed comes back with the page, unsaved, whether the upload worked or not.

mod names;
mod pages;
pub mod store;

use std::collections::HashMap;

use crate::db::Db;
use crate::web::routes::Routes;

pub use names::display_name;

pub fn routes(r: Routes) -> Routes {
    r.upload("/assessments/{id}/standards/{code}/evidence", pages::upload)
        .get("/assessments/{id}/evidence/{file}", pages::download)
        .get("/assessments/{id}/evidence/{file}/delete", pages::confirm_removal)
        .post("/assessments/{id}/evidence/{file}/delete", pages::remove)
}

/// One file as listed under its criterion.
pub struct FileView {
    pub id: i64,
    pub name: String,
    /// The detected kind in words ("PDF", "Word document").
    pub kind: &'static str,
    pub size: String,
    pub by: String,
    pub at: String,
}

impl From<&store::EvidenceFile> for FileView {
    fn from(f: &store::EvidenceFile) -> FileView {
        FileView {
            id: f.id,
            name: f.file_name.clone(),
            kind: f.kind().map(|k| k.label()).unwrap_or("File"),
            size: names::human_size(f.size_bytes),
            by: f.uploaded_by_name.clone().unwrap_or_else(|| "someone no longer registered".into()),
            at: crate::web::format::datetime(f.uploaded_at),
        }
    }
}

/// The files of some criteria of an assessment, by criterion code.
pub async fn views_by_criterion(
    db: &Db,
    assessment: i64,
    codes: &[&str],
) -> Result<HashMap<String, Vec<FileView>>, sqlx::Error> {
    let mut out: HashMap<String, Vec<FileView>> = HashMap::new();
    for file in store::of_criteria(db, assessment, codes).await? {
        out.entry(file.criterion_code.clone()).or_default().push(FileView::from(&file));
    }
    Ok(out)
}
