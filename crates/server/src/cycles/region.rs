//! A neighbour's answer to running a cycle together: a partnership named as a
//! neighbour when another opens a cycle is only asked. Its admins see what they are
//! asked to join at `/partnerships/{id}/cycle-invitations` and accept or decline;
//! until one accepts, the partnership takes no part (its staff do not see the cycle
//! and its organisations cannot be invited). A decline stands until the cycle's
//! admins ask again (`ask`, which also asks a new neighbour after opening). Asking
//! and both answers are audited.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use serde::Deserialize;

use super::access::{load, refuse_if_closed};
use super::store::{self, Asked};
use crate::audit::{self, Change};
use crate::partnerships::store as partnership_queries;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{Ctx, Page};
use crate::web::path::Path;
use osa_core::access::Action;

#[derive(Template, WebTemplate)]
#[template(path = "cycles/region.html")]
pub struct ListPage {
    page: Page,
    partnership: partnership_queries::Partnership,
    waiting: Vec<Asked>,
}

/// GET: the cycles this partnership is asked to join and has not answered.
pub async fn list(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<ListPage, AppError> {
    ctx.require(Action::ManagePartnership { partnership: id })?;
    let partnership = partnership_queries::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let waiting = store::waiting_for(&state.db, id).await?;
    Ok(ListPage { page: ctx.page("Invitations to run a cycle together"), partnership, waiting })
}

pub async fn accept(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, cycle)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    answer(ctx, state, id, cycle, true).await
}

pub async fn decline(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, cycle)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    answer(ctx, state, id, cycle, false).await
}

async fn answer(ctx: Ctx, state: AppState, id: i64, cycle: i64, accept: bool) -> Result<Response, AppError> {
    let actor = ctx.require(Action::ManagePartnership { partnership: id })?.id;
    let back = || Redirect::to(&format!("/partnerships/{id}/cycle-invitations")).into_response();
    let Some(asked) = store::waiting_for(&state.db, id).await?.into_iter().find(|a| a.cycle.id == cycle)
    else {
        // Answered already (pressed twice, or by another admin), or never asked: the
        // list shows what is still waiting.
        ctx.flash("important", "That invitation has already been answered").await?;
        return Ok(back());
    };
    // Joining a closed cycle changes it; declining leaves it as it is.
    if accept && let Some(refused) = refuse_if_closed(&ctx, &asked.cycle) {
        return Ok(refused);
    }
    let mut tx = state.db.begin().await?;
    if !store::answer_join(&mut tx, cycle, id, actor, accept).await? {
        ctx.flash("important", "That invitation has already been answered").await?;
        return Ok(back());
    }
    audit::record(
        &mut tx,
        Change {
            actor: Some(actor),
            action: if accept { "accept_cycle_invitation" } else { "decline_cycle_invitation" },
            entity: "cycle",
            entity_id: cycle.to_string(),
            before: Some(serde_json::json!({ "partnership": id, "answer": "waiting" })),
            after: Some(serde_json::json!({
                "partnership": id,
                "answer": if accept { "accepted" } else { "declined" },
            })),
        },
    )
    .await?;
    if accept {
        // Returns sent to the partnership that joined may answer the cycle now.
        super::answers::settle(&mut tx, cycle, super::pages::today(), state.config.early_return_days).await?;
    }
    tx.commit().await?;
    if accept {
        ctx.flash(
            "success",
            format!("{} now runs {} with {}", asked.partnership_name, asked.cycle.name, asked.opener_name),
        )
        .await?;
        Ok(Redirect::to(&format!("/cycles/{cycle}")).into_response())
    } else {
        ctx.flash("success", format!("You declined to run {} with {}", asked.cycle.name, asked.opener_name))
            .await?;
        Ok(back())
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct AskForm {
    #[serde(default)]
    partnership: String,
}

/// Emails a partnership's admins that it is asked to run `cycle_name` with `opener`.
pub async fn tell_admins(
    tx: &mut crate::db::Tx,
    state: &AppState,
    partnership: i64,
    opener: &str,
    cycle_name: &str,
) -> Result<(), AppError> {
    let body = format!(
        "{opener} asks your partnership to run the audit cycle {cycle_name} with it, as a region.\n\n\
         Until one of your admins accepts, your partnership is not part of the cycle and the organisations of your area cannot be invited to it. Accept or decline here:\n\n\
         {}/partnerships/{partnership}/cycle-invitations\n",
        state.config.public_url
    );
    for to in crate::organisations::store::admin_emails(tx, partnership).await? {
        let subject = format!("Run an audit cycle together: {cycle_name}");
        state.mailer.queue(tx, crate::mail::Email { to, subject, body: body.clone() }).await?;
    }
    Ok(())
}

/// POST `/cycles/{id}/neighbours`: the cycle's admins ask another partnership to join
/// (again, if it declined). It takes part only once one of its admins accepts.
pub async fn ask(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(form): Form<AskForm>,
) -> Result<Response, AppError> {
    let loaded = load(&ctx, &state, id, true).await?;
    if let Some(refused) = refuse_if_closed(&ctx, &loaded.cycle) {
        return Ok(refused);
    }
    let actor = ctx.user()?.id;
    let back = || Redirect::to(&format!("/cycles/{id}")).into_response();
    let all = partnership_queries::all(&state.db).await?;
    let Some(asked) = all.iter().find(|p| p.id.to_string() == form.partnership) else {
        ctx.flash("important", "Select the partnership to ask").await?;
        return Ok(back());
    };
    let opener =
        all.iter().find(|p| p.id == loaded.cycle.partnership_id).map(|p| p.name.as_str()).unwrap_or("");
    let mut tx = state.db.begin().await?;
    if !store::ask_to_join(&mut tx, id, asked.id, actor).await? {
        ctx.flash("important", format!("{} already runs this cycle or has been asked", asked.name)).await?;
        return Ok(back());
    }
    tell_admins(&mut tx, &state, asked.id, opener, &loaded.cycle.name).await?;
    audit::record(
        &mut tx,
        Change {
            actor: Some(actor),
            action: "ask_to_join_cycle",
            entity: "cycle",
            entity_id: id.to_string(),
            before: None,
            after: Some(serde_json::json!({ "partnership": asked.id })),
        },
    )
    .await?;
    tx.commit().await?;
    ctx.flash("success", format!("{} is asked to join. Its admins have been emailed.", asked.name)).await?;
    Ok(back())
}
