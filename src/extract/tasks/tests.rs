use super::*;

/// A công văn heading; bodies below are composed for one variant each.
const HEAD: &str = "SỞ Y TẾ\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nSố: 12/SYT-VP\nV/v triển khai nhiệm vụ\n\nThanh Hóa, ngày 30 tháng 10 năm 2018\n\nKính gửi: Các đơn vị trực thuộc\n\n";
const TAIL: &str = "\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\nGIÁM ĐỐC\n\nNguyễn Văn A\n";

fn tasks(body: &str) -> Vec<(String, String)> {
    let doc = Doc::new(format!("{HEAD}{body}{TAIL}"));
    let layout = Layout::find(&doc);
    find(&doc, &layout)
        .into_iter()
        .map(|item| (item.label, item.text))
        .collect()
}

fn labels(body: &str) -> Vec<String> {
    tasks(body).into_iter().map(|t| t.0).collect()
}

#[test]
fn arabic_items_with_their_sub_items() {
    let body = "Thực hiện Công văn số 1/UBND, Giám đốc Sở chỉ đạo:\n\n1. Yêu cầu các đơn vị xây dựng kế hoạch.\na) Phân tích nguyên nhân;\nb) Đề ra giải pháp.\n\n2. Giao Văn phòng\ntổng hợp kết quả.\n\nTrân trọng./.\n";
    assert_eq!(
        tasks(body),
        [
            (
                "1".to_string(),
                "Yêu cầu các đơn vị xây dựng kế hoạch. a) Phân tích nguyên nhân; b) Đề ra giải pháp"
                    .to_string()
            ),
            ("2".to_string(), "Giao Văn phòng tổng hợp kết quả".to_string()),
        ]
    );
}

#[test]
fn outermost_scheme_wins() {
    let table: &[(&str, &[&str])] = &[
        // Roman sections over Arabic sub-items, `I-` and `III/` forms too.
        (
            "I. MỤC ĐÍCH\n1. Mục đích\n2. Yêu cầu\nII- NỘI DUNG\n1. Nội dung\nIII/ TỔ CHỨC\nCác đơn vị thực hiện.\n",
            &["I", "II", "III"],
        ),
        // Articles over the chapters and Roman sections grouping them.
        (
            "QUYẾT ĐỊNH:\nChương I\nQUY ĐỊNH CHUNG\nĐiều 1. Phạm vi\n1. Quy định này.\nII. NỘI DUNG\nĐiều 2. Đối tượng\na) Cơ quan.\nĐiều 3. Hiệu lực\n",
            &["Điều 1", "Điều 2", "Điều 3"],
        ),
        // Only lettered points.
        (
            "Đề nghị:\na) Rà soát hồ sơ;\nb) Báo cáo kết quả;\nđ) Lưu trữ.\n",
            &["a", "b"],
        ),
        // A number split from its text by a line break.
        (
            "1.\nGiảm tối đa số\ntrẻ bị bỏ rơi.\n2.\nBảo đảm mọi trẻ.\n",
            &["1", "2"],
        ),
        // Roman numbering that starts at II, as written.
        (
            "II. MỤC ĐÍCH\nNội dung.\nIII. NỘI DUNG\nNội dung.\n",
            &["II", "III"],
        ),
        // One item is still a list (a document cut after it).
        (
            "1. Đề cao trách nhiệm người đứng đầu.\n- Báo cáo kết quả.\n",
            &["1"],
        ),
    ];
    for (body, want) in table {
        assert_eq!(labels(body), *want, "{body}");
    }
}

#[test]
fn split_and_unnumbered_article_labels() {
    let body = "QUYẾT NGHỊ:\nĐiều 1.\nSắp xếp các đơn vị.\nĐiều\n2. Quy định mức học phí\nĐiều 2a\n[3].\n1. Thực hiện chế độ.\nĐiều\n. Hiệu lực thi hành\nNghị quyết có hiệu lực.\n";
    let got = tasks(body);
    let labels: Vec<&str> = got.iter().map(|t| t.0.as_str()).collect();
    assert_eq!(labels, ["Điều 1", "Điều 2", "Điều 2a", "Điều 3"]);
    assert_eq!(got[3].1, "Hiệu lực thi hành Nghị quyết có hiệu lực");
    assert_eq!(got[2].1, "1. Thực hiện chế độ");
}

