use std::collections::HashMap;

use super::*;
use crate::assessment::fixtures::{self, answers};
use crate::assessment::{Answer, derive_actions};
use crate::framework::{AnswerType, Audience, Standing};

fn place<'a>(framework: &'a str, standard: &'a str, criterion: &'a str) -> Place<'a> {
    Place { framework, standard, criterion }
}

fn linked(item: &'static str, links: Vec<Link>) -> Linked<&'static str> {
    Linked { item, links }
}

#[test]
fn kinds_round_trip_and_read_well() {
    for k in ResourceKind::ALL {
        assert_eq!(ResourceKind::from_code(k.code()), Some(*k));
    }
    let labels: Vec<_> = ResourceKind::ALL.iter().map(|k| k.label()).collect();
    assert_eq!(labels, ["Training", "Guidance", "Template", "Local procedure"]);
    assert_eq!(ResourceKind::LocalProcedure.code(), "local_procedure");
    assert_eq!(ResourceKind::from_code("Training"), None, "codes are exact");
    assert_eq!(ResourceKind::from_code(""), None);
}

#[test]
fn a_criterion_link_matches_that_criterion_only() {
    let link = Link::criterion("s11", "3", "3.2");
    assert!(link.covers(place("s11", "3", "3.2")));
    assert!(!link.covers(place("s11", "3", "3.1")), "a sibling criterion");
    assert!(!link.covers(place("s11", "4", "3.2")), "the same code in another standard");
    assert!(!link.covers(place("adults", "3", "3.2")), "the same codes in another framework");
    assert!(!link.covers(place("s11", "3", "3.20")), "codes are compared whole");
    assert!(!link.covers(place("s11", "3", "3")), "a criterion link is not a standard link");
}

#[test]
fn a_standard_link_matches_every_criterion_of_the_standard() {
    let link = Link::standard("s11", "3");
    for criterion in ["3.1", "3.2", "3.10", "L1"] {
        assert!(link.covers(place("s11", "3", criterion)), "{criterion}");
    }
    assert!(!link.covers(place("s11", "30", "30.1")), "standard codes are compared whole");
    assert!(!link.covers(place("s11", "4", "4.1")));
    assert!(!link.covers(place("s11-short", "3", "3.1")), "framework keys are compared whole");
}

/// Links over a small universe: two frameworks, two standards each, two criteria each.
fn universe() -> Vec<Link> {
    let mut out = Vec::new();
    for f in ["a", "b"] {
        for s in ["1", "2"] {
            out.push(Link::standard(f, s));
            for c in ["1", "2"] {
                out.push(Link::criterion(f, s, &format!("{s}.{c}")));
            }
        }
    }
    out
}

/// The places of that universe.
fn places() -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for f in ["a", "b"] {
        for s in ["1", "2"] {
            for c in ["1", "2"] {
                out.push((f.to_owned(), s.to_owned(), format!("{s}.{c}")));
            }
        }
    }
    out
}

/// The rule stated another way: a link stands for the set of criteria it reaches
/// (its own criterion, or every criterion of its standard), and a resource matches a
/// place when that place is in the union of its links' sets.
fn reached_by(links: &[Link]) -> Vec<(String, String, String)> {
    places()
        .into_iter()
        .filter(|(f, s, c)| {
            links.iter().any(|l| {
                l.framework == *f
                    && l.standard == *s
                    && match &l.criterion {
                        Some(code) => code == c,
                        None => true,
                    }
            })
        })
        .collect()
}

