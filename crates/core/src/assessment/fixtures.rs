//! Test fixtures: a small framework with every answer type, criteria limited by sector
//! and by duty, and a standard that applies to nobody but the statutory.

use std::collections::HashMap;

use super::{Answer, RawAnswer, parse_answer};
use crate::framework::{AnswerType, Criterion, Framework, parse};
use crate::tenancy::{DutyStatus, Sector};

/// The organisation the fixtures are mostly answered as: a voluntary charity.
pub(crate) const SECTOR: Sector = Sector::VoluntaryAndCommunity;
pub(crate) const DUTY: DutyStatus = DutyStatus::Voluntary;

const TOML: &str = r#"
[framework]
key = "fixture"
name = "Fixture"
audience = "children"
version = 1
description = "A framework for tests."
standing_rule = "default"

[[standards]]
code = "1"
title = "Leadership"
outcome = "Everyone knows who leads."

[[standards.criteria]]
code = "1.1"
question = "We have a named safeguarding lead and a deputy."
guidance = "Name them."
evidence = ["Poster"]
answer = "rating"
not_applicable = false
narrative_required = true

[[standards.criteria]]
code = "1.2"
question = "Is your safeguarding policy published where families can find it?"
guidance = "Yes if it is on the website."
evidence = ["Link"]
answer = "yes_no"
not_applicable = false
narrative_required = false

[[standards.criteria]]
code = "1.3"
question = "What percentage of staff are trained?"
guidance = "Trained divided by staff."
evidence = ["List"]
answer = "percentage"
not_applicable = false
narrative_required = false

[[standards]]
code = "2"
title = "Training"
outcome = "Everyone is trained."

[[standards.criteria]]
code = "2.1"
question = "New helpers are told how we keep children safe."
guidance = "On their first day."
evidence = ["Checklist"]
answer = "rating"
not_applicable = false
narrative_required = true

[[standards.criteria]]
code = "2.2"
question = "Every coach holds a current safeguarding certificate."
guidance = "Check the dates."
evidence = ["Certificates"]
answer = "rating"
not_applicable = false
narrative_required = true

[[standards.criteria]]
code = "2.3"
question = "Sports coaches hold their governing body's qualification."
guidance = "Not applicable if you run no sport."
evidence = ["Certificates"]
answer = "rating"
not_applicable = true
narrative_required = true

[[standards.criteria]]
code = "2.4"
question = "How many helpers did you train this year?"
guidance = "April to March."
evidence = ["List"]
answer = "number"
not_applicable = false
narrative_required = false

[[standards]]
code = "3"
title = "Policing"
outcome = "Custody is safe."

[[standards.criteria]]
code = "3.1"
question = "Custody staff are trained to spot exploitation."
guidance = "Police only."
evidence = ["Records"]
answer = "rating"
not_applicable = false
narrative_required = true
sectors = ["police"]

[[standards.criteria]]
code = "3.2"
question = "Describe your work with the police."
guidance = "A few lines."
evidence = ["Notes"]
answer = "text"
not_applicable = false
narrative_required = false

[[standards]]
code = "4"
title = "Statutory duties"
outcome = "Duties are met."

[[standards.criteria]]
code = "4.1"
question = "We report to the partnership every year."
guidance = "Statutory only."
evidence = ["Reports"]
answer = "rating"
not_applicable = false
narrative_required = false
duty = ["statutory"]
"#;

pub(crate) fn framework() -> Framework {
    parse(TOML).unwrap_or_else(|errors| panic!("fixture is invalid: {}", errors[0]))
}

/// A criterion of the given type that applies to everyone, allows no "not
/// applicable" and needs no narrative.
pub(crate) fn criterion(code: &str, answer: AnswerType) -> Criterion {
    Criterion {
        code: code.into(),
        question: format!("Question {code}"),
        guidance: "G".into(),
        evidence: vec![],
        answer,
        not_applicable: false,
        narrative_required: false,
        narrative_prompt: None,
        sectors: vec![],
        duty: vec![],
        maps_to: vec![],
    }
}

/// Answers as typed, (criterion code, value, narrative, improvement action), each
/// parsed against the fixture framework; panics on a criterion or value it refuses.
pub(crate) fn answers(typed: &[(&str, &str, &str, &str)]) -> HashMap<String, Answer> {
    let f = framework();
    typed
        .iter()
        .map(|(code, value, narrative, improvement_action)| {
            let (_, criterion) = f.find(code).unwrap_or_else(|| panic!("no criterion {code}"));
            let raw = RawAnswer { value, narrative, improvement_action };
            let answer = parse_answer(criterion, &raw).unwrap_or_else(|e| panic!("{code}: {e:?}"));
            ((*code).to_owned(), answer)
        })
        .collect()
}
