//! Reading and writing cycles and invitations. An invitation's state is worked out
//! when it is read (`osa_core::cycle::invitation_state`) from the facts kept: a
//! recorded non-submission, the return linked at submission, and whether the
//! organisation's assessment has any answer yet.

use osa_core::tenancy::{DutyStatus, Sector};
use sea_query::{Expr, ExprTrait, Order, Query};
use time::{Date, OffsetDateTime};

use crate::db::schema::{
    AssessmentSummaries, Assessments, CyclePartnerships, CycleSectorFrameworks, CycleUpdateDates, Cycles,
    Invitations, Organisations, Partnerships, ReturnPartnerships, Returns,
};
use crate::db::{Db, Tx};
use osa_core::cycle::{InvitationFacts, InvitationState, invitation_state};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CycleRow {
    pub id: i64,
    pub partnership_id: i64,
    pub name: String,
    pub main_framework_id: i64,
    pub opens_on: Date,
    pub due_on: Date,
    pub closed_at: Option<OffsetDateTime>,
}

fn cycle_select() -> sea_query::SelectStatement {
    Query::select()
        .columns([
            (Cycles::Table, Cycles::Id),
            (Cycles::Table, Cycles::PartnershipId),
            (Cycles::Table, Cycles::Name),
            (Cycles::Table, Cycles::MainFrameworkId),
            (Cycles::Table, Cycles::OpensOn),
            (Cycles::Table, Cycles::DueOn),
            (Cycles::Table, Cycles::ClosedAt),
        ])
        .from(Cycles::Table)
        .to_owned()
}

pub async fn get(db: &Db, id: i64) -> Result<Option<CycleRow>, sqlx::Error> {
    db.fetch_optional(&cycle_select().and_where(Expr::col((Cycles::Table, Cycles::Id)).eq(id)).to_owned())
        .await
}

/// A partnership takes part in a cycle only once it has accepted (the opener at
/// opening): a neighbour asked but not yet answering, or declining, does not.
fn taking_part() -> Expr {
    Expr::col((CyclePartnerships::Table, CyclePartnerships::AcceptedAt)).is_not_null()
}

/// The cycles a partnership takes part in (opened by it or by a neighbour), newest first.
pub async fn of_partnership(db: &Db, partnership: i64) -> Result<Vec<CycleRow>, sqlx::Error> {
    db.fetch_all(
        &cycle_select()
            .inner_join(
                CyclePartnerships::Table,
                Expr::col((CyclePartnerships::Table, CyclePartnerships::CycleId))
                    .equals((Cycles::Table, Cycles::Id)),
            )
            .and_where(
                Expr::col((CyclePartnerships::Table, CyclePartnerships::PartnershipId)).eq(partnership),
            )
            .and_where(taking_part())
            .order_by((Cycles::Table, Cycles::OpensOn), Order::Desc)
            .order_by((Cycles::Table, Cycles::Id), Order::Desc)
            .limit(200)
            .to_owned(),
    )
    .await
}

/// The partnerships taking part in a cycle (accepted), by name.
pub async fn partnerships(db: &Db, cycle: i64) -> Result<Vec<(i64, String)>, sqlx::Error> {
    db.fetch_all(
        &Query::select()
            .columns([(Partnerships::Table, Partnerships::Id), (Partnerships::Table, Partnerships::Name)])
            .from(CyclePartnerships::Table)
            .inner_join(
                Partnerships::Table,
                Expr::col((Partnerships::Table, Partnerships::Id))
                    .equals((CyclePartnerships::Table, CyclePartnerships::PartnershipId)),
            )
            .and_where(Expr::col((CyclePartnerships::Table, CyclePartnerships::CycleId)).eq(cycle))
            .and_where(taking_part())
            .order_by((Partnerships::Table, Partnerships::Name), Order::Asc)
            .to_owned(),
    )
    .await
}

/// How a neighbour asked to join a cycle has answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Waiting,
    Accepted,
    Declined,
}

/// A partnership asked to join a cycle, with its answer.
#[derive(Debug, Clone)]
pub struct Asked {
    pub cycle: CycleRow,
    pub partnership_id: i64,
    pub partnership_name: String,
    /// The partnership that opened the cycle and asks.
    pub opener_name: String,
    pub answer: Answer,
}

