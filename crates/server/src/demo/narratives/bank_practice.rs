//! The demo's sentences about everyday practice: sharing information, referrals,
//! escalation, records, the voice of the people served, whole-family working and early
//! help, transitions, equality, commissioning and safe activities. Written for this
//! demo; placeholders are filled by [`super::Voice`].

use super::{Lines, Topic};

pub(super) const BANK: &[(Topic, Lines)] = &[
    (
        Topic::InformationSharing,
        Lines {
            met: &[
                "We have signed the local information-sharing agreement, and {staff} know that worries about data protection must not stop them sharing to keep {people} safe; a case audit found sharing decisions and reasons recorded every time.",
                "Requests for information from {arrangements} are answered within the agreed timescale, and we sent the right people to every strategy discussion we were invited to this year.",
            ],
            partly: &[
                "Information is shared promptly, but our audit found records of the decision to share and its reasons were missing in some cases.",
                "{staff} share information readily within the service, but several told us they hesitate to share with other agencies without consent, even when a risk is clear.",
            ],
            not_met: &[
                "We have not yet signed the local information-sharing agreement and have no guidance of our own for {staff}. {lead} has asked {arrangements} for the agreement and will bring it to {board} next month.",
                "Requests for information for safeguarding enquiries are often answered late because nobody owns them. From next quarter {lead} will log and track every request.",
            ],
        },
    ),
    (
        Topic::Referrals,
        Lines {
            met: &[
                "Referrals are made in line with the local threshold guidance; our audit of twenty referrals found each one clear and complete, and every referral without feedback was followed up within a week.",
                "{staff} know how to raise a concern day or night, and the numbers for the front door and out of hours are on every team's notice board; the front door rated our referrals good at its last review.",
            ],
            partly: &[
                "Referrals are made promptly, but the front door told us some of ours lack the detail it needs to decide, and few are followed up when no feedback comes back.",
                "Most {staff} know how to make referrals in office hours, but newer staff were unsure what to do at night or at weekends.",
            ],
            not_met: &[
                "We have no agreed route for referrals: {staff} pass concerns to a manager, who decides alone whether to refer. {lead} is writing a referral procedure that follows the local thresholds, ready next quarter.",
                "We cannot show that our referrals are made or followed up, as none are logged. A referral log, checked monthly by {lead}, starts next month.",
            ],
        },
    ),
    (
        Topic::Escalation,
        Lines {
            met: &[
                "{staff} know the escalation procedure of {arrangements} and used it four times last year; each use is logged, and two led to a better plan for the person concerned. Managers support staff who escalate.",
                "Staff told us they feel able to challenge decisions by other agencies and their own managers, and know how to escalate when a referral is not acted on; {lead} reviews every escalation for learning.",
            ],
            partly: &[
                "Experienced {staff} escalate with confidence, but newer staff were unsure when to escalate, and escalations are not recorded in one place.",
                "The escalation procedure is known, but we do not follow up on escalations that stall, so two last year were left unresolved.",
            ],
            not_met: &[
                "{staff} do not know the escalation procedure and told us they would not escalate a disagreement with another agency. {lead} will brief every team and log escalations from next month.",
                "No escalations have been recorded in two years, and we think disagreements are not being raised. Briefings on when and how to escalate are booked for every team in the spring.",
            ],
        },
    ),
    (
        Topic::RecordKeeping,
        Lines {
            met: &[
                "Quarterly audits of case records show concerns about {people} are recorded the same day, with the decision, the reason and who made it; the last audit found no gaps.",
                "Records are kept on one secure system, show the person's own words where we have them, and can be read as a chronology; our audit rated nine in ten files good.",
            ],
            partly: &[
                "Concerns are recorded, but our audit found records missing the reasons for decisions in a quarter of files, and some notes were kept on paper outside the system.",
                "Records are secure and timely, but they rarely show what the person said or wanted, so their history is hard to follow.",
            ],
            not_met: &[
                "We have no standard way of recording concerns and some records are missing altogether. A recording template and a monthly check by {lead} start next month.",
                "Concerns about neglect were raised by {staff} but not recorded consistently, so we cannot show what happened next. Recording will be covered in supervision from next quarter.",
            ],
        },
    ),
    (
        Topic::Voice,
        Lines {
            met: &[
                "Feedback from {people} is gathered twice a year and their views are reported to {board}; after the last round we changed how we explain our safeguarding role, and we told them what changed.",
                "{staff} record what {people} tell us in their own words, and a panel of {people} helped us rewrite our leaflets; feedback on the new versions and the views of those who took part were both positive.",
            ],
            partly: &[
                "We ask {people} for their views informally; there is no regular way yet to show how their feedback changes what we do.",
                "Feedback is collected every year, but the views of those who find it hardest to take part, such as people who need an interpreter, are rarely heard.",
            ],
            not_met: &[
                "We do not ask {people} for their views or feedback in any planned way. A short survey, and a way to tell people what changed, will start next term.",
                "The wishes and views of {people} are not recorded, so we cannot show they shape decisions. {lead} will add them to our recording template next month.",
            ],
        },
    ),
    (
        Topic::EarlyHelp,
        Lines {
            met: &[
                "{staff} ask about the whole household, including anyone who depends on the person or cares for them, and offer {help} where it is needed; our audit found this recorded in most cases.",
                "We attend every multi-agency planning meeting we are invited to and led several plans for {help} this year; families told us the plans made sense to them.",
            ],
            partly: &[
                "{staff} know the local offer of {help}, but rarely take the lead professional role, and our audit found the needs of other family members often unrecorded.",
                "We think about the whole family in assessments, but carers are not routinely offered support, and two cases showed a carer's own risk missed.",
            ],
            not_met: &[
                "{staff} do not know the local offer of {help} or how to ask for it. {lead} has booked a briefing from {arrangements} for every team next quarter.",
                "Our assessments look only at the person in front of us, not the rest of the household. A think-family prompt will be added to the assessment form from next month.",
            ],
        },
    ),
    (
        Topic::Transitions,
        Lines {
            met: &[
                "Young people whose safeguarding needs will continue after 18 are identified from 16, and a joint transition meeting with adult services plans each move; none of last year's young people was left without a service.",
                "We agreed a transitions protocol with {arrangements}, and our review of ten young people found plans made early and with the young person's views recorded.",
            ],
            partly: &[
                "Transitions are planned for young people with care needs, but those at risk of exploitation who do not meet adult eligibility are still closed at 18.",
                "Planning for the move to adult services starts, but often only months before the young person turns 18.",
            ],
            not_met: &[
                "We have no way to identify young people whose needs continue past 18, and moves to adult services are unplanned. A transitions protocol is being agreed for the spring.",
                "Young people leave our service at 18 with no handover to adult services. {lead} is setting up a transition panel to start next quarter.",
            ],
        },
    ),
    (
        Topic::Equality,
        Lines {
            met: &[
                "{staff} are trained to talk about identity, culture and faith, and our audit found these recorded and considered in safeguarding decisions; we work with community groups to reach families less likely to ask for help.",
                "Training on bias and adultification is part of our safeguarding course, and case reviews check that disabled people and those from minority communities are protected as well as anyone.",
            ],
            partly: &[
                "Identity is recorded, but rarely shapes the plan, and {staff} told us they are unsure how to discuss culture and faith with families.",
                "We know some communities in our area seldom raise concerns with us, but we have not yet worked out why or what would help.",
            ],
            not_met: &[
                "We do not consider identity, culture or disability in safeguarding decisions, and have no data to show who we reach. {lead} will start recording it and report to {board} in six months.",
                "No work has been done to understand which communities we do not reach. A first piece of engagement with local community leaders is planned for the spring.",
            ],
        },
    ),
    (
        Topic::Commissioning,
        Lines {
            met: &[
                "Every contract and grant agreement includes our safeguarding requirements, bidders' safeguarding answers are scored by {lead}, and providers report serious incidents to us within 24 hours.",
                "Contract managers review each provider's safeguarding return and visit every year; one concern last year led to an improvement plan that the provider has now completed.",
            ],
            partly: &[
                "New contracts include safeguarding clauses, but older contracts do not, and we do not yet monitor providers' safeguarding between renewals.",
                "Providers are required to report incidents, but our review found notifications were filed rather than acted on.",
            ],
            not_met: &[
                "Safeguarding is not assessed when we procure services or monitored afterwards. Standard clauses and a scored safeguarding question will be used from the next procurement.",
                "We do not know which subcontractors deliver our services. A register of providers and subcontractors will be built by the end of the year.",
            ],
        },
    ),
    (
        Topic::SafeActivities,
        Lines {
            met: &[
                "Every trip has a simple risk assessment, enough adults, and consent and emergency contacts from parents; our hire agreement with the hall says in writing who is responsible for safeguarding.",
                "The committee checks activity plans before each event, and after the summer trips parents told us they felt well informed.",
            ],
            partly: &[
                "Trips are risk assessed, but regular weekly sessions are not, and consent forms are not always collected before the activity.",
                "We use a hired hall, but the agreement does not say who is responsible for safeguarding when other groups are there.",
            ],
            not_met: &[
                "We do not plan or risk assess activities in writing. A simple planning form and consent form will be used from next term.",
                "Nothing is agreed in writing with the owners of the premises we use. {lead} will agree responsibilities with them within three months.",
            ],
        },
    ),
];
