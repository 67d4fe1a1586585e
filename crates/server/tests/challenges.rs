//! Reading and challenging a submitted return: the whole thread journey (challenge,
//! answer, resolve, reopen; a request for changes), the emails, the organisation's
//! list and the cycle's counts, and who is refused.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops loudly at the step that failed"
)]

mod common;

use common::journey::{answer_standard_one, submitted_return};
use common::world::*;
use common::{Client, TestApp};

/// o1's return, answered, signed off and submitted to p1; its id.
async fn submitted(app: &TestApp, world: &World) -> i64 {
    submitted_return(app, world).await
}

/// Posts a thread and gives its id, read from the redirect to its page.
async fn raise(client: &Client, path: &str, form: &[(&str, &str)]) -> i64 {
    let done = client.post(path, form).await;
    assert!(done.status.is_redirection(), "{} {}", done.status, done.body);
    let location = done.location.unwrap();
    location.rsplit('/').next().unwrap().parse().unwrap_or_else(|_| panic!("{location}"))
}

fn state_tag(body: &str, label: &str) -> bool {
    body.contains(&format!("\">{label}</strong>"))
}

async fn audit_count(app: &TestApp) -> i64 {
    use osa_server::db::schema::AuditLog;
    use sea_query::{Expr, ExprTrait, Func, Query};
    let (n,): (i64,) = app
        .db()
        .fetch_one(
            &Query::select()
                .expr(Func::count(Expr::col(AuditLog::Id)))
                .from(AuditLog::Table)
                .and_where(Expr::col(AuditLog::Entity).eq("return_thread"))
                .to_owned(),
        )
        .await
        .unwrap();
    n
}

