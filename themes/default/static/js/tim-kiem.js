// Search for the default theme: results as the reader types, from the index `loa build`
// writes under tim-kiem/ (README.md, "Search"). No dependencies, no inline code: it runs
// under the site's Content-Security-Policy. Folding and word splitting must stay identical to
// src/search/mod.rs and base::text::fold; tests/browser checks them against the Rust side.

const WORD = /[\p{Alphabetic}\p{M}\p{N}]+/gu;
const MARK = /\p{M}/u;
const PAGE = 10;
// A title match outweighs the tags, summary and headings, which outweigh the text.
const FIELD_WEIGHT = [10, 4, 1];
// Two query words found next to each other in their order, by where they are found.
const PAIR_WEIGHT = [12, 5, 2];
// A completion of the word being typed, the same letters with other tone marks, or a word
// one letter away from one the site never uses (a typo: "bhty", "nguyen" as "nguyn").
const PREFIX_FACTOR = 0.6;
const OTHER_MARKS_FACTOR = 0.35;
const TYPO_FACTOR = 0.5;
const TYPO_MIN_LETTERS = 4;

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

/** The index file holding a folded word, or a pair of words with its first (search::shard). */
export function shard(key) {
  const first = key.split(" ")[0];
  const prefix = Array.from(first).slice(0, /^[0-9]/.test(first) ? 1 : 2);
  return prefix.every((c) => /^[a-z0-9]$/.test(c))
    ? prefix.join("")
    : prefix.map((c) => c.codePointAt(0).toString(16)).join("-");
}

/** The manifest as the functions below read it: synonyms split into folded words. */
export function prepare(manifest) {
  return {
    ...manifest,
    shardSet: new Set(manifest.shards),
    synonyms: manifest.synonyms.map(([abbreviation, phrase]) => ({
      abbreviation,
      key: fold(abbreviation),
      words: words(phrase).map((w) => fold(w.text)),
    })),
  };
}

/**
 * What a query asks for: one clause per word, or per phrase of the synonym list ("bảo hiểm
 * y tế" becomes the single clause "bhyt", which the index also gives to the articles that
 * write the phrase). The last word also matches as a prefix while it is being typed. `left`
 * and `right` are the words a clause may start and end with in a text, for the pairs.
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
      const own = { key: phrase.key, word: null };
      out.push({
        key: phrase.key,
        word: phrase.abbreviation,
        marked: group.some((w) => w.word !== w.key),
        prefix: false,
        synonym: true,
        phrases: [phrase.words],
        left: [own, group[0]],
        right: [own, group[group.length - 1]],
      });
      i += phrase.words.length - 1;
      continue;
    }
    const { word, key } = typed[i];
    const abbreviation = synonyms.find((s) => s.key === key);
    const own = { key, word };
    out.push({
      key,
      word,
      marked: word !== key,
      prefix: stillTyping && i === typed.length - 1 && key.length >= 2,
      synonym: Boolean(abbreviation),
      phrases: abbreviation ? [abbreviation.words] : [],
      left: abbreviation ? [own, { key: abbreviation.words[0], word: null }] : [own],
      right: abbreviation ? [own, { key: abbreviation.words[abbreviation.words.length - 1], word: null }] : [own],
    });
  }
  return out;
}

/** The pairs of words that would show two neighbouring clauses side by side in a text. */
export function pairs(queryClauses) {
  const out = [];
  for (let at = 0; at + 1 < queryClauses.length; at++) {
    const next = queryClauses[at + 1];
    for (const r of queryClauses[at].right) {
      for (const l of next.left) {
        const word = r.word !== null && l.word !== null ? `${r.word} ${l.word}` : null;
        const key = `${r.key} ${l.key}`;
        out.push({ at, key, word, marked: word !== null && word !== key, prefix: next.prefix && l === next.left[0] });
      }
    }
  }
  return out;
}

