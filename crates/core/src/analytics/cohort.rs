//! Which organisations a view counts: a [`Filter`] by sector, duty and partnership,
//! applied to one cycle's facts to give a [`Cohort`].
//!
//! Guarantees: a cohort holds each organisation once, however many partnerships it
//! serves and however many times its facts were passed in, so a region view never
//! counts an organisation twice; a partnership filter keeps every organisation serving
//! that partnership, so an organisation serving several partnerships counts in each
//! of them when they are viewed one at a time. The cohort is in display order (name,
//! then id) whatever order the facts came in. [`Cohort::asked_for`] narrows a cohort
//! to the organisations asked for one framework: the only ones whose results may be
//! counted together, since two frameworks' standards share codes but not meaning.

use std::cmp::Ordering;

use super::facts::{InvitationState, OrganisationFacts};
use super::order::name_key;
use crate::tenancy::{DutyStatus, Sector};

/// What a view is limited to. An empty list means no limit on that fact.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub sectors: Vec<Sector>,
    pub duties: Vec<DutyStatus>,
    /// Keep organisations serving any of these partnerships.
    pub partnerships: Vec<i64>,
}

impl Filter {
    /// No limit: the whole region (every organisation once).
    pub fn everyone() -> Filter {
        Filter::default()
    }

    /// Only organisations serving this partnership.
    pub fn partnership(partnership: i64) -> Filter {
        Filter { partnerships: vec![partnership], ..Filter::default() }
    }

    /// Whether the filter keeps this organisation.
    pub fn keeps(&self, o: &OrganisationFacts) -> bool {
        (self.sectors.is_empty() || self.sectors.contains(&o.sector))
            && (self.duties.is_empty() || self.duties.contains(&o.duty))
            && (self.partnerships.is_empty() || o.partnerships.iter().any(|p| self.partnerships.contains(p)))
    }
}

/// The organisations one view counts, each once, in display order.
#[derive(Debug, Clone, PartialEq)]
pub struct Cohort<'a> {
    members: Vec<&'a OrganisationFacts>,
}

impl<'a> Cohort<'a> {
    /// The organisations of `facts` the filter keeps, each once.
    ///
    /// Facts for one organisation are normally passed once, with every partnership it
    /// serves. If they come more than once (one row per partnership, say), the filter
    /// is applied to each row and the first of the kept rows in a fixed order (the
    /// most advanced invitation, then by the facts themselves) stands for the
    /// organisation, so the result does not depend on the order of `facts`.
    pub fn new(facts: &'a [OrganisationFacts], filter: &Filter) -> Cohort<'a> {
        let mut members: Vec<&OrganisationFacts> = facts.iter().filter(|o| filter.keeps(o)).collect();
        members.sort_by(|a, b| a.organisation.cmp(&b.organisation).then_with(|| canonical(a, b)));
        members.dedup_by_key(|o| o.organisation);
        members.sort_by_cached_key(|o| name_key(o));
        Cohort { members }
    }

    /// Every organisation of `facts`, each once: the region view.
    pub fn everyone(facts: &'a [OrganisationFacts]) -> Cohort<'a> {
        Cohort::new(facts, &Filter::everyone())
    }

    /// The members asked to complete one of `frameworks` (versions of one framework,
    /// usually just one), in the same order. Every figure but the response rate is
    /// worked out on such a cohort: a small group's "1. Who is responsible" must never
    /// count towards the main framework's "1. Leadership".
    pub fn asked_for(&self, frameworks: &[i64]) -> Cohort<'a> {
        Cohort {
            members: self.members.iter().copied().filter(|o| frameworks.contains(&o.framework)).collect(),
        }
    }

    /// The organisations, in display order.
    pub fn members(&self) -> &[&'a OrganisationFacts] {
        &self.members
    }

    /// The organisations whose return is submitted, in display order.
    pub fn submitted(&self) -> impl Iterator<Item = &'a OrganisationFacts> + '_ {
        self.members.iter().copied().filter(|o| o.has_submitted())
    }

    /// The organisation with this id, if the view counts it.
    pub fn find(&self, organisation: i64) -> Option<&'a OrganisationFacts> {
        self.members.iter().copied().find(|o| o.organisation == organisation)
    }

