//! The standard page's form: turning saved answers into fields, and posted fields back
//! into answers, keeping exactly what was typed when something is wrong.

use std::collections::HashMap;

use osa_core::assessment::{self, Answer, RawAnswer};
use osa_core::framework::{AnswerType, Criterion, Rating};

use super::store::{Saved, fingerprint};

/// What one criterion's fields hold on the page.
#[derive(Debug, Clone, Default)]
pub struct Fields {
    pub value: String,
    pub narrative: String,
    pub action: String,
    pub version: i64,
    pub orig: String,
}

impl Fields {
    pub fn from_saved(saved: Option<&Saved>) -> Fields {
        let answer = saved.map(|s| s.answer.clone()).unwrap_or_default();
        Fields {
            value: value_text(&answer),
            narrative: answer.narrative.clone(),
            action: answer.improvement_action.clone(),
            version: saved.map(|s| s.version).unwrap_or(0),
            orig: fingerprint(&answer),
        }
    }

    /// Reads one criterion's fields from the posted form.
    pub fn from_form(form: &HashMap<String, String>, code: &str) -> Fields {
        let get = |prefix: &str| form.get(&format!("{prefix}:{code}")).cloned().unwrap_or_default();
        Fields {
            value: get("value"),
            narrative: get("narrative"),
            action: get("action"),
            version: get("version").parse().unwrap_or(0),
            orig: get("orig"),
        }
    }

    pub fn parse(&self, criterion: &Criterion) -> Result<Answer, Vec<(&'static str, String)>> {
        assessment::parse_answer(
            criterion,
            &RawAnswer { value: &self.value, narrative: &self.narrative, improvement_action: &self.action },
        )
    }
}

/// The main answer as the form field holds it.
pub fn value_text(a: &Answer) -> String {
    if let Some(r) = a.rating {
        return r.code().to_owned();
    }
    if let Some(yes) = a.yes_no {
        return if yes { "yes".into() } else { "no".into() };
    }
    if let Some(n) = a.number {
        return if n.fract() == 0.0 { format!("{n:.0}") } else { n.to_string() };
    }
    a.text.clone().unwrap_or_default()
}

/// The answer in words, for the conflict page and the history.
pub fn describe(criterion: &Criterion, a: &Answer) -> String {
    let main = match criterion.answer {
        AnswerType::Rating => a.rating.map(|r| r.label().to_owned()),
        AnswerType::YesNo => a.yes_no.map(|y| if y { "Yes".to_owned() } else { "No".to_owned() }),
        AnswerType::Percentage => {
            a.number.map(|n| format!("{}%", value_text(&Answer { number: Some(n), ..Answer::default() })))
        }
        AnswerType::Number => a.number.map(|n| value_text(&Answer { number: Some(n), ..Answer::default() })),
        AnswerType::Text => a.text.clone(),
    };
    main.unwrap_or_else(|| "No answer".into())
}

/// Options for the answer radios of a rating or yes/no criterion.
pub fn choices(criterion: &Criterion) -> Vec<(&'static str, &'static str)> {
    match criterion.answer {
        AnswerType::Rating => Rating::ALL
            .iter()
            .filter(|r| **r != Rating::NotApplicable || criterion.not_applicable)
            .map(|r| (r.code(), r.label()))
            .collect(),
        AnswerType::YesNo => vec![("yes", "Yes"), ("no", "No")],
        _ => Vec::new(),
    }
}

/// A code made safe for an HTML id (codes hold dots).
pub fn slug(code: &str) -> String {
    code.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect()
}
