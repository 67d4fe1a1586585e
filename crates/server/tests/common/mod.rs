//! Test harness: each test gets the real router, served on a free local port, over
//! its own fresh database: a SQLite file by default, or a new database on the
//! PostgreSQL server named by `OSA_TEST_DATABASE_URL`. Clients keep cookies like a
//! browser and never follow redirects, so tests can assert them.

#![allow(dead_code)]

pub mod api;
pub mod direct;
pub mod html;
pub mod journey;
pub mod local_questions;
pub mod osa_process;
pub mod summaries;
pub mod surveys;
pub mod world;

use std::sync::atomic::{AtomicU64, Ordering};

use osa_server::config::Config;
use osa_server::db::Db;
use osa_server::web::AppState;
use reqwest::StatusCode;
use reqwest::redirect::Policy;
use sea_query::{Expr, ExprTrait, Order, Query};

static COUNTER: AtomicU64 = AtomicU64::new(0);
pub const PASSWORD: &str = "correct horse battery staple";

pub struct TestApp {
    pub address: String,
    pub state: AppState,
    _server: tokio::task::JoinHandle<()>,
}

fn unique_name() -> String {
    let nanos =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
    format!(
        "osa_test_{}_{}_{}",
        std::process::id(),
        nanos % 1_000_000_000,
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// A file holding `token`, for `metrics_token_file`.
pub fn token_file(token: &str) -> String {
    let path = std::env::temp_dir().join("osa-tests").join(format!("metrics-token-{}", unique_name()));
    std::fs::create_dir_all(path.parent().expect("a temporary folder")).expect("cannot make the folder");
    std::fs::write(&path, format!("{token}\n")).expect("cannot write the token file");
    path.to_string_lossy().into_owned()
}

/// A fresh, empty database URL for one test.
pub async fn fresh_database_url() -> String {
    match std::env::var("OSA_TEST_DATABASE_URL") {
        Ok(server) if !server.is_empty() => {
            let admin = Db::connect(&server).await.expect("cannot reach OSA_TEST_DATABASE_URL");
            CLEANED.get_or_init(|| drop_leftover_databases(&admin)).await;
            let name = unique_name();
            admin
                .raw_execute(&format!("CREATE DATABASE {name}"))
                .await
                .expect("cannot create a test database");
            admin.close().await;
            let mut url = url::Url::parse(&server).expect("OSA_TEST_DATABASE_URL is not a URL");
            url.set_path(&format!("/{name}"));
            url.to_string()
        }
        _ => {
            let dir = std::env::temp_dir().join("osa-tests");
            std::fs::create_dir_all(&dir).expect("cannot create the test folder");
            format!("sqlite://{}", dir.join(format!("{}.db", unique_name())).display())
        }
    }
}

/// The URL of a fresh, migrated database that no server has run on (a running server
/// schedules its jobs at once), for tests that need an untouched target.
pub async fn fresh_migrated_database() -> String {
    let url = fresh_database_url().await;
    let db = Db::connect(&url).await.expect("cannot open the fresh database");
    osa_server::db::migrations::run(&db).await.expect("cannot migrate the fresh database");
    db.close().await;
    url
}

static CLEANED: tokio::sync::OnceCell<()> = tokio::sync::OnceCell::const_new();

/// Drops test databases left by earlier test processes (test binaries run one after
/// another, so none of them is in use; one that is simply refuses to be dropped).
async fn drop_leftover_databases(admin: &Db) {
    let Db::Postgres(pool) = admin else { return };
    let names: Vec<(String,)> =
        sqlx::query_as("SELECT datname FROM pg_database WHERE datname LIKE 'osa_test_%'")
            .fetch_all(pool)
            .await
            .unwrap_or_default();
    for (name,) in names.into_iter().filter(|(n,)| !made_by_a_running_test(n)) {
        let _ = admin.raw_execute(&format!("DROP DATABASE IF EXISTS {name}")).await;
    }
}

/// A test database is named after the process that made it. While that process runs
/// (this one, or another test binary or checkout testing at the same time) its
/// databases are in use and must not be dropped from under it.
fn made_by_a_running_test(name: &str) -> bool {
    let pid = name.strip_prefix("osa_test_").and_then(|rest| rest.split('_').next());
    match pid {
        Some(pid) if pid == std::process::id().to_string() => true,
        Some(pid) if !pid.is_empty() => std::path::Path::new("/proc").join(pid).exists(),
        _ => false,
    }
}

/// The id of the demo's Kestrel Vale children's partnership (load the demo first).
pub async fn demo_kestrel(app: &TestApp) -> i64 {
    osa_server::partnerships::store::all(app.db())
        .await
        .expect("cannot list partnerships")
        .into_iter()
        .find(|p| p.name == "Kestrel Vale Safeguarding Children Partnership")
        .expect("the demo's Kestrel partnership is missing")
        .id
}

/// A CSV download's table, after the heading every export starts with (title, what
/// it is about, when produced, filters) and the blank line that ends it.
pub fn csv_table(body: &str) -> &str {
    let end = body.find("\n\n").unwrap_or_else(|| panic!("no heading before the table: {body}"));
    &body[end + 2..]
}

/// A CSV download's heading lines, without the blank line after them.
pub fn csv_heading(body: &str) -> Vec<&str> {
    let end = body.find("\n\n").unwrap_or_else(|| panic!("no heading before the table: {body}"));
    body[..end].lines().collect()
}

pub fn on_postgres() -> bool {
    std::env::var("OSA_TEST_DATABASE_URL").map(|v| !v.is_empty()).unwrap_or(false)
}

impl TestApp {
    pub async fn spawn() -> TestApp {
        Self::spawn_with(|_| {}).await
    }

    pub async fn spawn_with(adjust: impl FnOnce(&mut Config)) -> TestApp {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("no free port");
        let address = format!("http://{}", listener.local_addr().expect("no local address"));
        let mut config = Config {
            database_url: fresh_database_url().await,
            public_url: address.clone(),
            files_dir: std::env::temp_dir()
                .join("osa-tests")
                .join(format!("files-{}", unique_name()))
                .to_string_lossy()
                .into_owned(),
            ..Config::default()
        };
        adjust(&mut config);
        let state = osa_server::prepare(config).await.expect("the app did not start");
        let server_state = state.clone();
        let server = tokio::spawn(async move {
            osa_server::serve(server_state, listener, std::future::pending()).await.expect("server failed");
        });
        TestApp { address, state, _server: server }
    }

    pub fn db(&self) -> &Db {
        &self.state.db
    }

    pub fn client(&self) -> Client {
        let http =
            reqwest::Client::builder().cookie_store(true).redirect(Policy::none()).build().expect("client");
        Client { http, base: self.address.clone() }
    }

    /// Signs in a new client as `email` (whose password is [`PASSWORD`]).
    pub async fn signed_in(&self, email: &str) -> Client {
        let client = self.client();
        let response = client.sign_in(email, PASSWORD).await;
        assert_eq!(response.status, StatusCode::SEE_OTHER, "sign-in as {email} failed: {}", response.body);
        client
    }

    /// The newest outbox message to `to`: (subject, body).
    pub async fn last_mail_to(&self, to: &str) -> Option<(String, String)> {
        use osa_server::db::schema::Outbox;
        self.db()
            .fetch_optional(
                &Query::select()
                    .columns([Outbox::Subject, Outbox::BodyText])
                    .from(Outbox::Table)
                    .and_where(Expr::col(Outbox::Recipient).eq(to))
                    .order_by(Outbox::Id, Order::Desc)
                    .limit(1)
                    .to_owned(),
            )
            .await
            .expect("outbox query")
    }

    /// The path of the first link to this service in the newest mail to `to`.
    pub async fn link_in_last_mail_to(&self, to: &str) -> String {
        let (_, body) = self.last_mail_to(to).await.unwrap_or_else(|| panic!("no mail to {to}"));
        body.lines()
            .find_map(|l| l.strip_prefix(&self.address))
            .unwrap_or_else(|| panic!("no link in the mail to {to}: {body}"))
            .to_owned()
    }
}

pub struct Page {
    pub status: StatusCode,
    pub location: Option<String>,
    pub headers: reqwest::header::HeaderMap,
    pub body: String,
}

impl Page {
    pub fn csrf(&self) -> String {
        self.field("csrf_token").unwrap_or_else(|| panic!("no CSRF token on the page: {}", self.body))
    }

    pub fn redirects_to(&self, prefix: &str) -> bool {
        self.status.is_redirection() && self.location.as_deref().is_some_and(|l| l.starts_with(prefix))
    }
}

pub struct Client {
    pub http: reqwest::Client,
    pub base: String,
}

impl Client {
    async fn read(response: reqwest::Response) -> Page {
        let status = response.status();
        let headers = response.headers().clone();
        let location = headers.get("location").and_then(|v| v.to_str().ok()).map(str::to_owned);
        let body = response.text().await.unwrap_or_default();
        Page { status, location, headers, body }
    }

    pub async fn get(&self, path: &str) -> Page {
        Self::read(self.http.get(format!("{}{path}", self.base)).send().await.expect("GET failed")).await
    }

    /// Posts a form exactly as given (no token added).
    pub async fn post_raw(&self, path: &str, form: &[(&str, &str)]) -> Page {
        Self::read(
            self.http.post(format!("{}{path}", self.base)).form(form).send().await.expect("POST failed"),
        )
        .await
    }

    /// The session's CSRF token, read from a page that carries it.
    pub async fn token(&self) -> String {
        self.get("/password-reset").await.csrf()
    }

    /// Posts a form with the session's CSRF token, as the browser would.
    pub async fn post(&self, path: &str, form: &[(&str, &str)]) -> Page {
        let token = self.token().await;
        let mut fields: Vec<(&str, &str)> = form.to_vec();
        fields.push(("csrf_token", &token));
        self.post_raw(path, &fields).await
    }

    /// Uploads a file the way the framework import form does (the token first).
    pub async fn upload(&self, path: &str, owner: &str, file: &[u8]) -> Page {
        let token = self.token().await;
        let part = reqwest::multipart::Part::bytes(file.to_vec()).file_name("framework.toml");
        let form = reqwest::multipart::Form::new()
            .text("csrf_token", token)
            .text("owner", owner.to_owned())
            .part("file", part);
        let url = format!("{}{path}", self.base);
        Self::read(self.http.post(url).multipart(form).send().await.expect("upload failed")).await
    }

    pub async fn sign_in(&self, email: &str, password: &str) -> Page {
        self.post("/sign-in", &[("email", email), ("password", password)]).await
    }
}
