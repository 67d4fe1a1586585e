//! Table and column names, declared once for queries and migrations alike.

use sea_query::Iden;

/// Every table's surrogate key is an integer column called `id`.
pub const ID: Users = Users::Id;

#[derive(Iden, Clone, Copy)]
pub enum SchemaMigrations {
    Table,
    Version,
    Name,
    AppliedAt,
}

#[derive(Iden, Clone, Copy)]
pub enum Users {
    Table,
    Id,
    Email,
    DisplayName,
    PasswordHash,
    PlatformAdmin,
    CreatedAt,
    LastSignInAt,
    /// When the person was left with no role (migration 40); cleared when given one.
    ClosedAt,
    /// When the person was erased or anonymised (migration 40).
    ErasedAt,
}

#[derive(Iden, Clone, Copy)]
pub enum Partnerships {
    Table,
    Id,
    Name,
    Area,
    Kind,
    CreatedAt,
}

#[derive(Iden, Clone, Copy)]
pub enum Organisations {
    Table,
    Id,
    Name,
    Sector,
    DutyStatus,
    CreatedAt,
}

/// The partnerships an organisation serves (approved).
#[derive(Iden, Clone, Copy)]
pub enum OrganisationAreas {
    Table,
    OrganisationId,
    PartnershipId,
    Since,
}

#[derive(Iden, Clone, Copy)]
pub enum OrgMemberships {
    Table,
    UserId,
    OrganisationId,
    Role,
}

#[derive(Iden, Clone, Copy)]
pub enum PartnershipMemberships {
    Table,
    UserId,
    PartnershipId,
    Role,
}

#[derive(Iden, Clone, Copy)]
pub enum JoinRequests {
    Table,
    Id,
    OrganisationId,
    PartnershipId,
    Status,
    RequestedBy,
    CreatedAt,
    DecidedBy,
    DecidedAt,
    DeclineReason,
}

#[derive(Iden, Clone, Copy)]
pub enum Sessions {
    Table,
    Id,
    Data,
    ExpiresAt,
    /// The signed-in person, kept in step with `data` by the session store, so all of
    /// someone's sessions can be ended in one statement (null while signed out).
    UserId,
}

#[derive(Iden, Clone, Copy)]
pub enum SignInFailures {
    Table,
    Id,
    Email,
    Address,
    At,
}

/// A person's two-factor sign-in, one row for each person who has switched it on.
#[derive(Iden, Clone, Copy)]
pub enum TwoFactor {
    Table,
    UserId,
    /// The shared secret, base32 as authenticator apps show it. It must be readable
    /// to compute codes, so it is not hashed.
    Secret,
    /// The newest time step a code was accepted for: no code of that step or older
    /// is accepted again (`osa_core::two_factor::check_code`).
    LastStep,
    EnabledAt,
}

/// One-time recovery codes, stored only as hashes; a used one keeps its row with the
/// moment it was used.
#[derive(Iden, Clone, Copy)]
pub enum RecoveryCodes {
    Table,
    Id,
    UserId,
    CodeHash,
    UsedAt,
}

/// Requests that send email (password resets, registrations), one row each, so they
/// can be limited per address and per email like sign-in failures.
#[derive(Iden, Clone, Copy)]
pub enum RateLimitEvents {
    Table,
    Id,
    /// What was asked for: "password_reset" or "register".
    Action,
    Email,
    Address,
    At,
}

/// Single-use links sent by email (password reset, invitation). Only a hash is kept.
#[derive(Iden, Clone, Copy)]
pub enum EmailTokens {
    Table,
    Id,
    UserId,
    Purpose,
    TokenHash,
    CreatedAt,
    ExpiresAt,
    UsedAt,
    /// What the link confirms, as JSON, when the link carries more than a person
    /// (a registration waiting for its lead to confirm).
    Payload,
}

#[derive(Iden, Clone, Copy)]
pub enum Outbox {
    Table,
    Id,
    Recipient,
    Subject,
    BodyText,
    Status,
    CreatedAt,
    SentAt,
    Attempts,
    LastError,
    /// Live links in the body (one a line) that are blanked once the message is
    /// delivered; null when there are none left.
    SecretLinks,
}

