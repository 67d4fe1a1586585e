//! `osa user add`: creates the first platform admin of a new deployment (or makes an
//! existing person one). With a password given on standard input the account is ready
//! at once; otherwise a single-use set-up link is printed for the operator to open.

use crate::accounts::tokens::{self, Purpose};
use crate::accounts::{password, store};
use crate::web::AppState;
use osa_core::values::{Email, Name, NewPassword};

pub async fn add_platform_admin(
    state: &AppState,
    email: &str,
    name: &str,
    password: Option<String>,
) -> anyhow::Result<String> {
    let email = Email::parse(email).map_err(|e| anyhow::anyhow!("email: {e}"))?;
    let name = Name::parse(name, "Enter a name").map_err(|e| anyhow::anyhow!("name: {e}"))?;
    let hash = match password {
        Some(p) => {
            let p = NewPassword::parse(&p, &p).map_err(|e| anyhow::anyhow!("password: {e}"))?;
            Some(password::hash(p.expose().to_owned()).await?)
        }
        None => None,
    };
    let mut tx = state.db.begin().await?;
    let (id, created) =
        store::find_or_create_user(&mut tx, None, email.as_str(), name.as_str(), hash.clone(), true).await?;
    if !created {
        store::set_platform_admin(&mut tx, None, id).await?;
        if let Some(hash) = hash.clone() {
            store::set_password(&mut tx, id, hash, None).await?;
        }
    }
    let outcome = if hash.is_some() {
        format!("{email} is a platform admin and can sign in now.")
    } else {
        let token = tokens::issue(&mut tx, id, Purpose::Invitation).await?;
        format!(
            "{email} is a platform admin. To choose a password, open this single-use link within 7 days:\n{}{}/{token}",
            state.config.public_url,
            Purpose::Invitation.path()
        )
    };
    tx.commit().await?;
    Ok(outcome)
}
