//! Items under `Nơi nhận:` (ô 9b), one per recipient or group, as written.
//!
//! In: the footer zone and the signature block found in it. Out: the items, with their
//! bullets and trailing `;` `.` `,` dropped.
//!
//! The list comes one item a line, all on the label's line (`Nơi nhận: - A; - B;`), or
//! beside the signature column (on the same lines, cut off at a wide gap, or interleaved
//! line by line). A line that starts with a bullet starts an item; in a list with bullets
//! a line without one continues the item above (a wrapped item); in a list without
//! bullets every line is an item. The list ends at a blank line followed by text that is
//! not an item, at a line of the signature block, at an annex, or at the zone's end.
//! Some flattened pages lost the label: a line just above the signature that strings
//! three or more bulleted items together is that list.

use std::sync::LazyLock;

use regex::Regex;

use crate::doc::{Doc, Span};
use crate::extract::signer::{self, Found};
use crate::layout::{Layout, NOI_NHAN};

/// Most items a list may have (a runaway guard).
const MAX_ITEMS: usize = 80;

/// The second half of a label split over two lines (`Nơi` / `nhận:`).
static NHAN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^nhan\s*[:.;]?").expect("valid regex"));
/// Trailing e-office metadata glued to the last item: `Lưu: VT. Số cOffice: 883541/VBKS`.
static TRAILER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\.\s+(?:so coffice|id|so van ban|ma van ban|ma dinh danh)\b\s*:")
        .expect("valid regex")
});

pub fn extract(doc: &Doc, layout: &Layout, block: &Found) -> Vec<String> {
    let zone = layout.footer.clone();
    let start = match label(doc, zone.clone()) {
        Some(pos) => pos,
        None => match unlabelled(doc, zone.start, zone.end) {
            Some(i) => doc.lines[i].start,
            None => return Vec::new(),
        },
    };
    read_items(doc, start, zone.end, block)
}

/// Where the items begin: just after the `Nơi nhận:` label (also `Nơi` / `nhận:` over two
/// lines) found in the given lines.
fn label(doc: &Doc, lines: std::ops::Range<usize>) -> Option<usize> {
    for i in lines {
        let line = doc.lines[i];
        // Only the first column can hold the label.
        let Some(&piece) = signer::columns(doc, line).first() else {
            continue;
        };
        let key = &doc.key[piece.0..piece.1];
        if let Some(m) = NOI_NHAN.find(key) {
            return Some(piece.0 + m.end());
        }
        let next = doc.lines.get(i + 1);
        if let (true, Some(next)) = (key == "noi" && piece.0 == line.start, next) {
            if let Some(m) = NHAN.find(doc.line_key(*next)) {
                return Some(next.start + m.end());
            }
        }
    }
    None
}

/// A label-less list: a line, at most three lines above the zone or in it, that strings
/// at least three bulleted items (`- Chính phủ; - Ban Tổ chức Trung ương; - …`).
pub fn unlabelled(doc: &Doc, from: usize, to: usize) -> Option<usize> {
    let first = from.saturating_sub(3);
    (first..to.min(doc.lines.len())).find(|&i| {
        let line = doc.lines[i];
        let text = doc.line_text(line);
        starts_with_bullet(text) && split_inline(text).len() >= 3
    })
}

/// One list being read.
#[derive(Default)]
struct Items {
    items: Vec<String>,
    bulleted: bool,
}

impl Items {
    fn push(&mut self, text: &str) {
        if self.items.len() < MAX_ITEMS {
            self.items.push(text.to_string());
        }
    }

    fn extend_last(&mut self, text: &str) {
        match self.items.last_mut() {
            Some(last) => {
                last.push(' ');
                last.push_str(text);
            }
            None => self.push(text),
        }
    }

    fn finish(self) -> Vec<String> {
        self.items
            .into_iter()
            .map(|item| {
                let item = item.split_whitespace().collect::<Vec<_>>().join(" ");
                let item = match TRAILER.find(&crate::fold::fold(&item)) {
                    // The key has one byte per char: cut by chars.
                    Some(m) => item.chars().take(m.start()).collect(),
                    None => item,
                };
                tidy(&item).to_string()
            })
            .filter(|item| !item.is_empty())
            .collect()
    }
}

