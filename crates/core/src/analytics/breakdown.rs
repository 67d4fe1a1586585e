//! Breakdowns: the per-standard shares within each sector, each duty status, or each
//! partnership of a view.
//!
//! Guarantees: groups come in a fixed order (sectors and duties in the order osa lists
//! them, partnerships by id) and only groups holding at least one submitted return
//! appear; each group's shares follow the rules of [`standard_shares`]. Sector and duty
//! groups split the view, so each organisation is in exactly one; partnership groups
//! count an organisation in every partnership it serves.
//!
//! [`standard_shares`]: super::standard_shares

use serde::Serialize;

use super::cohort::Cohort;
use super::facts::{OrganisationFacts, StandardHeading};
use super::shares::{StandardShares, shares_of};
use crate::tenancy::{DutyStatus, Sector};

/// The shares of one group of organisations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Group<K> {
    pub key: K,
    /// Submitted returns in the group.
    pub returns: usize,
    /// Per standard, in the order given.
    pub standards: Vec<StandardShares>,
}

/// Per sector, the shares of the submitted returns in `cohort`.
pub fn by_sector(standards: &[StandardHeading], cohort: &Cohort) -> Vec<Group<Sector>> {
    groups(standards, cohort, Sector::ALL.iter().copied(), |o, s| o.sector == *s)
}

/// Per duty status, the shares of the submitted returns in `cohort`.
pub fn by_duty(standards: &[StandardHeading], cohort: &Cohort) -> Vec<Group<DutyStatus>> {
    groups(standards, cohort, DutyStatus::ALL.iter().copied(), |o, d| o.duty == *d)
}

/// Per partnership served, the shares of the submitted returns in `cohort`; an
/// organisation serving several partnerships counts in each.
pub fn by_partnership(standards: &[StandardHeading], cohort: &Cohort) -> Vec<Group<i64>> {
    let mut partnerships: Vec<i64> =
        cohort.submitted().flat_map(|o| o.partnerships.iter().copied()).collect();
    partnerships.sort_unstable();
    partnerships.dedup();
    groups(standards, cohort, partnerships, |o, p| o.partnerships.contains(p))
}

fn groups<K: Copy>(
    standards: &[StandardHeading],
    cohort: &Cohort,
    keys: impl IntoIterator<Item = K>,
    holds: impl Fn(&OrganisationFacts, &K) -> bool,
) -> Vec<Group<K>> {
    keys.into_iter()
        .filter_map(|key| {
            let members: Vec<&OrganisationFacts> = cohort.submitted().filter(|o| holds(o, &key)).collect();
            (!members.is_empty()).then(|| Group {
                key,
                returns: members.len(),
                standards: standards.iter().map(|s| shares_of(s, members.iter().copied())).collect(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::InvitationState;
    use crate::analytics::fixtures::{org, standards};
    use crate::framework::Standing::*;

    fn fully_met(g: &Group<impl Copy>) -> Vec<(usize, u32)> {
        g.standards.iter().map(|s| (s.fully_met().count, s.fully_met().percent)).collect()
    }

    fn region() -> Vec<OrganisationFacts> {
        vec![
            org(1, "A").sector(Sector::Police).serves(&[1]).standings(&[Green, Red]).build(),
            org(2, "B").sector(Sector::Police).serves(&[1, 2]).standings(&[Amber, Green]).build(),
            org(3, "C").duty(DutyStatus::Voluntary).serves(&[2]).standings(&[Green, Green]).build(),
            org(4, "D").sector(Sector::Faith).serves(&[3]).state(InvitationState::NotStarted).build(),
        ]
    }

    #[test]
    fn sectors_split_the_view_in_the_listed_order() {
        let facts = region();
        let groups = by_sector(&standards()[..2], &Cohort::everyone(&facts));
        let keys: Vec<_> = groups.iter().map(|g| (g.key, g.returns)).collect();
        assert_eq!(keys, [(Sector::Police, 2), (Sector::Health, 1)], "no group for faith: nothing submitted");
        assert_eq!(fully_met(&groups[0]), [(1, 50), (1, 50)]);
        assert_eq!(fully_met(&groups[1]), [(1, 100), (1, 100)]);
    }

    #[test]
    fn duties_split_the_view() {
        let facts = region();
        let groups = by_duty(&standards()[..2], &Cohort::everyone(&facts));
        let keys: Vec<_> = groups.iter().map(|g| (g.key, g.returns)).collect();
        assert_eq!(keys, [(DutyStatus::Statutory, 2), (DutyStatus::Voluntary, 1)]);
        assert_eq!(groups[0].standards[1].not_met().percent, 50);
    }

    #[test]
    fn partnerships_count_a_shared_organisation_in_each() {
        let facts = region();
        let groups = by_partnership(&standards()[..2], &Cohort::everyone(&facts));
        let keys: Vec<_> = groups.iter().map(|g| (g.key, g.returns)).collect();
        assert_eq!(keys, [(1, 2), (2, 2)], "B counts in both; D has not submitted");
        assert_eq!(fully_met(&groups[1]), [(1, 50), (2, 100)]);
    }

    #[test]
    fn no_returns_give_no_groups() {
        let facts = vec![org(1, "A").state(InvitationState::InProgress).build()];
        let cohort = Cohort::everyone(&facts);
        assert!(by_sector(&standards(), &cohort).is_empty());
        assert!(by_duty(&standards(), &cohort).is_empty());
        assert!(by_partnership(&standards(), &cohort).is_empty());
    }
}
