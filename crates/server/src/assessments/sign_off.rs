//! Asking for sign-off, and telling the lead it is done. A safeguarding lead asks for
//! the sign-off of a complete assessment: every senior sign-off of the organisation is
//! emailed a link to the check page, once per request (asking again while a request
//! is open sends nothing). When the return is signed off, the open requests close and
//! the leads who asked are emailed, each once, in the same transaction.

use axum::extract::State;
use axum::response::Redirect;
use sea_query::{Expr, ExprTrait, OnConflict, Order, Query};
use serde_json::json;
use time::OffsetDateTime;

use super::access;
use super::store;
use crate::audit::{self, Change};
use crate::db::schema::{SignOffRequests, Users};
use crate::db::{Db, Tx};
use crate::mail::Email;
use crate::organisations::store as org_queries;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::Ctx;
use crate::web::path::Path;
use osa_core::assessment::sign_off::told_of_sign_off;
use osa_core::assessment::{ReturnState, missing_answers};
use osa_core::tenancy::OrgRole;

/// An open request: who asked and when.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OpenRequest {
    pub requested_by: i64,
    pub name: String,
    pub requested_at: OffsetDateTime,
}

/// The open requests for sign-off of an assessment, oldest first.
pub async fn open_requests(db: &Db, assessment: i64) -> Result<Vec<OpenRequest>, sqlx::Error> {
    db.fetch_all(
        &Query::select()
            .column((SignOffRequests::Table, SignOffRequests::RequestedBy))
            .expr_as(Expr::col((Users::Table, Users::DisplayName)), "name")
            .column((SignOffRequests::Table, SignOffRequests::RequestedAt))
            .from(SignOffRequests::Table)
            .inner_join(
                Users::Table,
                Expr::col((Users::Table, Users::Id))
                    .equals((SignOffRequests::Table, SignOffRequests::RequestedBy)),
            )
            .and_where(Expr::col((SignOffRequests::Table, SignOffRequests::AssessmentId)).eq(assessment))
            .and_where(Expr::col((SignOffRequests::Table, SignOffRequests::ClosedAt)).is_null())
            .order_by((SignOffRequests::Table, SignOffRequests::Id), Order::Asc)
            .limit(50)
            .to_owned(),
    )
    .await
}

/// Closes every open request of the assessment for `return_id` and gives the ids of
/// those who asked, in the order they asked. A request is closed once only, so its
/// asker is told once however often the sign-off is pressed.
pub async fn close_requests(
    tx: &mut Tx,
    assessment: i64,
    return_id: i64,
    at: OffsetDateTime,
) -> Result<Vec<i64>, sqlx::Error> {
    let mut closed: Vec<(i64, i64)> = tx
        .fetch_all(
            &Query::update()
                .table(SignOffRequests::Table)
                .value(SignOffRequests::ClosedAt, at)
                .value(SignOffRequests::ReturnId, return_id)
                .and_where(Expr::col(SignOffRequests::AssessmentId).eq(assessment))
                .and_where(Expr::col(SignOffRequests::ClosedAt).is_null())
                .returning(Query::returning().columns([SignOffRequests::Id, SignOffRequests::RequestedBy]))
                .to_owned(),
        )
        .await?;
    closed.sort();
    Ok(closed.into_iter().map(|(_, by)| by).collect())
}

/// Queues the mail telling the lead(s) the return is signed off: those who asked, or
/// every lead when nobody did; never the person who signed off. Gives how many.
pub async fn tell_leads(
    state: &AppState,
    tx: &mut Tx,
    organisation: (i64, &str),
    assessment: i64,
    framework: &str,
    signer: (i64, &str),
    requesters: &[i64],
) -> Result<usize, sqlx::Error> {
    let leads = org_queries::people_with_role(tx, organisation.0, OrgRole::SafeguardingLead).await?;
    let lead_ids: Vec<i64> = leads.iter().map(|(id, _)| *id).collect();
    let told = told_of_sign_off(signer.0, requesters, &lead_ids);
    let mut emails = Vec::new();
    for who in &told {
        match leads.iter().find(|(id, _)| id == who) {
            Some((_, email)) => emails.push(email.clone()),
            // Someone who asked but is no longer a lead still hears of their request.
            None => {
                let row: Option<(String,)> = tx
                    .fetch_optional(
                        &Query::select()
                            .column(Users::Email)
                            .from(Users::Table)
                            .and_where(Expr::col(Users::Id).eq(*who))
                            .to_owned(),
                    )
                    .await?;
                emails.extend(row.map(|(e,)| e));
            }
        }
    }
    let base = state.config.public_url.trim_end_matches('/');
    let body = format!(
        "{} has signed off {}'s return for {}.\n\n\
         A safeguarding lead can now submit it to the partnerships the organisation serves:\n\
         {base}/assessments/{assessment}/check\n",
        signer.1, organisation.1, framework,
    );
    for to in &emails {
        let subject = format!("Return signed off: {framework}");
        state.mailer.queue(tx, Email { to: to.clone(), subject, body: body.clone() }).await?;
    }
    Ok(emails.len())
}

