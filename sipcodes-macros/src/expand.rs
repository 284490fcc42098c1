//! Tokens for a checked table: the enum, its match tables and its docs. No rule about the
//! data lives here; everything arriving has passed `check`.

use proc_macro2::{Literal, TokenStream};
use quote::{ToTokens, format_ident, quote};
use syn::Ident;

use crate::enums::{self, Column, column};
use crate::invocation::{CodesInvocation, SourceFile};
use crate::table::{
    CANONICAL_FALLBACKS, ClientReaction, Condition, Entry, HeaderRule, HeaderTest, Origin, StandardTable, Table,
    TableKind, Word,
};
use crate::tokens::{citation, doc_lines, option_str, option_tokens};

/// The doc lines of one variant, in the `http` crate's style.
fn variant_docs(entry: &Entry, table: &Table) -> Vec<String> {
    let mut lines = vec![
        format!("`{} {}`", entry.code, entry.reason_phrase),
        String::new(),
        entry.description.clone(),
    ];
    lines.push(String::new());
    let defined = match &entry.citation {
        Some(citation) => format!("Defined in {}.", citation.markdown_link()),
        None => "Not defined by an RFC: a private or vendor code.".to_owned(),
    };
    lines.push(format!("{defined} Registration: {}.", entry.registration.text()));
    if !entry.header_rules.is_empty() {
        lines.push(String::new());
        lines.push("Header fields: a response with this code".to_owned());
        lines.push(String::new());
        lines.extend(entry.header_rules.iter().map(|rule| format!("- {}", rule.markdown())));
    }
    lines.push(String::new());
    match (&entry.client_reaction, table.class(entry.code)) {
        (Some(reaction), _) => lines.push(format!("Client reaction: {}.", strip_period(&reaction.markdown()))),
        (None, Some(class)) => lines.push(format!(
            "Client reaction, as for every {}xx code: {}.",
            class.digit,
            strip_period(&class.client_reaction().markdown())
        )),
        (None, None) => lines.push(format!(
            "Client reaction: that of its class, {}xx ([`advice`](Self::advice) gives it).",
            entry.code / 100
        )),
    }
    if let Some(note) = &entry.deprecation {
        // Not `#[deprecated]`: that would warn every receiver that matches on the code.
        // Senders get the note from `for_sending` and see it here.
        lines.push(String::new());
        lines.push(format!(
            "<div class=\"warning\">{}: {note} A sender can check a code with <code>for_sending</code>.</div>",
            entry.registration.variant()
        ));
    }
    if let Some(treat_as) = &entry.treat_as {
        let target = table.entry(treat_as.target).map_or_else(
            || treat_as.target.to_string(),
            |target| format!("[`{} {}`](Self::{})", target.code, target.reason_phrase, target.name),
        );
        let cited = treat_as
            .citation
            .as_ref()
            .map_or_else(String::new, |citation| format!(" ({})", citation.markdown_link()));
        lines.push(String::new());
        lines.push(format!(
            "A receiver acts on it as {target}{cited}: [`canonical`](Self::canonical) returns that code."
        ));
    }
    if !entry.aliases.is_empty() {
        let aliases: Vec<String> = entry.aliases.iter().map(|alias| format!("\"{alias}\"")).collect();
        lines.push(String::new());
        lines.push(format!("Also seen as {}.", aliases.join(", ")));
    }
    if entry.origin == Origin::Override {
        lines.push(String::new());
        lines.push("This entry takes the place of the registered one for the same code, if there is one.".to_owned());
    }
    doc_lines(&lines)
}

/// `text` without the full stop its last sentence ends with, before a citation is added.
fn strip_period(text: &str) -> String {
    match text.rfind(". (") {
        Some(at) if !text[at + 3..].contains(". (") => format!("{}{}", &text[..at], &text[at + 1..]),
        _ => text.trim_end_matches('.').to_owned(),
    }
}

/// What the enum item and the dense lookups read: each variant's name, code and phrase, in
/// table order.
struct Columns {
    names: Vec<Ident>,
    codes: Vec<Literal>,
    reasons: Vec<String>,
}

impl Columns {
    fn new(entries: &[Entry]) -> Columns {
        Columns {
            names: entries.iter().map(|entry| format_ident!("{}", entry.name)).collect(),
            codes: entries
                .iter()
                .map(|entry| Literal::u16_unsuffixed(entry.code))
                .collect(),
            reasons: entries.iter().map(|entry| entry.reason_phrase.clone()).collect(),
        }
    }
}

