//! Reading and writing organisations, the areas they serve and their requests to
//! join partnerships.

use sea_query::{Cond, Expr, ExprTrait, Func, OnConflict, Order, Query};
use serde_json::json;
use time::OffsetDateTime;

use crate::audit::{self, Change};
use crate::db::schema::{
    JoinRequests, OrgMemberships, OrganisationAreas, Organisations, PartnershipMemberships, Partnerships,
    Users,
};
use crate::db::{Db, Tx};
use crate::mail::Email;
use crate::partnerships::store::Partnership;
use crate::web::AppState;
use osa_core::tenancy::{DutyStatus, JoinRequestStatus, OrgRole, PartnershipKind, PartnershipRole, Sector};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Organisation {
    pub id: i64,
    pub name: String,
    #[sqlx(try_from = "String")]
    pub sector: Sector,
    #[sqlx(try_from = "String")]
    pub duty_status: DutyStatus,
}

impl Organisation {
    pub fn sector_label(&self) -> &'static str {
        self.sector.label()
    }

    pub fn duty_label(&self) -> &'static str {
        self.duty_status.label()
    }
}

fn select() -> sea_query::SelectStatement {
    Query::select()
        .columns([Organisations::Id, Organisations::Name, Organisations::Sector, Organisations::DutyStatus])
        .from(Organisations::Table)
        .to_owned()
}

pub async fn get(db: &Db, id: i64) -> Result<Option<Organisation>, sqlx::Error> {
    db.fetch_optional(&select().and_where(Expr::col(Organisations::Id).eq(id)).to_owned()).await
}

/// One page of all organisations by name, optionally those whose name contains `search`.
pub async fn page(db: &Db, search: &str, limit: u64, offset: u64) -> Result<Vec<Organisation>, sqlx::Error> {
    let mut query = select();
    query.and_where(crate::partnership_self::store::not_a_record());
    if !search.is_empty() {
        query.and_where(
            Expr::expr(Func::lower(Expr::col(Organisations::Name))).like(crate::db::contains_pattern(search)),
        );
    }
    db.fetch_all(
        &query
            .order_by(Organisations::Name, Order::Asc)
            .order_by(Organisations::Id, Order::Asc)
            .limit(limit)
            .offset(offset)
            .to_owned(),
    )
    .await
}

/// The ids of the partnerships an organisation serves (approved).
pub async fn area_ids(db: &Db, organisation: i64) -> Result<Vec<i64>, sqlx::Error> {
    let rows: Vec<(i64,)> = db
        .fetch_all(
            &Query::select()
                .column(OrganisationAreas::PartnershipId)
                .from(OrganisationAreas::Table)
                .and_where(Expr::col(OrganisationAreas::OrganisationId).eq(organisation))
                .to_owned(),
        )
        .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

pub struct NewOrganisation<'a> {
    pub name: &'a str,
    pub sector: Sector,
    pub duty: DutyStatus,
}

pub async fn create(tx: &mut Tx, actor: Option<i64>, o: &NewOrganisation<'_>) -> Result<i64, sqlx::Error> {
    let id = tx
        .insert_id(
            &Query::insert()
                .into_table(Organisations::Table)
                .columns([
                    Organisations::Name,
                    Organisations::Sector,
                    Organisations::DutyStatus,
                    Organisations::CreatedAt,
                ])
                .values_panic([
                    o.name.into(),
                    o.sector.code().into(),
                    o.duty.code().into(),
                    OffsetDateTime::now_utc().into(),
                ])
                .to_owned(),
        )
        .await?;
    audit::record(
        tx,
        Change {
            actor,
            action: "create",
            entity: "organisation",
            entity_id: id.to_string(),
            before: None,
            after: Some(json!({ "name": o.name, "sector": o.sector.code(), "duty_status": o.duty.code() })),
        },
    )
    .await?;
    Ok(id)
}

pub async fn update(
    tx: &mut Tx,
    actor: i64,
    before: &Organisation,
    o: &NewOrganisation<'_>,
) -> Result<(), sqlx::Error> {
    tx.execute(
        &Query::update()
            .table(Organisations::Table)
            .value(Organisations::Name, o.name)
            .value(Organisations::Sector, o.sector.code())
            .value(Organisations::DutyStatus, o.duty.code())
            .and_where(Expr::col(Organisations::Id).eq(before.id))
            .to_owned(),
    )
    .await?;
    audit::record(
        tx,
        Change {
            actor: Some(actor),
            action: "update",
            entity: "organisation",
            entity_id: before.id.to_string(),
            before: Some(
                json!({ "name": before.name, "sector": before.sector, "duty_status": before.duty_status }),
            ),
            after: Some(json!({ "name": o.name, "sector": o.sector.code(), "duty_status": o.duty.code() })),
        },
    )
    .await
}

