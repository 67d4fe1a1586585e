//! The demo's partnership actions: the Kestrel children's partnership turned the
//! themes of its 2025 audit into actions for its subgroups (two completed with their
//! evidence of impact, one at risk and past its date), and has begun two for the
//! 2027 audit. Each is made, and its progress recorded, through the same store
//! functions the pages use, dated as the work happened.

use time::{Duration, OffsetDateTime};

use crate::accounts::store as account_queries;
use crate::cycles::store as cycle_store;
use crate::db::Db;
use crate::narratives::store as theme_store;
use crate::partnership_actions::store::{self, NewAction};
use osa_core::partnership_action::{ActionFields, ActionSource, PartnershipActionStatus as S};

struct DemoAction {
    cycle: &'static str,
    title: &'static str,
    description: &'static str,
    lead_group: &'static str,
    lead_person: &'static str,
    /// Days after the cycle's due date.
    target_after_due: i64,
    evidence: &'static str,
    theme: Option<&'static str>,
    source: ActionSource,
    /// Progress notes: days after the action was added, the note, the status it moved to.
    notes: &'static [(i64, &'static str, Option<S>)],
}

const ACTIONS: &[DemoAction] = &[
    DemoAction {
        cycle: "Section 11 audit 2025",
        title: "Agree a multi-agency neglect strategy and bring in one assessment tool",
        description: "Several returns said staff recognise neglect late and use different tools to assess it. \
                      Agree one strategy and one tool (the Graded Care Profile 2) across the partnership.",
        lead_group: "Neglect subgroup",
        lead_person: "Dr Helen Marsh, Designated Nurse",
        target_after_due: 240,
        evidence: "Expected: neglect recognised earlier and assessed the same way by every agency. \
                   Impact: by the target date 61% of neglect referrals came with a Graded Care Profile 2 \
                   assessment (none a year before), and the multi-agency audit of 20 cases found the tool \
                   used well in 15.",
        theme: Some("Neglect"),
        source: ActionSource::Themes,
        notes: &[
            (30, "Strategy drafted by the subgroup and sent to partners for comment.", Some(S::OnTrack)),
            (120, "Strategy agreed by the executive board. 140 practitioners trained in the tool.", None),
            (
                230,
                "Multi-agency case audit done: the tool was used well in 15 of 20 cases.",
                Some(S::Completed),
            ),
        ],
    },
    DemoAction {
        cycle: "Section 11 audit 2025",
        title: "Offer online safety training to voluntary and community groups",
        description: "Small groups and clubs said they had no training on online harm.",
        lead_group: "Learning and development subgroup",
        lead_person: "Sam Okafor, Training Coordinator",
        target_after_due: 180,
        evidence: "Expected: every voluntary group that asked has a trained member of staff. \
                   Impact: 38 groups sent someone to the sessions; in the 2027 returns, online safety \
                   training is rated met by 80% of voluntary groups (52% in 2025).",
        theme: Some("Online safety"),
        source: ActionSource::Meeting,
        notes: &[
            (45, "Four evening sessions booked with the police online safety team.", Some(S::OnTrack)),
            (
                170,
                "All sessions run: 38 groups attended. Slides added to the resource library.",
                Some(S::Completed),
            ),
        ],
    },
    DemoAction {
        cycle: "Section 11 audit 2025",
        title: "Make the escalation policy known across every agency",
        description: "Returns showed many staff do not know how to escalate a professional disagreement.",
        lead_group: "Practice review subgroup",
        lead_person: "Mark Ellison, Partnership Business Manager",
        target_after_due: 300,
        evidence: "Expected: staff in every agency know how to escalate a disagreement, and escalations are \
                   recorded and resolved.",
        theme: Some("Escalation"),
        source: ActionSource::Themes,
        notes: &[
            (60, "Policy refreshed and a one-page guide sent to every agency.", Some(S::OnTrack)),
            (
                280,
                "Few escalations recorded so far by health and education. The subgroup has asked agencies \
                   to name a lead for escalation.",
                Some(S::AtRisk),
            ),
        ],
    },
    DemoAction {
        cycle: "Section 11 audit 2027",
        title: "Audit how agencies record the voice of the child",
        description: "Returns describe feedback from children, but few show how it changed a decision.",
        lead_group: "Quality assurance subgroup",
        lead_person: "Priya Shah, Quality Assurance Officer",
        target_after_due: 150,
        evidence: "Expected: every agency can show a decision changed by what a child said. \
                   Evidence: the case audit findings, and the same question in the next audit.",
        theme: Some("Voice of the child"),
        source: ActionSource::Themes,
        notes: &[(5, "Audit tool agreed; six agencies have offered cases.", Some(S::OnTrack))],
    },
    DemoAction {
        cycle: "Section 11 audit 2027",
        title: "Close the training gaps of schools and sports clubs",
        description: "The dashboard shows training rated partly met or not met by a third of schools and clubs.",
        lead_group: "Learning and development subgroup",
        lead_person: "Sam Okafor, Training Coordinator",
        target_after_due: 210,
        evidence: "",
        theme: Some("Training gaps"),
        source: ActionSource::Dashboard,
        notes: &[(15, "Trainer not yet found for the sports clubs' sessions.", Some(S::AtRisk))],
    },
];

pub async fn load(db: &Db, kestrel: i64) -> anyhow::Result<usize> {
    let admin = account_queries::user_by_email(db, "admin.kestrel@demo.example")
        .await?
        .ok_or_else(|| anyhow::anyhow!("the demo has no Kestrel admin"))?
        .id;
    let cycles = cycle_store::of_partnership(db, kestrel).await?;
    let themes = theme_store::themes(db, &[kestrel]).await?;
    let now = OffsetDateTime::now_utc();
    for a in ACTIONS {
        let cycle = cycles
            .iter()
            .find(|c| c.name == a.cycle)
            .ok_or_else(|| anyhow::anyhow!("the demo's {} is missing", a.cycle))?;
        let due = cycle.due_on.midnight().assume_utc() + Duration::hours(10);
        let theme = a.theme.and_then(|name| themes.iter().find(|t| t.name == name)).map(|t| t.id);
        let fields = ActionFields {
            title: a.title.into(),
            description: a.description.into(),
            lead_group: a.lead_group.into(),
            lead_person: a.lead_person.into(),
            target_date: cycle.due_on + Duration::days(a.target_after_due),
            status: S::NotStarted,
            evidence: a.evidence.into(),
            source: Some(a.source),
        };
        // Added soon after the cycle's due date (or, for an open cycle, a few weeks ago).
        let made = (due + Duration::days(5)).min(now - Duration::days(25));
        let new = NewAction { cycle: cycle.id, partnership: kestrel, theme, fields };
        let id = store::create(db, admin, &new, made).await?;
        for (days, note, status) in a.notes {
            let row =
                store::get(db, id).await?.ok_or_else(|| anyhow::anyhow!("demo action {id} vanished"))?;
            let at = (made + Duration::days(*days)).min(now);
            store::add_note(db, admin, &row, note, *status, at).await?;
        }
    }
    Ok(ACTIONS.len())
}
