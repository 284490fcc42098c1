//! Property tests: whatever text a codes TOML holds, validation returns a table or located
//! errors, and never panics. They call `load_table` directly, without rustc.

use std::sync::OnceLock;

use proptest::prelude::*;

use crate::table::{StandardTable, TableKind};
use crate::{diagnostic, load_table};

/// sipcodes' own table, which the tests of the macro crate read from the workspace.
pub const STANDARD_TOML: &str = include_str!("../../sipcodes/codes.toml");

/// sipcodes' own table, checked once for all cases.
pub fn standard() -> &'static StandardTable {
    static STANDARD: OnceLock<StandardTable> = OnceLock::new();
    STANDARD.get_or_init(|| StandardTable {
        table: load_table(STANDARD_TOML, TableKind::Standard)
            .unwrap_or_else(|rejected| panic!("the standard table must load: {:?}", rejected.problems)),
        fingerprint: 0,
    })
}

/// Runs both modes over `source` and checks every problem's location and rendering.
fn validate(source: &str) {
    for kind in [TableKind::Standard, TableKind::Custom { standard: standard() }] {
        match load_table(source, kind) {
            Ok(table) => {
                assert!(!table.entries.is_empty());
                assert!(table.entries.windows(2).all(|pair| pair[0].code < pair[1].code));
                assert!(table.entries.iter().all(|entry| (100..=699).contains(&entry.code)));
            }
            Err(rejected) => {
                let problems = rejected.problems;
                assert!(!problems.is_empty());
                let skeleton = rejected.skeleton;
                assert!(!skeleton.entries.is_empty());
                assert!(skeleton.entries.windows(2).all(|pair| pair[0].code < pair[1].code));
                assert!(skeleton.entries.iter().all(|entry| (100..=699).contains(&entry.code)));
                for problem in &problems {
                    assert!(problem.span.start <= problem.span.end, "{problem:?}");
                    assert!(
                        problem.span.end <= source.len(),
                        "{problem:?} in {} bytes",
                        source.len()
                    );
                    for (span, _) in &problem.notes {
                        assert!(span.start <= span.end && span.end <= source.len(), "{problem:?}");
                    }
                    let rendered = diagnostic::render(problem, source, "codes.toml");
                    assert!(rendered.starts_with(&problem.message));
                    assert!(rendered.contains("--> codes.toml:"), "{rendered}");
                }
            }
        }
    }
}

/// One edit to a document.
#[derive(Debug, Clone)]
enum Mutation {
    /// Replace the character at a position (modulo length) with another.
    Replace(usize, char),
    /// Flip bits of the byte at a position; bytes that are no longer UTF-8 become U+FFFD,
    /// as text that reaches the macro is always valid UTF-8.
    FlipBits(usize, u8),
    /// Delete a range of characters.
    Delete(usize, usize),
    /// Insert text at a position.
    Insert(usize, String),
    /// Repeat a line.
    DuplicateLine(usize),
    /// Swap two lines.
    SwapLines(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let fragment = prop_oneof![
        Just("[[code]]\n".to_owned()),
        Just("[class.7xx]\n".to_owned()),
        Just("code = 486\n".to_owned()),
        Just("code = -1\n".to_owned()),
        Just("code = 99999999999999999999\n".to_owned()),
        Just("reason_phrase = \"\"\n".to_owned()),
        Just("aliases = [\"Busy Here\", 1]\n".to_owned()),
        Just("name = \"Self\"\n".to_owned()),
        Just("registration = \"gone\"\n".to_owned()),
        Just("include_standard = true\n".to_owned()),
        Just("override = true\n".to_owned()),
        Just("[[code.header_rule]]\nheader = \"Allow\"\nrequirement = \"must\"\nrfc = \"RFC 3261\"\n".to_owned()),
        Just(
            "[code.client_reaction]\nreaction = \"resubmit\"\nfix_headers = [\"Min-SE\"]\nadvice = \"a\"\nrfc = \"RFC 4028\"\n"
                .to_owned()
        ),
        Just("requirement = \"must never\"\n".to_owned()),
        Just("reaction = \"give up\"\n".to_owned()),
        Just("failover = 1\n".to_owned()),
        Just("\"".to_owned()),
        Just("\u{e9}\u{2603}\r\n".to_owned()),
        "\\PC{0,12}",
    ];
    prop_oneof![
        (any::<usize>(), any::<char>()).prop_map(|(at, with)| Mutation::Replace(at, with)),
        (any::<usize>(), 1..=u8::MAX).prop_map(|(at, mask)| Mutation::FlipBits(at, mask)),
        (any::<usize>(), 0..40_usize).prop_map(|(at, length)| Mutation::Delete(at, length)),
        (any::<usize>(), fragment).prop_map(|(at, text)| Mutation::Insert(at, text)),
        any::<usize>().prop_map(Mutation::DuplicateLine),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
    ]
}

fn apply(source: &str, mutation: &Mutation) -> String {
    let mut characters: Vec<char> = source.chars().collect();
    let position = |at: usize, length: usize| if length == 0 { 0 } else { at % length };
    match mutation {
        Mutation::Replace(at, with) => {
            if !characters.is_empty() {
                let index = position(*at, characters.len());
                characters[index] = *with;
            }
            characters.into_iter().collect()
        }
        Mutation::FlipBits(at, mask) => {
            let mut bytes = source.as_bytes().to_vec();
            if !bytes.is_empty() {
                let index = position(*at, bytes.len());
                bytes[index] ^= mask;
            }
            String::from_utf8_lossy(&bytes).into_owned()
        }
        Mutation::Delete(at, length) => {
            let start = position(*at, characters.len());
            let end = (start + length).min(characters.len());
            characters.drain(start..end);
            characters.into_iter().collect()
        }
        Mutation::Insert(at, text) => {
            let index = position(*at, characters.len() + 1);
            characters.splice(index..index, text.chars());
            characters.into_iter().collect()
        }
        Mutation::DuplicateLine(at) | Mutation::SwapLines(at, _) => {
            let mut lines: Vec<&str> = source.split_inclusive('\n').collect();
            if lines.is_empty() {
                return source.to_owned();
            }
            let first = position(*at, lines.len());
            if let Mutation::SwapLines(_, other) = mutation {
                let second = position(*other, lines.len());
                lines.swap(first, second);
            } else {
                lines.insert(first, lines[first]);
            }
            lines.concat()
        }
    }
}

const SMALL_TABLE: &str = "include_standard = true\n\n[[code]]\ncode = 499\nreason_phrase = \"Spam Suspected\"\n\
                           description = \"Refused as likely spam.\"\naliases = [\"Robocall\"]\n";

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn mutated_real_table_never_panics(mutations in proptest::collection::vec(mutation(), 1..6)) {
        let source = mutations.iter().fold(STANDARD_TOML.to_owned(), |source, mutation| apply(&source, mutation));
        validate(&source);
    }

