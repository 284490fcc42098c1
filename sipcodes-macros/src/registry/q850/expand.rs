//! The tokens of `Cause`, `CauseClass`, `Location` and `Profile`, and the mapping tables
//! behind `Profile`'s methods.

use std::fmt::Write as _;

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use super::{Cause, Outcome, Profile, Q850};
use crate::enums::{self, Enum, Variant, column};
use crate::registry::citation_column;
use crate::table::Citation;
use crate::tokens::{doc_lines, option_str};

/// What a profile does with `cause`, in words, for docs and the reference.
pub(crate) fn to_sip_text(registry: &Q850, profile: usize, cause: u8) -> String {
    let default = registry.profiles.get(profile).map(|profile| profile.default_status);
    let row = registry.cause_row(profile, cause);
    let mut text = outcome_text(row.map(|row| &row.outcome), default, "no response");
    if let Some(user) = row.and_then(|row| row.more.user_status) {
        let _ = write!(text, ", {user} when the location is the user");
    }
    if let Some(diagnostic) = row.and_then(|row| row.more.diagnostic_status) {
        let _ = write!(text, ", {diagnostic} with a new number in the diagnostic");
    }
    text
}

/// What a profile does with `status`, in words.
pub(crate) fn from_sip_text(registry: &Q850, profile: usize, status: u16) -> String {
    let default = registry.profiles.get(profile).map(|profile| profile.default_cause);
    let row = registry.status_row(profile, status);
    let mut text = outcome_text(row.map(|row| &row.outcome), default, "no mapping");
    if let Some(bearer) = row.and_then(|row| row.more.bearer_cause) {
        let _ = write!(text, ", {bearer} for a bearer-capability warning");
    }
    text
}

/// A row's outcome in words: the value, `nothing` where the RFC maps to none, or the
/// profile's `default` where it lists no row.
fn outcome_text<T: std::fmt::Display, D: std::fmt::Display>(
    outcome: Option<&Outcome<T>>,
    default: Option<D>,
    nothing: &str,
) -> String {
    match (outcome, default) {
        (Some(Outcome::Mapped(value)), _) => value.to_string(),
        (Some(Outcome::Nothing(_)), _) => nothing.to_owned(),
        (None, Some(default)) => format!("{default} (not listed: the default)"),
        (None, None) => "not listed".to_owned(),
    }
}

pub(crate) fn expand(runtime: &TokenStream, registry: &Q850) -> TokenStream {
    let classes = enums::expand(&class_enum(registry));
    let causes = enums::expand(&cause_enum(registry));
    let locations = enums::expand(&location_enum(registry));
    let profiles = enums::expand(&profile_enum(runtime, registry));
    quote! {
        #classes
        #causes
        #locations
        #profiles
    }
}

