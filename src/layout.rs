//! Stage 4: lines → zones. The heart of the pipeline.
//!
//! A page layout flattened into text still has anchors every document carries: the
//! national title and motto (or `ĐẢNG CỘNG SẢN VIỆT NAM`), the `Số` label, the date line,
//! the type name, `V/v`, `Kính gửi`, the signing prefixes and `Nơi nhận`. Finding them
//! once here lets each extractor read only its own zone. Zones are line ranges; the
//! heading's left column (the issuer) is recovered by the issuer extractor from the
//! anchor lines found here.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::doc::Doc;
use crate::extract::title_line::{self, TitleSentence};
use crate::extract::{distribution, signer};
use crate::fold::Opening;

/// How far into a file the heading may start: scraped pages put site chrome first.
const HEADING_SEARCH_LINES: usize = 150;
/// How many lines after its first anchor the heading may run.
const HEADING_MAX_LINES: usize = 45;

/// Line indexes of the anchors and the zones between them.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    /// First anchor of the heading (national title, Party header or `Số` line).
    pub top: Option<usize>,
    /// The line holding `CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM` or `ĐẢNG CỘNG SẢN VIỆT NAM`.
    pub motto: Option<usize>,
    /// Lines of the heading: from the first issuer line to the body.
    pub heading: Range<usize>,
    pub kinh_gui: Option<usize>,
    /// The body, between the heading (and `Kính gửi`) and the footer.
    pub body: Range<usize>,
    /// Signature and `Nơi nhận`, up to any annex.
    pub footer: Range<usize>,
    pub noi_nhan: Option<usize>,
    /// First line of an annex after the signature, if any.
    pub annex: Option<usize>,
    /// The heading lost its capitals (TCVN3 capital fonts, or text lower-cased on the
    /// way): capitals are then no cue for a heading line, and the extractors fall back
    /// to cues that do not depend on case (see [`lost_case`]).
    pub caseless: bool,
    /// The heading given as one title sentence (`Nghị định của Chính phủ số … ngày …
    /// về …`), as old law databases stored documents; anchors further on are then a
    /// form's or an annex's, not the heading.
    pub sentence: Option<TitleSentence>,
    /// The text opens mid-sentence with no heading at all: a later page of a document,
    /// whose numbering goes on from pages that are missing.
    pub continued: bool,
    /// First line of another document after this one's signature: a heading of its own
    /// (national title or Party header) with a filled-in number, as a covering letter
    /// followed by the plan it sends. Nothing from there on belongs to the record.
    pub next_document: Option<usize>,
}

