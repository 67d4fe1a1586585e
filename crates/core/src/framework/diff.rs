//! What changed between two versions of a framework.

use std::collections::{HashMap, HashSet};

use super::model::{Criterion, Framework};

/// What changed between two versions of a framework, matched by criterion code.
/// Each list is in file order: of the new version, except `removed` and
/// `standards_removed`, which follow the old one.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Changes {
    /// Codes only in the new version.
    pub added: Vec<CriterionRef>,
    /// Codes only in the old version.
    pub removed: Vec<CriterionRef>,
    /// Same code, different question.
    pub reworded: Vec<Reworded>,
    /// Same code and question; guidance, evidence, answer type, flags, sectors, duty,
    /// mappings or the standard holding it differ.
    pub other_changes: Vec<CriterionRef>,
    /// Standard codes only in the new version.
    pub standards_added: Vec<String>,
    /// Standard codes only in the old version.
    pub standards_removed: Vec<String>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self == &Changes::default()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CriterionRef {
    pub code: String,
    pub question: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reworded {
    pub code: String,
    pub before: String,
    pub after: String,
}

fn reference(c: &Criterion) -> CriterionRef {
    CriterionRef { code: c.code.clone(), question: c.question.clone() }
}

pub fn compare(old: &Framework, new: &Framework) -> Changes {
    let mut changes = Changes::default();
    let before: HashMap<&str, (&str, &Criterion)> =
        old.criteria().map(|(s, c)| (c.code.as_str(), (s.code.as_str(), c))).collect();
    let after: HashSet<&str> = new.criteria().map(|(_, c)| c.code.as_str()).collect();
    for (standard, c) in new.criteria() {
        match before.get(c.code.as_str()) {
            None => changes.added.push(reference(c)),
            Some((_, was)) if was.question != c.question => changes.reworded.push(Reworded {
                code: c.code.clone(),
                before: was.question.clone(),
                after: c.question.clone(),
            }),
            Some((was_in, was)) if *was_in != standard.code || *was != c => {
                changes.other_changes.push(reference(c))
            }
            Some(_) => {}
        }
    }
    for (_, c) in old.criteria() {
        if !after.contains(c.code.as_str()) {
            changes.removed.push(reference(c));
        }
    }
    let old_standards: HashSet<&str> = old.standards.iter().map(|s| s.code.as_str()).collect();
    let new_standards: HashSet<&str> = new.standards.iter().map(|s| s.code.as_str()).collect();
    changes.standards_added = new
        .standards
        .iter()
        .filter(|s| !old_standards.contains(s.code.as_str()))
        .map(|s| s.code.clone())
        .collect();
    changes.standards_removed = old
        .standards
        .iter()
        .filter(|s| !new_standards.contains(s.code.as_str()))
        .map(|s| s.code.clone())
        .collect();
    changes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::{AnswerType, Standard, parse};
    use crate::tenancy::Sector;

    fn children() -> Framework {
        parse(include_str!("../../../../frameworks/s11-children.toml")).expect("valid")
    }

    #[test]
    fn a_framework_has_no_changes_from_itself() {
        let f = children();
        assert!(compare(&f, &f).is_empty());
    }

    #[test]
    fn added_removed_and_reworded_criteria_are_found() {
        let old = children();
        let mut new = old.clone();
        let removed = new.standards[0].criteria.remove(1);
        let mut added = new.standards[0].criteria[0].clone();
        added.code = "1.99".into();
        added.question = "A brand new question".into();
        new.standards[0].criteria.push(added);
        let before = new.standards[1].criteria[0].question.clone();
        new.standards[1].criteria[0].question = "Reworded question".into();
        new.standards[1].criteria[0].guidance = "Also new guidance".into();
        let reworded_code = new.standards[1].criteria[0].code.clone();

        let changes = compare(&old, &new);
        assert_eq!(
            changes.added,
            [CriterionRef { code: "1.99".into(), question: "A brand new question".into() }]
        );
        assert_eq!(changes.removed, [CriterionRef { code: removed.code, question: removed.question }]);
        assert_eq!(
            changes.reworded,
            [Reworded { code: reworded_code, before, after: "Reworded question".into() }],
            "a reworded criterion is listed as reworded only, even if other fields changed too"
        );
        assert!(changes.other_changes.is_empty());
        assert!(changes.standards_added.is_empty() && changes.standards_removed.is_empty());
    }

    #[test]
    fn other_field_changes_are_found_without_rewording() {
        let old = children();
        let mut new = old.clone();
        new.standards[0].criteria[0].guidance.push_str(" More.");
        new.standards[0].criteria[1].evidence.push("Another document".into());
        new.standards[0].criteria[2].answer = AnswerType::YesNo;
        new.standards[1].criteria[0].sectors = vec![Sector::Faith];
        let changes = compare(&old, &new);
        let codes: Vec<&str> = changes.other_changes.iter().map(|c| c.code.as_str()).collect();
        let expected: Vec<&str> = vec![
            &old.standards[0].criteria[0].code,
            &old.standards[0].criteria[1].code,
            &old.standards[0].criteria[2].code,
            &old.standards[1].criteria[0].code,
        ]
        .into_iter()
        .map(String::as_str)
        .collect();
        assert_eq!(codes, expected);
        assert!(changes.added.is_empty() && changes.removed.is_empty() && changes.reworded.is_empty());
    }

    #[test]
    fn a_criterion_moved_to_another_standard_is_another_change() {
        let old = children();
        let mut new = old.clone();
        let moved = new.standards[0].criteria.remove(0);
        let code = moved.code.clone();
        new.standards[1].criteria.push(moved);
        let changes = compare(&old, &new);
        assert_eq!(changes.other_changes.iter().map(|c| &c.code).collect::<Vec<_>>(), [&code]);
    }

    #[test]
    fn standards_added_and_removed_are_found() {
        let old = children();
        let mut new = old.clone();
        let gone = new.standards.remove(0);
        new.standards.push(Standard { code: "99".into(), ..gone.clone() });
        let changes = compare(&old, &new);
        assert_eq!(changes.standards_added, ["99"]);
        assert_eq!(changes.standards_removed, [gone.code]);
        assert!(changes.added.is_empty(), "the criteria kept their codes");
        assert_eq!(changes.other_changes.len(), gone.criteria.len(), "they moved standard");
    }
}
