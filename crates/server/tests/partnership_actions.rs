//! Partnership actions: a partnership admin adds actions to a cycle (errors kept on the
//! page), the list filters by lead group and status and marks overdue actions, progress
//! notes are only ever appended, the staff of the partnership read without changing
//! anything, another partnership is told nothing exists, and the CSV keeps text as text.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops loudly at the step that failed"
)]

mod common;

use common::world::*;
use common::{Client, TestApp, csv_heading, csv_table};
use osa_core::partnership_action::{ActionFields, ActionSource, PartnershipActionStatus as S};
use osa_server::db::schema::AuditLog;
use osa_server::partnership_actions::schema::PartnershipActionNotes;
use osa_server::partnership_actions::store::{self, NewAction};
use sea_query::{Expr, ExprTrait, Query};
use time::{Duration, OffsetDateTime};

fn list_path(world: &World) -> String {
    format!("/cycles/{}/partnership-actions", world.p1_cycle)
}

/// Adds an action to partnership one's cycle through the store, as the form would.
async fn add(app: &TestApp, world: &World, title: &str, group: &str, days: i64, status: S) -> i64 {
    let admin = osa_server::accounts::store::user_by_email(app.db(), P1_ADMIN).await.unwrap().unwrap().id;
    let fields = ActionFields {
        title: title.into(),
        description: String::new(),
        lead_group: group.into(),
        lead_person: "Priya Shah".into(),
        target_date: OffsetDateTime::now_utc().date() + Duration::days(days),
        status,
        evidence: if status == S::Completed { "Referrals rose by a third".into() } else { String::new() },
        source: Some(ActionSource::Themes),
    };
    let new = NewAction { cycle: world.p1_cycle, partnership: world.p1, theme: None, fields };
    store::create(app.db(), admin, &new, OffsetDateTime::now_utc()).await.unwrap()
}

async fn audit_of(app: &TestApp, action: i64) -> Vec<String> {
    let rows: Vec<(String,)> = app
        .db()
        .fetch_all(
            &Query::select()
                .column(AuditLog::Action)
                .from(AuditLog::Table)
                .and_where(Expr::col(AuditLog::Entity).eq("partnership_action"))
                .and_where(Expr::col(AuditLog::EntityId).eq(action.to_string()))
                .to_owned(),
        )
        .await
        .unwrap();
    rows.into_iter().map(|(a,)| a).collect()
}

async fn note_count(app: &TestApp) -> usize {
    let rows: Vec<(i64,)> = app
        .db()
        .fetch_all(
            &Query::select()
                .column(PartnershipActionNotes::Id)
                .from(PartnershipActionNotes::Table)
                .to_owned(),
        )
        .await
        .unwrap();
    rows.len()
}

/// A page's HTML with the escaped ampersands of its links read back.
fn unescaped(body: &str) -> String {
    body.replace("&#38;", "&").replace("&amp;", "&")
}

fn action_id(location: &str) -> i64 {
    location.trim_start_matches("/partnership-actions/").parse().unwrap_or_else(|_| panic!("{location}"))
}

async fn create_form(client: &Client, world: &World, fields: &[(&str, &str)]) -> common::Page {
    client.post(&format!("{}/new", list_path(world)), fields).await
}

