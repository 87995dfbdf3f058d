// The page's Levels view (issue 18), in Chromium (playwright-core driving /usr/bin/chromium).
// Run by scripts/test.sh after e2e_frames.mjs:
//
//   node www/tests/e2e_levels.mjs URL CONCSIM [SCREENSHOTS_DIR]
//
// Every level of levels/levels.json is solved through the page, in English; in Chinese (a
// zh-CN browser) one level of each kind is. What solves a level is the search's verdict,
// `concsim level ID --check --json` (CONCSIM is the native binary), never the stored answer:
//  - a break level: opened by its link `#level=ID`, stepped in manual mode one decision at a
//    time ("Run Tn next") along the minimal schedule the search found for its target (its
//    preemptions are the level's par), each decision ending at the search's instruction, until
//    the page declares the goal reached;
//  - a fix level: the reference fix `levels/ID.fix.py` typed into the editor, "Check my fix"
//    → the histograms before (forbidden outcomes) and after (none), "→ 0 /" and FIXED;
//  - a predict level: a wrong guess (nothing ticked) first, marked wrong, then the search's
//    outcome set ticked, "Check" → all right.
// Then the list shows exactly the solved levels, and a reload keeps them (localStorage). The
// level files are fetched on demand: the page's first load asks for none of them, and its wasm
// does not carry them. Screenshots (03_abba, 11_fix_lost_update, 21_ping_pong):
// levels_{break,fix,predict,list}_{en,zh}.png. Prints the time each level took.

import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

const [url, concsim, shots = 'www/screenshots'] = process.argv.slice(2);
if (!url || !concsim) {
    console.error('usage: node www/tests/e2e_levels.mjs URL CONCSIM [SCREENSHOTS_DIR]');
    process.exit(2);
}
const started = Date.now();
const secs = (t0) => ((Date.now() - t0) / 1000).toFixed(1);

const manifest = JSON.parse(readFileSync('levels/levels.json', 'utf8')).levels;
const SHOWN = { break: '03_abba', fix: '11_fix_lost_update', predict: '21_ping_pong' };

// The search's verdict on each level (it exits 1 when a stored value disagrees: then the
// verdict is printed all the same, and the assertion says what differs). A break level's
// search for par comes first; the exhaustive search for its histogram that follows only
// informs, and on 10_two_consumers it would run to the 60 s default limit: 10 s do.
async function verdict(level) {
    const args = ['level', level.id, '--check', '--json', ...(level.kind === 'break' ? ['--time-limit', '10'] : [])];
    let out;
    try {
        ({ stdout: out } = await execFileAsync(concsim, args, { encoding: 'utf8', maxBuffer: 64 << 20 }));
    } catch (e) {
        if (e.code !== 1 || !e.stdout) throw e;
        out = e.stdout;
    }
    const v = JSON.parse(out);
    assert.ok(v.ok, `${level.id}: the search disagrees with the stored level: ${out.slice(0, 400)}`);
    return [level.id, v];
}
const t0 = Date.now();
// Two at a time (the machine's cores).
const verdicts = new Map();
for (let i = 0; i < manifest.length; i += 2) {
    for (const [id, v] of await Promise.all(manifest.slice(i, i + 2).map(verdict))) verdicts.set(id, v);
}
console.log(`  the search's verdicts on ${manifest.length} levels in ${secs(t0)} s`);

const T = {
    en: { check: 'Check', checkFix: 'Check my fix', fixed: 'FIXED', levels: /^Levels/, step: 'Step', run: (t) => `Run T${t} next`, editor: 'Program text' },
    zh: { check: '检查', checkFix: '检查我的修复', fixed: '已修好', levels: /^关卡/, step: '单步', run: (t) => `运行 T${t} 下一个`, editor: '程序文本' },
};

const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: process.getuid && process.getuid() === 0 ? ['--no-sandbox'] : [],
});

// Opens a level by its link (a same-document navigation after the first: the page follows
// `hashchange`) and waits for its card.
async function openLevel(page, id) {
    await page.goto(`${url}#level=${id}`);
    await page.waitForFunction((id) => document.querySelector('[data-testid=level-card]')?.dataset.level === id, id);
}

