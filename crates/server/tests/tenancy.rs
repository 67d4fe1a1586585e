//! Partnerships, organisations, registration with approval, and managing people.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops loudly at the step that failed"
)]

mod common;

use common::world::*;
use common::{PASSWORD, TestApp};

/// Registers Riverside Youth Club, confirming it is a different organisation from any
/// lookalike, so repeating it is not held at the lookalike warning (see registration.rs).
async fn register(app: &TestApp, partnership: i64, email: &str) -> common::Page {
    let p = partnership.to_string();
    app.client()
        .post(
            "/register",
            &[
                ("name", "Riverside Youth Club"),
                ("sector", "sport_and_leisure"),
                ("duty", "voluntary"),
                ("partnerships", &p),
                ("your_name", "Robin Example"),
                ("your_email", email),
                ("warned_name", "Riverside Youth Club"),
                ("different", "yes"),
            ],
        )
        .await
}

#[tokio::test]
async fn an_incomplete_registration_keeps_what_was_typed() {
    let app = TestApp::spawn().await;
    World::build(&app).await;
    let page = app
        .client()
        .post("/register", &[("name", "Half Finished Club"), ("your_email", "not-an-email")])
        .await;
    assert_eq!(page.status, 422);
    assert!(page.body.contains("There is a problem"));
    assert!(page.body.contains("value=\"Half Finished Club\""));
    assert!(page.body.contains("value=\"not-an-email\""));
    for message in [
        "s sector</a>",
        "Select the partnerships your organisation serves",
        "Enter your full name",
        "Enter an email address in the correct format",
    ] {
        assert!(page.body.contains(message), "missing: {message}");
    }
}

#[tokio::test]
async fn a_registered_organisation_is_approved_and_its_lead_sets_up_an_account() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let email = "robin@club.example";

    let page = register(&app, world.p1, email).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Registration received"));
    let (subject, _) = app.last_mail_to(P1_ADMIN).await.expect("the partnership admin is told");
    assert!(subject.contains("Riverside Youth Club"));

    let invitation = app.link_in_last_mail_to(email).await;
    assert!(invitation.starts_with("/invitation/"));
    let lead = app.client();
    let set = lead.post(&invitation, &[("password", PASSWORD), ("confirm", PASSWORD)]).await;
    assert!(set.redirects_to("/home"));
    let home = lead.get("/home").await;
    assert!(home.body.contains("Riverside Youth Club"));
    assert!(home.body.contains("Safeguarding lead"));

    let admin = app.signed_in(P1_ADMIN).await;
    let requests = admin.get(&format!("/partnerships/{}/join-requests", world.p1)).await;
    assert!(requests.body.contains("Riverside Youth Club"));
    let request_id = osa_server::organisations::store::pending_requests(app.db(), world.p1)
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.organisation_name == "Riverside Youth Club")
        .unwrap()
        .id;
    let approved =
        admin.post(&format!("/partnerships/{}/join-requests/{request_id}/approve", world.p1), &[]).await;
    assert!(approved.status.is_redirection());
    let after = admin.get(&format!("/partnerships/{}/join-requests", world.p1)).await;
    assert!(after.body.contains("Riverside Youth Club now serves Partnership One"));
    let area = admin.get(&format!("/partnerships/{}/organisations", world.p1)).await;
    assert!(area.body.contains("Riverside Youth Club"));
    let (subject, _) = app.last_mail_to(email).await.unwrap();
    assert!(subject.contains("approved"));

    let again =
        admin.post(&format!("/partnerships/{}/join-requests/{request_id}/approve", world.p1), &[]).await;
    assert!(again.status.is_redirection());
    assert!(
        admin
            .get(&format!("/partnerships/{}/join-requests", world.p1))
            .await
            .body
            .contains("had already been decided")
    );
}

#[tokio::test]
async fn declining_needs_a_reason_which_the_organisation_is_sent() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let admin = app.signed_in(P1_ADMIN).await;
    let path = format!("/partnerships/{}/join-requests/{}/decline", world.p1, world.o3_request);
    let empty = admin.post(&path, &[("reason", "  ")]).await;
    assert_eq!(empty.status, 422);
    assert!(empty.body.contains("Enter the reason for declining"));
    let done = admin.post(&path, &[("reason", "You do not work in Area One.")]).await;
    assert!(done.status.is_redirection());
    let (_, body) = app.last_mail_to(O3_LEAD).await.expect("the organisation's lead is told");
    assert!(body.contains("You do not work in Area One."));
    assert!(osa_server::organisations::store::area_ids(app.db(), world.o3).await.unwrap().is_empty());
}

