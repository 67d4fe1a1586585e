//! Resources and signposting: a partnership admin keeps the library (links and files),
//! mistakes are explained without losing what was typed, organisations serving the
//! partnership see the matching resources beside amber and red answers and on their
//! actions, and nobody else reaches any of it.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops loudly at the step that failed"
)]

mod common;

use common::world::*;
use common::{Client, Page, TestApp};
use osa_core::signposting::{Link, ResourceKind};
use osa_server::resources::store::{self, Fields, Source};

/// Posts the add or edit form the way a browser does: multipart, the token in the URL.
async fn send(client: &Client, path: &str, fields: &[(&str, &str)], file: Option<(&str, &[u8])>) -> Page {
    let token = client.token().await;
    let mut form = reqwest::multipart::Form::new().text("csrf_token", token);
    for (name, value) in fields {
        form = form.text(name.to_string(), value.to_string());
    }
    if let Some((name, bytes)) = file {
        form = form.part("file", reqwest::multipart::Part::bytes(bytes.to_vec()).file_name(name.to_owned()));
    }
    let url = format!("{}{path}", client.base);
    let response = client.http.post(url).multipart(form).send().await.expect("upload failed");
    let status = response.status();
    let headers = response.headers().clone();
    let location = headers.get("location").and_then(|v| v.to_str().ok()).map(str::to_owned);
    let body = response.text().await.unwrap_or_default();
    Page { status, location, headers, body }
}

fn link_fields<'a>(title: &'a str, url: &'a str, links: &[&'a str]) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        ("kind", "guidance"),
        ("title", title),
        ("description", "When and how to raise a concern."),
        ("source", "link"),
        ("url", url),
    ];
    fields.extend(links.iter().map(|l| ("links", *l)));
    fields
}

async fn resources_of(app: &TestApp, partnership: i64) -> Vec<store::ResourceRow> {
    store::page(app.db(), partnership, &store::Filter::default(), 500, 0).await.unwrap()
}

fn find<'a>(rows: &'a [store::ResourceRow], title: &str) -> &'a store::ResourceRow {
    rows.iter().find(|r| r.title == title).unwrap_or_else(|| panic!("no resource {title}"))
}

async fn audit_count(app: &TestApp, action: &str) -> i64 {
    use osa_server::db::schema::AuditLog;
    use sea_query::{Expr, ExprTrait, Query};
    let (n,): (i64,) = app
        .db()
        .fetch_one(
            &Query::select()
                .expr(Expr::col(AuditLog::Id).count())
                .from(AuditLog::Table)
                .and_where(Expr::col(AuditLog::Entity).eq("resource"))
                .and_where(Expr::col(AuditLog::Action).eq(action))
                .to_owned(),
        )
        .await
        .unwrap();
    n
}

