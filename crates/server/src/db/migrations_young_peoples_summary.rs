//! Migration 27: child-friendly summaries, one per cycle.

use sea_query::{ColumnDef, Table};

use super::migrations::{Step, fk, id_column, timestamp, unique_index};
use super::schema::{Cycles, Partnerships};
use crate::young_peoples_summary::schema::YoungPeoplesSummaries as S;

pub fn young_peoples_summaries() -> Vec<Step> {
    vec![
        Step::Table(Box::new(
            Table::create()
                .table(S::Table)
                .col(id_column(S::Id))
                .col(ColumnDef::new(S::CycleId).big_integer().not_null())
                .col(ColumnDef::new(S::PartnershipId).big_integer().not_null())
                .col(ColumnDef::new(S::Slug).text().not_null())
                .col(ColumnDef::new(S::Draft).text().not_null())
                .col(ColumnDef::new(S::Published).text().null())
                .col(ColumnDef::new(S::IsPublic).boolean().not_null().default(false))
                .col(ColumnDef::new(S::Revision).big_integer().not_null().default(1))
                .col(ColumnDef::new(S::PublishedBy).big_integer().null())
                .col(ColumnDef::new(S::PublishedAt).timestamp_with_time_zone().null())
                .col(ColumnDef::new(S::CreatedBy).big_integer().not_null())
                .col(timestamp(S::CreatedAt))
                .col(ColumnDef::new(S::UpdatedBy).big_integer().not_null())
                .col(timestamp(S::UpdatedAt))
                .foreign_key(&mut fk((S::Table, S::CycleId), (Cycles::Table, Cycles::Id)))
                .foreign_key(&mut fk((S::Table, S::PartnershipId), (Partnerships::Table, Partnerships::Id)))
                .to_owned(),
        )),
        unique_index("young_peoples_summaries_cycle", S::Table, &["cycle_id"]),
        unique_index("young_peoples_summaries_slug", S::Table, &["slug"]),
    ]
}