#[tokio::test]
async fn an_admin_adds_an_action_and_a_wrong_form_keeps_what_was_typed() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let admin = app.signed_in(P1_ADMIN).await;
    let cycle = admin.get(&format!("/cycles/{}", world.p1_cycle)).await;
    assert!(cycle.body.contains(&format!("href=\"{}\"", list_path(&world))), "the cycle links its actions");
    let list = admin.get(&list_path(&world)).await;
    assert!(list.body.contains("There are no partnership actions for this audit yet"));
    assert!(list.body.contains("Add a partnership action"));

    let wrong = create_form(
        &admin,
        &world,
        &[
            ("title", "Agree a neglect strategy"),
            ("lead_person", "Priya Shah"),
            ("target_day", "31"),
            ("target_month", "2"),
            ("target_year", "2027"),
            ("status", "completed"),
        ],
    )
    .await;
    assert_eq!(wrong.status, 422);
    assert!(wrong.body.contains("<title>Error: "), "the title says there is an error");
    assert!(wrong.body.contains("There is a problem"));
    assert!(wrong.body.contains("href=\"#lead_group\">Enter the subgroup or group that leads the action"));
    assert!(wrong.body.contains("href=\"#target-day\">The target date must be a real date"));
    assert!(wrong.body.contains("Record the evidence of impact before marking the action completed"));
    assert!(wrong.body.contains("value=\"Agree a neglect strategy\""), "what was typed is kept");
    assert!(wrong.body.contains("value=\"Priya Shah\""));
    assert!(audit_of(&app, 1).await.is_empty(), "nothing was saved");

    let made = create_form(
        &admin,
        &world,
        &[
            ("title", "Agree a neglect strategy"),
            ("description", "Agencies use different tools."),
            ("lead_group", "Neglect subgroup"),
            ("lead_person", "Priya Shah"),
            ("target_day", "30"),
            ("target_month", "9"),
            ("target_year", "2030"),
            ("status", "not_started"),
            ("evidence", "Referrals come with an assessment."),
            ("source", "meeting"),
        ],
    )
    .await;
    assert!(made.redirects_to("/partnership-actions/"), "{} {}", made.status, made.body);
    let id = action_id(made.location.as_deref().unwrap());
    let page = admin.get(&format!("/partnership-actions/{id}")).await;
    assert_eq!(page.status, 200);
    for text in [
        "Partnership action added",
        "Agree a neglect strategy",
        "Neglect subgroup",
        "30 September 2030",
        "Not started",
        "A partnership or subgroup meeting",
        "Add progress",
        "Change the action",
    ] {
        assert!(page.body.contains(text), "missing {text}");
    }
    assert_eq!(audit_of(&app, id).await, ["create"]);

    // The lead group is offered again the next time.
    let form = admin.get(&format!("{}/new", list_path(&world))).await;
    assert!(form.body.contains("<option value=\"Neglect subgroup\">"));

    // Editing keeps the record of what it was.
    let edited = admin
        .post(
            &format!("/partnership-actions/{id}/edit"),
            &[
                ("title", "Agree and launch a neglect strategy"),
                ("lead_group", "Neglect subgroup"),
                ("lead_person", "Priya Shah"),
                ("target_day", "30"),
                ("target_month", "9"),
                ("target_year", "2030"),
                ("status", "on_track"),
            ],
        )
        .await;
    assert!(edited.redirects_to(&format!("/partnership-actions/{id}")), "{}", edited.body);
    let page = admin.get(&format!("/partnership-actions/{id}")).await;
    assert!(page.body.contains("Agree and launch a neglect strategy") && page.body.contains("On track"));
    assert_eq!(audit_of(&app, id).await, ["create", "update"]);
}

