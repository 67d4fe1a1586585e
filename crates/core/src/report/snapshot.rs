//! Reading the snapshot a return keeps: the framework version it was made against and
//! every answer as it stood at sign-off, as JSON:
//! `{"framework_id": 3, "answers": {"1.1": {"rating": "met", "narrative": "…"}}}`.
//!
//! Fields added later (such as evidence files) are ignored here; a rating code osa
//! does not know is an error, never silently read as "no answer".
//!
//! Since local questions belong to cycles, a snapshot also keeps the local questions
//! the organisation was asked, word for word (`"local_questions": [...]`), so the
//! return shows what it asked even after a partnership rewords or removes a question
//! or the cycle closes. Snapshots made before then have none recorded (`None`).

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;

use crate::assessment::Answer;
use crate::framework::{AnswerType, LocalQuestion, Rating};

/// A return's answers as they stood when it was signed off.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    pub framework_id: i64,
    pub answers: HashMap<String, Answer>,
    /// The local questions asked, as they stood at sign-off; `None` in a snapshot
    /// made before they were recorded.
    pub local_questions: Option<Vec<LocalQuestion>>,
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
    #[serde(default)]
    local_questions: Option<Vec<StoredLocal>>,
}

/// A local question as the snapshot keeps it.
#[derive(Deserialize, serde::Serialize)]
struct StoredLocal {
    partnership: i64,
    partnership_name: String,
    standard: Option<String>,
    own_section_title: Option<String>,
    code: String,
    question: String,
    guidance: String,
    answer: String,
    not_applicable: bool,
    narrative_required: bool,
}

/// The local questions asked, as a snapshot keeps them (read back by [`parse_snapshot`]).
pub fn local_questions_value(questions: &[LocalQuestion]) -> serde_json::Value {
    let stored: Vec<StoredLocal> = questions
        .iter()
        .map(|q| StoredLocal {
            partnership: q.partnership,
            partnership_name: q.partnership_name.clone(),
            standard: q.standard.clone(),
            own_section_title: q.own_section_title.clone(),
            code: q.code.clone(),
            question: q.question.clone(),
            guidance: q.guidance.clone(),
            answer: q.answer.code().to_owned(),
            not_applicable: q.not_applicable,
            narrative_required: q.narrative_required,
        })
        .collect();
    serde_json::to_value(stored).unwrap_or_default()
}

fn local_question(q: StoredLocal) -> Result<LocalQuestion, SnapshotError> {
    let answer = AnswerType::from_code(&q.answer)
        .ok_or_else(|| SnapshotError::Unreadable(format!("unknown answer type {:?}", q.answer)))?;
    Ok(LocalQuestion {
        partnership: q.partnership,
        partnership_name: q.partnership_name,
        standard: q.standard,
        own_section_title: q.own_section_title,
        code: q.code,
        question: q.question,
        guidance: q.guidance,
        answer,
        not_applicable: q.not_applicable,
        narrative_required: q.narrative_required,
    })
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
    let local_questions =
        stored.local_questions.map(|qs| qs.into_iter().map(local_question).collect()).transpose()?;
    Ok(Snapshot { framework_id: stored.framework_id, answers, local_questions })
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
    fn local_questions_are_kept_word_for_word_and_older_snapshots_have_none() {
        let question = LocalQuestion {
            partnership: 7,
            partnership_name: "Kestrel <Vale>".into(),
            standard: None,
            own_section_title: Some("Our priorities".into()),
            code: "L3".into(),
            question: "How do you hear from \"young carers\"?".into(),
            guidance: String::new(),
            answer: AnswerType::Text,
            not_applicable: true,
            narrative_required: false,
        };
        let json = serde_json::json!({
            "framework_id": 2, "answers": {}, "local_questions": local_questions_value(std::slice::from_ref(&question))
        })
        .to_string();
        assert_eq!(parse_snapshot(&json).unwrap().local_questions, Some(vec![question]));
        let none_asked = serde_json::json!({"framework_id": 2, "local_questions": []}).to_string();
        assert_eq!(parse_snapshot(&none_asked).unwrap().local_questions, Some(Vec::new()));
        assert_eq!(parse_snapshot(r#"{"framework_id": 2}"#).unwrap().local_questions, None);
        let unknown = r#"{"framework_id": 2, "local_questions": [{"partnership": 1, "partnership_name": "P",
            "standard": null, "own_section_title": null, "code": "L1", "question": "Q", "guidance": "",
            "answer": "essay", "not_applicable": false, "narrative_required": false}]}"#;
        assert!(matches!(parse_snapshot(unknown), Err(SnapshotError::Unreadable(_))));
    }

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
