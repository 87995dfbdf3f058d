//! The event-loop card: for each asyncio loop, the thread running it, the ready queue (what
//! runs at the loop's next turn, in order), the timers by deadline, and every task with its
//! state, what it awaits and its coroutine stack; in manual mode, when the loop is about to
//! take a ready callback, a button per callback to run next (a task choice, as the threads
//! card offers threads). Invariant: as `panels`' — a pure function of the model, there from
//! the first step when a program uses asyncio.

use super::panels::{none_yet, thread_chip};
use super::state::{Action, Lang, Model};
use crate::sim::as_task_choice;
use yew::prelude::*;

fn state_label(l: Lang, state: &str) -> (&'static str, &'static str) {
    match state {
        "running" => (l.t("running", "运行中"), "running"),
        "ready" => (l.t("ready", "就绪"), "ready"),
        "waiting" => (l.t("waiting", "等待"), "blocked"),
        "done" => (l.t("done", "已完成"), "finished"),
        "cancelled" => (l.t("cancelled", "已取消"), "finished"),
        _ => (l.t("failed", "出错"), "finished"),
    }
}

pub fn event_loops(m: &Model, on: &Callback<Action>) -> Html {
    let l = m.lang;
    let v = &m.view;
    if !m.programs().iter().any(|p| p.source.contains("asyncio")) {
        return Html::default();
    }
    let title = l.t("Event loop", "事件循环");
    let blocks = v.event_loops.iter().map(|lp| {
        let tasks = lp.tasks.iter().map(|t| {
            let (label, class) = state_label(l, &t.state);
            let detail = match (&t.awaits, &t.outcome) {
                (Some(a), _) => html! { <>{ l.t("awaits ", "等待 ") }<code>{ a }</code></> },
                (None, Some(o)) => html! { <code>{ o }</code> },
                _ => Html::default(),
            };
            let stack = t.stack.iter().map(|f| html! { <span class="item"><code>{ f }</code></span> });
            html! {
                <tr>
                    <td class="c-thread"><code>{ &t.name }</code></td>
                    <td class="c-state"><span class={classes!("badge", class)}>{ label }</span></td>
                    <td class="detail">{ detail }<div class="items coro-stack">{ for stack }</div></td>
                </tr>
            }
        });
        // Manual mode: the loop's thread waits for the learner to pick its next callback.
        let choices: Vec<(u32, &String)> = m
            .runnable
            .iter()
            .filter(|_| m.manual)
            .filter_map(|&d| {
                let (tid, k) = as_task_choice(d)?;
                (Some(tid) == lp.tid).then_some((d, lp.ready.get(k as usize)?))
            })
            .collect();
        let ready: Vec<Html> = if choices.is_empty() {
            lp.ready.iter().map(|r| html! { <span class="item"><code>{ r }</code></span> }).collect()
        } else {
            choices
                .into_iter()
                .map(|(d, r)| {
                    let on = on.clone();
                    html! {
                        <button class="pick" onclick={move |_| on.emit(Action::Choose(d))}>
                            <span aria-hidden="true">{ "▶ " }</span>{ format!("{} {r} {}", l.t("Run", "运行"), l.t("next", "下一个")) }
                        </button>
                    }
                })
                .collect()
        };
        let timers: Vec<Html> =
            lp.timers.iter().map(|(at, what)| html! { <span class="item"><code>{ format!("{at} s: {what}") }</code></span> }).collect();
        let none = || html! { <span class="muted">{ l.t("none", "无") }</span> };
        html! {
            <div class="service">
                <h3>
                    { match lp.tid { Some(tid) => thread_chip(v, tid), None => html! { <span class="muted">{ l.t("not running", "未运行") }</span> } } }
                    { match &lp.current { Some(c) => format!(" · {} {c}", l.t("now running", "正在运行")), None => String::new() } }
                </h3>
                <div class="pool-row">
                    <div class="pool-label">{ l.t("Ready queue (next turn)", "就绪队列（下一轮）") }</div>
                    <div class="items">{ if ready.is_empty() { none() } else { html! { <>{ for ready }</> } } }</div>
                </div>
                <div class="pool-row">
                    <div class="pool-label">{ l.t("Timers (loop clock)", "定时器（循环时钟）") }</div>
                    <div class="items">{ if timers.is_empty() { none() } else { html! { <>{ for timers }</> } } }</div>
                </div>
                <table class="threads stack">
                    <thead><tr><th>{ l.t("task", "任务") }</th><th>{ l.t("state", "状态") }</th><th>{ l.t("awaits / coroutine stack", "等待 / 协程栈") }</th></tr></thead>
                    <tbody>{ for tasks }</tbody>
                </table>
            </div>
        }
    });
    html! {
        <section class="card pool loop-card" aria-label={title}>
            <h2>{ title }<span class="sub">{ l.t("one thread; tasks take turns at await", "单线程；任务在 await 处轮流运行") }</span></h2>
            { if v.event_loops.is_empty() { none_yet(l) } else { Html::default() } }
            { for blocks }
        </section>
    }
}
