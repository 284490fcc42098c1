//! The pure text rules every table shares: the Reason-Phrase grammar, how a phrase is
//! spelled in a table, RFC 3261 tokens, RFC citations, Rust variant names, and which known
//! name a misspelt one meant. No locations and no diagnostics here, so the checkers of the
//! codes table and of the registries, and the tests, share one definition of each rule.

/// The first character RFC 3261's Reason-Phrase rule does not allow, and why.
///
/// RFC 3261 §25.1: `Reason-Phrase = *(reserved / unreserved / escaped / UTF8-NONASCII /
/// UTF8-CONT / SP / HTAB)`.
pub fn first_invalid_phrase_character(phrase: &str) -> Option<(char, &'static str)> {
    let mut characters = phrase.chars();
    while let Some(character) = characters.next() {
        let allowed = match character {
            '%' => {
                let escape: String = characters.clone().take(2).collect();
                if escape.len() == 2 && escape.chars().all(|digit| digit.is_ascii_hexdigit()) {
                    characters.nth(1);
                    continue;
                }
                return Some((character, "which must be followed by two hex digits (`%HH`)"));
            }
            // SP / HTAB, `reserved`, and the `mark` half of `unreserved`.
            ' ' | '\t' | ';' | '/' | '?' | ':' | '@' | '&' | '=' | '+' | '$' | ',' | '-' | '_' | '.' | '!' | '~'
            | '*' | '\'' | '(' | ')' => true,
            _ if character.is_ascii_alphanumeric() => true,
            // Also C1 controls (U+0080–U+009F): the grammar's UTF8-NONASCII would let them
            // through, but a code table has no reason to carry them.
            _ if character.is_control() => return Some((character, "which a Reason-Phrase may not contain")),
            _ => !character.is_ascii(),
        };
        if !allowed {
            return Some((character, "which the Reason-Phrase grammar does not allow"));
        }
    }
    None
}

/// The first character RFC 3261's `token` rule does not allow, as in a header field name or
/// a Reason protocol.
///
/// RFC 3261 §25.1: `header-name = token`, and a token is one or more letters, digits and the
/// marks `- . ! % * _ + ' ~` and the backquote.
pub fn first_invalid_token_character(text: &str) -> Option<char> {
    text.chars().find(|character| {
        !(character.is_ascii_alphanumeric()
            || matches!(character, '-' | '.' | '!' | '%' | '*' | '_' | '+' | '`' | '\'' | '~'))
    })
}

/// Whether `text` is an RFC 3261 `token`: at least one character, each allowed.
#[cfg(feature = "registries")]
pub fn is_token(text: &str) -> bool {
    !text.is_empty() && first_invalid_token_character(text).is_none()
}

/// Whether `text` names an RFC as a table writes it: `RFC`, one space, and the RFC's number
/// (no leading zero: RFC numbers are written without one).
pub fn is_rfc(text: &str) -> bool {
    text.strip_prefix("RFC ").is_some_and(|number| {
        !number.is_empty() && !number.starts_with('0') && number.bytes().all(|digit| digit.is_ascii_digit())
    })
}

/// Whether `text` is a section number of an RFC: dot-separated parts, the first a number (a
/// section) or one capital letter (an appendix, RFC 7322 §4.9), the rest numbers, as in
/// `"21.4.24"` or `"A.1"`.
pub fn is_section(text: &str) -> bool {
    let number = |part: &str| !part.is_empty() && part.bytes().all(|digit| digit.is_ascii_digit());
    let mut parts = text.split('.');
    let first = parts.next().unwrap_or_default();
    let appendix = first.len() == 1 && first.bytes().all(|letter| letter.is_ascii_uppercase());
    (number(first) || appendix) && parts.all(number)
}

/// Whether a section number (checked by [`is_section`]) names an appendix: `"A.1"`.
pub fn is_appendix(section: &str) -> bool {
    section.starts_with(|letter: char| letter.is_ascii_uppercase())
}

