use std::collections::BTreeMap;

use time::macros::date;

use super::*;
use crate::analytics::{Cohort, InvitationState, OrganisationFacts, response_rate};
use crate::framework::{Rating, Standing};
use crate::tenancy::{DutyStatus, Sector};

fn questions() -> Vec<QuestionInput> {
    vec![
        QuestionInput { id: 4, question: "Who can I talk to at my club?".into(), answers: 3 },
        QuestionInput { id: 9, question: "Do doctors listen to children?".into(), answers: 0 },
    ]
}

fn actions() -> Vec<ActionInput> {
    vec![
        ActionInput {
            id: 21,
            title: "Train every sports coach".into(),
            target: date!(2026 - 03 - 31),
            completed: false,
        },
        ActionInput {
            id: 22,
            title: "Start a youth panel".into(),
            target: date!(2025 - 09 - 30),
            completed: true,
        },
    ]
}

fn inputs<'a>(q: &'a [QuestionInput], a: &'a [ActionInput], taking_part: TakingPart) -> DraftInputs<'a> {
    DraftInputs {
        partnership: "Kestrel Vale Partnership",
        year: 2025,
        taking_part,
        topics: 8,
        questions: q,
        actions: a,
    }
}

fn facts(id: i64, name: &str, state: InvitationState, standing: Standing) -> OrganisationFacts {
    OrganisationFacts {
        organisation: id,
        name: name.into(),
        framework: 1,
        sector: Sector::Health,
        duty: DutyStatus::Statutory,
        partnerships: vec![1],
        invitation: state,
        standings: BTreeMap::from([("1".to_owned(), standing)]),
        not_applicable: Default::default(),
        ratings: BTreeMap::from([("1.1".to_owned(), Rating::NotMet)]),
        values: BTreeMap::new(),
        non_submission_reason: Some("Closed for the summer".into()),
    }
}

#[test]
fn the_draft_counts_who_took_part_in_words_with_its_denominator() {
    let (q, a) = (questions(), actions());
    let s = draft(&inputs(&q, &a, TakingPart { invited: 25, submitted: 23 }));
    assert!(
        s.told.starts_with("23 out of the 25 organisations we asked sent us their answers."),
        "{}",
        s.told
    );
    assert!(s.asked.contains("We asked 25 organisations"));
    assert!(s.asked.contains("8 different things"));
    let all = draft(&inputs(&q, &a, TakingPart { invited: 4, submitted: 4 }));
    assert!(all.told.starts_with("All 4 organisations sent us their answers."));
    let one = draft(&inputs(&q, &a, TakingPart { invited: 1, submitted: 0 }));
    assert_eq!(one.told, "We are still waiting for their answers.");
    assert!(one.asked.contains("We asked one organisation how"));
    assert_eq!(
        draft(&inputs(&q, &a, TakingPart::default())).told,
        "We have not asked any organisations yet."
    );
}

#[test]
fn the_draft_holds_the_chosen_questions_and_changes_in_plain_words() {
    let (q, a) = (questions(), actions());
    let s = draft(&inputs(&q, &a, TakingPart { invited: 3, submitted: 3 }));
    assert_eq!(s.title, "Keeping children safe: what we found out in 2025");
    assert!(s.intro.starts_with("We are the Kestrel Vale Partnership."));
    let the = DraftInputs { partnership: "The Vale Partnership", ..inputs(&q, &a, TakingPart::default()) };
    assert!(draft(&the).intro.starts_with("We are The Vale Partnership."));
    assert_eq!(s.questions.len(), 2);
    assert_eq!(s.questions[0].question_id, 4);
    assert_eq!(s.questions[0].answer, "3 organisations answered this question. Here is what they told us.");
    assert_eq!(s.questions[1].answer, "No organisation has answered this question yet. We will ask again.");
    assert_eq!(default_answer(1), "One organisation answered this question. Here is what they told us.");
    assert_eq!(s.changes[0].what, "Train every sports coach");
    assert_eq!(s.changes[0].words, "We plan to do this by March 2026.");
    assert_eq!(s.changes[1].words, "We have done this.");
    assert!(s.closing.contains("Childline on 0800 1111"));
}

#[test]
fn the_draft_keeps_no_more_than_ten_questions_or_changes() {
    let q: Vec<QuestionInput> =
        (0..14).map(|i| QuestionInput { id: i, question: format!("Question {i}?"), answers: 1 }).collect();
    let a: Vec<ActionInput> = (0..12)
        .map(|i| ActionInput {
            id: i,
            title: format!("Change {i}"),
            target: date!(2026 - 01 - 01),
            completed: false,
        })
        .collect();
    let s = draft(&inputs(&q, &a, TakingPart { invited: 2, submitted: 1 }));
    assert_eq!((s.questions.len(), s.changes.len()), (MAX_PARTS, MAX_PARTS));
    assert!(validate(&s).is_ok());
}

