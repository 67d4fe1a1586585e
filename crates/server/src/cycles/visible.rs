//! Which returns a reader of a cycle's pages sees: only those sent (at submission,
//! `return_partnerships`) to a partnership of the cycle in which the reader holds a
//! role. A region's cycle is shared, but a return is not: an organisation serving one
//! partnership of the region submits to that partnership alone, and its narratives,
//! standings and self-ratings are that partnership's to read, exactly as
//! `/returns/{id}` decides. Every cycle page that shows what returns say (dashboard,
//! breakdowns, heat map and their downloads, narrative search, passages, theme counts,
//! survey results, challenge counts) asks this module, and nothing else, which
//! returns it may read.
//!
//! Platform admins read every return sent to any partnership of the cycle: they may
//! open each of those returns anyway. A return sent to no partnership of the cycle is
//! read by nobody here.

use std::collections::BTreeSet;

use sea_query::{Expr, ExprTrait, IntoColumnRef, Query};

use crate::db::Db;
use crate::db::schema::{Invitations, ReturnPartnerships};
use osa_core::access::Principal;

/// One reader of one cycle: the partnerships of the cycle through which they read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reader {
    pub cycle: i64,
    /// Partnerships taking part in the cycle in which the reader holds a role (all of
    /// them for a platform admin).
    pub through: Vec<i64>,
}

impl Reader {
    /// `members` are the partnerships taking part in the cycle (accepted ones only);
    /// the rule is `Principal::reads_returns_through`.
    pub fn of(principal: &Principal, cycle: i64, members: &[i64]) -> Reader {
        Reader { cycle, through: principal.reads_returns_through(members) }
    }

    /// A reader reading through exactly these partnerships (the demo's loaders and
    /// an organisation's comparison with the partnerships it serves).
    pub fn through(cycle: i64, partnerships: Vec<i64>) -> Reader {
        Reader { cycle, through: partnerships }
    }

    /// The condition every query of return content adds: the return in `return_id`
    /// was sent to one of the reader's partnerships. Never true when there is none.
    pub fn may_read(&self, return_id: impl IntoColumnRef) -> Expr {
        Expr::col(return_id).in_subquery(
            Query::select()
                .column(ReturnPartnerships::ReturnId)
                .from(ReturnPartnerships::Table)
                .and_where(Expr::col(ReturnPartnerships::PartnershipId).is_in(self.through.clone()))
                .to_owned(),
        )
    }
}

/// The returns linked to the reader's cycle that the reader may read.
pub async fn returns_visible_to(db: &Db, reader: &Reader) -> Result<BTreeSet<i64>, sqlx::Error> {
    if reader.through.is_empty() {
        return Ok(BTreeSet::new());
    }
    let rows: Vec<(i64,)> = db
        .fetch_all(
            &Query::select()
                .column(Invitations::ReturnId)
                .from(Invitations::Table)
                .and_where(Expr::col(Invitations::CycleId).eq(reader.cycle))
                .and_where(Expr::col(Invitations::ReturnId).is_not_null())
                .and_where(reader.may_read((Invitations::Table, Invitations::ReturnId)))
                .to_owned(),
        )
        .await?;
    Ok(rows.into_iter().map(|(r,)| r).collect())
}
