//! The small query language of the narrative search box, read into a [`Terms`] value
//! that never holds SQL or either engine's syntax, only words:
//!
//! - words side by side must all appear (`neglect training`);
//! - `OR` (in capitals) between two words or phrases finds either; it binds tighter
//!   than the space, so `neglect OR abuse training` is (neglect or abuse) and training;
//! - `-word`, `NOT word`, `-"a phrase"` and `NOT "a phrase"` leave out passages that
//!   contain it; an exclusion is never one side of an `OR`;
//! - `"a phrase"` finds the words next to each other, in that order; a quote left
//!   open runs to the end of the search.
//!
//! Words are letters and digits, in lower case; the commonest English words are left
//! out (as PostgreSQL's English configuration leaves them out), also at either end of
//! a phrase. A word joined by punctuation (`early-help`, `child's`) is read as a phrase
//! of its parts. Operators with nothing to join (`OR` at either end, `NOT` at the end,
//! `OR OR`) are ignored. A search that leaves nothing to look for says why
//! ([`Unsearchable`]).

use super::STOP_WORDS;

/// At most this many words of a search are used (over all its terms); the rest are
/// ignored.
pub const MAX_TERMS: usize = 12;
/// Longer words are cut to this many characters (no real word is longer).
const MAX_TERM_CHARS: usize = 40;

/// What a search box asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Terms {
    /// Nothing typed: every passage that passes the filters.
    Blank,
    /// Something typed that cannot be searched for, and why.
    Unsearchable(Unsearchable),
    /// Something to look for.
    Search(Search),
}

/// Why a search cannot be run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unsearchable {
    /// Only punctuation or very common words (possibly with operators).
    NoWords,
    /// Only `OR`, `NOT`, `AND` and perhaps punctuation: nothing for them to join.
    OnlyOperators,
    /// Only words to leave out: a search must say what passages contain.
    OnlyExclusions,
}

/// One thing to find: a word (one entry) or a phrase (its words in order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub words: Vec<String>,
}

impl Term {
    pub fn is_phrase(&self) -> bool {
        self.words.len() > 1
    }
}

/// A search: every group must match (a group matches when any of its terms does),
/// and no passage containing an excluded term is found. `all` is never empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Search {
    pub all: Vec<Vec<Term>>,
    pub none: Vec<Term>,
}

impl Search {
    /// The words to be found (to highlight or to show), each once, in the order typed.
    pub fn positive_words(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for w in self.all.iter().flatten().flat_map(|t| t.words.iter()) {
            if !out.contains(&w.as_str()) {
                out.push(w);
            }
        }
        out
    }
}

/// One piece of what was typed.
#[derive(Debug, PartialEq, Eq)]
enum Token {
    Or,
    Not,
    And,
    /// A word or phrase; `true` when it is marked with a minus sign.
    Term(Term, bool),
    /// Typed, but nothing to search for in it (punctuation, common words).
    Nothing,
}

/// Reads what was typed into terms (see the module's documentation).
pub fn search_terms(input: &str) -> Terms {
    if input.trim().is_empty() {
        return Terms::Blank;
    }
    let tokens = tokens(input);
    let mut all: Vec<Vec<Term>> = Vec::new();
    let mut none: Vec<Term> = Vec::new();
    let mut words_used = 0usize;
    let (mut not, mut or) = (false, false);
    // Whether the last thing read was a term that an OR may join onto.
    let mut joinable = false;
    for token in &tokens {
        match token {
            Token::Or => {
                or = joinable;
                continue;
            }
            Token::Not => {
                not = true;
                continue;
            }
            // Common words are left out as if not typed; AND is what a space means.
            Token::And | Token::Nothing => continue,
            Token::Term(term, minus) => {
                if words_used + term.words.len() > MAX_TERMS {
                    break;
                }
                if *minus || not {
                    if !none.contains(term) {
                        words_used += term.words.len();
                        none.push(term.clone());
                    }
                    joinable = false;
                } else {
                    match all.last_mut() {
                        Some(group) if or => {
                            if !group.contains(term) {
                                words_used += term.words.len();
                                group.push(term.clone());
                            }
                        }
                        _ => {
                            let group = vec![term.clone()];
                            if !all.contains(&group) {
                                words_used += term.words.len();
                                all.push(group);
                            }
                        }
                    }
                    joinable = true;
                }
                not = false;
                or = false;
            }
        }
    }
    if !all.is_empty() {
        return Terms::Search(Search { all, none });
    }
    if !none.is_empty() {
        return Terms::Unsearchable(Unsearchable::OnlyExclusions);
    }
    let operators = tokens.iter().any(|t| matches!(t, Token::Or | Token::Not | Token::And));
    let words = tokens.iter().any(|t| matches!(t, Token::Nothing));
    if operators && !words {
        Terms::Unsearchable(Unsearchable::OnlyOperators)
    } else {
        Terms::Unsearchable(Unsearchable::NoWords)
    }
}

