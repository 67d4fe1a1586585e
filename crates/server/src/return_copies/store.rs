//! Reading a return and the facts its copy names: who signed it off and submitted it,
//! and the partnerships it went to.

use sea_query::{Expr, ExprTrait, Order, Query};
use time::OffsetDateTime;

use crate::db::Db;
use crate::db::schema::{Assessments, Partnerships, ReturnPartnerships, Returns, Users};
use osa_core::assessment::ReturnState;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ReturnRecord {
    pub organisation_id: i64,
    pub framework_id: i64,
    pub state: String,
    pub snapshot: String,
    pub signed_off_by: i64,
    pub signed_off_at: OffsetDateTime,
    pub submitted_by: Option<i64>,
    pub submitted_at: Option<OffsetDateTime>,
    /// One person both completed and signed off the return.
    pub same_person: bool,
}

impl ReturnRecord {
    pub fn is_submitted(&self) -> bool {
        self.state == ReturnState::Submitted.code()
    }
}

/// A return that is signed off or submitted; a withdrawn sign-off is no return.
pub async fn get(db: &Db, id: i64) -> Result<Option<ReturnRecord>, sqlx::Error> {
    db.fetch_optional(
        &Query::select()
            .columns([
                (Returns::Table, Returns::FrameworkId),
                (Returns::Table, Returns::State),
                (Returns::Table, Returns::Snapshot),
                (Returns::Table, Returns::SignedOffBy),
                (Returns::Table, Returns::SignedOffAt),
                (Returns::Table, Returns::SubmittedBy),
                (Returns::Table, Returns::SubmittedAt),
                (Returns::Table, Returns::SamePerson),
            ])
            .column((Assessments::Table, Assessments::OrganisationId))
            .from(Returns::Table)
            .inner_join(
                Assessments::Table,
                Expr::col((Assessments::Table, Assessments::Id))
                    .equals((Returns::Table, Returns::AssessmentId)),
            )
            .and_where(Expr::col((Returns::Table, Returns::Id)).eq(id))
            .and_where(
                Expr::col((Returns::Table, Returns::State))
                    .is_in([ReturnState::SignedOff.code(), ReturnState::Submitted.code()]),
            )
            .to_owned(),
    )
    .await
}

/// The partnerships a return was submitted to, by name: (id, name).
pub async fn sent_to(db: &Db, id: i64) -> Result<Vec<(i64, String)>, sqlx::Error> {
    db.fetch_all(
        &Query::select()
            .columns([(Partnerships::Table, Partnerships::Id), (Partnerships::Table, Partnerships::Name)])
            .from(ReturnPartnerships::Table)
            .inner_join(
                Partnerships::Table,
                Expr::col((Partnerships::Table, Partnerships::Id))
                    .equals((ReturnPartnerships::Table, ReturnPartnerships::PartnershipId)),
            )
            .and_where(Expr::col((ReturnPartnerships::Table, ReturnPartnerships::ReturnId)).eq(id))
            .order_by((Partnerships::Table, Partnerships::Name), Order::Asc)
            .to_owned(),
    )
    .await
}

pub async fn display_name(db: &Db, user: i64) -> Result<String, sqlx::Error> {
    let name: Option<(String,)> = db
        .fetch_optional(
            &Query::select()
                .column(Users::DisplayName)
                .from(Users::Table)
                .and_where(Expr::col(Users::Id).eq(user))
                .to_owned(),
        )
        .await?;
    Ok(name.map(|(n,)| n).unwrap_or_else(|| "an unknown person".to_owned()))
}