#[allow(clippy::too_many_lines, reason = "one journey through a challenge thread, step by step")]
#[tokio::test]
async fn a_challenge_is_raised_answered_resolved_and_reopened_and_every_message_is_kept() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let id = submitted(&app, &world).await;

    // Partnership one's panel member reads the return as signed off.
    let panel = app.signed_in(P1_PANEL).await;
    let page = panel.get(&format!("/returns/{id}")).await;
    assert_eq!(page.status, 200);
    for expected in [
        "1.1 We have a named safeguarding lead.",
        "Named on posters.",
        "Safeguarding policy.pdf",
        "90%",
        "Partnership One",
        &format!("/returns/{id}/copy.pdf"),
        &format!("/returns/{id}/criteria/1.1"),
    ] {
        assert!(page.body.contains(expected), "{expected} missing from the return page");
    }
    assert!(!page.body.contains("Request changes to this return"), "a panel member may not ask for changes");

    // A challenge, with markup that must come back as text.
    let criterion = format!("/returns/{id}/criteria/1.1");
    let empty = panel.post(&criterion, &[("kind", "challenge"), ("message", "  ")]).await;
    assert_eq!(empty.status, 422);
    assert!(empty.body.contains("Enter your comment or challenge"));
    let text = "Who deputises? <script>alert(1)</script>";
    let challenge = raise(&panel, &criterion, &[("kind", "challenge"), ("message", text)]).await;
    let thread = format!("/returns/{id}/threads/{challenge}");
    let read = panel.get(&thread).await;
    assert!(read.body.contains("Who deputises? &#60;script&#62;alert(1)&#60;/script&#62;"), "{}", read.body);
    assert!(!read.body.contains("<script>alert(1)"));
    assert!(state_tag(&read.body, "Open"));
    let (subject, body) = app.last_mail_to(O1_LEAD).await.expect("the lead is told");
    assert!(subject.contains("Partnership One has challenged"), "{subject}");
    assert!(body.contains(&thread), "{body}");

    // A comment needs no answer and sends no email.
    raise(&panel, &criterion, &[("kind", "comment"), ("message", "Clear poster.")]).await;
    assert_eq!(app.last_mail_to(O1_LEAD).await.unwrap().0, subject);
    assert!(panel.get(&criterion).await.body.contains("Clear poster."));

    // Only admins and analysts ask for changes to the whole return.
    let request = format!("/returns/{id}/request-changes");
    assert_eq!(panel.get(&request).await.status, 403);
    assert_eq!(panel.post(&request, &[("reason", "More evidence")]).await.status, 403);
    let analyst = app.signed_in(P1_ANALYST).await;
    let change = raise(&analyst, &request, &[("reason", "Add evidence for standard 1 by March.")]).await;
    assert!(app.last_mail_to(O1_LEAD).await.unwrap().0.contains("asks for changes"));

    // The organisation sees both waiting for it.
    let lead = app.signed_in(O1_LEAD).await;
    let list = lead.get(&format!("/organisations/{}/challenges", world.o1)).await;
    assert_eq!(list.status, 200);
    assert!(list.body.contains("2 waiting for your answer"), "{}", list.body);
    assert!(list.body.contains("Add evidence for standard 1 by March."));
    assert!(!list.body.contains("Clear poster."), "comments await nothing");
    assert!(lead.get(&format!("/organisations/{}", world.o1)).await.body.contains("/challenges"));

    // It cannot be resolved before it is answered.
    let early = lead.post(&thread, &[("step", "resolve")]).await;
    assert_eq!(early.status, 422);
    assert!(early.body.contains("answer it before marking it resolved"));
    let blank = lead.post(&thread, &[("step", "answer"), ("answer", "")]).await;
    assert_eq!(blank.status, 422);
    assert!(blank.body.contains("Enter your answer"));

    // The lead answers from the list; the panel member who raised it is told.
    let audited = audit_count(&app).await;
    let answered = lead
        .post(
            &thread,
            &[("step", "answer"), ("answer", "Our deputy is named on the poster."), ("from", "organisation")],
        )
        .await;
    assert!(answered.redirects_to(&format!("/organisations/{}/challenges", world.o1)));
    let (subject, body) = app.last_mail_to(P1_PANEL).await.expect("the author is told");
    assert!(subject.contains("Organisation One has answered your challenge"), "{subject}");
    assert!(body.contains("Our deputy is named on the poster."));
    assert!(state_tag(&panel.get(&thread).await.body, "Answered"));

    // The senior sign-off reads but does not answer.
    let signoff = app.signed_in(O1_SIGNOFF).await;
    let seen = signoff.get(&thread).await;
    assert_eq!(seen.status, 200);
    assert!(!seen.body.contains("Send answer"));
    assert_eq!(signoff.post(&thread, &[("step", "answer"), ("answer", "Me too")]).await.status, 403);
    // Nor may the partnership answer or resolve for the organisation.
    assert_eq!(panel.post(&thread, &[("step", "resolve")]).await.status, 403);

    assert!(lead.post(&thread, &[("step", "resolve"), ("note", "Thank you.")]).await.status.is_redirection());
    assert!(state_tag(&panel.get(&thread).await.body, "Resolved"));
    let list = lead.get(&format!("/organisations/{}/challenges", world.o1)).await;
    assert!(!list.body.contains("Who deputises?"), "a resolved challenge leaves the list");
    let again = lead.post(&thread, &[("step", "answer"), ("answer", "More")]).await;
    assert_eq!(again.status, 422, "a resolved challenge is not answered again until reopened");

    // The partnership reopens it; the lead is asked again.
    let reopen = panel.post(&thread, &[("step", "reopen"), ("reason", "The poster is out of date.")]).await;
    assert!(reopen.status.is_redirection(), "{}", reopen.body);
    assert!(app.last_mail_to(O1_LEAD).await.unwrap().1.contains("The poster is out of date."));
    let page = panel.get(&thread).await;
    assert!(state_tag(&page.body, "Open"));
    let order = ["Raised</strong>", "Answered</strong>", "Marked resolved</strong>", "Reopened</strong>"];
    let at: Vec<usize> = order.iter().map(|s| page.body.find(s).unwrap_or_else(|| panic!("{s}"))).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "every message kept, in order");
    assert!(page.body.contains("Thank you."));
    assert_eq!(audit_count(&app).await, audited + 3, "answer, resolve and reopen are audited");

    // Partnership one's staff see the counts per organisation for the cycle.
    let admin = app.signed_in(P1_ADMIN).await;
    let cycle = admin.get(&format!("/cycles/{}", world.p1_cycle)).await;
    assert!(cycle.body.contains(&format!("href=\"/returns/{id}\"")), "the invitation links to its return");
    let counts = admin.get(&format!("/cycles/{}/challenges", world.p1_cycle)).await;
    assert_eq!(counts.status, 200);
    assert!(counts.body.contains("Organisation One"));
    let cells = counts.texts(".govuk-table__cell--numeric");
    assert_eq!(
        &cells[..3],
        &["2", "0", "0"],
        "two open (the reopened challenge and the request), none resolved"
    );
    let _ = change;
}

