//! How Vietnamese a text looks: how many of its words are well-formed
//! Vietnamese syllables (onset + rhyme, at most one tone, the tone allowed by
//! the rhyme and placed on a vowel that may carry it), plus a bonus for very
//! common words. Only words with non-ASCII letters tell encodings apart, so
//! they carry the weight.

use super::letters::{self, Tone};
use std::collections::HashSet;
use std::sync::OnceLock;

/// Counts over the word tokens of a text.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Score {
    /// tokens with at least one letter
    pub words: u32,
    /// tokens that are valid syllables
    pub valid: u32,
    /// tokens with a non-ASCII character
    pub marked: u32,
    /// marked tokens that are valid syllables
    pub marked_valid: u32,
    /// tokens that are very common Vietnamese words
    pub common: u32,
    /// characters that should not be in decoded text (C1 controls, U+FFFD,
    /// stray combining marks)
    pub odd: u32,
}

impl Score {
    /// One number to compare decodings of the same bytes: higher is more
    /// Vietnamese.
    pub(crate) fn value(&self) -> f64 {
        let marked_invalid = f64::from(self.marked - self.marked_valid);
        f64::from(self.marked_valid) + f64::from(self.common)
            - 2.0 * marked_invalid
            - 2.0 * f64::from(self.odd)
    }

    /// Share of marked tokens that are valid syllables (0 when none).
    pub(crate) fn marked_ratio(&self) -> f64 {
        if self.marked == 0 {
            0.0
        } else {
            f64::from(self.marked_valid) / f64::from(self.marked)
        }
    }

    /// Share of word tokens that are valid syllables (0 when none).
    pub(crate) fn valid_ratio(&self) -> f64 {
        if self.words == 0 {
            0.0
        } else {
            f64::from(self.valid) / f64::from(self.words)
        }
    }

    pub(crate) fn add(&mut self, o: &Score) {
        self.words += o.words;
        self.valid += o.valid;
        self.marked += o.marked;
        self.marked_valid += o.marked_valid;
        self.common += o.common;
        self.odd += o.odd;
    }
}

/// `true` for characters that end a word token.
pub(crate) fn is_separator(c: char) -> bool {
    if c.is_ascii() {
        !c.is_ascii_alphabetic()
    } else {
        c.is_whitespace() || matches!(c, '\u{2000}'..='\u{206F}' | '\u{3000}' | '\u{FEFF}')
    }
}

/// Word tokens of `text` with their byte ranges.
pub(crate) fn tokens(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    let mut i = 0;
    // whether the character at `at` separates words, and its length
    let separator_len = move |at: usize| -> (bool, usize) {
        let b = bytes[at];
        if b < 0x80 {
            return (!b.is_ascii_alphabetic(), 1);
        }
        let c = text[at..].chars().next().expect("at a char boundary");
        (is_separator(c), c.len_utf8())
    };
    std::iter::from_fn(move || {
        loop {
            if i >= bytes.len() {
                return None;
            }
            let (sep, len) = separator_len(i);
            if !sep {
                break;
            }
            i += len;
        }
        let start = i;
        while i < bytes.len() {
            let (sep, len) = separator_len(i);
            if sep {
                break;
            }
            i += len;
        }
        Some((start, &text[start..i]))
    })
}

fn is_odd(c: char) -> bool {
    matches!(c, '\u{80}'..='\u{9F}' | '\u{FFFD}' | '\u{0300}'..='\u{036F}')
}

