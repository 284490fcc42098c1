//! The proc-macros behind [sipcodes](https://docs.rs/sipcodes): they read a codes TOML,
//! validate it, and generate a status-code enum, its lookup tables and its docs.
//!
//! Use them through the `sipcodes` crate (`sipcodes::codes!`), which passes the macro the path
//! of its runtime types and the text of its own table (not a path to it, so that a user's crate
//! is checked against the very table `sipcodes::Code` was generated from); this crate is not
//! meant to be used on its own.
//!
//! The data flows one way: TOML → `schema` (the one loader: the file as written, with
//! locations, against the keys `model` declares for the codes table and each registry
//! declares for its own) → `check` (every rule; all problems reported at once) → `table`
//! (the checked table) → `expand` (tokens, through the `enums` template the registries share)
//! or `reference` (Markdown). A table that breaks a rule gives its errors and the
//! `skeleton` of its enum. `lexical` holds the text rules every table shares, `diagnostic`
//! the rendering of problems.

#![forbid(unsafe_code)]
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod check;
mod diagnostic;
mod enums;
mod expand;
mod invocation;
mod lexical;
mod model;
#[cfg(test)]
#[allow(clippy::panic, clippy::indexing_slicing, reason = "tests")]
mod property_tests;
#[cfg(feature = "registries")]
mod q850_profile;
mod reference;
#[cfg(feature = "registries")]
mod registry;
mod schema;
mod skeleton;
mod table;
mod tokens;

use proc_macro::TokenStream;
use proc_macro2::TokenStream as Tokens;
use quote::quote;

use crate::diagnostic::{Diagnostics, Problem};
use crate::invocation::{CodesInvocation, SourceFile};
use crate::table::{StandardTable, Table, TableKind};

/// Generates a status-code enum from a codes TOML.
///
/// Input: `runtime_path; standard; #[attributes] vis enum Name = "codes.toml";` for sipcodes'
/// own table, or `runtime_path; standard_table = "<text of sipcodes' codes.toml>"; #[attributes]
/// vis enum Name = "path/to/codes.toml";` for a user's. Use it through `sipcodes::codes!`,
/// which supplies the first two parts.
#[proc_macro]
pub fn codes(input: TokenStream) -> TokenStream {
    match invocation::parse_codes(input.into()) {
        Ok(invocation) => expand_codes(&invocation).into(),
        Err(error) => error.to_compile_error().into(),
    }
}

