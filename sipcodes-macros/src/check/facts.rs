//! The protocol facts of one `[[code]]` table: its `[[code.header_rule]]` rules and its
//! `[code.client_reaction]`, and the `reaction` of a class. Every fact cites the RFC that states it.

use crate::check::citation::check_fact_citation;
use crate::check::{TablePlace, check_word, missing_key, required_text};
use crate::diagnostic::{Diagnostics, Problem};
use crate::lexical;
use crate::schema::{Located, Record};
use crate::table::{ClientReaction, Condition, Dialog, HeaderRule, HeaderTest, Reaction, Requirement, Word};

/// The most header rules one code may have: `missing_headers` marks the headers it finds in
/// a 64-bit set, so that it needs no allocation.
pub const MAX_HEADER_RULES: usize = 64;

/// The `[[code.header_rule]]` rules of `table`, or `None` when any is broken.
pub fn check_header_rules(table: &Record, label: &str, diagnostics: &mut Diagnostics) -> Option<Vec<HeaderRule>> {
    let checkpoint = diagnostics.checkpoint();
    let rules: Vec<(HeaderRule, &Record)> = table
        .tables("header_rule")
        .iter()
        .filter_map(|header| check_header_rule(header, label, diagnostics).map(|rule| (rule, header)))
        .collect();
    check_duplicate_rules(&rules, label, diagnostics);
    if let Some(extra) = table.tables("header_rule").get(MAX_HEADER_RULES) {
        diagnostics.push(
            Problem::new(
                extra.header.clone(),
                format!(
                    "{label} has {} header rules, more than {MAX_HEADER_RULES}",
                    table.tables("header_rule").len()
                ),
                "one rule too many",
            )
            .help(format!(
                "a code may have at most {MAX_HEADER_RULES} header rules (`missing_headers` tracks them in a \
                 64-bit set so that it never allocates): merge or remove rules"
            )),
        );
    }
    (!diagnostics.any_since(checkpoint)).then(|| rules.into_iter().map(|(rule, _)| rule).collect())
}

fn check_header_rule(table: &Record, label: &str, diagnostics: &mut Diagnostics) -> Option<HeaderRule> {
    let context = format!("a [[code.header_rule]] table of {label}");
    let place = TablePlace {
        name: &context,
        header: &table.header,
        reported: &table.reported,
    };
    let header = required_text(table.text("header"), "header", &place, diagnostics)
        .and_then(|_| check_header_name(table.text("header")?, diagnostics));
    let requirement = required_text(table.text("requirement"), "requirement", &place, diagnostics)
        .and_then(|_| check_requirement(table.text("requirement")?, diagnostics));
    let condition = check_condition(table, diagnostics);
    let citation = check_fact_citation(table.text("rfc"), table.text("section"), &place, diagnostics);
    Some(HeaderRule {
        header: header?,
        requirement: requirement?,
        condition: condition?,
        citation: citation?,
    })
}

/// The keys that say when a rule applies.
const CONDITION_KEYS: &str = "`methods`, `dialog`, `response_carries`, `request_carried`, `request_lacked`, and `human` for \
                              what no message shows";

