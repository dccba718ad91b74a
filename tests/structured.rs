//! Questions-and-answers sections, link previews (Open Graph, Twitter) and schema.org JSON-LD.

mod common;

use common::Fixture;
use serde_json::Value;

/// The JSON-LD blocks of a page, parsed.
fn json_ld(html: &str) -> Vec<Value> {
    const OPEN: &str = "<script type=\"application/ld+json\">";
    html.match_indices(OPEN)
        .map(|(at, _)| {
            let text = &html[at + OPEN.len()..];
            let text = &text[..text.find("</script>").unwrap()];
            serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
        })
        .collect()
}

fn faq_site() -> Fixture {
    let f = Fixture::news_site("https://example.gov.vn/bhxh/");
    f.write(
        "content/hoi-dap/_index.md",
        "---\ntitle: Hỏi đáp\nsort_by: weight\npaginate_by: 10\nfaq: true\n---\nGửi câu hỏi qua thư.\n",
    );
    f.write(
        "content/hoi-dap/mat-the.md",
        "---\ntitle: Mất thẻ BHYT thì làm gì?\ndate: 2023-04-05\nweight: 2\ncategories: [Bảo hiểm y tế]\n---\n\
**Câu hỏi:** Tôi bị mất ví, mất cả thẻ BHYT & giấy tờ.\n\n**Trả lời:**\n\nÔng kê khai tờ khai TK1-TS.\n\n## Giấy tờ\n\nCăn cước công dân.\n",
    );
    f.write(
        "content/hoi-dap/that-nghiep.md",
        "---\ntitle: Nghỉ việc có được trợ cấp?\ndate: 2023-05-01\nweight: 1\ncategories: [Bảo hiểm thất nghiệp]\n---\n\
**Câu hỏi:** Tôi vừa nghỉ việc.\n\n**Trả lời:** Được, nếu đã đóng đủ 12 tháng.\n",
    );
    f.write(
        "content/hoi-dap/chung.md",
        "---\ntitle: Giờ làm việc của cơ quan?\ndate: 2023-01-01\nweight: 3\n---\nTừ thứ Hai đến thứ Sáu.\n",
    );
    f
}

#[test]
fn a_questions_section_lists_each_answer_grouped_by_topic_with_permalinks() {
    let f = faq_site();
    f.build_ok(&[]);
    let html = f.out("hoi-dap/index.html");
    let main = &html[html.find("<main").unwrap()..];
    // Topics in the order the section lists their first question (weight), uncategorised last.
    let order: Vec<usize> = [
        ">Bảo hiểm thất nghiệp</a></h2>",
        ">Bảo hiểm y tế</a></h2>",
        ">Câu hỏi khác</h2>",
    ]
    .iter()
    .map(|h| main.find(h).unwrap_or_else(|| panic!("{h}")))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    // Each question: its own page, an anchor on the list, the reader's question, the answer.
    assert!(main.contains("<article class=\"faq-item\" id=\"cau_mat-the-bhyt-thi-lam-gi\""));
    assert!(main.contains(
        "<a href=\"/bhxh/hoi-dap/mat-the-bhyt-thi-lam-gi/\">Mất thẻ BHYT thì làm gì?</a>"
    ));
    assert!(main.contains("href=\"#cau_mat-the-bhyt-thi-lam-gi\""));
    assert!(main.contains("<p>Tôi bị mất ví, mất cả thẻ BHYT &amp; giấy tờ.</p>"));
    assert!(main.contains("<p>Ông kê khai tờ khai TK1-TS.</p>"));
    assert!(main.contains("<p>Được, nếu đã đóng đủ 12 tháng.</p>"));
    assert!(
        main.contains("<p>Từ thứ Hai đến thứ Sáu.</p>"),
        "a page without labels"
    );
    // The answer's heading sits under the question's h3, without the article page's id.
    assert!(main.contains("<h4>Giấy tờ</h4>"), "{main}");
    assert!(!main.contains("**Trả lời") && !main.contains("<strong>Trả lời"));
    // The question's own page is an ordinary article.
    let page = f.out("hoi-dap/mat-the-bhyt-thi-lam-gi/index.html");
    assert!(page.contains("<h2 id=\"giay-to\">Giấy tờ</h2>"));
}

