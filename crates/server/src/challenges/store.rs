//! Queries for threads on returns. A thread's state changes only with a message
//! written in the same transaction, and only from the state the writer saw, so two
//! people acting at once cannot both move it.

use sea_query::{Alias, Expr, ExprTrait, Func, Order, Query, SelectStatement};
use time::OffsetDateTime;

use super::schema::{ReturnThreads, ThreadMessages};
use crate::cycles::visible::Reader;
use crate::db::schema::{Invitations, Organisations, Partnerships, Users};
use crate::db::{Db, Tx};
use osa_core::challenge::{Kind, State, Step};

/// Threads read per return or per organisation at most; a return has one thread per
/// criterion and partnership at most in practice, far fewer than this.
pub const LIST_LIMIT: u64 = 1000;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ThreadRow {
    pub id: i64,
    pub return_id: i64,
    pub organisation_id: i64,
    pub partnership_id: i64,
    pub partnership_name: String,
    pub criterion_code: Option<String>,
    #[sqlx(try_from = "String")]
    pub kind: Kind,
    pub state: Option<String>,
    pub raised_by: i64,
    pub raised_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
    /// Set on a thread about an action-plan update rather than the return itself.
    pub plan_update_id: Option<i64>,
    /// The partnership said the answer's narrative describes activity, not impact.
    pub activity_only: bool,
}

impl ThreadRow {
    pub fn kind(&self) -> Kind {
        self.kind
    }

    pub fn state(&self) -> Option<State> {
        self.state.as_deref().and_then(State::from_code)
    }

