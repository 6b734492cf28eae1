//! Native floor for batch scoring: the full ULB creditcard.csv (284,807 rows, 150 MB) through
//! the batch job in 1 MiB chunks, as the page's worker reads it, for each ULB model.
//!
//!     cargo run --release --example bench_batch [-- path/to/creditcard.csv]
//!
//! The file is the pipeline's cached copy (models/train fetches and verifies it).

use std::time::Instant;

use riskscope_core::batch::{Job, JobSettings, Mapping, read_head};
use riskscope_testkit::bench;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "models/.cache/ulb-creditcard-fraud/creditcard.csv".into());
    let bytes =
        std::fs::read(&path).map_err(|e| format!("{path}: {e} (run models/train first)"))?;
    let mb = bytes.len() as f64 / 1e6;
    println!("{path}: {mb:.1} MB");
    println!(
        "| model | rows | scored | errors | flagged | parse + score s | MB/s | rows/s | reasons s |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    for id in ["ulb-fraud-mlp", "ulb-fraud-autoencoder"] {
        let scorer = bench::model(id).supported_scorer();
        let head = read_head(&bytes[..bytes.len().min(1 << 16)])?;
        let mapping = Mapping::propose(scorer.manifest(), &head);
        let start = Instant::now();
        let mut job = Job::new(&scorer, mapping, JobSettings::default())?;
        for chunk in bytes.chunks(1 << 20) {
            job.feed(&scorer, chunk)?;
        }
        let flagged = job.finish(&scorer)?;
        let scored_s = start.elapsed().as_secs_f64();
        let start = Instant::now();
        job.explain_next(&scorer, flagged);
        let reasons_s = start.elapsed().as_secs_f64();
        let r = job.into_results();
        println!(
            "| {id} | {} | {} | {} | {flagged} | {scored_s:.3} | {:.0} | {:.0} | {reasons_s:.3} |",
            r.rows,
            r.scored.len(),
            r.errors.len(),
            mb / scored_s,
            r.rows as f64 / scored_s,
        );
        if let Some(e) = r.errors.first() {
            println!("  first error: {e}");
        }
    }
    Ok(())
}
