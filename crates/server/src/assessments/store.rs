//! Reading and writing assessments and their responses.
//!
//! Saving is optimistic: each response has a version, and a save names the version it
//! was based on. Inside one transaction the versions are checked, changed responses
//! written with a history row each, and the standard's summary recomputed, so a save
//! is all or nothing and the summary never disagrees with the answers.

use std::collections::HashMap;

use sea_query::{Alias, Expr, ExprTrait, OnConflict, Order, Query, UnionType};
use time::OffsetDateTime;

use super::access::{StandardEditor, WritePermit};
use crate::db::schema::{
    Actions, AssessmentSummaries, Assessments, AuditLog, ResponseHistory, Responses, Users,
};
use crate::db::{Db, Tx};
use osa_core::assessment::{self, Answer, SaveCheck, StandardProgress};
use osa_core::framework::{Rating, Standard};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AssessmentRow {
    pub id: i64,
    pub organisation_id: i64,
    pub framework_key: String,
    pub framework_id: i64,
}

fn select() -> sea_query::SelectStatement {
    Query::select()
        .columns([
            Assessments::Id,
            Assessments::OrganisationId,
            Assessments::FrameworkKey,
            Assessments::FrameworkId,
        ])
        .from(Assessments::Table)
        .to_owned()
}

pub async fn get(db: &Db, id: i64) -> Result<Option<AssessmentRow>, sqlx::Error> {
    db.fetch_optional(&select().and_where(Expr::col(Assessments::Id).eq(id)).to_owned()).await
}

pub async fn of_organisation(db: &Db, organisation: i64) -> Result<Vec<AssessmentRow>, sqlx::Error> {
    db.fetch_all(
        &select()
            .and_where(Expr::col(Assessments::OrganisationId).eq(organisation))
            .order_by(Assessments::Id, Order::Asc)
            .limit(100)
            .to_owned(),
    )
    .await
}

/// Starts the organisation's assessment against a framework, or returns the one it
/// already has for that framework's key (one living assessment per framework).
pub async fn start(
    db: &Db,
    organisation: i64,
    framework_key: &str,
    framework_id: i64,
    actor: i64,
) -> Result<i64, sqlx::Error> {
    let mut tx = db.begin().await?;
    tx.execute(
        &Query::insert()
            .into_table(Assessments::Table)
            .columns([
                Assessments::OrganisationId,
                Assessments::FrameworkKey,
                Assessments::FrameworkId,
                Assessments::CreatedAt,
                Assessments::CreatedBy,
            ])
            .values_panic([
                organisation.into(),
                framework_key.into(),
                framework_id.into(),
                OffsetDateTime::now_utc().into(),
                actor.into(),
            ])
            .on_conflict(
                OnConflict::columns([Assessments::OrganisationId, Assessments::FrameworkKey])
                    .do_nothing()
                    .to_owned(),
            )
            .to_owned(),
    )
    .await?;
    let (id,): (i64,) = tx
        .fetch_one(
            &Query::select()
                .column(Assessments::Id)
                .from(Assessments::Table)
                .and_where(Expr::col(Assessments::OrganisationId).eq(organisation))
                .and_where(Expr::col(Assessments::FrameworkKey).eq(framework_key))
                .to_owned(),
        )
        .await?;
    tx.commit().await?;
    Ok(id)
}

#[derive(Debug, Clone, sqlx::FromRow)]
struct ResponseRow {
    criterion_code: String,
    rating: Option<String>,
    yes_no: Option<bool>,
    number_value: Option<f64>,
    text_value: Option<String>,
    narrative: String,
    improvement_action: String,
    version: i64,
    updated_at: OffsetDateTime,
    updated_by_name: Option<String>,
}

/// A stored answer with its version and who saved it last.
#[derive(Debug, Clone)]
pub struct Saved {
    pub answer: Answer,
    pub version: i64,
    pub updated_at: OffsetDateTime,
    pub updated_by: Option<String>,
}

impl From<ResponseRow> for Saved {
    fn from(r: ResponseRow) -> Self {
        Saved {
            answer: Answer {
                rating: r.rating.as_deref().and_then(Rating::from_code),
                yes_no: r.yes_no,
                number: r.number_value,
                text: r.text_value,
                narrative: r.narrative,
                improvement_action: r.improvement_action,
            },
            version: r.version,
            updated_at: r.updated_at,
            updated_by: r.updated_by_name,
        }
    }
}