#[tokio::test]
async fn an_admin_adds_a_link_and_a_file_then_edits_and_removes_them() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let admin = app.signed_in(P1_ADMIN).await;
    let library = format!("/partnerships/{}/resources", world.p1);

    let form = admin.get(&format!("{library}/new")).await;
    assert_eq!(form.status, 200);
    assert!(form.body.contains("value=\"test-framework|1\""), "the partnership's framework is offered");
    assert!(form.body.contains("value=\"test-framework|1|1.1\""), "and its criteria");

    let added = send(
        &admin,
        &format!("{library}/new"),
        &link_fields("Escalation procedure", "https://www.one.example/escalation", &["test-framework|1|1.1"]),
        None,
    )
    .await;
    assert!(added.redirects_to(&library), "{}", added.body);
    let file_fields = [
        ("kind", "template"),
        ("title", "Recruitment checklist"),
        ("description", ""),
        ("source", "file"),
        ("links", "test-framework|1"),
    ];
    let added =
        send(&admin, &format!("{library}/new"), &file_fields, Some(("C:\\docs\\recruitment.pdf", SMALL_PDF)))
            .await;
    assert!(added.redirects_to(&library), "{}", added.body);

    let page = admin.get(&library).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Resource added: Recruitment checklist"));
    assert!(
        page.body.contains("Escalation procedure")
            && page.body.contains("https://www.one.example/escalation")
    );
    assert!(page.body.contains("Test framework: criterion 1.1"));
    assert!(page.body.contains("Test framework: 1. Who is responsible"));
    assert!(page.body.contains(&format!("(PDF, {} bytes)", SMALL_PDF.len())));

    let rows = resources_of(&app, world.p1).await;
    let file = find(&rows, "Recruitment checklist").clone();
    assert_eq!(file.kind(), Some(ResourceKind::Template));
    assert_eq!(file.file_name.as_deref(), Some("recruitment.pdf"), "only the file's own name is kept");
    assert!(file.url.is_none());
    let key = file.file_key.clone().unwrap();

    // An organisation serving the partnership downloads it, exactly as uploaded.
    let reader = app.signed_in(O1_CONTRIBUTOR).await;
    let download = reader.get(&format!("{library}/{}/file", file.id)).await;
    assert_eq!(download.status, 200);
    assert_eq!(download.headers["content-type"], "application/pdf");
    assert_eq!(
        download.headers["content-disposition"],
        "attachment; filename=\"recruitment.pdf\"; filename*=UTF-8''recruitment.pdf"
    );
    assert_eq!(download.headers["x-content-type-options"], "nosniff");
    assert_eq!(download.body.as_bytes(), SMALL_PDF);

    // Editing: a new title and links, and the file resource becomes a link.
    let link = find(&rows, "Escalation procedure").clone();
    let edit = admin.get(&format!("{library}/{}/edit", link.id)).await;
    assert!(edit.body.contains("value=\"Escalation procedure\""));
    assert!(edit.body.contains("value=\"test-framework|1|1.1\" checked"), "its links are ticked");
    let saved = send(
        &admin,
        &format!("{library}/{}/edit", link.id),
        &link_fields("Escalation and challenge", "https://www.one.example/challenge", &["test-framework|1"]),
        None,
    )
    .await;
    assert!(saved.redirects_to(&library), "{}", saved.body);
    let to_link = send(
        &admin,
        &format!("{library}/{}/edit", file.id),
        &link_fields("Recruitment checklist", "https://www.one.example/checklist", &[]),
        None,
    )
    .await;
    assert!(to_link.redirects_to(&library), "{}", to_link.body);
    assert_eq!(app.state.files.get(&key).await.unwrap(), None, "the replaced file is deleted");
    let rows = resources_of(&app, world.p1).await;
    let edited = find(&rows, "Escalation and challenge");
    assert_eq!(edited.url.as_deref(), Some("https://www.one.example/challenge"));
    let links = store::links_of(app.db(), &[edited.id]).await.unwrap();
    assert_eq!(links, [(edited.id, Link::standard("test-framework", "1"))]);
    assert!(find(&rows, "Recruitment checklist").file_key.is_none());

    // Removing asks first, then removes the resource, its links and its file.
    let world_file =
        resources_of(&app, world.p1).await.into_iter().find(|r| r.id == world.p1_resource).unwrap();
    let confirm = admin.get(&format!("{library}/{}/remove", world.p1_resource)).await;
    assert_eq!(confirm.status, 200);
    assert!(confirm.body.contains("Its file will be deleted"));
    let removed = admin.post(&format!("{library}/{}/remove", world.p1_resource), &[]).await;
    assert!(removed.redirects_to(&library));
    assert!(admin.get(&library).await.body.contains("Resource removed: Safer recruitment checklist"));
    assert!(store::get(app.db(), world.p1, world.p1_resource).await.unwrap().is_none());
    assert!(store::links_of(app.db(), &[world.p1_resource]).await.unwrap().is_empty());
    assert_eq!(app.state.files.get(world_file.file_key.as_deref().unwrap()).await.unwrap(), None);
    let again = admin.post(&format!("{library}/{}/remove", world.p1_resource), &[]).await;
    assert!(again.redirects_to(&library), "a second click is harmless");
    assert!(admin.get(&library).await.body.contains("already been removed"));

    assert_eq!(audit_count(&app, "create").await, 3, "the world's resource and the two added here");
    assert_eq!(audit_count(&app, "update").await, 2);
    assert_eq!(audit_count(&app, "delete").await, 1);
}

