//! Small pieces of generated code and text that every generator writes the same way.

use proc_macro2::TokenStream;
use quote::quote;

use crate::table::Citation;

/// `Some("text")` or `None`, as tokens.
pub fn option_str(text: Option<&str>) -> TokenStream {
    option_tokens(text.map(|text| quote!(#text)))
}

/// `Some(expression)` or `None`, as tokens.
pub fn option_tokens(expression: Option<TokenStream>) -> TokenStream {
    expression.map_or_else(
        || quote!(::core::option::Option::None),
        |expression| quote!(::core::option::Option::Some(#expression)),
    )
}

/// A call to the runtime's `Citation` constructor, for a citation the macro has checked.
pub fn citation(runtime: &TokenStream, citation: &Citation) -> TokenStream {
    let rfc = &citation.rfc;
    let section = option_str(citation.section.as_deref());
    let url = citation.url();
    quote!(#runtime::__private::citation(#rfc, #section, #url))
}

/// Doc lines as `#[doc]` strings: each non-empty line starts with a space, as `///` gives.
pub fn doc_lines<L: AsRef<str>>(lines: &[L]) -> Vec<String> {
    lines
        .iter()
        .flat_map(|line| line.as_ref().split('\n'))
        .map(|line| {
            if line.is_empty() {
                String::new()
            } else {
                format!(" {line}")
            }
        })
        .collect()
}

/// Text for a Markdown table cell: a `|` inside it would end the cell.
pub fn markdown_cell(text: &str) -> String {
    text.replace('|', "\\|")
}
