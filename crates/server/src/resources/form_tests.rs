use super::*;

fn form(source: &str) -> ResourceForm {
    ResourceForm {
        kind: "guidance".into(),
        title: "  Escalation   procedure ".into(),
        description: " When and how to challenge. ".into(),
        source: source.into(),
        url: "https://www.kestrel.example/escalation".into(),
        links: vec!["s11|6".into()],
    }
}

fn pdf() -> StoredFile {
    StoredFile { key: "0".repeat(32), name: "guide.pdf".into(), mime: "application/pdf".into(), size: 12 }
}

fn allowed() -> Vec<Link> {
    vec![Link::standard("s11", "6"), Link::criterion("s11", "6", "6.1"), Link::standard("s11", "3")]
}

fn messages(errors: &Errors) -> Vec<(&'static str, String)> {
    errors.iter().cloned().collect()
}

#[test]
fn a_complete_link_resource_is_accepted_and_tidied() {
    let fields = validate(&form(SOURCE_LINK), None, None, &allowed()).unwrap();
    assert_eq!(fields.kind, ResourceKind::Guidance);
    assert_eq!(fields.title, "Escalation procedure", "spaces are tidied");
    assert_eq!(fields.description, "When and how to challenge.");
    assert_eq!(fields.source, Source::Link("https://www.kestrel.example/escalation".into()));
    assert_eq!(fields.links, [Link::standard("s11", "6")]);
}

#[test]
fn a_file_resource_needs_a_file() {
    let fields = validate(&form(SOURCE_FILE), Some(&pdf()), None, &allowed()).unwrap();
    assert_eq!(fields.source, Source::File(pdf()));
    let errors = validate(&form(SOURCE_FILE), None, None, &allowed()).unwrap_err();
    assert_eq!(messages(&errors), [("file", "Select a file to upload".to_owned())]);
    let refused =
        validate(&form(SOURCE_FILE), Some(&pdf()), Some("The selected file is empty".into()), &allowed());
    assert_eq!(messages(&refused.unwrap_err()), [("file", "The selected file is empty".to_owned())]);
}

#[test]
fn a_link_resource_ignores_any_file_and_a_file_resource_any_address() {
    let fields = validate(&form(SOURCE_LINK), Some(&pdf()), None, &allowed()).unwrap();
    assert!(matches!(fields.source, Source::Link(_)), "exactly one of link or file");
    let mut f = form(SOURCE_FILE);
    f.url = "javascript:alert(1)".into();
    assert_eq!(validate(&f, Some(&pdf()), None, &allowed()).unwrap().source, Source::File(pdf()));
}

#[test]
fn every_missing_field_is_named() {
    let empty = ResourceForm::default();
    let errors = validate(&empty, None, None, &allowed()).unwrap_err();
    let fields: Vec<_> = messages(&errors).into_iter().map(|(f, _)| f).collect();
    assert_eq!(fields, ["kind", "title", "source"]);
    let mut f = form(SOURCE_LINK);
    f.title = " \n\t ".into();
    f.kind = "Guidance".into();
    let errors = validate(&f, None, None, &allowed()).unwrap_err();
    assert_eq!(
        messages(&errors),
        [("kind", "Select what kind of resource this is".to_owned()), ("title", "Enter a title".to_owned()),]
    );
}

#[test]
fn long_text_is_refused_with_its_limit() {
    let mut f = form(SOURCE_LINK);
    f.title = "t".repeat(MAX_TITLE_CHARS);
    f.description = "d".repeat(MAX_DESCRIPTION_CHARS);
    assert!(validate(&f, None, None, &allowed()).is_ok(), "exactly at the limits");
    f.title.push('t');
    f.description.push('d');
    let errors = validate(&f, None, None, &allowed()).unwrap_err();
    assert_eq!(
        messages(&errors),
        [
            ("title", "Title must be 200 characters or fewer".to_owned()),
            ("description", "Description must be 2,000 characters or fewer".to_owned()),
        ]
    );
}

