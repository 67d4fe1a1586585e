//! Writes the plan's partnerships, organisations (with the areas they serve) and
//! people (with their roles), in multi-row batches inside one transaction. Every
//! person gets the same password hash, computed once.

use sea_query::Query;
use time::OffsetDateTime;

use super::plan::Plan;
use super::rows::Rows;
use crate::db::Db;
use crate::db::schema::{
    OrgMemberships, OrganisationAreas, Organisations, PartnershipMemberships, Partnerships, Users,
};

#[allow(clippy::too_many_lines, reason = "the generated tenancy written table by table, one block each")]
pub async fn write(db: &Db, plan: &Plan, hash: &str, at: OffsetDateTime) -> anyhow::Result<()> {
    let mut tx = db.begin().await?;
    let mut partnerships = Rows::new(
        Query::insert()
            .into_table(Partnerships::Table)
            .columns([
                Partnerships::Id,
                Partnerships::Name,
                Partnerships::Area,
                Partnerships::Kind,
                Partnerships::CreatedAt,
            ])
            .to_owned(),
        5,
    );
    for p in &plan.partnerships {
        partnerships.push(vec![
            p.id.into(),
            p.name.as_str().into(),
            p.area.as_str().into(),
            p.kind.code().into(),
            at.into(),
        ]);
    }
    partnerships.flush(&mut tx).await?;

    let mut organisations = Rows::new(
        Query::insert()
            .into_table(Organisations::Table)
            .columns([
                Organisations::Id,
                Organisations::Name,
                Organisations::Sector,
                Organisations::DutyStatus,
                Organisations::CreatedAt,
            ])
            .to_owned(),
        5,
    );
    let mut areas = Rows::new(
        Query::insert()
            .into_table(OrganisationAreas::Table)
            .columns([
                OrganisationAreas::OrganisationId,
                OrganisationAreas::PartnershipId,
                OrganisationAreas::Since,
            ])
            .to_owned(),
        3,
    );
    for o in &plan.organisations {
        organisations.push(vec![
            o.id.into(),
            o.name.as_str().into(),
            o.sector.code().into(),
            o.duty.code().into(),
            at.into(),
        ]);
        for area in &o.areas {
            areas.push(vec![o.id.into(), (*area).into(), at.into()]);
        }
    }
    organisations.flush(&mut tx).await?;
    areas.flush(&mut tx).await?;

    let mut users = Rows::new(
        Query::insert()
            .into_table(Users::Table)
            .columns([
                Users::Id,
                Users::Email,
                Users::DisplayName,
                Users::PasswordHash,
                Users::PlatformAdmin,
                Users::CreatedAt,
            ])
            .to_owned(),
        6,
    );
    let mut partnership_roles = Rows::new(
        Query::insert()
            .into_table(PartnershipMemberships::Table)
            .columns([
                PartnershipMemberships::UserId,
                PartnershipMemberships::PartnershipId,
                PartnershipMemberships::Role,
            ])
            .to_owned(),
        3,
    );
    let mut org_roles = Rows::new(
        Query::insert()
            .into_table(OrgMemberships::Table)
            .columns([OrgMemberships::UserId, OrgMemberships::OrganisationId, OrgMemberships::Role])
            .to_owned(),
        3,
    );
    for person in &plan.people {
        users.push(vec![
            person.id.into(),
            person.email.as_str().into(),
            person.name.as_str().into(),
            hash.into(),
            person.platform_admin.into(),
            at.into(),
        ]);
        if let Some((partnership, role)) = person.partnership_role {
            partnership_roles.push(vec![person.id.into(), partnership.into(), role.code().into()]);
        }
        if let Some((organisation, role)) = person.org_role {
            org_roles.push(vec![person.id.into(), organisation.into(), role.code().into()]);
        }
    }
    users.flush(&mut tx).await?;
    partnership_roles.flush(&mut tx).await?;
    org_roles.flush(&mut tx).await?;
    tx.commit().await?;
    Ok(())
}
