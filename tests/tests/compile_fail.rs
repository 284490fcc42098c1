//! A wrong codes TOML is a compile error that points into the file: one trybuild case per
//! kind of mistake, each with its reviewed `.stderr` beside it in `tests/ui/`.
//!
//! Paths. The macro resolves a relative TOML path against the invoking crate's manifest
//! directory (`CARGO_MANIFEST_DIR`), as it must for users. trybuild, though, compiles every
//! case as a binary of a generated project in `<target dir>/tests/trybuild/sipcodes-tests/`,
//! and that project's directory is the manifest directory while a case builds. So before
//! the cases run, this driver copies `tests/ui/*.toml` into `ui/` of that project, and every
//! case names its table `"ui/<case>.toml"`. That one path is right from both directories
//! (`tests/ui/x.toml` beside this crate's manifest, `ui/x.toml` beside the generated one),
//! it is what a user would write, and the `.stderr` files show it as a user sees it, with
//! no `../../..` and no absolute path in them.
//!
//! The project directory is found the way trybuild finds it: the target directory that
//! `cargo metadata` reports (so `CARGO_TARGET_DIR` or a `build.target-dir` setting is
//! followed), then `tests/trybuild/<this package's name>`. The alternatives were worse:
//! `../../../../tests/ui/x.toml` is only right for a target directory at the workspace root,
//! and an absolute path would differ on every machine.
//!
//! `ui/paths/file_not_found.stderr` shows the path as the macro resolved it, which is under
//! the target directory. trybuild writes the workspace root as `$WORKSPACE`, so that file is
//! the same on every machine when the target directory is inside the workspace (the default,
//! and what `.ci/run` uses); elsewhere the absolute path could not match, so that one case
//! is skipped, saying so. Every other case runs wherever the target directory is.
//!
//! After a deliberate change to a message, regenerate with
//! `TRYBUILD=overwrite cargo test -p sipcodes-tests --test compile_fail`, then read every
//! changed `.stderr` before committing it.

use std::path::{Path, PathBuf};
use std::process::Command;

#[test]
fn bad_tables_are_compile_errors() {
    let metadata = cargo_metadata();
    let project_dir = metadata
        .target_dir
        .join("tests")
        .join("trybuild")
        .join(env!("CARGO_PKG_NAME"));
    copy_tables_to(&project_dir.join("ui"));
    let cases = trybuild::TestCases::new();
    cases.compile_fail("ui/*.rs");
    if metadata.target_dir.starts_with(&metadata.workspace_root) {
        cases.compile_fail("ui/paths/*.rs");
    } else {
        eprintln!(
            "skipping ui/paths/*.rs: the target directory {} is outside the workspace, so the resolved \
             path in their .stderr cannot match",
            metadata.target_dir.display()
        );
    }
}

/// What trybuild reads from `cargo metadata` to place its project.
struct Metadata {
    target_dir: PathBuf,
    workspace_root: PathBuf,
}

fn cargo_metadata() -> Metadata {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .args(["metadata", "--no-deps", "--format-version=1"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata runs");
    assert!(
        output.status.success(),
        "cargo metadata failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout).expect("cargo metadata prints JSON");
    let path = |key: &str| {
        PathBuf::from(
            metadata[key]
                .as_str()
                .unwrap_or_else(|| panic!("cargo metadata gives `{key}`")),
        )
    };
    Metadata {
        target_dir: path("target_directory"),
        workspace_root: path("workspace_root"),
    }
}

/// Copies every `tests/ui/*.toml` into `destination`, replacing older copies.
fn copy_tables_to(destination: &Path) {
    std::fs::create_dir_all(destination).expect("the trybuild project directory can be created");
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui");
    let mut copied = 0;
    for entry in std::fs::read_dir(&source).expect("tests/ui is readable") {
        let path = entry.expect("tests/ui is readable").path();
        if path.extension().is_some_and(|extension| extension == "toml") {
            let name = path.file_name().expect("a file has a name");
            std::fs::copy(&path, destination.join(name)).expect("a case's TOML can be copied");
            copied += 1;
        }
    }
    assert!(copied > 0, "no .toml files in {}", source.display());
}
