//! The tables of assurance meetings and of questions from children and young people,
//! kept beside the feature so its identifiers do not crowd `db/schema.rs`.

use sea_query::Iden;

/// One assurance meeting (challenge event) of a partnership with one organisation
/// invited to a cycle.
#[derive(Iden, Clone, Copy)]
pub enum AssuranceMeetings {
    Table,
    Id,
    PartnershipId,
    CycleId,
    OrganisationId,
    HeldOn,
    State,
    /// One item a line: drafted by osa at scheduling, edited by the admin until held.
    Agenda,
    Notes,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
    FinalisedBy,
    FinalisedAt,
}

/// The panel: people of the partnership (`user_id` set) and named external members.
#[derive(Iden, Clone, Copy)]
pub enum MeetingPanel {
    Table,
    Id,
    MeetingId,
    UserId,
    Name,
    Role,
}

/// A question asked at a meeting, with where it came from, the organisation's answer
/// and the panel's outcome.
#[derive(Iden, Clone, Copy)]
pub enum MeetingQuestions {
    Table,
    Id,
    MeetingId,
    Source,
    Question,
    /// Set when the question is one of the partnership's questions from children and
    /// young people.
    CypQuestionId,
    Answer,
    Outcome,
    CreatedBy,
    CreatedAt,
}

/// Comments and addenda on a meeting's record, never edited or deleted.
#[derive(Iden, Clone, Copy)]
pub enum MeetingComments {
    Table,
    Id,
    MeetingId,
    AuthorId,
    Body,
    CreatedAt,
}

/// Questions raised by children and young people, kept per partnership.
#[derive(Iden, Clone, Copy)]
pub enum CypQuestions {
    Table,
    Id,
    PartnershipId,
    Question,
    /// Where it was raised: "Youth council", "Takeover day survey".
    Source,
    RaisedOn,
    CreatedBy,
    CreatedAt,
}

/// Columns migration 24 adds to the action plan: the meeting an action was agreed at,
/// and the words the plan shows for where it came from.
#[derive(Iden, Clone, Copy)]
pub enum ActionOrigins {
    #[iden = "actions"]
    Table,
    MeetingId,
    Origin,
}
