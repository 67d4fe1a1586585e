//! The audit log as CSV: every entry the person reads that passes the filter. It is
//! written in batches as it is sent, so a long log is never held in memory whole.
//! Every cell goes through `csv_text`: entries hold what people typed, and a
//! spreadsheet must never run it as a formula.

use axum::body::{Body, Bytes};
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use futures_util::{StreamExt, stream};
use osa_core::audit_log::AuditScope;
use osa_core::spreadsheet::csv_text;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::access;
use super::show::{self, FilterParams};
use super::store::{self, EntryRow, Filter};
use crate::db::Db;
use crate::exports::heading::Heading;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::Ctx;

/// Entries read from the database at a time.
const BATCH: u64 = 500;

pub const COLUMNS: [&str; 10] = [
    "Entry",
    "When (UTC)",
    "Person",
    "Email address",
    "Change",
    "Kind of record",
    "Record number",
    "What changed",
    "Before",
    "After",
];

pub async fn csv(
    ctx: Ctx,
    State(state): State<AppState>,
    Query(params): Query<FilterParams>,
) -> Result<Response, AppError> {
    let scope = access::scope(&ctx)?;
    let filter = match params.filter() {
        Ok(filter) => filter,
        Err(errors) => return show::refused_filter(&ctx, params, errors),
    };
    let heading = Heading::new("Audit log", OffsetDateTime::now_utc()).filters(&params.described(&filter));
    let mut start = heading.csv_start().map_err(|e| AppError::Internal(e.into()))?;
    start.extend(rows_to_csv(&[COLUMNS.map(str::to_owned).to_vec()]).map_err(AppError::Internal)?);
    let batches = stream::try_unfold(Some(Cursor::Start), move |cursor| {
        let (db, scope, filter) = (state.db.clone(), scope.clone(), filter.clone());
        async move { next_batch(&db, &scope, &filter, cursor).await }
    });
    let body = stream::iter([Ok::<Bytes, anyhow::Error>(Bytes::from(start))]).chain(batches);
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (header::CONTENT_DISPOSITION, "attachment; filename=\"audit-log.csv\""),
        ],
        Body::from_stream(body),
    )
        .into_response())
}

#[derive(Clone, Copy)]
enum Cursor {
    Start,
    /// The oldest entry written so far.
    After(i64),
}

async fn next_batch(
    db: &Db,
    scope: &AuditScope,
    filter: &Filter,
    cursor: Option<Cursor>,
) -> Result<Option<(Bytes, Option<Cursor>)>, anyhow::Error> {
    let Some(cursor) = cursor else { return Ok(None) };
    let before = match cursor {
        Cursor::Start => None,
        Cursor::After(id) => Some(id),
    };
    let rows = store::batch_after(db, scope, filter, before, BATCH).await?;
    let next = match rows.last() {
        Some(last) if rows.len() as u64 == BATCH => Some(Cursor::After(last.id)),
        _ => None,
    };
    if rows.is_empty() {
        return Ok(None);
    }
    let cells: Vec<Vec<String>> = rows.iter().map(cells).collect();
    Ok(Some((Bytes::from(rows_to_csv(&cells)?), next)))
}

/// One entry's cells, in the order of [`COLUMNS`].
pub fn cells(row: &EntryRow) -> Vec<String> {
    let changes = show::changes(row)
        .into_iter()
        .map(|c| {
            if c.field.is_empty() {
                show::in_words(&c)
            } else {
                format!("{}: {}", c.field, show::in_words(&c))
            }
        })
        .collect::<Vec<_>>()
        .join("; ");
    vec![
        row.id.to_string(),
        row.at.to_offset(time::UtcOffset::UTC).format(&Rfc3339).unwrap_or_default(),
        row.actor_name.clone().unwrap_or_else(|| "osa (no person)".to_owned()),
        row.actor_email.clone().unwrap_or_default(),
        show::entity_label(&row.action),
        show::entity_label(&row.entity),
        row.entity_id.clone(),
        changes,
        row.before.clone().unwrap_or_default(),
        row.after.clone().unwrap_or_default(),
    ]
}

fn rows_to_csv(rows: &[Vec<String>]) -> Result<Vec<u8>, anyhow::Error> {
    let mut out = csv::Writer::from_writer(Vec::new());
    for row in rows {
        out.write_record(row.iter().map(|cell| csv_text(cell)))?;
    }
    out.into_inner().map_err(|e| anyhow::anyhow!("csv: {e}"))
}