    pub fn len(&self) -> usize {
        self.members.len()
    }

    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }
}

/// How far an invitation has got: submitted first.
fn progress(state: InvitationState) -> u8 {
    match state {
        InvitationState::Submitted => 0,
        InvitationState::ConfirmedNonSubmission => 1,
        InvitationState::InProgress => 2,
        InvitationState::NotStarted => 3,
    }
}

/// A total order on the facts of one organisation, used only to choose between
/// repeated rows whatever order they came in.
fn canonical(a: &OrganisationFacts, b: &OrganisationFacts) -> Ordering {
    progress(a.invitation)
        .cmp(&progress(b.invitation))
        .then_with(|| a.standings.cmp(&b.standings))
        .then_with(|| value_bits(a).cmp(&value_bits(b)))
        .then_with(|| sorted(&a.partnerships).cmp(&sorted(&b.partnerships)))
        .then_with(|| (a.sector, a.duty, &a.name).cmp(&(b.sector, b.duty, &b.name)))
        // Every other field too: rows alike in all of the above but their per-question
        // ratings would otherwise be chosen by input order (found by the property test).
        .then_with(|| a.ratings.cmp(&b.ratings))
        .then_with(|| a.not_applicable.cmp(&b.not_applicable))
        .then_with(|| a.non_submission_reason.cmp(&b.non_submission_reason))
}

/// The values with each number as its bits: not numeric order, but a total one.
fn value_bits(o: &OrganisationFacts) -> Vec<(&str, u64)> {
    o.values.iter().map(|(k, v)| (k.as_str(), v.to_bits())).collect()
}

