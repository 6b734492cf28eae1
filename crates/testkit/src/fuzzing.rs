//! The fuzz targets' bodies (`fuzz/fuzz_targets/`), shared with the regression test that
//! replays their seeds and minimised crash inputs (`tests/fuzz_regressions.rs`).
//!
//! Each function takes arbitrary bytes, drives the same path the page does, and asserts the
//! invariants that path promises. A panic here is a finding: the fuzzer keeps its input, the
//! regression test replays it. Not part of the page; the committed model files are compiled in
//! so the targets need no paths.

// Panicking on a broken invariant is what these checks are for; the page never calls them.
#![allow(clippy::panic, clippy::expect_used)]

use std::sync::OnceLock;

use crate::exports::check_exports;
use riskscope_core::applicant::{Applicant, RawApplicant, Value};
use riskscope_core::assessment::Assessment;
use riskscope_core::batch::job::MAX_GROUPS;
use riskscope_core::batch::{BatchResults, FileHead, JobSettings, Mapping, read_head, score_bytes};
use riskscope_core::compat;
use riskscope_core::encoding;
use riskscope_core::evaluation::{Ranking, brier, calibration, fairness, histogram};
use riskscope_core::manifest::{FeatureKind, Manifest, OutputKind};
use riskscope_core::scorer::{Scorer, sha256_hex};

pub use crate::models::{MODELS, ModelFiles};

/// The models a CSV is scored with, and whether with their reference sample: one per data set
/// and encoding (one-hot and additive, WOE, numeric with a history, numeric with sampled
/// reasons), and one without a reference, as a user's own model may come (no drift, no
/// reasons). A file goes to every one whose attributes its header names; otherwise under the
/// first one's header.
const CSV_MODELS: [(usize, bool); 5] = [(0, true), (1, true), (4, true), (5, true), (0, false)];

/// The page reads a file's header from its first 64 KiB (`src/batch/worker.rs`).
const HEAD_BYTES: usize = 64 * 1024;

fn csv_scorers() -> &'static [Scorer] {
    static SCORERS: OnceLock<Vec<Scorer>> = OnceLock::new();
    SCORERS.get_or_init(|| {
        CSV_MODELS
            .iter()
            .map(|&(k, with_reference)| {
                let files = &MODELS[k];
                let mut scorer =
                    Scorer::load(files.manifest, files.onnx).expect("a committed model loads");
                if with_reference {
                    scorer
                        .attach_reference(files.reference)
                        .expect("a committed reference sample attaches");
                }
                scorer
            })
            .collect()
    })
}

fn manifests() -> &'static [Manifest] {
    static MANIFESTS: OnceLock<Vec<Manifest>> = OnceLock::new();
    MANIFESTS.get_or_init(|| {
        MODELS
            .iter()
            .map(|m| Manifest::parse(m.manifest).expect("a committed manifest parses"))
            .collect()
    })
}

/// A header line naming the model's features in manifest order, then the label `defaulted`.
fn fallback_header(manifest: &Manifest) -> Vec<u8> {
    let mut names: Vec<&str> = manifest.features.iter().map(|f| f.name.as_str()).collect();
    names.push("defaulted");
    let mut line = names.join(",").into_bytes();
    line.push(b'\n');
    line
}

/// Fuzz target `csv_batch`: a file scored as the page scores it (header read from its start,
/// mapping proposed, rows fed in chunks, reasons, exports, evaluation), by every CSV model its
/// header fits, or under the first model's header when it fits none.
pub fn csv_batch(data: &[u8]) {
    let scorers = csv_scorers();
    let mut fitted = false;
    if let Ok(head) = read_head(&data[..data.len().min(HEAD_BYTES)]) {
        for scorer in scorers {
            let mapping = Mapping::propose(scorer.manifest(), &head);
            if mapping.unmatched(scorer.manifest()).is_empty() {
                fitted = true;
                check_file(scorer, &head, mapping, data);
            }
        }
    }
    if !fitted {
        let scorer = &scorers[0];
        let mut file = fallback_header(scorer.manifest());
        file.extend_from_slice(data);
        let head =
            read_head(&file[..file.len().min(HEAD_BYTES)]).expect("the fallback header reads");
        let mapping = Mapping::propose(scorer.manifest(), &head);
        assert!(mapping.unmatched(scorer.manifest()).is_empty());
        assert!(
            mapping.label.is_some(),
            "the fallback header's label is found"
        );
        check_file(scorer, &head, mapping, &file);
    }
}

