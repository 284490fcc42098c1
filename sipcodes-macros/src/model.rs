//! The codes table's schema: the keys each of its tables takes, one row a key, and the
//! document as read (`schema.rs` reads it). What the values mean is `check/`'s business; a
//! key's presence too, as the checker can say which code a key is missing from.

use crate::diagnostic::{Diagnostics, Problem};
use crate::schema::{self, Located, Record, TableSchema, ValueType, key};

/// The top level of a codes table.
const TOP_LEVEL: TableSchema = TableSchema::new(
    "",
    &[
        key("class", ValueType::Keyed(&CLASS)), // the six classes, in sipcodes' own table
        key("code", ValueType::Tables(&CODE)),  // the codes, in file order
        key("include_standard", ValueType::Flag), // also generate sipcodes' own codes
    ],
);

/// `[class.1xx]` … `[class.6xx]`: only in sipcodes' own table.
const CLASS: TableSchema = TableSchema::new(
    "[class]",
    &[
        key("name", ValueType::Text),        // "Client Error"
        key("description", ValueType::Text), // what a code of the class means
        key("advice", ValueType::Text),      // what a client does, in a sentence or two
        key("reaction", ValueType::Text),    // of every code of the class without its own
        key("rfc", ValueType::Text),         // where the class's reaction is stated
        key("section", ValueType::Text),     // and its section
    ],
)
.example("`[class.1xx]` … `[class.6xx]`");

/// One `[[code]]` table.
const CODE: TableSchema = TableSchema::new(
    "[[code]]",
    &[
        key("code", ValueType::Integer),                            // 100 to 699
        key("reason_phrase", ValueType::Text),                      // "Busy Here"
        key("description", ValueType::Text),                        // what the code means, for docs
        key("rfc", ValueType::Text),     // where the code is defined; none for a private code
        key("section", ValueType::Text), // its section or appendix
        key("registration", ValueType::Text), // current (the default), deprecated or obsolete
        key("deprecation", ValueType::Text), // what replaced a code that is not current
        key("name", ValueType::Text),    // the variant, where the phrase does not give it
        key("aliases", ValueType::Texts), // other phrases met for the code
        key("override", ValueType::Flag), // replaces the registered entry
        key("treat_as", ValueType::Table(&TREAT_AS)), // the code a receiver acts on instead
        key("header_rule", ValueType::Tables(&HEADER_RULE)), // header fields the response carries
        key("client_reaction", ValueType::Table(&CLIENT_REACTION)), // what a client does, where the class says less
    ],
);

/// `treat_as = { code = 200, rfc = "RFC 6665", section = "8.3.1" }`: the code a receiver acts
/// on instead, and where that is stated.
const TREAT_AS: TableSchema = TableSchema::new(
    "treat_as",
    &[
        key("code", ValueType::Integer), // the current code of the same class
        key("rfc", ValueType::Text),     // where that is stated
        key("section", ValueType::Text), // and its section
    ],
)
.example("`{ code = 200, rfc = \"RFC 6665\", section = \"8.3.1\" }`");

/// One `[[code.header_rule]]` table: a header field the response must, should or may carry,
/// or must not.
const HEADER_RULE: TableSchema = TableSchema::new(
    "[[code.header_rule]]",
    &[
        key("header", ValueType::Text),      // the header field's full name
        key("requirement", ValueType::Text), // must, should, may or must not
        // When the rule applies, if not always: every part given must hold.
        key("methods", ValueType::Texts),          // the request methods, from CSeq
        key("dialog", ValueType::Text),            // creates or creates-early
        key("response_carries", ValueType::Texts), // "Header" or "Header: token"
        key("request_carried", ValueType::Texts),  // likewise, of the request
        key("request_lacked", ValueType::Texts),   // likewise, absent from the request
        key("human", ValueType::Text),             // what no message shows
        key("condition", ValueType::Text),         // the retired free text: read to say what to write instead
        key("rfc", ValueType::Text),               // the RFC that states the rule
        key("section", ValueType::Text),           // and its section
    ],
);

