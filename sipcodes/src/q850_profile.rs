//! Profiles as data: a gateway's own cause ↔ status mapping, read from a TOML file by
//! [`q850_profile!`](crate::q850_profile), beside the RFC tables of [`Profile`].
//!
//! sipcodes ships three such tables, read from the vendors' source with the file and line of
//! every row: [`ASTERISK`] (`chan_pjsip` / `res_pjsip`), [`FREESWITCH`] (`mod_sofia`) and
//! [`OPENSIPS`] (`sip_i`, status → cause only). A crate describes its own gateway the same
//! way, in its own TOML, giving only the rows that differ from a named base profile. [`Mapping`] is the API they all share, [`Profile`] included;
//! [`round_trip`] follows a status through two of them.

use core::fmt;

use super::{Cause, Location, NewNumber, Profile};
use crate::warn_codes::WarnCode;
use crate::{Citation, Class, StatusCode};

/// A cause ↔ status mapping: one of the RFC [`Profile`]s, a vendor's table ([`ASTERISK`],
/// [`FREESWITCH`]) or a table of your own ([`ProfileTable`], from
/// [`q850_profile!`](crate::q850_profile)). The methods read as [`Profile`]'s.
// `from_sip` is the vocabulary's name for the status → cause direction, as on `Profile`.
#[allow(
    clippy::wrong_self_convention,
    reason = "from_sip names a direction, not a constructor"
)]
pub trait Mapping: Sync + fmt::Debug {
    /// The profile's key: `rfc3398`, `rfc4497`, `asterisk`, `freeswitch`, or a table's own.
    fn key(&self) -> &'static str;

    /// The profile's name, as a finding names it: "RFC 3398", or a table's `name`
    /// ("Asterisk (`chan_pjsip` / `res_pjsip`)"). The key unless the profile says otherwise.
    fn name(&self) -> &'static str {
        self.key()
    }

    /// The SIP response for a release with the raw cause value `cause`; `None` where the
    /// profile sends no response for it. See [`Profile::to_sip_raw`].
    fn to_sip_raw(&self, cause: u8, location: Option<Location>, new_number: NewNumber) -> Option<StatusCode>;

    /// The SIP response for a release with `cause`. See [`Profile::to_sip`].
    fn to_sip(&self, cause: Cause, location: Option<Location>, new_number: NewNumber) -> Option<StatusCode> {
        self.to_sip_raw(cause.as_u8(), location, new_number)
    }

    /// [`to_sip_raw`](Self::to_sip_raw) for a cause value as a vendor numbers it, one of its
    /// own above 255 included; such a value takes the default of a profile that does not list
    /// it.
    fn to_sip_value(&self, cause: u16, location: Option<Location>, new_number: NewNumber) -> Option<StatusCode> {
        self.to_sip_raw(u8::try_from(cause).unwrap_or(0), location, new_number)
    }

    /// The cause value to release with after `status`, as the profile numbers it: a vendor's
    /// own cause above 127 included. `None` for a 1xx or 2xx, which end nothing, and where the
    /// profile maps nothing.
    fn from_sip_raw(&self, status: StatusCode, warning: Option<WarnCode>) -> Option<u16>;

    /// The Q.850 cause to release with after `status`. See [`Profile::from_sip`]; a vendor's
    /// own cause, which Q.850 does not assign, gives `None` (read it with
    /// [`from_sip_raw`](Self::from_sip_raw)).
    fn from_sip(&self, status: StatusCode, warning: Option<WarnCode>) -> Option<Cause> {
        match self.from_sip_raw(status, warning) {
            Some(value) => match u8::try_from(value) {
                Ok(value) => Cause::from_u8(value),
                Err(_) => None,
            },
            None => None,
        }
    }

    /// Whether a response `status` carrying the cause value `cause` (in `Reason: Q.850`) is
    /// what this profile would produce: the status maps back to the cause, or the cause, from
    /// `location` or from the user, with or without a new number, maps to the status. What a
    /// Reason-consistency check judges a gateway's own traffic by.
    ///
    /// ```
    /// use sipcodes::q850::{ASTERISK, Mapping, Profile};
    /// use sipcodes::StatusCode;
    ///
    /// let forbidden = StatusCode::from_u16(403)?;
    /// let decline = StatusCode::from_u16(603)?;
    /// // Asterisk answers cause 21 with 403, and reads 603 as 21: both agree.
    /// assert!(ASTERISK.agrees(forbidden, 21, None, None));
    /// assert!(ASTERISK.agrees(decline, 21, None, None));
    /// // Cause 58 on a 488 is Asterisk's own pairing, not RFC 3398's.
    /// let not_acceptable = StatusCode::from_u16(488)?;
    /// assert!(ASTERISK.agrees(not_acceptable, 58, None, None));
    /// assert!(!Profile::Rfc3398.agrees(not_acceptable, 58, None, None));
    /// # Ok::<(), sipcodes::InvalidStatusCode>(())
    /// ```
    fn agrees(&self, status: StatusCode, cause: u16, location: Option<Location>, warning: Option<WarnCode>) -> bool {
        if self.from_sip_raw(status, warning) == Some(cause) {
            return true;
        }
        [None, Some(Location::User), location].into_iter().any(|location| {
            [NewNumber::Known, NewNumber::Unknown]
                .into_iter()
                .any(|new_number| self.to_sip_value(cause, location, new_number) == Some(status))
        })
    }

    /// Where the cause → status row for `cause` comes from.
    fn to_sip_source(&self, cause: u16) -> Source;

    /// Where the status → cause row for `status` comes from.
    fn from_sip_source(&self, status: StatusCode) -> Source;
}

