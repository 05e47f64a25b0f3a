//! The abstract (trích yếu): for a công văn the text after `V/v` (or `Về việc`) under the
//! number; for other kinds the title under the type name, without its leading
//! `Về việc` / `V/v` / `Về` marker. Wrapped lines are joined.

use std::sync::LazyLock;

use regex::Regex;

use crate::doc::{Doc, Span};
use crate::extract::date::is_date_line;
use crate::extract::kind::{Title, mostly_upper};
use crate::layout::{KINH_GUI, Layout, NUMBER_LABEL, is_title_anchor};

/// `V/v`, `V/v:`, `Về việc`, and OCR's `Viv`, `V/V`, `V.v`.
static ABSTRACT_MARK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:v\s*[/.i]\s*v\b|ve viec\b)\s*[:.]?\s*").expect("valid regex")
});
/// A leading `Về` (alone or before the words) in a title under the type name.
static TITLE_MARK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:v\s*/\s*v|ve viec|ve)(?:\s*[:.]\s*|\s+|$)").expect("valid regex")
});
/// Lines that end a title: recitals, the enacting line, the body.
static TITLE_STOP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:can cu|thuc hien|theo de nghi|xet de nghi|quyet dinh\s*:|quyet nghi\s*:|dieu 1\b|chuong\b|phan\b|i[.-]\s|1[.]\s|kinh gui)")
        .expect("valid regex")
});

/// Longest plausible abstract, in lines.
const MAX_LINES: usize = 8;

pub fn extract(doc: &Doc, layout: &Layout, title: Option<&Title>) -> Option<(String, Span)> {
    if let Some(title) = title {
        if let Some(found) = under_title(doc, layout, title) {
            return Some(found);
        }
    }
    after_vv(doc, layout)
}

/// `V/v …` in the heading, with its continuation lines.
fn after_vv(doc: &Doc, layout: &Layout) -> Option<(String, Span)> {
    for i in layout.heading.clone() {
        let line = doc.lines[i];
        let key = doc.line_key(line);
        // The abstract may share its line with the date or number column.
        let Some((offset, m)) = find_mark(key) else {
            continue;
        };
        let start = line.start + offset + m;
        let mut end = cut_columns(doc, start, line.end);
        let mut last = i;
        if end <= start {
            // `V/v` alone on its line: the words are below.
            last = i + 1;
            match doc.lines.get(last) {
                Some(next) if !next.is_blank() => end = cut_columns(doc, next.start, next.end),
                _ => continue,
            }
        }
        let mut j = last + 1;
        while j < layout.heading.end.max(i + 1) && j < doc.lines.len() && j - i < MAX_LINES {
            let next = doc.lines[j];
            let nkey = doc.line_key(next);
            if next.is_blank() || ends_abstract(nkey) {
                break;
            }
            end = cut_columns(doc, next.start, next.end);
            j += 1;
        }
        let span = doc.tidy((start, end));
        if span.1 > span.0 {
            return Some((doc.value(span), span));
        }
    }
    None
}

fn find_mark(key: &str) -> Option<(usize, usize)> {
    let trimmed = key.trim_start();
    let offset = key.len() - trimmed.len();
    if let Some(m) = ABSTRACT_MARK.find(trimmed) {
        return Some((offset, m.end()));
    }
    // A flattened line: `Số: 12/UBND-VP   V/v …`.
    let gap = key.find("   ")?;
    let rest = &key[gap..];
    let inner = rest.trim_start();
    let m = ABSTRACT_MARK.find(inner)?;
    Some((gap + rest.len() - inner.len(), m.end()))
}

/// Cuts a line at the start of a right-column date or a wide gap.
fn cut_columns(doc: &Doc, start: usize, end: usize) -> usize {
    let key = &doc.key[start..end];
    let gap = key.find("   ").unwrap_or(key.len());
    start + gap
}

fn ends_abstract(key: &str) -> bool {
    is_date_line(key)
        || KINH_GUI.is_match(key)
        || NUMBER_LABEL.is_match(key)
        || is_title_anchor(key)
        || TITLE_STOP.is_match(key)
}

/// The lines under the type name, up to a blank line or the recitals.
fn under_title(doc: &Doc, layout: &Layout, title: &Title) -> Option<(String, Span)> {
    let line = doc.lines[title.line];
    let mut start = None;
    let mut end = 0;
    // A one-line `KẾ HOẠCH Triển khai …`: the subject follows the name.
    let rest = doc.key[title.name_end..line.end].trim_start_matches([' ', ':']);
    if !rest.is_empty() && !rest.starts_with("cua ") {
        start = Some(line.end - rest.len());
        end = line.end;
    }
    let mut first_upper = None;
    let limit = (title.line + 1 + MAX_LINES)
        .min(doc.lines.len())
        .max(layout.heading.end.min(doc.lines.len()));
    let mut i = title.line + 1;
    while i < limit {
        let next = doc.lines[i];
        let key = doc.line_key(next);
        if next.is_blank() {
            if start.is_some() {
                break;
            }
            i += 1;
            continue;
        }
        if TITLE_STOP.is_match(key) || is_date_line(key) || i - title.line > MAX_LINES {
            break;
        }
        // The actor line under the title (`BỘ TRƯỞNG BỘ TÀI CHÍNH`, `ỦY BAN NHÂN DÂN`) is
        // in capitals where the abstract was not.
        let upper = mostly_upper(doc.line_text(next));
        match first_upper {
            None => first_upper = Some(upper),
            Some(false) if upper => break,
            _ => {}
        }
        if start.is_none() {
            start = Some(next.start);
        }
        end = next.end;
        i += 1;
    }
    let start = start?;
    let key = &doc.key[start..end];
    let skip = TITLE_MARK.find(key).map_or(0, |m| m.end());
    let span = doc.tidy((start + skip, end));
    (span.1 > span.0).then(|| (doc.value(span), span))
}
