//! The command line, run as a user runs it: its export is the core's export for the same file
//! (byte for byte; tests/e2e/batch.test.mjs compares it with the page's), whatever the input's
//! form (plain, gzip, standard input), and every malformed input has a clear message and exit
//! status.

// Tests may panic: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use flate2::Compression;
use flate2::write::GzEncoder;

use riskscope_core::batch::export::{ExportKind, Exporter};
use riskscope_core::batch::{JobSettings, Mapping, read_head, score_bytes};
use riskscope_core::i18n::Lang;
use riskscope_testkit::models::MODELS;

const CLI: &str = env!("CARGO_BIN_EXE_riskscope");

fn models() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models")
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("riskscope-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(CLI)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut pipe = child.stdin.take().unwrap();
    if let Some(bytes) = stdin {
        pipe.write_all(bytes).unwrap();
    }
    drop(pipe);
    child.wait_with_output().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The export the core writes for `bytes` (the page's worker runs the same calls).
fn core_export(id: &str, bytes: &[u8], lang: Lang) -> Vec<u8> {
    let fixture = MODELS.iter().find(|f| f.id == id).unwrap();
    let scorer = fixture.supported_scorer();
    let scorer = if lang == Lang::En {
        scorer
    } else {
        scorer.localized(lang)
    };
    let head = read_head(&bytes[..bytes.len().min(64 * 1024)]).unwrap();
    let mapping = Mapping::propose(scorer.manifest(), &head);
    let results = score_bytes(
        &scorer,
        mapping.clone(),
        JobSettings::default(),
        bytes,
        4 << 20,
    )
    .unwrap();
    let mut exporter = Exporter::new(&results, &mapping, ExportKind::Scored).with_lang(lang);
    let mut out = exporter.feed(&scorer, bytes).unwrap();
    out.extend(exporter.finish(&scorer).unwrap());
    out
}

fn sample(id: &str) -> (PathBuf, Vec<u8>) {
    let path = models().join(id).join("sample.csv");
    let bytes = std::fs::read(&path).unwrap();
    (path, bytes)
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

#[test]
fn score_writes_the_cores_export_from_a_file_a_gzip_and_standard_input() {
    let models = models();
    let models = models.to_str().unwrap();
    for id in ["german-credit-logistic", "german-credit-mlp"] {
        let (path, bytes) = sample(id);
        let want = core_export(id, &bytes, Lang::En);
        let out = run(
            &["score", id, path.to_str().unwrap(), "--models", models],
            None,
        );
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(
            out.stdout == want,
            "{id}: the export differs from the core's"
        );
        assert!(
            stderr(&out).contains("1000 rows read, 1000 scored, 0 could not be scored"),
            "{}",
            stderr(&out)
        );

        let dir = scratch(id);
        let gz = dir.join("sample.csv.gz");
        std::fs::write(&gz, gzip(&bytes)).unwrap();
        let out = run(
            &[
                "score",
                &format!("{models}/{id}"),
                gz.to_str().unwrap(),
                "-q",
            ],
            None,
        );
        assert!(
            out.status.success() && out.stdout == want,
            "gzip: {}",
            stderr(&out)
        );
        assert!(
            out.stderr.is_empty(),
            "--quiet writes nothing: {}",
            stderr(&out)
        );

        let out = run(&["score", id, "-", "--models", models, "-q"], Some(&bytes));
        assert!(
            out.status.success() && out.stdout == want,
            "stdin: {}",
            stderr(&out)
        );
    }
    // In Chinese: decisions, reasons and the summary.
    let (path, bytes) = sample("german-credit-logistic");
    let out = run(
        &[
            "score",
            "german-credit-logistic",
            path.to_str().unwrap(),
            "--models",
            models,
            "--lang",
            "zh-CN",
        ],
        None,
    );
    assert!(out.stdout == core_export("german-credit-logistic", &bytes, Lang::ZhCn));
    assert!(stderr(&out).contains("读取 1000 行"), "{}", stderr(&out));
}

/// A row error in the middle of a gzip stream keeps its place in the export; the run goes on,
/// and --strict makes it the exit status.
#[test]
fn a_bad_row_is_in_the_export_and_strict_makes_it_a_failure() {
    let (_, bytes) = sample("german-credit-logistic");
    let text = String::from_utf8(bytes).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let duration = lines[0]
        .split(',')
        .position(|c| c == "duration_in_month")
        .unwrap();
    let mut fields: Vec<&str> = lines[500].split(',').collect();
    fields[duration] = "twelve";
    lines[500] = fields.join(",");
    let dir = scratch("bad-row");
    let gz = dir.join("bad.csv.gz");
    std::fs::write(&gz, gzip((lines.join("\n") + "\n").as_bytes())).unwrap();
    let models = models();
    let args = [
        "score",
        "german-credit-logistic",
        gz.to_str().unwrap(),
        "--models",
        models.to_str().unwrap(),
    ];
    let out = run(&args, None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let export = String::from_utf8(out.stdout.clone()).unwrap();
    let rows: Vec<&str> = export.trim_end().split('\n').collect();
    assert_eq!(rows.len(), 1001, "every row is written");
    assert!(
        rows[500].trim_end().ends_with(
            "\"row 500, column \"\"duration_in_month\"\": \"\"twelve\"\" is not a number\""
        ),
        "{}",
        rows[500]
    );
    let err = stderr(&out);
    assert!(
        err.contains("999 scored, 1 could not be scored") && err.contains("row 500"),
        "{err}"
    );
    let strict: Vec<&str> = args.iter().copied().chain(["--strict"]).collect();
    let strict = run(&strict, None);
    assert_eq!(strict.status.code(), Some(1));
}

/// A file of more blocks than may be in flight at once (three a thread): the same export on one
/// thread, two and three (blocks scored in parallel, held back and written in file order, and
/// reused), and the core's; written with -o, the export appears whole under its name, and a
/// run that fails leaves no file behind.
#[test]
fn every_thread_count_gives_the_same_export_and_a_failed_run_leaves_no_file() {
    let models = models();
    let models = models.to_str().unwrap();
    let id = "ulb-fraud-mlp";
    let (_, sample_bytes) = sample(id);
    let text = String::from_utf8(sample_bytes).unwrap();
    let (header, body) = text.split_once('\n').unwrap();
    let bytes = format!("{header}\n{}", body.repeat(4)).into_bytes();
    let lines = bytes.iter().filter(|&&b| b == b'\n').count();
    assert!(lines > 4 * 4096, "five blocks or more");
    let want = core_export(id, &bytes, Lang::En);
    let dir = scratch("threads");
    let path = dir.join("repeated.csv");
    std::fs::write(&path, &bytes).unwrap();
    for threads in ["1", "2", "3"] {
        let output = dir.join(format!("scored-{threads}.csv"));
        let out = run(
            &[
                "score",
                id,
                path.to_str().unwrap(),
                "--models",
                models,
                "--threads",
                threads,
                "-o",
                output.to_str().unwrap(),
                "-q",
            ],
            None,
        );
        assert!(out.status.success(), "{threads} threads: {}", stderr(&out));
        let written = std::fs::read(&output).unwrap();
        assert!(
            written == want,
            "{threads} threads: the export differs from the core's"
        );
        assert!(!dir.join(format!("scored-{threads}.csv.partial")).exists());
    }
    let gz = gzip(&bytes);
    let truncated = dir.join("truncated.csv.gz");
    std::fs::write(&truncated, &gz[..gz.len() * 3 / 4]).unwrap();
    let output = dir.join("from-truncated.csv");
    let out = run(
        &[
            "score",
            id,
            truncated.to_str().unwrap(),
            "--models",
            models,
            "-o",
            output.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("could not be read past"),
        "{}",
        stderr(&out)
    );
    assert!(!output.exists(), "a failed run left an export");
    assert!(
        !dir.join("from-truncated.csv.partial").exists(),
        "a failed run left a partial file"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Each malformed input: a message that names the file and the problem, exit status 2.
#[test]
fn malformed_inputs_are_refused_with_where_and_what() {
    let models = models();
    let models = models.to_str().unwrap();
    let dir = scratch("malformed");
    let empty = dir.join("empty.csv");
    std::fs::write(&empty, b"").unwrap();
    let (_, bytes) = sample("german-credit-logistic");
    let truncated = dir.join("truncated.csv.gz");
    let gz = gzip(&bytes);
    std::fs::write(&truncated, &gz[..gz.len() / 2]).unwrap();
    let not_csv = dir.join("model.csv");
    std::fs::copy(models::onnx_of("german-credit-logistic"), &not_csv).unwrap();
    let (sample_path, _) = sample("german-credit-logistic");
    let sample_path = sample_path.to_str().unwrap();
    let mlp_onnx = models::onnx_of("german-credit-mlp");
    let logistic_manifest = format!("{models}/german-credit-logistic/manifest.json");
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec![
                "score",
                "german-credit-logistic",
                "/no/such/file.csv",
                "--models",
                models,
            ],
            "cannot read /no/such/file.csv",
        ),
        (
            vec![
                "score",
                "german-credit-logistic",
                empty.to_str().unwrap(),
                "--models",
                models,
            ],
            "the file is empty",
        ),
        (
            vec!["score", "no-such-model", sample_path, "--models", models],
            "no model directory and no catalog model is named \"no-such-model\"",
        ),
        (
            vec![
                "score",
                "german-credit-logistic",
                not_csv.to_str().unwrap(),
                "--models",
                models,
            ],
            "no column feeds",
        ),
        (
            vec![
                "score",
                "german-credit-logistic",
                truncated.to_str().unwrap(),
                "--models",
                models,
            ],
            "could not be read past",
        ),
        (
            vec![
                "score",
                "--onnx",
                mlp_onnx.to_str().unwrap(),
                "--manifest",
                &logistic_manifest,
                sample_path,
            ],
            "SHA-256",
        ),
        (
            vec![
                "score",
                "german-credit-logistic",
                sample_path,
                "--models",
                models,
                "--map",
                "nonsense",
            ],
            "--map nonsense: write FEATURE=COLUMN",
        ),
    ];
    for (args, needle) in cases {
        let out = run(&args, None);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.starts_with("riskscope: ") && err.contains(needle),
            "{args:?}: {err}"
        );
        assert!(
            out.stdout.is_empty() || args.contains(&"--map"),
            "{args:?} wrote an export"
        );
    }
}

mod models {
    use std::path::PathBuf;

    pub fn onnx_of(id: &str) -> PathBuf {
        super::models().join(id).join("model.onnx")
    }
}

#[test]
fn check_says_the_verdict_in_its_exit_status() {
    let models = models();
    let manifest = models.join("german-credit-mlp/manifest.json");
    let onnx = models::onnx_of("german-credit-mlp");
    let out = run(
        &[
            "check",
            onnx.to_str().unwrap(),
            "--manifest",
            manifest.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report = String::from_utf8(out.stdout).unwrap();
    assert!(report.contains("No blocker found."), "{report}");
    let dir = scratch("check");
    let garbage = dir.join("garbage.onnx");
    std::fs::write(&garbage, b"PK\x03\x04 torch.save zip").unwrap();
    let out = run(
        &["check", garbage.to_str().unwrap(), "--lang", "zh-CN"],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stdout).unwrap().contains("阻断"));
}
