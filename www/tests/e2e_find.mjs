// The page's "Find a breaking schedule" on every scenario (issue 14), in Chromium
// (playwright-core driving /usr/bin/chromium). Run by scripts/test.sh after e2e_frames.mjs:
//
//   node www/tests/e2e_find.mjs URL [PARALLEL]
//
// For each scenario Find can search (one host), the search is started and left alone: it must
// stop by itself within its 60 s budget plus a margin, and say why (exhaustive, or its time,
// memory or schedule budget), while the wasm linear memory (the progress line's
// data-wasm-bytes, which never shrinks) stays under 1 GiB and the page raises no error.
// PARALLEL scenarios run at once, each in its own browser context (default 3), so the whole
// sweep takes minutes, not 60 s × scenarios.

import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';

const [url, parallelArg = '3'] = process.argv.slice(2);
if (!url) {
    console.error('usage: node www/tests/e2e_find.mjs URL [PARALLEL]');
    process.exit(2);
}
const parallel = Math.max(1, Number(parallelArg));
const LIMIT_BYTES = 1 << 30;
// The search's own budget is 60 s of wall time; a loaded machine slows its timer ticks.
const STOP_TIMEOUT_MS = 150_000;

const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: process.getuid && process.getuid() === 0 ? ['--no-sandbox'] : [],
});

// The scenarios the page offers, read from its picker.
const scenarios = await (async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(url);
    const picker = page.getByRole('combobox', { name: 'Scenario' });
    await picker.waitFor();
    const list = await picker.locator('option').evaluateAll((os) => os.map((o) => ({ value: o.value, name: o.textContent.split(' — ')[0].trim() })));
    await context.close();
    return list;
})();
assert.ok(scenarios.length >= 10, `the picker lists the scenarios (${scenarios.length})`);

const results = [];
const problems = [];

async function sweep(scenario) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
    page.on('console', (m) => {
        if (m.type() === 'error') errors.push(`console error: ${m.text()}`);
    });
    await page.goto(url);
    const picker = page.getByRole('combobox', { name: 'Scenario' });
    await picker.selectOption(scenario.value);
    await page.waitForFunction(() => document.querySelector('[data-testid=step]')?.textContent === '0');
    const find = page.getByRole('button', { name: 'Find a breaking schedule', exact: true });
    if (await find.isDisabled()) {
        results.push({ scenario: scenario.name, skipped: await page.getByTestId('find-why').innerText() });
        await context.close();
        return;
    }
    const start = Date.now();
    await find.click();
    let peak = 0;
    let stop = null;
    while (Date.now() - start < STOP_TIMEOUT_MS) {
        const state = await page.evaluate(() => {
            const p = document.querySelector('[data-testid=search-progress]');
            const s = document.querySelector('[data-testid=search-stop]');
            return { bytes: Number(p?.dataset.wasmBytes ?? 0), stop: s ? s.textContent : null, progress: p?.textContent ?? '' };
        });
        peak = Math.max(peak, state.bytes);
        if (state.stop) {
            stop = { text: state.stop.replace(/^ · /, ''), progress: state.progress };
            break;
        }
        await page.waitForTimeout(1000);
    }
    const seconds = (Date.now() - start) / 1000;
    results.push({ scenario: scenario.name, seconds, peakMiB: peak / 2 ** 20, stop: stop?.text ?? null, progress: stop?.progress ?? '' });
    if (!stop) problems.push(`${scenario.name}: the search did not stop by itself within ${STOP_TIMEOUT_MS / 1000} s`);
    if (peak >= LIMIT_BYTES) problems.push(`${scenario.name}: wasm memory reached ${(peak / 2 ** 20).toFixed(0)} MiB`);
    if (peak === 0) problems.push(`${scenario.name}: the page never reported its memory`);
    for (const e of errors) problems.push(`${scenario.name}: ${e}`);
    await context.close();
}

const queue = [...scenarios];
await Promise.all(
    Array.from({ length: parallel }, async () => {
        while (queue.length) await sweep(queue.shift());
    }),
);
await browser.close();

results.sort((a, b) => a.scenario.localeCompare(b.scenario));
for (const r of results) {
    if (r.skipped) console.log(`  ${r.scenario.padEnd(16)} skipped: ${r.skipped}`);
    else console.log(`  ${r.scenario.padEnd(16)} ${r.seconds.toFixed(1).padStart(6)} s  peak ${r.peakMiB.toFixed(0).padStart(4)} MiB  ${r.stop}`);
}
if (problems.length) {
    console.error(`e2e_find: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
    process.exit(1);
}
console.log(`e2e_find: ${results.filter((r) => !r.skipped).length} scenarios searched, each stopped by itself under 1 GiB`);
