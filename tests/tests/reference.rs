//! `CODES.md` is generated from `codes.toml`, and `CAUSES.md` from sipcodes' Q.850, warn-code
//! and Reason-protocol tables; both are checked in, so people can read them on GitHub. These
//! tests fail when either is stale and say how to regenerate it.

use std::path::Path;

// Rebuild this test when the table changes.
const _: &[u8] = include_bytes!("../../sipcodes/codes.toml");

const CODES: &str = sipcodes_macros::codes_reference!(markdown = "../sipcodes/codes.toml");

const _: &[u8] = include_bytes!("../../sipcodes/q850.toml");
const _: &[u8] = include_bytes!("../../sipcodes/warn-codes.toml");
const _: &[u8] = include_bytes!("../../sipcodes/reason-protocols.toml");
// The vendor profiles beside q850.toml, which CAUSES.md shows side by side with RFC 3398.
const _: &[u8] = include_bytes!("../../sipcodes/profiles/asterisk.toml");
const _: &[u8] = include_bytes!("../../sipcodes/profiles/freeswitch.toml");
const _: &[u8] = include_bytes!("../../sipcodes/profiles/opensips.toml");

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
        assert!(
            CAUSES.contains(&format!("| {} | [", profile.citation().rfc())),
            "{profile:?}"
        );
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
