//! Degraded copies of a document, for checking that extraction holds up when the
//! input is worse than clean UTF-8.
//!
//! A clean text goes in; the bytes a real pipeline might have handed us come out: the
//! same text decomposed (NFD), in a legacy byte encoding (Windows-1258, VISCII, TCVN3,
//! VNI), in TCVN3 or VNI read as Windows-1252 and saved as UTF-8 (mojibake), with every
//! diacritic stripped, with seeded OCR-like noise, or laid out as PDF text is (page
//! numbers and breaks inside the text, long lines hard-wrapped). Encodings go through
//! [`crate::decode::encode`], so a degraded copy is exactly what `decode` must undo.
//! Nothing in the pipeline uses this module; the robustness tests and
//! `examples/degrade.rs` do.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

use crate::decode;

/// One way of degrading a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Degradation {
    /// UTF-8, decomposed: base letters followed by combining marks.
    Nfd,
    /// Code page 1258 bytes (tones as combining marks after the base letter).
    Windows1258,
    /// VISCII bytes.
    Viscii,
    /// TCVN3 (ABC) bytes, typed with the capital fonts: all lower-case codes.
    Tcvn3,
    /// TCVN3 bytes read as Windows-1252 and saved as UTF-8, lower-case as [`Self::Tcvn3`].
    Tcvn3Mojibake,
    /// VNI-Windows bytes.
    Vni,
    /// VNI bytes read as Windows-1252 and saved as UTF-8.
    VniMojibake,
    /// Every diacritic removed (`Quyết định` → `Quyet dinh`, `Đ` → `D`).
    StripDiacritics,
    /// OCR-like noise, the same for the same text and seed.
    OcrNoise { seed: u64 },
    /// Page breaks every 30 to 45 lines after the first page, marked as PDF text and
    /// word processors print them (`2`, `- 2 -`, `Trang 2/3`, a form feed), falling
    /// inside sentences and lists.
    PageBreaks { seed: u64 },
    /// Lines longer than about 80 characters wrapped at a word, as PDF text is.
    HardWraps,
}

impl Degradation {
    /// Every degradation, the seeded ones with seed 1.
    pub const ALL: [Degradation; 11] = [
        Degradation::Nfd,
        Degradation::Windows1258,
        Degradation::Viscii,
        Degradation::Tcvn3,
        Degradation::Tcvn3Mojibake,
        Degradation::Vni,
        Degradation::VniMojibake,
        Degradation::StripDiacritics,
        Degradation::OcrNoise { seed: 1 },
        Degradation::PageBreaks { seed: 1 },
        Degradation::HardWraps,
    ];

    /// A stable name, usable as a folder name (`nfd`, `tcvn3-mojibake`, `ocr` …).
    pub fn name(self) -> &'static str {
        match self {
            Degradation::Nfd => "nfd",
            Degradation::Windows1258 => "windows-1258",
            Degradation::Viscii => "viscii",
            Degradation::Tcvn3 => "tcvn3",
            Degradation::Tcvn3Mojibake => "tcvn3-mojibake",
            Degradation::Vni => "vni",
            Degradation::VniMojibake => "vni-mojibake",
            Degradation::StripDiacritics => "stripped",
            Degradation::OcrNoise { .. } => "ocr",
            Degradation::PageBreaks { .. } => "page-breaks",
            Degradation::HardWraps => "hard-wraps",
        }
    }

    /// Whether the text survives, letters and marks, up to case (TCVN3 loses capitals)
    /// and to characters the target encoding has no code for (written `?`).
    pub fn is_lossless(self) -> bool {
        !matches!(
            self,
            Degradation::StripDiacritics | Degradation::OcrNoise { .. }
        )
    }
}

