// The built sample site in a real browser (Debian's Chromium, driven by playwright-core):
// axe-core (WCAG 2.1 A and AA), layout at 360 and 1280 px, console errors, requests leaving
// the local server, the keyboard path, and search as a citizen types it. Run by
// tests/browser.rs, which builds the site, serves it and passes:
//
//     node run.mjs BASE_URL SCREENSHOT_DIR CHECKS_JSON
//
// CHECKS_JSON holds what the Rust side says about Vietnamese words (folding, lowercase, word
// splitting), which the search script must agree with. Exits with 1 on any failure.

import { readFile, mkdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { chromium } from "playwright-core";

const [base, shots, checksFile] = process.argv.slice(2);
if (!base || !shots || !checksFile) {
  console.error("usage: node run.mjs BASE_URL SCREENSHOT_DIR CHECKS_JSON");
  process.exit(2);
}
const origin = new URL(base).origin;
const require = createRequire(import.meta.url);
const axeSource = await readFile(require.resolve("axe-core/axe.min.js"), "utf8");
const checks = JSON.parse(await readFile(checksFile, "utf8"));
await mkdir(shots, { recursive: true });

const WIDTHS = [360, 1280];
const PAGES = [
  ["trang-chu", ""],
  ["danh-sach", "tin-tuc/"],
  ["bai-viet", "tin-tuc/huong-ung-ngay-bao-hiem-y-te-viet-nam-1-7-2022/"],
  ["the", "the/bhyt/"],
  ["bang-phi", "chinh-sach/bhyt/muc-dong-bhyt-ho-gia-dinh/"],
  ["hoi-dap", "hoi-dap/"],
  ["thong-ke", "thong-ke/"],
  ["chi-tieu", "thong-ke/bhyt/"],
  ["huyen", "thong-ke/don-vi/thach-thanh/"],
  ["tim-kiem", "tim-kiem/"],
  ["tim-kiem-ket-qua", "tim-kiem/?q=bao+hiem+y+te+ho+gia+dinh"],
  ["van-ban", "van-ban/"],
  ["van-ban-nd146", "van-ban/nd-146-2018/"],
  ["english", "en/about/"],
  ["404", "khong-co-trang-nay/"],
];
const NOT_FOUND = `${base}khong-co-trang-nay/`;
// The article the search test expects first, typed without tone marks.
const QUERY = "muc dong bao hiem y te ho gia dinh";
const EXPECTED = "chinh-sach/bhyt/muc-dong-bhyt-ho-gia-dinh/";

const failures = [];
const fail = (message) => {
  failures.push(message);
  console.log(`FAIL ${message}`);
};

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
const context = await browser.newContext({ locale: "vi-VN" });
// Nothing may leave the local server: fonts, analytics, CDNs would all show up here.
const outside = new Set();
await context.route("**/*", (route) => {
  const url = route.request().url();
  if (url.startsWith(`${origin}/`)) return route.continue();
  outside.add(url);
  return route.abort();
});

/** A new tab whose console errors and uncaught exceptions fail the run. */
async function open(name, width) {
  const page = await context.newPage();
  await page.setViewportSize({ width, height: 800 });
  page.on("console", (message) => {
    // The 404 page comes with status 404, which Chromium logs against the document itself.
    const expected404 = message.location().url === NOT_FOUND && message.text().includes("status of 404");
    if (message.type() === "error" && !expected404) fail(`${name} @${width}: console error: ${message.text()}`);
  });
  page.on("pageerror", (error) => fail(`${name} @${width}: uncaught ${error.message}`));
  return page;
}

async function searchSettled(page, query) {
  await page.waitForFunction(
    (q) => {
      const list = document.getElementById("ket_qua");
      const input = document.getElementById("tu_khoa");
      return list.getAttribute("aria-busy") === "false" && input.value === q && list.children.length > 0;
    },
    query,
    { timeout: 10000 },
  );
}

const axeSummary = [];
for (const [name, rel] of PAGES) {
  for (const width of WIDTHS) {
    const page = await open(name, width);
    const response = await page.goto(base + rel, { waitUntil: "load" });
    const status = response.status();
    if (status !== (name === "404" ? 404 : 200)) fail(`${name} @${width}: HTTP ${status}`);
    if (name === "tim-kiem-ket-qua") await searchSettled(page, "bao hiem y te ho gia dinh");
    await page.evaluate(axeSource);
    const result = await page.evaluate(() =>
      window.axe.run(document, {
        runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
      }),
    );
    axeSummary.push(`${name}@${width}: ${result.violations.length} violations, ${result.passes.length} rules passed`);
    for (const v of result.violations) {
      const nodes = v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join(" | ");
      fail(`${name} @${width}: axe ${v.id} (${v.impact}): ${v.help} — ${nodes}`);
    }
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }));
    if (scrollWidth > innerWidth) fail(`${name} @${width}: scrolls sideways (${scrollWidth} > ${innerWidth})`);
    // Every figure of an article's tables is on screen: no cell hidden past the edge, none
    // inside a region that scrolls sideways.
    const hiddenCells = await page.evaluate(() =>
      [...document.querySelectorAll(".prose td, .prose th")]
        .filter((c) => c.checkVisibility())
        // A heading row kept for screen readers only (the phone's label/value cards).
        .filter((c) => !(c.closest("thead") && getComputedStyle(c.closest("thead")).clipPath + getComputedStyle(c.closest("thead")).clip !== "noneauto"))
        .filter((c) => {
          const r = c.getBoundingClientRect();
          const table = c.closest("table");
          return r.left < -0.5 || r.right > innerWidth + 0.5 || table.scrollWidth > table.clientWidth + 1;
        })
        .map((c) => c.textContent.trim().slice(0, 20)),
    );
    if (hiddenCells.length) fail(`${name} @${width}: ${hiddenCells.length} table cells off screen or in a sideways scroll: ${hiddenCells.slice(0, 5).join(" | ")}`);
    // Nothing shifts while images load: every local image says its size.
    const unsized = await page.evaluate(() =>
      [...document.querySelectorAll("img")]
        .filter((img) => new URL(img.src).origin === location.origin)
        .filter((img) => !img.getAttribute("width") || !img.getAttribute("height"))
        .map((img) => img.getAttribute("src")),
    );
    for (const src of unsized) fail(`${name} @${width}: <img src="${src}"> has no width and height`);
    await page.screenshot({ path: path.join(shots, `${name}-${width}.png`), fullPage: true });
    await page.close();
  }
}

