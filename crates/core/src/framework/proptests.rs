//! Property tests: start from a shipped framework, break it at random, and check
//! that parsing never panics and always explains itself.

use proptest::prelude::*;
use proptest::sample::Index;

use super::tests::SHIPPED;
use super::{FileError, parse, parse_bytes, to_toml};

const REQUIRED: &[&str] = &[
    "key",
    "name",
    "audience",
    "version",
    "description",
    "standing_rule",
    "code",
    "title",
    "outcome",
    "question",
    "guidance",
    "evidence",
    "answer",
    "not_applicable",
    "narrative_required",
];

/// Bytes that never appear in UTF-8.
const NEVER_UTF8: &[u8] = &[0xC0, 0xC1, 0xF5, 0xF8, 0xFB, 0xFE, 0xFF];

#[derive(Debug, Clone)]
enum Mutation {
    /// Remove a required field, with all the lines of its value.
    RemoveRequired(Index),
    /// Give a one-line field a value of another type.
    ChangeType(Index, Index),
    /// Give one criterion the code of another.
    DuplicateCode(Index, Index),
    /// Replace a one-line text value with 200,000 characters.
    LongString(Index),
    /// Insert a byte that is never UTF-8.
    BadUtf8(Index, Index),
    /// Cut the file short.
    Truncate(Index),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<Index>().prop_map(Mutation::RemoveRequired),
        (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::ChangeType(a, b)),
        (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::DuplicateCode(a, b)),
        any::<Index>().prop_map(Mutation::LongString),
        (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::BadUtf8(a, b)),
        any::<Index>().prop_map(Mutation::Truncate),
    ]
}

/// The field a line sets, and its value, for `name = value` lines.
fn field(line: &str) -> Option<(&str, &str)> {
    let (name, value) = line.split_once(" = ")?;
    name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_').then_some((name, value))
}

/// `field`, for values written on one line only.
fn one_line(line: &str) -> Option<(&str, &str)> {
    field(line).filter(|(_, v)| !v.starts_with("\"\"\""))
}

/// The TOML type of a one-line value, by its look.
fn kind(value: &str) -> char {
    match value.as_bytes().first() {
        Some(b'"') => 's',
        Some(b'[') => 'a',
        Some(b't' | b'f') => 'b',
        _ => 'i',
    }
}

/// What a mutation should produce.
enum Expect {
    /// Refused, with this message prefix on this line (when known).
    Refused { line: Option<usize>, message: String },
    /// Refused, or accepted if what is left is still a valid framework.
    Either,
}

fn apply(text: &str, m: &Mutation) -> (Vec<u8>, Expect) {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let join = |lines: &[String]| (lines.join("\n") + "\n").into_bytes();
    match m {
        Mutation::RemoveRequired(i) => {
            let candidates: Vec<usize> = (0..lines.len())
                .filter(|&n| field(&lines[n]).is_some_and(|(name, _)| REQUIRED.contains(&name)))
                .collect();
            let n = candidates[i.index(candidates.len())];
            let (name, value) =
                field(&lines[n]).map(|(a, b)| (a.to_owned(), b.to_owned())).unwrap_or_default();
            let mut end = n + 1;
            if value.starts_with("\"\"\"") && !value[3..].contains("\"\"\"") {
                while end < lines.len() && !lines[end].contains("\"\"\"") {
                    end += 1;
                }
                end += 1;
            }
            lines.drain(n..end.min(lines.len()));
            let message = format!("required field `{name}` is missing; expected ");
            (join(&lines), Expect::Refused { line: None, message })
        }
        Mutation::ChangeType(i, t) => {
            let candidates: Vec<usize> =
                (0..lines.len()).filter(|&n| one_line(&lines[n]).is_some()).collect();
            let n = candidates[i.index(candidates.len())];
            let (name, value) =
                one_line(&lines[n]).map(|(a, b)| (a.to_owned(), b.to_owned())).unwrap_or_default();
            let others: Vec<&str> = ["\"text\"", "42", "[\"a\", \"b\"]", "true"]
                .into_iter()
                .filter(|new| kind(new) != kind(&value))
                .collect();
            lines[n] = format!("{name} = {}", others[t.index(others.len())]);
            (join(&lines), Expect::Refused { line: Some(n + 1), message: "expected ".into() })
        }
        Mutation::DuplicateCode(a, b) => {
            let codes: Vec<usize> = (1..lines.len())
                .filter(|&n| lines[n - 1] == "[[standards.criteria]]" && lines[n].starts_with("code = "))
                .collect();
            let (x, y) = (codes[a.index(codes.len())], codes[b.index(codes.len())]);
            if x == y {
                return (join(&lines), Expect::Either);
            }
            lines[y] = lines[x].clone();
            let message = "expected a code no other criterion in the framework uses".into();
            (join(&lines), Expect::Refused { line: Some(x.max(y) + 1), message })
        }
        Mutation::LongString(i) => {
            let candidates: Vec<usize> = (0..lines.len())
                .filter(|&n| one_line(&lines[n]).is_some_and(|(_, v)| v.starts_with('"')))
                .collect();
            let n = candidates[i.index(candidates.len())];
            let name = one_line(&lines[n]).map(|(a, _)| a.to_owned()).unwrap_or_default();
            lines[n] = format!("{name} = \"{}\"", "x".repeat(200_000));
            let message = "expected ".into();
            (join(&lines), Expect::Refused { line: Some(n + 1), message })
        }
        Mutation::BadUtf8(at, byte) => {
            let mut bytes = text.as_bytes().to_vec();
            let at = at.index(bytes.len() + 1);
            bytes.insert(at, NEVER_UTF8[byte.index(NEVER_UTF8.len())]);
            let line = text.as_bytes()[..at].iter().filter(|b| **b == b'\n').count() + 1;
            let message = "expected text saved as UTF-8".into();
            (bytes, Expect::Refused { line: Some(line), message })
        }
        Mutation::Truncate(at) => {
            let bytes = text.as_bytes();
            (bytes[..at.index(bytes.len())].to_vec(), Expect::Either)
        }
    }
}

