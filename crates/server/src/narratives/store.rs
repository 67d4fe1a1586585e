//! Themes and tags: reading and writing them. Every statement about a theme names its
//! partnership, so one partnership's page can never reach another's theme. Callers
//! audit the writes in the same transaction.

use sea_query::{Expr, ExprTrait, Order, Query};
use time::OffsetDateTime;

use super::schema::{NarrativePassages, NarrativeTags, Themes};
use crate::cycles::visible::Reader;
use crate::db::schema::{Invitations, Users};
use crate::db::{Db, Tx};
use osa_core::narratives::themes::Tagged;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Theme {
    pub id: i64,
    pub partnership_id: i64,
    pub name: String,
    pub retired_at: Option<OffsetDateTime>,
}

impl Theme {
    pub fn is_retired(&self) -> bool {
        self.retired_at.is_some()
    }
}

/// The themes of these partnerships, in use first, then by name. A partnership keeps
/// tens of themes, not thousands; the limit is a guard.
pub async fn themes(db: &Db, partnerships: &[i64]) -> Result<Vec<Theme>, sqlx::Error> {
    if partnerships.is_empty() {
        return Ok(Vec::new());
    }
    let mut rows: Vec<Theme> = db
        .fetch_all(
            &Query::select()
                .columns([Themes::Id, Themes::PartnershipId, Themes::Name, Themes::RetiredAt])
                .from(Themes::Table)
                .and_where(Expr::col(Themes::PartnershipId).is_in(partnerships.to_vec()))
                .order_by(Themes::Name, Order::Asc)
                .limit(1000)
                .to_owned(),
        )
        .await?;
    rows.sort_by_key(|t| (t.is_retired(), t.name.to_lowercase()));
    Ok(rows)
}

pub async fn add_theme(tx: &mut Tx, partnership: i64, name: &str, by: i64) -> Result<i64, sqlx::Error> {
    tx.insert_id(
        &Query::insert()
            .into_table(Themes::Table)
            .columns([Themes::PartnershipId, Themes::Name, Themes::CreatedBy, Themes::CreatedAt])
            .values_panic([partnership.into(), name.into(), by.into(), OffsetDateTime::now_utc().into()])
            .to_owned(),
    )
    .await
}

/// Retires a theme (or brings it back); true when it changed.
pub async fn set_retired(
    tx: &mut Tx,
    partnership: i64,
    theme: i64,
    retired: bool,
) -> Result<bool, sqlx::Error> {
    let mut update = Query::update();
    update
        .table(Themes::Table)
        .and_where(Expr::col(Themes::PartnershipId).eq(partnership))
        .and_where(Expr::col(Themes::Id).eq(theme));
    if retired {
        update
            .value(Themes::RetiredAt, OffsetDateTime::now_utc())
            .and_where(Expr::col(Themes::RetiredAt).is_null());
    } else {
        update
            .value(Themes::RetiredAt, Option::<OffsetDateTime>::None)
            .and_where(Expr::col(Themes::RetiredAt).is_not_null());
    }
    Ok(tx.execute(&update).await? == 1)
}

/// One tag on a passage, as the passage page lists it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Tag {
    pub id: i64,
    pub theme_id: i64,
    pub theme_name: String,
    pub partnership_id: i64,
    pub excerpt: Option<String>,
    pub tagged_by: String,
    pub tagged_at: OffsetDateTime,
}

/// The tags on a passage with a theme of one of `partnerships`, oldest first.
pub async fn tags_of(db: &Db, passage: i64, partnerships: &[i64]) -> Result<Vec<Tag>, sqlx::Error> {
    if partnerships.is_empty() {
        return Ok(Vec::new());
    }
    db.fetch_all(
        &Query::select()
            .columns([
                (NarrativeTags::Table, NarrativeTags::Id),
                (NarrativeTags::Table, NarrativeTags::ThemeId),
            ])
            .expr_as(Expr::col((Themes::Table, Themes::Name)), "theme_name")
            .expr_as(Expr::col((Themes::Table, Themes::PartnershipId)), "partnership_id")
            .columns([
                (NarrativeTags::Table, NarrativeTags::Excerpt),
                (NarrativeTags::Table, NarrativeTags::TaggedAt),
            ])
            .expr_as(Expr::col((Users::Table, Users::DisplayName)), "tagged_by")
            .from(NarrativeTags::Table)
            .inner_join(
                Themes::Table,
                Expr::col((Themes::Table, Themes::Id)).equals((NarrativeTags::Table, NarrativeTags::ThemeId)),
            )
            .inner_join(
                Users::Table,
                Expr::col((Users::Table, Users::Id)).equals((NarrativeTags::Table, NarrativeTags::TaggedBy)),
            )
            .and_where(Expr::col((NarrativeTags::Table, NarrativeTags::PassageId)).eq(passage))
            .and_where(Expr::col((Themes::Table, Themes::PartnershipId)).is_in(partnerships.to_vec()))
            .order_by((NarrativeTags::Table, NarrativeTags::Id), Order::Asc)
            .limit(200)
            .to_owned(),
    )
    .await
}

