//! A cycle's dashboard: the response rate and who is outstanding, then a section per
//! framework asked for (`super::sections`): each standard's shares of fully, partially
//! and not met (an SVG stacked bar with the same figures in a table), the heat map of
//! organisations by standards, breakdowns, change and numbers. Filters by sector, duty
//! status and partnership; an organisation serving several partnerships of a region
//! counts in each of them. Every table can be downloaded as CSV. The arithmetic is
//! `osa_core::analytics`; this file only reads, filters and renders.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::Query;
use serde::Deserialize;
use time::OffsetDateTime;

use super::access::load;
use super::facts::Detail;
use super::sections::{self, Earlier, Section};
use super::tables;
use super::visible::{Reader, returns_visible_to};
use crate::exports::heading::Heading;
use crate::frameworks::store as framework_store;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{Ctx, Page};
use crate::web::path::Path;
use osa_core::access::Principal;
use osa_core::analytics::{
    Cohort, Filter, ResponseRate, Scale, frameworks_asked, overall_basis, response_rate,
};
use osa_core::framework::Standing;
use osa_core::tenancy::{DutyStatus, Sector};

#[derive(Debug, Default, Deserialize)]
pub struct Filters {
    #[serde(default)]
    sector: Vec<String>,
    #[serde(default)]
    duty: Vec<String>,
    #[serde(default)]
    partnership: String,
}

impl Filters {
    fn to_filter(&self, partnerships: &[(i64, String)]) -> Filter {
        Filter {
            sectors: self.sector.iter().filter_map(|s| Sector::from_code(s)).collect(),
            duties: self.duty.iter().filter_map(|d| DutyStatus::from_code(d)).collect(),
            partnerships: partnerships
                .iter()
                .filter(|(id, _)| id.to_string() == self.partnership)
                .map(|(id, _)| *id)
                .collect(),
        }
    }

    /// The filters in words, for the heading of a download: only those that apply,
    /// as `to_filter` reads them (an unknown code filters nothing, so it is not named).
    fn described(&self, partnerships: &[(i64, String)]) -> Vec<String> {
        let filter = self.to_filter(partnerships);
        let mut words = Vec::new();
        if !filter.sectors.is_empty() {
            let labels: Vec<&str> = filter.sectors.iter().map(|s| s.label()).collect();
            words.push(format!("Sector: {}", labels.join(", ")));
        }
        if !filter.duties.is_empty() {
            let labels: Vec<&str> = filter.duties.iter().map(|d| d.label()).collect();
            words.push(format!("Duty status: {}", labels.join(", ")));
        }
        for (_, name) in partnerships.iter().filter(|(id, _)| filter.partnerships.contains(id)) {
            words.push(format!("Organisations serving {name}"));
        }
        words
    }

    /// The query string that keeps these filters on the download links.
    fn query(&self) -> String {
        let mut pairs: Vec<(&str, &str)> = self.sector.iter().map(|s| ("sector", s.as_str())).collect();
        pairs.extend(self.duty.iter().map(|d| ("duty", d.as_str())));
        if !self.partnership.is_empty() {
            pairs.push(("partnership", self.partnership.as_str()));
        }
        serde_urlencoded::to_string(pairs).unwrap_or_default()
    }
}

pub struct Figures {
    /// Invited organisations whose returns went only to partnerships the reader does
    /// not work for, left out of every figure (counted by `super::facts::read`).
    pub sent_elsewhere: usize,
    /// The cycle's response rate: every invited organisation in the view, whatever
    /// framework it was asked to complete.
    pub rate: ResponseRate,
    /// What that rate divides by, when several frameworks were asked for.
    pub rate_basis: Option<String>,
    /// One per framework asked for: the main framework first.
    pub sections: Vec<Section>,
}

impl Figures {
    /// The main framework's section (there always is one).
    pub fn main(&self) -> &Section {
        &self.sections[0]
    }
}

async fn figures(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    filters: &Filters,
) -> Result<(super::access::Loaded, Figures), AppError> {
    let loaded = load(ctx, state, id, false).await?;
    let filter = filters.to_filter(&loaded.partnerships);
    let principal = &ctx.user()?.principal;
    let figures = compute(&state.db, &loaded.cycle, &loaded.partnerships, &filter, principal).await?;
    Ok((loaded, figures))
}

