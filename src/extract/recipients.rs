//! Recipients: the addressees after `Kính gửi` (and `Đồng kính gửi`), or in a công điện
//! after the sender's formula `THỦ TƯỚNG CHÍNH PHỦ điện:`.
//!
//! The block comes in many shapes: one addressee on the label's line (wrapped over a few
//! lines by PDF text), a list of `-`/`+`/`•` lines ending in `;` and a final `.`, the same
//! list opened on the label's line (`Kính gửi: - A;`), table cells turned into lines,
//! the label itself split (`Kính` / `gửi:`). Address and tax-code lines under a company
//! (`(Địa chỉ: …)`, `Mã số thuế: …`) are not addressees. The block ends at the first
//! line that opens the body (`Căn cứ`, `Thực hiện`, `Cục Thuế nhận được …`, `1.`), at a
//! blank line once an addressee is complete, or after the final `.` of the list.
//!
//! [`block`] is also what the layout uses to find where the body starts.

use std::sync::LazyLock;

use regex::Regex;

use crate::doc::{Doc, Span};
use crate::fold::key_regex;
use crate::layout::Layout;

/// The most lines a `Kính gửi` block may span.
const MAX_BLOCK_LINES: usize = 40;
/// The longest an addressee wrapped over lines may run, in characters.
const MAX_ADDRESSEE: usize = 240;
/// How far after the heading a công điện's `… điện:` formula may stand.
const CONG_DIEN_WINDOW: usize = 20;

/// The label, possibly split over lines or broken by markup (`Kính g` / `ửi` / `:`).
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:dong\s*)?(?:kinh\s*g\s*[uwo]\s*i|k\s*\.\s*g\b)\s*[:.;]?").expect("valid regex")
});
/// `THỦ TƯỚNG CHÍNH PHỦ điện:`, `BỘ XÂY DỰNG điện:` — the sender's formula of a công điện.
static CONG_DIEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\S\s+dien\s*:\s*$").expect("valid regex"));
/// A line that starts the body rather than continuing an addressee.
static OPENER: LazyLock<Regex> = LazyLock::new(|| {
    key_regex(concat!(
        r"^(?:can cu|thuc hien|theo |xet |tra loi|ngay [0-9]|sau khi|trien khai|de |nham |",
        r"ve |tiep theo|tiep nhan|hien nay|trong |vua qua|nhan duoc|thi hanh|chap hanh|",
        r"phuc dap|tai |tu |nhu |qua |tran trong|dieu [0-9]|(?:[0-9]{1,2}|[ivx]{1,4})[.)] )"
    ))
});
/// `Cục Thuế nhận được …`, `Phó Thủ tướng … có ý kiến`: a sender that opens the body.
static SENDER_OPENS: LazyLock<Regex> = LazyLock::new(|| {
    key_regex(
        r"^(?:\S+ ){0,5}(?:nhan duoc|co y kien|de nghi|yeu cau|thong bao|xin bao cao|tran trong)\b",
    )
});
static SENDER_VERB: LazyLock<Regex> = LazyLock::new(|| key_regex(r"^(?:nhan duoc|co y kien)\b"));
/// Address, tax code and contact lines printed under an addressee.
static CONTACT: LazyLock<Regex> = LazyLock::new(|| {
    key_regex(
        r"^\(?\s*(?:dia chi|d/c|ma so thue|mst|so dt|dien thoai|dt|email|e-mail|fax|website)\b\s*[:.]?",
    )
});

/// The addressees, in order, one string each.
pub fn extract(doc: &Doc, layout: &Layout) -> Vec<String> {
    let Some(start) = layout.kinh_gui.or_else(|| cong_dien_line(doc, layout)) else {
        return Vec::new();
    };
    block(doc, start)
        .items
        .into_iter()
        .map(|span| doc.value(span))
        .filter(|v| !v.is_empty())
        .collect()
}

/// What the `Kính gửi` block starting at a line holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// The addressees' spans, tidied.
    pub items: Vec<Span>,
    /// The first line after the block.
    pub end: usize,
}

