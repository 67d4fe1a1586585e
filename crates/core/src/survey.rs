//! Practitioner surveys: a partnership asks the practitioners of each organisation a
//! few short yes / no / not sure questions, each linked to a criterion of the cycle's
//! framework, and sets their answers beside the organisation's own rating
//! ([`crate::analytics::survey_comparison`]).
//!
//! The rules here: what a survey must hold ([`check_draft`]), when it takes answers
//! ([`is_open`]), which criteria a question may be linked to ([`is_linkable`]), how
//! answers become a tally ([`tally`]), how a return's answer becomes a self-rating
//! ([`self_rating`]), and a sensible first set of questions for a framework
//! ([`default_questions`]), worded for practitioners rather than for the board.

use time::Date;

use crate::analytics::SurveyTally;
use crate::assessment::Answer;
use crate::framework::{Criterion, Framework, Rating};
use crate::tenancy::coded_enum;
use serde::{Deserialize, Serialize};

coded_enum! {
    /// A practitioner's answer to one question.
    SurveyAnswer {
        Yes => ("yes", "Yes"),
        No => ("no", "No"),
        NotSure => ("not_sure", "Not sure"),
    }
}

impl SurveyAnswer {
    /// Only "yes" is positive: a practitioner who is not sure how to raise a concern
    /// is a finding, not half of one.
    pub fn is_positive(self) -> bool {
        self == SurveyAnswer::Yes
    }
}

pub const MIN_QUESTIONS: usize = 3;
pub const MAX_QUESTIONS: usize = 12;
pub const MAX_TITLE_CHARS: usize = 200;
/// Questions are meant to be short: one line a practitioner reads on a phone.
pub const MAX_WORDING_CHARS: usize = 250;

/// Whether a survey takes answers today: not closed by hand, and not past its
/// closing date (it stays open through that whole day).
pub fn is_open(closed: bool, closes_on: Option<Date>, today: Date) -> bool {
    !closed && closes_on.is_none_or(|last| today <= last)
}

/// Whether a question may be linked to this criterion: only criteria answered with a
/// rating or yes / no give a self-rating to compare with.
pub fn is_linkable(criterion: &Criterion) -> bool {
    criterion.answer.is_counted()
}

/// An organisation's self-rating of a criterion from its return's answer: the rating,
/// or yes as met and no as not met.
pub fn self_rating(answer: &Answer) -> Option<Rating> {
    answer.rating.or(answer.yes_no.map(|yes| if yes { Rating::Met } else { Rating::NotMet }))
}

/// How many practitioners of one organisation gave each answer to one question.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AnswerCounts {
    pub yes: usize,
    pub no: usize,
    pub not_sure: usize,
}

impl AnswerCounts {
    pub fn add(&mut self, answer: SurveyAnswer, count: usize) {
        match answer {
            SurveyAnswer::Yes => self.yes += count,
            SurveyAnswer::No => self.no += count,
            SurveyAnswer::NotSure => self.not_sure += count,
        }
    }

    pub fn responses(&self) -> usize {
        self.yes + self.no + self.not_sure
    }
}

/// The tally the comparison reads: every answer is a response, only "yes" is positive.
pub fn tally(organisation: i64, criterion: &str, counts: AnswerCounts) -> SurveyTally {
    SurveyTally {
        organisation,
        criterion: criterion.to_owned(),
        responses: counts.responses(),
        positive: counts.yes,
    }
}

/// One question as typed on the form; a row with both parts blank is not a question.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QuestionDraft {
    pub criterion: String,
    pub wording: String,
}

impl QuestionDraft {
    pub fn is_blank(&self) -> bool {
        self.criterion.trim().is_empty() && self.wording.trim().is_empty()
    }
}

/// Which part of the form a problem belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftField {
    Title,
    ClosesOn,
    /// The number of questions as a whole (shown on the first question).
    Questions,
    /// The criterion of the question in this row (from 0).
    Criterion(usize),
    /// The wording of the question in this row (from 0).
    Wording(usize),
}

/// What is wrong with a survey as typed, in the order of the form; empty when it may
/// be opened. `linkable` says whether a criterion code may be chosen.
pub fn check_draft(
    title: &str,
    closes_on: Option<Date>,
    today: Date,
    rows: &[QuestionDraft],
    linkable: impl Fn(&str) -> bool,
) -> Vec<(DraftField, String)> {
    let mut problems = Vec::new();
    let title = title.trim();
    if title.is_empty() {
        problems.push((DraftField::Title, "Enter a title for the survey".to_owned()));
    } else if title.chars().count() > MAX_TITLE_CHARS {
        problems
            .push((DraftField::Title, format!("The title must be {MAX_TITLE_CHARS} characters or fewer")));
    }
    if closes_on.is_some_and(|d| d < today) {
        problems.push((DraftField::ClosesOn, "The closing date must be today or in the future".to_owned()));
    }
    let asked = rows.iter().filter(|r| !r.is_blank()).count();
    if asked < MIN_QUESTIONS {
        problems.push((
            DraftField::Questions,
            format!("Enter at least {MIN_QUESTIONS} questions, each linked to a criterion"),
        ));
    } else if asked > MAX_QUESTIONS {
        problems.push((DraftField::Questions, format!("Ask {MAX_QUESTIONS} questions or fewer")));
    }
    for (i, row) in rows.iter().enumerate().filter(|(_, r)| !r.is_blank()) {
        let n = i + 1;
        let criterion = row.criterion.trim();
        if criterion.is_empty() {
            problems
                .push((DraftField::Criterion(i), format!("Select the criterion question {n} is linked to")));
        } else if !linkable(criterion) {
            problems.push((
                DraftField::Criterion(i),
                format!("Select a criterion from the list for question {n}"),
            ));
        }
        let wording = row.wording.trim();
        if wording.is_empty() {
            problems.push((DraftField::Wording(i), format!("Enter the wording of question {n}")));
        } else if wording.chars().count() > MAX_WORDING_CHARS {
            problems.push((
                DraftField::Wording(i),
                format!("Question {n} must be {MAX_WORDING_CHARS} characters or fewer"),
            ));
        }
    }
    problems
}

