//! The child-friendly summary: partnership one's admin starts it from osa's draft,
//! edits it, previews and publishes it; anonymous visitors see nothing before
//! publishing and exactly the published words after; an edit made after publishing
//! stays private until published again; unpublishing hides it; the public page shows
//! no organisation's rating; and nobody but the partnership's admins changes it.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops loudly at the step that failed"
)]

mod common;

use common::summaries::answered_cyp_question;
use common::world::*;
use common::{Client, Page, TestApp};
use osa_core::meeting::Outcome;
use osa_core::partnership_action::{ActionFields, ActionSource, PartnershipActionStatus};
use osa_server::db::schema::AuditLog;
use osa_server::partnership_actions::store::{self as actions, NewAction};
use sea_query::{Expr, ExprTrait, Order, Query};
use time::{Duration, OffsetDateTime};

const SLUG: &str = "/summaries/partnership-one-audit-2027";

fn base(world: &World) -> String {
    format!("/cycles/{}/young-peoples-summary", world.p1_cycle)
}

async fn add_action(app: &TestApp, world: &World, title: &str) -> i64 {
    let admin = osa_server::accounts::store::user_by_email(app.db(), P1_ADMIN).await.unwrap().unwrap().id;
    let fields = ActionFields {
        title: title.into(),
        description: String::new(),
        lead_group: "Training subgroup".into(),
        lead_person: "Priya Shah".into(),
        target_date: time::macros::date!(2028 - 03 - 31),
        status: PartnershipActionStatus::OnTrack,
        evidence: String::new(),
        source: Some(ActionSource::Themes),
    };
    let new = NewAction { cycle: world.p1_cycle, partnership: world.p1, theme: None, fields };
    actions::create(app.db(), admin, &new, OffsetDateTime::now_utc() - Duration::minutes(1)).await.unwrap()
}

async fn audit_actions(app: &TestApp) -> Vec<String> {
    let rows: Vec<(String,)> = app
        .db()
        .fetch_all(
            &Query::select()
                .column(AuditLog::Action)
                .from(AuditLog::Table)
                .and_where(Expr::col(AuditLog::Entity).eq("young_peoples_summary"))
                .order_by(AuditLog::Id, Order::Asc)
                .to_owned(),
        )
        .await
        .unwrap();
    rows.into_iter().map(|(a,)| a).collect()
}

/// A page's words, lower case, each between single spaces, to look for whole words.
fn words_of(body: &str) -> String {
    let words: Vec<String> =
        body.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
    format!(" {} ", words.join(" "))
}

/// The revision the edit form (or publish page) carries.
fn revision(page: &Page) -> String {
    let marker = "name=\"revision\" value=\"";
    let start = page.body.find(marker).unwrap_or_else(|| panic!("no revision: {}", page.body)) + marker.len();
    page.body[start..start + page.body[start..].find('"').unwrap()].to_owned()
}

/// Saves the summary's words through the edit form, as a browser would post it.
async fn save(client: &Client, world: &World, told: &str, extra: &[(&str, &str)]) -> Page {
    let form = client.get(&format!("{}/edit", base(world))).await;
    assert_eq!(form.status, 200, "{}", form.body);
    let rev = revision(&form);
    let mut fields = vec![
        ("revision", rev.as_str()),
        ("title", "What we found out in 2027"),
        ("intro", "We are Partnership One. We help keep you safe."),
        ("asked", "We asked organisations how they keep children safe."),
        ("told", told),
        ("closing", "Talk to an adult you trust."),
    ];
    fields.extend_from_slice(extra);
    client.post(&format!("{}/edit", base(world)), &fields).await
}

async fn publish(client: &Client, world: &World) -> Page {
    let confirm = client.get(&format!("{}/publish", base(world))).await;
    assert_eq!(confirm.status, 200, "{}", confirm.body);
    assert!(confirm.body.contains(SLUG), "the confirmation names the public address");
    let rev = revision(&confirm);
    client.post(&format!("{}/publish", base(world)), &[("revision", rev.as_str())]).await
}

