//! One template for every enum generated from a table: the enum, `ALL`, the conversions to
//! and from its number, one `const fn` per column of the table, and `Display`. Each registry
//! only says what its variants and columns are; the codes enum (`expand.rs`) takes the
//! columns and writes the rest itself.

use proc_macro2::TokenStream;
#[cfg(feature = "registries")]
use proc_macro2::{Ident, Literal};
use quote::{ToTokens, format_ident, quote};

use crate::tokens::doc_lines;

#[cfg(feature = "registries")]
/// One variant: its name, its number (for enums with a `repr`), and its doc lines.
pub(crate) struct Variant {
    pub name: Ident,
    pub value: Option<Literal>,
    pub docs: Vec<String>,
}

/// A `pub const fn name(self) -> output`, one value per variant, in variant order.
pub(crate) struct Column {
    pub name: &'static str,
    /// `#[doc]` lines.
    pub doc: Vec<String>,
    pub output: TokenStream,
    pub values: Vec<TokenStream>,
}

#[cfg(feature = "registries")]
pub(crate) struct Enum {
    pub name: &'static str,
    pub docs: Vec<String>,
    /// `u8` or `u16`: the discriminant is the variant's number, with `from_<repr>`,
    /// `as_<repr>` and `From<Enum> for <repr>`.
    pub repr: Option<&'static str>,
    /// What the number is, for the docs of `from_<repr>` and `as_<repr>`: "cause value".
    pub number: &'static str,
    pub variants: Vec<Variant>,
    pub columns: Vec<Column>,
    /// Other items of the `impl` block.
    pub extra: TokenStream,
    /// The body of `Display::fmt`, with `self` and `formatter` in scope, and its doc line.
    pub display: (TokenStream, &'static str),
}

#[cfg(feature = "registries")]
pub(crate) fn expand(spec: &Enum) -> TokenStream {
    let name = format_ident!("{}", spec.name);
    let names: Vec<&Ident> = spec.variants.iter().map(|variant| &variant.name).collect();
    let docs = &spec.docs;
    let variants = spec.variants.iter().map(|variant| {
        let variant_name = &variant.name;
        let variant_docs = &variant.docs;
        variant.value.as_ref().map_or_else(
            || quote!(#(#[doc = #variant_docs])* #variant_name,),
            |value| {
                let alias = value.to_string();
                quote!(#(#[doc = #variant_docs])* #[doc(alias = #alias)] #variant_name = #value,)
            },
        )
    });
    let columns = methods(&spec.columns, &names);
    let (repr_attribute, conversions, from_repr) = spec.repr.map_or_else(
        || (TokenStream::new(), TokenStream::new(), TokenStream::new()),
        |repr| numbered(spec, &name, repr),
    );
    let extra = &spec.extra;
    let (display, display_doc) = &spec.display;
    quote! {
        #(#[doc = #docs])*
        #repr_attribute
        #[non_exhaustive]
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
        pub enum #name {
            #(#variants)*
        }

        impl #name {
            /// Every variant, in order.
            pub const ALL: &'static [#name] = &[#(#name::#names),*];

            #from_repr
            #columns
            #extra
        }

        impl ::core::fmt::Display for #name {
            #[doc = #display_doc]
            fn fmt(&self, formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                #display
            }
        }

        #conversions
    }
}

#[cfg(feature = "registries")]
/// The `repr` attribute, `From<Enum> for repr`, and `from_<repr>` / `as_<repr>`.
fn numbered(spec: &Enum, name: &Ident, repr: &str) -> (TokenStream, TokenStream, TokenStream) {
    let repr_type = format_ident!("{}", repr);
    let from = format_ident!("from_{}", repr);
    let as_number = format_ident!("as_{}", repr);
    let number = spec.number;
    let from_doc = format!(" The variant for this {number}, if the table has one.");
    let as_doc = format!(" The {number}.");
    let (values, names): (Vec<&Literal>, Vec<&Ident>) = spec
        .variants
        .iter()
        .filter_map(|variant| variant.value.as_ref().map(|value| (value, &variant.name)))
        .unzip();
    (
        quote!(#[repr(#repr_type)]),
        quote! {
            impl ::core::convert::From<#name> for #repr_type {
                fn from(value: #name) -> #repr_type {
                    value.#as_number()
                }
            }
        },
        quote! {
            #[doc = #from_doc]
            pub const fn #from(number: #repr_type) -> ::core::option::Option<#name> {
                match number {
                    #(#values => ::core::option::Option::Some(#name::#names),)*
                    _ => ::core::option::Option::None,
                }
            }

            #[doc = #as_doc]
            pub const fn #as_number(self) -> #repr_type {
                self as #repr_type
            }
        },
    )
}

/// The `const fn` of each column, for an `impl` block of the enum whose variants, in the
/// columns' order, are `names`.
pub(crate) fn methods<N: ToTokens>(columns: &[Column], names: &[N]) -> TokenStream {
    columns
        .iter()
        .map(|column| {
            let method = format_ident!("{}", column.name);
            let doc = &column.doc;
            let output = &column.output;
            let values = &column.values;
            quote! {
                #(#[doc = #doc])*
                #[must_use]
                pub const fn #method(self) -> #output {
                    match self {
                        #(Self::#names => #values,)*
                    }
                }
            }
        })
        .collect()
}

/// A column; `doc` is its documentation, lines separated by `\n`.
pub(crate) fn column(name: &'static str, doc: &str, output: TokenStream, values: Vec<TokenStream>) -> Column {
    Column {
        name,
        doc: doc_lines(&[doc]),
        output,
        values,
    }
}

/// A column of `&'static str`: its name, its doc, and the text of a row.
#[cfg(feature = "registries")]
pub(crate) type TextColumn<'d, R> = (&'static str, &'d str, fn(&R) -> &str);

/// Columns of `&'static str`, with the text of each of `rows`.
#[cfg(feature = "registries")]
pub(crate) fn text_columns<R>(rows: &[R], columns: &[TextColumn<'_, R>]) -> Vec<Column> {
    columns
        .iter()
        .map(|(name, doc, text)| column(name, doc, quote!(&'static str), texts(rows.iter().map(text))))
        .collect()
}

#[cfg(feature = "registries")]
/// A column of string values.
pub(crate) fn texts<'a>(values: impl Iterator<Item = &'a str>) -> Vec<TokenStream> {
    values.map(|value| quote!(#value)).collect()
}

#[cfg(feature = "registries")]
/// A column of variant names of another enum: `Other::Variant`.
pub(crate) fn paths<'a>(other: &str, values: impl Iterator<Item = &'a str>) -> Vec<TokenStream> {
    let other = format_ident!("{}", other);
    values
        .map(|value| {
            let variant = format_ident!("{}", value);
            quote!(#other::#variant)
        })
        .collect()
}
