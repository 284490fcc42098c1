//! A wrong codes TOML is a compile error that points into the file: one trybuild case per
//! kind of mistake, each with its reviewed `.stderr` beside it in `tests/ui/`.
//!
//! Paths: the macro resolves a relative TOML path against the invoking crate's manifest
//! directory (CARGO_MANIFEST_DIR), as it must for users. trybuild compiles every case as a
//! binary of its own project in `target/tests/trybuild/sipcodes-tests/`, so that directory is
//! the manifest directory during a case's build, and the cases name their TOML as
//! `../../../../tests/ui/<case>.toml`: up from the project to the workspace root, then down
//! to this folder. It holds for the default target directory, which is what `.ci/run` uses;
//! a build with CARGO_TARGET_DIR elsewhere would find no TOML and fail these cases loudly.
//!
//! After a deliberate change to a message, regenerate with
//! `TRYBUILD=overwrite cargo test -p sipcodes-tests --test compile_fail`, then read every
//! changed `.stderr` before committing it.

#[test]
fn bad_tables_are_compile_errors() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("ui/*.rs");
}
