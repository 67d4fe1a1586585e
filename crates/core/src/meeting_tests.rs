use time::macros::date;

use super::*;

const P1: i64 = 1;
const P2: i64 = 2;
const O1: i64 = 10;
const O2: i64 = 20;
const PANEL: &[i64] = &[77];
const MEETING: Parties<'static> = Parties { partnership: P1, organisation: O1, panel: PANEL };

fn staff(role: PartnershipRole, partnership: i64) -> Principal {
    Principal { user_id: 7, partnership_roles: vec![(partnership, role)], ..Default::default() }
}

fn member(role: OrgRole, organisation: i64) -> Principal {
    Principal { user_id: 8, org_roles: vec![(organisation, role)], ..Default::default() }
}

fn standing(code: &str, standing: Standing) -> StandardStanding {
    StandardStanding { code: code.into(), title: format!("Title {code}"), standing, applies: true }
}

#[test]
fn a_meeting_goes_from_scheduled_to_held_to_finalised_and_never_back() {
    use MeetingState::*;
    assert_eq!(check(Scheduled, Change::MarkHeld), Ok(Held));
    assert_eq!(check(Held, Change::Finalise), Ok(Finalised));
    assert_eq!(check(Held, Change::MarkHeld), Err(Refusal::AlreadyHeld));
    assert_eq!(check(Scheduled, Change::Finalise), Err(Refusal::NotHeldYet));
    assert_eq!(check(Finalised, Change::MarkHeld), Err(Refusal::Finalised));
    assert_eq!(check(Finalised, Change::Finalise), Err(Refusal::Finalised));
}

#[test]
fn the_date_agenda_and_panel_change_only_before_the_meeting() {
    assert_eq!(check(MeetingState::Scheduled, Change::EditDetails), Ok(MeetingState::Scheduled));
    assert_eq!(check(MeetingState::Held, Change::EditDetails), Err(Refusal::AlreadyHeld));
    assert_eq!(check(MeetingState::Finalised, Change::EditDetails), Err(Refusal::Finalised));
}

#[test]
fn notes_outcomes_and_actions_are_recorded_only_once_held() {
    for change in [Change::Record, Change::AgreeAction] {
        assert_eq!(check(MeetingState::Scheduled, change), Err(Refusal::NotHeldYet), "{change:?}");
        assert_eq!(check(MeetingState::Held, change), Ok(MeetingState::Held), "{change:?}");
    }
    // Questions may be prepared beforehand and added while recording.
    assert_eq!(check(MeetingState::Scheduled, Change::AddQuestion), Ok(MeetingState::Scheduled));
    assert_eq!(check(MeetingState::Held, Change::AddQuestion), Ok(MeetingState::Held));
}

#[test]
fn a_finalised_record_takes_only_comments() {
    for change in Change::ALL {
        let result = check(MeetingState::Finalised, *change);
        if *change == Change::Comment {
            assert_eq!(result, Ok(MeetingState::Finalised));
        } else {
            assert_eq!(result, Err(Refusal::Finalised), "{change:?}");
        }
    }
    assert_eq!(check(MeetingState::Scheduled, Change::Comment), Err(Refusal::NotHeldYet));
    assert_eq!(check(MeetingState::Held, Change::Comment), Ok(MeetingState::Held));
}

#[test]
fn every_code_round_trips_and_unknown_codes_are_refused() {
    for s in MeetingState::ALL {
        assert_eq!(MeetingState::from_code(s.code()), Some(*s));
    }
    for s in QuestionSource::ALL {
        assert_eq!(QuestionSource::from_code(s.code()), Some(*s));
    }
    for o in Outcome::ALL {
        assert_eq!(Outcome::from_code(o.code()), Some(*o));
    }
    assert_eq!(Outcome::ALL.len(), 3);
    assert_eq!(QuestionSource::ALL.len(), 3);
    assert_eq!(Outcome::from_code("Assured"), None);
    assert_eq!(QuestionSource::from_code("youth_council"), None);
}