/// Where a mapping row comes from: an RFC and its section, or a repository at a commit and the
/// file and line of the row. Writes "RFC 3398, Section 7.2.4.1" or
/// `asterisk/asterisk@f0c1c1a…:channels/chan_pjsip.c:2555`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Source {
    document: &'static str,
    commit: Option<&'static str>,
    place: Option<&'static str>,
}

impl Source {
    const fn of(citation: Citation) -> Source {
        Source {
            document: citation.rfc(),
            commit: None,
            place: citation.section(),
        }
    }

    /// The RFC ("RFC 3398"), the repository ("asterisk/asterisk") or the profile's name.
    #[must_use]
    pub const fn document(&self) -> &'static str {
        self.document
    }

    /// The commit of the repository that was read, if the document is one.
    #[must_use]
    pub const fn commit(&self) -> Option<&'static str> {
        self.commit
    }

    /// The section of the RFC, or the file and line in the repository.
    #[must_use]
    pub const fn place(&self) -> Option<&'static str> {
        self.place
    }
}

impl fmt::Display for Source {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.commit, self.place) {
            (Some(commit), Some(place)) => write!(formatter, "{}@{commit}:{place}", self.document),
            (Some(commit), None) => write!(formatter, "{}@{commit}", self.document),
            (None, Some(place)) => write!(formatter, "{}, Section {place}", self.document),
            (None, None) => formatter.write_str(self.document),
        }
    }
}

impl Profile {
    /// The profile's key, as the `sipcodes` command and a table's `base` name it: `rfc3398`
    /// or `rfc4497`.
    #[must_use]
    pub const fn key(self) -> &'static str {
        match self {
            Profile::Rfc3398 => "rfc3398",
            Profile::Rfc4497 => "rfc4497",
        }
    }
}

impl Mapping for Profile {
    fn key(&self) -> &'static str {
        Profile::key(*self)
    }

    fn name(&self) -> &'static str {
        match self {
            Profile::Rfc3398 => "RFC 3398",
            Profile::Rfc4497 => "RFC 4497",
        }
    }

    fn to_sip_raw(&self, cause: u8, location: Option<Location>, new_number: NewNumber) -> Option<StatusCode> {
        Profile::to_sip_raw(*self, cause, location, new_number)
    }

    fn from_sip_raw(&self, status: StatusCode, warning: Option<WarnCode>) -> Option<u16> {
        Profile::from_sip(*self, status, warning).map(|cause| u16::from(cause.as_u8()))
    }

    fn to_sip_source(&self, _cause: u16) -> Source {
        Source::of(self.to_sip_citation())
    }

    fn from_sip_source(&self, _status: StatusCode) -> Source {
        Source::of(self.from_sip_citation())
    }
}

