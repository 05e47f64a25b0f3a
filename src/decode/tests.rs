//! Unit tests of `decode`. The tests on real documents read
//! `/work/shared/corpus/legacy` (see `corpus_dir`) and skip, with a notice,
//! when it is absent.

use super::legacy;
use super::letters;
use super::tables::{tcvn3, viscii, vni};
use super::viqr;
use super::*;
use std::collections::HashMap;
use std::path::Path;

/// Every encoding `encode` and `decode` know.
const ENCODINGS: [&str; 9] = [
    "utf-8",
    "utf-8-nfd",
    "windows-1258",
    "tcvn3",
    "vni",
    "viscii",
    "viqr",
    "tcvn3-in-utf8",
    "vni-in-utf8",
];

/// The 144 vowel letters (12 vowels × 6 tones × 2 cases), đ/Đ and the ASCII
/// consonants in both cases.
fn all_letters() -> Vec<char> {
    let mut v: Vec<char> = letters::all_vowels().collect();
    let upper: Vec<char> = v.iter().flat_map(|c| c.to_uppercase()).collect();
    v.extend(upper);
    v.extend(['đ', 'Đ']);
    for c in 'a'..='z' {
        if !"aeiouy".contains(c) {
            v.push(c);
            v.push(c.to_ascii_uppercase());
        }
    }
    v
}

/// The only non-ASCII capitals TCVN3 (VN3) has codes for.
const TCVN3_CAPITALS: [char; 7] = ['Ă', 'Â', 'Ê', 'Ô', 'Ơ', 'Ư', 'Đ'];

/// What TCVN3 gives back for `s`: capitals without a TCVN3 code come back in
/// lower case (the `.VnTimeH` font drew them over lower-case codes); ASCII
/// capitals and the seven of `TCVN3_CAPITALS` stay.
fn tcvn3_fold(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii() || !c.is_uppercase() || TCVN3_CAPITALS.contains(&c) {
                c
            } else {
                c.to_lowercase().next().unwrap()
            }
        })
        .collect()
}

fn expected_for(encoding: &str, s: &str) -> String {
    if encoding.starts_with("tcvn3") {
        tcvn3_fold(s)
    } else {
        s.to_owned()
    }
}

/// Administrative Vietnamese, written for these tests.
const PARAGRAPH: &str = "ỦY BAN NHÂN DÂN TỈNH THANH HÓA\n\
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
Độc lập - Tự do - Hạnh phúc\n\
Thanh Hóa, ngày 30 tháng 10 năm 2018\n\
QUYẾT ĐỊNH\n\
Về việc phê duyệt kế hoạch sử dụng đất năm 2019 của huyện Đông Sơn\n\
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n\
Căn cứ Luật Đất đai ngày 29 tháng 11 năm 2013; Nghị định số 43/2014/NĐ-CP \
ngày 15 tháng 5 năm 2014 của Chính phủ quy định chi tiết thi hành một số điều của Luật Đất đai;\n\
Xét đề nghị của Giám đốc Sở Tài nguyên và Môi trường tại Tờ trình số 1125/TTr-STNMT,\n\
QUYẾT ĐỊNH:\n\
Điều 1. Phê duyệt kế hoạch sử dụng đất năm 2019 của huyện Đông Sơn với những chỉ tiêu chủ yếu \
được quy định tại phụ lục kèm theo Quyết định này. Người đứng đầu các cơ quan, đơn vị chịu trách \
nhiệm thi hành; mọi vướng mắc phải báo cáo kịp thời để xử lý.\n\
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.\n\
Nơi nhận: Như Điều 2; Lưu: VT.\n";

/// A sentence that carries one letter, long enough for detection.
fn carrier(c: char) -> String {
    format!(
        "Căn cứ Quyết định số 15/2018/QĐ-UBND ngày 20 tháng 3 năm 2018 của Ủy ban nhân dân tỉnh, \
         xét {c} đề nghị của Giám đốc Sở Tài chính về việc giao nhiệm vụ cho người đứng đầu các cơ quan được phân cấp."
    )
}

/// Bytes of a string written in the Windows-1252 view of legacy text.
fn cp1252_view(s: &str) -> Vec<u8> {
    s.chars().map(|c| legacy::cp1252_byte(c).unwrap()).collect()
}

// ---- The tables, checked against independent sources -----------------------

#[test]
fn vowel_list_is_complete() {
    let v: Vec<char> = letters::all_vowels().collect();
    assert_eq!(v.len(), 72);
    let all = all_letters();
    assert_eq!(all.iter().filter(|c| !c.is_ascii()).count(), 134);
    for c in v {
        // each letter is NFC and decomposes to an ASCII vowel plus marks
        let d: String = c.to_string().nfd().collect();
        assert!("aeiouy".contains(d.chars().next().unwrap()), "{c}");
        let l = letters::analyse(c).unwrap();
        assert_eq!(letters::compose(l.base, l.modifier, l.tone, false), Some(c));
    }
}

#[test]
fn viscii_table_is_a_bijection_onto_the_134_letters() {
    let mut seen: Vec<char> = viscii::HIGH.to_vec();
    seen.extend(viscii::C0.iter().map(|&(_, c)| c));
    let mut want: Vec<char> = all_letters()
        .into_iter()
        .filter(|c| !c.is_ascii())
        .collect();
    seen.sort_unstable();
    want.sort_unstable();
    assert_eq!(seen, want);
}

