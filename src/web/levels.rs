//! The page's Levels view (issue 18): the list of levels (title, kind, primitive, solved
//! mark; each a `#level=ID` link), the open level's card (story, goal, hint, par; a fix
//! level's "Check my fix" with its outcome histograms before and after; a predict level's
//! checkboxes), and `FixCheck`, the two exhaustive searches a fix check runs a slice per timer
//! tick. The levels come from the files beside the page (`level_files`, fetched when first
//! needed), which the model keeps (`Model::catalog`).
//! Invariant: every verdict shown is `crate::levels`' (the search's or the stored answer);
//! this module only runs the searches in slices and draws; progress (the solved ids) lives in
//! the model and `app` keeps it in localStorage.

use super::state::{Action, Lang, Model};
use crate::explore::{Progress, Search};
use crate::levels::{self, Histogram, Kind, Level};
use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;
use yew::prelude::*;

/// How long one tick of a fix check may run.
pub const CHECK_SLICE_MS: f64 = 25.0;
/// A fix check stops (not exhaustive, so NOT FIXED) after this much wall time per search.
const CHECK_LIMIT_MS: f64 = 60_000.0;

/// The open level and what the learner did in it.
#[derive(Clone)]
pub struct LevelPlay {
    pub level: Rc<Level>,
    /// The level's own program (a fix level's broken one).
    pub program: Rc<str>,
    /// Predict: the choices ticked.
    pub picks: Vec<bool>,
    /// Predict: "Check" was pressed for these picks.
    pub predicted: bool,
    /// Fix: the check of the program as it was when "Check my fix" was pressed.
    pub check: Option<Rc<RefCell<FixCheck>>>,
}

impl LevelPlay {
    /// The level with its program fetched (`level_files`).
    pub fn open(level: &Level) -> Result<LevelPlay, String> {
        let program = super::level_files::program(level)?.into();
        let picks = vec![false; level.choices.len()];
        Ok(LevelPlay { level: Rc::new(level.clone()), program, picks, predicted: false, check: None })
    }

    /// Predict: whether the ticked choices are exactly the answer set.
    pub fn predicted_right(&self) -> bool {
        self.level.choices.iter().zip(&self.picks).all(|(c, &on)| on == self.level.answer.contains(c))
    }
}

/// The progress kept in the browser: solved ids, comma-separated.
pub fn parse_solved(text: &str) -> BTreeSet<String> {
    text.split(',').filter(|s| !s.is_empty()).map(str::to_string).collect()
}

pub fn format_solved(solved: &BTreeSet<String>) -> String {
    solved.iter().cloned().collect::<Vec<_>>().join(",")
}

/// One search of a fix check: running, then its histogram.
struct Side {
    search: Option<Search>,
    spent_ms: f64,
    histogram: Option<Histogram>,
}

impl Side {
    fn new(level: &Level, source: &str) -> Side {
        Side {
            search: Some(Search::new(&level.file_name(), source, &level.explore_options())),
            spent_ms: 0.0,
            histogram: None,
        }
    }

    /// Works for at most `ms`; true once its histogram is there.
    fn work(&mut self, level: &Level, ms: f64, now: &dyn Fn() -> f64) -> bool {
        let Some(s) = self.search.as_mut() else { return true };
        let start = now();
        let end = start + ms;
        let mut until = |_: &Progress| (now() > end).then(|| "slice".to_string());
        let over = s.work(&mut until);
        self.spent_ms += now() - start;
        if over || self.spent_ms > CHECK_LIMIT_MS {
            let report = self.search.take().map(Search::finish);
            self.histogram = report.map(|r| Histogram::new(&r, &|o| level.forbidden(o)));
            return true;
        }
        false
    }
}

/// "Check my fix": the level's program searched, then the learner's.
pub struct FixCheck {
    level: Rc<Level>,
    before: Side,
    after: Side,
}

impl FixCheck {
    pub fn new(level: Rc<Level>, original: &str, mine: &str) -> FixCheck {
        let (before, after) = (Side::new(&level, original), Side::new(&level, mine));
        FixCheck { level, before, after }
    }

    pub fn running(&self) -> bool {
        self.after.histogram.is_none()
    }

    /// One slice of work (the page's timer calls it while `running`).
    pub fn work(&mut self, ms: f64, now: &dyn Fn() -> f64) {
        if self.before.work(&self.level, ms, now) {
            self.after.work(&self.level, ms, now);
        }
    }

    /// Some(fixed) once both searches are over: exhaustive, no forbidden outcome.
    pub fn verdict(&self) -> Option<bool> {
        let h = self.after.histogram.as_ref()?;
        Some(h.exhaustive && h.forbidden() == 0 && !h.rows.is_empty())
    }
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub model: Rc<Model>,
    pub on: Callback<Action>,
}

fn kind_class(k: Kind) -> &'static str {
    match k {
        Kind::Break => "kind-break",
        Kind::Fix => "kind-fix",
        Kind::Predict => "kind-predict",
    }
}

fn title(l: &Level, lang: Lang) -> String {
    l.title.get(lang == Lang::Zh).to_string()
}

