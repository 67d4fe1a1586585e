//! What the dashboards read: plain facts about each invited organisation, as the
//! server reads them from the small per-return summaries of one cycle.
//!
//! Only a submitted return is a result: the standings and values of an organisation
//! whose invitation is not submitted are never counted anywhere in this module, so a
//! draft never shows in a figure (see [`OrganisationFacts::submitted_standing`]).

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::framework::{Framework, Rating, Standing};
use crate::tenancy::{DutyStatus, Sector};

/// The same states the cycles use, so an invitation's state is defined once.
pub use crate::cycle::InvitationState;

/// One invited organisation in one cycle.
#[derive(Debug, Clone, PartialEq)]
pub struct OrganisationFacts {
    pub organisation: i64,
    pub name: String,
    /// The framework (version) the organisation was asked to complete in this cycle:
    /// the cycle's main one, or the one its sector was asked for instead. Results of
    /// different frameworks never count together (see [`super::Cohort::asked_for`]).
    pub framework: i64,
    pub sector: Sector,
    pub duty: DutyStatus,
    /// The partnerships whose area the organisation serves in this cycle.
    pub partnerships: Vec<i64>,
    pub invitation: InvitationState,
    /// Standard code to the standing of that standard in the submitted return. A
    /// standard with no standing (nothing counted applied) is simply absent.
    pub standings: BTreeMap<String, Standing>,
    /// The standards the return answered not applicable throughout (every counted
    /// criterion rated not applicable). Such a standard keeps its standing (green,
    /// under the rule) but is left out of every share: it does not apply.
    pub not_applicable: BTreeSet<String>,
    /// Criterion code to the rating that counts for standing (a yes as met, a no as
    /// not met), for every criterion asked of the organisation and rated.
    pub ratings: BTreeMap<String, Rating>,
    /// Criterion code to the number given (a percentage or a count) in the return.
    pub values: BTreeMap<String, f64>,
    /// Why the partnership confirmed that no return would come, when it did.
    pub non_submission_reason: Option<String>,
}

/// How one submitted return answered one standard or one criterion, for the shares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answered {
    /// It applies, with this standing (of a standard) or rating (of a criterion).
    Applies(super::shares::Outcome),
    /// Answered not applicable: left out of the share, counted apart.
    NotApplicable,
    /// Not asked of this organisation (not for its sector or duty), or no standing.
    NotAsked,
}

impl OrganisationFacts {
    /// Whether the organisation's return for the cycle is submitted.
    pub fn has_submitted(&self) -> bool {
        self.invitation == InvitationState::Submitted
    }

    /// The standing of a standard in the submitted return; `None` before submission
    /// and for a standard with no standing.
    pub fn submitted_standing(&self, standard: &str) -> Option<Standing> {
        if self.has_submitted() { self.standings.get(standard).copied() } else { None }
    }

    /// How the submitted return answered a standard; `None` before submission.
    pub fn submitted_standard(&self, standard: &str) -> Option<Answered> {
        if !self.has_submitted() {
            return None;
        }
        Some(match self.standings.get(standard) {
            _ if self.not_applicable.contains(standard) => Answered::NotApplicable,
            Some(standing) => Answered::Applies(super::shares::Outcome::of(*standing)),
            None => Answered::NotAsked,
        })
    }

    /// The standing of a standard that applies, in the submitted return: `None`
    /// before submission, with no standing, and when answered not applicable.
    pub fn applicable_standing(&self, standard: &str) -> Option<Standing> {
        match self.submitted_standard(standard)? {
            Answered::Applies(outcome) => Some(outcome.standing()),
            Answered::NotApplicable | Answered::NotAsked => None,
        }
    }

