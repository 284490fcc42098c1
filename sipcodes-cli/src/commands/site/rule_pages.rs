//! The audit rules' page, each code's rules, and the vendors' Q.850 rows on code and cause
//! pages.

use std::fmt::Write as _;

use sipcodes::Code;
use sipcodes::audit::{Rule, Severity};
use sipcodes::q850::{Cause, ProfileTable, VENDORS};

use super::html::{Page, cite, escape};
use crate::commands::export::source_url;

/// The anchor of a rule on `rules/index.html`: its id, which never changes.
fn rule_link(rule: &Rule, root: &str) -> String {
    format!(
        "<a href=\"{root}rules/index.html#{id}\"><code class=\"wrap\">{id}</code></a>",
        id = escape(rule.id())
    )
}

fn severity_badge(severity: Severity) -> String {
    format!("<span class=\"badge sev-{0}\">{0}</span>", severity.as_str())
}

/// Every audit rule: id (the row's anchor), severity, summary, the code it is about, and the
/// RFC section.
pub fn rules_index() -> Page {
    let rules = sipcodes::audit::rules();
    let mut main = String::new();
    let _ = write!(
        main,
        "<h1>Audit rules</h1>\n<p class=\"lead\">The {} rules <code>sipcodes audit</code> checks a response, an \
         exchange or a trace against. A rule's id is stable: link to it as <code>rules/index.html#ID</code>.</p>\n\
         <div class=\"scroll\"><table class=\"rules\">\n<thead><tr><th scope=\"col\">Rule</th>\
         <th scope=\"col\">What it asks</th></tr></thead>\n<tbody>\n",
        rules.len()
    );
    for rule in rules {
        let code = rule.code().and_then(Code::from_u16).map_or_else(
            || "any response".to_owned(),
            |code| {
                format!(
                    "<a href=\"../codes/{0}.html\">{0} {1}</a>",
                    code.as_u16(),
                    escape(code.reason_phrase())
                )
            },
        );
        let _ = writeln!(
            main,
            "<tr id=\"{id}\"><td><code class=\"wrap\">{id}</code><br>{severity}</td><td>{summary}\
             <br><span class=\"muted\">About {code}; stated in</span> {citation}</td></tr>",
            id = escape(rule.id()),
            severity = severity_badge(rule.severity()),
            summary = escape(rule.summary()),
            citation = cite(rule.citation()),
        );
    }
    main.push_str("</tbody>\n</table></div>\n");
    Page {
        path: "rules/index.html".to_owned(),
        title: "Audit rules".to_owned(),
        summary: "Every rule sipcodes audit checks SIP responses against, with its severity and RFC section."
            .to_owned(),
        main,
        script: None,
    }
}

/// The code page's section: the rules about this code by name, and a link to those about
/// every response.
pub fn rules_section(main: &mut String, code: Code) {
    let status = code.status_code();
    let (own, general): (Vec<&Rule>, Vec<&Rule>) =
        sipcodes::audit::rules_for(status).partition(|rule| rule.code().is_some() || rule.header_rule().is_some());
    main.push_str("<h2>Audit rules</h2>\n");
    if own.is_empty() {
        let _ = writeln!(main, "<p>No audit rule is about {} alone.</p>", code.as_u16());
    } else {
        main.push_str(
            "<div class=\"scroll\"><table class=\"rules\">\n<thead><tr><th scope=\"col\">Rule</th>\
             <th scope=\"col\">What it asks</th></tr></thead>\n<tbody>\n",
        );
        for rule in own {
            let _ = writeln!(
                main,
                "<tr><td>{}<br>{}</td><td>{}<br><span class=\"muted\">Stated in</span> {}</td></tr>",
                rule_link(rule, "../"),
                severity_badge(rule.severity()),
                escape(rule.summary()),
                cite(rule.citation())
            );
        }
        main.push_str("</tbody>\n</table></div>\n");
    }
    let _ = writeln!(
        main,
        "<p>A {} is also checked by the <a href=\"../rules/index.html\">{} rules about every response</a>.</p>",
        code.as_u16(),
        general.len()
    );
}

/// A link to the line a vendor's row was read at, or the bare source.
fn source_cell(table: &ProfileTable, source: Option<&str>) -> String {
    match (source, source_url(table, source)) {
        (Some(source), Some(url)) => format!(
            "<a href=\"{}\"><code class=\"wrap\">{}</code></a>",
            escape(&url),
            escape(source)
        ),
        (Some(source), None) => format!("<code class=\"wrap\">{}</code>", escape(source)),
        (None, _) => "<span class=\"muted\">none given</span>".to_owned(),
    }
}

fn cause_cell(cause: Option<u16>, vendor_name: Option<&str>) -> String {
    let mut cell = match cause {
        Some(value) => match u8::try_from(value).ok().and_then(Cause::from_u8) {
            Some(cause) => format!(
                "<a href=\"../q850/{0}.html\">{0} {1}</a>",
                cause.as_u8(),
                escape(cause.name())
            ),
            None => format!("{value} <span class=\"muted\">(the vendor's own)</span>"),
        },
        None => "none".to_owned(),
    };
    if let Some(name) = vendor_name {
        let _ = write!(cell, "<br><code>{}</code>", escape(name));
    }
    cell
}

