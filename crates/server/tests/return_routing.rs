//! Returns go where they belong (issue 15, item 4). An organisation serving a
//! children's, an adults' and a joint partnership submits a children's, an adults' and
//! a joint framework return: the submit step ticks the partnerships each is for, and
//! what is sent is what is recorded. The lead may change the choice among the
//! partnerships served, never beyond them, and not to nobody; a partnership not chosen
//! reads none of the return.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops loudly at the step that failed"
)]

mod common;

use std::collections::HashMap;

use common::world::*;
use common::{Client, PASSWORD, TestApp};
use osa_core::tenancy::{DutyStatus, OrgRole, PartnershipKind, PartnershipRole, Sector};
use osa_server::accounts::{password, store};
use osa_server::assessments::record::{self, SignOff};
use osa_server::db::schema::{ReturnPartnerships, Returns};
use osa_server::organisations::store::{self as orgs, NewOrganisation};
use osa_server::partnerships::store::{self as partnerships, NewPartnership};
use sea_query::{Expr, ExprTrait, Order, Query};

const PJ_ADMIN: &str = "pj.admin@test.example";
const MANY_LEAD: &str = "many.lead@test.example";

/// The test world, plus a joint partnership and an organisation serving partnership
/// one (children's), two (adults') and the joint one, with an adults' and a joint
/// framework beside the children's test framework.
struct Routed {
    world: World,
    pj: i64,
    many: i64,
    lead: i64,
    /// (framework id, key) of the children's, adults' and joint frameworks.
    children: (i64, &'static str),
    adults: (i64, &'static str),
    joint: (i64, &'static str),
}

async fn framework(app: &TestApp, owner: i64, key: &'static str, audience: &str) -> (i64, &'static str) {
    let text = TEST_FRAMEWORK
        .replace("key = \"test-framework\"", &format!("key = \"{key}\""))
        .replace("name = \"Test framework\"", &format!("name = \"Framework {key}\""))
        .replace("audience = \"children\"", &format!("audience = \"{audience}\""));
    match osa_server::frameworks::import::import(app.db(), Some(owner), None, false, text.as_bytes(), true)
        .await
    {
        Ok(done) => (done.id, key),
        Err(_) => panic!("the {key} framework did not import"),
    }
}

impl Routed {
    async fn build(app: &TestApp) -> Routed {
        let world = World::build(app).await;
        let hash = password::hash(PASSWORD.to_owned()).await.unwrap();
        let mut tx = app.db().begin().await.unwrap();
        let joint =
            NewPartnership { name: "Partnership Joint", area: "Area Joint", kind: PartnershipKind::Joint };
        let pj = partnerships::create(&mut tx, None, joint).await.unwrap();
        let many = NewOrganisation {
            name: "Organisation Many",
            sector: Sector::Police,
            duty: DutyStatus::Statutory,
        };
        let many = orgs::create(&mut tx, None, &many).await.unwrap();
        for p in [world.p1, world.p2, pj] {
            orgs::add_area(&mut tx, many, p).await.unwrap();
        }
        let (lead, _) =
            store::find_or_create_user(&mut tx, None, MANY_LEAD, MANY_LEAD, Some(hash.clone()), false)
                .await
                .unwrap();
        store::grant_org_role(&mut tx, None, lead, many, OrgRole::SafeguardingLead).await.unwrap();
        let (admin, _) =
            store::find_or_create_user(&mut tx, None, PJ_ADMIN, PJ_ADMIN, Some(hash), false).await.unwrap();
        store::grant_partnership_role(&mut tx, None, admin, pj, PartnershipRole::Admin).await.unwrap();
        tx.commit().await.unwrap();
        let children = (world.framework_v1, "test-framework");
        let adults = framework(app, world.p2, "adults-framework", "adults").await;
        let joint = framework(app, pj, "joint-framework", "joint").await;
        Routed { world, pj, many, lead, children, adults, joint }
    }
}

/// Starts (or reuses) the organisation's assessment on a framework and signs it off,
/// as the senior sign-off's form does; (assessment, return).
async fn signed_off(app: &TestApp, organisation: i64, framework: (i64, &str), by: i64) -> (i64, i64) {
    let db = app.db();
    let assessment = match osa_server::assessments::store::of_organisation(db, organisation)
        .await
        .unwrap()
        .into_iter()
        .find(|a| a.framework_key == framework.1)
    {
        Some(a) => a.id,
        None => osa_server::assessments::store::start(db, organisation, framework.1, framework.0, by)
            .await
            .unwrap(),
    };
    let stored = osa_server::frameworks::store::load(db, framework.0).await.unwrap().unwrap();
    let answers = HashMap::new();
    let mut tx = db.begin().await.unwrap();
    let sign_off = SignOff {
        assessment,
        framework_id: framework.0,
        framework: &stored.framework,
        local_questions: &[],
        answers: &answers,
        evidence: serde_json::json!({}),
        sector: Sector::Police,
        duty: DutyStatus::Statutory,
        by,
        at: time::OffsetDateTime::now_utc(),
        same_person: false,
    };
    let return_id = record::sign_off(&mut tx, &sign_off).await.unwrap();
    tx.commit().await.unwrap();
    (assessment, return_id)
}

/// The partnerships a return was sent to, as recorded.
async fn sent_to(app: &TestApp, return_id: i64) -> Vec<i64> {
    let rows: Vec<(i64,)> = app
        .db()
        .fetch_all(
            &Query::select()
                .column(ReturnPartnerships::PartnershipId)
                .from(ReturnPartnerships::Table)
                .and_where(Expr::col(ReturnPartnerships::ReturnId).eq(return_id))
                .order_by(ReturnPartnerships::PartnershipId, Order::Asc)
                .to_owned(),
        )
        .await
        .unwrap();
    rows.into_iter().map(|(p,)| p).collect()
}

async fn state_of(app: &TestApp, return_id: i64) -> String {
    let (state,): (String,) = app
        .db()
        .fetch_one(
            &Query::select()
                .column(Returns::State)
                .from(Returns::Table)
                .and_where(Expr::col(Returns::Id).eq(return_id))
                .to_owned(),
        )
        .await
        .unwrap();
    state
}

/// Whether the check page's checkbox for `partnership` is there, and ticked.
fn checkbox(body: &str, partnership: i64) -> Option<bool> {
    let marker = format!("name=\"partnerships\" type=\"checkbox\" value=\"{partnership}\"");
    let at = body.find(&marker)? + marker.len();
    Some(body[at..].trim_start().starts_with("checked"))
}

/// Submits with the given partnerships ticked, as the submit form posts them.
async fn submit(lead: &Client, assessment: i64, ticked: &[i64]) -> common::Page {
    let ids: Vec<String> = ticked.iter().map(i64::to_string).collect();
    let mut form = vec![("routing", "chosen")];
    form.extend(ids.iter().map(|id| ("partnerships", id.as_str())));
    lead.post(&format!("/assessments/{assessment}/submit"), &form).await
}

#[tokio::test]
async fn each_framework_goes_by_default_to_the_partnerships_it_is_for() {
    let app = TestApp::spawn().await;
    let r = Routed::build(&app).await;
    let (p1, p2, pj) = (r.world.p1, r.world.p2, r.pj);
    let lead = app.signed_in(MANY_LEAD).await;
    for (framework, ticked, words) in [
        (r.children, vec![p1, pj], "Partnership Joint and Partnership One"),
        (r.adults, vec![p2, pj], "Partnership Joint and Partnership Two"),
        (r.joint, vec![p1, p2, pj], "Partnership Joint, Partnership One and Partnership Two"),
    ] {
        let (assessment, return_id) = signed_off(&app, r.many, framework, r.lead).await;
        let check = lead.get(&format!("/assessments/{assessment}/check")).await;
        assert_eq!(check.status, 200);
        assert!(check.body.contains("Partnerships to send the return to"), "{}", check.body);
        for p in [p1, p2, pj] {
            assert_eq!(checkbox(&check.body, p), Some(ticked.contains(&p)), "{} on {}", p, framework.1);
        }
        assert!(check.body.contains("Partnership Two (adults)"));
        let done = submit(&lead, assessment, &ticked).await;
        assert!(done.redirects_to(&format!("/assessments/{assessment}/check")), "{}", done.body);
        let mut expected = ticked.clone();
        expected.sort();
        assert_eq!(sent_to(&app, return_id).await, expected, "{}", framework.1);
        let after = lead.get(&format!("/assessments/{assessment}/check")).await;
        assert!(after.body.contains(&format!("Return submitted to {words}.")), "{}", after.body);
        let (_, mail) = app.last_mail_to(MANY_LEAD).await.unwrap();
        assert!(mail.contains(&format!("to {words}.")), "{mail}");
        // The kept version names them too.
        let kept = lead.get(&format!("/returns/{return_id}")).await;
        assert_eq!(kept.status, 200);
        for (p, name) in [(p1, "Partnership One"), (p2, "Partnership Two"), (pj, "Partnership Joint")] {
            let listed = kept.body.contains(&format!("<li>{name}</li>"));
            assert_eq!(listed, ticked.contains(&p), "{name} on the kept {}", framework.1);
        }
    }
}

#[tokio::test]
async fn a_form_without_the_choice_sends_where_the_page_would_have_ticked() {
    let app = TestApp::spawn().await;
    let r = Routed::build(&app).await;
    let lead = app.signed_in(MANY_LEAD).await;
    let (assessment, return_id) = signed_off(&app, r.many, r.adults, r.lead).await;
    let done = lead.post(&format!("/assessments/{assessment}/submit"), &[]).await;
    assert!(done.status.is_redirection(), "{}", done.body);
    let mut expected = vec![r.world.p2, r.pj];
    expected.sort();
    assert_eq!(sent_to(&app, return_id).await, expected);
}

#[tokio::test]
async fn the_lead_may_send_elsewhere_and_a_partnership_not_chosen_reads_nothing() {
    let app = TestApp::spawn().await;
    let r = Routed::build(&app).await;
    let lead = app.signed_in(MANY_LEAD).await;
    // A children's return, sent by the lead's choice to the adults' partnership only.
    let (assessment, return_id) = signed_off(&app, r.many, r.children, r.lead).await;
    let done = submit(&lead, assessment, &[r.world.p2]).await;
    assert!(done.status.is_redirection(), "{}", done.body);
    assert_eq!(sent_to(&app, return_id).await, vec![r.world.p2]);
    let after = lead.get(&format!("/assessments/{assessment}/check")).await;
    assert!(after.body.contains("Return submitted to Partnership Two."), "{}", after.body);

    let pages = [
        format!("/returns/{return_id}"),
        format!("/returns/{return_id}/criteria/1.1"),
        format!("/returns/{return_id}/copy.pdf"),
        format!("/returns/{return_id}/copy.docx"),
    ];
    let chosen = app.signed_in(P2_ADMIN).await;
    for path in &pages {
        assert_eq!(chosen.get(path).await.status, 200, "the chosen partnership reads {path}");
    }
    for email in [P1_ADMIN, P1_ANALYST, P1_PANEL, PJ_ADMIN] {
        let unchosen = app.signed_in(email).await;
        for path in &pages {
            assert_eq!(unchosen.get(path).await.status, 404, "{email} must not read {path}");
        }
    }
}

#[tokio::test]
async fn a_partnership_the_organisation_does_not_serve_is_refused_and_nothing_is_sent() {
    let app = TestApp::spawn().await;
    let r = Routed::build(&app).await;
    // Organisation one serves partnership one only; partnership two is another tenant.
    let o1_lead = store::user_by_email(app.db(), O1_LEAD).await.unwrap().unwrap().id;
    let (assessment, return_id) = signed_off(&app, r.world.o1, r.children, o1_lead).await;
    let lead = app.signed_in(O1_LEAD).await;
    let check = lead.get(&format!("/assessments/{assessment}/check")).await;
    assert_eq!(checkbox(&check.body, r.world.p1), Some(true));
    assert_eq!(checkbox(&check.body, r.world.p2), None, "only partnerships served are offered");
    for ticked in [vec![r.world.p1, r.world.p2], vec![r.pj]] {
        let refused = submit(&lead, assessment, &ticked).await;
        assert_eq!(refused.status, 422);
        assert!(refused.body.contains("govuk-error-summary"), "{}", refused.body);
        assert!(refused.body.contains("Select only partnerships your organisation serves"));
        assert!(refused.body.contains("<title>Error: "));
    }
    let forged = lead
        .post(&format!("/assessments/{assessment}/submit"), &[("routing", "chosen"), ("partnerships", "one")])
        .await;
    assert_eq!(forged.status, 422);
    assert!(sent_to(&app, return_id).await.is_empty(), "nothing sent");
    assert_eq!(state_of(&app, return_id).await, "signed_off");
    assert!(app.last_mail_to(O1_LEAD).await.is_none_or(|(s, _)| !s.starts_with("Return submitted")));
}

#[tokio::test]
async fn submitting_to_no_partnership_is_an_error() {
    let app = TestApp::spawn().await;
    let r = Routed::build(&app).await;
    let lead = app.signed_in(MANY_LEAD).await;
    let (assessment, return_id) = signed_off(&app, r.many, r.joint, r.lead).await;
    let refused = submit(&lead, assessment, &[]).await;
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("govuk-error-summary"));
    assert!(
        refused.body.contains("<a href=\"#partnerships\">Select at least one partnership</a>"),
        "{}",
        refused.body
    );
    assert!(refused.body.contains("govuk-form-group--error"));
    for p in [r.world.p1, r.world.p2, r.pj] {
        assert_eq!(checkbox(&refused.body, p), Some(false), "the page shows what was sent: nothing ticked");
    }
    assert!(sent_to(&app, return_id).await.is_empty());
    assert_eq!(state_of(&app, return_id).await, "signed_off");
    // Ticking one afterwards sends it.
    let done = submit(&lead, assessment, &[r.pj]).await;
    assert!(done.status.is_redirection());
    assert_eq!(sent_to(&app, return_id).await, vec![r.pj]);
}

#[tokio::test]
async fn only_the_organisations_lead_submits_and_others_are_refused() {
    let app = TestApp::spawn().await;
    let r = Routed::build(&app).await;
    let (assessment, return_id) = signed_off(&app, r.many, r.children, r.lead).await;
    for email in [O1_LEAD, O2_LEAD, P1_ADMIN, PJ_ADMIN] {
        let other = app.signed_in(email).await;
        let refused = submit(&other, assessment, &[r.world.p1]).await;
        assert!(refused.status == 404 || refused.status == 403, "{email}: {}", refused.status);
    }
    assert!(sent_to(&app, return_id).await.is_empty());
}
