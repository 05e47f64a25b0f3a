use super::*;

fn refs_with(text: &str, own: Option<&str>) -> Vec<(Option<String>, String, Option<String>)> {
    let doc = Doc::new(text.to_string());
    let layout = Layout::find(&doc);
    extract(&doc, &layout, own)
        .into_iter()
        .map(|r| (r.kind, r.number, r.date))
        .collect()
}

fn numbers(text: &str) -> Vec<String> {
    refs_with(text, None).into_iter().map(|r| r.1).collect()
}

#[test]
fn accepts_the_ways_documents_are_cited() {
    let table: &[(&str, &[&str])] = &[
        (
            "Thực hiện Công văn số 12358/UBND-THKH ngày 05/10/2018 của UBND tỉnh.",
            &["12358/UBND-THKH"],
        ),
        (
            "Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15;",
            &["72/2025/QH15"],
        ),
        ("Căn cứ Nghị định số 30/2020/NĐ-CP;", &["30/2020/NĐ-CP"]),
        (
            "Thực hiện Kết luận số 212-KL/TW của Bộ Chính trị.",
            &["212-KL/TW"],
        ),
        (
            "theo Quyết định 1234/QĐ-TTg của Thủ tướng.",
            &["1234/QĐ-TTg"],
        ),
        (
            "Căn cứ Luật quản lý, sử dụng tài sản công 15/2017/QH14;",
            &["15/2017/QH14"],
        ),
        // Spaces inside, a label glued to its number, a number over two lines.
        ("Thông báo Kết luận số 99- TB/TW.", &["99-TB/TW"]),
        ("Xét Tờ trình số347/TTr-CP của Chính phủ.", &["347/TTr-CP"]),
        (
            "Báo cáo thẩm tra số\n\n412\n\n/BC-UBPLTP15 ngày",
            &["412/BC-UBPLTP15"],
        ),
        (
            "sửa đổi Thông tư số 57/2021/TT-\nBTC ngày 12/7/2021.",
            &["57/2021/TT-BTC"],
        ),
        // Numbers of companies' letters, also with letters first or no symbol.
        (
            "Trả lời công văn số 1025-CVHQ ngày 10/10/2025.",
            &["1025-CVHQ"],
        ),
        (
            "nhận được công văn số JHDPC/2025/276 của Công ty.",
            &["JHDPC/2025/276"],
        ),
        (
            "Trả lời công văn số 107/2025 ngày 05/11/2025.",
            &["107/2025"],
        ),
        // A list under one type word.
        (
            "tại các công văn số 695/TCHQ-GSQL ngày 05/02/2021, 4032/TCHQ-GSQL ngày 16/8/2021 và 1238/GSQL-GQ2.",
            &["695/TCHQ-GSQL", "4032/TCHQ-GSQL", "1238/GSQL-GQ2"],
        ),
        (
            "Xét Tờ trình số: 421/TTr-STC ngày 29/10/2025, 501/TTr-STC ngày 10/11/2025.",
            &["421/TTr-STC", "501/TTr-STC"],
        ),
    ];
    for (text, want) in table {
        assert_eq!(numbers(text), *want, "{text}");
    }
}

#[test]
fn kind_and_date_of_a_citation() {
    let got = refs_with(
        "Thực hiện Công văn số 12358/UBND-THKH ngày 05/10/2018; Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020; văn bản số 6568/VNPT-NL; Quyết định 1899/QĐ-TTg.",
        None,
    );
    assert_eq!(
        got,
        [
            (
                Some("cong_van".into()),
                "12358/UBND-THKH".into(),
                Some("2018-10-05".into())
            ),
            (
                Some("nghi_dinh".into()),
                "30/2020/NĐ-CP".into(),
                Some("2020-03-05".into())
            ),
            (None, "6568/VNPT-NL".into(), None),
            (Some("quyet_dinh".into()), "1899/QĐ-TTg".into(), None),
        ]
    );
}

#[test]
fn each_document_once_in_order_of_first_mention() {
    let text = "KẾ HOẠCH thực hiện Quyết định số 1899/QĐ-TTG.\nCăn cứ Thông tư số 40/2000/TT-BTC; Quyết định số 1899/QĐ-TTg ngày 01/10/2025.\nTheo Thông tư số 40/2000/TT/BTC.\n";
    let got = refs_with(text, None);
    let listed: Vec<&str> = got.iter().map(|r| r.1.as_str()).collect();
    assert_eq!(listed, ["1899/QĐ-TTG", "40/2000/TT-BTC"]);
    // A later mention gives the date the first one lacked.
    assert_eq!(got[0].2.as_deref(), Some("2025-10-01"));
    // OCR look-alikes in a year are read as digits.
    assert_eq!(
        numbers("Căn cứ Nghị định số 30/2O20/NĐ-CP;"),
        ["30/2020/NĐ-CP"]
    );
    // Cyrillic look-alikes are read as the Latin letters they stand for.
    assert_eq!(
        numbers_in_latin("Thông tư số 06/2022/TT-BТС"),
        ["06/2022/TT-BTC"]
    );
}

