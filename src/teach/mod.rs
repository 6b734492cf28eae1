//! The "Teach" section: how the model on screen works, in views a student can read. Each view
//! shows only for the models it applies to and explains what it shows in plain words; all the
//! computing is the core's (`riskscope_core::teach`). Nothing is computed until the section is opened.

mod anatomy_view;
mod compare_view;
mod history_view;
mod reconstruction_view;
mod scorecard_view;

use yew::prelude::*;

use super::hooks::SharedScorer;
use super::i18n::use_tr;
use super::state::Outcome;
use crate::tr;
use riskscope_core::catalog::CatalogEntry;
use riskscope_core::manifest::OutputKind;
use riskscope_core::teach::anatomy::{Family, anatomy};

use anatomy_view::AnatomyView;
use compare_view::CompareView;
use history_view::HistoryView;
use reconstruction_view::ReconstructionView;
use scorecard_view::ScorecardView;

#[derive(Properties, PartialEq)]
pub struct TeachPanelProps {
    pub scorer: SharedScorer,
    pub entry: CatalogEntry,
    /// The form's outcome: the applicant on screen, when one parsed.
    pub outcome: Outcome,
}

/// One view's frame: its heading and its "What you are seeing" paragraph.
#[derive(Properties, PartialEq)]
pub struct ViewProps {
    pub id: &'static str,
    /// The heading, in the page's language.
    pub title: String,
    pub what: String,
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn TeachView(props: &ViewProps) -> Html {
    let tr = use_tr();
    let heading = format!("{}-title", props.id);
    html! {
        <section id={props.id} class="teach-view" aria-labelledby={heading.clone()}>
            <h3 id={heading}>{ &props.title }</h3>
            <p class="teach-what"><strong>{ tr!(tr, "teach-what-label") }</strong>{ &props.what }</p>
            { props.children.clone() }
        </section>
    }
}

#[component]
pub fn TeachPanel(props: &TeachPanelProps) -> Html {
    let tr = use_tr();
    let open = use_state(|| false);
    let on_toggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            // Once opened, the views stay: closing the section keeps what they loaded.
            let details: Option<web_sys::Element> = e.target_dyn_into();
            if details.is_some_and(|d| d.has_attribute("open")) {
                open.set(true);
            }
        })
    };
    // Read once, when the section is first opened: the ONNX bytes the page already holds.
    let anatomy = use_memo((props.scorer.clone(), *open), |(scorer, open)| {
        open.then(|| anatomy(scorer.manifest(), &scorer.files.onnx))
    });
    let recurrent =
        matches!(&*anatomy, Some(Ok(a)) if matches!(a.family, Family::Recurrent { .. }));
    let manifest = props.scorer.manifest();
    let scored = match &props.outcome {
        Outcome::Scored { scored, .. } => Some(scored.clone()),
        _ => None,
    };
    let body = if *open {
        html! {
            <>
                if let Some(anatomy) = (*anatomy).clone() {
                    <AnatomyView {anatomy} />
                }
                if manifest.scorecard.is_some() {
                    <ScorecardView scorer={props.scorer.clone()} entry={props.entry.clone()}
                        points={scored.as_ref().and_then(|s| s.points.clone())} />
                }
                if manifest.sequence.is_some() && recurrent {
                    <HistoryView scorer={props.scorer.clone()} applicant={scored.as_ref().map(|s| s.applicant.clone())} />
                }
                if manifest.model.output.kind == OutputKind::AnomalyScore && manifest.model.output.feature_errors.is_some() {
                    <ReconstructionView scorer={props.scorer.clone()} assessment={scored.as_ref().map(|s| s.assessment.clone())} />
                }
                <CompareView scorer={props.scorer.clone()} entry={props.entry.clone()}
                    applicant={scored.as_ref().map(|s| s.applicant.clone())} />
            </>
        }
    } else {
        Html::default()
    };
    html! {
        <details id="teach" class="teach" ontoggle={on_toggle}>
            <summary>{ tr!(tr, "teach-summary") }</summary>
            { body }
        </details>
    }
}
