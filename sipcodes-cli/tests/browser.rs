//! The reference site in a real browser: headless Chromium, driven by `chromedriver` over
//! the W3C's browser-automation protocol, loads the index and a sample of pages from
//! `file://` with no console errors, the search box narrows the index as it is typed into,
//! and screenshots of the index, a code page, the rules and a cause at phone and desktop widths, light and dark,
//! go to `target/ci-artifacts/`.
//!
//! Ignored by a plain `cargo test`: `.ci/run` installs Chromium and runs it with
//! `cargo test -p sipcodes-cli --test browser -- --ignored`. The client is the few requests
//! this test needs, JSON over HTTP/1.1 on loopback, written here rather than taken from a
//! crate (a client crate would bring an async runtime and an HTTP stack to the build).
//! Without `chromium` and `chromedriver` on the PATH the test says so and passes, except
//! under `CI=true`, where it fails.

use std::io::{Read as _, Write as _};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|value| value == "true")
}

/// The first of `names` found on the PATH.
fn find_program(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    names
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// `chromedriver`, ended when dropped.
struct Driver {
    child: Child,
    port: u16,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One HTTP/1.1 exchange with the driver: the status and the JSON body.
fn http(port: u16, method: &str, path: &str, body: Option<&Value>) -> std::io::Result<(u16, Value)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(120)))?;
    let body = body.map(Value::to_string).unwrap_or_default();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json; charset=utf-8\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )?;
    // chromedriver keeps the connection open after its answer: read the head, then as many
    // bytes as Content-Length says, or chunks up to the last one.
    let mut response = Vec::new();
    let mut buffer = [0u8; 16384];
    let split = loop {
        if let Some(split) = response.windows(4).position(|window| window == b"\r\n\r\n") {
            break split;
        }
        let read = stream.read(&mut buffer)?;
        if read == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        response.extend_from_slice(&buffer[..read]);
    };
    let head = String::from_utf8_lossy(&response[..split]).to_ascii_lowercase();
    let mut payload = response[split + 4..].to_vec();
    let length = head
        .lines()
        .find_map(|line| line.strip_prefix("content-length:"))
        .and_then(|value| value.trim().parse::<usize>().ok());
    let chunked = head.contains("transfer-encoding: chunked");
    loop {
        let complete = match length {
            Some(length) => payload.len() >= length,
            None if chunked => payload.windows(5).any(|window| window == b"0\r\n\r\n"),
            None => false,
        };
        if complete {
            break;
        }
        let read = stream.read(&mut buffer)?;
        if read == 0 {
            break;
        }
        payload.extend_from_slice(&buffer[..read]);
    }
    if chunked {
        payload = dechunk(&payload);
    }
    let status = head.split(' ').nth(1).and_then(|code| code.parse().ok()).unwrap_or(0);
    let value = serde_json::from_slice(&payload).unwrap_or(Value::Null);
    Ok((status, value))
}

fn dechunk(mut bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(line_end) = bytes.windows(2).position(|window| window == b"\r\n") {
        let size_text = String::from_utf8_lossy(&bytes[..line_end]);
        let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("0").trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        let start = line_end + 2;
        out.extend_from_slice(&bytes[start..start + size]);
        bytes = &bytes[start + size + 2..];
    }
    out
}

/// A browser session: every command fails the test with the driver's message.
struct Session {
    port: u16,
    id: String,
}

impl Session {
    fn command(&self, method: &str, path: &str, body: Option<&Value>) -> Value {
        let url = format!("/session/{}{path}", self.id);
        let (status, value) = http(self.port, method, &url, body).unwrap_or_else(|error| panic!("{url}: {error}"));
        assert!(status == 200, "{method} {url}: HTTP {status}: {value}");
        value["value"].clone()
    }

    fn go(&self, url: &str) {
        self.command("POST", "/url", Some(&json!({ "url": url })));
    }

    fn script(&self, script: &str) -> Value {
        self.command("POST", "/execute/sync", Some(&json!({ "script": script, "args": [] })))
    }

