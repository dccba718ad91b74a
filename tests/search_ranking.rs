//! The search ranking as citizens type: a table of queries (with and without tone marks,
//! abbreviations, typos, phrases) and the article each must find first, on a fixture site
//! built by the real binary, ranked by the theme's real script in Node (`search_ranking.mjs`)
//! from the real index files.

mod common;

use std::process::Command;

use common::Fixture;
use serde_json::Value;

/// Articles written for the table: (file under content/, title, date, tags, text). Pairs of
/// articles share words, so that only the ranking's sense of phrase, field and tone marks
/// tells them apart.
const ARTICLES: &[(&str, &str, &str, &str, &str)] = &[
    (
        "chinh-sach/muc-dong-bhyt-hgd.md",
        "Mức đóng BHYT hộ gia đình năm 2025",
        "2025-07-01",
        "[BHYT, Hộ gia đình]",
        "Người thứ nhất đóng bằng 4,5% mức lương cơ sở; người thứ hai, thứ ba, thứ tư đóng lần lượt bằng 70%, 60%, 50% mức đóng của người thứ nhất.",
    ),
    (
        "chinh-sach/bhyt-hssv.md",
        "BHYT học sinh, sinh viên năm học 2025–2026: mức đóng và quyền lợi",
        "2025-08-15",
        "[BHYT]",
        "Học sinh, sinh viên được Nhà nước hỗ trợ 30% mức đóng, tham gia tại trường.",
    ),
    (
        "chinh-sach/bhxh-tu-nguyen.md",
        "BHXH tự nguyện: mức đóng và mức hỗ trợ của Nhà nước",
        "2025-02-10",
        "[BHXH tự nguyện]",
        "Người tham gia chọn mức thu nhập làm căn cứ đóng, từ mức chuẩn hộ nghèo khu vực nông thôn.",
    ),
    (
        "chinh-sach/thong-tuyen.md",
        "Khám, chữa bệnh thông tuyến tỉnh từ năm 2025",
        "2025-01-05",
        "[BHYT]",
        "Người có thẻ BHYT đi khám ở bệnh viện tuyến tỉnh bất kỳ được quỹ thanh toán theo tỷ lệ hưởng.",
    ),
    (
        "hoi-dap/the-o-tinh-khac.md",
        "Đi làm ở tỉnh khác có dùng được thẻ BHYT không?",
        "2024-11-20",
        "[BHYT]",
        "Có. Khi ốm, bạn được thông tuyến khám, chữa bệnh tại trạm y tế xã và bệnh viện huyện nơi làm việc.",
    ),
    (
        "thong-bao/nghi-tet.md",
        "Thông báo nghỉ Tết Nguyên đán Ất Tỵ 2025",
        "2025-12-20",
        "[]",
        "Trong thời gian nghỉ, người dân nộp hồ sơ trực tuyến trên Cổng Dịch vụ công.",
    ),
    (
        "thong-bao/nghi-le.md",
        "Thông báo nghỉ lễ 30/4 và 1/5",
        "2025-12-10",
        "[]",
        "Các điểm giao dịch nghỉ lễ; hồ sơ trực tuyến vẫn được tiếp nhận.",
    ),
    (
        "thong-bao/tiep-dan.md",
        "Thông báo lịch tiếp công dân năm 2026",
        "2025-12-01",
        "[]",
        "Giám đốc tiếp công dân ngày 15 hằng tháng; đăng ký trực tuyến trước một ngày.",
    ),
    (
        "chinh-sach/bhxh-mot-lan.md",
        "Hưởng BHXH một lần: điều kiện và hồ sơ",
        "2024-09-01",
        "[BHXH]",
        "Người lao động nghỉ việc muốn nhận trợ cấp phải đủ điều kiện theo Luật Bảo hiểm xã hội 2024.",
    ),
    (
        "tin-tuc/rut-kinh-nghiem.md",
        "Hội nghị rút kinh nghiệm công tác thu năm 2025",
        "2025-11-28",
        "[]",
        "Lần này, một số đơn vị nợ BHXH được nhắc tên; hội nghị họp mỗi quý một lần.",
    ),
    (
        "chinh-sach/bao-hiem-that-nghiep.md",
        "Bảo hiểm thất nghiệp: ai phải tham gia?",
        "2025-03-03",
        "[]",
        "Người lao động có hợp đồng từ đủ 1 tháng trở lên tham gia bảo hiểm thất nghiệp.",
    ),
    (
        "chinh-sach/tro-cap-that-nghiep.md",
        "Điều kiện hưởng trợ cấp thất nghiệp",
        "2025-03-01",
        "[BHTN]",
        "Đóng đủ 12 tháng trong 24 tháng trước khi nghỉ việc và nộp hồ sơ trong 3 tháng.",
    ),
    (
        "tin-tuc/vssid.md",
        "Cài đặt ứng dụng VssID trên điện thoại",
        "2025-04-04",
        "[VssID]",
        "Ứng dụng VssID cho xem thẻ BHYT và quá trình tham gia.",
    ),
    (
        "hoi-dap/tra-cuu.md",
        "Tra cứu quá trình đóng BHXH ở đâu?",
        "2025-04-01",
        "[VssID]",
        "Bạn tra cứu trên VssID, mục Quá trình tham gia, hoặc tại cơ quan bảo hiểm xã hội.",
    ),
    (
        "tin-tuc/cccd.md",
        "Khám bệnh bằng căn cước công dân gắn chip",
        "2025-05-05",
        "[BHYT]",
        "Người bệnh đưa thẻ căn cước, không cần thẻ BHYT giấy.",
    ),
    (
        "chinh-sach/luong-huu.md",
        "Điều chỉnh lương hưu từ ngày 01/7/2024",
        "2024-07-01",
        "[]",
        "Lương hưu tăng 15% từ tháng 7.",
    ),
    (
        "chinh-sach/om-dau.md",
        "Chế độ ốm đau: được nghỉ bao nhiêu ngày?",
        "2025-06-06",
        "[]",
        "Người lao động bị ốm được nghỉ từ 30 đến 70 ngày mỗi năm.",
    ),
    (
        "chinh-sach/thai-san.md",
        "Chế độ thai sản khi sinh con",
        "2025-06-01",
        "[]",
        "Lao động nữ sinh con được nghỉ 6 tháng.",
    ),
    (
        "hoi-dap/cap-lai-the.md",
        "Mất thẻ BHYT thì cấp lại thế nào?",
        "2025-03-20",
        "[BHYT]",
        "Bạn không cần cấp lại thẻ giấy: dùng thẻ trên VssID.",
    ),
    (
        "tin-tuc/tai-nan-lao-dong.md",
        "Hỗ trợ người bị tai nạn lao động",
        "2025-02-02",
        "[]",
        "Người bị tai nạn lao động được quỹ chi trả.",
    ),
    (
        "tin-tuc/dich-vu-cong.md",
        "Nộp hồ sơ qua Cổng Dịch vụ công quốc gia",
        "2025-01-15",
        "[]",
        "Người dân nộp hồ sơ mọi lúc, mọi nơi.",
    ),
    (
        "tin-tuc/dong-long.md",
        "Đồng lòng vì người lao động",
        "2025-10-10",
        "[]",
        "Mức sống của người lao động được nâng lên; mỗi tháng họ đóng góp vài chục nghìn đồng.",
    ),
];

