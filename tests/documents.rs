//! Legal documents (văn bản): a `kind: documents` section, its checks, relations and pages.

mod common;
use common::Fixture;

/// A register of four documents: a decree replaced by a newer one, an expired letter and a
/// guide of the province not yet in force.
fn register() -> Fixture {
    let f = Fixture::news_site("https://example.gov.vn/");
    f.write(
        "content/van-ban/_index.md",
        "---\ntitle: Văn bản\nkind: documents\n---\n",
    );
    f.write(
        "content/van-ban/nd-105.md",
        "---\ntitle: Quy định chi tiết Luật Bảo hiểm y tế (cũ)\nnumber: \"105/2014/NĐ-CP\"\ntype: Nghị định\nissuer: Chính phủ\nissued: 2014-11-15\neffective: 2015-01-01\n---\n",
    );
    f.write(
        "content/van-ban/nd-146.md",
        "---\ntitle: Quy định chi tiết và hướng dẫn biện pháp thi hành Luật Bảo hiểm y tế\nnumber: \"146/2018/NĐ-CP\"\ntype: Nghị định\nissuer: Chính phủ\nsigner: Nguyễn Xuân Phúc\nissued: 2018-10-17\neffective: 2018-12-01\nreplaces: [\"105/2014/NĐ-CP\"]\nfields: [BHYT]\nfile: nd-146-2018.pdf\n---\nTóm tắt cho người dân.\n",
    );
    f.write_bytes("content/van-ban/nd-146-2018.pdf", b"%PDF-1.4\n");
    f.write(
        "content/van-ban/cv-cu.md",
        "---\ntitle: Thu BHYT học sinh năm học cũ\nnumber: \"7/CV-BHXH\"\ntype: Công văn\nissuer: Bảo hiểm xã hội tỉnh\nissued: 2016-08-01\nexpires: 2017-06-01\n---\n",
    );
    f.write(
        "content/van-ban/hd-moi/index.md",
        "---\ntitle: Hướng dẫn thu BHYT năm tới\nnumber: \"12/HD-BHXH\"\ntype: Hướng dẫn\nissuer: Bảo hiểm xã hội tỉnh\nissued: 2019-03-01\neffective: 2099-01-01\n---\n",
    );
    f
}

#[test]
fn a_document_page_shows_its_facts_relations_and_file() {
    let f = register();
    f.build_ok(&[]);
    let new = f.out(
        "van-ban/quy-dinh-chi-tiet-va-huong-dan-bien-phap-thi-hanh-luat-bao-hiem-y-te/index.html",
    );
    for fact in [
        "<th scope=\"row\">Số ký hiệu</th><td>146/2018/NĐ-CP</td>",
        "<th scope=\"row\">Loại văn bản</th><td>Nghị định</td>",
        "<th scope=\"row\">Người ký</th><td>Nguyễn Xuân Phúc</td>",
        "<th scope=\"row\">Ngày ban hành</th><td>17/10/2018</td>",
        "<th scope=\"row\">Ngày hiệu lực</th><td>01/12/2018</td>",
        "<th scope=\"row\">Tình trạng</th><td>Còn hiệu lực</td>",
        "<th scope=\"row\">Lĩnh vực</th><td>BHYT</td>",
        "Thay thế <a href=\"/van-ban/quy-dinh-chi-tiet-luat-bao-hiem-y-te-cu/\">105/2014/NĐ-CP</a>",
        "<a href=\"/van-ban/nd-146-2018.pdf\" download>",
    ] {
        assert!(new.contains(fact), "{fact:?} missing in:\n{new}");
    }
    assert!(f.exists("van-ban/nd-146-2018.pdf"));
    let old = f.out("van-ban/quy-dinh-chi-tiet-luat-bao-hiem-y-te-cu/index.html");
    assert!(
        old.contains("<th scope=\"row\">Tình trạng</th><td>Đã bị thay thế</td>"),
        "{old}"
    );
    assert!(old.contains(
        "Được thay thế bởi <a href=\"/van-ban/quy-dinh-chi-tiet-va-huong-dan-bien-phap-thi-hanh-luat-bao-hiem-y-te/\">146/2018/NĐ-CP</a>"
    ), "{old}");
    let guide = f.out("van-ban/huong-dan-thu-bhyt-nam-toi/index.html");
    assert!(guide.contains("<td>Chưa có hiệu lực</td>"), "{guide}");
    let letter = f.out("van-ban/thu-bhyt-hoc-sinh-nam-hoc-cu/index.html");
    assert!(letter.contains("<td>Hết hiệu lực</td>"), "{letter}");
    assert!(!letter.contains("document-relation"), "{letter}");
}