fn check_refusal(errors: &[FileError], line_count: usize) -> Result<(), TestCaseError> {
    prop_assert!(!errors.is_empty());
    for e in errors {
        prop_assert!(!e.message.is_empty());
        prop_assert!(e.message.contains("expected"), "no expectation in {}", e);
        prop_assert!(e.message.len() < 1_000, "overlong message {}", e);
        if let Some(line) = e.line {
            prop_assert!((1..=line_count + 1).contains(&line), "line {} out of range", line);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn mutated_files_are_refused_with_reasons(file in any::<Index>(), m in mutation()) {
        let (_, text) = SHIPPED[file.index(SHIPPED.len())];
        let (bytes, expect) = apply(text, &m);
        let line_count = bytes.iter().filter(|b| **b == b'\n').count() + 1;
        match (parse_bytes(&bytes), expect) {
            (Err(errors), Expect::Refused { line, message }) => {
                check_refusal(&errors, line_count)?;
                let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
                prop_assert!(
                    errors.iter().any(|e| e.message.starts_with(&message) && (line.is_none() || e.line == line)),
                    "expected {:?} on line {:?}, got {:#?}", message, line, shown
                );
            }
            (Err(errors), Expect::Either) => check_refusal(&errors, line_count)?,
            (Ok(f), Expect::Either) => {
                let original = parse(text).map_err(|_| TestCaseError::fail("shipped file invalid"))?;
                prop_assert!(f.criterion_count() <= original.criterion_count());
                prop_assert_eq!(parse(&to_toml(&f)), Ok(f));
            }
            (Ok(_), Expect::Refused { message, .. }) => {
                prop_assert!(false, "accepted a file that should be refused with {:?}", message);
            }
        }
    }

    #[test]
    fn random_byte_damage_never_panics(
        file in any::<Index>(),
        damage in prop::collection::vec((any::<Index>(), any::<u8>()), 1..8),
    ) {
        let (_, text) = SHIPPED[file.index(SHIPPED.len())];
        let mut bytes = text.as_bytes().to_vec();
        for (at, byte) in &damage {
            let at = at.index(bytes.len());
            bytes[at] = *byte;
        }
        let line_count = bytes.iter().filter(|b| **b == b'\n').count() + 1;
        if let Err(errors) = parse_bytes(&bytes) {
            check_refusal(&errors, line_count)?;
        }
    }

    #[test]
    fn arbitrary_input_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..4_000)) {
        let line_count = bytes.iter().filter(|b| **b == b'\n').count() + 1;
        if let Err(errors) = parse_bytes(&bytes) {
            check_refusal(&errors, line_count)?;
        }
    }

    #[test]
    fn arbitrary_toml_like_text_never_panics(text in "(\\[\\[?[a-z.]{0,12}\\]\\]?\n|[a-z_]{1,8} = (\"[^\"\n]{0,12}\"|[0-9-]{1,4}|\\[[^\n]{0,12}\\]|true|\\{[^\n]{0,10}\\})\n){0,40}") {
        let line_count = text.lines().count() + 1;
        if let Err(errors) = parse(&text) {
            check_refusal(&errors, line_count)?;
        }
    }
}
