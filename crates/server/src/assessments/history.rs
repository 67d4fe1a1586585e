//! The history page: every change to each response of an assessment and every edit to
//! an improvement action of its plan, newest first, with who made it, when, and the
//! answer (or the action's text and changed fields) before and after.
//!
//! It follows the standard pages' rule: the lead and the senior sign-off read the
//! history of every standard; a contributor only that of the standards shared with
//! them, since the history holds every answer and narrative ever saved. Action edits
//! are shown to everyone who reads the history, as everyone who may reads the plan.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};

use super::form::{self, describe};
use super::store::{self, HISTORY_ACTION};
use crate::action_plans::history::FieldChange;
use crate::action_plans::store as action_store;
use crate::organisations::store::Organisation;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{Ctx, Page};
use crate::web::paging::{PageParams, Paging};
use crate::web::path::Path;
use osa_core::access::Action;
use osa_core::framework::Criterion;

pub struct HistoryView {
    pub code: String,
    pub question: String,
    /// What it was and what it became: one unlabelled line for an answer, a labelled
    /// line per field for an action.
    pub before: Vec<Line>,
    pub after: Vec<Line>,
    pub by: String,
    pub at: String,
}

pub struct Line {
    pub label: Option<&'static str>,
    pub text: String,
}

fn plain(text: String) -> Vec<Line> {
    vec![Line { label: None, text }]
}

/// The action's fields before and after an edit, as labelled lines.
fn action_lines(before: Option<&str>, after: Option<&str>) -> (Vec<Line>, Vec<Line>) {
    let read = |v: Option<&str>| -> serde_json::Value {
        v.and_then(|v| serde_json::from_str(v).ok()).unwrap_or_default()
    };
    let changes = crate::action_plans::history::changes(&read(before), &read(after));
    let lines = |pick: fn(&FieldChange) -> &String| {
        changes.iter().map(|c| Line { label: Some(c.label), text: pick(c).clone() }).collect::<Vec<_>>()
    };
    (lines(|c| &c.before), lines(|c| &c.after))
}

#[derive(Template, WebTemplate)]
#[template(path = "assessments/history.html")]
pub struct HistoryPage {
    page: Page,
    id: i64,
    pub organisation: Organisation,
    rows: Vec<HistoryView>,
    paging: Paging,
    /// Read by a partnership the organisation serves: only the actions' edits.
    partnership_reader: bool,
}

/// A history row's answer; a damaged row is an error, never shown as an empty answer.
fn from_json(criterion: &str, value: &str) -> Result<osa_core::assessment::Answer, AppError> {
    osa_core::report::answer_from_str(criterion, value).map_err(|e| AppError::Internal(e.into()))
}

fn summarise(c: Option<&Criterion>, a: &osa_core::assessment::Answer) -> String {
    let main = c.map(|c| describe(c, a)).unwrap_or_else(|| form::value_text(a));
    if a.narrative.is_empty() { main } else { format!("{main}. {}", a.narrative) }
}

pub async fn history(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Query(params): Query<PageParams>,
) -> Result<HistoryPage, AppError> {
    // A partnership the organisation serves reads the plan's side of the history:
    // the edits to its actions, none of the answers.
    let plan = crate::action_plans::access::load_plan(&ctx, &state, id).await?;
    let (loaded, partnership_reader) = (plan.loaded, plan.partnership_reader);
    let f = &loaded.framework.framework;
    let user = ctx.user()?;
    let sees_all = user
        .principal
        .decide(Action::ViewStandard { organisation: loaded.organisation.id, delegated: false })
        .is_allowed();
    // None: every criterion; otherwise only the criteria of the standards shared.
    let only: Option<Vec<String>> = if partnership_reader {
        Some(Vec::new())
    } else if sees_all {
        None
    } else {
        let mine = super::delegation::delegated_to(&state.db, id, user.id).await?;
        Some(
            f.standards
                .iter()
                .filter(|s| mine.contains(&s.code))
                .flat_map(|s| s.criteria.iter().map(|c| c.code.clone()))
                .collect(),
        )
    };
    let paging = Paging::new(&params, format!("/assessments/{id}/history"))?;
    let mut rows =
        store::history(&state.db, id, only.as_deref(), paging.fetch_limit(), paging.offset()).await?;
    let paging = paging.with_rows(&mut rows)?;
    // The criterion each action edited on this page came from, if any (a plan holds tens).
    let actions = if rows.iter().any(|r| r.kind == HISTORY_ACTION) {
        action_store::list(&state.db, id).await?
    } else {
        Vec::new()
    };
    let rows = rows
        .into_iter()
        .map(|r| {
            let by = r.changed_by_name.unwrap_or_else(|| "Unknown".into());
            let at = crate::web::format::datetime(r.changed_at);
            if r.kind == HISTORY_ACTION {
                let criterion = actions
                    .iter()
                    .find(|a| a.id.to_string() == r.subject)
                    .and_then(|a| a.criterion_code.as_deref())
                    .and_then(|code| f.find(code))
                    .map(|(_, c)| format!("for {} {}", c.code, c.question));
                let (before, after) = action_lines(r.before.as_deref(), r.after.as_deref());
                return Ok(HistoryView {
                    code: "Improvement action".into(),
                    question: criterion.unwrap_or_default(),
                    before,
                    after,
                    by,
                    at,
                });
            }
            let c = f.find(&r.subject).map(|(_, c)| c);
            let before = match r.before.as_deref() {
                Some(b) => summarise(c, &from_json(&r.subject, b)?),
                None => "No answer".into(),
            };
            let after = summarise(c, &from_json(&r.subject, r.after.as_deref().unwrap_or("{}"))?);
            Ok(HistoryView {
                question: c.map(|c| c.question.clone()).unwrap_or_default(),
                before: plain(before),
                after: plain(after),
                by,
                at,
                code: r.subject,
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    Ok(HistoryPage {
        page: ctx.page("History of changes"),
        id,
        organisation: loaded.organisation,
        rows,
        paging,
        partnership_reader,
    })
}
