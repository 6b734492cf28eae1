//! The ONNX-ML operators around a model: ZipMap (read as the probability tensor it wraps: a
//! sequence of maps has no tensor form, and the manifest reads that tensor), Scaler, Imputer,
//! Binarizer (element by element over `[rows, columns]`), ArrayFeatureExtractor (columns
//! picked by constant indices).

use tract_onnx::model::{OnnxOpRegister, ParsingContext};
use tract_onnx::pb::NodeProto;
use tract_onnx::prelude::*;
use tract_onnx::tract_core::internal::{EvalContext, EvalOp, Op, StaticName, TypedOp};
use tract_onnx::tract_core::internal::{bail, format_err};
use tract_onnx::tract_core::ops::identity::Identity;
use tract_onnx::tract_core::{as_op, op_as_typed_op, op_out_of_plan};
use tract_onnx::tract_hir::internal::{
    InferenceOp, InferenceResult, Solver, TensorProxy, check_input_arity, check_output_arity,
};
use tract_onnx::tract_hir::ops::expandable::{Expansion, expand};

use super::attributes::Attributes;

pub fn register(register: &mut OnnxOpRegister) {
    register.insert("ZipMap", zip_map);
    register.insert("Scaler", scaler);
    register.insert("Imputer", imputer);
    register.insert("Binarizer", binarizer);
    register.insert("ArrayFeatureExtractor", array_feature_extractor);
}

type Built = TractResult<(Box<dyn InferenceOp>, Vec<String>)>;

fn zip_map(_: &ParsingContext, node: &NodeProto) -> Built {
    let a = Attributes::new(node);
    let classes = match (
        a.ints("classlabels_int64s"),
        a.strings("classlabels_strings")
            .map_err(|e| format_err!("{e}"))?,
    ) {
        (Some(ints), None) => ints.len(),
        (None, Some(strings)) => strings.len(),
        _ => bail!(
            "{}",
            a.error(
                "classlabels_int64s",
                "exactly one of classlabels_int64s and classlabels_strings must be given"
            )
        ),
    };
    Ok((expand(ZipMap { classes }), vec![]))
}

/// ZipMap: its input, unchanged (`[rows, classes]` probabilities).
#[derive(Debug, Clone, PartialEq, Eq)]
struct ZipMap {
    classes: usize,
}

impl Expansion for ZipMap {
    fn name(&self) -> StaticName {
        "ZipMap".into()
    }

    fn rules<'r, 'p: 'r, 's: 'r>(
        &'s self,
        s: &mut Solver<'r>,
        inputs: &'p [TensorProxy],
        outputs: &'p [TensorProxy],
    ) -> InferenceResult {
        check_input_arity(inputs, 1)?;
        check_output_arity(outputs, 1)?;
        s.equals(&inputs[0].rank, 2)?;
        s.equals(&inputs[0].shape[1], self.classes.to_dim())?;
        s.equals(&outputs[0].datum_type, &inputs[0].datum_type)?;
        s.equals(&outputs[0].shape, &inputs[0].shape)?;
        Ok(())
    }

    fn wire(
        &self,
        prefix: &str,
        model: &mut TypedModel,
        inputs: &[OutletId],
    ) -> TractResult<TVec<OutletId>> {
        model.wire_node(prefix, Identity, inputs)
    }
}

fn scaler(_: &ParsingContext, node: &NodeProto) -> Built {
    let a = Attributes::new(node);
    let read = |name: &str| {
        a.floats(name)
            .map_err(|e| format_err!("{e}"))
            .map(Option::unwrap_or_default)
    };
    let (offset, scale) = (read("offset")?, read("scale")?);
    Ok((expand(Elementwise(Map::Scaler { offset, scale })), vec![]))
}

fn imputer(_: &ParsingContext, node: &NodeProto) -> Built {
    let a = Attributes::new(node);
    if a.has("imputed_value_int64s") {
        bail!(
            "{}",
            a.error(
                "imputed_value_int64s",
                "integer imputation is not supported; RiskScope feeds floats"
            )
        );
    }
    let values = a
        .floats("imputed_value_floats")
        .map_err(|e| format_err!("{e}"))?
        .ok_or_else(|| format_err!("{}", a.error("imputed_value_floats", "it is missing")))?;
    let replaced = a.float("replaced_value_float").unwrap_or(0.0);
    Ok((
        expand(Elementwise(Map::Imputer { values, replaced })),
        vec![],
    ))
}

fn binarizer(_: &ParsingContext, node: &NodeProto) -> Built {
    let threshold = Attributes::new(node).float("threshold").unwrap_or(0.0);
    Ok((expand(Elementwise(Map::Binarizer { threshold })), vec![]))
}

/// What an element-by-element operator does to each value of column `j`.
#[derive(Debug, Clone, PartialEq)]
enum Map {
    /// `(x - offset[j]) * scale[j]`; a list of one value applies to every column.
    Scaler { offset: Vec<f32>, scale: Vec<f32> },
    /// `values[j]` where `x` is `replaced` (or NaN, when `replaced` is NaN).
    Imputer { values: Vec<f32>, replaced: f32 },
    /// 1 where `x > threshold`, else 0.
    Binarizer { threshold: f32 },
}

/// The value of a per-column list for column `j`: one value applies to all.
fn per_column(list: &[f32], j: usize, default: f32) -> f32 {
    match list {
        [] => default,
        [one] => *one,
        many => many.get(j).copied().unwrap_or(default),
    }
}

