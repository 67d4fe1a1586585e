//! A cycle's dashboard: the response rate and who is outstanding, each standard's
//! shares of fully, partially and not met (an SVG stacked bar with the same figures in
//! a table), and the heat map of organisations by standards. Filters by sector, duty
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
    Cohort, CriterionHeading, CriterionShares, Distribution, Filter, Group, HeatMap, ResponseRate, Scale,
    StackedBar, StandardChange, StandardHeading, StandardShares, by_duty, by_sector, change_since,
    criterion_distribution, criterion_shares, heat_map, response_rate, stacked_bars, standard_shares,
    table_basis,
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
    pub standards: Vec<StandardHeading>,
    /// Invited organisations whose returns went only to partnerships the reader does
    /// not work for, left out of every figure (counted by `super::facts::read`).
    pub sent_elsewhere: usize,
    pub rate: ResponseRate,
    pub shares: Vec<StandardShares>,
    /// What the shares per standard divide by, in words.
    pub shares_basis: String,
    /// Per standard, its rated criteria's shares.
    pub criteria: Vec<CriteriaOfStandard>,
    pub bars: Vec<StackedBar>,
    pub heat: HeatMap,
    pub by_sector: Vec<Group<Sector>>,
    pub by_duty: Vec<Group<DutyStatus>>,
    /// `None` when the partnership ran no cycle before this one.
    pub change: Option<Change>,
    pub distributions: Vec<NumberDistribution>,
}

/// One standard's criteria with an outcome (rated, or yes or no), their shares and
/// what those divide by.
pub struct CriteriaOfStandard {
    pub standard: StandardHeading,
    pub rows: Vec<CriterionShares>,
    pub basis: String,
}

/// "1. Leadership": a standard as a row label in words.
pub fn standard_label(s: &StandardHeading) -> String {
    format!("{}. {}", s.code, s.title)
}

/// What changed since the partnership's previous cycle, with the same filter.
pub struct Change {
    pub previous_id: i64,
    pub previous_name: String,
    pub rows: Vec<StandardChange>,
}

/// One numeric criterion of the main framework across the submitted returns.
pub struct NumberDistribution {
    pub code: String,
    pub question: String,
    pub distribution: Distribution,
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
/// and XLSX downloads show, and what `benches/dashboard.rs` times.
pub async fn compute(
    db: &crate::db::Db,
    cycle: &super::store::CycleRow,
    partnerships: &[(i64, String)],
    filter: &Filter,
    principal: &Principal,
) -> Result<Figures, AppError> {
    let framework = framework_store::load(db, cycle.main_framework_id).await?.ok_or(AppError::NotFound)?;
    let ids: Vec<i64> = partnerships.iter().map(|(p, _)| *p).collect();
    let visible = returns_visible_to(db, &Reader::of(principal, cycle.id, &ids)).await?;
    let read = super::facts::read(db, cycle, &ids, &visible, Detail::StandardsAndQuestions).await?;
    let cohort = Cohort::new(&read.organisations, filter);
    let standards = StandardHeading::from_framework(&framework.framework);
    let shares = standard_shares(&standards, &cohort);
    let shares_basis = table_basis(
        "standard",
        &shares.iter().map(|s| (standard_label(&s.standard), s.tally)).collect::<Vec<_>>(),
    );
    let all_criteria = criterion_shares(&CriterionHeading::rated_of(&framework.framework), &cohort);
    let criteria = standards
        .iter()
        .map(|standard| {
            let rows: Vec<CriterionShares> =
                all_criteria.iter().filter(|c| c.criterion.standard == standard.code).cloned().collect();
            let basis = table_basis(
                "question",
                &rows.iter().map(|c| (c.criterion.code.clone(), c.tally)).collect::<Vec<_>>(),
            );
            CriteriaOfStandard { standard: standard.clone(), rows, basis }
        })
        .filter(|c| !c.rows.is_empty())
        .collect();
    let change = match super::store::previous(db, cycle).await? {
        Some(previous) => {
            // Read through the partnerships taking part in the earlier cycle.
            let members: Vec<i64> =
                super::store::partnerships(db, previous.id).await?.into_iter().map(|(p, _)| p).collect();
            let seen = returns_visible_to(db, &Reader::of(principal, previous.id, &members)).await?;
            let earlier = super::facts::read(db, &previous, &ids, &seen, Detail::Standards).await?;
            let rows = change_since(&standards, &cohort, &Cohort::new(&earlier.organisations, filter));
            Some(Change { previous_id: previous.id, previous_name: previous.name, rows })
        }
        None => None,
    };
    let distributions = framework
        .framework
        .standards
        .iter()
        .flat_map(|s| s.criteria.iter())
        .filter_map(|c| {
            let scale = Scale::of(c.answer)?;
            Some(NumberDistribution {
                code: c.code.clone(),
                question: c.question.clone(),
                distribution: criterion_distribution(&c.code, scale, &cohort),
            })
        })
        .collect();
    Ok(Figures {
        sent_elsewhere: read.sent_elsewhere,
        rate: response_rate(&cohort),
        bars: stacked_bars(&shares),
        heat: heat_map(&standards, &cohort),
        by_sector: by_sector(&standards, &cohort),
        by_duty: by_duty(&standards, &cohort),
        change,
        distributions,
        shares,
        shares_basis,
        criteria,
        standards,
    })
}

/// One row of a breakdown on the page: the group and its share fully met per standard.
pub struct GroupRow {
    pub label: &'static str,
    pub returns: usize,
    /// Per standard, "80% of 20" (the share fully met of the group's organisations
    /// for whom the standard applies), "Not applicable" where it applies to none of
    /// them because they answered it so, or "None" where no return has a standing.
    pub fully_met: Vec<String>,
}

fn group_row<K>(label: &'static str, g: &Group<K>) -> GroupRow {
    GroupRow {
        label,
        returns: g.returns,
        fully_met: g
            .standards
            .iter()
            .map(|s| match (s.counted, s.not_applicable) {
                (0, 0) => "None".to_owned(),
                (0, _) => "Not applicable".to_owned(),
                (counted, _) => format!("{}% of {counted}", s.fully_met().percent),
            })
            .collect(),
    }
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
        Some(s) => crate::assessments::pages::standing_tag(*s),
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
    breakdowns: Vec<Breakdown>,
}

/// A breakdown as the page shows it.
pub struct Breakdown {
    heading: &'static str,
    key: &'static str,
    groups: Vec<GroupRow>,
}

pub async fn page(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Query(filters): Query<Filters>,
) -> Result<DashboardPage, AppError> {
    let (loaded, figures) = figures(&state, &ctx, id, &filters).await?;
    let breakdowns = vec![
        Breakdown {
            heading: "By sector",
            key: "sectors",
            groups: figures.by_sector.iter().map(|g| group_row(g.key.label(), g)).collect(),
        },
        Breakdown {
            heading: "By duty status",
            key: "duty",
            groups: figures.by_duty.iter().map(|g| group_row(g.key.label(), g)).collect(),
        },
    ];
    Ok(DashboardPage {
        page: ctx.page(format!("Dashboard – {}", loaded.cycle.name)),
        cycle_id: id,
        cycle_name: loaded.cycle.name,
        figures,
        sectors: Sector::ALL.iter().map(|s| (s.code(), s.label())).collect(),
        duties: DutyStatus::ALL.iter().map(|d| (d.code(), d.label())).collect(),
        partnerships: loaded.partnerships.iter().map(|(p, n)| (p.to_string(), n.clone())).collect(),
        query: filters.query(),
        breakdowns,
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
    let heading = heading(table.title, &loaded, &filters);
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
