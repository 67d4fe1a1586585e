//! Checking that mappings point at criteria that exist, once the other frameworks
//! are known.

use super::error::{FileError, quoted};
use super::model::Framework;

/// Checks every `maps_to` target names a criterion of another known framework (by
/// key) that exists. `known` may include `framework` itself and several versions of
/// one framework; a target counts as existing if any known version with that key
/// holds it. No line numbers: a parsed framework no longer knows its lines.
pub fn check_mappings(framework: &Framework, known: &[&Framework]) -> Vec<FileError> {
    let mut errors = Vec::new();
    for (s, standard) in framework.standards.iter().enumerate() {
        for (c, criterion) in standard.criteria.iter().enumerate() {
            for (m, mapping) in criterion.maps_to.iter().enumerate() {
                let field = format!("standards[{s}].criteria[{c}].maps_to[{m}]");
                let target = quoted(&mapping.to_string());
                let message = if mapping.framework == framework.key {
                    format!(
                        "expected a criterion in another framework, found {target}, which points at this framework"
                    )
                } else {
                    let versions: Vec<&&Framework> =
                        known.iter().filter(|k| k.key == mapping.framework).collect();
                    if versions.is_empty() {
                        let mut keys: Vec<&str> =
                            known.iter().map(|k| k.key.as_str()).filter(|k| *k != framework.key).collect();
                        keys.sort_unstable();
                        keys.dedup();
                        let choices =
                            if keys.is_empty() { "none are loaded".to_owned() } else { keys.join(", ") };
                        format!(
                            "expected a framework osa knows ({choices}), found {target}, whose framework `{}` is not known",
                            mapping.framework
                        )
                    } else if versions.iter().any(|k| k.find(&mapping.criterion).is_some()) {
                        continue;
                    } else {
                        format!(
                            "expected a criterion that exists in `{}`, found {target}, but `{}` has no criterion `{}`",
                            mapping.framework, mapping.framework, mapping.criterion
                        )
                    }
                };
                errors.push(FileError { line: None, field, message });
            }
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::{Mapping, parse};

    fn shipped() -> Vec<Framework> {
        super::super::tests::SHIPPED.iter().map(|(_, text)| parse(text).expect("valid")).collect()
    }

    #[test]
    fn the_shipped_frameworks_map_only_to_criteria_that_exist() {
        let all = shipped();
        let known: Vec<&Framework> = all.iter().collect();
        for f in &all {
            assert_eq!(check_mappings(f, &known), vec![], "{}", f.key);
        }
        let mapped: usize = all.iter().flat_map(|f| f.criteria()).map(|(_, c)| c.maps_to.len()).sum();
        assert!(mapped > 100, "the shipped files map many criteria, found {mapped}");
    }

    #[test]
    fn unknown_frameworks_and_criteria_are_named() {
        let all = shipped();
        let mut adults = all.iter().find(|f| f.key == "s11-adults").expect("shipped").clone();
        let children = all.iter().find(|f| f.key == "s11-children").expect("shipped");
        let c = &mut adults.standards[0].criteria[0];
        c.maps_to = vec![
            Mapping { framework: "s11-children".into(), criterion: "99.9".into() },
            Mapping { framework: "nowhere".into(), criterion: "1.1".into() },
            Mapping { framework: "s11-adults".into(), criterion: "1.1".into() },
            Mapping { framework: "s11-children".into(), criterion: "1.1".into() },
        ];
        let errors: Vec<String> =
            check_mappings(&adults, &[&adults, children]).iter().map(ToString::to_string).collect();
        assert_eq!(
            errors,
            [
                "`standards[0].criteria[0].maps_to[0]`: expected a criterion that exists in `s11-children`, \
                 found \"s11-children:99.9\", but `s11-children` has no criterion `99.9`",
                "`standards[0].criteria[0].maps_to[1]`: expected a framework osa knows (s11-children), \
                 found \"nowhere:1.1\", whose framework `nowhere` is not known",
                "`standards[0].criteria[0].maps_to[2]`: expected a criterion in another framework, \
                 found \"s11-adults:1.1\", which points at this framework",
            ]
        );
        let alone: Vec<_> = check_mappings(&adults, &[])
            .into_iter()
            .filter(|e| e.field.starts_with("standards[0].criteria[0]."))
            .collect();
        assert_eq!(alone.len(), 4);
        assert!(alone[1].message.contains("(none are loaded)"), "{}", alone[1]);
    }
}
