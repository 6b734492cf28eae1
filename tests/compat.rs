//! The compatibility check: every catalog model passes it; each way a real export goes wrong
//! (made here by editing a catalog model's protobuf) is named with its fix, before tract loads it.

// Tests may panic: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use prost::Message;
use riskscope_core::compat::{Finding, Report, Severity, check};
use riskscope_core::manifest::{Manifest, OutputKind};
use riskscope_core::scorer::sha256_hex;
use riskscope_runtime::proto as pb;

fn proto(onnx: &[u8]) -> pb::ModelProto {
    pb::ModelProto::decode(onnx).unwrap()
}

fn logistic() -> pb::ModelProto {
    proto(common::ONNX)
}

fn graph(model: &mut pb::ModelProto) -> &mut pb::GraphProto {
    model.graph.as_mut().unwrap()
}

/// The one blocker (or warning) whose text contains `needle`, with its fix.
fn finding(report: &Report, severity: Severity, needle: &str) -> String {
    let hits: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.severity == severity && f.what.to_string().contains(needle))
        .collect();
    assert_eq!(
        hits.len(),
        1,
        "one {severity:?} containing {needle:?} expected in {:#?}",
        report.findings
    );
    hits[0]
        .fix
        .as_ref()
        .map(ToString::to_string)
        .unwrap_or_default()
}

/// The manifest of the logistic model, re-pointed at the edited file's hash.
fn manifest_for(onnx: &[u8]) -> Manifest {
    let mut manifest = Manifest::parse(common::MANIFEST).unwrap();
    manifest.model.sha256 = sha256_hex(onnx);
    manifest
}

fn node(op: &str, domain: &str, input: &str, output: &str) -> pb::NodeProto {
    pb::NodeProto {
        op_type: op.into(),
        domain: domain.into(),
        input: vec![input.into()],
        output: vec![output.into()],
        ..Default::default()
    }
}

/// A report's findings but the note naming the ONNX-ML operators RiskScope runs itself (the
/// catalog's trees are default exports, ZipMap and all).
fn beyond_own_operators(report: &Report) -> Vec<&Finding> {
    report
        .findings
        .iter()
        .filter(|f| f.what.id != "compat-ml-own")
        .collect()
}

#[test]
fn every_catalog_model_passes_with_its_manifest_and_without() {
    for fixture in common::MODELS {
        let manifest = Manifest::parse(fixture.manifest).unwrap();
        let report = check(fixture.onnx, Some(&manifest));
        assert!(
            report.is_loadable(),
            "{}: {:#?}",
            fixture.id,
            report.findings
        );
        assert!(
            beyond_own_operators(&report).is_empty(),
            "{}: {:#?}",
            fixture.id,
            report.findings
        );
        // The trees, and only they, run on RiskScope's own operators.
        assert_eq!(
            report.findings.len(),
            usize::from(fixture.id.ends_with("-lightgbm")),
            "{}",
            fixture.id
        );
        assert_eq!(report.sha256, manifest.model.sha256);
        assert_eq!(report.inputs.len(), 1);
        assert_eq!(report.inputs[0].elem, "float");
        assert_eq!(report.inputs[0].last_fixed(), Some(manifest.input_width()));
        assert!(report.parameters > 0 && !report.operators.is_empty());
        let probe = report.probe.unwrap();
        assert!(probe.rows >= 3, "{}", fixture.id);
        assert!(probe.min_score >= 0.0, "{}", fixture.id);
        if manifest.model.output.kind == OutputKind::Probability {
            assert!(probe.max_score <= 1.0, "{}", fixture.id);
        }
        assert!(
            probe.min_score < probe.max_score,
            "{}: the probe rows span the range",
            fixture.id
        );

        let alone = check(fixture.onnx, None);
        assert!(
            alone.is_loadable() && beyond_own_operators(&alone).is_empty(),
            "{}: {:#?}",
            fixture.id,
            alone.findings
        );
        assert_eq!(alone.probe, None);
    }
}

#[test]
fn the_logistic_models_description_is_read_from_the_file() {
    let report = check(common::ONNX, None);
    assert_eq!(report.opset, 17);
    assert_eq!(report.inputs[0].name, "X");
    assert_eq!(report.inputs[0].shape_text(), "[?, 61]");
    assert_eq!(report.outputs[0].name, "probabilities");
    assert_eq!(report.operators.get("Sigmoid"), Some(&1));
    assert_eq!(report.bytes, common::ONNX.len());
}