/// The công điện formula line in or just after the heading.
fn cong_dien_line(doc: &Doc, layout: &Layout) -> Option<usize> {
    let from = layout.top.unwrap_or(layout.heading.start);
    let to = (layout.heading.end + CONG_DIEN_WINDOW).min(doc.lines.len());
    (from..to).find(|&i| {
        let line = doc.lines[i];
        let key = doc.line_key(line);
        if !CONG_DIEN.is_match(key) || key.len() > 80 {
            return false;
        }
        // The sender before `điện` is a title: every word capitalized (usually all caps),
        // unlike a sentence ending in `… cấp điện:`.
        let sender = doc.slice(line.start, line.start + key.rfind("dien").unwrap_or(0));
        let words: Vec<&str> = sender.split_whitespace().collect();
        words.len() >= 2
            && words
                .iter()
                .all(|w| w.chars().next().is_some_and(|c| c.is_uppercase()))
    })
}

/// Where the label ends: just after `Kính gửi:` (also split over lines) or `… điện:`.
fn label_end(doc: &Doc, k: usize) -> usize {
    let line = doc.lines[k];
    let tail = &doc.key[line.start..];
    if let Some(m) = LABEL.find(tail) {
        return line.start + m.end();
    }
    let key = doc.line_key(line);
    if CONG_DIEN.is_match(key) {
        return line.end;
    }
    line.start
}

/// Reads the block whose label is on line `k`.
pub fn block(doc: &Doc, k: usize) -> Block {
    let n = doc.lines.len();
    let mut items: Vec<Span> = Vec::new();
    // The addressee being read, and whether its last line closed it (`;` `.`).
    let mut current: Option<Span> = None;
    let mut closed = false;
    let mut bulleted = false;
    let mut skipping_contact = false;
    let mut paren_depth = 0i32;
    // Text before this offset belongs to a label (which may run over lines).
    let mut from = label_end(doc, k);
    let mut end = k + 1;
    let mut i = k;
    while i < n && i < k + MAX_BLOCK_LINES {
        let line = doc.lines[i];
        i += 1;
        if line.end <= from && line.start < from {
            end = i;
            continue;
        }
        let after_label = line.start < from;
        let s = from.clamp(line.start, line.end);
        let e = line.end;
        let key = &doc.key[s..e];

        if key.trim().is_empty() {
            if after_label {
                continue;
            }
            // A blank line ends the block once something was read, unless a list goes on.
            if (current.is_some() || !items.is_empty()) && !list_goes_on(doc, i) {
                break;
            }
            items.extend(current.take());
            continue;
        }
        if paren_depth > 0 {
            paren_depth += paren_balance(key);
            end = i;
            continue;
        }
        if skipping_contact {
            skipping_contact = !closes(key);
            end = i;
            continue;
        }
        if !after_label && let Some(m) = LABEL.find(&doc.key[line.start..]) {
            // `Đồng kính gửi:` opens more addressees; read on after its label.
            items.extend(current.take());
            from = line.start + m.end();
            i -= 1;
            end = i + 1;
            continue;
        }
        if key.starts_with('(') {
            // An address in parentheses under the addressee, possibly over lines.
            items.extend(current.take());
            paren_depth = paren_balance(key);
            end = i;
            continue;
        }
        if CONTACT.is_match(key) {
            items.extend(current.take());
            skipping_contact = !closes(key);
            end = i;
            continue;
        }
        let bullet = starts_with_bullet(doc, s);
        if !after_label && !bullet && opens_body(doc, i - 1, s) {
            break;
        }
        match current {
            // An addressee is a name, not a paragraph: a wrap past this length is the body.
            Some(span) if !bullet && !closed && line.end - span.0 > MAX_ADDRESSEE => break,
            Some(span) if !bullet && !closed => {
                // A wrapped addressee: this line continues it.
                current = Some((span.0, doc.tidy((s, e)).1.max(span.1)));
            }
            _ => {
                let previous = current.take();
                let last = previous.or_else(|| items.last().copied());
                items.extend(previous);
                // After the list's final full stop the block is over, unless bullets go on
                // or a label opens more (`Đồng kính gửi: …` on the same line).
                if let Some(last) = last {
                    if ended_list(doc, last) && !(bulleted && bullet) && !after_label {
                        return finish(items, i - 1);
                    }
                } else {
                    bulleted = bullet;
                }
                for piece in split_inline(doc, (s, e)) {
                    items.extend(current.replace(piece));
                }
            }
        }
        closed = closes(key);
        end = i;
    }
    items.extend(current.take());
    finish(items, end)
}