// Charts and long pages on a phone.
{
  const phone = 360;
  for (const rel of ["thong-ke/bhyt/", "thong-ke/don-vi/thach-thanh/"]) {
    const page = await open(`bieu-do ${rel}`, phone);
    await page.goto(base + rel, { waitUntil: "load" });
    const charts = await page.evaluate(() =>
      [...document.querySelectorAll("figure.chart-figure")].map((figure) => {
        const svg = figure.querySelector("svg");
        const box = svg.getBoundingClientRect();
        const scale = box.width / svg.viewBox.baseVal.width;
        const sizes = [...svg.querySelectorAll("text")].map((t) => parseFloat(getComputedStyle(t).fontSize) * scale);
        const title = figure.querySelector(":scope > figcaption.chart-title");
        const titleBox = title ? title.getBoundingClientRect() : null;
        const summary = figure.querySelector(".chart-data > summary");
        return {
          title: title ? title.textContent : null,
          titleAbove: Boolean(titleBox && titleBox.height > 0 && titleBox.bottom <= box.top + 1),
          smallest: Math.min(...sizes),
          texts: sizes.length,
          marker: summary ? getComputedStyle(summary).display : "none",
        };
      }),
    );
    if (charts.length === 0) fail(`charts ${rel}: no chart`);
    for (const c of charts) {
      if (!c.titleAbove) fail(`charts ${rel}: no visible title above the chart "${c.title}"`);
      if (c.texts === 0 || c.smallest < 12) fail(`charts ${rel} @${phone}: text ${c.smallest.toFixed(1)} px in "${c.title}"`);
      if (c.marker !== "none" && c.marker !== "list-item") fail(`charts ${rel}: the data toggle is ${c.marker}, without its marker`);
    }
    console.log(`charts ${rel} @${phone}: ${charts.map((c) => `${c.smallest.toFixed(1)} px`).join(", ")} smallest text`);
    // The district list is one closed line.
    const districts = await page.evaluate(() => {
      const details = document.querySelector("details.unit-nav");
      const list = details?.querySelector(".unit-list");
      return details ? { open: details.open, links: list.querySelectorAll("a").length, shown: list.checkVisibility() } : null;
    });
    if (!districts || districts.open || districts.shown || districts.links < 2) fail(`districts ${rel}: ${JSON.stringify(districts)}`);
    await page.close();
  }

  // Questions first: a short page of closed answers; a tap opens one; a link opens its own.
  const page = await open("hoi-dap-dien-thoai", phone);
  await page.goto(`${base}hoi-dap/`, { waitUntil: "load" });
  const faq = await page.evaluate(() => ({
    height: document.querySelector("main").getBoundingClientRect().height,
    items: [...document.querySelectorAll(".faq-item")].map((item) => ({ id: item.id, open: item.querySelector("details").open })),
  }));
  if (faq.items.length === 0 || faq.items.some((i) => i.open)) fail(`Q&A: ${JSON.stringify(faq.items)}`);
  // Each closed question takes a few lines, not the screens its answer would.
  if (faq.height > 250 * faq.items.length + 600) fail(`Q&A @${phone}: the content is ${faq.height} px tall with every answer closed`);
  const first = faq.items[0].id;
  await page.locator(`#${first} summary`).click();
  const opened = await page.evaluate((id) => {
    const answer = document.querySelector(`#${id} .faq-answer`);
    return document.querySelector(`#${id} details`).open && answer.checkVisibility();
  }, first);
  if (!opened) fail(`Q&A: a tap on the question does not show the answer of #${first}`);
  await page.close();
  const last = faq.items[faq.items.length - 1].id;
  const linkedPage = await open("hoi-dap-lien-ket", phone);
  await linkedPage.goto(`${base}hoi-dap/#${last}`, { waitUntil: "load" });
  const linked = await linkedPage
    .waitForFunction(
      (id) => {
        const item = document.getElementById(id);
        const top = item.getBoundingClientRect().top;
        return item.querySelector("details").open && top >= 0 && top < innerHeight / 2;
      },
      last,
      { timeout: 5000 },
    )
    .then(() => true, () => false);
  if (!linked) fail(`Q&A: a link to #${last} does not show its answer on arrival`);
  console.log(`Q&A @${phone}: ${faq.items.length} questions in ${Math.round(faq.height)} px of content; a link opens its answer`);
  await linkedPage.close();
}

