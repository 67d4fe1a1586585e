//! Table and column names of partnership actions (migration 23).

use sea_query::Iden;

/// What a partnership will do about a theme of one of its cycles. It belongs to the
/// cycle and to the one partnership of it whose admin added it.
#[derive(Iden, Clone, Copy)]
pub enum PartnershipActions {
    Table,
    Id,
    CycleId,
    PartnershipId,
    /// One of the partnership's themes, if the action answers one.
    ThemeId,
    /// `osa_core::partnership_action::ActionSource`, if given.
    Source,
    Title,
    Description,
    /// The subgroup or group that leads it, as typed.
    LeadGroup,
    LeadPerson,
    TargetDate,
    Status,
    /// The expected outcome and the evidence of impact.
    Evidence,
    CreatedBy,
    CreatedAt,
    UpdatedBy,
    UpdatedAt,
}

/// Progress notes, append-only: never edited or deleted. A note may record a change
/// of the action's status, made in the same transaction.
#[derive(Iden, Clone, Copy)]
pub enum PartnershipActionNotes {
    Table,
    Id,
    ActionId,
    Note,
    StatusFrom,
    StatusTo,
    CreatedBy,
    CreatedAt,
}
