//! Reading and writing child-friendly summaries. Every write is audited in its own
//! transaction. Publishing copies the draft into the published column, so the public
//! page shows exactly what was published until it is published again; unpublishing
//! only hides that copy. Each change names the revision it was made from, so two
//! admins saving at once cannot silently overwrite each other.

use sea_query::{Expr, ExprTrait, Query, SelectStatement};
use serde_json::json;
use time::OffsetDateTime;

use super::schema::YoungPeoplesSummaries as S;
use crate::audit::{self, Change};
use crate::db::Db;
use osa_core::young_peoples_summary::Summary;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SummaryRow {
    pub id: i64,
    pub cycle_id: i64,
    pub partnership_id: i64,
    pub slug: String,
    pub draft: String,
    pub published: Option<String>,
    pub is_public: bool,
    pub revision: i64,
    pub published_at: Option<OffsetDateTime>,
    pub updated_at: OffsetDateTime,
}

/// A stored summary that no longer reads as one is a fault, never shown as empty.
fn parse(json: &str) -> Result<Summary, sqlx::Error> {
    serde_json::from_str(json).map_err(|e| sqlx::Error::Decode(Box::new(e)))
}

impl SummaryRow {
    pub fn draft(&self) -> Result<Summary, sqlx::Error> {
        parse(&self.draft)
    }

    pub fn published(&self) -> Result<Option<Summary>, sqlx::Error> {
        self.published.as_deref().map(parse).transpose()
    }

    /// Whether the draft holds changes the public page does not show yet.
    pub fn has_unpublished_changes(&self) -> bool {
        self.published.as_deref() != Some(self.draft.as_str())
    }
}

fn select() -> SelectStatement {
    Query::select()
        .columns([
            S::Id,
            S::CycleId,
            S::PartnershipId,
            S::Slug,
            S::Draft,
            S::Published,
            S::IsPublic,
            S::Revision,
            S::PublishedAt,
            S::UpdatedAt,
        ])
        .from(S::Table)
        .to_owned()
}

pub async fn of_cycle(db: &Db, cycle: i64) -> Result<Option<SummaryRow>, sqlx::Error> {
    db.fetch_optional(&select().and_where(Expr::col(S::CycleId).eq(cycle)).to_owned()).await
}

/// The published copy at `slug`, only while it is public.
pub async fn public(db: &Db, slug: &str) -> Result<Option<Summary>, sqlx::Error> {
    let row: Option<SummaryRow> = db
        .fetch_optional(
            &select()
                .and_where(Expr::col(S::Slug).eq(slug))
                .and_where(Expr::col(S::IsPublic).eq(true))
                .and_where(Expr::col(S::Published).is_not_null())
                .to_owned(),
        )
        .await?;
    Ok(match row {
        Some(row) => row.published()?,
        None => None,
    })
}

async fn slug_taken(db: &Db, slug: &str) -> Result<bool, sqlx::Error> {
    let row: Option<(i64,)> = db
        .fetch_optional(
            &Query::select().column(S::Id).from(S::Table).and_where(Expr::col(S::Slug).eq(slug)).to_owned(),
        )
        .await?;
    Ok(row.is_some())
}

/// Starts a cycle's summary from `draft`, at `slug` (or `slug` and the cycle's id, if
/// another summary has it). The cycle's unique index refuses a second summary.
pub async fn create(
    db: &Db,
    actor: i64,
    cycle: i64,
    partnership: i64,
    slug: &str,
    draft: &Summary,
    at: OffsetDateTime,
) -> Result<i64, sqlx::Error> {
    let slug = if slug_taken(db, slug).await? { format!("{slug}-{cycle}") } else { slug.to_owned() };
    let body = serde_json::to_string(draft).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    let mut tx = db.begin().await?;
    let id = tx
        .insert_id(
            &Query::insert()
                .into_table(S::Table)
                .columns([
                    S::CycleId,
                    S::PartnershipId,
                    S::Slug,
                    S::Draft,
                    S::IsPublic,
                    S::CreatedBy,
                    S::CreatedAt,
                    S::UpdatedBy,
                    S::UpdatedAt,
                ])
                .values_panic([
                    cycle.into(),
                    partnership.into(),
                    slug.as_str().into(),
                    body.as_str().into(),
                    false.into(),
                    actor.into(),
                    at.into(),
                    actor.into(),
                    at.into(),
                ])
                .to_owned(),
        )
        .await?;
    let after = json!({ "cycle": cycle, "partnership": partnership, "slug": slug, "draft": draft });
    audit::record(&mut tx, change(actor, "create", id, None, after)).await?;
    tx.commit().await?;
    Ok(id)
}

