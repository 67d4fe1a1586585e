//! The audit log: an append-only record of every change, written in the same
//! transaction as the change itself, so a change without its record cannot exist.

use sea_query::Query;
use serde_json::Value;
use time::OffsetDateTime;

use crate::db::Tx;
use crate::db::schema::AuditLog;

pub struct Change<'a> {
    pub actor: Option<i64>,
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: String,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

pub async fn record(tx: &mut Tx, change: Change<'_>) -> Result<(), sqlx::Error> {
    tx.execute(
        &Query::insert()
            .into_table(AuditLog::Table)
            .columns([
                AuditLog::At,
                AuditLog::ActorUserId,
                AuditLog::Action,
                AuditLog::Entity,
                AuditLog::EntityId,
                AuditLog::Before,
                AuditLog::After,
            ])
            .values_panic([
                OffsetDateTime::now_utc().into(),
                change.actor.into(),
                change.action.into(),
                change.entity.into(),
                change.entity_id.into(),
                change.before.map(|v| v.to_string()).into(),
                change.after.map(|v| v.to_string()).into(),
            ])
            .to_owned(),
    )
    .await?;
    Ok(())
}
