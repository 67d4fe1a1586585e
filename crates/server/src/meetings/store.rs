//! Queries for assurance meetings and questions from children and young people.
//!
//! Every write first moves the meeting's `updated_at` on, but only from a state that
//! allows the change ([`claim`]); a record finalised meanwhile claims nothing, so it
//! is never edited whatever arrives after it. Every write is audited in its own
//! transaction.

use sea_query::{Alias, Expr, ExprTrait, Order, Query, SelectStatement};
use serde_json::json;
use time::{Date, OffsetDateTime};

use super::schema::{
    ActionOrigins, AssuranceMeetings, CypQuestions, MeetingComments, MeetingPanel, MeetingQuestions,
};
use crate::action_plans::store::{self as action_store, AgreedAt, Fields};
use crate::audit::{self, Change};
use crate::db::schema::{Actions, Cycles, Organisations, PartnershipMemberships, Partnerships, Users};
use crate::db::{Db, Tx};
use osa_core::meeting::{ExternalMember, MeetingState, Outcome, QuestionSource};
use osa_core::tenancy::PartnershipRole;

/// Meetings listed per cycle, organisation or partnership at most: one per
/// organisation and cycle in practice.
pub const LIST_LIMIT: u64 = 2000;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MeetingRow {
    pub id: i64,
    pub partnership_id: i64,
    pub partnership_name: String,
    pub cycle_id: i64,
    pub cycle_name: String,
    pub organisation_id: i64,
    pub organisation_name: String,
    pub held_on: Date,
    #[sqlx(try_from = "String")]
    pub state: MeetingState,
    pub agenda: String,
    pub notes: String,
    pub finalised_at: Option<OffsetDateTime>,
}

impl MeetingRow {
    pub fn state(&self) -> MeetingState {
        self.state
    }

    /// "on 3 June 2025 at 2:15pm", once finalised.
    pub fn finalised_words(&self) -> Option<String> {
        self.finalised_at.map(|at| format!("on {}", crate::web::format::datetime(at)))
    }

    pub fn agenda_items(&self) -> Vec<String> {
        osa_core::meeting::agenda_items(&self.agenda)
    }
}

fn meeting_select() -> SelectStatement {
    Query::select()
        .columns([
            (AssuranceMeetings::Table, AssuranceMeetings::Id),
            (AssuranceMeetings::Table, AssuranceMeetings::PartnershipId),
            (AssuranceMeetings::Table, AssuranceMeetings::CycleId),
            (AssuranceMeetings::Table, AssuranceMeetings::OrganisationId),
            (AssuranceMeetings::Table, AssuranceMeetings::HeldOn),
            (AssuranceMeetings::Table, AssuranceMeetings::State),
            (AssuranceMeetings::Table, AssuranceMeetings::Agenda),
            (AssuranceMeetings::Table, AssuranceMeetings::Notes),
            (AssuranceMeetings::Table, AssuranceMeetings::FinalisedAt),
        ])
        .expr_as(Expr::col((Partnerships::Table, Partnerships::Name)), Alias::new("partnership_name"))
        .expr_as(Expr::col((Cycles::Table, Cycles::Name)), Alias::new("cycle_name"))
        .expr_as(Expr::col((Organisations::Table, Organisations::Name)), Alias::new("organisation_name"))
        .from(AssuranceMeetings::Table)
        .inner_join(
            Partnerships::Table,
            Expr::col((Partnerships::Table, Partnerships::Id))
                .equals((AssuranceMeetings::Table, AssuranceMeetings::PartnershipId)),
        )
        .inner_join(
            Cycles::Table,
            Expr::col((Cycles::Table, Cycles::Id))
                .equals((AssuranceMeetings::Table, AssuranceMeetings::CycleId)),
        )
        .inner_join(
            Organisations::Table,
            Expr::col((Organisations::Table, Organisations::Id))
                .equals((AssuranceMeetings::Table, AssuranceMeetings::OrganisationId)),
        )
        .order_by((AssuranceMeetings::Table, AssuranceMeetings::HeldOn), Order::Asc)
        .order_by((Organisations::Table, Organisations::Name), Order::Asc)
        .order_by((AssuranceMeetings::Table, AssuranceMeetings::Id), Order::Asc)
        .limit(LIST_LIMIT)
        .to_owned()
}

