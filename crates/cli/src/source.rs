//! What `score` and `evaluate` start from: the model, the input, and how the input's columns
//! feed the model (proposed as the page proposes it, with the user's --map choices).

use clap::Args;

use crate::input::Input;
use crate::model::{self, ModelArgs};
use riskscope_core::batch::columns::normalise;
use riskscope_core::batch::{FileHead, Mapping, read_head};
use riskscope_core::i18n::{Lang, Localized, Message};
use riskscope_core::scorer::Scorer;

/// How much of the file's start the header and the columns' values are read from (the page
/// reads the same).
const START: usize = 64 * 1024;

#[derive(Args)]
pub struct SourceArgs {
    /// MODEL, then INPUT. MODEL is a catalog id (german-credit-logistic, ulb-fraud-mlp, …) or
    /// a directory holding manifest.json, the ONNX file it names and its reference sample;
    /// leave it out when --onnx and --manifest name the files. INPUT is the CSV file, plain or
    /// gzip-compressed, or - for standard input.
    #[arg(value_names = ["MODEL", "INPUT"], num_args = 1..=2, required = true)]
    files: Vec<String>,
    #[command(flatten)]
    model: ModelArgs,
    /// Feed an attribute from a column: FEATURE=COLUMN, the column by its header name or its
    /// number from 1. Repeatable. Other attributes are matched by name, as the page does.
    #[arg(long = "map", value_name = "FEATURE=COLUMN")]
    map: Vec<String>,
}

pub struct Source {
    /// The model, its decisions and reasons in the chosen language.
    pub scorer: Scorer,
    pub input: Input,
    /// The input's name in messages.
    pub name: String,
    pub head: FileHead,
    pub mapping: Mapping,
}

impl Source {
    pub fn open(args: &SourceArgs, lang: Lang) -> Result<Source, Message> {
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
        let mut input = Input::open(std::path::Path::new(input))?;
        let name = input.name();
        let head = read_head(input.start(START)?).map_err(|e| at_file(&name, e.message()))?;
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
        Ok(Source {
            scorer,
            input,
            name,
            head,
            mapping,
        })
    }
}

/// A column of the file by its header name or its number from 1.
pub fn column_of(columns: &[String], column: &str) -> Option<usize> {
    let column = column.trim();
    match column.parse::<usize>() {
        Ok(n) if (1..=columns.len()).contains(&n) => Some(n - 1),
        _ => columns
            .iter()
            .position(|c| c == column || normalise(c) == normalise(column)),
    }
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
    let c = column_of(&mapping.columns, column).ok_or_else(bad)?;
    mapping.features[j] = Some(c);
    Ok(())
}

pub fn at_file(name: &str, message: Message) -> Message {
    Message::new("cli-at-file")
        .arg("path", name)
        .arg("message", message)
}
