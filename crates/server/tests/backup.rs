//! Export and import: round trips are lossless on either engine, a SQLite deployment
//! moves to PostgreSQL, damaged or partial exports change nothing, and one partnership
//! leaves with its data. The binary itself is driven in `backup_cli.rs`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops loudly at the step that failed"
)]

mod common;

use std::path::{Path, PathBuf};

use common::TestApp;
use osa_server::backup::export::Scope;
use osa_server::backup::{export, import, manifest, scope};
use osa_server::db::{Db, migrations};

const DEMO_PASSWORD: &str = "demo password for tests";

fn scratch(name: &str) -> PathBuf {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
    let dir =
        std::env::temp_dir().join("osa-tests").join(format!("backup-{name}-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn files_dir(app: &TestApp) -> PathBuf {
    PathBuf::from(&app.state.config.files_dir)
}

/// A realistic deployment: the demo region, plus two stored files (an upload's bytes).
async fn loaded() -> TestApp {
    let app = TestApp::spawn().await;
    osa_server::demo::load(app.db(), DEMO_PASSWORD).await.unwrap();
    app.state.files.put(include_bytes!("common/small.pdf")).await.unwrap();
    app.state.files.put(b"a second stored file").await.unwrap();
    app
}

async fn count(db: &Db, table: &str) -> i64 {
    let sql = sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM \"{table}\""));
    let (n,): (i64,) = match db {
        Db::Sqlite(pool) => sqlx::query_as(sql).fetch_one(pool).await.unwrap(),
        Db::Postgres(pool) => sqlx::query_as(sql).fetch_one(pool).await.unwrap(),
    };
    n
}

async fn total_rows(db: &Db) -> i64 {
    let mut total = 0;
    for table in migrations::tables() {
        total += count(db, &table).await;
    }
    total
}

/// Every file of an export but the manifest, with its bytes.
fn contents(dir: &Path) -> Vec<(String, Vec<u8>)> {
    manifest::stored_files(dir)
        .unwrap()
        .into_iter()
        .filter(|(name, _)| name != "manifest.json")
        .map(|(name, path)| (name, std::fs::read(path).unwrap()))
        .collect()
}

fn manifest_of(dir: &Path) -> manifest::Manifest {
    serde_json::from_slice(&std::fs::read(dir.join("manifest.json")).unwrap()).unwrap()
}

fn assert_same_exports(first: &Path, second: &Path) {
    let (a, b) = (contents(first), contents(second));
    assert_eq!(a.iter().map(|(n, _)| n).collect::<Vec<_>>(), b.iter().map(|(n, _)| n).collect::<Vec<_>>());
    for ((name, left), (_, right)) in a.iter().zip(&b) {
        assert!(left == right, "{name} differs after the round trip");
    }
    let (a, mut b) = (manifest_of(first), manifest_of(second));
    b.created_at = a.created_at.clone();
    b.source_engine = a.source_engine.clone();
    assert_eq!(a, b);
}

/// Two exports of the same data from different engines: row for row the same, except
/// that PostgreSQL keeps timestamps to the microsecond where SQLite kept nanoseconds.
fn assert_same_data_across_engines(sqlite: &Path, postgres: &Path) {
    let (a, b) = (manifest_of(sqlite), manifest_of(postgres));
    assert_eq!(a.files, b.files);
    assert_eq!(a.tables.len(), b.tables.len());
    for (left, right) in a.tables.iter().zip(&b.tables) {
        assert_eq!((&left.name, left.rows, &left.columns), (&right.name, right.rows, &right.columns));
        let rows = |dir: &Path| -> Vec<serde_json::Value> {
            let text = std::fs::read_to_string(dir.join(&left.file)).unwrap();
            text.lines()
                .map(|line| to_microseconds(serde_json::from_str(line).unwrap(), &left.columns))
                .collect()
        };
        assert_eq!(rows(sqlite), rows(postgres), "{} differs after the move", left.file);
    }
    for file in &a.files {
        assert_eq!(
            std::fs::read(sqlite.join(&file.path)).unwrap(),
            std::fs::read(postgres.join(&file.path)).unwrap()
        );
    }
}

