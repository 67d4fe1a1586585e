//! One test per rule of the format, each with the exact message a person sees.
//! They start from the complete example in the format guide (line numbers below
//! are lines of that example) and break one thing at a time.

use super::parse;
use super::tests::guide_example;

const GUIDE: &str = include_str!("../../../../docs/framework-format.md");

fn example() -> &'static str {
    guide_example(GUIDE)
}

/// The example with the first `from` replaced by `to`.
fn with(from: &str, to: &str) -> String {
    let text = example();
    assert!(text.contains(from), "the example has no {from:?}");
    text.replacen(from, to, 1)
}

/// Every message for a file that must be refused, as displayed.
fn errors(text: &str) -> Vec<String> {
    match parse(text) {
        Ok(_) => panic!("the file was accepted"),
        Err(errors) => errors.iter().map(ToString::to_string).collect(),
    }
}

const KEY: &str =
    "a key of 1 to 64 lowercase letters, digits and hyphens, in double quotes, such as \"s11-children\"";

#[test]
fn the_framework_section_is_required() {
    assert_eq!(
        errors(&with("[framework]", "[frame]")),
        [
            "`framework`: required section [framework] is missing; expected a [framework] section with \
             key, name, audience, version, description and standing_rule",
            "line 3, `frame`: unknown field `frame`; expected only framework, standards",
        ]
    );
}

#[test]
fn the_framework_section_must_be_a_section() {
    let rest = &example()[example().find("[[standards]]").expect("has standards")..];
    assert_eq!(
        errors(&format!("framework = \"x\"\n{rest}")),
        ["line 1, `framework`: expected a [framework] section, found \"x\""]
    );
}

#[test]
fn key_is_lowercase_letters_digits_and_hyphens() {
    let expect = KEY;
    assert_eq!(
        errors(&with("key = \"example-small\"", "key = \"Example Small\"")),
        [format!("line 4, `framework.key`: expected {expect}, found \"Example Small\"")]
    );
    assert_eq!(
        errors(&with("key = \"example-small\"", &format!("key = \"{}\"", "k".repeat(65)))),
        [format!("line 4, `framework.key`: expected {expect}, found a string of 65 characters")]
    );
    assert_eq!(
        errors(&with("key = \"example-small\"", "key = 5")),
        [format!("line 4, `framework.key`: expected {expect}, found the number 5")]
    );
    assert_eq!(
        errors(&with("key = \"example-small\"\n", "")),
        [format!("line 3, `framework.key`: required field `key` is missing; expected {expect}")]
    );
}

#[test]
fn name_must_not_be_empty_or_too_long() {
    let expect = "expected the framework's name in double quotes, up to 300 characters";
    let name = "name = \"Example: keeping children safe in a youth club\"";
    assert_eq!(
        errors(&with(name, "name = \"\"")),
        [format!("line 5, `framework.name`: {expect}, found an empty string")]
    );
    assert_eq!(
        errors(&with(name, "name = \"   \"")),
        [format!("line 5, `framework.name`: {expect}, found a string with nothing but spaces")]
    );
    assert_eq!(
        errors(&with(name, &format!("name = \"{}\"", "n".repeat(301)))),
        [format!("line 5, `framework.name`: {expect}, found a string of 301 characters")]
    );
}

#[test]
fn audience_is_one_of_four() {
    assert_eq!(
        errors(&with("audience = \"children\"", "audience = \"kids\"")),
        [
            "line 6, `framework.audience`: expected one of children, adults, joint, partnership, found \"kids\""
        ]
    );
}

#[test]
fn version_is_a_whole_number_of_one_or_more() {
    let expect = "expected a whole number of 1 or more, without quotes";
    for (value, found) in [
        ("0", "the number 0"),
        ("-3", "the number -3"),
        ("\"1\"", "\"1\""),
        ("1.5", "the number 1.5"),
        ("true", "true"),
        ("[1]", "a list"),
        ("1979-05-27", "the date 1979-05-27"),
    ] {
        assert_eq!(
            errors(&with("version = 1", &format!("version = {value}"))),
            [format!("line 7, `framework.version`: {expect}, found {found}")]
        );
    }
    assert_eq!(
        errors(&with("version = 1", "version = 99999999999")),
        ["line 7, `framework.version`: expected a whole number no bigger than 4,294,967,295, \
          found the number 99999999999"]
    );
    let f = parse(&with("version = 1", "version = 0x10")).expect("hexadecimal is still a whole number");
    assert_eq!(f.version, 16);
}

