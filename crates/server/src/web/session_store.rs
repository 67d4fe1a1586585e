//! Sessions kept in the application database, so any number of app servers behind a
//! load balancer share them. tower-sessions handles cookies, expiry and ID rotation;
//! this store only persists records. (The published sqlx stores pull an older sqlx.)
//!
//! Each row also carries the signed-in person's id in its own column, kept in step
//! with the record on every write, so all of someone's sessions can be ended in one
//! statement ([`end_sessions_of`]) when their password changes.

use async_trait::async_trait;
use sea_query::{Expr, ExprTrait, OnConflict, Query};
use time::OffsetDateTime;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{Error, Result};
use tower_sessions::{ExpiredDeletion, SessionStore};

use crate::db::schema::Sessions;
use crate::db::{Db, Tx};
use crate::web::page::SESSION_USER;

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

/// The person a session record is signed in as, if any.
fn user_of(record: &Record) -> Option<i64> {
    record.data.get(SESSION_USER).and_then(serde_json::Value::as_i64)
}

/// Ends every session of `user_id` except `keep` (the session making the change, when
/// it should stay signed in), in the caller's transaction.
pub async fn end_sessions_of(tx: &mut Tx, user_id: i64, keep: Option<Id>) -> sqlx::Result<u64> {
    let mut delete = Query::delete();
    delete.from_table(Sessions::Table).and_where(Expr::col(Sessions::UserId).eq(user_id));
    if let Some(keep) = keep {
        delete.and_where(Expr::col(Sessions::Id).ne(keep.to_string()));
    }
    tx.execute(&delete.to_owned()).await
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
                        .columns([Sessions::Id, Sessions::Data, Sessions::ExpiresAt, Sessions::UserId])
                        .values_panic([
                            record.id.to_string().into(),
                            data.into(),
                            record.expiry_date.into(),
                            user_of(record).into(),
                        ])
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

    /// Updates a session that exists. A session deleted since this request loaded it
    /// (ended by a password change elsewhere, or expired) stays deleted: writing it
    /// back would sign its holder in again.
    async fn save(&self, record: &Record) -> Result<()> {
        let data = serde_json::to_string(&record.data).map_err(backend)?;
        self.db
            .execute(
                &Query::update()
                    .table(Sessions::Table)
                    .value(Sessions::Data, data)
                    .value(Sessions::ExpiresAt, record.expiry_date)
                    .value(Sessions::UserId, user_of(record))
                    .and_where(Expr::col(Sessions::Id).eq(record.id.to_string()))
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