async function solveBreak(page, lang, level, shot) {
    const { outcome, par } = verdicts.get(level.id);
    assert.equal(outcome.preemptions, par, `${level.id}: the minimal schedule has par preemptions`);
    const decisions = outcome.schedule.decisions;
    assert.match(await page.getByTestId('level-par').innerText(), new RegExp(`\\b${par}\\b`));
    // A break level's page decides where the search does, so each of the schedule's decisions
    // (thread, instructions) is one "Run Tn next" of a decision-by-decision step, the
    // libraries' code shown, and must end where the search's did.
    await page.getByTestId('step-by').selectOption('decision');
    await page.getByTestId('show-library').check();
    const names = Object.fromEntries(decisions.map((d) => [d.tid, T[lang].run(d.tid)]));
    const played = await page.evaluate(
        async ({ decisions, names }) => {
            const instructions = () => Number(document.querySelector('[data-testid=instructions]').textContent);
            const step = () => document.querySelector('[data-testid=step]').textContent + (document.querySelector('[data-testid=step]').dataset.partial ?? '');
            let total = 0;
            for (const [k, d] of decisions.entries()) {
                total += d.steps;
                const button = [...document.querySelectorAll('button.pick')].find((b) => b.textContent.replace('▶', '').trim() === names[d.tid]);
                if (!button) return { error: `decision ${k}: no "${names[d.tid]}" button at ${instructions()} instructions` };
                const before = step();
                button.click();
                for (let i = 0; i < 1000 && step() === before; i++) await new Promise((r) => setTimeout(r, 0));
                if (instructions() !== total) {
                    return { error: `decision ${k} (T${d.tid}, ${d.steps} instructions) ended at instruction ${instructions()}, the search's at ${total}` };
                }
            }
            return { total };
        },
        { decisions, names },
    );
    assert.ok(!played.error, `${level.id}: ${played.error}`);
    // The step after the last decision finds how the run ended (a deadlock, the exit).
    const step = page.getByRole('button', { name: T[lang].step, exact: true });
    const verdict = page.getByTestId('level-verdict');
    for (let i = 0; i < 20 && !(await verdict.count()); i++) {
        if (await step.isDisabled()) break;
        await step.click();
    }
    if (process.env.DEBUG_LEVELS && !(await verdict.count())) {
        console.log('stop', await page.getByTestId('stop').innerText());
        await page.screenshot({ path: `${shots}/levels_debug.png`, fullPage: true });
    }
    await verdict.waitFor();
    assert.ok((await verdict.getAttribute('class')).includes('good'), `${level.id} solved: ${await verdict.innerText()}`);
    await page.getByTestId('level-solved').waitFor();
    if (shot) await page.screenshot({ path: `${shots}/levels_break_${lang}.png`, fullPage: false });
    return `${decisions.length} decisions (${played.total} instructions), par ${par}`;
}

async function solveFix(page, lang, level, shot) {
    const id = level.id;
    const editor = page.getByRole('textbox', { name: T[lang].editor });
    await editor.waitFor();
    assert.equal(await editor.inputValue(), readFileSync(`levels/${id}.py`, 'utf8'));
    await editor.fill(readFileSync(`levels/${id}.fix.py`, 'utf8'));
    await page.getByRole('button', { name: T[lang].checkFix, exact: true }).click();
    const verdict = page.getByTestId('fix-verdict');
    await verdict.waitFor({ timeout: 120_000 });
    assert.equal((await verdict.innerText()).trim(), T[lang].fixed, `${id}: the reference fix`);
    const sum = page.getByTestId('fix-summary');
    const summary = await sum.innerText();
    const [bad, before] = (await sum.getAttribute('data-before')).split('/').map(Number);
    const [none, after] = (await sum.getAttribute('data-after')).split('/').map(Number);
    // The page's searches agree with the native one.
    const v = verdicts.get(id);
    const forbidden = (h) => h.rows.filter((r) => r.forbidden).reduce((n, r) => n + r.count, 0);
    assert.deepEqual([bad, before], [forbidden(v.before), v.before.schedules], `${id}: before, page against CLI`);
    assert.deepEqual([none, after], [forbidden(v.after), v.after.schedules], `${id}: after, page against CLI`);
    assert.ok(bad > 0 && bad <= before, `${id}: the broken program: forbidden in ${bad} of ${before}`);
    assert.ok(none === 0 && after > 0, `${id}: the fix: forbidden in ${none} of ${after}`);
    assert.match(summary, lang === 'zh' ? /个调度中有 [1-9].*→ .*个调度中有 0 个/ : /forbidden outcome in [1-9][\d,]* of [\d,]+ schedules → forbidden outcome in 0 of [\d,]+ schedules/, summary);
    assert.ok((await page.getByTestId('hist-before').locator('tr.forbidden').count()) > 0, `${id}: the broken program has forbidden outcomes`);
    assert.equal(await page.getByTestId('hist-after').locator('tr.forbidden').count(), 0, `${id}: the fix has none`);
    await page.getByTestId('level-solved').waitFor();
    if (shot) await page.getByTestId('level-card').screenshot({ path: `${shots}/levels_fix_${lang}.png` });
    return summary;
}

