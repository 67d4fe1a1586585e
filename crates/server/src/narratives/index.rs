//! Keeping the index of narrative passages: one row per return and criterion whose
//! answer has words, written with the return at sign-off (same transaction), and a
//! backfill at start-up for returns signed off before the index existed.

use std::collections::HashMap;

use sea_query::{Expr, ExprTrait, OnConflict, Order, Query};
use time::OffsetDateTime;

use super::schema::{NarrativeIndexedReturns, NarrativePassages};
use crate::db::schema::Returns;
use crate::db::{Db, Tx};
use osa_core::assessment::Answer;
use osa_core::framework::Framework;
use osa_core::narratives::passage_text;

/// Indexes one return's passages. Does nothing when the return is already indexed
/// (two servers backfilling at once, say), so it may be called more than once.
pub async fn index_return(
    tx: &mut Tx,
    return_id: i64,
    framework: &Framework,
    answers: &HashMap<String, Answer>,
) -> Result<(), sqlx::Error> {
    let claimed = tx
        .execute(
            &Query::insert()
                .into_table(NarrativeIndexedReturns::Table)
                .columns([NarrativeIndexedReturns::ReturnId, NarrativeIndexedReturns::IndexedAt])
                .values_panic([return_id.into(), OffsetDateTime::now_utc().into()])
                .on_conflict(OnConflict::column(NarrativeIndexedReturns::ReturnId).do_nothing().to_owned())
                .to_owned(),
        )
        .await?;
    if claimed == 0 {
        return Ok(());
    }
    // Criteria in framework order; answers to anything the framework does not hold
    // (no standard to count them under) are left out.
    for standard in &framework.standards {
        for criterion in &standard.criteria {
            let Some(text) = answers.get(&criterion.code).and_then(passage_text) else { continue };
            tx.execute(
                &Query::insert()
                    .into_table(NarrativePassages::Table)
                    .columns([
                        NarrativePassages::ReturnId,
                        NarrativePassages::CriterionCode,
                        NarrativePassages::StandardCode,
                        NarrativePassages::Passage,
                    ])
                    .values_panic([
                        return_id.into(),
                        criterion.code.as_str().into(),
                        standard.code.as_str().into(),
                        text.into(),
                    ])
                    .to_owned(),
            )
            .await?;
        }
    }
    Ok(())
}

const BACKFILL_BATCH: u64 = 100;

/// Indexes every return not yet indexed, a batch at a time, each return in its own
/// transaction. Returns how many were indexed; run at every start, it finds nothing
/// to do once done.
pub async fn backfill(db: &Db) -> anyhow::Result<u64> {
    let mut frameworks = crate::frameworks::store::ParsedVersions::default();
    let mut done = 0;
    let mut after = 0_i64;
    loop {
        let waiting: Vec<(i64, i64, String)> = db
            .fetch_all(
                &Query::select()
                    .columns([
                        (Returns::Table, Returns::Id),
                        (Returns::Table, Returns::FrameworkId),
                        (Returns::Table, Returns::Snapshot),
                    ])
                    .from(Returns::Table)
                    .left_join(
                        NarrativeIndexedReturns::Table,
                        Expr::col((NarrativeIndexedReturns::Table, NarrativeIndexedReturns::ReturnId))
                            .equals((Returns::Table, Returns::Id)),
                    )
                    .and_where(
                        Expr::col((NarrativeIndexedReturns::Table, NarrativeIndexedReturns::ReturnId))
                            .is_null(),
                    )
                    .and_where(Expr::col((Returns::Table, Returns::Id)).gt(after))
                    .order_by((Returns::Table, Returns::Id), Order::Asc)
                    .limit(BACKFILL_BATCH)
                    .to_owned(),
            )
            .await?;
        let Some((last, _, _)) = waiting.last() else { break };
        after = *last;
        for (return_id, framework_id, snapshot) in waiting {
            let snapshot = match osa_core::report::parse_snapshot(&snapshot) {
                Ok(s) => s,
                Err(err) => {
                    // One unreadable return must not stop the service from starting.
                    tracing::warn!(return_id, error = %err, "return left out of the narrative index");
                    continue;
                }
            };
            let Some(framework) = frameworks.get(db, framework_id).await? else { continue };
            let mut tx = db.begin().await?;
            index_return(&mut tx, return_id, framework, &snapshot.answers).await?;
            tx.commit().await?;
            done += 1;
        }
    }
    if done > 0 {
        tracing::info!(returns = done, "narrative index backfilled");
    }
    Ok(done)
}
