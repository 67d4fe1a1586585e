//! Signing in as the demo's people and finding, by following the links a person would
//! follow, what each of them works on: a lead's assessment, its standards and one
//! answered criterion per standard; a partnership's open cycle and its returns.

use std::time::Duration;

use anyhow::{Context, bail};
use scraper::{Html, Selector};

/// The demo's partnership people who read the Kestrel children's partnership's open
/// cycle: its admin, analyst and panel member.
pub const STAFF: &[&str] =
    &["admin.kestrel@demo.example", "analyst.kestrel@demo.example", "panel.kestrel@demo.example"];

/// One signed-in browser: its own cookie jar (so its own session) and keep-alive.
pub fn client() -> anyhow::Result<reqwest::Client> {
    Ok(reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(4)
        .timeout(Duration::from_secs(60))
        .build()?)
}

pub async fn get_text(client: &reqwest::Client, url: &str) -> anyhow::Result<String> {
    let r = client.get(url).send().await?;
    if !r.status().is_success() {
        bail!("GET {url}: {}", r.status());
    }
    Ok(r.text().await?)
}

pub async fn sign_in(base: &str, email: &str, password: &str) -> anyhow::Result<reqwest::Client> {
    let client = client()?;
    let page = get_text(&client, &format!("{base}/sign-in")).await?;
    let token = hidden(&page, "csrf_token").context("the sign-in page has no CSRF token")?;
    let r = client
        .post(format!("{base}/sign-in"))
        .form(&[("csrf_token", token.as_str()), ("email", email), ("password", password)])
        .send()
        .await?;
    if !r.status().is_redirection() {
        bail!("signing in as {email}: {}", r.status());
    }
    Ok(client)
}

/// Every distinct `prefix(\d+)` link target in `html` (e.g. `/assessments/`), in order.
pub fn ids(html: &str, prefix: &str) -> Vec<i64> {
    let mut out = Vec::new();
    let needle = format!("href=\"{prefix}");
    for (at, _) in html.match_indices(&needle) {
        let digits: String = html[at + needle.len()..].chars().take_while(|c| c.is_ascii_digit()).collect();
        let next = html[at + needle.len() + digits.len()..].chars().next();
        if let (Ok(id), Some('"')) = (digits.parse(), next)
            && !out.contains(&id)
        {
            out.push(id);
        }
    }
    out
}

pub fn hidden(html: &str, name: &str) -> Option<String> {
    let doc = Html::parse_document(html);
    let sel = Selector::parse(&format!("input[name=\"{name}\"]")).ok()?;
    doc.select(&sel).next().and_then(|e| e.value().attr("value")).map(str::to_owned)
}

/// The fields of the form posting to `action`, as a browser would send them.
pub fn form_fields(html: &str, action: &str) -> Vec<(String, String)> {
    let doc = Html::parse_document(html);
    let Ok(form_sel) = Selector::parse(&format!("form[action=\"{action}\"]")) else { return Vec::new() };
    let Ok(field_sel) = Selector::parse("input, textarea") else { return Vec::new() };
    let Some(form) = doc.select(&form_sel).next() else { return Vec::new() };
    let mut out = Vec::new();
    for e in form.select(&field_sel) {
        let v = e.value();
        let Some(name) = v.attr("name") else { continue };
        if v.name() == "textarea" {
            out.push((name.to_owned(), e.text().collect::<String>()));
            continue;
        }
        match v.attr("type").unwrap_or("text") {
            "radio" | "checkbox" if v.attr("checked").is_none() => {}
            "submit" | "file" | "button" => {}
            _ => out.push((name.to_owned(), v.attr("value").unwrap_or("").to_owned())),
        }
    }
    out
}

/// A lead's assessment and, per standard, the page's form and one answered criterion.
pub struct Lead {
    pub client: reqwest::Client,
    pub assessment: i64,
    pub standards: Vec<StandardForm>,
}

pub struct StandardForm {
    pub code: String,
    pub criterion: String,
    pub fields: Vec<(String, String)>,
}

impl StandardForm {
    pub fn field(&self, prefix: &str) -> String {
        let name = format!("{prefix}:{}", self.criterion);
        self.fields.iter().find(|(n, _)| *n == name).map(|(_, v)| v.clone()).unwrap_or_default()
    }
}

/// Signs in a lead and finds their first assessment; `None` when they have none.
pub async fn lead(base: &str, email: &'static str, password: &str) -> anyhow::Result<Option<Lead>> {
    let client = sign_in(base, email, password).await?;
    let home = get_text(&client, &format!("{base}/home")).await?;
    let Some(org) = ids(&home, "/organisations/").first().copied() else { return Ok(None) };
    let list = get_text(&client, &format!("{base}/organisations/{org}/assessments")).await?;
    let Some(assessment) = ids(&list, "/assessments/").first().copied() else { return Ok(None) };
    let tasks = get_text(&client, &format!("{base}/assessments/{assessment}")).await?;
    let prefix = format!("href=\"/assessments/{assessment}/standards/");
    let mut codes: Vec<String> = Vec::new();
    for (at, _) in tasks.match_indices(&prefix) {
        let code: String = tasks[at + prefix.len()..].chars().take_while(|c| *c != '"').collect();
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    let mut standards = Vec::new();
    for code in codes {
        let action = format!("/assessments/{assessment}/standards/{code}");
        let page = get_text(&client, &format!("{base}{action}")).await?;
        let fields = form_fields(&page, &action);
        // A criterion already answered, so changing only its narrative keeps it valid.
        let answered = fields.iter().find_map(|(name, value)| {
            name.strip_prefix("value:").filter(|_| !value.is_empty()).map(str::to_owned)
        });
        if let Some(criterion) = answered {
            standards.push(StandardForm { code, criterion, fields });
        }
    }
    if standards.is_empty() {
        return Ok(None);
    }
    Ok(Some(Lead { client, assessment, standards }))
}

/// The open cycle the Kestrel staff read, and the returns it lists.
pub struct Cycle {
    pub id: i64,
    pub returns: Vec<i64>,
}

pub async fn cycle(base: &str, staff: &reqwest::Client) -> anyhow::Result<Cycle> {
    let home = get_text(staff, &format!("{base}/home")).await?;
    let id = *ids(&home, "/cycles/").first().context("the Kestrel admin sees no open cycle")?;
    let page = get_text(staff, &format!("{base}/cycles/{id}")).await?;
    let returns = ids(&page, "/returns/");
    if returns.is_empty() {
        bail!("cycle {id} lists no returns");
    }
    Ok(Cycle { id, returns })
}

/// The demo's organisation safeguarding leads (`lead.…@demo.example`), in the order
/// the demo lists its people. Read from the demo's source rather than by linking the
/// server crate, so the benchmark builds in seconds and runs against any binary.
pub fn lead_emails() -> Vec<&'static str> {
    const REGION: &str = include_str!("../../server/src/demo/region.rs");
    let mut out = Vec::new();
    for line in REGION.lines() {
        if let Some(rest) = line.trim().strip_prefix("email: \"")
            && rest.starts_with("lead.")
            && let Some(end) = rest.find('"')
            && !out.contains(&&rest[..end])
        {
            out.push(&rest[..end]);
        }
    }
    out
}
