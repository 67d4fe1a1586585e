//! The demo's action-plan updates: in the closed 2025 Kestrel audit, every
//! organisation that submitted sent both six-monthly updates a few days before each
//! date, except one, whose second update is overdue; the partnership's panel member
//! challenged one update and its lead answered. Made through the feature's own store.

use sea_query::{Expr, ExprTrait, Query};
use time::{Duration, OffsetDateTime, Time};

use crate::accounts::store as account_queries;
use crate::audit::{self, Change};
use crate::challenges::store::{self as threads, Move, NewThread, Side};
use crate::cycles::store as cycle_store;
use crate::db::Db;
use crate::db::schema::Returns;
use crate::plan_updates::store::{self, NewUpdate};
use osa_core::challenge::{Kind, State, Step};
use osa_core::plan_update::snapshot;

const PANEL: &str = "panel.kestrel@demo.example";

async fn assessment_of(db: &Db, return_id: i64) -> anyhow::Result<i64> {
    let (id,): (i64,) = db
        .fetch_one(
            &Query::select()
                .column(Returns::AssessmentId)
                .from(Returns::Table)
                .and_where(Expr::col(Returns::Id).eq(return_id))
                .to_owned(),
        )
        .await?;
    Ok(id)
}

/// Loads the updates; gives how many were sent.
pub async fn load(db: &Db, kestrel: i64) -> anyhow::Result<usize> {
    let cycle = cycle_store::of_partnership(db, kestrel)
        .await?
        .into_iter()
        .find(|c| c.name == "Section 11 audit 2025")
        .ok_or_else(|| anyhow::anyhow!("the demo's 2025 audit is missing"))?;
    let dates = cycle_store::update_dates(db, cycle.id).await?;
    let panel = account_queries::user_by_email(db, PANEL)
        .await?
        .ok_or_else(|| anyhow::anyhow!("{PANEL} is missing"))?
        .id;
    let submitted: Vec<_> =
        cycle_store::invitations(db, cycle.id).await?.into_iter().filter(|i| i.return_id.is_some()).collect();
    let mut sent = 0;
    for (n, inv) in submitted.iter().enumerate() {
        let Some(return_id) = inv.return_id else { continue };
        let assessment = assessment_of(db, return_id).await?;
        let mut tx = db.begin().await?;
        let leads = crate::organisations::store::lead_emails(&mut tx, inv.organisation_id).await?;
        tx.commit().await?;
        let Some(lead_email) = leads.first() else { continue };
        let lead = account_queries::user_by_email(db, lead_email)
            .await?
            .ok_or_else(|| anyhow::anyhow!("lead missing"))?
            .id;
        let plan = store::plan(db, assessment).await?;
        let mut since = store::submitted_at(db, &[return_id]).await?.into_iter().find_map(|(_, at)| at);
        for (k, due) in dates.iter().enumerate() {
            // The first organisation has not sent its second update: overdue.
            if n == 0 && k == 1 {
                continue;
            }
            let at =
                due.with_time(Time::from_hms(10, 0, 0)?).assume_utc() - Duration::days(3 + (n % 5) as i64);
            let snap = snapshot(&plan, *due, since, at.date());
            let new = NewUpdate {
                invitation: inv.id,
                cycle: cycle.id,
                organisation: inv.organisation_id,
                assessment,
                return_id,
                snapshot: &snap,
                by: lead,
                at,
            };
            let mut tx = db.begin().await?;
            let Some(update) = store::insert(&mut tx, &new).await? else { continue };
            sent += 1;
            since = Some(at);
            // One update challenged by the panel and answered by the lead.
            if n == 1 && k == 0 {
                challenge_and_answer(
                    &mut tx,
                    kestrel,
                    inv.organisation_id,
                    return_id,
                    update,
                    panel,
                    lead,
                    at,
                )
                .await?;
            }
            tx.commit().await?;
        }
    }
    Ok(sent)
}

#[allow(clippy::too_many_arguments)]
async fn challenge_and_answer(
    tx: &mut crate::db::Tx,
    kestrel: i64,
    organisation: i64,
    return_id: i64,
    update: i64,
    panel: i64,
    lead: i64,
    sent: OffsetDateTime,
) -> anyhow::Result<()> {
    let thread = NewThread {
        return_id,
        organisation,
        partnership: kestrel,
        criterion: None,
        plan_update: Some(update),
        kind: Kind::Challenge,
        activity_only: false,
        body: "Three actions have had no progress since the return. What is holding them up, and who is chasing them?",
        by: panel,
        at: sent + Duration::days(5),
    };
    let id = threads::raise(tx, &thread).await?;
    let after = serde_json::json!({ "return": return_id, "plan_update": update, "kind": "challenge", "message": thread.body });
    let change = Change {
        actor: Some(panel),
        action: "raise_thread",
        entity: "return_thread",
        entity_id: id.to_string(),
        before: None,
        after: Some(after),
    };
    audit::record(tx, change).await?;
    let answer = "The training lead was off sick; the sessions are rebooked for next month and our deputy lead now chases each action weekly.";
    let moved = Move {
        thread: id,
        step: Step::Answer,
        from: Some(State::Open),
        to: Some(State::Answered),
        body: answer,
        by: lead,
        side: Side::Organisation(organisation),
        at: sent + Duration::days(9),
    };
    threads::take(tx, &moved).await?;
    let after = serde_json::json!({ "state": "answered", "message": answer });
    let change = Change {
        actor: Some(lead),
        action: "answer",
        entity: "return_thread",
        entity_id: id.to_string(),
        before: None,
        after: Some(after),
    };
    audit::record(tx, change).await?;
    Ok(())
}
