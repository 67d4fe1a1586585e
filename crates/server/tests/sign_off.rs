//! Sign-off that is real: the check page carries every answer and narrative, the
//! senior sign-off is emailed when a lead asks for sign-off and the lead when it is
//! signed off (each once), and a return one person both completed and signed off
//! says so, to the organisation and to the partnerships that read it.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops loudly at the step that failed"
)]

mod common;

use common::journey::hidden;
use common::world::*;
use common::{Client, TestApp};
use osa_core::tenancy::OrgRole;
use osa_server::db::schema::{AuditLog, Outbox, Returns};
use sea_query::{Expr, ExprTrait, Query};

const WARNING: &str = "You are both the safeguarding lead and the senior sign-off for this return. \
                       Partnerships will see that one person did both.";
const SAME_PERSON: &str = "Completed and signed off by the same person";

fn check(world: &World) -> String {
    format!("/assessments/{}/check", world.o1_assessment)
}

/// Answers standard 1 as `lead`, with text that must be escaped wherever it is shown.
async fn answer_with_markup(lead: &Client, world: &World) {
    let path = format!("/assessments/{}/standards/1", world.o1_assessment);
    let page = lead.get(&path).await;
    let (v1, v2) = (hidden(&page.body, "version:1.1"), hidden(&page.body, "version:1.2"));
    let saved = lead
        .post(
            &path,
            &[
                ("value:1.1", "met"),
                ("narrative:1.1", "Named on <b>posters</b> & in \"every\" hall.\nAnd in the staff room."),
                ("action:1.1", "Add a deputy <script>alert(1)</script> by June."),
                ("value:1.2", "87.5"),
                ("narrative:1.2", "From the training list."),
                ("version:1.1", &v1),
                ("version:1.2", &v2),
            ],
        )
        .await;
    assert!(saved.status.is_redirection(), "{}", saved.body);
}

async fn mails_to(app: &TestApp, to: &str, subject_start: &str) -> usize {
    let rows: Vec<(String,)> = app
        .db()
        .fetch_all(
            &Query::select()
                .column(Outbox::Subject)
                .from(Outbox::Table)
                .and_where(Expr::col(Outbox::Recipient).eq(to))
                .to_owned(),
        )
        .await
        .unwrap();
    rows.iter().filter(|(s,)| s.starts_with(subject_start)).count()
}

async fn all_mails(app: &TestApp) -> usize {
    let (n,): (i64,) = app
        .db()
        .fetch_one(&Query::select().expr(Expr::col(Outbox::Id).count()).from(Outbox::Table).to_owned())
        .await
        .unwrap();
    n as usize
}

async fn audited(app: &TestApp, action: &str) -> usize {
    let rows: Vec<(String,)> = app
        .db()
        .fetch_all(
            &Query::select()
                .column(AuditLog::EntityId)
                .from(AuditLog::Table)
                .and_where(Expr::col(AuditLog::Action).eq(action))
                .to_owned(),
        )
        .await
        .unwrap();
    rows.len()
}

/// The one return of o1's assessment that is signed off or submitted: (id, same person).
async fn the_return(app: &TestApp, world: &World) -> (i64, bool) {
    app.db()
        .fetch_one(
            &Query::select()
                .columns([Returns::Id, Returns::SamePerson])
                .from(Returns::Table)
                .and_where(Expr::col(Returns::AssessmentId).eq(world.o1_assessment))
                .and_where(Expr::col(Returns::State).ne("withdrawn"))
                .to_owned(),
        )
        .await
        .unwrap()
}

