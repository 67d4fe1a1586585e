//! Reading a page as a browser does, with `scraper`, instead of splitting strings:
//! text by CSS selector, a form field's value, the error summary, a table's cells.
//! Text comes back unescaped and with runs of white space collapsed, so a test asserts
//! what a person reads.

use scraper::{ElementRef, Html, Selector};

use super::Page;

fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css:?}: {e}"))
}

/// The text a person reads in an element: white space collapsed, trimmed.
pub fn text_of(element: ElementRef<'_>) -> String {
    element.text().collect::<Vec<_>>().join(" ").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The value of the input or textarea named `name` in an HTML document, if any.
pub fn field_in(body: &str, name: &str) -> Option<String> {
    let html = Html::parse_document(body);
    let input = selector(&format!("input[name=\"{name}\"]"));
    if let Some(e) = html.select(&input).next() {
        return Some(e.value().attr("value").unwrap_or_default().to_owned());
    }
    let textarea = selector(&format!("textarea[name=\"{name}\"]"));
    html.select(&textarea).next().map(|e| e.text().collect())
}

impl Page {
    pub fn html(&self) -> Html {
        Html::parse_document(&self.body)
    }

    /// The text of every element matching `css`, in page order.
    pub fn texts(&self, css: &str) -> Vec<String> {
        self.html().select(&selector(css)).map(text_of).collect()
    }

    /// The text of the first element matching `css`; panics (showing the page) if none.
    pub fn text(&self, css: &str) -> String {
        self.texts(css).into_iter().next().unwrap_or_else(|| panic!("nothing matches {css:?}: {}", self.body))
    }

    /// The value of every element matching `css` for attribute `name`, in page order.
    pub fn attrs(&self, css: &str, name: &str) -> Vec<String> {
        self.html().select(&selector(css)).filter_map(|e| e.value().attr(name).map(str::to_owned)).collect()
    }

    /// The value a form would send for the input or textarea named `name`, if the page
    /// has one (a textarea's value is its text).
    pub fn field(&self, name: &str) -> Option<String> {
        field_in(&self.body, name)
    }

    /// Every hidden field of the page's forms, as a browser sends them back.
    pub fn hidden_fields(&self) -> Vec<(String, String)> {
        self.html()
            .select(&selector("input[type=hidden][name]"))
            .map(|e| {
                let v = e.value();
                (
                    v.attr("name").unwrap_or_default().to_owned(),
                    v.attr("value").unwrap_or_default().to_owned(),
                )
            })
            .collect()
    }

    /// The messages of the GOV.UK error summary; empty when the page has none.
    pub fn error_summary(&self) -> Vec<String> {
        self.texts(".govuk-error-summary__list li")
    }

    /// The text of each cell of each body row of the tables matching `css`.
    pub fn table_rows(&self, css: &str) -> Vec<Vec<String>> {
        let html = self.html();
        let cell = selector("th, td");
        html.select(&selector(&format!("{css} tbody tr")))
            .map(|row| row.select(&cell).map(text_of).collect())
            .collect()
    }
}
