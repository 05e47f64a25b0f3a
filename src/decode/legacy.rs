//! Byte ⇄ text for the one-byte legacy encodings (TCVN3, VISCII, Windows-1258)
//! and the two-byte VNI scheme, plus the Windows-1252 reading used by the
//! mojibake repair.

use super::letters::{self, Modifier, Tone};
use super::tables::{UNMAPPED, cp1252, tcvn3, viscii, vni, windows1258};
use std::collections::HashMap;
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

/// The legacy byte encodings `decode` tries on text that is not UTF-8.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Legacy {
    Tcvn3,
    Vni,
    Windows1258,
    Viscii,
}

impl Legacy {
    pub(crate) const ALL: [Legacy; 4] = [
        Legacy::Tcvn3,
        Legacy::Vni,
        Legacy::Windows1258,
        Legacy::Viscii,
    ];

    pub(crate) fn name(self) -> &'static str {
        match self {
            Legacy::Tcvn3 => "tcvn3",
            Legacy::Vni => "vni",
            Legacy::Windows1258 => "windows-1258",
            Legacy::Viscii => "viscii",
        }
    }
}

/// Text decoded from legacy bytes, NFC.
pub(crate) struct Decoding {
    pub text: String,
    /// bytes the encoding does not define (kept as their Latin-1 character)
    pub unmapped: usize,
    /// bytes at codes real documents hardly use (TCVN3's extra capitals and
    /// combining marks): a hint against this reading
    pub rare: usize,
}

/// Decodes `bytes` as `enc`; never fails (undefined bytes are counted).
pub(crate) fn decode(bytes: &[u8], enc: Legacy) -> Decoding {
    match enc {
        Legacy::Tcvn3 => {
            let mut d = decode_tcvn3(bytes);
            d.rare = bytes
                .iter()
                .filter(|&&b| b >= 0xA0 && tcvn3_rare(tcvn3::HIGH[usize::from(b - 0xA0)]))
                .count();
            d
        }
        Legacy::Viscii => decode_table(bytes, |b| {
            if b >= 0x80 {
                return viscii::HIGH[usize::from(b - 0x80)];
            }
            viscii::C0
                .iter()
                .find(|&&(code, _)| code == b)
                .map_or(char::from(b), |&(_, c)| c)
        }),
        Legacy::Windows1258 => decode_table(bytes, |b| {
            if b >= 0x80 {
                windows1258::HIGH[usize::from(b - 0x80)]
            } else {
                char::from(b)
            }
        }),
        Legacy::Vni => decode_vni(bytes),
    }
}

fn decode_tcvn3(bytes: &[u8]) -> Decoding {
    decode_table(bytes, |b| match b {
        0x80..=0x9F => cp1252::C1[usize::from(b - 0x80)],
        0xA0..=0xFF => tcvn3::HIGH[usize::from(b - 0xA0)],
        _ => char::from(b),
    })
}

/// TCVN3 codes of the fuller TCVN 5712 tables that VN3 documents hardly use.
fn tcvn3_rare(c: char) -> bool {
    is_combining(c) || (c.is_uppercase() && !tcvn3::OWN_CAPITALS.contains(&c))
}

fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}')
}

fn finish(text: String, combining: bool) -> String {
    if combining {
        text.nfc().collect()
    } else {
        text
    }
}

fn decode_table(bytes: &[u8], map: impl Fn(u8) -> char) -> Decoding {
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 2);
    let mut unmapped = 0;
    let mut combining = false;
    for &b in bytes {
        let c = map(b);
        if c == UNMAPPED && b != 0 {
            unmapped += 1;
            text.push(char::from(b));
        } else {
            combining |= is_combining(c);
            text.push(c);
        }
    }
    Decoding {
        text: finish(text, combining),
        unmapped,
        rare: 0,
    }
}

/// What a VNI byte is, case folded to the lower-case code.
#[derive(Clone, Copy)]
enum VniByte {
    Single(char),
    Mark(Modifier, Tone),
    Other,
}

/// What a VNI byte is, and whether it is a capital's code.
fn vni_byte(b: u8) -> (VniByte, bool) {
    static TABLE: OnceLock<[(VniByte, bool); 256]> = OnceLock::new();
    TABLE.get_or_init(|| std::array::from_fn(|b| classify_vni(b as u8)))[usize::from(b)]
}

