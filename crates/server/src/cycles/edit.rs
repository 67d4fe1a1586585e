//! Correcting a cycle after it was opened (its name, opening and due dates,
//! action-plan update dates and the local questions it asks) and closing it. A due date moved into the past is saved
//! only once the admin confirms; a later due date is told, once per new date, to the
//! leads of every organisation whose return is still outstanding. A closed cycle is
//! read-only (`super::access::refuse_if_closed`).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use time::{Date, OffsetDateTime};

use super::access::{Loaded, load, refuse_if_closed};
use super::pages::{CycleForm, check_dates, check_name, today};
use super::questions::{self, Offer};
use super::store::{self, CycleDetails, CycleRow};
use crate::audit::{self, Change};
use crate::jobs::reminders::send_in;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::forms::{DateParts, Errors};
use crate::web::page::{Ctx, Page};
use crate::web::path::Path;
use osa_core::cycle;
use osa_core::reminders::extension_notice;

#[derive(Template, WebTemplate)]
#[template(path = "cycles/edit.html")]
pub struct EditPage {
    page: Page,
    cycle: CycleRow,
    form: CycleForm,
    /// The local questions the cycle may ask: (id, code and question).
    questions: Vec<(String, String)>,
    errors: Errors,
}

fn edit_page(ctx: &Ctx, cycle: CycleRow, form: CycleForm, offers: &[Offer], errors: Errors) -> EditPage {
    // A region's questions are named with their partnership.
    let several = offers.iter().any(|o| o.partnership_id != offers[0].partnership_id);
    let questions = offers.iter().map(|o| o.option(several)).collect();
    EditPage { page: ctx.page(format!("Change {}", cycle.name)), cycle, form, questions, errors }
}

/// The local questions the cycle may ask: those of every partnership taking part, for
/// the frameworks it asks for.
async fn offers(state: &AppState, loaded: &Loaded) -> Result<Vec<Offer>, AppError> {
    let partnerships: Vec<i64> = loaded.partnerships.iter().map(|(p, _)| *p).collect();
    let keys = questions::keys_of(&state.db, &loaded.cycle).await?;
    Ok(questions::offered(&state.db, &partnerships, &keys).await?)
}

/// The page asking to confirm a due date in the past, carrying every value typed.
#[derive(Template, WebTemplate)]
#[template(path = "cycles/confirm_due.html")]
pub struct ConfirmDuePage {
    page: Page,
    cycle: CycleRow,
    form: CycleForm,
    due_on: Date,
}

impl ConfirmDuePage {
    /// The hidden fields that carry the form through the confirmation.
    pub fn fields(&self) -> Vec<(String, String)> {
        let mut fields = vec![("name".to_owned(), self.form.name.clone())];
        for (id, parts) in [
            ("opens_on", &self.form.opens_on),
            ("due_on", &self.form.due_on),
            ("update1", &self.form.update1),
            ("update2", &self.form.update2),
        ] {
            fields.push((format!("{id}_day"), parts.day.clone()));
            fields.push((format!("{id}_month"), parts.month.clone()));
            fields.push((format!("{id}_year"), parts.year.clone()));
        }
        if self.form.questions_offered {
            fields.push(("questions_offered".to_owned(), "yes".to_owned()));
            fields
                .extend(self.form.local_questions.iter().map(|q| ("local_questions".to_owned(), q.clone())));
        }
        fields
    }
}

/// The cycle as it stands, to change.
async fn current(state: &AppState, cycle: &CycleRow) -> Result<CycleDetails, AppError> {
    Ok(CycleDetails {
        name: cycle.name.clone(),
        opens_on: cycle.opens_on,
        due_on: cycle.due_on,
        updates_due: store::update_dates(&state.db, cycle.id).await?,
        local_questions: questions::asked_by(&state.db, cycle.id).await?,
    })
}