async function solvePredict(page, lang, level, shot) {
    const { choices } = level;
    const { answer } = verdicts.get(level.id);
    const boxes = page.getByTestId('choice');
    assert.equal(await boxes.count(), choices.length);
    for (const a of answer) assert.ok(choices.includes(a), `${level.id}: the outcome ${a} is among the choices`);
    const check = page.getByRole('button', { name: T[lang].check, exact: true });
    const verdict = page.getByTestId('predict-verdict');
    // A wrong guess first (nothing ticked): checked, marked wrong.
    await check.click();
    assert.ok((await verdict.getAttribute('class')).includes('bad'), `${level.id}: an empty guess is wrong`);
    for (let i = 0; i < choices.length; i++) {
        if (answer.includes(choices[i])) await boxes.nth(i).check();
    }
    await check.click();
    await verdict.waitFor();
    assert.ok((await verdict.getAttribute('class')).includes('good'), `${level.id} predicted: ${await verdict.innerText()}`);
    assert.equal(await page.getByTestId('choice-right').count(), choices.length);
    await page.getByTestId('level-solved').waitFor();
    if (shot) await page.getByTestId('level-card').screenshot({ path: `${shots}/levels_predict_${lang}.png` });
    return `${answer.length} of ${choices.length} choices`;
}

const solvers = { break: solveBreak, fix: solveFix, predict: solvePredict };

const problems = [];
for (const lang of ['en', 'zh']) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: lang === 'zh' ? 'zh-CN' : 'en-US' });
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`${lang}: page error: ${e.message}`));
    page.on('console', (m) => {
        if (m.type() === 'error') problems.push(`${lang}: console error: ${m.text()}`);
    });
    const fetched = [];
    page.on('request', (r) => {
        if (new URL(r.url()).pathname.includes('/levels/')) fetched.push(new URL(r.url()).pathname);
    });
    // The first load fetches no level file, and the wasm carries none of the levels' texts.
    await page.goto(url);
    await page.getByRole('button', { name: T[lang].levels }).waitFor();
    assert.deepEqual(fetched, [], 'the first load fetches no level file');
    if (lang === 'en') {
        const carried = await page.evaluate(async (texts) => {
            const wasm = performance.getEntriesByType('resource').map((e) => e.name).find((n) => n.endsWith('.wasm'));
            const bytes = new Uint8Array(await (await fetch(wasm)).arrayBuffer());
            const text = new TextDecoder('latin1').decode(bytes);
            return texts.filter((t) => text.includes(t));
        }, manifest.map((l) => l.story.en.slice(0, 40)));
        assert.deepEqual(carried, [], "the page's wasm carries no level's story");
    }

    const ids = lang === 'en' ? manifest.map((l) => l.id) : Object.values(SHOWN);
    const t1 = Date.now();
    for (const id of ids) {
        const level = manifest.find((l) => l.id === id);
        const t = Date.now();
        await openLevel(page, id);
        const how = await solvers[level.kind](page, lang, level, SHOWN[level.kind] === id);
        console.log(`  ${lang} ${id.padEnd(20)} ${level.kind.padEnd(7)} ${secs(t).padStart(5)} s  ${how}`);
    }
    assert.ok(fetched.includes('/levels/levels.json'), 'the manifest was fetched when a level opened');
    // The list: every level, the solved ones marked; kept over a reload.
    await page.goto(url);
    await page.reload();
    await page.getByRole('button', { name: T[lang].levels }).click();
    const rows = page.getByTestId('level-row');
    await rows.first().waitFor();
    assert.equal(await rows.count(), manifest.length);
    const solved = await page.locator('[data-testid=level-row].solved').evaluateAll((rs) => rs.map((r) => r.dataset.level));
    assert.deepEqual(solved.sort(), [...ids].sort());
    if (lang === 'en') assert.equal(solved.length, manifest.length, 'every level solved');
    await page.getByTestId('levels-list').screenshot({ path: `${shots}/levels_list_${lang}.png` });
    // A level's link in the list opens it.
    await page.locator('[data-testid=level-row][data-level="24_reentrant"] a').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=level-card]')?.dataset.level === '24_reentrant');
    assert.match(page.url(), /#level=24_reentrant/);
    console.log(`  ${lang}: ${ids.length} levels solved in ${secs(t1)} s, list ok`);
    await context.close();
}
await browser.close();
if (problems.length) {
    console.error(`e2e_levels: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
    process.exit(1);
}
console.log(`e2e_levels: all ${manifest.length} levels solved in English, one of each kind in Chinese, in ${secs(started)} s; screenshots in ${shots}/levels_*.png`);