fn check_file(scorer: &Scorer, head: &FileHead, mapping: Mapping, data: &[u8]) {
    let manifest = scorer.manifest();
    assert_eq!(mapping.columns, head.columns);
    assert_eq!(mapping.features.len(), manifest.features.len());
    let whole = score_bytes(
        scorer,
        mapping.clone(),
        JobSettings::default(),
        data,
        data.len(),
    )
    .expect("a committed model scores every parsed row");
    check_results(scorer, &mapping, &whole, data);

    // Read a byte at a time (a few at a time for longer files, to keep the fuzzer fast) and
    // scored three rows per model call: the same rows, errors, labels, groups and drift; the
    // scores equal up to the batch size's rounding, and so the reasons where a score is not
    // at the cut-off.
    let chunk = if data.len() <= 2048 { 1 } else { 7 };
    let settings = JobSettings {
        batch_rows: 3,
        ..JobSettings::default()
    };
    let small = score_bytes(scorer, mapping.clone(), settings, data, chunk)
        .expect("a committed model scores every parsed row");
    assert_eq!(small.rows, whole.rows);
    assert_eq!(small.blank_lines, whole.blank_lines);
    assert_eq!(small.errors, whole.errors);
    assert_eq!(small.labels, whole.labels);
    assert_eq!(small.groups, whole.groups);
    assert_eq!(
        format!("{:?}", small.drift.features),
        format!("{:?}", whole.drift.features)
    );
    assert_eq!(small.scored.len(), whole.scored.len());
    for (a, b) in small.scored.iter().zip(&whole.scored) {
        assert_eq!(a.row, b.row);
        assert!(
            (a.score - b.score).abs() <= 1e-5 * b.score.abs().max(1.0),
            "row {}: {} in batches of 3, {} in one batch",
            a.row,
            a.score,
            b.score
        );
        let near_cutoff = (f64::from(b.score) - manifest.decision.cutoff).abs() < 1e-5;
        assert!(
            near_cutoff || a.reasons == b.reasons,
            "row {}: reasons",
            a.row
        );
    }

    check_exports(scorer, &mapping, &whole, data);
    check_evaluation(scorer, &whole);
}

/// Nothing lost: every row read is scored or has a row error, exactly once.
pub fn accounted(r: &BatchResults) {
    assert_eq!(
        r.scored.len() + r.errors.len(),
        r.rows as usize,
        "scored + errors must equal the rows read"
    );
    let mut rows: Vec<u64> = r
        .scored
        .iter()
        .map(|s| s.row)
        .chain(r.errors.iter().map(|e| e.row))
        .collect();
    rows.sort_unstable();
    assert!(
        rows.iter().copied().eq(1..=r.rows),
        "every row exactly once"
    );
}

/// Every data row in `scored` or `errors`, exactly once, both in row order.
fn check_results(scorer: &Scorer, mapping: &Mapping, r: &BatchResults, data: &[u8]) {
    let manifest = scorer.manifest();
    assert_eq!(r.bytes, data.len() as u64);
    accounted(r);
    assert!(
        r.scored.windows(2).all(|w| w[0].row < w[1].row),
        "scored rows out of order"
    );
    assert!(
        r.errors.windows(2).all(|w| w[0].row < w[1].row),
        "error rows out of order"
    );
    for e in &r.errors {
        assert!(
            !e.problems.is_empty(),
            "row {} has an error without a problem",
            e.row
        );
    }
    let cutoff = manifest.decision.cutoff;
    for s in &r.scored {
        match manifest.model.output.kind {
            OutputKind::Probability => assert!((0.0..=1.0).contains(&s.score)),
            OutputKind::AnomalyScore => assert!(s.score.is_finite() && s.score >= 0.0),
        }
        assert!(s.reasons.len() <= JobSettings::default().reasons);
        if !s.reasons.is_empty() {
            assert!(f64::from(s.score) >= cutoff, "reasons for a cleared row");
        }
        let mut reasons = s.reasons.clone();
        reasons.sort_unstable();
        reasons.dedup();
        assert_eq!(reasons.len(), s.reasons.len(), "a reason given twice");
        assert!(
            s.reasons
                .iter()
                .all(|&j| usize::from(j) < manifest.features.len())
        );
    }
    match mapping.label {
        Some(_) => assert_eq!(
            r.labels.len(),
            r.scored.len(),
            "a scored row without its label"
        ),
        None => assert!(r.labels.is_empty()),
    }
    for g in &r.groups {
        assert!(g.column < mapping.columns.len());
        assert!(!g.values.is_empty() && g.values.len() <= MAX_GROUPS);
        assert_eq!(g.codes.len(), r.scored.len(), "group \"{}\"", g.name);
        assert!(g.codes.iter().all(|&c| (c as usize) < g.values.len()));
    }
    let drifts = match scorer.reference() {
        Some(_) => manifest.features.len(),
        None => 0,
    };
    assert_eq!(r.drift.features.len(), drifts);
    if scorer.explainer().is_none() {
        assert!(r.scored.iter().all(|s| s.reasons.is_empty()));
    }
}