#[test]
fn tcvn3_table_has_every_lower_case_letter_and_seven_capitals() {
    for c in all_letters().into_iter().filter(|c| !c.is_ascii()) {
        let present = tcvn3::HIGH.contains(&c);
        if c.is_lowercase() {
            assert!(present, "TCVN3 lacks lower-case {c}");
        }
    }
    assert_eq!(tcvn3::OWN_CAPITALS, TCVN3_CAPITALS);
    for c in tcvn3::OWN_CAPITALS {
        let pos = tcvn3::HIGH.iter().position(|&h| h == c).unwrap();
        assert!((0x01..=0x07).contains(&pos), "{c} at 0x{:X}", 0xA0 + pos);
    }
    // nothing appears twice
    let mut v: Vec<char> = tcvn3::HIGH.to_vec();
    v.sort_unstable();
    v.dedup();
    assert_eq!(v.len(), tcvn3::HIGH.len());
}

#[test]
fn vni_codes_do_not_collide() {
    let mut codes: Vec<u8> = vni::SINGLES.iter().map(|s| s.0).collect();
    codes.extend(vni::MARKS.iter().map(|m| m.0));
    let upper: Vec<u8> = codes.iter().map(|c| c - vni::CAPITAL_OFFSET).collect();
    codes.extend(upper);
    let n = codes.len();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), n);
}

