//! Byte decoding: raw document bytes → NFC text, whatever the Vietnamese
//! encoding they were written in (UTF-8, Windows-1258, TCVN3, VNI, VISCII,
//! VIQR), including UTF-8 that is really TCVN3/VNI mojibake.
//!
//! How `decode` proceeds:
//! 1. strip a UTF-8 BOM; reject empty and binary input;
//! 2. valid UTF-8: one byte scan looks for the Latin-1 letters Vietnamese has
//!    no use for (`µ ¸ ¨ « ø ö ñ` …, the signature of mojibake) and for
//!    characters that might not be NFC. Clean NFC text is copied out as it is;
//!    otherwise mojibake is repaired (whole text or line by line) when the
//!    repair scores clearly more Vietnamese, and the rest is normalised to NFC.
//!    Pure ASCII is read as VIQR only on a strong signal;
//! 3. not UTF-8 (and not UTF-8 with a few broken bytes): each legacy encoding
//!    decodes a sample, the one that reads most like Vietnamese syllables
//!    wins and decodes the whole text.
//!
//! Note codes (`DecodeNote::code`): `decode.low_confidence`,
//! `decode.mojibake_repaired`, `decode.dropped_u_restored`,
//! `decode.unmapped_bytes`, `decode.tcvn3_case_lost`, `decode.normalized`,
//! `decode.bom_removed`, `decode.viqr`, `decode.invalid_utf8_replaced`.
//!
//! The common case (valid NFC UTF-8) costs the validation, one byte scan, one
//! control-character count and one copy into the output `String`.

mod legacy;
mod letters;
mod mojibake;
mod score;
mod tables;
mod viqr;

#[cfg(test)]
mod tests;

use legacy::Legacy;
use score::Score;
use std::borrow::Cow;
use std::fmt;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Text decoded from raw bytes, always NFC.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub text: String,
    /// one of: "utf-8", "utf-8-nfd", "windows-1258", "tcvn3", "vni", "viscii", "viqr",
    /// "tcvn3-in-utf8", "vni-in-utf8" (UTF-8 text that is really TCVN3/VNI bytes read
    /// as Windows-1252/Latin-1: mojibake, repaired)
    pub encoding: &'static str,
    /// 0.0..=1.0, how sure the detection is
    pub confidence: f32,
    /// what a reviewer should know: low confidence, lines repaired, unmapped bytes …
    pub notes: Vec<DecodeNote>,
}

/// A remark about a decoding, with a stable dotted code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeNote {
    pub code: &'static str,
    pub message: String,
}

impl DecodeNote {
    fn new(code: &'static str, message: impl Into<String>) -> Self {
        DecodeNote {
            code,
            message: message.into(),
        }
    }
}

/// Why bytes could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    Empty,
    Binary,
    Undecodable,
}

impl DecodeError {
    /// Stable dotted code of the error.
    pub fn code(&self) -> &'static str {
        match self {
            DecodeError::Empty => "decode.empty",
            DecodeError::Binary => "decode.binary",
            DecodeError::Undecodable => "decode.undecodable",
        }
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DecodeError::Empty => "The document is empty: it holds no text, only whitespace.",
            DecodeError::Binary => {
                "The document is binary data, not text: it holds NUL bytes or many control characters."
            }
            DecodeError::Undecodable => {
                "The document's bytes do not read as Vietnamese text in any supported encoding."
            }
        })
    }
}

impl std::error::Error for DecodeError {}

/// Confidence below which a decoding gets a `decode.low_confidence` note.
const LOW_CONFIDENCE: f32 = 0.6;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Decodes raw document bytes to NFC text, detecting the encoding.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    check_content(bytes)?;
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(decode_utf8(text)),
        Err(_) => decode_invalid_utf8(bytes),
    }
}

