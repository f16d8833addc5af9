// board_render.js - the web board's first render in headless chromium: the time from the
// start of navigation to the end of the page's first render (its performance mark),
// median of N loads in fresh pages of one browser.  Needs tests/web's packages.
//   node bench/board_render.js FILE.html [RUNS]
'use strict';
const path = require('path');
const { launch } = require(path.join(__dirname, '..', 'tests', 'web', 'lib'));

(async () => {
  const file = 'file://' + path.resolve(process.argv[2]);
  const runs = +(process.argv[3] || 5);
  const ctx = await launch();
  const times = [];
  let rows = 0;
  for (let i = 0; i < runs; i++) {
    const page = await ctx.newPage();
    await page.goto(file, { waitUntil: 'load' });
    const t = await page.evaluate(() => {
      const m = performance.getEntriesByName('signpost-board-rendered')[0];
      return m ? m.startTime : -1;
    });
    rows = await page.locator('li.meeting').count();
    times.push(t);
    await page.close();
  }
  times.sort((a, b) => a - b);
  console.log(`first render ${times[Math.floor(runs / 2)].toFixed(0)} ms median ` +
    `(${times[0].toFixed(0)}-${times[runs - 1].toFixed(0)}, ${runs} loads), ${rows} rows shown`);
  await ctx.cleanup();
})().catch((e) => { console.error(String(e)); process.exit(1); });