#[tokio::test]
async fn mistakes_are_explained_and_nothing_typed_is_lost() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let admin = app.signed_in(P1_ADMIN).await;
    let new = format!("/partnerships/{}/resources/new", world.p1);

    let empty = send(&admin, &new, &[], None).await;
    assert_eq!(empty.status, 422);
    assert!(empty.body.contains("There is a problem"));
    for message in [
        "Select what kind of resource this is",
        "Enter a title",
        "Select whether people follow a link or download a file",
    ] {
        assert!(empty.body.contains(message), "{message}");
    }
    assert!(empty.body.starts_with("<!DOCTYPE html>") && empty.body.contains("<title>Error: "));

    let mut typed = link_fields("Keep this title", "javascript:alert(1)", &["test-framework|1|1.1"]);
    typed.retain(|(k, _)| *k != "description");
    typed.push(("description", "Keep this description <b>safe</b>"));
    let bad_url = send(&admin, &new, &typed, None).await;
    assert_eq!(bad_url.status, 422);
    assert!(bad_url.body.contains("The web address must start with https:// or http://"));
    assert!(bad_url.body.contains("value=\"Keep this title\""));
    assert!(bad_url.body.contains("Keep this description &#60;b&#62;safe&#60;/b&#62;"), "kept, and escaped");
    assert!(bad_url.body.contains("value=\"javascript:alert(1)\""), "the address is kept to correct");
    assert!(bad_url.body.contains("value=\"guidance\" checked"));
    assert!(bad_url.body.contains("value=\"test-framework|1|1.1\" checked"));

    let tampered =
        send(&admin, &new, &link_fields("T", "https://a.example", &["someone-else|1"]), None).await;
    assert_eq!(tampered.status, 422);
    assert!(tampered.body.contains("Select standards and criteria from the list"));

    let no_file = [("kind", "template"), ("title", "Checklist"), ("source", "file")];
    let missing = send(&admin, &new, &no_file, None).await;
    assert!(missing.status == 422 && missing.body.contains("Select a file to upload"));
    let program = send(&admin, &new, &no_file, Some(("checklist.pdf", b"MZ\x90\x00\x03\x00\x00\x00"))).await;
    assert_eq!(program.status, 422);
    assert!(program.body.contains("The selected file must be a PDF"), "a renamed program is refused");

    // A good file sent with a mistake elsewhere is kept, so it need not be chosen again.
    let no_title = [("kind", "template"), ("title", " "), ("source", "file")];
    let kept = send(&admin, &new, &no_title, Some(("checklist.pdf", SMALL_PDF))).await;
    assert_eq!(kept.status, 422);
    assert!(kept.body.contains("File kept: <strong>checklist.pdf"), "{}", kept.body);
    assert!(resources_of(&app, world.p1).await.len() == 1, "nothing new is saved while anything is wrong");
    let saved = send(&admin, &new, &no_file, None).await;
    assert!(saved.status.is_redirection(), "{}", saved.body);
    let rows = resources_of(&app, world.p1).await;
    let checklist = find(&rows, "Checklist");
    let bytes = app.state.files.get(checklist.file_key.as_deref().unwrap()).await.unwrap();
    assert_eq!(bytes.as_deref(), Some(SMALL_PDF));
    assert!(!admin.get(&new).await.body.contains("File kept"), "the kept file now belongs to the resource");
}