#[test]
fn questions_come_first_and_their_answers_open_without_javascript() {
    let f = faq_site();
    f.build_ok(&[]);
    let html = f.out("hoi-dap/index.html");
    let main = &html[html.find("<main").unwrap()..html.find("</main>").unwrap()];
    // Every question is a closed disclosure: its title is the summary, the answer inside.
    let items: Vec<&str> = main.split("<article class=\"faq-item\"").skip(1).collect();
    assert_eq!(items.len(), 3);
    for item in &items {
        let details = &item[item.find("<details").unwrap()..item.find("</details>").unwrap()];
        assert!(
            details.starts_with("<details>\n      <summary><h3 id=\"cau_"),
            "{details}"
        );
        let summary_end = details.find("</summary>").unwrap();
        assert!(details[..summary_end].ends_with("</h3>"), "{details}");
        assert!(details[summary_end..].contains("<div class=\"faq-answer prose\">"));
        // Nothing interactive inside the summary, which is itself the button.
        assert!(!details[..summary_end].contains("<a "), "{details}");
    }
    let mat_the = items
        .iter()
        .find(|i| i.starts_with(" id=\"cau_mat-the-bhyt-thi-lam-gi\""))
        .unwrap();
    assert!(mat_the.contains(
        "<summary><h3 id=\"cau_mat-the-bhyt-thi-lam-gi_tieu_de\" class=\"faq-title\">Mất thẻ BHYT thì làm gì?</h3></summary>"
    ));
    // No list of the questions above them: the page is that list.
    assert!(!main.contains("faq-index"));
    // A link to a question opens it: the script that does so is the site's own.
    assert!(html.contains("<script type=\"module\" src=\"/bhxh/js/hoi-dap.js\"></script>"));
    assert!(f.exists("js/hoi-dap.js"));
    assert!(!f.out("tin-tuc/index.html").contains("hoi-dap.js"));
}

#[test]
fn a_questions_section_carries_faq_page_data() {
    let f = faq_site();
    f.build_ok(&[]);
    let html = f.out("hoi-dap/index.html");
    let blocks = json_ld(&html);
    let faq = blocks
        .iter()
        .find(|b| b["@type"] == "FAQPage")
        .unwrap_or_else(|| panic!("{blocks:?}"));
    assert_eq!(faq["url"], "https://example.gov.vn/bhxh/hoi-dap/");
    let questions = faq["mainEntity"].as_array().unwrap();
    let names: Vec<&str> = questions
        .iter()
        .map(|q| q["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Nghỉ việc có được trợ cấp?",
            "Mất thẻ BHYT thì làm gì?",
            "Giờ làm việc của cơ quan?"
        ]
    );
    assert_eq!(questions[1]["@type"], "Question");
    assert_eq!(questions[1]["acceptedAnswer"]["@type"], "Answer");
    let answer = questions[1]["acceptedAnswer"]["text"].as_str().unwrap();
    assert!(
        answer.starts_with("<p>Ông kê khai tờ khai TK1-TS.</p>"),
        "{answer}"
    );
    // Other sections carry no FAQ.
    assert!(
        json_ld(&f.out("tin-tuc/index.html"))
            .iter()
            .all(|b| b["@type"] != "FAQPage")
    );
}

/// The fixture news site with the agency's logo configured.
fn site_with_logo(base_url: &str) -> Fixture {
    let f = Fixture::news_site(base_url);
    f.write(
        "content/site.yaml",
        &common::SITE_YAML
            .replace("BASE_URL", base_url)
            .replace("paginate_by: 2\n", "paginate_by: 2\nlogo: /img/logo.png\n"),
    );
    f
}

