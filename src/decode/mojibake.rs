//! Repair of UTF-8 text that is really TCVN3 or VNI bytes read as
//! Windows-1252/Latin-1 (`ngµy th¸ng`, `ngaøy thaùng`).

use super::legacy::{self, Legacy};
use super::letters;
use super::score::{self, Score};

/// Second bytes after 0xC3 (U+00C0..=U+00FF) of letters Vietnamese uses:
/// À Á Â Ã È É Ê Ì Í Ò Ó Ô Õ Ù Ú Ý and their lower-case forms.
fn vietnamese_latin1(second: u8) -> bool {
    let low = second & 0x1F | 0x80; // fold case: 0xA0.. → 0x80..
    matches!(
        low,
        0x80 | 0x81
            | 0x82
            | 0x83
            | 0x88
            | 0x89
            | 0x8A
            | 0x8C
            | 0x8D
            | 0x92
            | 0x93
            | 0x94
            | 0x95
            | 0x99
            | 0x9A
            | 0x9D
    )
}

/// What one cheap pass over valid UTF-8 finds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Scan {
    /// Latin-1 characters Vietnamese text has no use for (µ ¸ ¨ « ø ö ñ …,
    /// C1 controls): the signature of TCVN3/VNI mojibake
    pub suspicious: usize,
    /// characters outside the ranges known to be NFC whatever follows them
    /// (ASCII, U+0080..=U+02FF, U+1E00..=U+1EFF, U+2010..=U+2027, U+20AB), so
    /// a full NFC check is needed
    pub nfc_unsure: bool,
}

/// Scans valid UTF-8 by its bytes, without decoding characters: in valid
/// UTF-8 a lead byte (0xC2 and up) is never a continuation byte, so each byte
/// can be looked at on its own.
pub(crate) fn scan(bytes: &[u8]) -> Scan {
    let mut suspicious = 0;
    let mut nfc_unsure = false;
    for (i, &b) in bytes.iter().enumerate() {
        if b < 0xC2 {
            continue;
        }
        let next = bytes.get(i + 1).copied().unwrap_or(0);
        match b {
            // U+0080..=U+00BF, except no-break space
            0xC2 => suspicious += usize::from(next != 0xA0),
            0xC3 => suspicious += usize::from(!vietnamese_latin1(next)),
            // U+0100..=U+02FF: Latin Extended (ơ ư đ ă ĩ ũ …)
            0xC4..=0xCB => {}
            // U+1E00..=U+1EFF: Latin Extended Additional (ạ ả ấ … ỹ)
            0xE1 if (0xB8..=0xBB).contains(&next) => {}
            // U+2010..=U+2027 dashes, quotes, ellipsis; U+20AB đồng sign
            0xE2 if matches!(
                (next, bytes.get(i + 2).copied().unwrap_or(0)),
                (0x80, 0x90..=0xA7) | (0x82, 0xAB)
            ) => {}
            _ => nfc_unsure = true,
        }
    }
    Scan {
        suspicious,
        nfc_unsure,
    }
}

/// Number of Latin-1 characters Vietnamese text has no use for.
#[cfg(test)]
pub(crate) fn suspicious_count(bytes: &[u8]) -> usize {
    scan(bytes).suspicious
}

/// A repaired document.
pub(crate) struct Repair {
    pub text: String,
    pub scheme: Legacy,
    /// lines with non-ASCII text, and how many of them were repaired
    pub lines: usize,
    pub repaired: usize,
    /// words where a dropped `ư` was put back
    pub restored: usize,
    /// whole document or only some lines
    pub partial: bool,
    pub score: Score,
}

/// One reading of a line as legacy bytes.
struct Reading {
    text: String,
    score: Score,
    /// TCVN3 only, when the text has lost its soft hyphens: the text with `ư`
    /// put back, and the words changed by spelling and by the word list
    with_u: Option<(String, usize, usize)>,
}

struct Line<'a> {
    text: &'a str,
    /// the TCVN3 and VNI readings, when every character maps to a byte (both
    /// while sampling, then only the one chosen)
    readings: [Option<Reading>; 2],
    /// score of the line as it is, computed while sampling (else on demand)
    orig: Option<Score>,
}

/// Bytes of mappable lines read both ways before one scheme is chosen.
const SAMPLE: usize = 16 * 1024;

const SCHEMES: [Legacy; 2] = [Legacy::Tcvn3, Legacy::Vni];

fn to_bytes(line: &str) -> Option<Vec<u8>> {
    line.chars().map(legacy::cp1252_byte).collect()
}

fn read(bytes: &[u8], scheme: Legacy, lost_u: bool) -> Reading {
    let text = legacy::decode(bytes, scheme).text;
    if scheme == Legacy::Tcvn3 && lost_u {
        let mut fixed = String::with_capacity(text.len() + 16);
        let (spelled, listed) = restore_u_horn(&text, &mut fixed);
        let score = score::score(&fixed);
        return Reading {
            text,
            score,
            with_u: Some((fixed, spelled, listed)),
        };
    }
    let score = score::score(&text);
    Reading {
        text,
        score,
        with_u: None,
    }
}

