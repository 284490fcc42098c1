//! Why the phone network ended a call: ITU-T Q.850 cause values, and their mapping to SIP
//! status codes and back.
//!
//! A gateway between SIP and ISUP (RFC 3398) or QSIG (RFC 4497) translates the cause of a
//! release into the response it sends, and a failure response into the cause it releases
//! with. Both documents give tables; sipcodes carries them as data ([`Profile`]), generated
//! from `q850.toml` with every row checked against the RFC text. [`Profile::to_sip`] and
//! [`Profile::from_sip`] read them; the free functions [`to_sip`] and [`from_sip`] are the
//! same for RFC 3398.
//!
//! ```
//! use sipcodes::q850::{self, Cause, Location, NewNumber};
//! use sipcodes::{Code, StatusCode};
//!
//! // An ISUP REL with cause 17 arrives: answer the INVITE with 486.
//! let busy = q850::to_sip(Cause::UserBusy, None, NewNumber::Unknown);
//! assert_eq!(busy, Some(Code::BusyHere.status_code()));
//! // Cause 21 from the called user becomes 603 rather than 403.
//! let rejected = q850::to_sip(Cause::CallRejected, Some(Location::User), NewNumber::Unknown);
//! assert_eq!(rejected, Some(Code::Decline.status_code()));
//!
//! // A 404 comes back from SIP: release the ISUP call with cause 1.
//! let cause = q850::from_sip(StatusCode::from_u16(404)?, None);
//! assert_eq!(cause, Some(Cause::UnallocatedNumber));
//! assert_eq!(Cause::UnallocatedNumber.to_string(), "1 Unallocated (unassigned) number");
//! // A 180 releases nothing.
//! assert_eq!(q850::from_sip(StatusCode::from_u16(180)?, None), None);
//! # Ok::<(), sipcodes::InvalidStatusCode>(())
//! ```
//!
//! # How the tables are read
//!
//! - A cause no table lists gives the profile's default response, 500 in both documents, and
//!   so does a cause value Q.850 does not assign ([`Profile::to_sip_raw`], for the number
//!   read off the wire).
//! - A 4xx, 5xx or 6xx response no table lists gives the profile's default cause, 31: RFC
//!   3398 maps "any SIP status codes not listed" to it, and RFC 4497 makes 31 the default
//!   "for SIP responses not shown in Table 2".
//! - A 1xx or 2xx response gives no cause: it ends nothing. RFC 3398 maps them to other ISUP
//!   messages (Sections 8.2.2 to 8.2.4: nothing for 100, ACM or CPG for 18x, ANM for 200),
//!   RFC 4497 to other QSIG messages (Sections 8.2.1.2 to 8.2.1.4).
//! - A 3xx response: RFC 3398 Section 8.2.5 has the gateway first try the Contact URIs, and
//!   adds "Alternatively, the gateway MAY send a REL message to the PSTN with a redirection
//!   indicator (23)", so it gives cause 23 ([`Cause::RedirectionToNewDestination`]). RFC 4497
//!   Section 8.2.1.5 has the gateway act on it as SIP does, and "Unless the gateway supports
//!   the QSIG Call Diversion Supplementary Service, no QSIG message SHALL be sent": no cause.
//! - RFC 3398's table gives no status code for cause 16 (the call usually ends with BYE or
//!   CANCEL instead) and for cause 44 (untranslatable), and no cause for 487: these give
//!   `None`. RFC 4497 answers 16 and 44 with its default and maps 487 to its default cause.
//! - Cause 21 (call rejected) from location [`Location::User`] gives 603 Decline instead of
//!   403 Forbidden in both profiles: RFC 4497 requires it, and RFC 3398 allows it in a
//!   footnote. A caller that wants RFC 3398's bare table passes no location.
//! - Cause 22 (number changed) gives 410 Gone, or 301 Moved Permanently when the diagnostic
//!   carries the new number for a Contact header field ([`NewNumber::Known`]).
//! - 488 and 606 give 31, or 65 (bearer capability not implemented) when the Warning header
//!   field's code speaks to an unavailable bearer capability
//!   ([`WarnCode::is_bearer_capability`](crate::warning::WarnCode::is_bearer_capability)).
//!
//! # Vendor profiles and your own
//!
//! Gateways do not all follow the RFCs. [`ASTERISK`] (`chan_pjsip` / `res_pjsip`) and
//! [`FREESWITCH`] (`mod_sofia`) carry what those two ship, read from their source at a pinned
//! commit with the file and line of every row, and the rows that differ from RFC 3398 marked.
//! A gateway of your own is described in your crate's TOML, only the rows that differ from a
//! base profile, with [`q850_profile!`](crate::q850_profile). All of them, and [`Profile`],
//! answer through [`Mapping`]; [`round_trip`] follows a status through two of them:
//!
//! ```
//! use sipcodes::q850::{self, Cause, Mapping, NewNumber, Profile};
//! use sipcodes::StatusCode;
//!
//! // Asterisk reads no location: cause 21 is 403 even from the user.
//! let status = q850::ASTERISK.to_sip(Cause::CallRejected, None, NewNumber::Unknown);
//! assert_eq!(status.map(|status| status.as_u16()), Some(403));
//! // A softphone sends 603 as cause 21 (RFC 3398); Asterisk turns 21 into 403.
//! let trip = q850::round_trip(StatusCode::from_u16(603)?, &Profile::Rfc3398, &q850::ASTERISK);
//! assert!(!trip.survives());
//! # Ok::<(), sipcodes::InvalidStatusCode>(())
//! ```
//!
//! The full tables, the vendors' beside RFC 3398's, are in `CAUSES.md` at the root of the
//! repository; `sipcodes q850 diff rfc3398 asterisk` lists where two profiles disagree.

