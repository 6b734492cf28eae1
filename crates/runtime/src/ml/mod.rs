//! RiskScope's own ONNX-ML operators, registered on tract's ONNX parser so that a converter's
//! default export (skl2onnx, onnxmltools) loads as it is: tree ensembles ([`tree`]), and the
//! preprocessing and plumbing operators around them ([`simple`]). Each follows the ONNX-ML
//! specification, and onnxruntime where the two differ (said where it happens).

/// Inside `impl Expansion`: the operator wires itself into the typed model (it is its own
/// typed operator).
macro_rules! wire_itself {
    () => {
        fn wire(
            &self,
            prefix: &str,
            model: &mut TypedModel,
            inputs: &[OutletId],
        ) -> TractResult<TVec<OutletId>> {
            model.wire_node(prefix, self.clone(), inputs)
        }
    };
}

/// `Op` for an operator that is its own expansion: named as the expansion names it.
macro_rules! named_as_expansion {
    ($op:ty) => {
        impl Op for $op {
            fn name(&self) -> StaticName {
                Expansion::name(self)
            }

            op_as_typed_op!();
        }
    };
}

pub mod attributes;
mod encoders;
mod simple;
pub mod tree;

/// tract's ONNX parser with RiskScope's operators registered (replacing tract's own where both
/// exist: its tree ensemble walks every earlier leaf for each lookup).
pub fn onnx() -> tract_onnx::Onnx {
    let mut onnx = tract_onnx::onnx();
    tree::register(&mut onnx.op_register);
    simple::register(&mut onnx.op_register);
    encoders::register(&mut onnx.op_register);
    onnx
}

/// The ONNX-ML operators RiskScope implements itself.
pub const OPERATORS: [&str; 10] = [
    "TreeEnsembleClassifier",
    "TreeEnsembleRegressor",
    "TreeEnsemble",
    "ZipMap",
    "Scaler",
    "Imputer",
    "Binarizer",
    "ArrayFeatureExtractor",
    "LabelEncoder",
    "OneHotEncoder",
];
