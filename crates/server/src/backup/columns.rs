//! What a table looks like on the engine at hand: its columns (with the open type each
//! is written as in an export), its primary key (the order rows are written in) and
//! the tables it points at (the order an import fills them in). Read from the database
//! itself rather than from the migrations, because columns added by `ALTER TABLE`
//! exist only there.

use serde::{Deserialize, Serialize};
use sqlx::Row as _;

use crate::db::Db;

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

#[derive(Serialize, Deserialize, Clone, PartialEq, Eq, Debug)]
pub struct Column {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: Kind,
}

pub struct Shape {
    pub columns: Vec<Column>,
    /// The primary key's columns; rows are written in this order.
    pub key: Vec<String>,
    /// Other tables this one has foreign keys to.
    pub refers_to: Vec<String>,
}

pub async fn shape(db: &Db, table: &str) -> anyhow::Result<Shape> {
    let (declared, key, refers_to): (Vec<(String, String)>, Vec<String>, Vec<String>) = match db {
        Db::Sqlite(pool) => {
            let rows = sqlx::query("SELECT name, type, pk FROM pragma_table_info(?1) ORDER BY cid")
                .bind(table)
                .fetch_all(pool)
                .await?;
            let mut keyed: Vec<(i64, String)> = rows
                .iter()
                .filter(|r| r.get::<i64, _>(2) > 0)
                .map(|r| (r.get::<i64, _>(2), r.get::<String, _>(0)))
                .collect();
            keyed.sort();
            let refs: Vec<(String,)> = sqlx::query_as("SELECT \"table\" FROM pragma_foreign_key_list(?1)")
                .bind(table)
                .fetch_all(pool)
                .await?;
            (
                rows.iter().map(|r| (r.get(0), r.get(1))).collect(),
                keyed.into_iter().map(|(_, n)| n).collect(),
                refs.into_iter().map(|(t,)| t).collect(),
            )
        }
        Db::Postgres(pool) => {
            let columns: Vec<(String, String)> = sqlx::query_as(
                "SELECT column_name::text, data_type::text FROM information_schema.columns \
                 WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
            )
            .bind(table)
            .fetch_all(pool)
            .await?;
            let key: Vec<(String,)> = sqlx::query_as(
                "SELECT a.attname::text FROM pg_index i \
                 JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) \
                 WHERE i.indrelid = to_regclass($1) AND i.indisprimary ORDER BY a.attnum",
            )
            .bind(table)
            .fetch_all(pool)
            .await?;
            let refs: Vec<(String,)> = sqlx::query_as(
                "SELECT c.relname::text FROM pg_constraint k JOIN pg_class c ON c.oid = k.confrelid \
                 WHERE k.contype = 'f' AND k.conrelid = to_regclass($1)",
            )
            .bind(table)
            .fetch_all(pool)
            .await?;
            (columns, key.into_iter().map(|(k,)| k).collect(), refs.into_iter().map(|(t,)| t).collect())
        }
    };
    if declared.is_empty() {
        anyhow::bail!("the database has no table {table}: run `osa migrate` first");
    }
    let mut columns = Vec::with_capacity(declared.len());
    for (name, declared) in declared {
        let kind = Kind::from_declared(&declared).ok_or_else(|| {
            anyhow::anyhow!("column {table}.{name} has a type ({declared}) the export format does not cover")
        })?;
        columns.push(Column { name, kind });
    }
    let refers_to = refers_to.into_iter().filter(|t| t != table).collect();
    Ok(Shape { columns, key, refers_to })
}

/// The tables in an order that fills every table after those it points at, keeping
/// the migrations' order otherwise. A later `ALTER TABLE` can make an older table
/// point at a newer one (actions → assurance meetings), so migration order alone
/// would break a foreign key on PostgreSQL, where they cannot be deferred.
pub fn fill_order(tables: &[(String, Vec<String>)]) -> anyhow::Result<Vec<String>> {
    let mut done: Vec<String> = Vec::with_capacity(tables.len());
    while done.len() < tables.len() {
        let next = tables.iter().find(|(name, refs)| {
            !done.contains(name)
                && refs.iter().all(|r| done.contains(r) || !tables.iter().any(|(n, _)| n == r))
        });
        match next {
            Some((name, _)) => done.push(name.clone()),
            None => anyhow::bail!("the tables' foreign keys form a loop; import cannot order them"),
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