/// The theme names on each of `passages` (themes of `partnerships` only), for the
/// search results: (passage, theme name).
pub async fn theme_names_on(
    db: &Db,
    passages: &[i64],
    partnerships: &[i64],
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    if passages.is_empty() || partnerships.is_empty() {
        return Ok(Vec::new());
    }
    db.fetch_all(
        &Query::select()
            .distinct()
            .column((NarrativeTags::Table, NarrativeTags::PassageId))
            .column((Themes::Table, Themes::Name))
            .from(NarrativeTags::Table)
            .inner_join(
                Themes::Table,
                Expr::col((Themes::Table, Themes::Id)).equals((NarrativeTags::Table, NarrativeTags::ThemeId)),
            )
            .and_where(Expr::col((NarrativeTags::Table, NarrativeTags::PassageId)).is_in(passages.to_vec()))
            .and_where(Expr::col((Themes::Table, Themes::PartnershipId)).is_in(partnerships.to_vec()))
            .order_by((Themes::Table, Themes::Name), Order::Asc)
            .to_owned(),
    )
    .await
}

pub async fn add_tag(
    tx: &mut Tx,
    passage: i64,
    theme: i64,
    excerpt: Option<&str>,
    by: i64,
) -> Result<i64, sqlx::Error> {
    tx.insert_id(
        &Query::insert()
            .into_table(NarrativeTags::Table)
            .columns([
                NarrativeTags::PassageId,
                NarrativeTags::ThemeId,
                NarrativeTags::Excerpt,
                NarrativeTags::TaggedBy,
                NarrativeTags::TaggedAt,
            ])
            .values_panic([
                passage.into(),
                theme.into(),
                excerpt.map(str::to_owned).into(),
                by.into(),
                OffsetDateTime::now_utc().into(),
            ])
            .to_owned(),
    )
    .await
}

/// Removes a tag from a passage, if its theme is one of `partnerships`; the theme's
/// id when one was removed.
pub async fn remove_tag(
    tx: &mut Tx,
    passage: i64,
    tag: i64,
    partnerships: &[i64],
) -> Result<Option<i64>, sqlx::Error> {
    let found: Option<(i64,)> = tx
        .fetch_optional(
            &Query::select()
                .column((NarrativeTags::Table, NarrativeTags::ThemeId))
                .from(NarrativeTags::Table)
                .inner_join(
                    Themes::Table,
                    Expr::col((Themes::Table, Themes::Id))
                        .equals((NarrativeTags::Table, NarrativeTags::ThemeId)),
                )
                .and_where(Expr::col((NarrativeTags::Table, NarrativeTags::Id)).eq(tag))
                .and_where(Expr::col((NarrativeTags::Table, NarrativeTags::PassageId)).eq(passage))
                .and_where(Expr::col((Themes::Table, Themes::PartnershipId)).is_in(partnerships.to_vec()))
                .to_owned(),
        )
        .await?;
    let Some((theme,)) = found else { return Ok(None) };
    tx.execute(
        &Query::delete()
            .from_table(NarrativeTags::Table)
            .and_where(Expr::col(NarrativeTags::Id).eq(tag))
            .to_owned(),
    )
    .await?;
    Ok(Some(theme))
}

/// Every tag with a theme of `themes` on a passage of a return submitted in the
/// reader's cycle and sent to a partnership the reader reads through, as the counts
/// need them. Bounded by the cycle's tagged passages.
pub async fn tagged_in_cycle(db: &Db, reader: &Reader, themes: &[i64]) -> Result<Vec<Tagged>, sqlx::Error> {
    if themes.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<(i64, String, i64)> = db
        .fetch_all(
            &Query::select()
                .distinct()
                .columns([
                    (NarrativePassages::Table, NarrativePassages::Id),
                    (NarrativePassages::Table, NarrativePassages::StandardCode),
                ])
                .column((NarrativeTags::Table, NarrativeTags::ThemeId))
                .from(NarrativeTags::Table)
                .inner_join(
                    NarrativePassages::Table,
                    Expr::col((NarrativePassages::Table, NarrativePassages::Id))
                        .equals((NarrativeTags::Table, NarrativeTags::PassageId)),
                )
                .inner_join(
                    Invitations::Table,
                    Expr::col((Invitations::Table, Invitations::ReturnId))
                        .equals((NarrativePassages::Table, NarrativePassages::ReturnId)),
                )
                .and_where(Expr::col((Invitations::Table, Invitations::CycleId)).eq(reader.cycle))
                .and_where(reader.may_read((NarrativePassages::Table, NarrativePassages::ReturnId)))
                .and_where(Expr::col((NarrativeTags::Table, NarrativeTags::ThemeId)).is_in(themes.to_vec()))
                .limit(200_000)
                .to_owned(),
        )
        .await?;
    Ok(rows.into_iter().map(|(passage, standard, theme)| Tagged { passage, standard, theme }).collect())
}
