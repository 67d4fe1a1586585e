//! The record holding a partnership's own self-assessment: finding it either way, and
//! making it the first time an admin starts.

use sea_query::{Expr, ExprTrait, OnConflict, Query, SelectStatement};
use time::OffsetDateTime;

use super::schema::PartnershipRecords;
use crate::db::schema::{Organisations, PartnershipMemberships};
use crate::db::{Db, Tx};
use crate::organisations::store::{self as org_queries, NewOrganisation};
use osa_core::tenancy::{DutyStatus, Sector};

/// The record of a partnership, if it has one.
pub async fn record_of(db: &Db, partnership: i64) -> Result<Option<i64>, sqlx::Error> {
    let row: Option<(i64,)> = db
        .fetch_optional(
            &Query::select()
                .column(PartnershipRecords::OrganisationId)
                .from(PartnershipRecords::Table)
                .and_where(Expr::col(PartnershipRecords::PartnershipId).eq(partnership))
                .to_owned(),
        )
        .await?;
    Ok(row.map(|(id,)| id))
}

/// The partnership whose record `organisation` is, if it is one.
pub async fn partnership_of(db: &Db, organisation: i64) -> Result<Option<i64>, sqlx::Error> {
    let row: Option<(i64,)> = db
        .fetch_optional(
            &Query::select()
                .column(PartnershipRecords::PartnershipId)
                .from(PartnershipRecords::Table)
                .and_where(Expr::col(PartnershipRecords::OrganisationId).eq(organisation))
                .to_owned(),
        )
        .await?;
    Ok(row.map(|(id,)| id))
}

/// The records of the partnerships `user` holds a role in, as (record, partnership),
/// for the signed-in person's `Principal`.
pub async fn records_of_staff(db: &Db, user: i64) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    db.fetch_all(
        &Query::select()
            .columns([PartnershipRecords::OrganisationId, PartnershipRecords::PartnershipId])
            .from(PartnershipRecords::Table)
            .and_where(
                Expr::col(PartnershipRecords::PartnershipId).in_subquery(
                    Query::select()
                        .column(PartnershipMemberships::PartnershipId)
                        .from(PartnershipMemberships::Table)
                        .and_where(Expr::col(PartnershipMemberships::UserId).eq(user))
                        .to_owned(),
                ),
            )
            .to_owned(),
    )
    .await
}

/// The condition that keeps records out of every list of organisations: a record is
/// the partnership's own, no organisation anyone registers, invites or joins.
pub fn not_a_record() -> Expr {
    Expr::col((Organisations::Table, Organisations::Id)).not_in_subquery(records())
}

fn records() -> SelectStatement {
    Query::select().column(PartnershipRecords::OrganisationId).from(PartnershipRecords::Table).to_owned()
}

/// The partnership's record, made now if it has none. Two admins starting at once
/// make one: the second's insert finds the first's row and its own is rolled back.
pub async fn ensure(db: &Db, partnership: i64, name: &str, actor: i64) -> Result<i64, sqlx::Error> {
    if let Some(id) = record_of(db, partnership).await? {
        return Ok(id);
    }
    let mut tx: Tx = db.begin().await?;
    let record = org_queries::create(
        &mut tx,
        Some(actor),
        &NewOrganisation { name, sector: Sector::Other, duty: DutyStatus::Statutory },
    )
    .await?;
    let linked = tx
        .execute(
            &Query::insert()
                .into_table(PartnershipRecords::Table)
                .columns([
                    PartnershipRecords::PartnershipId,
                    PartnershipRecords::OrganisationId,
                    PartnershipRecords::CreatedAt,
                ])
                .values_panic([partnership.into(), record.into(), OffsetDateTime::now_utc().into()])
                .on_conflict(OnConflict::column(PartnershipRecords::PartnershipId).do_nothing().to_owned())
                .to_owned(),
        )
        .await?;
    if linked == 0 {
        drop(tx);
        return record_of(db, partnership).await?.ok_or(sqlx::Error::RowNotFound);
    }
    tx.commit().await?;
    Ok(record)
}
