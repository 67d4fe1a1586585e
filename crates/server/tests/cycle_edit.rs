//! Correcting and closing a cycle: the edit form's round trip and validation, the
//! confirmation a due date in the past needs, the one email each later due date sends,
//! and a closed cycle that can be read but not changed.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops loudly at the step that failed"
)]

mod common;

use common::world::*;
use common::{Client, TestApp};
use osa_server::db::schema::{AuditLog, Outbox};
use sea_query::{Expr, ExprTrait, Func, Order, Query};
use time::{Date, Duration, OffsetDateTime};

fn today() -> Date {
    OffsetDateTime::now_utc().date()
}

/// The edit form's fields for `name` and these dates (update dates left blank).
fn fields(name: &str, opens: Date, due: Date) -> Vec<(String, String)> {
    let mut form = vec![("name".to_owned(), name.to_owned())];
    for (id, d) in [("opens_on", opens), ("due_on", due)] {
        form.push((format!("{id}_day"), d.day().to_string()));
        form.push((format!("{id}_month"), u8::from(d.month()).to_string()));
        form.push((format!("{id}_year"), d.year().to_string()));
    }
    form
}

async fn post(client: &Client, path: &str, form: &[(String, String)]) -> common::Page {
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    client.post(path, &form).await
}

async fn cycle(app: &TestApp, id: i64) -> osa_server::cycles::store::CycleRow {
    osa_server::cycles::store::get(app.db(), id).await.unwrap().unwrap()
}

async fn mails_to(app: &TestApp, to: &str) -> i64 {
    let (n,): (i64,) = app
        .db()
        .fetch_one(
            &Query::select()
                .expr(Func::count(Expr::col(Outbox::Id)))
                .from(Outbox::Table)
                .and_where(Expr::col(Outbox::Recipient).eq(to))
                .to_owned(),
        )
        .await
        .unwrap();
    n
}

/// The (before, after) of each audit entry for the cycle with this action, oldest first.
async fn audited(app: &TestApp, cycle: i64, action: &str) -> Vec<(serde_json::Value, serde_json::Value)> {
    let rows: Vec<(Option<String>, Option<String>)> = app
        .db()
        .fetch_all(
            &Query::select()
                .columns([AuditLog::Before, AuditLog::After])
                .from(AuditLog::Table)
                .and_where(Expr::col(AuditLog::Entity).eq("cycle"))
                .and_where(Expr::col(AuditLog::EntityId).eq(cycle.to_string()))
                .and_where(Expr::col(AuditLog::Action).eq(action))
                .order_by(AuditLog::Id, Order::Asc)
                .to_owned(),
        )
        .await
        .unwrap();
    let parse = |s: Option<String>| s.map(|s| serde_json::from_str(&s).unwrap()).unwrap_or_default();
    rows.into_iter().map(|(b, a)| (parse(b), parse(a))).collect()
}

#[tokio::test]
async fn an_admin_corrects_the_name_and_dates_and_the_change_is_audited() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let admin = app.signed_in(P1_ADMIN).await;
    let id = world.p1_cycle;
    let before = cycle(&app, id).await;
    let form = admin.get(&format!("/cycles/{id}/edit")).await;
    assert_eq!(form.status, 200);
    assert!(form.body.contains("value=\"Audit 2027\""), "the form shows the cycle as it stands");
    assert!(form.body.contains(&format!("value=\"{}\"", before.due_on.year())));

    let opens = before.opens_on - Duration::days(3);
    let mut changed = fields("Section 11 audit 2027", opens, before.due_on);
    let (u1, u2) = (before.due_on + Duration::days(100), before.due_on + Duration::days(200));
    for (id, d) in [("update1", u1), ("update2", u2)] {
        changed.push((format!("{id}_day"), d.day().to_string()));
        changed.push((format!("{id}_month"), u8::from(d.month()).to_string()));
        changed.push((format!("{id}_year"), d.year().to_string()));
    }
    let saved = post(&admin, &format!("/cycles/{id}/edit"), &changed).await;
    assert!(saved.redirects_to(&format!("/cycles/{id}")), "{} {}", saved.status, saved.body);
    let after = cycle(&app, id).await;
    assert_eq!(after.name, "Section 11 audit 2027");
    assert_eq!(after.opens_on, opens);
    assert_eq!(after.due_on, before.due_on);
    let updates = osa_server::cycles::store::update_dates(app.db(), id).await.unwrap();
    assert_eq!(updates, vec![u1, u2]);
    let page = admin.get(&format!("/cycles/{id}")).await;
    assert!(page.body.contains("Section 11 audit 2027 is updated"), "{}", page.body);
    assert!(page.body.contains(&osa_server::web::format::date(u1)));

    let entries = audited(&app, id, "edit_cycle").await;
    assert_eq!(entries.len(), 1);
    let (b, a) = &entries[0];
    assert_eq!(b["name"], "Audit 2027");
    assert_eq!(a["name"], "Section 11 audit 2027");
    assert_eq!(b["opens_on"], before.opens_on.to_string());
    assert_eq!(a["opens_on"], opens.to_string());
    assert!(b.get("due_on").is_none() && a.get("due_on").is_none(), "only what changed is named");
    assert_eq!(a["updates_due"], serde_json::json!([u1.to_string(), u2.to_string()]));

    // Saving it again as it is changes and records nothing.
    let again = post(&admin, &format!("/cycles/{id}/edit"), &changed).await;
    assert!(again.status.is_redirection());
    assert_eq!(audited(&app, id, "edit_cycle").await.len(), 1);
}

