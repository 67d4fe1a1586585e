//! Two-factor sign-in over HTTP: setting it up, the code step after the password,
//! wrong and replayed codes, recovery codes, the deployment rule for admins, a
//! platform admin's audited reset, and set-password links.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a failing step in a test should stop loudly")]

mod common;

use common::world::*;
use common::{Client, PASSWORD, Page, TestApp};
use osa_server::db::schema::{AuditLog, RecoveryCodes, TwoFactor};
use sea_query::{Expr, ExprTrait, Order, Query};

/// The code an authenticator app shows for `key` (base32, as the set-up page shows
/// it) `steps` time steps from now, computed by the `totp-rs` library directly rather
/// than through osa's own code, as a phone would.
fn app_code(key: &str, steps: i64) -> String {
    let secret = totp_rs::Secret::try_from_base32(key.replace('-', "")).unwrap();
    let totp = totp_rs::Builder::new().with_secret(secret).build().unwrap();
    let now = time::OffsetDateTime::now_utc().unix_timestamp() + 30 * steps;
    totp.generate(u64::try_from(now).unwrap()).to_string()
}

/// A six-digit code that is not the app's code for any step near now.
fn wrong_code(key: &str) -> String {
    let near: Vec<String> = (-2..=2).map(|s| app_code(key, s)).collect();
    (0..).map(|n: u32| format!("{:06}", (n * 7919) % 1_000_000)).find(|c| !near.contains(c)).unwrap()
}

async fn user_id(app: &TestApp, email: &str) -> i64 {
    osa_server::accounts::store::user_by_email(app.db(), email).await.unwrap().unwrap().id
}

/// Sets two-factor up through the pages at `path` (the account's or the sign-in
/// one's); gives back the key and the recovery codes shown.
async fn set_up_at(client: &Client, path: &str) -> (String, Vec<String>) {
    let form = client.get(path).await;
    assert_eq!(form.status, 200, "{}", form.body);
    let key = form.text("#setup-key");
    let done = client.post(path, &[("code", &app_code(&key, 0))]).await;
    assert!(done.redirects_to("/account/two-factor/recovery-codes"), "{} {}", done.status, done.body);
    let codes = client.get("/account/two-factor/recovery-codes").await.texts("#recovery-codes li");
    (key, codes)
}

async fn set_up(client: &Client) -> (String, Vec<String>) {
    set_up_at(client, "/account/two-factor/set-up").await
}

/// A new browser that has given the right password for `email`.
async fn password_given(app: &TestApp, email: &str) -> Client {
    let client = app.client();
    let page = client.sign_in(email, PASSWORD).await;
    assert!(page.redirects_to("/sign-in/two-factor"), "{} {:?}", page.status, page.location);
    client
}

async fn give_code(client: &Client, code: &str) -> Page {
    client.post("/sign-in/two-factor", &[("code", code)]).await
}

async fn audit_actions(app: &TestApp, user: i64) -> Vec<(Option<i64>, String, Option<String>)> {
    app.db()
        .fetch_all(
            &Query::select()
                .columns([AuditLog::ActorUserId, AuditLog::Action, AuditLog::After])
                .from(AuditLog::Table)
                .and_where(Expr::col(AuditLog::Entity).eq("user"))
                .and_where(Expr::col(AuditLog::EntityId).eq(user.to_string()))
                .order_by(AuditLog::Id, Order::Asc)
                .to_owned(),
        )
        .await
        .unwrap()
}

async fn has_two_factor(app: &TestApp, user: i64) -> bool {
    let rows: Vec<(i64,)> = app
        .db()
        .fetch_all(
            &Query::select()
                .column(TwoFactor::UserId)
                .from(TwoFactor::Table)
                .and_where(Expr::col(TwoFactor::UserId).eq(user))
                .to_owned(),
        )
        .await
        .unwrap();
    !rows.is_empty()
}

async fn recovery_hashes(app: &TestApp, user: i64) -> Vec<String> {
    let rows: Vec<(String,)> = app
        .db()
        .fetch_all(
            &Query::select()
                .column(RecoveryCodes::CodeHash)
                .from(RecoveryCodes::Table)
                .and_where(Expr::col(RecoveryCodes::UserId).eq(user))
                .to_owned(),
        )
        .await
        .unwrap();
    rows.into_iter().map(|r| r.0).collect()
}

