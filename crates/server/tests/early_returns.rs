//! A return submitted shortly before a cycle opens counts (issue 15, item 3). Four
//! organisations of partnership one submit the test framework before partnership one's
//! new cycle opens: one 30 days before, one exactly 90 days before (the default
//! window's edge), one 91 days before, and one 30 days before but to partnership two
//! only. Once they are invited, the first two are answered (the cycle page says by
//! which return, the response rate and the dashboard's figures count them, and no
//! overdue reminder goes to them); the other two are still owed.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops loudly at the step that failed"
)]

mod common;

use std::collections::HashMap;

use common::direct::{self, DirectReturn};
use common::world::*;
use common::{Client, PASSWORD, TestApp};
use osa_core::assessment::Answer;
use osa_core::framework::Rating;
use osa_core::tenancy::{DutyStatus, OrgRole, Sector};
use osa_server::accounts::{password, store};
use osa_server::cycles::store::{self as cycles, NewCycle};
use osa_server::db::schema::{RemindersLog, Returns};
use osa_server::organisations::store::{self as orgs, NewOrganisation};
use sea_query::{Expr, ExprTrait, Query};
use time::{Date, Duration, OffsetDateTime};

fn today() -> Date {
    OffsetDateTime::now_utc().date()
}

/// An organisation of partnership one (and of `also`), with a safeguarding lead.
async fn organisation(app: &TestApp, name: &str, lead: &str, also: Option<i64>, world: &World) -> i64 {
    let hash = password::hash(PASSWORD.to_owned()).await.unwrap();
    let mut tx = app.db().begin().await.unwrap();
    let new = NewOrganisation { name, sector: Sector::Health, duty: DutyStatus::Statutory };
    let id = orgs::create(&mut tx, None, &new).await.unwrap();
    orgs::add_area(&mut tx, id, world.p1).await.unwrap();
    if let Some(p) = also {
        orgs::add_area(&mut tx, id, p).await.unwrap();
    }
    let (user, _) = store::find_or_create_user(&mut tx, None, lead, lead, Some(hash), false).await.unwrap();
    store::grant_org_role(&mut tx, None, user, id, OrgRole::SafeguardingLead).await.unwrap();
    tx.commit().await.unwrap();
    id
}

/// The organisation's return on the test framework, sent to `to` and dated as
/// submitted `days_before` days before `opens_on`; its id.
async fn return_before(
    app: &TestApp,
    world: &World,
    org: i64,
    to: &[i64],
    opens_on: Date,
    days_before: i64,
) -> i64 {
    let stored = osa_server::frameworks::store::load(app.db(), world.framework_v1).await.unwrap().unwrap();
    let by = store::user_by_email(app.db(), P1_ADMIN).await.unwrap().unwrap().id;
    let met =
        Answer { rating: Some(Rating::Met), narrative: "Named on posters.".into(), ..Answer::default() };
    let answers = HashMap::from([("1.1".to_owned(), met)]);
    let made = DirectReturn {
        organisation: org,
        framework_id: world.framework_v1,
        framework_key: "test-framework",
        framework: &stored.framework,
        answers: &answers,
        sector: Sector::Health,
        duty: DutyStatus::Statutory,
        by,
        to,
    };
    direct::sign_off_and_submit(app.db(), &made).await.expect("submitted");
    let (id,): (i64,) = app
        .db()
        .fetch_one(&Query::select().expr(Expr::col(Returns::Id).max()).from(Returns::Table).to_owned())
        .await
        .unwrap();
    let at = (opens_on - Duration::days(days_before)).with_hms(10, 0, 0).unwrap().assume_utc();
    app.db()
        .execute(
            &Query::update()
                .table(Returns::Table)
                .value(Returns::SubmittedAt, at)
                .and_where(Expr::col(Returns::Id).eq(id))
                .to_owned(),
        )
        .await
        .unwrap();
    id
}

