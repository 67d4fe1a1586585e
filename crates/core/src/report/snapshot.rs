//! Reading the snapshot a return keeps: the framework version it was made against and
//! every answer as it stood at sign-off, as JSON:
//! `{"framework_id": 3, "answers": {"1.1": {"rating": "met", "narrative": "…"}}}`.
//!
//! Fields added later (such as evidence files) are ignored here; a rating code osa
//! does not know is an error, never silently read as "no answer".

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;

use crate::assessment::Answer;
use crate::framework::Rating;

/// A return's answers as they stood when it was signed off.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    pub framework_id: i64,
    pub answers: HashMap<String, Answer>,
}

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum SnapshotError {
    #[error("the return's snapshot is not readable: {0}")]
    Unreadable(String),
    #[error("the return's snapshot holds an unknown rating {rating:?} for criterion {criterion}")]
    UnknownRating { criterion: String, rating: String },
}

#[derive(Deserialize)]
struct Stored {
    framework_id: i64,
    #[serde(default)]
    answers: BTreeMap<String, StoredAnswer>,
}

#[derive(Deserialize)]
struct StoredAnswer {
    rating: Option<String>,
    yes_no: Option<bool>,
    number: Option<f64>,
    text: Option<String>,
    #[serde(default)]
    narrative: Option<String>,
    #[serde(default)]
    improvement_action: Option<String>,
}

pub fn parse_snapshot(json: &str) -> Result<Snapshot, SnapshotError> {
    let stored: Stored = serde_json::from_str(json).map_err(|e| SnapshotError::Unreadable(e.to_string()))?;
    let mut answers = HashMap::with_capacity(stored.answers.len());
    for (criterion, a) in stored.answers {
        let rating = match a.rating {
            None => None,
            Some(code) => match Rating::from_code(&code) {
                Some(r) => Some(r),
                None => return Err(SnapshotError::UnknownRating { criterion, rating: code }),
            },
        };
        let answer = Answer {
            rating,
            yes_no: a.yes_no,
            number: a.number,
            text: a.text,
            narrative: a.narrative.unwrap_or_default(),
            improvement_action: a.improvement_action.unwrap_or_default(),
        };
        answers.insert(criterion, answer);
    }
    Ok(Snapshot { framework_id: stored.framework_id, answers })
}

#[derive(Deserialize)]
struct StoredEvidence {
    #[serde(default)]
    evidence: BTreeMap<String, Vec<StoredFile>>,
}

#[derive(Deserialize)]
struct StoredFile {
    name: String,
}

/// The names of the evidence files a snapshot records, by criterion code. Snapshots
/// made before evidence was recorded have none.
pub fn parse_evidence_names(json: &str) -> Result<BTreeMap<String, Vec<String>>, SnapshotError> {
    let stored: StoredEvidence =
        serde_json::from_str(json).map_err(|e| SnapshotError::Unreadable(e.to_string()))?;
    Ok(stored
        .evidence
        .into_iter()
        .map(|(code, files)| (code, files.into_iter().map(|f| f.name).collect()))
        .collect())
}

#[cfg(test)]
mod evidence_tests {
    use super::*;

    #[test]
    fn evidence_names_are_read_by_criterion_and_absent_evidence_is_none() {
        let json = r#"{"framework_id": 1, "answers": {},
            "evidence": {"1.1": [{"name": "poster.pdf", "media_type": "application/pdf", "size": 10},
                                 {"name": "<b>list</b>.docx", "size": 3}]}}"#;
        let names = parse_evidence_names(json).unwrap();
        assert_eq!(names["1.1"], vec!["poster.pdf".to_owned(), "<b>list</b>.docx".to_owned()]);
        assert_eq!(names.len(), 1);
        assert!(parse_evidence_names(r#"{"framework_id": 1}"#).unwrap().is_empty());
        assert!(parse_evidence_names("not json").is_err());
    }
}
