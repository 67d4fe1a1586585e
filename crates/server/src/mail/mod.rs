//! Email. Every message is first written to the `outbox` table in the same transaction
//! as the change that caused it, so no message is lost and none is sent for a change
//! that was rolled back. With SMTP configured, a delivery loop sends queued messages;
//! without it, messages are held in the outbox, where platform admins can read them.

mod delivery;
mod outbox_pages;

use std::sync::Arc;

use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, Tokio1Executor};
use sea_query::Query;
use time::OffsetDateTime;

use crate::db::Tx;
use crate::db::schema::Outbox;
use crate::web::routes::Routes;

pub use delivery::run_delivery_loop;

pub const STATUS_HELD: &str = "held";
pub const STATUS_QUEUED: &str = "queued";
pub const STATUS_SENT: &str = "sent";
pub const STATUS_FAILED: &str = "failed";

#[derive(Clone)]
pub struct Mailer {
    smtp: Option<Arc<AsyncSmtpTransport<Tokio1Executor>>>,
    from: Mailbox,
}

pub struct Email {
    pub to: String,
    pub subject: String,
    pub body: String,
}

impl Mailer {
    pub fn from_config(smtp_url: &str, from: &str) -> anyhow::Result<Mailer> {
        let from: Mailbox =
            from.parse().map_err(|e| anyhow::anyhow!("mail_from is not a valid address: {e}"))?;
        let smtp = if smtp_url.trim().is_empty() {
            None
        } else {
            Some(Arc::new(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(smtp_url)
                    .map_err(|e| anyhow::anyhow!("smtp_url is not valid: {e}"))?
                    .build(),
            ))
        };
        Ok(Mailer { smtp, from })
    }

    pub fn sends_smtp(&self) -> bool {
        self.smtp.is_some()
    }

    /// Records `email` in the outbox inside the caller's transaction.
    pub async fn queue(&self, tx: &mut Tx, email: Email) -> Result<(), sqlx::Error> {
        let status = if self.sends_smtp() { STATUS_QUEUED } else { STATUS_HELD };
        tx.execute(
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
                    email.to.into(),
                    email.subject.into(),
                    email.body.into(),
                    status.into(),
                    OffsetDateTime::now_utc().into(),
                ])
                .to_owned(),
        )
        .await?;
        Ok(())
    }
}

pub fn routes(r: Routes) -> Routes {
    r.get("/admin/outbox", outbox_pages::list).get("/admin/outbox/{id}", outbox_pages::show)
}
