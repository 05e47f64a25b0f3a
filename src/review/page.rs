//! One document's page: the highlighted text beside the record, warnings linked into
//! the text, the decoding and normalization report, and links around.

use std::fmt::Write;

use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

use super::fields;
use super::highlight::{self, Mark};
use super::html::{escape, push_escaped, script_json};
use super::{Doc, index};

/// The style sheet shared by the index and the document pages.
pub const STYLE: &str = include_str!("style.css");
const SCRIPT: &str = include_str!("page.js");

/// How pages are named: `NNNNN.html`, zero-padded to the width the count needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    pub total: usize,
    pub width: usize,
}

impl Layout {
    pub fn new(total: usize) -> Layout {
        let width = total.saturating_sub(1).to_string().len().max(5);
        Layout { total, width }
    }

    pub fn file_name(&self, i: usize) -> String {
        format!("{:0width$}.html", i, width = self.width)
    }

    /// Whether a page named with `digits` digits for document `i` is not part of this run.
    pub fn is_stale(&self, i: usize, digits: usize) -> bool {
        i >= self.total || digits != self.width
    }
}

/// The HTML of document `i`'s page.
pub fn render(doc: &Doc, i: usize, layout: &Layout) -> String {
    let record = &doc.record;
    let json = serde_json::to_value(record).unwrap_or(Value::Null);
    let classes = fields::classes(record.spans.keys().map(String::as_str));
    // Warning codes per span field, and the field each warning points to.
    let targets: Vec<Option<&str>> = record
        .warnings
        .iter()
        .map(|w| fields::warning_field(record, &w.code, &w.message))
        .collect();
    let warn_codes = |field: &str| -> Option<String> {
        let codes: Vec<&str> = record
            .warnings
            .iter()
            .zip(&targets)
            .filter(|(_, t)| **t == Some(field))
            .map(|(w, _)| w.code.as_str())
            .collect();
        (!codes.is_empty()).then(|| codes.join(" "))
    };
    let warns: Vec<(String, Option<String>)> = classes
        .iter()
        .map(|(f, _)| (f.to_string(), warn_codes(f)))
        .collect();
    let marks: Vec<Mark> = record
        .spans
        .iter()
        .map(|(field, [start, end])| Mark {
            field,
            start: *start,
            end: *end,
            class: class_of(&classes, field),
            warn: warns
                .iter()
                .find(|(f, _)| f == field)
                .and_then(|(_, w)| w.as_deref()),
        })
        .collect();

    let mut out = String::with_capacity(doc.text.as_ref().map_or(0, |t| t.len() * 2) + 16_384);
    let title = index::title(record);
    head(&mut out, &format!("{title} — vanban review"));
    let _ = writeln!(
        out,
        "<body class=\"doc-page\" data-doc=\"{i}\" data-total=\"{}\" data-path=\"{}\">",
        layout.total,
        escape(&record.source.path)
    );
    nav(&mut out, i, layout, &record.source.path);

    out.push_str("<header class=\"doc-head\"><h1>");
    push_escaped(&mut out, &title);
    out.push_str("</h1><p class=\"sub\">");
    let sub: Vec<String> = [
        record.kind.clone(),
        record.issuer.name.clone(),
        record.date.clone(),
    ]
    .into_iter()
    .flatten()
    .collect();
    push_escaped(&mut out, &nfc(&sub.join(" · ")));
    if let Some(subject) = &record.subject {
        out.push_str("<br>");
        push_escaped(&mut out, &nfc(subject));
    }
    out.push_str("</p></header>\n");

    if let Some(error) = &record.error {
        out.push_str("<p class=\"banner error\" id=\"error\"><b>Error</b> <code>");
        push_escaped(&mut out, &error.code);
        out.push_str("</code> ");
        push_escaped(&mut out, &error.message);
        out.push_str("</p>\n");
    }
    for note in &doc.notes {
        out.push_str("<p class=\"banner note\"><b>Review</b> <code>");
        push_escaped(&mut out, &note.code);
        out.push_str("</code> ");
        push_escaped(&mut out, &note.message);
        out.push_str("</p>\n");
    }

    out.push_str("<main class=\"cols\">\n<section class=\"text-col\">\n<h2>Normalized text</h2>\n");
    match &doc.text {
        Some(text) => {
            legend(&mut out, &classes);
            out.push_str("<pre id=\"text\" class=\"text\">");
            out.push_str(&highlight::render(text, &marks));
            out.push_str("</pre>\n");
        }
        None => out.push_str(
            "<p id=\"text\" class=\"notext\">The text is not available (see the notes above).</p>\n",
        ),
    }
    out.push_str("</section>\n<aside class=\"side-col\">\n");
    record_table(&mut out, &json, record, &classes);
    warnings(&mut out, record, &targets);
    source(&mut out, doc);
    out.push_str("</aside>\n</main>\n");

    out.push_str("<script type=\"application/json\" id=\"record-json\">");
    out.push_str(&script_json(record));
    out.push_str("</script>\n<script>");
    out.push_str(SCRIPT);
    out.push_str("</script>\n</body>\n</html>\n");
    out
}

