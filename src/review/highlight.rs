//! The normalized text with every span marked: spans in, well-formed HTML out.
//!
//! Spans are `[start, end)` in Unicode scalar values and may nest (the issuer inside a
//! wider heading span) or cross. The text is cut at every span boundary; each piece is
//! wrapped in the spans that cover it, outermost first (earlier start, then later end).
//! Moving from one piece to the next closes only the elements that end and opens only
//! those that begin, so nested spans stay nested and a span that crosses another is
//! split into several elements with the same `data-field`. Joining the text of a
//! field's elements in document order always gives the text under its span.

use super::html::push_escaped;

/// One span to mark: the field name, its `[start, end)`, and the class that colours it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark<'a> {
    pub field: &'a str,
    pub start: usize,
    pub end: usize,
    pub class: &'a str,
    /// Warning codes about this field, shown beside its first element.
    pub warn: Option<&'a str>,
}

/// Renders `text` as HTML with a `<mark>` element per span piece. Spans outside the
/// text are clipped; empty ones are left out. The first element of each field carries
/// `id="f-FIELD"`, so the record table and the warnings can link to it.
pub fn render(text: &str, marks: &[Mark]) -> String {
    let chars: Vec<char> = text.chars().collect();
    let len = chars.len();
    let mut marks: Vec<Mark> = marks
        .iter()
        .map(|m| Mark {
            start: m.start.min(len),
            end: m.end.min(len),
            ..m.clone()
        })
        .filter(|m| m.start < m.end)
        .collect();
    // Outermost first: earlier start, then later end; the field name breaks ties.
    marks.sort_by(|a, b| {
        (a.start, std::cmp::Reverse(a.end), a.field).cmp(&(
            b.start,
            std::cmp::Reverse(b.end),
            b.field,
        ))
    });

    let mut cuts: Vec<usize> = marks.iter().flat_map(|m| [m.start, m.end]).collect();
    cuts.push(0);
    cuts.push(len);
    cuts.sort_unstable();
    cuts.dedup();

    let mut out = String::with_capacity(text.len() + marks.len() * 64);
    let mut open: Vec<usize> = Vec::new(); // indices into `marks`, outermost first
    let mut started = vec![false; marks.len()];
    for piece in cuts.windows(2) {
        let (from, to) = (piece[0], piece[1]);
        let wanted: Vec<usize> = (0..marks.len())
            .filter(|&i| marks[i].start <= from && to <= marks[i].end)
            .collect();
        let keep = open.iter().zip(&wanted).take_while(|(a, b)| a == b).count();
        for _ in keep..open.len() {
            out.push_str("</mark>");
        }
        open.truncate(keep);
        for &i in &wanted[keep..] {
            open_mark(&mut out, &marks[i], !started[i]);
            started[i] = true;
            open.push(i);
        }
        let piece: String = chars[from..to].iter().collect();
        push_escaped(&mut out, &piece);
    }
    for _ in &open {
        out.push_str("</mark>");
    }
    out
}

fn open_mark(out: &mut String, mark: &Mark, first: bool) {
    out.push_str("<mark class=\"hl ");
    push_escaped(out, mark.class);
    out.push_str("\" data-field=\"");
    push_escaped(out, mark.field);
    out.push('"');
    if first {
        out.push_str(" id=\"f-");
        push_escaped(out, mark.field);
        out.push('"');
        if let Some(warn) = mark.warn {
            out.push_str(" data-warn=\"");
            push_escaped(out, warn);
            out.push('"');
        }
    } else {
        out.push_str(" data-cont=\"1\"");
    }
    out.push_str(" title=\"");
    push_escaped(out, mark.field);
    out.push_str("\">");
}
