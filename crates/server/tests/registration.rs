//! Registration explains duty statuses, warns about a name like one already registered,
//! and the join-request list shows who asked and flags lookalikes.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops loudly at the step that failed"
)]

mod common;

use common::TestApp;
use common::world::*;
use osa_server::organisations::store as org_queries;

const WARNING: &str = "An organisation with a very similar name is already registered on osa";
const CONFIRM_ERROR: &str = "Confirm that this is a different organisation, or change the organisation name";

/// The registration form as a visitor fills it in, with extra fields.
async fn register(app: &TestApp, partnership: i64, name: &str, extra: &[(&str, &str)]) -> common::Page {
    register_as(app, "robin@club.example", partnership, name, extra).await
}

async fn register_as(
    app: &TestApp,
    email: &str,
    partnership: i64,
    name: &str,
    extra: &[(&str, &str)],
) -> common::Page {
    let p = partnership.to_string();
    let mut form = vec![
        ("name", name),
        ("sector", "sport_and_leisure"),
        ("duty", "voluntary"),
        ("partnerships", p.as_str()),
        ("your_name", "Robin Example"),
        ("your_email", email),
    ];
    form.extend_from_slice(extra);
    app.client().post("/register", &form).await
}

/// How many organisations are registered under exactly `name`.
async fn registered(app: &TestApp, name: &str) -> usize {
    org_queries::page(app.db(), name, 50, 0).await.unwrap().into_iter().filter(|o| o.name == name).count()
}

async fn audit_actions(app: &TestApp, entity: &str, action: &str) -> Vec<String> {
    use osa_server::db::schema::AuditLog;
    use sea_query::{Expr, ExprTrait, Query};
    let rows: Vec<(Option<String>,)> = app
        .db()
        .fetch_all(
            &Query::select()
                .column(AuditLog::After)
                .from(AuditLog::Table)
                .and_where(Expr::col(AuditLog::Entity).eq(entity))
                .and_where(Expr::col(AuditLog::Action).eq(action))
                .to_owned(),
        )
        .await
        .unwrap();
    rows.into_iter().map(|(after,)| after.unwrap_or_default()).collect()
}

#[tokio::test]
async fn each_duty_status_is_explained_on_the_form() {
    let app = TestApp::spawn().await;
    World::build(&app).await;
    let page = app.client().get("/register").await;
    assert_eq!(page.status, 200);
    for (code, words) in [
        ("statutory", "Section 11 of the Children Act 2004 or the Care Act 2014"),
        ("commissioned", "your contract sets your safeguarding duties"),
        ("voluntary", "charity, faith group, sports club or community group"),
    ] {
        assert!(
            page.body.contains(&format!("aria-describedby=\"duty-{code}-hint\"")),
            "{code}'s radio is not tied to its hint"
        );
        assert!(
            page.body
                .contains(&format!("<div id=\"duty-{code}-hint\" class=\"govuk-hint govuk-radios__hint\">")),
            "{code} has no hint"
        );
        assert!(page.body.contains(words), "missing: {words}");
    }
}

#[tokio::test]
async fn a_lookalike_name_is_warned_about_and_saved_only_once_confirmed() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let name = "The Organisation One Ltd";

    let warned = register(&app, world.p1, name, &[]).await;
    assert_eq!(warned.status, 200);
    assert!(warned.body.contains(WARNING), "no warning");
    assert!(warned.body.contains("This is a different organisation – register it anyway"));
    // Someone not signed in is not told which organisation it is.
    assert!(!warned.body.contains("Organisation One</"), "the existing name is shown to a visitor");
    assert!(!warned.body.contains("registered on osa: "), "the existing name is shown to a visitor");
    // Nothing typed is lost, and nothing is saved or sent.
    for kept in [
        format!("value=\"{name}\""),
        "value=\"Robin Example\"".to_owned(),
        "value=\"robin@club.example\"".to_owned(),
        format!("value=\"{}\" checked", world.p1),
        "value=\"voluntary\" aria-describedby=\"duty-voluntary-hint\" checked".to_owned(),
        format!("name=\"warned_name\" value=\"{name}\""),
    ] {
        assert!(warned.body.contains(&kept), "lost: {kept}");
    }
    assert_eq!(registered(&app, name).await, 0);
    assert!(app.last_mail_to("robin@club.example").await.is_none());

    // Sent again from the warning without the box ticked: an error, still no save.
    let unticked = register(&app, world.p1, name, &[("warned_name", name)]).await;
    assert_eq!(unticked.status, 422);
    assert!(unticked.body.contains("There is a problem"));
    assert!(unticked.body.contains(&format!("<a href=\"#different\">{CONFIRM_ERROR}</a>")));
    assert!(unticked.body.contains("id=\"different-error\""));
    assert_eq!(registered(&app, name).await, 0);

    // A tick without having been warned about this name does not count.
    let unwarned = register(&app, world.p1, name, &[("different", "yes")]).await;
    assert_eq!(unwarned.status, 200);
    assert!(unwarned.body.contains(WARNING));
    assert_eq!(registered(&app, name).await, 0);

    let confirmed = register(&app, world.p1, name, &[("warned_name", name), ("different", "yes")]).await;
    assert_eq!(confirmed.status, 200);
    assert!(confirmed.body.contains("Registration received"), "{}", confirmed.body);
    assert_eq!(registered(&app, name).await, 1);
    let audited = audit_actions(&app, "organisation", "confirm_different").await;
    assert_eq!(audited.len(), 1);
    assert!(audited[0].contains("Organisation One"), "{}", audited[0]);
}

