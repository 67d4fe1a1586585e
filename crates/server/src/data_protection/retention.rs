//! The retention rules applied: a plan of what the rules reach today (which the
//! dry-run page and `osa retention --dry-run` show, and which the run then carries
//! out), and the daily job that carries it out, claimed from the `jobs` table so that
//! with several servers it runs once.

use serde_json::json;
use time::{Date, OffsetDateTime};

use super::store::{self, Erasure, retention as queries};
use crate::audit::{self, Change};
use crate::db::Db;
use crate::jobs;
use crate::storage::Storage;
use osa_core::retention::{RetentionPeriods, is_due, latest_due_start, return_due};

pub const JOB: &str = "retention";

/// Once a day.
const EVERY_SECONDS: i64 = 24 * 60 * 60;

/// A return the returns rule reaches.
#[derive(Debug, Clone)]
pub struct DueReturn {
    pub id: i64,
    pub organisation: String,
    /// The cycles it answers, by name.
    pub cycles: Vec<String>,
    /// When the last of them closed.
    pub last_closed_on: Date,
}

/// An evidence file the evidence rule reaches.
#[derive(Debug, Clone)]
pub struct DueEvidence {
    pub file: queries::EvidenceCandidate,
}

/// What a run of the rules on `today` does, rule by rule.
#[derive(Debug, Clone)]
pub struct Plan {
    pub today: Date,
    pub periods: RetentionPeriods,
    pub returns: Vec<DueReturn>,
    pub evidence: Vec<DueEvidence>,
    /// Accounts to anonymise: id and the day they closed.
    pub accounts: Vec<(i64, Date)>,
    /// Accounts with no role and no closing date yet, which the run starts counting
    /// from today.
    pub start_counting: Vec<i64>,
}

impl Plan {
    pub fn is_empty(&self) -> bool {
        self.returns.is_empty()
            && self.evidence.is_empty()
            && self.accounts.is_empty()
            && self.start_counting.is_empty()
    }

    /// One line per rule, as the command line prints it.
    pub fn summary(&self) -> String {
        let p = self.periods;
        format!(
            "Returns of cycles closed {} or more years ago: {}\n\
             Evidence files uploaded {} or more years ago: {}\n\
             Accounts closed {} or more years ago, to anonymise: {}\n\
             Accounts with no role whose closing date is recorded as today: {}",
            p.returns_years,
            self.returns.len(),
            p.evidence_years,
            self.evidence.len(),
            p.closed_accounts_years,
            self.accounts.len(),
            self.start_counting.len()
        )
    }
}

/// What the rules reach on `today`. Reads only.
pub async fn plan(db: &Db, periods: RetentionPeriods, today: Date) -> Result<Plan, sqlx::Error> {
    let returns =
        queries::returns_answering_cycles_closed_by(db, latest_due_start(periods.returns_years, today))
            .await?
            .into_iter()
            .filter_map(|candidate| {
                let closed: Vec<Option<Date>> = candidate.cycles.iter().map(|(_, on)| *on).collect();
                if !return_due(&closed, periods.returns_years, today) {
                    return None;
                }
                Some(DueReturn {
                    id: candidate.id,
                    organisation: candidate.organisation,
                    last_closed_on: closed.iter().flatten().max().copied().unwrap_or(today),
                    cycles: candidate.cycles.into_iter().map(|(name, _)| name).collect(),
                })
            })
            .collect();
    let evidence = queries::evidence_uploaded_by(db, latest_due_start(periods.evidence_years, today))
        .await?
        .into_iter()
        .filter(|file| is_due(file.uploaded_at.date(), periods.evidence_years, today))
        .map(|file| DueEvidence { file })
        .collect();
    let accounts = queries::accounts_closed_by(db, latest_due_start(periods.closed_accounts_years, today))
        .await?
        .into_iter()
        .filter(|account| is_due(account.closed_at.date(), periods.closed_accounts_years, today))
        .map(|account| (account.id, account.closed_at.date()))
        .collect();
    let start_counting = queries::roleless_without_closing_date(db).await?;
    Ok(Plan { today, periods, returns, evidence, accounts, start_counting })
}

/// How many records a run changed, rule by rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Outcome {
    pub returns: usize,
    pub evidence: usize,
    pub accounts: usize,
    pub start_counting: usize,
}

