//! Per standard, the share of organisations whose submitted return has it fully met,
//! partially met or not met.
//!
//! A standing reads as an outcome in the words returns use: green is fully met, amber
//! partially met, red not met (the framework's "Amber: partially met").
//!
//! Guarantees: an organisation with no standing for a standard is left out of that
//! standard's figures (not counted as anything), as is every organisation whose return
//! is not submitted; the three counts add up to the organisations counted, and the
//! three percentages are whole numbers adding up to exactly 100, or all 0 when nobody
//! is counted.

use serde::{Deserialize, Serialize};

use super::cohort::Cohort;
use super::facts::{OrganisationFacts, StandardHeading};
use super::percent::whole_percentages;
use crate::framework::Standing;
use crate::tenancy::coded_enum;

coded_enum! {
    /// A standard's standing in the words of the returns.
    Outcome {
        FullyMet => ("fully_met", "Fully met"),
        PartiallyMet => ("partially_met", "Partially met"),
        NotMet => ("not_met", "Not met"),
    }
}

impl Outcome {
    /// Green is fully met, amber partially met, red not met.
    pub fn of(standing: Standing) -> Outcome {
        match standing {
            Standing::Green => Outcome::FullyMet,
            Standing::Amber => Outcome::PartiallyMet,
            Standing::Red => Outcome::NotMet,
        }
    }

    /// The colour shown with the words.
    pub fn standing(self) -> Standing {
        match self {
            Outcome::FullyMet => Standing::Green,
            Outcome::PartiallyMet => Standing::Amber,
            Outcome::NotMet => Standing::Red,
        }
    }
}

/// How many organisations have one outcome, and their share.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Share {
    pub outcome: Outcome,
    pub count: usize,
    /// A whole percentage of the organisations counted.
    pub percent: u32,
}

/// One standard's outcomes across a group of organisations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StandardShares {
    pub standard: StandardHeading,
    /// Submitted organisations with a standing for this standard.
    pub counted: usize,
    /// Fully met, partially met, not met: always these three, in this order.
    pub shares: [Share; 3],
}

impl StandardShares {
    pub fn fully_met(&self) -> Share {
        self.shares[0]
    }

    pub fn partially_met(&self) -> Share {
        self.shares[1]
    }

    pub fn not_met(&self) -> Share {
        self.shares[2]
    }
}

/// Per standard, in the order given, the outcomes of the submitted returns in `cohort`.
pub fn standard_shares(standards: &[StandardHeading], cohort: &Cohort) -> Vec<StandardShares> {
    standards.iter().map(|s| shares_of(s, cohort.submitted())).collect()
}

/// One standard's outcomes across `organisations` (submitted returns only).
pub(crate) fn shares_of<'a>(
    standard: &StandardHeading,
    organisations: impl Iterator<Item = &'a OrganisationFacts>,
) -> StandardShares {
    let mut counts = [0usize; 3];
    for o in organisations {
        if let Some(standing) = o.submitted_standing(&standard.code) {
            counts[Outcome::of(standing) as usize] += 1;
        }
    }
    let percents = whole_percentages(&counts);
    let share = |i: usize| Share { outcome: Outcome::ALL[i], count: counts[i], percent: percents[i] };
    StandardShares {
        standard: standard.clone(),
        counted: counts.iter().sum(),
        shares: [share(0), share(1), share(2)],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::InvitationState;
    use crate::analytics::fixtures::{org, standards};
    use Standing::*;

    fn counts_and_percents(s: &StandardShares) -> [(usize, u32); 3] {
        s.shares.map(|x| (x.count, x.percent))
    }

    #[test]
    fn standings_read_as_the_words_of_the_returns() {
        assert_eq!(Outcome::of(Green).label(), "Fully met");
        assert_eq!(Outcome::of(Amber).label(), "Partially met");
        assert_eq!(Outcome::of(Red).label(), "Not met");
        for o in Outcome::ALL {
            assert_eq!(Outcome::of(o.standing()), *o);
            assert_eq!(Outcome::from_code(o.code()), Some(*o));
        }
    }

    #[test]
    fn shares_are_counted_per_standard() {
        let facts = vec![
            org(1, "A").standings(&[Green, Green, Red]).build(),
            org(2, "B").standings(&[Green, Amber, Red]).build(),
            org(3, "C").standings(&[Amber, Amber]).build(),
            org(4, "D").standings(&[Red, Amber, Green]).build(),
        ];
        let shares = standard_shares(&standards(), &Cohort::everyone(&facts));
        assert_eq!(shares.len(), 3);
        assert_eq!(shares[0].standard.title, "Leadership");
        assert_eq!(counts_and_percents(&shares[0]), [(2, 50), (1, 25), (1, 25)]);
        assert_eq!(counts_and_percents(&shares[1]), [(1, 25), (3, 75), (0, 0)]);
        // C has no standing for standard 3: it is left out, not counted as anything.
        assert_eq!(shares[2].counted, 3);
        assert_eq!(counts_and_percents(&shares[2]), [(1, 33), (0, 0), (2, 67)]);
        assert_eq!(shares[2].fully_met().outcome, Outcome::FullyMet);
        assert_eq!(shares[2].not_met().count, 2);
    }

    #[test]
    fn thirds_still_add_up_to_one_hundred() {
        let facts = vec![
            org(1, "A").standings(&[Green]).build(),
            org(2, "B").standings(&[Amber]).build(),
            org(3, "C").standings(&[Red]).build(),
        ];
        let shares = standard_shares(&standards()[..1], &Cohort::everyone(&facts));
        assert_eq!(counts_and_percents(&shares[0]), [(1, 34), (1, 33), (1, 33)]);
    }

    #[test]
    fn returns_not_submitted_are_not_counted() {
        let facts = vec![
            org(1, "A").standings(&[Green]).build(),
            org(2, "B").standings(&[Red]).state(InvitationState::InProgress).build(),
            org(3, "C").standings(&[Red]).state(InvitationState::ConfirmedNonSubmission).build(),
        ];
        let shares = standard_shares(&standards()[..1], &Cohort::everyone(&facts));
        assert_eq!(counts_and_percents(&shares[0]), [(1, 100), (0, 0), (0, 0)]);
    }

    #[test]
    fn no_returns_give_zeros_for_every_standard() {
        let shares = standard_shares(&standards(), &Cohort::everyone(&[]));
        assert_eq!(shares.len(), 3);
        for s in shares {
            assert_eq!(s.counted, 0);
            assert_eq!(counts_and_percents(&s), [(0, 0), (0, 0), (0, 0)]);
        }
        assert!(standard_shares(&[], &Cohort::everyone(&[])).is_empty());
    }
}
