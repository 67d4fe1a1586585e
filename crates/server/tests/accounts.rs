//! Signing in and out, sessions, CSRF, throttling, password resets and security headers.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops loudly at the step that failed"
)]

mod common;

use common::world::*;
use common::{PASSWORD, TestApp};

fn session_cookie(page: &common::Page) -> Option<String> {
    page.headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("osa_session="))
        .map(str::to_owned)
}

#[tokio::test]
async fn signing_in_with_the_right_password_lands_on_home() {
    let app = TestApp::spawn().await;
    World::build(&app).await;
    let client = app.client();
    let page = client.sign_in(O1_LEAD, PASSWORD).await;
    assert!(page.redirects_to("/home"));
    let home = client.get("/home").await;
    assert_eq!(home.status, 200);
    assert!(home.body.contains("Organisation One"));
}

#[tokio::test]
async fn a_wrong_password_is_refused_with_the_email_kept() {
    let app = TestApp::spawn().await;
    World::build(&app).await;
    let page = app.client().sign_in(O1_LEAD, "not the password").await;
    assert_eq!(page.status, 422);
    assert!(page.body.contains("There is a problem"));
    assert!(page.body.contains("Enter a correct email address and password"));
    assert!(page.body.contains(&format!("value=\"{O1_LEAD}\"")));
}

#[tokio::test]
async fn empty_fields_get_an_error_each() {
    let app = TestApp::spawn().await;
    let page = app.client().sign_in("", "").await;
    assert_eq!(page.status, 422);
    assert!(page.body.contains("Enter your email address"));
    assert!(page.body.contains("Enter your password"));
}

#[tokio::test]
async fn repeated_failures_lock_the_account_for_a_while_with_a_clear_message() {
    let app = TestApp::spawn().await;
    World::build(&app).await;
    let client = app.client();
    for _ in 0..5 {
        assert_eq!(client.sign_in(O1_LEAD, "wrong password!").await.status, 422);
    }
    let locked = client.sign_in(O1_LEAD, PASSWORD).await;
    assert_eq!(locked.status, 429);
    assert!(locked.body.contains("Too many failed attempts to sign in. Wait 15 minutes and try again."));
    // Another account from the same address is still fine.
    assert!(client.sign_in(O2_LEAD, PASSWORD).await.redirects_to("/home"));
}

#[tokio::test]
async fn the_session_id_changes_at_sign_in_and_the_cookie_is_protected() {
    let app = TestApp::spawn().await;
    World::build(&app).await;
    let client = app.client();
    let before = session_cookie(&client.get("/sign-in").await).expect("a session cookie for the form token");
    let page = client.sign_in(O1_LEAD, PASSWORD).await;
    let after = session_cookie(&page).expect("a new session cookie at sign-in");
    let id = |c: &str| c.split(';').next().unwrap().to_owned();
    assert_ne!(id(&before), id(&after));
    assert!(after.contains("HttpOnly"));
    assert!(after.contains("SameSite=Lax"));
    assert!(!after.contains("Secure"), "plain http must not mark the cookie Secure");
}

#[tokio::test]
async fn cookies_are_secure_and_hsts_is_sent_when_served_over_https() {
    let app = TestApp::spawn_with(|c| c.public_url = "https://osa.example".into()).await;
    let page = app.client().get("/sign-in").await;
    assert!(session_cookie(&page).unwrap().contains("Secure"));
    assert!(page.headers.contains_key("strict-transport-security"));
}

#[tokio::test]
async fn a_form_without_its_security_token_is_refused() {
    let app = TestApp::spawn().await;
    World::build(&app).await;
    let client = app.client();
    client.get("/sign-in").await;
    let page = client.post_raw("/sign-in", &[("email", O1_LEAD), ("password", PASSWORD)]).await;
    assert_eq!(page.status, 403);
    assert!(page.body.contains("Your form could not be sent"));
    let forged = client
        .post_raw("/sign-in", &[("email", O1_LEAD), ("password", PASSWORD), ("csrf_token", "forged")])
        .await;
    assert_eq!(forged.status, 403);
}

#[tokio::test]
async fn every_page_carries_security_headers() {
    let app = TestApp::spawn().await;
    let page = app.client().get("/").await;
    for header in ["content-security-policy", "x-content-type-options", "x-frame-options", "referrer-policy"]
    {
        assert!(page.headers.contains_key(header), "missing {header}");
    }
    assert!(!page.headers.contains_key("strict-transport-security"));
}

