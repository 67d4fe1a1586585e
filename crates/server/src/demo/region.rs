//! The demo region loaded by `osa demo`: five safeguarding partnerships, the
//! organisations that serve them, the people who work in both, and a few pending
//! requests to join.
//!
//! Everything here is invented. The places (Kestrel Vale, Hollinbrook, Marsham,
//! Eastwick and Fenby) are not English local authorities, the organisations do not
//! exist, and every person's name is made up. Every address is on `demo.example`, a
//! domain reserved for examples, so no mail can reach anyone.
//!
//! Naming follows a pattern so a tester can guess who to sign in as:
//! `admin.<partnership>`, `analyst.<partnership>` and `panel.<partnership>` for each
//! partnership; `lead.<organisation>` for every organisation, and
//! `contributor.<organisation>` and `signoff.<organisation>` for the larger ones;
//! `multi.<something>` for people who hold several roles.

use osa_core::tenancy::{DutyStatus, OrgRole, PartnershipKind, PartnershipRole, Sector};

/// A safeguarding partnership (or adults board) in the demo region.
#[derive(Debug, Clone, Copy)]
pub struct DemoPartnership {
    pub slug: &'static str,
    pub name: &'static str,
    pub area: &'static str,
    pub kind: PartnershipKind,
}

/// An organisation and the partnership areas it serves.
#[derive(Debug, Clone, Copy)]
pub struct DemoOrganisation {
    pub slug: &'static str,
    pub name: &'static str,
    pub sector: Sector,
    pub duty: DutyStatus,
    /// Slugs of the partnerships whose area the organisation serves.
    pub areas: &'static [&'static str],
}

/// A person and the roles they hold.
#[derive(Debug, Clone, Copy)]
pub struct DemoPerson {
    pub email: &'static str,
    pub name: &'static str,
    pub platform_admin: bool,
    /// (partnership slug, role) pairs.
    pub partnership_roles: &'static [(&'static str, PartnershipRole)],
    /// (organisation slug, role) pairs.
    pub org_roles: &'static [(&'static str, OrgRole)],
}

/// A pending request from an already-listed organisation to join another partnership.
#[derive(Debug, Clone, Copy)]
pub struct DemoJoinRequest {
    /// Slug of the organisation asking.
    pub organisation: &'static str,
    /// Slug of the partnership it asks to join.
    pub partnership: &'static str,
}

/// The five partnerships of the demo region.
pub const PARTNERSHIPS: &[DemoPartnership] = &[
    DemoPartnership {
        slug: "kestrel",
        name: "Kestrel Vale Safeguarding Children Partnership",
        area: "Kestrel Vale",
        kind: PartnershipKind::Children,
    },
    DemoPartnership {
        slug: "kestrel-adults",
        name: "Kestrel Vale Safeguarding Adults Board",
        area: "Kestrel Vale",
        kind: PartnershipKind::Adults,
    },
    DemoPartnership {
        slug: "hollinbrook",
        name: "Hollinbrook Safeguarding Partnership",
        area: "Hollinbrook",
        kind: PartnershipKind::Joint,
    },
    DemoPartnership {
        slug: "marsham",
        name: "Marsham Safeguarding Children Partnership",
        area: "Marsham",
        kind: PartnershipKind::Children,
    },
    DemoPartnership {
        slug: "fenby",
        name: "Eastwick and Fenby Safeguarding Adults Board",
        area: "Eastwick and Fenby",
        kind: PartnershipKind::Adults,
    },
];