#[cfg(test)]
thread_local! {
    /// Number of `score` calls on this thread, so tests can check that the
    /// fast path never runs the scorer.
    pub(crate) static SCORE_CALLS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Scores a whole text.
pub(crate) fn score(text: &str) -> Score {
    #[cfg(test)]
    SCORE_CALLS.with(|c| c.set(c.get() + 1));
    let mut s = Score::default();
    let mut buf = String::new();
    for (_, tok) in tokens(text) {
        score_token(tok, &mut buf, &mut s);
    }
    s
}

fn score_token(tok: &str, buf: &mut String, s: &mut Score) {
    let mut marked = false;
    let mut odd = 0;
    let mut letter = false;
    for c in tok.chars() {
        if c.is_ascii() {
            letter |= c.is_ascii_alphabetic();
        } else {
            marked = true;
            if is_odd(c) {
                odd += 1;
            }
            letter = letter || letters::toneless_lower(c).is_some() || c.is_alphabetic();
        }
    }
    s.odd += odd;
    if !letter {
        return;
    }
    s.words += 1;
    if marked {
        s.marked += 1;
    }
    // `đ` alone is the abbreviation of `đồng` (the currency)
    if tok == "đ" {
        s.valid += 1;
        s.marked_valid += 1;
        return;
    }
    if let Some(lower) = syllable(tok, buf) {
        s.valid += 1;
        if marked {
            s.marked_valid += 1;
        }
        if is_common(lower) {
            s.common += 1;
        }
    }
}

/// If `tok` is a valid Vietnamese syllable, its lower-case form (in `buf`).
pub(crate) fn syllable<'b>(tok: &str, buf: &'b mut String) -> Option<&'b str> {
    buf.clear();
    let mut plain = [0 as char; 8];
    let mut n = 0;
    let mut tone = Tone::Level;
    let mut tone_at = 0;
    for c in tok.chars() {
        if n == plain.len() {
            return None;
        }
        let (p, t, lower) = letters::lower_parts(c)?;
        if t != Tone::Level {
            if tone != Tone::Level {
                return None;
            }
            tone = t;
            tone_at = n;
        }
        plain[n] = p;
        n += 1;
        buf.push(lower);
    }
    if valid_plain(&plain[..n], tone, tone_at) {
        Some(buf.as_str())
    } else {
        None
    }
}

/// The onsets `chars` may start with: none, then each consonant cluster that
/// is a prefix (`nghe`: none, `n`, `ng`, `ngh`).
fn onsets(chars: &[char]) -> ([&'static str; 4], usize) {
    let mut out = [""; 4];
    let mut n = 1;
    let mut push = |o: &'static str| {
        out[n] = o;
        n += 1;
    };
    let c1 = chars.get(1).copied().unwrap_or(' ');
    let c2 = chars.get(2).copied().unwrap_or(' ');
    match chars.first().copied().unwrap_or(' ') {
        'b' => push("b"),
        'c' => {
            push("c");
            if c1 == 'h' {
                push("ch");
            }
        }
        'd' => push("d"),
        'đ' => push("đ"),
        'g' => {
            push("g");
            match c1 {
                'h' => push("gh"),
                'i' => push("gi"),
                _ => {}
            }
        }
        'h' => push("h"),
        'k' => {
            push("k");
            if c1 == 'h' {
                push("kh");
            }
        }
        'l' => push("l"),
        'm' => push("m"),
        'n' => {
            push("n");
            match (c1, c2) {
                ('g', 'h') => {
                    push("ng");
                    push("ngh");
                }
                ('g', _) => push("ng"),
                ('h', _) => push("nh"),
                _ => {}
            }
        }
        'p' => {
            push("p");
            if c1 == 'h' {
                push("ph");
            }
        }
        'q' if c1 == 'u' => push("qu"),
        'r' => push("r"),
        's' => push("s"),
        't' => {
            push("t");
            match c1 {
                'h' => push("th"),
                'r' => push("tr"),
                _ => {}
            }
        }
        'v' => push("v"),
        'x' => push("x"),
        _ => {}
    }
    (out, n)
}

/// `chars`: the toneless lower-case letters; `tone_at`: index of the letter
/// that carried the tone mark (ignored for the level tone).
fn valid_plain(chars: &[char], tone: Tone, tone_at: usize) -> bool {
    if chars.is_empty() {
        return false;
    }
    let (onsets, n) = onsets(chars);
    onsets[..n].iter().any(|&onset| {
        let onset_len = onset.chars().count();
        let rest = &chars[onset_len..];
        let Some(first) = rest.first() else {
            return false;
        };
        let front = matches!(first, 'e' | 'ê' | 'i' | 'y');
        let spelling_ok = match onset {
            "c" | "ng" => !front,
            "k" | "gh" | "ngh" => front,
            _ => true,
        };
        if !spelling_ok {
            return false;
        }
        valid_rhyme(rest)
            && (!stop_final(rest) || matches!(tone, Tone::Acute | Tone::Dot))
            && (onset != "gi" || *first != 'i')
            && (tone == Tone::Level
                || tone_at
                    .checked_sub(onset_len)
                    .is_some_and(|at| tone_place_ok(rest, at)))
    })
}