// Keyboard only: the skip link comes first, then the header, the search box and the menu,
// each showing where the focus is.
for (const width of WIDTHS) {
  const page = await open("ban-phim", width);
  await page.goto(base, { waitUntil: "load" });
  const reached = [];
  for (let i = 0; i < 16; i++) {
    await page.keyboard.press("Tab");
    reached.push(
      await page.evaluate(() => {
        const el = document.activeElement;
        const style = getComputedStyle(el);
        const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
        return {
          what: `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.className ? `.${el.className}` : ""} "${(el.textContent || el.getAttribute("aria-label") || "").trim().slice(0, 30)}"`,
          skip: el.classList.contains("skip-link"),
          search: el.id === "tim_nhanh",
          menu: Boolean(el.closest(".site-nav")),
          visible: outline || style.boxShadow !== "none",
        };
      }),
    );
  }
  if (!reached[0].skip) fail(`keyboard @${width}: the first Tab reaches ${reached[0].what}, not the skip link`);
  if (!reached.some((r) => r.search)) fail(`keyboard @${width}: the search box is not reached`);
  if (!reached.some((r) => r.menu)) fail(`keyboard @${width}: the menu is not reached`);
  for (const r of reached.filter((r) => !r.visible)) fail(`keyboard @${width}: no visible focus on ${r.what}`);
  // The skip link moves the focus to the main content.
  await page.goto(base, { waitUntil: "load" });
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  const focused = await page.evaluate(() => document.activeElement.id);
  if (focused !== "noi-dung") fail(`keyboard @${width}: the skip link leads to #${focused}, not #noi-dung`);
  console.log(`keyboard @${width}: ${reached.map((r) => r.what).join(" → ")}`);
  await page.close();
}