#[tokio::test]
async fn a_replacement_file_sent_with_a_mistake_is_kept_for_the_edit() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let admin = app.signed_in(P1_ADMIN).await;
    let edit = format!("/partnerships/{}/resources/{}/edit", world.p1, world.p1_resource);
    let before = store::get(app.db(), world.p1, world.p1_resource).await.unwrap().unwrap();
    let old_key = before.file_key.clone().unwrap();

    let fields = [("kind", "template"), ("title", ""), ("source", "file"), ("links", "test-framework|1")];
    let refused = send(&admin, &edit, &fields, Some(("new-checklist.pdf", SMALL_PDF))).await;
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("Current file: <strong>new-checklist.pdf"), "{}", refused.body);
    let again = admin.get(&edit).await;
    assert!(
        again.body.contains("Current file: <strong>new-checklist.pdf"),
        "the form shows what saving would keep"
    );
    assert_eq!(
        store::get(app.db(), world.p1, world.p1_resource).await.unwrap().unwrap().file_key,
        Some(old_key.clone())
    );

    let fields = [("kind", "template"), ("title", "Safer recruitment checklist"), ("source", "file")];
    assert!(
        send(&admin, &edit, &fields, None)
            .await
            .redirects_to(&format!("/partnerships/{}/resources", world.p1))
    );
    let after = store::get(app.db(), world.p1, world.p1_resource).await.unwrap().unwrap();
    assert_eq!(after.file_name.as_deref(), Some("new-checklist.pdf"));
    assert_ne!(after.file_key.as_deref(), Some(old_key.as_str()));
    assert_eq!(app.state.files.get(&old_key).await.unwrap(), None, "the replaced file is deleted");
    assert!(app.state.files.get(after.file_key.as_deref().unwrap()).await.unwrap().is_some());
    assert!(store::links_of(app.db(), &[after.id]).await.unwrap().is_empty(), "links unticked are removed");
}

async fn answer_one_one(app: &TestApp, world: &World, rating: &str) {
    let lead = app.signed_in(O1_LEAD).await;
    let path = format!("/assessments/{}/standards/1", world.o1_assessment);
    let versions = osa_server::assessments::store::answers(app.db(), world.o1_assessment).await.unwrap();
    let version = versions.get("1.1").map(|s| s.version).unwrap_or(0).to_string();
    let orig = versions
        .get("1.1")
        .map(|s| osa_server::assessments::store::fingerprint(&s.answer))
        .unwrap_or_default();
    let saved = lead
        .post(
            &path,
            &[
                ("value:1.1", rating),
                ("narrative:1.1", "Where we are now."),
                ("version:1.1", &version),
                ("orig:1.1", &orig),
                ("version:1.2", "0"),
            ],
        )
        .await;
    assert!(saved.status.is_redirection(), "{}", saved.body);
}

async fn add_link(app: &TestApp, partnership: i64, title: &str, links: Vec<Link>) {
    let fields = Fields {
        kind: ResourceKind::Guidance,
        title: title.into(),
        description: String::new(),
        source: Source::Link(format!("https://www.example.org/{}", title.len())),
        links,
    };
    store::create(app.db(), partnership, None, &fields).await.unwrap();
}

#[tokio::test]
async fn organisations_see_their_partnerships_help_beside_red_answers_and_on_actions() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    // The world's "Safer recruitment checklist" is linked to the whole of standard 1.
    add_link(&app, world.p1, "What a lead does", vec![Link::criterion("test-framework", "1", "1.1")]).await;
    add_link(&app, world.p1, "Counting trained staff", vec![Link::criterion("test-framework", "1", "1.2")])
        .await;
    add_link(&app, world.p1, "Another framework's help", vec![Link::standard("s11-children", "1")]).await;
    add_link(&app, world.p2, "Partnership Two guidance", vec![Link::standard("test-framework", "1")]).await;
    let standard = format!("/assessments/{}/standards/1", world.o1_assessment);
    let lead = app.signed_in(O1_LEAD).await;

    assert!(!lead.get(&standard).await.body.contains("Help with this"), "nothing answered yet");
    answer_one_one(&app, &world, "met").await;
    assert!(!lead.get(&standard).await.body.contains("Help with this"), "a green answer gets none");

    answer_one_one(&app, &world, "not_met").await;
    let page = lead.get(&standard).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Help with this"));
    assert!(page.body.contains("Safer recruitment checklist"), "linked to the whole standard");
    assert!(page.body.contains("What a lead does"), "linked to the criterion");
    assert!(page.body.contains("Template from Partnership One"));
    assert!(page.body.contains(&format!("/partnerships/{}/resources/{}/file", world.p1, world.p1_resource)));
    assert!(!page.body.contains("Counting trained staff"), "another criterion's help stays with it");
    assert!(!page.body.contains("Another framework"), "links are to one framework's standards");
    assert!(
        !page.body.contains("Partnership Two guidance"),
        "another partnership's resources are never shown"
    );
    assert_eq!(page.body.matches("Help with this").count(), 1, "only beside the red answer");

    let reader = app.signed_in(O1_SIGNOFF).await;
    assert!(
        reader.get(&standard).await.body.contains("What a lead does"),
        "everyone who reads it sees the help"
    );

    answer_one_one(&app, &world, "partially_met").await;
    assert!(lead.get(&standard).await.body.contains("What a lead does"), "amber answers get help too");

    let plan = lead.get(&format!("/assessments/{}/actions", world.o1_assessment)).await;
    assert_eq!(plan.status, 200);
    assert!(plan.body.contains("Help with this (2)"), "{}", plan.body);
    assert!(plan.body.contains("What a lead does") && plan.body.contains("Safer recruitment checklist"));
    assert!(!plan.body.contains("Partnership Two guidance"));
    let derived = osa_server::action_plans::store::list(app.db(), world.o1_assessment)
        .await
        .unwrap()
        .into_iter()
        .find(|a| a.criterion_code.as_deref() == Some("1.1"))
        .expect("the amber answer is in the plan");
    let action = lead.get(&format!("/assessments/{}/actions/{}", world.o1_assessment, derived.id)).await;
    assert!(action.body.contains("Help with this") && action.body.contains("What a lead does"));
    let by_hand =
        lead.get(&format!("/assessments/{}/actions/{}", world.o1_assessment, world.o1_action)).await;
    assert!(!by_hand.body.contains("Help with this"), "an action added by hand has no criterion to match");

    // Once organisation one also serves partnership two, that partnership's help appears.
    let mut tx = app.db().begin().await.unwrap();
    osa_server::organisations::store::add_area(&mut tx, world.o1, world.p2).await.unwrap();
    tx.commit().await.unwrap();
    let page = lead.get(&standard).await;
    assert!(
        page.body.contains("Partnership Two guidance") && page.body.contains("Guidance from Partnership Two")
    );
    assert!(
        app.signed_in(O1_LEAD).await.get(&format!("/partnerships/{}/resources", world.p2)).await.status
            == 200
    );
}