/// Organisations serving the region, grouped by duty status.
pub const ORGANISATIONS: &[DemoOrganisation] = &[
    // Statutory partners: a duty to return.
    DemoOrganisation {
        slug: "police",
        name: "Kestrel Vale and Marsham Police",
        sector: Sector::Police,
        duty: DutyStatus::Statutory,
        areas: &["kestrel", "kestrel-adults", "marsham", "hollinbrook"],
    },
    DemoOrganisation {
        slug: "fenmarch-constabulary",
        name: "Fenmarch Constabulary",
        sector: Sector::Police,
        duty: DutyStatus::Statutory,
        areas: &["fenby"],
    },
    DemoOrganisation {
        slug: "kestrel-vale-council",
        name: "Kestrel Vale Council",
        sector: Sector::LocalAuthority,
        duty: DutyStatus::Statutory,
        areas: &["kestrel", "kestrel-adults"],
    },
    DemoOrganisation {
        slug: "hollinbrook-council",
        name: "Hollinbrook Borough Council",
        sector: Sector::LocalAuthority,
        duty: DutyStatus::Statutory,
        areas: &["hollinbrook"],
    },
    DemoOrganisation {
        slug: "marsham-council",
        name: "Marsham Metropolitan Borough Council",
        sector: Sector::LocalAuthority,
        duty: DutyStatus::Statutory,
        areas: &["marsham"],
    },
    DemoOrganisation {
        slug: "eastwick-fenby-council",
        name: "Eastwick and Fenby Council",
        sector: Sector::LocalAuthority,
        duty: DutyStatus::Statutory,
        areas: &["fenby"],
    },
    DemoOrganisation {
        slug: "vale-fen-icb",
        name: "Vale and Fen Integrated Care Board",
        sector: Sector::Health,
        duty: DutyStatus::Statutory,
        areas: &["kestrel", "kestrel-adults", "hollinbrook", "marsham", "fenby"],
    },
    DemoOrganisation {
        slug: "kestrel-fen-ambulance",
        name: "Kestrel and Fen Ambulance Service NHS Trust",
        sector: Sector::Health,
        duty: DutyStatus::Statutory,
        areas: &["kestrel", "kestrel-adults", "hollinbrook", "marsham", "fenby"],
    },
    DemoOrganisation {
        slug: "kestrel-vale-hospitals",
        name: "Kestrel Vale Hospitals NHS Foundation Trust",
        sector: Sector::Health,
        duty: DutyStatus::Statutory,
        areas: &["kestrel", "kestrel-adults"],
    },
    DemoOrganisation {
        slug: "marsham-community-health",
        name: "Marsham Community Health NHS Trust",
        sector: Sector::Health,
        duty: DutyStatus::Statutory,
        areas: &["marsham", "hollinbrook"],
    },
    DemoOrganisation {
        slug: "vale-fen-mental-health",
        name: "Vale and Fen Mental Health NHS Foundation Trust",
        sector: Sector::Health,
        duty: DutyStatus::Statutory,
        areas: &["kestrel", "kestrel-adults", "hollinbrook", "fenby"],
    },
    DemoOrganisation {
        slug: "eastwick-general",
        name: "Eastwick General Hospital NHS Trust",
        sector: Sector::Health,
        duty: DutyStatus::Statutory,
        areas: &["fenby"],
    },
    DemoOrganisation {
        slug: "probation-kestrel-fen",
        name: "Probation Service, Kestrel and Fen Region",
        sector: Sector::Probation,
        duty: DutyStatus::Statutory,
        areas: &["kestrel", "kestrel-adults", "hollinbrook", "marsham", "fenby"],
    },
    DemoOrganisation {
        slug: "kestrel-vale-yjs",
        name: "Kestrel Vale Youth Justice Service",
        sector: Sector::YouthJustice,
        duty: DutyStatus::Statutory,
        areas: &["kestrel"],
    },
    DemoOrganisation {
        slug: "marsham-hollinbrook-yjs",
        name: "Marsham and Hollinbrook Youth Justice Service",
        sector: Sector::YouthJustice,
        duty: DutyStatus::Statutory,
        areas: &["marsham", "hollinbrook"],
    },
    DemoOrganisation {
        slug: "kestrel-marsham-fire",
        name: "Kestrel and Marsham Fire and Rescue Service",
        sector: Sector::FireAndRescue,
        duty: DutyStatus::Statutory,
        areas: &["kestrel", "kestrel-adults", "marsham", "hollinbrook"],
    },
    DemoOrganisation {
        slug: "eastwick-fenby-fire",
        name: "Eastwick and Fenby Fire and Rescue Service",
        sector: Sector::FireAndRescue,
        duty: DutyStatus::Statutory,
        areas: &["fenby"],
    },
    DemoOrganisation {
        slug: "kestrel-vale-academy",
        name: "Kestrel Vale Academy",
        sector: Sector::Education,
        duty: DutyStatus::Statutory,
        areas: &["kestrel"],
    },
    DemoOrganisation {
        slug: "harrowfield-primary",
        name: "Harrowfield Primary School",
        sector: Sector::Education,
        duty: DutyStatus::Statutory,
        areas: &["kestrel"],
    },
    DemoOrganisation {
        slug: "saltmarsh-lane-primary",
        name: "Saltmarsh Lane Primary School",
        sector: Sector::Education,
        duty: DutyStatus::Statutory,
        areas: &["kestrel"],
    },
    DemoOrganisation {
        slug: "st-aidans-primary",
        name: "St Aidan's Church of England Primary School",
        sector: Sector::Education,
        duty: DutyStatus::Statutory,
        areas: &["kestrel"],
    },
    DemoOrganisation {
        slug: "kestrel-brook-infants",
        name: "Kestrel Brook Infant School",
        sector: Sector::Education,
        duty: DutyStatus::Statutory,
        areas: &["kestrel"],
    },
    DemoOrganisation {
        slug: "fenwick-hill-secondary",
        name: "Fenwick Hill Secondary School",
        sector: Sector::Education,
        duty: DutyStatus::Statutory,
        areas: &["kestrel"],
    },
    DemoOrganisation {
        slug: "marsham-moor-high",
        name: "Marsham Moor High School",
        sector: Sector::Education,
        duty: DutyStatus::Statutory,
        areas: &["marsham"],
    },
    DemoOrganisation {
        slug: "hollinbrook-college",
        name: "Hollinbrook College",
        sector: Sector::Education,
        duty: DutyStatus::Statutory,
        areas: &["hollinbrook"],
    },
    DemoOrganisation {
        slug: "greywing-learning-trust",
        name: "Greywing Learning Trust",
        sector: Sector::Education,
        duty: DutyStatus::Statutory,
        areas: &["kestrel", "marsham", "hollinbrook"],
    },
    DemoOrganisation {
        slug: "heronsgate-nursery-school",
        name: "Heronsgate Nursery School",
        sector: Sector::EarlyYears,
        duty: DutyStatus::Statutory,
        areas: &["hollinbrook"],
    },
    DemoOrganisation {
        slug: "hmp-fenmoor",
        name: "HMP Fenmoor",
        sector: Sector::Other,
        duty: DutyStatus::Statutory,
        areas: &["fenby"],
    },
    // Commissioned: providers who return under contract.
    DemoOrganisation {
        slug: "larkspur-house",
        name: "Larkspur House Nursing Home",
        sector: Sector::Health,
        duty: DutyStatus::Commissioned,
        areas: &["kestrel-adults"],
    },
    DemoOrganisation {
        slug: "thistledown-care",
        name: "Thistledown Care Group",
        sector: Sector::Other,
        duty: DutyStatus::Commissioned,
        areas: &["kestrel-adults", "hollinbrook", "fenby"],
    },
    DemoOrganisation {
        slug: "brightwater-home-care",
        name: "Brightwater Home Care Ltd",
        sector: Sector::Other,
        duty: DutyStatus::Commissioned,
        areas: &["fenby"],
    },
    DemoOrganisation {
        slug: "hollinbrook-homes",
        name: "Hollinbrook Homes",
        sector: Sector::Housing,
        duty: DutyStatus::Commissioned,
        areas: &["hollinbrook"],
    },
    DemoOrganisation {
        slug: "greystone-housing",
        name: "Greystone Housing Association",
        sector: Sector::Housing,
        duty: DutyStatus::Commissioned,
        areas: &["kestrel", "kestrel-adults", "marsham", "fenby"],
    },
    DemoOrganisation {
        slug: "kestrel-domestic-abuse",
        name: "Kestrel Vale Domestic Abuse Service",
        sector: Sector::VoluntaryAndCommunity,
        duty: DutyStatus::Commissioned,
        areas: &["kestrel-adults"],
    },
    DemoOrganisation {
        slug: "clearway-recovery",
        name: "Clearway Drug and Alcohol Recovery",
        sector: Sector::Health,
        duty: DutyStatus::Commissioned,
        areas: &["hollinbrook", "fenby"],
    },
    DemoOrganisation {
        slug: "bluebell-health-visiting",
        name: "Bluebell Health Visiting CIC",
        sector: Sector::Health,
        duty: DutyStatus::Commissioned,
        areas: &["kestrel"],
    },
    DemoOrganisation {
        slug: "hearthstone-fostering",
        name: "Hearthstone Fostering",
        sector: Sector::Other,
        duty: DutyStatus::Commissioned,
        areas: &["marsham"],
    },
    DemoOrganisation {
        slug: "willowgate-childrens-homes",
        name: "Willowgate Children's Homes Ltd",
        sector: Sector::Other,
        duty: DutyStatus::Commissioned,
        areas: &["kestrel"],
    },
    DemoOrganisation {
        slug: "kestrel-leisure-trust",
        name: "Kestrel Vale Leisure Trust",
        sector: Sector::SportAndLeisure,
        duty: DutyStatus::Commissioned,
        areas: &["kestrel"],
    },
    DemoOrganisation {
        slug: "marsham-young-carers",
        name: "Marsham Young Carers Service",
        sector: Sector::VoluntaryAndCommunity,
        duty: DutyStatus::Commissioned,
        areas: &["marsham"],
    },
    DemoOrganisation {
        slug: "fenby-advocacy",
        name: "Fenby Advocacy Partnership",
        sector: Sector::VoluntaryAndCommunity,
        duty: DutyStatus::Commissioned,
        areas: &["fenby"],
    },
    DemoOrganisation {
        slug: "sunnybank-childrens-centre",
        name: "Sunnybank Children's Centre",
        sector: Sector::EarlyYears,
        duty: DutyStatus::Commissioned,
        areas: &["hollinbrook"],
    },
    DemoOrganisation {
        slug: "crossways-ap",
        name: "Crossways Alternative Provision",
        sector: Sector::Education,
        duty: DutyStatus::Commissioned,
        areas: &["marsham"],
    },
    DemoOrganisation {
        slug: "marsham-reparation",
        name: "Marsham Youth Reparation Project",
        sector: Sector::YouthJustice,
        duty: DutyStatus::Commissioned,
        areas: &["marsham"],
    },
    DemoOrganisation {
        slug: "vale-secure-transport",
        name: "Vale Secure Transport Ltd",
        sector: Sector::Other,
        duty: DutyStatus::Commissioned,
        areas: &["kestrel"],
    },
    DemoOrganisation {
        slug: "second-chances",
        name: "Second Chances Resettlement",
        sector: Sector::Probation,
        duty: DutyStatus::Commissioned,
        areas: &["fenby"],
    },
    // Voluntary: organisations taking part by choice.
    DemoOrganisation {
        slug: "st-aldhelms-fenby",
        name: "St Aldhelm's Parish Church, Fenby",
        sector: Sector::Faith,
        duty: DutyStatus::Voluntary,
        areas: &["fenby"],
    },
    DemoOrganisation {
        slug: "hollinbrook-central-mosque",
        name: "Hollinbrook Central Mosque",
        sector: Sector::Faith,
        duty: DutyStatus::Voluntary,
        areas: &["hollinbrook"],
    },
    DemoOrganisation {
        slug: "marsham-gurdwara",
        name: "Marsham Gurdwara",
        sector: Sector::Faith,
        duty: DutyStatus::Voluntary,
        areas: &["marsham"],
    },
    DemoOrganisation {
        slug: "diocese-kestrel-fen",
        name: "Diocese of Kestrel and Fen",
        sector: Sector::Faith,
        duty: DutyStatus::Voluntary,
        areas: &["kestrel", "kestrel-adults", "hollinbrook", "fenby"],
    },
    DemoOrganisation {
        slug: "hollinbrook-rovers",
        name: "Hollinbrook Rovers Junior Football Club",
        sector: Sector::SportAndLeisure,
        duty: DutyStatus::Voluntary,
        areas: &["hollinbrook"],
    },
    DemoOrganisation {
        slug: "marsham-swimming",
        name: "Marsham Amateur Swimming Club",
        sector: Sector::SportAndLeisure,
        duty: DutyStatus::Voluntary,
        areas: &["marsham"],
    },
    DemoOrganisation {
        slug: "kestrel-boxing",
        name: "Kestrel Vale Boxing Academy",
        sector: Sector::SportAndLeisure,
        duty: DutyStatus::Voluntary,
        areas: &["kestrel"],
    },
    DemoOrganisation {
        slug: "fenby-walking-football",
        name: "Fenby Walking Football Club",
        sector: Sector::SportAndLeisure,
        duty: DutyStatus::Voluntary,
        areas: &["fenby"],
    },
    DemoOrganisation {
        slug: "rowan-tree-preschool",
        name: "Rowan Tree Pre-school, Kestrel Vale",
        sector: Sector::EarlyYears,
        duty: DutyStatus::Voluntary,
        areas: &["kestrel"],
    },
    DemoOrganisation {
        slug: "marsham-childminders",
        name: "Marsham Childminding Network",
        sector: Sector::EarlyYears,
        duty: DutyStatus::Voluntary,
        areas: &["marsham"],
    },
    DemoOrganisation {
        slug: "little-wrens-playgroup",
        name: "Little Wrens Playgroup, Hollinbrook",
        sector: Sector::EarlyYears,
        duty: DutyStatus::Voluntary,
        areas: &["hollinbrook"],
    },
    DemoOrganisation {
        slug: "brightpath",
        name: "Brightpath Children's Charity",
        sector: Sector::VoluntaryAndCommunity,
        duty: DutyStatus::Voluntary,
        areas: &["kestrel", "marsham", "hollinbrook"],
    },
    DemoOrganisation {
        slug: "open-door-food-bank",
        name: "Open Door Food Bank, Marsham",
        sector: Sector::VoluntaryAndCommunity,
        duty: DutyStatus::Voluntary,
        areas: &["marsham"],
    },
    DemoOrganisation {
        slug: "eastwick-mens-shed",
        name: "Eastwick Men's Shed",
        sector: Sector::VoluntaryAndCommunity,
        duty: DutyStatus::Voluntary,
        areas: &["fenby"],
    },
    DemoOrganisation {
        slug: "kestrel-carers-centre",
        name: "Kestrel Vale Carers Centre",
        sector: Sector::VoluntaryAndCommunity,
        duty: DutyStatus::Voluntary,
        areas: &["kestrel-adults"],
    },
    DemoOrganisation {
        slug: "kestrel-taxi-association",
        name: "Kestrel Vale Taxi and Private Hire Association",
        sector: Sector::Other,
        duty: DutyStatus::Voluntary,
        areas: &["kestrel"],
    },
    DemoOrganisation {
        slug: "al-noor-supplementary",
        name: "Al-Noor Supplementary School, Hollinbrook",
        sector: Sector::Education,
        duty: DutyStatus::Voluntary,
        areas: &["hollinbrook"],
    },
    DemoOrganisation {
        slug: "hollinbrook-night-shelter",
        name: "Hollinbrook Night Shelter",
        sector: Sector::Housing,
        duty: DutyStatus::Voluntary,
        areas: &["hollinbrook"],
    },
    DemoOrganisation {
        slug: "fenmarsh-hospice",
        name: "Fenmarsh Hospice",
        sector: Sector::Health,
        duty: DutyStatus::Voluntary,
        areas: &["fenby"],
    },
    DemoOrganisation {
        slug: "eastwick-town-council",
        name: "Eastwick Town Council",
        sector: Sector::LocalAuthority,
        duty: DutyStatus::Voluntary,
        areas: &["fenby"],
    },
];

