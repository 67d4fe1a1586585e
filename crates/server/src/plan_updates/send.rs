//! Sending an action-plan update: the offers on the plan's page, the check page
//! (where it goes and what it holds) and the send itself. Only the organisation's
//! safeguarding lead (and platform admins) send, as only they edit the plan.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use time::{Date, OffsetDateTime};

use super::store::{self, NewUpdate};
use crate::assessments::access;
use crate::assessments::store::AssessmentRow;
use crate::cycles::store::{self as cycle_store, CycleRow, Invitation};
use crate::mail::Email;
use crate::return_copies::store as return_store;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::format::date;
use crate::web::page::{Ctx, Page};
use crate::web::path::Path;
use osa_core::plan_update::{Snapshot, UpdateState, next_to_send, snapshot, state};

/// An update the lead may send now, as the plan's page offers it.
pub struct Offer {
    pub cycle_id: i64,
    pub cycle_name: String,
    pub due: String,
    pub overdue: bool,
}

/// An update already sent, linked from the plan's page.
pub struct SentLink {
    pub id: i64,
    pub cycle_name: String,
    pub due: String,
    pub sent: String,
}

/// One cycle's invitation of the organisation for this assessment's framework,
/// answered by a submitted return, and what it asks next.
struct Target {
    cycle: CycleRow,
    invitation: Invitation,
    return_id: i64,
    submitted_at: Option<OffsetDateTime>,
    sent: Vec<store::PlanUpdateRow>,
    next: Option<Date>,
}

async fn targets(state: &AppState, assessment: &AssessmentRow, today: Date) -> Result<Vec<Target>, AppError> {
    let mut out = Vec::new();
    for (cycle, invitation) in
        cycle_store::invitations_of_organisation(&state.db, assessment.organisation_id).await?
    {
        let Some(return_id) =
            invitation.return_id.filter(|_| invitation.framework_key == assessment.framework_key)
        else {
            continue;
        };
        let submitted_at =
            store::submitted_at(&state.db, &[return_id]).await?.into_iter().find_map(|(_, at)| at);
        let dates = cycle_store::update_dates(&state.db, cycle.id).await?;
        let sent = store::of_invitation(&state.db, invitation.id).await?;
        let answered: Vec<Date> = sent.iter().map(|u| u.due_on).collect();
        let next = next_to_send(&dates, submitted_at.map(|s| s.date()), &answered, today);
        out.push(Target { cycle, invitation, return_id, submitted_at, sent, next });
    }
    Ok(out)
}

/// The updates the plan's page offers to send now, and those already sent.
pub async fn offers(
    state: &AppState,
    assessment: &AssessmentRow,
    today: Date,
) -> Result<(Vec<Offer>, Vec<SentLink>), AppError> {
    let mut offers = Vec::new();
    let mut sent = Vec::new();
    for t in targets(state, assessment, today).await? {
        if let Some(due) = t.next {
            let overdue = state_of(due, t.submitted_at, today) == UpdateState::Overdue;
            offers.push(Offer {
                cycle_id: t.cycle.id,
                cycle_name: t.cycle.name.clone(),
                due: date(due),
                overdue,
            });
        }
        for u in t.sent.into_iter().rev() {
            sent.push(SentLink {
                id: u.id,
                cycle_name: t.cycle.name.clone(),
                due: date(u.due_on),
                sent: crate::web::format::datetime(u.sent_at),
            });
        }
    }
    Ok((offers, sent))
}

fn state_of(due: Date, submitted_at: Option<OffsetDateTime>, today: Date) -> UpdateState {
    state(due, submitted_at.map(|s| s.date()), false, today)
}

/// The target for `cycle` with an update to send now, if there is one.
async fn target(
    state: &AppState,
    assessment: &AssessmentRow,
    cycle: i64,
    today: Date,
) -> Result<Option<(Target, Date)>, AppError> {
    let t = targets(state, assessment, today).await?.into_iter().find(|t| t.cycle.id == cycle);
    Ok(t.and_then(|t| t.next.map(|due| (t, due))))
}

