//! Metrics for the people who run osa: `/metrics` in the Prometheus text format, with
//! request counts and latencies per route, the database pool, the scheduled jobs and
//! the outbox. It is closed unless the deployer opens it: with a bearer token
//! (`metrics_token_file`) on the main address, or on a separate address only the
//! scraper reaches (`metrics_bind`). With neither, `/metrics` answers 404.

pub mod access;
pub mod store;

use std::sync::Arc;
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;

use crate::db::Db;
use crate::web::AppState;
use crate::web::routes::Routes;

pub fn routes(r: Routes) -> Routes {
    r.get("/metrics", scrape)
}

/// A route's requests: the path template (`/cycles/{id}`, never the path asked for,
/// whose ids would make a series per record), the method and the status.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    method: String,
    route: String,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    method: String,
    route: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct StatusLabels {
    status: String,
}

/// The service's metrics. One per running service (tests start many in one process),
/// so nothing here is global.
pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    latency: Family<RouteLabels, Histogram>,
    pool_connections: Gauge,
    pool_idle: Gauge,
    jobs_due: Gauge,
    jobs_running: Gauge,
    /// Runs of the scheduled jobs that ended in an error (counted by `jobs::run_loop`).
    pub job_failures: Counter,
    mail: Family<StatusLabels, Gauge>,
    /// The bearer token a scraper must send on the main address, if one is set.
    token: Option<String>,
}

/// Latency buckets from 5 ms to about 10 s, doubling: a page is fast below 100 ms,
/// an export may take seconds.
fn latency_histogram() -> Histogram {
    Histogram::new(exponential_buckets(0.005, 2.0, 12))
}

impl Metrics {
    pub fn new(token: Option<String>) -> Metrics {
        let mut registry = Registry::with_prefix("osa");
        let requests = Family::<RequestLabels, Counter>::default();
        registry.register(
            "http_requests",
            "Requests answered, by route template, method and status",
            requests.clone(),
        );
        let latency =
            Family::<RouteLabels, Histogram>::new_with_constructor(latency_histogram as fn() -> Histogram);
        registry.register(
            "http_request_duration_seconds",
            "Time to answer a request, by route template",
            latency.clone(),
        );
        let pool_connections = Gauge::default();
        registry.register(
            "db_pool_connections",
            "Database connections open in the pool",
            pool_connections.clone(),
        );
        let pool_idle = Gauge::default();
        registry.register(
            "db_pool_idle_connections",
            "Open database connections not in use",
            pool_idle.clone(),
        );
        let jobs_due = Gauge::default();
        registry.register(
            "jobs_due",
            "Scheduled jobs whose time has come and that no server is running",
            jobs_due.clone(),
        );
        let jobs_running = Gauge::default();
        registry.register("jobs_running", "Scheduled jobs a server is running now", jobs_running.clone());
        let job_failures = Counter::default();
        registry.register(
            "job_failures",
            "Runs of the scheduled jobs by this server that failed",
            job_failures.clone(),
        );
        let mail = Family::<StatusLabels, Gauge>::default();
        registry.register(
            "mail_messages",
            "Messages in the outbox, by status (held, queued, sent, failed)",
            mail.clone(),
        );
        Metrics {
            registry,
            requests,
            latency,
            pool_connections,
            pool_idle,
            jobs_due,
            jobs_running,
            job_failures,
            mail,
            token,
        }
    }

    pub fn token(&self) -> Option<&str> {
        self.token.as_deref()
    }

    fn observe(&self, method: &str, route: &str, status: StatusCode, seconds: f64) {
        let route = route.to_owned();
        self.requests
            .get_or_create(&RequestLabels {
                method: method.to_owned(),
                route: route.clone(),
                status: status.as_u16(),
            })
            .inc();
        self.latency.get_or_create(&RouteLabels { method: method.to_owned(), route }).observe(seconds);
    }

    /// Reads the figures kept in the database and the pool, then writes every metric
    /// out. The counts are cheap (a handful of rows in `jobs`, an indexed count of the
    /// outbox by status), so they are read at each scrape rather than kept up to date.
    pub async fn render(&self, db: &Db) -> Result<String, sqlx::Error> {
        let (size, idle) = match db {
            Db::Sqlite(pool) => (pool.size(), pool.num_idle()),
            Db::Postgres(pool) => (pool.size(), pool.num_idle()),
        };
        self.pool_connections.set(i64::from(size));
        self.pool_idle.set(i64::try_from(idle).unwrap_or(i64::MAX));
        let jobs = store::job_counts(db).await?;
        self.jobs_due.set(jobs.due);
        self.jobs_running.set(jobs.running);
        for status in [
            crate::mail::STATUS_HELD,
            crate::mail::STATUS_QUEUED,
            crate::mail::STATUS_SENT,
            crate::mail::STATUS_FAILED,
        ] {
            self.mail.get_or_create(&StatusLabels { status: status.to_owned() }).set(0);
        }
        for (status, count) in store::mail_counts(db).await? {
            self.mail.get_or_create(&StatusLabels { status }).set(count);
        }
        let mut text = String::new();
        // Writing into a String cannot fail.
        let _ = prometheus_client::encoding::text::encode(&mut text, &self.registry);
        Ok(text)
    }
}

/// Counts every request by its route template and times it. Added with
/// `Router::layer`, so axum has matched the route (and set [`MatchedPath`]) before
/// this runs; requests that matched no route are counted under "unmatched".
pub async fn track(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let method = request.method().as_str().to_owned();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |m| m.as_str().to_owned());
    let started = Instant::now();
    let response = next.run(request).await;
    state.metrics.observe(&method, &route, response.status(), started.elapsed().as_secs_f64());
    response
}

/// `/metrics` on the main address: served only when a token is set, and only to a
/// request that carries it.
async fn scrape(State(state): State<AppState>, headers: HeaderMap) -> Response {
    match access::main_address(state.metrics.token(), &headers) {
        access::Scrape::Allow => render(&state.db, &state.metrics).await,
        refused => refused.into_response(),
    }
}

/// `/metrics` on the metrics address (`metrics_bind`): open to whoever reaches the
/// address, unless a token is set too, which it then also asks for.
async fn scrape_own_address(State(state): State<AppState>, headers: HeaderMap) -> Response {
    match access::own_address(state.metrics.token(), &headers) {
        access::Scrape::Allow => render(&state.db, &state.metrics).await,
        refused => refused.into_response(),
    }
}

async fn render(db: &Db, metrics: &Arc<Metrics>) -> Response {
    match metrics.render(db).await {
        Ok(text) => {
            ([(header::CONTENT_TYPE, "application/openmetrics-text; version=1.0.0; charset=utf-8")], text)
                .into_response()
        }
        Err(err) => {
            tracing::error!(error = %err, "cannot read the figures for /metrics");
            (StatusCode::SERVICE_UNAVAILABLE, "the database could not be read\n").into_response()
        }
    }
}

/// The router of the metrics address: `/metrics` and nothing else.
pub fn own_address_router(state: AppState) -> axum::Router {
    axum::Router::new().route("/metrics", axum::routing::get(scrape_own_address)).with_state(state)
}
