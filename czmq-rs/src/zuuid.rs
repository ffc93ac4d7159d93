//! UUIDs as CZMQ's zuuid: 16 bytes, printed as 32 upper-case hex digits
//! (CZMQ's and ZRE's form) or as the canonical lower-case dashed form.
//! Generation and canonical formatting are the `uuid` crate's.
//!
//! ```
//! let id = czmq::Uuid::new();
//! assert_eq!(id.str().len(), 32);
//! let same = czmq::Uuid::from_str_lenient(id.str_canonical())?;
//! assert_eq!(id, same);
//! # Ok::<(), czmq::Error>(())
//! ```

use std::ffi::CStr;

use crate::error::{Error, Result};

/// Bytes in a UUID (CZMQ's `ZUUID_LEN`).
pub const UUID_LEN: usize = 16;

/// Hex digits in [`Uuid::str`] (CZMQ's `ZUUID_STR_LEN`).
pub const UUID_STR_LEN: usize = UUID_LEN * 2;

/// A UUID with its two printed forms kept ready (CZMQ's zuuid_t), so that
/// the C face can lend them as C strings.
#[derive(Clone, Copy)]
pub struct Uuid {
    bytes: [u8; UUID_LEN],
    /// 32 upper-case hex digits and a NUL.
    text: [u8; UUID_STR_LEN + 1],
    /// 8-4-4-4-12 lower-case hex with dashes and a NUL.
    canonical: [u8; 37],
}

impl PartialEq for Uuid {
    fn eq(&self, other: &Uuid) -> bool {
        self.bytes == other.bytes
    }
}

impl Eq for Uuid {}

impl std::hash::Hash for Uuid {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.bytes.hash(state);
    }
}

impl std::fmt::Debug for Uuid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Uuid({})", self.str_canonical())
    }
}

impl std::fmt::Display for Uuid {
    /// The 32-digit form, as CZMQ prints it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.str())
    }
}

impl Default for Uuid {
    fn default() -> Uuid {
        Uuid::new()
    }
}

impl Uuid {
    /// A random (version 4) UUID.
    ///
    /// ```
    /// assert_ne!(czmq::Uuid::new(), czmq::Uuid::new());
    /// ```
    pub fn new() -> Uuid {
        Uuid::from_bytes(*uuid::Uuid::new_v4().as_bytes())
    }

    /// The UUID with these 16 bytes.
    ///
    /// ```
    /// let id = czmq::Uuid::from_bytes([0xAB; 16]);
    /// assert_eq!(id.str(), "ABABABABABABABABABABABABABABABAB");
    /// ```
    pub fn from_bytes(bytes: [u8; UUID_LEN]) -> Uuid {
        let mut id = Uuid {
            bytes,
            text: [0; UUID_STR_LEN + 1],
            canonical: [0; 37],
        };
        id.set(bytes);
        id
    }

    /// The UUID in the first 16 bytes of `bytes` (the C face's
    /// `zuuid_new_from`); [`Error::InvalidArgument`] if there are fewer.
    ///
    /// ```
    /// assert!(czmq::Uuid::from_slice(&[1; 16]).is_ok());
    /// assert!(czmq::Uuid::from_slice(&[1; 15]).is_err());
    /// ```
    pub fn from_slice(bytes: &[u8]) -> Result<Uuid> {
        let head = bytes.get(..UUID_LEN).ok_or_else(|| {
            Error::InvalidArgument(format!("a UUID has 16 bytes, got {}", bytes.len()))
        })?;
        let mut array = [0u8; UUID_LEN];
        array.copy_from_slice(head);
        Ok(Uuid::from_bytes(array))
    }

    /// Parses hex text as CZMQ's `zuuid_set_str` does: dashes and braces
    /// anywhere are skipped, upper and lower case are accepted. Unlike
    /// CZMQ (which takes fewer digits and leaves a half-set UUID behind),
    /// exactly 32 hex digits must remain.
    ///
    /// ```
    /// use czmq::Uuid;
    /// let a = Uuid::from_str_lenient("8CB3E9A9649B4BEF8DE225E9C2CEBB38")?;
    /// let b = Uuid::from_str_lenient("{8cb3e9a9-649b-4bef-8de2-25e9c2cebb38}")?;
    /// assert_eq!(a, b);
    /// assert!(Uuid::from_str_lenient("8CB3E9A9649B4BEF8DE225E9C2CEBB3838").is_err());
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn from_str_lenient(text: &str) -> Result<Uuid> {
        let digits: String = text
            .chars()
            .filter(|c| !matches!(c, '-' | '{' | '}'))
            .collect();
        // The uuid crate's parser takes the 32-digit "simple" form; anything
        // else (wrong length, a non-hex digit) is an error there too.
        if digits.len() != UUID_STR_LEN {
            return Err(Error::Malformed(format!(
                "a UUID has 32 hex digits, got {:?}",
                text
            )));
        }
        let parsed = uuid::Uuid::try_parse(&digits).map_err(|e| Error::Decode {
            what: format!("UUID {text:?}"),
            source: crate::Cause::new(e),
        })?;
        Ok(Uuid::from_bytes(*parsed.as_bytes()))
    }