/// Everyone who can sign in to the demo.
pub const PEOPLE: &[DemoPerson] = &[
    // Runs the whole deployment.
    DemoPerson {
        email: "admin@demo.example",
        name: "Platform Administrator",
        platform_admin: true,
        partnership_roles: &[],
        org_roles: &[],
    },
    // Partnership business units, analysts and panels.
    DemoPerson {
        email: "admin.kestrel@demo.example",
        name: "Rosalind Pemberton",
        platform_admin: false,
        partnership_roles: &[("kestrel", PartnershipRole::Admin)],
        org_roles: &[],
    },
    DemoPerson {
        email: "analyst.kestrel@demo.example",
        name: "Tobias Reid-Okonkwo",
        platform_admin: false,
        partnership_roles: &[("kestrel", PartnershipRole::Analyst)],
        org_roles: &[],
    },
    DemoPerson {
        email: "panel.kestrel@demo.example",
        name: "Marguerite Ashdown",
        platform_admin: false,
        partnership_roles: &[("kestrel", PartnershipRole::PanelMember)],
        org_roles: &[],
    },
    DemoPerson {
        email: "admin.kestrel-adults@demo.example",
        name: "Gideon Farrant",
        platform_admin: false,
        partnership_roles: &[("kestrel-adults", PartnershipRole::Admin)],
        org_roles: &[],
    },
    DemoPerson {
        email: "analyst.kestrel-adults@demo.example",
        name: "Priya Raghunathan",
        platform_admin: false,
        partnership_roles: &[("kestrel-adults", PartnershipRole::Analyst)],
        org_roles: &[],
    },
    DemoPerson {
        email: "panel.kestrel-adults@demo.example",
        name: "Cormac Dellow",
        platform_admin: false,
        partnership_roles: &[("kestrel-adults", PartnershipRole::PanelMember)],
        org_roles: &[],
    },
    DemoPerson {
        email: "admin.hollinbrook@demo.example",
        name: "Yasmin Haddadi",
        platform_admin: false,
        partnership_roles: &[("hollinbrook", PartnershipRole::Admin)],
        org_roles: &[],
    },
    DemoPerson {
        email: "analyst.hollinbrook@demo.example",
        name: "Lorcan Bramley",
        platform_admin: false,
        partnership_roles: &[("hollinbrook", PartnershipRole::Analyst)],
        org_roles: &[],
    },
    DemoPerson {
        email: "panel.hollinbrook@demo.example",
        name: "Efua Mensah",
        platform_admin: false,
        partnership_roles: &[("hollinbrook", PartnershipRole::PanelMember)],
        org_roles: &[],
    },
    DemoPerson {
        email: "admin.marsham@demo.example",
        name: "Jolyon Threlfall",
        platform_admin: false,
        partnership_roles: &[("marsham", PartnershipRole::Admin)],
        org_roles: &[],
    },
    DemoPerson {
        email: "analyst.marsham@demo.example",
        name: "Agnieszka Wrona",
        platform_admin: false,
        partnership_roles: &[("marsham", PartnershipRole::Analyst)],
        org_roles: &[],
    },
    DemoPerson {
        email: "panel.marsham@demo.example",
        name: "Hyacinth Barraclough",
        platform_admin: false,
        partnership_roles: &[("marsham", PartnershipRole::PanelMember)],
        org_roles: &[],
    },
    DemoPerson {
        email: "admin.fenby@demo.example",
        name: "Ottilie Strand",
        platform_admin: false,
        partnership_roles: &[("fenby", PartnershipRole::Admin)],
        org_roles: &[],
    },
    DemoPerson {
        email: "analyst.fenby@demo.example",
        name: "Kwabena Asare",
        platform_admin: false,
        partnership_roles: &[("fenby", PartnershipRole::Analyst)],
        org_roles: &[],
    },
    DemoPerson {
        email: "panel.fenby@demo.example",
        name: "Dilys Pennock",
        platform_admin: false,
        partnership_roles: &[("fenby", PartnershipRole::PanelMember)],
        org_roles: &[],
    },
    // Organisations: a safeguarding lead each, and for the larger ones a contributor
    // and a senior sign-off as well.
    DemoPerson {
        email: "lead.police@demo.example",
        name: "Fergus Callender",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("police", OrgRole::SafeguardingLead)],
    },
    DemoPerson {
        email: "contributor.police@demo.example",
        name: "Nadia Sokolowska",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("police", OrgRole::Contributor)],
    },
    DemoPerson {
        email: "signoff.police@demo.example",
        name: "Malachy Quennell",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("police", OrgRole::SeniorSignOff)],
    },
    DemoPerson {
        email: "lead.fenmarch-constabulary@demo.example",
        name: "Tamsin Rook",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("fenmarch-constabulary", OrgRole::SafeguardingLead)],
    },
    DemoPerson {
        email: "lead.kestrel-vale-council@demo.example",
        name: "Ceridwen Hollis",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("kestrel-vale-council", OrgRole::SafeguardingLead)],
    },
    DemoPerson {
        email: "contributor.kestrel-vale-council@demo.example",
        name: "Vikram Sandhu",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("kestrel-vale-council", OrgRole::Contributor)],
    },
    DemoPerson {
        email: "signoff.kestrel-vale-council@demo.example",
        name: "Beatrix Lockwood",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("kestrel-vale-council", OrgRole::SeniorSignOff)],
    },
    DemoPerson {
        email: "lead.hollinbrook-council@demo.example",
        name: "Hamza Qureshi",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("hollinbrook-council", OrgRole::SafeguardingLead)],
    },
    DemoPerson {
        email: "contributor.hollinbrook-council@demo.example",
        name: "Orla Fennimore",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("hollinbrook-council", OrgRole::Contributor)],
    },
    DemoPerson {
        email: "signoff.hollinbrook-council@demo.example",
        name: "Quentin Marlowe-Haigh",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("hollinbrook-council", OrgRole::SeniorSignOff)],
    },
    DemoPerson {
        email: "lead.marsham-council@demo.example",
        name: "Zainab Oduya",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("marsham-council", OrgRole::SafeguardingLead)],
    },
    DemoPerson {
        email: "contributor.marsham-council@demo.example",
        name: "Piotr Zielak",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("marsham-council", OrgRole::Contributor)],
    },
    DemoPerson {
        email: "signoff.marsham-council@demo.example",
        name: "Verity Stanhope",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("marsham-council", OrgRole::SeniorSignOff)],
    },
    DemoPerson {
        email: "lead.eastwick-fenby-council@demo.example",
        name: "Gwendolyn Areton",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("eastwick-fenby-council", OrgRole::SafeguardingLead)],
    },
    DemoPerson {
        email: "contributor.eastwick-fenby-council@demo.example",
        name: "Sunil Bhardwaj",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("eastwick-fenby-council", OrgRole::Contributor)],
    },
    DemoPerson {
        email: "signoff.eastwick-fenby-council@demo.example",
        name: "Ambrose Tilling",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("eastwick-fenby-council", OrgRole::SeniorSignOff)],
    },
    DemoPerson {
        email: "lead.vale-fen-icb@demo.example",
        name: "Ifeoma Nwachukwu",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("vale-fen-icb", OrgRole::SafeguardingLead)],
    },
    DemoPerson {
        email: "contributor.vale-fen-icb@demo.example",
        name: "Rufus Pendry",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("vale-fen-icb", OrgRole::Contributor)],
    },
    DemoPerson {
        email: "signoff.vale-fen-icb@demo.example",
        name: "Wilhelmina Coade",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("vale-fen-icb", OrgRole::SeniorSignOff)],
    },
    DemoPerson {
        email: "lead.kestrel-fen-ambulance@demo.example",
        name: "Declan Moorcroft",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("kestrel-fen-ambulance", OrgRole::SafeguardingLead)],
    },
    DemoPerson {
        email: "lead.kestrel-vale-hospitals@demo.example",
        name: "Saoirse Dunleavy",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("kestrel-vale-hospitals", OrgRole::SafeguardingLead)],
    },
    DemoPerson {
        email: "contributor.kestrel-vale-hospitals@demo.example",
        name: "Emeka Obiora",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("kestrel-vale-hospitals", OrgRole::Contributor)],
    },
    DemoPerson {
        email: "signoff.kestrel-vale-hospitals@demo.example",
        name: "Harriet Vossberg",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("kestrel-vale-hospitals", OrgRole::SeniorSignOff)],
    },
    DemoPerson {
        email: "lead.marsham-community-health@demo.example",
        name: "Parveen Akhtar",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("marsham-community-health", OrgRole::SafeguardingLead)],
    },
    DemoPerson {
        email: "contributor.marsham-community-health@demo.example",
        name: "Jago Penhallow",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("marsham-community-health", OrgRole::Contributor)],
    },
    DemoPerson {
        email: "signoff.marsham-community-health@demo.example",
        name: "Leonie Castellan",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("marsham-community-health", OrgRole::SeniorSignOff)],
    },
    DemoPerson {
        email: "lead.vale-fen-mental-health@demo.example",
        name: "Umar Farooqi",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("vale-fen-mental-health", OrgRole::SafeguardingLead)],
    },
    DemoPerson {
        email: "lead.eastwick-general@demo.example",
        name: "Rhiannon Gethin",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("eastwick-general", OrgRole::SafeguardingLead)],
    },
    DemoPerson {
        email: "lead.probation-kestrel-fen@demo.example",
        name: "Xavier Delahaye",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("probation-kestrel-fen", OrgRole::SafeguardingLead)],
    },
    DemoPerson {
        email: "contributor.probation-kestrel-fen@demo.example",
        name: "Keziah Brightwell",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("probation-kestrel-fen", OrgRole::Contributor)],
    },
    DemoPerson {
        email: "signoff.probation-kestrel-fen@demo.example",
        name: "Thaddeus Ormsby",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("probation-kestrel-fen", OrgRole::SeniorSignOff)],
    },
    DemoPerson {
        email: "lead.kestrel-vale-yjs@demo.example",
        name: "Chiamaka Eze-Barlow",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("kestrel-vale-yjs", OrgRole::SafeguardingLead)],
    },
    DemoPerson {
        email: "lead.marsham-hollinbrook-yjs@demo.example",
        name: "Benedict Varley",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("marsham-hollinbrook-yjs", OrgRole::SafeguardingLead)],
    },
    DemoPerson {
        email: "lead.kestrel-marsham-fire@demo.example",
        name: "Seren Llewellyn",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("kestrel-marsham-fire", OrgRole::SafeguardingLead)],
    },
    DemoPerson {
        email: "contributor.kestrel-marsham-fire@demo.example",
        name: "Tariq Hanif",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("kestrel-marsham-fire", OrgRole::Contributor)],
    },
    DemoPerson {
        email: "signoff.kestrel-marsham-fire@demo.example",
        name: "Winifred Carrow",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("kestrel-marsham-fire", OrgRole::SeniorSignOff)],
    },
    DemoPerson {
        email: "lead.eastwick-fenby-fire@demo.example",
        name: "Cosmo Achterberg",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("eastwick-fenby-fire", OrgRole::SafeguardingLead)],
    },
    DemoPerson {
        email: "lead.kestrel-vale-academy@demo.example",
        name: "Esme Fairbairn",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("kestrel-vale-academy", OrgRole::SafeguardingLead)],
    },
    DemoPerson {
        email: "contributor.kestrel-vale-academy@demo.example",
        name: "Rohan Deshpande",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("kestrel-vale-academy", OrgRole::Contributor)],
    },
    DemoPerson {
        email: "signoff.kestrel-vale-academy@demo.example",
        name: "Ursula Kettering",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("kestrel-vale-academy", OrgRole::SeniorSignOff)],
    },
    DemoPerson {
        email: "lead.saltmarsh-lane-primary@demo.example",
        name: "Bethan Okafor",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("saltmarsh-lane-primary", OrgRole::SafeguardingLead)],
    },
    DemoPerson {
        email: "lead.st-aidans-primary@demo.example",
        name: "Callum Rees",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("st-aidans-primary", OrgRole::SafeguardingLead)],
    },
    DemoPerson {
        email: "lead.kestrel-brook-infants@demo.example",
        name: "Priya Nandakumar",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("kestrel-brook-infants", OrgRole::SafeguardingLead)],
    },
    DemoPerson {
        email: "lead.fenwick-hill-secondary@demo.example",
        name: "Declan Murray",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("fenwick-hill-secondary", OrgRole::SafeguardingLead)],
    },
    DemoPerson {
        email: "lead.harrowfield-primary@demo.example",
        name: "Anwen Maddox",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("harrowfield-primary", OrgRole::SafeguardingLead)],
    },
    DemoPerson {
        email: "lead.marsham-moor-high@demo.example",
        name: "Isidore Nkemelu",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("marsham-moor-high", OrgRole::SafeguardingLead)],
    },
    DemoPerson {
        email: "lead.hollinbrook-college@demo.example",
        name: "Fenella Hargest",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("hollinbrook-college", OrgRole::SafeguardingLead)],
    },
    DemoPerson {
        email: "lead.greywing-learning-trust@demo.example",
        name: "Oluwaseun Bakare",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("greywing-learning-trust", OrgRole::SafeguardingLead)],
    },
    DemoPerson {
        email: "contributor.greywing-learning-trust@demo.example",
        name: "Greta Lindqvist",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("greywing-learning-trust", OrgRole::Contributor)],
    },
    DemoPerson {
        email: "signoff.greywing-learning-trust@demo.example",
        name: "Hector Blaisdell",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("greywing-learning-trust", OrgRole::SeniorSignOff)],
    },
    DemoPerson {
        email: "lead.heronsgate-nursery-school@demo.example",
        name: "Lavinia Quarrie",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("heronsgate-nursery-school", OrgRole::SafeguardingLead)],
    },
    DemoPerson {
        email: "lead.hmp-fenmoor@demo.example",
        name: "Yannick Bastable",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("hmp-fenmoor", OrgRole::SafeguardingLead)],
    },
    DemoPerson {
        email: "lead.larkspur-house@demo.example",
        name: "Florin Dragomir",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("larkspur-house", OrgRole::SafeguardingLead)],
    },
    DemoPerson {
        email: "lead.thistledown-care@demo.example",
        name: "Niamh Costigan",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("thistledown-care", OrgRole::SafeguardingLead)],
    },
    DemoPerson {
        email: "contributor.thistledown-care@demo.example",
        name: "Gurpreet Dhaliwal",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("thistledown-care", OrgRole::Contributor)],
    },
    DemoPerson {
        email: "signoff.thistledown-care@demo.example",
        name: "Wendell Farraday",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("thistledown-care", OrgRole::SeniorSignOff)],
    },
    DemoPerson {
        email: "lead.brightwater-home-care@demo.example",
        name: "Maren Solheim",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("brightwater-home-care", OrgRole::SafeguardingLead)],
    },
    DemoPerson {
        email: "lead.hollinbrook-homes@demo.example",
        name: "Jemima Toller",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("hollinbrook-homes", OrgRole::SafeguardingLead)],
    },
    DemoPerson {
        email: "lead.greystone-housing@demo.example",
        name: "Kavita Ramsaran",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("greystone-housing", OrgRole::SafeguardingLead)],
    },
    DemoPerson {
        email: "contributor.greystone-housing@demo.example",
        name: "Callum Brereton",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("greystone-housing", OrgRole::Contributor)],
    },
    DemoPerson {
        email: "signoff.greystone-housing@demo.example",
        name: "Perpetua Onyango",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("greystone-housing", OrgRole::SeniorSignOff)],
    },
    DemoPerson {
        email: "lead.kestrel-domestic-abuse@demo.example",
        name: "Bronwen Tregear",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("kestrel-domestic-abuse", OrgRole::SafeguardingLead)],
    },
    DemoPerson {
        email: "lead.clearway-recovery@demo.example",
        name: "Mihail Varga",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("clearway-recovery", OrgRole::SafeguardingLead)],
    },
    DemoPerson {
        email: "lead.bluebell-health-visiting@demo.example",
        name: "Delphine Oakes",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("bluebell-health-visiting", OrgRole::SafeguardingLead)],
    },
    DemoPerson {
        email: "lead.hearthstone-fostering@demo.example",
        name: "Ravinder Sehmi",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("hearthstone-fostering", OrgRole::SafeguardingLead)],
    },
    DemoPerson {
        email: "lead.willowgate-childrens-homes@demo.example",
        name: "Nerys Bevington",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("willowgate-childrens-homes", OrgRole::SafeguardingLead)],
    },
    DemoPerson {
        email: "lead.kestrel-leisure-trust@demo.example",
        name: "Vaughan Pellow",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("kestrel-leisure-trust", OrgRole::SafeguardingLead)],
    },
    DemoPerson {
        email: "lead.marsham-young-carers@demo.example",
        name: "Zofia Grabowska",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("marsham-young-carers", OrgRole::SafeguardingLead)],
    },
    DemoPerson {
        email: "lead.fenby-advocacy@demo.example",
        name: "Obinna Anyanwu",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("fenby-advocacy", OrgRole::SafeguardingLead)],
    },
    DemoPerson {
        email: "lead.sunnybank-childrens-centre@demo.example",
        name: "Tabitha Greaves",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("sunnybank-childrens-centre", OrgRole::SafeguardingLead)],
    },
    DemoPerson {
        email: "lead.crossways-ap@demo.example",
        name: "Eitan Halevy",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("crossways-ap", OrgRole::SafeguardingLead)],
    },
    DemoPerson {
        email: "lead.marsham-reparation@demo.example",
        name: "Lowri Cadwallader",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("marsham-reparation", OrgRole::SafeguardingLead)],
    },
    DemoPerson {
        email: "lead.vale-secure-transport@demo.example",
        name: "Bartholomew Sayle",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("vale-secure-transport", OrgRole::SafeguardingLead)],
    },
    DemoPerson {
        email: "lead.second-chances@demo.example",
        name: "Ines Carvalho",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("second-chances", OrgRole::SafeguardingLead)],
    },
    DemoPerson {
        email: "lead.st-aldhelms-fenby@demo.example",
        name: "Clement Fairweather",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("st-aldhelms-fenby", OrgRole::SafeguardingLead)],
    },
    DemoPerson {
        email: "lead.hollinbrook-central-mosque@demo.example",
        name: "Yusuf Rahmani",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("hollinbrook-central-mosque", OrgRole::SafeguardingLead)],
    },
    DemoPerson {
        email: "lead.marsham-gurdwara@demo.example",
        name: "Harjinder Bains",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("marsham-gurdwara", OrgRole::SafeguardingLead)],
    },
    DemoPerson {
        email: "lead.diocese-kestrel-fen@demo.example",
        name: "Philippa Wetherell",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("diocese-kestrel-fen", OrgRole::SafeguardingLead)],
    },
    DemoPerson {
        email: "lead.hollinbrook-rovers@demo.example",
        name: "Gareth Sowerby",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("hollinbrook-rovers", OrgRole::SafeguardingLead)],
    },
    DemoPerson {
        email: "lead.marsham-swimming@demo.example",
        name: "Joanna Feltwell",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("marsham-swimming", OrgRole::SafeguardingLead)],
    },
    DemoPerson {
        email: "lead.kestrel-boxing@demo.example",
        name: "Marcus Oyelaran",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("kestrel-boxing", OrgRole::SafeguardingLead)],
    },
    DemoPerson {
        email: "lead.fenby-walking-football@demo.example",
        name: "Terence Mabbott",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("fenby-walking-football", OrgRole::SafeguardingLead)],
    },
    DemoPerson {
        email: "lead.rowan-tree-preschool@demo.example",
        name: "Hollie Brackenridge",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("rowan-tree-preschool", OrgRole::SafeguardingLead)],
    },
    DemoPerson {
        email: "lead.marsham-childminders@demo.example",
        name: "Samira El-Amin",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("marsham-childminders", OrgRole::SafeguardingLead)],
    },
    DemoPerson {
        email: "lead.little-wrens-playgroup@demo.example",
        name: "Bethan Yardley",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("little-wrens-playgroup", OrgRole::SafeguardingLead)],
    },
    DemoPerson {
        email: "lead.brightpath@demo.example",
        name: "Aurelia Whitcombe",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("brightpath", OrgRole::SafeguardingLead)],
    },
    DemoPerson {
        email: "contributor.brightpath@demo.example",
        name: "Nnamdi Okafor",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("brightpath", OrgRole::Contributor)],
    },
    DemoPerson {
        email: "signoff.brightpath@demo.example",
        name: "Lucinda Merriweather",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("brightpath", OrgRole::SeniorSignOff)],
    },
    DemoPerson {
        email: "lead.open-door-food-bank@demo.example",
        name: "Stanislav Horak",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("open-door-food-bank", OrgRole::SafeguardingLead)],
    },
    DemoPerson {
        email: "lead.eastwick-mens-shed@demo.example",
        name: "Desmond Appleyard",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("eastwick-mens-shed", OrgRole::SafeguardingLead)],
    },
    DemoPerson {
        email: "lead.kestrel-carers-centre@demo.example",
        name: "Maureen Ogilvie",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("kestrel-carers-centre", OrgRole::SafeguardingLead)],
    },
    DemoPerson {
        email: "lead.kestrel-taxi-association@demo.example",
        name: "Arif Kassam",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("kestrel-taxi-association", OrgRole::SafeguardingLead)],
    },
    DemoPerson {
        email: "lead.al-noor-supplementary@demo.example",
        name: "Maryam Siddiq",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("al-noor-supplementary", OrgRole::SafeguardingLead)],
    },
    DemoPerson {
        email: "lead.hollinbrook-night-shelter@demo.example",
        name: "Jonah Feathers",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("hollinbrook-night-shelter", OrgRole::SafeguardingLead)],
    },
    DemoPerson {
        email: "lead.fenmarsh-hospice@demo.example",
        name: "Cressida Holroyd",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("fenmarsh-hospice", OrgRole::SafeguardingLead)],
    },
    DemoPerson {
        email: "lead.eastwick-town-council@demo.example",
        name: "Roderick Penhale",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[("eastwick-town-council", OrgRole::SafeguardingLead)],
    },
    // People who hold several roles.
    // Admin of both Kestrel Vale partnerships: one business unit serves the two.
    DemoPerson {
        email: "multi.business-unit@demo.example",
        name: "Annika Hobday",
        platform_admin: false,
        partnership_roles: &[("kestrel", PartnershipRole::Admin), ("kestrel-adults", PartnershipRole::Admin)],
        org_roles: &[],
    },
    // Analyst shared by the two adults boards.
    DemoPerson {
        email: "multi.analyst@demo.example",
        name: "Bilal Mirza",
        platform_admin: false,
        partnership_roles: &[
            ("kestrel-adults", PartnershipRole::Analyst),
            ("fenby", PartnershipRole::Analyst),
        ],
        org_roles: &[],
    },
    // Panel member in Hollinbrook who also contributes to a charity's return.
    DemoPerson {
        email: "multi.panel@demo.example",
        name: "Catriona Drysdale",
        platform_admin: false,
        partnership_roles: &[("hollinbrook", PartnershipRole::PanelMember)],
        org_roles: &[("brightpath", OrgRole::Contributor)],
    },
    // Safeguarding lead of two small Fenby groups.
    DemoPerson {
        email: "multi.leads@demo.example",
        name: "Godfrey Ollerenshaw",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[
            ("fenby-walking-football", OrgRole::SafeguardingLead),
            ("eastwick-mens-shed", OrgRole::SafeguardingLead),
        ],
    },
    // Signs off the hospital trust's return and sits on the adults board's panel.
    DemoPerson {
        email: "multi.hospital@demo.example",
        name: "Adaeze Umeh",
        platform_admin: false,
        partnership_roles: &[("kestrel-adults", PartnershipRole::PanelMember)],
        org_roles: &[("kestrel-vale-hospitals", OrgRole::SeniorSignOff)],
    },
    // Runs a pre-school and helps the primary school next door with its return.
    DemoPerson {
        email: "multi.early-years@demo.example",
        name: "Felicity Marchbank",
        platform_admin: false,
        partnership_roles: &[],
        org_roles: &[
            ("rowan-tree-preschool", OrgRole::SafeguardingLead),
            ("harrowfield-primary", OrgRole::Contributor),
        ],
    },
];

