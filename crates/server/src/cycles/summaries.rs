//! The small per-return summaries the dashboards read: each standard's standing and
//! whether it applies, and each criterion's counted rating. Written with the return at
//! sign-off (same transaction), and backfilled at start-up for returns signed off
//! before migration 19 kept them. The rule is `osa_core::assessment::return_summary`.

use sea_query::{Expr, ExprTrait, OnConflict, Order, Query};

use crate::db::schema::{
    Assessments, Organisations, ReturnRatings, ReturnStandings, Returns, SummarisedReturns,
};
use crate::db::{Db, Tx};
use osa_core::assessment::ReturnSummary;
use osa_core::tenancy::{DutyStatus, Sector};

/// Writes a new return's standings, whether each applies, and its ratings.
pub async fn write(tx: &mut Tx, return_id: i64, summary: &ReturnSummary) -> Result<(), sqlx::Error> {
    tx.execute(
        &Query::insert()
            .into_table(SummarisedReturns::Table)
            .columns([SummarisedReturns::ReturnId])
            .values_panic([return_id.into()])
            .to_owned(),
    )
    .await?;
    for standard in &summary.standards {
        tx.execute(
            &Query::insert()
                .into_table(ReturnStandings::Table)
                .columns([
                    ReturnStandings::ReturnId,
                    ReturnStandings::StandardCode,
                    ReturnStandings::Standing,
                    ReturnStandings::Applies,
                ])
                .values_panic([
                    return_id.into(),
                    standard.code.as_str().into(),
                    standard.standing.code().into(),
                    standard.applies.into(),
                ])
                .to_owned(),
        )
        .await?;
    }
    write_ratings(tx, return_id, summary).await
}

async fn write_ratings(tx: &mut Tx, return_id: i64, summary: &ReturnSummary) -> Result<(), sqlx::Error> {
    for (criterion, rating) in &summary.ratings {
        tx.execute(
            &Query::insert()
                .into_table(ReturnRatings::Table)
                .columns([ReturnRatings::ReturnId, ReturnRatings::CriterionCode, ReturnRatings::Rating])
                .values_panic([return_id.into(), criterion.as_str().into(), rating.code().into()])
                .to_owned(),
        )
        .await?;
    }
    Ok(())
}

/// Adds what an earlier return lacks: its ratings, and which standards do not apply.
/// Its standings were recorded at sign-off and are never changed. Does nothing when
/// the return is already summarised (two servers backfilling at once).
async fn complete(tx: &mut Tx, return_id: i64, summary: &ReturnSummary) -> Result<(), sqlx::Error> {
    let claimed = tx
        .execute(
            &Query::insert()
                .into_table(SummarisedReturns::Table)
                .columns([SummarisedReturns::ReturnId])
                .values_panic([return_id.into()])
                .on_conflict(OnConflict::column(SummarisedReturns::ReturnId).do_nothing().to_owned())
                .to_owned(),
        )
        .await?;
    if claimed == 0 {
        return Ok(());
    }
    for standard in summary.standards.iter().filter(|s| !s.applies) {
        tx.execute(
            &Query::update()
                .table(ReturnStandings::Table)
                .value(ReturnStandings::Applies, false)
                .and_where(Expr::col(ReturnStandings::ReturnId).eq(return_id))
                .and_where(Expr::col(ReturnStandings::StandardCode).eq(standard.code.as_str()))
                .to_owned(),
        )
        .await?;
    }
    write_ratings(tx, return_id, summary).await
}

const BACKFILL_BATCH: u64 = 100;

/// Summarises every return signed off before summaries were kept, a batch at a time,
/// each return in its own transaction, from its snapshot and framework, as answered
/// by the organisation's sector and duty as they stand (the snapshot keeps neither).
/// Local questions are not in the stored framework, so their ratings are left out:
/// they never enter the main framework's figures anyway. Returns how many were done;
/// run at every start, it finds nothing to do once done.
pub async fn backfill(db: &Db) -> anyhow::Result<u64> {
    let mut frameworks = crate::frameworks::store::ParsedVersions::default();
    let (mut done, mut after) = (0, 0_i64);
    loop {
        let waiting: Vec<(i64, i64, String, String, String)> = db
            .fetch_all(
                &Query::select()
                    .columns([
                        (Returns::Table, Returns::Id),
                        (Returns::Table, Returns::FrameworkId),
                        (Returns::Table, Returns::Snapshot),
                    ])
                    .column((Organisations::Table, Organisations::Sector))
                    .column((Organisations::Table, Organisations::DutyStatus))
                    .from(Returns::Table)
                    .inner_join(
                        Assessments::Table,
                        Expr::col((Assessments::Table, Assessments::Id))
                            .equals((Returns::Table, Returns::AssessmentId)),
                    )
                    .inner_join(
                        Organisations::Table,
                        Expr::col((Organisations::Table, Organisations::Id))
                            .equals((Assessments::Table, Assessments::OrganisationId)),
                    )
                    .left_join(
                        SummarisedReturns::Table,
                        Expr::col((SummarisedReturns::Table, SummarisedReturns::ReturnId))
                            .equals((Returns::Table, Returns::Id)),
                    )
                    .and_where(Expr::col((SummarisedReturns::Table, SummarisedReturns::ReturnId)).is_null())
                    .and_where(Expr::col((Returns::Table, Returns::Id)).gt(after))
                    .order_by((Returns::Table, Returns::Id), Order::Asc)
                    .limit(BACKFILL_BATCH)
                    .to_owned(),
            )
            .await?;
        let Some((last, ..)) = waiting.last() else { break };
        after = *last;
        for (return_id, framework_id, snapshot, sector, duty) in waiting {
            let (Some(sector), Some(duty)) = (Sector::from_code(&sector), DutyStatus::from_code(&duty))
            else {
                tracing::warn!(
                    return_id,
                    "return left unsummarised: its organisation's sector or duty is unknown"
                );
                continue;
            };
            let snapshot = match osa_core::report::parse_snapshot(&snapshot) {
                Ok(s) => s,
                Err(err) => {
                    // One unreadable return must not stop the service from starting.
                    tracing::warn!(return_id, error = %err, "return left unsummarised");
                    continue;
                }
            };
            let Some(framework) = frameworks.get(db, framework_id).await? else { continue };
            let summary = osa_core::assessment::return_summary(framework, &snapshot.answers, sector, duty);
            let mut tx = db.begin().await?;
            complete(&mut tx, return_id, &summary).await?;
            tx.commit().await?;
            done += 1;
        }
    }
    if done > 0 {
        tracing::info!(returns = done, "return summaries backfilled");
    }
    Ok(done)
}