#[tokio::test]
async fn another_partnerships_request_cannot_be_decided_through_yours() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let admin = app.signed_in(P2_ADMIN).await;
    let page = admin
        .post(&format!("/partnerships/{}/join-requests/{}/approve", world.p2, world.o3_request), &[])
        .await;
    assert_eq!(page.status, 404);
    assert!(osa_server::organisations::store::area_ids(app.db(), world.o3).await.unwrap().is_empty());
}

#[tokio::test]
async fn a_partnership_admin_invites_an_analyst_who_accepts() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let admin = app.signed_in(P1_ADMIN).await;
    let path = format!("/partnerships/{}/users/invite", world.p1);
    let invalid = admin.post(&path, &[("name", "Ana Lyst"), ("email", "ana@test.example")]).await;
    assert_eq!(invalid.status, 422);
    assert!(invalid.body.contains("Select the role this person will have"));
    let sent =
        admin.post(&path, &[("name", "Ana Lyst"), ("email", "ana@test.example"), ("role", "analyst")]).await;
    assert!(sent.status.is_redirection());
    assert!(
        admin
            .get(&format!("/partnerships/{}/users", world.p1))
            .await
            .body
            .contains("Invitation sent to ana@test.example")
    );

    let link = app.link_in_last_mail_to("ana@test.example").await;
    let ana = app.client();
    assert!(ana.post(&link, &[("password", PASSWORD), ("confirm", PASSWORD)]).await.redirects_to("/home"));
    assert_eq!(ana.get(&format!("/partnerships/{}", world.p1)).await.status, 200);
    assert_eq!(ana.get(&format!("/partnerships/{}/users", world.p1)).await.status, 403);
    assert_eq!(ana.get(&format!("/partnerships/{}", world.p2)).await.status, 404);
}

#[tokio::test]
async fn inviting_someone_who_has_an_account_gives_the_role_without_a_new_password() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let lead = app.signed_in(O1_LEAD).await;
    let path = format!("/organisations/{}/users/invite", world.o1);
    lead.post(&path, &[("name", "Someone"), ("email", P1_PANEL), ("role", "contributor")]).await;
    let (subject, body) = app.last_mail_to(P1_PANEL).await.unwrap();
    assert_eq!(subject, "You have a new role on osa");
    assert!(!body.contains("/invitation/"));
    let panel = app.signed_in(P1_PANEL).await;
    assert!(panel.get("/home").await.body.contains("Organisation One"));
}

#[tokio::test]
async fn the_last_lead_or_admin_cannot_be_removed_but_others_can() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let lead_id = osa_server::accounts::store::user_by_email(app.db(), O1_LEAD).await.unwrap().unwrap().id;
    let contributor_id =
        osa_server::accounts::store::user_by_email(app.db(), O1_CONTRIBUTOR).await.unwrap().unwrap().id;
    let lead = app.signed_in(O1_LEAD).await;
    lead.post(
        &format!("/organisations/{}/users/{lead_id}/remove", world.o1),
        &[("role", "safeguarding_lead")],
    )
    .await;
    let users = lead.get(&format!("/organisations/{}/users", world.o1)).await;
    assert!(users.body.contains("An organisation must keep at least one safeguarding lead"));

    lead.post(
        &format!("/organisations/{}/users/{contributor_id}/remove", world.o1),
        &[("role", "contributor")],
    )
    .await;
    let contributor = app.signed_in(O1_CONTRIBUTOR).await;
    assert_eq!(contributor.get(&format!("/organisations/{}", world.o1)).await.status, 404);
}

#[tokio::test]
async fn a_platform_admin_adds_a_partnership_and_names_must_be_unique() {
    let app = TestApp::spawn().await;
    World::build(&app).await;
    let admin = app.signed_in(PLATFORM_ADMIN).await;
    let form = [("name", "Partnership Three"), ("area", "Area Three"), ("kind", "joint")];
    let created = admin.post("/admin/partnerships/new", &form).await;
    assert!(created.redirects_to("/partnerships/"));
    let duplicate = admin.post("/admin/partnerships/new", &form).await;
    assert_eq!(duplicate.status, 422);
    assert!(duplicate.body.contains("A partnership with this name already exists"));
    assert!(duplicate.body.contains("value=\"Area Three\""));
}