fn classify_vni(b: u8) -> (VniByte, bool) {
    for (code, upper) in [(b, false), (b.wrapping_add(vni::CAPITAL_OFFSET), true)] {
        if code < 0xC0 {
            continue;
        }
        if let Some(&(_, c)) = vni::SINGLES.iter().find(|&&(s, _)| s == code) {
            let c = if upper {
                c.to_uppercase().next().unwrap_or(c)
            } else {
                c
            };
            return (VniByte::Single(c), upper);
        }
        if let Some(&(_, m, t)) = vni::MARKS.iter().find(|&&(s, _, _)| s == code) {
            return (VniByte::Mark(m, t), upper);
        }
    }
    (VniByte::Other, false)
}

/// Latin-1 / Windows-1252 character of a byte (C1 controls for the five bytes
/// Windows-1252 leaves undefined).
pub(crate) fn cp1252_char(b: u8) -> char {
    if (0x80..0xA0).contains(&b) {
        let c = cp1252::C1[usize::from(b - 0x80)];
        if c != UNMAPPED {
            return c;
        }
    }
    char::from(b)
}

fn decode_vni(bytes: &[u8]) -> Decoding {
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 4);
    let mut unmapped = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        i += 1;
        // the letter this byte starts, if a mark byte may follow it
        let (base, modifier, tone, upper, c) = if b.is_ascii() {
            let l = b.to_ascii_lowercase();
            if matches!(l, b'a' | b'e' | b'i' | b'o' | b'u' | b'y') {
                (
                    l,
                    Modifier::None,
                    Tone::Level,
                    b.is_ascii_uppercase(),
                    char::from(b),
                )
            } else {
                text.push(char::from(b));
                continue;
            }
        } else {
            match vni_byte(b) {
                (VniByte::Single(c), upper) => {
                    let l = letters::analyse(c).expect("VNI singles are letters");
                    (l.base, l.modifier, l.tone, upper, c)
                }
                (VniByte::Mark(..), _) => {
                    unmapped += 1;
                    text.push(cp1252_char(b));
                    continue;
                }
                (VniByte::Other, _) => {
                    let c = cp1252_char(b);
                    if c == char::from(b) && (0x80..0xA0).contains(&b) {
                        unmapped += 1;
                    }
                    text.push(c);
                    continue;
                }
            }
        };
        let mark = match bytes.get(i).map(|&next| vni_byte(next)) {
            Some((VniByte::Mark(m, t), _)) if tone == Tone::Level => Some((m, t)),
            _ => None,
        };
        let composed = mark.and_then(|(m, t)| match (m, modifier) {
            (Modifier::None, _) => letters::compose(base, modifier, t, upper),
            (_, Modifier::None) => letters::compose(base, m, t, upper),
            _ => None,
        });
        match composed {
            Some(composed) => {
                text.push(composed);
                i += 1;
            }
            None => text.push(c),
        }
    }
    Decoding {
        text,
        unmapped,
        rare: 0,
    }
}

/// Reverse tables, built once.
struct Reverse {
    tcvn3: HashMap<char, u8>,
    viscii: HashMap<char, u8>,
    windows1258: HashMap<char, u8>,
    cp1252: HashMap<char, u8>,
}

fn reverse() -> &'static Reverse {
    static R: OnceLock<Reverse> = OnceLock::new();
    R.get_or_init(|| {
        let mut cp = HashMap::new();
        for (i, &c) in cp1252::C1.iter().enumerate() {
            if c != UNMAPPED {
                cp.insert(c, 0x80 + i as u8);
            }
        }
        let mut t = cp.clone();
        for (i, &c) in tcvn3::HIGH.iter().enumerate() {
            if !is_combining(c) && (!c.is_uppercase() || tcvn3::OWN_CAPITALS.contains(&c)) {
                t.insert(c, 0xA0 + i as u8);
            }
        }
        let mut v: HashMap<char, u8> = viscii::C0.iter().map(|&(b, c)| (c, b)).collect();
        for (i, &c) in viscii::HIGH.iter().enumerate() {
            v.insert(c, 0x80 + i as u8);
        }
        let mut w = HashMap::new();
        for (i, &c) in windows1258::HIGH.iter().enumerate() {
            if c != UNMAPPED {
                w.insert(c, 0x80 + i as u8);
            }
        }
        Reverse {
            tcvn3: t,
            viscii: v,
            windows1258: w,
            cp1252: cp,
        }
    })
}