pub async fn get(db: &Db, id: i64) -> Result<Option<MeetingRow>, sqlx::Error> {
    db.fetch_optional(
        &meeting_select()
            .and_where(Expr::col((AssuranceMeetings::Table, AssuranceMeetings::Id)).eq(id))
            .to_owned(),
    )
    .await
}

/// A cycle's meetings, by date then organisation.
pub async fn of_cycle(db: &Db, cycle: i64) -> Result<Vec<MeetingRow>, sqlx::Error> {
    db.fetch_all(
        &meeting_select()
            .and_where(Expr::col((AssuranceMeetings::Table, AssuranceMeetings::CycleId)).eq(cycle))
            .to_owned(),
    )
    .await
}

/// An organisation's meetings with every partnership, by date.
pub async fn of_organisation(db: &Db, organisation: i64) -> Result<Vec<MeetingRow>, sqlx::Error> {
    db.fetch_all(
        &meeting_select()
            .and_where(
                Expr::col((AssuranceMeetings::Table, AssuranceMeetings::OrganisationId)).eq(organisation),
            )
            .to_owned(),
    )
    .await
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PanelRow {
    pub user_id: Option<i64>,
    pub name: String,
    pub role: String,
}

pub async fn panel(db: &Db, meeting: i64) -> Result<Vec<PanelRow>, sqlx::Error> {
    db.fetch_all(
        &Query::select()
            .columns([MeetingPanel::UserId, MeetingPanel::Name, MeetingPanel::Role])
            .from(MeetingPanel::Table)
            .and_where(Expr::col(MeetingPanel::MeetingId).eq(meeting))
            .order_by(MeetingPanel::Id, Order::Asc)
            .to_owned(),
    )
    .await
}

/// One person of the partnership who may sit on a panel.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Person {
    pub user_id: i64,
    pub display_name: String,
    #[sqlx(try_from = "String")]
    pub role: PartnershipRole,
}

impl Person {
    pub fn role_label(&self) -> &'static str {
        self.role.label()
    }
}