#[tokio::test]
async fn an_action_links_only_its_own_partnerships_themes() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let admin = app.signed_in(P1_ADMIN).await;
    admin.post(&format!("/partnerships/{}/themes", world.p1), &[("name", "Neglect")]).await;
    app.signed_in(P2_ADMIN)
        .await
        .post(&format!("/partnerships/{}/themes", world.p2), &[("name", "Elsewhere")])
        .await;
    let themes = osa_server::narratives::store::themes(app.db(), &[world.p1, world.p2]).await.unwrap();
    let theme_id = |name: &str| themes.iter().find(|t| t.name == name).unwrap().id.to_string();
    let (ours, theirs) = (theme_id("Neglect"), theme_id("Elsewhere"));

    // The cycle's themes page offers its admin an action per theme; an analyst only reads.
    let link = format!("{}/new?theme={ours}&source=themes", list_path(&world));
    let themes_page = format!("/cycles/{}/themes", world.p1_cycle);
    let offered = admin.get(&themes_page).await;
    assert!(unescaped(&offered.body).contains(&link), "{}", offered.body);
    assert!(offered.body.contains("Add a partnership action for Neglect"));
    let analyst = app.signed_in(P1_ANALYST).await.get(&themes_page).await;
    assert_eq!(analyst.status, 200);
    assert!(!analyst.body.contains("Add a partnership action"));
    let form = admin.get(&link).await;
    assert!(form.body.contains(&format!("<option value=\"{ours}\" selected>Neglect</option>")));
    assert!(form.body.contains("<option value=\"themes\" selected>"), "where the need was seen is filled in");
    assert!(!form.body.contains("Elsewhere"), "another partnership's theme is never offered");
    let fields = |theme: &'static str| {
        [
            ("title", "Agree a neglect strategy"),
            ("lead_group", "Neglect subgroup"),
            ("lead_person", "Priya Shah"),
            ("target_day", "1"),
            ("target_month", "3"),
            ("target_year", "2031"),
            ("status", "not_started"),
            ("theme", theme),
        ]
    };
    let theirs: &'static str = theirs.leak();
    let ours_static: &'static str = ours.clone().leak();
    let page = create_form(&admin, &world, &fields(theirs)).await;
    assert_eq!(page.status, 422);
    let said = page.body.replace("&#39;", "'").replace("&#x27;", "'");
    assert!(said.contains("Select one of the partnership's themes, or none"), "{said}");
    assert_eq!(
        store::list(app.db(), world.p1_cycle, &Default::default(), OffsetDateTime::now_utc().date(), 10, 0)
            .await
            .unwrap()
            .len(),
        0
    );
    let made = create_form(&admin, &world, &fields(ours_static)).await;
    let id = action_id(made.location.as_deref().unwrap());
    assert!(admin.get(&format!("/partnership-actions/{id}")).await.body.contains("Neglect"));
    assert!(admin.get(&list_path(&world)).await.body.contains("Theme: Neglect"));
}

#[tokio::test]
async fn the_list_filters_by_lead_group_and_status_and_marks_overdue_actions() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    add(&app, &world, "Late and open", "Neglect subgroup", -3, S::AtRisk).await;
    add(&app, &world, "Late but done", "Neglect subgroup", -10, S::Completed).await;
    add(&app, &world, "Due later", "Learning subgroup", 40, S::OnTrack).await;
    let analyst = app.signed_in(P1_ANALYST).await;

    let all = analyst.get(&list_path(&world)).await;
    assert_eq!(all.status, 200);
    for title in ["Late and open", "Late but done", "Due later"] {
        assert!(all.body.contains(title), "{title}");
    }
    assert_eq!(all.body.matches("govuk-tag--red\">Overdue</strong>").count(), 1, "only the open late action");
    assert!(!all.body.contains("Add a partnership action"), "an analyst reads only");

    let titles = |body: &str| {
        ["Late and open", "Late but done", "Due later"]
            .into_iter()
            .filter(|t| body.contains(t))
            .collect::<Vec<_>>()
    };
    let by_group = analyst.get(&format!("{}?lead_group=Neglect+subgroup", list_path(&world))).await;
    assert_eq!(titles(&by_group.body), ["Late and open", "Late but done"]);
    assert!(by_group.body.contains("<option value=\"Neglect subgroup\" selected>"), "the filter is shown");
    assert!(by_group.body.contains("Clear filters"));
    let done = analyst.get(&format!("{}?status=completed", list_path(&world))).await;
    assert_eq!(titles(&done.body), ["Late but done"]);
    let overdue = analyst.get(&format!("{}?status=overdue", list_path(&world))).await;
    assert_eq!(titles(&overdue.body), ["Late and open"]);
    let both =
        analyst.get(&format!("{}?lead_group=Learning+subgroup&status=at_risk", list_path(&world))).await;
    assert!(titles(&both.body).is_empty() && both.body.contains("No actions match these filters"));
    let csv_link = "/partnership-actions.csv?lead_group=Learning+subgroup&status=at_risk";
    assert!(unescaped(&both.body).contains(csv_link), "the download keeps the filters");
}