fn meta(html: &str, attribute: &str, name: &str) -> Option<String> {
    let open = format!("<meta {attribute}=\"{name}\" content=\"");
    let at = html.find(&open)? + open.len();
    Some(html[at..at + html[at..].find('"')?].to_owned())
}

#[test]
fn articles_carry_link_previews_and_news_article_data() {
    let f = site_with_logo("https://example.gov.vn/bhxh/");
    f.write(
        "content/tin-tuc/anh/index.md",
        "---\ntitle: \"Cảnh báo trang giả mạo </script> BHXH\"\ndate: 2023-03-02T08:30\nupdated: 2023-03-04\nauthor: Nguyễn Văn A\nsummary: Người dân cần cảnh giác.\ntags: [BHXH, Cảnh báo]\nimage: anh.jpg\nimage_alt: Ảnh chụp trang giả mạo\n---\nNội dung.\n",
    );
    f.write_bytes("content/tin-tuc/anh/anh.jpg", b"\xFF\xD8\xFF");
    f.build_ok(&[]);
    let html = f.out("tin-tuc/canh-bao-trang-gia-mao-script-bhxh/index.html");
    let permalink = "https://example.gov.vn/bhxh/tin-tuc/canh-bao-trang-gia-mao-script-bhxh/";
    assert!(html.contains(&format!("<link rel=\"canonical\" href=\"{permalink}\">")));
    let image = format!("{permalink}anh.jpg");
    assert_eq!(
        meta(&html, "property", "og:url").as_deref(),
        Some(permalink)
    );
    assert_eq!(
        meta(&html, "property", "og:type").as_deref(),
        Some("article")
    );
    assert_eq!(
        meta(&html, "property", "og:description").as_deref(),
        Some("Người dân cần cảnh giác.")
    );
    assert_eq!(meta(&html, "property", "og:image"), Some(image.clone()));
    assert_eq!(
        meta(&html, "property", "og:image:alt").as_deref(),
        Some("Ảnh chụp trang giả mạo")
    );
    assert_eq!(
        meta(&html, "name", "twitter:card").as_deref(),
        Some("summary_large_image")
    );
    assert_eq!(
        meta(&html, "name", "twitter:image:alt").as_deref(),
        Some("Ảnh chụp trang giả mạo")
    );
    assert_eq!(
        meta(&html, "name", "twitter:title").as_deref(),
        Some("Cảnh báo trang giả mạo &lt;/script&gt; BHXH")
    );
    let blocks = json_ld(&html);
    assert_eq!(
        blocks.len(),
        1,
        "a title with </script> does not end the block"
    );
    let article = &blocks[0];
    assert_eq!(article["@type"], "NewsArticle");
    assert_eq!(article["headline"], "Cảnh báo trang giả mạo </script> BHXH");
    assert_eq!(article["mainEntityOfPage"], permalink);
    assert_eq!(article["datePublished"], "2023-03-02T08:30:00+07:00");
    assert_eq!(article["dateModified"], "2023-03-04T00:00:00+07:00");
    assert_eq!(article["image"], serde_json::json!([image]));
    assert_eq!(
        article["author"],
        serde_json::json!({"@type": "Person", "name": "Nguyễn Văn A"})
    );
    assert_eq!(article["publisher"]["@type"], "GovernmentOrganization");
    assert_eq!(article["publisher"]["name"], "Bảo hiểm xã hội tỉnh Thử");
    assert_eq!(
        article["publisher"]["logo"]["url"],
        "https://example.gov.vn/bhxh/img/logo.png"
    );
    assert_eq!(article["articleSection"], "Tin tức");
    assert_eq!(article["keywords"], serde_json::json!(["BHXH", "Cảnh báo"]));
    assert!(f.exists("img/logo.png"));
}

