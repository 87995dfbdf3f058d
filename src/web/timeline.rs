//! The timeline: a lane per thread over virtual time, drawn on a canvas from the model's
//! `Timeline` (the run's horizon), with a lane per asyncio task under the thread running its
//! loop. Slices already taken are solid, slices still to come (seen
//! before stepping back) faint; ticks mark blocks, wakes and writes; a cursor marks the
//! current step. Wheel zooms around the pointer (shift+wheel pans), dragging pans, a click
//! seeks to the decision at or just before that moment. The canvas is focusable (a slider
//! over the decisions): ← and → move one decision, Home and End go to the ends.
//!
//! Invariant: drawing costs about one binary search per lit pixel, not per slice — slices
//! narrower than a pixel merge into one bar — so a run of millions of slices draws as fast
//! as a short one. The component only dispatches `Seek`.

use super::fmt_ns;
use super::state::{Action, Model};
use crate::sim::timeline::{Slice, Timeline};
use gloo_events::{EventListener, EventListenerOptions};
use gloo_timers::callback::Timeout;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub model: Rc<Model>,
    pub on: Callback<Action>,
}

/// Width of the lane labels, left of the plot (CSS pixels).
const LABEL_W: f64 = 150.0;
const AXIS_H: f64 = 20.0;
const LANE_H: f64 = 18.0;
/// The narrowest window one can zoom to (ns).
const MIN_SPAN: f64 = 100.0;

/// The visible window of virtual time; `fit` follows the whole horizon as it grows.
#[derive(Clone, Copy, Debug)]
struct Win {
    fit: bool,
    t0: f64,
    t1: f64,
}

impl Win {
    fn span(&self) -> f64 {
        self.t1 - self.t0
    }

    /// Zooms by `factor` (< 1 zooms in) keeping time `at` under the same pixel, inside
    /// [0, end].
    fn zoom(&mut self, factor: f64, at: f64, end: f64) {
        let span = (self.span() * factor).clamp(MIN_SPAN, end.max(MIN_SPAN));
        let frac = ((at - self.t0) / self.span()).clamp(0.0, 1.0);
        self.t0 = at - frac * span;
        self.t1 = self.t0 + span;
        self.clamp(end);
        self.fit = self.t0 <= 0.0 && self.t1 >= end;
    }

    fn pan(&mut self, dt: f64, end: f64) {
        self.t0 += dt;
        self.t1 += dt;
        self.clamp(end);
    }

    fn clamp(&mut self, end: f64) {
        let span = self.span();
        let end = end.max(span);
        if self.t0 < 0.0 {
            self.t0 = 0.0;
            self.t1 = span;
        }
        if self.t1 > end {
            self.t1 = end;
            self.t0 = end - span;
        }
    }
}

/// The rows drawn, top to bottom: each thread's lane (index into `lanes`), then its tasks'.
fn rows(tl: &Timeline) -> Vec<(usize, Option<usize>)> {
    let mut out = Vec::new();
    for (i, lane) in tl.lanes.iter().enumerate() {
        out.push((i, None));
        out.extend((0..lane.tasks.len()).map(|k| (i, Some(k))));
    }
    out
}

/// The slices of a row (see `rows`).
fn row_slices(tl: &Timeline, (i, task): (usize, Option<usize>)) -> &[Slice] {
    match task {
        Some(k) => &tl.lanes[i].tasks[k].slices,
        None => &tl.lanes[i].slices,
    }
}

/// The horizon's end as a window end (never an empty window).
fn end_of(tl: &Timeline) -> f64 {
    (tl.end_ns as f64).max(1_000.0)
}