#[tokio::test]
async fn a_long_list_is_paged() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    for n in 0..51 {
        add(&app, &world, &format!("Action number {n:02}"), "Neglect subgroup", n, S::OnTrack).await;
    }
    let admin = app.signed_in(P1_ADMIN).await;
    let first = admin.get(&format!("{}?status=on_track", list_path(&world))).await;
    assert!(first.body.contains("Action number 49") && !first.body.contains("Action number 50"));
    assert!(unescaped(&first.body).contains("?status=on_track&page=2"), "the next page keeps the filter");
    let second = admin.get(&format!("{}?status=on_track&page=2", list_path(&world))).await;
    assert!(second.body.contains("Action number 50") && !second.body.contains("Action number 49"));
}

#[tokio::test]
async fn progress_notes_are_appended_and_a_completed_action_is_closed() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let id = add(&app, &world, "Agree a neglect strategy", "Neglect subgroup", 30, S::NotStarted).await;
    let admin = app.signed_in(P1_ADMIN).await;
    let path = format!("/partnership-actions/{id}");

    let empty = admin.post(&format!("{path}/progress"), &[("note", "  "), ("status", "")]).await;
    assert_eq!(empty.status, 422);
    assert!(empty.body.contains("Enter the progress made"));
    let first = admin
        .post(&format!("{path}/progress"), &[("note", "Strategy drafted."), ("status", "on_track")])
        .await;
    assert!(first.redirects_to(&path), "{}", first.body);
    let second =
        admin.post(&format!("{path}/progress"), &[("note", "Sent to partners."), ("status", "")]).await;
    assert!(second.redirects_to(&path));
    let page = admin.get(&path).await;
    let (a, b) = (page.body.find("Strategy drafted.").unwrap(), page.body.find("Sent to partners.").unwrap());
    assert!(a < b, "notes read oldest first");
    assert!(page.body.contains("Status changed from Not started to On track"));
    assert!(page.texts(".govuk-tag--light-blue").contains(&"On track".to_owned()), "{}", page.body);
    assert_eq!(note_count(&app).await, 2);

    // Back to not started is refused, and so is completing without evidence of impact.
    let back =
        admin.post(&format!("{path}/progress"), &[("note", "Paused."), ("status", "not_started")]).await;
    assert_eq!(back.status, 422);
    assert!(back.body.contains("An action that has started cannot go back to not started"));
    let early = admin.post(&format!("{path}/progress"), &[("note", "Done."), ("status", "completed")]).await;
    assert_eq!(early.status, 422);
    assert!(early.body.contains("Record the evidence of impact before marking the action completed"));
    assert!(early.body.contains(">Done.</textarea>"), "the note typed is kept");
    assert_eq!(note_count(&app).await, 2, "refused notes are not kept");

    let before = store::get(app.db(), id).await.unwrap().unwrap();
    let mut fields = ActionFields {
        title: before.title.clone(),
        description: String::new(),
        lead_group: before.lead_group.clone(),
        lead_person: before.lead_person.clone(),
        target_date: before.target_date,
        status: S::OnTrack,
        evidence: "Referrals now come with an assessment.".into(),
        source: None,
    };
    assert!(store::update(app.db(), 1, &before, None, &fields, OffsetDateTime::now_utc()).await.unwrap());
    let done = admin
        .post(&format!("{path}/progress"), &[("note", "Agreed by the board."), ("status", "completed")])
        .await;
    assert!(done.redirects_to(&path));
    let page = admin.get(&path).await;
    assert!(page.texts(".govuk-tag--green").contains(&"Completed".to_owned()), "{}", page.body);
    assert!(!page.body.contains("Change the action"), "a completed action is not edited");
    assert!(!page.body.contains("id=\"status-on_track\""), "its status cannot change");

    // Neither the edit form nor a stale edit reopens it; a further note may still be added.
    assert!(admin.get(&format!("{path}/edit")).await.redirects_to(&path));
    fields.status = S::AtRisk;
    let stale = store::update(app.db(), 1, &before, None, &fields, OffsetDateTime::now_utc()).await.unwrap();
    assert!(!stale, "an edit read before completion does not apply");
    let reopen =
        admin.post(&format!("{path}/progress"), &[("note", "Reopen."), ("status", "on_track")]).await;
    assert_eq!(reopen.status, 422);
    let later = admin
        .post(&format!("{path}/progress"), &[("note", "Impact checked a year on."), ("status", "")])
        .await;
    assert!(later.redirects_to(&path));
    assert_eq!(note_count(&app).await, 4);
    assert_eq!(
        audit_of(&app, id).await,
        ["create", "progress_note", "progress_note", "update", "progress_note", "progress_note"]
    );
    let edit = admin
        .post(
            &format!("{path}/edit"),
            &[("title", "Something else"), ("lead_group", "x"), ("lead_person", "y"), ("status", "on_track")],
        )
        .await;
    assert!(edit.redirects_to(&path));
    assert_eq!(store::get(app.db(), id).await.unwrap().unwrap().title, "Agree a neglect strategy");
}

