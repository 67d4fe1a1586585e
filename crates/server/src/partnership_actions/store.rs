//! Reading and writing partnership actions and their progress notes. Every write is
//! audited in its own transaction. Notes are only ever inserted: no statement here
//! updates or deletes one. A status change (by the edit form or a note) names the
//! status it expects to replace, so two people changing it at once cannot both win.

use sea_query::{Expr, ExprTrait, Order, Query, SelectStatement};
use serde_json::json;
use time::{Date, OffsetDateTime};

use super::schema::{PartnershipActionNotes, PartnershipActions};
use crate::audit::{self, Change};
use crate::db::Db;
use crate::db::schema::{Partnerships, Users};
use crate::narratives::schema::Themes;
use osa_core::partnership_action::{ActionFields, ActionSource, PartnershipActionStatus};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ActionRow {
    pub id: i64,
    pub cycle_id: i64,
    pub partnership_id: i64,
    pub partnership_name: String,
    pub theme_id: Option<i64>,
    pub theme_name: Option<String>,
    pub source: Option<String>,
    pub title: String,
    pub description: String,
    pub lead_group: String,
    pub lead_person: String,
    pub target_date: Date,
    #[sqlx(try_from = "String")]
    pub status: PartnershipActionStatus,
    pub evidence: String,
    pub updated_at: OffsetDateTime,
}

impl ActionRow {
    pub fn status(&self) -> PartnershipActionStatus {
        self.status
    }

    pub fn source(&self) -> Option<ActionSource> {
        self.source.as_deref().and_then(ActionSource::from_code)
    }

    pub fn is_completed(&self) -> bool {
        self.status() == PartnershipActionStatus::Completed
    }

    fn audit_values(&self) -> serde_json::Value {
        json!({
            "title": self.title, "description": self.description, "lead_group": self.lead_group,
            "lead_person": self.lead_person, "target_date": self.target_date.to_string(), "status": self.status,
            "evidence": self.evidence, "theme": self.theme_id, "source": self.source,
        })
    }
}

fn audit_values(f: &ActionFields, theme: Option<i64>) -> serde_json::Value {
    json!({
        "title": f.title, "description": f.description, "lead_group": f.lead_group,
        "lead_person": f.lead_person, "target_date": f.target_date.to_string(), "status": f.status.code(),
        "evidence": f.evidence, "theme": theme, "source": f.source.map(|s| s.code()),
    })
}

fn select() -> SelectStatement {
    use PartnershipActions as A;
    Query::select()
        .columns([
            (A::Table, A::Id),
            (A::Table, A::CycleId),
            (A::Table, A::PartnershipId),
            (A::Table, A::ThemeId),
            (A::Table, A::Source),
            (A::Table, A::Title),
            (A::Table, A::Description),
            (A::Table, A::LeadGroup),
            (A::Table, A::LeadPerson),
            (A::Table, A::TargetDate),
            (A::Table, A::Status),
            (A::Table, A::Evidence),
            (A::Table, A::UpdatedAt),
        ])
        .expr_as(Expr::col((Partnerships::Table, Partnerships::Name)), "partnership_name")
        .expr_as(Expr::col((Themes::Table, Themes::Name)), "theme_name")
        .from(A::Table)
        .inner_join(
            Partnerships::Table,
            Expr::col((Partnerships::Table, Partnerships::Id)).equals((A::Table, A::PartnershipId)),
        )
        .left_join(Themes::Table, Expr::col((Themes::Table, Themes::Id)).equals((A::Table, A::ThemeId)))
        .to_owned()
}

/// Which of a cycle's actions a list shows.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub lead_group: Option<String>,
    pub status: Option<StatusFilter>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusFilter {
    Is(PartnershipActionStatus),
    /// Not completed and past the target date.
    Overdue,
}

/// A cycle's actions that pass `filter`, soonest target first.
pub async fn list(
    db: &Db,
    cycle: i64,
    filter: &Filter,
    today: Date,
    limit: u64,
    offset: u64,
) -> Result<Vec<ActionRow>, sqlx::Error> {
    use PartnershipActions as A;
    let mut q = select();
    q.and_where(Expr::col((A::Table, A::CycleId)).eq(cycle));
    if let Some(group) = &filter.lead_group {
        q.and_where(Expr::col((A::Table, A::LeadGroup)).eq(group.as_str()));
    }
    match filter.status {
        Some(StatusFilter::Is(status)) => {
            q.and_where(Expr::col((A::Table, A::Status)).eq(status.code()));
        }
        Some(StatusFilter::Overdue) => {
            q.and_where(Expr::col((A::Table, A::Status)).ne(PartnershipActionStatus::Completed.code()))
                .and_where(Expr::col((A::Table, A::TargetDate)).lt(today));
        }
        None => {}
    }
    db.fetch_all(
        &q.order_by((A::Table, A::TargetDate), Order::Asc)
            .order_by((A::Table, A::Id), Order::Asc)
            .limit(limit)
            .offset(offset)
            .to_owned(),
    )
    .await
}

