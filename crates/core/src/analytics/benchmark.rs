//! Benchmarking one organisation: per standard, its own standing beside how its sector
//! does across the view (normally one partnership).
//!
//! Guarantees: the comparison is anonymised (shares only: no organisation is named or
//! identified) and is given only when at least [`MIN_GROUP_FOR_COMPARISON`]
//! organisations of the sector, the organisation itself included, have a standing for
//! that standard in a submitted return; below that the answer is the explicit
//! [`SectorComparison::NotEnoughOrganisations`], which carries no figure at all, so
//! nothing can be worked out about a handful of neighbours.

use serde::Serialize;

use super::cohort::Cohort;
use super::facts::StandardHeading;
use super::shares::{StandardShares, shares_of};
use crate::framework::Standing;
use crate::tenancy::Sector;

/// Fewest organisations of a sector, with a standing for a standard, for their shares
/// to be shown to one of them.
pub const MIN_GROUP_FOR_COMPARISON: usize = 5;

/// One organisation beside its sector.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Benchmark {
    pub organisation: i64,
    pub sector: Sector,
    /// Per standard, in the order given.
    pub rows: Vec<BenchmarkRow>,
}

/// One standard: the organisation's own standing and its sector's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BenchmarkRow {
    pub standard: StandardHeading,
    /// `None` before the organisation submits, or with no standing for the standard.
    pub own: Option<Standing>,
    pub sector: SectorComparison,
}

/// How the sector does on one standard, if it may be shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SectorComparison {
    /// Fewer than [`MIN_GROUP_FOR_COMPARISON`] organisations: nothing is shown.
    NotEnoughOrganisations,
    /// The sector's shares, the organisation itself included.
    Compared(StandardShares),
}

impl SectorComparison {
    /// What to show in place of figures when there are too few organisations.
    pub const NOT_ENOUGH_MESSAGE: &'static str = "Not enough organisations to compare";
}

/// `organisation` beside the other organisations of its sector in `cohort`; `None`
/// when the view does not hold the organisation.
pub fn benchmark(standards: &[StandardHeading], cohort: &Cohort, organisation: i64) -> Option<Benchmark> {
    let own = cohort.find(organisation)?;
    let rows = standards
        .iter()
        .map(|standard| {
            let shares = shares_of(standard, cohort.submitted().filter(|o| o.sector == own.sector));
            BenchmarkRow {
                standard: standard.clone(),
                own: own.submitted_standing(&standard.code),
                sector: if shares.counted >= MIN_GROUP_FOR_COMPARISON {
                    SectorComparison::Compared(shares)
                } else {
                    SectorComparison::NotEnoughOrganisations
                },
            }
        })
        .collect();
    Some(Benchmark { organisation, sector: own.sector, rows })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::fixtures::{many, org, standards};
    use crate::analytics::{Filter, InvitationState, OrganisationFacts};
    use Standing::*;

    fn compared(row: &BenchmarkRow) -> Option<[(usize, u32); 3]> {
        match &row.sector {
            SectorComparison::Compared(s) => Some(s.shares.map(|x| (x.count, x.percent))),
            SectorComparison::NotEnoughOrganisations => None,
        }
    }

    /// Organisation 1 (amber on standard 1) with `others` green health organisations.
    fn with_others(others: usize) -> Vec<OrganisationFacts> {
        let mut facts = many(100, others, &[Green]);
        facts.push(org(1, "Us").standings(&[Amber]).build());
        facts.push(org(2, "Police").sector(Sector::Police).standings(&[Red]).build());
        facts
    }

    #[test]
    fn four_in_the_sector_are_not_enough() {
        let facts = with_others(3);
        let b = benchmark(&standards()[..1], &Cohort::everyone(&facts), 1).expect("in view");
        assert_eq!(b.rows[0].own, Some(Amber));
        assert_eq!(b.rows[0].sector, SectorComparison::NotEnoughOrganisations);
    }

    #[test]
    fn five_including_the_organisation_itself_are_enough() {
        let facts = with_others(4);
        let b = benchmark(&standards()[..1], &Cohort::everyone(&facts), 1).expect("in view");
        assert_eq!(b.sector, Sector::Health);
        // Four green others and the organisation's own amber; the police force is not in it.
        assert_eq!(compared(&b.rows[0]), Some([(4, 80), (1, 20), (0, 0)]));
    }

    #[test]
    fn the_threshold_is_per_standard() {
        let mut facts = with_others(4);
        facts[0].standings.insert("2".into(), Green);
        let b = benchmark(&standards(), &Cohort::everyone(&facts), 1).expect("in view");
        assert!(compared(&b.rows[0]).is_some());
        assert_eq!(b.rows[1].sector, SectorComparison::NotEnoughOrganisations, "one standing for 2");
        assert_eq!(b.rows[1].own, None);
    }

    #[test]
    fn returns_not_submitted_do_not_make_up_the_numbers() {
        let mut facts = with_others(4);
        facts[0].invitation = InvitationState::InProgress;
        let b = benchmark(&standards()[..1], &Cohort::everyone(&facts), 1).expect("in view");
        assert_eq!(b.rows[0].sector, SectorComparison::NotEnoughOrganisations);
    }

    #[test]
    fn the_group_is_the_sector_within_the_view() {
        let mut facts = with_others(4);
        facts[0].partnerships = vec![2];
        let p1 = Cohort::new(&facts, &Filter::partnership(1));
        let b = benchmark(&standards()[..1], &p1, 1).expect("in view");
        assert_eq!(b.rows[0].sector, SectorComparison::NotEnoughOrganisations);
        assert!(benchmark(&standards(), &Cohort::new(&facts, &Filter::partnership(2)), 1).is_none());
    }

    #[test]
    fn an_organisation_yet_to_submit_still_sees_its_sector() {
        let mut facts = with_others(5);
        let us = facts.iter_mut().find(|o| o.organisation == 1).expect("us");
        us.invitation = InvitationState::NotStarted;
        let b = benchmark(&standards()[..1], &Cohort::everyone(&facts), 1).expect("in view");
        assert_eq!(b.rows[0].own, None);
        assert_eq!(compared(&b.rows[0]), Some([(5, 100), (0, 0), (0, 0)]));
    }

    #[test]
    fn order_does_not_matter_and_nothing_in_view_gives_none() {
        let facts = with_others(6);
        let mut reversed = facts.clone();
        reversed.reverse();
        assert_eq!(
            benchmark(&standards(), &Cohort::everyone(&facts), 1),
            benchmark(&standards(), &Cohort::everyone(&reversed), 1)
        );
        assert!(benchmark(&standards(), &Cohort::everyone(&[]), 1).is_none());
        assert_eq!(SectorComparison::NOT_ENOUGH_MESSAGE, "Not enough organisations to compare");
    }
}
