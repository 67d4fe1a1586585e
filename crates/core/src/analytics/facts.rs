//! What the dashboards read: plain facts about each invited organisation, as the
//! server reads them from the small per-return summaries of one cycle.
//!
//! Only a submitted return is a result: the standings and values of an organisation
//! whose invitation is not submitted are never counted anywhere in this module, so a
//! draft never shows in a figure (see [`OrganisationFacts::submitted_standing`]).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::framework::{Framework, Standing};
use crate::tenancy::{DutyStatus, Sector};

/// The same states the cycles use, so an invitation's state is defined once.
pub use crate::cycle::InvitationState;

/// One invited organisation in one cycle.
#[derive(Debug, Clone, PartialEq)]
pub struct OrganisationFacts {
    pub organisation: i64,
    pub name: String,
    pub sector: Sector,
    pub duty: DutyStatus,
    /// The partnerships whose area the organisation serves in this cycle.
    pub partnerships: Vec<i64>,
    pub invitation: InvitationState,
    /// Standard code to the standing of that standard in the submitted return. A
    /// standard with no standing (nothing counted applied) is simply absent.
    pub standings: BTreeMap<String, Standing>,
    /// Criterion code to the number given (a percentage or a count) in the return.
    pub values: BTreeMap<String, f64>,
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
        }
    }
}