/// Append-only: rows are inserted, never updated or deleted.
#[derive(Iden, Clone, Copy)]
pub enum AuditLog {
    Table,
    Id,
    At,
    ActorUserId,
    Action,
    Entity,
    EntityId,
    Before,
    After,
    /// The partnership whose data the entry is about, if any (migration 38).
    PartnershipId,
    /// The organisation whose data the entry is about, if any (migration 38).
    OrganisationId,
}

/// A framework version. Published versions are never updated; `source` holds the
/// canonical file the version was stored from.
#[derive(Iden, Clone, Copy)]
pub enum Frameworks {
    Table,
    Id,
    Key,
    Version,
    Name,
    Audience,
    Description,
    StandingRule,
    State,
    OwnerPartnershipId,
    CriteriaCount,
    Source,
    CreatedAt,
    CreatedBy,
    PublishedAt,
}

#[derive(Iden, Clone, Copy)]
pub enum FrameworkStandards {
    Table,
    Id,
    FrameworkId,
    Position,
    Code,
    Title,
    Outcome,
}

#[derive(Iden, Clone, Copy)]
pub enum FrameworkCriteria {
    Table,
    Id,
    FrameworkId,
    StandardId,
    Position,
    Code,
    Question,
    Guidance,
    Evidence,
    AnswerType,
    NotApplicable,
    NarrativeRequired,
    Sectors,
    Duty,
}

/// "This criterion answers the same need as `target_key:target_code`".
#[derive(Iden, Clone, Copy)]
pub enum CriterionMappings {
    Table,
    Id,
    FrameworkId,
    CriterionCode,
    TargetKey,
    TargetCode,
}

/// A partnership's own question, added on top of a shared framework.
#[derive(Iden, Clone, Copy)]
pub enum LocalQuestions {
    Table,
    Id,
    PartnershipId,
    FrameworkKey,
    StandardCode,
    LocalStandardTitle,
    Code,
    Question,
    Guidance,
    AnswerType,
    NotApplicable,
    NarrativeRequired,
    CreatedAt,
    CreatedBy,
}

/// An organisation's living self-assessment against one framework (by key); it answers
/// the version `framework_id` names.
#[derive(Iden, Clone, Copy)]
pub enum Assessments {
    Table,
    Id,
    OrganisationId,
    FrameworkKey,
    FrameworkId,
    CreatedAt,
    CreatedBy,
}

/// The current answer to one criterion. `version` goes up by one with every save, so a
/// save based on an older version is detected and refused.
#[derive(Iden, Clone, Copy)]
pub enum Responses {
    Table,
    Id,
    AssessmentId,
    CriterionCode,
    Rating,
    YesNo,
    NumberValue,
    TextValue,
    Narrative,
    ImprovementAction,
    Version,
    UpdatedAt,
    UpdatedBy,
}

/// Every saved change to a response: who, when, before and after (append-only).
#[derive(Iden, Clone, Copy)]
pub enum ResponseHistory {
    Table,
    Id,
    AssessmentId,
    CriterionCode,
    Version,
    Before,
    After,
    ChangedBy,
    ChangedAt,
}

/// Per standard of an assessment: status and standing, kept current in the same
/// transaction as every save so lists and dashboards never scan responses.
#[derive(Iden, Clone, Copy)]
pub enum AssessmentSummaries {
    Table,
    AssessmentId,
    StandardCode,
    Status,
    Standing,
    Complete,
    Applicable,
}

/// One action of an assessment's action plan: derived from an amber or red criterion
/// (`criterion_code` set) or added by hand.
#[derive(Iden, Clone, Copy)]
pub enum Actions {
    Table,
    Id,
    AssessmentId,
    CriterionCode,
    What,
    ResponsibleLead,
    TargetDate,
    ExpectedOutcome,
    ImpactMeasure,
    Status,
    CreatedAt,
    UpdatedAt,
    UpdatedBy,
}

