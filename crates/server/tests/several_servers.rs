//! Several app servers on one PostgreSQL database, as behind a load balancer: two real
//! `osa serve` processes started at the same moment on a fresh database (so their
//! migrations race), then a session made on one used on the other, a save on one read
//! and built on by the other, and the reminders job run exactly once across both.
//!
//! Runs only when `OSA_TEST_DATABASE_URL` names a PostgreSQL server. SQLite is one
//! file for one server, so there the test prints that it was skipped and passes.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops loudly at the step that failed"
)]

mod common;

use std::time::{Duration, Instant};

use common::osa_process::OsaProcess;
use common::world::{O1_LEAD, World};
use common::{Client, PASSWORD, on_postgres};
use osa_server::config::Config;
use osa_server::db::Db;
use osa_server::db::schema::{Cycles, Jobs, Outbox, RemindersLog};
use sea_query::{Expr, ExprTrait, Func, Query};
use time::OffsetDateTime;

/// Each server looks for due jobs every second, so both get many chances to take the
/// same run while the test watches.
const JOBS_EVERY_SECOND: (&str, &str) = ("OSA_JOBS_CHECK_SECONDS", "1");

/// Runs of scheduled jobs, counted from what both servers logged (each claimed run is
/// logged once, by the server that won it).
/// The scheduled jobs each server looks for: reminders and the retention rules.
const JOBS: usize = 2;

fn job_runs(servers: &[&OsaProcess]) -> usize {
    servers.iter().map(|s| s.log().matches("running scheduled job").count()).sum()
}