    /// Sets the UUID to these bytes.
    ///
    /// ```
    /// let mut id = czmq::Uuid::new();
    /// id.set([0; 16]);
    /// assert_eq!(id.str(), "00000000000000000000000000000000");
    /// ```
    pub fn set(&mut self, bytes: [u8; UUID_LEN]) {
        self.bytes = bytes;
        let id = uuid::Uuid::from_bytes(bytes);
        id.simple().encode_upper(&mut self.text[..UUID_STR_LEN]);
        self.text[UUID_STR_LEN] = 0;
        id.hyphenated().encode_lower(&mut self.canonical[..36]);
        self.canonical[36] = 0;
    }

    /// Sets the UUID from text, as [`from_str_lenient`](Uuid::from_str_lenient);
    /// on error the UUID is unchanged.
    ///
    /// ```
    /// let mut id = czmq::Uuid::new();
    /// id.set_str("8CB3E9A9-649B-4BEF-8DE2-25E9C2CEBB38")?;
    /// assert_eq!(id.str(), "8CB3E9A9649B4BEF8DE225E9C2CEBB38");
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn set_str(&mut self, text: &str) -> Result<()> {
        *self = Uuid::from_str_lenient(text)?;
        Ok(())
    }

    /// The 16 bytes.
    ///
    /// ```
    /// assert_eq!(czmq::Uuid::from_bytes([7; 16]).data(), &[7; 16]);
    /// ```
    pub fn data(&self) -> &[u8; UUID_LEN] {
        &self.bytes
    }

    /// Bytes in a UUID: always 16.
    ///
    /// ```
    /// assert_eq!(czmq::Uuid::new().size(), 16);
    /// ```
    pub fn size(&self) -> usize {
        UUID_LEN
    }

    /// 32 upper-case hex digits, no dashes (CZMQ's `zuuid_str`).
    ///
    /// ```
    /// assert_eq!(czmq::Uuid::from_bytes([0x0F; 16]).str().len(), 32);
    /// ```
    pub fn str(&self) -> &str {
        // Only ASCII hex digits are ever written there.
        std::str::from_utf8(&self.text[..UUID_STR_LEN]).unwrap_or_default()
    }

    /// The canonical form, lower case with dashes: 8-4-4-4-12.
    ///
    /// ```
    /// let id = czmq::Uuid::from_str_lenient("8CB3E9A9649B4BEF8DE225E9C2CEBB38")?;
    /// assert_eq!(id.str_canonical(), "8cb3e9a9-649b-4bef-8de2-25e9c2cebb38");
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn str_canonical(&self) -> &str {
        std::str::from_utf8(&self.canonical[..36]).unwrap_or_default()
    }

    /// [`str`](Uuid::str) as a C string (for the C face).
    ///
    /// ```
    /// assert_eq!(czmq::Uuid::new().c_str().to_bytes().len(), 32);
    /// ```
    pub fn c_str(&self) -> &CStr {
        CStr::from_bytes_until_nul(&self.text).unwrap_or_default()
    }

    /// [`str_canonical`](Uuid::str_canonical) as a C string (for the C face).
    ///
    /// ```
    /// assert_eq!(czmq::Uuid::new().c_str_canonical().to_bytes().len(), 36);
    /// ```
    pub fn c_str_canonical(&self) -> &CStr {
        CStr::from_bytes_until_nul(&self.canonical).unwrap_or_default()
    }

    /// Copies the 16 bytes into the start of `target` (CZMQ's
    /// `zuuid_export`); [`Error::InvalidArgument`] if it is shorter.
    ///
    /// ```
    /// let id = czmq::Uuid::new();
    /// let mut buffer = [0u8; 16];
    /// id.export(&mut buffer)?;
    /// assert!(id.eq_bytes(&buffer));
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn export(&self, target: &mut [u8]) -> Result<()> {
        let len = target.len();
        let head = target
            .get_mut(..UUID_LEN)
            .ok_or_else(|| Error::InvalidArgument(format!("a UUID needs 16 bytes, got {len}")))?;
        head.copy_from_slice(&self.bytes);
        Ok(())
    }

    /// Whether the UUID equals these bytes (CZMQ's `zuuid_eq`; a slice of
    /// other than 16 bytes is never equal).
    ///
    /// ```
    /// let id = czmq::Uuid::from_bytes([3; 16]);
    /// assert!(id.eq_bytes(&[3; 16]) && !id.eq_bytes(&[4; 16]));
    /// ```
    pub fn eq_bytes(&self, bytes: &[u8]) -> bool {
        bytes == self.bytes
    }

    /// The UUID in the form other Rust code expects.
    ///
    /// ```
    /// let id = czmq::Uuid::new();
    /// assert_eq!(id.as_uuid().as_bytes(), id.data());
    /// ```
    pub fn as_uuid(&self) -> uuid::Uuid {
        uuid::Uuid::from_bytes(self.bytes)
    }
}

impl From<uuid::Uuid> for Uuid {
    /// ```
    /// let id = czmq::Uuid::new();
    /// assert_eq!(czmq::Uuid::from(id.as_uuid()), id);
    /// ```
    fn from(id: uuid::Uuid) -> Uuid {
        Uuid::from_bytes(*id.as_bytes())
    }
}

impl std::str::FromStr for Uuid {
    type Err = Error;

    /// As [`Uuid::from_str_lenient`].
    fn from_str(text: &str) -> Result<Uuid> {
        Uuid::from_str_lenient(text)
    }
}
