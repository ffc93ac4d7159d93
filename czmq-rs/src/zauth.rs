//! The ZAP handler, as CZMQ's zauth: an actor that answers libzmq's
//! authentication requests (RFC 27/ZAP) on `inproc://zeromq.zap.01` for
//! every socket of the process-wide context that has a ZAP domain or a
//! security mechanism.
//!
//! Policies, as CZMQ's:
//! - **Addresses**: with an allow list, only listed client addresses pass;
//!   otherwise, with a deny list, listed addresses are refused. The allow
//!   list wins over the deny list.
//! - **NULL**: allowed unless the address is refused.
//! - **PLAIN**: the user name and password must match a line `name=password`
//!   of the password file, which is re-read when it changes. The User-Id is
//!   the user name.
//! - **CURVE**: the client's public key must be in the certificate store
//!   (or any key is accepted with [`Auth::curve_any`]). The User-Id is the
//!   client's public key in Z85, and the client certificate's metadata
//!   become properties of every message from that client.
//! - **GSSAPI**: allowed, the User-Id is the principal.
//!
//! Pipe commands (each answered with a signal, 0 for done, 1 for a bad
//! command, where CZMQ asserts): `ALLOW address...`, `DENY address...`,
//! `PLAIN password-file`, `CURVE directory` or `CURVE *`, `GSSAPI`,
//! `VERBOSE`, `$TERM`. A malformed ZAP request gets a 400 reply instead of
//! CZMQ's assertion.
//!
//! ```
//! # if !czmq::has("curve") { return Ok(()); }
//! use czmq::{Auth, Cert, Sock, SocketType, zstr};
//! let auth = Auth::builder().curve_any().start()?;
//! let server_cert = Cert::new()?;
//! let mut server = Sock::new(SocketType::Pull)?;
//! server_cert.apply(&server)?;
//! server.as_socket().set_curve_server(true)?;
//! let port = server.bind("tcp://127.0.0.1:*")?;
//!
//! let client_cert = Cert::new()?;
//! let client = Sock::new(SocketType::Push)?;
//! client_cert.apply(&client)?;
//! client.as_socket().set_curve_serverkey(server_cert.public_key())?;
//! client.connect(&format!("tcp://127.0.0.1:{port}"))?;
//! zstr::send(&client, "Hello")?;
//! let frame = czmq::Frame::recv(&server)?;
//! assert_eq!(frame.meta("User-Id"), Some(client_cert.public_txt()));
//! drop(auth);
//! # Ok::<(), czmq::Error>(())
//! ```

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::actor::Actor;
use crate::cert::{Cert, KEY_SIZE};
use crate::certstore::CertStore;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::frame::Frame;
use crate::poll::{PollEvents, PollItem, poll};
use crate::sock::Sock;
use crate::socket::{AsSocket, Socket, SocketType};
use crate::z85::z85_encode;

/// Where libzmq sends ZAP requests (RFC 27).
pub const ZAP_ENDPOINT: &str = "inproc://zeromq.zap.01";

/// The `CURVE` argument that accepts any client key (CZMQ's `CURVE_ALLOW_ANY`).
pub const CURVE_ALLOW_ANY: &str = "*";

/// Where the CURVE policy finds client certificates: a [`CertStore`], or
/// anything else that can answer "which certificate has this public key".
///
/// ```
/// use czmq::{Cert, CertSource};
/// struct OneClient(Cert);
/// impl CertSource for OneClient {
///     fn find(&mut self, public_txt: &str) -> Option<&Cert> {
///         (self.0.public_txt() == public_txt).then_some(&self.0)
///     }
/// }
/// let mut source = OneClient(Cert::from_keys(&[1; 32], &[0; 32]));
/// let key = source.0.public_txt().to_string();
/// assert!(source.find(&key).is_some());
/// ```
pub trait CertSource: Send {
    /// The certificate whose public key (Z85) is `public_txt`, if allowed.
    fn find(&mut self, public_txt: &str) -> Option<&Cert>;
}

impl CertSource for CertStore {
    fn find(&mut self, public_txt: &str) -> Option<&Cert> {
        self.lookup(public_txt)
    }
}

/// A running ZAP handler; dropping it stops authentication (sockets with a
/// ZAP domain then accept everyone again, as without a handler).
///
/// ```
/// use czmq::Auth;
/// let auth = Auth::new()?;
/// auth.deny(&["192.0.2.1"])?;
/// auth.allow(&["127.0.0.1"])?;
/// # Ok::<(), czmq::Error>(())
/// ```
#[derive(Debug)]
pub struct Auth {
    actor: Actor,
}

