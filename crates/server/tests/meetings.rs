//! Assurance meetings: scheduling one or a statutory round (with the agenda osa
//! drafts and the lead's email), recording questions, answers and outcomes, an agreed
//! action landing in the organisation's plan, finalising (after which only comments
//! are taken), questions from children and young people with their answers, and who
//! sees what.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops loudly at the step that failed"
)]

mod common;

use common::journey::{answer_standard_one, hidden, sign_off_and_submit};
use common::world::*;
use common::{Client, TestApp};
use osa_core::tenancy::{DutyStatus, Sector};

const DATE: [(&str, &str); 3] = [("held_on_day", "12"), ("held_on_month", "5"), ("held_on_year", "2027")];

async fn user_id(app: &TestApp, email: &str) -> i64 {
    osa_server::accounts::store::user_by_email(app.db(), email).await.unwrap().unwrap().id
}

/// o1's return (1.1 not met, so standard 1 is red), signed off and submitted to p1;
/// its id.
async fn submitted(app: &TestApp, world: &World) -> i64 {
    let lead = app.signed_in(O1_LEAD).await;
    let path = format!("/assessments/{}/standards/1", world.o1_assessment);
    let page = lead.get(&path).await;
    let (v1, v2) = (hidden(&page.body, "version:1.1"), hidden(&page.body, "version:1.2"));
    let form = [
        ("value:1.1", "not_met"),
        ("narrative:1.1", "No one is named yet."),
        ("action:1.1", "Name a lead"),
        ("value:1.2", "40"),
        ("version:1.1", v1.as_str()),
        ("version:1.2", v2.as_str()),
    ];
    assert!(lead.post(&path, &form).await.status.is_redirection());
    sign_off_and_submit(&app.signed_in(O1_SIGNOFF).await, &lead, world).await;
    let page = lead.get(&format!("/assessments/{}/check", world.o1_assessment)).await;
    let start = page.body.find("/returns/").expect("a link to the return") + "/returns/".len();
    page.body[start..].split(['/', '"']).next().unwrap().parse().unwrap()
}

/// Schedules a meeting with one organisation as p1's admin; its id.
async fn schedule_one(admin: &Client, world: &World, organisation: i64, extra: &[(&str, &str)]) -> i64 {
    let organisation = organisation.to_string();
    let mut form = vec![("scope", "one"), ("organisation", organisation.as_str())];
    form.extend(DATE);
    form.extend(extra);
    let done = admin.post(&format!("/cycles/{}/meetings/new", world.p1_cycle), &form).await;
    assert!(done.redirects_to("/meetings/"), "{} {}", done.status, done.body);
    done.location.unwrap().trim_start_matches("/meetings/").parse().unwrap()
}

async fn held(admin: &Client, meeting: i64) {
    let done = admin.post(&format!("/meetings/{meeting}/held"), &[]).await;
    assert!(done.status.is_redirection(), "{} {}", done.status, done.body);
}

async fn audited(app: &TestApp, entity: &str, action: &str) -> i64 {
    use osa_server::db::schema::AuditLog;
    use sea_query::{Expr, ExprTrait, Func, Query};
    let (n,): (i64,) = app
        .db()
        .fetch_one(
            &Query::select()
                .expr(Func::count(Expr::col(AuditLog::Id)))
                .from(AuditLog::Table)
                .and_where(Expr::col(AuditLog::Entity).eq(entity))
                .and_where(Expr::col(AuditLog::Action).eq(action))
                .to_owned(),
        )
        .await
        .unwrap();
    n
}

/// The first question's id on a meeting's page, read from its answer field.
fn first_question(body: &str) -> String {
    let start = body.find("name=\"answer-").expect("an answer field") + "name=\"answer-".len();
    body[start..].split('"').next().unwrap().to_owned()
}

