//! `sipcodes site`: every page is well formed (one `h1`, a `title`, `lang`, balanced tags,
//! unique ids), every internal link and anchor resolves, nothing is fetched from the network,
//! and the pages say what the RFCs say.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use sipcodes_cli::commands::site;

/// Elements that have no end tag (HTML's void elements).
const VOID: [&str; 6] = ["meta", "link", "input", "br", "hr", "img"];

fn is_page(path: &str) -> bool {
    Path::new(path).extension().is_some_and(|extension| extension == "html")
}

fn site_files() -> BTreeMap<String, String> {
    site::build()
        .into_iter()
        .map(|file| (file.path, file.contents))
        .collect()
}

/// Every `name="..."` attribute value in `html`, unescaped enough for paths.
fn attributes<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let pattern = format!(" {name}=\"");
    let mut values = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find(&pattern) {
        rest = &rest[start + pattern.len()..];
        let end = rest.find('"').expect("a closed attribute");
        values.push(&rest[..end]);
        rest = &rest[end..];
    }
    values
}

/// The tags of `html` outside `<script>`: `(name, is_end)`, with void elements left out.
/// Panics on a tag that does not close.
fn tags(html: &str) -> Vec<(String, bool)> {
    let mut tags = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        rest = &rest[start + 1..];
        if rest.starts_with("!DOCTYPE") || rest.starts_with("!--") {
            continue;
        }
        let end = rest.find('>').expect("a tag that closes");
        let tag = &rest[..end];
        let is_end = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        assert!(!name.is_empty(), "a stray `<` before {:?}", &rest[..end.min(40)]);
        if !VOID.contains(&name.as_str()) {
            tags.push((name.clone(), is_end));
        }
        rest = &rest[end + 1..];
        if name == "script" && !is_end {
            let close = rest.find("</script>").expect("a script that ends");
            rest = &rest[close..];
        }
    }
    tags
}

fn check_page(path: &str, html: &str) -> Vec<String> {
    let mut problems = Vec::new();
    if !html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">") {
        problems.push("no doctype or no lang on <html>".to_owned());
    }
    let titles: Vec<&str> = html
        .split("<title>")
        .skip(1)
        .map(|rest| rest.split("</title>").next().unwrap())
        .collect();
    if titles.len() != 1 || titles[0].trim().is_empty() {
        problems.push(format!("{} titles: {titles:?}", titles.len()));
    }
    let h1 = html.matches("<h1").count();
    if h1 != 1 {
        problems.push(format!("{h1} h1 elements"));
    }
    if !html.contains("<meta charset=\"utf-8\">") || !html.contains("name=\"viewport\"") {
        problems.push("no charset or viewport".to_owned());
    }
    let mut open: Vec<String> = Vec::new();
    for (name, is_end) in tags(html) {
        if !is_end {
            open.push(name);
        } else if open.pop().as_deref() != Some(name.as_str()) {
            problems.push(format!("</{name}> closes something else"));
            break;
        }
    }
    if !open.is_empty() {
        problems.push(format!("unclosed: {open:?}"));
    }
    let mut seen = BTreeSet::new();
    for id in attributes(html, "id") {
        if !seen.insert(id) {
            problems.push(format!("duplicate id {id}"));
        }
    }
    for table in html.split("<table>").skip(1) {
        if !table.starts_with("\n<thead><tr><th scope=\"col\"") {
            problems.push("a table without a header row".to_owned());
        }
    }
    problems
        .into_iter()
        .map(|problem| format!("{path}: {problem}"))
        .collect()
}

/// Resolves `link` against the page at `from`: the site path and the fragment.
fn resolve(from: &str, link: &str) -> (String, String) {
    let (target, fragment) = link.split_once('#').unwrap_or((link, ""));
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    if target.is_empty() {
        return (from.to_owned(), fragment.to_owned());
    }
    for part in target.split('/') {
        match part {
            ".." => {
                assert!(parts.pop().is_some(), "{from}: {link} leaves the site");
            }
            "." => {}
            part => parts.push(part),
        }
    }
    let mut path = parts.join("/");
    if path.ends_with('/') || path.is_empty() {
        path.push_str("index.html");
    }
    (path, fragment.to_owned())
}

