//! Bring your own scikit-learn pipeline as skl2onnx exports it from a DataFrame: one graph input
//! per column (float numbers, string categories read by the graph's own OneHotEncoder or
//! LabelEncoder). The check reads each string input's categories from its encoder, the proposal
//! makes a feature per input (a category for a string input, with the encoder's categories and
//! one for any other value when the encoder scores unseen ones), a data file fills it by column
//! name, and the completed model scores the corpus's golden rows as onnxruntime does, unseen
//! category texts included.

// Tests may panic: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use prost::Message as _;
use riskscope_core::applicant::{Note, Problem, RawApplicant};
use riskscope_core::byo::{Draft, LabelFound, complete};
use riskscope_core::compat::{Severity, check};
use riskscope_core::manifest::{
    EncodingKind, FeatureKind, ImputedFrom, InputType, Manifest, Missing, Task,
};
use riskscope_core::scorer::Scorer;
use riskscope_runtime::proto as pb;
use serde_json::Value;

const PIPELINE: &[u8] = include_bytes!("fixtures/onnx-ml/german-logreg-pipeline.onnx");
const PIPELINE_GOLDEN: &str = include_str!("fixtures/onnx-ml/german-logreg-pipeline.json");
const ORDINAL: &[u8] = include_bytes!("fixtures/onnx-ml/german-ordinal-forest-string-labels.onnx");
const ORDINAL_GOLDEN: &str =
    include_str!("fixtures/onnx-ml/german-ordinal-forest-string-labels.json");
/// The catalog's German sample: the same column names and category texts the pipeline was
/// trained on, an `age_band` column the model does not read, and the `defaulted` label.
const GERMAN_SAMPLE: &str = include_str!("../models/german-credit-logistic/sample.csv");

