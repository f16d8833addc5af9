// lib.js - shared helpers for the browser tests: one headless Debian chromium per test
// file (fresh profile, no network services), axe-core injected into pages, TAP output.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
// WCAG 2.2 A and AA, as axe-core tags them
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

let n = 0, failed = 0;
function ok(cond, name, ...diag) {
  n++;
  console.log(`${cond ? 'ok' : 'not ok'} ${n} - ${name}`);
  if (!cond) {
    failed++;
    for (const d of diag) console.log(String(d).split('\n').map((l) => '#   ' + l).join('\n'));
  }
  return cond;
}
function is(got, want, name) {
  return ok(got === want, name, `got:  ${JSON.stringify(got)}`, `want: ${JSON.stringify(want)}`);
}
function done() {
  console.log(`1..${n}`);
  process.exitCode = failed ? 1 : 0;
}

async function launch() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'signpost-chromium-'));
  const ctx = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  ctx.cleanup = async () => {
    await ctx.close();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return ctx;
}

// axe-core's WCAG 2.2 A/AA violations on the page, as "rule: target" lines.
async function axe(page) {
  await page.addScriptTag({ content: AXE });
  const v = await page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return r.violations.map((x) => `${x.id} (${x.impact}): ${x.help}: ` +
      x.nodes.map((nd) => nd.target.join(' ')).slice(0, 5).join(', '));
  }, WCAG);
  return v;
}

// WCAG relative luminance contrast of two "rgb(r, g, b)" / "#RRGGBB" colours.
function contrast(a, b) {
  const rgb = (c) => {
    const m = c.match(/\d+(\.\d+)?/g);
    if (c[0] === '#') return [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));
    return m.slice(0, 3).map(Number);
  };
  const lum = (c) => {
    const [r, g, bl] = rgb(c).map((v) => {
      v /= 255;
      return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

// Tab through the page from the top: the ids (or tag#text) of what takes focus, in order.
async function tabOrder(page, count) {
  await page.evaluate(() => { document.activeElement && document.activeElement.blur(); });
  const seen = [];
  for (let i = 0; i < count; i++) {
    await page.keyboard.press('Tab');
    seen.push(await page.evaluate(() => {
      const e = document.activeElement;
      if (!e || e === document.body) return 'body';
      return e.id ? '#' + e.id : e.tagName.toLowerCase() + ':' + e.textContent.trim();
    }));
  }
  return seen;
}

module.exports = { ok, is, done, launch, axe, contrast, tabOrder };