fn is_vowel(c: char) -> bool {
    matches!(
        c,
        'a' | 'ă' | 'â' | 'e' | 'ê' | 'i' | 'o' | 'ô' | 'ơ' | 'u' | 'ư' | 'y'
    )
}

/// Whether the tone mark may sit on `rhyme[at]`: on the last of ă â ê ô ơ ư
/// when there is one (`trường`, `muốn`, `khuyết`); else on the last vowel
/// before a final consonant (`hoàn`), on the middle of three vowels
/// (`khoái`), on either vowel of `oa`, `oe`, `uy` (old and new style: `hòa`
/// and `hoà`), and on the first of other pairs (`mái`, `múa`, `kìa`).
fn tone_place_ok(rhyme: &[char], at: usize) -> bool {
    let mut vowels = [0usize; 4];
    let mut n = 0;
    for (i, &c) in rhyme.iter().enumerate() {
        if is_vowel(c) {
            if n == vowels.len() {
                return true;
            }
            vowels[n] = i;
            n += 1;
        }
    }
    let vowels = &vowels[..n];
    let Some(&last) = vowels.last() else {
        return false;
    };
    if let Some(&m) = vowels
        .iter()
        .rev()
        .find(|&&i| matches!(rhyme[i], 'ă' | 'â' | 'ê' | 'ô' | 'ơ' | 'ư'))
    {
        return at == m;
    }
    let has_final = !is_vowel(rhyme[rhyme.len() - 1]);
    match (vowels.len(), has_final) {
        (1, _) => at == last,
        (_, true) => at == last || rhyme[vowels[0]] == rhyme[last],
        (2, false) => {
            let pair = [rhyme[vowels[0]], rhyme[last]];
            at == vowels[0] || (matches!(pair, ['o', 'a'] | ['o', 'e'] | ['u', 'y']) && at == last)
        }
        (3, false) => at == vowels[1],
        _ => true,
    }
}

/// Rhymes ending in a stop (p, t, c, ch) take only the acute or dot tone.
fn stop_final(r: &[char]) -> bool {
    matches!(r.last(), Some('p' | 't' | 'c')) || r.ends_with(&['c', 'h'])
}

/// Every rhyme (final part of a syllable, without tone) Vietnamese spells.
const RHYMES: [&str; 158] = [
    "a", "ac", "ach", "ai", "am", "an", "ang", "anh", "ao", "ap", "at", "au", "ay", "ăc", "ăm",
    "ăn", "ăng", "ăp", "ăt", "âc", "âm", "ân", "âng", "âp", "ât", "âu", "ây", "e", "ec", "em",
    "en", "eng", "eo", "ep", "et", "ê", "êch", "êm", "ên", "êng", "ênh", "êp", "êt", "êu", "i",
    "ia", "ich", "im", "in", "inh", "ip", "it", "iu", "iêc", "iêm", "iên", "iêng", "iêp", "iêt",
    "iêu", "o", "oc", "oi", "om", "on", "ong", "op", "ot", "ooc", "oong", "oa", "oac", "oach",
    "oai", "oam", "oan", "oang", "oanh", "oao", "oap", "oat", "oay", "oăc", "oăm", "oăn", "oăng",
    "oăt", "oe", "oen", "oeo", "oet", "ô", "ôc", "ôi", "ôm", "ôn", "ông", "ôp", "ôt", "ơ", "ơi",
    "ơm", "ơn", "ơp", "ơt", "u", "ua", "uc", "ui", "um", "un", "ung", "up", "ut", "uân", "uâng",
    "uât", "uây", "uê", "uêch", "uênh", "uơ", "uôc", "uôi", "uôm", "uôn", "uông", "uôt", "uy",
    "uya", "uych", "uynh", "uyt", "uyu", "uyên", "uyêt", "ư", "ưa", "ưc", "ưi", "ưm", "ưng", "ưt",
    "ưu", "ươc", "ươi", "ươm", "ươn", "ương", "ươp", "ươt", "ươu", "y", "yêm", "yên", "yêt", "yêu",
    "ynh",
];

