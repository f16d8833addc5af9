// board.js - the web board (signpost board -o board.html) in headless chromium, with the
// page's clock set: WCAG 2.2 A/AA with axe-core in the light and dark schemes, headings and
// a list per day, "On now" and "Next" from the clock, the same meetings and times as the
// kiosk slides for the same moments (clock changes, a New York feed), monthly meetings on
// the right weeks, midnight rolling to the next day, SVG QR codes with a text alternative
// that decode (zbarimg), keyboard order, Pause/Resume announced, new data (board-data.js)
// without losing focus or the paused state, reflow at 480 px, print, no request leaving the
// page, and a settings area that needs escaping shown exactly.
//   node tests/web/board.js DIR   (DIR from tests/web/board.t)
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const { ok, is, done, launch, axe, tabOrder } = require('./lib');

const dir = process.argv[2];
const area = process.argv[3];
const file = (n) => 'file://' + path.resolve(dir, n);
const slides = (n) => JSON.parse(fs.readFileSync(path.join(dir, n, 'slides.json'), 'utf8'));

// "time|name" rows of a day on the board ('Today' or 'Tomorrow')
async function boardRows(page, day) {
  return page.evaluate((d) => {
    const sec = document.querySelector(`#day-${d}`).closest('section');
    return [...sec.querySelectorAll('li.meeting')].map((li) =>
      li.querySelector('.time').textContent.split('\u00a0to\u00a0')[0] + '|' +
      li.querySelector('h3').textContent + '|' +
      (li.querySelector('.status') ? li.querySelector('.status').textContent : ''));
  }, day);
}
// the same from a kiosk slides.json (every slide, day by day)
function kioskRows(m) {
  const days = [[], []];
  let d = 0;
  m.slides.forEach((s, i) => s.lines.forEach((l, j) => {
    if (l.kind === 'day' && l.text.startsWith('Tomorrow')) d = 1;
    if (i === 0 && j === 0 && s.heading.startsWith('Tomorrow')) d = 1;
    if (l.kind === 'meeting') days[d].push(`${l.time}|${l.name}|${l.status}`);
  }));
  return days;
}

async function at(ctx, name, when, scheme) {
  const page = await ctx.newPage();
  page.errors = [];
  page.requests = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  page.on('request', (r) => page.requests.push(r.url()));
  if (scheme) await page.emulateMedia({ colorScheme: scheme });
  await page.clock.install({ time: new Date(when) });
  await page.goto(file(name));
  return page;
}

