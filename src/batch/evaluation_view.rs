//! How well the model ranks and calibrates this labelled file: ROC and PR with AUC and average
//! precision, KS with its plot, Gini, the cumulative accuracy profile and lift, the confusion
//! matrix at the current cut-off, calibration with the Brier score, and for fraud the precision
//! among the top k alerts.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::SharedResults;
use crate::chart::{Plot, Series};
use crate::i18n::{Tr, use_tr};
use crate::tr;
use riskscope_core::evaluation::{Confusion, Ranking, brier, calibration};
use riskscope_core::manifest::{Manifest, OutputKind, Task};

#[derive(Properties, PartialEq)]
pub struct EvaluationViewProps {
    pub manifest: Manifest,
    pub results: SharedResults,
    pub cutoff: f64,
}

fn figure(tr: Tr, id: &str, label: String, value: Option<f64>) -> Html {
    let text = value.map_or("–".to_owned(), |v| tr.num(v, 4));
    html! {
        <div class="figure">
            <dt>{ label }</dt>
            <dd id={id.to_owned()} data-value={value.map(|v| v.to_string()).unwrap_or_default()}>{ text }</dd>
        </div>
    }
}

/// A share as "12.3 %", or a dash.
pub fn percent(tr: Tr, v: Option<f64>) -> String {
    v.map_or("–".into(), |v| {
        tr!(tr, "batch-percent", value = tr.num(v * 100.0, 1))
    })
}

fn series(label: String, class: &'static str, points: Vec<(f64, f64)>) -> Series {
    Series {
        label,
        class,
        points,
    }
}

#[component]
pub fn EvaluationView(props: &EvaluationViewProps) -> Html {
    let tr = use_tr();
    let computed = use_memo(props.results.clone(), |results| {
        let r = &results.0;
        let scores = r.scores();
        let ranking = Ranking::new(&scores, &r.labels);
        let curves = ranking.curves(400);
        let lift = ranking.lift_by_decile();
        let brier = brier(&scores, &r.labels);
        let calibration = calibration(&scores, &r.labels, 10);
        (ranking, curves, lift, brier, calibration)
    });
    let (ranking, curves, lift, brier, calibration) = &*computed;
    let top_k = use_state(|| 100u64);
    let on_k = {
        let top_k = top_k.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Ok(k) = input.value().trim().parse::<u64>() {
                top_k.set(k.max(1));
            }
        })
    };
    let probability = props.manifest.model.output.kind == OutputKind::Probability;
    let fraud = props.manifest.task == Task::Fraud;
    let c = ranking.at(props.cutoff);
    let ks = ranking.ks();
    let base_rate = ranking.positives as f64 / ranking.rows().max(1) as f64;
    let (flag, clear) = (
        &props.manifest.decision.at_or_above,
        &props.manifest.decision.below,
    );
    let max_score = curves.ks.first().map_or(1.0, |p| p.0).max(props.cutoff);
    let ks_range = if probability {
        (0.0, 1.0, 0.0, 1.0)
    } else {
        (0.0, max_score, 0.0, 1.0)
    };
    html! {
        <section class="evaluation" aria-labelledby="evaluation-title">
            <h3 id="evaluation-title">{ tr!(tr, "batch-eval-title") }</h3>
            <p class="note">{ tr!(tr, "batch-eval-note",
                rows = tr.num(ranking.rows() as f64, 0),
                positives = tr.num(ranking.positives as f64, 0),
                share = tr.num(base_rate * 100.0, 2)) }</p>
            <dl class="figures">
                { figure(tr, "eval-auc", tr!(tr, "batch-eval-auc"), ranking.auc()) }
                { figure(tr, "eval-ap", tr!(tr, "batch-eval-ap"), ranking.average_precision()) }
                { figure(tr, "eval-ks", tr!(tr, "batch-eval-ks"), ks.map(|k| k.0)) }
                { figure(tr, "eval-gini", tr!(tr, "batch-eval-gini"), ranking.gini()) }
                if probability { { figure(tr, "eval-brier", tr!(tr, "batch-eval-brier"), *brier) } }
            </dl>
            <div class="charts">
                <Plot id="roc-chart" title={tr!(tr, "batch-roc-title")} x_label={tr!(tr, "batch-roc-x")} y_label={tr!(tr, "batch-roc-y")}
                    range={(0.0, 1.0, 0.0, 1.0)} series={vec![
                        series(tr!(tr, "batch-series-model"), "model", curves.roc.clone()),
                        series(tr!(tr, "batch-series-chance"), "reference", vec![(0.0, 0.0), (1.0, 1.0)]),
                    ]} />
                <Plot id="pr-chart" title={tr!(tr, "batch-pr-title")} x_label={tr!(tr, "batch-pr-x")} y_label={tr!(tr, "batch-pr-y")}
                    range={(0.0, 1.0, 0.0, 1.0)} series={vec![
                        series(tr!(tr, "batch-series-model"), "model", curves.pr.clone()),
                        series(tr!(tr, "batch-series-base-rate"), "reference", vec![(0.0, base_rate), (1.0, base_rate)]),
                    ]} />
                <Plot id="ks-chart" title={tr!(tr, "batch-ks-title", ks = ks.map_or("–".into(), |k| tr!(tr, "batch-ks-at", ks = tr.num(k.0, 3), score = tr.num(k.1, 3))))}
                    x_label={tr!(tr, "batch-ks-x")} y_label={tr!(tr, "batch-ks-y")} range={ks_range} series={vec![
                        series(tr!(tr, "batch-ks-positives"), "model", curves.ks.iter().map(|p| (p.0, p.1)).collect()),
                        series(tr!(tr, "batch-ks-negatives"), "reference", curves.ks.iter().map(|p| (p.0, p.2)).collect()),
                    ]} />
                <Plot id="cap-chart" title={tr!(tr, "batch-cap-title")} x_label={tr!(tr, "batch-cap-x")} y_label={tr!(tr, "batch-cap-y")}
                    range={(0.0, 1.0, 0.0, 1.0)} series={vec![
                        series(tr!(tr, "batch-series-model"), "model", curves.cap.clone()),
                        series(tr!(tr, "batch-series-random"), "reference", vec![(0.0, 0.0), (1.0, 1.0)]),
                        series(tr!(tr, "batch-series-perfect"), "perfect", vec![(0.0, 0.0), (base_rate, 1.0), (1.0, 1.0)]),
                    ]} />
                if probability {
                    <Plot id="calibration-chart" title={tr!(tr, "batch-calibration-title", brier = brier.map_or("–".into(), |b| tr.num(b, 4)))}
                        x_label={tr!(tr, "batch-calibration-x")} y_label={tr!(tr, "batch-calibration-y")} range={(0.0, 1.0, 0.0, 1.0)}
                        tip={Callback::from(move |(x, y): (f64, f64)| tr!(tr, "batch-calibration-tip", predicted = tr.num(x, 3), observed = tr.num(y, 3)))}
                        series={vec![
                            series(tr!(tr, "batch-series-model"), "model", calibration.iter().map(|b| (b.mean_predicted, b.observed_rate)).collect()),
                            series(tr!(tr, "batch-series-perfect"), "reference", vec![(0.0, 0.0), (1.0, 1.0)]),
                        ]} />
                }
            </div>
            { lift_table(tr, lift) }
            { confusion_table(tr, &c, props.cutoff, flag, clear) }
            if fraud {
                <p>
                    <label for="top-k">{ format!("{} ", tr!(tr, "batch-top-k-before")) }</label>
                    <input id="top-k" type="number" min="1" value={top_k.to_string()} onchange={on_k} />
                    { format!(" {} ", tr!(tr, "batch-top-k-after")) }
                    <strong id="precision-at-k">{ percent(tr, ranking.precision_at_top(*top_k)) }</strong>
                </p>
            }
        </section>
    }
}

