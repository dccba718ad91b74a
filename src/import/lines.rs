//! What one line of an export is: portal chrome, a byline, a source link, an image
//! caption, an interview's label. Each function looks at the line alone; `clean` decides from
//! where the line is.

use super::{Block, Kind};
use crate::base::text::fold;

/// The folded words of a line, to compare it with the phrases portals print.
pub(super) fn line_key(text: &str) -> String {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Lines a portal prints around every article, folded.
const CHROME: &[&str] = &[
    "truy cap noi dung luon",
    "bo qua noi dung",
    "chuyen den noi dung chinh",
    "chi tiet tin",
    "chi tiet bai viet",
    "chi tiet",
    "in bai",
    "in bai viet",
    "in trang",
    "ban in",
    "gui email",
    "gui bai viet",
    "gui cho ban be",
    "chia se",
    "chia se bai viet",
    "luu bai viet",
    "quay lai",
    "tro ve",
    "tro lai",
    "ve dau trang",
    "len dau trang",
    "dau trang",
    "facebook",
    "twitter",
    "zalo",
    "tweet",
    "like",
    "share",
    "binh luan",
    "y kien ban doc",
    "gui y kien",
    "danh gia bai viet",
    "co chu",
    "thong ke truy cap",
    "tat ca videos",
    "tat ca video",
    "xem tat ca",
    "trang chu",
    "dang nhap",
    "tim kiem",
    "copyright",
];

/// Headings of the lists of other articles under the text: they and everything after go.
pub(super) const RELATED: &[&str] = &[
    "tin bai lien quan",
    "tin lien quan",
    "bai viet lien quan",
    "bai lien quan",
    "cac tin khac",
    "tin khac",
    "cac bai viet khac",
    "tin cung chuyen muc",
    "tin moi hon",
    "tin cu hon",
    "cac tin da dua",
    "cac tin moi",
    "tin moi nhat",
    "tin doc nhieu",
    "tin xem nhieu",
    "doc them",
    "xem them",
];

/// Titles of the widgets of a portal's side column, chrome only at the end of an export.
pub(super) const WIDGETS: &[&str] = &[
    "thong bao",
    "lien ket",
    "lien ket website",
    "album",
    "album anh",
    "video",
    "videos",
    "thong ke",
    "quang cao",
    "hinh anh",
    "van ban moi",
    "lich cong tac",
    "lien he",
    "tin noi bat",
    "su kien",
];

/// Visit counters: "Đang truy cập : 1", "Tổng lượt truy cập: 83476".
const COUNTERS: &[&str] = &[
    "dang truy cap",
    "hom nay",
    "hom qua",
    "tong luot truy cap",
    "luot truy cap",
    "truy cap",
    "luot xem",
    "so luot xem",
    "dang online",
    "online",
    "tuan nay",
    "thang nay",
    "trong ngay",
    "tong so",
    "thanh vien",
    "khach",
];

/// A line of the portal rather than of the article: a phrase it prints, a greeting, a
/// breadcrumb, a visit counter, a doubled widget title.
pub(super) fn is_chrome(text: &str) -> bool {
    let key = line_key(text);
    if key.is_empty() || CHROME.contains(&key.as_str()) {
        return true;
    }
    if key.starts_with("chao mung ban den voi") || key.starts_with("chao mung quy khach") {
        return true;
    }
    if key.starts_with("trang chu") && text.contains(['>', '»', '›', '/', '|']) {
        return true;
    }
    if let Some((label, count)) = key.rsplit_once(' ')
        && count.bytes().all(|b| b.is_ascii_digit())
        && COUNTERS.contains(&label)
    {
        return true;
    }
    // Widget titles a screen-reader label doubles: "Thông báo Thông báo".
    let words: Vec<&str> = key.split(' ').collect();
    let half = words.len() / 2;
    words.len().is_multiple_of(2) && (1..=4).contains(&half) && words[..half] == words[half..]
}

/// Labels of the author's line, folded: "Tác giả:", "Bài và ảnh:", "Tin, ảnh:".
pub(super) const AUTHOR_LABELS: &[&str] = &[
    "tac gia",
    "nguoi viet",
    "bai va anh",
    "bai anh",
    "tin va anh",
    "tin anh",
    "bai",
    "tin",
    "thuc hien",
    "nhom thuc hien",
];

/// Labels of the source line, folded: "Link bài viết:", "Nguồn:".
const SOURCE_LABELS: &[&str] = &[
    "link bai viet",
    "link goc",
    "lien ket goc",
    "nguon",
    "nguon tin",
    "nguon bai viet",
    "bai goc",
    "xem bai goc",
    "xem bai goc tai",
    "url",
    "link",
    "duong dan",
];

/// The value after a label: "Tác giả: Bá Nam" → "Bá Nam".
pub(super) fn labelled(text: &str, labels: &[&str]) -> Option<String> {
    let (label, value) = text.split_once(':')?;
    let value = value.trim();
    (labels.contains(&line_key(label).as_str()) && !value.is_empty() && label.chars().count() <= 20)
        .then(|| value.to_owned())
}

/// "Link bài viết: https://...", "Nguồn: Báo Thanh Hóa", a bare address, "Theo TTXVN".
pub(super) fn source_line(text: &str) -> Option<String> {
    let trimmed = text.trim();
    let value = labelled(trimmed, SOURCE_LABELS);
    if let Some(value) = &value
        && !value.contains(' ')
        && crate::base::url::host_of(value).is_some()
    {
        return Some(value.trim_end_matches(['.', ')', ',']).to_owned());
    }
    if crate::base::url::host_of(trimmed).is_some() && !trimmed.contains(' ') {
        return Some(trimmed.trim_end_matches(['.', ')', ',']).to_owned());
    }
    if let Some(value) = value {
        return Some(value);
    }
    let name = trimmed.strip_prefix("Theo ")?;
    (name.split_whitespace().count() <= 8
        && !name.contains([',', '.', ';'])
        && name.starts_with(char::is_uppercase))
    .then(|| name.to_owned())
}

/// The rest of an address a PDF export wrapped onto its own line: one word of URL characters.
pub(super) fn is_url_piece(text: &str) -> bool {
    !text.contains(char::is_whitespace)
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./?=&%#~+".contains(c))
}

/// Words that open an agency's name in a byline: "Phòng Tổ chức cán bộ BHXH tỉnh Bến Tre".
const AGENCY_WORDS: &[&str] = &[
    "phong", "ban", "van", "bhxh", "bao", "trung", "dai", "bao", "so", "uy", "ubnd", "nhom",
    "cong", "cuc", "vu", "to", "hoi",
];

/// The writer's name on the last line: labelled ("Bài và ảnh: Nam Hà"), or a short line of
/// capitalised words with no full stop ("Tống Huyền", "Bảo Dinh (Đài Truyền thanh huyện)").
pub(super) fn byline(text: &str) -> Option<String> {
    if let Some(name) = labelled(text, AUTHOR_LABELS) {
        return Some(name);
    }
    let outside = match text.find('(') {
        Some(i) if text.ends_with(')') => &text[..i],
        _ => text,
    };
    let words: Vec<&str> = outside.split_whitespace().collect();
    let capitalised = words
        .iter()
        .filter(|w| w.starts_with(char::is_uppercase))
        .count();
    let agency = words
        .first()
        .is_some_and(|w| AGENCY_WORDS.contains(&fold(w).as_str()));
    let shaped = (1..=if agency { 12 } else { 8 }).contains(&words.len())
        && outside.starts_with(char::is_uppercase)
        && !text.ends_with(['.', '!', '?', ':', ';', ','])
        && !text.contains(['"', '“', ':'])
        && !outside.contains(|c: char| c.is_ascii_digit());
    (shaped && (capitalised * 5 >= words.len() * 3 || agency)).then(|| text.trim().to_owned())
}

/// "Tiêu đề bài - Ảnh 1." → 1: the alt text a portal writes for an article's images.
pub(super) fn numbered_image(text: &str) -> Option<u32> {
    let lower = text.trim().trim_end_matches('.').to_lowercase();
    let (_, tail) = lower
        .rsplit_once(" - ")
        .or_else(|| lower.rsplit_once(" – "))?;
    tail.trim().strip_prefix("ảnh")?.trim().parse().ok()
}

/// A caption with a photo credit: "Tuyến đường nông thôn (Ảnh sưu tầm)", "Ảnh: Minh Hà",
/// "Ảnh minh họa".
pub(super) fn credit_caption(text: &str) -> Option<String> {
    if text.chars().count() > 300 {
        return None;
    }
    let lower = text.to_lowercase();
    let credit = lower.ends_with(')')
        && lower
            .rfind('(')
            .is_some_and(|i| lower[i + 1..].trim_start().starts_with("ảnh"));
    let leading = [
        "ảnh:",
        "ảnh minh họa",
        "ảnh minh hoạ",
        "ảnh tư liệu",
        "ảnh sưu tầm",
    ]
    .iter()
    .any(|p| lower.starts_with(p));
    (credit || leading).then(|| text.to_owned())
}

/// The labels of an interview: "PV: ...", "Trả lời: ...".
const INTERVIEW: &[&str] = &[
    "pv",
    "p v",
    "phong vien",
    "hoi",
    "cau hoi",
    "tra loi",
    "dap",
];

/// Gives an interview's question or answer its label, taken out of the text.
pub(super) fn interview(block: &mut Block) {
    if block.kind != Kind::Para {
        return;
    }
    let Some(colon) = block.text.find(':') else {
        return;
    };
    let label = block.text[..colon].trim();
    if label.chars().count() > 12 || !INTERVIEW.contains(&line_key(label).as_str()) {
        return;
    }
    block.kind = Kind::Qa(label.to_owned());
    block.cut(0..colon + 1, None);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chrome_lines() {
        for line in [
            "Chi tiết tin",
            "Truy cập nội dung luôn",
            "Chào mừng bạn đến với Trang thông tin điện tử Bảo hiểm xã hội tỉnh",
            "Thông báo Thông báo",
            "Album trang chủ Album trang chủ",
            "Đang truy cập : 1",
            "Tổng lượt truy cập: 83476",
            "Trang chủ > Tin tức > Hoạt động",
            "\u{a0}",
        ] {
            assert!(is_chrome(line), "{line}");
        }
        for line in [
            "Thông báo lịch nghỉ Tết",
            "Hôm nay, cơ quan tổ chức hội nghị.",
            "Chia sẻ kinh nghiệm vận động",
        ] {
            assert!(!is_chrome(line), "{line}");
        }
    }

    #[test]
    fn bylines_and_sources() {
        assert_eq!(byline("Hoàng Minh").as_deref(), Some("Hoàng Minh"));
        assert_eq!(byline("Bài và ảnh: Lê Hạnh").as_deref(), Some("Lê Hạnh"));
        assert_eq!(
            byline("Thu Trang (Trung tâm Truyền thông huyện)").as_deref(),
            Some("Thu Trang (Trung tâm Truyền thông huyện)")
        );
        assert_eq!(
            byline("Phòng Truyền thông BHXH tỉnh").as_deref(),
            Some("Phòng Truyền thông BHXH tỉnh")
        );
        assert_eq!(byline("Người dân phấn khởi."), None);
        assert_eq!(byline("kết quả được giao trong năm"), None);
        assert_eq!(
            source_line("Link bài viết: https://bao.example.vn/a-b").as_deref(),
            Some("https://bao.example.vn/a-b")
        );
        assert_eq!(
            source_line("Nguồn: Báo Nông thôn").as_deref(),
            Some("Báo Nông thôn")
        );
        assert_eq!(source_line("Theo TTXVN").as_deref(), Some("TTXVN"));
        assert_eq!(
            source_line("Theo đó, tỉnh giao chỉ tiêu cho các huyện."),
            None
        );
    }

    #[test]
    fn captions() {
        assert_eq!(numbered_image("Tiêu đề bài: nội dung - Ảnh 3."), Some(3));
        assert_eq!(numbered_image("Bài có gạch - ảnh hưởng lớn"), None);
        assert!(credit_caption("Cán bộ tư vấn cho người dân ( Ảnh sưu tầm)").is_some());
        assert!(credit_caption("Ảnh: Minh Hà").is_some());
        assert!(credit_caption("Người dân (anh Nam) đến làm thủ tục.").is_none());
    }
}
