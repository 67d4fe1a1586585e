//! Migration 39: API tokens and the record of API calls.

use sea_query::{ColumnDef, Table};

use super::migrations::{Step, fk, id_column, index, timestamp, unique_index};
use super::schema::{Partnerships, Users};
use crate::api::schema::{ApiCalls, ApiTokens};

pub fn api_tokens() -> Vec<Step> {
    vec![
        Step::Table(Box::new(
            Table::create()
                .table(ApiTokens::Table)
                .col(id_column(ApiTokens::Id))
                .col(ColumnDef::new(ApiTokens::PartnershipId).big_integer().not_null())
                .col(ColumnDef::new(ApiTokens::Name).text().not_null())
                .col(ColumnDef::new(ApiTokens::TokenHash).text().not_null())
                .col(ColumnDef::new(ApiTokens::Hint).text().not_null())
                .col(ColumnDef::new(ApiTokens::CreatedBy).big_integer().not_null())
                .col(timestamp(ApiTokens::CreatedAt))
                .col(ColumnDef::new(ApiTokens::ExpiresOn).date().not_null())
                .col(ColumnDef::new(ApiTokens::RevokedBy).big_integer().null())
                .col(ColumnDef::new(ApiTokens::RevokedAt).timestamp_with_time_zone().null())
                .foreign_key(&mut fk(
                    (ApiTokens::Table, ApiTokens::PartnershipId),
                    (Partnerships::Table, Partnerships::Id),
                ))
                .foreign_key(&mut fk((ApiTokens::Table, ApiTokens::CreatedBy), (Users::Table, Users::Id)))
                .to_owned(),
        )),
        unique_index("api_tokens_hash", ApiTokens::Table, &["token_hash"]),
        index("api_tokens_partnership", ApiTokens::Table, &["partnership_id", "id"]),
        Step::Table(Box::new(
            Table::create()
                .table(ApiCalls::Table)
                .col(id_column(ApiCalls::Id))
                .col(ColumnDef::new(ApiCalls::TokenId).big_integer().not_null())
                .col(timestamp(ApiCalls::At))
                .col(ColumnDef::new(ApiCalls::Method).text().not_null())
                .col(ColumnDef::new(ApiCalls::Path).text().not_null())
                .col(ColumnDef::new(ApiCalls::Status).integer().not_null())
                .foreign_key(&mut fk((ApiCalls::Table, ApiCalls::TokenId), (ApiTokens::Table, ApiTokens::Id)))
                .to_owned(),
        )),
        // The rate limit and "last used" read a token's newest calls.
        index("api_calls_token_at", ApiCalls::Table, &["token_id", "at"]),
    ]
}