/// Dated progress notes on an action (append-only).
#[derive(Iden, Clone, Copy)]
pub enum ActionUpdates {
    Table,
    Id,
    ActionId,
    Note,
    CreatedAt,
    CreatedBy,
}

/// A standard of an assessment delegated to a contributor.
#[derive(Iden, Clone, Copy)]
pub enum Delegations {
    Table,
    AssessmentId,
    StandardCode,
    UserId,
    AssignedBy,
    AssignedAt,
}

/// A workbook uploaded and checked but not yet confirmed: the rows that would change
/// something, kept until the uploader confirms (or uploads again, or a day passes).
#[derive(Iden, Clone, Copy)]
pub enum WorkbookUploads {
    Table,
    Id,
    AssessmentId,
    UserId,
    FileName,
    Rows,
    CreatedAt,
}

/// A return: the assessment as signed off (an immutable snapshot) and, once submitted,
/// sent to every partnership the organisation serves. A save after sign-off withdraws
/// the sign-off, since what was signed off is no longer what would be sent.
#[derive(Iden, Clone, Copy)]
pub enum Returns {
    Table,
    Id,
    AssessmentId,
    FrameworkId,
    State,
    Snapshot,
    SignedOffBy,
    SignedOffAt,
    SubmittedBy,
    SubmittedAt,
    /// The person who signed it off also completed it (a safeguarding lead of the
    /// organisation, or the one who asked for the sign-off).
    SamePerson,
}

/// A safeguarding lead's request that the senior sign-off check a complete
/// assessment. Open until the return is signed off (`closed_at`, `return_id`); at most
/// one open request per person and assessment, so asking again sends nothing twice.
#[derive(Iden, Clone, Copy)]
pub enum SignOffRequests {
    Table,
    Id,
    AssessmentId,
    RequestedBy,
    RequestedAt,
    ClosedAt,
    ReturnId,
}

/// The partnerships a submitted return went to.
#[derive(Iden, Clone, Copy)]
pub enum ReturnPartnerships {
    Table,
    ReturnId,
    PartnershipId,
}

/// Rounds of the living assessment: each starts from a submitted return.
#[derive(Iden, Clone, Copy)]
pub enum Rounds {
    Table,
    Id,
    AssessmentId,
    FromReturnId,
    StartedBy,
    StartedAt,
}

/// Carried-forward answers nobody has confirmed or changed yet.
#[derive(Iden, Clone, Copy)]
pub enum ToConfirm {
    Table,
    AssessmentId,
    CriterionCode,
    RoundId,
}

/// An audit cycle: a partnership (with neighbours, as a region) asks for returns.
#[derive(Iden, Clone, Copy)]
pub enum Cycles {
    Table,
    Id,
    PartnershipId,
    Name,
    MainFrameworkId,
    OpensOn,
    DueOn,
    ClosedAt,
    CreatedBy,
    CreatedAt,
}

/// Every partnership asked to take part in a cycle, the one that opened it included.
/// Only a partnership whose admin accepted (`accepted_at`) takes part; the opener is
/// accepted when it opens the cycle, a neighbour when one of its admins says yes.
#[derive(Iden, Clone, Copy)]
pub enum CyclePartnerships {
    Table,
    CycleId,
    PartnershipId,
    /// Who asked the partnership to join (the opener's admin); null for the opener.
    InvitedBy,
    AcceptedAt,
    DeclinedAt,
    /// The admin of the partnership who accepted or declined.
    DecidedBy,
}

/// Sectors a cycle asks for a framework other than its main one.
#[derive(Iden, Clone, Copy)]
pub enum CycleSectorFrameworks {
    Table,
    CycleId,
    Sector,
    FrameworkId,
}

/// A local question a cycle asks (chosen when it is set up, changed while it is open).
#[derive(Iden, Clone, Copy)]
pub enum CycleLocalQuestions {
    Table,
    CycleId,
    LocalQuestionId,
}

/// The dates action-plan updates are asked for.
#[derive(Iden, Clone, Copy)]
pub enum CycleUpdateDates {
    Table,
    CycleId,
    DueOn,
}

