use super::*;
use crate::access::Principal;
use crate::tenancy::{OrgRole, PartnershipRole};

/// Stands in for the server's code comparison: the typed code is right for `step` only.
fn code_for(step: u64) -> impl Fn(u64) -> bool {
    move |s| s == step
}

const NOW: u64 = 1_800_000_015; // 15 seconds into step 60_000_000
const STEP: u64 = 60_000_000;

#[test]
fn the_step_is_the_thirty_second_interval_a_moment_falls_in() {
    assert_eq!(step_at(0), 0);
    assert_eq!(step_at(29), 0);
    assert_eq!(step_at(30), 1);
    assert_eq!(step_at(NOW), STEP);
}

#[test]
fn the_code_of_this_step_and_of_one_either_side_is_accepted() {
    assert_eq!(check_code(NOW, None, code_for(STEP)), CodeCheck::Accepted { step: STEP });
    assert_eq!(check_code(NOW, None, code_for(STEP - 1)), CodeCheck::Accepted { step: STEP - 1 });
    assert_eq!(check_code(NOW, None, code_for(STEP + 1)), CodeCheck::Accepted { step: STEP + 1 });
}

#[test]
fn a_code_two_steps_away_is_wrong() {
    assert_eq!(check_code(NOW, None, code_for(STEP - 2)), CodeCheck::Wrong);
    assert_eq!(check_code(NOW, None, code_for(STEP + 2)), CodeCheck::Wrong);
    assert_eq!(check_code(NOW, None, |_| false), CodeCheck::Wrong);
}

#[test]
fn the_code_of_a_step_already_used_is_refused_as_replayed() {
    assert_eq!(check_code(NOW, Some(STEP), code_for(STEP)), CodeCheck::Replayed);
}

#[test]
fn a_code_older_than_the_last_one_used_is_refused_too() {
    // A code seen over someone's shoulder a minute ago must not work once they have
    // signed in with a newer one.
    assert_eq!(check_code(NOW, Some(STEP), code_for(STEP - 1)), CodeCheck::Replayed);
    assert_eq!(check_code(NOW, Some(STEP + 1), code_for(STEP)), CodeCheck::Replayed);
}

#[test]
fn a_code_newer_than_the_last_one_used_is_accepted() {
    assert_eq!(check_code(NOW, Some(STEP - 1), code_for(STEP)), CodeCheck::Accepted { step: STEP });
    assert_eq!(check_code(NOW, Some(STEP), code_for(STEP + 1)), CodeCheck::Accepted { step: STEP + 1 });
}

#[test]
fn where_a_code_matches_a_used_and_an_unused_step_the_unused_one_wins() {
    // Two steps can share a six-digit code by chance; the newer, unused one counts.
    let either = |s| s == STEP || s == STEP + 1;
    assert_eq!(check_code(NOW, Some(STEP), either), CodeCheck::Accepted { step: STEP + 1 });
}

#[test]
fn the_first_moments_of_time_do_not_underflow() {
    assert_eq!(check_code(5, None, code_for(0)), CodeCheck::Accepted { step: 0 });
    assert_eq!(check_code(5, None, code_for(1)), CodeCheck::Accepted { step: 1 });
}

#[test]
fn a_typed_code_may_carry_spaces_but_must_be_six_digits() {
    assert_eq!(normalise_code("123456").as_deref(), Some("123456"));
    assert_eq!(normalise_code(" 123 456 ").as_deref(), Some("123456"));
    assert_eq!(normalise_code("123-456").as_deref(), Some("123456"));
    assert_eq!(normalise_code("12345"), None);
    assert_eq!(normalise_code("1234567"), None);
    assert_eq!(normalise_code("12345a"), None);
    assert_eq!(normalise_code("١٢٣٤٥٦"), None, "digits of other scripts are not ASCII digits");
    assert_eq!(normalise_code(""), None);
}

#[test]
fn a_recovery_code_is_read_whatever_its_case_spacing_and_hyphens() {
    let stored = "abcdefghjkmnpqrs";
    assert_eq!(normalise_recovery_code(stored).as_deref(), Some(stored));
    assert_eq!(normalise_recovery_code("ABCD-EFGH-JKMN-PQRS").as_deref(), Some(stored));
    assert_eq!(normalise_recovery_code(" abcd efgh jkmn pqrs ").as_deref(), Some(stored));
}

