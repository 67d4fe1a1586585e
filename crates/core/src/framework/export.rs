//! Writes a framework back out in the documented file format.

use std::fmt::Write as _;

use super::model::{Criterion, Framework, Standard};

/// Writes the framework in the documented TOML format, laid out like the shipped
/// files: `parse(&to_toml(f)) == Ok(f)` for every framework `parse` can return.
/// Comments and layout of an imported file are not kept, so the text of a file that
/// is imported and exported again may differ even though the framework is the same.
pub fn to_toml(framework: &Framework) -> String {
    let mut out = String::with_capacity(1_000 * (framework.criterion_count() + 1));
    let _ = writeln!(out, "# osa framework `{}`, version {}.", framework.key, framework.version);
    out.push_str("# Format: docs/framework-format.md in the osa project.\n\n");
    out.push_str("[framework]\n");
    line(&mut out, "key", &framework.key);
    line(&mut out, "name", &framework.name);
    line(&mut out, "audience", framework.audience.code());
    let _ = writeln!(out, "version = {}", framework.version);
    long(&mut out, "description", &framework.description);
    line(&mut out, "standing_rule", framework.standing_rule.code());
    for standard in &framework.standards {
        write_standard(&mut out, standard);
    }
    out
}

fn write_standard(out: &mut String, standard: &Standard) {
    out.push_str("\n# ---------------------------------------------------------------------------\n");
    out.push_str("[[standards]]\n");
    line(out, "code", &standard.code);
    line(out, "title", &standard.title);
    line(out, "outcome", &standard.outcome);
    for criterion in &standard.criteria {
        write_criterion(out, criterion);
    }
}

fn write_criterion(out: &mut String, c: &Criterion) {
    out.push_str("\n[[standards.criteria]]\n");
    line(out, "code", &c.code);
    line(out, "question", &c.question);
    long(out, "guidance", &c.guidance);
    list(out, "evidence", c.evidence.iter().map(String::as_str));
    line(out, "answer", c.answer.code());
    let _ = writeln!(out, "not_applicable = {}", c.not_applicable);
    let _ = writeln!(out, "narrative_required = {}", c.narrative_required);
    if let Some(prompt) = &c.narrative_prompt {
        line(out, "narrative_prompt", prompt);
    }
    if !c.sectors.is_empty() {
        list(out, "sectors", c.sectors.iter().map(|s| s.code()));
    }
    if !c.duty.is_empty() {
        list(out, "duty", c.duty.iter().map(|d| d.code()));
    }
    if !c.maps_to.is_empty() {
        let mappings: Vec<String> = c.maps_to.iter().map(ToString::to_string).collect();
        list(out, "maps_to", mappings.iter().map(String::as_str));
    }
}

/// `name = "value"` on one line.
fn line(out: &mut String, name: &str, value: &str) {
    let _ = write!(out, "{name} = ");
    basic(out, value, false);
    out.push('\n');
}

/// `name = """` then the text on the following lines, as people write long text.
fn long(out: &mut String, name: &str, value: &str) {
    let _ = writeln!(out, "{name} = \"\"\"");
    escape(out, value, true);
    out.push_str("\"\"\"\n");
}

fn list<'a>(out: &mut String, name: &str, items: impl Iterator<Item = &'a str>) {
    let _ = write!(out, "{name} = [");
    for (i, item) in items.enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        basic(out, item, false);
    }
    out.push_str("]\n");
}

fn basic(out: &mut String, value: &str, multiline: bool) {
    out.push('"');
    escape(out, value, multiline);
    out.push('"');
}

/// Escapes text for a TOML basic string. In a multi-line string, line breaks and tabs
/// stay as they are; every quote is escaped, so no run of three can end the string.
fn escape(out: &mut String, value: &str, multiline: bool) {
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' if multiline => out.push('\n'),
            '\t' if multiline => out.push('\t'),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::parse;

    #[test]
    fn escapes_make_any_text_safe() {
        let mut out = String::new();
        basic(&mut out, "a\"b\\c\nd\te\r\u{1}\u{7f}é", false);
        assert_eq!(out, r#""a\"b\\c\nd\te\r\u0001\u007Fé""#);
        let mut out = String::new();
        escape(&mut out, "x\"\"\"y\nz", true);
        assert_eq!(out, "x\\\"\\\"\\\"y\nz");
    }

    #[test]
    fn the_format_guide_example_survives_export() {
        let guide = include_str!("../../../../docs/framework-format.md");
        let example = super::super::tests::guide_example(guide);
        let framework = parse(example).expect("the guide's example is valid");
        let text = to_toml(&framework);
        assert_eq!(parse(&text), Ok(framework));
        assert!(text.contains("sectors = [\"sport_and_leisure\", \"voluntary_and_community\"]\n"));
        assert!(text.contains("guidance = \"\"\"\nMany sports bodies"));
    }
}