/// Empty / binary checks.
fn check_content(bytes: &[u8]) -> Result<(), DecodeError> {
    let mut rest = bytes;
    loop {
        let trimmed = rest.trim_ascii_start();
        match trimmed.strip_prefix(BOM) {
            Some(r) => rest = r,
            None => {
                if trimmed.is_empty() {
                    return Err(DecodeError::Empty);
                }
                break;
            }
        }
    }
    if bytes.contains(&0) {
        return Err(DecodeError::Binary);
    }
    // branch-free and in u8 lanes so that it vectorises: this runs on every
    // document
    let is_control = |b: u8| {
        u8::from((b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r') & (b != 0x0C))
            | u8::from(b == 0x7F)
    };
    let controls: usize = bytes
        .chunks(255)
        .map(|c| usize::from(c.iter().fold(0u8, |n, &b| n + is_control(b))))
        .sum();
    // Word's plain-text exports keep a few control codes (0x07, 0x0B, 0x1E …),
    // and VISCII puts six capitals there; binary data has far more.
    if controls > 8 && controls * 20 > bytes.len() {
        return Err(DecodeError::Binary);
    }
    Ok(())
}

fn decode_utf8(text: &str) -> Decoded {
    let bytes = text.as_bytes();
    if bytes.is_ascii() {
        if viqr::worth_trying(bytes)
            && let Some(d) = try_viqr(text)
        {
            return d;
        }
        return Decoded {
            text: text.to_owned(),
            encoding: "utf-8",
            confidence: 1.0,
            notes: Vec::new(),
        };
    }
    let scan = mojibake::scan(bytes);
    if scan.suspicious > 0
        && let Some(r) = mojibake::repair(text)
    {
        return from_repair(r);
    }
    if !scan.nfc_unsure {
        // the common case: nothing that could need normalising
        return Decoded {
            text: text.to_owned(),
            encoding: "utf-8",
            confidence: 1.0,
            notes: Vec::new(),
        };
    }
    let mut notes = Vec::new();
    if text.contains('\u{FEFF}') {
        notes.push(DecodeNote::new(
            "decode.bom_removed",
            "byte order marks inside the text were removed",
        ));
    }
    let (text, encoding) = normalize_utf8(text, &mut notes);
    Decoded {
        text,
        encoding,
        confidence: 1.0,
        notes,
    }
}

/// NFC with the cheap check first; "utf-8-nfd" when letters were composed.
fn normalize_utf8(text: &str, notes: &mut Vec<DecodeNote>) -> (String, &'static str) {
    let text_no_bom;
    let text = if text.contains('\u{FEFF}') {
        text_no_bom = text.replace('\u{FEFF}', "");
        text_no_bom.as_str()
    } else {
        text
    };
    if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        return (text.to_owned(), "utf-8");
    }
    let nfc: String = text.nfc().collect();
    if nfc == text {
        return (nfc, "utf-8");
    }
    // NFC can also lengthen text (composition exclusions such as `क़` decompose).
    let composed = text.chars().count().saturating_sub(nfc.chars().count());
    if composed > 0 {
        notes.push(DecodeNote::new(
            "decode.normalized",
            format!("decomposed text (NFD) normalised to NFC: {composed} combining marks composed"),
        ));
        (nfc, "utf-8-nfd")
    } else {
        notes.push(DecodeNote::new(
            "decode.normalized",
            "text normalised to NFC (canonical equivalents replaced)",
        ));
        (nfc, "utf-8")
    }
}

fn from_repair(r: mojibake::Repair) -> Decoded {
    let encoding = match r.scheme {
        Legacy::Vni => "vni-in-utf8",
        _ => "tcvn3-in-utf8",
    };
    let scheme = r.scheme.name().to_uppercase();
    let mut notes = vec![DecodeNote::new(
        "decode.mojibake_repaired",
        if r.partial {
            format!(
                "{} of {} non-ASCII lines were {scheme} bytes read as Windows-1252 and were repaired; the other lines were left as they were",
                r.repaired, r.lines
            )
        } else {
            format!(
                "the text was {scheme} bytes read as Windows-1252 (mojibake); {} of {} non-ASCII lines repaired",
                r.repaired, r.lines
            )
        },
    )];
    if r.restored > 0 {
        notes.push(DecodeNote::new(
            "decode.dropped_u_restored",
            format!(
                "the converter had dropped TCVN3's `ư` (byte 0xAD, a soft hyphen in Windows-1252); it was put back in {} words by spelling rules, which may be wrong for some",
                r.restored
            ),
        ));
    }
    if r.scheme == Legacy::Tcvn3 {
        notes.push(tcvn3_case_note());
    }
    let confidence = (r.score.marked_ratio() * evidence(r.score.marked)) as f32;
    // lines left as they were may be decomposed
    let text = if is_nfc_quick(r.text.chars()) == IsNormalized::Yes {
        r.text
    } else {
        r.text.nfc().collect()
    };
    let mut d = Decoded {
        text,
        encoding,
        confidence,
        notes,
    };
    add_low_confidence(&mut d);
    d
}

/// How much a detection can rest on `words` words with diacritics: a few
/// words are weak evidence (0.5 for none, 1.0 from eight on).
fn evidence(words: u32) -> f64 {
    0.5 + 0.5 * (f64::from(words) / 8.0).min(1.0)
}

fn tcvn3_case_note() -> DecodeNote {
    DecodeNote::new(
        "decode.tcvn3_case_lost",
        "TCVN3 draws most capitals with a separate font over lower-case codes, so headings decode in lower case",
    )
}

fn add_low_confidence(d: &mut Decoded) {
    if d.confidence < LOW_CONFIDENCE {
        d.notes.push(DecodeNote::new(
            "decode.low_confidence",
            format!(
                "the encoding {} was chosen with low confidence ({:.2}); the text may be garbled",
                d.encoding, d.confidence
            ),
        ));
    }
}

/// ASCII text that reads much better as VIQR.
fn try_viqr(text: &str) -> Option<Decoded> {
    let decoded = viqr::decode(text);
    let mut hits = 0u32;
    let mut bad = 0u32;
    let mut words = 0u32;
    let mut buf = String::new();
    for (_, tok) in score::tokens(&decoded) {
        words += 1;
        if !tok.is_ascii() {
            if score::syllable(tok, &mut buf).is_some() {
                hits += 1;
            } else {
                bad += 1;
            }
        }
    }
    // a strong signal only: many words become Vietnamese, few become garbage
    if hits < 3 || hits < 4 * bad || hits * 10 < words * 3 {
        return None;
    }
    let confidence = (f64::from(hits) / f64::from(hits + bad) * evidence(hits + bad)) as f32;
    let mut d = Decoded {
        text: decoded,
        encoding: "viqr",
        confidence,
        notes: vec![DecodeNote::new(
            "decode.viqr",
            format!("ASCII text read as VIQR (RFC 1456): {hits} words carried VIQR marks"),
        )],
    };
    add_low_confidence(&mut d);
    Some(d)
}

/// Bytes of legacy text the detector reads.
const SAMPLE: usize = 16 * 1024;

/// The text itself when short, else its first lines with high bytes, about
/// `SAMPLE` bytes of them.
fn sample_lines(bytes: &[u8]) -> Cow<'_, [u8]> {
    if bytes.len() <= SAMPLE {
        return Cow::Borrowed(bytes);
    }
    let mut out = Vec::with_capacity(SAMPLE + 1024);
    for line in bytes.split_inclusive(|&b| b == b'\n') {
        if line.is_ascii() {
            continue;
        }
        let room = SAMPLE - out.len();
        if line.len() > room {
            // cut a long line at a space, so that no two-byte VNI letter is split
            let cut = line[..room]
                .iter()
                .rposition(|&b| b == b' ')
                .unwrap_or(room);
            out.extend_from_slice(&line[..cut]);
            break;
        }
        out.extend_from_slice(line);
    }
    Cow::Owned(out)
}

