//! What the reading pages show: the return laid out by the same document model as
//! the organisation's own copy (`osa_core::report::return_copy`), with each
//! criterion's evidence file names and the threads raised on it.

use std::collections::{BTreeMap, HashMap};

use super::access::Loaded;
use super::store::{self, MessageRow, ThreadRow};
use crate::assessments::access::profile_of;
use crate::frameworks::store as framework_store;
use crate::organisations::store as org_queries;
use crate::return_copies::store as return_store;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::format::datetime;
use osa_core::report::return_copy::{self, ReturnCopy, ReturnFacts, Submission};
use osa_core::report::{parse_evidence_names, parse_snapshot};

/// The return as it was signed off, and the evidence files named in it by criterion.
pub async fn copy_of(
    state: &AppState,
    loaded: &Loaded,
) -> Result<(ReturnCopy, BTreeMap<String, Vec<String>>), AppError> {
    let record = &loaded.record;
    let organisation =
        org_queries::get(&state.db, record.organisation_id).await?.ok_or(AppError::NotFound)?;
    let mut framework =
        framework_store::load(&state.db, record.framework_id).await?.ok_or(AppError::NotFound)?;
    let snapshot = parse_snapshot(&record.snapshot).map_err(|e| AppError::Internal(e.into()))?;
    // The local questions it was asked, as the snapshot keeps them.
    framework.framework = crate::frameworks::asked::as_returned(
        &state.db,
        &framework.framework,
        &snapshot,
        record.organisation_id,
    )
    .await?;
    let evidence = parse_evidence_names(&record.snapshot).map_err(|e| AppError::Internal(e.into()))?;
    let submission = match (record.is_submitted(), record.submitted_by, record.submitted_at) {
        (true, Some(by), Some(at)) => Some(Submission {
            by: return_store::display_name(&state.db, by).await?,
            at: datetime(at),
            partnerships: loaded.sent_to.iter().map(|(_, name)| name.clone()).collect(),
        }),
        _ => None,
    };
    let facts = ReturnFacts {
        organisation: organisation.name.clone(),
        framework_version: i64::from(framework.summary.version),
        signed_off_by: return_store::display_name(&state.db, record.signed_off_by).await?,
        signed_off_at: datetime(record.signed_off_at),
        submission,
    };
    let (sector, duty) = profile_of(&organisation)?;
    Ok((return_copy::build(facts, &framework.framework, &snapshot.answers, sector, duty), evidence))
}

/// A thread with its messages, oldest first.
pub struct ThreadView {
    pub row: ThreadRow,
    pub messages: Vec<MessageRow>,
}

/// The given threads with their messages.
pub async fn with_messages(state: &AppState, rows: Vec<ThreadRow>) -> Result<Vec<ThreadView>, AppError> {
    let ids: Vec<i64> = rows.iter().map(|t| t.id).collect();
    let mut by_thread: HashMap<i64, Vec<MessageRow>> = HashMap::new();
    for m in store::messages(&state.db, &ids).await? {
        by_thread.entry(m.thread_id).or_default().push(m);
    }
    Ok(rows
        .into_iter()
        .map(|row| {
            let messages = by_thread.remove(&row.id).unwrap_or_default();
            ThreadView { row, messages }
        })
        .collect())
}

/// A message's text as paragraphs, so line breaks typed are kept (each escaped).
pub fn paragraphs(body: &str) -> Vec<&str> {
    body.split('\n').map(str::trim_end).filter(|l| !l.trim().is_empty()).collect()
}
