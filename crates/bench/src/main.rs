//! `cargo run --release -p osa-bench`: the load benchmark (see the README's
//! Benchmarks section). Starts the release `osa demo` on a throwaway SQLite file (and
//! on a throwaway PostgreSQL database when `OSA_BENCH_DATABASE_URL` names a server),
//! signs in as the demo's people, drives each kind of request over loopback HTTP with
//! many concurrent users, and prints one markdown table per engine with the target
//! beside each figure. It prints numbers; it asserts nothing.
//!
//! Settings (environment): `OSA_BENCH_SECONDS` (time limit per scenario, default 10),
//! `OSA_BENCH_USERS` (concurrent users for saves and pages, default 64),
//! `OSA_BENCH_BINARY` (default `target/release/osa`).

mod load;
mod people;
mod report;
mod server;

use std::time::Duration;

use load::{Job, Limits, SaveTarget};
use report::{Row, Target};
use server::Server;

const PASSWORD: &str = "benchmark demo password";

fn setting(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let binary = server::binary()?;
    let seconds = setting("OSA_BENCH_SECONDS", 10);
    let users = setting("OSA_BENCH_USERS", 64) as usize;
    let postgres = std::env::var("OSA_BENCH_DATABASE_URL").ok().filter(|v| !v.is_empty());
    let mut engines = vec![None];
    if let Some(url) = &postgres {
        engines.push(Some(url.as_str()));
    }
    println!("osa load benchmark: {} ({} cores, {})\n", binary.display(), cores(), load_average());
    for engine in engines {
        let server = Server::start(&binary, PASSWORD, engine).await?;
        let result = bench(&server, seconds, users).await;
        server.stop().await?;
        result?;
    }
    Ok(())
}

