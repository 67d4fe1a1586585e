//! The table linking a partnership to the record that holds its own self-assessment,
//! kept beside the feature so its identifiers do not crowd `db/schema.rs`.

use sea_query::Iden;

/// One row per partnership that has started its own self-assessment: the
/// organisation-like record (a row of `organisations` with no members and no areas)
/// that holds it. See `crate::partnership_self` for why.
#[derive(Iden, Clone, Copy)]
pub enum PartnershipRecords {
    Table,
    PartnershipId,
    OrganisationId,
    CreatedAt,
}