/// Requests waiting for a partnership admin's decision.
pub const JOIN_REQUESTS: &[DemoJoinRequest] = &[
    DemoJoinRequest { organisation: "crossways-ap", partnership: "kestrel" },
    DemoJoinRequest { organisation: "brightwater-home-care", partnership: "kestrel-adults" },
    DemoJoinRequest { organisation: "greystone-housing", partnership: "hollinbrook" },
    DemoJoinRequest { organisation: "open-door-food-bank", partnership: "hollinbrook" },
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn partnership(slug: &str) -> Option<&'static DemoPartnership> {
        PARTNERSHIPS.iter().find(|p| p.slug == slug)
    }

    fn organisation(slug: &str) -> Option<&'static DemoOrganisation> {
        ORGANISATIONS.iter().find(|o| o.slug == slug)
    }

    fn person(email: &str) -> Option<&'static DemoPerson> {
        PEOPLE.iter().find(|p| p.email == email)
    }

    /// Bodies that work only with children, which have no place on an adults board.
    fn serves_children_only(org: &DemoOrganisation) -> bool {
        matches!(org.sector, Sector::Education | Sector::EarlyYears | Sector::YouthJustice)
    }

    #[test]
    fn the_five_partnerships_are_as_specified() {
        let expected = [
            (
                "kestrel",
                "Kestrel Vale Safeguarding Children Partnership",
                "Kestrel Vale",
                PartnershipKind::Children,
            ),
            (
                "kestrel-adults",
                "Kestrel Vale Safeguarding Adults Board",
                "Kestrel Vale",
                PartnershipKind::Adults,
            ),
            ("hollinbrook", "Hollinbrook Safeguarding Partnership", "Hollinbrook", PartnershipKind::Joint),
            ("marsham", "Marsham Safeguarding Children Partnership", "Marsham", PartnershipKind::Children),
            (
                "fenby",
                "Eastwick and Fenby Safeguarding Adults Board",
                "Eastwick and Fenby",
                PartnershipKind::Adults,
            ),
        ];
        assert_eq!(PARTNERSHIPS.len(), expected.len());
        for (slug, name, area, kind) in expected {
            let p = partnership(slug).unwrap_or_else(|| panic!("missing partnership {slug}"));
            assert_eq!((p.name, p.area, p.kind), (name, area, kind), "{slug}");
        }
    }

    #[test]
    fn slugs_are_unique() {
        let mut seen = HashSet::new();
        for p in PARTNERSHIPS {
            assert!(seen.insert(p.slug), "duplicate partnership slug {}", p.slug);
        }
        let mut seen = HashSet::new();
        for o in ORGANISATIONS {
            assert!(seen.insert(o.slug), "duplicate organisation slug {}", o.slug);
        }
    }

    #[test]
    fn every_area_is_a_listed_partnership() {
        for o in ORGANISATIONS {
            assert!(!o.areas.is_empty(), "{} serves no area", o.slug);
            let mut seen = HashSet::new();
            for area in o.areas {
                assert!(partnership(area).is_some(), "{} serves unknown area {area}", o.slug);
                assert!(seen.insert(area), "{} lists {area} twice", o.slug);
            }
        }
    }

    #[test]
    fn every_sector_and_duty_status_is_used() {
        for sector in Sector::ALL {
            assert!(ORGANISATIONS.iter().any(|o| o.sector == *sector), "no organisation in sector {sector}");
        }
        for duty in DutyStatus::ALL {
            assert!(ORGANISATIONS.iter().any(|o| o.duty == *duty), "no organisation with duty status {duty}");
        }
    }

    #[test]
    fn about_sixty_organisations_and_at_least_twelve_serve_several_areas() {
        assert!((55..=70).contains(&ORGANISATIONS.len()));
        let multi = ORGANISATIONS.iter().filter(|o| o.areas.len() >= 2).count();
        assert!(multi >= 12, "only {multi} organisations serve two or more areas");
    }

    #[test]
    fn the_police_force_serves_four_areas() {
        let police = organisation("police").expect("police is listed");
        assert_eq!(police.name, "Kestrel Vale and Marsham Police");
        assert_eq!(police.sector, Sector::Police);
        assert_eq!(police.duty, DutyStatus::Statutory);
        assert_eq!(police.areas, ["kestrel", "kestrel-adults", "marsham", "hollinbrook"]);
    }

    #[test]
    fn childrens_only_bodies_stay_out_of_adults_boards() {
        let adults_board = |slug: &str| partnership(slug).is_some_and(|p| p.kind == PartnershipKind::Adults);
        for o in ORGANISATIONS.iter().filter(|o| serves_children_only(o)) {
            for area in o.areas {
                assert!(!adults_board(area), "{} serves adults board {area}", o.slug);
            }
        }
        for r in JOIN_REQUESTS {
            let org = organisation(r.organisation).expect("listed organisation");
            assert!(
                !(serves_children_only(org) && adults_board(r.partnership)),
                "{} asks to join adults board {}",
                r.organisation,
                r.partnership
            );
        }
    }

    #[test]
    fn emails_are_unique_and_on_the_demo_domain() {
        let mut seen = HashSet::new();
        for p in PEOPLE {
            assert!(seen.insert(p.email), "duplicate email {}", p.email);
            let local = p.email.strip_suffix("@demo.example");
            assert!(
                local.is_some_and(|l| !l.is_empty() && !l.contains('@')),
                "{} is not a demo.example address",
                p.email
            );
            assert!(!p.name.trim().is_empty(), "{} has no name", p.email);
        }
    }

    #[test]
    fn every_role_points_at_a_listed_partnership_or_organisation() {
        for p in PEOPLE {
            for (slug, _) in p.partnership_roles {
                assert!(partnership(slug).is_some(), "{} has a role in unknown partnership {slug}", p.email);
            }
            for (slug, _) in p.org_roles {
                assert!(
                    organisation(slug).is_some(),
                    "{} has a role in unknown organisation {slug}",
                    p.email
                );
            }
            assert!(
                p.platform_admin || !p.partnership_roles.is_empty() || !p.org_roles.is_empty(),
                "{} holds no role at all",
                p.email
            );
        }
    }

    #[test]
    fn only_the_platform_admin_is_platform_admin() {
        let admins: Vec<_> = PEOPLE.iter().filter(|p| p.platform_admin).collect();
        assert_eq!(admins.len(), 1);
        assert_eq!(admins[0].email, "admin@demo.example");
    }

    #[test]
    fn every_partnership_has_an_admin_an_analyst_and_a_panel_member() {
        for p in PARTNERSHIPS {
            for (prefix, role) in [
                ("admin", PartnershipRole::Admin),
                ("analyst", PartnershipRole::Analyst),
                ("panel", PartnershipRole::PanelMember),
            ] {
                let email = format!("{prefix}.{}@demo.example", p.slug);
                let holder = person(&email).unwrap_or_else(|| panic!("missing {email}"));
                assert!(holder.partnership_roles.contains(&(p.slug, role)), "{email} lacks its role");
            }
        }
    }

    #[test]
    fn every_organisation_has_a_lead() {
        for o in ORGANISATIONS {
            let email = format!("lead.{}@demo.example", o.slug);
            let lead = person(&email).unwrap_or_else(|| panic!("missing {email}"));
            assert!(lead.org_roles.contains(&(o.slug, OrgRole::SafeguardingLead)), "{email} is not the lead");
        }
    }

    #[test]
    fn larger_organisations_have_a_contributor_and_a_senior_sign_off() {
        let holds = |prefix: &str, slug: &str, role: OrgRole| {
            person(&format!("{prefix}.{slug}@demo.example"))
                .is_some_and(|p| p.org_roles.contains(&(slug, role)))
        };
        let full: Vec<_> = ORGANISATIONS
            .iter()
            .filter(|o| {
                holds("contributor", o.slug, OrgRole::Contributor)
                    && holds("signoff", o.slug, OrgRole::SeniorSignOff)
            })
            .map(|o| o.slug)
            .collect();
        assert!(full.contains(&"police"));
        assert!(full.len() >= 15, "only {} organisations have a full team", full.len());
    }

    #[test]
    fn some_people_hold_several_roles() {
        let multi: Vec<_> =
            PEOPLE.iter().filter(|p| p.partnership_roles.len() + p.org_roles.len() >= 2).collect();
        assert!(multi.iter().all(|p| p.email.starts_with("multi.")));
        let count_partnership =
            |p: &DemoPerson, role| p.partnership_roles.iter().filter(|(_, r)| *r == role).count();
        let count_org = |p: &DemoPerson, role| p.org_roles.iter().filter(|(_, r)| *r == role).count();
        assert!(multi.iter().any(|p| count_partnership(p, PartnershipRole::Analyst) >= 2));
        assert!(multi.iter().any(|p| count_org(p, OrgRole::SafeguardingLead) >= 2));
        assert!(multi.iter().any(|p| {
            count_partnership(p, PartnershipRole::PanelMember) >= 1 && count_org(p, OrgRole::Contributor) >= 1
        }));
    }

    #[test]
    fn join_requests_are_for_areas_not_yet_served() {
        assert!((3..=4).contains(&JOIN_REQUESTS.len()));
        let mut seen = HashSet::new();
        for r in JOIN_REQUESTS {
            assert!(seen.insert((r.organisation, r.partnership)), "duplicate join request");
            let org = organisation(r.organisation)
                .unwrap_or_else(|| panic!("unknown organisation {}", r.organisation));
            assert!(partnership(r.partnership).is_some(), "unknown partnership {}", r.partnership);
            assert!(
                !org.areas.contains(&r.partnership),
                "{} already serves {}",
                r.organisation,
                r.partnership
            );
        }
        assert!(JOIN_REQUESTS.iter().any(|r| r.partnership == "kestrel"));
    }
}
