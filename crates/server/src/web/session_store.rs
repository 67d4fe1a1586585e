//! Sessions kept in the application database, so any number of app servers behind a
//! load balancer share them. tower-sessions handles cookies, expiry and ID rotation;
//! this store only persists records. (The published sqlx stores pull an older sqlx.)

use async_trait::async_trait;
use sea_query::{Expr, ExprTrait, OnConflict, Query};
use time::OffsetDateTime;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{Error, Result};
use tower_sessions::{ExpiredDeletion, SessionStore};

use crate::db::Db;
use crate::db::schema::Sessions;

#[derive(Clone, Debug)]
pub struct DbSessionStore {
    db: Db,
}

impl DbSessionStore {
    pub fn new(db: Db) -> Self {
        DbSessionStore { db }
    }
}

fn backend(err: impl std::fmt::Display) -> Error {
    Error::Backend(err.to_string())
}

#[async_trait]
impl SessionStore for DbSessionStore {
    async fn create(&self, record: &mut Record) -> Result<()> {
        // Insert with a fresh id until it does not collide (a collision is astronomically rare).
        loop {
            let data = serde_json::to_string(&record.data).map_err(backend)?;
            let inserted = self
                .db
                .execute(
                    &Query::insert()
                        .into_table(Sessions::Table)
                        .columns([Sessions::Id, Sessions::Data, Sessions::ExpiresAt])
                        .values_panic([record.id.to_string().into(), data.into(), record.expiry_date.into()])
                        .on_conflict(OnConflict::column(Sessions::Id).do_nothing().to_owned())
                        .to_owned(),
                )
                .await
                .map_err(backend)?;
            if inserted == 1 {
                return Ok(());
            }
            record.id = Id::default();
        }
    }

    async fn save(&self, record: &Record) -> Result<()> {
        let data = serde_json::to_string(&record.data).map_err(backend)?;
        self.db
            .execute(
                &Query::insert()
                    .into_table(Sessions::Table)
                    .columns([Sessions::Id, Sessions::Data, Sessions::ExpiresAt])
                    .values_panic([record.id.to_string().into(), data.into(), record.expiry_date.into()])
                    .on_conflict(
                        OnConflict::column(Sessions::Id)
                            .update_columns([Sessions::Data, Sessions::ExpiresAt])
                            .to_owned(),
                    )
                    .to_owned(),
            )
            .await
            .map_err(backend)?;
        Ok(())
    }

    async fn load(&self, session_id: &Id) -> Result<Option<Record>> {
        let row: Option<(String, OffsetDateTime)> = self
            .db
            .fetch_optional(
                &Query::select()
                    .columns([Sessions::Data, Sessions::ExpiresAt])
                    .from(Sessions::Table)
                    .and_where(Expr::col(Sessions::Id).eq(session_id.to_string()))
                    .and_where(Expr::col(Sessions::ExpiresAt).gt(OffsetDateTime::now_utc()))
                    .to_owned(),
            )
            .await
            .map_err(backend)?;
        let Some((data, expiry_date)) = row else { return Ok(None) };
        let data = serde_json::from_str(&data).map_err(|e| Error::Decode(e.to_string()))?;
        Ok(Some(Record { id: *session_id, data, expiry_date }))
    }

    async fn delete(&self, session_id: &Id) -> Result<()> {
        self.db
            .execute(
                &Query::delete()
                    .from_table(Sessions::Table)
                    .and_where(Expr::col(Sessions::Id).eq(session_id.to_string()))
                    .to_owned(),
            )
            .await
            .map_err(backend)?;
        Ok(())
    }
}

#[async_trait]
impl ExpiredDeletion for DbSessionStore {
    async fn delete_expired(&self) -> Result<()> {
        self.db
            .execute(
                &Query::delete()
                    .from_table(Sessions::Table)
                    .and_where(Expr::col(Sessions::ExpiresAt).lte(OffsetDateTime::now_utc()))
                    .to_owned(),
            )
            .await
            .map_err(backend)?;
        Ok(())
    }
}
