//! Tells cargo to rebuild sipcodes when one of its TOML tables changes.
//!
//! The generated code also `include_bytes!`s the table, which rustc tracks; this script makes
//! the dependency explicit to cargo as well. It never reads or judges the TOML: a bad table is
//! reported by the macro, which can point at the line and column.

fn main() {
    println!("cargo:rerun-if-changed=codes.toml");
    println!("cargo:rerun-if-changed=q850.toml");
    println!("cargo:rerun-if-changed=warn-codes.toml");
    println!("cargo:rerun-if-changed=reason-protocols.toml");
    println!("cargo:rerun-if-changed=build.rs");
}
