//! Per standard (and per criterion), the share of organisations whose submitted
//! return has it fully met, partially met or not met, of the organisations for whom it
//! applies.
//!
//! A standing reads as an outcome in the words returns use: green is fully met, amber
//! partially met, red not met (the framework's "Amber: partially met"); a criterion's
//! rating reads the same way (met, partially met, not met).
//!
//! Guarantees: a share divides by the submitted returns for whom the standard or
//! criterion applies (`counted`); those that answered it not applicable are never in a
//! share but counted apart (`not_applicable`), and those not asked it (not for their
//! sector or duty) are counted apart too (`not_asked`), so the three always add up to
//! the submitted returns of the group. Returns not submitted count nowhere. The three
//! outcome counts add up to `counted`; each percentage is [`percent`] of its count over
//! `counted` (half up, on its own), so the same count over the same denominator shows
//! the same figure everywhere, and a row may add up to 99 or 101.

use serde::{Deserialize, Serialize};

use super::cohort::Cohort;
use super::facts::Answered;
use super::facts::{OrganisationFacts, StandardHeading};
use super::percent::percent;
use crate::framework::{AnswerType, Framework};
use crate::framework::{Rating, Standing};
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

    /// A criterion's rating as an outcome; not applicable is no outcome.
    pub fn of_rating(rating: Rating) -> Option<Outcome> {
        match rating {
            Rating::Met => Some(Outcome::FullyMet),
            Rating::PartiallyMet => Some(Outcome::PartiallyMet),
            Rating::NotMet => Some(Outcome::NotMet),
            Rating::NotApplicable => None,
        }
    }

    /// The words for a criterion's rating: met, partially met, not met.
    pub fn rating_label(self) -> &'static str {
        match self {
            Outcome::FullyMet => "Met",
            Outcome::PartiallyMet => "Partially met",
            Outcome::NotMet => "Not met",
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
    /// A whole percentage of the organisations for whom it applies, half up.
    pub percent: u32,
}

/// How the submitted returns of a group answered one standard or criterion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// Submitted returns for whom it applies: the denominator of every share.
    pub counted: usize,
    /// Submitted returns that answered it not applicable.
    pub not_applicable: usize,
    /// Submitted returns that were not asked it (or have no standing for it).
    pub not_asked: usize,
    /// Fully met, partially met, not met: always these three, in this order.
    pub shares: [Share; 3],
}

impl Tally {
    /// Counts the answers of the submitted returns (`None`s, for returns not
    /// submitted, count nowhere).
    pub fn of(answers: impl Iterator<Item = Option<Answered>>) -> Tally {
        let (mut counts, mut not_applicable, mut not_asked) = ([0usize; 3], 0, 0);
        for answered in answers.flatten() {
            match answered {
                Answered::Applies(outcome) => counts[outcome as usize] += 1,
                Answered::NotApplicable => not_applicable += 1,
                Answered::NotAsked => not_asked += 1,
            }
        }
        let counted = counts.iter().sum();
        let share = |i: usize| Share {
            outcome: Outcome::ALL[i],
            count: counts[i],
            percent: percent(counts[i], counted),
        };
        Tally { counted, not_applicable, not_asked, shares: [share(0), share(1), share(2)] }
    }

    /// Submitted returns in the group, whether or not it applies to them.
    pub fn submitted(&self) -> usize {
        self.counted + self.not_applicable + self.not_asked
    }

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

/// One standard's outcomes across a group of organisations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StandardShares {
    pub standard: StandardHeading,
    pub tally: Tally,
}

impl std::ops::Deref for StandardShares {
    type Target = Tally;

    /// A standard's shares read as its tally: `s.counted`, `s.fully_met()`.
    fn deref(&self) -> &Tally {
        &self.tally
    }
}

/// A criterion as a row heading: its code, its question and its standard's code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CriterionHeading {
    pub standard: String,
    pub code: String,
    pub question: String,
}

impl CriterionHeading {
    /// Every criterion of a framework answered by a rating or yes or no (those with
    /// an outcome), in the framework's order.
    pub fn rated_of(framework: &Framework) -> Vec<CriterionHeading> {
        framework
            .standards
            .iter()
            .flat_map(|s| s.criteria.iter().map(move |c| (s, c)))
            .filter(|(_, c)| matches!(c.answer, AnswerType::Rating | AnswerType::YesNo))
            .map(|(s, c)| CriterionHeading {
                standard: s.code.clone(),
                code: c.code.clone(),
                question: c.question.clone(),
            })
            .collect()
    }
}

/// One criterion's outcomes across a group of organisations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CriterionShares {
    pub criterion: CriterionHeading,
    pub tally: Tally,
}

impl std::ops::Deref for CriterionShares {
    type Target = Tally;

    fn deref(&self) -> &Tally {
        &self.tally
    }
}

/// Per standard, in the order given, the outcomes of the submitted returns in `cohort`.
pub fn standard_shares(standards: &[StandardHeading], cohort: &Cohort) -> Vec<StandardShares> {
    standards.iter().map(|s| shares_of(s, cohort.submitted())).collect()
}

/// Per criterion, in the order given, the outcomes of the submitted returns in
/// `cohort`: "23 of 26 organisations (88%) have met it".
pub fn criterion_shares(criteria: &[CriterionHeading], cohort: &Cohort) -> Vec<CriterionShares> {
    criteria
        .iter()
        .map(|c| CriterionShares {
            criterion: c.clone(),
            tally: Tally::of(cohort.submitted().map(|o| o.submitted_criterion(&c.code))),
        })
        .collect()
}

