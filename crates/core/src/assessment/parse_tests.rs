//! Parsing form input, for every answer type, with the awkward inputs people type.

use super::fixtures::criterion;
use super::*;
use crate::framework::{AnswerType, Criterion, Rating};

fn value(c: &Criterion, value: &str) -> Result<Answer, Vec<(&'static str, String)>> {
    parse_answer(c, &RawAnswer { value, ..RawAnswer::default() })
}

fn number(c: &Criterion, text: &str) -> Option<f64> {
    value(c, text).unwrap_or_else(|e| panic!("{text:?} refused: {e:?}")).number
}

fn refused(c: &Criterion, text: &str) -> String {
    let errors = value(c, text).expect_err(text);
    assert_eq!(errors.len(), 1, "{text:?}: {errors:?}");
    assert_eq!(errors[0].0, FIELD_VALUE);
    errors[0].1.clone()
}

#[test]
fn empty_input_is_allowed_for_every_type() {
    for t in AnswerType::ALL {
        let c = criterion("1", *t);
        for blank in ["", "   ", "\n\t"] {
            let raw = RawAnswer { value: blank, narrative: blank, improvement_action: blank };
            assert_eq!(parse_answer(&c, &raw), Ok(Answer::default()), "{t:?} {blank:?}");
        }
    }
}

#[test]
fn ratings() {
    let c = criterion("1", AnswerType::Rating);
    for r in [Rating::Met, Rating::PartiallyMet, Rating::NotMet] {
        assert_eq!(value(&c, r.code()).unwrap().rating, Some(r));
    }
    assert_eq!(value(&c, " Partially_Met ").unwrap().rating, Some(Rating::PartiallyMet));
    for bad in ["partially met", "yes", "green", "1", "met,met"] {
        assert_eq!(refused(&c, bad), "Select met, partially met or not met", "{bad:?}");
    }
}

#[test]
fn not_applicable_only_where_the_criterion_allows_it() {
    let mut c = criterion("1", AnswerType::Rating);
    assert_eq!(refused(&c, "not_applicable"), "Not applicable is not an answer for this question");
    assert_eq!(refused(&c, "NOT_APPLICABLE"), "Not applicable is not an answer for this question");
    c.not_applicable = true;
    assert_eq!(value(&c, "not_applicable").unwrap().rating, Some(Rating::NotApplicable));
    assert_eq!(refused(&c, "n/a"), "Select met, partially met, not met or not applicable");
    for t in [AnswerType::YesNo, AnswerType::Percentage, AnswerType::Number] {
        let c = criterion("1", t);
        assert_eq!(refused(&c, "not_applicable"), "Not applicable is not an answer for this question");
    }
    let text = criterion("1", AnswerType::Text);
    assert_eq!(value(&text, "not_applicable").unwrap().text.as_deref(), Some("not_applicable"));
}

#[test]
fn yes_and_no() {
    let c = criterion("1", AnswerType::YesNo);
    assert_eq!(value(&c, "yes").unwrap().yes_no, Some(true));
    assert_eq!(value(&c, "No").unwrap().yes_no, Some(false));
    assert_eq!(value(&c, " YES ").unwrap().yes_no, Some(true));
    for bad in ["maybe", "y", "n", "true", "0", "yes no"] {
        assert_eq!(refused(&c, bad), "Select yes or no", "{bad:?}");
    }
    let a = value(&c, "yes").unwrap();
    assert_eq!((a.rating, a.number, a.text), (None, None, None), "only the yes/no field is set");
}

#[test]
fn percentages() {
    let c = criterion("1", AnswerType::Percentage);
    assert_eq!(number(&c, "85"), Some(85.0));
    assert_eq!(number(&c, "  85 % "), Some(85.0));
    assert_eq!(number(&c, "85%"), Some(85.0));
    assert_eq!(number(&c, "100.0"), Some(100.0));
    assert_eq!(number(&c, "100"), Some(100.0));
    assert_eq!(number(&c, "0"), Some(0.0));
    assert_eq!(number(&c, "99.95"), Some(99.95));
    assert_eq!(number(&c, ".5"), Some(0.5));
    assert_eq!(number(&c, "7."), Some(7.0));
    assert_eq!(number(&c, "+20"), Some(20.0));
    let zero = number(&c, "-0").unwrap();
    assert!(zero == 0.0 && zero.is_sign_positive(), "minus zero is stored as zero");
    for out_of_range in ["-1", "101", "100.0001", "-0.5", "1,000"] {
        assert_eq!(refused(&c, out_of_range), "Enter a percentage between 0 and 100", "{out_of_range:?}");
    }
    let not_numbers = [
        "NaN",
        "nan",
        "inf",
        "-inf",
        "infinity",
        "1e309",
        "1e2",
        "85 percent",
        "%",
        "8 5",
        "85,5",
        "0x10",
        ".",
        "--1",
        "85%%",
    ];
    for bad in not_numbers {
        assert_eq!(refused(&c, bad), "Enter a percentage as a number, like 85", "{bad:?}");
    }
    let huge = "9".repeat(400);
    assert_eq!(refused(&c, &huge), "Enter a percentage as a number, like 85");
}

