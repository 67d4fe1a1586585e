//! What osa holds about one person, read for a subject-access request: their account,
//! roles and memberships, sessions and emailed links, what they did (the audit
//! entries they are the actor of, threads and messages they wrote, answers they last
//! edited or changed, returns they signed off or submitted, evidence they uploaded,
//! notes on actions) and the mail osa sent them. Each section is one query on the
//! person's id (or, for mail and sign-in attempts, their address).

use sea_query::{Expr, ExprTrait, Func, IntoIden, Order, Query};
use serde::Serialize;
use time::OffsetDateTime;

use super::Person;
use crate::challenges::schema::{ReturnThreads, ThreadMessages};
use crate::db::schema::{
    ActionUpdates, AuditLog, Delegations, EmailTokens, EvidenceFiles, OrgMemberships, Organisations, Outbox,
    PartnershipMemberships, Partnerships, ResponseHistory, Responses, Returns, Sessions, SignInFailures,
};
use crate::db::{Db, Row};

/// Times are written as RFC 3339 (UTC), which people and programs both read.
mod at {
    pub use time::serde::rfc3339::option;
    pub use time::serde::rfc3339::serialize;
}

#[derive(Serialize, Debug)]
pub struct Account {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub platform_admin: bool,
    #[serde(with = "at")]
    pub created_at: OffsetDateTime,
    #[serde(with = "at::option")]
    pub last_signed_in_at: Option<OffsetDateTime>,
    #[serde(with = "at::option")]
    pub closed_at: Option<OffsetDateTime>,
    #[serde(with = "at::option")]
    pub erased_at: Option<OffsetDateTime>,
}

#[derive(sqlx::FromRow, Serialize, Debug)]
pub struct Membership {
    pub id: i64,
    pub name: String,
    pub role: String,
}

#[derive(sqlx::FromRow, Serialize, Debug)]
pub struct Delegation {
    pub assessment_id: i64,
    pub standard_code: String,
    #[serde(with = "at")]
    pub assigned_at: OffsetDateTime,
}

#[derive(sqlx::FromRow, Serialize, Debug)]
pub struct SignedInSession {
    #[serde(with = "at")]
    pub expires_at: OffsetDateTime,
}

#[derive(sqlx::FromRow, Serialize, Debug)]
pub struct EmailedLink {
    pub purpose: String,
    #[serde(with = "at")]
    pub created_at: OffsetDateTime,
    #[serde(with = "at")]
    pub expires_at: OffsetDateTime,
    #[serde(with = "at::option")]
    pub used_at: Option<OffsetDateTime>,
}

#[derive(sqlx::FromRow, Serialize, Debug)]
pub struct AuditEntry {
    pub id: i64,
    #[serde(with = "at")]
    pub at: OffsetDateTime,
    pub action: String,
    pub entity: String,
    pub entity_id: String,
}

#[derive(sqlx::FromRow, Serialize, Debug)]
pub struct ThreadRaised {
    pub id: i64,
    pub return_id: i64,
    pub kind: String,
    pub criterion_code: Option<String>,
    #[serde(with = "at")]
    pub raised_at: OffsetDateTime,
}

#[derive(sqlx::FromRow, Serialize, Debug)]
pub struct MessageWritten {
    pub thread_id: i64,
    #[serde(with = "at")]
    pub created_at: OffsetDateTime,
    pub body: String,
}

#[derive(sqlx::FromRow, Serialize, Debug)]
pub struct AnswerEdited {
    pub assessment_id: i64,
    pub criterion_code: String,
    #[serde(with = "at")]
    pub updated_at: OffsetDateTime,
}

#[derive(sqlx::FromRow, Serialize, Debug)]
pub struct AnswerChange {
    pub assessment_id: i64,
    pub criterion_code: String,
    pub version: i64,
    #[serde(with = "at")]
    pub changed_at: OffsetDateTime,
}

#[derive(sqlx::FromRow, Serialize, Debug)]
pub struct ReturnSigned {
    pub id: i64,
    pub assessment_id: i64,
    #[serde(with = "at")]
    pub signed_off_at: OffsetDateTime,
}

#[derive(sqlx::FromRow, Serialize, Debug)]
pub struct ReturnSubmitted {
    pub id: i64,
    pub assessment_id: i64,
    #[serde(with = "at::option")]
    pub submitted_at: Option<OffsetDateTime>,
}

#[derive(sqlx::FromRow, Serialize, Debug)]
pub struct EvidenceUploaded {
    pub id: i64,
    pub assessment_id: i64,
    pub criterion_code: String,
    pub file_name: String,
    #[serde(with = "at")]
    pub uploaded_at: OffsetDateTime,
}

#[derive(sqlx::FromRow, Serialize, Debug)]
pub struct ActionNote {
    pub action_id: i64,
    #[serde(with = "at")]
    pub created_at: OffsetDateTime,
    pub note: String,
}

