//! Frameworks as data: importing, versions that never change, drafts, what changed,
//! exports, local questions and the command line.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops loudly at the step that failed"
)]

mod common;

use common::TestApp;
use common::world::*;
use osa_core::framework;

async fn framework_count(app: &TestApp) -> usize {
    osa_server::frameworks::store::list(app.db()).await.unwrap().len()
}

#[tokio::test]
async fn every_shipped_framework_imports_and_exports_without_loss() {
    let app = TestApp::spawn().await;
    World::build(&app).await;
    let admin = app.signed_in(PLATFORM_ADMIN).await;
    for (name, text) in osa_server::frameworks::import::SHIPPED {
        let page = admin.upload("/frameworks/import", "platform", text.as_bytes()).await;
        assert!(page.redirects_to("/frameworks/"), "{name} was not imported: {}", page.body);
        let id: i64 = page.location.unwrap().trim_start_matches("/frameworks/").parse().unwrap();
        assert!(admin.post(&format!("/frameworks/{id}/publish"), &[]).await.status.is_redirection());
        let exported = admin.get(&format!("/frameworks/{id}/export")).await;
        assert_eq!(exported.status, 200);
        // Semantic equality: the same framework, not the same bytes (comments and
        // layout of the original file are not kept).
        let original = framework::parse(text).unwrap();
        let round_trip = framework::parse(&exported.body).unwrap();
        assert_eq!(round_trip, original, "{name} changed on the way through");
    }
}

#[tokio::test]
async fn an_invalid_file_is_refused_whole_with_the_line_of_each_problem() {
    let app = TestApp::spawn().await;
    World::build(&app).await;
    let before = framework_count(&app).await;
    let broken = TEST_FRAMEWORK.replace("answer = \"percentage\"", "answer = \"percent\"");
    let page = app
        .signed_in(P1_ADMIN)
        .await
        .upload("/frameworks/import", &World::p1_owner(&app).await, broken.as_bytes())
        .await;
    assert_eq!(page.status, 422);
    assert!(page.body.contains("The file was not imported and nothing has been stored"));
    assert!(page.body.contains("line 31"), "{}", page.body);
    assert_eq!(framework_count(&app).await, before, "nothing may be stored from an invalid file");
}

#[tokio::test]
async fn a_new_version_is_a_draft_and_published_versions_never_change() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let admin = app.signed_in(P1_ADMIN).await;
    let v1_before = admin.get(&format!("/frameworks/{}/export", world.framework_v1)).await.body;

    let again = admin.post(&format!("/frameworks/{}/publish", world.framework_v1), &[]).await;
    assert!(again.status.is_redirection());
    assert!(
        admin.get(&format!("/frameworks/{}", world.framework_v1)).await.body.contains("already published")
    );
    admin.post(&format!("/frameworks/{}/delete", world.framework_v1), &[]).await;
    assert!(
        admin
            .get(&format!("/frameworks/{}", world.framework_v1))
            .await
            .body
            .contains("Published versions cannot be deleted")
    );

    let v3 =
        admin.upload("/frameworks/import", &World::p1_owner(&app).await, TEST_FRAMEWORK.as_bytes()).await;
    assert!(v3.redirects_to("/frameworks/"));
    let summaries = osa_server::frameworks::store::list(app.db()).await.unwrap();
    let versions: Vec<(i32, String)> = summaries.iter().map(|s| (s.version, s.state.clone())).collect();
    assert_eq!(versions, vec![(3, "draft".into()), (2, "draft".into()), (1, "published".into())]);
    assert_eq!(admin.get(&format!("/frameworks/{}/export", world.framework_v1)).await.body, v1_before);
}

#[tokio::test]
async fn drafts_are_seen_only_by_those_who_manage_them() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    assert_eq!(
        app.signed_in(P1_ADMIN).await.get(&format!("/frameworks/{}", world.framework_v2)).await.status,
        200
    );
    assert_eq!(
        app.signed_in(O1_LEAD).await.get(&format!("/frameworks/{}", world.framework_v2)).await.status,
        404
    );
    assert_eq!(
        app.signed_in(O1_LEAD).await.get(&format!("/frameworks/{}", world.framework_v1)).await.status,
        200
    );
    let list = app.signed_in(P2_ADMIN).await.get("/frameworks").await;
    assert_eq!(list.body.matches("Test framework").count(), 1, "only the published version is listed");
}

#[tokio::test]
async fn the_changes_page_shows_a_reworded_criterion() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let page =
        app.signed_in(P1_ADMIN).await.get(&format!("/frameworks/{}/changes", world.framework_v2)).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Criteria reworded"));
    assert!(page.body.contains("We have a named safeguarding lead and a deputy."));
}

