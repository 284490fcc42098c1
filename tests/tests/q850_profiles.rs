//! Profiles as data: the Asterisk and `FreeSWITCH` tables read from their source, a profile of
//! one's own through `q850_profile!`, and what survives SIP -> cause -> SIP between them.

use sipcodes::q850::{self, ASTERISK, Cause, FREESWITCH, Mapping, NewNumber, OPENSIPS, Profile, ProfileTable};
use sipcodes::{Code, StatusCode};

sipcodes::q850_profile! {
    /// The profile in `tests/profiles/gateway.toml`.
    static GATEWAY = "profiles/gateway.toml";
}

sipcodes::q850_profile! {
    /// The profile in `tests/profiles/asterisk_site.toml`, on Asterisk's.
    pub(crate) static SITE_ASTERISK = "profiles/asterisk_site.toml";
}

fn status(code: u16) -> StatusCode {
    StatusCode::from_u16(code).unwrap()
}

fn number(status: Option<StatusCode>) -> Option<u16> {
    status.map(StatusCode::as_u16)
}

/// What RFC 3398 gives for a cause, as a number, with no location and no new number.
fn rfc3398_status(cause: u16) -> Option<u16> {
    number(Profile::Rfc3398.to_sip_value(cause, None, NewNumber::Unknown))
}

