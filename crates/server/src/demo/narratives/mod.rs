//! What the demo's organisations write as narrative evidence. Each narrative answers
//! the criterion it sits under: its topic comes from the question (see [`topic`]), its
//! tone from the rating (met gives evidence and impact, partly met names a gap, not met
//! names what is missing and what is planned) and its words from the organisation's
//! sector and the framework's audience (see [`voice`]). Nothing is random: the same
//! criterion of the same organisation always reads the same, so the demo's searches
//! and themes find the same passages every run.

mod bank_people;
mod bank_practice;
mod bank_risks;
mod topic;
mod voice;

#[cfg(test)]
mod tests;

use osa_core::framework::{Audience, Rating};
use osa_core::tenancy::Sector;

pub use topic::{Topic, topic_of};
pub use voice::Voice;

/// A topic's sentences for each rating, with `{placeholders}` for [`Voice`].
pub struct Lines {
    pub met: &'static [&'static str],
    pub partly: &'static [&'static str],
    pub not_met: &'static [&'static str],
}

fn lines(topic: Topic) -> &'static Lines {
    bank_people::BANK
        .iter()
        .chain(bank_practice::BANK)
        .chain(bank_risks::BANK)
        .find(|(t, _)| *t == topic)
        .map(|(_, lines)| lines)
        // Every topic has lines (a unit test checks it); General is the safe answer.
        .unwrap_or(&bank_people::GENERAL)
}

/// What a criterion's context is, as the demo needs it.
pub struct Asked<'a> {
    pub standard_title: &'a str,
    pub question: &'a str,
    pub audience: Audience,
}

/// The narrative an organisation of `sector` gives to the criterion `asked` rated
/// `rating`; `n` picks one of the variants, so neighbouring answers differ.
pub fn narrative(asked: &Asked, rating: Rating, sector: Sector, n: usize) -> String {
    let lines = lines(topic_of(asked.standard_title, asked.question));
    let said = match rating {
        Rating::PartiallyMet => lines.partly,
        Rating::NotMet => lines.not_met,
        Rating::Met | Rating::NotApplicable => lines.met,
    };
    Voice::of(asked.audience, sector).fill(said[n % said.len()])
}

/// The answer to a criterion asking in words for one change made from learning (the
/// only text questions of the shipped frameworks).
pub fn text_answer(audience: Audience, sector: Sector) -> String {
    Voice::of(audience, sector).fill(
        "After a case review showed that worries about {people} were held by several {staff} but never \
         put together, we added a monthly review of open concerns led by {lead}. Since then two \
         patterns of concern were spotted and referred early, and {board} now sees the review's \
         findings every quarter.",
    )
}