#[test]
fn description_is_required() {
    let text = with("description = \"\"\"", "summary = \"\"\"");
    assert_eq!(
        errors(&text),
        [
            "line 3, `framework.description`: required field `description` is missing; expected a \
             description of the framework in double quotes, up to 10,000 characters",
            "line 8, `framework.summary`: unknown field `summary`; expected only key, name, audience, \
             version, description, standing_rule",
        ]
    );
}

#[test]
fn standing_rule_is_default() {
    assert_eq!(
        errors(&with("standing_rule = \"default\"", "standing_rule = \"worst\"")),
        ["line 10, `framework.standing_rule`: expected one of default (the only standing rule today), \
          found \"worst\""]
    );
}

#[test]
fn unknown_fields_are_named_wherever_they_are() {
    assert_eq!(
        errors(&format!("title = \"x\"\n{}", with("version = 1\n", "version = 1\ncolour = \"red\"\n"))),
        [
            "line 1, `title`: unknown field `title`; expected only framework, standards",
            "line 9, `framework.colour`: unknown field `colour`; expected only key, name, audience, \
             version, description, standing_rule",
        ]
    );
    assert_eq!(
        errors(&with("code = \"2\"\n", "code = \"2\"\ncolour = \"red\"\n")),
        [
            "line 40, `standards[1].colour`: unknown field `colour`; expected only code, title, outcome, criteria"
        ]
    );
    assert_eq!(
        errors(&with("answer = \"rating\"", "answr = \"rating\"")),
        [
            "line 17, `standards[0].criteria[0].answer`: required field `answer` is missing; expected \
             one of rating, percentage, yes_no, number, text",
            "line 23, `standards[0].criteria[0].answr`: unknown field `answr`; expected only code, \
             question, guidance, evidence, answer, not_applicable, narrative_required, narrative_prompt, sectors, \
             duty, maps_to",
        ]
    );
}

#[test]
fn at_least_one_standard_is_required() {
    let header = &example()[..example().find("[[standards]]").expect("has standards")];
    let none = "expected at least one [[standards]] section, each followed by its \
                [[standards.criteria]] sections, found none";
    assert_eq!(errors(header), [format!("`standards`: {none}")]);
    assert_eq!(errors(&format!("standards = []\n{header}")), [format!("line 1, `standards`: {none}")]);
    assert_eq!(
        errors(&format!("{header}[standards]\ncode = \"1\"\n")),
        ["line 12, `standards`: expected one or more [[standards]] sections, found a table; \
          write [[standards]] with double square brackets"]
    );
}

#[test]
fn standard_codes_are_unique() {
    assert_eq!(
        errors(&with("code = \"2\"\n", "code = \"1\"\n")),
        ["line 39, `standards[1].code`: expected a code no other standard uses, found \"1\", \
          already used by standards[0] on line 13"]
    );
}

#[test]
fn criterion_codes_are_unique_across_the_framework() {
    assert_eq!(
        errors(&with("code = \"2.1\"", "code = \"1.1\"")),
        ["line 44, `standards[1].criteria[0].code`: expected a code no other criterion in the framework \
          uses, found \"1.1\", already used by standards[0].criteria[0] on line 18"]
    );
}

#[test]
fn codes_are_letters_digits_dots_and_hyphens() {
    assert_eq!(
        errors(&with("code = \"1.1\"", "code = \"1 1\"")),
        ["line 18, `standards[0].criteria[0].code`: expected a code of up to 20 letters, digits, dots \
          and hyphens, in double quotes, such as \"1.1\", found \"1 1\""]
    );
    assert_eq!(
        errors(&with("code = \"1\"\n", "code = 1\n")),
        ["line 13, `standards[0].code`: expected a code of up to 20 letters, digits, dots and hyphens, \
          in double quotes, such as \"1\", found the number 1"]
    );
}

