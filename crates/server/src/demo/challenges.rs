//! The demo's challenges on returns of the Kestrel "Section 11 audit 2027", on the
//! first three organisations of [`CANDIDATES`] that submitted one: an open challenge
//! and a request for changes already answered (Kestrel Vale Council, whose lead the
//! browser tests sign in as), a challenge answered and resolved, and an answered one
//! with a comment beside it. Written through the challenges store, as a person's are,
//! and audited the same way.

use sea_query::{Expr, ExprTrait, Query};
use time::{Duration, OffsetDateTime};

use crate::accounts::store as account_queries;
use crate::audit::{self, Change};
use crate::challenges::store::{self, Move, NewThread, Side};
use crate::db::Db;
use crate::db::schema::{Cycles, Invitations, Organisations};
use crate::frameworks::store as framework_store;
use crate::return_copies::store as return_store;
use osa_core::challenge::{Kind, State, Step};
use osa_core::framework::Rating;
use osa_core::report::parse_snapshot;

const CYCLE: &str = "Section 11 audit 2027";
const PANEL: &str = "panel.kestrel@demo.example";
const ANALYST: &str = "analyst.kestrel@demo.example";

/// Who may be challenged, in order, by organisation name, with its lead's demo
/// account. Which organisations submit follows from the demo's invitations, so the
/// list is longer than the three taken.
const CANDIDATES: &[(&str, &str)] = &[
    ("Kestrel Vale Council", "lead.kestrel-vale-council@demo.example"),
    ("Kestrel and Fen Ambulance Service NHS Trust", "lead.kestrel-fen-ambulance@demo.example"),
    ("Kestrel Vale Hospitals NHS Foundation Trust", "lead.kestrel-vale-hospitals@demo.example"),
    ("Vale and Fen Mental Health NHS Foundation Trust", "lead.vale-fen-mental-health@demo.example"),
    ("Probation Service, Kestrel and Fen Region", "lead.probation-kestrel-fen@demo.example"),
    ("Kestrel and Marsham Fire and Rescue Service", "lead.kestrel-marsham-fire@demo.example"),
];

async fn user(db: &Db, email: &str) -> anyhow::Result<i64> {
    Ok(account_queries::user_by_email(db, email)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the demo's {email} is missing"))?
        .id)
}

/// The 2027 return of the organisation named, if it submitted one: (return, organisation).
async fn return_of(db: &Db, organisation: &str) -> anyhow::Result<Option<(i64, i64)>> {
    let row: Option<(Option<i64>, i64)> = db
        .fetch_optional(
            &Query::select()
                .column((Invitations::Table, Invitations::ReturnId))
                .column((Organisations::Table, Organisations::Id))
                .from(Invitations::Table)
                .inner_join(
                    Cycles::Table,
                    Expr::col((Cycles::Table, Cycles::Id)).equals((Invitations::Table, Invitations::CycleId)),
                )
                .inner_join(
                    Organisations::Table,
                    Expr::col((Organisations::Table, Organisations::Id))
                        .equals((Invitations::Table, Invitations::OrganisationId)),
                )
                .and_where(Expr::col((Cycles::Table, Cycles::Name)).eq(CYCLE))
                .and_where(Expr::col((Organisations::Table, Organisations::Name)).eq(organisation))
                .to_owned(),
        )
        .await?;
    Ok(row.and_then(|(r, o)| r.map(|r| (r, o))))
}

/// Criteria of the return, in framework order: those rated below met first.
async fn criteria_of(db: &Db, return_id: i64) -> anyhow::Result<Vec<String>> {
    let record =
        return_store::get(db, return_id).await?.ok_or_else(|| anyhow::anyhow!("no return {return_id}"))?;
    let framework = framework_store::load(db, record.framework_id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no framework {}", record.framework_id))?;
    let answers = parse_snapshot(&record.snapshot)?.answers;
    let mut codes: Vec<(bool, String)> = framework
        .framework
        .standards
        .iter()
        .flat_map(|s| &s.criteria)
        .filter_map(|c| {
            let a = answers.get(&c.code)?;
            let weak = matches!(a.rating, Some(Rating::PartiallyMet | Rating::NotMet));
            Some((!weak, c.code.clone()))
        })
        .collect();
    codes.sort_by_key(|(strong, _)| *strong);
    Ok(codes.into_iter().map(|(_, c)| c).collect())
}

struct Demo<'a> {
    db: &'a Db,
    partnership: i64,
    return_id: i64,
    organisation: i64,
}