/** Whether `a` and `b` differ by one letter added, removed, changed, or two swapped. */
function oneEdit(a, b) {
  if (Math.abs(a.length - b.length) > 1 || a === b) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** The documents a term (a clause or a pair) matches: Map(document → {field, factor, exact}). */
export function match(term, shardTerms) {
  const found = new Map();
  if (!shardTerms) return found;
  const pair = term.key.includes(" ");
  const kind = (k) => k.includes(" ") === pair;
  let keys = term.prefix
    ? Object.keys(shardTerms).filter((k) => k.startsWith(term.key) && kind(k))
    : Object.hasOwn(shardTerms, term.key) ? [term.key] : [];
  const typo = keys.length === 0 && !pair && term.key.length >= TYPO_MIN_LETTERS;
  if (typo) keys = Object.keys(shardTerms).filter((k) => kind(k) && oneEdit(k, term.key));
  for (const key of keys) {
    const completion = typo ? TYPO_FACTOR : key === term.key ? 1 : PREFIX_FACTOR;
    for (const [spelling, ...fields] of shardTerms[key]) {
      const exact = !term.marked || (term.prefix ? spelling.startsWith(term.word) : spelling === term.word);
      const factor = completion * (exact ? 1 : OTHER_MARKS_FACTOR);
      fields.forEach((deltas, field) => {
        let doc = 0;
        for (const delta of deltas) {
          doc += delta;
          const seen = found.get(doc);
          if (!seen) found.set(doc, { field, factor, exact });
          else {
            if (FIELD_WEIGHT[field] * factor > FIELD_WEIGHT[seen.field] * seen.factor) Object.assign(seen, { field, factor });
            seen.exact ||= exact;
          }
        }
      });
    }
  }
  return found;
}

/** The index files a query needs: the manifest's shard names of its words and pairs. */
export function shardNames(manifest, query) {
  const queryClauses = clauses(query, manifest.synonyms);
  const keys = [...queryClauses.map((c) => c.key), ...pairs(queryClauses).map((p) => p.key)];
  return [...new Set(keys.map(shard))].filter((name) => manifest.shardSet.has(name));
}

/** The spelling most documents use for a pair: how a query without tone marks is meant. */
function usualSpelling(entries) {
  const count = ([, ...fields]) => fields.reduce((n, deltas) => n + deltas.length, 0);
  return entries.reduce((best, e) => (count(e) > count(best) ? e : best))[0];
}

/**
 * Ranks the documents of `index` ({manifest: prepare(...), shards: Map(name → file)}) for a
 * query, best first. A document must have every clause, or miss one but have two of the
 * query's words side by side; when none has every clause, those missing one are shown and
 * `partial` says so. The order: fewer words found only with other tone marks than typed;
 * more clauses found and more of them next to each other as typed (a pair in the text counts
 * half one in the title, tags, summary or headings, a missing clause two pairs); then the
 * weight of where they are found; then the newer document (documents are numbered newest first). Statistics
 * pages of districts found only by their description become one result, the indicator's.
 */
export function rank(index, query) {
  const { manifest, shards } = index;
  const terms = (key) => shards.get(shard(key)) || null;
  const total = manifest.documents;
  const queryClauses = clauses(query, manifest.synonyms);
  const docs = new Map();
  queryClauses.forEach((c) => {
    const found = match(c, terms(c.key));
    const idf = Math.log(1 + total / Math.max(found.size, 1));
    for (const [doc, m] of found) {
      let r = docs.get(doc);
      if (!r) docs.set(doc, (r = { doc, clauses: 0, wrong: 0, title: 0, fields: 0, next: 0, near: 0, score: 0 }));
      r.clauses += 1;
      r.fields |= 1 << m.field;
      r.wrong += m.exact ? 0 : 1;
      r.title += m.field === 0 ? 1 : 0;
      r.score += FIELD_WEIGHT[m.field] * m.factor * idf;
    }
  });
  const meant = queryClauses.map((c) => (c.marked || c.synonym ? null : undefined));
  for (const p of pairs(queryClauses)) {
    const entries = terms(p.key);
    const found = match(p, entries);
    const idf = Math.log(1 + total / Math.max(found.size, 1));
    for (const [doc, m] of found) {
      const r = docs.get(doc);
      if (!r || r.next & (1 << p.at)) continue;
      r.next |= 1 << p.at;
      r.near += m.field < 2 ? 2 : 1;
      r.score += PAIR_WEIGHT[m.field] * m.factor * idf;
    }
    if (found.size > 0 && Object.hasOwn(entries, p.key)) {
      const [a, b] = usualSpelling(entries[p.key]).split(" ");
      if (meant[p.at] === undefined && p.key.startsWith(`${queryClauses[p.at].key} `)) meant[p.at] = a;
      if (meant[p.at + 1] === undefined && p.key.endsWith(` ${queryClauses[p.at + 1].key}`)) meant[p.at + 1] = b;
    }
  }
  queryClauses.forEach((c, i) => (c.meant = meant[i] || null));
  const n = queryClauses.length;
  const all = [...docs.values()];
  let results = all.filter((r) => r.clauses === n || (n >= 3 && r.clauses === n - 1 && r.next !== 0));
  const partial = !all.some((r) => r.clauses === n) && n >= 2;
  if (partial) results = all.filter((r) => r.clauses === n - 1);
  for (const r of results) {
    r.cover = 2 * r.clauses + r.near;
    // Words found in one field may stand side by side (only the pairs of a page's title,
    // summary and headings are indexed); words split between its title and its text do not.
    r.apart = r.near === 0 && (r.fields & (r.fields - 1)) !== 0 ? 1 : 0;
  }
  results.sort((a, b) => a.wrong - b.wrong || b.cover - a.cover || a.apart - b.apart || b.score - a.score || a.doc - b.doc);
  return { clauses: queryClauses, results: group(results, manifest.statistics), partial };
}

/** The district pages found only by their description, as one result: the indicator's. */
function group(results, statistics) {
  if (!statistics) return results;
  const within = (doc, [first, count]) => doc >= first && doc < first + count;
  const byDescription = (r) => within(r.doc, statistics.units) && r.title === 0;
  const units = results.filter(byDescription).length;
  if (units === 0) return results;
  let head =
    results.find((r) => within(r.doc, statistics.indicators)) || results.find((r) => r.doc === statistics.dashboard);
  const out = [];
  for (const r of results) {
    if (!byDescription(r)) out.push(r);
    else if (!head) out.push((head = { ...r, doc: statistics.dashboard }));
  }
  head.units = units;
  return out;
}

/**
 * The words of `text` a query matched, as [start, end] ranges. A word typed with tone marks
 * marks only that spelling ("mức đóng" never marks "động"); a word typed without them marks
 * the spelling its pair is usually written with ("muc dong" marks "mức đóng", not "đồng"),
 * or when it has no pair, any spelling.
 */
export function marks(text, queryClauses) {
  const found = words(text).map((w) => ({ ...w, key: fold(w.text), lower: lowercase(w.text.normalize("NFC")) }));
  const marked = new Array(found.length).fill(false);
  for (const c of queryClauses) {
    const spelled = c.synonym ? null : c.marked ? c.word : c.meant;
    found.forEach((w, i) => {
      const same = spelled === null ? w.key : w.lower;
      const want = spelled === null ? c.key : spelled;
      if (c.prefix ? same.startsWith(want) : same === want) marked[i] = true;
      for (const phrase of c.phrases) {
        if (phrase.every((p, j) => found[i + j] && found[i + j].key === p)) {
          phrase.forEach((_, j) => (marked[i + j] = true));
        }
      }
    });
  }
  return found.filter((_, i) => marked[i]).map((w) => [w.start, w.end]);
}

/** Marks the words of `text` a query matched, as DOM nodes (never HTML strings). */
export function highlight(text, queryClauses) {
  const nodes = [];
  let at = 0;
  for (const [start, end] of marks(text, queryClauses)) {
    if (start > at) nodes.push(document.createTextNode(text.slice(at, start)));
    const mark = document.createElement("mark");
    mark.textContent = text.slice(start, end);
    nodes.push(mark);
    at = end;
  }
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
      .then(prepare);
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

  /** What `rank` reads for a query: the manifest and the term files it needs. */
  async forQuery(query) {
    const manifest = await this.manifest;
    const names = shardNames(manifest, query);
    const files = await Promise.all(names.map((name) => this.file(`t/${name}.json`)));
    return { manifest, shards: new Map(names.map((name, i) => [name, files[i]])) };
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

  async function item(r, queryClauses, sections) {
    const d = await index.document(r.doc);
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
    if (r.units) meta.push(document.createTextNode(`Gồm số liệu của ${r.units} đơn vị`));
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
    const items = await Promise.all(next.map((r) => item(r, shown.clauses, sections)));
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
      const found = await index.forQuery(query);
      if (mine !== generation) return;
      const { results, partial, clauses: queryClauses } = rank(found, query);
      shown = { query: trimmed, ranked: results, clauses: queryClauses, count: 0 };
      const { sections } = found.manifest;
      const first = await Promise.all(results.slice(0, PAGE).map((r) => item(r, queryClauses, sections)));
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

// Node imports this module to test the ranking on a built index: there is no page there.
const form = globalThis.document?.querySelector("form.search-form[data-index]");
if (form) start(form);
