//! CURVE certificates, as CZMQ's zcert: a key pair plus metadata, stored as
//! two ZPL files, a public one (`NAME`, safe to hand out) and a secret one
//! (`NAME_secret`, created private to its owner). The files have CZMQ's
//! layout, so certificates move between CZMQ programs and ours both ways.
//!
//! ```
//! # if !czmq::has("curve") { return Ok(()); }
//! use czmq::Cert;
//! let dir = tempfile::tempdir().unwrap();
//! let path = dir.path().join("client.cert");
//! let mut cert = Cert::new()?;
//! cert.set_meta("name", "Client One")?;
//! cert.save(&path)?;
//!
//! // The secret file wins when present; without it the secret key is zero.
//! assert_eq!(Cert::load(&path)?, cert);
//! std::fs::remove_file(dir.path().join("client.cert_secret")).unwrap();
//! let public = Cert::load(&path)?;
//! assert_eq!(public.public_txt(), cert.public_txt());
//! assert_eq!(public.secret_txt(), "0".repeat(40));
//! assert_eq!(public.meta("name"), Some("Client One"));
//! # Ok::<(), czmq::Error>(())
//! ```

use std::ffi::{CStr, CString};
use std::fmt;
use std::fs;
use std::io::{self, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use crate::curve::CurveKeyPair;
use crate::error::{Error, Result};
use crate::socket::AsSocket;
use crate::z85::{z85_decode, z85_encode};
use crate::zconfig::Config;

/// Length of a binary CURVE key.
pub const KEY_SIZE: usize = 32;
/// Length of a CURVE key as Z85 text.
pub const KEY_TEXT_SIZE: usize = 40;

/// A CURVE key's Z85 text with a trailing NUL, so the C face can lend it
/// out as a C string without copying.
#[derive(Clone, PartialEq, Eq)]
struct KeyText([u8; KEY_TEXT_SIZE + 1]);

impl KeyText {
    fn of(key: &[u8; KEY_SIZE]) -> KeyText {
        // Z85 turns any 32 bytes (a multiple of 4) into 40 ASCII characters.
        let text = z85_encode(key).unwrap_or_default();
        let mut buf = [0u8; KEY_TEXT_SIZE + 1];
        let n = text.len().min(KEY_TEXT_SIZE);
        buf[..n].copy_from_slice(&text.as_bytes()[..n]);
        KeyText(buf)
    }

    fn as_str(&self) -> &str {
        // Z85's alphabet is ASCII, so the 40 characters are valid UTF-8.
        std::str::from_utf8(&self.0[..KEY_TEXT_SIZE]).unwrap_or_default()
    }

    fn as_c_str(&self) -> &CStr {
        CStr::from_bytes_until_nul(&self.0).unwrap_or_default()
    }
}

/// Decodes 40 Z85 characters into a 32-byte key.
fn decode_key(text: &str, what: &str) -> Result<[u8; KEY_SIZE]> {
    let bad = || Error::InvalidArgument(format!("{what}: not a 40-character Z85 key"));
    if text.len() != KEY_TEXT_SIZE {
        return Err(bad());
    }
    z85_decode(text)?.try_into().map_err(|_| bad())
}

/// A CURVE certificate: public and secret key, in binary and Z85, and
/// name/value metadata (kept in the order it was set).
///
/// Two certificates are equal when their keys are (metadata is not
/// compared, as CZMQ's `zcert_eq`). `Clone` is CZMQ's `zcert_dup`. `Debug`
/// never shows the secret key.
///
/// ```
/// let cert = czmq::Cert::from_keys(&[1; 32], &[2; 32]);
/// assert_eq!(cert.public_key(), &[1; 32]);
/// assert_eq!(czmq::Cert::from_txt(cert.public_txt(), cert.secret_txt())?, cert);
/// # Ok::<(), czmq::Error>(())
/// ```
#[derive(Clone)]
pub struct Cert {
    public_key: [u8; KEY_SIZE],
    secret_key: [u8; KEY_SIZE],
    public_txt: KeyText,
    secret_txt: KeyText,
    meta: Vec<(String, CString)>,
}

impl Cert {
    /// A certificate with a fresh random key pair and no metadata.
    /// [`Error::NotSupported`] when libzmq was built without CURVE.
    ///
    /// ```
    /// # if !czmq::has("curve") { return Ok(()); }
    /// let a = czmq::Cert::new()?;
    /// let b = czmq::Cert::new()?;
    /// assert_ne!(a, b);
    /// assert_eq!(czmq::curve_public(a.secret_txt())?, a.public_txt());
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn new() -> Result<Cert> {
        let pair = CurveKeyPair::new()?;
        Cert::from_txt(pair.public_key(), pair.secret_key())
    }

    /// A certificate from two binary keys (CZMQ's `zcert_new_from`). The
    /// keys are taken as given: nothing checks that they belong together.
    ///
    /// ```
    /// let cert = czmq::Cert::from_keys(&[0; 32], &[0; 32]);
    /// assert_eq!(cert.public_txt(), "0".repeat(40));
    /// ```
    pub fn from_keys(public_key: &[u8; KEY_SIZE], secret_key: &[u8; KEY_SIZE]) -> Cert {
        Cert {
            public_key: *public_key,
            secret_key: *secret_key,
            public_txt: KeyText::of(public_key),
            secret_txt: KeyText::of(secret_key),
            meta: Vec::new(),
        }
    }

    /// A certificate from two keys as 40 Z85 characters each (CZMQ's
    /// `zcert_new_from_txt`); an error for text that is not a Z85 key.
    ///
    /// ```
    /// let zero = "0".repeat(40);
    /// let cert = czmq::Cert::from_txt(&zero, &zero)?;
    /// assert_eq!(cert.secret_key(), &[0; 32]);
    /// assert!(czmq::Cert::from_txt("short", &zero).is_err());
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn from_txt(public_txt: &str, secret_txt: &str) -> Result<Cert> {
        Ok(Cert::from_keys(
            &decode_key(public_txt, "public key")?,
            &decode_key(secret_txt, "secret key")?,
        ))
    }

    /// The public key, 32 bytes.
    ///
    /// ```
    /// assert_eq!(czmq::Cert::from_keys(&[7; 32], &[0; 32]).public_key(), &[7; 32]);
    /// ```
    pub fn public_key(&self) -> &[u8; KEY_SIZE] {
        &self.public_key
    }

    /// The secret key, 32 bytes (all zero for a certificate loaded from a
    /// public file).
    ///
    /// ```
    /// assert_eq!(czmq::Cert::from_keys(&[7; 32], &[9; 32]).secret_key(), &[9; 32]);
    /// ```
    pub fn secret_key(&self) -> &[u8; KEY_SIZE] {
        &self.secret_key
    }

    /// The public key as 40 Z85 characters.
    ///
    /// ```
    /// assert_eq!(czmq::Cert::from_keys(&[0; 32], &[0; 32]).public_txt().len(), 40);
    /// ```
    pub fn public_txt(&self) -> &str {
        self.public_txt.as_str()
    }

    /// The secret key as 40 Z85 characters.
    ///
    /// ```
    /// assert_eq!(czmq::Cert::from_keys(&[0; 32], &[0; 32]).secret_txt(), "0".repeat(40));
    /// ```
    pub fn secret_txt(&self) -> &str {
        self.secret_txt.as_str()
    }

    /// The public key's text as a C string (for the C face).
    #[doc(hidden)]
    pub fn public_c_str(&self) -> &CStr {
        self.public_txt.as_c_str()
    }

    /// The secret key's text as a C string (for the C face).
    #[doc(hidden)]
    pub fn secret_c_str(&self) -> &CStr {
        self.secret_txt.as_c_str()
    }

    /// Sets a metadata field, replacing any value it had. A value cannot
    /// hold a NUL character (C programs could not read it).
    ///
    /// ```
    /// let mut cert = czmq::Cert::from_keys(&[0; 32], &[0; 32]);
    /// cert.set_meta("email", "ph@imatix.com")?;
    /// cert.set_meta("email", "someone@example.com")?;
    /// assert_eq!(cert.meta("email"), Some("someone@example.com"));
    /// assert!(cert.set_meta("bad", "a\0b").is_err());
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn set_meta(&mut self, name: &str, value: &str) -> Result<()> {
        let value = CString::new(value)
            .map_err(|_| Error::InvalidArgument(format!("metadata {name}: value holds a NUL")))?;
        match self.meta.iter_mut().find(|(n, _)| n == name) {
            Some(slot) => slot.1 = value,
            None => self.meta.push((name.to_owned(), value)),
        }
        Ok(())
    }

    /// Removes a metadata field (nothing happens if it is not set).
    ///
    /// ```
    /// let mut cert = czmq::Cert::from_keys(&[0; 32], &[0; 32]);
    /// cert.set_meta("delete_me", "now")?;
    /// cert.unset_meta("delete_me");
    /// assert_eq!(cert.meta("delete_me"), None);
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn unset_meta(&mut self, name: &str) {
        self.meta.retain(|(n, _)| n != name);
    }

    /// A metadata field's value.
    ///
    /// ```
    /// let mut cert = czmq::Cert::from_keys(&[0; 32], &[0; 32]);
    /// cert.set_meta("version", "1")?;
    /// assert_eq!(cert.meta("version"), Some("1"));
    /// assert_eq!(cert.meta("missing"), None);
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn meta(&self, name: &str) -> Option<&str> {
        self.meta_c_str(name).and_then(|v| v.to_str().ok())
    }

    /// A metadata value as a C string (for the C face).
    #[doc(hidden)]
    pub fn meta_c_str(&self, name: &str) -> Option<&CStr> {
        self.meta
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_c_str())
    }

    /// The metadata field names, in the order they were first set.
    ///
    /// ```
    /// let mut cert = czmq::Cert::from_keys(&[0; 32], &[0; 32]);
    /// cert.set_meta("name", "Pieter")?;
    /// cert.set_meta("email", "ph@imatix.com")?;
    /// assert_eq!(cert.meta_keys().collect::<Vec<_>>(), ["name", "email"]);
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn meta_keys(&self) -> impl Iterator<Item = &str> + '_ {
        self.meta.iter().map(|(n, _)| n.as_str())
    }

    /// The metadata as (name, value) pairs, in the order they were set.
    ///
    /// ```
    /// let mut cert = czmq::Cert::from_keys(&[0; 32], &[0; 32]);
    /// cert.set_meta("Hello", "World!")?;
    /// assert_eq!(cert.metadata().collect::<Vec<_>>(), [("Hello", "World!")]);
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn metadata(&self) -> impl Iterator<Item = (&str, &str)> + '_ {
        self.meta
            .iter()
            .map(|(n, v)| (n.as_str(), v.to_str().unwrap_or_default()))
    }

    /// The ZPL tree of the certificate: CZMQ's comment header (`heading`
    /// lines after the generation stamp), a `metadata` section and a
    /// `curve` section with the public key and, if `with_secret`, the
    /// secret key.
    fn to_config(&self, heading: &[&str], with_secret: bool) -> Result<Config> {
        let mut root = Config::new("root");
        let stamp = format!(
            "   ****  Generated on {} by CZMQ  ****",
            crate::zclock::timestr()
        );
        root.set_comment(&stamp)?;
        for line in heading {
            root.set_comment(line)?;
        }
        let mut section = root.add_child("metadata")?;
        for (name, value) in self.metadata() {
            section.add_child(name)?.set_value(value)?;
        }
        root.put("curve/public-key", self.public_txt())?;
        if with_secret {
            root.put("curve/secret-key", self.secret_txt())?;
        }
        Ok(root)
    }

    /// The public certificate as ZPL text (what [`save_public`] writes).
    ///
    /// ```
    /// let cert = czmq::Cert::from_keys(&[0; 32], &[0; 32]);
    /// let text = cert.public_zpl()?;
    /// assert!(text.starts_with("#   ****  Generated on "));
    /// assert!(text.ends_with("metadata\ncurve\n    public-key = \"0000000000000000000000000000000000000000\"\n"));
    /// # Ok::<(), czmq::Error>(())
    /// ```
    ///
    /// [`save_public`]: Cert::save_public
    pub fn public_zpl(&self) -> Result<String> {
        Ok(self.to_config(PUBLIC_HEADING, false)?.to_string())
    }

    /// The secret certificate as ZPL text (what [`save_secret`] writes).
    ///
    /// ```
    /// let cert = czmq::Cert::from_keys(&[0; 32], &[0; 32]);
    /// assert!(cert.secret_zpl()?.contains("    secret-key = \""));
    /// # Ok::<(), czmq::Error>(())
    /// ```
    ///
    /// [`save_secret`]: Cert::save_secret
    pub fn secret_zpl(&self) -> Result<String> {
        Ok(self.to_config(SECRET_HEADING, true)?.to_string())
    }

    /// Saves the public certificate to `path` and the secret one to
    /// `path` + `_secret` (CZMQ's `zcert_save`).
    ///
    /// ```
    /// let dir = tempfile::tempdir().unwrap();
    /// let cert = czmq::Cert::from_keys(&[1; 32], &[2; 32]);
    /// cert.save(dir.path().join("mycert.txt"))?;
    /// assert!(dir.path().join("mycert.txt").exists());
    /// assert!(dir.path().join("mycert.txt_secret").exists());
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn save(&self, path: impl AsRef<Path>) -> Result<()> {
        let path = path.as_ref();
        self.save_public(path)?;
        self.save_secret(secret_path(path))
    }

    /// Saves the public certificate (metadata and public key) to `path`.
    ///
    /// ```
    /// let dir = tempfile::tempdir().unwrap();
    /// let path = dir.path().join("public.cert");
    /// czmq::Cert::from_keys(&[1; 32], &[2; 32]).save_public(&path)?;
    /// assert!(!std::fs::read_to_string(&path).unwrap().contains("secret-key"));
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn save_public(&self, path: impl AsRef<Path>) -> Result<()> {
        let text = self.public_zpl()?;
        fs::write(path, text).map_err(io_error)
    }

    /// Saves the secret certificate (metadata and both keys) to `path`,
    /// readable and writable by its owner only (mode 0600), as CZMQ does.
    ///
    /// ```
    /// use std::os::unix::fs::PermissionsExt;
    /// let dir = tempfile::tempdir().unwrap();
    /// let path = dir.path().join("secret.cert");
    /// czmq::Cert::from_keys(&[1; 32], &[2; 32]).save_secret(&path)?;
    /// let mode = std::fs::metadata(&path).unwrap().permissions().mode();
    /// assert_eq!(mode & 0o777, 0o600);
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn save_secret(&self, path: impl AsRef<Path>) -> Result<()> {
        let path = path.as_ref();
        let text = self.secret_zpl()?;
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(0o600)
            .open(path)
            .map_err(io_error)?;
        // A file that existed before keeps its mode on open: make it private
        // before the secret goes in.
        file.set_permissions(fs::Permissions::from_mode(0o600))
            .map_err(io_error)?;
        file.write_all(text.as_bytes()).map_err(io_error)?;
        file.flush().map_err(io_error)
    }

    /// Loads a certificate: `path` + `_secret` when that file exists (both
    /// keys), else `path` (the public key; the secret key is then zero).
    /// A missing file is [`Error::NoEntry`]; a file without a valid
    /// `curve/public-key` is [`Error::Context`] naming the file, whose
    /// [`root`](Error::root) is [`Error::Malformed`].
    ///
    /// ```
    /// let dir = tempfile::tempdir().unwrap();
    /// let path = dir.path().join("none");
    /// assert_eq!(czmq::Cert::load(&path).unwrap_err(), czmq::Error::NoEntry);
    /// std::fs::write(&path, "curve\n    public-key = \"short\"\n").unwrap();
    /// // What is wrong, in the context of which file (`source()` is the cause).
    /// let e = czmq::Cert::load(&path).unwrap_err();
    /// assert!(matches!(e.root(), czmq::Error::Malformed(_)));
    /// assert!(e.to_string().contains(&*path.to_string_lossy()));
    /// ```
    pub fn load(path: impl AsRef<Path>) -> Result<Cert> {
        let path = path.as_ref();
        // Only a missing secret file sends us to the public one: a secret
        // file that cannot be read or parsed is an error worth seeing.
        let config = match Config::load(secret_path(path)) {
            Err(Error::NoEntry) => Config::load(path)?,
            other => other?,
        };
        Cert::from_config(&config).map_err(|e| e.context(format!("certificate {}", path.display())))
    }

    /// A certificate from a parsed ZPL tree (`curve/public-key`, optional
    /// `curve/secret-key`, and `metadata/*`).
    ///
    /// ```
    /// let zero = "0".repeat(40);
    /// let text = format!("metadata\n    name = \"x\"\ncurve\n    public-key = \"{zero}\"\n");
    /// let cert = czmq::Cert::from_config(&czmq::Config::parse(&text)?)?;
    /// assert_eq!(cert.meta("name"), Some("x"));
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn from_config(config: &Config) -> Result<Cert> {
        let public = config
            .get("curve/public-key")
            .ok_or_else(|| Error::Malformed("no curve/public-key".into()))?;
        let public =
            decode_key(public, "curve/public-key").map_err(|e| Error::Malformed(e.to_string()))?;
        let secret = match config.get("curve/secret-key") {
            Some(text) => {
                decode_key(text, "curve/secret-key").map_err(|e| Error::Malformed(e.to_string()))?
            }
            None => [0; KEY_SIZE],
        };
        let mut cert = Cert::from_keys(&public, &secret);
        if let Some(section) = config.locate("metadata") {
            for item in section.children() {
                cert.set_meta(item.name(), item.value().unwrap_or_default())?;
            }
        }
        Ok(cert)
    }

    /// Uses the certificate for CURVE on a socket: sets its secret and
    /// public key (CZMQ's `zcert_apply`). A server also needs
    /// `set_curve_server(true)`, a client the server's public key.
    ///
    /// ```
    /// # if !czmq::has("curve") { return Ok(()); }
    /// let cert = czmq::Cert::new()?;
    /// let sock = czmq::Sock::new(czmq::SocketType::Dealer)?;
    /// cert.apply(&sock)?;
    /// assert_eq!(sock.as_socket().curve_publickey()?, cert.public_txt());
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn apply(&self, socket: &impl AsSocket) -> Result<()> {
        let socket = socket.as_socket();
        socket.set_curve_secretkey(&self.secret_key)?;
        socket.set_curve_publickey(&self.public_key)
    }

    /// Makes `socket` a CURVE server with this certificate: its keys, and
    /// the server role. Clients then need [`public_key`](Cert::public_key).
    ///
    /// ```
    /// # if !czmq::has("curve") { return Ok(()); }
    /// let cert = czmq::Cert::new()?;
    /// let server = czmq::Sock::new(czmq::SocketType::Router)?;
    /// cert.apply_server(&server)?;
    /// assert!(server.as_socket().curve_server()?);
    /// assert_eq!(server.as_socket().mechanism()?, 2); // ZMQ_CURVE
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn apply_server(&self, socket: &impl AsSocket) -> Result<()> {
        self.apply(socket)?;
        socket.as_socket().set_curve_server(true)
    }

    /// Makes `socket` a CURVE client with this certificate, of the server
    /// whose public key is `server_public_key` (32 bytes, or 40 Z85
    /// characters).
    ///
    /// ```
    /// # if !czmq::has("curve") { return Ok(()); }
    /// let server_cert = czmq::Cert::new()?;
    /// let client_cert = czmq::Cert::new()?;
    /// let client = czmq::Sock::new(czmq::SocketType::Dealer)?;
    /// client_cert.apply_client(&client, server_cert.public_key())?;
    /// assert_eq!(client.as_socket().curve_serverkey()?, server_cert.public_txt());
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn apply_client(&self, socket: &impl AsSocket, server_public_key: &[u8]) -> Result<()> {
        self.apply(socket)?;
        socket.as_socket().set_curve_serverkey(server_public_key)
    }

    /// Writes the certificate as CZMQ's `zcert_print` lists it (metadata,
    /// then both keys), one line each, to `writer`.
    ///
    /// ```
    /// let mut cert = czmq::Cert::from_keys(&[0; 32], &[0; 32]);
    /// cert.set_meta("name", "x")?;
    /// let mut out = Vec::new();
    /// cert.fprint(&mut out).unwrap();
    /// let text = String::from_utf8(out).unwrap();
    /// assert!(text.starts_with("zcert: metadata\nzcert:     name = \"x\"\nzcert: curve\n"));
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn fprint(&self, mut writer: impl io::Write) -> io::Result<()> {
        for line in self.print_lines() {
            writeln!(writer, "{line}")?;
        }
        Ok(())
    }

    /// Logs the certificate at info level, one line at a time, as CZMQ's
    /// `zcert_print` does through zsys_info.
    ///
    /// ```
    /// czmq::Cert::from_keys(&[0; 32], &[0; 32]).print();
    /// ```
    pub fn print(&self) {
        for line in self.print_lines() {
            log::info!(target: "czmq::zcert", "{line}");
        }
    }

    fn print_lines(&self) -> Vec<String> {
        let mut lines = vec!["zcert: metadata".to_string()];
        for (name, value) in self.metadata() {
            lines.push(format!("zcert:     {name} = \"{value}\""));
        }
        lines.push("zcert: curve".into());
        lines.push(format!("zcert:     public-key = \"{}\"", self.public_txt()));
        lines.push(format!("zcert:     secret-key = \"{}\"", self.secret_txt()));
        lines
    }
}

