//! Structured data for search engines and link previews: schema.org JSON-LD of articles and
//! of questions-and-answers lists.

use serde_json::{Value, json};

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
