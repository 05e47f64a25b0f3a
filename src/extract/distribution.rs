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
use crate::layout::{Layout, NOI_NHAN, is_page_title};

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
        // The label opens a column: usually the first, the second when a converter put
        // the signature column first.
        for piece in signer::columns(doc, line) {
            if let Some(m) = NOI_NHAN.find(&doc.key[piece.0..piece.1]) {
                return Some(piece.0 + m.end());
            }
        }
        let next = doc.lines.get(i + 1);
        if let (true, Some(next)) = (doc.line_key(line) == "noi", next)
            && let Some(m) = NHAN.find(doc.line_key(*next))
        {
            return Some(next.start + m.end());
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

    /// In a list without bullets, whether a line continues the item above: it starts in
    /// small letters or with `(`, the item ends with a word that cannot end it (`và`,
    /// `-`), or the item above has no end mark where the items before it all have one.
    fn continues(&self, text: &str) -> bool {
        let Some((last, before)) = self.items.split_last() else {
            return false;
        };
        let last = last.trim_end();
        let ended = |item: &String| item.trim_end().ends_with([';', ',', '.']);
        let marked = before.len() >= 2
            && before.iter().filter(|i| ended(i)).count() * 10 >= before.len() * 8;
        starts_lower(text)
            || text.starts_with('(')
            || last.ends_with(" và")
            || last.ends_with(['-', '&', ':'])
            || (marked && !last.ends_with([';', ',', '.']))
    }

    /// Whether the list has reached its usual last item, `Lưu: …` (the archive copy).
    fn has_archive_item(&self) -> bool {
        self.items.iter().any(|item| {
            let key = crate::fold::fold(tidy(item));
            key.starts_with("luu ") || key.starts_with("luu:")
        })
    }

    /// Whether the lines read look like a distribution list at all: bullets, items ended
    /// by `;` or `,`, or the usual `Như trên` / `Lưu` items. A table header cell reading
    /// `Nơi nhận` above other cells has none of them.
    fn is_list(&self) -> bool {
        self.bulleted
            || self.has_archive_item()
            || self.items.iter().any(|item| {
                let item = item.trim_end();
                item.ends_with([';', ',']) || crate::fold::fold(tidy(item)).starts_with("nhu ")
            })
    }

    fn finish(self) -> Vec<String> {
        if !self.is_list() {
            return Vec::new();
        }
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
    // The list does not run on past the signer's name into what follows the page.
    let block_end = block.name_line.or_else(|| {
        block
            .claimed
            .last()
            .map(|&(_, e)| doc.line_of(e.saturating_sub(1)))
    });
    for i in first_line..end.min(doc.lines.len()) {
        let line = doc.lines[i];
        let from = if i == first_line {
            start.max(line.start)
        } else {
            line.start
        };
        let past_block = block_end.is_some_and(|b| i > b);
        if line.is_blank() || from >= line.end {
            if i > first_line || line.is_blank() {
                after_blank = true;
                // Past the name and the `Lưu` item, a blank line ends the list; before
                // them the signature column may still be interleaved with it.
                if past_block && list.has_archive_item() {
                    break;
                }
            }
            continue;
        }
        let pieces = free_pieces(doc, (from, line.end), block);
        if pieces.is_empty() {
            // A line of the signature block only.
            continue;
        }
        let text = pieces.join(" ");
        let text = text.trim();
        let bullet = starts_with_bullet(text);
        let key = crate::fold::fold(text);
        if i > first_line && (NOI_NHAN.is_match(&key) || is_page_title(&key)) {
            // Another page begins (an attached form, a second copy).
            break;
        }
        if !bullet && !list.items.is_empty() {
            let whole = (line.start, line.end);
            let signature = pieces.len() == 1 && signer::is_block_piece(doc, whole);
            // After a blank line only a wrapped tail in small letters continues
            // (double-spaced scans put blank lines everywhere).
            let closed = list
                .items
                .last()
                .is_some_and(|l| l.trim_end().ends_with('.'));
            let wrapped = starts_lower(text) && !closed;
            // A list has one archive item (`Lưu: VT, TTBVTV.`): below the name, a second
            // `Lưu …` without a bullet is the receiver's filing note (`Lưu hồ sơ NN - T.`),
            // not the closed item's wrapped tail (`Lưu: VP (TH, HC).` / `TCT(HC, NV3)`).
            let archived = past_block
                && closed
                && list.has_archive_item()
                && (key.starts_with("luu ") || key.starts_with("luu:"));
            if signature || archived || (after_blank && !wrapped) {
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
        } else if list.bulleted || list.continues(text) {
            list.extend_last(text);
        } else {
            list.push(text);
        }
        after_blank = false;
    }
    list.finish()
}

fn starts_lower(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_lowercase)
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

/// The text of a span with signature marks left out, and, right of a wide gap, what
/// belongs to the signature column (capitals, a name, a title).
fn piece_texts(doc: &Doc, span: Span) -> Vec<String> {
    let line = crate::doc::Line {
        start: span.0,
        end: span.1,
    };
    signer::columns(doc, line)
        .into_iter()
        .enumerate()
        .filter(|&(k, p)| {
            // Right of a gap: a later piece, or any piece of a span that starts mid-line
            // (after the label or a claimed cell).
            let right = k > 0 || doc.lines[doc.line_of(span.0)].start < span.0;
            let column = right && {
                let text = doc.slice(p.0, p.1);
                signer::is_block_piece(doc, p)
                    || (signer::is_caps(text) && !text.ends_with([';', ',']))
            };
            // Specks a scan leaves beside the list (`_  ~`, `|`, `»`) carry no text; a
            // bullet standing apart from its item does.
            let speck = right && {
                let text = doc.slice(p.0, p.1);
                !text.chars().any(char::is_alphanumeric) && !starts_with_bullet(text)
            };
            !signer::is_mark(doc, p) && !column && !speck
        })
        .map(|(_, p)| doc.value(p))
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

/// A list bullet: dashes, `+`, round and square dots, arrows, check marks, and the
/// Symbol/Wingdings private-use code points a Word bullet becomes in plain text.
pub(crate) fn is_bullet_char(c: char) -> bool {
    matches!(
        c,
        '-' | '+'
            | '•'
            | '–'
            | '—'
            | '·'
            | '●'
            | '▪'
            | '■'
            | '○'
            | '◦'
            | '➢'
            | '►'
            | '◆'
            | '❖'
            | '✓'
            | '→'
    ) || ('\u{f000}'..='\u{f0ff}').contains(&c)
}

/// Whether a line starts with a list bullet (`-`, `+`, `•`, `*`, a `.` before a space, or
/// OCR's `o` for a round bullet).
fn starts_with_bullet(text: &str) -> bool {
    text.starts_with(|c: char| is_bullet_char(c) || c == '*')
        || text.starts_with(". ")
        || ocr_bullet(text).is_some()
}

/// OCR reads a round bullet `•` as the letter `o`: a lone small `o` and a space before a
/// capital (`o Như trên;`), which no item opens with. The text after it.
fn ocr_bullet(text: &str) -> Option<&str> {
    text.strip_prefix("o ")
        .filter(|rest| rest.starts_with(char::is_uppercase))
}

/// Drops bullets and edge punctuation, but keeps an ellipsis placeholder (`Lưu: VT, ……`).
fn tidy(item: &str) -> &str {
    let item = item.trim_start();
    let item = ocr_bullet(item).unwrap_or(item);
    item.trim_start_matches(|c: char| c.is_whitespace() || is_bullet_char(c) || "*.;,:".contains(c))
        .trim_end_matches(|c: char| c.is_whitespace() || ";,.:".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::test_letter as letter;

    fn items(footer: &str) -> Vec<String> {
        let doc = letter(footer);
        let layout = Layout::find(&doc);
        let block = signer::find(&doc, &layout);
        extract(&doc, &layout, &block)
    }

    #[test]
    fn accepts_the_list_shapes() {
        let table: &[(&str, &[&str])] = &[
            // One item a line, bullets and end marks dropped; signature after.
            (
                "Nơi nhận:\n- Như trên;\n- Lãnh đạo Sở;\n- Lưu: VT, VP.\n\nGIÁM ĐỐC\nPhạm Công Hoa",
                &["Như trên", "Lãnh đạo Sở", "Lưu: VT, VP"],
            ),
            // Signature before; the list runs to the end.
            (
                "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nNguyễn Văn An\n\nNơi nhận:\n\n+ Như trên,\n• Lưu VT.",
                &["Như trên", "Lưu VT"],
            ),
            // `Nơi gửi:`, the label's name before TT 01/2011, beside a slash prefix.
            (
                "Nơi gửi:                     T/M UBND TỈNH BÌNH LÂM\n- Như Điều 3          K/T CHỦ TỊCH\n- Lưu VP, NN.         PHÓ CHỦ TỊCH\n\n                 Lê Quang Thọ",
                &["Như Điều 3", "Lưu VP, NN"],
            ),
            // All on the label's line.
            (
                "Nơi nhận: - Như trên; - TGĐ (để b/cáo); - Lưu NS, VT.",
                &["Như trên", "TGĐ (để b/cáo)", "Lưu NS, VT"],
            ),
            (
                "Nơi nhận: Như trên; Lưu: VT.\n\nGIÁM ĐỐC\nPhạm Công Hoa",
                &["Như trên", "Lưu: VT"],
            ),
            // OCR of a scan: round bullets read as `o`, specks beside the list.
            (
                "Nơi nhận:                  GIÁM ĐỐC\no Như trên;\no UBND xã Tân Định (b/c);\no Lưu: VT.       _  ~\n\n            Nguyễn Văn An",
                &["Như trên", "UBND xã Tân Định (b/c)", "Lưu: VT"],
            ),
            // Without bullets, a small `o` before small letters is a word of the item.
            (
                "Nơi nhận:\n- Như trên;\n- Lưu: VT, o trên.\n\nGIÁM ĐỐC\nPhạm Công Hoa",
                &["Như trên", "Lưu: VT, o trên"],
            ),
            // Wrapped items joined; a dash inside an item stays.
            (
                "Nơi nhận:\n- VPCP: BTCN, các PCN,\nTrợ lý TTg; các Vụ: CN, NC;\n- Cục KSTTHC - Văn phòng Chính phủ;\n- Như\ntrên;\n-\nLưu: VT.",
                &[
                    "VPCP: BTCN, các PCN, Trợ lý TTg; các Vụ: CN, NC",
                    "Cục KSTTHC - Văn phòng Chính phủ",
                    "Như trên",
                    "Lưu: VT",
                ],
            ),
            // The label over two lines; OCR spellings.
            (
                "Nơi\nnhận:\n- Như trên;\n- Lưu: VT.",
                &["Như trên", "Lưu: VT"],
            ),
            (
                "Noi nhan:\n- Như trên;\n- Lưu: VT.",
                &["Như trên", "Lưu: VT"],
            ),
            (
                "Nơi nhân :\n- Như trên;\n- Lưu: VT.",
                &["Như trên", "Lưu: VT"],
            ),
            // Word's private-use bullets.
            (
                "Nơi nhận:\n\u{f0b7} Như trên;\n\u{f0b7} Lưu: VT.",
                &["Như trên", "Lưu: VT"],
            ),
            // A first item that lost its bullet.
            (
                "Nơi nhận:\n\n Bộ Y tế (b/c);\n- Lưu: VT.",
                &["Bộ Y tế (b/c)", "Lưu: VT"],
            ),
            // An ellipsis placeholder is kept; e-office metadata is not.
            (
                "Nơi nhận:\n- Như trên;\n- Lưu: VT, ……",
                &["Như trên", "Lưu: VT, ……"],
            ),
            (
                "Nơi nhận: - Như trên; - Lưu NS, VT. Số cOffice: 883541/VBKS",
                &["Như trên", "Lưu NS, VT"],
            ),
            // Stops at an annex.
            (
                "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nPHỤ LỤC\n- Mục một;",
                &["Như trên", "Lưu: VT"],
            ),
            // Without bullets: one item a line, wrapped tails joined.
            (
                "Nơi nhận:\nNhư trên;\nCác Sở, ban ngành,\nđoàn thể tỉnh;\nVPCP: BTCN, Cổng\nTTĐTCP;\nLưu: VT.",
                &[
                    "Như trên",
                    "Các Sở, ban ngành, đoàn thể tỉnh",
                    "VPCP: BTCN, Cổng TTĐTCP",
                    "Lưu: VT",
                ],
            ),
            (
                "Nơi nhận :\nNhư điều 2\nSở TC, KBNN ( b/c).\n-  Lưu VT , Tài chính ,VP.",
                &["Như điều 2", "Sở TC, KBNN ( b/c)", "Lưu VT , Tài chính ,VP"],
            ),
            // A list that lost its label, just above the signature.
            (
                "- Chính phủ; - Ban Tổ chức Trung ương; - Lưu: HC, PLTP.\nTM. ỦY BAN THƯỜNG VỤ QUỐC HỘI\nCHỦ TỊCH\nTrần Thanh Mẫn",
                &["Chính phủ", "Ban Tổ chức Trung ương", "Lưu: HC, PLTP"],
            ),
        ];
        for (footer, want) in table {
            assert_eq!(items(footer), *want, "{footer:?}");
        }
    }

    /// Below the name, a second `Lưu …` is a receiver's filing note; the closed archive
    /// item's wrapped tail still belongs to it.
    #[test]
    fn a_filing_note_below_the_name_is_no_item() {
        let table: &[(&str, &[&str])] = &[
            (
                "Nơi nhận:\n- Như trên;\n- Lưu: VT, NN.\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nĐinh Quang Hưởng\nLưu hồ sơ NN - T.",
                &["Như trên", "Lưu: VT, NN"],
            ),
            (
                "Nơi nhận:                 KT. GIÁM ĐỐC\n- Như trên;                PHÓ GIÁM ĐỐC\n- Lưu:  VP (TH, HC).\n           TCT(HC, NV3)         Đinh Quang Hưởng",
                &["Như trên", "Lưu: VP (TH, HC). TCT(HC, NV3)"],
            ),
        ];
        for (footer, want) in table {
            assert_eq!(items(footer), *want, "{footer:?}");
        }
    }

    #[test]
    fn takes_the_left_column_only() {
        // Side by side on the same lines.
        let footer = "Nơi nhận:                          KT/ bộ trưởng bộ tài chính\n\
                      - Văn phòng TW Đảng                    Thứ trưởng\n\
                      - Các Bộ, cơ quan ngang Bộ, cơ quan         (Đã ký)\n   thuộc Chính phủ\n\
                      - Công báo                                  Trương Chí Trung\n\
                      - Lưu: VP (HC, TH)\n      TCT (HC, NV3)";
        assert_eq!(
            items(footer),
            [
                "Văn phòng TW Đảng",
                "Các Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ",
                "Công báo",
                "Lưu: VP (HC, TH) TCT (HC, NV3)"
            ]
        );
        // Interleaved line by line, double-spaced.
        let footer = "Nơi nhận:\nKT. GIÁM ĐỐC\n\n- Như trên;\nPHÓ GIÁM ĐỐC\n\n- Các Bộ, cơ quan,\n\
                      (Đã ký)\n\n   thuộc Chính phủ\nNguyễn Văn An\n\n- Lưu: VT.\n\nPhần tiếp theo.";
        assert_eq!(
            items(footer),
            ["Như trên", "Các Bộ, cơ quan, thuộc Chính phủ", "Lưu: VT"]
        );
        // The signature column beside the items, with a rank and a caption in capitals.
        let footer = "Nơi nhận:                          XÁC THỰC VĂN BẢN\n\
                      - Lãnh đạo Bộ;                       KT. BỘ TRƯỞNG\n\
                      - Cục Pháp chế;                      THỨ TRƯỞNG\n\
                      - Lưu: VT.                           Thượng tướng Võ Minh Lương";
        assert_eq!(items(footer), ["Lãnh đạo Bộ", "Cục Pháp chế", "Lưu: VT"]);
        // Signer lines in lower case right under the list.
        let footer = "Nơi nhận:\n- Ban Bí thư,\n- Lưu: KTTH, Văn thư.\nthủ tướng chính phủ\n\n(Đã ký)\n\nPhan Văn Khải";
        assert_eq!(items(footer), ["Ban Bí thư", "Lưu: KTTH, Văn thư"]);
    }

    #[test]
    fn rejects_what_is_not_a_list() {
        let table: &[&str] = &[
            // No label at all.
            "GIÁM ĐỐC\nPhạm Công Hoa",
            // A sentence, not the label.
            "Nơi nhận hồ sơ: Bộ phận một cửa.\n\nGIÁM ĐỐC\nPhạm Công Hoa",
            "Nơi gửi hồ sơ: Bộ phận một cửa.\n\nGIÁM ĐỐC\nPhạm Công Hoa",
            // A table header cell.
            "Thời hạn\nNơi nhận\n\nTT\nTên biểu\nCơ quan Thuế",
        ];
        for footer in table {
            assert!(items(footer).is_empty(), "{footer:?}");
        }
    }

    #[test]
    fn splits_inline_items() {
        let table: &[(&str, &[&str])] = &[
            ("- A; - B, - C.", &["- A;", "- B,", "- C."]),
            ("- Cục A - Văn phòng B", &["- Cục A - Văn phòng B"]),
            ("- Lưu: VT (Hằng B - 3b).", &["- Lưu: VT (Hằng B - 3b)."]),
        ];
        for (text, want) in table {
            let got: Vec<&str> = split_inline(text).into_iter().map(str::trim).collect();
            assert_eq!(got, *want, "{text:?}");
        }
    }
}
