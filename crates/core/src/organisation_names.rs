//! When two organisation names probably name the same organisation.
//!
//! Registration warns a new organisation whose name closely matches one already
//! registered, and a partnership's join-request list flags such requests. Names are
//! first normalised: case, punctuation and spacing are ignored, "&" reads as "and",
//! a leading "The" and legal-form suffixes (Ltd, Limited, CIC, PLC, …) are dropped.
//! "Trust" is kept: it is often what tells two bodies apart ("Leeds Trust" and
//! "Leeds Council", an NHS trust and a council of one place).
//!
//! Two names closely match when, after normalising, they are equal; or equal once the
//! spaces are taken out ("Play Safe" and "Playsafe", "N.H.S." and "NHS"); or they have
//! the same words but one, and that word differs by a single typo (one letter added,
//! removed, changed, or two neighbours swapped) and is at least five letters long.
//! Short words and words holding digits never match by typo: "Mind" and "Kind",
//! "1st Scouts" and "2nd Scouts", "Unit 10001" and "Unit 10002" are different bodies.

/// Words dropped from the end of a name (each is a sequence of normalised words),
/// tried repeatedly so "Holdings Ltd" style stacks of legal forms all go.
const SUFFIXES: &[&[&str]] = &[
    &["ltd"],
    &["limited"],
    &["cic"],
    &["plc"],
    &["llp"],
    &["inc"],
    &["cio"],
    &["community", "interest", "company"],
    &["charitable", "incorporated", "organisation"],
    &["charitable", "incorporated", "organization"],
];

/// The shortest word that may differ from another by one typo and still match.
const MIN_TYPO_WORD: usize = 5;

/// The words of a name after normalising. A legal form that is the whole rest of the
/// name is kept ("The Limited" is "limited"), and so is a lone "The", so a name always
/// has something to compare.
pub fn normalise(name: &str) -> Vec<String> {
    let mut text = String::with_capacity(name.len());
    for c in name.chars() {
        match c {
            // An apostrophe joins: "Barnardo's" is "barnardos", not "barnardo s".
            '\'' | '\u{2019}' | '\u{2018}' | '`' => {}
            '&' => text.push_str(" and "),
            c if c.is_alphanumeric() => text.extend(c.to_lowercase()),
            _ => text.push(' '),
        }
    }
    let all: Vec<String> = text.split_whitespace().map(str::to_owned).collect();
    let mut words: &[String] = &all;
    if words.first().is_some_and(|w| w == "the") {
        words = &words[1..];
    }
    'strip: loop {
        for suffix in SUFFIXES {
            if words.len() > suffix.len() && words.ends_with_words(suffix) {
                words = &words[..words.len() - suffix.len()];
                continue 'strip;
            }
        }
        break;
    }
    if words.is_empty() { all } else { words.to_vec() }
}

trait EndsWithWords {
    fn ends_with_words(&self, suffix: &[&str]) -> bool;
}

impl EndsWithWords for [String] {
    fn ends_with_words(&self, suffix: &[&str]) -> bool {
        self.len() >= suffix.len()
            && self[self.len() - suffix.len()..].iter().zip(suffix).all(|(a, b)| a == b)
    }
}

/// Whether `a` and `b` probably name the same organisation (see the module's rule).
pub fn closely_matches(a: &str, b: &str) -> bool {
    let (a, b) = (normalise(a), normalise(b));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if a == b || a.concat() == b.concat() {
        return true;
    }
    if a.len() != b.len() {
        return false;
    }
    let mut differing = a.iter().zip(&b).filter(|(x, y)| x != y);
    match (differing.next(), differing.next()) {
        (Some((x, y)), None) => one_typo_apart(x, y),
        _ => false,
    }
}

fn one_typo_apart(x: &str, y: &str) -> bool {
    let long_enough = x.chars().count().max(y.chars().count()) >= MIN_TYPO_WORD;
    let has_digit = x.chars().chain(y.chars()).any(|c| c.is_numeric());
    // Optimal string alignment distance: a swap of neighbours counts as one edit.
    long_enough && !has_digit && strsim::osa_distance(x, y) == 1
}

