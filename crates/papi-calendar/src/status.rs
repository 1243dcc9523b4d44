//! How sure we are of a legal number (legal-rules.md status legend).

use serde::{Deserialize, Serialize};

/// `Ok`: read in the legal text or an official notice; `Sec`: seen only in secondary sources,
/// shipped as an editable default; `Unconf`: not confirmed — must be verified before it drives
/// alerts, so deadlines from it carry a warning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Status {
    Ok,
    Sec,
    Unconf,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "OK",
            Status::Sec => "SEC",
            Status::Unconf => "UNCONF",
        }
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
