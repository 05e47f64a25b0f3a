use super::*;
use crate::extract::tasks;

const ISSUED: IssueDate = IssueDate {
    year: 2018,
    month: 10,
    day: Some(30),
};

fn deadlines_in(body: &str, issued: Option<IssueDate>) -> Vec<Found> {
    let text = format!(
        "SỞ Y TẾ\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nSố: 12/SYT-VP\nV/v báo cáo\n\nThanh Hóa, ngày 30 tháng 10 năm 2018\n\nKính gửi: Các đơn vị\n\n{body}\nNơi nhận:\n- Lưu: VT.\n\nGIÁM ĐỐC\n\nNguyễn Văn A\n"
    );
    let doc = Doc::new(text);
    let layout = Layout::find(&doc);
    let items = tasks::find(&doc, &layout);
    extract(&doc, &layout, issued, None, &items)
}

fn dates(body: &str) -> Vec<Option<String>> {
    deadlines_in(body, Some(ISSUED))
        .into_iter()
        .map(|f| f.deadline.date)
        .collect()
}

#[test]
fn accepts_the_ways_a_limit_is_written() {
    let table: &[(&str, &[&str], &str)] = &[
        (
            "Gửi về Sở trước ngày 10/11/2018.",
            &["2018-11-10"],
            "trước ngày 10/11/2018",
        ),
        (
            "Báo cáo trước ngày 30 tháng 11 năm 2018.",
            &["2018-11-30"],
            "trước ngày 30 tháng 11 năm 2018",
        ),
        (
            "Gửi báo cáo chậm nhất là ngày 25/11/2018 để tổng hợp.",
            &["2018-11-25"],
            "chậm nhất là ngày 25/11/2018",
        ),
        (
            "Nộp hồ sơ trước 17 giờ ngày 05/12/2018.",
            &["2018-12-05"],
            "trước 17 giờ ngày 05/12/2018",
        ),
        (
            "Thời gian nộp: từ 9:00 ngày 01/11/2018 trước 16:00 ngày 13/11/2018.",
            &["2018-11-13"],
            "trước 16:00 ngày 13/11/2018",
        ),
        (
            "Kết thúc trước ngày 31/12/2018.",
            &["2018-12-31"],
            "trước ngày 31/12/2018",
        ),
        (
            "Các đơn vị hoàn thành trong tháng 12/2018.",
            &["2018-12"],
            "hoàn thành trong tháng 12/2018",
        ),
        (
            "Báo cáo Thủ tướng trong tháng 11 năm 2018.",
            &["2018-11"],
            "trong tháng 11 năm 2018",
        ),
        (
            "Tháo gỡ khó khăn xong cuối tháng 12 năm 2018.",
            &["2018-12"],
            "cuối tháng 12 năm 2018",
        ),
        (
            "Thời hạn nộp hồ sơ: Từ 9/11/2018 đến 13/11/2018.",
            &["2018-11-13"],
            "Thời hạn nộp hồ sơ: Từ 9/11/2018 đến 13/11/2018",
        ),
        (
            "Thời hạn nộp: từ ngày 9/11/2018 đến\nngày 13/11/2018.",
            &["2018-11-13"],
            "Thời hạn nộp: từ ngày 9/11/2018 đến ngày 13/11/2018",
        ),
        (
            "Thời gian thực hiện: Tháng 12/2018.",
            &["2018-12"],
            "Thời gian thực hiện: Tháng 12/2018",
        ),
        (
            "Hạn cuối ngày 15/11/2018.",
            &["2018-11-15"],
            "Hạn cuối ngày 15/11/2018",
        ),
    ];
    for (body, want, text) in table {
        let found = deadlines_in(body, Some(ISSUED));
        let got: Vec<&str> = found
            .iter()
            .filter_map(|f| f.deadline.date.as_deref())
            .collect();
        assert_eq!(got, *want, "{body}");
        assert_eq!(found[0].deadline.text, *text, "{body}");
    }
}

#[test]
fn a_day_and_month_take_the_issue_year() {
    assert_eq!(dates("Gửi trước ngày 10/11."), [Some("2018-11-10".into())]);
    // Before the issue date: the next year's.
    assert_eq!(dates("Gửi trước ngày 15/01."), [Some("2019-01-15".into())]);
    assert_eq!(
        dates("Báo cáo trước ngày 05 tháng 12."),
        [Some("2018-12-05".into())]
    );
    // Without an issue date there is nothing to resolve it by.
    let found = deadlines_in("Gửi trước ngày 10/11.", None);
    assert_eq!(found[0].deadline.date, None);
    assert_eq!(found[0].undated, Some(Undated::Imprecise));
}

