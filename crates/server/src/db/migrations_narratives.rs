//! Migration 16: narrative passages and their full-text index, themes and tags.
//!
//! The full-text index is the one place the engines differ: SQLite gets an FTS5 table
//! kept in step by triggers (stemmed words, accents kept as PostgreSQL keeps them);
//! PostgreSQL a GIN index on `to_tsvector('english', …)` of the passage, the very
//! expression `narratives::search` matches on (see `search::PG_DOCUMENT`), so the
//! index is used.

use sea_query::{ColumnDef, Table};

use super::migrations::{Step, fk, id_column, index, timestamp, unique_index};
use super::schema::{Partnerships, Returns};
use crate::narratives::schema::*;

pub fn narratives() -> Vec<Step> {
    vec![
        Step::Table(Box::new(
            Table::create()
                .table(NarrativePassages::Table)
                .col(id_column(NarrativePassages::Id))
                .col(ColumnDef::new(NarrativePassages::ReturnId).big_integer().not_null())
                .col(ColumnDef::new(NarrativePassages::CriterionCode).text().not_null())
                .col(ColumnDef::new(NarrativePassages::StandardCode).text().not_null())
                .col(ColumnDef::new(NarrativePassages::Passage).text().not_null())
                .foreign_key(&mut fk(
                    (NarrativePassages::Table, NarrativePassages::ReturnId),
                    (Returns::Table, Returns::Id),
                ))
                .to_owned(),
        )),
        unique_index(
            "narrative_passages_return_criterion",
            NarrativePassages::Table,
            &["return_id", "criterion_code"],
        ),
        Step::Table(Box::new(
            Table::create()
                .table(NarrativeIndexedReturns::Table)
                .col(ColumnDef::new(NarrativeIndexedReturns::ReturnId).big_integer().not_null().primary_key())
                .col(timestamp(NarrativeIndexedReturns::IndexedAt))
                .foreign_key(&mut fk(
                    (NarrativeIndexedReturns::Table, NarrativeIndexedReturns::ReturnId),
                    (Returns::Table, Returns::Id),
                ))
                .to_owned(),
        )),
        // One step, several statements on SQLite: the FTS5 table and the triggers that
        // keep it in step with the passages (written once, removed with their return).
        Step::Sql {
            sqlite: "CREATE VIRTUAL TABLE narrative_passages_fts USING fts5(passage, \
                     content='narrative_passages', content_rowid='id', \
                     tokenize='porter unicode61 remove_diacritics 0'); \
                     CREATE TRIGGER narrative_passages_fts_insert AFTER INSERT ON narrative_passages BEGIN \
                     INSERT INTO narrative_passages_fts(rowid, passage) VALUES (new.id, new.passage); END; \
                     CREATE TRIGGER narrative_passages_fts_delete AFTER DELETE ON narrative_passages BEGIN \
                     INSERT INTO narrative_passages_fts(narrative_passages_fts, rowid, passage) \
                     VALUES ('delete', old.id, old.passage); END;",
            postgres: "CREATE INDEX narrative_passages_search ON narrative_passages \
                       USING GIN (to_tsvector('english', translate(passage, '<&', chr(3) || chr(4))))",
        },
        Step::Table(Box::new(
            Table::create()
                .table(Themes::Table)
                .col(id_column(Themes::Id))
                .col(ColumnDef::new(Themes::PartnershipId).big_integer().not_null())
                .col(ColumnDef::new(Themes::Name).text().not_null())
                .col(ColumnDef::new(Themes::RetiredAt).timestamp_with_time_zone().null())
                .col(ColumnDef::new(Themes::CreatedBy).big_integer().not_null())
                .col(timestamp(Themes::CreatedAt))
                .foreign_key(&mut fk(
                    (Themes::Table, Themes::PartnershipId),
                    (Partnerships::Table, Partnerships::Id),
                ))
                .to_owned(),
        )),
        unique_index("themes_partnership_name", Themes::Table, &["partnership_id", "name"]),
        Step::Table(Box::new(
            Table::create()
                .table(NarrativeTags::Table)
                .col(id_column(NarrativeTags::Id))
                .col(ColumnDef::new(NarrativeTags::PassageId).big_integer().not_null())
                .col(ColumnDef::new(NarrativeTags::ThemeId).big_integer().not_null())
                .col(ColumnDef::new(NarrativeTags::Excerpt).text().null())
                .col(ColumnDef::new(NarrativeTags::TaggedBy).big_integer().not_null())
                .col(timestamp(NarrativeTags::TaggedAt))
                .foreign_key(&mut fk(
                    (NarrativeTags::Table, NarrativeTags::PassageId),
                    (NarrativePassages::Table, NarrativePassages::Id),
                ))
                .foreign_key(&mut fk(
                    (NarrativeTags::Table, NarrativeTags::ThemeId),
                    (Themes::Table, Themes::Id),
                ))
                .to_owned(),
        )),
        index("narrative_tags_passage", NarrativeTags::Table, &["passage_id"]),
        index("narrative_tags_theme", NarrativeTags::Table, &["theme_id", "passage_id"]),
    ]
}