fn status_cell(status: u16) -> String {
    match Code::from_u16(status) {
        Some(code) => format!(
            "<a href=\"../codes/{0}.html\">{0} {1}</a>",
            status,
            escape(code.reason_phrase())
        ),
        None => status.to_string(),
    }
}

/// A vendor row: the gateway, then what it maps to with the source it was read at below.
fn vendor_row(out: &mut String, table: &ProfileTable, cell: &str, source: Option<&str>) {
    let _ = writeln!(
        out,
        "<tr><td>{}</td><td>{cell}<br><span class=\"muted\">Source:</span> {}</td></tr>",
        escape(table.name()),
        source_cell(table, source)
    );
}

fn vendor_table(main: &mut String, level: u8, heading: &str, what: &str, rows: &str) {
    let _ = write!(
        main,
        "<h{level}>{heading}</h{level}>\n<div class=\"scroll\"><table>\n<thead><tr><th scope=\"col\">Gateway</th>\
         <th scope=\"col\">{what}</th></tr></thead>\n<tbody>\n"
    );
    main.push_str(rows);
    main.push_str("</tbody>\n</table></div>\n");
}

/// The code page's vendor rows: the causes each gateway answers with this code, and the
/// cause it releases with on it, each with the line of source it was read at.
pub fn vendor_code_section(main: &mut String, code: Code) {
    let number = code.as_u16();
    let mut to_code = String::new();
    let mut from_code = String::new();
    for table in VENDORS {
        let default = table.to_sip_default();
        for (row, is_default) in table
            .to_sip_rows()
            .iter()
            .map(|row| (row, false))
            .chain(default.map(|row| (row, true)))
        {
            let when = if row.status() == Some(number) {
                ""
            } else if row.user_status() == Some(number) {
                "<br><span class=\"muted\">when the cause location is the user</span>"
            } else if row.diagnostic_status() == Some(number) {
                "<br><span class=\"muted\">when the diagnostic carries the new number</span>"
            } else {
                continue;
            };
            let cause = if is_default {
                "any cause it does not list".to_owned()
            } else {
                cause_cell(Some(row.cause()), row.vendor_name())
            };
            vendor_row(&mut to_code, table, &format!("{cause}{when}"), row.source());
        }
        if let Some(row) = table.from_sip_entry(number).filter(|_| number >= 300) {
            let mut cell = cause_cell(row.cause(), row.vendor_name());
            if row.statuses().start() != row.statuses().end() {
                let _ = write!(
                    cell,
                    "<br><span class=\"muted\">the {} for {}–{}</span>",
                    if table.from_sip_defaults().contains(row) {
                        "default"
                    } else {
                        "row"
                    },
                    row.statuses().start(),
                    row.statuses().end()
                );
            }
            vendor_row(&mut from_code, table, &cell, row.source());
        }
    }
    main.push_str(
        "<h3>Gateways' own tables</h3>\n<p>How Asterisk, FreeSWITCH and OpenSIPS map it, each row read from their source \
         at a fixed commit; a cause or status a gateway does not list takes its table's default.</p>\n",
    );
    if !to_code.is_empty() {
        vendor_table(
            main,
            4,
            &format!("Causes a gateway answers with {number}"),
            "Cause",
            &to_code,
        );
    }
    if !from_code.is_empty() {
        vendor_table(
            main,
            4,
            &format!("The cause a gateway releases with on {number}"),
            "Cause",
            &from_code,
        );
    }
}

/// The cause page's vendor rows: the response each gateway sends, and the responses it
/// releases with this cause on.
pub fn vendor_cause_section(main: &mut String, cause: Cause) {
    let value = u16::from(cause.as_u8());
    let mut to_sip = String::new();
    let mut from_sip = String::new();
    for table in VENDORS {
        if let Some(row) = table.to_sip_entry(value) {
            let is_default = !table.to_sip_rows().iter().any(|listed| listed.cause() == value);
            let mut cell = row.status().map_or_else(|| "none".to_owned(), status_cell);
            for (other, when) in [
                (row.user_status(), "when the cause location is the user"),
                (row.diagnostic_status(), "when the diagnostic carries the new number"),
            ] {
                if let Some(other) = other.filter(|&other| Some(other) != row.status()) {
                    let _ = write!(cell, "; {} {when}", status_cell(other));
                }
            }
            if is_default {
                cell.push_str("<br><span class=\"muted\">the table's default: it does not list this cause</span>");
            } else if let Some(name) = row.vendor_name() {
                let _ = write!(cell, "<br><code>{}</code>", escape(name));
            }
            vendor_row(&mut to_sip, table, &cell, row.source());
        }
        for row in table.from_sip_rows().iter().filter(|row| row.cause() == Some(value)) {
            let statuses = if row.statuses().start() == row.statuses().end() {
                status_cell(*row.statuses().start())
            } else {
                format!("{}–{}", row.statuses().start(), row.statuses().end())
            };
            vendor_row(&mut from_sip, table, &statuses, row.source());
        }
    }
    main.push_str("<h2>Gateways' own tables</h2>\n");
    main.push_str(
        "<p>Rows read from each gateway's source at a fixed commit; a cause it does not list takes its default.</p>\n",
    );
    if !to_sip.is_empty() {
        vendor_table(main, 3, "The response a gateway sends", "Response", &to_sip);
    }
    if !from_sip.is_empty() {
        vendor_table(
            main,
            3,
            &format!("Responses a gateway releases with cause {value} on"),
            "Response",
            &from_sip,
        );
    }
}
