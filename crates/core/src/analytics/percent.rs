//! Whole percentages.
//!
//! Every figure a person reads (a share, a rate) comes from [`percent`]: the exact
//! share rounded half up on its own, so a share's figure depends only on its numerator
//! and denominator. [`whole_percentages`] is only for drawing: the widths of a stacked
//! bar's segments, which must fill the bar exactly (largest-remainder rounding); the
//! labels on those segments still come from [`percent`]. Nothing here divides by zero:
//! no total gives zeros.

/// Whole percentages of `counts`, summing to exactly 100 unless every count is zero
/// (then all are zero): the widths of a bar's segments, never a figure shown as text.
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

/// `part` of `whole` as a whole percentage, rounded half up (12.5 shows as 13, 52.38
/// as 52): the figure a reader gets by working the share out and rounding it on its
/// own, as partnership reports quote figures. It depends only on `part` and `whole`,
/// so the same share shows the same figure on every page, download and report. Shares
/// rounded this way may add up to 99 or 101 across a row; that is expected and not
/// corrected. No whole gives 0; `part` above `whole` counts as all of it. Arithmetic is
/// on whole numbers, so there is no float error at the halves.
pub fn percent(part: usize, whole: usize) -> u32 {
    if whole == 0 {
        return 0;
    }
    let (part, whole) = (part.min(whole) as u128, whole as u128);
    // floor(100 * part / whole + 1/2), without leaving whole numbers.
    ((part * 200 + whole) / (whole * 2)) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_counted_gives_zeros() {
        assert_eq!(whole_percentages(&[]), Vec::<u32>::new());
        assert_eq!(whole_percentages(&[0, 0, 0]), [0, 0, 0]);
        assert_eq!(percent(0, 0), 0);
        assert_eq!(percent(3, 0), 0);
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
    fn each_share_rounds_half_up_on_its_own() {
        assert_eq!(percent(23, 25), 92);
        assert_eq!(percent(1, 8), 13, "12.5 rounds up");
        assert_eq!(percent(3, 8), 38, "37.5 rounds up");
        assert_eq!(percent(1, 3), 33);
        assert_eq!(percent(2, 3), 67);
        assert_eq!(percent(2, 6), 33, "33.33");
        assert_eq!(percent(11, 21), 52, "52.38");
        assert_eq!(percent(10, 21), 48, "47.62");
        assert_eq!(percent(1, 200), 1, "0.5 rounds up");
        assert_eq!(percent(1, 201), 0, "0.497 rounds down");
        assert_eq!(percent(199, 200), 100, "99.5 rounds up");
        assert_eq!(percent(200, 200), 100);
        assert_eq!(percent(0, 7), 0);
        assert_eq!(percent(5, 4), 100, "more than the whole counts as all");
    }

    #[test]
    fn a_row_rounded_figure_by_figure_may_add_to_99_or_101() {
        // 1/3 each: 33 + 33 + 33.
        assert_eq!([1, 1, 1].map(|c| percent(c, 3)).iter().sum::<u32>(), 99);
        // 1/8, 3/8, 4/8: 13 + 38 + 50.
        assert_eq!([1, 3, 4].map(|c| percent(c, 8)).iter().sum::<u32>(), 101);
    }
}
