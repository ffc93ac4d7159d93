//! CURVE keys: generate a key pair (`zmq_curve_keypair`) and derive a public
//! key from a secret one (`zmq_curve_public`). Keys travel as 40 Z85
//! characters, the form the `curve_*key` socket options and ZPL certificates use.
//!
//! ```
//! # if !czmq::has("curve") { return Ok(()); }
//! let pair = czmq::CurveKeyPair::new()?;
//! assert_eq!(pair.public_key().len(), 40);
//! assert_eq!(czmq::curve_public(pair.secret_key())?, pair.public_key());
//! # Ok::<(), czmq::Error>(())
//! ```

use std::ffi::{CStr, CString, c_char};
use std::fmt;

use zmq_sys_vendored as sys;

use crate::error::{Error, Result, check};
use crate::z85::z85_decode;

/// Length of a CURVE key as Z85 text.
const KEY_TEXT: usize = 40;
/// libzmq writes 40 characters and a NUL.
const KEY_BUF: usize = KEY_TEXT + 1;

/// A CURVE key pair. The secret key is never shown by `Debug`.
///
/// ```
/// # if !czmq::has("curve") { return Ok(()); }
/// use czmq::{Context, CurveKeyPair, SocketType};
/// let server_keys = CurveKeyPair::new()?;
/// let ctx = Context::new()?;
/// let server = ctx.socket(SocketType::Rep)?;
/// server.set_curve_server(true)?;
/// server.set_curve_secretkey(server_keys.secret_key().as_bytes())?;
/// assert_eq!(server_keys.public_bytes().len(), 32);
/// # Ok::<(), czmq::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct CurveKeyPair {
    public: String,
    secret: String,
}

impl CurveKeyPair {
    /// A fresh random key pair. [`Error::NotSupported`] when libzmq was built
    /// without CURVE (see [`crate::has`]).
    pub fn new() -> Result<CurveKeyPair> {
        let mut public = [0 as c_char; KEY_BUF];
        let mut secret = [0 as c_char; KEY_BUF];
        // SAFETY: both buffers hold the 41 bytes libzmq writes (40 + NUL).
        check(unsafe { sys::zmq_curve_keypair(public.as_mut_ptr(), secret.as_mut_ptr()) })?;
        Ok(CurveKeyPair {
            public: key_text(&public)?,
            secret: key_text(&secret)?,
        })
    }

    /// The pair that belongs to a secret key (40 Z85 characters).
    ///
    /// ```
    /// # if !czmq::has("curve") { return Ok(()); }
    /// let pair = czmq::CurveKeyPair::new()?;
    /// assert_eq!(czmq::CurveKeyPair::from_secret(pair.secret_key())?, pair);
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn from_secret(secret: &str) -> Result<CurveKeyPair> {
        Ok(CurveKeyPair {
            public: curve_public(secret)?,
            secret: secret.to_owned(),
        })
    }

    /// The public key as 40 Z85 characters.
    pub fn public_key(&self) -> &str {
        &self.public
    }

    /// The secret key as 40 Z85 characters.
    pub fn secret_key(&self) -> &str {
        &self.secret
    }

    /// The public key as 32 bytes.
    pub fn public_bytes(&self) -> [u8; 32] {
        key_bytes(&self.public)
    }

    /// The secret key as 32 bytes.
    pub fn secret_bytes(&self) -> [u8; 32] {
        key_bytes(&self.secret)
    }
}

impl fmt::Debug for CurveKeyPair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CurveKeyPair")
            .field("public", &self.public)
            .field("secret", &"<hidden>")
            .finish()
    }
}

