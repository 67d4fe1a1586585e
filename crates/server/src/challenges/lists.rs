//! The two overviews: an organisation's challenges and requests for changes that
//! await it (with answer and resolve forms), and a cycle's count of them per
//! organisation for the partnership.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;

use super::store::{self, Tally};
use super::view::{ThreadView, with_messages};
use crate::cycles::access as cycle_access;
use crate::cycles::store::CycleRow;
use crate::frameworks::store as framework_store;
use crate::organisations::store as org_queries;
use crate::return_copies::store as return_store;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::format::datetime;
use crate::web::page::{Ctx, Page};
use crate::web::path::Path;
use osa_core::challenge::{Step, may_read_organisation_threads};

/// One return's threads that await the organisation.
pub struct ReturnGroup {
    pub return_id: i64,
    /// "Test framework, submitted 3 March 2027 at 10:00"
    pub heading: String,
    pub threads: Vec<ThreadView>,
}

#[derive(Template, WebTemplate)]
#[template(path = "challenges/organisation.html")]
pub struct OrganisationPage {
    page: Page,
    organisation: org_queries::Organisation,
    groups: Vec<ReturnGroup>,
    is_lead: bool,
}

impl OrganisationPage {
    fn open_count(&self) -> usize {
        self.groups.iter().flat_map(|g| &g.threads).filter(|t| t.row.is_outstanding()).count()
    }
}

pub async fn organisation(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<OrganisationPage, AppError> {
    let user = ctx.user()?;
    AppError::check(may_read_organisation_threads(&user.principal, id))?;
    let organisation = org_queries::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let parties = osa_core::challenge::Parties { organisation: id, recipients: &[] };
    let is_lead =
        parties.may_take(&user.principal, Step::Answer, osa_core::challenge::Kind::Challenge, 0).is_allowed();
    let rows = store::awaiting_organisation(&state.db, id).await?;
    let mut groups: Vec<ReturnGroup> = Vec::new();
    for thread in with_messages(&state, rows).await? {
        if let Some(group) = groups.iter_mut().find(|g| g.return_id == thread.row.return_id) {
            group.threads.push(thread);
            continue;
        }
        let record = return_store::get(&state.db, thread.row.return_id).await?.ok_or(AppError::NotFound)?;
        let framework = framework_store::summary(&state.db, record.framework_id)
            .await?
            .map(|s| s.name)
            .unwrap_or_else(|| "Return".to_owned());
        let when = record.submitted_at.unwrap_or(record.signed_off_at);
        groups.push(ReturnGroup {
            return_id: thread.row.return_id,
            heading: format!("{framework}, submitted {}", datetime(when)),
            threads: vec![thread],
        });
    }
    Ok(OrganisationPage {
        page: ctx.page(format!("Challenges to {}", organisation.name)),
        organisation,
        groups,
        is_lead,
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "challenges/cycle.html")]
pub struct CyclePage {
    page: Page,
    cycle: CycleRow,
    tallies: Vec<Tally>,
}

impl CyclePage {
    /// The column total: 0 open, 1 answered, 2 resolved.
    fn total(&self, column: usize) -> i64 {
        self.tallies.iter().map(|t| [t.open, t.answered, t.resolved, t.activity_only][column]).sum()
    }
}

pub async fn cycle(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<CyclePage, AppError> {
    let loaded = cycle_access::load(&ctx, &state, id, false).await?;
    let tallies = store::tally_for_cycle(&state.db, &loaded.reader).await?;
    Ok(CyclePage {
        page: ctx.page(format!("Challenges: {}", loaded.cycle.name)),
        cycle: loaded.cycle,
        tallies,
    })
}
