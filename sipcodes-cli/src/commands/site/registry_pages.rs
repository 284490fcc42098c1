//! The pages of the registries: Q.850 causes (an index and one page each), warn-codes and
//! Reason protocols.

use std::fmt::Write as _;

use sipcodes::q850::{Cause, Profile};
use sipcodes::reason::Protocol;
use sipcodes::warning::WarnCode;
use sipcodes::{Code, StatusCode};

use super::html::{Page, escape, profile_row};
use crate::commands::export::{TO_SIP_CASES, bearer_warning};

/// A link from a page one level down to the page of `status`, or its number alone when the
/// table has no such code.
fn status_link(status: Option<StatusCode>) -> String {
    match status {
        None => "none".to_owned(),
        Some(status) => match Code::from_u16(status.as_u16()) {
            Some(code) => format!(
                "<a href=\"../codes/{0}.html\">{0} {1}</a>",
                code.as_u16(),
                escape(code.reason_phrase())
            ),
            None => status.as_u16().to_string(),
        },
    }
}

/// The Q.850 index: every cause, and the profiles.
pub fn q850_index() -> Page {
    let mut main = String::from(
        "<h1>Q.850 cause values</h1>\n<p class=\"lead\">Why the phone network ended a call, and the SIP \
         response a gateway answers with. Each profile is an RFC's table of the mapping.</p>\n\
         <h2>Profiles</h2>\n<div class=\"scroll\"><table>\n<thead><tr><th scope=\"col\">Profile</th><th scope=\"col\">Cause → status</th>\
         <th scope=\"col\">Status → cause</th><th scope=\"col\">Defaults</th><th scope=\"col\">About</th></tr></thead>\n<tbody>\n",
    );
    for &profile in Profile::ALL {
        let _ = writeln!(
            main,
            "<tr><td class=\"nowrap\">{}</td><td class=\"nowrap\">Section {}</td><td class=\"nowrap\">Section {}</td><td>{} / cause {}</td><td>{}</td></tr>",
            escape(profile.citation().rfc()),
            escape(profile.to_sip_citation().section().unwrap_or_default()),
            escape(profile.from_sip_citation().section().unwrap_or_default()),
            status_link(Some(profile.default_status())),
            profile.default_cause().as_u8(),
            escape(profile.description())
        );
    }
    main.push_str("</tbody>\n</table></div>\n<h2>Causes</h2>\n<div class=\"scroll\"><table>\n<thead><tr><th scope=\"col\" class=\"num\">Cause</th>\
        <th scope=\"col\">Name</th>");
    for &profile in Profile::ALL {
        let _ = write!(main, "<th scope=\"col\">{}</th>", escape(profile.citation().rfc()));
    }
    main.push_str("</tr></thead>\n<tbody>\n");
    for &cause in Cause::ALL {
        let _ = write!(
            main,
            "<tr id=\"{0}\"><td class=\"num\"><a href=\"{0}.html\">{0}</a></td><td><a href=\"{0}.html\">{1}</a></td>",
            cause.as_u8(),
            escape(cause.name())
        );
        for &profile in Profile::ALL {
            let status = profile.to_sip(cause, None, sipcodes::q850::NewNumber::Unknown);
            let _ = write!(main, "<td>{}</td>", status_link(status));
        }
        main.push_str("</tr>\n");
    }
    main.push_str("</tbody>\n</table></div>\n");
    Page {
        path: "q850/index.html".to_owned(),
        title: "Q.850 cause values".to_owned(),
        summary: "ITU-T Q.850 cause values and the SIP responses they map to and from (RFC 3398, RFC 4497).".to_owned(),
        main,
        script: None,
    }
}

/// One page per cause.
pub fn cause_pages() -> Vec<Page> {
    Cause::ALL.iter().map(|&cause| cause_page(cause)).collect()
}

