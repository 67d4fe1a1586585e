//! The limits that stop a hostile file from exhausting memory, and the forgiving
//! parts of the format (byte-order marks, Windows line endings, padded text).

use super::parse;
use super::tests::guide_example;

const GUIDE: &str = include_str!("../../../../docs/framework-format.md");

fn example() -> &'static str {
    guide_example(GUIDE)
}

/// Every message for a file that must be refused, as displayed.
fn errors(text: &str) -> Vec<String> {
    match parse(text) {
        Ok(_) => panic!("the file was accepted"),
        Err(errors) => errors.iter().map(ToString::to_string).collect(),
    }
}

#[test]
fn long_text_is_refused_without_echoing_it() {
    let long = "q".repeat(200_000);
    let question = "question = \"We have a named safeguarding lead and a back-up, and everyone knows how \
                    to reach them.\"";
    assert!(example().contains(question));
    let text = example().replacen(question, &format!("question = \"{long}\""), 1);
    let errors = errors(&text);
    assert_eq!(
        errors,
        ["line 19, `standards[0].criteria[0].question`: expected the statement or question in double \
          quotes, up to 2,000 characters, found a string of 200,000 characters"]
    );
}

/// Builds a file with `standards` standards of `each` rated criteria.
fn sized(standards: usize, each: usize) -> String {
    let mut text = String::from(&example()[..example().find("[[standards]]").expect("has standards")]);
    for s in 1..=standards {
        text.push_str(&format!("[[standards]]\ncode = \"{s}\"\ntitle = \"T\"\noutcome = \"O\"\n"));
        for c in 1..=each {
            text.push_str(&format!(
                "[[standards.criteria]]\ncode = \"{s}.{c}\"\nquestion = \"Q\"\nguidance = \"G\"\n\
                 evidence = [\"E\"]\nanswer = \"rating\"\nnot_applicable = false\nnarrative_required = true\n"
            ));
        }
    }
    text
}

#[test]
fn at_most_a_hundred_standards() {
    assert!(parse(&sized(100, 1)).is_ok());
    let line = 12 + 100 * 12;
    assert_eq!(
        errors(&sized(101, 1)),
        [format!("line {line}, `standards`: expected at most 100 standards, found 101")]
    );
}

#[test]
fn at_most_a_thousand_criteria() {
    assert_eq!(parse(&sized(10, 100)).map(|f| f.criterion_count()), Ok(1_000));
    // 11 standards of 91: the 1,001st criterion is the last of the last standard.
    let line = 12 + 10 * (4 + 91 * 8) + 4 + 90 * 8;
    assert_eq!(
        errors(&sized(11, 91)),
        [format!(
            "line {line}, `standards`: expected at most 1,000 criteria in the whole framework, found 1,001"
        )]
    );
}

#[test]
fn a_byte_order_mark_is_accepted_and_lines_stay_right() {
    let with_bom = format!("\u{feff}{}", example());
    assert_eq!(parse(&with_bom), parse(example()));
    let broken = with_bom.replacen("audience = \"children\"", "audience = \"kids\"", 1);
    assert!(errors(&broken)[0].starts_with("line 6, `framework.audience`"));
}

#[test]
fn windows_line_endings_are_accepted_and_lines_stay_right() {
    let crlf = example().replace('\n', "\r\n");
    assert_eq!(parse(&crlf), parse(example()));
    let broken = crlf.replacen("answer = \"rating\"", "answer = \"ratings\"", 1);
    assert!(errors(&broken)[0].starts_with("line 23, `standards[0].criteria[0].answer`"));
}

#[test]
fn text_is_trimmed() {
    let padded = example().replacen("title = \"Training\"", "title = \"  Training \\n \"", 1);
    let f = parse(&padded).expect("valid");
    assert_eq!(f.standards[1].title, "Training");
    assert_eq!(parse(&padded), parse(example()));
}