#[tokio::test]
async fn every_problem_is_listed_what_was_typed_is_kept_and_nothing_is_saved() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let admin = app.signed_in(P1_ADMIN).await;
    let id = world.p1_cycle;
    let before = cycle(&app, id).await;
    let mut form = fields("", before.due_on, before.opens_on);
    form.extend([
        ("update1_day".to_owned(), "31".to_owned()),
        ("update1_month".to_owned(), "2".to_owned()),
        ("update1_year".to_owned(), "2031".to_owned()),
    ]);
    let refused = post(&admin, &format!("/cycles/{id}/edit"), &form).await;
    assert_eq!(refused.status, 422);
    assert!(!refused.error_summary().is_empty(), "{}", refused.body);
    for message in [
        "Enter a name for the cycle",
        "The due date must be after the opening date",
        "The first update date must be a real date",
    ] {
        assert!(refused.body.contains(message), "{message}: {}", refused.body);
    }
    assert!(
        refused.body.contains("value=\"31\"") && refused.body.contains("value=\"2031\""),
        "kept as typed"
    );
    assert_eq!(cycle(&app, id).await.name, "Audit 2027");
    assert_eq!(cycle(&app, id).await.due_on, before.due_on);
    assert!(audited(&app, id, "edit_cycle").await.is_empty());

    let long = "x".repeat(201);
    let refused =
        post(&admin, &format!("/cycles/{id}/edit"), &fields(&long, before.opens_on, before.due_on)).await;
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("The name must be 200 characters or fewer"));
}

#[tokio::test]
async fn a_due_date_in_the_past_is_saved_only_once_confirmed() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let admin = app.signed_in(P1_ADMIN).await;
    let id = world.p1_cycle;
    let before = cycle(&app, id).await;
    let opens = today() - Duration::days(20);
    let past = today() - Duration::days(2);
    let form = fields("Audit 2027", opens, past);
    let asked = post(&admin, &format!("/cycles/{id}/edit"), &form).await;
    assert_eq!(asked.status, 200);
    let words = format!(
        "The due date {} is in the past. Invited organisations will be shown as overdue.",
        osa_server::web::format::date(past)
    );
    assert!(asked.body.contains(&words), "{}", asked.body);
    assert!(asked.body.contains(">Continue</button>") && asked.body.contains(">Change</button>"));
    assert_eq!(cycle(&app, id).await.due_on, before.due_on, "nothing is saved without confirmation");

    // Change: back to the form with what was typed, still nothing saved.
    let mut change = form.clone();
    change.push(("change".into(), "yes".into()));
    let back = post(&admin, &format!("/cycles/{id}/edit"), &change).await;
    assert_eq!(back.status, 200);
    assert!(back.body.contains("Change the name and dates"));
    assert!(back.body.contains(&format!("value=\"{}\"", past.day())));
    assert_eq!(cycle(&app, id).await.due_on, before.due_on);

    // A confirmation of another date does not count.
    let mut wrong = form.clone();
    wrong.push(("confirmed_due".into(), (past - Duration::days(1)).to_string()));
    assert_eq!(post(&admin, &format!("/cycles/{id}/edit"), &wrong).await.status, 200);
    assert_eq!(cycle(&app, id).await.due_on, before.due_on);

    let mut confirmed = form.clone();
    confirmed.push(("confirmed_due".into(), past.to_string()));
    let saved = post(&admin, &format!("/cycles/{id}/edit"), &confirmed).await;
    assert!(saved.redirects_to(&format!("/cycles/{id}")), "{}", saved.body);
    assert_eq!(cycle(&app, id).await.due_on, past);
    let page = admin.get(&format!("/cycles/{id}")).await;
    assert!(page.body.contains("the due date has passed"));
    assert!(page.body.contains("Overdue"));
    // Keeping a passed due date while changing the name asks nothing more.
    let renamed =
        post(&admin, &format!("/cycles/{id}/edit"), &fields("Audit 2027 (late)", opens, past)).await;
    assert!(renamed.status.is_redirection());
    assert_eq!(cycle(&app, id).await.name, "Audit 2027 (late)");
    // Shortening sends no mail.
    assert_eq!(mails_to(&app, O1_LEAD).await, 0);
}

