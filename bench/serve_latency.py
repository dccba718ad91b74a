#!/usr/bin/env python3
"""Edit-to-reload latency of `loa serve`, and its startup time.

Starts `loa serve --port 0 --root SITE`, measures the time until the first page is served,
then saves one article RUNS times (a body edit, as editors make all day) and measures the time
from the save to the `reload` event, checking each time that the new text is already served.

    python3 bench/serve_latency.py SITE [RUNS]
"""
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time

site, runs = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 21
loa = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "target", "release", "loa")

started = time.perf_counter()
server = subprocess.Popen([loa, "--root", site, "serve", "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
port = None
for line in server.stdout:
    m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
    if m:
        port = int(m.group(1))
        break
threading.Thread(target=lambda: [None for _ in server.stdout], daemon=True).start()


def get(path):
    with socket.create_connection(("127.0.0.1", port)) as s:
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    return data.decode("utf-8", "replace")


get("/")
startup = time.perf_counter() - started

events = socket.create_connection(("127.0.0.1", port))
events.sendall(f"GET /__loa/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
events.recv(4096)
events.settimeout(30)

articles = []
for root, _, files in os.walk(os.path.join(site, "content")):
    articles += [os.path.join(root, f) for f in files if f.endswith(".md") and not f.startswith("_")]
article = sorted(articles)[len(articles) // 2]
original = open(article, encoding="utf-8").read()
url = None
m = re.search(r"^slug: (.+)$", original, re.M)
section = os.path.relpath(os.path.dirname(article), os.path.join(site, "content")).replace(os.sep, "/")
if m:
    url = f"/{section}/{m.group(1).strip()}/"

latencies = []
try:
    for i in range(runs):
        marker = f"Dòng thử số {i}."
        time.sleep(0.15)
        t0 = time.perf_counter()
        with open(article, "w", encoding="utf-8") as f:
            f.write(original + f"\n{marker}\n")
        buf = b""
        while b"event: reload" not in buf:
            buf += events.recv(4096)
        latencies.append((time.perf_counter() - t0) * 1000)
        if url and marker not in get(url):
            sys.exit(f"the reload came before the new text was served ({url})")
finally:
    with open(article, "w", encoding="utf-8") as f:
        f.write(original)


def drain():
    """Drops events still pending (the restore of the article sends one)."""
    events.settimeout(1.0)
    try:
        while events.recv(4096):
            pass
    except socket.timeout:
        pass
    events.settimeout(30)


# A template edit rebuilds the whole site in memory: the slow path, measured apart.
template = os.path.join(site, "themes", "default", "templates", "page.html")
template_text = open(template, encoding="utf-8").read()
full = []
try:
    for i in range(5):
        drain()
        t0 = time.perf_counter()
        with open(template, "w", encoding="utf-8") as f:
            # A visible change: a template comment alone would render the same pages.
            f.write(template_text.replace("{% endblock content %}", f"<!-- thử {i} -->{{% endblock content %}}", 1))
        buf = b""
        while b"event: reload" not in buf:
            buf += events.recv(4096)
        full.append((time.perf_counter() - t0) * 1000)
finally:
    with open(template, "w", encoding="utf-8") as f:
        f.write(template_text)
    server.terminate()

print(f"site: {site}, {len(articles)} Markdown files, {os.cpu_count()} cores")
print(f"startup to first page served: {startup * 1000:.0f} ms")
print(f"edit-to-reload over {runs} saves: median {statistics.median(latencies):.1f} ms, "
      f"min {min(latencies):.1f} ms, max {max(latencies):.1f} ms")
print(f"template edit (full rebuild in memory) over {len(full)} saves: median {statistics.median(full):.0f} ms")