/// `<!DOCTYPE>` to `</head>`, with the style sheet inline.
pub fn head(out: &mut String, title: &str) {
    out.push_str(
        "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
    );
    push_escaped(out, title);
    out.push_str("</title>\n<style>");
    out.push_str(STYLE);
    out.push_str("</style>\n</head>\n");
}

/// The scalar fields the record table shows, heading first, then the signer (lists sit
/// between the two groups).
const TABLE_SCALARS: [&str; 13] = [
    "kind",
    "number",
    "issuer.parent",
    "issuer.name",
    "place",
    "date",
    "subject",
    "urgency",
    "security",
    "signer.authority",
    "signer.principal",
    "signer.title",
    "signer.name",
];
/// How many of [`TABLE_SCALARS`] come before the lists.
const HEADING_SCALARS: usize = 9;

fn nav(out: &mut String, i: usize, layout: &Layout, path: &str) {
    out.push_str(
        "<nav class=\"bar\"><a href=\"../index.html\" rel=\"index\" id=\"to-index\">↑ Index</a>",
    );
    if i > 0 {
        let _ = write!(
            out,
            "<a href=\"{}\" rel=\"prev\" id=\"prev\">← Previous</a>",
            layout.file_name(i - 1)
        );
    } else {
        out.push_str("<span class=\"off\">← Previous</span>");
    }
    let _ = write!(
        out,
        "<span class=\"pos\">{} / {}</span>",
        i + 1,
        layout.total
    );
    if i + 1 < layout.total {
        let _ = write!(
            out,
            "<a href=\"{}\" rel=\"next\" id=\"next\">Next →</a>",
            layout.file_name(i + 1)
        );
    } else {
        out.push_str("<span class=\"off\">Next →</span>");
    }
    out.push_str("<span class=\"path\" title=\"source file\">");
    push_escaped(out, path);
    out.push_str("</span></nav>\n");
}

fn legend(out: &mut String, classes: &[(&str, String)]) {
    if classes.is_empty() {
        out.push_str("<p class=\"legend none\">No span was extracted.</p>\n");
        return;
    }
    out.push_str("<ul class=\"legend\" id=\"legend\">");
    for (field, class) in classes {
        out.push_str("<li><a href=\"#f-");
        push_escaped(out, field);
        out.push_str("\"><span class=\"sw ");
        out.push_str(class);
        out.push_str("\"></span>");
        push_escaped(out, field);
        if let Some(gloss) = fields::gloss(field) {
            out.push_str(" <small>");
            out.push_str(gloss);
            out.push_str("</small>");
        }
        out.push_str("</a></li>");
    }
    out.push_str("</ul>\n");
}

