//! Reading and writing sent action-plan updates. An update is written once, with its
//! audit record and the emails to the partnerships' admins, in one transaction, and
//! never changed afterwards: later edits to the plan do not reach it.

use sea_query::{Alias, Expr, ExprTrait, OnConflict, Order, Query};
use serde_json::json;
use time::{Date, OffsetDateTime};

use super::schema::PlanUpdates;
use crate::action_plans::store as plan_store;
use crate::audit::{self, Change};
use crate::db::schema::{Cycles, Organisations, Returns, Users};
use crate::db::{Db, Tx};
use osa_core::plan_update::{Note, PlanAction, Snapshot};

/// Updates read per cycle at most: two or three dates for each invited organisation.
pub const CYCLE_LIMIT: u64 = 20_000;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PlanUpdateRow {
    pub id: i64,
    pub invitation_id: i64,
    pub cycle_id: i64,
    pub organisation_id: i64,
    pub assessment_id: i64,
    pub return_id: i64,
    pub due_on: Date,
    pub snapshot: String,
    pub sent_by: i64,
    pub sent_at: OffsetDateTime,
    pub sender_name: String,
    pub organisation_name: String,
    pub cycle_name: String,
}

impl PlanUpdateRow {
    pub fn snapshot(&self) -> Result<Snapshot, serde_json::Error> {
        serde_json::from_str(&self.snapshot)
    }
}

fn select() -> sea_query::SelectStatement {
    Query::select()
        .columns([
            (PlanUpdates::Table, PlanUpdates::Id),
            (PlanUpdates::Table, PlanUpdates::InvitationId),
            (PlanUpdates::Table, PlanUpdates::CycleId),
            (PlanUpdates::Table, PlanUpdates::OrganisationId),
            (PlanUpdates::Table, PlanUpdates::AssessmentId),
            (PlanUpdates::Table, PlanUpdates::ReturnId),
            (PlanUpdates::Table, PlanUpdates::DueOn),
            (PlanUpdates::Table, PlanUpdates::Snapshot),
            (PlanUpdates::Table, PlanUpdates::SentBy),
            (PlanUpdates::Table, PlanUpdates::SentAt),
        ])
        .expr_as(Expr::col((Users::Table, Users::DisplayName)), Alias::new("sender_name"))
        .expr_as(Expr::col((Organisations::Table, Organisations::Name)), Alias::new("organisation_name"))
        .expr_as(Expr::col((Cycles::Table, Cycles::Name)), Alias::new("cycle_name"))
        .from(PlanUpdates::Table)
        .inner_join(
            Users::Table,
            Expr::col((Users::Table, Users::Id)).equals((PlanUpdates::Table, PlanUpdates::SentBy)),
        )
        .inner_join(
            Organisations::Table,
            Expr::col((Organisations::Table, Organisations::Id))
                .equals((PlanUpdates::Table, PlanUpdates::OrganisationId)),
        )
        .inner_join(
            Cycles::Table,
            Expr::col((Cycles::Table, Cycles::Id)).equals((PlanUpdates::Table, PlanUpdates::CycleId)),
        )
        .to_owned()
}

pub async fn get(db: &Db, id: i64) -> Result<Option<PlanUpdateRow>, sqlx::Error> {
    db.fetch_optional(&select().and_where(Expr::col((PlanUpdates::Table, PlanUpdates::Id)).eq(id)).to_owned())
        .await
}

/// The updates sent for one invitation, earliest date first.
pub async fn of_invitation(db: &Db, invitation: i64) -> Result<Vec<PlanUpdateRow>, sqlx::Error> {
    db.fetch_all(
        &select()
            .and_where(Expr::col((PlanUpdates::Table, PlanUpdates::InvitationId)).eq(invitation))
            .order_by((PlanUpdates::Table, PlanUpdates::DueOn), Order::Asc)
            .limit(100)
            .to_owned(),
    )
    .await
}

/// One sent update of a cycle, without its content: (invitation, date, id, sent at).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SentRow {
    pub invitation_id: i64,
    pub due_on: Date,
    pub id: i64,
    pub sent_at: OffsetDateTime,
}

