//! Property tests: the rounding and rate guarantees for any counts, and the same
//! output for the same facts in any order, on random regions (with repeated rows for
//! one organisation, shared partnerships, every invitation state and gaps in the
//! standings).

use std::collections::BTreeMap;

use proptest::prelude::*;

use super::fixtures::standards;
use super::*;
use crate::framework::Standing;
use crate::tenancy::{DutyStatus, Sector};

fn organisation() -> impl Strategy<Value = OrganisationFacts> {
    (
        0i64..25,
        0usize..Sector::ALL.len(),
        0usize..DutyStatus::ALL.len(),
        prop::collection::vec(1i64..4, 0..3),
        0usize..InvitationState::ALL.len(),
        prop::collection::vec(prop::option::of(0usize..3), 3),
        prop::option::of(prop_oneof![0.0f64..=100.0, Just(100.0), Just(f64::NAN), -5.0f64..0.0]),
    )
        .prop_map(|(id, sector, duty, partnerships, state, standings, value)| OrganisationFacts {
            organisation: id,
            // Names repeat, so ties are broken by id.
            name: format!("Organisation {}", id % 6),
            sector: Sector::ALL[sector],
            duty: DutyStatus::ALL[duty],
            partnerships,
            invitation: InvitationState::ALL[state],
            standings: standings
                .into_iter()
                .enumerate()
                .filter_map(|(i, s)| Some(((i + 1).to_string(), Standing::ALL[s?])))
                .collect::<BTreeMap<_, _>>(),
            values: value.map(|v| ("2.3".to_owned(), v)).into_iter().collect(),
        })
}

/// A region, and the same region in another order.
fn region_twice() -> impl Strategy<Value = (Vec<OrganisationFacts>, Vec<OrganisationFacts>)> {
    prop::collection::vec(organisation(), 0..40).prop_flat_map(|v| (Just(v.clone()), Just(v).prop_shuffle()))
}

fn check_shares(s: &StandardShares) -> Result<(), TestCaseError> {
    let counts: usize = s.shares.iter().map(|x| x.count).sum();
    let percents: u32 = s.shares.iter().map(|x| x.percent).sum();
    prop_assert_eq!(counts, s.counted);
    prop_assert_eq!(percents, if s.counted == 0 { 0 } else { 100 });
    Ok(())
}

