//! Scheduled work inside the server, from the `jobs` table, safe with any number of
//! app servers: a server claims a due job with one conditional UPDATE (only one server
//! can win it until its lock expires), runs it, and sets when it runs next. The work
//! itself is also safe to run twice: each reminder is recorded under a unique key in
//! the same transaction that queues its email, so it is sent once at most. The daily
//! retention job (`crate::data_protection::retention`) is claimed the same way.

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
        if !claim(db, name, worker, now).await? {
            continue;
        }
        let outcome = match *name {
            reminders::JOB => reminders::run(db, mailer, settings, now.date()).await,
            _ => Ok(()),
        };
        release(db, name, worker, now, *every).await?;
        outcome?;
    }
    Ok(())
}

/// Claims the job `name` for `worker` if it is due and no other server holds it; true
/// when this server won it and should run it now.
pub async fn claim(db: &Db, name: &str, worker: &str, now: OffsetDateTime) -> Result<bool, sqlx::Error> {
    db.execute(
        &Query::insert()
            .into_table(Jobs::Table)
            .columns([Jobs::Name, Jobs::NextRunAt])
            .values_panic([name.into(), now.into()])
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
                .and_where(Expr::col(Jobs::Name).eq(name))
                .and_where(Expr::col(Jobs::NextRunAt).lte(now))
                .and_where(Expr::col(Jobs::LockedUntil).is_null().or(Expr::col(Jobs::LockedUntil).lt(now)))
                .to_owned(),
        )
        .await?;
    if claimed == 1 {
        // Which server ran which job, and when: with several servers this is how an
        // operator (and tests/several_servers.rs) sees that each run happened once.
        tracing::info!(job = name, worker, "running scheduled job");
    }
    Ok(claimed == 1)
}

/// Lets go of a job `worker` ran, and sets it to run again `every` seconds after `now`.
pub async fn release(
    db: &Db,
    name: &str,
    worker: &str,
    now: OffsetDateTime,
    every: i64,
) -> Result<(), sqlx::Error> {
    db.execute(
        &Query::update()
            .table(Jobs::Table)
            .value(Jobs::LockedBy, Option::<String>::None)
            .value(Jobs::LockedUntil, Option::<OffsetDateTime>::None)
            .value(Jobs::LastFinishedAt, OffsetDateTime::now_utc())
            .value(Jobs::NextRunAt, now + Duration::seconds(every))
            .and_where(Expr::col(Jobs::Name).eq(name))
            .and_where(Expr::col(Jobs::LockedBy).eq(worker))
            .to_owned(),
    )
    .await?;
    Ok(())
}

/// What the data-protection job needs besides the database: where the files are, and
/// the deployment's retention rules.
#[derive(Clone)]
pub struct Retention {
    pub files: crate::storage::Storage,
    pub periods: osa_core::retention::RetentionPeriods,
}

/// The loop each server runs: look for due jobs every `check` (a minute by default,
/// `jobs_check_seconds` in the configuration).
pub async fn run_loop(
    db: Db,
    mailer: Mailer,
    settings: Settings,
    retention: Retention,
    check: std::time::Duration,
    failures: prometheus_client::metrics::counter::Counter,
) {
    let worker = format!("{}-{}", std::process::id(), rand::random::<u32>());
    let mut every = tokio::time::interval(check);
    loop {
        every.tick().await;
        let now = OffsetDateTime::now_utc();
        if let Err(err) = run_due(&db, &mailer, &settings, &worker, now).await {
            failures.inc();
            tracing::warn!(error = %err, "scheduled jobs failed; they will be tried again");
        }
        let run = crate::data_protection::retention::run_if_due(&db, &retention, &worker, now);
        if let Err(err) = run.await {
            failures.inc();
            tracing::warn!(error = %err, "the retention job failed; it will be tried again");
        }
    }
}