/// The existing names among `candidates` that closely match `name`, in the order given.
pub fn lookalikes<'a, I>(name: &str, candidates: I) -> Vec<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    candidates.into_iter().filter(|c| closely_matches(name, c)).collect()
}

/// Lower-case fragments a stored name must contain (any one of them) to be worth
/// comparing with `name`: for each of its three longest words (of three letters or
/// more, "and" aside), the word itself when short, else its first four and its last
/// four letters. A single typo leaves one end of a long word intact, and another word
/// of the name catches the rest, so a database can pick candidates with `LIKE` and
/// never hand over the whole table.
pub fn search_fragments(name: &str) -> Vec<String> {
    let mut words: Vec<String> = normalise(name).into_iter().filter(|w| w != "and").collect();
    words.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then_with(|| a.cmp(b)));
    words.dedup();
    let mut fragments = Vec::new();
    for word in words.iter().filter(|w| w.chars().count() >= 3).take(3) {
        let chars: Vec<char> = word.chars().collect();
        if chars.len() <= 4 {
            fragments.push(word.clone());
        } else {
            fragments.push(chars[..4].iter().collect());
            fragments.push(chars[chars.len() - 4..].iter().collect());
        }
    }
    fragments.dedup();
    if fragments.is_empty() {
        // A name of only one- or two-letter words ("A & B"): its words themselves. They
        // pick many candidates, which the caller's cap (nearest in length first) bounds.
        fragments = words;
    }
    fragments
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(a: &str, b: &str) -> bool {
        let forward = closely_matches(a, b);
        assert_eq!(forward, closely_matches(b, a), "the rule is not symmetric for {a:?} / {b:?}");
        forward
    }

    #[test]
    fn normalising_drops_case_punctuation_the_and_legal_forms() {
        assert_eq!(normalise("The Leeds  Youth-Club, Ltd."), ["leeds", "youth", "club"]);
        assert_eq!(normalise("Barnardo’s"), ["barnardos"]);
        assert_eq!(normalise("Tom & Jerry Limited"), ["tom", "and", "jerry"]);
        assert_eq!(normalise("Hope Community Interest Company"), ["hope"]);
        assert_eq!(normalise("Hope Holdings CIC Ltd"), ["hope", "holdings"]);
        assert_eq!(
            normalise("Leeds Teaching Hospitals NHS Trust"),
            ["leeds", "teaching", "hospitals", "nhs", "trust"]
        );
    }

    #[test]
    fn a_legal_form_that_is_the_whole_name_is_kept() {
        assert_eq!(normalise("The Limited"), ["limited"]);
        assert_eq!(normalise("The"), ["the"]);
        assert_eq!(normalise("Ltd"), ["ltd"]);
        assert!(normalise("  ...  ").is_empty());
    }

    #[test]
    fn exact_and_case_differences_match() {
        assert!(matches("Leeds Youth Club", "Leeds Youth Club"));
        assert!(matches("Leeds Youth Club", "LEEDS youth club"));
    }

    #[test]
    fn punctuation_spacing_and_ampersands_do_not_matter() {
        assert!(matches("St. John's Ambulance", "St Johns Ambulance"));
        assert!(matches("Stoke-on-Trent Council", "Stoke on Trent   Council"));
        assert!(matches("Leeds & Wakefield Mind", "Leeds and Wakefield Mind"));
        assert!(matches("Play Safe", "Playsafe"));
        assert!(matches("N.H.S. Kestrel Vale", "NHS Kestrel Vale"));
    }

    #[test]
    fn legal_suffixes_and_a_leading_the_do_not_matter() {
        assert!(matches("The Riverside Youth Club", "Riverside Youth Club Ltd"));
        assert!(matches("Hope Community Interest Company", "Hope CIC"));
        assert!(matches("Acme Care Limited", "Acme Care PLC"));
    }

    #[test]
    fn a_one_letter_typo_in_a_long_word_matches() {
        assert!(matches("Leeds Youth Football Club", "Leeds Youth Footbal Club"));
        assert!(matches("Kestrel Vale Police", "Kestrel Vale Polcie"), "a swap of neighbours is one typo");
        assert!(matches("Marsham Scouts", "Marshem Scouts"));
        assert!(matches("Barnardos", "Barnardoss"));
    }

    #[test]
    fn names_sharing_a_word_but_clearly_different_do_not_match() {
        assert!(!matches("Leeds Trust", "Leeds Council"));
        assert!(!matches("Leeds Trust", "Leeds"), "Trust is part of the name, not a legal form");
        assert!(!matches("Bradford Council", "Bedford Council"), "two typos apart");
        assert!(!matches("Leeds Police", "Leeds Palace"));
        assert!(!matches("Leeds Youth Club", "Leeds Youth Football Club"));
        assert!(!matches("Leeds Youth Club", "Wakefield Youth Club"));
    }

    #[test]
    fn two_typos_in_different_words_do_not_match() {
        assert!(!matches("Marsham Riverside Scouts", "Marshem Riversyde Scouts"));
    }

    #[test]
    fn short_names_and_short_words_need_to_be_exact() {
        assert!(matches("ABC", "abc"));
        assert!(!matches("ABC", "ABD"));
        assert!(!matches("Leeds Mind", "Leeds Kind"));
        assert!(!matches("Age UK", "Age UL"));
    }

    #[test]
    fn words_with_digits_never_match_by_typo() {
        assert!(!matches("1st Marsham Scouts", "2nd Marsham Scouts"));
        assert!(!matches("Unit 10001", "Unit 10002"));
        assert!(matches("1st Marsham Scouts", "1st  marsham scouts"));
    }

    #[test]
    fn empty_names_match_nothing() {
        assert!(!matches("", ""));
        assert!(!matches("!!!", "Leeds"));
    }

    #[test]
    fn lookalikes_keeps_only_the_matching_names_in_order() {
        let existing = ["Leeds Council", "The Leeds Trust", "Leeds Trust Ltd", "Wakefield Trust"];
        assert_eq!(lookalikes("Leeds Trust", existing), ["The Leeds Trust", "Leeds Trust Ltd"]);
        assert!(lookalikes("Harrogate Trust", existing).is_empty());
    }

    #[test]
    fn fragments_come_from_the_longest_words_ends() {
        assert_eq!(
            search_fragments("The Leeds Youth Football Club Ltd"),
            ["foot", "ball", "leed", "eeds", "yout", "outh"]
        );
        assert_eq!(search_fragments("Age UK"), ["age"]);
        assert_eq!(search_fragments("A & B"), ["a", "b"]);
        assert!(search_fragments("...").is_empty());
    }

    /// A stored name that closely matches must contain one of the fragments (lower
    /// case), or the candidate query would never fetch it.
    #[test]
    fn every_match_in_the_tests_above_is_found_by_its_fragments() {
        let pairs = [
            ("Leeds Youth Football Club", "Leeds Youth Footbal Club"),
            ("Kestrel Vale Police", "Kestrel Vale Polcie"),
            ("Barnardoss", "Barnardo's"),
            ("St Johns Ambulance", "St. John's Ambulance"),
            ("Play Safe", "Playsafe"),
            ("Playsafe", "Play Safe"),
            ("NHS Kestrel Vale", "N.H.S. Kestrel Vale"),
            ("Riverside Youth Club Ltd", "The Riverside Youth Club"),
            ("Hope CIC", "Hope Community Interest Company"),
            ("Marsham Scouts", "Marshem Scouts"),
        ];
        for (new, stored) in pairs {
            assert!(closely_matches(new, stored), "{new} / {stored}");
            let lower = stored.to_lowercase();
            assert!(
                search_fragments(new).iter().any(|f| lower.contains(f.as_str())),
                "{stored:?} is not found by the fragments of {new:?}: {:?}",
                search_fragments(new)
            );
        }
    }
}