/// Repairs `text` when it scores clearly more Vietnamese read as TCVN3 or VNI
/// bytes; `None` when it should stay as it is.
pub(crate) fn repair(text: &str) -> Option<Repair> {
    // TCVN3 mojibake without a single U+00AD may have lost every `ư`
    let lost_u = !text.contains('\u{AD}');
    let mut lines = Vec::new();
    let mut genuine = 0;
    let mut totals = [Score::default(); 2];
    let mut orig_total = Score::default();
    let mut sampled = 0;
    // the scheme chosen once the sample is read
    let mut chosen: Option<usize> = None;
    for line in text.split_inclusive('\n') {
        let mut entry = Line {
            text: line,
            readings: [None, None],
            orig: None,
        };
        if !line.is_ascii() {
            // lines with characters Windows-1252 lacks (ộ, ư, …) are genuine
            // and are not scored at all
            match to_bytes(line) {
                Some(bytes) => {
                    for (k, (slot, &scheme)) in entry.readings.iter_mut().zip(&SCHEMES).enumerate()
                    {
                        if chosen.is_none_or(|c| c == k) {
                            *slot = Some(read(&bytes, scheme, lost_u));
                        }
                    }
                    if chosen.is_none() {
                        let orig = score::score(line);
                        orig_total.add(&orig);
                        entry.orig = Some(orig);
                        for (t, r) in totals.iter_mut().zip(&entry.readings) {
                            t.add(&r.as_ref().expect("both read while sampling").score);
                        }
                        sampled += bytes.len();
                        if sampled >= SAMPLE {
                            chosen = Some(usize::from(totals[1].value() > totals[0].value()));
                        }
                    }
                }
                None => genuine += 1,
            }
        }
        lines.push(entry);
    }
    let k = chosen.unwrap_or(usize::from(totals[1].value() > totals[0].value()));
    let best = totals[k];
    let margin = 2.0_f64.max(0.1 * f64::from(best.marked));
    if best.value() < orig_total.value() + margin || best.marked_ratio() < 0.6 {
        return None;
    }
    let partial = genuine > 0;
    // the `ư` put back by the word list alone (`cha` → `chưa`) is kept only if
    // some word could not be spelt without it (`đợc`, `trờng`)
    let spelled: usize = lines
        .iter()
        .filter_map(|l| l.readings[k].as_ref()?.with_u.as_ref())
        .map(|w| w.1)
        .sum();
    let use_u = spelled > 0;
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut repaired = 0;
    let mut restored = 0;
    let mut score = Score::default();
    let mut non_ascii = 0;
    for line in &lines {
        if !line.text.is_ascii() {
            non_ascii += 1;
        }
        let Some(r) = &line.readings[k] else {
            out.push_str(line.text);
            continue;
        };
        let s = &r.score;
        let orig = || line.orig.unwrap_or_else(|| score::score(line.text));
        let take = if partial {
            s.marked_valid > 0 && s.value() > orig().value()
        } else {
            // the whole text is mojibake: repair every line, unless one reads
            // as Vietnamese already and would turn to garbage
            !(s.marked_valid == 0 && s.marked > 0 && orig().marked_valid > 0)
        };
        if !take {
            out.push_str(line.text);
            continue;
        }
        repaired += 1;
        score.add(s);
        match &r.with_u {
            Some((fixed, spelled, listed)) if use_u => {
                out.push_str(fixed);
                restored += spelled + listed;
            }
            _ => out.push_str(&r.text),
        }
    }
    if repaired == 0 {
        return None;
    }
    Some(Repair {
        text: out,
        scheme: SCHEMES[k],
        lines: non_ascii,
        repaired,
        restored,
        partial,
        score,
    })
}

/// Puts back `ư` where a converter dropped TCVN3's 0xAD (soft hyphen in
/// Windows-1252), which leaves `trờng`, `đợc`, `t`, `nh` for `trường`, `được`,
/// `tư`, `như`. Writes the line to `out`; returns the number of words changed
/// by spelling and by the word list.
///
/// Words that are no longer valid syllables get the `ư` where it makes them
/// valid; a short list of valid-looking words that administrative texts almost
/// only use with `ư` (`ngời` → `người`, `cha` → `chưa`) are changed too.
pub(crate) fn restore_u_horn(line: &str, out: &mut String) -> (usize, usize) {
    let toks: Vec<(usize, &str)> = score::tokens(line).collect();
    let mut spelled = 0;
    let mut listed = 0;
    let mut last = 0;
    let mut buf = String::new();
    for (k, &(start, tok)) in toks.iter().enumerate() {
        let end = start + tok.len();
        let ctx = Context {
            next_char: line[end..].chars().next(),
            prev_char: line[..start].chars().next_back(),
            prev_word: k.checked_sub(1).map(|j| toks[j].1),
            next_word: toks.get(k + 1).map(|t| t.1),
        };
        if let Some((fixed, by_list)) = restore_word(tok, &ctx, &mut buf) {
            out.push_str(&line[last..start]);
            out.push_str(&fixed);
            last = end;
            if by_list {
                listed += 1;
            } else {
                spelled += 1;
            }
        }
    }
    out.push_str(&line[last..]);
    (spelled, listed)
}

