//! The scenario picker (with the chosen scenario's explanation) and the run controls:
//! stepping buttons, speed, options and manual mode. Invariant: these components only
//! dispatch actions; every label has an accessible name (the buttons' names are the ones
//! the browser tests use).

use super::fmt_ns;
use super::state::{Action, Lang, Mode, Model, SPEEDS};
use crate::scenarios;
use crate::sim::stepper::StepBy;
use crate::sim::{Buffering, Gil, Policy, StopReason};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub model: Rc<Model>,
    pub on: Callback<Action>,
}

/// Topics in the order the table lists them, with their headings.
fn topics() -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for s in scenarios::all() {
        if !out.contains(&s.topic) {
            out.push(s.topic);
        }
    }
    out
}

fn topic_label(l: Lang, topic: &str) -> String {
    match topic {
        "processes" => l.t("Processes", "进程").into(),
        "threads" => l.t("Threads", "线程").into(),
        "locks" => l.t("Locks", "锁").into(),
        "network" => l.t("Network", "网络").into(),
        other => other.to_string(),
    }
}

/// A scenario's explanation: paragraphs, with `code` spans.
fn explanation(text: &str) -> Html {
    text.split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .map(|p| {
            let parts = p.trim().split('`').enumerate().map(|(i, part)| {
                if i % 2 == 1 {
                    html! { <code>{ part }</code> }
                } else {
                    html! { { part } }
                }
            });
            html! { <p>{ for parts }</p> }
        })
        .collect()
}

#[component]
pub fn Picker(p: &Props) -> Html {
    let m = &p.model;
    let l = m.lang;
    let s = m.scenario();
    let onchange = {
        let on = p.on.clone();
        move |e: Event| {
            let sel: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Ok(i) = sel.value().parse::<usize>() {
                on.emit(Action::Pick(i));
            }
        }
    };
    let groups = topics().into_iter().map(|topic| {
        let options = scenarios::all().iter().enumerate().filter(|(_, s)| s.topic == topic).map(|(i, s)| {
            let title = if l == Lang::Zh { s.title_zh } else { s.title_en };
            html! { <option value={i.to_string()} selected={i == m.scenario}>{ format!("{} — {}", s.name, title) }</option> }
        });
        html! { <optgroup label={topic_label(l, topic)}>{ for options }</optgroup> }
    });
    html! {
        <section class="picker card">
            <label class="picker-label">
                <span>{ l.t("Scenario", "场景") }</span>
                <select aria-label={l.t("Scenario", "场景")} {onchange}>{ for groups }</select>
            </label>
            // Scrolls on a phone (style.css), so it is keyboard-reachable.
            // A level's program replaces the scenario's: its card explains it instead.
            { if m.level.is_none() { html! {
                <div class="explain" tabindex="0" role="group" aria-label={l.t("About this scenario", "关于这个场景")}>
                    { explanation(if l == Lang::Zh { s.explain_zh } else { s.explain_en }) }
                </div>
            } } else { Html::default() } }
        </section>
    }
}

/// Number input that dispatches on change when its text parses.
fn number_field(label: &'static str, value: u64, min: u64, max: u64, on: Callback<u64>) -> Html {
    let onchange = move |e: Event| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        if let Ok(v) = input.value().trim().parse::<u64>() {
            on.emit(v.clamp(min, max));
        }
    };
    html! {
        <label class="field">
            <span>{ label }</span>
            <input type="number" min={min.to_string()} max={max.to_string()} value={value.to_string()} {onchange} />
        </label>
    }
}

fn stop_text(l: Lang, m: &Model) -> String {
    match &m.view.stop {
        None => String::new(),
        Some(StopReason::Exited) => {
            let code = m.view.processes.first().and_then(|p| p.exit_code).unwrap_or(0);
            format!("{} {code}", l.t("· finished, exit status", "· 已结束，退出状态"))
        }
        Some(StopReason::Deadlock { .. }) => {
            l.t("· deadlock: every thread is blocked", "· 死锁：所有线程都被阻塞").into()
        }
        Some(StopReason::BudgetExhausted { .. }) => l.t("· stopped: budget ran out", "· 已停止：预算用完").into(),
        Some(StopReason::CompileError) => l.t("· the program does not compile", "· 程序无法编译").into(),
    }
}