#[derive(sqlx::FromRow)]
struct AskedRecord {
    id: i64,
    partnership_id: i64,
    name: String,
    main_framework_id: i64,
    opens_on: Date,
    due_on: Date,
    closed_at: Option<OffsetDateTime>,
    asked_id: i64,
    asked_name: String,
    opener_name: String,
    accepted_at: Option<OffsetDateTime>,
    declined_at: Option<OffsetDateTime>,
}

impl From<AskedRecord> for Asked {
    fn from(r: AskedRecord) -> Asked {
        let answer = match (r.accepted_at, r.declined_at) {
            (Some(_), _) => Answer::Accepted,
            (None, Some(_)) => Answer::Declined,
            (None, None) => Answer::Waiting,
        };
        Asked {
            cycle: CycleRow {
                id: r.id,
                partnership_id: r.partnership_id,
                name: r.name,
                main_framework_id: r.main_framework_id,
                opens_on: r.opens_on,
                due_on: r.due_on,
                closed_at: r.closed_at,
            },
            partnership_id: r.asked_id,
            partnership_name: r.asked_name,
            opener_name: r.opener_name,
            answer,
        }
    }
}

/// Neighbours asked to join cycles: every partnership row of a cycle except the
/// opener's, with the asked partnership's name and the opener's.
fn asked_select() -> sea_query::SelectStatement {
    let opener = sea_query::Alias::new("opener");
    cycle_select()
        .expr_as(Expr::col((CyclePartnerships::Table, CyclePartnerships::PartnershipId)), "asked_id")
        .expr_as(Expr::col((Partnerships::Table, Partnerships::Name)), "asked_name")
        .expr_as(Expr::col((opener.clone(), Partnerships::Name)), "opener_name")
        .columns([
            (CyclePartnerships::Table, CyclePartnerships::AcceptedAt),
            (CyclePartnerships::Table, CyclePartnerships::DeclinedAt),
        ])
        .inner_join(
            CyclePartnerships::Table,
            Expr::col((CyclePartnerships::Table, CyclePartnerships::CycleId))
                .equals((Cycles::Table, Cycles::Id)),
        )
        .inner_join(
            Partnerships::Table,
            Expr::col((Partnerships::Table, Partnerships::Id))
                .equals((CyclePartnerships::Table, CyclePartnerships::PartnershipId)),
        )
        .join_as(
            sea_query::JoinType::InnerJoin,
            Partnerships::Table,
            opener.clone(),
            Expr::col((opener, Partnerships::Id)).equals((Cycles::Table, Cycles::PartnershipId)),
        )
        .and_where(
            Expr::col((CyclePartnerships::Table, CyclePartnerships::PartnershipId))
                .not_equals((Cycles::Table, Cycles::PartnershipId)),
        )
        .to_owned()
}

/// The cycles a partnership is asked to join and has not answered, newest first.
pub async fn waiting_for(db: &Db, partnership: i64) -> Result<Vec<Asked>, sqlx::Error> {
    let rows: Vec<AskedRecord> = db
        .fetch_all(
            &asked_select()
                .and_where(
                    Expr::col((CyclePartnerships::Table, CyclePartnerships::PartnershipId)).eq(partnership),
                )
                .and_where(Expr::col((CyclePartnerships::Table, CyclePartnerships::AcceptedAt)).is_null())
                .and_where(Expr::col((CyclePartnerships::Table, CyclePartnerships::DeclinedAt)).is_null())
                .order_by((Cycles::Table, Cycles::Id), Order::Desc)
                .limit(200)
                .to_owned(),
        )
        .await?;
    Ok(rows.into_iter().map(Asked::from).collect())
}

/// The neighbours asked to join one cycle, whatever they answered, by name.
pub async fn asked_of(db: &Db, cycle: i64) -> Result<Vec<Asked>, sqlx::Error> {
    let rows: Vec<AskedRecord> = db
        .fetch_all(
            &asked_select()
                .and_where(Expr::col((Cycles::Table, Cycles::Id)).eq(cycle))
                .order_by((Partnerships::Table, Partnerships::Name), Order::Asc)
                .to_owned(),
        )
        .await?;
    Ok(rows.into_iter().map(Asked::from).collect())
}

