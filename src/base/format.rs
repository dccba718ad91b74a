//! The one number formatter, in vi-VN style: `3.294.829`, `1.234,50`, `104,61%`; and the plain
//! digits of dates and index files.

/// Formats `value` with `decimals` fixed decimals, `.` between thousands and `,` before decimals.
pub(crate) fn number_vi(value: f64, decimals: usize) -> String {
    let text = format!("{:.*}", decimals, value.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut out = String::with_capacity(text.len() + text.len() / 3 + 1);
    // Rounding can turn -0.001 into "0.00"; a minus sign in front of zero would read as a loss.
    if value < 0.0 && text.bytes().any(|b| (b'1'..=b'9').contains(&b)) {
        out.push('-');
    }
    for (i, digit) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(digit);
    }
    if !frac.is_empty() {
        out.push(',');
        out.push_str(frac);
    }
    out
}

/// Formats a value that is already a percentage: `104.61` → `104,61%`.
pub(crate) fn percent_vi(value: f64, decimals: usize) -> String {
    format!("{}%", number_vi(value, decimals))
}

/// Appends `n` in decimal with at least `width` digits. Dates are written for every article
/// on every page that lists it, and the search index holds hundreds of thousands of numbers:
/// `format!` costs many times more.
pub(crate) fn push_digits(out: &mut String, n: u32, width: usize) {
    let mut digits = [b'0'; 10];
    let mut at = digits.len();
    let mut rest = n;
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    let start = at.min(digits.len() - width.min(digits.len()));
    out.extend(digits[start..].iter().map(|&d| char::from(d)));
}

/// A file's size as a reader reads it: `350 KB`, `1,2 MB` (decimal units, like the file
/// managers of phones).
pub(crate) fn file_size_vi(bytes: u64) -> String {
    if bytes < 1_000_000 {
        format!("{} KB", number_vi(bytes.div_ceil(1000).max(1) as f64, 0))
    } else {
        format!("{} MB", number_vi(bytes as f64 / 1_000_000.0, 1))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn file_sizes_read_like_a_phone_shows_them() {
        assert_eq!(super::file_size_vi(0), "1 KB");
        assert_eq!(super::file_size_vi(350_400), "351 KB");
        assert_eq!(super::file_size_vi(1_234_567), "1,2 MB");
        assert_eq!(super::file_size_vi(12_000_000), "12,0 MB");
    }

    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(number_vi(3_294_829.0, 0), "3.294.829");
        assert_eq!(number_vi(391_893.0, 0), "391.893");
        assert_eq!(number_vi(999.0, 0), "999");
        assert_eq!(number_vi(1000.0, 0), "1.000");
        assert_eq!(number_vi(1234.5, 2), "1.234,50");
        assert_eq!(number_vi(-17_201.0, 0), "-17.201");
        assert_eq!(number_vi(-0.001, 2), "0,00");
        assert_eq!(number_vi(0.0, 0), "0");
    }

    #[test]
    fn percents() {
        assert_eq!(percent_vi(104.61, 2), "104,61%");
        assert_eq!(percent_vi(87.1, 1), "87,1%");
        assert_eq!(percent_vi(98.7349, 2), "98,73%");
    }
}
