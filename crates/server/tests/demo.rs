//! The demo region loads into a fresh database on either engine, and only into one.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops loudly at the step that failed"
)]

mod common;

use common::TestApp;

#[tokio::test]
async fn the_demo_region_loads_and_its_people_can_sign_in() {
    let app = TestApp::spawn().await;
    let summary = osa_server::demo::load(app.db(), "demo password for tests").await.unwrap();
    assert!(summary.starts_with("5 partnerships"), "{summary}");

    let admin = app.client();
    assert!(admin.sign_in("admin@demo.example", "demo password for tests").await.redirects_to("/home"));
    let partnerships = admin.get("/admin/partnerships").await;
    assert!(partnerships.body.contains("Hollinbrook Safeguarding Partnership"));

    let lead = app.client();
    assert!(lead.sign_in("lead.police@demo.example", "demo password for tests").await.redirects_to("/home"));
    let home = lead.get("/home").await;
    assert!(home.body.contains("Kestrel Vale and Marsham Police"));

    let partnership_admin = app.client();
    partnership_admin.sign_in("admin.kestrel@demo.example", "demo password for tests").await;
    let home = partnership_admin.get("/home").await;
    assert!(home.body.contains("Kestrel Vale Safeguarding Children Partnership"));

    // The demo has an open cycle of the Kestrel children's partnership.
    let kestrel = common::demo_kestrel(&app).await;
    let cycles = partnership_admin.get(&format!("/partnerships/{kestrel}/cycles")).await;
    assert!(cycles.body.contains("Section 11 audit 2027"), "{}", cycles.body);
    assert!(cycles.body.contains("Section 11 audit 2025"), "the last audit is kept: {}", cycles.body);
}

#[tokio::test]
async fn most_of_the_demo_area_has_submitted_returns_made_as_a_person_would() {
    let app = TestApp::spawn().await;
    osa_server::demo::load(app.db(), "demo password for tests").await.unwrap();
    let kestrel = common::demo_kestrel(&app).await;
    let cycles = osa_server::cycles::store::of_partnership(app.db(), kestrel).await.unwrap();
    for cycle in &cycles {
        let invitations = osa_server::cycles::store::invitations(app.db(), cycle.id).await.unwrap();
        let answered = invitations.iter().filter(|i| i.return_id.is_some()).count();
        assert!(answered * 2 > invitations.len(), "{}: {answered} of {}", cycle.name, invitations.len());
        assert!(answered < invitations.len(), "{} leaves someone outstanding", cycle.name);
    }
    let last = cycles.iter().find(|c| c.name == "Section 11 audit 2025").unwrap();
    assert!(last.closed_at.is_some(), "the 2025 audit is closed");

    // The police force's assessment is left for the browser tests to begin.
    let police = osa_server::organisations::store::page(app.db(), "Kestrel Vale and Marsham Police", 5, 0)
        .await
        .unwrap();
    let police = police.iter().find(|o| o.name == "Kestrel Vale and Marsham Police").unwrap().id;
    let current = cycles.iter().find(|c| c.name == "Section 11 audit 2027").unwrap();
    let invitations = osa_server::cycles::store::invitations(app.db(), current.id).await.unwrap();
    let police_invitation = invitations.iter().find(|i| i.organisation_id == police).unwrap();
    assert_eq!(police_invitation.return_id, None);
}

#[tokio::test]
async fn the_demo_police_force_is_signposted_to_its_partnerships_resources() {
    let app = TestApp::spawn().await;
    osa_server::demo::load(app.db(), "demo password for tests").await.unwrap();
    let lead = app.client();
    assert!(lead.sign_in("lead.police@demo.example", "demo password for tests").await.redirects_to("/home"));
    let libraries = lead.get("/resources").await;
    assert!(libraries.body.contains("Kestrel Vale Safeguarding Children Partnership"));
    assert!(!libraries.body.contains("Eastwick and Fenby"), "the force does not serve Fenby");

    // Start the children's assessment and answer safer recruitment's first question "not met".
    let home = lead.get("/home").await;
    let org = home
        .body
        .split("href=\"/organisations/")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_owned();
    let children = osa_server::frameworks::store::list(app.db())
        .await
        .unwrap()
        .into_iter()
        .find(|f| f.key == "s11-children")
        .unwrap();
    let started = lead
        .post(&format!("/organisations/{org}/assessments"), &[("framework", &children.id.to_string())])
        .await;
    let assessment = started.location.expect("the assessment starts");
    let standard = format!("{assessment}/standards/3");
    let saved = lead
        .post(
            &standard,
            &[
                ("value:3.1", "not_met"),
                ("narrative:3.1", "Panels are not trained yet."),
                ("version:3.1", "0"),
            ],
        )
        .await;
    assert!(saved.status.is_redirection(), "{}", saved.body);
    let page = lead.get(&standard).await;
    assert!(page.body.contains("Help with this"));
    assert!(page.body.contains("Safer recruitment training for interview panels"));
    assert!(page.body.contains("Training from Kestrel Vale Safeguarding Children Partnership"));
    assert!(
        !page.body.contains("Single central record template"),
        "linked to other criteria of the standard"
    );
}

