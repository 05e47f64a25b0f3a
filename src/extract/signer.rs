//! The signature block (ô 7 of the page): authority prefix, principal, title, name.
//!
//! In: the footer zone of the [`Layout`]. Out: the record's `signer`, the spans of its
//! values, and the character ranges the block occupies (so that `Nơi nhận` items sharing
//! lines with it can be cut free of it).
//!
//! A flattened page leaves the block in many shapes: stacked lines (`TM. ỦY BAN NHÂN
//! DÂN` / `KT. CHỦ TỊCH` / `PHÓ CHỦ TỊCH` / name), one table cell on one line (`TM. CHÍNH
//! PHỦ THỦ TƯỚNG (Đã ký) Nguyễn Xuân Phúc`), cells glued together (`QUỐC HỘICHỦ TỊCH`),
//! a right-hand column beside the `Nơi nhận` items on the same lines, or those items
//! interleaved with it line by line. So the extractor reads *elements*: pieces of lines
//! cut at wide gaps, at glued prefixes and titles and around signature marks, each
//! classified as a prefix, a position title, a caps continuation, a mark or a personal
//! name. From the first prefix or title it walks down to the name, groups what it passed
//! into entries (a prefixed line with its wrapped continuation; a title) and reads the
//! fields off them: authority and principal from the first prefixed entry, the title from
//! the entry directly above the name.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::doc::{Doc, Line, Span};
use crate::fold::Opening;
use crate::layout::Layout;
use crate::record::Signer;

/// How many lines below the last block line the name may still be found (a name in the
/// right-hand column beside a long `Nơi nhận` list sits that far down).
const MAX_GAP: usize = 16;
/// How many lines above `Nơi nhận` or a prefix a block without prefix may start.
pub const LOOKBACK: usize = 12;
/// How many lines below that anchor the block's name may stand, beside the list.
const BESIDE_LIST: usize = 6;

/// A signing prefix and what follows it: `KT.`, `TM`, `TL.`, `TUQ.`, `Q.`, Party `T/M`,
/// `K/T`, `T/L`, OCR's `T.M`, and the words written out (`THAY MẶT`, `KÝ THAY`, `THỪA LỆNH`).
static PREFIX: LazyLock<Opening> = LazyLock::new(|| {
    Opening::new(
        b"ktq",
        r"^(?:(kt|tm|tl|tuq|q)(?:\s*[./:,]\s*|\s+|$)|(k|t)\s*[/.]\s*(t|m|l)(?:\s*[.:]\s*|\s+|$)|(thay mat|ky thay|thua lenh|thua uy quyen)(?:\s*[.:]?\s+|$))",
    )
});
/// The words a position title starts with (`PHÓ GIÁM ĐỐC`, `THỨ TRƯỞNG`, `CHỦ TỊCH` …).
static HEAD: LazyLock<Regex> = LazyLock::new(|| {
    let words = "pho|thu truong|thu tuong|chu tich|chu nhiem|(?:tong )?giam doc|(?:tong |chi )?cuc truong|bo truong|vu truong|hieu truong|vien truong|truong|chanh|(?:tong )?bi thu|tong kiem toan|kiem toan truong|thong doc|(?:tong )?thu ky|chu tri|chu toa|uy vien|chi huy truong|tu lenh|chinh uy|(?:to|doi|ke toan|hoi|doan|tram|khoa|so|ban|phong|ty|chi nhanh) truong|phu trach|tong bien tap|dai su|dai dien|giam sat vien";
    // Scanned text doubles spaces inside titles (`thứ  trưởng`).
    Regex::new(&format!(r"^(?:{})\b", words.replace(' ', r"\s+"))).expect("valid regex")
});
/// A piece that is only a signature mark: `(Đã ký)`, `[daky]`, `[Ký và đóng dấu]`, a lone
/// `[`, a stamp image left by a converter (`!Stamp of …`), a form's `(Ký, ghi rõ họ tên)`.
static MARK: LazyLock<Opening> = LazyLock::new(|| {
    Opening::new(
        b"[](){}!dks \t\n\r\x0b\x0c",
        r"^(?:[\[(]\s*(?:da\s*)?k[yi]\b[^)\]]{0,40}[)\]]?|(?:da\s*)?k[yi]\s*[.:]?|\[?\s*daky\s*\]?|[\[\](){}]+|!\s*\S.*|\(?\s*signed\s*\)?|\(?\s*dau\s*\)?)$",
    )
});
/// A signature mark inside a longer piece: `… THỦ TƯỚNG [ (Đã ký) Nguyễn …`,
/// `Nguyễn Tấn Dũng đã ký`, `(Đã ký)Nguyễn Hòa Bình`.
static INLINE_MARK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"[\[(]\s*(?:da\s*k[yi]|daky|k[yi])\b[^)\]]{0,40}[)\]]|\bda k[yi]\b|\[|\]|!\s*stamp\b.*",
    )
    .expect("valid regex")
});
/// A prefix or a title glued to the caps word before it: `CHÍNH PHỦKT. THỦ TƯỚNG`,
/// `THỦ TƯỚNGPHÓ THỦ TƯỚNG`, `QUỐC HỘICHỦ TỊCH`. The second cell begins after the letter
/// (or the `;` and its spaces) that a match opens with.
static GLUE: LazyLock<Regex> = LazyLock::new(|| {
    // After a comma, capitals are abbreviations in a list (`Lưu: VT, KT.`), not a prefix.
    Regex::new(r"(?:[a-z]|;\s*)(?:(?:kt|tm|tl|tuq)\.\s*[a-z]|[kt]/[tml]\s|pho\s|chu tich\b|thu tuong\b|thu truong\b|bo truong\b|giam doc\b)")
        .expect("valid regex")
});
/// Ranks and degrees written before a name: `Thượng tướng`, `Đại tá`, `PGS.TS.`, `ThS`.
static RANK: LazyLock<Opening> = LazyLock::new(|| {
    Opening::new(
        b"dtgpbkln",
        r"^(?:(?:(?:dai|thuong|trung|thieu)\s+(?:tuong|ta|uy)|(?:gs|pgs|ts|tskh|ths|bs|bsck(?:i{1,2}|[12])?|ks|ls|ds|ncs|ngnd|ngut|nsnd|nsut|ttnd|ttut)\b\s*[.,]?)\s*)+",
    )
});

/// Common Vietnamese family names (Kinh and of the northern and highland peoples: Bế,
/// Điêu, Lữ), folded and sorted (searched by binary search): a name in capitals or a
/// name found alone is only taken when it starts with one of these.
const SURNAMES: [&str; 100] = [
    "au", "bach", "banh", "be", "bui", "ca", "cam", "can", "cao", "chau", "chu", "co", "cu",
    "cung", "dam", "dang", "dao", "diep", "dieu", "dinh", "do", "doan", "dong", "du", "duong",
    "giang", "giap", "ha", "han", "hau", "ho", "hoang", "hong", "hua", "huynh", "kha", "khong",
    "khuat", "khuc", "kieu", "kim", "la", "lac", "lai", "lam", "lang", "le", "lo", "lu", "luc",
    "luong", "luu", "ly", "ma", "mac", "mai", "manh", "mong", "nghiem", "ngo", "ngu", "nguyen",
    "nham", "nhu", "ninh", "nong", "on", "pham", "phan", "phi", "phung", "phuong", "quach", "quan",
    "sam", "son", "ta", "tang", "thach", "thai", "than", "thieu", "tiet", "tieu", "to", "ton",
    "tong", "tra", "tran", "trieu", "trinh", "truong", "tu", "ung", "van", "vi", "vo", "vu",
    "vuong", "y",
];

/// Title-case words that start footer phrases, never a personal name.
const NOT_NAMES: [&str; 28] = [
    "nơi",
    "kính",
    "trân",
    "các",
    "như",
    "lưu",
    "sở",
    "bộ",
    "ban",
    "cục",
    "vụ",
    "viện",
    "ủy",
    "uỷ",
    "phòng",
    "tổng",
    "website",
    "cổng",
    "trang",
    "báo",
    "đài",
    "tạp",
    "lãnh",
    "đảng",
    "tỉnh",
    "huyện",
    "phường",
    "quận",
];

/// What an element of the footer is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `(Đã ký)`, `[daky]`, a lone `[`, a stamp.
    Mark,
    /// A signing prefix: its code, where the code ends, and what follows it (may be empty).
    Prefix {
        code: &'static str,
        code_end: usize,
    },
    /// A position title (`PHÓ GIÁM ĐỐC`, `thủ tướng chính phủ`).
    Title,
    /// A line in capitals that is not a title: the wrapped end of the line above.
    Caps,
    /// Capitals that read as a name (`NGUYỄN VĂN AN`): a name under a title, else caps.
    CapsName,
    /// A personal name in title case (without its rank).
    Name,
    /// One title-case word: half of a name wrapped over two lines.
    NamePart,
    Other,
}

#[derive(Debug, Clone, Copy)]
struct Element {
    line: usize,
    /// What the element stands for (a name without its rank).
    span: Span,
    /// The whole piece it was read from, which the block claims.
    piece: Span,
    kind: Kind,
}

