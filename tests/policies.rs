//! Value policies: a value outside the training range is scored as given, clamped or refused as
//! the manifest says, a missing one imputed or refused, and every value not scored as given is
//! noted — in the applicant, the notice, the reasons, the batch results and the export.
//!
//! Oracles: the model run on the raw numbers themselves (scored as given); the same applicant
//! with the clamped or imputed value typed in (clamp, impute); brute force over the manifest's
//! ranges (which features are noted); filtering by hand (rows left out of the evaluation).

// Tests may panic: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::fixture;
use riskscope_core::applicant::{Note, Problem, RawApplicant, Value, ValueNote};
use riskscope_core::batch::export::{ExportKind, Exporter};
use riskscope_core::batch::{BatchResults, JobSettings, Mapping, read_head, score_bytes};
use riskscope_core::hash::sha256_hex;
use riskscope_core::i18n::{Lang, Localized};
use riskscope_core::manifest::{FeatureKind, Manifest, Missing, Outside};
use riskscope_core::reasons;
use riskscope_core::reference::Reference;
use riskscope_core::scorer::Scorer;

/// Line 274,773 of the ULB file (V1..V28, Amount): the transaction once refused as out of range.
const EXTREME: [f64; 29] = [
    -35.5485392112513,
    -31.8504841430453,
    -48.3255893623954,
    15.3041839851875,
    -113.743306711146,
    73.3016255459646,
    120.589493945238,
    -27.3473599337598,
    -3.87242453038611,
    -12.0054867807373,
    6.85389670664344,
    -9.18941787565569,
    7.12688295859376,
    -6.79594155719079,
    8.87774159774277,
    17.3151115176278,
    -7.17380530169518,
    -1.96804418826701,
    5.5017472139665,
    -54.497720494566,
    -21.6201196505274,
    5.71230304286357,
    -1.58109750786105,
    4.58454913689817,
    4.55468275626127,
    3.41563624349633,
    31.6121981061363,
    -15.4300839055349,
    25691.16,
];

fn ulb_raw(m: &Manifest) -> RawApplicant {
    m.features
        .iter()
        .zip(EXTREME)
        .map(|(f, x)| (f.name.clone(), x.to_string()))
        .collect()
}

#[test]
fn the_ulb_files_most_extreme_transaction_is_scored_as_given_and_noted() {
    for id in ["ulb-fraud-mlp", "ulb-fraud-autoencoder"] {
        let scorer = fixture(id).scorer();
        let m = scorer.manifest();
        let applicant = scorer.parse(&ulb_raw(m)).unwrap();
        // Oracle: the model on the raw numbers (the manifest encodes each number as it is).
        let x: Vec<f32> = EXTREME.iter().map(|&v| v as f32).collect();
        let want = scorer.predict_rows(&x).unwrap()[0];
        let got = scorer.assess(&applicant).unwrap().score;
        assert_eq!(got, want, "{id}");
        // Brute force: exactly the features outside their training range are noted.
        let outside: Vec<usize> = m
            .features
            .iter()
            .zip(EXTREME)
            .enumerate()
            .filter(|(_, (f, x))| match &f.kind {
                FeatureKind::Number(n) => !(n.learnt()[0]..=n.learnt()[1]).contains(x),
                _ => false,
            })
            .map(|(j, _)| j)
            .collect();
        let noted: Vec<usize> = applicant.notes().iter().map(|n| n.feature_idx).collect();
        assert_eq!(noted, outside, "{id}");
        assert!(applicant.notes().iter().all(|n| n.note == Note::Outside));
        for name in ["V5", "V6", "V7", "V27"] {
            assert!(
                noted.contains(&m.feature_index(name).unwrap()),
                "{id}: {name}"
            );
        }
    }
}

/// The German logistic regression with `edit` applied to its manifest's JSON.
fn german_with(edit: impl FnOnce(&mut serde_json::Value)) -> Scorer {
    let f = fixture("german-credit-logistic");
    let mut json: serde_json::Value = serde_json::from_str(f.manifest).unwrap();
    edit(&mut json);
    Scorer::load(&json.to_string(), f.onnx).unwrap()
}