    pub fn is_outstanding(&self) -> bool {
        self.state() == Some(State::Open)
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MessageRow {
    pub id: i64,
    pub thread_id: i64,
    #[sqlx(try_from = "String")]
    pub step: Step,
    pub body: String,
    pub author_name: String,
    pub partnership_name: Option<String>,
    pub organisation_name: Option<String>,
    pub created_at: OffsetDateTime,
}

impl MessageRow {
    pub fn step(&self) -> Step {
        self.step
    }

    /// Whom the author wrote for.
    pub fn on_behalf_of(&self) -> &str {
        self.partnership_name.as_deref().or(self.organisation_name.as_deref()).unwrap_or("")
    }
}

fn thread_select() -> SelectStatement {
    Query::select()
        .columns([
            (ReturnThreads::Table, ReturnThreads::Id),
            (ReturnThreads::Table, ReturnThreads::ReturnId),
            (ReturnThreads::Table, ReturnThreads::OrganisationId),
            (ReturnThreads::Table, ReturnThreads::PartnershipId),
            (ReturnThreads::Table, ReturnThreads::CriterionCode),
            (ReturnThreads::Table, ReturnThreads::Kind),
            (ReturnThreads::Table, ReturnThreads::State),
            (ReturnThreads::Table, ReturnThreads::RaisedBy),
            (ReturnThreads::Table, ReturnThreads::RaisedAt),
            (ReturnThreads::Table, ReturnThreads::UpdatedAt),
            (ReturnThreads::Table, ReturnThreads::PlanUpdateId),
            (ReturnThreads::Table, ReturnThreads::ActivityOnly),
        ])
        .expr_as(Expr::col((Partnerships::Table, Partnerships::Name)), Alias::new("partnership_name"))
        .from(ReturnThreads::Table)
        .inner_join(
            Partnerships::Table,
            Expr::col((Partnerships::Table, Partnerships::Id))
                .equals((ReturnThreads::Table, ReturnThreads::PartnershipId)),
        )
        .to_owned()
}

pub async fn get(db: &Db, id: i64) -> Result<Option<ThreadRow>, sqlx::Error> {
    db.fetch_optional(
        &thread_select().and_where(Expr::col((ReturnThreads::Table, ReturnThreads::Id)).eq(id)).to_owned(),
    )
    .await
}

/// Every thread on a return itself (not on the action-plan updates sent after it),
/// oldest first.
pub async fn of_return(db: &Db, return_id: i64) -> Result<Vec<ThreadRow>, sqlx::Error> {
    db.fetch_all(
        &thread_select()
            .and_where(Expr::col((ReturnThreads::Table, ReturnThreads::ReturnId)).eq(return_id))
            .and_where(Expr::col((ReturnThreads::Table, ReturnThreads::PlanUpdateId)).is_null())
            .order_by((ReturnThreads::Table, ReturnThreads::Id), Order::Asc)
            .limit(LIST_LIMIT)
            .to_owned(),
    )
    .await
}

/// Every thread on one action-plan update, oldest first.
pub async fn of_plan_update(db: &Db, plan_update: i64) -> Result<Vec<ThreadRow>, sqlx::Error> {
    db.fetch_all(
        &thread_select()
            .and_where(Expr::col((ReturnThreads::Table, ReturnThreads::PlanUpdateId)).eq(plan_update))
            .order_by((ReturnThreads::Table, ReturnThreads::Id), Order::Asc)
            .limit(LIST_LIMIT)
            .to_owned(),
    )
    .await
}

/// An organisation's threads that await it (open) or that it has answered, newest
/// change first; resolved ones and comments are left out.
pub async fn awaiting_organisation(db: &Db, organisation: i64) -> Result<Vec<ThreadRow>, sqlx::Error> {
    db.fetch_all(
        &thread_select()
            .and_where(Expr::col((ReturnThreads::Table, ReturnThreads::OrganisationId)).eq(organisation))
            .and_where(
                Expr::col((ReturnThreads::Table, ReturnThreads::State))
                    .is_in([State::Open.code(), State::Answered.code()]),
            )
            .order_by((ReturnThreads::Table, ReturnThreads::UpdatedAt), Order::Desc)
            .order_by((ReturnThreads::Table, ReturnThreads::Id), Order::Desc)
            .limit(LIST_LIMIT)
            .to_owned(),
    )
    .await
}

/// The messages of the given threads, in the order they were written.
pub async fn messages(db: &Db, threads: &[i64]) -> Result<Vec<MessageRow>, sqlx::Error> {
    if threads.is_empty() {
        return Ok(Vec::new());
    }
    db.fetch_all(
        &Query::select()
            .columns([
                (ThreadMessages::Table, ThreadMessages::Id),
                (ThreadMessages::Table, ThreadMessages::ThreadId),
                (ThreadMessages::Table, ThreadMessages::Step),
                (ThreadMessages::Table, ThreadMessages::Body),
                (ThreadMessages::Table, ThreadMessages::CreatedAt),
            ])
            .expr_as(Expr::col((Users::Table, Users::DisplayName)), Alias::new("author_name"))
            .expr_as(Expr::col((Partnerships::Table, Partnerships::Name)), Alias::new("partnership_name"))
            .expr_as(Expr::col((Organisations::Table, Organisations::Name)), Alias::new("organisation_name"))
            .from(ThreadMessages::Table)
            .inner_join(
                Users::Table,
                Expr::col((Users::Table, Users::Id))
                    .equals((ThreadMessages::Table, ThreadMessages::AuthorId)),
            )
            .left_join(
                Partnerships::Table,
                Expr::col((Partnerships::Table, Partnerships::Id))
                    .equals((ThreadMessages::Table, ThreadMessages::PartnershipId)),
            )
            .left_join(
                Organisations::Table,
                Expr::col((Organisations::Table, Organisations::Id))
                    .equals((ThreadMessages::Table, ThreadMessages::OrganisationId)),
            )
            .and_where(
                Expr::col((ThreadMessages::Table, ThreadMessages::ThreadId)).is_in(threads.iter().copied()),
            )
            .order_by((ThreadMessages::Table, ThreadMessages::Id), Order::Asc)
            .to_owned(),
    )
    .await
}

/// Whom a message is written for.
#[derive(Debug, Clone, Copy)]
pub enum Side {
    Partnership(i64),
    Organisation(i64),
}

pub struct NewThread<'a> {
    pub return_id: i64,
    pub organisation: i64,
    pub partnership: i64,
    pub criterion: Option<&'a str>,
    /// The action-plan update it is about (then `criterion` is `None`).
    pub plan_update: Option<i64>,
    pub kind: Kind,
    /// The narrative describes activity, not impact (a challenge on a criterion only).
    pub activity_only: bool,
    pub body: &'a str,
    pub by: i64,
    pub at: OffsetDateTime,
}

/// Raises a thread with its first message, and gives its id.
pub async fn raise(tx: &mut Tx, t: &NewThread<'_>) -> Result<i64, sqlx::Error> {
    let id = tx
        .insert_id(
            &Query::insert()
                .into_table(ReturnThreads::Table)
                .columns([
                    ReturnThreads::ReturnId,
                    ReturnThreads::OrganisationId,
                    ReturnThreads::PartnershipId,
                    ReturnThreads::CriterionCode,
                    ReturnThreads::Kind,
                    ReturnThreads::State,
                    ReturnThreads::RaisedBy,
                    ReturnThreads::RaisedAt,
                    ReturnThreads::UpdatedAt,
                    ReturnThreads::PlanUpdateId,
                    ReturnThreads::ActivityOnly,
                ])
                .values_panic([
                    t.return_id.into(),
                    t.organisation.into(),
                    t.partnership.into(),
                    t.criterion.map(str::to_owned).into(),
                    t.kind.code().into(),
                    t.kind.initial_state().map(|s| s.code().to_owned()).into(),
                    t.by.into(),
                    t.at.into(),
                    t.at.into(),
                    t.plan_update.into(),
                    t.activity_only.into(),
                ])
                .to_owned(),
        )
        .await?;
    add_message(tx, id, Step::Raise, t.body, t.by, Side::Partnership(t.partnership), t.at).await?;
    Ok(id)
}

async fn add_message(
    tx: &mut Tx,
    thread: i64,
    step: Step,
    body: &str,
    by: i64,
    side: Side,
    at: OffsetDateTime,
) -> Result<(), sqlx::Error> {
    let (partnership, organisation) = match side {
        Side::Partnership(p) => (Some(p), None),
        Side::Organisation(o) => (None, Some(o)),
    };
    tx.execute(
        &Query::insert()
            .into_table(ThreadMessages::Table)
            .columns([
                ThreadMessages::ThreadId,
                ThreadMessages::Step,
                ThreadMessages::Body,
                ThreadMessages::AuthorId,
                ThreadMessages::PartnershipId,
                ThreadMessages::OrganisationId,
                ThreadMessages::CreatedAt,
            ])
            .values_panic([
                thread.into(),
                step.code().into(),
                body.into(),
                by.into(),
                partnership.into(),
                organisation.into(),
                at.into(),
            ])
            .to_owned(),
    )
    .await?;
    Ok(())
}

/// One step on a thread, from the state the writer saw.
pub struct Move<'a> {
    pub thread: i64,
    pub step: Step,
    pub from: Option<State>,
    pub to: Option<State>,
    pub body: &'a str,
    pub by: i64,
    pub side: Side,
    pub at: OffsetDateTime,
}

