//! Keeping the public survey honest: answers from the open web form wait for the office's
//! review (or come with a one-time invitation code an enumerator handed out), and bursts of
//! answers from one place are flagged for that review.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};

/// Where a response stands in the review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Review {
    /// From the open web form, not counted yet.
    Pending,
    /// Counted in the results.
    Accepted,
    /// Never counted (scripted, duplicate, outside the commune…).
    Rejected,
}

impl Review {
    pub fn code(self) -> &'static str {
        match self {
            Review::Pending => "pending",
            Review::Accepted => "accepted",
            Review::Rejected => "rejected",
        }
    }

    pub fn parse(code: &str) -> Option<Review> {
        [Review::Pending, Review::Accepted, Review::Rejected]
            .into_iter()
            .find(|r| r.code() == code)
    }

    /// A decision is taken once: a pending response is accepted or rejected, and stays so
    /// (published results do not change behind the readers' backs).
    pub fn can_become(self, next: Review) -> bool {
        self == Review::Pending && next != Review::Pending
    }
}

/// A response started on the web form: accepted at once only with a valid invitation code.
pub fn initial_review(with_valid_invitation: bool) -> Review {
    if with_valid_invitation {
        Review::Accepted
    } else {
        Review::Pending
    }
}

/// The invitation code a start uses: none when the survey takes open answers; when it takes
/// only invited ones, the typed code read forgivingly, or a message asking for it.
pub fn invitation_to_use(
    invitations_only: bool,
    typed: &str,
) -> Result<Option<String>, &'static str> {
    if !invitations_only {
        return Ok(None);
    }
    let code = normalise_code(typed);
    if code.is_empty() {
        Err("Vui lòng nhập mã mời in trên phiếu mời của bạn.")
    } else {
        Ok(Some(code))
    }
}

/// Web answers started per hour from one address (a commune office or a village hall may
/// share one) …
pub const STARTS_PER_HOUR_PER_ADDRESS: u32 = 20;
/// … and from one device.
pub const STARTS_PER_HOUR_PER_DEVICE: u32 = 5;

/// Answers from one address within this many minutes of each other form a burst …
pub const BURST_WINDOW_MINUTES: i64 = 10;
/// … when there are at least this many of them.
pub const BURST_SIZE: usize = 3;

/// The origins (address hashes) that sent a burst: `BURST_SIZE` or more responses started
/// within `BURST_WINDOW_MINUTES`. An enumerator's tablet does this too, which is why bursts
/// are shown for review rather than refused.
pub fn bursts<'a>(started: impl IntoIterator<Item = (&'a str, DateTime<Utc>)>) -> HashSet<String> {
    let mut by_origin: HashMap<&str, Vec<DateTime<Utc>>> = HashMap::new();
    for (origin, at) in started {
        if !origin.is_empty() {
            by_origin.entry(origin).or_default().push(at);
        }
    }
    let window = chrono::Duration::minutes(BURST_WINDOW_MINUTES);
    by_origin
        .into_iter()
        .filter(|(_, times)| {
            let mut times = times.clone();
            times.sort();
            times
                .windows(BURST_SIZE)
                .any(|w| w[BURST_SIZE - 1] - w[0] <= window)
        })
        .map(|(o, _)| o.to_string())
        .collect()
}

/// Invitation codes are typed from paper: case, spaces and dashes do not matter.
pub fn normalise_code(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// The letters codes are made of: no 0/O, 1/I/L, so they read back from paper.
pub const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
/// Characters in a code: 31^8 ≈ 8.5 × 10^11 codes, far beyond guessing at the form's rate.
pub const CODE_LENGTH: usize = 8;
/// The most codes made at once.
pub const MAX_CODES_AT_ONCE: usize = 2000;

#[cfg(test)]
mod tests {
    use super::*;

    fn at(minute: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_750_000_000 + minute * 60, 0).unwrap()
    }

    #[test]
    fn decisions_are_taken_once() {
        assert!(Review::Pending.can_become(Review::Accepted));
        assert!(Review::Pending.can_become(Review::Rejected));
        assert!(!Review::Accepted.can_become(Review::Rejected));
        assert!(!Review::Rejected.can_become(Review::Accepted));
        assert!(!Review::Pending.can_become(Review::Pending));
        for r in [Review::Pending, Review::Accepted, Review::Rejected] {
            assert_eq!(Review::parse(r.code()), Some(r));
        }
        assert_eq!(initial_review(false), Review::Pending);
        assert_eq!(initial_review(true), Review::Accepted);
    }

    #[test]
    fn three_answers_from_one_place_in_ten_minutes_are_a_burst() {
        let flagged = bursts([
            ("a", at(0)),
            ("a", at(4)),
            ("a", at(10)),
            ("b", at(0)),
            ("b", at(11)),
            ("b", at(30)),
        ]);
        assert!(flagged.contains("a"));
        assert!(!flagged.contains("b"));
        assert!(bursts([("", at(0)), ("", at(0)), ("", at(0))]).is_empty());
    }

    #[test]
    fn invited_only_surveys_ask_for_a_code() {
        assert_eq!(invitation_to_use(false, "ABC"), Ok(None));
        assert_eq!(invitation_to_use(true, "ab-c2"), Ok(Some("ABC2".into())));
        assert!(invitation_to_use(true, " - ").is_err());
    }

    #[test]
    fn codes_are_read_back_forgivingly() {
        assert_eq!(normalise_code(" ab2c-d3ef "), "AB2CD3EF");
        assert!(!CODE_ALPHABET.contains(&b'O') && !CODE_ALPHABET.contains(&b'1'));
    }
}
