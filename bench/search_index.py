#!/usr/bin/env python3
"""Sizes of the search index of a built site (raw and gzip, as web servers send it), and the
index files a query needs before its first results: the manifest, the term files of its
words and the document file of its best results.

    python3 bench/search_index.py OUTPUT_DIR ["muc dong bao hiem y te ho gia dinh"]
"""
import gzip
import json
import os
import statistics
import sys
import unicodedata

out = sys.argv[1]
query = sys.argv[2] if len(sys.argv) > 2 else "muc dong bao hiem y te ho gia dinh"
index = os.path.join(out, "tim-kiem")


def size(path):
    raw = open(path, "rb").read()
    return len(raw), len(gzip.compress(raw, 6))


def fold(word):
    """text::fold: NFD, marks dropped, đ → d, lowercase."""
    word = word.replace("đ", "d").replace("Đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.category(c).startswith("M")).lower()


def shard(key):
    prefix = key[:1] if key[:1].isdigit() else key[:2]
    return prefix if prefix.isascii() and prefix.isalnum() else "-".join(f"{ord(c):x}" for c in prefix)


def kib(n):
    return f"{n / 1024:.1f} KiB"


manifest = json.load(open(os.path.join(index, "chi-muc.json"), encoding="utf-8"))
terms = [size(os.path.join(index, "t", f)) for f in os.listdir(os.path.join(index, "t"))]
docs = [size(os.path.join(index, "d", f)) for f in os.listdir(os.path.join(index, "d"))]
m = size(os.path.join(index, "chi-muc.json"))
total = [sum(x) for x in zip(m, *terms, *docs)]
print(f"{out}: {manifest['documents']} documents")
print(f"all index files: {len(terms) + len(docs) + 1}, {kib(total[0])} raw, {kib(total[1])} gzip")
print(f"manifest: {kib(m[0])} raw, {kib(m[1])} gzip")
print(f"term files: {len(terms)}, {kib(sum(t[0] for t in terms))} raw / {kib(sum(t[1] for t in terms))} gzip in all; "
      f"median {kib(statistics.median(t[0] for t in terms))} / {kib(statistics.median(t[1] for t in terms))}, "
      f"largest {kib(max(t[0] for t in terms))} / {kib(max(t[1] for t in terms))}")
print(f"document files: {len(docs)} of {manifest['per_chunk']}, "
      f"median {kib(statistics.median(d[0] for d in docs))} raw / {kib(statistics.median(d[1] for d in docs))} gzip")

# The words of the query as the script looks them up: a phrase of the synonym list is its
# abbreviation.
keys = [fold(w) for w in query.split()]
synonyms = [(fold(a), [fold(w) for w in p.split()]) for a, p in manifest["synonyms"]]
looked_up, i = [], 0
while i < len(keys):
    for abbreviation, words in synonyms:
        if keys[i:i + len(words)] == words:
            looked_up.append(abbreviation)
            i += len(words)
            break
    else:
        looked_up.append(keys[i])
        i += 1
needed = sorted({shard(k) for k in looked_up} & set(manifest["shards"]))
files = [size(os.path.join(index, "t", f"{n}.json")) for n in needed]
first_docs = size(os.path.join(index, "d", "0.json"))
raw = m[0] + sum(f[0] for f in files) + first_docs[0]
gz = m[1] + sum(f[1] for f in files) + first_docs[1]
print(f'query "{query}": looks up {looked_up}, term files {needed}')
print(f"  before the first results: manifest + {len(files)} term files + 1 document file "
      f"= {kib(raw)} raw, {kib(gz)} gzip (with the newest documents' file, d/0.json)")
