//! The LSTM's risk month by month: the applicant on screen scored after each month of their
//! history, the months not yet seen written as months without card activity.

use yew::prelude::*;

use super::TeachView;
use crate::applicant::Applicant;
use crate::teach::history::{PrefixScore, prefix_scores};
use crate::web::chart::LineChart;
use crate::web::hooks::SharedScorer;

#[derive(Properties, PartialEq)]
pub struct HistoryViewProps {
    pub scorer: SharedScorer,
    pub applicant: Option<Applicant>,
}

#[function_component]
pub fn HistoryView(props: &HistoryViewProps) -> Html {
    let prefixes = use_memo(
        (props.scorer.clone(), props.applicant.clone()),
        |(scorer, applicant)| {
            applicant
                .as_ref()
                .map(|a| prefix_scores(scorer, a).map_err(|e| e.to_string()))
        },
    );
    let manifest = props.scorer.manifest();
    let steps: Vec<String> = manifest
        .sequence
        .as_ref()
        .map(|s| s.steps.clone())
        .unwrap_or_default();
    let what = format!(
        "how the six months of history move this client's risk. The LSTM always reads {n} months, so a month it has not yet seen must be written somehow: here it is a month without card activity (repayment status \"No consumption\", bill 0, payment 0), which is how the data set itself records a quiet month. At 0 the model knows only the static attributes (limit, sex, education, marriage, age); each point to the right adds the next real month, oldest first, and the last point, with all {n} months, is exactly the score shown in the assessment. A rise means that month made the client look riskier than a quiet month would have.",
        n = steps.len()
    );
    let body = match &*prefixes {
        None => {
            html! { <p class="placeholder">{ "Fill in a valid client to see their risk month by month." }</p> }
        }
        Some(Err(message)) => html! { <p class="note" role="alert">{ message }</p> },
        Some(Ok(prefixes)) => {
            let points: Vec<(f64, f64)> = prefixes
                .iter()
                .map(|p| (p.months as f64, f64::from(p.score) * 100.0))
                .collect();
            html! {
                <>
                    <LineChart id="teach-lstm-chart" title="Probability of default after each month of history"
                        x_label="months of history seen, oldest first" y_label="P(default) %" {points} />
                    { table(prefixes, &steps) }
                </>
            }
        }
    };
    html! {
        <TeachView id="teach-lstm" title="The LSTM, month by month" {what}>
            { body }
        </TeachView>
    }
}

fn table(prefixes: &[PrefixScore], steps: &[String]) -> Html {
    html! {
        <table class="teach-table" id="teach-lstm-table">
            <caption>{ "P(default) after each month, and the change that month made" }</caption>
            <thead><tr><th scope="col">{ "History seen" }</th><th scope="col" class="num">{ "P(default)" }</th><th scope="col" class="num">{ "Change" }</th></tr></thead>
            <tbody>
                { for prefixes.iter().enumerate().map(|(i, p)| {
                    let seen = match p.months {
                        0 => "none (static attributes only)".to_owned(),
                        k => format!("to {}", steps.get(k - 1).cloned().unwrap_or_default()),
                    };
                    let change = i
                        .checked_sub(1)
                        .and_then(|j| prefixes.get(j))
                        .map_or_else(String::new, |q| format!("{:+.1} points", f64::from(p.score - q.score) * 100.0));
                    html! {
                        <tr data-months={p.months.to_string()} data-score={p.score.to_string()}>
                            <td>{ seen }</td>
                            <td class="num">{ format!("{:.1} %", f64::from(p.score) * 100.0) }</td>
                            <td class="num">{ change }</td>
                        </tr>
                    }
                }) }
            </tbody>
        </table>
    }
}
