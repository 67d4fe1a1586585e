//! How long a cycle's dashboard takes to compute on a generated area: 2,000
//! organisations, a 100-criterion framework (10 standards of 10), 1,800 submitted
//! returns. Prints numbers; asserts nothing about time.
//!
//! `cargo bench -p osa-server --bench dashboard` runs it on SQLite (a temporary file);
//! with `OSA_BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres` it runs on
//! a fresh PostgreSQL database made on that server (and dropped afterwards).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops loudly at the step that failed"
)]

mod generated;

use generated::{CRITERIA_PER_STANDARD, STANDARDS, Size};
use std::time::Instant;

use osa_core::analytics::Filter;
use osa_core::tenancy::Sector;
use osa_server::db::Db;

const ORGANISATIONS: usize = 2_000;
const SUBMITTED: usize = 1_800;
const RUNS: usize = 20;

#[tokio::main]
async fn main() {
    let (url, made) = generated::database().await;
    let engine = if made.is_some() { "PostgreSQL" } else { "SQLite" };
    let db = Db::connect(&url).await.expect("cannot open the benchmark database");
    osa_server::db::migrations::run(&db).await.expect("migrations failed");
    let started = Instant::now();
    let (cycle, partnerships) =
        generated::generate(&db, Size { organisations: ORGANISATIONS, submitted: SUBMITTED }).await;
    println!(
        "dashboard benchmark on {engine}: {ORGANISATIONS} organisations, {} criteria, {SUBMITTED} submitted returns (generated in {:.1} s)",
        STANDARDS * CRITERIA_PER_STANDARD,
        started.elapsed().as_secs_f64()
    );
    // The partnership's analyst reads the dashboard.
    let reader = osa_core::access::Principal {
        partnership_roles: partnerships
            .iter()
            .map(|(p, _)| (*p, osa_core::tenancy::PartnershipRole::Analyst))
            .collect(),
        ..Default::default()
    };
    for (label, filter) in [
        ("whole area", Filter::everyone()),
        ("one sector", Filter { sectors: vec![Sector::Health], ..Filter::default() }),
    ] {
        let mut times = Vec::new();
        for _ in 0..RUNS {
            let start = Instant::now();
            let figures =
                osa_server::cycles::dashboard::compute(&db, &cycle, &partnerships, &filter, &reader)
                    .await
                    .unwrap_or_else(|e| panic!("the dashboard failed: {e}"));
            times.push(start.elapsed());
            std::hint::black_box(figures);
        }
        println!("  {label:<11} {}", generated::summary(times));
    }
    db.close().await;
    match made {
        Some((server, name)) => {
            let admin = Db::connect(&server).await.unwrap();
            admin.raw_execute(&format!("DROP DATABASE {name}")).await.unwrap();
        }
        None => {
            let _ = std::fs::remove_file(url.trim_start_matches("sqlite://"));
        }
    }
}