/// The bytes of `text` degraded as `how` says.
pub fn degrade(text: &str, how: Degradation) -> Vec<u8> {
    let encode = |text: &str, encoding: &str| {
        let text = typed_in(text, encoding);
        decode::encode(&text, encoding).expect("the encoding names are decode's own")
    };
    match how {
        Degradation::Nfd => encode(text, "utf-8-nfd"),
        Degradation::Windows1258 => encode(text, "windows-1258"),
        Degradation::Viscii => encode(text, "viscii"),
        // TCVN3 capitals were drawn by a separate font over the lower-case codes, so
        // what reaches us from a TCVN3 file is lower case throughout.
        Degradation::Tcvn3 => encode(&text.to_lowercase(), "tcvn3"),
        Degradation::Tcvn3Mojibake => encode(&text.to_lowercase(), "tcvn3-in-utf8"),
        Degradation::Vni => encode(text, "vni"),
        Degradation::VniMojibake => encode(text, "vni-in-utf8"),
        Degradation::StripDiacritics => strip_diacritics(text).into_bytes(),
        Degradation::OcrNoise { seed } => ocr_noise(text, seed).into_bytes(),
        Degradation::PageBreaks { seed } => page_breaks(text, seed).into_bytes(),
        Degradation::HardWraps => hard_wraps(text, WRAP_WIDTH).into_bytes(),
    }
}

/// The width PDF text of an A4 page in 13–14 pt wraps at, in characters.
const WRAP_WIDTH: usize = 80;

/// `text` with a page break every 30 to 45 lines from the end of the first page on,
/// marked in one of the ways page numbers reach plain text, with or without blank
/// lines around it. Deterministic for a given text and seed.
pub fn page_breaks(text: &str, seed: u64) -> String {
    let mut rng = XorShift::new(seed ^ fnv1a(text.as_bytes()));
    let lines: Vec<&str> = text.split('\n').collect();
    let every = 30 + rng.below(16);
    let pages = lines.len() / every + 1;
    let mut out = String::with_capacity(text.len() + 16 * pages);
    let mut page = 1;
    for (i, line) in lines.iter().enumerate() {
        out.push_str(line);
        if i + 1 == lines.len() {
            break;
        }
        out.push('\n');
        if i >= every && i % every == 0 && i + 2 < lines.len() {
            page += 1;
            let mark = match rng.below(6) {
                0 => format!("{page}"),
                1 => format!("- {page} -"),
                2 => format!("Trang {page}/{pages}"),
                3 => "\u{c}".to_string(),
                4 => format!("\u{c}{page}"),
                _ => format!("{:>40}", page),
            };
            let spaced = rng.chance(500);
            for part in [
                spaced.then_some(""),
                Some(mark.as_str()),
                spaced.then_some(""),
            ]
            .into_iter()
            .flatten()
            {
                out.push_str(part);
                out.push('\n');
            }
        }
    }
    out
}

/// `text` with every line of running text longer than `width` characters wrapped at
/// the last space before it (a word longer than the width stays whole). Lines laid out
/// in columns (a tab or a run of spaces inside) stay whole: PDF text keeps those apart.
pub fn hard_wraps(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / width);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if line.trim().contains('\t') || line.trim().contains("   ") {
            out.push_str(line);
            continue;
        }
        let mut count = 0;
        for (k, word) in line.split(' ').enumerate() {
            let len = word.chars().count();
            if k > 0 {
                if count > 0 && count + 1 + len > width {
                    out.push('\n');
                    count = 0;
                } else {
                    out.push(' ');
                    count += 1;
                }
            }
            out.push_str(word);
            count += len;
        }
    }
    out
}

/// `text` as someone typing in `encoding` would have written it: the typographic
/// characters the encoding has no code for (dashes, curly quotes, `…`, no-break space)
/// become their ASCII stand-ins instead of the `?` that `encode` writes. Letters it
/// cannot hold (Cyrillic look-alikes in OCR output, say) stay, and become `?`.
fn typed_in<'a>(text: &'a str, encoding: &str) -> Cow<'a, str> {
    let missing = |c: char| {
        let mut buf = [0u8; 4];
        decode::encode(c.encode_utf8(&mut buf), encoding).is_some_and(|b| b == b"?")
    };
    let mut out = String::new();
    let mut copied = 0;
    for (at, c) in text.char_indices() {
        let stand_in = match c {
            '\u{2010}'..='\u{2015}' | '\u{2212}' => "-",
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' => "\"",
            '\u{2018}' | '\u{2019}' => "'",
            '\u{2026}' => "...",
            '\u{00A0}' | '\u{202F}' => " ",
            '\u{2022}' => "-",
            _ => continue,
        };
        if missing(c) {
            out.push_str(&text[copied..at]);
            out.push_str(stand_in);
            copied = at + c.len_utf8();
        }
    }
    if copied == 0 {
        return Cow::Borrowed(text);
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

/// `text` without diacritics: combining marks dropped after NFD, `đ`/`Đ` to `d`/`D`.
pub fn strip_diacritics(text: &str) -> String {
    text.nfd()
        .filter(|c| !is_mark(*c))
        .map(|c| match c {
            'đ' => 'd',
            'Đ' => 'D',
            c => c,
        })
        .nfc()
        .collect()
}

fn is_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}')
}

