//! VIQR (RFC 1456): Vietnamese in plain ASCII, each diacritic written as a
//! punctuation character after its vowel: `^` circumflex, `(` breve, `+` horn,
//! `'` acute, `` ` `` grave, `?` hook above, `~` tilde, `.` dot below, and `dd`
//! for đ. A backslash makes the next character literal.
//!
//! Decoding follows the RFC (a mark after a vowel is a mark) with one
//! concession to real text: a `.` or `?` right before a line break or the end
//! of the text, after a vowel that has no mark yet and ends a word of two or
//! more letters, is read as punctuation (`Di ra.` is `Đi ra.`, not `Đi rạ`).

use super::letters::{self, Letter, Modifier, Tone};
use unicode_normalization::UnicodeNormalization;

fn tone_of(c: char) -> Option<Tone> {
    Some(match c {
        '\'' => Tone::Acute,
        '`' => Tone::Grave,
        '?' => Tone::Hook,
        '~' => Tone::Tilde,
        '.' => Tone::Dot,
        _ => return None,
    })
}

fn modifier_of(c: char) -> Option<Modifier> {
    Some(match c {
        '^' => Modifier::Circumflex,
        '(' => Modifier::Breve,
        '+' => Modifier::Horn,
        _ => return None,
    })
}

fn tone_char(t: Tone) -> Option<char> {
    Some(match t {
        Tone::Level => return None,
        Tone::Acute => '\'',
        Tone::Grave => '`',
        Tone::Hook => '?',
        Tone::Tilde => '~',
        Tone::Dot => '.',
    })
}

fn modifier_char(m: Modifier) -> Option<char> {
    Some(match m {
        Modifier::Circumflex => '^',
        Modifier::Breve => '(',
        Modifier::Horn => '+',
        Modifier::None | Modifier::Stroke => return None,
    })
}

fn is_vowel_base(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// `true` when a `d`/`D` at `out`'s end may start `đ`: it begins a word, or
/// follows only capital consonants (abbreviations such as `QĐ`, `HĐND`).
fn d_can_double(out: &[char]) -> bool {
    let Some((&last, before)) = out.split_last() else {
        return false;
    };
    if last != 'd' && last != 'D' {
        return false;
    }
    let word: Vec<char> = before
        .iter()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .copied()
        .collect();
    word.iter().all(|&c| {
        c.is_ascii_uppercase() && !matches!(c, 'A' | 'E' | 'I' | 'O' | 'U' | 'Y') || c == 'Đ'
    }) && (word.is_empty() || last == 'D')
}

/// Letters in the word that ends `out`.
fn word_len(out: &[char]) -> usize {
    out.iter().rev().take_while(|c| c.is_alphabetic()).count()
}

/// Decodes VIQR text to NFC Unicode.
pub(crate) fn decode(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out: Vec<char> = Vec::with_capacity(chars.len());
    // the vowel last written, while marks may still attach to it
    let mut open: Option<Letter> = None;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        i += 1;
        if c == '\\' {
            if let Some(&next) = chars.get(i) {
                out.push(next);
                i += 1;
            } else {
                out.push(c);
            }
            open = None;
            continue;
        }
        if let Some(l) = open {
            let next = chars.get(i).copied();
            let mut changed = None;
            if let (Some(m), Modifier::None) = (modifier_of(c), l.modifier) {
                changed = letters::compose(l.base, m, l.tone, l.upper).map(|ch| (ch, m, l.tone));
            } else if let (Some(t), Tone::Level) = (tone_of(c), l.tone) {
                let punctuation = matches!(c, '.' | '?')
                    && l.modifier == Modifier::None
                    && matches!(next, None | Some('\n' | '\r'))
                    && word_len(&out) > 1;
                if !punctuation {
                    changed = letters::compose(l.base, l.modifier, t, l.upper)
                        .map(|ch| (ch, l.modifier, t));
                }
            }
            if let Some((ch, m, t)) = changed {
                out.pop();
                out.push(ch);
                open = Some(Letter {
                    modifier: m,
                    tone: t,
                    ..l
                });
                continue;
            }
        }
        if (c == 'd' || c == 'D') && d_can_double(&out) {
            let upper = out.last() == Some(&'D');
            out.pop();
            out.push(if upper { 'Đ' } else { 'đ' });
            open = None;
            continue;
        }
        out.push(c);
        open = match letters::analyse(c) {
            Some(l) if is_vowel_base(l.base) && c.is_ascii() => Some(l),
            _ => None,
        };
    }
    out.into_iter().collect()
}

fn is_mark_char(c: char) -> bool {
    tone_of(c).is_some() || modifier_of(c).is_some()
}

/// Encodes text as VIQR; characters outside ASCII and the Vietnamese letters
/// become `?`.
pub(crate) fn encode(text: &str) -> Vec<u8> {
    let text: String = text.nfc().collect();
    let mut out = String::with_capacity(text.len() + text.len() / 2);
    // whether a mark character written now would attach to a letter
    let mut attaches = false;
    let mut prev_d_word_start = false;
    let mut prev_alpha = false;
    for c in text.chars() {
        if c.is_ascii() {
            let literal_mark = attaches && is_mark_char(c);
            let literal_dd = prev_d_word_start && (c == 'd' || c == 'D');
            if literal_mark || literal_dd || c == '\\' {
                out.push('\\');
            }
            out.push(c);
            attaches = c.is_ascii_alphabetic()
                && is_vowel_base(c.to_ascii_lowercase() as u8)
                && !literal_mark;
            prev_d_word_start = (c == 'd' || c == 'D') && !prev_alpha && !literal_dd;
            prev_alpha = c.is_ascii_alphabetic();
            continue;
        }
        match letters::analyse(c) {
            Some(l) if l.modifier == Modifier::Stroke => {
                out.push_str(if l.upper { "DD" } else { "dd" });
                attaches = false;
            }
            Some(l) => {
                let base = if l.upper {
                    l.base.to_ascii_uppercase()
                } else {
                    l.base
                };
                out.push(char::from(base));
                if let Some(m) = modifier_char(l.modifier) {
                    out.push(m);
                }
                if let Some(t) = tone_char(l.tone) {
                    out.push(t);
                }
                attaches = true;
            }
            None => {
                out.push('?');
                attaches = false;
            }
        }
        prev_d_word_start = false;
        prev_alpha = true;
    }
    out.into_bytes()
}

/// Cheap test on ASCII text: enough vowels followed by a VIQR mark to be worth
/// decoding. Sentence punctuation (`idea. `, `why? `, `it's`) does not count:
/// `'`, `.` and `?` count only before a letter or another mark, as inside
/// `Vie^.t`, `ta.i`, `tha'ng`.
pub(crate) fn worth_trying(bytes: &[u8]) -> bool {
    let mut pairs = 0;
    for w in bytes.windows(3) {
        if !is_vowel_base(w[0].to_ascii_lowercase()) {
            continue;
        }
        let counts = match w[1] {
            b'^' | b'(' | b'+' | b'`' | b'~' => true,
            b'\'' | b'.' | b'?' => w[2].is_ascii_alphabetic() || is_mark_char(char::from(w[2])),
            _ => false,
        };
        if counts {
            pairs += 1;
            if pairs >= 3 {
                return true;
            }
        }
    }
    false
}
