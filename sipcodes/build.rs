//! Tells cargo to rebuild sipcodes when the codes table changes, and hands the table's path
//! to `codes!`.
//!
//! `Code` is generated from `codes.toml` in this directory. A user's table with
//! `include_standard = true`, or with codes of its own to check against the registered ones,
//! is checked against the very same file: `codes!` passes its absolute path to the
//! proc-macro through a hidden macro written here. So there is one standard table in a build.
//!
//! The script never reads or judges the TOML: a bad table is reported by the macro, which
//! can point at the line and column.

use std::error::Error;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=codes.toml");
    println!("cargo::rerun-if-changed=build.rs");
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").ok_or("CARGO_MANIFEST_DIR is not set")?);
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?);
    let table = manifest.join("codes.toml");
    let table = table
        .to_str()
        .ok_or_else(|| format!("the path of sipcodes' codes table is not UTF-8: {}", table.display()))?;
    // `{:?}` writes a Rust string literal, escapes included.
    let standard_macro = format!(
        "/// `codes!` with the path of sipcodes' own table, the one `Code` is generated from.\n\
         #[doc(hidden)]\n\
         #[macro_export]\n\
         macro_rules! __codes {{\n    \
             ($($input:tt)*) => {{\n        \
                 $crate::__private::codes!($crate; standard_table = {table:?}; $($input)*);\n    \
             }};\n\
         }}\n"
    );
    std::fs::write(out.join("standard_table.rs"), standard_macro)?;
    Ok(())
}