/// The per-code facts that are one value a code, each a `const fn` that matches on `self`.
fn fact_columns(entries: &[Entry], runtime: &TokenStream) -> Vec<Column> {
    let each = |cell: &dyn Fn(&Entry) -> TokenStream| entries.iter().map(cell).collect::<Vec<_>>();
    let target = |entry: &Entry| {
        let treat_as = entry.treat_as.as_ref()?;
        entries.iter().find(|other| other.code == treat_as.target)
    };
    vec![
        column(
            "description",
            "What the code means, who sends it and what the receiver should do.",
            quote!(&'static str),
            each(&|entry| entry.description.to_token_stream()),
        ),
        column(
            "citation",
            "Where the code is defined: the RFC, its section where the table gives one, and a\n\
             link to it; `None` for a private code no RFC defines.",
            quote!(::core::option::Option<#runtime::Citation>),
            each(&|entry| option_tokens(entry.citation.as_ref().map(|cited| citation(runtime, cited)))),
        ),
        column(
            "registration",
            "Whether the code is current, deprecated or obsolete.",
            quote!(#runtime::Registration),
            each(&|entry| {
                let registration = format_ident!("{}", entry.registration.variant());
                quote!(#runtime::Registration::#registration)
            }),
        ),
        column(
            "deprecation",
            "For a deprecated or obsolete code, what replaced it.",
            quote!(::core::option::Option<&'static str>),
            each(&|entry| option_str(entry.deprecation.as_deref())),
        ),
        column(
            "treat_as",
            "For a deprecated or obsolete code, the current code the table says a receiver acts\n\
             on instead (its `treat_as`), such as 200 for 202 (RFC 6665 §8.3.1); `None` for any\n\
             other code.",
            quote!(::core::option::Option<Self>),
            each(&|entry| {
                option_tokens(target(entry).map(|target| {
                    let name = format_ident!("{}", target.name);
                    quote!(Self::#name)
                }))
            }),
        ),
        column(
            "header_rules",
            "The header fields a response with this code must, should or may carry, or must\n\
             not, each with the RFC section that says so, in the table's order. Rules that hold\n\
             for every response alike (From, To, Call-ID, CSeq, Via) are not listed.",
            quote!(&'static [#runtime::HeaderRule]),
            each(&|entry| header_rules(runtime, &entry.header_rules)),
        ),
        column(
            "client_reaction",
            "What a user agent client does with a response with this code: the code's own\n\
             reaction where the table gives one, else its class's, with the RFC section that\n\
             says so.",
            quote!(&'static #runtime::ClientReaction),
            each(&|entry| {
                entry.client_reaction.as_ref().map_or_else(
                    || quote!(self.class().client_reaction()),
                    |reaction| {
                        let reaction = client_reaction(runtime, reaction, false);
                        quote!(const { &#reaction })
                    },
                )
            }),
        ),
        column(
            "aliases",
            "Other phrases met for the code: older RFCs' wording, common variants.",
            quote!(&'static [&'static str]),
            each(&|entry| {
                let aliases = &entry.aliases;
                quote!(&[#(#aliases),*])
            }),
        ),
    ]
}

/// The whole expansion of `codes!` for a checked table (or the skeleton emitted beside
/// errors, which is shaped like one: at least one entry, sorted by code).
pub fn expand(invocation: &CodesInvocation, table: &Table, file: &SourceFile, kind: TableKind<'_>) -> TokenStream {
    let columns = Columns::new(&table.entries);
    let enum_item = enum_item(invocation, table, &columns);
    let lookups = lookups(invocation, &table.entries, &columns);
    let conversions = conversions(&invocation.runtime, &invocation.name, kind);
    let kind_items = match kind {
        TableKind::Standard => standard_items(&invocation.runtime, &invocation.name, table, file),
        TableKind::Custom { standard } => custom_items(&invocation.runtime, &invocation.name, standard),
    };
    let tracked = file.tracked_path();
    quote! {
        #enum_item

        // Makes rustc track the TOML, so editing it rebuilds this crate.
        const _: &[u8] = include_bytes!(#tracked);

        #lookups
        #conversions
        #kind_items
    }
}

/// The enum itself, each variant documented.
fn enum_item(invocation: &CodesInvocation, table: &Table, columns: &Columns) -> TokenStream {
    let entries = &table.entries;
    let CodesInvocation {
        attributes,
        visibility,
        name: enum_name,
        ..
    } = invocation;
    let variants = entries
        .iter()
        .zip(&columns.names)
        .zip(&columns.codes)
        .map(|((entry, name), code)| {
            let docs = variant_docs(entry, table);
            let code_text = entry.code.to_string();
            quote! {
                #(#[doc = #docs])*
                #[doc(alias = #code_text)]
                #name = #code,
            }
        });
    let default_docs = if attributes.is_empty() {
        let text = format!(" SIP response codes, generated from `{}`.", invocation.path.value());
        quote!(#[doc = #text])
    } else {
        TokenStream::new()
    };
    quote! {
        #attributes
        #default_docs
        ///
        /// A variant's discriminant is its code. Generated by `sipcodes::codes!`: every
        /// variant documents its reason phrase, meaning, defining RFC and registration.
        #[repr(u16)]
        #[non_exhaustive]
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
        #visibility enum #enum_name {
            #(#variants)*
        }
    }
}

/// The inherent impl: `ALL` and the lookups: by number and to the phrase through dense
/// tables, the rest each a `match`.
#[allow(
    clippy::too_many_lines,
    reason = "one quote! of the generated impl, read method by method"
)]
fn lookups(invocation: &CodesInvocation, entries: &[Entry], columns: &Columns) -> TokenStream {
    let CodesInvocation {
        runtime,
        name: enum_name,
        ..
    } = invocation;
    let names = &columns.names;
    let facts = enums::methods(&fact_columns(entries, runtime), names);
    let from_reason_phrase = from_reason_phrase_body(runtime, entries, names);
    let predicates = predicates(runtime);
    let (tables, from_u16, reason_phrase) = dense_lookups(entries, columns);
    // `quote!` leaves a `#runtime` inside `///` as it is, so docs that link to a runtime
    // type are built from the path's text.
    let status_code_doc = format!(" The code as a {}.", runtime_link(runtime, "StatusCode"));
    let deprecated_code_doc = format!(
        " {} for a code that is not current.",
        runtime_link(runtime, "DeprecatedCode")
    );
    quote! {
        impl #enum_name {
            /// Every code of the table, in ascending order.
            pub const ALL: &'static [Self] = &[#(Self::#names),*];

            #tables

            /// The entry for `code`, or `None` if the table has none.
            #[must_use]
            pub const fn from_u16(code: u16) -> ::core::option::Option<Self> {
                #from_u16
            }

            /// The numeric code, e.g. `486`.
            #[must_use]
            pub const fn as_u16(self) -> u16 {
                self as u16
            }

            #[doc = #status_code_doc]
            #[must_use]
            pub const fn status_code(self) -> #runtime::StatusCode {
                match #runtime::StatusCode::from_u16(self.as_u16()) {
                    ::core::result::Result::Ok(code) => code,
                    ::core::result::Result::Err(_) => ::core::panic!("sipcodes-macros checked every code to be from 100 to 699"),
                }
            }

            /// The class, given by the first digit (RFC 3261 §7.2).
            #[must_use]
            pub const fn class(self) -> #runtime::Class {
                match #runtime::Class::from_u16(self.as_u16()) {
                    ::core::option::Option::Some(class) => class,
                    ::core::option::Option::None => ::core::panic!("sipcodes-macros checked every code to be from 100 to 699"),
                }
            }

            #predicates

            /// The reason phrase defined for the code, e.g. `"Busy Here"`.
            #[must_use]
            pub const fn reason_phrase(self) -> &'static str {
                #reason_phrase
            }

            #facts

            /// The code a receiver acts on: [`treat_as`](Self::treat_as) where the table gives it,
            /// else the code itself.
            #[must_use]
            pub const fn canonical(self) -> Self {
                match self.treat_as() {
                    ::core::option::Option::Some(code) => code,
                    ::core::option::Option::None => self,
                }
            }

            /// The code, if it is current; for a deprecated or obsolete code, an error that
            /// says what to send instead. For senders: a receiver acts on any code it gets
            /// (see [`canonical`](Self::canonical)), but a new response should not use a
            /// code the registry has retired. It is a `const fn`: in a `const` item the check
            /// runs at compile time.
            ///
            /// # Errors
            ///
            #[doc = #deprecated_code_doc]
            pub const fn for_sending(self) -> ::core::result::Result<Self, #runtime::DeprecatedCode> {
                match self.deprecation() {
                    ::core::option::Option::None => ::core::result::Result::Ok(self),
                    ::core::option::Option::Some(note) => ::core::result::Result::Err(
                        #runtime::__private::deprecated_code(self.as_u16(), self.reason_phrase(), self.registration(), note),
                    ),
                }
            }

            /// The header rules a response with this code breaks by lacking a header field: the
            /// unconditional `Must` rules whose header is not among `present`, the names of the
            /// header fields the response carries. Names compare in any ASCII case, and a compact
            /// form (`m` for Contact, RFC 3261 §7.3.3) counts as its header.
            ///
            /// `present` is read once, when this is called; nothing is allocated (a code has at
            /// most 64 rules, tracked in a 64-bit set). Rules with a condition are left to the
            /// caller, who knows whether it holds: see [`header_rules`](Self::header_rules).
            #[must_use]
            pub fn missing_headers<'a, I: ::core::iter::IntoIterator<Item = &'a str>>(self, present: I) -> #runtime::MissingHeaders {
                #runtime::__private::missing_headers(self.header_rules(), present)
            }

            /// Whether a response with this code may carry a Retry-After header field: whether
            /// any of its [`header_rules`](Self::header_rules) allows one.
            #[must_use]
            pub const fn may_carry_retry_after(self) -> bool {
                #runtime::__private::allows(self.header_rules(), "Retry-After")
            }

            /// The next step of a user agent client: [`client_reaction`](Self::client_reaction)'s,
            /// to `match` on.
            #[must_use]
            pub const fn reaction(self) -> #runtime::Reaction {
                self.client_reaction().reaction()
            }

            /// What a user agent client does with a response with this code, in a sentence or
            /// two: the code's own advice, else its class's.
            #[must_use]
            pub const fn advice(self) -> &'static str {
                self.client_reaction().advice()
            }

            /// The code whose reason phrase or alias is `phrase`, ignoring ASCII case, blanks
            /// around the phrase, and how many blanks stand between its words.
            ///
            /// Where two codes share a reason phrase (406 and 606 are both "Not
            /// Acceptable"), the lower code is returned.
            #[must_use]
            pub fn from_reason_phrase(phrase: &str) -> ::core::option::Option<Self> {
                #from_reason_phrase
            }

            /// Whether `phrase` (trimmed) is the reason phrase or an alias of this code,
            /// ignoring ASCII case and folding runs of blanks.
            fn __sipcodes_has_phrase(self, phrase: &[u8]) -> bool {
                if #runtime::__private::same_phrase(self.reason_phrase(), phrase) {
                    return true;
                }
                let aliases = self.aliases();
                let mut index = 0;
                while index < aliases.len() {
                    if #runtime::__private::same_phrase(aliases[index], phrase) {
                        return true;
                    }
                    index += 1;
                }
                false
            }
        }
    }
}

