//! One organisation's assessment, its returns and its invitations, as rows. The rows
//! are those the real writes make (`assessments::store::save_answers` and
//! `assessments::record::sign_off` / `submit`), computed with the same core rules:
//! each standard's progress (`standard_progress`), the derived actions
//! (`derive_actions`), each return's summary (`return_summary`) and its searchable
//! passages (`passage_text`), so dashboards, search and action plans read generated
//! returns exactly as they read a person's. Only the history of every keystroke
//! (`response_history`) and the audit log are not generated.

use std::collections::HashMap;

use osa_core::analytics::Scale as NumberScale;
use osa_core::assessment::{
    ActionStatus, Answer, ReturnState, derive_actions, return_summary, standard_progress,
};
use osa_core::framework::Framework;
use osa_core::narratives::passage_text;
use osa_core::tenancy::{OrgRole, PartnershipRole};
use serde_json::json;
use time::{Duration, OffsetDateTime};

use super::answers::answers;
use super::cycles::Pair;
use super::plan::{OrgPlan, Plan, Progress, org_person, partnership_person, started};
use super::tables::Tables;

/// A framework the generated organisations answer.
pub struct Asked {
    pub id: i64,
    pub key: String,
    pub framework: Framework,
}

pub struct Context<'a> {
    pub plan: &'a Plan,
    pub seed: u64,
    pub cycles: &'a HashMap<i64, Pair>,
    pub now: OffsetDateTime,
}

/// Return ids are part of the plan too: the previous cycle's return of organisation
/// `n` is `2n - 1`, the current one's `2n`.
pub fn return_id(organisation: i64, earlier: bool) -> i64 {
    organisation * 2 - i64::from(earlier)
}

const EXEMPTIONS: &[&str] = &[
    "The organisation closed during the audit period.",
    "Merged with another organisation, which returned for both.",
    "No longer works with people in this area.",
];

/// Adds every row of organisation `o` to `t`.
pub fn add(t: &mut Tables, cx: &Context, asked: &Asked, o: &OrgPlan) {
    t.organisations += 1;
    let f = &asked.framework;
    let lead = org_person(cx.plan, o.id, OrgRole::SafeguardingLead);
    let contributor = org_person(cx.plan, o.id, OrgRole::Contributor);
    let signs_off = org_person(cx.plan, o.id, OrgRole::SeniorSignOff);
    let opened_before = cx.now - Duration::days(760);
    let opened_now = cx.now - Duration::days(30);
    let earlier = o.submitted_before.then(|| answers(f, o, cx.seed, true, usize::MAX));
    let current = match o.progress {
        Progress::NotStarted => None,
        Progress::InProgress(n) => Some(answers(f, o, cx.seed, false, n)),
        Progress::Submitted => Some(answers(f, o, cx.seed, false, usize::MAX)),
    };
    if started(o) {
        t.assessments.push(vec![
            o.id.into(),
            o.id.into(),
            asked.key.as_str().into(),
            asked.id.into(),
            opened_before.into(),
            lead.into(),
        ]);
        // The living assessment: this cycle's answers over the last return's, carried
        // forward in a round that starts from it (the carried ones still to confirm).
        let mut living = earlier.clone().unwrap_or_default();
        if let (Some(new), Some(_)) = (&current, &earlier) {
            t.rounds.push(vec![
                o.id.into(),
                o.id.into(),
                return_id(o.id, true).into(),
                lead.into(),
                opened_now.into(),
            ]);
            for code in living.keys().filter(|c| !new.contains_key(*c)) {
                t.to_confirm.push(vec![o.id.into(), code.as_str().into(), o.id.into()]);
            }
        }
        living.extend(current.clone().unwrap_or_default());
        living_rows(t, cx, f, o, &living, (lead, contributor));
    }
    let returns = [
        (true, earlier.as_ref(), cx.now - Duration::days(700)),
        (false, current.as_ref(), cx.now - Duration::days(5)),
    ];
    for (is_earlier, given, at) in returns {
        let complete = match (is_earlier, o.progress) {
            (true, _) => given.is_some(),
            (false, progress) => progress == Progress::Submitted,
        };
        if let (true, Some(given)) = (complete, given) {
            return_rows(t, asked, o, return_id(o.id, is_earlier), given, (signs_off, lead), at);
        }
    }
    for partnership in &o.areas {
        let pair = cx.cycles[partnership];
        let admin = partnership_person(*partnership, PartnershipRole::Admin);
        for (cycle, is_earlier, answered) in [
            (pair.previous, true, o.submitted_before),
            (pair.current, false, o.progress == Progress::Submitted),
        ] {
            // A few who did not return last time were exempted, with a reason.
            let exempt = !answered && is_earlier && o.id % 3 == 0;
            let reason = exempt.then(|| EXEMPTIONS[o.id as usize % EXEMPTIONS.len()]);
            let invited = if is_earlier { opened_before } else { opened_now };
            t.invitations.push(vec![
                cycle.into(),
                o.id.into(),
                asked.id.into(),
                asked.key.as_str().into(),
                answered.then(|| return_id(o.id, is_earlier)).into(),
                reason.into(),
                exempt.then_some(admin).into(),
                exempt.then(|| invited + Duration::days(80)).into(),
                false.into(),
                admin.into(),
                invited.into(),
            ]);
        }
    }
}

