//! Migration 40: what the retention rules and erasure need to know of an account.
//! `closed_at` is when the person was left with no role (the closed-accounts rule
//! counts from it); `erased_at` is when they were erased or anonymised, after which
//! their name and email are placeholders and nothing else of theirs is kept.

use super::migrations::Step;

pub fn account_closure() -> Vec<Step> {
    vec![
        Step::Sql {
            sqlite: "ALTER TABLE users ADD COLUMN closed_at timestamp_with_timezone_text NULL",
            postgres: "ALTER TABLE users ADD COLUMN closed_at timestamp with time zone NULL",
        },
        Step::Sql {
            sqlite: "ALTER TABLE users ADD COLUMN erased_at timestamp_with_timezone_text NULL",
            postgres: "ALTER TABLE users ADD COLUMN erased_at timestamp with time zone NULL",
        },
    ]
}