pub static NATIONAL_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"c\s*o\s*n\s*g\s+h\s*o\s*a\s+x\s*a\s+h\s*o\s*i|(?:(?:cong\s+)?hoa\s+)?(?:xa\s+)?(?:hoi\s+)?chu\s+nghia\s+viet\s+nam").expect("valid regex")
});
pub static MOTTO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"doc\s*lap\s*[-,.]?\s*tu\s*do\s*[-,.]?\s*hanh\s*phuc").expect("valid regex")
});
/// The Party's header, and the Youth Union's, which stands in the same place.
pub static PARTY_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"dang\s+cong\s+san\s+viet\s+nam|doan\s+(?:tncs|thanh\s+nien\s+cong\s+san)\s+ho\s+chi\s+minh")
        .expect("valid regex")
});
/// The header of a mass organisation that prints its national name where the state's
/// title stands (`HỘI NÔNG DÂN VIỆT NAM`), as the Youth Union prints its own: only as the
/// line's last cell, since the same words also open an issuer (`TRUNG ƯƠNG HỘI …`).
static MASS_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|\s{2,}|\t)(hoi (?:nong dan|cuu chien binh) viet nam)\s*$")
        .expect("valid regex")
});
/// A `Số` label that starts a number: `Số: 12/…`, `SỐ :  144 /…`, `Số 383-QĐ/TW`,
/// `Số:` alone (number on the next line), `Nghị quyết số: 78/…`, unfilled `Số:   /KH`;
/// OCR's doubled `Số::`, its `S0:` (`ố` read as a zero, with a colon only) and a first
/// digit read as a letter (`Số: S642/CT-CS`).
pub static NUMBER_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|[^a-z0-9/])(?:so\s*[:.]{0,2}|s0\s*:[:.]?)\s*(?:[0-9]|[lios][0-9]|[._/~ ]*/|$)",
    )
    .expect("valid regex")
});
static BODY_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:can cu|thuc hien|theo de nghi|xet de nghi|trong thoi gian|dieu 1\b|chuong i\b|phan i\b|i[.-] |1\. )")
        .expect("valid regex")
});
/// The label of a body's first section or article, which opens the body even in capitals.
static FIRST_SECTION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:dieu 1\b|chuong i\b|phan i\b|i[.-] )").expect("valid regex"));
/// A `Số` label at the start of a line (not `… kiểm tra số 06` inside a sentence).
pub static NUMBER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:so\s*[:.]{0,2}|s0\s*:[:.]?)\s*(?:[0-9]|[lios][0-9]|[._/~ ]*/|$)|^[a-z ]{0,24}\sso\s*:\s*[0-9]")
        .expect("valid regex")
});
/// `Kính gửi:` at the start of a line; also `Kính gởi`, OCR `Kinh gui`, `K/g`, and a
/// label split over lines by a converter (`Kính` / `gửi:`, `Kính g` / `ửi`).
pub static KINH_GUI: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:kinh\s*g[uwo]i|k\.?g|kinh(?:\s*g)?\s*$)\s*[:.;]?").expect("valid regex")
});
/// Lines a `Kính gửi` never comes after: the body's first article or section, the
/// signature and `Nơi nhận` (a form annexed after them has its own `Kính gửi`).
static AFTER_KINH_GUI: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:dieu 1\b|chuong i\b|i[.-] |1\. )").expect("valid regex"));
/// The `Nơi nhận` label (OCR's `Noi nhan`, `Nơi nhân` fold alike; Markdown's
/// `__Nơi nhận__:`; `Nơi gửi:`, its name in documents typed before TT 01/2011),
/// followed by a colon, the end of the line, a bullet or a column gap; not `Nơi nhận hồ
/// sơ` in a sentence.
pub static NOI_NHAN: LazyLock<Opening> = LazyLock::new(|| {
    Opening::new(
        b"_*n",
        r"^[_*]*noi\s*(?:nhan|gui)[_*]*(?:\s*[:.;]|\s*$|\s*[-+~*]|\s{3,}|\t)",
    )
});
/// A signing prefix at the start of a line: `KT.`, `TM.`, `TL.`, `TUQ.`, `Q.`, Party `T/M`.
pub static SIGN_PREFIX: LazyLock<Opening> =
    LazyLock::new(|| Opening::new(b"ktq", r"^(?:kt|tm|tl|tuq|q|t/m|k/t|t/l)\s*[.:/]?\s+[a-z]"));
static ANNEX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:phu luc\b|\(?(?:ban hanh )?kem theo (?:quyet dinh|cong van|ke hoach|thong bao|nghi quyet|van ban|to trinh|chi thi|thong tu|huong dan)|mau so\b|bieu mau\b)")
        .expect("valid regex")
});