#[tokio::test]
async fn a_later_due_date_is_emailed_to_outstanding_leads_once_per_new_date() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let admin = app.signed_in(P1_ADMIN).await;
    let id = world.p1_cycle;
    let before = cycle(&app, id).await;
    let later = before.due_on + Duration::days(14);
    let path = format!("/cycles/{id}/edit");
    let saved = post(&admin, &path, &fields("Audit 2027", before.opens_on, later)).await;
    assert!(saved.status.is_redirection(), "{}", saved.body);
    assert_eq!(mails_to(&app, O1_LEAD).await, 1);
    let (subject, body) = app.last_mail_to(O1_LEAD).await.unwrap();
    assert_eq!(subject, "More time for your return: Audit 2027");
    assert!(body.contains(&osa_server::web::format::date(later)), "{body}");
    assert!(body.contains(&format!("/organisations/{}/assessments", world.o1)), "{body}");
    assert!(admin.get(&format!("/cycles/{id}")).await.body.contains("has been emailed the new due date"));

    // The same date saved again (a reload, or a second admin) sends nothing more.
    post(&admin, &path, &fields("Audit 2027", before.opens_on, later)).await;
    post(&admin, &path, &fields("Audit 2027 renamed", before.opens_on, later)).await;
    assert_eq!(mails_to(&app, O1_LEAD).await, 1);
    // Shortening sends nothing; moving back to the told date sends nothing again.
    post(&admin, &path, &fields("Audit 2027", before.opens_on, later - Duration::days(7))).await;
    assert_eq!(mails_to(&app, O1_LEAD).await, 1);
    post(&admin, &path, &fields("Audit 2027", before.opens_on, later)).await;
    assert_eq!(mails_to(&app, O1_LEAD).await, 1);
    // A newer, later date is told once more.
    post(&admin, &path, &fields("Audit 2027", before.opens_on, later + Duration::days(7))).await;
    assert_eq!(mails_to(&app, O1_LEAD).await, 2);
    // The notice is listed with the reminders sent.
    let reminders = admin.get(&format!("/cycles/{id}/reminders")).await;
    assert!(reminders.body.contains(&format!("Due date extended to {later}")), "{}", reminders.body);
    // Other people of the organisation are not leads and get nothing.
    assert_eq!(mails_to(&app, O1_CONTRIBUTOR).await, 0);
}

