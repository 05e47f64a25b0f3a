//! The index page: every document in one inline JSON array, shown a page of rows at a
//! time by a small script that sorts and filters over the whole array.

use std::collections::BTreeMap;
use std::fmt::Write;

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use super::html::{push_escaped, script_json};
use super::page::{self, Layout};
use super::{Doc, fields};
use crate::record::Record;

const SCRIPT: &str = include_str!("index.js");

/// Subjects longer than this are cut in the index (the page has them whole).
const SUBJECT_CHARS: usize = 240;

/// One document's line in the index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub i: usize,
    pub path: String,
    pub number: Option<String>,
    pub date: Option<String>,
    pub kind: Option<String>,
    pub issuer: Option<String>,
    pub subject: Option<String>,
    /// Record warnings, then review notes.
    pub codes: Vec<String>,
    pub errors: usize,
    pub missing: Vec<&'static str>,
    pub noted: bool,
}

impl Row {
    pub fn of(doc: &Doc, i: usize) -> Row {
        let r = &doc.record;
        let nfc = |s: &Option<String>| s.as_ref().map(|s| s.nfc().collect::<String>());
        Row {
            i,
            path: r.source.path.clone(),
            number: r.number.as_ref().map(|n| n.value.clone()),
            date: r.date.clone(),
            kind: r.kind.clone(),
            issuer: nfc(&r.issuer.name),
            subject: nfc(&r.subject).map(|s| cut(&s, SUBJECT_CHARS)),
            codes: r
                .warnings
                .iter()
                .chain(&doc.notes)
                .map(|w| w.code.clone())
                .collect(),
            errors: usize::from(r.error.is_some()),
            missing: if r.error.is_some() {
                Vec::new()
            } else {
                fields::missing(r)
            },
            noted: !doc.notes.is_empty(),
        }
    }
}

/// What a document is called in titles: its number, else its file name.
pub fn title(record: &Record) -> String {
    match &record.number {
        Some(n) => n.value.clone(),
        None => record
            .source
            .path
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or(&record.source.path)
            .to_string(),
    }
}

fn cut(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &s[..at]),
        None => s.to_string(),
    }
}

/// `[i, path, number, date, kind, issuer, subject, warnings, errors, [code…], [missing…]]`:
/// an array per row keeps the inline JSON small for large batches.
type DataRow<'a> = (
    usize,
    &'a str,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
    usize,
    usize,
    Vec<usize>,
    Vec<usize>,
);

/// The inline data: rows as arrays, warning codes and missing fields as indices.
#[derive(Serialize)]
struct Data<'a> {
    codes: Vec<&'a str>,
    missing: &'static [&'static str],
    /// Digits in page names (`docs/00042.html`).
    width: usize,
    rows: Vec<DataRow<'a>>,
}