/// Asks a partnership to join a cycle after it was opened: a new neighbour, or one
/// that declined before and is asked again. True when it is now waiting for an
/// answer because of this call; false when it already takes part or is waiting.
pub async fn ask_to_join(tx: &mut Tx, cycle: i64, partnership: i64, actor: i64) -> Result<bool, sqlx::Error> {
    let again = tx
        .execute(
            &Query::update()
                .table(CyclePartnerships::Table)
                .value(CyclePartnerships::DeclinedAt, Option::<OffsetDateTime>::None)
                .value(CyclePartnerships::DecidedBy, Option::<i64>::None)
                .value(CyclePartnerships::InvitedBy, actor)
                .and_where(Expr::col(CyclePartnerships::CycleId).eq(cycle))
                .and_where(Expr::col(CyclePartnerships::PartnershipId).eq(partnership))
                .and_where(Expr::col(CyclePartnerships::DeclinedAt).is_not_null())
                .to_owned(),
        )
        .await?;
    if again == 1 {
        return Ok(true);
    }
    let added = tx
        .execute(
            &Query::insert()
                .into_table(CyclePartnerships::Table)
                .columns([
                    CyclePartnerships::CycleId,
                    CyclePartnerships::PartnershipId,
                    CyclePartnerships::InvitedBy,
                ])
                .values_panic([cycle.into(), partnership.into(), actor.into()])
                .on_conflict(
                    sea_query::OnConflict::columns([
                        CyclePartnerships::CycleId,
                        CyclePartnerships::PartnershipId,
                    ])
                    .do_nothing()
                    .to_owned(),
                )
                .to_owned(),
        )
        .await?;
    Ok(added == 1)
}

/// Records a neighbour's answer to joining a cycle, if it has not answered yet; true
/// when this call answered. Accepting makes it take part from now on; a decline
/// stands unless the cycle's admins ask again ([`ask_to_join`]).
pub async fn answer_join(
    tx: &mut Tx,
    cycle: i64,
    partnership: i64,
    actor: i64,
    accept: bool,
) -> Result<bool, sqlx::Error> {
    let now = OffsetDateTime::now_utc();
    let column = if accept { CyclePartnerships::AcceptedAt } else { CyclePartnerships::DeclinedAt };
    let changed = tx
        .execute(
            &Query::update()
                .table(CyclePartnerships::Table)
                .value(column, now)
                .value(CyclePartnerships::DecidedBy, actor)
                .and_where(Expr::col(CyclePartnerships::CycleId).eq(cycle))
                .and_where(Expr::col(CyclePartnerships::PartnershipId).eq(partnership))
                .and_where(Expr::col(CyclePartnerships::AcceptedAt).is_null())
                .and_where(Expr::col(CyclePartnerships::DeclinedAt).is_null())
                .to_owned(),
        )
        .await?;
    Ok(changed == 1)
}

pub async fn sector_frameworks(db: &Db, cycle: i64) -> Result<Vec<(Sector, i64)>, sqlx::Error> {
    let rows: Vec<(String, i64)> = db
        .fetch_all(
            &Query::select()
                .columns([CycleSectorFrameworks::Sector, CycleSectorFrameworks::FrameworkId])
                .from(CycleSectorFrameworks::Table)
                .and_where(Expr::col(CycleSectorFrameworks::CycleId).eq(cycle))
                .to_owned(),
        )
        .await?;
    Ok(rows.into_iter().filter_map(|(s, f)| Sector::from_code(&s).map(|s| (s, f))).collect())
}

pub async fn update_dates(db: &Db, cycle: i64) -> Result<Vec<Date>, sqlx::Error> {
    let rows: Vec<(Date,)> = db
        .fetch_all(
            &Query::select()
                .column(CycleUpdateDates::DueOn)
                .from(CycleUpdateDates::Table)
                .and_where(Expr::col(CycleUpdateDates::CycleId).eq(cycle))
                .order_by(CycleUpdateDates::DueOn, Order::Asc)
                .to_owned(),
        )
        .await?;
    Ok(rows.into_iter().map(|(d,)| d).collect())
}

pub struct NewCycle {
    pub partnership: i64,
    pub name: String,
    pub main_framework: i64,
    pub by_sector: Vec<(Sector, i64)>,
    pub opens_on: Date,
    pub due_on: Date,
    pub updates_due: Vec<Date>,
    /// Neighbouring partnerships asked to run the cycle with this one, as a region:
    /// each takes part once one of its admins accepts ([`answer_join`]).
    pub neighbours: Vec<i64>,
}