fn feature_json<'j>(json: &'j mut serde_json::Value, name: &str) -> &'j mut serde_json::Value {
    json["features"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|f| f["name"] == name)
        .unwrap()
}

fn golden_raw() -> RawApplicant {
    common::raw(&common::golden().rows[0])
}

fn score_with(scorer: &Scorer, name: &str, text: &str) -> (f32, Vec<ValueNote>) {
    let mut raw = golden_raw();
    raw.insert(name, text);
    let a = scorer.parse(&raw).unwrap();
    (scorer.assess(&a).unwrap().score, a.notes().to_vec())
}

#[test]
fn outside_the_training_range_each_policy_does_what_it_says() {
    // credit_amount: allowed 1 to 100,000, learnt from 250 to 18,424.
    let refuse = common::scorer();
    let amount = refuse.manifest().feature_index("credit_amount").unwrap();
    assert_eq!(
        refuse.manifest().features[amount].policy.outside,
        Outside::Refuse
    );
    let (s, notes) = score_with(&refuse, "credit_amount", "50000");
    assert_eq!(
        notes,
        [ValueNote {
            feature_idx: amount,
            note: Note::Outside
        }]
    );
    let mut raw = golden_raw();
    raw.insert("credit_amount", "150000");
    assert_eq!(
        refuse.parse(&raw).unwrap_err().0[0].problem,
        Problem::OutOfRange {
            value: 150000.0,
            min: 1.0,
            max: 100000.0
        }
    );

    let clamp =
        german_with(|j| feature_json(j, "credit_amount")["policy"]["outside"] = "clamp".into());
    let (clamped, notes) = score_with(&clamp, "credit_amount", "50000");
    assert_eq!(
        notes,
        [ValueNote {
            feature_idx: amount,
            note: Note::Clamped { given: 50000.0 }
        }]
    );
    // Oracle: the training range's edge, typed in, is within it and noted nowhere.
    let (edge, edge_notes) = score_with(&clamp, "credit_amount", "18424");
    assert_eq!(clamped, edge);
    assert!(edge_notes.is_empty());
    assert_ne!(clamped, s, "clamping changes this model's score");
    assert!(
        clamp.parse(&raw).is_err(),
        "clamp still refuses what cannot be a value"
    );

    let flag =
        german_with(|j| feature_json(j, "credit_amount")["policy"]["outside"] = "flag".into());
    let (_, notes) = score_with(&flag, "credit_amount", "150000");
    assert_eq!(
        notes,
        [ValueNote {
            feature_idx: amount,
            note: Note::Outside
        }]
    );
    let a = flag.parse(&raw).unwrap();
    assert_eq!(a.values()[amount], Value::Number(150000.0));
}

#[test]
fn a_missing_value_is_imputed_with_the_training_default_or_refused_for_the_person() {
    let scorer = common::scorer();
    let m = scorer.manifest();
    let mut checked = 0;
    for (j, feature) in m.features.iter().enumerate() {
        let (imputed, typed) = match (&feature.policy.missing, &feature.kind) {
            (Missing::Refuse, _) => {
                let mut raw = golden_raw();
                raw.insert(feature.name.as_str(), "");
                let e = scorer.parse(&raw).unwrap_err();
                assert_eq!(e.0[0].problem, Problem::Missing, "{}", feature.name);
                assert!(
                    feature.immutable,
                    "{} is refused but not about the person",
                    feature.name
                );
                continue;
            }
            (Missing::Impute(i), FeatureKind::Category(_)) => (i, i.value.text()),
            (Missing::Impute(i), FeatureKind::Number(n) | FeatureKind::Integer(n)) => {
                // The pipeline imputes the training default (the median).
                assert_eq!(i.value.text(), n.default.to_string());
                (i, i.value.text())
            }
        };
        assert!(
            !feature.immutable,
            "{} is about the person but imputed",
            feature.name
        );
        let (score, notes) = score_with(&scorer, &feature.name, "  ");
        assert_eq!(
            notes,
            [ValueNote {
                feature_idx: j,
                note: Note::Imputed
            }],
            "{imputed:?}"
        );
        // Oracle: the imputed value typed in gives the same score, with no note.
        let (want, typed_notes) = score_with(&scorer, &feature.name, &typed);
        assert_eq!(score, want, "{}", feature.name);
        assert!(typed_notes.is_empty());
        checked += 1;
    }
    assert_eq!(
        checked, 17,
        "the German manifests impute all but the three personal attributes"
    );
}