/// Takes the step and writes its message; `false` (and nothing written) when the
/// thread moved meanwhile.
pub async fn take(tx: &mut Tx, m: &Move<'_>) -> Result<bool, sqlx::Error> {
    let mut update = Query::update()
        .table(ReturnThreads::Table)
        .value(ReturnThreads::State, m.to.map(|s| s.code().to_owned()))
        .value(ReturnThreads::UpdatedAt, m.at)
        .and_where(Expr::col(ReturnThreads::Id).eq(m.thread))
        .to_owned();
    match m.from {
        Some(state) => update.and_where(Expr::col(ReturnThreads::State).eq(state.code())),
        None => update.and_where(Expr::col(ReturnThreads::State).is_null()),
    };
    if tx.execute(&update).await? != 1 {
        return Ok(false);
    }
    add_message(tx, m.thread, m.step, m.body, m.by, m.side, m.at).await?;
    Ok(true)
}

pub async fn email_of(tx: &mut Tx, user: i64) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(String,)> = tx
        .fetch_optional(
            &Query::select()
                .column(Users::Email)
                .from(Users::Table)
                .and_where(Expr::col(Users::Id).eq(user))
                .to_owned(),
        )
        .await?;
    Ok(row.map(|(e,)| e))
}

/// Per organisation invited to a cycle whose return has threads that need an
/// answer: how many are open, answered and resolved.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    pub organisation_id: i64,
    pub organisation_name: String,
    pub return_id: i64,
    pub open: i64,
    pub answered: i64,
    pub resolved: i64,
    /// Of those, how many say the narrative describes activity, not impact.
    pub activity_only: i64,
}

