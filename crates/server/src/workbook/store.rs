//! Uploaded workbooks waiting for confirmation.
//!
//! Between the preview and the confirmation the pending rows are kept in a small
//! table rather than carried in hidden form fields: a workbook's narratives can run to
//! megabytes, far beyond what a form post may carry, and a row in the database cannot
//! be altered by the browser. What is kept is only the raw cells of the rows that
//! change something; the preview and the confirmation both check them again against
//! the answers as they stand at that moment, so nothing stored here is trusted.

use sea_query::{Expr, ExprTrait, Query};
use time::{Duration, OffsetDateTime};

use crate::db::Db;
use crate::db::schema::WorkbookUploads;
use osa_core::assessment::workbook::SheetRow;

/// How long an upload waits for confirmation.
pub const KEPT_FOR: Duration = Duration::hours(24);

pub struct Pending {
    pub id: i64,
    pub file_name: String,
    pub rows: Vec<SheetRow>,
}

/// Keeps the rows of a checked upload, replacing the person's earlier unconfirmed
/// upload of the same assessment, and clears uploads nobody confirmed in time.
pub async fn keep(
    db: &Db,
    assessment: i64,
    user: i64,
    file_name: &str,
    rows: &[SheetRow],
) -> Result<i64, anyhow::Error> {
    let rows = serde_json::to_string(rows)?;
    let now = OffsetDateTime::now_utc();
    let mut tx = db.begin().await?;
    tx.execute(
        &Query::delete()
            .from_table(WorkbookUploads::Table)
            .cond_where(
                Expr::col(WorkbookUploads::CreatedAt).lt(now - KEPT_FOR).or(Expr::col(
                    WorkbookUploads::AssessmentId,
                )
                .eq(assessment)
                .and(Expr::col(WorkbookUploads::UserId).eq(user))),
            )
            .to_owned(),
    )
    .await?;
    let id = tx
        .insert_id(
            &Query::insert()
                .into_table(WorkbookUploads::Table)
                .columns([
                    WorkbookUploads::AssessmentId,
                    WorkbookUploads::UserId,
                    WorkbookUploads::FileName,
                    WorkbookUploads::Rows,
                    WorkbookUploads::CreatedAt,
                ])
                .values_panic([assessment.into(), user.into(), file_name.into(), rows.into(), now.into()])
                .to_owned(),
        )
        .await?;
    tx.commit().await?;
    Ok(id)
}

/// The person's own unconfirmed upload of this assessment, if it has not expired.
pub async fn find(db: &Db, id: i64, assessment: i64, user: i64) -> Result<Option<Pending>, anyhow::Error> {
    let row: Option<(String, String, OffsetDateTime)> = db
        .fetch_optional(
            &Query::select()
                .columns([WorkbookUploads::FileName, WorkbookUploads::Rows, WorkbookUploads::CreatedAt])
                .from(WorkbookUploads::Table)
                .and_where(Expr::col(WorkbookUploads::Id).eq(id))
                .and_where(Expr::col(WorkbookUploads::AssessmentId).eq(assessment))
                .and_where(Expr::col(WorkbookUploads::UserId).eq(user))
                .to_owned(),
        )
        .await?;
    let Some((file_name, rows, created_at)) = row else { return Ok(None) };
    if created_at < OffsetDateTime::now_utc() - KEPT_FOR {
        return Ok(None);
    }
    Ok(Some(Pending { id, file_name, rows: serde_json::from_str(&rows)? }))
}

/// Removes an upload once it has been applied (inside the applying transaction).
pub async fn discard(tx: &mut crate::db::Tx, id: i64) -> Result<(), sqlx::Error> {
    tx.execute(
        &Query::delete()
            .from_table(WorkbookUploads::Table)
            .and_where(Expr::col(WorkbookUploads::Id).eq(id))
            .to_owned(),
    )
    .await?;
    Ok(())
}