pub async fn create(tx: &mut Tx, actor: i64, c: &NewCycle) -> Result<i64, sqlx::Error> {
    let id = tx
        .insert_id(
            &Query::insert()
                .into_table(Cycles::Table)
                .columns([
                    Cycles::PartnershipId,
                    Cycles::Name,
                    Cycles::MainFrameworkId,
                    Cycles::OpensOn,
                    Cycles::DueOn,
                    Cycles::CreatedBy,
                    Cycles::CreatedAt,
                ])
                .values_panic([
                    c.partnership.into(),
                    c.name.as_str().into(),
                    c.main_framework.into(),
                    c.opens_on.into(),
                    c.due_on.into(),
                    actor.into(),
                    OffsetDateTime::now_utc().into(),
                ])
                .to_owned(),
        )
        .await?;
    let now = OffsetDateTime::now_utc();
    // The opener takes part from the start; each neighbour is only asked.
    tx.execute(
        &Query::insert()
            .into_table(CyclePartnerships::Table)
            .columns([
                CyclePartnerships::CycleId,
                CyclePartnerships::PartnershipId,
                CyclePartnerships::AcceptedAt,
                CyclePartnerships::DecidedBy,
            ])
            .values_panic([id.into(), c.partnership.into(), now.into(), actor.into()])
            .to_owned(),
    )
    .await?;
    let mut neighbours: Vec<i64> = c.neighbours.iter().copied().filter(|p| *p != c.partnership).collect();
    neighbours.sort_unstable();
    neighbours.dedup();
    for p in neighbours {
        tx.execute(
            &Query::insert()
                .into_table(CyclePartnerships::Table)
                .columns([
                    CyclePartnerships::CycleId,
                    CyclePartnerships::PartnershipId,
                    CyclePartnerships::InvitedBy,
                ])
                .values_panic([id.into(), p.into(), actor.into()])
                .to_owned(),
        )
        .await?;
    }
    for (sector, framework) in &c.by_sector {
        tx.execute(
            &Query::insert()
                .into_table(CycleSectorFrameworks::Table)
                .columns([
                    CycleSectorFrameworks::CycleId,
                    CycleSectorFrameworks::Sector,
                    CycleSectorFrameworks::FrameworkId,
                ])
                .values_panic([id.into(), sector.code().into(), (*framework).into()])
                .to_owned(),
        )
        .await?;
    }
    for date in &c.updates_due {
        tx.execute(
            &Query::insert()
                .into_table(CycleUpdateDates::Table)
                .columns([CycleUpdateDates::CycleId, CycleUpdateDates::DueOn])
                .values_panic([id.into(), (*date).into()])
                .to_owned(),
        )
        .await?;
    }
    Ok(id)
}

#[derive(Debug, Clone, sqlx::FromRow)]
struct InvitationRecord {
    id: i64,
    cycle_id: i64,
    organisation_id: i64,
    organisation_name: String,
    #[sqlx(try_from = "String")]
    sector: Sector,
    #[sqlx(try_from = "String")]
    duty_status: DutyStatus,
    framework_id: i64,
    framework_key: String,
    return_id: Option<i64>,
    return_submitted_at: Option<OffsetDateTime>,
    non_submission_reason: Option<String>,
    reminders_paused: bool,
    started: Option<i64>,
}

/// One invitation as pages show it.
#[derive(Debug, Clone)]
pub struct Invitation {
    pub id: i64,
    pub cycle_id: i64,
    pub organisation_id: i64,
    pub organisation_name: String,
    pub sector: Sector,
    pub duty_status: DutyStatus,
    pub framework_id: i64,
    pub framework_key: String,
    /// The return that answered this invitation, once submitted.
    pub return_id: Option<i64>,
    /// When that return was submitted: before the cycle opened for an early return
    /// (`super::answers`).
    pub return_submitted_at: Option<OffsetDateTime>,
    pub non_submission_reason: Option<String>,
    pub reminders_paused: bool,
    pub state: InvitationState,
}