#[test]
fn a_typed_zero_in_a_recovery_code_is_the_letter_o() {
    assert_eq!(normalise_recovery_code("0000-2222-3333-4444").as_deref(), Some("oooo222233334444"));
}

#[test]
fn something_that_cannot_be_a_recovery_code_is_refused() {
    assert_eq!(normalise_recovery_code("abcd-efgh-jkmn"), None, "too short");
    assert_eq!(normalise_recovery_code("abcd-efgh-jkmn-pqrst"), None, "too long");
    assert_eq!(normalise_recovery_code("abcd-efgh-jkmn-pqr1"), None, "1 is not in the alphabet");
    assert_eq!(normalise_recovery_code("abcd-efgh-jkmn-pqri"), None, "i is not in the alphabet");
    assert_eq!(normalise_recovery_code("123456"), None, "a one-time code");
}

#[test]
fn the_alphabet_has_thirty_two_different_characters_none_easily_misread() {
    let mut seen: Vec<u8> = RECOVERY_ALPHABET.to_vec();
    seen.sort_unstable();
    seen.dedup();
    assert_eq!(seen.len(), 32);
    for misread in [b'0', b'1', b'i', b'l'] {
        assert!(!RECOVERY_ALPHABET.contains(&misread), "{}", char::from(misread));
    }
}

#[test]
fn a_recovery_code_made_from_random_bytes_reads_back_as_itself() {
    let random: [u8; RECOVERY_CODE_LENGTH] = core::array::from_fn(|i| (i as u8).wrapping_mul(37));
    let code = recovery_code_from(&random);
    assert_eq!(code.len(), RECOVERY_CODE_LENGTH);
    assert_eq!(normalise_recovery_code(&code).as_deref(), Some(code.as_str()));
    assert_eq!(normalise_recovery_code(&grouped(&code)).as_deref(), Some(code.as_str()));
}

#[test]
fn every_byte_value_makes_a_character_of_the_alphabet_and_each_is_equally_often() {
    let mut counts = [0usize; 32];
    for byte in 0..=255u8 {
        let code = recovery_code_from(&[byte; RECOVERY_CODE_LENGTH]);
        let c = code.as_bytes()[0];
        let place = RECOVERY_ALPHABET.iter().position(|a| *a == c).unwrap();
        counts[place] += 1;
    }
    assert!(counts.iter().all(|n| *n == 8), "{counts:?}");
}

#[test]
fn a_code_is_shown_in_groups_of_four() {
    assert_eq!(grouped("abcdefghjkmnpqrs"), "abcd-efgh-jkmn-pqrs");
}

#[test]
fn the_password_passed_state_lasts_ten_minutes() {
    let started = 1_000_000;
    assert!(pending_is_fresh(started, started));
    assert!(pending_is_fresh(started, started + PENDING_SECONDS - 1));
    assert!(!pending_is_fresh(started, started + PENDING_SECONDS));
    assert!(!pending_is_fresh(started, started - 1), "a start in the future is not trusted");
}

#[test]
fn when_required_platform_and_partnership_admins_must_use_two_factor() {
    let platform = Principal { platform_admin: true, ..Default::default() };
    let partnership_admin =
        Principal { partnership_roles: vec![(1, PartnershipRole::Admin)], ..Default::default() };
    let both_roles = Principal {
        partnership_roles: vec![(1, PartnershipRole::Analyst), (2, PartnershipRole::Admin)],
        ..Default::default()
    };
    assert!(must_use_two_factor(true, &platform));
    assert!(must_use_two_factor(true, &partnership_admin));
    assert!(must_use_two_factor(true, &both_roles), "an admin anywhere");
}

#[test]
fn other_roles_are_never_made_to_use_two_factor() {
    for role in [PartnershipRole::Analyst, PartnershipRole::PanelMember] {
        let staff = Principal { partnership_roles: vec![(1, role)], ..Default::default() };
        assert!(!must_use_two_factor(true, &staff), "{role:?}");
    }
    for role in OrgRole::ALL {
        let member = Principal { org_roles: vec![(1, *role)], ..Default::default() };
        assert!(!must_use_two_factor(true, &member), "{role:?}");
    }
    assert!(!must_use_two_factor(true, &Principal::default()));
}

#[test]
fn nobody_is_made_to_use_two_factor_when_the_deployment_does_not_require_it() {
    let platform = Principal { platform_admin: true, ..Default::default() };
    assert!(!must_use_two_factor(false, &platform));
}
