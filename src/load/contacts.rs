//! Phone numbers and e-mail addresses written in an article's text, found so that they become
//! `tel:` and `mailto:` links: a citizen on a phone calls the agency with one tap.
//!
//! A wrong link is worse than none, so a number is a phone number only in the shapes
//! Vietnamese numbers take: `0` and 9 or 10 more digits (a landline with its area code, a
//! mobile), `+84` and 9 or 10 digits, or a `1800`/`1900` service number of 8 or 10 digits whose
//! first group is written whole (`1900 9068`, `19009068`, never the `1.900.000` of an amount). Groups may be
//! parted by one space, dot or hyphen, and the area code put in brackets. Amounts, dates,
//! document numbers (`146/2018/NĐ-CP`) and counts never take these shapes.

use std::ops::Range;

/// What a found contact is.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Contact {
    /// The `tel:` target: digits, with `+` for an international number.
    Phone(String),
    Email,
}

/// The contacts in `text`, in order, with their byte ranges.
pub(crate) fn find(text: &str) -> Vec<(Range<usize>, Contact)> {
    let bytes = text.as_bytes();
    let mut found: Vec<(Range<usize>, Contact)> = Vec::new();
    // The shortest contact, `a@b.vn` or `19009068`, has 6 bytes; pulldown-cmark cuts text at
    // every quote, bracket and emphasis, so many pieces are shorter.
    if bytes.len() < 6 {
        return found;
    }
    // Every article's text passes here on every build, so only the bytes a contact may hinge
    // on are visited: the `0` or `1` a number starts with (after an optional `(`), the `+` of
    // an international one, an address's `@`.
    let mut done = 0;
    let mut visit = |i: usize| {
        if i < done {
            return;
        }
        if bytes[i] == b'@' {
            if let Some(range) = email_around(bytes, i) {
                // An address's local part may hold digits read as a number just before.
                found.retain(|(r, _): &(Range<usize>, Contact)| r.end <= range.start);
                done = range.end;
                found.push((range, Contact::Email));
            }
            return;
        }
        let start = if i > 0 && bytes[i - 1] == b'(' && bytes[i] != b'+' {
            i - 1
        } else {
            i
        };
        if start < done || (start > 0 && is_word_byte(bytes[start - 1])) {
            return;
        }
        if let Some((end, target)) = phone_at(bytes, start) {
            found.push((start..end, Contact::Phone(target)));
            done = end;
        }
    };
    let candidates = memchr::memchr3_iter(b'0', b'1', b'@', bytes);
    if memchr::memchr(b'+', bytes).is_none() {
        candidates.for_each(&mut visit);
    } else {
        let mut all: Vec<usize> = memchr::memchr_iter(b'+', bytes).chain(candidates).collect();
        all.sort_unstable();
        all.into_iter().for_each(&mut visit);
    }
    found
}

/// A letter, digit or a byte of a non-ASCII character: what a number must not touch.
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// The phone number starting at `bytes[start]`: where it ends and its `tel:` target.
fn phone_at(bytes: &[u8], start: usize) -> Option<(usize, String)> {
    let mut i = start;
    // Longer runs of digits are no phone number: no allocation for the many figures tried.
    let mut digits = [0u8; 13];
    let mut n = 0;
    let mut international = false;
    if bytes[i] == b'+' {
        international = true;
        i += 1;
    }
    let bracketed = bytes.get(i) == Some(&b'(');
    if bracketed {
        i += 1;
    }
    if !bytes.get(i).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    // The length of the first group, which tells a service number from an amount.
    let mut first_group = 0;
    let mut in_first_group = true;
    let mut bracket_open = bracketed;
    loop {
        match bytes.get(i) {
            Some(&b) if b.is_ascii_digit() => {
                if n == digits.len() {
                    return None;
                }
                digits[n] = b;
                n += 1;
                if in_first_group {
                    first_group += 1;
                }
                i += 1;
            }
            Some(b')') if bracket_open => {
                bracket_open = false;
                in_first_group = false;
                i += 1;
                if bytes.get(i) == Some(&b' ') {
                    i += 1;
                }
                if !bytes.get(i).is_some_and(u8::is_ascii_digit) {
                    return None;
                }
            }
            Some(b' ' | b'.' | b'-') if bytes.get(i + 1).is_some_and(u8::is_ascii_digit) => {
                in_first_group = false;
                i += 1;
            }
            _ => break,
        }
    }
    if bracket_open {
        return None;
    }
    // A number glued to a letter or another number's punctuation is something else: `0912x`,
    // `0237.3852.123,5`, `0912345678/QĐ`.
    if bytes.get(i).is_some_and(|&b| is_word_byte(b))
        || matches!(bytes.get(i), Some(b'/' | b'%' | b'@' | b'_'))
        || (matches!(bytes.get(i), Some(b',' | b'.'))
            && bytes.get(i + 1).is_some_and(u8::is_ascii_digit))
    {
        return None;
    }
    let digits = std::str::from_utf8(&digits[..n]).ok()?;
    let phone = if international {
        digits.starts_with("84") && (11..=12).contains(&n) && !bracketed
    } else if digits.starts_with('0') {
        (10..=11).contains(&n) && !digits.starts_with("00")
    } else {
        (digits.starts_with("1800") || digits.starts_with("1900"))
            && (first_group == 4 || first_group == n)
            && (n == 8 || n == 10)
            && !bracketed
    };
    phone.then(|| {
        let target = if international {
            format!("+{digits}")
        } else {
            digits.to_owned()
        };
        (i, target)
    })
}

