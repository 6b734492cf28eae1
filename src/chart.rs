//! A small SVG line chart: one curve, labelled axes, and vertical markers.

use yew::prelude::*;

use super::i18n::{Tr, use_tr};
use crate::tr;

#[derive(Clone, PartialEq)]
pub struct Marker {
    pub x: f64,
    pub label: String,
    pub class: &'static str,
}

#[derive(Properties, PartialEq)]
pub struct LineChartProps {
    pub id: String,
    /// What the chart shows, for screen readers and as its caption.
    pub title: String,
    pub x_label: String,
    pub y_label: String,
    pub points: Vec<(f64, f64)>,
    #[prop_or_default]
    pub markers: Vec<Marker>,
}

const W: f64 = 480.0;
const H: f64 = 220.0;
const PAD_L: f64 = 52.0;
const PAD_B: f64 = 36.0;
const PAD_T: f64 = 10.0;
const PAD_R: f64 = 12.0;

fn tick(tr: Tr, v: f64) -> String {
    if v.abs() >= 100.0 || v == 0.0 {
        tr.num(v, 0)
    } else if v.abs() >= 1.0 {
        tr.num(v, 1)
    } else {
        tr.num(v, 3)
    }
}

/// An SVG path through `points`, scaled by `sx` and `sy`.
fn svg_path(points: &[(f64, f64)], sx: &dyn Fn(f64) -> f64, sy: &dyn Fn(f64) -> f64) -> String {
    points
        .iter()
        .enumerate()
        .map(|(i, &(x, y))| {
            format!(
                "{}{:.1},{:.1}",
                if i == 0 { "M" } else { "L" },
                sx(x),
                sy(y)
            )
        })
        .collect()
}

/// Axes, five ticks on each and the axis labels, for the scales `sx` and `sy`.
fn axes(
    tr: Tr,
    (x0, x1, y0, y1): (f64, f64, f64, f64),
    sx: &dyn Fn(f64) -> f64,
    sy: &dyn Fn(f64) -> f64,
    x_label: &str,
    y_label: &str,
) -> Html {
    let ticks = |lo: f64, hi: f64| (0..=4).map(move |k| lo + (hi - lo) * f64::from(k) / 4.0);
    html! {
        <>
            <line class="axis" x1={PAD_L.to_string()} y1={(H - PAD_B).to_string()} x2={(W - PAD_R).to_string()} y2={(H - PAD_B).to_string()} />
            <line class="axis" x1={PAD_L.to_string()} y1={PAD_T.to_string()} x2={PAD_L.to_string()} y2={(H - PAD_B).to_string()} />
            { for ticks(x0, x1).map(|x| html! {
                <text class="tick" x={format!("{:.1}", sx(x))} y={(H - PAD_B + 14.0).to_string()} text-anchor="middle">{ tick(tr, x) }</text>
            }) }
            { for ticks(y0, y1).map(|y| html! {
                <text class="tick" x={(PAD_L - 4.0).to_string()} y={format!("{:.1}", sy(y) + 4.0)} text-anchor="end">{ tick(tr, y) }</text>
            }) }
            <text class="axis-label" x={format!("{:.1}", (PAD_L + W - PAD_R) / 2.0)} y={(H - 4.0).to_string()} text-anchor="middle">{ x_label }</text>
            <text class="axis-label" x="12" y={format!("{:.1}", (H - PAD_B) / 2.0)} text-anchor="middle" transform={format!("rotate(-90 12 {:.1})", (H - PAD_B) / 2.0)}>{ y_label }</text>
        </>
    }
}

