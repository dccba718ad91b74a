#!/usr/bin/env python3
"""Writes the one-page summary sheet (phiếu tóm tắt) of each document of the sample register.

The sample site does not republish the official texts: each document's `file` is a sheet
with its number, abstract, issuer and dates, pointing to the official source. The PDF uses
the standard Helvetica font, which has no Vietnamese letters, so the sheet is written
without tone marks. Standard library only.

Usage: python3 scripts/make_document_pdfs.py [content/van-ban]
"""

import re
import sys
import unicodedata
from pathlib import Path

KEYS = ("title", "number", "type", "issuer", "signer", "issued", "effective", "file")


def front_matter(text):
    """The flat `key: value` lines of a Markdown file's front matter."""
    match = re.match(r"---\n(.*?)\n---\n", text, re.S)
    values = {}
    for line in (match.group(1) if match else "").splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip() in KEYS:
            values[key.strip()] = value.strip().strip('"')
    return values


def ascii_text(text):
    """Vietnamese without tone marks, as the standard PDF font can show it."""
    text = text.replace("đ", "d").replace("Đ", "D").replace("–", "-")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if ord(c) < 128)


def date_vi(iso):
    year, month, day = iso.split("-")
    return f"{day}/{month}/{year}"


def wrap(text, width):
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return lines + ([line] if line else [])


def pdf_string(text):
    return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def sheet(doc):
    lines = [
        ("F2", 16, "PHIEU TOM TAT VAN BAN"),
        ("F1", 10, "Trang mau cua loa - khong phai ban chinh thuc cua van ban"),
        ("F1", 11, ""),
        ("F2", 12, f"{doc['type']} so {doc['number']}"),
    ]
    lines += [("F1", 12, part) for part in wrap(doc["title"], 80)]
    lines.append(("F1", 11, ""))
    lines.append(("F1", 11, f"Co quan ban hanh: {doc['issuer']}"))
    if doc.get("signer"):
        lines.append(("F1", 11, f"Nguoi ky: {doc['signer']}"))
    lines.append(("F1", 11, f"Ngay ban hanh: {date_vi(doc['issued'])}"))
    if doc.get("effective"):
        lines.append(("F1", 11, f"Ngay hieu luc: {date_vi(doc['effective'])}"))
    lines += [
        ("F1", 11, ""),
        ("F1", 11, "Toan van chinh thuc: Co so du lieu quoc gia ve van ban phap luat"),
        ("F1", 11, "https://vbpl.vn/ va Cong thong tin dien tu Chinh phu https://chinhphu.vn/"),
    ]
    ops = ["BT", "56 780 Td"]
    for font, size, text in lines:
        ops.append(f"/{font} {size} Tf {pdf_string(ascii_text(text))} Tj 0 -{size + 7} Td")
    ops.append("ET")
    content = "\n".join(ops).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def main():
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "content/van-ban")
    for md in sorted(folder.glob("*.md")):
        doc = front_matter(md.read_text(encoding="utf-8"))
        if "file" not in doc:
            continue
        (md.parent / doc["file"]).write_bytes(sheet(doc))
        print(md.parent / doc["file"])


if __name__ == "__main__":
    main()
