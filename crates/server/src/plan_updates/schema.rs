//! The table of sent action-plan updates, kept beside the feature so its identifiers
//! do not crowd `db/schema.rs`.

use sea_query::Iden;

/// One action-plan update an organisation sent for one update date of a cycle: a
/// frozen snapshot of its plan (`osa_core::plan_update::Snapshot` as JSON), sent to
/// the partnerships its return for the cycle went to. Never changed after it is
/// written; at most one per invitation and update date.
#[derive(Iden, Clone, Copy)]
pub enum PlanUpdates {
    Table,
    Id,
    InvitationId,
    CycleId,
    OrganisationId,
    AssessmentId,
    /// The return the update follows: who may read it is who may read that return.
    ReturnId,
    DueOn,
    Snapshot,
    SentBy,
    SentAt,
}
