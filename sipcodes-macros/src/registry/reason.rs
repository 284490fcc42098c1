//! `reason-protocols.toml`: protocol values of the Reason header field, checked and turned
//! into `Protocol`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{citation_column, load_rows, rfc, section, text, variant};
use crate::check::Unique;
use crate::diagnostic::{Diagnostics, Problem};
use crate::enums::{self, Enum, Variant};
use crate::lexical;
use crate::schema::{Located, Record, TableSchema, ValueType, key, required};
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

pub(crate) fn load(source: &str, diagnostics: &mut Diagnostics) -> Option<Vec<Protocol>> {
    // Tokens compare without regard to case (RFC 3261 Section 7.3.1).
    load_rows(source, &SCHEMA, "protocol", "protocol", protocol, diagnostics)
}

/// One [[protocol]] table, and its name in lower case, quoted, which no other may repeat.
fn protocol(
    record: &Record,
    variants: &mut Unique<String>,
    diagnostics: &mut Diagnostics,
) -> Option<(Located<String>, Protocol)> {
    let name = record.text("name").cloned().filter(|name| {
        let valid = lexical::is_token(&name.value);
        if !valid {
            let message = format!("protocol {:?} is not a token", name.value);
            let help = "a protocol value is a token (RFC 3326 Section 2): letters, digits and -.!%*_+`'~ only";
            diagnostics.push(Problem::new(name.span.clone(), message, "not a token").help(help));
        }
        valid
    });
    let variant = variant(record.text("variant").cloned(), variants, diagnostics);
    let rfc = rfc(record.text("rfc").cloned(), diagnostics);
    let section = section("section", record.text("section").cloned(), diagnostics);
    let name = name?;
    let key = Located {
        value: format!("{:?}", name.value.to_ascii_lowercase()),
        span: name.span,
    };
    let protocol = Protocol {
        name: name.value,
        variant: variant?,
        cause: text(record, "cause")?,
        description: text(record, "description")?,
        rfc: rfc?,
        section: section?,
    };
    Some((key, protocol))
}

pub(crate) fn expand(runtime: &TokenStream, protocols: &[Protocol]) -> TokenStream {
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
