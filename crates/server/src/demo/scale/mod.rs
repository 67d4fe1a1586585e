//! `osa demo --scale region|national`: a generated dataset the size of one region or
//! of England, deterministic from a seed, for load tests and for trying the service at
//! the scale it is built for. The hand-written demo region ([`super::load`]) stays the
//! default.
//!
//! The [`plan`] decides everything first (pure); the writers turn it into rows in
//! multi-row batches, a chunk of organisations per transaction, computing summaries,
//! actions and search passages with the same core rules the app's own writes use.
//! Cycles, frameworks and challenges go through the real stores (there are few).

mod answers;
mod challenges;
mod cycles;
mod framework;
mod names;
pub mod plan;
mod returns;
mod rows;
mod tables;
mod tenancy;

use std::fmt;
use std::sync::Arc;

use indicatif::{ProgressBar, ProgressStyle};
use osa_core::framework::Audience;
use sea_query::Query;
use time::OffsetDateTime;

use crate::accounts::password;
use crate::db::schema::Users;
use crate::db::{Db, Engine};
use crate::frameworks::import::{self, ImportError, SHIPPED};
pub use plan::{Plan, Scale};
use returns::{Asked, Context};
use tables::Tables;

/// Organisations written per transaction: large enough that commits are rare, small
/// enough that a chunk's rows (about 25,000 answers) sit comfortably in memory.
const CHUNK: usize = 100;

/// What a generated load wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub regions: usize,
    pub partnerships: usize,
    pub organisations: usize,
    pub people: usize,
    pub cycles: usize,
    pub invitations: u64,
    pub responses: u64,
    pub returns: u64,
    pub return_answers: u64,
    pub passages: u64,
    pub actions: u64,
    pub challenges: usize,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} regions, {} partnerships, {} organisations, {} people, {} cycles, {} invitations, \
             {} answers in assessments, {} returns holding {} answers, {} narrative passages, \
             {} actions, {} challenges and comments",
            self.regions,
            self.partnerships,
            self.organisations,
            self.people,
            self.cycles,
            self.invitations,
            self.responses,
            self.returns,
            self.return_answers,
            self.passages,
            self.actions,
            self.challenges
        )
    }
}

/// What the generating thread reads.
struct Shared {
    plan: Plan,
    seed: u64,
    cycles: std::collections::HashMap<i64, cycles::Pair>,
    children: Asked,
    adults: Asked,
    now: OffsetDateTime,
}

impl Shared {
    fn asked(&self, audience: Audience) -> &Asked {
        if audience == Audience::Adults { &self.adults } else { &self.children }
    }
}

#[derive(Default)]
struct Counts {
    invitations: u64,
    responses: u64,
    returns: u64,
    return_answers: u64,
    passages: u64,
    actions: u64,
}

/// Imports the extended edition of a shipped framework and returns it as answered.
async fn extended(db: &Db, file: &str) -> anyhow::Result<Asked> {
    let text = SHIPPED.iter().find(|(name, _)| *name == file).map(|(_, t)| *t).unwrap_or_default();
    let toml = framework::extended_file(text)?;
    let done = match import::import(db, None, None, true, toml.as_bytes(), true).await {
        Ok(done) => done,
        Err(ImportError::Invalid(errors)) => anyhow::bail!("{file} (national test edition): {}", errors[0]),
        Err(ImportError::NotOwner { key }) => anyhow::bail!("{file}: key {key} is owned elsewhere"),
        Err(ImportError::Storage(err)) => return Err(err),
    };
    Ok(Asked { id: done.id, key: done.key, framework: framework::extended(text)? })
}

fn bar(len: u64, what: &str) -> ProgressBar {
    let bar = ProgressBar::new(len);
    let style =
        ProgressStyle::with_template("{msg:<28} [{bar:40}] {pos}/{len} ({elapsed}, about {eta} left)")
            .map(|s| s.progress_chars("=> "))
            .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar.set_message(what.to_owned());
    bar
}