/// A letter that carries a diacritic (`ă`, `ế`, `Ở` …, not `đ`): where OCR splits words.
fn is_marked_vowel(c: char) -> bool {
    !c.is_ascii() && c.is_alphabetic() && c.nfd().any(is_mark)
}

/// Chances of each kind of OCR damage, in thousandths.
mod rate {
    /// A digit 0, 1 or 5 read as its look-alike letter O, l or S.
    pub const DIGIT_SWAP: u32 = 30;
    /// A word with a marked vowel (not first) split by a stray space before it.
    pub const SPLIT: u32 = 25;
    /// A word read without its diacritics.
    pub const MARKS_LOST: u32 = 30;
    /// A punctuation mark (`. , : ;`) dropped.
    pub const PUNCT_DROPPED: u32 = 15;
    /// A punctuation mark doubled.
    pub const PUNCT_DOUBLED: u32 = 10;
}

/// `text` with OCR-like damage: look-alike letters inside digit runs, words split
/// before a marked vowel (`n ăm`, `Qu ả ng`), words without their diacritics, dropped
/// or doubled punctuation. A few percent of words each; lines stay as they were.
/// Deterministic for a given text and seed; the text is part of the seed, so that
/// documents opening with the same heading do not get the same damage.
pub fn ocr_noise(text: &str, seed: u64) -> String {
    let mut rng = XorShift::new(seed ^ fnv1a(text.as_bytes()));
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut word = String::new();
    for c in text.chars() {
        if c.is_whitespace() {
            noisy_word(&word, &mut rng, &mut out);
            word.clear();
            out.push(c);
        } else {
            word.push(c);
        }
    }
    noisy_word(&word, &mut rng, &mut out);
    out
}

/// Appends `word` (no white space) to `out` with noise.
fn noisy_word(word: &str, rng: &mut XorShift, out: &mut String) {
    if word.is_empty() {
        return;
    }
    let stripped;
    let word = if !word.is_ascii() && rng.chance(rate::MARKS_LOST) {
        stripped = strip_diacritics(word);
        stripped.as_str()
    } else {
        word
    };
    let chars: Vec<char> = word.chars().collect();
    // a split before one marked vowel, not the first letter, and maybe after it too
    let marked: Vec<usize> = (1..chars.len())
        .filter(|&i| is_marked_vowel(chars[i]) && chars[i - 1].is_alphabetic())
        .collect();
    let split = if !marked.is_empty() && rng.chance(rate::SPLIT) {
        let at = marked[rng.below(marked.len())];
        let after = at + 1 < chars.len() && chars[at + 1].is_alphabetic() && rng.chance(500);
        Some((at, after))
    } else {
        None
    };
    for (i, &c) in chars.iter().enumerate() {
        if let Some((at, after)) = split
            && (i == at || (after && i == at + 1))
        {
            out.push(' ');
        }
        let in_digits = |k: usize| chars.get(k).is_some_and(|c| c.is_ascii_digit());
        match c {
            '0' | '1' | '5'
                if (i > 0 && in_digits(i - 1) || in_digits(i + 1))
                    && rng.chance(rate::DIGIT_SWAP) =>
            {
                out.push(match c {
                    '0' => 'O',
                    '1' => 'l',
                    _ => 'S',
                });
            }
            '.' | ',' | ':' | ';' => {
                if rng.chance(rate::PUNCT_DROPPED) {
                    continue;
                }
                out.push(c);
                if rng.chance(rate::PUNCT_DOUBLED) {
                    out.push(c);
                }
            }
            c => out.push(c),
        }
    }
}

