//! Reminders from the jobs table: sent when due, once each, however many workers run
//! at once; paused for an organisation when an admin says so; listed for admins.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops loudly at the step that failed"
)]

mod common;

use common::TestApp;
use common::world::*;
use osa_server::db::schema::{Outbox, RemindersLog};
use sea_query::{Expr, ExprTrait, Query};
use time::{Duration, OffsetDateTime};

async fn mails_with(app: &TestApp, subject_start: &str) -> usize {
    let rows: Vec<(String,)> = app
        .db()
        .fetch_all(&Query::select().column(Outbox::Subject).from(Outbox::Table).to_owned())
        .await
        .unwrap();
    rows.iter().filter(|(s,)| s.starts_with(subject_start)).count()
}

async fn recorded(app: &TestApp) -> usize {
    let rows: Vec<(i64,)> = app
        .db()
        .fetch_all(&Query::select().column(RemindersLog::Id).from(RemindersLog::Table).to_owned())
        .await
        .unwrap();
    rows.len()
}

/// The world's cycle is due in 30 days: 20 days on, the "due soon" reminder is due.
fn twenty_days_on() -> OffsetDateTime {
    OffsetDateTime::now_utc() + Duration::days(20)
}

fn job_settings() -> &'static osa_server::jobs::Settings {
    static SETTINGS: std::sync::LazyLock<osa_server::jobs::Settings> = std::sync::LazyLock::new(|| {
        osa_server::jobs::Settings { public_url: "http://osa.test".into(), early_return_days: 90 }
    });
    &SETTINGS
}

async fn run(app: &TestApp, worker: &str, at: OffsetDateTime) {
    osa_server::jobs::run_due(app.db(), &app.state.mailer, job_settings(), worker, at).await.unwrap();
}

/// Lets the job run again at `at` (as if its interval had passed).
async fn make_due(app: &TestApp, at: OffsetDateTime) {
    use osa_server::db::schema::Jobs;
    app.db()
        .execute(&Query::update().table(Jobs::Table).value(Jobs::NextRunAt, at).to_owned())
        .await
        .unwrap();
}

#[tokio::test]
async fn a_due_reminder_is_sent_once_and_never_again() {
    let app = TestApp::spawn().await;
    World::build(&app).await;
    run(&app, "one", OffsetDateTime::now_utc()).await;
    assert_eq!(mails_with(&app, "Return due on").await, 0, "nothing is due a month ahead");

    make_due(&app, twenty_days_on()).await;
    run(&app, "one", twenty_days_on()).await;
    assert_eq!(mails_with(&app, "Return due on").await, 1);
    let (subject, body) = app.last_mail_to(O1_LEAD).await.unwrap();
    assert!(subject.contains("Audit 2027"));
    assert!(body.contains("not submitted yet"));

    make_due(&app, twenty_days_on()).await;
    run(&app, "one", twenty_days_on() + Duration::hours(1)).await;
    assert_eq!(mails_with(&app, "Return due on").await, 1, "sent once");

    let later = OffsetDateTime::now_utc() + Duration::days(31);
    make_due(&app, later).await;
    run(&app, "one", later).await;
    assert_eq!(mails_with(&app, "Return overdue").await, 1, "then overdue, once");
}

#[tokio::test]
async fn withdrawing_and_inviting_again_keeps_the_record_and_sends_nothing_twice() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    make_due(&app, twenty_days_on()).await;
    run(&app, "one", twenty_days_on()).await;
    assert_eq!(mails_with(&app, "Return due on").await, 1);

    let admin = app.signed_in(P1_ADMIN).await;
    let cycle = world.p1_cycle;
    // The cycle page asks first, on a page of its own.
    let withdraw = format!("/cycles/{cycle}/invitations/{}/withdraw", world.o1_invitation);
    let listed = admin.get(&format!("/cycles/{cycle}")).await;
    assert!(listed.body.contains(&format!("href=\"{withdraw}\"")), "{}", listed.body);
    assert!(!listed.body.contains(&format!("action=\"{withdraw}\"")), "no one-click withdrawal");
    let asked = admin.get(&withdraw).await;
    assert_eq!(asked.status, 200);
    assert!(asked.body.contains("Are you sure you want to withdraw the invitation to Organisation One?"));
    assert!(asked.body.contains(&format!("action=\"{withdraw}\"")), "{}", asked.body);
    let withdrawn = admin.post(&withdraw, &[]).await;
    assert!(withdrawn.status.is_redirection(), "{}", withdrawn.body);
    assert_eq!(recorded(&app).await, 1, "the reminder sent stays on record");
    let invited =
        admin.post(&format!("/cycles/{cycle}/invite"), &[("organisation", &world.o1.to_string())]).await;
    assert!(invited.status.is_redirection(), "{}", invited.body);

    make_due(&app, twenty_days_on()).await;
    run(&app, "one", twenty_days_on() + Duration::hours(1)).await;
    assert_eq!(mails_with(&app, "Return due on").await, 1, "not sent a second time");
    let page = admin.get(&format!("/cycles/{cycle}/reminders")).await;
    assert!(page.body.contains("Organisation One"), "{}", page.body);
}

