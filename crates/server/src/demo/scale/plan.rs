//! What a generated dataset holds, decided before anything is written: the regions,
//! their partnerships, every organisation (its sector, duty, the areas it serves and
//! how far it has got) and every person with their email. Pure and deterministic: the
//! same scale and seed always give the same plan, so the writers only turn it into
//! rows, and the counts the tests check come from here.
//!
//! Ids are part of the plan: the dataset goes into an empty database, so writing
//! explicit ids lets the writers link rows without reading anything back.

use osa_core::framework::Audience;
use osa_core::tenancy::{DutyStatus, OrgRole, PartnershipKind, PartnershipRole, Sector};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::names;

/// How big a generated dataset is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    /// One region: four children's partnerships, three adults' boards, 500 organisations.
    Region,
    /// England: 45 regions, 150 children's partnerships, 135 adults' boards, 25,000 organisations.
    National,
}

impl Scale {
    fn regions(self) -> usize {
        match self {
            Scale::Region => 1,
            Scale::National => 45,
        }
    }

    fn organisations(self) -> usize {
        match self {
            Scale::Region => 500,
            Scale::National => 25_000,
        }
    }

    /// Children's partnerships in region `r`: four in the first fifteen regions and
    /// three elsewhere (150 in all), as England's are unevenly sized.
    fn children_in(r: usize) -> usize {
        if r < 15 { 4 } else { 3 }
    }
}

/// Where an organisation's assessment stands in the current cycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    NotStarted,
    /// This many standards answered so far.
    InProgress(usize),
    Submitted,
}

#[derive(Debug, Clone)]
pub struct PartnershipPlan {
    pub id: i64,
    pub region: usize,
    pub name: String,
    pub area: String,
    pub kind: PartnershipKind,
}

#[derive(Debug, Clone)]
pub struct OrgPlan {
    pub id: i64,
    pub name: String,
    pub sector: Sector,
    pub duty: DutyStatus,
    /// Which framework it answers: the children's or the adults'.
    pub audience: Audience,
    /// The partnerships it serves (all of its audience, all in one region).
    pub areas: Vec<i64>,
    /// The share of criteria it meets, from 0 to 1; steers every answer.
    pub strength: f64,
    /// Whether it submitted a return in the previous cycle.
    pub submitted_before: bool,
    pub progress: Progress,
}

#[derive(Debug, Clone)]
pub struct PersonPlan {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub platform_admin: bool,
    pub partnership_role: Option<(i64, PartnershipRole)>,
    pub org_role: Option<(i64, OrgRole)>,
}

#[derive(Debug, Clone)]
pub struct Plan {
    pub regions: Vec<String>,
    pub partnerships: Vec<PartnershipPlan>,
    pub organisations: Vec<OrgPlan>,
    pub people: Vec<PersonPlan>,
}

/// The domain every generated email uses (see the README's "Larger datasets").
pub const EMAIL_DOMAIN: &str = "scale.example";

pub fn partnership_email(role: PartnershipRole, partnership: i64) -> String {
    let who = match role {
        PartnershipRole::Admin => "admin",
        PartnershipRole::Analyst => "analyst",
        PartnershipRole::PanelMember => "panel",
    };
    format!("{who}.p{partnership}@{EMAIL_DOMAIN}")
}

pub fn org_email(role: OrgRole, organisation: i64) -> String {
    let who = match role {
        OrgRole::SafeguardingLead => "lead",
        OrgRole::Contributor => "contributor",
        OrgRole::SeniorSignOff => "signoff",
    };
    format!("{who}.o{organisation}@{EMAIL_DOMAIN}")
}

/// Sectors of the organisations that are not anchors, with weights out of 100, for
/// children's and adults' areas.
const CHILDREN_SECTORS: &[(Sector, u32)] = &[
    (Sector::Education, 36),
    (Sector::EarlyYears, 16),
    (Sector::VoluntaryAndCommunity, 15),
    (Sector::SportAndLeisure, 9),
    (Sector::Health, 7),
    (Sector::Faith, 6),
    (Sector::Housing, 3),
    (Sector::Other, 5),
    (Sector::LocalAuthority, 3),
];
const ADULTS_SECTORS: &[(Sector, u32)] = &[
    (Sector::Other, 30),
    (Sector::VoluntaryAndCommunity, 25),
    (Sector::Housing, 18),
    (Sector::Health, 15),
    (Sector::Faith, 6),
    (Sector::SportAndLeisure, 3),
    (Sector::LocalAuthority, 3),
];

