//! Migration 26: board reports, one per cycle and partnership.

use sea_query::{ColumnDef, Table};

use super::migrations::{Step, fk, id_column, timestamp, unique_index};
use super::schema::{Cycles, Partnerships};
use crate::board_reports::schema::BoardReports;

pub fn board_reports() -> Vec<Step> {
    vec![
        Step::Table(Box::new(
            Table::create()
                .table(BoardReports::Table)
                .col(id_column(BoardReports::Id))
                .col(ColumnDef::new(BoardReports::CycleId).big_integer().not_null())
                .col(ColumnDef::new(BoardReports::PartnershipId).big_integer().not_null())
                .col(ColumnDef::new(BoardReports::Words).text().not_null())
                .col(ColumnDef::new(BoardReports::Revision).big_integer().not_null())
                .col(ColumnDef::new(BoardReports::Figures).text().null())
                .col(ColumnDef::new(BoardReports::FinalisedBy).big_integer().null())
                .col(ColumnDef::new(BoardReports::FinalisedAt).timestamp_with_time_zone().null())
                .col(ColumnDef::new(BoardReports::CreatedBy).big_integer().not_null())
                .col(timestamp(BoardReports::CreatedAt))
                .col(ColumnDef::new(BoardReports::UpdatedBy).big_integer().not_null())
                .col(timestamp(BoardReports::UpdatedAt))
                .foreign_key(&mut fk(
                    (BoardReports::Table, BoardReports::CycleId),
                    (Cycles::Table, Cycles::Id),
                ))
                .foreign_key(&mut fk(
                    (BoardReports::Table, BoardReports::PartnershipId),
                    (Partnerships::Table, Partnerships::Id),
                ))
                .to_owned(),
        )),
        unique_index("board_reports_cycle_partnership", BoardReports::Table, &["cycle_id", "partnership_id"]),
    ]
}