fn finish(items: Vec<Span>, end: usize) -> Block {
    Block {
        items: items.into_iter().filter(|s| s.0 < s.1).collect(),
        end,
    }
}

fn starts_with_bullet(doc: &Doc, pos: usize) -> bool {
    let key = doc.key.as_bytes();
    match key.get(pos) {
        Some(b'-' | b'+' | b'*') => true,
        Some(b'~') => {
            let (s, e) = doc.tidy((pos, pos + 1));
            s > e || s == pos + 1
        }
        _ => false,
    }
}

/// Whether the next non-blank line goes on with the list: a bullet or `Đồng kính gửi`.
fn list_goes_on(doc: &Doc, from: usize) -> bool {
    doc.lines[from..]
        .iter()
        .find(|l| !l.is_blank())
        .is_some_and(|l| starts_with_bullet(doc, l.start) || LABEL.is_match(doc.line_key(*l)))
}

/// Whether a line's text ends an addressee (`;`, `.`).
fn closes(key: &str) -> bool {
    key.trim_end().ends_with([';', '.'])
}

/// Whether the addressee ends with the list's final full stop.
fn ended_list(doc: &Doc, span: Span) -> bool {
    let key = doc.key.as_bytes();
    let mut e = span.1;
    while e < key.len() && key[e] == b' ' {
        e += 1;
    }
    key.get(e) == Some(&b'.')
}

/// Whether line `i`, read from `s`, opens the body. A sender may wrap before its verb
/// (`Cục Thuế` / `nhận được công văn …`), so a short line is judged with the next one.
fn opens_body(doc: &Doc, i: usize, s: usize) -> bool {
    let line = doc.lines[i];
    let key = &doc.key[s..line.end];
    if doc.slice(s, s + 1).starts_with(char::is_lowercase) {
        // Nothing in the body starts in lower case: this continues the addressee.
        return false;
    }
    if OPENER.is_match(key) || SENDER_OPENS.is_match(key) {
        return true;
    }
    let next = doc.lines.get(i + 1).map_or("", |l| doc.line_key(*l));
    key.split_whitespace().count() <= 5 && !closes(key) && SENDER_VERB.is_match(next)
}

/// Splits a line holding several addressees (`- A; - B.`) at `;` followed by a bullet.
fn split_inline(doc: &Doc, (s, e): Span) -> Vec<Span> {
    let key = doc.key.as_bytes();
    let mut out = Vec::new();
    let mut from = s;
    let mut j = s;
    while j < e {
        if key[j] == b';' {
            let mut k = j + 1;
            while k < e && key[k] == b' ' {
                k += 1;
            }
            if k < e && k > j + 1 && starts_with_bullet(doc, k) {
                out.push(doc.tidy((from, j)));
                from = k;
                j = k;
                continue;
            }
        }
        j += 1;
    }
    out.push(doc.tidy((from, e)));
    out.retain(|(a, b)| a < b);
    out
}

