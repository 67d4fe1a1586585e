//! The demo's narratives read true: checked against every criterion of the shipped
//! frameworks, every sector and every rating.

use std::collections::{BTreeSet, HashMap};

use osa_core::framework::{Audience, Framework, Rating, parse_bytes};
use osa_core::tenancy::Sector;

use super::{Asked, Lines, Topic, Voice, bank_people, bank_practice, bank_risks, lines, narrative, topic_of};
use crate::frameworks::import::SHIPPED;

const RATINGS: [Rating; 3] = [Rating::Met, Rating::PartiallyMet, Rating::NotMet];

fn shipped() -> Vec<Framework> {
    SHIPPED
        .iter()
        .map(|(name, text)| parse_bytes(text.as_bytes()).unwrap_or_else(|e| panic!("{name}: {e:?}")))
        .collect()
}

fn framework(key: &str) -> Framework {
    shipped().into_iter().find(|f| f.key == key).unwrap()
}

/// Every criterion of the shipped frameworks: (framework key, code, standard title,
/// question, audience).
fn criteria() -> Vec<(String, String, String, String, Audience)> {
    shipped()
        .iter()
        .flat_map(|f| {
            f.standards.iter().flat_map(move |s| {
                s.criteria.iter().map(move |c| {
                    (f.key.clone(), c.code.clone(), s.title.clone(), c.question.clone(), f.audience)
                })
            })
        })
        .collect()
}

fn topic(key: &str, code: &str) -> Topic {
    let (_, _, title, question, _) =
        criteria().into_iter().find(|(k, c, ..)| k == key && c == code).expect("a shipped criterion");
    topic_of(&title, &question)
}

/// Every sentence a criterion may be given, in every sector, for every rating.
fn every_narrative(standard_title: &str, question: &str, audience: Audience) -> Vec<String> {
    let asked = Asked { standard_title, question, audience };
    let mut all = Vec::new();
    for sector in Sector::ALL {
        for rating in RATINGS {
            for n in 0..4 {
                all.push(narrative(&asked, rating, *sector, n));
            }
        }
    }
    all
}

fn all_lines(lines: &Lines) -> impl Iterator<Item = &&'static str> {
    lines.met.iter().chain(lines.partly).chain(lines.not_met)
}

#[test]
fn every_topic_has_one_bank_entry_with_two_variants_for_each_rating() {
    let mut seen = HashMap::new();
    for (topic, lines) in bank_people::BANK.iter().chain(bank_practice::BANK).chain(bank_risks::BANK) {
        *seen.entry(*topic).or_insert(0) += 1;
        for (rating, said) in [("met", lines.met), ("partly", lines.partly), ("not met", lines.not_met)] {
            assert!(said.len() >= 2, "{topic:?} has {} {rating} lines", said.len());
        }
    }
    for topic in Topic::ALL {
        assert_eq!(seen.get(topic), Some(&1), "{topic:?}");
    }
    assert_eq!(seen.len(), Topic::ALL.len());
}

#[test]
fn every_criterion_names_a_topic_except_the_few_the_demo_has_no_words_for() {
    let general: BTreeSet<String> = criteria()
        .into_iter()
        .filter(|(_, _, title, question, _)| topic_of(title, question) == Topic::General)
        .map(|(key, code, ..)| format!("{key}:{code}"))
        .collect();
    // Missed health appointments, safer sleep, children in custody and multiple
    // disadvantage: each named by one criterion, given the demo's general words.
    let expected: BTreeSet<String> =
        ["s11-adults:4.6", "s11-children:2.8", "s11-children:11.9", "s11-children:11.11", "s11-joint:10.6"]
            .map(String::from)
            .into();
    assert_eq!(general, expected);
    assert!(criteria().len() > 250, "all five frameworks were read");
}