/// `[code.client_reaction]`: what a client does with the response.
const CLIENT_REACTION: TableSchema = TableSchema::new(
    "[code.client_reaction]",
    &[
        key("reaction", ValueType::Text),           // the client's next step
        key("fix_headers", ValueType::TextOrTexts), // the header fields that say what to change
        key("failover", ValueType::Flag),           // whether another server may be tried
        key("advice", ValueType::Text),             // the reaction in a sentence or two
        key("rfc", ValueType::Text),                // the RFC that states the reaction
        key("section", ValueType::Text),            // and its section
    ],
);

/// A codes table as read.
#[derive(Debug, Default)]
pub struct Document {
    loaded: schema::Loaded,
    /// The file holds nothing but blanks: an empty file, not a file without codes.
    pub is_blank: bool,
}

impl Document {
    /// `[class.1xx]` … `[class.6xx]`, with the place of the `class` key.
    pub fn classes(&self) -> Option<&Located<Vec<Record>>> {
        self.loaded.root.keyed("class")
    }

    /// The `[[code]]` tables, in file order.
    pub fn codes(&self) -> &[Record] {
        self.loaded.root.tables("code")
    }

    /// `include_standard = true`: also generate every code of sipcodes' own table.
    pub fn include_standard(&self) -> Option<&Located<bool>> {
        self.loaded.root.flag("include_standard")
    }

    /// The TOML did not parse cleanly: rules about the file as a whole (it defines no codes,
    /// say) would only repeat the syntax error.
    pub fn has_syntax_errors(&self) -> bool {
        self.loaded.has_syntax_errors
    }

    /// The top-level `code` key, or something in it, is already reported, which explains
    /// why no code was read.
    pub fn codes_rejected(&self) -> bool {
        self.loaded.root.reported.contains(&"code")
    }
}

/// Parses `source` and reads it. Syntax errors, wrong types and unknown keys go to
/// `diagnostics`; whatever could be read is still returned, so later rules can run too.
pub fn load(source: &str, diagnostics: &mut Diagnostics) -> Document {
    Document {
        loaded: schema::load(source, &TOP_LEVEL, diagnostics),
        is_blank: source.trim().is_empty(),
    }
}

/// A file that holds nothing but a relative path to a `.toml` file is what git writes for a
/// symbolic link where it cannot make one: say so once, rather than report the path as
/// TOML.
pub fn symlink_placeholder(source: &str) -> Option<Problem> {
    let text = source.trim();
    let placeholder = !text.is_empty()
        && !text.contains(['\n', '=', '[', '#', '"'])
        && std::path::Path::new(text)
            .extension()
            .is_some_and(|extension| extension.eq_ignore_ascii_case("toml"));
    placeholder.then(|| {
        Problem::new(
            0..source.len(),
            format!("the file holds only the path `{text}`, not a codes table"),
            "a path, not TOML",
        )
        .help(
            "this looks like a symbolic link checked out as a text file (git without symlink support, such as \
             Windows without Developer Mode or `core.symlinks=false`): replace the file with the table itself",
        )
    })
}

#[cfg(test)]
#[allow(clippy::indexing_slicing, reason = "tests index what they just built")]
mod tests {
    use super::*;

    #[test]
    fn load_keeps_locations() {
        let source = "[[code]]\ncode = 486\nreason_phrase = \"Busy Here\"\n";
        let mut diagnostics = Diagnostics::default();
        let document = load(source, &mut diagnostics);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(document.codes().len(), 1);
        let entry = &document.codes()[0];
        let code = entry.integer("code").map(|code| (code.value, code.span.clone()));
        assert_eq!(code, Some((486, 16..19)));
        let reason = entry.text("reason_phrase").map(|reason| &source[reason.span.clone()]);
        assert_eq!(reason, Some("\"Busy Here\""));
    }

