//! TCVN3 ("ABC", the `.VnTime` fonts): TCVN 5712:1993, 8-bit table VN3.
//!
//! Source: the code chart of TCVN 5712:1993 (Vietnamese national standard), as
//! used by the ABC keyboard/font package. Written by hand from that chart:
//! - 0x00..=0x7F: ASCII.
//! - 0x80..=0x9F: VN3 assigns nothing here; the `.VnTime` Windows fonts keep the
//!   Windows-1252 punctuation (curly quotes, dashes, …), which real documents use,
//!   so these bytes decode as Windows-1252.
//! - 0xA0..=0xFF: the chart below. VN3 has lower-case letters for every
//!   Vietnamese vowel and only seven capitals of its own (Ă Â Ê Ô Ơ Ư Đ at
//!   0xA1..=0xA7); the other capitals were drawn by the `.VnTimeH` font over the
//!   lower-case codes. The sixteen capitals that TCVN 5712 places in this half
//!   for its fuller tables (Ằ at 0xAF, Ẳ at 0xBA, Ẵ Ắ Ầ Ẩ Ẫ Ấ Ề at 0xBF..=0xC5, Ể at
//!   0xCD, Ễ Ế Ồ at 0xD9..=0xDB, Ổ at 0xE0, Ỗ at 0xF0, Ố at 0xFF) and the five
//!   combining tone marks at 0xB0..=0xB4 are decoded too (detection counts them
//!   against a TCVN3 reading, as real VN3 text hardly has them), but never
//!   produced by the encoder.
//!
//! Checked: 0xA0..=0xFF agrees with glibc's TCVN5712-1 converter (unit test
//! `one_byte_tables_agree_with_iconv`, where `iconv` exists), the letters with
//! the headings of the corpus documents (`tcvn3_known_spellings`), and whole
//! documents against their transcripts (`real_files`).

/// Characters of bytes 0xA0..=0xFF.
pub(crate) const HIGH: [char; 96] = [
    '\u{00A0}', 'Ă', 'Â', 'Ê', 'Ô', 'Ơ', 'Ư', 'Đ', // A0
    'ă', 'â', 'ê', 'ô', 'ơ', 'ư', 'đ', 'Ằ', // A8
    '\u{0300}', '\u{0309}', '\u{0303}', '\u{0301}', '\u{0323}', 'à', 'ả', 'ã', // B0
    'á', 'ạ', 'Ẳ', 'ằ', 'ẳ', 'ẵ', 'ắ', 'Ẵ', // B8
    'Ắ', 'Ầ', 'Ẩ', 'Ẫ', 'Ấ', 'Ề', 'ặ', 'ầ', // C0
    'ẩ', 'ẫ', 'ấ', 'ậ', 'è', 'Ể', 'ẻ', 'ẽ', // C8
    'é', 'ẹ', 'ề', 'ể', 'ễ', 'ế', 'ệ', 'ì', // D0
    'ỉ', 'Ễ', 'Ế', 'Ồ', 'ĩ', 'í', 'ị', 'ò', // D8
    'Ổ', 'ỏ', 'õ', 'ó', 'ọ', 'ồ', 'ổ', 'ỗ', // E0
    'ố', 'ộ', 'ờ', 'ở', 'ỡ', 'ớ', 'ợ', 'ù', // E8
    'Ỗ', 'ủ', 'ũ', 'ú', 'ụ', 'ừ', 'ử', 'ữ', // F0
    'ứ', 'ự', 'ỳ', 'ỷ', 'ỹ', 'ý', 'ỵ', 'Ố', // F8
];

/// The capitals VN3 has codes of its own for; the encoder uses only these
/// (and the lower-case letters).
pub(crate) const OWN_CAPITALS: [char; 7] = ['Ă', 'Â', 'Ê', 'Ô', 'Ơ', 'Ư', 'Đ'];
