//! End to end: edit a codes TOML, rebuild with plain `cargo`, and the change is there; and
//! CONTRIBUTING.md's "Adding a code" recipe, followed as written, leaves `cargo test --workspace`
//! green.
//!
//! Each test copies the workspace into the target directory, edits the copy and drives
//! `cargo` on it, sharing one target directory between runs so only sipcodes itself
//! rebuilds. That takes minutes, so the tests are ignored by `cargo test` and run by
//! `.ci/run` (`cargo test -p sipcodes-tests --test end_to_end -- --ignored`). The codes they
//! add are chosen when they run, among those the table does not have yet.

#![cfg(unix)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Mutex, MutexGuard, PoisonError};

/// A `[[code]]` table for `code`, as a user would append it.
fn spam_suspected(code: u16) -> String {
    format!(
        "\n[[code]]\ncode = {code}\nreason_phrase = \"Spam Suspected\"\n\
         description = \"The network judged the caller to be a likely robocaller and refused the call.\"\n"
    )
}

fn one_at_a_time() -> MutexGuard<'static, ()> {
    ONE_AT_A_TIME.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The workspace's codes table.
const TABLE: &str = "sipcodes/codes.toml";

/// A private copy of the workspace (without `target` and `.git`).
struct Workspace {
    root: PathBuf,
    target: PathBuf,
}

