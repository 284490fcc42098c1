//! `CODES.md` is generated from `codes.toml`, and `CAUSES.md` from sipcodes' Q.850, warn-code
//! and Reason-protocol tables; both are checked in, so people can read them on GitHub. These
//! tests fail when either is stale and say how to regenerate it. `RULES.md` lists the audit's
//! rules, from `sipcodes::audit::rules()`, and is kept current the same way.

use std::fmt::Write as _;
use std::path::Path;

// Rebuild this test when the table changes.
const _: &[u8] = include_bytes!("../../sipcodes/codes.toml");

const CODES: &str = sipcodes_macros::codes_reference!(markdown = "../sipcodes/codes.toml");

const _: &[u8] = include_bytes!("../../sipcodes/q850.toml");
const _: &[u8] = include_bytes!("../../sipcodes/warn-codes.toml");
const _: &[u8] = include_bytes!("../../sipcodes/reason-protocols.toml");

const CAUSES: &str = sipcodes_macros::registry_reference!(
    q850 = "../sipcodes/q850.toml",
    warn_codes = "../sipcodes/warn-codes.toml",
    reason_protocols = "../sipcodes/reason-protocols.toml",
);

/// Compares `file` at the workspace root with `generated`; rewrites it when blessing.
fn check_up_to_date(file: &str, generated: &str, sources: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(file);
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    if checked_in == generated {
        return;
    }
    if std::env::var_os("SIPCODES_BLESS").is_some() {
        std::fs::write(&path, generated).unwrap();
        return;
    }
    panic!(
        "{file} is stale: it no longer matches {sources}.\n\
         Regenerate it with:\n\n    SIPCODES_BLESS=1 cargo test -p sipcodes-tests --test reference\n\n\
         then review and commit the change."
    );
}

/// `RULES.md`: every rule of the audit, as `rules()` lists them.
fn rules_md() -> String {
    let mut text = String::from(
        "# Audit rules\n\n\
         Generated from `sipcodes::audit::rules()` by `tests/tests/reference.rs`; do not edit by hand. \
         Regenerate with `SIPCODES_BLESS=1 cargo test -p sipcodes-tests --test reference`.\n\n\
         `sipcodes::audit` (feature `audit`) checks a response (`check_response`), a response with its \
         request (`check_exchange`) or a whole trace (`Auditor`, with `std`) against these rules. \
         Severity: **error** for a MUST or MUST NOT broken, **warning** for a SHOULD, a retired code or \
         values that contradict each other, **info** for what is legal but notable.\n\n\
         Ids are stable and never reused. A rule derived from a header rule of `codes.toml` is \
         `{code}-{must-carry|should-carry|must-not-carry}-{header}`, the header field's name in lower \
         case; the one every unregistered code shares is `unregistered-must-not-carry-min-se`. \
         Other ids name what the rule finds.\n\n\
         | id | severity | rule | RFC |\n|---|---|---|---|\n",
    );
    for rule in sipcodes::audit::rules() {
        let citation = rule.citation();
        writeln!(
            text,
            "| `{}` | {} | {} | [{citation}]({}) |",
            rule.id(),
            rule.severity(),
            rule.summary().replace('|', "\\|"),
            citation.url()
        )
        .unwrap();
    }
    text
}

#[test]
fn rules_md_is_up_to_date() {
    check_up_to_date("RULES.md", &rules_md(), "sipcodes::audit::rules()");
}

#[test]
fn codes_md_is_up_to_date() {
    check_up_to_date("CODES.md", CODES, "codes.toml");
}

#[test]
fn causes_md_is_up_to_date() {
    assert!(!CAUSES.is_empty(), "a registry TOML did not load");
    check_up_to_date(
        "CAUSES.md",
        CAUSES,
        "sipcodes/q850.toml, sipcodes/warn-codes.toml and sipcodes/reason-protocols.toml",
    );
}

#[test]
fn causes_md_lists_every_cause_warn_code_and_protocol() {
    use sipcodes::q850::{Cause, Profile};
    use sipcodes::reason::Protocol;
    use sipcodes::warning::WarnCode;

    for cause in Cause::ALL {
        let row = format!("| {} | {}", cause.as_u8(), cause.name());
        assert!(CAUSES.contains(&row), "missing row: {row}");
    }
    for warning in WarnCode::ALL {
        let row = format!("| {} | {} |", warning.as_u16(), warning.text());
        assert!(CAUSES.contains(&row), "missing row: {row}");
    }
    for protocol in Protocol::ALL {
        assert!(CAUSES.contains(&format!("| `{}` |", protocol.name())), "{protocol}");
    }
    for profile in Profile::ALL {
        assert!(CAUSES.contains(&format!("| {} | [", profile.rfc())), "{profile:?}");
    }
    assert!(CAUSES.contains("printed in the RFC as \"504 Version Not Supported\""));
}

#[test]
fn codes_md_lists_every_code() {
    assert!(!CODES.is_empty(), "codes.toml did not load");
    for &code in sipcodes::Code::ALL {
        let row = format!("| [{0}](#{0}) | {1} |", code.as_u16(), code.reason_phrase());
        assert!(CODES.contains(&row), "missing row: {row}");
        let heading = format!(
            "### {}\n\n**{} {}** — {}",
            code.as_u16(),
            code.as_u16(),
            code.reason_phrase(),
            code.description()
        );
        assert!(CODES.contains(&heading), "missing description of {}", code.as_u16());
    }
}
