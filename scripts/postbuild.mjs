// Trunk post_build hook (see Trunk.toml), run on the staging directory of every build:
//   1. writes the sha256 of each inline <script> of index.html into its CSP script-src, so the
//      policy needs no 'unsafe-inline' (Trunk's loader script names hashed files and changes
//      with every build; under `trunk serve` its autoreload script is hashed too, once its
//      placeholders are filled);
//   2. writes into sw.js the list of every file of the build and a cache version derived from
//      their contents (see www/sw.js).
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2];
if (!dir) {
  console.error('postbuild: TRUNK_STAGING_DIR is not set (run by trunk) and no folder was given');
  process.exit(1);
}

// 1. CSP hashes.
const htmlPath = path.join(dir, 'index.html');
let html = readFileSync(htmlPath, 'utf8');
// Under `trunk serve`, Trunk's autoreload script has two placeholders the server fills in each
// response, which would change the script after it was hashed. Fill them here instead, with
// what the server would write: the page's own host, and the web-socket path pinned in
// Trunk.toml ([serve] ws_base).
html = html
  .replaceAll("'{{__TRUNK_ADDRESS__}}'", 'window.location.host')
  .replaceAll('{{__TRUNK_WS_BASE__}}', '/');
const hashes = [];
for (const [, attrs, body] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
  if (/\bsrc\s*=/i.test(attrs)) continue;
  hashes.push(`'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
}
const csp = /(<meta\s+http-equiv="Content-Security-Policy"\s+content=")([^"]*)(")/i;
const found = html.match(csp);
if (!found) {
  console.error('postbuild: index.html has no Content-Security-Policy meta tag');
  process.exit(1);
}
const policy = found[2]
  .split(';')
  .map((directive) => directive.trim())
  .filter(Boolean)
  .map((directive) => {
    const [name, ...sources] = directive.split(/\s+/);
    if (name !== 'script-src') return directive;
    if (sources.includes("'unsafe-inline'")) {
      console.error("postbuild: script-src must not allow 'unsafe-inline'");
      process.exit(1);
    }
    const kept = sources.filter((source) => !source.startsWith("'sha256-"));
    return [name, ...kept, ...hashes].join(' ');
  })
  .join('; ');
html = html.replace(csp, (_, open, __, close) => open + policy + close);
writeFileSync(htmlPath, html);

// 2. The service worker's file list and version.
function files(folder) {
  return readdirSync(folder).flatMap((name) => {
    const full = path.join(folder, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}
const swPath = path.join(dir, 'sw.js');
const assets = files(dir)
  .filter((file) => file !== swPath)
  .map((file) => path.relative(dir, file).split(path.sep).join('/'))
  .sort();
const version = createHash('sha256');
for (const asset of assets) version.update(asset).update(readFileSync(path.join(dir, asset)));
// Under `trunk serve` (its autoreload script is in the page) nothing is cached: a cache-first
// worker would keep showing the previous build after every rebuild.
const serving = html.includes('.well-known/trunk/ws');
const urls = serving ? [] : ['./', ...assets.map((asset) => './' + asset)];
let sw;
try {
  sw = readFileSync(swPath, 'utf8');
} catch {
  console.error('postbuild: sw.js is missing from the build (copy-file in www/index.html)');
  process.exit(1);
}
sw = sw
  .replace(/^const VERSION = .*$/m, `const VERSION = 'kashif-${version.digest('hex').slice(0, 16)}';`)
  .replace(/^const ASSETS = .*$/m, `const ASSETS = ${JSON.stringify(urls)};`);
writeFileSync(swPath, sw);
console.log(
  `postbuild: ${hashes.length} inline script(s) hashed into the CSP; sw.js lists ${urls.length} URLs` +
    (serving ? ' (trunk serve: nothing cached)' : ''),
);