/// Every figure of a cycle's dashboard for one filter, from the returns `principal`
/// may read (in this cycle and in the one compared with): what the page and the CSV
/// and XLSX downloads show, and what `benches/dashboard.rs` times. A fixed number of
/// queries: a read of each cycle's facts and one per framework asked for.
pub async fn compute(
    db: &crate::db::Db,
    cycle: &super::store::CycleRow,
    partnerships: &[(i64, String)],
    filter: &Filter,
    principal: &Principal,
) -> Result<Figures, AppError> {
    let ids: Vec<i64> = partnerships.iter().map(|(p, _)| *p).collect();
    let visible = returns_visible_to(db, &Reader::of(principal, cycle.id, &ids)).await?;
    let read = super::facts::read(db, cycle, &ids, &visible, Detail::StandardsAndQuestions).await?;
    let cohort = Cohort::new(&read.organisations, filter);
    let previous = match super::store::previous(db, cycle).await? {
        Some(previous) => {
            // Read through the partnerships taking part in the earlier cycle.
            let members: Vec<i64> =
                super::store::partnerships(db, previous.id).await?.into_iter().map(|(p, _)| p).collect();
            let seen = returns_visible_to(db, &Reader::of(principal, previous.id, &members)).await?;
            let earlier = super::facts::read(db, &previous, &ids, &seen, Detail::Standards).await?;
            Some((previous, earlier))
        }
        None => None,
    };
    let frameworks = frameworks_asked(&read.organisations, cycle.main_framework_id);
    let mut sections: Vec<Section> = Vec::with_capacity(frameworks.len());
    for (place, framework) in frameworks.iter().enumerate() {
        let stored = framework_store::load(db, *framework).await?.ok_or(AppError::NotFound)?;
        let main = place == 0;
        let slug = if main {
            String::new()
        } else {
            let taken: Vec<String> = sections.iter().map(|s| s.slug.clone()).collect();
            sections::slug(&stored, place, &taken)
        };
        // The same framework in the earlier cycle is any version with the same key.
        let earlier = previous.as_ref().map(|(row, facts)| {
            let versions = facts.versions_of(&stored.summary.key);
            Earlier {
                cycle: row,
                asked: !versions.is_empty(),
                cohort: Cohort::new(&facts.organisations, filter).asked_for(&versions),
            }
        });
        sections.push(sections::compute(&stored, main, slug, &cohort.asked_for(&[*framework]), earlier));
    }
    let rate = response_rate(&cohort);
    Ok(Figures {
        sent_elsewhere: read.sent_elsewhere,
        rate_basis: overall_basis(&rate, sections.len()),
        rate,
        sections,
    })
}

/// A change in percentage points, in words.
pub fn change_words(points: &Option<i32>) -> String {
    match points {
        None => "Cannot compare".to_owned(),
        Some(0) => "No change".to_owned(),
        Some(p) if *p > 0 => format!("Up {p} points"),
        Some(p) => format!("Down {} points", -p),
    }
}

pub fn unit(scale: &Scale) -> &'static str {
    match scale {
        Scale::Percentage => "%",
        Scale::Count => "",
    }
}

pub fn standing_words(s: &Option<Standing>) -> (&'static str, &'static str) {
    match s {
        Some(s) => crate::assessments::task_list::standing_tag(*s),
        None => ("No standing", ""),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "cycles/dashboard.html")]
pub struct DashboardPage {
    page: Page,
    cycle_id: i64,
    cycle_name: String,
    figures: Figures,
    sectors: Vec<(&'static str, &'static str)>,
    duties: Vec<(&'static str, &'static str)>,
    partnerships: Vec<(String, String)>,
    filters: Filters,
    query: String,
}

pub async fn page(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Query(filters): Query<Filters>,
) -> Result<DashboardPage, AppError> {
    let (loaded, figures) = figures(&state, &ctx, id, &filters).await?;
    Ok(DashboardPage {
        page: ctx.page(format!("Dashboard – {}", loaded.cycle.name)),
        cycle_id: id,
        cycle_name: loaded.cycle.name,
        figures,
        sectors: Sector::ALL.iter().map(|s| (s.code(), s.label())).collect(),
        duties: DutyStatus::ALL.iter().map(|d| (d.code(), d.label())).collect(),
        partnerships: loaded.partnerships.iter().map(|(p, n)| (p.to_string(), n.clone())).collect(),
        query: filters.query(),
        filters,
    })
}

#[derive(Deserialize)]
pub struct Which {
    #[serde(default)]
    table: String,
}

/// GET `/cycles/{id}/dashboard.csv?table=…`: one of the dashboard's tables (see
/// [`tables::all`]), with the same filters as the page.
pub async fn csv(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Query(filters): Query<Filters>,
    Query(which): Query<Which>,
) -> Result<Response, AppError> {
    let (loaded, f) = figures(&state, &ctx, id, &filters).await?;
    let all = tables::all(&f);
    let wanted = if which.table.is_empty() { "standards" } else { which.table.as_str() };
    let table = all.iter().find(|t| t.key == wanted).ok_or(AppError::NotFound)?;
    let file = format!("cycle-{}-{}.csv", loaded.cycle.id, table.key);
    let heading = heading("Dashboard", &loaded, &filters);
    Ok(download(tables::csv(table, &heading)?, "text/csv; charset=utf-8", &file))
}

/// GET `/cycles/{id}/dashboard.xlsx`: every table of the dashboard, a sheet each, with
/// the same filters as the page.
pub async fn xlsx(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Query(filters): Query<Filters>,
) -> Result<Response, AppError> {
    let (loaded, f) = figures(&state, &ctx, id, &filters).await?;
    let heading = heading("Dashboard", &loaded, &filters);
    let body = tables::xlsx(&tables::all(&f), &heading).map_err(|e| AppError::Internal(e.into()))?;
    let file = format!("cycle-{}-dashboard.xlsx", loaded.cycle.id);
    Ok(download(body, crate::workbook::XLSX_TYPE, &file))
}

/// What a download of the dashboard says about itself before its table.
fn heading(title: &str, loaded: &super::access::Loaded, filters: &Filters) -> Heading {
    let names: Vec<&str> = loaded.partnerships.iter().map(|(_, n)| n.as_str()).collect();
    Heading::new(title, OffsetDateTime::now_utc())
        .about("Cycle", &loaded.cycle.name)
        .about(if names.len() == 1 { "Partnership" } else { "Partnerships" }, names.join(", "))
        .filters(&filters.described(&loaded.partnerships))
}

fn download(body: Vec<u8>, content_type: &str, file: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{file}\"")),
            // Figures about named organisations' safeguarding stay out of shared caches.
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        body,
    )
        .into_response()
}
