//! Change since the previous cycle, per standard.
//!
//! Two figures: the difference in the share fully met, in percentage points, between
//! all returns of each cycle (the headline a board reads: "90% fully met, up from
//! 80%"); and, for the organisations that returned in both cycles (matched by id), who
//! improved, who worsened and how many stayed the same.
//!
//! Guarantees: the difference is taken between the whole percentages shown for each
//! cycle, so the table never disagrees with itself; it is absent (never 0, never NaN)
//! when either cycle has no return for whom the standard applies. Each cycle's share
//! is of the organisations for whom the standard applied in that cycle. An
//! organisation is compared on a standard only when it applies in both its returns.
//! Red, then amber, then green is better; lists are in name order, whatever the input
//! order.

use std::collections::HashMap;

use serde::Serialize;

use super::cohort::Cohort;
use super::facts::{OrganisationFacts, StandardHeading};
use super::shares::shares_of;
use crate::framework::Standing;

/// One standard's change between two cycles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StandardChange {
    pub standard: StandardHeading,
    /// Whole percentage fully met in the previous cycle; `None` when no previous
    /// return had a standing for this standard.
    pub previous_fully_met: Option<u32>,
    /// Whole percentage fully met in this cycle; `None` when no return has a standing
    /// for this standard yet.
    pub current_fully_met: Option<u32>,
    /// The previous cycle's returns for whom the standard applied: its denominator.
    pub previous_counted: usize,
    /// This cycle's returns for whom the standard applies: its denominator.
    pub current_counted: usize,
    /// This cycle's percentage less the previous one, when both exist.
    pub points: Option<i32>,
    pub improved: Vec<Movement>,
    pub worsened: Vec<Movement>,
    /// Organisations with the same standing in both cycles.
    pub unchanged: usize,
}

/// One organisation whose standing on a standard moved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Movement {
    pub organisation: i64,
    pub name: String,
    pub previous: Standing,
    pub current: Standing,
}

/// Per standard, in the order given, what changed from `previous` to `current`.
/// Build both cohorts with the same filter to compare like with like.
pub fn change_since(
    standards: &[StandardHeading],
    current: &Cohort,
    previous: &Cohort,
) -> Vec<StandardChange> {
    let earlier: HashMap<i64, &OrganisationFacts> =
        previous.submitted().map(|o| (o.organisation, o)).collect();
    standards
        .iter()
        .map(|standard| {
            let fully_met = |cohort: &Cohort| {
                let shares = shares_of(standard, cohort.submitted());
                ((shares.counted > 0).then_some(shares.fully_met().percent), shares.counted)
            };
            let ((previous_fully_met, previous_counted), (current_fully_met, current_counted)) =
                (fully_met(previous), fully_met(current));
            let points = match (previous_fully_met, current_fully_met) {
                (Some(before), Some(now)) => Some(now as i32 - before as i32),
                _ => None,
            };
            let mut change = StandardChange {
                standard: standard.clone(),
                previous_fully_met,
                current_fully_met,
                previous_counted,
                current_counted,
                points,
                improved: Vec::new(),
                worsened: Vec::new(),
                unchanged: 0,
            };
            for o in current.submitted() {
                // A standard answered not applicable in either return is not compared.
                let now = o.applicable_standing(&standard.code);
                let before = earlier.get(&o.organisation).and_then(|p| p.applicable_standing(&standard.code));
                let (Some(before), Some(now)) = (before, now) else { continue };
                let movement = || Movement {
                    organisation: o.organisation,
                    name: o.name.clone(),
                    previous: before,
                    current: now,
                };
                match rank(now).cmp(&rank(before)) {
                    std::cmp::Ordering::Greater => change.improved.push(movement()),
                    std::cmp::Ordering::Less => change.worsened.push(movement()),
                    std::cmp::Ordering::Equal => change.unchanged += 1,
                }
            }
            change
        })
        .collect()
}