impl Layout {
    pub fn find(doc: &Doc) -> Layout {
        let n = doc.lines.len();
        let key = |i: usize| doc.line_key(doc.lines[i]);
        let search = n.min(HEADING_SEARCH_LINES);

        let sentence = title_line::find(doc);
        let heading_anchors = sentence.is_none();
        let mut motto = (0..search).find(|&i| heading_anchors && title_anchor(doc, i).is_some());
        let number = (0..search).find(|&i| heading_anchors && NUMBER_LINE.is_match(key(i)));
        if motto.is_none() && number.is_none() && heading_anchors {
            // Some conversions put the heading table after the body.
            motto =
                (search..n).find(|&i| NATIONAL_TITLE.is_match(key(i)) || MOTTO.is_match(key(i)));
        }
        let top = match (motto, number) {
            (Some(m), Some(s)) if s < m && m - s > 12 => Some(m),
            (Some(m), Some(s)) => Some(m.min(s)),
            (m, s) => m.or(s),
        };

        let kinh_gui_limit = top.map_or(search.min(60), |t| (t + HEADING_MAX_LINES + 20).min(n));
        // From the first line: a scrape may start at `Kính gửi`, above a stray anchor.
        let kinh_gui = (0..kinh_gui_limit)
            .take_while(|&i| {
                !(AFTER_KINH_GUI.is_match(key(i))
                    || NOI_NHAN.is_match(key(i))
                    || SIGN_PREFIX.is_match(key(i)))
            })
            .find(|&i| KINH_GUI.is_match(key(i)));

        let heading_end = match top {
            Some(t) => {
                let limit = (t + HEADING_MAX_LINES).min(n);
                let after_anchors = last_heading_anchor(doc, t, limit) + 1;
                (after_anchors..limit)
                    .find(|&i| {
                        // A title in capitals may open with `THỰC HIỆN …`; recitals do not.
                        // A first section (`I. MỤC ĐÍCH, YÊU CẦU`) is in capitals too, and
                        // no title opens with its label.
                        let heading_caps =
                            crate::extract::kind::mostly_upper(doc.line_text(doc.lines[i]));
                        (BODY_START.is_match(key(i))
                            && (!heading_caps || FIRST_SECTION.is_match(key(i))))
                            || KINH_GUI.is_match(key(i))
                    })
                    .unwrap_or(after_anchors.max(limit.min(after_anchors + 12)).min(n))
            }
            None => kinh_gui.unwrap_or(0),
        };
        let caseless = lost_case(doc, motto);
        let heading_start = top.map_or(0, |t| issuer_block_start(doc, t, caseless));

        let body_start = match kinh_gui {
            Some(k) if k >= heading_end => end_of_kinh_gui(doc, k),
            _ => heading_end,
        };

        // The footer is looked for from the first heading anchor on, not only after the
        // body start: a heading that ran too long must not hide the signature.
        let footer_from = top.map_or(0, |t| t + 1).min(body_start);
        let noi_nhan = (footer_from..n).find(|&i| is_noi_nhan(doc, i));
        let first_prefix = (footer_from..n).find(|&i| SIGN_PREFIX.is_match(key(i).trim_start()));
        let footer_start = footer_start(doc, footer_from, [noi_nhan, first_prefix], caseless);
        // An annex, or an attached paper with its own national title (a form).
        let annex = (footer_start + 1..n)
            .find(|&i| ANNEX.is_match(key(i)) || is_page_title(key(i)))
            .map(|a| match is_page_title(key(a)) {
                true => annexed_issuer_above(doc, a, footer_start + 1),
                false => a,
            });
        let footer_end = annex.unwrap_or(n);
        let next_document = (noi_nhan.is_some() || first_prefix.is_some())
            .then(|| next_document(doc, footer_start + 1, caseless))
            .flatten();
        let continued =
            top.is_none() && sentence.is_none() && kinh_gui.is_none() && opens_mid_sentence(doc);

        Layout {
            top,
            motto,
            heading: heading_start..heading_end.max(heading_start),
            kinh_gui,
            body: body_start..footer_start.max(body_start),
            footer: footer_start..footer_end.max(footer_start),
            noi_nhan,
            annex,
            caseless,
            sentence,
            continued,
            next_document,
        }
    }
}

/// How many lines after a second heading's title its `Số` line may come.
const NEXT_NUMBER_LINES: usize = 8;

