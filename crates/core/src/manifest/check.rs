//! The checks `Manifest::parse` runs: every cross-reference resolves and every number is sane
//! (see the module's invariant), each failure saying where and what.

use super::*;

impl Manifest {
    pub(super) fn check(&mut self) -> Result<(), ManifestError> {
        if self.format_version != FORMAT_VERSION {
            return Err(invalid(
                &field("format_version"),
                Message::new("manifest-format-version")
                    .arg("version", self.format_version.to_string())
                    .arg("reads", FORMAT_VERSION.to_string()),
            ));
        }
        if self.features.is_empty() {
            return Err(invalid(&field("features"), Message::new("manifest-empty")));
        }
        for (i, feature) in self.features.iter().enumerate() {
            let at = feature_at(&feature.name);
            if feature.name.trim().is_empty() {
                return Err(invalid(
                    &Message::new("manifest-at-feature-number").arg("number", (i + 1).to_string()),
                    Message::new("manifest-no-name"),
                ));
            }
            if self.features[..i].iter().any(|f| f.name == feature.name) {
                return Err(invalid(&at, Message::new("manifest-listed-twice")));
            }
            check_kind(&at, &feature.kind)?;
            policy::check_policy(&at, feature)?;
            actionable::check_actionable(&at, feature)?;
            if let Some(reason) = &feature.reason {
                check_reason(&at, &feature.kind, reason)?;
            }
        }
        self.block_features = self.check_encoding()?;
        self.check_sequence()?;
        self.check_explain()?;
        self.check_decision()?;
        // Last: the translations are laid over everything checked above.
        self.check_translations()
    }

    pub(super) fn check_explain(&self) -> Result<(), ManifestError> {
        let Some(explain) = &self.explain else {
            return Ok(());
        };
        let file = &explain.reference;
        if file.is_empty() || file.contains('/') || file.contains('\\') || file.starts_with('.') {
            return Err(invalid(
                &field("explain.reference"),
                Message::new("manifest-explain-reference-file").arg("file", file.as_str()),
            ));
        }
        check_sha256("explain.reference_sha256", &explain.reference_sha256)?;
        if explain.additive && self.model.output.kind != OutputKind::Probability {
            return Err(invalid(
                &field("explain.additive"),
                Message::new("manifest-additive-not-probability"),
            ));
        }
        Ok(())
    }

    pub(super) fn check_sequence(&self) -> Result<(), ManifestError> {
        let Some(sequence) = &self.sequence else {
            return Ok(());
        };
        if sequence.steps.is_empty() || sequence.series.is_empty() {
            return Err(invalid(
                &field("sequence"),
                Message::new("manifest-sequence-empty"),
            ));
        }
        let mut seen: Vec<&str> = Vec::new();
        for series in &sequence.series {
            let at = Message::new("manifest-at-series").arg("series", series.label.as_str());
            if series.features.len() != sequence.steps.len() {
                return Err(invalid(
                    &at,
                    Message::new("manifest-series-length")
                        .arg("features", series.features.len().to_string())
                        .arg("steps", sequence.steps.len().to_string()),
                ));
            }
            for name in &series.features {
                if self.feature_index(name).is_none() {
                    return Err(invalid(
                        &at,
                        Message::new("manifest-series-unknown-feature").arg("feature", name),
                    ));
                }
                if seen.contains(&name.as_str()) {
                    return Err(invalid(
                        &at,
                        Message::new("manifest-series-placed-twice").arg("feature", name),
                    ));
                }
                seen.push(name);
            }
        }
        Ok(())
    }

