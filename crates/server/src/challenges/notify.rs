//! The emails a thread sends, queued in the transaction that writes it: the
//! organisation's safeguarding leads hear when a challenge or request for changes is
//! raised or reopened; the person who raised it hears when it is answered.

use super::store;
use crate::db::Tx;
use crate::mail::Email;
use crate::organisations::store::lead_emails;
use crate::web::AppState;
use osa_core::challenge::Kind;

pub struct Raised<'a> {
    pub return_id: i64,
    pub thread: i64,
    pub organisation: i64,
    pub partnership: &'a str,
    pub kind: Kind,
    /// The partnership says the narrative describes activity, not impact.
    pub activity_only: bool,
    /// The criterion ("1.1 We have a named lead") or "the whole return".
    pub about: &'a str,
    pub message: &'a str,
}

/// What a flagged challenge asks of the organisation, in the email and on the thread.
pub const ACTIVITY_ONLY_ASK: &str = "The partnership says your narrative describes activity, not impact: tell it what changed for the people you work with as a result, and how you know.";

fn link(state: &AppState, return_id: i64, thread: i64) -> String {
    format!("{}/returns/{return_id}/threads/{thread}", state.config.public_url)
}

pub async fn raised(tx: &mut Tx, state: &AppState, r: &Raised<'_>) -> Result<(), sqlx::Error> {
    let subject = match r.kind {
        Kind::ChangeRequest => format!("{} asks for changes to your return", r.partnership),
        _ if r.about.starts_with(crate::plan_updates::ABOUT_PREFIX) => {
            format!("{} has challenged your action-plan update", r.partnership)
        }
        _ => format!("{} has challenged an answer in your return", r.partnership),
    };
    let flagged = if r.activity_only { format!("\n\n{}", ACTIVITY_ONLY_ASK) } else { String::new() };
    let body = format!(
        "{} has raised a {} about {}:\n\n{}{flagged}\n\nRead it and answer here:\n{}\n",
        r.partnership,
        r.kind.label().to_lowercase(),
        r.about,
        r.message,
        link(state, r.return_id, r.thread)
    );
    for to in lead_emails(tx, r.organisation).await? {
        state.mailer.queue(tx, Email { to, subject: subject.clone(), body: body.clone() }).await?;
    }
    Ok(())
}

/// To the person who raised the thread, when the organisation answers it.
pub async fn answered(
    tx: &mut Tx,
    state: &AppState,
    thread: &store::ThreadRow,
    organisation: &str,
    message: &str,
) -> Result<(), sqlx::Error> {
    let Some(to) = store::email_of(tx, thread.raised_by).await? else { return Ok(()) };
    let subject = format!("{organisation} has answered your {}", thread.kind().label().to_lowercase());
    let body = format!(
        "{organisation} has answered the {} you raised on its return:\n\n{message}\n\nRead the whole thread here:\n{}\n",
        thread.kind().label().to_lowercase(),
        link(state, thread.return_id, thread.id)
    );
    state.mailer.queue(tx, Email { to, subject, body }).await
}