#[tokio::test]
async fn other_roles_and_tenants_are_refused() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let (p1, p2, res) = (world.p1, world.p2, world.p1_resource);
    let library = format!("/partnerships/{p1}/resources");
    let good = link_fields("Should not exist", "https://www.example.org/x", &[]);

    for who in [P1_ANALYST, P1_PANEL, O1_LEAD, O1_CONTRIBUTOR] {
        let client = app.signed_in(who).await;
        let page = client.get(&library).await;
        assert_eq!(page.status, 200, "{who} reads the library");
        assert!(page.body.contains("Safer recruitment checklist"));
        assert!(
            !page.body.contains("Add a resource") && !page.body.contains("/edit\""),
            "{who} sees no admin links"
        );
        assert_eq!(client.get(&format!("{library}/{res}/file")).await.status, 200, "{who} downloads");
        assert_eq!(client.get(&format!("{library}/new")).await.status, 403, "{who}");
        assert_eq!(send(&client, &format!("{library}/new"), &good, None).await.status, 403, "{who}");
        assert_eq!(send(&client, &format!("{library}/{res}/edit"), &good, None).await.status, 403, "{who}");
        assert_eq!(client.post(&format!("{library}/{res}/remove"), &[]).await.status, 403, "{who}");
    }
    for who in [P2_ADMIN, O2_LEAD, O3_LEAD] {
        let client = app.signed_in(who).await;
        for path in [library.clone(), format!("{library}/{res}/file"), format!("{library}/{res}/edit")] {
            assert_eq!(client.get(&path).await.status, 404, "{who} {path}");
        }
        assert_eq!(send(&client, &format!("{library}/{res}/edit"), &good, None).await.status, 404, "{who}");
        assert_eq!(client.post(&format!("{library}/{res}/remove"), &[]).await.status, 404, "{who}");
    }
    // Partnership two's admin cannot reach partnership one's resource through their own pages.
    let p2_admin = app.signed_in(P2_ADMIN).await;
    let through_p2 = format!("/partnerships/{p2}/resources/{res}");
    assert_eq!(p2_admin.get(&format!("{through_p2}/file")).await.status, 404);
    assert_eq!(p2_admin.get(&format!("{through_p2}/edit")).await.status, 404);
    assert_eq!(send(&p2_admin, &format!("{through_p2}/edit"), &good, None).await.status, 404);
    assert!(
        p2_admin
            .post(&format!("{through_p2}/remove"), &[])
            .await
            .redirects_to(&format!("/partnerships/{p2}"))
    );
    assert!(store::get(app.db(), p1, res).await.unwrap().is_some(), "it is still there");
    let rows = resources_of(&app, p1).await;
    assert_eq!(rows.len(), 1, "nothing was added by anyone refused");
    assert_eq!(rows[0].title, "Safer recruitment checklist", "nor changed");

    assert!(app.client().get(&library).await.redirects_to("/sign-in"));
    assert!(app.client().get(&format!("{library}/{res}/file")).await.redirects_to("/sign-in"));

    // Each person's list of libraries holds only those they may read.
    let analyst = app.signed_in(P1_ANALYST).await.get("/resources").await;
    assert!(analyst.body.contains("Partnership One") && !analyst.body.contains("Partnership Two"));
    let o2 = app.signed_in(O2_LEAD).await.get("/resources").await;
    assert!(o2.body.contains("Partnership Two") && !o2.body.contains("Partnership One"));
    let o3 = app.signed_in(O3_LEAD).await.get("/resources").await;
    assert!(o3.body.contains("There are no resources for you yet"));
}

