//! The index of every code by class, and one page per code.

use std::fmt::Write as _;

use sipcodes::q850::{Cause, Profile};
use sipcodes::{Class, Code, Registration};

use super::html::{Page, SEARCH_SCRIPT, cite, escape, profile_row};
use crate::commands::export::{TO_SIP_CASES, bearer_warning, requirement};

/// The address of a code's page, relative to the root.
pub fn code_path(code: Code) -> String {
    format!("codes/{}.html", code.as_u16())
}

/// The anchor of a class on the index: `4xx`.
pub fn class_anchor(class: Class) -> String {
    format!("{}xx", class.digit())
}

/// A badge for a code that is not current.
fn registration_badge(code: Code) -> String {
    match code.registration() {
        Registration::Current => String::new(),
        other => format!(" <span class=\"badge note\">{}</span>", escape(other.as_str())),
    }
}

/// The index: every code, by class, with the search box.
pub fn index() -> Page {
    let mut main = String::new();
    let _ = write!(
        main,
        "<h1>SIP response codes</h1>\n<p class=\"lead\">Every SIP response status code: what it means, \
         which header fields it carries, what a client does with it, and the RFC section that says so. \
         Also the <a href=\"q850/index.html\">Q.850 causes</a> a gateway maps to and from them, the \
         <a href=\"warn-codes/index.html\">warn-codes</a> and the \
         <a href=\"reason-protocols/index.html\">Reason protocols</a>.</p>\n\
         <form class=\"search\" role=\"search\" onsubmit=\"return false\">\
         <label for=\"search\">Filter by code, phrase or meaning</label>\
         <input id=\"search\" type=\"search\" placeholder=\"486, busy, Retry-After…\" autocomplete=\"off\">\
         <p id=\"search-status\" class=\"muted\" aria-live=\"polite\">{} codes</p></form>\n",
        Code::ALL.len()
    );
    for &class in Class::ALL {
        let codes: Vec<Code> = Code::ALL.iter().copied().filter(|code| code.class() == class).collect();
        let _ = write!(
            main,
            "<section class=\"class\" id=\"{anchor}\" aria-labelledby=\"h-{anchor}\">\n\
             <h2 id=\"h-{anchor}\"><span class=\"class-{digit}\">{anchor}</span> {name}</h2>\n\
             <p class=\"muted\">{description}</p>\n\
             <div class=\"scroll\"><table>\n<thead><tr><th scope=\"col\" class=\"num\">Code</th>\
             <th scope=\"col\">Reason phrase</th><th scope=\"col\" class=\"wide\">Meaning</th></tr></thead>\n<tbody>\n",
            anchor = class_anchor(class),
            digit = class.digit(),
            name = escape(class.name()),
            description = escape(class.description()),
        );
        for code in codes {
            let mut search = format!("{} {} {}", code.as_u16(), code.reason_phrase(), code.description());
            for alias in code.aliases() {
                search.push(' ');
                search.push_str(alias);
            }
            let _ = writeln!(
                main,
                "<tr data-search=\"{search}\" id=\"c{number}\"><td class=\"num\"><a href=\"{path}\">{number}</a></td>\
                 <td><a href=\"{path}\">{phrase}</a>{badge}</td><td class=\"wide\">{description}</td></tr>",
                search = escape(&search.to_lowercase()),
                number = code.as_u16(),
                path = code_path(code),
                phrase = escape(code.reason_phrase()),
                badge = registration_badge(code),
                description = escape(code.description()),
            );
        }
        main.push_str("</tbody>\n</table></div>\n</section>\n");
    }
    let _ = writeln!(
        main,
        "<h2>Audit rules</h2>\n<p>The <a href=\"rules/index.html\">{} rules of the audit</a>, each with its RFC section.</p>",
        sipcodes::audit::rules().len()
    );
    Page {
        path: "index.html".to_owned(),
        title: "SIP response codes".to_owned(),
        summary: "Every SIP response status code with its meaning, header rules, client reaction and RFC sections."
            .to_owned(),
        main,
        script: Some(SEARCH_SCRIPT),
    }
}

/// One page per code.
pub fn code_pages() -> Vec<Page> {
    Code::ALL.iter().map(|&code| code_page(code)).collect()
}

