//! The Vietnamese letters as (base, modifier, tone), so that every encoder and
//! decoder shares one description of the alphabet.

use std::sync::OnceLock;

/// The six tones; `Level` (ngang) carries no mark.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Tone {
    Level,
    Grave,
    Acute,
    Hook,
    Tilde,
    Dot,
}

impl Tone {
    pub(crate) const ALL: [Tone; 6] = [
        Tone::Level,
        Tone::Grave,
        Tone::Acute,
        Tone::Hook,
        Tone::Tilde,
        Tone::Dot,
    ];

    fn index(self) -> usize {
        match self {
            Tone::Level => 0,
            Tone::Grave => 1,
            Tone::Acute => 2,
            Tone::Hook => 3,
            Tone::Tilde => 4,
            Tone::Dot => 5,
        }
    }

    /// The Unicode combining mark of the tone (none for `Level`).
    pub(crate) fn combining(self) -> Option<char> {
        match self {
            Tone::Level => None,
            Tone::Grave => Some('\u{0300}'),
            Tone::Acute => Some('\u{0301}'),
            Tone::Hook => Some('\u{0309}'),
            Tone::Tilde => Some('\u{0303}'),
            Tone::Dot => Some('\u{0323}'),
        }
    }
}

/// The marks that make new vowels (â ê ô, ă, ơ ư) and đ.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Modifier {
    None,
    Circumflex,
    Breve,
    Horn,
    Stroke,
}

/// One letter: ASCII lower-case base (`a e i o u y d` for the interesting ones),
/// modifier, tone and case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Letter {
    pub base: u8,
    pub modifier: Modifier,
    pub tone: Tone,
    pub upper: bool,
}

/// The twelve vowels, each followed by its five toned forms in `Tone` order.
const VOWEL_ROWS: [(&str, u8, Modifier); 12] = [
    ("aàáảãạ", b'a', Modifier::None),
    ("ăằắẳẵặ", b'a', Modifier::Breve),
    ("âầấẩẫậ", b'a', Modifier::Circumflex),
    ("eèéẻẽẹ", b'e', Modifier::None),
    ("êềếểễệ", b'e', Modifier::Circumflex),
    ("iìíỉĩị", b'i', Modifier::None),
    ("oòóỏõọ", b'o', Modifier::None),
    ("ôồốổỗộ", b'o', Modifier::Circumflex),
    ("ơờớởỡợ", b'o', Modifier::Horn),
    ("uùúủũụ", b'u', Modifier::None),
    ("ưừứửữự", b'u', Modifier::Horn),
    ("yỳýỷỹỵ", b'y', Modifier::None),
];

fn row_of(base: u8, modifier: Modifier) -> Option<usize> {
    VOWEL_ROWS
        .iter()
        .position(|&(_, b, m)| b == base && m == modifier)
}

fn upper_of(c: char) -> char {
    c.to_uppercase().next().unwrap_or(c)
}

/// Where the non-ASCII Vietnamese letters are: U+00C0..=U+01B0 (Latin-1,
/// Latin Extended-A/B: à, ă, đ, ơ, ư …) and U+1EA0..=U+1EF9 (ạ … ỹ).
const LOW: (u32, u32) = (0xC0, 0x1B0);
const HIGH: (u32, u32) = (0x1EA0, 0x1EF9);

/// A letter, its toneless lower-case form and its lower-case form.
type Entry = Option<(Letter, char, char)>;

struct Tables {
    low: [Entry; (LOW.1 - LOW.0 + 1) as usize],
    high: [Entry; (HIGH.1 - HIGH.0 + 1) as usize],
    /// `[row][tone]` lower-case letters.
    grid: [[char; 6]; 12],
}

impl Tables {
    fn slot(&mut self, c: char) -> &mut Entry {
        let u = c as u32;
        if (LOW.0..=LOW.1).contains(&u) {
            &mut self.low[(u - LOW.0) as usize]
        } else {
            assert!(
                (HIGH.0..=HIGH.1).contains(&u),
                "{c} outside the letter ranges"
            );
            &mut self.high[(u - HIGH.0) as usize]
        }
    }