fn responses_select(assessment: i64) -> sea_query::SelectStatement {
    Query::select()
        .columns([
            (Responses::Table, Responses::CriterionCode),
            (Responses::Table, Responses::Rating),
            (Responses::Table, Responses::YesNo),
            (Responses::Table, Responses::NumberValue),
            (Responses::Table, Responses::TextValue),
            (Responses::Table, Responses::Narrative),
            (Responses::Table, Responses::ImprovementAction),
            (Responses::Table, Responses::Version),
            (Responses::Table, Responses::UpdatedAt),
        ])
        .expr_as(Expr::col((Users::Table, Users::DisplayName)), "updated_by_name")
        .from(Responses::Table)
        .left_join(
            Users::Table,
            Expr::col((Users::Table, Users::Id)).equals((Responses::Table, Responses::UpdatedBy)),
        )
        .and_where(Expr::col((Responses::Table, Responses::AssessmentId)).eq(assessment))
        .to_owned()
}

/// Takes the assessment's write lock for the rest of the transaction: on PostgreSQL a
/// row lock on the assessment, on SQLite the database write lock every transaction
/// already holds (`BEGIN IMMEDIATE`). A write whose checks read state after this sees
/// every write that held the lock before it, so two at once cannot both pass.
pub async fn lock(tx: &mut Tx, assessment: i64) -> Result<(), sqlx::Error> {
    let _: Option<(i64,)> = tx
        .fetch_optional(
            &Query::select()
                .column(Assessments::Id)
                .from(Assessments::Table)
                .and_where(Expr::col(Assessments::Id).eq(assessment))
                .lock(sea_query::LockType::Update)
                .to_owned(),
        )
        .await?;
    Ok(())
}

/// Every saved answer of an assessment as it stands inside `tx`.
pub async fn answers_in(tx: &mut Tx, assessment: i64) -> Result<HashMap<String, Saved>, sqlx::Error> {
    let rows: Vec<ResponseRow> = tx.fetch_all(&responses_select(assessment)).await?;
    Ok(rows.into_iter().map(|r| (r.criterion_code.clone(), Saved::from(r))).collect())
}

/// Every saved answer of an assessment, by criterion code (at most a few hundred).
pub async fn answers(db: &Db, assessment: i64) -> Result<HashMap<String, Saved>, sqlx::Error> {
    let rows: Vec<ResponseRow> = db.fetch_all(&responses_select(assessment)).await?;
    Ok(rows.into_iter().map(|r| (r.criterion_code.clone(), Saved::from(r))).collect())
}

/// One criterion's new answer and the version it was based on (0: never saved).
/// Callers pass only criteria the person actually changed on the page, so an answer
/// someone else saved meanwhile is never overwritten by an untouched field.
pub struct Change {
    pub code: String,
    pub answer: Answer,
    pub based_on: i64,
}

/// A short fingerprint of an answer, put in the page so the save can tell which
/// answers the person changed.
pub fn fingerprint(a: &Answer) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(osa_core::report::answer_value(a).to_string().as_bytes())
        .iter()
        .take(12)
        .map(|b| format!("{b:02x}"))
        .collect()
}

pub enum SaveOutcome {
    Saved {
        changed: usize,
        /// Each criterion the save was given, with the version and time of its answer
        /// as now stored (written by this save or, if unchanged, as it was), so the
        /// caller can answer without reading every answer again.
        stored: HashMap<String, (i64, OffsetDateTime)>,
    },
    /// Someone saved these criteria since the page was loaded; nothing was written.
    Conflict { stale: Vec<String> },
}

/// Saves the answers of one standard's page, all or nothing.
pub(crate) async fn save_standard(
    db: &Db,
    editor: &StandardEditor<'_>,
    changes: Vec<Change>,
) -> Result<SaveOutcome, sqlx::Error> {
    let mut tx = db.begin().await?;
    let outcome = save_answers(&mut tx, editor.permit(), &[editor.standard], changes).await?;
    if matches!(outcome, SaveOutcome::Saved { .. }) {
        tx.commit().await?;
    }
    Ok(outcome)
}

