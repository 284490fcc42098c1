//! The macro's own input: where the generated code finds the runtime, what to name the enum,
//! and which TOML file to read.

use std::path::{Path, PathBuf};

use proc_macro2::{Delimiter, Literal, TokenStream, TokenTree};
use syn::parse::{ParseStream, Parser};
use syn::{Ident, LitStr, Token};

/// `codes!($crate; standard; #[attrs] pub enum Name = "path.toml";)` or
/// `codes!($crate; standard_table = "<the text of sipcodes' codes.toml>"; #[attrs] pub enum Name = "path.toml";)`
pub struct CodesInvocation {
    /// Path to the sipcodes runtime: `$crate` from the wrapper macro, or `crate` inside it.
    pub runtime: TokenStream,
    /// For a user's table, the text of sipcodes' own table, the very text sipcodes generated
    /// `Code` from; `None` when this table is sipcodes' own.
    pub standard_table: Option<LitStr>,
    pub attributes: TokenStream,
    pub visibility: TokenStream,
    pub name: Ident,
    pub path: LitStr,
}

/// `codes_reference!(markdown = "path.toml")` or `codes_reference!(rustdoc Code = "path.toml")`.
pub struct ReferenceInvocation {
    /// The enum to link to, for rustdoc; `None` renders plain Markdown.
    pub link_to: Option<Ident>,
    pub path: LitStr,
}

pub fn parse_codes(input: TokenStream) -> syn::Result<CodesInvocation> {
    Parser::parse2(
        |stream: ParseStream<'_>| {
            let runtime = runtime(stream)?;
            let keyword = stream.parse::<Ident>()?;
            let standard_table = match keyword.to_string().as_str() {
                "standard" => None,
                "standard_table" => {
                    stream.parse::<Token![=]>()?;
                    Some(stream.parse::<LitStr>()?)
                }
                _ => {
                    return Err(syn::Error::new(
                        keyword.span(),
                        "expected `standard` or `standard_table = \"…\"`: invoke this macro through `sipcodes::codes!`",
                    ));
                }
            };
            stream.parse::<Token![;]>()?;
            let (attributes, visibility) = attributes_and_visibility(stream)?;
            stream.parse::<Token![enum]>().map_err(|error| {
                syn::Error::new(
                    error.span(),
                    "expected `enum`: write `pub enum MyCode = \"my_codes.toml\";`",
                )
            })?;
            let (name, path) = name_and_path(
                stream,
                Some("expected the TOML file's path as a string literal"),
                false,
                "unexpected tokens: one `enum Name = \"path.toml\";` per invocation",
            )?;
            Ok(CodesInvocation {
                runtime,
                standard_table,
                attributes,
                visibility,
                name,
                path,
            })
        },
        input,
    )
}

/// `$runtime;`: the path to the sipcodes runtime the wrapper macro passes, every token up to
/// the first `;`.
pub fn runtime(stream: ParseStream<'_>) -> syn::Result<TokenStream> {
    let mut runtime = TokenStream::new();
    while !stream.peek(Token![;]) {
        runtime.extend([stream.parse::<TokenTree>()?]);
    }
    stream.parse::<Token![;]>()?;
    Ok(runtime)
}

/// `Name = "path.toml";`, the end of an invocation: the item's name and the TOML file's path.
/// `path_error` replaces syn's error when the path is not a string literal; the closing `;` is
/// optional unless `semicolon_required`; anything after it is an error saying `trailing`.
pub fn name_and_path(
    stream: ParseStream<'_>,
    path_error: Option<&str>,
    semicolon_required: bool,
    trailing: &str,
) -> syn::Result<(Ident, LitStr)> {
    let name = stream.parse::<Ident>()?;
    stream.parse::<Token![=]>()?;
    let path = stream.parse::<LitStr>().map_err(|error| match path_error {
        Some(message) => syn::Error::new(error.span(), message),
        None => error,
    })?;
    if semicolon_required || stream.peek(Token![;]) {
        stream.parse::<Token![;]>()?;
    }
    if !stream.is_empty() {
        return Err(stream.error(trailing));
    }
    Ok((name, path))
}

