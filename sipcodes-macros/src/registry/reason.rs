//! `reason-protocols.toml`: protocol values of the Reason header field, checked and turned
//! into `Protocol`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{citation_column, report_no_rows, rfc, section, variant};
use crate::check::Unique;
use crate::diagnostic::{Diagnostics, Problem};
use crate::enums::{self, Enum, Variant};
use crate::lexical;
use crate::schema::{self, TableSchema, ValueType, key, required};
use crate::table::Citation;
use crate::tokens::doc_lines;

/// The top level: one array of tables a row.
const SCHEMA: TableSchema = TableSchema::new("", &[key("protocol", ValueType::Tables(&PROTOCOL))]);

const PROTOCOL: TableSchema = TableSchema::new(
    "[[protocol]]",
    &[
        required("name", ValueType::Text),        // the protocol token
        required("variant", ValueType::Text),     // of `Protocol`
        required("cause", ValueType::Text),       // what its `cause` parameter holds
        required("description", ValueType::Text), // what the protocol is
        required("rfc", ValueType::Text),         // the RFC that registers it
        required("section", ValueType::Text),     // and its section
    ],
);

pub(crate) struct Protocol {
    pub name: String,
    pub variant: String,
    pub cause: String,
    pub description: String,
    pub rfc: String,
    pub section: String,
}

impl Protocol {
    /// Where the value is registered.
    pub fn citation(&self) -> Citation {
        Citation::of(&self.rfc, Some(&self.section))
    }
}

pub(crate) struct ReasonProtocols {
    pub protocols: Vec<Protocol>,
}

pub(crate) fn load(source: &str, diagnostics: &mut Diagnostics) -> Option<ReasonProtocols> {
    let checkpoint = diagnostics.checkpoint();
    let records = schema::load_parsed(source, &SCHEMA, diagnostics)?;
    // Tokens compare without regard to case (RFC 3261 Section 7.3.1).
    let mut names = Unique::new("protocol");
    let mut variants = Unique::new("variant");
    let mut protocols = Vec::new();
    for record in records.tables("protocol") {
        let name = record.text("name").cloned().filter(|name| {
            let valid = lexical::is_token(&name.value);
            if !valid {
                let message = format!("protocol {:?} is not a token", name.value);
                let help = "a protocol value is a token (RFC 3326 Section 2): letters, digits and -.!%*_+`'~ only";
                diagnostics.push(Problem::new(name.span.clone(), message, "not a token").help(help));
            }
            valid
        });
        let variant = variant(record.text("variant").cloned(), &mut variants, diagnostics);
        let rfc = rfc(record.text("rfc").cloned(), diagnostics);
        let section = section("section", record.text("section").cloned(), diagnostics);
        let (Some(name), Some(variant), Some(cause), Some(description), Some(rfc), Some(section)) = (
            name,
            variant,
            record.text("cause").cloned(),
            record.text("description").cloned(),
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
    report_no_rows("protocol", protocols.is_empty(), checkpoint, diagnostics);
    (!diagnostics.any_since(checkpoint)).then_some(ReasonProtocols { protocols })
}

pub(crate) fn expand(runtime: &TokenStream, registry: &ReasonProtocols) -> TokenStream {
    let protocols = &registry.protocols;
    enums::expand(&Enum {
        name: "Protocol",
        docs: doc_lines(&[
            "A registered protocol value of the Reason header field (RFC 3326): it says what the".to_owned(),
            "`cause` parameter's number means.".to_owned(),
            String::new(),
            "Generated from `reason-protocols.toml`, which lists the values whose registration was".to_owned(),
            "read in an RFC; a Reason value may carry any other token.".to_owned(),
        ]),
        repr: None,
        number: "protocol",
        variants: protocols
            .iter()
            .map(|protocol| {
                let cited = protocol.citation().markdown_link();
                Variant {
                    name: format_ident!("{}", protocol.variant),
                    value: None,
                    docs: doc_lines(&[
                        format!("`{}`: the cause is {}.", protocol.name, protocol.cause),
                        String::new(),
                        protocol.description.clone(),
                        String::new(),
                        format!("Registered by {cited}."),
                    ]),
                }
            })
            .collect(),
        columns: enums::text_columns(
            protocols,
            &[
                (
                    "name",
                    "The protocol value as registered, e.g. \"Q.850\".",
                    |protocol| protocol.name.as_str(),
                ),
                (
                    "cause",
                    "What the `cause` parameter holds under this protocol.",
                    |protocol| protocol.cause.as_str(),
                ),
                ("description", "What the protocol is, in a sentence.", |protocol| {
                    protocol.description.as_str()
                }),
            ],
        )
        .into_iter()
        .chain([citation_column(
            runtime,
            "citation",
            "Where the value is registered, e.g. RFC 3326, Section 4, with a link to rfc-editor.org.",
            protocols.iter().map(Protocol::citation),
        )])
        .collect(),
        extra: quote! {
            /// The protocol with this name, compared without regard to ASCII case: the value is a
            /// token, and RFC 3261 Section 7.3.1 makes tokens case-insensitive.
            pub fn from_name(name: &str) -> ::core::option::Option<Protocol> {
                Protocol::ALL
                    .iter()
                    .copied()
                    .find(|protocol| protocol.name().eq_ignore_ascii_case(name))
            }
        },
        display: (
            quote!(formatter.write_str(self.name())),
            " Writes the protocol value as registered, e.g. `Q.850`.",
        ),
    })
}