/// The condition of a `[[code.header_rule]]` table, from its parts: `Some(None)` when it
/// has none (the rule always applies), `None` when a part is broken.
#[allow(
    clippy::option_option,
    reason = "broken, absent or present, as every checked key of a rule"
)]
fn check_condition(table: &Record, diagnostics: &mut Diagnostics) -> Option<Option<Condition>> {
    let checkpoint = diagnostics.checkpoint();
    let methods = table.texts("methods").map_or_else(Vec::new, |methods| {
        non_empty_list(
            methods,
            "methods",
            "name the request methods, such as [\"INVITE\"]",
            diagnostics,
        );
        methods
            .value
            .iter()
            .filter_map(|method| check_method(method, diagnostics))
            .collect()
    });
    let dialog = table
        .text("dialog")
        .and_then(|dialog| check_word::<Dialog>(dialog, diagnostics));
    if let (Some(dialog), Some(written), Some(listed)) = (dialog, table.text("dialog"), table.texts("methods")) {
        check_dialog_methods(dialog, written, listed, diagnostics);
    }
    let mut tests = |key: &str| -> Vec<HeaderTest> {
        table.texts(key).map_or_else(Vec::new, |tests| {
            non_empty_list(
                tests,
                key,
                "name a header field, such as [\"Require: 100rel\"]",
                diagnostics,
            );
            tests
                .value
                .iter()
                .filter_map(|test| check_header_test(test, key, diagnostics))
                .collect()
        })
    };
    let response_carries = tests("response_carries");
    let request_carried = tests("request_carried");
    let request_lacked = tests("request_lacked");
    let human = table.text("human").and_then(|human| check_human(human, diagnostics));
    let condition = Condition {
        methods,
        dialog,
        response_carries,
        request_carried,
        request_lacked,
        human,
    };
    let has_parts = condition != Condition::default();
    let has_keys = [
        "methods",
        "dialog",
        "response_carries",
        "request_carried",
        "request_lacked",
        "human",
    ]
    .iter()
    .any(|key| table.texts(key).is_some() || table.text(key).is_some());
    if let Some(free_text) = table.text("condition") {
        let problem = if has_keys {
            Problem::new(
                free_text.span.clone(),
                "this rule gives its condition twice: as parts and as the free text `condition`",
                "the retired free text",
            )
            .help(if has_parts {
                format!(
                    "remove `condition`: the parts say when the rule applies, and its text is generated from them \
                     (\"{}\")",
                    condition.text()
                )
            } else {
                "remove `condition`: the parts say when the rule applies, and its text is generated from them"
                    .to_owned()
            })
        } else {
            Problem::new(
                free_text.span.clone(),
                "`condition` is no longer a key: a condition is written as parts a machine can check",
                "free text",
            )
            .help(format!(
                "say when the rule applies with {CONDITION_KEYS}; for example `methods = [\"INVITE\"]` and \
                 `request_carried = [\"Record-Route\"]` instead of \"answering an INVITE that carried Record-Route\""
            ))
        };
        diagnostics.push(problem);
    }
    if diagnostics.any_since(checkpoint) {
        return None;
    }
    Some(has_parts.then_some(condition))
}

/// A `dialog` part that none of the `methods` can meet: only INVITE creates an early dialog,
/// and only INVITE, SUBSCRIBE and REFER create a dialog (RFC 3261 §12.1, RFC 6665 §4.1,
/// RFC 3515).
fn check_dialog_methods(
    dialog: Dialog,
    written: &Located<String>,
    methods: &Located<Vec<Located<String>>>,
    diagnostics: &mut Diagnostics,
) {
    let creating: &[&str] = match dialog {
        Dialog::Creates => &["INVITE", "SUBSCRIBE", "REFER"],
        Dialog::CreatesEarly => &["INVITE"],
    };
    if methods.value.is_empty()
        || methods
            .value
            .iter()
            .any(|method| creating.contains(&method.value.as_str()))
    {
        return;
    }
    let listed: Vec<&str> = methods.value.iter().map(|method| method.value.as_str()).collect();
    let what = match dialog {
        Dialog::Creates => "a dialog",
        Dialog::CreatesEarly => "an early dialog",
    };
    diagnostics.push(
        Problem::new(
            written.span.clone(),
            format!("a response to {} never creates {what}", listed.join(" or ")),
            "never holds with these methods",
        )
        .note(methods.span.clone(), "the methods")
        .help(format!(
            "only a response to {} creates {what} (RFC 3261 §12.1): add the method, or remove `dialog`",
            creating.join(", ")
        )),
    );
}

