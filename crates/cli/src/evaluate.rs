//! `riskscope evaluate`: the page's evaluation of a labelled file — ranking, calibration,
//! lift, the confusion matrix at the cut-off, fairness per group and drift against the
//! reference sample — as a readable report or JSON. The file is scored by the page's own job
//! and the figures come from the same functions as the page's views
//! ([`riskscope_core::batch::report`]).

use std::fmt::Write as _;

use clap::Args;
use indicatif::ProgressBar;

use crate::source::{Source, SourceArgs, at_file, column_of};
use riskscope_core::batch::job::MAX_GROUPS;
use riskscope_core::batch::report::{
    CALIBRATION_BINS, GroupFairness, Performance, Report, TOP_ALERTS,
};
use riskscope_core::batch::{Job, JobSettings, LabelColumn};
use riskscope_core::evaluation::{FOUR_FIFTHS, Stability};
use riskscope_core::i18n::{Lang, Localized, Message};
use riskscope_core::scorer::Scorer;

#[derive(Args)]
pub struct EvaluateArgs {
    #[command(flatten)]
    source: SourceArgs,
    /// The label column (its header name or number from 1), the positive class read from its
    /// values (1, yes, bad, default, fraud …). Found by its name and values when left out.
    #[arg(long, value_name = "COLUMN")]
    label: Option<String>,
    /// A column whose groups are compared at the cut-off (approval rates, the adverse-impact
    /// ratio, true-positive rates): a column with at most 50 distinct values. Repeatable.
    #[arg(long = "group", value_name = "COLUMN")]
    groups: Vec<String>,
    /// The cut-off for decisions, the confusion matrix and fairness (the model's when left
    /// out).
    #[arg(long, value_name = "P")]
    cutoff: Option<f64>,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
    /// No progress bar on standard error.
    #[arg(short, long)]
    quiet: bool,
}

pub fn run(args: &EvaluateArgs, lang: Lang) -> Result<u8, Message> {
    let Source {
        scorer,
        input,
        name,
        head,
        mut mapping,
    } = Source::open(&args.source, lang)?;
    if let Some(label) = &args.label {
        let column = column_of(&head.columns, label).ok_or_else(|| {
            Message::new("cli-no-column")
                .arg("column", label.as_str())
                .arg("columns", head.columns.join(", "))
        })?;
        let values = head.values.get(column).cloned().unwrap_or_default();
        mapping.label = Some(LabelColumn::from_values(column, &values));
    }
    if mapping.label.is_none() {
        return Err(Message::new("cli-no-label").arg("option", "--label COLUMN"));
    }
    let manifest = scorer.manifest();
    let cutoff = args.cutoff.unwrap_or(manifest.decision.cutoff);
    if !cutoff.is_finite() {
        return Err(Message::new("cli-cutoff").arg("cutoff", cutoff.to_string()));
    }
    let progress = match args.quiet {
        true => ProgressBar::hidden(),
        false => crate::score::progress_bar(&input, false),
    };
    let mut job = Job::new(&scorer, mapping, JobSettings::default())
        .map_err(|e| at_file(&name, e.message()))?;
    input.chunks(|chunk| {
        job.feed(&scorer, chunk)
            .map_err(|e| at_file(&name, e.message()))?;
        progress.inc(chunk.len() as u64);
        Ok(())
    })?;
    job.finish(&scorer)
        .map_err(|e| at_file(&name, e.message()))?;
    progress.finish_and_clear();
    let results = job.into_results();
    let groups: Vec<&str> = args.groups.iter().map(String::as_str).collect();
    let report = Report::of(&results, manifest, cutoff, &groups).map_err(|e| {
        let offered: Vec<&str> = results.groups.iter().map(|g| g.name.as_str()).collect();
        Message::new("cli-no-group")
            .arg("column", e.0)
            .arg("columns", offered.join(", "))
            .arg("max", MAX_GROUPS.to_string())
    })?;
    if args.json {
        let text = serde_json::to_string_pretty(&report).map_err(Message::quoted)?;
        crate::emit(&format!("{text}\n"))?;
    } else {
        crate::emit(&readable(&report, &scorer, &name, lang))?;
    }
    Ok(0)
}