impl Auth {
    /// Starts a handler with no policy: NULL clients are allowed, PLAIN and
    /// CURVE clients refused until [`plain`](Auth::plain) or
    /// [`curve`](Auth::curve) says how to check them. Fails with
    /// [`Error::AddrInUse`] when another handler is running.
    ///
    /// ```
    /// let auth = czmq::Auth::new()?;
    /// assert_eq!(czmq::Auth::new().unwrap_err(), czmq::Error::AddrInUse);
    /// drop(auth);
    /// let _again = czmq::Auth::new()?;
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn new() -> Result<Auth> {
        Auth::start(None, None)
    }

    /// Starts a handler that checks CURVE clients against `store`.
    ///
    /// ```
    /// let mut store = czmq::CertStore::new();
    /// store.insert(czmq::Cert::from_keys(&[1; 32], &[0; 32]));
    /// let _auth = czmq::Auth::with_store(store)?;
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn with_store(store: impl CertSource + 'static) -> Result<Auth> {
        Auth::start(Some(Box::new(store)), None)
    }

    /// A builder that starts a handler with its policies in place.
    ///
    /// ```
    /// let _auth = czmq::Auth::builder().allow("127.0.0.1").curve_any().start()?;
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn builder() -> AuthBuilder {
        AuthBuilder::default()
    }

    fn start(store: Option<Box<dyn CertSource>>, context: Option<&Context>) -> Result<Auth> {
        // Bound here, not in the actor, so that "already bound" is an error
        // the caller sees.
        let handler = bind_handler(context)?;
        let actor = Actor::new(move |pipe| serve(pipe, handler, store))?;
        Ok(Auth { actor })
    }

    /// The actor, for raw pipe commands.
    ///
    /// ```
    /// let auth = czmq::Auth::new()?;
    /// auth.actor().sock().send_strs(&["VERBOSE"])?;
    /// assert_eq!(auth.actor().sock().wait()?, 0);
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn actor(&self) -> &Actor {
        &self.actor
    }

    fn command(&self, parts: &[&str]) -> Result<()> {
        self.actor.sock().send_strs(parts)?;
        match self.actor.sock().wait()? {
            0 => Ok(()),
            _ => Err(Error::InvalidArgument(format!(
                "zauth refused {}",
                parts.join(" ")
            ))),
        }
    }

    fn list_command(&self, command: &str, addresses: &[&str]) -> Result<()> {
        let mut parts = vec![command];
        parts.extend_from_slice(addresses);
        self.command(&parts)
    }

    /// Adds client addresses (IP addresses as libzmq reports them) to the
    /// allow list: once it has any, only those addresses pass.
    ///
    /// ```
    /// czmq::Auth::new()?.allow(&["127.0.0.1", "::1"])?;
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn allow(&self, addresses: &[&str]) -> Result<()> {
        self.list_command("ALLOW", addresses)
    }

    /// Adds client addresses to the deny list (ignored while the allow list
    /// has any address).
    ///
    /// ```
    /// czmq::Auth::new()?.deny(&["192.0.2.1"])?;
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn deny(&self, addresses: &[&str]) -> Result<()> {
        self.list_command("DENY", addresses)
    }

    /// Checks PLAIN clients against a password file of `name=password`
    /// lines (`#` starts a comment line). A missing file refuses everyone
    /// until it appears; changes are picked up on the next request.
    ///
    /// ```
    /// czmq::Auth::new()?.plain("/nonexistent/passwords")?;
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn plain(&self, password_file: impl AsRef<Path>) -> Result<()> {
        self.command(&["PLAIN", &path_text(password_file.as_ref())?])
    }

    /// Checks CURVE clients against the public certificates in `directory`
    /// (a [`CertStore::open`] store, reloaded when the files change).
    ///
    /// ```
    /// let dir = tempfile::tempdir().unwrap();
    /// czmq::Auth::new()?.curve(dir.path())?;
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn curve(&self, directory: impl AsRef<Path>) -> Result<()> {
        self.command(&["CURVE", &path_text(directory.as_ref())?])
    }

    /// Accepts every CURVE client (the connection is still encrypted).
    ///
    /// ```
    /// czmq::Auth::new()?.curve_any()?;
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn curve_any(&self) -> Result<()> {
        self.command(&["CURVE", CURVE_ALLOW_ANY])
    }

