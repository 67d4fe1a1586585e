//! The framework as the rest of osa sees it: plain data, already validated.

use serde::{Deserialize, Serialize};

use crate::tenancy::{DutyStatus, Sector, coded_enum};

coded_enum! {
    /// Who a framework is about.
    Audience {
        Children => ("children", "Children"),
        Adults => ("adults", "Adults"),
        Joint => ("joint", "Children and adults (joint)"),
        Partnership => ("partnership", "Partnership"),
    }
}

coded_enum! {
    /// How a criterion is answered.
    AnswerType {
        Rating => ("rating", "Rating"),
        Percentage => ("percentage", "Percentage"),
        YesNo => ("yes_no", "Yes or no"),
        Number => ("number", "Number"),
        Text => ("text", "Text"),
    }
}

coded_enum! {
    /// An organisation's rating of one criterion.
    Rating {
        Met => ("met", "Met"),
        PartiallyMet => ("partially_met", "Partially met"),
        NotMet => ("not_met", "Not met"),
        NotApplicable => ("not_applicable", "Not applicable"),
    }
}

coded_enum! {
    /// The colour of a standard, always shown with its words.
    Standing {
        Green => ("green", "Green"),
        Amber => ("amber", "Amber"),
        Red => ("red", "Red"),
    }
}

coded_enum! {
    /// The rule that turns a standard's ratings into its standing.
    StandingRule {
        Default => ("default", "Default"),
    }
}

impl AnswerType {
    /// Whether answers of this type count towards the standard's standing
    /// (ratings, and yes/no as met/not met).
    pub fn is_counted(self) -> bool {
        matches!(self, AnswerType::Rating | AnswerType::YesNo)
    }
}

/// A versioned set of standards, each holding criteria.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Framework {
    pub key: String,
    pub name: String,
    pub audience: Audience,
    pub version: u32,
    pub description: String,
    pub standing_rule: StandingRule,
    pub standards: Vec<Standard>,
}

/// A theme of a framework, such as safer recruitment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standard {
    pub code: String,
    pub title: String,
    pub outcome: String,
    pub criteria: Vec<Criterion>,
}

/// One statement or question an organisation answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Criterion {
    pub code: String,
    pub question: String,
    pub guidance: String,
    pub evidence: Vec<String>,
    pub answer: AnswerType,
    pub not_applicable: bool,
    pub narrative_required: bool,
    /// What the narrative box asks, where the criterion wants impact shown rather than
    /// activity described ("What changed for children as a result, and how do you
    /// know?"). `None`: the service's general prompt.
    pub narrative_prompt: Option<String>,
    /// Empty means every sector.
    pub sectors: Vec<Sector>,
    /// Empty means every duty.
    pub duty: Vec<DutyStatus>,
    pub maps_to: Vec<Mapping>,
}

/// A criterion of another framework that asks for the same thing, written `key:code`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Mapping {
    pub framework: String,
    pub criterion: String,
}

impl Mapping {
    /// Splits `key:code` at its first colon. Only the shape is checked here; the
    /// parser checks each half.
    pub fn parse(text: &str) -> Option<Mapping> {
        let (framework, criterion) = text.split_once(':')?;
        Some(Mapping { framework: framework.to_owned(), criterion: criterion.to_owned() })
    }
}

impl std::fmt::Display for Mapping {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.framework, self.criterion)
    }
}

impl Framework {
    /// Every criterion in file order, with the standard holding it.
    pub fn criteria(&self) -> impl Iterator<Item = (&Standard, &Criterion)> {
        self.standards.iter().flat_map(|s| s.criteria.iter().map(move |c| (s, c)))
    }

    pub fn criterion_count(&self) -> usize {
        self.standards.iter().map(|s| s.criteria.len()).sum()
    }

    /// The criterion with this code, and its standard.
    pub fn find(&self, code: &str) -> Option<(&Standard, &Criterion)> {
        self.criteria().find(|(_, c)| c.code == code)
    }

    /// The standard with this code.
    pub fn standard(&self, code: &str) -> Option<&Standard> {
        self.standards.iter().find(|s| s.code == code)
    }
}