/// What the page computes from finished results (`src/batch/`: results, evaluation and
/// population views).
fn check_evaluation(scorer: &Scorer, r: &BatchResults) {
    let manifest = scorer.manifest();
    let cutoff = manifest.decision.cutoff;
    let scores = r.scores();
    let upper = match manifest.model.output.kind {
        OutputKind::Probability => 1.0,
        OutputKind::AnomalyScore => (cutoff * 3.0).max(1e-6),
    };
    let counts = histogram(&scores, 0.0, upper, 25);
    assert_eq!(counts.len(), 25);
    if manifest.model.output.kind == OutputKind::Probability {
        assert_eq!(counts.iter().sum::<u64>(), scores.len() as u64);
    }
    let ranking = Ranking::new(&scores, &r.labels);
    assert_eq!(ranking.rows(), r.labels.len() as u64);
    let in_unit = |v: Option<f64>| v.is_none_or(|v| (-1e-9..=1.0 + 1e-9).contains(&v));
    assert!(in_unit(ranking.auc()));
    assert!(in_unit(ranking.average_precision()));
    assert!(in_unit(ranking.ks().map(|k| k.0)));
    assert!(in_unit(ranking.precision_at_top(100)));
    assert!(in_unit(brier(&scores, &r.labels)));
    let c = ranking.at(cutoff);
    assert_eq!(c.rows(), ranking.rows());
    let _ = ranking.curves(400);
    let _ = ranking.lift_by_decile();
    let _ = calibration(&scores, &r.labels, 10);
    for g in &r.groups {
        let f = fairness(&scores, &r.labels, &g.codes, &g.values, cutoff);
        assert_eq!(
            f.groups.iter().map(|o| o.rows).sum::<u64>(),
            scores.len() as u64
        );
        assert!(in_unit(f.adverse_impact_ratio));
        assert!(in_unit(f.tpr_gap));
    }
}

/// Fuzz target `manifest`: [`Manifest::parse`] never panics, and what it accepts keeps its
/// promises: the helpers index safely, the defaults parse, encode and assess, a header of the
/// feature names maps every feature, and the manifest, written back to JSON, parses again.
pub fn manifest(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(manifest) = Manifest::parse(text) else {
        return;
    };
    check_manifest(&manifest);
}

