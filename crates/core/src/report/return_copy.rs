//! An organisation's own copy of a return: what was signed off, by whom, where it was
//! sent, and every answer in words, standard by standard.
//!
//! Guarantees: the answers come only from the snapshot taken at sign-off, never from
//! the living assessment; only criteria that apply to the organisation's sector and
//! duty are listed (as on the check page); every standard's standing is given in
//! words, never as a colour alone; an answer, narrative or action that was not given
//! says so rather than leaving a blank.

use std::collections::HashMap;

use super::document::{Block, Document, Table};
use crate::assessment::{Answer, TaskStatus, standard_progress};
use crate::framework::{AnswerType, Criterion, Framework, Standing, StandingRule};
use crate::tenancy::{DutyStatus, Sector};

/// What the senior sign-off confirms on the check page, word for word.
pub const DECLARATION: &str =
    "I have read this self-assessment and confirm it is an accurate account of our safeguarding arrangements";

/// Facts about the return that are not in the snapshot, with dates already worded.
#[derive(Debug, Clone, PartialEq)]
pub struct ReturnFacts {
    pub organisation: String,
    pub framework_version: i64,
    pub signed_off_by: String,
    pub signed_off_at: String,
    /// `None` while the signed-off return awaits submission.
    pub submission: Option<Submission>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Submission {
    pub by: String,
    pub at: String,
    pub partnerships: Vec<String>,
}

/// The copy, ready to be laid out.
#[derive(Debug, Clone, PartialEq)]
pub struct ReturnCopy {
    pub title: String,
    pub organisation: String,
    pub framework_name: String,
    pub framework_version: i64,
    pub signed_off_by: String,
    pub signed_off_at: String,
    pub declaration: &'static str,
    pub submission: Option<Submission>,
    pub standards: Vec<StandardCopy>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StandardCopy {
    pub code: String,
    pub title: String,
    pub outcome: String,
    /// A short word or two for the summary table ("Green", "Not complete").
    pub standing: String,
    /// The standing with what it means.
    pub standing_in_words: String,
    pub criteria: Vec<CriterionCopy>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CriterionCopy {
    pub code: String,
    pub question: String,
    pub answer: String,
    pub narrative: String,
    pub improvement_action: String,
}

const NOT_GIVEN: &str = "None given";

/// Builds the copy from the framework version the return was made against and the
/// answers in its snapshot.
pub fn build(
    facts: ReturnFacts,
    framework: &Framework,
    answers: &HashMap<String, Answer>,
    sector: Sector,
    duty: DutyStatus,
) -> ReturnCopy {
    ReturnCopy {
        title: format!("{}: {} return", facts.organisation, framework.name),
        organisation: facts.organisation,
        framework_name: framework.name.clone(),
        framework_version: facts.framework_version,
        signed_off_by: facts.signed_off_by,
        signed_off_at: facts.signed_off_at,
        declaration: DECLARATION,
        submission: facts.submission,
        standards: standards(framework, answers, sector, duty),
    }
}

/// Every standard with its standing in words and each criterion asked of the
/// organisation (its question, answer in words, narrative and action), in framework
/// order. The copy is made of these; the check page shows the same before sign-off.
pub fn standards(
    framework: &Framework,
    answers: &HashMap<String, Answer>,
    sector: Sector,
    duty: DutyStatus,
) -> Vec<StandardCopy> {
    framework
        .standards
        .iter()
        .map(|s| {
            let progress = standard_progress(framework.standing_rule, s, answers, sector, duty);
            let (standing, standing_in_words) = if progress.applicable == 0 {
                (
                    "None".to_owned(),
                    "No standing: none of this standard's criteria apply to the organisation".to_owned(),
                )
            } else if progress.status != TaskStatus::Completed {
                (
                    "Not complete".to_owned(),
                    format!(
                        "Not complete: {} of {} criteria were answered in full",
                        progress.complete, progress.applicable
                    ),
                )
            } else {
                match progress.standing {
                    Some(st) => (st.label().to_owned(), standing_meaning(framework.standing_rule, st)),
                    None => (
                        "None".to_owned(),
                        "No standing: none of the criteria that apply is rated".to_owned(),
                    ),
                }
            };
            let empty = Answer::default();
            let criteria = s
                .criteria
                .iter()
                .filter(|c| c.applies_to(sector, duty))
                .map(|c| {
                    let a = answers.get(&c.code).unwrap_or(&empty);
                    CriterionCopy {
                        code: c.code.clone(),
                        question: c.question.clone(),
                        answer: answer_in_words(c, a),
                        narrative: given(&a.narrative),
                        improvement_action: given(&a.improvement_action),
                    }
                })
                .collect();
            StandardCopy {
                code: s.code.clone(),
                title: s.title.clone(),
                outcome: s.outcome.clone(),
                standing,
                standing_in_words,
                criteria,
            }
        })
        .collect()
}

/// What a standing means under the framework's rule.
fn standing_meaning(rule: StandingRule, standing: Standing) -> String {
    let meaning = match (rule, standing) {
        (StandingRule::Default, Standing::Green) => "every rated criterion is met or not applicable",
        (StandingRule::Default, Standing::Amber) => {
            "at least one criterion is partially met and none is not met"
        }
        (StandingRule::Default, Standing::Red) => "at least one criterion is not met",
    };
    format!("{}: {meaning}", standing.label())
}

fn given(text: &str) -> String {
    if text.trim().is_empty() { NOT_GIVEN.to_owned() } else { text.trim().to_owned() }
}

/// The main answer in words: "Partially met", "Yes", "85%", "12", or the text given.
pub fn answer_in_words(criterion: &Criterion, a: &Answer) -> String {
    let number = |n: f64| if n.fract() == 0.0 { format!("{n:.0}") } else { n.to_string() };
    let main = match criterion.answer {
        AnswerType::Rating => a.rating.map(|r| r.label().to_owned()),
        AnswerType::YesNo => a.yes_no.map(|y| if y { "Yes" } else { "No" }.to_owned()),
        AnswerType::Percentage => a.number.map(|n| format!("{}%", number(n))),
        AnswerType::Number => a.number.map(number),
        AnswerType::Text => a.text.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned),
    };
    main.unwrap_or_else(|| "No answer".to_owned())
}

impl ReturnCopy {
    /// Lays the copy out: who and when first, a table of standings, then each
    /// standard with a table of its answers and each criterion's evidence and action.
    pub fn document(&self) -> Document {
        let mut blocks = vec![
            Block::heading(1, &self.title),
            Block::labelled("Organisation", &self.organisation),
            Block::labelled(
                "Framework",
                format!("{}, version {}", self.framework_name, self.framework_version),
            ),
        ];
        let status = if self.submission.is_some() { "Submitted" } else { "Signed off, not yet submitted" };
        blocks.push(Block::labelled("Status", status));
        blocks
            .push(Block::labelled("Signed off", format!("{} by {}", self.signed_off_at, self.signed_off_by)));
        blocks.push(Block::labelled("Declaration confirmed at sign-off", self.declaration));
        if let Some(s) = &self.submission {
            blocks.push(Block::labelled("Submitted", format!("{} by {}", s.at, s.by)));
            let to = if s.partnerships.is_empty() {
                "No partnership".to_owned()
            } else {
                s.partnerships.join(", ")
            };
            blocks.push(Block::labelled("Submitted to", to));
        }
        blocks.push(Block::heading(2, "Standings"));
        blocks.push(Block::Table(Table {
            header: vec!["Standard".into(), "Standing".into()],
            rows: self
                .standards
                .iter()
                .map(|s| vec![format!("{}. {}", s.code, s.title), s.standing.clone()])
                .collect(),
        }));
        for s in &self.standards {
            blocks.push(Block::heading(2, format!("{}. {}", s.code, s.title)));
            if !s.outcome.trim().is_empty() {
                blocks.push(Block::labelled("Outcome", s.outcome.trim()));
            }
            blocks.push(Block::labelled("Standing", &s.standing_in_words));
            if s.criteria.is_empty() {
                continue;
            }
            blocks.push(Block::Table(Table {
                header: vec!["Criterion".into(), "Answer".into()],
                rows: s
                    .criteria
                    .iter()
                    .map(|c| vec![format!("{} {}", c.code, c.question), c.answer.clone()])
                    .collect(),
            }));
            for c in &s.criteria {
                blocks.push(Block::heading(3, format!("{} {}", c.code, c.question)));
                blocks.push(Block::labelled("Narrative evidence", &c.narrative));
                blocks.push(Block::labelled("Improvement action", &c.improvement_action));
            }
        }
        blocks.push(Block::paragraph(
            "This copy shows the return exactly as it was signed off. Changes made to the self-assessment since then are not in it.",
        ));
        Document { title: self.title.clone(), language: "en-GB".into(), blocks }
    }
}

/// A file name (without extension) that says whose return it is, against which
/// framework, and on which day: `organisation-one-test-framework-2026-11-23`.
/// Only lower-case ASCII letters, digits and hyphens, so it is safe in any header.
pub fn file_stem(organisation: &str, framework: &str, day: time::Date) -> String {
    let slug = |text: &str, fallback: &str| {
        let mut out = String::new();
        for c in text.chars().flat_map(char::to_lowercase) {
            if c.is_ascii_alphanumeric() {
                out.push(c);
            } else if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        }
        let mut out: String = out.chars().take(60).collect();
        while out.ends_with('-') {
            out.pop();
        }
        if out.is_empty() { fallback.to_owned() } else { out }
    };
    format!(
        "{}-{}-{:04}-{:02}-{:02}",
        slug(organisation, "organisation"),
        slug(framework, "framework"),
        day.year(),
        u8::from(day.month()),
        day.day()
    )
}