/// The record as a two-column table, in the order of the spec.
/// The colour class of a span field.
fn class_of<'c>(classes: &'c [(&str, String)], field: &str) -> &'c str {
    classes
        .iter()
        .find(|(f, _)| *f == field)
        .map_or("c0", |(_, c)| c.as_str())
}

fn record_table(
    out: &mut String,
    json: &Value,
    record: &crate::Record,
    classes: &[(&str, String)],
) {
    out.push_str("<section id=\"record\"><h2>Record</h2>\n<table class=\"rec\"><thead><tr><th>field</th><th>value</th></tr></thead><tbody>\n");
    let scalar = |out: &mut String, field: &str| {
        let value = fields::value_at(json, field);
        row_start(
            out,
            field,
            record
                .spans
                .contains_key(field)
                .then(|| class_of(classes, field)),
        );
        match value {
            Some(v) => push_escaped(out, &nfc(&fields::value_text(v))),
            None => out.push_str("<span class=\"null\">—</span>"),
        }
        if field == "number"
            && let Some(n) = &record.number
        {
            let parts: Vec<String> = [
                n.seq.map(|s| format!("seq {s}")),
                n.year.map(|y| format!("year {y}")),
                n.symbol.as_ref().map(|s| format!("symbol {s}")),
            ]
            .into_iter()
            .flatten()
            .collect();
            if !parts.is_empty() {
                out.push_str(" <small>");
                push_escaped(out, &parts.join(" · "));
                out.push_str("</small>");
            }
        }
        out.push_str("</td></tr>\n");
    };
    for field in &TABLE_SCALARS[..HEADING_SCALARS] {
        scalar(out, field);
    }
    list(out, "recipients", record.recipients.iter().map(|r| nfc(r)));
    list(
        out,
        "tasks",
        record.tasks.iter().map(|t| {
            let deadlines = if t.deadlines.is_empty() {
                String::new()
            } else {
                format!(" [{}]", t.deadlines.join(", "))
            };
            nfc(&format!("{}. {}{deadlines}", t.label, t.text))
        }),
    );
    list(
        out,
        "deadlines",
        record.deadlines.iter().map(|d| {
            let task = d
                .task
                .as_ref()
                .map(|t| format!(" (task {t})"))
                .unwrap_or_default();
            nfc(&format!(
                "{}: {}{task}",
                d.date.as_deref().unwrap_or("no date"),
                d.text
            ))
        }),
    );
    for field in &TABLE_SCALARS[HEADING_SCALARS..] {
        scalar(out, field);
    }
    if !record.signer.chain.is_empty() {
        list(
            out,
            "signer.chain",
            record.signer.chain.iter().map(|c| nfc(c)),
        );
    }
    list(
        out,
        "distribution",
        record.distribution.iter().map(|d| nfc(d)),
    );
    list(
        out,
        "references",
        record.references.iter().map(|r| {
            let mut s = r.number.clone();
            if let Some(kind) = &r.kind {
                s = format!("{kind} {s}");
            }
            if let Some(date) = &r.date {
                s = format!("{s} ({date})");
            }
            nfc(&s)
        }),
    );
    // Span fields the table above does not show (added to the pipeline later).
    let shown = TABLE_SCALARS;
    for field in record.spans.keys().filter(|f| !shown.contains(&f.as_str())) {
        scalar(out, field);
    }
    out.push_str("</tbody></table></section>\n");
}

fn row_start(out: &mut String, field: &str, class: Option<&str>) {
    out.push_str("<tr><th scope=\"row\">");
    match class {
        Some(class) => {
            out.push_str("<a href=\"#f-");
            push_escaped(out, field);
            out.push_str("\" title=\"show in the text\"><span class=\"sw ");
            out.push_str(class);
            out.push_str("\"></span>");
            push_escaped(out, field);
            out.push_str("</a>");
        }
        None => push_escaped(out, field),
    }
    out.push_str("</th><td>");
}

