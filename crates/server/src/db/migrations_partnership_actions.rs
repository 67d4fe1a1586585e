//! Migration 23: partnership actions and their progress notes.

use sea_query::{ColumnDef, Table};

use super::migrations::{Step, fk, id_column, index, timestamp};
use super::schema::{Cycles, Partnerships};
use crate::narratives::schema::Themes;
use crate::partnership_actions::schema::*;

pub fn partnership_actions() -> Vec<Step> {
    vec![
        Step::Table(Box::new(
            Table::create()
                .table(PartnershipActions::Table)
                .col(id_column(PartnershipActions::Id))
                .col(ColumnDef::new(PartnershipActions::CycleId).big_integer().not_null())
                .col(ColumnDef::new(PartnershipActions::PartnershipId).big_integer().not_null())
                .col(ColumnDef::new(PartnershipActions::ThemeId).big_integer().null())
                .col(ColumnDef::new(PartnershipActions::Source).text().null())
                .col(ColumnDef::new(PartnershipActions::Title).text().not_null())
                .col(ColumnDef::new(PartnershipActions::Description).text().not_null())
                .col(ColumnDef::new(PartnershipActions::LeadGroup).text().not_null())
                .col(ColumnDef::new(PartnershipActions::LeadPerson).text().not_null())
                .col(ColumnDef::new(PartnershipActions::TargetDate).date().not_null())
                .col(ColumnDef::new(PartnershipActions::Status).text().not_null())
                .col(ColumnDef::new(PartnershipActions::Evidence).text().not_null())
                .col(ColumnDef::new(PartnershipActions::CreatedBy).big_integer().not_null())
                .col(timestamp(PartnershipActions::CreatedAt))
                .col(ColumnDef::new(PartnershipActions::UpdatedBy).big_integer().not_null())
                .col(timestamp(PartnershipActions::UpdatedAt))
                .foreign_key(&mut fk(
                    (PartnershipActions::Table, PartnershipActions::CycleId),
                    (Cycles::Table, Cycles::Id),
                ))
                .foreign_key(&mut fk(
                    (PartnershipActions::Table, PartnershipActions::PartnershipId),
                    (Partnerships::Table, Partnerships::Id),
                ))
                .foreign_key(&mut fk(
                    (PartnershipActions::Table, PartnershipActions::ThemeId),
                    (Themes::Table, Themes::Id),
                ))
                .to_owned(),
        )),
        index("partnership_actions_cycle", PartnershipActions::Table, &["cycle_id", "target_date", "id"]),
        index(
            "partnership_actions_partnership",
            PartnershipActions::Table,
            &["partnership_id", "lead_group"],
        ),
        Step::Table(Box::new(
            Table::create()
                .table(PartnershipActionNotes::Table)
                .col(id_column(PartnershipActionNotes::Id))
                .col(ColumnDef::new(PartnershipActionNotes::ActionId).big_integer().not_null())
                .col(ColumnDef::new(PartnershipActionNotes::Note).text().not_null())
                .col(ColumnDef::new(PartnershipActionNotes::StatusFrom).text().null())
                .col(ColumnDef::new(PartnershipActionNotes::StatusTo).text().null())
                .col(ColumnDef::new(PartnershipActionNotes::CreatedBy).big_integer().not_null())
                .col(timestamp(PartnershipActionNotes::CreatedAt))
                .foreign_key(&mut fk(
                    (PartnershipActionNotes::Table, PartnershipActionNotes::ActionId),
                    (PartnershipActions::Table, PartnershipActions::Id),
                ))
                .to_owned(),
        )),
        index("partnership_action_notes_action", PartnershipActionNotes::Table, &["action_id", "id"]),
    ]
}
