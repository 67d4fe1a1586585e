//! Inviting a person: the form's rules and the email that follows. A new person (or
//! one who never finished setting up) gets a single-use link to choose a password;
//! someone with an account is told about their new role.

use serde::Deserialize;

use crate::accounts::store as account_queries;
use crate::accounts::tokens::{self, Purpose};
use crate::db::Tx;
use crate::mail::Email as Mail;
use crate::web::AppState;
use crate::web::forms::Errors;
use osa_core::values::{Email, Name};

#[derive(Default, Deserialize)]
pub struct InviteForm {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub role: String,
}

pub struct ValidInvite {
    pub name: Name,
    pub email: Email,
    pub role: String,
}

/// `roles` are the codes allowed here; an empty list means no role is asked for.
pub fn validate(form: &InviteForm, roles: &[(&'static str, &'static str)]) -> Result<ValidInvite, Errors> {
    let mut errors = Errors::default();
    let name = errors.take("name", Name::parse(&form.name, "Enter the person's full name"));
    let email = errors.take("email", Email::parse(&form.email));
    if !roles.is_empty() && !roles.iter().any(|(code, _)| *code == form.role) {
        errors.add("role", "Select the role this person will have");
    }
    match (name, email) {
        (Some(name), Some(email)) if errors.is_empty() => {
            Ok(ValidInvite { name, email, role: form.role.clone() })
        }
        _ => Err(errors),
    }
}

/// Creates the person if needed and queues the right email. Returns their id.
pub async fn invite_person(
    state: &AppState,
    tx: &mut Tx,
    actor: i64,
    invite: &ValidInvite,
    what: &str,
) -> Result<i64, sqlx::Error> {
    let (user_id, _) = account_queries::find_or_create_user(
        tx,
        Some(actor),
        invite.email.as_str(),
        invite.name.as_str(),
        None,
        false,
    )
    .await?;
    let has_password = account_queries::user_by_email_tx(tx, invite.email.as_str())
        .await?
        .and_then(|u| u.password_hash)
        .is_some();
    let (subject, body) = if has_password {
        (
            "You have a new role on osa".to_owned(),
            format!(
                "Hello {},\n\nYou have been given a new role on osa: {what}.\n\nSign in to see it:\n\n{}/sign-in\n",
                invite.name.as_str(),
                state.config.public_url
            ),
        )
    } else {
        let token = tokens::issue(tx, user_id, Purpose::Invitation).await?;
        (
            "You have been invited to osa".to_owned(),
            format!(
                "Hello {},\n\nYou have been invited to osa, the Organisational Safeguarding Assessment service, as {what}.\n\n\
                 Choose a password to set up your account. This link works once, for 7 days:\n\n{}{}/{token}\n\n\
                 If you were not expecting this, you can ignore this email.\n",
                invite.name.as_str(),
                state.config.public_url,
                Purpose::Invitation.path()
            ),
        )
    };
    state.mailer.queue(tx, Mail { to: invite.email.to_string(), subject, body }).await?;
    Ok(user_id)
}
