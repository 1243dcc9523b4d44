//! Field collection with ODK Collect / KoboCollect (OpenRosa 1.0): what becomes of a
//! submission (accepted, duplicate, rejected, outside the fieldwork window, waiting for its
//! attachments), whether a survey is open for fieldwork, which villages an enumerator may
//! collect in, and HTTP Digest authentication (RFC 7616 with MD5 and `qop=auth`, as ODK Collect
//! sends it) with nonces that carry their own expiry and signature, so no server keeps them.

use chrono::NaiveDate;
use hmac::{Hmac, Mac};
use md5::{Digest, Md5};
use sha2::Sha256;

use crate::text::fold;

/// The realm of the Digest challenge. It is part of every stored HA1
/// (`MD5(login:realm:password)`): changing it invalidates every enumerator's password.
pub const REALM: &str = "papi";

/// How long a nonce is good for, in seconds.
pub const NONCE_LIFETIME_SECS: i64 = 600;

/// What became of one submission.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubmissionStatus {
    /// Answers stored and counted in the results.
    Accepted,
    /// The same instanceID was already accepted: stored once.
    Duplicate,
    /// The answers, the enumerator or the form were refused; the reason says why.
    Rejected,
    /// Received outside the survey's fieldwork window.
    OutOfWindow,
    /// Part of a submission sent in several posts: attachments still to come.
    Incomplete,
}

impl SubmissionStatus {
    pub const ALL: [SubmissionStatus; 5] = [
        SubmissionStatus::Accepted,
        SubmissionStatus::Duplicate,
        SubmissionStatus::Rejected,
        SubmissionStatus::OutOfWindow,
        SubmissionStatus::Incomplete,
    ];

    pub fn code(self) -> &'static str {
        match self {
            SubmissionStatus::Accepted => "accepted",
            SubmissionStatus::Duplicate => "duplicate",
            SubmissionStatus::Rejected => "rejected",
            SubmissionStatus::OutOfWindow => "out_of_window",
            SubmissionStatus::Incomplete => "incomplete",
        }
    }

    pub fn parse(code: &str) -> Option<SubmissionStatus> {
        SubmissionStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            SubmissionStatus::Accepted => "Đã nhận",
            SubmissionStatus::Duplicate => "Gửi trùng",
            SubmissionStatus::Rejected => "Bị từ chối",
            SubmissionStatus::OutOfWindow => "Ngoài thời gian khảo sát",
            SubmissionStatus::Incomplete => "Chưa đủ tệp đính kèm",
        }
    }

    /// Does the fieldwork page list it for the office to look at?
    pub fn needs_attention(self) -> bool {
        matches!(
            self,
            SubmissionStatus::Duplicate
                | SubmissionStatus::Rejected
                | SubmissionStatus::OutOfWindow
        )
    }
}

/// A survey's fieldwork window: the one type of [`crate::fieldwork`] (typed and checked
/// there), with what ODK Collect asks of it here: is the survey out for fieldwork today?
pub type FieldWindow = crate::fieldwork::Window;

impl FieldWindow {
    /// Whether enumerators may collect on `today`: the window has an opening date, `today`
    /// is on or after it and on or before the closing date (if any). A survey without an
    /// opening date is not out for fieldwork: ODK Collect does not list it.
    pub fn is_open(self, today: NaiveDate) -> bool {
        self.admits(today).is_ok()
    }

    /// [`FieldWindow::is_open`] with the Vietnamese reason when it is not.
    pub fn admits(self, today: NaiveDate) -> Result<(), String> {
        let Some(opens) = self.opens else {
            return Err("Cuộc khảo sát chưa mở đợt thu thập bằng ODK Collect.".into());
        };
        if today < opens {
            return Err(format!(
                "Đợt thu thập bắt đầu từ ngày {}; phiếu gửi ngày {} chưa được tính.",
                opens.format("%d/%m/%Y"),
                today.format("%d/%m/%Y")
            ));
        }
        if let Some(closes) = self.closes.filter(|c| today > *c) {
            return Err(format!(
                "Đợt thu thập đã kết thúc ngày {}; phiếu gửi ngày {} không được tính.",
                closes.format("%d/%m/%Y"),
                today.format("%d/%m/%Y")
            ));
        }
        Ok(())
    }
}

