//! Migration 7: evidence files attached to an assessment's criteria. Only each file's
//! key in the file store and what is shown about it are kept here, not its bytes.

use sea_query::{ColumnDef, Table};

use super::migrations::{Step, fk, id_column, index, timestamp};
use super::schema::*;

pub fn evidence_files() -> Vec<Step> {
    vec![
        Step::Table(Box::new(
            Table::create()
                .table(EvidenceFiles::Table)
                .col(id_column(EvidenceFiles::Id))
                .col(ColumnDef::new(EvidenceFiles::AssessmentId).big_integer().not_null())
                .col(ColumnDef::new(EvidenceFiles::CriterionCode).text().not_null())
                .col(ColumnDef::new(EvidenceFiles::StorageKey).text().not_null())
                .col(ColumnDef::new(EvidenceFiles::FileName).text().not_null())
                .col(ColumnDef::new(EvidenceFiles::MediaType).text().not_null())
                .col(ColumnDef::new(EvidenceFiles::SizeBytes).big_integer().not_null())
                .col(ColumnDef::new(EvidenceFiles::UploadedBy).big_integer().null())
                .col(timestamp(EvidenceFiles::UploadedAt))
                .foreign_key(&mut fk(
                    (EvidenceFiles::Table, EvidenceFiles::AssessmentId),
                    (Assessments::Table, Assessments::Id),
                ))
                .to_owned(),
        )),
        index("evidence_files_criterion", EvidenceFiles::Table, &["assessment_id", "criterion_code"]),
    ]
}