/// Only returns sent to a partnership the reader reads through are counted.
pub async fn tally_for_cycle(db: &Db, reader: &Reader) -> Result<Vec<Tally>, sqlx::Error> {
    let rows: Vec<(i64, String, i64, String, bool, i64)> = db
        .fetch_all(
            &Query::select()
                .column((Organisations::Table, Organisations::Id))
                .column((Organisations::Table, Organisations::Name))
                .column((Invitations::Table, Invitations::ReturnId))
                .column((ReturnThreads::Table, ReturnThreads::State))
                .column((ReturnThreads::Table, ReturnThreads::ActivityOnly))
                .expr(Func::count(Expr::col((ReturnThreads::Table, ReturnThreads::Id))))
                .from(Invitations::Table)
                .inner_join(
                    ReturnThreads::Table,
                    Expr::col((ReturnThreads::Table, ReturnThreads::ReturnId))
                        .equals((Invitations::Table, Invitations::ReturnId)),
                )
                .inner_join(
                    Organisations::Table,
                    Expr::col((Organisations::Table, Organisations::Id))
                        .equals((Invitations::Table, Invitations::OrganisationId)),
                )
                .and_where(Expr::col((Invitations::Table, Invitations::CycleId)).eq(reader.cycle))
                .and_where(reader.may_read((Invitations::Table, Invitations::ReturnId)))
                .and_where(Expr::col((ReturnThreads::Table, ReturnThreads::State)).is_not_null())
                .group_by_columns([
                    (Organisations::Table, Organisations::Id),
                    (Organisations::Table, Organisations::Name),
                ])
                .group_by_col((Invitations::Table, Invitations::ReturnId))
                .group_by_col((ReturnThreads::Table, ReturnThreads::State))
                .group_by_col((ReturnThreads::Table, ReturnThreads::ActivityOnly))
                .order_by((Organisations::Table, Organisations::Name), Order::Asc)
                .order_by((Organisations::Table, Organisations::Id), Order::Asc)
                .to_owned(),
        )
        .await?;
    let mut out: Vec<Tally> = Vec::new();
    for (id, name, return_id, state, activity_only, count) in rows {
        if out.last().is_none_or(|t| t.organisation_id != id || t.return_id != return_id) {
            out.push(Tally { organisation_id: id, organisation_name: name, return_id, ..Default::default() });
        }
        // Never skips: a tally was pushed just above when none matched.
        let Some(tally) = out.last_mut() else { continue };
        if activity_only {
            tally.activity_only += count;
        }
        match State::from_code(&state) {
            Some(State::Open) => tally.open += count,
            Some(State::Answered) => tally.answered += count,
            Some(State::Resolved) => tally.resolved += count,
            None => {}
        }
    }
    Ok(out)
}