fn code_page(code: Code) -> Page {
    let class = code.class();
    let number = code.as_u16();
    let mut main = String::new();
    let _ = write!(
        main,
        "<nav class=\"crumbs\" aria-label=\"Breadcrumb\"><a href=\"../index.html\">Status codes</a> › \
         <a href=\"../index.html#{anchor}\">{anchor} {class_name}</a></nav>\n\
         <h1>{number} {phrase}{badge}</h1>\n<p class=\"lead\">{description}</p>\n<dl class=\"facts\">\n\
         <dt>Class</dt><dd><a class=\"class-{digit}\" href=\"../index.html#{anchor}\">{anchor} {class_name}</a>: {class_description}</dd>\n",
        anchor = class_anchor(class),
        class_name = escape(class.name()),
        class_description = escape(class.description()),
        digit = class.digit(),
        phrase = escape(code.reason_phrase()),
        badge = registration_badge(code),
        description = escape(code.description()),
    );
    match code.citation() {
        Some(citation) => {
            let _ = writeln!(main, "<dt>Defined in</dt><dd>{}</dd>", cite(citation));
        }
        None => main.push_str("<dt>Defined in</dt><dd class=\"muted\">No RFC section recorded.</dd>\n"),
    }
    let _ = writeln!(
        main,
        "<dt>Registration</dt><dd>{}</dd>",
        escape(code.registration().as_str())
    );
    if let Some(deprecation) = code.deprecation() {
        let _ = writeln!(main, "<dt>Why</dt><dd>{}</dd>", escape(deprecation));
    }
    if let Some(treat_as) = code.treat_as() {
        let _ = writeln!(
            main,
            "<dt>Treat as</dt><dd><a href=\"{}.html\">{} {}</a>: act on a received {number} as on this code.</dd>",
            treat_as.as_u16(),
            treat_as.as_u16(),
            escape(treat_as.reason_phrase())
        );
    }
    if !code.aliases().is_empty() {
        let aliases: Vec<String> = code
            .aliases()
            .iter()
            .map(|alias| format!("“{}”", escape(alias)))
            .collect();
        let _ = writeln!(main, "<dt>Also seen as</dt><dd>{}</dd>", aliases.join(", "));
    }
    let _ = writeln!(
        main,
        "<dt>Retry-After</dt><dd>{}</dd>",
        if code.may_carry_retry_after() {
            "may be carried"
        } else {
            "not meaningful for this code"
        }
    );
    main.push_str("</dl>\n");
    header_rules_section(&mut main, code);
    reaction_section(&mut main, code);
    q850_section(&mut main, code);
    super::rule_pages::vendor_code_section(&mut main, code);
    super::rule_pages::rules_section(&mut main, code);
    Page {
        path: code_path(code),
        title: format!("{number} {}", code.reason_phrase()),
        summary: format!("SIP {number} {}: {}", code.reason_phrase(), code.description()),
        main,
        script: None,
    }
}

fn header_rules_section(main: &mut String, code: Code) {
    main.push_str("<h2>Header fields</h2>\n");
    if code.header_rules().is_empty() {
        main.push_str("<p class=\"muted\">No header field rules of its own beyond those every response follows.</p>\n");
        return;
    }
    main.push_str(
        "<div class=\"scroll\"><table>\n<thead><tr><th scope=\"col\">Header field</th><th scope=\"col\">Requirement</th>\
         <th scope=\"col\">Source</th></tr></thead>\n<tbody>\n",
    );
    for rule in code.header_rules() {
        let condition = rule
            .condition()
            .map(|condition| format!("<br><span class=\"muted\">when {}</span>", escape(condition.text())))
            .unwrap_or_default();
        let _ = writeln!(
            main,
            "<tr><td><code>{}</code></td><td>{}{condition}</td><td>{}</td></tr>",
            escape(rule.header()),
            requirement(rule.requirement()).to_uppercase(),
            cite(rule.citation())
        );
    }
    main.push_str("</tbody>\n</table></div>\n");
}