#[test]
fn rejects_numbering_that_is_not_the_documents() {
    let table: &[(&str, &[&str])] = &[
        // Clauses of a quoted provision.
        (
            "Tại Điều 26 Nghị định quy định:\n“Điều 26. Đơn giá thuê đất\n1. Trường hợp thuê đất\na) Tỷ lệ phần trăm;\nb) Giá đất.”\nĐề nghị Công ty thực hiện.\n",
            &[],
        ),
        // A quotation left unclosed, then another one.
        (
            "quy định:\n“Điều 30. Tính tiền\n1. Đối với trường hợp\nTại khoản 10 quy định:\n“Điều 51. Chuyển tiếp\n10. Trường hợp thuê đất.”\n",
            &[],
        ),
        // A lone opening quote and an inner quoted term.
        (
            "quy định:\n“\nĐiều 5. Các bên\n1. Các bên (gọi là “bên liên kết”) là\n2. Các bên khác.”\n",
            &[],
        ),
        // An unquoted cited article and its clauses.
        (
            "+ Tại Điều 2 quy định hiệu lực thi hành như sau:\nĐiều 2. Hiệu lực thi\nhành\n1. Nghị định này có hiệu lực.\n",
            &[],
        ),
        // Out of sequence: a list must open with its first number.
        ("5... Việc miễn tiền sử dụng đất.\n9... Việc giảm.\n", &[]),
        // Table cells and lone Roman numerals are no sections.
        ("TT\nNội dung\nI\nĐại học\nII\nSau đại học\n", &[]),
        // Numbers that only look like labels.
        (
            "Năm học\n2025. Mức thu 10.000 đồng.\n1.5 lần mức lương.\n",
            &[],
        ),
    ];
    for (body, want) in table {
        assert_eq!(labels(body), *want, "{body}");
    }
}

#[test]
fn own_items_after_a_quoted_provision() {
    let body = "- Khoản 1 Điều 8 Nghị quyết có quy định:\n“Điều 8. Về quản lý\n1. Việc hỗ trợ\na) Miễn thuế;\n…”\n1. Về khai thuế TNDN:\nNNT kê khai loại “Thu nhập được miễn thuế theo Nghị quyết\nvào danh mục “Thu nhập miễn thuế ...” để thuận tiện.\n2. Về khai thuế TNCN:\nHiện nay cá nhân kê khai.\n";
    assert_eq!(labels(body), ["1", "2"]);
}

#[test]
fn closing_sentences_and_group_headings_are_left_out() {
    let body = "1. Giao Văn phòng tổng hợp.\n\nTrên đây là chỉ đạo của Sở./.\n";
    assert_eq!(tasks(body)[0].1, "Giao Văn phòng tổng hợp");
    let body = "1. Giao Văn phòng tổng hợp.\nVăn phòng Chính phủ xin trân trọng thông báo./.\n";
    assert_eq!(tasks(body)[0].1, "Giao Văn phòng tổng hợp");
    let body = "1. Các đơn vị chịu trách nhiệm thi hành Quyết định này./.\n";
    assert_eq!(
        tasks(body)[0].1,
        "Các đơn vị chịu trách nhiệm thi hành Quyết định này"
    );
    let body = "Điều 1. Phạm vi\nNội dung một.\nChương II\nTỔ CHỨC THỰC HIỆN\nĐiều 2. Hiệu lực\nNội dung hai.\n";
    assert_eq!(tasks(body)[0].1, "Phạm vi Nội dung một");
}

