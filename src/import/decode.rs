//! The bytes of an export as text, whatever its encoding: UTF-8 with or without BOM, UTF-16
//! and Windows-1258, then LF line endings and NFC like every other file loa reads.

use std::path::Path;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, WINDOWS_1258};

use crate::base::text;

pub(super) struct Decoded {
    pub text: String,
    /// The encoding, when it was not UTF-8: the table tells the user what was assumed.
    pub encoding: Option<&'static str>,
}

pub(super) fn decode(path: &Path, bytes: &[u8]) -> Decoded {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        if encoding == encoding_rs::UTF_8 {
            if let Ok(text) = text::decode(path, bytes) {
                return Decoded {
                    text,
                    encoding: None,
                };
            }
        } else {
            return with(encoding, &bytes[bom..]);
        }
    }
    if let Ok(text) = text::decode(path, bytes) {
        return Decoded {
            text,
            encoding: None,
        };
    }
    if let Some(encoding) = utf16_by_nuls(bytes) {
        return with(encoding, bytes);
    }
    let declared = declared_charset(bytes).filter(|e| *e != encoding_rs::UTF_8);
    with(declared.unwrap_or(WINDOWS_1258), bytes)
}

fn with(encoding: &'static Encoding, bytes: &[u8]) -> Decoded {
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    // Windows-1258 writes most tones as combining marks after the letter: NFC joins them.
    Decoded {
        text: text::normalise(&text),
        encoding: Some(encoding.name()),
    }
}

/// UTF-16 saved without a BOM: the ASCII letters, digits and spaces that make up most of
/// Vietnamese text have a NUL as their high byte.
fn utf16_by_nuls(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    let pairs = sample.len() / 2;
    if pairs < 2 {
        return None;
    }
    let nul_at = |parity: usize| {
        sample
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (nul_at(0), nul_at(1));
    if odd * 10 >= pairs * 3 && even * 10 < pairs {
        Some(UTF_16LE)
    } else if even * 10 >= pairs * 3 && odd * 10 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// The `charset` an HTML page declares in its first kilobyte, when encoding_rs knows it.
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let label: String = head[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    Encoding::for_label(label.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        text.encode_utf16()
            .flat_map(|u| {
                if big_endian {
                    u.to_be_bytes()
                } else {
                    u.to_le_bytes()
                }
            })
            .collect()
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let text = "Đóng BHYT hộ gia đình\r\nnăm 2022";
        for big_endian in [false, true] {
            let plain = utf16(text, big_endian);
            let mut with_bom = utf16("\u{feff}", big_endian);
            with_bom.extend(&plain);
            for bytes in [plain, with_bom] {
                let d = decode(Path::new("a.txt"), &bytes);
                assert_eq!(d.text, "Đóng BHYT hộ gia đình\nnăm 2022");
                let name = if big_endian { "UTF-16BE" } else { "UTF-16LE" };
                assert_eq!(d.encoding, Some(name));
            }
        }
    }

    #[test]
    fn windows_1258_tone_marks_become_nfc() {
        // "Bảo hiểm" in Windows-1258: "a" then a combining hook above (0xD2); "ê" is 0xEA.
        let bytes = b"Ba\xd2o hi\xea\xd2m";
        let d = decode(Path::new("a.txt"), bytes);
        assert_eq!(d.text, "Bảo hiểm");
        assert_eq!(d.encoding, Some("windows-1258"));
    }

    #[test]
    fn utf8_stays_utf8() {
        let d = decode(Path::new("a.txt"), "\u{feff}Bảo hiểm".as_bytes());
        assert_eq!((d.text.as_str(), d.encoding), ("Bảo hiểm", None));
    }
}
