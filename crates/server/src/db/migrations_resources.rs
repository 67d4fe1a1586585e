//! Migration 8: partnerships' libraries of resources and what each resource is linked to.

use sea_query::{ColumnDef, Expr, ExprTrait, Table};

use super::migrations::{Step, fk, id_column, index, timestamp};
use super::schema::*;

pub fn resources() -> Vec<Step> {
    vec![
        Step::Table(Box::new(
            Table::create()
                .table(Resources::Table)
                .col(id_column(Resources::Id))
                .col(ColumnDef::new(Resources::PartnershipId).big_integer().not_null())
                .col(ColumnDef::new(Resources::Kind).text().not_null())
                .col(ColumnDef::new(Resources::Title).text().not_null())
                .col(ColumnDef::new(Resources::Description).text().not_null())
                .col(ColumnDef::new(Resources::Url).text().null())
                .col(ColumnDef::new(Resources::FileKey).text().null())
                .col(ColumnDef::new(Resources::FileName).text().null())
                .col(ColumnDef::new(Resources::FileType).text().null())
                .col(ColumnDef::new(Resources::FileSize).big_integer().null())
                .col(ColumnDef::new(Resources::CreatedBy).big_integer().null())
                .col(timestamp(Resources::CreatedAt))
                .col(ColumnDef::new(Resources::UpdatedBy).big_integer().null())
                .col(timestamp(Resources::UpdatedAt))
                // Exactly one of a link or a file.
                .check(Expr::col(Resources::Url).is_null().ne(Expr::col(Resources::FileKey).is_null()))
                .foreign_key(&mut fk(
                    (Resources::Table, Resources::PartnershipId),
                    (Partnerships::Table, Partnerships::Id),
                ))
                .to_owned(),
        )),
        // The library page lists one partnership's resources by title.
        index("resources_partnership", Resources::Table, &["partnership_id", "title", "id"]),
        Step::Table(Box::new(
            Table::create()
                .table(ResourceLinks::Table)
                .col(id_column(ResourceLinks::Id))
                .col(ColumnDef::new(ResourceLinks::ResourceId).big_integer().not_null())
                .col(ColumnDef::new(ResourceLinks::FrameworkKey).text().not_null())
                .col(ColumnDef::new(ResourceLinks::StandardCode).text().not_null())
                .col(ColumnDef::new(ResourceLinks::CriterionCode).text().null())
                .foreign_key(&mut fk(
                    (ResourceLinks::Table, ResourceLinks::ResourceId),
                    (Resources::Table, Resources::Id),
                ))
                .to_owned(),
        )),
        index("resource_links_resource", ResourceLinks::Table, &["resource_id"]),
        // Signposts are read by (framework, standard) for a page of one standard.
        index(
            "resource_links_standard",
            ResourceLinks::Table,
            &["framework_key", "standard_code", "resource_id"],
        ),
    ]
}