#[tokio::test]
async fn setting_up_needs_a_right_code_and_then_shows_ten_recovery_codes_once() {
    let app = TestApp::spawn().await;
    World::build(&app).await;
    let lead = app.signed_in(O1_LEAD).await;
    let form = lead.get("/account/two-factor/set-up").await;
    assert_eq!(form.status, 200);
    let qr = form.attrs("img.osa-qr-code", "src");
    assert!(qr[0].starts_with("data:image/svg+xml;base64,"), "{qr:?}");
    let key = form.text("#setup-key");
    assert_eq!(key.replace('-', "").len(), 32, "{key}");

    let wrong = lead.post("/account/two-factor/set-up", &[("code", &wrong_code(&key))]).await;
    assert_eq!(wrong.status, 422);
    assert_eq!(wrong.error_summary().len(), 1);
    assert_eq!(
        wrong.text("#setup-key"),
        key,
        "the same key is shown again, so the app need not be set up twice"
    );
    let empty = lead.post("/account/two-factor/set-up", &[("code", "")]).await;
    assert_eq!(empty.error_summary(), ["Enter the 6-digit code your app shows"]);
    let id = user_id(&app, O1_LEAD).await;
    assert!(!has_two_factor(&app, id).await, "not on before a right code");

    let done = lead.post("/account/two-factor/set-up", &[("code", &app_code(&key, 0))]).await;
    assert!(done.redirects_to("/account/two-factor/recovery-codes"));
    let codes = lead.get("/account/two-factor/recovery-codes").await.texts("#recovery-codes li");
    assert_eq!(codes.len(), 10, "{codes:?}");
    assert!(has_two_factor(&app, id).await);
    let stored = recovery_hashes(&app, id).await;
    assert_eq!(stored.len(), 10);
    for code in &codes {
        assert!(!stored.iter().any(|h| h.contains(&code.replace('-', ""))), "a code is stored only hashed");
    }
    assert!(
        lead.get("/account/two-factor/recovery-codes").await.redirects_to("/account/two-factor"),
        "shown once"
    );
    let status = lead.get("/account/two-factor").await;
    assert_eq!(status.text("#unused-codes"), "10 of 10");
    assert!(
        audit_actions(&app, id)
            .await
            .iter()
            .any(|(actor, action, _)| *actor == Some(id) && action == "two_factor_on")
    );
}

#[tokio::test]
async fn after_the_password_someone_with_two_factor_is_signed_in_only_by_the_code() {
    let app = TestApp::spawn().await;
    World::build(&app).await;
    let (key, _) = set_up(&app.signed_in(O1_LEAD).await).await;

    let browser = password_given(&app, O1_LEAD).await;
    assert!(browser.get("/home").await.redirects_to("/sign-in"), "the password alone signs nobody in");
    let question = browser.get("/sign-in/two-factor").await;
    assert_eq!(question.status, 200);
    assert_eq!(question.text("h1"), "Enter your security code");
    // The set-up used this step's code, so the phone's next one signs in.
    let signed_in = give_code(&browser, &app_code(&key, 1)).await;
    assert!(signed_in.redirects_to("/home"), "{} {}", signed_in.status, signed_in.body);
    assert_eq!(browser.get("/home").await.status, 200);
}

#[tokio::test]
async fn the_code_step_answers_a_browser_that_gave_no_password_with_sign_in_again() {
    let app = TestApp::spawn().await;
    World::build(&app).await;
    let stranger = app.client();
    let page = stranger.get("/sign-in/two-factor").await;
    assert_eq!(page.status, 410);
    assert_eq!(page.text("h1"), "Sign in again");
    stranger.get("/sign-in").await;
    assert_eq!(give_code(&stranger, "123456").await.status, 410);
}

#[tokio::test]
async fn wrong_codes_are_refused_and_throttled_like_passwords() {
    let app = TestApp::spawn().await;
    World::build(&app).await;
    let (key, _) = set_up(&app.signed_in(O1_LEAD).await).await;
    let browser = password_given(&app, O1_LEAD).await;

    let first = give_code(&browser, &wrong_code(&key)).await;
    assert_eq!(first.status, 422);
    assert_eq!(
        first.error_summary(),
        ["That code is not right. Check the code your app shows now and try again."]
    );
    assert_eq!(first.field("code").as_deref(), Some(wrong_code(&key).as_str()), "what was typed is kept");
    // Five failures within fifteen minutes stop an account (osa_core::throttle). The
    // password given counts until a right code clears it, so a few more wrong codes
    // are enough.
    let mut throttled = None;
    for _ in 0..5 {
        let page = give_code(&browser, &wrong_code(&key)).await;
        if page.status == 429 {
            throttled = Some(page);
            break;
        }
        assert_eq!(page.status, 422);
    }
    let throttled = throttled.expect("the throttle never stopped the wrong codes");
    assert!(
        throttled.error_summary()[0].starts_with("Too many failed attempts to sign in. Wait"),
        "{:?}",
        throttled.error_summary()
    );
    let right = give_code(&browser, &app_code(&key, 1)).await;
    assert_eq!(right.status, 429, "even a right code waits once the limit is reached");
    assert!(browser.get("/home").await.redirects_to("/sign-in"));
}

