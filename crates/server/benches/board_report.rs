//! How long a board report takes on a generated cycle of 60 organisations (55
//! submitted) on a 100-criterion framework (10 standards of 10): drafting it (the
//! live figures, read as the dashboard reads them, and the laid-out document), then
//! writing it as DOCX and as PDF. The target is under 5 s for all three. Prints
//! numbers; asserts nothing about time. The cycle comes from the generator the
//! dashboard benchmark uses (`generated`), at this size.
//!
//! `cargo bench -p osa-server --bench board_report` runs it on SQLite (a temporary file);
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

use osa_core::report::board::{Status, Words, document};
use osa_server::db::Db;

const ORGANISATIONS: usize = 60;
const SUBMITTED: usize = 55;
const RUNS: usize = 10;

#[tokio::main]
async fn main() {
    let (url, made) = generated::database().await;
    let engine = if made.is_some() { "PostgreSQL" } else { "SQLite" };
    let db = Db::connect(&url).await.expect("cannot open the benchmark database");
    osa_server::db::migrations::run(&db).await.expect("migrations failed");
    let (cycle, partnerships) =
        generated::generate(&db, Size { organisations: ORGANISATIONS, submitted: SUBMITTED }).await;
    println!(
        "board report benchmark on {engine}: {ORGANISATIONS} organisations, {} criteria, {SUBMITTED} submitted returns",
        STANDARDS * CRITERIA_PER_STANDARD
    );
    let (partnership, name) = partnerships[0].clone();
    let reader = osa_core::access::Principal {
        partnership_roles: vec![(partnership, osa_core::tenancy::PartnershipRole::Analyst)],
        ..Default::default()
    };
    let status = Status::Draft { as_at: "now".into() };
    let (mut drafting, mut docx, mut pdf, mut total) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut sizes = (0, 0);
    for _ in 0..RUNS {
        let start = Instant::now();
        let figures = osa_server::board_reports::figures::live(&db, &cycle, (partnership, &name), &reader)
            .await
            .unwrap_or_else(|e| panic!("drafting failed: {e}"));
        let doc = document(&Words::default(), &figures, &status);
        drafting.push(start.elapsed());
        let t = Instant::now();
        let word = osa_server::exports::docx::render(&doc).expect("the DOCX failed");
        docx.push(t.elapsed());
        let t = Instant::now();
        let file = osa_server::exports::pdf::render(&doc);
        pdf.push(t.elapsed());
        total.push(start.elapsed());
        sizes = (word.len(), file.len());
    }
    println!("  drafting    {}", generated::summary(drafting));
    println!("  DOCX        {} ({} KB)", generated::summary(docx), sizes.0 / 1024);
    println!("  PDF         {} ({} KB)", generated::summary(pdf), sizes.1 / 1024);
    println!("  all three   {}", generated::summary(total));
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