/// The first line of a second document from line `from` on (see
/// [`Layout::next_document`]): a national title or Party header with a `Số` line holding
/// digits close below (an annexed form's `Số:` is blank; a copy block has no title),
/// reached back to the capital lines of its issuer block above it.
fn next_document(doc: &Doc, from: usize, caseless: bool) -> Option<usize> {
    let n = doc.lines.len();
    let title = (from..n).find(|&i| {
        title_anchor(doc, i).is_some()
            && (i..(i + NEXT_NUMBER_LINES).min(n)).any(|j| {
                let key = doc.line_key(doc.lines[j]).trim_start();
                NUMBER_LINE.is_match(key) && FILLED_NUMBER.is_match(key)
            })
    })?;
    // The issuer block beside or above the title: capital lines, over one blank line.
    let mut start = title;
    let mut i = title;
    let mut blanks = 0;
    while i > from && start - i < 6 {
        let line = doc.lines[i - 1];
        if line.is_blank() {
            blanks += 1;
            if blanks > 1 {
                break;
            }
        } else if capital_heading_line(doc, line) || (caseless && plain_heading_line(doc, line)) {
            blanks = 0;
            start = i - 1;
        } else {
            break;
        }
        i -= 1;
    }
    Some(start.max(from))
}

/// A number with digits and a symbol after its `Số` label (`Số: 88/KH-SNNMT`).
static FILLED_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\S*\s*[:.]{0,2}\s*[0-9]+\s*[/-]\s*[a-z]").expect("valid regex"));

/// A page number alone on its line (`3`, `- 3 -`, `Trang 3`), which a later page opens with.
static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:trang\s+)?-?\s*[0-9]{1,3}\s*(?:/\s*[0-9]{1,3})?\s*-?$").expect("valid regex")
});

/// Whether the first line of text (after a page number) opens with a small letter: the
/// sentence began on a page that is not there.
fn opens_mid_sentence(doc: &Doc) -> bool {
    let Some(first) = doc
        .lines
        .iter()
        .filter(|l| !l.is_blank())
        .find(|l| !PAGE_NUMBER.is_match(doc.line_key(**l).trim()))
    else {
        return false;
    };
    doc.line_text(*first)
        .trim_start()
        .chars()
        .next()
        .is_some_and(char::is_lowercase)
}

/// Lines looked at for capitals when the heading has no national title or Party header.
const CASE_PROBE_LINES: usize = 40;

/// Whether the heading lost its capitals. The national title and the Party header are
/// always printed in capitals, so one written without a single capital letter means the
/// case was lost (TCVN3's capital fonts draw capitals over lower-case codes). Without
/// those anchors: no capital at all in the first lines.
fn lost_case(doc: &Doc, motto: Option<usize>) -> bool {
    let no_capital =
        |text: &str| text.chars().any(char::is_alphabetic) && !text.chars().any(char::is_uppercase);
    let Some(m) = motto else {
        let probe = &doc.lines[..doc.lines.len().min(CASE_PROBE_LINES)];
        return match (probe.first(), probe.last()) {
            (Some(first), Some(last)) => no_capital(doc.slice(first.start, last.end)),
            _ => false,
        };
    };
    let line = doc.lines[m];
    let key = doc.line_key(line);
    let Some(at) = title_anchor(doc, m) else {
        return false;
    };
    // The anchor alone, not the issuer left of it; the next line only when the anchor
    // was wrapped onto it (`cộng` / `hòa xã hội …`).
    let end = match anchor_start(key, key.len()) {
        Some(_) => line.end,
        None => doc.lines.get(m + 1).map_or(line.end, |next| next.end),
    };
    no_capital(doc.slice(line.start + at, end))
}

/// Where the footer starts: the first `Nơi nhận` or signing prefix from line `from` on,
/// moved up to a signature block without prefix written just above it (`GIÁM ĐỐC` / name
/// / `Nơi nhận`) and to a distribution list that lost its label. Without either anchor,
/// the first block with a title in capitals and a name under it.
fn footer_start(doc: &Doc, from: usize, anchors: [Option<usize>; 2], caseless: bool) -> usize {
    let n = doc.lines.len();
    let anchor = anchors.into_iter().flatten().min();
    let unmarked = match anchor {
        Some(a) => {
            let above = a.saturating_sub(signer::LOOKBACK).max(from);
            signer::block_start(doc, above..a, false, caseless)
        }
        None => signer::block_start(doc, from..n, true, caseless),
    };
    let start = [anchor, unmarked].into_iter().flatten().min().unwrap_or(n);
    distribution::unlabelled(doc, start, start)
        .filter(|&i| i >= from)
        .map_or(start, |i| i.min(start))
}

