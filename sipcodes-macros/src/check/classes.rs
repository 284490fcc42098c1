//! The `[class.Nxx]` tables: only sipcodes' own table describes the six classes.

use crate::check::citation::check_fact_citation;
use crate::check::facts::check_reaction;
use crate::check::{TablePlace, missing_key, required_text};
use crate::diagnostic::{Diagnostics, Problem};
use crate::model::Document;
use crate::schema::Record;
use crate::table::{Class, TableKind};

const CLASS_KEYS: [&str; 6] = ["1xx", "2xx", "3xx", "4xx", "5xx", "6xx"];

pub fn check_classes(document: &Document, kind: TableKind<'_>, diagnostics: &mut Diagnostics) -> Option<Vec<Class>> {
    match (kind, document.classes()) {
        (TableKind::Custom { .. }, None) => None,
        (TableKind::Custom { .. }, Some(classes)) => {
            diagnostics.push(
                Problem::new(
                    classes.span.clone(),
                    "a custom codes table cannot describe classes",
                    "not allowed here",
                )
                .help("the six classes are described once, in sipcodes' own codes.toml; remove this table"),
            );
            None
        }
        (TableKind::Standard, None) => {
            diagnostics.push(
                Problem::new(0..0, "the classes are not described", "")
                    .help("add six tables `[class.1xx]` … `[class.6xx]`, each with `name`, `description`, `advice`, `reaction` and `rfc`"),
            );
            None
        }
        (TableKind::Standard, Some(classes)) => {
            let mut found: Vec<Option<Class>> = vec![None; 6];
            for table in &classes.value {
                let Some(position) = CLASS_KEYS.iter().position(|key| *key == table.key_name()) else {
                    diagnostics.push(
                        Problem::new(
                            table.header.clone(),
                            format!("`class.{}` is not a SIP response class", table.key_name()),
                            "no such class",
                        )
                        .help("the classes are `1xx` to `6xx` (RFC 3261 §7.2); remove or rename this table"),
                    );
                    continue;
                };
                if let (Some(class), Some(slot)) = (check_class(table, position, diagnostics), found.get_mut(position))
                {
                    *slot = Some(class);
                }
            }
            for (key, class) in CLASS_KEYS.iter().zip(&found) {
                let described = classes.value.iter().any(|table| table.key_name() == *key);
                if class.is_none() && !described {
                    diagnostics.push(
                        Problem::new(
                            classes.span.clone(),
                            format!("class `{key}` is not described"),
                            "the classes are described here",
                        )
                        .help(format!(
                            "add a `[class.{key}]` table with `name`, `description`, `advice`, `reaction` and `rfc`"
                        )),
                    );
                }
            }
            found.into_iter().collect()
        }
    }
}

fn check_class(table: &Record, position: usize, diagnostics: &mut Diagnostics) -> Option<Class> {
    let context = format!("[class.{}]", table.key_name());
    let place = TablePlace {
        name: &context,
        header: &table.header,
        reported: &table.reported,
    };
    let name = required_text(table.text("name"), "name", &place, diagnostics);
    let description = required_text(table.text("description"), "description", &place, diagnostics);
    let advice = required_text(table.text("advice"), "advice", &place, diagnostics);
    let reaction = match table.text("reaction") {
        None => {
            missing_key("reaction", &place, diagnostics);
            None
        }
        Some(reaction) => check_reaction(reaction, diagnostics),
    };
    let citation = check_fact_citation(table.text("rfc"), table.text("section"), &place, diagnostics);
    Some(Class {
        digit: u16::try_from(position + 1).ok()?,
        name: name?,
        description: description?,
        advice: advice?,
        reaction: reaction?,
        citation: citation?,
    })
}
