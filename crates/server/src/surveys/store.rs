//! Reading and writing surveys, their questions, links and the counts of answers.
//!
//! A link's token is stored as it is, not hashed: partnership staff and the
//! organisation's lead must be able to see the link again whenever they pass it on,
//! and it grants nothing but the right to add anonymous answers to one organisation's
//! counts (it is meant to be spread to every practitioner). It is 128 random bits, so
//! it cannot be guessed, and a withdrawn invitation or a closed survey stops it working.

use base64::Engine;
use rand::RngCore;
use sea_query::{Expr, ExprTrait, OnConflict, Order, Query};
use time::{Date, OffsetDateTime};

use crate::cycles::visible::Reader;
use crate::db::schema::{Cycles, Invitations, Organisations, Returns};
use crate::db::schema_surveys::{SurveyAnswerCounts, SurveyLinks, SurveyQuestions, Surveys};
use crate::db::{Db, Tx};
use osa_core::survey::SurveyAnswer;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SurveyRow {
    pub id: i64,
    pub cycle_id: i64,
    pub title: String,
    pub closes_on: Option<Date>,
    pub closed_at: Option<OffsetDateTime>,
    /// When the survey's cycle was closed: a survey closes with its cycle.
    pub cycle_closed_at: Option<OffsetDateTime>,
}

