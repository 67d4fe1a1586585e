//! The figures `/metrics` reads from the database at each scrape.

use sea_query::{Expr, ExprTrait, Func, Query};
use time::OffsetDateTime;

use crate::db::Db;
use crate::db::schema::{Jobs, Outbox};

pub struct JobCounts {
    /// Due now and not claimed by any server: waiting for the next check.
    pub due: i64,
    /// Claimed by a server whose lock has not run out.
    pub running: i64,
}

pub async fn job_counts(db: &Db) -> Result<JobCounts, sqlx::Error> {
    let now = OffsetDateTime::now_utc();
    let count = |condition: sea_query::Condition| {
        Query::select()
            .expr(Func::count(Expr::col(Jobs::Name)))
            .from(Jobs::Table)
            .cond_where(condition)
            .to_owned()
    };
    let unlocked = sea_query::Condition::any()
        .add(Expr::col(Jobs::LockedUntil).is_null())
        .add(Expr::col(Jobs::LockedUntil).lt(now));
    let (due,): (i64,) = db
        .fetch_one(&count(sea_query::Condition::all().add(Expr::col(Jobs::NextRunAt).lte(now)).add(unlocked)))
        .await?;
    let (running,): (i64,) =
        db.fetch_one(&count(sea_query::Condition::all().add(Expr::col(Jobs::LockedUntil).gte(now)))).await?;
    Ok(JobCounts { due, running })
}

/// Messages in the outbox by status.
pub async fn mail_counts(db: &Db) -> Result<Vec<(String, i64)>, sqlx::Error> {
    db.fetch_all(
        &Query::select()
            .column(Outbox::Status)
            .expr(Func::count(Expr::col(Outbox::Id)))
            .from(Outbox::Table)
            .group_by_col(Outbox::Status)
            .to_owned(),
    )
    .await
}
