//! Where a fact is stated: `rfc` and `section`, the same rule in every table (the codes
//! table, its facts and classes, and the registries). The text rules are `lexical`'s.

use crate::check::TablePlace;
use crate::diagnostic::{Diagnostics, Problem, Reported};
use crate::lexical;
use crate::schema::Located;
use crate::table::Citation;

/// `rfc` and `section` where a citation may be left out: `rfc` like "RFC 3261", `section`
/// like "21.4.24" and only with an `rfc`. `Ok(None)` without either; `Err` when either is
/// malformed.
pub fn check_citation(
    rfc: Option<&Located<String>>,
    section: Option<&Located<String>>,
    diagnostics: &mut Diagnostics,
) -> Result<Option<Citation>, Reported> {
    let rfc_valid = rfc.is_none_or(|rfc| check_rfc(rfc, diagnostics));
    let section_valid = section.is_none_or(|section| check_section(section, "section", rfc.is_some(), diagnostics));
    if !(rfc_valid && section_valid) {
        return Err(Reported);
    }
    Ok(rfc.map(|rfc| Citation::of(&rfc.value, section.map(|section| section.value.as_str()))))
}

/// The citation of a fact: `rfc` is required, as every fact must say where it is stated.
pub fn check_fact_citation(
    rfc: Option<&Located<String>>,
    section: Option<&Located<String>>,
    place: &TablePlace<'_>,
    diagnostics: &mut Diagnostics,
) -> Option<Citation> {
    let TablePlace {
        name: context,
        header: start,
        reported,
    } = *place;
    if rfc.is_none() {
        if !reported.contains(&"rfc") {
            diagnostics.push(
                Problem::new(
                    start.clone(),
                    format!("{context} has no `rfc`"),
                    "a fact without a citation",
                )
                .help(
                    "every protocol fact cites the RFC that states it: add `rfc = \"RFC <number>\"` and \
                         `section = \"...\"` to the table that starts here",
                ),
            );
        }
        return None;
    }
    check_citation(rfc, section, diagnostics).ok().flatten()
}

/// `rfc = "RFC 3261"`.
pub fn check_rfc(rfc: &Located<String>, diagnostics: &mut Diagnostics) -> bool {
    if lexical::is_rfc(&rfc.value) {
        return true;
    }
    let message = format!("`rfc` must look like \"RFC 3261\", found {:?}", rfc.value);
    let help = "write `RFC`, one space, and the RFC's number";
    diagnostics.push(Problem::new(rfc.span.clone(), message, "not of the form `RFC <number>`").help(help));
    false
}

/// A section number under `key` (`section`, or a registry's `to_sip_section`), which says
/// nothing without the RFC it belongs to.
pub fn check_section(section: &Located<String>, key: &str, has_rfc: bool, diagnostics: &mut Diagnostics) -> bool {
    let (message, label, help) = if !lexical::is_section(&section.value) {
        (
            format!("`{key}` must look like \"21.4.24\", found {:?}", section.value),
            "not a section number",
            "write the section number alone, numbers separated by dots; an appendix starts with its letter, as in \"A.1\"",
        )
    } else if !has_rfc {
        (
            format!("`{key}` is given without `rfc`"),
            "section of which RFC?",
            "add `rfc = \"RFC <number>\"`, or remove `section`",
        )
    } else {
        return true;
    };
    diagnostics.push(Problem::new(section.span.clone(), message, label).help(help));
    false
}
