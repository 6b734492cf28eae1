//! ai.onnx.ml opset 5's TreeEnsemble (`crates/runtime/src/ml/tree/unified.rs`): a stump and a
//! set-membership tree scored against values worked out by hand from the specification, the
//! output in the input's type, and broken attributes as errors that name them. (The ONNX
//! project's own two TreeEnsemble node tests run in `tests/onnx_ml.rs`.)

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use tract_onnx::pb::{self, AttributeProto, TensorProto};
use tract_onnx::prelude::*;

fn ints(name: &str, v: &[i64]) -> AttributeProto {
    AttributeProto {
        name: name.into(),
        ints: v.to_vec(),
        ..Default::default()
    }
}

fn int(name: &str, v: i64) -> AttributeProto {
    AttributeProto {
        name: name.into(),
        i: v,
        ..Default::default()
    }
}

fn float_tensor(name: &str, v: &[f32]) -> AttributeProto {
    AttributeProto {
        name: name.into(),
        t: Some(TensorProto {
            data_type: 1,
            dims: vec![v.len() as i64],
            float_data: v.to_vec(),
            ..Default::default()
        }),
        ..Default::default()
    }
}

fn byte_tensor(name: &str, v: &[u8]) -> AttributeProto {
    AttributeProto {
        name: name.into(),
        t: Some(TensorProto {
            data_type: 2,
            dims: vec![v.len() as i64],
            raw_data: v.to_vec(),
            ..Default::default()
        }),
        ..Default::default()
    }
}

/// One tree: node 0 sends feature 0 <= 0.5 to leaf 0 (weight 0.2), else node 1, which sends
/// feature 1 in {2, 5} (missing values the true way) to leaf 1 (weight 3), else leaf 2 (weight
/// -1). Two targets: leaves 0 and 1 weigh target 0, leaf 2 target 1.
fn tree() -> Vec<AttributeProto> {
    vec![
        ints("tree_roots", &[0]),
        ints("nodes_featureids", &[0, 1]),
        byte_tensor("nodes_modes", &[0, 6]),
        float_tensor("nodes_splits", &[0.5, 0.0]),
        ints("nodes_truenodeids", &[0, 1]),
        ints("nodes_trueleafs", &[1, 1]),
        ints("nodes_falsenodeids", &[1, 2]),
        ints("nodes_falseleafs", &[0, 1]),
        ints("nodes_missing_value_tracks_true", &[0, 1]),
        float_tensor("membership_values", &[2.0, 5.0, f32::NAN]),
        ints("leaf_targetids", &[0, 0, 1]),
        float_tensor("leaf_weights", &[0.2, 3.0, -1.0]),
        int("n_targets", 2),
        int("aggregate_function", 1),
        int("post_transform", 0),
    ]
}

fn with(mut attributes: Vec<AttributeProto>, replaced: AttributeProto) -> Vec<AttributeProto> {
    attributes.retain(|a| a.name != replaced.name);
    attributes.push(replaced);
    attributes
}

fn model(attributes: Vec<AttributeProto>, elem_type: i32) -> pb::ModelProto {
    let value = |name: &str| pb::ValueInfoProto {
        name: name.into(),
        r#type: Some(pb::TypeProto {
            value: Some(pb::type_proto::Value::TensorType(pb::type_proto::Tensor {
                elem_type,
                shape: None,
            })),
            ..Default::default()
        }),
        ..Default::default()
    };
    pb::ModelProto {
        ir_version: 10,
        opset_import: vec![
            pb::OperatorSetIdProto {
                domain: String::new(),
                version: 21,
            },
            pb::OperatorSetIdProto {
                domain: "ai.onnx.ml".into(),
                version: 5,
            },
        ],
        graph: Some(pb::GraphProto {
            node: vec![pb::NodeProto {
                name: "trees".into(),
                op_type: "TreeEnsemble".into(),
                domain: "ai.onnx.ml".into(),
                input: vec!["X".into()],
                output: vec!["Y".into()],
                attribute: attributes,
                ..Default::default()
            }],
            input: vec![value("X")],
            output: vec![value("Y")],
            ..Default::default()
        }),
        ..Default::default()
    }
}

