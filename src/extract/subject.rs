//! The abstract (trích yếu): for a công văn the text after `V/v` (or `Về việc`) under the
//! number; for other kinds the title under the type name, without its leading
//! `Về việc` / `V/v` / `Về` marker. Wrapped lines are joined.

use std::sync::LazyLock;

use regex::Regex;

use crate::doc::{Doc, Span};
use crate::extract::date::is_date_line;
use crate::extract::kind::{Title, mostly_upper};
use crate::layout::{KINH_GUI, Layout, NUMBER_LABEL, NUMBER_LINE, is_title_anchor};

/// `V/v`, `V/v:`, `Về việc`, and OCR's `Viv`, `V/V`, `V.v`.
static ABSTRACT_MARK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:v\s*[/.i]\s*v\b|ve\s+viec\b)\s*[:.]?\s*").expect("valid regex")
});
/// A leading `Về` (alone or before the words) in a title under the type name.
static TITLE_MARK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:v\s*/\s*v|ve\s+viec|ve)(?:\s*[:.]\s*|\s+|$)").expect("valid regex")
});
/// Lines that end a title: recitals, the enacting line, the body.
static TITLE_STOP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:quyet dinh\s*:|quyet nghi\s*:|dieu 1\b|chuong\s+[ivx0-9]+\b|phan\s+[ivx0-9]+\b|i[.-]\s|1[.]\s|kinh gui|\(?\s*(?:ban hanh )?kem theo\b)")
        .expect("valid regex")
});

/// The words of an annexed text's caption, without its parenthesis.
static KEM_THEO_WORDS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:ban hanh )?kem theo\b").expect("valid regex"));

/// Recitals open the body: `Căn cứ …`, `Thực hiện …`, `Theo đề nghị …`.
static RECITAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:can cu|thuc hien|theo de nghi|xet de nghi)\b").expect("valid regex")
});

/// The enacting body or title printed under a title (`BỘ TRƯỞNG BỘ NỘI VỤ`,
/// `ỦY BAN THƯỜNG VỤ QUỐC HỘI`): the abstract ends above it.
static ACTOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:bo truong|chu tich|thu tuong|uy ban|hoi dong|cuc truong|tong cuc truong|giam doc|tong giam doc|chinh phu|ban chap hanh|ban bi thu|bo chinh tri|ban thuong vu|hieu truong|vien truong|truong ban|chanh an|vien truong|tong kiem toan)")
        .expect("valid regex")
});

/// The length of a leading `Về việc` / `V/v` / `Về` marker of a title (0 without one).
pub fn title_mark_len(key: &str) -> usize {
    TITLE_MARK.find(key).map_or(0, |m| m.end())
}

/// Whether a line key ends a title above it: the enacting line or body, an article, a
/// chapter, `Kính gửi`, an annexed text's `Ban hành kèm theo`.
pub fn ends_title(key: &str) -> bool {
    TITLE_STOP.is_match(key) || ACTOR.is_match(key)
}

/// Whether a line key opens the recitals (`căn cứ …`, `xét đề nghị …`).
pub fn is_recital(key: &str) -> bool {
    RECITAL.is_match(key)
}

/// Longest plausible abstract, in lines.
const MAX_LINES: usize = 14;

/// `issuer` is the issuer's name as a key, when found: in a heading without capitals,
/// a line that opens with it (`cục thuế có kế hoạch …`) is the body's first sentence.
pub fn extract(
    doc: &Doc,
    layout: &Layout,
    title: Option<&Title>,
    issuer: Option<&str>,
) -> Option<(String, Span)> {
    if let Some(title) = title
        && let Some(found) = under_title(doc, layout, title, issuer)
    {
        return Some(found);
    }
    after_vv(doc, layout).or_else(|| untitled(doc, layout))
}

