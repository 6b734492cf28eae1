//! Bring your own model: the ULB fraud MLP's ONNX file alone, with a data file, becomes a
//! model that scores exactly as the catalog's does, with explanations and cut-off curves.

// Tests may panic: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use riskscope_core::applicant::RawApplicant;
use riskscope_core::batch::columns::{LabelColumn, Mapping, read_head};
use riskscope_core::byo::{BACKGROUND_ROWS, ByoError, Draft, LabelFound, catalog_entry, complete};
use riskscope_core::catalog::Origin;
use riskscope_core::compat::check;
use riskscope_core::hash::sha256_hex;
use riskscope_core::manifest::{OutputKind, Task};
use riskscope_core::scorer::Scorer;

const SAMPLE: &str = include_str!("../models/ulb-fraud-mlp/sample.csv");

fn ulb() -> &'static common::Fixture {
    common::MODELS
        .iter()
        .find(|f| f.id == "ulb-fraud-mlp")
        .unwrap()
}

/// The sample without its Time column, which the model does not take.
fn sample_without_time() -> String {
    SAMPLE
        .lines()
        .map(|line| line.split_once(',').unwrap().1)
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_proposal_reads_width_and_probability_output_from_the_file() {
    let draft = Draft::propose(&check(ulb().onnx, None)).unwrap();
    assert_eq!(draft.columns.len(), 29);
    assert_eq!(draft.input_name, "X");
    assert_eq!(
        (draft.output_name.as_str(), draft.output_column),
        ("probabilities", 1)
    );
    assert_eq!(draft.output_kind, OutputKind::Probability);
    assert_eq!(draft.columns[0].name, "x1");
    // A proposal alone is already a valid manifest for the file.
    let completed = complete(&draft, ulb().onnx, None).unwrap();
    assert!(completed.reference.is_none());
    let scorer = Scorer::load(&completed.manifest, ulb().onnx).unwrap();
    assert_eq!(scorer.manifest().input_width(), 29);
}

#[test]
fn a_data_file_names_the_columns_and_a_labelled_one_gives_a_reference() {
    let data = sample_without_time();
    let mut draft = Draft::propose(&check(ulb().onnx, None)).unwrap();
    draft.task = Task::Fraud;
    let fit = draft.fill_from_data(data.as_bytes(), None).unwrap();
    assert_eq!(fit.label_name(), Some("Class"));
    assert_eq!(fit.found, LabelFound::ByName);
    assert_eq!((fit.rows, fit.skipped), (5000, 0));
    assert_eq!(draft.columns[0].name, "V1");
    assert_eq!(draft.columns[28].name, "Amount");
    let amount = &draft.columns[28];
    assert_eq!(
        amount.min, 0.0,
        "amounts are never negative, so neither is the range"
    );
    assert!(amount.seen.unwrap()[1] < amount.max);

    let completed = complete(&draft, ulb().onnx, Some(data.as_bytes())).unwrap();
    let fit = completed.reference.unwrap();
    assert_eq!(
        (fit.background, fit.evaluation, fit.skipped),
        (BACKGROUND_ROWS, 5000, 0)
    );
    let mut mine = Scorer::load(&completed.manifest, ulb().onnx).unwrap();
    mine.attach_reference(&fit.bytes).unwrap();
    let report = check(ulb().onnx, Some(mine.manifest()));
    assert!(
        report.is_loadable() && report.findings.is_empty(),
        "{:#?}",
        report.findings
    );

    // Oracle: the same ONNX file scores the same rows exactly as the catalog model does.
    let catalog = ulb().scorer();
    let head = read_head(data.as_bytes()).unwrap();
    let theirs = Mapping::propose(catalog.manifest(), &head);
    let ours = Mapping::propose(mine.manifest(), &head);
    for line in data.lines().skip(1).take(300) {
        let fields: Vec<&str> = line.split(',').collect();
        let a = theirs
            .applicant(catalog.manifest(), |c| fields.get(c).copied())
            .unwrap();
        let b = ours
            .applicant(mine.manifest(), |c| fields.get(c).copied())
            .unwrap();
        assert_eq!(
            catalog.predict(&[a]).unwrap(),
            mine.predict(std::slice::from_ref(&b)).unwrap()
        );
        // Explanations work, and add up to the score minus the baseline (log-odds).
        let attribution = mine.explain(&b).unwrap();
        let sum: f64 = attribution.contributions.iter().sum();
        assert!((attribution.baseline + sum - attribution.value).abs() < 1e-6);
    }
    assert_eq!(
        mine.reference()
            .unwrap()
            .evaluation
            .label
            .iter()
            .filter(|&&l| l == 1)
            .count(),
        75
    );

    // The picker's entry for it: measured on the user's rows (all of the sample), so its
    // figures are the pipeline's scikit-learn figures for the sample (within a tie's reorder).
    let entry = catalog_entry(&mine, &report.sha256);
    assert_eq!(entry.origin, Origin::User);
    assert_eq!(entry.sha256, sha256_hex(ulb().onnx));
    let expected: serde_json::Value =
        serde_json::from_str(include_str!("../models/ulb-fraud-mlp/sample.expected.json")).unwrap();
    let m = &entry.metrics;
    for (name, got) in [
        ("auc", m.auc),
        ("average_precision", m.average_precision),
        ("ks", m.ks),
    ] {
        let want = expected[name].as_f64().unwrap();
        assert!(
            (got - want).abs() < 1e-4,
            "{name}: {got} against scikit-learn's {want}"
        );
    }
    let brier = m.brier.unwrap();
    assert!(
        (brier - expected["brier"].as_f64().unwrap()).abs() < 1e-6,
        "Brier {brier}"
    );
}

#[test]
fn a_data_file_with_the_wrong_columns_is_refused_with_the_counts() {
    let mut draft = Draft::propose(&check(ulb().onnx, None)).unwrap();
    let error = draft.fill_from_data(SAMPLE.as_bytes(), None).unwrap_err();
    let ByoError::Data(reason) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(
        reason.to_string(),
        "it has 30 columns besides the label, the model takes 29"
    );
    let error = draft.fill_from_data(b"", None).unwrap_err();
    assert!(matches!(error, ByoError::Data(_)), "{error:?}");
    // More columns than the inputs and a label, none with a label's usual name: the message
    // counts every column and says which names are a label's.
    let renamed = SAMPLE.replacen("Class", "deny", 1);
    let error = draft.fill_from_data(renamed.as_bytes(), None).unwrap_err();
    assert_eq!(
        error.to_string(),
        "the data file: it has 31 columns and none has a label's usual name (defaulted, default, \
         class, isFraud, target, label or bad); the model takes 29 besides one label column: \
         remove the columns it does not take"
    );
}

/// The ULB sample as a stranger's file: the label is `deny` written yes/no, and V1 is a yes/no
/// attribute (odd rows yes). Beside it, the same rows with V1 as 1/0 for the catalog model.
fn strangers_file() -> (String, String) {
    let data = sample_without_time();
    let (mut text, mut numbers) = (Vec::new(), Vec::new());
    for (i, line) in data.lines().enumerate() {
        if i == 0 {
            text.push(line.replacen("Class", "deny", 1));
            numbers.push(line.to_owned());
            continue;
        }
        let (_, rest) = line.split_once(',').unwrap();
        let (inputs, class) = rest.rsplit_once(',').unwrap();
        let yes_no = |one: bool| if one { "yes" } else { "no" };
        text.push(format!(
            "{},{inputs},{}",
            yes_no(i % 2 == 1),
            yes_no(class == "1")
        ));
        numbers.push(format!("{},{rest}", i % 2));
    }
    (text.join("\n"), numbers.join("\n"))
}

#[test]
fn a_strangers_yes_no_label_is_proposed_and_yes_no_columns_read_as_zero_and_one() {
    let (text, numbers) = strangers_file();
    let mut draft = Draft::propose(&check(ulb().onnx, None)).unwrap();
    draft.task = Task::Fraud;
    let fit = draft.fill_from_data(text.as_bytes(), None).unwrap();
    assert_eq!(fit.found, LabelFound::Guessed);
    assert_eq!(fit.label_name(), Some("deny"));
    let label = fit.label.clone().unwrap();
    assert_eq!(
        (label.positive.as_str(), label.negative.as_str()),
        ("yes", "no")
    );
    assert_eq!(fit.converted, vec!["V1".to_owned()]);
    assert_eq!(
        draft.columns[0].categories,
        Some(["no".into(), "yes".into()])
    );
    assert_eq!((fit.rows, fit.skipped), (5000, 0));

    let completed = complete(&draft, ulb().onnx, Some(text.as_bytes())).unwrap();
    let reference = completed.reference.unwrap();
    let mut mine = Scorer::load(&completed.manifest, ulb().onnx).unwrap();
    mine.attach_reference(&reference.bytes).unwrap();
    let positives = mine
        .reference()
        .unwrap()
        .evaluation
        .label
        .iter()
        .filter(|&&l| l == 1);
    assert_eq!(positives.count(), 75, "the sample's frauds, read off 'yes'");

    // Oracle: the catalog model fed 1/0 scores exactly what the user's model fed yes/no does.
    let catalog = ulb().scorer();
    let (text_head, number_head) = (
        read_head(text.as_bytes()).unwrap(),
        read_head(numbers.as_bytes()).unwrap(),
    );
    let ours = Mapping::propose(mine.manifest(), &text_head);
    let theirs = Mapping::propose(catalog.manifest(), &number_head);
    let ours_label = ours.label.clone().unwrap();
    assert_eq!(
        (
            ours_label.column,
            ours_label.positive.as_str(),
            ours_label.negative.as_str()
        ),
        (29, "yes", "no"),
        "a batch file with the user's label column is evaluated with it"
    );
    for (a, b) in text.lines().zip(numbers.lines()).skip(1).take(300) {
        let (a, b): (Vec<&str>, Vec<&str>) = (a.split(',').collect(), b.split(',').collect());
        let ours = ours
            .applicant(mine.manifest(), |c| a.get(c).copied())
            .unwrap();
        let theirs = theirs
            .applicant(catalog.manifest(), |c| b.get(c).copied())
            .unwrap();
        assert_eq!(
            mine.predict(&[ours]).unwrap(),
            catalog.predict(&[theirs]).unwrap()
        );
    }

    // The user's choice wins over the proposal.
    let choice = LabelColumn {
        column: 29,
        positive: "no".into(),
        negative: "yes".into(),
    };
    let fit = draft
        .fill_from_data(text.as_bytes(), Some(&choice))
        .unwrap();
    assert_eq!((fit.found, fit.label), (LabelFound::Chosen, Some(choice)));
    assert_eq!(draft.label.as_ref().unwrap().positive, "no");
}

/// A label with a usual name but other values than 1 and 0 reads them: `yes` marks a positive.
#[test]
fn a_labels_values_are_read_from_the_file() {
    let (text, _) = strangers_file();
    let text = text.replacen("deny", "Class", 1);
    let head = read_head(text.as_bytes()).unwrap();
    let mapping = Mapping::propose(ulb().scorer().manifest(), &head);
    let label = mapping.label.unwrap();
    assert_eq!(
        (
            label.column,
            label.positive.as_str(),
            label.negative.as_str()
        ),
        (29, "yes", "no")
    );
    // German Credit's creditability is 1 for a good loan: by its name, 0 marks the positive.
    let head = read_head(b"a,creditability\n1,0\n2,1\n").unwrap();
    let german = common::MODELS
        .iter()
        .find(|f| f.id.starts_with("german"))
        .unwrap()
        .scorer();
    let label = Mapping::propose(german.manifest(), &head).label.unwrap();
    assert_eq!(
        (label.positive.as_str(), label.negative.as_str()),
        ("0", "1")
    );
}

/// A column coded 0/1 (yes/no) gets the range 0 to 1 in whole numbers, not 0 to 2; the
/// proposed policy scores any number and imputes the median.
#[test]
fn a_yes_no_column_is_proposed_as_zero_or_one() {
    let data = sample_without_time();
    let mut lines: Vec<String> = data.lines().map(str::to_owned).collect();
    for (i, line) in lines.iter_mut().enumerate().skip(1) {
        let (_, rest) = line.split_once(',').unwrap();
        *line = format!("{},{rest}", i % 2);
    }
    let data = lines.join("\n");
    let mut draft = Draft::propose(&check(ulb().onnx, None)).unwrap();
    draft.fill_from_data(data.as_bytes(), None).unwrap();
    let c = &draft.columns[0];
    assert_eq!((c.integer, c.min, c.max), (true, 0.0, 1.0));
    assert!(!draft.columns[1].integer, "V2 is no flag");
    let completed = complete(&draft, ulb().onnx, Some(data.as_bytes())).unwrap();
    let m = Scorer::load(&completed.manifest, ulb().onnx).unwrap();
    let f = &m.manifest().features[0];
    assert_eq!(f.policy.outside, riskscope_core::manifest::Outside::Flag);
    assert!(matches!(
        f.policy.missing,
        riskscope_core::manifest::Missing::Impute(_)
    ));
}

#[test]
fn an_unlabelled_data_file_gives_no_reference_and_says_why() {
    let data: String = sample_without_time()
        .lines()
        .map(|l| l.rsplit_once(',').unwrap().0)
        .collect::<Vec<_>>()
        .join("\n");
    let mut draft = Draft::propose(&check(ulb().onnx, None)).unwrap();
    let fit = draft.fill_from_data(data.as_bytes(), None).unwrap();
    assert_eq!((fit.label, fit.found), (None, LabelFound::NoLabel));
    let error = complete(&draft, ulb().onnx, Some(data.as_bytes())).unwrap_err();
    assert!(error.to_string().contains("no label column"), "{error}");
}

#[test]
fn a_model_that_makes_tract_panic_is_a_blocker_natively() {
    // tests/fixtures/make_panicking_lstm.py: an LSTM without initial state over a symbolic
    // batch. In the browser the same panic traps the checking worker (tests/e2e/byo.test.mjs).
    let onnx = include_bytes!("fixtures/lstm-without-state.onnx");
    let report = check(onnx, None);
    assert!(
        report.is_loadable(),
        "nothing in the file itself is wrong: {:#?}",
        report.findings
    );
    let draft = Draft::propose(&report).unwrap();
    assert_eq!(draft.columns.len(), 24);
    let completed = complete(&draft, onnx, None).unwrap();
    let manifest = riskscope_core::manifest::Manifest::parse(&completed.manifest).unwrap();
    let report = check(onnx, Some(&manifest));
    let blockers: Vec<_> = report.blockers().collect();
    assert_eq!(blockers.len(), 1, "{blockers:#?}");
    let (what, fix) = (
        blockers[0].what.to_string(),
        blockers[0]
            .fix
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default(),
    );
    assert!(what.contains("tract panicked"), "{}", what);
    assert!(fix.contains("initial_h"), "{}", fix);
}

/// A LightGBM model exported with onnxmltools' defaults (ZipMap and all), brought with the ULB
/// sample: the check passes it naming the operators RiskScope runs itself, the proposal reads
/// the ZipMap's probabilities, and the completed model scores the corpus's golden rows as
/// onnxruntime does.
#[test]
fn a_default_lightgbm_export_is_brought_and_scores_as_onnxruntime() {
    let onnx: &[u8] = include_bytes!("fixtures/onnx-ml/ulb-lightgbm.onnx");
    let golden: serde_json::Value =
        serde_json::from_str(include_str!("fixtures/onnx-ml/ulb-lightgbm.json")).unwrap();
    let report = check(onnx, None);
    assert!(report.is_loadable(), "{:#?}", report.findings);
    let note = report
        .findings
        .iter()
        .map(|f| f.what.to_string())
        .find(|w| w.contains("TreeEnsembleClassifier"))
        .expect("a note naming the tree ensemble");
    assert!(note.contains("ZipMap"), "{note}");
    let mut draft = Draft::propose(&report).unwrap();
    assert_eq!(
        (draft.output_name.as_str(), draft.output_column),
        ("probabilities", 1)
    );
    draft.task = Task::Fraud;
    let data = sample_without_time();
    draft.fill_from_data(data.as_bytes(), None).unwrap();
    let completed = complete(&draft, onnx, Some(data.as_bytes())).unwrap();
    let scorer = Scorer::load(&completed.manifest, onnx).unwrap();
    let names: Vec<String> = scorer
        .manifest()
        .features
        .iter()
        .map(|f| f.name.clone())
        .collect();
    let values = golden["inputs"][0]["values"].as_array().unwrap();
    let expected = golden["outputs"][1]["values"].as_array().unwrap();
    let (mut worst, mut scored) = (0.0f32, 0);
    for (r, row) in values.chunks(29).enumerate() {
        let mut raw = RawApplicant::default();
        for (name, v) in names.iter().zip(row) {
            raw.insert(name.clone(), (v.as_f64().unwrap() as f32).to_string());
        }
        // A golden row outside the sample's ranges is refused by the proposed policy.
        let Ok(applicant) = scorer.parse(&raw) else {
            continue;
        };
        let got = scorer.predict(&[applicant]).unwrap()[0];
        worst = worst.max((got - expected[2 * r + 1].as_f64().unwrap() as f32).abs());
        scored += 1;
    }
    assert!(
        scored >= 200,
        "only {scored} of 250 golden rows within the sample's ranges"
    );
    assert!(worst <= common::TOLERANCE, "worst gap {worst:e}");
}
