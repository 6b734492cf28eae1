//! Every scored row in a table that renders only the rows in view: scrolling hundreds of
//! thousands of rows costs a few dozen rows of DOM, and only this component re-renders.

use web_sys::Element;
use yew::prelude::*;

use super::SharedResults;
use super::state::FlaggedReasons;
use crate::i18n::use_tr;
use crate::tr;
use riskscope_core::manifest::Manifest;

/// The order the table lists the rows in.
#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Order {
    File,
    HighFirst,
    LowFirst,
}

/// Row height in pixels (fixed in the stylesheet: the spacer rows are sized with it).
const ROW_PX: f64 = 28.0;
const VISIBLE_ROWS: usize = 14;

#[derive(Properties, PartialEq)]
pub struct VirtualTableProps {
    pub manifest: Manifest,
    pub results: SharedResults,
    pub reasons: FlaggedReasons,
    pub order: Order,
    pub cutoff: f64,
}

#[component]
pub fn VirtualTable(props: &VirtualTableProps) -> Html {
    let tr = use_tr();
    let r = &props.results.0;
    let manifest = &props.manifest;
    let first = use_state(|| 0usize);
    let sorted = use_memo((props.results.clone(), props.order), |(results, order)| {
        let scored = &results.0.scored;
        let mut idx: Vec<u32> = (0..scored.len() as u32).collect();
        let score = |i: u32| scored[i as usize].score;
        match order {
            Order::File => {}
            Order::HighFirst => idx.sort_by(|&a, &b| score(b).total_cmp(&score(a))),
            Order::LowFirst => idx.sort_by(|&a, &b| score(a).total_cmp(&score(b))),
        }
        idx
    });
    let on_scroll = {
        let first = first.clone();
        Callback::from(move |e: Event| {
            let el: Element = e.target_unchecked_into();
            first.set((f64::from(el.scroll_top()) / ROW_PX) as usize);
        })
    };
    let total = sorted.len();
    let start = (*first).min(total.saturating_sub(VISIBLE_ROWS));
    let end = (start + VISIBLE_ROWS + 2).min(total);
    let has_labels = r.has_labels();
    let rows = sorted[start..end].iter().map(|&i| {
        let s = &r.scored[i as usize];
        let flagged = f64::from(s.score) >= props.cutoff;
        let reason = props
            .reasons
            .of(i)
            .first()
            .and_then(|&j| manifest.features.get(usize::from(j)))
            .map(|f| f.label.clone())
            .unwrap_or_default();
        html! {
            <tr class={classes!(flagged.then_some("flagged"))}>
                <td>{ s.row }</td>
                <td class="num">{ tr.num(f64::from(s.score), 4) }</td>
                <td>{ if flagged { &manifest.decision.at_or_above } else { &manifest.decision.below } }</td>
                <td>{ reason }</td>
                if has_labels {
                    <td>{ if r.labels[i as usize] { "1" } else { "0" } }</td>
                }
            </tr>
        }
    });
    html! {
        <div class="table-scroll" id="batch-table" onscroll={on_scroll} tabindex="0" aria-label={tr!(tr, "batch-table")}
            data-total={total.to_string()}>
            <table class="virtual">
                <thead><tr>
                    <th scope="col">{ tr!(tr, "batch-table-row") }</th>
                    <th scope="col">{ tr!(tr, "batch-table-score") }</th>
                    <th scope="col">{ tr!(tr, "batch-table-decision") }</th>
                    <th scope="col">{ tr!(tr, "batch-table-reason") }</th>
                    if has_labels { <th scope="col">{ tr!(tr, "batch-table-label") }</th> }
                </tr></thead>
                <tbody>
                    <tr class="spacer" style={format!("height: {}px", start as f64 * ROW_PX)} aria-hidden="true" />
                    { for rows }
                    <tr class="spacer" style={format!("height: {}px", (total - end) as f64 * ROW_PX)} aria-hidden="true" />
                </tbody>
            </table>
        </div>
    }
}
