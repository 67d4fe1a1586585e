//! Table and column names of child-friendly summaries (migration 27).

use sea_query::Iden;

/// One cycle's child-friendly summary, kept by the cycle's own partnership. The
/// draft is what the admin edits; the published copy is frozen at publishing and is
/// all the public page ever reads, and only while `is_public`.
#[derive(Iden, Clone, Copy)]
pub enum YoungPeoplesSummaries {
    Table,
    Id,
    CycleId,
    PartnershipId,
    /// The last part of the public address, `/summaries/{slug}`; never changes.
    Slug,
    /// `osa_core::young_peoples_summary::Summary` as JSON.
    Draft,
    /// The copy frozen when it was last published, as JSON; null until first published.
    Published,
    IsPublic,
    /// Counts every change, so a change made from an old read is refused.
    Revision,
    PublishedBy,
    PublishedAt,
    CreatedBy,
    CreatedAt,
    UpdatedBy,
    UpdatedAt,
}
