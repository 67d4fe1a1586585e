//! The one search over narrative passages, on either engine: SQLite's FTS5 table or
//! PostgreSQL's full-text search. Both are given the same search (from
//! `osa_core::narratives::search_terms`: groups of words and phrases that must all
//! match, any term of a group will do, and terms that must not appear), built from
//! the same words, bound as parameters, never written into the SQL. Both match
//! stemmed forms, and both mark the matched words with the same control characters,
//! which pages turn into `<mark>` only after escaping.
//!
//! One difference remains: a very common word inside a phrase (`"lead is named"`) is
//! that word on SQLite but any one word on PostgreSQL, which leaves such words out.

use osa_core::tenancy::{DutyStatus, Sector};
use sea_query::{Alias, Expr, ExprTrait, Order, SelectStatement};

use super::schema::{NarrativePassages, NarrativeTags, SQLITE_FTS_TABLE};
use crate::cycles::visible::Reader;
use crate::db::schema::{Invitations, OrganisationAreas, Organisations};
use crate::db::{Db, Engine};
use osa_core::narratives::{MARK_END, MARK_START, Search, Term, Terms};

/// What to look for among the passages of returns submitted in one cycle, and sent
/// to a partnership the reader reads through (`crate::cycles::visible`).
#[derive(Debug, Clone)]
pub struct Query {
    pub reader: Reader,
    pub terms: Terms,
    pub standard: Option<String>,
    /// Sector codes; empty means every sector.
    pub sectors: Vec<String>,
    /// Duty-status codes; empty means every duty status.
    pub duties: Vec<String>,
    /// Only organisations serving this partnership.
    pub partnership: Option<i64>,
    /// Only passages tagged with this theme.
    pub theme: Option<i64>,
    /// Only this passage (to check it belongs to the cycle).
    pub passage: Option<i64>,
    pub offset: u64,
    pub limit: u64,
}

impl Query {
    pub fn in_cycle(reader: &Reader) -> Query {
        Query {
            reader: reader.clone(),
            terms: Terms::Blank,
            standard: None,
            sectors: Vec::new(),
            duties: Vec::new(),
            partnership: None,
            theme: None,
            passage: None,
            offset: 0,
            limit: 50,
        }
    }
}

/// One passage found.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Hit {
    pub passage_id: i64,
    pub return_id: i64,
    pub organisation_id: i64,
    pub organisation_name: String,
    #[sqlx(try_from = "String")]
    pub sector: Sector,
    #[sqlx(try_from = "String")]
    pub duty_status: DutyStatus,
    pub standard_code: String,
    pub criterion_code: String,
    /// The whole passage, matched words between `MARK_START` and `MARK_END`.
    pub marked: String,
}

/// Passages matching `q`, by organisation and then in framework order.
pub async fn search(db: &Db, q: &Query) -> Result<Vec<Hit>, sqlx::Error> {
    let Some(mut select) = filtered(db.engine(), q) else { return Ok(Vec::new()) };
    select
        .expr_as(Expr::col((NarrativePassages::Table, NarrativePassages::Id)), Alias::new("passage_id"))
        .columns([
            (NarrativePassages::Table, NarrativePassages::ReturnId),
            (NarrativePassages::Table, NarrativePassages::StandardCode),
            (NarrativePassages::Table, NarrativePassages::CriterionCode),
        ])
        .expr_as(Expr::col((Organisations::Table, Organisations::Id)), Alias::new("organisation_id"))
        .expr_as(Expr::col((Organisations::Table, Organisations::Name)), Alias::new("organisation_name"))
        .expr_as(Expr::col((Organisations::Table, Organisations::Sector)), Alias::new("sector"))
        .expr_as(Expr::col((Organisations::Table, Organisations::DutyStatus)), Alias::new("duty_status"))
        .expr_as(marked(db.engine(), &q.terms), Alias::new("marked"))
        .order_by((Organisations::Table, Organisations::Name), Order::Asc)
        .order_by((NarrativePassages::Table, NarrativePassages::Id), Order::Asc)
        .offset(q.offset)
        .limit(q.limit);
    let mut hits: Vec<Hit> = db.fetch_all(&select).await?;
    if db.engine() == Engine::Postgres && matches!(q.terms, Terms::Search(_)) {
        for hit in &mut hits {
            hit.marked = restore(&hit.marked);
        }
    }
    Ok(hits)
}

