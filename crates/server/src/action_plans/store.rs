//! Reading and writing action plans. Derived actions are created in the same
//! transaction as the save that made a criterion amber or red, at most one per
//! criterion; they are never deleted, so a plan keeps its history of work.

use sea_query::{Expr, ExprTrait, IntoIden, OnConflict, Order, Query};
use serde_json::json;
use time::{Date, OffsetDateTime};

use crate::audit::{self, Change};
use crate::db::schema::{ActionUpdates, Actions, Users};
use crate::db::{Db, Tx};
use crate::meetings::schema::ActionOrigins;
use osa_core::assessment::{ActionStatus, DerivedAction};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ActionRow {
    pub id: i64,
    pub criterion_code: Option<String>,
    pub what: String,
    pub responsible_lead: String,
    pub target_date: Option<Date>,
    pub expected_outcome: String,
    pub impact_measure: String,
    #[sqlx(try_from = "String")]
    pub status: ActionStatus,
    /// Where an action not derived from a criterion came from, in words ("Agreed at
    /// the assurance meeting of 12 May 2025"); `None` for one added by hand.
    pub origin: Option<String>,
}

impl ActionRow {
    pub fn status(&self) -> ActionStatus {
        self.status
    }
}

pub async fn ensure_derived(
    tx: &mut Tx,
    assessment: i64,
    derived: &[DerivedAction],
) -> Result<(), sqlx::Error> {
    let now = OffsetDateTime::now_utc();
    // Every save passes every amber and red criterion of the assessment, and nearly all
    // of them already have their action: one statement per hundred rows rather than one
    // per criterion keeps a save to a few statements (issue 13).
    for chunk in derived.chunks(100) {
        let mut insert = Query::insert();
        insert.into_table(Actions::Table).columns([
            Actions::AssessmentId,
            Actions::CriterionCode,
            Actions::What,
            Actions::ResponsibleLead,
            Actions::ExpectedOutcome,
            Actions::ImpactMeasure,
            Actions::Status,
            Actions::CreatedAt,
            Actions::UpdatedAt,
        ]);
        for d in chunk {
            insert.values_panic([
                assessment.into(),
                d.criterion_code.as_str().into(),
                d.what.as_str().into(),
                "".into(),
                "".into(),
                "".into(),
                ActionStatus::NotStarted.code().into(),
                now.into(),
                now.into(),
            ]);
        }
        insert.on_conflict(
            OnConflict::columns([Actions::AssessmentId, Actions::CriterionCode]).do_nothing().to_owned(),
        );
        tx.execute(&insert).await?;
    }
    Ok(())
}

fn select() -> sea_query::SelectStatement {
    Query::select()
        .columns([
            Actions::Id,
            Actions::CriterionCode,
            Actions::What,
            Actions::ResponsibleLead,
            Actions::TargetDate,
            Actions::ExpectedOutcome,
            Actions::ImpactMeasure,
            Actions::Status,
        ])
        .column(ActionOrigins::Origin)
        .from(Actions::Table)
        .to_owned()
}

/// The whole plan of one assessment (a plan holds tens of actions, capped at 1,000).
pub async fn list(db: &Db, assessment: i64) -> Result<Vec<ActionRow>, sqlx::Error> {
    db.fetch_all(
        &select()
            .and_where(Expr::col(Actions::AssessmentId).eq(assessment))
            .order_by(Actions::Id, Order::Asc)
            .limit(1000)
            .to_owned(),
    )
    .await
}

pub async fn get(db: &Db, assessment: i64, id: i64) -> Result<Option<ActionRow>, sqlx::Error> {
    db.fetch_optional(
        &select()
            .and_where(Expr::col(Actions::AssessmentId).eq(assessment))
            .and_where(Expr::col(Actions::Id).eq(id))
            .to_owned(),
    )
    .await
}

pub struct Fields {
    pub what: String,
    pub responsible_lead: String,
    pub target_date: Option<Date>,
    pub expected_outcome: String,
    pub impact_measure: String,
    pub status: ActionStatus,
}

fn values_json(f: &Fields) -> serde_json::Value {
    json!({
        "what": f.what, "responsible_lead": f.responsible_lead, "target_date": f.target_date.map(|d| d.to_string()),
        "expected_outcome": f.expected_outcome, "impact_measure": f.impact_measure, "status": f.status.code(),
    })
}

pub async fn create(db: &Db, assessment: i64, actor: i64, f: &Fields) -> Result<i64, sqlx::Error> {
    let mut tx = db.begin().await?;
    let id = insert(&mut tx, assessment, actor, f, None).await?;
    tx.commit().await?;
    Ok(id)
}

/// An action agreed at an assurance meeting: the meeting, and the words the plan shows.
#[derive(Debug, Clone, Copy)]
pub struct AgreedAt<'a> {
    pub meeting: i64,
    pub origin: &'a str,
}

