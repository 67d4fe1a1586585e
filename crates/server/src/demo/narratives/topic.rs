//! Which topic a criterion asks about, read from its question (and, failing that, its
//! standard's title), so the demo's narrative can answer it. The rules are an ordered
//! list of phrases: the first rule with a phrase in the text wins, so the narrower
//! topics (allegations, whistleblowing, online safety) come before the broad ones
//! (training, policy, leadership) whose words they often share.

/// What a criterion is about, as far as the demo's words go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Topic {
    Leadership,
    DesignatedLead,
    Policy,
    Whistleblowing,
    Complaints,
    SaferRecruitment,
    Allegations,
    Training,
    Supervision,
    InformationSharing,
    Referrals,
    Escalation,
    RecordKeeping,
    Voice,
    EarlyHelp,
    Transitions,
    Equality,
    Commissioning,
    SafeActivities,
    Neglect,
    DomesticAbuse,
    Exploitation,
    OnlineSafety,
    Prevent,
    HarmfulPractices,
    MentalCapacity,
    QualityAssurance,
    LearningFromReviews,
    Impact,
    /// Nothing in the question names a topic the demo has words for.
    General,
}

impl Topic {
    #[cfg(test)]
    pub const ALL: &'static [Topic] = &[
        Topic::Leadership,
        Topic::DesignatedLead,
        Topic::Policy,
        Topic::Whistleblowing,
        Topic::Complaints,
        Topic::SaferRecruitment,
        Topic::Allegations,
        Topic::Training,
        Topic::Supervision,
        Topic::InformationSharing,
        Topic::Referrals,
        Topic::Escalation,
        Topic::RecordKeeping,
        Topic::Voice,
        Topic::EarlyHelp,
        Topic::Transitions,
        Topic::Equality,
        Topic::Commissioning,
        Topic::SafeActivities,
        Topic::Neglect,
        Topic::DomesticAbuse,
        Topic::Exploitation,
        Topic::OnlineSafety,
        Topic::Prevent,
        Topic::HarmfulPractices,
        Topic::MentalCapacity,
        Topic::QualityAssurance,
        Topic::LearningFromReviews,
        Topic::Impact,
        Topic::General,
    ];
}