#[test]
fn the_draft_is_valid_and_in_short_sentences() {
    let (q, a) = (questions(), actions());
    for (invited, submitted) in [(0, 0), (1, 0), (1, 1), (25, 23), (300, 299)] {
        let s = draft(&inputs(&q, &a, TakingPart { invited, submitted }));
        assert_eq!(validate(&s), Ok(s.clone()));
        assert_eq!(long_sentences(&s), Vec::<String>::new(), "{invited} {submitted}");
    }
}

#[test]
fn no_organisation_name_or_rating_reaches_the_draft() {
    // Organisations with names, standings, ratings and reasons of every kind: the
    // response rate lists some of them by name, and none of that may reach the page.
    let all = [
        facts(1, "Zebra Hospital Trust", InvitationState::Submitted, Standing::Red),
        facts(2, "Quokka Police", InvitationState::Submitted, Standing::Amber),
        facts(3, "Yak School", InvitationState::InProgress, Standing::Green),
        facts(4, "Xerus Club", InvitationState::ConfirmedNonSubmission, Standing::Red),
    ];
    let rate = response_rate(&Cohort::everyone(&all));
    assert!(rate.outstanding.iter().any(|o| o.name == "Yak School"), "the rate does carry names");
    let taking_part = TakingPart::of(&rate);
    assert_eq!(taking_part, TakingPart { invited: 4, submitted: 2 });
    let (q, a) = (questions(), actions());
    let s = draft(&inputs(&q, &a, taking_part));
    let json = serde_json::to_string(&s).unwrap().to_lowercase();
    for leak in ["zebra", "quokka", "yak", "xerus", "closed for the summer", "red", "amber", "green", "met"] {
        let hit = json
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w == leak || (leak.contains(' ') && json.contains(leak)));
        assert!(!hit, "{leak} reached the summary: {json}");
    }
    assert!(texts(&s).iter().all(|t| rating_words(t).is_none()));
}

#[test]
fn rating_words_are_found_as_whole_words_in_any_case() {
    assert_eq!(rating_words("The police were RATED  Red last time"), Some("rated red"));
    assert_eq!(rating_words("Two standards were not-met."), Some("not met"));
    assert_eq!(rating_words("The school is partly assured"), Some("partly assured"));
    assert_eq!(rating_words("We met the police. The park is green."), None);
    assert_eq!(rating_words("We cannot metabolise rated redness"), None);
}

#[test]
fn validation_refuses_missing_long_and_rating_words_naming_each_field() {
    let (q, a) = (questions(), actions());
    let mut s = draft(&inputs(&q, &a, TakingPart { invited: 3, submitted: 2 }));
    s.title = "  ".into();
    s.told = "The hospital was rated amber.".into();
    s.asked = "x".repeat(MAX_SECTION + 1);
    s.questions[1].answer = String::new();
    s.changes[0].what = "y".repeat(MAX_WHAT + 1);
    s.changes[1].words = "Two standards were not met".into();
    let errors = validate(&s).unwrap_err();
    let fields: Vec<&str> = errors.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(fields, ["title", "asked", "told", "answer-9", "what-21", "words-22"]);
    assert_eq!(errors[2].1, "Take out “rated amber”: the summary does not give organisations' ratings");
    assert_eq!(errors[1].1, "This section must be 1500 characters or fewer");
}

#[test]
fn validation_trims_and_allows_an_empty_closing_and_no_parts() {
    let s = Summary {
        title: " A title ".into(),
        intro: "We are here.".into(),
        asked: "We asked.".into(),
        told: "They told us.\n".into(),
        questions: vec![],
        changes: vec![],
        closing: "  ".into(),
    };
    let ok = validate(&s).unwrap();
    assert_eq!((ok.title.as_str(), ok.told.as_str(), ok.closing.as_str()), ("A title", "They told us.", ""));
    let mut many = ok.clone();
    many.questions = (0..11)
        .map(|i| QuestionPart { question_id: i, question: "Q?".into(), answer: "A.".into() })
        .collect();
    let errors = validate(&many).unwrap_err();
    assert_eq!(errors, vec![("questions".to_owned(), "Choose no more than 10 questions".to_owned())]);
}

#[test]
fn long_sentences_are_pointed_out_but_childrens_questions_are_not() {
    let long = "This sentence has far too many words in it for a child of nine to read it easily and \
                without getting lost halfway.";
    let s = Summary {
        intro: format!("Short one. {long} Another short one!"),
        questions: vec![QuestionPart { question_id: 1, question: long.into(), answer: "Yes.".into() }],
        ..Summary::default()
    };
    assert_eq!(long_sentences(&s), vec![long.to_owned()]);
}

#[test]
fn slugs_are_lower_case_words_joined_by_single_hyphens() {
    assert_eq!(slug("Kestrel Vale", "Section 11 audit 2025"), "kestrel-vale-section-11-audit-2025");
    assert_eq!(slug("  St. Mary's — Partnership!", "2027/28"), "st-mary-s-partnership-2027-28");
    assert_eq!(slug("—", "!"), "summary");
    let long = slug(&"a ".repeat(100), "b");
    assert!(long.len() <= 80 && !long.ends_with('-'), "{long}");
}
