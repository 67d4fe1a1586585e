//! The distribution of a numeric criterion across returns, such as training
//! compliance in per cent or the number of staff trained.
//!
//! Quartiles and the median use linear interpolation between closest ranks: for a
//! sorted list x of n values, the p-quantile sits at position h = (n - 1) × p counted
//! from 0, and is x[⌊h⌋] + (h - ⌊h⌋) × (x[⌊h⌋ + 1] - x[⌊h⌋]). It is the method of
//! Excel's QUARTILE.INC and R's default (type 7), so an analyst checking an export in a
//! spreadsheet gets the same figures.
//!
//! Histogram bins: for percentages, ten bins of ten points, each from its lower bound
//! up to but not including its upper bound, except the last, which includes 100. For
//! counts, bins of a width of 1, 2 or 5 times a power of ten, the smallest that covers
//! 0 to the largest value in at most ten bins.
//!
//! Guarantees: only submitted returns are read; a value that is not a number, or is
//! outside what the scale allows (a percentage from 0 to 100; a count a whole number
//! from 0 to 1,000,000,000), is left out and counted as ignored, never binned. No
//! values give a count of 0, no summary (never NaN) and empty bins. Bin percentages
//! add up to 100 (or are all 0). Input order never changes a figure, not even the
//! last digit of the mean (values are summed in sorted order).

use serde::{Deserialize, Serialize};

use super::cohort::Cohort;
use super::percent::whole_percentages;
use crate::assessment::MAX_NUMBER;
use crate::framework::AnswerType;
use crate::tenancy::coded_enum;

coded_enum! {
    /// What kind of number a criterion asks for.
    Scale {
        Percentage => ("percentage", "Percentage"),
        Count => ("count", "Count"),
    }
}

impl Scale {
    /// The scale of a criterion's answer type; `None` for answers that are not numbers.
    pub fn of(answer: AnswerType) -> Option<Scale> {
        match answer {
            AnswerType::Percentage => Some(Scale::Percentage),
            AnswerType::Number => Some(Scale::Count),
            AnswerType::Rating | AnswerType::YesNo | AnswerType::Text => None,
        }
    }

    fn allows(self, value: f64) -> bool {
        match self {
            Scale::Percentage => (0.0..=100.0).contains(&value),
            Scale::Count => (0.0..=MAX_NUMBER).contains(&value) && value.fract() == 0.0,
        }
    }
}

/// One criterion's values across the returns of a view.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Distribution {
    pub criterion: String,
    pub scale: Scale,
    /// Values counted.
    pub count: usize,
    /// Values left out because the scale does not allow them.
    pub ignored: usize,
    /// `None` when no value is counted.
    pub summary: Option<Summary>,
    pub bins: Vec<Bin>,
}

/// The five-number summary and the mean.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Summary {
    pub min: f64,
    pub lower_quartile: f64,
    pub median: f64,
    pub upper_quartile: f64,
    pub max: f64,
    pub mean: f64,
}

/// One bar of the histogram.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bin {
    pub lower: f64,
    /// Not included, except in the last percentage bin (which includes 100).
    pub upper: f64,
    pub label: String,
    pub count: usize,
    /// A whole percentage of the values counted.
    pub percent: u32,
}

/// The distribution of `criterion` across the submitted returns in `cohort`.
pub fn criterion_distribution(criterion: &str, scale: Scale, cohort: &Cohort) -> Distribution {
    let values: Vec<f64> = cohort.submitted().filter_map(|o| o.submitted_value(criterion)).collect();
    distribution(criterion, scale, &values)
}

/// The distribution of `values` on `scale`.
pub fn distribution(criterion: &str, scale: Scale, values: &[f64]) -> Distribution {
    let mut sorted: Vec<f64> = values.iter().copied().filter(|v| scale.allows(*v)).collect();
    sorted.sort_by(f64::total_cmp);
    let (lowers, width) = match scale {
        Scale::Percentage => ((0..10).map(|i| i as f64 * 10.0).collect::<Vec<_>>(), 10.0),
        Scale::Count => count_bins(sorted.last().copied()),
    };
    let mut counts = vec![0usize; lowers.len()];
    for v in &sorted {
        // The last bin takes the top of the scale (100%, or the largest count).
        let index = ((v / width) as usize).min(counts.len() - 1);
        counts[index] += 1;
    }
    let percents = whole_percentages(&counts);
    let bins = lowers
        .iter()
        .zip(counts.iter().zip(percents))
        .map(|(&lower, (&count, percent))| Bin {
            lower,
            upper: lower + width,
            label: bin_label(scale, lower, width),
            count,
            percent,
        })
        .collect();
    Distribution {
        criterion: criterion.to_owned(),
        scale,
        count: sorted.len(),
        ignored: values.len() - sorted.len(),
        summary: summary(&sorted),
        bins,
    }
}

/// The summary of values sorted in ascending order; `None` for no values.
fn summary(sorted: &[f64]) -> Option<Summary> {
    let (&min, &max) = (sorted.first()?, sorted.last()?);
    Some(Summary {
        min,
        lower_quartile: quantile(sorted, 0.25),
        median: quantile(sorted, 0.5),
        upper_quartile: quantile(sorted, 0.75),
        max,
        mean: sorted.iter().sum::<f64>() / sorted.len() as f64,
    })
}

/// The p-quantile of a non-empty sorted list by linear interpolation (type 7).
fn quantile(sorted: &[f64], p: f64) -> f64 {
    let position = (sorted.len() - 1) as f64 * p;
    let below = position.floor() as usize;
    let fraction = position - below as f64;
    match sorted.get(below + 1) {
        Some(&above) => sorted[below] + fraction * (above - sorted[below]),
        None => sorted[below],
    }
}

/// The lower bounds and width of count bins covering 0 to `max`; none without values.
fn count_bins(max: Option<f64>) -> (Vec<f64>, f64) {
    let Some(max) = max else { return (Vec::new(), 1.0) };
    let mut width = 1.0;
    'search: for power in 0..=9 {
        for step in [1.0, 2.0, 5.0] {
            width = step * 10f64.powi(power);
            if (max / width).floor() < 10.0 {
                break 'search;
            }
        }
    }
    let bins = (max / width).floor() as usize + 1;
    ((0..bins).map(|i| i as f64 * width).collect(), width)
}

fn bin_label(scale: Scale, lower: f64, width: f64) -> String {
    match scale {
        Scale::Percentage if lower + width >= 100.0 => format!("{lower}% to 100%"),
        Scale::Percentage => format!("{lower}% to under {}%", lower + width),
        Scale::Count if width == 1.0 => grouped(lower as u64),
        Scale::Count => format!("{} to {}", grouped(lower as u64), grouped((lower + width) as u64 - 1)),
    }
}

/// A whole number with commas between thousands, as GOV.UK writes numbers.
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

#[cfg(test)]
#[path = "distribution_tests.rs"]
mod tests;