#[derive(sqlx::FromRow, Serialize, Debug)]
pub struct MailSent {
    pub subject: String,
    pub status: String,
    #[serde(with = "at")]
    pub created_at: OffsetDateTime,
    #[serde(with = "at::option")]
    pub sent_at: Option<OffsetDateTime>,
    pub body_text: String,
}

#[derive(sqlx::FromRow, Serialize, Debug)]
pub struct SignInFailure {
    #[serde(with = "at")]
    pub at: OffsetDateTime,
    pub address: String,
}

/// Everything osa holds about one person, section by section, in the order the
/// export lists them (the parts below are written as one object).
#[derive(Serialize, Debug)]
pub struct Held {
    pub account: Account,
    #[serde(flatten)]
    pub access: AccessHeld,
    #[serde(flatten)]
    pub activity: Activity,
    #[serde(flatten)]
    pub contact: Contact,
}

/// What lets them in and what they may do.
#[derive(Serialize, Debug)]
pub struct AccessHeld {
    pub partnership_roles: Vec<Membership>,
    pub organisation_roles: Vec<Membership>,
    pub delegations: Vec<Delegation>,
    pub sessions: Vec<SignedInSession>,
    pub emailed_links: Vec<EmailedLink>,
}

/// What they did.
#[derive(Serialize, Debug)]
pub struct Activity {
    pub audit_entries: Vec<AuditEntry>,
    pub threads_raised: Vec<ThreadRaised>,
    pub messages_written: Vec<MessageWritten>,
    pub answers_last_edited: Vec<AnswerEdited>,
    pub answer_changes: Vec<AnswerChange>,
    pub returns_signed_off: Vec<ReturnSigned>,
    pub returns_submitted: Vec<ReturnSubmitted>,
    pub evidence_uploaded: Vec<EvidenceUploaded>,
    pub action_notes: Vec<ActionNote>,
}

/// What was kept under their email address.
#[derive(Serialize, Debug)]
pub struct Contact {
    pub mail: Vec<MailSent>,
    pub sign_in_failures: Vec<SignInFailure>,
}

/// The rows of `table` that `condition` picks, in the order of `order`.
async fn of<T: Row, C: IntoIden>(
    db: &Db,
    table: impl IntoIden,
    columns: impl IntoIterator<Item = C>,
    condition: Expr,
    order: impl IntoIden,
) -> Result<Vec<T>, sqlx::Error> {
    db.fetch_all(
        &Query::select()
            .columns(columns)
            .from(table)
            .and_where(condition)
            .order_by(order, Order::Asc)
            .to_owned(),
    )
    .await
}

pub async fn held(db: &Db, person: &Person) -> Result<Held, sqlx::Error> {
    Ok(Held {
        account: Account {
            id: person.id,
            email: person.email.clone(),
            name: person.display_name.clone(),
            platform_admin: person.platform_admin,
            created_at: person.created_at,
            last_signed_in_at: person.last_sign_in_at,
            closed_at: person.closed_at,
            erased_at: person.erased_at,
        },
        access: access(db, person.id).await?,
        activity: activity(db, person.id).await?,
        contact: contact(db, &person.email.to_lowercase()).await?,
    })
}

async fn access(db: &Db, id: i64) -> Result<AccessHeld, sqlx::Error> {
    Ok(AccessHeld {
        partnership_roles: db
            .fetch_all(
                &Query::select()
                    .expr_as(Expr::col((Partnerships::Table, Partnerships::Id)), "id")
                    .expr_as(Expr::col((Partnerships::Table, Partnerships::Name)), "name")
                    .expr_as(Expr::col((PartnershipMemberships::Table, PartnershipMemberships::Role)), "role")
                    .from(PartnershipMemberships::Table)
                    .inner_join(
                        Partnerships::Table,
                        Expr::col((Partnerships::Table, Partnerships::Id))
                            .equals((PartnershipMemberships::Table, PartnershipMemberships::PartnershipId)),
                    )
                    .and_where(
                        Expr::col((PartnershipMemberships::Table, PartnershipMemberships::UserId)).eq(id),
                    )
                    .order_by((Partnerships::Table, Partnerships::Id), Order::Asc)
                    .to_owned(),
            )
            .await?,
        organisation_roles: db
            .fetch_all(
                &Query::select()
                    .expr_as(Expr::col((Organisations::Table, Organisations::Id)), "id")
                    .expr_as(Expr::col((Organisations::Table, Organisations::Name)), "name")
                    .expr_as(Expr::col((OrgMemberships::Table, OrgMemberships::Role)), "role")
                    .from(OrgMemberships::Table)
                    .inner_join(
                        Organisations::Table,
                        Expr::col((Organisations::Table, Organisations::Id))
                            .equals((OrgMemberships::Table, OrgMemberships::OrganisationId)),
                    )
                    .and_where(Expr::col((OrgMemberships::Table, OrgMemberships::UserId)).eq(id))
                    .order_by((Organisations::Table, Organisations::Id), Order::Asc)
                    .to_owned(),
            )
            .await?,
        delegations: of(
            db,
            Delegations::Table,
            [Delegations::AssessmentId, Delegations::StandardCode, Delegations::AssignedAt],
            Expr::col(Delegations::UserId).eq(id),
            Delegations::AssignedAt,
        )
        .await?,
        sessions: of(
            db,
            Sessions::Table,
            [Sessions::ExpiresAt],
            Expr::col(Sessions::UserId).eq(id),
            Sessions::ExpiresAt,
        )
        .await?,
        emailed_links: of(
            db,
            EmailTokens::Table,
            [EmailTokens::Purpose, EmailTokens::CreatedAt, EmailTokens::ExpiresAt, EmailTokens::UsedAt],
            Expr::col(EmailTokens::UserId).eq(id),
            EmailTokens::CreatedAt,
        )
        .await?,
    })
}

