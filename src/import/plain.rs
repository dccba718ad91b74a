//! Plain-text exports: one block per line, hand-typed list markers, and the lines a PDF
//! export wrapped mid-sentence joined back into paragraphs.

use super::{Block, Doc, Kind, Meta};

pub(super) fn parse(text: &str) -> Doc {
    let mut blocks = Vec::new();
    let mut offset = 0;
    let mut blank = false;
    for line in text.split('\n') {
        let start = offset + (line.len() - line.trim_start().len());
        offset += line.len() + 1;
        let trimmed = line.trim();
        if trimmed.is_empty() {
            blank = true;
            continue;
        }
        let mut block = Block::new(Kind::Para, trimmed.to_owned(), Some(start));
        block.blank_before = std::mem::take(&mut blank);
        blocks.push(block);
    }
    Doc {
        blocks,
        meta: Meta::default(),
        plain: true,
        findings: Vec::new(),
    }
}

/// A typed list marker at the start of `text`: `- `, `• `, `+ `, `– ` or `1. `, `1) `.
/// Returns the item's number (none for bullets) and the marker's length in bytes.
fn list_marker(text: &str) -> Option<(Option<u32>, usize)> {
    let mut chars = text.char_indices();
    let (_, first) = chars.next()?;
    if "-–—•+*●▪◦·○".contains(first) {
        let (i, next) = chars.next()?;
        return next.is_whitespace().then_some((None, i + next.len_utf8()));
    }
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits)
        && matches!(text.as_bytes().get(digits), Some(b'.' | b')'))
        && text[digits + 1..].starts_with(char::is_whitespace)
    {
        return Some((text[..digits].parse().ok(), digits + 2));
    }
    None
}

/// Whether `text` ends a sentence (closing quotes and brackets aside) or introduces what
/// follows with a colon.
pub(super) fn ends_sentence(text: &str) -> bool {
    text.trim_end()
        .trim_end_matches(['"', '”', '’', '\'', ')', ']', '»'])
        .ends_with(['.', '!', '?', '…', ':'])
}

/// Turns typed list lines into list items, then joins each line a PDF export broke in the
/// middle of a sentence to the line before it.
pub(super) fn rejoin(blocks: Vec<Block>) -> Vec<Block> {
    let mut blocks = blocks;
    for block in &mut blocks {
        if block.kind == Kind::Para
            && let Some((number, len)) = list_marker(&block.text)
        {
            block.kind = Kind::Item(number);
            block.cut(0..len, None);
            block.at = block.at.map(|at| at + len);
        }
    }
    let width = wrap_width(&blocks);
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    // The length of the last line joined into the block being built.
    let mut last_line = 0;
    for block in blocks {
        let length = block.text.chars().count();
        if let Some(previous) = out.last_mut()
            && block.kind == Kind::Para
            && matches!(previous.kind, Kind::Para | Kind::Item(_) | Kind::Qa(_))
            && !ends_sentence(&previous.text)
            && (width.is_some_and(|w| last_line * 5 >= w * 3) || starts_lowercase(&block.text))
        {
            let shift = previous.text.len() + 1;
            previous.text.push(' ');
            previous.text.push_str(&block.text);
            previous.marks.extend(block.marks.into_iter().map(|mut m| {
                m.range = m.range.start + shift..m.range.end + shift;
                m
            }));
        } else {
            out.push(block);
        }
        last_line = length;
    }
    out
}

fn starts_lowercase(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_lowercase)
}

