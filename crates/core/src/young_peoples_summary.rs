//! The child-friendly summary of an audit cycle: a short page in plain words for the
//! children and young people of the area, which a partnership writes in osa and
//! publishes at a public address. Its sections: who we are, what we asked
//! organisations, what they told us, the questions children and young people asked
//! with what organisations said, what will change, and where to get help.
//!
//! osa writes the first draft ([`draft`]) in short sentences, for a reading age of
//! about 9 to 11, and the partnership's admin rewrites it. The guarantees:
//! - No organisation's rating can reach the summary. The draft is built only from
//!   [`DraftInputs`], which holds counts (how many organisations were asked and how
//!   many answered: [`TakingPart`], read from the response rate without its names),
//!   the words of the chosen questions and actions, and nothing of a standing, a
//!   rating, an outcome or an organisation's name. Words an admin types are refused
//!   when they give a rating ([`rating_words`]).
//! - [`validate`] decides what may be saved: every section has its words, within its
//!   length, and no more than [`MAX_PARTS`] questions or changes.
//! - [`long_sentences`] points out sentences children may find too long (advice
//!   only: the admin decides).
//!
//! Everything here is pure: no I/O, no clock.

use serde::{Deserialize, Serialize};
use time::Date;

use crate::analytics::ResponseRate;

pub const MAX_TITLE: usize = 120;
pub const MAX_SECTION: usize = 1500;
pub const MAX_PART: usize = 1000;
pub const MAX_WHAT: usize = 200;
/// The most questions, and the most changes, one summary holds: a page for children
/// stays short.
pub const MAX_PARTS: usize = 10;
/// A sentence longer than this many words is pointed out as hard to read.
pub const LONG_SENTENCE_WORDS: usize = 20;

/// The summary as written and, once published, as frozen for the public page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Summary {
    pub title: String,
    /// Who we are and why we did this.
    pub intro: String,
    /// What we asked organisations.
    pub asked: String,
    /// What they told us.
    pub told: String,
    /// The questions children and young people asked, and what organisations said.
    pub questions: Vec<QuestionPart>,
    /// What will change.
    pub changes: Vec<ChangePart>,
    /// Where to get help (optional).
    pub closing: String,
}

/// One question from children and young people with what organisations said, in the
/// admin's words. `question_id` is the partnership's question it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionPart {
    pub question_id: i64,
    pub question: String,
    pub answer: String,
}

/// One thing that will change, from one of the cycle's partnership actions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangePart {
    pub action_id: i64,
    pub what: String,
    pub words: String,
}

/// How many organisations took part: counts only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TakingPart {
    pub invited: usize,
    pub submitted: usize,
}

impl TakingPart {
    /// The counts of a response rate, leaving its lists of named organisations behind.
    pub fn of(rate: &ResponseRate) -> TakingPart {
        TakingPart { invited: rate.invited, submitted: rate.submitted }
    }
}

/// A question from children and young people offered to the summary, with how many
/// organisations have answered it in the cycle (their words stay on the admin's page).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionInput {
    pub id: i64,
    pub question: String,
    pub answers: usize,
}

/// A partnership action offered to the summary: what it is and by when. Its lead
/// person is left out: the public page names no member of staff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionInput {
    pub id: i64,
    pub title: String,
    pub target: Date,
    pub completed: bool,
}

/// Everything the first draft is written from.
#[derive(Debug, Clone)]
pub struct DraftInputs<'a> {
    pub partnership: &'a str,
    /// The year the cycle's returns were due.
    pub year: i32,
    pub taking_part: TakingPart,
    /// How many standards the framework asks about.
    pub topics: usize,
    pub questions: &'a [QuestionInput],
    pub actions: &'a [ActionInput],
}

fn organisations(n: usize) -> String {
    match n {
        1 => "one organisation".to_owned(),
        n => format!("{n} organisations"),
    }
}

