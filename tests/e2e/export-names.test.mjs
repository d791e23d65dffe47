// Exports stay valid whatever the names (issue #18): a table and a service whose names hold
// characters XML 1.0 does not allow (U+FFFE, U+FFFF, a control character) still export as
// well-formed SVG and a non-empty PNG. The names are pasted the way a person would: focus the
// pane, select all, insert the text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { openPage, useSite, GRAPH } from './browser.mjs';

const BAD = 'bad\uFFFEname\uFFFF\u0001';

const site = useSite();

async function paste(page, pane, text) {
  await page.click(`#pane-${pane}`);
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(text);
}

test('SVG and PNG exports of names with XML-invalid characters are valid', async () => {
  const { context, page, errors } = await openPage(site.browser, site.url);
  await paste(page, 'schema', `create table "${BAD}" (id int primary key);\ncreate table users (id int primary key);\n`);
  await paste(page, 'services', `version: 1\nservices:\n  "svc-${BAD}":\n    writes: ["${BAD}"]\n    reads: [users]\n`);
  // The analysis of the pasted text is on screen: its service and table are drawn.
  await page.waitForSelector(`${GRAPH} [data-node^="service:svc-bad"]`);
  await page.waitForSelector(`${GRAPH} [data-node^="table:bad"]`);
  const size = await page.$eval(GRAPH, (svg) => [Number(svg.getAttribute('width')), Number(svg.getAttribute('height'))]);

  const take = async (key) => {
    await page.click('.export-menu summary');
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 10_000 }),
      page.click(`[data-export="${key}"]`),
    ]);
    return readFile(await download.path());
  };

  const svg = (await take('svg')).toString('utf8');
  assert.doesNotMatch(svg, /[\uFFFE\uFFFF\u0001]/u, 'no XML-invalid character is left');
  assert.match(svg, /bad\uFFFDname\uFFFD/u, 'the name is still there, the bad characters replaced');
  const problem = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return doc.querySelector('parsererror')?.textContent ?? null;
  }, svg);
  assert.equal(problem, null, 'the SVG is well-formed XML');

  // The PNG is made by drawing that SVG as an image: an invalid one gave no download at all.
  const png = await take('png');
  assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
  // Twice the exported picture: the drawing framed by its title block and legend, so at least
  // as wide as the drawing and taller.
  const root = svg.match(/^<svg [^>]*?width="([\d.]+)" height="([\d.]+)"/);
  assert.ok(root, 'the export starts with its root element and size');
  const framed = [Number(root[1]), Number(root[2])];
  assert.ok(framed[0] >= size[0] && framed[1] > size[1], `framed ${framed} around ${size}`);
  assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], framed.map((v) => Math.round(v * 2)));
  assert.deepEqual(errors, []);
  await context.close();
});