/// The width a PDF export wrapped the text at, when it did: most long lines then end in the
/// middle of a sentence. None for text with one paragraph per line.
fn wrap_width(blocks: &[Block]) -> Option<usize> {
    let mut lengths: Vec<usize> = blocks
        .iter()
        .filter(|b| matches!(b.kind, Kind::Para | Kind::Item(_) | Kind::Qa(_)))
        .map(|b| b.text.chars().count())
        .collect();
    if lengths.len() < 5 {
        return None;
    }
    lengths.sort_unstable();
    let width = lengths[lengths.len() * 4 / 5];
    if !(40..=150).contains(&width) {
        return None;
    }
    let long: Vec<&Block> = blocks
        .iter()
        .filter(|b| b.text.chars().count() * 5 >= width * 3)
        .collect();
    let open = long.iter().filter(|b| !ends_sentence(&b.text)).count();
    (open * 2 >= long.len()).then_some(width)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(blocks: &[Block]) -> Vec<(Kind, &str)> {
        blocks
            .iter()
            .map(|b| (b.kind.clone(), b.text.as_str()))
            .collect()
    }

    #[test]
    fn list_markers() {
        assert_eq!(list_marker("- Số người tham gia"), Some((None, 2)));
        assert_eq!(list_marker("• Hồ sơ"), Some((None, 4)));
        assert_eq!(list_marker("2. Nộp hồ sơ"), Some((Some(2), 3)));
        assert_eq!(list_marker("12) Bước"), Some((Some(12), 4)));
        assert_eq!(list_marker("1.196.739 người"), None);
        assert_eq!(list_marker("-5% so với"), None);
        assert_eq!(list_marker("2022. Năm"), None);
    }

    #[test]
    fn wrapped_lines_are_joined_and_paragraph_ends_kept() {
        let text = "Cơ quan bảo hiểm xã hội huyện đã phối hợp với các xã tổ chức nhiều hội nghị\n\n\
đối thoại về chính sách bảo hiểm xã hội tự nguyện cho người lao động tự do,\n\n\
nông dân và tiểu thương trên địa bàn.\n\
Qua đó, nhiều người đã hiểu rõ quyền lợi khi tham gia và đăng ký ngay tại chỗ;\n\n\n\n\
số người tham gia tăng thêm 1.250 người so với cùng kỳ năm trước, đạt 104,61%\n\n\
kế hoạch được giao.\n\n\
- Hồ sơ gồm tờ khai TK1-TS và bản sao căn cước công dân của người tham gia\n\
bảo hiểm xã hội tự nguyện;\n\
- Nộp tại đại lý thu ở xã.\n";
        let blocks = rejoin(parse(text).blocks);
        assert_eq!(
            texts(&blocks),
            [
                (
                    Kind::Para,
                    "Cơ quan bảo hiểm xã hội huyện đã phối hợp với các xã tổ chức nhiều hội nghị đối thoại về chính sách bảo hiểm xã hội tự nguyện cho người lao động tự do, nông dân và tiểu thương trên địa bàn."
                ),
                (
                    Kind::Para,
                    "Qua đó, nhiều người đã hiểu rõ quyền lợi khi tham gia và đăng ký ngay tại chỗ; số người tham gia tăng thêm 1.250 người so với cùng kỳ năm trước, đạt 104,61% kế hoạch được giao."
                ),
                (
                    Kind::Item(None),
                    "Hồ sơ gồm tờ khai TK1-TS và bản sao căn cước công dân của người tham gia bảo hiểm xã hội tự nguyện;"
                ),
                (Kind::Item(None), "Nộp tại đại lý thu ở xã."),
            ]
        );
    }

    #[test]
    fn one_paragraph_per_line_is_left_alone() {
        let text = "Năm nay huyện đạt nhiều kết quả trong phát triển người tham gia bảo hiểm y tế, vượt kế hoạch tỉnh giao và\n\n\
duy trì tỷ lệ bao phủ cao nhờ sự vào cuộc của cả hệ thống chính trị từ huyện đến xã, thôn, bản.\n\n\
Cán bộ bảo hiểm xã hội tư vấn cho người dân tại chợ phiên\n\n\
Kết quả trên nhờ sự vào cuộc của cả hệ thống chính trị từ huyện đến xã, thôn, bản và sự đồng hành của đại lý thu.\n\n\
Các xã vùng cao tổ chức nhiều buổi đối thoại chính sách ngay tại nhà văn hóa thôn vào buổi tối.\n\n\
Hội nghị kết thúc\n\nNgười dân phấn khởi.\n";
        let blocks = rejoin(parse(text).blocks);
        assert_eq!(
            texts(&blocks).iter().map(|(_, t)| *t).collect::<Vec<_>>(),
            [
                "Năm nay huyện đạt nhiều kết quả trong phát triển người tham gia bảo hiểm y tế, vượt kế hoạch tỉnh giao và duy trì tỷ lệ bao phủ cao nhờ sự vào cuộc của cả hệ thống chính trị từ huyện đến xã, thôn, bản.",
                "Cán bộ bảo hiểm xã hội tư vấn cho người dân tại chợ phiên",
                "Kết quả trên nhờ sự vào cuộc của cả hệ thống chính trị từ huyện đến xã, thôn, bản và sự đồng hành của đại lý thu.",
                "Các xã vùng cao tổ chức nhiều buổi đối thoại chính sách ngay tại nhà văn hóa thôn vào buổi tối.",
                "Hội nghị kết thúc",
                "Người dân phấn khởi.",
            ]
        );
    }
}
