// Stage transitions keep the picture (issue 16): while the nodes glide to their new places the
// edges never all vanish (they once faded out for 0.35–0.85 s): the old edges cross-fade into
// the new ones. Sampled every animation frame during a step made with the keyboard; a frame
// strip lands in tests/e2e/artifacts/morph-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, ARTIFACTS, useSite, GRAPH } from './browser.mjs';

const site = useSite();

for (const [width, height] of [[1280, 720], [390, 844]]) {
  test(`at ${width}×${height} the edges stay visible through every stage transition`, async () => {
    const { context, page, errors } = await openPage(site.browser, site.url, { width, height });
    for (let stage = 1; stage < 5; stage++) {
      await page.evaluate(() => document.activeElement?.blur());
      // Record, every frame for 900 ms, how visible the edges are: the sum of the edge layers'
      // computed opacities (the old layer fading out plus the new one fading in).
      const sampling = page.evaluate(() => new Promise((resolve) => {
        const samples = [];
        const start = performance.now();
        const tick = () => {
          const layers = [...document.querySelectorAll('.graph-canvas .layer-edges, .graph-canvas .layer-edges-leaving')];
          const edges = layers.some((l) => l.querySelector('path'));
          samples.push(edges ? layers.reduce((sum, l) => sum + Number(getComputedStyle(l).opacity), 0) : 0);
          if (performance.now() - start < 900) requestAnimationFrame(tick); else resolve(samples);
        };
        requestAnimationFrame(tick);
      }));
      await page.keyboard.press('ArrowRight');
      if (stage === 3) {
        await page.waitForTimeout(200);
        await page.screenshot({ path: `${ARTIFACTS}morph-${width}x${height}-mid.png` });
      }
      const samples = await sampling;
      await page.waitForSelector(`${GRAPH}[data-stage="${stage}"]`);
      const least = Math.min(...samples);
      assert.ok(samples.length > 10, `${samples.length} frames sampled`);
      assert.ok(least >= 0.6, `stage ${stage}: the edges' opacity fell to ${least.toFixed(2)} (${samples.length} frames)`);
    }
    await page.waitForTimeout(800);
    assert.equal(await page.locator('.layer-edges-leaving').count(), 0, 'the old edges are gone after the morph');
    assert.deepEqual(errors, []);
    await context.close();
  });
}
