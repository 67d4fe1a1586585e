//! Walks a parsed TOML document into a [`Framework`], checking every rule of the
//! format on the way and reporting each problem where it is.

use std::collections::HashMap;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::error::{Report, quoted, thousands};
use super::fields::{ListSpec, Table, Text, TextSpec, check_text, found, tables};
use super::model::{AnswerType, Audience, Criterion, Framework, Mapping, Standard, StandingRule};
use super::specs::*;
use crate::tenancy::{DutyStatus, Sector};

const NO_STANDARDS: &str = "expected at least one [[standards]] section, each followed by its [[standards.criteria]] sections, found none";

/// Reads the whole document. The framework returned is only meaningful when nothing
/// was reported: missing or broken values are filled with placeholders so that the
/// walk can go on and find every other problem.
pub(crate) fn framework(doc: &Spanned<DeTable<'_>>, r: &mut Report) -> Framework {
    let root = Table { table: doc.get_ref(), path: String::new(), span: 0..0, known: ROOT_FIELDS };
    root.unknown_fields(r);
    let mut framework = header(&root, r);
    let own_key = is_key(&framework.key).then(|| framework.key.clone());
    framework.standards = standards(&root, own_key.as_deref(), r);
    framework
}

fn header(root: &Table<'_, '_>, r: &mut Report) -> Framework {
    let mut f = Framework {
        key: String::new(),
        name: String::new(),
        audience: Audience::Children,
        version: 1,
        description: String::new(),
        standing_rule: StandingRule::Default,
        standards: Vec::new(),
    };
    let Some(value) = root.get("framework") else {
        r.push(
            None,
            "framework",
            "required section [framework] is missing; expected a [framework] section with \
             key, name, audience, version, description and standing_rule",
        );
        return f;
    };
    let DeValue::Table(table) = value.get_ref() else {
        r.at(
            &value.span(),
            "framework",
            format!("expected a [framework] section, found {}", found(value.get_ref())),
        );
        return f;
    };
    let t = Table { table, path: "framework".into(), span: value.span(), known: FRAMEWORK_FIELDS };
    t.unknown_fields(r);
    if let Some(key) = t.text(r, "key", &KEY) {
        if is_key(&key.value) {
            f.key = key.value;
        } else {
            r.at(&key.span, key.field, format!("expected {}, found {}", KEY.expect, quoted(&key.value)));
        }
    }
    if let Some(name) = t.text(r, "name", &NAME) {
        f.name = name.value;
    }
    if let Some(audience) = coded(&t, r, "audience", &AUDIENCE, Audience::from_code) {
        f.audience = audience.0;
    }
    if let Some(version) = version(&t, r) {
        f.version = version;
    }
    if let Some(description) = t.text(r, "description", &DESCRIPTION) {
        f.description = description.value;
    }
    if let Some(rule) = coded(&t, r, "standing_rule", &STANDING_RULE, StandingRule::from_code) {
        f.standing_rule = rule.0;
    }
    f
}

fn version(t: &Table<'_, '_>, r: &mut Report) -> Option<u32> {
    let Some(value) = t.get("version") else {
        t.missing(r, "version", VERSION);
        return None;
    };
    let field = t.field("version");
    if let DeValue::Integer(i) = value.get_ref() {
        match u32::from_str_radix(i.as_str(), i.radix()) {
            Ok(n) if n >= 1 => return Some(n),
            Ok(_) => {}
            Err(_) if i.as_str().starts_with('-') => {}
            Err(_) => {
                let max = thousands(u32::MAX as usize);
                let message =
                    format!("expected a whole number no bigger than {max}, found {}", found(value.get_ref()));
                r.at(&value.span(), field, message);
                return None;
            }
        }
    }
    r.at(&value.span(), field, format!("expected {VERSION}, found {}", found(value.get_ref())));
    None
}

/// A required text field holding one of a fixed set of codes.
fn coded<T>(
    t: &Table<'_, '_>,
    r: &mut Report,
    name: &str,
    spec: &TextSpec,
    from_code: fn(&str) -> Option<T>,
) -> Option<(T, Range<usize>)> {
    let text = t.text(r, name, spec)?;
    match from_code(&text.value) {
        Some(v) => Some((v, text.span)),
        None => {
            r.at(&text.span, text.field, format!("expected {}, found {}", spec.expect, quoted(&text.value)));
            None
        }
    }
}