/// A cycle of partnership one on the test framework, opening on `opens_on`, due in
/// 30 days; set up as the new-cycle form stores it. Its id.
async fn cycle(app: &TestApp, world: &World, opens_on: Date) -> i64 {
    let by = store::user_by_email(app.db(), P1_ADMIN).await.unwrap().unwrap().id;
    let mut tx = app.db().begin().await.unwrap();
    let new = NewCycle {
        partnership: world.p1,
        name: "Audit 2028".into(),
        main_framework: world.framework_v1,
        by_sector: Vec::new(),
        opens_on,
        due_on: opens_on + Duration::days(30),
        updates_due: Vec::new(),
        neighbours: Vec::new(),
    };
    let id = cycles::create(&mut tx, by, &new).await.unwrap();
    tx.commit().await.unwrap();
    id
}

/// Invites organisations through the invite form, as partnership one's admin.
async fn invite(admin: &Client, cycle: i64, orgs: &[i64]) {
    let ids: Vec<String> = orgs.iter().map(i64::to_string).collect();
    let form: Vec<(&str, &str)> = ids.iter().map(|id| ("organisation", id.as_str())).collect();
    let done = admin.post(&format!("/cycles/{cycle}/invite"), &form).await;
    assert!(done.status.is_redirection(), "{}", done.body);
}

/// The invitations list's row of one organisation.
fn row<'a>(body: &'a str, name: &str) -> &'a str {
    let name_at = body.find(&format!("{name}<")).unwrap_or_else(|| panic!("no row for {name}"));
    let at = body[..name_at].rfind("<tr").unwrap();
    let end = body[at..].find("</tr>").unwrap() + at;
    &body[at..end]
}

struct Four {
    world: World,
    early: i64,
    edge: i64,
    late: i64,
    elsewhere: i64,
    early_return: i64,
}

const EARLY_LEAD: &str = "early.lead@test.example";
const EDGE_LEAD: &str = "edge.lead@test.example";
const LATE_LEAD: &str = "late.lead@test.example";
const ELSEWHERE_LEAD: &str = "elsewhere.lead@test.example";

async fn four(app: &TestApp, opens_on: Date) -> Four {
    let world = World::build(app).await;
    let early = organisation(app, "Early Trust", EARLY_LEAD, None, &world).await;
    let edge = organisation(app, "Edge Trust", EDGE_LEAD, None, &world).await;
    let late = organisation(app, "Late Trust", LATE_LEAD, None, &world).await;
    let elsewhere = organisation(app, "Elsewhere Trust", ELSEWHERE_LEAD, Some(world.p2), &world).await;
    let p1 = world.p1;
    // An older return first: the latest in the window is the one that answers.
    return_before(app, &world, early, &[p1], opens_on, 60).await;
    let early_return = return_before(app, &world, early, &[p1], opens_on, 30).await;
    return_before(app, &world, edge, &[p1], opens_on, 90).await;
    return_before(app, &world, late, &[p1], opens_on, 91).await;
    return_before(app, &world, elsewhere, &[world.p2], opens_on, 30).await;
    Four { world, early, edge, late, elsewhere, early_return }
}

async fn reminded(app: &TestApp, cycle: i64, org: i64) -> Vec<String> {
    let rows: Vec<(String,)> = app
        .db()
        .fetch_all(
            &Query::select()
                .column(RemindersLog::Key)
                .from(RemindersLog::Table)
                .and_where(Expr::col(RemindersLog::CycleId).eq(cycle))
                .and_where(Expr::col(RemindersLog::OrganisationId).eq(org))
                .to_owned(),
        )
        .await
        .unwrap();
    rows.into_iter().map(|(k,)| k).collect()
}

fn job_settings() -> osa_server::jobs::Settings {
    osa_server::jobs::Settings { public_url: "http://osa.test".into(), early_return_days: 90 }
}

