//! Rounds: after a return is submitted, the safeguarding lead starts the next round
//! from it. Answers are carried forward (the rule is `osa_core::assessment::carry_forward`)
//! and each is marked "to confirm" until someone confirms it or changes it; sign-off
//! waits until none is left.

use std::collections::HashSet;

use axum::extract::State;
use axum::response::Redirect;
use sea_query::{Expr, ExprTrait, Order, Query};
use serde_json::json;
use time::OffsetDateTime;

use super::access;
use super::store;
use crate::audit::{self, Change};
use crate::db::schema::{Returns, Rounds, ToConfirm};
use crate::db::{Db, Tx};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::Ctx;
use crate::web::path::Path;
use osa_core::assessment::{ReturnState, carry_forward, may_start_round};

/// The criteria of an assessment whose carried-forward answers wait to be confirmed.
pub async fn to_confirm(db: &Db, assessment: i64) -> Result<HashSet<String>, sqlx::Error> {
    let rows: Vec<(String,)> = db
        .fetch_all(
            &Query::select()
                .column(ToConfirm::CriterionCode)
                .from(ToConfirm::Table)
                .and_where(Expr::col(ToConfirm::AssessmentId).eq(assessment))
                .to_owned(),
        )
        .await?;
    Ok(rows.into_iter().map(|(code,)| code).collect())
}

/// Takes the "to confirm" mark off these criteria (confirmed as they stand, or changed).
pub async fn settle(tx: &mut Tx, assessment: i64, codes: &[String]) -> Result<(), sqlx::Error> {
    if codes.is_empty() {
        return Ok(());
    }
    tx.execute(
        &Query::delete()
            .from_table(ToConfirm::Table)
            .and_where(Expr::col(ToConfirm::AssessmentId).eq(assessment))
            .and_where(Expr::col(ToConfirm::CriterionCode).is_in(codes.iter().map(String::as_str)))
            .to_owned(),
    )
    .await?;
    Ok(())
}

/// The newest submitted return (id, snapshot) and the return the last round came from.
pub async fn round_basis(
    db: &Db,
    assessment: i64,
) -> Result<(Option<(i64, String)>, Option<i64>), sqlx::Error> {
    let latest: Option<(i64, String)> = db
        .fetch_optional(
            &Query::select()
                .columns([Returns::Id, Returns::Snapshot])
                .from(Returns::Table)
                .and_where(Expr::col(Returns::AssessmentId).eq(assessment))
                .and_where(Expr::col(Returns::State).eq(ReturnState::Submitted.code()))
                .order_by(Returns::Id, Order::Desc)
                .limit(1)
                .to_owned(),
        )
        .await?;
    let last_round: Option<(i64,)> = db
        .fetch_optional(
            &Query::select()
                .column(Rounds::FromReturnId)
                .from(Rounds::Table)
                .and_where(Expr::col(Rounds::AssessmentId).eq(assessment))
                .order_by(Rounds::Id, Order::Desc)
                .limit(1)
                .to_owned(),
        )
        .await?;
    Ok((latest, last_round.map(|(id,)| id)))
}

/// Whether the lead may start a new round now.
pub async fn may_start(db: &Db, assessment: i64) -> Result<bool, sqlx::Error> {
    let (latest, last_round) = round_basis(db, assessment).await?;
    Ok(may_start_round(latest.map(|(id, _)| id), last_round))
}

/// POST: starts a new round from the latest submitted return.
pub async fn start(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Redirect, AppError> {
    let loaded = access::edit(&ctx, &state, id).await?;
    let actor = loaded.actor();
    let back = Redirect::to(&format!("/assessments/{id}"));
    let (latest, last_round) = round_basis(&state.db, id).await?;
    let Some((return_id, snapshot)) = latest.filter(|(rid, _)| may_start_round(Some(*rid), last_round))
    else {
        ctx.flash(
            "important",
            "A new round starts from a submitted return: submit this round's return first",
        )
        .await?;
        return Ok(back);
    };
    // A damaged snapshot is an error: reading it as "no answers" would start an empty round.
    let returned =
        osa_core::report::parse_snapshot(&snapshot).map_err(|e| AppError::Internal(e.into()))?.answers;
    let living = store::answers(&state.db, id).await?;
    let living_answers = living.iter().map(|(k, v)| (k.clone(), v.answer.clone())).collect();
    let framework = &loaded.framework.framework;
    let plan = carry_forward(framework, &returned, &living_answers);

    let now = OffsetDateTime::now_utc();
    let mut tx = state.db.begin().await?;
    let inserted = tx
        .execute(
            &Query::insert()
                .into_table(Rounds::Table)
                .columns([Rounds::AssessmentId, Rounds::FromReturnId, Rounds::StartedBy, Rounds::StartedAt])
                .values_panic([id.into(), return_id.into(), actor.into(), now.into()])
                .on_conflict(
                    sea_query::OnConflict::columns([Rounds::AssessmentId, Rounds::FromReturnId])
                        .do_nothing()
                        .to_owned(),
                )
                .to_owned(),
        )
        .await?;
    if inserted == 0 {
        // Someone else started this round a moment ago; theirs stands.
        ctx.flash("important", "A new round has already been started").await?;
        return Ok(back);
    }
    let (round_id,): (i64,) = tx
        .fetch_one(
            &Query::select()
                .column(Rounds::Id)
                .from(Rounds::Table)
                .and_where(Expr::col(Rounds::AssessmentId).eq(id))
                .and_where(Expr::col(Rounds::FromReturnId).eq(return_id))
                .to_owned(),
        )
        .await?;
    for (code, answer) in &plan.restore {
        // An answer someone saves meanwhile wins over the restored one (nothing written).
        store::write_with_history(&mut tx, loaded.permit(), code, answer, living.get(code), now).await?;
    }
    if !plan.restore.is_empty() {
        store::refresh_all(&mut tx, loaded.permit()).await?;
    }
    tx.execute(
        &Query::delete()
            .from_table(ToConfirm::Table)
            .and_where(Expr::col(ToConfirm::AssessmentId).eq(id))
            .to_owned(),
    )
    .await?;
    for code in &plan.to_confirm {
        tx.execute(
            &Query::insert()
                .into_table(ToConfirm::Table)
                .columns([ToConfirm::AssessmentId, ToConfirm::CriterionCode, ToConfirm::RoundId])
                .values_panic([id.into(), code.as_str().into(), round_id.into()])
                .to_owned(),
        )
        .await?;
    }
    audit::record(
        &mut tx,
        Change {
            actor: Some(actor),
            action: "start_round",
            entity: "assessment",
            entity_id: id.to_string(),
            before: None,
            after: Some(json!({ "from_return": return_id, "to_confirm": plan.to_confirm.len() })),
        },
    )
    .await?;
    tx.commit().await?;
    ctx.flash(
        "success",
        format!(
            "A new round has started. {} carried forward from your last return: confirm or change each one before sign-off.",
            match plan.to_confirm.len() {
                1 => "1 answer was".to_owned(),
                n => format!("{n} answers were"),
            }
        ),
    )
    .await?;
    Ok(back)
}