impl From<InvitationRecord> for Invitation {
    fn from(r: InvitationRecord) -> Self {
        let state = invitation_state(InvitationFacts {
            non_submission_recorded: r.non_submission_reason.is_some(),
            return_submitted: r.return_id.is_some(),
            answers_given: r.started.unwrap_or(0) > 0,
        });
        Invitation {
            id: r.id,
            cycle_id: r.cycle_id,
            organisation_id: r.organisation_id,
            organisation_name: r.organisation_name,
            sector: r.sector,
            duty_status: r.duty_status,
            framework_id: r.framework_id,
            framework_key: r.framework_key,
            return_id: r.return_id,
            return_submitted_at: r.return_submitted_at,
            non_submission_reason: r.non_submission_reason,
            reminders_paused: r.reminders_paused,
            state,
        }
    }
}

fn invitation_select() -> sea_query::SelectStatement {
    // "Started": how many of the assessment's standards have any answer. A correlated
    // count over the small per-standard summaries, never over the responses.
    let started = Query::select()
        .expr(Expr::col((AssessmentSummaries::Table, AssessmentSummaries::Complete)).count())
        .from(AssessmentSummaries::Table)
        .inner_join(
            Assessments::Table,
            Expr::col((Assessments::Table, Assessments::Id))
                .equals((AssessmentSummaries::Table, AssessmentSummaries::AssessmentId)),
        )
        .and_where(
            Expr::col((Assessments::Table, Assessments::OrganisationId))
                .equals((Invitations::Table, Invitations::OrganisationId)),
        )
        .and_where(
            Expr::col((Assessments::Table, Assessments::FrameworkKey))
                .equals((Invitations::Table, Invitations::FrameworkKey)),
        )
        .and_where(Expr::col((AssessmentSummaries::Table, AssessmentSummaries::Status)).ne("not_started"))
        .to_owned();
    Query::select()
        .columns([
            (Invitations::Table, Invitations::Id),
            (Invitations::Table, Invitations::CycleId),
            (Invitations::Table, Invitations::OrganisationId),
            (Invitations::Table, Invitations::FrameworkId),
            (Invitations::Table, Invitations::FrameworkKey),
            (Invitations::Table, Invitations::ReturnId),
            (Invitations::Table, Invitations::NonSubmissionReason),
            (Invitations::Table, Invitations::RemindersPaused),
        ])
        .expr_as(Expr::col((Organisations::Table, Organisations::Name)), "organisation_name")
        .expr_as(Expr::col((Organisations::Table, Organisations::Sector)), "sector")
        .expr_as(Expr::col((Organisations::Table, Organisations::DutyStatus)), "duty_status")
        .expr_as(Expr::SubQuery(None, Box::new(started.into())), "started")
        .expr_as(Expr::col((Returns::Table, Returns::SubmittedAt)), "return_submitted_at")
        .from(Invitations::Table)
        .inner_join(
            Organisations::Table,
            Expr::col((Organisations::Table, Organisations::Id))
                .equals((Invitations::Table, Invitations::OrganisationId)),
        )
        .left_join(
            Returns::Table,
            Expr::col((Returns::Table, Returns::Id)).equals((Invitations::Table, Invitations::ReturnId)),
        )
        .to_owned()
}

/// Every invitation of a cycle, by organisation name. A cycle invites at most the
/// organisations of its area (thousands at national scale), listed on one page.
pub async fn invitations(db: &Db, cycle: i64) -> Result<Vec<Invitation>, sqlx::Error> {
    let rows: Vec<InvitationRecord> = db
        .fetch_all(
            &invitation_select()
                .and_where(Expr::col((Invitations::Table, Invitations::CycleId)).eq(cycle))
                .order_by((Organisations::Table, Organisations::Name), Order::Asc)
                .limit(5000)
                .to_owned(),
        )
        .await?;
    Ok(rows.into_iter().map(Invitation::from).collect())
}

pub async fn invitation(db: &Db, cycle: i64, id: i64) -> Result<Option<Invitation>, sqlx::Error> {
    let row: Option<InvitationRecord> = db
        .fetch_optional(
            &invitation_select()
                .and_where(Expr::col((Invitations::Table, Invitations::CycleId)).eq(cycle))
                .and_where(Expr::col((Invitations::Table, Invitations::Id)).eq(id))
                .to_owned(),
        )
        .await?;
    Ok(row.map(Invitation::from))
}

