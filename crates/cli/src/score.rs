//! `riskscope score`: the page's batch job and export for one file. The header is matched to
//! the model as the page proposes (overridable with --map), every row is scored or kept with
//! its error, flagged rows get their reasons, and the export is written as the page writes it.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};

use std::sync::mpsc::{Receiver, Sender, SyncSender};

use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::input::Input;
use crate::source::{Source, SourceArgs, at_file};
use crate::unreadable;
use riskscope_core::batch::export::ExportKind;
use riskscope_core::batch::{Block, BlockOutcome, BlockReader, BlockScorer, JobSettings, Mapping};
use riskscope_core::i18n::{Lang, Localized, Message};

/// Row errors listed in the summary; the export has them all.
const ERRORS_SHOWN: usize = 3;

#[derive(Args)]
pub struct ScoreArgs {
    #[command(flatten)]
    source: SourceArgs,
    /// Where to write the export (standard output when left out).
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Write only the rows that could not be scored, with their error.
    #[arg(long)]
    errors_only: bool,
    /// Exit with status 1 when any row could not be scored.
    #[arg(long)]
    strict: bool,
    /// No progress bar and no summary on standard error.
    #[arg(short, long)]
    quiet: bool,
    /// Threads scoring the file (every core when left out).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
}

pub fn run(args: &ScoreArgs, lang: Lang) -> Result<u8, Message> {
    let Source {
        scorer,
        input,
        name,
        mapping,
        ..
    } = Source::open(&args.source, lang)?;
    let kind = if args.errors_only {
        ExportKind::Errors
    } else {
        ExportKind::Scored
    };
    let settings = JobSettings::default();
    let blocks = BlockScorer::new(&scorer, mapping.clone(), &settings, kind, lang)
        .map_err(|e| at_file(&name, e.message()))?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .build()
        .map_err(Message::quoted)?;
    let out = Output::create(args.output.as_deref())?;
    let progress = progress_bar(&input, args.quiet);
    let stream = Stream {
        blocks: &blocks,
        rows_per_block: settings.batch_rows,
        progress: &progress,
    };
    let written = stream.run(&pool, input, &mapping, out);
    progress.finish_and_clear();
    let summary = written?;

    if !args.quiet {
        let message = Message::new("cli-summary")
            .arg("file", name.as_str())
            .arg("rows", summary.rows.to_string())
            .arg("scored", summary.scored.to_string())
            .arg("errors", summary.errors.to_string())
            .arg("flagged", summary.flagged.to_string())
            .arg("decision", scorer.manifest().decision.at_or_above.as_str());
        eprintln!("{}", message.in_lang(lang));
        for error in summary.first_errors.iter().take(ERRORS_SHOWN) {
            eprintln!("  {}", error.message().in_lang(lang));
        }
        if summary.errors > ERRORS_SHOWN as u64 {
            let more = Message::new("cli-more-errors")
                .arg("count", (summary.errors - ERRORS_SHOWN as u64).to_string());
            eprintln!("  {}", more.in_lang(lang));
        }
    }
    Ok(u8::from(args.strict && summary.errors > 0))
}

/// Blocks in flight (read, being scored, or scored and waiting for an earlier one to be
/// written) at most this many per thread: what bounds the memory whatever the file's size.
const BLOCKS_PER_THREAD: usize = 3;

/// One file's pass: a thread reads blocks, the pool scores each as soon as a thread is free,
/// and a thread writes them in file order.
struct Stream<'a> {
    blocks: &'a BlockScorer<'a>,
    rows_per_block: usize,
    progress: &'a ProgressBar,
}

/// A scored block, numbered in file order.
type Scored = (usize, Result<BlockOutcome, Message>);