#[test]
fn the_partnerships_staff_read_its_admins_run_and_others_are_not_told() {
    for role in PartnershipRole::ALL {
        assert_eq!(MEETING.may_read(&staff(*role, P1)), Decision::Allow, "{role:?}");
        assert!(MEETING.may_read_record(&staff(*role, P1), MeetingState::Scheduled));
        assert_eq!(MEETING.may_read(&staff(*role, P2)), Decision::NotFound, "other partnership");
    }
    assert_eq!(MEETING.may_manage(&staff(PartnershipRole::Admin, P1)), Decision::Allow);
    assert_eq!(MEETING.may_manage(&staff(PartnershipRole::Analyst, P1)), Decision::Forbidden);
    assert_eq!(MEETING.may_manage(&staff(PartnershipRole::PanelMember, P1)), Decision::Forbidden);
    assert_eq!(MEETING.may_manage(&staff(PartnershipRole::Admin, P2)), Decision::NotFound);
    assert_eq!(MEETING.may_read(&member(OrgRole::SafeguardingLead, O2)), Decision::NotFound);
    assert_eq!(MEETING.may_read(&Principal::default()), Decision::NotFound);
}

#[test]
fn the_organisations_lead_reads_the_agenda_first_and_the_record_once_held() {
    let lead = member(OrgRole::SafeguardingLead, O1);
    assert_eq!(MEETING.may_read(&lead), Decision::Allow);
    assert!(!MEETING.may_read_record(&lead, MeetingState::Scheduled));
    assert!(MEETING.may_read_record(&lead, MeetingState::Held));
    assert!(MEETING.may_read_record(&lead, MeetingState::Finalised));
    assert_eq!(MEETING.may_manage(&lead), Decision::Forbidden);
    assert_eq!(MEETING.may_comment(&lead), Decision::Allow);
    for role in [OrgRole::Contributor, OrgRole::SeniorSignOff] {
        let p = member(role, O1);
        assert_eq!(MEETING.may_read(&p), Decision::Forbidden, "{role:?}");
        assert!(!MEETING.may_read_record(&p, MeetingState::Finalised));
        assert_eq!(MEETING.may_comment(&p), Decision::Forbidden);
    }
}

#[test]
fn comments_come_from_admins_panel_members_the_panel_and_the_lead() {
    assert_eq!(MEETING.may_comment(&staff(PartnershipRole::Admin, P1)), Decision::Allow);
    assert_eq!(MEETING.may_comment(&staff(PartnershipRole::PanelMember, P1)), Decision::Allow);
    // An analyst comments only when chosen for the panel.
    assert_eq!(MEETING.may_comment(&staff(PartnershipRole::Analyst, P1)), Decision::Forbidden);
    let mut on_panel = staff(PartnershipRole::Analyst, P1);
    on_panel.user_id = 77;
    assert_eq!(MEETING.may_comment(&on_panel), Decision::Allow);
    assert_eq!(MEETING.may(&on_panel, Change::Comment), Decision::Allow);
    assert_eq!(MEETING.may(&on_panel, Change::Record), Decision::Forbidden);
    // Being chosen for another partnership's panel gives nothing here.
    let mut elsewhere = staff(PartnershipRole::Analyst, P2);
    elsewhere.user_id = 77;
    assert_eq!(MEETING.may_comment(&elsewhere), Decision::NotFound);
}

#[test]
fn platform_admins_read_but_do_not_take_part() {
    let admin = Principal { platform_admin: true, ..Default::default() };
    assert_eq!(MEETING.may_read(&admin), Decision::Allow);
    assert!(MEETING.may_read_record(&admin, MeetingState::Scheduled));
    assert_eq!(MEETING.may_manage(&admin), Decision::Forbidden);
    assert_eq!(MEETING.may_comment(&admin), Decision::Forbidden);
}

#[test]
fn the_draft_takes_red_standards_before_amber_and_leaves_out_green_and_not_applicable() {
    let mut not_applicable = standing("5", Standing::Red);
    not_applicable.applies = false;
    let facts = AgendaFacts {
        submitted: true,
        standings: vec![
            standing("1", Standing::Amber),
            standing("2", Standing::Green),
            standing("3", Standing::Red),
            standing("4", Standing::Amber),
            not_applicable,
        ],
        ..Default::default()
    };
    let items = draft_agenda(&facts);
    let standards: Vec<&String> = items.iter().filter(|i| i.starts_with("Standard ")).collect();
    assert_eq!(standards.len(), 3, "{items:#?}");
    assert!(standards[0].starts_with("Standard 3 (Title 3) is rated red"), "{}", standards[0]);
    assert!(standards[1].starts_with("Standard 1 (Title 1) is rated amber"), "{}", standards[1]);
    assert!(standards[2].starts_with("Standard 4 (Title 4) is rated amber"), "{}", standards[2]);
    assert!(!items.iter().any(|i| i.contains("Title 2") || i.contains("Title 5")));
    assert!(!items.iter().any(|i| i.contains("not submitted")));
}