/// Waits (within a bound, so a job that never runs fails the test) until `runs` job runs
/// have been logged and none is still holding its claim, then lets every server tick a
/// few more times, so a second run of the same job would have had its chance.
async fn settle_jobs(db: &Db, servers: &[&OsaProcess], runs: usize) {
    let started = Instant::now();
    loop {
        let (locked,): (i64,) = db
            .fetch_one(
                &Query::select()
                    .expr(Func::count(Expr::col(Jobs::Name)))
                    .from(Jobs::Table)
                    .and_where(Expr::col(Jobs::LockedBy).is_not_null())
                    .to_owned(),
            )
            .await
            .unwrap();
        if job_runs(servers) >= runs && locked == 0 {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(60), "no job ran: {}", servers[0].log());
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    tokio::time::sleep(Duration::from_secs(3)).await;
}

async fn autosave(client: &Client, assessment: i64, text: &str, version: i64) -> (u16, serde_json::Value) {
    let path = format!("/assessments/{assessment}/standards/1/autosave");
    let page = client
        .post(
            &path,
            &[
                ("criterion", "1.1"),
                ("value:1.1", "met"),
                ("narrative:1.1", text),
                ("version:1.1", &version.to_string()),
                ("orig:1.1", "from-another-page"),
            ],
        )
        .await;
    (page.status.as_u16(), serde_json::from_str(&page.body).unwrap_or_default())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_share_one_postgresql_database() {
    if !on_postgres() {
        eprintln!(
            "skipped: several servers share a PostgreSQL database; set OSA_TEST_DATABASE_URL to run this"
        );
        return;
    }
    let url = common::fresh_database_url().await;
    let files = std::env::temp_dir().join("osa-tests").join(format!("several-files-{}", std::process::id()));
    let files = files.to_string_lossy().into_owned();

    // Both start at once on an empty database: one applies the migrations, the other
    // waits for its lock and finds them applied. Both must come up.
    let mut a = OsaProcess::start("server-a", &url, &files, &[JOBS_EVERY_SECOND]);
    let mut b = OsaProcess::start("server-b", &url, &files, &[JOBS_EVERY_SECOND]);
    a.wait_ready().await;
    b.wait_ready().await;
    let migrations = osa_server::db::migrations::MIGRATIONS.len();
    let applied =
        a.log().matches("applying migration").count() + b.log().matches("applying migration").count();
    assert_eq!(applied, migrations, "each migration is applied by one server only");
    let config = Config { database_url: url.clone(), files_dir: files.clone(), ..Config::default() };
    let state = osa_server::prepare(config).await.expect("cannot open the shared database");
    let db = &state.db;
    let versions: Vec<(i64, i64)> = match db {
        Db::Postgres(pool) => {
            sqlx::query_as("SELECT version, count(*) FROM schema_migrations GROUP BY version")
                .fetch_all(pool)
                .await
                .unwrap()
        }
        Db::Sqlite(_) => unreachable!("this test runs on PostgreSQL only"),
    };
    assert_eq!(versions.len(), migrations, "every migration is recorded");
    assert!(versions.iter().all(|(_, n)| *n == 1), "a migration recorded twice: {versions:?}");
    // The jobs both servers looked for at start ran once between them.
    settle_jobs(db, &[&a, &b], JOBS).await;
    assert_eq!(job_runs(&[&a, &b]), JOBS, "the first run of the jobs happened on both servers");

    let world = World::build(&state).await;

    // A session made on A is a session on B (cookies go by host, not port), CSRF token
    // and all; signing out on B ends it on A.
    let on_a = a.client();
    assert!(on_a.sign_in(O1_LEAD, PASSWORD).await.redirects_to("/home"));
    let on_b = Client { http: on_a.http.clone(), base: b.address.clone() };
    let home = on_b.get("/home").await;
    assert_eq!(home.status, 200, "the session made on A is unknown on B: {:?}", home.location);

    // A save on A shows on B; B builds on it; a save on A from the old version is
    // refused, never overwriting what B saved.
    let standard = format!("/assessments/{}/standards/1", world.o1_assessment);
    let (status, reply) = autosave(&on_a, world.o1_assessment, "Written through server A", 0).await;
    assert_eq!((status, reply["version"].as_i64()), (200, Some(1)), "{reply}");
    assert!(on_b.get(&standard).await.body.contains("Written through server A"));
    let (status, reply) = autosave(&on_b, world.o1_assessment, "Written through server B", 1).await;
    assert_eq!((status, reply["version"].as_i64()), (200, Some(2)), "{reply}");
    assert!(on_a.get(&standard).await.body.contains("Written through server B"));
    let (status, _) = autosave(&on_a, world.o1_assessment, "A stale save through A", 1).await;
    assert_eq!(status, 409, "a stale save on one server overwrote the other's");
    assert!(on_b.get(&standard).await.body.contains("Written through server B"));
    assert!(on_b.post("/sign-out", &[]).await.status.is_redirection());
    assert!(on_a.get("/home").await.redirects_to("/sign-in"), "signed out on B, still signed in on A");

    // The cycle is now due in a week: its reminder is due. Each time the reminders job
    // falls due (moved back as if its 15 minutes had passed), exactly one server runs
    // it, and the lead gets the reminder once.
    let today = OffsetDateTime::now_utc().date();
    db.execute(
        &Query::update()
            .table(Cycles::Table)
            .value(Cycles::DueOn, today + time::Duration::days(7))
            .and_where(Expr::col(Cycles::Id).eq(world.p1_cycle))
            .to_owned(),
    )
    .await
    .unwrap();
    for due in 1..=3 {
        db.execute(
            &Query::update()
                .table(Jobs::Table)
                .value(Jobs::NextRunAt, OffsetDateTime::now_utc() - time::Duration::minutes(1))
                .to_owned(),
        )
        .await
        .unwrap();
        settle_jobs(db, &[&a, &b], JOBS * (1 + due)).await;
        assert_eq!(job_runs(&[&a, &b]), JOBS * (1 + due), "a job that fell due once ran on both servers");
    }
    let (mails,): (i64,) = db
        .fetch_one(
            &Query::select()
                .expr(Func::count(Expr::col(Outbox::Id)))
                .from(Outbox::Table)
                .and_where(Expr::col(Outbox::Recipient).eq(O1_LEAD))
                .and_where(Expr::col(Outbox::Subject).like("Return due on%"))
                .to_owned(),
        )
        .await
        .unwrap();
    assert_eq!(mails, 1, "the lead is reminded once");
    let (logged,): (i64,) = db
        .fetch_one(
            &Query::select()
                .expr(Func::count(Expr::col(RemindersLog::Id)))
                .from(RemindersLog::Table)
                .and_where(Expr::col(RemindersLog::CycleId).eq(world.p1_cycle))
                .to_owned(),
        )
        .await
        .unwrap();
    assert_eq!(logged, 1, "the reminder is recorded once");
    state.db.close().await;
}