/// Query → the article it must find first.
const TABLE: &[(&str, &str)] = &[
    (
        "muc dong bhyt ho gia dinh",
        "chinh-sach/muc-dong-bhyt-ho-gia-dinh-nam-2025/",
    ),
    (
        "mức đóng bhyt hộ gia đình",
        "chinh-sach/muc-dong-bhyt-ho-gia-dinh-nam-2025/",
    ),
    (
        "bao hiem y te ho gia dinh",
        "chinh-sach/muc-dong-bhyt-ho-gia-dinh-nam-2025/",
    ),
    (
        "muc dong bhyt",
        "chinh-sach/muc-dong-bhyt-ho-gia-dinh-nam-2025/",
    ),
    (
        "thông tuyến",
        "chinh-sach/kham-chua-benh-thong-tuyen-tinh-tu-nam-2025/",
    ),
    (
        "thong tuyen",
        "chinh-sach/kham-chua-benh-thong-tuyen-tinh-tu-nam-2025/",
    ),
    (
        "thong tuyn",
        "chinh-sach/kham-chua-benh-thong-tuyen-tinh-tu-nam-2025/",
    ),
    (
        "rút bhxh một lần",
        "chinh-sach/huong-bhxh-mot-lan-dieu-kien-va-ho-so/",
    ),
    (
        "rut bao hiem xa hoi mot lan",
        "chinh-sach/huong-bhxh-mot-lan-dieu-kien-va-ho-so/",
    ),
    ("BHTN", "chinh-sach/bao-hiem-that-nghiep-ai-phai-tham-gia/"),
    (
        "bảo hiểm thất nghiệp",
        "chinh-sach/bao-hiem-that-nghiep-ai-phai-tham-gia/",
    ),
    (
        "tro cap that nghiep",
        "chinh-sach/dieu-kien-huong-tro-cap-that-nghiep/",
    ),
    ("TCTN", "chinh-sach/dieu-kien-huong-tro-cap-that-nghiep/"),
    (
        "cap lai the bhty",
        "hoi-dap/mat-the-bhyt-thi-cap-lai-the-nao/",
    ),
    (
        "cai dat vssid",
        "tin-tuc/cai-dat-ung-dung-vssid-tren-dien-thoai/",
    ),
    (
        "tra cuu qua trinh dong",
        "hoi-dap/tra-cuu-qua-trinh-dong-bhxh-o-dau/",
    ),
    (
        "tra cứu quá trình đóng bhxh",
        "hoi-dap/tra-cuu-qua-trinh-dong-bhxh-o-dau/",
    ),
    (
        "bhxh tu nguyen",
        "chinh-sach/bhxh-tu-nguyen-muc-dong-va-muc-ho-tro-cua-nha-nuoc/",
    ),
    (
        "bảo hiểm xã hội tự nguyện",
        "chinh-sach/bhxh-tu-nguyen-muc-dong-va-muc-ho-tro-cua-nha-nuoc/",
    ),
    (
        "bhxh tu ngu",
        "chinh-sach/bhxh-tu-nguyen-muc-dong-va-muc-ho-tro-cua-nha-nuoc/",
    ),
    (
        "HSSV",
        "chinh-sach/bhyt-hoc-sinh-sinh-vien-nam-hoc-2025-2026-muc-dong-va-quyen-loi/",
    ),
    (
        "bhyt hoc sinh",
        "chinh-sach/bhyt-hoc-sinh-sinh-vien-nam-hoc-2025-2026-muc-dong-va-quyen-loi/",
    ),
    (
        "kham benh bang cccd",
        "tin-tuc/kham-benh-bang-can-cuoc-cong-dan-gan-chip/",
    ),
    (
        "can cuoc cong dan",
        "tin-tuc/kham-benh-bang-can-cuoc-cong-dan-gan-chip/",
    ),
    (
        "luong huu",
        "chinh-sach/dieu-chinh-luong-huu-tu-ngay-01-7-2024/",
    ),
    (
        "chế độ ốm đâu",
        "chinh-sach/che-do-om-dau-duoc-nghi-bao-nhieu-ngay/",
    ),
    (
        "che do thai san",
        "chinh-sach/che-do-thai-san-khi-sinh-con/",
    ),
    ("TNLĐ", "tin-tuc/ho-tro-nguoi-bi-tai-nan-lao-dong/"),
    (
        "tai nan lao dong",
        "tin-tuc/ho-tro-nguoi-bi-tai-nan-lao-dong/",
    ),
    (
        "dich vu cong",
        "tin-tuc/nop-ho-so-qua-cong-dich-vu-cong-quoc-gia/",
    ),
    ("đồng lòng", "tin-tuc/dong-long-vi-nguoi-lao-dong/"),
    (
        "nghỉ tết",
        "thong-bao/thong-bao-nghi-tet-nguyen-dan-at-ty-2025/",
    ),
    ("huyen an dinh", "thong-ke/don-vi/an-dinh/"),
];

