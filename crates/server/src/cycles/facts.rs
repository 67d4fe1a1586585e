//! Reads one cycle's facts for the dashboards: each invitation with its state (and the
//! reason for a confirmed non-submission), the partnerships of the cycle the
//! organisation serves, and the standings of its submitted return (with the standards
//! it answered not applicable), its counted ratings and the numbers it gives, from the
//! small per-return tables written at sign-off, each organisation with the framework it
//! was asked for. A few
//! queries per cycle, each bounded by the cycle's invitations.

use std::collections::{BTreeMap, BTreeSet};

use sea_query::{Expr, ExprTrait, Query};

use super::store::{self, CycleRow};
use crate::db::Db;
use crate::db::schema::{OrganisationAreas, ReturnRatings, ReturnStandings, ReturnValues};
use osa_core::analytics::OrganisationFacts;
use osa_core::framework::{Rating, Standing};

/// How much of each return to read: the per-question ratings are the largest part and
/// only the cycle's own per-question shares need them (not the previous cycle's
/// comparison, nor benchmarking).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    Standards,
    StandardsAndQuestions,
}

/// One cycle's facts as one reader may count them.
pub struct CycleFacts {
    pub organisations: Vec<OrganisationFacts>,
    /// Invited organisations whose returns went only to partnerships the reader does
    /// not work for, so are left out of `organisations` (and of every figure).
    pub sent_elsewhere: usize,
    /// Each framework version asked for in the cycle, with its key.
    pub keys: BTreeMap<i64, String>,
}

/// `visible` are the returns the reader may see (`super::visible::returns_visible_to`).
#[allow(
    clippy::too_many_lines,
    reason = "one read of every fact a cycle page shows, kept together so each is read once"
)]
pub async fn read(
    db: &Db,
    cycle: &CycleRow,
    partnerships: &[i64],
    visible: &BTreeSet<i64>,
    detail: Detail,
) -> Result<CycleFacts, sqlx::Error> {
    let mut invitations = store::invitations(db, cycle.id).await?;
    let invited = invitations.len();
    // An organisation whose submitted return was not sent to the reader's
    // partnerships is left out of every figure. Counting it as submitted would put a
    // return the reader may not see into the rates and breakdowns (a row of the heat
    // map with nothing in it); counting it as outstanding would tell a board that it
    // has not submitted when it has. Its figures are another partnership's to read.
    invitations.retain(|i| i.return_id.is_none_or(|r| visible.contains(&r)));
    let sent_elsewhere = invited - invitations.len();
    let return_of: BTreeMap<i64, i64> =
        invitations.iter().filter_map(|i| Some((i.organisation_id, i.return_id?))).collect();
    let return_ids: Vec<i64> = return_of.values().copied().collect();
    let mut standings: BTreeMap<i64, BTreeMap<String, Standing>> = BTreeMap::new();
    let mut not_applicable: BTreeMap<i64, BTreeSet<String>> = BTreeMap::new();
    let mut ratings: BTreeMap<i64, BTreeMap<String, Rating>> = BTreeMap::new();
    if !return_ids.is_empty() {
        let rows: Vec<(i64, String, String, bool)> = db
            .fetch_all(
                &Query::select()
                    .columns([
                        ReturnStandings::ReturnId,
                        ReturnStandings::StandardCode,
                        ReturnStandings::Standing,
                        ReturnStandings::Applies,
                    ])
                    .from(ReturnStandings::Table)
                    .and_where(Expr::col(ReturnStandings::ReturnId).is_in(return_ids.clone()))
                    .to_owned(),
            )
            .await?;
        for (ret, code, standing, applies) in rows {
            if let Some(standing) = Standing::from_code(&standing) {
                if !applies {
                    not_applicable.entry(ret).or_default().insert(code.clone());
                }
                standings.entry(ret).or_default().insert(code, standing);
            }
        }
    }
    if !return_ids.is_empty() && detail == Detail::StandardsAndQuestions {
        let rows: Vec<(i64, String, String)> = db
            .fetch_all(
                &Query::select()
                    .columns([ReturnRatings::ReturnId, ReturnRatings::CriterionCode, ReturnRatings::Rating])
                    .from(ReturnRatings::Table)
                    .and_where(Expr::col(ReturnRatings::ReturnId).is_in(return_ids.clone()))
                    .to_owned(),
            )
            .await?;
        for (ret, code, rating) in rows {
            if let Some(rating) = Rating::from_code(&rating) {
                ratings.entry(ret).or_default().insert(code, rating);
            }
        }
    }
    let mut values: BTreeMap<i64, BTreeMap<String, f64>> = BTreeMap::new();
    if !return_ids.is_empty() {
        let rows: Vec<(i64, String, f64)> = db
            .fetch_all(
                &Query::select()
                    .columns([ReturnValues::ReturnId, ReturnValues::CriterionCode, ReturnValues::Value])
                    .from(ReturnValues::Table)
                    .and_where(Expr::col(ReturnValues::ReturnId).is_in(return_ids.clone()))
                    .to_owned(),
            )
            .await?;
        for (ret, code, value) in rows {
            values.entry(ret).or_default().insert(code, value);
        }
    }
    let org_ids: Vec<i64> = invitations.iter().map(|i| i.organisation_id).collect();
    let mut areas: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    if !org_ids.is_empty() {
        let rows: Vec<(i64, i64)> = db
            .fetch_all(
                &Query::select()
                    .columns([OrganisationAreas::OrganisationId, OrganisationAreas::PartnershipId])
                    .from(OrganisationAreas::Table)
                    .and_where(Expr::col(OrganisationAreas::OrganisationId).is_in(org_ids))
                    .and_where(Expr::col(OrganisationAreas::PartnershipId).is_in(partnerships.to_vec()))
                    .to_owned(),
            )
            .await?;
        for (org, partnership) in rows {
            areas.entry(org).or_default().push(partnership);
        }
    }
    let keys = invitations.iter().map(|i| (i.framework_id, i.framework_key.clone())).collect();
    let organisations = invitations
        .into_iter()
        .map(|i| {
            // Each organisation keeps the results of the framework it was asked for;
            // figures count them only with returns of the same framework
            // (`Cohort::asked_for`), while the response rate counts everyone.
            let return_id = return_of.get(&i.organisation_id);
            OrganisationFacts {
                organisation: i.organisation_id,
                framework: i.framework_id,
                sector: i.sector,
                duty: i.duty_status,
                partnerships: areas.remove(&i.organisation_id).unwrap_or_default(),
                invitation: i.state,
                standings: return_id.and_then(|r| standings.remove(r)).unwrap_or_default(),
                not_applicable: return_id.and_then(|r| not_applicable.remove(r)).unwrap_or_default(),
                ratings: return_id.and_then(|r| ratings.remove(r)).unwrap_or_default(),
                values: return_id.and_then(|r| values.remove(r)).unwrap_or_default(),
                non_submission_reason: i.non_submission_reason,
                name: i.organisation_name,
            }
        })
        .collect();
    Ok(CycleFacts { organisations, sent_elsewhere, keys })
}

impl CycleFacts {
    /// The framework versions of this cycle's invitations sharing `key`: what a
    /// framework's figures compare with in an earlier cycle.
    pub fn versions_of(&self, key: &str) -> Vec<i64> {
        self.keys.iter().filter(|(_, k)| k.as_str() == key).map(|(id, _)| *id).collect()
    }
}