#[component]
pub fn LineChart(props: &LineChartProps) -> Html {
    let tr = use_tr();
    let finite: Vec<(f64, f64)> = props
        .points
        .iter()
        .copied()
        .filter(|(x, y)| x.is_finite() && y.is_finite())
        .collect();
    if finite.len() < 2 {
        return html! { <p class="note">{ tr!(tr, "support-chart-too-few-points", title = &props.title) }</p> };
    }
    let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for &(x, y) in &finite {
        x0 = x0.min(x);
        x1 = x1.max(x);
        y0 = y0.min(y);
        y1 = y1.max(y);
    }
    y0 = y0.min(0.0);
    let (dx, dy) = ((x1 - x0).max(1e-12), (y1 - y0).max(1e-12));
    let sx = move |x: f64| PAD_L + (x - x0) / dx * (W - PAD_L - PAD_R);
    let sy = move |y: f64| H - PAD_B - (y - y0) / dy * (H - PAD_B - PAD_T);
    let path = svg_path(&finite, &sx, &sy);
    html! {
        <figure class="chart" id={props.id.clone()}>
            <svg viewBox={format!("0 0 {W} {H}")} role="img" aria-label={props.title.clone()}>
                { axes(tr, (x0, x1, y0, y1), &sx, &sy, &props.x_label, &props.y_label) }
                <path class="curve" d={path} />
                { for props.markers.iter().enumerate().filter(|(_, m)| m.x.is_finite()).map(|(k, m)| {
                    let x = sx(m.x.clamp(x0, x1));
                    // Labels step down so markers close together stay readable.
                    let label_y = PAD_T + 10.0 + 12.0 * k as f64;
                    html! {
                        <g class={classes!("marker", m.class)}>
                            <line x1={format!("{x:.1}")} y1={PAD_T.to_string()} x2={format!("{x:.1}")} y2={(H - PAD_B).to_string()} />
                            <text x={format!("{:.1}", x + 3.0)} y={format!("{label_y:.1}")}>{ &m.label }</text>
                        </g>
                    }
                }) }
            </svg>
            <figcaption>{ &props.title }</figcaption>
        </figure>
    }
}

/// One curve of a [`Plot`].
#[derive(Clone, PartialEq)]
pub struct Series {
    pub label: String,
    pub class: &'static str,
    pub points: Vec<(f64, f64)>,
}

#[derive(Properties, PartialEq)]
pub struct PlotProps {
    pub id: String,
    pub title: String,
    pub x_label: String,
    pub y_label: String,
    pub series: Vec<Series>,
    /// Axis ranges: (x0, x1, y0, y1).
    pub range: (f64, f64, f64, f64),
    /// Formats a point for its tooltip.
    #[prop_or(Callback::from(|(x, y): (f64, f64)| format!("{x:.3}, {y:.3}")))]
    pub tip: Callback<(f64, f64), String>,
}

/// Several curves on fixed axes, with a legend and a tooltip on points along each curve.
#[component]
pub fn Plot(props: &PlotProps) -> Html {
    let tr = use_tr();
    let (x0, x1, y0, y1) = props.range;
    let (dx, dy) = ((x1 - x0).max(1e-12), (y1 - y0).max(1e-12));
    let sx = move |x: f64| PAD_L + (x.clamp(x0, x1) - x0) / dx * (W - PAD_L - PAD_R);
    let sy = move |y: f64| H - PAD_B - (y.clamp(y0, y1) - y0) / dy * (H - PAD_B - PAD_T);
    let curve = |s: &Series| {
        let finite: Vec<(f64, f64)> = s
            .points
            .iter()
            .copied()
            .filter(|(x, y)| x.is_finite() && y.is_finite())
            .collect();
        let path = svg_path(&finite, &sx, &sy);
        // Up to 40 hover points along the curve, each with its values as a tooltip.
        let step = (finite.len() / 40).max(1);
        html! {
            <g class={classes!("series", s.class)}>
                <path class="curve" d={path} />
                { for finite.iter().enumerate().filter(|(i, _)| i.is_multiple_of(step)).map(|(_, &(x, y))| html! {
                    <circle class="hover" cx={format!("{:.1}", sx(x))} cy={format!("{:.1}", sy(y))} r="4">
                        <title>{ tr!(tr, "support-chart-point", series = &s.label, values = props.tip.emit((x, y))) }</title>
                    </circle>
                }) }
            </g>
        }
    };
    html! {
        <figure class="chart" id={props.id.clone()}>
            <svg viewBox={format!("0 0 {W} {H}")} role="img" aria-label={props.title.clone()}>
                { axes(tr, (x0, x1, y0, y1), &sx, &sy, &props.x_label, &props.y_label) }
                { for props.series.iter().map(curve) }
                { for props.series.iter().enumerate().map(|(k, s)| html! {
                    <g class={classes!("legend", s.class)}>
                        <line x1={(W - 150.0).to_string()} x2={(W - 132.0).to_string()} y1={format!("{:.1}", PAD_T + 8.0 + 14.0 * k as f64)} y2={format!("{:.1}", PAD_T + 8.0 + 14.0 * k as f64)} />
                        <text x={(W - 128.0).to_string()} y={format!("{:.1}", PAD_T + 12.0 + 14.0 * k as f64)}>{ &s.label }</text>
                    </g>
                }) }
            </svg>
            <figcaption>{ &props.title }</figcaption>
        </figure>
    }
}

