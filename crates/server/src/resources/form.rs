//! The add and edit form: reading its multipart body (a file may come with it),
//! checking every field with a message a person can act on, and the choice of
//! standards and criteria a resource helps with.

use axum::extract::{FromRequest, Multipart, Request};

use super::store::{Fields, Source, StoredFile};
use crate::web::AppState;
use crate::web::forms::Errors;
use osa_core::framework::Framework;
use osa_core::signposting::{Link, ResourceKind, normalise};

pub const SOURCE_LINK: &str = "link";
pub const SOURCE_FILE: &str = "file";

pub const MAX_TITLE_CHARS: usize = 200;
pub const MAX_DESCRIPTION_CHARS: usize = 2000;
pub const MAX_URL_CHARS: usize = 2000;

/// What the form holds, exactly as typed, so nothing is lost when it comes back with errors.
#[derive(Debug, Default, Clone)]
pub struct ResourceForm {
    pub kind: String,
    pub title: String,
    pub description: String,
    pub source: String,
    pub url: String,
    pub links: Vec<String>,
}

/// A file sent with the form, not yet checked.
pub struct Upload {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// The form and file as posted, and any problem reading the body itself.
pub struct Posted {
    pub form: ResourceForm,
    pub upload: Option<Upload>,
    pub problem: Option<String>,
}

/// Reads the multipart body. A body that is not multipart (or cannot be read) is
/// treated as an empty form, so the person is shown what is missing.
pub async fn read(request: Request, state: &AppState) -> Posted {
    let mut posted = Posted { form: ResourceForm::default(), upload: None, problem: None };
    let Ok(mut multipart) = Multipart::from_request(request, state).await else { return posted };
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(err) => {
                posted.problem = Some(if err.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                    crate::storage::Rejected::TooLarge.to_string()
                } else {
                    "The form could not be read. Try again".to_owned()
                });
                break;
            }
        };
        let name = field.name().unwrap_or_default().to_owned();
        if name == "file" {
            let file_name = field.file_name().unwrap_or_default().to_owned();
            match field.bytes().await {
                Ok(bytes) if bytes.is_empty() && file_name.is_empty() => {}
                Ok(bytes) => posted.upload = Some(Upload { name: file_name, bytes: bytes.to_vec() }),
                Err(_) => {
                    posted.problem = Some(crate::storage::Rejected::TooLarge.to_string());
                    break;
                }
            }
            continue;
        }
        let text = field.text().await.unwrap_or_default();
        let f = &mut posted.form;
        match name.as_str() {
            "kind" => f.kind = text,
            "title" => f.title = text,
            "description" => f.description = text,
            "source" => f.source = text,
            "url" => f.url = text,
            "links" => f.links.push(text),
            _ => {}
        }
    }
    posted
}

/// A web address people can follow: http or https, with a host. Returned normalised
/// (as the `url` crate writes it), so what is stored is what browsers will request.
pub fn check_url(raw: &str) -> Result<String, &'static str> {
    let value = raw.trim();
    if value.is_empty() {
        return Err("Enter the web address of the resource");
    }
    if value.chars().count() > MAX_URL_CHARS {
        return Err("The web address must be 2,000 characters or fewer");
    }
    let Ok(url) = url::Url::parse(value) else {
        return Err(if value.contains("://") {
            "Enter a web address in the correct format, like https://www.example.org/guidance"
        } else {
            "The web address must start with https:// or http://"
        });
    };
    if !matches!(url.scheme(), "http" | "https") {
        return Err("The web address must start with https:// or http://");
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err("Enter a web address in the correct format, like https://www.example.org/guidance");
    }
    Ok(url.to_string())
}

/// The name a file is offered under: the last part of what the browser sent, without
/// control characters, and not too long. Never used to find the file.
pub fn clean_file_name(raw: &str) -> String {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let clean: String = last.chars().filter(|c| !c.is_control()).collect();
    let clean = clean.trim();
    if clean.is_empty() {
        return "resource".to_owned();
    }
    if clean.chars().count() <= 150 {
        return clean.to_owned();
    }
    // Keep the extension when shortening.
    let extension = clean.rsplit_once('.').map(|(_, e)| e).filter(|e| e.len() <= 10).unwrap_or("");
    let stem: String = clean.chars().take(140).collect();
    if extension.is_empty() { stem } else { format!("{stem}.{extension}") }
}

