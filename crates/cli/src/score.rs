//! `riskscope score`: the page's batch job and export for one file. The header is matched to
//! the model as the page proposes (overridable with --map), every row is scored or kept with
//! its error, flagged rows get their reasons, and the export is written as the page writes it.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};

use crate::input::Input;
use crate::model::{self, ModelArgs};
use crate::unreadable;
use riskscope_core::batch::columns::normalise;
use riskscope_core::batch::export::{ExportKind, Exporter};
use riskscope_core::batch::{Job, JobSettings, Mapping, read_head};
use riskscope_core::i18n::{Lang, Localized, Message};
use riskscope_core::scorer::Scorer;

/// How much of the file's start the header and the columns' values are read from (the page
/// reads the same).
const START: usize = 64 * 1024;
/// Row errors listed in the summary; the export has them all.
const ERRORS_SHOWN: usize = 3;

#[derive(Args)]
pub struct ScoreArgs {
    /// MODEL, then INPUT. MODEL is a catalog id (german-credit-logistic, ulb-fraud-mlp, …) or
    /// a directory holding manifest.json, the ONNX file it names and its reference sample;
    /// leave it out when --onnx and --manifest name the files. INPUT is the CSV file to score,
    /// plain or gzip-compressed, or - for standard input.
    #[arg(value_names = ["MODEL", "INPUT"], num_args = 1..=2, required = true)]
    files: Vec<String>,
    #[command(flatten)]
    model: ModelArgs,
    /// Where to write the export (standard output when left out).
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Feed an attribute from a column: FEATURE=COLUMN, the column by its header name or its
    /// number from 1. Repeatable. Other attributes are matched by name, as the page does.
    #[arg(long = "map", value_name = "FEATURE=COLUMN")]
    map: Vec<String>,
    /// Write only the rows that could not be scored, with their error.
    #[arg(long)]
    errors_only: bool,
    /// Exit with status 1 when any row could not be scored.
    #[arg(long)]
    strict: bool,
    /// No progress bar and no summary on standard error.
    #[arg(short, long)]
    quiet: bool,
}

