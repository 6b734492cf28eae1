//! The house rules the compiler does not keep by itself: no import circle between modules of
//! the core (`crates/core/src`); no source file of the app or the crates over 600 lines, no
//! function or component over 100. Crate boundaries are `scripts/check-boundaries`'s.

// A source tree that cannot be read is a broken checkout: stop there.
#![allow(clippy::unwrap_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Module path ("batch::job") -> the modules of the same crate it names.
type Graph = BTreeMap<String, BTreeSet<String>>;

/// The module a source file is, from its path under `src/`.
fn module_of(relative: &Path) -> String {
    let text = relative
        .with_extension("")
        .to_string_lossy()
        .replace('/', "::");
    text.strip_suffix("::mod").unwrap_or(&text).to_owned()
}

/// The code of a file without comments and without its `#[cfg(test)]` tail (tests may reach
/// anywhere).
fn code(source: &str) -> String {
    let source = source.split("#[cfg(test)]").next().unwrap_or_default();
    source
        .lines()
        .map(|line| line.split("//").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every `crate::a::b` and `super::a` path in `code`, as written (`super` resolved against
/// `module`).
fn named_paths(module: &str, code: &str) -> Vec<String> {
    let parent = module.rsplit_once("::").map_or("", |(p, _)| p);
    let mut out = Vec::new();
    for (prefix, base) in [("crate::", ""), ("super::", parent)] {
        let mut rest = code;
        while let Some(at) = rest.find(prefix) {
            let before = rest[..at].chars().next_back();
            rest = &rest[at + prefix.len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let path: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            let path = path.trim_end_matches(':');
            out.push(if base.is_empty() {
                path.to_owned()
            } else {
                format!("{base}::{path}")
            });
        }
    }
    out
}

/// The longest known module a path starts with.
fn resolve<'m>(path: &str, modules: &'m BTreeSet<String>) -> Option<&'m String> {
    let parts: Vec<&str> = path.split("::").collect();
    (1..=parts.len())
        .rev()
        .find_map(|n| modules.get(&parts[..n].join("::")))
}

fn graph_of(sources: &BTreeMap<String, String>) -> Graph {
    let modules: BTreeSet<String> = sources.keys().cloned().collect();
    sources
        .iter()
        .map(|(module, source)| {
            let named = named_paths(module, &code(source))
                .iter()
                .filter_map(|p| resolve(p, &modules))
                // A module and its own submodules are one unit here; a parent naming its child
                // (or a child its parent's items) is not a circle between modules.
                .filter(|m| {
                    *m != module
                        && !m.starts_with(&format!("{module}::"))
                        && !module.starts_with(&format!("{m}::"))
                })
                .cloned()
                .collect();
            (module.clone(), named)
        })
        .collect()
}

/// The graph's circles: its strongly connected components of more than one module (Tarjan).
fn circles(graph: &Graph) -> Vec<Vec<String>> {
    struct Walk<'g> {
        graph: &'g Graph,
        index: BTreeMap<&'g str, usize>,
        low: BTreeMap<&'g str, usize>,
        stack: Vec<&'g str>,
        found: Vec<Vec<String>>,
    }
    impl<'g> Walk<'g> {
        fn visit(&mut self, v: &'g str) {
            let i = self.index.len();
            self.index.insert(v, i);
            self.low.insert(v, i);
            self.stack.push(v);
            for w in self.graph.get(v).into_iter().flatten() {
                let w = w.as_str();
                if !self.index.contains_key(w) {
                    self.visit(w);
                    let low = self.low[v].min(self.low[w]);
                    self.low.insert(v, low);
                } else if self.stack.contains(&w) {
                    let low = self.low[v].min(self.index[w]);
                    self.low.insert(v, low);
                }
            }
            if self.low[v] == self.index[v] {
                let at = self.stack.iter().rposition(|m| *m == v).unwrap();
                let component: Vec<String> = self.stack.drain(at..).map(str::to_owned).collect();
                if component.len() > 1 {
                    self.found.push(component);
                }
            }
        }
    }
    let mut walk = Walk {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        found: Vec::new(),
    };
    for v in graph.keys() {
        if !walk.index.contains_key(v.as_str()) {
            walk.visit(v);
        }
    }
    walk.found
}

/// Every `.rs` file under `dir`, at any depth.
fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn the_cores_modules_import_each_other_without_a_circle() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/core/src");
    let mut paths = Vec::new();
    rust_files(&root, &mut paths);
    let sources: BTreeMap<String, String> = paths
        .iter()
        .filter(|p| !p.ends_with("lib.rs"))
        .map(|p| {
            let relative = p.strip_prefix(&root).unwrap();
            (module_of(relative), std::fs::read_to_string(p).unwrap())
        })
        .collect();
    assert!(sources.len() > 20, "read {} modules", sources.len());
    let graph = graph_of(&sources);
    // The reader sees real imports: the scorer names the model and the manifest.
    assert!(graph["scorer"].contains("model") && graph["scorer"].contains("manifest"));
    let found = circles(&graph);
    let described: Vec<String> = found
        .iter()
        .map(|c| {
            c.iter()
                .map(|m| {
                    format!(
                        "{m} -> {:?}",
                        graph[m]
                            .intersection(&c.iter().cloned().collect())
                            .collect::<Vec<_>>()
                    )
                })
                .collect::<Vec<_>>()
                .join("; ")
        })
        .collect();
    assert!(found.is_empty(), "import circles: {described:#?}");
}

