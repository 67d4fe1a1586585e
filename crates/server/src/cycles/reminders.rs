//! What reminders were sent to whom and when, for a cycle's admins, and pausing
//! reminders for one organisation (for example while it is merging).

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use sea_query::{Expr, ExprTrait, Order, Query};
use serde::Deserialize;
use time::OffsetDateTime;

use super::access::{load, refuse_if_closed};
use super::store;
use crate::audit::{self, Change};
use crate::db::schema::{Invitations, Organisations, RemindersLog};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{Ctx, Page};
use crate::web::path::Path;
use osa_core::reminders::Reminder;

#[derive(sqlx::FromRow)]
pub struct SentRow {
    pub organisation_name: String,
    pub key: String,
    pub recipients: String,
    pub sent_at: OffsetDateTime,
}

impl SentRow {
    pub fn label(&self) -> String {
        Reminder::label(&self.key)
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "cycles/reminders.html")]
pub struct RemindersPage {
    page: Page,
    cycle_id: i64,
    cycle_name: String,
    sent: Vec<SentRow>,
    invitations: Vec<store::Invitation>,
    /// False once the cycle is closed: reminders are read, not paused or resumed.
    can_change: bool,
}

pub async fn page(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<RemindersPage, AppError> {
    let loaded = load(&ctx, &state, id, true).await?;
    let sent: Vec<SentRow> = state
        .db
        .fetch_all(
            &Query::select()
                .columns([
                    (RemindersLog::Table, RemindersLog::Key),
                    (RemindersLog::Table, RemindersLog::Recipients),
                    (RemindersLog::Table, RemindersLog::SentAt),
                ])
                .expr_as(Expr::col((Organisations::Table, Organisations::Name)), "organisation_name")
                .from(RemindersLog::Table)
                .inner_join(
                    Organisations::Table,
                    Expr::col((Organisations::Table, Organisations::Id))
                        .equals((RemindersLog::Table, RemindersLog::OrganisationId)),
                )
                // Reminders sent under an invitation since withdrawn stay listed: they
                // were sent.
                .and_where(Expr::col((RemindersLog::Table, RemindersLog::CycleId)).eq(id))
                .order_by((RemindersLog::Table, RemindersLog::Id), Order::Desc)
                .limit(2000)
                .to_owned(),
        )
        .await?;
    let invitations = store::invitations(&state.db, id).await?;
    let can_change = loaded.can_change();
    Ok(RemindersPage {
        page: ctx.page("Reminders"),
        cycle_id: id,
        cycle_name: loaded.cycle.name,
        can_change,
        sent,
        invitations,
    })
}

#[derive(Deserialize)]
pub struct PauseForm {
    #[serde(default)]
    paused: String,
}

pub async fn pause(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, invitation)): Path<(i64, i64)>,
    Form(form): Form<PauseForm>,
) -> Result<Response, AppError> {
    let loaded = load(&ctx, &state, id, true).await?;
    if let Some(refused) = refuse_if_closed(&ctx, &loaded.cycle) {
        return Ok(refused);
    }
    let actor = ctx.user()?.id;
    let paused = form.paused == "yes";
    let Some(found) = store::invitation(&state.db, id, invitation).await? else {
        return Err(AppError::NotFound);
    };
    let mut tx = state.db.begin().await?;
    tx.execute(
        &Query::update()
            .table(Invitations::Table)
            .value(Invitations::RemindersPaused, paused)
            .and_where(Expr::col(Invitations::CycleId).eq(id))
            .and_where(Expr::col(Invitations::Id).eq(invitation))
            .to_owned(),
    )
    .await?;
    audit::record(
        &mut tx,
        Change {
            actor: Some(actor),
            action: if paused { "pause_reminders" } else { "resume_reminders" },
            entity: "invitation",
            entity_id: invitation.to_string(),
            before: Some(serde_json::json!({ "paused": found.reminders_paused })),
            after: Some(serde_json::json!({ "paused": paused })),
        },
    )
    .await?;
    tx.commit().await?;
    let message = if paused {
        format!("Reminders paused for {}", found.organisation_name)
    } else {
        format!("Reminders resumed for {}", found.organisation_name)
    };
    ctx.flash("success", message).await?;
    Ok(Redirect::to(&format!("/cycles/{id}/reminders")).into_response())
}
