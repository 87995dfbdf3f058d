//! "Find a breaking schedule" and "Open a real trace": the page's search for distinct
//! outcomes and its replay of a real run.
//!
//! The search is `explore::live::Search` (native code, tested and measured natively): DPOR
//! first while the program's schedules are short, which settles many programs exhaustively,
//! then PCT sampling stepped a few milliseconds per timer tick (one schedule of a program
//! like `no_lock` is millions of instructions); it stops by itself at a time, memory or
//! schedule budget and says why (`SearchStop`, shown in the progress line).
//! Invariant: the search never touches the model's stepper; a found outcome is loaded as a
//! replayed schedule (`RunOptions::replay`), the same as `concsim run --replay`.

use super::state::{Action, Model};
pub use crate::explore::live::Search;
use crate::sim::Decision;
use crate::trace::{Event as TraceEvent, EventKind};
use std::rc::Rc;
use yew::prelude::*;

/// How long one tick of the search may run (the page repaints and reads input between).
pub const SEARCH_SLICE_MS: f64 = 25.0;
/// A real run's trace as the page replays it: the decisions of its `run` events, what the
/// real world answered before each (clock readings, commands), and its main program's name.
pub struct RealTrace {
    pub events: Vec<TraceEvent>,
    pub decisions: Vec<Decision>,
    pub inputs: Vec<crate::sim::RealInputs>,
    pub program: Option<String>,
}

pub fn parse_trace(text: &str) -> Result<RealTrace, String> {
    let events = crate::trace::from_jsonl(text)?;
    let (decisions, inputs) = crate::check::replay_plan(&events);
    let program = events.iter().find_map(|e| match &e.kind {
        EventKind::ProcStart { name, .. } => Some(name.clone()),
        _ => None,
    });
    Ok(RealTrace { events, decisions, inputs, program })
}

/// Where the shown run came from, when it is not the policy's: a found schedule or a real
/// trace, with the decisions the timeline marks.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Marks {
    /// What is replayed (shown above the outcomes).
    pub label: String,
    /// All the preemptions of the schedule (the running thread changed while the previous one
    /// could go on).
    pub preemptions: u32,
    /// The decisions of those that matter (marked on the timeline).
    pub matter_at: Vec<usize>,
    /// A real trace's first divergence from the simulator: (decision, what differs).
    pub divergence: Option<(usize, String)>,
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub model: Rc<Model>,
    pub on: Callback<Action>,
}

/// A line diff of `b` against `a` (longest common subsequence): each line of either with
/// ' ' (in both), '-' (only in `a`) or '+' (only in `b`). Outputs too long for the table
/// come back as all of `a` removed and all of `b` added.
fn line_diff<'a>(a: &'a str, b: &'a str) -> Vec<(char, &'a str)> {
    let (x, y): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
    let (n, m) = (x.len(), y.len());
    if n.saturating_mul(m) > 4_000_000 {
        return x.iter().map(|l| ('-', *l)).chain(y.iter().map(|l| ('+', *l))).collect();
    }
    // lcs[i][j]: the longest common subsequence of x[i..] and y[j..].
    let mut lcs = vec![0u32; (n + 1) * (m + 1)];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[at(i, j)] =
                if x[i] == y[j] { lcs[at(i + 1, j + 1)] + 1 } else { lcs[at(i + 1, j)].max(lcs[at(i, j + 1)]) };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < n || j < m {
        if i < n && j < m && x[i] == y[j] {
            out.push((' ', x[i]));
            i += 1;
            j += 1;
        } else if i < n && (j == m || lcs[at(i + 1, j)] >= lcs[at(i, j + 1)]) {
            out.push(('-', x[i]));
            i += 1;
        } else {
            out.push(('+', y[j]));
            j += 1;
        }
    }
    out
}

/// One stream of an outcome, whole, in a keyboard-scrollable box.
fn stream_box(label: &str, text: &str, class: &'static str) -> Html {
    html! {
        <div class="stream">
            <div class="stream-label muted">{ label.to_string() }</div>
            <pre class={classes!("outcome-text", class)} tabindex="0" aria-label={label.to_string()}>{ text.to_string() }</pre>
        </div>
    }
}