/// One entry of a block: a prefixed line with its continuation, or a title.
#[derive(Debug, Clone, Default)]
struct Entry {
    /// The code and the span of the prefix as written (`KT.`, `T/M`).
    code: Option<(&'static str, Span)>,
    /// The spans of the words after the prefix (or of the title), one per line.
    parts: Vec<Span>,
}

/// The signer and where it was found.
#[derive(Debug, Clone, Default)]
pub struct Found {
    pub signer: Signer,
    pub name: Option<Span>,
    pub title: Option<Span>,
    pub authority: Option<Span>,
    pub principal: Option<Span>,
    /// Character ranges of the block (prefixes, titles, marks, name), sorted.
    pub claimed: Vec<Span>,
    /// Index of the line holding the name.
    pub name_line: Option<usize>,
}

/// Finds the signature block in the footer zone.
pub fn find(doc: &Doc, layout: &Layout) -> Found {
    find_with_issuer(doc, layout, &super::issuer::extract(doc, layout))
}

/// [`find`] for a document whose issuer is known already (its words tell the seal's
/// text from a title, and the lead body's block in a joint document).
pub fn find_with_issuer(doc: &Doc, layout: &Layout, issuer: &super::issuer::Found) -> Found {
    let lead = issuer.name.as_ref().map(|(_, (start, end))| {
        words_of(&doc.key[*start..*end])
            .collect::<Vec<_>>()
            .join(" ")
    });
    let seal: Vec<&str> = [&issuer.name, &issuer.parent]
        .into_iter()
        .flatten()
        .flat_map(|(_, (start, end))| words_of(&doc.key[*start..*end]))
        .flat_map(|w| std::iter::once(w).chain(spelled_out(w).iter().copied()))
        .collect();
    let joint = super::issuer::is_joint(doc);
    let found = find_in(
        doc,
        layout.footer.clone(),
        layout.caseless,
        &seal,
        lead.as_deref(),
    );
    if joint && let Some(lead) = lead.as_deref() {
        return lead_block(doc, layout, found, &seal, lead);
    }
    found
}

/// Whether a signature line's words (after the prefix) name the issuer: they hold its
/// whole name (`BỘ TRƯỞNG BỘ NỘI VỤ`, `GIÁM ĐỐC SỞ NỘI VỤ`), or they are the head of it
/// (`ỦY BAN NHÂN DÂN HUYỆN` of `ỦY BAN NHÂN DÂN HUYỆN TÂN PHONG`).
fn names_issuer(words: &str, lead: &str) -> bool {
    !lead.is_empty()
        && (format!(" {words} ").contains(&format!(" {lead} "))
            || (words.split(' ').count() >= 2
                && format!("{lead} ").starts_with(&format!("{words} "))))
}

/// A joint document's signature blocks stacked one under the other: the record's signer
/// is the lead body's (the issuer's). When the first block names another body and a
/// later one names the issuer, the later one is taken.
fn lead_block(doc: &Doc, layout: &Layout, found: Found, seal: &[&str], lead: &str) -> Found {
    let named = |f: &Found| {
        [f.principal, f.title]
            .into_iter()
            .flatten()
            .map(|(a, b)| words_of(&doc.key[a..b]).collect::<Vec<_>>().join(" "))
            .collect::<Vec<_>>()
    };
    if named(&found).iter().any(|t| names_issuer(t, lead)) {
        return found;
    }
    let Some(after) = found.name_line else {
        return found;
    };
    let rest = (after + 1).min(layout.footer.end)..layout.footer.end;
    let next = find_in(doc, rest, layout.caseless, seal, Some(lead));
    if next.signer.name.is_some() && named(&next).iter().any(|t| names_issuer(t, lead)) {
        next
    } else {
        found
    }
}

/// The words a heading's abbreviation stands for: the seal's ring spells the body's
/// name out (`SỞ NÔNG NGHIỆP VÀ PTNT` stamps `SỞ NÔNG NGHIỆP` / `VÀ PHÁT TRIỂN NÔNG
/// THÔN`). Keys, as [`words_of`] gives them.
fn spelled_out(word: &str) -> &'static [&'static str] {
    match word {
        "ubnd" => &["uy", "ban", "nhan", "dan"],
        "hdnd" => &["hoi", "dong", "nhan", "dan"],
        "ptnt" => &["phat", "trien", "nong", "thon"],
        "nn" => &["nong", "nghiep"],
        "gd" => &["giao", "duc"],
        "dt" => &["dao", "tao"],
        "tn" => &["tai", "nguyen"],
        "mt" => &["moi", "truong"],
        "kh" => &["khoa", "hoc", "ke", "hoach"],
        "cn" => &["cong", "nghe"],
        "ldtbxh" => &["lao", "dong", "thuong", "binh", "va", "xa", "hoi"],
        "ttyt" => &["trung", "tam", "y", "te"],
        "bhxh" => &["bao", "hiem", "xa", "hoi"],
        _ => &[],
    }
}

