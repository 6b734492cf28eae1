//! The manifest parser accepts the committed manifest and rejects each kind of broken one, saying where.

// Tests may panic: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use riskscope_core::manifest::{FeatureKind, Manifest, Task};
use serde_json::{Value, json};

/// (what is wrong, how to break the input, the error it must give)
type Case = (&'static str, Box<dyn FnOnce(&mut Value)>, &'static str);

#[test]
fn committed_manifest_parses_and_describes_the_german_credit_model() {
    let manifest = Manifest::parse(common::MANIFEST).unwrap();
    assert_eq!(manifest.task, Task::Credit);
    assert_eq!(
        manifest.features.len(),
        20,
        "German Credit has 20 attributes"
    );
    let categories = manifest
        .features
        .iter()
        .filter(|f| matches!(f.kind, FeatureKind::Category(_)));
    assert_eq!(categories.count(), 13);
    assert_eq!(manifest.input_width(), 61);
    assert!(
        manifest
            .features
            .iter()
            .all(|f| !f.label.is_empty() && !f.description.is_empty())
    );
}

/// Applies `edit` to a committed manifest's JSON and returns the parser's message.
fn error_after_in(manifest: &str, edit: impl FnOnce(&mut Value)) -> String {
    let mut json: Value = serde_json::from_str(manifest).unwrap();
    edit(&mut json);
    Manifest::parse(&json.to_string()).unwrap_err().to_string()
}

/// Each case's edit, applied to `manifest`, must give an error containing the case's text.
fn assert_cases(manifest: &str, cases: Vec<Case>) {
    for (what, edit, expected) in cases {
        let message = error_after_in(manifest, edit);
        assert!(
            message.contains(expected),
            "{what}: got \"{message}\", expected \"{expected}\""
        );
    }
}

#[test]
fn broken_manifests_are_rejected_with_where_and_what() {
    let cases: Vec<Case> = vec![
        (
            "newer format",
            Box::new(|m| m["format_version"] = json!(2)),
            "manifest format_version: is 2, this build reads 1",
        ),
        (
            "feature twice",
            Box::new(|m| {
                let first = m["features"][0].clone();
                m["features"].as_array_mut().unwrap().push(first);
            }),
            "manifest feature \"status_of_existing_checking_account\": is listed twice",
        ),
        (
            "default out of range",
            Box::new(|m| m["features"][1]["default"] = json!(500)),
            "manifest feature \"duration_in_month\": default 500 is outside 1..120",
        ),
        (
            "fractional integer default",
            Box::new(|m| m["features"][1]["default"] = json!(12.5)),
            "manifest feature \"duration_in_month\": default 12.5 is not a whole number",
        ),
        (
            "inverted range",
            Box::new(|m| m["features"][1]["min"] = json!(200)),
            "manifest feature \"duration_in_month\": range 200..120 is not a range",
        ),
        (
            "unknown default category",
            Box::new(|m| m["features"][0]["default"] = json!("rich")),
            "manifest feature \"status_of_existing_checking_account\": default \"rich\" is not a category",
        ),
        (
            "code equal to another value",
            Box::new(|m| m["features"][0]["categories"][1]["code"] = json!("... < 0 DM")),
            "manifest feature \"status_of_existing_checking_account\": category \"... < 0 DM\" is ambiguous",
        ),
        (
            "unknown kind",
            Box::new(|m| m["features"][1]["kind"] = json!("date")),
            "manifest is not valid JSON for this format: unknown variant `date`",
        ),
        (
            "encoding of unknown feature",
            Box::new(|m| m["encoding"][0]["feature"] = json!("income")),
            "manifest encoding of \"income\": names no feature of the manifest",
        ),
        (
            "feature never encoded",
            Box::new(|m| {
                m["encoding"].as_array_mut().unwrap().pop();
            }),
            "manifest encoding: feature \"foreign_worker\" is never encoded",
        ),
        (
            "one-hot of a number",
            Box::new(|m| m["encoding"][1]["kind"] = json!("one_hot")),
            "manifest encoding of \"duration_in_month\": one_hot needs a category feature",
        ),
        (
            "width mismatch",
            Box::new(|m| m["model"]["input"]["columns"] = json!(60)),
            "manifest model.input.columns: is 60, but the encoding makes 61 columns",
        ),
        (
            "hash not hex",
            Box::new(|m| m["model"]["sha256"] = json!("abc")),
            "manifest model.sha256: \"abc\" is not 64 lower-case hex digits",
        ),
        (
            "cut-off above 1",
            Box::new(|m| m["decision"]["cutoff"] = json!(1.5)),
            "manifest decision.cutoff: 1.5 is not between 0 and 1",
        ),
        (
            "bands out of order",
            Box::new(|m| m["risk_bands"][1]["upper"] = json!(0.01)),
            "manifest risk band \"B\": needs an upper bound above 0.05",
        ),
        (
            "bands short of 1",
            Box::new(|m| {
                m["risk_bands"].as_array_mut().unwrap().pop();
            }),
            "manifest risk band \"D\": is the last band of a probability: its upper bound must be 1, above 0.35",
        ),
        (
            "field missing",
            Box::new(|m| {
                m.as_object_mut().unwrap().remove("decision");
            }),
            "missing field `decision`",
        ),
    ];
    assert_cases(common::MANIFEST, cases);
}

