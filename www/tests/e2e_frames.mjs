// End-to-end test of what a learner watches in the page's frame view (issue 14), in Chromium
// (playwright-core driving /usr/bin/chromium). Run by scripts/test.sh after e2e.mjs:
//
//   node www/tests/e2e_frames.mjs URL [SCREENSHOT_DIR]
//
// On `no_lock` (preempt-any): the first Step runs the boot (`import time, threading`, library
// code) through and lands on the program's own line 4 or later; stepping by line, there is a
// moment when both worker threads' frames hold `balance` loaded with the same value (the lost
// update about to happen), and the run then ends with a wrong balance. Also: every kind of
// Step moves forwards and Step back returns, the bytecode is one click away, and a soloed
// thread runs alone (freeze and solo in the threads card).

import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import assert from 'node:assert/strict';

const [url, shots = 'www/screenshots'] = process.argv.slice(2);
if (!url) {
    console.error('usage: node www/tests/e2e_frames.mjs URL [SCREENSHOT_DIR]');
    process.exit(2);
}
mkdirSync(shots, { recursive: true });

const problems = [];
const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: process.getuid && process.getuid() === 0 ? ['--no-sandbox'] : [],
});
const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
const page = await context.newPage();
page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
});

const button = (name) => page.getByRole('button', { name, exact: true });
const step = async () => Number(await page.getByTestId('step').textContent());
// Where the run stands: decisions, then instructions into a paused slice (a step by
// instruction or line under the cpython policy pauses the slice it is in), as one number
// that grows as the run goes.
const placeIn = () => {
    const el = document.querySelector('[data-testid=step]');
    return Number(el?.textContent) * 1e9 + Number(el?.getAttribute('data-partial') || 0);
};
const place = () => page.evaluate(placeIn);
const stepOnce = async () => {
    const before = await place();
    await button('Step').click();
    await page.waitForFunction(`(${placeIn})() !== ${before}`);
};
// For each thread shown: its innermost frame (function, line) and what it holds.
const frames = () =>
    page.evaluate(() =>
        Array.from(document.querySelectorAll('[data-testid=thread-frames]')).map((t) => {
            const inner = t.querySelector('[data-testid=frame]');
            return {
                tid: Number(t.dataset.tid),
                function: inner?.dataset.function,
                line: Number(inner?.dataset.line),
                held: Array.from(inner?.querySelectorAll('[data-testid=held]') ?? []).map((h) => ({
                    origin: h.dataset.origin,
                    expr: h.dataset.expr,
                    repr: h.dataset.repr,
                    text: h.textContent,
                })),
            };
        }),
    );

await page.goto(url);
await page.getByRole('log').waitFor();
const picker = page.getByRole('combobox', { name: 'Scenario' });
const pick = async (name) => {
    const value = await page.evaluate(
        (name) =>
            Array.from(document.querySelectorAll('select[aria-label=Scenario] option')).find(
                (o) => o.textContent.split(' — ')[0] === name,
            )?.value,
        name,
    );
    await picker.selectOption(value);
    await page.waitForFunction(() => document.querySelector('[data-testid=step]')?.textContent === '0');
};

// 1. The first Step lands in the program, not in `import`.
await pick('no_lock');
assert.equal(await page.getByTestId('step-by').inputValue(), 'line', 'Step goes by line by default');
assert.equal(await page.getByTestId('show-library').isChecked(), false, 'library code hidden by default');
await stepOnce();
const first = await frames();
const main = first.find((f) => f.tid === 1);
assert.ok(main && main.line >= 4, `first Step lands on line ${main?.line} (want >= 4)`);
console.log(`e2e_frames: the first Step took ${await step()} decisions and landed on line ${main.line}`);

