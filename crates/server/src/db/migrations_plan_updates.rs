//! Migration 25: action-plan updates sent after a return, and threads (comments and
//! challenges) on them, which reuse the return's thread tables with one more column.

use sea_query::{ColumnDef, Table};

use super::migrations::{Step, fk, id_column, index, timestamp, unique_index};
use super::schema::*;
use crate::plan_updates::schema::PlanUpdates;

pub fn plan_updates() -> Vec<Step> {
    vec![
        Step::Table(Box::new(
            Table::create()
                .table(PlanUpdates::Table)
                .col(id_column(PlanUpdates::Id))
                .col(ColumnDef::new(PlanUpdates::InvitationId).big_integer().not_null())
                .col(ColumnDef::new(PlanUpdates::CycleId).big_integer().not_null())
                .col(ColumnDef::new(PlanUpdates::OrganisationId).big_integer().not_null())
                .col(ColumnDef::new(PlanUpdates::AssessmentId).big_integer().not_null())
                .col(ColumnDef::new(PlanUpdates::ReturnId).big_integer().not_null())
                .col(ColumnDef::new(PlanUpdates::DueOn).date().not_null())
                .col(ColumnDef::new(PlanUpdates::Snapshot).text().not_null())
                .col(ColumnDef::new(PlanUpdates::SentBy).big_integer().not_null())
                .col(timestamp(PlanUpdates::SentAt))
                .foreign_key(&mut fk(
                    (PlanUpdates::Table, PlanUpdates::InvitationId),
                    (Invitations::Table, Invitations::Id),
                ))
                .foreign_key(&mut fk(
                    (PlanUpdates::Table, PlanUpdates::ReturnId),
                    (Returns::Table, Returns::Id),
                ))
                .to_owned(),
        )),
        // One update per invitation and date: two leads sending at once cannot both.
        unique_index("plan_updates_invitation_due", PlanUpdates::Table, &["invitation_id", "due_on"]),
        // The cycle's page reads its updates by cycle.
        index("plan_updates_cycle", PlanUpdates::Table, &["cycle_id", "due_on"]),
        // The plan's page reads an assessment's updates.
        index("plan_updates_assessment", PlanUpdates::Table, &["assessment_id", "id"]),
        // Existing threads keep NULL: they are on the return itself.
        Step::Sql {
            sqlite: "ALTER TABLE return_threads ADD COLUMN plan_update_id BIGINT NULL REFERENCES plan_updates (id)",
            postgres: "ALTER TABLE return_threads ADD COLUMN plan_update_id BIGINT NULL REFERENCES plan_updates (id)",
        },
        index(
            "return_threads_plan_update",
            crate::challenges::schema::ReturnThreads::Table,
            &["plan_update_id", "id"],
        ),
    ]
}
