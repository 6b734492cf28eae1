//! Writes the fuzz targets' seed corpora, derived from the committed model files (each bundled
//! sample cut into a header and a few rows, hand-made edge cases, every manifest, every ONNX
//! file behind its manifest's pick byte), one folder per target:
//!
//!     cargo run --example fuzz_seeds -- fuzz/corpus
//!
//! `scripts/fuzz` runs it; `tests/fuzz_regressions.rs` replays the same seeds.

use riskscope_testkit::fuzzing::{SAMPLES, seeds};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "fuzz/corpus".into());
    let samples = SAMPLES
        .iter()
        .map(|id| Ok((*id, std::fs::read(format!("models/{id}/sample.csv"))?)))
        .collect::<Result<Vec<_>, std::io::Error>>()?;
    let samples: Vec<(&str, &[u8])> = samples.iter().map(|(id, b)| (*id, b.as_slice())).collect();
    let mut written = std::collections::BTreeMap::<&str, usize>::new();
    for (target, name, bytes) in seeds(&samples) {
        let dir = format!("{out}/{target}");
        std::fs::create_dir_all(&dir)?;
        std::fs::write(format!("{dir}/{name}"), bytes)?;
        *written.entry(target).or_default() += 1;
    }
    for (target, n) in written {
        println!("{out}/{target}: {n} seeds");
    }
    Ok(())
}
