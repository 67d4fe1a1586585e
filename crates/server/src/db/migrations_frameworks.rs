//! Migration 2: frameworks, their standards and criteria, mappings between
//! frameworks, and partnerships' local questions.

use sea_query::{ColumnDef, Index, Table};

use super::migrations::{Step, fk, id_column, index, timestamp};
use super::schema::*;

#[allow(clippy::too_many_lines, reason = "a declarative list of schema statements")]
pub fn frameworks() -> Vec<Step> {
    vec![
        Step::Table(Box::new(
            Table::create()
                .table(Frameworks::Table)
                .col(id_column(Frameworks::Id))
                .col(ColumnDef::new(Frameworks::Key).text().not_null())
                .col(ColumnDef::new(Frameworks::Version).integer().not_null())
                .col(ColumnDef::new(Frameworks::Name).text().not_null())
                .col(ColumnDef::new(Frameworks::Audience).text().not_null())
                .col(ColumnDef::new(Frameworks::Description).text().not_null())
                .col(ColumnDef::new(Frameworks::StandingRule).text().not_null())
                .col(ColumnDef::new(Frameworks::State).text().not_null())
                .col(ColumnDef::new(Frameworks::OwnerPartnershipId).big_integer().null())
                .col(ColumnDef::new(Frameworks::CriteriaCount).integer().not_null())
                .col(ColumnDef::new(Frameworks::Source).text().not_null())
                .col(timestamp(Frameworks::CreatedAt))
                .col(ColumnDef::new(Frameworks::CreatedBy).big_integer().null())
                .col(ColumnDef::new(Frameworks::PublishedAt).timestamp_with_time_zone().null())
                .index(
                    Index::create()
                        .name("frameworks_key_version")
                        .col(Frameworks::Key)
                        .col(Frameworks::Version)
                        .unique(),
                )
                .foreign_key(&mut fk(
                    (Frameworks::Table, Frameworks::OwnerPartnershipId),
                    (Partnerships::Table, Partnerships::Id),
                ))
                .to_owned(),
        )),
        Step::Table(Box::new(
            Table::create()
                .table(FrameworkStandards::Table)
                .col(id_column(FrameworkStandards::Id))
                .col(ColumnDef::new(FrameworkStandards::FrameworkId).big_integer().not_null())
                .col(ColumnDef::new(FrameworkStandards::Position).integer().not_null())
                .col(ColumnDef::new(FrameworkStandards::Code).text().not_null())
                .col(ColumnDef::new(FrameworkStandards::Title).text().not_null())
                .col(ColumnDef::new(FrameworkStandards::Outcome).text().not_null())
                .foreign_key(&mut fk(
                    (FrameworkStandards::Table, FrameworkStandards::FrameworkId),
                    (Frameworks::Table, Frameworks::Id),
                ))
                .to_owned(),
        )),
        index("framework_standards_framework", FrameworkStandards::Table, &["framework_id", "position"]),
        Step::Table(Box::new(
            Table::create()
                .table(FrameworkCriteria::Table)
                .col(id_column(FrameworkCriteria::Id))
                .col(ColumnDef::new(FrameworkCriteria::FrameworkId).big_integer().not_null())
                .col(ColumnDef::new(FrameworkCriteria::StandardId).big_integer().not_null())
                .col(ColumnDef::new(FrameworkCriteria::Position).integer().not_null())
                .col(ColumnDef::new(FrameworkCriteria::Code).text().not_null())
                .col(ColumnDef::new(FrameworkCriteria::Question).text().not_null())
                .col(ColumnDef::new(FrameworkCriteria::Guidance).text().not_null())
                .col(ColumnDef::new(FrameworkCriteria::Evidence).text().not_null())
                .col(ColumnDef::new(FrameworkCriteria::AnswerType).text().not_null())
                .col(ColumnDef::new(FrameworkCriteria::NotApplicable).boolean().not_null())
                .col(ColumnDef::new(FrameworkCriteria::NarrativeRequired).boolean().not_null())
                .col(ColumnDef::new(FrameworkCriteria::Sectors).text().not_null())
                .col(ColumnDef::new(FrameworkCriteria::Duty).text().not_null())
                .index(
                    Index::create()
                        .name("framework_criteria_code")
                        .col(FrameworkCriteria::FrameworkId)
                        .col(FrameworkCriteria::Code)
                        .unique(),
                )
                .foreign_key(&mut fk(
                    (FrameworkCriteria::Table, FrameworkCriteria::FrameworkId),
                    (Frameworks::Table, Frameworks::Id),
                ))
                .foreign_key(&mut fk(
                    (FrameworkCriteria::Table, FrameworkCriteria::StandardId),
                    (FrameworkStandards::Table, FrameworkStandards::Id),
                ))
                .to_owned(),
        )),
        index("framework_criteria_standard", FrameworkCriteria::Table, &["standard_id", "position"]),
        Step::Table(Box::new(
            Table::create()
                .table(CriterionMappings::Table)
                .col(id_column(CriterionMappings::Id))
                .col(ColumnDef::new(CriterionMappings::FrameworkId).big_integer().not_null())
                .col(ColumnDef::new(CriterionMappings::CriterionCode).text().not_null())
                .col(ColumnDef::new(CriterionMappings::TargetKey).text().not_null())
                .col(ColumnDef::new(CriterionMappings::TargetCode).text().not_null())
                .foreign_key(&mut fk(
                    (CriterionMappings::Table, CriterionMappings::FrameworkId),
                    (Frameworks::Table, Frameworks::Id),
                ))
                .to_owned(),
        )),
        index("criterion_mappings_framework", CriterionMappings::Table, &["framework_id", "criterion_code"]),
        index("criterion_mappings_target", CriterionMappings::Table, &["target_key", "target_code"]),
        Step::Table(Box::new(
            Table::create()
                .table(LocalQuestions::Table)
                .col(id_column(LocalQuestions::Id))
                .col(ColumnDef::new(LocalQuestions::PartnershipId).big_integer().not_null())
                .col(ColumnDef::new(LocalQuestions::FrameworkKey).text().not_null())
                .col(ColumnDef::new(LocalQuestions::StandardCode).text().null())
                .col(ColumnDef::new(LocalQuestions::LocalStandardTitle).text().null())
                .col(ColumnDef::new(LocalQuestions::Code).text().not_null())
                .col(ColumnDef::new(LocalQuestions::Question).text().not_null())
                .col(ColumnDef::new(LocalQuestions::Guidance).text().not_null())
                .col(ColumnDef::new(LocalQuestions::AnswerType).text().not_null())
                .col(ColumnDef::new(LocalQuestions::NotApplicable).boolean().not_null())
                .col(ColumnDef::new(LocalQuestions::NarrativeRequired).boolean().not_null())
                .col(timestamp(LocalQuestions::CreatedAt))
                .col(ColumnDef::new(LocalQuestions::CreatedBy).big_integer().null())
                .foreign_key(&mut fk(
                    (LocalQuestions::Table, LocalQuestions::PartnershipId),
                    (Partnerships::Table, Partnerships::Id),
                ))
                .to_owned(),
        )),
        index("local_questions_partnership", LocalQuestions::Table, &["partnership_id", "framework_key"]),
    ]
}