#[test]
fn files_that_are_not_onnx_say_what_they_look_like() {
    let cases: [(&[u8], &str); 5] = [
        (b"", "empty"),
        (
            b"PK\x03\x04rest of a torch.save archive",
            "torch.onnx.export",
        ),
        (b"\x89HDF\r\n\x1a\n keras", "tf2onnx"),
        (common::MANIFEST.as_bytes(), "JSON"),
        (b"\x80\x04\x95 a pickle", "skl2onnx"),
    ];
    for (bytes, hint) in cases {
        let report = check(bytes, None);
        assert!(!report.is_loadable());
        let all: String = report
            .findings
            .iter()
            .map(|f| {
                format!(
                    "{} {}",
                    f.what,
                    f.fix.as_ref().map(ToString::to_string).unwrap_or_default()
                )
            })
            .collect();
        assert!(all.contains(hint), "{hint}: {all}");
    }
    let garbage: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    let report = check(&garbage, None);
    finding(&report, Severity::Blocker, "not a readable ONNX model");
}

#[test]
fn a_protobuf_length_claim_of_two_gigabytes_is_refused_without_reading_it() {
    // Field 7 (graph), length-delimited, claiming 2^31 bytes, followed by a few.
    let bytes = [0x3a, 0x80, 0x80, 0x80, 0x80, 0x08, 1, 2, 3];
    let report = check(&bytes, None);
    finding(&report, Severity::Blocker, "not a readable ONNX model");
}

/// A converter's default export ends in ZipMap: its output is read as the probability tensor
/// it wraps ([N, classes], float), and the report says RiskScope's own operators run it.
#[test]
fn a_zipmap_output_is_read_as_the_probabilities_it_wraps() {
    let mut model = logistic();
    let g = graph(&mut model);
    let mut zip_map = node(
        "ZipMap",
        "ai.onnx.ml",
        "probabilities",
        "output_probability",
    );
    zip_map.attribute.push(pb::AttributeProto {
        name: "classlabels_int64s".into(),
        ints: vec![0, 1],
        ..Default::default()
    });
    g.node.push(zip_map);
    let mut output = g.output[0].clone();
    output.name = "output_probability".into();
    // Declared as a sequence of maps, as skl2onnx writes it.
    output.r#type = None;
    g.output.push(output);
    let report = check(&model.encode_to_vec(), None);
    let read = report
        .outputs
        .iter()
        .find(|o| o.name == "output_probability")
        .expect("the ZipMap's output");
    assert_eq!(read.elem, "float");
    assert_eq!(read.shape_text(), "[N, 2]");
    let note = finding(&report, Severity::Note, "ZipMap");
    assert!(note.contains("probability tensor"), "{note}");
    assert!(
        report
            .findings
            .iter()
            .all(|f| f.severity != Severity::Blocker)
    );
}

/// A default scikit-learn export holds its weights in attributes, not tensors: they count as
/// parameters (the report said "0 parameters").
#[test]
fn weights_in_onnx_ml_attributes_count_as_parameters() {
    let plain = check(&logistic().encode_to_vec(), None).parameters;
    let mut model = logistic();
    let mut classifier = node("LinearClassifier", "ai.onnx.ml", "X", "label");
    for (name, n) in [("coefficients", 24), ("intercepts", 2)] {
        classifier.attribute.push(pb::AttributeProto {
            name: name.into(),
            floats: vec![0.5; n],
            ..Default::default()
        });
    }
    classifier.attribute.push(pb::AttributeProto {
        name: "classlabels_ints".into(),
        ints: vec![0, 1],
        ..Default::default()
    });
    graph(&mut model).node.push(classifier);
    let report = check(&model.encode_to_vec(), None);
    assert_eq!(report.parameters, plain + 26);
}

/// Scaler and OneHotEncoder run as exported; text encoders the runtime lacks are blockers that
/// point to the manifest.
#[test]
fn onnx_ml_preprocessing_runs_and_text_encoders_point_to_the_manifest() {
    let mut model = logistic();
    let g = graph(&mut model);
    g.node
        .insert(0, node("Scaler", "ai.onnx.ml", "X", "scaled"));
    g.node
        .insert(0, node("OneHotEncoder", "ai.onnx.ml", "X", "hot"));
    g.node
        .insert(0, node("TfIdfVectorizer", "ai.onnx.ml", "X", "words"));
    let report = check(&model.encode_to_vec(), None);
    finding(&report, Severity::Note, "OneHotEncoder");
    finding(&report, Severity::Note, "Scaler");
    let encoder = finding(&report, Severity::Blocker, "TfIdfVectorizer");
    assert!(encoder.contains("manifest"), "{encoder}");
    assert_eq!(
        report
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Blocker)
            .count(),
        1,
        "{:?}",
        report.findings
    );
}