fn cause_page(cause: Cause) -> Page {
    let number = cause.as_u8();
    let has_notes = Profile::ALL.iter().any(|profile| profile.to_sip_note(cause).is_some());
    let mut main = String::new();
    let _ = write!(
        main,
        "<nav class=\"crumbs\" aria-label=\"Breadcrumb\"><a href=\"index.html\">Q.850 causes</a></nav>\n\
         <h1>Cause {number}: {name}</h1>\n<p class=\"lead\">{description}</p>\n<dl class=\"facts\">\n\
         <dt>Class</dt><dd>{class}</dd>\n<dt>Checked</dt><dd>{confirmed}</dd>\n</dl>\n\
         <h2>The response a gateway sends</h2>\n<div class=\"scroll\"><table>\n<thead><tr><th scope=\"col\">Profile</th>\
         <th scope=\"col\">Response</th>{note_header}</tr></thead>\n<tbody>\n",
        name = escape(cause.name()),
        description = escape(cause.description()),
        class = escape(cause.class().name()),
        note_header = if has_notes { "<th scope=\"col\">Note</th>" } else { "" },
        confirmed = if cause.is_confirmed() {
            "the name and meaning are confirmed against Q.850's text"
        } else {
            "the name is as other sources give it; Q.850's text was not at hand to confirm it"
        },
    );
    for &profile in Profile::ALL {
        let plain = profile.to_sip(cause, None, sipcodes::q850::NewNumber::Unknown);
        let mut cell = status_link(plain);
        for (key, location, new_number) in TO_SIP_CASES {
            let status = profile.to_sip(cause, location, new_number);
            if key == "status" || status == plain {
                continue;
            }
            let when = if key == "status_from_user" {
                "when the cause location is the user"
            } else {
                "when the diagnostic carries the new number"
            };
            let _ = write!(cell, "<br>{} <span class=\"muted\">{when}</span>", status_link(status));
        }
        let note = profile.to_sip_note(cause).map(escape).unwrap_or_default();
        main.push_str(&profile_row(profile, &cell, has_notes.then_some(note.as_str())));
    }
    main.push_str("</tbody>\n</table></div>\n");
    let bearer = bearer_warning();
    let mut from = String::new();
    for &profile in Profile::ALL {
        for &code in Code::ALL {
            let status = code.status_code();
            let plain = profile.from_sip(status, None);
            let with_bearer = profile.from_sip(status, bearer);
            let condition = if plain == Some(cause) {
                ""
            } else if with_bearer == Some(cause) {
                "<br><span class=\"muted\">with a Warning about an unavailable bearer capability</span>"
            } else {
                continue;
            };
            let _ = writeln!(
                from,
                "<tr><td class=\"nowrap\">{}</td><td>{}{condition}</td></tr>",
                escape(profile.citation().rfc()),
                status_link(Some(status))
            );
        }
    }
    if from.is_empty() {
        let _ = writeln!(
            main,
            "<h2>Responses that release with cause {number}</h2>\n<p>None.</p>"
        );
    } else {
        let _ = write!(
            main,
            "<h2>Responses that release with cause {number}</h2>\n<div class=\"scroll\"><table>\n<thead><tr><th scope=\"col\">Profile</th>\
             <th scope=\"col\">Response</th></tr></thead>\n<tbody>\n{from}</tbody>\n</table></div>\n"
        );
    }
    super::rule_pages::vendor_cause_section(&mut main, cause);
    Page {
        path: format!("q850/{number}.html"),
        title: format!("Q.850 cause {number}: {}", cause.name()),
        summary: format!("Q.850 cause {number}, {}: {}", cause.name(), cause.description()),
        main,
        script: None,
    }
}

/// The warn-codes, one row each with an anchor by code.
pub fn warn_codes() -> Page {
    let mut main = String::from(
        "<h1>Warn-codes</h1>\n<p class=\"lead\">The three-digit codes of a Warning header field (RFC 3261 Section 20.43), \
         which say more about a failed session description than the status code can.</p>\n\
         <div class=\"scroll\"><table>\n<thead><tr><th scope=\"col\" class=\"num\">Code</th><th scope=\"col\">Text</th>\
         <th scope=\"col\">Meaning</th><th scope=\"col\">Source</th></tr></thead>\n<tbody>\n",
    );
    for &warning in WarnCode::ALL {
        let section = warning
            .citation()
            .section()
            .map(|section| format!(", Section {section}"))
            .unwrap_or_default();
        let _ = writeln!(
            main,
            "<tr id=\"{0}\"><td class=\"num\">{0}</td><td>{1}</td><td>{2}{3}</td><td><a href=\"{4}\">{5}{6}</a></td></tr>",
            warning.as_u16(),
            escape(warning.text()),
            escape(warning.description()),
            if warning.is_bearer_capability() {
                " <span class=\"muted\">(an unavailable bearer capability: Q.850 cause 65 on 488 and 606)</span>"
            } else {
                ""
            },
            escape(warning.citation().url()),
            escape(warning.citation().rfc()),
            escape(&section)
        );
    }
    main.push_str("</tbody>\n</table></div>\n");
    Page {
        path: "warn-codes/index.html".to_owned(),
        title: "Warn-codes".to_owned(),
        summary: "The codes of the SIP Warning header field, with their meaning and RFC.".to_owned(),
        main,
        script: None,
    }
}

/// The Reason protocols, one row each with an anchor by name.
pub fn reason_protocols() -> Page {
    let mut main = String::from(
        "<h1>Reason protocols</h1>\n<p class=\"lead\">The protocols a Reason header field (RFC 3326) names, \
         and what its <code>cause</code> parameter holds for each.</p>\n\
         <div class=\"scroll\"><table>\n<thead><tr><th scope=\"col\">Protocol</th><th scope=\"col\">Cause</th>\
         <th scope=\"col\">Meaning</th><th scope=\"col\">Source</th></tr></thead>\n<tbody>\n",
    );
    for &protocol in Protocol::ALL {
        let _ = writeln!(
            main,
            "<tr id=\"{0}\"><td><code>{0}</code></td><td>{1}</td><td>{2}</td><td>{3}</td></tr>",
            escape(protocol.name()),
            escape(protocol.cause()),
            escape(protocol.description()),
            escape(&protocol.citation().to_string())
        );
    }
    main.push_str("</tbody>\n</table></div>\n");
    Page {
        path: "reason-protocols/index.html".to_owned(),
        title: "Reason protocols".to_owned(),
        summary: "The protocols of the SIP Reason header field and what their cause values mean.".to_owned(),
        main,
        script: None,
    }
}
