//! The floors of docs/architecture.md, kept true: no module uses one on a floor
//! above its own, every top-level module has a floor, and the known exceptions
//! listed there are still needed (a fixed one must leave the list).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The `| floor | modules |` table and the `| from | to | why |` exceptions.
fn documented() -> (BTreeMap<String, usize>, BTreeSet<(String, String)>) {
    let text = std::fs::read_to_string(root().join("docs/architecture.md")).unwrap();
    let mut floors = BTreeMap::new();
    let mut exceptions = BTreeSet::new();
    for line in text.lines() {
        let cells: Vec<&str> = line.trim().trim_matches('|').split('|').map(str::trim).collect();
        if cells.len() == 2
            && let Ok(floor) = cells[0].parse::<usize>()
        {
            for module in cells[1].split(',').map(str::trim) {
                floors.insert(module.to_string(), floor);
            }
        } else if cells.len() == 3 && !cells[0].starts_with('-') && cells[0] != "from" {
            exceptions.insert((cells[0].to_string(), cells[1].to_string()));
        }
    }
    (floors, exceptions)
}

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

/// Each `crate::name` a top-level module's files use (unit tests left out).
fn uses() -> BTreeMap<String, BTreeSet<(String, String)>> {
    let src = root().join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut found: BTreeMap<String, BTreeSet<(String, String)>> = BTreeMap::new();
    for file in files {
        let relative = file.strip_prefix(&src).unwrap().to_string_lossy().replace('\\', "/");
        let module = relative.split('/').next().unwrap().trim_end_matches(".rs").to_string();
        if module == "lib" || module == "main" {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        let code = text.split("#[cfg(test)]\nmod tests").next().unwrap();
        let entry = found.entry(module).or_default();
        // The binary reaches the library as `collectsim::`, itself as `crate::`.
        for prefix in ["crate::", "collectsim::"] {
            for (at, _) in code.match_indices(prefix) {
                let after = &code[at + prefix.len()..];
                let name: String = after.chars().take_while(|c| c.is_ascii_lowercase() || *c == '_').collect();
                entry.insert((name, relative.clone()));
            }
        }
    }
    found
}

#[test]
fn no_module_uses_one_on_a_floor_above_it() {
    let (floors, exceptions) = documented();
    assert!(floors.len() > 20, "the floor table was read: {floors:?}");
    let mut upward = Vec::new();
    let mut still_needed = BTreeSet::new();
    for (module, used) in uses() {
        let Some(&own) = floors.get(&module) else {
            upward.push(format!("{module} has no floor in docs/architecture.md"));
            continue;
        };
        for (name, file) in used {
            let Some(&theirs) = floors.get(&name) else { continue };
            if theirs <= own {
                continue;
            }
            if exceptions.contains(&(module.clone(), name.clone())) {
                still_needed.insert((module.clone(), name.clone()));
            } else {
                upward.push(format!("src/{file}: {module} (floor {own}) uses {name} (floor {theirs})"));
            }
        }
    }
    assert!(upward.is_empty(), "imports that run up a floor:\n{}", upward.join("\n"));
    let fixed: Vec<_> = exceptions.difference(&still_needed).collect();
    assert!(fixed.is_empty(), "fixed: remove {fixed:?} from the known exceptions in docs/architecture.md");
}

/// The modules a crate root declares (`pub mod x;` in the library, `mod x;` in the binary).
fn declared(root_file: &str) -> Vec<String> {
    let text = std::fs::read_to_string(root().join(root_file)).unwrap();
    text.lines()
        .filter_map(|l| l.strip_prefix("pub mod ").or_else(|| l.strip_prefix("mod ")))
        .map(|m| m.trim_end_matches(';').to_string())
        .collect()
}

#[test]
fn every_top_level_module_has_a_floor() {
    let (floors, _) = documented();
    let declared: Vec<String> = declared("src/lib.rs").into_iter().chain(declared("src/main.rs")).collect();
    assert!(declared.len() > 20);
    let missing: Vec<_> = declared.iter().filter(|m| !floors.contains_key(*m)).collect();
    assert!(missing.is_empty(), "modules with no floor in docs/architecture.md: {missing:?}");
}

/// Floor 4 (arguments, the REPL, printing) is the binary's: the library declares none
/// of it and names neither clap nor the line editor, so a program using the library
/// gets no command line with it; and its errors are its own typed `Error`, not
/// `anyhow` (outside unit tests).
#[test]
fn the_library_leaves_arguments_the_terminal_and_anyhow_to_the_binary() {
    let (floors, _) = documented();
    let binary_floor: BTreeSet<String> = floors.iter().filter(|(_, f)| **f == 4).map(|(m, _)| m.clone()).collect();
    let in_library: BTreeSet<String> = declared("src/lib.rs").into_iter().collect();
    let in_binary: BTreeSet<String> = declared("src/main.rs").into_iter().collect();
    assert_eq!(in_binary, binary_floor, "src/main.rs declares exactly floor 4");
    assert!(in_library.is_disjoint(&binary_floor), "the library declares floor-4 modules: {in_library:?}");
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    let mut offenders = Vec::new();
    for file in files {
        let relative = file.strip_prefix(root().join("src")).unwrap().to_string_lossy().replace('\\', "/");
        let module = relative.split('/').next().unwrap().trim_end_matches(".rs");
        if module == "main" || binary_floor.contains(module) {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        let code: String =
            text.split("#[cfg(test)]").next().unwrap().lines().filter(|l| !l.trim_start().starts_with("//")).collect();
        if code.contains("clap::") || code.contains("rustyline") || code.contains("anyhow") {
            offenders.push(relative);
        }
    }
    assert!(offenders.is_empty(), "library files that use clap, rustyline or anyhow: {offenders:?}");
}