fn check_manifest(manifest: &Manifest) {
    let width = manifest.input_width();
    assert!(width > 0);
    assert_eq!(manifest.blocks().count(), manifest.encoding.len());
    let mut ranges: Vec<_> = manifest.feature_columns();
    assert_eq!(ranges.len(), manifest.features.len());
    ranges.sort_by_key(|r| r.start);
    let mut end = 0;
    for range in &ranges {
        assert_eq!(range.start, end, "feature columns leave a gap or overlap");
        end = range.end;
    }
    assert_eq!(end, width, "feature columns do not cover the input");
    for (j, feature) in manifest.features.iter().enumerate() {
        assert_eq!(manifest.feature_index(&feature.name), Some(j));
        let _ = manifest.sequence_cell(&feature.name);
    }

    let defaults = Applicant::defaults(manifest);
    let mut row = vec![0.0; width];
    encoding::encode_into(manifest, &defaults, &mut row).expect("the defaults encode");
    let raw: RawApplicant = manifest
        .features
        .iter()
        .zip(defaults.values())
        .map(|(f, v)| {
            let text = match (&f.kind, v) {
                (FeatureKind::Category(c), Value::Category(k)) => c.categories[*k].value.clone(),
                (_, Value::Number(x)) => x.to_string(),
                (_, Value::Category(_)) => panic!("feature \"{}\": a category default", f.name),
            };
            (f.name.clone(), text)
        })
        .collect();
    let parsed = Applicant::parse(manifest, &raw).expect("the defaults, written out, parse");
    assert_eq!(parsed, defaults);
    for j in 0..manifest.features.len() {
        let _ = riskscope_core::reasons::reason_text(manifest, None, &defaults, j);
        let _ = riskscope_core::reasons::describe_value(manifest, j, defaults.values()[j]);
    }
    let _ = riskscope_core::scorecard::points(manifest, &defaults);
    if let Some(scorecard) = &manifest.scorecard {
        let _ = scorecard.probability(scorecard.base_points);
    }
    for score in [0.0, manifest.decision.cutoff as f32, 0.5, 1.0, 1e6] {
        let a = Assessment::new(score, &manifest.decision, &manifest.risk_bands);
        assert!(a.band_idx < manifest.risk_bands.len());
    }

    let head = FileHead {
        encoding: riskscope_core::batch::TextEncoding::utf8(),
        separator: b',',
        columns: manifest.features.iter().map(|f| f.name.clone()).collect(),
        values: Vec::new(),
    };
    let mapping = Mapping::propose(manifest, &head);
    assert!(
        mapping.unmatched(manifest).is_empty(),
        "a header of the feature names leaves a feature unmatched"
    );

    let json = serde_json::to_string(manifest).expect("a manifest serialises");
    // serde_json's float parsing may land one ulp off, so the round trip is checked for
    // acceptance and shape, not bit equality.
    let again = Manifest::parse(&json).expect("a serialised manifest parses again");
    assert_eq!(again.features.len(), manifest.features.len());
    assert_eq!(again.input_width(), manifest.input_width());
}

/// Fuzz target `model`: the first byte picks a committed manifest (or none: the byte is taken
/// modulo one more than the number of models), the rest is an ONNX file, put through the
/// compatibility check as the page does. The check never panics; a file it passes loads, and
/// scores its manifest's default applicant (alone and in a batch of two) without panicking. A
/// file with no manifest is also loaded as it declares itself ([`crate::fuzz_trees`]).
pub fn model(data: &[u8]) {
    let Some((&pick, onnx)) = data.split_first() else {
        return;
    };
    let slot = usize::from(pick) % (MODELS.len() + 1);
    let Some(files) = MODELS.get(slot) else {
        let report = compat::check(onnx, None);
        assert!(report.probe.is_none(), "a probe without a manifest");
        crate::fuzz_trees::load_as_declared(onnx, &report);
        return;
    };
    // The committed manifest with its hash pointed at these bytes, so the content is tested.
    let json = files
        .manifest
        .replace(&manifests()[slot].model.sha256, &sha256_hex(onnx));
    let manifest = Manifest::parse(&json).expect("a committed manifest with another hash parses");
    let report = compat::check(onnx, Some(&manifest));
    if !report.is_loadable() {
        return;
    }
    let scorer = match Scorer::load(&json, onnx) {
        Ok(scorer) => scorer,
        Err(e) => panic!("the check passed a model that does not load: {e}"),
    };
    let defaults = Applicant::defaults(scorer.manifest());
    let _ = scorer.assess(&defaults);
    let _ = scorer.assess_many(&[defaults.clone(), defaults]);
}

/// A fuzz target by name, for the regression test and the seed writer.
pub fn run(target: &str, data: &[u8]) {
    match target {
        "csv_batch" => csv_batch(data),
        "manifest" => manifest(data),
        "model" => model(data),
        other => panic!("no fuzz target \"{other}\""),
    }
}

/// The fuzz targets, by name.
pub const TARGETS: [&str; 3] = ["csv_batch", "manifest", "model"];

/// The models whose bundled samples seed `csv_batch`: one per data set (a data set's models
/// share their sample).
pub const SAMPLES: [&str; 3] = [
    "german-credit-logistic",
    "taiwan-credit-mlp",
    "ulb-fraud-mlp",
];

