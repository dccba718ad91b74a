// The theme's search script ranking a built site's index in Node, as the search page does in
// a browser: it loads the manifest, then only the term files the script asks for per query.
// Run by tests/search_ranking.rs:
//
//     node search_ranking.mjs OUTPUT_DIR QUERIES_JSON
//
// Prints, per query, the results' count and the first five with the words the script marks
// in their title and summary, as JSON for the Rust side to check.

import { readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [out, queriesFile] = process.argv.slice(2);
if (!out || !queriesFile) {
  console.error("usage: node search_ranking.mjs OUTPUT_DIR QUERIES_JSON");
  process.exit(2);
}
const script = await import(pathToFileURL(path.join(out, "js/tim-kiem.js")).href);
const read = async (rel) => JSON.parse(await readFile(path.join(out, "tim-kiem", rel), "utf8"));
const manifest = script.prepare(await read("chi-muc.json"));
const document = async (n) => (await read(`d/${Math.floor(n / manifest.per_chunk)}.json`))[n % manifest.per_chunk];

const answers = [];
for (const query of JSON.parse(await readFile(queriesFile, "utf8"))) {
  const names = script.shardNames(manifest, query);
  const shards = new Map(await Promise.all(names.map(async (name) => [name, await read(`t/${name}.json`)])));
  const { results, partial, clauses } = script.rank({ manifest, shards }, query);
  const marked = (text) => script.marks(text, clauses).map(([start, end]) => text.slice(start, end));
  const top = await Promise.all(
    results.slice(0, 5).map(async (r) => {
      const [title, path, , , excerpt] = await document(r.doc);
      return { path, title, units: r.units || 0, marked: [...marked(title), ...marked(excerpt)] };
    }),
  );
  answers.push({ query, partial, count: results.length, top });
}
console.log(JSON.stringify(answers));