/// Adds an action to the plan, audited, inside the caller's transaction: by hand
/// (`agreed` empty) or agreed at an assurance meeting.
pub async fn insert(
    tx: &mut Tx,
    assessment: i64,
    actor: i64,
    f: &Fields,
    agreed: Option<AgreedAt<'_>>,
) -> Result<i64, sqlx::Error> {
    let now = OffsetDateTime::now_utc();
    let mut columns: Vec<sea_query::DynIden> = vec![
        Actions::AssessmentId.into_iden(),
        Actions::What.into_iden(),
        Actions::ResponsibleLead.into_iden(),
        Actions::TargetDate.into_iden(),
        Actions::ExpectedOutcome.into_iden(),
        Actions::ImpactMeasure.into_iden(),
        Actions::Status.into_iden(),
        Actions::CreatedAt.into_iden(),
        Actions::UpdatedAt.into_iden(),
        Actions::UpdatedBy.into_iden(),
    ];
    let mut values: Vec<sea_query::SimpleExpr> = vec![
        assessment.into(),
        f.what.as_str().into(),
        f.responsible_lead.as_str().into(),
        f.target_date.into(),
        f.expected_outcome.as_str().into(),
        f.impact_measure.as_str().into(),
        f.status.code().into(),
        now.into(),
        now.into(),
        actor.into(),
    ];
    if let Some(a) = agreed {
        columns.extend([ActionOrigins::MeetingId.into_iden(), ActionOrigins::Origin.into_iden()]);
        values.extend([a.meeting.into(), a.origin.into()]);
    }
    let mut insert = Query::insert().into_table(Actions::Table).columns(columns).to_owned();
    let id = tx.insert_id(insert.values_panic(values)).await?;
    let mut after = values_json(f);
    if let Some(a) = agreed {
        after["meeting_id"] = json!(a.meeting);
        after["origin"] = json!(a.origin);
    }
    audit::record(
        tx,
        Change {
            actor: Some(actor),
            action: "create",
            entity: "action",
            entity_id: id.to_string(),
            before: None,
            after: Some(after),
        },
    )
    .await?;
    Ok(id)
}

pub async fn update(
    db: &Db,
    assessment: i64,
    id: i64,
    actor: i64,
    before: &ActionRow,
    f: &Fields,
) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    tx.execute(
        &Query::update()
            .table(Actions::Table)
            .value(Actions::What, f.what.as_str())
            .value(Actions::ResponsibleLead, f.responsible_lead.as_str())
            .value(Actions::TargetDate, f.target_date)
            .value(Actions::ExpectedOutcome, f.expected_outcome.as_str())
            .value(Actions::ImpactMeasure, f.impact_measure.as_str())
            .value(Actions::Status, f.status.code())
            .value(Actions::UpdatedAt, OffsetDateTime::now_utc())
            .value(Actions::UpdatedBy, actor)
            .and_where(Expr::col(Actions::AssessmentId).eq(assessment))
            .and_where(Expr::col(Actions::Id).eq(id))
            .to_owned(),
    )
    .await?;
    // Every field as it was, so the assessment's history can say what the edit changed.
    let before = json!({
        "what": before.what, "responsible_lead": before.responsible_lead,
        "target_date": before.target_date.map(|d| d.to_string()), "expected_outcome": before.expected_outcome,
        "impact_measure": before.impact_measure, "status": before.status,
    });
    audit::record(
        &mut tx,
        Change {
            actor: Some(actor),
            action: "update",
            entity: "action",
            entity_id: id.to_string(),
            before: Some(before),
            after: Some(values_json(f)),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UpdateRow {
    pub note: String,
    pub created_at: OffsetDateTime,
    pub author: Option<String>,
}

pub async fn add_update(db: &Db, action: i64, actor: i64, note: &str) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    tx.execute(
        &Query::insert()
            .into_table(ActionUpdates::Table)
            .columns([
                ActionUpdates::ActionId,
                ActionUpdates::Note,
                ActionUpdates::CreatedAt,
                ActionUpdates::CreatedBy,
            ])
            .values_panic([action.into(), note.into(), OffsetDateTime::now_utc().into(), actor.into()])
            .to_owned(),
    )
    .await?;
    audit::record(
        &mut tx,
        Change {
            actor: Some(actor),
            action: "progress_update",
            entity: "action",
            entity_id: action.to_string(),
            before: None,
            after: Some(json!({ "note": note })),
        },
    )
    .await?;
    tx.commit().await
}

pub async fn updates(db: &Db, action: i64) -> Result<Vec<UpdateRow>, sqlx::Error> {
    db.fetch_all(
        &Query::select()
            .columns([
                (ActionUpdates::Table, ActionUpdates::Note),
                (ActionUpdates::Table, ActionUpdates::CreatedAt),
            ])
            .expr_as(Expr::col((Users::Table, Users::DisplayName)), "author")
            .from(ActionUpdates::Table)
            .left_join(
                Users::Table,
                Expr::col((Users::Table, Users::Id)).equals((ActionUpdates::Table, ActionUpdates::CreatedBy)),
            )
            .and_where(Expr::col((ActionUpdates::Table, ActionUpdates::ActionId)).eq(action))
            .order_by((ActionUpdates::Table, ActionUpdates::Id), Order::Desc)
            .limit(500)
            .to_owned(),
    )
    .await
}