#[tokio::test]
async fn a_code_cannot_be_used_twice() {
    let app = TestApp::spawn().await;
    World::build(&app).await;
    let (key, _) = set_up(&app.signed_in(O1_LEAD).await).await;
    let code = app_code(&key, 1);
    assert!(give_code(&password_given(&app, O1_LEAD).await, &code).await.redirects_to("/home"));

    let watcher = password_given(&app, O1_LEAD).await;
    let replayed = give_code(&watcher, &code).await;
    assert_eq!(replayed.status, 422);
    assert_eq!(
        replayed.error_summary(),
        ["That code has already been used. Wait for your app to show a new code and enter that one."]
    );
    assert!(watcher.get("/home").await.redirects_to("/sign-in"));
    // The code used at set-up counts as used too.
    let again = give_code(&watcher, &app_code(&key, 0)).await;
    assert_eq!(again.status, 422);
}

#[tokio::test]
async fn a_recovery_code_signs_in_once() {
    let app = TestApp::spawn().await;
    World::build(&app).await;
    let (_, codes) = set_up(&app.signed_in(O1_LEAD).await).await;
    let typed = codes[3].to_uppercase().replace('-', " ");

    let browser = password_given(&app, O1_LEAD).await;
    let signed_in = give_code(&browser, &typed).await;
    assert!(signed_in.redirects_to("/home"), "{} {}", signed_in.status, signed_in.body);
    let home = browser.get("/home").await;
    assert!(home.body.contains("You have 9 recovery codes left"), "{}", home.body);

    let again = give_code(&password_given(&app, O1_LEAD).await, &codes[3]).await;
    assert_eq!(again.status, 422, "a recovery code works once");
    assert!(give_code(&password_given(&app, O1_LEAD).await, &codes[4]).await.redirects_to("/home"));
}

#[tokio::test]
async fn new_recovery_codes_need_a_current_code_and_end_the_old_ones() {
    let app = TestApp::spawn().await;
    World::build(&app).await;
    let lead = app.signed_in(O1_LEAD).await;
    let (key, old) = set_up(&lead).await;
    let refused = lead.post("/account/two-factor/recovery-codes", &[("code", &wrong_code(&key))]).await;
    assert_eq!(refused.status, 422);
    assert_eq!(refused.error_summary().len(), 1);

    let made = lead.post("/account/two-factor/recovery-codes", &[("code", &app_code(&key, 1))]).await;
    assert!(made.redirects_to("/account/two-factor/recovery-codes"));
    let new = lead.get("/account/two-factor/recovery-codes").await.texts("#recovery-codes li");
    assert_eq!(new.len(), 10);
    assert!(new.iter().all(|c| !old.contains(c)));
    assert_eq!(
        give_code(&password_given(&app, O1_LEAD).await, &old[0]).await.status,
        422,
        "old codes stop working"
    );
    assert!(give_code(&password_given(&app, O1_LEAD).await, &new[0]).await.redirects_to("/home"));
}

#[tokio::test]
async fn turning_two_factor_off_needs_a_current_code() {
    let app = TestApp::spawn().await;
    World::build(&app).await;
    let lead = app.signed_in(O1_LEAD).await;
    let (key, _) = set_up(&lead).await;
    let id = user_id(&app, O1_LEAD).await;
    let refused = lead.post("/account/two-factor/turn-off", &[("code", &wrong_code(&key))]).await;
    assert_eq!(refused.status, 422);
    assert!(has_two_factor(&app, id).await);

    let off = lead.post("/account/two-factor/turn-off", &[("code", &app_code(&key, 1))]).await;
    assert!(off.redirects_to("/account/two-factor"));
    assert!(!has_two_factor(&app, id).await);
    assert!(recovery_hashes(&app, id).await.is_empty());
    assert!(app.client().sign_in(O1_LEAD, PASSWORD).await.redirects_to("/home"), "the password alone again");
}

#[tokio::test]
async fn where_required_an_admin_without_two_factor_sets_it_up_before_anything_else() {
    let app = TestApp::spawn_with(|c| c.two_factor_required = true).await;
    World::build(&app).await;
    for admin in [P1_ADMIN, PLATFORM_ADMIN] {
        let browser = app.client();
        let after_password = browser.sign_in(admin, PASSWORD).await;
        assert!(
            after_password.redirects_to("/sign-in/two-factor/set-up"),
            "{admin}: {:?}",
            after_password.location
        );
        assert!(browser.get("/home").await.redirects_to("/sign-in"), "{admin} can do nothing else yet");
        assert!(browser.get("/account/two-factor").await.redirects_to("/sign-in"));
        let page = browser.get("/sign-in/two-factor/set-up").await;
        assert!(page.text(".govuk-inset-text").contains("Your role needs two-factor sign-in"));

        let (key, codes) = set_up_at(&browser, "/sign-in/two-factor/set-up").await;
        assert_eq!(codes.len(), 10);
        assert_eq!(browser.get("/home").await.status, 200, "{admin} is signed in once it is set up");
        let off = browser.post("/account/two-factor/turn-off", &[("code", &app_code(&key, 1))]).await;
        assert_eq!(off.status, 422);
        assert!(off.error_summary()[0].contains("cannot be turned off"), "{:?}", off.error_summary());
    }
    // Other roles are not made to set it up.
    for other in [P1_ANALYST, O1_LEAD] {
        assert!(app.client().sign_in(other, PASSWORD).await.redirects_to("/home"), "{other}");
    }
}