/// An organisation's invitations, with each cycle, newest first.
pub async fn invitations_of_organisation(
    db: &Db,
    organisation: i64,
) -> Result<Vec<(CycleRow, Invitation)>, sqlx::Error> {
    let rows: Vec<InvitationRecord> = db
        .fetch_all(
            &invitation_select()
                .and_where(Expr::col((Invitations::Table, Invitations::OrganisationId)).eq(organisation))
                .order_by((Invitations::Table, Invitations::Id), Order::Desc)
                .limit(100)
                .to_owned(),
        )
        .await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.cycle_id).collect();
    let cycles: Vec<CycleRow> = if ids.is_empty() {
        Vec::new()
    } else {
        db.fetch_all(&cycle_select().and_where(Expr::col((Cycles::Table, Cycles::Id)).is_in(ids)).to_owned())
            .await?
    };
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let cycle = cycles.iter().find(|c| c.id == r.cycle_id)?.clone();
            Some((cycle, Invitation::from(r)))
        })
        .collect())
}

pub struct NewInvitation {
    pub organisation: i64,
    pub framework_id: i64,
    pub framework_key: String,
}

/// Invites an organisation unless it already is; true when a new invitation was made.
pub async fn invite(tx: &mut Tx, cycle: i64, actor: i64, i: &NewInvitation) -> Result<bool, sqlx::Error> {
    let added = tx
        .execute(
            &Query::insert()
                .into_table(Invitations::Table)
                .columns([
                    Invitations::CycleId,
                    Invitations::OrganisationId,
                    Invitations::FrameworkId,
                    Invitations::FrameworkKey,
                    Invitations::RemindersPaused,
                    Invitations::InvitedBy,
                    Invitations::InvitedAt,
                ])
                .values_panic([
                    cycle.into(),
                    i.organisation.into(),
                    i.framework_id.into(),
                    i.framework_key.as_str().into(),
                    false.into(),
                    actor.into(),
                    OffsetDateTime::now_utc().into(),
                ])
                .on_conflict(
                    sea_query::OnConflict::columns([Invitations::CycleId, Invitations::OrganisationId])
                        .do_nothing()
                        .to_owned(),
                )
                .to_owned(),
        )
        .await?;
    Ok(added == 1)
}

/// Withdraws an invitation that has no return yet; true when one was removed.
pub async fn withdraw(tx: &mut Tx, cycle: i64, id: i64) -> Result<bool, sqlx::Error> {
    let removed = tx
        .execute(
            &Query::delete()
                .from_table(Invitations::Table)
                .and_where(Expr::col(Invitations::CycleId).eq(cycle))
                .and_where(Expr::col(Invitations::Id).eq(id))
                .and_where(Expr::col(Invitations::ReturnId).is_null())
                .to_owned(),
        )
        .await?;
    Ok(removed == 1)
}

pub async fn record_non_submission(
    tx: &mut Tx,
    cycle: i64,
    id: i64,
    actor: i64,
    reason: Option<&str>,
) -> Result<bool, sqlx::Error> {
    let changed = tx
        .execute(
            &Query::update()
                .table(Invitations::Table)
                .value(Invitations::NonSubmissionReason, reason.map(str::to_owned))
                .value(Invitations::NonSubmissionBy, reason.map(|_| actor))
                .value(Invitations::NonSubmissionAt, reason.map(|_| OffsetDateTime::now_utc()))
                .and_where(Expr::col(Invitations::CycleId).eq(cycle))
                .and_where(Expr::col(Invitations::Id).eq(id))
                .and_where(Expr::col(Invitations::ReturnId).is_null())
                .to_owned(),
        )
        .await?;
    Ok(changed == 1)
}

