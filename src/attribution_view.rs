//! The attribution waterfall: from the average applicant's output to this applicant's, one bar
//! per attribute, largest first; for a monthly history also the sums per month and per series.

use yew::prelude::*;

use super::i18n::{Tr, use_tr};
use crate::tr;
use riskscope_core::applicant::Applicant;
use riskscope_core::explain::{Attribution, Method, Scale};
use riskscope_core::manifest::Manifest;
use riskscope_core::reasons::describe_value;

/// Attributes drawn one by one; the rest share one bar.
const SHOWN: usize = 10;

#[derive(Properties, PartialEq)]
pub struct AttributionViewProps {
    pub manifest: Manifest,
    pub applicant: Applicant,
    pub attribution: Attribution,
    pub elapsed_ms: f64,
}

/// "12.3 %" for a probability on the log-odds scale, the score itself otherwise.
fn level(tr: Tr, scale: Scale, g: f64) -> String {
    match scale {
        Scale::LogOdds => tr!(
            tr,
            "support-attribution-level",
            percent = tr.num(100.0 * scale.invert(g), 1),
            logodds = plus(tr, g, 2)
        ),
        Scale::Score => tr.num(g, 3),
    }
}

/// `x` with `decimals` digits and its sign, "+" included.
fn plus(tr: Tr, x: f64, decimals: usize) -> String {
    let text = tr.num(x, decimals);
    if text.starts_with('-') {
        text
    } else {
        format!("+{text}")
    }
}

fn signed(tr: Tr, c: f64, half_width: f64) -> String {
    if half_width > 0.0 {
        format!("{} ± {}", plus(tr, c, 3), tr.num(half_width, 3))
    } else {
        plus(tr, c, 3)
    }
}

struct Bar {
    key: String,
    label: String,
    value: String,
    contribution: f64,
    half_width: f64,
}

#[component]
pub fn AttributionView(props: &AttributionViewProps) -> Html {
    let tr = use_tr();
    let a = &props.attribution;
    let m = &props.manifest;
    let mut order: Vec<usize> = (0..a.contributions.len()).collect();
    order.sort_by(|&x, &y| {
        a.contributions[y]
            .abs()
            .total_cmp(&a.contributions[x].abs())
    });
    let mut bars: Vec<Bar> = order
        .iter()
        .take(SHOWN)
        .map(|&j| Bar {
            key: m.features[j].name.clone(),
            label: m.features[j].label.clone(),
            value: props
                .applicant
                .values()
                .get(j)
                .map(|&v| describe_value(m, j, v))
                .unwrap_or_default(),
            contribution: a.contributions[j],
            half_width: a.half_width[j],
        })
        .collect();
    let rest = &order[order.len().min(SHOWN)..];
    if !rest.is_empty() {
        bars.push(Bar {
            key: "other".into(),
            label: tr!(
                tr,
                "support-attribution-others",
                count = rest.len(),
                n = tr.num(rest.len() as f64, 0)
            ),
            value: String::new(),
            contribution: rest.iter().map(|&j| a.contributions[j]).sum(),
            half_width: 0.0,
        });
    }
    // The axis spans every running total.
    let mut running = a.baseline;
    let (mut lo, mut hi) = (a.baseline.min(a.value), a.baseline.max(a.value));
    for bar in &bars {
        running += bar.contribution;
        lo = lo.min(running);
        hi = hi.max(running);
    }
    let span = (hi - lo).max(1e-12);
    let mut running = a.baseline;
    let rows = bars.iter().map(|bar| {
        let start = running;
        running += bar.contribution;
        let left = 100.0 * (start.min(running) - lo) / span;
        let width = (100.0 * bar.contribution.abs() / span).max(0.3);
        let direction = if bar.contribution >= 0.0 { "up" } else { "down" };
        html! {
            <li key={bar.key.clone()} class={classes!("bar-row", direction)}
                data-feature={bar.key.clone()} data-contribution={bar.contribution.to_string()}>
                <span class="bar-label">{ &bar.label }<span class="bar-value">{ &bar.value }</span></span>
                <span class="bar-track"><span class="bar" style={format!("left: {left:.2}%; width: {width:.2}%")}></span></span>
                <span class="num">{ signed(tr, bar.contribution, bar.half_width) }</span>
            </li>
        }
    });
    let method = match a.method {
        Method::Additive => tr!(tr, "support-attribution-additive"),
        Method::Exact => tr!(tr, "support-attribution-exact"),
        Method::Trees => tr!(tr, "support-attribution-trees"),
        Method::Sampled { walks } => tr!(
            tr,
            "support-attribution-sampled",
            walks = tr.num(walks as f64, 0)
        ),
    };
    let method_key = match a.method {
        Method::Additive => "additive",
        Method::Exact => "exact",
        Method::Trees => "trees",
        Method::Sampled { .. } => "sampled",
    };
    let scale_note = match a.scale {
        Scale::LogOdds => tr!(tr, "support-attribution-scale-log-odds"),
        Scale::Score => tr!(tr, "support-attribution-scale-score"),
    };
    html! {
        <section class="attribution" id="attribution" aria-labelledby="attribution-title">
            <h3 id="attribution-title">{ tr!(tr, "support-attribution-title") }</h3>
            <p class="waterfall-end">{ tr!(tr, "support-attribution-baseline") }<strong id="baseline" data-baseline={a.baseline.to_string()}>{ level(tr, a.scale, a.baseline) }</strong></p>
            <ol class="waterfall" id="waterfall">{ for rows }</ol>
            <p class="waterfall-end">{ tr!(tr, "support-attribution-value") }<strong id="attributed-value" data-value={a.value.to_string()}>{ level(tr, a.scale, a.value) }</strong></p>
            <p class="note" id="attribution-method" data-method={method_key}>{ method }{ " " }{ scale_note }</p>
            { sequence_sums(tr, m, a) }
            <p class="note timing" id="attribution-time" data-ms={props.elapsed_ms.to_string()}>
                { tr!(tr, "support-attribution-time", ms = tr.num(props.elapsed_ms, 1)) }
            </p>
        </section>
    }
}

