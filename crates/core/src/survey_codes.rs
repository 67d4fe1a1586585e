//! Single-use response codes for practitioner surveys. A survey link alone no longer
//! takes answers: each answer spends one code, handed out by the organisation's lead
//! (printed or sent one to each practitioner), so the number of answers can never pass
//! the number of codes issued, and the results can say how many were issued and used.
//!
//! The rules here: what a code looks like ([`from_random`], [`normalise`]), how many
//! may be issued at once ([`parse_how_many`]), and how many answers one client address
//! may send in a short time ([`burst_policy`]). Codes are stored hashed, with only a
//! flag saying they were used, and an answer never refers to its code.

use crate::throttle::ThrottlePolicy;
use time::Duration;

/// Crockford's base 32: digits and capital letters without I, L, O and U, so a code
/// read from paper is not misread; 32 symbols, so one random byte (mod 32) gives one
/// symbol without bias. When typed, O is read as 0 and I or L as 1 (see [`normalise`]).
pub const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// Symbols in a code: 12 of 32 (60 bits), written in three groups of four.
pub const CODE_SYMBOLS: usize = 12;

/// The most codes issued in one go (one printed list).
pub const MAX_CODES_AT_ONCE: usize = 500;

/// A code written for people, "ABCD-EFGH-JKMN", from [`CODE_SYMBOLS`] random bytes.
pub fn from_random(bytes: &[u8; CODE_SYMBOLS]) -> String {
    let symbols: Vec<char> = bytes.iter().map(|b| char::from(ALPHABET[usize::from(b % 32)])).collect();
    symbols.chunks(4).map(|group| group.iter().collect::<String>()).collect::<Vec<_>>().join("-")
}

/// A code as typed (any case, with or without spaces or dashes) in the one form that is
/// hashed and compared; `None` when it cannot be a code at all.
pub fn normalise(typed: &str) -> Option<String> {
    let code: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        })
        .collect();
    let valid = code.len() == CODE_SYMBOLS && code.bytes().all(|b| ALPHABET.contains(&b));
    valid.then_some(code)
}

/// The number typed into "How many codes do you need?", or what to say about it.
pub fn parse_how_many(typed: &str) -> Result<usize, String> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Err("Enter how many codes you need".into());
    }
    match typed.parse::<usize>() {
        Ok(n) if (1..=MAX_CODES_AT_ONCE).contains(&n) => Ok(n),
        Ok(_) => Err(format!("Enter a number from 1 to {MAX_CODES_AT_ONCE}")),
        Err(_) => Err("Enter how many codes you need as a number, like 20".into()),
    }
}

/// Answers one client address may send to surveys in a short time. A burst past it is
/// a script, not a team: an office or school sharing one address still has room for a
/// staff meeting answering together. (The sign-in throttle's address rule, reused: a
/// survey answer is counted like a failure there, with no account side.)
pub fn burst_policy() -> ThrottlePolicy {
    ThrottlePolicy {
        window: Duration::minutes(10),
        max_failures_per_account: usize::MAX,
        max_failures_per_address: 30,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::throttle::ThrottleDecision;
    use time::macros::datetime;

    #[test]
    fn a_code_is_three_groups_of_four_unambiguous_symbols() {
        let code = from_random(&[0, 1, 2, 3, 31, 32, 33, 200, 255, 10, 17, 18]);
        assert_eq!(code, "0123-Z018-ZAHJ");
        let many: String = (0..=255u8).map(|b| from_random(&[b; CODE_SYMBOLS])).collect();
        assert!(!many.chars().any(|c| "ILOU".contains(c)));
    }

    #[test]
    fn a_code_is_read_however_it_is_typed() {
        assert_eq!(normalise("0123-z018-zahj").as_deref(), Some("0123Z018ZAHJ"));
        assert_eq!(normalise(" 0123 Z018 ZAHJ ").as_deref(), Some("0123Z018ZAHJ"));
        assert_eq!(normalise("O123-Z0L8-ZAHJ").as_deref(), Some("0123Z018ZAHJ"), "misread letters");
    }

    #[test]
    fn what_cannot_be_a_code_is_not_looked_up() {
        for typed in
            ["", "0123-Z018", "0123-Z018-ZAHJ-2", "0123-Z018-ZAUJ", "0123-Z018-ZA!J", "../../etc/pass"]
        {
            assert_eq!(normalise(typed), None, "{typed}");
        }
    }

    #[test]
    fn codes_are_issued_from_one_to_five_hundred_at_a_time() {
        assert_eq!(parse_how_many(" 20 "), Ok(20));
        assert_eq!(parse_how_many("500"), Ok(500));
        assert!(parse_how_many("0").is_err());
        assert!(parse_how_many("501").is_err());
        assert!(parse_how_many("-3").is_err());
        assert!(parse_how_many("twenty").is_err());
        assert_eq!(parse_how_many(""), Err("Enter how many codes you need".to_owned()));
    }

    #[test]
    fn a_burst_from_one_address_is_refused_until_it_slows() {
        let now = datetime!(2026-12-02 12:00 UTC);
        let policy = burst_policy();
        let recent: Vec<_> = (0..29).map(|i| now - Duration::seconds(i * 5)).collect();
        assert_eq!(policy.decide(now, &[], &recent), ThrottleDecision::Allow);
        let burst: Vec<_> = (0..30).map(|i| now - Duration::seconds(i * 5)).collect();
        assert!(
            matches!(policy.decide(now, &[], &burst), ThrottleDecision::Wait { minutes } if minutes >= 8)
        );
        let earlier: Vec<_> = (0..60).map(|i| now - Duration::minutes(11) - Duration::seconds(i)).collect();
        assert_eq!(policy.decide(now, &[], &earlier), ThrottleDecision::Allow);
    }
}
