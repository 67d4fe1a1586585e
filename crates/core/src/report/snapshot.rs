//! The one codec of answers and of the snapshot a return keeps: the framework version
//! it was made against and every answer as it stood at sign-off, as JSON:
//! `{"framework_id": 3, "answers": {"1.1": {"rating": "met", "narrative": "…"}}}`.
//! An answer on its own (in a history row) has the same shape as one in a snapshot.
//! [`answer_value`] and [`write_snapshot`] are the only writers; [`answer_from_str`],
//! [`parse_snapshot`] and [`parse_evidence_names`] the only readers, and they share
//! one serde type, so what is written is what is read.
//!
//! Fields added later (such as evidence files) are ignored by readers that do not need
//! them; a rating code osa does not know is an error, never silently read as "no
//! answer", and an unreadable document is an error, never an empty set of answers.
//!
//! Since local questions belong to cycles, a snapshot also keeps the local questions
//! the organisation was asked, word for word (`"local_questions": [...]`), so the
//! return shows what it asked even after a partnership rewords or removes a question
//! or the cycle closes. Snapshots made before then have none recorded (`None`).

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

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
#[derive(Deserialize, Serialize)]
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

/// One answer as it is kept. Its JSON form is pinned by a test: the fingerprint put in
/// every answer page is a hash of it, so changing it would make open pages look stale.
#[derive(Deserialize, Serialize)]
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

impl StoredAnswer {
    fn of(a: &Answer) -> Self {
        StoredAnswer {
            rating: a.rating.map(|r| r.code().to_owned()),
            yes_no: a.yes_no,
            number: a.number,
            text: a.text.clone(),
            narrative: Some(a.narrative.clone()),
            improvement_action: Some(a.improvement_action.clone()),
        }
    }

    fn into_answer(self, criterion: &str) -> Result<Answer, SnapshotError> {
        let rating = match self.rating {
            None => None,
            Some(code) => match Rating::from_code(&code) {
                Some(r) => Some(r),
                None => {
                    return Err(SnapshotError::UnknownRating {
                        criterion: criterion.to_owned(),
                        rating: code,
                    });
                }
            },
        };
        Ok(Answer {
            rating,
            yes_no: self.yes_no,
            number: self.number,
            text: self.text,
            narrative: self.narrative.unwrap_or_default(),
            improvement_action: self.improvement_action.unwrap_or_default(),
        })
    }
}

/// An answer as history rows and snapshots keep it (keys in alphabetical order).
pub fn answer_value(a: &Answer) -> serde_json::Value {
    // Serialising a plain struct of strings, numbers and booleans cannot fail.
    serde_json::to_value(StoredAnswer::of(a)).unwrap_or_default()
}

/// Reads one answer kept on its own, as in a history row; `criterion` names it in errors.
pub fn answer_from_str(criterion: &str, json: &str) -> Result<Answer, SnapshotError> {
    let stored: StoredAnswer =
        serde_json::from_str(json).map_err(|e| SnapshotError::Unreadable(e.to_string()))?;
    stored.into_answer(criterion)
}

/// The snapshot a sign-off keeps. `evidence` is the files attached by criterion code
/// (`{"1.1": [{"name": …, …}]}`), written as given.
pub fn write_snapshot(
    framework_id: i64,
    answers: &HashMap<String, Answer>,
    evidence: &serde_json::Value,
    local_questions: &[LocalQuestion],
) -> String {
    let answers: BTreeMap<&str, serde_json::Value> =
        answers.iter().map(|(code, a)| (code.as_str(), answer_value(a))).collect();
    serde_json::json!({
        "framework_id": framework_id,
        "answers": answers,
        "evidence": evidence,
        "local_questions": local_questions_value(local_questions),
    })
    .to_string()
}

pub fn parse_snapshot(json: &str) -> Result<Snapshot, SnapshotError> {
    let stored: Stored = serde_json::from_str(json).map_err(|e| SnapshotError::Unreadable(e.to_string()))?;
    let mut answers = HashMap::with_capacity(stored.answers.len());
    for (criterion, a) in stored.answers {
        let answer = a.into_answer(&criterion)?;
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

#[cfg(test)]
mod codec_tests {
    use super::*;

    fn met(narrative: &str) -> Answer {
        Answer { rating: Some(Rating::Met), narrative: narrative.into(), ..Answer::default() }
    }

    #[test]
    fn an_answer_is_written_in_one_pinned_form() {
        let a = Answer { number: Some(42.5), ..met("We audit \"files\" monthly.") };
        assert_eq!(
            answer_value(&a).to_string(),
            r#"{"improvement_action":"","narrative":"We audit \"files\" monthly.","number":42.5,"rating":"met","text":null,"yes_no":null}"#
        );
    }

    #[test]
    fn what_is_written_is_what_is_read() {
        let mut answers = HashMap::new();
        answers.insert("1.1".to_owned(), met("Training for all staff."));
        answers.insert(
            "2.3".to_owned(),
            Answer {
                yes_no: Some(false),
                improvement_action: "Appoint a deputy".into(),
                ..Answer::default()
            },
        );
        answers.insert("4.1".to_owned(), Answer { text: Some("Ms Okafor".into()), ..Answer::default() });
        let evidence = serde_json::json!({"1.1": [{"name": "plan.pdf", "size": 3}]});
        let json = write_snapshot(9, &answers, &evidence, &[]);
        let read = parse_snapshot(&json).unwrap();
        assert_eq!(read.framework_id, 9);
        assert_eq!(read.answers, answers);
        assert_eq!(read.local_questions, Some(Vec::new()));
        assert_eq!(parse_evidence_names(&json).unwrap()["1.1"], vec!["plan.pdf".to_owned()]);
        for (code, a) in &answers {
            assert_eq!(&answer_from_str(code, &answer_value(a).to_string()).unwrap(), a);
        }
    }

    #[test]
    fn a_damaged_answer_is_an_error_not_an_empty_answer() {
        assert!(matches!(answer_from_str("1.1", "{\"rating\": "), Err(SnapshotError::Unreadable(_))));
        assert!(matches!(answer_from_str("1.1", "[]"), Err(SnapshotError::Unreadable(_))));
        assert_eq!(
            answer_from_str("1.1", r#"{"rating": "superb"}"#),
            Err(SnapshotError::UnknownRating { criterion: "1.1".into(), rating: "superb".into() })
        );
    }

    #[test]
    fn an_answer_kept_before_narratives_were_recorded_reads_with_empty_text() {
        let a = answer_from_str("1.1", r#"{"rating": "partially_met", "yes_no": null}"#).unwrap();
        assert_eq!(a, Answer { rating: Some(Rating::PartiallyMet), ..Answer::default() });
    }
}