/// The known name `name` is a plausible misspelling of: a few edits away (one per three
/// letters of the known name, at least one), ASCII case ignored; or else the known name it is
/// the first word of (`reason` for `reason_phrase`).
pub fn closest<'k, K: AsRef<str>>(name: &str, known: &'k [K]) -> Option<&'k K> {
    let lowered = name.to_ascii_lowercase();
    known
        .iter()
        .map(|candidate| (edit_distance(&lowered, candidate.as_ref()), candidate))
        .filter(|(distance, candidate)| *distance <= (candidate.as_ref().len() / 3).max(1))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
        .or_else(|| {
            known.iter().find(|candidate| {
                candidate
                    .as_ref()
                    .strip_prefix(lowered.as_str())
                    .is_some_and(|rest| rest.starts_with('_'))
            })
        })
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, a_char) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, b_char) in b.iter().enumerate() {
            let substitution = previous.get(j).copied().unwrap_or(usize::MAX - 1) + usize::from(a_char != *b_char);
            let insertion = current.get(j).copied().unwrap_or(usize::MAX - 1) + 1;
            let deletion = previous.get(j + 1).copied().unwrap_or(usize::MAX - 1) + 1;
            current.push(substitution.min(insertion).min(deletion));
        }
        previous = current;
    }
    previous.last().copied().unwrap_or(0)
}

/// How a phrase of a table breaks the spelling rule, if it does: words separated by single
/// spaces, nothing before the first or after the last. Lookups by phrase trim and fold
/// blanks in what they are given, so a table phrase must already be in that form; and
/// `Display` writes it on the wire as it is. Returns the byte range of the offending blanks.
pub fn blank_problem(phrase: &str) -> Option<(&'static str, std::ops::Range<usize>)> {
    let is_blank = |character: char| character == ' ' || character == '\t';
    let bytes = phrase.as_bytes();
    let leading = phrase.len() - phrase.trim_start_matches(is_blank).len();
    if leading > 0 {
        return Some(("starts with a blank", 0..leading));
    }
    let kept = phrase.trim_end_matches(is_blank).len();
    if kept < phrase.len() {
        return Some(("ends with a blank", kept..phrase.len()));
    }
    let mut index = 0;
    while let Some(&byte) = bytes.get(index) {
        if byte == b'\t' {
            return Some(("contains a tab", index..index + 1));
        }
        if byte == b' ' && bytes.get(index + 1) == Some(&b' ') {
            let run = bytes
                .get(index..)
                .map_or(0, |rest| rest.iter().take_while(|b| **b == b' ').count());
            return Some(("contains several blanks in a row", index..index + run));
        }
        index += 1;
    }
    None
}

/// `UpperCamelCase` of a reason phrase: every run of ASCII letters and digits is a word.
///
/// Letters outside ASCII cannot be part of the name; [`first_dropped_letter`] tells whether
/// a phrase has one, so that a table asks for an explicit name rather than losing letters.
pub fn variant_name(reason: &str) -> String {
    reason
        .split(|character: char| !character.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(|word| {
            let mut characters = word.chars();
            let first = characters.next().map(|first| first.to_ascii_uppercase());
            first
                .into_iter()
                .chain(characters.map(|rest| rest.to_ascii_lowercase()))
                .collect::<String>()
        })
        .collect()
}

/// The first letter or digit of `reason` that [`variant_name`] would drop (any outside
/// ASCII, such as the `é` of "Occupé"), with its byte offset.
pub fn first_dropped_letter(reason: &str) -> Option<(usize, char)> {
    reason
        .char_indices()
        .find(|(_, character)| character.is_alphanumeric() && !character.is_ascii())
}

/// Why `name` cannot be a variant of the generated enum, if it cannot.
pub fn invalid_variant_name(name: &str) -> Option<&'static str> {
    const KEYWORDS: &[&str] = &[
        "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false", "fn",
        "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self",
        "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while", "abstract",
        "become", "box", "do", "final", "macro", "override", "priv", "typeof", "unsized", "virtual", "yield", "try",
    ];
    if name.is_empty() {
        return Some("is empty");
    }
    if KEYWORDS.contains(&name) {
        return Some("is a Rust keyword");
    }
    if !name
        .chars()
        .all(|character| character.is_ascii_alphanumeric() || character == '_')
    {
        return Some("is not a valid Rust identifier (ASCII letters, digits and `_` only)");
    }
    if name.starts_with(|character: char| character.is_ascii_digit()) {
        return Some("is not a valid Rust identifier (it starts with a digit)");
    }
    if !name.starts_with(|character: char| character.is_ascii_uppercase()) || name.contains('_') {
        return Some("is not UpperCamelCase, as enum variants are named");
    }
    if name == "ALL" {
        return Some("would clash with the generated `ALL` constant");
    }
    None
}