#[tokio::test]
async fn the_check_page_carries_every_answer_and_narrative_escaped_in_a_section_per_standard() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let lead = app.signed_in(O1_LEAD).await;
    answer_with_markup(&lead, &world).await;
    let signoff = app.signed_in(O1_SIGNOFF).await;
    let page = signoff.get(&check(&world)).await;
    assert_eq!(page.status, 200);
    let body = &page.body;
    // The standings are still there, and the answers follow in an accordion.
    assert!(body.contains("Standing: <strong class=\"govuk-tag govuk-tag--green\">Green</strong>"), "{body}");
    assert_eq!(page.attrs(".govuk-accordion", "data-module"), ["govuk-accordion"]);
    assert_eq!(page.texts(".govuk-accordion__section").len(), 1, "one section per standard");
    assert!(body.contains("1. Who is responsible</span>"));
    for text in [
        "1.1 We have a named safeguarding lead.",
        "<dd class=\"govuk-summary-list__value\">Met</dd>",
        "Named on &#60;b&#62;posters&#60;/b&#62; &#38; in &#34;every&#34; hall.",
        "<p class=\"govuk-body\">And in the staff room.</p>",
        "Add a deputy &#60;script&#62;alert(1)&#60;/script&#62; by June.",
        "1.2 What percentage of staff have had training?",
        "<dd class=\"govuk-summary-list__value\">87.5%</dd>",
        "From the training list.",
        "None given",
    ] {
        assert!(body.contains(text), "missing {text}");
    }
    assert!(!body.contains("<b>posters"));
    assert!(!body.contains("<script>alert"));
    // The page nobody but the organisation's lead and sign-off reads.
    let other = app.signed_in(O2_LEAD).await;
    let refused = other.get(&check(&world)).await;
    assert_eq!(refused.status, 404);
    assert!(!refused.body.contains("posters"));
    let contributor = app.signed_in(O1_CONTRIBUTOR).await;
    let refused = contributor.get(&check(&world)).await;
    assert!(refused.status == 403 || refused.status == 404, "{}", refused.status);
    assert!(!refused.body.contains("posters"));
}

#[tokio::test]
async fn asking_for_sign_off_emails_the_sign_off_once_and_signing_off_emails_the_lead_once() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let lead = app.signed_in(O1_LEAD).await;
    let request = format!("/assessments/{}/request-sign-off", world.o1_assessment);
    // Not before every answer is given.
    assert!(!lead.get(&check(&world)).await.body.contains("Ask for sign-off"));
    lead.post(&request, &[]).await;
    assert!(lead.get(&check(&world)).await.body.contains("Answer and confirm every question"));
    assert_eq!(all_mails(&app).await, 0);

    answer_with_markup(&lead, &world).await;
    assert!(lead.get(&check(&world)).await.body.contains("Ask for sign-off"));
    let before = all_mails(&app).await;
    let asked = lead.post(&request, &[]).await;
    assert!(asked.status.is_redirection());
    let page = lead.get(&check(&world)).await;
    assert!(page.body.contains("Sign-off requested. We have emailed 1 senior sign-off."), "{}", page.body);
    assert!(page.body.contains("asked for sign-off on"));
    assert!(!page.body.contains("Ask for sign-off</button>"), "asked already");
    // A resubmitted form sends nothing more.
    lead.post(&request, &[]).await;
    assert!(lead.get(&check(&world)).await.body.contains("You have already asked for sign-off"));
    assert_eq!(mails_to(&app, O1_SIGNOFF, "Return ready for sign-off").await, 1);
    assert_eq!(all_mails(&app).await, before + 1, "only the sign-off is emailed");
    assert_eq!(app.link_in_last_mail_to(O1_SIGNOFF).await, check(&world));
    assert_eq!(audited(&app, "request_sign_off").await, 1);

    // The sign-off signs off: the lead who asked hears, once.
    let signoff = app.signed_in(O1_SIGNOFF).await;
    let sign_off = format!("/assessments/{}/sign-off", world.o1_assessment);
    assert!(!signoff.get(&check(&world)).await.body.contains(WARNING));
    signoff.post(&sign_off, &[("declaration", "yes")]).await;
    signoff.post(&sign_off, &[("declaration", "yes")]).await;
    assert!(signoff.get(&check(&world)).await.body.contains("already been signed off"));
    assert_eq!(mails_to(&app, O1_LEAD, "Return signed off").await, 1);
    assert_eq!(app.link_in_last_mail_to(O1_LEAD).await, check(&world));
    assert_eq!(all_mails(&app).await, before + 2);
    for other in [O1_CONTRIBUTOR, O2_LEAD, P1_ADMIN, PLATFORM_ADMIN] {
        assert_eq!(mails_to(&app, other, "Return").await, 0, "{other} was emailed");
    }
    let (id, same_person) = the_return(&app, &world).await;
    assert!(!same_person, "two people did the work");
    assert!(!lead.get(&check(&world)).await.body.contains(SAME_PERSON));

    // Submitted, partnerships read no same-person note on it.
    let submitted = lead.post(&format!("/assessments/{}/submit", world.o1_assessment), &[]).await;
    assert!(submitted.status.is_redirection());
    let read = app.signed_in(P1_ADMIN).await.get(&format!("/returns/{id}")).await;
    assert_eq!(read.status, 200);
    assert!(!read.body.contains(SAME_PERSON));

    // A change withdraws the sign-off; asking again is a new request and mails again.
    answer_with_markup(&lead, &world).await;
    let path = format!("/assessments/{}/standards/1", world.o1_assessment);
    let page = lead.get(&path).await;
    let (v1, v2) = (hidden(&page.body, "version:1.1"), hidden(&page.body, "version:1.2"));
    lead.post(
        &path,
        &[
            ("value:1.1", "met"),
            ("narrative:1.1", "Changed."),
            ("value:1.2", "90"),
            ("version:1.1", &v1),
            ("version:1.2", &v2),
        ],
    )
    .await;
    lead.post(&request, &[]).await;
    assert_eq!(mails_to(&app, O1_SIGNOFF, "Return ready for sign-off").await, 2);
}