#[tokio::test]
async fn an_organisation_lead_edits_details_and_asks_to_serve_another_area() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let lead = app.signed_in(O1_LEAD).await;
    let saved = lead
        .post(
            &format!("/organisations/{}/edit", world.o1),
            &[("name", "Organisation One Renamed"), ("sector", "faith"), ("duty", "commissioned")],
        )
        .await;
    assert!(saved.status.is_redirection());
    let page = lead.get(&format!("/organisations/{}", world.o1)).await;
    assert!(page.body.contains("Organisation One Renamed"));
    assert!(page.body.contains("Faith"));

    let p2 = world.p2.to_string();
    let asked = lead.post(&format!("/organisations/{}/areas", world.o1), &[("partnerships", &p2)]).await;
    assert!(asked.status.is_redirection());
    let pending = osa_server::organisations::store::pending_requests(app.db(), world.p2).await.unwrap();
    assert!(pending.iter().any(|r| r.organisation_id == world.o1));
    assert!(app.last_mail_to(P2_ADMIN).await.is_some());
}

#[tokio::test]
async fn partnership_staff_see_organisations_of_their_area_only() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let analyst = app.signed_in(P1_ANALYST).await;
    let list = analyst.get(&format!("/partnerships/{}/organisations", world.p1)).await;
    assert!(list.body.contains("Organisation One"));
    assert!(!list.body.contains("Organisation Two"));
    assert_eq!(analyst.get(&format!("/organisations/{}", world.o2)).await.status, 404);
}

#[tokio::test]
async fn every_change_leaves_an_audit_row() {
    use osa_server::db::schema::AuditLog;
    use sea_query::{Expr, ExprTrait, Query};
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let lead = app.signed_in(O1_LEAD).await;
    lead.post(
        &format!("/organisations/{}/edit", world.o1),
        &[("name", "Audited Name"), ("sector", "faith"), ("duty", "voluntary")],
    )
    .await;
    let rows: Vec<(String, Option<String>)> = app
        .db()
        .fetch_all(
            &Query::select()
                .columns([AuditLog::Action, AuditLog::After])
                .from(AuditLog::Table)
                .and_where(Expr::col(AuditLog::Entity).eq("organisation"))
                .and_where(Expr::col(AuditLog::EntityId).eq(world.o1.to_string()))
                .and_where(Expr::col(AuditLog::Action).eq("update"))
                .to_owned(),
        )
        .await
        .unwrap();
    assert_eq!(rows.len(), 1);
    assert!(rows[0].1.as_deref().unwrap().contains("Audited Name"));
}

#[tokio::test]
async fn lists_page_rather_than_show_everything() {
    let app = TestApp::spawn().await;
    World::build(&app).await;
    let mut tx = app.db().begin().await.unwrap();
    for i in 0..55 {
        let name = format!("Bulk Organisation {i:02}");
        let o = osa_server::organisations::store::NewOrganisation {
            name: &name,
            sector: osa_core::tenancy::Sector::Other,
            duty: osa_core::tenancy::DutyStatus::Voluntary,
        };
        osa_server::organisations::store::create(&mut tx, None, &o).await.unwrap();
    }
    tx.commit().await.unwrap();
    let admin = app.signed_in(PLATFORM_ADMIN).await;
    let first = admin.get("/organisations?q=bulk").await;
    assert!(first.body.contains("Bulk Organisation 00"));
    assert!(!first.body.contains("Bulk Organisation 54"));
    assert!(first.body.contains("page=2"));
    let second = admin.get("/organisations?q=bulk&page=2").await;
    assert!(second.body.contains("Bulk Organisation 54"));
}

#[tokio::test]
async fn a_search_for_a_wildcard_character_matches_only_itself() {
    let app = TestApp::spawn().await;
    World::build(&app).await;
    let admin = app.signed_in(PLATFORM_ADMIN).await;
    assert!(admin.get("/organisations?q=%25").await.body.contains("No organisations found"));
    assert!(admin.get("/organisations?q=one").await.body.contains("Organisation One"));
    assert!(!admin.get("/admin/users?q=_").await.body.contains(O1_LEAD));
}

/// Audit rows written since `after` (an audit id): (action, entity, actor).
async fn audit_since(app: &TestApp, after: i64) -> Vec<(String, String, Option<i64>)> {
    use osa_server::db::schema::AuditLog;
    use sea_query::{Expr, ExprTrait, Order, Query};
    app.db()
        .fetch_all(
            &Query::select()
                .columns([AuditLog::Action, AuditLog::Entity, AuditLog::ActorUserId])
                .from(AuditLog::Table)
                .and_where(Expr::col(AuditLog::Id).gt(after))
                .order_by(AuditLog::Id, Order::Asc)
                .to_owned(),
        )
        .await
        .unwrap()
}

async fn newest_audit_id(app: &TestApp) -> i64 {
    use osa_server::db::schema::AuditLog;
    use sea_query::{Func, Query};
    let (id,): (Option<i64>,) = app
        .db()
        .fetch_one(
            &Query::select()
                .expr(Func::max(sea_query::Expr::col(AuditLog::Id)))
                .from(AuditLog::Table)
                .to_owned(),
        )
        .await
        .unwrap();
    id.unwrap_or(0)
}

