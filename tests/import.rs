//! `loa import`: exports of an old portal, in the shapes they come in (chrome, placeholder
//! dates, wrapped lines, captions, bylines, source links, injected spam, legacy encodings,
//! HTML), imported into a fixture site, with the articles, the report and `loa check` checked.

mod common;

use std::path::Path;

use common::{Fixture, Run, repo};

/// A site at https://bhxh.example.gov.vn/ that allows links to baohiemxahoi.gov.vn and to the
/// newspaper it republishes from.
fn site() -> Fixture {
    let f = Fixture::news_site("https://bhxh.example.gov.vn/");
    f.write(
        "content/kiem-tra.yaml",
        "allowed_domains: [baohiemxahoi.gov.vn, baonongthon.example.vn]\n",
    );
    f
}

/// Copies `tests/fixtures/import/<name>` into the site's `xuat/` folder.
fn export(f: &Fixture, name: &str) {
    let bytes = std::fs::read(repo().join("tests/fixtures/import").join(name)).unwrap();
    f.write_bytes(&format!("xuat/{name}"), &bytes);
}

fn import(f: &Fixture, args: &[&str]) -> Run {
    let mut all = vec!["import"];
    all.extend(args);
    f.loa(&all)
}

fn article(f: &Fixture, slug: &str) -> String {
    std::fs::read_to_string(f.path(&format!("content/tin-tuc/{slug}.md")))
        .unwrap_or_else(|e| panic!("{slug}: {e}"))
}

/// The output with runs of spaces made one, so report lines compare without their padding.
fn squeeze(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c != ' ' || !out.ends_with(' ') {
            out.push(c);
        }
    }
    out
}

fn reports(run: &Run, lines: &[&str]) {
    let out = squeeze(&run.stdout);
    for line in lines {
        assert!(out.contains(line), "{line:?} in:\n{}", run.stdout);
    }
}

/// Every file under `dir` with its bytes, to show a command changed nothing.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().display().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn portal_chrome_is_removed_and_each_line_reported() {
    let f = site();
    export(&f, "chi-tiet-tin.txt");
    let run = import(&f, &["xuat/chi-tiet-tin.txt", "--section", "tin-tuc"]);
    assert!(run.ok, "{}{}", run.stdout, run.stderr);
    assert_eq!(
        article(&f, "nga-son-chi-tra-tro-cap-that-nghiep-dung-han-cho-hon-600-lao-dong"),
        "---
title: \"Nga Sơn chi trả trợ cấp thất nghiệp đúng hạn cho hơn 600 lao động\"
date: 2023-03-15
author: \"Phòng Truyền thông BHXH huyện Nga Sơn\"
summary: \"Trong quý I năm 2023, Bảo hiểm xã hội huyện Nga Sơn phối hợp với Trung tâm Dịch vụ việc làm tỉnh chi trả trợ cấp thất nghiệp cho 612 người lao động, không để xảy ra chậm trễ. Bình quân mỗi người nhận khoảng 4,2 triệu đồng một tháng.\"
---

Trong quý I năm 2023, Bảo hiểm xã hội huyện Nga Sơn phối hợp với Trung tâm Dịch vụ việc làm tỉnh chi trả trợ cấp thất nghiệp cho 612 người lao động, không để xảy ra chậm trễ. Bình quân mỗi người nhận khoảng 4,2 triệu đồng một tháng.

Người lao động nhận trợ cấp qua tài khoản ngân hàng chiếm 87%, tăng 15 điểm phần trăm so với cùng kỳ năm trước. Những trường hợp nhận tiền mặt được bưu điện xã hẹn lịch trả tại nhà văn hóa thôn.

Cơ quan bảo hiểm xã hội khuyến cáo người lao động mất việc nộp hồ sơ hưởng trợ cấp trong vòng ba tháng kể từ ngày chấm dứt hợp đồng lao động để không mất quyền lợi.
"
    );
    reports(
        &run,
        &[
            "xuat/chi-tiet-tin.txt → content/tin-tuc/nga-son-chi-tra-tro-cap-that-nghiep-dung-han-cho-hon-600-lao-dong.md\n",
            "xuat/chi-tiet-tin.txt:1:1 chrome removed \"Bỏ qua nội dung\" (portal chrome)",
            "xuat/chi-tiet-tin.txt:4:1 chrome removed \"Chào mừng bạn đến với Cổng thông tin điện tử Bảo hiểm xã hội huyện Nga Sơn\" (portal chrome)",
            "xuat/chi-tiet-tin.txt:6:1 chrome removed \"Chi tiết tin\" (portal chrome)",
            "xuat/chi-tiet-tin.txt:9:1 date \"15/03/2023\" → date 15/03/2023",
            "xuat/chi-tiet-tin.txt:17:1 author byline \"Phòng Truyền thông BHXH huyện Nga Sơn\" → author",
            "xuat/chi-tiet-tin.txt:19:1 chrome removed \"Thông báo Thông báo\" (portal chrome)",
            "xuat/chi-tiet-tin.txt:23:1 chrome removed \"Thống kê truy cập\" (portal chrome)",
            "xuat/chi-tiet-tin.txt:25:3 chrome removed \"Đang truy cập : 3\" (portal chrome)",
            "xuat/chi-tiet-tin.txt:27:3 chrome removed \"Tổng lượt truy cập: 45678\" (portal chrome)",
        ],
    );
    // A clean import is published by the next build.
    let check = f.loa(&["check"]);
    assert!(check.ok, "{}", check.stdout);
    f.build_ok(&[]);
    let page = f.out(
        "tin-tuc/nga-son-chi-tra-tro-cap-that-nghiep-dung-han-cho-hon-600-lao-dong/index.html",
    );
    assert!(page.contains("15/03/2023") && page.contains("Phòng Truyền thông BHXH huyện Nga Sơn"));
    assert!(!page.contains("Thông báo Thông báo") && !page.contains("truy cập"));
}