use crate::warn_codes::WarnCode;
use crate::{Class, StatusCode};

sipcodes_macros::registry!(crate, q850 = "q850.toml");

#[path = "q850_profile.rs"]
mod profile;
pub use profile::{
    ASTERISK, BUILT_IN, FREESWITCH, FromSipEntry, Mapping, OPENSIPS, ProfileTable, RoundTrip, Source, ToSipEntry,
    VENDORS, profile, round_trip,
};

/// One cause → status row of a profile's table.
// Built by name, field by field, in the code `registry!` generates above
// (`to_sip_arms` in sipcodes-macros/src/registry/q850.rs): renaming a field here means
// renaming it there.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ToSipRow {
    /// The response, or `None` with `none` saying why nothing is sent.
    pub(crate) status: Option<u16>,
    /// The response when the cause location is the user.
    pub(crate) user_status: Option<u16>,
    /// The response when the diagnostic carries a new number.
    pub(crate) diagnostic_status: Option<u16>,
    pub(crate) none: Option<&'static str>,
    pub(crate) note: Option<&'static str>,
}

/// One status → cause row of a profile's table.
// Built by name, field by field, in the code `registry!` generates above
// (`from_sip_arms` in sipcodes-macros/src/registry/q850.rs): renaming a field here means
// renaming it there.
#[derive(Clone, Copy, Debug)]
pub(crate) struct FromSipRow {
    /// The cause, or `None` with `none` saying why there is no mapping.
    pub(crate) cause: Option<Cause>,
    /// The cause when the Warning code speaks to an unavailable bearer capability.
    pub(crate) bearer_cause: Option<Cause>,
    pub(crate) none: Option<&'static str>,
    pub(crate) printed: Option<&'static str>,
    pub(crate) note: Option<&'static str>,
}

/// Whether the diagnostic of a release carries the callee's new number: what turns cause 22
/// (number changed) into 301 Moved Permanently rather than 410 Gone, with the number in a
/// Contact header field (RFC 3398 Section 7.2.4.1, RFC 4497 Table 1).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
pub enum NewNumber {
    /// The diagnostic carries the new number, usable in a Contact header field.
    Known,
    /// No new number the gateway can use: the default.
    #[default]
    Unknown,
}

