//! The pixel size of PNG, JPEG, GIF and WebP files, read from their headers.

use std::io::Read;
use std::path::Path;

/// What is read of a file first: every header of these formats, and most JPEG metadata.
const HEAD: u64 = 64 * 1024;

/// The width and height of the image in `path`, or `None` when it is not a PNG, JPEG, GIF or
/// WebP file this can read. A JPEG whose metadata outgrows the first 64 KiB is read whole.
pub(crate) fn size_of_file(path: &Path) -> Option<(u32, u32)> {
    let mut file = std::fs::File::open(path).ok()?;
    let mut bytes = Vec::new();
    file.by_ref().take(HEAD).read_to_end(&mut bytes).ok()?;
    if let Some(size) = size(&bytes) {
        return Some(size);
    }
    if bytes.starts_with(&[0xFF, 0xD8]) && bytes.len() as u64 == HEAD {
        file.read_to_end(&mut bytes).ok()?;
        return size(&bytes);
    }
    None
}

/// The width and height written in an image's first bytes.
pub(crate) fn size(bytes: &[u8]) -> Option<(u32, u32)> {
    let be16 = |at: usize| Some(u16::from_be_bytes(bytes.get(at..at + 2)?.try_into().ok()?) as u32);
    let le16 = |at: usize| Some(u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?) as u32);
    let be32 = |at: usize| Some(u32::from_be_bytes(bytes.get(at..at + 4)?.try_into().ok()?));
    let le24 = |at: usize| {
        let b = bytes.get(at..at + 3)?;
        Some(b[0] as u32 | (b[1] as u32) << 8 | (b[2] as u32) << 16)
    };
    let found = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") && bytes.get(12..16) == Some(b"IHDR") {
        (be32(16)?, be32(20)?)
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        (le16(6)?, le16(8)?)
    } else if bytes.starts_with(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        match bytes.get(12..16)? {
            b"VP8 " if bytes.get(23..26) == Some(&[0x9D, 0x01, 0x2A]) => {
                (le16(26)? & 0x3FFF, le16(28)? & 0x3FFF)
            }
            b"VP8L" if bytes.get(20) == Some(&0x2F) => {
                let bits = le24(21)? | (*bytes.get(24)? as u32) << 24;
                ((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
            }
            b"VP8X" => (le24(24)? + 1, le24(27)? + 1),
            _ => return None,
        }
    } else if bytes.starts_with(&[0xFF, 0xD8]) {
        jpeg_size(bytes, be16)?
    } else {
        return None;
    };
    (found.0 > 0 && found.1 > 0).then_some(found)
}

/// Walks a JPEG's segments to its frame header (SOF0–SOF15 but DHT, JPG and DAC).
fn jpeg_size(bytes: &[u8], be16: impl Fn(usize) -> Option<u32>) -> Option<(u32, u32)> {
    let mut at = 2;
    loop {
        // Markers may be padded with any number of 0xFF bytes.
        while bytes.get(at) == Some(&0xFF) && bytes.get(at + 1) == Some(&0xFF) {
            at += 1;
        }
        if *bytes.get(at)? != 0xFF {
            return None;
        }
        let marker = *bytes.get(at + 1)?;
        match marker {
            0xC0..=0xCF if !matches!(marker, 0xC4 | 0xC8 | 0xCC) => {
                return Some((be16(at + 7)?, be16(at + 5)?));
            }
            // Start of scan or end of image before any frame header: not a readable JPEG.
            0xD9 | 0xDA => return None,
            // Markers without a length.
            0x01 | 0xD0..=0xD7 => at += 2,
            _ => at += 2 + be16(at + 2)? as usize,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_of_each_format() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        png.extend(640u32.to_be_bytes());
        png.extend(427u32.to_be_bytes());
        assert_eq!(size(&png), Some((640, 427)));

        let gif = b"GIF89a\x20\x03\x58\x02\0\0";
        assert_eq!(size(gif), Some((800, 600)));

        // SOI, an APP0 segment of 16 bytes, padding, then SOF2 (progressive): height 480, width 1200.
        let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10];
        jpeg.extend([0u8; 14]);
        jpeg.extend([
            0xFF, 0xFF, 0xC2, 0x00, 0x11, 0x08, 0x01, 0xE0, 0x04, 0xB0, 0x03,
        ]);
        assert_eq!(size(&jpeg), Some((1200, 480)));
        // DHT (0xC4) is not a frame header; a scan before any frame is not readable.
        let dht_then_scan = [0xFF, 0xD8, 0xFF, 0xC4, 0x00, 0x04, 0x00, 0x00, 0xFF, 0xDA];
        assert_eq!(size(&dht_then_scan), None);

        let mut lossy = b"RIFF\0\0\0\0WEBPVP8 \0\0\0\0\0\0\0\x9d\x01\x2a".to_vec();
        lossy.extend(300u16.to_le_bytes());
        lossy.extend(200u16.to_le_bytes());
        assert_eq!(size(&lossy), Some((300, 200)));
        // Lossless: 14 bits of width - 1, 14 bits of height - 1.
        let bits: u32 = 399 | (249 << 14);
        let mut lossless = b"RIFF\0\0\0\0WEBPVP8L\0\0\0\0\x2f".to_vec();
        lossless.extend(bits.to_le_bytes());
        assert_eq!(size(&lossless), Some((400, 250)));
        let mut extended = b"RIFF\0\0\0\0WEBPVP8X\0\0\0\0\0\0\0\0".to_vec();
        extended.extend([0x1F, 0x03, 0x00, 0x57, 0x02, 0x00]);
        assert_eq!(size(&extended), Some((800, 600)));
    }

    #[test]
    fn truncated_and_unknown_files_have_no_size() {
        for bytes in [
            &b""[..],
            b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0",
            b"GIF89a\x20",
            b"\xff\xd8\xff\xe0\x00\x10",
            b"RIFF\0\0\0\0WEBPVP8 ",
            b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
            b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\0\0\0\0\0\0",
        ] {
            assert_eq!(size(bytes), None, "{bytes:?}");
        }
    }
}
