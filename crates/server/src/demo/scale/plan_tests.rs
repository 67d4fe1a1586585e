use std::collections::HashSet;

use super::*;

#[test]
fn national_has_the_counts_the_issue_asks_for() {
    let plan = Plan::new(Scale::National, 1);
    assert_eq!(plan.regions.len(), 45);
    let kind = |k| plan.partnerships.iter().filter(|p| p.kind == k).count();
    assert_eq!(kind(PartnershipKind::Children), 150);
    assert_eq!(kind(PartnershipKind::Adults), 135);
    assert_eq!(plan.organisations.len(), 25_000);
    // A platform admin, three people a partnership and three an organisation.
    assert_eq!(plan.people.len(), 1 + 3 * 285 + 3 * 25_000);
}

#[test]
fn region_is_one_region_of_500_organisations() {
    let plan = Plan::new(Scale::Region, 1);
    assert_eq!(plan.regions.len(), 1);
    assert_eq!(plan.partnerships.len(), 7);
    assert_eq!(plan.organisations.len(), 500);
}

#[test]
fn the_same_seed_gives_the_same_plan_and_another_seed_another() {
    let names = |seed| -> Vec<String> {
        Plan::new(Scale::Region, seed).organisations.into_iter().map(|o| o.name).collect()
    };
    assert_eq!(names(42), names(42));
    assert_ne!(names(42), names(43));
}

#[test]
fn every_organisation_serves_areas_of_its_own_audience_in_one_region() {
    let plan = Plan::new(Scale::National, 3);
    let by_id: std::collections::HashMap<i64, &PartnershipPlan> =
        plan.partnerships.iter().map(|p| (p.id, p)).collect();
    let mut several = 0;
    for o in &plan.organisations {
        assert!(!o.areas.is_empty(), "{} serves nowhere", o.name);
        let regions: HashSet<usize> = o.areas.iter().map(|a| by_id[a].region).collect();
        assert_eq!(regions.len(), 1, "{} spans regions", o.name);
        let want =
            if o.audience == Audience::Adults { PartnershipKind::Adults } else { PartnershipKind::Children };
        assert!(o.areas.iter().all(|a| by_id[a].kind == want), "{}", o.name);
        let distinct: HashSet<&i64> = o.areas.iter().collect();
        assert_eq!(distinct.len(), o.areas.len(), "{} lists an area twice", o.name);
        several += usize::from(o.areas.len() > 1);
    }
    // Police forces, care boards and regional charities serve several areas.
    assert!(several > 1_500 && several < 4_000, "{several}");
}

#[test]
fn every_sector_and_duty_is_present_and_progress_varies() {
    let plan = Plan::new(Scale::National, 1);
    let sectors: HashSet<Sector> = plan.organisations.iter().map(|o| o.sector).collect();
    assert_eq!(sectors.len(), Sector::ALL.len());
    let duties: HashSet<DutyStatus> = plan.organisations.iter().map(|o| o.duty).collect();
    assert_eq!(duties.len(), 3);
    let submitted = plan.organisations.iter().filter(|o| o.progress == Progress::Submitted).count();
    let before = plan.organisations.iter().filter(|o| o.submitted_before).count();
    assert!((12_000..18_000).contains(&submitted), "{submitted}");
    assert!((21_000..25_000).contains(&before), "{before}");
    assert!(plan.organisations.iter().any(|o| o.progress == Progress::NotStarted));
    // About five million answers at 100 criteria.
    let answers = plan.answers_upper_bound(100);
    assert!((5_000_000..7_000_000).contains(&answers), "{answers}");
}

#[test]
fn ids_and_emails_are_predictable_and_unique() {
    let plan = Plan::new(Scale::Region, 1);
    for (i, p) in plan.people.iter().enumerate() {
        assert_eq!(p.id, i as i64 + 1);
    }
    let emails: HashSet<&str> = plan.people.iter().map(|p| p.email.as_str()).collect();
    assert_eq!(emails.len(), plan.people.len());
    assert!(emails.contains("lead.o1@scale.example"));
    assert!(emails.contains("admin.p1@scale.example"));
    assert!(emails.contains("signoff.o500@scale.example"));
    for (i, o) in plan.organisations.iter().enumerate() {
        assert_eq!(o.id, i as i64 + 1);
    }
}

#[test]
fn person_ids_follow_the_plan_order() {
    let plan = Plan::new(Scale::Region, 9);
    for person in &plan.people {
        if let Some((p, role)) = person.partnership_role {
            assert_eq!(partnership_person(p, role), person.id);
        }
        if let Some((o, role)) = person.org_role {
            assert_eq!(org_person(&plan, o, role), person.id);
        }
    }
}