#[tokio::test]
async fn a_confirmation_for_one_name_does_not_carry_to_a_changed_name() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let page = register(
        &app,
        world.p1,
        "Organisation Thrée",
        &[("warned_name", "Organisation One"), ("different", "yes")],
    )
    .await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains(WARNING));
    assert!(!page.body.contains("value=\"yes\" checked"), "the old tick was kept for a new name");
    assert!(page.body.contains("name=\"warned_name\" value=\"Organisation Thrée\""));
    assert_eq!(registered(&app, "Organisation Thrée").await, 0);
}

#[tokio::test]
async fn a_clearly_different_name_registers_without_a_warning() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let page = register(&app, world.p1, "Organisation Eleven", &[]).await;
    assert!(page.body.contains("Registration received"));
    assert_eq!(registered(&app, "Organisation Eleven").await, 1);
    assert!(audit_actions(&app, "organisation", "confirm_different").await.is_empty());
}

#[tokio::test]
async fn a_signed_in_registrant_is_told_the_lookalike_names() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let lead = app.signed_in(O1_LEAD).await;
    let p1 = world.p1.to_string();
    let form = |extra: &'static [(&'static str, &'static str)]| {
        let mut form = vec![
            ("name", "Organisatoin Two"),
            ("sector", "health"),
            ("duty", "commissioned"),
            ("partnerships", p1.as_str()),
        ];
        form.extend_from_slice(extra);
        form
    };
    let warned = lead.post("/register", &form(&[])).await;
    assert_eq!(warned.status, 200);
    assert!(warned.body.contains(&format!("{WARNING}: Organisation Two.")), "{}", warned.body);
    assert_eq!(registered(&app, "Organisatoin Two").await, 0);

    let confirmed =
        lead.post("/register", &form(&[("warned_name", "Organisatoin Two"), ("different", "yes")])).await;
    assert!(confirmed.body.contains("Registration received"), "{}", confirmed.body);
    assert_eq!(registered(&app, "Organisatoin Two").await, 1);
}

#[tokio::test]
async fn an_error_elsewhere_keeps_the_warning_and_the_tick() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let name = "Organisation One";
    let page = app
        .client()
        .post(
            "/register",
            &[
                ("name", name),
                ("sector", "health"),
                ("duty", "statutory"),
                ("partnerships", &world.p1.to_string()),
                ("your_name", "Robin Example"),
                ("your_email", "not-an-email"),
                ("warned_name", name),
                ("different", "yes"),
            ],
        )
        .await;
    assert_eq!(page.status, 422);
    assert!(page.body.contains(WARNING));
    assert!(page.body.contains("value=\"yes\" checked"), "the tick was lost");
    assert!(!page.body.contains(CONFIRM_ERROR));
    assert_eq!(registered(&app, name).await, 1, "only the existing one");
}

#[tokio::test]
async fn the_join_request_list_shows_who_asked_and_flags_lookalikes() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let name = "Organisation-One CIC";
    let page = register(&app, world.p1, name, &[("warned_name", name), ("different", "yes")]).await;
    assert!(page.body.contains("Registration received"));
    // Lookalike of an organisation serving another partnership only.
    let two = "Organisatoin Two";
    let page =
        register_as(&app, "sam@choir.example", world.p1, two, &[("warned_name", two), ("different", "yes")])
            .await;
    assert!(page.body.contains("Registration received"));

    let admin = app.signed_in(P1_ADMIN).await;
    let list = admin.get(&format!("/partnerships/{}/join-requests", world.p1)).await;
    assert_eq!(list.status, 200);
    assert!(list.body.contains("<th scope=\"col\" class=\"govuk-table__header\">Asked by</th>"));
    assert!(list.body.contains("Robin Example"));
    assert!(list.body.contains("href=\"mailto:robin@club.example\""));
    let row = |org: &str| {
        let start = list.body.find(&format!(">{org}</a>")).unwrap_or_else(|| panic!("no row for {org}"));
        let end = list.body[start..].find("</tr>").unwrap() + start;
        list.body[start..end].to_owned()
    };
    let one = row(name);
    assert!(one.contains("Possible duplicate of Organisation One"), "{one}");
    assert!(one.contains("(already serves Partnership One)"), "{one}");
    let other = row(two);
    assert!(other.contains("Possible duplicate of Organisation Two"), "{other}");
    assert!(!other.contains("already serves"), "{other}");
    // The seeded request has no requester on record and no lookalike.
    let three = row("Organisation Three");
    assert!(three.contains("Not recorded"), "{three}");
    assert!(!three.contains("Possible duplicate"), "{three}");

    // Another partnership's admin is still refused.
    let other_admin = app.signed_in(P2_ADMIN).await;
    let refused = other_admin.get(&format!("/partnerships/{}/join-requests", world.p1)).await;
    assert!(refused.status == 403 || refused.status == 404, "{}", refused.status);
    assert!(!refused.body.contains("Robin Example"));
}

#[tokio::test]
async fn a_warning_uses_none_of_the_registrations_allowed() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let name = "Organisation One Limited";
    // More warnings than the three registrations an email may send an hour.
    for _ in 0..4 {
        let warned = register(&app, world.p1, name, &[]).await;
        assert_eq!(warned.status, 200);
        assert!(warned.body.contains(WARNING));
    }
    let confirmed = register(&app, world.p1, name, &[("warned_name", name), ("different", "yes")]).await;
    assert_eq!(confirmed.status, 200);
    assert!(confirmed.body.contains("Registration received"));
}
