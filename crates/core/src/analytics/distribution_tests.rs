//! Distributions checked against figures worked out by hand (and in a spreadsheet with
//! QUARTILE.INC, MEDIAN and AVERAGE).

use super::*;
use crate::analytics::InvitationState;
use crate::analytics::fixtures::org;

fn summary_of(values: &[f64]) -> Summary {
    distribution("c", Scale::Percentage, values).summary.expect("values given")
}

fn bins(d: &Distribution) -> Vec<(&str, usize, u32)> {
    d.bins.iter().map(|b| (b.label.as_str(), b.count, b.percent)).collect()
}

#[test]
fn quartiles_of_an_even_count_interpolate() {
    // n = 8: positions 1.75, 3.5 and 5.25 counted from 0.
    let s = summary_of(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0]);
    assert_eq!((s.min, s.lower_quartile, s.median, s.upper_quartile, s.max), (1.0, 2.75, 4.5, 6.25, 8.0));
    assert_eq!(s.mean, 4.5);
}

#[test]
fn quartiles_of_an_odd_count() {
    // n = 7: positions 1.5, 3 and 4.5. Q1 = 4 + 0.5 × (4 - 4) = 4, Q3 = 7 + 0.5 × (9 - 7) = 8.
    let s = summary_of(&[10.0, 4.0, 2.0, 9.0, 4.0, 7.0, 5.0]);
    assert_eq!((s.min, s.lower_quartile, s.median, s.upper_quartile, s.max), (2.0, 4.0, 5.0, 8.0, 10.0));
    assert!((s.mean - 41.0 / 7.0).abs() < 1e-12);
}

#[test]
fn quartiles_of_training_compliance() {
    // Sorted: 60, 72, 88, 95, 100. Positions 1, 2 and 3 fall on values exactly.
    let s = summary_of(&[95.0, 100.0, 60.0, 88.0, 72.0]);
    assert_eq!((s.lower_quartile, s.median, s.upper_quartile), (72.0, 88.0, 95.0));
    assert_eq!(s.mean, 83.0);
    // Four values: positions 0.75, 1.5, 2.25 → 60 + .75 × 12, (72 + 88) / 2, 88 + .25 × 7.
    let s = summary_of(&[95.0, 60.0, 88.0, 72.0]);
    assert_eq!((s.lower_quartile, s.median, s.upper_quartile), (69.0, 80.0, 89.75));
}

#[test]
fn one_value_is_every_figure() {
    let s = summary_of(&[42.5]);
    assert_eq!(
        s,
        Summary {
            min: 42.5,
            lower_quartile: 42.5,
            median: 42.5,
            upper_quartile: 42.5,
            max: 42.5,
            mean: 42.5
        }
    );
}

#[test]
fn percentages_fall_in_ten_bins_with_100_in_the_last() {
    let d = distribution("2.3", Scale::Percentage, &[0.0, 9.9, 10.0, 55.0, 89.99, 90.0, 100.0, 100.0]);
    assert_eq!(d.count, 8);
    assert_eq!(d.bins.len(), 10);
    assert_eq!(d.bins[0].label, "0% to under 10%");
    assert_eq!(d.bins[9].label, "90% to 100%");
    let counts: Vec<_> = d.bins.iter().map(|b| b.count).collect();
    assert_eq!(counts, [2, 1, 0, 0, 0, 1, 0, 0, 1, 3]);
    let percents: Vec<_> = d.bins.iter().map(|b| b.percent).collect();
    // 2/8 = 25, 1/8 = 12.5 three times, 3/8 = 37.5: floors sum to 98, and the two
    // spare points go to the four equal remainders of .5 by larger count, then position.
    assert_eq!(percents, [25, 13, 0, 0, 0, 12, 0, 0, 12, 38]);
    assert_eq!(percents.iter().sum::<u32>(), 100);
    assert_eq!((d.bins[3].lower, d.bins[3].upper), (30.0, 40.0));
}

#[test]
fn values_the_scale_does_not_allow_are_ignored() {
    let d = distribution("c", Scale::Percentage, &[50.0, -1.0, 100.5, f64::NAN, f64::INFINITY]);
    assert_eq!((d.count, d.ignored), (1, 4));
    assert_eq!(d.summary.map(|s| s.mean), Some(50.0));
    let d = distribution("c", Scale::Count, &[3.0, 2.5, -1.0, 2e9, f64::NAN]);
    assert_eq!((d.count, d.ignored), (1, 4));
}

