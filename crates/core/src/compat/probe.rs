//! With a manifest: the model loaded and run on probe rows, its scores checked.

use super::*;

/// Rows spanning the manifest's ranges: the defaults, every attribute at its minimum, every
/// attribute at its maximum, and each category in turn.
pub(super) fn probe_rows(manifest: &Manifest) -> Vec<Applicant> {
    let defaults = Applicant::defaults(manifest);
    let mut rows = vec![defaults.clone()];
    for pick in [0usize, 1] {
        let mut row = defaults.clone();
        for (idx, feature) in manifest.features.iter().enumerate() {
            let value = match &feature.kind {
                FeatureKind::Number(n) | FeatureKind::Integer(n) => {
                    let (lo, hi) = n.training_range.map_or((n.min, n.max), |r| (r[0], r[1]));
                    Value::Number(if pick == 0 { lo } else { hi })
                }
                FeatureKind::Category(c) => Value::Category(if pick == 0 {
                    0
                } else {
                    c.categories.len().saturating_sub(1)
                }),
            };
            if let Ok(next) = row.with_value(manifest, idx, value) {
                row = next;
            }
        }
        rows.push(row);
    }
    let most = manifest
        .features
        .iter()
        .map(|f| match &f.kind {
            FeatureKind::Category(c) => c.categories.len(),
            _ => 0,
        })
        .max()
        .unwrap_or(0);
    for k in 0..most.min(16) {
        let mut row = defaults.clone();
        for (idx, feature) in manifest.features.iter().enumerate() {
            if let FeatureKind::Category(c) = &feature.kind
                && k < c.categories.len()
                && let Ok(next) = row.with_value(manifest, idx, Value::Category(k))
            {
                row = next;
            }
        }
        rows.push(row);
    }
    rows
}

/// Loads the model with tract and runs the probe rows.
pub(super) fn probe(
    onnx: &[u8],
    manifest: &Manifest,
    clock: Option<&dyn Fn() -> f64>,
    report: &mut Report,
) {
    let model = match Model::load(onnx, manifest) {
        Ok(model) => model,
        Err(e) => {
            let finding = load_failure(&e.to_string());
            report.findings.push(finding);
            return;
        }
    };
    let applicants = probe_rows(manifest);
    let rows = match encoding::encode(manifest, &applicants) {
        Ok(rows) => rows,
        Err(e) => {
            report.findings.push(Finding {
                severity: Severity::Blocker,
                what: Message::new("compat-probe-encode").arg("error", e.to_string()),
                fix: None,
            });
            return;
        }
    };
    let start = clock.map(|c| c());
    let scores = match model.run(&rows) {
        Ok(scores) => scores.scores,
        Err(ModelError::OutOfRange { row_idx, value, .. }) => {
            let (what, fix) = match manifest.model.output.kind {
                OutputKind::Probability => (
                    Message::new("compat-not-probability"),
                    Message::new("compat-not-probability-fix").arg("field", "model.output.kind"),
                ),
                OutputKind::AnomalyScore => (
                    Message::new("compat-bad-anomaly"),
                    Message::new("compat-bad-anomaly-fix"),
                ),
            };
            let what = probe_row(what, row_idx).arg("value", value.to_string());
            report.add(Severity::Blocker, what, fix);
            return;
        }
        Err(e) => {
            report.add(
                Severity::Blocker,
                Message::new("compat-probe-failed").arg("error", e.to_string()),
                Message::new("compat-probe-failed-fix"),
            );
            return;
        }
    };
    let ms_per_row = match (clock, start) {
        (Some(clock), Some(start)) => Some((clock() - start) / scores.len().max(1) as f64),
        _ => None,
    };
    let min_score = scores.iter().copied().fold(f32::INFINITY, f32::min);
    let max_score = scores.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    if scores.len() > 1 && min_score == max_score {
        report.add(
            Severity::Warning,
            Message::new("compat-constant-score")
                .arg("score", min_score.to_string())
                .arg("rows", scores.len().to_string()),
            Message::new("compat-constant-score-fix"),
        );
    }
    report.probe = Some(Probe {
        rows: scores.len(),
        min_score,
        max_score,
        ms_per_row,
    });
}

/// `message` naming the probe row `row_idx` (see [`probe_rows`]): `probe` selects the
/// default row, every attribute at its minimum or maximum, or a row of categories.
pub(super) fn probe_row(message: Message, row_idx: usize) -> Message {
    match row_idx {
        0 => message.arg("probe", "default"),
        1 => message.arg("probe", "min"),
        2 => message.arg("probe", "max"),
        k => message
            .arg("probe", "category")
            .arg("row", (k + 1).to_string())
            .arg("category", (k - 2).to_string()),
    }
}