/// A list that is given must name something.
fn non_empty_list(list: &Located<Vec<Located<String>>>, key: &str, what: &str, diagnostics: &mut Diagnostics) {
    if list.value.is_empty() {
        diagnostics.push(
            Problem::new(list.span.clone(), format!("`{key}` is an empty list"), "empty").help(format!(
                "{what}, or remove `{key}`: a part left out does not restrict when the rule applies"
            )),
        );
    }
}

/// The methods RFC 3261 and its extensions define, as `CSeq` writes them.
const KNOWN_METHODS: [&str; 14] = [
    "ACK",
    "BYE",
    "CANCEL",
    "INFO",
    "INVITE",
    "MESSAGE",
    "NOTIFY",
    "OPTIONS",
    "PRACK",
    "PUBLISH",
    "REFER",
    "REGISTER",
    "SUBSCRIBE",
    "UPDATE",
];

/// A request method: an RFC 3261 `token` (§25.1, `Method`), case-sensitive.
fn check_method(method: &Located<String>, diagnostics: &mut Diagnostics) -> Option<String> {
    let invalid = lexical::first_invalid_token_character(&method.value);
    if method.value.is_empty() || invalid.is_some() {
        let what = invalid.map_or_else(
            || "is empty".to_owned(),
            |character| format!("contains {}", lexical::describe_character(character)),
        );
        diagnostics.push(
            Problem::new(
                method.span.clone(),
                format!("method {:?} {what}", method.value),
                "not a method",
            )
            .help("a method is an RFC 3261 `token` (§25.1), such as \"INVITE\"; list several methods as several items"),
        );
        return None;
    }
    let upper = method.value.to_ascii_uppercase();
    if upper != method.value && KNOWN_METHODS.contains(&upper.as_str()) {
        diagnostics.push(
            Problem::new(
                method.span.clone(),
                format!("method {:?} is not {upper}: methods are case-sensitive", method.value),
                "not the method's spelling",
            )
            .help(format!(
                "write \"{upper}\", as the response's CSeq names it (RFC 3261 §20.16)"
            )),
        );
        return None;
    }
    Some(method.value.clone())
}

/// One item of `response_carries`, `request_carried` or `request_lacked`: `"Header"`, or
/// `"Header: token"` for a header field that lists the token (`Require: 100rel`) or holds the
/// parameter (`Session-Expires: refresher=uac`).
fn check_header_test(test: &Located<String>, key: &str, diagnostics: &mut Diagnostics) -> Option<HeaderTest> {
    let (name, token) = match test.value.split_once(':') {
        Some((name, token)) => (name.trim_end(), Some(token.trim())),
        None => (test.value.as_str(), None),
    };
    let mut fault = |message: String, help: String| {
        diagnostics.push(Problem::new(test.span.clone(), message, "not a header test").help(help));
        None
    };
    if let Some(character) = lexical::first_invalid_token_character(name) {
        let help = if character == ' ' && token.is_none() {
            match name.split_once(' ') {
                Some((header, rest)) => format!(
                    "put a colon between the header field and its token: \"{header}: {}\"",
                    rest.trim()
                ),
                None => String::new(),
            }
        } else {
            "write \"Header\" or \"Header: token\", such as \"Require: 100rel\"".to_owned()
        };
        return fault(
            format!(
                "`{key}` item {:?}: the header name contains {}",
                test.value,
                lexical::describe_character(character)
            ),
            help,
        );
    }
    if name.is_empty() {
        return fault(
            format!("`{key}` item {:?} names no header field", test.value),
            "write \"Header\" or \"Header: token\", such as \"Require: 100rel\"".to_owned(),
        );
    }
    if name.len() == 1 {
        return fault(
            format!("`{key}` item {:?} uses a compact form", test.value),
            "write the header field's full name, such as \"Contact\" for `m` (RFC 3261 §7.3.3): the compact forms are \
             matched from it"
                .to_owned(),
        );
    }
    let canonical = canonical_case(name);
    if canonical != name {
        return fault(
            format!(
                "`{key}` item {:?}: header name {name:?} is not written as its RFC writes it",
                test.value
            ),
            format!("write \"{canonical}\", each word capitalized, as in `header`"),
        );
    }
    let token = match token {
        None => None,
        Some("") => {
            return fault(
                format!("`{key}` item {:?} has a colon but no token after it", test.value),
                format!("write the token the header field lists, such as \"{name}: 100rel\", or just \"{name}\""),
            );
        }
        Some(token) => {
            let parts: Vec<&str> = token.splitn(2, '=').collect();
            if let Some(character) = parts
                .iter()
                .find_map(|part| lexical::first_invalid_token_character(part).or(part.is_empty().then_some('=')))
            {
                let help = if character == ',' {
                    let items: Vec<String> = token
                        .split(',')
                        .map(|one| format!("\"{name}: {}\"", one.trim()))
                        .collect();
                    format!("one token an item: write {}", items.join(", "))
                } else {
                    "the token is an RFC 3261 `token` (§25.1), or a `name=value` parameter such as \"refresher=uac\""
                        .to_owned()
                };
                return fault(
                    format!(
                        "`{key}` item {:?}: the token {token:?} contains {}",
                        test.value,
                        lexical::describe_character(character)
                    ),
                    help,
                );
            }
            Some(token.to_owned())
        }
    };
    Some(HeaderTest {
        header: name.to_owned(),
        token,
    })
}