    /// How the submitted return answered a criterion; `None` before submission.
    pub fn submitted_criterion(&self, criterion: &str) -> Option<Answered> {
        if !self.has_submitted() {
            return None;
        }
        Some(match self.ratings.get(criterion) {
            Some(Rating::NotApplicable) => Answered::NotApplicable,
            Some(rating) => {
                super::shares::Outcome::of_rating(*rating).map_or(Answered::NotAsked, Answered::Applies)
            }
            None => Answered::NotAsked,
        })
    }

    /// The number given for a criterion in the submitted return; `None` before
    /// submission and when no number was given.
    pub fn submitted_value(&self, criterion: &str) -> Option<f64> {
        if self.has_submitted() { self.values.get(criterion).copied() } else { None }
    }
}

/// A standard as a column or row heading: its code and its title.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct StandardHeading {
    pub code: String,
    pub title: String,
}

impl StandardHeading {
    /// Every standard of a framework, in the framework's order.
    pub fn from_framework(framework: &Framework) -> Vec<StandardHeading> {
        framework
            .standards
            .iter()
            .map(|s| StandardHeading { code: s.code.clone(), title: s.title.clone() })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::Outcome;
    use crate::analytics::fixtures::org;
    use crate::framework::Standing::*;

    #[test]
    fn every_invitation_state_round_trips() {
        for s in InvitationState::ALL {
            assert_eq!(InvitationState::from_code(s.code()), Some(*s));
        }
        assert_eq!(InvitationState::from_code("exempt"), None);
        let outstanding: Vec<_> = InvitationState::ALL.iter().filter(|s| s.is_outstanding()).collect();
        assert_eq!(outstanding, [&InvitationState::NotStarted, &InvitationState::InProgress]);
    }

    #[test]
    fn only_a_submitted_return_has_results() {
        let mut o = org(1, "A").standing("1", Green).value("2.1", 80.0).build();
        assert_eq!(o.submitted_standing("1"), Some(Green));
        assert_eq!(o.submitted_value("2.1"), Some(80.0));
        assert_eq!(o.submitted_standing("2"), None);
        for state in [
            InvitationState::NotStarted,
            InvitationState::InProgress,
            InvitationState::ConfirmedNonSubmission,
        ] {
            o.invitation = state;
            assert_eq!(o.submitted_standing("1"), None, "{state:?}");
            assert_eq!(o.submitted_value("2.1"), None, "{state:?}");
            assert_eq!(o.submitted_standard("1"), None, "{state:?}");
            assert_eq!(o.submitted_criterion("1.1"), None, "{state:?}");
        }
    }

    #[test]
    fn a_standard_answered_not_applicable_keeps_its_standing_but_does_not_apply() {
        let o = org(1, "A").standing("1", Green).not_applicable("1").standing("2", Amber).build();
        assert_eq!(o.submitted_standing("1"), Some(Green), "green under the rule");
        assert_eq!(o.submitted_standard("1"), Some(Answered::NotApplicable));
        assert_eq!(o.applicable_standing("1"), None);
        assert_eq!(o.submitted_standard("2"), Some(Answered::Applies(Outcome::PartiallyMet)));
        assert_eq!(o.submitted_standard("3"), Some(Answered::NotAsked));
    }

    #[test]
    fn criteria_read_as_met_partially_met_not_met_or_not_applicable() {
        let o = org(1, "A")
            .rating("1.1", Rating::Met)
            .rating("1.2", Rating::PartiallyMet)
            .rating("1.3", Rating::NotMet)
            .rating("1.4", Rating::NotApplicable)
            .build();
        assert_eq!(o.submitted_criterion("1.1"), Some(Answered::Applies(Outcome::FullyMet)));
        assert_eq!(o.submitted_criterion("1.2"), Some(Answered::Applies(Outcome::PartiallyMet)));
        assert_eq!(o.submitted_criterion("1.3"), Some(Answered::Applies(Outcome::NotMet)));
        assert_eq!(o.submitted_criterion("1.4"), Some(Answered::NotApplicable));
        assert_eq!(o.submitted_criterion("1.5"), Some(Answered::NotAsked));
    }
}