/// The text under a heading on the label's line is the item's own, even when it opens
/// like a closing sentence; biên bản and Party closing formulas end the last item.
#[test]
fn text_under_a_heading_is_not_a_closing() {
    let body = "Điều 1. Phạm vi\nNội dung một.\nĐiều 2. Sửa đổi, bổ sung\nTrong quá trình thực hiện, nếu có vướng mắc, báo cáo Sở./.\n";
    assert_eq!(
        tasks(body)[1].1,
        "Sửa đổi, bổ sung Trong quá trình thực hiện, nếu có vướng mắc, báo cáo Sở"
    );
    let body = "I. TÌNH HÌNH\nNội dung.\nII. KẾT LUẬN\n\nTrong quá trình triển khai, các đơn vị chủ động phối hợp.\n";
    assert_eq!(
        tasks(body)[1].1,
        "KẾT LUẬN Trong quá trình triển khai, các đơn vị chủ động phối hợp"
    );
    // After a finished sentence it is still the closing.
    let body =
        "1. Giao Văn phòng tổng hợp.\nTrong quá trình thực hiện, nếu có vướng mắc, báo cáo Sở./.\n";
    assert_eq!(tasks(body)[0].1, "Giao Văn phòng tổng hợp");
    let body =
        "1. Giao Văn phòng tổng hợp.\n\nCuộc họp kết thúc vào lúc 16 giờ 30 phút cùng ngày./.\n";
    assert_eq!(tasks(body)[0].1, "Giao Văn phòng tổng hợp");
    let body = "1. Giao Văn phòng tổng hợp.\n\nThông tri này phổ biến đến chi bộ.\n";
    assert_eq!(tasks(body)[0].1, "Giao Văn phòng tổng hợp");
}

/// A request to all addressees ends the body as its own paragraph with `./.` (dev-009's
/// `Ban Giám hiệu yêu cầu các đơn vị …`); the same words inside the item stay its own.
#[test]
fn a_closing_request_is_not_the_last_item() {
    let body = "1. Giao Văn phòng tổng hợp.\n2. Các khoa lập danh sách.\n\nĐề nghị các đơn vị thực hiện đúng thời gian quy định. Sau thời hạn trên, Nhà trường không giải quyết./.\n";
    assert_eq!(tasks(body)[1].1, "Các khoa lập danh sách");
    let body = "1. Giao Văn phòng tổng hợp.\n\n---\n\nBan Giám hiệu yêu cầu các đơn vị chủ động phối hợp thực hiện./.\n";
    assert_eq!(tasks(body)[0].1, "Giao Văn phòng tổng hợp");
    // Not the body's last paragraph, not ended by `./.`, or inside a sentence: the item's.
    for (body, text) in [
        (
            "1. Giao Văn phòng tổng hợp.\nĐề nghị các đơn vị phối hợp.\n\nCác khoa báo cáo./.\n",
            "Giao Văn phòng tổng hợp. Đề nghị các đơn vị phối hợp. Các khoa báo cáo",
        ),
        (
            "1. Giao Văn phòng tổng hợp.\nĐề nghị các đơn vị phối hợp.\n",
            "Giao Văn phòng tổng hợp. Đề nghị các đơn vị phối hợp",
        ),
        (
            "1. Giao Văn phòng tổng hợp, Sở\nđề nghị các đơn vị phối hợp./.\n",
            "Giao Văn phòng tổng hợp, Sở đề nghị các đơn vị phối hợp",
        ),
    ] {
        assert_eq!(tasks(body)[0].1, text, "{body:?}");
    }
}

#[test]
fn roman_numerals() {
    for (s, n) in [
        ("i", 1),
        ("iv", 4),
        ("vi", 6),
        ("ix", 9),
        ("xiv", 14),
        ("xl", 40),
    ] {
        assert_eq!(roman(s), Some(n), "{s}");
    }
    for s in ["iiii", "vv", "iix", "", "ic"] {
        assert_eq!(roman(s), None, "{s}");
    }
}

/// The label regexes the byte readers replaced, as the reference they must agree with.
static ROMAN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([ivxl]{1,6})\s*[.\-/:)]").expect("valid regex"));
static ARABIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:([0-9oli]{1,2})\s*[.)](?:[^0-9]|$)|([0-9]{1,2})\s*[/-] )")
        .expect("valid regex")
});

