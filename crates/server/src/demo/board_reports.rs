//! The demo's board reports: the Kestrel children's partnership's report of its
//! closed 2025 audit, written by its analyst and finalised soon after the round
//! closed (its figures frozen then), and a draft of the 2027 report with its first
//! sections written. Made through the same store functions the pages use.

use serde_json::json;
use time::{Duration, OffsetDateTime};

use crate::accounts::store as account_queries;
use crate::board_reports::{figures, store};
use crate::cycles::store as cycle_store;
use crate::db::Db;
use osa_core::access::Principal;
use osa_core::report::board::{Finding, Section};
use osa_core::tenancy::PartnershipRole;

const SECTIONS_2025: &[(Section, &str)] = &[
    (
        Section::Summary,
        "Most agencies in Kestrel Vale told us they meet the standards, and the assurance meetings largely bore \
         that out. Leadership and safer recruitment are strong across the statutory agencies.\n\
         Three things need the board's attention: neglect is recognised late and assessed in different ways; \
         small voluntary groups lack training on online harm; and supervision of frontline staff is uneven.",
    ),
    (
        Section::Background,
        "Kestrel Vale's partners run this audit every two years with the statutory agencies, schools and the \
         voluntary and community groups of the area. The 2025 round followed the local review of a neglect case, \
         whose learning shaped the questions asked about early help.",
    ),
    (
        Section::Recommendations,
        "Agree one multi-agency neglect strategy and one assessment tool, led by the neglect subgroup.\n\
         Offer free online safety training to every voluntary and community group, led by the learning and \
         development subgroup.\n\
         Ask every agency to report the share of frontline staff with supervision in the last three months.",
    ),
    (
        Section::NextSteps,
        "Agencies update their action plans every six months. The subgroups report on the partnership actions \
         to each executive board, and the 2027 audit will test whether supervision and neglect practice improved.",
    ),
];

const FINDINGS_2025: &[(&str, &str, &str)] = &[
    (
        "1",
        "Every statutory agency names a board-level safeguarding lead.",
        "Some voluntary groups have no deputy lead.",
    ),
    (
        "2",
        "Policies are current and reviewed at least every two years.",
        "Few policies say how children's views shaped them.",
    ),
    (
        "3",
        "Safer recruitment checks are done and recorded everywhere.",
        "Allegations management training is overdue in two agencies.",
    ),
    (
        "4",
        "Training completion is high in health and the police.",
        "Supervision of frontline staff is uneven and not always recorded.",
    ),
    (
        "5",
        "Schools gather children's views well.",
        "Adult services rarely ask children about their experience.",
    ),
    ("6", "Staff know the escalation policy.", "Professional challenge is seldom recorded when it happens."),
    (
        "7",
        "Early help referrals have risen.",
        "Neglect is recognised late; agencies use different tools to assess it.",
    ),
    ("8", "Contracts name safeguarding duties.", "Commissioners rarely check that providers meet them."),
    ("9", "Most agencies audit their own case files.", "Learning from audits is not shared across agencies."),
    ("10", "Agencies collect equality data on their staff.", "Few use it to check who their services reach."),
];

const SECTIONS_2027: &[(Section, &str)] = &[(
    Section::Background,
    "The 2027 round is the second run in osa. It asks again about supervision and neglect, the areas the 2025 \
     report asked agencies to improve.",
)];

async fn write(
    db: &Db,
    by: i64,
    cycle: i64,
    kestrel: i64,
    sections: &[(Section, &str)],
    at: OffsetDateTime,
) -> anyhow::Result<()> {
    for (section, text) in sections {
        store::save_words(
            db,
            by,
            cycle,
            kestrel,
            "update_section",
            |w| {
                w.set(*section, (*text).to_owned());
                (json!(null), json!({ "section": section.code(), "text": text }))
            },
            at,
        )
        .await?;
    }
    Ok(())
}

pub async fn load(db: &Db, kestrel: i64) -> anyhow::Result<usize> {
    let analyst = account_queries::user_by_email(db, "analyst.kestrel@demo.example")
        .await?
        .ok_or_else(|| anyhow::anyhow!("the demo has no Kestrel analyst"))?
        .id;
    let principal = Principal {
        user_id: analyst,
        partnership_roles: vec![(kestrel, PartnershipRole::Analyst)],
        ..Principal::default()
    };
    let cycles = cycle_store::of_partnership(db, kestrel).await?;
    let find = |name: &str| {
        cycles
            .iter()
            .find(|c| c.name == name)
            .cloned()
            .ok_or_else(|| anyhow::anyhow!("the demo's {name} is missing"))
    };
    let name = crate::cycles::store::partnerships(db, find("Section 11 audit 2025")?.id)
        .await?
        .into_iter()
        .find(|(p, _)| *p == kestrel)
        .map(|(_, n)| n)
        .unwrap_or_default();
    let now = OffsetDateTime::now_utc();

    let last = find("Section 11 audit 2025")?;
    let written = (last.due_on.midnight().assume_utc() + Duration::days(70)).min(now);
    write(db, analyst, last.id, kestrel, SECTIONS_2025, written).await?;
    for (code, strengths, areas) in FINDINGS_2025 {
        let finding = Finding { strengths: (*strengths).to_owned(), areas: (*areas).to_owned() };
        store::save_words(
            db,
            analyst,
            last.id,
            kestrel,
            "update_finding",
            |w| {
                w.set_finding(code, finding.clone());
                (json!(null), json!({ "standard": code, "finding": finding }))
            },
            written,
        )
        .await?;
    }
    let frozen =
        figures::live(db, &last, (kestrel, &name), &principal).await.map_err(|e| anyhow::anyhow!("{e}"))?;
    store::finalise(db, analyst, last.id, kestrel, &frozen, written + Duration::days(14)).await?;

    let this_year = find("Section 11 audit 2027")?;
    write(db, analyst, this_year.id, kestrel, SECTIONS_2027, now - Duration::days(2)).await?;
    Ok(2)
}