/// How many passages match `q` (its offset and limit aside).
pub async fn count(db: &Db, q: &Query) -> Result<i64, sqlx::Error> {
    let Some(mut select) = filtered(db.engine(), q) else { return Ok(0) };
    select.expr(Expr::col((NarrativePassages::Table, NarrativePassages::Id)).count());
    let (n,): (i64,) = db.fetch_one(&select).await?;
    Ok(n)
}

/// The search as one SQLite FTS5 query: each term a quoted string (a phrase when it
/// holds several words; words hold only letters and digits, so nothing typed is read
/// as FTS5 syntax such as NOT, NEAR or `*`), groups joined by AND, the terms of a group
/// by OR, and the excluded terms after NOT.
fn fts5_query(search: &Search) -> String {
    let any = |terms: &[Term]| {
        let quoted: Vec<String> =
            terms.iter().map(|t| format!("\"{}\"", t.words.join(" ").replace('"', ""))).collect();
        format!("({})", quoted.join(" OR "))
    };
    let all: Vec<String> = search.all.iter().map(|group| any(group.as_slice())).collect();
    let all = all.join(" AND ");
    if search.none.is_empty() { all } else { format!("({all}) NOT {}", any(&search.none)) }
}

/// The passage as PostgreSQL's parser reads it. Its default parser takes `<…>` for
/// HTML tags (skipping what a `<script>` holds) and `&…;` for entities, but passages
/// are plain text; `<` and `&` are swapped for control characters no passage keeps,
/// and swapped back in what `ts_headline` returns ([`restore`]). The GIN index of
/// migration 16 is on exactly this expression.
const PG_DOCUMENT: &str = "translate(\"narrative_passages\".\"passage\", '<&', chr(3) || chr(4))";

/// Undoes [`PG_DOCUMENT`]'s swap in text coming back from PostgreSQL.
fn restore(text: &str) -> String {
    text.replace('\u{3}', "<").replace('\u{4}', "&")
}

/// The search as a PostgreSQL `tsquery` expression and the values it binds (`$1`…,
/// one per term, in order): each term through `phraseto_tsquery` (a phrase's words
/// next to each other; one word alone is just that word), the terms of a group joined
/// by `||`, groups by `&&`, and, unless `positive_only` (for highlighting), the
/// excluded terms after `&& !!`. Only placeholders and operators are written into the
/// SQL; the words are bound.
fn ts_query(search: &Search, positive_only: bool) -> (String, Vec<String>) {
    let mut values: Vec<String> = Vec::new();
    let any = |terms: &[Term], values: &mut Vec<String>| -> String {
        let parts: Vec<String> = terms
            .iter()
            .map(|t| {
                values.push(t.words.join(" "));
                format!("phraseto_tsquery('english', ${})", values.len())
            })
            .collect();
        format!("({})", parts.join(" || "))
    };
    let all: Vec<String> = search.all.iter().map(|group| any(group.as_slice(), &mut values)).collect();
    let mut sql = all.join(" && ");
    if !positive_only && !search.none.is_empty() {
        sql = format!("({sql}) && !!{}", any(&search.none, &mut values));
    }
    (format!("({sql})"), values)
}

fn fts_table() -> Alias {
    Alias::new(SQLITE_FTS_TABLE)
}

