//! Two-factor sign-in: the rules for time-based one-time codes (RFC 6238) and
//! recovery codes, and who must use them. The server computes the code for a time
//! step (it holds the secret); these rules say which steps a code may come from, that
//! no step is accepted twice, what a typed code or recovery code looks like, and how
//! long the "password passed" state between the two steps lasts.

use crate::access::Principal;
use crate::tenancy::PartnershipRole;

/// Seconds each code lasts, as authenticator apps assume.
pub const STEP_SECONDS: u64 = 30;
/// Digits in a code, as authenticator apps assume.
pub const DIGITS: usize = 6;
/// Steps either side of now whose code is still accepted: a phone's clock a little
/// off, or a code typed just as it changed, should not lock anyone out, and one
/// step either way keeps a guess's chance at three in a million.
pub const DRIFT_STEPS: u64 = 1;
/// How long, in seconds, a person who gave the right password has to give the code.
pub const PENDING_SECONDS: i64 = 10 * 60;
/// How many recovery codes a person is given at a time.
pub const RECOVERY_CODES: usize = 10;
/// Characters in a recovery code (grouped in fours when shown).
pub const RECOVERY_CODE_LENGTH: usize = 16;
/// The characters of recovery codes: lower-case letters without i and l (easily
/// misread as 1) and the digits 2 to 9, 32 in all, so each character carries 5 bits
/// and a code 80. A typed zero is read as the letter o.
pub const RECOVERY_ALPHABET: &[u8; 32] = b"abcdefghjkmnopqrstuvwxyz23456789";

/// The time step a moment (Unix seconds) falls in.
pub fn step_at(unix_seconds: u64) -> u64 {
    unix_seconds / STEP_SECONDS
}

/// What checking a typed code found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeCheck {
    /// The code is the one for `step`, which was never used before: record it.
    Accepted { step: u64 },
    /// The code is right for a step at or before the last one used: it (or a code
    /// older than one already used) was seen before, so it may have been watched.
    Replayed,
    /// Not the code for any step in the window.
    Wrong,
}

/// Checks a code against the steps around `now`, newest first. `code_for_step`
/// says whether the typed code is the one for a step; `last_used` is the newest step
/// a code was accepted for, so that step and every older one are refused.
pub fn check_code(now_unix: u64, last_used: Option<u64>, code_for_step: impl Fn(u64) -> bool) -> CodeCheck {
    let now = step_at(now_unix);
    let mut found = CodeCheck::Wrong;
    for step in (now.saturating_sub(DRIFT_STEPS)..=now + DRIFT_STEPS).rev() {
        if !code_for_step(step) {
            continue;
        }
        if last_used.is_some_and(|used| step <= used) {
            found = CodeCheck::Replayed;
        } else {
            return CodeCheck::Accepted { step };
        }
    }
    found
}

/// A typed one-time code without the spaces people copy from apps ("123 456"), or
/// `None` when it is not six digits.
pub fn normalise_code(typed: &str) -> Option<String> {
    let code: String = typed.chars().filter(|c| !c.is_whitespace() && *c != '-').collect();
    (code.len() == DIGITS && code.bytes().all(|b| b.is_ascii_digit())).then_some(code)
}

/// A typed recovery code in the one form it is stored in (lower case, without spaces
/// or hyphens, a zero read as the letter o), or `None` when it cannot be one.
pub fn normalise_recovery_code(typed: &str) -> Option<String> {
    let code: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| if c == '0' { 'o' } else { c.to_ascii_lowercase() })
        .collect();
    (code.len() == RECOVERY_CODE_LENGTH && code.bytes().all(|b| RECOVERY_ALPHABET.contains(&b)))
        .then_some(code)
}

/// A recovery code made from random bytes: one character of the alphabet per byte
/// (its low five bits, so every character is equally likely).
pub fn recovery_code_from(random: &[u8; RECOVERY_CODE_LENGTH]) -> String {
    random.iter().map(|b| char::from(RECOVERY_ALPHABET[usize::from(b & 31)])).collect()
}

/// A recovery code as shown to a person: in groups of four ("abcd-efgh-jkmn-pqrs").
pub fn grouped(code: &str) -> String {
    let chars: Vec<char> = code.chars().collect();
    chars.chunks(4).map(|c| c.iter().collect::<String>()).collect::<Vec<_>>().join("-")
}

/// Whether the "password passed" state begun at `started` (Unix seconds) still holds.
pub fn pending_is_fresh(started: i64, now: i64) -> bool {
    now >= started && now - started < PENDING_SECONDS
}

/// Whether this person must use two-factor sign-in before doing anything, when the
/// deployment requires it of administrators: platform admins and partnership admins
/// hold the keys to many organisations' returns.
pub fn must_use_two_factor(required_for_admins: bool, principal: &Principal) -> bool {
    required_for_admins
        && (principal.platform_admin
            || principal.partnership_roles.iter().any(|(_, role)| *role == PartnershipRole::Admin))
}

#[cfg(test)]
#[path = "two_factor_tests.rs"]
mod tests;
