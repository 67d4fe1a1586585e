//! Table and column names of the API's tokens and its record of calls (migration 39).

use sea_query::Iden;

/// A partnership's API token. Only the SHA-256 of the secret is kept.
#[derive(Iden, Clone, Copy)]
pub enum ApiTokens {
    Table,
    Id,
    PartnershipId,
    /// What the admin called it ("Power BI refresh"), to tell tokens apart.
    Name,
    /// Hex SHA-256 of the whole secret, prefix included.
    TokenHash,
    /// The first characters of the secret, shown in the list so an admin can match a
    /// token in a tool's settings to its row; far too few to guess the rest from.
    Hint,
    CreatedBy,
    CreatedAt,
    /// The last day it works (UTC).
    ExpiresOn,
    RevokedBy,
    RevokedAt,
}

/// One call made with a token, kept apart from the audit log (see `api::calls`).
/// Rows are only ever inserted.
#[derive(Iden, Clone, Copy)]
pub enum ApiCalls {
    Table,
    Id,
    TokenId,
    At,
    Method,
    /// The path and query asked for.
    Path,
    /// The HTTP status answered.
    Status,
}