/// Every update sent in a cycle (the list page reads whom they came from).
pub async fn of_cycle(db: &Db, cycle: i64) -> Result<Vec<SentRow>, sqlx::Error> {
    db.fetch_all(
        &Query::select()
            .columns([PlanUpdates::InvitationId, PlanUpdates::DueOn, PlanUpdates::Id, PlanUpdates::SentAt])
            .from(PlanUpdates::Table)
            .and_where(Expr::col(PlanUpdates::CycleId).eq(cycle))
            .order_by(PlanUpdates::Id, Order::Asc)
            .limit(CYCLE_LIMIT)
            .to_owned(),
    )
    .await
}

/// When each of the given returns was submitted.
pub async fn submitted_at(
    db: &Db,
    returns: &[i64],
) -> Result<Vec<(i64, Option<OffsetDateTime>)>, sqlx::Error> {
    if returns.is_empty() {
        return Ok(Vec::new());
    }
    db.fetch_all(
        &Query::select()
            .columns([Returns::Id, Returns::SubmittedAt])
            .from(Returns::Table)
            .and_where(Expr::col(Returns::Id).is_in(returns.iter().copied()))
            .to_owned(),
    )
    .await
}

/// The plan of an assessment as it stands, with every action's progress notes.
pub async fn plan(db: &Db, assessment: i64) -> Result<Vec<PlanAction>, sqlx::Error> {
    let mut out = Vec::new();
    for row in plan_store::list(db, assessment).await? {
        let notes = plan_store::updates(db, row.id)
            .await?
            .into_iter()
            .map(|u| Note { at: u.created_at, author: u.author.unwrap_or_default(), text: u.note })
            .collect();
        let source = row
            .criterion_code
            .clone()
            .or_else(|| row.origin.clone())
            .unwrap_or_else(|| "Added by hand".to_owned());
        out.push(PlanAction {
            status: row.status(),
            what: row.what,
            lead: row.responsible_lead,
            target: row.target_date,
            source,
            notes,
        });
    }
    Ok(out)
}

pub struct NewUpdate<'a> {
    pub invitation: i64,
    pub cycle: i64,
    pub organisation: i64,
    pub assessment: i64,
    pub return_id: i64,
    pub snapshot: &'a Snapshot,
    pub by: i64,
    pub at: OffsetDateTime,
}

/// Writes the update and its audit record; `None` (nothing written) when an update
/// for that invitation and date was sent meanwhile.
pub async fn insert(tx: &mut Tx, u: &NewUpdate<'_>) -> Result<Option<i64>, sqlx::Error> {
    let snapshot = serde_json::to_string(u.snapshot).map_err(|e| sqlx::Error::Encode(e.into()))?;
    let inserted: Option<(i64,)> = tx
        .fetch_optional(
            &Query::insert()
                .into_table(PlanUpdates::Table)
                .columns([
                    PlanUpdates::InvitationId,
                    PlanUpdates::CycleId,
                    PlanUpdates::OrganisationId,
                    PlanUpdates::AssessmentId,
                    PlanUpdates::ReturnId,
                    PlanUpdates::DueOn,
                    PlanUpdates::Snapshot,
                    PlanUpdates::SentBy,
                    PlanUpdates::SentAt,
                ])
                .values_panic([
                    u.invitation.into(),
                    u.cycle.into(),
                    u.organisation.into(),
                    u.assessment.into(),
                    u.return_id.into(),
                    u.snapshot.due_on.into(),
                    snapshot.into(),
                    u.by.into(),
                    u.at.into(),
                ])
                .on_conflict(
                    OnConflict::columns([PlanUpdates::InvitationId, PlanUpdates::DueOn])
                        .do_nothing()
                        .to_owned(),
                )
                .returning_col(PlanUpdates::Id)
                .to_owned(),
        )
        .await?;
    let Some((id,)) = inserted else { return Ok(None) };
    audit::record(
        tx,
        Change {
            actor: Some(u.by),
            action: "send",
            entity: "plan_update",
            entity_id: id.to_string(),
            before: None,
            after: Some(json!({
                "invitation": u.invitation,
                "cycle": u.cycle,
                "return": u.return_id,
                "due_on": u.snapshot.due_on.to_string(),
                "actions": u.snapshot.actions.len(),
                "overdue": u.snapshot.overdue(),
            })),
        },
    )
    .await?;
    Ok(Some(id))
}
