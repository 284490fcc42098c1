//! `reason-protocols.toml`: protocol values of the Reason header field, checked and turned
//! into `Protocol`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::record::{self, Array, Kind, required};
use super::{Unique, citation, doc_lines, rfc, section, variant};
use crate::diagnostic::{Diagnostics, Problem};

const SCHEMA: &[Array] = &[Array {
    name: "protocol",
    fields: &[
        required("name", Kind::Text),
        required("variant", Kind::Text),
        required("cause", Kind::Text),
        required("description", Kind::Text),
        required("rfc", Kind::Text),
        required("section", Kind::Text),
    ],
}];

pub(crate) struct Protocol {
    pub name: String,
    pub variant: String,
    pub cause: String,
    pub description: String,
    pub rfc: String,
    pub section: String,
}

pub(crate) struct ReasonProtocols {
    pub protocols: Vec<Protocol>,
}

/// RFC 3261 Section 25.1: the characters of a `token`, which a protocol value is (RFC 3326
/// Section 2).
fn is_token(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || b"-.!%*_+`'~".contains(&byte))
}

pub(crate) fn load(source: &str, diagnostics: &mut Diagnostics) -> Option<ReasonProtocols> {
    let before = diagnostics.problems().len();
    let records = record::load(source, SCHEMA, diagnostics)?;
    // Tokens compare without regard to case (RFC 3261 Section 7.3.1).
    let mut names = Unique::new("protocol");
    let mut variants = Unique::new("variant");
    let mut protocols = Vec::new();
    for record in records.get("protocol") {
        let name = record.text("name").filter(|name| {
            let valid = is_token(&name.value);
            if !valid {
                diagnostics.push(
                    Problem::new(
                        name.span.clone(),
                        format!("protocol {:?} is not a token", name.value),
                        "not a token",
                    )
                    .help("a protocol value is a token (RFC 3326 Section 2): letters, digits and -.!%*_+`'~ only"),
                );
            }
            valid
        });
        let variant = variant(record.text("variant"), &mut variants, diagnostics);
        let rfc = rfc(record.text("rfc"), diagnostics);
        let section = section("section", record.text("section"), diagnostics);
        let (Some(name), Some(variant), Some(cause), Some(description), Some(rfc), Some(section)) = (
            name,
            variant,
            record.text("cause"),
            record.text("description"),
            rfc,
            section,
        ) else {
            continue;
        };
        if names.insert(format!("{:?}", name.value.to_ascii_lowercase()), name.span, diagnostics) {
            protocols.push(Protocol {
                name: name.value,
                variant,
                cause: cause.value,
                description: description.value,
                rfc,
                section,
            });
        }
    }
    if protocols.is_empty() && diagnostics.problems().len() == before {
        diagnostics.push(
            Problem::new(0..0, "the file defines no [[protocol]] table", "")
                .help("add at least one [[protocol]] table"),
        );
    }
    (diagnostics.problems().len() == before).then_some(ReasonProtocols { protocols })
}

pub(crate) fn expand(registry: &ReasonProtocols) -> TokenStream {
    let protocols = &registry.protocols;
    let variants: Vec<_> = protocols
        .iter()
        .map(|protocol| format_ident!("{}", protocol.variant))
        .collect();
    let names: Vec<&str> = protocols.iter().map(|protocol| protocol.name.as_str()).collect();
    let causes: Vec<&str> = protocols.iter().map(|protocol| protocol.cause.as_str()).collect();
    let descriptions: Vec<&str> = protocols.iter().map(|protocol| protocol.description.as_str()).collect();
    let rfcs: Vec<&str> = protocols.iter().map(|protocol| protocol.rfc.as_str()).collect();
    let sections: Vec<&str> = protocols.iter().map(|protocol| protocol.section.as_str()).collect();
    let docs = protocols.iter().map(|protocol| {
        let (text, url) = citation(&protocol.rfc, Some(&protocol.section));
        doc_lines(&[
            format!("`{}`: the cause is {}.", protocol.name, protocol.cause),
            String::new(),
            protocol.description.clone(),
            String::new(),
            format!("Registered by [{text}]({url})."),
        ])
    });
    quote! {
        /// A registered protocol value of the Reason header field (RFC 3326): it says what the
        /// `cause` parameter's number means.
        ///
        /// Generated from `reason-protocols.toml`, which lists the values whose registration
        /// was read in an RFC; a Reason value may carry any other token.
        #[non_exhaustive]
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
        pub enum Protocol {
            #( #(#[doc = #docs])* #variants, )*
        }

        impl Protocol {
            /// Every protocol in the table.
            pub const ALL: &'static [Protocol] = &[#(Protocol::#variants),*];

            /// The protocol with this name, compared without regard to ASCII case: the value is
            /// a token, and RFC 3261 Section 7.3.1 makes tokens case-insensitive.
            pub fn from_name(name: &str) -> ::core::option::Option<Protocol> {
                Protocol::ALL
                    .iter()
                    .copied()
                    .find(|protocol| protocol.name().eq_ignore_ascii_case(name))
            }

            /// The protocol value as registered, e.g. "Q.850".
            pub const fn name(self) -> &'static str {
                match self {
                    #( Protocol::#variants => #names, )*
                }
            }

            /// What the `cause` parameter holds under this protocol.
            pub const fn cause(self) -> &'static str {
                match self {
                    #( Protocol::#variants => #causes, )*
                }
            }

            /// What the protocol is, in a sentence.
            pub const fn description(self) -> &'static str {
                match self {
                    #( Protocol::#variants => #descriptions, )*
                }
            }

            /// The RFC that registers the value, e.g. "RFC 3326".
            pub const fn rfc(self) -> &'static str {
                match self {
                    #( Protocol::#variants => #rfcs, )*
                }
            }

            /// The section of that RFC.
            pub const fn section(self) -> &'static str {
                match self {
                    #( Protocol::#variants => #sections, )*
                }
            }
        }

        impl ::core::fmt::Display for Protocol {
            /// Writes the protocol value as registered, e.g. `Q.850`.
            fn fmt(&self, formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                formatter.write_str(self.name())
            }
        }
    }
}