#[tokio::test]
async fn a_lead_who_is_also_the_sign_off_is_warned_and_the_return_says_one_person_did_both() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let (lead_id,): (i64,) = app
        .db()
        .fetch_one(
            &Query::select()
                .column(osa_server::db::schema::Users::Id)
                .from(osa_server::db::schema::Users::Table)
                .and_where(Expr::col(osa_server::db::schema::Users::Email).eq(O1_LEAD))
                .to_owned(),
        )
        .await
        .unwrap();
    let mut tx = app.db().begin().await.unwrap();
    osa_server::accounts::store::grant_org_role(&mut tx, None, lead_id, world.o1, OrgRole::SeniorSignOff)
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let lead = app.signed_in(O1_LEAD).await;
    answer_with_markup(&lead, &world).await;
    let page = lead.get(&check(&world)).await;
    let warning = page.body.find(WARNING).expect("the warning");
    let button = page.body.find("Sign off the return</button>").expect("the sign-off button");
    assert!(warning < button, "warned before confirming");
    assert!(page.body.contains("<div class=\"govuk-warning-text\">"));
    // The other sign-off is not warned.
    assert!(!app.signed_in(O1_SIGNOFF).await.get(&check(&world)).await.body.contains(WARNING));

    let signed =
        lead.post(&format!("/assessments/{}/sign-off", world.o1_assessment), &[("declaration", "yes")]).await;
    assert!(signed.status.is_redirection());
    let (id, same_person) = the_return(&app, &world).await;
    assert!(same_person);
    // Nobody else asked, and the lead who signed off is not emailed about it.
    assert_eq!(mails_to(&app, O1_LEAD, "Return signed off").await, 0);
    let page = lead.get(&check(&world)).await;
    assert!(page.body.contains(SAME_PERSON));
    // The partnership reads it on the return, before and after submission.
    let p1 = app.signed_in(P1_ADMIN).await;
    let submitted = lead.post(&format!("/assessments/{}/submit", world.o1_assessment), &[]).await;
    assert!(submitted.status.is_redirection());
    let read = p1.get(&format!("/returns/{id}")).await;
    assert_eq!(read.status, 200);
    assert!(read.body.contains(SAME_PERSON), "{}", read.body);
    assert!(lead.get(&check(&world)).await.body.contains("completed and signed off by the same person"));
    // Another partnership's staff cannot read it at all.
    let p2 = app.signed_in(P2_ADMIN).await.get(&format!("/returns/{id}")).await;
    assert_eq!(p2.status, 404);
}

#[tokio::test]
async fn a_sign_off_nobody_asked_for_tells_every_lead() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let lead = app.signed_in(O1_LEAD).await;
    answer_with_markup(&lead, &world).await;
    let signoff = app.signed_in(O1_SIGNOFF).await;
    signoff.post(&format!("/assessments/{}/sign-off", world.o1_assessment), &[("declaration", "yes")]).await;
    assert_eq!(mails_to(&app, O1_LEAD, "Return signed off").await, 1);
    assert_eq!(audited(&app, "sign_off").await, 1);
}
