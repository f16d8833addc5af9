// player.js - slides.html in headless chromium: WCAG 2.2 A/AA with axe-core, landmarks and
// headings, every slide's meetings as text, the keyboard order, the live region announcing
// Pause and Play, no bare-letter shortcut, reduced motion starting paused, a two-tone focus
// ring of at least 3:1 on the light and dark pages, reflow at 480 px (400 % zoom), the end
// of a round fetching slides.json again without reloading the page or losing focus, and a
// settings area with &, quotes, a backslash, </script> and U+2028 shown exactly.
//   node tests/web/player.js LIGHT_DIR DARK_DIR SIGNPOST_COMMAND_FOR_REFRESH...
'use strict';
const fs = require('fs');
const http = require('http');
const path = require('path');
const { execFileSync } = require('child_process');
const { ok, is, done, launch, axe, contrast, tabOrder } = require('./lib');

const [light, dark, area] = process.argv.slice(2);
const refreshCmd = JSON.parse(process.env.REFRESH_CMD || '[]');

function url(dir) { return 'file://' + path.resolve(dir, 'slides.html'); }

async function focusRing(page, bg) {
  await page.focus('#pause');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  const st = await page.evaluate(() => {
    const s = getComputedStyle(document.activeElement);
    return { id: document.activeElement.id, outline: s.outlineColor, width: s.outlineWidth,
      style: s.outlineStyle, shadow: s.boxShadow,
      bg: getComputedStyle(document.body).backgroundColor };
  });
  const shadow = (st.shadow.match(/rgba?\([^)]*\)/) || [''])[0];
  const best = Math.max(contrast(st.outline, st.bg), shadow ? contrast(shadow, st.bg) : 1);
  ok(st.style === 'solid' && shadow && contrast(st.outline, shadow) >= 3 && best >= 3,
    `${bg} page: the focus ring is two-tone and at least 3:1 against the page`,
    JSON.stringify(st), `best ${best.toFixed(2)}`);
}