async fn activity(db: &Db, id: i64) -> Result<Activity, sqlx::Error> {
    Ok(Activity {
        audit_entries: of(
            db,
            AuditLog::Table,
            [AuditLog::Id, AuditLog::At, AuditLog::Action, AuditLog::Entity, AuditLog::EntityId],
            Expr::col(AuditLog::ActorUserId).eq(id),
            AuditLog::Id,
        )
        .await?,
        threads_raised: of(
            db,
            ReturnThreads::Table,
            [
                ReturnThreads::Id,
                ReturnThreads::ReturnId,
                ReturnThreads::Kind,
                ReturnThreads::CriterionCode,
                ReturnThreads::RaisedAt,
            ],
            Expr::col(ReturnThreads::RaisedBy).eq(id),
            ReturnThreads::Id,
        )
        .await?,
        messages_written: of(
            db,
            ThreadMessages::Table,
            [ThreadMessages::ThreadId, ThreadMessages::CreatedAt, ThreadMessages::Body],
            Expr::col(ThreadMessages::AuthorId).eq(id),
            ThreadMessages::Id,
        )
        .await?,
        answers_last_edited: of(
            db,
            Responses::Table,
            [Responses::AssessmentId, Responses::CriterionCode, Responses::UpdatedAt],
            Expr::col(Responses::UpdatedBy).eq(id),
            Responses::Id,
        )
        .await?,
        answer_changes: of(
            db,
            ResponseHistory::Table,
            [
                ResponseHistory::AssessmentId,
                ResponseHistory::CriterionCode,
                ResponseHistory::Version,
                ResponseHistory::ChangedAt,
            ],
            Expr::col(ResponseHistory::ChangedBy).eq(id),
            ResponseHistory::Id,
        )
        .await?,
        returns_signed_off: of(
            db,
            Returns::Table,
            [Returns::Id, Returns::AssessmentId, Returns::SignedOffAt],
            Expr::col(Returns::SignedOffBy).eq(id),
            Returns::Id,
        )
        .await?,
        returns_submitted: of(
            db,
            Returns::Table,
            [Returns::Id, Returns::AssessmentId, Returns::SubmittedAt],
            Expr::col(Returns::SubmittedBy).eq(id),
            Returns::Id,
        )
        .await?,
        evidence_uploaded: of(
            db,
            EvidenceFiles::Table,
            [
                EvidenceFiles::Id,
                EvidenceFiles::AssessmentId,
                EvidenceFiles::CriterionCode,
                EvidenceFiles::FileName,
                EvidenceFiles::UploadedAt,
            ],
            Expr::col(EvidenceFiles::UploadedBy).eq(id),
            EvidenceFiles::Id,
        )
        .await?,
        action_notes: of(
            db,
            ActionUpdates::Table,
            [ActionUpdates::ActionId, ActionUpdates::CreatedAt, ActionUpdates::Note],
            Expr::col(ActionUpdates::CreatedBy).eq(id),
            ActionUpdates::Id,
        )
        .await?,
    })
}

async fn contact(db: &Db, address: &str) -> Result<Contact, sqlx::Error> {
    Ok(Contact {
        mail: of(
            db,
            Outbox::Table,
            [Outbox::Subject, Outbox::Status, Outbox::CreatedAt, Outbox::SentAt, Outbox::BodyText],
            Expr::expr(Func::lower(Expr::col(Outbox::Recipient))).eq(address),
            Outbox::Id,
        )
        .await?,
        sign_in_failures: of(
            db,
            SignInFailures::Table,
            [SignInFailures::At, SignInFailures::Address],
            Expr::expr(Func::lower(Expr::col(SignInFailures::Email))).eq(address),
            SignInFailures::Id,
        )
        .await?,
    })
}
