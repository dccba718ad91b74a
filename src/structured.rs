//! Structured data for search engines and link previews: schema.org JSON-LD of articles and
//! of questions-and-answers lists.

use serde_json::{Value, json};

use crate::site::{PageId, Site};

/// Authors that are units of the agency rather than people (`Phòng Truyền thông`).
const UNIT_PREFIXES: &[&str] = &[
    "Phòng ",
    "Ban ",
    "Văn phòng",
    "Trung tâm",
    "Bảo hiểm xã hội",
    "BHXH",
    "Sở ",
    "Ủy ban",
    "UBND",
];

/// The text of a `<script type="application/ld+json">` element. serde_json writes the JSON;
/// `<`, `>` and `&` are escaped (`\u003c`, valid in JSON strings) so that no `</script>` in a
/// title or answer can end the element early.
pub fn script_json(value: &Value) -> String {
    serde_json::to_string(value)
        .expect("JSON values serialise")
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// The agency as publisher: a government organisation, with its logo when it has one.
fn publisher(site: &Site) -> Value {
    let config = &site.config;
    let mut publisher = json!({
        "@type": "GovernmentOrganization",
        "name": config.agency,
        "url": config.base_url,
    });
    if let Some(logo) = config.logo_permalink() {
        publisher["logo"] = json!({"@type": "ImageObject", "url": logo});
    }
    publisher
}

/// NewsArticle of an article; none for a standalone page, which is not news.
/// `image` is the article's image as an absolute URL, if it has one.
pub fn article(site: &Site, id: PageId, image: Option<&str>) -> Option<String> {
    let config = &site.config;
    let page = &site.pages[id];
    let s = &page.source;
    let section = &site.sections[page.section?];
    let date = s.date?;
    let permalink = config.permalink(&page.path);
    let author = match &s.author {
        Some(name) if UNIT_PREFIXES.iter().any(|p| name.starts_with(p)) => {
            json!({"@type": "Organization", "name": name})
        }
        Some(name) => json!({"@type": "Person", "name": name}),
        None => json!({"@type": "GovernmentOrganization", "name": config.agency}),
    };
    let images: Vec<String> = image
        .map(str::to_owned)
        .or_else(|| config.logo_permalink())
        .into_iter()
        .collect();
    let tags: Vec<&str> = s.tags.iter().map(String::as_str).collect();
    Some(script_json(&json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": s.title,
        "description": s.summary.as_deref().unwrap_or(&s.content.summary_text),
        "url": permalink,
        "mainEntityOfPage": permalink,
        "inLanguage": "vi",
        "datePublished": date.rfc3339(config.offset),
        "dateModified": s.updated.unwrap_or(date).rfc3339(config.offset),
        "image": images,
        "author": author,
        "publisher": publisher(site),
        "articleSection": section.source.title,
        "keywords": tags,
    })))
}

/// FAQPage of a list of (question, answer HTML).
pub fn faq_page(permalink: &str, questions: &[(String, String)]) -> String {
    let questions: Vec<Value> = questions
        .iter()
        .map(|(name, answer)| {
            json!({
                "@type": "Question",
                "name": name,
                "acceptedAnswer": {"@type": "Answer", "text": answer},
            })
        })
        .collect();
    script_json(&json!({
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "url": permalink,
        "inLanguage": "vi",
        "mainEntity": questions,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_text_cannot_close_the_element() {
        let text = script_json(&json!({"name": "a</script><script>alert(1)</script> & b"}));
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'));
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["name"], "a</script><script>alert(1)</script> & b");
    }
}
