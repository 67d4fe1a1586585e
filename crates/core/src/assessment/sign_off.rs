//! Who asks for a sign-off, who receives it, and when one person did both.
//!
//! Guarantees: a return counts as completed and signed off by the same person when
//! the person signing off is a safeguarding lead of the organisation, or is one of
//! those who asked for the sign-off; the warning shown before signing off uses the
//! same rule, so what a person is told matches what the return records. The lead(s)
//! told of a sign-off are those who asked (each once, in the order they asked), never
//! the person who signed off; when nobody asked, every lead is told instead.

use crate::tenancy::OrgRole;

/// The words shown to a person about to sign off a return they also completed.
pub const SAME_PERSON_WARNING: &str = "You are both the safeguarding lead and the senior sign-off for this \
     return. Partnerships will see that one person did both.";

/// What partnerships read on such a return.
pub const SAME_PERSON_NOTE: &str = "Completed and signed off by the same person";

/// Whether `signer`, holding `roles` in the organisation, completed the return as
/// well as signing it off; `requesters` asked for this sign-off.
pub fn one_person_did_both(
    signer: i64,
    roles: impl IntoIterator<Item = OrgRole>,
    requesters: &[i64],
) -> bool {
    roles.into_iter().any(|r| r == OrgRole::SafeguardingLead) || requesters.contains(&signer)
}

/// Who is told that the return is signed off: those who asked (each once), without
/// the signer; every lead when nobody asked.
pub fn told_of_sign_off(signer: i64, requesters: &[i64], leads: &[i64]) -> Vec<i64> {
    let from = if requesters.is_empty() { leads } else { requesters };
    let mut told: Vec<i64> = Vec::new();
    for &who in from {
        if who != signer && !told.contains(&who) {
            told.push(who);
        }
    }
    told
}

#[cfg(test)]
mod tests {
    use super::*;
    use OrgRole::*;

    #[test]
    fn a_lead_who_signs_off_did_both() {
        assert!(one_person_did_both(7, [SafeguardingLead, SeniorSignOff], &[]));
        assert!(one_person_did_both(7, [SeniorSignOff, SafeguardingLead], &[3]));
    }

    #[test]
    fn a_sign_off_who_asked_for_their_own_sign_off_did_both() {
        assert!(one_person_did_both(7, [SeniorSignOff], &[3, 7]));
    }

    #[test]
    fn a_separate_sign_off_did_not() {
        assert!(!one_person_did_both(7, [SeniorSignOff], &[3]));
        assert!(!one_person_did_both(7, [SeniorSignOff, Contributor], &[]));
        assert!(!one_person_did_both(7, [], &[]), "a platform admin holds no role");
    }

    #[test]
    fn those_who_asked_are_told_once_each_and_never_the_signer() {
        assert_eq!(told_of_sign_off(7, &[3, 4, 3, 7], &[3, 4, 5]), vec![3, 4]);
        assert_eq!(told_of_sign_off(7, &[7], &[7, 5]), Vec::<i64>::new(), "only the signer asked");
    }

    #[test]
    fn when_nobody_asked_every_lead_but_the_signer_is_told() {
        assert_eq!(told_of_sign_off(7, &[], &[5, 7, 6]), vec![5, 6]);
        assert_eq!(told_of_sign_off(7, &[], &[]), Vec::<i64>::new());
    }
}