impl Profile {
    /// The SIP response for a release with `cause`, from this profile's cause → status table.
    ///
    /// `location` is the cause's location field, if known: [`Location::User`] turns cause 21
    /// into 603. `new_number` says whether the diagnostic carries the callee's new number: it
    /// turns cause 22 into 301. `None` where the profile gives no status code (RFC 3398:
    /// causes 16 and 44); the default response for a cause the table does not list.
    ///
    /// ```
    /// use sipcodes::q850::{Cause, Location, NewNumber, Profile};
    ///
    /// let status = |cause, location, new_number| {
    ///     Profile::Rfc4497.to_sip(cause, location, new_number).map(|status| status.as_u16())
    /// };
    /// assert_eq!(status(Cause::NumberChanged, None, NewNumber::Known), Some(301));
    /// assert_eq!(status(Cause::NumberChanged, None, NewNumber::Unknown), Some(410));
    /// let elsewhere = Some(Location::RemotePrivateNetwork);
    /// assert_eq!(status(Cause::CallRejected, elsewhere, NewNumber::Unknown), Some(403));
    /// assert_eq!(status(Cause::RequestedFacilityNotImplemented, None, NewNumber::Unknown), Some(501));
    /// // RFC 3398 has no row for 69: the default.
    /// let rfc3398 = Profile::Rfc3398.to_sip(Cause::RequestedFacilityNotImplemented, None, NewNumber::Unknown);
    /// assert_eq!(rfc3398.map(|status| status.as_u16()), Some(500));
    /// ```
    #[must_use]
    pub const fn to_sip(self, cause: Cause, location: Option<Location>, new_number: NewNumber) -> Option<StatusCode> {
        self.to_sip_raw(cause.as_u8(), location, new_number)
    }

    /// [`to_sip`](Self::to_sip) for a cause value as it arrives on the wire, assigned by Q.850
    /// or not: a value no table lists, such as 0 or 128, gives the default response.
    ///
    /// ```
    /// use sipcodes::q850::{NewNumber, Profile};
    ///
    /// let status = |cause| Profile::Rfc3398.to_sip_raw(cause, None, NewNumber::Unknown).map(|status| status.as_u16());
    /// assert_eq!(status(17), Some(486));
    /// assert_eq!(status(0), Some(500));
    /// assert_eq!(status(255), Some(500));
    /// ```
    #[must_use]
    pub const fn to_sip_raw(self, cause: u8, location: Option<Location>, new_number: NewNumber) -> Option<StatusCode> {
        let Some(row) = self.to_sip_row(cause) else {
            return Some(self.default_status());
        };
        let code = match (location, row.user_status, new_number, row.diagnostic_status) {
            (Some(Location::User), Some(code), _, _) | (_, _, NewNumber::Known, Some(code)) => code,
            _ => match row.status {
                Some(code) => code,
                None => return None,
            },
        };
        // The macro checked every code in the table (300-699), so this never fails.
        match StatusCode::from_u16(code) {
            Ok(status) => Some(status),
            Err(_) => None,
        }
    }