pub fn run(args: &ScoreArgs, lang: Lang) -> Result<u8, Message> {
    let (model, input) = match (args.files.as_slice(), &args.model.onnx) {
        ([input], Some(_)) => (None, input),
        ([model, input], None) => (Some(model.as_str()), input),
        _ => {
            return Err(Message::new("cli-score-arguments")
                .arg("onnx", "--onnx")
                .arg("manifest", "--manifest"));
        }
    };
    let scorer = model::load(&args.model, model)?;
    let scorer = match lang {
        Lang::En => scorer,
        _ => scorer.localized(lang),
    };
    let input = Input::open(std::path::Path::new(input))?;
    let head = read_head(&input.start(START)?).map_err(|e| at_input(&input, e.message()))?;
    let mut mapping = Mapping::propose(scorer.manifest(), &head);
    for choice in &args.map {
        apply(&mut mapping, &scorer, choice)?;
    }
    let unmatched = mapping.unmatched(scorer.manifest());
    if !unmatched.is_empty() {
        return Err(Message::new("cli-unmatched")
            .arg("features", unmatched.join(", "))
            .arg("columns", head.columns.join(", "))
            .arg("option", "--map"));
    }

    let progress = progress_bar(&input, args.quiet);
    let mut job = Job::new(&scorer, mapping.clone(), JobSettings::default())
        .map_err(|e| at_input(&input, e.message()))?;
    input.chunks(|chunk| {
        job.feed(&scorer, chunk)
            .map_err(|e| at_input(&input, e.message()))?;
        progress.set_position(job.bytes());
        progress.set_message(format!("{} rows", job.rows()));
        Ok(())
    })?;
    let left = job
        .finish(&scorer)
        .map_err(|e| at_input(&input, e.message()))?;
    progress.set_message(format!(
        "{} rows; reasons for {left} flagged rows",
        job.rows()
    ));
    job.explain_next(&scorer, left);
    progress.finish_and_clear();
    let results = job.into_results();

    let kind = if args.errors_only {
        ExportKind::Errors
    } else {
        ExportKind::Scored
    };
    let mut out: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(BufWriter::new(
            File::create(path).map_err(|e| unreadable(path, e))?,
        )),
        None => Box::new(BufWriter::new(std::io::stdout().lock())),
    };
    let written = |e: std::io::Error| Message::new("cli-write-failed").arg("error", e.to_string());
    let mut exporter = Exporter::new(&results, &mapping, kind).with_lang(lang);
    input.chunks(|chunk| {
        let bytes = exporter.feed(&scorer, chunk).map_err(Message::quoted)?;
        out.write_all(&bytes).map_err(written)
    })?;
    out.write_all(&exporter.finish(&scorer).map_err(Message::quoted)?)
        .map_err(written)?;
    out.flush().map_err(written)?;

    let cutoff = scorer.manifest().decision.cutoff;
    let flagged = results
        .scored
        .iter()
        .filter(|r| f64::from(r.score) >= cutoff)
        .count();
    if !args.quiet {
        let summary = Message::new("cli-summary")
            .arg("file", input.name())
            .arg("rows", results.rows.to_string())
            .arg("scored", results.scored.len().to_string())
            .arg("errors", results.errors.len().to_string())
            .arg("flagged", flagged.to_string())
            .arg("decision", scorer.manifest().decision.at_or_above.as_str());
        eprintln!("{}", summary.in_lang(lang));
        for error in results.errors.iter().take(ERRORS_SHOWN) {
            eprintln!("  {}", error.message().in_lang(lang));
        }
        if results.errors.len() > ERRORS_SHOWN {
            let more = Message::new("cli-more-errors")
                .arg("count", (results.errors.len() - ERRORS_SHOWN).to_string());
            eprintln!("  {}", more.in_lang(lang));
        }
    }
    Ok(u8::from(args.strict && !results.errors.is_empty()))
}

fn at_input(input: &Input, message: Message) -> Message {
    Message::new("cli-at-file")
        .arg("path", input.name())
        .arg("message", message)
}

/// FEATURE=COLUMN: the column (a header name, or a number from 1) feeds the feature.
fn apply(mapping: &mut Mapping, scorer: &Scorer, choice: &str) -> Result<(), Message> {
    let bad = || {
        Message::new("cli-map-invalid")
            .arg("option", "--map")
            .arg("map", choice)
    };
    let (feature, column) = choice.split_once('=').ok_or_else(bad)?;
    let manifest = scorer.manifest();
    let j = manifest
        .features
        .iter()
        .position(|f| f.name == feature.trim() || normalise(&f.name) == normalise(feature))
        .ok_or_else(bad)?;
    let column = column.trim();
    let c = match column.parse::<usize>() {
        Ok(n) if (1..=mapping.columns.len()).contains(&n) => n - 1,
        _ => mapping
            .columns
            .iter()
            .position(|c| c == column || normalise(c) == normalise(column))
            .ok_or_else(bad)?,
    };
    mapping.features[j] = Some(c);
    Ok(())
}

/// Bytes read against the file's size, with rows/s, on a terminal; hidden on a pipe, with
/// --quiet, and for a gzip file (whose text size is not known), a spinner.
fn progress_bar(input: &Input, quiet: bool) -> ProgressBar {
    if quiet {
        return ProgressBar::hidden();
    }
    if input.gzip {
        let bar = ProgressBar::new_spinner();
        bar.set_style(
            ProgressStyle::with_template("{spinner} {bytes} read ({bytes_per_sec}) {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        return bar;
    }
    let bar = ProgressBar::new(input.bytes);
    bar.set_style(
        ProgressStyle::with_template(
            "{wide_bar} {bytes}/{total_bytes} ({bytes_per_sec}, {eta} left) {msg}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar
}