#[test]
fn recurring_limits_have_no_date() {
    for body in [
        "Báo cáo trước ngày 25 hằng tháng.",
        "Tổng hợp báo cáo trước ngày 15/12 hàng năm.",
        "Định kỳ hằng năm (trước ngày 30 tháng 11) báo cáo kết quả.",
        "Báo cáo trước ngày 31 tháng 01 của năm sau liền kề.",
        "Báo cáo số ca bệnh nhập viện trước 16 giờ hằng ngày.",
        "Gửi số liệu trước 9 giờ thứ Hai hằng tuần.",
    ] {
        let found = deadlines_in(body, Some(ISSUED));
        assert_eq!(found.len(), 1, "{body}");
        assert_eq!(found[0].deadline.date, None, "{body}");
        assert_eq!(found[0].undated, Some(Undated::Recurring), "{body}");
        let codes: Vec<String> = warnings(&found, Some(ISSUED))
            .into_iter()
            .map(|w| w.code)
            .collect();
        assert_eq!(codes, [warning::DEADLINE_RECURRING], "{body}");
    }
}

#[test]
fn year_or_quarter_limits_have_no_date() {
    for body in [
        "Hoàn thành trong năm 2019.",
        "Báo cáo Thủ tướng Chính phủ trong quý I năm 2019.",
        "1. Xây dựng phần mềm. Thời gian hoàn thành: Quý II/2019.",
        "STT\tNội dung\tThời hạn hoàn thành\n1\tXây dựng phần mềm\tQuý I/2019\n",
    ] {
        let found = deadlines_in(body, Some(ISSUED));
        assert_eq!(found.len(), 1, "{body}");
        assert_eq!(found[0].undated, Some(Undated::Imprecise), "{body}");
    }
}

#[test]
fn rejects_dates_that_are_no_limits() {
    for body in [
        // Cited documents, issue and effective dates, start dates, past events.
        "Thực hiện Công văn số 12358/UBND-THKH ngày 05/10/2018 của UBND tỉnh.",
        "Quyết định này có hiệu lực từ ngày 01/01/2019.",
        "Áp dụng từ ngày 01 tháng 12 năm 2018.",
        "Ngày 14 tháng 11 năm 2018, Phó Thủ tướng đã làm việc.",
        "Trong tháng 9/2018, các đơn vị đã triển khai.",
        // Limits already past on the issue date.
        "Công chức đã được bổ nhiệm trước ngày 30 tháng 6 năm 2018 thì không phải học.",
        "Ghi nhận thời gian đã đóng bảo hiểm trước ngày 01 tháng 12 năm 2018.",
        "Đã chỉ đạo các đơn vị khẩn trương hoàn thành việc cập nhật, trước ngày 30/10/2018.",
        // A period, not a limit.
        "Mức phí được áp dụng từ nay đến hết tháng 12 năm 2018.",
        // Relative limits name no date.
        "Chậm nhất là 03 ngày làm việc sau khi nhận hồ sơ.",
        "Trước ngày Nghị định này có hiệu lực.",
    ] {
        assert_eq!(dates(body), Vec::<Option<String>>::new(), "{body}");
    }
}

#[test]
fn a_late_demand_is_kept_and_flagged() {
    let found = deadlines_in(
        "Các đơn vị gửi báo cáo về Sở trước ngày 20/10/2018.",
        Some(ISSUED),
    );
    assert_eq!(found.len(), 1);
    assert!(found[0].before_issue);
    let codes: Vec<String> = warnings(&found, Some(ISSUED))
        .into_iter()
        .map(|w| w.code)
        .collect();
    assert_eq!(codes, [warning::DEADLINE_BEFORE_ISSUE]);
}

#[test]
fn deadlines_know_their_task() {
    let body = "Giám đốc Sở chỉ đạo:\n\n1. Gửi văn bản trước ngày 10/11/2018.\n\n2. Giao Văn phòng báo cáo trước ngày 20/11/2018.\n";
    let found = deadlines_in(body, Some(ISSUED));
    let tasks: Vec<Option<&str>> = found.iter().map(|f| f.deadline.task.as_deref()).collect();
    assert_eq!(tasks, [Some("1"), Some("2")]);
    let outside = deadlines_in("Gửi trước ngày 10/11/2018.", Some(ISSUED));
    assert_eq!(outside[0].deadline.task, None);
}

#[test]
fn table_column_of_limits() {
    let body = "TT\nNhiệm vụ\nThời hạn hoàn thành\n1\nXây dựng quy chế\nTháng 12/2018\n2\nRà soát quy trình\n31/12/2018\n";
    assert_eq!(
        dates(body),
        [Some("2018-12".into()), Some("2018-12-31".into())]
    );
}

