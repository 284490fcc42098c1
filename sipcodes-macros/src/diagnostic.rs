//! Problems found in a codes TOML, and their rendering in rustc's shape.
//!
//! rustc cannot point inside a TOML file, so every problem is rendered as text that looks
//! like a rustc diagnostic (`--> codes.toml:12:7`, the source line, a caret) and emitted as
//! one `compile_error!` at the macro invocation.

use std::fmt::Write as _;
use std::ops::Range;

use proc_macro2::TokenStream;

use crate::invocation::SourceFile;

/// One problem, located by a byte range in the TOML source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub message: String,
    pub span: Range<usize>,
    /// Short text under the caret.
    pub label: String,
    /// Other places worth showing, e.g. the first of two duplicate codes.
    pub notes: Vec<(Range<usize>, String)>,
    /// What to do about it.
    pub help: Option<String>,
}

impl Problem {
    pub fn new(span: Range<usize>, message: impl Into<String>, label: impl Into<String>) -> Self {
        Problem {
            message: message.into(),
            span,
            label: label.into(),
            notes: Vec::new(),
            help: None,
        }
    }

    #[must_use]
    pub fn note(mut self, span: Range<usize>, label: impl Into<String>) -> Self {
        self.notes.push((span, label.into()));
        self
    }

    #[must_use]
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// A problem is reported, and the value it was about is not usable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reported;

/// Collects every problem so that one build reports all of them (`serde_derive`'s `Ctxt`).
#[derive(Debug, Default)]
pub struct Diagnostics {
    problems: Vec<Problem>,
}

/// A point in the collection of problems, to ask later whether any came after it.
#[derive(Debug, Clone, Copy)]
pub struct Checkpoint(usize);

impl Diagnostics {
    pub fn push(&mut self, problem: Problem) {
        self.problems.push(problem);
    }

    /// The point reached so far.
    pub fn checkpoint(&self) -> Checkpoint {
        Checkpoint(self.problems.len())
    }

    /// Whether a problem was reported after `checkpoint`: whether what was checked since
    /// then is wrong.
    pub fn any_since(&self, checkpoint: Checkpoint) -> bool {
        self.problems.len() > checkpoint.0
    }

    pub fn is_empty(&self) -> bool {
        self.problems.is_empty()
    }

