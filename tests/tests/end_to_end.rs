//! End to end: edit a codes TOML, rebuild with plain `cargo`, and the change is there.
//!
//! Each test copies the workspace into the target directory, edits the copy and drives
//! `cargo` on it, sharing one target directory between runs so only sipcodes itself
//! rebuilds. That takes a minute, so the tests are ignored by `cargo test` and run by
//! `.ci/run` (`cargo test -p sipcodes-tests --test end_to_end -- --ignored`).

#![cfg(unix)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SPAM_SUSPECTED: &str = r#"
[[code]]
code = 499
reason = "Spam Suspected"
description = "The network judged the caller to be a likely robocaller and refused the call."
"#;

/// A private copy of the workspace (without `target` and `.git`).
struct Workspace {
    root: PathBuf,
    target: PathBuf,
}

impl Workspace {
    fn copy(name: &str) -> Workspace {
        let source = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("end-to-end");
        let root = scratch.join(name);
        if root.exists() {
            fs::remove_dir_all(&root).unwrap();
        }
        fs::create_dir_all(&root).unwrap();
        for entry in fs::read_dir(source).unwrap() {
            let entry = entry.unwrap();
            let file_name = entry.file_name();
            if file_name == "target" || file_name == ".git" || file_name == "fuzz" {
                continue;
            }
            // `cp -a` keeps the codes.toml symlinks inside the crates pointing at the copy's table.
            let status = Command::new("cp")
                .arg("-a")
                .arg(entry.path())
                .arg(&root)
                .status()
                .unwrap();
            assert!(status.success(), "copying {}", entry.path().display());
        }
        Workspace {
            root,
            target: scratch.join("target"),
        }
    }

    fn cargo(&self, arguments: &[&str]) -> Output {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
        Command::new(cargo)
            .args(arguments)
            .current_dir(&self.root)
            .env("CARGO_TARGET_DIR", &self.target)
            .env_remove("SIPCODES_BLESS")
            .output()
            .unwrap()
    }

    /// Runs cargo and returns its standard output, failing the test with cargo's stderr if it fails.
    fn cargo_ok(&self, arguments: &[&str]) -> String {
        let output = self.cargo(arguments);
        assert!(
            output.status.success(),
            "cargo {arguments:?} failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.root.join(relative)
    }

    fn edit(&self, relative: &str, edit: impl FnOnce(String) -> String) {
        let path = self.path(relative);
        let text = fs::read_to_string(&path).unwrap();
        let edited = edit(text.clone());
        assert_ne!(edited, text, "the edit of {relative} changed nothing");
        fs::write(path, edited).unwrap();
    }

    fn write(&self, relative: &str, text: &str) {
        fs::write(self.path(relative), text).unwrap();
    }
}

/// A small program that uses the code added to the table.
const PROBE: &str = r#"
//! Uses the code added to the table.
fn main() {
    let code = sipcodes::Code::SpamSuspected;
    println!("variant: {code}");
    println!("from_u16: {:?}", sipcodes::Code::from_u16(499).map(|code| code.to_string()));
    println!("from_reason: {:?}", sipcodes::Code::from_reason("spam suspected").map(sipcodes::Code::as_u16));
    println!("status: {}", sipcodes::StatusCode::from_u16(499).unwrap());
    println!("canonical: {}", sipcodes::StatusCode::from_u16(499).unwrap().canonical());
}
"#;

/// Looks the code up without naming a variant, so it builds whatever the table says.
const LOOKUP: &str = r#"
//! Looks 499 up.
fn main() {
    println!("from_u16: {:?}", sipcodes::Code::from_u16(499).map(|code| code.to_string()));
    println!("status: {}", sipcodes::StatusCode::from_u16(499).unwrap());
}
"#;

#[test]
#[ignore = "slow: copies the workspace and rebuilds it; run by .ci/run"]
fn editing_the_workspace_table_adds_changes_and_removes_a_code() {
    let workspace = Workspace::copy("workspace-table");
    workspace.write("sipcodes/examples/lookup.rs", LOOKUP);
    let before = workspace.cargo_ok(&["run", "-q", "-p", "sipcodes", "--example", "lookup"]);
    assert_eq!(before, "from_u16: None\nstatus: 499\n");

    // Add: the new variant, its lookups and its Display exist after a plain rebuild.
    workspace.edit("codes.toml", |text| text + SPAM_SUSPECTED);
    workspace.write("sipcodes/examples/probe.rs", PROBE);
    let probe = workspace.cargo_ok(&["run", "-q", "-p", "sipcodes", "--example", "probe"]);
    assert_eq!(
        probe,
        "variant: 499 Spam Suspected\n\
         from_u16: Some(\"499 Spam Suspected\")\n\
         from_reason: Some(499)\n\
         status: 499 Spam Suspected\n\
         canonical: 499 Spam Suspected\n"
    );
    let explain = workspace.cargo_ok(&[
        "run",
        "-q",
        "-p",
        "sipcodes",
        "--example",
        "explain",
        "--",
        "spam suspected",
    ]);
    assert!(explain.starts_with("499 Spam Suspected\n"), "{explain}");

    // Its rustdoc is generated too.
    workspace.cargo_ok(&["doc", "-q", "-p", "sipcodes", "--no-deps"]);
    let docs = fs::read_to_string(workspace.target.join("doc/sipcodes/enum.Code.html")).unwrap();
    assert!(
        docs.contains("SpamSuspected") && docs.contains("robocaller"),
        "variant docs missing"
    );

    // The checked-in CODES.md is now stale, and the test says how to regenerate it.
    let stale = workspace.cargo(&["test", "-q", "-p", "sipcodes-tests", "--test", "reference"]);
    assert!(!stale.status.success());
    let output = String::from_utf8_lossy(&stale.stdout);
    assert!(
        output.contains("SIPCODES_BLESS=1 cargo test -p sipcodes-tests --test reference"),
        "{output}"
    );

    // Change: the new phrase shows after a plain rebuild.
    workspace.edit("codes.toml", |text| text.replace("Spam Suspected", "Spam Likely"));
    let changed = workspace.cargo_ok(&["run", "-q", "-p", "sipcodes", "--example", "lookup"]);
    assert_eq!(
        changed,
        "from_u16: Some(\"499 Spam Likely\")\nstatus: 499 Spam Likely\n"
    );

    // Remove: back to an unregistered code.
    workspace.edit("codes.toml", |text| {
        text.replace(&SPAM_SUSPECTED.replace("Spam Suspected", "Spam Likely"), "")
    });
    let removed = workspace.cargo_ok(&["run", "-q", "-p", "sipcodes", "--example", "lookup"]);
    assert_eq!(removed, before);
}

#[test]
#[ignore = "slow: copies the workspace and rebuilds it; run by .ci/run"]
fn editing_a_downstream_table_rebuilds_the_downstream_crate() {
    let workspace = Workspace::copy("downstream-table");
    let run = |code: &str| workspace.cargo_ok(&["run", "-q", "-p", "carrier-codes", "--", code]);
    assert!(run("498").starts_with("498 (unregistered; treat as 400 Bad Request)"));
    workspace.edit("examples/carrier-codes/carrier_codes.toml", |text| {
        text + "\n[[code]]\ncode = 498\nreason = \"Number Ported\"\ndescription = \"Ported away.\"\n"
    });
    assert_eq!(run("498"), "498 Number Ported: Ported away.\n");
    workspace.edit("examples/carrier-codes/carrier_codes.toml", |text| {
        text.replace("Number Ported", "Ported Out")
    });
    assert_eq!(run("498"), "498 Ported Out: Ported away.\n");
}