/// The report as the page words it, in `lang`.
fn readable(report: &Report, scorer: &Scorer, file: &str, lang: Lang) -> String {
    let page = Page {
        lang,
        scorer,
        report,
        clear: scorer.manifest().decision.below.to_lowercase(),
    };
    let mut out = String::new();
    let summary = Message::new("cli-evaluate-summary")
        .arg("file", file)
        .arg("model", report.model_id.as_str())
        .arg("rows", report.rows.to_string())
        .arg("scored", report.scored.to_string())
        .arg("errors", report.errors.to_string());
    let _ = writeln!(out, "{}", page.t(summary));
    if let Some(p) = &report.performance {
        page.performance(&mut out, p);
    }
    for g in &report.fairness {
        page.fairness(&mut out, g);
    }
    page.drift(&mut out);
    out
}

fn pct(v: Option<f64>) -> String {
    v.map_or("–".to_owned(), |v| format!("{:.1} %", v * 100.0))
}

fn num(v: Option<f64>) -> String {
    v.map_or("–".to_owned(), |v| format!("{v:.4}"))
}

struct Page<'a> {
    lang: Lang,
    scorer: &'a Scorer,
    report: &'a Report,
    /// The decision below the cut-off, lower-cased, as the page's sentences use it.
    clear: String,
}

