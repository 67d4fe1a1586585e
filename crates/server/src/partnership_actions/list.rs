//! A cycle's partnership actions, on screen (paged) and as CSV, filtered by lead group
//! and by status (or overdue) through a form that works without JavaScript.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use osa_core::spreadsheet::csv_text;
use serde::Deserialize;
use time::OffsetDateTime;

use super::access::adding_partnership;
use super::pages::{ActionView, today};
use super::store::{self, Filter, StatusFilter};
use crate::cycles::access::load as load_cycle;
use crate::exports::heading::Heading;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{Ctx, Page};
use crate::web::paging::{PageParams, Paging};
use crate::web::path::Path;
use osa_core::partnership_action::PartnershipActionStatus;

/// The filter as it arrives in the query string (kept as typed, so the form shows it).
#[derive(Debug, Default, Deserialize)]
pub struct FilterParams {
    #[serde(default)]
    lead_group: String,
    #[serde(default)]
    status: String,
    page: Option<String>,
}

const OVERDUE: &str = "overdue";

impl FilterParams {
    fn filter(&self) -> Filter {
        let group = self.lead_group.trim();
        let status = match self.status.as_str() {
            OVERDUE => Some(StatusFilter::Overdue),
            code => PartnershipActionStatus::from_code(code).map(StatusFilter::Is),
        };
        Filter { lead_group: (!group.is_empty()).then(|| group.to_owned()), status }
    }

    /// The filter in words, for the heading of the download.
    fn described(&self) -> Vec<String> {
        let filter = self.filter();
        let mut words = Vec::new();
        if let Some(group) = filter.lead_group {
            words.push(format!("Lead group: {group}"));
        }
        match filter.status {
            Some(StatusFilter::Overdue) => words.push("Status: Overdue".to_owned()),
            Some(StatusFilter::Is(status)) => words.push(format!("Status: {}", status.label())),
            None => {}
        }
        words
    }

    /// The query string of the filter (without the page), for links that keep it.
    fn query(&self) -> String {
        let pairs: Vec<(&str, &str)> =
            [("lead_group", self.lead_group.trim()), ("status", self.status.as_str())]
                .into_iter()
                .filter(|(_, v)| !v.is_empty())
                .collect();
        serde_urlencoded::to_string(pairs).unwrap_or_default()
    }
}

fn with_query(path: String, query: &str) -> String {
    if query.is_empty() { path } else { format!("{path}?{query}") }
}

#[derive(Template, WebTemplate)]
#[template(path = "partnership_actions/list.html")]
pub struct ListPage {
    page: Page,
    cycle_id: i64,
    cycle_name: String,
    regional: bool,
    actions: Vec<ActionView>,
    groups: Vec<String>,
    statuses: Vec<(&'static str, &'static str)>,
    lead_group: String,
    status: String,
    filtered: bool,
    csv_href: String,
    can_add: bool,
    paging: Paging,
}

pub async fn page(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Query(params): Query<FilterParams>,
) -> Result<ListPage, AppError> {
    let cycle = load_cycle(&ctx, &state, id, false).await?;
    let query = params.query();
    let paging = Paging::new(
        &PageParams { page: params.page.clone() },
        with_query(format!("/cycles/{id}/partnership-actions"), &query),
    )?;
    let filter = params.filter();
    let today = today();
    let mut rows = store::list(&state.db, id, &filter, today, paging.fetch_limit(), paging.offset()).await?;
    let paging = paging.with_rows(&mut rows)?;
    let mut statuses: Vec<(&'static str, &'static str)> =
        PartnershipActionStatus::ALL.iter().map(|s| (s.code(), s.label())).collect();
    statuses.push((OVERDUE, "Overdue"));
    Ok(ListPage {
        page: ctx.page(format!("Partnership actions – {}", cycle.cycle.name)),
        cycle_id: id,
        regional: cycle.partnerships.len() > 1,
        actions: rows.into_iter().map(|r| ActionView::new(r, today)).collect(),
        groups: store::groups_in_cycle(&state.db, id).await?,
        statuses,
        filtered: filter.lead_group.is_some() || filter.status.is_some(),
        lead_group: params.lead_group.trim().to_owned(),
        status: params.status,
        csv_href: with_query(format!("/cycles/{id}/partnership-actions.csv"), &query),
        can_add: adding_partnership(&ctx, &cycle).is_some(),
        cycle_name: cycle.cycle.name,
        paging,
    })
}

/// Every action that passes the filter (a cycle keeps tens; the cap is a guard).
pub async fn csv(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Query(params): Query<FilterParams>,
) -> Result<Response, AppError> {
    let cycle = load_cycle(&ctx, &state, id, false).await?;
    let today = today();
    let rows = store::list(&state.db, id, &params.filter(), today, 5000, 0).await?;
    let heading = Heading::new("Partnership actions", OffsetDateTime::now_utc())
        .about("Cycle", &cycle.cycle.name)
        .filters(&params.described());
    let start = heading.csv_start().map_err(|e| AppError::Internal(e.into()))?;
    let mut out = csv::Writer::from_writer(start);
    let mut write = |record: &[&str]| {
        out.write_record(record.iter().map(|cell| csv_text(cell))).map_err(|e| AppError::Internal(e.into()))
    };
    write(&[
        "Partnership",
        "Action",
        "Description",
        "Lead group",
        "Lead person",
        "Target date",
        "Status",
        "Overdue",
        "Expected outcome and evidence of impact",
        "Theme",
        "Where the need was seen",
    ])?;
    for row in rows {
        let view = ActionView::new(row, today);
        let r = &view.row;
        write(&[
            &r.partnership_name,
            &r.title,
            &r.description,
            &r.lead_group,
            &r.lead_person,
            &r.target_date.to_string(),
            view.tag().0,
            if view.overdue { "Overdue" } else { "" },
            &r.evidence,
            r.theme_name.as_deref().unwrap_or(""),
            r.source().map(|s| s.label()).unwrap_or(""),
        ])?;
    }
    let body = out.into_inner().map_err(|e| AppError::Internal(anyhow::anyhow!("csv: {e}")))?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"partnership-actions-{id}.csv\"")),
        ],
        body,
    )
        .into_response())
}
