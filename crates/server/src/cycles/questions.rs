//! The local questions a cycle asks: offered on the set-up form (pre-ticked by
//! `osa_core::cycle_setup::preticked`), changed on the edit form while the cycle is
//! open, and kept in `cycle_local_questions`. Which organisation is then asked what
//! is `crate::frameworks::asked::asked_of`.

use sea_query::{Expr, ExprTrait, Order, Query};
use time::OffsetDateTime;

use super::store::CycleRow;
use crate::db::schema::{
    CycleLocalQuestions, CyclePartnerships, Cycles, Frameworks, LocalQuestions, Partnerships,
};
use crate::db::{Db, Tx};
use osa_core::cycle_setup::{Offered, Previous, preticked};

/// A local question a cycle may ask, as the forms and the cycle page show it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Offer {
    pub id: i64,
    pub partnership_id: i64,
    pub partnership_name: String,
    pub framework_key: String,
    pub code: String,
    pub question: String,
    pub created_at: OffsetDateTime,
}

impl Offer {
    /// The checkbox's value and words.
    pub fn option(&self, several_partnerships: bool) -> (String, String) {
        let words = if several_partnerships {
            format!("{}. {} ({})", self.code, self.question, self.partnership_name)
        } else {
            format!("{}. {}", self.code, self.question)
        };
        (self.id.to_string(), words)
    }
}

fn offer_select() -> sea_query::SelectStatement {
    Query::select()
        .columns([
            (LocalQuestions::Table, LocalQuestions::Id),
            (LocalQuestions::Table, LocalQuestions::PartnershipId),
            (LocalQuestions::Table, LocalQuestions::FrameworkKey),
            (LocalQuestions::Table, LocalQuestions::Code),
            (LocalQuestions::Table, LocalQuestions::Question),
            (LocalQuestions::Table, LocalQuestions::CreatedAt),
        ])
        .expr_as(Expr::col((Partnerships::Table, Partnerships::Name)), "partnership_name")
        .from(LocalQuestions::Table)
        .inner_join(
            Partnerships::Table,
            Expr::col((Partnerships::Table, Partnerships::Id))
                .equals((LocalQuestions::Table, LocalQuestions::PartnershipId)),
        )
        .order_by((Partnerships::Table, Partnerships::Name), Order::Asc)
        .order_by((LocalQuestions::Table, LocalQuestions::FrameworkKey), Order::Asc)
        .order_by((LocalQuestions::Table, LocalQuestions::Id), Order::Asc)
        .to_owned()
}

/// The local questions of `partnerships` for the frameworks `keys`: what a cycle of
/// theirs asking those frameworks may ask. A partnership keeps tens, not thousands.
pub async fn offered(db: &Db, partnerships: &[i64], keys: &[String]) -> Result<Vec<Offer>, sqlx::Error> {
    if partnerships.is_empty() || keys.is_empty() {
        return Ok(Vec::new());
    }
    db.fetch_all(
        &offer_select()
            .and_where(
                Expr::col((LocalQuestions::Table, LocalQuestions::PartnershipId))
                    .is_in(partnerships.to_vec()),
            )
            .and_where(Expr::col((LocalQuestions::Table, LocalQuestions::FrameworkKey)).is_in(keys.to_vec()))
            .limit(1000)
            .to_owned(),
    )
    .await
}

/// The local questions a cycle asks, as the cycle page lists them.
pub async fn of_cycle(db: &Db, cycle: i64) -> Result<Vec<Offer>, sqlx::Error> {
    db.fetch_all(
        &offer_select()
            .inner_join(
                CycleLocalQuestions::Table,
                Expr::col((CycleLocalQuestions::Table, CycleLocalQuestions::LocalQuestionId))
                    .equals((LocalQuestions::Table, LocalQuestions::Id)),
            )
            .and_where(Expr::col((CycleLocalQuestions::Table, CycleLocalQuestions::CycleId)).eq(cycle))
            .limit(1000)
            .to_owned(),
    )
    .await
}