proptest! {
    #[test]
    fn whole_percentages_sum_to_100_and_stay_within_a_point(counts in prop::collection::vec(0usize..1000, 0..8)) {
        let percents = whole_percentages(&counts);
        let total: usize = counts.iter().sum();
        prop_assert_eq!(percents.len(), counts.len());
        prop_assert_eq!(percents.iter().sum::<u32>(), if total == 0 { 0 } else { 100 });
        for (i, (&c, &p)) in counts.iter().zip(&percents).enumerate() {
            if total > 0 {
                // |p - 100c/total| < 1, in whole numbers.
                prop_assert!((p as i64 * total as i64 - c as i64 * 100).unsigned_abs() < total as u64, "{i}");
            }
            for (&d, &q) in counts.iter().zip(&percents) {
                prop_assert!(c <= d || p >= q, "a larger count never shows a smaller percentage");
            }
        }
    }

    #[test]
    fn rates_stay_in_bounds(whole in 0usize..10_000, part_seed in 0usize..10_000) {
        let part = if whole == 0 { 0 } else { part_seed % (whole + 1) };
        let rate = rate_percent(part, whole);
        prop_assert!(rate <= 100);
        prop_assert_eq!(rate == 100, whole > 0 && part == whole);
        prop_assert_eq!(rate == 0, part == 0);
        if whole > 0 {
            prop_assert!((rate as i64 * whole as i64 - part as i64 * 100).unsigned_abs() <= whole as u64);
        }
    }

    #[test]
    fn the_response_rate_adds_up(facts in prop::collection::vec(organisation(), 0..40)) {
        let rate = response_rate(&Cohort::everyone(&facts));
        prop_assert_eq!(rate.invited, rate.submitted + rate.in_progress + rate.not_started + rate.confirmed_non_submission);
        prop_assert_eq!(rate.outstanding.len(), rate.in_progress + rate.not_started);
        prop_assert!(rate.rate_percent <= 100);
        prop_assert_eq!(rate.rate_percent == 100, rate.invited > 0 && rate.submitted == rate.invited);
        prop_assert_eq!(rate.rate_percent == 0, rate.submitted == 0);
        let mut ids: Vec<i64> = facts.iter().map(|o| o.organisation).collect();
        ids.sort_unstable();
        ids.dedup();
        prop_assert_eq!(rate.invited, ids.len(), "each organisation once");
    }

    #[test]
    fn shares_and_bars_always_add_up(facts in prop::collection::vec(organisation(), 0..40), p in 1i64..4) {
        for cohort in [Cohort::everyone(&facts), Cohort::new(&facts, &Filter::partnership(p))] {
            let shares = standard_shares(&standards(), &cohort);
            for s in &shares {
                check_shares(s)?;
                prop_assert!(s.counted <= cohort.submitted().count());
            }
            for bar in stacked_bars(&shares) {
                let end = bar.segments.last().map(|s| s.start + s.width).unwrap_or(0);
                prop_assert_eq!(end, if bar.total == 0 { 0 } else { 100 });
            }
            for group in by_sector(&standards(), &cohort).iter().map(|g| &g.standards)
                .chain(by_duty(&standards(), &cohort).iter().map(|g| &g.standards))
                .chain(by_partnership(&standards(), &cohort).iter().map(|g| &g.standards)) {
                for s in group {
                    check_shares(s)?;
                }
            }
        }
    }

    #[test]
    fn a_partnership_view_keeps_exactly_those_serving_it(facts in prop::collection::vec(organisation(), 0..40), p in 1i64..4) {
        let region = Cohort::everyone(&facts);
        let view = Cohort::new(&facts, &Filter::partnership(p));
        prop_assert!(view.len() <= region.len());
        prop_assert!(view.members().iter().all(|o| o.partnerships.contains(&p)));
        let serving: std::collections::BTreeSet<i64> =
            facts.iter().filter(|o| o.partnerships.contains(&p)).map(|o| o.organisation).collect();
        prop_assert_eq!(view.len(), serving.len());
    }

    #[test]
    fn the_same_facts_in_any_order_give_the_same_outputs(
        (facts, shuffled) in region_twice(),
        (previous, previous_shuffled) in region_twice(),
        p in 1i64..4,
    ) {
        let s = standards();
        for filter in [Filter::everyone(), Filter::partnership(p)] {
            let (a, b) = (Cohort::new(&facts, &filter), Cohort::new(&shuffled, &filter));
            // Debug text, since a NaN value is never equal to itself.
            prop_assert_eq!(format!("{a:?}"), format!("{b:?}"));
            prop_assert_eq!(response_rate(&a), response_rate(&b));
            prop_assert_eq!(standard_shares(&s, &a), standard_shares(&s, &b));
            prop_assert_eq!(heat_map(&s, &a), heat_map(&s, &b));
            prop_assert_eq!(by_sector(&s, &a), by_sector(&s, &b));
            prop_assert_eq!(by_duty(&s, &a), by_duty(&s, &b));
            prop_assert_eq!(by_partnership(&s, &a), by_partnership(&s, &b));
            let (pa, pb) = (Cohort::new(&previous, &filter), Cohort::new(&previous_shuffled, &filter));
            prop_assert_eq!(change_since(&s, &a, &pa), change_since(&s, &b, &pb));
            prop_assert_eq!(
                criterion_distribution("2.3", Scale::Percentage, &a),
                criterion_distribution("2.3", Scale::Percentage, &b)
            );
            for o in a.members() {
                prop_assert_eq!(benchmark(&s, &a, o.organisation), benchmark(&s, &b, o.organisation));
            }
        }
    }
}
