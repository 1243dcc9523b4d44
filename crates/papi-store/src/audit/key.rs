//! The audit key: a secret kept outside the database, so someone who can write to the database
//! cannot recompute the chain after rewriting or cutting it. Stored as 64 hex digits in a file
//! only its owner may read (mode 0600); back it up apart from the database.

use std::io::Write;
use std::path::Path;

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// A 256-bit key for HMAC-SHA-256.
pub struct AuditKey([u8; 32]);

impl std::fmt::Debug for AuditKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AuditKey(…)")
    }
}

/// Why the key file cannot be used; the message is for the person running the server.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("không đọc/ghi được tệp khóa {path}: {reason}")]
    Io { path: String, reason: String },
    #[error("tệp khóa {0} không hợp lệ: cần đúng 64 chữ số hexa")]
    Malformed(String),
    #[error("tệp khóa {0} để người khác đọc được; chỉ chủ sở hữu được đọc (chmod 600 {0})")]
    Exposed(String),
}

impl AuditKey {
    pub fn from_bytes(bytes: [u8; 32]) -> AuditKey {
        AuditKey(bytes)
    }

    /// Reads the key at `path`, or creates a new random one there (mode 0600) when the file
    /// does not exist. Returns the key and whether it was created.
    pub fn load_or_create(path: &Path) -> Result<(AuditKey, bool), KeyError> {
        let (bytes, created) = load_or_create_secret(path)?;
        Ok((AuditKey(bytes), created))
    }

    /// HMAC-SHA-256 over length-prefixed parts, hex.
    pub fn mac(&self, parts: &[&str]) -> String {
        let mut m = <Hmac<Sha256> as Mac>::new_from_slice(&self.0).expect("any key length");
        for part in parts {
            m.update(&(part.len() as u64).to_le_bytes());
            m.update(part.as_bytes());
        }
        hex::encode(m.finalize().into_bytes())
    }
}

/// A 256-bit secret kept in a file only its owner may read: read it, or create it (random,
/// mode 0600) when the file does not exist. Shared by the audit key and the seal key.
pub(crate) fn load_or_create_secret(path: &Path) -> Result<([u8; 32], bool), KeyError> {
    let shown = path.display().to_string();
    let io = |e: std::io::Error| KeyError::Io {
        path: shown.clone(),
        reason: e.to_string(),
    };
    match std::fs::read_to_string(path) {
        Ok(text) => {
            check_private(path).map_err(|_| KeyError::Exposed(shown.clone()))?;
            let bytes = hex::decode(text.trim()).map_err(|_| KeyError::Malformed(shown.clone()))?;
            let bytes: [u8; 32] = bytes
                .try_into()
                .map_err(|_| KeyError::Malformed(shown.clone()))?;
            Ok((bytes, false))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let mut bytes = [0u8; 32];
            rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut bytes);
            let mut file = private_file(path).map_err(io)?;
            writeln!(file, "{}", hex::encode(bytes)).map_err(io)?;
            file.sync_all().map_err(io)?;
            Ok((bytes, true))
        }
        Err(e) => Err(io(e)),
    }
}

#[cfg(unix)]
fn private_file(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
}

#[cfg(not(unix))]
fn private_file(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
}

#[cfg(unix)]
fn check_private(path: &Path) -> Result<(), ()> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path)
        .map_err(|_| ())?
        .permissions()
        .mode();
    if mode & 0o077 == 0 {
        Ok(())
    } else {
        Err(())
    }
}

#[cfg(not(unix))]
fn check_private(_: &Path) -> Result<(), ()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_file_is_created_private_and_read_back() {
        let dir = std::env::temp_dir().join(format!("papi-key-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("audit.key");
        let _ = std::fs::remove_file(&path);
        let (a, created) = AuditKey::load_or_create(&path).unwrap();
        assert!(created);
        let (b, created) = AuditKey::load_or_create(&path).unwrap();
        assert!(!created);
        assert_eq!(a.mac(&["x"]), b.mac(&["x"]));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
            assert!(matches!(
                AuditKey::load_or_create(&path),
                Err(KeyError::Exposed(_))
            ));
        }
        std::fs::write(&path, "zz").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
        assert!(matches!(
            AuditKey::load_or_create(&path),
            Err(KeyError::Malformed(_))
        ));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn mac_depends_on_key_and_on_part_boundaries() {
        let k = AuditKey::from_bytes([7; 32]);
        let other = AuditKey::from_bytes([8; 32]);
        assert_ne!(k.mac(&["ab", "c"]), k.mac(&["a", "bc"]));
        assert_ne!(k.mac(&["abc"]), other.mac(&["abc"]));
        assert_eq!(k.mac(&["abc"]).len(), 64);
    }
}