/// Runs glibc's `iconv` on one byte; `None` when it rejects the byte,
/// `Err` when there is no `iconv` to ask.
fn iconv_byte(encoding: &str, b: u8) -> Result<Option<String>, ()> {
    use std::io::Write;
    let mut child = std::process::Command::new("iconv")
        .args(["-f", encoding, "-t", "UTF-8"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(|_| ())?;
    child.stdin.take().unwrap().write_all(&[b]).unwrap();
    let out = child.wait_with_output().map_err(|_| ())?;
    let s = String::from_utf8(out.stdout).unwrap();
    Ok((out.status.success() && !s.is_empty()).then_some(s))
}

/// An independent check of the one-byte tables: glibc's converters, where the
/// machine has `iconv` (round trips cannot see two swapped entries).
#[test]
fn one_byte_tables_agree_with_iconv() {
    if iconv_byte("VISCII", b'a').is_err() {
        eprintln!("skipping one_byte_tables_agree_with_iconv: no iconv on this machine");
        return;
    }
    let mut failures = Vec::new();
    let tables: [(&str, u8, &[char]); 4] = [
        ("VISCII", 0x80, &viscii::HIGH),
        ("CP1258", 0x80, &super::tables::windows1258::HIGH),
        ("TCVN5712-1", 0xA0, &tcvn3::HIGH),
        ("CP1252", 0x80, &super::tables::cp1252::C1),
    ];
    for (name, start, table) in tables {
        for (i, &c) in table.iter().enumerate() {
            let b = start + i as u8;
            let theirs = iconv_byte(name, b).unwrap();
            let ours = (c != super::tables::UNMAPPED).then(|| c.to_string());
            if theirs != ours {
                failures.push(format!("{name} 0x{b:02X}: ours {ours:?}, iconv {theirs:?}"));
            }
        }
    }
    for &(b, c) in &viscii::C0 {
        if iconv_byte("VISCII", b).unwrap() != Some(c.to_string()) {
            failures.push(format!("VISCII 0x{b:02X}"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// VNI spellings with every mark byte and single-letter code, upper and lower
/// case, written as the Windows-1252 view they show in mojibake (several
/// from the headings of the corpus's VNI documents).
#[test]
fn vni_known_spellings() {
    let pairs = [
        ("ngaøy thaùng naêm", "ngày tháng năm"),
        ("cuûa xaõ Haïnh nhaân", "của xã Hạnh nhân"),
        ("ñaàu Quyeát Toå Nguyeãn Vieät", "đầu Quyết Tổ Nguyễn Việt"),
        (
            "baèng baét chaúng Ñaø Naüng hoaëc",
            "bằng bắt chẳng Đà Nẵng hoặc",
        ),
        (
            "ñôn ñöôïc gì chính tænh nghóa ñònh kyõ lî",
            "đơn được gì chính tỉnh nghĩa định kỹ lỵ",
        ),
        (
            "yù kieán, tyû leä, ngöôøi, thöïc, nöõa, cöûa, töø, söû",
            "ý kiến, tỷ lệ, người, thực, nữa, cửa, từ, sử",
        ),
        (
            "COÄNG HOAØ XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM",
            "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        ),
        (
            "UÛY BAN NHAÂN DAÂN TÆNH BÌNH PHÖÔÙC",
            "ỦY BAN NHÂN DÂN TỈNH BÌNH PHƯỚC",
        ),
        (
            "QUYEÁT ÑÒNH, ÑAÉK LAÉK, ÑAØ NAÜNG, NAÊM, AÈ AÚ AË",
            "QUYẾT ĐỊNH, ĐẮK LẮK, ĐÀ NẴNG, NĂM, Ằ Ẳ Ặ",
        ),
        (
            "AÀ AÅ AÃ AÄ EÁ OÀ IÙ Í Ì Ó Ò Î Ñ Ô Ö ÔÕ ÖÏ",
            "Ầ Ẩ Ẫ Ậ Ế Ồ Í Í Ì Ĩ Ị Ỵ Đ Ơ Ư Ỡ Ự",
        ),
        (
            "Ñoäc laäp - Töï do - Haïnh phuùc",
            "Độc lập - Tự do - Hạnh phúc",
        ),
    ];
    for (vni_view, want) in pairs {
        let bytes = cp1252_view(vni_view);
        assert_eq!(decode_as(&bytes, "vni").unwrap(), want, "{vni_view}");
        // `IÙ` is a lenient reading: the encoder writes Í as its own byte
        if !vni_view.contains("IÙ") {
            assert_eq!(encode(want, "vni").unwrap(), bytes, "encoding {want}");
        }
    }
}

/// TCVN3 spellings of the corpus headings, in their Windows-1252 view.
#[test]
fn tcvn3_known_spellings() {
    let pairs = [
        (
            "céng hoµ x· héi chñ nghÜa ViÖt nam",
            "cộng hoà xã hội chủ nghĩa Việt nam",
        ),
        ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
        (
            "Th«ng t\u{AD} h\u{AD}íng dÉn ®\u{AD}îc ng\u{AD}êi tr\u{AD}ëng",
            "Thông tư hướng dẫn được người trưởng",
        ),
        (
            "¡ ¢ £ ¤ ¥ ¦ § ¨ © ª « ¬ \u{AD} ®",
            "Ă Â Ê Ô Ơ Ư Đ ă â ê ô ơ ư đ",
        ),
        (
            "µ ¶ · ¸ ¹ » ¼ ½ ¾ Æ Ç È É Ê Ë",
            "à ả ã á ạ ằ ẳ ẵ ắ ặ ầ ẩ ẫ ấ ậ",
        ),
        (
            "Ì Î Ï Ð Ñ Ò Ó Ô Õ Ö × Ø Ü Ý Þ",
            "è ẻ ẽ é ẹ ề ể ễ ế ệ ì ỉ ĩ í ị",
        ),
        (
            "ß á â ã ä å æ ç è é ê ë ì í î",
            "ò ỏ õ ó ọ ồ ổ ỗ ố ộ ờ ở ỡ ớ ợ",
        ),
        (
            "ï ñ ò ó ô õ ö ÷ ø ù ú û ü ý þ",
            "ù ủ ũ ú ụ ừ ử ữ ứ ự ỳ ỷ ỹ ý ỵ",
        ),
    ];
    for (view, want) in pairs {
        let bytes = cp1252_view(view);
        assert_eq!(decode_as(&bytes, "tcvn3").unwrap(), want, "{view}");
        assert_eq!(encode(want, "tcvn3").unwrap(), bytes, "encoding {want}");
    }
}

// ---- 1. Round trips of every letter ----------------------------------------

/// Test 1: every letter through `encode` and back, in one encoding.
/// Alone, decoded as the encoding it was written in (a single letter cannot
/// be detected); then inside a sentence, through `decode` with detection.
/// Returns one line per failure, naming the letter.
fn letter_round_trip_failures(enc: &str) -> Vec<String> {
    let mut failures = Vec::new();
    for c in all_letters() {
        let s = c.to_string();
        let bytes = encode(&s, enc).unwrap();
        let back = decode_as(&bytes, enc);
        let want = expected_for(enc, &s);
        if back.as_deref() != Some(want.as_str()) {
            failures.push(format!(
                "{enc}: letter {c} (U+{:04X}) alone: {bytes:02X?} decoded as {back:?}, want {want:?}",
                c as u32
            ));
        }
        let s = carrier(c);
        let bytes = encode(&s, enc).unwrap();
        let want = expected_for(enc, &s);
        match decode(&bytes) {
            Ok(d) if d.text == want && d.encoding == enc => {}
            Ok(d) => failures.push(format!(
                "{enc}: letter {c} (U+{:04X}) in a sentence: detected {}, text {:?}",
                c as u32, d.encoding, d.text
            )),
            Err(e) => failures.push(format!("{enc}: letter {c} in a sentence: {e}")),
        }
    }
    failures
}

macro_rules! letter_round_trip {
    ($($name:ident => $enc:literal,)*) => {$(
        #[test]
        fn $name() {
            let failures = letter_round_trip_failures($enc);
            assert!(
                failures.is_empty(),
                "{} failures:\n{}",
                failures.len(),
                failures.join("\n")
            );
        }
    )*};
}

letter_round_trip! {
    round_trip_utf_8 => "utf-8",
    round_trip_utf_8_nfd => "utf-8-nfd",
    round_trip_windows_1258 => "windows-1258",
    round_trip_tcvn3 => "tcvn3",
    round_trip_vni => "vni",
    round_trip_viscii => "viscii",
    round_trip_viqr => "viqr",
    round_trip_tcvn3_in_utf8 => "tcvn3-in-utf8",
    round_trip_vni_in_utf8 => "vni-in-utf8",
}

#[test]
fn encode_knows_every_encoding() {
    // keep the list above in step with ENCODINGS
    assert_eq!(ENCODINGS.len(), 9);
    for enc in ENCODINGS {
        assert!(encode("a", enc).is_some(), "{enc}");
    }
}

#[test]
fn tone_placement_is_never_rewritten() {
    for enc in ENCODINGS {
        for word in ["hoà", "hòa", "thuỷ", "thủy", "Hoà", "khoẻ", "khỏe"] {
            let s = carrier('x').replace("xét x", &format!("xét {word}"));
            let d = decode(&encode(&s, enc).unwrap()).unwrap();
            assert_eq!(d.text, expected_for(enc, &s), "{enc}: {word}");
        }
    }
}

// ---- 2. Detection ----------------------------------------------------------

/// Test 2: a real paragraph in each encoding is detected as that encoding
/// and decodes to the original.
#[test]
fn paragraph_is_detected_in_every_encoding() {
    for enc in ENCODINGS {
        let bytes = encode(PARAGRAPH, enc).unwrap();
        let d = decode(&bytes).unwrap_or_else(|e| panic!("{enc}: {e}"));
        assert_eq!(d.encoding, enc, "detected encoding for {enc}");
        assert_eq!(
            d.text,
            expected_for(enc, PARAGRAPH),
            "text decoded from {enc}"
        );
        assert!(d.confidence >= 0.6, "{enc}: confidence {}", d.confidence);
        assert!(
            d.notes.iter().all(|n| n.code != "decode.low_confidence"),
            "{enc}: {:?}",
            d.notes
        );
    }
}

/// The paragraph's own precomposed Windows-1258 form (Windows also wrote
/// à á è é í ó ú as single bytes) decodes the same.
#[test]
fn windows_1258_precomposed_letters() {
    let bytes = b"Gi\xe1m \xf0\xf4\xecc S\xf5\xd2 Ta\xcci chi\xecnh, nga\xccy 5 tha\xecng 3 n\xe3m 2019, h\xf3a \xf0\xf5n";
    let d = decode(bytes).unwrap();
    assert_eq!(d.encoding, "windows-1258");
    assert_eq!(
        d.text,
        "Giám đốc Sở Tài chính, ngày 5 tháng 3 năm 2019, hóa đơn"
    );
}

#[test]
fn tcvn3_heading_decodes_in_lower_case() {
    // `céng hoµ x· héi chñ nghÜa ViÖt Nam` as TCVN3 bytes (Windows-1252 view)
    let bytes: Vec<u8> = "céng hoµ x· héi chñ nghÜa ViÖt Nam\n§éc lËp - Tù do - H¹nh phóc\nngµy 30 th¸ng 10 n¨m 2018"
        .chars()
        .map(|c| c as u32 as u8)
        .collect();
    let d = decode(&bytes).unwrap();
    assert_eq!(d.encoding, "tcvn3");
    assert_eq!(
        d.text,
        "cộng hoà xã hội chủ nghĩa Việt Nam\nĐộc lập - Tự do - Hạnh phúc\nngày 30 tháng 10 năm 2018"
    );
    assert!(d.notes.iter().any(|n| n.code == "decode.tcvn3_case_lost"));
}

#[test]
fn viqr_needs_a_strong_signal() {
    let viqr = "Co^.ng hoa` xa~ ho^.i chu? nghi~a Vie^.t Nam. DDo^.c la^.p - Tu+. do - Ha.nh phu'c.\n\
                Ha` No^.i, nga`y 5 tha'ng 3 na(m 2019. Ki'nh gu+?i: Bo^. tru+o+?ng Bo^. Ta`i chi'nh.";
    let d = decode(viqr.as_bytes()).unwrap();
    assert_eq!(d.encoding, "viqr");
    assert_eq!(
        d.text,
        "Cộng hoà xã hội chủ nghĩa Việt Nam. Độc lập - Tự do - Hạnh phúc.\n\
         Hà Nội, ngày 5 tháng 3 năm 2019. Kính gửi: Bộ trưởng Bộ Tài chính."
    );
    for ascii in [
        "Is it true? I'm sure it's fine. See e.g. the idea. Why not? Go to a.b.c. Yes.",
        "Cong hoa xa hoi chu nghia Viet Nam. Doc lap - Tu do - Hanh phuc. Ha Noi ngay 5 thang 3.",
        "x^2 + y^2 = z^2; f(a) = a' + b'; (see above). Really? Maybe. OK.",
        "QD-UBND so 15/2018 ngay 20/3/2018 cua UBND tinh; Dieu 1. Dieu 2. Dieu 3.",
    ] {
        let d = decode(ascii.as_bytes()).unwrap();
        assert_eq!(d.encoding, "utf-8", "{ascii}");
        assert_eq!(d.text, ascii);
    }
}

#[test]
fn viqr_escapes_and_abbreviations() {
    assert_eq!(viqr::decode("Ta.i sao\\? DDi ra\\."), "Tại sao? Đi ra.");
    assert_eq!(viqr::decode("QDD-UBND, HDDND"), "QĐ-UBND, HĐND");
    assert_eq!(viqr::decode("address added odd"), "address added odd");
    assert_eq!(viqr::decode("ddi ra."), "đi ra.");
    let s = "Tại sao? Đi ra. QĐ-UBND a\\b";
    assert_eq!(
        viqr::decode(std::str::from_utf8(&encode(s, "viqr").unwrap()).unwrap()),
        s
    );
}

#[test]
fn undecodable_high_bytes() {
    // high bytes with no letters around them read as nothing Vietnamese
    let bytes: Vec<u8> = (0..300u32)
        .map(|i| 0x80 + ((i * 7919) % 128) as u8)
        .collect();
    assert_eq!(decode(&bytes), Err(DecodeError::Undecodable));
}

#[test]
fn mostly_utf8_with_a_broken_byte() {
    let mut bytes = PARAGRAPH.as_bytes().to_vec();
    bytes.insert(10, 0xFF);
    let d = decode(&bytes).unwrap();
    assert_eq!(d.encoding, "utf-8");
    assert!(
        d.notes
            .iter()
            .any(|n| n.code == "decode.invalid_utf8_replaced")
    );
    assert_eq!(d.text.replace('\u{FFFD}', ""), PARAGRAPH);
}

// ---- 3. The real legacy documents of shared/corpus/legacy ------------------

/// Where the legacy corpus is: `$VANBAN_LEGACY_CORPUS`, else
/// `/work/shared/corpus/legacy`, else `shared/corpus/legacy` beside the crate.
fn corpus_dir() -> Option<std::path::PathBuf> {
    let mut places = Vec::new();
    if let Some(p) = std::env::var_os("VANBAN_LEGACY_CORPUS") {
        places.push(std::path::PathBuf::from(p));
    }
    places.push("/work/shared/corpus/legacy".into());
    places.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/legacy"));
    places.into_iter().find(|p| p.is_dir())
}

fn words(s: &str) -> Vec<String> {
    // the transcripts write table cells as `|` where the legacy files have tabs
    s.to_lowercase()
        .replace('|', " ")
        .split_whitespace()
        .map(str::to_owned)
        .collect()
}

/// Share of the transcript's words that the decoded text agrees on, after
/// lower-casing and splitting on whitespace: the bag-of-words overlap with the
/// best window of the decoded text as long as the transcript (some legacy
/// files carry annexes that their transcript leaves out).
fn agreement(decoded: &str, transcript: &str) -> f64 {
    let d = words(decoded);
    let t = words(transcript);
    let mut want: HashMap<&str, i64> = HashMap::new();
    for w in &t {
        *want.entry(w).or_default() += 1;
    }
    let mut have: HashMap<&str, i64> = HashMap::new();
    let mut overlap = 0i64;
    let mut best = 0i64;
    for (i, w) in d.iter().enumerate() {
        let h = have.entry(w).or_default();
        if *h < want.get(w.as_str()).copied().unwrap_or(0) {
            overlap += 1;
        }
        *h += 1;
        if i >= t.len() {
            let old = d[i - t.len()].as_str();
            let h = have.get_mut(old).unwrap();
            *h -= 1;
            if *h < want.get(old).copied().unwrap_or(0) {
                overlap -= 1;
            }
        }
        best = best.max(overlap);
    }
    best as f64 / t.len().max(1) as f64
}

#[test]
fn real_files() {
    let Some(dir) = corpus_dir() else {
        eprintln!("skipping real_files: no shared/corpus/legacy on this machine");
        return;
    };
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| !n.ends_with(".unicode.txt") && n.ends_with(".txt"))
        .collect();
    names.sort();
    let mut failures = Vec::new();
    for name in &names {
        let (stem, form) = name.trim_end_matches(".txt").rsplit_once('.').unwrap();
        let expected = form.trim_end_matches("-raw");
        let bytes = std::fs::read(dir.join(name)).unwrap();
        let transcript = std::fs::read_to_string(dir.join(format!("{stem}.unicode.txt"))).unwrap();
        let d = decode(&bytes).expect(name);
        let agree = agreement(&d.text, &transcript);
        eprintln!(
            "{name:60} {:14} conf {:.2} words {:.2}%",
            d.encoding,
            d.confidence,
            100.0 * agree
        );
        if d.encoding != expected || agree < 0.97 {
            failures.push(format!("{name}: {} {:.2}%", d.encoding, 100.0 * agree));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// Real UTF-8 Vietnamese is never touched: every hand-checked transcript
/// comes back byte for byte as "utf-8".
#[test]
fn transcripts_are_untouched() {
    let Some(dir) = corpus_dir() else {
        eprintln!("skipping transcripts_are_untouched: no shared/corpus/legacy on this machine");
        return;
    };
    let mut n = 0;
    for e in std::fs::read_dir(&dir).unwrap() {
        let path = e.unwrap().path();
        if !path.to_string_lossy().ends_with(".unicode.txt") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let text = std::str::from_utf8(&bytes).unwrap();
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "utf-8", "{}", path.display());
        assert!(
            d.text == text.trim_start_matches('\u{FEFF}'),
            "{} was changed",
            path.display()
        );
        n += 1;
    }
    assert!(n > 0);
}

/// Words of the decoded text missing from the transcript (development aid).
#[test]
#[ignore]
fn corpus_mismatches() {
    let Some(dir) = corpus_dir() else {
        eprintln!("skipping corpus_mismatches: no shared/corpus/legacy on this machine");
        return;
    };
    let only = std::env::var("CORPUS_ONLY").unwrap_or_default();
    let mut missing: HashMap<String, usize> = HashMap::new();
    let mut extra: HashMap<String, usize> = HashMap::new();
    for e in std::fs::read_dir(&dir).unwrap() {
        let name = e.unwrap().file_name().into_string().unwrap();
        if name.ends_with(".unicode.txt") || !name.ends_with(".txt") || !name.contains(&only) {
            continue;
        }
        let stem = name.trim_end_matches(".txt").rsplit_once('.').unwrap().0;
        let d = decode(&std::fs::read(dir.join(&name)).unwrap()).unwrap();
        let t = std::fs::read_to_string(dir.join(format!("{stem}.unicode.txt"))).unwrap();
        let mut counts: HashMap<String, i64> = HashMap::new();
        for w in words(&t) {
            *counts.entry(w).or_default() += 1;
        }
        for w in words(&d.text) {
            let c = counts.entry(w.clone()).or_default();
            *c -= 1;
            if *c < 0 {
                *extra.entry(w).or_default() += 1;
            }
        }
        for (w, c) in counts {
            if c > 0 {
                *missing.entry(w).or_default() += c as usize;
            }
        }
    }
    let mut e: Vec<_> = extra.into_iter().collect();
    e.sort_by_key(|a| std::cmp::Reverse(a.1));
    eprintln!(
        "decoded words not in transcripts: {:?}",
        &e[..e.len().min(120)]
    );
    let mut m: Vec<_> = missing.into_iter().collect();
    m.sort_by_key(|a| std::cmp::Reverse(a.1));
    eprintln!("transcript words not decoded: {:?}", &m[..m.len().min(120)]);
}

// ---- 4. Clean UTF-8, edge cases, random input ------------------------------

/// Test 4: clean UTF-8 and ASCII come back unchanged, without scoring.
#[test]
fn clean_utf8_is_untouched() {
    let samples = [
        PARAGRAPH,
        "Hà Nội, ngày 5 tháng 3 năm 2019. Kính gửi: Bộ trưởng Bộ Tài chính.",
        // Latin-1-only Vietnamese words, which could be read back to bytes
        "Ông bà cô chú, à ơi: Bà Út ở Cà Mau.",
        // genuine text with a few Latin-1 signs
        "Điều 5 § 2: nhiệt độ 25°C, độ dày 3 µm, giá © 2019 «Nhà xuất bản»",
        "The quick brown fox jumps over the lazy dog. Don't panic? It's fine. e.g. idea.",
        "Cong hoa xa hoi chu nghia Viet Nam. Doc lap - Tu do - Hanh phuc. Ha Noi, ngay 5 thang 3 nam 2019.",
        "Déjà vu: l'été à Paris, où il fait très chaud. Größe, Übermaß, naïve façade, smørrebrød, señor.",
        "Tiếng Việt có dấu với ký tự “ngoặc kép” – gạch nối … và dấu chấm.",
    ];
    for s in samples {
        super::score::SCORE_CALLS.with(|c| c.set(0));
        let d = decode(s.as_bytes()).unwrap();
        assert_eq!(d.encoding, "utf-8", "{s}");
        assert_eq!(d.text, s);
        assert_eq!(d.confidence, 1.0);
        assert!(d.notes.is_empty(), "{s}: {:?}", d.notes);
        let calls = super::score::SCORE_CALLS.with(|c| c.get());
        if super::mojibake::suspicious_count(s.as_bytes()) == 0 {
            assert_eq!(calls, 0, "the scorer ran on clean text: {s}");
        }
    }
}

#[test]
fn clean_vietnamese_never_runs_the_scorer() {
    let big = PARAGRAPH.repeat(200);
    super::score::SCORE_CALLS.with(|c| c.set(0));
    let d = decode(big.as_bytes()).unwrap();
    assert_eq!(d.text, big);
    assert_eq!(super::score::SCORE_CALLS.with(|c| c.get()), 0);
}

/// The ranges `mojibake::scan` takes as NFC without a full check really are:
/// every character there is NFC_QC=Yes.
#[test]
fn scan_nfc_ranges_are_nfc_quick_yes() {
    let ranges = [
        ('\u{0}', '\u{2FF}'),
        ('\u{1E00}', '\u{1EFF}'),
        ('\u{2010}', '\u{2027}'),
        ('\u{20AB}', '\u{20AB}'),
    ];
    for (lo, hi) in ranges {
        for c in lo..=hi {
            assert_eq!(
                unicode_normalization::is_nfc_quick(std::iter::once(c)),
                unicode_normalization::IsNormalized::Yes,
                "U+{:04X}",
                c as u32
            );
            let mut buf = [0u8; 4];
            let s = c.encode_utf8(&mut buf);
            assert!(
                !super::mojibake::scan(s.as_bytes()).nfc_unsure,
                "U+{:04X}",
                c as u32
            );
        }
    }
    for c in [
        '\u{300}',
        '\u{1DC0}',
        '\u{2000}',
        '\u{212B}',
        '\u{FEFF}',
        '\u{1F600}',
        'ờ',
    ] {
        let mut buf = [0u8; 4];
        let s = c.encode_utf8(&mut buf);
        assert_eq!(
            super::mojibake::scan(s.as_bytes()).nfc_unsure,
            c != 'ờ',
            "U+{:04X}",
            c as u32
        );
    }
}

/// Other languages in UTF-8 with many Latin-1 letters are not "repaired".
#[test]
fn other_latin1_languages_stay_utf8() {
    let texts = [
        "Où est-il ? Il est là, à côté de la fenêtre. Déjà l'été : où que tu sois, \
         je serai là. Très bien, merci ; c'est la vérité. Où, où, où sont les neiges d'antan ? \
         Le cœur a ses raisons que la raison ne connaît point. À bientôt, où que ce soit.",
        "Größe und Übermaß: Die Straße führt über die Brücke nach Köln. Schöne Grüße, \
         Jürgen. Äpfel, Öl und Übungen für Mädchen und Jungen. Heißer Kaffee, süßer Kuchen.",
        "El señor y la señora Muñoz viven en España; mañana irán a la montaña con el niño. \
         ¿Dónde está la estación? ¡Qué año! Canción, corazón, pequeño, añadir.",
        "Smørrebrød på Nørrebro: Søren og Åse går på café. Ærø, Ødegård, blåbær og rødgrød med fløde.",
    ];
    for t in texts {
        let d = decode(t.as_bytes()).unwrap();
        assert_eq!((d.encoding, d.text.as_str()), ("utf-8", t));
    }
}

#[test]
fn nfc_that_lengthens_text_is_no_error() {
    // U+0958 is excluded from composition: NFC gives two characters for one.
    let d = decode("Số: 1 \u{0958}".as_bytes()).unwrap();
    assert_eq!(d.text, "Số: 1 \u{0915}\u{093C}");
    assert!(d.notes.iter().any(|n| n.code == "decode.normalized"));
}

#[test]
fn nfd_input_comes_back_nfc() {
    let nfd: String = PARAGRAPH.nfd().collect();
    assert_ne!(nfd, PARAGRAPH);
    let d = decode(nfd.as_bytes()).unwrap();
    assert_eq!(d.encoding, "utf-8-nfd");
    assert_eq!(d.text, PARAGRAPH);
    assert!(d.notes.iter().any(|n| n.code == "decode.normalized"));
    // Windows-1258-style UTF-8: precomposed â/ơ plus combining tone marks
    let d = decode("Vie\u{0323}\u{0302}t Nam, nga\u{0300}y 5 tha\u{0301}ng 3".as_bytes()).unwrap();
    assert_eq!(d.encoding, "utf-8-nfd");
    assert_eq!(d.text, "Việt Nam, ngày 5 tháng 3");
}

#[test]
fn bom_is_stripped() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice("Hà Nội, ngày 5 tháng 3".as_bytes());
    let d = decode(&bytes).unwrap();
    assert_eq!(d.text, "Hà Nội, ngày 5 tháng 3");
    assert_eq!(d.encoding, "utf-8");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(&encode(PARAGRAPH, "tcvn3").unwrap());
    assert_eq!(decode(&bytes).unwrap().encoding, "tcvn3");
}

#[test]
fn empty_and_binary() {
    for empty in [
        &b""[..],
        b"   \n\t\r\n",
        b"\xEF\xBB\xBF",
        b"\xEF\xBB\xBF  \n",
        b"\xEF\xBB\xBF\xEF\xBB\xBF",
    ] {
        assert_eq!(decode(empty), Err(DecodeError::Empty), "{empty:?}");
    }
    assert_eq!(decode(b"Ha\0 Noi"), Err(DecodeError::Binary));
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend((0..200u8).map(|i| i.wrapping_mul(37)));
    assert_eq!(decode(&png), Err(DecodeError::Binary));
    let controls: Vec<u8> = (0..400)
        .map(|i| if i % 5 == 0 { 0x01 } else { b'a' })
        .collect();
    assert_eq!(decode(&controls), Err(DecodeError::Binary));
    assert_eq!(DecodeError::Empty.code(), "decode.empty");
    assert_eq!(DecodeError::Binary.code(), "decode.binary");
    assert_eq!(DecodeError::Undecodable.code(), "decode.undecodable");
    for e in [
        DecodeError::Empty,
        DecodeError::Binary,
        DecodeError::Undecodable,
    ] {
        let s = e.to_string();
        assert!(s.ends_with('.') && s.len() > 20, "{s}");
    }
}

#[test]
fn unknown_encoding_name() {
    assert_eq!(encode("a", "latin-1"), None);
    assert_eq!(encode("a", "TCVN3"), None);
}

struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// Random input never panics, and whatever decodes is NFC.
#[test]
fn random_bytes_never_panic() {
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    let pool: Vec<char> =
        "aăâbcdđeêghiklmnoôơpqrstuưvxy µ¸¨©«®§¶·¹»ÆÇÈÊËÒÓÕÖ×ØÜÝÞßäåæçëîïñöøùûüþ\u{AD}'^(+`?~.\\\n"
            .chars()
            .chain(letters::all_vowels())
            .collect();
    for case in 0..4000 {
        let len = (rng.next() % 300) as usize;
        let bytes: Vec<u8> = match case % 4 {
            // any bytes
            0 => (0..len).map(|_| rng.next() as u8).collect(),
            // printable ASCII and high bytes, as legacy text
            1 => (0..len)
                .map(|_| {
                    let r = rng.next();
                    if r.is_multiple_of(3) {
                        0x80 | (r >> 8) as u8
                    } else {
                        0x20 + ((r >> 8) % 95) as u8
                    }
                })
                .collect(),
            // valid UTF-8 from letters, mojibake signs and VIQR marks
            2 => (0..len)
                .map(|_| pool[(rng.next() % pool.len() as u64) as usize])
                .collect::<String>()
                .into_bytes(),
            // legacy encodings of random letter soup
            _ => {
                let s: String = (0..len)
                    .map(|_| pool[(rng.next() % pool.len() as u64) as usize])
                    .collect();
                encode(&s, ENCODINGS[(rng.next() % 9) as usize]).unwrap()
            }
        };
        if let Ok(d) = decode(&bytes) {
            assert!(
                unicode_normalization::is_nfc(&d.text),
                "case {case}: not NFC: {:?}",
                d.text
            );
            assert!((0.0..=1.0).contains(&d.confidence), "case {case}");
            assert!(ENCODINGS.contains(&d.encoding), "case {case}");
        }
    }
}

// ---- 5. Mojibake repair ----------------------------------------------------

#[test]
fn mojibake_examples_from_the_brief() {
    let d = decode("Thanh Hãa, ngµy 30 th¸ng 10 n¨m 2018".as_bytes()).unwrap();
    assert_eq!(
        (d.encoding, d.text.as_str()),
        ("tcvn3-in-utf8", "Thanh Hóa, ngày 30 tháng 10 năm 2018")
    );
    let d = decode("Thanh Hoùa, ngaøy 30 thaùng 10 naêm 2018".as_bytes()).unwrap();
    assert_eq!(
        (d.encoding, d.text.as_str()),
        ("vni-in-utf8", "Thanh Hóa, ngày 30 tháng 10 năm 2018")
    );
}

/// Test 5: only some lines are mojibake.
#[test]
fn partial_mojibake_is_repaired_line_by_line() {
    let good = [
        "ỦY BAN NHÂN DÂN TỈNH THANH HÓA",
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
        "Xét đề nghị của Giám đốc Sở Tài nguyên và Môi trường,",
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
    ];
    let bad_src = [
        "Căn cứ Nghị định số 43/2014/NĐ-CP ngày 15 tháng 5 năm 2014 của Chính phủ;",
        "Điều 1. Phê duyệt kế hoạch sử dụng đất năm 2019 của huyện Đông Sơn.",
    ];
    for enc in ["tcvn3-in-utf8", "vni-in-utf8"] {
        let bad: Vec<String> = bad_src
            .iter()
            .map(|l| String::from_utf8(encode(l, enc).unwrap()).unwrap())
            .collect();
        // the last line is genuine but all Latin-1, so it could be read back
        // to bytes: it must stay as it is
        let latin1 = "Ông Tú, bà Lý: cà phê, Déjà vu.";
        let doc = [good[0], good[1], &bad[0], good[2], &bad[1], good[3], latin1].join("\n");
        let d = decode(doc.as_bytes()).unwrap();
        let want = [
            good[0],
            good[1],
            &expected_for(enc, bad_src[0]),
            good[2],
            &expected_for(enc, bad_src[1]),
            good[3],
            latin1,
        ]
        .join("\n");
        assert_eq!(d.encoding, enc);
        assert_eq!(d.text, want);
        let note = d
            .notes
            .iter()
            .find(|n| n.code == "decode.mojibake_repaired")
            .unwrap();
        assert!(note.message.starts_with("2 of 7 "), "{}", note.message);
    }
}

/// The corpus form: a converter dropped TCVN3's 0xAD (U+00AD soft hyphen),
/// which was every `ư`.
#[test]
fn dropped_soft_hyphen_u_is_restored() {
    let text = "Căn cứ Thông tư số 40 của Bộ trưởng, người đứng đầu cơ quan trung ương và \
                địa phương được giao nhiệm vụ hướng dẫn thực hiện như sau: cán bộ nghỉ hưu, \
                số dư tài khoản, lưu trữ hồ sơ ưu tiên, chưa thực hiện thì phải báo cáo Thủ tướng.";
    let mut bytes = encode(text, "tcvn3-in-utf8").unwrap();
    let mojibake = String::from_utf8(bytes.clone())
        .unwrap()
        .replace('\u{AD}', "");
    bytes.clear();
    bytes.extend_from_slice(mojibake.as_bytes());
    let d = decode(&bytes).unwrap();
    assert_eq!(d.encoding, "tcvn3-in-utf8");
    assert_eq!(d.text, tcvn3_fold(text));
    assert!(
        d.notes
            .iter()
            .any(|n| n.code == "decode.dropped_u_restored")
    );
}

/// Without a word that needs it, a short TCVN3 mojibake text keeps `cha`.
#[test]
fn u_restoration_needs_evidence() {
    let d = decode(encode("cha mẹ và con", "tcvn3-in-utf8").unwrap().as_slice()).unwrap();
    assert_eq!(
        (d.encoding, d.text.as_str()),
        ("tcvn3-in-utf8", "cha mẹ và con")
    );
    let mojibake = String::from_utf8(encode("cha mẹ được", "tcvn3-in-utf8").unwrap())
        .unwrap()
        .replace('\u{AD}', "");
    let d = decode(mojibake.as_bytes()).unwrap();
    assert_eq!(d.text, "chưa mẹ được");
}

// ---- Speed (run with --release --ignored --nocapture) ----------------------

#[test]
#[ignore]
fn bench_fast_path() {
    let doc = PARAGRAPH.repeat(8);
    let t = std::time::Instant::now();
    for _ in 0..20_000 {
        std::hint::black_box(decode(std::hint::black_box(doc.as_bytes())).unwrap());
    }
    eprintln!("20000 docs of {} bytes: {:?}", doc.len(), t.elapsed());
}
