//! The history page: every change to each response of an assessment, newest first,
//! with who made it, when, and the answer before and after.
//!
//! It follows the standard pages' rule: the lead and the senior sign-off read the
//! history of every standard; a contributor only that of the standards shared with
//! them, since the history holds every answer and narrative ever saved.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};

use super::form::{self, describe};
use super::pages::load;
use super::store;
use crate::organisations::queries::Organisation;
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
    pub before: String,
    pub after: String,
    pub by: String,
    pub at: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "assessments/history.html")]
pub struct HistoryPage {
    page: Page,
    id: i64,
    pub organisation: Organisation,
    rows: Vec<HistoryView>,
    paging: Paging,
}

fn from_json(value: &str) -> osa_core::assessment::Answer {
    store::answer_from_json(&serde_json::from_str(value).unwrap_or_default())
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
    let loaded = load(&ctx, &state, id, false).await?;
    let f = &loaded.framework.framework;
    let user = ctx.user()?;
    let sees_all = user
        .principal
        .decide(Action::ViewStandard { organisation: loaded.organisation.id, delegated: false })
        .is_allowed();
    // None: every criterion; otherwise only the criteria of the standards shared.
    let only: Option<Vec<String>> = if sees_all {
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
    let mut rows = match &only {
        Some(codes) if codes.is_empty() => Vec::new(),
        _ => store::history(&state.db, id, only.as_deref(), paging.fetch_limit(), paging.offset()).await?,
    };
    let paging = paging.with_rows(&mut rows)?;
    let rows = rows
        .into_iter()
        .map(|r| {
            let c = f.find(&r.criterion_code).map(|(_, c)| c);
            HistoryView {
                question: c.map(|c| c.question.clone()).unwrap_or_default(),
                before: r
                    .before
                    .as_deref()
                    .map(|b| summarise(c, &from_json(b)))
                    .unwrap_or_else(|| "No answer".into()),
                after: summarise(c, &from_json(&r.after)),
                by: r.changed_by_name.unwrap_or_else(|| "Unknown".into()),
                at: crate::web::format::datetime(r.changed_at),
                code: r.criterion_code,
            }
        })
        .collect();
    Ok(HistoryPage {
        page: ctx.page("History of changes"),
        id,
        organisation: loaded.organisation,
        rows,
        paging,
    })
}