/// One standard's outcomes across `organisations` (submitted returns only).
pub(crate) fn shares_of<'a>(
    standard: &StandardHeading,
    organisations: impl Iterator<Item = &'a OrganisationFacts>,
) -> StandardShares {
    StandardShares {
        standard: standard.clone(),
        tally: Tally::of(organisations.map(|o| o.submitted_standard(&standard.code))),
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
        // C has no standing for standard 3: it is left out of the share, counted apart.
        assert_eq!((shares[2].counted, shares[2].not_asked), (3, 1));
        assert_eq!(counts_and_percents(&shares[2]), [(1, 33), (0, 0), (2, 67)]);
        assert_eq!(shares[2].fully_met().outcome, Outcome::FullyMet);
        assert_eq!(shares[2].not_met().count, 2);
    }

    #[test]
    fn each_share_is_rounded_on_its_own_so_thirds_show_as_33_each() {
        let facts = vec![
            org(1, "A").standings(&[Green]).build(),
            org(2, "B").standings(&[Amber]).build(),
            org(3, "C").standings(&[Red]).build(),
        ];
        let shares = standard_shares(&standards()[..1], &Cohort::everyone(&facts));
        assert_eq!(counts_and_percents(&shares[0]), [(1, 33), (1, 33), (1, 33)], "adds to 99: said nowhere");
    }

    #[test]
    fn the_same_share_shows_the_same_figure_in_every_row() {
        // 2 of 6 fully met on one standard, and 2 of 6 not met on another: 33% both.
        let mut facts = super::super::fixtures::many(1, 2, &[Green, Red]);
        facts.extend(super::super::fixtures::many(3, 2, &[Amber, Amber]));
        facts.extend(super::super::fixtures::many(5, 2, &[Red, Green]));
        let shares = standard_shares(&standards()[..2], &Cohort::everyone(&facts));
        assert_eq!(counts_and_percents(&shares[0]), [(2, 33), (2, 33), (2, 33)]);
        assert_eq!(counts_and_percents(&shares[1]), [(2, 33), (2, 33), (2, 33)]);
        // 11 of 21 is 52% wherever it stands, and 10 of 21 is 48%.
        let mut facts = super::super::fixtures::many(1, 11, &[Green, Red]);
        facts.extend(super::super::fixtures::many(12, 10, &[Red, Green]));
        let shares = standard_shares(&standards()[..2], &Cohort::everyone(&facts));
        assert_eq!(counts_and_percents(&shares[0]), [(11, 52), (0, 0), (10, 48)]);
        assert_eq!(counts_and_percents(&shares[1]), [(10, 48), (0, 0), (11, 52)]);
    }

    #[test]
    fn a_standard_answered_not_applicable_is_counted_apart_never_as_fully_met() {
        // 20 organisations for whom commissioning applies (18 met, 2 partly), and one
        // that commissions nothing: green under the rule, but not in the share.
        let mut facts = super::super::fixtures::many(1, 18, &[Green]);
        facts.extend(super::super::fixtures::many(19, 2, &[Amber]));
        facts.push(org(21, "Charity").standing("1", Green).not_applicable("1").build());
        let shares = standard_shares(&standards()[..1], &Cohort::everyone(&facts));
        let s = &shares[0];
        assert_eq!((s.counted, s.not_applicable, s.not_asked, s.submitted()), (20, 1, 0, 21));
        assert_eq!(counts_and_percents(s), [(18, 90), (2, 10), (0, 0)], "90% of 20, not 19 of 21");
    }

    #[test]
    fn criteria_are_shared_over_those_for_whom_they_apply() {
        let c =
            |code: &str| CriterionHeading { standard: "1".into(), code: code.into(), question: code.into() };
        let mut facts: Vec<_> = (1..=23).map(|i| org(i, "Met").rating("1.1", Rating::Met).build()).collect();
        facts.extend((24..=26).map(|i| org(i, "Not met").rating("1.1", Rating::NotMet).build()));
        facts.push(org(27, "N/A").rating("1.1", Rating::NotApplicable).build());
        facts.push(org(28, "Not asked").build());
        facts.push(org(29, "Draft").rating("1.1", Rating::Met).state(InvitationState::InProgress).build());
        let shares = criterion_shares(&[c("1.1"), c("1.2")], &Cohort::everyone(&facts));
        let s = &shares[0];
        assert_eq!((s.counted, s.not_applicable, s.not_asked), (26, 1, 1));
        assert_eq!(s.shares.map(|x| (x.count, x.percent)), [(23, 88), (0, 0), (3, 12)], "23 of 26 is 88%");
        assert_eq!((shares[1].counted, shares[1].not_asked), (0, 28), "nobody rated 1.2");
    }

    #[test]
    fn criteria_with_an_outcome_are_the_rated_and_yes_or_no_ones() {
        let framework = crate::framework::parse(include_str!("../../../../frameworks/s11-children.toml"))
            .expect("the shipped framework parses");
        let rated = CriterionHeading::rated_of(&framework);
        assert!(!rated.is_empty());
        for heading in &rated {
            let standard =
                framework.standards.iter().find(|s| s.code == heading.standard).expect("its standard");
            let criterion = standard.criteria.iter().find(|c| c.code == heading.code).expect("its criterion");
            assert!(matches!(criterion.answer, AnswerType::Rating | AnswerType::YesNo));
        }
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
