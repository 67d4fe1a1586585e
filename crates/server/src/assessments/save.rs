//! Saving a standard's page without JavaScript: every answer checked, all saved or
//! none, and the conflict page when someone saved first.

use std::collections::{HashMap, HashSet};

use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use super::access::{self, StandardEditor};
use super::form::{Fields, choices, describe, slug};
use super::standard::{
    Clash, ConflictPage, CriterionForm, StandardPage, UNSAVED, applicable, summary_errors,
};
use super::store::{self, Change, SaveOutcome};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::Ctx;
use crate::web::path::Path;

/// The page as posted: a form per applicable criterion, with what each would change.
struct Posted<'a> {
    forms: Vec<CriterionForm<'a>>,
    changes: Vec<Change>,
    /// Carried-forward answers the person ticked "still right".
    confirmed: Vec<String>,
}

fn read_posted<'a>(
    editor: &StandardEditor<'a>,
    posted: &HashMap<String, String>,
    to_confirm: &HashSet<String>,
) -> Posted<'a> {
    let mut out = Posted { forms: Vec::new(), changes: Vec::new(), confirmed: Vec::new() };
    for c in applicable(editor.standard, editor.loaded().profile) {
        let fields = Fields::from_form(posted, &c.code);
        let confirming = posted.get(&format!("confirm:{}", c.code)).is_some_and(|v| v == "yes");
        if confirming && to_confirm.contains(&c.code) {
            out.confirmed.push(c.code.clone());
        }
        let mut errors = Vec::new();
        match fields.parse(c) {
            Ok(answer) if store::fingerprint(&answer) != fields.orig => {
                out.changes.push(Change { code: c.code.clone(), answer, based_on: fields.version })
            }
            Ok(_) => {}
            Err(list) => errors = list,
        }
        out.forms.push(CriterionForm {
            id: slug(&c.code),
            fields,
            offers: Vec::new(),
            files: Vec::new(),
            choices: choices(c),
            errors,
            to_confirm: to_confirm.contains(&c.code),
            confirming,
            c,
        });
    }
    out
}

pub async fn standard_save(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, code)): Path<(i64, String)>,
    Form(posted): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let reader = access::read(&ctx, &state, id).await?;
    let editor = access::edit_standard(&ctx, &state, &reader, &code).await?;
    let posted: HashMap<String, String> = posted.into_iter().collect();
    let to_confirm = super::rounds::to_confirm(&state.db, id).await?;
    let Posted { forms, changes, confirmed } = read_posted(&editor, &posted, &to_confirm);
    if forms.iter().any(|f| !f.errors.is_empty()) {
        return invalid_page(&ctx, &state, &editor, forms).await;
    }
    // A file chosen on the page travels only with "Upload files"; "Save" sends its name.
    let files_left_behind = posted.iter().any(|(k, v)| k.starts_with("evidence:") && !v.is_empty());
    match store::save_standard(&state.db, &editor, changes).await? {
        SaveOutcome::Saved { changed, .. } => {
            if !confirmed.is_empty() {
                let mut tx = state.db.begin().await?;
                super::rounds::settle(&mut tx, id, &confirmed).await?;
                tx.commit().await?;
            }
            saved_notices(&ctx, &editor, changed, confirmed.len(), files_left_behind).await?;
            Ok(Redirect::to(&format!("/assessments/{id}")).into_response())
        }
        SaveOutcome::Conflict { stale } => conflict_page(&ctx, &state, &editor, &forms, posted, &stale).await,
    }
}

/// The page again with every answer as typed and the errors on the fields.
async fn invalid_page(
    ctx: &Ctx,
    state: &AppState,
    editor: &StandardEditor<'_>,
    mut forms: Vec<CriterionForm<'_>>,
) -> Result<Response, AppError> {
    let (loaded, standard) = (editor.loaded(), editor.standard);
    let id = loaded.assessment.id;
    let codes: Vec<&str> = forms.iter().map(|f| f.c.code.as_str()).collect();
    let mut files = crate::evidence::views_by_criterion(&state.db, id, &codes).await?;
    for f in &mut forms {
        f.files = files.remove(&f.c.code).unwrap_or_default();
    }
    let (org, framework, saved) =
        (loaded.organisation.id, &loaded.framework.framework, store::answers(&state.db, id).await?);
    let help = crate::resources::signposts::for_standard(&state.db, org, framework, standard, &saved).await?;
    let page = StandardPage {
        page: ctx.page(format!("{}. {}", standard.code, standard.title)),
        id,
        standard,
        summary_errors: summary_errors(&forms),
        criteria: forms,
        can_edit: true,
        summary_intro: UNSAVED.to_owned(),
        help,
    };
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

async fn saved_notices(
    ctx: &Ctx,
    editor: &StandardEditor<'_>,
    changed: usize,
    confirmed: usize,
    files_left_behind: bool,
) -> Result<(), AppError> {
    let standard = editor.standard;
    let message = match (changed, confirmed) {
        (0, 0) => "Your answers are saved: nothing had changed since the last save".to_owned(),
        (0, n) => format!(
            "Confirmed {} in {}. {}",
            crate::web::format::count(n, "answer", "answers"),
            standard.code,
            standard.title
        ),
        _ => format!("Saved {}. {}", standard.code, standard.title),
    };
    ctx.flash("success", message).await?;
    if files_left_behind {
        ctx.flash(
            "important",
            format!(
                "The files you chose were not added: saving keeps your answers only. To add a file, open {} again, choose the file and select \u{2018}Upload files\u{2019} under its question.",
                standard.code
            ),
        )
        .await?;
    }
    Ok(())
}

/// Someone saved some of these answers after the page was loaded: show theirs beside
/// the person's, with the person's kept to post again over the version now stored.
async fn conflict_page(
    ctx: &Ctx,
    state: &AppState,
    editor: &StandardEditor<'_>,
    forms: &[CriterionForm<'_>],
    posted: HashMap<String, String>,
    stale: &[String],
) -> Result<Response, AppError> {
    let id = editor.loaded().assessment.id;
    let current = store::answers(&state.db, id).await?;
    let mut resend: Vec<(String, String)> = posted.into_iter().filter(|(k, _)| k != "csrf_token").collect();
    let mut clashes = Vec::new();
    for f in forms.iter().filter(|f| stale.contains(&f.c.code)) {
        let theirs = current.get(&f.c.code);
        let yours = f.fields.parse(f.c).unwrap_or_default();
        for (key, value) in resend.iter_mut() {
            if *key == format!("version:{}", f.c.code) {
                *value = theirs.map(|t| t.version).unwrap_or(0).to_string();
            }
            if *key == format!("orig:{}", f.c.code) {
                *value = theirs.map(|t| store::fingerprint(&t.answer)).unwrap_or_default();
            }
        }
        clashes.push(Clash {
            c: f.c,
            theirs: theirs.map(|t| describe(f.c, &t.answer)).unwrap_or_else(|| "No answer".into()),
            theirs_narrative: theirs.map(|t| t.answer.narrative.clone()).unwrap_or_default(),
            by: theirs.and_then(|t| t.updated_by.clone()).unwrap_or_else(|| "someone".into()),
            at: theirs.map(|t| crate::web::format::datetime(t.updated_at)).unwrap_or_default(),
            yours: describe(f.c, &yours),
            yours_narrative: yours.narrative.clone(),
        });
    }
    let page = ConflictPage {
        page: ctx.page("Someone else saved these answers"),
        id,
        standard: editor.standard,
        clashes,
        resend,
    };
    Ok((StatusCode::CONFLICT, page).into_response())
}
