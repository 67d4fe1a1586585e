//! Migration 34: the record holding each partnership's own self-assessment.

use sea_query::{ColumnDef, Table};

use super::migrations::{Step, fk, timestamp};
use super::schema::*;
use crate::partnership_self::schema::PartnershipRecords;

pub fn partnership_records() -> Vec<Step> {
    vec![Step::Table(Box::new(
        Table::create()
            .table(PartnershipRecords::Table)
            // One record per partnership, and a record belongs to one partnership.
            .col(ColumnDef::new(PartnershipRecords::PartnershipId).big_integer().not_null().primary_key())
            .col(ColumnDef::new(PartnershipRecords::OrganisationId).big_integer().not_null().unique_key())
            .col(timestamp(PartnershipRecords::CreatedAt))
            .foreign_key(&mut fk(
                (PartnershipRecords::Table, PartnershipRecords::PartnershipId),
                (Partnerships::Table, Partnerships::Id),
            ))
            .foreign_key(&mut fk(
                (PartnershipRecords::Table, PartnershipRecords::OrganisationId),
                (Organisations::Table, Organisations::Id),
            ))
            .to_owned(),
    ))]
}