/// How many actions a cycle has, for a list that says its total (the API's).
pub async fn count(db: &Db, cycle: i64) -> Result<u64, sqlx::Error> {
    let (n,): (i64,) = db
        .fetch_one(
            &Query::select()
                .expr(Expr::col(PartnershipActions::Id).count())
                .from(PartnershipActions::Table)
                .and_where(Expr::col(PartnershipActions::CycleId).eq(cycle))
                .to_owned(),
        )
        .await?;
    Ok(u64::try_from(n).unwrap_or(0))
}

pub async fn get(db: &Db, id: i64) -> Result<Option<ActionRow>, sqlx::Error> {
    use PartnershipActions as A;
    db.fetch_optional(&select().and_where(Expr::col((A::Table, A::Id)).eq(id)).to_owned()).await
}

async fn distinct_groups(db: &Db, column: PartnershipActions, id: i64) -> Result<Vec<String>, sqlx::Error> {
    use PartnershipActions as A;
    let rows: Vec<(String,)> = db
        .fetch_all(
            &Query::select()
                .distinct()
                .column(A::LeadGroup)
                .from(A::Table)
                .and_where(Expr::col(column).eq(id))
                .order_by(A::LeadGroup, Order::Asc)
                .limit(500)
                .to_owned(),
        )
        .await?;
    Ok(rows.into_iter().map(|(g,)| g).collect())
}

/// The lead groups of a cycle's actions, for the list's filter.
pub async fn groups_in_cycle(db: &Db, cycle: i64) -> Result<Vec<String>, sqlx::Error> {
    distinct_groups(db, PartnershipActions::CycleId, cycle).await
}

/// The lead groups a partnership has named on any of its actions, offered as it types.
pub async fn groups_of_partnership(db: &Db, partnership: i64) -> Result<Vec<String>, sqlx::Error> {
    distinct_groups(db, PartnershipActions::PartnershipId, partnership).await
}

pub struct NewAction {
    pub cycle: i64,
    pub partnership: i64,
    pub theme: Option<i64>,
    pub fields: ActionFields,
}

