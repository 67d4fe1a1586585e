//! A cycle may ask some sectors for another framework than its main one (the short
//! version for small groups, say). Each framework's returns are analysed on their own,
//! in a section of the dashboard: standards of different frameworks share codes
//! ("1", "2", ...) but not meaning, so one framework's returns never enter another's
//! figures. Only the response rate of the cycle counts every invited organisation,
//! whatever it was asked to complete.
//!
//! Guarantees: [`frameworks_asked`] lists the main framework first (even when nobody
//! in the view was asked for it), then every other framework some organisation was
//! asked for, each once, in a fixed order whatever the order of the facts; the words
//! depend only on the counts given.

use super::facts::OrganisationFacts;
use super::response::ResponseRate;

/// The frameworks a cycle's figures are shown for: `main`, then each other framework
/// an organisation of `facts` was asked to complete, by id.
pub fn frameworks_asked(facts: &[OrganisationFacts], main: i64) -> Vec<i64> {
    let mut others: Vec<i64> = facts.iter().map(|o| o.framework).filter(|f| *f != main).collect();
    others.sort_unstable();
    others.dedup();
    std::iter::once(main).chain(others).collect()
}

/// One framework's own response rate in words, the denominator being those asked to
/// complete it: "6 of 9 organisations asked have submitted (67%)."
pub fn asked_words(rate: &ResponseRate) -> String {
    if rate.invited == 0 {
        return "No organisation in this view was asked to complete it.".to_owned();
    }
    let noun = if rate.invited == 1 { "organisation" } else { "organisations" };
    let verb = if rate.submitted == 1 { "has" } else { "have" };
    format!("{} of {} {noun} asked {verb} submitted ({}%).", rate.submitted, rate.invited, rate.rate_percent)
}

/// What the cycle's overall response rate divides by, when more than one framework
/// was asked for; `None` when there is only one (the rate then needs no saying).
pub fn overall_basis(rate: &ResponseRate, frameworks: usize) -> Option<String> {
    (frameworks > 1).then(|| {
        let all = if rate.invited == 1 {
            "the 1 organisation invited".to_owned()
        } else {
            format!("all {} organisations invited", rate.invited)
        };
        format!(
            "The rate counts {all}, whichever framework each was asked to complete; each framework's \
             section gives its own."
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::fixtures::org;
    use crate::analytics::{Cohort, InvitationState, response_rate};

    #[test]
    fn the_main_framework_comes_first_then_the_others_once_each_in_any_order() {
        let facts = vec![
            org(1, "A").framework(7).build(),
            org(2, "B").framework(3).build(),
            org(3, "C").framework(7).build(),
            org(4, "D").framework(5).build(),
        ];
        assert_eq!(frameworks_asked(&facts, 5), [5, 3, 7]);
        let mut reversed = facts.clone();
        reversed.reverse();
        assert_eq!(frameworks_asked(&reversed, 5), [5, 3, 7]);
        assert_eq!(frameworks_asked(&facts[..1], 5), [5, 7], "main kept though nobody was asked for it");
        assert_eq!(frameworks_asked(&[], 5), [5]);
    }

    #[test]
    fn a_framework_rate_is_of_those_asked_for_it() {
        use InvitationState::*;
        let mut facts: Vec<_> = (1..=6).map(|i| org(i, "Group").framework(2).build()).collect();
        facts.extend((7..=9).map(|i| org(i, "Group").framework(2).state(NotStarted).build()));
        facts.extend((10..=20).map(|i| org(i, "Trust").build()));
        let short = response_rate(&Cohort::everyone(&facts).asked_for(&[2]));
        assert_eq!(asked_words(&short), "6 of 9 organisations asked have submitted (67%).");
        let one = response_rate(&Cohort::everyone(&facts[..1]));
        assert_eq!(asked_words(&one), "1 of 1 organisation asked has submitted (100%).");
        let none = response_rate(&Cohort::everyone(&facts).asked_for(&[9]));
        assert_eq!(asked_words(&none), "No organisation in this view was asked to complete it.");
        let first = response_rate(&Cohort::everyone(&facts[6..10]));
        assert_eq!(asked_words(&first), "1 of 4 organisations asked has submitted (25%).");
    }

    #[test]
    fn the_overall_rate_says_it_counts_every_framework_only_when_there_are_several() {
        let facts: Vec<_> = (1..=3).map(|i| org(i, "A").framework(i % 2).build()).collect();
        let rate = response_rate(&Cohort::everyone(&facts));
        assert_eq!(overall_basis(&rate, 1), None);
        assert_eq!(
            overall_basis(&rate, 2).as_deref(),
            Some(
                "The rate counts all 3 organisations invited, whichever framework each was asked to \
                 complete; each framework's section gives its own."
            )
        );
        let one = response_rate(&Cohort::everyone(&facts[..1]));
        assert!(overall_basis(&one, 2).unwrap().starts_with("The rate counts the 1 organisation invited,"));
    }
}
