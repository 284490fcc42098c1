//! Tells cargo to rebuild sipcodes when one of its TOML tables changes, and hands the codes
//! table to `codes!`.
//!
//! `Code` is generated from `codes.toml` in this directory. A user's table with
//! `include_standard = true`, or with codes of its own to check against the registered ones,
//! is checked against the very same text: `codes!` passes it to the proc-macro through a
//! hidden macro written here, as a string literal. So there is one standard table in a
//! build, and a compile-time check compares its fingerprint with the one `Code` was made
//! from. (The text, not the file's path: a path would go stale when the checkout moves or
//! two checkouts share a target directory, as cargo does not rerun this script then.)
//!
//! The script does not judge the TOML: a bad table is reported by the macro, which can point
//! at the line and column.

use std::error::Error;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=codes.toml");
    println!("cargo::rerun-if-changed=q850.toml");
    println!("cargo::rerun-if-changed=warn-codes.toml");
    println!("cargo::rerun-if-changed=reason-protocols.toml");
    println!("cargo::rerun-if-changed=build.rs");
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").ok_or("CARGO_MANIFEST_DIR is not set")?);
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?);
    let path = manifest.join("codes.toml");
    let table = std::fs::read_to_string(&path)
        .map_err(|error| format!("cannot read sipcodes' codes table {}: {error}", path.display()))?;
    // `{:?}` writes a Rust string literal, escapes included.
    let standard_macro = format!(
        "/// `codes!` with sipcodes' own table, the one `Code` is generated from.\n\
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