const CATALOG: &str = r#"source: "Cục Thống kê (thử)"
units:
  - id: tinh
    name: Tỉnh Thử
    province: true
  - id: an-dinh
    name: Huyện An Định
    population: {2025: 100000}
  - id: binh-son
    name: Huyện Bình Sơn
    population: {2025: 90000}
  - id: cam-lo
    name: Huyện Cam Lộ
    population: {2025: 80000}
  - id: dong-ha
    name: Thành phố Đông Hà
    population: {2025: 120000}
indicators:
  - id: bhxh_bat_buoc
    name: BHXH bắt buộc
    label: Người tham gia BHXH bắt buộc
  - id: bhtn
    name: BHTN
    label: Người tham gia bảo hiểm thất nghiệp
"#;

fn site() -> Fixture {
    let f = Fixture::new("https://example.gov.vn/");
    // No about page here, so no menu link to one (it would lead nowhere).
    let config = std::fs::read_to_string(f.path("content/site.yaml")).unwrap();
    let about = "  - title: Giới thiệu\n    url: /gioi-thieu/\n";
    assert!(config.contains(about));
    f.write("content/site.yaml", &config.replace(about, ""));
    f.write(
        "content/_index.md",
        "---\ntitle: Trang chủ\n---\nChào mừng.\n",
    );
    for (dir, title) in [
        ("tin-tuc", "Tin tức"),
        ("chinh-sach", "Chính sách"),
        ("hoi-dap", "Hỏi đáp"),
        ("thong-bao", "Thông báo"),
    ] {
        f.write(
            &format!("content/{dir}/_index.md"),
            &format!("---\ntitle: {title}\n---\n"),
        );
    }
    for (file, title, date, tags, text) in ARTICLES {
        f.write(
            &format!("content/{file}"),
            &format!("---\ntitle: \"{title}\"\ndate: {date}\ntags: {tags}\n---\n{text}\n"),
        );
    }
    f.write("content/thong-ke/danh-muc.yaml", CATALOG);
    let units = ["an-dinh", "binh-son", "cam-lo", "dong-ha"];
    let row = |n: u32| format!("{{bhxh_bat_buoc: {}, bhtn: {}}}", 1000 * n, 800 * n);
    let mut plan = String::from("source: \"Kế hoạch (thử)\"\ntargets:\n  2025:\n");
    let mut months =
        String::from("source: \"Báo cáo (thử)\"\nas_of: 2025-10-31\nmonths:\n  2025-10:\n");
    for (n, unit) in (1..).zip(units) {
        plan.push_str(&format!("    {unit}: {}\n", row(n + 1)));
        months.push_str(&format!("    {unit}: {}\n", row(n)));
    }
    f.write("content/thong-ke/ke-hoach.yaml", &plan);
    f.write("content/thong-ke/so-lieu-2025.yaml", &months);
    f
}