/// Back to the plan when there is nothing to send (already sent, or not yet due).
async fn nothing_to_send(ctx: &Ctx, id: i64) -> Result<Response, AppError> {
    ctx.flash("important", "There is no action-plan update to send for that audit now").await?;
    Ok(Redirect::to(&format!("/assessments/{id}/actions")).into_response())
}

/// The plan frozen as it stands now, with progress since the previous update (or
/// since the return was submitted, for the first).
async fn freeze(
    state: &AppState,
    assessment: i64,
    t: &Target,
    due: Date,
    now: OffsetDateTime,
) -> Result<Snapshot, AppError> {
    let plan = store::plan(&state.db, assessment).await?;
    let since = t.sent.iter().map(|u| u.sent_at).max().or(t.submitted_at);
    Ok(snapshot(&plan, due, since, now.date()))
}

#[derive(Template, WebTemplate)]
#[template(path = "plan_updates/check.html")]
pub struct CheckPage {
    page: Page,
    id: i64,
    cycle_id: i64,
    organisation: String,
    cycle_name: String,
    due: String,
    sent_to: Vec<String>,
    snap: Snapshot,
}

pub async fn check(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, cycle)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let loaded = access::edit(&ctx, &state, id).await?;
    let now = OffsetDateTime::now_utc();
    let Some((t, due)) = target(&state, &loaded.assessment, cycle, now.date()).await? else {
        return nothing_to_send(&ctx, id).await;
    };
    let snap = freeze(&state, id, &t, due, now).await?;
    let sent_to = return_store::sent_to(&state.db, t.return_id).await?.into_iter().map(|(_, n)| n).collect();
    Ok(CheckPage {
        page: ctx.page("Check your action-plan update before you send it"),
        id,
        cycle_id: cycle,
        organisation: loaded.organisation.name.clone(),
        cycle_name: t.cycle.name,
        due: date(due),
        sent_to,
        snap,
    }
    .into_response())
}

pub async fn send(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, cycle)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let loaded = access::edit(&ctx, &state, id).await?;
    let user = ctx.user()?;
    let now = OffsetDateTime::now_utc();
    let Some((t, due)) = target(&state, &loaded.assessment, cycle, now.date()).await? else {
        return nothing_to_send(&ctx, id).await;
    };
    let snap = freeze(&state, id, &t, due, now).await?;
    let sent_to = return_store::sent_to(&state.db, t.return_id).await?;
    let new = NewUpdate {
        invitation: t.invitation.id,
        cycle,
        organisation: loaded.organisation.id,
        assessment: id,
        return_id: t.return_id,
        snapshot: &snap,
        by: user.id,
        at: now,
    };
    let mut tx = state.db.begin().await?;
    let Some(update) = store::insert(&mut tx, &new).await? else {
        drop(tx);
        ctx.flash("important", "This update was sent meanwhile by someone else").await?;
        return Ok(Redirect::to(&format!("/assessments/{id}/actions")).into_response());
    };
    // The partnerships' admins hear of it as they hear of join requests: queued with
    // the update, so they are told only if it stands.
    let base = state.config.public_url.trim_end_matches('/');
    let subject = format!("Action-plan update from {}: {}", loaded.organisation.name, t.cycle.name);
    let body = format!(
        "{} has sent its action-plan update for {} (due {}): {} actions, {} overdue on the day it was sent.\n\n\
         Read it, and comment or challenge it, here:\n{base}/plan-updates/{update}\n",
        loaded.organisation.name,
        t.cycle.name,
        date(due),
        snap.actions.len(),
        snap.overdue(),
    );
    for (partnership, _) in &sent_to {
        for to in crate::organisations::store::admin_emails(&mut tx, *partnership).await? {
            state.mailer.queue(&mut tx, Email { to, subject: subject.clone(), body: body.clone() }).await?;
        }
    }
    tx.commit().await?;
    ctx.flash("success", format!("Action-plan update sent to {} partnership(s)", sent_to.len())).await?;
    Ok(Redirect::to(&format!("/plan-updates/{update}")).into_response())
}