/// A heading that lost its type name (a converter dropped the cell): the abstract is
/// the block of running text between the last heading anchor and the recitals.
fn untitled(doc: &Doc, layout: &Layout) -> Option<(String, Span)> {
    if layout.kinh_gui.is_some() || layout.heading.is_empty() {
        return None;
    }
    let last_anchor = layout.heading.clone().rev().find(|&i| {
        let key = doc.line_key(doc.lines[i]);
        is_date_line(key) || NUMBER_LABEL.is_match(key) || is_title_anchor(key)
    })?;
    let first = (last_anchor + 1..layout.heading.end).find(|&i| !doc.lines[i].is_blank())?;
    let mut last = first;
    while last + 1 < layout.heading.end && !doc.lines[last + 1].is_blank() {
        last += 1;
    }
    let after = doc
        .lines
        .get(last + 1..)
        .into_iter()
        .flatten()
        .find(|l| !l.is_blank())?;
    let chars = doc.lines[last].end - doc.lines[first].start;
    let after_key = doc.line_key(*after);
    if !(TITLE_STOP.is_match(after_key) || RECITAL.is_match(after_key))
        || last - first >= 4
        || chars > 400
        || doc.line_key(doc.lines[first]).starts_with(['-', '+', '('])
    {
        return None;
    }
    let span = doc.tidy((doc.lines[first].start, doc.lines[last].end));
    (span.1 > span.0).then(|| (doc.value(span), span))
}

/// `V/v …` in the heading, with its continuation lines.
fn after_vv(doc: &Doc, layout: &Layout) -> Option<(String, Span)> {
    for i in layout.heading.clone() {
        let line = doc.lines[i];
        let key = doc.line_key(line);
        // The abstract may share its line with the date or number column.
        let Some((offset, m)) = find_mark(key).or_else(|| bare_ve(doc, layout, i)) else {
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
            // Only the left column counts: the date may sit right of a wrapped abstract
            // (`… năm 2025<TAB>Khê Giang, ngày …`, a Word table written out as text).
            let left = cut_columns(doc, next.start, next.end);
            let nkey = &doc.key[next.start..left];
            if next.is_blank()
                || ends_abstract(nkey)
                || RECITAL.is_match(nkey)
                || crate::extract::marks::is_stamp(doc, next)
            {
                break;
            }
            end = left;
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
    // A flattened line: `Số: 12/UBND-VP V/v …` or `Số: 12/UBND-VP   V/v …`.
    let at = [key.find(" v/v"), key.find(" v/v:")]
        .into_iter()
        .flatten()
        .min()?;
    let rest = &key[at + 1..];
    let m = ABSTRACT_MARK.find(rest)?;
    Some((at + 1, m.end()))
}

/// Whether the text before `end` leaves a phrase open (`…, `, `của`, `và`, `về`), so the
/// next line continues it whatever its case.
fn continues(doc: &Doc, end: usize) -> bool {
    let key = doc.key[..end].trim_end();
    key.ends_with([',', ';', '-'])
        || [" cua", " va", " ve", " tai", " cho", " voi", " theo"]
            .iter()
            .any(|w| key.ends_with(w))
}

/// A line opening with a lower-case letter continues the phrase above it.
fn starts_lower(doc: &Doc, line: crate::doc::Line) -> bool {
    doc.line_text(line)
        .chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_lowercase)
}

/// `Về …` right under the number: a công văn abstract without its `V/v`.
fn bare_ve(doc: &Doc, layout: &Layout, i: usize) -> Option<(usize, usize)> {
    let key = doc.line_key(doc.lines[i]);
    let under_number = (i.saturating_sub(2)..i)
        .filter(|&j| j >= layout.heading.start)
        .any(|j| NUMBER_LABEL.is_match(doc.line_key(doc.lines[j])));
    (under_number && key.starts_with("ve ") && !key.starts_with("ve viec")).then_some((0, 3))
}

/// Cuts a line at a wide gap or a tab (a column boundary), where a right-column date
/// or number starts.
fn cut_columns(doc: &Doc, start: usize, end: usize) -> usize {
    let key = &doc.key[start..end];
    let gap = [key.find("   "), key.find('\t')]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(key.len());
    start + gap
}

/// Without capitals, what shows that a line under the title opens the body: a lead-in
/// ending in a colon (`bộ xây dựng điện:`), a sentence opening with the issuer's name
/// (`cục thuế có kế hoạch …`), with a date (`ngày 20 tháng 11 năm 2025, …`) or with a
/// cited document (`quyết định số 142/2008/qđ-ttg …`).
fn body_opens(key: &str, issuer: Option<&str>) -> bool {
    key.trim_end().ends_with(':')
        || issuer.is_some_and(|name| {
            name.contains(' ') && key.starts_with(name) && key[name.len()..].starts_with(' ')
        })
        || crate::extract::date::opens_with_date(key)
        || crate::extract::kind::cites_document(key)
}

fn ends_abstract(key: &str) -> bool {
    is_date_line(key)
        || KINH_GUI.is_match(key)
        || NUMBER_LINE.is_match(key)
        || is_title_anchor(key)
        || TITLE_STOP.is_match(key)
}

/// What a joint document's type line adds to the type name (`KẾ HOẠCH LIÊN TỊCH`,
/// `HƯỚNG DẪN LIÊN NGÀNH`, `QUY CHẾ PHỐI HỢP`): part of the type line, not the abstract.
static JOINT_QUALIFIER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:lien tich|lien nganh|phoi hop)$").expect("valid regex"));