    /// Accepts GSSAPI clients (as CZMQ, no further check).
    ///
    /// ```
    /// czmq::Auth::new()?.gssapi()?;
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn gssapi(&self) -> Result<()> {
        self.command(&["GSSAPI"])
    }

    /// Logs every command, request and decision (target `czmq::zauth`).
    ///
    /// ```
    /// czmq::Auth::new()?.verbose()?;
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn verbose(&self) -> Result<()> {
        self.command(&["VERBOSE"])
    }
}

impl AsSocket for Auth {
    fn as_socket(&self) -> &Socket {
        self.actor.as_socket()
    }
}

fn path_text(path: &Path) -> Result<String> {
    path.to_str()
        .map(str::to_owned)
        .ok_or_else(|| Error::InvalidArgument(format!("{}: not UTF-8", path.display())))
}

/// The CURVE policy a builder sets up.
enum CurvePolicy {
    Any,
    Directory(PathBuf),
    Source(Box<dyn CertSource>),
}

/// Collects a handler's policies, then [`start`](AuthBuilder::start)s it.
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let passwords = dir.path().join("passwords");
/// std::fs::write(&passwords, "admin=Password\n").unwrap();
/// let _auth = czmq::Auth::builder()
///     .deny("192.0.2.1")
///     .plain(&passwords)
///     .curve_dir(dir.path())
///     .start()?;
/// # Ok::<(), czmq::Error>(())
/// ```
#[derive(Default)]
pub struct AuthBuilder {
    allow: Vec<String>,
    deny: Vec<String>,
    plain: Option<PathBuf>,
    curve: Option<CurvePolicy>,
    gssapi: bool,
    verbose: bool,
    context: Option<Context>,
}

impl AuthBuilder {
    /// Adds an address to the allow list (see [`Auth::allow`]).
    pub fn allow(mut self, address: &str) -> AuthBuilder {
        self.allow.push(address.to_owned());
        self
    }

    /// Adds an address to the deny list (see [`Auth::deny`]).
    pub fn deny(mut self, address: &str) -> AuthBuilder {
        self.deny.push(address.to_owned());
        self
    }

    /// Checks PLAIN clients against a password file (see [`Auth::plain`]).
    pub fn plain(mut self, password_file: impl AsRef<Path>) -> AuthBuilder {
        self.plain = Some(password_file.as_ref().to_path_buf());
        self
    }

    /// Checks CURVE clients against a certificate directory.
    pub fn curve_dir(mut self, directory: impl AsRef<Path>) -> AuthBuilder {
        self.curve = Some(CurvePolicy::Directory(directory.as_ref().to_path_buf()));
        self
    }

    /// Checks CURVE clients against a store (or any [`CertSource`]).
    ///
    /// ```
    /// let _auth = czmq::Auth::builder().curve_store(czmq::CertStore::new()).start()?;
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn curve_store(mut self, store: impl CertSource + 'static) -> AuthBuilder {
        self.curve = Some(CurvePolicy::Source(Box::new(store)));
        self
    }

    /// Accepts every CURVE client.
    pub fn curve_any(mut self) -> AuthBuilder {
        self.curve = Some(CurvePolicy::Any);
        self
    }

    /// Accepts GSSAPI clients.
    pub fn gssapi(mut self) -> AuthBuilder {
        self.gssapi = true;
        self
    }

    /// Logs what the handler does.
    pub fn verbose(mut self) -> AuthBuilder {
        self.verbose = true;
        self
    }

    /// Serves the sockets of `context` instead of the process-wide context
    /// (that [`Sock`] uses): ZAP is per context, so sockets made with
    /// [`Context::socket`] need a handler in their own context.
    ///
    /// ```
    /// let ctx = czmq::Context::new()?;
    /// let _auth = czmq::Auth::builder().context(&ctx).deny("192.0.2.1").start()?;
    /// // A second handler in another context does not collide.
    /// let _default = czmq::Auth::new()?;
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn context(mut self, context: &Context) -> AuthBuilder {
        self.context = Some(context.clone());
        self
    }

