//! A cycle's dashboard: the response rate and who is outstanding, each standard's
//! shares of fully, partially and not met (an SVG stacked bar with the same figures in
//! a table), and the heat map of organisations by standards. Filters by sector, duty
//! status and partnership; an organisation serving several partnerships of a region
//! counts in each of them. Every table can be downloaded as CSV. The arithmetic is
//! `osa_core::analytics`; this file only reads, filters and renders.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::Query;
use serde::Deserialize;

use super::access::load;
use crate::frameworks::store as framework_store;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{Ctx, Page};
use osa_core::analytics::{
    Cohort, Filter, HeatMap, ResponseRate, StackedBar, StandardHeading, StandardShares, heat_map,
    response_rate, stacked_bars, standard_shares,
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
    pub rate: ResponseRate,
    pub shares: Vec<StandardShares>,
    pub bars: Vec<StackedBar>,
    pub heat: HeatMap,
}

async fn figures(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    filters: &Filters,
) -> Result<(super::access::Loaded, Figures), AppError> {
    let loaded = load(ctx, state, id, false).await?;
    let filter = filters.to_filter(&loaded.partnerships);
    let figures = compute(&state.db, &loaded.cycle, &loaded.partnerships, &filter).await?;
    Ok((loaded, figures))
}

/// Every figure of a cycle's dashboard for one filter: what the page and the CSV
/// downloads show, and what `benches/dashboard.rs` times.
pub async fn compute(
    db: &crate::db::Db,
    cycle: &super::store::CycleRow,
    partnerships: &[(i64, String)],
    filter: &Filter,
) -> Result<Figures, AppError> {
    let framework = framework_store::load(db, cycle.main_framework_id).await?.ok_or(AppError::NotFound)?;
    let ids: Vec<i64> = partnerships.iter().map(|(p, _)| *p).collect();
    let facts = super::facts::read(db, cycle, &ids).await?;
    let cohort = Cohort::new(&facts, filter);
    let standards = StandardHeading::from_framework(&framework.framework);
    let shares = standard_shares(&standards, &cohort);
    Ok(Figures {
        rate: response_rate(&cohort),
        bars: stacked_bars(&shares),
        heat: heat_map(&standards, &cohort),
        shares,
        standards,
    })
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

/// GET `/cycles/{id}/dashboard.csv?table=…`: one of the dashboard's tables, with the
/// same filters as the page.
pub async fn csv(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Query(filters): Query<Filters>,
    Query(which): Query<Which>,
) -> Result<Response, AppError> {
    let (loaded, f) = figures(&state, &ctx, id, &filters).await?;
    let mut out = csv::Writer::from_writer(Vec::new());
    let write =
        |out: &mut csv::Writer<Vec<u8>>, row: Vec<String>| out.write_record(row).map_err(anyhow::Error::from);
    let name = match which.table.as_str() {
        "outstanding" => {
            write(&mut out, vec!["Organisation".into(), "State".into()])?;
            for o in &f.rate.outstanding {
                write(&mut out, vec![o.name.clone(), o.state.label().into()])?;
            }
            "outstanding"
        }
        "heatmap" => {
            let mut head = vec!["Organisation".to_owned(), "Sector".into(), "Duty status".into()];
            head.extend(f.standards.iter().map(|s| format!("{} {}", s.code, s.title)));
            write(&mut out, head)?;
            for row in &f.heat.rows {
                let mut line = vec![row.name.clone(), row.sector.label().into(), row.duty.label().into()];
                line.extend(row.cells.iter().map(|c| standing_words(c).0.to_owned()));
                write(&mut out, line)?;
            }
            "heat-map"
        }
        _ => {
            write(
                &mut out,
                [
                    "Standard",
                    "Returns counted",
                    "Fully met",
                    "Fully met %",
                    "Partially met",
                    "Partially met %",
                    "Not met",
                    "Not met %",
                ]
                .map(String::from)
                .to_vec(),
            )?;
            for s in &f.shares {
                let mut line =
                    vec![format!("{} {}", s.standard.code, s.standard.title), s.counted.to_string()];
                for share in &s.shares {
                    line.push(share.count.to_string());
                    line.push(share.percent.to_string());
                }
                write(&mut out, line)?;
            }
            "standards"
        }
    };
    let bytes = out.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?;
    let file = format!("cycle-{}-{name}.csv", loaded.cycle.id);
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{file}\"")),
        ],
        bytes,
    )
        .into_response())
}
