//! A neighbour's answer to running a cycle together: a partnership named as a
//! neighbour when another opens a cycle is only asked. Its admins see what they are
//! asked to join at `/partnerships/{id}/cycle-invitations` and accept or decline;
//! until one accepts, the partnership takes no part (its staff do not see the cycle
//! and its organisations cannot be invited). Declining is final for that cycle.
//! Both answers are audited.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::response::Redirect;

use super::store::{self, Asked};
use crate::audit::{self, Change};
use crate::partnerships::queries as partnership_queries;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{Ctx, Page};
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
) -> Result<Redirect, AppError> {
    answer(ctx, state, id, cycle, true).await
}

pub async fn decline(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, cycle)): Path<(i64, i64)>,
) -> Result<Redirect, AppError> {
    answer(ctx, state, id, cycle, false).await
}

async fn answer(ctx: Ctx, state: AppState, id: i64, cycle: i64, accept: bool) -> Result<Redirect, AppError> {
    let actor = ctx.require(Action::ManagePartnership { partnership: id })?.id;
    let back = Redirect::to(&format!("/partnerships/{id}/cycle-invitations"));
    let Some(asked) = store::waiting_for(&state.db, id).await?.into_iter().find(|a| a.cycle.id == cycle)
    else {
        // Answered already (pressed twice, or by another admin), or never asked: the
        // list shows what is still waiting.
        ctx.flash("important", "That invitation has already been answered").await?;
        return Ok(back);
    };
    let mut tx = state.db.begin().await?;
    if !store::answer_join(&mut tx, cycle, id, actor, accept).await? {
        ctx.flash("important", "That invitation has already been answered").await?;
        return Ok(back);
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
    tx.commit().await?;
    if accept {
        ctx.flash(
            "success",
            format!("{} now runs {} with {}", asked.partnership_name, asked.cycle.name, asked.opener_name),
        )
        .await?;
        Ok(Redirect::to(&format!("/cycles/{cycle}")))
    } else {
        ctx.flash("success", format!("You declined to run {} with {}", asked.cycle.name, asked.opener_name))
            .await?;
        Ok(back)
    }
}