/// Code of a toneless letter inside a rhyme; 0 for letters no rhyme has.
fn rhyme_code(c: char) -> u32 {
    match c {
        'a' => 1,
        'ă' => 2,
        'â' => 3,
        'e' => 4,
        'ê' => 5,
        'i' => 6,
        'o' => 7,
        'ô' => 8,
        'ơ' => 9,
        'u' => 10,
        'ư' => 11,
        'y' => 12,
        'c' => 13,
        'h' => 14,
        'm' => 15,
        'n' => 16,
        'p' => 17,
        't' => 18,
        'g' => 19,
        _ => 0,
    }
}

/// A rhyme packed in a `u32` (five bits a letter, at most six letters).
fn rhyme_key(chars: impl IntoIterator<Item = char>) -> Option<u32> {
    let mut key = 0u32;
    for (i, c) in chars.into_iter().enumerate() {
        let code = rhyme_code(c);
        if code == 0 || i == 6 {
            return None;
        }
        key = key << 5 | code;
    }
    Some(key)
}

fn valid_rhyme(rest: &[char]) -> bool {
    static KEYS: OnceLock<Vec<u32>> = OnceLock::new();
    let keys = KEYS.get_or_init(|| {
        let mut k: Vec<u32> = RHYMES
            .iter()
            .map(|r| rhyme_key(r.chars()).expect("rhymes use rhyme letters"))
            .collect();
        k.sort_unstable();
        k
    });
    rhyme_key(rest.iter().copied()).is_some_and(|key| keys.binary_search(&key).is_ok())
}

/// Very common words of administrative Vietnamese (lower case, NFC).
const COMMON: [&str; 97] = [
    "ngày",
    "tháng",
    "năm",
    "số",
    "của",
    "và",
    "các",
    "được",
    "kính",
    "gửi",
    "quyết",
    "định",
    "điều",
    "khoản",
    "ban",
    "hành",
    "việt",
    "nam",
    "cộng",
    "hòa",
    "hoà",
    "xã",
    "hội",
    "chủ",
    "nghĩa",
    "độc",
    "lập",
    "tự",
    "do",
    "hạnh",
    "phúc",
    "những",
    "trong",
    "theo",
    "này",
    "có",
    "không",
    "người",
    "về",
    "cho",
    "với",
    "là",
    "một",
    "đã",
    "quy",
    "nhân",
    "dân",
    "ủy",
    "uỷ",
    "tỉnh",
    "bộ",
    "chính",
    "phủ",
    "luật",
    "nghị",
    "thông",
    "tư",
    "căn",
    "cứ",
    "việc",
    "thực",
    "hiện",
    "đơn",
    "vị",
    "quản",
    "lý",
    "trưởng",
    "cơ",
    "quan",
    "nhà",
    "nước",
    "đến",
    "từ",
    "tại",
    "đối",
    "hoặc",
    "phải",
    "để",
    "sở",
    "công",
    "văn",
    "chức",
    "thủ",
    "tướng",
    "hà",
    "nội",
    "huyện",
    "thành",
    "phố",
    "giám",
    "đốc",
    "tài",
    "nguyên",
    "trên",
    "đầu",
    "kinh",
    "tế",
];

/// FNV-1a, a fast hash for the short keys of `COMMON`.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

type FnvSet = HashSet<&'static str, std::hash::BuildHasherDefault<Fnv>>;

fn is_common(w: &str) -> bool {
    static SET: OnceLock<FnvSet> = OnceLock::new();
    SET.get_or_init(|| COMMON.iter().copied().collect())
        .contains(w)
}