fn paren_balance(key: &str) -> i32 {
    key.bytes().fold(0, |acc, b| match b {
        b'(' => acc + 1,
        b')' => acc - 1,
        _ => acc,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "BỘ TÀI CHÍNH\nCỤC THUẾ\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nSố: 12/CT-CS\nV/v chính sách thuế\n\nHà Nội, ngày 01 tháng 12 năm 2025\n\n";

    fn recipients(body: &str) -> Vec<String> {
        let doc = Doc::new(format!("{HEAD}{body}"));
        let layout = Layout::find(&doc);
        extract(&doc, &layout)
    }

    #[test]
    fn accepts_the_real_shapes() {
        let table: &[(&str, &[&str])] = &[
            (
                "Kính gửi: Thủ trưởng các đơn vị y tế trong ngành\n\nThực hiện Công văn số 1/UBND.\n",
                &["Thủ trưởng các đơn vị y tế trong ngành"],
            ),
            (
                "Kính gửi:\n- Các cơ sở giáo dục đại học;\n- Các trường cao đẳng;\n- Các tổ chức kiểm định.\n\nNgày 31 tháng 12 năm 2020, Cục đã ban hành.\n",
                &[
                    "Các cơ sở giáo dục đại học",
                    "Các trường cao đẳng",
                    "Các tổ chức kiểm định",
                ],
            ),
            (
                "Kính gửi : - Trưởng/phó các khoa, phòng - TTYT;\n- Trưởng trạm y tế các xã.\n\nTrong thời gian qua, các khoa đã cố gắng.\n",
                &[
                    "Trưởng/phó các khoa, phòng - TTYT",
                    "Trưởng trạm y tế các xã",
                ],
            ),
            (
                "Kính gửi: Thuế\ntỉnh Ninh Bình.\nCục Thuế nhận được công văn số 1383/NBI-CNTK.\n",
                &["Thuế tỉnh Ninh Bình"],
            ),
            (
                "Kính gửi: Ông Thái Mạnh\nCường\nCục Thuế nhận được\nđơn phản ánh của ông.\n",
                &["Ông Thái Mạnh Cường"],
            ),
            (
                "Kính\ngửi: Công ty TNHH Sunrise Apparel Việt Nam.\n(Đ/c: Lô CN15, Cụm công nghiệp\nHoàng Xá, Tỉnh Phú Thọ)\nTrả lời công văn số 1025-CVHQ.\n",
                &["Công ty TNHH Sunrise Apparel Việt Nam"],
            ),
            (
                "Kính g\nửi\n: Ủy ban nhân dân các tỉnh, thành phố\ntrực thuộc Trung ương\nCăn cứ Luật Quản lý thuế.\n",
                &["Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"],
            ),
            (
                "Kính gửi:\n\n- Thuế thành phố Hải\nPhòng\n- Công ty BOT TNHH Điện lực.\n(Địa\nchỉ: thôn Thái Mông, Hải Phòng)\n\nCục Thuế nhận được công văn.\n",
                &["Thuế thành phố Hải Phòng", "Công ty BOT TNHH Điện lực"],
            ),
            (
                "Kính\ngửi:\n\nCông Ty TNHH Khuôn Mẫu Yong Hong;\nMã số thuế: 1102044417;\nĐịa chỉ nhận thông báo: Lô A8-A9 Đức Hòa\nĐông, tỉnh Tây Ninh.\n\nTrả lời văn bản số 1/ABC.\n",
                &["Công Ty TNHH Khuôn Mẫu Yong Hong"],
            ),
            (
                "Kính gửi:\n\n- Bộ trưởng Bộ Tài chính;\n- Chánh Văn phòng Ban Chỉ đạo 389.\n\nĐồng kính gửi:\n\n- Thủ tướng Chính phủ (để báo\ncáo).\n\nSau khi Thủ tướng ban hành Chỉ thị.\n",
                &[
                    "Bộ trưởng Bộ Tài chính",
                    "Chánh Văn phòng Ban Chỉ đạo 389",
                    "Thủ tướng Chính phủ (để báo cáo)",
                ],
            ),
            (
                "Kính gửi:\n+ Các sở, ban, ngành thuộc tỉnh;\n+ UBND các huyện.\nĐồng kính gửi: Ban Tuyên giáo Tỉnh ủy.\n\nThực hiện Quyết định số 749/QĐ-TTg.\n",
                &[
                    "Các sở, ban, ngành thuộc tỉnh",
                    "UBND các huyện",
                    "Ban Tuyên giáo Tỉnh ủy",
                ],
            ),
            (
                "Kính gửi:\n\n- Bộ trưởng các Bộ: Tài chính, Nội vụ.\n- Bí thư Tỉnh ủy, Chủ tịch Ủy ban nhân dân các tỉnh.\n\nTrong mấy ngày qua, mưa lũ lớn.\n",
                &[
                    "Bộ trưởng các Bộ: Tài chính, Nội vụ",
                    "Bí thư Tỉnh ủy, Chủ tịch Ủy ban nhân dân các tỉnh",
                ],
            ),
            (
                "Kinh gui: So Y te tinh A.\n\nThuc hien cong van.\n",
                &["So Y te tinh A"],
            ),
            (
                "Kính gửi: Bà Huỳnh Thị Mỹ Hằng\n(Địa chỉ: 33 Hai Bà Trưng;\nSố ĐT: 0971171792)\nCục Thuế nhận được câu hỏi.\n",
                &["Bà Huỳnh Thị Mỹ Hằng"],
            ),
        ];
        for (body, want) in table {
            assert_eq!(recipients(body), *want, "{body}");
        }
    }

    #[test]
    fn cong_dien_formula_introduces_recipients() {
        let doc = Doc::new(
            "THỦ TƯỚNG CHÍNH PHỦ\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nSố: 217/CĐ-TTg\n\nHà Nội, ngày 16 tháng 11 năm 2025\n\nCÔNG ĐIỆN\n\nV/V ỨNG PHÓ MƯA LŨ\n\nTHỦ TƯỚNG CHÍNH PHỦ điện:\n\n- Chủ tịch Ủy ban nhân dân các tỉnh: Hà Tĩnh,\nQuảng Trị, Huế;\n\n- Các Bộ: Quốc phòng, Công an;\n\n- Chánh Văn phòng Ban chỉ đạo.\n\nTheo tổng hợp báo cáo nhanh, mưa to.\n\n1. Chủ tịch Ủy ban nhân dân các tỉnh theo dõi.\n"
                .to_string(),
        );
        let layout = Layout::find(&doc);
        assert_eq!(
            extract(&doc, &layout),
            [
                "Chủ tịch Ủy ban nhân dân các tỉnh: Hà Tĩnh, Quảng Trị, Huế",
                "Các Bộ: Quốc phòng, Công an",
                "Chánh Văn phòng Ban chỉ đạo"
            ]
        );
    }

    #[test]
    fn the_body_after_an_unfinished_addressee() {
        let table: &[(&str, &[&str])] = &[
            (
                "Kính gửi: UBND các xã, thị trấn\nUBND huyện đề nghị các xã rà soát hồ sơ.\n",
                &["UBND các xã, thị trấn"],
            ),
            (
                "Kính gửi: Các đơn vị\nĐể triển khai kế hoạch, Sở yêu cầu.\n",
                &["Các đơn vị"],
            ),
        ];
        for (body, want) in table {
            assert_eq!(recipients(body), *want, "{body}");
        }
        // No sentence end, no opener: a paragraph is never one addressee.
        let long = format!("Kính gửi: Các đơn vị\n{}\n", "nội dung rất dài ".repeat(20));
        assert_eq!(recipients(&long), ["Các đơn vị"]);
    }

    #[test]
    fn rejects_what_is_not_an_addressee() {
        // No label at all.
        assert!(recipients("Thực hiện Công văn số 1/UBND, Sở yêu cầu.\n").is_empty());
        // A form's `Kính gửi` after the signature belongs to the annex.
        let body = "I. MỤC ĐÍCH\nNội dung.\n\nII. TỔ CHỨC THỰC HIỆN\nNội dung.\n\nNơi nhận:\n- Lưu: VT.\n\nGIÁM ĐỐC\n\nNguyễn Văn A\n\nPHỤ LỤC\nĐƠN XIN\nKính gửi: Ban Giám hiệu\n";
        assert!(recipients(body).is_empty(), "annexed form");
        // A sentence ending in `điện:` is no công điện formula.
        let doc = Doc::new(format!(
            "{HEAD}Để bảo đảm cung cấp điện:\n- Các đơn vị kiểm tra lưới.\n"
        ));
        assert!(extract(&doc, &Layout::find(&doc)).is_empty(), "cấp điện:");
    }
}
