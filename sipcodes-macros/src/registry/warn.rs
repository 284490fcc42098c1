//! `warn-codes.toml`: the SIP warn-code registry, checked and turned into `WarnCode`.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::record::{self, Array, Kind, optional, required};
use super::{Unique, citation, doc_lines, in_range, option_str, rfc, section, variant};
use crate::diagnostic::{Diagnostics, Problem};

const SCHEMA: &[Array] = &[Array {
    name: "warning",
    fields: &[
        required("code", Kind::Integer),
        required("text", Kind::Text),
        required("variant", Kind::Text),
        required("description", Kind::Text),
        required("rfc", Kind::Text),
        optional("section", Kind::Text),
        optional("bearer_capability", Kind::Flag),
        optional("unverified", Kind::Text),
    ],
}];

pub(crate) struct Warning {
    pub code: u16,
    pub text: String,
    pub variant: String,
    pub description: String,
    pub rfc: String,
    pub section: Option<String>,
    pub bearer_capability: bool,
    pub unverified: Option<String>,
}

pub(crate) struct WarnCodes {
    pub warnings: Vec<Warning>,
}

pub(crate) fn load(source: &str, diagnostics: &mut Diagnostics) -> Option<WarnCodes> {
    let before = diagnostics.problems().len();
    let records = record::load(source, SCHEMA, diagnostics)?;
    let mut codes = Unique::new("warn-code");
    let mut variants = Unique::new("variant");
    let mut warnings = Vec::new();
    for record in records.get("warning") {
        // RFC 3261 Section 20.43: warn-codes are three digits, and those starting with 3 are
        // SIP's (1xx and 2xx belong to HTTP).
        let code = record.integer("code").and_then(|code| {
            in_range::<u16>(&code, 300..=399, "warn-code", diagnostics).map(|number| (number, code.span))
        });
        let variant = variant(record.text("variant"), &mut variants, diagnostics);
        let rfc = rfc(record.text("rfc"), diagnostics);
        let section_text = record.text("section");
        let section = section("section", section_text.clone(), diagnostics);
        let unverified = record.text("unverified");
        if section_text.is_none() && unverified.is_none() {
            diagnostics.push(
                Problem::new(
                    record.header.clone(),
                    "a warn-code gives no section of its RFC",
                    "no `section`",
                )
                .help("add the `section` that defines the code, or say in `unverified` why it could not be read"),
            );
            continue;
        }
        if section_text.is_some() && section.is_none() {
            continue;
        }
        let (Some((code, span)), Some(text), Some(variant), Some(description), Some(rfc)) =
            (code, record.text("text"), variant, record.text("description"), rfc)
        else {
            continue;
        };
        if codes.insert(code, span, diagnostics) {
            warnings.push(Warning {
                code,
                text: text.value,
                variant,
                description: description.value,
                rfc,
                section,
                bearer_capability: record.flag("bearer_capability").is_some_and(|flag| flag.value),
                unverified: unverified.map(|text| text.value),
            });
        }
    }
    if warnings.is_empty() && diagnostics.problems().len() == before {
        diagnostics.push(
            Problem::new(0..0, "the file defines no [[warning]] table", "").help("add at least one [[warning]] table"),
        );
    }
    warnings.sort_by_key(|warning| warning.code);
    (diagnostics.problems().len() == before).then_some(WarnCodes { warnings })
}

fn docs(warning: &Warning) -> Vec<String> {
    let (text, url) = citation(&warning.rfc, warning.section.as_deref());
    let mut lines = vec![
        format!("`{} {}`", warning.code, warning.text),
        String::new(),
        warning.description.clone(),
        String::new(),
        format!("Defined in [{text}]({url})."),
    ];
    if let Some(unverified) = &warning.unverified {
        lines.push(format!("**Unverified:** {unverified}."));
    }
    if warning.bearer_capability {
        lines.push(String::new());
        lines.push(
            "sipcodes reads this code as speaking to an unavailable bearer capability: a 488 or 606 carrying it maps to Q.850 cause 65."
                .to_owned(),
        );
    }
    doc_lines(&lines)
}