/// The diff of one stream against the expected outcome's, if they differ.
fn diff_box(label: &str, expected: &str, got: &str) -> Html {
    if expected == got {
        return html! {};
    }
    let lines = line_diff(expected, got).into_iter().map(|(k, line)| {
        let class = match k {
            '-' => "del",
            '+' => "add",
            _ => "same",
        };
        html! { <span class={classes!("dl", class)}>{ format!("{k} {line}") }</span> }
    });
    html! {
        <div class="stream">
            <div class="stream-label muted">{ label.to_string() }</div>
            <pre class="outcome-text diff" tabindex="0" aria-label={label.to_string()} data-testid="outcome-diff">{ for lines }</pre>
        </div>
    }
}

/// The search's button (with why it is off, if it is), progress and outcomes — each whole,
/// with a diff against the one the learner marks expected (the first found until then) — and
/// the real trace's file input, verdict or error.
#[component]
pub fn FindPanel(p: &Props) -> Html {
    let m = &p.model;
    let l = m.lang;
    let on = &p.on;
    let multi_host = m.scenario().hosts.len() > 1;
    // The outcome marked expected, for the search it was marked in.
    let marked = use_state(|| (0usize, None::<usize>));
    let search_id = m.search.as_ref().map(|s| Rc::as_ptr(s) as usize).unwrap_or(0);
    let search = m.search.as_ref().map(|s| s.borrow());
    let running = search.as_ref().is_some_and(|s| s.running);
    let why_off = multi_host.then(|| {
        l.t(
            "The search runs one program on one host; this scenario runs programs on several hosts.",
            "搜索只能在一台主机上运行一个程序；这个场景在多台主机上运行多个程序。",
        )
    });
    let button = if running {
        html! { <button onclick={ let on = on.clone(); move |_| on.emit(Action::FindStop) }>{ l.t("Stop searching", "停止搜索") }</button> }
    } else {
        html! {
            <button disabled={multi_host} title={why_off} aria-describedby={why_off.map(|_| "find-why")}
                onclick={ let on = on.clone(); move |_| on.emit(Action::FindStart) }>
                { l.t("Find a breaking schedule", "寻找出错的调度") }
            </button>
        }
    };
    let why = why_off.map(|w| html! { <p class="find-why muted" id="find-why" data-testid="find-why">{ w }</p> });
    let progress = search.as_ref().map(|s| {
        html! {
            // The page's linear memory, for the browser test that bounds it while searching.
            <span class="sub" data-testid="search-progress" data-wasm-bytes={crate::explore::live::memory_in_use().to_string()}>
                { format!("{} {} · {} {}", s.schedules(), l.t("schedules tried", "个调度已尝试"), s.outcomes().len(), l.t("distinct outcomes", "种不同结果")) }
                { format!(" · {:.0} {}", s.per_second(), l.t("schedules/s", "个调度/秒")) }
                { if s.cut() > 0 { format!(" · {} {}", s.cut(), l.t("cut by the per-schedule budget", "个被单个调度的预算截断")) } else { String::new() } }
                { if s.more_outcomes() > 0 { format!(" · {} {}", s.more_outcomes(), l.t("more distinct outcomes found, not kept", "种其他结果已发现但未保留")) } else { String::new() } }
                { if s.running { l.t(" · searching…", " · 搜索中…") } else { "" } }
                { for s.stop_reason().map(|r| html! { <span data-testid="search-stop">{ format!(" · {}", r.text(l == super::state::Lang::Zh)) }</span> }) }
            </span>
        }
    });
    let outcomes = search.as_ref().filter(|s| !s.outcomes().is_empty()).map(|s| {
        let expected = match *marked {
            (id, Some(i)) if id == search_id && i < s.outcomes().len() => i,
            _ => 0,
        };
        let chosen = marked.0 == search_id && marked.1.is_some();
        let e = &s.outcomes()[expected];
        let items = s.outcomes().iter().enumerate().map(|(i, o)| {
            let is_expected = i == expected;
            let same = o.stdout == e.stdout && o.stderr == e.stderr;
            let tag = if is_expected {
                html! { <span class="tag expected">{ if chosen { l.t("expected", "预期") } else { l.t("expected (first found)", "预期（最先找到的）") } }</span> }
            } else if same {
                html! { <span class="tag">{ l.t("same output as expected, other exit status", "输出与预期相同，退出状态不同") }</span> }
            } else {
                html! { <span class="tag differs">{ l.t("differs from expected", "与预期不同") }</span> }
            };
            let mark = {
                let marked = marked.clone();
                move |_: MouseEvent| marked.set((search_id, Some(i)))
            };
            let summary = format!(
                "#{} · {} {} · {} {} · {} {}",
                i + 1,
                l.t("exit status", "退出状态"),
                o.exit_code,
                o.count,
                l.t("schedules", "个调度"),
                o.preemptions,
                l.t("preemptions", "次抢占"),
            );
            let stderr = (!o.stderr.is_empty()).then(|| stream_box("stderr", &o.stderr, "stderr"));
            let diffs = (!is_expected).then(|| {
                html! {
                    <>
                        { diff_box(l.t("stdout: diff against the expected (− expected, + this one)", "stdout：与预期的差异（− 预期，+ 本结果）"), &e.stdout, &o.stdout) }
                        { diff_box(l.t("stderr: diff against the expected", "stderr：与预期的差异"), &e.stderr, &o.stderr) }
                    </>
                }
            });
            html! {
                <li class={classes!("outcome-item", is_expected.then_some("is-expected"))} data-testid="outcome">
                    <details open=true>
                        <summary>{ summary }{ " " }{ tag }</summary>
                        <div class="outcome-buttons">
                            <button class="small outcome" data-stdout={o.stdout.clone()}
                                onclick={ let on = on.clone(); move |_| on.emit(Action::LoadOutcome(i)) }>
                                { format!("{} #{}", l.t("Replay schedule", "重放调度"), i + 1) }
                            </button>
                            <button class="small ghost mark-expected" aria-pressed={(is_expected && chosen).to_string()} onclick={mark}>
                                { format!("{} #{} {}", l.t("Mark", "将"), i + 1, l.t("expected", "标为预期")) }
                            </button>
                        </div>
                        { stream_box("stdout", &o.stdout, "stdout") }
                        { stderr.unwrap_or_default() }
                        { diffs.unwrap_or_default() }
                    </details>
                </li>
            }
        });
        html! {
            <ol class="outcomes" data-testid="outcomes">{ for items }</ol>
        }
    });
    let onchange = {
        let on = on.clone();
        move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Some(f) = input.files().and_then(|fs| fs.get(0)) {
                super::source::load_file(f, on.clone());
            }
            input.set_value("");
        }
    };
    let trace_error = m.trace_error.as_ref().map(|e| {
        html! {
            <p class="trace-error" role="alert" data-testid="trace-error">
                <strong>{ l.t("This trace cannot be replayed: ", "无法重放这个轨迹：") }</strong>{ e.clone() }
            </p>
        }
    });
    let marks = m.marks.as_deref().map(|k| {
        let div = k.divergence.as_ref().map(|(d, what)| {
            let d = *d;
            html! {
                <p class="divergence" data-testid="divergence">
                    <strong>{ format!("{} {d}: ", l.t("Diverges from the simulator at decision", "与模拟器出现分歧，位于第几次决定：")) }</strong>
                    { what.clone() }
                    { " " }
                    <button class="ghost" onclick={ let on = on.clone(); move |_| on.emit(Action::Seek(d)) }>{ l.t("Go there", "跳到那里") }</button>
                </p>
            }
        });
        html! {
            <div class="replaying" data-testid="replaying">
                <span>{ format!("{} {}", l.t("Replaying", "正在重放"), k.label) }</span>
                { for (k.preemptions > 0).then(|| html! {
                    <span class="sub" data-testid="preemptions">{ format!(
                        " · {} {}, {} {}",
                        k.preemptions,
                        l.t("preemptions", "次抢占"),
                        k.matter_at.len(),
                        l.t("that matter (marked ▼ on the timeline: they reorder steps that do not commute)", "次关键（时间线上以 ▼ 标出：它们调换了不可交换的步骤）")
                    ) }</span>
                }) }
                { div.unwrap_or_default() }
            </div>
        }
    });
    html! {
        <section class="card find" aria-label={ l.t("Search and real traces", "搜索与真实轨迹") }>
            <div class="find-row">
                { button }
                { progress.unwrap_or_default() }
                <label class="button small trace-pick">
                    { l.t("Open a real trace (.jsonl)", "打开真实运行轨迹（.jsonl）") }
                    <input type="file" accept=".jsonl,application/jsonl" {onchange} />
                </label>
            </div>
            { why.unwrap_or_default() }
            { trace_error.unwrap_or_default() }
            { marks.unwrap_or_default() }
            { outcomes.unwrap_or_default() }
        </section>
    }
}
