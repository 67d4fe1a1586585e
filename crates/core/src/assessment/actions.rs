//! The action plan: the actions derived from amber and red criteria, and when an
//! action is overdue.
//!
//! Guarantees: every applicable, complete criterion whose counted rating is partially
//! met (amber) or not met, including a yes/no answered no (red), yields exactly one
//! action, in framework order; nothing else does (met, not applicable, unanswered and
//! uncounted criteria never do). An action is overdue only when it is not completed
//! and its target date is strictly before the `today` the caller passes.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use time::Date;

use super::answer::Answer;
use super::progress::applicable_answers;
use crate::framework::{Framework, Rating, Standing};
use crate::tenancy::{DutyStatus, Sector, coded_enum};

coded_enum! {
    /// Where an action stands. "Overdue" is not stored: it is shown when an action
    /// that is not completed is past its target date (see [`is_overdue`]).
    ActionStatus {
        NotStarted => ("not_started", "Not started"),
        InProgress => ("in_progress", "In progress"),
        Completed => ("completed", "Completed"),
    }
}

/// An action the action plan starts from, for one amber or red criterion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DerivedAction {
    pub criterion_code: String,
    pub standard_code: String,
    /// Amber for partially met, red for not met or a yes/no answered no.
    pub standing: Standing,
    /// The organisation's own improvement action if it wrote one, otherwise
    /// [`starter_wording`] for the question.
    pub what: String,
}

/// Every complete, applicable criterion whose counted rating is partially met or not
/// met (or "no") yields one action, in framework order.
pub fn derive_actions(
    framework: &Framework,
    answers: &HashMap<String, Answer>,
    sector: Sector,
    duty: DutyStatus,
) -> Vec<DerivedAction> {
    let mut out = Vec::new();
    for standard in &framework.standards {
        for (criterion, answer) in applicable_answers(standard, answers, sector, duty) {
            let Some(answer) = answer.filter(|a| a.is_complete(criterion)) else { continue };
            let standing = match answer.counted_rating(criterion) {
                Some(Rating::PartiallyMet) => Standing::Amber,
                Some(Rating::NotMet) => Standing::Red,
                Some(Rating::Met | Rating::NotApplicable) | None => continue,
            };
            let own = answer.improvement_action.trim();
            let what = if own.is_empty() { starter_wording(&criterion.question) } else { own.to_owned() };
            out.push(DerivedAction {
                criterion_code: criterion.code.clone(),
                standard_code: standard.code.clone(),
                standing,
                what,
            });
        }
    }
    out
}

/// The wording an action starts with when the organisation wrote no improvement
/// action of its own: "Put in place: " and the question, for the lead to rewrite.
pub fn starter_wording(question: &str) -> String {
    format!("Put in place: {}", question.trim())
}

