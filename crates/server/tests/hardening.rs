//! Hardening against crafted requests and leaks through the browser: page numbers
//! that are not pages, caching of signed-in pages and downloads, session rows made by
//! anonymous visits, and CSRF tokens in addresses.

mod common;

use common::world::*;
use common::{Client, TestApp};

/// Every paged list, with someone who may read it.
fn paged_lists(world: &World) -> Vec<(&'static str, String)> {
    vec![
        (PLATFORM_ADMIN, "/admin/outbox".to_owned()),
        (PLATFORM_ADMIN, "/admin/users".to_owned()),
        (PLATFORM_ADMIN, "/admin/users?q=test".to_owned()),
        (PLATFORM_ADMIN, "/admin/partnerships".to_owned()),
        (PLATFORM_ADMIN, "/organisations".to_owned()),
        (PLATFORM_ADMIN, "/organisations?q=one".to_owned()),
        (PLATFORM_ADMIN, "/resources".to_owned()),
        (P1_ADMIN, "/resources".to_owned()),
        (P1_ADMIN, format!("/partnerships/{}/organisations", world.p1)),
        (P1_ADMIN, format!("/partnerships/{}/users", world.p1)),
        (P1_ADMIN, format!("/partnerships/{}/resources", world.p1)),
        (P1_ADMIN, format!("/partnerships/{}/resources?kind=&standard=", world.p1)),
        (P1_ANALYST, format!("/cycles/{}/narratives", world.p1_cycle)),
        (P1_ANALYST, format!("/cycles/{}/narratives?q=lead", world.p1_cycle)),
        (O1_LEAD, format!("/organisations/{}/users", world.o1)),
        (O1_LEAD, format!("/assessments/{}/history", world.o1_assessment)),
    ]
}

fn with_page(path: &str, page: &str) -> String {
    let joiner = if path.contains('?') { '&' } else { '?' };
    format!("{path}{joiner}page={page}")
}

#[tokio::test]
async fn a_page_number_that_is_not_a_page_is_not_found_and_never_a_server_error() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let mut clients: Vec<(&str, Client)> = Vec::new();
    for (who, path) in paged_lists(&world) {
        if !clients.iter().any(|(w, _)| *w == who) {
            clients.push((who, app.signed_in(who).await));
        }
        let client = &clients.iter().find(|(w, _)| *w == who).unwrap().1;
        let first = client.get(&path).await;
        assert_eq!(first.status, 200, "{path} as {who}");
        assert_eq!(client.get(&with_page(&path, "1")).await.status, 200, "{path} page 1");
        for page in ["18446744073709551615", "9223372036854775807", "100001", "0", "-1", "abc", "1e3", "2.5"]
        {
            let got = client.get(&with_page(&path, page)).await;
            assert_eq!(got.status, 404, "{path} page {page}: {}", got.body);
            assert!(got.body.contains("Page not found"), "{path} page {page} gets the service's page");
        }
        // Every list here is shorter than a page, so page 2 is past its end.
        assert_eq!(client.get(&with_page(&path, "2")).await.status, 404, "{path} page 2");
        assert_eq!(client.get(&with_page(&path, "99999")).await.status, 404, "{path} page 99999");
    }
}

#[tokio::test]
async fn the_last_page_of_a_long_list_shows_and_the_one_after_it_does_not_exist() {
    use osa_server::db::schema::Outbox;
    use sea_query::{Expr, ExprTrait, Query};
    let app = TestApp::spawn().await;
    World::build(&app).await;
    for n in 0..60 {
        app.db()
            .execute(
                &Query::insert()
                    .into_table(Outbox::Table)
                    .columns([
                        Outbox::Recipient,
                        Outbox::Subject,
                        Outbox::BodyText,
                        Outbox::Status,
                        Outbox::CreatedAt,
                    ])
                    .values_panic([
                        format!("person{n}@test.example").into(),
                        format!("Message {n}").into(),
                        "Hello".into(),
                        "sent".into(),
                        time::OffsetDateTime::now_utc().into(),
                    ])
                    .to_owned(),
            )
            .await
            .unwrap();
    }
    let (total,): (i64,) = app
        .db()
        .fetch_one(&Query::select().expr(Expr::col(Outbox::Id).count()).from(Outbox::Table).to_owned())
        .await
        .unwrap();
    let last = (total + 49) / 50;
    assert!(last >= 2);
    let admin = app.signed_in(PLATFORM_ADMIN).await;
    let page = admin.get(&format!("/admin/outbox?page={last}")).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("person0@test.example"), "the oldest message is on the last page");
    assert_eq!(admin.get(&format!("/admin/outbox?page={}", last + 1)).await.status, 404);
}