/// The partnership's people, by name (one row per person and role).
pub async fn people(db: &Db, partnership: i64) -> Result<Vec<Person>, sqlx::Error> {
    db.fetch_all(
        &Query::select()
            .expr_as(Expr::col((Users::Table, Users::Id)), Alias::new("user_id"))
            .column((Users::Table, Users::DisplayName))
            .column((PartnershipMemberships::Table, PartnershipMemberships::Role))
            .from(PartnershipMemberships::Table)
            .inner_join(
                Users::Table,
                Expr::col((Users::Table, Users::Id))
                    .equals((PartnershipMemberships::Table, PartnershipMemberships::UserId)),
            )
            .and_where(
                Expr::col((PartnershipMemberships::Table, PartnershipMemberships::PartnershipId))
                    .eq(partnership),
            )
            .order_by((Users::Table, Users::DisplayName), Order::Asc)
            .order_by((Users::Table, Users::Id), Order::Asc)
            .limit(LIST_LIMIT)
            .to_owned(),
    )
    .await
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct QuestionRow {
    pub id: i64,
    #[sqlx(try_from = "String")]
    pub source: QuestionSource,
    pub question: String,
    pub cyp_question_id: Option<i64>,
    pub answer: String,
    pub outcome: Option<String>,
}

impl QuestionRow {
    pub fn source(&self) -> QuestionSource {
        self.source
    }

    pub fn outcome(&self) -> Option<Outcome> {
        self.outcome.as_deref().and_then(Outcome::from_code)
    }
}

pub async fn questions(db: &Db, meeting: i64) -> Result<Vec<QuestionRow>, sqlx::Error> {
    db.fetch_all(
        &Query::select()
            .columns([
                MeetingQuestions::Id,
                MeetingQuestions::Source,
                MeetingQuestions::Question,
                MeetingQuestions::CypQuestionId,
                MeetingQuestions::Answer,
                MeetingQuestions::Outcome,
            ])
            .from(MeetingQuestions::Table)
            .and_where(Expr::col(MeetingQuestions::MeetingId).eq(meeting))
            .order_by(MeetingQuestions::Id, Order::Asc)
            .limit(LIST_LIMIT)
            .to_owned(),
    )
    .await
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CommentRow {
    pub author_name: String,
    pub body: String,
    pub created_at: OffsetDateTime,
}

pub async fn comments(db: &Db, meeting: i64) -> Result<Vec<CommentRow>, sqlx::Error> {
    db.fetch_all(
        &Query::select()
            .expr_as(Expr::col((Users::Table, Users::DisplayName)), Alias::new("author_name"))
            .columns([
                (MeetingComments::Table, MeetingComments::Body),
                (MeetingComments::Table, MeetingComments::CreatedAt),
            ])
            .from(MeetingComments::Table)
            .inner_join(
                Users::Table,
                Expr::col((Users::Table, Users::Id))
                    .equals((MeetingComments::Table, MeetingComments::AuthorId)),
            )
            .and_where(Expr::col((MeetingComments::Table, MeetingComments::MeetingId)).eq(meeting))
            .order_by((MeetingComments::Table, MeetingComments::Id), Order::Asc)
            .limit(LIST_LIMIT)
            .to_owned(),
    )
    .await
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AgreedAction {
    pub id: i64,
    pub assessment_id: i64,
    pub what: String,
    pub responsible_lead: String,
    pub target_date: Option<Date>,
}

impl AgreedAction {
    pub fn target_words(&self) -> String {
        self.target_date.map(crate::web::format::date).unwrap_or_else(|| "None set".to_owned())
    }
}

/// The actions agreed at a meeting, as they now stand in the organisation's plan.
pub async fn agreed_actions(db: &Db, meeting: i64) -> Result<Vec<AgreedAction>, sqlx::Error> {
    db.fetch_all(
        &Query::select()
            .columns([
                Actions::Id,
                Actions::AssessmentId,
                Actions::What,
                Actions::ResponsibleLead,
                Actions::TargetDate,
            ])
            .from(Actions::Table)
            .and_where(Expr::col(ActionOrigins::MeetingId).eq(meeting))
            .order_by(Actions::Id, Order::Asc)
            .limit(LIST_LIMIT)
            .to_owned(),
    )
    .await
}

fn audited<'a>(
    actor: i64,
    action: &'a str,
    entity: &'a str,
    id: i64,
    after: serde_json::Value,
) -> Change<'a> {
    Change { actor: Some(actor), action, entity, entity_id: id.to_string(), before: None, after: Some(after) }
}

/// Moves the meeting's `updated_at` on if it stands in one of `states`; `false` (and
/// nothing changed) when it does not, so the caller writes nothing more.
pub async fn claim(tx: &mut Tx, meeting: i64, states: &[MeetingState]) -> Result<bool, sqlx::Error> {
    let changed = tx
        .execute(
            &Query::update()
                .table(AssuranceMeetings::Table)
                .value(AssuranceMeetings::UpdatedAt, OffsetDateTime::now_utc())
                .and_where(Expr::col(AssuranceMeetings::Id).eq(meeting))
                .and_where(Expr::col(AssuranceMeetings::State).is_in(states.iter().map(|s| s.code())))
                .to_owned(),
        )
        .await?;
    Ok(changed == 1)
}

/// A panel member chosen from the partnership's people, or named from outside it.
#[derive(Debug, Clone)]
pub struct PanelMember {
    pub user_id: Option<i64>,
    pub name: String,
    pub role: String,
}

impl From<&ExternalMember> for PanelMember {
    fn from(m: &ExternalMember) -> Self {
        PanelMember { user_id: None, name: m.name.clone(), role: m.role.clone() }
    }
}

pub struct NewMeeting<'a> {
    pub partnership: i64,
    pub cycle: i64,
    pub organisation: i64,
    pub held_on: Date,
    pub agenda: &'a str,
    pub panel: &'a [PanelMember],
}