#[component]
pub fn TimelineView(p: &Props) -> Html {
    let m = &p.model;
    let l = m.lang;
    let canvas = use_node_ref();
    let win = use_mut_ref(|| Win { fit: true, t0: 0.0, t1: 1.0 });
    let end = use_mut_ref(|| Cell::new(1_000.0f64));
    let drag = use_mut_ref(|| None::<(f64, f64, bool)>);
    let redraw = use_force_update();
    let hover = use_state(|| None::<String>);
    // A new run (another scenario, program or options) starts fitted to its whole length.
    let shown = use_mut_ref(|| 0usize);
    {
        let id = Rc::as_ptr(&m.timeline) as usize;
        let mut shown = shown.borrow_mut();
        if *shown != id {
            *shown = id;
            win.borrow_mut().fit = true;
        }
    }
    let (lanes, decisions, task) = {
        let tl = m.timeline.borrow();
        end.borrow().set(end_of(&tl));
        (rows(&tl).len(), tl.decisions, tl.task_at(m.view.step).unwrap_or_default().to_string())
    };
    {
        let mut w = win.borrow_mut();
        let e = end.borrow().get();
        if w.fit {
            w.t0 = 0.0;
            w.t1 = e;
        } else {
            w.clamp(e);
        }
    }

    // Draw after every render (the model changed, or the window did) — in a task of its own,
    // after every effect of this render has run (the page's theme attribute is set by the
    // root's effect, which runs after this one), and a newer render cancels an older draw.
    {
        let canvas = canvas.clone();
        let model = m.clone();
        let w = *win.borrow();
        use_effect(move || {
            let pending = Timeout::new(0, move || {
                if let Some(c) = canvas.cast::<HtmlCanvasElement>() {
                    let t = now_ms();
                    draw(&c, &model, w);
                    let _ = c.set_attribute("data-draw-ms", &format!("{:.2}", now_ms() - t));
                }
            });
            move || drop(pending)
        });
    }

    // The wheel zooms (or pans with shift, or a sideways wheel); it must not scroll the page,
    // so the listener is not passive.
    {
        let canvas = canvas.clone();
        let win = win.clone();
        let end = end.clone();
        let redraw = redraw.clone();
        use_effect_with((), move |_| {
            let listener = canvas.cast::<HtmlCanvasElement>().map(|c| {
                let target = c.clone();
                EventListener::new_with_options(&c, "wheel", EventListenerOptions::enable_prevent_default(), move |e| {
                    let Some(e) = e.dyn_ref::<web_sys::WheelEvent>() else { return };
                    let width = f64::from(target.client_width()) - LABEL_W;
                    let x = f64::from(e.offset_x()) - LABEL_W;
                    if width <= 0.0 {
                        return;
                    }
                    e.prevent_default();
                    let end = end.borrow().get();
                    let mut w = win.borrow_mut();
                    let (dx, dy) = (e.delta_x(), e.delta_y());
                    if e.shift_key() || dx.abs() > dy.abs() {
                        let d = if dx.abs() > dy.abs() { dx } else { dy };
                        let dt = d / width * w.span();
                        w.fit = false;
                        w.pan(dt, end);
                    } else {
                        let at = w.t0 + x.max(0.0) / width * w.span();
                        w.zoom((dy * 0.002).exp(), at, end);
                    }
                    drop(w);
                    redraw.force_update();
                })
            });
            move || drop(listener)
        });
    }

    // A resized window changes the canvas's width: draw again.
    {
        let redraw = redraw.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|w| EventListener::new(&w, "resize", move |_| redraw.force_update()));
            move || drop(listener)
        });
    }

    let time_at = {
        let win = win.clone();
        let canvas = canvas.clone();
        move |x: f64| -> Option<f64> {
            let c = canvas.cast::<HtmlCanvasElement>()?;
            let width = f64::from(c.client_width()) - LABEL_W;
            let w = win.borrow();
            (x >= LABEL_W && width > 0.0).then(|| w.t0 + (x - LABEL_W) / width * w.span())
        }
    };
    let onpointerdown = {
        let drag = drag.clone();
        let win = win.clone();
        Callback::from(move |e: PointerEvent| {
            *drag.borrow_mut() = Some((f64::from(e.offset_x()), win.borrow().t0, false));
        })
    };
    let onpointermove = {
        let drag = drag.clone();
        let win = win.clone();
        let canvas = canvas.clone();
        let end = end.clone();
        let redraw = redraw.clone();
        let hover = hover.clone();
        let time_at = time_at.clone();
        let model = m.clone();
        Callback::from(move |e: PointerEvent| {
            let x = f64::from(e.offset_x());
            let mut d = drag.borrow_mut();
            if let (Some((x0, t0, moved)), Some(c)) = (d.as_mut(), canvas.cast::<HtmlCanvasElement>()) {
                if e.buttons() & 1 == 1 && ((x - *x0).abs() > 3.0 || *moved) {
                    *moved = true;
                    let width = f64::from(c.client_width()) - LABEL_W;
                    let mut w = win.borrow_mut();
                    let dt = (*x0 - x) / width * w.span();
                    let shift = *t0 + dt - w.t0;
                    w.fit = false;
                    w.pan(shift, end.borrow().get());
                    drop(w);
                    redraw.force_update();
                    return;
                }
            }
            drop(d);
            let lane = ((f64::from(e.offset_y()) - AXIS_H) / LANE_H).floor();
            let text = time_at(x).map(|t| {
                let tl = model.timeline.borrow();
                let l = model.lang;
                let t = t.max(0.0) as u64;
                let n = tl.decision_at(t);
                let mut text = format!("{} {} → {} {n}", l.t("at", "时刻"), fmt_ns(t), l.t("step", "步"));
                // The slice under the pointer, if any.
                let slice = (lane >= 0.0).then(|| rows(&tl).get(lane as usize).copied()).flatten().and_then(|row| {
                    let slices = row_slices(&tl, row);
                    let k = slices.partition_point(|s| s.start <= t);
                    let s = slices.get(k.checked_sub(1)?).filter(|s| s.end() >= t)?;
                    let lane = &tl.lanes[row.0];
                    Some((lane.tid, lane.pid, s.dur, s.decision))
                });
                if let Some((tid, pid, dur, d)) = slice {
                    text += &format!(
                        " · T{tid} (pid {pid}) {} {} ({} {}, {} {})",
                        l.t("ran", "运行了"),
                        fmt_ns(u64::from(dur)),
                        u64::from(dur) / crate::limits::NS_PER_STEP,
                        l.t("instructions", "条指令"),
                        l.t("decision", "决定"),
                        d + 1
                    );
                }
                text
            });
            hover.set(text);
        })
    };
    let onpointerup = {
        let drag = drag.clone();
        let on = p.on.clone();
        let model = m.clone();
        let time_at = time_at.clone();
        Callback::from(move |e: PointerEvent| {
            let Some((_, _, moved)) = drag.borrow_mut().take() else { return };
            if moved {
                return;
            }
            if let Some(t) = time_at(f64::from(e.offset_x())) {
                let n = model.timeline.borrow().decision_at(t.max(0.0) as u64);
                on.emit(Action::Seek(n));
            }
        })
    };
    let onpointerleave = {
        let drag = drag.clone();
        let hover = hover.clone();
        Callback::from(move |_: PointerEvent| {
            drag.borrow_mut().take();
            hover.set(None);
        })
    };
    let button = |label: &'static str, text: &'static str, f: fn(&mut Win, f64)| {
        let win = win.clone();
        let end = end.clone();
        let redraw = redraw.clone();
        let onclick = move |_: MouseEvent| {
            f(&mut win.borrow_mut(), end.borrow().get());
            redraw.force_update();
        };
        html! { <button class="ghost small" aria-label={label} title={label} {onclick}>{ text }</button> }
    };
    // From the keyboard: ← and → go one decision back and forth along the horizon, Home and
    // End to its ends (the canvas is focusable; the page's own arrow keys leave it alone).
    let onkeydown = {
        let on = p.on.clone();
        let step = m.view.step as usize;
        Callback::from(move |e: KeyboardEvent| {
            let to = match e.key().as_str() {
                "ArrowLeft" => step.saturating_sub(1),
                "ArrowRight" => step + 1,
                "Home" => 0,
                "End" => decisions.max(step),
                _ => return,
            };
            e.prevent_default();
            if to != step {
                on.emit(Action::Seek(to));
            }
        })
    };
    let height = AXIS_H + LANE_H * lanes.max(1) as f64 + 4.0;
    let w = *win.borrow();
    html! {
        <section class="card timeline-card" aria-label={l.t("Timeline", "时间线")}>
            <h2>{ l.t("Timeline", "时间线") }
                <span class="sub">{ format!("{decisions} {} · {} {} – {}", l.t("slices", "个时间片"), l.t("showing", "显示"), fmt_ns(w.t0 as u64), fmt_ns(w.t1 as u64)) }</span>
                <span class="tl-buttons">
                    { button(l.t("Zoom in", "放大"), "+", |w, e| { let at = (w.t0 + w.t1) / 2.0; w.zoom(0.5, at, e) }) }
                    { button(l.t("Zoom out", "缩小"), "−", |w, e| { let at = (w.t0 + w.t1) / 2.0; w.zoom(2.0, at, e) }) }
                    { button(l.t("Fit", "全部"), "⤢", |w, e| { *w = Win { fit: true, t0: 0.0, t1: e } }) }
                </span>
            </h2>
            <canvas ref={canvas} class="timeline" data-testid="timeline" data-task={task} style={format!("height: {height}px")}
                role="slider" tabindex="0" aria-orientation="horizontal"
                aria-valuemin="0" aria-valuemax={decisions.max(m.view.step as usize).to_string()} aria-valuenow={m.view.step.to_string()}
                aria-valuetext={format!("{} {} {}", l.t("step", "步"), m.view.step, fmt_ns(m.view.time_ns))}
                aria-label={l.t("Timeline: one lane per thread, and per asyncio task under its thread; ← → move one decision, Home and End to the ends; click a moment to go there", "时间线：每个线程一条泳道，asyncio 任务在其线程下各一条；← → 移动一次决定，Home、End 跳到两端；点击某一时刻跳转到那里")}
                {onpointerdown} {onpointermove} {onpointerup} {onpointerleave} {onkeydown} />
            <p class="tl-legend muted">
                <span>{ l.t("solid: done · faint: still to come · ", "实心：已执行 · 浅色：尚未执行 · ") }</span>
                <span class="leg block" aria-hidden="true">{ "▮" }</span>{ l.t(" blocks ", " 阻塞 ") }
                <span class="leg wake" aria-hidden="true">{ "▮" }</span>{ l.t(" wakes ", " 唤醒 ") }
                <span class="leg write">{ "•" }</span>{ l.t(" writes · wheel: zoom, shift+wheel or drag: scroll, click: go there", " 输出 · 滚轮缩放，Shift+滚轮或拖动平移，点击跳转") }
                { for (*hover).clone().map(|h| html! { <span class="tl-hover">{ format!(" · {h}") }</span> }) }
            </p>
        </section>
    }
}

fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}

fn draw(c: &HtmlCanvasElement, m: &Model, w: Win) {
    let Some(window) = web_sys::window() else { return };
    let dpr = window.device_pixel_ratio().max(1.0);
    let css_w = f64::from(c.client_width());
    let css_h = f64::from(c.client_height());
    let (pw, ph) = ((css_w * dpr) as u32, (css_h * dpr) as u32);
    if c.width() != pw {
        c.set_width(pw);
    }
    if c.height() != ph {
        c.set_height(ph);
    }
    let Ok(Some(ctx)) = c.get_context("2d") else { return };
    let Ok(ctx) = ctx.dyn_into::<CanvasRenderingContext2d>() else { return };
    let style = window.get_computed_style(c).ok().flatten();
    let var = |name: &str, fallback: &str| {
        style
            .as_ref()
            .and_then(|s| s.get_property_value(name).ok())
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
            .unwrap_or_else(|| fallback.to_string())
    };
    let (ink, muted, line, err, bg) = (
        var("--ink", "#1d2330"),
        var("--muted", "#677085"),
        var("--line", "#dde1e8"),
        var("--err", "#b3261e"),
        var("--card", "#fff"),
    );
    let green = var("--t2", "#2b8a3e");
    let palette: Vec<String> = (0..8).map(|k| var(&format!("--t{k}"), "#2f6fde")).collect();
    let _ = ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
    ctx.set_fill_style_str(&bg);
    ctx.fill_rect(0.0, 0.0, css_w, css_h);
    let plot_w = css_w - LABEL_W;
    if plot_w <= 10.0 {
        return;
    }
    let span = w.span().max(1.0);
    let x_of = |t: f64| LABEL_W + (t - w.t0) / span * plot_w;
    let t_of = |x: f64| w.t0 + (x - LABEL_W) / plot_w * span;
    ctx.set_font("11px system-ui, sans-serif");
    ctx.set_text_baseline("middle");

    // Time axis: ticks at 1, 2 or 5 × 10^k ns, about every 90 px.
    let raw = span / (plot_w / 90.0);
    let pow = 10f64.powf(raw.log10().floor());
    let tick = [1.0, 2.0, 5.0, 10.0].iter().map(|k| k * pow).find(|s| *s >= raw).unwrap_or(10.0 * pow);
    let mut t = (w.t0 / tick).ceil() * tick;
    ctx.set_fill_style_str(&muted);
    ctx.set_stroke_style_str(&line);
    ctx.set_line_width(1.0);
    while t <= w.t1 {
        let x = x_of(t).round() + 0.5;
        ctx.begin_path();
        ctx.move_to(x, AXIS_H - 4.0);
        ctx.line_to(x, css_h);
        ctx.stroke();
        let _ = ctx.fill_text(&fmt_ns(t as u64), x + 3.0, AXIS_H / 2.0);
        t += tick;
    }

    let tl = m.timeline.borrow();
    let step = m.view.step as u32;
    let t0 = w.t0.max(0.0) as u64;
    let t1 = w.t1.ceil() as u64;
    let rows = rows(&tl);
    for (r, &row) in rows.iter().enumerate() {
        let lane = &tl.lanes[row.0];
        if lane.tid == 0 {
            continue;
        }
        let y = AXIS_H + LANE_H * r as f64;
        let colour = &palette[((lane.tid.max(1) - 1) % 8) as usize];
        // Label: a task's is indented under its thread's, its bars thinner.
        ctx.set_fill_style_str(colour);
        let (mut label, x, inset) = match row.1 {
            Some(k) => (format!("↳ {}", lane.tasks[k].name), 26.0, 6.0),
            None => {
                ctx.fill_rect(4.0, y + 4.0, 8.0, LANE_H - 8.0);
                (format!("T{} {}", lane.tid, lane.name), 16.0, 3.0)
            }
        };
        ctx.set_fill_style_str(&ink);
        if label.chars().count() > 20 {
            label = label.chars().take(19).collect::<String>() + "…";
        }
        let _ = ctx.fill_text(&label, x, y + LANE_H / 2.0);
        // Slices: done ones solid, the ones still to come faint.
        let slices = row_slices(&tl, row);
        let split = slices.partition_point(|s| s.decision < step);
        ctx.set_fill_style_str(colour);
        bars(&ctx, &slices[..split], t0, t1, &x_of, &t_of, y + inset, LANE_H - 2.0 * inset);
        ctx.set_global_alpha(0.28);
        bars(&ctx, &slices[split..], t0, t1, &x_of, &t_of, y + inset, LANE_H - 2.0 * inset);
        ctx.set_global_alpha(1.0);
        if row.1.is_some() {
            continue;
        }
        // Marks.
        ctx.set_fill_style_str(&err);
        ticks(&ctx, &lane.blocks, t0, t1, &x_of, &t_of, y + LANE_H / 2.0, LANE_H / 2.0 - 1.0, 2.0);
        ctx.set_fill_style_str(&green);
        ticks(&ctx, &lane.wakes, t0, t1, &x_of, &t_of, y + 1.0, LANE_H / 2.0 - 1.0, 2.0);
        ctx.set_fill_style_str(&ink);
        ticks(&ctx, &lane.writes, t0, t1, &x_of, &t_of, y + LANE_H / 2.0 - 1.5, 3.0, 3.0);
    }
    // Marks of a replayed schedule: its preemptions that matter (▼) and a real trace's first divergence
    // (a red line), each at the start of its decision's slice, in its thread's lane.
    if let Some(marks) = m.marks.as_deref() {
        let at = |d: usize| {
            rows.iter().enumerate().filter(|(_, r)| r.1.is_none()).find_map(|(i, &(l, _))| {
                let l = &tl.lanes[l];
                let k = l.slices.partition_point(|s| (s.decision as usize) < d);
                l.slices.get(k).filter(|s| s.decision as usize == d).map(|s| (i, s.start))
            })
        };
        ctx.set_fill_style_str(&ink);
        for &d in &marks.matter_at {
            let Some((i, t)) = at(d) else { continue };
            if (t as f64) < w.t0 || (t as f64) > w.t1 {
                continue;
            }
            let (x, y) = (x_of(t as f64).round(), AXIS_H + LANE_H * i as f64);
            ctx.begin_path();
            ctx.move_to(x - 4.0, y);
            ctx.line_to(x + 4.0, y);
            ctx.line_to(x, y + 6.0);
            ctx.close_path();
            ctx.fill();
        }
        if let Some((i, t)) = marks.divergence.as_ref().and_then(|(d, _)| at(*d)) {
            if (t as f64) >= w.t0 && (t as f64) <= w.t1 {
                let (x, y) = (x_of(t as f64).round(), AXIS_H + LANE_H * i as f64);
                ctx.set_fill_style_str(&err);
                ctx.fill_rect(x - 1.5, y, 3.0, LANE_H);
            }
        }
    }
    // The cursor: where the current step stands.
    let now = tl.cursor(m.view.step) as f64;
    if now >= w.t0 && now <= w.t1 {
        let x = x_of(now).round();
        ctx.set_fill_style_str(&ink);
        ctx.fill_rect(x - 1.0, AXIS_H - 6.0, 2.0, css_h - AXIS_H + 6.0);
        ctx.begin_path();
        ctx.move_to(x - 5.0, AXIS_H - 8.0);
        ctx.line_to(x + 5.0, AXIS_H - 8.0);
        ctx.line_to(x, AXIS_H - 2.0);
        ctx.close_path();
        ctx.fill();
    }
}

