//! Why the phone network ended a call: ITU-T Q.850 cause values, and their mapping to SIP
//! status codes and back.
//!
//! A gateway between SIP and ISUP (RFC 3398) or QSIG (RFC 4497) translates the cause of a
//! release into the response it sends, and a failure response into the cause it releases
//! with. Both documents give tables; sipcodes carries them as data ([`Profile`]), generated
//! from `q850.toml` with every row checked against the RFC text.
//!
//! ```
//! use sipcodes::q850::{self, Cause, Location};
//! use sipcodes::{Code, StatusCode};
//!
//! // An ISUP REL with cause 17 arrives: answer the INVITE with 486.
//! assert_eq!(q850::sip_status(17, None), Some(Code::BusyHere.status_code()));
//! // Cause 21 from the called user becomes 603 rather than 403.
//! assert_eq!(q850::sip_status(21, Some(Location::User)), Some(Code::Decline.status_code()));
//!
//! // A 404 comes back from SIP: release the ISUP call with cause 1.
//! let cause = q850::cause_for(StatusCode::from_u16(404)?);
//! assert_eq!(cause, Some(Cause::UnallocatedNumber));
//! assert_eq!(Cause::UnallocatedNumber.to_string(), "1 Unallocated (unassigned) number");
//! # Ok::<(), sipcodes::InvalidStatusCode>(())
//! ```
//!
//! # How the tables are read
//!
//! - A cause no table lists gives the profile's default response, 500 in both documents; a
//!   status code no table lists gives the default cause, 31. That includes values Q.850 does
//!   not assign and codes outside 4xx–6xx: the documents state their defaults for "any"
//!   value.
//! - RFC 3398 sends no response at all for cause 16 (the call ends with BYE or CANCEL) and
//!   for cause 44 (untranslatable), and maps no cause for 487: these give `None`. RFC 4497
//!   answers 16 and 44 with its default and maps 487 to its default cause.
//! - Cause 21 (call rejected) from location [`Location::User`] gives 603 Decline instead of
//!   403 Forbidden in both profiles: RFC 4497 requires it, and RFC 3398 allows it in a
//!   footnote. A caller that wants RFC 3398's bare table passes no location.
//! - Cause 22 (number changed) gives 410 Gone, or 301 Moved Permanently when the diagnostic
//!   carries the new number for a Contact header field ([`Profile::sip_status`] with
//!   `new_number`).
//! - 488 and 606 give 31, or 65 (bearer capability not implemented) when the Warning header
//!   field's code speaks to an unavailable bearer capability
//!   ([`WarnCode::is_bearer_capability`](crate::warning::WarnCode::is_bearer_capability)).
//!
//! The full tables are in `CAUSES.md` at the root of the repository.

use crate::StatusCode;
use crate::warn_codes::WarnCode;

sipcodes_macros::registry!(crate, q850 = "q850.toml");

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