fn labels_agree(key: &str) {
    let roman_by_regex = ROMAN
        .captures(key)
        .map(|c| (c.get(1).unwrap().end(), c.get(0).unwrap().end()));
    assert_eq!(roman_label(key), roman_by_regex, "{key:?}");
    let arabic_by_regex = ARABIC
        .captures(key)
        .map(|c| c.get(1).or(c.get(2)).unwrap().end());
    assert_eq!(arabic_label(key), arabic_by_regex, "{key:?}");
    let number_by_string = || {
        if !key.bytes().any(|b| b.is_ascii_digit()) {
            return None;
        }
        let digits: String = key.chars().map(ocr_digit).collect::<Option<_>>()?;
        digits.parse::<u32>().ok()
    };
    assert_eq!(ocr_number(key), number_by_string(), "{key:?}");
}

#[test]
fn label_readers_agree_with_the_regexes() {
    for key in [
        "",
        "i.",
        "ii -",
        "iii/",
        "iv:",
        "v)",
        "vi  .",
        "xlviii.",
        "xlviiii.",
        "viec",
        "i",
        "l.",
        "1.",
        "1. a",
        "12)",
        "123.",
        "1.5",
        "1 .x",
        "o1.",
        "l0)",
        "1.\u{b}",
        "1\x0b.",
        "2.3",
        "1",
        "li.",
        "ol.",
        "4294967295",
        "99999999999",
        "0",
    ] {
        labels_agree(key);
    }
}

proptest::proptest! {
    #[test]
    fn label_readers_agree_on_any_line(
        pieces in proptest::collection::vec(
            proptest::sample::select(&[
                "i", "v", "x", "l", "o", "1", "9", "0", ".", "-", "/", ":", ")", " ", "\t",
                "\x0b", "a", "~",
            ][..]),
            0..10,
        )
    ) {
        labels_agree(&pieces.concat());
    }
}

/// Typewritten and old Party texts number their items `1/ …` and `1- …`; a fraction or a
/// range opening a line is no label.
#[test]
fn typewriter_slash_and_hyphen_labels() {
    let body = "Uỷ ban nhân dân huyện yêu cầu:\n\n1/ Trung tâm Y tế lập kế hoạch.\n\n2/ Các xã lập danh sách.\n\nTrân trọng./.\n";
    assert_eq!(labels(body), ["1", "2"]);
    let body = "Ban Thường vụ yêu cầu:\n\n1- Các đảng uỷ quán triệt.\n\n2- Uỷ ban nhân dân huyện chỉ đạo.\n\nTrân trọng./.\n";
    assert_eq!(labels(body), ["1", "2"]);
    let body = "Kết quả như sau:\n1/2 số hộ đã nộp thuế.\n3-5 ngày sau mới có số liệu.\n";
    assert!(labels(body).is_empty());
}

/// The old label `Nơi gửi:` ends the last article when no closing formula does.
#[test]
fn last_article_stops_at_noi_gui() {
    let text = "BỘ TÀI CHÍNH\n\nCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nSố: 12/2001/QĐ-BTC\n\nQUYẾT ĐỊNH\nVề việc ban hành chế độ kế toán\n\nĐiều 1: Ban hành chế độ kế toán.\n\nĐiều 2: Chánh Văn phòng Bộ chịu trách nhiệm thi hành\nNơi gửi:\n- Như Điều 2;\n- Lưu VP.\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\n\nTrần Văn A\n";
    let doc = Doc::new(text.to_string());
    let items = find(&doc, &Layout::find(&doc));
    let last = items.last().expect("two articles");
    assert_eq!(last.label, "Điều 2");
    assert_eq!(last.text, "Chánh Văn phòng Bộ chịu trách nhiệm thi hành");
}

