//! The registries that explain why a call ended, beside the status codes: Q.850 cause values
//! with the RFC 3398 and RFC 4497 mappings, SIP warn-codes, and Reason protocols.
//!
//! Each has its TOML file, read the way the codes table is read (TOML → records with
//! locations → checked model → tokens), with every problem reported at once and pointed at
//! with `file:line:col`.

mod audit;
mod markdown;
mod q850;
mod reason;
mod warn;

use crate::check::Unique;

use proc_macro2::{Literal, TokenStream, TokenTree};
use quote::quote;
use syn::parse::{ParseStream, Parser};
use syn::{Ident, LitStr, Token};

use crate::check::{self, citation};
use crate::diagnostic::{self, Checkpoint, Diagnostics, Problem};
use crate::enums::{Column, column};
use crate::invocation::{self, SourceFile};
use crate::lexical;
use crate::schema::{self, Located, Record, TableSchema};
use crate::table::Citation;
use crate::tokens;

/// Which registry a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RegistryKind {
    Q850,
    WarnCodes,
    ReasonProtocols,
    AuditRules,
}

const KINDS: &[(&str, RegistryKind)] = &[
    ("q850", RegistryKind::Q850),
    ("warn_codes", RegistryKind::WarnCodes),
    ("reason_protocols", RegistryKind::ReasonProtocols),
    ("audit_rules", RegistryKind::AuditRules),
];

fn kind(ident: &Ident) -> syn::Result<RegistryKind> {
    let name = ident.to_string();
    KINDS
        .iter()
        .find(|(known, _)| *known == name)
        .map(|(_, kind)| *kind)
        .ok_or_else(|| {
            syn::Error::new(
                ident.span(),
                "expected `q850`, `warn_codes`, `reason_protocols` or `audit_rules`",
            )
        })
}

/// `registry!(runtime_path, kind = "file.toml")`: the generated items of one registry.
pub fn registry(input: TokenStream) -> TokenStream {
    registry_items(input).unwrap_or_else(|error| error.to_compile_error())
}

