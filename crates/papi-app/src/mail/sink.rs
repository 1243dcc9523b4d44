//! A local SMTP capture server: it accepts every message (no authentication, no relaying),
//! keeps it in memory and, if given a folder, writes it there as an `.eml` file. For trying
//! papi's mail without a real server (`papi mail sink`, `papi demo`) and for the tests.
//! It speaks the part of SMTP (RFC 5321) a sending client needs: EHLO/HELO, MAIL FROM,
//! RCPT TO, DATA with dot-unstuffing, RSET, NOOP, QUIT.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

use super::decode;

/// A line longer than this ends the session: a guard against a client that never ends one.
const MAX_LINE: u64 = 64 * 1024;
/// A message larger than this is refused (552).
const MAX_MESSAGE: usize = 25 * 1024 * 1024;

/// One message as it arrived.
#[derive(Debug, Clone)]
pub struct Received {
    /// The envelope's sender and recipients (MAIL FROM, RCPT TO).
    pub from: String,
    pub to: Vec<String>,
    /// The message as sent, CRLF line ends, dots unstuffed.
    pub raw: String,
    /// Where it was written, if a folder was given.
    pub file: Option<PathBuf>,
}

impl Received {
    /// A header, unfolded and decoded.
    pub fn header(&self, name: &str) -> Option<String> {
        decode::header(&self.raw, name)
    }

    pub fn subject(&self) -> String {
        self.header("Subject").unwrap_or_default()
    }

    /// The text body, decoded.
    pub fn body(&self) -> String {
        decode::body(&self.raw)
    }
}

/// Called for each message as it arrives (the command line prints it).
pub type OnMessage = Arc<dyn Fn(&Received) + Send + Sync>;

/// A running capture server; it stops when dropped.
pub struct Sink {
    pub addr: SocketAddr,
    messages: Arc<Mutex<Vec<Received>>>,
    task: JoinHandle<()>,
}

impl Drop for Sink {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Sink {
    /// Listens on `listen` (`127.0.0.1:0` picks a free port; see [`Sink::addr`]).
    pub async fn start(
        listen: &str,
        dir: Option<PathBuf>,
        on_message: Option<OnMessage>,
    ) -> std::io::Result<Sink> {
        if let Some(d) = &dir {
            std::fs::create_dir_all(d)?;
        }
        let listener = TcpListener::bind(listen).await?;
        let addr = listener.local_addr()?;
        let messages: Arc<Mutex<Vec<Received>>> = Default::default();
        let kept = messages.clone();
        let task = tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    // Out of file descriptors, say: wait rather than spin.
                    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                    continue;
                };
                let ctx = Session {
                    messages: kept.clone(),
                    dir: dir.clone(),
                    on_message: on_message.clone(),
                };
                tokio::spawn(async move {
                    if let Err(e) = ctx.serve(stream).await {
                        tracing::debug!("capture server session ended: {e}");
                    }
                });
            }
        });
        Ok(Sink {
            addr,
            messages,
            task,
        })
    }

    /// Every message received so far, oldest first.
    pub fn messages(&self) -> Vec<Received> {
        self.messages
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }
}

struct Session {
    messages: Arc<Mutex<Vec<Received>>>,
    dir: Option<PathBuf>,
    on_message: Option<OnMessage>,
}

/// Reads one line (without its CRLF); `None` at the end of the stream or past [`MAX_LINE`].
async fn line<R: AsyncRead + Unpin>(r: &mut BufReader<R>) -> std::io::Result<Option<String>> {
    let mut buf = Vec::new();
    let n = (&mut *r).take(MAX_LINE).read_until(b'\n', &mut buf).await?;
    if n == 0 || (n as u64 == MAX_LINE && !buf.ends_with(b"\n")) {
        return Ok(None);
    }
    while buf.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
        buf.pop();
    }
    Ok(Some(String::from_utf8_lossy(&buf).into_owned()))
}