#[test]
fn the_draft_orders_standards_then_overdue_actions_then_challenges_then_survey_gaps() {
    let facts = AgendaFacts {
        submitted: true,
        standings: vec![standing("2", Standing::Amber)],
        overdue_actions: vec![OverdueAction {
            what: " Train the new staff ".into(),
            target: date!(2025 - 03 - 31),
        }],
        open_challenges: vec![OpenChallenge {
            about: "1.2 We check staff".into(),
            partnership: "Kestrel Vale".into(),
        }],
        survey_gaps: vec![SurveyGap {
            wording: "I know who our lead is".into(),
            percent: 40,
            difference: Difference::PractitionersLessPositive,
        }],
    };
    let items = draft_agenda(&facts);
    let at = |needle: &str| {
        items.iter().position(|i| i.contains(needle)).unwrap_or_else(|| panic!("{needle}: {items:#?}"))
    };
    assert_eq!(at("Introductions"), 0);
    assert!(at("Standard 2") < at("Overdue action"));
    assert!(at("Overdue action") < at("Open challenge"));
    assert!(at("Open challenge") < at("Practitioner survey"));
    assert!(at("Practitioner survey") < at("children and young people"));
    assert_eq!(at("Agree actions"), items.len() - 1);
    assert_eq!(
        items[at("Overdue action")],
        "Overdue action, due 31 March 2025: Train the new staff. What is holding it up, and what is the new date?"
    );
    assert_eq!(
        items[at("Open challenge")],
        "Open challenge from Kestrel Vale about 1.2 We check staff, not yet answered"
    );
    assert!(
        items[at("Practitioner survey")]
            .contains("less positive than the self-assessment on \"I know who our lead is\" (40% said yes)")
    );
    assert!(!items.iter().any(|i| i.starts_with("Nothing is rated")));
}

#[test]
fn a_draft_with_nothing_of_concern_asks_how_the_organisation_knows() {
    let facts = AgendaFacts {
        submitted: true,
        standings: vec![standing("1", Standing::Green)],
        ..Default::default()
    };
    let items = draft_agenda(&facts);
    assert_eq!(items.len(), 4, "{items:#?}");
    assert!(items[1].starts_with("Nothing is rated red or amber"));
}

#[test]
fn a_draft_without_a_return_asks_why_first() {
    let items = draft_agenda(&AgendaFacts::default());
    assert!(items[1].starts_with("The organisation has not submitted a return"), "{items:#?}");
    assert!(!items.iter().any(|i| i.starts_with("Nothing is rated")), "no return is itself a concern");
}

#[test]
fn a_survey_gap_either_way_is_worded_for_what_it_says() {
    let facts = AgendaFacts {
        submitted: true,
        survey_gaps: vec![SurveyGap {
            wording: "We get supervision".into(),
            percent: 95,
            difference: Difference::PractitionersMorePositive,
        }],
        ..Default::default()
    };
    assert!(draft_agenda(&facts).iter().any(|i| i.contains("more positive than the self-assessment")));
}

#[test]
fn agenda_text_is_one_item_a_line() {
    assert_eq!(agenda_items("  First \n\n\r\nSecond\r\n  "), vec!["First".to_owned(), "Second".to_owned()]);
    assert!(agenda_items(" \n ").is_empty());
}

#[test]
fn external_members_are_a_name_and_a_role_a_line() {
    let members = external_members(
        "Dr Ann Lee, Independent scrutineer\n\n  Sam Patel \n, no name\nJo Bloggs, Chair, Kestrel",
    );
    assert_eq!(
        members,
        vec![
            ExternalMember { name: "Dr Ann Lee".into(), role: "Independent scrutineer".into() },
            ExternalMember { name: "Sam Patel".into(), role: String::new() },
            ExternalMember { name: "Jo Bloggs".into(), role: "Chair, Kestrel".into() },
        ]
    );
}