#[tokio::test]
async fn a_password_reset_link_works_once() {
    let app = TestApp::spawn().await;
    World::build(&app).await;
    let client = app.client();
    let sent = client.post("/password-reset", &[("email", O1_LEAD)]).await;
    assert_eq!(sent.status, 200);
    assert!(sent.body.contains("Check your email"));
    let link = app.link_in_last_mail_to(O1_LEAD).await;
    assert!(link.starts_with("/password-reset/"));

    assert_eq!(client.get(&link).await.status, 200);
    let new_password = "a brand new long password";
    let done = client.post(&link, &[("password", new_password), ("confirm", new_password)]).await;
    assert!(done.redirects_to("/home"));
    assert_eq!(client.get("/home").await.status, 200);

    assert_eq!(app.client().get(&link).await.status, 410, "a used link must not work again");
    assert!(app.client().sign_in(O1_LEAD, new_password).await.redirects_to("/home"));
    assert_eq!(app.client().sign_in(O1_LEAD, PASSWORD).await.status, 422);
}

#[tokio::test]
async fn a_reset_for_an_unknown_address_looks_the_same_and_sends_nothing() {
    let app = TestApp::spawn().await;
    let page = app.client().post("/password-reset", &[("email", "nobody@test.example")]).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Check your email"));
    assert!(app.last_mail_to("nobody@test.example").await.is_none());
}

#[tokio::test]
async fn an_expired_reset_link_is_refused() {
    use osa_server::db::schema::EmailTokens;
    use sea_query::Query;
    let app = TestApp::spawn().await;
    World::build(&app).await;
    app.client().post("/password-reset", &[("email", O1_LEAD)]).await;
    let link = app.link_in_last_mail_to(O1_LEAD).await;
    let past = time::OffsetDateTime::now_utc() - time::Duration::minutes(1);
    app.db()
        .execute(&Query::update().table(EmailTokens::Table).value(EmailTokens::ExpiresAt, past).to_owned())
        .await
        .unwrap();
    let page = app.client().get(&link).await;
    assert_eq!(page.status, 410);
    assert!(page.body.contains("This link has expired"));
}

#[tokio::test]
async fn a_short_or_mismatched_new_password_is_refused() {
    let app = TestApp::spawn().await;
    World::build(&app).await;
    let client = app.client();
    client.post("/password-reset", &[("email", O1_LEAD)]).await;
    let link = app.link_in_last_mail_to(O1_LEAD).await;
    let short = client.post(&link, &[("password", "short"), ("confirm", "short")]).await;
    assert_eq!(short.status, 422);
    assert!(short.body.contains("Password must be 12 characters or more"));
    let mismatch = client
        .post(&link, &[("password", "long enough password"), ("confirm", "long enough passw0rd")])
        .await;
    assert_eq!(mismatch.status, 422);
    assert!(mismatch.body.contains("Passwords do not match"));
    assert_eq!(client.get(&link).await.status, 200, "a refused attempt must not use up the link");
}

#[tokio::test]
async fn after_sign_in_only_local_paths_are_followed() {
    let app = TestApp::spawn().await;
    World::build(&app).await;
    let client = app.client();
    let page = client
        .post("/sign-in", &[("email", O1_LEAD), ("password", PASSWORD), ("next", "https://evil.example/")])
        .await;
    assert!(page.redirects_to("/home"));
    let client = app.client();
    let page =
        client.post("/sign-in", &[("email", O1_LEAD), ("password", PASSWORD), ("next", "/cookies")]).await;
    assert!(page.redirects_to("/cookies"));
}

#[tokio::test]
async fn unknown_pages_get_the_not_found_page() {
    let app = TestApp::spawn().await;
    let page = app.client().get("/no-such-page").await;
    assert_eq!(page.status, 404);
    assert!(page.body.contains("Page not found"));
}

#[tokio::test]
async fn health_check_answers_when_the_database_does() {
    let app = TestApp::spawn().await;
    let page = app.client().get("/healthz").await;
    assert_eq!(page.status, 200);
    assert_eq!(page.body, "ok");
}

#[tokio::test]
async fn pages_are_server_rendered_with_the_govuk_frontend_assets() {
    let app = TestApp::spawn().await;
    let page = app.client().get("/").await;
    assert!(page.body.contains("/assets/govuk-frontend.min.css"));
    let css = app.client().get("/assets/govuk-frontend.min.css").await;
    assert_eq!(css.status, 200);
    assert!(css.headers["content-type"].to_str().unwrap().starts_with("text/css"));
    assert_eq!(app.client().get("/assets/fonts/no-such-font.woff2").await.status, 404);
}

