//! Reading and writing board reports. Every write is audited in its own transaction.
//!
//! A save changes one section (or one standard's finding) of the stored words: it
//! reads the words, changes that one part and writes them back only if nobody saved
//! meanwhile (the revision moved on); otherwise it reads again and reapplies its one
//! change, so two analysts writing different sections at once both keep their words.
//! Nothing is written once the report is finalised: every statement here that
//! changes a report requires `finalised_at` to be empty.

use sea_query::{Expr, ExprTrait, Query};
use serde_json::json;
use time::OffsetDateTime;

use super::schema::BoardReports;
use crate::audit::{self, Change};
use crate::db::Db;
use crate::db::schema::Users;
use osa_core::report::board::{Figures, Words};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ReportRow {
    pub id: i64,
    pub cycle_id: i64,
    pub partnership_id: i64,
    pub words: String,
    pub revision: i64,
    pub figures: Option<String>,
    pub finalised_at: Option<OffsetDateTime>,
    pub finalised_by_name: Option<String>,
}

impl ReportRow {
    pub fn words(&self) -> Words {
        // Only this module writes the column, always from `Words::to_json`.
        Words::parse(&self.words).unwrap_or_default()
    }

    /// The frozen figures of a finalised report.
    pub fn frozen(&self) -> Option<Figures> {
        self.figures.as_deref().and_then(|f| Figures::parse(f).ok())
    }
}

pub async fn get(db: &Db, cycle: i64, partnership: i64) -> Result<Option<ReportRow>, sqlx::Error> {
    use BoardReports as R;
    db.fetch_optional(
        &Query::select()
            .columns([
                (R::Table, R::Id),
                (R::Table, R::CycleId),
                (R::Table, R::PartnershipId),
                (R::Table, R::Words),
                (R::Table, R::Revision),
                (R::Table, R::Figures),
                (R::Table, R::FinalisedAt),
            ])
            .expr_as(Expr::col((Users::Table, Users::DisplayName)), "finalised_by_name")
            .from(R::Table)
            .left_join(Users::Table, Expr::col((Users::Table, Users::Id)).equals((R::Table, R::FinalisedBy)))
            .and_where(Expr::col((R::Table, R::CycleId)).eq(cycle))
            .and_where(Expr::col((R::Table, R::PartnershipId)).eq(partnership))
            .to_owned(),
    )
    .await
}

/// What happened to a save.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    Saved,
    /// The report was finalised first: nothing was saved.
    Finalised,
}

/// Makes the report's row (with no words written yet) if it has none. Two people
/// doing so at once make one row: the unique index turns the second away.
async fn ensure(
    db: &Db,
    actor: i64,
    cycle: i64,
    partnership: i64,
    at: OffsetDateTime,
) -> Result<(), sqlx::Error> {
    use BoardReports as R;
    let insert = Query::insert()
        .into_table(R::Table)
        .columns([
            R::CycleId,
            R::PartnershipId,
            R::Words,
            R::Revision,
            R::CreatedBy,
            R::CreatedAt,
            R::UpdatedBy,
            R::UpdatedAt,
        ])
        .values_panic([
            cycle.into(),
            partnership.into(),
            Words::default().to_json().into(),
            0i64.into(),
            actor.into(),
            at.into(),
            actor.into(),
            at.into(),
        ])
        .on_conflict(sea_query::OnConflict::columns([R::CycleId, R::PartnershipId]).do_nothing().to_owned())
        .to_owned();
    db.execute(&insert).await?;
    Ok(())
}

/// Applies `change` to the report's words and saves them, audited as `what` with the
/// part's text before and after.
pub async fn save_words(
    db: &Db,
    actor: i64,
    cycle: i64,
    partnership: i64,
    what: &str,
    change: impl Fn(&mut Words) -> (serde_json::Value, serde_json::Value),
    at: OffsetDateTime,
) -> Result<Saved, sqlx::Error> {
    use BoardReports as R;
    ensure(db, actor, cycle, partnership, at).await?;
    // Each retry means another save landed in between; a handful always suffices.
    for _ in 0..20 {
        let Some(row) = get(db, cycle, partnership).await? else { return Err(sqlx::Error::RowNotFound) };
        if row.finalised_at.is_some() {
            return Ok(Saved::Finalised);
        }
        let mut words = row.words();
        let (before, after) = change(&mut words);
        let mut tx = db.begin().await?;
        let changed = tx
            .execute(
                &Query::update()
                    .table(R::Table)
                    .value(R::Words, words.to_json())
                    .value(R::Revision, row.revision + 1)
                    .value(R::UpdatedBy, actor)
                    .value(R::UpdatedAt, at)
                    .and_where(Expr::col(R::Id).eq(row.id))
                    .and_where(Expr::col(R::Revision).eq(row.revision))
                    .and_where(Expr::col(R::FinalisedAt).is_null())
                    .to_owned(),
            )
            .await?;
        if changed != 1 {
            // Someone saved (or finalised) meanwhile: read again and reapply.
            continue;
        }
        audit::record(
            &mut tx,
            Change {
                actor: Some(actor),
                action: what,
                entity: "board_report",
                entity_id: row.id.to_string(),
                before: Some(before),
                after: Some(after),
            },
        )
        .await?;
        tx.commit().await?;
        return Ok(Saved::Saved);
    }
    Err(sqlx::Error::WorkerCrashed)
}

/// Freezes the report with `figures`: afterwards neither words nor figures change.
/// False (and nothing changed) when it was finalised already.
pub async fn finalise(
    db: &Db,
    actor: i64,
    cycle: i64,
    partnership: i64,
    figures: &Figures,
    at: OffsetDateTime,
) -> Result<bool, sqlx::Error> {
    use BoardReports as R;
    ensure(db, actor, cycle, partnership, at).await?;
    let Some(row) = get(db, cycle, partnership).await? else { return Ok(false) };
    let mut tx = db.begin().await?;
    let changed = tx
        .execute(
            &Query::update()
                .table(R::Table)
                .value(R::Figures, figures.to_json())
                .value(R::FinalisedBy, actor)
                .value(R::FinalisedAt, at)
                .value(R::Revision, row.revision + 1)
                .value(R::UpdatedBy, actor)
                .value(R::UpdatedAt, at)
                .and_where(Expr::col(R::Id).eq(row.id))
                .and_where(Expr::col(R::FinalisedAt).is_null())
                .to_owned(),
        )
        .await?;
    if changed != 1 {
        return Ok(false);
    }
    audit::record(
        &mut tx,
        Change {
            actor: Some(actor),
            action: "finalise",
            entity: "board_report",
            entity_id: row.id.to_string(),
            before: None,
            after: Some(
                json!({ "cycle": cycle, "partnership": partnership, "figures_as_at": at.to_string() }),
            ),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}
