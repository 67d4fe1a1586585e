//! Inviting organisations to a cycle: choose them by duty status and sector, adjust
//! the list one by one, and send. Each invited organisation's safeguarding leads are
//! emailed. An invitation can be withdrawn until a return arrives, and an admin can
//! record, with a reason, that an organisation will not submit.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use serde::Deserialize;

use super::access::{load, refuse_if_closed};
use super::store::{self, Invitation, NewInvitation};
use crate::audit::{self, Change};
use crate::frameworks::store as framework_store;
use crate::mail::Email;
use crate::organisations::store as org_queries;
use crate::partnerships::store::{self as partnership_queries, AreaOrganisation};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::forms::Errors;
use crate::web::page::{Ctx, Page};
use crate::web::path::Path;
use osa_core::cycle::{FrameworkChoice, InviteFilter};
use osa_core::tenancy::{DutyStatus, Sector};

#[derive(Debug, Default, Deserialize)]
pub struct FilterQuery {
    #[serde(default)]
    duty: Vec<String>,
    #[serde(default)]
    sector: Vec<String>,
}

pub struct Candidate {
    pub org: AreaOrganisation,
    pub suggested: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "cycles/invite.html")]
pub struct InvitePage {
    page: Page,
    cycle_id: i64,
    cycle_name: String,
    duties: Vec<(&'static str, &'static str)>,
    sectors: Vec<(&'static str, &'static str)>,
    chosen_duties: Vec<String>,
    chosen_sectors: Vec<String>,
    candidates: Vec<Candidate>,
    already: usize,
}

/// Organisations serving any partnership of the cycle, each once, by name.
async fn area_organisations(
    state: &AppState,
    partnerships: &[(i64, String)],
) -> Result<Vec<AreaOrganisation>, AppError> {
    let mut all: Vec<AreaOrganisation> = Vec::new();
    for (p, _) in partnerships {
        for o in partnership_queries::organisations_in_area(&state.db, *p, 5000, 0).await? {
            if !all.iter().any(|a| a.id == o.id) {
                all.push(o);
            }
        }
    }
    all.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
    Ok(all)
}

fn filter_of(q: &FilterQuery) -> InviteFilter {
    InviteFilter {
        duties: q.duty.iter().filter_map(|d| DutyStatus::from_code(d)).collect(),
        sectors: q.sector.iter().filter_map(|s| Sector::from_code(s)).collect(),
    }
}

pub async fn invite_form(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    axum_extra::extract::Query(q): axum_extra::extract::Query<FilterQuery>,
) -> Result<Response, AppError> {
    let loaded = load(&ctx, &state, id, true).await?;
    if let Some(refused) = refuse_if_closed(&ctx, &loaded.cycle) {
        return Ok(refused);
    }
    let invited: Vec<i64> =
        store::invitations(&state.db, id).await?.iter().map(|i| i.organisation_id).collect();
    let filter = filter_of(&q);
    let candidates: Vec<Candidate> = area_organisations(&state, &loaded.partnerships)
        .await?
        .into_iter()
        .filter(|o| !invited.contains(&o.id))
        .map(|org| {
            let sector = org.sector;
            let duty = org.duty_status;
            Candidate { suggested: filter.matches(sector, duty), org }
        })
        .collect();
    Ok(InvitePage {
        page: ctx.page("Invite organisations"),
        cycle_id: id,
        cycle_name: loaded.cycle.name,
        duties: DutyStatus::ALL.iter().map(|d| (d.code(), d.label())).collect(),
        sectors: Sector::ALL.iter().map(|s| (s.code(), s.label())).collect(),
        chosen_duties: q.duty,
        chosen_sectors: q.sector,
        candidates,
        already: invited.len(),
    }
    .into_response())
}

