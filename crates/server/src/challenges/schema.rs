//! The tables of threads on returns, kept beside the feature so its identifiers do
//! not crowd `db/schema.rs`.

use sea_query::Iden;

/// One comment, challenge or request for changes raised by a partnership on a
/// submitted return: on one criterion, or (for a request for changes) on the whole
/// return. Never deleted; its state changes only by a message in the thread.
#[derive(Iden, Clone, Copy)]
pub enum ReturnThreads {
    Table,
    Id,
    ReturnId,
    /// The return's organisation, so its list of threads reads one index.
    OrganisationId,
    /// The partnership that raised it.
    PartnershipId,
    /// `NULL` for a request for changes to the whole return.
    CriterionCode,
    Kind,
    /// `NULL` for a comment, which has no state.
    State,
    RaisedBy,
    RaisedAt,
    UpdatedAt,
    /// Set (migration 25) on a thread raised on an action-plan update the return's
    /// organisation sent, rather than on the return itself.
    PlanUpdateId,
    /// Set (migration 36) when the partnership says the answer's narrative describes
    /// activity, not impact.
    ActivityOnly,
}

/// Every message of a thread, in order, never edited: who wrote it, for which
/// partnership or for the organisation, when, and what it did.
#[derive(Iden, Clone, Copy)]
pub enum ThreadMessages {
    Table,
    Id,
    ThreadId,
    Step,
    Body,
    AuthorId,
    /// Set when written for a partnership.
    PartnershipId,
    /// Set when written for the organisation.
    OrganisationId,
    CreatedAt,
}
