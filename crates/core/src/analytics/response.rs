//! The response rate of a cycle and who is outstanding.
//!
//! The rate is submitted returns of invited organisations, as partnerships report it
//! ("of the 25 agencies invited, 23 submitted a return, giving a response rate of
//! 92%; non-submission had been confirmed in advance in the other two"): confirmed
//! non-submissions stay in the denominator and are reported as their own figure beside
//! the rate, never hidden in it.
//!
//! Guarantees: the counts by state add up to the invited count; the rate is submitted
//! of invited as a whole percentage rounded half up (see [`percent`]), 0 for no
//! invitations; the outstanding list holds exactly the invitations not started or in
//! progress, and the confirmed non-submissions list exactly those confirmed, with
//! their reasons, each in name order, whatever the input order.

use serde::Serialize;

use super::cohort::Cohort;
use super::facts::InvitationState;
use super::percent::percent;

/// The response rate of a cycle (or of a filtered view of it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResponseRate {
    pub invited: usize,
    pub submitted: usize,
    pub in_progress: usize,
    pub not_started: usize,
    /// Exempt, with non-submission confirmed in advance: shown apart.
    pub confirmed_non_submission: usize,
    /// Submitted of invited, as a whole percentage.
    pub rate_percent: u32,
    /// Invitations not started or in progress, in name order.
    pub outstanding: Vec<Outstanding>,
    /// The confirmed non-submissions, named with their reasons, in name order: the
    /// board report names them apart from those still outstanding.
    pub confirmed: Vec<Confirmed>,
}

/// An organisation whose non-submission the partnership confirmed in advance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Confirmed {
    pub organisation: i64,
    pub name: String,
    /// The reason recorded when it was confirmed (empty if none was recorded).
    pub reason: String,
}

/// An invitation the partnership is still waiting on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Outstanding {
    pub organisation: i64,
    pub name: String,
    pub state: InvitationState,
}

/// The response rate and the outstanding list of the organisations in `cohort`.
pub fn response_rate(cohort: &Cohort) -> ResponseRate {
    let mut rate = ResponseRate {
        invited: cohort.len(),
        submitted: 0,
        in_progress: 0,
        not_started: 0,
        confirmed_non_submission: 0,
        rate_percent: 0,
        outstanding: Vec::new(),
        confirmed: Vec::new(),
    };
    for o in cohort.members() {
        match o.invitation {
            InvitationState::Submitted => rate.submitted += 1,
            InvitationState::ConfirmedNonSubmission => rate.confirmed_non_submission += 1,
            InvitationState::InProgress => rate.in_progress += 1,
            InvitationState::NotStarted => rate.not_started += 1,
        }
        if o.invitation == InvitationState::ConfirmedNonSubmission {
            rate.confirmed.push(Confirmed {
                organisation: o.organisation,
                name: o.name.clone(),
                reason: o.non_submission_reason.clone().unwrap_or_default(),
            });
        }
        if o.invitation.is_outstanding() {
            rate.outstanding.push(Outstanding {
                organisation: o.organisation,
                name: o.name.clone(),
                state: o.invitation,
            });
        }
    }
    rate.rate_percent = percent(rate.submitted, rate.invited);
    rate
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::OrganisationFacts;
    use crate::analytics::fixtures::org;
    use InvitationState::*;

    fn invited(states: &[InvitationState]) -> Vec<OrganisationFacts> {
        states
            .iter()
            .enumerate()
            .map(|(i, s)| org(i as i64 + 1, &format!("Org {i:02}")).state(*s).build())
            .collect()
    }

    #[test]
    fn twenty_three_of_twenty_five_with_two_confirmed_non_submissions_is_92_per_cent() {
        let mut states = vec![Submitted; 23];
        states.extend([ConfirmedNonSubmission; 2]);
        let facts = invited(&states);
        let rate = response_rate(&Cohort::everyone(&facts));
        assert_eq!(rate.invited, 25);
        assert_eq!(rate.submitted, 23);
        assert_eq!(rate.confirmed_non_submission, 2, "shown apart");
        assert_eq!(rate.rate_percent, 92);
        assert!(rate.outstanding.is_empty(), "a confirmed non-submission is not outstanding");
    }

    #[test]
    fn confirmed_non_submissions_are_named_with_their_reasons_in_name_order() {
        let facts = vec![
            org(1, "Willow nursery").state(ConfirmedNonSubmission).reason("Closed in March").build(),
            org(2, "Ash academy").state(ConfirmedNonSubmission).reason("Merged into the trust").build(),
            org(3, "Beech council").state(NotStarted).build(),
        ];
        let rate = response_rate(&Cohort::everyone(&facts));
        let confirmed: Vec<_> = rate.confirmed.iter().map(|c| (c.name.as_str(), c.reason.as_str())).collect();
        assert_eq!(
            confirmed,
            [("Ash academy", "Merged into the trust"), ("Willow nursery", "Closed in March")]
        );
        assert_eq!(rate.outstanding.len(), 1, "only Beech council is outstanding");
    }

    #[test]
    fn no_invitations_give_zeros() {
        let rate = response_rate(&Cohort::everyone(&[]));
        assert_eq!(
            rate,
            ResponseRate {
                invited: 0,
                submitted: 0,
                in_progress: 0,
                not_started: 0,
                confirmed_non_submission: 0,
                rate_percent: 0,
                outstanding: vec![],
                confirmed: vec![],
            }
        );
    }

    #[test]
    fn outstanding_are_the_not_started_and_in_progress_in_name_order() {
        let facts = vec![
            org(4, "Willow nursery").state(NotStarted).build(),
            org(1, "Ash academy").state(Submitted).build(),
            org(3, "birch surgery").state(InProgress).build(),
            org(2, "Beech council").state(ConfirmedNonSubmission).build(),
            org(5, "Alder club").state(InProgress).build(),
        ];
        let rate = response_rate(&Cohort::everyone(&facts));
        let outstanding: Vec<_> = rate.outstanding.iter().map(|o| (o.organisation, o.state)).collect();
        assert_eq!(outstanding, [(5, InProgress), (3, InProgress), (4, NotStarted)]);
        assert_eq!((rate.in_progress, rate.not_started), (2, 1));
        assert_eq!(rate.rate_percent, 20);
        let confirmed: Vec<_> = rate.confirmed.iter().map(|c| (c.organisation, c.reason.as_str())).collect();
        assert_eq!(confirmed, [(2, "")], "named apart from the outstanding");
        let mut reversed = facts.clone();
        reversed.reverse();
        assert_eq!(response_rate(&Cohort::everyone(&reversed)), rate);
    }

    #[test]
    fn the_rate_follows_the_filter() {
        let facts = vec![
            org(1, "A").serves(&[1]).build(),
            org(2, "B").serves(&[2]).state(NotStarted).build(),
            org(3, "C").serves(&[1, 2]).build(),
        ];
        let p2 = response_rate(&Cohort::new(&facts, &crate::analytics::Filter::partnership(2)));
        assert_eq!((p2.invited, p2.submitted, p2.rate_percent), (2, 1, 50));
        let region = response_rate(&Cohort::everyone(&facts));
        assert_eq!((region.invited, region.submitted, region.rate_percent), (3, 2, 67));
    }
}