/// For a model with a monthly history: the attribution summed per month and per series.
fn sequence_sums(tr: Tr, m: &Manifest, a: &Attribution) -> Html {
    let Some(sequence) = &m.sequence else {
        return Html::default();
    };
    let sum_of = |names: &mut dyn Iterator<Item = &String>| -> f64 {
        names
            .filter_map(|name| m.feature_index(name))
            .map(|j| a.contributions[j])
            .sum()
    };
    let static_sum: f64 = m
        .features
        .iter()
        .enumerate()
        .filter(|(_, f)| m.sequence_cell(&f.name).is_none())
        .map(|(j, _)| a.contributions[j])
        .sum();
    html! {
        <div class="sequence-sums">
            <table id="attribution-by-month">
                <caption>{ tr!(tr, "support-attribution-by-month") }</caption>
                <tbody>
                    {
                        for sequence.steps.iter().enumerate().map(|(step, label)| {
                            let total = sum_of(&mut sequence.series.iter().filter_map(|s| s.features.get(step)));
                            html! { <tr data-step={step.to_string()} data-contribution={total.to_string()}><th scope="row">{ label }</th><td class="num">{ plus(tr, total, 3) }</td></tr> }
                        })
                    }
                    <tr><th scope="row">{ tr!(tr, "support-attribution-not-monthly") }</th><td class="num">{ plus(tr, static_sum, 3) }</td></tr>
                </tbody>
            </table>
            <table id="attribution-by-series">
                <caption>{ tr!(tr, "support-attribution-by-series") }</caption>
                <tbody>
                    {
                        for sequence.series.iter().map(|series| {
                            let total = sum_of(&mut series.features.iter());
                            html! { <tr><th scope="row">{ &series.label }</th><td class="num">{ plus(tr, total, 3) }</td></tr> }
                        })
                    }
                </tbody>
            </table>
        </div>
    }
}
