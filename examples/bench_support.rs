//! Native benchmark of decision support per catalog model: what-if latency (score plus
//! attribution of one applicant, as the page does on every change) and counterfactual search.
//!
//! `cargo run --release --example bench_support [ID-PART…]` prints a table. Applicants are the
//! model's golden rows; the search runs on the flagged ones. For a model explained exactly from
//! its trees, the last columns time the permutation sampling it would otherwise get (one walk
//! per background row), side by side in the same run. The page prints its own timings too
//! (`#attribution-time`, `#recourse-time`), which the end-to-end tests report for wasm.

use std::time::Instant;

use riskscope_core::assessment::Decision;
use riskscope_core::encoding;
use riskscope_core::recourse::{self, Lock, SearchSettings};
use riskscope_testkit::bench::{models_matching, percentile};

fn main() -> Result<(), String> {
    println!(
        "| model | method | attach reference ms | score + attribution median ms | p95 ms | counterfactual search median ms | p95 ms | found (of searched) | sampled instead: median ms | p95 ms |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|");
    let only: Vec<String> = std::env::args().skip(1).collect();
    for model in models_matching(&only) {
        let mut scorer = model.scorer();
        let start = Instant::now();
        scorer
            .attach_reference(model.reference)
            .map_err(|e| e.to_string())?;
        let attach_ms = start.elapsed().as_secs_f64() * 1e3;
        let applicants = model.applicants(&scorer);

        let mut what_if = Vec::new();
        let mut sampled = Vec::new();
        let mut method = String::new();
        let explainer = scorer.explainer().ok_or("no explainer")?;
        let m = scorer.manifest();
        let players: Vec<Vec<usize>> = (0..m.features.len()).map(|j| vec![j]).collect();
        for applicant in applicants.iter().take(100) {
            let start = Instant::now();
            scorer.assess(applicant).map_err(|e| e.to_string())?;
            let a = scorer.explain(applicant).map_err(|e| e.to_string())?;
            what_if.push(start.elapsed().as_secs_f64() * 1e3);
            method = format!("{:?}", a.method);
            if explainer.is_tree() {
                let start = Instant::now();
                scorer.assess(applicant).map_err(|e| e.to_string())?;
                let x = encoding::encode(m, std::slice::from_ref(applicant))
                    .map_err(|e| e.to_string())?;
                let walks = explainer.n_background();
                explainer
                    .explain_sampled(&x, &players, walks, &|rows| scorer.predict_rows(rows))
                    .map_err(|e| e.to_string())?;
                sampled.push(start.elapsed().as_secs_f64() * 1e3);
            }
        }
        let locks = vec![Lock::Free; scorer.manifest().features.len()];
        let cutoff = scorer.manifest().decision.cutoff;
        let mut search = Vec::new();
        let mut found = 0;
        for applicant in applicants
            .iter()
            .filter(|a| {
                scorer
                    .assess(a)
                    .is_ok_and(|s| s.decision == Decision::Flagged)
            })
            .take(20)
        {
            let start = Instant::now();
            let list = recourse::counterfactuals(
                &scorer,
                applicant,
                &locks,
                cutoff,
                SearchSettings::default(),
            )
            .map_err(|e| e.to_string())?;
            search.push(start.elapsed().as_secs_f64() * 1e3);
            found += usize::from(!list.is_empty());
        }
        let n_search = search.len();
        let sampled = if sampled.is_empty() {
            "— | —".to_owned()
        } else {
            format!(
                "{:.2} | {:.2}",
                percentile(&mut sampled, 0.5),
                percentile(&mut sampled, 0.95)
            )
        };
        println!(
            "| {} | {method} | {attach_ms:.1} | {:.2} | {:.2} | {:.0} | {:.0} | {found} of {n_search} | {sampled} |",
            model.id,
            percentile(&mut what_if, 0.5),
            percentile(&mut what_if, 0.95),
            percentile(&mut search, 0.5),
            percentile(&mut search, 0.95),
        );
    }
    Ok(())
}
