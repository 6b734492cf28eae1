//! Native benchmark of decision support per catalog model: what-if latency (score plus
//! attribution of one applicant, as the page does on every change) and counterfactual search.
//!
//! `cargo run --release --example bench_support` prints a table. Applicants are the model's
//! golden rows; the search runs on the flagged ones. The page prints its own timings too
//! (`#attribution-time`, `#recourse-time`), which the end-to-end tests report for wasm.

use std::time::Instant;

use riskscope_core::applicant::{Applicant, RawApplicant};
use riskscope_core::assessment::Decision;
use riskscope_core::catalog::Catalog;
use riskscope_core::recourse::{self, Lock, SearchSettings};
use riskscope_core::scorer::Scorer;
use serde::Deserialize;

#[derive(Deserialize)]
struct Golden {
    rows: Vec<GoldenRow>,
}

#[derive(Deserialize)]
struct GoldenRow {
    raw: std::collections::BTreeMap<String, String>,
}

fn read(path: &std::path::Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn percentile(xs: &mut [f64], q: f64) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs.get(((xs.len().max(1) - 1) as f64 * q).round() as usize)
        .copied()
        .unwrap_or(f64::NAN)
}

fn main() -> Result<(), String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("models");
    let text = |p: &std::path::Path| -> Result<String, String> {
        String::from_utf8(read(p)?).map_err(|e| format!("{}: {e}", p.display()))
    };
    let catalog = Catalog::parse(&text(&root.join("catalog.json"))?).map_err(|e| e.to_string())?;
    println!(
        "| model | method | attach reference ms | score + attribution median ms | p95 ms | counterfactual search median ms | p95 ms | found (of searched) |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    for entry in &catalog.models {
        let mut scorer = Scorer::load(
            &text(&root.join(&entry.manifest))?,
            &read(&root.join(&entry.onnx))?,
        )
        .map_err(|e| e.to_string())?;
        let start = Instant::now();
        scorer
            .attach_reference(&read(&root.join(&entry.id).join("reference.json"))?)
            .map_err(|e| e.to_string())?;
        let attach_ms = start.elapsed().as_secs_f64() * 1e3;
        let golden: Golden =
            serde_json::from_str(&text(&root.join(&entry.id).join("golden.json"))?)
                .map_err(|e| e.to_string())?;
        let applicants: Vec<Applicant> = golden
            .rows
            .iter()
            .map(|r| {
                let raw: RawApplicant = r
                    .raw
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.as_str()))
                    .collect();
                scorer.parse(&raw).map_err(|e| e.to_string())
            })
            .collect::<Result<_, _>>()?;

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
            entry.id,
            percentile(&mut what_if, 0.5),
            percentile(&mut what_if, 0.95),
            percentile(&mut search, 0.5),
            percentile(&mut search, 0.95),
        );
    }
    Ok(())
}