    /// The browser's log since the last call: console messages and failed loads.
    fn log(&self) -> Vec<Value> {
        self.command("POST", "/se/log", Some(&json!({ "type": "browser" })))
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// A command of Chrome's own debugging protocol, through the driver.
    fn cdp(&self, command: &str, params: &Value) {
        self.command(
            "POST",
            "/goog/cdp/execute",
            Some(&json!({ "cmd": command, "params": params })),
        );
    }

    /// A PNG of the viewport, or of the whole page.
    fn screenshot(&self, path: &Path, whole_page: bool) {
        let encoded = if whole_page {
            let params = json!({ "format": "png", "captureBeyondViewport": true });
            let shot = self.command(
                "POST",
                "/goog/cdp/execute",
                Some(&json!({ "cmd": "Page.captureScreenshot", "params": params })),
            );
            shot["data"].clone()
        } else {
            self.command("GET", "/screenshot", None)
        };
        let bytes = base64_decode(encoded.as_str().expect("a base64 string"));
        assert!(bytes.starts_with(b"\x89PNG"), "a PNG");
        std::fs::write(path, bytes).unwrap();
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = http(self.port, "DELETE", &format!("/session/{}", self.id), None);
    }
}

fn base64_decode(text: &str) -> Vec<u8> {
    let value = |byte: u8| match byte {
        b'A'..=b'Z' => byte - b'A',
        b'a'..=b'z' => byte - b'a' + 26,
        b'0'..=b'9' => byte - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => panic!("not base64: {byte}"),
    };
    let digits: Vec<u8> = text
        .bytes()
        .filter(|byte| !byte.is_ascii_whitespace() && *byte != b'=')
        .map(value)
        .collect();
    let mut out = Vec::with_capacity(digits.len() * 3 / 4);
    for chunk in digits.chunks(4) {
        let mut buffer = 0u32;
        for (index, digit) in chunk.iter().enumerate() {
            buffer |= u32::from(*digit) << (18 - 6 * index);
        }
        let bytes = buffer.to_be_bytes();
        out.extend_from_slice(&bytes[1..chunk.len()]);
    }
    out
}

fn start_driver(driver: &Path) -> Driver {
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let child = Command::new(driver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|error| panic!("{}: {error}", driver.display()));
    let driver = Driver { child, port };
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Ok((200, status)) = http(port, "GET", "/status", None) {
            if status["value"]["ready"] == true {
                return driver;
            }
        }
        assert!(
            Instant::now() < deadline,
            "chromedriver did not get ready on port {port}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn open_session(driver: &Driver, chromium: &Path, profile: &Path) -> Session {
    let args = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
        &format!("--user-data-dir={}", profile.display()),
    ];
    let capabilities = json!({ "capabilities": { "alwaysMatch": {
        "browserName": "chrome",
        "goog:chromeOptions": { "binary": chromium, "args": args },
        "goog:loggingPrefs": { "browser": "ALL" },
    }}});
    let (status, value) = http(driver.port, "POST", "/session", Some(&capabilities)).expect("chromedriver answers");
    assert!(status == 200, "a session: HTTP {status}: {value}");
    Session {
        port: driver.port,
        id: value["value"]["sessionId"].as_str().expect("a session id").to_owned(),
    }
}

/// Sets the viewport: a phone (390 CSS pixels, mobile, 2x) or a desktop (1280).
fn viewport(session: &Session, phone: bool) {
    let (width, height, scale) = if phone { (390, 844, 2) } else { (1280, 900, 1) };
    session.cdp(
        "Emulation.setDeviceMetricsOverride",
        &json!({ "width": width, "height": height, "deviceScaleFactor": scale, "mobile": phone }),
    );
}

fn scheme(session: &Session, dark: bool) {
    session.cdp(
        "Emulation.setEmulatedMedia",
        &json!({ "features": [{ "name": "prefers-color-scheme", "value": if dark { "dark" } else { "light" } }] }),
    );
}

/// The ids of the index's rows a user sees.
fn visible_rows(session: &Session) -> Vec<String> {
    let rows = session.script(
        "return Array.from(document.querySelectorAll('tr[data-search]')).filter(r => r.offsetParent !== null).map(r => r.id);",
    );
    rows.as_array()
        .unwrap()
        .iter()
        .map(|id| id.as_str().unwrap().to_owned())
        .collect()
}

fn type_into_search(session: &Session, text: &str) {
    let element = session.command(
        "POST",
        "/element",
        Some(&json!({ "using": "css selector", "value": "#search" })),
    );
    let id = element
        .as_object()
        .and_then(|object| object.values().next())
        .and_then(Value::as_str)
        .expect("the search box")
        .to_owned();
    session.command("POST", &format!("/element/{id}/clear"), Some(&json!({})));
    session.command("POST", &format!("/element/{id}/value"), Some(&json!({ "text": text })));
}

#[test]
#[ignore = "starts a browser: .ci/run runs it after installing Chromium, with --ignored"]
fn the_site_loads_without_errors_and_its_search_narrows_the_index() {
    let (Some(chromium), Some(driver)) = (
        find_program(&["chromium", "chromium-browser", "google-chrome"]),
        find_program(&["chromedriver"]),
    ) else {
        let reason =
            "chromium and chromedriver are not both on the PATH (Debian: apt-get install chromium chromium-driver)";
        assert!(!in_ci(), "CI=true but {reason}");
        eprintln!("skipped: {reason}");
        return;
    };
    let target = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let site = target.join("browser-site");
    let _ = std::fs::remove_dir_all(&site);
    sipcodes_cli::commands::site::write(&site).expect("the site is written");
    let site = site.canonicalize().unwrap();
    let artifacts = target.parent().expect("the target directory").join("ci-artifacts");
    std::fs::create_dir_all(&artifacts).unwrap();
    let profile = target.join("browser-profile");
    let _ = std::fs::remove_dir_all(&profile);

    let driver = start_driver(&driver);
    let session = open_session(&driver, &chromium, &profile);
    let url = |path: &str| format!("file://{}/{path}", site.display());

    // The index and a sample of pages: each loads, has its heading, and logs no error.
    let pages = [
        ("index.html", "SIP response codes"),
        ("codes/486.html", "486 Busy Here"),
        ("codes/503.html", "503 Service Unavailable"),
        ("codes/202.html", "202 Accepted"),
        ("q850/17.html", "Cause 17: User busy"),
        ("q850/index.html", "Q.850 cause values"),
        ("warn-codes/index.html", "Warn-codes"),
        ("reason-protocols/index.html", "Reason protocols"),
        ("rules/index.html", "Audit rules"),
        ("q850/21.html", "Cause 21: Call rejected"),
    ];
    for (path, heading) in pages {
        session.go(&url(path));
        let h1 = session.script("return document.querySelector('h1').textContent;");
        assert!(h1.as_str().unwrap().starts_with(heading), "{path}: h1 {h1}");
        // A custom property only style.css sets: the sheet loaded (its rules cannot be read from
        // file://, which Chromium treats as another origin).
        let loaded = session
            .script("return getComputedStyle(document.documentElement).getPropertyValue('--accent').trim() !== '';");
        assert_eq!(loaded, true, "{path}: the style sheet did not load");
        let errors: Vec<Value> = session
            .log()
            .into_iter()
            .filter(|entry| entry["level"] != "INFO" && entry["level"] != "DEBUG")
            .collect();
        assert!(errors.is_empty(), "{path}: the console says {errors:#?}");
    }

    // The search box narrows the index as it is typed into.
    session.go(&url("index.html"));
    let all = visible_rows(&session);
    assert_eq!(all.len(), sipcodes::Code::ALL.len());
    type_into_search(&session, "busy");
    let busy = visible_rows(&session);
    assert!(
        busy.contains(&"c486".to_owned()) && busy.contains(&"c600".to_owned()),
        "{busy:?}"
    );
    assert!(busy.len() < all.len() / 4, "{busy:?}");
    let status = session.script("return document.getElementById('search-status').textContent;");
    assert_eq!(status, format!("{} of {} codes match", busy.len(), all.len()));
    let hidden = session
        .script("return Array.from(document.querySelectorAll('section.class')).filter(s => s.hidden).map(s => s.id);");
    assert!(
        hidden.as_array().unwrap().contains(&json!("1xx")),
        "a class without a match is hidden: {hidden}"
    );
    type_into_search(&session, "retry-after 503");
    assert_eq!(visible_rows(&session), ["c503"]);
    type_into_search(&session, "no such code anywhere");
    assert!(visible_rows(&session).is_empty());
    type_into_search(&session, "");
    assert_eq!(visible_rows(&session).len(), all.len());
    let errors: Vec<Value> = session
        .log()
        .into_iter()
        .filter(|entry| entry["level"] == "SEVERE")
        .collect();
    assert!(errors.is_empty(), "typing: {errors:#?}");

    screenshots(&session, &url, &artifacts);
}

/// Screenshots of the index, a code page, the rules and a cause, phone and desktop, light and
/// dark, into `artifacts`; none of them scrolls sideways.
fn screenshots(session: &Session, url: &dyn Fn(&str) -> String, artifacts: &Path) {
    for (path, name) in [
        ("index.html", "index"),
        ("codes/486.html", "code-486"),
        ("rules/index.html", "rules"),
        ("q850/21.html", "cause-21"),
    ] {
        for (phone, width) in [(true, "phone"), (false, "desktop")] {
            for (dark, colours) in [(false, "light"), (true, "dark")] {
                viewport(session, phone);
                scheme(session, dark);
                session.go(&url(path));
                let overflow = session.script("return document.documentElement.scrollWidth - window.innerWidth;");
                assert!(
                    overflow.as_i64().unwrap() <= 0,
                    "{path} at {width} width scrolls sideways by {overflow} px"
                );
                // The index and the rules are long: their first screen; a page of one code or
                // cause whole.
                session.screenshot(
                    &artifacts.join(format!("{name}-{width}-{colours}.png")),
                    name != "index" && name != "rules",
                );
            }
        }
    }
}