impl Criterion {
    /// Whether an organisation in this sector with this duty sees the criterion.
    /// An empty `sectors` or `duty` list means everyone.
    pub fn applies_to(&self, sector: Sector, duty: DutyStatus) -> bool {
        (self.sectors.is_empty() || self.sectors.contains(&sector))
            && (self.duty.is_empty() || self.duty.contains(&duty))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn criterion(code: &str) -> Criterion {
        Criterion {
            code: code.into(),
            question: "Q".into(),
            guidance: "G".into(),
            evidence: vec!["E".into()],
            answer: AnswerType::Rating,
            not_applicable: false,
            narrative_required: true,
            narrative_prompt: None,
            sectors: vec![],
            duty: vec![],
            maps_to: vec![],
        }
    }

    #[test]
    fn codes_and_labels_round_trip() {
        for a in Audience::ALL {
            assert_eq!(Audience::from_code(a.code()), Some(*a));
        }
        for a in AnswerType::ALL {
            assert_eq!(AnswerType::from_code(a.code()), Some(*a));
        }
        for r in Rating::ALL {
            assert_eq!(Rating::from_code(r.code()), Some(*r));
        }
        for s in Standing::ALL {
            assert_eq!(Standing::from_code(s.code()), Some(*s));
        }
        assert_eq!(StandingRule::from_code("default"), Some(StandingRule::Default));
        assert_eq!(AnswerType::YesNo.code(), "yes_no");
        assert_eq!(Rating::PartiallyMet.label(), "Partially met");
        assert_eq!(Rating::NotApplicable.code(), "not_applicable");
        assert_eq!(Standing::Amber.label(), "Amber");
        assert_eq!(AnswerType::Rating.label(), "Rating");
    }

    #[test]
    fn only_ratings_and_yes_no_are_counted() {
        let counted: Vec<_> = AnswerType::ALL.iter().filter(|a| a.is_counted()).collect();
        assert_eq!(counted, [&AnswerType::Rating, &AnswerType::YesNo]);
    }

    #[test]
    fn empty_sector_and_duty_lists_mean_everyone() {
        let c = criterion("1.1");
        for s in Sector::ALL {
            for d in DutyStatus::ALL {
                assert!(c.applies_to(*s, *d));
            }
        }
    }

    #[test]
    fn sector_and_duty_lists_both_have_to_match() {
        let mut c = criterion("1.1");
        c.sectors = vec![Sector::Faith, Sector::SportAndLeisure];
        c.duty = vec![DutyStatus::Voluntary];
        assert!(c.applies_to(Sector::Faith, DutyStatus::Voluntary));
        assert!(!c.applies_to(Sector::Police, DutyStatus::Voluntary));
        assert!(!c.applies_to(Sector::Faith, DutyStatus::Statutory));
        c.duty.clear();
        assert!(c.applies_to(Sector::SportAndLeisure, DutyStatus::Statutory));
    }

    #[test]
    fn criteria_are_found_across_standards() {
        let f = Framework {
            key: "k".into(),
            name: "N".into(),
            audience: Audience::Children,
            version: 1,
            description: "D".into(),
            standing_rule: StandingRule::Default,
            standards: vec![
                Standard {
                    code: "1".into(),
                    title: "T".into(),
                    outcome: "O".into(),
                    criteria: vec![criterion("1.1"), criterion("1.2")],
                },
                Standard {
                    code: "2".into(),
                    title: "T".into(),
                    outcome: "O".into(),
                    criteria: vec![criterion("2.1")],
                },
            ],
        };
        assert_eq!(f.criterion_count(), 3);
        let codes: Vec<_> = f.criteria().map(|(s, c)| (s.code.as_str(), c.code.as_str())).collect();
        assert_eq!(codes, [("1", "1.1"), ("1", "1.2"), ("2", "2.1")]);
        assert_eq!(f.find("2.1").map(|(s, _)| s.code.as_str()), Some("2"));
        assert!(f.find("3.1").is_none());
        assert_eq!(f.standard("2").map(|s| s.criteria.len()), Some(1));
    }

    #[test]
    fn mappings_split_at_the_first_colon() {
        assert_eq!(
            Mapping::parse("s11-children:1.1"),
            Some(Mapping { framework: "s11-children".into(), criterion: "1.1".into() })
        );
        assert_eq!(Mapping::parse("nothing"), None);
        assert_eq!(Mapping::parse("a:b").map(|m| m.to_string()), Some("a:b".into()));
    }
}