/// Mostly UTF-8 with a few broken sequences: decode lossily rather than guess
/// a legacy encoding.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut good = 0usize;
    let mut bad = 0usize;
    for chunk in bytes.utf8_chunks() {
        good += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        if !chunk.invalid().is_empty() {
            bad += 1;
        }
    }
    good >= 8 && good >= 10 * bad
}

fn decode_invalid_utf8(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if mostly_utf8(bytes) {
        let lossy = String::from_utf8_lossy(bytes);
        let bad = lossy.matches('\u{FFFD}').count();
        let mut notes = Vec::new();
        let (text, _) = normalize_utf8(&lossy, &mut notes);
        notes.push(DecodeNote::new(
            "decode.invalid_utf8_replaced",
            format!("{bad} invalid UTF-8 sequences were replaced by U+FFFD"),
        ));
        return Ok(Decoded {
            text,
            encoding: "utf-8",
            confidence: 0.9,
            notes,
        });
    }
    // detection reads a sample of the lines with high bytes; only the
    // winner decodes the whole text
    let sample = sample_lines(bytes);
    let candidates: Vec<(Legacy, legacy::Decoding, Score)> = Legacy::ALL
        .iter()
        .map(|&enc| {
            let d = legacy::decode(&sample, enc);
            let s = score::score(&d.text);
            (enc, d, s)
        })
        .collect();
    let value = |c: &(Legacy, legacy::Decoding, Score)| {
        c.2.value() - 2.0 * c.1.unmapped as f64 - 0.5 * c.1.rare as f64
    };
    // best first; ties keep the order of `Legacy::ALL`
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    order.sort_by(|&a, &b| value(&candidates[b]).total_cmp(&value(&candidates[a])));
    let mut pick = order[0];
    if candidates[pick].2.marked_valid == 0 {
        // nothing Vietnamese about the high bytes: take the most neutral
        // reading (Windows-1258 is Windows-1252 in most positions)
        pick = Legacy::ALL
            .iter()
            .position(|&e| e == Legacy::Windows1258)
            .expect("listed");
    }
    let first = value(&candidates[pick]);
    // the margin counts only readings that give a different text
    let second = order
        .iter()
        .filter(|&&k| k != pick && candidates[k].1.text != candidates[pick].1.text)
        .map(|&k| value(&candidates[k]))
        .fold(f64::NEG_INFINITY, f64::max);
    let (enc, mut best, s) = candidates.into_iter().nth(pick).expect("in range");
    if sample.len() < bytes.len() {
        best = legacy::decode(bytes, enc);
    }
    let high = bytes.iter().filter(|&&b| b >= 0x80).count();
    let mostly_ascii = high * 10 <= bytes.len();
    if s.words == 0 || (s.valid_ratio() < 0.25 && !mostly_ascii) {
        return Err(DecodeError::Undecodable);
    }
    let margin = ((first - second) / f64::from(s.marked.max(1))).clamp(0.0, 1.0);
    let confidence = if s.marked_valid == 0 {
        // only stray bytes outside anything Vietnamese: a guess
        0.3
    } else {
        s.marked_ratio() * (0.5 + margin).min(1.0) * evidence(s.marked)
    } as f32;
    let mut notes = Vec::new();
    if best.unmapped > 0 {
        notes.push(DecodeNote::new(
            "decode.unmapped_bytes",
            format!(
                "{} bytes have no meaning in {} and were kept as Latin-1 characters",
                best.unmapped,
                enc.name()
            ),
        ));
    }
    if enc == Legacy::Tcvn3 {
        notes.push(tcvn3_case_note());
    }
    let mut d = Decoded {
        text: best.text,
        encoding: enc.name(),
        confidence: confidence.clamp(0.0, 1.0),
        notes,
    };
    add_low_confidence(&mut d);
    Ok(d)
}