/// Checks everything but the upload itself. `file` is the file the resource would
/// have (just uploaded, kept from an earlier try, or already stored); `file_problem`
/// is why an upload was refused. `allowed` are the links the form offered.
pub fn validate(
    form: &ResourceForm,
    file: Option<&StoredFile>,
    file_problem: Option<String>,
    allowed: &[Link],
) -> Result<Fields, Errors> {
    let mut errors = Errors::default();
    let kind = ResourceKind::from_code(&form.kind);
    if kind.is_none() {
        errors.add("kind", "Select what kind of resource this is");
    }
    let title = form.title.split_whitespace().collect::<Vec<_>>().join(" ");
    if title.is_empty() {
        errors.add("title", "Enter a title");
    } else if title.chars().count() > MAX_TITLE_CHARS {
        errors.add("title", "Title must be 200 characters or fewer");
    }
    let description = form.description.trim().to_owned();
    if description.chars().count() > MAX_DESCRIPTION_CHARS {
        errors.add("description", "Description must be 2,000 characters or fewer");
    }
    let source = match form.source.as_str() {
        SOURCE_LINK => match check_url(&form.url) {
            Ok(url) => Some(Source::Link(url)),
            Err(message) => {
                errors.add("url", message);
                None
            }
        },
        SOURCE_FILE => match (file_problem, file) {
            (Some(problem), _) => {
                errors.add("file", problem);
                None
            }
            (None, Some(file)) => Some(Source::File(file.clone())),
            (None, None) => {
                errors.add("file", "Select a file to upload");
                None
            }
        },
        _ => {
            errors.add("source", "Select whether people follow a link or download a file");
            None
        }
    };
    let mut links = Vec::new();
    for value in &form.links {
        match Link::parse(value).filter(|l| allowed.contains(l)) {
            Some(link) => links.push(link),
            None => {
                errors.add("links", "Select standards and criteria from the list");
                break;
            }
        }
    }
    match (kind, source, errors.is_empty()) {
        (Some(kind), Some(source), true) => {
            Ok(Fields { kind, title, description, source, links: normalise(links) })
        }
        _ => Err(errors),
    }
}

/// One checkbox.
pub struct Choice {
    pub id: String,
    pub value: String,
    pub label: String,
}

/// A standard: a checkbox for all of it, and one for each of its criteria.
pub struct StandardChoice {
    pub whole: Choice,
    pub criteria: Vec<Choice>,
    /// Whether a criterion of it is chosen, so its list starts open.
    pub open: bool,
}

pub struct FrameworkChoice {
    pub name: String,
    pub standards: Vec<StandardChoice>,
    /// Whether anything in it is chosen, so it starts open.
    pub open: bool,
}

/// Everything the form offers to link to, with links kept from before that the
/// partnership's frameworks no longer hold (so saving never drops them unseen).
pub struct LinkChoices {
    pub frameworks: Vec<FrameworkChoice>,
    pub others: Vec<Choice>,
}

impl LinkChoices {
    pub fn new(frameworks: &[Framework], existing: &[Link], selected: &[String]) -> LinkChoices {
        let chosen = |value: &str| selected.iter().any(|s| s == value);
        let choices = frameworks
            .iter()
            .enumerate()
            .map(|(fi, f)| {
                let standards: Vec<StandardChoice> = f
                    .standards
                    .iter()
                    .enumerate()
                    .map(|(si, s)| {
                        let criteria: Vec<Choice> = s
                            .criteria
                            .iter()
                            .enumerate()
                            .map(|(ci, c)| Choice {
                                id: format!("links-{fi}-{si}-{ci}"),
                                value: Link::criterion(&f.key, &s.code, &c.code).code(),
                                label: format!("{} {}", c.code, c.question),
                            })
                            .collect();
                        StandardChoice {
                            whole: Choice {
                                id: format!("links-{fi}-{si}"),
                                value: Link::standard(&f.key, &s.code).code(),
                                label: format!("{}. {}", s.code, s.title),
                            },
                            open: criteria.iter().any(|c| chosen(&c.value)),
                            criteria,
                        }
                    })
                    .collect();
                FrameworkChoice {
                    name: f.name.clone(),
                    open: frameworks.len() == 1 || standards.iter().any(|s| s.open || chosen(&s.whole.value)),
                    standards,
                }
            })
            .collect();
        let others = existing
            .iter()
            .filter(|l| !frameworks.iter().any(|f| l.exists_in(f)))
            .enumerate()
            .map(|(i, l)| Choice {
                id: format!("links-other-{i}"),
                value: l.code(),
                label: match &l.criterion {
                    Some(c) => format!("{}: criterion {c} of standard {}", l.framework, l.standard),
                    None => format!("{}: standard {}", l.framework, l.standard),
                },
            })
            .collect();
        LinkChoices { frameworks: choices, others }
    }

    /// Every link a posted form may hold.
    pub fn allowed(frameworks: &[Framework], existing: &[Link]) -> Vec<Link> {
        let mut out: Vec<Link> = existing.to_vec();
        for f in frameworks {
            for s in &f.standards {
                out.push(Link::standard(&f.key, &s.code));
                out.extend(s.criteria.iter().map(|c| Link::criterion(&f.key, &s.code, &c.code)));
            }
        }
        out
    }
}

#[cfg(test)]
#[path = "form_tests.rs"]
mod tests;
