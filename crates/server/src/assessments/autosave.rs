//! Autosave: with JavaScript, each criterion is saved a moment after the person stops
//! typing. The browser posts one criterion's fields (with the version it was based on)
//! and gets JSON back: saved (with the new version, so the next save builds on it),
//! unchanged, invalid (with the messages), or conflict (409) when someone else saved
//! first. Nothing is overwritten: on a conflict the page's own save button shows both
//! versions. Without JavaScript none of this runs and the save button does it all.

use std::collections::HashMap;

use axum::Form;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::access;
use super::form::Fields;
use super::standard::applicable;
use super::store::{self, Change, SaveOutcome};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::Ctx;
use crate::web::path::Path;

fn reply(status: StatusCode, body: serde_json::Value) -> Response {
    (status, Json(body)).into_response()
}

pub async fn save(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, code)): Path<(i64, String)>,
    Form(posted): Form<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let loaded = access::read(&ctx, &state, id).await?;
    let editor = access::edit_standard(&ctx, &state, &loaded, &code).await?;
    let criterion_code = posted.get("criterion").cloned().unwrap_or_default();
    let Some(criterion) =
        applicable(editor.standard, loaded.profile).into_iter().find(|c| c.code == criterion_code)
    else {
        return Ok(reply(
            StatusCode::NOT_FOUND,
            json!({ "status": "unknown", "message": "Not saved: this question is not part of this page" }),
        ));
    };
    let fields = Fields::from_form(&posted, &criterion.code);
    let answer = match fields.parse(criterion) {
        Ok(answer) => answer,
        Err(errors) => {
            let messages: Vec<_> = errors.iter().map(|(_, m)| m.clone()).collect();
            return Ok(reply(
                StatusCode::UNPROCESSABLE_ENTITY,
                json!({ "status": "invalid", "message": format!("Not saved: {}", messages.join(". ")) }),
            ));
        }
    };
    let confirming = posted.get(&format!("confirm:{}", criterion.code)).is_some_and(|v| v == "yes");
    if store::fingerprint(&answer) == fields.orig {
        if confirming {
            let mut tx = state.db.begin().await?;
            super::rounds::settle(&mut tx, id, std::slice::from_ref(&criterion.code)).await?;
            tx.commit().await?;
        }
        return Ok(reply(StatusCode::OK, json!({ "status": "unchanged", "message": "No changes to save" })));
    }
    let change_answer = answer.clone();
    let change = Change { code: criterion.code.clone(), answer, based_on: fields.version };
    let outcome = store::save_standard(&state.db, &editor, vec![change]).await?;
    match outcome {
        // Answered from what was just written: reading every answer of the assessment
        // again cost as much as the save itself (issue 13).
        SaveOutcome::Saved { stored, .. } => {
            let (version, at) =
                stored.get(&criterion.code).copied().unwrap_or((0, time::OffsetDateTime::now_utc()));
            let orig = store::fingerprint(&change_answer);
            let at = crate::web::format::datetime(at);
            Ok(reply(
                StatusCode::OK,
                json!({ "status": "saved", "version": version, "orig": orig, "message": format!("Saved {at}") }),
            ))
        }
        SaveOutcome::Conflict { .. } => {
            let current = store::answers(&state.db, id).await?;
            let by = current
                .get(&criterion.code)
                .and_then(|s| s.updated_by.clone())
                .unwrap_or_else(|| "someone else".into());
            Ok(reply(
                StatusCode::CONFLICT,
                json!({
                    "status": "conflict",
                    "message": format!("Not saved: {by} changed this answer after you opened the page. Your text is still here: use the save button at the bottom to compare both versions and choose."),
                }),
            ))
        }
    }
}
