//! The survey rules on hand-worked cases.

use super::*;
use crate::analytics::{Difference, PractitionerView, SelfRating, survey_comparison};
use crate::framework::parse;

fn day(d: u8) -> Date {
    Date::from_calendar_date(2027, time::Month::March, d).unwrap()
}

fn row(criterion: &str, wording: &str) -> QuestionDraft {
    QuestionDraft { criterion: criterion.into(), wording: wording.into() }
}

fn three() -> Vec<QuestionDraft> {
    vec![row("1.1", "Do you know the lead?"), row("1.2", "Do you know how?"), row("2.1", "Would you?")]
}

fn fields(problems: &[(DraftField, String)]) -> Vec<DraftField> {
    problems.iter().map(|(f, _)| *f).collect()
}

fn any(_: &str) -> bool {
    true
}

#[test]
fn only_yes_is_positive() {
    assert!(SurveyAnswer::Yes.is_positive());
    assert!(!SurveyAnswer::No.is_positive());
    assert!(!SurveyAnswer::NotSure.is_positive());
    for a in SurveyAnswer::ALL {
        assert_eq!(SurveyAnswer::from_code(a.code()), Some(*a));
    }
    assert_eq!(SurveyAnswer::from_code("maybe"), None);
    assert_eq!(SurveyAnswer::NotSure.label(), "Not sure");
}

#[test]
fn a_survey_is_open_through_its_closing_day_and_never_once_closed() {
    assert!(is_open(false, None, day(1)));
    assert!(is_open(false, Some(day(10)), day(10)), "the closing day itself still takes answers");
    assert!(!is_open(false, Some(day(10)), day(11)));
    assert!(!is_open(true, None, day(1)));
    assert!(!is_open(true, Some(day(10)), day(1)));
}

#[test]
fn not_sure_counts_as_a_response_but_not_as_positive() {
    let mut counts = AnswerCounts::default();
    counts.add(SurveyAnswer::Yes, 3);
    counts.add(SurveyAnswer::No, 1);
    counts.add(SurveyAnswer::NotSure, 2);
    counts.add(SurveyAnswer::Yes, 1);
    let t = tally(7, "2.3", counts);
    assert_eq!((t.organisation, t.criterion.as_str(), t.responses, t.positive), (7, "2.3", 7, 4));
}

#[test]
fn tallies_feed_the_comparison_and_its_five_response_floor() {
    let self_rated = [SelfRating { organisation: 1, criterion: "2.3".into(), rating: Rating::Met }];
    // Four answers: below the floor, nothing shown and nothing flagged however they fell.
    let four = AnswerCounts { yes: 0, no: 4, not_sure: 0 };
    let rows = survey_comparison(&self_rated, &[tally(1, "2.3", four)]);
    assert_eq!((rows[0].practitioners, rows[0].flag), (PractitionerView::TooFewResponses, None));
    // Five, two of them sure: 40% against a self-rating of met is a large difference.
    let five = AnswerCounts { yes: 2, no: 1, not_sure: 2 };
    let rows = survey_comparison(&self_rated, &[tally(1, "2.3", five)]);
    assert_eq!(rows[0].practitioners, PractitionerView::Positive { responses: 5, positive: 2, percent: 40 });
    assert_eq!(rows[0].flag, Some(Difference::PractitionersLessPositive));
}

#[test]
fn self_ratings_come_from_ratings_and_from_yes_or_no() {
    let rated = Answer { rating: Some(Rating::PartiallyMet), ..Answer::default() };
    assert_eq!(self_rating(&rated), Some(Rating::PartiallyMet));
    assert_eq!(self_rating(&Answer { yes_no: Some(true), ..Answer::default() }), Some(Rating::Met));
    assert_eq!(self_rating(&Answer { yes_no: Some(false), ..Answer::default() }), Some(Rating::NotMet));
    assert_eq!(self_rating(&Answer { number: Some(80.0), ..Answer::default() }), None);
    assert_eq!(self_rating(&Answer::default()), None);
}

#[test]
fn a_good_draft_has_no_problem_and_blank_rows_are_ignored() {
    let mut rows = three();
    rows.insert(1, QuestionDraft::default());
    rows.push(row("  ", " "));
    assert!(check_draft("Practitioner survey 2027", Some(day(5)), day(5), &rows, any).is_empty());
}

