//! Calling the JSON API as a BI tool would: a bearer token, JSON back. Tokens are
//! made through the token pages (as an admin makes them) or, where a test needs one
//! the form refuses (an expired one), through the store the pages use.

use osa_server::api::calls::{digest, new_secret};
use osa_server::api::store::{self, NewToken};
use reqwest::StatusCode;
use serde_json::Value;

use super::{Client, TestApp};

pub struct Answer {
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub body: String,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    pub fn is_json(&self) -> bool {
        self.headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/json"))
    }
}

/// GET `path` with `token` (none sends no Authorization header), from `client`
/// (whose cookies, a session among them, go too).
pub async fn get_with(client: &Client, token: Option<&str>, path: &str) -> Answer {
    let mut request = client.http.get(format!("{}{path}", client.base));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.expect("API call failed");
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.text().await.unwrap_or_default();
    Answer { status, headers, body }
}

pub async fn get(app: &TestApp, token: &str, path: &str) -> Answer {
    get_with(&app.client(), Some(token), path).await
}

/// A token of `partnership` kept straight through the store, created by `by`,
/// working until `expires_on`: the secret.
pub async fn token_in_store(app: &TestApp, partnership: i64, by: i64, expires_on: time::Date) -> String {
    let secret = new_secret();
    let hash = digest(&secret);
    let new = NewToken {
        partnership,
        name: "made by a test",
        hash: &hash,
        hint: "test",
        expires_on,
        by,
        at: time::OffsetDateTime::now_utc(),
    };
    store::create(app.db(), &new).await.unwrap();
    secret
}

/// A token of `partnership` working for thirty days, made by the platform's first user.
pub async fn token_for(app: &TestApp, partnership: i64) -> String {
    let (user,): (i64,) = app
        .db()
        .fetch_one(
            &sea_query::Query::select()
                .expr(sea_query::ExprTrait::min(sea_query::Expr::col(osa_server::db::schema::Users::Id)))
                .from(osa_server::db::schema::Users::Table)
                .to_owned(),
        )
        .await
        .unwrap();
    let expires = time::OffsetDateTime::now_utc().date() + time::Duration::days(30);
    token_in_store(app, partnership, user, expires).await
}
