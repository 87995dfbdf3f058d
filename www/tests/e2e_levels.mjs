// The page's Levels view (issue 18), in Chromium (playwright-core driving /usr/bin/chromium).
// Run by scripts/test.sh after e2e_frames.mjs:
//
//   node www/tests/e2e_levels.mjs URL CONCSIM [SCREENSHOTS_DIR]
//
// In English and in Chinese (a zh-CN browser) it solves, through the page:
//  - a break level (03_abba): opened by its link `#level=03_abba`, stepped in manual mode one
//    decision at a time along the minimal schedule `concsim explore --json` finds for it
//    (CONCSIM is the native binary), until the run deadlocks as the goal asks;
//  - a fix level (11_fix_lost_update): the reference fix `levels/ID.fix.py` typed into the
//    editor, "Check my fix" → the histograms before and after, "→ 0 /" and FIXED;
//  - a predict level (21_ping_pong): the answer's choices ticked, "Check" → all right;
// then the list shows the three solved and a reload keeps them (localStorage). Screenshots:
// levels_{break,fix,predict,list}_{en,zh}.png.

import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const [url, concsim, shots = 'www/screenshots'] = process.argv.slice(2);
if (!url || !concsim) {
    console.error('usage: node www/tests/e2e_levels.mjs URL CONCSIM [SCREENSHOTS_DIR]');
    process.exit(2);
}

const manifest = JSON.parse(readFileSync('levels/levels.json', 'utf8')).levels;
const level = (id) => manifest.find((l) => l.id === id);