/// "the Kestrel Vale Partnership": a partnership's name as a sentence names it.
fn with_the(name: &str) -> String {
    let name = name.trim();
    if name.to_lowercase().starts_with("the ") { name.to_owned() } else { format!("the {name}") }
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// What the answers to a question come to, before the admin writes it in words.
pub fn default_answer(answers: usize) -> String {
    match answers {
        0 => "No organisation has answered this question yet. We will ask again.".to_owned(),
        n => format!("{} answered this question. Here is what they told us.", capitalised(&organisations(n))),
    }
}

/// What a change comes to in the draft: done, or when it will be.
pub fn default_change(action: &ActionInput) -> String {
    if action.completed {
        "We have done this.".to_owned()
    } else {
        format!("We plan to do this by {} {}.", action.target.month(), action.target.year())
    }
}

/// osa's first draft, in short sentences, from the cycle's counts and the chosen
/// questions and actions (no more than [`MAX_PARTS`] of each are kept).
pub fn draft(input: &DraftInputs<'_>) -> Summary {
    let TakingPart { invited, submitted } = input.taking_part;
    let told = if invited == 0 {
        "We have not asked any organisations yet.".to_owned()
    } else if submitted == 0 {
        "We are still waiting for their answers.".to_owned()
    } else if submitted == invited {
        format!(
            "All {} sent us their answers. We read every answer carefully. \
             We looked for what is going well and what needs to get better.",
            organisations(invited)
        )
    } else {
        format!(
            "{submitted} out of the {} we asked sent us their answers. We read every answer carefully. \
             We looked for what is going well and what needs to get better.",
            organisations(invited)
        )
    };
    Summary {
        title: format!("Keeping children safe: what we found out in {}", input.year),
        intro: format!(
            "We are {}. We are people from different places who work together. \
             Our job is to help keep children and young people safe where you live. \
             This page tells you what we found out and what we will do next.",
            with_the(input.partnership)
        ),
        asked: format!(
            "We asked {} how they keep children safe. \
             These are places like schools, hospitals, the police and sports clubs. \
             We asked them about {} different things. \
             For example, we asked who makes sure children are safe, how staff are trained and how they listen to children.",
            organisations(invited),
            input.topics
        ),
        told,
        questions: input
            .questions
            .iter()
            .take(MAX_PARTS)
            .map(|q| QuestionPart {
                question_id: q.id,
                question: q.question.clone(),
                answer: default_answer(q.answers),
            })
            .collect(),
        changes: input
            .actions
            .iter()
            .take(MAX_PARTS)
            .map(|a| ChangePart { action_id: a.id, what: a.title.clone(), words: default_change(a) })
            .collect(),
        closing: "If you are worried about yourself or another child, tell an adult you trust. \
                  You can also call Childline on 0800 1111. It is free, and they are there day and night."
            .to_owned(),
    }
}

/// Words that would give an organisation's rating. A summary for children reports
/// no ratings (a child reads "the hospital was rated red" as "the hospital is
/// unsafe"), so text with any of these is refused. Matched as whole words, ignoring
/// case.
const RATING_PHRASES: &[&str] = &[
    "fully met",
    "partially met",
    "not met",
    "partly assured",
    "not assured",
    "rated red",
    "rated amber",
    "rated green",
    "red rating",
    "amber rating",
    "green rating",
    "rag rating",
    "rag rated",
];

/// The first rating phrase `text` uses, if any.
pub fn rating_words(text: &str) -> Option<&'static str> {
    let words: Vec<String> =
        text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
    let joined = format!(" {} ", words.join(" "));
    RATING_PHRASES.iter().copied().find(|phrase| joined.contains(&format!(" {phrase} ")))
}

