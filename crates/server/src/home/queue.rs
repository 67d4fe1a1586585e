//! What needs each person, read for their home page: per partnership they work for,
//! its open cycles with the response rate, the due date, overdue returns and open
//! challenges, and (for its admins) join requests waiting; per organisation, what is
//! asked of it and by when, actions overdue, challenges to answer, and (for its senior
//! sign-off) the returns ready for sign-off. Counts only: return content stays behind
//! the pages that check who may read it, and every count of returns goes through
//! `crate::cycles::visible`.

use time::Date;

use crate::assessments::requests::{ReturnRequest, return_requests};
use crate::assessments::store as assessment_store;
use crate::challenges::store as challenge_store;
use crate::cycles::facts::{self, Detail};
use crate::cycles::store as cycle_store;
use crate::cycles::visible::{Reader, returns_visible_to};
use crate::db::Db;
use crate::frameworks::store as framework_store;
use crate::organisations::store as org_queries;
use crate::web::error::AppError;
use osa_core::access::{Action, Principal};
use osa_core::analytics::{Cohort, Filter as CohortFilter, response_rate};
use osa_core::work_queue::{CycleProgress, cycle_progress};

/// An open cycle of a partnership, as its people see it at a glance.
pub struct OpenCycle {
    pub id: i64,
    pub name: String,
    pub progress: CycleProgress,
    /// Challenges raised on the cycle's returns, waiting for the organisation.
    pub challenges_open: i64,
    /// Challenges the organisation has answered, waiting for the partnership.
    pub challenges_answered: i64,
}

pub struct PartnershipWork {
    /// Only for the partnership's admins: they decide these.
    pub join_requests: Option<usize>,
    pub joint_cycles_asked: Option<usize>,
    pub cycles: Vec<OpenCycle>,
}

pub async fn partnership(
    db: &Db,
    principal: &Principal,
    partnership: i64,
    today: Date,
) -> Result<PartnershipWork, AppError> {
    let manages = principal.decide(Action::ManagePartnership { partnership }).is_allowed();
    let (join_requests, joint_cycles_asked) = if manages {
        (
            Some(org_queries::pending_requests(db, partnership).await?.len()),
            Some(cycle_store::waiting_for(db, partnership).await?.len()),
        )
    } else {
        (None, None)
    };
    let mut cycles = Vec::new();
    for cycle in cycle_store::of_partnership(db, partnership).await? {
        if !osa_core::cycle::is_open(cycle.opens_on, cycle.closed_at.is_some(), today) {
            continue;
        }
        // Counted as the partnership's staff read the cycle: the returns sent to this
        // partnership, the organisations serving its area (as its dashboard does).
        let reader = Reader::through(cycle.id, vec![partnership]);
        let visible = returns_visible_to(db, &reader).await?;
        let members: Vec<i64> =
            cycle_store::partnerships(db, cycle.id).await?.into_iter().map(|(id, _)| id).collect();
        let read = facts::read(db, &cycle, &members, &visible, Detail::Standards).await?;
        let rate = response_rate(&Cohort::new(&read.organisations, &CohortFilter::partnership(partnership)));
        let tallies = challenge_store::tally_for_cycle(db, &reader).await?;
        cycles.push(OpenCycle {
            id: cycle.id,
            progress: cycle_progress(&rate, cycle.due_on, today),
            name: cycle.name,
            challenges_open: tallies.iter().map(|t| t.open).sum(),
            challenges_answered: tallies.iter().map(|t| t.answered).sum(),
        });
    }
    Ok(PartnershipWork { join_requests, joint_cycles_asked, cycles })
}

/// A return ready for its senior sign-off: every answer given.
pub struct ReadyToSignOff {
    pub assessment: i64,
    pub framework: String,
}

pub struct OrganisationWork {
    /// What is asked and by when (for those who complete the assessment).
    pub requests: Vec<ReturnRequest>,
    pub actions_overdue: usize,
    pub challenges_to_answer: usize,
    /// Only for its senior sign-off.
    pub ready_to_sign_off: Option<Vec<ReadyToSignOff>>,
}

pub async fn organisation(
    db: &Db,
    principal: &Principal,
    organisation: i64,
    today: Date,
) -> Result<OrganisationWork, AppError> {
    let can_edit = principal.decide(Action::EditAssessment { organisation }).is_allowed();
    let signs_off = principal.decide(Action::SignOffReturn { organisation }).is_allowed();
    let assessments = assessment_store::of_organisation(db, organisation).await?;
    let versions = framework_store::list(db).await?;
    let requests = return_requests(db, organisation, &assessments, &versions, can_edit).await?;
    let mut actions_overdue = 0;
    for a in &assessments {
        actions_overdue += crate::action_plans::store::list(db, a.id)
            .await?
            .iter()
            .filter(|action| osa_core::assessment::is_overdue(action.status(), action.target_date, today))
            .count();
    }
    let challenges_to_answer = challenge_store::awaiting_organisation(db, organisation)
        .await?
        .iter()
        .filter(|t| t.is_outstanding())
        .count();
    let ready_to_sign_off = if signs_off {
        let mut ready = Vec::new();
        for r in requests.iter().filter(|r| r.state.is_outstanding()) {
            let Some(assessment) = r.assessment else { continue };
            if crate::assessments::returns::ready_for_sign_off(db, assessment).await? {
                ready.push(ReadyToSignOff { assessment, framework: r.framework.clone() });
            }
        }
        Some(ready)
    } else {
        None
    };
    Ok(OrganisationWork { requests, actions_overdue, challenges_to_answer, ready_to_sign_off })
}