    fn get(&self, c: char) -> Entry {
        let u = c as u32;
        if (LOW.0..=LOW.1).contains(&u) {
            self.low[(u - LOW.0) as usize]
        } else if (HIGH.0..=HIGH.1).contains(&u) {
            self.high[(u - HIGH.0) as usize]
        } else {
            None
        }
    }
}

fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| {
        let mut t = Tables {
            low: [None; (LOW.1 - LOW.0 + 1) as usize],
            high: [None; (HIGH.1 - HIGH.0 + 1) as usize],
            grid: [['\0'; 6]; 12],
        };
        for (r, &(row, base, modifier)) in VOWEL_ROWS.iter().enumerate() {
            let plain = row.chars().next().expect("six letters a row");
            for (i, c) in row.chars().enumerate() {
                t.grid[r][i] = c;
                let lower = Letter {
                    base,
                    modifier,
                    tone: Tone::ALL[i],
                    upper: false,
                };
                if !c.is_ascii() {
                    *t.slot(c) = Some((lower, plain, c));
                }
                let upper = upper_of(c);
                if !upper.is_ascii() {
                    *t.slot(upper) = Some((
                        Letter {
                            upper: true,
                            ..lower
                        },
                        plain,
                        c,
                    ));
                }
            }
        }
        let d = Letter {
            base: b'd',
            modifier: Modifier::Stroke,
            tone: Tone::Level,
            upper: false,
        };
        *t.slot('đ') = Some((d, 'đ', 'đ'));
        *t.slot('Đ') = Some((Letter { upper: true, ..d }, 'đ', 'đ'));
        t
    })
}

/// Splits a letter into base, modifier and tone; `None` for anything that is
/// not an ASCII letter or a Vietnamese letter.
pub(crate) fn analyse(c: char) -> Option<Letter> {
    if c.is_ascii_alphabetic() {
        return Some(Letter {
            base: c.to_ascii_lowercase() as u8,
            modifier: Modifier::None,
            tone: Tone::Level,
            upper: c.is_ascii_uppercase(),
        });
    }
    if c.is_ascii() {
        return None;
    }
    tables().get(c).map(|(l, _, _)| l)
}

/// Builds a letter; `None` when the combination does not exist in Vietnamese
/// (a tone on a consonant, a breve on `o`, …).
pub(crate) fn compose(base: u8, modifier: Modifier, tone: Tone, upper: bool) -> Option<char> {
    let c = if modifier == Modifier::Stroke {
        if base != b'd' || tone != Tone::Level {
            return None;
        }
        'đ'
    } else if let Some(r) = row_of(base, modifier) {
        tables().grid[r][tone.index()]
    } else if modifier == Modifier::None && tone == Tone::Level && base.is_ascii_lowercase() {
        base as char
    } else {
        return None;
    };
    Some(if upper { upper_of(c) } else { c })
}

/// Every Vietnamese vowel letter (12 vowels × 6 tones), lower case.
#[cfg(test)]
pub(crate) fn all_vowels() -> impl Iterator<Item = char> {
    VOWEL_ROWS.iter().flat_map(|&(row, _, _)| row.chars())
}

/// The toneless lower-case form of a letter (`ế` → `ê`, `Ư` → `ư`) and its
/// tone; `None` for anything that is not a letter.
pub(crate) fn toneless_lower(c: char) -> Option<(char, Tone)> {
    lower_parts(c).map(|(plain, tone, _)| (plain, tone))
}

/// The toneless lower-case form, the tone and the lower-case form of a
/// letter; `None` for anything that is not a letter.
pub(crate) fn lower_parts(c: char) -> Option<(char, Tone, char)> {
    if c.is_ascii_alphabetic() {
        let l = c.to_ascii_lowercase();
        return Some((l, Tone::Level, l));
    }
    tables()
        .get(c)
        .map(|(l, plain, lower)| (plain, l.tone, lower))
}