/// The villages an enumerator may collect in, one per line as stored; empty = any.
pub fn parse_villages(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// Whether an enumerator assigned to `assigned` (empty = anywhere) may send an answer from
/// `village` (compared without diacritics or case).
pub fn village_allowed(assigned: &[String], village: &str) -> Result<(), String> {
    if assigned.is_empty() || assigned.iter().any(|a| fold(a) == fold(village)) {
        return Ok(());
    }
    Err(format!(
        "Điều tra viên chỉ được thu thập ở: {}; phiếu này thuộc “{}”.",
        assigned.join(", "),
        village
    ))
}

/// What the server knows of one submission when it has to decide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubmissionFacts {
    /// An accepted submission with this instanceID exists already: `Some(same_xml)`.
    pub earlier: Option<bool>,
    /// The client said more attachments follow in another post (`*isIncomplete*=yes`).
    pub more_to_come: bool,
    /// The fieldwork window's verdict for the day it arrived.
    pub window: Result<(), String>,
    /// The enumerator's villages against the answer's.
    pub village: Result<(), String>,
    /// The answers checked as imported answers are (every problem, in Vietnamese).
    pub answers: Result<(), String>,
}

/// The decision: the status, the Vietnamese reason (empty when accepted) and the HTTP status
/// the OpenRosa answer carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub status: SubmissionStatus,
    pub reason: String,
    pub http: u16,
}

/// Decides a submission. In order: a repeat of an accepted submission is stored once (the
/// same XML is answered as a success, as ODK Central does, so the phone marks it sent; a
/// different XML under the same instanceID is a conflict, 409); outside the window it is kept
/// but not counted (403, the phone keeps it); answers or village refused → 400 with the
/// reason; attachments still to come → 201, held until the last post; otherwise accepted.
pub fn decide(f: SubmissionFacts) -> Decision {
    let d = |status, reason: String, http| Decision {
        status,
        reason,
        http,
    };
    match f.earlier {
        Some(true) => {
            return d(
                SubmissionStatus::Duplicate,
                "Phiếu này đã được nhận trước đây; không lưu thêm lần nữa.".into(),
                201,
            )
        }
        Some(false) => {
            return d(
                SubmissionStatus::Duplicate,
                "Đã có một phiếu khác cùng mã phiếu (instanceID) với nội dung khác; phiếu gửi sau không được lưu.".into(),
                409,
            )
        }
        None => {}
    }
    if let Err(e) = f.window {
        return d(SubmissionStatus::OutOfWindow, e, 403);
    }
    if let Err(e) = f.answers {
        return d(SubmissionStatus::Rejected, e, 400);
    }
    if let Err(e) = f.village {
        return d(SubmissionStatus::Rejected, e, 403);
    }
    if f.more_to_come {
        return d(
            SubmissionStatus::Incomplete,
            "Đã nhận một phần; đang chờ các tệp đính kèm còn lại.".into(),
            201,
        );
    }
    d(SubmissionStatus::Accepted, String::new(), 201)
}

/// `MD5(login:realm:password)` in lower-case hex: what is stored for Digest authentication.
pub fn digest_ha1(login: &str, password: &str) -> String {
    md5_hex(format!("{login}:{REALM}:{password}").as_bytes())
}

/// Lower-case hex MD5 of `bytes` (also the form list's `md5:` hash of a form).
pub fn md5_hex(bytes: &[u8]) -> String {
    let out = Md5::digest(bytes);
    out.iter().map(|b| format!("{b:02x}")).collect()
}

