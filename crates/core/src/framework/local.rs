//! A partnership's local questions asked with a shared framework. The framework stays
//! shared and unchanged in storage; for an organisation serving the partnership, its
//! questions are added when the assessment is read, either at the end of the standard
//! they belong to or in a section of the partnership's own placed after the
//! framework's standards. Everything that reads the assessment (the task list, the
//! standard pages, sign-off's completeness check and standings, the snapshot) then
//! treats them as the questions they are.
//!
//! Codes: a question keeps its partnership's code (`L1`) behind the partnership's id,
//! `P7-L1`, so two partnerships' questions never share a code; the partnership's own
//! section is standard `P7`.

use super::model::{AnswerType, Criterion, Framework, Standard};

/// One local question as the partnership wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalQuestion {
    pub partnership: i64,
    pub partnership_name: String,
    /// The framework standard it joins; `None` for the partnership's own section.
    pub standard: Option<String>,
    /// The title of the partnership's own section (used when `standard` is `None`).
    pub own_section_title: Option<String>,
    pub code: String,
    pub question: String,
    pub guidance: String,
    pub answer: AnswerType,
    pub not_applicable: bool,
    pub narrative_required: bool,
}

impl LocalQuestion {
    /// The criterion code the question is answered under.
    pub fn criterion_code(&self) -> String {
        format!("P{}-{}", self.partnership, self.code)
    }

    fn criterion(&self) -> Criterion {
        Criterion {
            code: self.criterion_code(),
            question: self.question.clone(),
            guidance: format!("A local question from {}. {}", self.partnership_name, self.guidance)
                .trim_end()
                .to_owned(),
            evidence: Vec::new(),
            answer: self.answer,
            not_applicable: self.not_applicable,
            narrative_required: self.narrative_required,
            narrative_prompt: None,
            sectors: Vec::new(),
            duty: Vec::new(),
            maps_to: Vec::new(),
        }
    }
}

/// `framework` with `questions` added. A question whose standard the framework does
/// not have (a later version dropped it) goes to its partnership's own section rather
/// than being lost. A partnership's own sections keep the order they first appear in:
/// the first is standard `P7`, a second `P7.2`, and so on.
pub fn with_local_questions(framework: &Framework, questions: &[LocalQuestion]) -> Framework {
    let mut merged = framework.clone();
    // (partnership, title) of each own section, beside the section.
    let mut own: Vec<((i64, String), Standard)> = Vec::new();
    for q in questions {
        let target =
            q.standard.as_deref().and_then(|code| merged.standards.iter_mut().find(|s| s.code == code));
        if let Some(standard) = target {
            standard.criteria.push(q.criterion());
            continue;
        }
        let title = q
            .own_section_title
            .clone()
            .filter(|t| !t.trim().is_empty())
            .unwrap_or_else(|| format!("Local questions from {}", q.partnership_name));
        let key = (q.partnership, title);
        match own.iter_mut().find(|(k, _)| *k == key) {
            Some((_, section)) => section.criteria.push(q.criterion()),
            None => {
                let earlier = own.iter().filter(|((p, _), _)| *p == q.partnership).count();
                let code = match earlier {
                    0 => format!("P{}", q.partnership),
                    n => format!("P{}.{}", q.partnership, n + 1),
                };
                let section = Standard {
                    code,
                    title: key.1.clone(),
                    outcome: format!("Asked by {}.", q.partnership_name),
                    criteria: vec![q.criterion()],
                };
                own.push((key, section));
            }
        }
    }
    merged.standards.extend(own.into_iter().map(|(_, section)| section));
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::model::{Audience, StandingRule};

    fn framework() -> Framework {
        Framework {
            key: "f".into(),
            name: "F".into(),
            audience: Audience::Children,
            version: 1,
            description: String::new(),
            standing_rule: StandingRule::Default,
            standards: vec![Standard {
                code: "1".into(),
                title: "Leadership".into(),
                outcome: String::new(),
                criteria: Vec::new(),
            }],
        }
    }

    fn question(
        partnership: i64,
        standard: Option<&str>,
        section: Option<&str>,
        code: &str,
    ) -> LocalQuestion {
        LocalQuestion {
            partnership,
            partnership_name: format!("Partnership {partnership}"),
            standard: standard.map(str::to_owned),
            own_section_title: section.map(str::to_owned),
            code: code.into(),
            question: format!("Question {code}?"),
            guidance: String::new(),
            answer: AnswerType::Rating,
            not_applicable: false,
            narrative_required: false,
        }
    }

    #[test]
    fn a_question_joins_its_standard_under_a_code_of_its_partnership() {
        let merged = with_local_questions(&framework(), &[question(7, Some("1"), None, "L1")]);
        assert_eq!(merged.standards.len(), 1);
        let added = &merged.standards[0].criteria[0];
        assert_eq!(added.code, "P7-L1");
        assert!(added.guidance.starts_with("A local question from Partnership 7."));
        assert_eq!(framework().standards[0].criteria.len(), 0, "the shared framework is untouched");
    }

    #[test]
    fn own_sections_follow_the_framework_one_per_partnership_and_title() {
        let questions = [
            question(7, None, Some("Neglect"), "L1"),
            question(8, None, None, "L1"),
            question(7, None, Some("Neglect"), "L2"),
            question(7, None, Some("Exploitation"), "L3"),
        ];
        let merged = with_local_questions(&framework(), &questions);
        let sections: Vec<(&str, &str, usize)> = merged.standards[1..]
            .iter()
            .map(|s| (s.code.as_str(), s.title.as_str(), s.criteria.len()))
            .collect();
        assert_eq!(
            sections,
            [
                ("P7", "Neglect", 2),
                ("P8", "Local questions from Partnership 8", 1),
                ("P7.2", "Exploitation", 1)
            ]
        );
        // Two partnerships' L1 never share a code.
        assert_eq!(merged.find("P7-L1").map(|(s, _)| s.code.as_str()), Some("P7"));
        assert_eq!(merged.find("P8-L1").map(|(s, _)| s.code.as_str()), Some("P8"));
    }

    #[test]
    fn a_question_whose_standard_is_gone_is_kept_in_the_partnerships_section() {
        let merged = with_local_questions(&framework(), &[question(7, Some("9"), None, "L1")]);
        assert_eq!(merged.standards[1].code, "P7");
        assert_eq!(merged.standards[1].criteria[0].code, "P7-L1");
    }
}