#[test]
fn text_that_is_not_json_is_rejected_with_its_position() {
    let message = Manifest::parse("{\"format_version\": 1,")
        .unwrap_err()
        .to_string();
    assert!(message.contains("line 1 column"), "{message}");
}

#[test]
fn broken_scorecard_bins_are_rejected() {
    let scorecard = common::fixture("german-credit-scorecard");
    let cases: Vec<Case> = vec![
        (
            "category in two bins",
            Box::new(|m| {
                let first = m["encoding"][0]["bins"][0]["categories"][0].clone();
                m["encoding"][0]["bins"][1]["categories"]
                    .as_array_mut()
                    .unwrap()
                    .push(first);
            }),
            "is in 2 WOE bins, not one",
        ),
        (
            "category in no bin",
            Box::new(|m| m["encoding"][0]["bins"][0]["categories"] = json!([])),
            "is in 0 WOE bins, not one",
        ),
        (
            "numeric bins descending",
            Box::new(|m| m["encoding"][1]["bins"][0]["upper"] = json!(1000)),
            "numeric WOE bins need ascending uppers and an open last bin",
        ),
        (
            "numeric last bin closed",
            Box::new(|m| {
                let bins = m["encoding"][1]["bins"].as_array_mut().unwrap();
                let n = bins.len();
                bins[n - 1]["upper"] = json!(1e9);
            }),
            "numeric WOE bins need ascending uppers and an open last bin",
        ),
        (
            "points for a missing bin",
            Box::new(|m| {
                m["scorecard"]["points"][0].as_array_mut().unwrap().pop();
            }),
            "manifest scorecard.points: must give one value per WOE bin of each block",
        ),
    ];
    assert_cases(scorecard.manifest, cases);
}

#[test]
fn broken_histories_are_rejected() {
    let lstm = common::fixture("taiwan-credit-lstm");
    let cases: Vec<Case> = vec![
        (
            "a month missing",
            Box::new(|m| {
                m["sequence"]["series"][1]["features"]
                    .as_array_mut()
                    .unwrap()
                    .pop();
            }),
            "manifest sequence series \"Bill (NT$)\": names 5 features for 6 steps",
        ),
        (
            "a feature that does not exist",
            Box::new(|m| m["sequence"]["series"][0]["features"][0] = json!("PAY_7")),
            "manifest sequence series \"Repayment status\": \"PAY_7\" is no feature of the manifest",
        ),
        (
            "a cell used twice",
            Box::new(|m| m["sequence"]["series"][2]["features"][0] = json!("BILL_AMT6")),
            "manifest sequence series \"Paid (NT$)\": \"BILL_AMT6\" is placed twice",
        ),
    ];
    assert_cases(lstm.manifest, cases);
}

