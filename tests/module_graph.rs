//! The library's modules form no cycle: reading `src/` for `crate::` paths, no module
//! depends on itself through others. A child module (`design/validate.rs`) counts as
//! part of its parent; test modules and comments (doc links included) are no
//! dependency. Run with `--nocapture` to see the graph.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

type Graph = BTreeMap<String, BTreeSet<String>>;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of a file without its test module and without comments.
fn code(text: &str) -> String {
    let text = text.split("#[cfg(test)]\nmod tests").next().unwrap_or("");
    text.lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

fn ident(s: &str) -> &str {
    let end = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    &s[..end]
}

/// The first names of every path that starts with `crate::`, including each part of
/// `crate::{a, b::c}`.
fn crate_paths(code: &str) -> Vec<String> {
    let mut names = Vec::new();
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let group = &group[..group.find('}').unwrap_or(group.len())];
            names.extend(group.split(',').map(|p| ident(p.trim()).to_string()));
        } else {
            names.push(ident(rest).to_string());
        }
    }
    names
}

/// Module of each name the crate root re-exports (`pub use design::{Design, validate};`).
fn root_reexports(lib: &str) -> BTreeMap<String, String> {
    let mut map = BTreeMap::new();
    for line in code(lib).lines() {
        let Some(rest) = line.trim().strip_prefix("pub use ") else {
            continue;
        };
        let module = ident(rest).to_string();
        let items = rest[module.len()..].trim_start_matches("::");
        let items = items
            .trim_end_matches(';')
            .trim_matches(|c| c == '{' || c == '}');
        for item in items.split(',') {
            let name = item.trim().rsplit("::").next().unwrap_or("").to_string();
            map.insert(name, module.clone());
        }
    }
    map
}

fn graph() -> Graph {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let lib = std::fs::read_to_string(src.join("lib.rs")).unwrap();
    let reexports = root_reexports(&lib);
    let mut modules = BTreeMap::new();
    for path in files {
        let rel = path.strip_prefix(&src).unwrap();
        let first = rel.iter().next().unwrap().to_str().unwrap();
        if first == "bin" || first == "lib.rs" {
            continue;
        }
        let module = first.trim_end_matches(".rs").to_string();
        let text = code(&std::fs::read_to_string(&path).unwrap());
        modules
            .entry(module)
            .or_insert_with(Vec::new)
            .extend(crate_paths(&text));
    }
    let known: BTreeSet<String> = modules.keys().cloned().collect();
    modules
        .into_iter()
        .map(|(module, names)| {
            let deps = names
                .into_iter()
                .filter_map(|n| {
                    if known.contains(&n) {
                        Some(n)
                    } else {
                        reexports.get(&n).cloned()
                    }
                })
                .filter(|d| *d != module)
                .collect();
            (module, deps)
        })
        .collect()
}

/// A cycle in `g` as the path that closes it, if there is one.
fn find_cycle(g: &Graph) -> Option<Vec<String>> {
    fn visit(
        g: &Graph,
        node: &str,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|n| n == node) {
            let mut cycle = path[start..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for dep in g.get(node).into_iter().flatten() {
            if let Some(c) = visit(g, dep, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    g.keys()
        .find_map(|n| visit(g, n, &mut Vec::new(), &mut done))
}

#[test]
fn the_modules_form_no_cycle() {
    let g = graph();
    for (module, deps) in &g {
        let deps: Vec<&str> = deps.iter().map(String::as_str).collect();
        println!("{module:12} → {}", deps.join(", "));
    }
    // The reading works: edges that exist are found, and a root re-export counts.
    assert!(g["render"].contains("composite") && g["render"].contains("appearance"));
    assert!(g["fade"].contains("sessions") && g["impressions"].contains("sessions"));
    assert!(g["web"].contains("design"), "{:?}", g["web"]);
    assert!(
        !g["design"].contains("design"),
        "a child module is part of its parent"
    );
    if let Some(cycle) = find_cycle(&g) {
        panic!("module cycle: {}", cycle.join(" → "));
    }
}

#[test]
fn a_cycle_is_found_and_named() {
    let g: Graph = [("a", "b"), ("b", "c"), ("c", "a"), ("d", "a")]
        .into_iter()
        .map(|(m, d)| (m.to_string(), BTreeSet::from([d.to_string()])))
        .collect();
    assert_eq!(find_cycle(&g).unwrap().join(" → "), "a → b → c → a");
    let mut acyclic = g;
    acyclic.get_mut("c").unwrap().clear();
    assert_eq!(find_cycle(&acyclic), None);
    assert_eq!(
        crate_paths("use crate::{fade::Plan, sessions};\nlet x = crate::raster::MAX;"),
        ["fade", "sessions", "raster"]
    );
}