fn living_rows(
    t: &mut Tables,
    cx: &Context,
    f: &Framework,
    o: &OrgPlan,
    living: &HashMap<String, Answer>,
    (lead, contributor): (i64, i64),
) {
    let saved_at = cx.now - Duration::days(6);
    for (n, (_, criterion)) in f.criteria().enumerate() {
        let Some(a) = living.get(&criterion.code) else { continue };
        // The lead answers most; the contributor answered every third criterion.
        let by = if n % 3 == 2 { contributor } else { lead };
        t.responses.push(vec![
            o.id.into(),
            criterion.code.as_str().into(),
            a.rating.map(|r| r.code()).into(),
            a.yes_no.into(),
            a.number.into(),
            a.text.clone().into(),
            a.narrative.as_str().into(),
            a.improvement_action.as_str().into(),
            1i64.into(),
            saved_at.into(),
            by.into(),
        ]);
    }
    for standard in &f.standards {
        let p = standard_progress(f.standing_rule, standard, living, o.sector, o.duty);
        t.summaries.push(vec![
            o.id.into(),
            standard.code.as_str().into(),
            p.status.code().into(),
            p.standing.map(|s| s.code()).into(),
            (p.complete as i32).into(),
            (p.applicable as i32).into(),
        ]);
    }
    for (n, d) in derive_actions(f, living, o.sector, o.duty).into_iter().enumerate() {
        // A third of the plan is under way, with a lead and a date; the rest waits.
        let under_way = n % 3 == 0;
        let status = if under_way { ActionStatus::InProgress } else { ActionStatus::NotStarted };
        t.actions.push(vec![
            o.id.into(),
            d.criterion_code.as_str().into(),
            d.what.as_str().into(),
            if under_way { "Safeguarding lead" } else { "" }.into(),
            under_way.then(|| cx.now.date() + Duration::days(60 + (n as i64 % 5) * 30)).into(),
            if under_way { "Every team meets the standard at the next audit" } else { "" }.into(),
            if under_way { "Audit findings reported to the board" } else { "" }.into(),
            status.code().into(),
            saved_at.into(),
            saved_at.into(),
        ]);
    }
}

fn return_rows(
    t: &mut Tables,
    asked: &Asked,
    o: &OrgPlan,
    id: i64,
    given: &HashMap<String, Answer>,
    (signs_off, submits): (i64, i64),
    at: OffsetDateTime,
) {
    let f = &asked.framework;
    // The same snapshot `assessments::record::sign_off` freezes, from the one writer.
    let snapshot = osa_core::report::write_snapshot(asked.id, given, &json!({}), &[]);
    t.returns.push(vec![
        id.into(),
        o.id.into(),
        asked.id.into(),
        ReturnState::Submitted.code().into(),
        snapshot.into(),
        signs_off.into(),
        (at - Duration::days(1)).into(),
        submits.into(),
        at.into(),
        false.into(),
    ]);
    t.snapshot_answers += given.len() as u64;
    let summary = return_summary(f, given, o.sector, o.duty);
    t.summarised.push(vec![id.into()]);
    for s in &summary.standards {
        t.standings.push(vec![id.into(), s.code.as_str().into(), s.standing.code().into(), s.applies.into()]);
    }
    for (criterion, rating) in &summary.ratings {
        t.ratings.push(vec![id.into(), criterion.as_str().into(), rating.code().into()]);
    }
    t.indexed.push(vec![id.into(), at.into()]);
    for standard in &f.standards {
        for criterion in &standard.criteria {
            let Some(answer) = given.get(&criterion.code) else { continue };
            if NumberScale::of(criterion.answer).is_some()
                && let Some(value) = answer.number
            {
                t.values.push(vec![id.into(), criterion.code.as_str().into(), value.into()]);
            }
            if let Some(text) = passage_text(answer) {
                t.passages.push(vec![
                    id.into(),
                    criterion.code.as_str().into(),
                    standard.code.as_str().into(),
                    text.into(),
                ]);
            }
        }
    }
    for partnership in &o.areas {
        t.sent_to.push(vec![id.into(), (*partnership).into()]);
    }
}