#[tokio::test]
async fn the_library_pages_and_filters_by_kind_and_standard() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    for n in 0..55 {
        let fields = Fields {
            kind: if n % 5 == 0 { ResourceKind::Training } else { ResourceKind::LocalProcedure },
            title: format!("Resource {n:02}"),
            description: String::new(),
            source: Source::Link(format!("https://www.example.org/{n}")),
            links: if n % 11 == 0 { vec![Link::criterion("test-framework", "1", "1.2")] } else { Vec::new() },
        };
        store::create(app.db(), world.p1, None, &fields).await.unwrap();
    }
    let analyst = app.signed_in(P1_ANALYST).await;
    let library = format!("/partnerships/{}/resources", world.p1);
    let first = analyst.get(&library).await;
    assert_eq!(first.body.matches("govuk-summary-card__title\"").count(), 50);
    assert!(first.body.contains("Resource 49") && !first.body.contains("Resource 50"));
    assert!(first.body.contains("page=2"));
    let second = analyst.get(&format!("{library}?page=2")).await;
    assert_eq!(second.body.matches("govuk-summary-card__title\"").count(), 6);
    assert!(second.body.contains("Safer recruitment checklist"));

    let training = analyst.get(&format!("{library}?kind=training&standard=")).await;
    assert_eq!(training.body.matches("govuk-summary-card__title\"").count(), 11);
    assert!(training.body.contains("<option value=\"training\" selected>"));
    let standard = analyst.get(&format!("{library}?kind=&standard=test-framework%7C1")).await;
    // Five linked to criterion 1.2 (0, 11, 22, 33, 44) and the world's checklist.
    assert_eq!(standard.body.matches("govuk-summary-card__title\"").count(), 6);
    let both = analyst.get(&format!("{library}?kind=training&standard=test-framework%7C1")).await;
    assert_eq!(both.body.matches("govuk-summary-card__title\"").count(), 1, "only resource 00 is both");
    assert!(both.body.contains("Resource 00"));
    let nonsense = analyst.get(&format!("{library}?kind=x&standard=%7C")).await;
    assert_eq!(nonsense.status, 200, "unknown filters are ignored");
    // A page number that is not a page is not: the list has no page -1.
    assert_eq!(analyst.get(&format!("{library}?kind=x&standard=%7C&page=-1")).await.status, 404);
}

#[tokio::test]
async fn the_library_is_linked_from_the_partnership_and_the_navigation() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let analyst = app.signed_in(P1_ANALYST).await;
    let partnership = analyst.get(&format!("/partnerships/{}", world.p1)).await;
    assert!(partnership.body.contains(&format!("href=\"/partnerships/{}/resources\"", world.p1)));
    for who in [P1_ANALYST, O1_CONTRIBUTOR, PLATFORM_ADMIN] {
        let home = app.signed_in(who).await.get("/home").await;
        assert!(home.body.contains("href=\"/resources\""), "{who}");
    }
}
