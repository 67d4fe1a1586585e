//! GET `/organisations/{id}/benchmark`: for each cycle that asked the organisation for
//! the cycle's main framework and that it answered, its standing per standard beside
//! its sector's shares across the partnerships of the cycle it serves.
//!
//! Who may: the organisation's safeguarding lead and senior sign-off, who read every
//! standard of its return. A contributor (who sees only the standards delegated to
//! them) is refused, and anyone outside the organisation is told it does not exist.
//! Partnership staff have the cycle dashboard instead.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;

use crate::cycles::store::{self as cycle_store, CycleRow};
use crate::frameworks::store as framework_store;
use crate::organisations::store as org_queries;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{Ctx, Page};
use crate::web::path::Path;
use osa_core::access::Action;
use osa_core::analytics::{
    Benchmark, Cohort, Filter, MIN_GROUP_FOR_COMPARISON, SectorComparison, StandardHeading, benchmark,
};
use osa_core::cycle::InvitationState;
use osa_core::framework::Standing;

/// The most recent cycles shown; older ones are in the partnership's records.
const CYCLES_SHOWN: usize = 3;

pub struct CycleBenchmark {
    pub cycle_name: String,
    pub partnerships: String,
    pub rows: Vec<Row>,
    /// Whether any standard has enough organisations to compare.
    pub any_compared: bool,
}

pub struct Row {
    pub code: String,
    pub title: String,
    pub own: Option<Standing>,
    /// Fully, partially and not met as whole percentages, and how many organisations.
    pub sector: Option<([u32; 3], usize)>,
}

impl Row {
    fn from(row: &osa_core::analytics::BenchmarkRow) -> Row {
        Row {
            code: row.standard.code.clone(),
            title: row.standard.title.clone(),
            own: row.own,
            sector: match &row.sector {
                SectorComparison::Compared(s) => Some((s.shares.map(|x| x.percent), s.counted)),
                SectorComparison::NotEnoughOrganisations => None,
            },
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "benchmarks/benchmark.html")]
pub struct BenchmarkPage {
    page: Page,
    organisation_id: i64,
    organisation_name: String,
    sector: &'static str,
    cycles: Vec<CycleBenchmark>,
    minimum: usize,
    not_enough: &'static str,
}

pub async fn page(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<BenchmarkPage, AppError> {
    let user = ctx.user()?;
    if !user.principal.decide(Action::ViewStandard { organisation: id, delegated: false }).is_allowed() {
        // A contributor belongs to the organisation, so is told no rather than nothing.
        return Err(if user.principal.is_org_member(id) { AppError::Forbidden } else { AppError::NotFound });
    }
    let organisation = org_queries::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let areas = org_queries::area_ids(&state.db, id).await?;
    let mut cycles = Vec::new();
    let answered = cycle_store::invitations_of_organisation(&state.db, id)
        .await?
        .into_iter()
        .filter(|(_, i)| i.state == InvitationState::Submitted);
    for (cycle, invitation) in answered {
        if cycles.len() == CYCLES_SHOWN {
            break;
        }
        if invitation.framework_id != cycle.main_framework_id {
            continue;
        }
        if let Some(found) = compare(&state, &cycle, id, &areas).await? {
            cycles.push(found);
        }
    }
    let (sector, _) = crate::assessments::access::profile_of(&organisation)?;
    Ok(BenchmarkPage {
        page: ctx.page(format!("How you compare – {}", organisation.name)),
        organisation_id: id,
        organisation_name: organisation.name,
        sector: sector.label(),
        cycles,
        minimum: MIN_GROUP_FOR_COMPARISON,
        not_enough: SectorComparison::NOT_ENOUGH_MESSAGE,
    })
}

/// The organisation beside its sector in one cycle, across the cycle's partnerships
/// that it serves (each organisation once).
async fn compare(
    state: &AppState,
    cycle: &CycleRow,
    organisation: i64,
    areas: &[i64],
) -> Result<Option<CycleBenchmark>, AppError> {
    let taking_part = cycle_store::partnerships(&state.db, cycle.id).await?;
    let served: Vec<(i64, String)> = taking_part.into_iter().filter(|(p, _)| areas.contains(p)).collect();
    if served.is_empty() {
        return Ok(None);
    }
    let ids: Vec<i64> = served.iter().map(|(p, _)| *p).collect();
    let framework =
        framework_store::load(&state.db, cycle.main_framework_id).await?.ok_or(AppError::NotFound)?;
    // The organisation is compared with the returns sent to the partnerships it
    // serves, the same returns those partnerships' dashboards count.
    let reader = crate::cycles::visible::Reader::through(cycle.id, ids.clone());
    let visible = crate::cycles::visible::returns_visible_to(&state.db, &reader).await?;
    let facts =
        crate::cycles::facts::read(&state.db, cycle, &ids, &visible, crate::cycles::facts::Detail::Standards)
            .await?;
    let filter = Filter { partnerships: ids, ..Filter::everyone() };
    // Compared only with returns on the same (main) framework: another framework's
    // standards share codes, not meaning.
    let cohort = Cohort::new(&facts.organisations, &filter).asked_for(&[cycle.main_framework_id]);
    let standards = StandardHeading::from_framework(&framework.framework);
    let Some(Benchmark { rows, .. }) = benchmark(&standards, &cohort, organisation) else { return Ok(None) };
    let rows: Vec<Row> = rows.iter().map(Row::from).collect();
    Ok(Some(CycleBenchmark {
        cycle_name: cycle.name.clone(),
        partnerships: served.into_iter().map(|(_, name)| name).collect::<Vec<_>>().join(" and "),
        any_compared: rows.iter().any(|r| r.sector.is_some()),
        rows,
    }))
}

pub fn standing_words(s: &Option<Standing>) -> (&'static str, &'static str) {
    crate::cycles::dashboard::standing_words(s)
}
