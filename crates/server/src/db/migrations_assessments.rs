//! Migration 3: assessments, their responses with versions and history, and the
//! per-standard summaries kept beside them.

use sea_query::{ColumnDef, Index, Table};

use super::migrations::{Step, fk, id_column, index, timestamp, unique_index};
use super::schema::*;

pub fn returns() -> Vec<Step> {
    vec![
        Step::Table(Box::new(
            Table::create()
                .table(Returns::Table)
                .col(id_column(Returns::Id))
                .col(ColumnDef::new(Returns::AssessmentId).big_integer().not_null())
                .col(ColumnDef::new(Returns::FrameworkId).big_integer().not_null())
                .col(ColumnDef::new(Returns::State).text().not_null())
                .col(ColumnDef::new(Returns::Snapshot).text().not_null())
                .col(ColumnDef::new(Returns::SignedOffBy).big_integer().not_null())
                .col(timestamp(Returns::SignedOffAt))
                .col(ColumnDef::new(Returns::SubmittedBy).big_integer().null())
                .col(ColumnDef::new(Returns::SubmittedAt).timestamp_with_time_zone().null())
                .foreign_key(&mut fk(
                    (Returns::Table, Returns::AssessmentId),
                    (Assessments::Table, Assessments::Id),
                ))
                .to_owned(),
        )),
        index("returns_assessment", Returns::Table, &["assessment_id", "state"]),
        Step::Table(Box::new(
            Table::create()
                .table(ReturnPartnerships::Table)
                .col(ColumnDef::new(ReturnPartnerships::ReturnId).big_integer().not_null())
                .col(ColumnDef::new(ReturnPartnerships::PartnershipId).big_integer().not_null())
                .primary_key(
                    Index::create().col(ReturnPartnerships::ReturnId).col(ReturnPartnerships::PartnershipId),
                )
                .foreign_key(&mut fk(
                    (ReturnPartnerships::Table, ReturnPartnerships::ReturnId),
                    (Returns::Table, Returns::Id),
                ))
                .to_owned(),
        )),
        index("return_partnerships_partnership", ReturnPartnerships::Table, &["partnership_id", "return_id"]),
    ]
}

pub fn delegations() -> Vec<Step> {
    vec![
        Step::Table(Box::new(
            Table::create()
                .table(Delegations::Table)
                .col(ColumnDef::new(Delegations::AssessmentId).big_integer().not_null())
                .col(ColumnDef::new(Delegations::StandardCode).text().not_null())
                .col(ColumnDef::new(Delegations::UserId).big_integer().not_null())
                .col(ColumnDef::new(Delegations::AssignedBy).big_integer().null())
                .col(timestamp(Delegations::AssignedAt))
                .primary_key(
                    Index::create()
                        .col(Delegations::AssessmentId)
                        .col(Delegations::StandardCode)
                        .col(Delegations::UserId),
                )
                .foreign_key(&mut fk(
                    (Delegations::Table, Delegations::AssessmentId),
                    (Assessments::Table, Assessments::Id),
                ))
                .foreign_key(&mut fk((Delegations::Table, Delegations::UserId), (Users::Table, Users::Id)))
                .to_owned(),
        )),
        index("delegations_user", Delegations::Table, &["user_id", "assessment_id"]),
    ]
}

/// Migration 10: workbooks uploaded and waiting for the uploader to confirm them.
pub fn workbook_uploads() -> Vec<Step> {
    vec![
        Step::Table(Box::new(
            Table::create()
                .table(WorkbookUploads::Table)
                .col(id_column(WorkbookUploads::Id))
                .col(ColumnDef::new(WorkbookUploads::AssessmentId).big_integer().not_null())
                .col(ColumnDef::new(WorkbookUploads::UserId).big_integer().not_null())
                .col(ColumnDef::new(WorkbookUploads::FileName).text().not_null())
                .col(ColumnDef::new(WorkbookUploads::Rows).text().not_null())
                .col(timestamp(WorkbookUploads::CreatedAt))
                .foreign_key(&mut fk(
                    (WorkbookUploads::Table, WorkbookUploads::AssessmentId),
                    (Assessments::Table, Assessments::Id),
                ))
                .foreign_key(&mut fk(
                    (WorkbookUploads::Table, WorkbookUploads::UserId),
                    (Users::Table, Users::Id),
                ))
                .to_owned(),
        )),
        index("workbook_uploads_owner", WorkbookUploads::Table, &["assessment_id", "user_id"]),
        index("workbook_uploads_created", WorkbookUploads::Table, &["created_at"]),
    ]
}