#[test]
fn small_counts_get_one_bin_per_number() {
    let d = distribution("c", Scale::Count, &[0.0, 3.0, 3.0, 9.0]);
    assert_eq!(d.bins.len(), 10);
    assert_eq!(bins(&d)[..4], [("0", 1, 25), ("1", 0, 0), ("2", 0, 0), ("3", 2, 50)]);
    assert_eq!(bins(&d)[9], ("9", 1, 25));
}

#[test]
fn larger_counts_get_round_bin_widths() {
    // Largest 10: width 1 would need 11 bins, so width 2 gives 0–1 up to 10–11.
    let d = distribution("c", Scale::Count, &[10.0, 1.0]);
    assert_eq!(
        bins(&d),
        [
            ("0 to 1", 1, 50),
            ("2 to 3", 0, 0),
            ("4 to 5", 0, 0),
            ("6 to 7", 0, 0),
            ("8 to 9", 0, 0),
            ("10 to 11", 1, 50)
        ]
    );
    // Largest 45: width 5 (0–4 … 45–49).
    let d = distribution("c", Scale::Count, &[45.0, 12.0, 0.0]);
    assert_eq!(d.bins.len(), 10);
    assert_eq!(bins(&d)[2], ("10 to 14", 1, 33));
    assert_eq!(bins(&d)[9], ("45 to 49", 1, 33));
    // Largest 1,250: width 200 (0–199 … 1,200–1,399).
    let d = distribution("c", Scale::Count, &[1250.0]);
    assert_eq!(d.bins.len(), 7);
    assert_eq!(bins(&d)[6], ("1,200 to 1,399", 1, 100));
    // The largest count allowed still fits ten bins.
    let d = distribution("c", Scale::Count, &[1e9]);
    assert_eq!(d.bins.len(), 6);
    assert_eq!(d.bins[5].label, "1,000,000,000 to 1,199,999,999");
}

#[test]
fn no_values_give_zeros_and_no_summary() {
    let d = distribution("c", Scale::Percentage, &[]);
    assert_eq!((d.count, d.ignored, d.summary), (0, 0, None));
    assert!(d.bins.iter().all(|b| b.count == 0 && b.percent == 0));
    assert_eq!(d.bins.len(), 10);
    let d = distribution("c", Scale::Count, &[]);
    assert_eq!((d.count, d.summary, d.bins.len()), (0, None, 0));
}

#[test]
fn only_submitted_returns_are_read_and_order_does_not_matter() {
    let facts = vec![
        org(1, "A").value("2.3", 0.1).build(),
        org(2, "B").value("2.3", 0.2).build(),
        org(3, "C").value("2.3", 0.7).build(),
        org(4, "D").value("2.3", 5.0).state(InvitationState::InProgress).build(),
        org(5, "E").value("1.1", 5.0).build(),
    ];
    let d = criterion_distribution("2.3", Scale::Percentage, &Cohort::everyone(&facts));
    assert_eq!(d.count, 3);
    assert_eq!(d.criterion, "2.3");
    let mut reversed = facts.clone();
    reversed.reverse();
    let again = criterion_distribution("2.3", Scale::Percentage, &Cohort::everyone(&reversed));
    assert_eq!(again, d);
    // Summed in sorted order, so the float sum is the same bit for bit.
    let shuffled = distribution("2.3", Scale::Percentage, &[0.7, 0.1, 0.2]);
    assert_eq!(shuffled.summary.map(|s| s.mean.to_bits()), d.summary.map(|s| s.mean.to_bits()));
}

#[test]
fn scales_come_from_answer_types() {
    assert_eq!(Scale::of(AnswerType::Percentage), Some(Scale::Percentage));
    assert_eq!(Scale::of(AnswerType::Number), Some(Scale::Count));
    assert_eq!(Scale::of(AnswerType::Rating), None);
    assert_eq!(Scale::of(AnswerType::Text), None);
}

#[test]
fn large_numbers_are_grouped_in_thousands() {
    assert_eq!(grouped(0), "0");
    assert_eq!(grouped(999), "999");
    assert_eq!(grouped(1000), "1,000");
    assert_eq!(grouped(1_234_567), "1,234,567");
}
