// Search for the default theme: results as the reader types, from the index `loa build`
// writes under tim-kiem/ (README.md, "Search"). No dependencies, no inline code: it runs
// under the site's Content-Security-Policy. Folding and word splitting must stay identical to
// src/search/mod.rs and base::text::fold; tests/browser checks them against the Rust side.

const WORD = /[\p{Alphabetic}\p{M}\p{N}]+/gu;
const MARK = /\p{M}/u;
const PAGE = 10;
// A title match outweighs the tags, summary and headings, which outweigh the text.
const FIELD_WEIGHT = [10, 4, 1];
// A completion of the word being typed, or the same letters with other tone marks.
const PREFIX_FACTOR = 0.6;
const OTHER_MARKS_FACTOR = 0.35;

/** Lowercase, one character at a time (as src/search/mod.rs does). */
export function lowercase(word) {
  let out = "";
  for (const c of word) out += c.toLowerCase();
  return out;
}

/** Vietnamese to plain lowercase letters: "Đóng BHYT" → "dong bhyt" (text::fold). */
export function fold(text) {
  let out = "";
  for (const c of text) {
    if (c === "đ" || c === "Đ") {
      out += "d";
      continue;
    }
    for (const d of c.normalize("NFD")) {
      if (!MARK.test(d)) out += d.toLowerCase();
    }
  }
  return out;
}

