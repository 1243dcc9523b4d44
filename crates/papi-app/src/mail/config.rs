//! How papi reaches the commune's mail server: host, port, encryption, account and sender.
//! The password comes from the environment (`PAPI_SMTP_PASSWORD`) only, never from the
//! command line, where other users of the machine could read it in the process list.

use std::time::Duration;

use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, Tokio1Executor};

/// How the connection to the mail server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TlsMode {
    /// Plain text: only for a server on the same machine or the local capture server.
    None,
    /// Connect in plain text, then upgrade with STARTTLS (port 587, usually); refused if the
    /// server does not offer it.
    StartTls,
    /// TLS from the first byte (port 465, "SMTPS").
    Tls,
}

impl TlsMode {
    /// Reads `none`, `starttls` or `tls`.
    pub fn parse(text: &str) -> Result<TlsMode, String> {
        match text.trim().to_ascii_lowercase().as_str() {
            "none" | "khong" => Ok(TlsMode::None),
            "starttls" => Ok(TlsMode::StartTls),
            "tls" | "smtps" => Ok(TlsMode::Tls),
            other => Err(format!(
                "Kiểu mã hóa thư «{other}» không hợp lệ: chọn none, starttls hoặc tls."
            )),
        }
    }

    /// The port a server usually listens on for this mode.
    pub fn default_port(self) -> u16 {
        match self {
            TlsMode::None => 25,
            TlsMode::StartTls => 587,
            TlsMode::Tls => 465,
        }
    }
}

/// The mail server and the sender's address.
#[derive(Debug, Clone)]
pub struct MailConfig {
    pub host: String,
    pub port: u16,
    pub tls: TlsMode,
    pub username: Option<String>,
    pub password: Option<String>,
    /// The From address, e.g. `UBND xã Lương Tài <khpapi@luongtai.gov.vn>`.
    pub from: String,
}

/// A transport ready to send, with its sender.
#[derive(Clone)]
pub struct Mailer {
    pub(crate) smtp: AsyncSmtpTransport<Tokio1Executor>,
    pub(crate) from: Mailbox,
}

impl Mailer {
    /// Checks the configuration and builds the transport (no connection is made yet).
    pub fn new(c: &MailConfig) -> Result<Mailer, String> {
        let from: Mailbox = c
            .from
            .parse()
            .map_err(|e| format!("Địa chỉ người gửi «{}» không hợp lệ: {e}.", c.from))?;
        if c.host.trim().is_empty() {
            return Err("Chưa có máy chủ thư (--smtp-host).".into());
        }
        let tls = |required: bool| -> Result<Tls, String> {
            let p = TlsParameters::new(c.host.clone())
                .map_err(|e| format!("Không dùng được TLS với {}: {e}.", c.host))?;
            Ok(if required {
                Tls::Wrapper(p)
            } else {
                Tls::Required(p)
            })
        };
        let mut b = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(c.host.trim())
            .port(c.port)
            // A mail server that hangs must not hold the worker for long.
            .timeout(Some(Duration::from_secs(30)));
        b = match c.tls {
            TlsMode::None => b.tls(Tls::None),
            TlsMode::StartTls => b.tls(tls(false)?),
            TlsMode::Tls => b.tls(tls(true)?),
        };
        if let Some(user) = c.username.as_deref().filter(|u| !u.is_empty()) {
            let password = c.password.clone().unwrap_or_default();
            b = b.credentials(Credentials::new(user.to_string(), password));
        }
        Ok(Mailer {
            smtp: b.build(),
            from,
        })
    }

    /// The sender as configured.
    pub fn from(&self) -> &Mailbox {
        &self.from
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_and_sender_are_checked() {
        assert_eq!(TlsMode::parse("STARTTLS"), Ok(TlsMode::StartTls));
        assert_eq!(TlsMode::parse("tls").map(TlsMode::default_port), Ok(465));
        assert!(TlsMode::parse("ssl3").unwrap_err().contains("ssl3"));
        let mut c = MailConfig {
            host: "mail.luongtai.gov.vn".into(),
            port: 587,
            tls: TlsMode::StartTls,
            username: Some("khpapi".into()),
            password: Some("bi-mat".into()),
            from: "UBND xã Lương Tài <khpapi@luongtai.gov.vn>".into(),
        };
        assert!(Mailer::new(&c).is_ok());
        c.from = "khong-hop-le".into();
        assert!(Mailer::new(&c)
            .err()
            .unwrap_or_default()
            .contains("người gửi"));
    }
}