#[test]
fn the_history_grid_places_every_monthly_feature_once() {
    let manifest = Manifest::parse(common::fixture("taiwan-credit-lstm").manifest).unwrap();
    let sequence = manifest.sequence.as_ref().unwrap();
    assert_eq!(sequence.steps.first().unwrap(), "April 2005");
    assert_eq!(sequence.steps.last().unwrap(), "September 2005");
    // September's status is PAY_0 (the data set has no PAY_1), in the newest column.
    assert_eq!(manifest.sequence_cell("PAY_0"), Some((0, 5)));
    assert_eq!(manifest.sequence_cell("BILL_AMT6"), Some((1, 0)));
    assert_eq!(manifest.sequence_cell("LIMIT_BAL"), None);
    let cells = manifest
        .features
        .iter()
        .filter(|f| manifest.sequence_cell(&f.name).is_some())
        .count();
    assert_eq!(cells, 18, "six months of status, bill and payment");
}

#[test]
fn anomaly_scores_have_an_open_last_band_and_no_upper_limit_on_the_cutoff() {
    let autoencoder = common::fixture("ulb-fraud-autoencoder");
    let manifest = Manifest::parse(autoencoder.manifest).unwrap();
    assert!(manifest.decision.cutoff > 1.0, "a score, not a probability");
    let cases: Vec<Case> = vec![
        (
            "closed last band",
            Box::new(|m| {
                let bands = m["risk_bands"].as_array_mut().unwrap();
                let n = bands.len();
                bands[n - 1]["upper"] = json!(1e9);
            }),
            "is the last band of an anomaly score: it has no upper bound",
        ),
        (
            "negative cut-off",
            Box::new(|m| m["decision"]["cutoff"] = json!(-1.0)),
            "manifest decision.cutoff: -1 is not a positive number",
        ),
        (
            "open inner band",
            Box::new(|m| m["risk_bands"][0]["upper"] = Value::Null),
            "manifest risk band \"A\": needs an upper bound above 0",
        ),
    ];
    assert_cases(autoencoder.manifest, cases);
}

#[test]
fn reason_templates_and_the_reference_section_are_checked() {
    let cases: Vec<Case> = vec![
        (
            "unknown placeholder",
            Box::new(|m| m["features"][0]["reason"] = json!("Checking account: {amount}")),
            "manifest feature \"status_of_existing_checking_account\": reason \"Checking account: {amount}\" has the unknown placeholder {amount}",
        ),
        (
            "high/low on a category",
            Box::new(|m| m["features"][0]["reason"] = json!({"high": "x", "low": "y"})),
            "a category's reason is one text with {category}, not high/low",
        ),
        (
            "one text on a number",
            Box::new(|m| m["features"][1]["reason"] = json!("Loan duration {value}")),
            "manifest feature \"duration_in_month\": a number's reason needs a \"high\" and a \"low\" text",
        ),
        (
            "category placeholder in a number",
            Box::new(|m| m["features"][1]["reason"]["high"] = json!("{category} is long")),
            "has the unknown placeholder {category}",
        ),
        (
            "empty text",
            Box::new(|m| m["features"][1]["reason"]["low"] = json!(" ")),
            "has an empty reason text",
        ),
        (
            "reference outside the model folder",
            Box::new(|m| m["explain"]["reference"] = json!("../other/reference.json")),
            "manifest explain.reference: \"../other/reference.json\" is not a file name beside the manifest",
        ),
        (
            "reference hash",
            Box::new(|m| m["explain"]["reference_sha256"] = json!("abc")),
            "manifest explain.reference_sha256: \"abc\" is not 64 lower-case hex digits",
        ),
    ];
    assert_cases(common::MANIFEST, cases);
    let autoencoder = common::fixture("ulb-fraud-autoencoder");
    assert_cases(
        autoencoder.manifest,
        vec![(
            "additive anomaly score",
            Box::new(|m| m["explain"]["additive"] = json!(true)),
            "manifest explain.additive: applies to log-odds, but the model's output is not a probability",
        )],
    );
}
