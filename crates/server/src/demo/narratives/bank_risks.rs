//! The demo's sentences about specific risks (neglect, domestic abuse, exploitation,
//! online safety, radicalisation, harmful practices, mental capacity) and about
//! assurance: audit and data, learning from reviews, and impact. Written for this
//! demo; placeholders are filled by [`super::Voice`].

use super::{Lines, Topic};

pub(super) const BANK: &[(Topic, Lines)] = &[
    (
        Topic::Neglect,
        Lines {
            met: &[
                "{staff} use the neglect assessment tool agreed with {arrangements}, and our audit found it used in every case where neglect was a worry; in two cases it showed long-term neglect that single incidents had hidden.",
                "Recognising neglect, including self-neglect, is part of every safeguarding course, and {staff} could describe the signs in our spot checks; concerns are now referred earlier than two years ago.",
            ],
            partly: &[
                "{staff} recognise obvious abuse, but our audit found cumulative neglect was missed because each worry was looked at on its own.",
                "The neglect tool is available, but fewer than half of {staff} have been shown how to use it, and it was used in only a few of the cases where it would have helped.",
            ],
            not_met: &[
                "We have no agreed approach to neglect and {staff} have not been trained to recognise it. {lead} will bring in the neglect tool of {arrangements} and train every team by the summer.",
                "Concerns about neglect are not recorded in a way that shows a pattern over time. A chronology for each open case will be introduced from next quarter.",
            ],
        },
    ),
    (
        Topic::DomesticAbuse,
        Lines {
            met: &[
                "{staff} ask routinely about domestic abuse, use the local risk assessment tool, and referred every high-risk case to MARAC last year; a domestic abuse champion supports each team.",
                "Our audit of domestic abuse cases found risk assessed and safety plans in place, and that the needs of everyone in the household, not only the victim, were considered.",
            ],
            partly: &[
                "High-risk domestic abuse is referred to MARAC, but the risk assessment tool is used inconsistently, and some cases were assessed as lower risk without one.",
                "{staff} recognise physical domestic abuse, but are less confident about coercive control and about abuse of older and disabled people.",
            ],
            not_met: &[
                "{staff} do not use a risk assessment tool for domestic abuse and none have been trained to refer to MARAC. Training with the local domestic abuse service is booked for next quarter.",
                "We do not ask about domestic abuse at all. A routine question and a referral route will be added to our assessments from next month.",
            ],
        },
    ),
    (
        Topic::Exploitation,
        Lines {
            met: &[
                "{staff} are trained to recognise criminal and sexual exploitation, county lines and cuckooing, and use the local screening tool; we share information about places and people of concern with the police each month.",
                "When someone goes missing we follow the local procedure, offer a return conversation and screen for exploitation; the police told us our information helped disrupt one county lines group.",
            ],
            partly: &[
                "{staff} recognise sexual exploitation, but were less sure about criminal exploitation and county lines, and the screening tool is used only by some teams.",
                "Missing episodes are reported, but return conversations are offered in only about half of cases.",
            ],
            not_met: &[
                "{staff} have had no training on exploitation and do not know the local screening tool. {lead} has booked the partnership's exploitation training for every team in the spring.",
                "We do not pass on what we learn about places and people of concern. An information-sharing route with the police will be agreed next quarter.",
            ],
        },
    ),
    (
        Topic::OnlineSafety,
        Lines {
            met: &[
                "Online safety is taught to {people} every term, filtering and monitoring were reviewed this year by {lead}, and the digital services we provide were checked for safety by design.",
                "{staff} understand online harms, including grooming and harmful content, and our online safety policy was updated after {people} told us which apps worry them; we use group channels, never private messages.",
            ],
            partly: &[
                "Online safety is covered at induction, but {staff} told us they do not feel confident about newer harms such as sextortion, and filtering has not been reviewed this year.",
                "Our online safety rules are sensible, but {people} and parents have not been told them, and some {staff} still message individually.",
            ],
            not_met: &[
                "We have no online safety policy and nobody checks how we contact {people} online. {lead} is writing one and will brief everyone within three months.",
                "Filtering and monitoring have never been reviewed and nobody is responsible for them. {lead} will take this on and complete a review next term.",
            ],
        },
    ),
    (
        Topic::Prevent,
        Lines {
            met: &[
                "Every member of {staff} has completed Prevent awareness training, and {lead} advised on two concerns about radicalisation last year, one of which led to a Prevent referral.",
                "{staff} could describe the signs of radicalisation in our spot checks and knew the referral route; the Prevent duty is covered in our policy and reviewed each year.",
            ],
            partly: &[
                "Most {staff} have done Prevent training, but the newer half of the team has not, and few knew how to make a referral.",
                "The Prevent duty is in our policy, but it has not been explained to {staff} since it was written.",
            ],
            not_met: &[
                "{staff} have had no Prevent training and do not know how to raise a concern about radicalisation. Online Prevent training will be completed by everyone within three months.",
                "The Prevent duty is not mentioned in our policy or procedures. {lead} will add it and brief every team next quarter.",
            ],
        },
    ),
    (
        Topic::HarmfulPractices,
        Lines {
            met: &[
                "{staff} know the signs of female genital mutilation, forced marriage and so-called honour-based abuse, and our procedure sets out the duty to report FGM to the police; {lead} gave advice on one case last year.",
                "We worked with local community leaders on a briefing about harmful practices, and {staff} who attended said they now feel able to raise the subject with families.",
            ],
            partly: &[
                "{staff} know about FGM, but were unsure about forced marriage and abuse linked to faith or belief.",
                "Our procedure covers harmful practices, but it does not explain the mandatory duty to report FGM.",
            ],
            not_met: &[
                "Harmful practices are not covered in our procedures or training. {lead} will add them and arrange a briefing with the partnership next quarter.",
                "{staff} have never been told about the duty to report FGM. A briefing and a short guide for every team are planned for the spring.",
            ],
        },
    ),
    (
        Topic::MentalCapacity,
        Lines {
            met: &[
                "{staff} apply the principles of the Mental Capacity Act; our audit found capacity assessed for specific decisions and the reasons recorded, and best interests decisions involved families and advocates.",
                "Our practice leads for mental capacity review a sample of assessments each quarter, and since the last review {staff} record how they reached their view much more clearly.",
            ],
            partly: &[
                "Capacity is assessed, but our audit found assessments often general rather than for a specific decision, and best interests decisions sometimes left unrecorded.",
                "{staff} understand the principles, but are less sure how the rules differ between younger people and adults.",
            ],
            not_met: &[
                "{staff} do not assess or record mental capacity, even when there is reason to doubt it. Training and a recording form will be in place by the end of next quarter.",
                "Nobody oversees how we apply the Mental Capacity Act. {lead} will take this on and audit a sample of cases in six months.",
            ],
        },
    ),
    (
        Topic::QualityAssurance,
        Lines {
            met: &[
                "We audit safeguarding practice every quarter, including case file and thematic audits, and each finding becomes an action that {lead} tracks to completion; the last audit showed improvement in eight of ten areas.",
                "Safeguarding data is reported to {board} every quarter and analysed by age, sex, ethnicity and disability; it showed fewer referrals from one team, which we have since addressed.",
            ],
            partly: &[
                "We audit case files each year, but the last audit found records missing key decisions and its actions have not been followed up.",
                "We collect safeguarding data, but only as counts; it is not analysed for trends or for which groups we reach, and is rarely shared with {arrangements}.",
            ],
            not_met: &[
                "We do not audit safeguarding practice. {lead} has agreed an audit programme with {board}, starting with a case file audit next quarter.",
                "We keep no safeguarding data beyond a list of referrals. A small data set, reported to {board} each quarter, will start in the new year.",
            ],
        },
    ),
    (
        Topic::LearningFromReviews,
        Lines {
            met: &[
                "Learning from local and national reviews is shared through short briefings, and {staff} could describe the changes we made after the last review; we provided chronologies and attended practitioner events when asked.",
                "We learn from what goes well as well as from mistakes: good practice found in audits is shared at team meetings and with {arrangements}.",
            ],
            partly: &[
                "Review findings are circulated by email, but we have not checked whether they changed practice, and {staff} we asked could not recall the latest ones.",
                "We take part in reviews when asked, but our chronologies were late for one review this year.",
            ],
            not_met: &[
                "We have no way of sharing learning from reviews with {staff}. {lead} will start a quarterly learning briefing next month.",
                "We have not taken part in any review, and nobody is responsible for doing so. {lead} has agreed to be the contact for {arrangements} from now on.",
            ],
        },
    ),
    (
        Topic::Impact,
        Lines {
            met: &[
                "We can show impact as well as activity: since our new approach, repeat referrals about the same {people} have fallen by a fifth, and {people} told us they felt listened to.",
                "All but one action from our previous self-assessment is complete, and {board} has seen evidence of the difference each has made; the remaining action is explained and due next quarter.",
            ],
            partly: &[
                "We report what we do, such as numbers trained and referrals made, but cannot yet show what difference it makes for {people}.",
                "Most actions from our previous self-assessment are complete, but three are overdue and {board} has not been told why.",
            ],
            not_met: &[
                "We have no measures of the difference our safeguarding work makes. {lead} will agree two or three outcome measures with {board} by the summer.",
                "Actions from our previous self-assessment have not been tracked, so we cannot say which were completed. They are now in our action plan with owners and dates.",
            ],
        },
    ),
];
