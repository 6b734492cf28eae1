//! The ensemble as a tract operator, registered on the ONNX parser under the two ONNX-ML names.

use std::sync::Arc;

use tract_onnx::model::OnnxOpRegister;
use tract_onnx::pb::NodeProto;
use tract_onnx::prelude::*;
use tract_onnx::tract_core::internal::{EvalContext, EvalOp, Op, StaticName, TypedOp};
use tract_onnx::tract_core::internal::{bail, format_err};
use tract_onnx::tract_core::ops::cast::cast;
use tract_onnx::tract_core::{as_op, op_as_typed_op, op_out_of_plan};
use tract_onnx::tract_hir::internal::{
    InferenceOp, InferenceResult, Solver, TensorProxy, check_input_arity, check_output_arity,
};
use tract_onnx::tract_hir::ops::expandable::{Expansion, expand};

use super::finish::finish;
use super::{Ensemble, Kind, Labels};
use crate::ml::attributes::Attributes;

pub fn register(register: &mut OnnxOpRegister) {
    register.insert("TreeEnsembleClassifier", |_, node| parse(node, true));
    register.insert("TreeEnsembleRegressor", |_, node| parse(node, false));
    register.insert("TreeEnsemble", |_, node| {
        let legacy =
            super::unified::legacy(&Attributes::new(node)).map_err(|e| format_err!("{e}"))?;
        let ensemble = Ensemble::from_attributes(&Attributes::new(&legacy), false)
            .map_err(|e| format_err!("{e}"))?;
        Ok((expand(Unified(Trees(Arc::new(ensemble)))), vec![]))
    });
}

/// ai.onnx.ml opset 5's TreeEnsemble: the same trees, scored in f32, the output in the input's
/// type.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Unified(Trees);

impl Expansion for Unified {
    fn name(&self) -> StaticName {
        "TreeEnsemble".into()
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
        s.equals(&outputs[0].datum_type, &inputs[0].datum_type)?;
        s.equals(&outputs[0].rank, 2)?;
        s.equals(&outputs[0].shape[0], &inputs[0].shape[0])?;
        s.equals(&outputs[0].shape[1], self.0.0.outputs.to_dim())?;
        Ok(())
    }

    fn wire(
        &self,
        prefix: &str,
        model: &mut TypedModel,
        inputs: &[OutletId],
    ) -> TractResult<TVec<OutletId>> {
        let dt = model.outlet_fact(inputs[0])?.datum_type;
        let scores = model.wire_node(prefix, self.0.clone(), &[inputs[0]])?;
        if dt == f32::datum_type() {
            return Ok(scores);
        }
        model.wire_node(format!("{prefix}.cast"), cast(dt), &scores)
    }
}

fn parse(node: &NodeProto, classifier: bool) -> TractResult<(Box<dyn InferenceOp>, Vec<String>)> {
    let ensemble = Ensemble::from_attributes(&Attributes::new(node), classifier)
        .map_err(|e| format_err!("{e}"))?;
    Ok((expand(Trees(Arc::new(ensemble))), vec![]))
}

/// The margin of output column `column` of the one tree ensemble in `model`, when that
/// ensemble reads the model's input as it is (no operator between them).
pub(crate) fn margin_of(model: &TypedModel, column: usize) -> Option<super::Margin> {
    let source = *model.input_outlets().ok()?.first()?;
    let mut trees = model
        .nodes()
        .iter()
        .filter_map(|node| Some((node, node.op_as::<Trees>()?)));
    let (node, op) = trees.next()?;
    if trees.next().is_some() || node.inputs.first() != Some(&source) {
        return None;
    }
    super::Margin::of(Arc::clone(&op.0), column)
}

/// Both the inference-time rules and the typed operator; equal when they share the ensemble.
#[derive(Debug, Clone)]
pub struct Trees(Arc<Ensemble>);

impl PartialEq for Trees {
    fn eq(&self, other: &Trees) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for Trees {}

impl Trees {
    fn label_type(&self) -> Option<DatumType> {
        match &self.0.kind {
            Kind::Classifier {
                labels: Labels::Ints(_),
                ..
            } => Some(i64::datum_type()),
            Kind::Classifier {
                labels: Labels::Strings(_),
                ..
            } => Some(String::datum_type()),
            Kind::Regressor => None,
        }
    }

    fn op_name(&self) -> StaticName {
        match self.0.kind {
            Kind::Classifier { .. } => "TreeEnsembleClassifier".into(),
            Kind::Regressor => "TreeEnsembleRegressor".into(),
        }
    }
}

impl Expansion for Trees {
    fn name(&self) -> StaticName {
        self.op_name()
    }