impl Demo<'_> {
    async fn raise(
        &self,
        kind: Kind,
        criterion: Option<&str>,
        body: &str,
        by: i64,
        at: OffsetDateTime,
    ) -> anyhow::Result<i64> {
        self.raise_flagged(kind, criterion, body, by, at, false).await
    }

    /// Raises a thread; `activity_only` flags a narrative that describes activity, not impact.
    async fn raise_flagged(
        &self,
        kind: Kind,
        criterion: Option<&str>,
        body: &str,
        by: i64,
        at: OffsetDateTime,
        activity_only: bool,
    ) -> anyhow::Result<i64> {
        let mut tx = self.db.begin().await?;
        let thread = NewThread {
            return_id: self.return_id,
            organisation: self.organisation,
            partnership: self.partnership,
            criterion,
            plan_update: None,
            kind,
            activity_only,
            body,
            by,
            at,
        };
        let id = store::raise(&mut tx, &thread).await?;
        let after = serde_json::json!({ "return": self.return_id, "kind": kind.code(), "message": body });
        let change = Change {
            actor: Some(by),
            action: "raise_thread",
            entity: "return_thread",
            entity_id: id.to_string(),
            before: None,
            after: Some(after),
        };
        audit::record(&mut tx, change).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Takes a step the rules allow from `from`.
    #[allow(clippy::too_many_arguments)]
    async fn step(
        &self,
        thread: i64,
        kind: Kind,
        from: State,
        step: Step,
        body: &str,
        by: i64,
        at: OffsetDateTime,
    ) -> anyhow::Result<()> {
        let to = osa_core::challenge::next(kind, Some(from), step)?;
        let side = if step == Step::Reopen {
            Side::Partnership(self.partnership)
        } else {
            Side::Organisation(self.organisation)
        };
        let mut tx = self.db.begin().await?;
        let moved = Move { thread, step, from: Some(from), to, body, by, side, at };
        anyhow::ensure!(store::take(&mut tx, &moved).await?, "demo thread {thread} moved meanwhile");
        let after = serde_json::json!({ "state": to.map(|s| s.code()), "message": body });
        let change = Change {
            actor: Some(by),
            action: step.code(),
            entity: "return_thread",
            entity_id: thread.to_string(),
            before: None,
            after: Some(after),
        };
        audit::record(&mut tx, change).await?;
        tx.commit().await?;
        Ok(())
    }
}

/// Writes the demo's threads; returns how many.
#[allow(clippy::too_many_lines, reason = "the demo story told in order, one step per block")]
pub async fn load(db: &Db, kestrel: i64) -> anyhow::Result<usize> {
    let (panel, analyst) = (user(db, PANEL).await?, user(db, ANALYST).await?);
    let now = OffsetDateTime::now_utc();
    let day = |n: i64| now - Duration::days(n);
    let (mut threads, mut n) = (0, 0);
    for (name, lead_email) in CANDIDATES {
        if n == 3 {
            break;
        }
        let Some((return_id, organisation)) = return_of(db, name).await? else { continue };
        let lead = user(db, lead_email).await?;
        let criteria = criteria_of(db, return_id).await?;
        let (Some(first), Some(second)) = (criteria.first(), criteria.get(1)) else { continue };
        n += 1;
        let demo = Demo { db, partnership: kestrel, return_id, organisation };
        let challenge = Kind::Challenge;
        match n {
            1 => {
                demo.raise(
                    challenge,
                    Some(first),
                    "Your narrative says training is planned. How many staff are still waiting, and by when will they be trained?",
                    panel,
                    day(3),
                )
                .await?;
                let request = demo
                    .raise(
                        Kind::ChangeRequest,
                        None,
                        "Please attach your escalation policy and the latest training figures before the panel meets.",
                        analyst,
                        day(3),
                    )
                    .await?;
                demo.step(
                    request,
                    Kind::ChangeRequest,
                    State::Open,
                    Step::Answer,
                    "We will attach both to the assessment by the end of the month.",
                    lead,
                    day(2),
                )
                .await?;
                demo.raise(Kind::Comment, Some(second), "A clear answer: thank you.", panel, day(3)).await?;
                threads += 3;
            }
            2 => {
                let id = demo
                    .raise_flagged(
                        challenge,
                        Some(first),
                        "Who checks that the supervision you describe happens every month, and what has changed for children because of it?",
                        panel,
                        day(4),
                        true,
                    )
                    .await?;
                demo.step(
                    id,
                    challenge,
                    State::Open,
                    Step::Answer,
                    "The named nurse audits supervision records each quarter and reports to the board.",
                    lead,
                    day(3),
                )
                .await?;
                demo.step(id, challenge, State::Answered, Step::Resolve, "", lead, day(2)).await?;
                threads += 1;
            }
            _ => {
                let id = demo
                    .raise(
                        challenge,
                        Some(first),
                        "How do ward staff know whom to call out of hours?",
                        panel,
                        day(2),
                    )
                    .await?;
                demo.step(
                    id,
                    challenge,
                    State::Open,
                    Step::Answer,
                    "The on-call safeguarding rota is on every ward's intranet page.",
                    lead,
                    day(1),
                )
                .await?;
                demo.raise(
                    Kind::Comment,
                    Some(second),
                    "The panel would like to hear more about this at the assurance meeting.",
                    panel,
                    day(2),
                )
                .await?;
                threads += 2;
            }
        }
    }
    Ok(threads)
}
