//! Which return answers each invitation of a cycle. Every reader of a cycle (its page
//! and invitations list, the response rate, the dashboard figures, reminders and
//! "overdue", narrative search, surveys, challenges) reads the answer from one place:
//! the invitation's `return_id`. Two writes put a return there:
//!
//! - submitting while the cycle is open (`store::link_return`), and
//! - [`settle`], here: once a cycle has opened, an organisation's latest return on
//!   the framework asked of it, submitted in the window before the opening date
//!   (`early_return_days`) and sent to a partnership taking part, answers it
//!   (`osa_core::early_returns`).
//!
//! `settle` runs whenever what it depends on changes: when organisations are invited,
//! when a neighbour joins, when the dates are edited, and from the reminders job
//! (before any reminder is chosen) for every open cycle, which is how a cycle set up
//! ahead of its opening date is settled on the day it opens. It only fills
//! invitations that have no return and no recorded non-submission, so it never undoes
//! an answer and is safe to run any number of times, on any number of servers.

use std::collections::BTreeMap;

use sea_query::{Expr, ExprTrait, Query};
use time::{Date, Duration, OffsetDateTime};

use crate::audit::{self, Change};
use crate::db::Tx;
use crate::db::schema::{Assessments, CyclePartnerships, Cycles, Invitations, ReturnPartnerships, Returns};
use osa_core::assessment::ReturnState;
use osa_core::early_returns::{Candidate, answering_return, window_start};

/// Links early returns to the cycle's unanswered invitations, if the cycle is open
/// (opened on or before `today`, not closed). Returns how many invitations it answered.
pub async fn settle(tx: &mut Tx, cycle: i64, today: Date, window_days: u32) -> Result<u64, sqlx::Error> {
    let row: Option<(Date, Option<OffsetDateTime>)> = tx
        .fetch_optional(
            &Query::select()
                .columns([Cycles::OpensOn, Cycles::ClosedAt])
                .from(Cycles::Table)
                .and_where(Expr::col(Cycles::Id).eq(cycle))
                .to_owned(),
        )
        .await?;
    let Some((opens_on, None)) = row else { return Ok(0) };
    if opens_on > today {
        return Ok(0);
    }
    let rows = candidates(tx, cycle, opens_on, window_days).await?;
    let mut by_invitation: BTreeMap<(i64, String), Vec<Candidate>> = BTreeMap::new();
    for (invitation, key, id, submitted_at) in rows {
        let candidate = Candidate { id, framework_key: key.clone(), submitted_at };
        by_invitation.entry((invitation, key)).or_default().push(candidate);
    }
    let mut answered = Vec::new();
    for ((invitation, key), candidates) in &by_invitation {
        let Some(return_id) = answering_return(opens_on, window_days, key, candidates) else { continue };
        let changed = tx
            .execute(
                &Query::update()
                    .table(Invitations::Table)
                    .value(Invitations::ReturnId, return_id)
                    .and_where(Expr::col(Invitations::Id).eq(*invitation))
                    .and_where(Expr::col(Invitations::ReturnId).is_null())
                    .and_where(Expr::col(Invitations::NonSubmissionReason).is_null())
                    .to_owned(),
            )
            .await?;
        if changed == 1 {
            answered.push(serde_json::json!({ "invitation": invitation, "return": return_id }));
        }
    }
    if !answered.is_empty() {
        audit::record(
            tx,
            Change {
                actor: None,
                action: "answer_with_early_returns",
                entity: "cycle",
                entity_id: cycle.to_string(),
                before: None,
                after: Some(serde_json::json!({ "window_days": window_days, "answered": answered })),
            },
        )
        .await?;
    }
    Ok(answered.len() as u64)
}

/// The submitted returns that might answer the cycle's unanswered invitations:
/// (invitation, framework key, return, submitted at). The database narrows to the
/// organisation's returns on the invitation's framework, sent to a partnership taking
/// part, submitted on the window's days; the rule in core decides.
async fn candidates(
    tx: &mut Tx,
    cycle: i64,
    opens_on: Date,
    window_days: u32,
) -> Result<Vec<(i64, String, i64, OffsetDateTime)>, sqlx::Error> {
    let from = window_start(opens_on, window_days).midnight().assume_utc();
    let until = (opens_on + Duration::days(1)).midnight().assume_utc();
    let sent_to_cycle = Query::select()
        .column(ReturnPartnerships::ReturnId)
        .from(ReturnPartnerships::Table)
        .and_where(
            Expr::col(ReturnPartnerships::PartnershipId).in_subquery(
                Query::select()
                    .column(CyclePartnerships::PartnershipId)
                    .from(CyclePartnerships::Table)
                    .and_where(Expr::col(CyclePartnerships::CycleId).eq(cycle))
                    .and_where(Expr::col(CyclePartnerships::AcceptedAt).is_not_null())
                    .to_owned(),
            ),
        )
        .to_owned();
    tx.fetch_all(
        &Query::select()
            .column((Invitations::Table, Invitations::Id))
            .column((Invitations::Table, Invitations::FrameworkKey))
            .column((Returns::Table, Returns::Id))
            .column((Returns::Table, Returns::SubmittedAt))
            .from(Invitations::Table)
            .inner_join(
                Assessments::Table,
                Expr::col((Assessments::Table, Assessments::OrganisationId))
                    .equals((Invitations::Table, Invitations::OrganisationId))
                    .and(
                        Expr::col((Assessments::Table, Assessments::FrameworkKey))
                            .equals((Invitations::Table, Invitations::FrameworkKey)),
                    ),
            )
            .inner_join(
                Returns::Table,
                Expr::col((Returns::Table, Returns::AssessmentId))
                    .equals((Assessments::Table, Assessments::Id)),
            )
            .and_where(Expr::col((Invitations::Table, Invitations::CycleId)).eq(cycle))
            .and_where(Expr::col((Invitations::Table, Invitations::ReturnId)).is_null())
            .and_where(Expr::col((Invitations::Table, Invitations::NonSubmissionReason)).is_null())
            .and_where(Expr::col((Returns::Table, Returns::State)).eq(ReturnState::Submitted.code()))
            .and_where(Expr::col((Returns::Table, Returns::SubmittedAt)).gte(from))
            .and_where(Expr::col((Returns::Table, Returns::SubmittedAt)).lt(until))
            .and_where(Expr::col((Returns::Table, Returns::Id)).in_subquery(sent_to_cycle))
            .to_owned(),
    )
    .await
}

/// Whether a return submitted at `submitted_at` answered a cycle opening on
/// `opens_on` as an early return (the cycle page says which return it was).
pub fn is_early(submitted_at: OffsetDateTime, opens_on: Date) -> bool {
    submitted_at.date() < opens_on
}