#[tokio::test]
async fn without_the_rule_an_admin_signs_in_with_the_password_alone() {
    let app = TestApp::spawn().await;
    World::build(&app).await;
    assert!(app.client().sign_in(P1_ADMIN, PASSWORD).await.redirects_to("/home"));
}

#[tokio::test]
async fn a_platform_admin_resets_two_factor_with_a_reason_kept_in_the_audit_log() {
    let app = TestApp::spawn().await;
    World::build(&app).await;
    let lead = app.signed_in(O1_LEAD).await;
    set_up(&lead).await;
    let id = user_id(&app, O1_LEAD).await;
    let admin = app.signed_in(PLATFORM_ADMIN).await;
    let record = admin.get(&format!("/admin/users/{id}")).await;
    assert!(record.text("#two-factor-status").starts_with("On since"), "{}", record.body);

    let path = format!("/admin/users/{id}/two-factor/reset");
    assert_eq!(admin.get(&path).await.status, 200);
    let empty = admin.post(&path, &[("reason", "  ")]).await;
    assert_eq!(empty.status, 422);
    assert_eq!(empty.error_summary(), ["Enter why you are resetting this person's two-factor sign-in"]);
    assert!(has_two_factor(&app, id).await);

    let reason = "Lost phone; identity checked by a video call with her line manager";
    let done = admin.post(&path, &[("reason", reason)]).await;
    assert!(done.redirects_to(&format!("/admin/users/{id}")));
    assert!(!has_two_factor(&app, id).await);
    assert!(recovery_hashes(&app, id).await.is_empty());
    let admin_id = user_id(&app, PLATFORM_ADMIN).await;
    let audited = audit_actions(&app, id).await;
    let (actor, _, after) =
        audited.iter().find(|(_, action, _)| action == "two_factor_reset").expect("no reset audited");
    assert_eq!(*actor, Some(admin_id));
    let after: serde_json::Value = serde_json::from_str(after.as_deref().unwrap()).unwrap();
    assert_eq!(after["reason"], reason);
    assert!(lead.get("/home").await.redirects_to("/sign-in"), "the person's sessions end");
    assert!(app.client().sign_in(O1_LEAD, PASSWORD).await.redirects_to("/home"));
}

#[tokio::test]
async fn nobody_but_a_platform_admin_may_reset_two_factor() {
    let app = TestApp::spawn().await;
    World::build(&app).await;
    set_up(&app.signed_in(O1_LEAD).await).await;
    let id = user_id(&app, O1_LEAD).await;
    let path = format!("/admin/users/{id}/two-factor/reset");
    for who in [P1_ADMIN, P1_ANALYST, P1_PANEL, P2_ADMIN, O1_CONTRIBUTOR, O1_SIGNOFF, O2_LEAD] {
        let client = app.signed_in(who).await;
        for page in [client.get(&path).await, client.post(&path, &[("reason", "I asked nicely")]).await] {
            assert!(page.status == 403 || page.status == 404, "{who} got {}", page.status);
        }
    }
    assert!(app.client().get(&path).await.redirects_to("/sign-in"));
    assert!(has_two_factor(&app, id).await, "still on after every refusal");
}

#[tokio::test]
async fn a_set_password_link_does_not_bypass_two_factor() {
    let app = TestApp::spawn().await;
    World::build(&app).await;
    let (key, _) = set_up(&app.signed_in(O1_LEAD).await).await;
    let browser = app.client();
    browser.post("/password-reset", &[("email", O1_LEAD)]).await;
    let link = app.link_in_last_mail_to(O1_LEAD).await;
    browser.get(&link).await;
    let new_password = "a brand new password for the lead";
    let set = browser.post(&link, &[("password", new_password), ("confirm", new_password)]).await;
    assert!(set.redirects_to("/sign-in/two-factor"), "{} {:?}", set.status, set.location);
    assert!(browser.get("/home").await.redirects_to("/sign-in"), "the link alone signs nobody in");
    assert!(give_code(&browser, &app_code(&key, 1)).await.redirects_to("/home"));
    assert_eq!(browser.get("/home").await.status, 200);
}
