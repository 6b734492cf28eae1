//! The attribution waterfall: from the average applicant's output to this applicant's, one bar
//! per attribute, largest first; for a monthly history also the sums per month and per series.

use yew::prelude::*;

use crate::applicant::Applicant;
use crate::explain::{Attribution, Method, Scale};
use crate::manifest::Manifest;
use crate::reasons::describe_value;

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
fn level(scale: Scale, g: f64) -> String {
    match scale {
        Scale::LogOdds => format!("{:.1} % (log-odds {g:+.2})", 100.0 * scale.invert(g)),
        Scale::Score => format!("{g:.3}"),
    }
}

fn signed(c: f64, half_width: f64) -> String {
    if half_width > 0.0 {
        format!("{c:+.3} ± {half_width:.3}")
    } else {
        format!("{c:+.3}")
    }
}

struct Bar {
    key: String,
    label: String,
    value: String,
    contribution: f64,
    half_width: f64,
}

#[function_component]
pub fn AttributionView(props: &AttributionViewProps) -> Html {
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
            label: format!("{} other attributes", rest.len()),
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
                <span class="num">{ signed(bar.contribution, bar.half_width) }</span>
            </li>
        }
    });
    let method = match a.method {
        Method::Additive => {
            "Exact: this model's log-odds is a sum of one term per attribute.".to_string()
        }
        Method::Exact => {
            "Exact Shapley values: every coalition of attributes enumerated.".to_string()
        }
        Method::Sampled { walks } => format!(
            "Shapley values estimated from {walks} permutation walks over the reference sample; ± is the 95 % interval of the estimate."
        ),
    };
    let scale_note = match a.scale {
        Scale::LogOdds => {
            "Bars are in log-odds of the probability: +0.69 doubles the odds, −0.69 halves them."
        }
        Scale::Score => "Bars are in units of the anomaly score.",
    };
    html! {
        <section class="attribution" id="attribution" aria-labelledby="attribution-title">
            <h3 id="attribution-title">{ "Why this score" }</h3>
            <p class="waterfall-end">{ "Average applicant of the reference sample: " }<strong id="baseline" data-baseline={a.baseline.to_string()}>{ level(a.scale, a.baseline) }</strong></p>
            <ol class="waterfall" id="waterfall">{ for rows }</ol>
            <p class="waterfall-end">{ "This applicant: " }<strong id="attributed-value" data-value={a.value.to_string()}>{ level(a.scale, a.value) }</strong></p>
            <p class="note">{ method }{ " " }{ scale_note }</p>
            { sequence_sums(m, a) }
            <p class="note timing" id="attribution-time" data-ms={props.elapsed_ms.to_string()}>
                { format!("Score and attribution computed in {:.1} ms on this device.", props.elapsed_ms) }
            </p>
        </section>
    }
}

/// For a model with a monthly history: the attribution summed per month and per series.
fn sequence_sums(m: &Manifest, a: &Attribution) -> Html {
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
                <caption>{ "By month (all series of the month)" }</caption>
                <tbody>
                    {
                        for sequence.steps.iter().enumerate().map(|(step, label)| {
                            let total = sum_of(&mut sequence.series.iter().filter_map(|s| s.features.get(step)));
                            html! { <tr data-step={step.to_string()} data-contribution={total.to_string()}><th scope="row">{ label }</th><td class="num">{ format!("{total:+.3}") }</td></tr> }
                        })
                    }
                    <tr><th scope="row">{ "Not monthly (limit, age, …)" }</th><td class="num">{ format!("{static_sum:+.3}") }</td></tr>
                </tbody>
            </table>
            <table id="attribution-by-series">
                <caption>{ "By series (all months)" }</caption>
                <tbody>
                    {
                        for sequence.series.iter().map(|series| {
                            let total = sum_of(&mut series.features.iter());
                            html! { <tr><th scope="row">{ &series.label }</th><td class="num">{ format!("{total:+.3}") }</td></tr> }
                        })
                    }
                </tbody>
            </table>
        </div>
    }
}