impl Map {
    fn apply(&self, x: f32, j: usize) -> f32 {
        match self {
            Map::Scaler { offset, scale } => {
                (x - per_column(offset, j, 0.0)) * per_column(scale, j, 1.0)
            }
            Map::Imputer { values, replaced } => {
                let hit = if replaced.is_nan() {
                    x.is_nan()
                } else {
                    x == *replaced
                };
                if hit { per_column(values, j, x) } else { x }
            }
            Map::Binarizer { threshold } => {
                if x > *threshold {
                    1.0
                } else {
                    0.0
                }
            }
        }
    }

    /// Per-column lists must have one value or one per column.
    fn check(&self, columns: usize) -> TractResult<()> {
        let lists: Vec<(&str, usize)> = match self {
            Map::Scaler { offset, scale } => vec![("offset", offset.len()), ("scale", scale.len())],
            Map::Imputer { values, .. } => vec![("imputed_value_floats", values.len())],
            Map::Binarizer { .. } => vec![],
        };
        for (name, len) in lists {
            if len > 1 && len != columns {
                bail!("{name} has {len} values for {columns} columns");
            }
        }
        Ok(())
    }

    fn name(&self) -> StaticName {
        match self {
            Map::Scaler { .. } => "Scaler".into(),
            Map::Imputer { .. } => "Imputer".into(),
            Map::Binarizer { .. } => "Binarizer".into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
struct Elementwise(Map);

impl Eq for Elementwise {}

impl Expansion for Elementwise {
    fn name(&self) -> StaticName {
        self.0.name()
    }

    fn rules<'r, 'p: 'r, 's: 'r>(
        &'s self,
        s: &mut Solver<'r>,
        inputs: &'p [TensorProxy],
        outputs: &'p [TensorProxy],
    ) -> InferenceResult {
        check_input_arity(inputs, 1)?;
        check_output_arity(outputs, 1)?;
        s.equals(&outputs[0].datum_type, f32::datum_type())?;
        s.equals(&outputs[0].shape, &inputs[0].shape)?;
        Ok(())
    }

    wire_itself!();
}

named_as_expansion!(Elementwise);

impl EvalOp for Elementwise {
    op_out_of_plan!();

    fn eval(&self, _ctx: &EvalContext, inputs: TVec<TValue>) -> TractResult<TVec<TValue>> {
        let input = inputs[0].cast_to::<f32>()?;
        let view = input.to_plain_array_view::<f32>()?;
        let columns = view.shape().last().copied().unwrap_or(1).max(1);
        self.0.check(columns)?;
        let out: Vec<f32> = view
            .iter()
            .enumerate()
            .map(|(i, &x)| self.0.apply(x, i % columns))
            .collect();
        Ok(tvec!(Tensor::from_shape(view.shape(), &out)?.into_tvalue()))
    }
}

impl TypedOp for Elementwise {
    fn output_facts(&self, inputs: &[&TypedFact]) -> TractResult<TVec<TypedFact>> {
        if let Some(Some(columns)) = inputs[0].shape.iter().last().map(|d| d.as_i64()) {
            self.0.check(columns as usize)?;
        }
        Ok(tvec!(f32::fact(inputs[0].shape.clone())))
    }

    as_op!();
}

fn array_feature_extractor(_: &ParsingContext, _: &NodeProto) -> Built {
    Ok((expand(ArrayFeatureExtractor), vec![]))
}

/// `Y[..., i] = X[..., indices[i]]`, the indices a constant.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ArrayFeatureExtractor;

impl Expansion for ArrayFeatureExtractor {
    fn name(&self) -> StaticName {
        "ArrayFeatureExtractor".into()
    }

    fn rules<'r, 'p: 'r, 's: 'r>(
        &'s self,
        s: &mut Solver<'r>,
        inputs: &'p [TensorProxy],
        outputs: &'p [TensorProxy],
    ) -> InferenceResult {
        check_input_arity(inputs, 2)?;
        check_output_arity(outputs, 1)?;
        s.equals(&outputs[0].datum_type, &inputs[0].datum_type)?;
        s.equals(&outputs[0].rank, &inputs[0].rank)?;
        Ok(())
    }

    fn wire(
        &self,
        prefix: &str,
        model: &mut TypedModel,
        inputs: &[OutletId],
    ) -> TractResult<TVec<OutletId>> {
        let rank = model.outlet_fact(inputs[0])?.rank();
        if rank == 0 {
            bail!("ArrayFeatureExtractor: its input is a scalar");
        }
        let axis = rank - 1;
        let width = model.outlet_fact(inputs[0])?.shape[axis]
            .as_i64()
            .map(|w| w as usize);
        let indices = match model.outlet_fact(inputs[1])?.konst.clone() {
            // Constant indices (a converter's column selection) are checked once, here.
            Some(konst) => {
                let indices: Vec<i64> = konst
                    .cast_to::<i64>()?
                    .to_plain_array_view::<i64>()?
                    .iter()
                    .copied()
                    .collect();
                if let Some(width) = width
                    && let Some(bad) = indices.iter().find(|&&i| i < 0 || i as usize >= width)
                {
                    bail!(
                        "ArrayFeatureExtractor: index {bad} is outside the input's {width} columns"
                    );
                }
                model.add_const(format!("{prefix}.indices"), tensor1(&indices))?
            }
            None => model.wire_node(
                format!("{prefix}.indices"),
                tract_onnx::tract_core::ops::cast::cast(i64::datum_type()),
                &[inputs[1]],
            )?[0],
        };
        model.wire_node(
            prefix,
            tract_onnx::tract_core::ops::array::Gather::new(axis),
            &[inputs[0], indices],
        )
    }
}
