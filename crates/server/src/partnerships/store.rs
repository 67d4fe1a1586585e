//! Reading and writing partnerships.

use osa_core::tenancy::{DutyStatus, Sector};
use sea_query::{Expr, ExprTrait, Order, Query};
use serde_json::json;
use time::OffsetDateTime;

use crate::audit::{self, Change};
use crate::db::schema::{OrganisationAreas, Organisations, Partnerships};
use crate::db::{Db, Tx};
use osa_core::tenancy::PartnershipKind;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Partnership {
    pub id: i64,
    pub name: String,
    pub area: String,
    #[sqlx(try_from = "String")]
    pub kind: PartnershipKind,
}

impl Partnership {
    pub fn kind_label(&self) -> &'static str {
        self.kind.label()
    }
}

fn select() -> sea_query::SelectStatement {
    Query::select()
        .columns([Partnerships::Id, Partnerships::Name, Partnerships::Area, Partnerships::Kind])
        .from(Partnerships::Table)
        .to_owned()
}

pub async fn get(db: &Db, id: i64) -> Result<Option<Partnership>, sqlx::Error> {
    db.fetch_optional(&select().and_where(Expr::col(Partnerships::Id).eq(id)).to_owned()).await
}

/// Every partnership, by name. Partnerships number in the hundreds at most
/// (about 150 in England), so choosing among all of them on one form is reasonable.
pub async fn all(db: &Db) -> Result<Vec<Partnership>, sqlx::Error> {
    db.fetch_all(&select().order_by(Partnerships::Name, Order::Asc).limit(1000).to_owned()).await
}

pub async fn page(db: &Db, limit: u64, offset: u64) -> Result<Vec<Partnership>, sqlx::Error> {
    db.fetch_all(&select().order_by(Partnerships::Name, Order::Asc).limit(limit).offset(offset).to_owned())
        .await
}

pub struct NewPartnership<'a> {
    pub name: &'a str,
    pub area: &'a str,
    pub kind: PartnershipKind,
}

pub async fn create(tx: &mut Tx, actor: Option<i64>, p: NewPartnership<'_>) -> Result<i64, sqlx::Error> {
    let id = tx
        .insert_id(
            &Query::insert()
                .into_table(Partnerships::Table)
                .columns([
                    Partnerships::Name,
                    Partnerships::Area,
                    Partnerships::Kind,
                    Partnerships::CreatedAt,
                ])
                .values_panic([
                    p.name.into(),
                    p.area.into(),
                    p.kind.code().into(),
                    OffsetDateTime::now_utc().into(),
                ])
                .to_owned(),
        )
        .await?;
    audit::record(
        tx,
        Change {
            actor,
            action: "create",
            entity: "partnership",
            entity_id: id.to_string(),
            before: None,
            after: Some(json!({ "name": p.name, "area": p.area, "kind": p.kind.code() })),
        },
    )
    .await?;
    Ok(id)
}

pub async fn update(
    tx: &mut Tx,
    actor: i64,
    before: &Partnership,
    p: NewPartnership<'_>,
) -> Result<(), sqlx::Error> {
    tx.execute(
        &Query::update()
            .table(Partnerships::Table)
            .value(Partnerships::Name, p.name)
            .value(Partnerships::Area, p.area)
            .value(Partnerships::Kind, p.kind.code())
            .and_where(Expr::col(Partnerships::Id).eq(before.id))
            .to_owned(),
    )
    .await?;
    audit::record(
        tx,
        Change {
            actor: Some(actor),
            action: "update",
            entity: "partnership",
            entity_id: before.id.to_string(),
            before: Some(json!({ "name": before.name, "area": before.area, "kind": before.kind })),
            after: Some(json!({ "name": p.name, "area": p.area, "kind": p.kind.code() })),
        },
    )
    .await
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AreaOrganisation {
    pub id: i64,
    pub name: String,
    #[sqlx(try_from = "String")]
    pub sector: Sector,
    #[sqlx(try_from = "String")]
    pub duty_status: DutyStatus,
}

/// One page of the organisations serving a partnership's area, by name.
pub async fn organisations_in_area(
    db: &Db,
    partnership: i64,
    limit: u64,
    offset: u64,
) -> Result<Vec<AreaOrganisation>, sqlx::Error> {
    db.fetch_all(
        &Query::select()
            .column((Organisations::Table, Organisations::Id))
            .column((Organisations::Table, Organisations::Name))
            .column((Organisations::Table, Organisations::Sector))
            .column((Organisations::Table, Organisations::DutyStatus))
            .from(OrganisationAreas::Table)
            .inner_join(
                Organisations::Table,
                Expr::col((Organisations::Table, Organisations::Id))
                    .equals((OrganisationAreas::Table, OrganisationAreas::OrganisationId)),
            )
            .and_where(
                Expr::col((OrganisationAreas::Table, OrganisationAreas::PartnershipId)).eq(partnership),
            )
            .order_by((Organisations::Table, Organisations::Name), Order::Asc)
            .order_by((Organisations::Table, Organisations::Id), Order::Asc)
            .limit(limit)
            .offset(offset)
            .to_owned(),
    )
    .await
}