#[tokio::test]
async fn nobody_outside_the_return_reads_or_writes_and_a_contributor_is_forbidden() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let id = submitted(&app, &world).await;
    let panel = app.signed_in(P1_PANEL).await;
    let criterion = format!("/returns/{id}/criteria/1.1");
    let challenge = raise(&panel, &criterion, &[("kind", "challenge"), ("message", "Why?")]).await;
    let thread = format!("/returns/{id}/threads/{challenge}");

    // Partnership two did not receive the return: it does not exist for them.
    let p2 = app.signed_in(P2_ADMIN).await;
    assert_eq!(p2.get(&format!("/returns/{id}")).await.status, 404);
    assert_eq!(p2.get(&criterion).await.status, 404);
    assert_eq!(p2.post(&criterion, &[("kind", "comment"), ("message", "Hello")]).await.status, 404);
    assert_eq!(p2.get(&thread).await.status, 404);
    assert_eq!(p2.post(&thread, &[("step", "reopen"), ("reason", "x")]).await.status, 404);
    assert_eq!(p2.post(&format!("/returns/{id}/request-changes"), &[("reason", "x")]).await.status, 404);

    // Another organisation's lead.
    let o2 = app.signed_in(O2_LEAD).await;
    assert_eq!(o2.get(&format!("/returns/{id}")).await.status, 404);
    assert_eq!(o2.post(&thread, &[("step", "answer"), ("answer", "x")]).await.status, 404);
    assert_eq!(o2.get(&format!("/organisations/{}/challenges", world.o1)).await.status, 404);

    // A contributor sees only what is delegated to them, so not the return.
    let contributor = app.signed_in(O1_CONTRIBUTOR).await;
    assert_eq!(contributor.get(&format!("/returns/{id}")).await.status, 403);
    assert_eq!(contributor.get(&thread).await.status, 403);
    assert_eq!(contributor.post(&thread, &[("step", "answer"), ("answer", "x")]).await.status, 403);
    assert_eq!(contributor.get(&format!("/organisations/{}/challenges", world.o1)).await.status, 403);

    // The organisation's own people raise nothing.
    let lead = app.signed_in(O1_LEAD).await;
    assert_eq!(lead.post(&criterion, &[("kind", "comment"), ("message", "Hi")]).await.status, 403);
    // A criterion not in the return, and a thread of another return, are not found.
    assert_eq!(panel.get(&format!("/returns/{id}/criteria/9.9")).await.status, 404);
    assert_eq!(panel.get(&format!("/returns/{}/threads/{challenge}", id + 1000)).await.status, 404);
    // A change request cannot be posted as a criterion's thread.
    let admin = app.signed_in(P1_ADMIN).await;
    let wrong = admin.post(&criterion, &[("kind", "change_request"), ("message", "x")]).await;
    assert_eq!(wrong.status, 422);
}

#[tokio::test]
async fn the_threads_of_a_return_not_yet_submitted_are_not_offered() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let lead = app.signed_in(O1_LEAD).await;
    answer_standard_one(&lead, &world, "90").await;
    let signed = app
        .signed_in(O1_SIGNOFF)
        .await
        .post(&format!("/assessments/{}/sign-off", world.o1_assessment), &[("declaration", "yes")])
        .await;
    assert!(signed.status.is_redirection());
    let page = lead.get(&format!("/assessments/{}/check", world.o1_assessment)).await;
    let start = page.body.find("/returns/").expect("a link to the copy") + "/returns/".len();
    let id: i64 = page.body[start..].split('/').next().unwrap().parse().unwrap();
    let read = lead.get(&format!("/returns/{id}")).await;
    assert_eq!(read.status, 200);
    assert!(read.body.contains("Signed-off return, not yet submitted"));
    assert!(!read.body.contains("Comments and challenges"));
    // Partnership staff do not see a return before it is sent to them.
    assert_eq!(app.signed_in(P1_ADMIN).await.get(&format!("/returns/{id}")).await.status, 404);
}

#[tokio::test]
async fn a_step_taken_from_a_state_the_thread_has_left_writes_nothing() {
    use osa_core::challenge::{Kind, State, Step};
    use osa_server::challenges::store::{self, Move, NewThread, Side};
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let id = submitted(&app, &world).await;
    let lead = osa_server::accounts::store::user_by_email(app.db(), O1_LEAD).await.unwrap().unwrap().id;
    let panel = osa_server::accounts::store::user_by_email(app.db(), P1_PANEL).await.unwrap().unwrap().id;
    let at = time::OffsetDateTime::now_utc();
    let mut tx = app.db().begin().await.unwrap();
    let new = NewThread {
        return_id: id,
        organisation: world.o1,
        partnership: world.p1,
        criterion: Some("1.1"),
        plan_update: None,
        kind: Kind::Challenge,
        activity_only: false,
        body: "Why?",
        by: panel,
        at,
    };
    let thread = store::raise(&mut tx, &new).await.unwrap();
    tx.commit().await.unwrap();
    // Two answers written from the same page: the first moves the thread, the second
    // (still believing it open) is refused and leaves no message.
    let answer = |body| Move {
        thread,
        step: Step::Answer,
        from: Some(State::Open),
        to: Some(State::Answered),
        body,
        by: lead,
        side: Side::Organisation(world.o1),
        at,
    };
    for (body, expected) in [("First", true), ("Second", false)] {
        let mut tx = app.db().begin().await.unwrap();
        assert_eq!(store::take(&mut tx, &answer(body)).await.unwrap(), expected, "{body}");
        tx.commit().await.unwrap();
    }
    let messages = store::messages(app.db(), &[thread]).await.unwrap();
    let bodies: Vec<&str> = messages.iter().map(|m| m.body.as_str()).collect();
    assert_eq!(bodies, ["Why?", "First"]);
    assert_eq!(store::get(app.db(), thread).await.unwrap().unwrap().state(), Some(State::Answered));
}
