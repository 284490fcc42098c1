//! `sipcodes site OUT_DIR`: the reference as a static site, from the library's tables.
//!
//! Every page is plain HTML with one shared style sheet; the index's search is a script in the
//! page. Nothing is fetched from the network, so the site works from `file://` as well as
//! from a web server. Links are relative, and every page has a stable address:
//!
//! | page | address |
//! |---|---|
//! | every code, by class, with a search box | `index.html` |
//! | one status code | `codes/486.html` |
//! | the Q.850 causes and mapping profiles | `q850/index.html` |
//! | one Q.850 cause | `q850/17.html` |
//! | the warn-codes (anchors by code: `#399`) | `warn-codes/index.html` |
//! | the Reason protocols (anchors by name) | `reason-protocols/index.html` |
//! | the audit rules (anchors by rule id: `#405-must-carry-allow`) | `rules/index.html` |

mod code_pages;
pub mod html;
mod registry_pages;
mod rule_pages;

use std::path::Path;
use std::process::ExitCode;

use self::html::Page;

/// One file of the site: its path relative to the root, and its bytes.
#[derive(Clone, Debug)]
pub struct File {
    /// `codes/486.html`, with `/` separators.
    pub path: String,
    /// The contents.
    pub contents: String,
}

/// Every file of the site, in a fixed order: the same library gives the same site.
#[must_use]
pub fn build() -> Vec<File> {
    let mut pages: Vec<Page> = Vec::new();
    pages.push(code_pages::index());
    pages.extend(code_pages::code_pages());
    pages.push(registry_pages::q850_index());
    pages.extend(registry_pages::cause_pages());
    pages.push(registry_pages::warn_codes());
    pages.push(registry_pages::reason_protocols());
    pages.push(rule_pages::rules_index());
    let mut files = vec![File {
        path: "style.css".to_owned(),
        contents: html::STYLE.to_owned(),
    }];
    files.extend(pages.iter().map(|page| File {
        path: page.path.clone(),
        contents: page.render(),
    }));
    files
}

/// Writes the site into `out_dir`, creating directories as needed.
///
/// # Errors
///
/// The I/O error, with the path it happened at.
pub fn write(out_dir: &Path) -> Result<Vec<File>, String> {
    let files = build();
    for file in &files {
        let path = out_dir.join(&file.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|error| format!("cannot create the directory {}: {error}", parent.display()))?;
        }
        std::fs::write(&path, &file.contents).map_err(|error| format!("cannot write {}: {error}", path.display()))?;
    }
    Ok(files)
}

/// Runs `sipcodes site OUT_DIR`: exit status 0, or 2 when a file cannot be written.
#[must_use]
pub fn run(out_dir: &Path) -> ExitCode {
    match write(out_dir) {
        Ok(files) => {
            let bytes: usize = files.iter().map(|file| file.contents.len()).sum();
            eprintln!(
                "sipcodes site: wrote {} files ({} KiB) into {}; open {}",
                files.len(),
                bytes.div_ceil(1024),
                out_dir.display(),
                out_dir.join("index.html").display()
            );
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("sipcodes site: {message}");
            ExitCode::from(2)
        }
    }
}