/// A later page without heading, opening mid-sentence: its articles go on from the missing
/// pages (`Điều 3`, `Điều 4`), and the annex's rows after the signature are not items.
#[test]
fn a_later_page_s_articles_start_where_the_page_does() {
    let text = "   3\nvà báo cáo về Phòng trước ngày 15/11/2024.\n\nĐiều 3. Quyết định này có hiệu lực kể từ ngày ký.\n\nĐiều 4. Chánh Văn phòng chịu trách nhiệm thi hành./.\n\nNơi nhận:\n- Như Điều 4;\n- Lưu: VT.\n\nCHỦ TỊCH\n\nNguyễn Văn A\n\nPHỤ LỤC\n1. Ông B;\n2. Bà C.\n";
    let doc = Doc::new(text.to_string());
    let layout = Layout::find(&doc);
    assert!(layout.continued);
    let got: Vec<String> = find(&doc, &layout).into_iter().map(|i| i.label).collect();
    assert_eq!(got, ["Điều 3", "Điều 4"]);
    // With its heading, a document's articles must still open with Điều 1.
    let whole = format!("{HEAD}Điều 3. Quy định tại khoản 2.\n\nĐiều 4. Hiệu lực.\n{TAIL}");
    let doc = Doc::new(whole);
    let layout = Layout::find(&doc);
    assert!(!layout.continued);
    assert!(
        find(&doc, &layout)
            .iter()
            .all(|i| !i.label.starts_with("Điều"))
    );
}

/// The adoption sentence printed after the last article of a law or resolution
/// (`Nghị quyết này đã được … thông qua ngày …`) is a closing, not the article's text;
/// as the article's own first line (under a heading on the label's line) it stays.
#[test]
fn the_adoption_sentence_is_not_the_last_article() {
    let body = "Điều 1. Phạm vi\nNội dung một.\nĐiều 2. Hiệu lực thi hành\n1. Nghị quyết này có hiệu lực từ ngày 01 tháng 8 năm 2024.\n\nNghị quyết này đã được Hội đồng nhân dân tỉnh Vân Sơn khóa XVII, Kỳ họp thứ mười chín thông qua ngày 10 tháng 7 năm 2024./.\n";
    assert_eq!(
        tasks(body)[1].1,
        "Hiệu lực thi hành 1. Nghị quyết này có hiệu lực từ ngày 01 tháng 8 năm 2024"
    );
    let body = "Điều 1. Phạm vi\nNội dung một.\nĐiều 2. Hiệu lực thi hành\nNghị quyết này đã được Hội đồng nhân dân tỉnh thông qua ngày 11 tháng 12 năm 2024 và có hiệu lực từ ngày ký.\n";
    assert_eq!(
        tasks(body)[1].1,
        "Hiệu lực thi hành Nghị quyết này đã được Hội đồng nhân dân tỉnh thông qua ngày 11 tháng 12 năm 2024 và có hiệu lực từ ngày ký"
    );
    // Wrapped over two lines, in italics.
    let body = "Điều 1. Phạm vi\nNội dung một.\nĐiều 2. Hiệu lực thi hành\nNghị quyết có hiệu lực từ ngày ký.\n*Nghị quyết này đã được Hội đồng nhân dân thành\nphố khóa XVI, kỳ họp thứ 28 thông qua ngày 27 tháng 11 năm 2025./.*\n";
    assert_eq!(
        tasks(body)[1].1,
        "Hiệu lực thi hành Nghị quyết có hiệu lực từ ngày ký"
    );
    // The opening words alone on their line, `thông` / `qua` split by the wrap.
    let body = "Điều 1. Phạm vi\nNội dung một.\nĐiều 2. Tổ chức thực hiện\n1. Giao Ủy ban nhân dân.\n\n*Nghị quyết này đã được\nHội đồng nhân dân thành phố khóa VIII, Kỳ họp thứ 28 thông\nqua ngày 18 tháng 11 năm 2025./.*\n";
    assert_eq!(
        tasks(body)[1].1,
        "Tổ chức thực hiện 1. Giao Ủy ban nhân dân"
    );
    // Numbered items are not articles: the same words there are left to the item.
    let body = "1. Giao Văn phòng tổng hợp.\nNghị quyết này đã được Hội đồng nhân dân tỉnh thông qua ngày 10 tháng 7 năm 2024.\n";
    assert!(
        tasks(body)[0]
            .1
            .ends_with("thông qua ngày 10 tháng 7 năm 2024")
    );
}
