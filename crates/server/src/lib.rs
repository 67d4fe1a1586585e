//! The osa web service: HTTP, pages, persistence, mail and the command line.
//! Each feature keeps its routes, queries, views and templates in its own folder.

pub mod accounts;
pub mod action_plans;
pub mod api;
pub mod assessments;
pub mod audit;
pub mod backup;
pub mod benchmarks;
pub mod board_reports;
pub mod challenges;
pub mod config;
pub mod cycles;
pub mod data_protection;
pub mod db;
pub mod demo;
pub mod evidence;
pub mod exports;
pub mod frameworks;
pub mod home;
pub mod jobs;
pub mod mail;
pub mod meetings;
pub mod metrics;
pub mod narratives;
pub mod organisations;
pub mod pages;
pub mod partnership_actions;
pub mod partnership_self;
pub mod partnerships;
pub mod plan_updates;
pub mod resources;
pub mod return_copies;
pub mod storage;
pub mod surveys;
pub mod users;
pub mod web;
pub mod workbook;
pub mod young_peoples_summary;

use std::sync::Arc;

use tokio::net::TcpListener;
use tower_sessions::ExpiredDeletion;

use config::Config;
use db::Db;
use mail::Mailer;
use osa_core::throttle::ThrottlePolicy;
use web::AppState;

/// Connects to the database, runs migrations and assembles the shared state.
pub async fn prepare(config: Config) -> anyhow::Result<AppState> {
    let db = Db::connect_with(&config.database_url, config.sqlite_synchronous()?).await?;
    db::migrations::run(&db).await?;
    narratives::index::backfill(&db).await?;
    cycles::summaries::backfill(&db).await?;
    let mailer = Mailer::from_config(&config.smtp_url, &config.mail_from)?;
    let files = storage::from_config(&config.files_dir)?;
    let metrics = Arc::new(metrics::Metrics::new(config.metrics_token()?));
    Ok(AppState { db, config: Arc::new(config), mailer, throttle: ThrottlePolicy::default(), files, metrics })
}

/// Serves until `shutdown` resolves, with the background work every server runs.
pub async fn serve(
    state: AppState,
    listener: TcpListener,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let background = [
        tokio::spawn(mail::run_delivery_loop(state.db.clone(), state.mailer.clone())),
        tokio::spawn(jobs::run_loop(
            state.db.clone(),
            state.mailer.clone(),
            jobs::Settings::of(&state.config),
            jobs::Retention { files: state.files.clone(), periods: state.config.retention() },
            std::time::Duration::from_secs(state.config.jobs_check_seconds.max(1)),
            state.metrics.job_failures.clone(),
        )),
        tokio::spawn({
            let store = web::session_store::DbSessionStore::new(state.db.clone());
            let db = state.db.clone();
            async move {
                let mut every = tokio::time::interval(std::time::Duration::from_secs(600));
                loop {
                    every.tick().await;
                    if let Err(err) = store.delete_expired().await {
                        tracing::warn!(error = %err, "expired-session clean-up failed");
                    }
                    if let Err(err) = accounts::limits::forget_old(&db).await {
                        tracing::warn!(error = %err, "clean-up of old throttle records failed");
                    }
                }
            }
        }),
    ];
    let metrics_listener = match state.config.metrics_bind.trim() {
        "" => None,
        address => {
            let listener = TcpListener::bind(address).await.map_err(|e| {
                anyhow::anyhow!("cannot listen on metrics_bind (OSA_METRICS_BIND, {address}): {e}")
            })?;
            tracing::info!(address, "serving /metrics on its own address");
            let router = metrics::own_address_router(state.clone());
            Some(tokio::spawn(async move { axum::serve(listener, router).await }))
        }
    };
    let app = web::app(state);
    let result = axum::serve(listener, app.into_make_service_with_connect_info::<std::net::SocketAddr>())
        .with_graceful_shutdown(shutdown)
        .await;
    for task in background {
        task.abort();
    }
    if let Some(task) = metrics_listener {
        task.abort();
    }
    Ok(result?)
}
