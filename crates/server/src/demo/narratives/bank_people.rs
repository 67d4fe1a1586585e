//! The demo's sentences about leadership, policy and the workforce: who is accountable,
//! the lead, policies, speaking up, complaints, safer recruitment, allegations,
//! training and supervision. Written for this demo; placeholders are filled by
//! [`super::Voice`].

use super::{Lines, Topic};

/// For criteria whose subject the demo has no words of its own for.
pub(super) const GENERAL: Lines = Lines {
    met: &[
        "We tested this against our own case files in the spring: {staff} could describe what they do and the records showed it happening, and {board} saw the findings in June.",
        "This is written into our procedures and checked in every case audit; the last two audits found it done in each case sampled, and {lead} reports the results to {board}.",
    ],
    partly: &[
        "The expectation is in our procedures, but our last audit found it followed in only about two thirds of cases, mostly where {lead} was involved directly.",
        "{staff} know what is expected here, but we cannot yet show it happens consistently because it is not recorded in one place.",
    ],
    not_met: &[
        "We have no agreed approach to this yet. {lead} is writing one with {arrangements} and it goes to {board} for approval next quarter.",
        "This is not in our procedures and nobody currently checks it. We have added it to the action plan, with a short audit booked once the guidance is written.",
    ],
};

pub(super) const BANK: &[(Topic, Lines)] = &[
    (Topic::General, GENERAL),
    (
        Topic::Leadership,
        Lines {
            met: &[
                "A named member of {board} holds the safeguarding brief and chairs a quarterly safeguarding meeting; {board} received the annual safeguarding report in March, challenged the rise in concerns and agreed extra resources for the team.",
                "Safeguarding is one of our four strategic priorities and sits on the risk register with named owners. It is reviewed by {board} twice a year, and our representative attends {arrangements} and two of its subgroups.",
            ],
            partly: &[
                "A safeguarding report goes to {board} each year, but it counts activity rather than showing risks or learning, so members have little to challenge; the next report will be rebuilt around risks.",
                "Safeguarding is on the risk register, but the entry has not been reviewed for eighteen months and has no named owner on {board}.",
            ],
            not_met: &[
                "Nobody on {board} is named as accountable for safeguarding, and safeguarding has not been discussed at a meeting this year. The chair has agreed to name a lead member at the next meeting.",
                "There is no safeguarding report to {board} and no safeguarding risk on our register. {lead} will present the first annual report in the autumn, with a risk entry drafted for approval.",
            ],
        },
    ),
    (
        Topic::DesignatedLead,
        Lines {
            met: &[
                "{lead} has protected time for the role, two trained deputies and monthly supervision of their own; {staff} we asked in a spot check all knew who the lead was and how to reach them out of hours.",
                "The lead role is set out in a job description with time allocated, cover is arranged for every absence, and {lead} attends the forums of {arrangements} and shares what they learn with {staff}.",
            ],
            partly: &[
                "We have a named lead, but the deputy post has been vacant since the summer, so there is no cover when {lead} is on leave.",
                "{lead} is named and trained, but the role has no protected time and is fitted around a full workload, which delays advice to {staff}.",
            ],
            not_met: &[
                "We have no named safeguarding lead since the last one left in January; concerns go to whichever manager is on shift. A lead and a deputy will be appointed and trained by the end of next term.",
                "The lead role exists only on paper: it has no time, no deputy and no supervision. {board} has agreed that the role will have two funded days a week from April.",
            ],
        },
    ),
    (
        Topic::Policy,
        Lines {
            met: &[
                "Our safeguarding policy was reviewed and approved by {board} this year, follows the procedures of {arrangements} and links to them rather than copying them; {staff} confirmed in a survey that they know where to find it.",
                "The policy and code of conduct are part of induction, are signed by every new starter and were updated within a month of the latest statutory guidance; a version written for {people} is on our website.",
            ],
            partly: &[
                "The policy exists and is signed off, but it was last reviewed two years ago and still refers to guidance that has since been replaced; the review is booked with {board}.",
                "Our policy is current, but {staff} told us it is long and hard to use in a hurry, and some could not find the procedures of {arrangements} it points to.",
            ],
            not_met: &[
                "We do not have a written policy of our own yet; we rely on the template from {arrangements}. {lead} is adapting it for us, to be approved by {board} next quarter.",
                "The policy we have is out of date and has not been approved by {board}. A new draft is written and will be agreed and shared with {staff} within three months.",
            ],
        },
    ),
    (
        Topic::Whistleblowing,
        Lines {
            met: &[
                "Our speaking up policy names people inside and outside the organisation to go to; three concerns were raised last year, each was investigated and the person who raised it was told the outcome.",
                "{staff} are reminded of the whistleblowing route at induction and every year, and our staff survey shows most feel safe to raise a concern about a colleague or a manager.",
            ],
            partly: &[
                "A whistleblowing policy is in place, but our staff survey found a third of {staff} would not feel safe using it, so we are adding an independent contact.",
                "The policy explains how to raise a concern inside the organisation, but does not say how to go outside it to a regulator or {arrangements}.",
            ],
            not_met: &[
                "We have no whistleblowing or speaking up policy. One is being written from the government's template and will go to {board} next quarter.",
                "There is no safe way for {staff} to raise a concern about a leader; this came up in a recent complaint. An outside contact will be named and publicised by the summer.",
            ],
        },
    ),
    (
        Topic::Complaints,
        Lines {
            met: &[
                "Our complaints procedure has a version written for {people}; every complaint is screened for safeguarding on the day it arrives, and the two that raised a concern last year reached {lead} within hours.",
                "{people} can complain online, by phone or in person, and the complaints log shows each safeguarding complaint passed to {lead} and answered in writing within our timescale.",
            ],
            partly: &[
                "Complaints are handled well, but they are not screened for safeguarding, so a complaint last year that raised a concern took two weeks to reach {lead}.",
                "The procedure exists, but it is only in English and only on our website; {people} we spoke to did not know how to use it.",
            ],
            not_met: &[
                "We have no complaints procedure that {people} can find or use. One is being written with {lead} and will be published, with an easy-read version, by the spring.",
                "Complaints are not logged, so we cannot show whether any raised a safeguarding concern. A log and a screening step start next month.",
            ],
        },
    ),
    (
        Topic::SaferRecruitment,
        Lines {
            met: &[
                "Every recruitment file we sampled had two references, identity checks and an explored employment history, and safeguarding questions were asked at each interview; the single central record is checked each term by {board}.",
                "Criminal record checks are at the right level for every role, disclosures are risk assessed by two managers and recorded, and checks are renewed every three years; agencies confirm their workers' checks in writing.",
            ],
            partly: &[
                "Checks on employees are thorough, but our audit found volunteers and agency workers sometimes started before their references came back.",
                "Criminal record checks are in place for most roles, but six were found to be at the wrong level and there is no policy yet for re-checking.",
            ],
            not_met: &[
                "We do not take up references for volunteers or record gaps in employment history. A safer recruitment checklist will be used for every appointment from next month, with a file audit in six months.",
                "We keep no central record of checks, so we cannot show who has a current DBS check. The record is being built from personnel files and will be complete by the end of the quarter.",
            ],
        },
    ),
    (
        Topic::Allegations,
        Lines {
            met: &[
                "Allegations about {staff} are handled under a procedure that matches the local one; each of last year's referrals reached {officer} within one working day and the outcomes are recorded.",
                "Low-level concerns are recorded and reviewed by {lead} every month for patterns; one pattern led to early advice from {officer}, and we have met our duty to refer to the DBS.",
            ],
            partly: &[
                "Serious allegations are referred promptly, but lower-level concerns about conduct are not recorded anywhere, so patterns could be missed.",
                "Our procedure is sound, but one allegation last year reached {officer} after four days because the manager on duty did not know the route.",
            ],
            not_met: &[
                "We have no procedure for allegations against {staff} and managers are unsure when to contact {officer}. A procedure based on the local one will be agreed with {board} next quarter.",
                "Concerns about the conduct of {staff} are dealt with as ordinary grievances. From next month they will go to {lead}, who will seek advice from {officer}.",
            ],
        },
    ),
    (
        Topic::Training,
        Lines {
            met: &[
                "Training records show every new starter completed safeguarding induction in their first month, and a training matrix sets the level for each role; 94% of {staff} are up to date and {board} sees the figure each quarter.",
                "{staff} attend the multi-agency courses of {arrangements}, and our follow-up checks three months later show what changed in practice, not only who attended.",
            ],
            partly: &[
                "Most {staff} have completed training, but sessional and bank staff are behind and there are training gaps in evening teams.",
                "Induction happens for everyone, but refresher training is not tracked, so we cannot show who is due; a matrix is being built.",
            ],
            not_met: &[
                "Training compliance has fallen since two trainers left, leaving training gaps across the service; a new provider starts next quarter.",
                "There is no safeguarding induction for new {staff} and no record of who has been trained. {lead} will run induction sessions from next month and keep a register.",
            ],
        },
    ),
    (
        Topic::Supervision,
        Lines {
            met: &[
                "Monthly supervision records show practitioners bring their open safeguarding cases, and managers help them decide when to escalate a concern that has not been acted on.",
                "Supervision is recorded, reflective and audited twice a year; {staff} who dealt with a distressing case are offered a debrief within a week and can use our wellbeing service.",
            ],
            partly: &[
                "Supervision happens for most practitioners, but only half of the records we sampled covered safeguarding, and few showed any challenge of drift.",
                "Debriefs are offered after serious incidents, but not after the everyday distressing cases that {staff} told us affect them most.",
            ],
            not_met: &[
                "Supervision does not currently include safeguarding cases, and {staff} told us they are unsure who to escalate to when a referral is not acted on. Safeguarding supervision starts in the new year.",
                "There is no supervision or debriefing for {staff} who deal with safeguarding concerns. {lead} will start group supervision every six weeks from next quarter.",
            ],
        },
    ),
];
