//! OCR damage repaired in the text itself, where the shape of what is around it makes
//! the reading certain: syllables split by a stray space ([`syllable`]: `n ăm` → `năm`)
//! and look-alike letters inside numbers ([`digits`]: `2O25` → `2025`).
//!
//! These run in [`crate::normalize`], so every extractor sees the repaired text, spans
//! point into the text that `vanban normalize` prints, and each repair is listed: an
//! `ocr.repaired` warning in the record, a count in `vanban normalize --report`. Words
//! themselves are never corrected: a letter is not added, dropped or changed for
//! another letter, only a space dropped or a letter read as the digit it stands for.

pub mod digits;
pub mod syllable;

/// Whether `c` is a letter Vietnamese text is written with (`đ`, `Ở`, `q` …). Folding is
/// one match, far cheaper than `char::is_alphabetic` on text that is mostly not ASCII.
fn is_letter(c: char) -> bool {
    crate::fold::fold_char(c).is_ascii_lowercase()
}

/// A letter as [`is_letter`] says, or an ASCII digit.
fn is_letter_or_digit(c: char) -> bool {
    c.is_ascii_digit() || is_letter(c)
}

/// What [`Repair::what`] says for a syllable joined again.
pub const SPLIT_SYLLABLES: &str = "split_syllables";
/// What [`Repair::what`] says for a number read with look-alike letters.
pub const LOOK_ALIKE_DIGITS: &str = "look_alike_digits";

/// One repair: what kind, the text as OCR wrote it (`Qu ả ng`) and as repaired (`Quảng`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repair {
    pub what: &'static str,
    pub written: String,
    pub repaired: String,
}

/// Repairs `text`, whose folded key is `key` (see [`crate::fold`]), pushing each repair
/// made to `repairs`. `None` when nothing was repaired, which is always the case for
/// clean text.
pub fn repair(text: &str, key: &str, repairs: &mut Vec<Repair>) -> Option<String> {
    let joined = syllable::rejoin(text, key, repairs);
    let text = joined.as_deref().unwrap_or(text);
    digits::read(text, repairs).or(joined)
}

/// The warning message for the repairs of one kind, showing the first few; `None` when
/// there are none.
pub fn note(repairs: &[Repair], what: &str) -> Option<String> {
    const SHOWN: usize = 5;
    let these: Vec<&Repair> = repairs.iter().filter(|r| r.what == what).collect();
    if these.is_empty() {
        return None;
    }
    let (first, more) = these.split_at(these.len().min(SHOWN));
    let mut shown = first
        .iter()
        .map(|r| format!("`{}` → `{}`", r.written, r.repaired))
        .collect::<Vec<_>>()
        .join(", ");
    if !more.is_empty() {
        shown.push_str(&format!(" and {} more", more.len()));
    }
    let head = if what == SPLIT_SYLLABLES {
        "syllables split by stray spaces were joined"
    } else {
        "look-alike letters between digits were read as digits"
    };
    Some(format!("{head}: {shown}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repairs_both_kinds_and_lists_them() {
        let mut repairs = Vec::new();
        let text = "Qu ả ng Ngãi, n ăm 2O25";
        let out = repair(text, &crate::fold::fold(text), &mut repairs);
        assert_eq!(out.as_deref(), Some("Quảng Ngãi, năm 2025"));
        assert_eq!(
            note(&repairs, SPLIT_SYLLABLES).as_deref(),
            Some(
                "syllables split by stray spaces were joined: `Qu ả ng` → `Quảng`, `n ăm` → `năm`"
            )
        );
        assert_eq!(
            note(&repairs, LOOK_ALIKE_DIGITS).as_deref(),
            Some("look-alike letters between digits were read as digits: `2O25` → `2025`")
        );
    }

    #[test]
    fn clean_text_is_left_alone() {
        let mut repairs = Vec::new();
        let text = "Quảng Ngãi, năm 2025, ISO 9001, CO2";
        assert_eq!(repair(text, &crate::fold::fold(text), &mut repairs), None);
        assert!(repairs.is_empty());
    }
}