/// GET `/cycles/{id}/edit`: the form, filled in with the cycle as it stands.
pub async fn edit_form(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let loaded = load(&ctx, &state, id, true).await?;
    if let Some(refused) = refuse_if_closed(&ctx, &loaded.cycle) {
        return Ok(refused);
    }
    let now = current(&state, &loaded.cycle).await?;
    let offers = offers(&state, &loaded).await?;
    let update = |n: usize| now.updates_due.get(n).copied().map(DateParts::from_date).unwrap_or_default();
    let form = CycleForm {
        name: now.name.clone(),
        opens_on: DateParts::from_date(now.opens_on),
        due_on: DateParts::from_date(now.due_on),
        update1: update(0),
        update2: update(1),
        local_questions: now.local_questions.iter().map(i64::to_string).collect(),
        questions_offered: !offers.is_empty(),
        ..CycleForm::default()
    };
    Ok(edit_page(&ctx, loaded.cycle, form, &offers, Errors::default()).into_response())
}

/// What changed between two versions of a cycle, as (before, after) objects naming
/// only the fields that differ.
fn changes(before: &CycleDetails, after: &CycleDetails) -> (serde_json::Value, serde_json::Value) {
    let (mut old, mut new) = (serde_json::Map::new(), serde_json::Map::new());
    let mut differ = |key: &str, a: serde_json::Value, b: serde_json::Value| {
        if a != b {
            old.insert(key.to_owned(), a);
            new.insert(key.to_owned(), b);
        }
    };
    differ("name", before.name.clone().into(), after.name.clone().into());
    differ("opens_on", before.opens_on.to_string().into(), after.opens_on.to_string().into());
    differ("due_on", before.due_on.to_string().into(), after.due_on.to_string().into());
    let dates = |d: &[Date]| serde_json::Value::from(d.iter().map(Date::to_string).collect::<Vec<_>>());
    differ("updates_due", dates(&before.updates_due), dates(&after.updates_due));
    differ("local_questions", before.local_questions.clone().into(), after.local_questions.clone().into());
    (old.into(), new.into())
}