    /// Starts the handler with these policies.
    pub fn start(self) -> Result<Auth> {
        let (store, curve) = match self.curve {
            Some(CurvePolicy::Source(store)) => (Some(store), None),
            other => (None, other),
        };
        let auth = Auth::start(store, self.context.as_ref())?;
        if self.verbose {
            auth.verbose()?;
        }
        let allow: Vec<&str> = self.allow.iter().map(String::as_str).collect();
        if !allow.is_empty() {
            auth.allow(&allow)?;
        }
        let deny: Vec<&str> = self.deny.iter().map(String::as_str).collect();
        if !deny.is_empty() {
            auth.deny(&deny)?;
        }
        if let Some(path) = &self.plain {
            auth.plain(path)?;
        }
        match curve {
            Some(CurvePolicy::Any) => auth.curve_any()?,
            Some(CurvePolicy::Directory(dir)) => auth.curve(dir)?,
            _ => {}
        }
        if self.gssapi {
            auth.gssapi()?;
        }
        Ok(auth)
    }
}

/// The ZAP socket, bound in `context` (the process-wide one by default).
fn bind_handler(context: Option<&Context>) -> Result<Sock> {
    let handler = match context {
        Some(context) => Sock::from_socket(context.socket(SocketType::Rep)?),
        None => Sock::new(SocketType::Rep)?,
    };
    handler.as_socket().bind(ZAP_ENDPOINT)?;
    Ok(handler)
}

/// The actor's body (CZMQ's `zauth`), for [`Actor::new`] and for the C
/// face's `zactor_new (zauth, certstore)`: binds the ZAP endpoint, signals,
/// and serves until `$TERM`. `store`, when given, is the CURVE policy from
/// the start. If the endpoint is taken (another handler runs), the actor
/// ends at once with [`Error::AddrInUse`].
///
/// ```
/// let actor = czmq::Actor::new(|pipe| czmq::zauth_actor(pipe, None))?;
/// actor.sock().send_strs(&["ALLOW", "127.0.0.1"])?;
/// assert_eq!(actor.sock().wait()?, 0);
/// actor.sock().send_strs(&["BOGUS"])?;
/// assert_eq!(actor.sock().wait()?, 1);
/// # Ok::<(), czmq::Error>(())
/// ```
pub fn zauth_actor(pipe: Sock, store: Option<Box<dyn CertSource>>) -> Result<()> {
    let handler = bind_handler(None)?;
    serve(pipe, handler, store)
}

fn serve(pipe: Sock, handler: Sock, store: Option<Box<dyn CertSource>>) -> Result<()> {
    let mut policy = Policy {
        store,
        ..Policy::default()
    };
    let outcome = run(&pipe, &handler, &mut policy);
    // Unbind before the socket goes: closing is asynchronous, and a new
    // handler started right after must find the endpoint free.
    let _ = handler.as_socket().unbind(ZAP_ENDPOINT);
    outcome
}

fn run(pipe: &Sock, handler: &Sock, policy: &mut Policy) -> Result<()> {
    pipe.signal(0)?;
    loop {
        let mut items = [
            PollItem::socket(pipe, PollEvents::POLLIN),
            PollItem::socket(handler, PollEvents::POLLIN),
        ];
        match poll(&mut items, None) {
            Ok(_) => {}
            Err(Error::Interrupted) => continue,
            Err(Error::Terminated) => return Ok(()),
            Err(e) => return Err(e),
        }
        let (pipe_ready, handler_ready) = (items[0].is_readable(), items[1].is_readable());
        if pipe_ready {
            let parts = match pipe.recv_parts() {
                Ok(parts) => parts,
                Err(Error::Terminated) => return Ok(()),
                Err(e) => return Err(e),
            };
            let words: Vec<String> = parts.iter().map(lossy).collect();
            match policy.command(&words) {
                Some(status) => pipe.signal(status)?,
                None => return Ok(()),
            }
        }
        if handler_ready {
            let frames = match handler.recv_parts() {
                Ok(frames) => frames,
                Err(Error::Terminated) => return Ok(()),
                Err(e) => return Err(e),
            };
            policy.answer(&frames).send(handler)?;
        }
    }
}

fn lossy(frame: &Frame) -> String {
    String::from_utf8_lossy(frame.data()).into_owned()
}

/// What the handler has been told.
#[derive(Default)]
struct Policy {
    allow: HashSet<String>,
    deny: HashSet<String>,
    passwords: Option<PasswordFile>,
    store: Option<Box<dyn CertSource>>,
    curve_any: bool,
    verbose: bool,
}