pub fn action_plans() -> Vec<Step> {
    vec![
        Step::Table(Box::new(
            Table::create()
                .table(Actions::Table)
                .col(id_column(Actions::Id))
                .col(ColumnDef::new(Actions::AssessmentId).big_integer().not_null())
                .col(ColumnDef::new(Actions::CriterionCode).text().null())
                .col(ColumnDef::new(Actions::What).text().not_null())
                .col(ColumnDef::new(Actions::ResponsibleLead).text().not_null())
                .col(ColumnDef::new(Actions::TargetDate).date().null())
                .col(ColumnDef::new(Actions::ExpectedOutcome).text().not_null())
                .col(ColumnDef::new(Actions::ImpactMeasure).text().not_null())
                .col(ColumnDef::new(Actions::Status).text().not_null())
                .col(timestamp(Actions::CreatedAt))
                .col(timestamp(Actions::UpdatedAt))
                .col(ColumnDef::new(Actions::UpdatedBy).big_integer().null())
                .foreign_key(&mut fk(
                    (Actions::Table, Actions::AssessmentId),
                    (Assessments::Table, Assessments::Id),
                ))
                .to_owned(),
        )),
        index("actions_assessment", Actions::Table, &["assessment_id", "id"]),
        // One derived action per criterion; hand-added ones have no code.
        Step::Index(Box::new(
            Index::create()
                .name("actions_assessment_criterion")
                .table(Actions::Table)
                .col(Actions::AssessmentId)
                .col(Actions::CriterionCode)
                .unique()
                .to_owned(),
        )),
        Step::Table(Box::new(
            Table::create()
                .table(ActionUpdates::Table)
                .col(id_column(ActionUpdates::Id))
                .col(ColumnDef::new(ActionUpdates::ActionId).big_integer().not_null())
                .col(ColumnDef::new(ActionUpdates::Note).text().not_null())
                .col(timestamp(ActionUpdates::CreatedAt))
                .col(ColumnDef::new(ActionUpdates::CreatedBy).big_integer().null())
                .foreign_key(&mut fk(
                    (ActionUpdates::Table, ActionUpdates::ActionId),
                    (Actions::Table, Actions::Id),
                ))
                .to_owned(),
        )),
        index("action_updates_action", ActionUpdates::Table, &["action_id", "id"]),
    ]
}

