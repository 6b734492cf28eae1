//! The teaching views' core against independent oracles: the anatomy against the compatibility
//! check's own reading of the protobuf and against tract's inferred shapes, the LSTM's full
//! history against direct scoring and onnxruntime, the autoencoder's errors against its score,
//! the scorecard's evidence against the manifest's WOE and the literature's information value,
//! and applicants carried across models against parsing them directly.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{MODELS, fixture, gap, raw};
use riskscope_core::applicant::Value;
use riskscope_core::compat;
use riskscope_core::manifest::Manifest;
use riskscope_core::teach::TeachError;
use riskscope_core::teach::anatomy::{Family, StageKind, anatomy};
use riskscope_core::teach::compare::{comparable, transfer};
use riskscope_core::teach::history::{QUIET_STATUS, prefix, prefix_scores};
use riskscope_core::teach::reconstruction::{error_ratios, typical_errors};
use riskscope_core::teach::woe::evidence;

fn manifest(id: &str) -> Manifest {
    Manifest::parse(fixture(id).manifest).unwrap()
}

fn dense(kind: &StageKind) -> Option<(u64, u64)> {
    match kind {
        StageKind::Dense {
            inputs, outputs, ..
        } => Some((*inputs, *outputs)),
        _ => None,
    }
}

#[test]
fn every_anatomy_agrees_with_the_compatibility_check_and_tract_shapes() {
    for f in MODELS {
        let m = manifest(f.id);
        let a = anatomy(&m, f.onnx).unwrap();
        let report = compat::check(f.onnx, None);
        assert_eq!(a.bytes, f.onnx.len(), "{}", f.id);
        // compat.rs counts initializers and constants on its own walk of the protobuf.
        assert_eq!(a.parameters, report.parameters, "{}: parameters", f.id);
        let per_stage: u64 = a.stages.iter().map(|s| s.parameters).sum();
        assert_eq!(
            per_stage, a.parameters,
            "{}: every weight is read by a stage",
            f.id
        );
        let n_ops: usize = report.operators.values().sum();
        assert_eq!(a.nodes.len(), n_ops, "{}: nodes", f.id);
        // Stages cover the nodes in order, without gaps or overlaps.
        let mut next = 0;
        for s in &a.stages {
            assert_eq!(s.first, next, "{}: stages contiguous", f.id);
            assert!(s.last >= s.first);
            next = s.last + 1;
        }
        assert_eq!(next, a.nodes.len(), "{}", f.id);
        // tract infers every shape, with the batch as "N" in front of each row-wise tensor.
        for node in &a.nodes {
            assert!(
                !node.shape.is_empty() || node.op == "ReduceSum" || node.op == "Shape",
                "{}: {} has no shape",
                f.id,
                node.op
            );
            assert!(
                !node.shape.iter().any(|d| d == "?" || d == "…"),
                "{}: {:?}",
                f.id,
                node
            );
        }
        assert_eq!(
            a.input_shape,
            vec!["N".to_owned(), m.input_width().to_string()]
        );
        // Each dense layer's width read from its weight matrix is the width tract infers, and
        // the first layer reads the encoded row (unless a recurrent layer comes first).
        let denses: Vec<(u64, u64, &Vec<String>)> = a
            .stages
            .iter()
            .filter_map(|s| dense(&s.kind).map(|(i, o)| (i, o, &s.shape)))
            .collect();
        for (_, outputs, shape) in &denses {
            assert_eq!(
                shape.last(),
                Some(&outputs.to_string()),
                "{}: {shape:?}",
                f.id
            );
        }
        let recurrent = a
            .stages
            .iter()
            .any(|s| matches!(s.kind, StageKind::Recurrent { .. }));
        if !recurrent && !denses.is_empty() {
            assert_eq!(denses[0].0, m.input_width() as u64, "{}: first layer", f.id);
            for pair in denses.windows(2) {
                assert_eq!(pair[0].1, pair[1].0, "{}: layers chain", f.id);
            }
        }
        assert!(a.layer_parameters > 0 && a.layer_parameters <= a.parameters);
    }
}