impl Profile {
    /// The SIP response for a release with `cause`, from this profile's cause → status table.
    ///
    /// `location` is the cause's location field, if known: [`Location::User`] turns cause 21
    /// into 603. `new_number` says the diagnostic carries the callee's new number, usable in
    /// a Contact header field: it turns cause 22 into 301. `None` where the profile sends no
    /// response (RFC 3398: causes 16 and 44); the default response for a cause the table does
    /// not list.
    ///
    /// ```
    /// use sipcodes::q850::{Location, Profile};
    ///
    /// let status = |cause, location, new_number| {
    ///     Profile::Rfc4497.sip_status(cause, location, new_number).map(|status| status.as_u16())
    /// };
    /// assert_eq!(status(22, None, true), Some(301));
    /// assert_eq!(status(22, None, false), Some(410));
    /// assert_eq!(status(21, Some(Location::RemotePrivateNetwork), false), Some(403));
    /// assert_eq!(status(69, None, false), Some(501));
    /// // RFC 3398 has no row for 69: the default.
    /// assert_eq!(Profile::Rfc3398.sip_status(69, None, false).map(|s| s.as_u16()), Some(500));
    /// ```
    #[must_use]
    pub const fn sip_status(self, cause: u8, location: Option<Location>, new_number: bool) -> Option<StatusCode> {
        let Some(row) = self.to_sip_row(cause) else {
            return Some(self.default_status());
        };
        let code = match (location, row.user_status, new_number, row.diagnostic_status) {
            (Some(Location::User), Some(code), _, _) | (_, _, true, Some(code)) => code,
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

    /// The cause to release with after the SIP failure response `status`, from this profile's
    /// status → cause table.
    ///
    /// `warn_code` is the code of the response's Warning header field, if any: for 488 and
    /// 606 a code that speaks to an unavailable bearer capability gives cause 65 instead of
    /// 31. `None` where the profile maps nothing (RFC 3398: 487); the default cause for a
    /// status code the table does not list.
    ///
    /// ```
    /// use sipcodes::q850::{Cause, Profile};
    /// use sipcodes::StatusCode;
    ///
    /// let not_acceptable = StatusCode::from_u16(488)?;
    /// let cause = Profile::Rfc3398.cause_for(not_acceptable, Some(305));
    /// assert_eq!(cause, Some(Cause::BearerCapabilityNotImplemented));
    /// assert_eq!(Profile::Rfc3398.cause_for(not_acceptable, Some(399)), Some(Cause::NormalUnspecified));
    /// # Ok::<(), sipcodes::InvalidStatusCode>(())
    /// ```
    #[must_use]
    pub const fn cause_for(self, status: StatusCode, warn_code: Option<u16>) -> Option<Cause> {
        let Some(row) = self.from_sip_row(status.as_u16()) else {
            return Some(self.default_cause());
        };
        if let (Some(code), Some(cause)) = (warn_code, row.bearer_cause) {
            if let Some(warning) = WarnCode::from_u16(code) {
                if warning.is_bearer_capability() {
                    return Some(cause);
                }
            }
        }
        row.cause
    }

    /// The profile's note on its cause → status row for `cause`: a footnote or condition of
    /// the RFC, or why no response is sent. `None` when the row has nothing to add or the
    /// table does not list the cause.
    #[must_use]
    pub const fn to_sip_note(self, cause: u8) -> Option<&'static str> {
        match self.to_sip_row(cause) {
            Some(ToSipRow { none: Some(why), .. }) => Some(why),
            Some(ToSipRow { note, .. }) => note,
            None => None,
        }
    }

    /// The profile's note on its status → cause row for `status`: a footnote, how the RFC
    /// misprints the row, or why there is no mapping. `None` when the row has nothing to add
    /// or the table does not list the code.
    #[must_use]
    pub const fn from_sip_note(self, status: StatusCode) -> Option<&'static str> {
        match self.from_sip_row(status.as_u16()) {
            Some(FromSipRow { none: Some(why), .. }) => Some(why),
            Some(FromSipRow { note, .. }) => note,
            None => None,
        }
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

/// The SIP response for a release with `cause`, per RFC 3398 Section 7.2.4.1.
///
/// `None` for cause 16 (the call ends with BYE or CANCEL instead) and 44 (untranslatable);
/// 500 for a cause the table does not list. [`Location::User`] turns cause 21 into 603, as the
/// RFC's footnote allows. For the cause-22 new-number case or the RFC 4497 table, use
/// [`Profile::sip_status`].
///
/// ```
/// use sipcodes::q850;
///
/// assert_eq!(q850::sip_status(17, None).map(|status| status.as_u16()), Some(486));
/// assert_eq!(q850::sip_status(16, None), None);
/// assert_eq!(q850::sip_status(99, None).map(|status| status.as_u16()), Some(500));
/// ```
#[must_use]
pub const fn sip_status(cause: u8, location: Option<Location>) -> Option<StatusCode> {
    Profile::Rfc3398.sip_status(cause, location, false)
}

/// The cause to release with after the SIP response `status`, per RFC 3398 Section 8.2.6.1.
///
/// `None` for 487, which the RFC does not map; 31 for a code the table does not list and for
/// 488 and 606 (see [`cause_for_warning`] when the response carries a Warning header field).
///
/// ```
/// use sipcodes::q850::{self, Cause};
/// use sipcodes::StatusCode;
///
/// assert_eq!(q850::cause_for(StatusCode::from_u16(486)?), Some(Cause::UserBusy));
/// assert_eq!(q850::cause_for(StatusCode::from_u16(487)?), None);
/// assert_eq!(q850::cause_for(StatusCode::from_u16(599)?), Some(Cause::NormalUnspecified));
/// # Ok::<(), sipcodes::InvalidStatusCode>(())
/// ```
#[must_use]
pub const fn cause_for(status: StatusCode) -> Option<Cause> {
    Profile::Rfc3398.cause_for(status, None)
}

/// [`cause_for`] for a response carrying a Warning header field with `warn_code`: a 488 or
/// 606 whose warn-code speaks to an unavailable bearer capability gives cause 65 (RFC 3398
/// Section 8.2.6.1); any other response maps as [`cause_for`] maps it.
///
/// ```
/// use sipcodes::q850::{self, Cause};
/// use sipcodes::StatusCode;
///
/// let declined = StatusCode::from_u16(606)?;
/// assert_eq!(q850::cause_for_warning(declined, 304), Some(Cause::BearerCapabilityNotImplemented));
/// assert_eq!(q850::cause_for_warning(declined, 330), Some(Cause::NormalUnspecified));
/// # Ok::<(), sipcodes::InvalidStatusCode>(())
/// ```
#[must_use]
pub const fn cause_for_warning(status: StatusCode, warn_code: u16) -> Option<Cause> {
    Profile::Rfc3398.cause_for(status, Some(warn_code))
}