// The break level's minimal deadlocking schedule, from the search.
const BREAK = '03_abba';
// Bounded by par, the search is not exhaustive: it exits 1 and prints its report all the same.
function explore(args) {
    try {
        return execFileSync(concsim, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
    } catch (e) {
        if (e.status === 1 && e.stdout) return e.stdout;
        throw e;
    }
}
const report = JSON.parse(explore(['explore', `levels/${BREAK}.py`, '--json', '--max-preemptions', String(level(BREAK).par)]));
const target = report.outcomes.filter((o) => o.kind === 'deadlock').sort((a, b) => a.preemptions - b.preemptions)[0];
assert.ok(target, `the search finds ${BREAK}'s deadlock`);
assert.equal(target.preemptions, level(BREAK).par, `its minimal schedule has par preemptions`);
const decisions = target.schedule.decisions;

const T = {
    en: { check: 'Check', checkFix: 'Check my fix', fixed: 'FIXED', levels: /^Levels/ },
    zh: { check: '检查', checkFix: '检查我的修复', fixed: '已修好', levels: /^关卡/ },
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

async function stepCount(page) {
    return Number(await page.getByTestId('step').textContent());
}

async function solveBreak(page, lang) {
    await openLevel(page, BREAK);
    assert.match(await page.getByTestId('level-par').innerText(), new RegExp(String(level(BREAK).par)));
    // The schedule's decisions run (thread, instructions): the page, one instruction per step
    // with the libraries' code shown, gives each run of one thread's decisions to that thread
    // ("Run Tn next") until the instruction count reaches the schedule's.
    await page.getByTestId('step-by').selectOption('instruction');
    await page.getByTestId('show-library').check();
    const segments = [];
    let total = 0;
    for (const d of decisions) {
        total += d.steps;
        if (segments.length && segments.at(-1).tid === d.tid) segments.at(-1).until = total;
        else segments.push({ tid: d.tid, until: total });
    }
    const label = lang === 'zh' ? (t) => `运行 T${t} 下一个` : (t) => `Run T${t} next`;
    const trail = await page.evaluate(
        async ({ segments, names }) => {
            const instructions = () =>
                Number((document.querySelector('[data-testid=instructions]') ?? document.querySelectorAll('.controls .status .stat b')[2]).textContent);
            const step = () => document.querySelector('[data-testid=step]').textContent + (document.querySelector('[data-testid=step]').dataset.partial ?? '');
            const trail = [];
            for (const [k, s] of segments.entries()) {
                while (instructions() < s.until) {
                    const button = [...document.querySelectorAll('button.pick')].find((b) => b.textContent.replace('▶', '').trim() === names[k]);
                    if (!button) return { error: `no "${names[k]}" button at ${instructions()} instructions`, trail };
                    const before = step() + instructions();
                    button.click();
                    for (let i = 0; i < 1000 && step() + instructions() === before; i++) await new Promise((r) => setTimeout(r, 0));
                }
                trail.push(`T${s.tid}→${instructions()}/${s.until}`);
            }
            return { trail };
        },
        { segments, names: segments.map((s) => label(s.tid)) },
    );
    if (process.env.DEBUG_LEVELS) console.log(trail);
    assert.ok(!trail.error, trail.error);
    const step = page.getByRole('button', { name: lang === 'zh' ? '单步' : 'Step', exact: true });
    // The step after the last decision finds the deadlock.
    for (let i = 0; i < 5 && !(await page.getByTestId('level-verdict').count()); i++) {
        if (await step.isDisabled()) break;
        await step.click();
        await page.waitForTimeout(100);
    }
    const verdict = page.getByTestId('level-verdict');
    if (process.env.DEBUG_LEVELS) {
        console.log('step', await stepCount(page), 'stop', await page.getByTestId('stop').innerText());
        await page.screenshot({ path: `${shots}/levels_debug.png`, fullPage: true });
    }
    await verdict.waitFor();
    assert.ok((await verdict.getAttribute('class')).includes('good'), `break level solved: ${await verdict.innerText()}`);
    await page.getByTestId('level-solved').waitFor();
    await page.screenshot({ path: `${shots}/levels_break_${lang}.png`, fullPage: false });
}

async function solveFix(page, lang) {
    const id = '11_fix_lost_update';
    await openLevel(page, id);
    const editor = page.getByRole('textbox', { name: lang === 'zh' ? '程序文本' : 'Program text' });
    await editor.waitFor();
    assert.equal(await editor.inputValue(), readFileSync(`levels/${id}.py`, 'utf8'));
    await editor.fill(readFileSync(`levels/${id}.fix.py`, 'utf8'));
    await page.getByRole('button', { name: T[lang].checkFix, exact: true }).click();
    const verdict = page.getByTestId('fix-verdict');
    await verdict.waitFor({ timeout: 120_000 });
    assert.equal((await verdict.innerText()).trim(), T[lang].fixed);
    const sum = page.getByTestId('fix-summary');
    const summary = await sum.innerText();
    const [bad, before] = (await sum.getAttribute('data-before')).split('/').map(Number);
    const [none, after] = (await sum.getAttribute('data-after')).split('/').map(Number);
    assert.ok(bad > 0 && bad <= before, `the broken program: forbidden in ${bad} of ${before}`);
    assert.ok(none === 0 && after > 0, `the fix: forbidden in ${none} of ${after}`);
    assert.match(summary, lang === 'zh' ? /个调度中有 [1-9].*→ .*个调度中有 0 个/ : /forbidden outcome in [1-9][\d,]* of [\d,]+ schedules → forbidden outcome in 0 of [\d,]+ schedules/, summary);
    assert.ok((await page.getByTestId('hist-before').locator('tr.forbidden').count()) > 0, 'the broken program has forbidden outcomes');
    assert.equal(await page.getByTestId('hist-after').locator('tr.forbidden').count(), 0, 'the fix has none');
    await page.getByTestId('level-solved').waitFor();
    await page.getByTestId('level-card').screenshot({ path: `${shots}/levels_fix_${lang}.png` });
    return summary;
}

async function solvePredict(page, lang) {
    const id = '21_ping_pong';
    await openLevel(page, id);
    const { choices, answer } = level(id);
    const boxes = page.getByTestId('choice');
    assert.equal(await boxes.count(), choices.length);
    // A wrong guess first: checked, marked wrong.
    await page.getByRole('button', { name: T[lang].check, exact: true }).click();
    assert.ok((await page.getByTestId('predict-verdict').getAttribute('class')).includes('bad'));
    for (let i = 0; i < choices.length; i++) {
        if (answer.includes(choices[i])) await boxes.nth(i).check();
    }
    await page.getByRole('button', { name: T[lang].check, exact: true }).click();
    const verdict = page.getByTestId('predict-verdict');
    await verdict.waitFor();
    assert.ok((await verdict.getAttribute('class')).includes('good'), `predicted: ${await verdict.innerText()}`);
    assert.equal(await page.getByTestId('choice-right').count(), choices.length);
    await page.getByTestId('level-solved').waitFor();
    await page.getByTestId('level-card').screenshot({ path: `${shots}/levels_predict_${lang}.png` });
}

const problems = [];
for (const lang of ['en', 'zh']) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: lang === 'zh' ? 'zh-CN' : 'en-US' });
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`${lang}: page error: ${e.message}`));
    page.on('console', (m) => {
        if (m.type() === 'error') problems.push(`${lang}: console error: ${m.text()}`);
    });
    await solveBreak(page, lang);
    const summary = await solveFix(page, lang);
    await solvePredict(page, lang);
    // The list: every level, the three solved marked; kept over a reload.
    await page.goto(url);
    await page.reload();
    await page.getByRole('button', { name: T[lang].levels }).click();
    const rows = page.getByTestId('level-row');
    await rows.first().waitFor();
    assert.equal(await rows.count(), manifest.length);
    const solved = await page.locator('[data-testid=level-row].solved').evaluateAll((rs) => rs.map((r) => r.dataset.level));
    assert.deepEqual(solved.sort(), [BREAK, '11_fix_lost_update', '21_ping_pong']);
    await page.getByTestId('levels-list').screenshot({ path: `${shots}/levels_list_${lang}.png` });
    // A level's link in the list opens it.
    await page.locator('[data-testid=level-row][data-level="24_reentrant"] a').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=level-card]')?.dataset.level === '24_reentrant');
    assert.match(page.url(), /#level=24_reentrant/);
    console.log(`  ${lang}: break ${BREAK} in ${decisions.length} decisions (par ${level(BREAK).par}), fix: ${summary}, predict ok, list ok`);
    await context.close();
}
await browser.close();
if (problems.length) {
    console.error(`e2e_levels: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
    process.exit(1);
}
console.log(`e2e_levels: a break, a fix and a predict level solved in English and Chinese; screenshots in ${shots}/levels_*.png`);