#[test]
fn every_standard_has_criteria() {
    let text = format!("{}\n[[standards]]\ncode = \"3\"\ntitle = \"T\"\noutcome = \"O\"\n", example());
    assert_eq!(
        errors(&text),
        ["line 75, `standards[2].criteria`: expected at least one [[standards.criteria]] section after \
          this [[standards]] section, found none"]
    );
    let header = &example()[..example().find("[[standards]]").expect("has standards")];
    let text =
        format!("{header}[[standards]]\ncode = \"1\"\ntitle = \"T\"\noutcome = \"O\"\ncriteria = [1]\n");
    assert_eq!(
        errors(&text),
        [
            "line 16, `standards[0].criteria[0]`: expected a [[standards.criteria]] section, found the number 1"
        ]
    );
}

#[test]
fn every_standard_has_a_counted_criterion() {
    let text = with("answer = \"rating\"", "answer = \"text\"").replacen(
        "answer = \"yes_no\"",
        "answer = \"number\"",
        1,
    );
    assert_eq!(
        errors(&text),
        ["line 12, `standards[0]`: expected at least one criterion with answer = \"rating\" or \"yes_no\", \
          so that the standard can have a standing, found none"]
    );
}

#[test]
fn evidence_is_a_list_of_one_to_twenty_examples() {
    let evidence = "evidence = [\"Poster with names and numbers\", \"Volunteer welcome pack\"]";
    let list =
        "expected a list of 1 to 20 examples of evidence, such as [\"Training records\", \"Audit report\"]";
    let item = "expected an example of evidence in double quotes, up to 500 characters";
    let field = "line 22, `standards[0].criteria[0].evidence";
    assert_eq!(errors(&with(evidence, "evidence = []")), [format!("{field}`: {list}, found an empty list")]);
    assert_eq!(
        errors(&with(evidence, "evidence = \"Poster\"")),
        [format!("{field}`: {list}, found \"Poster\"")]
    );
    let many = format!("evidence = [{}]", vec!["\"e\""; 21].join(", "));
    assert_eq!(errors(&with(evidence, &many)), [format!("{field}`: {list}, found a list of 21 items")]);
    assert_eq!(
        errors(&with(evidence, "evidence = [\"Poster\", \"\", 2]")),
        [
            format!("{field}[1]`: {item}, found an empty string"),
            format!("{field}[2]`: {item}, found the number 2")
        ]
    );
    assert_eq!(
        errors(&with(evidence, "")),
        [format!(
            "line 17, `standards[0].criteria[0].evidence`: required field `evidence` is missing; {list}"
        )]
    );
}

#[test]
fn answer_is_one_of_five() {
    assert_eq!(
        errors(&with("answer = \"rating\"", "answer = \"ratings\"")),
        ["line 23, `standards[0].criteria[0].answer`: expected one of rating, percentage, yes_no, number, \
          text, found \"ratings\""]
    );
}

#[test]
fn not_applicable_only_for_ratings() {
    let text =
        with("answer = \"yes_no\"\nnot_applicable = false", "answer = \"yes_no\"\nnot_applicable = true");
    assert_eq!(
        errors(&text),
        ["line 35, `standards[0].criteria[1].not_applicable`: expected false, because only criteria with \
          answer = \"rating\" may be answered not applicable, found true on a criterion with answer = \"yes_no\""]
    );
    assert_eq!(
        errors(&with("narrative_required = true", "narrative_required = \"true\"")),
        ["line 25, `standards[0].criteria[0].narrative_required`: expected true or false, without quotes, \
          found \"true\""]
    );
}

#[test]
fn sector_and_duty_codes_are_known_and_listed_once() {
    let sectors = "sectors = [\"sport_and_leisure\", \"voluntary_and_community\"]";
    assert_eq!(
        errors(&with(sectors, "sectors = [\"sport_and_leisure\", \"sports\"]")),
        ["line 72, `standards[1].criteria[2].sectors[1]`: expected one of police, health, local_authority, \
          education, probation, youth_justice, fire_and_rescue, housing, voluntary_and_community, faith, \
          early_years, sport_and_leisure, other, found \"sports\""]
    );
    assert_eq!(
        errors(&with(sectors, "sectors = [\"faith\", \"faith\"]")),
        [
            "line 72, `standards[1].criteria[2].sectors[1]`: expected each sector at most once, found \"faith\" again"
        ]
    );
    assert_eq!(
        errors(&with("duty = [\"voluntary\", \"commissioned\"]", "duty = [\"mandatory\"]")),
        ["line 73, `standards[1].criteria[2].duty[0]`: expected one of statutory, commissioned, voluntary, \
          found \"mandatory\""]
    );
    let f = parse(&with(sectors, "sectors = []")).expect("an empty list means every sector");
    assert!(f.find("2.3").is_some_and(|(_, c)| c.sectors.is_empty()));
}