#[tokio::test]
async fn changing_the_password_signs_out_every_other_session_and_keeps_this_one() {
    let app = TestApp::spawn().await;
    World::build(&app).await;
    let here = app.signed_in(O1_LEAD).await;
    let elsewhere = app.signed_in(O1_LEAD).await;
    let someone_else = app.signed_in(O2_LEAD).await;
    assert_eq!(elsewhere.get("/home").await.status, 200);

    let form = here.get("/account/password").await;
    assert_eq!(form.status, 200);
    assert!(form.body.contains("Change your password"));
    let new_password = "a brand new long password";
    let done = here
        .post(
            "/account/password",
            &[("current", PASSWORD), ("password", new_password), ("confirm", new_password)],
        )
        .await;
    assert!(done.redirects_to("/home"), "{} {:?}", done.status, done.location);
    let home = here.get("/home").await;
    assert_eq!(home.status, 200, "the session that changed the password stays signed in");
    assert!(home.body.contains("You have been signed out on every other device"));

    assert!(elsewhere.get("/home").await.redirects_to("/sign-in"), "the other session must be signed out");
    assert_eq!(someone_else.get("/home").await.status, 200, "another person's session is untouched");
    assert!(app.client().sign_in(O1_LEAD, new_password).await.redirects_to("/home"));
    assert_eq!(app.client().sign_in(O1_LEAD, PASSWORD).await.status, 422);
}

#[tokio::test]
async fn a_wrong_current_password_changes_nothing() {
    let app = TestApp::spawn().await;
    World::build(&app).await;
    let here = app.signed_in(O1_LEAD).await;
    let elsewhere = app.signed_in(O1_LEAD).await;
    let new_password = "a brand new long password";
    let page = here
        .post(
            "/account/password",
            &[("current", "not my password"), ("password", new_password), ("confirm", new_password)],
        )
        .await;
    assert_eq!(page.status, 422);
    assert!(page.body.contains("Your current password is not right"));
    assert_eq!(elsewhere.get("/home").await.status, 200);
    assert!(app.client().sign_in(O1_LEAD, PASSWORD).await.redirects_to("/home"));
    assert!(app.client().get("/account/password").await.redirects_to("/sign-in"));
}

#[tokio::test]
async fn a_password_reset_signs_out_every_session_of_the_account() {
    let app = TestApp::spawn().await;
    World::build(&app).await;
    let first = app.signed_in(O1_LEAD).await;
    let second = app.signed_in(O1_LEAD).await;
    let someone_else = app.signed_in(O2_LEAD).await;
    let resetter = app.client();
    resetter.post("/password-reset", &[("email", O1_LEAD)]).await;
    let link = app.link_in_last_mail_to(O1_LEAD).await;
    let new_password = "a brand new long password";
    assert!(
        resetter
            .post(&link, &[("password", new_password), ("confirm", new_password)])
            .await
            .redirects_to("/home")
    );
    assert_eq!(resetter.get("/home").await.status, 200, "the browser that reset is signed in afresh");
    assert!(first.get("/home").await.redirects_to("/sign-in"));
    assert!(second.get("/home").await.redirects_to("/sign-in"));
    assert_eq!(someone_else.get("/home").await.status, 200);
}

#[tokio::test]
async fn the_probes_next_values_never_leave_the_site_or_break_the_page() {
    let app = TestApp::spawn().await;
    World::build(&app).await;
    let signed_in = app.signed_in(O1_LEAD).await;
    for query in ["/%09/evil.example", "/%09%5Cevil.example", "/%0a", "//evil.example", "/%5C%5Cevil.example"]
    {
        let page = signed_in.get(&format!("/sign-in?next={query}")).await;
        assert_eq!(page.status, 303, "next={query}: {}", page.body);
        assert_eq!(page.location.as_deref(), Some("/home"), "next={query}");

        let anonymous = app.client().get(&format!("/sign-in?next={query}")).await;
        assert_eq!(anonymous.status, 200, "next={query}");
        assert!(anonymous.body.contains("name=\"next\" value=\"/home\""), "next={query}");
    }
    for next in ["/\t/evil.example", "/\t\\evil.example", "/\n", "/\r\nSet-Cookie: a=b"] {
        let page = app
            .client()
            .post("/sign-in", &[("email", O1_LEAD), ("password", PASSWORD), ("next", next)])
            .await;
        assert_eq!(page.location.as_deref(), Some("/home"), "next={next:?} gave {}", page.status);
    }
    let kept = app
        .client()
        .post("/sign-in", &[("email", O1_LEAD), ("password", PASSWORD), ("next", "/cookies?a=1")])
        .await;
    assert_eq!(kept.location.as_deref(), Some("/cookies?a=1"));
}

