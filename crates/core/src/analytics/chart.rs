//! Chart models without any drawing: the numbers a stacked bar chart needs, so the
//! server draws the SVG and writes the table beside it from the very same figures.
//!
//! Guarantees: each bar has one segment per part, in the order given (zero parts
//! included, with width 0, so legend and table stay complete); each segment's
//! `percent` is the figure the table shows ([`percent`], half up on its own), while
//! its `width` is drawing only: widths add up to exactly 100 (or all 0 for an empty
//! bar), and each segment starts where the one before it ends, so the last ends at 100.

use serde::Serialize;

use super::percent::{percent, whole_percentages};
use super::shares::StandardShares;

/// One horizontal bar of 100%, split into segments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StackedBar {
    pub label: String,
    pub total: usize,
    pub segments: Vec<Segment>,
}

/// One part of a bar. `start` and `width` are in per cent of the bar's length.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    /// A stable code for styling (such as `fully_met`).
    pub key: String,
    pub label: String,
    pub count: usize,
    pub percent: u32,
    pub start: u32,
    pub width: u32,
}

impl StackedBar {
    /// A bar from `(key, label, count)` parts.
    pub fn new(label: impl Into<String>, parts: &[(&str, &str, usize)]) -> StackedBar {
        let counts: Vec<usize> = parts.iter().map(|p| p.2).collect();
        let total: usize = counts.iter().sum();
        let widths = whole_percentages(&counts);
        let mut start = 0;
        let segments = parts
            .iter()
            .zip(widths)
            .map(|(&(key, label, count), width)| {
                let percent = percent(count, total);
                let segment = Segment { key: key.into(), label: label.into(), count, percent, start, width };
                start += width;
                segment
            })
            .collect();
        StackedBar { label: label.into(), total, segments }
    }

    /// A standard's bar: fully met, partially met, not met, labelled with its title.
    /// Its percentages are those of the shares, so chart and table agree.
    pub fn of_shares(shares: &StandardShares) -> StackedBar {
        let parts: Vec<(&str, &str, usize)> =
            shares.shares.iter().map(|s| (s.outcome.code(), s.outcome.label(), s.count)).collect();
        StackedBar::new(shares.standard.title.clone(), &parts)
    }
}

/// One bar per standard, in the order of the shares.
pub fn stacked_bars(shares: &[StandardShares]) -> Vec<StackedBar> {
    shares.iter().map(StackedBar::of_shares).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::fixtures::{org, standards};
    use crate::analytics::{Cohort, standard_shares};
    use crate::framework::Standing::*;

    fn geometry(bar: &StackedBar) -> Vec<(&str, usize, u32, u32, u32)> {
        bar.segments.iter().map(|s| (s.label.as_str(), s.count, s.percent, s.start, s.width)).collect()
    }

    #[test]
    fn segments_follow_on_from_each_other() {
        let facts = vec![
            org(1, "A").standings(&[Green]).build(),
            org(2, "B").standings(&[Green]).build(),
            org(3, "C").standings(&[Red]).build(),
        ];
        let shares = standard_shares(&standards()[..1], &Cohort::everyone(&facts));
        let bars = stacked_bars(&shares);
        assert_eq!(bars.len(), 1);
        assert_eq!((bars[0].label.as_str(), bars[0].total), ("Leadership", 3));
        assert_eq!(
            geometry(&bars[0]),
            [("Fully met", 2, 67, 0, 67), ("Partially met", 0, 0, 67, 0), ("Not met", 1, 33, 67, 33)]
        );
        assert_eq!(bars[0].segments[0].key, "fully_met");
        // The chart's percentages are the table's.
        let table: Vec<u32> = shares[0].shares.iter().map(|s| s.percent).collect();
        let chart: Vec<u32> = bars[0].segments.iter().map(|s| s.percent).collect();
        assert_eq!(chart, table);
    }

    #[test]
    fn an_empty_bar_has_zero_width_segments() {
        let bar = StackedBar::new("Nothing yet", &[("a", "A", 0), ("b", "B", 0)]);
        assert_eq!(bar.total, 0);
        assert!(bar.segments.iter().all(|s| s.start == 0 && s.width == 0));
    }

    #[test]
    fn any_parts_make_a_bar_ending_at_100() {
        let bar = StackedBar::new("Returns", &[("s", "Submitted", 23), ("c", "Confirmed non-submission", 2)]);
        let last = bar.segments.last().expect("two segments");
        assert_eq!(last.start + last.width, 100);
        assert_eq!(geometry(&bar)[0], ("Submitted", 23, 92, 0, 92));
    }
}