#[test]
fn a_placeholder_is_never_a_date_and_captions_become_notes() {
    let f = site();
    export(&f, "mau-ngay.txt");
    let run = import(&f, &["xuat/mau-ngay.txt", "--section", "tin-tuc"]);
    assert!(run.ok, "{}{}", run.stdout, run.stderr);
    let text = article(
        &f,
        "bhxh-huyen-thach-thanh-doi-thoai-chinh-sach-voi-hoi-vien-nong-dan",
    );
    // Without a real date the article is dated on import day, as a draft that says so.
    let date = text
        .lines()
        .find_map(|l| l.strip_prefix("date: "))
        .expect("a date line");
    let [y, m, d] = date.split('-').collect::<Vec<_>>()[..] else {
        panic!("{date} is not YYYY-MM-DD");
    };
    let expected = format!("---
title: \"BHXH huyện Thạch Thành: Đối thoại chính sách với hội viên nông dân\"
date: {date}
author: \"Minh Châu\"
summary: \"Sáng nay, Bảo hiểm xã hội huyện Thạch Thành phối hợp với Hội Nông dân huyện tổ chức hội nghị đối thoại về bảo hiểm xã hội tự nguyện và bảo hiểm y tế hộ gia đình với gần 200 hội viên.\"
draft: true
---

> **[BIÊN TẬP]** Bài gốc không ghi ngày đăng (ô ngày đăng còn để trống). Ngày trong phần đầu bài là ngày nhập bài ({d}/{m}/{y}): sửa thành ngày đăng thật (ngày muộn nhất được nhắc đến trong bài là 30/04/2023), xóa dòng `draft: true`, rồi xóa ghi chú này.

Sáng nay, Bảo hiểm xã hội huyện Thạch Thành phối hợp với Hội Nông dân huyện tổ chức hội nghị đối thoại về bảo hiểm xã hội tự nguyện và bảo hiểm y tế hộ gia đình với gần 200 hội viên.

> **[BIÊN TẬP]** Ảnh 1 của bài gốc chưa được chuyển sang. Chú thích: “Hội viên nông dân đặt câu hỏi về mức hỗ trợ tiền đóng bảo hiểm xã hội tự nguyện.” Chèn lại ảnh hoặc bỏ đi, rồi xóa ghi chú này.

Tại hội nghị, cán bộ bảo hiểm xã hội giải đáp cụ thể cách tính lương hưu, thời gian đóng tối thiểu và quyền lợi khi ốm đau, thai sản của người tham gia.

> **[BIÊN TẬP]** Ảnh 2 của bài gốc chưa được chuyển sang. Chèn lại ảnh hoặc bỏ đi, rồi xóa ghi chú này.

\"Người nông dân nếu tham gia bảo hiểm xã hội tự nguyện từ khi còn trẻ thì đến tuổi nghỉ hưu sẽ có lương hưu hằng tháng và được cấp thẻ bảo hiểm y tế miễn phí. Nhà nước hỗ trợ một phần tiền đóng, hộ nghèo và hộ cận nghèo được hỗ trợ nhiều hơn, nên ai cũng có thể tham gia nếu biết sắp xếp chi tiêu hợp lý\"- đại diện cơ quan bảo hiểm xã hội (người đứng giữa trong ảnh) chia sẻ.

Tính đến 30/4/2023, toàn huyện có 2.140 nông dân tham gia bảo hiểm xã hội tự nguyện. Kết thúc hội nghị, 37 hội viên đăng ký tham gia ngay tại chỗ.
");
    assert_eq!(text, expected);
    reports(
        &run,
        &[
            "→ content/tin-tuc/bhxh-huyen-thach-thanh-doi-thoai-chinh-sach-voi-hoi-vien-nong-dan.md (draft)",
            "xuat/mau-ngay.txt:1:1 date \"dd/mm/yyyy\" is a template placeholder, not a date: removed",
            "xuat/mau-ngay.txt:7:1 caption image 1 (\"BHXH huyện Thạch Thành: Đối thoại chính sách với hội viên nông dân - Ảnh 1.\" and the caption under it) → a note for the editor",
            "xuat/mau-ngay.txt:13:1 caption image 2",
            "xuat/mau-ngay.txt:19:1 author byline \"Minh Châu\" → author",
            &format!(
                "no real date: imported as a draft dated {d}/{m}/{y} (today), with a note for the editor"
            ),
        ],
    );
}

#[test]
fn an_interview_keeps_its_structure_and_spam_is_cut_where_it_was() {
    let f = site();
    // Saved on Windows: a BOM and CRLF line endings.
    let text = std::fs::read_to_string(repo().join("tests/fixtures/import/phong-van.txt")).unwrap();
    let windows = format!("\u{feff}{}", text.replace('\n', "\r\n"));
    f.write("xuat/phong-van.txt", &windows);
    let run = import(&f, &["xuat/phong-van.txt", "--section", "tin-tuc"]);
    assert!(run.ok, "{}{}", run.stdout, run.stderr);
    assert_eq!(
        article(&f, "giam-doc-bhxh-huyen-quang-xuong-tra-loi-phong-van-ve-bhyt-hoc-sinh"),
        "---
title: \"Giám đốc BHXH huyện Quảng Xương trả lời phỏng vấn về BHYT học sinh\"
date: 2021-03-12T15:15
author: \"Hồng Nhung (Đài Truyền thanh huyện Quảng Xương)\"
summary: \"Năm học 2020-2021, tỷ lệ học sinh, sinh viên tham gia bảo hiểm y tế trên địa bàn huyện đạt cao nhất từ trước đến nay. Phóng viên Đài Truyền thanh huyện đã trao đổi với bà Lê Thị Hoa, Giám đốc Bảo hiểm xã hội huyện.\"
draft: true
---

Năm học 2020-2021, tỷ lệ học sinh, sinh viên tham gia bảo hiểm y tế trên địa bàn huyện đạt cao nhất từ trước đến nay. Phóng viên Đài Truyền thanh huyện đã trao đổi với bà Lê Thị Hoa, Giám đốc Bảo hiểm xã hội huyện.

**PV:** Thưa bà, vì sao năm nay học sinh tham gia **[BIÊN TẬP: đã xóa quảng cáo cờ bạc bị chèn vào đây; đọc lại câu cho liền mạch]** hiểm y tế đông như vậy?

**Trả lời:**

Nhà trường và cơ quan bảo hiểm xã hội đã phối hợp từ đầu năm học:

- Tổ chức họp phụ huynh để giải thích quyền lợi khi học sinh ốm đau phải nằm viện.
- Cho phép đóng theo từng đợt sáu tháng để giảm gánh nặng cho gia đình.

**PV:** Những trường hợp khó khăn được hỗ trợ thế nào?

**Trả lời:** Ngân sách nhà nước hỗ trợ 30% mức đóng cho mọi học sinh; học sinh thuộc hộ cận nghèo được hỗ trợ thêm từ ngân sách tỉnh.
"
    );
    reports(
        &run,
        &[
            "xuat/phong-van.txt:3:1 date \"12/03/2021 03:15 PM\" → date 15:15, 12/03/2021",
            "xuat/phong-van.txt:8:47 spam removed injected spam \"nhà cái uy tín_fb88 link vào fb88\" (a note marks the place)",
            "xuat/phong-van.txt:22:1 spam removed the line \"Nhà cái uy tín nhất 2021 tặng 100k\": injected spam",
            "xuat/phong-van.txt:26:3 chrome removed \"• TIN BÀI LIÊN QUAN\" and the 2 lines after it (related articles)",
        ],
    );
    // What import removes is what check flags: nothing of it is left.
    let check = f.loa(&["check", "--drafts"]);
    assert!(check.ok, "{}", check.stdout);
    assert!(!check.stdout.contains(" spam "), "{}", check.stdout);
    assert!(
        check.stdout.contains("giam-doc-bhxh-huyen-quang-xuong-tra-loi-phong-van-ve-bhyt-hoc-sinh.md:11:53  warning  editor-note"),
        "{}",
        check.stdout
    );
}

#[test]
fn a_source_off_the_allow_list_is_named_not_linked() {
    let f = Fixture::news_site("https://bhxh.example.gov.vn/");
    export(&f, "bao-pdf.txt");
    let run = import(&f, &["xuat/bao-pdf.txt", "--section", "tin-tuc"]);
    assert!(run.ok, "{}{}", run.stdout, run.stderr);
    let text = article(
        &f,
        "ha-trung-dua-bao-hiem-xa-hoi-tu-nguyen-den-voi-nguoi-lam-nong",
    );
    assert!(
        text.contains("\nsource: \"baonongthon.example.vn\"\n"),
        "{text}"
    );
    assert!(
        run.stdout
            .contains("source \"baonongthon.example.vn\", named without its address"),
        "{}",
        run.stdout
    );
    f.build_ok(&[]);
}

#[test]
fn lines_a_pdf_export_wrapped_are_rejoined_and_the_source_kept() {
    let f = site();
    export(&f, "bao-pdf.txt");
    let run = import(&f, &["xuat/bao-pdf.txt", "--section", "tin-tuc"]);
    assert!(run.ok, "{}{}", run.stdout, run.stderr);
    assert_eq!(
        article(&f, "ha-trung-dua-bao-hiem-xa-hoi-tu-nguyen-den-voi-nguoi-lam-nong"),
        "---
title: \"Hà Trung: Đưa bảo hiểm xã hội tự nguyện đến với “người làm nông”\"
date: 2022-06-15T08:30
author: \"Quang Minh\"
summary: \"Những năm gần đây, số nông dân tham gia bảo hiểm xã hội tự nguyện ở huyện Hà Trung tăng đều qua từng quý nhờ cách làm bền bỉ của cơ quan bảo hiểm xã hội và chính quyền các xã.\"
source: \"https://baonongthon.example.vn/ha-trung-dua-bao-hiem-xa-hoi-tu-nguyen-den-voi-nguoi-lam-nong\"
---

Những năm gần đây, số nông dân tham gia bảo hiểm xã hội tự nguyện ở huyện Hà Trung tăng đều qua từng quý nhờ cách làm bền bỉ của cơ quan bảo hiểm xã hội và chính quyền các xã.

Cán bộ đại lý thu hướng dẫn người dân kê khai tờ khai tham gia.

Theo Giám đốc Bảo hiểm xã hội huyện, mỗi tháng cơ quan tổ chức ít nhất hai hội nghị đối thoại tại các thôn, đồng thời bố trí cán bộ trực tại bộ phận một cửa của xã để giải đáp thắc mắc của người dân về mức đóng, mức hỗ trợ và quyền lợi hưởng lương hưu.

Đến hết tháng 5/2022, toàn huyện có 2.845 người tham gia bảo hiểm xã hội tự nguyện, đạt 96,5% kế hoạch năm; tỷ lệ bao phủ bảo hiểm y tế đạt 92,3% dân số.

Thanh Loan
"
    );
    reports(
        &run,
        &[
            "xuat/bao-pdf.txt:4:1 author \"Tác giả: Quang Minh\" → author",
            "xuat/bao-pdf.txt:25:1 author byline \"Thanh Loan\" differs from the author \"Quang Minh\" under the title: kept as the last line, for the editor to decide",
            "xuat/bao-pdf.txt:27:16 source https://baonongthon.example.vn/ha-trung-dua-bao-hiem-xa-hoi-tu-nguyen-den-voi-nguoi-lam-nong → source (another site)",
        ],
    );
    f.build_ok(&[]);
    let page =
        f.out("tin-tuc/ha-trung-dua-bao-hiem-xa-hoi-tu-nguyen-den-voi-nguoi-lam-nong/index.html");
    assert!(
        page.contains("Nguồn: <a href=\"https://baonongthon.example.vn/ha-trung-dua-bao-hiem-xa-hoi-tu-nguyen-den-voi-nguoi-lam-nong\" rel=\"noopener noreferrer\">baonongthon.example.vn</a>"),
        "{page}"
    );
}

#[test]
fn an_undated_article_is_a_draft_signed_by_its_byline() {
    let f = site();
    export(&f, "khong-ngay.txt");
    let run = import(&f, &["xuat/khong-ngay.txt", "--section", "tin-tuc"]);
    assert!(run.ok, "{}{}", run.stdout, run.stderr);
    let text = article(
        &f,
        "bhxh-tinh-day-nhanh-cap-so-bao-hiem-xa-hoi-dien-tu-cho-nguoi-lao-dong",
    );
    assert!(
        text.contains("\nauthor: \"Thu Hà (BHXH tỉnh Thanh Hóa)\"\n"),
        "{text}"
    );
    assert!(text.contains("\ndraft: true\n"), "{text}");
    assert!(
        text.contains(
            "> **[BIÊN TẬP]** Bài gốc không ghi ngày đăng. Ngày trong phần đầu bài là ngày nhập bài"
        ),
        "{text}"
    );
    assert!(
        text.contains("(ngày muộn nhất được nhắc đến trong bài là 30/09/2022)"),
        "{text}"
    );
    assert!(
        text.ends_with("đạt 88% kế hoạch.\n"),
        "the byline left the text:\n{text}"
    );
    // Drafts stay out of the site until the editor has done with them.
    f.build_ok(&[]);
    assert!(!f.exists(
        "tin-tuc/bhxh-tinh-day-nhanh-cap-so-bao-hiem-xa-hoi-dien-tu-cho-nguoi-lao-dong/index.html"
    ));
    f.build_ok(&["--drafts"]);
    let preview = f.out(
        "tin-tuc/bhxh-tinh-day-nhanh-cap-so-bao-hiem-xa-hoi-dien-tu-cho-nguoi-lao-dong/index.html",
    );
    assert!(
        preview.contains("<strong>[BIÊN TẬP]</strong> Bài gốc không ghi ngày đăng"),
        "{preview}"
    );
}

#[test]
fn an_old_address_on_the_site_becomes_a_redirect() {
    let f = site();
    export(&f, "dia-chi-cu.txt");
    let run = import(&f, &["xuat/dia-chi-cu.txt", "--section", "tin-tuc"]);
    assert!(run.ok, "{}{}", run.stdout, run.stderr);
    let text = article(&f, "thong-bao-thay-doi-gio-tiep-nhan-ho-so");
    assert!(
        text.starts_with(
            "---\ntitle: \"Thông báo thay đổi giờ tiếp nhận hồ sơ\"\ndate: 2023-02-06T07:45\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("\naliases: [\"/tin-tuc/2023/thay-doi-gio-tiep-nhan.html\"]\n"),
        "{text}"
    );
    assert!(
        !text.contains("source:") && !text.contains("Nguồn"),
        "{text}"
    );
    reports(
        &run,
        &[
            "xuat/dia-chi-cu.txt:6:8 source the old address https://www.bhxh.example.gov.vn/tin-tuc/2023/thay-doi-gio-tiep-nhan.html on this site → alias /tin-tuc/2023/thay-doi-gio-tiep-nhan.html",
        ],
    );
    f.build_ok(&[]);
    let redirect = f.out("tin-tuc/2023/thay-doi-gio-tiep-nhan.html");
    assert!(
        redirect.contains(
            "https://bhxh.example.gov.vn/tin-tuc/thong-bao-thay-doi-gio-tiep-nhan-ho-so/"
        ),
        "{redirect}"
    );
}

#[test]
fn html_goes_through_a_real_parser() {
    let f = site();
    export(&f, "trang-cu.html");
    let run = import(&f, &["xuat/trang-cu.html", "--section", "tin-tuc"]);
    assert!(run.ok, "{}{}", run.stdout, run.stderr);
    assert_eq!(
        article(&f, "huong-dan-cap-lai-the-bhyt-bi-mat"),
        "---
title: \"Hướng dẫn cấp lại thẻ BHYT bị mất\"
date: 2022-08-10T09:20
summary: \"Người bị mất thẻ bảo hiểm y tế vẫn đi khám được bằng ảnh thẻ trên ứng dụng VssID hoặc căn cước công dân, không cần chờ cấp lại thẻ giấy.\"
aliases: [\"/huong-dan/cap-lai-the-bhyt.html\"]
draft: true
---

Người bị mất thẻ bảo hiểm y tế vẫn đi khám được bằng ảnh thẻ trên ứng dụng VssID hoặc căn cước công dân, không cần chờ cấp lại thẻ giấy.

## Hồ sơ cần chuẩn bị

1. Tờ khai TK1-TS.
2. Căn cước công dân.

## Mức phí

| Trường hợp | Phí |
| --- | --- |
| Mất thẻ | Không thu phí |

> **[BIÊN TẬP]** Ảnh 1 của bài gốc chưa được chuyển sang (ảnh gốc: `https://bhxh.example.gov.vn/uploads/cap-lai-the.jpg`). Chèn lại ảnh hoặc bỏ đi, rồi xóa ghi chú này.

Xem [hướng dẫn của BHXH Việt Nam](https://baohiemxahoi.gov.vn/huong-dan), [cách cài VssID](https://bhxh.example.gov.vn/huong-dan/vssid.html) hoặc ưu đãi \\*mới\\*.
"
    );
    reports(
        &run,
        &[
            "xuat/trang-cu.html:12:35 chrome removed the page's <div id=\"header\"> \"Bảo hiểm xã hội tỉnh Trang chủ Tin tức\"",
            "xuat/trang-cu.html:23:154 link link \"ưu đãi\" → https://khuyenmai.example.com/ removed, its text kept",
            "xuat/trang-cu.html:24:25 hidden removed hidden text \"Đặt cược bóng đá tại nhà cái uy tín\"",
            "xuat/trang-cu.html:26:26 chrome removed the page's <div class=\"sidebar\"> \"Tin đọc nhiều Lịch chi trả lương hưu tháng 9\"",
        ],
    );
    let check = f.loa(&["check", "--drafts"]);
    assert!(check.ok, "{}", check.stdout);
    assert_eq!(
        check.stdout.matches("editor-note").count(),
        1,
        "{}",
        check.stdout
    );
}

#[test]
fn encodings_and_normal_forms_give_the_same_article() {
    use unicode_normalization::UnicodeNormalization;
    let f = site();
    export(&f, "windows-1258.txt");
    let legacy = std::fs::read(f.path("xuat/windows-1258.txt")).unwrap();
    let text = "Chi trả lương hưu qua tài khoản ngân hàng\n20/05/2021\n\nTừ tháng 6, người hưởng lương hưu ở thành phố được nhận tiền qua tài khoản cá nhân. Việc chi trả không dùng tiền mặt giúp người cao tuổi không phải chờ đợi ở điểm chi trả.\n\nHoàng Yến\n";
    assert!(
        !legacy.is_ascii() && std::str::from_utf8(&legacy).is_err(),
        "the fixture is not UTF-8"
    );
    f.write("xuat/utf8.txt", text);
    f.write(
        "xuat/bom-crlf.txt",
        &format!("\u{feff}{}", text.replace('\n', "\r\n")),
    );
    f.write("xuat/nfd.txt", &text.nfd().collect::<String>());
    let utf16 = |big_endian: bool, bom: bool| -> Vec<u8> {
        let bom = if bom { "\u{feff}" } else { "" };
        format!("{bom}{text}")
            .encode_utf16()
            .flat_map(|u| {
                if big_endian {
                    u.to_be_bytes()
                } else {
                    u.to_le_bytes()
                }
            })
            .collect()
    };
    f.write_bytes("xuat/utf16le.txt", &utf16(false, true));
    f.write_bytes("xuat/utf16be.txt", &utf16(true, false));
    let run = import(&f, &["xuat", "--section", "tin-tuc"]);
    assert!(run.ok, "{}{}", run.stdout, run.stderr);
    let first = article(&f, "chi-tra-luong-huu-qua-tai-khoan-ngan-hang");
    assert_eq!(
        first,
        "---
title: \"Chi trả lương hưu qua tài khoản ngân hàng\"
date: 2021-05-20
author: \"Hoàng Yến\"
summary: \"Từ tháng 6, người hưởng lương hưu ở thành phố được nhận tiền qua tài khoản cá nhân. Việc chi trả không dùng tiền mặt giúp người cao tuổi không phải chờ đợi ở điểm chi trả.\"
---

Từ tháng 6, người hưởng lương hưu ở thành phố được nhận tiền qua tài khoản cá nhân. Việc chi trả không dùng tiền mặt giúp người cao tuổi không phải chờ đợi ở điểm chi trả.
"
    );
    // Same title, so the later files of the run get a numbered slug, in file name order.
    for n in 2..=6 {
        let slug = format!("chi-tra-luong-huu-qua-tai-khoan-ngan-hang-{n}");
        let same = article(&f, &slug).replace(&format!("slug: {slug}\n"), "");
        assert_eq!(same, first, "{slug}");
    }
    reports(
        &run,
        &[
            "bom-crlf.txt Chi trả lương hưu qua tài khoản ngân hàng 20/05/2021 37 -\n",
            "nfd.txt Chi trả lương hưu qua tài khoản ngân hàng 20/05/2021 37 -\n",
            "utf16be.txt Chi trả lương hưu qua tài khoản ngân hàng 20/05/2021 37 read as UTF-16BE\n",
            "utf16le.txt Chi trả lương hưu qua tài khoản ngân hàng 20/05/2021 37 read as UTF-16LE\n",
            "utf8.txt Chi trả lương hưu qua tài khoản ngân hàng 20/05/2021 37 -\n",
            "windows-1258.txt Chi trả lương hưu qua tài khoản ngân hàng 20/05/2021 37 read as windows-1258\n",
        ],
    );
    // Numbered slugs keep the URLs apart: duplicate titles are the only finding.
    let check = f.loa(&["check"]);
    assert_eq!(
        check.stdout.matches("duplicate-title").count(),
        5,
        "{}",
        check.stdout
    );
    assert!(!check.stdout.contains("same URL"), "{}", check.stdout);
}

#[test]
fn every_shape_together_passes_check_and_prints_the_table() {
    let f = site();
    for name in [
        "bao-pdf.txt",
        "chi-tiet-tin.txt",
        "dia-chi-cu.txt",
        "khong-ngay.txt",
        "mau-ngay.txt",
        "phong-van.txt",
        "trang-cu.html",
        "windows-1258.txt",
    ] {
        export(&f, name);
    }
    let run = import(&f, &["xuat", "--section", "tin-tuc"]);
    assert!(run.ok, "{}{}", run.stdout, run.stderr);
    reports(
        &run,
        &["\nfile title date words warnings\n\
bao-pdf.txt Hà Trung: Đưa bảo hiểm xã hội tự nguyện đến… 08:30, 15/06/2022 150 byline \"Thanh Loan\" differs from the author\n\
chi-tiet-tin.txt Nga Sơn chi trả trợ cấp thất nghiệp đúng hạn… 15/03/2023 129 9 chrome lines removed\n\
dia-chi-cu.txt Thông báo thay đổi giờ tiếp nhận hồ sơ 07:45, 06/02/2023 40 -\n\
khong-ngay.txt BHXH tỉnh: Đẩy nhanh cấp sổ bảo hiểm xã hội… none (draft) 68 no date\n\
mau-ngay.txt BHXH huyện Thạch Thành: Đối thoại chính sách… none (draft) 193 date placeholder, no date; 2 images to re-insert\n\
phong-van.txt Giám đốc BHXH huyện Quảng Xương trả lời phỏng… 15:15, 12/03/2021 (draft) 149 spam removed ×2; 3 chrome lines removed\n\
trang-cu.html Hướng dẫn cấp lại thẻ BHYT bị mất 09:20, 10/08/2022 (draft) 67 hidden text removed ×1; 1 image to re-insert; 1 link removed\n\
windows-1258.txt Chi trả lương hưu qua tài khoản ngân hàng 20/05/2021 37 read as windows-1258\n\
\n8 articles written (4 drafts to review), 0 skipped, 0 failed\n"],
    );
    let check = f.loa(&["check"]);
    assert!(check.ok, "{}", check.stdout);
    assert_eq!(check.stdout.trim(), "0 errors, 0 warnings in 0 files");
    // In drafts, the notes are the editor's to-do list: warnings, one per note.
    let drafts = f.loa(&["check", "--drafts"]);
    assert!(drafts.ok, "{}", drafts.stdout);
    assert_eq!(
        drafts.stdout.lines().last(),
        Some("0 errors, 6 warnings in 4 files"),
        "{}",
        drafts.stdout
    );
    assert_eq!(drafts.stdout.matches("  warning  editor-note  ").count(), 6);
    f.build_ok(&[]);
    f.build_ok(&["--drafts"]);
}

#[test]
fn a_dry_run_writes_nothing_and_prints_the_plan() {
    let f = site();
    export(&f, "chi-tiet-tin.txt");
    export(&f, "mau-ngay.txt");
    let before = snapshot(&f.path("content"));
    let run = import(&f, &["xuat", "--section", "tin-tuc", "--dry-run"]);
    assert!(run.ok, "{}{}", run.stdout, run.stderr);
    assert_eq!(
        snapshot(&f.path("content")),
        before,
        "a dry run writes nothing"
    );
    reports(
        &run,
        &[
            "Importing 2 files into content/tin-tuc/ (dry run: nothing is written)",
            "xuat/mau-ngay.txt → content/tin-tuc/bhxh-huyen-thach-thanh-doi-thoai-chinh-sach-voi-hoi-vien-nong-dan.md (draft)",
            "xuat/chi-tiet-tin.txt:6:1 chrome removed \"Chi tiết tin\" (portal chrome)",
            "\nfile title date words warnings\n",
            "2 articles to write (1 draft to review), 0 skipped, 0 failed",
        ],
    );
    assert!(!run.stdout.contains("Next:"), "{}", run.stdout);
}

#[test]
fn an_existing_article_is_never_overwritten_without_force() {
    let f = site();
    export(&f, "chi-tiet-tin.txt");
    let slug = "nga-son-chi-tra-tro-cap-that-nghiep-dung-han-cho-hon-600-lao-dong";
    assert!(import(&f, &["xuat", "--section", "tin-tuc"]).ok);
    let imported = article(&f, slug);
    let edited = imported.replace("ba tháng", "ba tháng (90 ngày)");
    f.write(&format!("content/tin-tuc/{slug}.md"), &edited);

    let again = import(&f, &["xuat", "--section", "tin-tuc"]);
    assert!(again.ok, "{}{}", again.stdout, again.stderr);
    assert_eq!(article(&f, slug), edited, "the editor's work is kept");
    reports(
        &again,
        &[
            "(skipped: the file exists; --force overwrites it)",
            "skipped: exists; 9 chrome lines removed",
            "0 articles written (0 drafts to review), 1 skipped, 0 failed",
        ],
    );

    let forced = import(&f, &["xuat", "--section", "tin-tuc", "--force"]);
    assert!(forced.ok);
    assert_eq!(article(&f, slug), imported);
    reports(&forced, &["(overwrites the existing file)"]);
}

#[test]
fn an_unknown_section_is_refused_with_the_sections_there_are() {
    let f = site();
    export(&f, "chi-tiet-tin.txt");
    let before = snapshot(&f.path("content"));
    let run = import(&f, &["xuat", "--section", "tin-cu"]);
    assert_eq!(run.code, Some(1));
    for expected in [
        "`tin-cu` is not a section of this site",
        "use one of: chinh-sach, chinh-sach/bhyt, thong-bao, tin-tuc",
        "nothing was imported",
    ] {
        assert!(
            run.stderr.contains(expected),
            "{expected:?} in:\n{}",
            run.stderr
        );
    }
    assert_eq!(snapshot(&f.path("content")), before);
    let missing = import(&f, &["xuat/khong-co.txt", "--section", "tin-tuc"]);
    assert_eq!(missing.code, Some(1));
    assert!(
        missing.stderr.contains("xuat/khong-co.txt"),
        "{}",
        missing.stderr
    );
    assert!(
        missing.stderr.contains("no such file or folder"),
        "{}",
        missing.stderr
    );
}

#[test]
fn an_export_with_nothing_to_import_fails_alone() {
    let f = site();
    export(&f, "chi-tiet-tin.txt");
    f.write(
        "xuat/trong.txt",
        "Chi tiết tin\n\nTrang chủ\n\nĐang truy cập: 4\n",
    );
    let run = import(&f, &["xuat", "--section", "tin-tuc"]);
    assert_eq!(run.code, Some(1), "{}", run.stdout);
    reports(
        &run,
        &[
            "xuat/trong.txt: error: no text left after removing the portal's chrome\n",
            "trong.txt - - - error: no text left after removing the portal's chrome\n",
            "1 article written (0 drafts to review), 0 skipped, 1 failed",
        ],
    );
    assert!(
        f.path(
            "content/tin-tuc/nga-son-chi-tra-tro-cap-that-nghiep-dung-han-cho-hon-600-lao-dong.md"
        )
        .is_file()
    );
}

/// A link where the article's file would go is never written through, with or without
/// `--force`, whether it points at a file or at nothing; a section folder that is a link to
/// elsewhere is not a section to import into.
#[test]
fn an_import_never_writes_through_a_link_or_outside_the_section() {
    let f = site();
    export(&f, "chi-tiet-tin.txt");
    let slug = "nga-son-chi-tra-tro-cap-that-nghiep-dung-han-cho-hon-600-lao-dong";
    let target = f.path(&format!("content/tin-tuc/{slug}.md"));
    f.write("ngoai.md", "của người khác\n");
    std::os::unix::fs::symlink(f.path("ngoai.md"), &target).unwrap();
    for force in [false, true] {
        let mut args = vec!["xuat", "--section", "tin-tuc"];
        if force {
            args.push("--force");
        }
        let run = import(&f, &args);
        assert_eq!(run.code, Some(1), "{}", run.stdout);
        reports(
            &run,
            &[
                &format!(
                    "xuat/chi-tiet-tin.txt: error: content/tin-tuc/{slug}.md is a symbolic link; \
                     loa import writes only plain files of the section folder\n"
                ),
                "0 articles written (0 drafts to review), 0 skipped, 1 failed",
            ],
        );
        assert_eq!(
            std::fs::read_to_string(f.path("ngoai.md")).unwrap(),
            "của người khác\n"
        );
    }
    std::fs::remove_file(&target).unwrap();
    std::os::unix::fs::symlink(f.path("chua-co.md"), &target).unwrap();
    assert_eq!(import(&f, &["xuat", "--section", "tin-tuc"]).code, Some(1));
    assert!(!f.path("chua-co.md").exists());

    std::fs::create_dir(f.path("ben-ngoai")).unwrap();
    f.write("ben-ngoai/_index.md", "---\ntitle: Bên ngoài\n---\n");
    std::os::unix::fs::symlink(f.path("ben-ngoai"), f.path("content/lien-ket")).unwrap();
    let run = import(&f, &["xuat", "--section", "lien-ket"]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr
            .contains("`lien-ket` is not a section of this site"),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read_dir(f.path("ben-ngoai")).unwrap().count(), 1);
}

/// A title made to climb out of the folder names a file inside it all the same.
#[test]
fn a_title_with_a_path_in_it_stays_in_the_section() {
    let f = site();
    f.write(
        "xuat/leo.html",
        "<html><head><title>../../../ngoai</title></head><body><h1>../../../ngoai</h1>\
         <p>Ngày 12/3/2023, cơ quan đã chi trả trợ cấp cho người lao động.</p></body></html>",
    );
    let run = import(&f, &["xuat", "--section", "tin-tuc"]);
    assert!(run.ok, "{}{}", run.stdout, run.stderr);
    reports(&run, &["xuat/leo.html → content/tin-tuc/ngoai.md"]);
    assert!(article(&f, "ngoai").starts_with("---\ntitle: \"../../../ngoai\"\n"));
    assert!(!f.path("ngoai.md").exists());
}

/// An old address on the site that the build would refuse as an alias (a %-escape here)
/// stays the article's source, and the imported article builds.
#[test]
fn an_old_address_that_cannot_be_an_alias_stays_the_source() {
    let f = site();
    let text = std::fs::read_to_string(repo().join("tests/fixtures/import/dia-chi-cu.txt"))
        .unwrap()
        .replace("thay-doi-gio-tiep-nhan.html", "Thay%20doi%20gio.html");
    f.write("xuat/dia-chi-cu.txt", &text);
    let run = import(&f, &["xuat/dia-chi-cu.txt", "--section", "tin-tuc"]);
    assert!(run.ok, "{}{}", run.stdout, run.stderr);
    let article = article(&f, "thong-bao-thay-doi-gio-tiep-nhan-ho-so");
    assert!(!article.contains("aliases:"), "{article}");
    assert!(
        article.contains(
            "\nsource: \"https://www.bhxh.example.gov.vn/tin-tuc/2023/Thay%20doi%20gio.html\"\n"
        ),
        "{article}"
    );
    reports(
        &run,
        &[
            "xuat/dia-chi-cu.txt:6:8 source the old address https://www.bhxh.example.gov.vn/tin-tuc/2023/Thay%20doi%20gio.html cannot be a redirect (write the characters themselves, not %-escapes): kept as the source",
        ],
    );
    f.build_ok(&[]);
}