impl Policy {
    /// Runs a pipe command; the signal to answer with, or None for `$TERM`.
    fn command(&mut self, words: &[String]) -> Option<u8> {
        let Some((command, args)) = words.split_first() else {
            return Some(1);
        };
        if self.verbose {
            log::info!(target: "czmq::zauth", "API command={command}");
        }
        match (command.as_str(), args) {
            ("$TERM", _) => return None,
            ("ALLOW", addresses) => {
                for address in addresses {
                    self.log(format_args!("- allowing ipaddress={address}"));
                    self.allow.insert(address.clone());
                }
            }
            ("DENY", addresses) => {
                for address in addresses {
                    self.log(format_args!("- denying ipaddress={address}"));
                    self.deny.insert(address.clone());
                }
            }
            ("PLAIN", [file, ..]) => {
                let passwords = PasswordFile::load(PathBuf::from(file));
                if !passwords.exists() {
                    self.log(format_args!("could not load file={file}"));
                }
                self.passwords = Some(passwords);
            }
            ("CURVE", [location, ..]) => {
                if location == CURVE_ALLOW_ANY {
                    self.curve_any = true;
                } else {
                    self.store = Some(Box::new(CertStore::open(location)));
                    self.curve_any = false;
                }
            }
            ("GSSAPI", _) => {}
            ("VERBOSE", _) => self.verbose = true,
            _ => {
                log::error!(target: "czmq::zauth", "invalid command: {words:?}");
                return Some(1);
            }
        }
        Some(0)
    }

    fn log(&self, what: std::fmt::Arguments<'_>) {
        if self.verbose {
            log::info!(target: "czmq::zauth", "{what}");
        }
    }

    /// The reply to one ZAP request.
    fn answer(&mut self, frames: &[Frame]) -> Reply {
        let request = match Request::parse(frames) {
            Ok(request) => request,
            Err((sequence, why)) => {
                log::warn!(target: "czmq::zauth", "malformed ZAP request: {why}");
                return Reply::refuse(sequence, "400", "Bad request");
            }
        };
        self.log(format_args!(
            "ZAP request mechanism={} ipaddress={}",
            request.mechanism, request.address
        ));
        let mut allowed = false;
        let mut denied = false;
        if !self.allow.is_empty() {
            if self.allow.contains(&request.address) {
                allowed = true;
                self.log(format_args!(
                    "- passed (allow list) address={}",
                    request.address
                ));
            } else {
                denied = true;
                self.log(format_args!(
                    "- denied (not in allow list) address={}",
                    request.address
                ));
            }
        } else if !self.deny.is_empty() {
            if self.deny.contains(&request.address) {
                denied = true;
                self.log(format_args!(
                    "- denied (deny list) address={}",
                    request.address
                ));
            } else {
                allowed = true;
                self.log(format_args!(
                    "- passed (not in deny list) address={}",
                    request.address
                ));
            }
        }
        let mut reply = Reply::refuse(request.sequence.clone(), "400", "No access");
        if denied {
            return reply;
        }
        let grant = match &request.credentials {
            // NULL passes unless the address was refused (checked above).
            Credentials::Null => Some(Grant::default()),
            Credentials::Plain { username, password } => self.check_plain(username, password),
            Credentials::Curve { key } => self.check_curve(key),
            Credentials::Gssapi { principal } => {
                self.log(format_args!("- allowed (GSSAPI) principal={principal}"));
                Some(Grant {
                    user_id: principal.clone(),
                    ..Grant::default()
                })
            }
            // A mechanism libzmq does not have: the address decides.
            Credentials::Other => allowed.then(Grant::default),
        };
        if let Some(grant) = grant {
            reply = Reply {
                sequence: request.sequence,
                status: "200",
                text: "OK",
                user_id: grant.user_id,
                metadata: grant.metadata,
            };
        }
        reply
    }

    fn check_plain(&mut self, username: &str, password: &[u8]) -> Option<Grant> {
        let verbose = self.verbose;
        let Some(passwords) = self.passwords.as_mut() else {
            self.log(format_args!("- denied (PLAIN) no password file defined"));
            return None;
        };
        passwords.refresh();
        let ok = passwords.check(username.as_bytes(), password);
        if verbose {
            let verdict = if ok { "allowed" } else { "denied" };
            log::info!(target: "czmq::zauth", "- {verdict} (PLAIN) username={username}");
        }
        ok.then(|| Grant {
            user_id: username.to_owned(),
            ..Grant::default()
        })
    }

