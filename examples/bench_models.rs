//! Native benchmark of every catalog model: load time, single-row latency and batch throughput.
//!
//! `cargo run --release --example bench_models` prints a table; it is the native floor that
//! the browser figures are measured against. Rows are the model's golden rows, repeated. Batch
//! throughput is given twice: applicants in (encoding included, as the page's batch scoring
//! runs), and the model alone on rows already encoded (as `tests/e2e/bench.mjs` times tract and
//! onnxruntime-web), run for at least a second so that `perf record` sees mostly the model.
//! Arguments, if any, keep only the models whose id contains one of them (for `perf record`).

use std::time::Instant;

use riskscope_core::applicant::Applicant;
use riskscope_core::encoding;
use riskscope_testkit::bench::{models_matching, percentile};

fn main() -> Result<(), String> {
    println!(
        "| model | ONNX bytes | load + optimise ms | single row median µs | p95 µs | batch 4096 rows/s | model alone, batch 4096 rows/s |"
    );
    println!("|---|---|---|---|---|---|---|");
    let only: Vec<String> = std::env::args().skip(1).collect();
    for model in models_matching(&only) {
        let start = Instant::now();
        let scorer = model.scorer();
        let load_ms = start.elapsed().as_secs_f64() * 1e3;
        let applicants = model.applicants(&scorer);

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
            model.id,
            model.onnx.len(),
            load_ms,
            percentile(&mut single, 0.5),
            percentile(&mut single, 0.95),
            rows_per_s,
            model_rows_per_s
        );
    }
    Ok(())
}