/// The byte a character had when legacy bytes were read as Windows-1252 or
/// Latin-1; `None` for any other character.
pub(crate) fn cp1252_byte(c: char) -> Option<u8> {
    match c {
        '\0'..='\u{FF}' => Some(c as u8),
        _ => reverse().cp1252.get(&c).copied(),
    }
}

const REPLACEMENT: u8 = b'?';

/// Encodes NFC text as `enc`; characters the encoding lacks become `?`
/// (TCVN3 capitals without a code of their own use the lower-case code, as
/// the `.VnTimeH` fonts did).
pub(crate) fn encode(text: &str, enc: Legacy) -> Vec<u8> {
    let text: String = text.nfc().collect();
    let mut out = Vec::with_capacity(text.len() + text.len() / 4);
    match enc {
        Legacy::Tcvn3 => {
            let t = &reverse().tcvn3;
            for c in text.chars() {
                let b = if c.is_ascii() {
                    Some(c as u8)
                } else {
                    t.get(&c).copied().or_else(|| {
                        let lower = c.to_lowercase().next().unwrap_or(c);
                        t.get(&lower).copied()
                    })
                };
                out.push(b.unwrap_or(REPLACEMENT));
            }
        }
        Legacy::Viscii => {
            let v = &reverse().viscii;
            for c in text.chars() {
                let b = if c.is_ascii() {
                    // the six C0 codes VISCII reuses cannot carry controls
                    (!viscii::C0.iter().any(|&(b, _)| b == c as u8)).then_some(c as u8)
                } else {
                    v.get(&c).copied()
                };
                out.push(b.unwrap_or(REPLACEMENT));
            }
        }
        Legacy::Windows1258 => {
            let w = &reverse().windows1258;
            for c in text.chars() {
                if c.is_ascii() {
                    out.push(c as u8);
                    continue;
                }
                // toned letters: base letter, then the combining tone mark
                let split = letters::analyse(c).and_then(|l| {
                    let plain = letters::compose(l.base, l.modifier, Tone::Level, l.upper)?;
                    let base = if plain.is_ascii() {
                        plain as u8
                    } else {
                        *w.get(&plain)?
                    };
                    Some((base, *w.get(&l.tone.combining()?)?))
                });
                if let Some((base, mark)) = split {
                    out.push(base);
                    out.push(mark);
                    continue;
                }
                out.push(w.get(&c).copied().unwrap_or(REPLACEMENT));
            }
        }
        Legacy::Vni => {
            for c in text.chars() {
                encode_vni_char(c, &mut out);
            }
        }
    }
    out
}

fn vni_code(lower_code: u8, upper: bool) -> u8 {
    if upper {
        lower_code - vni::CAPITAL_OFFSET
    } else {
        lower_code
    }
}

fn encode_vni_char(c: char, out: &mut Vec<u8>) {
    if c.is_ascii() {
        out.push(c as u8);
        return;
    }
    let Some(l) = letters::analyse(c) else {
        // punctuation Windows-1252 has in 0x80..=0x9F, Latin-1 signs in 0xA0..=0xBF
        match cp1252_byte(c) {
            Some(b) if (0x80..0xC0).contains(&b) => out.push(b),
            _ => out.push(REPLACEMENT),
        }
        return;
    };
    let lower = letters::compose(l.base, l.modifier, l.tone, false);
    // letters with a byte of their own
    if let Some(&(code, _)) = vni::SINGLES.iter().find(|&&(_, s)| Some(s) == lower) {
        out.push(vni_code(code, l.upper));
        return;
    }
    let (lead, modifier) = if l.modifier == Modifier::Horn {
        let plain = letters::compose(l.base, Modifier::Horn, Tone::Level, false);
        match vni::SINGLES.iter().find(|&&(_, s)| Some(s) == plain) {
            Some(&(code, _)) => (vni_code(code, l.upper), Modifier::None),
            None => {
                out.push(REPLACEMENT);
                return;
            }
        }
    } else if l.base.is_ascii_lowercase() && l.modifier != Modifier::Stroke {
        let b = if l.upper {
            l.base.to_ascii_uppercase()
        } else {
            l.base
        };
        (b, l.modifier)
    } else {
        out.push(REPLACEMENT);
        return;
    };
    out.push(lead);
    if modifier == Modifier::None && l.tone == Tone::Level {
        return;
    }
    match vni::MARKS
        .iter()
        .find(|&&(_, m, t)| m == modifier && t == l.tone)
    {
        Some(&(code, _, _)) => out.push(vni_code(code, l.upper)),
        None => out.push(REPLACEMENT),
    }
}