    fn check_curve(&mut self, key: &str) -> Option<Grant> {
        if self.curve_any {
            self.log(format_args!("- allowed (CURVE allow any client)"));
            // CZMQ leaves the User-Id empty here; the key is more useful.
            return Some(Grant {
                user_id: key.to_owned(),
                ..Grant::default()
            });
        }
        let verbose = self.verbose;
        let found = self.store.as_mut().and_then(|s| s.find(key));
        let grant = found.map(|cert| Grant {
            user_id: key.to_owned(),
            metadata: encode_properties(cert.metadata()),
        });
        if verbose {
            let verdict = if grant.is_some() { "allowed" } else { "denied" };
            log::info!(target: "czmq::zauth", "- {verdict} (CURVE) client_key={key}");
        }
        grant
    }
}

/// What an accepted client gets: its User-Id and metadata properties.
#[derive(Default)]
struct Grant {
    user_id: String,
    metadata: Vec<u8>,
}

/// ZMTP metadata: for each property a one-byte name length, the name, a
/// four-byte big-endian value length and the value. Names over 255 bytes
/// cannot be expressed and are left out.
fn encode_properties<'a>(properties: impl Iterator<Item = (&'a str, &'a str)>) -> Vec<u8> {
    let mut out = Vec::new();
    for (name, value) in properties {
        let (Ok(name_len), Ok(value_len)) = (u8::try_from(name.len()), u32::try_from(value.len()))
        else {
            continue;
        };
        out.push(name_len);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(&value_len.to_be_bytes());
        out.extend_from_slice(value.as_bytes());
    }
    out
}

/// The mechanism-specific part of a ZAP request.
enum Credentials {
    Null,
    Plain { username: String, password: Vec<u8> },
    Curve { key: String },
    Gssapi { principal: String },
    Other,
}

/// A ZAP request (RFC 27): version, sequence, domain, address, identity,
/// mechanism, credentials.
struct Request {
    sequence: Vec<u8>,
    address: String,
    mechanism: String,
    credentials: Credentials,
}

impl Request {
    /// The request in `frames`, or the sequence number (if any) and why it
    /// is malformed.
    fn parse(frames: &[Frame]) -> std::result::Result<Request, (Vec<u8>, String)> {
        let sequence = frames.get(1).map(|f| f.data().to_vec()).unwrap_or_default();
        let fail = |why: String| Err((sequence.clone(), why));
        if frames.len() < 6 {
            return fail(format!("{} frames, at least 6 expected", frames.len()));
        }
        if frames[0].data() != b"1.0" {
            return fail(format!("version {:?}", lossy(&frames[0])));
        }
        let mechanism = lossy(&frames[5]);
        let rest = &frames[6..];
        let credentials = match mechanism.as_str() {
            "NULL" => Credentials::Null,
            "PLAIN" => match rest {
                [user, password, ..] => Credentials::Plain {
                    username: lossy(user),
                    password: password.data().to_vec(),
                },
                _ => return fail("PLAIN without user name and password".into()),
            },
            "CURVE" => match rest.first().map(Frame::data) {
                Some(key) if key.len() == KEY_SIZE => Credentials::Curve {
                    key: z85_encode(key).map_err(|e| (sequence.clone(), e.to_string()))?,
                },
                _ => return fail("CURVE without a 32-byte client key".into()),
            },
            "GSSAPI" => match rest.first() {
                Some(principal) => Credentials::Gssapi {
                    principal: lossy(principal),
                },
                None => return fail("GSSAPI without a principal".into()),
            },
            _ => Credentials::Other,
        };
        Ok(Request {
            sequence: sequence.clone(),
            address: lossy(&frames[3]),
            mechanism,
            credentials,
        })
    }
}

/// A ZAP reply: version, sequence, status code and text, User-Id, metadata.
struct Reply {
    sequence: Vec<u8>,
    status: &'static str,
    text: &'static str,
    user_id: String,
    metadata: Vec<u8>,
}

impl Reply {
    fn refuse(sequence: Vec<u8>, status: &'static str, text: &'static str) -> Reply {
        Reply {
            sequence,
            status,
            text,
            user_id: String::new(),
            metadata: Vec::new(),
        }
    }

    fn send(&self, handler: &Sock) -> Result<()> {
        handler.send_parts(&[
            b"1.0".as_slice(),
            &self.sequence,
            self.status.as_bytes(),
            self.text.as_bytes(),
            self.user_id.as_bytes(),
            &self.metadata,
        ])
    }
}