/// Loads a generated dataset into an empty, migrated database. Everyone's password is
/// `password`; emails follow [`plan::partnership_email`] and [`plan::org_email`].
pub async fn load(db: &Db, password: &str, scale: Scale, seed: u64) -> anyhow::Result<Summary> {
    let existing: Vec<(i64,)> =
        db.fetch_all(&Query::select().column(Users::Id).from(Users::Table).limit(1).to_owned()).await?;
    if !existing.is_empty() {
        anyhow::bail!("a generated dataset needs an empty database, and this one already has accounts");
    }
    let now = OffsetDateTime::now_utc();
    let setup = bar(4, "Frameworks and people");
    import::import_shipped(db).await?;
    let children = extended(db, "s11-children.toml").await?;
    let adults = extended(db, "s11-adults.toml").await?;
    setup.inc(1);
    let plan = Plan::new(scale, seed);
    let hash = password::hash(password.to_owned()).await?;
    tenancy::write(db, &plan, &hash, now).await?;
    setup.inc(1);
    let cycles =
        cycles::open(db, &plan, &cycles::Asked { children: children.id, adults: adults.id }, now).await?;
    setup.inc(2);
    setup.finish();

    // Rows are made on a thread of their own while the previous chunk is written, so
    // generating (random answers, snapshots as JSON) and writing overlap on two cores.
    let shared = Arc::new(Shared { plan, seed, cycles, children, adults, now });
    let (send, mut receive) = tokio::sync::mpsc::channel::<Tables>(2);
    let generator = {
        let shared = Arc::clone(&shared);
        std::thread::spawn(move || {
            let s = &*shared;
            let cx = Context { plan: &s.plan, seed: s.seed, cycles: &s.cycles, now: s.now };
            for chunk in s.plan.organisations.chunks(CHUNK) {
                let mut t = Tables::new();
                for o in chunk {
                    returns::add(&mut t, &cx, s.asked(o.audience), o);
                }
                if send.blocking_send(t).is_err() {
                    break; // The writer stopped on an error, which it reports.
                }
            }
        })
    };
    let progress = bar(shared.plan.organisations.len() as u64, "Assessments and returns");
    let mut n = Counts::default();
    while let Some(mut t) = receive.recv().await {
        let mut tx = db.begin().await?;
        t.flush(&mut tx).await?;
        tx.commit().await?;
        n.invitations += t.invitations.count();
        n.responses += t.responses.count();
        n.returns += t.returns.count();
        n.return_answers += t.snapshot_answers;
        n.passages += t.passages.count();
        n.actions += t.actions.count();
        progress.inc(t.organisations);
    }
    generator.join().map_err(|_| anyhow::anyhow!("generating the returns failed"))?;
    progress.finish();
    let Shared { plan, children, adults, cycles, .. } = &*shared;
    let challenges = challenges::load(db, plan, seed, (children, adults), now).await?;
    finish(db).await?;
    Ok(Summary {
        regions: plan.regions.len(),
        partnerships: plan.partnerships.len(),
        organisations: plan.organisations.len(),
        people: plan.people.len(),
        cycles: cycles.len() * 2,
        invitations: n.invitations,
        responses: n.responses,
        returns: n.returns,
        return_answers: n.return_answers,
        passages: n.passages,
        actions: n.actions,
        challenges,
    })
}

/// Tables whose ids the plan chose: PostgreSQL's sequences must move past them, or
/// the next row a person adds would collide. (SQLite's AUTOINCREMENT follows the
/// largest id by itself.)
const EXPLICIT_IDS: &[&str] = &["users", "partnerships", "organisations", "assessments", "returns", "rounds"];

async fn finish(db: &Db) -> anyhow::Result<()> {
    if db.engine() == Engine::Postgres {
        for table in EXPLICIT_IDS {
            db.raw_execute(&format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT COALESCE(MAX(id), 0) + 1 FROM {table}), false)"
            ))
            .await?;
        }
    }
    // Fresh statistics, so the planner knows the tables are large. SQLite samples
    // (analysis_limit) rather than reading every index of a multi-gigabyte file.
    let mut tx = db.begin().await?;
    if tx.engine() == Engine::Sqlite {
        tx.raw_execute("PRAGMA analysis_limit = 1000").await?;
    }
    tx.raw_execute("ANALYZE").await?;
    tx.commit().await?;
    Ok(())
}
