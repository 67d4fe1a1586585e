//! Multi-row inserts: rows gathered for one table and written a few thousand at a time,
//! one statement each. Row-by-row inserts through the stores would take hours for
//! five million answers; one statement per chunk takes minutes on either engine.

use sea_query::{InsertStatement, SimpleExpr};

use crate::db::Tx;

/// Bound parameters per statement: SQLite allows 32,766 and PostgreSQL 65,535.
const MAX_PARAMETERS: usize = 30_000;

pub struct Rows {
    template: InsertStatement,
    per_statement: usize,
    rows: Vec<Vec<SimpleExpr>>,
    written: u64,
}

impl Rows {
    /// Rows for `template` (a table and its `columns` columns, without values).
    pub fn new(template: InsertStatement, columns: usize) -> Rows {
        Rows {
            template,
            per_statement: (MAX_PARAMETERS / columns.max(1)).max(1),
            rows: Vec::new(),
            written: 0,
        }
    }

    pub fn push(&mut self, row: Vec<SimpleExpr>) {
        self.rows.push(row);
    }

    /// How many rows this table has received so far (written or waiting).
    pub fn count(&self) -> u64 {
        self.written + self.rows.len() as u64
    }

    /// Writes every waiting row inside `tx`.
    pub async fn flush(&mut self, tx: &mut Tx) -> Result<(), sqlx::Error> {
        let mut waiting = std::mem::take(&mut self.rows).into_iter().peekable();
        while waiting.peek().is_some() {
            let mut statement = self.template.clone();
            for row in waiting.by_ref().take(self.per_statement) {
                statement.values_panic(row);
                self.written += 1;
            }
            tx.execute(&statement).await?;
        }
        Ok(())
    }
}