/// The ids of the local questions a cycle asks.
pub async fn asked_by(db: &Db, cycle: i64) -> Result<Vec<i64>, sqlx::Error> {
    let rows: Vec<(i64,)> = db
        .fetch_all(
            &Query::select()
                .column(CycleLocalQuestions::LocalQuestionId)
                .from(CycleLocalQuestions::Table)
                .and_where(Expr::col(CycleLocalQuestions::CycleId).eq(cycle))
                .order_by(CycleLocalQuestions::LocalQuestionId, Order::Asc)
                .to_owned(),
        )
        .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// Makes the cycle ask exactly `questions` (ids the caller took from [`offered`]).
pub async fn set(tx: &mut Tx, cycle: i64, questions: &[i64]) -> Result<(), sqlx::Error> {
    tx.execute(
        &Query::delete()
            .from_table(CycleLocalQuestions::Table)
            .and_where(Expr::col(CycleLocalQuestions::CycleId).eq(cycle))
            .to_owned(),
    )
    .await?;
    for question in questions {
        tx.execute(
            &Query::insert()
                .into_table(CycleLocalQuestions::Table)
                .columns([CycleLocalQuestions::CycleId, CycleLocalQuestions::LocalQuestionId])
                .values_panic([cycle.into(), (*question).into()])
                .on_conflict(
                    sea_query::OnConflict::columns([
                        CycleLocalQuestions::CycleId,
                        CycleLocalQuestions::LocalQuestionId,
                    ])
                    .do_nothing()
                    .to_owned(),
                )
                .to_owned(),
        )
        .await?;
    }
    Ok(())
}

/// Takes a removed question out of every cycle, in the removal's transaction.
pub async fn forget(tx: &mut Tx, question: i64) -> Result<(), sqlx::Error> {
    tx.execute(
        &Query::delete()
            .from_table(CycleLocalQuestions::Table)
            .and_where(Expr::col(CycleLocalQuestions::LocalQuestionId).eq(question))
            .to_owned(),
    )
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct Earlier {
    id: i64,
    created_at: OffsetDateTime,
}

/// The questions a new cycle of `partnership` on framework `key` starts with ticked:
/// what its most recently set-up cycle on that framework asks, plus questions added
/// since (every question when there is none).
pub async fn preticked_for(
    db: &Db,
    partnership: i64,
    key: &str,
    offers: &[Offer],
) -> Result<Vec<i64>, sqlx::Error> {
    let earlier: Option<Earlier> = db
        .fetch_optional(
            &Query::select()
                .columns([(Cycles::Table, Cycles::Id), (Cycles::Table, Cycles::CreatedAt)])
                .from(Cycles::Table)
                .inner_join(
                    CyclePartnerships::Table,
                    Expr::col((CyclePartnerships::Table, CyclePartnerships::CycleId))
                        .equals((Cycles::Table, Cycles::Id)),
                )
                .inner_join(
                    Frameworks::Table,
                    Expr::col((Frameworks::Table, Frameworks::Id))
                        .equals((Cycles::Table, Cycles::MainFrameworkId)),
                )
                .and_where(
                    Expr::col((CyclePartnerships::Table, CyclePartnerships::PartnershipId)).eq(partnership),
                )
                .and_where(Expr::col((CyclePartnerships::Table, CyclePartnerships::AcceptedAt)).is_not_null())
                .and_where(Expr::col((Frameworks::Table, Frameworks::Key)).eq(key))
                .order_by((Cycles::Table, Cycles::CreatedAt), Order::Desc)
                .order_by((Cycles::Table, Cycles::Id), Order::Desc)
                .limit(1)
                .to_owned(),
        )
        .await?;
    let offered: Vec<Offered> = offers.iter().map(|o| Offered { id: o.id, added_at: o.created_at }).collect();
    Ok(match earlier {
        None => preticked(&offered, None),
        Some(e) => {
            let asked = asked_by(db, e.id).await?;
            preticked(&offered, Some(&Previous { set_up_at: e.created_at, asked: &asked }))
        }
    })
}

/// The framework keys a cycle asks for (its main framework and each sector's).
pub async fn keys_of(db: &Db, cycle: &CycleRow) -> Result<Vec<String>, sqlx::Error> {
    let mut ids = vec![cycle.main_framework_id];
    ids.extend(super::store::sector_frameworks(db, cycle.id).await?.into_iter().map(|(_, f)| f));
    let rows: Vec<(String,)> = db
        .fetch_all(
            &Query::select()
                .column(Frameworks::Key)
                .distinct()
                .from(Frameworks::Table)
                .and_where(Expr::col(Frameworks::Id).is_in(ids))
                .to_owned(),
        )
        .await?;
    Ok(rows.into_iter().map(|(k,)| k).collect())
}

/// The ids posted (`local_questions` fields), sorted and without repeats; `None` when
/// one is not among `offers` (another partnership's, or for another framework).
pub fn chosen(posted: &[String], offers: &[Offer]) -> Option<Vec<i64>> {
    let mut ids = Vec::new();
    for value in posted {
        ids.push(offers.iter().find(|o| o.id.to_string() == *value)?.id);
    }
    ids.sort_unstable();
    ids.dedup();
    Some(ids)
}
