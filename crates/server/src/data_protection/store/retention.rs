//! The queries of the retention rules: the candidates each rule might reach (the rule
//! itself, in `osa_core::retention`, decides which are due), and the deletions.

use std::collections::BTreeMap;

use sea_query::{Expr, ExprTrait, Order, Query};
use time::{Date, OffsetDateTime, Time};

use crate::db::schema::{
    Assessments, Cycles, EvidenceFiles, Invitations, OrgMemberships, Organisations, PartnershipMemberships,
    Returns, SignOffRequests, Users,
};
use crate::db::{Db, Tx};

/// The first moment after the day `latest` ends: everything before it started on or
/// before `latest`, so the query can fetch exactly the rule's candidates.
fn end_of(latest: Date) -> OffsetDateTime {
    latest.next_day().unwrap_or(Date::MAX).with_time(Time::MIDNIGHT).assume_utc()
}

/// A submitted return and the cycles it answers.
#[derive(Debug, Clone)]
pub struct ReturnCandidate {
    pub id: i64,
    pub organisation: String,
    /// Each cycle it answers: its name and when it closed (none while open).
    pub cycles: Vec<(String, Option<Date>)>,
}

#[derive(sqlx::FromRow)]
struct AnsweredCycle {
    return_id: i64,
    organisation: String,
    cycle: String,
    closed_at: Option<OffsetDateTime>,
}

/// Every return that answers a cycle at least one of which closed on or before
/// `closed_by`, with every cycle it answers (open ones included, since an open cycle
/// keeps its return).
pub async fn returns_answering_cycles_closed_by(
    db: &Db,
    closed_by: Date,
) -> Result<Vec<ReturnCandidate>, sqlx::Error> {
    let old = Query::select()
        .column((Invitations::Table, Invitations::ReturnId))
        .from(Invitations::Table)
        .inner_join(
            Cycles::Table,
            Expr::col((Cycles::Table, Cycles::Id)).equals((Invitations::Table, Invitations::CycleId)),
        )
        .and_where(Expr::col((Invitations::Table, Invitations::ReturnId)).is_not_null())
        .and_where(Expr::col((Cycles::Table, Cycles::ClosedAt)).lt(end_of(closed_by)))
        .to_owned();
    let rows: Vec<AnsweredCycle> = db
        .fetch_all(
            &Query::select()
                .expr_as(Expr::col((Invitations::Table, Invitations::ReturnId)), "return_id")
                .expr_as(Expr::col((Organisations::Table, Organisations::Name)), "organisation")
                .expr_as(Expr::col((Cycles::Table, Cycles::Name)), "cycle")
                .expr_as(Expr::col((Cycles::Table, Cycles::ClosedAt)), "closed_at")
                .from(Invitations::Table)
                .inner_join(
                    Cycles::Table,
                    Expr::col((Cycles::Table, Cycles::Id)).equals((Invitations::Table, Invitations::CycleId)),
                )
                .inner_join(
                    Organisations::Table,
                    Expr::col((Organisations::Table, Organisations::Id))
                        .equals((Invitations::Table, Invitations::OrganisationId)),
                )
                .and_where(Expr::col((Invitations::Table, Invitations::ReturnId)).in_subquery(old))
                .order_by((Invitations::Table, Invitations::ReturnId), Order::Asc)
                .order_by((Cycles::Table, Cycles::Id), Order::Asc)
                .to_owned(),
        )
        .await?;
    let mut by_return: BTreeMap<i64, ReturnCandidate> = BTreeMap::new();
    for row in rows {
        by_return
            .entry(row.return_id)
            .or_insert_with(|| ReturnCandidate {
                id: row.return_id,
                organisation: row.organisation,
                cycles: Vec::new(),
            })
            .cycles
            .push((row.cycle, row.closed_at.map(OffsetDateTime::date)));
    }
    Ok(by_return.into_values().collect())
}

/// Deletes a return; its standings, ratings, values, narrative passages, threads and
/// their messages, plan updates and rounds go with it (their foreign keys cascade).
/// The invitations it answered keep a reason saying what became of it, so a closed
/// cycle's figures say "deleted under the retention rule", not "never sent".
pub async fn delete_return(
    tx: &mut Tx,
    id: i64,
    reason: &str,
    at: OffsetDateTime,
) -> Result<u64, sqlx::Error> {
    tx.execute(
        &Query::update()
            .table(Invitations::Table)
            .value(Invitations::ReturnId, Option::<i64>::None)
            .value(Invitations::NonSubmissionReason, reason)
            .value(Invitations::NonSubmissionBy, Option::<i64>::None)
            .value(Invitations::NonSubmissionAt, at)
            .and_where(Expr::col(Invitations::ReturnId).eq(id))
            .to_owned(),
    )
    .await?;
    tx.execute(
        &Query::update()
            .table(SignOffRequests::Table)
            .value(SignOffRequests::ReturnId, Option::<i64>::None)
            .and_where(Expr::col(SignOffRequests::ReturnId).eq(id))
            .to_owned(),
    )
    .await?;
    tx.execute(
        &Query::delete().from_table(Returns::Table).and_where(Expr::col(Returns::Id).eq(id)).to_owned(),
    )
    .await
}