/// Bars for the slices in [t0, t1]; slices closer than a pixel merge, so the work is one
/// binary search per bar drawn.
#[allow(clippy::too_many_arguments)]
fn bars(
    ctx: &CanvasRenderingContext2d,
    s: &[Slice],
    t0: u64,
    t1: u64,
    x_of: &dyn Fn(f64) -> f64,
    t_of: &dyn Fn(f64) -> f64,
    y: f64,
    h: f64,
) {
    let mut i = s.partition_point(|q| q.end() < t0);
    while i < s.len() && s[i].start <= t1 {
        let a = x_of(s[i].start as f64).max(LABEL_W);
        let mut last = i;
        let mut b = x_of(s[last].end() as f64).max(a + 1.0);
        // Merging stops past the window's right edge: a bar never reaches beyond it.
        let right = x_of(t1 as f64) + 1.0;
        while b < right {
            let limit = t_of(b + 1.0).max(0.0) as u64;
            let j = last + 1 + s[last + 1..].partition_point(|q| q.start < limit);
            if j == last + 1 {
                break;
            }
            last = j - 1;
            b = b.max(x_of(s[last].end() as f64));
        }
        ctx.fill_rect(a, y, b.min(right) - a, h);
        i = last + 1;
    }
}

/// Ticks for the marks in [t0, t1], at most one per pixel.
#[allow(clippy::too_many_arguments)]
fn ticks(
    ctx: &CanvasRenderingContext2d,
    marks: &[u64],
    t0: u64,
    t1: u64,
    x_of: &dyn Fn(f64) -> f64,
    t_of: &dyn Fn(f64) -> f64,
    y: f64,
    h: f64,
    wdt: f64,
) {
    let mut i = marks.partition_point(|t| *t < t0);
    while i < marks.len() && marks[i] <= t1 {
        let x = x_of(marks[i] as f64);
        ctx.fill_rect(x - wdt / 2.0, y, wdt, h);
        let next = t_of(x + 1.0).max(0.0) as u64;
        i += 1 + marks[i + 1..].partition_point(|t| *t < next);
    }
}