fn numbers_in_latin(text: &str) -> Vec<String> {
    numbers(text)
}

#[test]
fn the_documents_own_number_is_no_reference() {
    let text = "Số: 2926/SYT-VP\n\nThực hiện Công văn số 12358/UBND-THKH. (Kèm theo Công văn số 2926/SYT-VP)";
    let got: Vec<String> = refs_with(text, Some("2926/SYT-VP"))
        .into_iter()
        .map(|r| r.1)
        .collect();
    assert_eq!(got, ["12358/UBND-THKH"]);
}

#[test]
fn rejects_what_is_no_document_number() {
    for text in [
        "kê khai theo mẫu số 03/TNDN ban hành kèm theo",
        "câu hỏi mã số 220725-17 của độc giả",
        "đơn phản ánh kiến nghị số PAKN.1761647228267 của ông",
        "Đoàn kiểm tra số 06 đã làm việc",
        "quy hoạch 1/500 của khu đô thị",
        "Tiêu chuẩn TCVN 6909:2001 quy định",
        "+ Số CBCT/1 phòng thi: Không vượt quá 15 người",
        "(Đ/c: Tầng 5, Số 8A-10A, Phường Tân Sơn Hòa)",
        "theo quy định của điều 55 - Pháp lệnh xử lý vi phạm",
        "Nghị định phát hành công trái năm 2003 - Công trái giáo dục",
        "Quyết định số .../QĐ-UBND ngày ... tháng ... năm",
        "ngày 27/6/2025của Bộ Y tế",
        "Thông tư hướng dẫn:\n1- Tổ chức, cá nhân bán hàng hoá.",
    ] {
        assert_eq!(numbers(text), Vec::<String>::new(), "{text}");
    }
}

/// The type-word regex the word-by-word reading replaced, as the reference it must agree
/// with.
static TYPE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    let alternation = TYPE_WORDS
        .iter()
        .map(|n| n.replace(' ', r"\s+"))
        .collect::<Vec<_>>()
        .join("|");
    Regex::new(&format!(r"\b(?:{alternation})\b")).expect("valid regex")
});

fn last_type_word_by_regex(clause: &str) -> Option<(&str, usize)> {
    TYPE_WORD
        .find_iter(clause)
        .filter(|m| !(m.as_str() == "luat" && clause[..m.start()].ends_with("phap ")))
        .last()
        .map(|m| (m.as_str(), m.end()))
}

#[test]
fn type_words_read_word_by_word_agree_with_the_regex() {
    for clause in [
        "",
        "luat",
        "phap luat",
        "theo phap luat ve thue va luat dat dai",
        "thong bao ket luan cua bo chinh tri",
        "thong  bao\nket\tluan",
        "thong bao ket",
        "van ban hop nhat va van ban",
        "giay moi hop va giay",
        "ban thoa thuan, ban cam ket",
        "bo luat dan su",
        "xluat luatx _luat luat_ 1luat",
        "quyet dinhso",
        "nghi quyet lien tich nghi quyet",
        "thong tu lien\x0btich",
        "to trinh\u{1c}so",
        "cong van cong dien cong",
    ] {
        assert_eq!(
            last_type_word(clause),
            last_type_word_by_regex(clause),
            "{clause:?}"
        );
    }
}

proptest::proptest! {
    #[test]
    fn type_words_agree_with_the_regex_on_any_clause(
        pieces in proptest::collection::vec(
            proptest::sample::select(&[
                "luat", "phap", "bo", "thong", "bao", "ket", "luan", "tu", "lien", "tich",
                "van", "ban", "hop", "nhat", "giay", "moi", "so", "tay", "don", "x", "_",
                " ", "  ", "\n", "\t", "\x0b", ",", ".", ";", "1", "/",
            ][..]),
            0..24,
        )
    ) {
        let clause: String = pieces.concat();
        proptest::prop_assert_eq!(last_type_word(&clause), last_type_word_by_regex(&clause));
    }
}