/// The words of a key, without punctuation.
fn words_of(key: &str) -> impl Iterator<Item = &str> {
    key.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// Whether a piece holds only words of the issuer's and parent's names (`seal`).
fn seal_words_only(doc: &Doc, span: Span, seal: &[&str]) -> bool {
    let mut words = words_of(&doc.key[span.0..span.1]).peekable();
    words.peek().is_some() && words.all(|w| seal.contains(&w))
}

/// Finds the signature block among the given lines; `seal` holds the words of the
/// issuer's and parent's names (see [`is_seal_text`]).
fn find_in(
    doc: &Doc,
    lines: Range<usize>,
    caseless: bool,
    seal: &[&str],
    lead: Option<&str>,
) -> Found {
    // Prefixed columns first: their titles and names under them are not co-signers.
    let elements = right_of_cosigners(doc, joint_column(doc, elements(doc, lines, caseless), lead));

    let mut fallback: Option<Block> = None;
    for (a, el) in elements.iter().enumerate() {
        if !is_anchor(el.kind) {
            continue;
        }
        let block = walk(doc, &elements, a, seal);
        if accepts(doc, &elements, el, &block) {
            return block.into_found(doc);
        }
        let prefixed = block.entries.iter().any(|e| e.code.is_some());
        if fallback.is_none() && prefixed {
            fallback = Some(block);
        }
    }
    if let Some(block) = fallback {
        return block.into_found(doc);
    }
    lone_name(doc, &elements).map_or_else(Found::default, |b| b.into_found(doc))
}

/// Co-signatures side by side: a line of bare titles in columns (a biên bản's `THƯ KÝ`
/// and `CHỦ TỌA`/`CHỦ TRÌ`, ND 30 model 1.9) with as many names in columns under it. The
/// right-hand column is the one that signs for the body (the chair, with the seal), so
/// from that line on only the elements right of the gap between the last two titles are
/// kept; read as they come, the left title would pair with the right one's name.
fn right_of_cosigners(doc: &Doc, elements: Vec<Element>) -> Vec<Element> {
    let column = |el: &Element| el.piece.0 - doc.lines[el.line].start;
    let on = |line: usize| elements.iter().filter(move |el| el.line == line);
    let split = elements.iter().find_map(|first| {
        let titles: Vec<&Element> = on(first.line).collect();
        if titles.len() < 2 || titles.iter().any(|el| el.kind != Kind::Title) {
            return None;
        }
        let names = elements
            .iter()
            .filter(|el| el.line > first.line && el.line <= first.line + MAX_GAP)
            .find(|el| el.kind != Kind::Mark)
            .filter(|el| el.kind == Kind::Name)?
            .line;
        let named = on(names).filter(|el| el.kind == Kind::Name).count();
        let [.., left, right] = titles[..] else {
            return None;
        };
        let left_end = left.piece.1 - doc.lines[left.line].start;
        (named == titles.len()).then(|| (first.line, (left_end + column(right)) / 2))
    });
    let Some((from, split)) = split else {
        return elements;
    };
    elements
        .into_iter()
        .filter(|el| el.line < from || column(el) >= split)
        .collect()
}

/// Signature blocks of a joint document side by side: a line of two or more prefixes in
/// columns (`KT. BỘ TRƯỞNG BỘ TÀI CHÍNH      KT. BỘ TRƯỞNG BỘ NỘI VỤ`), each column with
/// its own title and name below. The record's signer is the column whose prefix names the
/// issuer (the lead body; format.md: the body's name is repeated in joint documents),
/// else the right-hand one (the signature's place, ô 7). From that line on only the
/// elements of that column are kept, cut halfway between neighbouring prefixes.
fn joint_column(doc: &Doc, elements: Vec<Element>, lead: Option<&str>) -> Vec<Element> {
    let column = |el: &Element| el.piece.0 - doc.lines[el.line].start;
    let end = |el: &Element| el.piece.1 - doc.lines[el.line].start;
    let heads = elements.iter().find_map(|first| {
        let on: Vec<&Element> = elements.iter().filter(|e| e.line == first.line).collect();
        (on.len() >= 2 && on.iter().all(|e| matches!(e.kind, Kind::Prefix { .. }))).then_some(on)
    });
    let Some(heads) = heads else {
        return elements;
    };
    let named = |el: &Element| {
        let Kind::Prefix { code_end, .. } = el.kind else {
            return false;
        };
        let words = words_of(&doc.key[code_end.min(el.span.1)..el.span.1]).collect::<Vec<_>>();
        lead.is_some_and(|lead| names_issuer(&words.join(" "), lead))
    };
    let pick = heads
        .iter()
        .position(|el| named(el))
        .unwrap_or(heads.len() - 1);
    let lo = match pick {
        0 => 0,
        p => (end(heads[p - 1]) + column(heads[p])) / 2,
    };
    let hi = heads
        .get(pick + 1)
        .map_or(usize::MAX, |next| (end(heads[pick]) + column(next)) / 2);
    let from = heads[0].line;
    // Columns flattened with single spaces do not line up: there each line cut into as
    // many pieces as there are prefixes keeps the piece of the chosen rank.
    let flat = heads.windows(2).any(|w| column(w[1]) < end(w[0]) + 3);
    let count = |line: usize| elements.iter().filter(|e| e.line == line).count();
    let rank = |el: &Element| {
        elements
            .iter()
            .filter(|e| e.line == el.line && e.piece.0 < el.piece.0)
            .count()
    };
    let keep: Vec<bool> = elements
        .iter()
        .map(|el| {
            el.line < from
                || if flat && count(el.line) == heads.len() {
                    rank(el) == pick
                } else {
                    (lo..hi).contains(&column(el))
                }
        })
        .collect();
    elements
        .into_iter()
        .zip(keep)
        .filter_map(|(el, k)| k.then_some(el))
        .collect()
}

/// The first line, within `lines`, where a signature block starts: a prefixed line, a
/// title with a name under it, or a name after a signature mark. With `strict`, a title
/// must be in capitals (used when scanning a whole body for an unmarked block).
///
/// `caseless` says the text lost its capitals (see [`Layout::caseless`]): names are then
/// told by their words, not their case.
pub fn block_start(doc: &Doc, lines: Range<usize>, strict: bool, caseless: bool) -> Option<usize> {
    // The block starts within `lines`, but its name may stand beside the list below them
    // (`TRƯỞNG PHÒNG` / `Nơi nhận:` / `- Lưu: VT.      Võ Thị Lan`).
    let end = lines.end;
    let reach = (end + BESIDE_LIST).min(doc.lines.len()).max(end);
    let elements = elements(doc, lines.start..reach, caseless);
    let beside_or_above = |block: &Block| {
        block.name.as_ref().is_some_and(|(spans, line)| {
            *line < end || spans.first().is_some_and(|s| s.0 > doc.lines[*line].start)
        })
    };
    for (a, el) in elements.iter().enumerate() {
        if el.line >= end {
            break;
        }
        match el.kind {
            Kind::Prefix { .. } => {
                let block = walk(doc, &elements, a, &[]);
                if block.name.is_some() || block.entries.len() > 1 || !strict {
                    return Some(el.line);
                }
            }
            Kind::Title if !strict || caseless || is_caps(doc.slice(el.span.0, el.span.1)) => {
                let block = walk(doc, &elements, a, &[]);
                if accepts(doc, &elements, el, &block) && beside_or_above(&block) {
                    return Some(el.line);
                }
            }
            Kind::Name if marked_name(&elements, a) => return Some(el.line),
            _ => {}
        }
    }
    None
}

/// Whether a line (or piece of one) reads as part of a signature block: a prefixed line,
/// a title in capitals, or a personal name standing alone.
pub fn is_block_piece(doc: &Doc, span: Span) -> bool {
    match classify(doc, span, false).0 {
        Kind::Prefix { .. } => true,
        Kind::Name => has_surname(doc, span),
        Kind::Title => is_caps(doc.slice(span.0, span.1)),
        _ => false,
    }
}

/// Whether a piece is only a signature mark such as `(Đã ký)`.
pub fn is_mark(doc: &Doc, span: Span) -> bool {
    MARK.is_match(&doc.key[span.0..span.1])
}

/// Whether the walk from an anchor found the block: a name, close under the anchor when
/// the anchor is a title in small letters opening a line (which a wrapped `Nơi nhận` item
/// may resemble).
fn accepts(doc: &Doc, elements: &[Element], anchor: &Element, block: &Block) -> bool {
    let Some((_, line)) = block.name else {
        return false;
    };
    // A title in small letters at the start of a line may be a wrapped list item; in the
    // right-hand column it cannot.
    let at_line_start = doc.lines[anchor.line].start == anchor.piece.0;
    let loose = anchor.kind == Kind::Title
        && at_line_start
        && !is_caps(doc.slice(anchor.span.0, anchor.span.1));
    !loose || line <= anchor.line + 4 || bridged(doc, elements, anchor.line, line)
}

fn is_anchor(kind: Kind) -> bool {
    matches!(kind, Kind::Prefix { .. } | Kind::Title)
}

/// A block being read: its entries, its name and what it covers.
#[derive(Debug, Default)]
struct Block {
    entries: Vec<Entry>,
    /// The name's pieces (two when wrapped) and the line of the last.
    name: Option<(Vec<Span>, usize)>,
    claimed: Vec<Span>,
}

/// Walks down from the anchor element `a`, collecting entries up to the name.
fn walk(doc: &Doc, elements: &[Element], a: usize, seal: &[&str]) -> Block {
    let mut block = Block::default();
    let mut last_line = elements[a].line;
    let mut in_seal = false;
    let mut k = a;
    while k < elements.len() {
        let el = elements[k];
        k += 1;
        if el.line > last_line + MAX_GAP {
            break;
        }
        let adjacent = el.line <= last_line + 1 || bridged(doc, elements, last_line, el.line);
        match el.kind {
            Kind::Prefix { code, code_end } => {
                if block.entries.iter().any(|e| e.code.is_none()) {
                    // A prefix below a title starts another block.
                    break;
                }
                let rest = trim(doc, (code_end, el.span.1));
                let mut entry = Entry {
                    code: Some((code, trim(doc, (el.span.0, code_end)))),
                    parts: Vec::new(),
                };
                if rest.1 > rest.0 {
                    entry.parts.push(rest);
                }
                block.entries.push(entry);
                block.claimed.push(el.span);
                last_line = el.line;
            }
            Kind::Title | Kind::Caps | Kind::CapsName => {
                // A name in capitals under a title, unless the title is still open
                // (`… SỞ GIÁO DỤC VÀ` / `ĐÀO TẠO`).
                let under_title = block
                    .entries
                    .last()
                    .is_some_and(|e| e.code.is_none() && !is_open(doc, e));
                // Seal text: the ring of the body's seal, stamped over the signature,
                // repeats the issuer's and parent's names, and OCR reads it as short
                // lines in capitals between the title and the name (`ỦY BAN` / `NHÂN
                // DÂN` / `XÃ THẠCH BÌNH`). A title does not go on with the body's name
                // (ND 30 Art. 13); it is seal text when it opens with a body word and
                // either a prefix already named the body or it runs on over more lines.
                // One line alone may be a title's wrapped end (`TỔNG KIỂM TOÁN NHÀ` /
                // `NƯỚC`, `GIÁM ĐỐC` / `SỞ Y TẾ` of a joint document).
                let seal_text = under_title
                    && el.kind != Kind::Title
                    && seal_words_only(doc, el.span, seal)
                    && (in_seal
                        || (super::issuer::opens_body(&doc.key[el.span.0..el.span.1])
                            && (block.entries.iter().any(|e| e.code.is_some())
                                || elements.get(k).is_some_and(|n| {
                                    n.line == el.line + 1 && seal_words_only(doc, n.span, seal)
                                }))));
                if seal_text {
                    block.claimed.push(el.span);
                    in_seal = true;
                    continue;
                }
                if el.kind == Kind::CapsName && under_title {
                    block.name = Some((vec![el.span], el.line));
                    block.claimed.push(el.span);
                    break;
                }
                // A title continues a bare prefix (`TL.` / `CỤC TRƯỞNG`) or a line ending in
                // a comma; capitals continue a prefixed line, and a title only when short
                // or open (seal text in capitals is not a title's end).
                let continues = block.entries.last().is_some_and(|e| match el.kind {
                    Kind::Title => e.parts.is_empty() || ends_with_comma(doc, e),
                    _ => e.code.is_some() || is_open(doc, e) || word_count(doc, el.span) <= 3,
                });
                if let (true, true, Some(entry)) = (adjacent, continues, block.entries.last_mut()) {
                    entry.parts.push(el.span);
                } else if el.kind == Kind::Title {
                    block.entries.push(Entry {
                        code: None,
                        parts: vec![el.span],
                    });
                } else {
                    // Caps away from the block: seal text or another column.
                    continue;
                }
                block.claimed.push(el.span);
                last_line = el.line;
            }
            Kind::Mark => {
                block.claimed.push(el.span);
                last_line = el.line;
            }
            Kind::Name | Kind::NamePart => {
                // The other half of a wrapped name, on the next line or past list items
                // of an interleaved column.
                // In text that lost its capitals, a family name alone on its line goes on
                // with the small-letter words under it (`vũ` / `chiến thắng`).
                let lower = !has_upper(doc, el.span);
                let rest_of_name = |n: &Element| {
                    lower
                        && el.kind == Kind::NamePart
                        && has_surname(doc, el.span)
                        && (1..=4).contains(&lower_syllables(doc, n.span))
                };
                let next = elements[k..]
                    .iter()
                    .find(|n| n.line > el.line && !(n.kind == Kind::Other && is_item(doc, n.span)))
                    .filter(|n| {
                        let near = n.line == el.line + 1 || bridged(doc, elements, el.line, n.line);
                        near && (matches!(n.kind, Kind::Name | Kind::NamePart) || rest_of_name(n))
                    });
                // A small-letter word opens a wrapped name only as a family name.
                let opens_name = !lower || el.kind == Kind::Name || has_surname(doc, el.span);
                let joined = next.filter(|n| {
                    let words = word_count(doc, el.span) + word_count(doc, n.span);
                    words <= 5
                        && opens_name
                        && (el.kind == Kind::NamePart
                            || n.kind == Kind::NamePart
                            || ends_open(doc, el.span))
                });
                match (el.kind, joined) {
                    (_, Some(n)) => {
                        block.name = Some((vec![el.span, n.span], n.line));
                        block.claimed.push(el.piece);
                        block.claimed.push(n.piece);
                    }
                    (Kind::Name, None) => {
                        block.name = Some((vec![el.span], el.line));
                        block.claimed.push(el.piece);
                    }
                    // A small-letter word that opens no name, or any under a prefixed
                    // line before a title: the wrapped end of the line above
                    // (`tm. ủy ban nhân` / `dân`, `tổng kiểm toán nhà` / `nước`).
                    (Kind::NamePart, None)
                        if lower
                            && adjacent
                            && (!opens_name || block.entries.iter().all(|e| e.code.is_some())) =>
                    {
                        if let Some(entry) = block.entries.last_mut() {
                            entry.parts.push(el.span);
                            block.claimed.push(el.span);
                            last_line = el.line;
                        }
                        continue;
                    }
                    _ => continue,
                }
                break;
            }
            Kind::Other => {}
        }
    }
    block
}

/// Whether a name ends on `Thị` or `Văn`, the middle words that mark a woman's or a man's
/// name and never end one: the rest is on the next line (`Hoàng Thị` / `Mai Lan`, a name
/// OCR broke where the signature's ink crossed it).
fn ends_open(doc: &Doc, span: Span) -> bool {
    words_of(&doc.key[span.0..span.1])
        .last()
        .is_some_and(|w| w == "thi" || w == "van")
}

/// Whether the lines strictly between `from` and `to` hold only items of a `Nơi nhận`
/// list interleaved with the signature column (no blank line, at most three lines).
fn bridged(doc: &Doc, elements: &[Element], from: usize, to: usize) -> bool {
    if to <= from + 1 || to - from > 4 {
        return false;
    }
    if (from + 1..to).any(|line| doc.lines[line].is_blank()) {
        return false;
    }
    let first = elements.partition_point(|el| el.line <= from);
    elements[first..]
        .iter()
        .take_while(|el| el.line < to)
        .all(|el| el.kind == Kind::Other && is_item(doc, el.span))
}

/// A `Nơi nhận` item or label: a bulleted piece, or one ending in `;` / `,`.
fn is_item(doc: &Doc, span: Span) -> bool {
    let key = &doc.key[span.0..span.1];
    starts_with_bullet(doc, span)
        || key.ends_with([';', ','])
        || crate::layout::NOI_NHAN.is_match(key)
}

/// Without any prefix or title: a name after a signature mark (`( Đã ký) Lê Thành Long`),
/// else a name standing alone on its line that starts with a family name.
fn lone_name(doc: &Doc, elements: &[Element]) -> Option<Block> {
    let marked = (0..elements.len()).find(|&k| marked_name(elements, k));
    let alone = || {
        elements.iter().position(|el| {
            el.kind == Kind::Name
                && doc.lines[el.line].start == el.span.0
                && doc.lines[el.line].end == el.span.1
                && has_surname(doc, el.span)
        })
    };
    let k = marked.or_else(alone)?;
    let el = elements[k];
    let mut claimed: Vec<Span> = elements
        .iter()
        .filter(|m| m.line == el.line && m.kind == Kind::Mark)
        .map(|m| m.span)
        .collect();
    claimed.push(el.piece);
    Some(Block {
        entries: Vec::new(),
        name: Some((vec![el.span], el.line)),
        claimed,
    })
}

/// A name with a signature mark on its line or just above it.
fn marked_name(elements: &[Element], k: usize) -> bool {
    let el = elements[k];
    el.kind == Kind::Name
        && elements
            .iter()
            .any(|m| m.kind == Kind::Mark && m.line <= el.line && m.line + 2 >= el.line)
}

impl Block {
    fn into_found(self, doc: &Doc) -> Found {
        let mut found = Found::default();
        if let Some((value, span)) = self.name.as_ref().and_then(|(parts, _)| joined(doc, parts)) {
            found.signer.name = Some(value);
            found.name = Some(span);
            found.name_line = self.name.as_ref().map(|n| n.1);
        }
        let mut entries = self.entries;
        // The title is the entry directly above the name. When that entry is prefixed,
        // its own words may end with the title (`TM. CHÍNH PHỦ THỦ TƯỚNG`).
        let mut title: Option<Vec<Span>> = None;
        if let Some(last) = entries.last_mut() {
            if last.code.is_none() {
                title = Some(last.parts.clone());
            } else if let Some((principal, tail)) = split_title(doc, &last.parts) {
                last.parts = principal;
                title = Some(tail);
            }
        }
        let first = entries.iter().position(|e| e.code.is_some());
        if let Some(f) = first {
            let entry = &entries[f];
            let (code, code_span) = entry.code.unwrap_or(("", (0, 0)));
            found.signer.authority = Some(code.to_string());
            found.authority = Some(code_span);
            if let Some((value, span)) = joined(doc, &entry.parts) {
                found.signer.principal = Some(value);
                found.principal = Some(span);
            }
            let mut chain: Vec<String> = entries[f..]
                .iter()
                .map(|e| {
                    let mut spans = Vec::new();
                    spans.extend(e.code.map(|c| c.1));
                    spans.extend(e.parts.iter().copied());
                    joined(doc, &spans).map(|j| j.0).unwrap_or_default()
                })
                .collect();
            let title_is_entry = entries.last().is_some_and(|e| e.code.is_none());
            if let (false, Some(t)) = (title_is_entry, &title) {
                chain.extend(joined(doc, t).map(|j| j.0));
            }
            if chain.len() > 1 {
                found.signer.chain = chain;
            }
        }
        if let Some((value, span)) = title.as_deref().and_then(|t| joined(doc, t)) {
            found.signer.title = Some(value);
            found.title = Some(span);
        }
        found.claimed = self.claimed;
        found.claimed.sort_unstable();
        found
    }
}

/// Splits the words of a prefixed entry into principal and title when a title starts
/// inside them: `CHÍNH PHỦ THỦ TƯỚNG`, `TRƯỞNG BAN GIÁM SÁT QUẢN LÝ VỀ HQ PHÓ TRƯỞNG BAN`.
/// The principal keeps at least two words (so `BAN BÍ THƯ` stays whole) and never ends
/// with a comma (`BỘ TRƯỞNG, CHỦ NHIỆM` is one principal).
fn split_title(doc: &Doc, parts: &[Span]) -> Option<(Vec<Span>, Vec<Span>)> {
    let words: Vec<(usize, Span)> = parts
        .iter()
        .enumerate()
        .flat_map(|(p, &span)| words(doc, span).into_iter().map(move |w| (p, w)))
        .collect();
    let end = parts.last()?.1;
    for i in 2..words.len() {
        let (p, w) = words[i];
        let before = words[i - 1].1;
        if doc.key.as_bytes()[before.1 - 1] == b',' {
            continue;
        }
        if !is_head(doc, (w.0, end)) {
            continue;
        }
        let mut principal: Vec<Span> = parts[..p].to_vec();
        if words[i - 1].0 == p {
            // The title starts inside line `p`; otherwise it starts that line.
            principal.push((parts[p].0, before.1));
        }
        let mut title = vec![(w.0, parts[p].1)];
        title.extend_from_slice(&parts[p + 1..]);
        return Some((principal, title));
    }
    None
}

/// The value of spans read in order, joined with one space and tidied; and the span from
/// the first to the last.
fn joined(doc: &Doc, spans: &[Span]) -> Option<(String, Span)> {
    let value = spans
        .iter()
        .map(|&(s, e)| doc.value((s, e)))
        .collect::<Vec<_>>()
        .join(" ");
    let value = tidy(&value);
    if value.is_empty() {
        return None;
    }
    let first = spans.first()?;
    let last = spans.last()?;
    Some((value.to_string(), (first.0, last.1)))
}

/// Drops edge punctuation a value never carries.
fn tidy(value: &str) -> &str {
    value
        .trim_matches(|c: char| c.is_whitespace() || ",;:".contains(c))
        .trim_end_matches('.')
        .trim()
}

/// An entry whose last line cannot end it: a comma, a dash or `VÀ`.
fn is_open(doc: &Doc, entry: &Entry) -> bool {
    entry.parts.last().is_some_and(|&(s, e)| {
        let key = doc.key[s..e].trim_end();
        key.ends_with([',', '-', '&']) || key.ends_with(" va")
    })
}

fn ends_with_comma(doc: &Doc, entry: &Entry) -> bool {
    entry
        .parts
        .last()
        .is_some_and(|&(_, e)| e > 0 && doc.key.as_bytes()[e - 1] == b',')
}

// ---------------------------------------------------------------------------------------
// Elements: lines → pieces → classified elements.

/// The elements of the given lines, in reading order.
fn elements(doc: &Doc, lines: Range<usize>, caseless: bool) -> Vec<Element> {
    let mut out = Vec::new();
    // Lines up to which the lines of a flattened pair of signature columns go on.
    let mut paired_until: Option<usize> = None;
    for i in lines {
        let Some(&line) = doc.lines.get(i) else {
            break;
        };
        let mut pieces = columns(doc, line);
        if let [piece] = pieces[..] {
            if let Some(pair) = flattened_prefixes(doc, piece) {
                pieces = pair.to_vec();
                paired_until = Some(i + MAX_GAP + 1);
            } else if paired_until.is_some_and(|until| i <= until)
                && let Some(pair) = flattened_pair(doc, piece, caseless)
            {
                pieces = pair.to_vec();
            }
        }
        for piece in pieces {
            for (span, mark) in split_piece(doc, piece, caseless) {
                let (kind, value) = if mark {
                    (Kind::Mark, span)
                } else {
                    classify(doc, span, caseless)
                };
                out.push(Element {
                    line: i,
                    span: value,
                    piece: span,
                    kind,
                });
            }
        }
    }
    out
}

/// A prefix opening a piece, or standing inside it after a space (`KT.`, `TM.`, `TL.`,
/// `TUQ.`, Party `T/M`, `K/T`, `T/L`).
static INNER_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^| )(?:(?:kt|tm|tl|tuq)\.|[kt]/[tml]) ?").expect("valid regex")
});