impl Page<'_> {
    fn t(&self, m: Message) -> String {
        m.in_lang(self.lang)
    }

    fn msg(&self, id: &'static str) -> String {
        Message::new(id).in_lang(self.lang)
    }

    fn performance(&self, out: &mut String, p: &Performance) {
        let rows = p.positives + p.negatives;
        let share = 100.0 * p.positives as f64 / rows.max(1) as f64;
        let _ = writeln!(out, "\n{}", self.msg("batch-eval-title"));
        let note = Message::new("batch-eval-note")
            .arg("rows", rows.to_string())
            .arg("positives", p.positives.to_string())
            .arg("share", format!("{share:.2}"));
        let _ = writeln!(out, "{}", self.t(note));
        let ks_at = Message::new("batch-ks-at")
            .arg("ks", num(p.ks))
            .arg("score", num(p.ks_score));
        let mut figures = vec![
            (self.msg("batch-eval-auc"), num(p.auc)),
            (self.msg("batch-eval-ap"), num(p.average_precision)),
            (self.msg("batch-eval-ks"), self.t(ks_at)),
            (self.msg("batch-eval-gini"), num(p.gini)),
        ];
        if p.brier.is_some() {
            figures.push((self.msg("batch-eval-brier"), num(p.brier)));
        }
        if let Some(top) = p.precision_at_top {
            let before = self.msg("batch-top-k-before");
            let after = self.msg("batch-top-k-after");
            figures.push((format!("{before} {TOP_ALERTS} {after}"), pct(Some(top))));
        }
        for (label, value) in figures {
            let _ = writeln!(out, "  {label:<32} {value}");
        }
        if !p.calibration.is_empty() {
            let title = Message::new("batch-calibration-title").arg("brier", num(p.brier));
            let _ = writeln!(out, "\n{} ({CALIBRATION_BINS})", self.t(title));
            let (rows, x, y) = (
                self.msg("batch-fairness-rows"),
                self.msg("batch-calibration-x"),
                self.msg("batch-calibration-y"),
            );
            let _ = writeln!(out, "  {:<12} {rows:>8} {x:>24} {y:>16}", "");
            for b in &p.calibration {
                let bin = format!("{:.1}–{:.1}", b.lower, b.upper);
                let (n, m, o) = (b.rows, b.mean_predicted, b.observed_rate);
                let _ = writeln!(out, "  {bin:<12} {n:>8} {m:>24.4} {o:>16.4}");
            }
        }
        let _ = writeln!(out, "\n{}", self.msg("batch-lift-caption"));
        let tops: String = p
            .lift
            .iter()
            .map(|l| format!("{:>6.0} %", l.top * 100.0))
            .collect();
        let lifts: String = p.lift.iter().map(|l| format!("{:>8.2}", l.lift)).collect();
        let _ = writeln!(out, "  {:<8}{tops}", self.msg("batch-lift-top"));
        let _ = writeln!(out, "  {:<8}{lifts}", self.msg("batch-lift"));
        self.confusion(out, p);
    }

    fn confusion(&self, out: &mut String, p: &Performance) {
        let caption = Message::new("batch-confusion-caption")
            .arg("cutoff", format!("{:.3}", self.report.cutoff))
            .arg("precision", pct(p.precision))
            .arg("recall", pct(p.recall))
            .arg("decision", self.clear.as_str())
            .arg("rate", pct(p.approval_rate));
        let _ = writeln!(out, "\n{}", self.t(caption));
        let c = &p.confusion;
        let decision = &self.scorer.manifest().decision;
        let (flag, clear) = (&decision.at_or_above, &decision.below);
        let (pos, neg) = (
            self.msg("batch-confusion-positive"),
            self.msg("batch-confusion-negative"),
        );
        let _ = writeln!(out, "  {:<24} {flag:>12} {clear:>12}", "");
        let _ = writeln!(out, "  {pos:<24} {:>12} {:>12}", c.tp, c.fn_);
        let _ = writeln!(out, "  {neg:<24} {:>12} {:>12}", c.fp, c.tn);
    }

    fn fairness(&self, out: &mut String, g: &GroupFairness) {
        let _ = writeln!(out, "\n{} — {}", self.msg("batch-fairness-title"), g.column);
        let cutoff = format!("{:.3}", self.report.cutoff);
        let caption = Message::new("batch-fairness-caption").arg("cutoff", cutoff);
        let _ = writeln!(out, "{}", self.t(caption));
        let rate = Message::new("batch-fairness-rate").arg("decision", self.clear.as_str());
        let (group, rows, positives, tpr) = (
            self.msg("batch-fairness-group"),
            self.msg("batch-fairness-rows"),
            self.msg("batch-fairness-positives"),
            self.msg("batch-fairness-tpr"),
        );
        let rate = self.t(rate);
        let _ = writeln!(
            out,
            "  {group:<28} {rows:>8} {rate:>16} {positives:>10} {tpr:>20}"
        );
        for o in &g.fairness.groups {
            let (approved, tpr) = (pct(o.approval_rate()), pct(o.true_positive_rate()));
            let (name, n, p) = (&o.name, o.rows, o.positives);
            let _ = writeln!(out, "  {name:<28} {n:>8} {approved:>16} {p:>10} {tpr:>20}");
        }
        let ratio = g.fairness.adverse_impact_ratio;
        let ratio = ratio.map_or("–".to_owned(), |a| format!("{a:.3}"));
        let air = Message::new("batch-air")
            .arg("decision", self.clear.as_str())
            .arg("ratio", ratio);
        let mut line = self.t(air);
        if g.four_fifths_flag {
            let flag = Message::new("batch-air-flag").arg("threshold", FOUR_FIFTHS.to_string());
            line = format!("{line} {}", self.t(flag));
        }
        let _ = writeln!(out, "{line}");
        if self.report.performance.is_some() {
            let gap = Message::new("batch-tpr-gap").arg("gap", pct(g.fairness.tpr_gap));
            let _ = writeln!(out, "{}", self.t(gap));
        }
    }

    fn drift(&self, out: &mut String) {
        if self.report.drift.is_empty() {
            return;
        }
        let _ = writeln!(out, "\n{}", self.msg("batch-drift-title"));
        let rows = self.report.reference_rows.to_string();
        let note = Message::new("batch-drift-note").arg("rows", rows);
        let _ = writeln!(out, "{}", self.t(note));
        let (column, psi, verdict) = (
            self.msg("batch-drift-column"),
            self.msg("batch-drift-psi"),
            self.msg("batch-drift-verdict"),
        );
        let _ = writeln!(out, "  {column:<44} {psi:>8}  {verdict}");
        for d in &self.report.drift {
            let name = match d.label.is_empty() {
                true => self.msg("batch-drift-score"),
                false => d.label.clone(),
            };
            let verdict = match d.verdict {
                Stability::Stable => self.msg("batch-drift-stable"),
                Stability::Investigate => self.msg("batch-drift-investigate"),
                Stability::Shifted => self.msg("batch-drift-shifted"),
            };
            let _ = writeln!(out, "  {name:<44} {:>8.3}  {verdict}", d.psi);
        }
    }
}