/// The passages of returns submitted in the cycle that pass every filter, with no
/// columns chosen yet; `None` when nothing can match (a search with no words).
fn filtered(engine: Engine, q: &Query) -> Option<SelectStatement> {
    let mut s = sea_query::Query::select();
    s.from(NarrativePassages::Table)
        // An invitation holds a return only once it is submitted in answer to it.
        .inner_join(
            Invitations::Table,
            Expr::col((Invitations::Table, Invitations::ReturnId))
                .equals((NarrativePassages::Table, NarrativePassages::ReturnId)),
        )
        .inner_join(
            Organisations::Table,
            Expr::col((Organisations::Table, Organisations::Id))
                .equals((Invitations::Table, Invitations::OrganisationId)),
        )
        .and_where(Expr::col((Invitations::Table, Invitations::CycleId)).eq(q.reader.cycle))
        // Never a passage of a return sent only to partnerships the reader does not work for.
        .and_where(q.reader.may_read((NarrativePassages::Table, NarrativePassages::ReturnId)));
    match (&q.terms, engine) {
        (Terms::Blank, _) => {}
        (Terms::Unsearchable(_), _) => return None,
        (Terms::Search(search), Engine::Sqlite) => {
            s.inner_join(
                fts_table(),
                Expr::col((fts_table(), Alias::new("rowid")))
                    .equals((NarrativePassages::Table, NarrativePassages::Id)),
            )
            .and_where(Expr::cust_with_values(
                format!("\"{SQLITE_FTS_TABLE}\" MATCH ?"),
                [fts5_query(search)],
            ));
        }
        (Terms::Search(search), Engine::Postgres) => {
            // The same expression as the GIN index of migration 16, so the index is used.
            let (tsquery, values) = ts_query(search, false);
            s.and_where(Expr::cust_with_values(
                format!("to_tsvector('english', {PG_DOCUMENT}) @@ {tsquery}"),
                values,
            ));
        }
    }
    if let Some(standard) = &q.standard {
        s.and_where(
            Expr::col((NarrativePassages::Table, NarrativePassages::StandardCode)).eq(standard.as_str()),
        );
    }
    if !q.sectors.is_empty() {
        s.and_where(Expr::col((Organisations::Table, Organisations::Sector)).is_in(q.sectors.clone()));
    }
    if !q.duties.is_empty() {
        s.and_where(Expr::col((Organisations::Table, Organisations::DutyStatus)).is_in(q.duties.clone()));
    }
    if let Some(partnership) = q.partnership {
        s.and_where(
            Expr::col((Organisations::Table, Organisations::Id)).in_subquery(
                sea_query::Query::select()
                    .column(OrganisationAreas::OrganisationId)
                    .from(OrganisationAreas::Table)
                    .and_where(Expr::col(OrganisationAreas::PartnershipId).eq(partnership))
                    .to_owned(),
            ),
        );
    }
    if let Some(theme) = q.theme {
        s.and_where(
            Expr::col((NarrativePassages::Table, NarrativePassages::Id)).in_subquery(
                sea_query::Query::select()
                    .column(NarrativeTags::PassageId)
                    .from(NarrativeTags::Table)
                    .and_where(Expr::col(NarrativeTags::ThemeId).eq(theme))
                    .to_owned(),
            ),
        );
    }
    if let Some(passage) = q.passage {
        s.and_where(Expr::col((NarrativePassages::Table, NarrativePassages::Id)).eq(passage));
    }
    Some(s)
}

/// The passage with the words it was found by between the markers: SQLite's
/// `highlight()` or PostgreSQL's `ts_headline` (given only the terms to find) over the
/// whole passage (the markers are bound too).
fn marked(engine: Engine, terms: &Terms) -> Expr {
    let plain = Expr::col((NarrativePassages::Table, NarrativePassages::Passage));
    let Terms::Search(search) = terms else { return plain };
    match engine {
        Engine::Sqlite => Expr::cust_with_values(
            format!("highlight(\"{SQLITE_FTS_TABLE}\", 0, ?, ?)"),
            [MARK_START.to_string(), MARK_END.to_string()],
        ),
        Engine::Postgres => {
            let (tsquery, mut values) = ts_query(search, true);
            values.push(format!("StartSel={MARK_START}, StopSel={MARK_END}, HighlightAll=true"));
            Expr::cust_with_values(
                format!("ts_headline('english', {PG_DOCUMENT}, {tsquery}, ${})", values.len()),
                values,
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_postgresql_reads_is_restored_exactly() {
        assert_eq!(restore("a \u{3}b> \u{4}amp; c"), "a <b> &amp; c");
    }

    fn search(typed: &str) -> Search {
        match osa_core::narratives::search_terms(typed) {
            Terms::Search(search) => search,
            other => panic!("{typed}: {other:?}"),
        }
    }

    #[test]
    fn fts5_terms_are_quoted_strings_joined_by_operators() {
        assert_eq!(fts5_query(&search("near not training")), "(\"near\") AND (\"training\")");
        assert_eq!(
            fts5_query(&search("NEAR(x) OR \"named lead\" -posters NOT y*")),
            "((\"near x\" OR \"named lead\")) NOT (\"posters\" OR \"y\")"
        );
    }

    #[test]
    fn tsquery_binds_every_term_and_writes_only_placeholders() {
        let (sql, values) = ts_query(&search("neglect OR \"named lead\" training -posters"), false);
        assert_eq!(
            sql,
            "(((phraseto_tsquery('english', $1) || phraseto_tsquery('english', $2)) && \
             (phraseto_tsquery('english', $3))) && !!(phraseto_tsquery('english', $4)))"
        );
        assert_eq!(values, ["neglect", "named lead", "training", "posters"]);
        let (sql, values) = ts_query(&search("neglect -posters"), true);
        assert_eq!(sql, "((phraseto_tsquery('english', $1)))");
        assert_eq!(values, ["neglect"]);
    }
}
