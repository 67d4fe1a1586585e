//! Nothing acknowledged is lost when a server dies. The real `osa` binary serves a fresh
//! database (a SQLite file, or a new PostgreSQL database when `OSA_TEST_DATABASE_URL`
//! names a server); a safeguarding lead's browser tabs fire autosaves at it at once,
//! each with text of its own, and the server is killed with SIGKILL in the middle of
//! them. After a restart on the same database, every save that was answered "saved"
//! must still be there (in the answer's history, and as the answer itself unless a later
//! save won), and the database must pass its own consistency checks: SQLite's
//! `PRAGMA integrity_check` and `foreign_key_check`, PostgreSQL's amcheck on every table
//! and B-tree index.
//!
//! The short form (two kills, each after 40 to 120 acknowledged saves) runs with the
//! rest of the tests, in seconds; set `OSA_CRASH_ROUNDS` for more kills. On SQLite the
//! rounds alternate between `sqlite_synchronous = "normal"` and `"full"`: both must
//! survive a killed process.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops loudly at the step that failed"
)]

mod common;

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use common::osa_process::OsaProcess;
use common::world::{O1_LEAD, World};
use common::{Client, PASSWORD};
use osa_server::assessments::store;
use osa_server::config::Config;
use osa_server::db::Db;
use osa_server::db::schema::ResponseHistory;
use sea_query::{Expr, ExprTrait, Query};
use tokio::sync::Notify;

/// Two standards of four questions: one writer per question, eight saves in flight.
const STANDARDS: [&str; 2] = ["1", "2"];
const PER_STANDARD: usize = 4;
/// Saves each writer tries per round (the kill comes before most writers finish).
const SAVES_PER_WRITER: usize = 20;
const RATINGS: [&str; 3] = ["met", "partially_met", "not_met"];

fn framework_toml() -> String {
    let mut text = String::from(
        "[framework]\nkey = \"crash-test\"\nname = \"Crash test\"\naudience = \"children\"\nversion = 1\n\
         description = \"Questions saved while the server is killed.\"\nstanding_rule = \"default\"\n",
    );
    for standard in STANDARDS {
        text.push_str(&format!(
            "\n[[standards]]\ncode = \"{standard}\"\ntitle = \"Standard {standard}\"\noutcome = \"Kept safe.\"\n"
        ));
        for n in 1..=PER_STANDARD {
            text.push_str(&format!(
                "\n[[standards.criteria]]\ncode = \"{standard}.{n}\"\nquestion = \"Question {standard}.{n}?\"\n\
                 guidance = \"Say what you do.\"\nevidence = [\"A policy\"]\nanswer = \"rating\"\n\
                 not_applicable = false\nnarrative_required = false\n"
            ));
        }
    }
    text
}

fn criteria() -> Vec<(String, String)> {
    STANDARDS
        .iter()
        .flat_map(|s| (1..=PER_STANDARD).map(move |n| (s.to_string(), format!("{s}.{n}"))))
        .collect()
}

/// One save the server answered "saved": which answer, its new version, its text.
#[derive(Clone, Debug)]
struct Ack {
    code: String,
    version: i64,
    narrative: String,
}

/// What the writers of one round share: which round, the session's CSRF token, the
/// acknowledgements, anything unexpected said before the kill, and the signal to kill.
#[derive(Default)]
struct Round {
    number: usize,
    token: String,
    assessment: i64,
    kill_after: usize,
    acks: Mutex<Vec<Ack>>,
    acked: AtomicUsize,
    unexpected: Mutex<Vec<String>>,
    killed: AtomicBool,
    writers_left: AtomicUsize,
    kill_now: Notify,
}

/// Seeds the database (a partnership, its organisation's lead, the crash-test framework
/// and an assessment on it) through the app's own code, with no server running.
async fn seed(config: &Config) -> i64 {
    let state = osa_server::prepare(config.clone()).await.expect("cannot prepare the database");
    let world = World::build(&state).await;
    let Ok(imported) = osa_server::frameworks::import::import(
        &state.db,
        Some(world.p1),
        None,
        false,
        framework_toml().as_bytes(),
        true,
    )
    .await
    else {
        panic!("the crash-test framework did not import")
    };
    let lead = osa_server::accounts::store::user_by_email(&state.db, O1_LEAD).await.unwrap().unwrap().id;
    let assessment = store::start(&state.db, world.o1, "crash-test", imported.id, lead).await.unwrap();
    state.db.close().await;
    assessment
}

