//! The proc-macros behind [sipcodes](https://docs.rs/sipcodes): they read a codes TOML,
//! validate it, and generate a status-code enum, its lookup tables and its docs.
//!
//! Use them through the `sipcodes` crate (`sipcodes::codes!`), which passes the path of its
//! runtime types and of its own table to the macro; this crate is not meant to be used on its
//! own.
//!
//! The data flows one way: TOML → `model` (the file as written, with locations) →
//! `check` (every rule; all problems reported at once) → `table` (the checked table) →
//! `expand` (tokens) or `reference` (Markdown).

#![forbid(unsafe_code)]
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod check;
mod diagnostic;
mod expand;
mod invocation;
mod lexical;
mod model;
#[cfg(test)]
#[allow(clippy::panic, clippy::indexing_slicing, reason = "tests")]
mod property_tests;
mod reference;
#[cfg(feature = "registries")]
mod registry;
mod table;

use proc_macro::TokenStream;
use proc_macro2::TokenStream as Tokens;
use quote::quote;

use crate::check::Mode;
use crate::diagnostic::{Diagnostics, Problem};
use crate::expand::Kind;
use crate::invocation::{CodesInvocation, SourceFile, Standard};
use crate::table::Table;

/// Generates a status-code enum from a codes TOML.
///
/// Input: `runtime_path; standard; #[attributes] vis enum Name = "codes.toml";` for sipcodes'
/// own table, or `runtime_path; standard_table = "<text of sipcodes' codes.toml>"; #[attributes]
/// vis enum Name = "path/to/codes.toml";` for a user's. Use it through `sipcodes::codes!`,
/// which supplies the first two parts.
#[proc_macro]
pub fn codes(input: TokenStream) -> TokenStream {
    match invocation::parse_codes(input.into()) {
        Ok(invocation) => expand_codes(&invocation).unwrap_or_else(|errors| errors).into(),
        Err(error) => error.to_compile_error().into(),
    }
}

/// The expansion, or the errors (with a skeleton of the enum) that replace it.
fn expand_codes(invocation: &CodesInvocation) -> Result<Tokens, Tokens> {
    let file = invocation::read(&invocation.path).map_err(|error| error.to_compile_error())?;
    match &invocation.standard {
        Standard::This => {
            let table =
                load_table(&file.contents, Mode::Standard).map_err(|problems| errors(invocation, &problems, &file))?;
            Ok(expand::expand(invocation, &table, &file, Kind::Standard))
        }
        Standard::Given(text) => {
            let standard_file = SourceFile::standard(text);
            let standard = load_table(&standard_file.contents, Mode::Standard)
                .map_err(|problems| errors(invocation, &problems, &standard_file))?;
            let table = load_table(&file.contents, Mode::Custom { standard: &standard })
                .map_err(|problems| errors(invocation, &problems, &file))?;
            Ok(expand::expand(
                invocation,
                &table,
                &file,
                Kind::Custom {
                    standard: Some(&standard_file),
                },
            ))
        }
    }
}

/// One error per problem, shaped like rustc's and placed at the path literal, and a skeleton
/// of the enum, so one bad row does not bury the real message under errors about a missing
/// type.
fn errors(invocation: &CodesInvocation, problems: &[Problem], file: &SourceFile) -> Tokens {
    let span = invocation.path.span();
    let errors = problems.iter().map(|problem| {
        syn::Error::new(span, diagnostic::render(problem, &file.contents, &file.display)).to_compile_error()
    });
    let skeleton = Table {
        classes: None,
        entries: Vec::new(),
    };
    let skeleton = expand::expand(invocation, &skeleton, file, Kind::Custom { standard: None });
    quote!(#(#errors)* #skeleton)
}

/// Renders sipcodes' own codes table as Markdown, as a string literal.
///
/// `codes_reference!(markdown = "codes.toml")` gives `CODES.md`;
/// `codes_reference!(rustdoc Code = "codes.toml")` gives the table for the crate docs, with
/// codes linked to `Code`'s variants. On a bad TOML it gives an empty string: `codes!` reports
/// the problems.
#[proc_macro]
pub fn codes_reference(input: TokenStream) -> TokenStream {
    let invocation = match invocation::parse_reference(input.into()) {
        Ok(invocation) => invocation,
        Err(error) => return error.to_compile_error().into(),
    };
    let file = match invocation::read(&invocation.path) {
        Ok(file) => file,
        Err(error) => return error.to_compile_error().into(),
    };
    let text = match load_table(&file.contents, Mode::Standard) {
        Ok(table) => {
            let link_to = invocation.link_to.as_ref().map(ToString::to_string);
            let name = file
                .resolved
                .file_name()
                .map_or(file.display.clone(), |name| name.to_string_lossy().into_owned());
            reference::render(&table, &name, link_to.as_deref())
        }
        Err(_) => String::new(),
    };
    let literal = proc_macro2::Literal::string(&text);
    quote!(#literal).into()
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

/// Renders the three registries as one Markdown reference (`CAUSES.md`), as a string literal:
/// `registry_reference!(q850 = "…", warn_codes = "…", reason_protocols = "…")`. On a bad file
/// it gives an empty string: `registry!` reports the problems.
#[cfg(feature = "registries")]
#[proc_macro]
pub fn registry_reference(input: TokenStream) -> TokenStream {
    registry::reference(input.into()).into()
}

/// TOML text → checked table, or every problem found, in file order.
fn load_table(source: &str, mode: Mode<'_>) -> Result<Table, Vec<Problem>> {
    if let Some(problem) = check::symlink_placeholder(source) {
        return Err(vec![problem]);
    }
    let mut diagnostics = Diagnostics::default();
    let document = model::load(source, &mut diagnostics);
    let table = check::check(&document, source, mode, &mut diagnostics);
    match table {
        Some(table) if diagnostics.is_empty() => Ok(table),
        _ => {
            let mut problems = diagnostics.into_problems();
            problems.sort_by_key(|problem| problem.span.start);
            Err(problems)
        }
    }
}