#[tokio::test]
async fn the_demo_refuses_a_database_that_already_has_accounts() {
    let app = TestApp::spawn().await;
    osa_server::demo::load(app.db(), "demo password for tests").await.unwrap();
    let second = osa_server::demo::load(app.db(), "demo password for tests").await;
    assert!(second.unwrap_err().to_string().contains("empty database"));
}

#[tokio::test]
async fn the_demo_has_challenges_waiting_for_the_council_and_counted_for_the_cycle() {
    let app = TestApp::spawn().await;
    let summary = osa_server::demo::load(app.db(), "demo password for tests").await.unwrap();
    assert!(summary.contains("6 comments and challenges on returns"), "{summary}");
    let council = osa_server::organisations::store::page(app.db(), "Kestrel Vale Council", 5, 0)
        .await
        .unwrap()
        .into_iter()
        .find(|o| o.name == "Kestrel Vale Council")
        .unwrap()
        .id;
    let lead = app.client();
    lead.sign_in("lead.kestrel-vale-council@demo.example", "demo password for tests").await;
    let list = lead.get(&format!("/organisations/{council}/challenges")).await;
    assert_eq!(list.status, 200);
    assert!(list.body.contains("1 waiting for your answer"), "{}", list.body);
    assert!(list.body.contains("Please attach your escalation policy"));

    let panel = app.client();
    panel.sign_in("panel.kestrel@demo.example", "demo password for tests").await;
    let kestrel = common::demo_kestrel(&app).await;
    let cycles = osa_server::cycles::store::of_partnership(app.db(), kestrel).await.unwrap();
    let current = cycles.iter().find(|c| c.name == "Section 11 audit 2027").unwrap();
    let counts = panel.get(&format!("/cycles/{}/challenges", current.id)).await;
    assert!(counts.body.contains("Kestrel Vale Council"), "{}", counts.body);
    let rows = counts
        .body
        .matches("<td class=\"govuk-table__cell\"><a class=\"govuk-link\" href=\"/returns/")
        .count();
    assert_eq!(rows, 3, "three organisations are challenged: {}", counts.body);
}

#[tokio::test]
async fn the_demo_survey_shows_figures_a_flag_and_a_group_too_small_to_show() {
    let app = TestApp::spawn().await;
    osa_server::demo::load(app.db(), "demo password for tests").await.unwrap();
    let admin = app.client();
    admin.sign_in("admin.kestrel@demo.example", "demo password for tests").await;
    let kestrel = common::demo_kestrel(&app).await;
    let cycles = osa_server::cycles::store::of_partnership(app.db(), kestrel).await.unwrap();
    let current = cycles.iter().find(|c| c.name == "Section 11 audit 2027").unwrap();
    let surveys = osa_server::surveys::store::of_cycle(app.db(), current.id).await.unwrap();
    assert_eq!(surveys.len(), 1);
    let results = admin.get(&format!("/surveys/{}/results", surveys[0].id)).await;
    assert_eq!(results.status, 200);
    assert!(results.body.contains("Not enough responses to show"));
    assert!(results.body.contains("Large difference</strong>"), "a flag is shown");
    assert!(results.body.contains("% ("), "figures are shown");
    // Every demo answer spent a response code, and a few codes are still unused:
    // 12 + 9 + 7 + 3 answered, 3 more issued to each of those four organisations.
    assert!(results.body.contains("43 codes issued, 31 used"), "{}", results.body);
}

#[tokio::test]
async fn the_demo_has_partnership_actions_for_both_audits_with_their_progress() {
    let app = TestApp::spawn().await;
    let summary = osa_server::demo::load(app.db(), "demo password for tests").await.unwrap();
    assert!(summary.contains("5 partnership actions"), "{summary}");
    let kestrel = common::demo_kestrel(&app).await;
    let cycles = osa_server::cycles::store::of_partnership(app.db(), kestrel).await.unwrap();
    let id_of = |name: &str| cycles.iter().find(|c| c.name == name).unwrap().id;
    let analyst = app.client();
    analyst.sign_in("analyst.kestrel@demo.example", "demo password for tests").await;

    let last = analyst.get(&format!("/cycles/{}/partnership-actions", id_of("Section 11 audit 2025"))).await;
    assert_eq!(last.status, 200);
    assert_eq!(last.body.matches("govuk-tag--green\">Completed").count(), 2, "{}", last.body);
    assert_eq!(last.body.matches("govuk-tag--red\">Overdue").count(), 1, "the escalation action is late");
    assert!(last.body.contains("Theme: Neglect"));
    let current =
        analyst.get(&format!("/cycles/{}/partnership-actions", id_of("Section 11 audit 2027"))).await;
    assert!(current.body.contains("Audit how agencies record the voice of the child"));
    assert!(!current.body.contains("Overdue</strong>"), "the open audit's actions are not late");

    let start = last.body.find("/partnership-actions/").unwrap() + "/partnership-actions/".len();
    let first: String = last.body[start..].chars().take_while(char::is_ascii_digit).collect();
    let page = analyst.get(&format!("/partnership-actions/{first}")).await;
    assert!(page.body.contains("Status changed from"), "progress notes are kept: {}", page.body);
}

