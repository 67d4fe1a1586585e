//! Registered organisations whose names closely match a given name (the rule is
//! `osa_core::organisation_names`), for the warning on registration and the flag on a
//! partnership's join requests.

use sea_query::{Cond, Expr, ExprTrait, Func, Order, Query};

use crate::db::Db;
use crate::db::schema::Organisations;
use osa_core::organisation_names;

/// How many candidate rows one look-up reads at most. The candidates are the names
/// containing a fragment of the new name's longest words, nearest in length first, so
/// the true lookalikes come before the names that merely share a common word; a region
/// with more than this many such names may miss a lookalike, and never reads the table.
const CANDIDATES: u64 = 200;

/// How many lookalikes are named at most.
const SHOWN: usize = 5;

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, serde::Serialize, serde::Deserialize)]
pub struct Lookalike {
    pub id: i64,
    pub name: String,
}

/// The registered organisations (other than `except`) whose names closely match
/// `name`, nearest in length first, at most five.
pub async fn find(db: &Db, name: &str, except: Option<i64>) -> Result<Vec<Lookalike>, sqlx::Error> {
    let fragments = organisation_names::search_fragments(name);
    if fragments.is_empty() {
        return Ok(Vec::new());
    }
    let mut any = Cond::any();
    for fragment in &fragments {
        any = any.add(
            Expr::expr(Func::lower(Expr::col(Organisations::Name)))
                .like(crate::db::contains_pattern(fragment)),
        );
    }
    let mut query = Query::select()
        .columns([Organisations::Id, Organisations::Name])
        .from(Organisations::Table)
        .cond_where(any)
        .and_where(crate::partnership_self::store::not_a_record())
        .to_owned();
    if let Some(except) = except {
        query.and_where(Expr::col(Organisations::Id).ne(except));
    }
    let length = i64::try_from(name.trim().chars().count()).unwrap_or(i64::MAX);
    let candidates: Vec<Lookalike> = db
        .fetch_all(
            &query
                // `length` is a number we computed, so it is written into the SQL as is.
                .order_by_expr(Expr::cust(format!("ABS(LENGTH(\"name\") - {length})")), Order::Asc)
                .order_by(Organisations::Id, Order::Asc)
                .limit(CANDIDATES)
                .to_owned(),
        )
        .await?;
    Ok(candidates
        .into_iter()
        .filter(|c| organisation_names::closely_matches(name, &c.name))
        .take(SHOWN)
        .collect())
}