/// The list of levels: each a link that opens it.
#[component]
pub fn LevelsList(p: &Props) -> Html {
    let m = &p.model;
    let zh = m.lang == Lang::Zh;
    let l = m.lang;
    let catalog: &[Level] = m.catalog.as_deref().unwrap_or(&[]);
    let rows = catalog.iter().map(|level| {
        let solved = m.solved.contains(&level.id);
        let id = level.id.clone();
        let onclick = {
            let on = p.on.clone();
            move |e: MouseEvent| {
                e.prevent_default();
                on.emit(Action::OpenLevel(id.clone()));
            }
        };
        html! {
            <li class={classes!("level-row", solved.then_some("solved"))} data-testid="level-row" data-level={level.id.clone()}>
                <span class="level-mark" aria-label={ if solved { l.t("solved", "已完成") } else { l.t("not solved", "未完成") } }>
                    { if solved { "✓" } else { "○" } }
                </span>
                <a href={format!("#level={}", level.id)} {onclick}>{ title(level, l) }</a>
                <span class={classes!("tag", "kind", kind_class(level.kind))}>
                    { level.kind.name(zh) }
                </span>
                <span class="tag primitive">{ level.primitive.clone() }</span>
            </li>
        }
    });
    let n = levels::COUNT;
    let error = m.levels_error.as_ref().map(|e| {
        html! { <p class="verdict bad" role="alert" data-testid="levels-error">{ format!("{}: {e}", l.t("The levels could not be loaded", "无法加载关卡")) }</p> }
    });
    html! {
        <section class="card levels-list" aria-label={l.t("Levels", "关卡")} data-testid="levels-list">
            <h2>{ l.t("Levels", "关卡") }<span class="sub">{ format!(" · {} / {n} {}", m.solved.len(), l.t("solved", "已完成")) }</span></h2>
            { error.unwrap_or_default() }
            <ol>{ for rows }</ol>
        </section>
    }
}

/// One histogram as a table: count, label, mark.
fn histogram_table(h: &Histogram, l: Lang, testid: &'static str) -> Html {
    let rows = h.rows.iter().map(|r| {
        html! {
            <tr class={classes!(r.forbidden.then_some("forbidden"))}>
                <td class="num">{ levels::thousands(r.count) }</td>
                <td><code>{ r.label.clone() }</code></td>
                <td>{ if r.forbidden { l.t("FORBIDDEN", "禁止") } else { l.t("acceptable", "可接受") } }</td>
                <td class="muted">{ format!("{} {}", r.preemptions, l.t("preemptions", "次抢占")) }</td>
            </tr>
        }
    });
    html! {
        <table class="histogram" data-testid={testid}>
            <tbody>{ for rows }</tbody>
        </table>
    }
}