#[test]
fn table_column_of_limits_in_rows() {
    // Cells joined by tabs: the cell under the header, whatever the other columns hold;
    // a quarter is a limit without a date.
    let tabbed = "STT\tNhiệm vụ\tĐơn vị chủ trì\tThời hạn hoàn thành\n1\tXây dựng quy chế\tVăn phòng\tTháng 12/2018\n2\tRà soát quy trình 15/11\tSở Nội vụ\t31/12/2018\n3\tKiểm tra\tThanh tra\tQuý IV/2018\n";
    assert_eq!(
        dates(tabbed),
        [Some("2018-12".into()), Some("2018-12-31".into()), None]
    );
    // Columns aligned with spaces (pdftotext -layout), rows wrapped onto continuation
    // lines; running text across the column ends the table.
    let aligned = concat!(
        " STT   Nội dung công việc        Đơn vị chủ trì     Thời gian hoàn thành\n",
        " 1.    Rà soát quy trình         Phòng QLCL         Tháng 12/2018\n",
        "       chuyên môn\n",
        " 2.    Hoàn thiện hồ sơ          Phòng QLCL         15/11/2018\n",
        "\n",
        " Các khoa, phòng thực hiện nghiêm túc; họp rút kinh nghiệm ngày       20/12/2018\n",
    );
    assert_eq!(
        dates(aligned),
        [Some("2018-12".into()), Some("2018-11-15".into())]
    );
}

#[test]
fn a_report_s_completion_column_is_past() {
    // A report lists when works were completed: dates before the issue date.
    let body =
        "STT\tCông trình\tThời gian hoàn thành\n1\tNhà ông A\t25/4/2018\n2\tNhà bà B\t14/6/2018\n";
    assert_eq!(dates(body), Vec::<Option<String>>::new());
    // quarters too: one over before the issue date is a finished period
    let body = "STT\tCông trình\tThời gian hoàn thành\n1\tNhà ông A\tQuý II/2018\n";
    assert!(deadlines_in(body, Some(ISSUED)).is_empty());
}

/// The date of a limit is the last character of its match: the capture search the
/// passes once ran finds the same starts.
fn agree(key: &str) {
    let by_captures: Vec<(usize, usize)> = LIMIT
        .captures_iter(key)
        .filter_map(|c| Some((c.get(0)?.start(), c.name("date")?.start())))
        .collect();
    let by_matches: Vec<(usize, usize)> = LIMIT
        .find_iter(key)
        .map(|m| (m.start(), m.end() - 1))
        .collect();
    assert_eq!(by_matches, by_captures, "{key:?}");
}

#[test]
fn limit_dates_open_at_the_last_digit_of_a_match() {
    for key in [
        "",
        "gui truoc ngay 10/11/2018.",
        "truoc15/10 va truoc 16/10",
        "cham nhat la vao ngay 5, muon nhat 6, han chot 7; han cuoi la 8",
        "khong muon hon 17 gio ngay 20/11",
        "truoc luc 9h30 sang, ngay 3/4",
        "truoc 17 gio 30 phut chieu, ngay 12",
        "cham\n nhat\tngay 2",
    ] {
        agree(key);
    }
}

proptest::proptest! {
    #[test]
    fn limit_dates_agree_on_any_text(
        pieces in proptest::collection::vec(
            proptest::sample::select(&[
                "truoc", "cham", "muon", "nhat", "han", "chot", "cuoi", "khong", "hon", "la",
                "vao", "den", "ngay", "luc", "gio", "h", ":", "phut", "sang", "5", "30", "/",
                " ", " ", "\n", ",", ".", "x",
            ][..]),
            0..24,
        )
    ) {
        agree(&pieces.concat());
    }
}

#[test]
fn words_and_clause_before_agree_with_the_forward_scans() {
    let text = "Căn cứ Luật; các đơn vị đã gửi. Báo cáo, gửi về Sở trước ngày 5/6. a.b; x y z w v u t s r q p trước";
    let doc = Doc::new(text.to_string());
    for pos in 0..doc.len() {
        let from = pos.saturating_sub(CLAUSE_BACK);
        let window = &doc.key[from..pos];
        let bytes = window.as_bytes();
        let mut cut = 0;
        for (k, &b) in bytes.iter().enumerate() {
            if b == b';' || (b == b'.' && bytes.get(k + 1).is_none_or(|n| n.is_ascii_whitespace()))
            {
                cut = k + 1;
            }
        }
        let clause = &window[cut..];
        assert_eq!(clause_before(&doc, pos), clause, "{pos}");
        let clause = clause.rsplit(',').next().unwrap_or(clause);
        let mut cut = clause.len();
        for (seen, (k, _)) in clause.rmatch_indices(' ').enumerate() {
            cut = k;
            if seen >= 8 {
                break;
            }
        }
        assert_eq!(words_before(&doc, pos), &clause[cut..], "{pos}");
    }
}

#[test]
fn look_alike_days_in_limits_are_read() {
    // OCR reads 0 as O and 1 as l in the figures; two-figure runs are left in the text
    // and read by the date grammar after the limit word.
    assert_eq!(
        dates("1. Nộp hồ sơ trước ngày l5/11/2018.\n2. Báo cáo chậm nhất ngày 2O-11-2018."),
        [Some("2018-11-15".into()), Some("2018-11-20".into())]
    );
    assert_eq!(
        dates("Nộp về Thủ quỹ trước 17 giờ ngày 3O/11/2018."),
        [Some("2018-11-30".into())]
    );
    assert!(dates("Dừng trước lúc sáng, trước so với năm trước.").is_empty());
}
