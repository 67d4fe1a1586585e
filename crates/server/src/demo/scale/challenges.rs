//! Challenges and comments that panel members raise on generated returns, through the
//! real thread store (`challenges::store::raise`): one return in 25 of the current
//! cycle, on a criterion the organisation rated less than met. Few enough (about 600
//! nationally) for one store call each.

use osa_core::challenge::Kind;
use osa_core::framework::Rating;
use osa_core::tenancy::PartnershipRole;
use time::{Duration, OffsetDateTime};

use super::answers::answers;
use super::plan::{Plan, Progress, partnership_person};
use super::returns::{Asked, return_id};
use crate::challenges::store::{NewThread, raise};
use crate::db::Db;

const CHALLENGES: &[&str] = &[
    "Your rating says partly met, but the evidence describes activity rather than its effect. What changed for the people you serve?",
    "Please tell us when the improvement action will be complete and who is responsible for it.",
    "The panel would like to see the audit findings behind this answer. Can you summarise them?",
    "How do you know staff working nights and weekends have had this training?",
];
const COMMENTS: &[&str] = &[
    "Thank you: the panel found this answer clear and would like to share it as good practice.",
    "Noted. The partnership's training offer may help here; see the resources signposted on your action plan.",
];

pub async fn load(
    db: &Db,
    plan: &Plan,
    seed: u64,
    (children, adults): (&Asked, &Asked),
    now: OffsetDateTime,
) -> anyhow::Result<usize> {
    let mut tx = db.begin().await?;
    let mut raised = 0;
    let chosen = plan.organisations.iter().filter(|o| o.progress == Progress::Submitted && o.id % 25 == 0);
    for o in chosen {
        let asked = if o.audience == osa_core::framework::Audience::Adults { adults } else { children };
        let framework = &asked.framework;
        let given = answers(framework, o, seed, false, usize::MAX);
        let weak = framework.criteria().find(|(_, c)| {
            given
                .get(&c.code)
                .and_then(|a| a.rating)
                .is_some_and(|r| matches!(r, Rating::PartiallyMet | Rating::NotMet))
        });
        let Some((_, criterion)) = weak else { continue };
        let partnership = o.areas[0];
        let comment = o.id % 100 == 0;
        let body = if comment {
            COMMENTS[o.id as usize % COMMENTS.len()]
        } else {
            CHALLENGES[o.id as usize % CHALLENGES.len()]
        };
        raise(
            &mut tx,
            &NewThread {
                return_id: return_id(o.id, false),
                organisation: o.id,
                partnership,
                criterion: Some(&criterion.code),
                plan_update: None,
                kind: if comment { Kind::Comment } else { Kind::Challenge },
                activity_only: !comment && o.id % 2 == 0,
                body,
                by: partnership_person(partnership, PartnershipRole::PanelMember),
                at: now - Duration::days(2),
            },
        )
        .await?;
        raised += 1;
    }
    tx.commit().await?;
    Ok(raised)
}