#[test]
fn the_title_is_required_and_short() {
    let problems = check_draft("  ", None, day(1), &three(), any);
    assert_eq!(fields(&problems), [DraftField::Title]);
    let long = "x".repeat(MAX_TITLE_CHARS + 1);
    assert!(check_draft(&long, None, day(1), &three(), any)[0].1.contains("200 characters"));
    assert!(check_draft(&"x".repeat(MAX_TITLE_CHARS), None, day(1), &three(), any).is_empty());
}

#[test]
fn the_closing_date_may_not_be_past() {
    assert_eq!(fields(&check_draft("T", Some(day(4)), day(5), &three(), any)), [DraftField::ClosesOn]);
}

#[test]
fn between_three_and_twelve_questions() {
    let two = &three()[..2];
    assert_eq!(fields(&check_draft("T", None, day(1), two, any)), [DraftField::Questions]);
    let twelve: Vec<_> = (0..MAX_QUESTIONS).map(|i| row("1.1", &format!("Question {i}?"))).collect();
    assert!(check_draft("T", None, day(1), &twelve, any).is_empty());
    let thirteen: Vec<_> = (0..=MAX_QUESTIONS).map(|i| row("1.1", &format!("Question {i}?"))).collect();
    assert_eq!(fields(&check_draft("T", None, day(1), &thirteen, any)), [DraftField::Questions]);
}

#[test]
fn each_question_needs_a_linkable_criterion_and_short_wording() {
    let rows = vec![
        row("", "No criterion?"),
        row("1.1", ""),
        row("3.3", "Percentage criterion?"),
        row("1.2", &"w".repeat(MAX_WORDING_CHARS + 1)),
    ];
    let problems = check_draft("T", None, day(1), &rows, |code| code != "3.3");
    assert_eq!(
        fields(&problems),
        [DraftField::Criterion(0), DraftField::Wording(1), DraftField::Criterion(2), DraftField::Wording(3)]
    );
    assert_eq!(problems[0].1, "Select the criterion question 1 is linked to");
    assert_eq!(problems[1].1, "Enter the wording of question 2");
}

fn framework(key: &str) -> Framework {
    let path = format!("{}/../../frameworks/{key}.toml", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(path).unwrap();
    parse(&text).unwrap_or_else(|e| panic!("{key} does not parse: {e:?}"))
}

#[test]
fn every_shipped_framework_gets_a_written_default_set_of_linkable_criteria() {
    for key in ["s11-children", "s11-adults", "s11-joint", "s11-short"] {
        let f = framework(key);
        let set = default_questions(&f);
        let written = WORDINGS.iter().filter(|(k, _, _)| *k == key).count();
        assert_eq!(
            set.len(),
            written,
            "{key}: a written wording points at a missing or unlinkable criterion"
        );
        assert!((MIN_QUESTIONS..=MAX_QUESTIONS).contains(&set.len()), "{key}");
        for q in &set {
            let (_, c) = f.find(&q.criterion).unwrap();
            assert!(is_linkable(c), "{key} {}", q.criterion);
            assert!(q.wording.ends_with('?') && q.wording.chars().count() <= MAX_WORDING_CHARS);
        }
        assert!(
            check_draft("T", None, day(1), &set, |code| f.find(code).is_some_and(|(_, c)| is_linkable(c)))
                .is_empty()
        );
    }
}

#[test]
fn another_framework_gets_its_first_linkable_criteria_as_questions() {
    let mut f = framework("s11-children");
    f.key = "local-framework".into();
    let set = default_questions(&f);
    assert_eq!(set.len(), FALLBACK_QUESTIONS);
    // The first linkable criterion of each standard, in order.
    assert_eq!(set[0].criterion, "1.1");
    assert_eq!(set[1].criterion, "2.1");
    assert!(set[0].wording.starts_with("Is this true where you work: A named member"));
    assert!(set.iter().all(|q| q.wording.chars().count() <= MAX_WORDING_CHARS));
    // A criterion that is already a question keeps its own words.
    f.standards[0].criteria[0].question = "Do staff know the lead?".into();
    assert_eq!(default_questions(&f)[0].wording, "Do staff know the lead?");
}

#[test]
fn long_text_is_cut_at_a_word() {
    assert_eq!(truncate_words("short", 10), "short");
    let cut = truncate_words("one two three four five", 12);
    assert_eq!(cut, "one two…");
    assert!(cut.chars().count() <= 12);
}
