//! Migration 24: assurance meetings (panel, questions, comments), questions from
//! children and young people, and where an action in a plan came from.

use sea_query::{ColumnDef, Table};

use super::migrations::{Step, fk, id_column, index, timestamp};
use super::schema::*;
use crate::meetings::schema::{
    AssuranceMeetings, CypQuestions, MeetingComments, MeetingPanel, MeetingQuestions,
};

#[allow(clippy::too_many_lines, reason = "a declarative list of schema statements")]
pub fn meetings() -> Vec<Step> {
    vec![
        Step::Table(Box::new(
            Table::create()
                .table(AssuranceMeetings::Table)
                .col(id_column(AssuranceMeetings::Id))
                .col(ColumnDef::new(AssuranceMeetings::PartnershipId).big_integer().not_null())
                .col(ColumnDef::new(AssuranceMeetings::CycleId).big_integer().not_null())
                .col(ColumnDef::new(AssuranceMeetings::OrganisationId).big_integer().not_null())
                .col(ColumnDef::new(AssuranceMeetings::HeldOn).date().not_null())
                .col(ColumnDef::new(AssuranceMeetings::State).text().not_null())
                .col(ColumnDef::new(AssuranceMeetings::Agenda).text().not_null())
                .col(ColumnDef::new(AssuranceMeetings::Notes).text().not_null())
                .col(ColumnDef::new(AssuranceMeetings::CreatedBy).big_integer().not_null())
                .col(timestamp(AssuranceMeetings::CreatedAt))
                .col(timestamp(AssuranceMeetings::UpdatedAt))
                .col(ColumnDef::new(AssuranceMeetings::FinalisedBy).big_integer().null())
                .col(ColumnDef::new(AssuranceMeetings::FinalisedAt).timestamp_with_time_zone().null())
                .foreign_key(&mut fk(
                    (AssuranceMeetings::Table, AssuranceMeetings::PartnershipId),
                    (Partnerships::Table, Partnerships::Id),
                ))
                .foreign_key(&mut fk(
                    (AssuranceMeetings::Table, AssuranceMeetings::CycleId),
                    (Cycles::Table, Cycles::Id),
                ))
                .foreign_key(&mut fk(
                    (AssuranceMeetings::Table, AssuranceMeetings::OrganisationId),
                    (Organisations::Table, Organisations::Id),
                ))
                .to_owned(),
        )),
        // A cycle's list, and an organisation's list, read their meetings by date.
        index("assurance_meetings_cycle", AssuranceMeetings::Table, &["cycle_id", "held_on"]),
        index("assurance_meetings_organisation", AssuranceMeetings::Table, &["organisation_id", "held_on"]),
        Step::Table(Box::new(
            Table::create()
                .table(MeetingPanel::Table)
                .col(id_column(MeetingPanel::Id))
                .col(ColumnDef::new(MeetingPanel::MeetingId).big_integer().not_null())
                .col(ColumnDef::new(MeetingPanel::UserId).big_integer().null())
                .col(ColumnDef::new(MeetingPanel::Name).text().not_null())
                .col(ColumnDef::new(MeetingPanel::Role).text().not_null())
                .foreign_key(&mut fk(
                    (MeetingPanel::Table, MeetingPanel::MeetingId),
                    (AssuranceMeetings::Table, AssuranceMeetings::Id),
                ))
                .to_owned(),
        )),
        index("meeting_panel_meeting", MeetingPanel::Table, &["meeting_id", "id"]),
        Step::Table(Box::new(
            Table::create()
                .table(CypQuestions::Table)
                .col(id_column(CypQuestions::Id))
                .col(ColumnDef::new(CypQuestions::PartnershipId).big_integer().not_null())
                .col(ColumnDef::new(CypQuestions::Question).text().not_null())
                .col(ColumnDef::new(CypQuestions::Source).text().not_null())
                .col(ColumnDef::new(CypQuestions::RaisedOn).date().not_null())
                .col(ColumnDef::new(CypQuestions::CreatedBy).big_integer().not_null())
                .col(timestamp(CypQuestions::CreatedAt))
                .foreign_key(&mut fk(
                    (CypQuestions::Table, CypQuestions::PartnershipId),
                    (Partnerships::Table, Partnerships::Id),
                ))
                .to_owned(),
        )),
        index("cyp_questions_partnership", CypQuestions::Table, &["partnership_id", "raised_on"]),
        Step::Table(Box::new(
            Table::create()
                .table(MeetingQuestions::Table)
                .col(id_column(MeetingQuestions::Id))
                .col(ColumnDef::new(MeetingQuestions::MeetingId).big_integer().not_null())
                .col(ColumnDef::new(MeetingQuestions::Source).text().not_null())
                .col(ColumnDef::new(MeetingQuestions::Question).text().not_null())
                .col(ColumnDef::new(MeetingQuestions::CypQuestionId).big_integer().null())
                .col(ColumnDef::new(MeetingQuestions::Answer).text().not_null())
                .col(ColumnDef::new(MeetingQuestions::Outcome).text().null())
                .col(ColumnDef::new(MeetingQuestions::CreatedBy).big_integer().not_null())
                .col(timestamp(MeetingQuestions::CreatedAt))
                .foreign_key(&mut fk(
                    (MeetingQuestions::Table, MeetingQuestions::MeetingId),
                    (AssuranceMeetings::Table, AssuranceMeetings::Id),
                ))
                .foreign_key(&mut fk(
                    (MeetingQuestions::Table, MeetingQuestions::CypQuestionId),
                    (CypQuestions::Table, CypQuestions::Id),
                ))
                .to_owned(),
        )),
        index("meeting_questions_meeting", MeetingQuestions::Table, &["meeting_id", "id"]),
        // The answers page reads every meeting's answer to one question.
        index("meeting_questions_cyp", MeetingQuestions::Table, &["cyp_question_id"]),
        Step::Table(Box::new(
            Table::create()
                .table(MeetingComments::Table)
                .col(id_column(MeetingComments::Id))
                .col(ColumnDef::new(MeetingComments::MeetingId).big_integer().not_null())
                .col(ColumnDef::new(MeetingComments::AuthorId).big_integer().not_null())
                .col(ColumnDef::new(MeetingComments::Body).text().not_null())
                .col(timestamp(MeetingComments::CreatedAt))
                .foreign_key(&mut fk(
                    (MeetingComments::Table, MeetingComments::MeetingId),
                    (AssuranceMeetings::Table, AssuranceMeetings::Id),
                ))
                .to_owned(),
        )),
        index("meeting_comments_meeting", MeetingComments::Table, &["meeting_id", "id"]),
        // An action agreed at a meeting keeps which meeting, and the words its plan
        // shows ("Agreed at the assurance meeting of 12 May 2025"); hand-added and
        // derived actions leave both empty.
        Step::Sql {
            sqlite: "ALTER TABLE actions ADD COLUMN meeting_id BIGINT NULL REFERENCES assurance_meetings (id)",
            postgres: "ALTER TABLE actions ADD COLUMN meeting_id BIGINT NULL REFERENCES assurance_meetings (id)",
        },
        Step::Sql {
            sqlite: "ALTER TABLE actions ADD COLUMN origin TEXT NULL",
            postgres: "ALTER TABLE actions ADD COLUMN origin TEXT NULL",
        },
        index("actions_meeting", Actions::Table, &["meeting_id"]),
    ]
}
