//! Response codes and the burst limit, in the database. The rules (what a code looks
//! like, how many answers an address may send) are `osa_core::survey_codes`.
//!
//! Answering spends a code and adds the answers in one transaction: the code is marked
//! used by a conditional update (`used = false` in its WHERE), so of two sends of one
//! code at the same moment only one changes a row, and only that one adds answers. On
//! SQLite the transaction holds the write lock from its start; on PostgreSQL the second
//! update waits for the first's row lock and then finds the code used.

use rand::RngCore;
use sea_query::{Expr, ExprTrait, Order, Query};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use crate::db::schema_surveys::{SurveyAnswerBursts, SurveyCodes};
use crate::db::{Db, Tx};
use osa_core::survey::SurveyAnswer;
use osa_core::survey_codes::{self, CODE_SYMBOLS};

fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// The stored form of a code already normalised (`survey_codes::normalise`).
fn code_hash(normal: &str) -> String {
    sha256_hex(normal)
}

/// Issues `n` new codes for one organisation's practitioners, and gives them back as
/// people read them ("ABCD-EFGH-JKMN"). They are never readable again.
pub async fn issue(
    tx: &mut Tx,
    survey: i64,
    organisation: i64,
    n: usize,
) -> Result<Vec<String>, sqlx::Error> {
    let mut codes = Vec::with_capacity(n);
    while codes.len() < n {
        let mut bytes = [0u8; CODE_SYMBOLS];
        rand::rng().fill_bytes(&mut bytes);
        let code = survey_codes::from_random(&bytes);
        // A code made from random bytes always normalises; one that did not is not issued.
        let Some(normal) = survey_codes::normalise(&code) else { continue };
        // 60 random bits: a repeat is all but impossible, and is skipped if it happens.
        let inserted = tx
            .execute(
                &Query::insert()
                    .into_table(SurveyCodes::Table)
                    .columns([SurveyCodes::CodeHash, SurveyCodes::SurveyId, SurveyCodes::OrganisationId])
                    .values_panic([code_hash(&normal).into(), survey.into(), organisation.into()])
                    .on_conflict(sea_query::OnConflict::column(SurveyCodes::CodeHash).do_nothing().to_owned())
                    .to_owned(),
            )
            .await?;
        if inserted == 1 {
            codes.push(code);
        }
    }
    Ok(codes)
}

/// Codes issued and used so far for one organisation: (issued, used).
pub async fn counts_of(db: &Db, survey: i64, organisation: i64) -> Result<(i64, i64), sqlx::Error> {
    let all = counts(db, survey).await?;
    Ok(all.into_iter().find(|(o, _, _)| *o == organisation).map(|(_, i, u)| (i, u)).unwrap_or((0, 0)))
}

/// (organisation, codes issued, codes used) for every organisation given codes.
pub async fn counts(db: &Db, survey: i64) -> Result<Vec<(i64, i64, i64)>, sqlx::Error> {
    let rows: Vec<(i64, bool, i64)> = db
        .fetch_all(
            &Query::select()
                .columns([SurveyCodes::OrganisationId, SurveyCodes::Used])
                .expr(Expr::col(SurveyCodes::CodeHash).count())
                .from(SurveyCodes::Table)
                .and_where(Expr::col(SurveyCodes::SurveyId).eq(survey))
                .group_by_columns([SurveyCodes::OrganisationId, SurveyCodes::Used])
                .order_by(SurveyCodes::OrganisationId, Order::Asc)
                .to_owned(),
        )
        .await?;
    let mut out: Vec<(i64, i64, i64)> = Vec::new();
    for (organisation, used, n) in rows {
        if out.last().is_none_or(|(o, _, _)| *o != organisation) {
            out.push((organisation, 0, 0));
        }
        // Never skips: a row was pushed just above when none matched.
        let Some(last) = out.last_mut() else { continue };
        last.1 += n;
        if used {
            last.2 += n;
        }
    }
    Ok(out)
}

/// What became of an answer sent with a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeUse {
    /// The code was unused: it is spent now and the answers are counted.
    Counted,
    /// The code was spent already: nothing is counted.
    AlreadyUsed,
    /// No such code for this survey and organisation: nothing is counted.
    Unknown,
}

/// Spends the code and adds the answers, or neither. `typed` is the code as typed.
/// This is the only way answers are added to a survey.
pub async fn answer(
    tx: &mut Tx,
    survey: i64,
    organisation: i64,
    typed: &str,
    answers: &[(i64, SurveyAnswer)],
) -> Result<CodeUse, sqlx::Error> {
    let Some(normal) = survey_codes::normalise(typed) else { return Ok(CodeUse::Unknown) };
    let hash = code_hash(&normal);
    let this_code = || {
        Expr::col(SurveyCodes::CodeHash)
            .eq(hash.as_str())
            .and(Expr::col(SurveyCodes::SurveyId).eq(survey))
            .and(Expr::col(SurveyCodes::OrganisationId).eq(organisation))
    };
    let spent = tx
        .execute(
            &Query::update()
                .table(SurveyCodes::Table)
                .value(SurveyCodes::Used, true)
                .and_where(this_code())
                .and_where(Expr::col(SurveyCodes::Used).eq(false))
                .to_owned(),
        )
        .await?;
    if spent == 1 {
        super::store::add_answers(tx, survey, organisation, answers).await?;
        return Ok(CodeUse::Counted);
    }
    let known: Option<(bool,)> = tx
        .fetch_optional(
            &Query::select()
                .column(SurveyCodes::Used)
                .from(SurveyCodes::Table)
                .and_where(this_code())
                .to_owned(),
        )
        .await?;
    Ok(if known.is_some() { CodeUse::AlreadyUsed } else { CodeUse::Unknown })
}

/// The times answers were sent from this address since `since`. Rows older than
/// `since` (from any address) are deleted on the way, so nothing is kept past the
/// burst limit's window.
pub async fn recent_sends(
    db: &Db,
    address: &str,
    since: OffsetDateTime,
) -> Result<Vec<OffsetDateTime>, sqlx::Error> {
    db.execute(
        &Query::delete()
            .from_table(SurveyAnswerBursts::Table)
            .and_where(Expr::col(SurveyAnswerBursts::At).lt(since))
            .to_owned(),
    )
    .await?;
    let rows: Vec<(OffsetDateTime,)> = db
        .fetch_all(
            &Query::select()
                .column(SurveyAnswerBursts::At)
                .from(SurveyAnswerBursts::Table)
                .and_where(Expr::col(SurveyAnswerBursts::AddressHash).eq(sha256_hex(address)))
                .and_where(Expr::col(SurveyAnswerBursts::At).gte(since))
                // More than the limit is never needed to decide.
                .limit(1000)
                .to_owned(),
        )
        .await?;
    Ok(rows.into_iter().map(|(t,)| t).collect())
}

/// Notes that answers are being sent from this address now.
pub async fn note_send(db: &Db, address: &str, now: OffsetDateTime) -> Result<(), sqlx::Error> {
    db.execute(
        &Query::insert()
            .into_table(SurveyAnswerBursts::Table)
            .columns([SurveyAnswerBursts::AddressHash, SurveyAnswerBursts::At])
            .values_panic([sha256_hex(address).into(), now.into()])
            .to_owned(),
    )
    .await?;
    Ok(())
}