/// Saves answers to criteria of the given standards inside the caller's transaction
/// (the web form passes one standard, the offline workbook several): refuses them all
/// if any is stale, otherwise writes each changed response with its history row,
/// withdraws a sign-off, and brings those standards' summaries and the action plan up
/// to date. The caller commits only on [`SaveOutcome::Saved`].
pub(crate) async fn save_answers(
    tx: &mut Tx,
    permit: WritePermit<'_>,
    standards: &[&Standard],
    changes: Vec<Change>,
) -> Result<SaveOutcome, sqlx::Error> {
    let WritePermit { assessment, framework, profile: org, .. } = permit;
    let rule = framework.standing_rule;
    let current: HashMap<String, Saved> = tx
        .fetch_all::<ResponseRow>(&responses_select(assessment.id))
        .await?
        .into_iter()
        .map(|r| (r.criterion_code.clone(), Saved::from(r)))
        .collect();
    let stale: Vec<String> = changes
        .iter()
        .filter(|c| {
            let stored = current.get(&c.code).map(|s| s.version).unwrap_or(0);
            matches!(assessment::check_version(stored, c.based_on), SaveCheck::Stale { .. })
                && current.get(&c.code).map(|s| &s.answer) != Some(&c.answer)
        })
        .map(|c| c.code.clone())
        .collect();
    if !stale.is_empty() {
        return Ok(SaveOutcome::Conflict { stale });
    }
    let now = OffsetDateTime::now_utc();
    let mut all: HashMap<String, Answer> =
        current.iter().map(|(k, v)| (k.clone(), v.answer.clone())).collect();
    let mut changed = 0;
    let mut changed_codes = Vec::new();
    let mut stored = HashMap::new();
    for c in changes {
        let before = current.get(&c.code);
        if let Some(b) = before {
            stored.insert(c.code.clone(), (b.version, b.updated_at));
        }
        if before.map(|s| &s.answer) == Some(&c.answer) || (before.is_none() && !c.answer.is_started()) {
            continue;
        }
        if !write_with_history(tx, permit, &c.code, &c.answer, before, now).await? {
            // Someone else's save of this answer committed after we read it.
            return Ok(SaveOutcome::Conflict { stale: vec![c.code] });
        }
        changed_codes.push(c.code.clone());
        stored.insert(c.code.clone(), (before.map(|s| s.version).unwrap_or(0) + 1, now));
        all.insert(c.code, c.answer);
        changed += 1;
    }
    if changed > 0 {
        super::returns::withdraw_sign_off(tx, assessment.id).await?;
    }
    for standard in standards {
        let progress = assessment::standard_progress(rule, standard, &all, org.0, org.1);
        write_summary(tx, assessment.id, &standard.code, &progress).await?;
    }
    // A changed answer is a confirmed one: it no longer waits "to confirm".
    super::rounds::settle(tx, assessment.id, &changed_codes).await?;
    // Every amber or red answer gets its action in the plan, in the same transaction.
    let derived = assessment::derive_actions(framework, &all, org.0, org.1);
    crate::action_plans::store::ensure_derived(tx, assessment.id, &derived).await?;
    Ok(SaveOutcome::Saved { changed, stored })
}

/// Writes one answer with the next version and its history row.
pub(crate) async fn write_with_history(
    tx: &mut Tx,
    permit: WritePermit<'_>,
    code: &str,
    answer: &Answer,
    before: Option<&Saved>,
    now: OffsetDateTime,
) -> Result<bool, sqlx::Error> {
    let (assessment, actor) = (permit.assessment.id, permit.actor);
    let version = before.map(|s| s.version).unwrap_or(0) + 1;
    if !write_response(tx, assessment, code, answer, version, actor, now).await? {
        return Ok(false);
    }
    tx.execute(
        &Query::insert()
            .into_table(ResponseHistory::Table)
            .columns([
                ResponseHistory::AssessmentId,
                ResponseHistory::CriterionCode,
                ResponseHistory::Version,
                ResponseHistory::Before,
                ResponseHistory::After,
                ResponseHistory::ChangedBy,
                ResponseHistory::ChangedAt,
            ])
            .values_panic([
                assessment.into(),
                code.into(),
                version.into(),
                before.map(|s| osa_core::report::answer_value(&s.answer).to_string()).into(),
                osa_core::report::answer_value(answer).to_string().into(),
                actor.into(),
                now.into(),
            ])
            .to_owned(),
    )
    .await?;
    Ok(true)
}