#[tokio::test]
async fn the_agenda_is_drafted_from_the_return_plan_and_challenges_and_the_lead_is_emailed() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let return_id = submitted(&app, &world).await;
    // An overdue action in o1's plan, and an open challenge on its return.
    let lead_id = user_id(&app, O1_LEAD).await;
    let before = osa_server::action_plans::store::get(app.db(), world.o1_assessment, world.o1_action)
        .await
        .unwrap()
        .unwrap();
    let fields = osa_server::action_plans::store::Fields {
        what: "Refresh the safeguarding policy".into(),
        responsible_lead: "Safeguarding lead".into(),
        target_date: Some(time::macros::date!(2024 - 01 - 31)),
        expected_outcome: String::new(),
        impact_measure: String::new(),
        status: osa_core::assessment::ActionStatus::InProgress,
    };
    osa_server::action_plans::store::update(
        app.db(),
        world.o1_assessment,
        world.o1_action,
        lead_id,
        &before,
        &fields,
    )
    .await
    .unwrap();
    let panel = app.signed_in(P1_PANEL).await;
    let raised = panel
        .post(
            &format!("/returns/{return_id}/criteria/1.1"),
            &[("kind", "challenge"), ("message", "How do staff learn the lead's name?")],
        )
        .await;
    assert!(raised.status.is_redirection(), "{}", raised.body);

    let admin = app.signed_in(P1_ADMIN).await;
    let form = admin.get(&format!("/cycles/{}/meetings/new", world.p1_cycle)).await;
    assert_eq!(form.status, 200);
    assert!(form.body.contains("Organisation One"));
    let panel_id = user_id(&app, P1_PANEL).await.to_string();
    let meeting = schedule_one(
        &admin,
        &world,
        world.o1,
        &[("panel", panel_id.as_str()), ("external", "Dr Ann Lee, Independent scrutineer")],
    )
    .await;
    let page = admin.get(&format!("/meetings/{meeting}")).await;
    assert_eq!(page.status, 200);
    let body = &page.body;
    let standard = body
        .find("Standard 1 (Who is responsible) is rated red")
        .unwrap_or_else(|| panic!("standard: {body}"));
    let overdue = body
        .find("Overdue action, due 31 January 2024: Refresh the safeguarding policy.")
        .expect("the overdue action is on the agenda");
    let challenge = body
        .find("Open challenge from Partnership One about criterion 1.1, not yet answered")
        .expect("the open challenge is on the agenda");
    assert!(standard < overdue && overdue < challenge, "red and amber first, then actions, then challenges");
    assert!(body.contains("Dr Ann Lee, Independent scrutineer (from outside the partnership)"));
    assert!(body.contains("p1.panel@test.example, Panel member</li>"));
    assert!(body.contains("12 May 2027"));
    let (subject, mail) = app.last_mail_to(O1_LEAD).await.expect("the lead is emailed");
    assert_eq!(subject, "Partnership One has arranged an assurance meeting with you on 12 May 2027");
    assert!(mail.contains(&format!("/meetings/{meeting}")));
    assert_eq!(audited(&app, "assurance_meeting", "schedule").await, 1);
    // The cycle's page and list link to it.
    assert!(
        admin
            .get(&format!("/cycles/{}", world.p1_cycle))
            .await
            .body
            .contains("/meetings\">Assurance meetings")
    );
    let list = admin.get(&format!("/cycles/{}/meetings", world.p1_cycle)).await;
    assert!(list.body.contains(&format!("href=\"/meetings/{meeting}\">Organisation One")));
}