#[tokio::test]
async fn anonymous_visitors_see_only_what_was_published_and_only_while_it_is() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let action = add_action(&app, &world, "Train every sports coach").await;
    let admin = app.signed_in(P1_ADMIN).await;
    let anonymous = app.client();

    let cycle = admin.get(&format!("/cycles/{}", world.p1_cycle)).await;
    assert!(cycle.body.contains(&format!("href=\"{}\"", base(&world))), "the cycle page links the summary");
    assert!(admin.get(&base(&world)).await.body.contains("Start the summary"));
    assert_eq!(anonymous.get(SLUG).await.status, 404, "nothing before it is started");

    let started = admin.post(&base(&world), &[]).await;
    assert!(started.redirects_to(&format!("{}/edit", base(&world))), "{}", started.status);
    let draft = admin.get(&format!("{}/edit", base(&world))).await;
    for words in [
        "Keeping children safe: what we found out in ",
        "We are the Partnership One.",
        "We asked one organisation how they keep children safe.",
        "Train every sports coach",
        "We plan to do this by March 2028.",
        "Childline on 0800 1111",
    ] {
        assert!(draft.body.contains(words), "the first draft holds {words:?}");
    }
    assert!(!draft.body.contains("Priya Shah"), "the draft names no member of staff");
    assert_eq!(anonymous.get(SLUG).await.status, 404, "a draft is not public");
    let preview = admin.get(&format!("{}/preview", base(&world))).await;
    assert_eq!(preview.status, 200);
    assert!(preview.body.contains("This is the draft."));
    assert!(anonymous.get(&format!("{}/preview", base(&world))).await.redirects_to("/sign-in"));

    let action_id = action.to_string();
    let what = format!("what-{action}");
    let words = format!("words-{action}");
    let saved = save(
        &admin,
        &world,
        "Everyone sent us their answers.",
        &[
            ("action", &action_id),
            (&what, "Coaches learn how to help"),
            (&words, "Every coach will have training."),
        ],
    )
    .await;
    assert!(saved.redirects_to(&base(&world)), "{} {}", saved.status, saved.body);
    assert_eq!(anonymous.get(SLUG).await.status, 404, "saved but not published");

    assert!(publish(&admin, &world).await.redirects_to(&base(&world)));
    let public = anonymous.get(SLUG).await;
    assert_eq!(public.status, 200, "{}", public.body);
    for text in [
        "What we found out in 2027",
        "We are Partnership One. We help keep you safe.",
        "Everyone sent us their answers.",
        "Coaches learn how to help",
        "Every coach will have training.",
        "Talk to an adult you trust.",
        "govuk-body-l",
    ] {
        assert!(public.body.contains(text), "the public page shows {text:?}");
    }
    assert!(!public.body.contains("Priya Shah") && !public.body.contains("Training subgroup"));
    assert!(public.body.contains("aria-hidden=\"true\""), "the pictures are decorative");
    assert!(public.headers.get("set-cookie").is_none(), "reading it writes no session");

    // An edit after publishing stays private until it is published again.
    assert!(save(&admin, &world, "A NEW SENTENCE NOT YET PUBLISHED.", &[]).await.redirects_to(&base(&world)));
    let public = anonymous.get(SLUG).await;
    assert!(public.body.contains("Everyone sent us their answers."));
    assert!(!public.body.contains("A NEW SENTENCE NOT YET PUBLISHED."), "the edit leaked");
    assert!(public.body.contains("Coaches learn how to help"), "the published copy keeps its change");
    assert!(admin.get(&base(&world)).await.body.contains("Published, with changes not yet published"));

    assert!(publish(&admin, &world).await.redirects_to(&base(&world)));
    let public = anonymous.get(SLUG).await;
    assert!(public.body.contains("A NEW SENTENCE NOT YET PUBLISHED."));
    assert!(!public.body.contains("Coaches learn how to help"), "the change left out is gone");

    assert!(admin.post(&format!("{}/unpublish", base(&world)), &[]).await.redirects_to(&base(&world)));
    assert_eq!(anonymous.get(SLUG).await.status, 404, "unpublished");
    assert_eq!(app.signed_in(P1_PANEL).await.get(SLUG).await.status, 404, "for everyone");
    assert!(publish(&admin, &world).await.redirects_to(&base(&world)));
    assert_eq!(anonymous.get(SLUG).await.status, 200, "republished");
    assert_eq!(anonymous.get("/summaries/no-such-summary").await.status, 404);
    assert_eq!(
        audit_actions(&app).await,
        ["create", "update", "publish", "update", "publish", "unpublish", "publish"]
    );
}

