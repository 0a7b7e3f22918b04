#!/usr/bin/env node
// Build Heard's front-end assets into static/dist/.
//
//   node bin/build-assets.mjs           build, write static/dist/, print sizes
//   node bin/build-assets.mjs --check   build in memory and fail if the
//                                       committed static/dist/ is out of date
//
// Outputs content-hashed files plus static/dist/manifest.json, e.g.
//   {"heard.js": "heard.1a2b3c4d5e.js", "staff.css": "...", "youth.css": "..."}
// Old hashed files are removed. No source maps are written.
//
// Fails (exit 1) if a stylesheet pulls in anything from outside (web fonts,
// url()s, @import) or if a young person's page would go over its weight budget.

import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { brotliDecompressSync, gunzipSync, gzipSync, constants as zlibConstants } from 'node:zlib'

import * as esbuild from 'esbuild'
import * as sass from 'sass'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const outDir = join(root, 'static', 'dist')
const check = process.argv.includes('--check')

// Gzipped byte budgets. A young person's page is about 5 KB of HTML, and the
// whole page (HTML + youth.css + heard.js) must stay under 40 KB gzipped.
const PAGE_HTML_GZIP = 5 * 1024
const BUDGET = {
  'youth.css': 20 * 1024,
  'heard.js': 9 * 1024, // GOV.UK components, review drafts, live polls, read aloud
  'staff.css': 24 * 1024,
  youthPage: 40 * 1024
}

const HASH_LENGTH = 10

// Logical name -> file it is built from.
const STYLES = {
  'youth.css': 'assets/scss/youth.scss',
  'staff.css': 'assets/scss/staff.scss'
}
const SCRIPTS = {
  'heard.js': 'assets/js/heard.js'
}

// Files this build owns in static/dist/: "<name>.<hex>.<ext>", maps, manifest, and the brotli and
// gzip copies that `make assets` writes next to each file (python -m whitenoise.compress).
const OWNED = /^(youth|staff|heard)\.[0-9a-f]{8,64}\.(css|js)(\.map|\.gz|\.br)?$/
const COMPRESSED = /\.(gz|br)$/

function fail (message) {
  console.error(`build-assets: ${message}`)
  process.exit(1)
}

function compileStyle (file) {
  const result = sass.compile(join(root, file), {
    style: 'compressed',
    loadPaths: [join(root, 'node_modules'), join(root, 'assets', 'scss')],
    sourceMap: false,
    // GOV.UK Frontend's own deprecation notices are not ours to fix.
    quietDeps: true
  })
  return result.css.endsWith('\n') ? result.css : result.css + '\n'
}