#[tokio::test]
async fn a_statutory_round_schedules_a_meeting_with_each_statutory_organisation_once() {
    use osa_server::cycles::store::{self as cycles, NewInvitation};
    use osa_server::organisations::store::{self as orgs, NewOrganisation};
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let admin_id = user_id(&app, P1_ADMIN).await;
    let mut tx = app.db().begin().await.unwrap();
    for name in ["Area One Police", "Area One Council"] {
        let org = NewOrganisation { name, sector: Sector::Police, duty: DutyStatus::Statutory };
        let id = orgs::create(&mut tx, None, &org).await.unwrap();
        orgs::add_area(&mut tx, id, world.p1).await.unwrap();
        let invitation = NewInvitation {
            organisation: id,
            framework_id: world.framework_v1,
            framework_key: "test-framework".into(),
        };
        cycles::invite(&mut tx, world.p1_cycle, admin_id, &invitation).await.unwrap();
    }
    tx.commit().await.unwrap();
    let admin = app.signed_in(P1_ADMIN).await;
    let path = format!("/cycles/{}/meetings/new", world.p1_cycle);
    let mut form = vec![("scope", "statutory"), ("external", "Jo Chair, Independent chair")];
    form.extend(DATE);
    let done = admin.post(&path, &form).await;
    assert!(
        done.redirects_to(&format!("/cycles/{}/meetings", world.p1_cycle)),
        "{} {}",
        done.status,
        done.body
    );
    let meetings = osa_server::meetings::store::of_cycle(app.db(), world.p1_cycle).await.unwrap();
    let names: Vec<&str> = meetings.iter().map(|m| m.organisation_name.as_str()).collect();
    assert_eq!(names, ["Area One Council", "Area One Police"], "organisation one is voluntary");
    assert!(meetings.iter().all(|m| m.held_on == time::macros::date!(2027 - 05 - 12)));
    // A statutory organisation with no return gets asked why first.
    let page = admin.get(&format!("/meetings/{}", meetings[0].id)).await;
    assert!(page.body.contains("The organisation has not submitted a return for this cycle"));
    // Each date is changed on its own afterwards.
    let changed = admin
        .post(
            &format!("/meetings/{}/details", meetings[0].id),
            &[
                ("held_on_day", "19"),
                ("held_on_month", "5"),
                ("held_on_year", "2027"),
                ("agenda", "Introductions\n\nTraining figures"),
            ],
        )
        .await;
    assert!(changed.status.is_redirection(), "{}", changed.body);
    let after = osa_server::meetings::store::of_cycle(app.db(), world.p1_cycle).await.unwrap();
    let first = after.iter().find(|m| m.id == meetings[0].id).unwrap();
    assert_eq!(first.held_on, time::macros::date!(2027 - 05 - 19));
    assert_eq!(first.agenda, "Introductions\nTraining figures");
    assert_eq!(
        after.iter().find(|m| m.id == meetings[1].id).unwrap().held_on,
        time::macros::date!(2027 - 05 - 12)
    );
    // A second round finds no one left to meet.
    let again = admin.post(&path, &form).await;
    assert_eq!(again.status, 422);
    assert!(again.body.contains("already has a meeting"));
}

#[tokio::test]
async fn scheduling_needs_a_date_an_organisation_and_a_panel() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let admin = app.signed_in(P1_ADMIN).await;
    let path = format!("/cycles/{}/meetings/new", world.p1_cycle);
    let refused = admin.post(&path, &[("scope", "one"), ("held_on_day", "31"), ("held_on_month", "2")]).await;
    assert_eq!(refused.status, 422);
    for message in [
        "Select the organisation to meet",
        "The date of the meeting must be a real date",
        "Choose at least one panel member",
    ] {
        assert!(refused.body.contains(message), "{message}");
    }
    assert!(osa_server::meetings::store::of_cycle(app.db(), world.p1_cycle).await.unwrap().is_empty());
    // Partnership two's admin cannot see partnership one's cycle at all.
    let other = app.signed_in(P2_ADMIN).await.post(&path, &[("scope", "one")]).await;
    assert_eq!(other.status, 404);
}