#[test]
fn the_register_lists_the_newest_issued_first() {
    let f = register();
    f.write(
        "content/site.yaml",
        &common::SITE_YAML
            .replace("BASE_URL", "https://example.gov.vn/")
            .replace("paginate_by: 2", "paginate_by: 10"),
    );
    f.build_ok(&[]);
    let list = f.out("van-ban/index.html");
    let at = |s: &str| {
        list.find(s)
            .unwrap_or_else(|| panic!("{s} missing in:\n{list}"))
    };
    assert!(at("12/HD-BHXH") < at("146/2018/NĐ-CP"));
    assert!(at("146/2018/NĐ-CP") < at("7/CV-BHXH"));
    assert!(at("7/CV-BHXH") < at("105/2014/NĐ-CP"));
    // Each cell carries its heading, for the phone's cards.
    assert!(
        list.contains(
            "<td data-label=\"Ngày ban hành\"><time datetime=\"2018-10-17\">17/10/2018</time></td>"
        ),
        "{list}"
    );
    assert!(list.contains("<td data-label=\"Cơ quan ban hành\">Chính phủ</td>"));
    assert!(list.contains("<td data-label=\"Tình trạng\">Đã bị thay thế</td>"));
    assert!(list.contains(
        "<td class=\"document-abstract\" data-label=\"Trích yếu\">Quy định chi tiết Luật Bảo hiểm y tế (cũ)</td>"
    ));
}

fn fails(f: &Fixture, expected: &[&str]) -> String {
    let run = f.build();
    assert!(!run.ok, "the build should fail:\n{}", run.stderr);
    for e in expected {
        assert!(run.stderr.contains(e), "expected {e:?} in:\n{}", run.stderr);
    }
    run.stderr
}

#[test]
fn missing_keys_are_all_reported_at_the_front_matter() {
    let f = register();
    f.write("content/van-ban/x.md", "---\ntitle: Thiếu hết\n---\n");
    fails(
        &f,
        &[
            "content/van-ban/x.md:1:1",
            "the document has no `number`",
            "the document has no `type`",
            "the document has no `issuer`",
            "the document has no `issued`",
        ],
    );
}

#[test]
fn a_number_used_twice_names_both_files() {
    let f = register();
    f.write(
        "content/van-ban/trung.md",
        "---\ntitle: Trùng số\nnumber: \"146/2018/NĐ-CP\"\ntype: Nghị định\nissuer: Chính phủ\nissued: 2018-10-17\n---\n",
    );
    fails(
        &f,
        &[
            "content/van-ban/trung.md:3:9",
            "the number `146/2018/NĐ-CP` is already used by",
            "content/van-ban/nd-146.md",
        ],
    );
}

#[test]
fn effective_before_issued_unknown_type_and_missing_file_are_errors() {
    let f = register();
    f.write(
        "content/van-ban/sai.md",
        "---\ntitle: Sai\nnumber: \"1/CV\"\ntype: Nghị đinh\nissuer: Chính phủ\nissued: 2020-05-01\neffective: 2020-04-01\nfile: khong-co.pdf\n---\n",
    );
    fails(
        &f,
        &[
            "content/van-ban/sai.md:4:7",
            "`Nghị đinh` is not a type of document",
            "Luật, Nghị định, Thông tư",
            "content/van-ban/sai.md:7:12",
            "the document takes effect (2020-04-01) before it was issued (2020-05-01)",
            "content/van-ban/sai.md:8:7",
            "the file `khong-co.pdf` does not exist",
        ],
    );
}

#[test]
fn site_yaml_adds_types_of_document() {
    let f = register();
    let doc = "---\ntitle: Tờ trình\nnumber: \"3/TTr-BHXH\"\ntype: Tờ trình\nissuer: Bảo hiểm xã hội tỉnh\nissued: 2024-03-01\n---\n";
    f.write("content/van-ban/to-trinh.md", doc);
    fails(
        &f,
        &[
            "content/van-ban/to-trinh.md:4:7",
            "`Tờ trình` is not a type of document",
            "add it to `document_types` in content/site.yaml",
        ],
    );
    let config = std::fs::read_to_string(f.path("content/site.yaml")).unwrap();
    f.write(
        "content/site.yaml",
        &format!("{config}document_types: [Tờ trình]\n"),
    );
    f.build_ok(&[]);
    assert!(
        f.out("van-ban/to-trinh/index.html")
            .contains("<td>Tờ trình</td>")
    );
    assert!(f.out("van-ban/index.html").contains("3/TTr-BHXH"));
}