fn to_microseconds(
    mut row: serde_json::Value,
    columns: &[osa_server::backup::columns::Column],
) -> serde_json::Value {
    use time::format_description::well_known::Rfc3339;
    for column in columns.iter().filter(|c| c.kind == osa_server::backup::columns::Kind::Timestamp) {
        if let Some(text) = row[&column.name].as_str() {
            let at = time::OffsetDateTime::parse(text, &Rfc3339).unwrap();
            let at = at.replace_nanosecond(at.nanosecond() / 1000 * 1000).unwrap();
            row[&column.name] = serde_json::Value::from(at.format(&Rfc3339).unwrap());
        }
    }
    row
}

#[tokio::test]
async fn every_table_in_the_database_is_in_the_export_list() {
    let app = TestApp::spawn().await;
    let sql = match app.db() {
        // FTS5's own tables (the search index) are rebuilt by its triggers on import.
        Db::Sqlite(_) => {
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
             AND name NOT LIKE '%_fts' AND name NOT LIKE '%_fts_%'"
        }
        Db::Postgres(_) => {
            "SELECT table_name::text FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
        }
    };
    let mut found: Vec<String> = match app.db() {
        Db::Sqlite(pool) => sqlx::query_scalar(sql).fetch_all(pool).await.unwrap(),
        Db::Postgres(pool) => sqlx::query_scalar(sql).fetch_all(pool).await.unwrap(),
    };
    found.retain(|t| t != "schema_migrations");
    found.sort();
    let mut listed = migrations::tables();
    listed.sort();
    assert_eq!(found, listed, "a table the migrations make is missing from the export list (or the reverse)");
}

#[tokio::test]
async fn export_import_and_export_again_gives_the_same_files() {
    let source = loaded().await;
    let first = scratch("first");
    let exported = export::export(source.db(), &files_dir(&source), &first, Scope::Deployment).await.unwrap();
    assert!(exported.rows > 1000 && exported.files == 2, "{exported}");

    let (target, target_files) = untouched_target("target").await;
    let imported = import::import(&target, &target_files, &first).await.unwrap();
    assert_eq!((imported.rows, imported.files), (exported.rows, exported.files));
    assert_eq!(total_rows(&target).await, total_rows(source.db()).await);

    let second = scratch("second");
    export::export(&target, &target_files, &second, Scope::Deployment).await.unwrap();
    assert_same_exports(&first, &second);
    works_after_the_move(&target, &target_files).await;
}

/// A fresh, migrated database no server has run on, and an empty files folder.
async fn untouched_target(name: &str) -> (Db, PathBuf) {
    let db = Db::connect(&common::fresh_migrated_database().await).await.unwrap();
    (db, scratch(name).join("files"))
}

/// The moved deployment works: a server starts on it, its people sign in, and new rows
/// get new ids (PostgreSQL's sequences moved past the imported ones).
async fn works_after_the_move(db: &Db, files: &Path) {
    let url = match db {
        Db::Sqlite(pool) => format!("sqlite://{}", pool.connect_options().get_filename().display()),
        Db::Postgres(pool) => {
            let options = pool.connect_options();
            let mut url = url::Url::parse(&std::env::var("OSA_TEST_DATABASE_URL").unwrap()).unwrap();
            url.set_path(&format!("/{}", options.get_database().unwrap()));
            url.to_string()
        }
    };
    let files = files.to_string_lossy().into_owned();
    let app = TestApp::spawn_with(|c| {
        c.database_url = url;
        c.files_dir = files;
    })
    .await;
    let lead = app.client();
    assert!(lead.sign_in("lead.police@demo.example", DEMO_PASSWORD).await.redirects_to("/home"));
    let added = osa_server::users::cli::add_platform_admin(
        &app.state,
        "new.admin@example.org",
        "New Admin",
        Some("a long enough password".into()),
    )
    .await
    .unwrap();
    assert!(added.contains("new.admin@example.org"), "{added}");
}