    /// The problems in file order.
    pub fn into_sorted_problems(self) -> Vec<Problem> {
        let mut problems = self.problems;
        problems.sort_by_key(|problem| problem.span.start);
        problems
    }
}

/// Every problem as a `compile_error!` at `span` (the path literal of the invocation), each
/// rendered as rustc renders its own.
pub fn to_compile_errors(problems: &[Problem], span: proc_macro2::Span, file: &SourceFile) -> TokenStream {
    problems
        .iter()
        .map(|problem| syn::Error::new(span, render(problem, &file.contents, &file.display)).to_compile_error())
        .collect()
}

/// Line and column (both 1-based, the column counted in characters) of a byte offset.
/// Offsets past the end, or inside a multi-byte character, are clamped rather than trusted.
pub fn line_column(source: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(source, offset);
    let before = source.get(..offset).unwrap_or_default();
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
    let column = before.get(line_start..).unwrap_or_default().chars().count() + 1;
    (line, column)
}

fn floor_char_boundary(source: &str, offset: usize) -> usize {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Renders one problem the way rustc renders its own diagnostics.
pub fn render(problem: &Problem, source: &str, file: &str) -> String {
    let mut places = vec![(&problem.span, problem.label.as_str(), '^')];
    places.extend(problem.notes.iter().map(|(span, label)| (span, label.as_str(), '-')));
    let gutter = places
        .iter()
        .map(|(span, _, _)| line_column(source, span.start).0.to_string().len())
        .max()
        .unwrap_or(1);
    let pad = " ".repeat(gutter);

    let mut out = problem.message.clone();
    for (index, (span, label, marker)) in places.iter().enumerate() {
        let (line, column) = line_column(source, span.start);
        let arrow = if index == 0 { "-->" } else { ":::" };
        let _ = write!(out, "\n{pad}{arrow} {file}:{line}:{column}\n{pad} |");
        let text = source.lines().nth(line - 1).unwrap_or_default();
        let text = text.strip_suffix('\r').unwrap_or(text);
        // As rustc does, show a tab as four spaces, and line the markers up with that.
        let _ = write!(out, "\n{line:>gutter$} | {}", text.replace('\t', TAB));
        let count = marker_width(source, span, text, column);
        let underlined = text.chars().skip(column - 1).take(count);
        let markers = marker.to_string().repeat(display_width(underlined).max(1));
        let indent = " ".repeat(display_width(text.chars().take(column - 1)));
        let _ = write!(out, "\n{pad} | {indent}{markers}");
        if !label.is_empty() {
            let _ = write!(out, " {label}");
        }
    }
    if let Some(help) = &problem.help {
        let _ = write!(out, "\n{pad} |\n{pad} = help: {help}");
    }
    out
}

const TAB: &str = "    ";

/// Columns `characters` take on screen, a tab counting as four.
fn display_width(characters: impl Iterator<Item = char>) -> usize {
    characters
        .map(|character| if character == '\t' { TAB.len() } else { 1 })
        .sum()
}

/// How many characters to underline: the span, cut at the end of its first line.
fn marker_width(source: &str, span: &Range<usize>, line_text: &str, column: usize) -> usize {
    let start = floor_char_boundary(source, span.start);
    let end = floor_char_boundary(source, span.end.max(span.start));
    let spanned = source.get(start..end).unwrap_or_default();
    let first_line = spanned.split('\n').next().unwrap_or_default();
    let remaining = line_text.chars().count().saturating_sub(column - 1);
    first_line.chars().count().min(remaining).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_characters_from_one() {
        let source = "a = 1\nbé = 2\n";
        assert_eq!(line_column(source, 0), (1, 1));
        assert_eq!(line_column(source, 6), (2, 1));
        // `=` after the two-byte `é` is the fourth character of line 2.
        assert_eq!(line_column(source, 10), (2, 4));
        assert_eq!(line_column(source, 999), (3, 1));
        // Inside `é`: clamped back to its start rather than panicking.
        assert_eq!(line_column(source, 8), (2, 2));
    }

    #[test]
    fn render_looks_like_rustc() {
        let source = "[[code]]\ncode = 486\nreason_phrse = \"Busy Here\"\n";
        let problem = Problem::new(20..32, "unknown key `reason_phrse` in a [[code]] table", "unknown key")
            .help("did you mean `reason_phrase`?");
        let expected = "unknown key `reason_phrse` in a [[code]] table\n \
                        --> codes.toml:3:1\n  |\n3 | reason_phrse = \"Busy Here\"\n  | ^^^^^^^^^^^^ unknown key\n  |\n  \
                        = help: did you mean `reason_phrase`?";
        assert_eq!(render(&problem, source, "codes.toml"), expected);
    }

    #[test]
    fn render_lines_markers_up_after_tabs() {
        let source = "[[code]]\n\tcode\t= \"x\"\n";
        let problem = Problem::new(17..20, "`code` must be an integer, found a string", "here");
        let rendered = render(&problem, source, "c.toml");
        // The column counts characters, a tab as one, like rustc's.
        assert!(rendered.contains(" --> c.toml:2:9\n"), "{rendered}");
        // On screen each tab is four spaces: `"x"` starts 14 columns in.
        let expected = format!("2 |     code    = \"x\"\n  | {}^^^ here", " ".repeat(14));
        assert!(rendered.contains(&expected), "{rendered}");
    }

    #[test]
    fn render_shows_secondary_places() {
        let source = "code = 486\n\n\n\n\n\n\n\n\ncode = 486\n";
        let problem =
            Problem::new(26..29, "code 486 is given twice", "given again here").note(7..10, "first given here");
        let rendered = render(&problem, source, "c.toml");
        assert!(rendered.contains("  --> c.toml:10:8\n"), "{rendered}");
        assert!(rendered.contains("  ::: c.toml:1:8\n"), "{rendered}");
        assert!(
            rendered.contains(" 1 | code = 486\n   |        --- first given here"),
            "{rendered}"
        );
    }
}