#[tokio::test]
async fn two_workers_at_once_send_each_reminder_exactly_once() {
    let app = TestApp::spawn().await;
    World::build(&app).await;
    for round in 0..5 {
        let at = twenty_days_on() + Duration::minutes(round);
        make_due(&app, at).await;
        let (a, b) = tokio::join!(
            osa_server::jobs::run_due(app.db(), &app.state.mailer, job_settings(), "a", at),
            osa_server::jobs::run_due(app.db(), &app.state.mailer, job_settings(), "b", at),
        );
        a.unwrap();
        b.unwrap();
    }
    // The job's claim keeps the second worker out; if both ran, the unique key would.
    let (a, b) = tokio::join!(
        osa_server::jobs::reminders::run(
            app.db(),
            &app.state.mailer,
            job_settings(),
            twenty_days_on().date()
        ),
        osa_server::jobs::reminders::run(
            app.db(),
            &app.state.mailer,
            job_settings(),
            twenty_days_on().date()
        ),
    );
    a.unwrap();
    b.unwrap();
    assert_eq!(recorded(&app).await, 1);
    assert_eq!(mails_with(&app, "Return due on").await, 1);
}

#[tokio::test]
async fn paused_organisations_get_no_reminders_and_admins_see_what_was_sent() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let admin = app.signed_in(P1_ADMIN).await;
    let path = format!("/cycles/{}/invitations/{}/reminders", world.p1_cycle, world.o1_invitation);
    admin.post(&path, &[("paused", "yes")]).await;
    let page = admin.get(&format!("/cycles/{}/reminders", world.p1_cycle)).await;
    assert!(page.body.contains("Reminders paused for Organisation One"));
    osa_server::jobs::reminders::run(app.db(), &app.state.mailer, job_settings(), twenty_days_on().date())
        .await
        .unwrap();
    assert_eq!(recorded(&app).await, 0);

    admin.post(&path, &[("paused", "no")]).await;
    osa_server::jobs::reminders::run(app.db(), &app.state.mailer, job_settings(), twenty_days_on().date())
        .await
        .unwrap();
    let page = admin.get(&format!("/cycles/{}/reminders", world.p1_cycle)).await;
    assert!(page.body.contains("Return due soon"));
    assert!(page.body.contains(O1_LEAD));
    assert_eq!(
        app.signed_in(P1_ANALYST).await.get(&format!("/cycles/{}/reminders", world.p1_cycle)).await.status,
        403
    );
}

#[tokio::test]
async fn leads_hear_once_about_an_action_past_its_date() {
    use osa_server::db::schema::Actions;
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let yesterday = OffsetDateTime::now_utc().date() - Duration::days(1);
    app.db()
        .execute(
            &Query::update()
                .table(Actions::Table)
                .value(Actions::TargetDate, yesterday)
                .and_where(Expr::col(Actions::Id).eq(world.o1_action))
                .to_owned(),
        )
        .await
        .unwrap();
    let today = OffsetDateTime::now_utc().date();
    for _ in 0..2 {
        osa_server::jobs::reminders::run(app.db(), &app.state.mailer, job_settings(), today).await.unwrap();
    }
    assert_eq!(mails_with(&app, "An action is past its target date").await, 1);
    let (_, body) = app.last_mail_to(O1_LEAD).await.unwrap();
    assert!(body.contains("Refresh the safeguarding policy"));
}