pub fn assessments() -> Vec<Step> {
    vec![
        Step::Table(Box::new(
            Table::create()
                .table(Assessments::Table)
                .col(id_column(Assessments::Id))
                .col(ColumnDef::new(Assessments::OrganisationId).big_integer().not_null())
                .col(ColumnDef::new(Assessments::FrameworkKey).text().not_null())
                .col(ColumnDef::new(Assessments::FrameworkId).big_integer().not_null())
                .col(timestamp(Assessments::CreatedAt))
                .col(ColumnDef::new(Assessments::CreatedBy).big_integer().null())
                .index(
                    Index::create()
                        .name("assessments_organisation_framework")
                        .col(Assessments::OrganisationId)
                        .col(Assessments::FrameworkKey)
                        .unique(),
                )
                .foreign_key(&mut fk(
                    (Assessments::Table, Assessments::OrganisationId),
                    (Organisations::Table, Organisations::Id),
                ))
                .foreign_key(&mut fk(
                    (Assessments::Table, Assessments::FrameworkId),
                    (Frameworks::Table, Frameworks::Id),
                ))
                .to_owned(),
        )),
        Step::Table(Box::new(
            Table::create()
                .table(Responses::Table)
                .col(id_column(Responses::Id))
                .col(ColumnDef::new(Responses::AssessmentId).big_integer().not_null())
                .col(ColumnDef::new(Responses::CriterionCode).text().not_null())
                .col(ColumnDef::new(Responses::Rating).text().null())
                .col(ColumnDef::new(Responses::YesNo).boolean().null())
                .col(ColumnDef::new(Responses::NumberValue).double().null())
                .col(ColumnDef::new(Responses::TextValue).text().null())
                .col(ColumnDef::new(Responses::Narrative).text().not_null())
                .col(ColumnDef::new(Responses::ImprovementAction).text().not_null())
                .col(ColumnDef::new(Responses::Version).big_integer().not_null())
                .col(timestamp(Responses::UpdatedAt))
                .col(ColumnDef::new(Responses::UpdatedBy).big_integer().null())
                .index(
                    Index::create()
                        .name("responses_assessment_criterion")
                        .col(Responses::AssessmentId)
                        .col(Responses::CriterionCode)
                        .unique(),
                )
                .foreign_key(&mut fk(
                    (Responses::Table, Responses::AssessmentId),
                    (Assessments::Table, Assessments::Id),
                ))
                .to_owned(),
        )),
        Step::Table(Box::new(
            Table::create()
                .table(ResponseHistory::Table)
                .col(id_column(ResponseHistory::Id))
                .col(ColumnDef::new(ResponseHistory::AssessmentId).big_integer().not_null())
                .col(ColumnDef::new(ResponseHistory::CriterionCode).text().not_null())
                .col(ColumnDef::new(ResponseHistory::Version).big_integer().not_null())
                .col(ColumnDef::new(ResponseHistory::Before).text().null())
                .col(ColumnDef::new(ResponseHistory::After).text().not_null())
                .col(ColumnDef::new(ResponseHistory::ChangedBy).big_integer().null())
                .col(timestamp(ResponseHistory::ChangedAt))
                .foreign_key(&mut fk(
                    (ResponseHistory::Table, ResponseHistory::AssessmentId),
                    (Assessments::Table, Assessments::Id),
                ))
                .to_owned(),
        )),
        index("response_history_assessment", ResponseHistory::Table, &["assessment_id", "id"]),
        Step::Table(Box::new(
            Table::create()
                .table(AssessmentSummaries::Table)
                .col(ColumnDef::new(AssessmentSummaries::AssessmentId).big_integer().not_null())
                .col(ColumnDef::new(AssessmentSummaries::StandardCode).text().not_null())
                .col(ColumnDef::new(AssessmentSummaries::Status).text().not_null())
                .col(ColumnDef::new(AssessmentSummaries::Standing).text().null())
                .col(ColumnDef::new(AssessmentSummaries::Complete).integer().not_null())
                .col(ColumnDef::new(AssessmentSummaries::Applicable).integer().not_null())
                .primary_key(
                    Index::create()
                        .col(AssessmentSummaries::AssessmentId)
                        .col(AssessmentSummaries::StandardCode),
                )
                .foreign_key(&mut fk(
                    (AssessmentSummaries::Table, AssessmentSummaries::AssessmentId),
                    (Assessments::Table, Assessments::Id),
                ))
                .to_owned(),
        )),
    ]
}

/// Migration 9: rounds and the answers carried into them that are still to confirm.
pub fn rounds() -> Vec<Step> {
    vec![
        Step::Table(Box::new(
            Table::create()
                .table(Rounds::Table)
                .col(id_column(Rounds::Id))
                .col(ColumnDef::new(Rounds::AssessmentId).big_integer().not_null())
                .col(ColumnDef::new(Rounds::FromReturnId).big_integer().not_null())
                .col(ColumnDef::new(Rounds::StartedBy).big_integer().not_null())
                .col(timestamp(Rounds::StartedAt))
                .foreign_key(&mut fk(
                    (Rounds::Table, Rounds::AssessmentId),
                    (Assessments::Table, Assessments::Id),
                ))
                .foreign_key(&mut fk((Rounds::Table, Rounds::FromReturnId), (Returns::Table, Returns::Id)))
                .to_owned(),
        )),
        // One round per return: two leads pressing the button at once make one round.
        unique_index("rounds_from_return", Rounds::Table, &["assessment_id", "from_return_id"]),
        Step::Table(Box::new(
            Table::create()
                .table(ToConfirm::Table)
                .col(ColumnDef::new(ToConfirm::AssessmentId).big_integer().not_null())
                .col(ColumnDef::new(ToConfirm::CriterionCode).text().not_null())
                .col(ColumnDef::new(ToConfirm::RoundId).big_integer().not_null())
                .primary_key(Index::create().col(ToConfirm::AssessmentId).col(ToConfirm::CriterionCode))
                .foreign_key(&mut fk(
                    (ToConfirm::Table, ToConfirm::AssessmentId),
                    (Assessments::Table, Assessments::Id),
                ))
                .to_owned(),
        )),
    ]
}