fn class_enum(registry: &Q850) -> Enum {
    let classes = &registry.classes;
    let firsts: Vec<Literal> = classes
        .iter()
        .map(|class| Literal::u8_unsuffixed(class.first))
        .collect();
    let lasts: Vec<Literal> = classes.iter().map(|class| Literal::u8_unsuffixed(class.last)).collect();
    let variants: Vec<Ident> = classes.iter().map(|class| format_ident!("{}", class.variant)).collect();
    Enum {
        name: "CauseClass",
        docs: doc_lines(&[
            "The class of a Q.850 cause value: the range of values it falls in (ITU-T Q.850 groups".to_owned(),
            "cause values by their top three bits). Generated from `q850.toml`.".to_owned(),
        ]),
        repr: None,
        number: "class",
        variants: classes
            .iter()
            .zip(&variants)
            .map(|(class, name)| Variant {
                name: name.clone(),
                value: None,
                docs: doc_lines(&[format!(
                    "{}: cause values {} to {}.",
                    class.name, class.first, class.last
                )]),
            })
            .collect(),
        columns: vec![
            column(
                "name",
                "The class's name, e.g. \"Normal event\".",
                quote!(&'static str),
                enums::texts(classes.iter().map(|class| class.name.as_str())),
            ),
            column(
                "values",
                "The cause values in this class.",
                quote!(::core::ops::RangeInclusive<u8>),
                firsts
                    .iter()
                    .zip(&lasts)
                    .map(|(first, last)| quote!(#first..=#last))
                    .collect(),
            ),
        ],
        extra: quote! {
            /// The class holding `value`, assigned or not; `None` above 127, which no seven-bit
            /// cause value reaches.
            pub const fn of(value: u8) -> ::core::option::Option<CauseClass> {
                match value {
                    #( #firsts..=#lasts => ::core::option::Option::Some(CauseClass::#variants), )*
                    _ => ::core::option::Option::None,
                }
            }
        },
        display: (
            quote!(formatter.write_str(self.name())),
            " Writes the class's name, e.g. `Normal event`.",
        ),
    }
}

fn cause_docs(registry: &Q850, cause: &Cause) -> Vec<String> {
    let class = registry
        .classes
        .get(cause.class)
        .map_or("", |class| class.name.as_str());
    let mut lines = vec![
        format!("`{} {}` ({class})", cause.value, cause.name),
        String::new(),
        cause.description.clone(),
        String::new(),
    ];
    let cites: Vec<&str> = cause
        .sources
        .iter()
        .filter_map(|source| registry.sources.get(*source))
        .map(|source| source.cite.as_str())
        .collect();
    if !cites.is_empty() {
        lines.push(format!("Name checked against: {}.", cites.join("; ")));
    }
    if let Some(unconfirmed) = &cause.unconfirmed {
        lines.push(format!("**Unconfirmed:** {unconfirmed}."));
    }
    lines.push(String::new());
    lines.push("As a SIP response:".to_owned());
    for (index, profile) in registry.profiles.iter().enumerate() {
        let mapping = profile.cause_table_citation().markdown_link();
        lines.push(format!("- {mapping}: {}.", to_sip_text(registry, index, cause.value)));
    }
    doc_lines(&lines)
}

fn cause_enum(registry: &Q850) -> Enum {
    let causes = &registry.causes;
    let class_of = |cause: &Cause| {
        registry
            .classes
            .get(cause.class)
            .map_or("NormalEvent", |class| class.variant.as_str())
    };
    Enum {
        name: "Cause",
        docs: doc_lines(&[
            "An ITU-T Q.850 cause value: why the phone network ended or refused a call, as carried".to_owned(),
            "in an ISUP REL, a Q.931 or QSIG DISCONNECT, or a `Reason: Q.850;cause=N` header field".to_owned(),
            "(RFC 3326).".to_owned(),
            String::new(),
            "A variant's discriminant is its value. Generated from `q850.toml`: every variant documents".to_owned(),
            "its Q.850 name and class, what it means, the tables its name was checked against, and".to_owned(),
            "the SIP response each mapping gives for it.".to_owned(),
        ]),
        repr: Some("u8"),
        number: "cause value",
        variants: causes
            .iter()
            .map(|cause| Variant {
                name: format_ident!("{}", cause.variant),
                value: Some(Literal::u8_unsuffixed(cause.value)),
                docs: cause_docs(registry, cause),
            })
            .collect(),
        columns: [
            enums::text_columns(
                causes,
                &[
                    ("name", "The name Q.850 gives the cause, e.g. \"User busy\".", |cause| {
                        cause.name.as_str()
                    }),
                    ("description", "What the cause means, in a sentence.", |cause| {
                        cause.description.as_str()
                    }),
                ],
            ),
            vec![
                column(
                    "class",
                    "The Q.850 class the value falls in.",
                    quote!(CauseClass),
                    enums::paths("CauseClass", causes.iter().map(class_of)),
                ),
                column(
                    "is_confirmed",
                    "`false` for the few causes whose name rests on a single secondary source; their docs say why.",
                    quote!(bool),
                    causes
                        .iter()
                        .map(|cause| {
                            let confirmed = cause.unconfirmed.is_none();
                            quote!(#confirmed)
                        })
                        .collect(),
                ),
            ],
        ]
        .into_iter()
        .flatten()
        .collect(),
        extra: TokenStream::new(),
        display: (
            quote!(::core::write!(formatter, "{} {}", self.as_u8(), self.name())),
            " Writes the value and the name, e.g. `17 User busy`.",
        ),
    }
}

fn location_enum(registry: &Q850) -> Enum {
    let locations = &registry.locations;
    Enum {
        name: "Location",
        docs: doc_lines(&[
            "The location field of a Q.850 cause: which part of the network, or the user, ended the".to_owned(),
            "call. Generated from `q850.toml`.".to_owned(),
        ]),
        repr: Some("u8"),
        number: "four-bit location value",
        variants: locations
            .iter()
            .map(|location| {
                let cites: Vec<&str> = location
                    .sources
                    .iter()
                    .filter_map(|source| registry.sources.get(*source))
                    .map(|source| source.cite.as_str())
                    .collect();
                Variant {
                    name: format_ident!("{}", location.variant),
                    value: Some(Literal::u8_unsuffixed(location.value)),
                    docs: doc_lines(&[
                        format!("`{}` {} ({}).", location.value, location.name, location.abbreviation),
                        String::new(),
                        format!("Checked against: {}.", cites.join("; ")),
                    ]),
                }
            })
            .collect(),
        columns: enums::text_columns(
            locations,
            &[
                (
                    "name",
                    "The location's name, e.g. \"Private network serving the remote user\".",
                    |location| location.name.as_str(),
                ),
                ("abbreviation", "The usual abbreviation, e.g. \"RPN\".", |location| {
                    location.abbreviation.as_str()
                }),
            ],
        ),
        extra: TokenStream::new(),
        display: (quote!(formatter.write_str(self.name())), " Writes the location's name."),
    }
}

/// A status code the macro has checked, built at compile time.
fn status(runtime: &TokenStream, code: u16) -> TokenStream {
    let code = Literal::u16_unsuffixed(code);
    quote! {
        const {
            match #runtime::StatusCode::from_u16(#code) {
                ::core::result::Result::Ok(code) => code,
                ::core::result::Result::Err(_) => panic!("checked by sipcodes-macros"),
            }
        }
    }
}

fn option_number(code: Option<u16>) -> TokenStream {
    code.map_or_else(
        || quote!(::core::option::Option::None),
        |code| {
            let code = Literal::u16_unsuffixed(code);
            quote!(::core::option::Option::Some(#code))
        },
    )
}

fn option_cause(registry: &Q850, value: Option<u8>) -> TokenStream {
    value.and_then(|value| registry.cause(value)).map_or_else(
        || quote!(::core::option::Option::None),
        |cause| {
            let variant = format_ident!("{}", cause.variant);
            quote!(::core::option::Option::Some(Cause::#variant))
        },
    )
}

fn profile_enum(runtime: &TokenStream, registry: &Q850) -> Enum {
    let profiles = &registry.profiles;
    let to_arms = to_sip_arms(registry);
    let from_arms = from_sip_arms(registry);
    let default_causes = profiles.iter().map(|profile| {
        registry
            .cause(profile.default_cause)
            .map_or("NormalUnspecified", |cause| cause.variant.as_str())
    });
    Enum {
        name: "Profile",
        docs: doc_lines(&[
            "A document that maps Q.850 causes to SIP responses and back. Generated from `q850.toml`,".to_owned(),
            "whose every row was read in the RFC it cites.".to_owned(),
        ]),
        repr: None,
        number: "profile",
        variants: profiles
            .iter()
            .map(|profile| {
                let to_sip = profile.cause_table_citation().markdown_link();
                let from_sip = profile.status_table_citation().markdown_link();
                Variant {
                    name: format_ident!("{}", profile.variant),
                    value: None,
                    docs: doc_lines(&[
                        format!("{}: {}", profile.rfc, profile.description),
                        String::new(),
                        format!("Cause to status: {to_sip}. Status to cause: {from_sip}."),
                    ]),
                }
            })
            .collect(),
        columns: [
            enums::text_columns(
                profiles,
                &[("description", "What the document is, in a sentence.", |profile| {
                    profile.description.as_str()
                })],
            ),
            vec![
                citation_column(
                    runtime,
                    "citation",
                    "The document, e.g. RFC 3398, as a whole, with a link to rfc-editor.org.",
                    profiles.iter().map(|profile| Citation::of(&profile.rfc, None)),
                ),
                citation_column(
                    runtime,
                    "to_sip_citation",
                    "The section with the cause → status table, e.g. RFC 3398, Section 7.2.4.1.",
                    profiles.iter().map(Profile::cause_table_citation),
                ),
                citation_column(
                    runtime,
                    "from_sip_citation",
                    "The section with the status → cause table, e.g. RFC 3398, Section 8.2.6.1.",
                    profiles.iter().map(Profile::status_table_citation),
                ),
                column(
                    "default_status",
                    "The status code for a cause the table does not list.",
                    quote!(#runtime::StatusCode),
                    profiles
                        .iter()
                        .map(|profile| status(runtime, profile.default_status))
                        .collect(),
                ),
                column(
                    "default_cause",
                    "The cause for a status code the table does not list.",
                    quote!(Cause),
                    enums::paths("Cause", default_causes),
                ),
            ],
        ]
        .into_iter()
        .flatten()
        .collect(),
        extra: quote! {
            /// The cause → status row for `cause`, if the table lists it.
            pub(crate) const fn to_sip_row(self, cause: u8) -> ::core::option::Option<ToSipRow> {
                match (self, cause) {
                    #(#to_arms)*
                    _ => ::core::option::Option::None,
                }
            }

            /// The status → cause row for `status`, if the table lists it.
            pub(crate) const fn from_sip_row(self, status: u16) -> ::core::option::Option<FromSipRow> {
                match (self, status) {
                    #(#from_arms)*
                    _ => ::core::option::Option::None,
                }
            }
        },
        display: (
            quote!(formatter.write_str(self.citation().rfc())),
            " Writes the RFC, e.g. `RFC 3398`.",
        ),
    }
}

/// The `match` arms of `Profile::to_sip_row`: one per row and profile.
fn to_sip_arms(registry: &Q850) -> Vec<TokenStream> {
    let mut to_arms = Vec::new();
    for row in &registry.to_sip {
        let cause = Literal::u8_unsuffixed(row.from);
        let (status, no_mapping) = outcome_fields(&row.outcome, option_number);
        let user = option_number(row.more.user_status);
        let diagnostic = option_number(row.more.diagnostic_status);
        let note = option_str(row.note.as_deref());
        // `ToSipRow` is the runtime's private struct (sipcodes/src/q850.rs), named here field
        // by field: the two must change together.
        to_arms.extend(profile_arms(registry, &row.profiles, |variant| {
            quote! {
                (Profile::#variant, #cause) => ::core::option::Option::Some(ToSipRow {
                    status: #status,
                    user_status: #user,
                    diagnostic_status: #diagnostic,
                    none: #no_mapping,
                    note: #note,
                }),
            }
        }));
    }
    to_arms
}

/// The `match` arms of `Profile::from_sip_row`: one per row and profile.
fn from_sip_arms(registry: &Q850) -> Vec<TokenStream> {
    let mut from_arms = Vec::new();
    for row in &registry.from_sip {
        let status = Literal::u16_unsuffixed(row.from);
        let (cause, no_mapping) = outcome_fields(&row.outcome, |cause| option_cause(registry, cause));
        let bearer = option_cause(registry, row.more.bearer_cause);
        let printed = option_str(row.more.printed.as_deref());
        let note = option_str(row.note.as_deref());
        // `FromSipRow` is the runtime's private struct (sipcodes/src/q850.rs), named here
        // field by field: the two must change together.
        from_arms.extend(profile_arms(registry, &row.profiles, |variant| {
            quote! {
                (Profile::#variant, #status) => ::core::option::Option::Some(FromSipRow {
                    cause: #cause,
                    bearer_cause: #bearer,
                    none: #no_mapping,
                    printed: #printed,
                    note: #note,
                }),
            }
        }));
    }
    from_arms
}

/// One `match` arm for each profile a row applies to, made by `arm` from the profile's variant.
fn profile_arms(registry: &Q850, profiles: &[usize], arm: impl Fn(&Ident) -> TokenStream) -> Vec<TokenStream> {
    profiles
        .iter()
        .filter_map(|profile| registry.profiles.get(*profile))
        .map(|profile| arm(&format_ident!("{}", profile.variant)))
        .collect()
}

/// A row's outcome as the two fields of the runtime's row: the value it maps to, made by
/// `value`, and the RFC's reason for mapping to none.
fn outcome_fields<T: Copy>(
    outcome: &Outcome<T>,
    value: impl Fn(Option<T>) -> TokenStream,
) -> (TokenStream, TokenStream) {
    match outcome {
        Outcome::Mapped(mapped) => (value(Some(*mapped)), option_str(None)),
        Outcome::Nothing(why) => (value(None), option_str(Some(why))),
    }
}