/// Other work on the machine takes cores from both server and load generator, so
/// every table says how busy the machine was.
fn load_average() -> String {
    let avg = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    format!("load average {}", avg.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
}

fn cores() -> usize {
    std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
}

#[allow(
    clippy::too_many_lines,
    reason = "the list of scenarios, one block each, in the order the table prints them"
)]
async fn bench(server: &Server, seconds: u64, users: usize) -> anyhow::Result<()> {
    let base = &server.base;
    let (idle, _) = server.rss_mb()?;
    // One at a time: the sign-in throttle counts attempts in flight from one address.
    let mut leads = Vec::new();
    for email in people::lead_emails() {
        if let Some(lead) = people::lead(base, email, PASSWORD).await? {
            leads.push(lead);
        }
    }
    let mut staff = Vec::new();
    for email in people::STAFF {
        staff.push(people::sign_in(base, email, PASSWORD).await?);
    }
    let cycle = people::cycle(base, &staff[0]).await?;
    let time = Duration::from_secs(seconds);
    let many = Limits { requests: 200_000, time };
    let few = Limits { requests: 2_000, time };
    let heavy_users = 4;

    // Each save user keeps one criterion of their own: the k-th user of a lead takes
    // the lead's k-th standard, so no two users ever edit the same page.
    let mut saves = Vec::new();
    for k in 0.. {
        let before = saves.len();
        for lead in &leads {
            if saves.len() == users {
                break;
            }
            if let Some(s) = lead.standards.get(k) {
                let url = format!("{base}/assessments/{}/standards/{}", lead.assessment, s.code);
                saves.push(SaveTarget {
                    client: lead.client.clone(),
                    url,
                    criterion: s.criterion.clone(),
                    fields: s.fields.clone(),
                    version: s.field("version").parse().unwrap_or(0),
                    orig: s.field("orig"),
                    narrative: s.field("narrative"),
                    saves: 0,
                });
            }
        }
        if saves.len() == users || saves.len() == before {
            break;
        }
    }
    let save_users = saves.len();
    let distinct = leads.len();
    let mut rows = Vec::new();

    let jobs = saves.into_iter().map(|target| Job::Save { target, form: false }).collect();
    let (outcome, jobs) = load::run(server, jobs, &many).await?;
    rows.push(Row::new("Save an answer (autosave)", outcome, Target::Save));
    let jobs = jobs
        .into_iter()
        .map(|j| match j {
            Job::Save { target, .. } => Job::Save { target, form: true },
            other => other,
        })
        .collect();
    let (outcome, _) = load::run(server, jobs, &many).await?;
    rows.push(Row::new(
        "Save a page (the form without JavaScript, then the task list it returns to)",
        outcome,
        Target::Save,
    ));

    let per_lead = |f: &dyn Fn(&people::Lead) -> Vec<String>| -> Vec<Job> {
        (0..users)
            .map(|i| {
                let lead = &leads[i % leads.len()];
                Job::Get { client: lead.client.clone(), urls: f(lead), next: 0 }
            })
            .collect()
    };
    let per_staff = |n: usize, urls: Vec<String>| -> Vec<Job> {
        (0..n)
            .map(|i| Job::Get { client: staff[i % staff.len()].clone(), urls: urls.clone(), next: i })
            .collect()
    };
    let scenarios: Vec<(&str, Vec<Job>, &Limits, Target)> = vec![
        (
            "Task list",
            per_lead(&|l| vec![format!("{base}/assessments/{}", l.assessment)]),
            &many,
            Target::Page,
        ),
        (
            "Standard page",
            per_lead(&|l| {
                l.standards
                    .iter()
                    .map(|s| format!("{base}/assessments/{}/standards/{}", l.assessment, s.code))
                    .collect()
            }),
            &many,
            Target::Page,
        ),
        (
            "Return page (partnership reads a return)",
            per_staff(users, cycle.returns.iter().map(|r| format!("{base}/returns/{r}")).collect()),
            &many,
            Target::Page,
        ),
        (
            "Action plan",
            per_lead(&|l| vec![format!("{base}/assessments/{}/actions", l.assessment)]),
            &many,
            Target::Page,
        ),
        (
            "Partnership dashboard (cycle)",
            per_staff(heavy_users, vec![format!("{base}/cycles/{}/dashboard", cycle.id)]),
            &few,
            Target::Dashboard,
        ),
        (
            "Narrative search (whole cycle)",
            per_staff(
                heavy_users,
                ["training", "supervision", "neglect", "online safety"]
                    .iter()
                    .map(|q| format!("{base}/cycles/{}/narratives?q={}", cycle.id, q.replace(' ', "+")))
                    .collect(),
            ),
            &few,
            Target::Search,
        ),
        (
            "Offline workbook download (XLSX)",
            per_lead(&|l| vec![format!("{base}/assessments/{}/workbook.xlsx", l.assessment)])
                .into_iter()
                .take(heavy_users)
                .collect(),
            &few,
            Target::None,
        ),
        (
            "Board report (preview of the cycle's report)",
            per_staff(heavy_users, vec![format!("{base}/cycles/{}/board-report/preview", cycle.id)]),
            &few,
            Target::None,
        ),
    ];
    for (name, jobs, limits, target) in scenarios {
        let (outcome, _) = load::run(server, jobs, limits).await?;
        rows.push(Row::new(name, outcome, target));
    }
    let (after, _) = server.rss_mb()?;
    let peak = rows.iter().map(|r| r.peak_rss_mb()).fold(0.0, f64::max);
    println!(
        "### {} ({} save users on {distinct} leads' assessments; {} readers of cycle {} with {} returns; up to {seconds} s each)\n",
        server.engine,
        save_users,
        people::STAFF.len(),
        cycle.id,
        cycle.returns.len()
    );
    print!("{}", report::table(&rows, server.engine == "SQLite"));
    println!("\nAfter the run: {}.", load_average());
    println!(
        "\nMemory (resident): {idle:.0} MB idle after start, {after:.0} MB after the load, at most {peak:.0} MB under load (target <= 200 MB: {}).\n",
        if peak <= 200.0 { "met" } else { "missed" }
    );
    Ok(())
}
