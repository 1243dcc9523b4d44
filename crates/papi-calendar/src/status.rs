//! How sure we are of a legal number (legal-rules.md status legend; residents-voice rules §1).

use serde::{Deserialize, Serialize};

/// `Ok`: read in the legal text or an official notice; `Sec`: seen only in secondary sources,
/// shipped as an editable default; `SecU`: read in a third-party transcription of a 2026 text
/// whose copy has visible errors — to be checked against the official gazette; `Unconf`: not
/// confirmed. Deadlines from `SecU` and `Unconf` rules carry a warning
/// ([`Status::needs_warning`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Status {
    #[serde(rename = "OK")]
    Ok,
    #[serde(rename = "SEC")]
    Sec,
    #[serde(rename = "SEC-U")]
    SecU,
    #[serde(rename = "UNCONF")]
    Unconf,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "OK",
            Status::Sec => "SEC",
            Status::SecU => "SEC-U",
            Status::Unconf => "UNCONF",
        }
    }

    /// What the status means, for people reading a deadline.
    pub fn label_vi(self) -> &'static str {
        match self {
            Status::Ok => "đã đối chiếu văn bản",
            Status::Sec => "theo nguồn thứ cấp, chưa đối chiếu văn bản gốc",
            Status::SecU => "theo bản chép 2026 chưa đối chiếu",
            Status::Unconf => "chưa xác nhận",
        }
    }

    /// Whether a date computed from a number of this status must be shown with a warning:
    /// neither an unconfirmed number nor an unchecked copy of a 2026 text may drive alerts
    /// silently.
    pub fn needs_warning(self) -> bool {
        matches!(self, Status::SecU | Status::Unconf)
    }

    /// The less certain of two statuses (a deadline is as sure as its least sure part).
    pub fn weakest(self, other: Status) -> Status {
        fn rank(s: Status) -> u8 {
            match s {
                Status::Ok => 0,
                Status::Sec => 1,
                Status::SecU => 2,
                Status::Unconf => 3,
            }
        }
        if rank(other) > rank(self) {
            other
        } else {
            self
        }
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
