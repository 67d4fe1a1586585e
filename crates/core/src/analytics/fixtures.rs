//! Test fixtures: a builder for one organisation's facts (a submitted statutory health
//! organisation serving partnership 1, asked for framework 1, unless told otherwise),
//! and the standards the tests use.

use std::collections::BTreeMap;

use super::{InvitationState, OrganisationFacts, StandardHeading};
use crate::framework::{Rating, Standing};
use crate::tenancy::{DutyStatus, Sector};

pub(crate) struct OrgBuilder(OrganisationFacts);

/// A submitted statutory health organisation serving partnership 1, with no results.
pub(crate) fn org(id: i64, name: &str) -> OrgBuilder {
    OrgBuilder(OrganisationFacts {
        organisation: id,
        name: name.into(),
        framework: 1,
        sector: Sector::Health,
        duty: DutyStatus::Statutory,
        partnerships: vec![1],
        invitation: InvitationState::Submitted,
        standings: BTreeMap::new(),
        not_applicable: Default::default(),
        ratings: BTreeMap::new(),
        values: BTreeMap::new(),
        non_submission_reason: None,
    })
}

impl OrgBuilder {
    pub(crate) fn sector(mut self, sector: Sector) -> Self {
        self.0.sector = sector;
        self
    }

    pub(crate) fn framework(mut self, framework: i64) -> Self {
        self.0.framework = framework;
        self
    }

    pub(crate) fn duty(mut self, duty: DutyStatus) -> Self {
        self.0.duty = duty;
        self
    }

    pub(crate) fn serves(mut self, partnerships: &[i64]) -> Self {
        self.0.partnerships = partnerships.to_vec();
        self
    }

    pub(crate) fn state(mut self, state: InvitationState) -> Self {
        self.0.invitation = state;
        self
    }

    pub(crate) fn standing(mut self, standard: &str, standing: Standing) -> Self {
        self.0.standings.insert(standard.into(), standing);
        self
    }

    /// The same standing for standards "1", "2", ... in turn.
    pub(crate) fn standings(mut self, standings: &[Standing]) -> Self {
        for (i, s) in standings.iter().enumerate() {
            self.0.standings.insert((i + 1).to_string(), *s);
        }
        self
    }

    /// Marks a standard as answered not applicable throughout (give it a standing too,
    /// as the rule does: green).
    pub(crate) fn not_applicable(mut self, standard: &str) -> Self {
        self.0.not_applicable.insert(standard.into());
        self
    }

    pub(crate) fn rating(mut self, criterion: &str, rating: Rating) -> Self {
        self.0.ratings.insert(criterion.into(), rating);
        self
    }

    pub(crate) fn reason(mut self, reason: &str) -> Self {
        self.0.non_submission_reason = Some(reason.into());
        self
    }

    pub(crate) fn value(mut self, criterion: &str, value: f64) -> Self {
        self.0.values.insert(criterion.into(), value);
        self
    }

    pub(crate) fn build(self) -> OrganisationFacts {
        self.0
    }
}

/// Standards "1" (Leadership), "2" (Training) and "3" (Voice of the child).
pub(crate) fn standards() -> Vec<StandardHeading> {
    [("1", "Leadership"), ("2", "Training"), ("3", "Voice of the child")]
        .into_iter()
        .map(|(code, title)| StandardHeading { code: code.into(), title: title.into() })
        .collect()
}

/// `n` submitted organisations with ids from `first`, all with the same standings.
pub(crate) fn many(first: i64, n: usize, standings: &[Standing]) -> Vec<OrganisationFacts> {
    (0..n as i64)
        .map(|i| org(first + i, &format!("Organisation {}", first + i)).standings(standings).build())
        .collect()
}