/// A profile read from a TOML file by [`q850_profile!`](crate::q850_profile): a vendor's
/// table ([`ASTERISK`], [`FREESWITCH`]) or your gateway's.
///
/// A cause or status the table lists maps as its row says; one it does not list takes the
/// table's default (for a status, the default whose range holds it), and failing that the
/// base profile's mapping. 1xx and 2xx responses give no cause under any profile.
#[derive(Debug)]
pub struct ProfileTable {
    #[doc(hidden)]
    pub __key: &'static str,
    #[doc(hidden)]
    pub __name: &'static str,
    #[doc(hidden)]
    pub __description: &'static str,
    #[doc(hidden)]
    pub __repo: Option<&'static str>,
    #[doc(hidden)]
    pub __commit: Option<&'static str>,
    #[doc(hidden)]
    pub __base: Option<&'static dyn Mapping>,
    #[doc(hidden)]
    pub __to_sip: &'static [ToSipEntry],
    #[doc(hidden)]
    pub __to_sip_default: Option<ToSipEntry>,
    #[doc(hidden)]
    pub __from_sip: &'static [FromSipEntry],
    #[doc(hidden)]
    pub __from_sip_defaults: &'static [FromSipEntry],
}

/// One cause → status row of a [`ProfileTable`] (or its default, whose `cause` is 0).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct ToSipEntry {
    #[doc(hidden)]
    pub __cause: u16,
    #[doc(hidden)]
    pub __status: Option<u16>,
    #[doc(hidden)]
    pub __user_status: Option<u16>,
    #[doc(hidden)]
    pub __diagnostic_status: Option<u16>,
    #[doc(hidden)]
    pub __vendor_name: Option<&'static str>,
    #[doc(hidden)]
    pub __source: Option<&'static str>,
    #[doc(hidden)]
    pub __differs_from_rfc3398: bool,
    #[doc(hidden)]
    pub __note: Option<&'static str>,
}

/// One status → cause row of a [`ProfileTable`], or one of its defaults, which covers the
/// statuses from `first` to `last` that no row lists.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct FromSipEntry {
    #[doc(hidden)]
    pub __first: u16,
    #[doc(hidden)]
    pub __last: u16,
    #[doc(hidden)]
    pub __cause: Option<u16>,
    #[doc(hidden)]
    pub __bearer_cause: Option<u16>,
    #[doc(hidden)]
    pub __vendor_name: Option<&'static str>,
    #[doc(hidden)]
    pub __source: Option<&'static str>,
    #[doc(hidden)]
    pub __differs_from_rfc3398: bool,
    #[doc(hidden)]
    pub __note: Option<&'static str>,
}

/// The accessors both kinds of row share; `$value` is what the row gives, for the docs.
macro_rules! row_facts {
    ($value:literal) => {
        /// The vendor's name for the cause, e.g. `AST_CAUSE_USER_BUSY`.
        #[must_use]
        pub const fn vendor_name(&self) -> Option<&'static str> {
            self.__vendor_name
        }

        /// The file and line the row was read at, in the table's repository.
        #[must_use]
        pub const fn source(&self) -> Option<&'static str> {
            self.__source
        }

        #[doc = concat!("Whether the row gives another ", $value, " than RFC 3398 does.")]
        #[must_use]
        pub const fn differs_from_rfc3398(&self) -> bool {
            self.__differs_from_rfc3398
        }

        /// What the table says about the row.
        #[must_use]
        pub const fn note(&self) -> Option<&'static str> {
            self.__note
        }
    };
}

impl ToSipEntry {
    /// The cause value the row maps, as the vendor numbers it (above 127 for a vendor's own).
    #[must_use]
    pub const fn cause(&self) -> u16 {
        self.__cause
    }

    /// The status code sent, or `None` where the profile sends none.
    #[must_use]
    pub const fn status(&self) -> Option<u16> {
        self.__status
    }

    /// The status sent instead when the cause's location is the user.
    #[must_use]
    pub const fn user_status(&self) -> Option<u16> {
        self.__user_status
    }

    /// The status sent instead when the diagnostic carries a new number.
    #[must_use]
    pub const fn diagnostic_status(&self) -> Option<u16> {
        self.__diagnostic_status
    }

    row_facts!("status");
}

impl FromSipEntry {
    /// The statuses the row covers: one code for a row, a range for a default.
    #[must_use]
    pub const fn statuses(&self) -> core::ops::RangeInclusive<u16> {
        self.__first..=self.__last
    }

    /// The cause value given, as the vendor numbers it; `None` where the profile maps nothing.
    #[must_use]
    pub const fn cause(&self) -> Option<u16> {
        self.__cause
    }

    /// The cause given instead when the Warning code speaks to an unavailable bearer
    /// capability.
    #[must_use]
    pub const fn bearer_cause(&self) -> Option<u16> {
        self.__bearer_cause
    }

    row_facts!("cause");
}