/// Each golden row as the page's raw fields (a null number left out: no value given), and
/// onnxruntime's probability in `column` of its probability output.
fn golden_rows(json: &str, column: usize) -> Vec<(RawApplicant, f32, bool)> {
    let d: Value = serde_json::from_str(json).unwrap();
    let inputs = d["inputs"].as_array().unwrap();
    let output = d["probability"]["output"].as_str().unwrap();
    let want = d["outputs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == output)
        .unwrap();
    let rows = inputs[0]["shape"][0].as_u64().unwrap() as usize;
    (0..rows)
        .map(|r| {
            let mut raw = RawApplicant::default();
            let mut missing = false;
            for input in inputs {
                let v = &input["values"][r];
                let name = input["name"].as_str().unwrap();
                match (v.as_str(), v.as_f64()) {
                    (Some(text), _) => raw.insert(name, text),
                    (None, Some(x)) => raw.insert(name, (x as f32).to_string()),
                    (None, None) => missing = true,
                }
            }
            let p = want["values"][r * 2 + column].as_f64().unwrap() as f32;
            (raw, p, missing)
        })
        .collect()
}

#[test]
fn a_column_transformer_export_is_proposed_one_feature_per_input_and_scores_as_onnxruntime() {
    let report = check(PIPELINE, None);
    assert!(report.is_loadable(), "{:#?}", report.findings);
    let note = report
        .findings
        .iter()
        .find(|f| f.severity == Severity::Note && f.what.to_string().contains("20 inputs"))
        .expect("a note on the inputs per column");
    assert!(
        note.what.to_string().contains("model.inputs"),
        "{}",
        note.what
    );
    let purpose = report.inputs.iter().find(|i| i.name == "purpose").unwrap();
    let categories = purpose.categories.as_ref().unwrap();
    assert_eq!(categories.encoder, "OneHotEncoder");
    assert!(categories.unseen, "handle_unknown='ignore' exports zeros=1");
    assert!(categories.values.contains(&"radio/television".to_owned()));

    let mut draft = Draft::propose(&report).unwrap();
    assert_eq!(draft.columns.len(), 20);
    assert_eq!(draft.input_name, "");
    assert_eq!(
        (draft.output_name.as_str(), draft.output_column),
        ("output_probability", 1)
    );
    let duration = draft
        .columns
        .iter()
        .find(|c| c.name == "duration_in_month")
        .unwrap();
    assert_eq!(duration.label, "Duration in month");
    assert!(duration.texts.is_none());
    // The graph's SimpleImputer (median) is read through the Concat that gathers the numbers.
    assert_eq!(duration.imputed, Some(18.0));
    let amount = draft
        .columns
        .iter()
        .find(|c| c.name == "credit_amount")
        .unwrap();
    assert_eq!(amount.imputed, Some(2288.0));
    assert_eq!(
        draft.columns.iter().filter(|c| c.imputed.is_some()).count(),
        7
    );
    let texts: Vec<_> = draft.columns.iter().filter(|c| c.texts.is_some()).collect();
    assert_eq!(texts.len(), 13);

    // The sample names every input (in another order), adds a column the model does not
    // read, and its label by its usual name.
    let fit = draft
        .fill_from_data(GERMAN_SAMPLE.as_bytes(), None)
        .unwrap();
    assert_eq!(fit.label_name(), Some("defaulted"));
    assert_eq!(fit.found, LabelFound::ByName);
    assert_eq!(fit.skipped, 0);
    let duration = draft
        .columns
        .iter()
        .find(|c| c.name == "duration_in_month")
        .unwrap();
    let [lo, hi] = duration.seen.unwrap();
    assert!(lo >= 4.0 && hi <= 72.0 && duration.integer, "{lo}..{hi}");
    draft.task = Task::Credit;

    let completed = complete(&draft, PIPELINE, Some(GERMAN_SAMPLE.as_bytes())).unwrap();
    let manifest = Manifest::parse(&completed.manifest).unwrap();
    assert!(manifest.model.input.is_none());
    assert_eq!(manifest.model.inputs.len(), 20);
    let strings = manifest
        .model
        .inputs
        .iter()
        .filter(|i| i.elem == InputType::String)
        .count();
    assert_eq!(strings, 13);
    let purpose = manifest.feature_index("purpose").unwrap();
    let FeatureKind::Category(c) = &manifest.features[purpose].kind else {
        panic!("purpose is no category");
    };
    assert!(c.categories.last().unwrap().unseen);
    assert_eq!(c.known().count(), categories.values.len());
    // The sample's commonest purpose is the default.
    assert_eq!(c.default, "radio/television");
    assert!(
        manifest
            .blocks()
            .any(|(b, j)| j == purpose && b.kind == EncodingKind::Text)
    );

    let imputation =
        |m: &Manifest, name: &str| match &m.features[m.feature_index(name).unwrap()].policy.missing
        {
            Missing::Impute(i) => i.from,
            Missing::Refuse => panic!("{name}: a missing value is refused"),
        };
    assert_eq!(imputation(&manifest, "purpose"), ImputedFrom::Mode);
    assert_eq!(
        imputation(&manifest, "duration_in_month"),
        ImputedFrom::Model
    );
    // A default the user picks instead of the data's commonest text is imputed as declared.
    let mut chosen = draft.clone();
    let purpose_column = chosen
        .columns
        .iter_mut()
        .find(|c| c.name == "purpose")
        .unwrap();
    let texts = purpose_column.texts.as_mut().unwrap();
    texts.default = (texts.default + 1) % texts.known.len();
    let chosen = Manifest::parse(&complete(&chosen, PIPELINE, None).unwrap().manifest).unwrap();
    assert_eq!(imputation(&chosen, "purpose"), ImputedFrom::Declared);

    let mut scorer = Scorer::load(&completed.manifest, PIPELINE).unwrap();
    scorer
        .attach_reference(&completed.reference.unwrap().bytes)
        .unwrap();
    let report = check(PIPELINE, Some(scorer.manifest()));
    assert!(report.is_loadable(), "{:#?}", report.findings);
    assert!(report.probe.is_some());

    // Oracle: onnxruntime's probabilities for every golden row. A missing number is imputed
    // with the graph's own Imputer value (the training median, not the sample's), and texts
    // the encoder never saw are scored as it scores them (all zeros); both are noted.
    let (mut worst, mut scored, mut unseen, mut imputed) = (0.0f32, 0, 0, 0);
    for (raw, want, missing) in golden_rows(PIPELINE_GOLDEN, 1) {
        let applicant = scorer.parse(&raw).unwrap();
        let noted = applicant.notes().iter().any(|n| n.note == Note::Unseen);
        unseen += usize::from(noted);
        let filled = applicant.notes().iter().any(|n| n.note == Note::Imputed);
        assert_eq!(filled, missing);
        imputed += usize::from(filled);
        let got = scorer.predict(std::slice::from_ref(&applicant)).unwrap()[0];
        worst = worst.max((got - want).abs());
        scored += 1;
        // Explanations add up over a graph with string inputs too.
        if scored <= 5 {
            let attribution = scorer.explain(&applicant).unwrap();
            let sum: f64 = attribution.contributions.iter().sum();
            assert!((attribution.baseline + sum - attribution.value).abs() < 1e-6);
        }
    }
    assert_eq!(scored, 250);
    assert!(unseen >= 5, "only {unseen} golden rows with unseen texts");
    assert!(
        imputed >= 5,
        "only {imputed} golden rows with missing numbers"
    );
    assert!(worst <= common::TOLERANCE, "worst gap {worst:e}");
    eprintln!(
        "german-logreg-pipeline: {scored} rows ({unseen} with unseen texts, {imputed} with \
         missing numbers), worst gap {worst:e}"
    );
}

#[test]
fn label_encoded_string_inputs_are_proposed_without_a_data_file() {
    let report = check(ORDINAL, None);
    assert!(report.is_loadable(), "{:#?}", report.findings);
    let housing = report.inputs.iter().find(|i| i.name == "housing").unwrap();
    let categories = housing.categories.as_ref().unwrap();
    assert_eq!(categories.encoder, "LabelEncoder");
    assert_eq!(categories.values, ["for free", "own", "rent"]);
    assert!(
        categories.unseen,
        "a LabelEncoder maps unseen texts to its default"
    );
    let mut draft = Draft::propose(&report).unwrap();
    // Column 1 of the ZipMap's [bad, good] is P(good): the golden's same column.
    let completed = complete(&draft, ORDINAL, None).unwrap();
    // Without a data file the first category is the default, imputed as declared; a default
    // the user picks is declared too.
    let housing = draft
        .columns
        .iter_mut()
        .find(|c| c.name == "housing")
        .unwrap();
    housing.texts.as_mut().unwrap().default = 2;
    let chosen = Manifest::parse(&complete(&draft, ORDINAL, None).unwrap().manifest).unwrap();
    let j = chosen.feature_index("housing").unwrap();
    let FeatureKind::Category(c) = &chosen.features[j].kind else {
        panic!("housing is no category");
    };
    assert_eq!(c.default, "rent");
    assert!(matches!(&chosen.features[j].policy.missing,
        Missing::Impute(i) if i.from == ImputedFrom::Declared));
    let scorer = Scorer::load(&completed.manifest, ORDINAL).unwrap();
    let (mut worst, mut scored, mut unseen) = (0.0f32, 0, 0);
    for (raw, want, missing) in golden_rows(ORDINAL_GOLDEN, draft.output_column) {
        assert!(!missing);
        let applicant = scorer.parse(&raw).unwrap();
        unseen += usize::from(applicant.notes().iter().any(|n| n.note == Note::Unseen));
        let got = scorer.predict(&[applicant]).unwrap()[0];
        worst = worst.max((got - want).abs());
        scored += 1;
    }
    assert_eq!(scored, 250);
    assert!(unseen >= 5, "only {unseen} golden rows with unseen texts");
    assert!(worst <= common::TOLERANCE, "worst gap {worst:e}");
}

/// An encoder exported with handle_unknown='error' (OneHotEncoder `zeros` 0) fails on a text
/// it does not know: the feature has no category for unseen values, and such a text is the
/// row's error, naming the field.
#[test]
fn an_encoder_that_refuses_unseen_texts_makes_them_row_errors() {
    let mut model = pb::ModelProto::decode(PIPELINE).unwrap();
    let graph = model.graph.as_mut().unwrap();
    let node = graph
        .node
        .iter_mut()
        .find(|n| n.op_type == "OneHotEncoder" && n.input[0] == "purpose")
        .unwrap();
    node.attribute
        .iter_mut()
        .find(|a| a.name == "zeros")
        .unwrap()
        .i = 0;
    let onnx = model.encode_to_vec();
    let report = check(&onnx, None);
    let purpose = report.inputs.iter().find(|i| i.name == "purpose").unwrap();
    assert!(!purpose.categories.as_ref().unwrap().unseen);
    let draft = Draft::propose(&report).unwrap();
    let completed = complete(&draft, &onnx, None).unwrap();
    let scorer = Scorer::load(&completed.manifest, &onnx).unwrap();
    let manifest = scorer.manifest();
    let j = manifest.feature_index("purpose").unwrap();
    let FeatureKind::Category(c) = &manifest.features[j].kind else {
        panic!("purpose is no category");
    };
    assert!(c.unseen_index().is_none());
    let (raw, _, _) = golden_rows(PIPELINE_GOLDEN, 1)
        .into_iter()
        .find(|(raw, _, missing)| {
            !missing && raw.get("purpose") == Some("(not in the training data)")
        })
        .unwrap();
    let errors = scorer.parse(&raw).unwrap_err();
    assert!(errors.0.iter().any(|e| e.feature == "purpose"
        && matches!(&e.problem, Problem::UnknownCategory { text } if text.contains("not in the training"))));
}

/// The manifest's inputs are checked against its encoding: a text block feeds a string input,
/// a string input is fed by a text block, and only a text block's feature has a category for
/// unseen values, the last one.
#[test]
fn inputs_and_text_blocks_are_checked_against_each_other() {
    let draft = Draft::propose(&check(ORDINAL, None)).unwrap();
    let good: Value =
        serde_json::from_str(&complete(&draft, ORDINAL, None).unwrap().manifest).unwrap();
    let broken = |edit: &dyn Fn(&mut Value), needle: &str| {
        let mut m = good.clone();
        edit(&mut m);
        let error = Manifest::parse(&m.to_string()).unwrap_err().to_string();
        assert!(error.contains(needle), "{error}");
    };
    let text_block = good["encoding"]
        .as_array()
        .unwrap()
        .iter()
        .position(|b| b["kind"] == "text")
        .unwrap();
    let string_input = |m: &Value| {
        m["model"]["inputs"]
            .as_array()
            .unwrap()
            .iter()
            .position(|i| i["type"] == "string")
            .unwrap()
    };
    broken(
        &|m| m["encoding"][text_block]["kind"] = "ordinal".into(),
        "which only a text block can feed",
    );
    broken(
        &|m| {
            let i = string_input(m);
            m["model"]["inputs"][i]["type"] = "float".into();
        },
        "text is fed to string inputs only",
    );
    broken(
        &|m| m["model"]["input"] = serde_json::json!({ "name": "X", "columns": 20 }),
        "not both",
    );
    broken(
        &|m| {
            let i = string_input(m);
            m["model"]["inputs"][i]["columns"] = 2.into();
        },
        "a string input exactly one",
    );
    let feature = good["encoding"][text_block]["feature"]
        .as_str()
        .unwrap()
        .to_owned();
    broken(
        &|m| {
            let f = m["features"]
                .as_array_mut()
                .unwrap()
                .iter_mut()
                .find(|f| f["name"] == feature.as_str())
                .unwrap();
            f["categories"].as_array_mut().unwrap().rotate_right(1);
        },
        "must be the last",
    );
}
