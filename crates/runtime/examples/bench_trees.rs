//! Native benchmark of tree ensembles: RiskScope's own tree operator against tract's, and
//! onnxruntime (single thread, timed in the same run by the pipeline's Python), on the corpus's
//! bench files (`tests/fixtures/onnx-ml/bench-*.onnx`: LightGBM and XGBoost with 300 trees of
//! depth 6, a random forest of 200 trees of depth 8, on Taiwan's 23 columns).
//!
//! `cargo run --release -p riskscope-runtime --example bench_trees` prints a table: batch 4096
//! rows/s and one row's median µs for each runtime, and the ratios. tract's own operator is
//! timed on 64 rows (it needs milliseconds a row). Without the pipeline's environment
//! (`models/.venv`), the onnxruntime columns are left empty.

use std::path::{Path, PathBuf};
use std::time::Instant;

use riskscope_runtime::graph;
use tract_onnx::prelude::*;

const BATCH: usize = 4096;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/onnx-ml")
}

/// The golden rows of a bench file (row-major) and their width.
fn rows(name: &str) -> Result<(Vec<f32>, usize), String> {
    let text = std::fs::read_to_string(fixtures().join(format!("{name}.json")))
        .map_err(|e| e.to_string())?;
    let json: serde_json::Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    let input = &json["inputs"][0];
    let width = input["shape"][1].as_u64().ok_or("no width")? as usize;
    let values = input["values"]
        .as_array()
        .ok_or("no values")?
        .iter()
        .map(|v| v.as_f64().map_or(f32::NAN, |f| f as f32))
        .collect();
    Ok((values, width))
}

/// The tensor holding the probabilities: the ZipMap's input where there is one.
fn probabilities(onnx: &[u8]) -> Result<String, String> {
    let file = graph::read(onnx)?;
    let g = file.graph.ok_or("no graph")?;
    if let Some(z) = g.nodes.iter().find(|n| n.op_type == "ZipMap") {
        return Ok(z.inputs[0].clone());
    }
    let classifier = g
        .nodes
        .iter()
        .find(|n| n.op_type.starts_with("TreeEnsemble"))
        .ok_or("no tree ensemble")?;
    Ok(classifier.outputs.last().cloned().unwrap_or_default())
}

type Plan = Arc<TypedRunnableModel>;

fn plan(onnx: &[u8], parser: tract_onnx::Onnx, output: &str, width: usize) -> TractResult<Plan> {
    let mut model = parser.model_for_read(&mut std::io::Cursor::new(onnx))?;
    let n = model.sym("N");
    model.set_input_fact(0, f32::fact([TDim::from(n), TDim::from(width)]).into())?;
    model.select_outputs_by_name([output])?;
    model.into_optimized()?.into_runnable()
}

fn run(plan: &Plan, rows: &[f32], width: usize) -> TractResult<()> {
    let input = Tensor::from_shape(&[rows.len() / width, width], rows)?;
    plan.run(tvec!(input.into_tvalue()))?;
    Ok(())
}

/// (rows per second at `batch`, the best of 2 s of timings; median µs of one row).
fn time(plan: &Plan, golden: &[f32], width: usize, batch: usize) -> TractResult<(f64, f64)> {
    let rows: Vec<f32> = golden.iter().copied().cycle().take(batch * width).collect();
    run(plan, &rows, width)?;
    // This machine's speed drifts within a second: the best of many short timings is the
    // steadiest figure of what the code can do.
    let mut best = f64::INFINITY;
    let start = Instant::now();
    while start.elapsed().as_secs_f64() < 2.0 {
        let t = Instant::now();
        run(plan, &rows, width)?;
        best = best.min(t.elapsed().as_secs_f64());
    }
    let per_s = batch as f64 / best;
    let mut single: Vec<f64> = Vec::new();
    for row in golden
        .chunks_exact(width)
        .cycle()
        .take(if batch < 256 { 50 } else { 2000 })
    {
        let t = Instant::now();
        run(plan, row, width)?;
        single.push(t.elapsed().as_secs_f64() * 1e6);
    }
    single.sort_by(f64::total_cmp);
    Ok((per_s, single[single.len() / 2]))
}

/// onnxruntime's (rows/s at 4096, the best of 2 s of timings; median µs of one row, Python's
/// call included), single-threaded, on the same rows.
fn onnxruntime(name: &str) -> Option<(f64, f64)> {
    let python = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models/.venv/bin/python");
    let script = r#"
import json, sys, time
import numpy as np, onnxruntime as ort
name, folder = sys.argv[1], sys.argv[2]
d = json.load(open(f"{folder}/{name}.json"))
x = np.array([np.nan if v is None else v for v in d["inputs"][0]["values"]], np.float32).reshape(d["inputs"][0]["shape"])
o = ort.SessionOptions(); o.intra_op_num_threads = 1; o.inter_op_num_threads = 1
s = ort.InferenceSession(f"{folder}/{name}.onnx", o, providers=["CPUExecutionProvider"])
label = s.get_outputs()[0].name
inp = s.get_inputs()[0].name
big = np.resize(x, (4096, x.shape[1]))
s.run([label], {inp: big})
runs = []
start = time.perf_counter()
while time.perf_counter() - start < 2.0:
    t = time.perf_counter(); s.run([label], {inp: big}); runs.append(time.perf_counter() - t)
one = []
for i in range(2000):
    r = x[i % len(x):i % len(x) + 1]
    t = time.perf_counter(); s.run([label], {inp: r}); one.append(time.perf_counter() - t)
print(4096 / min(runs), sorted(one)[1000] * 1e6)
"#;
    let out = std::process::Command::new(python)
        .args(["-c", script, name, &fixtures().to_string_lossy()])
        .output()
        .ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    let mut it = text
        .split_whitespace()
        .filter_map(|v| v.parse::<f64>().ok());
    Some((it.next()?, it.next()?))
}

fn main() -> Result<(), String> {
    println!(
        "| model | own rows/s (4096) | own µs/row | tract's rows/s | tract's µs/row | onnxruntime rows/s | onnxruntime µs/row | own / tract | own / onnxruntime |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    for name in [
        "bench-lightgbm-300",
        "bench-xgboost-300",
        "bench-random-forest-200",
    ] {
        let onnx =
            std::fs::read(fixtures().join(format!("{name}.onnx"))).map_err(|e| e.to_string())?;
        let (golden, width) = rows(name)?;
        let output = probabilities(&onnx)?;
        let own = plan(&onnx, riskscope_runtime::ml::onnx(), &output, width)
            .map_err(|e| format!("{e:#}"))?;
        let (own_s, own_us) = time(&own, &golden, width, BATCH).map_err(|e| format!("{e:#}"))?;
        let theirs = plan(&onnx, tract_onnx::onnx(), &output, width)
            .and_then(|p| time(&p, &golden, width, 64));
        let (t_s, t_us) = theirs.map_or((f64::NAN, f64::NAN), |t| t);
        let (o_s, o_us) = onnxruntime(name).unwrap_or((f64::NAN, f64::NAN));
        println!(
            "| {name} | {own_s:.0} | {own_us:.1} | {t_s:.0} | {t_us:.0} | {o_s:.0} | {o_us:.1} | {:.0}× | {:.2}× |",
            own_s / t_s,
            own_s / o_s
        );
    }
    Ok(())
}