#[tokio::test]
async fn a_sqlite_deployment_moves_to_postgresql() {
    if !common::on_postgres() {
        eprintln!("skipped: set OSA_TEST_DATABASE_URL to a PostgreSQL server to test the move");
        return;
    }
    let dir = scratch("move");
    let sqlite = Db::connect(&format!("sqlite://{}", dir.join("source.db").display())).await.unwrap();
    migrations::run(&sqlite).await.unwrap();
    osa_server::demo::load(&sqlite, DEMO_PASSWORD).await.unwrap();
    let source_files = dir.join("files");
    std::fs::create_dir_all(source_files.join("ab")).unwrap();
    std::fs::write(source_files.join("ab").join("ab000000000000000000000000000000"), b"evidence").unwrap();
    let first = dir.join("from-sqlite");
    export::export(&sqlite, &source_files, &first, Scope::Deployment).await.unwrap();

    let (postgres, postgres_files) = untouched_target("move-target").await;
    assert!(matches!(postgres, Db::Postgres(_)));
    import::import(&postgres, &postgres_files, &first).await.unwrap();
    let second = dir.join("from-postgres");
    export::export(&postgres, &postgres_files, &second, Scope::Deployment).await.unwrap();
    assert_same_data_across_engines(&first, &second);
    works_after_the_move(&postgres, &postgres_files).await;
}

/// A copy of an export folder to damage.
fn copy_of(dir: &Path, name: &str) -> PathBuf {
    let copy = scratch(name);
    for (relative, path) in manifest::stored_files(dir).unwrap() {
        let target = copy.join(&relative);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(path, target).unwrap();
    }
    copy
}

#[tokio::test]
async fn a_damaged_or_partial_export_is_refused_and_nothing_changes() {
    let source = loaded().await;
    let good = scratch("good");
    export::export(source.db(), &files_dir(&source), &good, Scope::Deployment).await.unwrap();
    let (target, target_files) = untouched_target("refusing").await;
    let rows_before = total_rows(&target).await;

    let edit_manifest = |dir: &Path, edit: &dyn Fn(&mut manifest::Manifest)| {
        let mut m = manifest_of(dir);
        edit(&mut m);
        std::fs::write(dir.join("manifest.json"), serde_json::to_vec(&m).unwrap()).unwrap();
    };
    let wrong_checksum = copy_of(&good, "checksum");
    edit_manifest(&wrong_checksum, &|m| m.tables[0].sha256 = "0".repeat(64));
    let missing_table = copy_of(&good, "missing");
    std::fs::remove_file(missing_table.join("tables/partnerships.jsonl")).unwrap();
    let truncated = copy_of(&good, "truncated");
    let users = truncated.join("tables/users.jsonl");
    let bytes = std::fs::read(&users).unwrap();
    std::fs::write(&users, &bytes[..bytes.len() / 2]).unwrap();
    let unlisted_table = copy_of(&good, "unlisted");
    edit_manifest(&unlisted_table, &|m| m.tables.retain(|t| t.name != "returns"));
    let damaged_file = copy_of(&good, "file");
    let file = &manifest_of(&good).files[0].path;
    std::fs::write(damaged_file.join(file), b"not the evidence").unwrap();
    let no_manifest = copy_of(&good, "unfinished");
    std::fs::remove_file(no_manifest.join("manifest.json")).unwrap();

    for (dir, names) in [
        (&wrong_checksum, format!("{} is damaged", manifest_of(&good).tables[0].file)),
        (&missing_table, "tables/partnerships.jsonl cannot be read".to_owned()),
        (&truncated, "tables/users.jsonl is damaged".to_owned()),
        (&unlisted_table, "no table returns".to_owned()),
        (&damaged_file, format!("{file} is damaged")),
        (&no_manifest, "manifest.json cannot be read".to_owned()),
    ] {
        let err = import::import(&target, &target_files, dir).await.expect_err("must be refused");
        assert!(err.to_string().contains(&names), "{err} should say {names}");
        assert_eq!(total_rows(&target).await, rows_before, "{names}: the database changed");
        assert!(manifest::stored_files(&target_files).unwrap().is_empty(), "{names}: files were written");
    }

    // A good export still goes in, once: a second import into the same database is refused.
    import::import(&target, &target_files, &good).await.unwrap();
    let again = import::import(&target, &target_files, &good).await.expect_err("a second import is refused");
    assert!(again.to_string().contains("not empty"), "{again}");
}