#[test]
fn logistic_anatomy_is_a_weighted_sum_then_a_sigmoid() {
    let f = fixture("german-credit-logistic");
    let a = anatomy(&manifest(f.id), f.onnx).unwrap();
    let ops: Vec<&str> = a.nodes.iter().map(|n| n.op.as_str()).collect();
    let matmul = ops.iter().position(|o| *o == "MatMul").unwrap();
    let sigmoid = ops.iter().position(|o| *o == "Sigmoid").unwrap();
    assert!(matmul < sigmoid, "{ops:?}");
    assert_eq!(a.family, Family::Logistic);
    let initializer_values: u64 = a
        .nodes
        .iter()
        .flat_map(|n| &n.weights)
        .map(|w| w.dims.iter().product::<u64>())
        .sum();
    assert_eq!(a.parameters, initializer_values);
    assert_eq!(a.nodes.last().unwrap().shape, vec!["N", "2"]);
}

#[test]
fn mlp_and_autoencoder_families_read_from_the_layers() {
    let f = fixture("german-credit-mlp");
    let a = anatomy(&manifest(f.id), f.onnx).unwrap();
    assert!(
        matches!(a.family, Family::Mlp { ref hidden } if !hidden.is_empty()),
        "{:?}",
        a.family
    );

    let f = fixture("ulb-fraud-autoencoder");
    let m = manifest(f.id);
    let a = anatomy(&m, f.onnx).unwrap();
    let Family::Autoencoder { bottleneck } = a.family else {
        panic!("{:?}", a.family)
    };
    assert!(bottleneck < m.input_width() as u64);
    let last_dense = a.stages.iter().rev().find_map(|s| dense(&s.kind)).unwrap();
    assert_eq!(
        last_dense.1,
        m.input_width() as u64,
        "the reconstruction is as wide as the input"
    );
    let errors = a
        .nodes
        .iter()
        .find(|n| n.output == "feature_errors")
        .unwrap();
    assert_eq!(
        errors.shape,
        vec!["N".to_owned(), m.input_width().to_string()]
    );
}

#[test]
fn lstm_anatomy_reads_six_steps_and_joins_the_static_attributes() {
    let f = fixture("taiwan-credit-lstm");
    let m = manifest(f.id);
    let a = anatomy(&m, f.onnx).unwrap();
    let steps = m.sequence.as_ref().unwrap().steps.len() as u64;
    let (inputs, hidden) = a
        .stages
        .iter()
        .find_map(|s| match s.kind {
            StageKind::Recurrent {
                inputs,
                hidden,
                steps: st,
                ..
            } => {
                assert_eq!(st, Some(steps));
                Some((inputs, hidden))
            }
            _ => None,
        })
        .unwrap();
    let lstm = a.nodes.iter().find(|n| n.op == "LSTM").unwrap();
    assert_eq!(lstm.weights[0].dims[1], 4 * hidden, "four gates");
    assert_eq!(
        a.family,
        Family::Recurrent {
            hidden,
            steps: Some(steps)
        }
    );
    // The head reads the last hidden state beside the static columns.
    let static_columns = m.input_width() as u64 - steps * inputs;
    let head = a.stages.iter().find_map(|s| dense(&s.kind)).unwrap();
    assert_eq!(head.0, hidden + static_columns);
}

#[test]
fn lstm_full_history_prefix_is_the_direct_score() {
    for id in ["taiwan-credit-lstm", "taiwan-credit-mlp"] {
        let f = fixture(id);
        let scorer = f.scorer();
        let m = scorer.manifest();
        let sequence = m.sequence.as_ref().unwrap();
        for row in f.golden().rows.iter().take(40) {
            let applicant = scorer.parse(&raw(row)).unwrap();
            let prefixes = prefix_scores(&scorer, &applicant).unwrap();
            assert_eq!(prefixes.len(), sequence.steps.len() + 1);
            let direct = scorer.assess(&applicant).unwrap().score;
            let all = prefixes.last().unwrap();
            assert_eq!(all.months, sequence.steps.len());
            assert!(
                (all.score - direct).abs() <= 1e-6,
                "{id}: {} vs {direct}",
                all.score
            );
            assert!(
                gap(all.score, row.score) <= common::TOLERANCE,
                "{id}: onnxruntime"
            );
            // Each prefix scores as the applicant with the later months quiet, scored alone.
            for p in &prefixes {
                let alone = scorer
                    .assess(&prefix(m, &applicant, p.months).unwrap())
                    .unwrap();
                assert!((alone.score - p.score).abs() <= 1e-6);
            }
        }
    }
}

