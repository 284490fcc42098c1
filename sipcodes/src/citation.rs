//! Where a fact is stated: an RFC, its section, and a link to it.

use core::fmt;

/// Where a fact is stated: an RFC and, where the table gives one, its section, with a link
/// to it on rfc-editor.org.
///
/// Returned by the generated `citation` (see [`Code::citation`](crate::Code::citation)),
/// [`HeaderRule::citation`](crate::HeaderRule::citation) and
/// [`ClientReaction::citation`](crate::ClientReaction::citation); with their features, by the
/// registries too: `warning::WarnCode::citation`, `reason::Protocol::citation`, and
/// `q850::Profile`'s `citation` (the RFC as a whole), `to_sip_citation` and
/// `from_sip_citation` (the section of each mapping table).
///
/// ```
/// use sipcodes::Code;
///
/// let citation = Code::BusyHere.citation().unwrap();
/// assert_eq!(citation.rfc(), "RFC 3261");
/// assert_eq!(citation.section(), Some("21.4.24"));
/// assert_eq!(citation.url(), "https://www.rfc-editor.org/rfc/rfc3261#section-21.4.24");
/// assert_eq!(citation.to_string(), "RFC 3261, Section 21.4.24");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Citation {
    rfc: &'static str,
    section: Option<&'static str>,
    url: &'static str,
}

impl Citation {
    /// The RFC, e.g. `"RFC 3261"`.
    #[must_use]
    pub const fn rfc(&self) -> &'static str {
        self.rfc
    }

    /// The section of [`rfc`](Self::rfc), e.g. `"21.4.24"`; `None` where the table cites the
    /// RFC as a whole. Section `"20"` of RFC 3261 stands for a row of its header field tables
    /// (Tables 2 and 3).
    #[must_use]
    pub const fn section(&self) -> Option<&'static str> {
        self.section
    }

    /// A link to the section, or to the RFC, on rfc-editor.org.
    #[must_use]
    pub const fn url(&self) -> &'static str {
        self.url
    }
}

impl fmt::Display for Citation {
    /// Writes `RFC 3261, Section 21.4.24`, or `RFC 3261` without a section.
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.section {
            Some(section) => write!(formatter, "{}, Section {section}", self.rfc),
            None => formatter.write_str(self.rfc),
        }
    }
}

/// A citation, as the code `codes!` generates writes one. Not a public API.
#[doc(hidden)]
#[must_use]
pub const fn citation(rfc: &'static str, section: Option<&'static str>, url: &'static str) -> Citation {
    Citation { rfc, section, url }
}