/// The e-mail address around the `@` at `bytes[at]`.
fn email_around(bytes: &[u8], at: usize) -> Option<Range<usize>> {
    let local = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-');
    let mut start = at;
    while start > 0 && local(bytes[start - 1]) {
        start -= 1;
    }
    while start < at && bytes[start] == b'.' {
        start += 1;
    }
    if start == at || (start > 0 && bytes[start - 1] >= 0x80) {
        return None;
    }
    let mut end = at + 1;
    while end < bytes.len()
        && (bytes[end].is_ascii_alphanumeric() || matches!(bytes[end], b'.' | b'-'))
    {
        end += 1;
    }
    // A sentence's full stop after the address is not part of it.
    while end > at + 1 && matches!(bytes[end - 1], b'.' | b'-') {
        end -= 1;
    }
    if bytes.get(end).is_some_and(|&b| b >= 0x80) {
        return None;
    }
    let domain = std::str::from_utf8(&bytes[at + 1..end]).ok()?;
    let labels: Vec<&str> = domain.split('.').collect();
    let tld = labels.last()?;
    let ok = labels.len() >= 2
        && labels
            .iter()
            .all(|l| !l.is_empty() && !l.starts_with('-') && !l.ends_with('-'))
        && tld.len() >= 2
        && tld.bytes().all(|b| b.is_ascii_alphabetic());
    ok.then_some(start..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str) -> Vec<(&str, Contact)> {
        find(text).into_iter().map(|(r, c)| (&text[r], c)).collect()
    }

    fn phone(target: &str) -> Contact {
        Contact::Phone(target.to_owned())
    }

    #[test]
    fn phone_numbers_as_agencies_write_them() {
        for (text, number, target) in [
            ("Gọi 1900 9068 để được hỗ trợ.", "1900 9068", "19009068"),
            ("Tổng đài 19009068.", "19009068", "19009068"),
            ("Đường dây nóng: 1800.1234.56", "1800.1234.56", "1800123456"),
            ("Điện thoại: 0237 3852 142", "0237 3852 142", "02373852142"),
            (
                "Điện thoại: (0237) 3.852.142",
                "(0237) 3.852.142",
                "02373852142",
            ),
            ("Liên hệ 0912.345.678 hoặc", "0912.345.678", "0912345678"),
            ("số 0912-345-678;", "0912-345-678", "0912345678"),
            ("(số 0912345678)", "0912345678", "0912345678"),
            (
                "gọi +84 24 3934 4197 nhé",
                "+84 24 3934 4197",
                "+842439344197",
            ),
        ] {
            assert_eq!(shown(text), [(number, phone(target))], "{text}");
        }
    }

    #[test]
    fn figures_that_are_not_phone_numbers_stay_text() {
        for text in [
            "Mức đóng 1.500.000 đồng, tổng 1.900.000.000 đồng.",
            "Quỹ chi 1900 tỷ đồng năm 2024.",
            "Từ năm 1900 đến nay.",
            "Số 146/2018/NĐ-CP ngày 17/10/2018, hiệu lực 01/12/2018.",
            "Có 3.294.829 người, đạt 104,61% kế hoạch, tăng 0,5%.",
            "Mã số 0123456789012 của thẻ.",
            "Mã BHXH 0123456789/2025 được cấp.",
            "Tăng 0.5 điểm; mã 0237 và 3852.",
            "Tài khoản 0912345678x.",
            "Năm 2021 có 09 huyện, 1800 hộ.",
            "ngày 09/02/2025 lúc 08.30",
            "+1 202 555 0100",
        ] {
            assert_eq!(shown(text), [], "{text}");
        }
    }

    #[test]
    fn email_addresses() {
        assert_eq!(
            shown("Gửi thư tới bhxh@thanhhoa.gov.vn."),
            [("bhxh@thanhhoa.gov.vn", Contact::Email)]
        );
        assert_eq!(
            shown("(phong.tt-0912@bhxh.gov.vn)"),
            [("phong.tt-0912@bhxh.gov.vn", Contact::Email)]
        );
        for text in [
            "a@b",
            "@bhxh.gov.vn",
            "x@.vn",
            "x@bhxh.v1",
            "x@-a.vn",
            "tên@miền.vn",
        ] {
            assert_eq!(shown(text), [], "{text}");
        }
    }

    /// The ordinary-text fixture (218 sentences of agency prose full of amounts, dates, decree
    /// numbers and counts): only its two real phone numbers are found.
    #[test]
    fn ordinary_text_has_no_false_contacts() {
        let text = include_str!("../../tests/fixtures/ordinary-vi.txt");
        let found: Vec<&str> = find(text).into_iter().map(|(r, _)| &text[r]).collect();
        assert_eq!(found, ["1900 9068", "0237 3852 476"]);
    }
}