fn weighted(bank: &[(Sector, u32)], rng: &mut impl Rng) -> Sector {
    let total: u32 = bank.iter().map(|(_, w)| w).sum();
    let mut pick = rng.random_range(0..total);
    for (sector, weight) in bank {
        if pick < *weight {
            return *sector;
        }
        pick -= weight;
    }
    Sector::Other
}

/// The duty that goes with a sector: public bodies have one, providers paid by the
/// council or the NHS are commissioned, and a fifth of charities are too.
fn duty_of(sector: Sector, rng: &mut impl Rng) -> DutyStatus {
    match sector {
        Sector::Police
        | Sector::Health
        | Sector::LocalAuthority
        | Sector::Education
        | Sector::Probation
        | Sector::YouthJustice
        | Sector::FireAndRescue => DutyStatus::Statutory,
        Sector::EarlyYears | Sector::Housing | Sector::Other => DutyStatus::Commissioned,
        _ if rng.random_bool(0.2) => DutyStatus::Commissioned,
        _ => DutyStatus::Voluntary,
    }
}

impl Plan {
    pub fn new(scale: Scale, seed: u64) -> Plan {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut places = 0;
        let mut next_place = || {
            places += 1;
            names::place(places - 1)
        };
        let mut regions = Vec::new();
        let mut partnerships = Vec::new();
        for r in 0..scale.regions() {
            regions.push(format!("{} region", next_place()));
            let towns: Vec<String> = (0..Scale::children_in(r)).map(|_| next_place()).collect();
            for town in &towns {
                partnerships.push(PartnershipPlan {
                    id: partnerships.len() as i64 + 1,
                    region: r,
                    name: format!("{town} Safeguarding Children Partnership"),
                    area: town.clone(),
                    kind: PartnershipKind::Children,
                });
            }
            // Three adults' boards a region; where there are four towns, the last two share one.
            for (b, town) in towns.iter().take(3).enumerate() {
                let area = if b == 2 && towns.len() == 4 {
                    format!("{town} and {}", towns[3])
                } else {
                    town.clone()
                };
                partnerships.push(PartnershipPlan {
                    id: partnerships.len() as i64 + 1,
                    region: r,
                    name: format!("{area} Safeguarding Adults Board"),
                    area,
                    kind: PartnershipKind::Adults,
                });
            }
        }
        let organisations = organisations(scale, &regions, &partnerships, &mut rng);
        let people = people(&partnerships, &organisations);
        Plan { regions, partnerships, organisations, people }
    }

    /// How many answers the returns and the living assessments hold, at most (every
    /// criterion answered; criteria that do not apply to a sector are left out later).
    pub fn answers_upper_bound(&self, criteria: usize) -> usize {
        let returns = self.organisations.iter().filter(|o| o.submitted_before).count()
            + self.organisations.iter().filter(|o| o.progress == Progress::Submitted).count();
        let living = self.organisations.iter().filter(|o| started(o)).count();
        (returns + living) * criteria
    }
}

/// The id of the person holding `role` in partnership `id` (people are numbered in
/// plan order: the platform admin, three a partnership, then three an organisation).
pub fn partnership_person(id: i64, role: PartnershipRole) -> i64 {
    let index = PartnershipRole::ALL.iter().position(|r| *r == role).unwrap_or(0) as i64;
    2 + (id - 1) * 3 + index
}

/// The id of the person holding `role` in organisation `id`.
pub fn org_person(plan: &Plan, id: i64, role: OrgRole) -> i64 {
    let index = OrgRole::ALL.iter().position(|r| *r == role).unwrap_or(0) as i64;
    2 + plan.partnerships.len() as i64 * 3 + (id - 1) * 3 + index
}

/// Whether the organisation has an assessment at all.
pub fn started(o: &OrgPlan) -> bool {
    o.submitted_before || o.progress != Progress::NotStarted
}