pub async fn invite(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(posted): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let loaded = load(&ctx, &state, id, true).await?;
    if let Some(refused) = refuse_if_closed(&ctx, &loaded.cycle) {
        return Ok(refused);
    }
    let actor = ctx.user()?.id;
    let chosen: Vec<i64> =
        posted.iter().filter(|(k, _)| k == "organisation").filter_map(|(_, v)| v.parse().ok()).collect();
    if chosen.is_empty() {
        ctx.flash("important", "Select at least one organisation to invite").await?;
        return Ok(Redirect::to(&format!("/cycles/{id}/invite")).into_response());
    }
    // Only organisations of the cycle's area can be invited, whatever is posted.
    let area = area_organisations(&state, &loaded.partnerships).await?;
    let choice = FrameworkChoice {
        main: loaded.cycle.main_framework_id,
        by_sector: store::sector_frameworks(&state.db, id).await?,
    };
    let mut keys = std::collections::HashMap::new();
    let mut tx = state.db.begin().await?;
    let mut added = 0;
    for org in area.iter().filter(|o| chosen.contains(&o.id)) {
        let framework_id = choice.for_sector(org.sector);
        if let std::collections::hash_map::Entry::Vacant(slot) = keys.entry(framework_id) {
            let summary =
                framework_store::summary(&state.db, framework_id).await?.ok_or(AppError::NotFound)?;
            slot.insert(summary);
        }
        let framework = &keys[&framework_id];
        let new = NewInvitation { organisation: org.id, framework_id, framework_key: framework.key.clone() };
        if !store::invite(&mut tx, id, actor, &new).await? {
            continue;
        }
        added += 1;
        let body = format!(
            "{} asks {} for its safeguarding self-assessment return ({}) by {}.\n\n\
             You keep one self-assessment, shared with every partnership you serve: start it or carry on, then your senior sign-off signs it off and you submit it.\n\n\
             {}/organisations/{}/assessments\n",
            loaded.partnerships.iter().map(|(_, n)| n.as_str()).collect::<Vec<_>>().join(" and "),
            org.name,
            framework.name,
            crate::web::format::date(loaded.cycle.due_on),
            state.config.public_url,
            org.id
        );
        for to in org_queries::lead_emails(&mut tx, org.id).await? {
            state
                .mailer
                .queue(
                    &mut tx,
                    Email {
                        to,
                        subject: format!("Return requested: {}", loaded.cycle.name),
                        body: body.clone(),
                    },
                )
                .await?;
        }
    }
    audit::record(
        &mut tx,
        Change {
            actor: Some(actor),
            action: "invite",
            entity: "cycle",
            entity_id: id.to_string(),
            before: None,
            after: Some(serde_json::json!({ "organisations": chosen, "added": added })),
        },
    )
    .await?;
    // A newly invited organisation may already have answered with an early return.
    super::answers::settle(&mut tx, id, super::pages::today(), state.config.early_return_days).await?;
    tx.commit().await?;
    ctx.flash(
        "success",
        if added == 1 {
            "1 organisation invited. Its safeguarding lead has been emailed.".to_owned()
        } else {
            format!("{added} organisations invited. Their safeguarding leads have been emailed.")
        },
    )
    .await?;
    Ok(Redirect::to(&format!("/cycles/{id}")).into_response())
}

async fn find(state: &AppState, cycle: i64, invitation: i64) -> Result<Invitation, AppError> {
    store::invitation(&state.db, cycle, invitation).await?.ok_or(AppError::NotFound)
}

#[derive(Template, WebTemplate)]
#[template(path = "cycles/withdraw.html")]
pub struct WithdrawPage {
    page: Page,
    cycle_id: i64,
    cycle_name: String,
    invitation: Invitation,
}

/// Asks before withdrawing, as GOV.UK services do before anything that cannot be
/// simply undone.
pub async fn withdraw_form(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, invitation)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let loaded = load(&ctx, &state, id, true).await?;
    if let Some(refused) = refuse_if_closed(&ctx, &loaded.cycle) {
        return Ok(refused);
    }
    let invitation = find(&state, id, invitation).await?;
    if invitation.return_id.is_some() {
        ctx.flash("important", "A submitted return cannot be withdrawn from the cycle").await?;
        return Ok(Redirect::to(&format!("/cycles/{id}")).into_response());
    }
    let page = ctx.page(format!("Withdraw the invitation to {}", invitation.organisation_name));
    Ok(WithdrawPage { page, cycle_id: id, cycle_name: loaded.cycle.name, invitation }.into_response())
}

