//! `riskscope`: the page's core on the command line. `score` writes the page's export for a
//! file (the same columns, decisions, reasons and row errors; the scores to their last digits);
//! `evaluate` gives the page's evaluation of a labelled file; `explain` one applicant's
//! decision, reasons, attribution and counterfactuals; `check` gives the compatibility report of an ONNX file, with an exit status by verdict.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use riskscope_core::i18n::{Lang, Message};

mod check;
mod evaluate;
mod explain;
mod input;
mod model;
mod score;
mod source;

/// Scores credit and fraud files with the models of RiskScope, on this machine only.
///
/// The same core as the web page: a file scored here gives the export the page downloads for
/// it (the scores may differ in their last digits). Nothing is sent anywhere.
#[derive(Parser)]
#[command(name = "riskscope", version, after_help = EXAMPLES)]
struct Cli {
    /// The language of decisions, reasons, row errors and messages: en or zh-CN.
    #[arg(long, global = true, default_value = "en", value_parser = parse_lang)]
    lang: Lang,
    #[command(subcommand)]
    command: Command,
}

const EXAMPLES: &str = "Examples:
  riskscope score german-credit-logistic models/german-credit-logistic/sample.csv -o scored.csv
  zcat applicants.csv.gz | riskscope score models/ulb-fraud-mlp - > scored.csv
  riskscope evaluate german-credit-logistic models/german-credit-logistic/sample.csv --group sex
  riskscope evaluate ulb-fraud-lightgbm transactions.csv --label Class --json > report.json
  riskscope explain german-credit-mlp --applicant applicant.json --json
  riskscope check my-model.onnx --manifest my-manifest.json

Exit status: 0 done; 1 done with row errors (score --strict) or warnings (check);
2 refused or failed (a message on standard error says why).";

#[derive(Subcommand)]
enum Command {
    /// Scores every row of a CSV file (or gzip-compressed CSV, or - for standard input) and
    /// writes the page's export: the file's columns, then score, decision, reason_1…, value_notes
    /// and error. A row that cannot be scored keeps its place with its error.
    Score(score::ScoreArgs),
    /// Evaluates the model on a labelled file as the page does: ROC AUC, average precision,
    /// KS, Gini, Brier, calibration, lift by tenth, the confusion matrix at the cut-off,
    /// fairness per group (--group) and drift against the model's reference sample.
    Evaluate(evaluate::EvaluateArgs),
    /// Explains one applicant as the page's workspace does: score, decision and risk band,
    /// the principal reasons and the notice, every attribute's attribution, and the smallest
    /// changes that would clear a flagged decision.
    Explain(explain::ExplainArgs),
    /// Checks an ONNX file as the page does before loading it: what it is, what it holds, and
    /// every problem with its fix.
    Check {
        /// The ONNX file.
        onnx: PathBuf,
        /// Its manifest: then the model is also loaded and scored on probe rows.
        #[arg(long)]
        manifest: Option<PathBuf>,
    },
}

fn parse_lang(tag: &str) -> Result<Lang, String> {
    Lang::from_tag(tag).ok_or_else(|| format!("{tag} is not a language of RiskScope (en, zh-CN)"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match &cli.command {
        Command::Score(args) => score::run(args, cli.lang),
        Command::Evaluate(args) => evaluate::run(args, cli.lang),
        Command::Explain(args) => explain::run(args, cli.lang),
        Command::Check { onnx, manifest } => check::run(onnx, manifest.as_deref(), cli.lang),
    };
    match outcome {
        Ok(status) => ExitCode::from(status),
        Err(message) => {
            eprintln!("riskscope: {}", message.in_lang(cli.lang));
            ExitCode::from(2)
        }
    }
}

/// A file that could not be read, with the system's reason.
pub(crate) fn unreadable(path: &std::path::Path, error: impl std::fmt::Display) -> Message {
    Message::new("cli-read-failed")
        .arg("path", path.display().to_string())
        .arg("error", error.to_string())
}

/// Writes a report to standard output; a reader that stopped early (`| head`) is not an error.
pub(crate) fn emit(text: &str) -> Result<(), Message> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Message::new("cli-write-failed").arg("error", e.to_string()))
        }
        _ => Ok(()),
    }
}