/// `Display`, `FromStr`, the conversions to and from `u16`, `StatusCode` and `StatusLine`,
/// comparisons with `StatusCode`, and serde (when the runtime's `serde` feature is on: the
/// runtime's hook macro decides).
#[allow(
    clippy::too_many_lines,
    reason = "one quote! of the generated impls, read impl by impl"
)]
fn conversions(runtime: &TokenStream, enum_name: &Ident, kind: TableKind<'_>) -> TokenStream {
    let name_text = enum_name.to_string();
    let (holds, expecting) = match kind {
        TableKind::Standard => (
            "registered codes".to_owned(),
            "a registered SIP status code: a number such as 486, or a string such as \"486\" or \"486 Busy Here\""
                .to_owned(),
        ),
        TableKind::Custom { .. } => (
            "the codes of its table".to_owned(),
            format!(
                "a SIP status code of the `{name_text}` table: a number, or a string such as \"499\" or \"499 <its reason phrase>\""
            ),
        ),
    };
    quote! {
        impl #runtime::__private::GeneratedTable for #enum_name {
            const NAME: &'static str = #name_text;
            const HOLDS: &'static str = #holds;
            const EXPECTING: &'static str = #expecting;

            fn entry(code: u16) -> ::core::option::Option<Self> {
                Self::from_u16(code)
            }

            fn has_phrase(self, phrase: &[u8]) -> bool {
                self.__sipcodes_has_phrase(phrase)
            }
        }

        #runtime::__impl_serde!(#enum_name);

        impl ::core::fmt::Display for #enum_name {
            /// Writes the code and its reason phrase, e.g. `486 Busy Here`.
            fn fmt(&self, formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::write!(formatter, "{} {}", self.as_u16(), self.reason_phrase())
            }
        }

        impl ::core::str::FromStr for #enum_name {
            type Err = #runtime::ParseStatusCodeError;

            /// Parses what [`Display`](::core::fmt::Display) writes: the code alone (`486`),
            /// or the code and its reason phrase or an alias from this table (`486 Busy
            /// Here`), in any ASCII case, with blanks around and between the words ignored.
            fn from_str(text: &str) -> ::core::result::Result<Self, Self::Err> {
                #runtime::__private::parse_code(text)
            }
        }

        impl ::core::convert::From<#enum_name> for #runtime::StatusCode {
            fn from(code: #enum_name) -> Self {
                code.status_code()
            }
        }

        impl ::core::convert::From<#enum_name> for u16 {
            fn from(code: #enum_name) -> Self {
                code.as_u16()
            }
        }

        impl ::core::convert::From<#enum_name> for #runtime::StatusLine<'static> {
            /// A `SIP/2.0` status line with this table's reason phrase.
            fn from(code: #enum_name) -> Self {
                #runtime::__private::status_line_from_table(code.status_code(), code.reason_phrase())
            }
        }

        impl ::core::convert::TryFrom<#runtime::StatusCode> for #enum_name {
            type Error = #runtime::UnknownCode;

            fn try_from(code: #runtime::StatusCode) -> ::core::result::Result<Self, #runtime::UnknownCode> {
                Self::try_from(code.as_u16())
            }
        }

        impl ::core::convert::TryFrom<u16> for #enum_name {
            type Error = #runtime::UnknownCode;

            fn try_from(code: u16) -> ::core::result::Result<Self, #runtime::UnknownCode> {
                Self::from_u16(code).ok_or(#runtime::__private::unknown_code(code, #name_text))
            }
        }

        impl ::core::cmp::PartialEq<#enum_name> for #runtime::StatusCode {
            fn eq(&self, other: &#enum_name) -> bool {
                self.as_u16() == other.as_u16()
            }
        }

        impl ::core::cmp::PartialEq<#runtime::StatusCode> for #enum_name {
            fn eq(&self, other: &#runtime::StatusCode) -> bool {
                self.as_u16() == other.as_u16()
            }
        }

        impl ::core::cmp::PartialEq<u16> for #enum_name {
            fn eq(&self, other: &u16) -> bool {
                self.as_u16() == *other
            }
        }

        impl ::core::cmp::PartialEq<#enum_name> for u16 {
            fn eq(&self, other: &#enum_name) -> bool {
                *self == other.as_u16()
            }
        }
    }
}