#[test]
fn mappings_are_key_colon_code_into_another_framework() {
    let maps = "maps_to = [\"s11-children:1.2\"]";
    let field = "line 26, `standards[0].criteria[0].maps_to";
    assert_eq!(
        errors(&with(maps, "maps_to = [\"s11-children\", \"S11:1.1\", \"s11-children:\"]")),
        [0, 1, 2].map(|i| {
            let found = ["\"s11-children\"", "\"S11:1.1\"", "\"s11-children:\""][i];
            format!(
                "{field}[{i}]`: expected a criterion in another framework written \
                 \"framework-key:criterion-code\", such as \"s11-children:1.1\", found {found}"
            )
        })
    );
    assert_eq!(
        errors(&with(maps, "maps_to = [\"example-small:2.1\"]")),
        [format!(
            "{field}[0]`: expected a criterion in another framework, found \"example-small:2.1\", \
             which points at this framework"
        )]
    );
    assert_eq!(
        errors(&with(maps, "maps_to = [\"s11-children:1.2\", \"s11-children:1.2\"]")),
        [format!("{field}[1]`: expected each mapping at most once, found \"s11-children:1.2\" again")]
    );
}

#[test]
fn syntax_errors_say_where_and_what_was_expected() {
    assert_eq!(
        errors(&with("answer = \"rating\"", "answer = rating")),
        ["line 23: the file is not valid TOML: text must be written in double quotes; expected \
          \"rating\" rather than rating, for example"]
    );
    let errors = errors(&with("[[standards]]", "[[standards]"));
    assert_eq!(errors, ["line 12: the file is not valid TOML: unclosed array table, expected `]`"]);
}

#[test]
fn every_problem_is_found_in_one_pass_in_line_order() {
    let text = with("audience = \"children\"", "audience = \"kids\"")
        .replacen("answer = \"rating\"", "answer = \"ratings\"", 1)
        .replacen("code = \"2.1\"", "code = \"1.2\"", 1)
        .replacen("duty = [\"voluntary\", \"commissioned\"]", "duty = [\"always\"]", 1);
    let lines: Vec<String> =
        errors(&text).iter().map(|e| e.split(',').next().unwrap_or_default().to_owned()).collect();
    assert_eq!(lines, ["line 6", "line 23", "line 44", "line 73"]);
}

#[test]
fn a_narrative_prompt_is_optional_and_kept_when_given() {
    let plain = parse(example()).expect("the example is valid");
    assert!(plain.criteria().all(|(_, c)| c.narrative_prompt.is_none()));
    let prompt = "What changed for children as a result, and how do you know?";
    let text = with(
        "narrative_required = true\n",
        &format!("narrative_required = true\nnarrative_prompt = \"{prompt}\"\n"),
    );
    let framework = parse(&text).expect("a prompt is allowed");
    let (_, first) = framework.criteria().next().expect("has criteria");
    assert_eq!(first.narrative_prompt.as_deref(), Some(prompt));
    // Exported and read again, the prompt is the same.
    let again = parse(&super::to_toml(&framework)).expect("the export is valid");
    assert_eq!(again.criteria().next().expect("has criteria").1.narrative_prompt.as_deref(), Some(prompt));
}

#[test]
fn a_narrative_prompt_is_text_of_up_to_300_characters() {
    let long = "x".repeat(301);
    let text = with(
        "narrative_required = true\n",
        &format!("narrative_required = true\nnarrative_prompt = \"{long}\"\n"),
    );
    let found = errors(&text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].contains("`standards[0].criteria[0].narrative_prompt`: expected the question the narrative box asks, in double quotes, up to 300 characters"),
        "{found:?}"
    );
    let text = with("narrative_required = true\n", "narrative_required = true\nnarrative_prompt = true\n");
    assert_eq!(errors(&text).len(), 1);
}
