//! The reminders job: for every invitation of an open cycle, the reminders the rule in
//! `osa_core::reminders` says are due (due soon, overdue, action-plan updates), and a
//! notice to the organisation's leads for each action past its target date. Each is
//! recorded under a unique key in the transaction that queues its email, so two
//! servers running this at once still send each one exactly once.

use std::collections::HashMap;

use sea_query::{Expr, ExprTrait, OnConflict, Query};
use time::{Date, OffsetDateTime};

use crate::web::format::date as long_date;

use crate::cycles::store::{self as cycles, CycleRow, Invitation};
use crate::db::schema::{ActionNotices, Actions, Assessments, Cycles, RemindersLog};
use crate::db::{Db, Tx};
use crate::mail::{Email, Mailer};
use crate::organisations::store as org_queries;
use osa_core::assessment::ActionStatus;
use osa_core::reminders::{InvitationDue, Reminder, action_notice_due, due_reminders};

pub const JOB: &str = "reminders";

pub async fn run(db: &Db, mailer: &Mailer, settings: &super::Settings, today: Date) -> anyhow::Result<()> {
    let public_url = settings.public_url.as_str();
    let open: Vec<CycleRow> = db
        .fetch_all(
            &Query::select()
                .columns([
                    Cycles::Id,
                    Cycles::PartnershipId,
                    Cycles::Name,
                    Cycles::MainFrameworkId,
                    Cycles::OpensOn,
                    Cycles::DueOn,
                    Cycles::ClosedAt,
                ])
                .from(Cycles::Table)
                .and_where(Expr::col(Cycles::ClosedAt).is_null())
                .and_where(Expr::col(Cycles::OpensOn).lte(today))
                .limit(1000)
                .to_owned(),
        )
        .await?;
    for cycle in open {
        // First the early returns that answer the cycle (on its opening day, for a
        // cycle set up ahead): an organisation that has answered is not reminded.
        let mut tx = db.begin().await?;
        crate::cycles::answers::settle(&mut tx, cycle.id, today, settings.early_return_days).await?;
        tx.commit().await?;
        remind_cycle(db, mailer, public_url, &cycle, today).await?;
    }
    notify_overdue_actions(db, mailer, public_url, today).await
}

/// The keys already sent in a cycle, per organisation (whichever invitation they were
/// sent under: one withdrawn and made again counts as one).
async fn sent_keys(db: &Db, cycle: i64) -> Result<HashMap<i64, Vec<String>>, sqlx::Error> {
    let rows: Vec<(i64, String)> = db
        .fetch_all(
            &Query::select()
                .columns([RemindersLog::OrganisationId, RemindersLog::Key])
                .from(RemindersLog::Table)
                .and_where(Expr::col(RemindersLog::CycleId).eq(cycle))
                .to_owned(),
        )
        .await?;
    let mut out: HashMap<i64, Vec<String>> = HashMap::new();
    for (organisation, key) in rows {
        out.entry(organisation).or_default().push(key);
    }
    Ok(out)
}

async fn remind_cycle(
    db: &Db,
    mailer: &Mailer,
    public_url: &str,
    cycle: &CycleRow,
    today: Date,
) -> anyhow::Result<()> {
    let invitations = cycles::invitations(db, cycle.id).await?;
    let updates = cycles::update_dates(db, cycle.id).await?;
    let sent = sent_keys(db, cycle.id).await?;
    let none = Vec::new();
    for invitation in &invitations {
        let due = due_reminders(
            &InvitationDue {
                state: invitation.state,
                paused: invitation.reminders_paused,
                due_on: cycle.due_on,
                updates_due: &updates,
                sent: sent.get(&invitation.organisation_id).unwrap_or(&none),
            },
            today,
        );
        for reminder in due {
            send_once(db, mailer, public_url, cycle, invitation, &reminder).await?;
        }
    }
    Ok(())
}

fn message(
    cycle: &CycleRow,
    invitation: &Invitation,
    reminder: &Reminder,
    public_url: &str,
) -> (String, String) {
    let link = format!("{public_url}/organisations/{}/assessments", invitation.organisation_id);
    match reminder {
        Reminder::DueSoon => (
            format!("Return due on {}: {}", long_date(cycle.due_on), cycle.name),
            format!(
                "{} is asked for its safeguarding self-assessment return for {} by {}. It is not submitted yet.\n\nYour answers are saved as you go; once every required answer is given, your senior sign-off signs it off and you submit it.\n\n{link}\n",
                invitation.organisation_name,
                cycle.name,
                long_date(cycle.due_on)
            ),
        ),
        Reminder::Overdue => (
            format!("Return overdue: {}", cycle.name),
            format!(
                "The return of {} for {} was due on {} and is not submitted yet. If you cannot submit it, tell the partnership so they can record why.\n\n{link}\n",
                invitation.organisation_name,
                cycle.name,
                long_date(cycle.due_on)
            ),
        ),
        Reminder::DueDateExtended(date) => (
            format!("More time for your return: {}", cycle.name),
            format!(
                "The due date of {} has been moved to {}. The return of {} is not submitted yet: you now have until {} to finish it, have it signed off and submit it.\n\n{link}\n",
                cycle.name,
                long_date(*date),
                invitation.organisation_name,
                long_date(*date)
            ),
        ),
        Reminder::ActionPlanUpdate(date) => (
            format!("Please update your action plan: {}", cycle.name),
            format!(
                "As part of {}, {} is asked to bring its safeguarding action plan up to date by {}: the status of each action and a dated note of progress.\n\n{link}\n",
                cycle.name,
                invitation.organisation_name,
                long_date(*date)
            ),
        ),
    }
}