#[test]
fn every_pair_of_links_matches_exactly_the_places_it_reaches() {
    let all = universe();
    assert_eq!(all.len(), 12);
    let mut checked = 0;
    for i in 0..all.len() {
        for j in i..all.len() {
            let links = vec![all[i].clone(), all[j].clone()];
            let resources = [linked("r", links.clone())];
            let reached = reached_by(&links);
            for (f, s, c) in places() {
                let got = matching(&resources, place(&f, &s, &c));
                let expected = reached.contains(&(f.clone(), s.clone(), c.clone()));
                assert_eq!(got.len(), usize::from(expected), "links {links:?} at {f} {s} {c}");
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 78 * 8);
}

#[test]
fn each_resource_is_shown_once_and_in_the_order_given() {
    let resources = [
        linked("guide", vec![Link::standard("a", "1"), Link::criterion("a", "1", "1.1")]),
        linked("elsewhere", vec![Link::standard("b", "1")]),
        linked("template", vec![Link::criterion("a", "1", "1.1"), Link::criterion("a", "1", "1.1")]),
        linked("course", vec![Link::criterion("a", "1", "1.2"), Link::standard("a", "1")]),
        linked("nothing", vec![]),
    ];
    assert_eq!(matching(&resources, place("a", "1", "1.1")), [&"guide", &"template", &"course"]);
    assert_eq!(matching(&resources, place("a", "1", "1.2")), [&"guide", &"course"]);
    assert_eq!(matching(&resources, place("b", "1", "1.2")), [&"elsewhere"]);
    assert!(matching(&resources, place("a", "2", "2.1")).is_empty());
    assert!(matching::<&str>(&[], place("a", "1", "1.1")).is_empty());
}

#[test]
fn only_amber_and_red_answers_get_signposts() {
    let resources = [linked("guide", vec![Link::standard("a", "1")])];
    let here = place("a", "1", "1.1");
    assert_eq!(for_answer(Some(Standing::Red), &resources, here), [&"guide"]);
    assert_eq!(for_answer(Some(Standing::Amber), &resources, here), [&"guide"]);
    assert!(for_answer(Some(Standing::Green), &resources, here).is_empty());
    assert!(for_answer(None, &resources, here).is_empty(), "unanswered or uncounted");
    assert!(for_answer(Some(Standing::Red), &resources, place("a", "2", "2.1")).is_empty());
    assert!(needs_help(Some(Standing::Red)) && needs_help(Some(Standing::Amber)));
    assert!(!needs_help(Some(Standing::Green)) && !needs_help(None));
}

#[test]
fn an_answers_standing_follows_its_counted_rating() {
    let f = fixtures::framework();
    let standing = |code: &str, value: &str| {
        let given = answers(&[(code, value, "", "")]);
        answer_standing(f.find(code).unwrap().1, &given[code])
    };
    assert_eq!(standing("1.1", "partially_met"), Some(Standing::Amber));
    assert_eq!(standing("1.1", "not_met"), Some(Standing::Red));
    assert_eq!(standing("1.1", "met"), Some(Standing::Green));
    assert_eq!(standing("1.2", "no"), Some(Standing::Red), "a yes/no answered no");
    assert_eq!(standing("1.2", "yes"), Some(Standing::Green));
    assert_eq!(standing("2.3", "not_applicable"), Some(Standing::Green));
    assert_eq!(standing("1.3", "10"), None, "percentages are not counted");
    assert_eq!(standing("2.4", "0"), None, "numbers are not counted");
    assert_eq!(standing("3.2", "We meet them"), None, "text is not counted");
    assert_eq!(standing("1.1", ""), None, "no answer yet");
    // Narrative is required for 1.1 but missing: help is offered all the same.
    assert_eq!(standing("1.1", "not_met"), Some(Standing::Red));
    // A stale "not applicable" on a criterion that no longer allows it is no answer.
    let stale = Answer { rating: Some(Rating::NotApplicable), ..Answer::default() };
    assert_eq!(answer_standing(f.find("1.1").unwrap().1, &stale), None);
    // A rating left on a question that is now yes/no is ignored.
    let leftover = Answer { rating: Some(Rating::NotMet), ..Answer::default() };
    assert_eq!(answer_standing(f.find("1.2").unwrap().1, &leftover), None);
}

/// Every complete answer the action plan turns into an action is one signposts are
/// shown beside, with the same colour, and no other complete answer is.
#[test]
fn signposted_answers_are_exactly_the_action_plans_when_complete() {
    let f = fixtures::framework();
    let values: HashMap<AnswerType, Vec<&str>> = HashMap::from([
        (AnswerType::Rating, vec!["met", "partially_met", "not_met", "not_applicable"]),
        (AnswerType::YesNo, vec!["yes", "no"]),
        (AnswerType::Percentage, vec!["0", "100"]),
        (AnswerType::Number, vec!["3"]),
        (AnswerType::Text, vec!["Some words"]),
    ]);
    let mut checked = 0;
    for (standard, criterion) in f.criteria() {
        if !criterion.applies_to(fixtures::SECTOR, fixtures::DUTY) {
            continue;
        }
        for value in &values[&criterion.answer] {
            if *value == "not_applicable" && !criterion.not_applicable {
                continue;
            }
            let given = answers(&[(criterion.code.as_str(), value, "Evidence", "")]);
            let actions = derive_actions(&f, &given, fixtures::SECTOR, fixtures::DUTY);
            let from_plan = actions.iter().find(|a| a.criterion_code == criterion.code).map(|a| a.standing);
            let own = answer_standing(criterion, &given[&criterion.code]);
            assert_eq!(needs_help(own), from_plan.is_some(), "{} = {value}", criterion.code);
            if let Some(plan) = from_plan {
                assert_eq!(own, Some(plan), "{} = {value}", criterion.code);
                assert_eq!(actions[0].standard_code, standard.code);
            }
            checked += 1;
        }
    }
    assert!(checked >= 15, "checked {checked}");
}

#[test]
fn links_read_back_from_their_form_values() {
    for link in universe() {
        assert_eq!(Link::parse(&link.code()), Some(link.clone()), "{}", link.code());
    }
    assert_eq!(Link::standard("s11-children", "3").code(), "s11-children|3");
    assert_eq!(Link::criterion("s11-children", "3", "3.4").code(), "s11-children|3|3.4");
    for bad in ["", "s11", "s11|", "|3", "s11||3.1", "s11|3|", "s11|3|3.1|x", "|", "||"] {
        assert_eq!(Link::parse(bad), None, "{bad:?}");
    }
}

#[test]
fn links_exist_only_where_the_framework_has_them() {
    let f = fixtures::framework();
    assert!(Link::standard("fixture", "2").exists_in(&f));
    assert!(Link::criterion("fixture", "2", "2.3").exists_in(&f));
    assert!(!Link::criterion("fixture", "1", "2.3").exists_in(&f), "a criterion under another standard");
    assert!(!Link::standard("fixture", "9").exists_in(&f));
    assert!(!Link::criterion("fixture", "2", "2.9").exists_in(&f));
    assert!(!Link::standard("other", "2").exists_in(&f), "another framework's key");
}

#[test]
fn a_whole_standard_makes_its_criterion_links_redundant() {
    let kept = normalise(vec![
        Link::criterion("a", "1", "1.2"),
        Link::standard("a", "1"),
        Link::criterion("a", "1", "1.1"),
        Link::criterion("a", "2", "2.1"),
        Link::criterion("a", "2", "2.1"),
        Link::criterion("b", "1", "1.1"),
        Link::standard("b", "2"),
    ]);
    assert_eq!(
        kept,
        [
            Link::standard("a", "1"),
            Link::criterion("a", "2", "2.1"),
            Link::criterion("b", "1", "1.1"),
            Link::standard("b", "2"),
        ]
    );
    assert!(normalise(Vec::new()).is_empty());
}

/// Normalising never changes which places a set of links reaches.
#[test]
fn normalising_keeps_every_place_reached() {
    let all = universe();
    for i in 0..all.len() {
        for j in 0..all.len() {
            for k in 0..all.len() {
                let links = vec![all[i].clone(), all[j].clone(), all[k].clone()];
                let kept = normalise(links.clone());
                assert!(kept.len() <= 3);
                assert_eq!(reached_by(&kept), reached_by(&links), "{links:?}");
            }
        }
    }
}

#[test]
fn partnerships_link_to_the_frameworks_of_the_people_they_safeguard() {
    assert_eq!(audiences_for(PartnershipKind::Children), [Audience::Children]);
    assert_eq!(audiences_for(PartnershipKind::Adults), [Audience::Adults]);
    assert_eq!(
        audiences_for(PartnershipKind::Joint),
        [Audience::Children, Audience::Adults, Audience::Joint]
    );
    for kind in PartnershipKind::ALL {
        assert!(!audiences_for(*kind).contains(&Audience::Partnership), "{kind:?}");
    }
}
