//! Whole percentages that people can add up.
//!
//! Guarantees: [`whole_percentages`] gives one whole number per count, and whenever the
//! counts are not all zero those numbers sum to exactly 100 (largest-remainder
//! rounding); each is within one point of the exact share, and a larger count never
//! shows a smaller percentage than a smaller count. [`rate_percent`] rounds one rate to
//! the nearest whole number but never shows 100 unless every one counted, nor 0 unless
//! none did. Nothing here divides by zero: no total gives zeros.

/// Whole percentages of `counts`, summing to exactly 100 unless every count is zero
/// (then all are zero).
///
/// Largest-remainder (Hamilton) rounding: every share is first rounded down, then the
/// points still missing from 100 go one each to the shares that lost the most in
/// rounding down. Among equal remainders the larger count goes first, then the
/// earlier one, so the result depends only on the counts and their order. Arithmetic is
/// on whole numbers, so there is no float error.
pub fn whole_percentages(counts: &[usize]) -> Vec<u32> {
    let total: u128 = counts.iter().map(|&c| c as u128).sum();
    if total == 0 {
        return vec![0; counts.len()];
    }
    let mut percents: Vec<u32> = Vec::with_capacity(counts.len());
    let mut remainders: Vec<(u128, usize, usize)> = Vec::with_capacity(counts.len());
    for (index, &count) in counts.iter().enumerate() {
        let scaled = count as u128 * 100;
        // scaled / total is at most 100, so it fits in a u32.
        percents.push((scaled / total) as u32);
        remainders.push((scaled % total, count, index));
    }
    let missing = 100 - percents.iter().sum::<u32>() as usize;
    // Largest remainder first; among equals the larger count, then the earlier one.
    remainders.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    for &(_, _, index) in remainders.iter().take(missing) {
        percents[index] += 1;
    }
    percents
}

/// `part` of `whole` as a whole percentage, rounded half up, except that a rate short of
/// everything never shows as 100 (it shows 99) and a rate above nothing never shows as
/// 0 (it shows 1). No whole gives 0; `part` above `whole` counts as all of it.
pub fn rate_percent(part: usize, whole: usize) -> u32 {
    if whole == 0 || part == 0 {
        return 0;
    }
    if part >= whole {
        return 100;
    }
    let (part, whole) = (part as u128, whole as u128);
    let rounded = ((part * 200 + whole) / (whole * 2)) as u32;
    rounded.clamp(1, 99)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_counted_gives_zeros() {
        assert_eq!(whole_percentages(&[]), Vec::<u32>::new());
        assert_eq!(whole_percentages(&[0, 0, 0]), [0, 0, 0]);
        assert_eq!(rate_percent(0, 0), 0);
        assert_eq!(rate_percent(3, 0), 0);
    }

    #[test]
    fn exact_shares_are_kept() {
        assert_eq!(whole_percentages(&[1, 1, 2]), [25, 25, 50]);
        assert_eq!(whole_percentages(&[9, 0, 1]), [90, 0, 10]);
        assert_eq!(whole_percentages(&[0, 7, 0]), [0, 100, 0]);
    }

    #[test]
    fn thirds_give_the_spare_point_to_the_first() {
        // 33.3 each: floors 33 + 33 + 33 = 99, one point to the earliest of three ties.
        assert_eq!(whole_percentages(&[1, 1, 1]), [34, 33, 33]);
    }

    #[test]
    fn the_largest_remainders_get_the_spare_points() {
        // 2/7 = 28.57, 2/7 = 28.57, 3/7 = 42.86: floors 28 + 28 + 42 = 98.
        // Remainders .57, .57, .86: the third and then the first get a point.
        assert_eq!(whole_percentages(&[2, 2, 3]), [29, 28, 43]);
        // 1/6 = 16.67, 2/6 = 33.33, 3/6 = 50: floors 16 + 33 + 50 = 99; .67 wins.
        assert_eq!(whole_percentages(&[1, 2, 3]), [17, 33, 50]);
        // Rounding each share on its own would give 67 + 17 + 17 = 101.
        assert_eq!(whole_percentages(&[4, 1, 1]), [67, 17, 16]);
    }

    #[test]
    fn among_equal_remainders_the_larger_count_gets_the_point() {
        // 1/8 = 12.5 and 3/8 = 37.5 both lose .5; one point is spare.
        assert_eq!(whole_percentages(&[1, 3, 4]), [12, 38, 50]);
        assert_eq!(whole_percentages(&[3, 1, 4]), [38, 12, 50]);
    }

    #[test]
    fn a_tiny_share_may_round_to_nothing_while_the_count_stays_visible() {
        assert_eq!(whole_percentages(&[999, 0, 1]), [100, 0, 0]);
    }

    #[test]
    fn the_rate_rounds_half_up() {
        assert_eq!(rate_percent(23, 25), 92);
        assert_eq!(rate_percent(1, 8), 13, "12.5 rounds up");
        assert_eq!(rate_percent(1, 3), 33);
        assert_eq!(rate_percent(2, 3), 67);
    }

    #[test]
    fn the_rate_never_claims_everyone_or_no_one_wrongly() {
        assert_eq!(rate_percent(199, 200), 99, "99.5 would round to 100");
        assert_eq!(rate_percent(1, 201), 1, "0.5 would round to 0 or 1");
        assert_eq!(rate_percent(1, 1000), 1, "0.1 would round to 0");
        assert_eq!(rate_percent(200, 200), 100);
        assert_eq!(rate_percent(5, 4), 100, "more than the whole counts as all");
    }
}
