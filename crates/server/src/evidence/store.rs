//! Evidence files: their rows in the database and their bytes in the file store.
//!
//! Adding puts the bytes first and then writes every row in one transaction (with its
//! audit record); if the transaction fails the bytes just stored are removed again.
//! Removing deletes the row first and the bytes only once that has committed, so a
//! row never points at missing bytes; a failure after the commit leaves unused bytes,
//! which is logged.

use std::collections::BTreeMap;

use sea_query::{Expr, ExprTrait, Order, Query};
use serde_json::{Value, json};
use time::OffsetDateTime;

use crate::assessments::returns::withdraw_sign_off;
use crate::audit::{self, Change};
use crate::db::Db;
use crate::db::schema::{EvidenceFiles, Users};
use crate::storage::{FileKind, Storage};

/// Most files listed for one page of criteria or kept in one return's snapshot.
const LIST_LIMIT: u64 = 5000;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EvidenceFile {
    pub id: i64,
    pub assessment_id: i64,
    pub criterion_code: String,
    pub storage_key: String,
    pub file_name: String,
    pub media_type: String,
    pub size_bytes: i64,
    pub uploaded_at: OffsetDateTime,
    pub uploaded_by_name: Option<String>,
}

impl EvidenceFile {
    pub fn kind(&self) -> Option<FileKind> {
        FileKind::from_mime(&self.media_type)
    }

    fn describe(&self) -> Value {
        json!({
            "file_id": self.id,
            "criterion": self.criterion_code,
            "name": self.file_name,
            "media_type": self.media_type,
            "size": self.size_bytes,
        })
    }
}

fn select() -> sea_query::SelectStatement {
    Query::select()
        .columns([
            (EvidenceFiles::Table, EvidenceFiles::Id),
            (EvidenceFiles::Table, EvidenceFiles::AssessmentId),
            (EvidenceFiles::Table, EvidenceFiles::CriterionCode),
            (EvidenceFiles::Table, EvidenceFiles::StorageKey),
            (EvidenceFiles::Table, EvidenceFiles::FileName),
            (EvidenceFiles::Table, EvidenceFiles::MediaType),
            (EvidenceFiles::Table, EvidenceFiles::SizeBytes),
            (EvidenceFiles::Table, EvidenceFiles::UploadedAt),
        ])
        .expr_as(Expr::col((Users::Table, Users::DisplayName)), "uploaded_by_name")
        .from(EvidenceFiles::Table)
        .left_join(
            Users::Table,
            Expr::col((Users::Table, Users::Id)).equals((EvidenceFiles::Table, EvidenceFiles::UploadedBy)),
        )
        .to_owned()
}

pub async fn get(db: &Db, id: i64) -> Result<Option<EvidenceFile>, sqlx::Error> {
    db.fetch_optional(
        &select().and_where(Expr::col((EvidenceFiles::Table, EvidenceFiles::Id)).eq(id)).to_owned(),
    )
    .await
}

/// The files of some criteria of an assessment, oldest first.
pub async fn of_criteria(db: &Db, assessment: i64, codes: &[&str]) -> Result<Vec<EvidenceFile>, sqlx::Error> {
    if codes.is_empty() {
        return Ok(Vec::new());
    }
    db.fetch_all(
        &select()
            .and_where(Expr::col((EvidenceFiles::Table, EvidenceFiles::AssessmentId)).eq(assessment))
            .and_where(
                Expr::col((EvidenceFiles::Table, EvidenceFiles::CriterionCode)).is_in(codes.iter().copied()),
            )
            .order_by((EvidenceFiles::Table, EvidenceFiles::Id), Order::Asc)
            .limit(LIST_LIMIT)
            .to_owned(),
    )
    .await
}

/// What a return's snapshot records of the evidence: per criterion, each file's name,
/// detected type and size (the bytes stay in the store and may later be removed).
pub async fn snapshot(db: &Db, assessment: i64) -> Result<BTreeMap<String, Vec<Value>>, sqlx::Error> {
    let rows: Vec<(String, String, String, i64)> = db
        .fetch_all(
            &Query::select()
                .columns([
                    EvidenceFiles::CriterionCode,
                    EvidenceFiles::FileName,
                    EvidenceFiles::MediaType,
                    EvidenceFiles::SizeBytes,
                ])
                .from(EvidenceFiles::Table)
                .and_where(Expr::col(EvidenceFiles::AssessmentId).eq(assessment))
                .order_by(EvidenceFiles::Id, Order::Asc)
                .limit(LIST_LIMIT)
                .to_owned(),
        )
        .await?;
    let mut out: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for (code, name, media_type, size) in rows {
        out.entry(code).or_default().push(json!({ "name": name, "media_type": media_type, "size": size }));
    }
    Ok(out)
}