#[tokio::test]
async fn a_panel_member_reads_but_changes_nothing() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let id = add(&app, &world, "Agree a neglect strategy", "Neglect subgroup", 30, S::NotStarted).await;
    let panel = app.signed_in(P1_PANEL).await;
    let path = format!("/partnership-actions/{id}");
    let page = panel.get(&path).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Agree a neglect strategy"));
    assert!(!page.body.contains("Add progress") && !page.body.contains("Change the action"));
    assert_eq!(panel.get(&list_path(&world)).await.status, 200);
    assert_eq!(panel.get(&format!("{}/new", list_path(&world))).await.status, 403);
    assert_eq!(panel.get(&format!("{path}/edit")).await.status, 403);
    assert_eq!(panel.post(&format!("{path}/progress"), &[("note", "Hello")]).await.status, 403);
    let made =
        create_form(&panel, &world, &[("title", "Mine"), ("lead_group", "x"), ("lead_person", "y")]).await;
    assert_eq!(made.status, 403);
    assert_eq!(note_count(&app).await, 0);
    assert_eq!(audit_of(&app, id).await, ["create"]);
}

#[tokio::test]
async fn another_partnership_is_told_nothing_exists() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let id = add(&app, &world, "Agree a neglect strategy", "Neglect subgroup", 30, S::NotStarted).await;
    let path = format!("/partnership-actions/{id}");
    for email in [P2_ADMIN, O1_LEAD] {
        let other = app.signed_in(email).await;
        assert_eq!(other.get(&path).await.status, 404, "{email}");
        assert_eq!(other.get(&list_path(&world)).await.status, 404, "{email}");
        assert_eq!(other.get(&format!("{}.csv", list_path(&world))).await.status, 404, "{email}");
        assert_eq!(other.get(&format!("{path}/edit")).await.status, 404, "{email}");
        assert_eq!(other.post(&format!("{path}/progress"), &[("note", "Hello")]).await.status, 404);
    }
    assert_eq!(app.signed_in(P2_ADMIN).await.get("/partnership-actions/999999").await.status, 404);
    assert!(app.client().get(&path).await.redirects_to("/sign-in"));
    assert_eq!(note_count(&app).await, 0);
}