/// Cargo names a workspace's artifacts by paths relative to the workspace root, so copies of
/// the workspace sharing a target directory share sipcodes' artifacts and build-script
/// output, and cargo tells them apart only by file times. The tests therefore run one at a
/// time, each on a copy made after the previous test's builds.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

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
            // Not `cp -a`: the copy's files must be newer than anything built from another copy.
            let status = Command::new("cp")
                .arg("-R")
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
        self.command(cargo)
            .args(arguments)
            .env_remove("SIPCODES_BLESS")
            .output()
            .unwrap()
    }

    /// `program` run in the copy, with its own target directory. The copy has no shared
    /// captures beside it: the command's tests read those beside this workspace.
    fn command(&self, program: String) -> Command {
        let mut command = Command::new(program);
        command.current_dir(&self.root).env("CARGO_TARGET_DIR", &self.target);
        if std::env::var_os("SIPCODES_CAPTURES").is_none() {
            let captures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/captures");
            command.env("SIPCODES_CAPTURES", captures);
        }
        command
    }

    /// Runs cargo and returns its standard output, failing the test with cargo's stderr if it fails.
    fn cargo_ok(&self, arguments: &[&str]) -> String {
        let output = self.cargo(arguments);
        assert!(
            output.status.success(),
            "cargo {arguments:?} failed:\n{}\n{}",
            String::from_utf8_lossy(&output.stdout),
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
fn probe(code: u16) -> String {
    format!(
        r#"
//! Uses the code added to the table.
fn main() {{
    let code = sipcodes::Code::SpamSuspected;
    println!("variant: {{code}}");
    println!("from_u16: {{:?}}", sipcodes::Code::from_u16({code}).map(|code| code.to_string()));
    println!("from_reason_phrase: {{:?}}", sipcodes::Code::from_reason_phrase("spam suspected").map(sipcodes::Code::as_u16));
    println!("status: {{}}", sipcodes::StatusCode::from_u16({code}).unwrap());
    println!("canonical: {{}}", sipcodes::StatusCode::from_u16({code}).unwrap().canonical());
}}
"#
    )
}

/// Looks the code up without naming a variant, so it builds whatever the table says.
fn lookup(code: u16) -> String {
    format!(
        r#"
//! Looks {code} up.
fn main() {{
    println!("from_u16: {{:?}}", sipcodes::Code::from_u16({code}).map(|code| code.to_string()));
    println!("status: {{}}", sipcodes::StatusCode::from_u16({code}).unwrap());
}}
"#
    )
}

#[test]
#[ignore = "slow: copies the workspace and rebuilds it; run by .ci/run"]
fn editing_the_workspace_table_adds_changes_and_removes_a_code() {
    let _serial = one_at_a_time();
    let workspace = Workspace::copy("workspace-table");
    let code = sipcodes_tests::unregistered_code(400);
    workspace.write("sipcodes/examples/lookup.rs", &lookup(code));
    let before = workspace.cargo_ok(&["run", "-q", "-p", "sipcodes", "--example", "lookup"]);
    assert_eq!(before, format!("from_u16: None\nstatus: {code}\n"));

    // Add: the new variant, its lookups and its Display exist after a plain rebuild.
    workspace.edit(TABLE, |text| text + &spam_suspected(code));
    workspace.write("sipcodes/examples/probe.rs", &probe(code));
    let probe = workspace.cargo_ok(&["run", "-q", "-p", "sipcodes", "--example", "probe"]);
    assert_eq!(
        probe,
        format!(
            "variant: {code} Spam Suspected\n\
             from_u16: Some(\"{code} Spam Suspected\")\n\
             from_reason_phrase: Some({code})\n\
             status: {code} Spam Suspected\n\
             canonical: {code} Spam Suspected\n"
        )
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
    assert!(explain.starts_with(&format!("{code} Spam Suspected\n")), "{explain}");

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
    workspace.edit(TABLE, |text| text.replace("Spam Suspected", "Spam Likely"));
    let changed = workspace.cargo_ok(&["run", "-q", "-p", "sipcodes", "--example", "lookup"]);
    assert_eq!(
        changed,
        format!("from_u16: Some(\"{code} Spam Likely\")\nstatus: {code} Spam Likely\n")
    );

    // Remove: back to an unregistered code.
    workspace.edit(TABLE, |text| {
        text.replace(&spam_suspected(code).replace("Spam Suspected", "Spam Likely"), "")
    });
    let removed = workspace.cargo_ok(&["run", "-q", "-p", "sipcodes", "--example", "lookup"]);
    assert_eq!(removed, before);
}

#[test]
#[ignore = "slow: copies the workspace and rebuilds it; run by .ci/run"]
fn editing_a_downstream_table_rebuilds_the_downstream_crate() {
    let _serial = one_at_a_time();
    let workspace = Workspace::copy("downstream-table");
    // A code neither sipcodes nor the carrier's table has (the carrier's is 499).
    let code = (401..500)
        .find(|code| *code != 499 && sipcodes::Code::from_u16(*code).is_none())
        .unwrap();
    let argument = code.to_string();
    let run = || workspace.cargo_ok(&["run", "-q", "-p", "carrier-codes", "--", &argument]);
    assert!(run().starts_with(&format!("{code} (unregistered; treat as 400 Bad Request)")));
    workspace.edit("examples/carrier-codes/carrier_codes.toml", |text| {
        text + &format!(
            "\n[[code]]\ncode = {code}\nreason_phrase = \"Number Ported\"\ndescription = \"Ported away.\"\noverride = true\n"
        )
    });
    assert_eq!(run(), format!("{code} Number Ported: Ported away.\n"));
    workspace.edit("examples/carrier-codes/carrier_codes.toml", |text| {
        text.replace("Number Ported", "Ported Out")
    });
    assert_eq!(run(), format!("{code} Ported Out: Ported away.\n"));
}

/// CONTRIBUTING.md's "Adding a code", read from that file and followed as written: append its
/// TOML to the table, run its command, then the whole workspace's tests must pass.
#[test]
#[ignore = "slow: copies the workspace and runs its whole test suite; run by .ci/run"]
fn the_contributing_recipe_for_adding_a_code_leaves_the_workspace_green() {
    let _serial = one_at_a_time();
    let workspace = Workspace::copy("contributing-recipe");
    let guide = fs::read_to_string(workspace.path("CONTRIBUTING.md")).unwrap();
    let recipe = guide
        .split("\n## ")
        .find(|section| section.starts_with("Adding a code\n"))
        .expect("CONTRIBUTING.md has an \"Adding a code\" section");
    let block = |language: &str| {
        let start = recipe.find(&format!("```{language}\n")).unwrap() + language.len() + 4;
        let length = recipe[start..].find("```").unwrap();
        recipe[start..start + length].to_owned()
    };
    // The section names the file to edit.
    assert!(recipe.contains(&format!("[`{TABLE}`]({TABLE})")), "{recipe}");
    workspace.edit(TABLE, |text| format!("{text}\n{}", block("toml")));
    for line in block("sh").lines().filter(|line| !line.trim().is_empty()) {
        let mut words = line.split_whitespace().peekable();
        let mut command = workspace.command(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()));
        while let Some((name, value)) = words.peek().and_then(|word| word.split_once('=')) {
            command.env(name, value);
            words.next();
        }
        assert_eq!(words.next(), Some("cargo"), "{line}");
        let output = command.args(words).output().unwrap();
        assert!(
            output.status.success(),
            "{line}:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    workspace.cargo_ok(&["test", "--workspace"]);
}