#[tokio::test]
async fn a_closed_cycle_can_be_read_but_every_change_is_refused() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let admin = app.signed_in(P1_ADMIN).await;
    let (id, inv) = (world.p1_cycle, world.o1_invitation);
    let page = admin.get(&format!("/cycles/{id}")).await;
    for link in [format!("/cycles/{id}/edit"), format!("/cycles/{id}/close"), format!("/cycles/{id}/invite")]
    {
        assert!(page.body.contains(&format!("href=\"{link}\"")), "{link} offered while open");
    }
    let asking = admin.get(&format!("/cycles/{id}/close")).await;
    assert_eq!(asking.status, 200);
    assert!(asking.body.contains("Are you sure you want to close Audit 2027?"));
    assert!(!asking.texts(".govuk-button--warning").is_empty(), "a destructive action has a warning button");
    assert!(cycle(&app, id).await.closed_at.is_none(), "asking closes nothing");

    let closed = admin.post(&format!("/cycles/{id}/close"), &[]).await;
    assert!(closed.redirects_to(&format!("/cycles/{id}")));
    assert!(cycle(&app, id).await.closed_at.is_some());
    let entries = audited(&app, id, "close_cycle").await;
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].1["closed_at"], today().to_string());

    let page = admin.get(&format!("/cycles/{id}")).await;
    assert_eq!(page.status, 200);
    let banner = format!(
        "This cycle closed on {}; it can be read but not changed.",
        osa_server::web::format::date(today())
    );
    assert!(page.body.contains(&banner), "{}", page.body);
    for hidden in [
        format!("/cycles/{id}/edit\""),
        format!("/cycles/{id}/close\""),
        format!("/cycles/{id}/invite\""),
        format!("/cycles/{id}/neighbours\""),
        format!("/invitations/{inv}/withdraw"),
        format!("/invitations/{inv}/non-submission"),
    ] {
        assert!(!page.body.contains(&hidden), "{hidden} still offered on a closed cycle");
    }
    let reminders = admin.get(&format!("/cycles/{id}/reminders")).await;
    assert_eq!(reminders.status, 200);
    assert!(!reminders.body.contains(&format!("/invitations/{inv}/reminders")));

    let org = world.o1.to_string();
    let p2 = world.p2.to_string();
    type Attempt<'a> = (&'a str, String, Vec<(&'a str, &'a str)>);
    let changes: Vec<Attempt> = vec![
        ("GET", format!("/cycles/{id}/edit"), vec![]),
        ("POST", format!("/cycles/{id}/edit"), vec![("name", "Renamed")]),
        ("GET", format!("/cycles/{id}/close"), vec![]),
        ("POST", format!("/cycles/{id}/close"), vec![]),
        ("GET", format!("/cycles/{id}/invite"), vec![]),
        ("POST", format!("/cycles/{id}/invite"), vec![("organisation", org.as_str())]),
        ("GET", format!("/cycles/{id}/invitations/{inv}/withdraw"), vec![]),
        ("POST", format!("/cycles/{id}/invitations/{inv}/withdraw"), vec![]),
        ("GET", format!("/cycles/{id}/invitations/{inv}/non-submission"), vec![]),
        ("POST", format!("/cycles/{id}/invitations/{inv}/non-submission"), vec![("reason", "Merged")]),
        ("POST", format!("/cycles/{id}/invitations/{inv}/reminders"), vec![("paused", "yes")]),
        ("POST", format!("/cycles/{id}/neighbours"), vec![("partnership", p2.as_str())]),
    ];
    for (method, path, form) in &changes {
        let page = if *method == "GET" { admin.get(path).await } else { admin.post(path, form).await };
        assert_eq!(page.status, 409, "{method} {path}: {}", page.body);
        assert!(page.body.contains("This audit cycle is closed"), "{method} {path}");
        assert!(page.body.contains("can be read"), "{method} {path}");
    }
    // Nothing changed underneath.
    let invitation = osa_server::cycles::store::invitation(app.db(), id, inv).await.unwrap().unwrap();
    assert!(invitation.non_submission_reason.is_none() && !invitation.reminders_paused);
    assert_eq!(cycle(&app, id).await.name, "Audit 2027");
    assert!(osa_server::cycles::store::asked_of(app.db(), id).await.unwrap().is_empty());
    assert_eq!(audited(&app, id, "close_cycle").await.len(), 1);

    // Reading goes on: the dashboard, its downloads, and the other pages of the cycle.
    for path in [
        format!("/cycles/{id}"),
        format!("/cycles/{id}/dashboard"),
        format!("/cycles/{id}/dashboard.csv"),
        format!("/cycles/{id}/dashboard.xlsx"),
        format!("/cycles/{id}/reminders"),
        format!("/cycles/{id}/meetings"),
        format!("/cycles/{id}/plan-updates"),
        format!("/partnerships/{}/cycles", world.p1),
    ] {
        assert_eq!(admin.get(&path).await.status, 200, "{path}");
    }
    assert_eq!(app.signed_in(P1_ANALYST).await.get(&format!("/cycles/{id}")).await.status, 200);
    // The cycle's admins of another partnership are still told it does not exist.
    let other = app.signed_in(P2_ADMIN).await;
    assert_eq!(other.get(&format!("/cycles/{id}/edit")).await.status, 404);
}

#[tokio::test]
async fn a_closed_cycle_sends_no_more_reminders() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let admin = app.signed_in(P1_ADMIN).await;
    let id = world.p1_cycle;
    let due = cycle(&app, id).await.due_on;
    let run = async |on: Date| {
        osa_server::jobs::reminders::run(
            app.db(),
            &app.state.mailer,
            &osa_server::jobs::Settings { public_url: "http://osa.test".into(), early_return_days: 90 },
            on,
        )
        .await
        .unwrap();
    };
    // While open, the runner reminds the lead that the return is due soon.
    run(due - Duration::days(3)).await;
    assert_eq!(mails_to(&app, O1_LEAD).await, 1);
    admin.post(&format!("/cycles/{id}/close"), &[]).await;
    // Past the due date an open cycle would send "overdue"; a closed one sends nothing.
    run(due + Duration::days(5)).await;
    assert_eq!(mails_to(&app, O1_LEAD).await, 1);
}