/// Higher is better.
fn rank(standing: Standing) -> u8 {
    match standing {
        Standing::Red => 0,
        Standing::Amber => 1,
        Standing::Green => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::fixtures::{org, standards};
    use crate::analytics::{Filter, InvitationState};
    use Standing::*;

    fn moved(list: &[Movement]) -> Vec<(i64, Standing, Standing)> {
        list.iter().map(|m| (m.organisation, m.previous, m.current)).collect()
    }

    #[test]
    fn points_and_movements_per_standard() {
        let before = vec![
            org(1, "A").standings(&[Red, Green]).build(),
            org(2, "B").standings(&[Amber, Green]).build(),
            org(3, "C").standings(&[Green, Green]).build(),
            org(4, "D (gone)").standings(&[Green, Green]).build(),
        ];
        let now = vec![
            org(1, "A").standings(&[Green, Green]).build(),
            org(2, "B").standings(&[Red, Amber]).build(),
            org(3, "C").standings(&[Green, Green]).build(),
            org(5, "E (new)").standings(&[Green, Red]).build(),
        ];
        let change = change_since(&standards(), &Cohort::everyone(&now), &Cohort::everyone(&before));
        // Standard 1: 2 of 4 fully met before (50%), 3 of 4 now (75%).
        assert_eq!(
            (change[0].previous_fully_met, change[0].current_fully_met, change[0].points),
            (Some(50), Some(75), Some(25))
        );
        assert_eq!(moved(&change[0].improved), [(1, Red, Green)]);
        assert_eq!(moved(&change[0].worsened), [(2, Amber, Red)]);
        assert_eq!(change[0].unchanged, 1, "only C; D and E were not in both cycles");
        // Standard 2: 100% before, 2 of 4 (50%) now.
        assert_eq!(change[1].points, Some(-50));
        assert_eq!(moved(&change[1].worsened), [(2, Green, Amber)]);
        assert_eq!((change[1].improved.len(), change[1].unchanged), (0, 2));
        // Standard 3: no standing in either cycle.
        assert_eq!(
            (change[2].previous_fully_met, change[2].current_fully_met, change[2].points),
            (None, None, None)
        );
    }

    #[test]
    fn a_first_cycle_has_no_difference() {
        let now = vec![org(1, "A").standings(&[Green]).build()];
        let change = change_since(&standards()[..1], &Cohort::everyone(&now), &Cohort::everyone(&[]));
        assert_eq!(
            (change[0].previous_fully_met, change[0].current_fully_met, change[0].points),
            (None, Some(100), None)
        );
        assert!(change[0].improved.is_empty() && change[0].worsened.is_empty());
        assert_eq!(change[0].unchanged, 0);
    }

    #[test]
    fn nothing_in_either_cycle_gives_nothing_to_compare() {
        let change = change_since(&standards(), &Cohort::everyone(&[]), &Cohort::everyone(&[]));
        assert_eq!(change.len(), 3);
        assert!(change.iter().all(|c| c.points.is_none() && c.unchanged == 0));
    }

    #[test]
    fn only_submitted_returns_are_compared() {
        let before = vec![org(1, "A").standings(&[Red]).build()];
        let now = vec![org(1, "A").standings(&[Green]).state(InvitationState::InProgress).build()];
        let change = change_since(&standards()[..1], &Cohort::everyone(&now), &Cohort::everyone(&before));
        assert_eq!((change[0].previous_fully_met, change[0].current_fully_met), (Some(0), None));
        assert!(change[0].improved.is_empty());
    }

    #[test]
    fn the_same_filter_applies_to_both_cycles_and_order_does_not_matter() {
        let before = vec![
            org(1, "A").serves(&[1]).standings(&[Red]).build(),
            org(2, "B").serves(&[2]).standings(&[Red]).build(),
        ];
        let now = vec![
            org(2, "B").serves(&[2]).standings(&[Green]).build(),
            org(1, "A").serves(&[1]).standings(&[Green]).build(),
        ];
        let p1 = Filter::partnership(1);
        let change = change_since(&standards()[..1], &Cohort::new(&now, &p1), &Cohort::new(&before, &p1));
        assert_eq!(moved(&change[0].improved), [(1, Red, Green)]);
        let mut reversed = now.clone();
        reversed.reverse();
        let everyone = change_since(&standards(), &Cohort::everyone(&now), &Cohort::everyone(&before));
        assert_eq!(
            change_since(&standards(), &Cohort::everyone(&reversed), &Cohort::everyone(&before)),
            everyone
        );
        assert_eq!(moved(&everyone[0].improved), [(1, Red, Green), (2, Red, Green)]);
    }

    #[test]
    fn a_standard_not_applicable_is_left_out_of_both_shares_and_of_the_comparison() {
        let before = vec![
            org(1, "A").standings(&[Green]).not_applicable("1").build(),
            org(2, "B").standings(&[Red]).build(),
        ];
        let now = vec![
            org(1, "A").standings(&[Red]).build(),
            org(2, "B").standings(&[Green]).build(),
            org(3, "C").standings(&[Green]).not_applicable("1").build(),
        ];
        let change = change_since(&standards()[..1], &Cohort::everyone(&now), &Cohort::everyone(&before));
        let c = &change[0];
        assert_eq!((c.previous_fully_met, c.previous_counted), (Some(0), 1), "B only: 0 of 1");
        assert_eq!((c.current_fully_met, c.current_counted), (Some(50), 2), "A and B: 1 of 2");
        assert_eq!(moved(&c.improved), [(2, Red, Green)]);
        assert!(c.worsened.is_empty(), "A did not apply before, so it is not compared");
    }
}