/// A new page's national title or motto on a short line of its own (not a `Nơi nhận`
/// item such as `- Đoàn TNCS Hồ Chí Minh;`, not a sentence citing the state's name).
pub fn is_page_title(key: &str) -> bool {
    let key = key.trim();
    key.len() < 90
        && !key.starts_with(['-', '+', '~', '*'])
        && (NATIONAL_TITLE.is_match(key) || MOTTO.is_match(key))
}

/// A `Nơi nhận` label on line `i`, also split over two lines (`Nơi` / `nhận:`).
pub fn is_noi_nhan(doc: &Doc, i: usize) -> bool {
    let key = doc.line_key(doc.lines[i]).trim_start();
    NOI_NHAN.is_match(key)
        || (key == "noi"
            && doc
                .lines
                .get(i + 1)
                .is_some_and(|&next| doc.line_key(next).starts_with("nhan")))
}

/// The national title, the motto or the Party header on a line.
pub fn is_title_anchor(key: &str) -> bool {
    anchor_start(key, key.len()).is_some()
}

/// Where on line `i` the national title, the motto or the Party header begins, also when
/// a narrow cell wrapped it onto the next line (`CỘNG` / `HÒA XÃ HỘI …`, `ĐẢNG CỘNG` /
/// `SẢN VIỆT NAM`).
pub fn title_anchor(doc: &Doc, i: usize) -> Option<usize> {
    let key = doc.line_key(doc.lines[i]);
    if let Some(at) = anchor_start(key, key.len()) {
        return Some(at);
    }
    let next = doc.lines.get(i + 1).filter(|l| !l.is_blank())?;
    let joined = format!("{key} {}", doc.line_key(*next));
    anchor_start(&joined, key.len())
}

/// The start of the first anchor in `key` that begins before `within`.
fn anchor_start(key: &str, within: usize) -> Option<usize> {
    let party = PARTY_TITLE
        .find(key)
        .filter(|m| key.len() - m.len() < 60)
        .map(|m| m.start());
    // Running text names the state as `nước Cộng hòa xã hội chủ nghĩa Việt Nam` (`Căn cứ
    // Hiến pháp nước …`, `Cơ quan đại diện nước … ở nước ngoài`): no heading there.
    let national = NATIONAL_TITLE
        .find(key)
        .filter(|m| !key[..m.start()].trim_end().ends_with("nuoc"))
        .map(|m| m.start());
    let mass = MASS_TITLE
        .captures(key)
        .and_then(|c| c.get(1))
        .map(|m| m.start());
    [national, MOTTO.find(key).map(|m| m.start()), party, mass]
        .into_iter()
        .flatten()
        .filter(|&at| at < within)
        .min()
}

/// The last line, within the heading window, that holds a heading anchor (title, motto,
/// number or date), so the heading does not stop before the right column is over.
fn last_heading_anchor(doc: &Doc, top: usize, limit: usize) -> usize {
    let mut last = top;
    for i in top..limit {
        let key = doc.line_key(doc.lines[i]);
        if BODY_START.is_match(key) || KINH_GUI.is_match(key) {
            break;
        }
        if title_anchor(doc, i).is_some()
            || NUMBER_LABEL.is_match(key)
            || crate::extract::date::is_date_line(key)
        {
            last = i;
        }
    }
    last
}

