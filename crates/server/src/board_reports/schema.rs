//! Table and column names of board reports (migration 26).

use sea_query::Iden;

/// One partnership's board report of one cycle.
#[derive(Iden, Clone, Copy)]
pub enum BoardReports {
    Table,
    Id,
    CycleId,
    PartnershipId,
    /// `osa_core::report::board::Words` as JSON.
    Words,
    /// Moves on with every save, so two people saving at once never lose a section.
    Revision,
    /// `osa_core::report::board::Figures` as JSON, set once when finalised.
    Figures,
    FinalisedBy,
    FinalisedAt,
    CreatedBy,
    CreatedAt,
    UpdatedBy,
    UpdatedAt,
}