    #[test]
    fn mutated_small_table_never_panics(mutations in proptest::collection::vec(mutation(), 1..10)) {
        let source = mutations.iter().fold(SMALL_TABLE.to_owned(), |source, mutation| apply(&source, mutation));
        validate(&source);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(source in "\\PC{0,200}") {
        validate(&source);
    }

    #[test]
    fn toml_shaped_text_never_panics(
        lines in proptest::collection::vec(
            prop_oneof![
                Just("[[code]]".to_owned()),
                Just("[class.4xx]".to_owned()),
                Just("[[code.header_rule]]".to_owned()),
                Just("[code.client_reaction]".to_owned()),
                "(code|reason_phrase|description|rfc|section|registration|deprecation|name|aliases|override|reason_phrse|include_standard|header|requirement|condition|reaction|fix_headers|failover|advice) = (\"[ -~]{0,12}\"|-?[0-9]{1,6}|true|\\[\"[A-Za-z ]{0,8}\"\\]|\\{\\})",
                "\\PC{0,20}",
            ],
            0..24,
        )
    ) {
        validate(&lines.join("\n"));
    }
}

#[test]
fn the_real_table_is_valid_in_both_modes() {
    assert!(load_table(STANDARD_TOML, TableKind::Standard).is_ok());
    let reports_as_custom = |source: &str, message: &str| {
        let problems = load_table(source, TableKind::Custom { standard: standard() })
            .err()
            .map(|rejected| rejected.problems)
            .unwrap_or_default();
        problems.iter().any(|problem| problem.message.contains(message))
    };
    // As a custom table it describes classes, which only sipcodes' own table may do.
    assert!(reports_as_custom(STANDARD_TOML, "cannot describe classes"));
    // With `include_standard`, every entry reuses a registered code without `override`.
    let codes_only = STANDARD_TOML
        .find("[[code]]")
        .and_then(|start| STANDARD_TOML.get(start..))
        .unwrap_or_default();
    assert!(reports_as_custom(
        &format!("include_standard = true\n{codes_only}"),
        "already registered"
    ));
}

/// Inputs a random search is unlikely to build: deep nesting, huge numbers, a byte-order
/// mark, CR line ends, and text that is one long line.
#[test]
fn extreme_inputs_give_located_errors() {
    let deep_array = format!(
        "[[code]]\ncode = 499\naliases = {}{}\n",
        "[".repeat(5_000),
        "]".repeat(5_000)
    );
    let deep_table = format!("x = {}{}\n", "{ a = ".repeat(5_000), "}".repeat(5_000));
    let long_key = format!("[[code]]\n{} = 1\n", "é".repeat(10_000));
    for source in [
        deep_array.as_str(),
        deep_table.as_str(),
        long_key.as_str(),
        "\u{feff}[[code]]\r\ncode = 499\r\nreason_phrase = \"\"\r\n",
        "[[code]]\ncode = 9223372036854775807\n",
        "[[code]]\ncode = -9223372036854775808\n",
        "[[code]]\ncode = 499.0\n",
        "[[code]]\ncode = 1979-05-27\n",
        "code = 499",
        "[code]\ncode = 499\n",
        "[[code]]\n[[code.aliases]]\n",
        "\0",
    ] {
        validate(source);
        assert!(
            load_table(source, TableKind::Custom { standard: standard() }).is_err(),
            "{source:.80}"
        );
    }
}

#[test]
fn codes_in_any_integer_notation_are_read() {
    for code in ["0x1F3", "0o763", "0b111110011", "4_9_9"] {
        let source = format!("[[code]]\ncode = {code}\nreason_phrase = \"Spam\"\ndescription = \"Refused.\"\n");
        let table = load_table(&source, TableKind::Custom { standard: standard() })
            .unwrap_or_else(|rejected| panic!("{code}: {:?}", rejected.problems));
        assert_eq!(table.entries[0].code, 499, "{code}");
    }
}