#[tokio::test]
async fn outcomes_are_recorded_and_an_agreed_action_lands_in_the_plan_marked_agreed() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let admin = app.signed_in(P1_ADMIN).await;
    let meeting =
        schedule_one(&admin, &world, world.o1, &[("external", "Dr Ann Lee, Independent scrutineer")]).await;
    // Recording waits for the meeting to be held.
    let early = admin.post(&format!("/meetings/{meeting}/record"), &[("notes", "Too soon")]).await;
    assert_eq!(early.status, 409);
    assert!(early.body.contains("mark the meeting as held first"));
    let asked = admin
        .post(
            &format!("/meetings/{meeting}/questions"),
            &[("source", "review_learning"), ("question", "How did you act on the review of Child B?")],
        )
        .await;
    assert!(asked.status.is_redirection(), "{}", asked.body);
    let unsourced =
        admin.post(&format!("/meetings/{meeting}/questions"), &[("question", "Where from?")]).await;
    assert_eq!(unsourced.status, 422);
    held(&admin, meeting).await;
    let page = admin.get(&format!("/meetings/{meeting}")).await;
    assert!(page.body.contains("Question 1: from learning from a review"));
    let question = first_question(&page.body);
    let recorded = admin
        .post(
            &format!("/meetings/{meeting}/record"),
            &[
                ("notes", "The lead talked the panel through the training figures."),
                (&format!("answer-{question}"), "Every team had a briefing on the review."),
                (&format!("outcome-{question}"), "partly_assured"),
            ],
        )
        .await;
    assert!(recorded.status.is_redirection(), "{}", recorded.body);
    let page = admin.get(&format!("/meetings/{meeting}")).await;
    assert!(page.body.contains("Every team had a briefing on the review."));
    assert!(page.body.contains(&format!("id=\"outcome-{question}-partly_assured\" name=\"outcome-{question}\" type=\"radio\" value=\"partly_assured\" checked")));
    let bad =
        admin.post(&format!("/meetings/{meeting}/record"), &[(&format!("outcome-{question}"), "fine")]).await;
    assert_eq!(bad.status, 422);

    let agreed = admin
        .post(
            &format!("/meetings/{meeting}/actions"),
            &[
                ("what", "Brief every new starter on the review"),
                ("lead", "Head of training"),
                ("target_day", "30"),
                ("target_month", "9"),
                ("target_year", "2027"),
            ],
        )
        .await;
    assert!(agreed.status.is_redirection(), "{}", agreed.body);
    let undated = admin.post(&format!("/meetings/{meeting}/actions"), &[("what", "x"), ("lead", "y")]).await;
    assert_eq!(undated.status, 422);
    let plan =
        app.signed_in(O1_LEAD).await.get(&format!("/assessments/{}/actions", world.o1_assessment)).await;
    assert_eq!(plan.status, 200);
    assert!(plan.body.contains("Agreed at the assurance meeting of 12 May 2027"), "{}", plan.body);
    assert!(plan.body.contains("Brief every new starter on the review"));
    let csv =
        app.signed_in(O1_LEAD).await.get(&format!("/assessments/{}/actions.csv", world.o1_assessment)).await;
    assert!(csv.body.contains("Agreed at the assurance meeting of 12 May 2027,Brief every new starter on the review,Head of training"));
    // The hand-added action keeps its own words.
    assert!(csv.body.contains("Added by hand,Refresh the safeguarding policy"));
    assert_eq!(audited(&app, "action", "create").await, 2, "the world's action and the agreed one");
    assert_eq!(audited(&app, "assurance_meeting", "record").await, 1);
    assert_eq!(audited(&app, "assurance_meeting", "mark_held").await, 1);
    assert_eq!(audited(&app, "meeting_question", "create").await, 1);
}

