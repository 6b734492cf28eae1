//! Native benchmark of every catalog model: load time, single-row latency and batch throughput.
//!
//! `cargo run --release --example bench_models` prints a table; it is the native floor that
//! the browser figures are measured against. Rows are the model's golden rows, repeated. Batch
//! throughput is given twice: applicants in (encoding included, as the page's batch scoring
//! runs), and the model alone on rows already encoded (as `tests/e2e/bench.mjs` times tract and
//! onnxruntime-web), run for at least a second so that `perf record` sees mostly the model.
//! Arguments, if any, keep only the models whose id contains one of them (for `perf record`).

use std::time::Instant;

use riskscope_core::applicant::{Applicant, RawApplicant};
use riskscope_core::catalog::Catalog;
use riskscope_core::encoding;
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

fn text(path: &std::path::Path) -> Result<String, String> {
    String::from_utf8(read(path)?).map_err(|e| format!("{}: {e}", path.display()))
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

fn percentile(mut xs: Vec<f64>, q: f64) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[((xs.len() - 1) as f64 * q).round() as usize]
}

fn main() -> Result<(), String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("models");
    let catalog = Catalog::parse(&text(&root.join("catalog.json"))?).map_err(|e| e.to_string())?;
    println!(
        "| model | ONNX bytes | load + optimise ms | single row median µs | p95 µs | batch 4096 rows/s | model alone, batch 4096 rows/s |"
    );
    println!("|---|---|---|---|---|---|---|");
    let only: Vec<String> = std::env::args().skip(1).collect();
    for entry in &catalog.models {
        if !only.is_empty() && !only.iter().any(|o| entry.id.contains(o.as_str())) {
            continue;
        }
        let manifest = text(&root.join(&entry.manifest))?;
        let onnx = read(&root.join(&entry.onnx))?;
        let start = Instant::now();
        let scorer = Scorer::load(&manifest, &onnx).map_err(|e| e.to_string())?;
        let load_ms = start.elapsed().as_secs_f64() * 1e3;

        let golden_path = root.join(&entry.id).join("golden.json");
        let golden: Golden =
            serde_json::from_str(&text(&golden_path)?).map_err(|e| e.to_string())?;
        let applicants: Vec<Applicant> = golden
            .rows
            .iter()
            .map(|r| scorer.parse(&r.raw.iter().collect::<RawApplicant>()))
            .collect::<Result<_, _>>()
            .map_err(|e| e.to_string())?;

        for a in applicants.iter().take(100) {
            scorer.assess(a).map_err(|e| e.to_string())?;
        }
        let mut single = Vec::with_capacity(2000);
        for a in applicants.iter().cycle().take(2000) {
            let t = Instant::now();
            scorer.assess(a).map_err(|e| e.to_string())?;
            single.push(t.elapsed().as_secs_f64() * 1e6);
        }
        let batch: Vec<Applicant> = applicants.iter().cycle().take(4096).cloned().collect();
        scorer.assess_many(&batch).map_err(|e| e.to_string())?;
        let t = Instant::now();
        let rounds = 20;
        for _ in 0..rounds {
            scorer.assess_many(&batch).map_err(|e| e.to_string())?;
        }
        let rows_per_s = (rounds * batch.len()) as f64 / t.elapsed().as_secs_f64();
        let encoded = encoding::encode(scorer.manifest(), &batch).map_err(|e| e.to_string())?;
        let t = Instant::now();
        let mut calls = 0;
        while calls == 0 || t.elapsed().as_secs_f64() < 1.0 {
            scorer.predict_rows(&encoded).map_err(|e| e.to_string())?;
            calls += 1;
        }
        let model_rows_per_s = (calls * batch.len()) as f64 / t.elapsed().as_secs_f64();
        println!(
            "| {} | {} | {:.1} | {:.1} | {:.1} | {:.0} | {:.0} |",
            entry.id,
            onnx.len(),
            load_ms,
            median(single.clone()),
            percentile(single, 0.95),
            rows_per_s,
            model_rows_per_s
        );
    }
    Ok(())
}