fn organisations(
    scale: Scale,
    regions: &[String],
    partnerships: &[PartnershipPlan],
    rng: &mut ChaCha8Rng,
) -> Vec<OrgPlan> {
    let total = scale.organisations();
    let mut out: Vec<OrgPlan> = Vec::with_capacity(total);
    for r in 0..regions.len() {
        let of_kind = |kind| -> Vec<&PartnershipPlan> {
            partnerships.iter().filter(|p| p.region == r && p.kind == kind).collect()
        };
        let (children, adults) = (of_kind(PartnershipKind::Children), of_kind(PartnershipKind::Adults));
        let region_town = regions[r].trim_end_matches(" region").to_owned();
        let quota = total * (r + 1) / regions.len() - total * r / regions.len();
        let first = out.len();
        // The statutory anchors every area has: one police force, an integrated care
        // board and a probation service for the region, and each area's council.
        let all = |ps: &[&PartnershipPlan]| ps.iter().map(|p| p.id).collect::<Vec<_>>();
        let mut anchors = vec![
            (format!("{region_town} Police"), Sector::Police, Audience::Children, all(&children)),
            (
                format!("{region_town} Integrated Care Board"),
                Sector::Health,
                Audience::Children,
                all(&children),
            ),
            (format!("{region_town} Probation Service"), Sector::Probation, Audience::Adults, all(&adults)),
            (
                format!("{region_town} Fire and Rescue Service"),
                Sector::FireAndRescue,
                Audience::Adults,
                all(&adults),
            ),
        ];
        for p in &children {
            anchors.push((
                format!("{} Council Children's Services", p.area),
                Sector::LocalAuthority,
                Audience::Children,
                vec![p.id],
            ));
            anchors.push((
                format!("{} Youth Justice Service", p.area),
                Sector::YouthJustice,
                Audience::Children,
                vec![p.id],
            ));
        }
        for p in &adults {
            anchors.push((
                format!("{} Council Adult Social Care", p.area),
                Sector::LocalAuthority,
                Audience::Adults,
                vec![p.id],
            ));
        }
        for (name, sector, audience, areas) in anchors {
            push(&mut out, rng, name, sector, audience, areas);
        }
        while out.len() - first < quota {
            let adult = rng.random_bool(0.4);
            let (bank, served) =
                if adult { (ADULTS_SECTORS, &adults) } else { (CHILDREN_SECTORS, &children) };
            let sector = weighted(bank, rng);
            let home = served[rng.random_range(0..served.len())];
            let town = names::place(rng.random_range(0..names::places_available()));
            let name = names::organisation(sector, &town, adult, rng);
            // One in eight serves several areas (a regional charity, a housing group).
            let mut areas = vec![home.id];
            if served.len() > 1 && rng.random_bool(0.125) {
                let extra = served[rng.random_range(0..served.len())].id;
                if extra != home.id {
                    areas.push(extra);
                }
            }
            let audience = if adult { Audience::Adults } else { Audience::Children };
            push(&mut out, rng, name, sector, audience, areas);
        }
    }
    out
}

fn push(
    out: &mut Vec<OrgPlan>,
    rng: &mut ChaCha8Rng,
    name: String,
    sector: Sector,
    audience: Audience,
    areas: Vec<i64>,
) {
    let duty = duty_of(sector, rng);
    // Organisations with a duty return more reliably than those taking part by choice.
    let (before, now) = if duty == DutyStatus::Statutory { (0.97, 0.75) } else { (0.88, 0.55) };
    let progress = if rng.random_bool(now) {
        Progress::Submitted
    } else if rng.random_bool(0.7) {
        Progress::InProgress(rng.random_range(1..6))
    } else {
        Progress::NotStarted
    };
    out.push(OrgPlan {
        id: out.len() as i64 + 1,
        name,
        sector,
        duty,
        audience,
        areas,
        strength: rng.random_range(0.35..0.95),
        submitted_before: rng.random_bool(before),
        progress,
    });
}

fn people(partnerships: &[PartnershipPlan], organisations: &[OrgPlan]) -> Vec<PersonPlan> {
    let mut out = vec![PersonPlan {
        id: 1,
        email: format!("admin@{EMAIL_DOMAIN}"),
        name: "Platform administrator".into(),
        platform_admin: true,
        partnership_role: None,
        org_role: None,
    }];
    for p in partnerships {
        for role in PartnershipRole::ALL {
            out.push(PersonPlan {
                id: out.len() as i64 + 1,
                email: partnership_email(*role, p.id),
                name: format!("{} ({})", role.label(), p.area),
                platform_admin: false,
                partnership_role: Some((p.id, *role)),
                org_role: None,
            });
        }
    }
    for o in organisations {
        for role in OrgRole::ALL {
            out.push(PersonPlan {
                id: out.len() as i64 + 1,
                email: org_email(*role, o.id),
                name: format!("{} of organisation {}", role.label(), o.id),
                platform_admin: false,
                partnership_role: None,
                org_role: Some((o.id, *role)),
            });
        }
    }
    out
}

#[cfg(test)]
#[path = "plan_tests.rs"]
mod tests;
