//! The rows scored with values not as given (imputed, outside what the model learnt from,
//! clamped to it): how many, for which features, and a switch that leaves them out of the
//! evaluation and fairness figures below it.

use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::SharedResults;
use super::evaluation_view::EvaluationView;
use super::population_view::FairnessView;
use crate::i18n::{Message, Tr, use_tr};
use crate::tr;
use riskscope_core::batch::{BatchResults, NoteCounts};
use riskscope_core::manifest::Manifest;

#[derive(Properties, PartialEq)]
pub struct NotedEvaluationProps {
    pub manifest: Manifest,
    pub results: SharedResults,
    pub cutoff: f64,
    /// Group columns to show first in the fairness table.
    pub preferred: Vec<String>,
}

/// The notes' summary, then the evaluation and fairness over the whole file or, when the user
/// asks, over the rows scored from their values as given.
#[component]
pub fn NotedEvaluation(props: &NotedEvaluationProps) -> Html {
    let tr = use_tr();
    let leave_out = use_state(|| false);
    let r = &props.results.0;
    let noted = r.noted_rows();
    let evaluated = use_memo(
        (props.results.clone(), *leave_out),
        |(results, leave_out)| {
            if *leave_out && results.0.noted_rows() > 0 {
                SharedResults(Rc::new(results.0.without_noted()))
            } else {
                results.clone()
            }
        },
    );
    let on_toggle = {
        let leave_out = leave_out.clone();
        Callback::from(move |e: Event| {
            leave_out.set(e.target_unchecked_into::<HtmlInputElement>().checked());
        })
    };
    let shown = &evaluated.0;
    html! {
        <>
            if noted > 0 {
                <div class="batch-noted" id="batch-noted" data-noted={noted.to_string()}>
                    <p>{ tr!(tr, "batch-noted", rows = tr.num(noted as f64, 0)) }</p>
                    <ul>{ for feature_lines(tr, &props.manifest, r) }</ul>
                    <p>
                        <input type="checkbox" id="batch-noted-leave-out" checked={*leave_out} onchange={on_toggle} />
                        <label for="batch-noted-leave-out">{ format!(" {}", tr!(tr, "batch-noted-leave-out")) }</label>
                    </p>
                    if *leave_out {
                        <p class="note" id="batch-noted-left-out" data-kept={shown.scored.len().to_string()}>
                            { tr!(tr, "batch-noted-left-out", kept = tr.num(shown.scored.len() as f64, 0)) }
                        </p>
                    }
                </div>
            }
            if shown.has_labels() {
                <EvaluationView manifest={props.manifest.clone()} results={(*evaluated).clone()} cutoff={props.cutoff} />
            }
            <FairnessView manifest={props.manifest.clone()} results={(*evaluated).clone()} cutoff={props.cutoff}
                preferred={props.preferred.clone()} />
        </>
    }
}

/// One line per feature with notes: "V5: 1 outside what the model learnt from".
fn feature_lines(tr: Tr, manifest: &Manifest, r: &BatchResults) -> Vec<Html> {
    r.value_notes
        .iter()
        .enumerate()
        .filter(|(_, c)| c.total() > 0)
        .map(|(j, c)| {
            let name = manifest.features.get(j).map(|f| f.name.clone()).unwrap_or_default();
            let label = manifest.features.get(j).map(|f| f.label.clone()).unwrap_or_default();
            html! {
                <li data-feature={name} data-imputed={c.imputed.to_string()} data-outside={c.outside.to_string()}
                    data-clamped={c.clamped.to_string()} data-unseen={c.unseen.to_string()}>
                    { tr!(tr, "batch-noted-feature", feature = label, counts = counts_text(tr, c)) }
                </li>
            }
        })
        .collect()
}

fn counts_text(tr: Tr, c: &NoteCounts) -> String {
    [
        ("imputed", c.imputed),
        ("outside", c.outside),
        ("clamped", c.clamped),
        ("unseen", c.unseen),
    ]
    .into_iter()
    .filter(|(_, n)| *n > 0)
    .map(|(kind, n)| {
        tr.m(&Message::new("batch-noted-count")
            .arg("kind", kind)
            .arg("count", tr.num(n as f64, 0)))
    })
    .collect::<Vec<_>>()
    .join(tr.t("batch-noted-separator").as_str())
}
