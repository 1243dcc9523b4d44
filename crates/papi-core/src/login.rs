//! When sign-in is refused for a while after failed attempts (OWASP ASVS 2.2.1): failures are
//! counted per account and per client address, successes never; past a threshold each further
//! failure doubles the wait, up to an hour; a quiet quarter of an hour forgives the past.

/// What a failure count is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// One username (known or not, so unknown names cannot be told apart).
    Account,
    /// One client address: many accounts tried from one place.
    Address,
}

impl Subject {
    /// Failures allowed before the first wait.
    pub fn free_failures(self) -> i64 {
        match self {
            Subject::Account => 5,
            Subject::Address => 20,
        }
    }
}

/// The first wait, in seconds; each further failure doubles it.
pub const FIRST_WAIT_SECS: i64 = 30;
/// The longest wait.
pub const MAX_WAIT_SECS: i64 = 3600;
/// Failures older than this (since the last one) are forgotten.
pub const FORGET_AFTER_SECS: i64 = 15 * 60;

/// The failure count after one more failure at `now`, given the count and time of the last.
pub fn failures_after(previous: i64, last_at: i64, now: i64) -> i64 {
    if now - last_at > FORGET_AFTER_SECS {
        1
    } else {
        previous + 1
    }
}

/// How long sign-in stays refused after the `failures`-th failure (0: not at all).
pub fn wait_secs(subject: Subject, failures: i64) -> i64 {
    let over = failures - subject.free_failures();
    if over <= 0 {
        return 0;
    }
    let doublings = (over - 1).min(20) as u32;
    (FIRST_WAIT_SECS << doublings).min(MAX_WAIT_SECS)
}

/// The message shown while refused, with the wait rounded up to whole minutes.
pub fn locked_message(wait_secs: i64) -> String {
    let minutes = (wait_secs + 59) / 60;
    format!(
        "Đăng nhập sai quá nhiều lần: tạm khóa đăng nhập, hãy thử lại sau {minutes} phút. \
         Nếu quên mật khẩu, hãy nhờ quản trị viên đặt lại."
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accounts_wait_after_five_failures_doubling_to_an_hour() {
        let waits: Vec<i64> = (1..=14).map(|n| wait_secs(Subject::Account, n)).collect();
        assert_eq!(&waits[..5], &[0, 0, 0, 0, 0]);
        assert_eq!(&waits[5..9], &[30, 60, 120, 240]);
        assert_eq!(waits[13], MAX_WAIT_SECS);
        assert_eq!(wait_secs(Subject::Account, i64::MAX / 2), MAX_WAIT_SECS);
    }

    #[test]
    fn addresses_get_more_room_for_an_office_behind_one_address() {
        assert_eq!(wait_secs(Subject::Address, 20), 0);
        assert_eq!(wait_secs(Subject::Address, 21), 30);
    }

    #[test]
    fn a_quiet_quarter_hour_forgives() {
        assert_eq!(failures_after(7, 1000, 1000 + FORGET_AFTER_SECS), 8);
        assert_eq!(failures_after(7, 1000, 1001 + FORGET_AFTER_SECS), 1);
    }

    #[test]
    fn message_rounds_minutes_up() {
        assert!(locked_message(30).contains("1 phút"));
        assert!(locked_message(3600).contains("60 phút"));
    }
}