/// Records the reminder and queues its email in one transaction; if another server
/// recorded it first, the insert does nothing and nothing is sent.
async fn send_once(
    db: &Db,
    mailer: &Mailer,
    public_url: &str,
    cycle: &CycleRow,
    invitation: &Invitation,
    reminder: &Reminder,
) -> anyhow::Result<()> {
    let mut tx = db.begin().await?;
    send_in(&mut tx, mailer, public_url, cycle, invitation, reminder).await?;
    tx.commit().await?;
    Ok(())
}

/// Records `reminder` for the invitation's organisation in the cycle and queues its
/// email to the organisation's leads, in the caller's transaction; true when this call
/// recorded it. Once recorded (by anyone, at any time), the same key sends nothing.
pub async fn send_in(
    tx: &mut Tx,
    mailer: &Mailer,
    public_url: &str,
    cycle: &CycleRow,
    invitation: &Invitation,
    reminder: &Reminder,
) -> Result<bool, sqlx::Error> {
    let recipients = org_queries::lead_emails(tx, invitation.organisation_id).await?;
    let recorded = tx
        .execute(
            &Query::insert()
                .into_table(RemindersLog::Table)
                .columns([
                    RemindersLog::CycleId,
                    RemindersLog::OrganisationId,
                    RemindersLog::Key,
                    RemindersLog::Recipients,
                    RemindersLog::SentAt,
                ])
                .values_panic([
                    cycle.id.into(),
                    invitation.organisation_id.into(),
                    reminder.key().into(),
                    recipients.join(", ").into(),
                    OffsetDateTime::now_utc().into(),
                ])
                .on_conflict(
                    OnConflict::columns([
                        RemindersLog::CycleId,
                        RemindersLog::OrganisationId,
                        RemindersLog::Key,
                    ])
                    .do_nothing()
                    .to_owned(),
                )
                .to_owned(),
        )
        .await?;
    if recorded == 1 {
        let (subject, body) = message(cycle, invitation, reminder, public_url);
        for to in recipients {
            mailer.queue(tx, Email { to, subject: subject.clone(), body: body.clone() }).await?;
        }
    }
    Ok(recorded == 1)
}

#[derive(sqlx::FromRow)]
struct OverdueAction {
    id: i64,
    what: String,
    target_date: Option<Date>,
    status: String,
    organisation_id: i64,
    assessment_id: i64,
}

/// Tells the leads of each organisation about actions past their target date, once.
async fn notify_overdue_actions(
    db: &Db,
    mailer: &Mailer,
    public_url: &str,
    today: Date,
) -> anyhow::Result<()> {
    let told = Query::select().column(ActionNotices::ActionId).from(ActionNotices::Table).to_owned();
    let candidates: Vec<OverdueAction> = db
        .fetch_all(
            &Query::select()
                .columns([
                    (Actions::Table, Actions::Id),
                    (Actions::Table, Actions::What),
                    (Actions::Table, Actions::TargetDate),
                    (Actions::Table, Actions::Status),
                    (Actions::Table, Actions::AssessmentId),
                ])
                .expr_as(Expr::col((Assessments::Table, Assessments::OrganisationId)), "organisation_id")
                .from(Actions::Table)
                .inner_join(
                    Assessments::Table,
                    Expr::col((Assessments::Table, Assessments::Id))
                        .equals((Actions::Table, Actions::AssessmentId)),
                )
                .and_where(Expr::col((Actions::Table, Actions::TargetDate)).lt(today))
                .and_where(Expr::col((Actions::Table, Actions::Status)).ne(ActionStatus::Completed.code()))
                .and_where(Expr::col((Actions::Table, Actions::Id)).not_in_subquery(told))
                .limit(500)
                .to_owned(),
        )
        .await?;
    for action in candidates {
        let completed = action.status == ActionStatus::Completed.code();
        if !action_notice_due(action.target_date, completed, today, false) {
            continue;
        }
        let mut tx = db.begin().await?;
        let recorded = tx
            .execute(
                &Query::insert()
                    .into_table(ActionNotices::Table)
                    .columns([ActionNotices::ActionId, ActionNotices::SentAt])
                    .values_panic([action.id.into(), OffsetDateTime::now_utc().into()])
                    .on_conflict(OnConflict::column(ActionNotices::ActionId).do_nothing().to_owned())
                    .to_owned(),
            )
            .await?;
        if recorded == 1 {
            let target = action.target_date.map(long_date).unwrap_or_default();
            let body = format!(
                "This action in your safeguarding action plan was due by {target} and is not marked completed:\n\n{}\n\nUpdate its status or add a note of progress:\n{}/assessments/{}/actions/{}\n",
                action.what, public_url, action.assessment_id, action.id
            );
            for to in org_queries::lead_emails(&mut tx, action.organisation_id).await? {
                mailer
                    .queue(
                        &mut tx,
                        Email { to, subject: "An action is past its target date".into(), body: body.clone() },
                    )
                    .await?;
            }
        }
        tx.commit().await?;
    }
    Ok(())
}
