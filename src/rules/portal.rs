//! The `portal` rules: which of the information Decree 42/2022/NĐ-CP asks of an agency's
//! portal the site lacks; on only when `site.yaml` has a `portal:` mapping.

use crate::base::error::Diagnostic;
use crate::site::Site;

use super::leads_somewhere;

/// One item the decree asks for: what it is in English and Vietnamese, and how to add it.
struct Item {
    name: &'static str,
    vi: &'static str,
    hint: String,
    hint_vi: String,
}

/// Warnings on `site.yaml`'s `portal` key, one per missing item.
pub(super) fn check(site: &Site) -> Vec<Diagnostic> {
    let Some(portal) = &site.config.portal else {
        return Vec::new();
    };
    let page = |path: &str| leads_somewhere(&site.routes, path.trim_start_matches('/'));
    let page_item = |key: &str, path: &str, name, vi, file: &str| {
        (!page(path)).then(|| Item {
            name,
            vi,
            hint: format!(
                "write the page content/{file}, or set `portal: {{{key}: /path/}}` in site.yaml to the page that has it"
            ),
            hint_vi: format!(
                "viết trang content/{file}, hoặc ghi `portal: {{{key}: /duong-dan/}}` trong site.yaml chỉ tới trang đã có"
            ),
        })
    };
    let section_item = |present: bool, name, vi, hint: &str, hint_vi: &str| {
        (!present).then(|| Item {
            name,
            vi,
            hint: hint.to_owned(),
            hint_vi: hint_vi.to_owned(),
        })
    };
    let missing = [
        page_item(
            "organisation",
            &portal.organisation,
            "an introduction of the agency (functions, tasks, structure)",
            "trang giới thiệu cơ quan (chức năng, nhiệm vụ, cơ cấu tổ chức)",
            "gioi-thieu.md",
        ),
        page_item(
            "leaders",
            &portal.leaders,
            "a page of the agency's leaders and their areas of work",
            "trang lãnh đạo cơ quan và lĩnh vực phụ trách",
            "lanh-dao.md",
        ),
        page_item(
            "contact",
            &portal.contact,
            "a contact page (address, phone, e-mail, office hours)",
            "trang liên hệ (địa chỉ, điện thoại, thư điện tử, giờ làm việc)",
            "lien-he.md",
        ),
        section_item(
            site.sections.iter().any(|s| s.source.documents),
            "a register of legal documents",
            "mục văn bản (cơ sở dữ liệu văn bản)",
            "add a section whose _index.md says `kind: documents`, e.g. content/van-ban/_index.md",
            "thêm một mục có _index.md ghi `kind: documents`, ví dụ content/van-ban/_index.md",
        ),
        section_item(
            site.sections.iter().any(|s| s.source.faq),
            "questions and answers",
            "mục hỏi đáp",
            "add a section whose _index.md says `faq: true`, e.g. content/hoi-dap/_index.md",
            "thêm một mục có _index.md ghi `faq: true`, ví dụ content/hoi-dap/_index.md",
        ),
        section_item(
            site.stats.is_some(),
            "statistics of the agency's field",
            "số liệu thống kê của ngành, lĩnh vực",
            "add the statistics files of content/thong-ke/ (README: \"Statistics\")",
            "thêm các tệp số liệu trong content/thong-ke/ (README: \"Statistics\")",
        ),
        page_item(
            "english",
            &portal.english,
            "information in English",
            "thông tin bằng tiếng Anh",
            "en.md",
        ),
    ];
    if missing.iter().all(Option::is_none) {
        return Vec::new();
    }
    let config = &site.config;
    let span = config.spans.get("portal").copied().unwrap_or_default();
    let text = std::fs::read_to_string(&config.path).unwrap_or_default();
    missing
        .into_iter()
        .flatten()
        .map(|item| {
            Diagnostic::error(
                &config.path,
                span,
                format!(
                    "the portal lacks {}, which Nghị định 42/2022/NĐ-CP asks of an agency's portal",
                    item.name
                ),
            )
            .with_source(&text)
            .with_hint(item.hint)
            .vi(
                format!(
                    "cổng thông tin chưa có {}, thông tin Nghị định 42/2022/NĐ-CP yêu cầu",
                    item.vi
                ),
                Some(item.hint_vi),
            )
            .rule("portal")
            .warning()
        })
        .collect()
}