// The first screen of a phone (360×640) and of a laptop (1280×800): the search box, the page's
// title and the first notice are there without scrolling; on the phone the menu is one button
// that opens with the keyboard, on the laptop it is a row of links.
for (const [width, height] of [[360, 640], [1280, 800]]) {
  const page = await open("man-hinh-dau", width);
  await page.setViewportSize({ width, height });
  await page.goto(base, { waitUntil: "load" });
  const seen = await page.evaluate(() => {
    const inView = (el) => Boolean(el) && el.getBoundingClientRect().bottom <= innerHeight && el.getBoundingClientRect().height > 0;
    const links = [...document.querySelectorAll(".site-nav li a")];
    return {
      search: inView(document.querySelector("#tim_nhanh")),
      title: inView(document.querySelector("h1")),
      notice: inView(document.querySelector(".notice-list a")),
      menuShown: links.filter((a) => a.checkVisibility()).length,
      menuCount: links.length,
    };
  });
  for (const what of ["search", "title", "notice"]) {
    if (!seen[what]) fail(`first screen @${width}×${height}: the ${what} is below the fold`);
  }
  if (width < 768) {
    if (seen.menuShown !== 0) fail(`first screen @${width}: ${seen.menuShown} menu links show before the menu is opened`);
    await page.focus(".menu-button");
    await page.keyboard.press("Enter");
    const opened = await page.evaluate(() => ({
      open: document.querySelector(".menu").open,
      shown: [...document.querySelectorAll(".site-nav li a")].filter((a) => a.checkVisibility()).length,
    }));
    if (!opened.open || opened.shown !== seen.menuCount) fail(`first screen @${width}: Enter on the menu button shows ${opened.shown} of ${seen.menuCount} links`);
  } else if (seen.menuShown !== seen.menuCount) {
    fail(`first screen @${width}: only ${seen.menuShown} of ${seen.menuCount} menu links show`);
  }
  await page.screenshot({ path: path.join(shots, `man-hinh-dau-${width}x${height}.png`) });
  console.log(`first screen @${width}×${height}: search, title and first notice above the fold; menu ${width < 768 ? "folded, opens with Enter" : "shown"}`);
  await page.close();
}

