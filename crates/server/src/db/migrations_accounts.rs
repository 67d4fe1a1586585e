//! Migrations of the accounts feature.
//!
//! Migration 22: what the accounts' security fixes need from the schema.
//!
//! - `sessions.user_id`, so a password change or reset ends every other session of
//!   that person in one statement. Sessions made before this version have no such
//!   column filled in and so could not be ended that way; they are deleted instead
//!   (everyone signs in once more after the upgrade), which is the only way to be
//!   sure no session escapes the rule.
//! - `rate_limit_events`, one row per password-reset or registration request, so
//!   each can be limited per address and per email.
//! - `outbox.secret_links`, the live links of a message, blanked once it is delivered.
//! - `email_tokens.payload`, what a link confirms when it carries more than a person
//!   (a registration waiting for the lead it names to confirm).

use sea_query::{ColumnDef, Table};

use super::migrations::{Step, fk, id_column, index, timestamp, unique_index};
use super::schema::{RateLimitEvents, RecoveryCodes, TwoFactor, Users};

pub fn trust() -> Vec<Step> {
    let same = |sql: &'static str| Step::Sql { sqlite: sql, postgres: sql };
    vec![
        same("DELETE FROM sessions"),
        same("ALTER TABLE sessions ADD COLUMN user_id BIGINT NULL"),
        index("sessions_user_id", super::schema::Sessions::Table, &["user_id"]),
        Step::Table(Box::new(
            Table::create()
                .table(RateLimitEvents::Table)
                .col(id_column(RateLimitEvents::Id))
                .col(ColumnDef::new(RateLimitEvents::Action).text().not_null())
                .col(ColumnDef::new(RateLimitEvents::Email).text().not_null())
                .col(ColumnDef::new(RateLimitEvents::Address).text().not_null())
                .col(timestamp(RateLimitEvents::At))
                .to_owned(),
        )),
        index("rate_limit_events_email", RateLimitEvents::Table, &["action", "email", "at"]),
        index("rate_limit_events_address", RateLimitEvents::Table, &["action", "address", "at"]),
        same("ALTER TABLE outbox ADD COLUMN secret_links TEXT NULL"),
        same("ALTER TABLE email_tokens ADD COLUMN payload TEXT NULL"),
    ]
}

/// Migration 37: two-factor sign-in. `two_factor` holds the secret of each person who
/// switched it on (its primary key is the person, so nobody has two), and
/// `recovery_codes` the hashes of their one-time recovery codes. Both go with the
/// person if the person is ever deleted.
pub fn two_factor() -> Vec<Step> {
    vec![
        Step::Table(Box::new(
            Table::create()
                .table(TwoFactor::Table)
                .col(ColumnDef::new(TwoFactor::UserId).big_integer().not_null().primary_key())
                .col(ColumnDef::new(TwoFactor::Secret).text().not_null())
                .col(ColumnDef::new(TwoFactor::LastStep).big_integer().null())
                .col(timestamp(TwoFactor::EnabledAt))
                .foreign_key(&mut fk((TwoFactor::Table, TwoFactor::UserId), (Users::Table, Users::Id)))
                .to_owned(),
        )),
        Step::Table(Box::new(
            Table::create()
                .table(RecoveryCodes::Table)
                .col(id_column(RecoveryCodes::Id))
                .col(ColumnDef::new(RecoveryCodes::UserId).big_integer().not_null())
                .col(ColumnDef::new(RecoveryCodes::CodeHash).text().not_null())
                .col(ColumnDef::new(RecoveryCodes::UsedAt).timestamp_with_time_zone().null())
                .foreign_key(&mut fk(
                    (RecoveryCodes::Table, RecoveryCodes::UserId),
                    (Users::Table, Users::Id),
                ))
                .to_owned(),
        )),
        unique_index("recovery_codes_user_hash", RecoveryCodes::Table, &["user_id", "code_hash"]),
    ]
}