impl ProfileTable {
    /// The table's key, e.g. `asterisk`.
    #[must_use]
    pub const fn key(&self) -> &'static str {
        self.__key
    }

    /// The table's name, e.g. `Asterisk (chan_pjsip / res_pjsip)`.
    #[must_use]
    pub const fn name(&self) -> &'static str {
        self.__name
    }

    /// What the table is and how the gateway uses it.
    #[must_use]
    pub const fn description(&self) -> &'static str {
        self.__description
    }

    /// The repository the rows were read in, e.g. `asterisk/asterisk`.
    #[must_use]
    pub const fn repo(&self) -> Option<&'static str> {
        self.__repo
    }

    /// The commit of the repository that was read.
    #[must_use]
    pub const fn commit(&self) -> Option<&'static str> {
        self.__commit
    }

    /// The profile that maps what this table does not list.
    #[must_use]
    pub fn base(&self) -> Option<&'static dyn Mapping> {
        self.__base
    }

    /// The cause → status rows, by cause.
    #[must_use]
    pub const fn to_sip_rows(&self) -> &'static [ToSipEntry] {
        self.__to_sip
    }

    /// The response for a cause no row lists, if the table gives one.
    #[must_use]
    pub const fn to_sip_default(&self) -> Option<&ToSipEntry> {
        self.__to_sip_default.as_ref()
    }

    /// The status → cause rows, by status.
    #[must_use]
    pub const fn from_sip_rows(&self) -> &'static [FromSipEntry] {
        self.__from_sip
    }

    /// The causes for statuses no row lists: by range, then one for any status.
    #[must_use]
    pub const fn from_sip_defaults(&self) -> &'static [FromSipEntry] {
        self.__from_sip_defaults
    }

    /// The row or default that maps `cause`; `None` where the base profile maps it.
    #[must_use]
    pub fn to_sip_entry(&self, cause: u16) -> Option<&ToSipEntry> {
        self.__to_sip
            .iter()
            .find(|row| row.__cause == cause)
            .or(self.__to_sip_default.as_ref())
    }

    /// The row or default that maps `status`; `None` where the base profile maps it.
    #[must_use]
    pub fn from_sip_entry(&self, status: u16) -> Option<&FromSipEntry> {
        self.__from_sip
            .iter()
            .chain(self.__from_sip_defaults)
            .find(|row| row.statuses().contains(&status))
    }

    fn source(&self, place: Option<&'static str>) -> Source {
        Source {
            document: self.__repo.unwrap_or(self.__name),
            commit: self.__commit,
            place,
        }
    }
}

impl Mapping for ProfileTable {
    fn key(&self) -> &'static str {
        self.__key
    }

    fn name(&self) -> &'static str {
        self.__name
    }

    fn to_sip_raw(&self, cause: u8, location: Option<Location>, new_number: NewNumber) -> Option<StatusCode> {
        self.to_sip_value(u16::from(cause), location, new_number)
    }

    fn to_sip_value(&self, cause: u16, location: Option<Location>, new_number: NewNumber) -> Option<StatusCode> {
        match (self.to_sip_entry(cause), self.__base) {
            (Some(row), _) => {
                let code = match (location, row.__user_status, new_number, row.__diagnostic_status) {
                    (Some(Location::User), Some(code), _, _) | (_, _, NewNumber::Known, Some(code)) => Some(code),
                    _ => row.__status,
                };
                code.and_then(|code| StatusCode::from_u16(code).ok())
            }
            (None, Some(base)) => base.to_sip_value(cause, location, new_number),
            // The macro requires a default of a table without a base.
            (None, None) => None,
        }
    }

    fn from_sip_raw(&self, status: StatusCode, warning: Option<WarnCode>) -> Option<u16> {
        if matches!(status.class(), Class::Provisional | Class::Success) {
            return None;
        }
        match (self.from_sip_entry(status.as_u16()), self.__base) {
            (Some(row), _) => match (warning, row.__bearer_cause) {
                (Some(warning), Some(cause)) if warning.is_bearer_capability() => Some(cause),
                _ => row.__cause,
            },
            (None, Some(base)) => base.from_sip_raw(status, warning),
            (None, None) => None,
        }
    }

    fn to_sip_source(&self, cause: u16) -> Source {
        match (self.to_sip_entry(cause), self.__base) {
            (Some(row), _) => self.source(row.__source),
            (None, Some(base)) => base.to_sip_source(cause),
            (None, None) => self.source(None),
        }
    }

    fn from_sip_source(&self, status: StatusCode) -> Source {
        match (self.from_sip_entry(status.as_u16()), self.__base) {
            (Some(row), _) => self.source(row.__source),
            (None, Some(base)) => base.from_sip_source(status),
            (None, None) => self.source(None),
        }
    }
}