/// POST `/cycles/{id}/edit`: checks the form as opening a cycle does, asks to confirm
/// a due date moved into the past, saves, and tells outstanding organisations about a
/// later due date.
pub async fn edit(
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
    let posted_value = |k: &str| posted.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    let form = CycleForm::from_posted(&posted);
    let offers = offers(&state, &loaded).await?;
    // "Change" on the confirmation page: back to the form, with what was typed.
    if posted_value("change").is_some() {
        return Ok(edit_page(&ctx, loaded.cycle, form, &offers, Errors::default()).into_response());
    }
    let before = current(&state, &loaded.cycle).await?;
    let mut errors = Errors::default();
    check_name(&form, &mut errors);
    let dates = check_dates(&form, &mut errors);
    // A form that did not show the questions leaves them as they are.
    let local_questions = if form.questions_offered {
        questions::chosen(&form.local_questions, &offers).unwrap_or_else(|| {
            errors.add("local_questions", "Select questions from the list");
            Vec::new()
        })
    } else {
        before.local_questions.clone()
    };
    let (Some((opens_on, due_on, updates_due)), true) = (dates, errors.is_empty()) else {
        let page = edit_page(&ctx, loaded.cycle, form, &offers, errors);
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let after = CycleDetails { name: form.name.clone(), opens_on, due_on, updates_due, local_questions };
    let confirmed = posted_value("confirmed_due") == Some(due_on.to_string().as_str());
    if cycle::due_date_needs_confirmation(before.due_on, due_on, today()) && !confirmed {
        let page = ConfirmDuePage {
            page: ctx.page("The due date is in the past"),
            cycle: loaded.cycle,
            form,
            due_on,
        };
        return Ok(page.into_response());
    }
    if before == after {
        ctx.flash("success", "Nothing was changed").await?;
        return Ok(Redirect::to(&format!("/cycles/{id}")).into_response());
    }
    save(&ctx, &state, loaded, actor, &before, &after).await
}

async fn save(
    ctx: &Ctx,
    state: &AppState,
    loaded: Loaded,
    actor: i64,
    before: &CycleDetails,
    after: &CycleDetails,
) -> Result<Response, AppError> {
    let id = loaded.cycle.id;
    let invitations =
        if after.due_on > before.due_on { store::invitations(&state.db, id).await? } else { Vec::new() };
    let mut tx = state.db.begin().await?;
    if !store::update(&mut tx, id, after).await? {
        // Closed by another admin since the page was loaded.
        drop(tx);
        let now = store::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
        return refuse_if_closed(ctx, &now).ok_or(AppError::NotFound);
    }
    if after.local_questions != before.local_questions {
        questions::set(&mut tx, id, &after.local_questions).await?;
    }
    let (old, new) = changes(before, after);
    audit::record(
        &mut tx,
        Change {
            actor: Some(actor),
            action: "edit_cycle",
            entity: "cycle",
            entity_id: id.to_string(),
            before: Some(old),
            after: Some(new),
        },
    )
    .await?;
    // A new opening date moves the window of early returns (already linked ones stay).
    super::answers::settle(&mut tx, id, today(), state.config.early_return_days).await?;
    let updated =
        CycleRow { name: after.name.clone(), opens_on: after.opens_on, due_on: after.due_on, ..loaded.cycle };
    let mut told = 0;
    for invitation in &invitations {
        let Some(notice) = extension_notice(invitation.state, before.due_on, after.due_on) else {
            continue;
        };
        if send_in(&mut tx, &state.mailer, &state.config.public_url, &updated, invitation, &notice).await? {
            told += 1;
        }
    }
    tx.commit().await?;
    let message = match told {
        0 => format!("{} is updated", after.name),
        1 => format!(
            "{} is updated. The safeguarding lead of 1 organisation has been emailed the new due date.",
            after.name
        ),
        n => format!(
            "{} is updated. The safeguarding leads of {n} organisations have been emailed the new due date.",
            after.name
        ),
    };
    ctx.flash("success", message).await?;
    Ok(Redirect::to(&format!("/cycles/{id}")).into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "cycles/close.html")]
pub struct ClosePage {
    page: Page,
    cycle: CycleRow,
    outstanding: usize,
}

/// GET `/cycles/{id}/close`: asks before closing, which cannot be undone here.
pub async fn close_form(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let loaded = load(&ctx, &state, id, true).await?;
    if let Some(refused) = refuse_if_closed(&ctx, &loaded.cycle) {
        return Ok(refused);
    }
    let outstanding =
        store::invitations(&state.db, id).await?.iter().filter(|i| i.state.is_outstanding()).count();
    let page = ctx.page(format!("Close {}", loaded.cycle.name));
    Ok(ClosePage { page, cycle: loaded.cycle, outstanding }.into_response())
}

/// POST `/cycles/{id}/close`: closes the cycle. From now on it is read-only, sends no
/// reminders and answers no more submissions.
pub async fn close(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let loaded = load(&ctx, &state, id, true).await?;
    if let Some(refused) = refuse_if_closed(&ctx, &loaded.cycle) {
        return Ok(refused);
    }
    let actor = ctx.user()?.id;
    let at = OffsetDateTime::now_utc();
    let mut tx = state.db.begin().await?;
    if store::close(&mut tx, id, at).await? {
        audit::record(
            &mut tx,
            Change {
                actor: Some(actor),
                action: "close_cycle",
                entity: "cycle",
                entity_id: id.to_string(),
                before: Some(serde_json::json!({ "closed_at": null })),
                after: Some(serde_json::json!({ "closed_at": at.date().to_string() })),
            },
        )
        .await?;
        tx.commit().await?;
    }
    ctx.flash("success", format!("{} is closed. It can be read but not changed.", loaded.cycle.name)).await?;
    Ok(Redirect::to(&format!("/cycles/{id}")).into_response())
}
