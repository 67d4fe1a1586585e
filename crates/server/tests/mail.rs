//! The outbox and its single-use links: kept (and flagged as live) while mail is only
//! held in the outbox; blanked in the stored copy once delivered over SMTP.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops loudly at the step that failed"
)]

mod common;

use common::TestApp;
use common::world::*;
use osa_server::db::schema::Outbox;
use sea_query::{Expr, ExprTrait, Order, Query};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::sync::mpsc;

/// A minimal SMTP server on 127.0.0.1 that accepts every message and passes on the
/// text of each one it receives: a real peer for the delivery loop to talk to.
async fn smtp_server() -> (u16, mpsc::UnboundedReceiver<String>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let (sender, received) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else { return };
            let sender = sender.clone();
            tokio::spawn(async move {
                let (read, mut write) = stream.into_split();
                let mut lines = BufReader::new(read).lines();
                write.write_all(b"220 test.invalid ESMTP\r\n").await.unwrap();
                let mut data: Option<String> = None;
                while let Ok(Some(line)) = lines.next_line().await {
                    if let Some(message) = data.as_mut() {
                        if line == "." {
                            sender.send(data.take().unwrap()).ok();
                            write.write_all(b"250 2.0.0 accepted\r\n").await.unwrap();
                        } else {
                            message.push_str(&line);
                            message.push('\n');
                        }
                        continue;
                    }
                    let verb = line.split_whitespace().next().unwrap_or("").to_ascii_uppercase();
                    let reply: &[u8] = match verb.as_str() {
                        "EHLO" | "HELO" => b"250 test.invalid\r\n",
                        "DATA" => {
                            data = Some(String::new());
                            b"354 go ahead\r\n"
                        }
                        "QUIT" => {
                            write.write_all(b"221 bye\r\n").await.ok();
                            return;
                        }
                        _ => b"250 OK\r\n",
                    };
                    write.write_all(reply).await.unwrap();
                }
            });
        }
    });
    (port, received)
}

/// (status, body, secret links) of the newest outbox message to `to`.
async fn stored(app: &TestApp, to: &str) -> (String, String, Option<String>) {
    app.db()
        .fetch_one(
            &Query::select()
                .columns([Outbox::Status, Outbox::BodyText, Outbox::SecretLinks])
                .from(Outbox::Table)
                .and_where(Expr::col(Outbox::Recipient).eq(to))
                .order_by(Outbox::Id, Order::Desc)
                .limit(1)
                .to_owned(),
        )
        .await
        .unwrap()
}

async fn newest_id(app: &TestApp) -> i64 {
    let (id,): (i64,) = app
        .db()
        .fetch_one(
            &Query::select()
                .column(Outbox::Id)
                .from(Outbox::Table)
                .order_by(Outbox::Id, Order::Desc)
                .limit(1)
                .to_owned(),
        )
        .await
        .unwrap();
    id
}

#[tokio::test]
async fn a_delivered_message_loses_its_link_in_the_stored_copy() {
    let (port, mut received) = smtp_server().await;
    let app = TestApp::spawn_with(|c| c.smtp_url = format!("smtp://127.0.0.1:{port}")).await;
    World::build(&app).await;
    app.client().post("/password-reset", &[("email", O1_LEAD)]).await;
    let link = app.link_in_last_mail_to(O1_LEAD).await;
    let token = link.trim_start_matches("/password-reset/").to_owned();
    let id = newest_id(&app).await;

    let delivered = tokio::time::timeout(std::time::Duration::from_secs(20), received.recv())
        .await
        .expect("the delivery loop never sent the message")
        .unwrap();
    // The recipient gets the link (quoted-printable may wrap it, so look for a piece).
    assert!(delivered.contains(&token[..20]), "the delivered mail lacks its link: {delivered}");

    let mut status = String::new();
    for _ in 0..100 {
        let (s, body, secret) = stored(&app, O1_LEAD).await;
        status = s;
        if status == "sent" {
            assert!(!body.contains(&token), "the stored copy still holds the link: {body}");
            assert!(body.contains("[link removed after delivery]"));
            assert!(body.contains("Someone asked to reset the password"), "the rest of the message is kept");
            assert!(secret.is_none());
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(status, "sent");

    let admin = app.signed_in(PLATFORM_ADMIN).await;
    let page = admin.get(&format!("/admin/outbox/{id}")).await;
    assert_eq!(page.status, 200);
    assert!(!page.body.contains(&token));
    assert!(page.body.contains("[link removed after delivery]"));
    assert!(!page.body.contains("The link in this message is live"));
    let list = admin.get("/admin/outbox").await;
    assert!(!list.body.contains("the links in them are live"));
    assert!(list.body.contains("removed from the copy kept here"));

    // Only the stored copy changed: the recipient's link still works.
    assert_eq!(app.client().get(&link).await.status, 200);
}

#[tokio::test]
async fn in_outbox_mode_links_are_kept_and_the_outbox_says_they_are_live() {
    let app = TestApp::spawn().await;
    World::build(&app).await;
    app.client().post("/password-reset", &[("email", O1_LEAD)]).await;
    let link = app.link_in_last_mail_to(O1_LEAD).await;
    let id = newest_id(&app).await;
    let (status, body, secret) = stored(&app, O1_LEAD).await;
    assert_eq!(status, "held");
    assert!(body.contains(&link));
    assert!(secret.is_some_and(|s| s.ends_with(&link)));

    let admin = app.signed_in(PLATFORM_ADMIN).await;
    let list = admin.get("/admin/outbox").await;
    assert!(list.body.contains(
        "No mail server is set up, so these messages are not sent and the links in them are live."
    ));
    let page = admin.get(&format!("/admin/outbox/{id}")).await;
    assert!(page.body.contains(&link));
    assert!(page.body.contains(&format!(
        "The link in this message is live. Anyone who opens it can use it to get into {O1_LEAD}"
    )));
}

#[tokio::test]
async fn a_message_without_a_single_use_link_gets_no_warning() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    // Declining a join request emails the organisation's lead: no single-use link in it.
    let admin = app.signed_in(P1_ADMIN).await;
    let path = format!("/partnerships/{}/join-requests/{}/decline", world.p1, world.o3_request);
    assert!(admin.post(&path, &[("reason", "You do not work in Area One.")]).await.status.is_redirection());
    let (_, _, secret) = stored(&app, O3_LEAD).await;
    assert!(secret.is_none());
    let page =
        app.signed_in(PLATFORM_ADMIN).await.get(&format!("/admin/outbox/{}", newest_id(&app).await)).await;
    assert!(page.body.contains("You do not work in Area One."));
    assert!(!page.body.contains("The link in this message is live"));
}