#[test]
fn a_prefix_keeps_the_months_seen_and_quiets_the_rest() {
    let f = fixture("taiwan-credit-lstm");
    let scorer = f.scorer();
    let m = scorer.manifest();
    let applicant = scorer.parse(&raw(&f.golden().rows[0])).unwrap();
    let sequence = m.sequence.as_ref().unwrap();
    for months in 0..=sequence.steps.len() {
        let p = prefix(m, &applicant, months).unwrap();
        for (idx, feature) in m.features.iter().enumerate() {
            let cell = m.sequence_cell(&feature.name);
            let want = match (cell, &feature.kind) {
                (Some((_, step)), _) if step < months => applicant.values()[idx],
                (None, _) => applicant.values()[idx],
                (Some(_), riskscope_core::manifest::FeatureKind::Category(c)) => {
                    Value::Category(c.find(QUIET_STATUS).unwrap())
                }
                (Some(_), _) => Value::Number(0.0),
            };
            assert_eq!(
                p.values()[idx],
                want,
                "{} after {months} months",
                feature.name
            );
        }
    }
    let german = fixture("german-credit-logistic").scorer();
    let someone = german
        .parse(&raw(&fixture("german-credit-logistic").golden().rows[0]))
        .unwrap();
    assert_eq!(
        prefix_scores(&german, &someone),
        Err(TeachError::NoSequence)
    );
}

#[test]
fn autoencoder_errors_average_to_the_anomaly_score_and_rank_by_ratio() {
    let f = fixture("ulb-fraud-autoencoder");
    let scorer = f.supported_scorer();
    let typical = typical_errors(&scorer).unwrap();
    assert_eq!(typical.len(), scorer.manifest().features.len());
    assert!(typical.iter().all(|t| *t > 0.0 && t.is_finite()));
    // The medians, recomputed one transaction at a time.
    let background = &scorer.reference().unwrap().background;
    let singles: Vec<Vec<f32>> = background
        .iter()
        .map(|a| scorer.assess(a).unwrap().feature_errors)
        .collect();
    for (k, t) in typical.iter().enumerate() {
        let mut column: Vec<f32> = singles.iter().map(|e| e[k]).collect();
        column.sort_by(f32::total_cmp);
        let n = column.len();
        let median = (column[n / 2 - 1] + column[n / 2]) / 2.0;
        assert!((median - t).abs() <= 1e-5 * median.max(1.0), "feature {k}");
    }
    for row in f.golden().rows.iter().take(60) {
        let assessment = scorer.assess(&scorer.parse(&raw(row)).unwrap()).unwrap();
        // The pipeline's anomaly score is the mean of the squared errors of the 29 inputs.
        let mean =
            assessment.feature_errors.iter().sum::<f32>() / assessment.feature_errors.len() as f32;
        assert!(
            gap(mean, assessment.score) <= 1e-5,
            "{mean} vs {}",
            assessment.score
        );
        let ratios = error_ratios(&assessment, &typical).unwrap();
        assert_eq!(ratios.len(), typical.len());
        for pair in ratios.windows(2) {
            assert!(pair[0].ratio >= pair[1].ratio);
        }
        for r in &ratios {
            assert_eq!(r.error, assessment.feature_errors[r.feature_idx]);
            assert!((r.ratio * r.typical - r.error).abs() <= 1e-4 * r.error.max(1.0));
        }
    }
    let mlp = fixture("ulb-fraud-mlp").supported_scorer();
    assert_eq!(typical_errors(&mlp), Err(TeachError::NoFeatureErrors));
}

const GERMAN_SAMPLE: &[u8] = include_bytes!("../models/german-credit-scorecard/sample.csv");

#[test]
fn scorecard_evidence_gives_back_the_manifest_woe_and_the_known_information_values() {
    let m = manifest("german-credit-scorecard");
    let e = evidence(&m, GERMAN_SAMPLE).unwrap();
    assert_eq!((e.rows, e.bad, e.good), (1000, 300, 700));
    // The sample holds the rows the bins were fitted on: the counts give each WOE back.
    assert!(e.max_woe_gap < 1e-9, "{}", e.max_woe_gap);
    assert_eq!(e.attributes.len(), m.features.len());
    for a in &e.attributes {
        assert!(a.iv >= 0.0, "{}", m.features[a.feature_idx].name);
        let counted: u64 = a.bins.iter().map(|b| b.bad + b.good).sum();
        assert_eq!(counted, 1000);
    }
    // The literature's IV of the checking account is 0.666 (unsmoothed WOE); with the
    // pipeline's +0.5 it is 0.662. It is the strongest attribute of German Credit.
    let checking = m
        .feature_index("status_of_existing_checking_account")
        .unwrap();
    let strongest = e
        .attributes
        .iter()
        .max_by(|a, b| a.iv.total_cmp(&b.iv))
        .unwrap();
    assert_eq!(strongest.feature_idx, checking);
    assert!((strongest.iv - 0.666).abs() < 0.005, "{}", strongest.iv);

    assert_eq!(
        evidence(&manifest("german-credit-logistic"), GERMAN_SAMPLE),
        Err(TeachError::NotAScorecard)
    );
    let unlabelled: Vec<u8> = String::from_utf8_lossy(GERMAN_SAMPLE)
        .replace(",defaulted\n", ",outcome\n")
        .into_bytes();
    assert!(matches!(
        evidence(&m, &unlabelled),
        Err(TeachError::Sample(_))
    ));
}

