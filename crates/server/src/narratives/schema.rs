//! Table and column names of narrative search and themes (migration 16).

use sea_query::Iden;

/// One row per return and criterion whose answer has words: the text searched.
#[derive(Iden, Clone, Copy)]
pub enum NarrativePassages {
    Table,
    Id,
    ReturnId,
    CriterionCode,
    StandardCode,
    Passage,
}

/// Returns whose passages are in the index (also those with no words at all), so the
/// start-up backfill knows what is left to do.
#[derive(Iden, Clone, Copy)]
pub enum NarrativeIndexedReturns {
    Table,
    ReturnId,
    IndexedAt,
}

/// A partnership's own themes. Retired themes keep their tags but take no new ones.
#[derive(Iden, Clone, Copy)]
pub enum Themes {
    Table,
    Id,
    PartnershipId,
    Name,
    RetiredAt,
    CreatedBy,
    CreatedAt,
}

/// A passage tagged with a theme, optionally quoting the words that show it.
#[derive(Iden, Clone, Copy)]
pub enum NarrativeTags {
    Table,
    Id,
    PassageId,
    ThemeId,
    Excerpt,
    TaggedBy,
    TaggedAt,
}

/// SQLite's full-text index over `narrative_passages.passage` (an FTS5 table that
/// keeps no copy of the text). PostgreSQL uses a GIN index on the table instead.
pub const SQLITE_FTS_TABLE: &str = "narrative_passages_fts";