/// The rules, in the order they are tried. Phrases are lower case and matched anywhere
/// in the lower-cased text.
const RULES: &[(Topic, &[&str])] = &[
    // Children and adults shaping services may mention staff recruitment or
    // commissioning: it is still about their voice.
    (Topic::LearningFromReviews, &["describe one change"]),
    (Topic::Commissioning, &["contracts require"]),
    (
        Topic::Leadership,
        &[
            "the partnership works with",
            "significant changes",
            "receives a safeguarding report",
            "receives a report",
            "takes an active part",
        ],
    ),
    (Topic::QualityAssurance, &["is audited regularly"]),
    (Topic::Exploitation, &["groomed or exploited"]),
    // Duties the demo has no words of their own for: its general sentences fit them.
    (
        Topic::General,
        &["misses a health appointment", "safer sleep", "police custody", "multiple disadvantage"],
    ),
    (
        Topic::Voice,
        &["help shape", "help design", "co-production", "lived experience", "involved in shaping"],
    ),
    (
        Topic::Allegations,
        &[
            "allegation",
            "lado",
            "designated officer",
            "position of trust",
            "positions of trust",
            "pipot",
            "harm threshold",
            "low-level concern",
            "disclosure and barring service anyone",
            "closed culture",
            "adult in our group behaves",
        ],
    ),
    (Topic::Whistleblowing, &["whistleblowing", "speaking up", "concern about how things are done"]),
    (
        Topic::Complaints,
        &["complaints procedure", "how to complain", "worry or complaint", "complaint about"],
    ),
    (
        Topic::Policy,
        &[
            "code of conduct",
            "how adults behave",
            "safeguarding policy",
            "policies make clear",
            "safeguarding policies",
            "our policy",
            "procedures follow",
            "multi-agency procedures",
            "multi-agency safeguarding procedures",
            "multi-agency adult safeguarding policy",
            "arrangements are published",
            "six safeguarding principles",
        ],
    ),
    (Topic::OnlineSafety, &["online", "filtering"]),
    (
        Topic::SaferRecruitment,
        &[
            "recruitment",
            "criminal record",
            "barred list",
            "single central record",
            "checked to the same standard",
            "checks are back",
            "find out about them",
        ],
    ),
    (Topic::Commissioning, &["contract", "procurement", "commissioned", "commissioner", "provider"]),
    (Topic::Prevent, &["prevent duty", "radicalisation"]),
    (Topic::HarmfulPractices, &["genital mutilation", "forced marriage", "honour"]),
    (Topic::Supervision, &["supervision", "debriefing", "talk to someone after"]),
    (
        Topic::DesignatedLead,
        &[
            "designated safeguarding lead",
            "safeguarding lead and",
            "lead for adult safeguarding",
            "named safeguarding leads",
            "professional roles",
            "safeguarding lead has",
        ],
    ),
    (Topic::Training, &["training", "induction", "when they start"]),
    (Topic::MentalCapacity, &["mental capacity", "best interests", "decision-making", "gillick"]),
    (
        Topic::InformationSharing,
        &[
            "share information",
            "sharing information",
            "information-sharing",
            "requests for information",
            "responds promptly to requests",
            "data protection",
        ],
    ),
    (
        Topic::Transitions,
        &[
            "after 18",
            "adult services",
            "move to adult",
            "transition",
            "moving from children's to adults'",
            "care leavers are",
            "16 to 25",
        ],
    ),
    (Topic::Escalation, &["escalation", "disagreement", "challenge, respectfully", "not happy with how"]),
    (Topic::RecordKeeping, &["records are", "records allow", "write down worries"]),
    (
        Topic::EarlyHelp,
        &[
            "early help",
            "think family",
            "children in their lives",
            "children in the household",
            "whole family",
            "carers may need",
            "young carers",
            "care and support needs of their own",
            "multi-agency planning",
            "homeless 16 and 17",
        ],
    ),
    (Topic::Neglect, &["neglect", "hoarding"]),
    (Topic::DomesticAbuse, &["domestic abuse"]),
    (
        Topic::Exploitation,
        &[
            "exploitation",
            "exploited",
            "county lines",
            "go missing",
            "outside the family home",
            "peer groups",
            "groomed",
        ],
    ),
    (
        Topic::Referrals,
        &[
            "referral",
            "front door",
            "threshold",
            "raise a safeguarding concern",
            "report a concern",
            "children's social care",
            "worried about a child",
            "privately fostered",
        ],
    ),
    (
        Topic::Impact,
        &[
            "difference its",
            "improved outcomes",
            "impact",
            "previous section 11",
            "previous self-assessment",
            "actions arising",
        ],
    ),
    (
        Topic::Voice,
        &[
            "views",
            "outcomes they wanted",
            "feedback",
            "speak to children",
            "what they want",
            "advocate",
            "communicating",
            "ask children",
            "who they can talk to",
            "making safeguarding personal",
            "tells them something",
        ],
    ),
    (Topic::QualityAssurance, &["audit", "data", "analysed", "percentage of invited"]),
    (Topic::Equality, &["ethnicity", "bias", "communities it serves", "disabled children"]),
    (Topic::LearningFromReviews, &["reviews", "learning", "learns", "good practice"]),
    (Topic::SafeActivities, &["activities and trips", "other people's premises"]),
    (
        Topic::Leadership,
        &[
            "board",
            "senior leadership",
            "accountable",
            "priorit",
            "business plan",
            "risk register",
            "contribution",
            "represented",
            "budget",
            "scrutiny",
            "leaders",
            "significant changes",
            "in charge",
            "responsibility",
            "subgroups",
            "executive",
            "lead safeguarding partners",
            "relevant agencies",
        ],
    ),
];

/// Whether `phrase` starts a word somewhere in `text` ("views" is not in "reviews").
fn names(text: &str, phrase: &str) -> bool {
    text.match_indices(phrase)
        .any(|(at, _)| !text[..at].chars().next_back().is_some_and(char::is_alphanumeric))
}

fn first_rule(text: &str) -> Option<Topic> {
    let text = text.to_lowercase();
    RULES.iter().find(|(_, phrases)| phrases.iter().any(|p| names(&text, p))).map(|(topic, _)| *topic)
}

/// The topic of a criterion: what its question names, else what its standard's title
/// names, else [`Topic::General`].
pub fn topic_of(standard_title: &str, question: &str) -> Topic {
    first_rule(question).or_else(|| first_rule(standard_title)).unwrap_or(Topic::General)
}
