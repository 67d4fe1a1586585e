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

use super::migrations::{Step, id_column, index, timestamp};
use super::schema::RateLimitEvents;

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
