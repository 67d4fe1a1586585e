//! What each field of a framework file must hold, in the words messages use, and the
//! limits that stop a hostile file from exhausting memory.

use super::fields::{ListSpec, TextSpec};

/// The largest framework file accepted, in bytes.
pub const MAX_FILE_BYTES: usize = 2 * 1024 * 1024;
/// The most standards in one framework.
pub const MAX_STANDARDS: usize = 100;
/// The most criteria in one framework, across all its standards.
pub const MAX_CRITERIA: usize = 1_000;
/// The longest text of any field, in characters.
pub const MAX_TEXT_CHARS: usize = 10_000;

pub(crate) const FRAMEWORK_FIELDS: &[&str] =
    &["key", "name", "audience", "version", "description", "standing_rule"];
pub(crate) const STANDARD_FIELDS: &[&str] = &["code", "title", "outcome", "criteria"];
pub(crate) const CRITERION_FIELDS: &[&str] = &[
    "code",
    "question",
    "guidance",
    "evidence",
    "answer",
    "not_applicable",
    "narrative_required",
    "narrative_prompt",
    "sectors",
    "duty",
    "maps_to",
];
pub(crate) const ROOT_FIELDS: &[&str] = &["framework", "standards"];

pub(crate) const KEY: TextSpec = TextSpec {
    expect: "a key of 1 to 64 lowercase letters, digits and hyphens, in double quotes, such as \"s11-children\"",
    max_chars: 64,
};
pub(crate) const NAME: TextSpec =
    TextSpec { expect: "the framework's name in double quotes, up to 300 characters", max_chars: 300 };
pub(crate) const AUDIENCE: TextSpec =
    TextSpec { expect: "one of children, adults, joint, partnership", max_chars: 100 };
pub(crate) const VERSION: &str = "a whole number of 1 or more, without quotes";
pub(crate) const DESCRIPTION: TextSpec = TextSpec {
    expect: "a description of the framework in double quotes, up to 10,000 characters",
    max_chars: MAX_TEXT_CHARS,
};
pub(crate) const STANDING_RULE: TextSpec =
    TextSpec { expect: "one of default (the only standing rule today)", max_chars: 100 };

pub(crate) const STANDARD_CODE: TextSpec = TextSpec {
    expect: "a code of up to 20 letters, digits, dots and hyphens, in double quotes, such as \"1\"",
    max_chars: 20,
};
pub(crate) const TITLE: TextSpec =
    TextSpec { expect: "the standard's title in double quotes, up to 300 characters", max_chars: 300 };
pub(crate) const OUTCOME: TextSpec = TextSpec {
    expect: "what good looks like for the standard, in double quotes, up to 2,000 characters",
    max_chars: 2_000,
};

pub(crate) const CRITERION_CODE: TextSpec = TextSpec {
    expect: "a code of up to 20 letters, digits, dots and hyphens, in double quotes, such as \"1.1\"",
    max_chars: 20,
};
pub(crate) const QUESTION: TextSpec = TextSpec {
    expect: "the statement or question in double quotes, up to 2,000 characters",
    max_chars: 2_000,
};
pub(crate) const GUIDANCE: TextSpec =
    TextSpec { expect: "guidance in double quotes, up to 10,000 characters", max_chars: MAX_TEXT_CHARS };
pub(crate) const NARRATIVE_PROMPT: TextSpec = TextSpec {
    expect: "the question the narrative box asks, in double quotes, up to 300 characters",
    max_chars: 300,
};
pub(crate) const EVIDENCE: ListSpec = ListSpec {
    expect: "a list of 1 to 20 examples of evidence, such as [\"Training records\", \"Audit report\"]",
    item: TextSpec {
        expect: "an example of evidence in double quotes, up to 500 characters",
        max_chars: 500,
    },
    min: 1,
    max: 20,
};
pub(crate) const ANSWER: TextSpec =
    TextSpec { expect: "one of rating, percentage, yes_no, number, text", max_chars: 100 };
pub(crate) const SECTORS: ListSpec = ListSpec {
    expect: "a list of sector codes, each at most once, such as [\"police\", \"health\"]",
    item: TextSpec {
        expect: "one of police, health, local_authority, education, probation, youth_justice, \
                 fire_and_rescue, housing, voluntary_and_community, faith, early_years, \
                 sport_and_leisure, other",
        max_chars: 100,
    },
    min: 0,
    max: 13,
};
pub(crate) const DUTY: ListSpec = ListSpec {
    expect: "a list of duty codes, each at most once, such as [\"statutory\"]",
    item: TextSpec { expect: "one of statutory, commissioned, voluntary", max_chars: 100 },
    min: 0,
    max: 3,
};
pub(crate) const MAPS_TO: ListSpec = ListSpec {
    expect: "a list of up to 50 criteria in other frameworks, such as [\"s11-children:1.1\"]",
    item: TextSpec {
        expect: "a criterion in another framework written \"framework-key:criterion-code\", \
                 such as \"s11-children:1.1\"",
        max_chars: 64 + 1 + 20,
    },
    min: 0,
    max: 50,
};

/// Lowercase letters, digits and hyphens, 1 to 64 of them.
pub(crate) fn is_key(text: &str) -> bool {
    (1..=64).contains(&text.len())
        && text.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Letters, digits, dots and hyphens, 1 to 20 of them.
pub(crate) fn is_code(text: &str) -> bool {
    (1..=20).contains(&text.len())
        && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::{AnswerType, Audience};
    use crate::tenancy::{DutyStatus, Sector};

    fn one_of(codes: impl Iterator<Item = &'static str>) -> String {
        format!("one of {}", codes.collect::<Vec<_>>().join(", "))
    }

    #[test]
    fn the_listed_codes_are_the_codes_of_the_enums() {
        assert_eq!(AUDIENCE.expect, one_of(Audience::ALL.iter().map(|a| a.code())));
        assert_eq!(ANSWER.expect, one_of(AnswerType::ALL.iter().map(|a| a.code())));
        assert_eq!(SECTORS.item.expect, one_of(Sector::ALL.iter().map(|s| s.code())));
        assert_eq!(DUTY.item.expect, one_of(DutyStatus::ALL.iter().map(|d| d.code())));
        assert_eq!(SECTORS.max, Sector::ALL.len());
        assert_eq!(DUTY.max, DutyStatus::ALL.len());
    }

    #[test]
    fn keys_are_lowercase_letters_digits_and_hyphens() {
        assert!(is_key("s11-children"));
        assert!(is_key(&"a".repeat(64)));
        assert!(!is_key(&"a".repeat(65)));
        assert!(!is_key(""));
        assert!(!is_key("S11"));
        assert!(!is_key("s11 children"));
        assert!(!is_key("s11_children"));
    }

    #[test]
    fn codes_are_letters_digits_dots_and_hyphens() {
        assert!(is_code("1"));
        assert!(is_code("10.3"));
        assert!(is_code("L-2.a"));
        assert!(!is_code("1 1"));
        assert!(!is_code("1:1"));
        assert!(!is_code(&"1".repeat(21)));
    }
}
