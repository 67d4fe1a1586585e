//! The migration runner on a real database: re-running changes nothing, and a database
//! migrated by a newer osa is refused rather than read with the wrong schema.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops loudly at the step that failed"
)]

mod common;

use common::TestApp;
use osa_server::db::migrations;
use osa_server::db::schema::SchemaMigrations;
use sea_query::{Expr, ExprTrait, Query};

async fn applied(app: &TestApp) -> Vec<i64> {
    let rows: Vec<(i64,)> = app
        .db()
        .fetch_all(
            &Query::select().column(SchemaMigrations::Version).from(SchemaMigrations::Table).to_owned(),
        )
        .await
        .unwrap();
    let mut versions: Vec<i64> = rows.into_iter().map(|(v,)| v).collect();
    versions.sort_unstable();
    versions
}

#[tokio::test]
async fn running_the_migrations_again_applies_nothing_new() {
    let app = TestApp::spawn().await;
    let before = applied(&app).await;
    let known: Vec<i64> = migrations::MIGRATIONS.iter().map(|m| m.version).collect();
    assert_eq!(before, known, "a fresh database records every migration once");
    migrations::run(app.db()).await.unwrap();
    assert_eq!(applied(&app).await, before);
}

#[tokio::test]
async fn a_database_migrated_by_a_newer_osa_is_refused() {
    let app = TestApp::spawn().await;
    app.db()
        .execute(
            &Query::insert()
                .into_table(SchemaMigrations::Table)
                .columns([SchemaMigrations::Version, SchemaMigrations::Name, SchemaMigrations::AppliedAt])
                .values_panic([9999.into(), "from the future".into(), time::OffsetDateTime::now_utc().into()])
                .to_owned(),
        )
        .await
        .unwrap();
    let error = migrations::run(app.db()).await.expect_err("a newer schema must be refused");
    let message = error.to_string();
    assert!(message.contains("newer version of osa"), "{message}");
    assert!(message.contains("migration 9999"), "{message}");

    // Refusing changed nothing: the newer record is still there and nothing was added.
    let count: (i64,) = app
        .db()
        .fetch_one(
            &Query::select()
                .expr(Expr::col(SchemaMigrations::Version).count())
                .from(SchemaMigrations::Table)
                .to_owned(),
        )
        .await
        .unwrap();
    assert_eq!(count.0 as usize, migrations::MIGRATIONS.len() + 1);
}