#[test]
fn without_an_image_previews_show_the_logo() {
    let f = site_with_logo("https://example.gov.vn/");
    f.write(
        "content/thong-bao/lich.md",
        "---\ntitle: Lịch tiếp dân\ndate: 2023-01-02\nauthor: Phòng Truyền thông\n---\nTiếp dân thứ Năm.\n",
    );
    f.build_ok(&[]);
    let html = f.out("tin-tuc/dong-bhyt-ho-gia-dinh-nam-2022/index.html");
    let logo = "https://example.gov.vn/img/logo.png";
    assert_eq!(meta(&html, "property", "og:image").as_deref(), Some(logo));
    assert_eq!(
        meta(&html, "property", "og:image:alt").as_deref(),
        Some("Bảo hiểm xã hội tỉnh Thử")
    );
    assert_eq!(
        meta(&html, "name", "twitter:card").as_deref(),
        Some("summary")
    );
    let article = &json_ld(&html)[0];
    assert_eq!(article["image"], serde_json::json!([logo]));
    // Without an author the agency wrote it; a unit of the agency is an organisation.
    let policy = &json_ld(&f.out("chinh-sach/bhyt/muc-dong-bhyt/index.html"))[0];
    assert_eq!(
        policy["author"],
        serde_json::json!({"@type": "GovernmentOrganization", "name": "Bảo hiểm xã hội tỉnh Thử"})
    );
    let notice = &json_ld(&f.out("thong-bao/lich-tiep-dan/index.html"))[0];
    assert_eq!(
        notice["author"],
        serde_json::json!({"@type": "Organization", "name": "Phòng Truyền thông"})
    );
    let home = f.out("index.html");
    assert_eq!(meta(&home, "property", "og:image").as_deref(), Some(logo));
    // A standalone page is not news.
    assert!(json_ld(&f.out("gioi-thieu/index.html")).is_empty());
}

#[test]
fn breadcrumbs_carry_a_breadcrumb_list() {
    let f = Fixture::news_site("https://example.gov.vn/");
    f.build_ok(&[]);
    let html = f.out("chinh-sach/bhyt/muc-dong-bhyt/index.html");
    let nav = &html[html.find("<nav class=\"breadcrumbs\"").unwrap()..];
    let nav = &nav[..nav.find("</nav>").unwrap()];
    assert!(nav.contains("<ol itemscope itemtype=\"https://schema.org/BreadcrumbList\">"));
    let items: Vec<&str> = nav
        .split("itemtype=\"https://schema.org/ListItem\"")
        .skip(1)
        .collect();
    let expected = [
        ("/", "Trang chủ"),
        ("/chinh-sach/", "Chính sách"),
        ("/chinh-sach/bhyt/", "Bảo hiểm y tế"),
        ("/chinh-sach/bhyt/muc-dong-bhyt/", "Mức đóng BHYT"),
    ];
    assert_eq!(items.len(), expected.len());
    for (n, (item, (url, name))) in items.iter().zip(expected).enumerate() {
        assert!(
            item.contains(&format!("<a itemprop=\"item\" href=\"{url}\"")),
            "{item}"
        );
        assert!(
            item.contains(&format!("<span itemprop=\"name\">{name}</span>")),
            "{item}"
        );
        assert!(item.contains(&format!(
            "<meta itemprop=\"position\" content=\"{}\">",
            n + 1
        )));
    }
}

#[test]
fn a_missing_logo_is_reported_at_its_line() {
    let f = site_with_logo("https://example.gov.vn/");
    let yaml = std::fs::read_to_string(f.path("content/site.yaml")).unwrap();
    f.write(
        "content/site.yaml",
        &yaml.replace("/img/logo.png", "/img/bieu-trung.png"),
    );
    let run = f.build();
    assert!(!run.ok);
    let line = yaml.lines().position(|l| l.starts_with("logo:")).unwrap() + 1;
    assert!(
        run.stderr.contains(&format!("content/site.yaml:{line}:")),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("the logo `/img/bieu-trung.png` does not exist")
    );
    assert!(
        run.stderr
            .contains("help: give the path of a PNG or JPEG file")
    );
}