#[test]
fn an_unknown_replaced_number_warns_with_the_near_match() {
    let f = register();
    f.write(
        "content/van-ban/moi.md",
        "---\ntitle: Mới\nnumber: \"2/CV\"\ntype: Công văn\nissuer: Bảo hiểm xã hội tỉnh\nissued: 2020-05-01\namends: [\"146/2018/ND-CP\"]\n---\n",
    );
    let run = f.build_ok(&[]);
    assert!(!run.stderr.contains("has no summary"), "{}", run.stderr);
    for e in [
        "content/van-ban/moi.md:7:9",
        "`146/2018/ND-CP` (amends) is not a document of the register",
        "did you mean `146/2018/NĐ-CP`?",
    ] {
        assert!(run.stderr.contains(e), "expected {e:?} in:\n{}", run.stderr);
    }
}

#[test]
fn document_keys_are_refused_outside_a_register() {
    let f = register();
    f.write(
        "content/tin-tuc/bon.md",
        "---\ntitle: Tin\ndate: 2022-01-01\nnumber: \"3/CV\"\n---\n",
    );
    let stderr = fails(
        &f,
        &[
            "content/tin-tuc/bon.md:4:1",
            "unknown field `number`",
            "`weight`",
        ],
    );
    assert!(
        !stderr.contains("`issuer`"),
        "only the page keys are offered:\n{stderr}"
    );
}

