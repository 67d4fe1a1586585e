//! What a signed-off return keeps beside its snapshot for the dashboards: each
//! standard's standing and whether it applies at all, and each criterion's rating
//! that counts for standing, so the dashboards read small summaries instead of
//! whole snapshots.
//!
//! Guarantees: a standard is in the summary exactly when it has a standing (as on the
//! task list); it applies unless every counted criterion was answered not applicable,
//! in which case it keeps its standing (green, under the rule) and is marked as not
//! applying; a criterion's rating is kept exactly when it counts for standing (a
//! rating, or yes as met and no as not met) and the criterion is asked of the
//! organisation's sector and duty.

use std::collections::HashMap;

use super::answer::Answer;
use super::progress::{applicable_answers, standard_progress};
use crate::framework::{Framework, Rating, Standing};
use crate::tenancy::{DutyStatus, Sector};

/// One standard of a return, for the dashboards.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StandardSummary {
    pub code: String,
    pub standing: Standing,
    /// False when every counted criterion was answered not applicable.
    pub applies: bool,
}

/// Everything about a return the dashboards read.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReturnSummary {
    /// In framework order.
    pub standards: Vec<StandardSummary>,
    /// Criterion code and its counted rating, in framework order.
    pub ratings: Vec<(String, Rating)>,
}

/// The summary of a return answered as `answers` by an organisation of `sector`
/// and `duty` on `framework` (with any local questions already placed in it).
pub fn return_summary(
    framework: &Framework,
    answers: &HashMap<String, Answer>,
    sector: Sector,
    duty: DutyStatus,
) -> ReturnSummary {
    let mut summary = ReturnSummary::default();
    for standard in &framework.standards {
        let progress = standard_progress(framework.standing_rule, standard, answers, sector, duty);
        let counted: Vec<(String, Rating)> = applicable_answers(standard, answers, sector, duty)
            .filter_map(|(criterion, answer)| {
                let answer = answer?;
                if !answer.is_complete(criterion) {
                    return None;
                }
                Some((criterion.code.clone(), answer.counted_rating(criterion)?))
            })
            .collect();
        if let Some(standing) = progress.standing {
            let applies = counted.iter().any(|(_, rating)| *rating != Rating::NotApplicable);
            summary.standards.push(StandardSummary { code: standard.code.clone(), standing, applies });
        }
        summary.ratings.extend(counted);
    }
    summary
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::fixtures::{DUTY, SECTOR, answers, framework};

    fn standards(s: &ReturnSummary) -> Vec<(&str, Standing, bool)> {
        s.standards.iter().map(|x| (x.code.as_str(), x.standing, x.applies)).collect()
    }

    /// The fixture with every rated criterion of standard 2 allowing "not applicable".
    fn framework_with_optional_training() -> Framework {
        let mut f = framework();
        for c in &mut f.standards[1].criteria {
            c.not_applicable = true;
        }
        f
    }

    fn all_answered(training: &str) -> HashMap<String, Answer> {
        let f = framework_with_optional_training();
        let typed = [
            ("1.1", "met", "We have a lead.", ""),
            ("1.2", "no", "", ""),
            ("1.3", "80", "", ""),
            ("2.1", training, "Why.", ""),
            ("2.2", training, "Why.", ""),
            ("2.3", "not_applicable", "No sport.", ""),
            ("2.4", "3", "", ""),
            ("3.2", "Some words.", "", ""),
        ];
        typed
            .iter()
            .map(|(code, value, narrative, action)| {
                let (_, criterion) = f.find(code).expect("a fixture criterion");
                let raw = crate::assessment::RawAnswer { value, narrative, improvement_action: action };
                ((*code).to_owned(), crate::assessment::parse_answer(criterion, &raw).expect("valid"))
            })
            .collect()
    }

    #[test]
    fn standings_and_counted_ratings_are_kept() {
        let f = framework_with_optional_training();
        let s = return_summary(&f, &all_answered("partially_met"), SECTOR, DUTY);
        // 1: met and no: red. 2: partly met: amber. 3: only text applies to a
        // charity: no standing. 4: statutory only: no standing.
        assert_eq!(standards(&s), [("1", Standing::Red, true), ("2", Standing::Amber, true)]);
        let ratings: Vec<(&str, Rating)> = s.ratings.iter().map(|(c, r)| (c.as_str(), *r)).collect();
        assert_eq!(
            ratings,
            [
                ("1.1", Rating::Met),
                ("1.2", Rating::NotMet),
                ("2.1", Rating::PartiallyMet),
                ("2.2", Rating::PartiallyMet),
                ("2.3", Rating::NotApplicable),
            ],
            "numbers and text have no rating; 3.1 is not asked of a charity"
        );
    }

    #[test]
    fn a_standard_answered_not_applicable_throughout_keeps_green_but_does_not_apply() {
        let f = framework_with_optional_training();
        let s = return_summary(&f, &all_answered("not_applicable"), SECTOR, DUTY);
        assert_eq!(standards(&s), [("1", Standing::Red, true), ("2", Standing::Green, false)]);
    }

    #[test]
    fn an_unfinished_standard_has_no_summary() {
        let s = return_summary(&framework(), &answers(&[("1.1", "met", "A lead.", "")]), SECTOR, DUTY);
        assert!(s.standards.is_empty());
        assert_eq!(s.ratings, [("1.1".to_owned(), Rating::Met)]);
    }
}
