//! References: the documents cited by number (`Công văn số 12358/UBND-THKH ngày
//! 05/10/2018 của UBND tỉnh`, `Luật … số 72/2025/QH15`, Party `Kết luận số 212-KL/TW`,
//! `Quyết định 1234/QĐ-TTg` without `số`), in order of first mention, each once.
//!
//! A citation is a number and symbol (parsed by [`crate::extract::number::cited`]) after
//! `số` or right after a type word, with a type word (`Công văn`, `Nghị định`, `Luật …`,
//! `văn bản`, `Tờ trình` …) shortly before it in the same sentence; or the next number
//! of a list that began with one (`các công văn số 695/…, 4032/… và 1238/…`). Form numbers
//! (`mẫu số 03/TNDN`), codes (`mã số 220725-17`) and ids without a symbol are not
//! documents. The kind comes from the type word, else from the symbol; the date is the
//! `ngày …` right after the number. The document's own number is never a reference.
//! The whole text is read, annexes included: their legal bases cite too. The caption of
//! an annex after the signature (`(Kèm theo Quyết định số … ngày …)`) names the document
//! the annex belongs to, the record's own, even when the page with its number is missing.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use crate::doc::Doc;
use crate::extract::date::parse_body_date;
use crate::extract::kind;
use crate::extract::number::cited;
use crate::fold::key_regex;
use crate::layout::Layout;
use crate::record::Reference;

/// How many words may stand between a type word and its number (`Luật Tổ chức chính
/// quyền địa phương số …`, `văn bản đề ngày 29 tháng 10 năm 2025 số …`).
const TYPE_WORD_REACH: usize = 10;
/// How far after one citation the next number of its list may start.
const LIST_REACH: usize = 60;

/// Type words that name no specific kind but still introduce a document.
const GENERIC_TYPES: &[&str] = &[
    "van ban",
    "don",
    "phieu",
    "giay",
    "so tay",
    "thong bao ket luan",
];

/// Every type word, the longest first (the order a regex alternation would try them).
static TYPE_WORDS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut names: Vec<&str> = kind::type_names().iter().map(|(name, _)| *name).collect();
    names.extend(GENERIC_TYPES);
    names.push("bo luat");
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    names
});
/// [`TYPE_WORDS`] by the two letters they open with, in the same order.
static TYPE_WORDS_BY_OPENING: LazyLock<Vec<Vec<&'static str>>> = LazyLock::new(|| {
    let mut by_opening = vec![Vec::new(); 26 * 26];
    for name in TYPE_WORDS.iter() {
        let slot = opening_slot(name.as_bytes()).expect("type words open with two letters");
        by_opening[slot].push(*name);
    }
    by_opening
});

/// The slot of a word's first two letters in [`TYPE_WORDS_BY_OPENING`].
fn opening_slot(word: &[u8]) -> Option<usize> {
    match word {
        [a @ b'a'..=b'z', b @ b'a'..=b'z', ..] => {
            Some(usize::from(a - b'a') * 26 + usize::from(b - b'a'))
        }
        _ => None,
    }
}
/// The word before `số` that makes it a code, not a document number.
static CODE_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| key_regex(r"\b(?:ma|mau|bieu mau|dien thoai|tai khoan)\s+so\s*[:.]?\s*$"));
/// A number written with letters first (`JHDPC/2025/276`), after `số` only.
static LOOSE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[a-z0-9][a-z0-9.&]*(?:\s?[/-]\s?[a-z0-9][a-z0-9.&]*)+").expect("valid regex")
});

