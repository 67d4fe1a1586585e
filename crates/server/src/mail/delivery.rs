//! Sends queued outbox messages over SMTP. Several app servers may run this loop at
//! once: a message is claimed by a conditional update before it is sent, so each
//! claim succeeds on one server only.

use lettre::AsyncTransport;
use lettre::message::header::ContentType;
use sea_query::{Expr, ExprTrait, Order, Query};
use time::OffsetDateTime;

use super::{Mailer, STATUS_FAILED, STATUS_QUEUED, STATUS_SENT};
use crate::db::Db;
use crate::db::schema::Outbox;

const SENDING: &str = "sending";
const MAX_ATTEMPTS: i32 = 5;

#[derive(sqlx::FromRow)]
struct Queued {
    id: i64,
    recipient: String,
    subject: String,
    body_text: String,
    attempts: i32,
    secret_links: Option<String>,
}

pub async fn run_delivery_loop(db: Db, mailer: Mailer) {
    if !mailer.sends_smtp() {
        return;
    }
    loop {
        if let Err(err) = deliver_batch(&db, &mailer).await {
            tracing::warn!(error = %err, "mail delivery round failed");
        }
        tokio::time::sleep(std::time::Duration::from_secs(5)).await;
    }
}

async fn deliver_batch(db: &Db, mailer: &Mailer) -> anyhow::Result<()> {
    let Some(smtp) = &mailer.smtp else { return Ok(()) };
    let batch: Vec<Queued> = db
        .fetch_all(
            &Query::select()
                .columns([
                    Outbox::Id,
                    Outbox::Recipient,
                    Outbox::Subject,
                    Outbox::BodyText,
                    Outbox::Attempts,
                    Outbox::SecretLinks,
                ])
                .from(Outbox::Table)
                .and_where(Expr::col(Outbox::Status).eq(STATUS_QUEUED))
                .order_by(Outbox::Id, Order::Asc)
                .limit(20)
                .to_owned(),
        )
        .await?;
    for message in batch {
        let claimed = db
            .execute(
                &Query::update()
                    .table(Outbox::Table)
                    .value(Outbox::Status, SENDING)
                    .value(Outbox::Attempts, message.attempts + 1)
                    .and_where(Expr::col(Outbox::Id).eq(message.id))
                    .and_where(Expr::col(Outbox::Status).eq(STATUS_QUEUED))
                    .to_owned(),
            )
            .await?;
        if claimed != 1 {
            continue;
        }
        let result = async {
            let email = lettre::Message::builder()
                .from(mailer.from.clone())
                .to(message.recipient.parse()?)
                .subject(&message.subject)
                .header(ContentType::TEXT_PLAIN)
                .body(message.body_text.clone())?;
            smtp.send(email).await?;
            anyhow::Ok(())
        }
        .await;
        let (status, error) = match result {
            Ok(()) => (STATUS_SENT, None),
            Err(err) if message.attempts + 1 >= MAX_ATTEMPTS => (STATUS_FAILED, Some(err.to_string())),
            Err(err) => (STATUS_QUEUED, Some(err.to_string())),
        };
        let mut update = Query::update();
        update.table(Outbox::Table).value(Outbox::Status, status).value(Outbox::LastError, error);
        if status == STATUS_SENT {
            update.value(Outbox::SentAt, OffsetDateTime::now_utc());
            // Delivered: the recipient has the link now, so the stored copy gives it up.
            if let Some(links) = &message.secret_links {
                update
                    .value(Outbox::BodyText, super::without_links(&message.body_text, links))
                    .value(Outbox::SecretLinks, None::<String>);
            }
        }
        db.execute(&update.and_where(Expr::col(Outbox::Id).eq(message.id)).to_owned()).await?;
    }
    Ok(())
}