#[test]
fn string_and_double_inputs_are_refused_with_the_export_to_use() {
    for (elem, needle, hint) in [
        (8, "holds strings of shape", "one_hot"),
        (11, "double precision", "float32"),
    ] {
        let mut model = logistic();
        let input = &mut graph(&mut model).input[0];
        if let Some(pb::type_proto::Value::TensorType(t)) =
            input.r#type.as_mut().and_then(|t| t.value.as_mut())
        {
            t.elem_type = elem;
        }
        let report = check(&model.encode_to_vec(), None);
        let fix = finding(&report, Severity::Blocker, needle);
        assert!(fix.contains(hint), "{fix}");
    }
}

#[test]
fn tree_ensembles_run_and_unknown_operators_block() {
    let mut model = logistic();
    let g = graph(&mut model);
    g.node
        .push(node("TreeEnsembleClassifier", "ai.onnx.ml", "X", "trees"));
    g.node.push(node("FooBarOp", "", "X", "foo"));
    g.node
        .push(node("FusedGemm", "com.microsoft", "X", "fused"));
    let report = check(&model.encode_to_vec(), None);
    finding(&report, Severity::Note, "TreeEnsembleClassifier");
    assert!(
        report
            .findings
            .iter()
            .all(|f| f.severity != Severity::Warning)
    );
    finding(
        &report,
        Severity::Blocker,
        "does not implement the operator FooBarOp",
    );
    let fix = finding(&report, Severity::Blocker, "com.microsoft");
    assert!(fix.contains("optimis"), "{fix}");
}

#[test]
fn input_count_batch_and_width_are_checked_against_the_manifest() {
    let mut two = logistic();
    let extra = graph(&mut two).input[0].clone();
    graph(&mut two).input.push(pb::ValueInfoProto {
        name: "Y".into(),
        ..extra
    });
    // Several inputs run (one per column, as a ColumnTransformer export has); a manifest must
    // feed each of them.
    let bytes = two.encode_to_vec();
    let report = check(&bytes, None);
    finding(
        &report,
        Severity::Note,
        "2 inputs, one per column or group of columns (X, Y)",
    );
    assert!(report.is_loadable(), "{:?}", report.findings);
    let report = check(&bytes, Some(&manifest_for(&bytes)));
    let fix = finding(
        &report,
        Severity::Blocker,
        "input \"Y\" is not among the inputs the manifest feeds",
    );
    assert!(fix.contains("model.inputs"), "{fix}");

    for (dims, severity, needle) in [
        ([4, 61], Severity::Blocker, "fixed batch of 4"),
        ([1, 61], Severity::Warning, "batch of exactly 1"),
        (
            [0, 62],
            Severity::Blocker,
            "has 62 columns, but the manifest's encoding makes 61",
        ),
    ] {
        let mut model = logistic();
        let input = &mut graph(&mut model).input[0];
        if let Some(pb::type_proto::Value::TensorType(t)) =
            input.r#type.as_mut().and_then(|t| t.value.as_mut())
        {
            let shape = t.shape.as_mut().unwrap();
            for (dim, n) in shape.dim.iter_mut().zip(dims) {
                if n > 0 {
                    dim.value = Some(pb::tensor_shape_proto::dimension::Value::DimValue(n));
                }
            }
        }
        let bytes = model.encode_to_vec();
        let manifest = manifest_for(&bytes);
        let report = check(&bytes, Some(&manifest));
        finding(&report, severity, needle);
    }
}

#[test]
fn the_manifest_must_name_an_output_and_input_the_model_has() {
    let mut manifest = Manifest::parse(common::MANIFEST).unwrap();
    manifest.model.output.name = "output_probability".into();
    manifest.model.input.as_mut().unwrap().name = "input".into();
    let report = check(common::ONNX, Some(&manifest));
    let fix = finding(
        &report,
        Severity::Blocker,
        "does not have (it has: probabilities)",
    );
    assert!(fix.contains("model.output.name"), "{fix}");
    let fix = finding(&report, Severity::Blocker, "input is named \"X\"");
    assert!(fix.contains("\"X\""), "{fix}");

    let mut manifest = Manifest::parse(common::MANIFEST).unwrap();
    manifest.model.output.column = 2;
    let report = check(common::ONNX, Some(&manifest));
    finding(
        &report,
        Severity::Blocker,
        "reads column 2 of \"probabilities\", which has 2 column(s)",
    );
}