/// The tables behind `from_u16` and `reason_phrase` (private associated consts, emitted
/// once), then the two bodies. Registered codes cover a small part of 100–699, and a `match`
/// that sparse compiles to a chain of branches, so these read a dense table of positions in
/// `ALL` instead: one bounds check and one load.
fn dense_lookups(entries: &[Entry], columns: &Columns) -> (TokenStream, TokenStream, TokenStream) {
    let lowest = entries.first().map_or(0, |entry| entry.code);
    let highest = entries.last().map_or(0, |entry| entry.code);
    let mut positions = vec![u16::MAX; usize::from(highest - lowest) + 1];
    for (index, entry) in entries.iter().enumerate() {
        if let (Some(slot), Ok(index)) = (
            positions.get_mut(usize::from(entry.code - lowest)),
            u16::try_from(index),
        ) {
            *slot = index;
        }
    }
    let length = positions.len();
    let count = entries.len();
    let reasons = &columns.reasons;
    // Prefixed so as not to meet a name of the user's own impls.
    let tables = quote! {
        const __SIPCODES_LOWEST: u16 = #lowest;
        // Each code's index in `ALL`, or `u16::MAX` where the table has no code.
        const __SIPCODES_POSITIONS: [u16; #length] = [#(#positions),*];
        // The reason phrases in `ALL`'s order.
        const __SIPCODES_REASONS: [&'static str; #count] = [#(#reasons),*];

        // The position in `ALL` of `code`, or `None` where the table has no code: one bounds
        // check and one load. (`u16::MAX`, the gap marker, is never below the length.)
        const fn __sipcodes_position(code: u16) -> ::core::option::Option<usize> {
            let ::core::option::Option::Some(offset) = code.checked_sub(Self::__SIPCODES_LOWEST) else {
                return ::core::option::Option::None;
            };
            if offset as usize >= Self::__SIPCODES_POSITIONS.len() {
                return ::core::option::Option::None;
            }
            let position = Self::__SIPCODES_POSITIONS[offset as usize] as usize;
            if position < Self::ALL.len() {
                ::core::option::Option::Some(position)
            } else {
                ::core::option::Option::None
            }
        }

        // The reason phrase of `code`, or `None` where the table has no code: two loads, no
        // detour through `Self`, for the status-line parsers and `StatusCode`.
        pub(crate) const fn __sipcodes_reason_phrase(code: u16) -> ::core::option::Option<&'static str> {
            match Self::__sipcodes_position(code) {
                ::core::option::Option::Some(position) => ::core::option::Option::Some(Self::__SIPCODES_REASONS[position]),
                ::core::option::Option::None => ::core::option::Option::None,
            }
        }
    };
    let from_u16 = quote! {
        match Self::__sipcodes_position(code) {
            ::core::option::Option::Some(position) => ::core::option::Option::Some(Self::ALL[position]),
            ::core::option::Option::None => ::core::option::Option::None,
        }
    };
    let reason_phrase = quote! {
        Self::__SIPCODES_REASONS[Self::__SIPCODES_POSITIONS[(self as u16 - Self::__SIPCODES_LOWEST) as usize] as usize]
    };
    (tables, from_u16, reason_phrase)
}

/// A header rule's condition, as a `Condition` expression: its parts, and its text made from
/// them (`Condition::text`, the one place the words are made).
fn condition_value(runtime: &TokenStream, condition: &Condition) -> TokenStream {
    let methods = &condition.methods;
    let dialog = option_tokens(condition.dialog.map(|dialog| {
        let variant = format_ident!("{}", dialog.variant());
        quote!(#runtime::Dialog::#variant)
    }));
    let tests = |tests: &[HeaderTest]| {
        let tests = tests.iter().map(|test| {
            let header = &test.header;
            let token = option_str(test.token.as_deref());
            quote!(#runtime::__private::header_test(#header, #token))
        });
        // A constant of its own: a call's result is not promoted to `'static` as literals are.
        quote!(&const { [#(#tests),*] })
    };
    let response_carries = tests(&condition.response_carries);
    let request_carried = tests(&condition.request_carried);
    let request_lacked = tests(&condition.request_lacked);
    let human = option_str(condition.human.as_deref());
    let text = condition.text();
    quote!(#runtime::__private::condition(
        &[#(#methods),*], #dialog, #response_carries, #request_carried, #request_lacked, #human, #text
    ))
}

/// A code's header rules, as a `&'static [HeaderRule]` expression.
fn header_rules(runtime: &TokenStream, rules: &[HeaderRule]) -> TokenStream {
    if rules.is_empty() {
        return quote!(&[]);
    }
    let rules = rules.iter().map(|rule| {
        let header = &rule.header;
        let requirement = format_ident!("{}", rule.requirement.variant());
        let condition = rule.condition.as_ref().map_or_else(
            || quote!(::core::option::Option::None),
            |condition| {
                let condition = condition_value(runtime, condition);
                quote!(::core::option::Option::Some(&const { #condition }))
            },
        );
        let citation = citation(runtime, &rule.citation);
        quote!(#runtime::__private::header_rule(#header, #runtime::Requirement::#requirement, #condition, #citation))
    });
    quote!(const { &[#(#rules),*] })
}

/// A `ClientReaction` constructor call.
fn client_reaction(runtime: &TokenStream, reaction: &ClientReaction, class_default: bool) -> TokenStream {
    let variant = format_ident!("{}", reaction.reaction.variant());
    let fix = &reaction.fix_headers;
    let failover = reaction.failover;
    let advice = &reaction.advice;
    let citation = citation(runtime, &reaction.citation);
    quote! {
        #runtime::__private::client_reaction(
            #runtime::Reaction::#variant, &[#(#fix),*], #failover, #advice, #citation, #class_default,
        )
    }
}

/// `is_provisional` … `is_global_failure`, as `StatusCode` has them: each reads `class()`.
fn predicates(runtime: &TokenStream) -> TokenStream {
    let classes = [
        ("is_provisional", "Provisional", "1xx: not a final response."),
        ("is_success", "Success", "2xx."),
        ("is_redirection", "Redirection", "3xx."),
        ("is_client_failure", "ClientFailure", "4xx."),
        ("is_server_failure", "ServerFailure", "5xx."),
        ("is_global_failure", "GlobalFailure", "6xx."),
    ];
    let predicates = classes.iter().map(|(name, class, doc)| {
        let name = format_ident!("{name}");
        let class = format_ident!("{class}");
        let doc = format!(" {doc}");
        quote! {
            #[doc = #doc]
            #[must_use]
            pub const fn #name(self) -> bool {
                ::core::matches!(self.class(), #runtime::Class::#class)
            }
        }
    });
    quote! {
        #(#predicates)*

        /// 2xx to 6xx: the response ends the transaction.
        #[must_use]
        pub const fn is_final(self) -> bool {
            !self.is_provisional()
        }
    }
}

/// A Markdown link to the runtime's `item`, such as `` [`StatusCode`](::sipcodes::StatusCode) ``.
/// Through `sipcodes::codes!` the runtime is `$crate`, which rustdoc cannot resolve in the
/// user's crate (it would take it for a URL): there the item is named without a link, and the
/// method's signature links to it.
fn runtime_link(runtime: &TokenStream, item: &str) -> String {
    let path: String = runtime.to_string().split_whitespace().collect();
    if path.starts_with('$') {
        format!("`{item}`")
    } else {
        format!("[`{item}`]({path}::{item})")
    }
}

/// `from_reason_phrase` trims the phrase, then dispatches on its length, so a lookup compares
/// against the few phrases of that length only; within a length, lower codes come first.
/// Table phrases are single-spaced (checked), so only a phrase with a run of blanks inside
/// needs the slower comparison that folds them.
fn from_reason_phrase_body(runtime: &TokenStream, entries: &[Entry], names: &[Ident]) -> TokenStream {
    // Indexed by length (phrases are short), rather than a map type, which would cost the
    // macro crate compile time.
    let mut by_length: Vec<Vec<(String, &Ident)>> = Vec::new();
    for (entry, name) in entries.iter().zip(names) {
        for phrase in std::iter::once(&entry.reason_phrase).chain(&entry.aliases) {
            if by_length.len() <= phrase.len() {
                by_length.resize_with(phrase.len() + 1, Vec::new);
            }
            if let Some(phrases) = by_length.get_mut(phrase.len()) {
                phrases.push((phrase.to_ascii_lowercase(), name));
            }
        }
    }
    let arms = by_length
        .iter()
        .enumerate()
        .filter(|(_, phrases)| !phrases.is_empty())
        .map(|(length, phrases)| {
            let checks = phrases.iter().map(|(phrase, name)| {
                let bytes = Literal::byte_string(phrase.as_bytes());
                quote! {
                    if phrase.eq_ignore_ascii_case(#bytes) {
                        return ::core::option::Option::Some(Self::#name);
                    }
                }
            });
            quote!(#length => { #(#checks)* })
        });
    quote! {
        let phrase = #runtime::__private::trim_blanks(phrase.as_bytes());
        match phrase.len() {
            #(#arms)*
            _ => {}
        }
        if #runtime::__private::has_blank_run(phrase) {
            let mut index = 0;
            while index < Self::ALL.len() {
                if Self::ALL[index].__sipcodes_has_phrase(phrase) {
                    return ::core::option::Option::Some(Self::ALL[index]);
                }
                index += 1;
            }
        }
        ::core::option::Option::None
    }
}

/// Items of a custom table: describing any status code through it, falling back on
/// sipcodes' standard table for codes it does not define.
///
/// The table was checked against the standard table `standard`; a compile-time assertion
/// makes sure `sipcodes::Code` was generated from that same text, so the two can never
/// silently differ.
fn custom_items(runtime: &TokenStream, enum_name: &Ident, standard: &StandardTable) -> TokenStream {
    let fingerprint = standard.fingerprint;
    let message = format!(
        "`{enum_name}` was checked against another version of sipcodes' codes.toml than the one `sipcodes::Code` was generated from: rebuild sipcodes (`cargo clean -p sipcodes`)"
    );
    quote! {
        const _: () = ::core::assert!(#runtime::__private::STANDARD_TABLE_FINGERPRINT == #fingerprint, #message);

        impl #enum_name {
            /// The reason phrase to show for `status`: this table's, else the standard one
            /// (`None` for a code neither table defines).
            #[must_use]
            pub const fn reason_phrase_of(status: #runtime::StatusCode) -> ::core::option::Option<&'static str> {
                match Self::__sipcodes_reason_phrase(status.as_u16()) {
                    ::core::option::Option::Some(phrase) => ::core::option::Option::Some(phrase),
                    ::core::option::Option::None => status.reason_phrase(),
                }
            }

            /// The description of `status`: this table's, else the standard one (`None` for a
            /// code neither table defines).
            #[must_use]
            pub const fn description_of(status: #runtime::StatusCode) -> ::core::option::Option<&'static str> {
                match Self::from_u16(status.as_u16()) {
                    ::core::option::Option::Some(code) => ::core::option::Option::Some(code.description()),
                    ::core::option::Option::None => match status.known() {
                        ::core::option::Option::Some(code) => ::core::option::Option::Some(code.description()),
                        ::core::option::Option::None => ::core::option::Option::None,
                    },
                }
            }
        }
    }
}

/// Items only sipcodes' own table produces, at the invocation site: the class texts, the
/// codes unregistered ones are treated as, and the table's fingerprint.
fn standard_items(runtime: &TokenStream, enum_name: &Ident, table: &Table, file: &SourceFile) -> TokenStream {
    let fingerprint = file.fingerprint();
    let classes = table.classes.iter().flatten().map(|class| {
        let (name, description) = (&class.name, &class.description);
        let reaction = client_reaction(runtime, &class.client_reaction(), true);
        quote!(#runtime::__private::class_facts(#name, #description, #reaction))
    });
    let fallbacks = CANONICAL_FALLBACKS.iter().filter_map(|code| {
        let entry = table.entries.iter().find(|entry| entry.code == *code)?;
        let variant = format_ident!("{}", entry.name);
        Some(quote!(#enum_name::#variant))
    });
    quote! {
        /// What the `[class.Nxx]` tables say of each class, 1xx first: read by `Class`.
        pub(crate) static CLASSES: [#runtime::__private::ClassFacts; 6] = [#(#classes),*];

        /// A fingerprint of the table `Code` was generated from, which the enums of users'
        /// tables compare with the table they were checked against.
        #[doc(hidden)]
        pub const STANDARD_TABLE_FINGERPRINT: u64 = #fingerprint;

        /// The registered code an unregistered one of `class` is treated as (RFC 3261 §8.1.3.2).
        pub(crate) const fn canonical_fallback(class: #runtime::Class) -> #enum_name {
            const FALLBACKS: [#enum_name; 6] = [#(#fallbacks),*];
            FALLBACKS[class.digit() as usize - 1]
        }
    }
}

#[cfg(test)]
#[allow(clippy::panic, reason = "tests")]
mod tests {
    use std::path::PathBuf;

    use proc_macro2::{Delimiter, TokenTree};

    use super::*;
    use crate::invocation::parse_codes;
    use crate::table::{StandardTable, TableKind};

    const STANDARD: &str = include_str!("../../sipcodes/codes.toml");
    const CUSTOM: &str = "include_standard = true\n\n[[code]]\ncode = 499\nreason_phrase = \"Spam Suspected\"\n\
                          description = \"Refused.\"\noverride = true\n\n[[code]]\ncode = 498\n\
                          reason_phrase = \"Trunk Busy\"\ndescription = \"Busy.\"\nregistration = \"deprecated\"\n\
                          deprecation = \"Send 486.\"\n";

    fn source(contents: &str) -> SourceFile {
        SourceFile {
            display: "codes.toml".to_owned(),
            resolved: PathBuf::from("codes.toml"),
            contents: contents.to_owned(),
        }
    }

    /// The text of every `#[doc = "…"]` in `tokens`, `///` comments included (`quote!`
    /// turns those into `doc` attributes too).
    fn docs(tokens: TokenStream, found: &mut Vec<String>) {
        let mut previous_was_pound = false;
        for tree in tokens {
            if let TokenTree::Group(group) = &tree {
                if previous_was_pound && group.delimiter() == Delimiter::Bracket {
                    let inner: Vec<TokenTree> = group.stream().into_iter().collect();
                    if let [
                        TokenTree::Ident(name),
                        TokenTree::Punct(equals),
                        TokenTree::Literal(text),
                    ] = &inner[..]
                    {
                        if name == "doc" && equals.as_char() == '=' {
                            let text: syn::LitStr =
                                syn::parse2(quote!(#text)).unwrap_or_else(|error| panic!("{error}"));
                            found.push(text.value());
                        }
                    }
                }
                docs(group.stream(), found);
            }
            previous_was_pound = matches!(&tree, TokenTree::Punct(punct) if punct.as_char() == '#');
        }
    }

    /// The link targets of `text` that rustdoc cannot resolve but takes for a URL or an
    /// anchor, so that `-D warnings` does not catch them: a `quote!` variable left as it is,
    /// `(#name…)`, or a macro's `$crate`.
    fn unresolvable(text: &str) -> Vec<String> {
        text.match_indices("](")
            .map(|(at, _)| &text[at + 2..])
            .filter(|rest| {
                rest.starts_with('$')
                    || rest
                        .strip_prefix('#')
                        .is_some_and(|name| name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_'))
            })
            .map(|rest| rest.split(')').next().unwrap_or(rest).to_owned())
            .collect()
    }

    fn expanded_docs(invocation: &str, table: &str, mode_standard: bool) -> Vec<String> {
        let invocation = parse_codes(invocation.parse().unwrap_or_else(|error| panic!("{error}")))
            .unwrap_or_else(|error| panic!("{error}"));
        let standard = StandardTable {
            table: crate::load_table(STANDARD, TableKind::Standard)
                .unwrap_or_else(|rejected| panic!("{:?}", rejected.problems)),
            fingerprint: source(STANDARD).fingerprint(),
        };
        let (checked, kind) = if mode_standard {
            (standard.table.clone(), TableKind::Standard)
        } else {
            let kind = TableKind::Custom { standard: &standard };
            let checked = crate::load_table(table, kind).unwrap_or_else(|rejected| panic!("{:?}", rejected.problems));
            (checked, kind)
        };
        let mut found = Vec::new();
        docs(expand(&invocation, &checked, &source(table), kind), &mut found);
        found
    }

    #[test]
    fn generated_docs_link_to_the_runtime_by_its_path() {
        let cases = [
            (
                "crate; standard; pub enum Code = \"codes.toml\";",
                STANDARD,
                true,
                "crate",
            ),
            (
                "::sipcodes; standard_table = \"\"; pub enum CarrierCode = \"codes.toml\";",
                CUSTOM,
                false,
                "::sipcodes",
            ),
            (
                "$crate; standard_table = \"\"; pub enum CarrierCode = \"codes.toml\";",
                CUSTOM,
                false,
                "$crate",
            ),
        ];
        for (invocation, table, standard, runtime) in cases {
            let docs = expanded_docs(invocation, table, standard);
            assert!(docs.len() > 20, "{runtime}: the expansion is documented");
            for doc in &docs {
                assert!(!doc.contains("#runtime"), "{runtime}: a doc holds `#runtime`: {doc:?}");
                assert_eq!(unresolvable(doc), Vec::<String>::new(), "{runtime}: in {doc:?}");
            }
            for target in ["StatusCode", "DeprecatedCode"] {
                let link = if runtime == "$crate" {
                    format!("`{target}`")
                } else {
                    format!("]({runtime}::{target})")
                };
                assert!(
                    docs.iter().any(|doc| doc.contains(&link)),
                    "{runtime}: a doc names {target} as `{link}`"
                );
            }
        }
    }

    #[test]
    fn unresolvable_links_are_found() {
        assert_eq!(
            unresolvable(" The code as a [`StatusCode`](#runtime::StatusCode)."),
            ["#runtime::StatusCode"]
        );
        assert_eq!(
            unresolvable(" A [`StatusCode`]($crate::StatusCode)."),
            ["$crate::StatusCode"]
        );
        assert_eq!(
            unresolvable(" See [`canonical`](Self::canonical)."),
            Vec::<String>::new()
        );
    }

    #[test]
    fn through_the_wrapper_macro_the_runtime_is_named_without_a_link() {
        let dollar_crate: TokenStream = "$crate".parse().unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(runtime_link(&dollar_crate, "StatusCode"), "`StatusCode`");
        assert_eq!(
            runtime_link(&quote!(::sipcodes), "StatusCode"),
            "[`StatusCode`](::sipcodes::StatusCode)"
        );
        assert_eq!(
            runtime_link(&quote!(crate), "StatusCode"),
            "[`StatusCode`](crate::StatusCode)"
        );
    }
}
