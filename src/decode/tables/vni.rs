//! VNI-Windows: the 8-bit font encoding of the VNI package (VNI-Times etc.).
//!
//! Source: the VNI-Windows font layout (VNI Software, used with the VNI
//! keyboard). Written by hand from that layout. VNI is a two-byte scheme: a
//! vowel is written as its ASCII base letter followed by one *mark byte* that
//! carries the circumflex/breve and the tone together (`a` + 0xF9 = á,
//! `a` + 0xE1 = ấ). A few letters have one byte of their own: đ, ơ, ư and the
//! toned i's and ỵ; ơ/ư then take a tone mark byte like any vowel (0xF6 0xF9 = ứ).
//! Capitals use the same layout 0x20 lower (`A` + 0xD9 = Á, 0xD1 = Đ): the
//! mark bytes follow the case of Latin-1 letters, so each lower-case code below
//! has its capital at `code - 0x20`.
//!
//! Checked: against the corpus documents (`X.vni-raw.txt`, `X.vni-in-utf8.txt`
//! against `X.unicode.txt`, unit test `real_files`), against spellings with
//! every code (`vni_known_spellings`, several taken from the corpus headings)
//! and by the round-trip unit tests. No converter on the machine knows VNI.

use crate::decode::letters::{Modifier, Tone};

/// Offset from a lower-case code to its capital.
pub(crate) const CAPITAL_OFFSET: u8 = 0x20;

/// Letters with a byte of their own (lower-case codes).
pub(crate) const SINGLES: [(u8, char); 9] = [
    (0xF1, 'đ'),
    (0xF4, 'ơ'),
    (0xF6, 'ư'),
    (0xEC, 'ì'),
    (0xED, 'í'),
    (0xE6, 'ỉ'),
    (0xF3, 'ĩ'),
    (0xF2, 'ị'),
    (0xEE, 'ỵ'),
];

/// Mark bytes (lower-case codes): what they add to the preceding base letter.
pub(crate) const MARKS: [(u8, Modifier, Tone); 17] = [
    // tone only, on any vowel (and on ơ/ư)
    (0xF8, Modifier::None, Tone::Grave),
    (0xF9, Modifier::None, Tone::Acute),
    (0xFB, Modifier::None, Tone::Hook),
    (0xF5, Modifier::None, Tone::Tilde),
    (0xEF, Modifier::None, Tone::Dot),
    // circumflex (a, e, o), alone or with a tone
    (0xE2, Modifier::Circumflex, Tone::Level),
    (0xE0, Modifier::Circumflex, Tone::Grave),
    (0xE1, Modifier::Circumflex, Tone::Acute),
    (0xE5, Modifier::Circumflex, Tone::Hook),
    (0xE3, Modifier::Circumflex, Tone::Tilde),
    (0xE4, Modifier::Circumflex, Tone::Dot),
    // breve (a only), alone or with a tone
    (0xEA, Modifier::Breve, Tone::Level),
    (0xE8, Modifier::Breve, Tone::Grave),
    (0xE9, Modifier::Breve, Tone::Acute),
    (0xFA, Modifier::Breve, Tone::Hook),
    (0xFC, Modifier::Breve, Tone::Tilde),
    (0xEB, Modifier::Breve, Tone::Dot),
];