/// A PLAIN password file (`name=password` lines), re-read when its size or
/// modification time changes.
struct PasswordFile {
    path: PathBuf,
    stamp: Option<(u64, Option<SystemTime>)>,
    entries: HashMap<Vec<u8>, Vec<u8>>,
}

impl PasswordFile {
    fn load(path: PathBuf) -> PasswordFile {
        let mut file = PasswordFile {
            path,
            stamp: None,
            entries: HashMap::new(),
        };
        file.read();
        file
    }

    fn exists(&self) -> bool {
        self.stamp.is_some()
    }

    fn stamp_now(&self) -> Option<(u64, Option<SystemTime>)> {
        fs::metadata(&self.path)
            .ok()
            .map(|m| (m.len(), m.modified().ok()))
    }

    fn read(&mut self) {
        self.stamp = self.stamp_now();
        self.entries = fs::read(&self.path)
            .map(|bytes| parse_passwords(&bytes))
            .unwrap_or_default();
    }

    fn refresh(&mut self) {
        if self.stamp_now() != self.stamp {
            self.read();
        }
    }

    fn check(&self, username: &[u8], password: &[u8]) -> bool {
        self.entries.get(username).is_some_and(|p| p == password)
    }
}

/// The lines `name=value` of a password file, as CZMQ's `zhashx_load`
/// reads them: lines starting with `#`, without `=`, or with an empty
/// name are skipped; the value is the rest of the line; a later line
/// wins over an earlier one with the same name.
fn parse_passwords(bytes: &[u8]) -> HashMap<Vec<u8>, Vec<u8>> {
    let mut entries = HashMap::new();
    for line in bytes.split(|b| *b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.first() == Some(&b'#') {
            continue;
        }
        let Some(eq) = line.iter().position(|b| *b == b'=') else {
            continue;
        };
        if eq == 0 {
            continue;
        }
        entries.insert(line[..eq].to_vec(), line[eq + 1..].to_vec());
    }
    entries
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_lines_as_czmq_reads_them() {
        let entries =
            parse_passwords(b"# comment=x\nadmin=Pass=word\n=nobody\nno equals\nbob=\r\n");
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[b"admin".as_slice()], b"Pass=word");
        assert_eq!(entries[b"bob".as_slice()], b"");
    }

    #[test]
    fn properties_are_zmtp_metadata() {
        let bytes = encode_properties([("Hello", "World!")].into_iter());
        assert_eq!(bytes, b"\x05Hello\x00\x00\x00\x06World!");
    }

    fn frames(parts: &[&[u8]]) -> Vec<Frame> {
        parts.iter().map(|p| Frame::new(p)).collect()
    }

    #[test]
    fn malformed_requests_get_400() {
        let mut policy = Policy::default();
        let short = policy.answer(&frames(&[b"1.0", b"7"]));
        assert_eq!(
            (short.status, short.sequence.as_slice()),
            ("400", b"7".as_slice())
        );
        let version = policy.answer(&frames(&[b"2.0", b"1", b"", b"127.0.0.1", b"", b"NULL"]));
        assert_eq!(version.status, "400");
        let curve = policy.answer(&frames(&[b"1.0", b"1", b"", b"a", b"", b"CURVE", b"short"]));
        assert_eq!(curve.status, "400");
        let plain = policy.answer(&frames(&[b"1.0", b"1", b"", b"a", b"", b"PLAIN", b"u"]));
        assert_eq!(plain.status, "400");
        let ok = policy.answer(&frames(&[b"1.0", b"1", b"", b"a", b"", b"NULL"]));
        assert_eq!(ok.status, "200");
        assert_eq!(policy.answer(&[]).status, "400");
    }

    #[test]
    fn allow_list_wins_over_deny_list() {
        let mut policy = Policy::default();
        let request = frames(&[b"1.0", b"1", b"", b"10.0.0.1", b"", b"NULL"]);
        policy.command(&["DENY".into(), "10.0.0.1".into()]);
        assert_eq!(policy.answer(&request).status, "400");
        policy.command(&["ALLOW".into(), "10.0.0.1".into()]);
        assert_eq!(policy.answer(&request).status, "200");
        let other = frames(&[b"1.0", b"1", b"", b"10.0.0.2", b"", b"NULL"]);
        assert_eq!(policy.answer(&other).status, "400");
    }
}
