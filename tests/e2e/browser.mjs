// Shared helpers for the end-to-end tests: start the static server on dist/, launch Debian's
// Chromium through playwright-core (never a downloaded browser), collect console errors.
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve-dist.mjs';
import { mkdirSync } from 'node:fs';

export const ARTIFACTS = new URL('./artifacts/', import.meta.url).pathname;
mkdirSync(ARTIFACTS, { recursive: true });

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
];

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}

export async function startServer(subpath = '') {
  // SEAMS_DIST serves another build (e.g. one made before a change, to see a test fail).
  const server = await serve(process.env.SEAMS_DIST ?? new URL('../../dist/', import.meta.url).pathname, { subpath });
  const url = `http://127.0.0.1:${server.address().port}${subpath || '/'}`;
  return { server, url };
}

/// The graph's SVG on the page.
export const GRAPH = 'svg[aria-label="Coupling graph"]';

/// One browser and one server for a test file: started before its tests, closed after them.
/// Read `site.browser` and `site.url` inside the tests (they are set once `before` has run).
export function useSite(subpath = '') {
  const site = {};
  before(async () => {
    site.browser = await launch();
    Object.assign(site, await startServer(subpath));
  });
  after(async () => {
    await site.browser?.close();
    site.server?.close();
  });
  return site;
}

/// Opens a page and records console errors and page errors into `errors`.
export async function openPage(browser, url, { width = 1280, height = 720, reducedMotion = 'no-preference' } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, reducedMotion });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  await page.waitForSelector('svg[aria-label="Coupling graph"] [data-node]');
  return { context, page, errors };
}

/// Clicks `locator` the way a person does: the real mouse pressed and released at the centre of
/// its box, after checking that the point is inside the viewport and that the element (not
/// something clipping or covering it) is what is there. Returns the box.
export async function mouseClick(page, locator) {
  await locator.waitFor({ state: 'visible' });
  const box = await locator.boundingBox();
  if (!box || box.width < 1 || box.height < 1) throw new Error(`no box to click: ${locator}`);
  const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
  const hit = await locator.evaluate((el, [x, y]) => {
    const top = document.elementFromPoint(x, y);
    return {
      ok: top !== null && (el === top || el.contains(top)),
      inView: x >= 0 && y >= 0 && x < innerWidth && y < innerHeight,
      top: top ? top.outerHTML.slice(0, 120) : null,
    };
  }, [x, y]);
  if (!hit.inView) throw new Error(`${locator} is outside the viewport at (${x}, ${y})`);
  if (!hit.ok) throw new Error(`${locator} is covered at (${x}, ${y}) by ${hit.top}`);
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.up();
  return box;
}

/// The scrolling box of pane `name` (`schema`, `services`, `models`): what a person sees of it
/// and clicks (a long text's textarea reaches past it).
export function paneBox(page, name) {
  return page.locator(`#pane-${name}`).locator('xpath=ancestor::div[contains(@class,"code")][1]');
}

/// The whole text of pane `name`, taken out as a person would: select all, copy, read the
/// clipboard. (The textarea of a long text holds only a window of its lines.)
export async function paneText(page, name) {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
  await page.locator(`#pane-${name}`).focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+C');
  return page.evaluate(() => navigator.clipboard.readText());
}