    /// The cause to release with after the SIP response `status`: for a 4xx, 5xx or 6xx,
    /// from this profile's status → cause table.
    ///
    /// `warning` is the code of the response's Warning header field, if any: for 488 and 606
    /// a code that speaks to an unavailable bearer capability gives cause 65 instead of 31.
    ///
    /// `None` when there is nothing to release with: for a 1xx or a 2xx, which end nothing;
    /// for a 3xx under RFC 4497, which sends no QSIG message for one (Section 8.2.1.5); and
    /// where the table maps nothing (RFC 3398: 487). Under RFC 3398 a 3xx gives cause 23, for
    /// the REL that Section 8.2.5 lets a gateway send instead of following the redirection.
    /// The default cause for a 4xx, 5xx or 6xx the table does not list.
    ///
    /// ```
    /// use sipcodes::q850::{Cause, Profile};
    /// use sipcodes::warning::WarnCode;
    /// use sipcodes::StatusCode;
    ///
    /// let not_acceptable = StatusCode::from_u16(488)?;
    /// let cause = Profile::Rfc3398.from_sip(not_acceptable, Some(WarnCode::IncompatibleMediaFormat));
    /// assert_eq!(cause, Some(Cause::BearerCapabilityNotImplemented));
    /// let cause = Profile::Rfc3398.from_sip(not_acceptable, Some(WarnCode::Miscellaneous));
    /// assert_eq!(cause, Some(Cause::NormalUnspecified));
    ///
    /// let moved = StatusCode::from_u16(302)?;
    /// assert_eq!(Profile::Rfc3398.from_sip(moved, None), Some(Cause::RedirectionToNewDestination));
    /// assert_eq!(Profile::Rfc4497.from_sip(moved, None), None);
    /// assert_eq!(Profile::Rfc4497.from_sip(StatusCode::from_u16(200)?, None), None);
    /// # Ok::<(), sipcodes::InvalidStatusCode>(())
    /// ```
    #[must_use]
    pub const fn from_sip(self, status: StatusCode, warning: Option<WarnCode>) -> Option<Cause> {
        match status.class() {
            Class::Provisional | Class::Success => return None,
            Class::Redirection => return self.redirection_cause(),
            Class::ClientFailure | Class::ServerFailure | Class::GlobalFailure => {}
        }
        let Some(row) = self.from_sip_row(status.as_u16()) else {
            return Some(self.default_cause());
        };
        if let (Some(warning), Some(cause)) = (warning, row.bearer_cause) {
            if warning.is_bearer_capability() {
                return Some(cause);
            }
        }
        row.cause
    }

    /// The cause for a 3xx: RFC 3398 Section 8.2.5's redirection indicator, or nothing.
    const fn redirection_cause(self) -> Option<Cause> {
        match self {
            Profile::Rfc3398 => Some(Cause::RedirectionToNewDestination),
            Profile::Rfc4497 => None,
        }
    }

    /// The profile's note on its cause → status row for `cause`: a footnote or condition of
    /// the RFC, or why no status code is given. `None` when the row has nothing to add or the
    /// table does not list the cause.
    #[must_use]
    pub const fn to_sip_note(self, cause: Cause) -> Option<&'static str> {
        match self.to_sip_row(cause.as_u8()) {
            Some(ToSipRow { none: Some(why), .. }) => Some(why),
            Some(ToSipRow { note, .. }) => note,
            None => None,
        }
    }

    /// The profile's note on how it maps `status` to a cause: a footnote, how the RFC
    /// misprints the row, why there is no mapping, or, outside 4xx–6xx, why
    /// [`from_sip`](Self::from_sip) gives what it gives. `None` when the row has nothing to
    /// add or the table does not list the code.
    #[must_use]
    pub const fn from_sip_note(self, status: StatusCode) -> Option<&'static str> {
        if let Some(note) = self.class_note(status.class()) {
            return Some(note);
        }
        match self.from_sip_row(status.as_u16()) {
            Some(FromSipRow { none: Some(why), .. }) => Some(why),
            Some(FromSipRow { note, .. }) => note,
            None => None,
        }
    }

    /// Why a 1xx, 2xx or 3xx maps as it does; `None` for the failure classes, which the
    /// tables cover.
    const fn class_note(self, class: Class) -> Option<&'static str> {
        Some(match (self, class) {
            (Profile::Rfc3398, Class::Provisional) => {
                "RFC 3398 Sections 8.2.2 and 8.2.3: a 100 triggers no ISUP message, an 18x an ACM or CPG; nothing is released"
            }
            (Profile::Rfc3398, Class::Success) => {
                "RFC 3398 Section 8.2.4: a 200 to the INVITE is answered with ANM; nothing is released"
            }
            (Profile::Rfc3398, Class::Redirection) => {
                "RFC 3398 Section 8.2.5: the gateway SHOULD try the Contact URIs first; cause 23 (redirection) is for the REL it MAY send instead, with the number from the Contact in the diagnostic"
            }
            (Profile::Rfc4497, Class::Provisional) => {
                "RFC 4497 Sections 8.2.1.2 and 8.2.1.3: a 100 triggers no QSIG message, an 18x an ALERTING or PROGRESS; nothing is released"
            }
            (Profile::Rfc4497, Class::Success) => {
                "RFC 4497 Section 8.2.1.4: a 2xx to the INVITE is mapped to CONNECT; nothing is released"
            }
            (Profile::Rfc4497, Class::Redirection) => {
                "RFC 4497 Section 8.2.1.5: the gateway acts on the 3xx as SIP says, and sends no QSIG message unless it supports Call Diversion"
            }
            (_, Class::ClientFailure | Class::ServerFailure | Class::GlobalFailure) => return None,
        })
    }

    /// How the RFC prints its status → cause row for `status`, where that differs from the
    /// code the row means: RFC 3398 prints "504 Version Not Supported" for 505.
    #[must_use]
    pub const fn printed_as(self, status: StatusCode) -> Option<&'static str> {
        match self.from_sip_row(status.as_u16()) {
            Some(row) => row.printed,
            None => None,
        }
    }
}