/// The `<script type="application/ld+json">` of a page, parsed.
fn json_ld(html: &str) -> serde_json::Value {
    let start = html
        .find(r#"<script type="application/ld+json">"#)
        .expect("the page has JSON-LD")
        + r#"<script type="application/ld+json">"#.len();
    let end = start + html[start..].find("</script>").unwrap();
    serde_json::from_str(&html[start..end]).expect("JSON-LD parses")
}

#[test]
fn the_download_link_says_format_size_and_pages() {
    let f = register();
    let pdf = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R 4 0 R 5 0 R] /Count 3 >>\nendobj\n";
    f.write(
        "content/van-ban/nd-146-2018.pdf",
        &format!("{pdf}{}", "%\n".repeat(700_000)),
    );
    f.write(
        "content/van-ban/cv-cu.md",
        "---\ntitle: Thu BHYT học sinh năm học cũ\nnumber: \"7/CV-BHXH\"\ntype: Công văn\nissuer: Bảo hiểm xã hội tỉnh\nissued: 2016-08-01\nexpires: 2017-06-01\nfile: cv-7.docx\n---\n",
    );
    f.write_bytes("content/van-ban/cv-7.docx", &[b'P'; 2500]);
    f.build_ok(&[]);
    let new = f.out(
        "van-ban/quy-dinh-chi-tiet-va-huong-dan-bien-phap-thi-hanh-luat-bao-hiem-y-te/index.html",
    );
    assert!(
        new.contains(r#"<span class="document-file-facts">(PDF, 1,4 MB, 3 trang)</span>"#),
        "{new}"
    );
    let letter = f.out("van-ban/thu-bhyt-hoc-sinh-nam-hoc-cu/index.html");
    assert!(
        letter.contains(r#"<span class="document-file-facts">(DOCX, 3 KB)</span>"#),
        "{letter}"
    );
}

#[test]
fn a_document_page_carries_schema_org_legislation() {
    let f = register();
    f.build_ok(&[]);
    let new = f.out(
        "van-ban/quy-dinh-chi-tiet-va-huong-dan-bien-phap-thi-hanh-luat-bao-hiem-y-te/index.html",
    );
    let ld = json_ld(&new);
    assert_eq!(ld["@type"], "Legislation");
    assert_eq!(ld["legislationIdentifier"], "146/2018/NĐ-CP");
    assert_eq!(ld["legislationType"], "Nghị định");
    assert_eq!(ld["legislationDate"], "2018-10-17");
    assert_eq!(ld["legislationDateVersion"], "2018-12-01");
    assert_eq!(ld["legislationPassedBy"]["name"], "Chính phủ");
    assert_eq!(ld["legislationLegalForce"], "https://schema.org/InForce");
    assert_eq!(
        ld["legislationChanges"][0],
        "https://example.gov.vn/van-ban/quy-dinh-chi-tiet-luat-bao-hiem-y-te-cu/"
    );
    assert_eq!(ld["encoding"]["@type"], "MediaObject");
    assert_eq!(
        ld["encoding"]["contentUrl"],
        "https://example.gov.vn/van-ban/nd-146-2018.pdf"
    );
    assert_eq!(ld["encoding"]["encodingFormat"], "application/pdf");
    let old = json_ld(&f.out("van-ban/quy-dinh-chi-tiet-luat-bao-hiem-y-te-cu/index.html"));
    assert_eq!(
        old["legislationLegalForce"],
        "https://schema.org/NotInForce"
    );
    assert!(old.get("encoding").is_none());
    // An article stays a NewsArticle.
    let article = json_ld(&f.out("tin-tuc/dong-bhyt-ho-gia-dinh-nam-2022/index.html"));
    assert_eq!(article["@type"], "NewsArticle");
    assert_eq!(article["inLanguage"], "vi");
}

#[test]
fn an_article_links_the_first_mention_of_each_document_and_nothing_else() {
    let f = register();
    f.write(
        "content/tin-tuc/trich-dan.md",
        "---\ntitle: Trích dẫn văn bản\ndate: 2024-05-01\nsummary: Thử.\n---\n\
## Nghị định 146/2018/NĐ-CP trong tiêu đề\n\n\
Theo Nghị định số 146/2018/NĐ-CP ngày 17/10/2018, mức hưởng là 80%; Nghị định 146/2018/NĐ-CP nói thêm.\n\n\
Theo NĐ 146/2018 lần nữa. Hướng dẫn 12/HD-BHXH áp dụng từ năm sau.\n\n\
Mã `146/2018/NĐ-CP` và [liên kết 12/hd-bhxh](https://example.gov.vn/x) giữ nguyên.\n\n\
Ngày 01/7/2024, tỷ lệ 1/2, số 20/2018/NĐ-CP không có trong danh mục, 4,5% lương cơ sở.\n",
    );
    f.write(
        "content/tin-tuc/viet-tat.md",
        "---\ntitle: Viết tắt\ndate: 2024-05-02\nsummary: Thử.\n---\nMức đóng theo nđ 146/2018 và theo Nghị định số 146/2018.\n",
    );
    let run = f.build_ok(&[]);
    let html = f.out("tin-tuc/trich-dan-van-ban/index.html");
    let doc = "/van-ban/quy-dinh-chi-tiet-va-huong-dan-bien-phap-thi-hanh-luat-bao-hiem-y-te/";
    let link = format!(r#"<a href="{doc}">146/2018/NĐ-CP</a>"#);
    assert_eq!(html.matches(&link).count(), 1, "{html}");
    assert!(
        html.contains(&format!("Theo Nghị định số {link} ngày 17/10/2018")),
        "{html}"
    );
    assert!(html.contains("Nghị định 146/2018/NĐ-CP nói thêm"));
    assert!(html.contains("Theo NĐ 146/2018 lần nữa"));
    assert!(
        html.contains(r#"Hướng dẫn <a href="/van-ban/huong-dan-thu-bhyt-nam-toi/">12/HD-BHXH</a>"#),
        "{html}"
    );
    // Headings, code and link text are left alone; so are dates, fractions and unknown numbers.
    assert!(
        html.contains(">Nghị định 146/2018/NĐ-CP trong tiêu đề</h2>"),
        "{html}"
    );
    assert!(html.contains("<code>146/2018/NĐ-CP</code>"));
    assert!(html.contains(">liên kết 12/hd-bhxh</a>"));
    assert!(
        html.contains("Ngày 01/7/2024, tỷ lệ 1/2, số 20/2018/NĐ-CP không có"),
        "{html}"
    );
    // The short forms after the type, however written.
    let short = f.out("tin-tuc/viet-tat/index.html");
    assert!(
        short.contains(&format!(r#"theo nđ <a href="{doc}">146/2018</a> và"#)),
        "{short}"
    );
    // A document's own page does not link itself; nothing here cites a replaced one.
    let own = f.out(&format!("{}index.html", &doc[1..]));
    assert!(!own.contains(&format!(r#"<a href="{doc}">"#)));
    assert!(!run.stderr.contains("the article cites"), "{}", run.stderr);
}

#[test]
fn citing_a_replaced_document_is_a_warning_at_its_line() {
    let f = register();
    f.write(
        "content/tin-tuc/cu.md",
        "---\ntitle: Văn bản cũ\ndate: 2024-05-01\nsummary: Thử.\n---\nMức hưởng theo\nNghị định số 105/2014/ND-CP vẫn áp dụng.\n",
    );
    // Saying the cited document is past is history, not a mistake.
    f.write(
        "content/tin-tuc/lich-su.md",
        "---\ntitle: Lịch sử\ndate: 2024-05-02\nsummary: Thử.\n---\nMức đóng là 4,5% của 2.340.000 đồng (trước đây theo Nghị định số 105/2014/NĐ-CP).\n",
    );
    // So is an article written while it applied (146/2018 took effect on 01/12/2018).
    f.write(
        "content/tin-tuc/nam-2016.md",
        "---\ntitle: Năm 2016\ndate: 2016-03-01\nsummary: Thử.\n---\nMức hưởng theo Nghị định số 105/2014/NĐ-CP.\n",
    );
    let run = f.build_ok(&[]);
    assert!(
        !run.stderr.contains("content/tin-tuc/nam-2016.md"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("content/tin-tuc/lich-su.md"),
        "{}",
        run.stderr
    );
    assert!(
        f.out("tin-tuc/lich-su/index.html")
            .contains(">105/2014/NĐ-CP</a>")
    );
    for e in [
        "content/tin-tuc/cu.md:7:14",
        "the article cites 105/2014/NĐ-CP, which was replaced by 146/2018/NĐ-CP",
    ] {
        assert!(run.stderr.contains(e), "expected {e:?} in:\n{}", run.stderr);
    }
    let html = f.out("tin-tuc/van-ban-cu/index.html");
    assert!(
        html.contains(
            r#"<a href="/van-ban/quy-dinh-chi-tiet-luat-bao-hiem-y-te-cu/">105/2014/ND-CP</a>"#
        ),
        "{html}"
    );
}

/// A register holds two laws of the same name (the 2014 law and the 2024 one replacing it),
/// and official abstracts longer than a headline: neither is a fault of the editor.
#[test]
fn documents_may_share_a_title_and_keep_their_long_official_abstract() {
    let f = Fixture::news_site("https://example.gov.vn/");
    f.write(
        "content/van-ban/_index.md",
        "---\ntitle: Văn bản\nkind: documents\n---\n",
    );
    f.write(
        "content/van-ban/luat-2014.md",
        "---\ntitle: Luật Bảo hiểm xã hội\nslug: luat-58-2014-qh13\nnumber: \"58/2014/QH13\"\ntype: Luật\nissuer: Quốc hội\nissued: 2014-11-20\n---\n",
    );
    f.write(
        "content/van-ban/luat-2024.md",
        "---\ntitle: Luật Bảo hiểm xã hội\nslug: luat-41-2024-qh15\nnumber: \"41/2024/QH15\"\ntype: Luật\nissuer: Quốc hội\nissued: 2024-06-29\nreplaces: [\"58/2014/QH13\"]\n---\n",
    );
    let abstract_ = "Hướng dẫn thực hiện Điều 52 của Luật Việc làm và một số điều của Nghị định số 28/2015/NĐ-CP ngày 12 tháng 3 năm 2015 của Chính phủ quy định chi tiết thi hành một số điều của Luật Việc làm về bảo hiểm thất nghiệp";
    assert!(abstract_.chars().count() > 150);
    f.write(
        "content/van-ban/tt-28.md",
        &format!("---\ntitle: \"{abstract_}\"\nnumber: \"28/2015/TT-BLĐTBXH\"\ntype: Thông tư\nissuer: Bộ Lao động – Thương binh và Xã hội\nissued: 2015-07-31\n---\n"),
    );
    let check = f.loa(&["check"]);
    assert!(check.ok, "{}", check.stdout);
    assert_eq!(
        check.stdout.trim(),
        "0 errors, 0 warnings in 0 files",
        "{}",
        check.stdout
    );
    // The same titles among articles still are faults.
    f.write(
        "content/tin-tuc/bon.md",
        "---\ntitle: Luật Bảo hiểm xã hội\ndate: 2024-07-01\n---\nTin.\n",
    );
    f.write(
        "content/tin-tuc/nam.md",
        &format!("---\ntitle: Luật Bảo hiểm xã hội\nslug: luat-moi\ndate: 2024-07-02\n---\nTin.\n\n{abstract_}\n"),
    );
    f.write(
        "content/tin-tuc/sau.md",
        &format!("---\ntitle: \"{abstract_}\"\ndate: 2024-07-03\n---\nTin.\n"),
    );
    let check = f.loa(&["check"]);
    assert!(check.stdout.contains("duplicate-title"), "{}", check.stdout);
    assert!(check.stdout.contains("long-title"), "{}", check.stdout);
}
