//! The two writes that make a return: signing off (freezing the answers as a
//! snapshot, with each standard's standing, whether it applies, each criterion's
//! counted rating and each number beside it for the dashboards) and submitting (sending that snapshot to every partnership the
//! organisation serves, and answering the open cycles that asked for it). The handlers in `returns.rs`
//! check who may and whether the assessment is ready; the demo uses the same writes,
//! so its returns are made exactly as a person's are.

use std::collections::HashMap;

use sea_query::{Expr, ExprTrait, Query};
use serde_json::{Value, json};
use time::OffsetDateTime;

use crate::audit::{self, Change};
use crate::db::Tx;
use crate::db::schema::{ReturnPartnerships, ReturnValues, Returns};
use osa_core::analytics::Scale;
use osa_core::assessment::{Answer, ReturnState};
use osa_core::framework::{Framework, LocalQuestion};
use osa_core::tenancy::{DutyStatus, Sector};

/// Everything a sign-off freezes.
pub struct SignOff<'a> {
    pub assessment: i64,
    pub framework_id: i64,
    /// The framework as asked, local questions included.
    pub framework: &'a Framework,
    /// The local questions placed in it, kept word for word in the snapshot.
    pub local_questions: &'a [LocalQuestion],
    pub answers: &'a HashMap<String, Answer>,
    /// The evidence files attached, by criterion (their names, not their contents).
    pub evidence: Value,
    pub sector: Sector,
    pub duty: DutyStatus,
    pub by: i64,
    pub at: OffsetDateTime,
    /// The person signing off also completed the return (see
    /// `osa_core::assessment::sign_off::one_person_did_both`).
    pub same_person: bool,
}

/// Records a signed-off return and returns its id.
pub async fn sign_off(tx: &mut Tx, s: &SignOff<'_>) -> Result<i64, sqlx::Error> {
    let snapshot =
        osa_core::report::write_snapshot(s.framework_id, s.answers, &s.evidence, s.local_questions);
    let f = s.framework;
    let summary = osa_core::assessment::return_summary(f, s.answers, s.sector, s.duty);
    let return_id = tx
        .insert_id(
            &Query::insert()
                .into_table(Returns::Table)
                .columns([
                    Returns::AssessmentId,
                    Returns::FrameworkId,
                    Returns::State,
                    Returns::Snapshot,
                    Returns::SignedOffBy,
                    Returns::SignedOffAt,
                    Returns::SamePerson,
                ])
                .values_panic([
                    s.assessment.into(),
                    s.framework_id.into(),
                    ReturnState::SignedOff.code().into(),
                    snapshot.into(),
                    s.by.into(),
                    s.at.into(),
                    s.same_person.into(),
                ])
                .to_owned(),
        )
        .await?;
    // Standings, whether each standard applies, and the counted ratings, for the
    // dashboards.
    crate::cycles::summaries::write(tx, return_id, &summary).await?;
    // The narrative passages, searchable as soon as the return is submitted.
    crate::narratives::index::index_return(tx, return_id, s.framework, s.answers).await?;
    // Numbers go beside it too, for the distributions.
    let numbers = f
        .standards
        .iter()
        .flat_map(|st| st.criteria.iter())
        .filter(|c| Scale::of(c.answer).is_some())
        .filter_map(|c| Some((c.code.as_str(), s.answers.get(&c.code)?.number?)));
    for (criterion, value) in numbers {
        tx.execute(
            &Query::insert()
                .into_table(ReturnValues::Table)
                .columns([ReturnValues::ReturnId, ReturnValues::CriterionCode, ReturnValues::Value])
                .values_panic([return_id.into(), criterion.into(), value.into()])
                .to_owned(),
        )
        .await?;
    }
    audit::record(
        tx,
        Change {
            actor: Some(s.by),
            action: "sign_off",
            entity: "return",
            entity_id: return_id.to_string(),
            before: None,
            after: Some(json!({ "assessment": s.assessment, "same_person": s.same_person })),
        },
    )
    .await?;
    Ok(return_id)
}

/// Where a submitted return went.
pub struct Submitted {
    pub partnerships: Vec<i64>,
    /// How many open cycles the return answered.
    pub cycles: u64,
}

/// Submits a signed-off return to `areas` (the partnerships the organisation serves).
/// `None` when the return is no longer signed off (changed or submitted meanwhile).
pub async fn submit(
    tx: &mut Tx,
    return_id: i64,
    organisation: i64,
    framework_key: &str,
    areas: &[i64],
    by: i64,
    at: OffsetDateTime,
) -> Result<Option<Submitted>, sqlx::Error> {
    let changed = tx
        .execute(
            &Query::update()
                .table(Returns::Table)
                .value(Returns::State, ReturnState::Submitted.code())
                .value(Returns::SubmittedBy, by)
                .value(Returns::SubmittedAt, at)
                .and_where(Expr::col(Returns::Id).eq(return_id))
                .and_where(Expr::col(Returns::State).eq(ReturnState::SignedOff.code()))
                .to_owned(),
        )
        .await?;
    if changed != 1 {
        return Ok(None);
    }
    for partnership in areas {
        tx.execute(
            &Query::insert()
                .into_table(ReturnPartnerships::Table)
                .columns([ReturnPartnerships::ReturnId, ReturnPartnerships::PartnershipId])
                .values_panic([return_id.into(), (*partnership).into()])
                .to_owned(),
        )
        .await?;
    }
    // The return answers every open cycle that asked the organisation for this framework.
    let cycles =
        crate::cycles::store::link_return(tx, organisation, framework_key, return_id, at.date()).await?;
    audit::record(
        tx,
        Change {
            actor: Some(by),
            action: "submit",
            entity: "return",
            entity_id: return_id.to_string(),
            before: None,
            after: Some(json!({ "partnerships": areas, "cycles": cycles })),
        },
    )
    .await?;
    Ok(Some(Submitted { partnerships: areas.to_vec(), cycles }))
}