fn hmac_hex(key: &[u8], msg: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(msg.as_bytes());
    mac.finalize()
        .into_bytes()
        .iter()
        .take(16)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A nonce issued at `now` (Unix seconds): the time and its HMAC under `key`, so any server
/// holding the key can check it and its age without remembering it.
pub fn make_nonce(key: &[u8], now: i64) -> String {
    format!("{now:x}.{}", hmac_hex(key, &format!("nonce:{now:x}")))
}

/// Whether a nonce was issued with `key` and is still fresh at `now`. `Err(true)`: genuine
/// but expired (answer with a new challenge and `stale=true`); `Err(false)`: forged.
pub fn check_nonce(key: &[u8], nonce: &str, now: i64) -> Result<(), bool> {
    let Some((t, mac)) = nonce.split_once('.') else {
        return Err(false);
    };
    let Ok(issued) = i64::from_str_radix(t, 16) else {
        return Err(false);
    };
    if !constant_time_eq(
        hmac_hex(key, &format!("nonce:{t}")).as_bytes(),
        mac.as_bytes(),
    ) {
        return Err(false);
    }
    if now < issued - 60 || now - issued > NONCE_LIFETIME_SECS {
        return Err(true);
    }
    Ok(())
}

/// The `WWW-Authenticate` value of a Digest challenge.
pub fn challenge(key: &[u8], now: i64, stale: bool) -> String {
    format!(
        "Digest realm=\"{REALM}\", qop=\"auth\", algorithm=MD5, nonce=\"{}\", opaque=\"{}\"{}",
        make_nonce(key, now),
        md5_hex(REALM.as_bytes()),
        if stale { ", stale=true" } else { "" }
    )
}

/// The parameters of a `Digest` Authorization header.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DigestParams {
    pub username: String,
    pub realm: String,
    pub nonce: String,
    pub uri: String,
    pub response: String,
    pub qop: String,
    pub nc: String,
    pub cnonce: String,
    pub algorithm: String,
}

/// Parses `Digest k="v", k=v, …` (quoted values may hold commas and `\"`).
pub fn parse_digest(header: &str) -> Option<DigestParams> {
    let rest = header.trim().strip_prefix("Digest")?.trim_start();
    let mut p = DigestParams::default();
    let mut chars = rest.chars().peekable();
    loop {
        while matches!(chars.peek(), Some(c) if *c == ',' || c.is_whitespace()) {
            chars.next();
        }
        let key: String = chars
            .by_ref()
            .take_while(|c| *c != '=')
            .collect::<String>()
            .trim()
            .to_ascii_lowercase();
        if key.is_empty() {
            break;
        }
        let mut value = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => value.extend(chars.next()),
                    '"' => break,
                    c => value.push(c),
                }
            }
        } else {
            while let Some(c) = chars.peek() {
                if *c == ',' {
                    break;
                }
                value.push(*c);
                chars.next();
            }
            value = value.trim().to_string();
        }
        match key.as_str() {
            "username" => p.username = value,
            "realm" => p.realm = value,
            "nonce" => p.nonce = value,
            "uri" => p.uri = value,
            "response" => p.response = value,
            "qop" => p.qop = value,
            "nc" => p.nc = value,
            "cnonce" => p.cnonce = value,
            "algorithm" => p.algorithm = value,
            _ => {}
        }
    }
    (!p.username.is_empty() && !p.response.is_empty()).then_some(p)
}

/// The response a client computes (RFC 7616 §3.4.1, MD5): with `qop=auth`
/// `MD5(HA1:nonce:nc:cnonce:qop:HA2)`, without qop (RFC 2069) `MD5(HA1:nonce:HA2)`, where
/// `HA2 = MD5(method:uri)`.
pub fn digest_response(ha1: &str, method: &str, p: &DigestParams) -> String {
    let ha2 = md5_hex(format!("{method}:{}", p.uri).as_bytes());
    if p.qop.is_empty() {
        md5_hex(format!("{ha1}:{}:{ha2}", p.nonce).as_bytes())
    } else {
        md5_hex(format!("{ha1}:{}:{}:{}:{}:{ha2}", p.nonce, p.nc, p.cnonce, p.qop).as_bytes())
    }
}

/// Why a Digest Authorization was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DigestRefusal {
    /// The nonce is ours but too old: challenge again with `stale=true` (not a failed login).
    Stale,
    /// Wrong password, forged nonce, other realm or algorithm, or a different URI.
    Wrong,
}