/// The cited documents, in order of first mention, each once.
pub fn extract(doc: &Doc, layout: &Layout, own: Option<&str>) -> Vec<Reference> {
    let own_key = own.map(dedup_key);
    let captions = annex_captions(doc, layout);
    let mut out: Vec<Reference> = Vec::new();
    let mut keys: Vec<String> = Vec::new();
    let mut last_end: Option<usize> = None;
    let key = doc.key.as_bytes();
    let mut pos = 0;
    while pos < key.len() {
        let b = key[pos];
        if !b.is_ascii_alphanumeric() {
            pos += 1;
            continue;
        }
        // A number may sit in dot leaders filled in by hand (`số …05…./2006/QĐ-UBND`).
        let word_start = pos == 0
            || !is_token_byte(key[pos - 1])
            || (b.is_ascii_digit() && after_fill(key, pos));
        // `số347/TTr-CP`: the number glued to its label.
        let glued = b.is_ascii_digit()
            && pos >= 2
            && &key[pos - 2..pos] == b"so"
            && (pos == 2 || !key[pos - 3].is_ascii_alphanumeric());
        if !(word_start || glued) {
            pos += 1;
            continue;
        }
        let found = if may_open_citation(key, pos) && !captions.iter().any(|c| c.contains(&pos)) {
            citation_at(doc, pos, last_end)
        } else {
            None
        };
        let Some((value, len, kind_code)) = found else {
            // Skip the rest of this word (only its letters: `số347/…` has a number glued).
            if b.is_ascii_alphabetic() {
                while pos < key.len() && key[pos].is_ascii_alphabetic() {
                    pos += 1;
                }
            } else {
                while pos < key.len() && is_token_byte(key[pos]) {
                    pos += 1;
                }
            }
            continue;
        };
        let end = pos + len;
        last_end = Some(end);
        let dkey = dedup_key(&value);
        if own_key.as_deref() != Some(dkey.as_str()) {
            let date = date_after(doc, end);
            match keys.iter().position(|k| *k == dkey) {
                Some(k) => {
                    if out[k].date.is_none() {
                        out[k].date = date;
                    }
                }
                None => {
                    keys.push(dkey);
                    out.push(Reference {
                        kind: kind_code
                            .map(str::to_string)
                            .or_else(|| kind_of_symbol(&value)),
                        number: value,
                        date,
                    });
                }
            }
        }
        pos = end;
    }
    out
}

/// The caption of an annex after the signature: `(Kèm theo …` up to its closing
/// parenthesis, over at most three lines.
static ANNEX_CAPTION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\(\s*(?:ban hanh )?kem theo\b").expect("valid regex"));

/// Character ranges of the annex captions (see [`ANNEX_CAPTION`]).
fn annex_captions(doc: &Doc, layout: &Layout) -> Vec<std::ops::Range<usize>> {
    let Some(annex) = layout.annex else {
        return Vec::new();
    };
    let n = doc.lines.len();
    (annex..n)
        .filter(|&i| ANNEX_CAPTION.is_match(doc.line_key(doc.lines[i]).trim_start()))
        .map(|i| {
            let last = (i..(i + 3).min(n))
                .find(|&j| doc.line_key(doc.lines[j]).contains(')'))
                .unwrap_or(i);
            doc.lines[i].start..doc.lines[last].end
        })
        .collect()
}

/// Whether dots that follow a blank or the start stand right before `pos`.
fn after_fill(key: &[u8], pos: usize) -> bool {
    let mut k = pos;
    while k > 0 && key[k - 1] == b'.' {
        k -= 1;
    }
    k < pos && (k == 0 || key[k - 1] == b' ')
}

fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'.' | b'~' | b'&' | b'_')
}

/// A citation starting at `pos`: its canonical number, its length in characters and the
/// kind named by its type word.
fn citation_at(
    doc: &Doc,
    pos: usize,
    last_end: Option<usize>,
) -> Option<(String, usize, Option<&'static str>)> {
    let key = doc.key.as_bytes();
    let before = &doc.key[pos.saturating_sub(200)..pos];
    // Most words open no number: without `số` before, a citation must open with digits
    // (look-alike letters among them, as `cited` reads them).
    let digits = opens_with_digits(&key[pos..]);
    let after_so = ends_with_so(before.as_bytes());
    if !digits && !after_so {
        return None;
    }
    // `ngày 27/6/2025` is a date, whatever is glued to it.
    if trim_blank_end(before.as_bytes()).ends_with(b"ngay") {
        return None;
    }
    if after_so && CODE_BEFORE.is_match(before) {
        return None;
    }
    // Numbers wrap over lines (`…/TT-` / `BTC`, `412` / `/BC-…`): read across them, when
    // the key shows the digits and separator that `cited` needs.
    let cited = if could_open_number(&key[pos..]) {
        let text = join_wrapped(doc.slice(pos, (pos + 80).min(doc.len())));
        cited(text.as_ref())
    } else {
        None
    };
    let (value, len, loose) = match cited {
        Some((value, len)) => (value, len, false),
        None if after_so => {
            let (value, len) = loose_number(doc, pos)?;
            (value, len, true)
        }
        None => return None,
    };
    let value = repair_year(&crate::grammar::latin_look_alikes(&value));
    let shape = shape(&value);
    if shape == Shape::NotANumber {
        return None;
    }
    // Without `số`, only a symbol written as one (`QĐ-TTg`, not `- Công trái`).
    if !after_so && (shape != Shape::Symbol || !symbol_in_capitals(&value)) {
        return None;
    }
    // The type word before, within the sentence.
    let clause = sentence_before(before);
    let type_word = last_type_word(clause);
    let words_between = type_word.map(|(_, end)| count_words(&clause.as_bytes()[end..]));
    let near_type = words_between.is_some_and(|w| w <= TYPE_WORD_REACH + usize::from(after_so));
    let in_list = last_end.is_some_and(|e| {
        pos >= e && pos - e <= LIST_REACH && !doc.key[e..pos].contains(['.', ';'])
    }) && shape == Shape::Symbol;
    let accepted = near_type || (in_list && !loose);
    if !accepted {
        return None;
    }
    let kind_code = type_word
        .filter(|_| near_type)
        .and_then(|(t, _)| code_of_type_word(t));
    Some((value, len, kind_code))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// `12358/UBND-THKH`, `72/2025/QH15`: a symbol with letters.
    Symbol,
    /// `107/2025`: digits only, a number only after `số`.
    Digits,
    NotANumber,
}

