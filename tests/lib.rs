//! Workspace-level tests of sipcodes; the tests are the files under `tests/`. This library
//! holds what several of them share.

/// The lowest code of a class (its x00 code's number: 100, 200, …) that sipcodes' `Code`
/// does not have. Tests that need an unregistered code take one from here rather than name
/// one: the registry grows, and a user may register any code in their codes.toml.
///
/// # Panics
///
/// If every code of the class is registered, which would leave nothing to test with.
#[must_use]
pub fn unregistered_code(class: u16) -> u16 {
    (class + 1..class + 100)
        .find(|code| sipcodes::Code::from_u16(*code).is_none())
        .unwrap_or_else(|| panic!("every {}xx code is registered", class / 100))
}

// The README's examples run as doc tests of this crate (it is where the README is found both
// in the workspace and in every checkout; the published sipcodes does not carry the tests).
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
