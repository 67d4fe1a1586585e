//! Submitting a signed-off return, and choosing where it goes. The submit step lists
//! the partnerships the organisation serves as checkboxes, those the framework is for
//! ticked (`osa_core::return_routing`); the lead may change the choice, but only among
//! those partnerships. What is recorded (`return_partnerships`) is the only thing
//! that decides which partnership reads the return (`crate::cycles::visible` and
//! `/returns/{id}` both ask it), so a partnership not chosen never sees it.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use serde::Deserialize;
use time::OffsetDateTime;

use super::access::{self, Loaded};
use super::record;
use super::returns::{check_page, pending, returns_of};
use crate::db::Db;
use crate::mail::Email;
use crate::organisations::store::{ServedPartnership as Served, served_partnerships as served};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::forms::Errors;
use crate::web::page::Ctx;
use crate::web::path::Path;
use osa_core::assessment::{ReturnEvent, transition};
use osa_core::framework::Audience;
use osa_core::return_routing::{RouteError, chosen_routes, default_routes, in_words};
use osa_core::tenancy::PartnershipKind;

/// The field the checkboxes share, and the id the error summary links to.
const FIELD: &str = "partnerships";

/// Where the default sends a return: the served partnerships its framework is for.
fn defaults(audience: Audience, served: &[Served]) -> Vec<i64> {
    let kinds: Vec<(i64, PartnershipKind)> = served.iter().map(|s| (s.id, s.kind)).collect();
    default_routes(audience, &kinds)
}

/// The submit step's checkboxes: every partnership served, those chosen ticked.
#[derive(Default)]
pub struct Routing {
    /// (partnership id, "Name (who it safeguards)").
    pub options: Vec<(String, String)>,
    pub selected: Vec<String>,
    pub errors: Errors,
}

/// The checkboxes as the submit step first shows them, the defaults ticked.
pub(super) async fn first_routing(db: &Db, loaded: &Loaded) -> Result<Routing, AppError> {
    let served = served(db, loaded.organisation.id).await?;
    let selected =
        defaults(loaded.framework.framework.audience, &served).iter().map(i64::to_string).collect();
    Ok(Routing { options: options(&served), selected, errors: Errors::default() })
}

fn options(served: &[Served]) -> Vec<(String, String)> {
    served
        .iter()
        .map(|s| (s.id.to_string(), format!("{} ({})", s.name, s.kind.label().to_lowercase())))
        .collect()
}

/// The lead's choice of partnerships (never a partnership the organisation does not
/// serve) or, from a form without the choice on it (an older page, or a client that
/// posts only the button), the default the page would have ticked.
fn routes(loaded: &Loaded, served: &[Served], form: &SubmitForm) -> Result<Vec<i64>, RouteError> {
    let served_ids: Vec<i64> = served.iter().map(|s| s.id).collect();
    let chosen: Vec<i64> = if form.routing.is_some() {
        let mut ids = Vec::new();
        for value in &form.partnerships {
            // A value that is not an id names no partnership served.
            ids.push(value.trim().parse().map_err(|_| RouteError::NotServed(-1))?);
        }
        ids
    } else {
        defaults(loaded.framework.framework.audience, served)
    };
    chosen_routes(&served_ids, &chosen)
}

#[derive(Deserialize, Default)]
pub struct SubmitForm {
    /// Present when the form showed the checkboxes (so "none ticked" can be told
    /// from "no choice made").
    #[serde(default)]
    routing: Option<String>,
    #[serde(default)]
    partnerships: Vec<String>,
}

pub async fn submit(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(form): Form<SubmitForm>,
) -> Result<Response, AppError> {
    let loaded = access::edit(&ctx, &state, id).await?;
    if loaded.partnership.is_some() {
        // A partnership's own self-assessment is submitted to nobody.
        return Err(AppError::NotFound);
    }
    let user = ctx.user()?;
    let back = Redirect::to(&format!("/assessments/{id}/check"));
    let (current, pending_id) = pending(&returns_of(&state.db, id).await?);
    let (Ok(_), Some(return_id)) = (transition(current, ReturnEvent::Submit), pending_id) else {
        ctx.flash(
            "important",
            "The return must be signed off by your senior sign-off before it is submitted",
        )
        .await?;
        return Ok(back.into_response());
    };
    let served = served(&state.db, loaded.organisation.id).await?;
    let areas = match routes(&loaded, &served, &form) {
        Ok(areas) => areas,
        Err(err) => {
            let mut errors = Errors::default();
            errors.add(FIELD, err.to_string());
            let selected = form.partnerships.clone();
            let routing = Routing { options: options(&served), selected, errors };
            let page = check_page(&ctx, &state, id, Some(routing)).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let names: Vec<String> =
        served.iter().filter(|s| areas.contains(&s.id)).map(|s| s.name.clone()).collect();
    let to = in_words(&names);
    let mut tx = state.db.begin().await?;
    let submitted = record::submit(
        &mut tx,
        return_id,
        loaded.organisation.id,
        &loaded.assessment.framework_key,
        &areas,
        user.id,
        OffsetDateTime::now_utc(),
    )
    .await?;
    if submitted.is_none() {
        ctx.flash("important", "This return was changed or submitted meanwhile. Check it again.").await?;
        return Ok(back.into_response());
    }
    // The organisation's own copy goes to its safeguarding leads (whoever pressed
    // submit), queued with the submission so it is sent only if the submission stands.
    let f = &loaded.framework.framework;
    let base = state.config.public_url.trim_end_matches('/');
    let body = format!(
        "{} has submitted its return for {} (version {}) to {to}.\n\n\
         Keep this copy of the return as it was signed off and sent (PDF):\n{base}/returns/{return_id}/copy.pdf\n\n\
         The self-assessment stays open: you can keep improving it, and every change is recorded.\n\
         {base}/assessments/{id}/check\n",
        loaded.organisation.name, f.name, loaded.framework.summary.version,
    );
    for to in crate::organisations::store::lead_emails(&mut tx, loaded.organisation.id).await? {
        let subject = format!("Return submitted: {}", f.name);
        state.mailer.queue(&mut tx, Email { to, subject, body: body.clone() }).await?;
    }
    tx.commit().await?;
    ctx.flash(
        "success",
        format!("Return submitted to {to}. A link to its copy has been emailed to the safeguarding lead."),
    )
    .await?;
    Ok(back.into_response())
}

/// Where the demo's returns go: where a lead who keeps the defaults sends them.
pub async fn default_areas(db: &Db, organisation: i64, audience: Audience) -> Result<Vec<i64>, sqlx::Error> {
    Ok(defaults(audience, &served(db, organisation).await?))
}