#[derive(sqlx::FromRow, Debug, Clone)]
pub struct EvidenceCandidate {
    pub id: i64,
    pub assessment_id: i64,
    pub criterion_code: String,
    pub file_name: String,
    pub storage_key: String,
    pub uploaded_at: OffsetDateTime,
    pub organisation: String,
}

/// Evidence files uploaded on or before `uploaded_by`.
pub async fn evidence_uploaded_by(db: &Db, uploaded_by: Date) -> Result<Vec<EvidenceCandidate>, sqlx::Error> {
    db.fetch_all(
        &Query::select()
            .columns([
                (EvidenceFiles::Table, EvidenceFiles::Id),
                (EvidenceFiles::Table, EvidenceFiles::AssessmentId),
                (EvidenceFiles::Table, EvidenceFiles::CriterionCode),
                (EvidenceFiles::Table, EvidenceFiles::FileName),
                (EvidenceFiles::Table, EvidenceFiles::StorageKey),
                (EvidenceFiles::Table, EvidenceFiles::UploadedAt),
            ])
            .expr_as(Expr::col((Organisations::Table, Organisations::Name)), "organisation")
            .from(EvidenceFiles::Table)
            .inner_join(
                Assessments::Table,
                Expr::col((Assessments::Table, Assessments::Id))
                    .equals((EvidenceFiles::Table, EvidenceFiles::AssessmentId)),
            )
            .inner_join(
                Organisations::Table,
                Expr::col((Organisations::Table, Organisations::Id))
                    .equals((Assessments::Table, Assessments::OrganisationId)),
            )
            .and_where(Expr::col((EvidenceFiles::Table, EvidenceFiles::UploadedAt)).lt(end_of(uploaded_by)))
            .order_by((EvidenceFiles::Table, EvidenceFiles::Id), Order::Asc)
            .to_owned(),
    )
    .await
}

/// Deletes one evidence file's row; the caller removes its bytes once committed.
pub async fn delete_evidence(tx: &mut Tx, file: &EvidenceCandidate) -> Result<u64, sqlx::Error> {
    let removed = tx
        .execute(
            &Query::delete()
                .from_table(EvidenceFiles::Table)
                .and_where(Expr::col(EvidenceFiles::Id).eq(file.id))
                .to_owned(),
        )
        .await?;
    if removed > 0 {
        // A sign-off covers the evidence as it stood; with a file gone it no longer does.
        crate::assessments::returns::withdraw_sign_off(tx, file.assessment_id).await?;
    }
    Ok(removed)
}

#[derive(sqlx::FromRow, Debug, Clone)]
pub struct ClosedAccount {
    pub id: i64,
    pub closed_at: OffsetDateTime,
}

fn holds_no_role(query: &mut sea_query::SelectStatement) -> &mut sea_query::SelectStatement {
    query
        .and_where(Expr::col(Users::ErasedAt).is_null())
        .and_where(Expr::col(Users::PlatformAdmin).eq(false))
        .and_where(Expr::col(Users::Id).not_in_subquery(
            Query::select().column(OrgMemberships::UserId).from(OrgMemberships::Table).to_owned(),
        ))
        .and_where(
            Expr::col(Users::Id).not_in_subquery(
                Query::select()
                    .column(PartnershipMemberships::UserId)
                    .from(PartnershipMemberships::Table)
                    .to_owned(),
            ),
        )
}

/// Accounts not yet anonymised, holding no role, closed on or before `closed_by`.
pub async fn accounts_closed_by(db: &Db, closed_by: Date) -> Result<Vec<ClosedAccount>, sqlx::Error> {
    let mut query = Query::select();
    query
        .columns([Users::Id, Users::ClosedAt])
        .from(Users::Table)
        .and_where(Expr::col(Users::ClosedAt).lt(end_of(closed_by)));
    db.fetch_all(holds_no_role(&mut query).order_by(Users::Id, Order::Asc)).await
}

/// Accounts holding no role with no closing moment recorded (closed before migration
/// 40 recorded one): how many the next run will start counting from.
pub async fn roleless_without_closing_date(db: &Db) -> Result<Vec<i64>, sqlx::Error> {
    let mut query = Query::select();
    query.column(Users::Id).from(Users::Table).and_where(Expr::col(Users::ClosedAt).is_null());
    let rows: Vec<(i64,)> = db.fetch_all(holds_no_role(&mut query).order_by(Users::Id, Order::Asc)).await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// Starts the closed-accounts clock at `at` for these accounts.
pub async fn record_closed(tx: &mut Tx, ids: &[i64], at: OffsetDateTime) -> Result<u64, sqlx::Error> {
    if ids.is_empty() {
        return Ok(0);
    }
    tx.execute(
        &Query::update()
            .table(Users::Table)
            .value(Users::ClosedAt, at)
            .and_where(Expr::col(Users::Id).is_in(ids.iter().copied()))
            .and_where(Expr::col(Users::ClosedAt).is_null())
            .to_owned(),
    )
    .await
}