/// One writer: saves its question again and again, each time with new text built on the
/// version the last reply gave, until its saves run out or the server is gone.
async fn writer(
    client: Client,
    round: Arc<Round>,
    (standard, code): (String, String),
    (mut version, mut orig): (i64, String),
) {
    let (round_no, token) = (round.number, round.token.clone());
    let url = format!("{}/assessments/{}/standards/{standard}/autosave", client.base, round.assessment);
    for n in 0..SAVES_PER_WRITER {
        if round.killed.load(Ordering::SeqCst) {
            break;
        }
        let narrative = format!("Round {round_no} answer {code} save {n} nonce {}", rand::random::<u32>());
        let fields = [
            ("csrf_token".to_owned(), token.clone()),
            ("criterion".to_owned(), code.clone()),
            (format!("value:{code}"), RATINGS[n % RATINGS.len()].to_owned()),
            (format!("narrative:{code}"), narrative.clone()),
            (format!("version:{code}"), version.to_string()),
            (format!("orig:{code}"), orig.clone()),
        ];
        let reply = match client.http.post(&url).form(&fields).send().await {
            Ok(response) => {
                let status = response.status().as_u16();
                response.text().await.map(|body| (status, body))
            }
            Err(err) => Err(err),
        };
        let (status, body) = match reply {
            Ok(reply) => reply,
            Err(err) => {
                if !round.killed.load(Ordering::SeqCst) {
                    round
                        .unexpected
                        .lock()
                        .unwrap()
                        .push(format!("{code}: no answer before the kill: {err}"));
                }
                break;
            }
        };
        let json: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
        if status != 200 || json["status"] != "saved" {
            round.unexpected.lock().unwrap().push(format!("{code}: {status} {body}"));
            break;
        }
        version = json["version"].as_i64().expect("a saved reply carries the new version");
        orig = json["orig"].as_str().unwrap_or_default().to_owned();
        round.acks.lock().unwrap().push(Ack { code: code.clone(), version, narrative });
        if round.acked.fetch_add(1, Ordering::SeqCst) + 1 == round.kill_after {
            round.kill_now.notify_one();
        }
    }
    if round.writers_left.fetch_sub(1, Ordering::SeqCst) == 1 {
        round.kill_now.notify_one();
    }
}

/// Runs one round of writers against `server` and SIGKILLs it after `kill_after`
/// acknowledged saves, while the other writers' saves are in flight.
async fn load_and_kill(
    server: &mut OsaProcess,
    client: &Client,
    url: &str,
    assessment: i64,
    round_no: usize,
    kill_after: usize,
) -> Vec<Ack> {
    let db = Db::connect(url).await.unwrap();
    let stored = store::answers(&db, assessment).await.unwrap();
    db.close().await;
    let round = Arc::new(Round {
        number: round_no,
        token: client.token().await,
        assessment,
        kill_after,
        writers_left: AtomicUsize::new(criteria().len()),
        ..Round::default()
    });
    let mut writers = Vec::new();
    for criterion in criteria() {
        let saved = stored.get(&criterion.1);
        let start = (
            saved.map(|s| s.version).unwrap_or(0),
            store::fingerprint(&saved.map(|s| s.answer.clone()).unwrap_or_default()),
        );
        let client = Client { http: client.http.clone(), base: client.base.clone() };
        writers.push(tokio::spawn(writer(client, round.clone(), criterion, start)));
    }
    round.kill_now.notified().await;
    round.killed.store(true, Ordering::SeqCst);
    server.kill();
    for w in writers {
        w.await.expect("a writer panicked");
    }
    let unexpected = round.unexpected.lock().unwrap().clone();
    assert!(unexpected.is_empty(), "round {round_no}: unexpected answers before the kill: {unexpected:#?}");
    let acks = round.acks.lock().unwrap().clone();
    assert!(
        acks.len() >= kill_after,
        "round {round_no}: the kill came before {kill_after} saves were acknowledged"
    );
    acks
}

/// Every acknowledged save is in the answer's history with its text, and each answer
/// holds its last acknowledged text, or one newer save that committed as the server
/// died (each writer has at most one save in flight). The restarted server shows it.
async fn check_nothing_lost(
    url: &str,
    server: &OsaProcess,
    client: &Client,
    assessment: i64,
    acks: &[Ack],
) -> usize {
    let db = Db::connect(url).await.unwrap();
    let history: Vec<(String, i64, String)> = db
        .fetch_all(
            &Query::select()
                .columns([ResponseHistory::CriterionCode, ResponseHistory::Version, ResponseHistory::After])
                .from(ResponseHistory::Table)
                .and_where(Expr::col(ResponseHistory::AssessmentId).eq(assessment))
                .to_owned(),
        )
        .await
        .unwrap();
    let history: HashMap<(String, i64), String> = history
        .into_iter()
        .map(|(code, version, after)| {
            let after: serde_json::Value = serde_json::from_str(&after).unwrap();
            ((code, version), after["narrative"].as_str().unwrap_or_default().to_owned())
        })
        .collect();
    for ack in acks {
        assert_eq!(
            history.get(&(ack.code.clone(), ack.version)),
            Some(&ack.narrative),
            "acknowledged save lost from the history: {ack:?}"
        );
    }
    let stored = store::answers(&db, assessment).await.unwrap();
    let mut unacknowledged = 0;
    for (_, code) in criteria() {
        let Some(last) = acks.iter().filter(|a| a.code == code).max_by_key(|a| a.version) else { continue };
        let now = stored.get(&code).unwrap_or_else(|| panic!("answer {code} is gone"));
        match now.version - last.version {
            0 => assert_eq!(
                now.answer.narrative, last.narrative,
                "answer {code} lost its last acknowledged text"
            ),
            1 => unacknowledged += 1,
            _ => panic!(
                "answer {code} is at version {} but the last acknowledged was {}",
                now.version, last.version
            ),
        }
    }
    for standard in STANDARDS {
        let page = client.get(&format!("/assessments/{assessment}/standards/{standard}")).await;
        assert_eq!(page.status, 200, "the session or the page did not survive the restart: {}", page.body);
        for (_, code) in criteria().into_iter().filter(|(s, _)| s == standard) {
            if let Some(now) = stored.get(&code) {
                assert!(
                    page.body.contains(&now.answer.narrative),
                    "{} does not show {code}'s answer",
                    server.address
                );
            }
        }
    }
    check_consistency(&db).await;
    db.close().await;
    unacknowledged
}

