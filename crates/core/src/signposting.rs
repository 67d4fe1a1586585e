//! Signposting: which of a partnership's resources (training, guidance, templates,
//! local procedures) to show an organisation beside an answer or an action.
//!
//! A resource is linked to standards or to single criteria of a framework, named by
//! the framework's key (so a link outlives new versions of the framework) and codes.
//!
//! Guarantees:
//! - a link to a criterion matches that criterion only; a link to a whole standard
//!   matches every criterion of that standard; a link never matches across frameworks;
//! - only answers standing amber (partially met) or red (not met, or a yes/no answered
//!   no) get signposts: a green answer, a not-applicable one, an uncounted answer type
//!   and an unanswered question never do;
//! - each resource is shown at most once per place, in the order it was given, however
//!   many of its links match.

use serde::{Deserialize, Serialize};

use crate::assessment::Answer;
use crate::framework::{Criterion, Framework, Rating, Standing};
use crate::tenancy::{PartnershipKind, coded_enum};

coded_enum! {
    /// What a resource is.
    ResourceKind {
        Training => ("training", "Training"),
        Guidance => ("guidance", "Guidance"),
        Template => ("template", "Template"),
        LocalProcedure => ("local_procedure", "Local procedure"),
    }
}

/// A resource's link to a whole standard (`criterion` is `None`) or to one criterion.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Link {
    pub framework: String,
    pub standard: String,
    pub criterion: Option<String>,
}

/// Where a signpost would be shown: one criterion of one standard of a framework.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place<'a> {
    pub framework: &'a str,
    pub standard: &'a str,
    pub criterion: &'a str,
}

/// A resource (whatever the caller keeps of it) with its links.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Linked<T> {
    pub item: T,
    pub links: Vec<Link>,
}

impl Link {
    pub fn standard(framework: &str, standard: &str) -> Link {
        Link { framework: framework.to_owned(), standard: standard.to_owned(), criterion: None }
    }

    pub fn criterion(framework: &str, standard: &str, criterion: &str) -> Link {
        Link {
            framework: framework.to_owned(),
            standard: standard.to_owned(),
            criterion: Some(criterion.to_owned()),
        }
    }

    /// Whether the link covers the place: same framework and standard, and either the
    /// whole standard or exactly this criterion.
    pub fn covers(&self, place: Place<'_>) -> bool {
        self.framework == place.framework
            && self.standard == place.standard
            && self.criterion.as_deref().is_none_or(|c| c == place.criterion)
    }

    /// The link as a form value: `key|standard` or `key|standard|criterion`.
    pub fn code(&self) -> String {
        match &self.criterion {
            Some(c) => format!("{}|{}|{c}", self.framework, self.standard),
            None => format!("{}|{}", self.framework, self.standard),
        }
    }

    /// Reads a form value made by [`Link::code`]; anything else is `None`.
    pub fn parse(code: &str) -> Option<Link> {
        let mut parts = code.split('|');
        let framework = parts.next().filter(|p| !p.is_empty())?;
        let standard = parts.next().filter(|p| !p.is_empty())?;
        let criterion = match parts.next() {
            None => None,
            Some(c) if !c.is_empty() => Some(c),
            Some(_) => return None,
        };
        if parts.next().is_some() {
            return None;
        }
        Some(Link {
            framework: framework.to_owned(),
            standard: standard.to_owned(),
            criterion: criterion.map(str::to_owned),
        })
    }

    /// Whether the standard (and criterion, if any) exist in this framework.
    pub fn exists_in(&self, framework: &Framework) -> bool {
        framework.key == self.framework
            && framework.standard(&self.standard).is_some_and(|s| match &self.criterion {
                None => true,
                Some(code) => s.criteria.iter().any(|c| &c.code == code),
            })
    }
}

/// The links to keep: sorted, each once, and without criterion links of a standard
/// that is linked as a whole (the whole standard already covers them).
pub fn normalise(mut links: Vec<Link>) -> Vec<Link> {
    links.sort();
    links.dedup();
    let wholes: Vec<(String, String)> = links
        .iter()
        .filter(|l| l.criterion.is_none())
        .map(|l| (l.framework.clone(), l.standard.clone()))
        .collect();
    links.retain(|l| {
        l.criterion.is_none() || !wholes.iter().any(|(f, s)| *f == l.framework && *s == l.standard)
    });
    links
}

/// An answer's standing on its own: amber for partially met, red for not met (or a
/// yes/no answered no), green for met or not applicable, and `None` when the answer
/// type is not counted or no valid main answer is given. Narrative evidence does not
/// change it: help is offered as soon as the rating is chosen.
pub fn answer_standing(criterion: &Criterion, answer: &Answer) -> Option<Standing> {
    answer.counted_rating(criterion).map(|rating| match rating {
        Rating::NotMet => Standing::Red,
        Rating::PartiallyMet => Standing::Amber,
        Rating::Met | Rating::NotApplicable => Standing::Green,
    })
}

/// Whether an answer of this standing gets signposts: amber and red only.
pub fn needs_help(standing: Option<Standing>) -> bool {
    matches!(standing, Some(Standing::Amber | Standing::Red))
}

/// The resources with a link covering `place`, each once, in the order given.
pub fn matching<'a, T>(resources: &'a [Linked<T>], place: Place<'_>) -> Vec<&'a T> {
    resources.iter().filter(|r| r.links.iter().any(|l| l.covers(place))).map(|r| &r.item).collect()
}

/// The signposts beside one answer: [`matching`] when the answer is amber or red,
/// and nothing otherwise.
pub fn for_answer<'a, T>(
    standing: Option<Standing>,
    resources: &'a [Linked<T>],
    place: Place<'_>,
) -> Vec<&'a T> {
    if needs_help(standing) { matching(resources, place) } else { Vec::new() }
}

/// Which frameworks' standards a partnership links its resources to, by audience: the
/// frameworks written for the people it safeguards (a joint partnership uses all three
/// kinds). The partnership's own self-assessment is never one of them: organisations
/// do not answer it.
pub fn audiences_for(kind: PartnershipKind) -> &'static [crate::framework::Audience] {
    use crate::framework::Audience;
    match kind {
        PartnershipKind::Children => &[Audience::Children],
        PartnershipKind::Adults => &[Audience::Adults],
        PartnershipKind::Joint => &[Audience::Children, Audience::Adults, Audience::Joint],
    }
}

#[cfg(test)]
#[path = "signposting_tests.rs"]
mod tests;