/// Where a code was first seen, to point at it when it is used again.
struct Seen {
    field: String,
    line: Option<usize>,
}

fn check_unique(r: &mut Report, seen: &mut HashMap<String, Seen>, code: &Text, whose: &str) {
    if let Some(first) = seen.get(&code.value) {
        let at = first.line.map(|l| format!(" on line {l}")).unwrap_or_default();
        let message = format!(
            "expected a code no other {whose} uses, found {}, already used by {}{at}",
            quoted(&code.value),
            first.field
        );
        r.at(&code.span, code.field.clone(), message);
    } else {
        let line = r.line(&code.span);
        let field = code.field.trim_end_matches(".code").to_owned();
        seen.insert(code.value.clone(), Seen { field, line });
    }
}

fn standards(root: &Table<'_, '_>, own_key: Option<&str>, r: &mut Report) -> Vec<Standard> {
    let Some(list) = tables(r, root, "standards", "[[standards]]", STANDARD_FIELDS) else {
        if root.get("standards").is_none() {
            r.push(None, "standards", NO_STANDARDS);
        }
        return Vec::new();
    };
    if let Some(value) = root.get("standards")
        && is_empty_list(value.get_ref())
    {
        r.at(&value.span(), "standards", NO_STANDARDS);
    }
    if let Some(extra) = list.get(MAX_STANDARDS) {
        let message = format!("expected at most {MAX_STANDARDS} standards, found {}", thousands(list.len()));
        r.at(&extra.span, "standards", message);
    }
    let mut standard_codes = HashMap::new();
    let mut criterion_codes = HashMap::new();
    let mut criteria_seen = 0;
    let mut out = Vec::with_capacity(list.len().min(MAX_STANDARDS));
    for t in &list {
        t.unknown_fields(r);
        let mut standard =
            Standard { code: String::new(), title: String::new(), outcome: String::new(), criteria: vec![] };
        if let Some(code) = code(t, r, &STANDARD_CODE) {
            check_unique(r, &mut standard_codes, &code, "standard");
            standard.code = code.value;
        }
        if let Some(title) = t.text(r, "title", &TITLE) {
            standard.title = title.value;
        }
        if let Some(outcome) = t.text(r, "outcome", &OUTCOME) {
            standard.outcome = outcome.value;
        }
        let criteria = tables(r, t, "criteria", "[[standards.criteria]]", CRITERION_FIELDS);
        let criteria = criteria.unwrap_or_default();
        if t.get("criteria").is_none_or(|v| is_empty_list(v.get_ref())) {
            let message = "expected at least one [[standards.criteria]] section after this \
                           [[standards]] section, found none";
            r.at(&t.span, t.field("criteria"), message);
        }
        let mut all_answered = true;
        for c in &criteria {
            criteria_seen += 1;
            if criteria_seen == MAX_CRITERIA + 1 {
                let total: usize = list.iter().map(count_criteria).sum();
                let message = format!(
                    "expected at most {} criteria in the whole framework, found {}",
                    thousands(MAX_CRITERIA),
                    thousands(total)
                );
                r.at(&c.span, "standards", message);
            }
            let (criterion, code, answered) = criterion(c, own_key, r);
            all_answered &= answered;
            if let Some(code) = code {
                check_unique(r, &mut criterion_codes, &code, "criterion in the framework");
            }
            standard.criteria.push(criterion);
        }
        if all_answered && !criteria.is_empty() && !standard.criteria.iter().any(|c| c.answer.is_counted()) {
            let message = "expected at least one criterion with answer = \"rating\" or \"yes_no\", so that \
                           the standard can have a standing, found none";
            r.at(&t.span, t.path.clone(), message);
        }
        out.push(standard);
    }
    out
}

fn is_empty_list(value: &DeValue<'_>) -> bool {
    matches!(value, DeValue::Array(a) if a.is_empty())
}

fn count_criteria(t: &Table<'_, '_>) -> usize {
    match t.get("criteria").map(|v| v.get_ref()) {
        Some(DeValue::Array(a)) => a.len(),
        _ => 0,
    }
}

/// A required code field, checked against the code alphabet.
fn code(t: &Table<'_, '_>, r: &mut Report, spec: &TextSpec) -> Option<Text> {
    let code = t.text(r, "code", spec)?;
    if is_code(&code.value) {
        Some(code)
    } else {
        r.at(&code.span, code.field, format!("expected {}, found {}", spec.expect, quoted(&code.value)));
        None
    }
}