#[test]
fn comparable_models_are_the_ones_sharing_attributes() {
    let groups: Vec<Vec<&str>> = MODELS
        .iter()
        .map(|a| {
            MODELS
                .iter()
                .filter(|b| comparable(&manifest(a.id), &manifest(b.id)))
                .map(|b| b.id)
                .collect()
        })
        .collect();
    let german = vec![
        "german-credit-logistic",
        "german-credit-scorecard",
        "german-credit-mlp",
        "german-credit-lightgbm",
    ];
    let taiwan = vec![
        "taiwan-credit-lstm",
        "taiwan-credit-mlp",
        "taiwan-credit-lightgbm",
    ];
    let ulb = vec![
        "ulb-fraud-mlp",
        "ulb-fraud-lightgbm",
        "ulb-fraud-autoencoder",
    ];
    let expected: Vec<Vec<&str>> = [(german, 4), (taiwan, 3), (ulb, 3)]
        .into_iter()
        .flat_map(|(group, n)| std::iter::repeat_n(group, n))
        .collect();
    assert_eq!(groups, expected);
}

/// The trees' anatomy counts what LightGBM grew: the pipeline read trees, leaves and depth off
/// the booster (metrics.json); the anatomy reads them off the ONNX file, through RiskScope's
/// own compiled ensemble.
#[test]
fn tree_anatomy_counts_what_lightgbm_grew() {
    let mut seen = 0;
    for f in MODELS.iter().filter(|f| f.id.ends_with("-lightgbm")) {
        let path = format!(
            "{}/models/{}/metrics.json",
            env!("CARGO_MANIFEST_DIR"),
            f.id
        );
        let metrics: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let grown = metrics
            .get("training")
            .filter(|t| t.get("trees").is_some())
            .or_else(|| metrics["final_model"].get("trees"))
            .unwrap();
        let a = anatomy(&manifest(f.id), f.onnx).unwrap();
        let stages: Vec<_> = a
            .stages
            .iter()
            .filter_map(|s| match &s.kind {
                StageKind::Trees {
                    op,
                    trees,
                    leaves,
                    depth,
                } => Some((op.as_str(), *trees, *leaves, *depth)),
                _ => None,
            })
            .collect();
        let as_u64 = |k: &str| grown[k].as_u64().unwrap();
        assert_eq!(
            stages,
            vec![(
                "TreeEnsembleClassifier",
                as_u64("trees"),
                as_u64("leaves"),
                as_u64("depth")
            )],
            "{}",
            f.id
        );
        assert_eq!(
            a.family,
            Family::Trees {
                trees: as_u64("trees"),
                depth: as_u64("depth")
            }
        );
        // The ZipMap is explained as what it is.
        let last = a.stages.len() - 1;
        assert_eq!(a.stage_explanation(last).id, "teach-explain-output-zipmap");
        seen += 1;
    }
    assert_eq!(seen, 3);
}

#[test]
fn an_applicant_carried_to_another_model_is_the_one_parsed_there() {
    for from in MODELS {
        let mf = manifest(from.id);
        let sf = from.scorer();
        for to in MODELS.iter().filter(|t| comparable(&mf, &manifest(t.id))) {
            let st = to.scorer();
            for row in from.golden().rows.iter().take(30) {
                let applicant = sf.parse(&raw(row)).unwrap();
                let carried = transfer(&applicant, &mf, st.manifest()).unwrap();
                assert_eq!(
                    carried,
                    st.parse(&raw(row)).unwrap(),
                    "{} -> {}",
                    from.id,
                    to.id
                );
                let (a, b) = (
                    st.assess(&carried).unwrap(),
                    st.assess_raw(&raw(row)).unwrap(),
                );
                assert_eq!(a.score, b.score);
            }
        }
    }
}