/// The public key (40 Z85 characters) of a secret key given as 40 Z85
/// characters. A key of another length or with non-Z85 characters is
/// [`Error::InvalidArgument`]; [`Error::NotSupported`] without CURVE.
///
/// ```
/// assert!(czmq::curve_public("too short").is_err());
/// ```
pub fn curve_public(secret: &str) -> Result<String> {
    // libzmq decodes the secret into a 32-byte buffer without checking its
    // length, so anything but exactly 40 valid characters must stop here.
    if secret.len() != KEY_TEXT {
        return Err(Error::InvalidArgument(format!(
            "a CURVE secret key is {KEY_TEXT} Z85 characters, got {}",
            secret.len()
        )));
    }
    z85_decode(secret).map_err(|e| Error::InvalidArgument(e.to_string()))?;
    let secret = CString::new(secret)
        .map_err(|_| Error::InvalidArgument("a CURVE key has no NUL byte".into()))?;
    let mut public = [0 as c_char; KEY_BUF];
    // SAFETY: secret is 40 valid Z85 characters plus NUL (checked above), so
    // libzmq decodes exactly 32 bytes; public holds the 41 bytes it writes.
    check(unsafe { sys::zmq_curve_public(public.as_mut_ptr(), secret.as_ptr()) })?;
    key_text(&public)
}

/// The text libzmq wrote into a key buffer.
fn key_text(buf: &[c_char; KEY_BUF]) -> Result<String> {
    // Only trust the buffer if libzmq NUL-terminated it where it should.
    let bytes: Vec<u8> = buf.iter().map(|&c| c as u8).collect();
    let text = CStr::from_bytes_until_nul(&bytes)
        .map_err(|_| Error::Malformed("CURVE key without terminator".into()))?;
    let text = text
        .to_str()
        .map_err(|e| Error::invalid_utf8(text.to_bytes(), e))?;
    if text.len() != KEY_TEXT {
        return Err(Error::Malformed(format!(
            "CURVE key of {} characters",
            text.len()
        )));
    }
    Ok(text.to_owned())
}

/// The bytes of a key known to be 40 valid Z85 characters.
fn key_bytes(text: &str) -> [u8; 32] {
    let mut key = [0u8; 32];
    if let Ok(bytes) = z85_decode(text)
        && bytes.len() == 32
    {
        key.copy_from_slice(&bytes);
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::z85::z85_encode;

    fn curve() -> bool {
        crate::version::has("curve")
    }

    #[test]
    fn keypair_halves_are_40_z85_characters_and_differ() {
        if !curve() {
            assert_eq!(CurveKeyPair::new(), Err(Error::NotSupported));
            return;
        }
        let pair = CurveKeyPair::new().unwrap();
        assert_eq!(pair.public_key().len(), 40);
        assert_eq!(pair.secret_key().len(), 40);
        assert_ne!(pair.public_key(), pair.secret_key());
        assert_eq!(z85_encode(&pair.public_bytes()).unwrap(), pair.public_key());
        assert_eq!(z85_encode(&pair.secret_bytes()).unwrap(), pair.secret_key());
        assert_ne!(CurveKeyPair::new().unwrap(), pair, "keys are random");
    }

    #[test]
    fn curve_public_matches_the_generated_pair() {
        if !curve() {
            return;
        }
        for _ in 0..5 {
            let pair = CurveKeyPair::new().unwrap();
            assert_eq!(curve_public(pair.secret_key()).unwrap(), pair.public_key());
            assert_eq!(CurveKeyPair::from_secret(pair.secret_key()).unwrap(), pair);
        }
    }

    #[test]
    fn curve_public_of_a_known_secret() {
        if !curve() {
            return;
        }
        // The secret key of RFC 26's example, with its public key.
        assert_eq!(
            curve_public("D:)Q[IlAW!ahhC2ac:9*A}h:p?([4%wOTJ%JR%cs").unwrap(),
            "Yne@$w-vo<fVvi]a<NY6T1ed:M$fCG*[IaLV{hID"
        );
    }

    #[test]
    fn bad_secrets_are_refused_before_libzmq() {
        let long = "0".repeat(45);
        for bad in [
            "",
            "short",
            long.as_str(),
            "D:)Q[IlAW!ahhC2ac:9*A}h:p?([4%wOTJ%JR%c ",
        ] {
            assert!(
                matches!(curve_public(bad), Err(Error::InvalidArgument(_))),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn debug_hides_the_secret() {
        if !curve() {
            return;
        }
        let pair = CurveKeyPair::new().unwrap();
        let shown = format!("{pair:?}");
        assert!(shown.contains(pair.public_key()));
        assert!(!shown.contains(pair.secret_key()));
    }
}