#[tokio::test]
async fn another_partnership_cannot_add_versions_to_a_framework_it_does_not_own() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let page = app
        .signed_in(P2_ADMIN)
        .await
        .upload("/frameworks/import", &world.p2.to_string(), TEST_FRAMEWORK.as_bytes())
        .await;
    assert_eq!(page.status, 422);
    assert!(page.body.contains("belongs to another owner"));
    let refused = app
        .signed_in(P2_ADMIN)
        .await
        .upload("/frameworks/import", &world.p1.to_string(), TEST_FRAMEWORK.as_bytes())
        .await;
    assert_eq!(refused.status, 422, "a partnership admin cannot import on behalf of another partnership");
    assert!(refused.body.contains("Select who the framework belongs to"));
}

#[tokio::test]
async fn a_partnership_adds_and_removes_local_questions_of_its_own() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let admin = app.signed_in(P1_ADMIN).await;
    let path = format!("/partnerships/{}/local-questions", world.p1);
    let missing = admin.post(&path, &[("placement", "test-framework|")]).await;
    assert_eq!(missing.status, 422);
    assert!(missing.body.contains("Enter a title for the partnership"));
    assert!(missing.body.contains("Enter the question"));
    let added = admin
        .post(
            &path,
            &[
                ("placement", "test-framework|1"),
                ("question", "How do you hear from young carers?"),
                ("answer_type", "text"),
            ],
        )
        .await;
    assert!(added.status.is_redirection());
    let list = admin.get(&path).await;
    assert!(list.body.contains("How do you hear from young carers?"));
    assert!(list.body.contains("L1"));

    // The shared framework is untouched.
    let v1 = admin.get(&format!("/frameworks/{}", world.framework_v1)).await;
    assert!(!v1.body.contains("young carers"));

    // Another partnership's admin cannot remove it through their own partnership.
    let question_id: String = list
        .body
        .split("/local-questions/")
        .nth(1)
        .unwrap()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    app.signed_in(P2_ADMIN)
        .await
        .post(&format!("/partnerships/{}/local-questions/{question_id}/remove", world.p2), &[])
        .await;
    assert!(admin.get(&path).await.body.contains("young carers"));
    admin.post(&format!("{path}/{question_id}/remove"), &[]).await;
    assert!(!admin.get(&path).await.body.contains("young carers"));
}

#[test]
fn the_command_line_validates_imports_and_exports() {
    let dir = std::env::temp_dir().join(format!("osa-fw-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("test.toml");
    std::fs::write(&file, TEST_FRAMEWORK).unwrap();
    let url = format!("sqlite://{}", dir.join("fw.db").display());
    let osa = || {
        let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_osa"));
        c.env("OSA_CONFIG", "/nonexistent/osa.toml").env_remove("OSA_DATABASE_URL");
        c
    };
    let valid = osa().args(["framework", "validate"]).arg(&file).output().unwrap();
    assert!(valid.status.success());
    assert!(String::from_utf8_lossy(&valid.stdout).contains("valid, 1 standards and 2 criteria"));

    let bad = dir.join("bad.toml");
    std::fs::write(&bad, TEST_FRAMEWORK.replace("code = \"1.2\"", "code = \"1.1\"")).unwrap();
    let invalid = osa().args(["framework", "validate"]).arg(&bad).output().unwrap();
    assert!(!invalid.status.success());
    assert!(String::from_utf8_lossy(&invalid.stderr).contains("line"));

    let imported =
        osa().args(["framework", "import", "--publish", "--database-url", &url]).arg(&file).output().unwrap();
    assert!(imported.status.success(), "{}", String::from_utf8_lossy(&imported.stderr));
    let out = dir.join("out.toml");
    let exported = osa()
        .args(["framework", "export", "--key", "test-framework", "--database-url", &url])
        .arg(&out)
        .output()
        .unwrap();
    assert!(exported.status.success());
    let again = framework::parse(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(again, framework::parse(TEST_FRAMEWORK).unwrap());
}

/// Published versions are kept parsed in memory (`frameworks::store::load`); drafts
/// must never be, or a draft read once would still look like a draft after publishing
/// and would outlive its deletion.
#[tokio::test]
async fn a_draft_read_once_is_read_afresh_after_publishing_or_deleting_it() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let admin = app.signed_in(P1_ADMIN).await;
    let draft = format!("/frameworks/{}", world.framework_v2);
    assert!(admin.get(&draft).await.body.contains("This is a draft"));
    assert!(admin.post(&format!("{draft}/publish"), &[]).await.status.is_redirection());
    let published = admin.get(&draft).await;
    assert_eq!(published.status, 200);
    assert!(!published.body.contains("This is a draft"), "{}", published.body);

    let v3 =
        admin.upload("/frameworks/import", &World::p1_owner(&app).await, TEST_FRAMEWORK.as_bytes()).await;
    let v3 = v3.location.expect("the import redirects to the new version");
    assert!(admin.get(&v3).await.body.contains("This is a draft"));
    assert!(admin.post(&format!("{v3}/delete"), &[]).await.status.is_redirection());
    assert_eq!(admin.get(&v3).await.status, 404);
}
