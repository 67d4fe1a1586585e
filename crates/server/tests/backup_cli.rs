//! Backup and restore through the `osa` binary: a backup taken while the service
//! writes restores intact, a damaged archive is refused, PostgreSQL is pointed at
//! pg_dump, and export/import run from the command line.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops loudly at the step that failed"
)]

mod common;

use std::path::PathBuf;
use std::process::Command;

use common::TestApp;
use osa_server::db::{Db, migrations};

const DEMO_PASSWORD: &str = "demo password for tests";

fn scratch(name: &str) -> PathBuf {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
    let dir =
        std::env::temp_dir().join("osa-tests").join(format!("backup-{name}-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

async fn count(db: &Db, table: &str) -> i64 {
    let sql = sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM \"{table}\""));
    match db {
        Db::Sqlite(pool) => sqlx::query_scalar(sql).fetch_one(pool).await.unwrap(),
        Db::Postgres(pool) => sqlx::query_scalar(sql).fetch_one(pool).await.unwrap(),
    }
}

fn osa() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_osa"));
    command
        .env_remove("OSA_DATABASE_URL")
        .env_remove("OSA_FILES_DIR")
        .env("OSA_CONFIG", "/nonexistent/osa.toml");
    command
}

fn run(command: &mut Command) -> Result<String, String> {
    let output = command.output().unwrap();
    let text =
        format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    if output.status.success() { Ok(text) } else { Err(text) }
}

// The backup runs as a separate process while this one keeps writing to the database.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_while_the_service_writes_restores_intact() {
    let dir = scratch("live");
    let url = format!("sqlite://{}", dir.join("live.db").display());
    let app = TestApp::spawn_with(|c| c.database_url = url.clone()).await;
    osa_server::demo::load(app.db(), DEMO_PASSWORD).await.unwrap();
    let key = app.state.files.put(b"evidence kept on disk").await.unwrap();
    let files = PathBuf::from(&app.state.config.files_dir);

    let writer = {
        let db = app.db().clone();
        tokio::spawn(async move {
            for n in 0.. {
                let sql = format!(
                    "INSERT INTO rate_limit_events (action, email, address, at) \
                     VALUES ('test', 'writer{n}@example.org', '127.0.0.1', '2026-12-04T00:00:00Z')"
                );
                db.raw_execute(&sql).await.unwrap();
                tokio::task::yield_now().await;
            }
        })
    };
    let archive = dir.join("osa-backup.tar.gz");
    let backed_up = tokio::task::spawn_blocking({
        let (archive, files, url) = (archive.clone(), files.clone(), url.clone());
        move || {
            run(osa().arg("backup").arg(&archive).args(["--database-url", &url, "--files-dir"]).arg(&files))
        }
    })
    .await
    .unwrap();
    writer.abort();
    assert!(backed_up.is_ok(), "{backed_up:?}");

    let restored_url = format!("sqlite://{}", dir.join("restored.db").display());
    let restored_files = dir.join("restored-files");
    let restore = || {
        let mut command = osa();
        command.arg("restore").arg(&archive).args(["--database-url", &restored_url, "--files-dir"]);
        command.arg(&restored_files);
        command
    };
    let restored = run(&mut restore());
    assert!(restored.is_ok(), "{restored:?}");
    let again = run(&mut restore()).expect_err("an existing database is not replaced without --force");
    assert!(again.contains("--force"), "{again}");
    run(restore().arg("--force")).unwrap();

    let db = Db::connect(&restored_url).await.unwrap();
    let Db::Sqlite(pool) = &db else { unreachable!() };
    let (verdict,): (String,) = sqlx::query_as("PRAGMA integrity_check").fetch_one(pool).await.unwrap();
    assert_eq!(verdict, "ok");
    assert_eq!(count(&db, "partnerships").await, count(app.db(), "partnerships").await);
    assert!(count(&db, "returns").await > 0);
    let store = osa_server::storage::LocalDisk::new(&restored_files).unwrap();
    use osa_server::storage::FileStore;
    assert_eq!(store.get(&key).await.unwrap().as_deref(), Some(&b"evidence kept on disk"[..]));

    // A damaged archive is refused and the restored deployment is left as it was.
    let bytes = std::fs::read(&archive).unwrap();
    let damaged = dir.join("damaged.tar.gz");
    std::fs::write(&damaged, &bytes[..bytes.len() - 100]).unwrap();
    let refused = run(osa()
        .arg("restore")
        .arg(&damaged)
        .args(["--force", "--database-url", &restored_url, "--files-dir"])
        .arg(&restored_files))
    .expect_err("a truncated archive is refused");
    assert!(refused.contains("is damaged"), "{refused}");
    assert_eq!(count(&db, "partnerships").await, count(app.db(), "partnerships").await);
    assert_eq!(store.get(&key).await.unwrap().as_deref(), Some(&b"evidence kept on disk"[..]));
}

#[test]
fn postgresql_deployments_are_pointed_at_pg_dump() {
    let archive = scratch("pg").join("never.tar.gz");
    let err = run(osa().arg("backup").arg(&archive).args(["--database-url", "postgres://127.0.0.1:1/none"]))
        .expect_err("osa backup is for SQLite only");
    assert!(err.contains("pg_dump"), "{err}");
    assert!(!archive.exists());
}

#[tokio::test]
async fn export_and_import_run_from_the_command_line() {
    let dir = scratch("cli");
    let source = format!("sqlite://{}", dir.join("source.db").display());
    let db = Db::connect(&source).await.unwrap();
    migrations::run(&db).await.unwrap();
    osa_server::demo::load(&db, DEMO_PASSWORD).await.unwrap();
    db.close().await;
    let (export_dir, files) = (dir.join("export"), dir.join("files"));
    let target = format!("sqlite://{}", dir.join("target.db").display());
    let (target_files, kestrel_dir) = (dir.join("target-files"), dir.join("kestrel"));
    let exported = run(osa()
        .arg("export")
        .arg(&export_dir)
        .args(["--database-url", &source, "--files-dir"])
        .arg(&files));
    assert!(exported.as_ref().is_ok_and(|t| t.contains("Exported")), "{exported:?}");
    let import = || {
        let mut command = osa();
        command
            .arg("import")
            .arg(&export_dir)
            .args(["--database-url", &target, "--files-dir"])
            .arg(&target_files);
        command
    };
    let imported = run(&mut import());
    assert!(imported.as_ref().is_ok_and(|t| t.contains("Imported")), "{imported:?}");
    let again = run(&mut import()).expect_err("a second import into the same database is refused");
    assert!(again.contains("not empty"), "{again}");
    let unknown = run(osa().arg("export").arg(&kestrel_dir).args([
        "--partnership",
        "999999",
        "--database-url",
        &source,
    ]))
    .expect_err("an unknown partnership is refused");
    assert!(unknown.contains("no partnership with id 999999"), "{unknown}");
}