sipcodes_macros::q850_profile! {
    crate; builtin;
    /// Asterisk's mapping, as `chan_pjsip` (cause → status, `hangup_cause2sip`) and `res_pjsip`
    /// (status → cause, `ast_sip_hangup_sip2cause`) ship it; read from `asterisk/asterisk` at
    /// the commit [`ProfileTable::commit`] gives, every row with its file and line. Key
    /// `asterisk`.
    pub static ASTERISK = "profiles/asterisk.toml";
}

sipcodes_macros::q850_profile! {
    crate; builtin;
    /// `FreeSWITCH`'s mapping, as `mod_sofia` ships it (`hangup_cause_to_sip`, and
    /// `sofia_glue_sip_cause_to_freeswitch` for status → cause); read from
    /// `signalwire/freeswitch` at the commit [`ProfileTable::commit`] gives, every row with its
    /// file and line. Key `freeswitch`.
    pub static FREESWITCH = "profiles/freeswitch.toml";
}

sipcodes_macros::q850_profile! {
    crate; builtin;
    /// `OpenSIPS`'s mapping from SIP replies to causes, as its `sip_i` module ships it
    /// (`init_rel_default`, for the ISUP REL it builds); read from `OpenSIPS/opensips` at the
    /// commit [`ProfileTable::commit`] gives. It has no cause → status table: `to_sip` gives
    /// `None` for every cause. Key `opensips`.
    pub static OPENSIPS = "profiles/opensips.toml";
}

/// The vendors' tables sipcodes ships: [`ASTERISK`], [`FREESWITCH`], [`OPENSIPS`].
pub static VENDORS: &[&ProfileTable] = &[&ASTERISK, &FREESWITCH, &OPENSIPS];

/// Every built-in profile, by key: `rfc3398`, `rfc4497`, `asterisk`, `freeswitch`,
/// `opensips`.
pub static BUILT_IN: &[&dyn Mapping] = &[&Profile::Rfc3398, &Profile::Rfc4497, &ASTERISK, &FREESWITCH, &OPENSIPS];

/// The built-in profile with key `key`.
///
/// ```
/// use sipcodes::q850::{self, Mapping};
///
/// let asterisk = q850::profile("asterisk").unwrap();
/// assert_eq!(asterisk.key(), "asterisk");
/// assert!(q850::profile("kamailio").is_none());
/// ```
#[must_use]
pub fn profile(key: &str) -> Option<&'static dyn Mapping> {
    BUILT_IN.iter().copied().find(|profile| profile.key() == key)
}

/// What becomes of a status on the way SIP → cause → SIP: a gateway maps the status with one
/// profile, the next maps the cause back with another.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct RoundTrip {
    /// The status that came in.
    pub status: StatusCode,
    /// The cause value the first profile gives; `None` where it releases with none.
    pub cause: Option<u16>,
    /// The status the second profile sends for the cause; `None` where there is no cause or
    /// the second profile sends no response.
    pub back: Option<StatusCode>,
}

impl RoundTrip {
    /// Whether the status came back as itself.
    #[must_use]
    pub fn survives(&self) -> bool {
        self.back == Some(self.status)
    }
}

/// Follows `status` through `first` (status → cause) and back through `second` (cause →
/// status), with no location, warning or new number.
///
/// A softphone that sends 603 Decline as cause 21 meets an Asterisk that turns 21 into 403:
///
/// ```
/// use sipcodes::q850::{self, Profile};
/// use sipcodes::StatusCode;
///
/// let decline = StatusCode::from_u16(603)?;
/// let trip = q850::round_trip(decline, &Profile::Rfc3398, &q850::ASTERISK);
/// assert_eq!(trip.cause, Some(21));
/// assert_eq!(trip.back.map(|status| status.as_u16()), Some(403));
/// assert!(!trip.survives());
/// # Ok::<(), sipcodes::InvalidStatusCode>(())
/// ```
#[must_use]
pub fn round_trip(status: StatusCode, first: &dyn Mapping, second: &dyn Mapping) -> RoundTrip {
    let cause = first.from_sip_raw(status, None);
    let back = cause.and_then(|value| second.to_sip_value(value, None, NewNumber::Unknown));
    RoundTrip { status, cause, back }
}
