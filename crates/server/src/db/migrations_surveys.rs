//! Migration 17: practitioner surveys, their questions, a link per organisation, and
//! the counts of answers (never a row per person; see `schema_surveys`).

use sea_query::{ColumnDef, Index, Table};

use super::migrations::{Step, fk, id_column, index, timestamp, unique_index};
use super::schema::{Cycles, Organisations};
use super::schema_surveys::*;

pub fn surveys() -> Vec<Step> {
    vec![
        Step::Table(Box::new(
            Table::create()
                .table(Surveys::Table)
                .col(id_column(Surveys::Id))
                .col(ColumnDef::new(Surveys::CycleId).big_integer().not_null())
                .col(ColumnDef::new(Surveys::Title).text().not_null())
                .col(ColumnDef::new(Surveys::ClosesOn).date().null())
                .col(ColumnDef::new(Surveys::ClosedAt).timestamp_with_time_zone().null())
                .col(ColumnDef::new(Surveys::ClosedBy).big_integer().null())
                .col(ColumnDef::new(Surveys::CreatedBy).big_integer().not_null())
                .col(timestamp(Surveys::CreatedAt))
                .foreign_key(&mut fk((Surveys::Table, Surveys::CycleId), (Cycles::Table, Cycles::Id)))
                .to_owned(),
        )),
        index("surveys_cycle", Surveys::Table, &["cycle_id", "id"]),
        Step::Table(Box::new(
            Table::create()
                .table(SurveyQuestions::Table)
                .col(id_column(SurveyQuestions::Id))
                .col(ColumnDef::new(SurveyQuestions::SurveyId).big_integer().not_null())
                .col(ColumnDef::new(SurveyQuestions::Position).integer().not_null())
                .col(ColumnDef::new(SurveyQuestions::CriterionCode).text().not_null())
                .col(ColumnDef::new(SurveyQuestions::Wording).text().not_null())
                .foreign_key(&mut fk(
                    (SurveyQuestions::Table, SurveyQuestions::SurveyId),
                    (Surveys::Table, Surveys::Id),
                ))
                .to_owned(),
        )),
        unique_index("survey_questions_position", SurveyQuestions::Table, &["survey_id", "position"]),
        Step::Table(Box::new(
            Table::create()
                .table(SurveyLinks::Table)
                .col(ColumnDef::new(SurveyLinks::SurveyId).big_integer().not_null())
                .col(ColumnDef::new(SurveyLinks::OrganisationId).big_integer().not_null())
                .col(ColumnDef::new(SurveyLinks::Token).text().not_null())
                .col(timestamp(SurveyLinks::CreatedAt))
                .primary_key(Index::create().col(SurveyLinks::SurveyId).col(SurveyLinks::OrganisationId))
                .foreign_key(&mut fk(
                    (SurveyLinks::Table, SurveyLinks::SurveyId),
                    (Surveys::Table, Surveys::Id),
                ))
                .foreign_key(&mut fk(
                    (SurveyLinks::Table, SurveyLinks::OrganisationId),
                    (Organisations::Table, Organisations::Id),
                ))
                .to_owned(),
        )),
        unique_index("survey_links_token", SurveyLinks::Table, &["token"]),
        // An organisation's lead reads the links of its organisation.
        index("survey_links_organisation", SurveyLinks::Table, &["organisation_id", "survey_id"]),
        Step::Table(Box::new(
            Table::create()
                .table(SurveyAnswerCounts::Table)
                .col(ColumnDef::new(SurveyAnswerCounts::SurveyId).big_integer().not_null())
                .col(ColumnDef::new(SurveyAnswerCounts::OrganisationId).big_integer().not_null())
                .col(ColumnDef::new(SurveyAnswerCounts::QuestionId).big_integer().not_null())
                .col(ColumnDef::new(SurveyAnswerCounts::Answer).text().not_null())
                .col(ColumnDef::new(SurveyAnswerCounts::Responses).big_integer().not_null())
                .primary_key(
                    Index::create()
                        .col(SurveyAnswerCounts::SurveyId)
                        .col(SurveyAnswerCounts::OrganisationId)
                        .col(SurveyAnswerCounts::QuestionId)
                        .col(SurveyAnswerCounts::Answer),
                )
                .foreign_key(&mut fk(
                    (SurveyAnswerCounts::Table, SurveyAnswerCounts::SurveyId),
                    (Surveys::Table, Surveys::Id),
                ))
                .foreign_key(&mut fk(
                    (SurveyAnswerCounts::Table, SurveyAnswerCounts::QuestionId),
                    (SurveyQuestions::Table, SurveyQuestions::Id),
                ))
                .foreign_key(&mut fk(
                    (SurveyAnswerCounts::Table, SurveyAnswerCounts::OrganisationId),
                    (Organisations::Table, Organisations::Id),
                ))
                .to_owned(),
        )),
    ]
}

/// Migration 21: single-use response codes, and the burst limit's recent sends.
pub fn response_codes() -> Vec<Step> {
    vec![
        Step::Table(Box::new(
            Table::create()
                .table(SurveyCodes::Table)
                .col(ColumnDef::new(SurveyCodes::CodeHash).text().not_null().primary_key())
                .col(ColumnDef::new(SurveyCodes::SurveyId).big_integer().not_null())
                .col(ColumnDef::new(SurveyCodes::OrganisationId).big_integer().not_null())
                .col(ColumnDef::new(SurveyCodes::Used).boolean().not_null().default(false))
                .foreign_key(&mut fk(
                    (SurveyCodes::Table, SurveyCodes::SurveyId),
                    (Surveys::Table, Surveys::Id),
                ))
                .foreign_key(&mut fk(
                    (SurveyCodes::Table, SurveyCodes::OrganisationId),
                    (Organisations::Table, Organisations::Id),
                ))
                .to_owned(),
        )),
        // Counting issued and used codes per organisation of a survey.
        index("survey_codes_survey", SurveyCodes::Table, &["survey_id", "organisation_id", "used"]),
        Step::Table(Box::new(
            Table::create()
                .table(SurveyAnswerBursts::Table)
                .col(id_column(SurveyAnswerBursts::Id))
                .col(ColumnDef::new(SurveyAnswerBursts::AddressHash).text().not_null())
                .col(timestamp(SurveyAnswerBursts::At))
                .to_owned(),
        )),
        index("survey_answer_bursts_address", SurveyAnswerBursts::Table, &["address_hash", "at"]),
        index("survey_answer_bursts_at", SurveyAnswerBursts::Table, &["at"]),
    ]
}