/// Records that an organisation serves a partnership's area (idempotent).
pub async fn add_area(tx: &mut Tx, organisation: i64, partnership: i64) -> Result<(), sqlx::Error> {
    tx.execute(
        &Query::insert()
            .into_table(OrganisationAreas::Table)
            .columns([
                OrganisationAreas::OrganisationId,
                OrganisationAreas::PartnershipId,
                OrganisationAreas::Since,
            ])
            .values_panic([organisation.into(), partnership.into(), OffsetDateTime::now_utc().into()])
            .on_conflict(
                OnConflict::columns([OrganisationAreas::OrganisationId, OrganisationAreas::PartnershipId])
                    .do_nothing()
                    .to_owned(),
            )
            .to_owned(),
    )
    .await?;
    Ok(())
}

/// Asks to join a partnership, unless a request is already pending or it is served.
/// Returns whether a new request was made.
pub async fn request_to_join(
    tx: &mut Tx,
    requester: Option<i64>,
    organisation: i64,
    partnership: i64,
) -> Result<bool, sqlx::Error> {
    let existing: Option<(i64,)> = tx
        .fetch_optional(
            &Query::select()
                .column(JoinRequests::Id)
                .from(JoinRequests::Table)
                .and_where(Expr::col(JoinRequests::OrganisationId).eq(organisation))
                .and_where(Expr::col(JoinRequests::PartnershipId).eq(partnership))
                .and_where(Expr::col(JoinRequests::Status).eq(JoinRequestStatus::Pending.code()))
                .to_owned(),
        )
        .await?;
    let served: Option<(i64,)> = tx
        .fetch_optional(
            &Query::select()
                .column(OrganisationAreas::PartnershipId)
                .from(OrganisationAreas::Table)
                .and_where(Expr::col(OrganisationAreas::OrganisationId).eq(organisation))
                .and_where(Expr::col(OrganisationAreas::PartnershipId).eq(partnership))
                .to_owned(),
        )
        .await?;
    if existing.is_some() || served.is_some() {
        return Ok(false);
    }
    let id = tx
        .insert_id(
            &Query::insert()
                .into_table(JoinRequests::Table)
                .columns([
                    JoinRequests::OrganisationId,
                    JoinRequests::PartnershipId,
                    JoinRequests::Status,
                    JoinRequests::RequestedBy,
                    JoinRequests::CreatedAt,
                ])
                .values_panic([
                    organisation.into(),
                    partnership.into(),
                    JoinRequestStatus::Pending.code().into(),
                    requester.into(),
                    OffsetDateTime::now_utc().into(),
                ])
                .to_owned(),
        )
        .await?;
    audit::record(
        tx,
        Change {
            actor: requester,
            action: "request_to_join",
            entity: "join_request",
            entity_id: id.to_string(),
            before: None,
            after: Some(json!({ "organisation_id": organisation, "partnership_id": partnership })),
        },
    )
    .await?;
    Ok(true)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct JoinRequestRow {
    pub id: i64,
    pub organisation_id: i64,
    pub partnership_id: i64,
    #[sqlx(try_from = "String")]
    pub status: JoinRequestStatus,
    pub requested_by: Option<i64>,
    pub created_at: OffsetDateTime,
    pub organisation_name: String,
    #[sqlx(try_from = "String")]
    pub sector: Sector,
    #[sqlx(try_from = "String")]
    pub duty_status: DutyStatus,
    pub partnership_name: String,
    /// Who asked (none for requests made by the service itself, such as the demo's).
    pub requester_name: Option<String>,
    pub requester_email: Option<String>,
}

impl JoinRequestRow {
    pub fn sector_label(&self) -> &'static str {
        self.sector.label()
    }

    pub fn duty_label(&self) -> &'static str {
        self.duty_status.label()
    }

    pub fn status_label(&self) -> &'static str {
        self.status.label()
    }
}

fn join_request_select() -> sea_query::SelectStatement {
    Query::select()
        .column((JoinRequests::Table, JoinRequests::Id))
        .column((JoinRequests::Table, JoinRequests::OrganisationId))
        .column((JoinRequests::Table, JoinRequests::PartnershipId))
        .column((JoinRequests::Table, JoinRequests::Status))
        .column((JoinRequests::Table, JoinRequests::RequestedBy))
        .column((JoinRequests::Table, JoinRequests::CreatedAt))
        .expr_as(Expr::col((Organisations::Table, Organisations::Name)), "organisation_name")
        .column((Organisations::Table, Organisations::Sector))
        .column((Organisations::Table, Organisations::DutyStatus))
        .expr_as(Expr::col((Partnerships::Table, Partnerships::Name)), "partnership_name")
        .expr_as(Expr::col((Users::Table, Users::DisplayName)), "requester_name")
        .expr_as(Expr::col((Users::Table, Users::Email)), "requester_email")
        .from(JoinRequests::Table)
        .inner_join(
            Organisations::Table,
            Expr::col((Organisations::Table, Organisations::Id))
                .equals((JoinRequests::Table, JoinRequests::OrganisationId)),
        )
        .inner_join(
            Partnerships::Table,
            Expr::col((Partnerships::Table, Partnerships::Id))
                .equals((JoinRequests::Table, JoinRequests::PartnershipId)),
        )
        .left_join(
            Users::Table,
            Expr::col((Users::Table, Users::Id)).equals((JoinRequests::Table, JoinRequests::RequestedBy)),
        )
        .to_owned()
}

