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