// Search as a citizen types it: no tone marks, one key at a time, on a phone.
{
  const page = await open("tim-kiem-go", 360);
  // A phone's screen: the first result must be on it once the query is typed.
  await page.setViewportSize({ width: 360, height: 640 });
  // Index files by the time they were asked for, with their size once they arrive.
  const fetched = [];
  const indexFile = (request) => {
    const url = new URL(request.url());
    return url.pathname.startsWith(`${new URL(base).pathname}tim-kiem/`) && url.pathname.endsWith(".json");
  };
  page.on("request", (request) => {
    if (indexFile(request)) fetched.push({ request, url: new URL(request.url()).pathname, bytes: 0, at: Date.now() });
  });
  page.on("response", async (response) => {
    const entry = fetched.find((f) => f.request === response.request());
    if (entry) entry.bytes = (await response.body().catch(() => Buffer.alloc(0))).length;
  });
  await page.goto(`${base}tim-kiem/`, { waitUntil: "load" });
  await page.evaluate(() => {
    window.latencies = [];
    const input = document.getElementById("tu_khoa");
    const list = document.getElementById("ket_qua");
    let typed = 0;
    input.addEventListener("input", () => (typed = performance.now()), true);
    new MutationObserver(() => {
      if (typed && list.getAttribute("aria-busy") === "false") {
        const since = typed;
        typed = 0;
        // Shown: after the browser has painted the results.
        const results = list.children.length;
        requestAnimationFrame(() =>
          window.latencies.push({ query: input.value, results, ms: performance.now() - since, at: Date.now() }),
        );
      }
    }).observe(list, { attributes: true, attributeFilter: ["aria-busy"] });
  });
  await page.locator("#tu_khoa").pressSequentially(QUERY, { delay: 120 });
  await searchSettled(page, QUERY);
  const first = await page.evaluate(() => {
    const a = document.querySelector("#ket_qua .search-result-title a");
    const box = a.getBoundingClientRect();
    return {
      href: a.getAttribute("href"),
      title: a.textContent,
      marks: document.querySelectorAll("#ket_qua mark").length,
      inView: box.top >= 0 && box.bottom <= innerHeight && box.height > 0,
      bottom: Math.round(box.bottom),
    };
  });
  if (!first.inView) fail(`search "${QUERY}" @360×640: the first result ends at ${first.bottom} px, below the first screen`);
  if (first.href !== new URL(base).pathname + EXPECTED) fail(`search "${QUERY}": first result ${first.href} (${first.title}), expected ${EXPECTED}`);
  if (first.marks === 0) fail(`search "${QUERY}": no word highlighted`);
  // Announced once typing pauses, for the query on screen.
  await page.waitForFunction(
    (q) => document.getElementById("ket_qua_trang_thai").textContent.includes(`“${q}”`),
    QUERY,
    { timeout: 5000 },
  );
  const status = await page.locator("#ket_qua_trang_thai").textContent();
  if (!/^Tìm thấy \d+ kết quả cho/.test(status)) fail(`search: the status says "${status}"`);
  const url = await page.evaluate(() => location.search);
  if (url !== `?q=${QUERY.replaceAll(" ", "+")}`) fail(`search: the address is ${url}, so the results cannot be shared`);
  const latencies = await page.evaluate(() => window.latencies);
  const ms = latencies.map((l) => l.ms).sort((a, b) => a - b);
  const median = ms[Math.floor(ms.length / 2)];
  const firstFound = latencies.find((l) => l.results > 0);
  console.log(
    `search "${QUERY}": first result ${first.title}; keystroke to results shown over ${ms.length} keystrokes: ` +
      `median ${median.toFixed(1)} ms, max ${ms[ms.length - 1].toFixed(1)} ms; ` +
      `first results ("${firstFound.query}") ${firstFound.ms.toFixed(1)} ms after its key`,
  );
  const before = fetched.filter((f) => f.at <= firstFound.at);
  const sum = (files) => files.reduce((s, f) => s + f.bytes, 0);
  console.log(
    `search downloads: ${before.length} index files (${sum(before)} bytes) before the first results: ` +
      `${before.map((f) => `${f.url.split("/tim-kiem/")[1]} ${f.bytes} B`).join(", ")}; ` +
      `${fetched.length} files (${sum(fetched)} bytes) for the whole query`,
  );
  // Prefixes while typing, and what the Rust side indexed as synonyms.
  for (const [query, expect] of [
    ["tu ngu", (t) => /tự nguyện/i.test(t)],
    ["BHTN", (t) => /thất nghiệp|BHTN/i.test(t)],
    ["huyen thach thanh", (t) => t === "Huyện Thạch Thành"],
  ]) {
    await page.locator("#tu_khoa").fill(query);
    await searchSettled(page, query);
    const title = await page.locator("#ket_qua .search-result-title a").first().textContent();
    if (!expect(title)) fail(`search "${query}": first result "${title}"`);
  }
  await page.close();
}