async fn riverside_requested(app: &TestApp, partnership: i64) -> bool {
    osa_server::organisations::store::pending_requests(app.db(), partnership)
        .await
        .unwrap()
        .iter()
        .any(|r| r.organisation_name == "Riverside Youth Club")
}

#[tokio::test]
async fn registering_with_someone_elses_email_attaches_nothing_until_they_confirm() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let owner = osa_server::accounts::store::user_by_email(app.db(), O2_LEAD).await.unwrap().unwrap().id;
    let before = newest_audit_id(&app).await;
    let admin_mail_before = app.last_mail_to(P1_ADMIN).await;

    let page = register(&app, world.p1, O2_LEAD).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Registration received"));
    assert!(
        page.body.contains("Open the link in it within 7 days to finish registering"),
        "the page reads the same as for a new address"
    );

    // Nothing is attached: no role, no organisation asking to join, nobody else told.
    let o2_lead = app.signed_in(O2_LEAD).await;
    assert!(!o2_lead.get("/home").await.body.contains("Riverside Youth Club"));
    assert!(!riverside_requested(&app, world.p1).await);
    assert_eq!(app.last_mail_to(P1_ADMIN).await, admin_mail_before);
    let rows = audit_since(&app, before).await;
    assert_eq!(rows, [("request_registration".to_owned(), "user".to_owned(), None)], "{rows:?}");

    // The account's owner is asked to confirm.
    let (subject, body) = app.last_mail_to(O2_LEAD).await.unwrap();
    assert!(subject.contains("Riverside Youth Club"), "{subject}");
    assert!(body.contains("They gave their name as Robin Example"));
    let link = app.link_in_last_mail_to(O2_LEAD).await;
    assert!(link.starts_with("/register/confirm/"), "{link}");
    let anyone = app.client();
    let shown = anyone.get(&link).await;
    assert_eq!(shown.status, 200);
    assert!(shown.body.contains("Confirm registration"));
    assert!(shown.body.contains("Riverside Youth Club"));
    assert!(!riverside_requested(&app, world.p1).await, "opening the link confirms nothing");

    let confirmed = anyone.post(&link, &[]).await;
    assert_eq!(confirmed.status, 200, "{}", confirmed.body);
    assert!(confirmed.body.contains("Registration confirmed"));
    assert!(o2_lead.get("/home").await.body.contains("Riverside Youth Club"));
    assert!(riverside_requested(&app, world.p1).await);
    let (subject, _) = app.last_mail_to(P1_ADMIN).await.expect("the partnership admin is told now");
    assert!(subject.contains("Riverside Youth Club"));
    let rows = audit_since(&app, before).await;
    let grant = rows.iter().find(|(action, _, _)| action == "grant_role").expect("a role is granted");
    assert_eq!(grant.2, Some(owner), "the confirmation is the owner's own act");
    assert_eq!(rows[0].2, None, "the registration itself stays anonymous");

    assert_eq!(anyone.post(&link, &[]).await.status, 410, "a used link does not work again");
}

#[tokio::test]
async fn an_unconfirmed_registration_for_an_existing_account_gives_it_no_role() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    register(&app, world.p1, O2_LEAD).await;
    let memberships = osa_server::accounts::store::load_signed_in(
        app.db(),
        osa_server::accounts::store::user_by_email(app.db(), O2_LEAD).await.unwrap().unwrap().id,
    )
    .await
    .unwrap()
    .unwrap()
    .principal
    .org_roles;
    assert_eq!(memberships.len(), 1, "only the role o2's lead already had: {memberships:?}");
    assert_eq!(app.client().get("/register/confirm/not-a-token").await.status, 410);
}

#[tokio::test]
async fn registrations_are_limited_per_email_and_per_address() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    for _ in 0..3 {
        assert_eq!(register(&app, world.p1, "robin@club.example").await.status, 200);
    }
    let refused = register(&app, world.p1, "robin@club.example").await;
    assert_eq!(refused.status, 429);
    assert!(
        refused
            .body
            .contains("Too many registrations have been sent for this email address or from your network")
    );
    assert!(refused.body.contains("value=\"Riverside Youth Club\""), "what was typed is kept");

    for i in 3..10 {
        assert_eq!(register(&app, world.p1, &format!("person{i}@club.example")).await.status, 200, "{i}");
    }
    assert_eq!(register(&app, world.p1, "one.more@club.example").await.status, 429);
    assert!(app.last_mail_to("one.more@club.example").await.is_none(), "nothing is sent past the limit");
}