/// A document cited by its number (`Kế hoạch số 45/KH-UBND`).
static CITES_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\d+\s*/\s*(?:\d{4}/)?[a-z]").expect("valid regex"));

/// The lines under the type name, up to a blank line or the recitals.
fn under_title(
    doc: &Doc,
    layout: &Layout,
    title: &Title,
    issuer: Option<&str>,
) -> Option<(String, Span)> {
    let line = doc.lines[title.line];
    let mut start = None;
    let mut end = 0;
    // A one-line `KẾ HOẠCH Triển khai …`: the subject follows the name.
    let rest = doc.key[title.name_end..line.end].trim_start_matches([' ', ':']);
    if !rest.is_empty() && !rest.starts_with("cua ") && !JOINT_QUALIFIER.is_match(rest.trim_end()) {
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
        let upper_line = mostly_upper(doc.line_text(next));
        // Recitals are running text; a title in capitals may start with the same words,
        // and so may a lower-case title under a lone `Về` (`về` / `thực hiện chế độ …`).
        let marker_only = start.is_some_and(|s| {
            TITLE_MARK
                .find(&doc.key[s..end])
                .is_some_and(|m| m.end() == end - s)
        });
        // The line right under the type name is the abstract even when it opens with a
        // recital's verb (`Thực hiện mô hình …`), unless it cites a document by number.
        let right_under = start.is_none() && i == title.line + 1 && !CITES_NUMBER.is_match(key);
        let caseless_marker = layout.caseless && marker_only;
        let recital = RECITAL.is_match(key) && !(upper_line || right_under || caseless_marker);
        // `ban hành kèm theo Quyết định số …` in lower case, without the caption's
        // parenthesis, goes on with the title above it (an amending text names the
        // regulation it amends); the annexed text's caption is `(Ban hành kèm theo …)`.
        // Without capitals, the title's type tells: a caption stands only under an
        // annexed text (quy định, quy chế, …), never under an enacting one.
        let enacting = matches!(
            title.code,
            "quyet_dinh" | "nghi_quyet" | "thong_tu" | "nghi_dinh" | "luat"
        );
        let caption_words = start.is_some()
            && KEM_THEO_WORDS.is_match(key)
            && if layout.caseless {
                enacting
            } else {
                starts_lower(doc, next)
            };
        if recital || (TITLE_STOP.is_match(key) && !caption_words) || i - title.line > MAX_LINES {
            break;
        }
        // Without capitals, a lead-in ending in a colon, a sentence opening with the
        // issuer's name, a date or a cited document opens the body. With them, the
        // lead-in alone does (`… thông báo lịch tiếp công dân như sau:` right under the
        // title, where a scrape dropped the blank line); the other cues also open clauses
        // of long titles (`… được sửa đổi, bổ sung bởi` / `Thông tư số 69/2023/…`).
        let opens = if layout.caseless {
            body_opens(key, issuer)
        } else {
            key.trim_end().ends_with(':')
        };
        if start.is_some() && !continues(doc, end) && opens {
            break;
        }
        // Legacy headings lost their capitals: there the actor line is known by what
        // follows it, a blank line or the recitals.
        let before_body = doc.lines.get(i + 1).is_none_or(|l| {
            l.is_blank() || RECITAL.is_match(doc.line_key(*l).trim_start_matches(['-', ' ']))
        });
        if start.is_some()
            && (upper_line || before_body || layout.caseless)
            && ACTOR.is_match(key)
            && key.len() < 80
            && !continues(doc, end)
        {
            break;
        }
        // The actor line under the title (`BỘ TRƯỞNG BỘ TÀI CHÍNH`, `ỦY BAN NHÂN DÂN`) is
        // in capitals where the abstract was not.
        let upper = upper_line;
        // A change between capitals and running text ends the title: the enacting line
        // below a lower-case abstract, or the first body sentence below a capital one.
        match first_upper {
            None => first_upper = Some(upper),
            Some(was) if was != upper && !continues(doc, end) && !starts_lower(doc, next) => break,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::kind::find_title;

    const HEADING: &str = "BỘ XÂY DỰNG\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
        Độc lập - Tự do - Hạnh phúc\n\nSố: 96/CĐ-BXD\n\nHà Nội, ngày 22 tháng 11 năm 2025\n\n";

    /// The subject under the title, lower-cased for comparison.
    fn subject(text: &str, issuer: &str) -> Option<String> {
        let doc = Doc::new(text.to_string());
        let layout = Layout::find(&doc);
        let title = find_title(&doc, &layout);
        extract(&doc, &layout, title.as_ref(), Some(issuer)).map(|s| s.0.to_lowercase())
    }

    #[test]
    fn a_joint_type_line_qualifier_is_not_the_abstract() {
        let text = format!(
            "{HEADING}KẾ HOẠCH LIÊN TỊCH\nTổ chức Hội nghị cán bộ năm 2024\n\nCăn cứ Luật số 01/2011/QH13;\n"
        );
        assert_eq!(
            subject(&text, "bộ xây dựng").as_deref(),
            Some("tổ chức hội nghị cán bộ năm 2024")
        );
        // A title right under the type name may open with a recital's verb …
        let text = format!(
            "{HEADING}HƯỚNG DẪN LIÊN NGÀNH\nThực hiện mô hình hộ nông dân giỏi năm 2024\n\nThực hiện Kế hoạch số 45/KH-UBND;\n"
        );
        assert_eq!(
            subject(&text, "bộ xây dựng").as_deref(),
            Some("thực hiện mô hình hộ nông dân giỏi năm 2024")
        );
        // … but a line citing a document by number there is the recitals.
        let text =
            format!("{HEADING}HƯỚNG DẪN\nThực hiện Kế hoạch số 45/KH-UBND ngày 20/8/2024;\n");
        assert!(!subject(&text, "bộ xây dựng").is_some_and(|s| s.starts_with("thực hiện")));
    }

    /// Each tail, written under the test heading, gives the wanted abstract.
    fn assert_titles_under_heading(table: &[(&str, &str)]) {
        for &(tail, want) in table {
            let text = format!("{HEADING}{tail}");
            assert_eq!(
                subject(&text, "bo xay dung").as_deref(),
                Some(want),
                "{tail:?}"
            );
        }
    }

    /// A title in running text ends at the lead-in that opens the body right under it,
    /// where a scrape dropped the blank line; a title's own clauses do not end it.
    #[test]
    fn a_lead_in_under_the_title_ends_it() {
        let table = [
            (
                "THÔNG BÁO\nVề việc tiếp công dân định kỳ tháng 11\nChủ tịch UBND xã thông báo như sau:\n1. Thời gian: ngày 15/11.\n",
                "tiếp công dân định kỳ tháng 11",
            ),
            (
                "THÔNG TƯ\nSửa đổi Thông tư số 57/2021/TT-BTC được sửa đổi, bổ sung bởi\nThông tư số 69/2023/TT-BTC\n\nCăn cứ Luật;\n",
                "sửa đổi thông tư số 57/2021/tt-btc được sửa đổi, bổ sung bởi thông tư số 69/2023/tt-btc",
            ),
        ];
        assert_titles_under_heading(&table);
    }

    /// An amending text's title names the regulation it amends on a wrapped line that
    /// begins `ban hành kèm theo …` in lower case: the title goes on. An annexed text's
    /// caption `(Ban hành kèm theo …)` under its title still ends it.
    #[test]
    fn a_lower_case_kem_theo_line_continues_the_title() {
        let table = [
            (
                "QUYẾT ĐỊNH\nSửa đổi, bổ sung một số điều của Quy định quản lý\n\
                 ban hành kèm theo Quyết định số 08/2022/QĐ-UBND\n\nCăn cứ Luật;\n",
                "sửa đổi, bổ sung một số điều của quy định quản lý ban hành kèm theo quyết định số 08/2022/qđ-ubnd",
            ),
            (
                "QUY CHẾ\nPhối hợp quản lý\n(Ban hành kèm theo Quyết định số 17/2024/QĐ-UBND)\n\nChương I\n",
                "phối hợp quản lý",
            ),
            (
                "QUY CHẾ\nPhối hợp quản lý\nBan hành kèm theo Quyết định số 17/2024/QĐ-UBND\n\nChương I\n",
                "phối hợp quản lý",
            ),
        ];
        assert_titles_under_heading(&table);
    }

    /// A Word table written out as text: the date cell follows the abstract's last
    /// line after a tab; the abstract keeps that line's left part.
    #[test]
    fn a_date_right_of_the_abstract_is_cut_off() {
        let table = [
            "HỘI LHPN HUYỆN KHÊ GIANG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\
             Số: 47/CV-HPN\nV/v triển khai Cuộc vận động\nnăm 2025\tKhê Giang, ngày 07 tháng 4 năm 2025\n\n\
             Kính gửi: Các xã.\n",
            "HỘI LHPN HUYỆN KHÊ GIANG      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
             Số: 47/CV-HPN                 Độc lập - Tự do - Hạnh phúc\nV/v triển khai Cuộc vận động\n\
             năm 2025                      Khê Giang, ngày 07 tháng 4 năm 2025\n\nKính gửi: Các xã.\n",
        ];
        for text in table {
            assert_eq!(
                subject(text, "hoi lhpn huyen khe giang").as_deref(),
                Some("triển khai cuộc vận động năm 2025"),
                "{text:?}"
            );
        }
    }

    /// Titles in capitals end where running text starts; in lower case the same titles
    /// end at case-free cues.
    #[test]
    fn lower_case_titles_end_where_the_body_starts() {
        let table = [
            // a lead-in ending in a colon
            (
                "CÔNG ĐIỆN\nVỀ VIỆC ỨNG PHÓ MƯA LŨ\nBỘ XÂY DỰNG điện:\n- Các Cục;\n",
                "ứng phó mưa lũ",
            ),
            // a sentence opening with the issuer's name
            (
                "THÔNG BÁO\nKẾ HOẠCH TẠM DỪNG\nỨNG DỤNG TMS\nBộ Xây dựng có kế hoạch nâng cấp\n",
                "kế hoạch tạm dừng ứng dụng tms",
            ),
            // a dated clause
            (
                "THÔNG BÁO\nÝ\nKIẾN CHỈ ĐẠO CỦA PHÓ THỦ TƯỚNG\nNgày 20 tháng 11 năm 2025, Phó Thủ tướng\n",
                "ý kiến chỉ đạo của phó thủ tướng",
            ),
            // the actor line
            (
                "QUYẾT ĐỊNH\nCÔNG BỐ\nTHỦ TỤC HÀNH CHÍNH\nCHỦ TỊCH ỦY BAN NHÂN\nDÂN TỈNH\nCăn cứ Luật;\n",
                "công bố thủ tục hành chính",
            ),
            // a lone `Về` above words that could open a recital, then a cited document
            (
                "QUYẾT ĐỊNH\nVỀ\nTHỰC HIỆN CHẾ ĐỘ ĐỐI VỚI QUÂN NHÂN\n\
                 Quyết định số 142/2008/QĐ-TTg ngày 27 tháng 10 năm\n",
                "thực hiện chế độ đối với quân nhân",
            ),
            // an open phrase goes on over the cues
            (
                "QUYẾT ĐỊNH\nVề việc giao nhiệm vụ cho\nBộ Xây dựng và các địa phương\n\nCăn cứ Luật;\n",
                "giao nhiệm vụ cho bộ xây dựng và các địa phương",
            ),
        ];
        for (block, want) in table {
            let text = format!("{HEADING}{block}");
            let issuer = "bo xay dung";
            assert_eq!(subject(&text, issuer).as_deref(), Some(want), "{text:?}");
            let lower = text.to_lowercase();
            assert_eq!(
                subject(&lower, issuer).as_deref(),
                Some(want),
                "lower case: {text:?}"
            );
        }
    }
}