/// Reads items from character offset `start` to the end of line `end - 1`.
fn read_items(doc: &Doc, start: usize, end: usize, block: &Found) -> Vec<String> {
    let mut list = Items::default();
    let first_line = doc.line_of(start);
    let mut after_blank = false;
    let mut passed_block = false;
    for i in first_line..end.min(doc.lines.len()) {
        let line = doc.lines[i];
        let from = if i == first_line {
            start.max(line.start)
        } else {
            line.start
        };
        if line.is_blank() || from >= line.end {
            if i > first_line || line.is_blank() {
                after_blank = true;
                if passed_block && !list.items.is_empty() {
                    break;
                }
            }
            continue;
        }
        let pieces = free_pieces(doc, (from, line.end), block);
        if pieces.is_empty() {
            // A line of the signature block only.
            passed_block = true;
            continue;
        }
        let text = pieces.join(" ");
        let text = text.trim();
        let bullet = starts_with_bullet(text);
        if i > first_line && NOI_NHAN.is_match(&crate::fold::fold(text)) {
            break;
        }
        if !bullet && !list.items.is_empty() {
            let whole = (line.start, line.end);
            if after_blank || (pieces.len() == 1 && signer::is_block_piece(doc, whole)) {
                break;
            }
        }
        if bullet {
            list.bulleted = true;
            for item in split_inline(text) {
                list.push(item);
            }
        } else if list.items.is_empty() {
            let parts = split_inline(text);
            if parts.len() > 1 {
                parts.into_iter().for_each(|p| list.push(p));
            } else if i == first_line && text.contains(';') {
                // `Nơi nhận: Như trên; Lưu: VT.` without bullets.
                text.split(';').for_each(|p| list.push(p));
            } else {
                list.push(text);
            }
        } else if list.bulleted || continues(list.items.last(), text) {
            list.extend_last(text);
        } else {
            list.push(text);
        }
        after_blank = false;
    }
    list.finish()
}

/// In a list without bullets, whether a line continues the item above: the item did not
/// end with `;` `,` `.` or the line starts in lower case.
fn continues(last: Option<&String>, text: &str) -> bool {
    let Some(last) = last else { return false };
    let open = !last.trim_end().ends_with([';', ',', '.']);
    let lower = text.chars().next().is_some_and(char::is_lowercase);
    open || lower
}

/// The parts of a line outside the signature block and not signature marks, in order.
fn free_pieces(doc: &Doc, span: Span, block: &Found) -> Vec<String> {
    let mut out = Vec::new();
    let mut cursor = span.0;
    let mut cuts: Vec<Span> = block
        .claimed
        .iter()
        .copied()
        .filter(|&(s, e)| s < span.1 && e > span.0)
        .collect();
    cuts.push((span.1, span.1));
    for (s, e) in cuts {
        let s = s.max(cursor);
        if s > cursor {
            out.extend(
                piece_texts(doc, (cursor, s))
                    .into_iter()
                    .filter(|p| !p.is_empty()),
            );
        }
        cursor = cursor.max(e);
    }
    out
}

/// The text of a span with signature marks left out.
fn piece_texts(doc: &Doc, span: Span) -> Vec<String> {
    let line = crate::doc::Line {
        start: span.0,
        end: span.1,
    };
    signer::columns(doc, line)
        .into_iter()
        .filter(|&p| !signer::is_mark(doc, p))
        .map(|p| doc.value(p))
        .collect()
}

/// Splits a run of items written on one line at bullets that follow `;` `,` `.` (or open
/// the line): `- A; - B, - C` → `A`, `B`, `C`. A dash inside an item
/// (`Cục KSTTHC - Văn phòng Chính phủ`) does not follow such a mark and stays.
fn split_inline(text: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(at, c)) in chars.iter().enumerate() {
        if !is_bullet_char(c) || k == 0 {
            continue;
        }
        let spaced_after = chars.get(k + 1).is_some_and(|&(_, n)| n.is_whitespace());
        let before = text[..at].trim_end();
        let spaced_before = before.len() < text[..at].len();
        if spaced_after && spaced_before && before.ends_with([';', ',', '.']) {
            items.push(&text[start..at]);
            start = at;
        }
    }
    items.push(&text[start..]);
    items
}

fn is_bullet_char(c: char) -> bool {
    matches!(
        c,
        '-' | '+' | '•' | '–' | '—' | '·' | '●' | '▪' | '■' | '○' | '➢'
    )
}

/// Whether a line starts with a list bullet (`-`, `+`, `•`, `*`, a `.` before a space).
fn starts_with_bullet(text: &str) -> bool {
    text.starts_with(|c: char| is_bullet_char(c) || c == '*') || text.starts_with(". ")
}

/// Drops bullets and edge punctuation, but keeps an ellipsis placeholder (`Lưu: VT, ……`).
fn tidy(item: &str) -> &str {
    item.trim_start_matches(|c: char| c.is_whitespace() || is_bullet_char(c) || "*.;,:".contains(c))
        .trim_end_matches(|c: char| c.is_whitespace() || ";,.:".contains(c))
}
