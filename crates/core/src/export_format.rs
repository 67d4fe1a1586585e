//! The rules of osa's open export format (`docs/export-format.md`) that need no
//! database: the type each column is written as, and the order tables are filled in.

use serde::{Deserialize, Serialize};

/// The type of a column as an export writes it; see `docs/export-format.md`.
#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Integer,
    Real,
    Text,
    Boolean,
    Timestamp,
    Date,
    Blob,
}

impl Kind {
    /// The kind of a column from the type its engine declares (`timestamp_with_timezone_text`
    /// or `date_text` on SQLite as sea-query writes them, `timestamp with time zone` on
    /// PostgreSQL). An unknown type is refused so that no column is exported wrongly.
    pub fn from_declared(declared: &str) -> Option<Kind> {
        let t = declared.to_ascii_lowercase();
        let has = |word: &str| t.contains(word);
        Some(if has("timestamp") {
            Kind::Timestamp
        } else if has("date") {
            Kind::Date
        } else if has("bool") {
            Kind::Boolean
        } else if has("int") {
            Kind::Integer
        } else if has("double") || has("real") || has("float") {
            Kind::Real
        } else if has("text") || has("char") || has("clob") {
            Kind::Text
        } else if has("blob") || has("bytea") {
            Kind::Blob
        } else {
            return None;
        })
    }
}

#[derive(Debug, thiserror::Error)]
#[error("the tables' foreign keys form a loop; import cannot order them")]
pub struct ForeignKeyLoop;

/// The tables in an order that fills every table after those it points at, keeping
/// the migrations' order otherwise. A later `ALTER TABLE` can make an older table
/// point at a newer one (actions → assurance meetings), so migration order alone
/// would break a foreign key on PostgreSQL, where they cannot be deferred.
pub fn fill_order(tables: &[(String, Vec<String>)]) -> Result<Vec<String>, ForeignKeyLoop> {
    let mut done: Vec<String> = Vec::with_capacity(tables.len());
    while done.len() < tables.len() {
        let next = tables.iter().find(|(name, refs)| {
            !done.contains(name)
                && refs.iter().all(|r| done.contains(r) || !tables.iter().any(|(n, _)| n == r))
        });
        match next {
            Some((name, _)) => done.push(name.clone()),
            None => return Err(ForeignKeyLoop),
        }
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_types_of_both_engines_have_a_kind() {
        for (declared, kind) in [
            ("bigint", Kind::Integer),
            ("integer", Kind::Integer),
            ("boolean", Kind::Boolean),
            ("timestamp_with_timezone_text", Kind::Timestamp),
            ("timestamp with time zone", Kind::Timestamp),
            ("date_text", Kind::Date),
            ("date", Kind::Date),
            ("double precision", Kind::Real),
            ("text", Kind::Text),
            ("bytea", Kind::Blob),
        ] {
            assert_eq!(Kind::from_declared(declared), Some(kind), "{declared}");
        }
        assert_eq!(Kind::from_declared("json"), None);
    }

    #[test]
    fn a_table_is_filled_after_the_tables_it_points_at() {
        let t = |n: &str, refs: &[&str]| (n.to_owned(), refs.iter().map(|r| r.to_string()).collect());
        let order =
            fill_order(&[t("users", &[]), t("actions", &["meetings", "users"]), t("meetings", &["users"])])
                .unwrap();
        assert_eq!(order, ["users", "meetings", "actions"]);
        assert!(fill_order(&[t("a", &["b"]), t("b", &["a"])]).is_err());
    }
}