fn sorted(ids: &[i64]) -> Vec<i64> {
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::fixtures::org;
    use crate::framework::Standing::*;

    fn ids(c: &Cohort) -> Vec<i64> {
        c.members().iter().map(|o| o.organisation).collect()
    }

    /// o1 serves p1, o2 serves p2, o3 (a police force) serves both.
    fn region() -> Vec<OrganisationFacts> {
        vec![
            org(1, "Alder school").sector(Sector::Education).serves(&[1]).build(),
            org(2, "Birch trust").serves(&[2]).build(),
            org(3, "Cedar police").sector(Sector::Police).serves(&[1, 2]).build(),
        ]
    }

    #[test]
    fn repeated_rows_differing_only_in_ratings_give_the_same_member_in_any_order() {
        use crate::framework::Rating;
        let met = org(1, "Alder school").rating("1.1", Rating::Met).build();
        let partly = org(1, "Alder school").rating("1.1", Rating::PartiallyMet).build();
        let (one, other) = ([met.clone(), partly.clone()], [partly, met]);
        let (a, b) = (Cohort::everyone(&one), Cohort::everyone(&other));
        assert_eq!(a.members()[0].ratings, b.members()[0].ratings);
    }

    #[test]
    fn an_organisation_serving_two_partnerships_counts_in_each() {
        let facts = region();
        assert_eq!(ids(&Cohort::new(&facts, &Filter::partnership(1))), [1, 3]);
        assert_eq!(ids(&Cohort::new(&facts, &Filter::partnership(2))), [2, 3]);
        assert_eq!(ids(&Cohort::new(&facts, &Filter::partnership(9))), Vec::<i64>::new());
    }

    #[test]
    fn a_region_view_counts_each_organisation_once() {
        let facts = region();
        assert_eq!(ids(&Cohort::everyone(&facts)), [1, 2, 3]);
        let both = Filter { partnerships: vec![1, 2], ..Filter::default() };
        assert_eq!(ids(&Cohort::new(&facts, &both)), [1, 2, 3]);
    }

    #[test]
    fn one_row_per_partnership_still_counts_once() {
        let facts = vec![
            org(3, "Cedar police").serves(&[2]).standing("1", Green).build(),
            org(1, "Alder school").serves(&[1]).build(),
            org(3, "Cedar police").serves(&[1]).standing("1", Green).build(),
        ];
        let everyone = Cohort::everyone(&facts);
        assert_eq!(ids(&everyone), [1, 3]);
        assert_eq!(ids(&Cohort::new(&facts, &Filter::partnership(2))), [3]);
        let chosen = everyone.find(3).map(|o| o.partnerships.clone());
        let mut reversed = facts.clone();
        reversed.reverse();
        let again = Cohort::everyone(&reversed).find(3).map(|o| o.partnerships.clone());
        assert_eq!(chosen, again, "the same row stands for the organisation in any order");
    }

    #[test]
    fn a_submitted_row_stands_for_a_repeated_organisation() {
        let facts = vec![
            org(5, "Elm").state(InvitationState::InProgress).build(),
            org(5, "Elm").standing("1", Red).build(),
        ];
        let cohort = Cohort::everyone(&facts);
        assert_eq!(cohort.len(), 1);
        assert_eq!(cohort.submitted().count(), 1);
    }

    #[test]
    fn sector_and_duty_filters_combine() {
        let facts = vec![
            org(1, "A").sector(Sector::Police).build(),
            org(2, "B").sector(Sector::Police).duty(DutyStatus::Voluntary).build(),
            org(3, "C").sector(Sector::Faith).duty(DutyStatus::Voluntary).build(),
        ];
        let police = Filter { sectors: vec![Sector::Police], ..Filter::default() };
        assert_eq!(ids(&Cohort::new(&facts, &police)), [1, 2]);
        let voluntary = Filter { duties: vec![DutyStatus::Voluntary], ..Filter::default() };
        assert_eq!(ids(&Cohort::new(&facts, &voluntary)), [2, 3]);
        let both = Filter { sectors: vec![Sector::Police], ..voluntary.clone() };
        assert_eq!(ids(&Cohort::new(&facts, &both)), [2]);
        let either_sector = Filter { sectors: vec![Sector::Police, Sector::Faith], ..Filter::default() };
        assert_eq!(ids(&Cohort::new(&facts, &either_sector)), [1, 2, 3]);
    }

    #[test]
    fn members_are_in_name_order_whatever_the_input_order() {
        let mut facts = vec![org(1, "Zeta").build(), org(2, "alpha").build(), org(3, "Mu").build()];
        assert_eq!(ids(&Cohort::everyone(&facts)), [2, 3, 1]);
        facts.reverse();
        assert_eq!(ids(&Cohort::everyone(&facts)), [2, 3, 1]);
    }

    #[test]
    fn asked_for_keeps_only_the_members_asked_for_those_frameworks_in_order() {
        let facts = vec![
            org(1, "Zeta club").framework(2).sector(Sector::Faith).build(),
            org(2, "Alder school").sector(Sector::Education).build(),
            org(3, "Mu group").framework(2).build(),
            org(4, "Beech trust").framework(3).build(),
        ];
        let filtered = Cohort::new(&facts, &Filter { sectors: vec![Sector::Health], ..Filter::default() });
        assert_eq!(ids(&filtered.asked_for(&[2])), [3], "the filter still applies");
        let everyone = Cohort::everyone(&facts);
        assert_eq!(ids(&everyone.asked_for(&[1])), [2]);
        assert_eq!(ids(&everyone.asked_for(&[2])), [3, 1], "name order kept");
        assert_eq!(ids(&everyone.asked_for(&[2, 3])), [4, 3, 1]);
        assert!(everyone.asked_for(&[9]).is_empty());
        let split: usize = [1, 2, 3].iter().map(|f| everyone.asked_for(&[*f]).len()).sum();
        assert_eq!(split, everyone.len(), "each member in exactly one framework's cohort");
    }

    #[test]
    fn nothing_passed_is_an_empty_cohort() {
        let cohort = Cohort::everyone(&[]);
        assert!(cohort.is_empty());
        assert_eq!(cohort.submitted().count(), 0);
        assert_eq!(cohort.find(1), None);
    }
}