#[test]
fn every_page_is_well_formed() {
    let files = site_files();
    let problems: Vec<String> = files
        .iter()
        .filter(|(path, _)| is_page(path))
        .flat_map(|(path, html)| check_page(path, html))
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_internal_link_resolves_and_every_page_is_linked() {
    let files = site_files();
    let mut problems = Vec::new();
    let mut linked = BTreeSet::from(["index.html".to_owned()]);
    for (path, html) in files.iter().filter(|(path, _)| is_page(path)) {
        let links = attributes(html, "href").into_iter().chain(attributes(html, "src"));
        for link in links {
            if link.starts_with("https://") {
                continue;
            }
            if link.contains("://") || link.starts_with("//") || link.starts_with('/') {
                problems.push(format!("{path}: {link} is not a relative link"));
                continue;
            }
            let (target, fragment) = resolve(path, link);
            match files.get(&target) {
                None => problems.push(format!("{path}: {link} -> {target}, which the site does not have")),
                Some(page) if !fragment.is_empty() && !page.contains(&format!(" id=\"{fragment}\"")) => {
                    problems.push(format!("{path}: {link}: {target} has no id {fragment}"));
                }
                Some(_) => {}
            }
            linked.insert(target);
        }
    }
    for path in files.keys() {
        if !linked.contains(path) {
            problems.push(format!("{path}: no page links to it"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn nothing_is_fetched_from_elsewhere() {
    for (path, contents) in site_files() {
        let sources = attributes(&contents, "src");
        assert!(
            sources.is_empty(),
            "{path}: loads {sources:?}: the site has no scripts, images or frames of its own files"
        );
        for pattern in [
            "<link rel=\"stylesheet\" href=\"http",
            "@import",
            "url(",
            "<iframe",
            "fetch(",
            "XMLHttpRequest",
        ] {
            assert!(!contents.contains(pattern), "{path}: {pattern}");
        }
    }
}

#[test]
fn every_code_and_cause_has_its_stable_address() {
    let files = site_files();
    for code in sipcodes::Code::ALL {
        let path = format!("codes/{}.html", code.as_u16());
        let page = files.get(&path).unwrap_or_else(|| panic!("no {path}"));
        assert!(
            page.contains(&format!("<h1>{} {}", code.as_u16(), code.reason_phrase())),
            "{path}"
        );
    }
    for cause in sipcodes::q850::Cause::ALL {
        assert!(
            files.contains_key(&format!("q850/{}.html", cause.as_u8())),
            "cause {}",
            cause.as_u8()
        );
    }
}

#[test]
fn the_pages_say_what_the_rfcs_say() {
    let files = site_files();
    let page = |path: &str| files.get(path).unwrap_or_else(|| panic!("no {path}")).clone();
    // RFC 3261 Section 21.4.24 defines 486, and links to the section.
    let busy = page("codes/486.html");
    assert!(
        busy.contains(
            "<a href=\"https://www.rfc-editor.org/rfc/rfc3261#section-21.4.24\">RFC 3261, Section 21.4.24</a>"
        )
    );
    // RFC 3398 Section 7.2.4.1 answers cause 17 (user busy) with 486, and Section 8.2.6.1
    // releases a 486 with 17.
    assert!(
        busy.contains("<a href=\"../q850/17.html\">17 User busy</a>"),
        "486 lists cause 17"
    );
    assert!(page("q850/17.html").contains("<a href=\"../codes/486.html\">486 Busy Here</a>"));
    // RFC 3261 Section 21.4.6: a 405 MUST carry Allow.
    let not_allowed = page("codes/405.html");
    assert!(
        not_allowed.contains("<tr><td><code>Allow</code></td><td>MUST</td>"),
        "405 Allow"
    );
    // RFC 3262 Section 3: a reliable provisional response (one with Require: 100rel) carries
    // RSeq.
    assert!(
        page("codes/183.html").contains(
            "<tr><td><code>RSeq</code></td><td>MUST<br><span class=\"muted\">when the response carries Require: 100rel</span>"
        ),
        "183 RSeq"
    );
    // RFC 6665 Section 8.3.1 retired 202: treat it as 200.
    let accepted = page("codes/202.html");
    assert!(
        accepted.contains("<dt>Treat as</dt><dd><a href=\"200.html\">200 OK</a>"),
        "202 treat as 200"
    );
    assert!(accepted.contains("deprecated"), "202 is deprecated");
    // RFC 3261 Section 21.5.4: a 503 may say when to retry.
    assert!(page("codes/503.html").contains("<dt>Retry-After</dt><dd>may be carried</dd>"));
    // The index lists every code under its class, with the search box.
    let index = page("index.html");
    assert!(index.contains("<input id=\"search\" type=\"search\""));
    for code in sipcodes::Code::ALL {
        assert!(
            index.contains(&format!("<a href=\"codes/{0}.html\">{0}</a>", code.as_u16())),
            "{}",
            code.as_u16()
        );
    }
}

#[test]
fn every_audit_rule_has_an_anchor_and_its_codes_link_to_it() {
    let files = site_files();
    let rules_page = files.get("rules/index.html").expect("the rules page");
    for rule in sipcodes::audit::rules() {
        assert!(
            rules_page.contains(&format!("<tr id=\"{}\">", rule.id())),
            "{}",
            rule.id()
        );
        assert!(
            rules_page.contains(&rule.citation().url().replace('&', "&amp;")),
            "{}",
            rule.id()
        );
    }
    // Every rule about one code is linked from that code's page (rules_for / is_about).
    for code in sipcodes::Code::ALL {
        let page = &files[&format!("codes/{}.html", code.as_u16())];
        for rule in sipcodes::audit::rules_for(code.status_code()) {
            if rule.code().is_some() || rule.header_rule().is_some() {
                assert!(
                    page.contains(&format!("href=\"../rules/index.html#{}\"", rule.id())),
                    "{} does not link {}",
                    code.as_u16(),
                    rule.id()
                );
            }
        }
    }
    // RFC 3261 Section 21.4.6: the 405 page names its Allow rule as an error.
    let not_allowed = &files["codes/405.html"];
    assert!(not_allowed.contains(
        "<a href=\"../rules/index.html#405-must-carry-allow\"><code class=\"wrap\">405-must-carry-allow</code></a>\
         <br><span class=\"badge sev-error\">error</span></td><td>A 405 must carry Allow<br>"
    ));
    // A rule of another code is not on it.
    assert!(!not_allowed.contains("#408-to-non-invite"));
}

#[test]
fn the_vendor_rows_show_with_a_link_to_their_source() {
    let files = site_files();
    // Asterisk answers cause 21 with 403 and reads 603 as 21 (the library's own example).
    let rejected = &files["q850/21.html"];
    let asterisk = rejected
        .split("<tr><td>Asterisk (chan_pjsip / res_pjsip)</td>")
        .nth(1)
        .expect("an Asterisk row on cause 21");
    assert!(
        asterisk.starts_with("<td><a href=\"../codes/403.html\">403 Forbidden</a>"),
        "{asterisk:.200}"
    );
    assert!(asterisk.contains("<a href=\"https://github.com/asterisk/asterisk/blob/"));
    let forbidden = &files["codes/403.html"];
    assert!(forbidden.contains("<h3>Gateways' own tables</h3>"));
    assert!(forbidden.contains("<a href=\"../q850/21.html\">21 Call rejected</a>"));
    let decline = &files["codes/603.html"];
    let vendor_rows = decline.split("<h3>Gateways' own tables</h3>").nth(1).unwrap();
    assert!(vendor_rows.contains("<tr><td>Asterisk (chan_pjsip / res_pjsip)</td><td><a href=\"../q850/21.html\">"));
    // Every vendor row's source link names the file and line it was read at.
    for (path, html) in &files {
        for link in html.split("href=\"https://github.com/").skip(1) {
            let url = link.split('"').next().unwrap();
            assert!(url.contains("/blob/") && url.contains("#L"), "{path}: {url}");
        }
    }
}

#[test]
fn the_site_is_the_same_bytes_every_time() {
    let first: Vec<(String, String)> = site::build()
        .into_iter()
        .map(|file| (file.path, file.contents))
        .collect();
    let second: Vec<(String, String)> = site::build()
        .into_iter()
        .map(|file| (file.path, file.contents))
        .collect();
    assert_eq!(first, second);
}

fn out_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn the_command_writes_every_file_and_says_where() {
    let dir = out_dir("site-command");
    let output = Command::new(env!("CARGO_BIN_EXE_sipcodes"))
        .arg("site")
        .arg(&dir)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.contains("open "), "{stderr}");
    for file in site::build() {
        let written =
            std::fs::read_to_string(dir.join(&file.path)).unwrap_or_else(|error| panic!("{}: {error}", file.path));
        assert!(written == file.contents, "{}", file.path);
    }
}

#[test]
fn a_directory_that_cannot_be_written_is_an_error_naming_it() {
    let dir = out_dir("site-blocked");
    std::fs::create_dir_all(&dir).unwrap();
    // A file where the site wants its `codes` directory.
    std::fs::write(dir.join("codes"), b"in the way").unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_sipcodes"))
        .arg("site")
        .arg(&dir)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("codes"), "{stderr}");
}

#[test]
fn the_checks_catch_what_they_look_for() {
    let good = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"x\">\
                <title>t</title></head><body><h1>a</h1></body></html>";
    assert!(
        check_page("good.html", good).is_empty(),
        "{:?}",
        check_page("good.html", good)
    );
    let two_headings = good.replace("<h1>a</h1>", "<h1>a</h1><h1>b</h1>");
    assert!(
        check_page("p", &two_headings)
            .iter()
            .any(|problem| problem.contains("2 h1"))
    );
    let unclosed = good.replace("<h1>a</h1>", "<h1>a</h1><p>");
    assert!(
        check_page("p", &unclosed)
            .iter()
            .any(|problem| problem.contains("closes something else"))
    );
    let no_lang = good.replace(" lang=\"en\"", "");
    assert!(check_page("p", &no_lang).iter().any(|problem| problem.contains("lang")));
    let twice = good.replace("<h1>a</h1>", "<h1 id=\"x\">a</h1><p id=\"x\"></p>");
    assert!(
        check_page("p", &twice)
            .iter()
            .any(|problem| problem.contains("duplicate id x"))
    );
    assert_eq!(
        resolve("codes/486.html", "../q850/17.html#x"),
        ("q850/17.html".to_owned(), "x".to_owned())
    );
    assert_eq!(
        resolve("codes/486.html", "200.html"),
        ("codes/200.html".to_owned(), String::new())
    );
    assert_eq!(
        resolve("index.html", "#4xx"),
        ("index.html".to_owned(), "4xx".to_owned())
    );
}

/// HTML Tidy's reading of every page: no error and no warning. Ignored by a plain
/// `cargo test`; `.ci/run` installs `tidy` and runs it with `--ignored`. Without `tidy` on the
/// PATH it says so and passes, except under `CI=true`.
#[test]
#[ignore = "needs HTML Tidy: .ci/run installs it and runs this with --ignored"]
fn every_page_passes_html_tidy() {
    let found =
        std::env::var_os("PATH").is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join("tidy").is_file()));
    if !found {
        let reason = "tidy is not on the PATH (Debian: apt-get install tidy)";
        assert!(
            std::env::var("CI").map_or(true, |value| value != "true"),
            "CI=true but {reason}"
        );
        eprintln!("skipped: {reason}");
        return;
    }
    let dir = out_dir("site-tidy");
    site::write(&dir).expect("the site is written");
    let mut problems = Vec::new();
    for file in site::build().iter().filter(|file| is_page(&file.path)) {
        let output = Command::new("tidy")
            .args(["-q", "-e", "--show-warnings", "yes"])
            .arg(dir.join(&file.path))
            .output()
            .expect("tidy runs");
        let report = String::from_utf8_lossy(&output.stderr);
        if !output.status.success() || !report.trim().is_empty() {
            problems.push(format!("{}: {report}", file.path));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
