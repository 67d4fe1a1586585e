//! The emails a meeting sends, queued in the transaction that writes it: the
//! organisation's safeguarding leads hear when a meeting is scheduled (with its date)
//! and when its record is finalised.

use crate::db::Tx;
use crate::mail::Email;
use crate::organisations::store::lead_emails;
use crate::web::AppState;
use crate::web::format::date;
use time::Date;

fn link(state: &AppState, meeting: i64) -> String {
    format!("{}/meetings/{meeting}", state.config.public_url)
}

pub async fn scheduled(
    tx: &mut Tx,
    state: &AppState,
    meeting: i64,
    organisation: i64,
    partnership: &str,
    held_on: Date,
) -> Result<(), sqlx::Error> {
    let subject = format!("{partnership} has arranged an assurance meeting with you on {}", date(held_on));
    let body = format!(
        "{partnership} has arranged an assurance meeting with your organisation on {}.\n\n\
         The panel will ask about your safeguarding self-assessment. Read the agenda and \
         the questions to prepare here:\n{}\n",
        date(held_on),
        link(state, meeting)
    );
    for to in lead_emails(tx, organisation).await? {
        state.mailer.queue(tx, Email { to, subject: subject.clone(), body: body.clone() }).await?;
    }
    Ok(())
}

pub async fn finalised(
    tx: &mut Tx,
    state: &AppState,
    meeting: i64,
    organisation: i64,
    partnership: &str,
    held_on: Date,
) -> Result<(), sqlx::Error> {
    let subject = format!("The record of your assurance meeting with {partnership} is final");
    let body = format!(
        "{partnership} has finalised the record of your assurance meeting of {}. It will not \
         change, but you can add a comment to it.\n\nActions agreed at the meeting are in \
         your action plan.\n\nRead the record here:\n{}\n",
        date(held_on),
        link(state, meeting)
    );
    for to in lead_emails(tx, organisation).await? {
        state.mailer.queue(tx, Email { to, subject: subject.clone(), body: body.clone() }).await?;
    }
    Ok(())
}
