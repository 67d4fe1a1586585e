//! Where a return goes. An organisation serving several partnerships completes one
//! assessment per framework, but a children's framework return is no business of an
//! adults' partnership (nor an adults' one of a children's): by default a return goes
//! to the partnerships whose people the framework is about, and a joint partnership
//! takes both. A joint framework is about everyone, so it goes to all of them. The
//! safeguarding lead may change that choice on the submit page, but only among the
//! partnerships the organisation serves.

use crate::framework::Audience;
use crate::tenancy::PartnershipKind;

/// Whether a return on a framework of `audience` goes, unless the lead says otherwise,
/// to a partnership of `kind`. A partnership's own self-assessment goes to nobody.
pub fn goes_by_default(audience: Audience, kind: PartnershipKind) -> bool {
    use PartnershipKind as K;
    match audience {
        Audience::Children => matches!(kind, K::Children | K::Joint),
        Audience::Adults => matches!(kind, K::Adults | K::Joint),
        Audience::Joint => true,
        Audience::Partnership => false,
    }
}

/// The partnerships ticked when the submit page first shows: those of `served`
/// (id, kind) a return of `audience` goes to by default, in the order given.
pub fn default_routes(audience: Audience, served: &[(i64, PartnershipKind)]) -> Vec<i64> {
    served.iter().filter(|(_, kind)| goes_by_default(audience, *kind)).map(|(id, _)| *id).collect()
}

/// Why a lead's choice of partnerships cannot be sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RouteError {
    /// Nothing was ticked.
    NoneChosen,
    /// A partnership the organisation does not serve (a forged or stale form).
    NotServed(i64),
}

impl std::fmt::Display for RouteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RouteError::NoneChosen => f.write_str("Select at least one partnership"),
            RouteError::NotServed(_) => f.write_str("Select only partnerships your organisation serves"),
        }
    }
}

/// The lead's choice checked against the partnerships the organisation serves:
/// each chosen once, in the order of `served`. Any partnership not served refuses the
/// whole choice, so nothing is sent to a partnership nobody meant.
pub fn chosen_routes(served: &[i64], chosen: &[i64]) -> Result<Vec<i64>, RouteError> {
    if let Some(stranger) = chosen.iter().find(|c| !served.contains(c)) {
        return Err(RouteError::NotServed(*stranger));
    }
    let routes: Vec<i64> = served.iter().copied().filter(|s| chosen.contains(s)).collect();
    if routes.is_empty() {
        return Err(RouteError::NoneChosen);
    }
    Ok(routes)
}

/// Partnership names as a sentence says them: "A", "A and B", "A, B and C".
pub fn in_words(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use PartnershipKind as K;

    const SERVED: &[(i64, PartnershipKind)] = &[(1, K::Children), (2, K::Adults), (3, K::Joint)];

    #[test]
    fn a_childrens_return_goes_to_childrens_and_joint_partnerships() {
        assert_eq!(default_routes(Audience::Children, SERVED), vec![1, 3]);
    }

    #[test]
    fn an_adults_return_goes_to_adults_and_joint_partnerships() {
        assert_eq!(default_routes(Audience::Adults, SERVED), vec![2, 3]);
    }

    #[test]
    fn a_joint_return_goes_to_every_partnership() {
        assert_eq!(default_routes(Audience::Joint, SERVED), vec![1, 2, 3]);
    }

    #[test]
    fn a_partnerships_own_self_assessment_goes_nowhere() {
        assert!(default_routes(Audience::Partnership, SERVED).is_empty());
    }

    #[test]
    fn an_organisation_serving_only_the_other_audience_has_nothing_ticked() {
        assert!(default_routes(Audience::Children, &[(2, K::Adults)]).is_empty());
        assert!(default_routes(Audience::Adults, &[(1, K::Children), (4, K::Children)]).is_empty());
    }

    #[test]
    fn the_default_agrees_with_the_frameworks_partnerships_may_ask_for_except_joint() {
        // A partnership that may ask for a framework always receives its returns; a
        // joint framework goes further, to partnerships that would not ask for it.
        for audience in Audience::ALL {
            for kind in K::ALL {
                if crate::cycle_setup::may_use_framework(*kind, *audience) {
                    assert!(goes_by_default(*audience, *kind), "{audience:?} to {kind:?}");
                }
            }
        }
        assert!(goes_by_default(Audience::Joint, K::Children));
        assert!(!crate::cycle_setup::may_use_framework(K::Children, Audience::Joint));
    }

    #[test]
    fn the_lead_may_choose_any_served_partnership() {
        assert_eq!(chosen_routes(&[1, 2, 3], &[2]), Ok(vec![2]));
        assert_eq!(chosen_routes(&[1, 2, 3], &[3, 1]), Ok(vec![1, 3]), "in the order served");
        assert_eq!(chosen_routes(&[1, 2, 3], &[2, 2]), Ok(vec![2]), "each once");
    }

    #[test]
    fn names_read_as_a_sentence() {
        let names = |n: &[&str]| n.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(in_words(&names(&[])), "");
        assert_eq!(in_words(&names(&["Kestrel"])), "Kestrel");
        assert_eq!(in_words(&names(&["Kestrel", "Heron"])), "Kestrel and Heron");
        assert_eq!(in_words(&names(&["Kestrel", "Heron", "Wren"])), "Kestrel, Heron and Wren");
    }

    #[test]
    fn choosing_nothing_is_refused() {
        assert_eq!(chosen_routes(&[1, 2], &[]), Err(RouteError::NoneChosen));
        assert_eq!(chosen_routes(&[], &[]), Err(RouteError::NoneChosen));
        assert_eq!(RouteError::NoneChosen.to_string(), "Select at least one partnership");
    }

    #[test]
    fn a_partnership_not_served_refuses_the_whole_choice() {
        assert_eq!(chosen_routes(&[1, 2], &[1, 9]), Err(RouteError::NotServed(9)));
        assert_eq!(chosen_routes(&[], &[9]), Err(RouteError::NotServed(9)));
    }
}
