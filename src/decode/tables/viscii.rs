//! VISCII: the Vietnamese 8-bit standard of RFC 1456 (Viet-Std group, 1992).
//!
//! Source: the VISCII table published in RFC 1456. Written by hand from that
//! table: ASCII except six C0 positions that hold capitals, and all 128 upper
//! bytes holding letters, so that the 134 precomposed Vietnamese letters
//! (67 lower-case, 67 capitals, including đ/Đ) each have one code.
//!
//! Checked: every position agrees with glibc's VISCII converter (unit test
//! `one_byte_tables_agree_with_iconv`, where `iconv` exists), and the table is
//! a bijection onto the 134 letters (`viscii_table_is_a_bijection_…`).

/// The six capitals VISCII places among the C0 control codes.
pub(crate) const C0: [(u8, char); 6] = [
    (0x02, 'Ẳ'),
    (0x05, 'Ẵ'),
    (0x06, 'Ẫ'),
    (0x14, 'Ỷ'),
    (0x19, 'Ỹ'),
    (0x1E, 'Ỵ'),
];

/// Characters of bytes 0x80..=0xFF.
pub(crate) const HIGH: [char; 128] = [
    'Ạ', 'Ắ', 'Ằ', 'Ặ', 'Ấ', 'Ầ', 'Ẩ', 'Ậ', // 80
    'Ẽ', 'Ẹ', 'Ế', 'Ề', 'Ể', 'Ễ', 'Ệ', 'Ố', // 88
    'Ồ', 'Ổ', 'Ỗ', 'Ộ', 'Ợ', 'Ớ', 'Ờ', 'Ở', // 90
    'Ị', 'Ỏ', 'Ọ', 'Ỉ', 'Ủ', 'Ũ', 'Ụ', 'Ỳ', // 98
    'Õ', 'ắ', 'ằ', 'ặ', 'ấ', 'ầ', 'ẩ', 'ậ', // A0
    'ẽ', 'ẹ', 'ế', 'ề', 'ể', 'ễ', 'ệ', 'ố', // A8
    'ồ', 'ổ', 'ỗ', 'Ỡ', 'Ơ', 'ộ', 'ờ', 'ở', // B0
    'ị', 'Ự', 'Ứ', 'Ừ', 'Ử', 'ơ', 'ớ', 'Ư', // B8
    'À', 'Á', 'Â', 'Ã', 'Ả', 'Ă', 'ẳ', 'ẵ', // C0
    'È', 'É', 'Ê', 'Ẻ', 'Ì', 'Í', 'Ĩ', 'ỳ', // C8
    'Đ', 'ứ', 'Ò', 'Ó', 'Ô', 'ạ', 'ỷ', 'ừ', // D0
    'ử', 'Ù', 'Ú', 'ỹ', 'ỵ', 'Ý', 'ỡ', 'ư', // D8
    'à', 'á', 'â', 'ã', 'ả', 'ă', 'ữ', 'ẫ', // E0
    'è', 'é', 'ê', 'ẻ', 'ì', 'í', 'ĩ', 'ỉ', // E8
    'đ', 'ự', 'ò', 'ó', 'ô', 'õ', 'ỏ', 'ọ', // F0
    'ụ', 'ù', 'ú', 'ũ', 'ủ', 'ý', 'ợ', 'Ữ', // F8
];