/// The address inside `MAIL FROM:<…>` or `RCPT TO:<…>`, parameters dropped.
fn path_of(arg: &str) -> String {
    let arg = arg.trim();
    match (arg.find('<'), arg.find('>')) {
        (Some(a), Some(b)) if a < b => arg[a + 1..b].to_string(),
        _ => arg.split_whitespace().next().unwrap_or("").to_string(),
    }
}

impl Session {
    async fn serve(self, stream: TcpStream) -> std::io::Result<()> {
        let (read, mut write) = stream.into_split();
        let mut r = BufReader::new(read);
        write
            .write_all(b"220 papi capture server ready\r\n")
            .await?;
        let mut from: Option<String> = None;
        let mut to: Vec<String> = Vec::new();
        while let Some(cmd) = line(&mut r).await? {
            let upper = cmd.to_ascii_uppercase();
            let verb = upper.split_whitespace().next().unwrap_or("");
            let reply: &[u8] = match verb {
                "EHLO" => b"250-papi capture server\r\n250-8BITMIME\r\n250 SIZE 26214400\r\n",
                "HELO" => b"250 papi capture server\r\n",
                "MAIL" if upper.starts_with("MAIL FROM:") => {
                    from = Some(path_of(&cmd[10..]));
                    to.clear();
                    b"250 OK\r\n"
                }
                "RCPT" if upper.starts_with("RCPT TO:") => {
                    if from.is_none() {
                        b"503 MAIL FROM first\r\n"
                    } else {
                        to.push(path_of(&cmd[8..]));
                        b"250 OK\r\n"
                    }
                }
                "DATA" if from.is_none() || to.is_empty() => b"503 MAIL FROM and RCPT TO first\r\n",
                "DATA" => {
                    write
                        .write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                        .await?;
                    let Some(raw) = self.data(&mut r).await? else {
                        write.write_all(b"552 Message too large\r\n").await?;
                        from = None;
                        to.clear();
                        continue;
                    };
                    let env_from = from.take().unwrap_or_default();
                    self.keep(env_from, std::mem::take(&mut to), raw);
                    b"250 OK: queued\r\n"
                }
                "RSET" => {
                    from = None;
                    to.clear();
                    b"250 OK\r\n"
                }
                "NOOP" => b"250 OK\r\n",
                "QUIT" => {
                    write.write_all(b"221 Bye\r\n").await?;
                    return Ok(());
                }
                _ => b"502 Command not implemented\r\n",
            };
            write.write_all(reply).await?;
        }
        Ok(())
    }

    /// The message up to the line holding a single dot, with leading dots unstuffed; `None`
    /// when it grew past [`MAX_MESSAGE`] (read to its end all the same).
    async fn data<R: AsyncRead + Unpin>(
        &self,
        r: &mut BufReader<R>,
    ) -> std::io::Result<Option<String>> {
        let mut raw = String::new();
        let mut too_big = false;
        loop {
            let Some(l) = line(r).await? else {
                return Err(std::io::ErrorKind::UnexpectedEof.into());
            };
            if l == "." {
                break;
            }
            let l = l.strip_prefix('.').unwrap_or(&l);
            if raw.len() + l.len() > MAX_MESSAGE {
                too_big = true;
                continue;
            }
            raw.push_str(l);
            raw.push_str("\r\n");
        }
        Ok((!too_big).then_some(raw))
    }

    fn keep(&self, from: String, to: Vec<String>, raw: String) {
        let mut messages = self.messages.lock().unwrap_or_else(|p| p.into_inner());
        let n = messages.len() + 1;
        let file = self.dir.as_ref().and_then(|d| {
            let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S%.3f");
            let path = d.join(format!("{stamp}-{n:04}.eml"));
            match std::fs::write(&path, raw.as_bytes()) {
                Ok(()) => Some(path),
                Err(e) => {
                    tracing::error!("could not write {}: {e}", path.display());
                    None
                }
            }
        });
        let received = Received {
            from,
            to,
            raw,
            file,
        };
        if let Some(f) = &self.on_message {
            f(&received);
        }
        messages.push(received);
    }
}