#[tokio::test]
async fn concurrent_wrong_passwords_reach_the_check_no_more_often_than_the_limit() {
    let app = TestApp::spawn().await;
    World::build(&app).await;
    let mut ready = Vec::new();
    for _ in 0..20 {
        let client = app.client();
        let token = client.token().await;
        ready.push((client, token));
    }
    let attempts = ready.into_iter().map(|(client, token)| {
        tokio::spawn(async move {
            client
                .post_raw(
                    "/sign-in",
                    &[("email", O1_LEAD), ("password", "a wrong guess"), ("csrf_token", &token)],
                )
                .await
                .status
                .as_u16()
        })
    });
    let mut wrong = 0;
    let mut throttled = 0;
    for attempt in attempts.collect::<Vec<_>>() {
        match attempt.await.unwrap() {
            422 => wrong += 1,
            429 => throttled += 1,
            other => panic!("unexpected status {other}"),
        }
    }
    let limit = app.state.throttle.max_failures_per_account;
    assert!(wrong >= 1 && wrong <= limit, "{wrong} guesses were checked against a limit of {limit}");
    assert_eq!(wrong + throttled, 20);
    // The refused guesses were not counted as failures: the lock lasts from the checked ones.
    let locked = app.client().sign_in(O1_LEAD, PASSWORD).await;
    assert_eq!(locked.status, if wrong == limit { 429 } else { 303 });
}

async fn mails_to(app: &TestApp, to: &str) -> usize {
    use osa_server::db::schema::Outbox;
    use sea_query::{Expr, ExprTrait, Query};
    let rows: Vec<(i64,)> = app
        .db()
        .fetch_all(
            &Query::select()
                .column(Outbox::Id)
                .from(Outbox::Table)
                .and_where(Expr::col(Outbox::Recipient).eq(to))
                .to_owned(),
        )
        .await
        .unwrap();
    rows.len()
}

#[tokio::test]
async fn password_reset_requests_are_limited_per_email_and_per_address() {
    let app = TestApp::spawn().await;
    World::build(&app).await;
    let client = app.client();
    let mut statuses = Vec::new();
    for _ in 0..15 {
        let page = client.post("/password-reset", &[("email", O1_LEAD)]).await;
        if page.status == 429 {
            assert!(
                page.body.contains("Too many password reset emails have been asked for"),
                "{}",
                page.body
            );
            assert!(page.body.contains("Wait 60 minutes and try again."), "{}", page.body);
        }
        statuses.push(page.status.as_u16());
    }
    assert_eq!(statuses[..3], [200, 200, 200]);
    assert!(statuses[3..].iter().all(|s| *s == 429), "{statuses:?}");
    assert_eq!(mails_to(&app, O1_LEAD).await, 3, "nothing is sent past the limit");

    // The address has made 3 counted requests; 17 more (for other addresses, even
    // unknown ones, so the limit tells nothing about who has an account) reach 20.
    for i in 0..17 {
        let email = format!("someone{i}@elsewhere.example");
        assert_eq!(client.post("/password-reset", &[("email", &email)]).await.status, 200, "request {i}");
    }
    let refused = client.post("/password-reset", &[("email", O2_LEAD)]).await;
    assert_eq!(refused.status, 429);
    assert_eq!(mails_to(&app, O2_LEAD).await, 0);
}

