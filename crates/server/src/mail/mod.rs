//! Email. Every message is first written to the `outbox` table in the same transaction
//! as the change that caused it, so no message is lost and none is sent for a change
//! that was rolled back. With SMTP configured, a delivery loop sends queued messages;
//! without it, messages are held in the outbox, where platform admins can read them.
//!
//! A message carrying a single-use link (a password reset, an invitation) notes the
//! link when it is queued; once the message is delivered over SMTP the stored copy
//! loses the link, so the outbox never holds a working key to someone's account for
//! longer than it must. Held messages keep theirs: in outbox mode the outbox is how
//! the link reaches its recipient, and its pages say so.

mod delivery;
mod outbox_pages;

use std::sync::Arc;

use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, Tokio1Executor};
use sea_query::Query;
use time::OffsetDateTime;

use crate::accounts::tokens::Purpose;
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

    /// Records `email` in the outbox inside the caller's transaction, noting which of
    /// its lines are live single-use links (see [`secret_links`]).
    pub async fn queue(&self, tx: &mut Tx, email: Email) -> Result<(), sqlx::Error> {
        let status = if self.sends_smtp() { STATUS_QUEUED } else { STATUS_HELD };
        let secret = secret_links(&email.body);
        let secret = (!secret.is_empty()).then(|| secret.join("\n"));
        tx.execute(
            &Query::insert()
                .into_table(Outbox::Table)
                .columns([
                    Outbox::Recipient,
                    Outbox::Subject,
                    Outbox::BodyText,
                    Outbox::Status,
                    Outbox::CreatedAt,
                    Outbox::SecretLinks,
                ])
                .values_panic([
                    email.to.into(),
                    email.subject.into(),
                    email.body.into(),
                    status.into(),
                    OffsetDateTime::now_utc().into(),
                    secret.into(),
                ])
                .to_owned(),
        )
        .await?;
        Ok(())
    }
}

/// What replaces a live link in the stored copy once the message has been delivered.
pub const LINK_REMOVED: &str = "[link removed after delivery]";

/// The lines of `body` that are single-use links of this service (a password reset,
/// an invitation, a registration to confirm). Anyone who reads one can use it, so the
/// stored copy must not keep it once the message has gone to its recipient. Found
/// here, where every message passes, so no message that carries one can forget to
/// say so.
pub fn secret_links(body: &str) -> Vec<String> {
    body.lines()
        .map(str::trim)
        .filter(|line| {
            url::Url::parse(line).is_ok_and(|url| {
                matches!(url.scheme(), "http" | "https")
                    && Purpose::ALL.iter().any(|p| url.path().starts_with(&format!("{}/", p.path())))
            })
        })
        .map(str::to_owned)
        .collect()
}

/// `body` with each of `links` replaced by [`LINK_REMOVED`].
pub fn without_links(body: &str, links: &str) -> String {
    links
        .lines()
        .filter(|l| !l.is_empty())
        .fold(body.to_owned(), |body, link| body.replace(link, LINK_REMOVED))
}

pub fn routes(r: Routes) -> Routes {
    r.get("/admin/outbox", outbox_pages::list).get("/admin/outbox/{id}", outbox_pages::show)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = "Hello,\n\nOpen this link:\n\nhttps://osa.example/password-reset/abc123\n\n\
                        Or sign in at https://osa.example/sign-in\nhttps://osa.example/sign-in\n\
                        http://127.0.0.1:8080/invitation/xyz\nhttps://osa.example/register/confirm/k\n\
                        https://osa.example/password-reset\n";

    #[test]
    fn only_single_use_links_are_secret() {
        assert_eq!(
            secret_links(BODY),
            [
                "https://osa.example/password-reset/abc123",
                "http://127.0.0.1:8080/invitation/xyz",
                "https://osa.example/register/confirm/k",
            ]
        );
        assert!(secret_links("Sign in at https://osa.example/sign-in").is_empty());
    }

    #[test]
    fn removing_links_keeps_the_rest_of_the_message() {
        let links = secret_links(BODY).join("\n");
        let blanked = without_links(BODY, &links);
        assert!(!blanked.contains("abc123") && !blanked.contains("xyz") && !blanked.contains("confirm/k"));
        assert_eq!(blanked.matches(LINK_REMOVED).count(), 3);
        assert!(blanked.contains("https://osa.example/sign-in\n"));
        assert!(blanked.starts_with("Hello,\n\nOpen this link:"));
    }
}