/// Encodes NFC/any text in one of the encodings `decode` reports (for tests and
/// for making degraded copies of documents); `None` for an unknown name.
/// Characters the target cannot hold become `?`; TCVN3 capitals without a code
/// of their own are written with the lower-case code.
pub fn encode(text: &str, encoding: &str) -> Option<Vec<u8>> {
    let as_cp1252_utf8 = |bytes: Vec<u8>| -> Vec<u8> {
        bytes
            .into_iter()
            .map(legacy::cp1252_char)
            .collect::<String>()
            .into_bytes()
    };
    Some(match encoding {
        "utf-8" => text.nfc().collect::<String>().into_bytes(),
        "utf-8-nfd" => text.nfd().collect::<String>().into_bytes(),
        "windows-1258" => legacy::encode(text, Legacy::Windows1258),
        "tcvn3" => legacy::encode(text, Legacy::Tcvn3),
        "vni" => legacy::encode(text, Legacy::Vni),
        "viscii" => legacy::encode(text, Legacy::Viscii),
        "viqr" => viqr::encode(text),
        "tcvn3-in-utf8" => as_cp1252_utf8(legacy::encode(text, Legacy::Tcvn3)),
        "vni-in-utf8" => as_cp1252_utf8(legacy::encode(text, Legacy::Vni)),
        _ => return None,
    })
}

/// Decodes bytes known to be in `encoding` (no detection). For tests.
#[cfg(test)]
pub(crate) fn decode_as(bytes: &[u8], encoding: &str) -> Option<String> {
    let to_cp1252 = |s: &str| -> Option<Vec<u8>> { s.chars().map(legacy::cp1252_byte).collect() };
    Some(match encoding {
        "utf-8" | "utf-8-nfd" => std::str::from_utf8(bytes).ok()?.nfc().collect(),
        "windows-1258" => legacy::decode(bytes, Legacy::Windows1258).text,
        "tcvn3" => legacy::decode(bytes, Legacy::Tcvn3).text,
        "vni" => legacy::decode(bytes, Legacy::Vni).text,
        "viscii" => legacy::decode(bytes, Legacy::Viscii).text,
        "viqr" => viqr::decode(std::str::from_utf8(bytes).ok()?),
        "tcvn3-in-utf8" => {
            let b = to_cp1252(std::str::from_utf8(bytes).ok()?)?;
            legacy::decode(&b, Legacy::Tcvn3).text
        }
        "vni-in-utf8" => {
            let b = to_cp1252(std::str::from_utf8(bytes).ok()?)?;
            legacy::decode(&b, Legacy::Vni).text
        }
        _ => return None,
    })
}