fn run(proto: &pb::ModelProto, input: Tensor) -> TractResult<Tensor> {
    let mut m = riskscope_runtime::ml::onnx().model_for_proto_model(proto)?;
    m.set_input_fact(
        0,
        InferenceFact::from(input.datum_type().fact(input.shape())),
    )?;
    let plan = m.into_optimized()?.into_runnable()?;
    let out = plan.run(tvec!(input.into_tvalue()))?;
    Ok(out[0].clone().into_tensor())
}

#[test]
fn a_tree_with_a_membership_set_scores_as_the_specification_says() {
    let rows: [[f32; 2]; 5] = [
        [0.1, 9.0],      // feature 0 <= 0.5: leaf 0
        [0.9, 5.0],      // in the set: leaf 1
        [0.9, 3.0],      // not in the set: leaf 2
        [0.9, f32::NAN], // missing, tracked the true way: leaf 1
        [f32::NAN, 2.0], // NaN <= 0.5 is false, no track on node 0: node 1, in the set
    ];
    let want: [[f32; 2]; 5] = [[0.2, 0.0], [3.0, 0.0], [0.0, -1.0], [3.0, 0.0], [3.0, 0.0]];
    let input = tract_ndarray::Array2::from_shape_fn((5, 2), |(r, c)| rows[r][c]);
    let got = run(&model(tree(), 1), input.into_tensor()).unwrap();
    assert_eq!(got.datum_type(), f32::datum_type());
    let got = got.to_plain_array_view::<f32>().unwrap();
    for r in 0..5 {
        assert_eq!(got[[r, 0]], want[r][0], "row {r}");
        assert_eq!(got[[r, 1]], want[r][1], "row {r}");
    }
    // A double input gives a double output, the same numbers.
    let doubles = tract_ndarray::Array2::from_shape_fn((5, 2), |(r, c)| f64::from(rows[r][c]));
    let got = run(&model(tree(), 11), doubles.into_tensor()).unwrap();
    assert_eq!(got.datum_type(), f64::datum_type());
    let got = got.to_plain_array_view::<f64>().unwrap();
    assert_eq!(got[[2, 1]], -1.0);
    assert_eq!(got[[0, 0]], f64::from(0.2f32));
}

#[test]
fn broken_unified_attributes_are_errors_that_name_the_attribute_and_value() {
    let cases: Vec<(&str, Vec<AttributeProto>, &[&str])> = vec![
        (
            "a branch rule past BRANCH_MEMBER",
            with(tree(), byte_tensor("nodes_modes", &[0, 7])),
            &["nodes_modes", "7"],
        ),
        (
            "a leaf index outside the leaves",
            with(tree(), ints("nodes_falsenodeids", &[1, 9])),
            &["9", "points outside"],
        ),
        (
            "a node that is its own child",
            with(
                with(tree(), ints("nodes_truenodeids", &[0, 0])),
                ints("nodes_trueleafs", &[0, 0]),
            ),
            &["tree_roots", "does not end"],
        ),
        (
            "two sets for one membership node",
            with(
                tree(),
                float_tensor("membership_values", &[2.0, f32::NAN, 5.0]),
            ),
            &["membership_values", "2 sets for 1"],
        ),
        (
            "a target past n_targets",
            with(tree(), ints("leaf_targetids", &[0, 0, 2])),
            &["leaf_targetids", "2"],
        ),
        (
            "a branch rule past a byte, stored as an int32",
            with(
                tree(),
                AttributeProto {
                    name: "nodes_modes".into(),
                    t: Some(TensorProto {
                        data_type: 2,
                        dims: vec![2],
                        int32_data: vec![0, 262],
                        ..Default::default()
                    }),
                    ..Default::default()
                },
            ),
            &["nodes_modes", "262 (entry 1) is not a uint8"],
        ),
        (
            "an unknown post_transform",
            with(tree(), int("post_transform", 9)),
            &["post_transform", "9"],
        ),
        (
            "lists of different lengths",
            with(tree(), ints("nodes_trueleafs", &[1])),
            &["nodes_trueleafs", "1 entries"],
        ),
    ];
    for (what, attributes, words) in cases {
        let error = match run(
            &model(attributes, 1),
            tract_ndarray::Array2::<f32>::zeros((1, 2)).into_tensor(),
        ) {
            Ok(_) => panic!("{what}: loaded"),
            Err(e) => format!("{e:#}"),
        };
        for word in words {
            assert!(error.contains(word), "{what}: {error:?} lacks {word:?}");
        }
    }
}