fn list(out: &mut String, field: &str, items: impl Iterator<Item = String>) {
    row_start(out, field, None);
    let items: Vec<String> = items.collect();
    if items.is_empty() {
        out.push_str("<span class=\"null\">[]</span>");
    } else {
        out.push_str("<ol>");
        for item in items {
            out.push_str("<li>");
            push_escaped(out, &item);
            out.push_str("</li>");
        }
        out.push_str("</ol>");
    }
    out.push_str("</td></tr>\n");
}

fn warnings(out: &mut String, record: &crate::Record, targets: &[Option<&str>]) {
    let _ = writeln!(
        out,
        "<section id=\"warnings\"><h2>Warnings ({})</h2>",
        record.warnings.len()
    );
    if record.warnings.is_empty() {
        out.push_str("<p class=\"null\">None.</p></section>\n");
        return;
    }
    out.push_str("<ol class=\"warnings\">");
    for (k, (w, target)) in record.warnings.iter().zip(targets).enumerate() {
        let _ = write!(out, "<li id=\"w{k}\"><code>");
        push_escaped(out, &w.code);
        out.push_str("</code> ");
        push_escaped(out, &w.message);
        match target {
            Some(field) => {
                out.push_str(" <a class=\"goto\" href=\"#f-");
                push_escaped(out, field);
                out.push_str("\">→ ");
                push_escaped(out, field);
                out.push_str(" in the text</a>");
            }
            None if w.code.starts_with("decode") => {
                out.push_str(" <a class=\"goto\" href=\"#source\">→ decoding</a>")
            }
            None => out.push_str(" <span class=\"null\">(no place in the text)</span>"),
        }
        out.push_str("</li>");
    }
    out.push_str("</ol></section>\n");
}

fn source(out: &mut String, doc: &Doc) {
    let s = &doc.record.source;
    out.push_str("<section id=\"source\"><h2>Source and decoding</h2><dl class=\"src\">");
    let item = |out: &mut String, term: &str, value: &str| {
        out.push_str("<dt>");
        out.push_str(term);
        out.push_str("</dt><dd>");
        push_escaped(out, value);
        out.push_str("</dd>");
    };
    item(out, "path", &s.path);
    if let Some(from) = &doc.read_from {
        item(out, "read from", from);
    }
    item(out, "bytes", &s.bytes.to_string());
    item(out, "SHA-256", s.sha256.as_deref().unwrap_or("—"));
    let encoding = match (&s.encoding, &doc.detected) {
        (Some(e), Some((d, c))) if e == d => format!("{e} (confidence {c:.2})"),
        (Some(e), Some((d, c))) => format!("{e} in the record; {d} now (confidence {c:.2})"),
        (None, Some((d, c))) => format!("{d} (confidence {c:.2})"),
        (Some(e), None) => e.clone(),
        (None, None) => "—".to_string(),
    };
    item(out, "encoding", &encoding);
    out.push_str("<dt>decoding notes</dt><dd>");
    notes_list(
        out,
        doc.decode_notes
            .iter()
            .map(|n| (n.code.as_str(), n.message.as_str())),
    );
    out.push_str("</dd><dt>normalization</dt><dd>");
    let repairs: Vec<(String, String)> = doc
        .repairs
        .iter()
        .map(|(what, n)| (format!("normalize.{what}"), n.to_string()))
        .collect();
    notes_list(out, repairs.iter().map(|(a, b)| (a.as_str(), b.as_str())));
    out.push_str("</dd>");
    if let Some(text) = &doc.text {
        item(out, "characters", &text.chars().count().to_string());
    }
    out.push_str("</dl></section>\n");
}

fn notes_list<'a>(out: &mut String, notes: impl Iterator<Item = (&'a str, &'a str)>) {
    let mut any = false;
    for (code, message) in notes {
        out.push_str(if any { "<br>" } else { "" });
        out.push_str("<code>");
        push_escaped(out, code);
        out.push_str("</code> ");
        push_escaped(out, message);
        any = true;
    }
    if !any {
        out.push_str("<span class=\"null\">none</span>");
    }
}

fn nfc(s: &str) -> String {
    s.nfc().collect()
}