/// FNV-1a, 64 bits.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xCBF2_9CE4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01B3)
    })
}

/// xorshift64*: small, fast, and enough for reproducible noise.
struct XorShift(u64);

impl XorShift {
    fn new(seed: u64) -> Self {
        // splitmix64 of the seed, so that 0 and neighbouring seeds start far apart
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        XorShift(if z == 0 { 1 } else { z })
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// True with probability `per_mille` / 1000.
    fn chance(&mut self, per_mille: u32) -> bool {
        self.next() % 1000 < u64::from(per_mille)
    }

    /// A number in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NAM\nSố: 1050/UBND-VP\nQuảng Nam, ngày 15 tháng 10 năm 2024\nV/v triển khai kế hoạch năm 2025.\n";

    #[test]
    fn names_are_distinct() {
        let mut names: Vec<_> = Degradation::ALL.iter().map(|d| d.name()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), Degradation::ALL.len());
    }

    #[test]
    fn encodings_decode_back() {
        for how in Degradation::ALL.into_iter().filter(|d| d.is_lossless()) {
            let bytes = degrade(SAMPLE, how);
            let back = decode::decode(&bytes).expect("decodes").text;
            let expected = match how {
                Degradation::Tcvn3 | Degradation::Tcvn3Mojibake => SAMPLE.to_lowercase(),
                _ => SAMPLE.to_string(),
            };
            assert_eq!(back, expected, "{}", how.name());
        }
    }

    #[test]
    fn strips_every_diacritic() {
        assert_eq!(
            strip_diacritics("ĐẢNG Cộng sản, Quyết định số 5; Hòa"),
            "DANG Cong san, Quyet dinh so 5; Hoa"
        );
    }

    #[test]
    fn page_breaks_and_wraps_keep_the_words() {
        let text: String = (1..=100)
            .map(|i| format!("Dòng thứ {i} của văn bản.\n"))
            .collect();
        let words = |t: &str| {
            t.split_whitespace()
                .filter(|w| w.chars().any(|c| c.is_alphabetic()) && !w.starts_with("Trang"))
                .map(str::to_string)
                .collect::<Vec<_>>()
        };
        let broken = page_breaks(&text, 1);
        assert_eq!(broken, page_breaks(&text, 1));
        assert!(broken.lines().count() > text.lines().count());
        assert_eq!(words(&broken), words(&text));
        let long = "một hai ba bốn năm sáu bảy tám chín mười ".repeat(10);
        let wrapped = hard_wraps(&long, 30);
        assert!(wrapped.lines().all(|l| l.chars().count() <= 30));
        assert_eq!(words(&wrapped), words(&long));
    }

    #[test]
    fn ocr_noise_is_deterministic_and_keeps_lines() {
        let text = SAMPLE.repeat(40);
        let a = ocr_noise(&text, 7);
        assert_eq!(a, ocr_noise(&text, 7));
        assert_ne!(a, ocr_noise(&text, 8));
        assert_ne!(a, text);
        assert_eq!(a.lines().count(), text.lines().count());
        // the damage is light: most words come through untouched
        let words = text.split_whitespace().count();
        let same = a.lines().zip(text.lines()).filter(|(x, y)| x == y).count();
        assert!(same * 2 > text.lines().count(), "{same} of {words}");
    }

    #[test]
    fn ocr_noise_damage_kinds() {
        let text = "Quảng năm 2024 1050 Số: 15.".repeat(400);
        let noisy = ocr_noise(&text, 3);
        for signs in [
            &["2O24"][..],
            &["l0", "lO"],
            &["1S", "lS"],
            &["Qu ảng", "Qu ả ng"],
            &["Quang"],
            &["::", ".."],
            &["So 15", "Số 15"],
        ] {
            assert!(
                signs.iter().any(|s| noisy.contains(s)),
                "none of {signs:?} in the noise"
            );
        }
    }
}
