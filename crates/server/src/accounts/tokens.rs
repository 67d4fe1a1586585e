//! Single-use, expiring links sent by email: password resets, invitations and
//! confirming a registration that names an existing account as its lead. The
//! link carries a random token; only its SHA-256 is stored, so a copy of the database
//! cannot be used to take over accounts.

use base64::Engine;
use rand::RngCore;
use sea_query::{Expr, ExprTrait, Query};
use sha2::{Digest, Sha256};
use time::{Duration, OffsetDateTime};

use crate::db::schema::EmailTokens;
use crate::db::{Db, Tx};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    PasswordReset,
    Invitation,
    /// Someone registered an organisation naming this person, who already has an
    /// account, as its lead; the link's payload holds the registration.
    RegistrationConfirmation,
}

impl Purpose {
    pub const ALL: [Purpose; 3] =
        [Purpose::PasswordReset, Purpose::Invitation, Purpose::RegistrationConfirmation];

    fn code(self) -> &'static str {
        match self {
            Purpose::PasswordReset => "password_reset",
            Purpose::Invitation => "invitation",
            Purpose::RegistrationConfirmation => "registration_confirmation",
        }
    }

    pub fn lifetime(self) -> Duration {
        match self {
            Purpose::PasswordReset => Duration::hours(2),
            Purpose::Invitation | Purpose::RegistrationConfirmation => Duration::days(7),
        }
    }

    pub fn path(self) -> &'static str {
        match self {
            Purpose::PasswordReset => "/password-reset",
            Purpose::Invitation => "/invitation",
            Purpose::RegistrationConfirmation => "/register/confirm",
        }
    }
}

fn digest(token: &str) -> String {
    Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// Creates a token for `user_id` and returns the secret to put in the link.
pub async fn issue(tx: &mut Tx, user_id: i64, purpose: Purpose) -> Result<String, sqlx::Error> {
    issue_with_payload(tx, user_id, purpose, None).await
}

/// As [`issue`], with what the link confirms stored beside it.
pub async fn issue_with_payload(
    tx: &mut Tx,
    user_id: i64,
    purpose: Purpose,
    payload: Option<String>,
) -> Result<String, sqlx::Error> {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    let now = OffsetDateTime::now_utc();
    tx.execute(
        &Query::insert()
            .into_table(EmailTokens::Table)
            .columns([
                EmailTokens::UserId,
                EmailTokens::Purpose,
                EmailTokens::TokenHash,
                EmailTokens::CreatedAt,
                EmailTokens::ExpiresAt,
                EmailTokens::Payload,
            ])
            .values_panic([
                user_id.into(),
                purpose.code().into(),
                digest(&token).into(),
                now.into(),
                (now + purpose.lifetime()).into(),
                payload.into(),
            ])
            .to_owned(),
    )
    .await?;
    Ok(token)
}

fn live(token: &str, purpose: Purpose) -> sea_query::SelectStatement {
    Query::select()
        .columns([EmailTokens::Id, EmailTokens::UserId, EmailTokens::Payload])
        .from(EmailTokens::Table)
        .and_where(Expr::col(EmailTokens::TokenHash).eq(digest(token)))
        .and_where(Expr::col(EmailTokens::Purpose).eq(purpose.code()))
        .and_where(Expr::col(EmailTokens::UsedAt).is_null())
        .and_where(Expr::col(EmailTokens::ExpiresAt).gt(OffsetDateTime::now_utc()))
        .to_owned()
}

/// The user a live (unused, unexpired) token belongs to.
pub async fn peek(db: &Db, token: &str, purpose: Purpose) -> Result<Option<i64>, sqlx::Error> {
    Ok(peek_with_payload(db, token, purpose).await?.map(|(user, _)| user))
}

/// The user and payload of a live token.
pub async fn peek_with_payload(
    db: &Db,
    token: &str,
    purpose: Purpose,
) -> Result<Option<(i64, Option<String>)>, sqlx::Error> {
    let row: Option<(i64, i64, Option<String>)> = db.fetch_optional(&live(token, purpose)).await?;
    Ok(row.map(|(_, user, payload)| (user, payload)))
}

/// Marks the token used and returns its user, or `None` if it is not live. Of two
/// requests racing with one token, only one gets the user.
pub async fn consume(tx: &mut Tx, token: &str, purpose: Purpose) -> Result<Option<i64>, sqlx::Error> {
    Ok(consume_with_payload(tx, token, purpose).await?.map(|(user, _)| user))
}

/// As [`consume`], giving the payload too.
pub async fn consume_with_payload(
    tx: &mut Tx,
    token: &str,
    purpose: Purpose,
) -> Result<Option<(i64, Option<String>)>, sqlx::Error> {
    let Some((id, user, payload)) =
        tx.fetch_optional::<(i64, i64, Option<String>)>(&live(token, purpose)).await?
    else {
        return Ok(None);
    };
    let now = OffsetDateTime::now_utc();
    let claimed = tx
        .execute(
            &Query::update()
                .table(EmailTokens::Table)
                .value(EmailTokens::UsedAt, now)
                .and_where(Expr::col(EmailTokens::Id).eq(id))
                .and_where(Expr::col(EmailTokens::UsedAt).is_null())
                .to_owned(),
        )
        .await?;
    if claimed != 1 {
        return Ok(None);
    }
    // Each registration waiting for confirmation is its own request; confirming one
    // says nothing about the others.
    if purpose == Purpose::RegistrationConfirmation {
        return Ok(Some((user, payload)));
    }
    // Any other outstanding link of the same kind for this person stops working too.
    tx.execute(
        &Query::update()
            .table(EmailTokens::Table)
            .value(EmailTokens::UsedAt, now)
            .and_where(Expr::col(EmailTokens::UserId).eq(user))
            .and_where(Expr::col(EmailTokens::Purpose).eq(purpose.code()))
            .and_where(Expr::col(EmailTokens::UsedAt).is_null())
            .to_owned(),
    )
    .await?;
    Ok(Some((user, payload)))
}
