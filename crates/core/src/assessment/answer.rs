//! One criterion's answer as stored, and what it means for the task list.
//!
//! Guarantees: an answer is complete only when the field its criterion's answer type
//! uses holds a valid value (a rating the criterion allows, a percentage from 0 to
//! 100, a whole number of 0 or more, non-blank text) and, when the criterion requires
//! it, non-blank narrative evidence. Values left over in fields of other answer types
//! (after a framework changed a criterion's type) are ignored, never counted.

use crate::framework::{AnswerType, Criterion, Rating};

/// One criterion's answer as stored (all optional until given).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Answer {
    pub rating: Option<Rating>,
    pub yes_no: Option<bool>,
    /// A percentage (0 to 100) or a count (a whole number, 0 or more).
    pub number: Option<f64>,
    pub text: Option<String>,
    pub narrative: String,
    pub improvement_action: String,
}

impl Answer {
    /// Whether the criterion has its main answer (and narrative, when required).
    pub fn is_complete(&self, criterion: &Criterion) -> bool {
        self.has_main_answer(criterion) && (!criterion.narrative_required || has_words(&self.narrative))
    }

    /// Whether the main answer for the criterion's answer type is given and valid.
    pub fn has_main_answer(&self, criterion: &Criterion) -> bool {
        match criterion.answer {
            AnswerType::Rating => match self.rating {
                Some(Rating::NotApplicable) => criterion.not_applicable,
                Some(_) => true,
                None => false,
            },
            AnswerType::YesNo => self.yes_no.is_some(),
            AnswerType::Percentage => self.number.is_some_and(|n| (0.0..=100.0).contains(&n)),
            AnswerType::Number => self.number.is_some_and(|n| n.is_finite() && n >= 0.0 && n.fract() == 0.0),
            AnswerType::Text => self.text.as_deref().is_some_and(has_words),
        }
    }

    /// Whether anything at all is given, in any field.
    pub fn is_started(&self) -> bool {
        self.rating.is_some()
            || self.yes_no.is_some()
            || self.number.is_some()
            || self.text.as_deref().is_some_and(has_words)
            || has_words(&self.narrative)
            || has_words(&self.improvement_action)
    }

    /// The rating that counts for standing: a rating as it is (when the criterion
    /// allows it); yes as met and no as not met; `None` for other answer types and
    /// for answers not given.
    pub fn counted_rating(&self, criterion: &Criterion) -> Option<Rating> {
        if !self.has_main_answer(criterion) {
            return None;
        }
        match criterion.answer {
            AnswerType::Rating => self.rating,
            AnswerType::YesNo => self.yes_no.map(|yes| if yes { Rating::Met } else { Rating::NotMet }),
            AnswerType::Percentage | AnswerType::Number | AnswerType::Text => None,
        }
    }
}