/// Splits the input at spaces and quotes.
fn tokens(input: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut rest = input;
    loop {
        rest = rest.trim_start();
        let Some(first) = rest.chars().next() else { break };
        // A minus sign at the start of a word or phrase leaves it out.
        let minus = first == '-';
        let body = rest.trim_start_matches('-');
        if let Some(quoted) = body.strip_prefix('"') {
            let (inside, after) = match quoted.find('"') {
                Some(end) => (&quoted[..end], &quoted[end + 1..]),
                None => (quoted, ""),
            };
            out.push(term(inside, minus));
            rest = after;
            continue;
        }
        let end = body.find(|c: char| c.is_whitespace() || c == '"').unwrap_or(body.len());
        let (raw, after) = body.split_at(end);
        out.push(match raw {
            "OR" if !minus => Token::Or,
            "NOT" if !minus => Token::Not,
            "AND" if !minus => Token::And,
            _ => term(raw, minus),
        });
        rest = after;
    }
    out
}

/// The words of a bare word or of a phrase, without common words at either end.
fn term(raw: &str, minus: bool) -> Token {
    let mut words: Vec<String> = raw
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase().chars().take(MAX_TERM_CHARS).collect())
        .collect();
    let common = |w: &String| STOP_WORDS.contains(&w.as_str());
    while words.first().is_some_and(common) {
        words.remove(0);
    }
    while words.last().is_some_and(common) {
        words.pop();
    }
    if words.is_empty() { Token::Nothing } else { Token::Term(Term { words }, minus) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(words: &str) -> Term {
        Term { words: words.split(' ').map(str::to_owned).collect() }
    }

    /// A search from groups of `|`-separated terms and excluded terms.
    fn s(all: &[&str], none: &[&str]) -> Terms {
        Terms::Search(Search {
            all: all.iter().map(|g| g.split('|').map(t).collect()).collect(),
            none: none.iter().map(|n| t(n)).collect(),
        })
    }

    #[test]
    fn words_side_by_side_must_all_appear() {
        assert_eq!(search_terms("neglect training"), s(&["neglect", "training"], &[]));
        assert_eq!(search_terms("  Neglect   TRAINING  "), s(&["neglect", "training"], &[]));
        assert_eq!(search_terms("neglect AND training"), s(&["neglect", "training"], &[]));
    }

    #[test]
    fn or_joins_its_neighbours_before_the_space_does() {
        assert_eq!(search_terms("neglect OR abuse"), s(&["neglect|abuse"], &[]));
        assert_eq!(search_terms("neglect OR abuse training"), s(&["neglect|abuse", "training"], &[]));
        assert_eq!(search_terms("training neglect OR abuse"), s(&["training", "neglect|abuse"], &[]));
        assert_eq!(search_terms("a1 OR b1 OR c1"), s(&["a1|b1|c1"], &[]));
        assert_eq!(search_terms("\"named lead\" OR designated"), s(&["named lead|designated"], &[]));
    }

    #[test]
    fn operators_are_operators_only_in_capitals() {
        // Lower case "or" and "not" are common words, left out like "the".
        assert_eq!(search_terms("neglect or abuse"), s(&["neglect", "abuse"], &[]));
        assert_eq!(search_terms("children not in school"), s(&["children", "school"], &[]));
        assert_eq!(search_terms("Or NOt"), Terms::Unsearchable(Unsearchable::NoWords));
    }

    #[test]
    fn minus_and_not_leave_words_and_phrases_out() {
        assert_eq!(search_terms("neglect -training"), s(&["neglect"], &["training"]));
        assert_eq!(search_terms("neglect NOT training"), s(&["neglect"], &["training"]));
        assert_eq!(search_terms("NOT training neglect"), s(&["neglect"], &["training"]));
        assert_eq!(search_terms("neglect -\"level 3\""), s(&["neglect"], &["level 3"]));
        assert_eq!(search_terms("neglect NOT \"level 3\" -x1"), s(&["neglect"], &["level 3", "x1"]));
        // NOT applies to the next term only.
        assert_eq!(search_terms("NOT a1 b1"), s(&["b1"], &["a1"]));
        assert_eq!(search_terms("NOT NOT a1 b1"), s(&["b1"], &["a1"]));
        // A minus sign inside a word joins it; only one at the start excludes.
        assert_eq!(search_terms("early-help"), s(&["early help"], &[]));
        assert_eq!(search_terms("--training neglect"), s(&["neglect"], &["training"]));
    }

    #[test]
    fn an_exclusion_is_never_one_side_of_an_or() {
        assert_eq!(search_terms("neglect OR -abuse"), s(&["neglect"], &["abuse"]));
        assert_eq!(search_terms("neglect OR NOT abuse"), s(&["neglect"], &["abuse"]));
        assert_eq!(search_terms("-abuse OR neglect"), s(&["neglect"], &["abuse"]));
        assert_eq!(search_terms("a1 -b1 OR c1"), s(&["a1", "c1"], &["b1"]));
    }

    #[test]
    fn stray_operators_are_ignored() {
        assert_eq!(search_terms("OR neglect"), s(&["neglect"], &[]));
        assert_eq!(search_terms("neglect OR"), s(&["neglect"], &[]));
        assert_eq!(search_terms("neglect OR OR abuse"), s(&["neglect|abuse"], &[]));
        assert_eq!(search_terms("neglect NOT"), s(&["neglect"], &[]));
        assert_eq!(search_terms("AND neglect AND"), s(&["neglect"], &[]));
        // A common word is left out as if not typed, operators around it too.
        assert_eq!(search_terms("neglect OR the abuse"), s(&["neglect|abuse"], &[]));
        assert_eq!(search_terms("policy NOT the training"), s(&["policy"], &["training"]));
    }

    #[test]
    fn searches_with_nothing_to_find_say_why() {
        assert_eq!(search_terms(""), Terms::Blank);
        assert_eq!(search_terms("  \t "), Terms::Blank);
        for only_exclusions in
            ["-neglect", "NOT neglect", "-neglect -\"level 3\"", "NOT a1 OR -b1", "-a1 the"]
        {
            assert_eq!(
                search_terms(only_exclusions),
                Terms::Unsearchable(Unsearchable::OnlyExclusions),
                "{only_exclusions}"
            );
        }
        for only_operators in ["OR", "NOT", "OR AND NOT", "OR OR"] {
            assert_eq!(
                search_terms(only_operators),
                Terms::Unsearchable(Unsearchable::OnlyOperators),
                "{only_operators}"
            );
        }
        for no_words in
            ["!!! ... \"*\"", "the and of", "\"\"", "-", "- -- \"the\"", "OR the", "NOT !!", "'; --"]
        {
            assert_eq!(search_terms(no_words), Terms::Unsearchable(Unsearchable::NoWords), "{no_words}");
        }
    }

    #[test]
    fn quotes_find_phrases_and_an_open_quote_runs_to_the_end() {
        assert_eq!(search_terms("\"named lead\""), s(&["named lead"], &[]));
        assert_eq!(search_terms("\"Named  Lead\" posters"), s(&["named lead", "posters"], &[]));
        assert_eq!(search_terms("posters \"named lead"), s(&["posters", "named lead"], &[]));
        assert_eq!(search_terms("\"named lead\"posters"), s(&["named lead", "posters"], &[]));
        // Operators inside quotes are words of the phrase (capitals are lowered).
        assert_eq!(search_terms("\"neglect OR abuse\""), s(&["neglect or abuse"], &[]));
        // Common words at either end of a phrase are left out, as PostgreSQL leaves them.
        assert_eq!(search_terms("\"the lead is named\""), s(&["lead is named"], &[]));
        assert_eq!(search_terms("\"the policy\""), s(&["policy"], &[]));
        assert_eq!(search_terms("\"the of\" neglect"), s(&["neglect"], &[]));
    }

    #[test]
    fn punctuation_is_not_syntax() {
        assert_eq!(search_terms("x* (neglect)"), s(&["x", "neglect"], &[]));
        assert_eq!(search_terms("'; DROP TABLE returns; --"), s(&["drop", "table", "returns"], &[]));
        assert_eq!(search_terms("NEAR(a1 b1) ^c1"), s(&["near a1", "b1", "c1"], &[]));
        assert_eq!(search_terms("child's"), s(&["child"], &[]));
        assert_eq!(
            search_terms("Early-help  referrals, 2024!"),
            s(&["early help", "referrals", "2024"], &[])
        );
        assert_eq!(search_terms("café Ysgol"), s(&["café", "ysgol"], &[]));
    }

    #[test]
    fn repeats_count_once_and_long_searches_are_cut() {
        assert_eq!(search_terms("Policy policy POLICY"), s(&["policy"], &[]));
        assert_eq!(search_terms("a1 OR a1 -b1 -b1"), s(&["a1"], &["b1"]));
        let long: String = (0..30).map(|i| format!("word{i} ")).collect();
        let Terms::Search(found) = search_terms(&long) else { panic!("a search expected") };
        assert_eq!(found.all.len(), MAX_TERMS);
        // A phrase that would pass the limit is left out with everything after it.
        let near_limit =
            format!("{} \"x1 y1\" z1", (0..11).map(|i| format!("w{i}")).collect::<Vec<_>>().join(" "));
        let Terms::Search(found) = search_terms(&near_limit) else { panic!("a search expected") };
        assert_eq!(found.all.len(), 11);
        let Terms::Search(found) = search_terms(&"x".repeat(500)) else { panic!("a search expected") };
        assert_eq!(found.all[0][0].words[0].chars().count(), 40);
    }

    #[test]
    fn positive_words_are_those_to_find() {
        let Terms::Search(found) = search_terms("\"named lead\" OR lead -posters training") else {
            panic!("a search expected")
        };
        assert_eq!(found.positive_words(), vec!["named", "lead", "training"]);
        assert!(found.all[0][0].is_phrase());
        assert!(!found.all[0][1].is_phrase());
    }
}