fn registry_items(input: TokenStream) -> syn::Result<TokenStream> {
    let (runtime, kind, path, codes_path) = Parser::parse2(
        |stream: ParseStream<'_>| {
            let mut runtime = TokenStream::new();
            while !stream.peek(Token![,]) {
                runtime.extend([stream.parse::<TokenTree>()?]);
            }
            stream.parse::<Token![,]>()?;
            let kind_ident = stream.parse::<Ident>()?;
            let kind = kind(&kind_ident)?;
            stream.parse::<Token![=]>()?;
            let path = stream.parse::<LitStr>()?;
            // The audit's rules may also derive one rule from each checkable header rule of a
            // codes table: `audit_rules = "…", codes = "codes.toml"`.
            let mut codes_path = None;
            if kind == RegistryKind::AuditRules && stream.peek(Token![,]) {
                stream.parse::<Token![,]>()?;
                let codes = stream.parse::<Ident>()?;
                if codes != "codes" {
                    return Err(syn::Error::new(codes.span(), "expected `codes = \"codes.toml\"`"));
                }
                stream.parse::<Token![=]>()?;
                codes_path = Some(stream.parse::<LitStr>()?);
            }
            if !stream.is_empty() {
                return Err(stream.error("unexpected tokens after the path"));
            }
            Ok((runtime, kind, path, codes_path))
        },
        input,
    )?;
    let file = invocation::read(&path)?;
    let tracked = file.tracked_path();
    let mut diagnostics = Diagnostics::default();
    let tokens = match kind {
        RegistryKind::Q850 => {
            q850::load(&file.contents, &mut diagnostics).map(|registry| q850::expand(&runtime, &registry))
        }
        RegistryKind::WarnCodes => {
            warn::load(&file.contents, &mut diagnostics).map(|registry| warn::expand(&runtime, &registry))
        }
        RegistryKind::ReasonProtocols => {
            reason::load(&file.contents, &mut diagnostics).map(|registry| reason::expand(&runtime, &registry))
        }
        RegistryKind::AuditRules => {
            let codes = codes_path.as_ref().map(invocation::read).transpose()?;
            let derived = codes.as_ref().map(|codes| {
                let tracked = codes.tracked_path();
                let derived = audit::derived(&codes.contents);
                quote! {
                    #derived
                    const _: &[u8] = include_bytes!(#tracked);
                }
            });
            audit::load(&file.contents, &mut diagnostics).map(|rules| {
                let specified = audit::expand(&rules);
                quote!(#specified #derived)
            })
        }
    };
    Ok(match tokens {
        Some(tokens) if diagnostics.is_empty() => quote! {
            #tokens
            // Makes rustc track the TOML, so editing it rebuilds this crate.
            const _: &[u8] = include_bytes!(#tracked);
        },
        _ => diagnostic::to_compile_errors(&diagnostics.into_sorted_problems(), path.span(), &file),
    })
}

/// `registry_reference!(q850 = "a.toml", warn_codes = "b.toml", reason_protocols = "c.toml")`:
/// the Markdown reference of the three registries, as a string literal (empty if a file has
/// problems: `registry!` reports them).
pub fn reference(input: TokenStream) -> TokenStream {
    reference_text(input).unwrap_or_else(|error| error.to_compile_error())
}

fn reference_text(input: TokenStream) -> syn::Result<TokenStream> {
    let (q850_path, warn_path, reason_path) = Parser::parse2(
        |stream: ParseStream<'_>| {
            let mut paths: [Option<LitStr>; 3] = [None, None, None];
            while !stream.is_empty() {
                let ident = stream.parse::<Ident>()?;
                let kind = kind(&ident)?;
                stream.parse::<Token![=]>()?;
                let slot = match kind {
                    RegistryKind::Q850 => 0,
                    RegistryKind::WarnCodes => 1,
                    RegistryKind::ReasonProtocols => 2,
                    RegistryKind::AuditRules => {
                        return Err(syn::Error::new(
                            ident.span(),
                            "`audit_rules` has no reference here: RULES.md is written from `sipcodes::audit::rules()`",
                        ));
                    }
                };
                if let Some(place) = paths.get_mut(slot) {
                    *place = Some(stream.parse::<LitStr>()?);
                }
                if stream.peek(Token![,]) {
                    stream.parse::<Token![,]>()?;
                }
            }
            let [Some(q850), Some(warn_codes), Some(reason_protocols)] = paths else {
                return Err(stream.error("name all three files: `q850`, `warn_codes` and `reason_protocols`"));
            };
            Ok((q850, warn_codes, reason_protocols))
        },
        input,
    )?;
    let files = [&q850_path, &warn_path, &reason_path]
        .into_iter()
        .map(invocation::read)
        .collect::<syn::Result<Vec<_>>>()?;
    let mut diagnostics = Diagnostics::default();
    let text = match files.as_slice() {
        [q850_file, warn_file, reason_file] => {
            let q850 = q850::load(&q850_file.contents, &mut diagnostics);
            let warn = warn::load(&warn_file.contents, &mut diagnostics);
            let reason = reason::load(&reason_file.contents, &mut diagnostics);
            match (q850, warn, reason) {
                (Some(q850), Some(warn), Some(reason)) if diagnostics.is_empty() => {
                    let names = [q850_file, warn_file, reason_file].map(SourceFile::file_name);
                    let vendors = crate::q850_profile::beside(&q850_file.resolved);
                    markdown::render(&q850, &vendors, &warn, &reason, &names)
                }
                _ => String::new(),
            }
        }
        _ => String::new(),
    };
    let literal = Literal::string(&text);
    Ok(quote!(#literal))
}

/// A column of the runtime's `Citation`, one a row, named `name`.
pub(crate) fn citation_column(
    runtime: &TokenStream,
    name: &'static str,
    doc: &str,
    citations: impl Iterator<Item = Citation>,
) -> Column {
    column(
        name,
        doc,
        quote!(#runtime::Citation),
        citations.map(|cited| tokens::citation(runtime, &cited)).collect(),
    )
}

// Rules shared by the three registries.

/// The rows of a registry file that holds one `[[array]]` of tables. `row` reads each table
/// into a row and its key, or `None` where a part of it is wrong (each problem reported),
/// given the variant names taken so far; a row is kept when its key is the first of its kind
/// (keys are called `what` in messages). `None` if anything in the file is wrong, a file
/// without rows included.
pub(crate) fn load_rows<K: PartialEq + std::fmt::Display, R>(
    source: &str,
    schema: &'static TableSchema,
    array: &str,
    what: &'static str,
    mut row: impl FnMut(&Record, &mut Unique<String>, &mut Diagnostics) -> Option<(Located<K>, R)>,
    diagnostics: &mut Diagnostics,
) -> Option<Vec<R>> {
    let checkpoint = diagnostics.checkpoint();
    let records = schema::load_parsed(source, schema, diagnostics)?;
    let mut keys = Unique::new(what);
    let mut variants = Unique::new("variant");
    let mut rows = Vec::new();
    for record in records.tables(array) {
        if let Some((key, read)) = row(record, &mut variants, diagnostics) {
            keep_first(&mut rows, &mut keys, key, read, diagnostics);
        }
    }
    report_no_rows(array, rows.is_empty(), checkpoint, diagnostics);
    (!diagnostics.any_since(checkpoint)).then_some(rows)
}

/// Keeps `row` when its `key` is the first of its kind in `keys`; a repeat is reported.
pub(crate) fn keep_first<K: PartialEq + std::fmt::Display, R>(
    rows: &mut Vec<R>,
    keys: &mut Unique<K>,
    key: Located<K>,
    row: R,
    diagnostics: &mut Diagnostics,
) {
    if keys.insert(key.value, key.span, diagnostics) {
        rows.push(row);
    }
}

/// The text under `key`, where the table gives it.
pub(crate) fn text(record: &Record, key: &str) -> Option<String> {
    record.text(key).map(|text| text.value.clone())
}

/// A file without a single `[[array]]` table (`empty`) says so, unless a problem reported
/// since `checkpoint` already explains why none was read.
pub(crate) fn report_no_rows(array: &str, empty: bool, checkpoint: Checkpoint, diagnostics: &mut Diagnostics) {
    if empty && !diagnostics.any_since(checkpoint) {
        let message = format!("the file defines no [[{array}]] table");
        diagnostics.push(Problem::new(0..0, message, "").help(format!("add at least one [[{array}]] table")));
    }
}

/// Whether the integer `given` lies in `range`; if not, a problem that calls it `what` and
/// helps with `help`.
pub(crate) fn within(
    given: &Located<i64>,
    range: &std::ops::RangeInclusive<i64>,
    what: &str,
    help: String,
    diagnostics: &mut Diagnostics,
) -> bool {
    if range.contains(&given.value) {
        return true;
    }
    diagnostics.push(
        Problem::new(
            given.span.clone(),
            format!("{what} {} is outside {}–{}", given.value, range.start(), range.end()),
            "out of range",
        )
        .help(help),
    );
    false
}

/// The integer under `key`, which must lie in `range`, with where it stands.
pub(crate) fn in_range<T: TryFrom<i64>>(
    record: &Record,
    key: &str,
    range: std::ops::RangeInclusive<i64>,
    what: &str,
    diagnostics: &mut Diagnostics,
) -> Option<Located<T>> {
    let given = record.integer(key)?;
    let help = format!("{what}s run from {} to {}", range.start(), range.end());
    if !within(given, &range, what, help, diagnostics) {
        return None;
    }
    let value = T::try_from(given.value).ok()?;
    Some(Located {
        value,
        span: given.span.clone(),
    })
}

/// Whether `record` gives `key` or says, under `reason_key`, why it cannot; if it does
/// neither, a problem with `message` and `help` points at the table.
pub(crate) fn given_or_explained(
    record: &Record,
    key: &str,
    reason_key: &str,
    message: &str,
    help: &str,
    diagnostics: &mut Diagnostics,
) -> bool {
    let explained = record.has(key) || record.has(reason_key);
    if !explained {
        diagnostics.push(Problem::new(record.header.clone(), message, format!("no `{key}`")).help(help));
    }
    explained
}

/// A variant name: a valid, unused `UpperCamelCase` identifier.
pub(crate) fn variant(
    text: Option<Located<String>>,
    names: &mut Unique<String>,
    diagnostics: &mut Diagnostics,
) -> Option<String> {
    let text = text?;
    let name = check::check_variant_name(&text, "variant", diagnostics)?;
    names
        .insert(format!("`{name}`"), text.span, diagnostics)
        .then_some(name)
}

/// The index of the key `text` names among `keys`, or a problem that suggests the nearest.
pub(crate) fn key_reference(
    text: &Located<String>,
    keys: &[String],
    what: &str,
    diagnostics: &mut Diagnostics,
) -> Option<usize> {
    if let Some(index) = keys.iter().position(|key| *key == text.value) {
        return Some(index);
    }
    let listed: Vec<String> = keys.iter().map(|key| format!("`{key}`")).collect();
    let help = match lexical::closest(&text.value, keys) {
        Some(key) => format!("did you mean `{key}`?"),
        None if keys.is_empty() => format!("this file defines no usable {what}: fix or add its table first"),
        None => format!("the {what}s defined in this file are: {}", listed.join(", ")),
    };
    diagnostics.push(
        Problem::new(
            text.span.clone(),
            format!("unknown {what} {:?}", text.value),
            format!("no such {what}"),
        )
        .help(help),
    );
    None
}

/// `rfc = "RFC 3261"`.
pub(crate) fn rfc(text: Option<Located<String>>, diagnostics: &mut Diagnostics) -> Option<String> {
    text.filter(|text| citation::check_rfc(text, diagnostics))
        .map(|text| text.value)
}

/// `section = "20.43"`, under `key`, of the `rfc` every registry row has (reported missing
/// on its own).
pub(crate) fn section(key: &str, text: Option<Located<String>>, diagnostics: &mut Diagnostics) -> Option<String> {
    text.filter(|text| citation::check_section(text, key, true, diagnostics))
        .map(|text| text.value)
}