#[derive(Properties, PartialEq)]
pub struct BarChartProps {
    pub id: String,
    pub title: String,
    pub x_label: String,
    pub y_label: String,
    /// (lower edge, upper edge, count) per bar.
    pub bars: Vec<(f64, f64, u64)>,
    #[prop_or_default]
    pub markers: Vec<Marker>,
}

/// A histogram: one bar per bin, each with its range and count as a tooltip.
#[component]
pub fn BarChart(props: &BarChartProps) -> Html {
    let tr = use_tr();
    let Some(&(x0, _, _)) = props.bars.first() else {
        return html! { <p class="note">{ tr!(tr, "support-chart-empty", title = &props.title) }</p> };
    };
    let x1 = props.bars.last().map_or(x0 + 1.0, |b| b.1);
    let y1 = props.bars.iter().map(|b| b.2).max().unwrap_or(1).max(1) as f64;
    let dx = (x1 - x0).max(1e-12);
    let sx = move |x: f64| PAD_L + (x - x0) / dx * (W - PAD_L - PAD_R);
    let sy = move |y: f64| H - PAD_B - y / y1 * (H - PAD_B - PAD_T);
    html! {
        <figure class="chart" id={props.id.clone()}>
            <svg viewBox={format!("0 0 {W} {H}")} role="img" aria-label={props.title.clone()}>
                { axes(tr, (x0, x1, 0.0, y1), &sx, &sy, &props.x_label, &props.y_label) }
                { for props.bars.iter().map(|&(lo, hi, n)| html! {
                    <rect class="bar" x={format!("{:.1}", sx(lo) + 0.5)} width={format!("{:.1}", (sx(hi) - sx(lo) - 1.0).max(0.5))}
                        y={format!("{:.1}", sy(n as f64))} height={format!("{:.1}", H - PAD_B - sy(n as f64))}>
                        <title>{ tr!(tr, "support-chart-bin", from = tick(tr, lo), to = tick(tr, hi), count = n, rows = tr.num(n as f64, 0)) }</title>
                    </rect>
                }) }
                { for props.markers.iter().filter(|m| m.x.is_finite()).map(|m| {
                    let x = sx(m.x.clamp(x0, x1));
                    html! {
                        <g class={classes!("marker", m.class)}>
                            <line x1={format!("{x:.1}")} y1={PAD_T.to_string()} x2={format!("{x:.1}")} y2={(H - PAD_B).to_string()} />
                            <text x={format!("{:.1}", x + 3.0)} y={(PAD_T + 10.0).to_string()}>{ &m.label }</text>
                        </g>
                    }
                }) }
            </svg>
            <figcaption>{ &props.title }</figcaption>
        </figure>
    }
}