    pub(super) fn check_encoding(&self) -> Result<Vec<usize>, ManifestError> {
        let mut used = vec![false; self.features.len()];
        let mut block_features = Vec::with_capacity(self.encoding.len());
        let mut width = 0;
        for block in &self.encoding {
            let at = Message::new("manifest-at-encoding").arg("feature", block.feature.as_str());
            let idx = self
                .feature_index(&block.feature)
                .ok_or_else(|| invalid(&at, Message::new("manifest-encoding-unknown-feature")))?;
            if std::mem::replace(&mut used[idx], true) {
                return Err(invalid(&at, Message::new("manifest-encoding-twice")));
            }
            let feature = &self.features[idx];
            check_block(&at, block, feature)?;
            width += block.width(feature);
            block_features.push(idx);
        }
        if let Some(idx) = used.iter().position(|u| !u) {
            let name = &self.features[idx].name;
            return Err(invalid(
                &field("encoding"),
                Message::new("manifest-never-encoded").arg("feature", name),
            ));
        }
        self.check_inputs(width, &block_features)?;
        check_sha256("model.sha256", &self.model.sha256)?;
        if let Some(scorecard) = &self.scorecard {
            let bins = self.encoding.iter().map(|b| match &b.kind {
                EncodingKind::Woe { bins } => Some(bins.len()),
                _ => None,
            });
            let fits = scorecard.points.len() == self.encoding.len()
                && scorecard
                    .points
                    .iter()
                    .zip(bins)
                    .all(|(p, n)| Some(p.len()) == n);
            if !fits {
                return Err(invalid(
                    &field("scorecard.points"),
                    Message::new("manifest-scorecard-points"),
                ));
            }
        }
        Ok(block_features)
    }

    /// One float input, or the graph's inputs by name: as wide as the encoding, each string
    /// input's one column a `text` block and each `text` block's column a string input's.
    fn check_inputs(&self, width: usize, block_features: &[usize]) -> Result<(), ManifestError> {
        let spec = &self.model;
        let at = field(if spec.input.is_some() {
            "model.input.columns"
        } else {
            "model.inputs"
        });
        match (&spec.input, spec.inputs.as_slice()) {
            (Some(_), [_, ..]) => {
                let problem = Message::new("manifest-inputs-both");
                return Err(invalid(
                    &at,
                    problem
                        .arg("input", "model.input")
                        .arg("inputs", "model.inputs"),
                ));
            }
            (None, []) => {
                let problem = Message::new("manifest-inputs-none");
                return Err(invalid(
                    &at,
                    problem
                        .arg("input", "model.input")
                        .arg("inputs", "model.inputs"),
                ));
            }
            _ => {}
        }
        for (i, input) in spec.inputs.iter().enumerate() {
            let problem = if input.name.trim().is_empty() {
                Some(Message::new("manifest-no-name"))
            } else if spec.inputs[..i].iter().any(|o| o.name == input.name) {
                Some(Message::new("manifest-listed-twice"))
            } else if input.columns == 0 || (input.elem == InputType::String && input.columns != 1)
            {
                Some(
                    Message::new("manifest-input-string-columns")
                        .arg("columns", input.columns.to_string()),
                )
            } else {
                None
            };
            if let Some(problem) = problem {
                let at = Message::new("manifest-at-input").arg("input", input.name.as_str());
                return Err(invalid(&at, problem));
            }
        }
        if width != spec.width() {
            return Err(invalid(
                &at,
                Message::new("manifest-input-columns")
                    .arg("columns", spec.width().to_string())
                    .arg("width", width.to_string()),
            ));
        }
        // Each column's input type, then each block's columns against it.
        let mut texts: Vec<Option<&str>> = Vec::with_capacity(width);
        for input in &spec.inputs {
            let name = (input.elem == InputType::String).then_some(input.name.as_str());
            texts.extend(std::iter::repeat_n(name, input.columns));
        }
        texts.resize(width, None);
        let mut col = 0;
        for (block, &idx) in self.encoding.iter().zip(block_features) {
            let feature = &self.features[idx];
            let block_at =
                Message::new("manifest-at-encoding").arg("feature", block.feature.as_str());
            let is_text = block.kind == EncodingKind::Text;
            if is_text && texts[col].is_none() {
                return Err(invalid(
                    &block_at,
                    Message::new("manifest-text-needs-string-input").arg("column", col.to_string()),
                ));
            }
            if !is_text && let Some(name) = texts[col] {
                return Err(invalid(
                    &block_at,
                    Message::new("manifest-string-input-needs-text").arg("input", name),
                ));
            }
            let unseen = match &feature.kind {
                FeatureKind::Category(c) => c.unseen_index(),
                _ => None,
            };
            if unseen.is_some() && !is_text {
                return Err(invalid(
                    &block_at,
                    Message::new("manifest-unseen-needs-text"),
                ));
            }
            col += block.width(feature);
        }
        Ok(())
    }