/// Lift by tenth of the file, highest scores first.
fn lift_table(tr: Tr, lift: &[(f64, f64)]) -> Html {
    html! {
        <table class="lift" id="lift-table">
            <caption>{ tr!(tr, "batch-lift-caption") }</caption>
            <thead><tr>
                <th scope="col">{ tr!(tr, "batch-lift-top") }</th>
                { for lift.iter().map(|(d, _)| html! { <th scope="col">{ tr!(tr, "batch-percent", value = tr.num(d * 100.0, 0)) }</th> }) }
            </tr></thead>
            <tbody><tr>
                <th scope="row">{ tr!(tr, "batch-lift") }</th>
                { for lift.iter().map(|(_, l)| html! { <td>{ tr.num(*l, 2) }</td> }) }
            </tr></tbody>
        </table>
    }
}

/// The confusion matrix at `cutoff`, with precision, recall and the share cleared.
fn confusion_table(tr: Tr, c: &Confusion, cutoff: f64, flag: &str, clear: &str) -> Html {
    html! {
        <table class="confusion" id="confusion" data-tp={c.tp.to_string()} data-fp={c.fp.to_string()} data-tn={c.tn.to_string()} data-fn={c.fn_.to_string()}>
            <caption>{ tr!(tr, "batch-confusion-caption",
                cutoff = tr.num(cutoff, 3),
                precision = percent(tr, c.precision()),
                recall = percent(tr, c.recall()),
                decision = clear.to_lowercase(),
                rate = percent(tr, c.approval_rate())) }</caption>
            <thead><tr><th></th><th scope="col">{ flag }</th><th scope="col">{ clear }</th></tr></thead>
            <tbody>
                <tr>
                    <th scope="row">{ tr!(tr, "batch-confusion-positive") }</th>
                    <td>{ tr.num(c.tp as f64, 0) }</td><td>{ tr.num(c.fn_ as f64, 0) }</td>
                </tr>
                <tr>
                    <th scope="row">{ tr!(tr, "batch-confusion-negative") }</th>
                    <td>{ tr.num(c.fp as f64, 0) }</td><td>{ tr.num(c.tn as f64, 0) }</td>
                </tr>
            </tbody>
        </table>
    }
}