/// The SIP response for a release with `cause`, per RFC 3398 Section 7.2.4.1:
/// [`Profile::to_sip`] with [`Profile::Rfc3398`].
///
/// `None` for cause 16 (the call usually ends with BYE or CANCEL instead) and 44
/// (untranslatable); 500 for a cause the table does not list. [`Location::User`] turns cause
/// 21 into 603, as the RFC's footnote allows; [`NewNumber::Known`] turns cause 22 into 301.
///
/// ```
/// use sipcodes::q850::{self, Cause, NewNumber};
///
/// let status = |cause| q850::to_sip(cause, None, NewNumber::Unknown).map(|status| status.as_u16());
/// assert_eq!(status(Cause::UserBusy), Some(486));
/// assert_eq!(status(Cause::NormalCallClearing), None);
/// assert_eq!(status(Cause::InterworkingUnspecified), Some(500));
/// ```
#[must_use]
pub const fn to_sip(cause: Cause, location: Option<Location>, new_number: NewNumber) -> Option<StatusCode> {
    Profile::Rfc3398.to_sip(cause, location, new_number)
}

/// The cause to release with after the SIP response `status`, per RFC 3398:
/// [`Profile::from_sip`] with [`Profile::Rfc3398`].
///
/// `None` for 1xx and 2xx (nothing to release) and for 487, which the RFC does not map;
/// cause 23 for a 3xx (Section 8.2.5); the table of Section 8.2.6.1 for 4xx to 6xx, with 31
/// for a code it does not list. A 488 or 606 whose Warning header field's code speaks to an
/// unavailable bearer capability gives 65.
///
/// ```
/// use sipcodes::q850::{self, Cause};
/// use sipcodes::warning::WarnCode;
/// use sipcodes::StatusCode;
///
/// let cause = |code| q850::from_sip(StatusCode::from_u16(code).unwrap(), None);
/// assert_eq!(cause(486), Some(Cause::UserBusy));
/// assert_eq!(cause(487), None);
/// assert_eq!(cause(599), Some(Cause::NormalUnspecified));
/// assert_eq!(cause(200), None);
/// assert_eq!(cause(301), Some(Cause::RedirectionToNewDestination));
///
/// let declined = StatusCode::from_u16(606)?;
/// let cause = q850::from_sip(declined, Some(WarnCode::MediaTypeNotAvailable));
/// assert_eq!(cause, Some(Cause::BearerCapabilityNotImplemented));
/// # Ok::<(), sipcodes::InvalidStatusCode>(())
/// ```
#[must_use]
pub const fn from_sip(status: StatusCode, warning: Option<WarnCode>) -> Option<Cause> {
    Profile::Rfc3398.from_sip(status, warning)
}