/// Carries out the plan for `today`: each rule in one transaction with one audit
/// entry giving its count and the records it reached; evidence bytes are removed
/// once their rows are gone.
pub async fn apply(
    db: &Db,
    files: &Storage,
    periods: RetentionPeriods,
    today: Date,
) -> anyhow::Result<Outcome> {
    let plan = plan(db, periods, today).await?;
    let now = OffsetDateTime::now_utc();
    let mut outcome = Outcome::default();

    if !plan.returns.is_empty() {
        let reason = format!(
            "The return was deleted on {} under this deployment's retention rule: returns are kept {} years after their cycle closes.",
            crate::web::format::date(today),
            periods.returns_years
        );
        let mut tx = db.begin().await?;
        for due in &plan.returns {
            if queries::delete_return(&mut tx, due.id, &reason, now).await? > 0 {
                outcome.returns += 1;
            }
        }
        let ids: Vec<i64> = plan.returns.iter().map(|r| r.id).collect();
        record(&mut tx, "retention_delete_returns", today, periods.returns_years, outcome.returns, &ids)
            .await?;
        tx.commit().await?;
    }

    if !plan.evidence.is_empty() {
        let mut tx = db.begin().await?;
        for due in &plan.evidence {
            if queries::delete_evidence(&mut tx, &due.file).await? > 0 {
                outcome.evidence += 1;
            }
        }
        let ids: Vec<i64> = plan.evidence.iter().map(|e| e.file.id).collect();
        record(&mut tx, "retention_delete_evidence", today, periods.evidence_years, outcome.evidence, &ids)
            .await?;
        tx.commit().await?;
        for due in &plan.evidence {
            if let Err(err) = files.delete(&due.file.storage_key).await {
                tracing::warn!(error = %err, key = due.file.storage_key, "a deleted evidence file's bytes could not be removed");
            }
        }
    }

    if !plan.accounts.is_empty() {
        let reason = format!(
            "The account had no role for {} year(s): anonymised under this deployment's retention rule.",
            periods.closed_accounts_years
        );
        let mut tx = db.begin().await?;
        let how = Erasure { actor: None, action: "retention_anonymise_account", reason: &reason };
        for (id, _) in &plan.accounts {
            if store::erase(&mut tx, *id, &how).await?.is_ok() {
                outcome.accounts += 1;
            }
        }
        let ids: Vec<i64> = plan.accounts.iter().map(|(id, _)| *id).collect();
        let years = periods.closed_accounts_years;
        record(&mut tx, "retention_anonymise_accounts", today, years, outcome.accounts, &ids).await?;
        tx.commit().await?;
    }

    if !plan.start_counting.is_empty() {
        let mut tx = db.begin().await?;
        let counted = queries::record_closed(&mut tx, &plan.start_counting, now).await?;
        outcome.start_counting = usize::try_from(counted).unwrap_or(usize::MAX);
        audit::record(
            &mut tx,
            Change {
                actor: None,
                action: "retention_record_closed_accounts",
                entity: "retention",
                entity_id: today.to_string(),
                before: None,
                after: Some(json!({ "count": outcome.start_counting, "user_ids": plan.start_counting })),
            },
        )
        .await?;
        tx.commit().await?;
    }
    Ok(outcome)
}

async fn record(
    tx: &mut crate::db::Tx,
    action: &str,
    today: Date,
    years: u32,
    count: usize,
    ids: &[i64],
) -> Result<(), sqlx::Error> {
    audit::record(
        tx,
        Change {
            actor: None,
            action,
            entity: "retention",
            entity_id: today.to_string(),
            before: None,
            after: Some(json!({ "kept_years": years, "count": count, "ids": ids })),
        },
    )
    .await
}

/// Runs the rules if the daily job is due and this server wins it.
pub async fn run_if_due(
    db: &Db,
    retention: &jobs::Retention,
    worker: &str,
    now: OffsetDateTime,
) -> anyhow::Result<Option<Outcome>> {
    if !jobs::claim(db, JOB, worker, now).await? {
        return Ok(None);
    }
    let outcome = apply(db, &retention.files, retention.periods, now.date()).await;
    jobs::release(db, JOB, worker, now, EVERY_SECONDS).await?;
    if let Ok(done) = &outcome {
        tracing::info!(?done, "retention rules applied");
    }
    outcome.map(Some)
}