/// The HTML of the index page.
pub fn render(rows: &[Row], layout: &Layout) -> String {
    let mut code_counts: BTreeMap<&str, usize> = BTreeMap::new();
    let mut kind_counts: BTreeMap<&str, usize> = BTreeMap::new();
    let mut missing_counts: BTreeMap<&str, usize> = BTreeMap::new();
    for row in rows {
        let mut seen: Vec<&str> = row.codes.iter().map(String::as_str).collect();
        seen.sort_unstable();
        seen.dedup();
        for code in seen {
            *code_counts.entry(code).or_default() += 1;
        }
        *kind_counts
            .entry(row.kind.as_deref().unwrap_or(""))
            .or_default() += 1;
        for m in &row.missing {
            *missing_counts.entry(m).or_default() += 1;
        }
    }
    let codes: Vec<&str> = code_counts.keys().copied().collect();
    let data = Data {
        codes: codes.clone(),
        missing: fields::EXPECTED,
        width: layout.width,
        rows: rows
            .iter()
            .map(|r| {
                (
                    r.i,
                    r.path.as_str(),
                    r.number.as_deref(),
                    r.date.as_deref(),
                    r.kind.as_deref(),
                    r.issuer.as_deref(),
                    r.subject.as_deref(),
                    r.codes.len(),
                    r.errors,
                    r.codes
                        .iter()
                        .filter_map(|c| codes.binary_search(&c.as_str()).ok())
                        .collect(),
                    r.missing
                        .iter()
                        .filter_map(|m| fields::EXPECTED.iter().position(|e| e == m))
                        .collect(),
                )
            })
            .collect(),
    };
    let with_errors = rows.iter().filter(|r| r.errors > 0).count();
    let with_warnings = rows.iter().filter(|r| !r.codes.is_empty()).count();

    let mut out = String::with_capacity(rows.len() * 320 + 32_768);
    page::head(&mut out, "vanban review");
    let _ = write!(
        out,
        "<body class=\"index-page\" data-total=\"{}\" data-width=\"{}\">\n\
         <header class=\"index-head\"><h1>vanban review</h1>\
         <p class=\"sub\">{} documents · {} with warnings · {} with errors</p></header>\n",
        rows.len(),
        layout.width,
        rows.len(),
        with_warnings,
        with_errors
    );

    out.push_str("<form class=\"filters\" id=\"filters\" autocomplete=\"off\">\n");
    out.push_str(
        "<label>Search <input type=\"search\" id=\"q\" placeholder=\"number, issuer, subject, file\"></label>\n",
    );
    out.push_str("<label>Kind <select id=\"kind\"><option value=\"\">all</option>");
    for (kind, n) in &kind_counts {
        let (value, label) = if kind.is_empty() {
            ("~", "(none)")
        } else {
            (*kind, *kind)
        };
        option(&mut out, value, &format!("{label} ({n})"));
    }
    out.push_str("</select></label>\n");
    out.push_str(
        "<label>Warning <select id=\"code\"><option value=\"\">any</option>\
         <option value=\"*\">with warnings</option><option value=\"-\">without warnings</option>",
    );
    for (code, n) in &code_counts {
        option(&mut out, code, &format!("{code} ({n})"));
    }
    out.push_str("</select></label>\n");
    out.push_str("<label>Missing <select id=\"missing\"><option value=\"\">—</option>");
    for field in fields::EXPECTED {
        let n = missing_counts.get(field).copied().unwrap_or(0);
        option(&mut out, field, &format!("{field} ({n})"));
    }
    out.push_str("</select></label>\n");
    out.push_str(
        "<label class=\"check\"><input type=\"checkbox\" id=\"errors\"> errors only</label>\n\
         <button type=\"button\" id=\"reset\">Reset</button>\n\
         <span class=\"count\" id=\"count\"></span>\n</form>\n",
    );

    out.push_str("<nav class=\"pager\" id=\"pager-top\"></nav>\n");
    out.push_str("<table class=\"docs\" id=\"docs\"><thead><tr>");
    for (key, label) in [
        ("i", "#"),
        ("n", "Number"),
        ("d", "Date"),
        ("k", "Kind"),
        ("s", "Issuer"),
        ("t", "Subject"),
        ("w", "Warnings"),
        ("e", "Errors"),
    ] {
        let _ = write!(
            out,
            "<th data-key=\"{key}\" aria-sort=\"none\" tabindex=\"0\" title=\"sort\">{label}</th>"
        );
    }
    out.push_str("</tr></thead><tbody id=\"rows\"></tbody></table>\n");
    out.push_str("<nav class=\"pager\" id=\"pager-bottom\"></nav>\n");
    out.push_str(
        "<noscript><p class=\"banner note\">The list needs JavaScript; \
         the pages themselves are in the docs/ folder.</p></noscript>\n",
    );
    out.push_str("<script type=\"application/json\" id=\"index-data\">");
    out.push_str(&script_json(&data));
    out.push_str("</script>\n<script>");
    out.push_str(SCRIPT);
    out.push_str("</script>\n</body>\n</html>\n");
    out
}

fn option(out: &mut String, value: &str, label: &str) {
    out.push_str("<option value=\"");
    push_escaped(out, value);
    out.push_str("\">");
    push_escaped(out, label);
    out.push_str("</option>");
}