pub async fn join_request(db: &Db, id: i64) -> Result<Option<JoinRequestRow>, sqlx::Error> {
    db.fetch_optional(
        &join_request_select()
            .and_where(Expr::col((JoinRequests::Table, JoinRequests::Id)).eq(id))
            .to_owned(),
    )
    .await
}

/// Pending requests to join a partnership, oldest first. Capped: a partnership facing
/// more than 500 at once decides them in batches.
pub async fn pending_requests(db: &Db, partnership: i64) -> Result<Vec<JoinRequestRow>, sqlx::Error> {
    db.fetch_all(
        &join_request_select()
            .and_where(Expr::col((JoinRequests::Table, JoinRequests::PartnershipId)).eq(partnership))
            .and_where(
                Expr::col((JoinRequests::Table, JoinRequests::Status)).eq(JoinRequestStatus::Pending.code()),
            )
            .order_by((JoinRequests::Table, JoinRequests::Id), Order::Asc)
            .limit(500)
            .to_owned(),
    )
    .await
}

/// An organisation's requests, newest first (a handful per organisation).
pub async fn requests_of(db: &Db, organisation: i64) -> Result<Vec<JoinRequestRow>, sqlx::Error> {
    db.fetch_all(
        &join_request_select()
            .and_where(Expr::col((JoinRequests::Table, JoinRequests::OrganisationId)).eq(organisation))
            .order_by((JoinRequests::Table, JoinRequests::Id), Order::Desc)
            .limit(100)
            .to_owned(),
    )
    .await
}

pub async fn pending_request_count(db: &Db, partnership: i64) -> Result<i64, sqlx::Error> {
    let (count,): (i64,) = db
        .fetch_one(
            &Query::select()
                .expr(Expr::col(JoinRequests::Id).count())
                .from(JoinRequests::Table)
                .and_where(Expr::col(JoinRequests::PartnershipId).eq(partnership))
                .and_where(Expr::col(JoinRequests::Status).eq(JoinRequestStatus::Pending.code()))
                .to_owned(),
        )
        .await?;
    Ok(count)
}

pub enum Decision {
    Approve,
    Decline(String),
}

/// Emails of an organisation's safeguarding leads.
pub async fn lead_emails(tx: &mut Tx, organisation: i64) -> Result<Vec<String>, sqlx::Error> {
    let rows = people_with_role(tx, organisation, OrgRole::SafeguardingLead).await?;
    Ok(rows.into_iter().map(|(_, e)| e).collect())
}

/// The people holding `role` in an organisation: (user id, email), by id.
pub async fn people_with_role(
    tx: &mut Tx,
    organisation: i64,
    role: OrgRole,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    tx.fetch_all(
        &Query::select()
            .column((Users::Table, Users::Id))
            .column((Users::Table, Users::Email))
            .from(OrgMemberships::Table)
            .inner_join(
                Users::Table,
                Expr::col((Users::Table, Users::Id)).equals((OrgMemberships::Table, OrgMemberships::UserId)),
            )
            .and_where(Expr::col((OrgMemberships::Table, OrgMemberships::OrganisationId)).eq(organisation))
            .and_where(Expr::col((OrgMemberships::Table, OrgMemberships::Role)).eq(role.code()))
            .order_by((Users::Table, Users::Id), Order::Asc)
            .limit(50)
            .to_owned(),
    )
    .await
}

/// Emails of a partnership's admins.
pub async fn admin_emails(tx: &mut Tx, partnership: i64) -> Result<Vec<String>, sqlx::Error> {
    let rows: Vec<(String,)> = tx
        .fetch_all(
            &Query::select()
                .column((Users::Table, Users::Email))
                .from(PartnershipMemberships::Table)
                .inner_join(
                    Users::Table,
                    Expr::col((Users::Table, Users::Id))
                        .equals((PartnershipMemberships::Table, PartnershipMemberships::UserId)),
                )
                .and_where(
                    Expr::col((PartnershipMemberships::Table, PartnershipMemberships::PartnershipId))
                        .eq(partnership),
                )
                .and_where(
                    Expr::col((PartnershipMemberships::Table, PartnershipMemberships::Role))
                        .eq(PartnershipRole::Admin.code()),
                )
                .limit(50)
                .to_owned(),
        )
        .await?;
    Ok(rows.into_iter().map(|(e,)| e).collect())
}

