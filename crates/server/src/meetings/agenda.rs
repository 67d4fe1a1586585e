//! Gathering what osa knows about an organisation for its meeting's draft agenda:
//! the standings of the return it submitted to the cycle, the overdue actions of its
//! plan, the challenges on that return still open, and the practitioner survey
//! questions of the cycle where its staff and its self-assessment differ widely.
//! The drafting itself is `osa_core::meeting::draft_agenda`.

use std::collections::BTreeSet;

use sea_query::{Expr, ExprTrait, Order, Query};
use time::OffsetDateTime;

use crate::action_plans::store as action_store;
use crate::assessments::store as assessment_store;
use crate::challenges::store as challenge_store;
use crate::cycles::store::{CycleRow, Invitation};
use crate::cycles::visible::{Reader, returns_visible_to};
use crate::db::Db;
use crate::db::schema::{FrameworkStandards, ReturnStandings, Returns};
use crate::surveys::{results, store as survey_store};
use crate::web::error::AppError;
use osa_core::analytics::PractitionerView;
use osa_core::assessment::is_overdue;
use osa_core::challenge::State;
use osa_core::framework::Standing;
use osa_core::meeting::{AgendaFacts, OpenChallenge, OverdueAction, StandardStanding, SurveyGap};

/// The standings of a return, in the framework's order, with each standard's title.
async fn standings(db: &Db, return_id: i64) -> Result<Vec<StandardStanding>, AppError> {
    let rows: Vec<(String, String, String, bool)> = db
        .fetch_all(
            &Query::select()
                .column((ReturnStandings::Table, ReturnStandings::StandardCode))
                .column((FrameworkStandards::Table, FrameworkStandards::Title))
                .column((ReturnStandings::Table, ReturnStandings::Standing))
                .column((ReturnStandings::Table, ReturnStandings::Applies))
                .from(ReturnStandings::Table)
                .inner_join(
                    Returns::Table,
                    Expr::col((Returns::Table, Returns::Id))
                        .equals((ReturnStandings::Table, ReturnStandings::ReturnId)),
                )
                .inner_join(
                    FrameworkStandards::Table,
                    Expr::col((FrameworkStandards::Table, FrameworkStandards::FrameworkId))
                        .equals((Returns::Table, Returns::FrameworkId))
                        .and(
                            Expr::col((FrameworkStandards::Table, FrameworkStandards::Code))
                                .equals((ReturnStandings::Table, ReturnStandings::StandardCode)),
                        ),
                )
                .and_where(Expr::col((ReturnStandings::Table, ReturnStandings::ReturnId)).eq(return_id))
                .order_by((FrameworkStandards::Table, FrameworkStandards::Position), Order::Asc)
                .to_owned(),
        )
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(code, title, standing, applies)| {
            Some(StandardStanding { code, title, standing: Standing::from_code(&standing)?, applies })
        })
        .collect())
}

/// What a partnership's meetings of one cycle may be drafted from: the returns of the
/// cycle sent to that partnership (`cycles::visible`), and every practitioner survey
/// question of the cycle with its rows, self-ratings taken only from those returns.
/// Read once for a whole round, as each organisation's agenda takes its own part.
pub struct RoundFacts {
    visible: BTreeSet<i64>,
    surveys: Vec<results::QuestionResults>,
}

pub async fn round_facts(db: &Db, cycle: &CycleRow, partnership: i64) -> Result<RoundFacts, AppError> {
    let reader = Reader::through(cycle.id, vec![partnership]);
    let visible = returns_visible_to(db, &reader).await?;
    let mut surveys = Vec::new();
    for survey in survey_store::of_cycle(db, cycle.id).await? {
        surveys.extend(results::compute(db, &survey, cycle.main_framework_id, &reader).await?);
    }
    Ok(RoundFacts { visible, surveys })
}

/// What the agenda of `invitation`'s organisation is drafted from. A return sent only
/// to another partnership of a region's cycle is, for this partnership, not submitted:
/// its standings and challenges stay out of the agenda.
pub async fn facts(db: &Db, invitation: &Invitation, round: &RoundFacts) -> Result<AgendaFacts, AppError> {
    let organisation = invitation.organisation_id;
    let sent_here = invitation.return_id.filter(|r| round.visible.contains(r));
    let mut facts = AgendaFacts { submitted: sent_here.is_some(), ..Default::default() };
    if let Some(return_id) = sent_here {
        facts.standings = standings(db, return_id).await?;
        for t in challenge_store::of_return(db, return_id).await? {
            if t.state() == Some(State::Open) {
                let about = match &t.criterion_code {
                    Some(code) => format!("criterion {code}"),
                    None => "the whole return".to_owned(),
                };
                facts.open_challenges.push(OpenChallenge { about, partnership: t.partnership_name.clone() });
            }
        }
    }
    let today = OffsetDateTime::now_utc().date();
    let assessments = assessment_store::of_organisation(db, organisation).await?;
    if let Some(a) = assessments.iter().find(|a| a.framework_key == invitation.framework_key) {
        for action in action_store::list(db, a.id).await? {
            if let Some(target) =
                action.target_date.filter(|_| is_overdue(action.status(), action.target_date, today))
            {
                facts.overdue_actions.push(OverdueAction { what: action.what, target });
            }
        }
    }
    for q in &round.surveys {
        for row in q.rows.iter().filter(|r| r.organisation_id == organisation) {
            if let (Some(difference), PractitionerView::Positive { percent, .. }) =
                (row.flag, row.practitioners)
            {
                facts.survey_gaps.push(SurveyGap {
                    wording: q.question.wording.clone(),
                    percent,
                    difference,
                });
            }
        }
    }
    Ok(facts)
}