#[test]
fn web_addresses_must_be_http_or_https_with_a_host() {
    for good in ["https://www.example.org/guide", "http://example.org", "  HTTPS://Example.org/a?b=c#d  "] {
        assert!(check_url(good).is_ok(), "{good}");
    }
    assert_eq!(
        check_url("https://Example.org/a b").unwrap(),
        "https://example.org/a%20b",
        "stored normalised"
    );
    let start = Err("The web address must start with https:// or http://");
    for bad in [
        "javascript:alert(1)",
        "data:text/html,hi",
        "ftp://example.org/x",
        "file:///etc/passwd",
        "www.example.org",
    ] {
        assert_eq!(check_url(bad), start, "{bad}");
    }
    assert_eq!(check_url("   "), Err("Enter the web address of the resource"));
    assert!(check_url("https://").is_err());
    assert!(check_url("http://exa mple.org").is_err());
    let long = format!("https://example.org/{}", "a".repeat(MAX_URL_CHARS));
    assert_eq!(check_url(&long), Err("The web address must be 2,000 characters or fewer"));
}

#[test]
fn only_offered_links_are_accepted_and_they_are_normalised() {
    let mut f = form(SOURCE_LINK);
    f.links = vec!["s11|6|6.1".into(), "s11|3".into(), "s11|6".into(), "s11|3".into()];
    let fields = validate(&f, None, None, &allowed()).unwrap();
    assert_eq!(fields.links, [Link::standard("s11", "3"), Link::standard("s11", "6")]);
    for bad in ["s11|9", "other|6", "s11|6|6.9", "nonsense", ""] {
        f.links = vec![bad.into()];
        let errors = validate(&f, None, None, &allowed()).unwrap_err();
        assert_eq!(
            messages(&errors),
            [("links", "Select standards and criteria from the list".to_owned())],
            "{bad}"
        );
    }
    f.links.clear();
    assert!(validate(&f, None, None, &allowed()).unwrap().links.is_empty(), "links are optional");
}

#[test]
fn file_names_keep_their_last_part_only() {
    assert_eq!(clean_file_name("C:\\Users\\me\\Safer recruitment.pdf"), "Safer recruitment.pdf");
    assert_eq!(clean_file_name("../../etc/passwd"), "passwd");
    assert_eq!(clean_file_name("a\u{0}b\nc.pdf"), "abc.pdf");
    assert_eq!(clean_file_name("  "), "resource");
    assert_eq!(clean_file_name("dir/"), "resource");
    let long = format!("{}.docx", "n".repeat(300));
    let cleaned = clean_file_name(&long);
    assert!(cleaned.ends_with(".docx") && cleaned.chars().count() <= 150, "{cleaned}");
}

fn framework(key: &str) -> Framework {
    let text = format!(
        r#"[framework]
key = "{key}"
name = "Framework {key}"
audience = "children"
version = 1
description = "D"
standing_rule = "default"

[[standards]]
code = "1"
title = "Leadership"
outcome = "O"

[[standards.criteria]]
code = "1.1"
question = "We have a lead."
guidance = "G"
evidence = ["E"]
answer = "rating"
not_applicable = false
narrative_required = false
"#
    );
    osa_core::framework::parse(&text).unwrap()
}

#[test]
fn the_choices_offer_every_standard_and_criterion_and_keep_old_links() {
    let frameworks = [framework("a"), framework("b")];
    let existing = [Link::criterion("a", "1", "1.1"), Link::standard("gone", "4")];
    let selected: Vec<String> = existing.iter().map(Link::code).collect();
    let choices = LinkChoices::new(&frameworks, &existing, &selected);
    assert_eq!(choices.frameworks.len(), 2);
    let a = &choices.frameworks[0];
    assert!(a.open, "a framework with a chosen criterion starts open");
    assert!(!choices.frameworks[1].open);
    assert_eq!(a.standards[0].whole.value, "a|1");
    assert_eq!(a.standards[0].whole.label, "1. Leadership");
    assert!(a.standards[0].open);
    assert_eq!(a.standards[0].criteria[0].value, "a|1|1.1");
    assert_eq!(a.standards[0].criteria[0].label, "1.1 We have a lead.");
    assert_eq!(choices.others.len(), 1, "a link the frameworks no longer hold is still offered");
    assert_eq!(choices.others[0].value, "gone|4");
    let mut ids: Vec<&str> = choices
        .frameworks
        .iter()
        .flat_map(|f| f.standards.iter())
        .flat_map(|s| std::iter::once(&s.whole).chain(s.criteria.iter()))
        .chain(choices.others.iter())
        .map(|c| c.id.as_str())
        .collect();
    let count = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), count, "every checkbox has its own id");
    let allowed = LinkChoices::allowed(&frameworks, &existing);
    assert!(allowed.contains(&Link::standard("gone", "4")));
    assert!(allowed.contains(&Link::criterion("b", "1", "1.1")));
    assert!(!allowed.contains(&Link::standard("b", "2")));
}