/** The words of a text, with their positions. */
export function words(text) {
  return Array.from(text.matchAll(WORD), (m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
}

/** The index file holding a folded word (search::shard). */
export function shard(key) {
  const prefix = Array.from(key).slice(0, /^[0-9]/.test(key) ? 1 : 2);
  return prefix.every((c) => /^[a-z0-9]$/.test(c))
    ? prefix.join("")
    : prefix.map((c) => c.codePointAt(0).toString(16)).join("-");
}

/**
 * What a query asks for: one clause per word, or per phrase of the synonym list ("bảo hiểm
 * y tế" becomes the single clause "bhyt", which the index also gives to the articles that
 * write the phrase). Every clause must match; the last word also matches as a prefix while
 * it is being typed.
 */
export function clauses(query, synonyms) {
  const typed = words(query.normalize("NFC")).map((w) => ({
    word: lowercase(w.text),
    key: fold(w.text),
  }));
  const stillTyping = /[\p{Alphabetic}\p{M}\p{N}]$/u.test(query);
  const out = [];
  for (let i = 0; i < typed.length; i++) {
    const phrase = synonyms.find(
      (s) => s.words.length > 1 && s.words.every((w, j) => typed[i + j] && typed[i + j].key === w),
    );
    if (phrase) {
      const group = typed.slice(i, i + phrase.words.length);
      out.push({
        key: phrase.key,
        word: phrase.abbreviation,
        marked: group.some((w) => w.word !== w.key),
        prefix: false,
        highlight: [phrase.key],
        phrases: [phrase.words],
      });
      i += phrase.words.length - 1;
      continue;
    }
    const { word, key } = typed[i];
    const abbreviation = synonyms.find((s) => s.key === key);
    out.push({
      key,
      word,
      marked: word !== key,
      prefix: stillTyping && i === typed.length - 1 && key.length >= 2,
      highlight: [key],
      phrases: abbreviation ? [abbreviation.words] : [],
    });
  }
  return out;
}

/** Scores of the documents one clause matches: Map(document → {score, exact}). */
export function match(clause, shardTerms) {
  const found = new Map();
  if (!shardTerms) return found;
  const keys = clause.prefix
    ? Object.keys(shardTerms).filter((k) => k.startsWith(clause.key))
    : Object.hasOwn(shardTerms, clause.key) ? [clause.key] : [];
  for (const key of keys) {
    const completion = key === clause.key ? 1 : PREFIX_FACTOR;
    for (const [spelling, ...fields] of shardTerms[key]) {
      const exact =
        !clause.marked || (clause.prefix ? spelling.startsWith(clause.word) : spelling === clause.word);
      const factor = completion * (exact ? 1 : OTHER_MARKS_FACTOR);
      fields.forEach((deltas, field) => {
        let doc = 0;
        for (const delta of deltas) {
          doc += delta;
          const score = FIELD_WEIGHT[field] * factor;
          const seen = found.get(doc);
          if (!seen) found.set(doc, { score, exact });
          else {
            seen.score = Math.max(seen.score, score);
            seen.exact ||= exact;
          }
        }
      });
    }
  }
  return found;
}

/**
 * Ranks the documents: those matching every clause, or when none does, those missing one
 * (`partial`). Within them: more exact spellings first (a word typed with tone marks),
 * then the score, then the newer document (documents are numbered newest first).
 */
export function rank(matches, total) {
  const all = new Map();
  matches.forEach((found) => {
    const idf = Math.log(1 + total / Math.max(found.size, 1));
    for (const [doc, { score, exact }] of found) {
      const r = all.get(doc) || { doc, clauses: 0, exact: 0, score: 0 };
      r.clauses += 1;
      r.exact += exact ? 1 : 0;
      r.score += score * idf;
      all.set(doc, r);
    }
  });
  const order = (a, b) => b.exact - a.exact || b.score - a.score || a.doc - b.doc;
  const complete = [...all.values()].filter((r) => r.clauses === matches.length);
  if (complete.length > 0 || matches.length < 2) return { results: complete.sort(order), partial: false };
  const near = [...all.values()].filter((r) => r.clauses === matches.length - 1);
  return { results: near.sort(order), partial: true };
}

/** Marks the words of `text` a query matched, as DOM nodes (never HTML strings). */
export function highlight(text, queryClauses) {
  const found = words(text).map((w) => ({ ...w, key: fold(w.text) }));
  const marked = new Array(found.length).fill(false);
  for (const c of queryClauses) {
    found.forEach((w, i) => {
      if (c.highlight.some((k) => (c.prefix ? w.key.startsWith(k) : w.key === k))) marked[i] = true;
      for (const phrase of c.phrases) {
        if (phrase.every((p, j) => found[i + j] && found[i + j].key === p)) {
          phrase.forEach((_, j) => (marked[i + j] = true));
        }
      }
    });
  }
  const nodes = [];
  let at = 0;
  found.forEach((w, i) => {
    if (!marked[i]) return;
    if (w.start > at) nodes.push(document.createTextNode(text.slice(at, w.start)));
    const mark = document.createElement("mark");
    mark.textContent = w.text;
    nodes.push(mark);
    at = w.end;
  });
  if (at < text.length) nodes.push(document.createTextNode(text.slice(at)));
  return nodes;
}

function dateVi(iso) {
  const [y, m, d] = iso.split("-");
  return `${d}/${m}/${y}`;
}

/** The index files, each fetched once, all of one build (the manifest's hash). */
class Index {
  constructor(url) {
    this.url = new URL(url, document.baseURI);
    this.files = new Map();
    this.manifest = fetch(this.url, { cache: "no-cache" })
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`${r.status} ${this.url}`))))
      .then((m) => ({
        ...m,
        shardSet: new Set(m.shards),
        synonyms: m.synonyms.map(([abbreviation, phrase]) => ({
          abbreviation,
          key: fold(abbreviation),
          words: words(phrase).map((w) => fold(w.text)),
        })),
      }));
  }

  /** One fetch per file, shared by every search that needs it; a failed one is retried later. */
  file(path) {
    if (!this.files.has(path)) {
      const loading = this.manifest
        .then(({ hash }) => fetch(new URL(`${path}?v=${hash}`, this.url)))
        .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`${r.status} ${r.url}`))))
        .catch((error) => {
          this.files.delete(path);
          throw error;
        });
      this.files.set(path, loading);
    }
    return this.files.get(path);
  }

  async terms(key) {
    const manifest = await this.manifest;
    const name = shard(key);
    return manifest.shardSet.has(name) ? this.file(`t/${name}.json`) : null;
  }

  async document(n) {
    const { per_chunk } = await this.manifest;
    const chunk = await this.file(`d/${Math.floor(n / per_chunk)}.json`);
    const [title, path, date, section, excerpt] = chunk[n % per_chunk];
    return { title, path, date, section, excerpt };
  }
}

