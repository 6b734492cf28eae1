//! The LSTM's risk month by month: the applicant on screen scored after each month of their
//! history, the months not yet seen written as months without card activity.

use yew::prelude::*;

use super::TeachView;
use crate::chart::LineChart;
use crate::hooks::SharedScorer;
use crate::i18n::{Tr, use_tr};
use crate::tr;
use riskscope_core::applicant::Applicant;
use riskscope_core::teach::history::{PrefixScore, prefix_scores};

#[derive(Properties, PartialEq)]
pub struct HistoryViewProps {
    pub scorer: SharedScorer,
    pub applicant: Option<Applicant>,
}

#[component]
pub fn HistoryView(props: &HistoryViewProps) -> Html {
    let tr = use_tr();
    let prefixes = use_memo(
        (props.scorer.clone(), props.applicant.clone()),
        |(scorer, applicant)| applicant.as_ref().map(|a| prefix_scores(scorer, a)),
    );
    let manifest = props.scorer.manifest();
    let steps: Vec<String> = manifest
        .sequence
        .as_ref()
        .map(|s| s.steps.clone())
        .unwrap_or_default();
    let what = tr!(tr, "teach-lstm-what", months = steps.len().to_string());
    let body = match &*prefixes {
        None => {
            html! { <p class="placeholder">{ tr!(tr, "teach-lstm-placeholder") }</p> }
        }
        Some(Err(error)) => html! { <p class="note" role="alert">{ tr.m(error) }</p> },
        Some(Ok(prefixes)) => {
            let points: Vec<(f64, f64)> = prefixes
                .iter()
                .map(|p| (p.months as f64, f64::from(p.score) * 100.0))
                .collect();
            html! {
                <>
                    <LineChart id="teach-lstm-chart" title={tr!(tr, "teach-lstm-chart-title")}
                        x_label={tr!(tr, "teach-lstm-chart-x")} y_label={tr!(tr, "teach-lstm-chart-y")} {points} />
                    { table(tr, prefixes, &steps) }
                </>
            }
        }
    };
    html! {
        <TeachView id="teach-lstm" title={tr!(tr, "teach-lstm-title")} {what}>
            { body }
        </TeachView>
    }
}

fn table(tr: Tr, prefixes: &[PrefixScore], steps: &[String]) -> Html {
    html! {
        <table class="teach-table" id="teach-lstm-table">
            <caption>{ tr!(tr, "teach-lstm-caption") }</caption>
            <thead><tr><th scope="col">{ tr!(tr, "teach-lstm-col-seen") }</th><th scope="col" class="num">{ tr!(tr, "teach-lstm-col-probability") }</th><th scope="col" class="num">{ tr!(tr, "teach-lstm-col-change") }</th></tr></thead>
            <tbody>
                { for prefixes.iter().enumerate().map(|(i, p)| {
                    let seen = match p.months {
                        0 => tr!(tr, "teach-lstm-seen-none"),
                        k => tr!(tr, "teach-lstm-seen-to", month = steps.get(k - 1).cloned().unwrap_or_default()),
                    };
                    let change = i
                        .checked_sub(1)
                        .and_then(|j| prefixes.get(j))
                        .map_or_else(String::new, |q| {
                            let change = tr.num(f64::from(p.score - q.score) * 100.0, 1);
                            let change = if change.starts_with('-') { change } else { format!("+{change}") };
                            tr!(tr, "teach-lstm-change", change = change)
                        });
                    html! {
                        <tr data-months={p.months.to_string()} data-score={p.score.to_string()}>
                            <td>{ seen }</td>
                            <td class="num">{ tr!(tr, "teach-percent", value = tr.num(f64::from(p.score) * 100.0, 1)) }</td>
                            <td class="num">{ change }</td>
                        </tr>
                    }
                }) }
            </tbody>
        </table>
    }
}