/// The outer attributes (`#[doc = …]`, `#[derive(…)]`) and the visibility (`pub`,
/// `pub(crate)`) before the item a macro generates.
pub fn attributes_and_visibility(stream: ParseStream<'_>) -> syn::Result<(TokenStream, TokenStream)> {
    let mut attributes = TokenStream::new();
    while stream.peek(Token![#]) {
        attributes.extend([stream.parse::<TokenTree>()?]);
        let group = stream.parse::<TokenTree>()?;
        if !matches!(&group, TokenTree::Group(group) if group.delimiter() == Delimiter::Bracket) {
            return Err(syn::Error::new(group.span(), "expected an attribute `#[...]`"));
        }
        attributes.extend([group]);
    }
    let mut visibility = TokenStream::new();
    if stream.peek(Token![pub]) {
        visibility.extend([stream.parse::<TokenTree>()?]);
        if stream.peek(syn::token::Paren) {
            visibility.extend([stream.parse::<TokenTree>()?]);
        }
    }
    Ok((attributes, visibility))
}

pub fn parse_reference(input: TokenStream) -> syn::Result<ReferenceInvocation> {
    Parser::parse2(
        |stream: ParseStream<'_>| {
            let flavour = stream.parse::<Ident>()?;
            let link_to = match flavour.to_string().as_str() {
                "markdown" => None,
                "rustdoc" => Some(stream.parse::<Ident>()?),
                _ => {
                    return Err(syn::Error::new(
                        flavour.span(),
                        "expected `markdown` or `rustdoc EnumName`",
                    ));
                }
            };
            stream.parse::<Token![=]>()?;
            let path = stream.parse::<LitStr>()?;
            if !stream.is_empty() {
                return Err(stream.error("unexpected tokens after the path"));
            }
            Ok(ReferenceInvocation { link_to, path })
        },
        input,
    )
}

/// A TOML file named in an invocation, read relative to the invoking crate's manifest
/// directory (as askama and other file-reading macros do).
pub struct SourceFile {
    /// The path as the user wrote it, for messages.
    pub display: String,
    /// The path actually read.
    pub resolved: PathBuf,
    pub contents: String,
}

/// Reads the TOML named by `path`, or explains exactly what went wrong.
pub fn read(path: &LitStr) -> Result<SourceFile, syn::Error> {
    let display = path.value();
    let base = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from);
    let resolved = match &base {
        Some(base) if Path::new(&display).is_relative() => base.join(&display),
        _ => PathBuf::from(&display),
    };
    let base_text = base.as_ref().map_or_else(
        || "the compiler's working directory (CARGO_MANIFEST_DIR is not set)".to_owned(),
        |base| format!("CARGO_MANIFEST_DIR = `{}`", base.display()),
    );
    match std::fs::read_to_string(&resolved) {
        Ok(contents) => Ok(SourceFile {
            display,
            resolved,
            contents,
        }),
        Err(error) => Err(syn::Error::new(
            path.span(),
            format!(
                "cannot read codes table `{display}`: {error}\n  \
                 = note: resolved to `{}`, relative to {base_text}\n  \
                 = help: a relative path is resolved against the directory of the invoking crate's Cargo.toml",
                resolved.display()
            ),
        )),
    }
}

impl SourceFile {
    /// sipcodes' own table, as `codes!` passes it.
    pub fn standard(text: &LitStr) -> SourceFile {
        SourceFile {
            display: "sipcodes' codes.toml".to_owned(),
            resolved: PathBuf::from("codes.toml"),
            contents: text.value(),
        }
    }

    /// The file's name without its directories, for a generated document's header.
    pub fn file_name(&self) -> String {
        self.resolved
            .file_name()
            .map_or(self.display.clone(), |name| name.to_string_lossy().into_owned())
    }

    /// A string literal of the absolute path, for `include_bytes!` (rebuild tracking).
    pub fn tracked_path(&self) -> Literal {
        Literal::string(&self.resolved.to_string_lossy())
    }

    /// A 64-bit FNV-1a hash of the contents: the standard table's fingerprint, compared at
    /// compile time between the table `Code` was generated from and the one a user's enum
    /// was checked against.
    pub fn fingerprint(&self) -> u64 {
        self.contents.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
        })
    }
}