/// Checks a summary as an admin wrote it and gives it back trimmed, or every problem
/// as (field id, message). Field ids: `title`, `intro`, `asked`, `told`, `closing`,
/// `answer-{question id}`, `what-{action id}`, `words-{action id}`.
pub fn validate(summary: &Summary) -> Result<Summary, Vec<(String, String)>> {
    let mut errors: Vec<(String, String)> = Vec::new();
    let mut text = |field: String, value: &str, missing: Option<&str>, max: usize, what: &str| {
        let value = value.trim();
        if value.is_empty() {
            if let Some(missing) = missing {
                errors.push((field, missing.to_owned()));
            }
        } else if value.chars().count() > max {
            errors.push((field, format!("{what} must be {max} characters or fewer")));
        } else if let Some(phrase) = rating_words(value) {
            errors.push((
                field,
                format!("Take out “{phrase}”: the summary does not give organisations' ratings"),
            ));
        }
        value.to_owned()
    };
    let title = text("title".into(), &summary.title, Some("Enter a title"), MAX_TITLE, "The title");
    let intro = text(
        "intro".into(),
        &summary.intro,
        Some("Enter who you are and why you did this"),
        MAX_SECTION,
        "This section",
    );
    let asked = text(
        "asked".into(),
        &summary.asked,
        Some("Enter what you asked organisations"),
        MAX_SECTION,
        "This section",
    );
    let told = text(
        "told".into(),
        &summary.told,
        Some("Enter what organisations told you"),
        MAX_SECTION,
        "This section",
    );
    let questions: Vec<QuestionPart> = summary
        .questions
        .iter()
        .map(|q| QuestionPart {
            question_id: q.question_id,
            question: q.question.trim().to_owned(),
            answer: text(
                format!("answer-{}", q.question_id),
                &q.answer,
                Some("Enter what organisations said about this question, or leave the question out"),
                MAX_PART,
                "What they said",
            ),
        })
        .collect();
    let changes: Vec<ChangePart> = summary
        .changes
        .iter()
        .map(|c| ChangePart {
            action_id: c.action_id,
            what: text(
                format!("what-{}", c.action_id),
                &c.what,
                Some("Enter what will change, or leave it out"),
                MAX_WHAT,
                "What will change",
            ),
            words: text(
                format!("words-{}", c.action_id),
                &c.words,
                Some("Enter a sentence or two about this change, or leave it out"),
                MAX_PART,
                "The words about this change",
            ),
        })
        .collect();
    let closing = text("closing".into(), &summary.closing, None, MAX_SECTION, "This section");
    if questions.len() > MAX_PARTS {
        errors.push(("questions".into(), format!("Choose no more than {MAX_PARTS} questions")));
    }
    if changes.len() > MAX_PARTS {
        errors.push(("changes".into(), format!("Choose no more than {MAX_PARTS} changes")));
    }
    if errors.is_empty() {
        Ok(Summary { title, intro, asked, told, questions, changes, closing })
    } else {
        Err(errors)
    }
}

/// Every text of the summary, in page order.
pub fn texts(summary: &Summary) -> Vec<&str> {
    let mut out = vec![summary.title.as_str(), &summary.intro, &summary.asked, &summary.told];
    for q in &summary.questions {
        out.extend([q.question.as_str(), &q.answer]);
    }
    for c in &summary.changes {
        out.extend([c.what.as_str(), &c.words]);
    }
    out.push(&summary.closing);
    out
}

/// The sentences of the summary longer than [`LONG_SENTENCE_WORDS`] words, which
/// children aged 9 to 11 may find hard to follow. The questions are children's own
/// words, so they are not checked.
pub fn long_sentences(summary: &Summary) -> Vec<String> {
    let mut texts = vec![summary.intro.as_str(), &summary.asked, &summary.told];
    texts.extend(summary.questions.iter().map(|q| q.answer.as_str()));
    texts.extend(summary.changes.iter().map(|c| c.words.as_str()));
    texts.push(&summary.closing);
    texts
        .into_iter()
        .flat_map(|t| t.split_inclusive(['.', '!', '?']))
        .map(str::trim)
        .filter(|s| s.split_whitespace().count() > LONG_SENTENCE_WORDS)
        .map(str::to_owned)
        .collect()
}

/// The public address's last part for a summary: lower-case letters, digits and
/// single hyphens from the partnership's and cycle's names ("kestrel-vale-section-11-
/// audit-2025"). Written here rather than taken from a crate: names are typed by
/// admins, and anything that is not an ASCII letter or digit simply becomes a
/// separator, which is all a stable address needs. Never empty.
pub fn slug(partnership: &str, cycle: &str) -> String {
    let mut out = String::new();
    for c in format!("{partnership} {cycle}").chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    let mut cut: String = out.chars().take(80).collect();
    while cut.ends_with('-') {
        cut.pop();
    }
    if cut.is_empty() { "summary".to_owned() } else { cut }
}

#[cfg(test)]
#[path = "young_peoples_summary_tests.rs"]
mod tests;
