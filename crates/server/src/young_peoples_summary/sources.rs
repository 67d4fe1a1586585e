//! What a summary is written from: the cycle's counts (through `cycles::facts` and
//! `osa_core::analytics`, read as the summary's partnership reads them), the
//! partnership's questions from children and young people with the answers given at
//! the cycle's assurance meetings, and the cycle's partnership actions of that
//! partnership. The organisations' own words and names stay on the admin's pages:
//! only counts and the chosen texts go into the draft.

use sea_query::{Expr, ExprTrait, Order, Query};
use time::{Date, OffsetDateTime};

use crate::cycles::facts::{self, Detail};
use crate::cycles::store::CycleRow;
use crate::cycles::visible::{Reader, returns_visible_to};
use crate::db::Db;
use crate::db::schema::Organisations;
use crate::frameworks::store as framework_store;
use crate::meetings::schema::{AssuranceMeetings, MeetingQuestions};
use crate::meetings::store::{self as meeting_store, CypQuestionRow};
use crate::partnership_actions::store::{self as action_store, ActionRow, Filter};
use osa_core::analytics::{Cohort, Filter as CohortFilter, response_rate};
use osa_core::partnership_action::PartnershipActionStatus;
use osa_core::young_peoples_summary::{ActionInput, DraftInputs, QuestionInput, Summary, TakingPart, draft};

/// One organisation's answer at one of the cycle's meetings, for the admin to read
/// while writing (never copied into the summary by osa).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CycleAnswer {
    pub cyp_question_id: i64,
    pub organisation_name: String,
    pub answer: String,
}

/// A question from children and young people with the cycle's answers to it.
pub struct Asked {
    pub question: CypQuestionRow,
    pub answers: Vec<CycleAnswer>,
}

/// Everything the summary of one cycle may draw on.
pub struct Sources {
    pub partnership_name: String,
    pub taking_part: TakingPart,
    pub topics: usize,
    pub questions: Vec<Asked>,
    pub actions: Vec<ActionRow>,
}

async fn cycle_answers(db: &Db, cycle: i64) -> Result<Vec<CycleAnswer>, sqlx::Error> {
    use AssuranceMeetings as M;
    use MeetingQuestions as Q;
    db.fetch_all(
        &Query::select()
            .expr_as(Expr::col((Q::Table, Q::CypQuestionId)), "cyp_question_id")
            .expr_as(Expr::col((Organisations::Table, Organisations::Name)), "organisation_name")
            .column((Q::Table, Q::Answer))
            .from(Q::Table)
            .inner_join(M::Table, Expr::col((M::Table, M::Id)).equals((Q::Table, Q::MeetingId)))
            .inner_join(
                Organisations::Table,
                Expr::col((Organisations::Table, Organisations::Id)).equals((M::Table, M::OrganisationId)),
            )
            .and_where(Expr::col((M::Table, M::CycleId)).eq(cycle))
            .and_where(Expr::col((Q::Table, Q::CypQuestionId)).is_not_null())
            .and_where(Expr::col((Q::Table, Q::Answer)).ne(""))
            .order_by((Organisations::Table, Organisations::Name), Order::Asc)
            .limit(meeting_store::LIST_LIMIT)
            .to_owned(),
    )
    .await
}

/// Reads the sources of `cycle`'s summary, kept by `partnership` (the cycle's own).
pub async fn read(
    db: &Db,
    cycle: &CycleRow,
    partnership: (i64, &str),
    members: &[i64],
    today: Date,
) -> anyhow::Result<Sources> {
    let (partnership, partnership_name) = partnership;
    // The summary is the partnership's, so it counts as its staff read the cycle: the
    // returns sent to it, the organisations serving its area.
    let visible = returns_visible_to(db, &Reader::through(cycle.id, vec![partnership])).await?;
    let read = facts::read(db, cycle, members, &visible, Detail::Standards).await?;
    let rate = response_rate(&Cohort::new(&read.organisations, &CohortFilter::partnership(partnership)));
    let topics = match framework_store::load(db, cycle.main_framework_id).await? {
        Some(stored) => stored.framework.standards.len(),
        None => 0,
    };
    let mut answers = cycle_answers(db, cycle.id).await?;
    let mut questions: Vec<Asked> = meeting_store::cyp_questions(db, partnership)
        .await?
        .into_iter()
        .map(|question| {
            let (mine, rest) = answers.drain(..).partition(|a| a.cyp_question_id == question.id);
            answers = rest;
            Asked { question, answers: mine }
        })
        .collect();
    // Oldest raised first, as the story of the cycle reads.
    questions.reverse();
    let actions = action_store::list(db, cycle.id, &Filter::default(), today, 200, 0)
        .await?
        .into_iter()
        .filter(|a| a.partnership_id == partnership)
        .collect();
    Ok(Sources {
        partnership_name: partnership_name.to_owned(),
        taking_part: TakingPart::of(&rate),
        topics,
        questions,
        actions,
    })
}

impl Sources {
    pub fn question_input(a: &Asked) -> QuestionInput {
        QuestionInput { id: a.question.id, question: a.question.question.clone(), answers: a.answers.len() }
    }

    pub fn action_input(a: &ActionRow) -> ActionInput {
        ActionInput {
            id: a.id,
            title: a.title.clone(),
            target: a.target_date,
            completed: a.status() == PartnershipActionStatus::Completed,
        }
    }

    /// osa's first draft: every question that has answers in the cycle, oldest raised
    /// first, and every action, soonest target first (up to the core's limit of each).
    pub fn first_draft(&self, cycle: &CycleRow) -> Summary {
        let questions: Vec<QuestionInput> =
            self.questions.iter().filter(|a| !a.answers.is_empty()).map(Sources::question_input).collect();
        let actions: Vec<ActionInput> = self.actions.iter().map(Sources::action_input).collect();
        draft(&DraftInputs {
            partnership: &self.partnership_name,
            year: cycle.due_on.year(),
            taking_part: self.taking_part,
            topics: self.topics,
            questions: &questions,
            actions: &actions,
        })
    }
}

pub fn today() -> Date {
    OffsetDateTime::now_utc().date()
}
