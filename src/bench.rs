//! The page's benchmark entry points (issue 8): exported to JavaScript (`window.wasmBindings`),
//! driven by `tests/e2e/bench.mjs`, which runs onnxruntime-web on the same rows in the same page.
//! Timing happens here, in blocks of calls, because the page's clock is coarsened to 0.1 ms.

use wasm_bindgen::prelude::*;

use riskscope_core::applicant::Applicant;
use riskscope_core::batch::{Mapping, read_head};
use riskscope_core::byo::{Draft, complete};
use riskscope_core::compat;
use riskscope_core::encoding;
use riskscope_core::scorer::Scorer;

fn now_ms() -> f64 {
    let global = js_sys::global();
    js_sys::Reflect::get(&global, &JsValue::from_str("performance"))
        .ok()
        .and_then(|p| p.dyn_into::<web_sys::Performance>().ok())
        .map_or(0.0, |p| p.now())
}

fn js(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

/// One catalog model with its bundled sample parsed and encoded.
#[wasm_bindgen]
pub struct BenchModel {
    scorer: Scorer,
    applicants: Vec<Applicant>,
    rows: Vec<f32>,
    load_ms: f64,
    reference_ms: f64,
}

#[wasm_bindgen]
impl BenchModel {
    /// Loads and optimises the model (timed), attaches its reference sample (timed) and parses
    /// the sample CSV.
    #[wasm_bindgen(constructor)]
    pub fn new(
        manifest: &str,
        onnx: &[u8],
        reference: &[u8],
        sample: &[u8],
    ) -> Result<BenchModel, JsError> {
        let t0 = now_ms();
        let mut scorer = Scorer::load(manifest, onnx).map_err(js)?;
        let load_ms = now_ms() - t0;
        let t1 = now_ms();
        scorer.attach_reference(reference).map_err(js)?;
        let reference_ms = now_ms() - t1;
        let m = scorer.manifest();
        let mapping = Mapping::propose(m, &read_head(sample).map_err(js)?);
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(mapping.separator)
            .from_reader(sample);
        let mut applicants = Vec::new();
        for record in reader.records() {
            let record = record.map_err(js)?;
            applicants.push(mapping.applicant(m, |c| record.get(c)).map_err(js)?);
        }
        let rows = encoding::encode(m, &applicants).map_err(js)?;
        Ok(BenchModel {
            scorer,
            applicants,
            rows,
            load_ms,
            reference_ms,
        })
    }

    /// Load and optimise, in ms.
    pub fn load_ms(&self) -> f64 {
        self.load_ms
    }

    /// Attaching the reference sample (scoring its background), in ms.
    pub fn reference_ms(&self) -> f64 {
        self.reference_ms
    }

    pub fn width(&self) -> usize {
        self.scorer.manifest().input_width()
    }

    pub fn n_rows(&self) -> usize {
        self.applicants.len()
    }

    /// The encoded sample rows, row-major: what onnxruntime-web is given.
    pub fn inputs(&self) -> Vec<f32> {
        self.rows.clone()
    }

    /// tract's scores of every sample row, one batched call.
    pub fn scores(&self) -> Result<Vec<f32>, JsError> {
        self.scorer.predict_rows(&self.rows).map_err(js)
    }

    /// Mean ms per single-row call, per block of `per_block` calls, over `blocks` blocks,
    /// cycling through the sample; with `attribution`, each call also explains the row.
    pub fn single(
        &self,
        blocks: usize,
        per_block: usize,
        attribution: bool,
    ) -> Result<Vec<f64>, JsError> {
        let width = self.width();
        let n = self.n_rows().max(1);
        let mut times = Vec::with_capacity(blocks);
        let mut k = 0;
        for _ in 0..blocks {
            let t = now_ms();
            for _ in 0..per_block {
                let i = k % n;
                k += 1;
                if attribution {
                    let applicant = &self.applicants[i];
                    self.scorer.assess(applicant).map_err(js)?;
                    self.scorer.explain(applicant).map_err(js)?;
                } else {
                    self.scorer
                        .predict_rows(&self.rows[i * width..(i + 1) * width])
                        .map_err(js)?;
                }
            }
            times.push((now_ms() - t) / per_block as f64);
        }
        Ok(times)
    }

    /// Rows per second scoring `total` rows (the sample repeated) in calls of `batch` rows, in
    /// as many whole passes as take `min_ms` of scoring.
    pub fn throughput(&self, batch: usize, total: usize, min_ms: f64) -> Result<f64, JsError> {
        let width = self.width();
        let n = self.n_rows().max(1);
        let batch = batch.max(1);
        let mut buffer = vec![0.0f32; batch * width];
        let mut done = 0;
        let mut next = 0;
        let mut elapsed = 0.0;
        // Whole passes over `total` rows until the scoring took `min_ms` at least: one pass over
        // the German data set at batch 4096 is a single sub-millisecond call, too short to time.
        let mut passes = 0;
        while passes == 0 || (elapsed < min_ms && total > 0) {
            passes += 1;
            let mut pass_done = 0;
            while pass_done < total {
                let rows = batch.min(total - pass_done);
                for r in 0..rows {
                    let i = (next + r) % n;
                    buffer[r * width..(r + 1) * width]
                        .copy_from_slice(&self.rows[i * width..(i + 1) * width]);
                }
                next = (next + rows) % n;
                let t = now_ms();
                self.scorer
                    .predict_rows(&buffer[..rows * width])
                    .map_err(js)?;
                elapsed += now_ms() - t;
                done += rows;
                pass_done += rows;
            }
        }
        Ok(done as f64 / (elapsed / 1000.0).max(1e-9))
    }
}

/// A model file with no manifest, completed as "Bring your own model" completes it from a
/// labelled data file: `[manifest text, reference bytes]` (the benchmark's corpus models, which
/// are default exports of practitioners' models and not in the catalog).
#[wasm_bindgen]
pub fn bench_brought(onnx: &[u8], data: &[u8]) -> Result<js_sys::Array, JsError> {
    let mut draft = Draft::propose(&compat::check(onnx, None)).map_err(js)?;
    draft.fill_from_data(data, None).map_err(js)?;
    let completed = complete(&draft, onnx, Some(data)).map_err(js)?;
    let reference = completed
        .reference
        .ok_or_else(|| JsError::new("the data file gave no reference sample"))?;
    let files = js_sys::Array::new();
    files.push(&JsValue::from_str(&completed.manifest));
    files.push(&js_sys::Uint8Array::from(reference.bytes.as_slice()));
    Ok(files)
}