/// Signs in with a wrong password for `email`, sending `X-Forwarded-For: forwarded`.
async fn fail_through_proxy(app: &TestApp, email: &str, forwarded: &str) -> u16 {
    let client = app.client();
    let token = client.token().await;
    client
        .http
        .post(format!("{}/sign-in", client.base))
        .header("x-forwarded-for", forwarded)
        .form(&[("email", email), ("password", "a wrong guess"), ("csrf_token", &token)])
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

async fn failure_addresses(app: &TestApp) -> Vec<String> {
    use osa_server::db::schema::SignInFailures;
    use sea_query::{Order, Query};
    let rows: Vec<(String,)> = app
        .db()
        .fetch_all(
            &Query::select()
                .column(SignInFailures::Address)
                .from(SignInFailures::Table)
                .order_by(SignInFailures::Id, Order::Asc)
                .to_owned(),
        )
        .await
        .unwrap();
    rows.into_iter().map(|r| r.0).collect()
}

#[tokio::test]
async fn behind_one_proxy_the_address_it_adds_is_used_not_the_one_the_client_wrote() {
    let app = TestApp::spawn_with(|c| c.trusted_proxy_hops = 1).await;
    World::build(&app).await;
    assert_eq!(fail_through_proxy(&app, O1_LEAD, "203.0.113.9, 198.51.100.4").await, 422);
    assert_eq!(fail_through_proxy(&app, O1_LEAD, "10.9.9.9, 198.51.100.4").await, 422);
    assert_eq!(failure_addresses(&app).await, ["198.51.100.4", "198.51.100.4"]);

    // Changing the left-most entry does not give a fresh address to spray from.
    let limit = app.state.throttle.max_failures_per_address;
    for i in 2..limit {
        let status =
            fail_through_proxy(&app, &format!("user{i}@test.example"), &format!("192.0.2.{i}, 198.51.100.4"))
                .await;
        assert_eq!(status, 422, "attempt {i}");
    }
    assert_eq!(fail_through_proxy(&app, "another@test.example", "192.0.2.200, 198.51.100.4").await, 429);
}

#[tokio::test]
async fn the_forwarded_header_is_ignored_unless_proxies_are_trusted_and_the_old_switch_means_one() {
    let app = TestApp::spawn().await;
    World::build(&app).await;
    fail_through_proxy(&app, O1_LEAD, "203.0.113.9").await;
    assert_eq!(failure_addresses(&app).await, ["127.0.0.1"]);

    let app = TestApp::spawn_with(|c| c.trust_forwarded_for = true).await;
    World::build(&app).await;
    fail_through_proxy(&app, O1_LEAD, "203.0.113.9, 198.51.100.4").await;
    assert_eq!(failure_addresses(&app).await, ["198.51.100.4"]);

    let app = TestApp::spawn_with(|c| c.trusted_proxy_hops = 2).await;
    World::build(&app).await;
    fail_through_proxy(&app, O1_LEAD, "203.0.113.9, 198.51.100.4, 10.0.0.2").await;
    assert_eq!(failure_addresses(&app).await, ["198.51.100.4"]);
}

#[tokio::test]
async fn counted_requests_and_failures_are_forgotten_after_a_day() {
    use osa_server::db::schema::{RateLimitEvents, SignInFailures};
    use sea_query::{Expr, ExprTrait, Query};
    let app = TestApp::spawn().await;
    World::build(&app).await;
    let client = app.client();
    client.post("/password-reset", &[("email", O1_LEAD)]).await;
    client.sign_in(O1_LEAD, "a wrong guess").await;
    client.post("/password-reset", &[("email", O2_LEAD)]).await;
    client.sign_in(O2_LEAD, "a wrong guess").await;
    let long_ago = time::OffsetDateTime::now_utc() - time::Duration::days(2);
    let db = app.db();
    db.execute(
        &Query::update()
            .table(RateLimitEvents::Table)
            .value(RateLimitEvents::At, long_ago)
            .and_where(Expr::col(RateLimitEvents::Email).eq(O1_LEAD))
            .to_owned(),
    )
    .await
    .unwrap();
    db.execute(
        &Query::update()
            .table(SignInFailures::Table)
            .value(SignInFailures::At, long_ago)
            .and_where(Expr::col(SignInFailures::Email).eq(O1_LEAD))
            .to_owned(),
    )
    .await
    .unwrap();
    osa_server::accounts::limits::forget_old(db).await.unwrap();
    let events: Vec<(String,)> = db
        .fetch_all(&Query::select().column(RateLimitEvents::Email).from(RateLimitEvents::Table).to_owned())
        .await
        .unwrap();
    let failures: Vec<(String,)> = db
        .fetch_all(&Query::select().column(SignInFailures::Email).from(SignInFailures::Table).to_owned())
        .await
        .unwrap();
    assert_eq!(events, [(O2_LEAD.to_owned(),)]);
    assert_eq!(failures, [(O2_LEAD.to_owned(),)]);
}
