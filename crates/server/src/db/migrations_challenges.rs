//! Migration 15: threads of comments, challenges and requests for changes on
//! submitted returns, and their messages.

use sea_query::{ColumnDef, Table};

use super::migrations::{Step, fk, id_column, index, timestamp};
use super::schema::*;
use crate::challenges::schema::{ReturnThreads, ThreadMessages};

pub fn challenges() -> Vec<Step> {
    vec![
        Step::Table(Box::new(
            Table::create()
                .table(ReturnThreads::Table)
                .col(id_column(ReturnThreads::Id))
                .col(ColumnDef::new(ReturnThreads::ReturnId).big_integer().not_null())
                .col(ColumnDef::new(ReturnThreads::OrganisationId).big_integer().not_null())
                .col(ColumnDef::new(ReturnThreads::PartnershipId).big_integer().not_null())
                .col(ColumnDef::new(ReturnThreads::CriterionCode).text().null())
                .col(ColumnDef::new(ReturnThreads::Kind).text().not_null())
                .col(ColumnDef::new(ReturnThreads::State).text().null())
                .col(ColumnDef::new(ReturnThreads::RaisedBy).big_integer().not_null())
                .col(timestamp(ReturnThreads::RaisedAt))
                .col(timestamp(ReturnThreads::UpdatedAt))
                .foreign_key(&mut fk(
                    (ReturnThreads::Table, ReturnThreads::ReturnId),
                    (Returns::Table, Returns::Id),
                ))
                .foreign_key(&mut fk(
                    (ReturnThreads::Table, ReturnThreads::PartnershipId),
                    (Partnerships::Table, Partnerships::Id),
                ))
                .to_owned(),
        )),
        // A return's page reads its threads by criterion.
        index("return_threads_return", ReturnThreads::Table, &["return_id", "criterion_code", "id"]),
        // An organisation's list reads its threads by state.
        index("return_threads_organisation", ReturnThreads::Table, &["organisation_id", "state", "id"]),
        Step::Table(Box::new(
            Table::create()
                .table(ThreadMessages::Table)
                .col(id_column(ThreadMessages::Id))
                .col(ColumnDef::new(ThreadMessages::ThreadId).big_integer().not_null())
                .col(ColumnDef::new(ThreadMessages::Step).text().not_null())
                .col(ColumnDef::new(ThreadMessages::Body).text().not_null())
                .col(ColumnDef::new(ThreadMessages::AuthorId).big_integer().not_null())
                .col(ColumnDef::new(ThreadMessages::PartnershipId).big_integer().null())
                .col(ColumnDef::new(ThreadMessages::OrganisationId).big_integer().null())
                .col(timestamp(ThreadMessages::CreatedAt))
                .foreign_key(&mut fk(
                    (ThreadMessages::Table, ThreadMessages::ThreadId),
                    (ReturnThreads::Table, ReturnThreads::Id),
                ))
                .to_owned(),
        )),
        index("thread_messages_thread", ThreadMessages::Table, &["thread_id", "id"]),
    ]
}

/// Migration 36: a challenge may say its answer's narrative describes activity, not
/// impact, so a partnership can count how often returns tell it what was done without
/// what changed.
pub fn activity_only() -> Vec<Step> {
    let same = |sql: &'static str| Step::Sql { sqlite: sql, postgres: sql };
    vec![same("ALTER TABLE return_threads ADD COLUMN activity_only BOOLEAN NOT NULL DEFAULT FALSE")]
}