#[tokio::test]
async fn a_finalised_record_refuses_every_edit_but_takes_comments() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let admin = app.signed_in(P1_ADMIN).await;
    let meeting =
        schedule_one(&admin, &world, world.o1, &[("external", "Dr Ann Lee, Independent scrutineer")]).await;
    // Comments wait for the meeting.
    let lead = app.signed_in(O1_LEAD).await;
    assert_eq!(
        lead.post(&format!("/meetings/{meeting}/comments"), &[("comment", "Early")]).await.status,
        409
    );
    held(&admin, meeting).await;
    admin.post(&format!("/meetings/{meeting}/record"), &[("notes", "Final notes.")]).await;
    let confirm = admin.get(&format!("/meetings/{meeting}/finalise")).await;
    assert_eq!(confirm.status, 200);
    assert!(confirm.body.contains("Are you sure you want to finalise the record?"));
    let unconfirmed = admin.post(&format!("/meetings/{meeting}/finalise"), &[]).await;
    assert_eq!(unconfirmed.status, 422);
    let done = admin.post(&format!("/meetings/{meeting}/finalise"), &[("confirm", "yes")]).await;
    assert!(done.status.is_redirection(), "{}", done.body);
    let (subject, _) = app.last_mail_to(O1_LEAD).await.unwrap();
    assert_eq!(subject, "The record of your assurance meeting with Partnership One is final");

    for (path, form) in [
        ("record", vec![("notes", "Changed notes.")]),
        ("details", vec![("agenda", "New"), DATE[0], DATE[1], DATE[2]]),
        ("questions", vec![("source", "panel"), ("question", "One more?")]),
        (
            "actions",
            vec![
                ("what", "x"),
                ("lead", "y"),
                ("target_day", "1"),
                ("target_month", "1"),
                ("target_year", "2028"),
            ],
        ),
        ("held", vec![]),
        ("finalise", vec![("confirm", "yes")]),
    ] {
        let refused = admin.post(&format!("/meetings/{meeting}/{path}"), &form).await;
        assert_eq!(refused.status, 409, "{path}");
        assert!(refused.body.contains("the record is finalised"), "{path}");
    }
    let m = osa_server::meetings::store::get(app.db(), meeting).await.unwrap().unwrap();
    assert_eq!(m.notes, "Final notes.");
    assert!(osa_server::meetings::store::questions(app.db(), meeting).await.unwrap().is_empty());
    assert!(osa_server::meetings::store::agreed_actions(app.db(), meeting).await.unwrap().is_empty());

    for (who, words) in
        [(&lead, "We have since trained the new starters."), (&admin, "Addendum: dates confirmed.")]
    {
        let added = who.post(&format!("/meetings/{meeting}/comments"), &[("comment", words)]).await;
        assert!(added.status.is_redirection(), "{}", added.body);
    }
    let panel = app.signed_in(P1_PANEL).await;
    assert!(
        panel
            .post(&format!("/meetings/{meeting}/comments"), &[("comment", "Noted.")])
            .await
            .status
            .is_redirection()
    );
    let page = lead.get(&format!("/meetings/{meeting}")).await;
    assert!(page.body.contains("This record is final"));
    assert!(page.body.contains("We have since trained the new starters."));
    assert!(page.body.contains("(added after the record was finalised)"));
    assert!(!page.body.contains("Save the record"));
    assert_eq!(audited(&app, "meeting_comment", "create").await, 3);
    assert_eq!(audited(&app, "assurance_meeting", "finalise").await, 1);
    // An analyst not on the panel reads but does not comment.
    let analyst = app.signed_in(P1_ANALYST).await;
    assert_eq!(analyst.get(&format!("/meetings/{meeting}")).await.status, 200);
    assert_eq!(
        analyst.post(&format!("/meetings/{meeting}/comments"), &[("comment", "Hi")]).await.status,
        403
    );
}

#[tokio::test]
async fn the_lead_reads_the_agenda_before_and_the_record_after_and_others_are_refused() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let admin = app.signed_in(P1_ADMIN).await;
    let meeting =
        schedule_one(&admin, &world, world.o1, &[("external", "Dr Ann Lee, Independent scrutineer")]).await;
    admin
        .post(
            &format!("/meetings/{meeting}/questions"),
            &[("source", "panel"), ("question", "How do volunteers raise a concern?")],
        )
        .await;
    let path = format!("/meetings/{meeting}");
    let lead = app.signed_in(O1_LEAD).await;
    let before = lead.get(&path).await;
    assert_eq!(before.status, 200);
    assert!(before.body.contains("Introductions"));
    assert!(before.body.contains("How do volunteers raise a concern?"));
    assert!(before.body.contains("The record of the meeting is shown here once the meeting has been held."));
    assert!(!before.body.contains("What the organisation said"));
    assert!(!before.body.contains("Mark as held"));
    let listed = lead.get(&format!("/organisations/{}/meetings", world.o1)).await;
    assert!(listed.body.contains(&format!("href=\"/meetings/{meeting}\">12 May 2027")));
    assert!(
        lead.get(&format!("/organisations/{}", world.o1))
            .await
            .body
            .contains("/meetings\">Assurance meetings")
    );
    held(&admin, meeting).await;
    let after = lead.get(&path).await;
    assert!(after.body.contains("What the organisation said"));
    assert!(after.body.contains("Add a comment"));
    assert!(!after.body.contains("Save the record"));
    assert_eq!(lead.post(&format!("{path}/record"), &[("notes", "Mine")]).await.status, 403);

    for (email, status) in
        [(O1_CONTRIBUTOR, 403), (O1_SIGNOFF, 403), (O2_LEAD, 404), (P2_ADMIN, 404), (O3_LEAD, 404)]
    {
        let client = app.signed_in(email).await;
        assert_eq!(client.get(&path).await.status, status, "{email}");
        assert_eq!(
            client.post(&format!("{path}/comments"), &[("comment", "Hi")]).await.status,
            status,
            "{email}"
        );
    }
    assert_eq!(
        app.signed_in(O2_LEAD).await.get(&format!("/organisations/{}/meetings", world.o1)).await.status,
        404
    );
    let anonymous = app.client();
    assert!(anonymous.get(&path).await.redirects_to("/sign-in"));
    assert!(anonymous.get(&format!("/cycles/{}/meetings", world.p1_cycle)).await.redirects_to("/sign-in"));
}