/// Every row's `differs_from_rfc3398` says whether RFC 3398 maps the cause or status
/// otherwise: the marker is checked against the RFC 3398 profile, not trusted.
#[test]
fn vendor_rows_say_where_they_differ_from_rfc3398() {
    let mut wrong = Vec::new();
    for table in q850::VENDORS {
        for row in table.to_sip_rows() {
            let rfc = rfc3398_status(row.cause());
            if row.differs_from_rfc3398() != (row.status() != rfc) {
                wrong.push(format!(
                    "{} cause {}: {:?}, RFC 3398 {rfc:?}",
                    table.key(),
                    row.cause(),
                    row.status()
                ));
            }
        }
        for row in table.from_sip_rows() {
            let code = *row.statuses().start();
            let rfc = Profile::Rfc3398.from_sip_raw(status(code), None);
            if row.differs_from_rfc3398() != (row.cause() != rfc) {
                wrong.push(format!(
                    "{} status {code}: {:?}, RFC 3398 {rfc:?}",
                    table.key(),
                    row.cause()
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "rows whose marker is wrong:\n{}", wrong.join("\n"));
}

fn differing(table: &ProfileTable) -> (usize, usize) {
    (
        table
            .to_sip_rows()
            .iter()
            .filter(|row| row.differs_from_rfc3398())
            .count(),
        table
            .from_sip_rows()
            .iter()
            .filter(|row| row.differs_from_rfc3398())
            .count(),
    )
}

/// The counts of rows, and of rows that differ from RFC 3398, at the commits read; and a
/// sample of rows with the line of the vendor's source they come from (checked by hand
/// against the source at that commit).
#[test]
fn vendor_tables_pin_their_rows() {
    assert_eq!(ASTERISK.repo(), Some("asterisk/asterisk"));
    assert_eq!(ASTERISK.commit(), Some("f0c1c1a7b79b0f8cc0311649bf36824cbeee30a9"));
    assert_eq!(FREESWITCH.repo(), Some("signalwire/freeswitch"));
    assert_eq!(FREESWITCH.commit(), Some("cc93a683ca6e1f8f47c1d6e38bd2daf8fa6a7b1c"));
    // (cause -> status rows, status -> cause rows)
    assert_eq!((ASTERISK.to_sip_rows().len(), ASTERISK.from_sip_rows().len()), (20, 35));
    assert_eq!(
        (FREESWITCH.to_sip_rows().len(), FREESWITCH.from_sip_rows().len()),
        (45, 44)
    );
    assert_eq!(differing(&ASTERISK), (4, 19));
    // 16 of FreeSWITCH's 23 are its own causes above 127, which RFC 3398 answers with 500.
    assert_eq!(differing(&FREESWITCH), (23, 12));
    // OpenSIPS: status -> cause only.
    assert_eq!(OPENSIPS.commit(), Some("8f4f1e1b4015a52f88953e6c16758f800bd0e9fb"));
    assert_eq!((OPENSIPS.to_sip_rows().len(), OPENSIPS.from_sip_rows().len()), (0, 9));
    assert_eq!(differing(&OPENSIPS), (0, 2));
    let own = FREESWITCH.to_sip_rows().iter().filter(|row| row.cause() > 127).count();
    assert_eq!(own, 16);

    let to_sip = |table: &ProfileTable, cause| {
        let row = table.to_sip_entry(cause).unwrap();
        (row.status(), row.source().unwrap(), row.differs_from_rfc3398())
    };
    let from_sip = |table: &ProfileTable, status| {
        let row = table.from_sip_entry(status).unwrap();
        (row.cause(), row.source().unwrap(), row.differs_from_rfc3398())
    };
    assert_eq!(to_sip(&ASTERISK, 23), (Some(302), "channels/chan_pjsip.c:2553", true));
    assert_eq!(to_sip(&ASTERISK, 58), (Some(488), "channels/chan_pjsip.c:2585", true));
    assert_eq!(to_sip(&ASTERISK, 21), (Some(403), "channels/chan_pjsip.c:2567", false));
    // Not in the switch: the default, 0 turned into 603.
    assert_eq!(to_sip(&ASTERISK, 47), (Some(603), "channels/chan_pjsip.c:2590", true));
    assert_eq!(from_sip(&ASTERISK, 603), (Some(21), "res/res_pjsip.c:3593", false));
    assert_eq!(from_sip(&ASTERISK, 480), (Some(19), "res/res_pjsip.c:3557", true));
    // Class defaults: 4xx 127, 5xx 34, 6xx 127.
    assert_eq!(from_sip(&ASTERISK, 499), (Some(127), "res/res_pjsip.c:3600", true));
    assert_eq!(from_sip(&ASTERISK, 599), (Some(34), "res/res_pjsip.c:3603", true));
    assert_eq!(from_sip(&ASTERISK, 699), (Some(127), "res/res_pjsip.c:3606", true));

    let sofia = "src/mod/endpoints/mod_sofia/mod_sofia.c";
    let glue = "src/mod/endpoints/mod_sofia/sofia_glue.c";
    assert_eq!(to_sip(&FREESWITCH, 21), (Some(603), &*format!("{sofia}:306"), true));
    assert_eq!(to_sip(&FREESWITCH, 88), (Some(488), &*format!("{sofia}:336"), true));
    assert_eq!(to_sip(&FREESWITCH, 47), (Some(480), &*format!("{sofia}:370"), true));
    assert_eq!(to_sip(&FREESWITCH, 819), (Some(607), &*format!("{sofia}:357"), true));
    assert_eq!(from_sip(&FREESWITCH, 485), (Some(3), &*format!("{glue}:1830"), true));
    assert_eq!(from_sip(&FREESWITCH, 607), (Some(819), &*format!("{glue}:1826"), true));
    assert_eq!(from_sip(&FREESWITCH, 480), (Some(18), &*format!("{glue}:1847"), false));
    assert_eq!(from_sip(&FREESWITCH, 599), (Some(31), &*format!("{glue}:1883"), false));

    let sip_i = "modules/sip_i/sip_i.c";
    assert_eq!(from_sip(&OPENSIPS, 480), (Some(20), &*format!("{sip_i}:1491"), true));
    assert_eq!(from_sip(&OPENSIPS, 491), (None, &*format!("{sip_i}:1500"), true));
    assert_eq!(from_sip(&OPENSIPS, 503), (Some(127), &*format!("{sip_i}:1511"), true));
    assert_eq!(from_sip(&OPENSIPS, 302), (None, &*format!("{sip_i}:1481"), true));
}

/// The vendor profiles through the API every profile shares.
#[test]
fn vendor_profiles_map_both_ways() {
    let to = |profile: &dyn Mapping, cause| number(profile.to_sip(cause, None, NewNumber::Unknown));
    let from = |profile: &dyn Mapping, code| profile.from_sip(status(code), None);
    // Neither vendor reads the location: 21 from the user is still 403 (Asterisk), and 603
    // from anywhere (FreeSWITCH).
    let user = Some(q850::Location::User);
    assert_eq!(
        number(ASTERISK.to_sip(Cause::CallRejected, user, NewNumber::Unknown)),
        Some(403)
    );
    assert_eq!(
        number(Profile::Rfc3398.to_sip(Cause::CallRejected, user, NewNumber::Unknown)),
        Some(603)
    );
    assert_eq!(to(&FREESWITCH, Cause::CallRejected), Some(603));
    // Cause 16 while a response is owed: RFC 3398 sends none, the vendors their defaults.
    assert_eq!(to(&Profile::Rfc3398, Cause::NormalCallClearing), None);
    assert_eq!(to(&ASTERISK, Cause::NormalCallClearing), Some(603));
    assert_eq!(to(&FREESWITCH, Cause::NormalCallClearing), Some(480));
    // A cause value Q.850 does not assign takes the default.
    assert_eq!(number(ASTERISK.to_sip_raw(0, None, NewNumber::Unknown)), Some(603));
    assert_eq!(number(FREESWITCH.to_sip_raw(200, None, NewNumber::Unknown)), Some(480));
    // 1xx and 2xx end nothing, whatever a vendor's row says (FreeSWITCH maps 200 to 16).
    assert_eq!(from(&FREESWITCH, 200), None);
    assert_eq!(from(&ASTERISK, 180), None);
    // A 3xx other than 302 takes Asterisk's catch-all, 16.
    assert_eq!(from(&ASTERISK, 301), Some(Cause::NormalCallClearing));
    // A vendor's own cause is no Q.850 cause: `from_sip` gives none, `from_sip_raw` the value.
    assert_eq!(from(&FREESWITCH, 607), None);
    assert_eq!(FREESWITCH.from_sip_raw(status(607), None), Some(819));
    // The keys, and finding a profile by one.
    for key in ["rfc3398", "rfc4497", "asterisk", "freeswitch", "opensips"] {
        assert_eq!(q850::profile(key).map(Mapping::key), Some(key));
    }
    assert!(q850::profile("asterisk-pjsip").is_none());
    // OpenSIPS sends no response for any cause: it has no such table.
    assert_eq!(to(&OPENSIPS, Cause::UserBusy), None);
    assert_eq!(from(&OPENSIPS, 486), Some(Cause::UserBusy));
}

/// A softphone that maps 603 to cause 21 (as RFC 3398 does) in front of an Asterisk, which
/// turns 21 into 403: the decline reaches the caller as forbidden.
#[test]
fn a_decline_does_not_survive_softphone_to_asterisk() {
    let decline = Code::Decline.status_code();
    let trip = q850::round_trip(decline, &Profile::Rfc3398, &ASTERISK);
    assert_eq!(trip.cause, Some(21));
    assert_eq!(number(trip.back), Some(403));
    assert!(!trip.survives());
    // The other way round through FreeSWITCH: 403 -> 21 -> 603.
    let trip = q850::round_trip(Code::Forbidden.status_code(), &FREESWITCH, &FREESWITCH);
    assert_eq!((trip.cause, number(trip.back)), (Some(21), Some(603)));
    // What survives Asterisk on both sides (it never passes a status through).
    let stable: Vec<u16> = Code::ALL
        .iter()
        .map(|code| code.status_code())
        .filter(|status| q850::round_trip(*status, &ASTERISK, &ASTERISK).survives())
        .map(StatusCode::as_u16)
        .collect();
    assert_eq!(
        stable,
        [302, 403, 404, 408, 410, 480, 484, 486, 488, 500, 501, 502, 503]
    );
    // 504 -> 102 -> 603: 102 is not in Asterisk's cause switch.
    let trip = q850::round_trip(status(504), &ASTERISK, &ASTERISK);
    assert_eq!((trip.cause, number(trip.back)), (Some(102), Some(603)));
    // A status that maps to no cause has no way back.
    let trip = q850::round_trip(status(487), &Profile::Rfc3398, &ASTERISK);
    assert_eq!((trip.cause, trip.back), (None, None));
    assert!(!trip.survives());
}

/// A profile of one's own, from `tests/profiles/gateway.toml`: its rows, then its base.
#[test]
fn a_downstream_profile_has_the_same_api() {
    assert_eq!(GATEWAY.key(), "example-sbc");
    assert_eq!(GATEWAY.base().map(Mapping::key), Some("rfc3398"));
    let to = |cause| number(GATEWAY.to_sip(cause, None, NewNumber::Unknown));
    assert_eq!(to(Cause::CallRejected), Some(603));
    // Not listed: RFC 3398's row, location and new number included.
    assert_eq!(to(Cause::UnallocatedNumber), Some(404));
    assert_eq!(to(Cause::NormalCallClearing), None);
    assert_eq!(
        number(GATEWAY.to_sip(Cause::NumberChanged, None, NewNumber::Known)),
        Some(301)
    );
    assert_eq!(number(GATEWAY.to_sip_value(900, None, NewNumber::Unknown)), Some(499));
    assert_eq!(number(GATEWAY.to_sip_value(901, None, NewNumber::Unknown)), Some(500));
    // Its own conditions: 600 when the busy callee says so, 58 for a codec warning.
    let user = Some(q850::Location::User);
    assert_eq!(
        number(GATEWAY.to_sip(Cause::UserBusy, user, NewNumber::Unknown)),
        Some(600)
    );
    let codec = Some(sipcodes::warning::WarnCode::IncompatibleMediaFormat);
    assert_eq!(GATEWAY.from_sip_raw(status(606), codec), Some(58));
    assert_eq!(GATEWAY.from_sip_raw(status(606), None), Some(31));
    // from_sip: its own `none` row, then RFC 3398.
    assert_eq!(GATEWAY.from_sip(status(487), None), None);
    assert_eq!(GATEWAY.from_sip(status(404), None), Some(Cause::UnallocatedNumber));
    let not_acceptable = GATEWAY.from_sip(status(488), Some(sipcodes::warning::WarnCode::IncompatibleMediaFormat));
    assert_eq!(not_acceptable, Some(Cause::BearerCapabilityNotImplemented));
    // A decline survives the gateway on both sides, not the gateway then Asterisk.
    let decline = Code::Decline.status_code();
    assert!(q850::round_trip(decline, &GATEWAY, &GATEWAY).survives());
    assert!(!q850::round_trip(decline, &GATEWAY, &ASTERISK).survives());
    // Citations: its own rows name the profile; the base's rows the RFC.
    assert_eq!(GATEWAY.to_sip_source(21).to_string(), "Example SBC");
    assert_eq!(GATEWAY.to_sip_source(1).to_string(), "RFC 3398, Section 7.2.4.1");
    assert_eq!(
        ASTERISK.to_sip_source(23).to_string(),
        "asterisk/asterisk@f0c1c1a7b79b0f8cc0311649bf36824cbeee30a9:channels/chan_pjsip.c:2553"
    );
}

/// CAUSES.md shows every vendor row beside RFC 3398, linked to the line it was read at.
#[test]
fn causes_md_shows_the_vendor_rows() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../CAUSES.md");
    let causes = std::fs::read_to_string(path).unwrap();
    assert!(causes.contains("## Vendor profiles"));
    for table in q850::VENDORS {
        let (repo, commit) = (table.repo().unwrap(), table.commit().unwrap());
        for row in table.to_sip_rows() {
            let (path, number) = row.source().unwrap().rsplit_once(':').unwrap();
            let url = format!("](https://github.com/{repo}/blob/{commit}/{path}#L{number})");
            let status = row.status().unwrap();
            let cells = [format!("[{status}"), format!("[**{status}")];
            let start = format!("| {} | ", row.cause());
            let shown = causes.lines().any(|text| {
                text.starts_with(&start) && text.contains(&url) && cells.iter().any(|cell| text.contains(cell.as_str()))
            });
            assert!(shown, "{} cause {}", table.key(), row.cause());
        }
    }
    // Bold where a vendor differs: Asterisk's 302 for cause 23.
    assert!(causes.contains("[**302**](https://github.com/asterisk/asterisk/blob/"));
}

/// A profile on a vendor's base: its own row, then the vendor's rows and defaults.
#[test]
fn a_downstream_profile_can_stand_on_a_vendor() {
    let to = |cause| number(SITE_ASTERISK.to_sip_value(cause, None, NewNumber::Unknown));
    assert_eq!(to(21), Some(603));
    assert_eq!(to(23), Some(302));
    assert_eq!(to(47), Some(603));
    assert_eq!(SITE_ASTERISK.from_sip_raw(status(580), None), Some(34));
    assert_eq!(
        SITE_ASTERISK.to_sip_source(23).to_string(),
        "asterisk/asterisk@f0c1c1a7b79b0f8cc0311649bf36824cbeee30a9:channels/chan_pjsip.c:2553"
    );
    // The decline now survives the patched Asterisk on both sides, not the stock one.
    let decline = Code::Decline.status_code();
    assert!(q850::round_trip(decline, &SITE_ASTERISK, &SITE_ASTERISK).survives());
    assert!(!q850::round_trip(decline, &ASTERISK, &ASTERISK).survives());
}