impl SurveyRow {
    pub fn is_open(&self, today: Date) -> bool {
        let closed = self.closed_at.is_some() || self.cycle_closed_at.is_some();
        osa_core::survey::is_open(closed, self.closes_on, today)
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct QuestionRow {
    pub id: i64,
    pub position: i32,
    pub criterion_code: String,
    pub wording: String,
}

/// One organisation's link, for the organisations still invited to the cycle.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LinkRow {
    pub survey_id: i64,
    pub organisation_id: i64,
    pub organisation_name: String,
    pub token: String,
}

fn survey_select() -> sea_query::SelectStatement {
    Query::select()
        .columns([
            (Surveys::Table, Surveys::Id),
            (Surveys::Table, Surveys::CycleId),
            (Surveys::Table, Surveys::Title),
            (Surveys::Table, Surveys::ClosesOn),
            (Surveys::Table, Surveys::ClosedAt),
        ])
        .expr_as(Expr::col((Cycles::Table, Cycles::ClosedAt)), "cycle_closed_at")
        .from(Surveys::Table)
        .inner_join(
            Cycles::Table,
            Expr::col((Cycles::Table, Cycles::Id)).equals((Surveys::Table, Surveys::CycleId)),
        )
        .to_owned()
}

pub async fn get(db: &Db, id: i64) -> Result<Option<SurveyRow>, sqlx::Error> {
    db.fetch_optional(&survey_select().and_where(Expr::col((Surveys::Table, Surveys::Id)).eq(id)).to_owned())
        .await
}

/// A cycle's surveys, newest first (a cycle has a handful at most).
pub async fn of_cycle(db: &Db, cycle: i64) -> Result<Vec<SurveyRow>, sqlx::Error> {
    db.fetch_all(
        &survey_select()
            .and_where(Expr::col((Surveys::Table, Surveys::CycleId)).eq(cycle))
            .order_by((Surveys::Table, Surveys::Id), Order::Desc)
            .limit(100)
            .to_owned(),
    )
    .await
}

pub async fn questions(db: &Db, survey: i64) -> Result<Vec<QuestionRow>, sqlx::Error> {
    db.fetch_all(
        &Query::select()
            .columns([
                SurveyQuestions::Id,
                SurveyQuestions::Position,
                SurveyQuestions::CriterionCode,
                SurveyQuestions::Wording,
            ])
            .from(SurveyQuestions::Table)
            .and_where(Expr::col(SurveyQuestions::SurveyId).eq(survey))
            .order_by(SurveyQuestions::Position, Order::Asc)
            .to_owned(),
    )
    .await
}

pub struct NewSurvey {
    pub cycle: i64,
    pub title: String,
    pub closes_on: Option<Date>,
    /// (criterion code, wording), in order.
    pub questions: Vec<(String, String)>,
}

pub async fn create(tx: &mut Tx, actor: i64, s: &NewSurvey) -> Result<i64, sqlx::Error> {
    let id = tx
        .insert_id(
            &Query::insert()
                .into_table(Surveys::Table)
                .columns([
                    Surveys::CycleId,
                    Surveys::Title,
                    Surveys::ClosesOn,
                    Surveys::CreatedBy,
                    Surveys::CreatedAt,
                ])
                .values_panic([
                    s.cycle.into(),
                    s.title.as_str().into(),
                    s.closes_on.into(),
                    actor.into(),
                    OffsetDateTime::now_utc().into(),
                ])
                .to_owned(),
        )
        .await?;
    for (position, (criterion, wording)) in s.questions.iter().enumerate() {
        tx.execute(
            &Query::insert()
                .into_table(SurveyQuestions::Table)
                .columns([
                    SurveyQuestions::SurveyId,
                    SurveyQuestions::Position,
                    SurveyQuestions::CriterionCode,
                    SurveyQuestions::Wording,
                ])
                .values_panic([
                    id.into(),
                    (position as i32 + 1).into(),
                    criterion.as_str().into(),
                    wording.as_str().into(),
                ])
                .to_owned(),
        )
        .await?;
    }
    add_missing_links(tx, id, s.cycle).await?;
    Ok(id)
}

/// Closes a survey that is not closed yet; true when this call closed it.
pub async fn close(tx: &mut Tx, survey: i64, actor: i64) -> Result<bool, sqlx::Error> {
    let changed = tx
        .execute(
            &Query::update()
                .table(Surveys::Table)
                .value(Surveys::ClosedAt, OffsetDateTime::now_utc())
                .value(Surveys::ClosedBy, actor)
                .and_where(Expr::col(Surveys::Id).eq(survey))
                .and_where(Expr::col(Surveys::ClosedAt).is_null())
                .to_owned(),
        )
        .await?;
    Ok(changed == 1)
}

/// 128 random bits, URL-safe.
fn new_token() -> String {
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// Gives every organisation invited to the cycle a link to the survey, once: those
/// invited after the survey was opened get theirs the next time links are read.
pub async fn add_missing_links(tx: &mut Tx, survey: i64, cycle: i64) -> Result<(), sqlx::Error> {
    let linked = Query::select()
        .column(SurveyLinks::OrganisationId)
        .from(SurveyLinks::Table)
        .and_where(Expr::col(SurveyLinks::SurveyId).eq(survey))
        .to_owned();
    let missing: Vec<(i64,)> = tx
        .fetch_all(
            &Query::select()
                .column(Invitations::OrganisationId)
                .from(Invitations::Table)
                .and_where(Expr::col(Invitations::CycleId).eq(cycle))
                .and_where(Expr::col(Invitations::OrganisationId).not_in_subquery(linked))
                .to_owned(),
        )
        .await?;
    let now = OffsetDateTime::now_utc();
    for (organisation,) in missing {
        tx.execute(
            &Query::insert()
                .into_table(SurveyLinks::Table)
                .columns([
                    SurveyLinks::SurveyId,
                    SurveyLinks::OrganisationId,
                    SurveyLinks::Token,
                    SurveyLinks::CreatedAt,
                ])
                .values_panic([survey.into(), organisation.into(), new_token().into(), now.into()])
                .on_conflict(
                    OnConflict::columns([SurveyLinks::SurveyId, SurveyLinks::OrganisationId])
                        .do_nothing()
                        .to_owned(),
                )
                .to_owned(),
        )
        .await?;
    }
    Ok(())
}

fn link_select() -> sea_query::SelectStatement {
    Query::select()
        .columns([
            (SurveyLinks::Table, SurveyLinks::SurveyId),
            (SurveyLinks::Table, SurveyLinks::OrganisationId),
            (SurveyLinks::Table, SurveyLinks::Token),
        ])
        .expr_as(Expr::col((Organisations::Table, Organisations::Name)), "organisation_name")
        .from(SurveyLinks::Table)
        .inner_join(
            Surveys::Table,
            Expr::col((Surveys::Table, Surveys::Id)).equals((SurveyLinks::Table, SurveyLinks::SurveyId)),
        )
        // Only organisations still invited: a withdrawn invitation ends the link.
        .inner_join(
            Invitations::Table,
            Expr::col((Invitations::Table, Invitations::CycleId))
                .equals((Surveys::Table, Surveys::CycleId))
                .and(
                    Expr::col((Invitations::Table, Invitations::OrganisationId))
                        .equals((SurveyLinks::Table, SurveyLinks::OrganisationId)),
                ),
        )
        .inner_join(
            Organisations::Table,
            Expr::col((Organisations::Table, Organisations::Id))
                .equals((SurveyLinks::Table, SurveyLinks::OrganisationId)),
        )
        .to_owned()
}

/// Every invited organisation's link, by organisation name.
pub async fn links(db: &Db, survey: i64) -> Result<Vec<LinkRow>, sqlx::Error> {
    db.fetch_all(
        &link_select()
            .and_where(Expr::col((SurveyLinks::Table, SurveyLinks::SurveyId)).eq(survey))
            .order_by((Organisations::Table, Organisations::Name), Order::Asc)
            .limit(5000)
            .to_owned(),
    )
    .await
}

/// One organisation's link to a survey, while it is invited to the survey's cycle.
pub async fn link_of(db: &Db, survey: i64, organisation: i64) -> Result<Option<LinkRow>, sqlx::Error> {
    db.fetch_optional(
        &link_select()
            .and_where(Expr::col((SurveyLinks::Table, SurveyLinks::SurveyId)).eq(survey))
            .and_where(Expr::col((SurveyLinks::Table, SurveyLinks::OrganisationId)).eq(organisation))
            .to_owned(),
    )
    .await
}

/// The survey and organisation a link belongs to.
pub async fn by_token(db: &Db, token: &str) -> Result<Option<(SurveyRow, LinkRow)>, sqlx::Error> {
    // Tokens are URL-safe base64 of 16 bytes; anything else is not looked up at all.
    if token.len() != 22 || !token.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
        return Ok(None);
    }
    let link: Option<LinkRow> = db
        .fetch_optional(
            &link_select()
                .and_where(Expr::col((SurveyLinks::Table, SurveyLinks::Token)).eq(token))
                .to_owned(),
        )
        .await?;
    let Some(link) = link else { return Ok(None) };
    Ok(get(db, link.survey_id).await?.map(|s| (s, link)))
}

/// The open surveys this organisation has a link to, newest first, with the token.
pub async fn open_links_of_organisation(
    db: &Db,
    organisation: i64,
    today: Date,
) -> Result<Vec<(SurveyRow, String)>, sqlx::Error> {
    let rows: Vec<LinkRow> = db
        .fetch_all(
            &link_select()
                .and_where(Expr::col((SurveyLinks::Table, SurveyLinks::OrganisationId)).eq(organisation))
                .and_where(Expr::col((Surveys::Table, Surveys::ClosedAt)).is_null())
                .order_by((SurveyLinks::Table, SurveyLinks::SurveyId), Order::Desc)
                .limit(50)
                .to_owned(),
        )
        .await?;
    let mut out = Vec::new();
    for link in rows {
        if let Some(s) = get(db, link.survey_id).await?.filter(|s| s.is_open(today)) {
            out.push((s, link.token));
        }
    }
    Ok(out)
}

/// Adds one practitioner's answers to the organisation's counts. Nothing about the
/// person, their session, their code or the moment is written. Only
/// `codes_store::answer` calls this, after spending a code in the same transaction.
pub(super) async fn add_answers(
    tx: &mut Tx,
    survey: i64,
    organisation: i64,
    answers: &[(i64, SurveyAnswer)],
) -> Result<(), sqlx::Error> {
    for (question, answer) in answers {
        tx.execute(
            &Query::insert()
                .into_table(SurveyAnswerCounts::Table)
                .columns([
                    SurveyAnswerCounts::SurveyId,
                    SurveyAnswerCounts::OrganisationId,
                    SurveyAnswerCounts::QuestionId,
                    SurveyAnswerCounts::Answer,
                    SurveyAnswerCounts::Responses,
                ])
                .values_panic([
                    survey.into(),
                    organisation.into(),
                    (*question).into(),
                    answer.code().into(),
                    1i64.into(),
                ])
                .on_conflict(
                    OnConflict::columns([
                        SurveyAnswerCounts::SurveyId,
                        SurveyAnswerCounts::OrganisationId,
                        SurveyAnswerCounts::QuestionId,
                        SurveyAnswerCounts::Answer,
                    ])
                    .value(
                        SurveyAnswerCounts::Responses,
                        Expr::col((SurveyAnswerCounts::Table, SurveyAnswerCounts::Responses)).add(1),
                    )
                    .to_owned(),
                )
                .to_owned(),
        )
        .await?;
    }
    Ok(())
}

/// (organisation, question, answer code, how many) for every count of a survey.
pub async fn counts(db: &Db, survey: i64) -> Result<Vec<(i64, i64, String, i64)>, sqlx::Error> {
    db.fetch_all(
        &Query::select()
            .columns([
                SurveyAnswerCounts::OrganisationId,
                SurveyAnswerCounts::QuestionId,
                SurveyAnswerCounts::Answer,
                SurveyAnswerCounts::Responses,
            ])
            .from(SurveyAnswerCounts::Table)
            .and_where(Expr::col(SurveyAnswerCounts::SurveyId).eq(survey))
            .to_owned(),
    )
    .await
}

/// (organisation, snapshot) of each return submitted to the reader's cycle on this
/// framework and sent to a partnership the reader reads through.
pub async fn submitted_snapshots(
    db: &Db,
    reader: &Reader,
    framework_key: &str,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    db.fetch_all(
        &Query::select()
            .column((Invitations::Table, Invitations::OrganisationId))
            .column((Returns::Table, Returns::Snapshot))
            .from(Invitations::Table)
            .inner_join(
                Returns::Table,
                Expr::col((Returns::Table, Returns::Id)).equals((Invitations::Table, Invitations::ReturnId)),
            )
            .and_where(Expr::col((Invitations::Table, Invitations::CycleId)).eq(reader.cycle))
            .and_where(reader.may_read((Invitations::Table, Invitations::ReturnId)))
            .and_where(Expr::col((Invitations::Table, Invitations::FrameworkKey)).eq(framework_key))
            .limit(5000)
            .to_owned(),
    )
    .await
}