/// `name` with each `-`-separated word starting in upper case: "record-route" gives
/// "Record-Route", `Call-ID` and `CSeq` stay as they are.
fn canonical_case(name: &str) -> String {
    let words: Vec<String> = name
        .split('-')
        .map(|word| {
            let mut characters = word.chars();
            characters
                .next()
                .map(|first| first.to_ascii_uppercase().to_string() + characters.as_str())
                .unwrap_or_default()
        })
        .collect();
    words.join("-")
}

/// The human part: one line, a sentence fragment read after "and", so without a final period.
fn check_human(human: &Located<String>, diagnostics: &mut Diagnostics) -> Option<String> {
    let text = check_line(
        human,
        "human",
        "say in a few words what no message shows, such as \"the failure is temporary\"",
        diagnostics,
    )?;
    if text.trim_end().ends_with('.') {
        diagnostics.push(
            Problem::new(
                human.span.clone(),
                "`human` ends with a period",
                "a sentence, not a fragment",
            )
            .help(format!(
                "write a fragment that reads after \"when\", without the period: \"{}\"",
                text.trim_end().trim_end_matches('.')
            )),
        );
        return None;
    }
    Some(text)
}

/// A header field name: an RFC 3261 `token`, written in full.
fn check_header_name(name: &Located<String>, diagnostics: &mut Diagnostics) -> Option<String> {
    if let Some(character) = lexical::first_invalid_token_character(&name.value) {
        diagnostics.push(
            Problem::new(
                name.span.clone(),
                format!(
                    "header name {:?} contains {}, which a header field name may not contain",
                    name.value,
                    lexical::describe_character(character)
                ),
                "not a header field name",
            )
            .help(format!(
                "a header field name is an RFC 3261 `token` (§25.1): letters, digits and `-.!%*_+`'~`{}",
                if character == ':' {
                    "; write the name without the colon, such as \"Retry-After\""
                } else {
                    ", such as \"Retry-After\""
                }
            )),
        );
        return None;
    }
    if name.value.len() == 1 {
        diagnostics.push(
            Problem::new(
                name.span.clone(),
                format!("header name {:?} is a compact form", name.value),
                "a compact form",
            )
            .help(
                "write the header field's full name, such as \"Contact\" for `m` (RFC 3261 §7.3.3): the compact \
                 forms are matched from it",
            ),
        );
        return None;
    }
    Some(name.value.clone())
}

fn check_requirement(requirement: &Located<String>, diagnostics: &mut Diagnostics) -> Option<Requirement> {
    check_word(requirement, diagnostics)
}