#[test]
fn numbers_are_whole_counts() {
    let c = criterion("1", AnswerType::Number);
    assert_eq!(number(&c, "12"), Some(12.0));
    assert_eq!(number(&c, " 0 "), Some(0.0));
    assert_eq!(number(&c, "12.0"), Some(12.0));
    assert_eq!(number(&c, "1,200"), Some(1200.0));
    assert_eq!(number(&c, "1,000,000"), Some(1_000_000.0));
    assert_eq!(number(&c, "1000000000"), Some(MAX_NUMBER));
    assert_eq!(refused(&c, "1000000001"), "Enter a number no bigger than 1,000,000,000");
    assert_eq!(refused(&c, &"9".repeat(30)), "Enter a number no bigger than 1,000,000,000");
    assert_eq!(refused(&c, "-1"), "Enter a number that is 0 or more");
    assert_eq!(refused(&c, "12.5"), "Enter a whole number, like 12");
    assert_eq!(refused(&c, "12%"), "Enter a number, like 12");
    for bad in ["NaN", "inf", "1e309", "1e3", "twelve", "1,2", "12,00", ",100", "1,,000", "1 200", "١٢"] {
        assert_eq!(refused(&c, bad), "Enter a number, like 12", "{bad:?}");
    }
    assert_eq!(refused(&c, &"9".repeat(31)), "Enter a number, like 12", "too many digits to read");
}

#[test]
fn text_answers() {
    let c = criterion("1", AnswerType::Text);
    let a = value(&c, "  We meet the police\r\nevery month.\u{0} ").unwrap();
    assert_eq!(a.text.as_deref(), Some("We meet the police\nevery month."));
    assert_eq!(value(&c, "\u{0}\u{7}").unwrap().text, None, "nothing left after cleaning");
    let at_limit = "é".repeat(MAX_WRITTEN_CHARS);
    assert_eq!(value(&c, &at_limit).unwrap().text.map(|t| t.chars().count()), Some(MAX_WRITTEN_CHARS));
    let over = "a".repeat(MAX_WRITTEN_CHARS + 1);
    assert_eq!(refused(&c, &over), "Your answer must be 20,000 characters or fewer");
}

#[test]
fn narrative_and_improvement_action_are_cleaned_and_limited() {
    let c = criterion("1", AnswerType::Rating);
    let raw = RawAnswer {
        value: "met",
        narrative: "\n  Line one\r\nline\ttwo\rline three\u{0}\u{1b}  \n",
        improvement_action: " Review in May ",
    };
    let a = parse_answer(&c, &raw).unwrap();
    assert_eq!(a.narrative, "Line one\nline\ttwo\nline three");
    assert_eq!(a.improvement_action, "Review in May");
    let limit = "x".repeat(MAX_WRITTEN_CHARS);
    let padded = format!("  {limit}\r\n");
    let raw = RawAnswer { value: "", narrative: &padded, improvement_action: &limit };
    assert!(parse_answer(&c, &raw).is_ok(), "the limit counts characters after trimming");
}

#[test]
fn every_wrong_field_is_reported_in_form_order() {
    let c = criterion("1", AnswerType::Percentage);
    let long = "a".repeat(MAX_WRITTEN_CHARS + 1);
    let raw = RawAnswer { value: "101", narrative: &long, improvement_action: &long };
    assert_eq!(
        parse_answer(&c, &raw),
        Err(vec![
            (FIELD_VALUE, "Enter a percentage between 0 and 100".to_owned()),
            (FIELD_NARRATIVE, "Narrative evidence must be 20,000 characters or fewer".to_owned()),
            (FIELD_IMPROVEMENT_ACTION, "Improvement action must be 20,000 characters or fewer".to_owned()),
        ])
    );
    let raw = RawAnswer { value: "50", narrative: "", improvement_action: &long };
    let errors = parse_answer(&c, &raw).unwrap_err();
    assert_eq!(errors.iter().map(|e| e.0).collect::<Vec<_>>(), [FIELD_IMPROVEMENT_ACTION]);
}

#[test]
fn a_parsed_answer_is_complete_exactly_when_its_value_and_narrative_are_given() {
    let mut c = criterion("1", AnswerType::Rating);
    c.narrative_required = true;
    let parse = |value, narrative| parse_answer(&c, &RawAnswer { value, narrative, improvement_action: "" });
    assert!(parse("met", "We do").unwrap().is_complete(&c));
    assert!(!parse("met", "  ").unwrap().is_complete(&c));
    assert!(!parse("", "We do").unwrap().is_complete(&c));
    assert!(parse("", "We do").unwrap().is_started());
}