/// A file accepted for one criterion, its kind already checked by content.
pub struct Upload {
    pub criterion: String,
    pub name: String,
    pub kind: FileKind,
    pub bytes: Vec<u8>,
}

/// Keeps the files as evidence of an assessment's criteria; gives back their ids.
/// Any sign-off awaiting submission is withdrawn, since the return it froze listed
/// other files.
pub async fn attach(
    db: &Db,
    files: &Storage,
    assessment: i64,
    actor: i64,
    uploads: &[Upload],
) -> anyhow::Result<Vec<i64>> {
    let mut keys = Vec::with_capacity(uploads.len());
    for upload in uploads {
        match files.put(&upload.bytes).await {
            Ok(key) => keys.push(key),
            Err(err) => {
                forget(files, &keys).await;
                return Err(err);
            }
        }
    }
    match record_attached(db, assessment, actor, uploads, &keys).await {
        Ok(ids) => Ok(ids),
        Err(err) => {
            forget(files, &keys).await;
            Err(err.into())
        }
    }
}

async fn record_attached(
    db: &Db,
    assessment: i64,
    actor: i64,
    uploads: &[Upload],
    keys: &[String],
) -> Result<Vec<i64>, sqlx::Error> {
    let now = OffsetDateTime::now_utc();
    let mut tx = db.begin().await?;
    let mut ids = Vec::with_capacity(uploads.len());
    for (upload, key) in uploads.iter().zip(keys) {
        let size = i64::try_from(upload.bytes.len()).unwrap_or(i64::MAX);
        let id = tx
            .insert_id(
                &Query::insert()
                    .into_table(EvidenceFiles::Table)
                    .columns([
                        EvidenceFiles::AssessmentId,
                        EvidenceFiles::CriterionCode,
                        EvidenceFiles::StorageKey,
                        EvidenceFiles::FileName,
                        EvidenceFiles::MediaType,
                        EvidenceFiles::SizeBytes,
                        EvidenceFiles::UploadedBy,
                        EvidenceFiles::UploadedAt,
                    ])
                    .values_panic([
                        assessment.into(),
                        upload.criterion.as_str().into(),
                        key.as_str().into(),
                        upload.name.as_str().into(),
                        upload.kind.mime().into(),
                        size.into(),
                        actor.into(),
                        now.into(),
                    ])
                    .to_owned(),
            )
            .await?;
        audit::record(
            &mut tx,
            Change {
                actor: Some(actor),
                action: "add_evidence",
                entity: "assessment",
                entity_id: assessment.to_string(),
                before: None,
                after: Some(json!({
                    "file_id": id,
                    "criterion": upload.criterion,
                    "name": upload.name,
                    "media_type": upload.kind.mime(),
                    "size": size,
                })),
            },
        )
        .await?;
        ids.push(id);
    }
    withdraw_sign_off(&mut tx, assessment).await?;
    tx.commit().await?;
    Ok(ids)
}

/// Removes bytes no row refers to; a failure only leaves unused bytes behind.
async fn forget(files: &Storage, keys: &[String]) {
    for key in keys {
        if let Err(err) = files.delete(key).await {
            tracing::warn!(error = %err, key, "an unused evidence file could not be removed");
        }
    }
}

/// Removes one evidence file; false when it was already gone.
pub async fn remove(db: &Db, files: &Storage, actor: i64, file: &EvidenceFile) -> anyhow::Result<bool> {
    let mut tx = db.begin().await?;
    let removed = tx
        .execute(
            &Query::delete()
                .from_table(EvidenceFiles::Table)
                .and_where(Expr::col(EvidenceFiles::Id).eq(file.id))
                .and_where(Expr::col(EvidenceFiles::AssessmentId).eq(file.assessment_id))
                .to_owned(),
        )
        .await?;
    if removed == 0 {
        return Ok(false);
    }
    audit::record(
        &mut tx,
        Change {
            actor: Some(actor),
            action: "remove_evidence",
            entity: "assessment",
            entity_id: file.assessment_id.to_string(),
            before: Some(file.describe()),
            after: None,
        },
    )
    .await?;
    withdraw_sign_off(&mut tx, file.assessment_id).await?;
    tx.commit().await?;
    forget(files, std::slice::from_ref(&file.storage_key)).await;
    Ok(true)
}
