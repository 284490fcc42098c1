//! The proc-macros behind [sipcodes](https://docs.rs/sipcodes): they read a codes TOML,
//! validate it, and generate a status-code enum, its lookup tables and its docs.
//!
//! Use them through the `sipcodes` crate (`sipcodes::codes!`), which passes the path of its
//! runtime types to the macro; this crate is not meant to be used on its own.
//!
//! The data flows one way: TOML → `model` (the file as written, with locations) →
//! `check` (every rule; all problems reported at once) → `expand` (tokens).

#![forbid(unsafe_code)]
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod check;
mod diagnostic;
mod expand;
mod invocation;
mod model;
#[cfg(test)]
#[allow(clippy::panic, clippy::indexing_slicing, reason = "tests")]
mod property_tests;
mod reference;
#[cfg(feature = "registries")]
mod registry;

use proc_macro::TokenStream;
use quote::quote;

use crate::check::{Mode, Table};
use crate::diagnostic::{Diagnostics, Problem};

/// sipcodes' own table, built into the macro for `include_standard = true` and for
/// checking that custom entries do not silently reuse registered codes.
const STANDARD_TOML: &str = include_str!("../codes.toml");
const STANDARD_NAME: &str = "sipcodes' standard codes.toml";

/// Generates a status-code enum from a codes TOML.
///
/// Input: `runtime_path; [standard;] #[attributes] vis enum Name = "path/to/codes.toml";`.
/// Use it through `sipcodes::codes!`, which supplies `runtime_path`.
#[proc_macro]
pub fn codes(input: TokenStream) -> TokenStream {
    let invocation = match invocation::parse_codes(input.into()) {
        Ok(invocation) => invocation,
        Err(error) => return error.to_compile_error().into(),
    };
    let file = match invocation::read(&invocation.path) {
        Ok(file) => file,
        Err(error) => return error.to_compile_error().into(),
    };
    let tracked = invocation::tracked_path(&file);
    let table = if invocation.standard {
        load_table(&file.contents, Mode::Standard)
    } else {
        standard_table().and_then(|standard| load_table(&file.contents, Mode::Custom { standard: &standard }))
    };
    match table {
        Ok(table) => expand::expand(&invocation, &table, &tracked).into(),
        Err(problems) => {
            let span = invocation.path.span();
            let errors: Vec<_> = problems
                .iter()
                .map(|(problem, source, name)| {
                    let name = if *name == STANDARD_NAME {
                        STANDARD_NAME
                    } else {
                        file.display.as_str()
                    };
                    syn::Error::new(span, diagnostic::render(problem, source, name)).to_compile_error()
                })
                .collect();
            // A skeleton of the enum, so one bad row does not bury the real message under
            // errors about a missing type.
            let skeleton = Table {
                classes: None,
                entries: Vec::new(),
            };
            let mut skeleton_invocation = invocation;
            skeleton_invocation.standard = false;
            let skeleton = expand::expand(&skeleton_invocation, &skeleton, &tracked);
            quote!(#(#errors)* #skeleton).into()
        }
    }
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

/// A problem, with the source it points into and that source's name.
type Located<'a> = (Problem, &'a str, &'static str);

fn standard_table() -> Result<Table, Vec<Located<'static>>> {
    load_table(STANDARD_TOML, Mode::Standard).map_err(|problems| {
        problems
            .into_iter()
            .map(|(problem, source, _)| (problem, source, STANDARD_NAME))
            .collect()
    })
}

/// TOML text → checked table, or every problem found, in file order.
fn load_table<'a>(source: &'a str, mode: Mode<'_>) -> Result<Table, Vec<Located<'a>>> {
    let mut diagnostics = Diagnostics::default();
    let document = model::load(source, &mut diagnostics);
    let table = check::check(&document, source, mode, &mut diagnostics);
    match table {
        Some(table) if diagnostics.is_empty() => Ok(table),
        _ => {
            let mut problems = diagnostics.into_problems();
            problems.sort_by_key(|problem| problem.span.start);
            Err(problems.into_iter().map(|problem| (problem, source, "")).collect())
        }
    }
}