/// The first line of the issuer block above the heading's first anchor: the run of
/// non-blank lines directly above it (cells of a table heading come out as such a run),
/// reaching over single blank lines while the lines above are short and in capitals
/// (`ỦY BAN NHÂN DÂN` / blank / `TỈNH QUẢNG TRỊ`). In a heading that lost its capitals,
/// while the lines are short, without sentence punctuation, and the run above the blank
/// opens with the name of a body.
fn issuer_block_start(doc: &Doc, top: usize, caseless: bool) -> usize {
    let mut i = top;
    while i > 0 && doc.lines[i - 1].is_blank() {
        i -= 1;
    }
    let mut start = top;
    let mut taken = 0;
    while i > 0 && taken < 6 {
        let line = doc.lines[i - 1];
        if line.is_blank() {
            // One blank line inside the block, only between capital lines.
            let above = i.checked_sub(2).map(|j| doc.lines[j]);
            let reach = match above {
                Some(a) if a.is_blank() => false,
                Some(_) if caseless => {
                    plain_heading_line(doc, doc.lines[i]) && body_run_above(doc, i - 1)
                }
                Some(a) => capital_heading_line(doc, a) && capital_heading_line(doc, doc.lines[i]),
                None => false,
            };
            if !reach {
                break;
            }
            i -= 1;
            continue;
        }
        i -= 1;
        taken += 1;
        start = i;
    }
    start
}

/// An annexed text with its own heading (a regulation issued by the decision above, a
/// form) starts at its issuer's lines above its national title (`ỦY BAN NHÂN DÂN` /
/// `TỈNH …` / blank / `CỘNG HÒA …`), not at the title: those lines are not the
/// signature's. Taken only as a block of at most three lines that opens with a body's
/// name and stands apart from what is above it.
fn annexed_issuer_above(doc: &Doc, annex: usize, floor: usize) -> usize {
    let mut i = annex;
    while i > floor && doc.lines[i - 1].is_blank() {
        i -= 1;
    }
    let bottom = i;
    while i > floor && bottom - i < 3 && !doc.lines[i - 1].is_blank() {
        i -= 1;
    }
    let apart = i > floor && doc.lines[i - 1].is_blank();
    let opens = i < bottom && crate::extract::issuer::opens_body(doc.line_key(doc.lines[i]));
    // a title or a name of the signature (`GIÁM ĐỐC` / name) is never the annex's
    let signature = (i..bottom).any(|j| {
        let line = doc.lines[j];
        signer::is_block_piece(doc, (line.start, line.end))
    });
    if apart && opens && !signature {
        i
    } else {
        annex
    }
}

fn capital_heading_line(doc: &Doc, line: crate::doc::Line) -> bool {
    let key = doc.line_key(line);
    key.len() <= 70
        && !is_title_anchor(key)
        && crate::extract::kind::mostly_upper(doc.line_text(line))
}

/// A short line that could be a heading cell whatever its case: no colon, no sentence
/// punctuation at its end.
fn plain_heading_line(doc: &Doc, line: crate::doc::Line) -> bool {
    let key = doc.line_key(line);
    key.len() <= 70
        && !key.contains(':')
        && !key.ends_with(['.', ',', ';'])
        && !is_title_anchor(key)
}

/// Whether the run of non-blank lines ending above line `blank` is a piece of the issuer
/// block in lower case: a few plain heading lines, the first naming a body
/// (`ủy ban nhân dân`, `sở giáo dục và đào tạo` / `đồng tháp`).
fn body_run_above(doc: &Doc, blank: usize) -> bool {
    let mut first = blank;
    while first > 0 && !doc.lines[first - 1].is_blank() {
        first -= 1;
        if blank - first > 4 || !plain_heading_line(doc, doc.lines[first]) {
            return false;
        }
    }
    first < blank && crate::extract::issuer::opens_body(doc.line_key(doc.lines[first]))
}

