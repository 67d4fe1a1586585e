//! What osa holds about one person, read for a subject-access request: their account,
//! roles and memberships, sessions and emailed links, what they did (the audit
//! entries they are the actor of, threads and messages they wrote, answers they last
//! edited or changed, returns they signed off or submitted, evidence they uploaded,
//! notes on actions) and the mail osa sent them. Each section is one query on the
//! person's id (or, for mail and sign-in attempts, their address).

use sea_query::{Expr, ExprTrait, Func, Order, Query};
use serde::Serialize;
use time::OffsetDateTime;

use super::Person;
use crate::challenges::schema::{ReturnThreads, ThreadMessages};
use crate::db::Db;
use crate::db::schema::{
    ActionUpdates, AuditLog, Delegations, EmailTokens, EvidenceFiles, OrgMemberships, Organisations, Outbox,
    PartnershipMemberships, Partnerships, ResponseHistory, Responses, Returns, Sessions, SignInFailures,
};

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
/// export lists them.
#[derive(Serialize, Debug)]
pub struct Held {
    pub account: Account,
    pub partnership_roles: Vec<Membership>,
    pub organisation_roles: Vec<Membership>,
    pub delegations: Vec<Delegation>,
    pub sessions: Vec<SignedInSession>,
    pub emailed_links: Vec<EmailedLink>,
    pub audit_entries: Vec<AuditEntry>,
    pub threads_raised: Vec<ThreadRaised>,
    pub messages_written: Vec<MessageWritten>,
    pub answers_last_edited: Vec<AnswerEdited>,
    pub answer_changes: Vec<AnswerChange>,
    pub returns_signed_off: Vec<ReturnSigned>,
    pub returns_submitted: Vec<ReturnSubmitted>,
    pub evidence_uploaded: Vec<EvidenceUploaded>,
    pub action_notes: Vec<ActionNote>,
    pub mail: Vec<MailSent>,
    pub sign_in_failures: Vec<SignInFailure>,
}