// The script's folding and ranking, checked in this browser against the Rust side.
{
  const page = await open("tim-kiem-js", 360);
  await page.goto(`${base}tim-kiem/`, { waitUntil: "load" });
  const script = `${new URL(base).pathname}js/tim-kiem.js`;
  const results = await page.evaluate(
    async ({ script, words }) => {
      const m = await import(script);
      const fold = words.map((w) => ({
        ...w,
        js: { fold: m.fold(w.word), lowercase: m.lowercase(w.word), words: m.words(w.word).map((x) => x.text) },
      }));
      const manifest = m.prepare({ documents: 10, shards: ["do"], synonyms: [["bhyt", "bảo hiểm y tế"]], statistics: null });
      const { synonyms } = manifest;
      const shards = new Map([["do", { dong: [["đóng", [], [], [1]], ["đồng", [0], [], []]] }]]);
      const top = (query) => m.rank({ manifest, shards }, query).results.map((r) => r.doc);
      const text = "Mức đóng của người lao động";
      const marked = (query) => m.marks(text, m.rank({ manifest, shards }, query).clauses).map(([s, e]) => text.slice(s, e));
      const prefix = m.clauses("tu ngu", synonyms);
      const phrase = m.clauses("Bảo hiểm Y tế hộ", synonyms);
      return {
        fold,
        marked: top("đóng"),
        unmarked: top("dong"),
        prefix: prefix.map((c) => [c.key, c.prefix]),
        phrase: phrase.map((c) => [c.key, c.marked]),
        shard: [m.shard("bhyt"), m.shard("2024"), m.shard("пр")],
        highlight: marked("mức đóng"),
      };
    },
    { script, words: checks.words },
  );
  let disagreements = 0;
  for (const w of results.fold) {
    for (const key of ["fold", "lowercase"]) {
      if (w[key] !== w.js[key]) {
        disagreements++;
        fail(`fold: ${key}(${JSON.stringify(w.word)}) is ${JSON.stringify(w.js[key])} in JS, ${JSON.stringify(w[key])} in Rust`);
      }
    }
    if (JSON.stringify(w.words) !== JSON.stringify(w.js.words)) {
      disagreements++;
      fail(`fold: words(${JSON.stringify(w.word)}) is ${JSON.stringify(w.js.words)} in JS, ${JSON.stringify(w.words)} in Rust`);
    }
  }
  console.log(`fold: ${results.fold.length} words, ${disagreements} disagreements between Rust and JS`);
  const expect = (what, got, want) => {
    if (JSON.stringify(got) !== JSON.stringify(want)) fail(`ranking: ${what}: ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
  };
  expect("exact tone marks first", results.marked, [1, 0]);
  expect("without marks, the title first", results.unmarked, [0, 1]);
  expect("the last word is a prefix", results.prefix, [["tu", false], ["ngu", true]]);
  expect("a phrase of the synonym list is its abbreviation", results.phrase, [["bhyt", true], ["ho", true]]);
  expect("shard names as src/search/mod.rs", results.shard, checks.shards);
  expect("a word typed with tone marks highlights that spelling only", results.highlight, ["Mức", "đóng"]);
  await page.close();
}

await browser.close();

for (const line of axeSummary) console.log(`axe ${line}`);
if (outside.size > 0) fail(`requests left the local server: ${[...outside].join(", ")}`);
console.log(`screenshots: ${shots}`);
if (failures.length > 0) {
  console.log(`${failures.length} failures`);
  process.exit(1);
}
console.log(`all browser checks passed: ${PAGES.length} pages × ${WIDTHS.length} widths`);
