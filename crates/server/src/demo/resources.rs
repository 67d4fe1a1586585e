//! The resources the demo partnerships share, linked to standards of the shipped
//! frameworks, so the demo shows signposts as soon as someone answers a question
//! "partially met" or "not met". Like the rest of the region, they are invented: every
//! web address is on `.example`, a name reserved for examples that leads nowhere.

use osa_core::signposting::ResourceKind;

/// A link resource of a demo partnership.
#[derive(Debug, Clone, Copy)]
pub struct DemoResource {
    /// Slug of the partnership that shares it.
    pub partnership: &'static str,
    pub kind: ResourceKind,
    pub title: &'static str,
    pub description: &'static str,
    pub url: &'static str,
    /// (framework key, standard code, criterion code for one criterion only).
    pub links: &'static [(&'static str, &'static str, Option<&'static str>)],
}

pub const RESOURCES: &[DemoResource] = &[
    DemoResource {
        partnership: "kestrel",
        kind: ResourceKind::Training,
        title: "Safer recruitment training for interview panels",
        description: "A free half-day course from the partnership business unit for anyone who sits on an \
                      interview panel for a role with children. Places are open to every organisation in \
                      Kestrel Vale, large or small.",
        url: "https://www.kestrelvale-scp.example/training/safer-recruitment",
        links: &[("s11-children", "3", None), ("s11-short", "3", None)],
    },
    DemoResource {
        partnership: "kestrel",
        kind: ResourceKind::LocalProcedure,
        title: "Kestrel Vale escalation and professional challenge procedure",
        description: "What to do when you disagree with another agency's decision about a child: who to \
                      speak to first, when to take it higher, and how quickly you should hear back.",
        url: "https://www.kestrelvale-scp.example/procedures/escalation",
        links: &[
            ("s11-children", "6", Some("6.5")),
            ("s11-children", "6", Some("6.7")),
            ("s11-short", "6", Some("6.5")),
        ],
    },
    DemoResource {
        partnership: "kestrel",
        kind: ResourceKind::Template,
        title: "Single central record template",
        description: "A ready-made spreadsheet with a column for each pre-appointment check, and notes on \
                      what counts as a current check for each kind of role.",
        url: "https://www.kestrelvale-scp.example/templates/single-central-record",
        links: &[
            ("s11-children", "3", Some("3.2")),
            ("s11-children", "3", Some("3.10")),
            ("s11-short", "3", Some("3.2")),
        ],
    },
    DemoResource {
        partnership: "kestrel",
        kind: ResourceKind::Guidance,
        title: "Working out who needs which training",
        description: "A step-by-step guide to a training needs analysis: deciding the level of \
                      safeguarding training each role needs, how often to refresh it, and keeping a \
                      simple record of who is up to date.",
        url: "https://www.kestrelvale-scp.example/guidance/training-needs",
        links: &[("s11-children", "4", None), ("s11-short", "4", None)],
    },
    DemoResource {
        partnership: "kestrel-adults",
        kind: ResourceKind::Guidance,
        title: "Making Safeguarding Personal: conversations that start with the person",
        description: "Short practice notes on asking adults what they want to happen, keeping them \
                      involved throughout an enquiry, and recording whether they got the outcome they \
                      hoped for.",
        url: "https://www.kestrelvale-sab.example/guidance/making-safeguarding-personal",
        links: &[("s11-adults", "3", None)],
    },
    DemoResource {
        partnership: "kestrel-adults",
        kind: ResourceKind::Training,
        title: "The Mental Capacity Act in everyday practice (e-learning)",
        description: "Ninety minutes online, at your own pace, with examples from home care, housing and \
                      hospital discharge. A certificate is emailed when you finish.",
        url: "https://learning.kestrelvale-sab.example/mental-capacity-act",
        links: &[("s11-adults", "4", None)],
    },
    DemoResource {
        partnership: "hollinbrook",
        kind: ResourceKind::Guidance,
        title: "Think family: seeing everyone in the household",
        description: "How staff who work with adults can notice the children and other adults who depend \
                      on them, and when to share a worry with children's or adults' services.",
        url: "https://www.hollinbrook-sp.example/guidance/think-family",
        links: &[("s11-joint", "6", None), ("s11-children", "7", Some("7.3"))],
    },
    DemoResource {
        partnership: "hollinbrook",
        kind: ResourceKind::LocalProcedure,
        title: "Hollinbrook protocol for young people moving to adult services",
        description: "The agreed steps for planning support for young people aged 16 to 25 whose \
                      safeguarding needs continue past their eighteenth birthday.",
        url: "https://www.hollinbrook-sp.example/procedures/transitions",
        links: &[("s11-joint", "7", None), ("s11-children", "7", Some("7.7"))],
    },
    DemoResource {
        partnership: "marsham",
        kind: ResourceKind::Guidance,
        title: "Hearing children's voices: ideas for small groups",
        description: "Simple ways for clubs, faith groups and charities to ask children what they think, \
                      and to show them what changed because they spoke up.",
        url: "https://www.marsham-scp.example/guidance/voice-of-the-child",
        links: &[("s11-children", "5", None), ("s11-short", "5", None)],
    },
    DemoResource {
        partnership: "marsham",
        kind: ResourceKind::Template,
        title: "Safeguarding policy template for community groups",
        description: "A plain-English policy to adapt, with spaces for your lead's name, the local \
                      contact numbers and the date of your next review.",
        url: "https://www.marsham-scp.example/templates/safeguarding-policy",
        links: &[("s11-short", "2", None), ("s11-children", "2", Some("2.1"))],
    },
    DemoResource {
        partnership: "fenby",
        kind: ResourceKind::Training,
        title: "Safeguarding adults: level 2 workshop",
        description: "A three-hour workshop for staff who work directly with adults, run every month in \
                      Eastwick and online.",
        url: "https://www.eastwickfenby-sab.example/training/level-2",
        links: &[("s11-adults", "6", None)],
    },
    DemoResource {
        partnership: "fenby",
        kind: ResourceKind::LocalProcedure,
        title: "Multi-agency adult safeguarding policy and procedures",
        description: "The Board's shared procedures: raising a concern, the enquiry process and what every \
                      partner is expected to do at each step.",
        url: "https://www.eastwickfenby-sab.example/procedures",
        links: &[("s11-adults", "2", None), ("s11-adults", "7", None)],
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::region::PARTNERSHIPS;
    use crate::resources::form::{MAX_DESCRIPTION_CHARS, MAX_TITLE_CHARS, check_url};
    use osa_core::framework::{Framework, parse};
    use osa_core::signposting::{Link, audiences_for};

    fn shipped() -> Vec<Framework> {
        crate::frameworks::import::SHIPPED.iter().map(|(_, text)| parse(text).unwrap()).collect()
    }

    #[test]
    fn every_link_points_at_a_standard_or_criterion_that_exists() {
        let frameworks = shipped();
        for r in RESOURCES {
            assert!(!r.links.is_empty(), "{} is linked to something", r.title);
            for (key, standard, criterion) in r.links {
                let link = Link {
                    framework: (*key).into(),
                    standard: (*standard).into(),
                    criterion: criterion.map(str::to_owned),
                };
                assert!(frameworks.iter().any(|f| link.exists_in(f)), "{}: {}", r.title, link.code());
            }
        }
    }

    #[test]
    fn each_partnership_links_to_frameworks_its_admins_are_offered() {
        let frameworks = shipped();
        for r in RESOURCES {
            let p = PARTNERSHIPS.iter().find(|p| p.slug == r.partnership).expect("a listed partnership");
            for (key, _, _) in r.links {
                let f = frameworks.iter().find(|f| f.key == *key).unwrap();
                assert!(audiences_for(p.kind).contains(&f.audience), "{}: {key}", r.title);
            }
        }
    }

    #[test]
    fn every_partnership_shares_something_and_every_kind_is_used() {
        for p in PARTNERSHIPS {
            assert!(RESOURCES.iter().any(|r| r.partnership == p.slug), "{}", p.slug);
        }
        for kind in ResourceKind::ALL {
            assert!(RESOURCES.iter().any(|r| r.kind == *kind), "{kind:?}");
        }
    }

    #[test]
    fn every_resource_would_pass_the_add_form() {
        for r in RESOURCES {
            assert!(check_url(r.url).is_ok_and(|u| u == r.url), "{}", r.url);
            assert!(r.url.contains(".example/"), "demo addresses lead nowhere: {}", r.url);
            assert!(!r.title.is_empty() && r.title.chars().count() <= MAX_TITLE_CHARS);
            assert!(r.description.chars().count() <= MAX_DESCRIPTION_CHARS);
            assert!(
                !r.description.contains("  "),
                "{}: line breaks in the source leave no double spaces",
                r.title
            );
        }
    }
}
