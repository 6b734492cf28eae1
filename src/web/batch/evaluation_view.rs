//! How well the model ranks and calibrates this labelled file: ROC and PR with AUC and average
//! precision, KS with its plot, Gini, the cumulative accuracy profile and lift, the confusion
//! matrix at the current cut-off, calibration with the Brier score, and for fraud the precision
//! among the top k alerts.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::SharedResults;
use crate::evaluation::{Ranking, brier, calibration};
use crate::manifest::{Manifest, OutputKind, Task};
use crate::web::chart::{Plot, Series};

#[derive(Properties, PartialEq)]
pub struct EvaluationViewProps {
    pub manifest: Manifest,
    pub results: SharedResults,
    pub cutoff: f64,
}

fn figure(id: &str, label: &str, value: Option<f64>) -> Html {
    let text = value.map_or("–".to_owned(), |v| format!("{v:.4}"));
    html! {
        <div class="figure">
            <dt>{ label }</dt>
            <dd id={id.to_owned()} data-value={value.map(|v| v.to_string()).unwrap_or_default()}>{ text }</dd>
        </div>
    }
}

fn percent(v: Option<f64>) -> String {
    v.map_or("–".into(), |v| format!("{:.1} %", v * 100.0))
}

#[function_component]
pub fn EvaluationView(props: &EvaluationViewProps) -> Html {
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
            <h3 id="evaluation-title">{ "Evaluation against the file's labels" }</h3>
            <p class="note">{ format!("{} labelled rows, {} positive ({:.2} %).", ranking.rows(), ranking.positives, base_rate * 100.0) }</p>
            <dl class="figures">
                { figure("eval-auc", "ROC AUC", ranking.auc()) }
                { figure("eval-ap", "Average precision", ranking.average_precision()) }
                { figure("eval-ks", "KS", ks.map(|k| k.0)) }
                { figure("eval-gini", "Gini", ranking.gini()) }
                if probability { { figure("eval-brier", "Brier score", *brier) } }
            </dl>
            <div class="charts">
                <Plot id="roc-chart" title="ROC curve" x_label="false-positive rate" y_label="true-positive rate"
                    range={(0.0, 1.0, 0.0, 1.0)} series={vec![
                        Series { label: "model".into(), class: "model", points: curves.roc.clone() },
                        Series { label: "chance".into(), class: "reference", points: vec![(0.0, 0.0), (1.0, 1.0)] },
                    ]} />
                <Plot id="pr-chart" title="Precision–recall curve" x_label="recall" y_label="precision"
                    range={(0.0, 1.0, 0.0, 1.0)} series={vec![
                        Series { label: "model".into(), class: "model", points: curves.pr.clone() },
                        Series { label: "base rate".into(), class: "reference", points: vec![(0.0, base_rate), (1.0, base_rate)] },
                    ]} />
                <Plot id="ks-chart" title={format!("KS: the widest gap between the two cumulative distributions ({})", ks.map_or("–".into(), |k| format!("{:.3} at score {:.3}", k.0, k.1)))}
                    x_label="score (flagged at or above)" y_label="share flagged" range={ks_range} series={vec![
                        Series { label: "positives (TPR)".into(), class: "model", points: curves.ks.iter().map(|p| (p.0, p.1)).collect() },
                        Series { label: "negatives (FPR)".into(), class: "reference", points: curves.ks.iter().map(|p| (p.0, p.2)).collect() },
                    ]} />
                <Plot id="cap-chart" title="Cumulative accuracy profile (lift)" x_label="share of rows flagged" y_label="share of positives caught"
                    range={(0.0, 1.0, 0.0, 1.0)} series={vec![
                        Series { label: "model".into(), class: "model", points: curves.cap.clone() },
                        Series { label: "random".into(), class: "reference", points: vec![(0.0, 0.0), (1.0, 1.0)] },
                        Series { label: "perfect".into(), class: "perfect", points: vec![(0.0, 0.0), (base_rate, 1.0), (1.0, 1.0)] },
                    ]} />
                if probability {
                    <Plot id="calibration-chart" title={format!("Calibration (reliability), Brier {}", brier.map_or("–".into(), |b| format!("{b:.4}")))}
                        x_label="mean predicted probability" y_label="observed rate" range={(0.0, 1.0, 0.0, 1.0)}
                        tip={Callback::from(|(x, y): (f64, f64)| format!("predicted {x:.3}, observed {y:.3}"))}
                        series={vec![
                            Series { label: "model".into(), class: "model", points: calibration.iter().map(|b| (b.mean_predicted, b.observed_rate)).collect() },
                            Series { label: "perfect".into(), class: "reference", points: vec![(0.0, 0.0), (1.0, 1.0)] },
                        ]} />
                }
            </div>
            <table class="lift" id="lift-table">
                <caption>{ "Lift by tenth of the file, highest scores first" }</caption>
                <thead><tr><th scope="col">{ "Top" }</th>{ for lift.iter().map(|(d, _)| html! { <th scope="col">{ format!("{:.0} %", d * 100.0) }</th> }) }</tr></thead>
                <tbody><tr><th scope="row">{ "Lift" }</th>{ for lift.iter().map(|(_, l)| html! { <td>{ format!("{l:.2}") }</td> }) }</tr></tbody>
            </table>
            <table class="confusion" id="confusion" data-tp={c.tp.to_string()} data-fp={c.fp.to_string()} data-tn={c.tn.to_string()} data-fn={c.fn_.to_string()}>
                <caption>{ format!("At the cut-off {:.3}: precision {}, recall {}, {} rate {}", props.cutoff, percent(c.precision()), percent(c.recall()), clear.to_lowercase(), percent(c.approval_rate())) }</caption>
                <thead><tr><th></th><th scope="col">{ flag }</th><th scope="col">{ clear }</th></tr></thead>
                <tbody>
                    <tr><th scope="row">{ "Positive (label 1)" }</th><td>{ c.tp }</td><td>{ c.fn_ }</td></tr>
                    <tr><th scope="row">{ "Negative (label 0)" }</th><td>{ c.fp }</td><td>{ c.tn }</td></tr>
                </tbody>
            </table>
            if fraud {
                <p>
                    <label for="top-k">{ "Precision among the top " }</label>
                    <input id="top-k" type="number" min="1" value={top_k.to_string()} onchange={on_k} />
                    { " alerts: " }
                    <strong id="precision-at-k">{ percent(ranking.precision_at_top(*top_k)) }</strong>
                </p>
            }
        </section>
    }
}