impl Stream<'_> {
    fn run(
        &self,
        pool: &rayon::ThreadPool,
        input: Input,
        mapping: &Mapping,
        out: Output,
    ) -> Result<BlockOutcome, Message> {
        let in_flight = BLOCKS_PER_THREAD * pool.current_num_threads();
        let name = input.name();
        let failed = AtomicBool::new(false);
        std::thread::scope(|scope| {
            let (block_tx, block_rx) = std::sync::mpsc::sync_channel::<Block>(1);
            let (done_tx, done_rx) = std::sync::mpsc::channel::<Scored>();
            let (permit_tx, permit_rx) = std::sync::mpsc::sync_channel::<()>(in_flight);
            // Scored blocks back to the reader, written buffers back to the scoring: reused,
            // not allocated anew (a long run's memory would otherwise creep up, fragmented).
            let (spent_tx, spent_rx) = std::sync::mpsc::channel::<Block>();
            let (buffer_tx, buffer_rx) = std::sync::mpsc::channel::<Vec<u8>>();
            for _ in 0..in_flight {
                let _ = permit_tx.send(());
            }
            let progress = self.progress.clone();
            let reader = scope.spawn(move || {
                let blocks = (&block_tx, &spent_rx);
                read_blocks(input, mapping, self.rows_per_block, blocks, &progress)
            });
            let (out, failed) = (&out, &failed);
            let writer = scope.spawn(move || {
                let returns = (&permit_tx, &buffer_tx);
                self.write_in_order(out, done_rx, returns, failed)
            });
            // Each block to the pool once a permit says there is room for it.
            pool.in_place_scope(|pool_scope| {
                for (k, block) in block_rx.iter().enumerate() {
                    if permit_rx.recv().is_err() || failed.load(Ordering::Relaxed) {
                        break;
                    }
                    let (done, spent) = (done_tx.clone(), spent_tx.clone());
                    let buffer = buffer_rx.try_recv().unwrap_or_default();
                    let name = &name;
                    pool_scope.spawn(move |_| {
                        // A block that panics is still reported, so the writer never waits
                        // for it (a release build aborts on a panic anyway).
                        let scored = match std::panic::catch_unwind(AssertUnwindSafe(|| {
                            self.blocks.score_into(&block, buffer)
                        })) {
                            Ok(scored) => scored.map_err(|e| at_file(name, e.message())),
                            Err(_) => Err(crashed("scoring")),
                        };
                        let _ = spent.send(block);
                        let _ = done.send((k, scored));
                    });
                }
            });
            drop(block_rx);
            drop(done_tx);
            let read = reader.join().unwrap_or_else(|_| Err(crashed("reader")));
            let written = writer.join().unwrap_or_else(|_| Err(crashed("writer")));
            // Scoring's and writing's errors come first: they stop reading.
            let summary = written?;
            read?;
            out.keep()?;
            Ok(summary)
        })
    }

    /// Writes the scored blocks in file order as they come, returning a permit for each one
    /// written; after an error, only drains.
    fn write_in_order(
        &self,
        out: &Output,
        done: Receiver<Scored>,
        (permits, buffers): (&SyncSender<()>, &Sender<Vec<u8>>),
        failed: &AtomicBool,
    ) -> Result<BlockOutcome, Message> {
        let mut sink = out.open()?;
        let mut summary = BlockOutcome::default();
        let mut waiting = std::collections::BTreeMap::new();
        let mut next = 0;
        let mut error = None;
        for (k, scored) in done {
            waiting.insert(k, scored);
            while let Some(scored) = waiting.remove(&next) {
                next += 1;
                let _ = permits.try_send(());
                if error.is_some() {
                    continue;
                }
                let written = scored.and_then(|mut outcome| {
                    sink.write_all(&outcome.bytes).map_err(write_failed)?;
                    let _ = buffers.send(std::mem::take(&mut outcome.bytes));
                    Ok(outcome)
                });
                match written {
                    Ok(outcome) => tally(&mut summary, outcome),
                    Err(e) => {
                        failed.store(true, Ordering::Relaxed);
                        error = Some(e);
                    }
                }
                self.progress.set_message(format!("{} rows", summary.rows));
            }
        }
        if let Some(e) = error {
            return Err(e);
        }
        sink.flush().map_err(write_failed)?;
        Ok(summary)
    }
}

fn tally(summary: &mut BlockOutcome, outcome: BlockOutcome) {
    summary.rows += outcome.rows;
    summary.scored += outcome.scored;
    summary.flagged += outcome.flagged;
    summary.errors += outcome.errors;
    let room = ERRORS_SHOWN.saturating_sub(summary.first_errors.len());
    summary
        .first_errors
        .extend(outcome.first_errors.into_iter().take(room));
}

/// Reads the input into blocks for the scoring; stops quietly when scoring stopped (its error
/// is the one reported).
fn read_blocks(
    input: Input,
    mapping: &Mapping,
    rows_per_block: usize,
    (blocks, spent): (&SyncSender<Block>, &Receiver<Block>),
    progress: &ProgressBar,
) -> Result<(), Message> {
    let mut reader = BlockReader::new(mapping, rows_per_block);
    let mut stopped = false;
    let read = input.chunks(|chunk| {
        for block in spent.try_iter() {
            reader.recycle(block);
        }
        reader.feed(chunk, |block| stopped |= blocks.send(block).is_err());
        progress.inc(chunk.len() as u64);
        match stopped {
            true => Err(Message::quoted("")),
            false => Ok(()),
        }
    });
    match read {
        Err(_) if stopped => return Ok(()),
        Err(e) => return Err(e),
        Ok(_) => {}
    }
    reader.finish(|block| drop(blocks.send(block)));
    Ok(())
}

fn write_failed(e: std::io::Error) -> Message {
    Message::new("cli-write-failed").arg("error", e.to_string())
}

fn crashed(part: &str) -> Message {
    Message::quoted(format!("the {part} thread stopped"))
}

/// Where the export goes: standard output, or a file written under a temporary name and
/// renamed when complete, so a run that fails leaves no partial export behind.
struct Output {
    path: Option<(PathBuf, PathBuf)>,
}

impl Output {
    fn create(path: Option<&std::path::Path>) -> Result<Output, Message> {
        let path = path.map(|path| {
            let mut partial = path.as_os_str().to_owned();
            partial.push(".partial");
            (path.to_owned(), PathBuf::from(partial))
        });
        if let Some((_, partial)) = &path {
            File::create(partial).map_err(|e| unreadable(partial, e))?;
        }
        Ok(Output { path })
    }

    /// Where the bytes go.
    fn open(&self) -> Result<Box<dyn Write + '_>, Message> {
        Ok(match &self.path {
            Some((_, partial)) => Box::new(BufWriter::with_capacity(
                1 << 20,
                File::create(partial).map_err(|e| unreadable(partial, e))?,
            )),
            None => Box::new(BufWriter::with_capacity(1 << 20, std::io::stdout().lock())),
        })
    }

    /// Gives the finished export its name.
    fn keep(&self) -> Result<(), Message> {
        match &self.path {
            Some((path, partial)) => {
                std::fs::rename(partial, path).map_err(|e| unreadable(path, e))
            }
            None => Ok(()),
        }
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        if let Some((_, partial)) = &self.path {
            let _ = std::fs::remove_file(partial);
        }
    }
}

/// Bytes read against the file's size, with rows/s, on a terminal; hidden on a pipe, with
/// --quiet, and for a gzip file (whose text size is not known), a spinner.
pub fn progress_bar(input: &Input, quiet: bool) -> ProgressBar {
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