/// Overdue when not completed and the target date is before today. An action with no
/// target date is never overdue; one due today is not overdue yet.
pub fn is_overdue(status: ActionStatus, target: Option<Date>, today: Date) -> bool {
    status != ActionStatus::Completed && target.is_some_and(|target| target < today)
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;
    use crate::assessment::fixtures::{self, answers};

    #[test]
    fn is_overdue_boundaries() {
        let today = date!(2025 - 03 - 31);
        for status in [ActionStatus::NotStarted, ActionStatus::InProgress] {
            assert!(is_overdue(status, Some(date!(2025 - 03 - 30)), today), "yesterday");
            assert!(is_overdue(status, Some(date!(2024 - 03 - 31)), today), "a year ago");
            assert!(!is_overdue(status, Some(today), today), "due today is not overdue yet");
            assert!(!is_overdue(status, Some(date!(2025 - 04 - 01)), today), "tomorrow");
            assert!(!is_overdue(status, None, today), "no target date");
        }
        assert!(is_overdue(ActionStatus::NotStarted, Some(date!(2024 - 12 - 31)), date!(2025 - 01 - 01)));
        assert!(is_overdue(ActionStatus::InProgress, Some(date!(2024 - 02 - 28)), date!(2024 - 02 - 29)));
        assert!(!is_overdue(ActionStatus::InProgress, Some(date!(2024 - 02 - 29)), date!(2024 - 02 - 29)));
        for target in [Some(date!(2020 - 01 - 01)), Some(today), None] {
            assert!(!is_overdue(ActionStatus::Completed, target, today), "completed is never overdue");
        }
        assert!(is_overdue(ActionStatus::NotStarted, Some(Date::MIN), Date::MAX));
        assert!(!is_overdue(ActionStatus::NotStarted, Some(Date::MAX), Date::MIN));
    }

    #[test]
    fn action_status_codes_round_trip() {
        for s in ActionStatus::ALL {
            assert_eq!(ActionStatus::from_code(s.code()), Some(*s));
        }
        let labels: Vec<_> = ActionStatus::ALL.iter().map(|s| s.label()).collect();
        assert_eq!(labels, ["Not started", "In progress", "Completed"]);
    }

    #[test]
    fn amber_and_red_criteria_yield_actions_in_framework_order() {
        let f = fixtures::framework();
        let given = answers(&[
            // Standard 1: rating partially met (amber) with the lead's own action.
            ("1.1", "partially_met", "We meet monthly", "  Train the second lead by June \n"),
            // Yes/no answered no (red), no action written: starter wording.
            ("1.2", "no", "", ""),
            // Percentage and text answers are never counted.
            ("1.3", "40", "", ""),
            // Standard 2: met, not met, not applicable.
            ("2.1", "met", "Checklist signed", ""),
            ("2.2", "not_met", "Not yet", ""),
            ("2.3", "not_applicable", "No sports sessions", ""),
            ("2.4", "7", "", ""),
        ]);
        let actions = derive_actions(&f, &given, fixtures::SECTOR, fixtures::DUTY);
        let got: Vec<_> = actions
            .iter()
            .map(|a| (a.standard_code.as_str(), a.criterion_code.as_str(), a.standing))
            .collect();
        assert_eq!(
            got,
            [("1", "1.1", Standing::Amber), ("1", "1.2", Standing::Red), ("2", "2.2", Standing::Red)]
        );
        assert_eq!(actions[0].what, "Train the second lead by June", "the organisation's own words, trimmed");
        assert_eq!(
            actions[1].what,
            "Put in place: Is your safeguarding policy published where families can find it?"
        );
        assert_eq!(actions[2].what, "Put in place: Every coach holds a current safeguarding certificate.");
    }

    #[test]
    fn incomplete_and_inapplicable_criteria_yield_no_action() {
        let f = fixtures::framework();
        // 2.2 is rated not met but lacks its required narrative: not complete yet.
        // 3.1 only applies to the police, and this organisation is a charity.
        let given = answers(&[("2.2", "not_met", " ", "Do it"), ("3.1", "not_met", "n", "")]);
        assert!(derive_actions(&f, &given, fixtures::SECTOR, fixtures::DUTY).is_empty());
        let police = derive_actions(&f, &given, Sector::Police, DutyStatus::Statutory);
        assert_eq!(police.len(), 1);
        assert_eq!((police[0].criterion_code.as_str(), police[0].standing), ("3.1", Standing::Red));
    }

    #[test]
    fn a_stale_not_applicable_yields_no_action() {
        let f = fixtures::framework();
        // Stored when 1.1 allowed not applicable; now it does not: not an answer.
        let mut given = HashMap::new();
        let stale =
            Answer { rating: Some(Rating::NotApplicable), narrative: "n".into(), ..Answer::default() };
        given.insert("1.1".to_owned(), stale);
        assert!(derive_actions(&f, &given, fixtures::SECTOR, fixtures::DUTY).is_empty());
        assert!(derive_actions(&f, &HashMap::new(), fixtures::SECTOR, fixtures::DUTY).is_empty());
    }

    #[test]
    fn starter_wording_is_trimmed() {
        assert_eq!(starter_wording("  We check references. \n"), "Put in place: We check references.");
    }
}