struct Context<'a> {
    next_char: Option<char>,
    prev_char: Option<char>,
    prev_word: Option<&'a str>,
    next_word: Option<&'a str>,
}

/// Valid syllables that, in a text that lost its `ư`, are nearly always the
/// `ư` word (counts in the corpus transcripts: `người` 680 vs `ngời` 0, `chưa`
/// 143 vs `cha` 2, `ưu` 238 vs `u` 1 …).
const LOST_U_WORDS: [(&str, &str); 17] = [
    ("ngời", "người"),
    ("dới", "dưới"),
    ("mời", "mười"),
    ("mơi", "mươi"),
    ("cha", "chưa"),
    ("u", "ưu"),
    ("lu", "lưu"),
    ("hu", "hưu"),
    ("bu", "bưu"),
    ("mu", "mưu"),
    ("tơi", "tươi"),
    ("vờn", "vườn"),
    ("lới", "lưới"),
    ("vợt", "vượt"),
    ("trợt", "trượt"),
    ("mợn", "mượn"),
    ("đa", "đưa"),
];

/// Neighbours that make `đa` the word it is (`tối đa`, `đa số`, `đa dạng` …).
fn keeps_da(ctx: &Context) -> bool {
    let prev = ctx.prev_word.map(str::to_lowercase);
    let next = ctx.next_word.map(str::to_lowercase);
    matches!(prev.as_deref(), Some("tối" | "cực"))
        || matches!(
            next.as_deref(),
            Some(
                "số" | "dạng"
                    | "phương"
                    | "năng"
                    | "ngành"
                    | "khoa"
                    | "mục"
                    | "chức"
                    | "hệ"
                    | "thức"
                    | "cấp"
                    | "giác"
                    | "nguyên"
                    | "biên"
            )
        )
}

fn with_case(tok: &str, fixed: &str) -> String {
    let upper_first = tok.chars().next().is_some_and(char::is_uppercase);
    if tok.chars().count() > 1 && tok.chars().all(|c| !c.is_lowercase()) {
        return fixed.to_uppercase();
    }
    if upper_first {
        let mut c = fixed.chars();
        let first = c.next().map(|f| f.to_uppercase().collect::<String>());
        return first.unwrap_or_default() + c.as_str();
    }
    fixed.to_owned()
}

/// The word with `ư` put back, and whether that came from the word list.
fn restore_word(tok: &str, ctx: &Context, buf: &mut String) -> Option<(String, bool)> {
    if let Some(lower) = score::syllable(tok, buf) {
        let &(_, fixed) = LOST_U_WORDS.iter().find(|(w, _)| *w == lower)?;
        if lower == "đa" && keeps_da(ctx) {
            return None;
        }
        // `u` alone is a list label or a symbol more often than `ưu` there
        if lower == "u" && matches!(ctx.next_char, Some(')' | '.')) {
            return None;
        }
        return Some((with_case(tok, fixed), true));
    }
    // abbreviations (`TH`, `NĐ`) stay
    if !tok.chars().any(|c| c.is_lowercase()) {
        return None;
    }
    let chars: Vec<char> = tok.chars().collect();
    if chars.len() == 1 {
        // of the one-letter words only `t` is nearly always `tư` (`thông tư`),
        // and `d` after `số` (`số dư`); `d)`, `x`, `c` are labels and marks
        let da = chars[0] == 'd'
            && (ctx.prev_word.is_some_and(|w| w.eq_ignore_ascii_case("số"))
                || matches!(ctx.next_word, Some("nợ" | "có")));
        if !(chars[0] == 't' || da)
            || matches!(ctx.next_char, Some(')' | '/'))
            || ctx.prev_char == Some('/')
        {
            return None;
        }
    }
    // `ư` may start the word only before `ơ` (`ương`, `ước`)
    let first =
        if chars[0] == 'ơ' || letters::toneless_lower(chars[0]).is_some_and(|(p, _)| p == 'ơ') {
            0
        } else {
            1
        };
    for i in first..=chars.len() {
        let mut cand: String = chars[..i].iter().collect();
        cand.push('ư');
        cand.extend(&chars[i..]);
        if score::syllable(&cand, buf).is_some() {
            return Some((cand, false));
        }
    }
    None
}
