//! The shipped frameworks: each parses, survives export, and maps only to criteria
//! that exist. Shared fixtures for the other test modules live here too.

use super::*;
use crate::tenancy::{DutyStatus, Sector};

/// The five framework files osa ships, by file name.
pub(crate) const SHIPPED: [(&str, &str); 5] = [
    ("s11-children.toml", include_str!("../../../../frameworks/s11-children.toml")),
    ("s11-adults.toml", include_str!("../../../../frameworks/s11-adults.toml")),
    ("s11-joint.toml", include_str!("../../../../frameworks/s11-joint.toml")),
    ("s11-short.toml", include_str!("../../../../frameworks/s11-short.toml")),
    ("partnership.toml", include_str!("../../../../frameworks/partnership.toml")),
];

/// The complete example at the end of the format guide (its last TOML block).
pub(crate) fn guide_example(guide: &str) -> &str {
    let start = guide.rfind("```toml\n").expect("the guide has a TOML example") + "```toml\n".len();
    let len = guide[start..].find("```").expect("the example block is closed");
    &guide[start..start + len]
}

fn shipped() -> Vec<Framework> {
    SHIPPED
        .iter()
        .map(|(file, text)| match parse(text) {
            Ok(f) => f,
            Err(errors) => {
                let list: Vec<String> = errors.iter().map(ToString::to_string).collect();
                panic!("{file} is refused:\n{}", list.join("\n"))
            }
        })
        .collect()
}

#[test]
fn every_shipped_framework_is_valid_and_keyed_as_its_file() {
    for ((file, _), framework) in SHIPPED.iter().zip(shipped()) {
        assert_eq!(format!("{}.toml", framework.key), *file);
        assert_eq!(framework.version, 1);
        assert!(framework.criterion_count() >= 10, "{file}");
    }
}

/// Round trip is semantic: parse → to_toml → parse gives an equal `Framework`.
/// Byte equality with the original file is not promised, because comments and
/// layout are not kept in the model.
#[test]
fn every_shipped_framework_survives_export_and_import() {
    for framework in shipped() {
        let text = to_toml(&framework);
        let again = parse(&text).unwrap_or_else(|errors| {
            panic!("{} exported to an invalid file: {}", framework.key, errors[0]);
        });
        assert_eq!(again, framework);
        assert_eq!(to_toml(&again), text, "exporting is stable");
    }
}

#[test]
fn the_shipped_frameworks_map_to_each_other_without_errors() {
    let all = shipped();
    let known: Vec<&Framework> = all.iter().collect();
    for framework in &all {
        let errors = check_mappings(framework, &known);
        assert!(errors.is_empty(), "{}: {}", framework.key, errors[0]);
    }
}

#[test]
fn the_format_guide_example_is_valid() {
    let guide = include_str!("../../../../docs/framework-format.md");
    let f = parse(guide_example(guide)).expect("the guide's example is valid");
    assert_eq!(f.key, "example-small");
    assert_eq!(f.audience, Audience::Children);
    assert_eq!(f.standards.len(), 2);
    assert_eq!(f.criterion_count(), 5);
    let (standard, c) = f.find("2.3").expect("2.3 exists");
    assert_eq!(standard.code, "2");
    assert_eq!(c.answer, AnswerType::Rating);
    assert!(c.not_applicable);
    assert_eq!(c.sectors, [Sector::SportAndLeisure, Sector::VoluntaryAndCommunity]);
    assert_eq!(c.duty, [DutyStatus::Voluntary, DutyStatus::Commissioned]);
    assert!(!c.applies_to(Sector::Faith, DutyStatus::Voluntary));
    assert!(c.applies_to(Sector::SportAndLeisure, DutyStatus::Commissioned));
    let (_, first) = f.find("1.1").expect("1.1 exists");
    assert_eq!(first.maps_to, [Mapping { framework: "s11-children".into(), criterion: "1.2".into() }]);
    assert!(
        first.guidance.starts_with("The lead is") && first.guidance.ends_with("welcome pack."),
        "multi-line text loses the line break after the opening quotes"
    );
    let children = shipped().into_iter().find(|f| f.key == "s11-children").expect("shipped");
    assert!(check_mappings(&f, &[&children]).is_empty());
}

/// Any text a framework can hold survives export: quotes, backslashes, line
/// breaks, tabs, control characters and three quotes in a row.
#[test]
fn awkward_text_survives_export() {
    let guide = include_str!("../../../../docs/framework-format.md");
    let mut f = parse(guide_example(guide)).expect("valid");
    let awkward = [
        "Quotes \"here\" and \"\"\" there",
        "Back\\slash at the end \\",
        "Line one\nline two\r\nline three",
        "Tab\there, bell \u{7} and delete \u{7f}",
        "Ends with a quote\"",
        "Ünïcödé — ‘quotes’ and emoji 🙂",
        "''' literal quotes '''",
    ];
    for text in awkward {
        f.name = text.into();
        f.description = text.into();
        f.standards[0].title = text.into();
        f.standards[0].criteria[0].guidance = text.into();
        f.standards[0].criteria[0].question = text.into();
        f.standards[0].criteria[0].evidence = vec![text.into(), "plain".into()];
        assert_eq!(parse(&to_toml(&f)), Ok(f.clone()), "{text:?}");
    }
}