/// A usable variant name close to a rejected one, for a help line.
pub fn suggested_name(rejected: &str) -> String {
    let camel = variant_name(rejected);
    if invalid_variant_name(&camel).is_none() {
        camel
    } else {
        "BusyHere".to_owned()
    }
}

/// A character as a message names it: `é`, or a description of a control character.
pub fn describe_character(character: char) -> String {
    match character {
        '\r' => "a carriage return (CR)".to_owned(),
        '\n' => "a line feed (LF)".to_owned(),
        '\t' => "a tab".to_owned(),
        _ if character.is_control() => {
            format!("the control character U+{:04X}", u32::from(character))
        }
        _ => format!("`{character}`"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variant_names_are_upper_camel_case() {
        assert_eq!(variant_name("Busy Here"), "BusyHere");
        assert_eq!(variant_name("OK"), "Ok");
        assert_eq!(variant_name("Request-URI Too Long"), "RequestUriTooLong");
        assert_eq!(
            variant_name("Call/Transaction Does Not Exist"),
            "CallTransactionDoesNotExist"
        );
        assert_eq!(variant_name("Server Time-out"), "ServerTimeOut");
        assert_eq!(variant_name("Bad Identity-Info"), "BadIdentityInfo");
        assert_eq!(variant_name("Max-Breadth Exceeded"), "MaxBreadthExceeded");
    }

    #[test]
    fn letters_a_derived_name_would_drop_are_found() {
        assert_eq!(first_dropped_letter("Busy Here"), None);
        assert_eq!(first_dropped_letter("Occupé"), Some((5, 'é')));
        assert_eq!(first_dropped_letter("Übergabe fehlgeschlagen"), Some((0, 'Ü')));
        assert_eq!(first_dropped_letter("忙"), Some((0, '忙')));
        // Symbols are not letters: nothing of a word is lost.
        assert_eq!(first_dropped_letter("Busy ☎ Here"), None);
    }

    #[test]
    fn blanks_must_be_single_spaces_between_words() {
        assert_eq!(blank_problem("Busy Here"), None);
        assert_eq!(blank_problem(" Busy"), Some(("starts with a blank", 0..1)));
        assert_eq!(blank_problem("Busy  "), Some(("ends with a blank", 4..6)));
        assert_eq!(
            blank_problem("Busy   Here"),
            Some(("contains several blanks in a row", 4..7))
        );
        assert_eq!(blank_problem("Busy\tHere"), Some(("contains a tab", 4..5)));
        assert_eq!(blank_problem("\tBusy"), Some(("starts with a blank", 0..1)));
    }

    #[test]
    fn invalid_names_say_why() {
        assert_eq!(invalid_variant_name("BusyHere"), None);
        assert_eq!(invalid_variant_name("Self"), Some("is a Rust keyword"));
        assert_eq!(invalid_variant_name("match"), Some("is a Rust keyword"));
        assert!(invalid_variant_name("4xx").is_some_and(|why| why.contains("digit")));
        assert!(invalid_variant_name("Busy Here").is_some_and(|why| why.contains("identifier")));
        assert!(invalid_variant_name("busy_here").is_some_and(|why| why.contains("UpperCamelCase")));
        assert!(invalid_variant_name("").is_some());
        assert!(invalid_variant_name("ALL").is_some());
    }

    #[test]
    fn reason_phrase_grammar() {
        assert_eq!(first_invalid_phrase_character("Busy Here"), None);
        assert_eq!(first_invalid_phrase_character("Call/Transaction Does Not Exist"), None);
        assert_eq!(
            first_invalid_phrase_character("Besetzt ☎ %E2%98%8E (bitte später)"),
            None
        );
        assert_eq!(first_invalid_phrase_character("tab\there"), None);
        assert_eq!(
            first_invalid_phrase_character("Busy\r\nHere").map(|(c, _)| c),
            Some('\r')
        );
        assert_eq!(
            first_invalid_phrase_character("Busy\u{7f}").map(|(c, _)| c),
            Some('\u{7f}')
        );
        assert_eq!(first_invalid_phrase_character("100%").map(|(c, _)| c), Some('%'));
        assert_eq!(first_invalid_phrase_character("%4").map(|(c, _)| c), Some('%'));
        assert_eq!(first_invalid_phrase_character("say \"hi\"").map(|(c, _)| c), Some('"'));
        assert_eq!(first_invalid_phrase_character("<busy>").map(|(c, _)| c), Some('<'));
    }

    #[test]
    fn rfcs_and_sections() {
        assert!(is_rfc("RFC 3261"));
        for wrong in ["RFC3261", "rfc 3261", "RFC 03261", "RFC ", "RFC 3261bis", "RFC  3261"] {
            assert!(!is_rfc(wrong), "{wrong}");
        }
        for section in ["21.4.24", "7", "A", "A.1", "B.2.3", "10.0"] {
            assert!(is_section(section), "{section}");
        }
        for wrong in ["", "21.", ".1", "21..4", "21a", "AB.1", "a.1", "1.A", "§21", "21 .4"] {
            assert!(!is_section(wrong), "{wrong}");
        }
        assert!(is_appendix("A.1"));
        assert!(!is_appendix("21.4"));
    }

    #[test]
    fn suggestions_are_for_near_misses_only() {
        let keys = ["code", "reason_phrase", "description", "aliases", "header_rule"];
        assert_eq!(closest("reason_phrse", &keys), Some(&"reason_phrase"));
        assert_eq!(closest("Reason_Phrase", &keys), Some(&"reason_phrase"));
        assert_eq!(closest("reason", &keys), Some(&"reason_phrase"));
        assert_eq!(closest("header", &keys), Some(&"header_rule"));
        assert_eq!(closest("reson", &keys), None);
        assert_eq!(closest("alias", &keys), Some(&"aliases"));
        assert_eq!(closest("descripton", &keys), Some(&"description"));
        assert_eq!(closest("colour", &keys), None);
        let owned = ["itu_t".to_owned()];
        assert_eq!(closest("ITU-T", &owned), owned.first());
    }

    #[test]
    #[cfg(feature = "registries")]
    fn protocols_are_tokens() {
        assert!(is_token("Q.850"));
        assert!(!is_token(""));
        assert!(!is_token("Q 850"));
    }

    #[test]
    fn header_names_are_tokens() {
        assert_eq!(first_invalid_token_character("WWW-Authenticate"), None);
        assert_eq!(first_invalid_token_character("P-Asserted_Identity.x!%*+`'~"), None);
        assert_eq!(first_invalid_token_character("Min SE"), Some(' '));
        assert_eq!(first_invalid_token_character("Allow:"), Some(':'));
        assert_eq!(first_invalid_token_character("Acc\u{e9}pt"), Some('\u{e9}'));
    }
}