/// A safeguarding lead asks the senior sign-off to check a complete assessment.
pub async fn request(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Redirect, AppError> {
    let loaded = access::edit(&ctx, &state, id).await?;
    let user = ctx.user()?;
    let back = Redirect::to(&format!("/assessments/{id}/check"));
    let saved = store::answers(&state.db, id).await?;
    let answers = saved.iter().map(|(k, v)| (k.clone(), v.answer.clone())).collect();
    let (sector, duty) = loaded.profile;
    if !missing_answers(&loaded.framework.framework, &answers, sector, duty).is_empty()
        || !super::returns::unconfirmed(&state, &loaded).await?.is_empty()
    {
        ctx.flash("important", "Answer and confirm every question before you ask for sign-off").await?;
        return Ok(back);
    }
    if super::returns::pending_state(&state.db, id).await? != ReturnState::Draft {
        ctx.flash("important", "The return is already signed off").await?;
        return Ok(back);
    }
    let organisation = loaded.organisation.id;
    let mut tx = state.db.begin().await?;
    let signers = org_queries::people_with_role(&mut tx, organisation, OrgRole::SeniorSignOff).await?;
    if signers.is_empty() {
        ctx.flash(
            "important",
            "Your organisation has no senior sign-off yet. Add one from your organisation's people page first.",
        )
        .await?;
        return Ok(back);
    }
    let now = OffsetDateTime::now_utc();
    // At most one open request per person: a second press or a resubmitted form
    // inserts nothing, so nobody is emailed twice.
    let inserted = tx
        .execute(
            &Query::insert()
                .into_table(SignOffRequests::Table)
                .columns([
                    SignOffRequests::AssessmentId,
                    SignOffRequests::RequestedBy,
                    SignOffRequests::RequestedAt,
                ])
                .values_panic([id.into(), user.id.into(), now.into()])
                .on_conflict(OnConflict::new().do_nothing().to_owned())
                .to_owned(),
        )
        .await?;
    if inserted == 0 {
        ctx.flash("important", "You have already asked for sign-off. Your senior sign-off has been emailed.")
            .await?;
        return Ok(back);
    }
    audit::record(
        &mut tx,
        Change {
            actor: Some(user.id),
            action: "request_sign_off",
            entity: "assessment",
            entity_id: id.to_string(),
            before: None,
            after: Some(json!({ "sent_to": signers.iter().map(|(uid, _)| uid).collect::<Vec<_>>() })),
        },
    )
    .await?;
    let f = &loaded.framework.framework;
    let base = state.config.public_url.trim_end_matches('/');
    let body = format!(
        "{} has asked you to sign off {}'s return for {}.\n\n\
         Read every answer and its evidence, then sign off the return on the check page:\n\
         {base}/assessments/{id}/check\n",
        user.name, loaded.organisation.name, f.name,
    );
    for (_, to) in &signers {
        let subject = format!("Return ready for sign-off: {}", f.name);
        state.mailer.queue(&mut tx, Email { to: to.clone(), subject, body: body.clone() }).await?;
    }
    tx.commit().await?;
    ctx.flash(
        "success",
        format!(
            "Sign-off requested. We have emailed {}.",
            crate::web::format::count(signers.len(), "senior sign-off", "senior sign-offs")
        ),
    )
    .await?;
    Ok(back)
}
