//! The answers a generated organisation gives. Each organisation has its own random
//! stream (seeded from the dataset's seed and its id), so its answers do not depend on
//! the order organisations are written in. Ratings follow the organisation's strength
//! (a little weaker in the previous cycle); narratives take a sentence written for the
//! criterion's topic and tone from the demo's narrative bank (`demo::narratives`) and
//! add, often, a second and third sentence from the fragments below, so full-text
//! search and themes meet varied wording rather than a few repeated lines.

use std::collections::HashMap;

use osa_core::assessment::Answer;
use osa_core::framework::{AnswerType, Framework, Rating};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::plan::OrgPlan;
use crate::demo::narratives::{self, Asked};

/// The organisation's own random stream for one cycle (`earlier`: the previous one).
pub fn stream(seed: u64, organisation: i64, earlier: bool) -> ChaCha8Rng {
    // Mixing with distinct odd constants keeps streams of neighbouring ids apart.
    let mixed = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15)
        ^ (organisation as u64).wrapping_mul(0xBF58_476D_1CE4_E5B9)
        ^ u64::from(earlier).wrapping_mul(0x94D0_49BB_1331_11EB);
    ChaCha8Rng::seed_from_u64(mixed)
}

const OPENINGS: &[&str] = &[
    "In the last twelve months",
    "Since the previous audit",
    "Following our most recent internal review",
    "Over the past two quarters",
    "After feedback from the partnership",
    "Since the new safeguarding lead started",
];
const FINDINGS: &[&str] = &[
    "a dip sample of {n} records found most were complete and clearly dated",
    "a staff survey of {n} colleagues showed confidence in raising concerns had grown",
    "{n} referrals were tracked from first concern to outcome without delay",
    "supervision notes for {n} practitioners were checked against the policy",
    "the training matrix showed {n} per cent of staff up to date",
    "{n} case files were audited jointly with a partner agency",
    "a review of {n} exit interviews raised no safeguarding themes",
    "we held {n} reflective sessions on learning from local reviews",
];
const FOLLOW_UPS: &[&str] = &[
    "The findings went to the board, which agreed two improvements.",
    "Gaps found were added to the action plan with named owners.",
    "We will repeat the check in six months to see whether the change has held.",
    "Families told us the change made it easier to ask for help.",
    "The next step is to share the approach with our commissioned providers.",
    "Weekend and night staff were the hardest to reach, so sessions now run on rota days.",
    "Records now show the voice of the person at the centre more clearly.",
    "Partners confirmed the improvement at the last assurance meeting.",
];
const IMPROVEMENTS: &[&str] = &[
    "Agree an improvement plan with the safeguarding lead and report progress to the board.",
    "Review the policy with staff representatives and relaunch it with briefings.",
    "Run a quarterly audit and report the results to senior leaders.",
    "Commission refresher training for every team that missed it this year.",
    "Add the checks to the contract monitoring schedule and follow up every gap.",
];

/// A rating for an organisation that meets about `strength` of its criteria.
fn rating(strength: f64, rng: &mut impl Rng) -> Rating {
    let roll: f64 = rng.random();
    if roll < strength {
        Rating::Met
    } else if roll < strength + (1.0 - strength) * 0.7 {
        Rating::PartiallyMet
    } else {
        Rating::NotMet
    }
}

fn narrative(asked: &Asked, rating: Rating, org: &OrgPlan, rng: &mut impl Rng) -> String {
    let mut text = narratives::narrative(asked, rating, org.sector, rng.random_range(0..1_000));
    if rng.random_bool(0.6) {
        let opening = OPENINGS.choose(rng).copied().unwrap_or_default();
        let finding = FINDINGS.choose(rng).copied().unwrap_or_default();
        let n = rng.random_range(6..96).to_string();
        text = format!("{text} {opening}, {}.", finding.replace("{n}", &n));
    }
    if rng.random_bool(0.35) {
        text = format!("{text} {}", FOLLOW_UPS.choose(rng).copied().unwrap_or_default());
    }
    text
}

/// The organisation's answers to the first `standards` standards of `framework` (all
/// of them for a finished assessment): every criterion that applies to its sector and
/// duty is answered and complete.
pub fn answers(
    framework: &Framework,
    org: &OrgPlan,
    seed: u64,
    earlier: bool,
    standards: usize,
) -> HashMap<String, Answer> {
    let mut rng = stream(seed, org.id, earlier);
    let strength = if earlier { (org.strength - 0.1).max(0.2) } else { org.strength };
    let mut out = HashMap::new();
    for standard in framework.standards.iter().take(standards) {
        for criterion in standard.criteria.iter().filter(|c| c.applies_to(org.sector, org.duty)) {
            let mut answer = Answer::default();
            let mut rated = rating(strength, &mut rng);
            if criterion.not_applicable && criterion.answer == AnswerType::Rating && rng.random_bool(0.05) {
                rated = Rating::NotApplicable;
            }
            match criterion.answer {
                AnswerType::Rating => answer.rating = Some(rated),
                AnswerType::YesNo => answer.yes_no = Some(rated == Rating::Met),
                AnswerType::Percentage => {
                    let base = 45.0 + strength * 50.0 + rng.random_range(-12.0..12.0);
                    answer.number = Some(f64::round(base).clamp(0.0, 100.0));
                }
                AnswerType::Number => answer.number = Some(f64::from(rng.random_range(0..40))),
                AnswerType::Text => {
                    answer.text = Some(narratives::text_answer(framework.audience, org.sector))
                }
            }
            let asked = Asked {
                standard_title: &standard.title,
                question: &criterion.question,
                audience: framework.audience,
            };
            if criterion.narrative_required || rng.random_bool(0.85) {
                answer.narrative = narrative(&asked, rated, org, &mut rng);
            }
            if matches!(rated, Rating::PartiallyMet | Rating::NotMet) && criterion.answer.is_counted() {
                answer.improvement_action =
                    IMPROVEMENTS.choose(&mut rng).copied().unwrap_or_default().to_owned();
            }
            out.insert(criterion.code.clone(), answer);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::framework::extended;
    use super::super::plan::{Plan, Scale};
    use super::*;
    use crate::frameworks::import::SHIPPED;

    fn children() -> Framework {
        extended(SHIPPED.iter().find(|(n, _)| *n == "s11-children.toml").unwrap().1).unwrap()
    }

    #[test]
    fn a_finished_assessment_completes_every_criterion_that_applies() {
        let framework = children();
        let plan = Plan::new(Scale::Region, 5);
        let org = plan
            .organisations
            .iter()
            .find(|o| o.audience == osa_core::framework::Audience::Children)
            .unwrap();
        let given = answers(&framework, org, 5, false, usize::MAX);
        for (_, c) in framework.criteria().filter(|(_, c)| c.applies_to(org.sector, org.duty)) {
            assert!(given[&c.code].is_complete(c), "{} is incomplete", c.code);
        }
        assert_eq!(given, answers(&framework, org, 5, false, usize::MAX), "same seed, same answers");
        assert_ne!(given, answers(&framework, org, 6, false, usize::MAX), "another seed, other answers");
    }

    #[test]
    fn narratives_vary_across_an_area() {
        let framework = children();
        let plan = Plan::new(Scale::Region, 1);
        let mut distinct = std::collections::HashSet::new();
        let mut total = 0;
        for org in plan.organisations.iter().take(40) {
            for a in answers(&framework, org, 1, false, 2).into_values() {
                total += 1;
                distinct.insert(a.narrative);
            }
        }
        assert!(distinct.len() * 10 > total * 6, "{} distinct of {total}", distinct.len());
    }
}
