//! A hand-counted cycle for the board report's tests: 20 invited organisations, 14
//! submitted, 2 confirmed non-submissions, 3 in progress and 1 not started, on a
//! framework of two standards.

use std::collections::{BTreeMap, BTreeSet};

use super::figures::{
    ActionFigure, Figures, FrameworkOutline, MeetingFigure, ResponseFigures, StandardFigures, ThemeFigures,
    participants_and_heat,
};
use crate::analytics::{
    Cohort, Filter, InvitationState, OrganisationFacts, StandardHeading, heat_map, response_rate,
    standard_shares, table_basis,
};
use crate::framework::Standing;
use crate::tenancy::{DutyStatus, Sector};

pub fn standards() -> Vec<StandardHeading> {
    vec![
        StandardHeading { code: "1".into(), title: "Leadership".into() },
        StandardHeading { code: "2".into(), title: "Safer recruitment".into() },
    ]
}

fn org(id: i64, state: InvitationState, standings: &[(&str, Standing)]) -> OrganisationFacts {
    OrganisationFacts {
        organisation: id,
        name: format!("Org {id:02}"),
        framework: 1,
        sector: Sector::Health,
        duty: DutyStatus::Statutory,
        partnerships: vec![1],
        invitation: state,
        standings: standings.iter().map(|(c, s)| ((*c).to_owned(), *s)).collect::<BTreeMap<_, _>>(),
        not_applicable: BTreeSet::new(),
        ratings: BTreeMap::new(),
        values: BTreeMap::new(),
        non_submission_reason: (state == InvitationState::ConfirmedNonSubmission)
            .then(|| "Closed in March".to_owned()),
    }
}

/// Standard 1: 8 green, 4 amber, 2 red of 14. Standard 2: 13 apply (one answered it
/// not applicable): 10 green, 2 amber, 1 red.
pub fn facts() -> Vec<OrganisationFacts> {
    use InvitationState::*;
    use Standing::*;
    let mut out = Vec::new();
    for i in 1..=14 {
        let one = match i {
            1..=8 => Green,
            9..=12 => Amber,
            _ => Red,
        };
        let two = match i {
            1..=10 => Green,
            11..=12 => Amber,
            _ => Red,
        };
        let mut o = org(i, Submitted, &[("1", one), ("2", two)]);
        if i == 14 {
            o.not_applicable.insert("2".into());
        }
        out.push(o);
    }
    out.push(org(15, ConfirmedNonSubmission, &[]));
    out.push(org(16, ConfirmedNonSubmission, &[]));
    for i in 17..=19 {
        out.push(org(i, InProgress, &[]));
    }
    out.push(org(20, NotStarted, &[]));
    out
}

/// The figures of [`facts`] made exactly as the server makes them.
pub fn figures() -> Figures {
    let facts = facts();
    let cohort = Cohort::new(&facts, &Filter::default());
    let shares = standard_shares(&standards(), &cohort);
    let basis = table_basis(
        "standard",
        &shares
            .iter()
            .map(|s| (format!("{}. {}", s.standard.code, s.standard.title), s.tally))
            .collect::<Vec<_>>(),
    );
    let (participants, heat) = participants_and_heat(&heat_map(&standards(), &cohort));
    Figures {
        partnership: "Kestrel Safeguarding Children Partnership".into(),
        cycle: "Section 11 audit 2025".into(),
        opens_on: "1 April 2025".into(),
        due_on: "30 June 2025".into(),
        framework: FrameworkOutline {
            name: "Section 11 standards".into(),
            version: 2,
            description: "The standards every agency assesses itself against.".into(),
            standards: vec![],
        },
        response: ResponseFigures::of(&response_rate(&cohort)),
        sent_elsewhere: 0,
        standards: shares.iter().map(StandardFigures::of).collect(),
        shares_basis: basis,
        participants,
        heat,
        meetings: vec![MeetingFigure {
            organisation: "Org 03".into(),
            held_on: "12 September 2025".into(),
            state: "Record finalised".into(),
            held: true,
            questions: 3,
            assured: 2,
            partly_assured: 1,
            not_assured: 0,
            agreed_actions: 1,
        }],
        themes: vec![ThemeFigures {
            name: "Neglect".into(),
            actions: vec![ActionFigure {
                title: "Agree a neglect strategy".into(),
                lead_group: "Neglect subgroup".into(),
                target: "31 March 2026".into(),
                status: "On track".into(),
            }],
        }],
        other_frameworks: Vec::new(),
    }
}
