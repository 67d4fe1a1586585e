//! What a table looks like on the engine at hand: its columns (with the open type each
//! is written as in an export), its primary key (the order rows are written in) and
//! the tables it points at (the order an import fills them in). Read from the database
//! itself rather than from the migrations, because columns added by `ALTER TABLE`
//! exist only there.

use serde::{Deserialize, Serialize};
use sqlx::Row as _;

pub use osa_core::export_format::{Kind, fill_order};

use crate::db::Db;

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