/// Seed inputs from the committed files: (target, file name, bytes). `samples` are the bundled
/// sample CSVs as (model id, bytes); each is cut into small files of its header and a few rows.
pub fn seeds(samples: &[(&str, &[u8])]) -> Vec<(&'static str, String, Vec<u8>)> {
    let mut out = Vec::new();
    for (id, sample) in samples {
        for (k, bytes) in csv_pieces(sample).into_iter().enumerate() {
            out.push(("csv_batch", format!("{id}-{k:02}.csv"), bytes));
        }
    }
    for (name, bytes) in CSV_EDGE_CASES {
        out.push(("csv_batch", (*name).to_owned(), bytes.to_vec()));
    }
    for (slot, files) in MODELS.iter().enumerate() {
        out.push((
            "manifest",
            format!("{}.json", files.id),
            files.manifest.into(),
        ));
        let mut bytes = vec![slot as u8];
        bytes.extend_from_slice(files.onnx);
        out.push(("model", format!("{}.onnx", files.id), bytes));
    }
    for (name, json) in MANIFEST_EDGE_CASES {
        out.push(("manifest", (*name).to_owned(), json.as_bytes().to_vec()));
    }
    // A file checked without a manifest.
    let mut bytes = vec![MODELS.len() as u8];
    bytes.extend_from_slice(MODELS[0].onnx);
    out.push(("model", "no-manifest.onnx".to_owned(), bytes));
    for (name, onnx) in crate::fuzz_trees::TREE_SEEDS {
        let mut bytes = vec![MODELS.len() as u8];
        bytes.extend_from_slice(onnx);
        out.push(("model", format!("trees-{name}"), bytes));
    }
    out
}

/// Rows per seed piece, and pieces per sample.
const PIECE_ROWS: usize = 3;
const PIECES: usize = 6;

/// A sample's header with a few rows at a time, the rows spread over the file.
fn csv_pieces(sample: &[u8]) -> Vec<Vec<u8>> {
    let mut lines = sample.split_inclusive(|&b| b == b'\n');
    let Some(header) = lines.next() else {
        return Vec::new();
    };
    let rows: Vec<&[u8]> = lines.collect();
    let stride = (rows.len() / PIECES).max(PIECE_ROWS);
    (0..PIECES)
        .filter_map(|k| {
            let start = k * stride;
            let piece = rows.get(start..(start + PIECE_ROWS).min(rows.len()))?;
            (!piece.is_empty()).then(|| {
                let mut bytes = header.to_vec();
                piece.iter().for_each(|r| bytes.extend_from_slice(r));
                bytes
            })
        })
        .collect()
}

/// Hand-made files at the batch reader's edges, under the German models' columns (the fuzz
/// target adds that header to a file whose own header fits no model).
const CSV_EDGE_CASES: &[(&str, &[u8])] = &[
    ("edge-empty.csv", b""),
    ("edge-blank-lines.csv", b"\n\n\r\n\n"),
    (
        "edge-body-only.csv",
        b"A11,6,A34,A43,1169,A65,A75,4,A93,A101,4,A121,67,A143,A152,2,A173,1,A192,A201,0\n",
    ),
    (
        "edge-crlf-no-final-newline.csv",
        b"A11,6,A34,A43,1169,A65,A75,4,A93,A101,4,A121,67,A143,A152,2,A173,1,A192,A201,1\r\nA12,48,A32,A43,5951,A61,A73,2,A92,A101,2,A121,22,A143,A152,1,A173,1,A191,A201,0",
    ),
    (
        "edge-quoted.csv",
        b"\"A11\",\"6\",\"A34\",\"A43\",\"1,169\",A65,A75,4,A93,A101,4,A121,\"6\n7\",A143,A152,2,A173,1,A192,A201,\"\"\"1\"\"\"\n",
    ),
    (
        "edge-bad-fields.csv",
        b"A99,-6,A34,A43,abc,A65,A75,4.5,A93,A101,4,A121,1e400,A143,A152,2,A173,1,A192,A201,2\nA11,6\n\xff\xfe,6,A34,A43,1169,A65,A75,4,A93,A101,4,A121,67,A143,A152,2,A173,1,A192,A201,0\n",
    ),
    (
        "edge-formulas.csv",
        b"=cmd|' /C calc'!A0,+6,-A34,@A43,\t1169,A65,A75,4,A93,A101,4,A121,67,A143,A152,2,A173,1,A192,A201,0\n",
    ),
    (
        "edge-semicolon-bom.csv",
        b"\xEF\xBB\xBFTime;V1;V2;V3;V4;V5;V6;V7;V8;V9;V10;V11;V12;V13;V14;V15;V16;V17;V18;V19;V20;V21;V22;V23;V24;V25;V26;V27;V28;Amount;Class\n0;-1.36;-0.07;2.54;1.38;-0.34;0.46;0.24;0.1;0.36;0.09;-0.55;-0.62;-0.99;-0.31;1.47;-0.47;0.21;0.03;0.4;0.25;-0.02;0.28;-0.11;0.07;0.13;-0.19;0.13;-0.02;149.62;0\n",
    ),
    (
        "edge-creditability.csv",
        b"Status of existing checking account|Duration in month|Credit history|Purpose|Credit amount|Savings account and bonds|Present employment since|Installment rate in percentage of disposable income|Personal status and sex|Other debtors or guarantors|Present residence since|Property|Age in years|Other installment plans|Housing|Number of existing credits at this bank|Job|Number of people being liable to provide maintenance for|Telephone|Foreign worker|Creditability\nA11|6|A34|A43|1169|A65|A75|4|A93|A101|4|A121|67|A143|A152|2|A173|1|A192|A201|1\n",
    ),
];