fn has_words(text: &str) -> bool {
    !text.trim().is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::fixtures::criterion;

    #[test]
    fn an_empty_answer_is_neither_started_nor_complete() {
        let a = Answer::default();
        assert!(!a.is_started());
        for t in AnswerType::ALL {
            assert!(!a.is_complete(&criterion("1.1", *t)), "{t:?}");
            assert_eq!(a.counted_rating(&criterion("1.1", *t)), None);
        }
    }

    #[test]
    fn any_field_starts_an_answer_but_blank_text_does_not() {
        let started = [
            Answer { rating: Some(Rating::Met), ..Answer::default() },
            Answer { yes_no: Some(false), ..Answer::default() },
            Answer { number: Some(0.0), ..Answer::default() },
            Answer { text: Some("x".into()), ..Answer::default() },
            Answer { narrative: "x".into(), ..Answer::default() },
            Answer { improvement_action: "x".into(), ..Answer::default() },
        ];
        for a in started {
            assert!(a.is_started(), "{a:?}");
        }
        let blank = Answer {
            text: Some("  ".into()),
            narrative: " \n ".into(),
            improvement_action: "\t".into(),
            ..Answer::default()
        };
        assert!(!blank.is_started());
    }

    #[test]
    fn completeness_follows_the_answer_type() {
        let rating = criterion("1", AnswerType::Rating);
        let yes_no = criterion("2", AnswerType::YesNo);
        let pct = criterion("3", AnswerType::Percentage);
        let num = criterion("4", AnswerType::Number);
        let text = criterion("5", AnswerType::Text);
        let given = |a: Answer| a;
        let r = given(Answer { rating: Some(Rating::PartiallyMet), ..Answer::default() });
        assert!(r.is_complete(&rating));
        assert!(!r.is_complete(&yes_no), "a rating does not answer a yes/no question");
        let y = given(Answer { yes_no: Some(false), ..Answer::default() });
        assert!(y.is_complete(&yes_no));
        assert!(!y.is_complete(&rating));
        let n = given(Answer { number: Some(85.5), ..Answer::default() });
        assert!(n.is_complete(&pct));
        assert!(!n.is_complete(&num), "a count is a whole number");
        assert!(given(Answer { number: Some(12.0), ..Answer::default() }).is_complete(&num));
        assert!(!given(Answer { number: Some(101.0), ..Answer::default() }).is_complete(&pct));
        assert!(!given(Answer { number: Some(-1.0), ..Answer::default() }).is_complete(&num));
        assert!(!given(Answer { number: Some(f64::NAN), ..Answer::default() }).is_complete(&pct));
        assert!(!given(Answer { number: Some(f64::INFINITY), ..Answer::default() }).is_complete(&num));
        assert!(given(Answer { text: Some("We do".into()), ..Answer::default() }).is_complete(&text));
        assert!(!given(Answer { text: Some(" ".into()), ..Answer::default() }).is_complete(&text));
    }

    #[test]
    fn required_narrative_must_be_written() {
        let mut c = criterion("1", AnswerType::Rating);
        c.narrative_required = true;
        let mut a = Answer { rating: Some(Rating::Met), ..Answer::default() };
        assert!(!a.is_complete(&c));
        a.narrative = "   ".into();
        assert!(!a.is_complete(&c));
        a.narrative = "Policy reviewed in March".into();
        assert!(a.is_complete(&c));
        a.rating = None;
        assert!(!a.is_complete(&c), "narrative alone is not an answer");
    }

    #[test]
    fn not_applicable_counts_only_where_the_criterion_allows_it() {
        let mut c = criterion("1", AnswerType::Rating);
        let a = Answer { rating: Some(Rating::NotApplicable), ..Answer::default() };
        assert!(!a.is_complete(&c));
        assert_eq!(a.counted_rating(&c), None);
        c.not_applicable = true;
        assert!(a.is_complete(&c));
        assert_eq!(a.counted_rating(&c), Some(Rating::NotApplicable));
    }

    #[test]
    fn counted_ratings() {
        let rating = criterion("1", AnswerType::Rating);
        let yes_no = criterion("2", AnswerType::YesNo);
        for r in [Rating::Met, Rating::PartiallyMet, Rating::NotMet] {
            let a = Answer { rating: Some(r), ..Answer::default() };
            assert_eq!(a.counted_rating(&rating), Some(r));
            assert_eq!(a.counted_rating(&yes_no), None, "a stale rating on a yes/no question");
        }
        let yes = Answer { yes_no: Some(true), ..Answer::default() };
        let no = Answer { yes_no: Some(false), ..Answer::default() };
        assert_eq!(yes.counted_rating(&yes_no), Some(Rating::Met));
        assert_eq!(no.counted_rating(&yes_no), Some(Rating::NotMet));
        assert_eq!(no.counted_rating(&rating), None);
        let everything = Answer {
            rating: Some(Rating::NotMet),
            yes_no: Some(false),
            number: Some(1.0),
            text: Some("t".into()),
            ..Answer::default()
        };
        for t in [AnswerType::Percentage, AnswerType::Number, AnswerType::Text] {
            assert_eq!(everything.counted_rating(&criterion("3", t)), None, "{t:?} is not counted");
        }
    }
}
