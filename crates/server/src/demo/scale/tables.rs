//! The batches of every table an organisation's assessment, returns and invitations
//! fill, flushed together in an order that satisfies the foreign keys.

use sea_query::Query;

use super::rows::Rows;
use crate::db::Tx;
use crate::db::schema::{
    Actions, AssessmentSummaries, Assessments, Invitations, Responses, ReturnPartnerships, ReturnRatings,
    ReturnStandings, ReturnValues, Returns, Rounds, SummarisedReturns, ToConfirm,
};
use crate::narratives::schema::{NarrativeIndexedReturns, NarrativePassages};

macro_rules! rows {
    ($table:ident, [$($col:ident),+ $(,)?]) => {{
        let columns = [$($table::$col),+];
        Rows::new(Query::insert().into_table($table::Table).columns(columns).to_owned(), columns.len())
    }};
}

pub struct Tables {
    pub assessments: Rows,
    pub rounds: Rows,
    pub responses: Rows,
    pub to_confirm: Rows,
    pub summaries: Rows,
    pub actions: Rows,
    pub returns: Rows,
    pub summarised: Rows,
    pub standings: Rows,
    pub ratings: Rows,
    pub values: Rows,
    pub indexed: Rows,
    pub passages: Rows,
    pub sent_to: Rows,
    pub invitations: Rows,
    /// Answers frozen in the returns' snapshots (counted, not a table of their own).
    pub snapshot_answers: u64,
    /// How many organisations these rows are for.
    pub organisations: u64,
}

impl Tables {
    pub fn new() -> Tables {
        Tables {
            assessments: rows!(
                Assessments,
                [Id, OrganisationId, FrameworkKey, FrameworkId, CreatedAt, CreatedBy]
            ),
            rounds: rows!(Rounds, [Id, AssessmentId, FromReturnId, StartedBy, StartedAt]),
            responses: rows!(
                Responses,
                [
                    AssessmentId,
                    CriterionCode,
                    Rating,
                    YesNo,
                    NumberValue,
                    TextValue,
                    Narrative,
                    ImprovementAction,
                    Version,
                    UpdatedAt,
                    UpdatedBy,
                ]
            ),
            to_confirm: rows!(ToConfirm, [AssessmentId, CriterionCode, RoundId]),
            summaries: rows!(
                AssessmentSummaries,
                [AssessmentId, StandardCode, Status, Standing, Complete, Applicable]
            ),
            actions: rows!(
                Actions,
                [
                    AssessmentId,
                    CriterionCode,
                    What,
                    ResponsibleLead,
                    TargetDate,
                    ExpectedOutcome,
                    ImpactMeasure,
                    Status,
                    CreatedAt,
                    UpdatedAt,
                ]
            ),
            returns: rows!(
                Returns,
                [
                    Id,
                    AssessmentId,
                    FrameworkId,
                    State,
                    Snapshot,
                    SignedOffBy,
                    SignedOffAt,
                    SubmittedBy,
                    SubmittedAt,
                    SamePerson,
                ]
            ),
            summarised: rows!(SummarisedReturns, [ReturnId]),
            standings: rows!(ReturnStandings, [ReturnId, StandardCode, Standing, Applies]),
            ratings: rows!(ReturnRatings, [ReturnId, CriterionCode, Rating]),
            values: rows!(ReturnValues, [ReturnId, CriterionCode, Value]),
            indexed: rows!(NarrativeIndexedReturns, [ReturnId, IndexedAt]),
            passages: rows!(NarrativePassages, [ReturnId, CriterionCode, StandardCode, Passage]),
            sent_to: rows!(ReturnPartnerships, [ReturnId, PartnershipId]),
            invitations: rows!(
                Invitations,
                [
                    CycleId,
                    OrganisationId,
                    FrameworkId,
                    FrameworkKey,
                    ReturnId,
                    NonSubmissionReason,
                    NonSubmissionBy,
                    NonSubmissionAt,
                    RemindersPaused,
                    InvitedBy,
                    InvitedAt,
                ]
            ),
            snapshot_answers: 0,
            organisations: 0,
        }
    }

    /// Writes everything waiting, parents before children.
    pub async fn flush(&mut self, tx: &mut Tx) -> Result<(), sqlx::Error> {
        for rows in [
            &mut self.assessments,
            &mut self.responses,
            &mut self.summaries,
            &mut self.actions,
            &mut self.returns,
            &mut self.rounds,
            &mut self.to_confirm,
            &mut self.summarised,
            &mut self.standings,
            &mut self.ratings,
            &mut self.values,
            &mut self.indexed,
            &mut self.passages,
            &mut self.sent_to,
            &mut self.invitations,
        ] {
            rows.flush(tx).await?;
        }
        Ok(())
    }
}
