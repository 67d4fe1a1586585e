//! What the analyst writes in a board report: a text per section and, per standard,
//! its strengths and areas for development. A section nobody has written yet reads
//! as osa's default draft, so a new report is already a readable whole.
//!
//! Guarantees: a section's text is its stored text when one is stored (even if
//! empty: the analyst may leave a section blank on purpose), else its default; texts
//! are at most [`MAX_WORDS_CHARS`] characters and kept exactly as typed otherwise.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::tenancy::coded_enum;

/// The longest text one box of the report keeps: a long section, not a book.
pub const MAX_WORDS_CHARS: usize = 20_000;

coded_enum! {
    /// A section of the report whose words the analyst writes, in report order.
    Section {
        Summary => ("summary", "Summary"),
        Purpose => ("purpose", "Purpose and statutory basis"),
        Background => ("background", "Background"),
        Methodology => ("methodology", "Methodology"),
        Response => ("response", "Response rate"),
        Participation => ("participation", "Participating organisations"),
        Themes => ("themes", "Multi-agency themes"),
        Recommendations => ("recommendations", "Recommendations"),
        NextSteps => ("next_steps", "Next steps"),
    }
}

impl Section {
    /// What the section is for, shown as the hint of its text box.
    pub fn hint(self) -> &'static str {
        match self {
            Section::Summary => "The main messages for the board, in a few short paragraphs.",
            Section::Purpose => "Why the partnership runs this audit and the law it rests on.",
            Section::Background => "The partnership, its area and what led to this round.",
            Section::Methodology => {
                "How the audit was run. osa adds the framework, rating scale, evidence asked for and meetings held."
            }
            Section::Response => "What the response rate tells the board. osa adds the figures and names.",
            Section::Participation => "Who took part. osa adds the list of organisations that submitted.",
            Section::Themes => "The themes seen across agencies. osa adds each theme with its actions.",
            Section::Recommendations => "What the partnership should do, one recommendation a paragraph.",
            Section::NextSteps => "What happens next, by when and who leads.",
        }
    }

    /// osa's draft until the analyst writes the section.
    pub fn default_text(self) -> &'static str {
        match self {
            Section::Summary => {
                "This report sets out what the partnership learnt from this round of safeguarding self-assessments. \
                 It describes how many organisations took part, how they rated themselves against each standard, \
                 the themes that run across agencies and what the partnership will do about them.\n\
                 Replace this draft with the main messages for the board."
            }
            Section::Purpose => {
                "Organisations that work with children and families have a duty to make sure their functions are \
                 carried out with regard to the need to safeguard and promote the welfare of children (section 11 of \
                 the Children Act 2004). The safeguarding partners check how well that duty is met in their area. \
                 This audit is one of the ways they do so: each organisation assesses itself against shared \
                 standards, and the partnership tests those assessments and acts on what they show."
            }
            Section::Background => {
                "The partnership runs this audit every round with the statutory and voluntary organisations of its area. \
                 Describe here the area, the partnership's priorities for the period and anything that shaped this round."
            }
            Section::Methodology => {
                "Each invited organisation completed one self-assessment in osa against the partnership's framework, \
                 rating itself against every criterion, describing its evidence and naming improvement actions. \
                 A senior leader signed each return off before it was submitted. The partnership then met a sample \
                 of organisations at assurance meetings to test their ratings and agree actions."
            }
            Section::Response => {
                "The figures below show how many invited organisations submitted a return. Organisations whose \
                 non-submission was agreed in advance are named with the reason."
            }
            Section::Participation => {
                "The organisations listed below submitted a return. Their return covers every partnership area they serve."
            }
            Section::Themes => {
                "Looking across the returns and the assurance meetings, the partnership found the themes below. \
                 Each is followed by the actions the partnership has agreed and the group that leads them."
            }
            Section::Recommendations => {
                "Write the recommendations for the board here, one a paragraph: what should change, who leads it \
                 and how the partnership will know it has worked."
            }
            Section::NextSteps => {
                "Organisations will update their action plans, with progress asked for every six months. The \
                 partnership's subgroups will report on the partnership actions, and the next round will test \
                 whether the areas for development have improved."
            }
        }
    }
}

/// What the analyst wrote about one standard.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    #[serde(default)]
    pub strengths: String,
    #[serde(default)]
    pub areas: String,
}

/// Every word of one report that the analyst writes, as stored (JSON).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Words {
    /// Section code to its text; a section absent here reads as its default.
    #[serde(default)]
    pub sections: BTreeMap<String, String>,
    /// Standard code to its finding; a standard absent here has none written yet.
    #[serde(default)]
    pub findings: BTreeMap<String, Finding>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WordsError {
    #[error("Enter {max} characters or fewer (this is {len})")]
    TooLong { len: usize, max: usize },
    #[error("the report's words are not readable: {0}")]
    Unreadable(String),
}

/// A box's text as it will be kept: line endings made `\n`, trailing space removed.
pub fn check_text(text: &str) -> Result<String, WordsError> {
    let text = text.replace("\r\n", "\n").trim_end().to_owned();
    let len = text.chars().count();
    if len > MAX_WORDS_CHARS {
        return Err(WordsError::TooLong { len, max: MAX_WORDS_CHARS });
    }
    Ok(text)
}

impl Words {
    pub fn parse(json: &str) -> Result<Words, WordsError> {
        serde_json::from_str(json).map_err(|e| WordsError::Unreadable(e.to_string()))
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".to_owned())
    }

    /// The section's text: as written, or the default draft.
    pub fn text(&self, section: Section) -> &str {
        self.sections.get(section.code()).map(String::as_str).unwrap_or(section.default_text())
    }

    /// Whether the analyst has written (saved) the section.
    pub fn is_written(&self, section: Section) -> bool {
        self.sections.contains_key(section.code())
    }

    pub fn finding(&self, standard: &str) -> Finding {
        self.findings.get(standard).cloned().unwrap_or_default()
    }

    pub fn set(&mut self, section: Section, text: String) {
        self.sections.insert(section.code().to_owned(), text);
    }

    pub fn set_finding(&mut self, standard: &str, finding: Finding) {
        self.findings.insert(standard.to_owned(), finding);
    }
}
