//! Property tests: the rounding and rate guarantees for any counts, and the same
//! output for the same facts in any order, on random regions (with repeated rows for
//! one organisation, shared partnerships, every invitation state and gaps in the
//! standings).

use std::collections::BTreeMap;

use proptest::prelude::*;

use super::fixtures::standards;
use super::*;
use crate::framework::{Rating, Standing};
use crate::tenancy::{DutyStatus, Sector};

fn organisation() -> impl Strategy<Value = OrganisationFacts> {
    (
        0i64..25,
        0usize..Sector::ALL.len(),
        0usize..DutyStatus::ALL.len(),
        prop::collection::vec(1i64..4, 0..3),
        0usize..InvitationState::ALL.len(),
        prop::collection::vec(prop::option::of(0usize..4), 3),
        prop::option::of(prop_oneof![0.0f64..=100.0, Just(100.0), Just(f64::NAN), -5.0f64..0.0]),
        prop::collection::vec(prop::option::of(0usize..Rating::ALL.len()), 2),
    )
        .prop_map(|(id, sector, duty, partnerships, state, standings, value, ratings)| {
            OrganisationFacts {
                organisation: id,
                // Names repeat, so ties are broken by id.
                name: format!("Organisation {}", id % 6),
                framework: 1,
                sector: Sector::ALL[sector],
                duty: DutyStatus::ALL[duty],
                partnerships,
                invitation: InvitationState::ALL[state],
                // 3 stands for a standard answered not applicable throughout: green, as
                // the rule gives, and marked as not applying.
                standings: standings
                    .iter()
                    .enumerate()
                    .filter_map(|(i, s)| {
                        let standing = if *s == Some(3) { Standing::Green } else { Standing::ALL[(*s)?] };
                        Some(((i + 1).to_string(), standing))
                    })
                    .collect::<BTreeMap<_, _>>(),
                not_applicable: standings
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| **s == Some(3))
                    .map(|(i, _)| (i + 1).to_string())
                    .collect(),
                ratings: ratings
                    .into_iter()
                    .enumerate()
                    .filter_map(|(i, r)| Some((format!("1.{}", i + 1), Rating::ALL[r?])))
                    .collect(),
                values: value.map(|v| ("2.3".to_owned(), v)).into_iter().collect(),
                non_submission_reason: None,
            }
        })
}

/// A region, and the same region in another order.
fn region_twice() -> impl Strategy<Value = (Vec<OrganisationFacts>, Vec<OrganisationFacts>)> {
    prop::collection::vec(organisation(), 0..40).prop_flat_map(|v| (Just(v.clone()), Just(v).prop_shuffle()))
}

/// A tally's shares: the outcome counts sum to those for whom it applies; each figure
/// is its count over that denominator rounded half up on its own (so depends on
/// nothing else); a row of figures is within a point or two of 100.
fn check_shares(s: &Tally) -> Result<(), TestCaseError> {
    let counts: usize = s.shares.iter().map(|x| x.count).sum();
    prop_assert_eq!(counts, s.counted);
    for share in &s.shares {
        prop_assert_eq!(share.percent, percent(share.count, s.counted));
    }
    let percents: u32 = s.shares.iter().map(|x| x.percent).sum();
    if s.counted == 0 {
        prop_assert_eq!(percents, 0);
    } else {
        prop_assert!((99..=101).contains(&percents), "{percents}");
    }
    Ok(())
}

/// How many submitted returns of `cohort` answered a standard not applicable, as a
/// hand count from the facts.
fn answered_not_applicable(cohort: &Cohort, standard: &str) -> usize {
    cohort.submitted().filter(|o| o.not_applicable.contains(standard)).count()
}

proptest! {
    #[test]
    fn a_figure_depends_only_on_its_numerator_and_denominator(part in 0usize..5000, whole in 1usize..5000, k in 1usize..20) {
        let part = part % (whole + 1);
        let p = percent(part, whole);
        // Half up: p - 1/2 <= 100 part / whole < p + 1/2, in whole numbers.
        prop_assert!(200 * part as u64 + whole as u64 >= 2 * whole as u64 * p as u64);
        prop_assert!(200 * (part as u64) < (2 * p as u64 + 1) * whole as u64);
        // The same share as another fraction shows the same figure.
        prop_assert_eq!(percent(part * k, whole * k), p);
    }

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
        let rate = percent(part, whole);
        prop_assert!(rate <= 100);
        if whole > 0 {
            prop_assert!((rate as i64 * whole as i64 - part as i64 * 100).unsigned_abs() * 2 <= whole as u64);
        }
    }

    #[test]
    fn the_response_rate_adds_up(facts in prop::collection::vec(organisation(), 0..40)) {
        let rate = response_rate(&Cohort::everyone(&facts));
        prop_assert_eq!(rate.invited, rate.submitted + rate.in_progress + rate.not_started + rate.confirmed_non_submission);
        prop_assert_eq!(rate.outstanding.len(), rate.in_progress + rate.not_started);
        prop_assert_eq!(rate.rate_percent, percent(rate.submitted, rate.invited));
        prop_assert_eq!(rate.confirmed.len(), rate.confirmed_non_submission);
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
                // Every submitted return is in the share, counted as not applicable,
                // or counted as not asked: the shares sum to the applicable count.
                prop_assert_eq!(s.submitted(), cohort.submitted().count());
                prop_assert_eq!(s.not_applicable, answered_not_applicable(&cohort, &s.standard.code));
                let fully_met_by_hand = cohort
                    .submitted()
                    .filter(|o| o.standings.get(&s.standard.code) == Some(&Standing::Green))
                    .filter(|o| !o.not_applicable.contains(&s.standard.code))
                    .count();
                prop_assert_eq!(s.fully_met().count, fully_met_by_hand, "not applicable never counts as fully met");
            }
            let criteria = [("1.1", "1"), ("1.2", "1")].map(|(code, standard)| CriterionHeading {
                standard: standard.into(),
                code: code.into(),
                question: code.into(),
            });
            for c in criterion_shares(&criteria, &cohort) {
                check_shares(&c)?;
                prop_assert_eq!(c.submitted(), cohort.submitted().count());
                let rated_not_applicable = cohort
                    .submitted()
                    .filter(|o| o.ratings.get(&c.criterion.code) == Some(&Rating::NotApplicable))
                    .count();
                prop_assert_eq!(c.not_applicable, rated_not_applicable);
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
                    prop_assert_eq!(s.fully_met().percent, percent(s.fully_met().count, s.counted));
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