/// Records a decision on a pending request, applies it and tells the requester.
/// Returns false when the request had already been decided.
pub async fn decide_join_request(
    state: &AppState,
    actor: i64,
    request: &JoinRequestRow,
    partnership: &Partnership,
    decision: Decision,
) -> Result<bool, sqlx::Error> {
    let (status, reason) = match &decision {
        Decision::Approve => (JoinRequestStatus::Approved, None),
        Decision::Decline(reason) => (JoinRequestStatus::Declined, Some(reason.clone())),
    };
    let mut tx = state.db.begin().await?;
    let changed = tx
        .execute(
            &Query::update()
                .table(JoinRequests::Table)
                .value(JoinRequests::Status, status.code())
                .value(JoinRequests::DecidedBy, actor)
                .value(JoinRequests::DecidedAt, OffsetDateTime::now_utc())
                .value(JoinRequests::DeclineReason, reason.clone())
                .cond_where(
                    Cond::all()
                        .add(Expr::col(JoinRequests::Id).eq(request.id))
                        .add(Expr::col(JoinRequests::Status).eq(JoinRequestStatus::Pending.code())),
                )
                .to_owned(),
        )
        .await?;
    if changed != 1 {
        return Ok(false);
    }
    if matches!(decision, Decision::Approve) {
        add_area(&mut tx, request.organisation_id, request.partnership_id).await?;
    }
    audit::record(
        &mut tx,
        Change {
            actor: Some(actor),
            action: if reason.is_some() { "decline" } else { "approve" },
            entity: "join_request",
            entity_id: request.id.to_string(),
            before: Some(json!({ "status": JoinRequestStatus::Pending.code() })),
            after: Some(json!({ "status": status.code(), "reason": reason })),
        },
    )
    .await?;
    let mut recipients = match request.requested_by {
        Some(user) => {
            let row: Option<(String,)> = tx
                .fetch_optional(
                    &Query::select()
                        .column(Users::Email)
                        .from(Users::Table)
                        .and_where(Expr::col(Users::Id).eq(user))
                        .to_owned(),
                )
                .await?;
            row.map(|(e,)| vec![e]).unwrap_or_default()
        }
        None => Vec::new(),
    };
    if recipients.is_empty() {
        recipients = lead_emails(&mut tx, request.organisation_id).await?;
    }
    let (subject, body) = match &decision {
        Decision::Approve => (
            format!("{} has approved your request", partnership.name),
            format!(
                "{} has confirmed that {} serves its area.\n\nThe partnership can now invite you to its audits, \
                 and will see the self-assessment you submit.\n\n{}/organisations/{}\n",
                partnership.name, request.organisation_name, state.config.public_url, request.organisation_id
            ),
        ),
        Decision::Decline(reason) => (
            format!("{} has declined your request", partnership.name),
            format!(
                "{} has declined the request from {} to join the partnership.\n\nThe reason given:\n{}\n\n\
                 If you think this is a mistake, contact the partnership's business unit.\n",
                partnership.name, request.organisation_name, reason
            ),
        ),
    };
    for to in recipients {
        state.mailer.queue(&mut tx, Email { to, subject: subject.clone(), body: body.clone() }).await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// A partnership the organisation serves.
pub struct ServedPartnership {
    pub id: i64,
    pub name: String,
    pub kind: PartnershipKind,
}

/// The partnerships an organisation serves, by name. An organisation serves a
/// handful at most (a police force, four or five).
pub async fn served_partnerships(db: &Db, organisation: i64) -> Result<Vec<ServedPartnership>, sqlx::Error> {
    let rows: Vec<(i64, String, String)> = db
        .fetch_all(
            &Query::select()
                .columns([
                    (Partnerships::Table, Partnerships::Id),
                    (Partnerships::Table, Partnerships::Name),
                    (Partnerships::Table, Partnerships::Kind),
                ])
                .from(OrganisationAreas::Table)
                .inner_join(
                    Partnerships::Table,
                    Expr::col((Partnerships::Table, Partnerships::Id))
                        .equals((OrganisationAreas::Table, OrganisationAreas::PartnershipId)),
                )
                .and_where(
                    Expr::col((OrganisationAreas::Table, OrganisationAreas::OrganisationId)).eq(organisation),
                )
                .order_by((Partnerships::Table, Partnerships::Name), Order::Asc)
                .limit(200)
                .to_owned(),
        )
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, name, kind)| {
            Some(ServedPartnership { id, name, kind: PartnershipKind::from_code(&kind)? })
        })
        .collect())
}
