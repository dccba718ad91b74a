#!/usr/bin/env python3
"""What a phone downloads to show a page of a built site: the HTML and every stylesheet,
script, image and icon it asks for on load (images marked loading="lazy" counted apart, as a
phone fetches them only when scrolled to), raw and gzip-compressed as a web server sends them.

    python3 bench/page_weight.py OUTPUT_DIR [PAGE ...]

PAGE is a site path such as `` (the home page) or `tin-tuc/`; the default is the home page.
Fonts and third-party files do not occur: the default theme uses none.
"""
import gzip
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit


class Resources(HTMLParser):
    def __init__(self):
        super().__init__()
        self.eager, self.lazy = [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and a.get("rel") in ("stylesheet", "icon") and a.get("href"):
            if "print" not in (a.get("media") or ""):
                self.eager.append(a["href"])
        elif tag == "script" and a.get("src"):
            self.eager.append(a["src"])
        elif tag == "img" and a.get("src"):
            (self.lazy if a.get("loading") == "lazy" else self.eager).append(a["src"])


def local(out: Path, url: str):
    parts = urlsplit(url)
    if parts.netloc and parts.netloc not in ("127.0.0.1", "localhost"):
        return None
    path = out / parts.path.lstrip("/")
    return path / "index.html" if path.is_dir() else path


def sizes(path: Path):
    data = path.read_bytes()
    return len(data), len(gzip.compress(data, 6))


def main():
    out = Path(sys.argv[1])
    pages = sys.argv[2:] or [""]
    for page in pages:
        html = local(out, "/" + page)
        parser = Resources()
        parser.feed(html.read_text(encoding="utf-8"))
        rows = [("page", html)] + [("eager", local(out, u)) for u in dict.fromkeys(parser.eager)]
        rows += [("lazy", local(out, u)) for u in dict.fromkeys(parser.lazy)]
        total = {"page": [0, 0], "eager": [0, 0], "lazy": [0, 0]}
        print(f"/{page}")
        for kind, path in rows:
            if path is None or not path.exists():
                continue
            raw, gz = sizes(path)
            total[kind][0] += raw
            total[kind][1] += gz
            print(f"  {kind:5} {raw / 1024:7.1f} KiB raw {gz / 1024:6.1f} KiB gzip  {path.relative_to(out)}")
        first = [total["page"][i] + total["eager"][i] for i in (0, 1)]
        print(f"  first view: {first[0] / 1024:.1f} KiB raw, {first[1] / 1024:.1f} KiB gzip;"
              f" lazy images {total['lazy'][0] / 1024:.1f} KiB more")


if __name__ == "__main__":
    main()