    pub(super) fn check_decision(&self) -> Result<(), ManifestError> {
        let cutoff = self.decision.cutoff;
        let kind = self.model.output.kind;
        let cutoff_ok = match kind {
            OutputKind::Probability => cutoff > 0.0 && cutoff < 1.0,
            OutputKind::AnomalyScore => cutoff > 0.0 && cutoff.is_finite(),
        };
        if !cutoff_ok {
            let problem = match kind {
                OutputKind::Probability => Message::new("manifest-cutoff-probability"),
                OutputKind::AnomalyScore => Message::new("manifest-cutoff-anomaly"),
            };
            return Err(invalid(
                &field("decision.cutoff"),
                problem.arg("cutoff", cutoff.to_string()),
            ));
        }
        let (last, inner) = self
            .risk_bands
            .split_last()
            .ok_or_else(|| invalid(&field("risk_bands"), Message::new("manifest-empty")))?;
        let band_at = |name: &str| Message::new("manifest-at-risk-band").arg("band", name);
        let mut lower = 0.0;
        for band in inner {
            match band.upper {
                Some(upper) if upper > lower && upper.is_finite() => lower = upper,
                _ => {
                    return Err(invalid(
                        &band_at(&band.name),
                        Message::new("manifest-band-upper").arg("lower", lower.to_string()),
                    ));
                }
            }
        }
        let at = band_at(&last.name);
        match (kind, last.upper) {
            (OutputKind::Probability, Some(upper)) if upper == 1.0 && upper > lower => Ok(()),
            (OutputKind::Probability, _) => Err(invalid(
                &at,
                Message::new("manifest-band-last-probability").arg("lower", lower.to_string()),
            )),
            (OutputKind::AnomalyScore, None) => Ok(()),
            (OutputKind::AnomalyScore, Some(_)) => {
                Err(invalid(&at, Message::new("manifest-band-last-anomaly")))
            }
        }
    }
}

fn check_block(
    at: &Message,
    block: &EncodingBlock,
    feature: &Feature,
) -> Result<(), ManifestError> {
    let numeric = matches!(
        feature.kind,
        FeatureKind::Number(_) | FeatureKind::Integer(_)
    );
    match (&block.kind, &feature.kind) {
        (
            EncodingKind::OneHot | EncodingKind::Ordinal | EncodingKind::Text,
            FeatureKind::Category(_),
        ) => Ok(()),
        (EncodingKind::Text, _) => Err(invalid(
            at,
            Message::new("manifest-one-hot-needs-category").arg("kind", "text"),
        )),
        (EncodingKind::Ordinal, _) => Err(invalid(
            at,
            Message::new("manifest-one-hot-needs-category").arg("kind", "ordinal"),
        )),
        (EncodingKind::OneHot, _) => Err(invalid(
            at,
            Message::new("manifest-one-hot-needs-category").arg("kind", "one_hot"),
        )),
        (EncodingKind::Numeric, _) if numeric => Ok(()),
        (EncodingKind::Numeric, _) => Err(invalid(
            at,
            Message::new("manifest-numeric-needs-number").arg("kind", "numeric"),
        )),
        (EncodingKind::Woe { bins }, kind) => {
            if bins.iter().any(|b| !b.woe.is_finite()) {
                return Err(invalid(at, Message::new("manifest-woe-not-finite")));
            }
            if let FeatureKind::Category(c) = kind {
                for category in &c.categories {
                    let n = bins
                        .iter()
                        .filter(|b| b.categories.contains(&category.value))
                        .count();
                    if n != 1 {
                        return Err(invalid(
                            at,
                            Message::new("manifest-woe-category-bins")
                                .arg("category", category.value.as_str())
                                .arg("bins", n.to_string()),
                        ));
                    }
                }
                if bins
                    .iter()
                    .any(|b| b.upper.is_some() || b.categories.iter().any(|v| c.find(v).is_none()))
                {
                    return Err(invalid(at, Message::new("manifest-woe-unknown-category")));
                }
                return Ok(());
            }
            let uppers: Vec<Option<f64>> = bins.iter().map(|b| b.upper).collect();
            let (last, inner) = uppers
                .split_last()
                .ok_or_else(|| invalid(at, Message::new("manifest-woe-no-bins")))?;
            let ascending = inner.iter().all(Option::is_some)
                && inner.windows(2).all(|w| w[0] < w[1])
                && inner.iter().flatten().all(|u| u.is_finite());
            if last.is_some() || !ascending || bins.iter().any(|b| !b.categories.is_empty()) {
                return Err(invalid(at, Message::new("manifest-woe-numeric-bins")));
            }
            Ok(())
        }
    }
}