#[tokio::test]
async fn the_csv_lists_the_filtered_actions_and_keeps_text_as_text() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    add(&app, &world, "=HYPERLINK(\"http://x\")", "Neglect subgroup", -2, S::OnTrack).await;
    add(&app, &world, "Train the clubs", "Learning subgroup", 20, S::NotStarted).await;
    let analyst = app.signed_in(P1_ANALYST).await;
    let csv = analyst.get(&format!("{}.csv", list_path(&world))).await;
    assert_eq!(csv.status, 200);
    assert!(csv.headers["content-type"].to_str().unwrap().starts_with("text/csv"));
    let mut lines = csv_table(&csv.body).lines();
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("Partnership,Action,Description,Lead group,Lead person,Target date")
    );
    let first = lines.next().unwrap();
    assert!(first.starts_with("Partnership One,\"'=HYPERLINK"), "{first}");
    assert!(first.contains(",On track,Overdue,"), "{first}");
    assert!(lines.next().unwrap().contains("Train the clubs,,Learning subgroup,Priya Shah"));
    let filtered = analyst.get(&format!("{}.csv?lead_group=Learning+subgroup", list_path(&world))).await;
    assert_eq!(csv_table(&filtered.body).lines().count(), 2, "{}", filtered.body);
    assert!(csv_heading(&filtered.body).contains(&"Filters applied,Lead group: Learning subgroup"));
}

#[tokio::test]
async fn in_a_regions_cycle_each_partnership_keeps_its_own_actions_and_reads_the_others() {
    use osa_server::cycles::store::NewCycle;
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let today = OffsetDateTime::now_utc().date();
    let p1_admin = osa_server::accounts::store::user_by_email(app.db(), P1_ADMIN).await.unwrap().unwrap().id;
    let mut tx = app.db().begin().await.unwrap();
    let cycle = NewCycle {
        partnership: world.p1,
        name: "Regional audit".into(),
        main_framework: world.framework_v1,
        by_sector: Vec::new(),
        opens_on: today,
        due_on: today + Duration::days(30),
        updates_due: Vec::new(),
        neighbours: vec![world.p2],
    };
    let region = osa_server::cycles::store::create(&mut tx, p1_admin, &cycle).await.unwrap();
    tx.commit().await.unwrap();
    let region_list = format!("/cycles/{region}/partnership-actions");
    let fields = [
        ("title", "Share learning across the region"),
        ("lead_group", "Regional learning group"),
        ("lead_person", "Sam Okafor"),
        ("target_day", "1"),
        ("target_month", "6"),
        ("target_year", "2031"),
        ("status", "not_started"),
    ];
    let (p1, p2) = (app.signed_in(P1_ADMIN).await, app.signed_in(P2_ADMIN).await);
    // Partnership Two takes part once one of its admins accepts.
    let accepted =
        p2.post(&format!("/partnerships/{}/cycle-invitations/{region}/accept", world.p2), &[]).await;
    assert!(accepted.redirects_to(&format!("/cycles/{region}")), "{}", accepted.body);
    let ours = action_id(p1.post(&format!("{region_list}/new"), &fields).await.location.as_deref().unwrap());
    let theirs =
        action_id(p2.post(&format!("{region_list}/new"), &fields).await.location.as_deref().unwrap());
    assert_eq!(store::get(app.db(), ours).await.unwrap().unwrap().partnership_id, world.p1);
    assert_eq!(store::get(app.db(), theirs).await.unwrap().unwrap().partnership_id, world.p2);

    // Both read both, with the partnership named; each changes only its own.
    let list = p2.get(&region_list).await;
    assert!(list.body.contains("Partnership One") && list.body.contains("Partnership Two"));
    let page = p2.get(&format!("/partnership-actions/{ours}")).await;
    assert_eq!(page.status, 200);
    assert!(!page.body.contains("Add progress"), "the other partnership's admin only reads");
    assert_eq!(p2.get(&format!("/partnership-actions/{ours}/edit")).await.status, 403);
    assert_eq!(
        p2.post(&format!("/partnership-actions/{ours}/progress"), &[("note", "Ours now")]).await.status,
        403
    );
    assert!(
        p2.post(&format!("/partnership-actions/{theirs}/progress"), &[("note", "Started")])
            .await
            .redirects_to(&format!("/partnership-actions/{theirs}"))
    );
    assert_eq!(note_count(&app).await, 1);
}