pub async fn schedule(tx: &mut Tx, actor: i64, m: &NewMeeting<'_>) -> Result<i64, sqlx::Error> {
    let now = OffsetDateTime::now_utc();
    let id = tx
        .insert_id(
            &Query::insert()
                .into_table(AssuranceMeetings::Table)
                .columns([
                    AssuranceMeetings::PartnershipId,
                    AssuranceMeetings::CycleId,
                    AssuranceMeetings::OrganisationId,
                    AssuranceMeetings::HeldOn,
                    AssuranceMeetings::State,
                    AssuranceMeetings::Agenda,
                    AssuranceMeetings::Notes,
                    AssuranceMeetings::CreatedBy,
                    AssuranceMeetings::CreatedAt,
                    AssuranceMeetings::UpdatedAt,
                ])
                .values_panic([
                    m.partnership.into(),
                    m.cycle.into(),
                    m.organisation.into(),
                    m.held_on.into(),
                    MeetingState::Scheduled.code().into(),
                    m.agenda.into(),
                    "".into(),
                    actor.into(),
                    now.into(),
                    now.into(),
                ])
                .to_owned(),
        )
        .await?;
    for p in m.panel {
        tx.execute(
            &Query::insert()
                .into_table(MeetingPanel::Table)
                .columns([
                    MeetingPanel::MeetingId,
                    MeetingPanel::UserId,
                    MeetingPanel::Name,
                    MeetingPanel::Role,
                ])
                .values_panic([id.into(), p.user_id.into(), p.name.as_str().into(), p.role.as_str().into()])
                .to_owned(),
        )
        .await?;
    }
    let panel: Vec<_> =
        m.panel.iter().map(|p| json!({ "user_id": p.user_id, "name": p.name, "role": p.role })).collect();
    let after = json!({
        "partnership_id": m.partnership, "cycle_id": m.cycle, "organisation_id": m.organisation,
        "held_on": m.held_on.to_string(), "agenda": m.agenda, "panel": panel,
    });
    audit::record(tx, audited(actor, "schedule", "assurance_meeting", id, after)).await?;
    Ok(id)
}

/// Changes the date and agenda of a meeting still scheduled; `false` otherwise.
pub async fn update_details(
    tx: &mut Tx,
    actor: i64,
    meeting: &MeetingRow,
    held_on: Date,
    agenda: &str,
) -> Result<bool, sqlx::Error> {
    let changed = tx
        .execute(
            &Query::update()
                .table(AssuranceMeetings::Table)
                .value(AssuranceMeetings::HeldOn, held_on)
                .value(AssuranceMeetings::Agenda, agenda)
                .value(AssuranceMeetings::UpdatedAt, OffsetDateTime::now_utc())
                .and_where(Expr::col(AssuranceMeetings::Id).eq(meeting.id))
                .and_where(Expr::col(AssuranceMeetings::State).eq(MeetingState::Scheduled.code()))
                .to_owned(),
        )
        .await?;
    if changed != 1 {
        return Ok(false);
    }
    audit::record(
        tx,
        Change {
            actor: Some(actor),
            action: "update",
            entity: "assurance_meeting",
            entity_id: meeting.id.to_string(),
            before: Some(json!({ "held_on": meeting.held_on.to_string(), "agenda": meeting.agenda })),
            after: Some(json!({ "held_on": held_on.to_string(), "agenda": agenda })),
        },
    )
    .await?;
    Ok(true)
}

/// Adds a question; the caller has claimed the meeting in a state that allows it.
pub async fn add_question(
    tx: &mut Tx,
    actor: i64,
    meeting: i64,
    source: QuestionSource,
    question: &str,
    cyp_question: Option<i64>,
) -> Result<i64, sqlx::Error> {
    let id = tx
        .insert_id(
            &Query::insert()
                .into_table(MeetingQuestions::Table)
                .columns([
                    MeetingQuestions::MeetingId,
                    MeetingQuestions::Source,
                    MeetingQuestions::Question,
                    MeetingQuestions::CypQuestionId,
                    MeetingQuestions::Answer,
                    MeetingQuestions::CreatedBy,
                    MeetingQuestions::CreatedAt,
                ])
                .values_panic([
                    meeting.into(),
                    source.code().into(),
                    question.into(),
                    cyp_question.into(),
                    "".into(),
                    actor.into(),
                    OffsetDateTime::now_utc().into(),
                ])
                .to_owned(),
        )
        .await?;
    let after = json!({ "meeting_id": meeting, "source": source.code(), "question": question, "cyp_question_id": cyp_question });
    audit::record(tx, audited(actor, "create", "meeting_question", id, after)).await?;
    Ok(id)
}

/// Moves a meeting on (scheduled to held, held to finalised); `false` when it did not
/// stand at `from`.
pub async fn advance(
    tx: &mut Tx,
    actor: i64,
    meeting: i64,
    from: MeetingState,
    to: MeetingState,
) -> Result<bool, sqlx::Error> {
    let now = OffsetDateTime::now_utc();
    let mut update = Query::update()
        .table(AssuranceMeetings::Table)
        .value(AssuranceMeetings::State, to.code())
        .value(AssuranceMeetings::UpdatedAt, now)
        .and_where(Expr::col(AssuranceMeetings::Id).eq(meeting))
        .and_where(Expr::col(AssuranceMeetings::State).eq(from.code()))
        .to_owned();
    if to == MeetingState::Finalised {
        update.value(AssuranceMeetings::FinalisedAt, now).value(AssuranceMeetings::FinalisedBy, actor);
    }
    if tx.execute(&update).await? != 1 {
        return Ok(false);
    }
    audit::record(
        tx,
        Change {
            actor: Some(actor),
            action: if to == MeetingState::Finalised { "finalise" } else { "mark_held" },
            entity: "assurance_meeting",
            entity_id: meeting.to_string(),
            before: Some(json!({ "state": from.code() })),
            after: Some(json!({ "state": to.code() })),
        },
    )
    .await?;
    Ok(true)
}

