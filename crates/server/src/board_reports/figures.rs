//! The live figures of a board report: the dashboard's own figures for the report's
//! partnership (`cycles::dashboard::compute`, read through `cycles::visible`), the
//! main framework's in the findings and each other framework's in the appendices, with
//! the cycle's assurance meetings and the partnership's themes and actions. A draft
//! reads them afresh on every view; finalising stores them frozen.

use std::collections::BTreeMap;

use time::OffsetDateTime;

use crate::cycles::dashboard;
use crate::cycles::store::CycleRow;
use crate::db::Db;
use crate::frameworks::store as framework_store;
use crate::meetings::store as meeting_store;
use crate::partnership_actions::store::{self as action_store, Filter as ActionFilter};
use crate::web::error::AppError;
use crate::web::format;
use osa_core::access::Principal;
use osa_core::analytics::Filter;
use osa_core::meeting::{MeetingState, Outcome};
use osa_core::report::board::{
    ActionFigure, Figures, FrameworkOutline, MeetingFigure, OtherFramework, ResponseFigures, StandardFigures,
    ThemeFigures, participants, participants_and_heat,
};

/// Partnership actions and meetings read per report at most; a cycle has one meeting
/// per organisation and tens of actions.
const LIMIT: u64 = 2000;

/// The report's figures as they stand now, for `partnership` of the cycle, as
/// `principal` may read them.
pub async fn live(
    db: &Db,
    cycle: &CycleRow,
    partnership: (i64, &str),
    principal: &Principal,
) -> Result<Figures, AppError> {
    let (pid, pname) = partnership;
    let framework = framework_store::load(db, cycle.main_framework_id).await?.ok_or(AppError::NotFound)?;
    let d = dashboard::compute(db, cycle, &[(pid, pname.to_owned())], &Filter::default(), principal).await?;
    // The findings are the main framework's; organisations asked for another
    // framework still took part, so every section's returns name a participant.
    let main = d.main();
    let (_, heat) = participants_and_heat(&main.heat);
    let participants = participants(&d.sections.iter().map(|s| &s.heat).collect::<Vec<_>>());
    let shares_basis = main.shares_basis.clone();
    Ok(Figures {
        partnership: pname.to_owned(),
        cycle: cycle.name.clone(),
        opens_on: format::date(cycle.opens_on),
        due_on: format::date(cycle.due_on),
        framework: FrameworkOutline::of(&framework.framework),
        response: ResponseFigures::of(&d.rate),
        sent_elsewhere: d.sent_elsewhere,
        standards: main.shares.iter().map(StandardFigures::of).collect(),
        shares_basis,
        participants,
        heat,
        meetings: meetings(db, cycle.id, pid).await?,
        themes: themes(db, cycle.id, pid).await?,
        other_frameworks: d.sections[1..]
            .iter()
            .map(|s| OtherFramework {
                name: s.name.clone(),
                asked: s.rate_words.clone(),
                standards: s.shares.iter().map(StandardFigures::of).collect(),
                shares_basis: s.shares_basis.clone(),
                heat: participants_and_heat(&s.heat).1,
            })
            .collect(),
    })
}

async fn meetings(db: &Db, cycle: i64, partnership: i64) -> Result<Vec<MeetingFigure>, sqlx::Error> {
    let mut out = Vec::new();
    for m in meeting_store::of_cycle(db, cycle).await?.into_iter().filter(|m| m.partnership_id == partnership)
    {
        let questions = meeting_store::questions(db, m.id).await?;
        let count = |o: Outcome| questions.iter().filter(|q| q.outcome() == Some(o)).count();
        out.push(MeetingFigure {
            organisation: m.organisation_name.clone(),
            held_on: format::date(m.held_on),
            state: m.state().label().to_owned(),
            held: m.state() != MeetingState::Scheduled,
            questions: questions.len(),
            assured: count(Outcome::Assured),
            partly_assured: count(Outcome::PartlyAssured),
            not_assured: count(Outcome::NotAssured),
            agreed_actions: meeting_store::agreed_actions(db, m.id).await?.len(),
        });
    }
    out.sort_by_key(|m| m.organisation.to_lowercase());
    Ok(out)
}

/// The partnership's themes in use (and any retired one an action still answers),
/// each with its actions of this cycle; actions answering no theme last.
async fn themes(db: &Db, cycle: i64, partnership: i64) -> Result<Vec<ThemeFigures>, sqlx::Error> {
    let today = OffsetDateTime::now_utc().date();
    let actions = action_store::list(db, cycle, &ActionFilter::default(), today, LIMIT, 0).await?;
    let mut by_theme: BTreeMap<Option<i64>, Vec<ActionFigure>> = BTreeMap::new();
    for a in actions.into_iter().filter(|a| a.partnership_id == partnership) {
        by_theme.entry(a.theme_id).or_default().push(ActionFigure {
            title: a.title.clone(),
            lead_group: a.lead_group.clone(),
            target: format::date(a.target_date),
            status: a.status().label().to_owned(),
        });
    }
    let mut out = Vec::new();
    for t in crate::narratives::store::themes(db, &[partnership]).await? {
        let actions = by_theme.remove(&Some(t.id)).unwrap_or_default();
        if !t.is_retired() || !actions.is_empty() {
            out.push(ThemeFigures { name: t.name, actions });
        }
    }
    if let Some(actions) = by_theme.remove(&None) {
        out.push(ThemeFigures { name: String::new(), actions });
    }
    Ok(out)
}
