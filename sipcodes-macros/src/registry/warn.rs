//! `warn-codes.toml`: the SIP warn-code registry, checked and turned into `WarnCode`.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::{citation_column, given_or_explained, in_range, load_rows, rfc, section, text, variant};
use crate::check::Unique;
use crate::diagnostic::Diagnostics;
use crate::enums::{self, Enum, Variant, column};
use crate::schema::{Located, Record, TableSchema, ValueType, key, optional, required};
use crate::table::Citation;
use crate::tokens::doc_lines;

/// The top level: one array of tables a row.
const SCHEMA: TableSchema = TableSchema::new("", &[key("warning", ValueType::Tables(&WARNING))]);

const WARNING: TableSchema = TableSchema::new(
    "[[warning]]",
    &[
        required("code", ValueType::Integer),           // the three digits
        required("text", ValueType::Text),              // the recommended warn-text
        required("variant", ValueType::Text),           // of `WarnCode`
        required("description", ValueType::Text),       // what it means, in a sentence
        required("rfc", ValueType::Text),               // where it is defined
        optional("section", ValueType::Text),           // and the section, where it was read
        optional("bearer_capability", ValueType::Flag), // speaks to an unavailable bearer
        optional("unverified", ValueType::Text),        // why the definition was not read
    ],
);

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

impl Warning {
    /// Where the code is defined.
    pub fn citation(&self) -> Citation {
        Citation::of(&self.rfc, self.section.as_deref())
    }
}

pub(crate) fn load(source: &str, diagnostics: &mut Diagnostics) -> Option<Vec<Warning>> {
    let mut warnings = load_rows(source, &SCHEMA, "warning", "warn-code", warning, diagnostics)?;
    warnings.sort_by_key(|warning| warning.code);
    Some(warnings)
}

/// One [[warning]] table, and its code.
fn warning(
    record: &Record,
    variants: &mut Unique<String>,
    diagnostics: &mut Diagnostics,
) -> Option<(Located<u16>, Warning)> {
    // RFC 3261 Section 20.43: warn-codes are three digits, and those starting with 3 are
    // SIP's (1xx and 2xx belong to HTTP).
    let code = in_range::<u16>(record, "code", 300..=399, "warn-code", diagnostics);
    let variant = variant(record.text("variant").cloned(), variants, diagnostics);
    let rfc = rfc(record.text("rfc").cloned(), diagnostics);
    let section_text = record.text("section").cloned();
    let section = section("section", section_text.clone(), diagnostics);
    let explained = given_or_explained(
        record,
        "section",
        "unverified",
        "a warn-code gives no section of its RFC",
        "add the `section` that defines the code, or say in `unverified` why it could not be read",
        diagnostics,
    );
    if !explained || (section_text.is_some() && section.is_none()) {
        return None;
    }
    let code = code?;
    let warning = Warning {
        code: code.value,
        text: text(record, "text")?,
        variant: variant?,
        description: text(record, "description")?,
        rfc: rfc?,
        section,
        bearer_capability: record.flag("bearer_capability").is_some_and(|flag| flag.value),
        unverified: text(record, "unverified"),
    };
    Some((code, warning))
}

fn docs(warning: &Warning) -> Vec<String> {
    let cited = warning.citation().markdown_link();
    let mut lines = vec![
        format!("`{} {}`", warning.code, warning.text),
        String::new(),
        warning.description.clone(),
        String::new(),
        format!("Defined in {cited}."),
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

pub(crate) fn expand(runtime: &TokenStream, warnings: &[Warning]) -> TokenStream {
    let flags = |flag: &dyn Fn(&Warning) -> bool| {
        warnings
            .iter()
            .map(|warning| {
                let value = flag(warning);
                quote!(#value)
            })
            .collect()
    };
    enums::expand(&Enum {
        name: "WarnCode",
        docs: doc_lines(&[
            "A registered SIP warn-code: the three digits that open a Warning header field value and".to_owned(),
            "say what in the session description failed (RFC 3261 Section 20.43, and the IANA".to_owned(),
            "warn-code registry).".to_owned(),
            String::new(),
            "A variant's discriminant is its code. Generated from `warn-codes.toml`: every variant".to_owned(),
            "documents its recommended warn-text, meaning and defining RFC.".to_owned(),
        ]),
        repr: Some("u16"),
        number: "warn-code",
        variants: warnings
            .iter()
            .map(|warning| Variant {
                name: format_ident!("{}", warning.variant),
                value: Some(Literal::u16_unsuffixed(warning.code)),
                docs: docs(warning),
            })
            .collect(),
        columns: [
            enums::text_columns(
                warnings,
                &[
                    (
                        "text",
                        "The recommended warn-text, e.g. \"Incompatible media format\".",
                        |warning| warning.text.as_str(),
                    ),
                    ("description", "What the warning means, in a sentence.", |warning| {
                        warning.description.as_str()
                    }),
                ],
            ),
            vec![
                citation_column(
                    runtime,
                    "citation",
                    "Where the code is defined, e.g. RFC 3261, Section 20.43, with a link to rfc-editor.org; \
                     the section is `None` where the defining RFC was not read.",
                    warnings.iter().map(Warning::citation),
                ),
                column(
                    "is_bearer_capability",
                    "Whether the code speaks to an unavailable bearer capability, which turns a 488 or 606 into \
                     Q.850 cause 65 rather than 31 (RFC 3398 Section 8.2.6.1). The RFCs name no codes: the \
                     choice (media type, media format, bandwidth) is sipcodes'.",
                    quote!(bool),
                    flags(&|warning| warning.bearer_capability),
                ),
                column(
                    "is_verified",
                    "`false` for a code whose defining RFC was not read; its docs say so.",
                    quote!(bool),
                    flags(&|warning| warning.unverified.is_none()),
                ),
            ],
        ]
        .into_iter()
        .flatten()
        .collect(),
        extra: TokenStream::new(),
        display: (
            quote!(::core::write!(formatter, "{} {}", self.as_u16(), self.text())),
            " Writes the code and its warn-text, e.g. `305 Incompatible media format`.",
        ),
    })
}