#[test]
fn a_policy_that_does_not_fit_its_feature_is_refused_where_and_what() {
    let f = fixture("german-credit-logistic");
    let cases: Vec<(&str, &str, serde_json::Value, &str)> = vec![
        (
            "housing",
            "outside",
            "clamp".into(),
            "only numbers have a range",
        ),
        (
            "credit_amount",
            "missing",
            serde_json::json!({"impute": {"value": 500000.0, "from": "median"}}),
            "imputes 500000",
        ),
        (
            "duration_in_month",
            "missing",
            serde_json::json!({"impute": {"value": 12.5, "from": "declared"}}),
            "imputes 12.5",
        ),
        (
            "housing",
            "missing",
            serde_json::json!({"impute": {"value": "castle", "from": "mode"}}),
            "imputes castle",
        ),
        (
            "credit_amount",
            "missing",
            serde_json::json!({"impute": {"value": 1000.0, "from": "mode"}}),
            "imputes 1000",
        ),
    ];
    for (name, key, value, words) in cases {
        let mut json: serde_json::Value = serde_json::from_str(f.manifest).unwrap();
        feature_json(&mut json, name)["policy"][key] = value;
        let e = Scorer::load(&json.to_string(), f.onnx).err().unwrap();
        let text = e.to_string();
        assert!(
            text.contains(name) && text.contains(words),
            "{name}.{key}: {text}"
        );
        assert!(!e.message().in_lang(Lang::ZhCn).is_empty());
    }
}

#[test]
fn the_reference_sample_must_be_complete_though_the_policy_imputes() {
    let f = fixture("german-credit-logistic");
    let mut json: serde_json::Value = serde_json::from_slice(f.reference).unwrap();
    json["background"]["rows"][3]["credit_amount"] = "".into();
    let bytes = json.to_string().into_bytes();
    // The manifest names the edited file, so only its contents can be refused.
    let mut manifest: serde_json::Value = serde_json::from_str(f.manifest).unwrap();
    manifest["explain"]["reference_sha256"] = sha256_hex(&bytes).into();
    let m = Manifest::parse(&manifest.to_string()).unwrap();
    let e = Reference::parse(&m, &bytes).unwrap_err();
    let text = e.to_string();
    assert!(
        text.contains("row 4") && text.contains("credit_amount"),
        "{text}"
    );
}

#[test]
fn the_notice_and_the_reasons_say_which_values_were_not_scored_as_given() {
    let scorer = fixture("german-credit-logistic").supported_scorer();
    let m = scorer.manifest();
    let mut shown = 0;
    for row in common::golden().rows.iter().take(60) {
        let mut raw = common::raw(row);
        raw.insert("duration_in_month", "");
        raw.insert("credit_amount", "40000");
        let a = scorer.parse(&raw).unwrap();
        let assessment = scorer.assess(&a).unwrap();
        let attribution = scorer.explain(&a).unwrap();
        let found =
            reasons::principal_reasons(m, scorer.reference(), &a, &assessment, &attribution);
        for r in &found {
            assert_eq!(r.note, a.note(r.feature_idx));
        }
        let notice = reasons::notice(m, &a, &assessment, &found);
        assert!(
            notice.contains("Values the model did not score as given:"),
            "{notice}"
        );
        assert!(
            notice.contains(
                "- Loan duration: no value given; scored as 18 months, the training data's median"
            ),
            "{notice}"
        );
        assert!(
            notice.contains("- Credit amount: 40000 DM is outside what the model learnt from (250 DM to 18424 DM); scored as given"),
            "{notice}"
        );
        let noted = found.iter().filter(|r| r.note.is_some()).count();
        shown += noted;
        for r in found.iter().filter(|r| r.note.is_some()) {
            assert!(notice.contains(&format!("{} (", r.text)), "{notice}");
        }
    }
    assert!(shown > 0, "no reason on a noted value among 60 applicants");
}