fn shape(value: &str) -> Shape {
    let Some(sep) = value.find(['/', '-']) else {
        return Shape::NotANumber;
    };
    let symbol = &value[sep + 1..];
    if symbol.is_empty() || !value.chars().any(|c| c.is_ascii_digit()) {
        Shape::NotANumber
    } else if symbol.chars().any(char::is_alphabetic)
        || value[..sep].chars().any(char::is_alphabetic)
    {
        Shape::Symbol
    } else {
        Shape::Digits
    }
}

/// The text with line breaks turned into spaces where a number goes on across them:
/// after a separator and before a capital or digit (`…/TT-` / `BTC`), or before a `/`
/// (`412` / `/BC-…`); not before a bullet or the next sentence's word.
fn join_wrapped(text: &str) -> Cow<'_, str> {
    if !text.contains('\n') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for (k, c) in text.char_indices() {
        if c == '\n' {
            let prev = text[..k].trim_end().chars().next_back();
            let next = text[k + 1..].trim_start().chars().next();
            let after_sep = prev.is_some_and(|p| p == '/' || p == '-')
                && next.is_some_and(|n| n.is_uppercase() || n.is_ascii_digit());
            let goes_on = after_sep || next == Some('/');
            out.push(if goes_on { ' ' } else { '\n' });
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Whether the key opens with a run of digits and look-alike letters holding a real
/// digit: what [`cited`] needs before anything else (a cheap test run at every word).
fn opens_with_digits(key: &[u8]) -> bool {
    key.iter()
        .take_while(|&&b| {
            b.is_ascii_digit() || matches!(b, b'o' | b'd' | b'l' | b'i' | b's' | b'|')
        })
        .any(u8::is_ascii_digit)
}

/// A cheap test every word start passes that [`citation_at`] may accept: it opens with
/// digits, or the last word before it (past a `:` or `.`) ends in `o`, as `số` does. Most
/// words pass neither.
fn may_open_citation(key: &[u8], pos: usize) -> bool {
    if opens_with_digits(&key[pos..]) {
        return true;
    }
    // The common case: one space after a word.
    if pos >= 2 && key[pos - 1] == b' ' && key[pos - 2].is_ascii_alphanumeric() {
        return key[pos - 2] == b'o';
    }
    let rest = trim_blank_end(&key[pos.saturating_sub(8)..pos]);
    let rest = match rest.last() {
        Some(b':' | b'.') => trim_blank_end(&rest[..rest.len() - 1]),
        _ => rest,
    };
    rest.last() == Some(&b'o') || (rest.is_empty() && pos >= 8)
}

/// Whether the key opens as [`cited`] needs: digits or their look-alikes, then fill, then
/// `/` or `-`. Dashes and `…` fold to `-` and `.`, and a line break may be joined into a
/// space, so every text `cited` accepts passes; most numbers in prose (`3 năm`) do not.
fn could_open_number(key: &[u8]) -> bool {
    let fill = |key: &[u8]| {
        key.iter()
            .take_while(|b| matches!(b, b' ' | b'\t' | b'\n' | b'.' | b'_'))
            .count()
    };
    let start = fill(key);
    let digits = key[start..]
        .iter()
        .take_while(|b| b.is_ascii_digit() || b"odlis|".contains(b))
        .count();
    let sep = start + digits + fill(&key[start + digits..]);
    digits > 0 && matches!(key.get(sep), Some(b'/' | b'-'))
}

/// Whether the key before a number ends with the word `số` (`số`, `số:`, `số.`, `số `)
/// or with `so` glued to the number.
fn ends_with_so(before: &[u8]) -> bool {
    if before.ends_with(b"so") {
        return true;
    }
    let rest = trim_blank_end(before);
    let rest = match rest.last() {
        Some(b':' | b'.') => trim_blank_end(&rest[..rest.len() - 1]),
        _ => rest,
    };
    rest.strip_suffix(b"so").is_some_and(|head| {
        !head
            .last()
            .is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'_')
    })
}

/// White space as `str::trim_end` sees it, for the ASCII key.
fn is_blank(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

fn trim_blank_end(key: &[u8]) -> &[u8] {
    let end = key.iter().rposition(|&b| !is_blank(b)).map_or(0, |k| k + 1);
    &key[..end]
}

/// How many words `split_whitespace` finds in the key.
fn count_words(key: &[u8]) -> usize {
    let mut words = 0;
    let mut in_word = false;
    for &b in key {
        let blank = is_blank(b);
        words += usize::from(in_word && blank);
        in_word = !blank;
    }
    words + usize::from(in_word)
}

/// Whether the letters of a symbol are mostly capitals, as symbols are written
/// (`QĐ-TTg`, `TTr-CP`, `BNl-QLDN1`), unlike words caught after a dash (`2003 - Công`).
fn symbol_in_capitals(value: &str) -> bool {
    let sep = value.find(['/', '-']).unwrap_or(0);
    let groups: Vec<(usize, usize)> = value[sep..]
        .split(['/', '-', '.', '&'])
        .filter(|g| g.chars().any(char::is_alphabetic))
        .map(|g| {
            let upper = g.chars().filter(|c| c.is_uppercase()).count();
            let lower = g.chars().filter(|c| c.is_lowercase()).count();
            (upper, lower)
        })
        .collect();
    // Every group mostly capitals, one of them an abbreviation (not `1- Tổ chức`).
    groups
        .iter()
        .all(|&(upper, lower)| upper > 0 && lower <= upper)
        && groups.iter().any(|&(upper, _)| upper >= 2)
}

/// A number that does not open with digits (`JHDPC/2025/276`, `128.2025/OL.WMCLV`).
fn loose_number(doc: &Doc, pos: usize) -> Option<(String, usize)> {
    let line_end = doc.lines[doc.line_of(pos)].end.max(pos);
    let m = LOOSE_NUMBER.find(&doc.key[pos..line_end])?;
    let len = doc.key[pos..pos + m.end()].trim_end_matches('.').len();
    let value: String = doc.slice(pos, pos + len).split_whitespace().collect();
    value
        .chars()
        .any(|c| c.is_ascii_digit())
        .then_some((value, len))
}

/// The text after the last sentence end (`.` before a blank, `;`); blank lines do not
/// end it, since table cells and converters break citations over them.
fn sentence_before(before: &str) -> &str {
    let bytes = before.as_bytes();
    let ends = |k: usize| {
        bytes[k] == b';'
            || (bytes[k] == b'.' && bytes.get(k + 1).is_some_and(u8::is_ascii_whitespace))
    };
    let cut = (0..bytes.len())
        .rev()
        .find(|&k| ends(k))
        .map_or(0, |k| k + 1);
    &before[cut..]
}

/// The last type word in a clause, and where it ends (`pháp luật` is no type word).
///
/// What `find_iter` of the regex `\b(?:name|…)\b` finds, read word by word: a match
/// starts only where a word does, the names are tried longest first, and the search goes
/// on after a match. Runs once per candidate number, where a regex search cost ~7k
/// instructions, mostly set-up.
fn last_type_word(clause: &str) -> Option<(&str, usize)> {
    let bytes = clause.as_bytes();
    let mut last = None;
    let mut at = 0;
    while at < bytes.len() {
        if !is_word_byte(bytes[at]) {
            at += 1;
            continue;
        }
        // Here a word starts: the byte before is no word byte.
        match type_word_at(bytes, at) {
            Some(end) => {
                let word = &clause[at..end];
                if !(word == "luat" && clause[..at].ends_with("phap ")) {
                    last = Some((word, end));
                }
                at = end;
            }
            None => {
                while at < bytes.len() && is_word_byte(bytes[at]) {
                    at += 1;
                }
            }
        }
    }
    last
}

/// What `\b` in the regex sees as a word character, on the ASCII key.
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The end of the first type word (in [`TYPE_WORDS`] order) that stands at `at` and ends
/// on a word boundary; a space in a name stands for any run of white space.
fn type_word_at(bytes: &[u8], at: usize) -> Option<usize> {
    let slot = opening_slot(&bytes[at..])?;
    TYPE_WORDS_BY_OPENING[slot].iter().find_map(|name| {
        let mut k = at;
        for &n in name.as_bytes() {
            if n == b' ' {
                let run = bytes[k..].iter().take_while(|&&b| is_blank(b)).count();
                if run == 0 {
                    return None;
                }
                k += run;
            } else if bytes.get(k) == Some(&n) {
                k += 1;
            } else {
                return None;
            }
        }
        (k == bytes.len() || !is_word_byte(bytes[k])).then_some(k)
    })
}

fn code_of_type_word(word: &str) -> Option<&'static str> {
    let word = word.split_whitespace().collect::<Vec<_>>().join(" ");
    if word == "bo luat" {
        return Some("luat");
    }
    kind::type_names()
        .iter()
        .find(|(name, _)| *name == word)
        .map(|&(_, code)| code)
}

/// The kind from the symbol's type abbreviation (`…/2020/NĐ-CP` → `nghi_dinh`).
fn kind_of_symbol(value: &str) -> Option<String> {
    let sep = value.find(['/', '-'])?;
    let mut symbol = &value[sep + 1..];
    if let Some((first, rest)) = symbol.split_once(['/', '-'])
        && first.len() == 4
        && first.bytes().all(|b| b.is_ascii_digit())
    {
        symbol = rest;
    }
    kind::from_symbol(symbol).map(str::to_string)
}

/// The date written right after a number: `ngày 05/10/2018`, `, ngày 05 tháng 10 năm 2018`.
fn date_after(doc: &Doc, end: usize) -> Option<String> {
    let rest = &doc.key[end.min(doc.len())..];
    let rest = rest.trim_start_matches([' ', '\n', '\t', ',']);
    let rest = rest.strip_prefix("ngay")?;
    let rest = rest.trim_start_matches([' ', '\n', '\t']);
    let (date, _) = parse_body_date(rest)?;
    let year = date.year?;
    Some(format!("{year:04}-{:02}-{:02}", date.month, date.day))
}

/// A year inside a symbol read by OCR with look-alike letters (`30/2O20/NĐ-CP`).
fn repair_year(value: &str) -> String {
    // Only a four-character group with a look-alike letter among digits can change.
    let repairable = |group: &str| {
        group.len() == 4
            && !group.bytes().all(|b| b.is_ascii_digit())
            && group
                .chars()
                .all(|c| crate::grammar::ocr_digit(c).is_some())
    };
    if !value.split('/').any(repairable) {
        return value.to_string();
    }
    value
        .split('/')
        .map(|group| {
            let real = group.bytes().filter(u8::is_ascii_digit).count();
            let read: Option<String> = group.chars().map(crate::grammar::ocr_digit).collect();
            match read {
                Some(year)
                    if group.len() == 4
                        && (2..4).contains(&real)
                        && year
                            .parse::<u16>()
                            .is_ok_and(|y| (1945..=2100).contains(&y)) =>
                {
                    year
                }
                _ => group.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// Two mentions are the same document when their numbers agree up to case, `Đ`/`D`, and
/// `/` or `-` between the groups of the symbol.
fn dedup_key(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut in_symbol = false;
    for c in value.chars().map(crate::grammar::latin_look_alike) {
        match c {
            c if c.is_whitespace() => {}
            'Đ' | 'đ' => out.push('D'),
            '/' | '-' => {
                out.push(if in_symbol { '-' } else { c });
                in_symbol = true;
            }
            c if c.is_ascii() => out.push(c.to_ascii_uppercase()),
            c => out.extend(c.to_uppercase()),
        }
    }
    out
}

#[cfg(test)]
mod tests;