/// Recomputes every standard's summary and the derived actions from the stored
/// answers, inside the caller's transaction (after answers were written outside
/// [`save_standard`], as when a round carries answers forward).
pub(crate) async fn refresh_all(tx: &mut Tx, permit: WritePermit<'_>) -> Result<(), sqlx::Error> {
    let (assessment, framework, org) = (permit.assessment.id, permit.framework, permit.profile);
    let all: HashMap<String, Answer> = tx
        .fetch_all::<ResponseRow>(&responses_select(assessment))
        .await?
        .into_iter()
        .map(|r| (r.criterion_code.clone(), Saved::from(r).answer))
        .collect();
    for standard in &framework.standards {
        let progress = assessment::standard_progress(framework.standing_rule, standard, &all, org.0, org.1);
        write_summary(tx, assessment, &standard.code, &progress).await?;
    }
    let derived = assessment::derive_actions(framework, &all, org.0, org.1);
    crate::action_plans::store::ensure_derived(tx, assessment, &derived).await
}

/// Writes the response as `version`, but only over the version before it: if another
/// transaction committed a newer one after this one read it, nothing is written and
/// `false` comes back. Checking the version in the write itself (rather than only when
/// reading) is what stops two simultaneous saves both passing the check on PostgreSQL.
async fn write_response(
    tx: &mut Tx,
    assessment: i64,
    code: &str,
    a: &Answer,
    version: i64,
    actor: i64,
    now: OffsetDateTime,
) -> Result<bool, sqlx::Error> {
    let written = tx
        .execute(
            &Query::insert()
                .into_table(Responses::Table)
                .columns([
                    Responses::AssessmentId,
                    Responses::CriterionCode,
                    Responses::Rating,
                    Responses::YesNo,
                    Responses::NumberValue,
                    Responses::TextValue,
                    Responses::Narrative,
                    Responses::ImprovementAction,
                    Responses::Version,
                    Responses::UpdatedAt,
                    Responses::UpdatedBy,
                ])
                .values_panic([
                    assessment.into(),
                    code.into(),
                    a.rating.map(|r| r.code()).into(),
                    a.yes_no.into(),
                    a.number.into(),
                    a.text.clone().into(),
                    a.narrative.as_str().into(),
                    a.improvement_action.as_str().into(),
                    version.into(),
                    now.into(),
                    actor.into(),
                ])
                .on_conflict(
                    OnConflict::columns([Responses::AssessmentId, Responses::CriterionCode])
                        .update_columns([
                            Responses::Rating,
                            Responses::YesNo,
                            Responses::NumberValue,
                            Responses::TextValue,
                            Responses::Narrative,
                            Responses::ImprovementAction,
                            Responses::Version,
                            Responses::UpdatedAt,
                            Responses::UpdatedBy,
                        ])
                        .action_and_where(Expr::col((Responses::Table, Responses::Version)).eq(version - 1))
                        .to_owned(),
                )
                .to_owned(),
        )
        .await?;
    Ok(written == 1)
}

async fn write_summary(
    tx: &mut Tx,
    assessment: i64,
    standard: &str,
    p: &StandardProgress,
) -> Result<(), sqlx::Error> {
    tx.execute(
        &Query::insert()
            .into_table(AssessmentSummaries::Table)
            .columns([
                AssessmentSummaries::AssessmentId,
                AssessmentSummaries::StandardCode,
                AssessmentSummaries::Status,
                AssessmentSummaries::Standing,
                AssessmentSummaries::Complete,
                AssessmentSummaries::Applicable,
            ])
            .values_panic([
                assessment.into(),
                standard.into(),
                p.status.code().into(),
                p.standing.map(|s| s.code()).into(),
                (p.complete as i32).into(),
                (p.applicable as i32).into(),
            ])
            .on_conflict(
                OnConflict::columns([AssessmentSummaries::AssessmentId, AssessmentSummaries::StandardCode])
                    .update_columns([
                        AssessmentSummaries::Status,
                        AssessmentSummaries::Standing,
                        AssessmentSummaries::Complete,
                        AssessmentSummaries::Applicable,
                    ])
                    .to_owned(),
            )
            .to_owned(),
    )
    .await?;
    Ok(())
}