/// Links a just-submitted return to every open invitation of the organisation for that
/// framework, in the submission's transaction, but only in cycles taken part in by a
/// partnership the return was sent to (written just before, in the same
/// transaction): a cycle of partnerships that never received the return does not get
/// it. Returns how many cycles it reached.
pub async fn link_return(
    tx: &mut Tx,
    organisation: i64,
    framework_key: &str,
    return_id: i64,
    today: Date,
) -> Result<u64, sqlx::Error> {
    let open_cycles = Query::select()
        .column(Cycles::Id)
        .from(Cycles::Table)
        .and_where(Expr::col(Cycles::ClosedAt).is_null())
        .and_where(Expr::col(Cycles::OpensOn).lte(today))
        .to_owned();
    let received = Query::select()
        .column((CyclePartnerships::Table, CyclePartnerships::CycleId))
        .from(CyclePartnerships::Table)
        .and_where(taking_part())
        .and_where(
            Expr::col((CyclePartnerships::Table, CyclePartnerships::PartnershipId)).in_subquery(
                Query::select()
                    .column(ReturnPartnerships::PartnershipId)
                    .from(ReturnPartnerships::Table)
                    .and_where(Expr::col(ReturnPartnerships::ReturnId).eq(return_id))
                    .to_owned(),
            ),
        )
        .to_owned();
    tx.execute(
        &Query::update()
            .table(Invitations::Table)
            .value(Invitations::ReturnId, return_id)
            .and_where(Expr::col(Invitations::OrganisationId).eq(organisation))
            .and_where(Expr::col(Invitations::FrameworkKey).eq(framework_key))
            .and_where(Expr::col(Invitations::ReturnId).is_null())
            .and_where(Expr::col(Invitations::NonSubmissionReason).is_null())
            .and_where(Expr::col(Invitations::CycleId).in_subquery(open_cycles))
            .and_where(Expr::col(Invitations::CycleId).in_subquery(received))
            .to_owned(),
    )
    .await
}

/// Closes a cycle: it answers no more submissions and sends no more reminders.
pub async fn close(tx: &mut Tx, cycle: i64, at: OffsetDateTime) -> Result<bool, sqlx::Error> {
    let changed = tx
        .execute(
            &Query::update()
                .table(Cycles::Table)
                .value(Cycles::ClosedAt, at)
                .and_where(Expr::col(Cycles::Id).eq(cycle))
                .and_where(Expr::col(Cycles::ClosedAt).is_null())
                .to_owned(),
        )
        .await?;
    Ok(changed == 1)
}

/// The cycle the same partnership opened before this one, which the dashboard
/// compares with.
pub async fn previous(db: &Db, cycle: &CycleRow) -> Result<Option<CycleRow>, sqlx::Error> {
    db.fetch_optional(
        &cycle_select()
            .and_where(Expr::col((Cycles::Table, Cycles::PartnershipId)).eq(cycle.partnership_id))
            .and_where(Expr::col((Cycles::Table, Cycles::OpensOn)).lt(cycle.opens_on))
            .order_by((Cycles::Table, Cycles::OpensOn), Order::Desc)
            .limit(1)
            .to_owned(),
    )
    .await
}

/// What an admin may correct on a cycle after opening it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CycleDetails {
    pub name: String,
    pub opens_on: Date,
    pub due_on: Date,
    pub updates_due: Vec<Date>,
    /// The local questions it asks (their ids, in order); written by
    /// `super::questions::set`, not by [`update`].
    pub local_questions: Vec<i64>,
}

/// Writes a cycle's corrected name and dates, replacing its action-plan update dates,
/// unless it is closed; true when the cycle was changed.
pub async fn update(tx: &mut Tx, cycle: i64, d: &CycleDetails) -> Result<bool, sqlx::Error> {
    let changed = tx
        .execute(
            &Query::update()
                .table(Cycles::Table)
                .value(Cycles::Name, d.name.as_str())
                .value(Cycles::OpensOn, d.opens_on)
                .value(Cycles::DueOn, d.due_on)
                .and_where(Expr::col(Cycles::Id).eq(cycle))
                .and_where(Expr::col(Cycles::ClosedAt).is_null())
                .to_owned(),
        )
        .await?;
    if changed != 1 {
        return Ok(false);
    }
    tx.execute(
        &Query::delete()
            .from_table(CycleUpdateDates::Table)
            .and_where(Expr::col(CycleUpdateDates::CycleId).eq(cycle))
            .to_owned(),
    )
    .await?;
    for date in &d.updates_due {
        tx.execute(
            &Query::insert()
                .into_table(CycleUpdateDates::Table)
                .columns([CycleUpdateDates::CycleId, CycleUpdateDates::DueOn])
                .values_panic([cycle.into(), (*date).into()])
                .to_owned(),
        )
        .await?;
    }
    Ok(true)
}
