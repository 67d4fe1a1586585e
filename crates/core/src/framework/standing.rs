//! The standing (green, amber, red) of a standard from the ratings of its criteria.

use super::model::{Rating, Standing, StandingRule};

/// The standing of a standard from the ratings of its counted criteria (yes/no
/// answers are passed in as `Met` for yes and `NotMet` for no by the caller).
///
/// Default rule: any `NotMet` gives red; all `Met` or `NotApplicable` gives green;
/// anything else (at least one `PartiallyMet`, no `NotMet`) gives amber. An empty
/// slice gives `None`: there is nothing to judge.
pub fn standing(rule: StandingRule, ratings: &[Rating]) -> Option<Standing> {
    match rule {
        StandingRule::Default => default_rule(ratings),
    }
}

fn default_rule(ratings: &[Rating]) -> Option<Standing> {
    if ratings.is_empty() {
        return None;
    }
    let mut worst = Standing::Green;
    for rating in ratings {
        match rating {
            Rating::NotMet => return Some(Standing::Red),
            Rating::PartiallyMet => worst = Standing::Amber,
            Rating::Met | Rating::NotApplicable => {}
        }
    }
    Some(worst)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Rating::*;

    /// The rule as the format guide states it, written independently of the code
    /// above: by counting.
    fn stated_rule(ratings: &[Rating]) -> Option<Standing> {
        let count = |r: Rating| ratings.iter().filter(|x| **x == r).count();
        if ratings.is_empty() {
            None
        } else if count(NotMet) > 0 {
            Some(Standing::Red)
        } else if count(Met) + count(NotApplicable) == ratings.len() {
            Some(Standing::Green)
        } else {
            Some(Standing::Amber)
        }
    }

    /// Every sequence of `len` ratings, in order.
    fn every_combination(len: u32) -> Vec<Vec<Rating>> {
        let all = Rating::ALL;
        (0..all.len().pow(len))
            .map(|mut n| {
                (0..len)
                    .map(|_| {
                        let r = all[n % all.len()];
                        n /= all.len();
                        r
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn every_combination_of_one_to_four_ratings_follows_the_stated_rule() {
        let mut checked = 0;
        for len in 1..=4 {
            let combos = every_combination(len);
            assert_eq!(combos.len(), 4usize.pow(len));
            for ratings in combos {
                assert_eq!(
                    standing(StandingRule::Default, &ratings),
                    stated_rule(&ratings),
                    "ratings {ratings:?}"
                );
                checked += 1;
            }
        }
        assert_eq!(checked, 4 + 16 + 64 + 256);
    }

    #[test]
    fn the_order_of_ratings_never_matters() {
        for ratings in every_combination(4) {
            let mut reversed = ratings.clone();
            reversed.reverse();
            let mut sorted = ratings.clone();
            sorted.sort();
            let expected = standing(StandingRule::Default, &ratings);
            assert_eq!(standing(StandingRule::Default, &reversed), expected);
            assert_eq!(standing(StandingRule::Default, &sorted), expected);
        }
    }

    #[test]
    fn nothing_to_judge_has_no_standing() {
        assert_eq!(standing(StandingRule::Default, &[]), None);
    }

    #[test]
    fn named_cases() {
        let s = |r: &[Rating]| standing(StandingRule::Default, r);
        assert_eq!(s(&[Met]), Some(Standing::Green));
        assert_eq!(s(&[Met, Met, Met]), Some(Standing::Green));
        assert_eq!(s(&[NotApplicable]), Some(Standing::Green), "all not applicable is green");
        assert_eq!(s(&[Met, NotApplicable]), Some(Standing::Green));
        assert_eq!(s(&[PartiallyMet]), Some(Standing::Amber));
        assert_eq!(s(&[Met, PartiallyMet, Met]), Some(Standing::Amber));
        assert_eq!(s(&[NotApplicable, PartiallyMet]), Some(Standing::Amber));
        assert_eq!(s(&[NotMet]), Some(Standing::Red));
        assert_eq!(s(&[Met, Met, Met, NotMet]), Some(Standing::Red), "one not met is enough");
        assert_eq!(s(&[PartiallyMet, NotMet]), Some(Standing::Red), "red beats amber");
        assert_eq!(s(&[NotMet, PartiallyMet]), Some(Standing::Red));
        // A yes/no "no" is passed in as NotMet, and a "yes" as Met.
        assert_eq!(s(&[Met, NotMet]), Some(Standing::Red));
    }
}