#[tokio::test]
async fn returns_submitted_in_the_window_before_opening_answer_the_cycle() {
    let app = TestApp::spawn().await;
    let opens_on = today() - Duration::days(1);
    let f = four(&app, opens_on).await;
    let id = cycle(&app, &f.world, opens_on).await;
    let admin = app.signed_in(P1_ADMIN).await;
    invite(&admin, id, &[f.early, f.edge, f.late, f.elsewhere]).await;

    let page = admin.get(&format!("/cycles/{id}")).await;
    assert_eq!(page.status, 200);
    let submitted_on = osa_server::web::format::date(opens_on - Duration::days(30));
    let early = row(&page.body, "Early Trust");
    assert!(early.contains(">Submitted<"), "{early}");
    assert!(early.contains(&format!("answered by the return of {submitted_on}")), "{early}");
    assert!(early.contains(&format!("/returns/{}", f.early_return)), "the latest return answers: {early}");
    let edge = row(&page.body, "Edge Trust");
    assert!(edge.contains(">Submitted<"), "exactly 90 days before counts: {edge}");
    for name in ["Late Trust", "Elsewhere Trust"] {
        let owed = row(&page.body, name);
        assert!(owed.contains(">Not started<"), "{name}: {owed}");
        assert!(!owed.contains("answered by"), "{name}: {owed}");
    }

    // The response rate and the figures count the two early returns, and only them.
    let dashboard = admin.get(&format!("/cycles/{id}/dashboard")).await;
    assert_eq!(dashboard.status, 200);
    assert!(
        dashboard.body.contains("of invited organisations have submitted (2 of 4)"),
        "{}",
        dashboard.body
    );
    let heat_row = |name: &str| format!("<th scope=\"row\" class=\"govuk-table__header\">{name}</th>");
    assert!(dashboard.body.contains(&heat_row("Early Trust")));
    assert!(dashboard.body.contains(&heat_row("Edge Trust")));
    assert!(!dashboard.body.contains(&heat_row("Late Trust")));
    assert!(!dashboard.body.contains(&heat_row("Elsewhere Trust")));

    // Past the due date: the overdue reminder goes to the two still owed, not to the
    // two answered, and the page marks only them overdue.
    let after_due = opens_on + Duration::days(31);
    osa_server::jobs::reminders::run(app.db(), &app.state.mailer, &job_settings(), after_due).await.unwrap();
    assert!(reminded(&app, id, f.early).await.is_empty());
    assert!(reminded(&app, id, f.edge).await.is_empty());
    assert!(reminded(&app, id, f.late).await.contains(&"overdue".to_owned()));
    assert!(reminded(&app, id, f.elsewhere).await.contains(&"overdue".to_owned()));
}

#[tokio::test]
async fn a_cycle_set_up_ahead_is_answered_when_it_opens() {
    let app = TestApp::spawn().await;
    let opens_on = today() + Duration::days(10);
    let f = four(&app, opens_on).await;
    let id = cycle(&app, &f.world, opens_on).await;
    let admin = app.signed_in(P1_ADMIN).await;
    invite(&admin, id, &[f.early, f.late]).await;
    // Not open yet: nothing is answered early (a later return may still come).
    let before = admin.get(&format!("/cycles/{id}")).await;
    assert!(row(&before.body, "Early Trust").contains(">Not started<"));
    // The job on the opening day settles it before it reminds anyone.
    let at = opens_on.with_hms(6, 0, 0).unwrap().assume_utc();
    osa_server::jobs::run_due(app.db(), &app.state.mailer, &job_settings(), "w", at).await.unwrap();
    let opened = admin.get(&format!("/cycles/{id}")).await;
    let early = row(&opened.body, "Early Trust");
    assert!(early.contains(">Submitted<"), "{early}");
    assert!(early.contains("answered by the return of"), "{early}");
    assert!(row(&opened.body, "Late Trust").contains(">Not started<"));
}

#[tokio::test]
async fn the_window_follows_the_setting() {
    let app = TestApp::spawn_with(|c| c.early_return_days = 20).await;
    let opens_on = today() - Duration::days(1);
    let f = four(&app, opens_on).await;
    let id = cycle(&app, &f.world, opens_on).await;
    let admin = app.signed_in(P1_ADMIN).await;
    invite(&admin, id, &[f.early]).await;
    let page = admin.get(&format!("/cycles/{id}")).await;
    assert!(row(&page.body, "Early Trust").contains(">Not started<"), "30 days is outside a 20-day window");
}