/// The expansion; or the errors, one per problem, with the skeleton of the enum beside them
/// (`skeleton.rs`), so that one bad row does not bury the real message under errors about
/// the enum.
fn expand_codes(invocation: &CodesInvocation) -> Tokens {
    let file = match invocation::read(&invocation.path) {
        Ok(file) => file,
        Err(error) => return error.to_compile_error(),
    };
    let span = invocation.path.span();
    let Some(standard_text) = &invocation.standard_table else {
        return match load_table(&file.contents, TableKind::Standard) {
            Ok(table) => expand::expand(invocation, &table, &file, TableKind::Standard),
            Err(rejected) => {
                let errors = diagnostic::to_compile_errors(&rejected.problems, span, &file);
                let skeleton = expand::expand(invocation, &rejected.skeleton, &file, TableKind::Standard);
                quote!(#errors #skeleton)
            }
        };
    };
    let standard_file = SourceFile::standard(standard_text);
    let (table, standard_errors) = match load_table(&standard_file.contents, TableKind::Standard) {
        Ok(table) => (table, Tokens::new()),
        Err(rejected) => (
            rejected.skeleton,
            diagnostic::to_compile_errors(&rejected.problems, span, &standard_file),
        ),
    };
    let standard = StandardTable {
        table,
        fingerprint: standard_file.fingerprint(),
    };
    let kind = TableKind::Custom { standard: &standard };
    let (table, errors) = match load_table(&file.contents, kind) {
        Ok(table) => (table, Tokens::new()),
        Err(rejected) => (
            rejected.skeleton,
            diagnostic::to_compile_errors(&rejected.problems, span, &file),
        ),
    };
    let expansion = expand::expand(invocation, &table, &file, kind);
    quote!(#standard_errors #errors #expansion)
}

/// Renders sipcodes' own codes table as Markdown, as a string literal.
///
/// `codes_reference!(markdown = "codes.toml")` gives `CODES.md`;
/// `codes_reference!(rustdoc Code = "codes.toml")` gives the table for the crate docs, with
/// codes linked to `Code`'s variants. On a bad TOML it gives an empty string: `codes!` reports
/// the problems.
#[proc_macro]
pub fn codes_reference(input: TokenStream) -> TokenStream {
    codes_reference_text(input.into())
        .unwrap_or_else(|error| error.to_compile_error())
        .into()
}

fn codes_reference_text(input: Tokens) -> syn::Result<Tokens> {
    let invocation = invocation::parse_reference(input)?;
    let file = invocation::read(&invocation.path)?;
    let link_to = invocation.link_to.as_ref().map(ToString::to_string);
    let text = load_table(&file.contents, TableKind::Standard).map_or_else(
        |_| String::new(),
        |table| reference::render(&table, &file.file_name(), link_to.as_deref()),
    );
    let literal = proc_macro2::Literal::string(&text);
    Ok(quote!(#literal))
}

/// Generates one of sipcodes' registries from its TOML: `registry!(crate, q850 = "q850.toml")`
/// gives the Q.850 `Cause`, `CauseClass`, `Location` and `Profile` with the RFC 3398 / RFC 4497
/// mapping tables; `warn_codes` gives `WarnCode`; `reason_protocols` gives `Protocol`. Used
/// inside the `sipcodes` crate, which passes the path of its runtime types.
#[cfg(feature = "registries")]
#[proc_macro]
pub fn registry(input: TokenStream) -> TokenStream {
    registry::registry(input.into()).into()
}

/// A gateway's Q.850 cause ↔ SIP status mapping from its own TOML:
/// `q850_profile!(runtime_path; #[attributes] vis static NAME = "gateway.toml";)` gives a
/// `static NAME: q850::ProfileTable`. Use it through `sipcodes::q850_profile!`, which supplies
/// the runtime path.
#[cfg(feature = "registries")]
#[proc_macro]
pub fn q850_profile(input: TokenStream) -> TokenStream {
    q850_profile::q850_profile(input.into()).into()
}

/// Renders the three registries as one Markdown reference (`CAUSES.md`), as a string literal:
/// `registry_reference!(q850 = "…", warn_codes = "…", reason_protocols = "…")`. On a bad file
/// it gives an empty string: `registry!` reports the problems.
#[cfg(feature = "registries")]
#[proc_macro]
pub fn registry_reference(input: TokenStream) -> TokenStream {
    registry::reference(input.into()).into()
}

/// A table that breaks a rule: every problem, in file order, and the table to expand beside
/// them.
#[derive(Debug)]
struct Rejected {
    problems: Vec<Problem>,
    skeleton: Table,
}

/// TOML text → checked table, or every problem found.
fn load_table(source: &str, kind: TableKind<'_>) -> Result<Table, Rejected> {
    if let Some(problem) = model::symlink_placeholder(source) {
        return Err(Rejected {
            problems: vec![problem],
            skeleton: skeleton::table(&model::Document::default(), kind),
        });
    }
    let mut diagnostics = Diagnostics::default();
    let document = model::load(source, &mut diagnostics);
    let table = check::check(&document, kind, &mut diagnostics);
    match table {
        Some(table) if diagnostics.is_empty() => Ok(table),
        _ => Err(Rejected {
            problems: diagnostics.into_sorted_problems(),
            skeleton: skeleton::table(&document, kind),
        }),
    }
}