// 2. Step by line until both workers hold the same loaded balance.
let lost = null;
for (let i = 0; i < 400 && !lost; i++) {
    await stepOnce();
    const fs = await frames();
    const holding = fs
        .filter((f) => f.function === 'change_it')
        .map((f) => ({ tid: f.tid, held: f.held.find((h) => h.origin === 'loaded' && h.expr === 'balance') }))
        .filter((f) => f.held);
    if (holding.length === 2 && holding[0].held.repr === holding[1].held.repr) {
        lost = { step: await step(), value: holding[0].held.repr, texts: holding.map((h) => h.held.text) };
    }
}
assert.ok(lost, 'both worker threads never held the same loaded balance');
assert.match(lost.texts[0], /^loaded balance = /, 'the frame view says it in plain words');
console.log(`e2e_frames: at step ${lost.step} both workers hold "loaded balance = ${lost.value}"`);
await page.screenshot({ path: `${shots}/frames_lost_update.png`, fullPage: false });
await page.setViewportSize({ width: 390, height: 844 });
await page.screenshot({ path: `${shots}/frames_lost_update_390.png`, fullPage: true });
await page.setViewportSize({ width: 1280, height: 800 });

// The bytecode is one click away, with the next instruction marked.
const details = page.locator('[data-testid=thread-frames] details.bytecode').first();
await details.locator('summary').click();
assert.ok(await details.locator('.bc.here').isVisible(), 'the next instruction is marked in the bytecode');

// 3. The run then ends with a wrong balance.
await button('Run to end').click();
await page.waitForFunction(() => document.querySelector('[data-testid=stop]')?.textContent.trim() !== '', null, {
    timeout: 120_000,
});
const out = await page.evaluate(() =>
    Array.from(document.querySelectorAll('[role=log] [data-stream=stdout]'))
        .map((e) => e.textContent)
        .join(''),
);
assert.notEqual(out.trim(), '0', 'the final balance is wrong');
console.log(`e2e_frames: final balance ${out.trim()}`);

// 4. Every kind of Step moves forwards, and Step back goes back, on the lock scenario.
await pick('lock');
for (const kind of ['instruction', 'decision', 'line', 'switch', 'shared', 'event']) {
    if (await button('Reset').isEnabled()) await button('Reset').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=step]')?.textContent === '0');
    await page.getByTestId('step-by').selectOption(kind);
    const at = [];
    for (let i = 0; i < 4; i++) {
        await stepOnce();
        at.push(await place());
    }
    for (let i = 1; i < at.length; i++) assert.ok(at[i] > at[i - 1], `${kind}: steps move forwards (${at})`);
    await button('Step back').click();
    await page.waitForFunction(`(${placeIn})() < ${at[3]}`);
}

// 5. Solo: on no_lock, once both workers exist, "solo T2" freezes the others, so stepping
// moves only T2 (T3's frame stays where it was); "end solo" lets T3 run again.
await pick('no_lock');
await page.getByTestId('step-by').selectOption('line');
const soloT3 = page.getByRole('button', { name: 'solo T3', exact: true });
for (let i = 0; i < 400 && (await soloT3.count()) === 0; i++) await stepOnce();
assert.equal(await soloT3.count(), 1, 'both workers exist and can be soloed');
await button('solo T2').click();
await page.waitForFunction(() => document.querySelector('button[aria-label="end solo T2"]')?.getAttribute('aria-pressed') === 'true');
assert.equal(await page.getByRole('button', { name: 'thaw T3', exact: true }).getAttribute('aria-pressed'), 'true', 'T3 is frozen');
const frameOf = async (tid) => JSON.stringify((await frames()).find((f) => f.tid === tid) ?? null);
const t3Before = await frameOf(3);
const t2Lines = new Set();
for (let i = 0; i < 12; i++) {
    await stepOnce();
    assert.equal(await frameOf(3), t3Before, 'a frozen thread does not move while the soloed one can');
    t2Lines.add(await frameOf(2));
}
assert.ok(t2Lines.size > 1, 'the soloed thread moves');
await page.screenshot({ path: `${shots}/frames_solo.png`, fullPage: false });
await button('end solo T2').click();
await page.waitForFunction(() => document.querySelector('button[aria-label="solo T2"]')?.getAttribute('aria-pressed') === 'false');
let t3Moved = false;
for (let i = 0; i < 60 && !t3Moved; i++) {
    await stepOnce();
    t3Moved = (await frameOf(3)) !== t3Before;
}
assert.ok(t3Moved, 'after the solo ends the other worker runs again');
console.log('e2e_frames: solo T2 held T3 for 12 line steps; T3 ran again after the solo ended');

await browser.close();
if (problems.length) {
    console.error(problems.join('\n'));
    process.exit(1);
}
console.log('e2e_frames: all checks passed');