#[tokio::test]
async fn questions_from_children_and_young_people_are_asked_and_their_answers_listed() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let admin = app.signed_in(P1_ADMIN).await;
    let list = format!("/partnerships/{}/cyp-questions", world.p1);
    let added = admin
        .post(
            &list,
            &[
                ("question", "Who can I talk to if I feel unsafe at my club?"),
                ("source", "Youth council"),
                ("raised_on_day", "14"),
                ("raised_on_month", "2"),
                ("raised_on_year", "2027"),
            ],
        )
        .await;
    assert!(added.status.is_redirection(), "{}", added.body);
    let missing = admin.post(&list, &[("question", "No source")]).await;
    assert_eq!(missing.status, 422);
    assert!(missing.body.contains("Enter where it was raised"));
    let page = app.signed_in(P1_PANEL).await.get(&list).await;
    assert!(page.body.contains("Who can I talk to if I feel unsafe at my club?"));
    assert!(page.body.contains("Youth council"));
    assert!(page.body.contains("14 February 2027"));
    assert!(!page.body.contains("Add the question"), "panel members read the list");
    assert_eq!(app.signed_in(P1_PANEL).await.post(&list, &[("question", "x")]).await.status, 403);
    assert_eq!(app.signed_in(P2_ADMIN).await.get(&list).await.status, 404);

    let cyp = osa_server::meetings::store::cyp_questions(app.db(), world.p1).await.unwrap()[0].id.to_string();
    let meeting =
        schedule_one(&admin, &world, world.o1, &[("external", "Dr Ann Lee, Independent scrutineer")]).await;
    let chosen = admin.post(&format!("/meetings/{meeting}/cyp-questions"), &[("cyp", cyp.as_str())]).await;
    assert!(chosen.status.is_redirection(), "{}", chosen.body);
    // Asked once only.
    let twice = admin.post(&format!("/meetings/{meeting}/cyp-questions"), &[("cyp", cyp.as_str())]).await;
    assert_eq!(twice.status, 422);
    held(&admin, meeting).await;
    let page = admin.get(&format!("/meetings/{meeting}")).await;
    assert!(page.body.contains("Question 1: from children and young people"));
    let question = first_question(&page.body);
    let answers = format!("/partnerships/{}/cyp-questions/answers", world.p1);
    assert!(admin.get(&answers).await.body.contains("No organisation has answered it yet."));
    admin
        .post(
            &format!("/meetings/{meeting}/record"),
            &[
                (&format!("answer-{question}"), "Every club has a named welfare officer on its noticeboard."),
                (&format!("outcome-{question}"), "assured"),
            ],
        )
        .await;
    let page = app.signed_in(P1_ANALYST).await.get(&answers).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Who can I talk to if I feel unsafe at my club?"));
    assert!(page.body.contains("Organisation One"));
    assert!(page.body.contains("Every club has a named welfare officer on its noticeboard."));
    assert!(page.body.contains(">Assured</strong>"));
    assert_eq!(audited(&app, "cyp_question", "create").await, 1);
}