    #[test]
    fn misspelled_and_mistyped_keys_are_remembered_as_reported() {
        let source = "[[code]]\ncode = \"486\"\nreason_phrse = \"Busy Here\"\n";
        let mut diagnostics = Diagnostics::default();
        let document = load(source, &mut diagnostics);
        let code = &document.codes()[0];
        assert_eq!(code.reported, ["code", "reason_phrase"]);
        assert_eq!(&source[code.header.clone()], "[[code]]");
        // What they meant, for the error skeleton.
        assert_eq!(code.meant_integer("code"), Some(486));
        assert_eq!(code.meant_text("reason_phrase"), Some("Busy Here"));
    }

    #[test]
    fn load_reports_every_wrong_type_and_unknown_key() {
        let source = "[[code]]\ncode = \"486\"\nreson = 1\naliases = [1]\n";
        let mut diagnostics = Diagnostics::default();
        load(source, &mut diagnostics);
        let messages: Vec<_> = diagnostics
            .into_sorted_problems()
            .into_iter()
            .map(|p| p.message)
            .collect();
        assert_eq!(
            messages,
            [
                "`code` must be an integer, found a string",
                "unknown key `reson` in a [[code]] table",
                "each item of `aliases` must be a string, found an integer",
            ]
        );
    }

    #[test]
    fn sub_tables_inline_tables_and_tables_of_tables_are_read() {
        let source = "[class.4xx]\nname = \"Client Error\"\n\n[[code]]\ncode = 202\n\
                      treat_as = { code = 200, rfc = \"RFC 6665\" }\n\
                      [[code.header_rule]]\nheader = \"Contact\"\n[[code.header_rule]]\nheader = \"Expires\"\n\
                      [code.client_reaction]\nfix_headers = \"Require\"\nfailover = true\n";
        let mut diagnostics = Diagnostics::default();
        let document = load(source, &mut diagnostics);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let classes = document.classes().map(|classes| &classes.value[..]).unwrap_or_default();
        assert_eq!(classes.len(), 1);
        assert_eq!(classes[0].key.as_ref().map(|key| key.value.as_str()), Some("4xx"));
        let code = &document.codes()[0];
        let treat_as = code.table("treat_as").map(|table| &source[table.header.clone()]);
        assert_eq!(treat_as, Some("{ code = 200, rfc = \"RFC 6665\" }"));
        let headers: Vec<_> = code
            .tables("header_rule")
            .iter()
            .filter_map(|rule| rule.text("header").map(|header| header.value.as_str()))
            .collect();
        assert_eq!(headers, ["Contact", "Expires"]);
        let reaction = code.table("client_reaction");
        assert_eq!(
            &source[reaction.map_or(0..0, |table| table.header.clone())],
            "[code.client_reaction]"
        );
        // One string is a list of one.
        let fix: Vec<_> = reaction
            .and_then(|table| table.texts("fix_headers"))
            .map(|texts| texts.value.iter().map(|text| text.value.clone()).collect())
            .unwrap_or_default();
        assert_eq!(fix, ["Require"]);
    }

    #[test]
    fn a_syntax_error_marks_only_the_table_it_is_in() {
        let source = "[[code]]\ncode = 499\n[[code.header_rule]]\nheader = \"Contact\"\n\n[[code]]\ncode 498\n";
        let mut diagnostics = Diagnostics::default();
        let document = load(source, &mut diagnostics);
        let codes = document.codes();
        // The tables before the error keep their keys: a missing one is still reported.
        assert!(codes[0].reported.is_empty(), "{:?}", codes[0].reported);
        assert!(codes[0].tables("header_rule")[0].reported.is_empty());
        // What the parser recovered of the table with the error counts as reported.
        assert!(codes.get(1).is_none_or(|code| code.reported.contains(&"reason_phrase")));
    }

    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "`reason` is not a key of")]
    fn a_rule_that_reads_an_undeclared_key_is_caught() {
        let document = load("[[code]]\ncode = 486\n", &mut Diagnostics::default());
        // The key was renamed `reason_phrase`: a rule still asking for `reason` is a bug.
        let _ = document.codes()[0].text("reason");
    }
}