/// What CZMQ writes under the generation stamp of a public certificate.
const PUBLIC_HEADING: &[&str] = &[
    "   ZeroMQ CURVE Public Certificate",
    "   Exchange securely, or use a secure mechanism to verify the contents",
    "   of this file after exchange. Store public certificates in your home",
    "   directory, in the .curve subdirectory.",
];

/// What CZMQ writes under the generation stamp of a secret certificate.
const SECRET_HEADING: &[&str] = &[
    "   ZeroMQ CURVE **Secret** Certificate",
    "   DO NOT PROVIDE THIS FILE TO OTHER USERS nor change its permissions.",
];

/// `path` + `_secret`, the name of the secret half of a certificate.
fn secret_path(path: impl AsRef<Path>) -> PathBuf {
    let mut name = path.as_ref().as_os_str().to_owned();
    name.push("_secret");
    PathBuf::from(name)
}

fn io_error(e: io::Error) -> Error {
    Error::from(e)
}

impl PartialEq for Cert {
    fn eq(&self, other: &Cert) -> bool {
        self.public_key == other.public_key && self.secret_key == other.secret_key
    }
}

impl Eq for Cert {}

impl fmt::Debug for Cert {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Cert")
            .field("public_txt", &self.public_txt())
            .field("meta", &self.metadata().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zpl_layout_matches_czmq() {
        let mut cert = Cert::from_keys(&[0; 32], &[0; 32]);
        cert.set_meta("name", "John Doe").unwrap();
        let text = cert.secret_zpl().unwrap();
        let body = text.split_once("\n\n").unwrap().1;
        let zero = "0".repeat(40);
        assert_eq!(
            body,
            format!(
                "metadata\n    name = \"John Doe\"\ncurve\n    public-key = \"{zero}\"\n    secret-key = \"{zero}\"\n"
            )
        );
        let header: Vec<&str> = text.split_once("\n\n").unwrap().0.lines().collect();
        assert_eq!(header.len(), 3);
        assert!(header[1].starts_with("#   ZeroMQ CURVE **Secret** Certificate"));
    }

    #[test]
    fn secret_key_of_bad_length_is_malformed() {
        let zero = "0".repeat(40);
        let text = format!("curve\n    public-key = \"{zero}\"\n    secret-key = \"abc\"\n");
        let config = Config::parse(&text).unwrap();
        assert!(matches!(
            Cert::from_config(&config),
            Err(Error::Malformed(_))
        ));
    }
}