#[test]
fn a_planted_circle_is_found_and_comments_and_tests_are_not_imports() {
    let sources: BTreeMap<String, String> = [
        ("a", "use crate::b::Thing;\n// crate::c in a comment\n"),
        (
            "b",
            "use crate::c;\n#[cfg(test)]\nmod tests { use crate::a; }\n",
        ),
        ("c", "fn f() { crate::a::g() }\n"),
        ("d", "use crate::a;\n"),
        ("e::f", "use super::g::X;\n"),
        ("e::g", "use crate::e::f::Y;\n"),
    ]
    .into_iter()
    .map(|(m, s)| (m.to_owned(), s.to_owned()))
    .collect();
    let graph = graph_of(&sources);
    assert_eq!(graph["a"], BTreeSet::from(["b".to_owned()]));
    assert!(graph["b"].contains("c") && !graph["b"].contains("a"));
    let mut found: Vec<Vec<String>> = circles(&graph)
        .into_iter()
        .map(|mut c| {
            c.sort();
            c
        })
        .collect();
    found.sort();
    assert_eq!(
        found,
        vec![
            vec!["a".to_owned(), "b".to_owned(), "c".to_owned()],
            vec!["e::f".to_owned(), "e::g".to_owned()],
        ]
    );
}

/// Every Rust source file of the app and the crates (tests, examples and benches excepted:
/// a test's table of cases may be long), by path from the repository's root.
fn product_sources() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    rust_files(&root.join("src"), &mut paths);
    for entry in std::fs::read_dir(root.join("crates")).unwrap() {
        rust_files(&entry.unwrap().path().join("src"), &mut paths);
    }
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let name = p.strip_prefix(root).unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

/// Every function, method and component in `source` with its length in lines, from `fn` to
/// its closing brace (its doc comment not counted).
fn function_lengths(source: &str) -> Vec<(String, usize)> {
    use syn::spanned::Spanned;
    use syn::visit::Visit;
    struct Lengths(Vec<(String, usize)>);
    impl Lengths {
        fn add(&mut self, name: &syn::Ident, sig: &syn::Signature, body: &syn::Block) {
            let first = sig.fn_token.span().start().line;
            let last = body.brace_token.span.close().end().line;
            self.0.push((name.to_string(), last + 1 - first));
        }
    }
    impl<'ast> Visit<'ast> for Lengths {
        fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
            self.add(&f.sig.ident, &f.sig, &f.block);
            syn::visit::visit_item_fn(self, f);
        }
        fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
            self.add(&f.sig.ident, &f.sig, &f.block);
            syn::visit::visit_impl_item_fn(self, f);
        }
        fn visit_trait_item_fn(&mut self, f: &'ast syn::TraitItemFn) {
            if let Some(body) = &f.default {
                self.add(&f.sig.ident, &f.sig, body);
            }
            syn::visit::visit_trait_item_fn(self, f);
        }
    }
    let file = syn::parse_file(source).unwrap();
    let mut lengths = Lengths(Vec::new());
    lengths.visit_file(&file);
    lengths.0
}

const MAX_FILE_LINES: usize = 600;
const MAX_FUNCTION_LINES: usize = 100;

#[test]
fn no_file_over_600_lines_and_no_function_over_100() {
    let mut over = Vec::new();
    let sources = product_sources();
    assert!(sources.len() > 60, "read {} files", sources.len());
    for (path, source) in &sources {
        let lines = source.lines().count();
        if lines > MAX_FILE_LINES {
            over.push((path.clone(), lines));
        }
        for (name, length) in function_lengths(source) {
            if length > MAX_FUNCTION_LINES {
                over.push((format!("{path}: {name}"), length));
            }
        }
    }
    assert!(
        over.is_empty(),
        "over {MAX_FILE_LINES} lines a file or {MAX_FUNCTION_LINES} a function (split it by what \
         it does): {over:#?}"
    );
}

#[test]
fn function_lengths_run_from_fn_to_the_closing_brace() {
    let source = "/// doc\nfn a() {\n    let x = 1;\n}\n\nimpl S {\n    pub fn b(&self) -> u8 { 0 }\n}\n\ntrait T {\n    fn c() {\n    }\n    fn d();\n}\n";
    assert_eq!(
        function_lengths(source),
        vec![
            ("a".to_owned(), 3),
            ("b".to_owned(), 1),
            ("c".to_owned(), 2)
        ]
    );
}