(async () => {
  const ctx = await launch();
  const errors = [];

  // ---- Thursday 26 November 2026, 2pm: the example directory ----
  let page = await at(ctx, 'example/board.html', '2026-11-26T14:00:00Z');
  let v = await axe(page);
  is(v.length, 0, 'light scheme: no WCAG 2.2 A/AA violations (axe-core)') || v.forEach((x) => console.log('#   ' + x));
  is(await page.locator('h1').count(), 1, 'one h1');
  if (area) ok((await page.title()).endsWith(area), 'the settings area is shown exactly',
    await page.title());
  is(await page.textContent('#day-0'), 'Today, Thursday 26 November', 'a heading for today');
  is(await page.textContent('#day-1'), 'Tomorrow, Friday 27 November', 'and for tomorrow');
  is(await page.locator('main ul.meetings').count(), 2, 'a list for each day');
  const k = kioskRows(slides('kiosk-example'));
  is((await boardRows(page, 0)).join('\n'), k[0].join('\n'),
    'today: the same meetings, times and On now / Next as the kiosk slides');
  is((await boardRows(page, 1)).join('\n'), k[1].join('\n'), 'tomorrow: the same');
  const svgs = await page.$$eval('svg.qr', (l) => l.map((s) => ({ role: s.getAttribute('role'),
    label: s.getAttribute('aria-label') })));
  ok(svgs.length > 0 && svgs.every((s) => s.role === 'img' && /^QR code( to join .+ (on|online)|: every meeting)/.test(s.label)),
    `every QR code (${svgs.length}) is an image with a text alternative`, JSON.stringify(svgs.slice(0, 3)));
  ok(svgs.filter((s) => s.label.startsWith('QR code to join')).every((s) => /\([a-z0-9.-]+\)$/.test(s.label)),
    'meeting codes name the meeting, the service and the host');
  // decode the first meeting code and the directory code from the rendered page
  let decoded = [];
  for (const sel of ['li.meeting svg.qr', '#directory-qr svg.qr']) {
    const png = path.join(dir, 'qr.png');
    await page.locator(sel).first().screenshot({ path: png });
    try { decoded.push(execFileSync('zbarimg', ['-q', '--raw', png]).toString().trim()); }
    catch (e) { decoded.push('(no decode)'); }
  }
  const firstUrl = await page.$eval('li.meeting svg.qr', (s) => s.closest('li').querySelector('h3 a').href);
  is(decoded.join(' '), `${firstUrl} https://example.org/meetings`,
    'the SVG codes decode to the meeting link and the full list');
  is((await tabOrder(page, 2)).join(' ').replace(/#m[0-9a-z]+-\d+/, '#meeting-link'),
    '#pause #meeting-link', 'keyboard order: Pause updates, then the first meeting link');
  await page.focus('#pause');
  await page.keyboard.press('Enter');
  is(await page.textContent('#live'), 'Updates paused', 'Pause announces "Updates paused"');
  is(await page.textContent('#pause'), 'Resume updates', 'and the button says Resume');
  await page.clock.runFor(60 * 60 * 1000);
  is((await boardRows(page, 0))[0], k[0][0], 'paused: an hour later nothing has changed');
  await page.keyboard.press('Space');
  is(await page.textContent('#live'), 'Updates resumed', 'Resume announces "Updates resumed"');
  ok((await boardRows(page, 0))[0] !== k[0][0], 'and the board catches up with the clock',
    (await boardRows(page, 0))[0]);
  await page.evaluate(() => document.activeElement.blur());
  await page.keyboard.press('k');
  await page.keyboard.press('p');
  is(await page.textContent('#pause'), 'Pause updates', 'letters are not shortcuts');
  await page.setViewportSize({ width: 480, height: 800 });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  ok(wide <= 480, 'at 480 px wide (400 %) nothing scrolls sideways', `scrollWidth ${wide}`);
  await page.setViewportSize({ width: 1280, height: 800 });

  // ---- midnight ----
  await page.clock.runFor(10 * 60 * 60 * 1000);  // to 1am on Friday
  is(await page.textContent('#day-0'), 'Today, Friday 27 November', 'after midnight today is Friday');

  // ---- new data: focus and the paused state stay ----
  const link = await page.$eval('li.meeting h3 a', (a) => a.id);
  await page.focus('#' + link);
  await page.evaluate(() => { window.stillTheSamePage = true; });
  const extra = fs.readFileSync(path.join(dir, 'example/board-data.js'), 'utf8')
    .replace('"meetings":[', '"meetings":[{"name":"Brand New Group","where":"Online","days":127,' +
      '"weeks":0,"start":1380,"end":1439},');
  fs.writeFileSync(path.join(dir, 'example/board-data.js'), extra);
  await page.clock.runFor(5 * 60 * 1000 + 30000);
  await page.waitForFunction(() => document.body.textContent.includes('Brand New Group'),
    null, { timeout: 5000 }).catch(() => {});
  ok(await page.evaluate(() => document.body.textContent.includes('Brand New Group')),
    'five minutes on, board-data.js has been read again and the new meeting is shown');
  ok(await page.evaluate(() => window.stillTheSamePage === true), 'without reloading the page');
  is(await page.evaluate(() => document.activeElement.id), link, 'focus stays on the same link');
  await page.click('#pause');
  await page.evaluate(() => window.signpostBoardData(Object.assign({}, JSON.parse(
    document.getElementById('board-data').textContent), { meetings: [] })));
  ok(await page.evaluate(() => document.body.textContent.includes('Brand New Group')),
    'paused: new data waits');
  is(await page.textContent('#pause'), 'Resume updates', 'and the board stays paused');
  ok(page.requests.every((u) => u.startsWith('file://') || u.startsWith('data:')),
    'no request leaves the page', page.requests.filter((u) => !u.startsWith('file://')).join('\n'));
  errors.push(...page.errors);
  await page.close();

  // ---- a page older than its data: a scheduled job (board --data-only) rewrote
  //      board-data.js alone; a page opened now shows the newer data at once ----
  page = await at(ctx, 'example/board.html', '2026-11-26T14:00:00Z');
  await new Promise((r) => setTimeout(r, 500));
  await page.clock.runFor(1000);
  ok(await page.evaluate(() => document.body.textContent.includes('Brand New Group')),
    'a page older than board-data.js shows its data at once, not five minutes on');
  errors.push(...page.errors);
  await page.close();

  // ---- dark scheme ----
  page = await at(ctx, 'example/board.html', '2026-11-26T14:00:00Z', 'dark');
  v = await axe(page);
  is(v.length, 0, 'dark scheme: no WCAG 2.2 A/AA violations') || v.forEach((x) => console.log('#   ' + x));
  ok(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor === 'rgb(26, 26, 26)'),
    'dark scheme: a dark page');
  errors.push(...page.errors);
  await page.close();

  // ---- reduced motion: nothing moves ----
  page = await ctx.newPage();
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(file('example/board.html'));
  is(await page.evaluate(() => getComputedStyle(document.querySelector('button')).transitionDuration),
    '0s', 'reduced motion: no transitions');
  await page.close();

  // ---- print: a clean list ----
  page = await at(ctx, 'example/board.html', '2026-11-26T14:00:00Z');
  await page.emulateMedia({ media: 'print' });
  is(await page.evaluate(() => getComputedStyle(document.querySelector('.controls')).display),
    'none', 'print: no controls');
  await page.pdf({ path: path.join(dir, 'board.pdf') });
  const txt = execFileSync('pdftotext', ['-layout', path.join(dir, 'board.pdf'), '-']).toString();
  ok(txt.includes('Today, Thursday 26 November') && txt.includes('Phone-only Thursday') &&
    !txt.includes('Pause updates'), 'print: the days and meetings as text, without the button');
  await page.close();

  // ---- clock changes and zones: the board agrees with the kiosk ----
  for (const [name, when, feed] of [
    ['spring', '2026-03-29T00:45:00Z', 'week'], ['autumn', '2026-10-24T23:45:00Z', 'week'],
    ['ny', '2026-03-16T12:30:00Z', 'ny'], ['ny2', '2026-03-30T11:30:00Z', 'ny']]) {
    page = await at(ctx, feed + '/board.html', when);
    const kk = kioskRows(slides('kiosk-' + name));
    is([...(await boardRows(page, 0)), '/', ...(await boardRows(page, 1))].join('\n'),
      [...kk[0], '/', ...kk[1]].join('\n'), `${name}: the board lists what the kiosk lists`);
    errors.push(...page.errors);
    await page.close();
  }
  page = await at(ctx, 'ny/board.html', '2026-03-16T12:30:00Z');
  ok((await page.textContent('main')).includes('Listed as noon New York time.'),
    'a New York meeting says how it is listed');
  // monthly meetings: 1st and last Tuesday; Monday 30 November, tomorrow 1 December
  await page.evaluate(() => window.signpostBoardData({ zone: 'Europe/London', refresh: 1e9,
    meetings: [
      { name: 'First Tuesday', where: 'Hall', days: 4, weeks: 1, start: 1140, end: 1200 },
      { name: 'Last Tuesday', where: 'Hall', days: 4, weeks: 32, start: 1140, end: 1200 },
      { name: 'Last Monday', where: 'Hall', days: 2, weeks: 32, start: 1140, end: 1200 },
      { name: 'First Monday', where: 'Hall', days: 2, weeks: 1, start: 1140, end: 1200 }] }));
  await page.clock.setSystemTime(new Date('2026-11-30T12:00:00Z'));
  await page.clock.runFor(31000);
  is([...(await boardRows(page, 0)), '/', ...(await boardRows(page, 1))].join(' '),
    '7pm|Last Monday|Next / 7pm|First Tuesday|',
    'monthly: the last Monday today, the first Tuesday of the next month tomorrow');
  errors.push(...page.errors);
  await page.close();

  is(errors.length, 0, 'no script errors') || errors.forEach((e) => console.log('#   ' + e));
  await ctx.cleanup();
  done();
})().catch((e) => { console.log('not ok - ' + String(e).split('\n')[0]); console.log('# ' + e.stack); process.exit(1); });