/// Practitioner wordings written for the shipped frameworks: (framework key,
/// criterion code, question).
const WORDINGS: &[(&str, &str, &str)] = &[
    ("s11-children", "1.1", "Do you know which senior leader is responsible for safeguarding children here?"),
    ("s11-children", "1.2", "Do you know who the designated safeguarding lead is and how to reach them?"),
    (
        "s11-children",
        "2.3",
        "Do you know how to raise a concern about a child, including at night or when the lead is away?",
    ),
    ("s11-children", "2.4", "Would you feel safe raising a concern about a colleague's practice?"),
    ("s11-children", "4.1", "Did you have safeguarding training before or soon after you started?"),
    ("s11-children", "4.7", "Do you get regular safeguarding supervision that helps you think about cases?"),
    ("s11-children", "6.1", "Do you know when you can share information to keep a child safe?"),
    ("s11-children", "6.5", "Do you know how to escalate if another agency's response worries you?"),
    ("s11-adults", "1.2", "Do you know who the adult safeguarding lead is and how to reach them?"),
    (
        "s11-adults",
        "2.4",
        "Do you know how to raise a safeguarding concern about an adult, including out of hours?",
    ),
    ("s11-adults", "2.5", "Would you feel safe raising a concern about a colleague's practice?"),
    ("s11-adults", "6.1", "Did you have adult safeguarding training before or soon after you started?"),
    ("s11-adults", "6.5", "Do you get regular supervision that covers safeguarding?"),
    (
        "s11-adults",
        "7.1",
        "Do you know when you can share information to protect an adult, with or without consent?",
    ),
    ("s11-adults", "7.4", "Do you know how to escalate if another agency's response worries you?"),
    ("s11-joint", "1.2", "Do you know who the safeguarding leads for children and for adults are?"),
    ("s11-joint", "2.2", "Do you know how to report a concern about a child or an adult at any time of day?"),
    ("s11-joint", "2.4", "Would you feel safe raising a concern about a colleague's practice?"),
    ("s11-joint", "4.1", "Did you have safeguarding training before or soon after you started?"),
    ("s11-joint", "4.5", "Do you get regular supervision that covers safeguarding?"),
    ("s11-joint", "8.1", "Do you know when you can share information to protect a child or an adult?"),
    ("s11-joint", "8.5", "Do you know how to escalate if another agency's response worries you?"),
    ("s11-short", "1.2", "Do you know who our safeguarding lead is and how to reach them?"),
    ("s11-short", "4.1", "Were you told how we keep children safe when you started?"),
    ("s11-short", "4.4", "Could you talk to someone after dealing with something worrying?"),
    ("s11-short", "6.1", "Would you know what to do if a child told you something worrying?"),
    ("s11-short", "6.4", "Would you know where to go if you were worried about how a leader behaves?"),
];

/// How many questions the default set offers when the framework has no written set.
const FALLBACK_QUESTIONS: usize = 6;

/// A first set of questions for a survey on this framework: the wordings written for
/// it where there are any (only for criteria it still has, and may be linked to),
/// otherwise the first linkable criterion of each standard put as a question.
/// At most [`MAX_QUESTIONS`]; fewer than [`MIN_QUESTIONS`] only when the framework
/// has too few linkable criteria.
pub fn default_questions(framework: &Framework) -> Vec<QuestionDraft> {
    let written: Vec<QuestionDraft> = WORDINGS
        .iter()
        .filter(|(key, _, _)| *key == framework.key)
        .filter(|(_, code, _)| framework.find(code).is_some_and(|(_, c)| is_linkable(c)))
        .map(|(_, code, wording)| QuestionDraft {
            criterion: (*code).to_owned(),
            wording: (*wording).to_owned(),
        })
        .take(MAX_QUESTIONS)
        .collect();
    if written.len() >= MIN_QUESTIONS {
        return written;
    }
    let mut picked: Vec<&Criterion> =
        framework.standards.iter().filter_map(|s| s.criteria.iter().find(|c| is_linkable(c))).collect();
    // A framework of few standards: fill up from the remaining criteria in file order.
    for (_, c) in framework.criteria().filter(|(_, c)| is_linkable(c)) {
        if picked.len() >= FALLBACK_QUESTIONS.max(MIN_QUESTIONS) {
            break;
        }
        if !picked.iter().any(|p| p.code == c.code) {
            picked.push(c);
        }
    }
    picked.truncate(FALLBACK_QUESTIONS);
    picked.into_iter().map(|c| QuestionDraft { criterion: c.code.clone(), wording: as_question(c) }).collect()
}

/// A criterion put to a practitioner: its own words when it is already a question,
/// otherwise asked whether it is true where they work.
fn as_question(c: &Criterion) -> String {
    let text = c.question.trim();
    let question = if text.ends_with('?') {
        text.to_owned()
    } else {
        format!("Is this true where you work: {}?", text.trim_end_matches('.'))
    };
    truncate_words(&question, MAX_WORDING_CHARS)
}

/// Cuts a long text at a word boundary, ending with an ellipsis, within `max` characters.
fn truncate_words(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut out = String::new();
    for word in text.split_whitespace() {
        if out.chars().count() + word.chars().count() + 2 > max {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.push('…');
    out
}

#[cfg(test)]
#[path = "survey_tests.rs"]
mod tests;