/// The same header, requirement and condition twice in one code.
fn check_duplicate_rules(rules: &[(HeaderRule, &Record)], label: &str, diagnostics: &mut Diagnostics) {
    for (index, (rule, table)) in rules.iter().enumerate() {
        let first = rules.iter().take(index).find(|(other, _)| {
            other.header.eq_ignore_ascii_case(&rule.header)
                && other.requirement == rule.requirement
                && other.condition == rule.condition
        });
        if let Some((_, first_table)) = first {
            diagnostics.push(
                Problem::new(
                    table.header.clone(),
                    format!(
                        "{label} has the rule \"{} carry {}{}\" twice",
                        rule.requirement.text(),
                        rule.header,
                        rule.condition
                            .as_ref()
                            .map_or_else(String::new, |condition| format!(" when {}", condition.text()))
                    ),
                    "given again here",
                )
                .note(first_table.header.clone(), "first given here")
                .help("remove one of the two tables, or give them different conditions"),
            );
        }
    }
}

/// A `[code.client_reaction]` table, or `None` when it is broken.
pub fn check_client_reaction(table: &Record, label: &str, diagnostics: &mut Diagnostics) -> Option<ClientReaction> {
    let checkpoint = diagnostics.checkpoint();
    let context = format!("the [code.client_reaction] table of {label}");
    let place = TablePlace {
        name: &context,
        header: &table.header,
        reported: &table.reported,
    };
    let reaction = match table.text("reaction") {
        None => {
            missing_key("reaction", &place, diagnostics);
            None
        }
        Some(reaction) => check_reaction(reaction, diagnostics),
    };
    let advice = match table.text("advice") {
        None => {
            missing_key("advice", &place, diagnostics);
            None
        }
        Some(advice) => check_line(
            advice,
            "advice",
            "say in a sentence or two what the client does",
            diagnostics,
        ),
    };
    let mut fix_headers = Vec::new();
    if let Some(headers) = table.texts("fix_headers") {
        if reaction.is_some_and(|reaction| reaction != Reaction::Resubmit) {
            diagnostics.push(
                Problem::new(
                    headers.span.clone(),
                    format!("`fix_headers` names what to change before resubmitting, but {label} does not resubmit"),
                    "only with `reaction = \"resubmit\"`",
                )
                .help("remove `fix_headers`, or set `reaction = \"resubmit\"`"),
            );
        }
        if headers.value.is_empty() {
            diagnostics.push(
                Problem::new(headers.span.clone(), "`fix_headers` names no header", "empty")
                    .help("name the response header field that says what to change, or remove `fix_headers`"),
            );
        }
        fix_headers = headers
            .value
            .iter()
            .filter_map(|header| check_header_name(header, diagnostics))
            .collect();
    }
    let citation = check_fact_citation(table.text("rfc"), table.text("section"), &place, diagnostics);
    if diagnostics.any_since(checkpoint) {
        return None;
    }
    Some(ClientReaction {
        reaction: reaction?,
        fix_headers,
        failover: table.flag("failover").is_some_and(|flag| flag.value),
        advice: advice?,
        citation: citation?,
    })
}

/// A client reaction's or a class's `reaction`.
pub fn check_reaction(reaction: &Located<String>, diagnostics: &mut Diagnostics) -> Option<Reaction> {
    check_word(reaction, diagnostics)
}

/// A text of one non-empty line.
fn check_line(text: &Located<String>, key: &str, what: &str, diagnostics: &mut Diagnostics) -> Option<String> {
    if text.value.trim().is_empty() || text.value.contains(['\r', '\n']) {
        diagnostics.push(
            Problem::new(
                text.span.clone(),
                format!("`{key}` must be one non-empty line"),
                "empty or several lines",
            )
            .help(what.to_owned()),
        );
        return None;
    }
    Some(text.value.clone())
}