/// What was recorded of one question.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub question: i64,
    pub answer: String,
    pub outcome: Option<Outcome>,
}

/// Writes the notes and each question's answer and outcome of a held meeting;
/// `false` (nothing written) when it is no longer held.
pub async fn record(
    tx: &mut Tx,
    actor: i64,
    meeting: i64,
    notes: &str,
    answers: &[Recorded],
) -> Result<bool, sqlx::Error> {
    let changed = tx
        .execute(
            &Query::update()
                .table(AssuranceMeetings::Table)
                .value(AssuranceMeetings::Notes, notes)
                .value(AssuranceMeetings::UpdatedAt, OffsetDateTime::now_utc())
                .and_where(Expr::col(AssuranceMeetings::Id).eq(meeting))
                .and_where(Expr::col(AssuranceMeetings::State).eq(MeetingState::Held.code()))
                .to_owned(),
        )
        .await?;
    if changed != 1 {
        return Ok(false);
    }
    for r in answers {
        tx.execute(
            &Query::update()
                .table(MeetingQuestions::Table)
                .value(MeetingQuestions::Answer, r.answer.as_str())
                .value(MeetingQuestions::Outcome, r.outcome.map(|o| o.code().to_owned()))
                .and_where(Expr::col(MeetingQuestions::Id).eq(r.question))
                .and_where(Expr::col(MeetingQuestions::MeetingId).eq(meeting))
                .to_owned(),
        )
        .await?;
    }
    let answers: Vec<_> = answers
        .iter()
        .map(|r| json!({ "question_id": r.question, "answer": r.answer, "outcome": r.outcome.map(|o| o.code()) }))
        .collect();
    audit::record(
        tx,
        audited(
            actor,
            "record",
            "assurance_meeting",
            meeting,
            json!({ "notes": notes, "questions": answers }),
        ),
    )
    .await?;
    Ok(true)
}

/// The words an agreed action carries in the organisation's plan.
pub fn origin_words(held_on: Date) -> String {
    format!("Agreed at the assurance meeting of {}", crate::web::format::date(held_on))
}

/// Puts an action agreed at a held meeting into the organisation's plan (the
/// assessment given); the caller has claimed the meeting as held.
pub async fn agree_action(
    tx: &mut Tx,
    actor: i64,
    meeting: &MeetingRow,
    assessment: i64,
    fields: &Fields,
) -> Result<i64, sqlx::Error> {
    let origin = origin_words(meeting.held_on);
    action_store::insert(
        tx,
        assessment,
        actor,
        fields,
        Some(AgreedAt { meeting: meeting.id, origin: &origin }),
    )
    .await
}

/// Adds a comment or addendum; the caller has claimed the meeting in a state that
/// takes comments.
pub async fn add_comment(tx: &mut Tx, actor: i64, meeting: i64, body: &str) -> Result<i64, sqlx::Error> {
    let id = tx
        .insert_id(
            &Query::insert()
                .into_table(MeetingComments::Table)
                .columns([
                    MeetingComments::MeetingId,
                    MeetingComments::AuthorId,
                    MeetingComments::Body,
                    MeetingComments::CreatedAt,
                ])
                .values_panic([meeting.into(), actor.into(), body.into(), OffsetDateTime::now_utc().into()])
                .to_owned(),
        )
        .await?;
    audit::record(
        tx,
        audited(actor, "create", "meeting_comment", id, json!({ "meeting_id": meeting, "body": body })),
    )
    .await?;
    Ok(id)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CypQuestionRow {
    pub id: i64,
    pub partnership_id: i64,
    pub question: String,
    pub source: String,
    pub raised_on: Date,
}

/// A partnership's questions from children and young people, newest first.
pub async fn cyp_questions(db: &Db, partnership: i64) -> Result<Vec<CypQuestionRow>, sqlx::Error> {
    db.fetch_all(
        &Query::select()
            .columns([
                CypQuestions::Id,
                CypQuestions::PartnershipId,
                CypQuestions::Question,
                CypQuestions::Source,
                CypQuestions::RaisedOn,
            ])
            .from(CypQuestions::Table)
            .and_where(Expr::col(CypQuestions::PartnershipId).eq(partnership))
            .order_by(CypQuestions::RaisedOn, Order::Desc)
            .order_by(CypQuestions::Id, Order::Desc)
            .limit(LIST_LIMIT)
            .to_owned(),
    )
    .await
}

pub struct NewCypQuestion<'a> {
    pub partnership: i64,
    pub question: &'a str,
    pub source: &'a str,
    pub raised_on: Date,
}