#[test]
fn real_criteria_get_the_topic_their_question_names() {
    let mut wrong = Vec::new();
    for (key, code, expected) in [
        ("s11-children", "1.1", Topic::Leadership),
        ("s11-children", "1.2", Topic::DesignatedLead),
        ("s11-children", "1.3", Topic::Leadership),
        ("s11-children", "2.1", Topic::Policy),
        ("s11-children", "2.4", Topic::Whistleblowing),
        ("s11-children", "2.6", Topic::Complaints),
        ("s11-children", "3.1", Topic::SaferRecruitment),
        // "Safer recruitment training" is about recruitment, not training.
        ("s11-children", "3.4", Topic::SaferRecruitment),
        ("s11-children", "3.6", Topic::Allegations),
        ("s11-children", "3.8", Topic::Allegations),
        ("s11-children", "4.1", Topic::Training),
        ("s11-children", "4.7", Topic::Supervision),
        ("s11-children", "5.3", Topic::Voice),
        // Children helping with staff recruitment is their voice.
        ("s11-children", "5.4", Topic::Voice),
        ("s11-children", "6.1", Topic::InformationSharing),
        ("s11-children", "6.3", Topic::RecordKeeping),
        ("s11-children", "6.4", Topic::Referrals),
        ("s11-children", "6.5", Topic::Escalation),
        ("s11-children", "7.1", Topic::EarlyHelp),
        ("s11-children", "7.4", Topic::Neglect),
        ("s11-children", "8.1", Topic::Commissioning),
        ("s11-children", "8.6", Topic::Commissioning),
        ("s11-children", "9.1", Topic::QualityAssurance),
        ("s11-children", "9.3", Topic::LearningFromReviews),
        ("s11-children", "9.6", Topic::Impact),
        ("s11-children", "9.9", Topic::LearningFromReviews),
        ("s11-children", "10.3", Topic::Equality),
        ("s11-children", "11.1", Topic::Exploitation),
        ("s11-children", "11.3", Topic::OnlineSafety),
        ("s11-children", "11.6", Topic::DomesticAbuse),
        ("s11-children", "11.7", Topic::HarmfulPractices),
        ("s11-children", "11.10", Topic::Prevent),
        ("s11-adults", "3.4", Topic::Voice),
        ("s11-adults", "4.1", Topic::MentalCapacity),
        ("s11-adults", "4.3", Topic::Neglect),
        ("s11-adults", "5.5", Topic::Allegations),
        ("s11-adults", "7.7", Topic::Transitions),
        ("s11-joint", "2.5", Topic::Policy),
        ("s11-short", "3.2", Topic::SaferRecruitment),
        ("s11-short", "4.4", Topic::Supervision),
        ("s11-short", "6.2", Topic::RecordKeeping),
        ("s11-short", "7.1", Topic::SafeActivities),
        ("s11-short", "7.3", Topic::Exploitation),
        ("partnership", "2.5", Topic::Referrals),
        ("partnership", "4.5", Topic::LearningFromReviews),
    ] {
        if topic(key, code) != expected {
            wrong.push(format!("{key}:{code} is {:?}, not {expected:?}", topic(key, code)));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn a_word_inside_another_word_names_nothing() {
    // "reviews" holds "views", which would make a review question one about voice.
    assert_eq!(topic_of("", "Rapid reviews are carried out on time."), Topic::LearningFromReviews);
    assert_eq!(topic_of("", "The views of children shape plans."), Topic::Voice);
    assert_eq!(topic_of("Nothing here", "Something else entirely."), Topic::General);
    assert_eq!(topic_of("Safer recruitment", "Something else entirely."), Topic::SaferRecruitment);
}

#[test]
fn recruitment_narratives_never_talk_about_training_and_training_ones_never_about_recruitment() {
    for (_, _, title, question, audience) in criteria() {
        let said = every_narrative(&title, &question, audience);
        match topic_of(&title, &question) {
            Topic::SaferRecruitment => {
                assert!(said.iter().all(|s| !s.to_lowercase().contains("training")), "{question}")
            }
            Topic::Training => assert!(
                said.iter()
                    .all(|s| !s.contains("recruit") && !s.contains("DBS") && !s.contains("references")),
                "{question}"
            ),
            _ => {}
        }
    }
}

#[test]
fn adults_narratives_speak_of_adults_unless_the_question_is_about_children() {
    for (_, code, title, question, audience) in criteria() {
        if audience != Audience::Adults || question.to_lowercase().contains("child") {
            continue;
        }
        for said in every_narrative(&title, &question, audience) {
            let lower = said.to_lowercase();
            assert!(!lower.contains("child") && !lower.contains("pupil"), "adults {code}: {said}");
        }
    }
}

#[test]
fn the_rating_changes_what_is_said() {
    for topic in Topic::ALL {
        let lines = lines(*topic);
        for met in lines.met {
            assert!(!lines.partly.contains(met) && !lines.not_met.contains(met), "{topic:?}");
        }
        for partly in lines.partly {
            assert!(!lines.not_met.contains(partly), "{topic:?}");
        }
        // What is not met says what is planned.
        for said in lines.not_met {
            let plans =
                ["will ", "booked", "planned", "start", "next ", "from now on", "now in our action plan"];
            assert!(plans.iter().any(|p| said.contains(p)), "{topic:?}: {said}");
        }
    }
}

#[test]
fn the_sector_chooses_the_words() {
    let children = framework("s11-children");
    let leadership = &children.standards[0];
    let asked = Asked {
        standard_title: &leadership.title,
        question: &leadership.criteria[0].question,
        audience: Audience::Children,
    };
    for (sector, word) in
        [(Sector::Education, "governors"), (Sector::Health, "board"), (Sector::SportAndLeisure, "committee")]
    {
        for n in 0..2 {
            let said = narrative(&asked, Rating::Met, sector, n);
            assert!(said.contains(word), "{sector:?}: {said}");
        }
    }
    let voice = &children.standards.iter().find(|s| s.title.starts_with("Voice")).unwrap().criteria[2];
    let asked = Asked { standard_title: "", question: &voice.question, audience: Audience::Children };
    for (sector, word) in
        [(Sector::Education, "pupils"), (Sector::Health, "patients"), (Sector::SportAndLeisure, "members")]
    {
        assert!(narrative(&asked, Rating::PartiallyMet, sector, 0).contains(word), "{sector:?}");
    }
    let asked = Asked { audience: Audience::Adults, ..asked };
    assert!(
        narrative(&asked, Rating::PartiallyMet, Sector::VoluntaryAndCommunity, 0).contains("adults at risk")
    );
}

#[test]
fn neighbouring_answers_differ_and_the_same_answer_reads_the_same() {
    let asked = Asked {
        standard_title: "",
        question: "Staff receive safeguarding training.",
        audience: Audience::Children,
    };
    let first = narrative(&asked, Rating::Met, Sector::Police, 0);
    assert_ne!(first, narrative(&asked, Rating::Met, Sector::Police, 1));
    assert_eq!(first, narrative(&asked, Rating::Met, Sector::Police, 2));
}

#[test]
fn every_placeholder_is_filled_and_every_narrative_starts_with_a_capital() {
    for audience in Audience::ALL {
        for sector in Sector::ALL {
            let voice = Voice::of(*audience, *sector);
            for topic in Topic::ALL {
                for line in all_lines(lines(*topic)) {
                    let said = voice.fill(line);
                    assert!(!said.contains('{') && !said.contains('}'), "{said}");
                    assert!(said.starts_with(|c: char| c.is_uppercase()), "{said}");
                }
            }
        }
    }
}

#[test]
fn every_demo_theme_finds_words_the_narratives_use() {
    // The demo's analyst tags passages found by each theme's words, all of which a
    // passage must hold; a theme whose words no narrative holds would show nothing.
    let all: Vec<String> = Topic::ALL
        .iter()
        .flat_map(|t| all_lines(lines(*t)))
        .map(|line| Voice::of(Audience::Children, Sector::Education).fill(line).to_lowercase())
        .collect();
    for (name, words) in crate::demo::themes::THEMES {
        let Some(words) = words else { continue };
        let found = all.iter().any(|said| words.split(' ').all(|w| said.contains(w)));
        assert!(found, "{name}: no narrative holds {words}");
    }
}
