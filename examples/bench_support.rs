//! Native benchmark of decision support per catalog model: what-if latency (score plus
//! attribution of one applicant, as the page does on every change) and counterfactual search.
//!
//! `cargo run --release --example bench_support` prints a table. Applicants are the model's
//! golden rows; the search runs on the flagged ones. The page prints its own timings too
//! (`#attribution-time`, `#recourse-time`), which the end-to-end tests report for wasm.

use std::time::Instant;

use riskscope_core::assessment::Decision;
use riskscope_core::recourse::{self, Lock, SearchSettings};
use riskscope_testkit::bench::{models_matching, percentile};

fn main() -> Result<(), String> {
    println!(
        "| model | method | attach reference ms | score + attribution median ms | p95 ms | counterfactual search median ms | p95 ms | found (of searched) |"
    );
    println!("|---|---|---|---|---|---|---|---|");
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
        let mut method = String::new();
        for applicant in applicants.iter().take(100) {
            let start = Instant::now();
            scorer.assess(applicant).map_err(|e| e.to_string())?;
            let a = scorer.explain(applicant).map_err(|e| e.to_string())?;
            what_if.push(start.elapsed().as_secs_f64() * 1e3);
            method = format!("{:?}", a.method);
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
        println!(
            "| {} | {method} | {attach_ms:.1} | {:.2} | {:.2} | {:.0} | {:.0} | {found} of {n_search} |",
            model.id,
            percentile(&mut what_if, 0.5),
            percentile(&mut what_if, 0.95),
            percentile(&mut search, 0.5),
            percentile(&mut search, 0.95),
        );
    }
    Ok(())
}