#[tokio::test]
async fn the_public_page_shows_no_organisations_rating() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let question = "Do grown-ups listen to us?";
    let cyp = answered_cyp_question(
        &app,
        &world,
        question,
        "Organisation One said yes, always.",
        Outcome::NotAssured,
    )
    .await;
    let admin = app.signed_in(P1_ADMIN).await;
    admin.post(&base(&world), &[]).await;
    let edit = admin.get(&format!("{}/edit", base(&world))).await;
    assert!(
        edit.body.contains("Organisation One said yes, always."),
        "the admin reads the answer while writing"
    );
    assert!(edit.body.contains("One organisation answered this question."), "the draft counts it");

    // A rating typed into the words is refused, and nothing is saved.
    let cyp_id = cyp.to_string();
    let answer = format!("answer-{cyp}");
    let refused = save(
        &admin,
        &world,
        "Organisation One was rated red.",
        &[("question", &cyp_id), (&answer, "They were not assured.")],
    )
    .await;
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("<title>Error: "));
    assert!(refused.body.contains("href=\"#told\">Take out “rated red”"), "{}", refused.body);
    assert!(refused.body.contains(&format!("href=\"#{answer}\">Take out “not assured”")));
    assert!(refused.body.contains("Organisation One was rated red."), "what was typed is kept");
    assert_eq!(audit_actions(&app).await, ["create"], "nothing was saved");

    let saved = save(
        &admin,
        &world,
        "Everyone answered.",
        &[("question", &cyp_id), (&answer, "They told us they always listen to children.")],
    )
    .await;
    assert!(saved.redirects_to(&base(&world)), "{}", saved.body);
    assert!(publish(&admin, &world).await.redirects_to(&base(&world)));
    let public = app.client().get(SLUG).await;
    assert_eq!(public.status, 200);
    assert!(public.body.contains(question));
    assert!(public.body.contains("They told us they always listen to children."));
    let text = words_of(&public.body);
    for phrase in [
        "organisation one",
        "not assured",
        "partly assured",
        "assured",
        "not met",
        "partially met",
        "red",
        "amber",
        "green",
        "rated",
        "rating",
    ] {
        assert!(!text.contains(&format!(" {phrase} ")), "the public page says {phrase:?}");
    }
}

#[tokio::test]
async fn only_the_partnerships_admins_change_or_publish_the_summary() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let admin = app.signed_in(P1_ADMIN).await;
    admin.post(&base(&world), &[]).await;
    let original = admin.get(&format!("{}/edit", base(&world))).await;
    let rev = revision(&original);
    let edit = format!("{}/edit", base(&world));
    let form =
        [("revision", rev.as_str()), ("title", "Taken over"), ("intro", "x"), ("asked", "x"), ("told", "x")];

    let other = app.signed_in(P2_ADMIN).await;
    assert_eq!(other.get(&base(&world)).await.status, 404, "another partnership is told nothing exists");
    assert_eq!(other.post(&edit, &form).await.status, 404);
    assert_eq!(other.post(&format!("{}/publish", base(&world)), &[("revision", &rev)]).await.status, 404);

    let analyst = app.signed_in(P1_ANALYST).await;
    let page = analyst.get(&base(&world)).await;
    assert_eq!(page.status, 200, "the partnership's staff read it");
    assert!(!page.body.contains("Change the words"), "but are not offered changes");
    assert_eq!(analyst.get(&edit).await.status, 403);
    assert_eq!(analyst.post(&edit, &form).await.status, 403);
    assert_eq!(analyst.post(&format!("{}/publish", base(&world)), &[("revision", &rev)]).await.status, 403);
    assert_eq!(app.signed_in(O1_LEAD).await.get(&base(&world)).await.status, 404);
    assert_eq!(audit_actions(&app).await, ["create"], "nothing changed");
    assert_eq!(app.client().get(SLUG).await.status, 404, "and nothing was published");

    // A form filled in from an older revision does not overwrite a colleague's words.
    assert!(save(&admin, &world, "First words.", &[]).await.redirects_to(&base(&world)));
    let stale = admin.post(&edit, &form).await;
    assert_eq!(stale.status, 409);
    assert!(stale.body.contains("Someone changed the summary while you were writing"));
    assert!(admin.get(&edit).await.body.contains("First words."));
    // And a publish confirmed before a change publishes nothing.
    let published = admin.post(&format!("{}/publish", base(&world)), &[("revision", &rev)]).await;
    assert!(published.redirects_to(&base(&world)));
    assert_eq!(app.client().get(SLUG).await.status, 404, "the old confirmation published nothing");
}
