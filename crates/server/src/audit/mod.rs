//! The audit log: an append-only record of every change, written in the same
//! transaction as the change itself, so a change without its record cannot exist.
//!
//! Each entry also names the partnership and the organisation whose data it is
//! about, worked out from the record it names as it is written (`store::insert`), so
//! the people who run a tenant can read its part of the log (`/audit-log`, with a CSV
//! download). The database refuses to change or remove an entry (migration 38).

pub mod access;
pub mod download;
pub mod show;
pub mod store;

use serde_json::Value;

use crate::db::Tx;
use crate::web::routes::Routes;

pub fn routes(r: Routes) -> Routes {
    r.get("/audit-log", show::page).get("/audit-log.csv", download::csv)
}

pub struct Change<'a> {
    pub actor: Option<i64>,
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: String,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

pub async fn record(tx: &mut Tx, change: Change<'_>) -> Result<(), sqlx::Error> {
    store::insert(tx, change).await
}