pub async fn add_cyp_question(tx: &mut Tx, actor: i64, q: &NewCypQuestion<'_>) -> Result<i64, sqlx::Error> {
    let id = tx
        .insert_id(
            &Query::insert()
                .into_table(CypQuestions::Table)
                .columns([
                    CypQuestions::PartnershipId,
                    CypQuestions::Question,
                    CypQuestions::Source,
                    CypQuestions::RaisedOn,
                    CypQuestions::CreatedBy,
                    CypQuestions::CreatedAt,
                ])
                .values_panic([
                    q.partnership.into(),
                    q.question.into(),
                    q.source.into(),
                    q.raised_on.into(),
                    actor.into(),
                    OffsetDateTime::now_utc().into(),
                ])
                .to_owned(),
        )
        .await?;
    let after = json!({
        "partnership_id": q.partnership, "question": q.question, "source": q.source, "raised_on": q.raised_on.to_string(),
    });
    audit::record(tx, audited(actor, "create", "cyp_question", id, after)).await?;
    Ok(id)
}

/// One organisation's answer to a question from children and young people, as
/// recorded at a meeting.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CypAnswer {
    pub cyp_question_id: i64,
    pub meeting_id: i64,
    pub organisation_name: String,
    pub held_on: Date,
    pub answer: String,
    pub outcome: Option<String>,
}

impl CypAnswer {
    pub fn outcome(&self) -> Option<Outcome> {
        self.outcome.as_deref().and_then(Outcome::from_code)
    }
}

/// Every answer recorded so far to the partnership's questions from children and
/// young people (questions chosen but not yet answered are left out).
pub async fn cyp_answers(db: &Db, partnership: i64) -> Result<Vec<CypAnswer>, sqlx::Error> {
    db.fetch_all(
        &Query::select()
            .column((MeetingQuestions::Table, MeetingQuestions::CypQuestionId))
            .expr_as(Expr::col((AssuranceMeetings::Table, AssuranceMeetings::Id)), Alias::new("meeting_id"))
            .expr_as(Expr::col((Organisations::Table, Organisations::Name)), Alias::new("organisation_name"))
            .column((AssuranceMeetings::Table, AssuranceMeetings::HeldOn))
            .column((MeetingQuestions::Table, MeetingQuestions::Answer))
            .column((MeetingQuestions::Table, MeetingQuestions::Outcome))
            .from(MeetingQuestions::Table)
            .inner_join(
                AssuranceMeetings::Table,
                Expr::col((AssuranceMeetings::Table, AssuranceMeetings::Id))
                    .equals((MeetingQuestions::Table, MeetingQuestions::MeetingId)),
            )
            .inner_join(
                CypQuestions::Table,
                Expr::col((CypQuestions::Table, CypQuestions::Id))
                    .equals((MeetingQuestions::Table, MeetingQuestions::CypQuestionId)),
            )
            .inner_join(
                Organisations::Table,
                Expr::col((Organisations::Table, Organisations::Id))
                    .equals((AssuranceMeetings::Table, AssuranceMeetings::OrganisationId)),
            )
            .and_where(Expr::col((CypQuestions::Table, CypQuestions::PartnershipId)).eq(partnership))
            .and_where(Expr::col((MeetingQuestions::Table, MeetingQuestions::Answer)).ne(""))
            .order_by((AssuranceMeetings::Table, AssuranceMeetings::HeldOn), Order::Asc)
            .order_by((Organisations::Table, Organisations::Name), Order::Asc)
            .limit(LIST_LIMIT * 10)
            .to_owned(),
    )
    .await
}