fn reaction_section(main: &mut String, code: Code) {
    let reaction = code.client_reaction();
    let _ = write!(
        main,
        "<h2>What a client does</h2>\n<dl class=\"facts\">\n<dt>Reaction</dt><dd>{}{}</dd>\n",
        escape(reaction.reaction().as_str()),
        if reaction.is_class_default() {
            " <span class=\"muted\">(the class's default)</span>"
        } else {
            ""
        }
    );
    if !reaction.fix_headers().is_empty() {
        let headers: Vec<String> = reaction
            .fix_headers()
            .iter()
            .map(|header| format!("<code>{}</code>", escape(header)))
            .collect();
        let _ = writeln!(main, "<dt>Fix from</dt><dd>{}</dd>", headers.join(" or "));
    }
    if reaction.failover() {
        main.push_str("<dt>Failover</dt><dd>Trying another server, flow or proxy is appropriate.</dd>\n");
    }
    let _ = write!(
        main,
        "<dt>Advice</dt><dd>{}</dd>\n<dt>Source</dt><dd>{}</dd>\n</dl>\n",
        escape(reaction.advice()),
        cite(reaction.citation())
    );
}

/// The Q.850 rows that map to this code, and the cause it maps to, per profile.
fn q850_section(main: &mut String, code: Code) {
    main.push_str("<h2>Q.850 interworking</h2>\n");
    let mut to_code = String::new();
    for &profile in Profile::ALL {
        for &cause in Cause::ALL {
            let plain = profile.to_sip(cause, None, sipcodes::q850::NewNumber::Unknown);
            for (key, location, new_number) in TO_SIP_CASES {
                let status = profile.to_sip(cause, location, new_number);
                let is_variant = key != "status";
                if status.map(sipcodes::StatusCode::as_u16) != Some(code.as_u16()) || (is_variant && status == plain) {
                    continue;
                }
                let when = match key {
                    "status_from_user" => "<br><span class=\"muted\">when the cause location is the user</span>",
                    "status_with_new_number" => {
                        "<br><span class=\"muted\">when the diagnostic carries the new number</span>"
                    }
                    _ => "",
                };
                let _ = writeln!(
                    to_code,
                    "<tr><td class=\"nowrap\">{}</td><td><a href=\"../q850/{}.html\">{} {}</a>{}</td></tr>",
                    escape(profile.citation().rfc()),
                    cause.as_u8(),
                    cause.as_u8(),
                    escape(cause.name()),
                    when
                );
            }
        }
    }
    if to_code.is_empty() {
        let _ = writeln!(main, "<p>No Q.850 cause maps to {}.</p>", code.as_u16());
    } else {
        let _ = write!(
            main,
            "<h3>Causes a gateway answers with {}</h3>\n<div class=\"scroll\"><table>\n<thead><tr><th scope=\"col\">Profile</th>\
             <th scope=\"col\">Cause</th></tr></thead>\n<tbody>\n{to_code}</tbody>\n</table></div>\n",
            code.as_u16()
        );
    }
    let bearer = bearer_warning();
    let status = code.status_code();
    let has_notes = Profile::ALL
        .iter()
        .any(|profile| profile.from_sip_note(status).is_some() || profile.printed_as(status).is_some());
    let _ = write!(
        main,
        "<h3>The cause a gateway releases with on {}</h3>\n<div class=\"scroll\"><table>\n<thead><tr><th scope=\"col\">Profile</th>\
         <th scope=\"col\">Cause</th>{}</tr></thead>\n<tbody>\n",
        code.as_u16(),
        if has_notes { "<th scope=\"col\">Note</th>" } else { "" }
    );
    for &profile in Profile::ALL {
        let cause_link = |cause: Option<Cause>| {
            cause.map_or_else(
                || "none".to_owned(),
                |cause| {
                    format!(
                        "<a href=\"../q850/{0}.html\">{0} {1}</a>",
                        cause.as_u8(),
                        escape(cause.name())
                    )
                },
            )
        };
        let plain = profile.from_sip(status, None);
        let with_bearer = profile.from_sip(status, bearer);
        let mut cell = cause_link(plain);
        if with_bearer != plain {
            let _ = write!(
                cell,
                "; {} with a Warning about an unavailable bearer capability",
                cause_link(with_bearer)
            );
        }
        let mut note = profile.from_sip_note(status).map(escape).unwrap_or_default();
        if let Some(printed) = profile.printed_as(status) {
            let _ = write!(note, " (printed in the RFC as “{}”)", escape(printed));
        }
        main.push_str(&profile_row(profile, &cell, has_notes.then_some(note.as_str())));
    }
    main.push_str("</tbody>\n</table></div>\n");
}