pub async fn create(db: &Db, actor: i64, new: &NewAction, at: OffsetDateTime) -> Result<i64, sqlx::Error> {
    use PartnershipActions as A;
    let f = &new.fields;
    let mut tx = db.begin().await?;
    let id = tx
        .insert_id(
            &Query::insert()
                .into_table(A::Table)
                .columns([
                    A::CycleId,
                    A::PartnershipId,
                    A::ThemeId,
                    A::Source,
                    A::Title,
                    A::Description,
                    A::LeadGroup,
                    A::LeadPerson,
                    A::TargetDate,
                    A::Status,
                    A::Evidence,
                    A::CreatedBy,
                    A::CreatedAt,
                    A::UpdatedBy,
                    A::UpdatedAt,
                ])
                .values_panic([
                    new.cycle.into(),
                    new.partnership.into(),
                    new.theme.into(),
                    f.source.map(|s| s.code()).into(),
                    f.title.as_str().into(),
                    f.description.as_str().into(),
                    f.lead_group.as_str().into(),
                    f.lead_person.as_str().into(),
                    f.target_date.into(),
                    f.status.code().into(),
                    f.evidence.as_str().into(),
                    actor.into(),
                    at.into(),
                    actor.into(),
                    at.into(),
                ])
                .to_owned(),
        )
        .await?;
    let mut after = audit_values(f, new.theme);
    after["cycle"] = json!(new.cycle);
    after["partnership"] = json!(new.partnership);
    audit::record(
        &mut tx,
        Change {
            actor: Some(actor),
            action: "create",
            entity: "partnership_action",
            entity_id: id.to_string(),
            before: None,
            after: Some(after),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Saves the edit form. False (and nothing saved) when the action changed status or
/// was completed since `before` was read.
pub async fn update(
    db: &Db,
    actor: i64,
    before: &ActionRow,
    theme: Option<i64>,
    f: &ActionFields,
    at: OffsetDateTime,
) -> Result<bool, sqlx::Error> {
    use PartnershipActions as A;
    let mut tx = db.begin().await?;
    let changed = tx
        .execute(
            &Query::update()
                .table(A::Table)
                .value(A::ThemeId, theme)
                .value(A::Source, f.source.map(|s| s.code()))
                .value(A::Title, f.title.as_str())
                .value(A::Description, f.description.as_str())
                .value(A::LeadGroup, f.lead_group.as_str())
                .value(A::LeadPerson, f.lead_person.as_str())
                .value(A::TargetDate, f.target_date)
                .value(A::Status, f.status.code())
                .value(A::Evidence, f.evidence.as_str())
                .value(A::UpdatedBy, actor)
                .value(A::UpdatedAt, at)
                .and_where(Expr::col(A::Id).eq(before.id))
                .and_where(Expr::col(A::Status).eq(before.status.code()))
                .and_where(Expr::col(A::Status).ne(PartnershipActionStatus::Completed.code()))
                .to_owned(),
        )
        .await?;
    if changed != 1 {
        return Ok(false);
    }
    audit::record(
        &mut tx,
        Change {
            actor: Some(actor),
            action: "update",
            entity: "partnership_action",
            entity_id: before.id.to_string(),
            before: Some(before.audit_values()),
            after: Some(audit_values(f, theme)),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// Appends a progress note, with the status change it records (if any). False (and
/// nothing saved) when the status changed since `action` was read.
pub async fn add_note(
    db: &Db,
    actor: i64,
    action: &ActionRow,
    note: &str,
    status_to: Option<PartnershipActionStatus>,
    at: OffsetDateTime,
) -> Result<bool, sqlx::Error> {
    use PartnershipActionNotes as N;
    use PartnershipActions as A;
    let status_to = status_to.filter(|s| *s != action.status());
    let mut tx = db.begin().await?;
    let mut update = Query::update();
    update
        .table(A::Table)
        .value(A::UpdatedBy, actor)
        .value(A::UpdatedAt, at)
        .and_where(Expr::col(A::Id).eq(action.id))
        .and_where(Expr::col(A::Status).eq(action.status.code()));
    if let Some(to) = status_to {
        update.value(A::Status, to.code());
    }
    if tx.execute(&update).await? != 1 {
        return Ok(false);
    }
    let from = status_to.map(|_| action.status.code());
    let note_id = tx
        .insert_id(
            &Query::insert()
                .into_table(N::Table)
                .columns([N::ActionId, N::Note, N::StatusFrom, N::StatusTo, N::CreatedBy, N::CreatedAt])
                .values_panic([
                    action.id.into(),
                    note.into(),
                    from.into(),
                    status_to.map(|s| s.code()).into(),
                    actor.into(),
                    at.into(),
                ])
                .to_owned(),
        )
        .await?;
    audit::record(
        &mut tx,
        Change {
            actor: Some(actor),
            action: "progress_note",
            entity: "partnership_action",
            entity_id: action.id.to_string(),
            before: status_to.map(|_| json!({ "status": action.status })),
            after: Some(json!({ "note_id": note_id, "note": note, "status": status_to.map(|s| s.code()) })),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct NoteRow {
    pub note: String,
    pub status_from: Option<String>,
    pub status_to: Option<String>,
    pub created_at: OffsetDateTime,
    pub author: Option<String>,
}

impl NoteRow {
    /// "At risk to On track", when the note changed the status.
    pub fn status_change(&self) -> Option<String> {
        let label = |code: &Option<String>| {
            code.as_deref().and_then(PartnershipActionStatus::from_code).map(PartnershipActionStatus::label)
        };
        Some(format!("Status changed from {} to {}", label(&self.status_from)?, label(&self.status_to)?))
    }
}

/// An action's notes, oldest first, as a log reads.
pub async fn notes(db: &Db, action: i64) -> Result<Vec<NoteRow>, sqlx::Error> {
    use PartnershipActionNotes as N;
    db.fetch_all(
        &Query::select()
            .columns([
                (N::Table, N::Note),
                (N::Table, N::StatusFrom),
                (N::Table, N::StatusTo),
                (N::Table, N::CreatedAt),
            ])
            .expr_as(Expr::col((Users::Table, Users::DisplayName)), "author")
            .from(N::Table)
            .left_join(Users::Table, Expr::col((Users::Table, Users::Id)).equals((N::Table, N::CreatedBy)))
            .and_where(Expr::col((N::Table, N::ActionId)).eq(action))
            .order_by((N::Table, N::Id), Order::Asc)
            .limit(1000)
            .to_owned(),
    )
    .await
}