#[tokio::test]
async fn the_demo_has_finalised_meetings_for_2025_and_one_scheduled_for_2027() {
    let app = TestApp::spawn().await;
    let summary = osa_server::demo::load(app.db(), "demo password for tests").await.unwrap();
    assert!(summary.contains("3 assurance meetings"), "{summary}");
    let kestrel = common::demo_kestrel(&app).await;
    let cycles = osa_server::cycles::store::of_partnership(app.db(), kestrel).await.unwrap();
    let cycle = |name: &str| cycles.iter().find(|c| c.name == name).unwrap().id;
    let last = osa_server::meetings::store::of_cycle(app.db(), cycle("Section 11 audit 2025")).await.unwrap();
    assert_eq!(last.len(), 2);
    assert!(last.iter().all(|m| m.state() == osa_core::meeting::MeetingState::Finalised));
    let now = osa_server::meetings::store::of_cycle(app.db(), cycle("Section 11 audit 2027")).await.unwrap();
    assert_eq!(now.len(), 1);
    assert_eq!(now[0].state(), osa_core::meeting::MeetingState::Scheduled);
    assert!(now[0].agenda.starts_with("Introductions"), "drafted by osa: {}", now[0].agenda);

    let council = last.iter().find(|m| m.organisation_name == "Kestrel Vale Council").unwrap();
    let lead = app.client();
    lead.sign_in("lead.kestrel-vale-council@demo.example", "demo password for tests").await;
    let page = lead.get(&format!("/meetings/{}", council.id)).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains(">Not assured</strong>"));
    assert!(page.body.contains("Dr Ann Lee, Independent scrutineer"));
    assert!(page.body.contains("(added after the record was finalised)"));
    let actions = osa_server::meetings::store::agreed_actions(app.db(), council.id).await.unwrap();
    assert_eq!(actions.len(), 1);
    let plan = lead.get(&format!("/assessments/{}/actions", actions[0].assessment_id)).await;
    assert!(plan.body.contains("Agreed at the assurance meeting of"), "{}", plan.body);

    let admin = app.client();
    admin.sign_in("admin.kestrel@demo.example", "demo password for tests").await;
    let answers = admin.get(&format!("/partnerships/{kestrel}/cyp-questions/answers")).await;
    assert!(answers.body.contains("If I tell someone at school that I am worried, what happens next?"));
    assert!(answers.body.contains("The designated safeguarding lead talks to the child the same day"));
    assert!(answers.body.contains("Kestrel Vale Hospitals NHS Foundation Trust"));
}

#[tokio::test]
async fn the_agenda_names_a_survey_question_where_practitioners_differ_from_the_return() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    // Organisation one rates 1.1 as met; five practitioners all say no.
    let lead = app.signed_in(O1_LEAD).await;
    answer_standard_one(&lead, &world, "80").await;
    sign_off_and_submit(&app.signed_in(O1_SIGNOFF).await, &lead, &world).await;
    let (survey, token) = common::surveys::open_survey(&app, &world).await;
    // Each practitioner answers once, with a response code the lead issued.
    for code in common::surveys::issue_codes(&app, survey, world.o1, 5).await {
        let answers = [("code", code.as_str()), ("q1", "no"), ("q2", "no"), ("q3", "no")];
        let answered = app.client().post(&format!("/survey/{token}"), &answers).await;
        assert!(answered.status.is_redirection(), "{}", answered.body);
    }
    let admin = app.signed_in(P1_ADMIN).await;
    let meeting =
        schedule_one(&admin, &world, world.o1, &[("external", "Dr Ann Lee, Independent scrutineer")]).await;
    let page = admin.get(&format!("/meetings/{meeting}")).await;
    let wanted = "Practitioner survey: staff are less positive than the self-assessment on \
                  &#34;Do you know who the safeguarding lead is?&#34; (0% said yes)";
    assert!(page.body.contains(wanted), "{}", page.body);
    assert!(!page.body.contains("is rated red"), "1.1 met: nothing red");
}