/// The body starts after the `Kính gửi` block (see [`crate::extract::recipients::block`]).
fn end_of_kinh_gui(doc: &Doc, k: usize) -> usize {
    crate::extract::recipients::block(doc, k).end
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADING: &str = "ỦY BAN NHÂN DÂN\n\nTỈNH QUẢNG TRỊ\n\n\
        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nSố: 06/CT-UBND\n";

    #[test]
    fn an_annexed_text_starts_at_its_own_issuer() {
        let doc = Doc::new(
            "ỦY BAN NHÂN DÂN\nTỈNH LAM GIANG\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nSố: 27/2025/QĐ-UBND\n\nQUYẾT ĐỊNH\nBan hành quy định\n\nĐiều 1. Ban hành quy định.\n\nNơi nhận:\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nĐỗ Minh Khang\n\nỦY BAN NHÂN DÂN\nTỈNH LAM GIANG\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nQUY ĐỊNH\n"
                .to_string(),
        );
        let layout = Layout::find(&doc);
        let annex = layout.annex.expect("an annex");
        assert_eq!(doc.line_text(doc.lines[annex]), "ỦY BAN NHÂN DÂN");
        assert!(
            layout.footer.contains(&(annex - 2)),
            "the name stays in the footer"
        );
    }

    #[test]
    fn a_mass_organisation_s_national_name_is_an_anchor_only_as_the_last_cell() {
        for (key, anchor) in [
            ("hoi nong dan viet nam", true),
            ("ban thuong vu      hoi nong dan viet nam", true),
            (
                "bch hoi cuu chien binh tinh\thoi cuu chien binh viet nam",
                true,
            ),
            // an issuer or a Nơi nhận item with the same words
            ("trung uong hoi nong dan viet nam", false),
            ("- trung uong hoi nong dan viet nam;", false),
        ] {
            assert_eq!(is_title_anchor(key), anchor, "{key}");
        }
        let doc = Doc::new(
            "HỘI NÔNG DÂN TỈNH LAM GIANG\nBAN THƯỜNG VỤ\n***\n\nHỘI NÔNG DÂN VIỆT NAM\n\nSố: 87-CTr/HNDT\n\nLam Giang, ngày 26 tháng 8 năm 2024\n\nCHƯƠNG TRÌNH\nHội nghị tập huấn\n"
                .into(),
        );
        assert_eq!(Layout::find(&doc).motto, Some(4));
    }

    #[test]
    fn case_is_lost_when_the_national_title_has_no_capital() {
        let table = [
            (HEADING.to_string(), false),
            (HEADING.to_lowercase(), true),
            // the title wrapped by a narrow cell
            (
                "sở y tế\ncộng\nhòa xã hội chủ nghĩa việt nam\nđộc lập - tự do - hạnh phúc\n"
                    .into(),
                true,
            ),
            // only the title is looked at, not the issuer left of it
            (
                "Bộ tài chính     cộng hoà xã hội chủ nghĩa việt nam\nĐộc lập - Tự do\n".into(),
                true,
            ),
            (
                "bộ tài chính     cộng hoà xã hội chủ nghĩa Việt nam\nĐộc lập - Tự do\n".into(),
                false,
            ),
            ("ĐẢNG BỘ TỈNH\n\nđảng cộng sản việt nam\n".into(), true),
            // without title or motto, the first lines
            (
                "số: 12/ubnd-vp\nhà nội, ngày 5 tháng 3 năm 2024\n".into(),
                true,
            ),
            (
                "Số: 12/UBND-VP\nHà Nội, ngày 5 tháng 3 năm 2024\n".into(),
                false,
            ),
            ("12/3\n".into(), false),
        ];
        for (text, want) in table {
            let doc = Doc::new(text.clone());
            assert_eq!(Layout::find(&doc).caseless, want, "{text:?}");
        }
    }

    #[test]
    fn issuer_block_reaches_over_a_blank_line_without_capitals() {
        // (text, first line of the heading)
        let table = [
            (HEADING.to_string(), 0),
            (HEADING.to_lowercase(), 0),
            (
                "sở giáo dục và đào tạo\nđồng tháp\n\ntrường thpt đốc binh kiều\n\n\
                 cộng hòa xã hội chủ nghĩa việt nam\n"
                    .into(),
                0,
            ),
            // above the blank, lines that do not open with a body's name stay out
            (
                "chia sẻ bài viết\n\nsở y tế\n\ncộng hòa xã hội chủ nghĩa việt nam\n".into(),
                2,
            ),
            (
                "văn bản: sở y tế\n\nsở y tế\n\ncộng hòa xã hội chủ nghĩa việt nam\n".into(),
                2,
            ),
            // a run too long for an issuer block
            (
                "sở y tế\na\nb\nc\nd\ne\n\nsở y tế\n\ncộng hòa xã hội chủ nghĩa việt nam\n".into(),
                7,
            ),
        ];
        for (text, want) in table {
            let doc = Doc::new(text.clone());
            assert_eq!(Layout::find(&doc).heading.start, want, "{text:?}");
        }
    }

    /// A plan going straight from its title to `I. MỤC ĐÍCH, YÊU CẦU` (no recital): the
    /// section in capitals opens the body, so a short body is not swallowed by the heading.
    #[test]
    fn a_first_section_in_capitals_opens_the_body() {
        let text = format!(
            "{HEADING}Quảng Trị, ngày 10 tháng 3 năm 2024\n\nKẾ HOẠCH\nTổ chức kỷ niệm\n\n\
             I. MỤC ĐÍCH\nTổng kết.\nII. NỘI DUNG\nChuẩn bị.\n\nNơi nhận:\n- Lưu: VT.\n\n\
             CHỦ TỊCH\n\nNguyễn Văn A\n"
        );
        let doc = Doc::new(text);
        let layout = Layout::find(&doc);
        assert_eq!(doc.line_text(doc.lines[layout.body.start]), "I. MỤC ĐÍCH");
        // A title in capitals is still the heading's.
        let text = format!("{HEADING}\nCHỈ THỊ\nTHỰC HIỆN CÔNG TÁC\n\nCăn cứ Luật.\n");
        let doc = Doc::new(text);
        let layout = Layout::find(&doc);
        assert_eq!(doc.line_text(doc.lines[layout.body.start]), "Căn cứ Luật.");
    }

    /// A covering letter followed by the plan it sends: the plan's heading, with a number
    /// of its own, starts another document; an annexed form (blank `Số:`) does not.
    #[test]
    fn a_second_heading_with_a_number_starts_another_document() {
        let letter = format!(
            "{HEADING}V/v gửi Kế hoạch\n\nKính gửi: Các sở\n\nSở gửi kèm Kế hoạch số 8/KH-UBND.\n\n\
             Nơi nhận:\n- Lưu: VT.\n\nCHỦ TỊCH\n\nNguyễn Văn A\n\n"
        );
        let plan = "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG TRỊ\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
                    Độc lập - Tự do - Hạnh phúc\n\nSố: 8/KH-UBND\n\nKẾ HOẠCH\n1. Làm.\n";
        let doc = Doc::new(format!("{letter}{plan}"));
        let next = Layout::find(&doc).next_document.expect("a second document");
        assert_eq!(doc.line_text(doc.lines[next]), "ỦY BAN NHÂN DÂN");
        let cut = doc.up_to_line(next);
        assert_eq!(cut.text, letter);
        let form = plan.replace("Số: 8/KH-UBND", "Số: ....../.....");
        let doc = Doc::new(format!("{letter}{form}"));
        assert_eq!(Layout::find(&doc).next_document, None);
    }

    #[test]
    fn a_text_without_heading_that_opens_mid_sentence_is_a_later_page() {
        for (text, want) in [
            ("- 3 -\nvà báo cáo kết quả.\n\nĐiều 3. Hiệu lực.\n", true),
            ("3\nvà báo cáo kết quả.\n", true),
            ("Điều 3. Hiệu lực.\n", false),
            (&format!("{HEADING}và báo cáo.\n"), false),
        ] {
            assert_eq!(
                Layout::find(&Doc::new(text.to_string())).continued,
                want,
                "{text:?}"
            );
        }
    }
}