pub async fn withdraw(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, invitation)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let loaded = load(&ctx, &state, id, true).await?;
    if let Some(refused) = refuse_if_closed(&ctx, &loaded.cycle) {
        return Ok(refused);
    }
    let actor = ctx.user()?.id;
    let Some(found) = store::invitation(&state.db, id, invitation).await? else {
        // Pressed twice, or by two admins at once: the outcome is the one asked for.
        ctx.flash("success", "That invitation has been withdrawn").await?;
        return Ok(Redirect::to(&format!("/cycles/{id}")).into_response());
    };
    let mut tx = state.db.begin().await?;
    if store::withdraw(&mut tx, id, invitation).await? {
        audit::record(
            &mut tx,
            Change {
                actor: Some(actor),
                action: "withdraw_invitation",
                entity: "cycle",
                entity_id: id.to_string(),
                before: Some(serde_json::json!({ "organisation": found.organisation_id })),
                after: None,
            },
        )
        .await?;
        tx.commit().await?;
        ctx.flash("success", format!("{} is no longer invited", found.organisation_name)).await?;
    } else {
        ctx.flash("important", "A submitted return cannot be withdrawn from the cycle").await?;
    }
    Ok(Redirect::to(&format!("/cycles/{id}")).into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "cycles/non_submission.html")]
pub struct NonSubmissionPage {
    page: Page,
    cycle_id: i64,
    invitation: Invitation,
    reason: String,
    errors: Errors,
}

pub async fn non_submission_form(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, invitation)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let loaded = load(&ctx, &state, id, true).await?;
    if let Some(refused) = refuse_if_closed(&ctx, &loaded.cycle) {
        return Ok(refused);
    }
    let invitation = find(&state, id, invitation).await?;
    let reason = invitation.non_submission_reason.clone().unwrap_or_default();
    Ok(NonSubmissionPage {
        page: ctx.page("Record a non-submission"),
        cycle_id: id,
        invitation,
        reason,
        errors: Errors::default(),
    }
    .into_response())
}

#[derive(Deserialize)]
pub struct NonSubmissionForm {
    #[serde(default)]
    reason: String,
    #[serde(default)]
    clear: Option<String>,
}

pub async fn non_submission(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, invitation_id)): Path<(i64, i64)>,
    Form(form): Form<NonSubmissionForm>,
) -> Result<Response, AppError> {
    let loaded = load(&ctx, &state, id, true).await?;
    if let Some(refused) = refuse_if_closed(&ctx, &loaded.cycle) {
        return Ok(refused);
    }
    let actor = ctx.user()?.id;
    let invitation = find(&state, id, invitation_id).await?;
    let reason = form.reason.trim().to_owned();
    let clearing = form.clear.is_some();
    let mut errors = Errors::default();
    if !clearing && reason.is_empty() {
        errors.add("reason", "Enter why this organisation will not submit a return");
    } else if reason.chars().count() > 2000 {
        errors.add("reason", "The reason must be 2,000 characters or fewer");
    }
    if !errors.is_empty() {
        let page = NonSubmissionPage {
            page: ctx.page("Record a non-submission"),
            cycle_id: id,
            invitation,
            reason,
            errors,
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let mut tx = state.db.begin().await?;
    let recorded = (!clearing).then_some(reason.as_str());
    if !store::record_non_submission(&mut tx, id, invitation_id, actor, recorded).await? {
        ctx.flash(
            "important",
            "This organisation has submitted its return, so a non-submission cannot be recorded",
        )
        .await?;
        return Ok(Redirect::to(&format!("/cycles/{id}")).into_response());
    }
    audit::record(
        &mut tx,
        Change {
            actor: Some(actor),
            action: if clearing { "clear_non_submission" } else { "record_non_submission" },
            entity: "invitation",
            entity_id: invitation_id.to_string(),
            before: invitation.non_submission_reason.map(serde_json::Value::from),
            after: recorded.map(serde_json::Value::from),
        },
    )
    .await?;
    tx.commit().await?;
    let message = if clearing {
        format!("{} is asked for a return again", invitation.organisation_name)
    } else {
        format!("Non-submission recorded for {}", invitation.organisation_name)
    };
    ctx.flash("success", message).await?;
    Ok(Redirect::to(&format!("/cycles/{id}")).into_response())
}