pub async fn held(db: &Db, person: &Person) -> Result<Held, sqlx::Error> {
    let id = person.id;
    let address = person.email.to_lowercase();
    Ok(Held {
        account: Account {
            id,
            email: person.email.clone(),
            name: person.display_name.clone(),
            platform_admin: person.platform_admin,
            created_at: person.created_at,
            last_signed_in_at: person.last_sign_in_at,
            closed_at: person.closed_at,
            erased_at: person.erased_at,
        },
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
        delegations: db
            .fetch_all(
                &Query::select()
                    .columns([Delegations::AssessmentId, Delegations::StandardCode, Delegations::AssignedAt])
                    .from(Delegations::Table)
                    .and_where(Expr::col(Delegations::UserId).eq(id))
                    .order_by(Delegations::AssignedAt, Order::Asc)
                    .to_owned(),
            )
            .await?,
        sessions: db
            .fetch_all(
                &Query::select()
                    .column(Sessions::ExpiresAt)
                    .from(Sessions::Table)
                    .and_where(Expr::col(Sessions::UserId).eq(id))
                    .order_by(Sessions::ExpiresAt, Order::Asc)
                    .to_owned(),
            )
            .await?,
        emailed_links: db
            .fetch_all(
                &Query::select()
                    .columns([
                        EmailTokens::Purpose,
                        EmailTokens::CreatedAt,
                        EmailTokens::ExpiresAt,
                        EmailTokens::UsedAt,
                    ])
                    .from(EmailTokens::Table)
                    .and_where(Expr::col(EmailTokens::UserId).eq(id))
                    .order_by(EmailTokens::CreatedAt, Order::Asc)
                    .to_owned(),
            )
            .await?,
        audit_entries: db
            .fetch_all(
                &Query::select()
                    .columns([
                        AuditLog::Id,
                        AuditLog::At,
                        AuditLog::Action,
                        AuditLog::Entity,
                        AuditLog::EntityId,
                    ])
                    .from(AuditLog::Table)
                    .and_where(Expr::col(AuditLog::ActorUserId).eq(id))
                    .order_by(AuditLog::Id, Order::Asc)
                    .to_owned(),
            )
            .await?,
        threads_raised: db
            .fetch_all(
                &Query::select()
                    .columns([
                        ReturnThreads::Id,
                        ReturnThreads::ReturnId,
                        ReturnThreads::Kind,
                        ReturnThreads::CriterionCode,
                        ReturnThreads::RaisedAt,
                    ])
                    .from(ReturnThreads::Table)
                    .and_where(Expr::col(ReturnThreads::RaisedBy).eq(id))
                    .order_by(ReturnThreads::Id, Order::Asc)
                    .to_owned(),
            )
            .await?,
        messages_written: db
            .fetch_all(
                &Query::select()
                    .columns([ThreadMessages::ThreadId, ThreadMessages::CreatedAt, ThreadMessages::Body])
                    .from(ThreadMessages::Table)
                    .and_where(Expr::col(ThreadMessages::AuthorId).eq(id))
                    .order_by(ThreadMessages::Id, Order::Asc)
                    .to_owned(),
            )
            .await?,
        answers_last_edited: db
            .fetch_all(
                &Query::select()
                    .columns([Responses::AssessmentId, Responses::CriterionCode, Responses::UpdatedAt])
                    .from(Responses::Table)
                    .and_where(Expr::col(Responses::UpdatedBy).eq(id))
                    .order_by(Responses::Id, Order::Asc)
                    .to_owned(),
            )
            .await?,
        answer_changes: db
            .fetch_all(
                &Query::select()
                    .columns([
                        ResponseHistory::AssessmentId,
                        ResponseHistory::CriterionCode,
                        ResponseHistory::Version,
                        ResponseHistory::ChangedAt,
                    ])
                    .from(ResponseHistory::Table)
                    .and_where(Expr::col(ResponseHistory::ChangedBy).eq(id))
                    .order_by(ResponseHistory::Id, Order::Asc)
                    .to_owned(),
            )
            .await?,
        returns_signed_off: db
            .fetch_all(
                &Query::select()
                    .columns([Returns::Id, Returns::AssessmentId, Returns::SignedOffAt])
                    .from(Returns::Table)
                    .and_where(Expr::col(Returns::SignedOffBy).eq(id))
                    .order_by(Returns::Id, Order::Asc)
                    .to_owned(),
            )
            .await?,
        returns_submitted: db
            .fetch_all(
                &Query::select()
                    .columns([Returns::Id, Returns::AssessmentId, Returns::SubmittedAt])
                    .from(Returns::Table)
                    .and_where(Expr::col(Returns::SubmittedBy).eq(id))
                    .order_by(Returns::Id, Order::Asc)
                    .to_owned(),
            )
            .await?,
        evidence_uploaded: db
            .fetch_all(
                &Query::select()
                    .columns([
                        EvidenceFiles::Id,
                        EvidenceFiles::AssessmentId,
                        EvidenceFiles::CriterionCode,
                        EvidenceFiles::FileName,
                        EvidenceFiles::UploadedAt,
                    ])
                    .from(EvidenceFiles::Table)
                    .and_where(Expr::col(EvidenceFiles::UploadedBy).eq(id))
                    .order_by(EvidenceFiles::Id, Order::Asc)
                    .to_owned(),
            )
            .await?,
        action_notes: db
            .fetch_all(
                &Query::select()
                    .columns([ActionUpdates::ActionId, ActionUpdates::CreatedAt, ActionUpdates::Note])
                    .from(ActionUpdates::Table)
                    .and_where(Expr::col(ActionUpdates::CreatedBy).eq(id))
                    .order_by(ActionUpdates::Id, Order::Asc)
                    .to_owned(),
            )
            .await?,
        mail: db
            .fetch_all(
                &Query::select()
                    .columns([
                        Outbox::Subject,
                        Outbox::Status,
                        Outbox::CreatedAt,
                        Outbox::SentAt,
                        Outbox::BodyText,
                    ])
                    .from(Outbox::Table)
                    .and_where(Expr::expr(Func::lower(Expr::col(Outbox::Recipient))).eq(address.as_str()))
                    .order_by(Outbox::Id, Order::Asc)
                    .to_owned(),
            )
            .await?,
        sign_in_failures: db
            .fetch_all(
                &Query::select()
                    .columns([SignInFailures::At, SignInFailures::Address])
                    .from(SignInFailures::Table)
                    .and_where(Expr::expr(Func::lower(Expr::col(SignInFailures::Email))).eq(address.as_str()))
                    .order_by(SignInFailures::Id, Order::Asc)
                    .to_owned(),
            )
            .await?,
    })
}
