//! The frameworks a generated dataset is answered against: the shipped children's and
//! adults' frameworks, each extended to exactly 100 criteria as a "national test
//! edition". The shipped files hold fewer (about 90 and 65); the issue asks for 100,
//! the size a large partnership's framework reaches with its local questions. The
//! added criteria are rated statements spread over the existing standards, so every
//! standard grows a little; the result goes through the real parser and importer
//! (`frameworks::import`) as the next published version of its key, so it is checked
//! exactly as a file a platform admin imports would be.

use osa_core::framework::{AnswerType, Criterion, Framework, parse, to_toml};

/// How many criteria each extended framework has.
pub const CRITERIA: usize = 100;

const STEMS: &[&str] = &[
    "Findings from audits of {topic} are reported to senior leaders at least once a year and acted on.",
    "Staff and volunteers can explain how {topic} works in their own role, and spot checks confirm it.",
    "The organisation compares its practice in {topic} with partners and learns from the comparison.",
    "People who use the service are asked about {topic}, and their views change what is done.",
    "Records show that concerns about {topic} are followed up within the agreed timescales.",
    "Written procedures for {topic} were reviewed in the last two years and reflect local procedures.",
    "Leaders can show what changed for the people the organisation serves as a result of work on {topic}.",
    "New starters are introduced to the organisation's expectations on {topic} within their first month.",
    "Contractors and partner services working on the organisation's behalf meet its standards on {topic}.",
];

/// The shipped framework `text` extended to [`CRITERIA`] criteria, renamed as the
/// national test edition. Fails when the shipped file does not parse.
pub fn extended(text: &str) -> anyhow::Result<Framework> {
    let mut framework = parse(text).map_err(|errors| {
        anyhow::anyhow!(
            "a shipped framework does not parse: {}",
            errors.first().map(|e| e.to_string()).unwrap_or_default()
        )
    })?;
    framework.name = format!("{} (national test edition)", framework.name);
    framework.description = format!(
        "{}\n\nThis edition has {CRITERIA} criteria: osa generated the extra statements to test the service at national scale.",
        framework.description
    );
    let standards = framework.standards.len().max(1);
    let mut added = 0;
    while framework.criterion_count() < CRITERIA {
        let standard = &mut framework.standards[added % standards];
        let topic = standard.title.to_lowercase();
        // Codes past the shipped ones ("1.51", "1.52", ...) never collide with them.
        let code = format!("{}.{}", standard.code, 51 + added / standards);
        let template = standard.criteria.first().cloned();
        standard.criteria.push(Criterion {
            code,
            question: STEMS[added % STEMS.len()].replace("{topic}", &topic),
            guidance: "Describe what you do, how you know it works, and what changed as a result.".into(),
            evidence: template.map(|c| c.evidence).unwrap_or_else(|| vec!["Audit findings".into()]),
            answer: AnswerType::Rating,
            not_applicable: added % 4 == 0,
            narrative_required: false,
            narrative_prompt: None,
            sectors: Vec::new(),
            duty: Vec::new(),
            maps_to: Vec::new(),
        });
        added += 1;
    }
    Ok(framework)
}

/// The extended framework as a file, for the importer.
pub fn extended_file(text: &str) -> anyhow::Result<String> {
    Ok(to_toml(&extended(text)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frameworks::import::SHIPPED;

    #[test]
    fn both_shipped_frameworks_grow_to_100_criteria_and_still_parse() {
        for name in ["s11-children.toml", "s11-adults.toml"] {
            let text = SHIPPED.iter().find(|(n, _)| *n == name).unwrap().1;
            let file = extended_file(text).unwrap();
            let parsed = parse(&file).unwrap_or_else(|e| panic!("{name}: {}", e[0]));
            assert_eq!(parsed.criterion_count(), CRITERIA, "{name}");
            assert!(parsed.name.ends_with("(national test edition)"));
            let original = parse(text).unwrap();
            // Every shipped criterion is kept word for word.
            for (_, c) in original.criteria() {
                assert_eq!(parsed.find(&c.code).map(|(_, k)| k), Some(c), "{name} {}", c.code);
            }
        }
    }
}
