//! `CODES.md` is generated from `codes.toml` and checked in, so people can read the table on
//! GitHub. This test fails when it is stale and says how to regenerate it.

use std::path::Path;

// Rebuild this test when the table changes.
const _: &[u8] = include_bytes!("../../sipcodes/codes.toml");

const GENERATED: &str = sipcodes_macros::codes_reference!(markdown = "../sipcodes/codes.toml");

#[test]
fn codes_md_is_up_to_date() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../CODES.md");
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    if checked_in == GENERATED {
        return;
    }
    if std::env::var_os("SIPCODES_BLESS").is_some() {
        std::fs::write(&path, GENERATED).unwrap();
        return;
    }
    panic!(
        "CODES.md is stale: it no longer matches codes.toml.\n\
         Regenerate it with:\n\n    SIPCODES_BLESS=1 cargo test -p sipcodes-tests --test reference\n\n\
         then review and commit the change."
    );
}

#[test]
fn codes_md_lists_every_code() {
    assert!(!GENERATED.is_empty(), "codes.toml did not load");
    for &code in sipcodes::Code::ALL {
        let row = format!("| [{0}](#{0}) | {1} |", code.as_u16(), code.reason_phrase());
        assert!(GENERATED.contains(&row), "missing row: {row}");
        let heading = format!(
            "### {}\n\n**{} {}** — {}",
            code.as_u16(),
            code.as_u16(),
            code.reason_phrase(),
            code.description()
        );
        assert!(GENERATED.contains(&heading), "missing description of {}", code.as_u16());
    }
}