pub(crate) fn expand(registry: &WarnCodes) -> TokenStream {
    let warnings = &registry.warnings;
    let variants: Vec<_> = warnings
        .iter()
        .map(|warning| format_ident!("{}", warning.variant))
        .collect();
    let codes: Vec<Literal> = warnings
        .iter()
        .map(|warning| Literal::u16_unsuffixed(warning.code))
        .collect();
    let texts: Vec<&str> = warnings.iter().map(|warning| warning.text.as_str()).collect();
    let descriptions: Vec<&str> = warnings.iter().map(|warning| warning.description.as_str()).collect();
    let rfcs: Vec<&str> = warnings.iter().map(|warning| warning.rfc.as_str()).collect();
    let sections: Vec<TokenStream> = warnings
        .iter()
        .map(|warning| option_str(warning.section.as_deref()))
        .collect();
    let urls: Vec<String> = warnings
        .iter()
        .map(|warning| citation(&warning.rfc, warning.section.as_deref()).1)
        .collect();
    let bearer: Vec<bool> = warnings.iter().map(|warning| warning.bearer_capability).collect();
    let verified: Vec<bool> = warnings.iter().map(|warning| warning.unverified.is_none()).collect();
    let aliases: Vec<String> = warnings.iter().map(|warning| warning.code.to_string()).collect();
    let docs = warnings.iter().map(docs);
    quote! {
        /// A registered SIP warn-code: the three digits that open a Warning header field value
        /// and say what in the session description failed (RFC 3261 Section 20.43, and the
        /// IANA warn-code registry).
        ///
        /// A variant's discriminant is its code. Generated from `warn-codes.toml`: every variant
        /// documents its recommended warn-text, meaning and defining RFC.
        #[repr(u16)]
        #[non_exhaustive]
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
        pub enum WarnCode {
            #( #(#[doc = #docs])* #[doc(alias = #aliases)] #variants = #codes, )*
        }

        impl WarnCode {
            /// Every registered warn-code, in order.
            pub const ALL: &'static [WarnCode] = &[#(WarnCode::#variants),*];

            /// The warn-code with this number, if it is registered.
            pub const fn from_u16(code: u16) -> ::core::option::Option<WarnCode> {
                match code {
                    #( #codes => ::core::option::Option::Some(WarnCode::#variants), )*
                    _ => ::core::option::Option::None,
                }
            }

            /// The number, e.g. `305`.
            pub const fn as_u16(self) -> u16 {
                self as u16
            }

            /// The recommended warn-text, e.g. "Incompatible media format".
            pub const fn text(self) -> &'static str {
                match self {
                    #( WarnCode::#variants => #texts, )*
                }
            }

            /// What the warning means, in a sentence.
            pub const fn description(self) -> &'static str {
                match self {
                    #( WarnCode::#variants => #descriptions, )*
                }
            }

            /// The RFC that defines the code, e.g. "RFC 3261".
            pub const fn rfc(self) -> &'static str {
                match self {
                    #( WarnCode::#variants => #rfcs, )*
                }
            }

            /// The section that defines it, e.g. "20.43"; `None` where the RFC was not read.
            pub const fn section(self) -> ::core::option::Option<&'static str> {
                match self {
                    #( WarnCode::#variants => #sections, )*
                }
            }

            /// The definition on rfc-editor.org.
            pub const fn reference_url(self) -> &'static str {
                match self {
                    #( WarnCode::#variants => #urls, )*
                }
            }

            /// Whether the code speaks to an unavailable bearer capability, which turns a 488 or
            /// 606 into Q.850 cause 65 rather than 31 (RFC 3398 Section 8.2.6.1). The RFCs name
            /// no codes: the choice (media type, media format, bandwidth) is sipcodes'.
            pub const fn is_bearer_capability(self) -> bool {
                match self {
                    #( WarnCode::#variants => #bearer, )*
                }
            }

            /// `false` for a code whose defining RFC was not read; its docs say so.
            pub const fn is_verified(self) -> bool {
                match self {
                    #( WarnCode::#variants => #verified, )*
                }
            }
        }

        impl ::core::fmt::Display for WarnCode {
            /// Writes the code and its warn-text, e.g. `305 Incompatible media format`.
            fn fmt(&self, formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::write!(formatter, "{} {}", self.as_u16(), self.text())
            }
        }

        impl ::core::convert::From<WarnCode> for u16 {
            fn from(code: WarnCode) -> u16 {
                code.as_u16()
            }
        }
    }
}
