//! Narrative evidence as analysts search it: what text of an answer is indexed, how a
//! search box's words and operators become search terms (never SQL, see [`query`]), and
//! how a passage with the engine's highlight markers becomes plain segments a template
//! can escape.
//!
//! The database engines do the matching; this module decides what they are asked, so
//! SQLite and PostgreSQL are given the same words and give the same kind of answer.

pub mod query;
pub mod themes;

pub use query::{MAX_TERMS, Search, Term, Terms, Unsearchable, search_terms};

use crate::assessment::Answer;

/// Marks the start of a matched word in text coming back from the database. A control
/// character no narrative keeps (see [`passage_text`]), so it cannot be forged.
pub const MARK_START: char = '\u{1}';
/// Marks the end of a matched word.
pub const MARK_END: char = '\u{2}';

/// English words too common to search for: the list PostgreSQL's `english` text-search
/// configuration ignores (Snowball's), so a search for "the policy" means "policy" on
/// both engines.
pub(crate) const STOP_WORDS: &[&str] = &[
    "i",
    "me",
    "my",
    "myself",
    "we",
    "our",
    "ours",
    "ourselves",
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
    "he",
    "him",
    "his",
    "himself",
    "she",
    "her",
    "hers",
    "herself",
    "it",
    "its",
    "itself",
    "they",
    "them",
    "their",
    "theirs",
    "themselves",
    "what",
    "which",
    "who",
    "whom",
    "this",
    "that",
    "these",
    "those",
    "am",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "have",
    "has",
    "had",
    "having",
    "do",
    "does",
    "did",
    "doing",
    "a",
    "an",
    "the",
    "and",
    "but",
    "if",
    "or",
    "because",
    "as",
    "until",
    "while",
    "of",
    "at",
    "by",
    "for",
    "with",
    "about",
    "against",
    "between",
    "into",
    "through",
    "during",
    "before",
    "after",
    "above",
    "below",
    "to",
    "from",
    "up",
    "down",
    "in",
    "out",
    "on",
    "off",
    "over",
    "under",
    "again",
    "further",
    "then",
    "once",
    "here",
    "there",
    "when",
    "where",
    "why",
    "how",
    "all",
    "any",
    "both",
    "each",
    "few",
    "more",
    "most",
    "other",
    "some",
    "such",
    "no",
    "nor",
    "not",
    "only",
    "own",
    "same",
    "so",
    "than",
    "too",
    "very",
    "s",
    "t",
    "can",
    "will",
    "just",
    "don",
    "should",
    "now",
];

/// The searchable text of one answer: its free-text answer and its narrative, in that
/// order, or `None` when both are blank. Control characters other than line breaks and
/// tabs are removed: the search uses some as markers (see [`MARK_START`]), so the only
/// ones in a search result are those the database puts there.
pub fn passage_text(answer: &Answer) -> Option<String> {
    let clean = |p: &str| -> String {
        p.chars()
            .filter(|c| !c.is_control() || matches!(c, '\n' | '\t'))
            .collect::<String>()
            .trim()
            .to_owned()
    };
    let parts: Vec<String> = [answer.text.as_deref().unwrap_or(""), answer.narrative.as_str()]
        .iter()
        .map(|p| clean(p))
        .filter(|p| !p.is_empty())
        .collect();
    if parts.is_empty() { None } else { Some(parts.join("\n\n")) }
}

/// A run of a passage, matched or not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub text: String,
    pub marked: bool,
}

/// Splits text carrying [`MARK_START`]/[`MARK_END`] into segments. The text is left
/// as it is (templates escape it); a stray or unbalanced marker is dropped, never shown.
pub fn segments(marked: &str) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    let mut current = String::new();
    let mut inside = false;
    let flush = |text: &mut String, marked: bool, out: &mut Vec<Segment>| {
        if !text.is_empty() {
            out.push(Segment { text: std::mem::take(text), marked });
        }
    };
    for c in marked.chars() {
        match c {
            MARK_START if !inside => {
                flush(&mut current, false, &mut out);
                inside = true;
            }
            MARK_END if inside => {
                flush(&mut current, true, &mut out);
                inside = false;
            }
            MARK_START | MARK_END => {}
            c => current.push(c),
        }
    }
    flush(&mut current, inside, &mut out);
    out
}

/// Whether `excerpt` is quoted from `passage`: the same words in the same order,
/// ignoring case and how the spaces and line breaks fall.
pub fn is_quoted_from(excerpt: &str, passage: &str) -> bool {
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    let excerpt = squash(excerpt);
    !excerpt.is_empty() && squash(passage).contains(&excerpt)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_passage_joins_the_text_answer_and_the_narrative() {
        let mut a = Answer { narrative: "  Named on posters. ".into(), ..Default::default() };
        assert_eq!(passage_text(&a).as_deref(), Some("Named on posters."));
        a.text = Some("Jo Bloggs".into());
        assert_eq!(passage_text(&a).as_deref(), Some("Jo Bloggs\n\nNamed on posters."));
        assert_eq!(passage_text(&Answer::default()), None);
        let forged =
            Answer { narrative: format!("{MARK_START}<b>{MARK_END}\u{3}\r\n\tx"), ..Default::default() };
        assert_eq!(passage_text(&forged).as_deref(), Some("<b>\n\tx"));
    }

    #[test]
    fn markers_become_segments_and_stray_ones_vanish() {
        let s = segments(&format!("Staff {MARK_START}training{MARK_END} is <yearly>"));
        assert_eq!(
            s,
            vec![
                Segment { text: "Staff ".into(), marked: false },
                Segment { text: "training".into(), marked: true },
                Segment { text: " is <yearly>".into(), marked: false },
            ]
        );
        let stray = segments(&format!("a{MARK_END}b{MARK_START}c{MARK_START}d"));
        assert_eq!(
            stray,
            vec![Segment { text: "ab".into(), marked: false }, Segment { text: "cd".into(), marked: true }]
        );
        assert!(segments("").is_empty());
    }

    #[test]
    fn an_excerpt_must_be_quoted_from_the_passage() {
        let passage = "All staff complete\nlevel 2 training every year.";
        assert!(is_quoted_from("complete level 2", passage));
        assert!(is_quoted_from("  LEVEL 2   training ", passage));
        assert!(!is_quoted_from("level 3 training", passage));
        assert!(!is_quoted_from("   ", passage));
    }
}
