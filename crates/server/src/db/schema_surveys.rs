//! Table and column names of practitioner surveys (kept apart from `schema.rs`).
//!
//! What practitioners answer is kept only as counts per survey, organisation, question
//! and answer: no row per response, so nothing (not even the order rows were written
//! in, or a time) can tie one person's answers together or to them.

use sea_query::Iden;

/// A survey a partnership opens for the organisations invited to one of its cycles.
#[derive(Iden, Clone, Copy)]
pub enum Surveys {
    Table,
    Id,
    CycleId,
    Title,
    /// The last day answers are taken, if set.
    ClosesOn,
    /// Closed by hand before (or instead of) the closing date.
    ClosedAt,
    ClosedBy,
    CreatedBy,
    CreatedAt,
}

/// A survey's questions in order, each linked to a criterion of the cycle's main framework.
#[derive(Iden, Clone, Copy)]
pub enum SurveyQuestions {
    Table,
    Id,
    SurveyId,
    Position,
    CriterionCode,
    Wording,
}

/// The link an organisation passes to its practitioners: one unguessable token per
/// survey and organisation.
#[derive(Iden, Clone, Copy)]
pub enum SurveyLinks {
    Table,
    SurveyId,
    OrganisationId,
    Token,
    CreatedAt,
}

/// How many of an organisation's practitioners gave one answer to one question.
#[derive(Iden, Clone, Copy)]
pub enum SurveyAnswerCounts {
    Table,
    SurveyId,
    OrganisationId,
    QuestionId,
    Answer,
    Responses,
}

/// Single-use response codes (migration 21). Only a hash of each code is kept, with
/// whether it has been used: nothing says who it was given to, when it was used, or
/// which answers it brought, and answers never refer to a code, so a used code cannot
/// be tied to what was answered with it.
#[derive(Iden, Clone, Copy)]
pub enum SurveyCodes {
    Table,
    /// SHA-256 of the code in its normal form (`osa_core::survey_codes::normalise`).
    CodeHash,
    SurveyId,
    OrganisationId,
    Used,
}

/// When answers were sent from one client address, kept only for the burst limit's
/// window (older rows are deleted as new ones come), and only as a hash of the
/// address. Nothing here refers to a survey, a code or an answer.
#[derive(Iden, Clone, Copy)]
pub enum SurveyAnswerBursts {
    Table,
    Id,
    AddressHash,
    At,
}