/// Small hand-made manifests using every part of the format, for the manifest target's
/// mutations to start from (the committed ones are 16 to 25 KB).
const MANIFEST_EDGE_CASES: &[(&str, &str)] = &[
    (
        "small-scorecard.json",
        r#"{"format_version":1,"id":"s","title":"t","task":"credit","description":"d",
"features":[
{"name":"a","label":"A","kind":"category","description":"","reason":"A: {category}","default":"x",
 "categories":[{"value":"x","code":"A1","label":"X"},{"value":"y","label":"Y"}]},
{"name":"m1","label":"M1","kind":"integer","unit":"months","min":0,"max":120,"default":12,
 "training_range":[1,72],"immutable":true,"description":"",
 "reason":{"high":"long: {value} ({typical})","low":"short: {value}"}},
{"name":"m2","label":"M2","kind":"number","min":-1.5,"max":1e6,"default":0,"description":""}],
"encoding":[
{"feature":"a","kind":"woe","bins":[{"categories":["x"],"woe":0.5},{"categories":["y"],"woe":-0.5}]},
{"feature":"m1","kind":"woe","bins":[{"upper":12,"woe":-0.8},{"upper":24.5,"woe":0.1},{"upper":null,"woe":0.6}]},
{"feature":"m2","kind":"woe","bins":[{"woe":0}]}],
"model":{"file":"model.onnx","sha256":"2cd6481d1294f3067b716e32a14c9bfd07b6d0f967fba8de2d572a8c69665907",
 "input":{"name":"X","columns":3},"output":{"name":"probabilities","column":1},"positive_class":"bad"},
"decision":{"cutoff":0.16666666666666666,"at_or_above":"Decline","below":"Approve","rule":"r"},
"risk_bands":[{"name":"A","label":"low","upper":0.05},{"name":"B","label":"high","upper":1.0}],
"scorecard":{"points0":600,"odds0":0.05,"pdo":50,"base_points":450,"points":[[-45,21],[44,7,-2],[0]]},
"sequence":{"steps":["May","June"],"series":[{"label":"M","features":["m1","m2"]}]},
"explain":{"reference":"reference.json","reference_sha256":"ed501be29eac16288426feb851a1011ecb685a56456997c44cca1391d197768f","additive":true}}"#,
    ),
    (
        "small-anomaly.json",
        r#"{"format_version":1,"id":"a","title":"t","task":"fraud","description":"d",
"features":[
{"name":"c","label":"C","kind":"category","description":"","default":"q",
 "categories":[{"value":"p","label":"P"},{"value":"q","code":"Q","label":"Q"},{"value":"r","label":"R"}]},
{"name":"v","label":"V","kind":"number","min":-10,"max":10,"default":0.25,"description":""}],
"encoding":[{"feature":"v","kind":"numeric"},{"feature":"c","kind":"one_hot"}],
"model":{"file":"model.onnx","sha256":"0807b0af48a9f52b49dbe052a41995b9a6294a2d9148d5cc0763475eff6a9db1",
 "input":{"name":"X","columns":4},
 "output":{"name":"anomaly_score","column":0,"kind":"anomaly_score","feature_errors":"feature_errors"},
 "positive_class":"unusual"},
"decision":{"cutoff":10.3805,"at_or_above":"Alert","below":"Pass","rule":"r"},
"risk_bands":[{"name":"A","label":"typical","upper":0.79},{"name":"D","label":"anomalous","upper":null}]}"#,
    ),
];