/// Checks a Digest Authorization against the stored HA1 for a request of `method` to the
/// path `request_uri` (path and query as received).
pub fn verify_digest(
    key: &[u8],
    p: &DigestParams,
    ha1: &str,
    method: &str,
    request_uri: &str,
    now: i64,
) -> Result<(), DigestRefusal> {
    if p.realm != REALM
        || !(p.algorithm.is_empty() || p.algorithm.eq_ignore_ascii_case("MD5"))
        || !(p.qop.is_empty() || p.qop == "auth")
    {
        return Err(DigestRefusal::Wrong);
    }
    // The URI signed must be this request's (a proxy may keep or drop the host part).
    if p.uri != request_uri && !p.uri.ends_with(request_uri) {
        return Err(DigestRefusal::Wrong);
    }
    let expected = digest_response(ha1, method, p);
    if !constant_time_eq(
        expected.as_bytes(),
        p.response.to_ascii_lowercase().as_bytes(),
    ) {
        return Err(DigestRefusal::Wrong);
    }
    match check_nonce(key, &p.nonce, now) {
        Ok(()) => Ok(()),
        Err(true) => Err(DigestRefusal::Stale),
        Err(false) => Err(DigestRefusal::Wrong),
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Checks a new enumerator's login: 3–32 lower-case letters, digits, `.`, `_` or `-`.
pub fn check_login(login: &str) -> Result<(), String> {
    let ok = (3..=32).contains(&login.len())
        && login
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'));
    if ok {
        Ok(())
    } else {
        Err(format!(
            "Tên đăng nhập “{login}” không hợp lệ: dùng 3–32 chữ thường không dấu, chữ số, dấu chấm, gạch dưới hoặc gạch ngang."
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_round_trip_and_which_are_listed() {
        for s in SubmissionStatus::ALL {
            assert_eq!(SubmissionStatus::parse(s.code()), Some(s));
        }
        assert_eq!(SubmissionStatus::parse("pending"), None);
        let listed: Vec<&str> = SubmissionStatus::ALL
            .into_iter()
            .filter(|s| s.needs_attention())
            .map(|s| s.code())
            .collect();
        assert_eq!(listed, ["duplicate", "rejected", "out_of_window"]);
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// RFC 2617 §3.5's worked example (realm "testrealm@host.com", user Mufasa, password
    /// "Circle Of Life"): the response the RFC prints.
    #[test]
    fn digest_response_matches_rfc_2617_example() {
        let ha1 = md5_hex(b"Mufasa:testrealm@host.com:Circle Of Life");
        let p = DigestParams {
            username: "Mufasa".into(),
            realm: "testrealm@host.com".into(),
            nonce: "dcd98b7102dd2f0e8b11d0f600bfb0c093".into(),
            uri: "/dir/index.html".into(),
            qop: "auth".into(),
            nc: "00000001".into(),
            cnonce: "0a4f113b".into(),
            response: String::new(),
            algorithm: String::new(),
        };
        assert_eq!(
            digest_response(&ha1, "GET", &p),
            "6629fae49393a05397450978507c4ef1"
        );
    }

    /// RFC 7616 §3.9.1's MD5 example (user Mufasa, realm http-auth@example.org).
    #[test]
    fn digest_response_matches_rfc_7616_md5_example() {
        let ha1 = md5_hex(b"Mufasa:http-auth@example.org:Circle of Life");
        let p = DigestParams {
            username: "Mufasa".into(),
            realm: "http-auth@example.org".into(),
            nonce: "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v".into(),
            uri: "/dir/index.html".into(),
            qop: "auth".into(),
            nc: "00000001".into(),
            cnonce: "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ".into(),
            response: String::new(),
            algorithm: "MD5".into(),
        };
        assert_eq!(
            digest_response(&ha1, "GET", &p),
            "8ca523f5e9506fed4657c9700eebdbec"
        );
    }

    #[test]
    fn a_header_as_collect_sends_it_parses_and_verifies() {
        let key = b"k";
        let now = 1_750_000_000;
        let nonce = make_nonce(key, now);
        let ha1 = digest_ha1("dieutra1", "demo-papi-2025");
        let mut p = DigestParams {
            username: "dieutra1".into(),
            realm: REALM.into(),
            nonce: nonce.clone(),
            uri: "/openrosa/25621/formList".into(),
            qop: "auth".into(),
            nc: "00000001".into(),
            cnonce: "abc,def".into(),
            algorithm: "MD5".into(),
            response: String::new(),
        };
        p.response = digest_response(&ha1, "GET", &p);
        let header = format!(
            "Digest username=\"dieutra1\", realm=\"papi\", nonce=\"{nonce}\", uri=\"/openrosa/25621/formList\", response=\"{}\", qop=auth, nc=00000001, cnonce=\"abc,def\", algorithm=MD5",
            p.response
        );
        let parsed = parse_digest(&header).unwrap();
        assert_eq!(parsed, p);
        let uri = "/openrosa/25621/formList";
        assert_eq!(
            verify_digest(key, &parsed, &ha1, "GET", uri, now + 5),
            Ok(())
        );
        assert_eq!(
            verify_digest(key, &parsed, &ha1, "POST", uri, now + 5),
            Err(DigestRefusal::Wrong)
        );
        let other = digest_ha1("dieutra1", "sai-mat-khau");
        assert_eq!(
            verify_digest(key, &parsed, &other, "GET", uri, now),
            Err(DigestRefusal::Wrong)
        );
        assert_eq!(
            verify_digest(
                key,
                &parsed,
                &ha1,
                "GET",
                uri,
                now + NONCE_LIFETIME_SECS + 1
            ),
            Err(DigestRefusal::Stale)
        );
        assert_eq!(
            verify_digest(b"other key", &parsed, &ha1, "GET", uri, now),
            Err(DigestRefusal::Wrong)
        );
    }

    #[test]
    fn nonces_are_signed_and_expire() {
        let n = make_nonce(b"secret", 1000);
        assert_eq!(check_nonce(b"secret", &n, 1000 + 10), Ok(()));
        assert_eq!(check_nonce(b"secret", &n, 1000 + 601), Err(true));
        assert_eq!(check_nonce(b"other", &n, 1000), Err(false));
        let forged = n.replacen(&format!("{:x}", 1000), &format!("{:x}", 5000), 1);
        assert_eq!(check_nonce(b"secret", &forged, 5000), Err(false));
        assert_eq!(check_nonce(b"secret", "garbage", 0), Err(false));
    }

    #[test]
    fn the_window_opens_on_its_first_day_and_closes_after_its_last() {
        let w = FieldWindow::from_stored("2025-06-01", "2025-06-30");
        assert!(!w.is_open(day(2025, 5, 31)));
        assert!(w.is_open(day(2025, 6, 1)));
        assert!(w.is_open(day(2025, 6, 30)));
        let late = w.admits(day(2025, 7, 1)).unwrap_err();
        assert!(
            late.contains("30/06/2025") && late.contains("01/07/2025"),
            "{late}"
        );
        assert!(!FieldWindow::from_stored("", "").is_open(day(2025, 6, 1)));
        assert!(FieldWindow::from_stored("2025-06-01", "").is_open(day(2030, 1, 1)));
    }

    #[test]
    fn enumerators_collect_only_in_their_villages() {
        let v = parse_villages("Thôn Đông\n\n Thôn Tây \n");
        assert_eq!(v, vec!["Thôn Đông", "Thôn Tây"]);
        assert!(village_allowed(&v, "thon dong").is_ok());
        assert!(village_allowed(&v, "Thôn Bắc")
            .unwrap_err()
            .contains("Thôn Bắc"));
        assert!(village_allowed(&[], "Thôn Bắc").is_ok());
    }

    fn facts() -> SubmissionFacts {
        SubmissionFacts {
            earlier: None,
            more_to_come: false,
            window: Ok(()),
            village: Ok(()),
            answers: Ok(()),
        }
    }

    #[test]
    fn decisions_in_order() {
        assert_eq!(decide(facts()).status, SubmissionStatus::Accepted);
        let dup = decide(SubmissionFacts {
            earlier: Some(true),
            answers: Err("x".into()),
            ..facts()
        });
        assert_eq!((dup.status, dup.http), (SubmissionStatus::Duplicate, 201));
        let clash = decide(SubmissionFacts {
            earlier: Some(false),
            ..facts()
        });
        assert_eq!(
            (clash.status, clash.http),
            (SubmissionStatus::Duplicate, 409)
        );
        let late = decide(SubmissionFacts {
            window: Err("muộn".into()),
            answers: Err("sai".into()),
            ..facts()
        });
        assert_eq!(
            (late.status, late.reason.as_str()),
            (SubmissionStatus::OutOfWindow, "muộn")
        );
        let bad = decide(SubmissionFacts {
            answers: Err("sai".into()),
            more_to_come: true,
            ..facts()
        });
        assert_eq!((bad.status, bad.http), (SubmissionStatus::Rejected, 400));
        let part = decide(SubmissionFacts {
            more_to_come: true,
            ..facts()
        });
        assert_eq!(part.status, SubmissionStatus::Incomplete);
        for s in SubmissionStatus::ALL {
            assert_eq!(SubmissionStatus::parse(s.code()), Some(s));
        }
    }

    #[test]
    fn logins() {
        assert!(check_login("dieutra1").is_ok());
        assert!(check_login("Điều tra").is_err());
        assert!(check_login("ab").is_err());
    }
}