/// What a history row records.
pub const HISTORY_ANSWER: &str = "answer";
pub const HISTORY_ACTION: &str = "action";

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct HistoryRow {
    /// [`HISTORY_ANSWER`] (an answer saved) or [`HISTORY_ACTION`] (an improvement
    /// action of the plan edited).
    pub kind: String,
    /// The criterion code of an answer; the id of an action.
    pub subject: String,
    /// As JSON: the answer, or the action's fields, before and after.
    pub before: Option<String>,
    pub after: Option<String>,
    pub changed_at: OffsetDateTime,
    pub changed_by_name: Option<String>,
}

/// One page of an assessment's history, newest first: the answers saved (from
/// `response_history`) and the edits to its improvement actions (from the audit log,
/// through its index on entity and id), in one list.
/// `only`: when given, just the answers to these criteria (a contributor's share);
/// action edits are listed for everyone who reads the plan.
pub async fn history(
    db: &Db,
    assessment: i64,
    only: Option<&[String]>,
    limit: u64,
    offset: u64,
) -> Result<Vec<HistoryRow>, sqlx::Error> {
    let mut answers = Query::select();
    answers
        .expr_as(Expr::cust(format!("'{HISTORY_ANSWER}'")), "kind")
        .expr_as(Expr::col(ResponseHistory::CriterionCode), "subject")
        .expr_as(Expr::col(ResponseHistory::Before), "before")
        .expr_as(Expr::col(ResponseHistory::After), "after")
        .expr_as(Expr::col(ResponseHistory::ChangedAt), "changed_at")
        .expr_as(Expr::col(ResponseHistory::ChangedBy), "changed_by")
        .expr_as(Expr::col(ResponseHistory::Id), "row_id")
        .from(ResponseHistory::Table)
        .and_where(Expr::col(ResponseHistory::AssessmentId).eq(assessment));
    if let Some(codes) = only {
        answers.and_where(Expr::col(ResponseHistory::CriterionCode).is_in(codes.iter().map(String::as_str)));
    }
    let actions = Query::select()
        .expr_as(Expr::cust(format!("'{HISTORY_ACTION}'")), "kind")
        .expr_as(Expr::col(AuditLog::EntityId), "subject")
        .expr_as(Expr::col(AuditLog::Before), "before")
        .expr_as(Expr::col(AuditLog::After), "after")
        .expr_as(Expr::col(AuditLog::At), "changed_at")
        .expr_as(Expr::col(AuditLog::ActorUserId), "changed_by")
        .expr_as(Expr::col(AuditLog::Id), "row_id")
        .from(AuditLog::Table)
        .and_where(Expr::col(AuditLog::Entity).eq("action"))
        .and_where(Expr::col(AuditLog::Action).eq("update"))
        .and_where(
            Expr::col(AuditLog::EntityId).in_subquery(
                Query::select()
                    .expr(Expr::cust("CAST(\"actions\".\"id\" AS TEXT)"))
                    .from(Actions::Table)
                    .and_where(Expr::col(Actions::AssessmentId).eq(assessment))
                    .to_owned(),
            ),
        )
        .to_owned();
    answers.union(UnionType::All, actions);
    let h = Alias::new("h");
    db.fetch_all(
        &Query::select()
            .columns([
                (h.clone(), Alias::new("kind")),
                (h.clone(), Alias::new("subject")),
                (h.clone(), Alias::new("before")),
                (h.clone(), Alias::new("after")),
                (h.clone(), Alias::new("changed_at")),
            ])
            .expr_as(Expr::col((Users::Table, Users::DisplayName)), "changed_by_name")
            .from_subquery(answers, h.clone())
            .left_join(
                Users::Table,
                Expr::col((Users::Table, Users::Id)).equals((h.clone(), Alias::new("changed_by"))),
            )
            .order_by((h.clone(), Alias::new("changed_at")), Order::Desc)
            .order_by((h.clone(), Alias::new("row_id")), Order::Desc)
            .limit(limit)
            .offset(offset)
            .to_owned(),
    )
    .await
}