function start(form) {
  const input = form.querySelector("input[name=q]");
  const output = document.querySelector(".search-output");
  const status = document.getElementById("ket_qua_trang_thai");
  const list = document.getElementById("ket_qua");
  const more = document.getElementById("them_ket_qua");
  const browse = document.querySelector(".search-browse");
  const root = form.dataset.root;
  const index = new Index(form.dataset.index);
  let generation = 0;
  let shown = { query: "", ranked: [], clauses: [], count: 0 };
  let announce = 0;

  // Screen readers hear the count once typing pauses, not after every key; until then no
  // count of an earlier query stays on screen.
  function say(text) {
    clearTimeout(announce);
    status.textContent = "";
    if (text) announce = setTimeout(() => (status.textContent = text), 400);
  }

  async function item(n, queryClauses, sections) {
    const d = await index.document(n);
    const li = document.createElement("li");
    li.className = "search-result";
    const h = document.createElement("h2");
    h.className = "search-result-title";
    const a = document.createElement("a");
    a.href = root + d.path;
    a.append(...highlight(d.title, queryClauses));
    h.append(a);
    li.append(h);
    const meta = [];
    if (d.date) {
      const time = document.createElement("time");
      time.dateTime = d.date;
      time.textContent = dateVi(d.date);
      meta.push(time);
    }
    if (d.section !== null && sections[d.section]) meta.push(document.createTextNode(sections[d.section][0]));
    if (meta.length) {
      const p = document.createElement("p");
      p.className = "search-result-meta";
      meta.forEach((m, i) => {
        if (i > 0) p.append(" · ");
        p.append(m);
      });
      li.append(p);
    }
    if (d.excerpt) {
      const p = document.createElement("p");
      p.className = "search-result-excerpt";
      p.append(...highlight(d.excerpt, queryClauses));
      li.append(p);
    }
    return li;
  }

  async function showMore(mine) {
    const { sections } = await index.manifest;
    const next = shown.ranked.slice(shown.count, shown.count + PAGE);
    const items = await Promise.all(next.map((r) => item(r.doc, shown.clauses, sections)));
    if (mine !== generation) return;
    list.append(...items);
    shown.count += items.length;
    more.hidden = shown.count >= shown.ranked.length;
  }

  async function search(query) {
    const mine = ++generation;
    const trimmed = query.trim();
    const url = new URL(location.href);
    if (trimmed) url.searchParams.set("q", trimmed);
    else url.searchParams.delete("q");
    history.replaceState(null, "", url);
    if (!trimmed) {
      output.hidden = true;
      browse.hidden = false;
      list.replaceChildren();
      say("");
      return;
    }
    list.setAttribute("aria-busy", "true");
    say("");
    try {
      const manifest = await index.manifest;
      const queryClauses = clauses(query, manifest.synonyms);
      const shards = await Promise.all(queryClauses.map((c) => index.terms(c.key)));
      if (mine !== generation) return;
      const { results, partial } = rank(
        queryClauses.map((c, i) => match(c, shards[i])),
        manifest.documents,
      );
      shown = { query: trimmed, ranked: results, clauses: queryClauses, count: 0 };
      const { sections } = manifest;
      const first = await Promise.all(results.slice(0, PAGE).map((r) => item(r.doc, queryClauses, sections)));
      if (mine !== generation) return;
      list.replaceChildren(...first);
      shown.count = first.length;
      more.hidden = shown.count >= results.length;
      output.hidden = false;
      browse.hidden = results.length > 0;
      const count = results.length.toLocaleString("vi-VN");
      say(
        results.length === 0
          ? `Không tìm thấy kết quả nào cho “${trimmed}”. Hãy thử bớt từ hoặc từ khác, hoặc xem theo mục bên dưới.`
          : partial
            ? `Không có bài nào chứa đủ các từ “${trimmed}”; ${count} bài chứa gần đủ.`
            : `Tìm thấy ${count} kết quả cho “${trimmed}”.`,
      );
    } catch (error) {
      if (mine !== generation) return;
      list.replaceChildren();
      output.hidden = false;
      browse.hidden = false;
      say("");
      status.textContent = "Không tải được dữ liệu tìm kiếm. Hãy kiểm tra kết nối mạng rồi thử lại, hoặc xem theo mục bên dưới.";
      console.warn(error);
    } finally {
      if (mine === generation) list.setAttribute("aria-busy", "false");
    }
  }

  input.addEventListener("input", () => search(input.value));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    search(input.value);
  });
  more.addEventListener("click", () => showMore(generation));
  const initial = new URLSearchParams(location.search).get("q");
  if (initial) {
    input.value = initial;
    search(initial);
  }
}

const form = document.querySelector("form.search-form[data-index]");
if (form) start(form);