/// Reads one criterion. Also returns its code (when valid) and whether its answer
/// type was readable.
fn criterion(t: &Table<'_, '_>, own_key: Option<&str>, r: &mut Report) -> (Criterion, Option<Text>, bool) {
    t.unknown_fields(r);
    let code = code(t, r, &CRITERION_CODE);
    let question = t.text(r, "question", &QUESTION);
    let guidance = t.text(r, "guidance", &GUIDANCE);
    let evidence = t.texts(r, "evidence", &EVIDENCE).unwrap_or_default();
    let answer = coded(t, r, "answer", &ANSWER, AnswerType::from_code);
    let not_applicable = t.boolean(r, "not_applicable");
    let narrative_required = t.boolean(r, "narrative_required");
    // Optional: most criteria need no prompt of their own.
    let narrative_prompt = t
        .get("narrative_prompt")
        .and_then(|v| check_text(r, v, t.field("narrative_prompt"), &NARRATIVE_PROMPT));
    if let (Some((answer, _)), Some((true, span))) = (&answer, &not_applicable)
        && *answer != AnswerType::Rating
    {
        let message = format!(
            "expected false, because only criteria with answer = \"rating\" may be answered \
             not applicable, found true on a criterion with answer = \"{}\"",
            answer.code()
        );
        r.at(span, t.field("not_applicable"), message);
    }
    let sectors = t.texts(r, "sectors", &SECTORS).unwrap_or_default();
    let sectors = codes(r, sectors, &SECTORS, "sector", Sector::from_code);
    let duty = t.texts(r, "duty", &DUTY).unwrap_or_default();
    let duty = codes(r, duty, &DUTY, "duty", DutyStatus::from_code);
    let maps_to = t.texts(r, "maps_to", &MAPS_TO).unwrap_or_default();
    let maps_to = mappings(r, maps_to, own_key);
    let criterion = Criterion {
        code: code.as_ref().map(|c| c.value.clone()).unwrap_or_default(),
        question: question.map(|q| q.value).unwrap_or_default(),
        guidance: guidance.map(|g| g.value).unwrap_or_default(),
        evidence: evidence.into_iter().map(|e| e.value).collect(),
        answer: answer.as_ref().map_or(AnswerType::Text, |a| a.0),
        not_applicable: not_applicable.is_some_and(|n| n.0),
        narrative_required: narrative_required.is_some_and(|n| n.0),
        narrative_prompt: narrative_prompt.map(|p| p.value).filter(|p| !p.trim().is_empty()),
        sectors,
        duty,
        maps_to,
    };
    (criterion, code, answer.is_some())
}

/// Turns a list of codes into values, refusing unknown and repeated codes.
fn codes<T: PartialEq>(
    r: &mut Report,
    items: Vec<Text>,
    spec: &ListSpec,
    what: &str,
    from_code: fn(&str) -> Option<T>,
) -> Vec<T> {
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        match from_code(&item.value) {
            None => {
                let message = format!("expected {}, found {}", spec.item.expect, quoted(&item.value));
                r.at(&item.span, item.field, message);
            }
            Some(v) if out.contains(&v) => {
                let message =
                    format!("expected each {what} at most once, found {} again", quoted(&item.value));
                r.at(&item.span, item.field, message);
            }
            Some(v) => out.push(v),
        }
    }
    out
}

fn mappings(r: &mut Report, items: Vec<Text>, own_key: Option<&str>) -> Vec<Mapping> {
    let mut out: Vec<Mapping> = Vec::with_capacity(items.len());
    for item in items {
        let mapping = Mapping::parse(&item.value);
        let Some(mapping) = mapping.filter(|m| is_key(&m.framework) && is_code(&m.criterion)) else {
            let message = format!("expected {}, found {}", MAPS_TO.item.expect, quoted(&item.value));
            r.at(&item.span, item.field, message);
            continue;
        };
        if own_key == Some(mapping.framework.as_str()) {
            let message = format!(
                "expected a criterion in another framework, found {}, which points at this framework",
                quoted(&item.value)
            );
            r.at(&item.span, item.field, message);
        } else if out.contains(&mapping) {
            let message = format!("expected each mapping at most once, found {} again", quoted(&item.value));
            r.at(&item.span, item.field, message);
        } else {
            out.push(mapping);
        }
    }
    out
}