#[test]
fn byte_tests_agree_with_the_str_ones() {
    for b in 0..=127u8 {
        assert_eq!(is_blank(b), char::from(b).is_whitespace(), "{b}");
    }
    for before in [
        "so",
        "cong van so",
        "so:",
        "so :",
        "van ban so. ",
        "ma so",
        "xso ",
        "so\n\t",
        "_so ",
        "s",
        "",
        " so",
        "so::",
        "1so",
    ] {
        let want = before.ends_with("so") || {
            let rest = before.trim_end();
            let rest = rest.strip_suffix([':', '.']).unwrap_or(rest).trim_end();
            rest.strip_suffix("so").is_some_and(|head| {
                !head
                    .bytes()
                    .next_back()
                    .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_')
            })
        };
        assert_eq!(ends_with_so(before.as_bytes()), want, "{before:?}");
    }
    for text in ["", "a b", " a  b\n c ", "\x0b a\x1c b", "one"] {
        assert_eq!(
            count_words(text.as_bytes()),
            text.split_whitespace().count(),
            "{text:?}"
        );
    }
}

#[test]
fn numbers_cited_reads_pass_the_key_test() {
    for text in [
        "12358/UBND-THKH ngày",
        "99- TB/TW",
        "…05…./2006/ QĐ-UBND",
        "412\n/BC-UBPLTP15",
        "2O18/QĐ-UBND",
        "12 _ /UBND–VP",
        "lO/2020/NĐ—CP",
    ] {
        let joined = join_wrapped(text);
        if cited(&joined).is_some() {
            assert!(
                could_open_number(crate::fold::fold(text).as_bytes()),
                "{text:?}"
            );
        }
    }
    assert!(!could_open_number(b"3 nam 2025"));
    assert!(!could_open_number(b"so 12"));
}

proptest::proptest! {
    #[test]
    fn whatever_cited_reads_passes_the_key_test(
        pieces in proptest::collection::vec(
            proptest::sample::select(&[
                "1", "20", "O", "o", "D", "đ", "l", "I", "i", "|", "s", "S", "ò", "/", "-",
                "–", "—", "‐", "‑", "‒", " ", "\t", "\n", ".", "…", "_", "QĐ", "UBND", "&",
                ",", "a",
            ][..]),
            0..12,
        )
    ) {
        let text: String = pieces.concat();
        if cited(&join_wrapped(&text)).is_some() {
            proptest::prop_assert!(could_open_number(crate::fold::fold(&text).as_bytes()));
        }
    }
}

/// The mention key as first written: upper case via a collected string, then the symbol's
/// `/` replaced.
fn dedup_key_by_strings(value: &str) -> String {
    let upper: String = crate::grammar::latin_look_alikes(value)
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c == 'Đ' || c == 'đ' { 'D' } else { c })
        .flat_map(char::to_uppercase)
        .collect();
    match upper.find(['/', '-']) {
        Some(sep) => format!(
            "{}{}",
            &upper[..sep + 1],
            upper[sep + 1..].replace('/', "-")
        ),
        None => upper,
    }
}

#[test]
fn mention_keys_agree_with_the_string_version() {
    for value in [
        "12358/UBND-THKH",
        "40/2000/TT/BTC",
        "99- TB/TW",
        "1899/QĐ-TTg",
        "06/2022/TT-BТС",
        "JHDPC/2025/276",
        "212-KL/TW",
        "ßx/ǆ-ﬁ",
        "",
        "107",
    ] {
        assert_eq!(dedup_key(value), dedup_key_by_strings(value), "{value:?}");
    }
}

proptest::proptest! {
    #[test]
    fn the_word_test_lets_through_every_word_after_so(
        pieces in proptest::collection::vec(
            proptest::sample::select(&[
                "so", "o", "s", "x", ":", ".", " ", "\n", "\t", "\x0b", "1", "ma", "_", "-",
            ][..]),
            0..16,
        )
    ) {
        let key = format!("{}a", pieces.concat());
        let pos = key.len() - 1;
        if ends_with_so(&key.as_bytes()[pos.saturating_sub(200)..pos]) {
            proptest::prop_assert!(may_open_citation(key.as_bytes(), pos));
        }
    }
}

/// The caption of an annex after the signature names the document itself, also when the
/// page with its own number is missing; the same words in the body cite another document.
#[test]
fn an_annex_caption_after_the_signature_is_no_reference() {
    let text = "Điều 3. Thực hiện Kế hoạch số 12/KH-UBND ngày 02/3/2024.\n\nNơi nhận:\n- Lưu: VT.\n\nCHỦ TỊCH\n\nNguyễn Văn A\n\nPHỤ LỤC\n(Kèm theo Quyết định số 2145/QĐ-UBND\nngày 28/10/2024 của UBND huyện)\n1. Ông B.\n";
    assert_eq!(numbers(text), ["12/KH-UBND"]);
}