    fn nboutputs(&self) -> TractResult<usize> {
        Ok(if self.label_type().is_some() { 2 } else { 1 })
    }

    fn rules<'r, 'p: 'r, 's: 'r>(
        &'s self,
        s: &mut Solver<'r>,
        inputs: &'p [TensorProxy],
        outputs: &'p [TensorProxy],
    ) -> InferenceResult {
        check_input_arity(inputs, 1)?;
        check_output_arity(outputs, self.nboutputs()?)?;
        s.equals(&inputs[0].rank, 2)?;
        let scores = outputs.len() - 1;
        if let Some(label) = self.label_type() {
            s.equals(&outputs[0].datum_type, label)?;
            s.equals(&outputs[0].rank, 1)?;
            s.equals(&outputs[0].shape[0], &inputs[0].shape[0])?;
        }
        s.equals(&outputs[scores].datum_type, f32::datum_type())?;
        s.equals(&outputs[scores].rank, 2)?;
        s.equals(&outputs[scores].shape[0], &inputs[0].shape[0])?;
        s.equals(&outputs[scores].shape[1], self.0.outputs.to_dim())?;
        Ok(())
    }

    wire_itself!();
}

impl Op for Trees {
    fn name(&self) -> StaticName {
        self.op_name()
    }

    fn info(&self) -> TractResult<Vec<String>> {
        Ok(vec![format!(
            "{} trees, {} nodes, {} outputs",
            self.0.roots.len(),
            self.0.nodes.len(),
            self.0.outputs
        )])
    }

    op_as_typed_op!();
}

impl EvalOp for Trees {
    op_out_of_plan!();

    fn eval(&self, _ctx: &EvalContext, inputs: TVec<TValue>) -> TractResult<TVec<TValue>> {
        let input = inputs[0].cast_to::<f32>()?;
        let view = input.to_plain_array_view::<f32>()?;
        let &[rows, width] = view.shape() else {
            bail!(
                "a tree ensemble reads [rows, columns]; its input has shape {:?}",
                view.shape()
            );
        };
        let e = &*self.0;
        if width < e.features {
            bail!(
                "the trees read column {} but the input has {width} columns",
                e.features - 1
            );
        }
        let values: Vec<f32>;
        let data = match view.as_slice() {
            Some(data) => data,
            None => {
                values = view.iter().copied().collect();
                &values
            }
        };
        let mut scores = vec![0.0f32; rows * e.outputs];
        let mut classes = vec![0usize; rows];
        e.accumulate(data, width, |first, acc| {
            let n = (rows - first).min(acc.sum.len() / e.outputs);
            for r in 0..n {
                let span = r * e.outputs..(r + 1) * e.outputs;
                let out = (first + r) * e.outputs..(first + r + 1) * e.outputs;
                classes[first + r] =
                    finish(e, &acc.sum[span.clone()], &acc.has[span], &mut scores[out]);
            }
        });
        let scores = Tensor::from_shape(&[rows, e.outputs], &scores)?.into_tvalue();
        Ok(match &e.kind {
            Kind::Regressor => tvec!(scores),
            Kind::Classifier {
                labels: Labels::Ints(labels),
                ..
            } => {
                let l: Vec<i64> = classes.iter().map(|&c| labels[c]).collect();
                tvec!(Tensor::from_shape(&[rows], &l)?.into_tvalue(), scores)
            }
            Kind::Classifier {
                labels: Labels::Strings(labels),
                ..
            } => {
                let l: Vec<String> = classes.iter().map(|&c| labels[c].clone()).collect();
                tvec!(tensor1(&l).into_tvalue(), scores)
            }
        })
    }
}

impl TypedOp for Trees {
    fn output_facts(&self, inputs: &[&TypedFact]) -> TractResult<TVec<TypedFact>> {
        let shape = &inputs[0].shape;
        if shape.rank() != 2 {
            bail!(
                "a tree ensemble reads [rows, columns]; its input has rank {}",
                shape.rank()
            );
        }
        if let Some(width) = shape[1].as_i64().map(|w| w as usize)
            && width < self.0.features
        {
            bail!(
                "the trees read column {} but the input has {width} columns",
                self.0.features - 1
            );
        }
        let rows = shape[0].clone();
        let scores = f32::fact([rows.clone(), self.0.outputs.to_dim()]);
        Ok(match self.label_type() {
            Some(label) => tvec!(label.fact([rows]), scores),
            None => tvec!(scores),
        })
    }

    as_op!();
}