/// Two signature columns flattened onto one line with single spaces (a joint document's
/// `TM. ỦY BAN NHÂN DÂN HUYỆN TM. BAN THƯỜNG TRỰC …`): a piece that opens with a prefix
/// and has a second one inside is cut before the second.
fn flattened_prefixes(doc: &Doc, piece: Span) -> Option<[Span; 2]> {
    let key = &doc.key[piece.0..piece.1];
    let mut found = INNER_PREFIX.find_iter(key);
    if found.next()?.start() != 0 {
        return None;
    }
    let second = found.next()?;
    // The second prefix must be followed by words of its own.
    let cut = piece.0 + second.start();
    let (left, right) = (trim(doc, (piece.0, cut)), trim(doc, (cut, piece.1)));
    (words(doc, left).len() >= 2 && words(doc, right).len() >= 2).then_some([left, right])
}

/// The lines under a flattened pair of prefixes: the same title twice (`CHỦ TỊCH CHỦ
/// TỊCH`), or two names (`Nguyễn Hữu Phong Lò Thị Sương`) cut before the family name that
/// leaves two to four words each side, the cut nearest the middle (in capitals unless the
/// text lost them).
fn flattened_pair(doc: &Doc, piece: Span, caseless: bool) -> Option<[Span; 2]> {
    let ws = words(doc, piece);
    let n = ws.len();
    let key = |w: &Span| &doc.key[w.0..w.1];
    let halves = |k: usize| [(ws[0].0, ws[k - 1].1), (ws[k].0, ws[n - 1].1)];
    if n >= 2 && n.is_multiple_of(2) && ws[..n / 2].iter().map(key).eq(ws[n / 2..].iter().map(key))
    {
        return HEAD
            .is_match(&doc.key[ws[0].0..ws[n - 1].1])
            .then(|| halves(n / 2));
    }
    let title_case = |w: &Span| doc.slice(w.0, w.1).starts_with(char::is_uppercase);
    // Text that lost its capitals tells the names by their family names alone.
    if n < 4 || !(caseless || ws.iter().all(title_case)) || !has_surname(doc, piece) {
        return None;
    }
    (2..=n - 2)
        .filter(|&k| k <= 4 && n - k <= 4)
        .filter(|&k| SURNAMES.binary_search(&key(&ws[k])).is_ok())
        .filter(|&k| !matches!(key(&ws[k - 1]), "thi" | "van"))
        .min_by_key(|&k| k.abs_diff(n - k))
        .map(halves)
}

/// Cuts a line where a flattened page left columns side by side: at a tab or at a run of
/// three or more spaces. Pieces are trimmed; empty ones are dropped.
pub fn columns(doc: &Doc, line: Line) -> Vec<Span> {
    let key = doc.key.as_bytes();
    let mut pieces = Vec::new();
    let mut start = line.start;
    let mut i = line.start;
    while i < line.end {
        if key[i] == b' ' || key[i] == b'\t' {
            let gap_start = i;
            let mut tab = false;
            while i < line.end && (key[i] == b' ' || key[i] == b'\t') {
                tab |= key[i] == b'\t';
                i += 1;
            }
            if tab || i - gap_start >= 3 {
                pieces.push((start, gap_start));
                start = i;
            }
        } else {
            i += 1;
        }
    }
    pieces.push((start, line.end));
    pieces
        .into_iter()
        .map(|p| trim(doc, p))
        .filter(|p| p.1 > p.0)
        .collect()
}

/// Cuts a piece around signature marks, at glued cells, and before a name that ends it;
/// a `Nơi nhận:` label sharing the piece is cut off first. Returns the parts with whether
/// each is a mark.
fn split_piece(doc: &Doc, piece: Span, caseless: bool) -> Vec<(Span, bool)> {
    let key = &doc.key[piece.0..piece.1];
    if MARK.is_match(key) {
        return vec![(piece, true)];
    }
    if let Some(m) = crate::layout::NOI_NHAN.find(key) {
        let rest = trim(doc, (piece.0 + m.end(), piece.1));
        let mut out = vec![((piece.0, piece.0 + m.end()), false)];
        if rest.1 > rest.0 {
            out.extend(split_piece(doc, rest, caseless));
        }
        return out;
    }
    let mut out = Vec::new();
    let mut start = piece.0;
    // Every inline mark holds a bracket, `!` or `da k`: most pieces hold none.
    let may_mark = key.contains(['[', ']', '(', '!']) || key.contains("da k");
    let marks = if may_mark {
        INLINE_MARK.find_iter(key).collect()
    } else {
        Vec::new()
    };
    for m in marks {
        let (s, e) = (piece.0 + m.start(), piece.0 + m.end());
        push_cells(doc, (start, s), &mut out, caseless);
        out.push(((s, e), true));
        start = e;
    }
    push_cells(doc, (start, piece.1), &mut out, caseless);
    out
}