#[test]
fn a_manifest_for_another_file_is_refused() {
    let manifest = Manifest::parse(common::MODELS[1].manifest).unwrap();
    let report = check(common::ONNX, Some(&manifest));
    finding(
        &report,
        Severity::Blocker,
        "names a model file with SHA-256",
    );
}

#[test]
fn logits_are_not_probabilities() {
    // The logistic model without its final Sigmoid returns log-odds.
    let mut model = logistic();
    let g = graph(&mut model);
    let sigmoid = g.node.iter_mut().find(|n| n.op_type == "Sigmoid").unwrap();
    sigmoid.op_type = "Identity".into();
    let bytes = model.encode_to_vec();
    let report = check(&bytes, Some(&manifest_for(&bytes)));
    let fix = finding(&report, Severity::Blocker, "not a probability");
    assert!(
        fix.contains("Sigmoid") && fix.contains("anomaly_score"),
        "{fix}"
    );
}

#[test]
fn a_constant_score_is_a_warning() {
    // Multiply the input by zero: every row gets the same probability.
    let mut model = logistic();
    let g = graph(&mut model);
    g.initializer.push(pb::TensorProto {
        name: "zero".into(),
        data_type: 1,
        float_data: vec![0.0],
        ..Default::default()
    });
    g.node.insert(
        0,
        pb::NodeProto {
            op_type: "Mul".into(),
            input: vec!["X".into(), "zero".into()],
            output: vec!["X0".into()],
            ..Default::default()
        },
    );
    for n in g.node.iter_mut().skip(1) {
        for input in n.input.iter_mut().filter(|i| *i == "X") {
            *input = "X0".into();
        }
    }
    let bytes = model.encode_to_vec();
    let report = check(&bytes, Some(&manifest_for(&bytes)));
    assert!(report.is_loadable(), "{:#?}", report.findings);
    finding(&report, Severity::Warning, "for all");
}

#[test]
fn tensors_whose_data_does_not_match_their_size_are_refused_before_tract() {
    let biggest = |model: &mut pb::ModelProto| -> usize {
        let g = graph(model);
        (0..g.initializer.len())
            .max_by_key(|&i| {
                g.initializer[i].raw_data.len() + 4 * g.initializer[i].float_data.len()
            })
            .unwrap()
    };
    // A 2 GB claim with a few bytes of data.
    let mut model = logistic();
    let i = biggest(&mut model);
    graph(&mut model).initializer[i].dims = vec![1 << 31, 1];
    let report = check(&model.encode_to_vec(), None);
    finding(&report, Severity::Blocker, "GB)");

    // Dimensions that disagree with the data.
    let mut model = logistic();
    let i = biggest(&mut model);
    let dims = &mut graph(&mut model).initializer[i].dims;
    dims[0] += 1;
    let report = check(&model.encode_to_vec(), None);
    finding(&report, Severity::Blocker, "carries");

    let mut model = logistic();
    let i = biggest(&mut model);
    graph(&mut model).initializer[i].dims[0] = -3;
    let report = check(&model.encode_to_vec(), None);
    finding(&report, Severity::Blocker, "negative dimension");

    let mut model = logistic();
    let i = biggest(&mut model);
    graph(&mut model).initializer[i].data_location = Some(1);
    let report = check(&model.encode_to_vec(), None);
    let fix = finding(&report, Severity::Blocker, "separate file");
    assert!(fix.contains("save_as_external_data=False"), "{fix}");
}

#[test]
fn a_model_without_a_graph_is_refused() {
    let mut model = logistic();
    model.graph = None;
    let report = check(&model.encode_to_vec(), None);
    finding(&report, Severity::Blocker, "no graph");
}

#[test]
fn a_graph_whose_output_or_reads_nothing_produces_is_refused_before_tract() {
    // tract panics on the first (tests/fuzz-regressions/model-known-tract/).
    let mut model = logistic();
    let g = graph(&mut model);
    let last = g
        .node
        .iter_mut()
        .rev()
        .find(|n| n.output.iter().any(|o| o == "probabilities"))
        .unwrap();
    for o in last.output.iter_mut().filter(|o| *o == "probabilities") {
        *o = "probabilitiez".into();
    }
    let report = check(&model.encode_to_vec(), None);
    finding(
        &report,
        Severity::Blocker,
        "output \"probabilities\" is computed by no node",
    );

    let mut model = logistic();
    graph(&mut model).node[0].input[0] = "nowhere".into();
    let report = check(&model.encode_to_vec(), None);
    finding(
        &report,
        Severity::Blocker,
        "reads \"nowhere\", which nothing in the graph produces",
    );
}
