//! Scheduled work inside the server, from the `jobs` table, safe with any number of
//! app servers: a server claims a due job with one conditional UPDATE (only one server
//! can win it until its lock expires), runs it, and sets when it runs next. The work
//! itself is also safe to run twice: each reminder is recorded under a unique key in
//! the same transaction that queues its email, so it is sent once at most.

pub mod reminders;

use sea_query::{Expr, ExprTrait, OnConflict, Query};
use time::{Duration, OffsetDateTime};

use crate::db::Db;
use crate::db::schema::Jobs;
use crate::mail::Mailer;

/// Every job, and how long after a run it runs again.
const JOBS: &[(&str, i64)] = &[(reminders::JOB, 15 * 60)];

/// How long a claim holds before another server may take the job over (a server that
/// died mid-run loses it after this).
const LOCK_SECONDS: i64 = 10 * 60;

/// What the jobs need to know of the configuration.
#[derive(Debug, Clone)]
pub struct Settings {
    pub public_url: String,
    /// `early_return_days`: see `crate::cycles::answers`.
    pub early_return_days: u32,
}

impl Settings {
    pub fn of(config: &crate::config::Config) -> Settings {
        Settings { public_url: config.public_url.clone(), early_return_days: config.early_return_days }
    }
}

/// Claims and runs every job that is due. `worker` names this server in the table.
pub async fn run_due(
    db: &Db,
    mailer: &Mailer,
    settings: &Settings,
    worker: &str,
    now: OffsetDateTime,
) -> anyhow::Result<()> {
    for (name, every) in JOBS {
        db.execute(
            &Query::insert()
                .into_table(Jobs::Table)
                .columns([Jobs::Name, Jobs::NextRunAt])
                .values_panic([(*name).into(), now.into()])
                .on_conflict(OnConflict::column(Jobs::Name).do_nothing().to_owned())
                .to_owned(),
        )
        .await?;
        let claimed = db
            .execute(
                &Query::update()
                    .table(Jobs::Table)
                    .value(Jobs::LockedBy, worker)
                    .value(Jobs::LockedUntil, now + Duration::seconds(LOCK_SECONDS))
                    .and_where(Expr::col(Jobs::Name).eq(*name))
                    .and_where(Expr::col(Jobs::NextRunAt).lte(now))
                    .and_where(
                        Expr::col(Jobs::LockedUntil).is_null().or(Expr::col(Jobs::LockedUntil).lt(now)),
                    )
                    .to_owned(),
            )
            .await?;
        if claimed != 1 {
            continue;
        }
        // Which server ran which job, and when: with several servers this is how an
        // operator (and tests/several_servers.rs) sees that each run happened once.
        tracing::info!(job = *name, worker, "running scheduled job");
        let outcome = match *name {
            reminders::JOB => reminders::run(db, mailer, settings, now.date()).await,
            _ => Ok(()),
        };
        db.execute(
            &Query::update()
                .table(Jobs::Table)
                .value(Jobs::LockedBy, Option::<String>::None)
                .value(Jobs::LockedUntil, Option::<OffsetDateTime>::None)
                .value(Jobs::LastFinishedAt, OffsetDateTime::now_utc())
                .value(Jobs::NextRunAt, now + Duration::seconds(*every))
                .and_where(Expr::col(Jobs::Name).eq(*name))
                .and_where(Expr::col(Jobs::LockedBy).eq(worker))
                .to_owned(),
        )
        .await?;
        outcome?;
    }
    Ok(())
}

/// The loop each server runs: look for due jobs every `check` (a minute by default,
/// `jobs_check_seconds` in the configuration).
pub async fn run_loop(
    db: Db,
    mailer: Mailer,
    settings: Settings,
    check: std::time::Duration,
    failures: prometheus_client::metrics::counter::Counter,
) {
    let worker = format!("{}-{}", std::process::id(), rand::random::<u32>());
    let mut every = tokio::time::interval(check);
    loop {
        every.tick().await;
        if let Err(err) = run_due(&db, &mailer, &settings, &worker, OffsetDateTime::now_utc()).await {
            failures.inc();
            tracing::warn!(error = %err, "scheduled jobs failed; they will be tried again");
        }
    }
}