#[component]
pub fn Controls(p: &Props) -> Html {
    let m = &p.model;
    let l = m.lang;
    let on = &p.on;
    let act = |a: fn() -> Action| {
        let on = on.clone();
        Callback::from(move |_: MouseEvent| on.emit(a()))
    };
    let running = m.mode != Mode::Paused;
    let over = m.over();
    let at_start = m.view.step == 0 && m.view.partial == 0;
    let policy_change = {
        let on = on.clone();
        move |e: Event| {
            let sel: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Some(p) = Policy::parse(&sel.value()) {
                on.emit(Action::SetPolicy(p));
            }
        }
    };
    let gil_change = {
        let on = on.clone();
        move |e: Event| {
            let sel: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Some(g) = Gil::parse(&sel.value()) {
                on.emit(Action::SetGil(g));
            }
        }
    };
    let stdout_change = {
        let on = on.clone();
        move |e: Event| {
            let sel: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Some(b) = Buffering::parse(&sel.value()) {
                on.emit(Action::SetStdout(b));
            }
        }
    };
    let speed_change = {
        let on = on.clone();
        move |e: Event| {
            let sel: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Ok(i) = sel.value().parse::<usize>() {
                on.emit(Action::SetSpeed(i));
            }
        }
    };
    let manual_change = {
        let on = on.clone();
        move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            on.emit(Action::SetManual(input.checked()));
        }
    };
    let step_by_change = {
        let on = on.clone();
        move |e: Event| {
            let sel: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Some(by) = StepBy::parse(&sel.value()) {
                on.emit(Action::SetStepBy(by));
            }
        }
    };
    let library_change = {
        let on = on.clone();
        move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            on.emit(Action::SetLibrary(input.checked()));
        }
    };
    let step_by_label = |by: StepBy| match by {
        StepBy::Instruction => l.t("one instruction", "一条指令"),
        StepBy::Decision => l.t("one scheduling decision", "一次调度决定"),
        StepBy::Line => l.t("to the next line", "到下一行"),
        StepBy::Switch => l.t("to the next thread switch", "到下一次线程切换"),
        StepBy::Shared => l.t("to the next shared access", "到下一次访问共享数据"),
        StepBy::Event => l.t("to the next block, wake or write", "到下一次阻塞、唤醒或输出"),
        StepBy::Task => l.t("to the next asyncio task switch", "到下一次 asyncio 任务切换"),
    };
    let policy_label = |p: Policy| match p {
        Policy::Cpython => l.t("CPython-like (GIL switch interval)", "类 CPython（GIL 切换间隔）"),
        Policy::PreemptAny => l.t("preempt before any instruction", "任意指令前都可切换"),
        Policy::RoundRobin => l.t("round robin", "轮转"),
        Policy::Random => l.t("random slices", "随机时间片"),
    };
    let buffering = [
        (Buffering::Line, l.t("line (a terminal)", "按行（终端）")),
        (Buffering::Block, l.t("block (a pipe or file)", "按块（管道或文件）")),
        (Buffering::Unbuffered, l.t("unbuffered (python3 -u)", "无缓冲（python3 -u）")),
    ];
    let seed_cb = {
        let on = on.clone();
        Callback::from(move |v: u64| on.emit(Action::SetSeed(v)))
    };
    let cores_cb = {
        let on = on.clone();
        Callback::from(move |v: u64| on.emit(Action::SetCores(v as u32)))
    };
    // Two cards: the controls (sticky on a phone: keep them compact) and the options.
    html! {
        <>
        <section class="controls card" aria-label={l.t("Controls", "控制")}>
            <div class="buttons">
                <button onclick={act(|| Action::Back)} disabled={at_start} aria-label={l.t("Step back", "后退一步")}
                    title={l.t("Step back (←)", "后退一步（←）")}>{ "◀ " }{ l.t("Step back", "后退一步") }</button>
                <button class="primary" onclick={act(|| Action::Step)} disabled={over} aria-label={l.t("Step", "单步")}
                    title={l.t("Step (→): as far as “Step goes” says", "单步（→）：前进多少见“每步前进”")}>{ l.t("Step", "单步") }{ " ▶" }</button>
                <button onclick={act(|| Action::Run)} disabled={running || over} aria-label={l.t("Run", "运行")}
                    title={l.t("Run (space)", "运行（空格）")}>{ "▶▶ " }{ l.t("Run", "运行") }</button>
                <button onclick={act(|| Action::Pause)} disabled={!running} aria-label={l.t("Pause", "暂停")}
                    title={l.t("Pause (space)", "暂停（空格）")}>{ "‖ " }{ l.t("Pause", "暂停") }</button>
                <button onclick={act(|| Action::RunToEnd)} disabled={over || m.mode == Mode::ToEnd} aria-label={l.t("Run to end", "运行到结束")}>
                    { "⇥ " }{ l.t("Run to end", "运行到结束") }</button>
                <button onclick={act(|| Action::Reset)} disabled={at_start && !running} aria-label={l.t("Reset", "重置")}>
                    { "↺ " }{ l.t("Reset", "重置") }</button>
            </div>
            <div class="step-by">
                <label class="field">
                    <span>{ l.t("Step goes", "每步前进") }</span>
                    <select data-testid="step-by" onchange={step_by_change}>
                        { for StepBy::ALL.iter().map(|by| html! {
                            <option value={by.name()} selected={*by == m.step_by}>{ step_by_label(*by) }</option>
                        }) }
                    </select>
                </label>
                <label class="field check" title={l.t(
                    "Off: the libraries' own code (import threading, Thread.start…) runs through as one step",
                    "关闭时：库自身的代码（import threading、Thread.start……）作为一步执行完")}>
                    <input type="checkbox" data-testid="show-library" checked={m.library} onchange={library_change} />
                    <span>{ l.t("Show library code", "显示库代码") }</span>
                </label>
            </div>
            <p class="status" aria-live="polite">
                <span class="stat">{ l.t("step", "步") }{ " " }<b data-testid="step" data-partial={m.view.partial.to_string()}>{ m.view.step }</b>{
                    if m.view.partial > 0 {
                        html! { <span class="partial" title={l.t("instructions run into the current slice, which is paused", "当前时间片已运行的指令数（时间片暂停中）")}>{ format!(" +{}", m.view.partial) }</span> }
                    } else { html! {} }
                }</span>
                <span class="stat">{ l.t("virtual time", "虚拟时间") }{ " " }<b>{ fmt_ns(m.view.time_ns) }</b></span>
                <span class="stat">{ l.t("instructions", "指令数") }{ " " }<b data-testid="instructions">{ m.view.instructions }</b></span>
                <span class="stat stop" data-testid="stop">{ stop_text(l, m) }</span>
            </p>
            <label class="field check manual" title={l.t(
                "Each thread the machine lets you pick gets a “Run Tn next” button in the Threads card",
                "机器允许挑选的每个线程在“线程”卡片中都有一个“运行 Tn 下一个”按钮")}>
                <input type="checkbox" checked={m.manual} onchange={manual_change} />
                <span>{ l.t("Manual: I pick who runs next", "手动：由我决定下一个运行的线程") }</span>
            </label>
        </section>
        <section class="card options-card" aria-label={l.t("Options", "选项")}>
            <details class="options" open=true>
                <summary>{ l.t("Options (changing one restarts the run)", "选项（修改后从头运行）") }</summary>
                <div class="fields">
                    { number_field(l.t("Seed", "随机种子"), m.opts.seed, 0, u64::from(u32::MAX), seed_cb) }
                    { number_field(l.t("Cores", "CPU 核数"), u64::from(m.opts.cores), 1, 16, cores_cb) }
                    <label class="field">
                        <span>{ l.t("Scheduling policy", "调度策略") }</span>
                        <select onchange={policy_change}>
                            { for Policy::ALL.iter().map(|p| html! {
                                <option value={p.name()} selected={*p == m.opts.policy}>{ policy_label(*p) }</option>
                            }) }
                        </select>
                    </label>
                    <label class="field" title={l.t(
                        "Free-threaded CPython (3.13t, 3.14t) has no GIL: the threads of a process run at once on the cores, and an unlocked x += 1 can lose updates",
                        "自由线程版 CPython（3.13t、3.14t）没有 GIL：同一进程的线程同时在多个核上运行，不加锁的 x += 1 会丢失更新")}>
                        <span>{ "GIL" }</span>
                        <select onchange={gil_change} aria-label="GIL">
                            <option value="on" selected={m.opts.gil == Gil::On}>{ l.t("on (CPython 3.11)", "开（CPython 3.11）") }</option>
                            <option value="off" selected={m.opts.gil == Gil::Off}>{ l.t("off (free-threaded 3.13t)", "关（自由线程 3.13t）") }</option>
                        </select>
                    </label>
                    <label class="field">
                        <span>{ l.t("stdout buffering", "标准输出缓冲") }</span>
                        <select onchange={stdout_change}>
                            { for buffering.iter().map(|(b, label)| html! {
                                <option value={b.name()} selected={*b == m.opts.stdout}>{ *label }</option>
                            }) }
                        </select>
                    </label>
                    <label class="field" title={l.t(
                        "How many scheduling decisions Run makes between two redraws of the page (a tick)",
                        "“运行”在两次刷新页面（一拍）之间做多少次调度决定")}>
                        <span>{ l.t("Run speed", "运行速度") }</span>
                        <select onchange={speed_change}>
                            { for SPEEDS.iter().enumerate().map(|(i, n)| html! {
                                <option value={i.to_string()} selected={i == m.speed}>
                                    { format!("{n} {}", l.t("decisions / tick", "次决定 / 拍")) }
                                </option>
                            }) }
                        </select>
                    </label>
                </div>
            </details>
        </section>
        </>
    }
}