#[test]
fn every_table_is_either_in_a_partnership_export_or_said_not_to_be() {
    let mut classified: Vec<String> = scope::rules(1).into_iter().map(|(t, _)| t.to_owned()).collect();
    classified.extend(scope::NOT_IN_A_PARTNERSHIP_EXPORT.iter().map(|t| t.to_string()));
    classified.sort();
    let mut tables = migrations::tables();
    tables.sort();
    assert_eq!(classified, tables, "decide whether a new table belongs to a partnership's export");
}

async fn count_where(db: &Db, sql: &str) -> i64 {
    let sql = sqlx::AssertSqlSafe(sql.to_owned());
    match db {
        Db::Sqlite(pool) => sqlx::query_scalar(sql).fetch_one(pool).await.unwrap(),
        Db::Postgres(pool) => sqlx::query_scalar(sql).fetch_one(pool).await.unwrap(),
    }
}

#[tokio::test]
async fn one_partnership_leaves_with_its_cycles_invitations_and_returns() {
    let source = loaded().await;
    let kestrel = common::demo_kestrel(&source).await;
    let dir = scratch("kestrel");
    export::export(source.db(), &files_dir(&source), &dir, Scope::Partnership(kestrel)).await.unwrap();
    assert_eq!(manifest_of(&dir).scope, format!("partnership {kestrel}"));

    let (target, target_files) = untouched_target("kestrel-target").await;
    import::import(&target, &target_files, &dir).await.unwrap();
    assert_eq!(count(&target, "partnerships").await, 1);
    let cycles = format!("SELECT COUNT(*) FROM cycles WHERE partnership_id = {kestrel}");
    assert_eq!(count(&target, "cycles").await, count_where(source.db(), &cycles).await);
    assert!(count(&target, "cycles").await > 0);
    let invitations = format!(
        "SELECT COUNT(*) FROM invitations WHERE cycle_id IN (SELECT id FROM cycles WHERE partnership_id = {kestrel})"
    );
    assert_eq!(count(&target, "invitations").await, count_where(source.db(), &invitations).await);
    let returns = format!("SELECT COUNT(*) FROM return_partnerships WHERE partnership_id = {kestrel}");
    assert_eq!(count(&target, "returns").await, count_where(source.db(), &returns).await);
    assert!(count(&target, "returns").await > 0);
    let invited = format!(
        "SELECT COUNT(DISTINCT organisation_id) FROM invitations WHERE cycle_id IN \
         (SELECT id FROM cycles WHERE partnership_id = {kestrel})"
    );
    assert!(count(&target, "organisations").await >= count_where(source.db(), &invited).await);
    assert!(count(&target, "organisations").await < count(source.db(), "organisations").await);
    for table in scope::NOT_IN_A_PARTNERSHIP_EXPORT {
        assert_eq!(count(&target, table).await, 0, "{table}");
    }
    // Its admin signs in on the new deployment and finds its cycles.
    let url = match &target {
        Db::Sqlite(pool) => format!("sqlite://{}", pool.connect_options().get_filename().display()),
        Db::Postgres(pool) => {
            let mut url = url::Url::parse(&std::env::var("OSA_TEST_DATABASE_URL").unwrap()).unwrap();
            url.set_path(&format!("/{}", pool.connect_options().get_database().unwrap()));
            url.to_string()
        }
    };
    let app = TestApp::spawn_with(|c| c.database_url = url).await;
    let admin = app.client();
    assert!(admin.sign_in("admin.kestrel@demo.example", DEMO_PASSWORD).await.redirects_to("/home"));
    let page = admin.get(&format!("/partnerships/{kestrel}/cycles")).await;
    assert!(page.body.contains("Section 11 audit 2027"), "{}", page.body);
}