/// One organisation asked for a return in one cycle.
#[derive(Iden, Clone, Copy)]
pub enum Invitations {
    Table,
    Id,
    CycleId,
    OrganisationId,
    FrameworkId,
    FrameworkKey,
    ReturnId,
    NonSubmissionReason,
    NonSubmissionBy,
    NonSubmissionAt,
    RemindersPaused,
    InvitedBy,
    InvitedAt,
}

/// A file attached to one criterion of an assessment as evidence. The bytes live in
/// the file store under `storage_key`; the media type is the one detected from the
/// content when it was uploaded, never the one the browser claimed.
#[derive(Iden, Clone, Copy)]
pub enum EvidenceFiles {
    Table,
    Id,
    AssessmentId,
    CriterionCode,
    StorageKey,
    FileName,
    MediaType,
    SizeBytes,
    UploadedBy,
    UploadedAt,
}

/// Each standard's standing in a signed-off return, kept beside the snapshot so
/// dashboards read a few small rows per return instead of every answer.
#[derive(Iden, Clone, Copy)]
pub enum ReturnStandings {
    Table,
    ReturnId,
    StandardCode,
    Standing,
    /// False when every counted criterion of the standard was answered not applicable.
    Applies,
}

/// The rating of each criterion that counts for standing in a signed-off return (a yes
/// as met, a no as not met), kept beside the snapshot for the per-criterion shares.
#[derive(Iden, Clone, Copy)]
pub enum ReturnRatings {
    Table,
    ReturnId,
    CriterionCode,
    Rating,
}

/// The returns whose ratings and applicability are kept (every return signed off since
/// migration 19, and earlier ones once the start-up backfill has reached them).
#[derive(Iden, Clone, Copy)]
pub enum SummarisedReturns {
    Table,
    ReturnId,
}

/// Each number (a percentage or a count) given in a signed-off return, kept beside the
/// snapshot so the dashboards' distributions read a few rows per return.
#[derive(Iden, Clone, Copy)]
pub enum ReturnValues {
    Table,
    ReturnId,
    CriterionCode,
    Value,
}

/// A partnership's resource (training, guidance, a template, a local procedure): either
/// a link (`url`) or a file kept in the file store (`file_key` and what was detected of
/// it), never both and never neither.
#[derive(Iden, Clone, Copy)]
pub enum Resources {
    Table,
    Id,
    PartnershipId,
    Kind,
    Title,
    Description,
    Url,
    FileKey,
    FileName,
    FileType,
    FileSize,
    CreatedBy,
    CreatedAt,
    UpdatedBy,
    UpdatedAt,
}

/// What a resource helps with: a whole standard (`criterion_code` empty) or one
/// criterion, of a framework named by its key so the link outlives new versions.
#[derive(Iden, Clone, Copy)]
pub enum ResourceLinks {
    Table,
    Id,
    ResourceId,
    FrameworkKey,
    StandardCode,
    CriterionCode,
}

/// Scheduled work shared by every app server: a job is claimed by one server at a
/// time (until `locked_until`) and runs again from `next_run_at`.
#[derive(Iden, Clone, Copy)]
pub enum Jobs {
    Table,
    Name,
    NextRunAt,
    LockedBy,
    LockedUntil,
    LastFinishedAt,
}

/// Every reminder sent, once per invitation and key (until migration 28, which moved
/// them to [`RemindersLog`]).
#[derive(Iden, Clone, Copy)]
pub enum RemindersSent {
    Table,
    Id,
    InvitationId,
    Key,
    Recipients,
    SentAt,
}

/// Every reminder sent, once per organisation, cycle and key. Kept by cycle and
/// organisation rather than by invitation, so withdrawing an invitation and inviting
/// the organisation again keeps the record and sends nothing twice.
#[derive(Iden, Clone, Copy)]
pub enum RemindersLog {
    Table,
    Id,
    CycleId,
    OrganisationId,
    Key,
    Recipients,
    SentAt,
}

/// Overdue actions whose organisation's leads have been told, once each.
#[derive(Iden, Clone, Copy)]
pub enum ActionNotices {
    Table,
    ActionId,
    SentAt,
}