/// The open level: story, goal, hint and what its kind asks for.
#[component]
pub fn LevelCard(p: &Props) -> Html {
    let m = &p.model;
    let Some(play) = m.level.as_ref() else { return html! {} };
    let l = m.lang;
    let zh = l == Lang::Zh;
    let level = &play.level;
    let on = &p.on;
    let solved = m.solved.contains(&level.id);
    let body = match level.kind {
        Kind::Break => {
            let par = level.par.map(|par| {
                let unit = if par == 1 { l.t("preemption", "次抢占") } else { l.t("preemptions", "次抢占") };
                format!("{} {par} {unit}", l.t("Par:", "标准杆："))
            });
            let reached = m.level_goal_reached();
            html! {
                <>
                    <p class="muted">{ l.t("Manual mode: pick which thread runs next (the “Run Tn next” buttons) until the run ends as the goal says.", "手动模式：选择下一个运行的线程（“运行 Tn 下一个”按钮），直到运行按目标结束。") }</p>
                    { for par.map(|p| html! { <p data-testid="level-par">{ p }</p> }) }
                    { if reached {
                        html! { <p class="verdict good" data-testid="level-verdict" role="status">{ l.t("Goal reached: level solved!", "达成目标：关卡完成！") }</p> }
                    } else if m.over() {
                        html! { <p class="verdict bad" data-testid="level-verdict" role="status">{ l.t("The run ended, but not as the goal says: press Reset and try another order.", "运行结束了，但不符合目标：按重置，再试另一种顺序。") }</p> }
                    } else { html! {} } }
                </>
            }
        }
        Kind::Fix => {
            let check = play.check.as_ref().map(|c| c.borrow());
            let running = check.as_ref().is_some_and(|c| c.running());
            let side = |h: Option<&Histogram>, label: &'static str, testid: &'static str| {
                h.map(|h| {
                    html! {
                        <div class="hist-side">
                            <div class="stream-label muted">{ label }</div>
                            { histogram_table(h, l, testid) }
                            <p class="sub">{ h.sentence(zh) }</p>
                        </div>
                    }
                })
            };
            let result = check.as_ref().map(|c| {
                let (b, a) = (c.before.histogram.as_ref(), c.after.histogram.as_ref());
                // "forbidden outcome in 23 of 55 schedules → forbidden outcome in 0 of 3 schedules".
                let summary = match (b, a) {
                    (Some(b), Some(a)) => Some(html! {
                        <p data-testid="fix-summary" data-before={format!("{}/{}", b.forbidden(), b.schedules)}
                            data-after={format!("{}/{}", a.forbidden(), a.schedules)}>
                            { format!("{} → {}", b.sentence(zh), a.sentence(zh)) }
                        </p>
                    }),
                    _ => None,
                };
                let verdict = c.verdict().map(|fixed| {
                    if fixed {
                        html! { <p class="verdict good" data-testid="fix-verdict" role="status">{ l.t("FIXED", "已修好") }</p> }
                    } else {
                        html! { <p class="verdict bad" data-testid="fix-verdict" role="status">{ l.t("NOT FIXED", "未修好") }</p> }
                    }
                });
                html! {
                    <div class="fix-result">
                        { if c.running() { html! { <p class="sub">{ l.t("Searching every schedule…", "正在搜索所有调度…") }</p> } } else { html! {} } }
                        <div class="hist-pair">
                            { side(b, l.t("before (the level's program)", "之前（关卡的程序）"), "hist-before").unwrap_or_default() }
                            { side(a, l.t("after (your program)", "之后（你的程序）"), "hist-after").unwrap_or_default() }
                        </div>
                        { summary.unwrap_or_default() }
                        { verdict.unwrap_or_default() }
                    </div>
                }
            });
            html! {
                <>
                    <p class="muted">{ l.t("Edit the program, then check it: every schedule is searched.", "编辑程序，然后检查：会搜索所有调度。") }</p>
                    <button class="primary" disabled={running} onclick={ let on = on.clone(); move |_| on.emit(Action::CheckFix) }>
                        { l.t("Check my fix", "检查我的修复") }
                    </button>
                    { result.unwrap_or_default() }
                </>
            }
        }
        Kind::Predict => {
            let choices = level.choices.iter().enumerate().map(|(i, c)| {
                let on_pick = play.picks.get(i).copied().unwrap_or(false);
                let right = on_pick == level.answer.contains(c);
                let mark = play.predicted.then(|| {
                    if right {
                        html! { <span class="tag good" data-testid="choice-right">{ l.t("right", "对") }</span> }
                    } else {
                        html! { <span class="tag bad" data-testid="choice-wrong">{ l.t("wrong", "错") }</span> }
                    }
                });
                let onchange = {
                    let on = on.clone();
                    move |e: Event| {
                        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
                        on.emit(Action::PredictPick(i, input.checked()));
                    }
                };
                html! {
                    <li>
                        <label class="check">
                            <input type="checkbox" data-testid="choice" checked={on_pick} {onchange} />
                            <code>{ c.clone() }</code>
                        </label>
                        { " " }{ mark.unwrap_or_default() }
                    </li>
                }
            });
            let verdict = play.predicted.then(|| {
                if play.predicted_right() {
                    html! { <p class="verdict good" data-testid="predict-verdict" role="status">{ l.t("All right: these are exactly the possible outcomes.", "全对：这些正是所有可能的结果。") }</p> }
                } else {
                    html! { <p class="verdict bad" data-testid="predict-verdict" role="status">{ l.t("Not quite: run the program, or search its schedules, and try again.", "不完全对：运行程序或搜索调度，再试一次。") }</p> }
                }
            });
            html! {
                <>
                    <p class="muted">{ l.t("Tick every outcome some schedule can produce, then check.", "勾选某个调度可能产生的每一种结果，然后检查。") }</p>
                    <ul class="choices">{ for choices }</ul>
                    <button class="primary" onclick={ let on = on.clone(); move |_| on.emit(Action::CheckPredict) }>{ l.t("Check", "检查") }</button>
                    { verdict.unwrap_or_default() }
                </>
            }
        }
    };
    let hint = level.hint.as_ref().map(|h| {
        html! { <details class="hint"><summary>{ l.t("Hint", "提示") }</summary><p>{ h.get(zh).to_string() }</p></details> }
    });
    html! {
        <section class="card level-card" aria-label={l.t("Level", "关卡")} data-testid="level-card" data-level={level.id.clone()}>
            <h2>
                { title(level, l) }
                <span class="tag kind">{ level.kind.name(zh) }</span>
                <span class="tag primitive">{ level.primitive.clone() }</span>
                { if solved { html! { <span class="tag good" data-testid="level-solved">{ l.t("✓ solved", "✓ 已完成") }</span> } } else { html! {} } }
            </h2>
            <p>{ level.story.get(zh).to_string() }</p>
            <p><strong>{ l.t("Goal: ", "目标：") }</strong>{ level.goal.get(zh).to_string() }</p>
            { hint.unwrap_or_default() }
            { body }
            <p class="level-links">
                <button class="ghost small" onclick={ let on = on.clone(); move |_| on.emit(Action::ShowLevels(true)) }>{ l.t("All levels", "所有关卡") }</button>
                <button class="ghost small" onclick={ let on = on.clone(); move |_| on.emit(Action::CloseLevel) }>{ l.t("Leave the level", "离开关卡") }</button>
            </p>
        </section>
    }
}