/// What the script answers for each query (see search_ranking.mjs).
fn rank(f: &Fixture, queries: &[&str]) -> Vec<Value> {
    let file = f.path("queries.json");
    std::fs::write(&file, serde_json::to_string(queries).unwrap()).unwrap();
    let script = common::repo().join("tests/search_ranking.mjs");
    let out = Command::new("node")
        .arg(&script)
        .arg(f.path("output"))
        .arg(&file)
        .output()
        .expect("Node.js 18 or newer runs the search script (apt-get install nodejs)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice::<Vec<Value>>(&out.stdout).unwrap()
}

fn paths(answer: &Value) -> Vec<&str> {
    answer["top"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["path"].as_str().unwrap())
        .collect()
}

fn marked(answer: &Value) -> Vec<&str> {
    answer["top"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["marked"].as_array().unwrap())
        .map(|w| w.as_str().unwrap())
        .collect()
}

#[test]
fn each_query_of_the_table_finds_its_article_first() {
    let f = site();
    f.build_ok(&[]);
    let queries: Vec<&str> = TABLE.iter().map(|(q, _)| *q).collect();
    let answers = rank(&f, &queries);
    let mut failed = Vec::new();
    for ((query, expected), answer) in TABLE.iter().zip(&answers) {
        let got = paths(answer);
        if got.first() != Some(expected) {
            failed.push(format!("{query:?}: {got:?}, expected {expected}"));
        }
    }
    println!(
        "ranking table: {} of {} queries find their article first",
        TABLE.len() - failed.len(),
        TABLE.len()
    );
    assert!(TABLE.len() >= 25);
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

#[test]
fn words_side_by_side_outrank_the_same_words_apart() {
    let f = site();
    f.build_ok(&[]);
    let answers = rank(&f, &["thông tuyến", "rút bhxh một lần"]);
    // The answer mentions "thông tuyến" in its text; the notices have "Thông báo" in their
    // title and "trực tuyến" in their text.
    assert_eq!(
        paths(&answers[0])[..2],
        [
            "chinh-sach/kham-chua-benh-thong-tuyen-tinh-tu-nam-2025/",
            "hoi-dap/di-lam-o-tinh-khac-co-dung-duoc-the-bhyt-khong/"
        ]
    );
    // "rút" is not in the article about BHXH một lần, all four words are in the other.
    assert_eq!(
        paths(&answers[1])[..2],
        [
            "chinh-sach/huong-bhxh-mot-lan-dieu-kien-va-ho-so/",
            "tin-tuc/hoi-nghi-rut-kinh-nghiem-cong-tac-thu-nam-2025/"
        ]
    );
}

#[test]
fn only_the_spelling_meant_is_highlighted() {
    let f = site();
    f.build_ok(&[]);
    let answers = rank(&f, &["mức đóng", "muc dong bhyt", "dong"]);
    for answer in &answers[..2] {
        let words = marked(answer);
        assert!(words.contains(&"đóng"), "{words:?}");
        assert!(
            !words.iter().any(|w| ["động", "đồng", "Đồng"].contains(w)),
            "{}: {words:?}",
            answer["query"]
        );
    }
    // "dong" alone says nothing of its tone marks: every spelling is marked.
    let words = marked(&answers[2]);
    assert!(
        words.contains(&"Đồng") && words.contains(&"đóng"),
        "{words:?}"
    );
}

#[test]
fn district_pages_found_by_their_description_are_one_result() {
    let f = site();
    f.build_ok(&[]);
    let answers = rank(&f, &["bhtn", "nguoi tham gia bao hiem that nghiep"]);
    for answer in &answers {
        let top = answer["top"].as_array().unwrap();
        assert!(
            !paths(answer)
                .iter()
                .any(|p| p.starts_with("thong-ke/don-vi/")),
            "{answer}"
        );
        let indicator = top
            .iter()
            .find(|r| r["path"] == "thong-ke/bhtn/")
            .unwrap_or_else(|| panic!("{answer}"));
        assert_eq!(
            indicator["units"], 5,
            "the province and its four districts, in one result"
        );
    }
}

#[test]
fn a_document_is_found_by_its_number_typed_loosely() {
    let f = site();
    f.write(
        "content/van-ban/_index.md",
        "---\ntitle: Văn bản\nkind: documents\n---\n",
    );
    for (file, number, kind, issued, title) in [
        (
            "nd-146.md",
            "146/2018/NĐ-CP",
            "Nghị định",
            "2018-10-17",
            "Quy định chi tiết và hướng dẫn biện pháp thi hành một số điều của Luật Bảo hiểm y tế",
        ),
        (
            "nd-105.md",
            "105/2014/NĐ-CP",
            "Nghị định",
            "2014-11-15",
            "Quy định chi tiết một số điều của Luật Bảo hiểm y tế",
        ),
        (
            "qd-595.md",
            "595/QĐ-BHXH",
            "Quyết định",
            "2017-04-14",
            "Quy trình thu bảo hiểm xã hội, bảo hiểm y tế, quản lý sổ, thẻ",
        ),
        (
            "tt-146.md",
            "146/2016/TT-BTC",
            "Thông tư",
            "2016-10-18",
            "Hướng dẫn một số điều về tài chính",
        ),
    ] {
        f.write(
            &format!("content/van-ban/{file}"),
            &format!("---\ntitle: \"{title}\"\nnumber: \"{number}\"\ntype: {kind}\nissuer: Chính phủ\nissued: {issued}\n---\n"),
        );
    }
    f.build_ok(&[]);
    let nd146 = "van-ban/quy-dinh-chi-tiet-va-huong-dan-bien-phap-thi-hanh-mot-so-dieu-cua-luat-bao-hiem-y-te/";
    let qd595 = "van-ban/quy-trinh-thu-bao-hiem-xa-hoi-bao-hiem-y-te-quan-ly-so-the/";
    let table = [
        ("146/2018", nd146),
        ("nd 146", nd146),
        ("146/2018/ND-CP", nd146),
        ("146/2018/nđ-cp", nd146),
        ("Nghị định 146", nd146),
        ("595", qd595),
        ("qd 595", qd595),
    ];
    let queries: Vec<&str> = table.iter().map(|(q, _)| *q).collect();
    let answers = rank(&f, &queries);
    for ((query, expected), answer) in table.iter().zip(&answers) {
        assert_eq!(paths(answer).first(), Some(expected), "{query:?}: {answer}");
    }
}