// Nothing in our CSS may make the browser fetch from anywhere: no fonts,
// no images, no imports. (The only allowed url() would be a data: URI.)
function assertSelfContained (name, css) {
  const problems = []
  if (/@font-face/i.test(css)) problems.push('@font-face')
  if (/@import/i.test(css)) problems.push('@import')
  if (/GDS Transport/i.test(css)) problems.push('the GOV.UK "GDS Transport" font')
  for (const match of css.matchAll(/url\(\s*(['"]?)([^'")]*)\1\s*\)/gi)) {
    if (!match[2].startsWith('data:')) problems.push(`url(${match[2]})`)
  }
  if (problems.length) fail(`${name} must not load anything: found ${[...new Set(problems)].join(', ')}`)
}

async function bundleScript (file) {
  const result = await esbuild.build({
    entryPoints: [join(root, file)],
    absWorkingDir: root,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    // Browsers that understand <script type=module> (what GOV.UK Frontend
    // itself requires) all run ES2017.
    target: ['es2017'],
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    banner: { js: '/*! Heard | includes GOV.UK Frontend 6.3.0 (MIT) */' },
    charset: 'utf8',
    write: false,
    logLevel: 'warning'
  })
  const code = result.outputFiles[0].text
  // Progressive enhancement only: the script must never talk to another server. One same-origin
  // fetch is allowed, for live poll results (assets/js/live-poll.js): it names no URL but reads
  // one from the page, and the CSP (connect-src 'self') keeps it on our own origin.
  const network = code.match(/https?:\/\/|XMLHttpRequest|sendBeacon|\bimport\(|new WebSocket|EventSource/)
  if (network) fail(`${file} must not make requests or name URLs (found "${network[0]}")`)
  const fetches = (code.match(/\bfetch\(/g) || []).length
  if (fetches > 1) fail(`${file} may make one same-origin fetch (live poll results); found ${fetches}`)
  return code.endsWith('\n') ? code : code + '\n'
}

function hashed (name, content) {
  const hash = createHash('sha256').update(content).digest('hex').slice(0, HASH_LENGTH)
  const dot = name.lastIndexOf('.')
  return `${name.slice(0, dot)}.${hash}${name.slice(dot)}`
}

function gzipSize (content) {
  return gzipSync(content, { level: zlibConstants.Z_BEST_COMPRESSION }).length
}

function kb (bytes) {
  return `${(bytes / 1024).toFixed(1)} KB`
}

// --- build ---------------------------------------------------------------

const outputs = {} // logical name -> { file, content }

for (const [name, source] of Object.entries(STYLES)) {
  let css
  try {
    css = compileStyle(source)
  } catch (error) {
    fail(`${source}: ${error.message}`)
  }
  assertSelfContained(name, css)
  outputs[name] = { file: hashed(name, css), content: css }
}

for (const [name, source] of Object.entries(SCRIPTS)) {
  let js
  try {
    js = await bundleScript(source)
  } catch (error) {
    fail(`${source}: ${error.message}`)
  }
  outputs[name] = { file: hashed(name, js), content: js }
}

const manifest = Object.fromEntries(
  Object.keys(outputs).sort().map((name) => [name, outputs[name].file])
)
const manifestText = JSON.stringify(manifest, null, 2) + '\n'

// --- check mode: compare with what is committed -----------------------------

if (check) {
  const manifestPath = join(outDir, 'manifest.json')
  const stale = []
  if (!existsSync(manifestPath) || readFileSync(manifestPath, 'utf8') !== manifestText) {
    stale.push('manifest.json')
  }
  for (const { file, content } of Object.values(outputs)) {
    const path = join(outDir, file)
    if (!existsSync(path) || readFileSync(path, 'utf8') !== content) stale.push(file)
    // The precompressed copies WhiteNoise serves must hold exactly this content.
    for (const [suffix, decompress] of [['.br', brotliDecompressSync], ['.gz', gunzipSync]]) {
      const copy = path + suffix
      if (!existsSync(copy) || decompress(readFileSync(copy)).toString('utf8') !== content) stale.push(file + suffix)
    }
  }
  const extra = existsSync(outDir)
    ? readdirSync(outDir).filter((f) => OWNED.test(f) && !Object.values(manifest).includes(f.replace(COMPRESSED, '')))
    : []
  if (stale.length || extra.length) {
    fail(
      `static/dist/ is out of date (${[...stale, ...extra].join(', ')}). ` +
        'Run `make assets` and commit static/dist/.'
    )
  }
  console.log('build-assets: static/dist/ is up to date.')
}

// --- write -----------------------------------------------------------------

if (!check) {
  mkdirSync(outDir, { recursive: true })
  const keep = new Set(Object.values(manifest))
  for (const file of readdirSync(outDir)) {
    // Compressed copies are written afresh after the build, so old ones always go.
    if (OWNED.test(file) && (!keep.has(file) || COMPRESSED.test(file))) rmSync(join(outDir, file))
  }
  for (const { file, content } of Object.values(outputs)) {
    writeFileSync(join(outDir, file), content)
  }
  writeFileSync(join(outDir, 'manifest.json'), manifestText)
}

// --- report and budgets -----------------------------------------------------

const sizes = {}
const rows = []
for (const name of Object.keys(manifest)) {
  const { file, content } = outputs[name]
  const raw = Buffer.byteLength(content)
  const gz = gzipSize(content)
  sizes[name] = gz
  rows.push([relative(root, join(outDir, file)), kb(raw), kb(gz), BUDGET[name] ? kb(BUDGET[name]) : ''])
}
const youthPage = PAGE_HTML_GZIP + sizes['youth.css'] + sizes['heard.js']
rows.push([`young person's page (~${kb(PAGE_HTML_GZIP)} HTML + youth.css + heard.js)`, '', kb(youthPage), kb(BUDGET.youthPage)])

const header = ['file', 'raw', 'gzip', 'budget (gzip)']
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
const line = (r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')
console.log(line(header))
for (const r of rows) console.log(line(r))

const over = []
for (const [name, budget] of Object.entries(BUDGET)) {
  const size = name === 'youthPage' ? youthPage : sizes[name]
  if (size > budget) over.push(`${name} is ${kb(size)} gzipped (budget ${kb(budget)})`)
}
if (over.length) fail(`over the weight budget: ${over.join('; ')}`)