fn check_sha256(at: &str, sha: &str) -> Result<(), ManifestError> {
    if sha.len() != 64
        || !sha
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    {
        return Err(invalid(
            &field(at),
            Message::new("manifest-sha256").arg("sha", sha),
        ));
    }
    Ok(())
}

/// The placeholders a template may hold, by the kind of feature it describes.
pub(super) fn check_reason(
    at: &Message,
    kind: &FeatureKind,
    reason: &ReasonTemplate,
) -> Result<(), ManifestError> {
    let (texts, allowed): (Vec<&String>, &[&str]) = match (kind, reason) {
        (FeatureKind::Category(_), ReasonTemplate::Category(text)) => (vec![text], &["category"]),
        (
            FeatureKind::Number(_) | FeatureKind::Integer(_),
            ReasonTemplate::Number { high, low },
        ) => (vec![high, low], &["value", "typical"]),
        (FeatureKind::Category(_), ReasonTemplate::Number { .. }) => {
            return Err(invalid(
                at,
                Message::new("manifest-reason-category-high-low")
                    .arg("placeholder", "{category}")
                    .arg("high", "high")
                    .arg("low", "low"),
            ));
        }
        (_, ReasonTemplate::Category(_)) => {
            return Err(invalid(
                at,
                Message::new("manifest-reason-number-one-text")
                    .arg("high", "high")
                    .arg("low", "low"),
            ));
        }
    };
    for text in texts {
        if text.trim().is_empty() {
            return Err(invalid(at, Message::new("manifest-reason-empty")));
        }
        for placeholder in placeholders(text) {
            if !allowed.contains(&placeholder) {
                return Err(invalid(
                    at,
                    Message::new("manifest-reason-placeholder")
                        .arg("text", text)
                        .arg("placeholder", format!("{{{placeholder}}}")),
                ));
            }
        }
    }
    Ok(())
}

fn check_kind(at: &Message, kind: &FeatureKind) -> Result<(), ManifestError> {
    match kind {
        FeatureKind::Number(n) | FeatureKind::Integer(n) => {
            if !(n.min.is_finite() && n.max.is_finite() && n.min <= n.max) {
                return Err(invalid(
                    at,
                    Message::new("manifest-range-not-range")
                        .arg("min", n.min.to_string())
                        .arg("max", n.max.to_string()),
                ));
            }
            if !(n.min..=n.max).contains(&n.default) {
                return Err(invalid(
                    at,
                    Message::new("manifest-default-outside")
                        .arg("default", n.default.to_string())
                        .arg("min", n.min.to_string())
                        .arg("max", n.max.to_string()),
                ));
            }
            if matches!(kind, FeatureKind::Integer(_)) && n.default.fract() != 0.0 {
                return Err(invalid(
                    at,
                    Message::new("manifest-default-not-whole")
                        .arg("default", n.default.to_string()),
                ));
            }
        }
        FeatureKind::Category(c) => {
            if c.categories.is_empty() {
                return Err(invalid(at, Message::new("manifest-no-categories")));
            }
            for (i, category) in c.categories.iter().enumerate() {
                let spellings = [Some(&category.value), category.code.as_ref()];
                for text in spellings.into_iter().flatten() {
                    if c.find(text) != Some(i) {
                        return Err(invalid(
                            at,
                            Message::new("manifest-category-ambiguous").arg("category", text),
                        ));
                    }
                }
            }
            let unseen = c.categories.iter().filter(|k| k.unseen).count();
            if unseen > 1 || (unseen == 1 && c.categories.last().is_some_and(|k| !k.unseen)) {
                return Err(invalid(at, Message::new("manifest-unseen-last")));
            }
            if c.find(&c.default).is_none() {
                return Err(invalid(
                    at,
                    Message::new("manifest-default-not-category")
                        .arg("default", c.default.as_str()),
                ));
            }
        }
    }
    Ok(())
}