#[tokio::test]
async fn the_demo_has_a_finalised_2025_board_report_and_a_2027_draft() {
    let app = TestApp::spawn().await;
    osa_server::demo::load(app.db(), "demo password for tests").await.unwrap();
    let kestrel = common::demo_kestrel(&app).await;
    let cycles = osa_server::cycles::store::of_partnership(app.db(), kestrel).await.unwrap();
    let id_of = |name: &str| cycles.iter().find(|c| c.name == name).unwrap().id;
    let analyst = app.client();
    analyst.sign_in("analyst.kestrel@demo.example", "demo password for tests").await;

    let last = format!("/cycles/{}/board-report", id_of("Section 11 audit 2025"));
    let page = analyst.get(&last).await;
    assert!(page.body.contains("Finalised on") && page.body.contains("figures as at"), "{}", page.body);
    let preview = analyst.get(&format!("{last}/preview")).await;
    assert!(preview.body.contains("Agree one multi-agency neglect strategy"));
    assert!(preview.body.contains("Supervision of frontline staff is uneven"));
    assert!(preview.body.contains("Agree a multi-agency neglect strategy and bring in one assessment tool"));
    // The frozen response rate is the closed round's, as its dashboard counts it.
    let dashboard = analyst.get(&format!("/cycles/{}/dashboard", id_of("Section 11 audit 2025"))).await;
    let start = dashboard.body.find("<strong>").unwrap() + "<strong>".len();
    let rate: String = dashboard.body[start..].chars().take_while(char::is_ascii_digit).collect();
    assert!(preview.body.contains(&format!("({rate}%) submitted a return")), "{rate}");

    let draft = analyst.get(&format!("/cycles/{}/board-report", id_of("Section 11 audit 2027"))).await;
    assert!(draft.body.contains("Draft") && draft.body.contains("/sections/summary"));
}

#[tokio::test]
async fn the_demo_publishes_the_2025_child_friendly_summary_and_drafts_the_2027_one() {
    let app = TestApp::spawn().await;
    osa_server::demo::load(app.db(), "demo password for tests").await.unwrap();
    let kestrel = common::demo_kestrel(&app).await;
    let cycles = osa_server::cycles::store::of_partnership(app.db(), kestrel).await.unwrap();
    let id_of = |name: &str| cycles.iter().find(|c| c.name == name).unwrap().id;
    let store = |id| osa_server::young_peoples_summary::store::of_cycle(app.db(), id);
    let last = store(id_of("Section 11 audit 2025")).await.unwrap().expect("the 2025 summary");
    let current = store(id_of("Section 11 audit 2027")).await.unwrap().expect("the 2027 summary");
    assert!(last.is_public && !last.has_unpublished_changes());
    let published = last.published().unwrap().unwrap();
    assert_eq!(osa_core::young_peoples_summary::long_sentences(&published), Vec::<String>::new());
    assert_eq!(osa_core::young_peoples_summary::validate(&published), Ok(published.clone()));
    assert_eq!(published.questions.len(), 3, "every question of the Youth Council is answered");
    assert!(!current.is_public && current.published.is_none(), "the 2027 summary is a draft");

    let public = app.client().get(&format!("/summaries/{}", last.slug)).await;
    assert_eq!(public.status, 200);
    for words in [
        "what we found out in 2025",
        "the person you tell will listen to you the same day",
        "Who can I talk to if a grown-up at my club makes me feel unsafe?",
        "Noticing sooner when children need more care at home",
        "Childline",
    ] {
        assert!(public.body.contains(words), "the published summary says {words:?}");
    }
    for name in ["Kestrel Vale Council", "Kestrel Vale Hospitals", "Partly assured", "Not assured"] {
        assert!(!public.body.contains(name), "the public page shows {name:?}");
    }
    assert_eq!(app.client().get(&format!("/summaries/{}", current.slug)).await.status, 404);
}