fn change(
    actor: i64,
    action: &'static str,
    id: i64,
    before: Option<serde_json::Value>,
    after: serde_json::Value,
) -> Change<'static> {
    Change {
        actor: Some(actor),
        action,
        entity: "young_peoples_summary",
        entity_id: id.to_string(),
        before,
        after: Some(after),
    }
}

/// Saves the draft. False (and nothing saved) when it changed since `before` was read.
pub async fn save_draft(
    db: &Db,
    actor: i64,
    before: &SummaryRow,
    draft: &Summary,
    at: OffsetDateTime,
) -> Result<bool, sqlx::Error> {
    let body = serde_json::to_string(draft).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    let mut tx = db.begin().await?;
    let changed = tx
        .execute(
            &Query::update()
                .table(S::Table)
                .value(S::Draft, body.as_str())
                .value(S::UpdatedBy, actor)
                .value(S::UpdatedAt, at)
                .and_where(Expr::col(S::Id).eq(before.id))
                .value(S::Revision, before.revision + 1)
                .and_where(Expr::col(S::Revision).eq(before.revision))
                .to_owned(),
        )
        .await?;
    if changed != 1 {
        return Ok(false);
    }
    let before_json = json!({ "draft": before.draft()? });
    audit::record(&mut tx, change(actor, "update", before.id, Some(before_json), json!({ "draft": draft })))
        .await?;
    tx.commit().await?;
    Ok(true)
}

/// Publishes the draft as read in `row` (a frozen copy). False when the draft
/// changed meanwhile: what the admin confirmed is what goes out, or nothing.
pub async fn publish(db: &Db, actor: i64, row: &SummaryRow, at: OffsetDateTime) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin().await?;
    let changed = tx
        .execute(
            &Query::update()
                .table(S::Table)
                .value(S::Published, row.draft.as_str())
                .value(S::IsPublic, true)
                .value(S::PublishedBy, actor)
                .value(S::PublishedAt, at)
                .value(S::UpdatedAt, at)
                .and_where(Expr::col(S::Id).eq(row.id))
                .value(S::Revision, row.revision + 1)
                .and_where(Expr::col(S::Revision).eq(row.revision))
                .to_owned(),
        )
        .await?;
    if changed != 1 {
        return Ok(false);
    }
    let before = json!({ "is_public": row.is_public, "published": row.published()? });
    let after = json!({ "is_public": true, "published": row.draft()?, "slug": row.slug });
    audit::record(&mut tx, change(actor, "publish", row.id, Some(before), after)).await?;
    tx.commit().await?;
    Ok(true)
}

/// Takes the summary off its public address; the published copy is kept for the
/// record and the draft is untouched. False when it was not public.
pub async fn unpublish(
    db: &Db,
    actor: i64,
    row: &SummaryRow,
    at: OffsetDateTime,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin().await?;
    let changed = tx
        .execute(
            &Query::update()
                .table(S::Table)
                .value(S::IsPublic, false)
                .value(S::UpdatedAt, at)
                .value(S::Revision, row.revision + 1)
                .and_where(Expr::col(S::Id).eq(row.id))
                .and_where(Expr::col(S::IsPublic).eq(true))
                .to_owned(),
        )
        .await?;
    if changed != 1 {
        return Ok(false);
    }
    let after = json!({ "is_public": false, "slug": row.slug });
    audit::record(&mut tx, change(actor, "unpublish", row.id, Some(json!({ "is_public": true })), after))
        .await?;
    tx.commit().await?;
    Ok(true)
}