(async () => {
  const ctx = await launch();
  const errors = [];
  let page = await ctx.newPage();
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });

  // ---- structure and text ----
  await page.goto(url(light));
  const v = await axe(page);
  is(v.length, 0, 'light player: no WCAG 2.2 A/AA violations (axe-core)') || v.forEach((x) => console.log('#   ' + x));
  is(await page.locator('h1').count(), 1, 'one h1');
  is(await page.title(), await page.locator('h1').textContent(), 'the h1 is the title');
  if (area)
    ok((await page.title()).endsWith(area), 'the area from the settings is shown exactly',
      `title: ${await page.title()}`, `area:  ${area}`);
  is(await page.locator('main').count(), 1, 'a main landmark');
  const manifest = JSON.parse(fs.readFileSync(path.join(light, 'slides.json'), 'utf8'));
  const sections = await page.locator('section.slide-text').count();
  is(sections, manifest.slides.length, 'a section of text for every slide');
  for (let i = 0; i < manifest.slides.length; i++) {
    const sec = page.locator(`#slide-${i + 1}`);
    const txt = await sec.textContent();
    const names = manifest.slides[i].lines.filter((l) => l.kind === 'meeting').map((l) => l.name);
    ok(names.every((nm) => txt.includes(nm)) && (await sec.locator('h2').count()) === 1,
      `slide ${i + 1}: a heading and every meeting of the slide as text (${names.length})`);
  }
  const alt = await page.getAttribute('#slide-image', 'alt');
  ok(alt.startsWith('Slide 1 of ') && alt.length < 90, 'the image has a short alt', alt);
  is(await page.getAttribute('#slide-link', 'href'), '#slide-1', 'and a link to its text');

  // ---- keyboard ----
  const order = await tabOrder(page, 4);
  is(order.join(' '), '#prev #pause #next #slide-link',
    'keyboard order: Previous, Pause, Next, then the link to the slide text');
  await page.focus('#pause');
  await page.keyboard.press('Enter');
  is(await page.textContent('#pause'), 'Play', 'Enter on Pause pauses: the button says Play');
  is(await page.textContent('#live'), 'Paused', 'and the live region announces "Paused"');
  is(await page.getAttribute('#live', 'aria-live'), 'polite', 'a polite live region');
  await page.keyboard.press('Space');
  is(await page.textContent('#live'), 'Playing', 'Space plays again: "Playing"');
  await page.evaluate(() => document.activeElement.blur());
  for (const key of ['k', 'p', ' ', 'n'])
    await page.keyboard.press(key === ' ' ? 'Space' : key);
  is(await page.textContent('#pause'), 'Pause', 'letters and Space outside the buttons change nothing');
  await focusRing(page, 'light');

  // ---- reflow at 400 % ----
  await page.setViewportSize({ width: 480, height: 800 });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  ok(wide <= 480, 'at 480 px wide nothing scrolls sideways', `scrollWidth ${wide}`);
  const below = await page.evaluate(() => {
    const c = document.querySelector('.controls').getBoundingClientRect();
    const f = document.querySelector('figure').getBoundingClientRect();
    return c.bottom <= f.top;
  });
  ok(below, 'the controls have their own row above the slide, never over it');
  await page.setViewportSize({ width: 1280, height: 800 });

  // ---- dark page ----
  const pd = await ctx.newPage();
  pd.on('pageerror', (e) => errors.push(String(e)));
  await pd.goto(url(dark));
  const vd = await axe(pd);
  is(vd.length, 0, 'dark player: no WCAG 2.2 A/AA violations') || vd.forEach((x) => console.log('#   ' + x));
  await focusRing(pd, 'dark');
  await pd.close();

  // ---- reduced motion ----
  const pr = await ctx.newPage();
  await pr.emulateMedia({ reducedMotion: 'reduce' });
  await pr.goto(url(light));
  is(await pr.textContent('#pause'), 'Play', 'reduced motion: the player starts paused');
  ok((await pr.textContent('#live')).startsWith('Paused'), 'and says so',
    await pr.textContent('#live'));
  await pr.close();

  // ---- the end of a round, over http: new data, same page, same focus ----
  const root = path.resolve(light);
  const server = http.createServer((req, res) => {
    const f = path.join(root, decodeURIComponent(req.url.split('?')[0]));
    if (!f.startsWith(root) || !fs.existsSync(f)) { res.writeHead(404); res.end(); return; }
    const type = f.endsWith('.html') ? 'text/html' : f.endsWith('.json') ? 'application/json'
      : 'image/png';
    res.writeHead(200, { 'Content-Type': type });
    res.end(fs.readFileSync(f));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${server.address().port}/`;
  page = await ctx.newPage();
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.clock.install();
  await page.goto(base + 'slides.html');
  await page.evaluate(() => { window.stillTheSamePage = true; });
  await page.focus('#next');
  const count = manifest.slides.length;
  await page.clock.runFor(count > 1 ? 20500 : 100);
  if (count > 1)
    is(await page.textContent('#where'), `Slide 2 of ${count}`, 'after 20 s the second slide');
  if (refreshCmd.length) execFileSync(refreshCmd[0], refreshCmd.slice(1));
  const fresh = JSON.parse(fs.readFileSync(path.join(light, 'slides.json'), 'utf8'));
  await page.clock.runFor(20500 * count);
  await page.waitForFunction((h) => document.querySelector('#slide-1 h2').textContent.endsWith(h),
    fresh.slides[0].heading, { timeout: 5000 }).catch(() => {});
  is(await page.evaluate(() => document.querySelector('#slide-1 h2').textContent),
    `Slide 1 of ${fresh.slides.length}: ${fresh.slides[0].heading}`,
    'after a round the refreshed slides.json is shown');
  ok(await page.evaluate(() => window.stillTheSamePage === true), 'without reloading the page');
  is(await page.evaluate(() => document.activeElement.id), 'next', 'and focus stays where it was');
  server.close();

  is(errors.length, 0, 'no script errors') || errors.forEach((e) => console.log('#   ' + e));
  await ctx.cleanup();
  done();
})().catch((e) => { console.log('not ok - ' + String(e).split('\n')[0]); console.log('# ' + e.stack); process.exit(1); });
