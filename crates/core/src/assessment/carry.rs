//! Carry forward: a new round starts from the organisation's latest return, so nobody
//! types last year's answers again, but nothing is taken as still true until a person
//! says so. Each carried answer is marked "to confirm" until someone confirms it as it
//! stands or changes it; a return cannot be signed off while any is left.
//!
//! The living assessment may have moved on since the return (improvements made after
//! submission): a newer living answer is kept, never replaced by the older returned
//! one, and is also marked to confirm. Returned answers to criteria the framework no
//! longer has are dropped.

use std::collections::HashMap;

use super::Answer;
use crate::framework::Framework;

/// What starting a new round does to the living assessment.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CarryForward {
    /// Returned answers to write back because the living assessment has none.
    pub restore: Vec<(String, Answer)>,
    /// Every criterion, in framework order, whose answer is marked "to confirm".
    pub to_confirm: Vec<String>,
}

/// Plans a new round from the latest return's answers and the living ones.
pub fn carry_forward(
    framework: &Framework,
    returned: &HashMap<String, Answer>,
    living: &HashMap<String, Answer>,
) -> CarryForward {
    let mut plan = CarryForward::default();
    for (_, criterion) in framework.criteria() {
        let code = &criterion.code;
        let now = living.get(code).filter(|a| a.is_started());
        let then = returned.get(code).filter(|a| a.is_started());
        match (now, then) {
            (Some(_), _) => plan.to_confirm.push(code.clone()),
            (None, Some(answer)) => {
                plan.restore.push((code.clone(), answer.clone()));
                plan.to_confirm.push(code.clone());
            }
            (None, None) => {}
        }
    }
    plan
}

/// Whether a new round may start: only after a return has been submitted since the
/// last round began (`None` when there has been no submission, or no round yet).
/// Rounds are identified by the return they carried forward from.
pub fn may_start_round(latest_submitted_return: Option<i64>, last_round_from: Option<i64>) -> bool {
    match (latest_submitted_return, last_round_from) {
        (None, _) => false,
        (Some(_), None) => true,
        (Some(latest), Some(from)) => latest != from,
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{answers, framework};
    use super::*;

    #[test]
    fn living_answers_are_kept_and_marked_to_confirm() {
        let f = framework();
        let returned = answers(&[("1.1", "met", "Named on posters.", "")]);
        let living = answers(&[("1.1", "partially_met", "The deputy has left.", "")]);
        let plan = carry_forward(&f, &returned, &living);
        assert!(plan.restore.is_empty());
        assert_eq!(plan.to_confirm, vec!["1.1".to_owned()]);
    }

    #[test]
    fn returned_answers_missing_from_the_living_assessment_are_restored() {
        let f = framework();
        let returned = answers(&[("1.1", "met", "Named on posters.", "")]);
        let plan = carry_forward(&f, &returned, &HashMap::new());
        assert_eq!(plan.restore.len(), 1);
        assert_eq!(plan.restore[0].0, "1.1");
        assert_eq!(plan.restore[0].1.narrative, "Named on posters.");
        assert_eq!(plan.to_confirm, vec!["1.1".to_owned()]);
    }

    #[test]
    fn unanswered_criteria_are_not_marked_and_blank_answers_do_not_count() {
        let f = framework();
        let mut returned = answers(&[("1.1", "met", "", "")]);
        returned.insert("1.2".into(), Answer::default());
        let plan = carry_forward(&f, &returned, &HashMap::new());
        assert_eq!(plan.to_confirm, vec!["1.1".to_owned()]);
    }

    #[test]
    fn answers_to_criteria_the_framework_no_longer_has_are_dropped() {
        let f = framework();
        let returned = answers(&[("1.1", "met", "", "")]);
        let mut returned = returned;
        let gone = returned["1.1"].clone();
        returned.insert("99.9".into(), gone);
        let plan = carry_forward(&f, &returned, &HashMap::new());
        assert!(!plan.to_confirm.contains(&"99.9".to_owned()));
        assert!(plan.restore.iter().all(|(code, _)| code != "99.9"));
    }

    #[test]
    fn marks_follow_framework_order() {
        let f = framework();
        let order: Vec<String> = f.criteria().map(|(_, c)| c.code.clone()).collect();
        let living: HashMap<String, Answer> = order
            .iter()
            .rev()
            .map(|code| (code.clone(), Answer { narrative: "Done.".into(), ..Answer::default() }))
            .collect();
        assert_eq!(carry_forward(&f, &HashMap::new(), &living).to_confirm, order);
    }

    #[test]
    fn a_round_starts_once_per_submitted_return() {
        assert!(!may_start_round(None, None));
        assert!(may_start_round(Some(4), None));
        assert!(!may_start_round(Some(4), Some(4)));
        assert!(may_start_round(Some(7), Some(4)));
    }
}