/// The engine's own checks of the files it left behind.
async fn check_consistency(db: &Db) {
    match db {
        Db::Sqlite(pool) => {
            let integrity: Vec<(String,)> =
                sqlx::query_as("PRAGMA integrity_check").fetch_all(pool).await.unwrap();
            assert_eq!(integrity, vec![("ok".to_owned(),)], "PRAGMA integrity_check");
            let orphans: Vec<(String,)> = sqlx::query_as("SELECT \"table\" FROM pragma_foreign_key_check")
                .fetch_all(pool)
                .await
                .unwrap();
            assert!(orphans.is_empty(), "rows whose foreign keys point nowhere: {orphans:?}");
        }
        Db::Postgres(pool) => {
            sqlx::query("CREATE EXTENSION IF NOT EXISTS amcheck")
                .execute(pool)
                .await
                .expect("amcheck is needed");
            let (indexes,): (i64,) = sqlx::query_as(
                "SELECT count(*) FROM (SELECT bt_index_check(c.oid, true) FROM pg_index i \
                 JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam \
                 WHERE am.amname = 'btree' AND c.relnamespace = 'public'::regnamespace) checked",
            )
            .fetch_one(pool)
            .await
            .expect("amcheck found a damaged index");
            assert!(indexes > 0, "no index was checked");
            let damaged: Vec<(String,)> = sqlx::query_as(
                "SELECT c.relname::text FROM pg_class c, LATERAL verify_heapam(c.oid) \
                 WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace",
            )
            .fetch_all(pool)
            .await
            .unwrap();
            assert!(damaged.is_empty(), "amcheck found damaged tables: {damaged:?}");
        }
    }
}

/// The SQLite `synchronous` level of the server taking round `round`'s load.
fn synchronous_for(round: usize) -> &'static str {
    if round.is_multiple_of(2) { "normal" } else { "full" }
}

async fn start(url: &str, files: &str, round: usize) -> OsaProcess {
    let mut server =
        OsaProcess::start("crash", url, files, &[("OSA_SQLITE_SYNCHRONOUS", synchronous_for(round))]);
    server.wait_ready().await;
    server
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_acknowledged_save_survives_the_server_being_killed_mid_load() {
    let rounds: usize = std::env::var("OSA_CRASH_ROUNDS").ok().and_then(|v| v.parse().ok()).unwrap_or(2);
    let rounds = Ord::max(rounds, 1);
    let url = common::fresh_database_url().await;
    let files = std::env::temp_dir().join("osa-tests").join(format!("crash-files-{}", std::process::id()));
    let files = files.to_string_lossy().into_owned();
    let config = Config { database_url: url.clone(), files_dir: files.clone(), ..Config::default() };
    let assessment = seed(&config).await;

    // One browser signed in once: its session is kept in the database, so it must
    // survive every kill (cookies go by host, not port, so each new server gets it).
    let mut server = start(&url, &files, 0).await;
    let http = server.client().http;
    let at = |server: &OsaProcess| Client { http: http.clone(), base: server.address.clone() };
    assert!(at(&server).sign_in(O1_LEAD, PASSWORD).await.redirects_to("/home"));
    let mut acks = Vec::new();
    let total = criteria().len() * SAVES_PER_WRITER;
    for round in 0..rounds {
        let kill_after = total / 4 + rand::random_range(0..total / 2);
        let client = at(&server);
        let this_round = load_and_kill(&mut server, &client, &url, assessment, round, kill_after).await;
        let acknowledged = this_round.len();
        acks.extend(this_round);
        // The restarted server checks this round and takes the next round's load.
        server = start(&url, &files, round + 1).await;
        let unacknowledged = check_nothing_lost(&url, &server, &at(&server), assessment, &acks).await;
        let engine = if common::on_postgres() { "PostgreSQL" } else { synchronous_for(round) };
        eprintln!(
            "round {round} ({engine}): {acknowledged} saves acknowledged around the SIGKILL, all present after \
             the restart; {unacknowledged} more committed without an answer"
        );
    }
}