fn run(scorer: &Scorer, csv: &[u8]) -> (Mapping, BatchResults) {
    let mapping = Mapping::propose(scorer.manifest(), &read_head(csv).unwrap());
    let r = score_bytes(scorer, mapping.clone(), JobSettings::default(), csv, 4096).unwrap();
    (mapping, r)
}

#[test]
fn a_file_scores_every_row_notes_them_in_its_export_and_can_leave_them_out() {
    let scorer = fixture("german-credit-logistic").supported_scorer();
    let m = scorer.manifest();
    let names: Vec<&str> = m.features.iter().map(|f| f.name.as_str()).collect();
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header = names.clone();
    header.push("defaulted");
    w.write_record(&header).unwrap();
    let golden = common::golden();
    for (i, row) in golden.rows.iter().take(40).enumerate() {
        let mut cells: Vec<String> = names.iter().map(|n| row.raw[*n].clone()).collect();
        if i % 5 == 1 {
            cells[m.feature_index("housing").unwrap()] = String::new();
        }
        if i % 7 == 2 {
            cells[m.feature_index("duration_in_month").unwrap()] = "96".into();
        }
        cells.push(if i % 3 == 0 { "1" } else { "0" }.into());
        w.write_record(&cells).unwrap();
    }
    let csv = w.into_inner().unwrap();
    let (mapping, r) = run(&scorer, &csv);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(r.scored.len(), 40);
    let noted_rows: Vec<u64> = (1..=40)
        .filter(|i| (i - 1) % 5 == 1 || (i - 1) % 7 == 2)
        .collect();
    let got: Vec<u64> = r
        .scored
        .iter()
        .filter(|s| s.notes != 0)
        .map(|s| s.row)
        .collect();
    assert_eq!(got, noted_rows);
    let housing = r.value_notes[m.feature_index("housing").unwrap()];
    let duration = r.value_notes[m.feature_index("duration_in_month").unwrap()];
    assert_eq!((housing.imputed, duration.outside), (8, 6));

    // Left out of the evaluation: the same as filtering the rows by hand.
    let kept = r.without_noted();
    let by_hand: Vec<(u64, bool)> = r
        .scored
        .iter()
        .zip(&r.labels)
        .filter(|(s, _)| s.notes == 0)
        .map(|(s, l)| (s.row, *l))
        .collect();
    let got: Vec<(u64, bool)> = kept
        .scored
        .iter()
        .map(|s| s.row)
        .zip(kept.labels.iter().copied())
        .collect();
    assert_eq!(got, by_hand);
    assert!(kept.has_labels());
    for g in &kept.groups {
        assert_eq!(g.codes.len(), kept.scored.len(), "{}", g.name);
    }

    // The export's value_notes column, in each language.
    for (lang, words) in [(Lang::En, "no value given"), (Lang::ZhCn, "未提供数值")] {
        let mut e = Exporter::new(&r, &mapping, ExportKind::Scored).with_lang(lang);
        let mut out = e.feed(&scorer.localized(lang), &csv).unwrap();
        out.extend(e.finish(&scorer.localized(lang)).unwrap());
        let mut rdr = csv::Reader::from_reader(out.as_slice());
        let header = rdr.headers().unwrap().clone();
        let k = header.iter().position(|h| h == "value_notes").unwrap();
        assert_eq!(header.get(k + 1), Some("error"));
        for (i, record) in rdr.records().enumerate() {
            let cell = record.unwrap()[k].to_owned();
            let row = i as u64 + 1;
            assert_eq!(
                !cell.is_empty(),
                noted_rows.contains(&row),
                "row {row}: {cell:?}"
            );
            if (row - 1) % 5 == 1 {
                assert!(cell.contains(words), "row {row}: {cell}");
            }
        }
    }
}
