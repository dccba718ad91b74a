//! Structured data for search engines and link previews: schema.org JSON-LD of articles, of
//! legal documents and of questions-and-answers lists.

use serde::Serialize;
use serde_json::{Value, json};

use crate::load::documents::Status;
use crate::site::{PageId, Site, documents};

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
/// `<`, `>` and `&` in its strings are escaped (`\u003c`, valid in JSON strings) so that no
/// `</script>` in a title or answer can end the element early.
pub(crate) fn script_json(value: &impl Serialize) -> String {
    let mut out = Vec::with_capacity(1024);
    value
        .serialize(&mut serde_json::Serializer::with_formatter(
            &mut out, ScriptSafe,
        ))
        .expect("JSON values serialise");
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

/// serde_json's compact output with `<`, `>` and `&` escaped inside strings (keys included).
struct ScriptSafe;

impl serde_json::ser::Formatter for ScriptSafe {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut rest = fragment;
        while let Some(at) = rest.bytes().position(|b| matches!(b, b'<' | b'>' | b'&')) {
            writer.write_all(&rest.as_bytes()[..at])?;
            writer.write_all(match rest.as_bytes()[at] {
                b'<' => b"\\u003c",
                b'>' => b"\\u003e",
                _ => b"\\u0026",
            })?;
            rest = &rest[at + 1..];
        }
        writer.write_all(rest.as_bytes())
    }
}

/// A schema.org thing with a type and a name: an article's author.
#[derive(Serialize)]
struct Named<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

#[derive(Serialize)]
struct ImageObject<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    url: &'a str,
}

/// The agency as publisher: a government organisation, with its logo when it has one.
#[derive(Serialize)]
struct Publisher<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    logo: Option<ImageObject<'a>>,
    name: &'a str,
    url: &'a str,
}

/// Fields in the order serde_json's maps print them (sorted), which search engines ignore
/// and which keeps the output stable for readers of the HTML.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NewsArticle<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    article_section: &'a str,
    author: Named<'a>,
    date_modified: String,
    date_published: String,
    description: &'a str,
    headline: &'a str,
    image: &'a [&'a str],
    in_language: &'a str,
    keywords: &'a [String],
    main_entity_of_page: &'a str,
    publisher: Publisher<'a>,
    url: &'a str,
}

/// NewsArticle of an article, Legislation of a legal document; none for a standalone page,
/// which is not news. `image` is the article's image as an absolute URL, if it has one.
pub(crate) fn article(site: &Site, id: PageId, image: Option<&str>) -> Option<String> {
    let config = &site.config;
    let page = &site.pages[id];
    let s = &page.source;
    if s.document.is_some() {
        return legislation(site, id);
    }
    let section = &site.sections[page.section?];
    let date = s.date?;
    let permalink = config.permalink(&page.path);
    let author = match &s.author {
        Some(name) if UNIT_PREFIXES.iter().any(|p| name.starts_with(p)) => Named {
            kind: "Organization",
            name,
        },
        Some(name) => Named {
            kind: "Person",
            name,
        },
        None => Named {
            kind: "GovernmentOrganization",
            name: &config.agency,
        },
    };
    let logo = config.logo_permalink();
    let image = image.or(logo.as_deref());
    Some(script_json(&NewsArticle {
        context: "https://schema.org",
        kind: "NewsArticle",
        article_section: &section.source.title,
        author,
        date_modified: s.updated.unwrap_or(date).rfc3339(config.offset),
        date_published: date.rfc3339(config.offset),
        description: s.summary.as_deref().unwrap_or(&s.content.summary_text),
        headline: &s.title,
        image: image.as_slice(),
        in_language: site.languages.code(s.lang),
        keywords: &s.tags,
        main_entity_of_page: &permalink,
        publisher: Publisher {
            kind: "GovernmentOrganization",
            logo: logo.as_deref().map(|url| ImageObject {
                kind: "ImageObject",
                url,
            }),
            name: &config.agency,
            url: &config.base_url,
        },
        url: &permalink,
    }))
}

/// schema.org Legislation of a document of the register: its number, type, issuer, date,
/// whether it is in force, the documents it changes and its file.
fn legislation(site: &Site, id: PageId) -> Option<String> {
    let config = &site.config;
    let page = &site.pages[id];
    let s = &page.source;
    let d = s.document.as_deref()?;
    let relations = page.document.as_deref();
    let status = relations.map_or(d.status.unwrap_or_default(), |r| r.status);
    let force = match status {
        Status::InForce => "https://schema.org/InForce",
        Status::PartlyReplaced => "https://schema.org/PartiallyInForce",
        Status::NotYet | Status::Expired | Status::Replaced => "https://schema.org/NotInForce",
    };
    let url_of = |other: PageId| json!(config.permalink(&site.pages[other].path));
    let changes: Vec<Value> = relations.map_or(Vec::new(), |r| {
        r.replaces
            .iter()
            .chain(&r.amends)
            .map(|&o| url_of(o))
            .collect()
    });
    let mut value = json!({
        "@context": "https://schema.org",
        "@type": "Legislation",
        "name": s.title,
        "legislationIdentifier": d.number,
        "legislationType": d.kind,
        "legislationDate": d.issued.iso_date(),
        "legislationPassedBy": {"@type": "GovernmentOrganization", "name": d.issuer},
        "legislationLegalForce": force,
        "legislationJurisdiction": "VN",
        "inLanguage": site.languages.code(s.lang),
        "url": config.permalink(&page.path),
    });
    if let Some(effective) = d.effective {
        value["legislationDateVersion"] = json!(effective.iso_date());
    }
    if !changes.is_empty() {
        value["legislationChanges"] = json!(changes);
    }
    if let (Some(path), Some(facts)) = (documents::file_path(site, page), &d.file_facts) {
        value["encoding"] = json!({
            "@type": "MediaObject",
            "contentUrl": config.permalink(&path),
            "encodingFormat": facts.media_type,
            "contentSize": facts.bytes.to_string(),
        });
    }
    Some(script_json(&value))
}

/// FAQPage of a list of (question, answer HTML).
pub(crate) fn faq_page(permalink: &str, questions: &[(String, String)]) -> String {
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