/// Pushes the cells of a glued run, with a trailing name cut off as its own part.
fn push_cells(doc: &Doc, span: Span, out: &mut Vec<(Span, bool)>, caseless: bool) {
    let span = trim(doc, span);
    if span.1 <= span.0 {
        return;
    }
    let key = &doc.key[span.0..span.1];
    let mut start = span.0;
    // Every glued cell holds a prefix with its mark or one of the title words: most
    // pieces hold none.
    let may_glue = [
        "kt.",
        "tm.",
        "tl.",
        "tuq.",
        "/t",
        "/m",
        "/l",
        "pho",
        "chu tich",
        "thu t",
        "bo truong",
        "giam doc",
    ]
    .iter()
    .any(|w| key.contains(w));
    // Where each second cell begins: after the letter, or after `;` and its spaces, that
    // the match opens with.
    let glue: Vec<usize> = if may_glue {
        GLUE.find_iter(key)
            .map(|m| {
                let opener = &key[m.start()..m.end()];
                match opener.strip_prefix(';') {
                    Some(rest) => m.start() + 1 + (rest.len() - rest.trim_start().len()),
                    None => m.start() + 1,
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    for g in glue {
        let at = span.0 + g;
        // Only capitals glue: `PHỦKT.` is two cells, `phủkt.` is noise; after `;` a
        // prefix in capitals starts the signature column (`- Như trên; KT. GIÁM ĐỐC`).
        // Text that lost its capitals glues all the same.
        let upper = |pos: usize| caseless || is_upper_at(doc, pos);
        let before = doc.key.as_bytes()[at - 1];
        let glued = before.is_ascii_alphabetic() && upper(at - 1);
        // Without capitals, only a prefix tells a new column after `;`.
        let listed = !before.is_ascii_alphabetic()
            && if caseless {
                PREFIX.is_match(&doc.key[at..span.1])
            } else {
                is_caps(doc.slice(at, span.1))
            };
        if (glued || listed) && upper(at) {
            push_named(doc, (start, at), out);
            start = at;
        }
    }
    push_named(doc, (start, span.1), out);
}

fn push_named(doc: &Doc, span: Span, out: &mut Vec<(Span, bool)>) {
    let span = trim(doc, span);
    if span.1 <= span.0 {
        return;
    }
    match trailing_name(doc, span) {
        Some(at) => {
            out.push((trim(doc, (span.0, at)), false));
            out.push((trim(doc, (at, span.1)), false));
        }
        None => out.push((span, false)),
    }
}

/// Where a name in title case starts at the end of a piece in capitals:
/// `KT. THỦ TƯỚNG PHÓ THỦ TƯỚNG Nguyễn Văn An`.
fn trailing_name(doc: &Doc, span: Span) -> Option<usize> {
    // Most pieces do not end with a capitalised word: refuse them before listing words.
    let key = doc.key.as_bytes();
    let end = trim(doc, span).1;
    let mut last = end;
    while last > span.0 && !key[last - 1].is_ascii_whitespace() {
        last -= 1;
    }
    if !doc
        .slice(last, end)
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
    {
        return None;
    }
    let words = words(doc, span);
    let n = words.len();
    let text = |w: Span| doc.slice(w.0, w.1);
    let mut first = n;
    while first > 0 && is_name_word(text(words[first - 1]), first == n) {
        first -= 1;
    }
    let run = n - first;
    if first == 0 || !(2..=5).contains(&run) {
        return None;
    }
    let head = (span.0, words[first - 1].1);
    // A rank or degree before the name (`BS. Vũ Thị Lan Anh`) stays with it: `name`
    // drops it; cut off, it would read as a title's wrapped end.
    if RANK
        .find(&doc.key[span.0..span.1])
        .is_some_and(|m| span.0 + m.end() >= words[first].0)
    {
        return None;
    }
    let code_end = PREFIX
        .find(&doc.key[head.0..head.1])
        .map_or(head.0, |m| head.0 + m.end());
    is_caps(doc.slice(code_end, head.1)).then_some(words[first].0)
}

/// What one piece of a footer line is, and the span it stands for (a name without its
/// rank).
fn classify(doc: &Doc, span: Span, caseless: bool) -> (Kind, Span) {
    // A list item is a mark or nothing (as `kind_of` reads it); most footer lines are
    // items of `Nơi nhận`, so this spares the name tests there.
    if starts_with_bullet(doc, span) && span.1 > span.0 {
        let mark = MARK.is_match(&doc.key[span.0..span.1]);
        return (if mark { Kind::Mark } else { Kind::Other }, span);
    }
    if let Some(name) = name(doc, span, caseless) {
        let key = &doc.key[span.0..span.1];
        if !MARK.is_match(key) && !starts_with_bullet(doc, span) && prefix(doc, span).is_none() {
            return (Kind::Name, name);
        }
    }
    (kind_of(doc, span, caseless), span)
}

fn kind_of(doc: &Doc, span: Span, caseless: bool) -> Kind {
    let text = doc.slice(span.0, span.1);
    let key = &doc.key[span.0..span.1];
    if key.is_empty() {
        return Kind::Other;
    }
    if MARK.is_match(key) {
        return Kind::Mark;
    }
    if starts_with_bullet(doc, span) || key.ends_with(';') {
        return Kind::Other;
    }
    if let Some(kind) = prefix(doc, span) {
        return kind;
    }
    // No name test here: `classify` made it, and each name it found was returned there
    // unless it is a mark, a list item or a prefixed piece, all told apart above.
    // Text that lost its capitals: any lone syllable may be half of a wrapped name.
    let lone_syllable = caseless
        && lower_syllables(doc, span) == 1
        && !NOT_NAMES.contains(&text.to_lowercase().as_str());
    // Counted once, and only as far as the tests below look.
    let words = word_count_up_to(doc, span, 13);
    if words == 1 && (is_name_word(text, false) || lone_syllable) && !is_head(doc, span) {
        return Kind::NamePart;
    }
    if is_title(doc, span, words) {
        return Kind::Title;
    }
    if is_caps(text) && words <= 12 && !key.bytes().any(|b| b.is_ascii_digit()) {
        if (2..=5).contains(&words) && has_surname(doc, span) {
            return Kind::CapsName;
        }
        return Kind::Caps;
    }
    Kind::Other
}

/// A prefixed piece: `KT. GIÁM ĐỐC`, `TL.`, `T/M BAN BÍ THƯ`, `KT/bộ trưởng`.
fn prefix(doc: &Doc, span: Span) -> Option<Kind> {
    let key = &doc.key[span.0..span.1];
    let c = PREFIX.captures(key)?;
    let whole = c.get(0)?;
    let rest = trim(doc, (span.0 + whole.end(), span.1));
    let rest_key = &doc.key[rest.0..rest.1];
    let rest_text = doc.slice(rest.0, rest.1);
    let marked = key[..whole.end()].contains(['.', '/', ':']);
    let code = if let Some(word) = c.get(4) {
        match word.as_str() {
            "thay mat" => "TM",
            "ky thay" => "KT",
            "thua lenh" => "TL",
            _ => "TUQ",
        }
    } else if let (Some(a), Some(b)) = (c.get(2), c.get(3)) {
        match (a.as_str(), b.as_str()) {
            ("k", "t") => "KT",
            ("t", "m") => "TM",
            ("t", "l") => "TL",
            _ => return None,
        }
    } else {
        match c.get(1)?.as_str() {
            "kt" => "KT",
            "tm" => "TM",
            "tl" => "TL",
            "tuq" => "TUQ",
            _ => "Q",
        }
    };
    let letters = rest_key
        .bytes()
        .next()
        .is_none_or(|b| b.is_ascii_alphabetic() || b == b'~');
    let plausible = if code == "Q" {
        // `Q.` is also a district (`Q. Ba Đình`): only before a title.
        is_head(doc, rest)
    } else if marked {
        letters
    } else {
        rest_key.is_empty() || is_caps(rest_text) || is_head(doc, rest)
    };
    plausible.then_some(Kind::Prefix {
        code,
        code_end: span.0 + whole.end(),
    })
}

/// A position title: starts with a title word, short, no digits, and in capitals or,
/// in lower case (legacy texts: `thủ tướng chính phủ`, `Phó thủ tướng`), without commas.
///
/// `words` is the span's number of words, counted at least up to 13.
fn is_title(doc: &Doc, span: Span, words: usize) -> bool {
    let key = &doc.key[span.0..span.1];
    let text = doc.slice(span.0, span.1);
    // The cheap tests first: most pieces fail one of them.
    words <= 12
        && !key.bytes().any(|b| b.is_ascii_digit())
        && !key.contains(':')
        && is_head(doc, span)
        && (is_caps(text) || (words <= 7 && !key.contains(',')))
}

/// Whether the span starts with a title word (`TRƯỞNG` but not the school `TRƯỜNG`).
fn is_head(doc: &Doc, span: Span) -> bool {
    let key = &doc.key[span.0..span.1];
    if !HEAD.is_match(key) {
        return false;
    }
    let first: String = doc
        .slice(span.0, span.1)
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_lowercase();
    // Same letters, other words: the family name Trương, a school, a street.
    !matches!(first.as_str(), "trương" | "trường" | "phố" | "phở")
}

/// The span of a personal name in title case, without a rank before it:
/// `Nguyễn Văn An`, `Thượng tướng Vũ Hải Sản` → `Vũ Hải Sản`.
fn name(doc: &Doc, span: Span, caseless: bool) -> Option<Span> {
    let key = &doc.key[span.0..span.1];
    let start = RANK.find(key).map_or(span.0, |m| span.0 + m.end());
    let mut span = trim(doc, (start, span.1));
    let written_end = span.1;
    while span.1 > span.0 && b".,;:/".contains(&doc.key.as_bytes()[span.1 - 1]) {
        span.1 -= 1;
    }
    // A name ends a block; words closing a sentence (`… định này./.`) do not.
    let sentence_end = span.1 < written_end;
    if caseless
        && !sentence_end
        && let Some(name) = caseless_name(doc, span)
    {
        return Some(name);
    }
    // Cheap refusals first, as most pieces are not names: a name opens with a capital and
    // has at most five words (each word gives at least one syllable below).
    let opens_upper = doc
        .slice(span.0, span.1)
        .chars()
        .next()
        .is_some_and(char::is_uppercase);
    if !opens_upper || more_words_than(doc, span, 5) {
        return None;
    }
    let words = words(doc, span);
    // Scans drop spaces between syllables (`NguyễnVăn An`): count syllables.
    let syllables: Vec<String> = words
        .iter()
        .flat_map(|w| syllables(doc.slice(w.0, w.1)))
        .collect();
    let n = syllables.len();
    let ok = (2..=5).contains(&n)
        && syllables
            .iter()
            .enumerate()
            .all(|(i, w)| is_name_word(w, i == n - 1))
        && !is_title_word_first(doc, span)
        && !NOT_NAMES.contains(&doc.slice(words[0].0, words[0].1).to_lowercase().as_str());
    ok.then_some(span)
}

/// How many words the span has when each is a small-letter syllable that a name may
/// hold (letters, a vowel, no word of running text); 0 when one is not.
fn lower_syllables(doc: &Doc, span: Span) -> usize {
    let words = words(doc, span);
    if words.iter().all(|&w| is_lower_syllable(doc, w)) {
        words.len()
    } else {
        0
    }
}

/// One word of [`lower_syllables`].
fn is_lower_syllable(doc: &Doc, (start, end): Span) -> bool {
    let text = doc.slice(start, end);
    text.chars()
        .all(|c| c.is_lowercase() || c == '\'' || c == '’')
        && doc.key[start..end].contains(['a', 'e', 'i', 'o', 'u', 'y'])
        && !NOT_IN_NAMES.contains(&text)
}

/// Words of running text that no personal name holds (with their marks: `Quân`, `Nhân`
/// and `Dân` are given names).
const NOT_IN_NAMES: [&str; 14] = [
    "thuộc", "của", "và", "các", "những", "trên", "theo", "với", "cho", "tại", "cơ", "phòng", "ủy",
    "uỷ",
];

/// A name in text that lost its capitals (`nguyễn văn an`), told by its words alone: two
/// to five small-letter syllables, each with a vowel (not `vt`), none a word of running
/// text, the first a common family name that is not also a word of the footer (`như
/// trên`, `lưu`), no title word first.
fn caseless_name(doc: &Doc, span: Span) -> Option<Span> {
    let words = words(doc, span);
    let first = words.first()?;
    // Names of the Central Highlands peoples join syllables with an apostrophe
    // (`ksor h'nhi`) and have family names of their own.
    let highland = words
        .iter()
        .any(|w| doc.slice(w.0, w.1).contains(['\'', '’']));
    let ok = (2..=5).contains(&words.len())
        && words.iter().all(|&w| is_lower_syllable(doc, w))
        && (has_surname(doc, span) || highland)
        && !is_head(doc, span)
        && !NOT_NAMES.contains(&doc.slice(first.0, first.1).to_lowercase().as_str());
    ok.then_some(span)
}

/// Whether a name-shaped span starts with a title word. Text that lost its marks makes
/// the family name Trương and the title word trưởng one word, `Truong`: followed by
/// name words it is a name (`Truong Viet Dung`), not `Truong Ban`.
fn is_title_word_first(doc: &Doc, span: Span) -> bool {
    if !is_head(doc, span) {
        return false;
    }
    let words = words(doc, span);
    let key = |i: usize| words.get(i).map_or("", |w| &doc.key[w.0..w.1]);
    let bare = doc.slice(words[0].0, words[0].1) == "Truong";
    let title_next = HEAD.is_match(&doc.key[words[0].0..span.1])
        && matches!(key(1), "ban" | "phong" | "khoa" | "tram" | "doan" | "thue");
    !bare || title_next
}

/// A word cut before each capital that follows a small letter: `NguyễnVăn` → `Nguyễn`,
/// `Văn`.
fn syllables(word: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut previous_lower = false;
    for c in word.chars() {
        match out.last_mut() {
            Some(last) if !(c.is_uppercase() && previous_lower) => last.push(c),
            _ => out.push(c.to_string()),
        }
        previous_lower = c.is_lowercase();
    }
    out
}

/// One word of a name: a capital then small letters (`Nguyễn`, `Thuỳ`); a lone capital
/// only as the last word (`Nguyễn Văn A`).
fn is_name_word(word: &str, last: bool) -> bool {
    // Names of the Central Highlands peoples join syllables with an apostrophe (`H'Nhi`).
    if let Some((head, tail)) = word.split_once(['\'', '’']) {
        return !tail.is_empty() && is_name_word(head, true) && is_name_word(tail, last);
    }
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if !first.is_uppercase() {
        return false;
    }
    let rest: Vec<char> = chars.collect();
    if rest.is_empty() {
        return last && first.is_alphabetic();
    }
    rest.iter().all(|c| c.is_lowercase() && c.is_alphabetic())
}

/// Text in capitals: no small ASCII letter and mostly capitals (at least two letters).
/// TCVN3 drew capitals with a separate font, so converted text keeps its plain capitals
/// but lowers the marked ones (`CHủ TịCH QUốC HộI`).
pub(crate) fn is_caps(text: &str) -> bool {
    let (mut upper, mut lower) = (0, 0);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        if c.is_ascii_lowercase() {
            return false;
        }
        if c.is_uppercase() {
            upper += 1;
        } else {
            lower += 1;
        }
    }
    upper >= 2 && upper >= lower * 2
}

fn has_upper(doc: &Doc, span: Span) -> bool {
    doc.slice(span.0, span.1).chars().any(char::is_uppercase)
}

fn has_surname(doc: &Doc, span: Span) -> bool {
    let Some(&w) = words(doc, span).first() else {
        return false;
    };
    SURNAMES.binary_search(&&doc.key[w.0..w.1]).is_ok()
}

fn starts_with_bullet(doc: &Doc, span: Span) -> bool {
    let text = doc.slice(span.0, span.1);
    text.starts_with(|c: char| c == '*' || crate::extract::distribution::is_bullet_char(c))
        || text.starts_with(". ")
}

fn is_upper_at(doc: &Doc, pos: usize) -> bool {
    doc.slice(pos, pos + 1).chars().all(char::is_uppercase)
}

/// The words of a span (runs without white space), as spans.
fn words(doc: &Doc, span: Span) -> Vec<Span> {
    let key = doc.key.as_bytes();
    let mut out = Vec::new();
    let mut i = span.0;
    while i < span.1 {
        while i < span.1 && key[i].is_ascii_whitespace() {
            i += 1;
        }
        let start = i;
        while i < span.1 && !key[i].is_ascii_whitespace() {
            i += 1;
        }
        if i > start {
            out.push((start, i));
        }
    }
    out
}

/// Whether a span has more than `n` words, without listing them.
fn more_words_than(doc: &Doc, span: Span, n: usize) -> bool {
    word_count_up_to(doc, span, n + 1) > n
}

/// The number of words of a span, counted no further than `cap`.
fn word_count_up_to(doc: &Doc, span: Span, cap: usize) -> usize {
    let key = &doc.key.as_bytes()[span.0..span.1];
    key.iter()
        .enumerate()
        .filter(|&(i, b)| !b.is_ascii_whitespace() && (i == 0 || key[i - 1].is_ascii_whitespace()))
        .take(cap)
        .count()
}

fn word_count(doc: &Doc, span: Span) -> usize {
    word_count_up_to(doc, span, usize::MAX)
}

/// Trims white space (tabs included) from both ends of a span.
fn trim(doc: &Doc, (mut start, mut end): Span) -> Span {
    let key = doc.key.as_bytes();
    while start < end && key[start].is_ascii_whitespace() {
        start += 1;
    }
    while end > start && key[end - 1].is_ascii_whitespace() {
        end -= 1;
    }
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::test_letter as letter;

    fn signer_of(footer: &str) -> Found {
        let doc = letter(footer);
        find(&doc, &Layout::find(&doc))
    }

    type Fields<'a> = (
        Option<&'a str>,
        Option<&'a str>,
        Option<&'a str>,
        Option<&'a str>,
    );

    /// A joint plan of two bodies with the given heading and footer.
    fn joint(heading: &str, footer: &str) -> Found {
        let doc = Doc::new(joint_text(heading, footer));
        find(&doc, &Layout::find(&doc))
    }

    fn joint_text(heading: &str, footer: &str) -> String {
        format!(
            "{heading}\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 05/NQLT-UBND-MTTQ\nTân Phong, ngày 18 tháng 7 năm 2024\n\nNGHỊ QUYẾT LIÊN TỊCH\nVề phối hợp vận động\n\nĐiều 1. Phối hợp vận động các tổ chức.\nĐiều 2. Nghị quyết có hiệu lực kể từ ngày ký./.\n\n{footer}\nNơi nhận:\n- UBND tỉnh;\n- Lưu: VT.\n"
        )
    }

    #[test]
    fn joint_blocks_side_by_side_give_the_one_naming_the_issuer() {
        // The lead body's block on the right.
        let found = joint(
            "BỘ NỘI VỤ - BỘ TÀI CHÍNH",
            "KT. BỘ TRƯỞNG BỘ TÀI CHÍNH                KT. BỘ TRƯỞNG BỘ NỘI VỤ\n      THỨ TRƯỞNG                              THỨ TRƯỞNG\n\n    Đinh Quang Thái                          Phạm Ngọc Khuê\n",
        );
        assert_eq!(
            fields(&found),
            (
                Some("KT"),
                Some("BỘ TRƯỞNG BỘ NỘI VỤ"),
                Some("THỨ TRƯỞNG"),
                Some("Phạm Ngọc Khuê")
            )
        );
        // The lead body's block on the left.
        let found = joint(
            "ỦY BAN NHÂN DÂN HUYỆN TÂN PHONG",
            "TM. ỦY BAN NHÂN DÂN HUYỆN              TM. BAN THƯỜNG TRỰC\n      CHỦ TỊCH                                CHỦ TỊCH\n   Nguyễn Hữu Phong                         Lò Thị Sương\n",
        );
        assert_eq!(
            fields(&found),
            (
                Some("TM"),
                Some("ỦY BAN NHÂN DÂN HUYỆN"),
                Some("CHỦ TỊCH"),
                Some("Nguyễn Hữu Phong")
            )
        );
        // Neither names the issuer: the right-hand block.
        let found = joint(
            "ỦY BAN NHÂN DÂN HUYỆN TÂN PHONG",
            "KT. CHỦ TỊCH                          TM. BAN THƯỜNG TRỰC\n  PHÓ CHỦ TỊCH                               CHỦ TỊCH\n   Nguyễn Hữu Phong                         Lò Thị Sương\n",
        );
        assert_eq!(found.signer.name.as_deref(), Some("Lò Thị Sương"));
    }

    #[test]
    fn joint_blocks_flattened_with_single_spaces() {
        let found = joint(
            "ỦY BAN NHÂN DÂN HUYỆN TÂN PHONG - BAN THƯỜNG TRỰC ỦY BAN MTTQ VIỆT NAM HUYỆN TÂN PHONG",
            "TM. ỦY BAN NHÂN DÂN HUYỆN TM. BAN THƯỜNG TRỰC ỦY BAN MTTQ VIỆT NAM HUYỆN\nCHỦ TỊCH CHỦ TỊCH\nNguyễn Hữu Phong Lò Thị Sương\n",
        );
        assert_eq!(
            fields(&found),
            (
                Some("TM"),
                Some("ỦY BAN NHÂN DÂN HUYỆN"),
                Some("CHỦ TỊCH"),
                Some("Nguyễn Hữu Phong")
            )
        );
        // A text that lost its capitals (a TCVN3 capital font) tells the names by their
        // family names.
        let text = joint_text(
            "ỦY BAN NHÂN DÂN HUYỆN TÂN PHONG - BAN THƯỜNG TRỰC ỦY BAN MTTQ VIỆT NAM HUYỆN TÂN PHONG",
            "TM. ỦY BAN NHÂN DÂN HUYỆN TM. BAN THƯỜNG TRỰC ỦY BAN MTTQ VIỆT NAM HUYỆN\nCHỦ TỊCH CHỦ TỊCH\nNguyễn Hữu Phong Lò Thị Sương\n",
        );
        let doc = Doc::new(text.to_lowercase());
        let found = find(&doc, &Layout::find(&doc));
        assert_eq!(found.signer.name.as_deref(), Some("nguyễn hữu phong"));
        // The right-hand one when it is the lead's.
        let found = joint(
            "BAN THƯỜNG TRỰC ỦY BAN MTTQ VIỆT NAM HUYỆN TÂN PHONG - ỦY BAN NHÂN DÂN HUYỆN TÂN PHONG",
            "TM. ỦY BAN NHÂN DÂN HUYỆN TM. BAN THƯỜNG TRỰC ỦY BAN MTTQ VIỆT NAM HUYỆN TÂN PHONG\nCHỦ TỊCH CHỦ TỊCH\nNguyễn Hữu Phong Trần Thị Thu Hà\n",
        );
        assert_eq!(found.signer.name.as_deref(), Some("Trần Thị Thu Hà"));
    }

    #[test]
    fn joint_blocks_stacked_give_the_lead_bodys_wherever_it_stands() {
        let found = joint(
            "ỦY BAN NHÂN DÂN HUYỆN TÂN PHONG",
            "TM. BAN THƯỜNG TRỰC ỦY BAN MTTQ VIỆT NAM HUYỆN\nCHỦ TỊCH\nLò Thị Sương\n\nTM. ỦY BAN NHÂN DÂN HUYỆN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Hữu Phong\n",
        );
        assert_eq!(
            fields(&found),
            (
                Some("TM"),
                Some("ỦY BAN NHÂN DÂN HUYỆN"),
                Some("PHÓ CHỦ TỊCH"),
                Some("Nguyễn Hữu Phong")
            )
        );
    }

    fn fields(found: &Found) -> Fields<'_> {
        let s = &found.signer;
        (
            s.authority.as_deref(),
            s.principal.as_deref(),
            s.title.as_deref(),
            s.name.as_deref(),
        )
    }

    const NOI_NHAN: &str = "Nơi nhận:\n- Như trên;\n- Lưu: VT, VP.\n\n";

    #[test]
    fn accepts_the_block_shapes() {
        let table: &[(&str, Fields)] = &[
            // The title above Nơi nhận, the name beside the list.
            (
                "                                TRƯỞNG PHÒNG\nNơi nhận:\n- Như trên;\n- Lưu: VT.                    Võ Thị Lan",
                (None, None, Some("TRƯỞNG PHÒNG"), Some("Võ Thị Lan")),
            ),
            // Stacked, after Nơi nhận.
            (
                "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\nNguyễn Văn An",
                (
                    Some("KT"),
                    Some("GIÁM ĐỐC"),
                    Some("PHÓ GIÁM ĐỐC"),
                    Some("Nguyễn Văn An"),
                ),
            ),
            // Three lines, a mark between title and name; before Nơi nhận.
            (
                "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n(Đã ký)\nTrần Thị Bình\n\nNơi nhận:\n- Như trên;",
                (
                    Some("TM"),
                    Some("ỦY BAN NHÂN DÂN"),
                    Some("PHÓ CHỦ TỊCH"),
                    Some("Trần Thị Bình"),
                ),
            ),
            // TL over KT over the deputy's title.
            (
                "TL. CỤC TRƯỞNG\nKT. TRƯỞNG BAN CHÍNH SÁCH\nPHÓ TRƯỞNG BAN\nLê Văn Cường",
                (
                    Some("TL"),
                    Some("CỤC TRƯỞNG"),
                    Some("PHÓ TRƯỞNG BAN"),
                    Some("Lê Văn Cường"),
                ),
            ),
            // The line above the name is a wrapped KT. line: no title.
            (
                "TL. CỤC TRƯỞNG\nKT. TRƯỞNG BAN BAN CHÍNH SÁCH,\nTHUẾ QUỐC TẾ\nNguyễn Thị Hằng",
                (
                    Some("TL"),
                    Some("CỤC TRƯỞNG"),
                    None,
                    Some("Nguyễn Thị Hằng"),
                ),
            ),
            // A title without prefix.
            (
                "GIÁM ĐỐC\n\nPhạm Công Hoa",
                (None, None, Some("GIÁM ĐỐC"), Some("Phạm Công Hoa")),
            ),
            // A degree in capitals before the name, right under the title: not the
            // title's wrapped end.
            (
                "TRƯỞNG TRẠM\nBS. Vũ Thị Lan Anh",
                (None, None, Some("TRƯỞNG TRẠM"), Some("Vũ Thị Lan Anh")),
            ),
            // One table cell on one line, with debris and wide gaps.
            (
                "TM. CHÍNH PHỦ THỦ TƯỚNG    [ (Đã ký)     Nguyễn Xuân Phúc",
                (
                    Some("TM"),
                    Some("CHÍNH PHỦ"),
                    Some("THỦ TƯỚNG"),
                    Some("Nguyễn Xuân Phúc"),
                ),
            ),
            // Cells glued together.
            (
                "TM. CHÍNH PHỦKT. THỦ TƯỚNGPHÓ THỦ TƯỚNG(Đã ký)Nguyễn Hòa Bình",
                (
                    Some("TM"),
                    Some("CHÍNH PHỦ"),
                    Some("PHÓ THỦ TƯỚNG"),
                    Some("Nguyễn Hòa Bình"),
                ),
            ),
            (
                "TM. ỦY BAN THƯỜNG VỤ QUỐC HỘICHỦ TỊCH\nTrần Thanh Mẫn",
                (
                    Some("TM"),
                    Some("ỦY BAN THƯỜNG VỤ QUỐC HỘI"),
                    Some("CHỦ TỊCH"),
                    Some("Trần Thanh Mẫn"),
                ),
            ),
            // Everything on one line with single spaces.
            (
                "KT. THỦ TƯỚNG PHÓ THỦ TƯỚNG Nguyễn Văn An",
                (
                    Some("KT"),
                    Some("THỦ TƯỚNG"),
                    Some("PHÓ THỦ TƯỚNG"),
                    Some("Nguyễn Văn An"),
                ),
            ),
            // Lower-case legacy text.
            (
                "Nơi nhận:\n- Ban Bí thư,\n- Lưu: VT.\nthủ tướng chính phủ\n\n   (Đã ký)\n\nPhan Văn Khải",
                (
                    None,
                    None,
                    Some("thủ tướng chính phủ"),
                    Some("Phan Văn Khải"),
                ),
            ),
            (
                "tm. chính phủ\nKT. thủ tướng\nPhó thủ tướng\n\nNguyễn Văn Bình",
                (
                    Some("TM"),
                    Some("chính phủ"),
                    Some("Phó thủ tướng"),
                    Some("Nguyễn Văn Bình"),
                ),
            ),
            // Wrapped prefix lines and principals.
            (
                "KT. BỘ TRƯỞNG,\nCHỦ NHIỆM\nPHÓ CHỦ NHIỆM\nPhạm Mạnh Cường",
                (
                    Some("KT"),
                    Some("BỘ TRƯỞNG, CHỦ NHIỆM"),
                    Some("PHÓ CHỦ NHIỆM"),
                    Some("Phạm Mạnh Cường"),
                ),
            ),
            (
                "TM. ỦY BAN NHÂN\nDÂN\nCHỦ TỊCH\nTrương Cảnh Tuyên",
                (
                    Some("TM"),
                    Some("ỦY BAN NHÂN DÂN"),
                    Some("CHỦ TỊCH"),
                    Some("Trương Cảnh Tuyên"),
                ),
            ),
            (
                "TL.\nCỤC TRƯỞNG\nTRƯỞNG BAN GIÁM SÁT\nĐào Duy Tám",
                (
                    Some("TL"),
                    Some("CỤC TRƯỞNG"),
                    Some("TRƯỞNG BAN GIÁM SÁT"),
                    Some("Đào Duy Tám"),
                ),
            ),
            (
                "KT. TRƯỞNG BAN GIÁM SÁT QUẢN LÝ\nVỀ HQ PHÓ TRƯỞNG BAN\nNguyễn Bắc Hải",
                (
                    Some("KT"),
                    Some("TRƯỞNG BAN GIÁM SÁT QUẢN LÝ VỀ HQ"),
                    Some("PHÓ TRƯỞNG BAN"),
                    Some("Nguyễn Bắc Hải"),
                ),
            ),
            // Party style.
            (
                "T/M BAN BÍ THƯ\nTrần Cẩm Tú",
                (Some("TM"), Some("BAN BÍ THƯ"), None, Some("Trần Cẩm Tú")),
            ),
            (
                "K/T CHÁNH\nVĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG\nLâm Thị Thanh",
                (
                    Some("KT"),
                    Some("CHÁNH VĂN PHÒNG"),
                    Some("PHÓ CHÁNH VĂN PHÒNG"),
                    Some("Lâm Thị Thanh"),
                ),
            ),
            // No dot, written-out prefix, Q.
            (
                "KT GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nTrương Hải Thanh",
                (
                    Some("KT"),
                    Some("GIÁM ĐỐC"),
                    Some("PHÓ GIÁM ĐỐC"),
                    Some("Trương Hải Thanh"),
                ),
            ),
            (
                "Q. GIÁM ĐỐC\nHồ Văn Tâm",
                (Some("Q"), Some("GIÁM ĐỐC"), None, Some("Hồ Văn Tâm")),
            ),
            // Wrapped names, ranks, names in capitals, `đã ký` after the name.
            (
                "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nVũ\nChiến Thắng",
                (
                    Some("KT"),
                    Some("BỘ TRƯỞNG"),
                    Some("THỨ TRƯỞNG"),
                    Some("Vũ Chiến Thắng"),
                ),
            ),
            (
                "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nThượng tướng Vũ Hải Sản",
                (
                    Some("KT"),
                    Some("BỘ TRƯỞNG"),
                    Some("THỨ TRƯỞNG"),
                    Some("Vũ Hải Sản"),
                ),
            ),
            (
                "GIÁM ĐỐC\nNGUYỄN VĂN AN",
                (None, None, Some("GIÁM ĐỐC"), Some("NGUYỄN VĂN AN")),
            ),
            // TCVN3 text that lost the marked capitals.
            (
                "Luật này đã được Quốc hội thông qua.\nCHủ TịCH QUốC HộI\n(Đã ký)\nNguyễn Văn An",
                (None, None, Some("CHủ TịCH QUốC HộI"), Some("Nguyễn Văn An")),
            ),
            // Text that lost its marks: `Truong` is the family name here.
            (
                "KT. CHU TICH\nPHO CHU TICH\nTruong Cong Thai",
                (
                    Some("KT"),
                    Some("CHU TICH"),
                    Some("PHO CHU TICH"),
                    Some("Truong Cong Thai"),
                ),
            ),
            // Only the name, after a mark.
            (
                "- Thủ tướng, các Phó Thủ tướng Chính phủ; - Các bộ; - Lưu: VT.\n\n( Đã ký) Lê Thành Long",
                (None, None, None, Some("Lê Thành Long")),
            ),
            // The name alone under the list.
            (
                "Nơi nhận:\n\n- Như trên;\n- Lưu: VT, VP.\n\nTrịnh Hữu Hùng",
                (None, None, None, Some("Trịnh Hữu Hùng")),
            ),
        ];
        for (footer, want) in table {
            let found = signer_of(footer);
            assert_eq!(fields(&found), *want, "{footer:?}");
        }
    }

    #[test]
    fn reads_columns_beside_the_list() {
        // Side by side on the same lines, cut at wide gaps.
        let footer = "Nơi nhận:                          KT/ bộ trưởng bộ tài chính\n\
                      - Văn phòng TW Đảng                    Thứ trưởng\n\
                      - VP Quốc hội\n\
                      - Các Bộ, cơ quan ngang Bộ, cơ quan         (Đã ký)\n   thuộc Chính phủ\n\
                      - Công báo                                  Trương Chí Trung\n\
                      - Lưu: VP (HC, TH)";
        let found = signer_of(footer);
        assert_eq!(
            fields(&found),
            (
                Some("KT"),
                Some("bộ trưởng bộ tài chính"),
                Some("Thứ trưởng"),
                Some("Trương Chí Trung")
            )
        );
        // Interleaved line by line, as OCR reads two columns.
        let footer = "Nơi nhận:\nKT. GIÁM ĐỐC\n- Như trên;\nPHÓ GIÁM ĐỐC\n- Sở Y tế;\n\
                      (Đã ký)\n- Lưu: VT.\nNguyễn Văn An";
        let found = signer_of(footer);
        assert_eq!(
            fields(&found),
            (
                Some("KT"),
                Some("GIÁM ĐỐC"),
                Some("PHÓ GIÁM ĐỐC"),
                Some("Nguyễn Văn An")
            )
        );
        // Wrapped lines of the block with list items between their halves.
        let footer = "Nơi nhận:\nTM. ỦY BAN NHÂN\n- Như trên;\nDÂN\n- Sở Y tế;\nKT. CHỦ TỊCH\n\
                      - Lưu: VT.\nPHÓ CHỦ TỊCH\nBùi\n- Ban A;\nXuân Cường";
        let found = signer_of(footer);
        assert_eq!(
            fields(&found),
            (
                Some("TM"),
                Some("ỦY BAN NHÂN DÂN"),
                Some("PHÓ CHỦ TỊCH"),
                Some("Bùi Xuân Cường")
            )
        );
        // A title in small letters in the right column, the name far below it.
        let footer = "tm . ubnd thành phố\nNơi nhận:                                 chủ tịch\n\
                      - Ban A\n- Ban B\n- Ban C                                 (Đã ký)\n- Ban D\n\
                      - Ban E\n- Sở, Ban ngành TP                         Võ Thanh Tòng\n- Lưu TTLT";
        let found = signer_of(footer);
        assert_eq!(
            fields(&found),
            (
                Some("TM"),
                Some("ubnd thành phố"),
                Some("chủ tịch"),
                Some("Võ Thanh Tòng")
            )
        );
        // The block above the list, the name in the list's column.
        let footer = "tm. chính phủ\nKT. thủ tướng\nPhó thủ tướng\nNơi nhận :\n- Ban Bí thư,\n\
                      - Toà án nhân dân tối cao, \t\t     Nguyễn Tấn Dũng đã ký\n- Lưu: VT.";
        let found = signer_of(footer);
        assert_eq!(found.signer.name.as_deref(), Some("Nguyễn Tấn Dũng"));
        assert_eq!(found.signer.title.as_deref(), Some("Phó thủ tướng"));
    }

    /// A biên bản signed side by side: the secretary left, the chair right. The chair
    /// signs for the body; each name stays with the title above it.
    #[test]
    fn cosigners_side_by_side_take_the_right_column() {
        let table: &[(&str, Fields)] = &[
            (
                "      THƯ KÝ                          CHỦ TRÌ\n\n\n   Đinh Thị Hạnh                    Lê Văn Thạch\n\nNơi nhận:\n- Lưu: VT.",
                (None, None, Some("CHỦ TRÌ"), Some("Lê Văn Thạch")),
            ),
            (
                "THƯ KÝ                    CHỦ TỌA\n(Đã ký)                   (Đã ký)\nNguyễn Thị Lan            Trần Văn Bình",
                (None, None, Some("CHỦ TỌA"), Some("Trần Văn Bình")),
            ),
            // One title beside the list is no co-signature.
            (
                "Nơi nhận:                 CHỦ TỊCH\n- Như trên;\n- Lưu: VT.\n                          Trần Văn Bình",
                (None, None, Some("CHỦ TỊCH"), Some("Trần Văn Bình")),
            ),
        ];
        for (footer, want) in table {
            assert_eq!(fields(&signer_of(footer)), *want, "{footer:?}");
        }
    }

    #[test]
    fn chain_and_spans() {
        let doc = letter(&format!(
            "{NOI_NHAN}TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nTrần Thị Bình"
        ));
        let found = find(&doc, &Layout::find(&doc));
        assert_eq!(
            found.signer.chain,
            ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
        );
        let text = |span: Option<Span>| span.map(|(s, e)| doc.slice(s, e));
        assert_eq!(text(found.name), Some("Trần Thị Bình"));
        assert_eq!(text(found.title), Some("PHÓ CHỦ TỊCH"));
        assert_eq!(text(found.authority), Some("TM."));
        assert_eq!(text(found.principal), Some("ỦY BAN NHÂN DÂN"));
    }

    #[test]
    fn rejects_what_is_not_a_signature() {
        let table: &[&str] = &[
            // A form's signature slot.
            "THỦ TRƯỞNG ĐƠN VỊ\n(Ký tên và đóng dấu)",
            // Names inside list items.
            "Nơi nhận:\n- Như trên;\n- PCT Âu Anh Tuấn;\n- VPCP: BTCN,\nPCN Phạm Mạnh Cường,\n- Lưu: VT.",
            // A district, not `Q.` (quyền).
            "Nơi nhận:\n- UBND\nQ. Ba Đình\n- Lưu: VT.",
            // A school is not a title.
            "TRƯỜNG ĐẠI HỌC Y\nHà Nội",
        ];
        for footer in table {
            let found = signer_of(footer);
            assert_eq!(found.signer.name, None, "{footer:?}");
            assert_eq!(found.signer.authority, None, "{footer:?}");
        }
    }

    /// OCR of a stamped signature: the seal's ring text (the issuer's name) between the
    /// title and the name is not the title's end; a title's own wrapped end is. A name
    /// broken after its middle word goes on with the next line.
    #[test]
    fn seal_text_and_broken_names() {
        let table: &[(&str, Fields)] = &[
            (
                "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nSỞ\n* Y TẾ *\n| ~ '\nNguyễn Văn An",
                (
                    Some("KT"),
                    Some("GIÁM ĐỐC"),
                    Some("PHÓ GIÁM ĐỐC"),
                    Some("Nguyễn Văn An"),
                ),
            ),
            (
                "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nGIÁM ĐỐC\nSỞ\nY TẾ\nNguyễn Văn An",
                (None, None, Some("GIÁM ĐỐC"), Some("Nguyễn Văn An")),
            ),
            // one line of the body's name after a title alone: its wrapped end
            (
                "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nGIÁM ĐỐC\nSỞ Y TẾ\nNguyễn Văn An",
                (None, None, Some("GIÁM ĐỐC SỞ Y TẾ"), Some("Nguyễn Văn An")),
            ),
            (
                "Nơi nhận:            GIÁM ĐỐC\no Như trên;\no Lưu: VT.\n                    Hoàng Thị\n                    Mai Lan",
                (None, None, Some("GIÁM ĐỐC"), Some("Hoàng Thị Mai Lan")),
            ),
        ];
        for (footer, want) in table {
            assert_eq!(fields(&signer_of(footer)), *want, "{footer:?}");
        }
    }

    /// The seal spells out what the heading abbreviates (`VÀ PTNT`): its ring is still
    /// seal text, not the title's end nor a line for the Nơi nhận list.
    #[test]
    fn seal_text_spells_out_the_heading_abbreviations() {
        // normalized, as the pipeline gives it: the ring's `*` are gone
        let doc = Doc::new(
            crate::normalize::normalize(
                "UBND TỈNH BÌNH LÂM\nSỞ NÔNG NGHIỆP VÀ PTNT\nSố: 412/SNN-TTBVTV\n\
             Bình Lâm, ngày 12 tháng 3 năm 2024\n\nKính gửi: Các huyện\n\n\
             Đề nghị các đơn vị thực hiện./.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\
             KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nSỞ NÔNG NGHIỆP\n* VÀ PHÁT TRIỂN NÔNG THÔN *\n\
             BÌNH LÂM\nĐinh Quang Hưởng\n",
            )
            .text,
        );
        let found = find(&doc, &Layout::find(&doc));
        assert_eq!(
            fields(&found),
            (
                Some("KT"),
                Some("GIÁM ĐỐC"),
                Some("PHÓ GIÁM ĐỐC"),
                Some("Đinh Quang Hưởng")
            )
        );
        let layout = Layout::find(&doc);
        assert_eq!(
            super::super::distribution::extract(&doc, &layout, &found),
            ["Như trên", "Lưu: VT"]
        );
    }

    #[test]
    fn name_shapes() {
        assert!(is_name_word("H'Nhi", true));
        assert!(!is_name_word("H'", true));
        let table = [
            ("Nguyễn Văn An", Some("Nguyễn Văn An")),
            ("Nguyễn Văn A", Some("Nguyễn Văn A")),
            ("Nguyễn Thuỳ Dương.", Some("Nguyễn Thuỳ Dương")),
            ("Đại tá Trần Văn Bình", Some("Trần Văn Bình")),
            ("PGS.TS. Lê Quân", Some("Lê Quân")),
            ("Trương Cảnh Tuyên", Some("Trương Cảnh Tuyên")),
            ("NguyễnVăn An", Some("NguyễnVăn An")),
            ("CHủ TịCH QUốC HộI", None),
            ("Nguyễn", None),
            ("Nguyễn Văn An Bình Minh Hải", None),
            ("Phó Thủ Tướng", None),
            ("Nơi Nhận", None),
            ("Bộ Tư pháp", None),
            ("A Văn", None),
            ("HĐND Tỉnh", None),
        ];
        for (text, want) in table {
            let doc = Doc::new(text.to_string());
            let got = name(&doc, (0, doc.len()), false).map(|(s, e)| doc.slice(s, e));
            assert_eq!(got, want, "{text:?}");
        }
        // Without capitals a name is told by its family name: Đỗ, Bế and Điêu too.
        for text in ["đỗ minh khang", "bế văn đàn", "điêu chính tơi"] {
            let doc = Doc::new(text.to_string());
            assert!(name(&doc, (0, doc.len()), true).is_some(), "{text:?}");
        }
    }

    /// Text that lost its capitals (TCVN3 typed with the capital fonts): the whole letter
    /// in small letters, so the layout reads it as caseless.
    #[test]
    fn reads_blocks_without_capitals() {
        let table: &[(&str, Fields)] = &[
            // A name wrapped after its family name and given name.
            (
                "nơi nhận:\n- như trên;\n- lưu: vt.\n\nkt. bộ trưởng\nthứ trưởng\nlê tấn\ncận",
                (
                    Some("KT"),
                    Some("bộ trưởng"),
                    Some("thứ trưởng"),
                    Some("lê tấn cận"),
                ),
            ),
            // A family name alone on its line.
            (
                "nơi nhận:\n- như trên;\n\nkt. chủ tịch\nphó chủ tịch\nvũ\nchiến thắng",
                (
                    Some("KT"),
                    Some("chủ tịch"),
                    Some("phó chủ tịch"),
                    Some("vũ chiến thắng"),
                ),
            ),
            // A prefixed line wrapped by a narrow cell, then a second prefix.
            (
                "nơi nhận:\n- như trên;\n\ntm. ủy ban nhân\ndân\nkt. chủ tịch\nphó chủ tịch\nhoàng phú hiền",
                (
                    Some("TM"),
                    Some("ủy ban nhân dân"),
                    Some("phó chủ tịch"),
                    Some("hoàng phú hiền"),
                ),
            ),
            // A wrapped title, the name in two lines.
            (
                "nơi nhận:\n- lưu: vt.\n\ntổng kiểm toán nhà\nnước\nngô\nvăn tuấn",
                (
                    None,
                    None,
                    Some("tổng kiểm toán nhà nước"),
                    Some("ngô văn tuấn"),
                ),
            ),
            // Cells glued by a flattened table.
            (
                "nơi nhận:\n- lưu: vt.\n\ntm. ủy ban thường vụ quốc hộichủ tịch\n\ntrần thanh mẫn",
                (
                    Some("TM"),
                    Some("ủy ban thường vụ quốc hội"),
                    Some("chủ tịch"),
                    Some("trần thanh mẫn"),
                ),
            ),
            // A name of the Central Highlands.
            (
                "nơi nhận:\n- lưu: vt.\n\nkt. giám đốc\nphó giám đốc\nksor h'nhi",
                (
                    Some("KT"),
                    Some("giám đốc"),
                    Some("phó giám đốc"),
                    Some("ksor h'nhi"),
                ),
            ),
            // The end of a sentence is no name.
            (
                "các sở chịu trách nhiệm thi hành quyết\nđịnh này./.\n\nnơi nhận:\n- như trên;\n\nkt. chủ tịch\nphó chủ tịch\nlê trường sơn",
                (
                    Some("KT"),
                    Some("chủ tịch"),
                    Some("phó chủ tịch"),
                    Some("lê trường sơn"),
                ),
            ),
        ];
        for (footer, want) in table {
            let doc = Doc::new(letter(footer).text.to_lowercase());
            let layout = Layout::find(&doc);
            assert!(layout.caseless, "{footer:?}");
            assert_eq!(fields(&find(&doc, &layout)), *want, "{footer:?}");
        }
        // With capitals, small-letter words are no name.
        assert_eq!(
            signer_of("kt. chủ tịch\nphó chủ tịch\nlê trường sơn")
                .signer
                .name,
            None
        );
    }

    #[test]
    fn tables_are_sorted() {
        assert!(SURNAMES.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn prefix_codes() {
        let table = [
            ("KT. GIÁM ĐỐC", Some("KT")),
            ("TM.ỦY BAN NHÂN DÂN", Some("TM")),
            ("TL. BỘ TRƯỞNG", Some("TL")),
            ("TUQ. GIÁM ĐỐC", Some("TUQ")),
            ("Q. CHÁNH VĂN PHÒNG", Some("Q")),
            ("T/M BAN THƯỜNG VỤ", Some("TM")),
            ("K/T CHÁNH VĂN PHÒNG", Some("KT")),
            ("T/L BÍ THƯ", Some("TL")),
            ("KT/bộ trưởng bộ tài chính", Some("KT")),
            ("KT, GIÁM ĐỐC", Some("KT")),
            ("TL, các đơn vị", None),
            ("tm . ubnd thành phố", Some("TM")),
            ("THAY MẶT BAN CHẤP HÀNH", Some("TM")),
            ("Q. Ba Đình", None),
            ("TT. HĐND thành phố", None),
            ("TM và DV Hà Nội", None),
        ];
        for (text, want) in table {
            let doc = Doc::new(text.to_string());
            let got = match prefix(&doc, (0, doc.len())) {
                Some(Kind::Prefix { code, .. }) => Some(code),
                _ => None,
            };
            assert_eq!(got, want, "{text:?}");
        }
    }
}
