//! Armoured text, as CZMQ's zarmour: binary data as printable text in one
//! of RFC 4648's codings (Base64, Base64url, Base32, Base32hex, Base16) or
//! Z85 (ZeroMQ RFC 32), with CZMQ's options: padding on or off, the pad
//! character, and line breaks every so many characters.
//!
//! Base64 is the `base64` crate's, with CZMQ's options laid over it (the
//! crate pads with `=` only, so padding is added here; on decoding the
//! crate is told to ignore trailing bits, as CZMQ does). Base32 and Base16
//! are the few lines below (no well-kept crate this project already uses
//! offers Base32 with a free pad character), and Z85 is [`crate::z85_encode`].
//!
//! ```
//! use czmq::{Armour, ArmourMode};
//! let mut armour = Armour::new();
//! assert_eq!(armour.encode(b"foobar")?, "Zm9vYmFy");
//! armour.set_mode(ArmourMode::Base32Std);
//! assert_eq!(armour.encode(b"f")?, "MY======");
//! assert_eq!(armour.decode("my======")?, b"f");
//! # Ok::<(), czmq::Error>(())
//! ```

use base64::Engine;
use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};

use crate::error::{Error, Result};

/// The line end written between lines when line breaks are on (CZMQ's,
/// which cannot be changed).
const LINE_END: &str = "\n";

/// An armouring (CZMQ's `ZARMOUR_MODE_*`, with the same numbers).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(i32)]
pub enum ArmourMode {
    /// Standard Base64 (RFC 4648 §4), CZMQ's default.
    Base64Std = 0,
    /// URL- and filename-safe Base64 (RFC 4648 §5).
    Base64Url = 1,
    /// Standard Base32 (RFC 4648 §6).
    Base32Std = 2,
    /// Base32 with the extended hex alphabet (RFC 4648 §7).
    Base32Hex = 3,
    /// Base16, upper-case hex (RFC 4648 §8).
    Base16 = 4,
    /// Z85 (ZeroMQ RFC 32): 4-byte groups only, no padding or line breaks.
    Z85 = 5,
}

impl ArmourMode {
    /// Every mode, in number order.
    pub const ALL: [ArmourMode; 6] = [
        ArmourMode::Base64Std,
        ArmourMode::Base64Url,
        ArmourMode::Base32Std,
        ArmourMode::Base32Hex,
        ArmourMode::Base16,
        ArmourMode::Z85,
    ];

    /// The mode with CZMQ's number, if there is one.
    ///
    /// ```
    /// use czmq::ArmourMode;
    /// assert_eq!(ArmourMode::from_raw(5), Some(ArmourMode::Z85));
    /// assert_eq!(ArmourMode::from_raw(6), None);
    /// ```
    pub fn from_raw(mode: i32) -> Option<ArmourMode> {
        ArmourMode::ALL.get(usize::try_from(mode).ok()?).copied()
    }

    /// CZMQ's number for the mode.
    ///
    /// ```
    /// assert_eq!(czmq::ArmourMode::Base16.raw(), 4);
    /// ```
    pub fn raw(self) -> i32 {
        self as i32
    }

    /// CZMQ's name of the mode (`zarmour_mode_str`).
    ///
    /// ```
    /// assert_eq!(czmq::ArmourMode::Base32Hex.name(), "base32hex");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            ArmourMode::Base64Std => "base64",
            ArmourMode::Base64Url => "base64url",
            ArmourMode::Base32Std => "base32",
            ArmourMode::Base32Hex => "base32hex",
            ArmourMode::Base16 => "base16",
            ArmourMode::Z85 => "z85",
        }
    }

    /// The alphabet of the mode, in digit order.
    fn alphabet(self) -> &'static [u8] {
        match self {
            ArmourMode::Base64Std => {
                b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
            }
            ArmourMode::Base64Url => {
                b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
            }
            ArmourMode::Base32Std => b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567",
            ArmourMode::Base32Hex => b"0123456789ABCDEFGHIJKLMNOPQRSTUV",
            ArmourMode::Base16 => b"0123456789ABCDEF",
            ArmourMode::Z85 => {
                b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#"
            }
        }
    }

    /// Whether decoding ignores case (Base32 and Base16, as CZMQ).
    fn case_insensitive(self) -> bool {
        matches!(
            self,
            ArmourMode::Base32Std | ArmourMode::Base32Hex | ArmourMode::Base16
        )
    }
}

/// An armouring with its options (CZMQ's zarmour_t). The defaults are
/// CZMQ's: Base64, padded with `=`, no line breaks, 72-character lines.
///
/// ```
/// use czmq::{Armour, ArmourMode};
/// let mut armour = Armour::new();
/// armour.set_mode(ArmourMode::Base16);
/// armour.set_line_breaks(true);
/// armour.set_line_length(4);
/// assert_eq!(armour.encode(b"\x01\x02\x03")?, "0102\n03");
/// assert_eq!(armour.decode("0102\n03")?, [1, 2, 3]);
/// # Ok::<(), czmq::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Armour {
    mode: ArmourMode,
    pad: bool,
    pad_char: u8,
    line_breaks: bool,
    line_length: usize,
}

impl Default for Armour {
    fn default() -> Armour {
        Armour::new()
    }
}

impl Armour {
    /// CZMQ's defaults: Base64, padding with `=`, no line breaks, lines of
    /// 72 characters when they are turned on.
    ///
    /// ```
    /// let armour = czmq::Armour::new();
    /// assert_eq!(armour.mode(), czmq::ArmourMode::Base64Std);
    /// assert!(armour.pad() && !armour.line_breaks());
    /// assert_eq!((armour.pad_char(), armour.line_length()), (b'=', 72));
    /// ```
    pub fn new() -> Armour {
        Armour {
            mode: ArmourMode::Base64Std,
            pad: true,
            pad_char: b'=',
            line_breaks: false,
            line_length: 72,
        }
    }

    /// The armouring.
    ///
    /// ```
    /// assert_eq!(czmq::Armour::new().mode().name(), "base64");
    /// ```
    pub fn mode(&self) -> ArmourMode {
        self.mode
    }

    /// Chooses the armouring.
    ///
    /// ```
    /// let mut armour = czmq::Armour::new();
    /// armour.set_mode(czmq::ArmourMode::Z85);
    /// assert_eq!(armour.encode(&[0x86, 0x4F, 0xD2, 0x6F])?, "Hello");
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn set_mode(&mut self, mode: ArmourMode) {
        self.mode = mode;
    }

    /// Whether Base64 and Base32 output is padded to whole groups.
    ///
    /// ```
    /// assert!(czmq::Armour::new().pad());
    /// ```
    pub fn pad(&self) -> bool {
        self.pad
    }

    /// Turns padding on or off (Base64 and Base32 only, as CZMQ).
    ///
    /// ```
    /// let mut armour = czmq::Armour::new();
    /// armour.set_pad(false);
    /// assert_eq!(armour.encode(b"f")?, "Zg");
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn set_pad(&mut self, pad: bool) {
        self.pad = pad;
    }

    /// The pad character (a byte, as C's `char`).
    ///
    /// ```
    /// assert_eq!(czmq::Armour::new().pad_char(), b'=');
    /// ```
    pub fn pad_char(&self) -> u8 {
        self.pad_char
    }

    /// Sets the pad character. It must be ASCII and outside the mode's
    /// alphabet to decode again; a non-ASCII byte is refused with
    /// [`Error::InvalidArgument`] (the text would not be UTF-8).
    ///
    /// ```
    /// let mut armour = czmq::Armour::new();
    /// armour.set_pad_char(b'!')?;
    /// assert_eq!(armour.encode(b"f")?, "Zg!!");
    /// assert_eq!(armour.decode("Zg!!")?, b"f");
    /// assert!(armour.set_pad_char(0xA7).is_err());
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn set_pad_char(&mut self, pad_char: u8) -> Result<()> {
        if !pad_char.is_ascii() || pad_char == 0 {
            return Err(Error::InvalidArgument(format!(
                "the pad character must be ASCII and not NUL, got {pad_char:#04x}"
            )));
        }
        self.pad_char = pad_char;
        Ok(())
    }

    /// Whether the output is broken into lines.
    ///
    /// ```
    /// assert!(!czmq::Armour::new().line_breaks());
    /// ```
    pub fn line_breaks(&self) -> bool {
        self.line_breaks
    }

    /// Turns line breaks on or off (never applied to Z85, as CZMQ).
    ///
    /// ```
    /// let mut armour = czmq::Armour::new();
    /// armour.set_line_breaks(true);
    /// armour.set_line_length(4);
    /// assert_eq!(armour.encode(b"foobar")?, "Zm9v\nYmFy");
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn set_line_breaks(&mut self, line_breaks: bool) {
        self.line_breaks = line_breaks;
    }

    /// Characters per line when line breaks are on.
    ///
    /// ```
    /// assert_eq!(czmq::Armour::new().line_length(), 72);
    /// ```
    pub fn line_length(&self) -> usize {
        self.line_length
    }

    /// Sets the characters per line (0 means no line breaks).
    ///
    /// ```
    /// let mut armour = czmq::Armour::new();
    /// armour.set_line_length(64);
    /// assert_eq!(armour.line_length(), 64);
    /// ```
    pub fn set_line_length(&mut self, line_length: usize) {
        self.line_length = line_length;
    }

    /// Armours bytes. Z85 takes whole 4-byte groups only: other lengths are
    /// [`Error::InvalidArgument`] (CZMQ asserts).
    ///
    /// ```
    /// let mut armour = czmq::Armour::new();
    /// armour.set_mode(czmq::ArmourMode::Base32Hex);
    /// assert_eq!(armour.encode(b"foobar")?, "CPNMUOJ1E8======");
    /// armour.set_mode(czmq::ArmourMode::Z85);
    /// assert!(armour.encode(b"foo").is_err());
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn encode(&self, data: &[u8]) -> Result<String> {
        let pad = self.pad.then_some(char::from(self.pad_char));
        let text = match self.mode {
            ArmourMode::Base64Std | ArmourMode::Base64Url => {
                let mut text = base64_engine(self.mode).encode(data);
                if let Some(pad) = pad {
                    let groups = text.len().div_ceil(4);
                    text.extend(std::iter::repeat_n(pad, groups * 4 - text.len()));
                }
                text
            }
            ArmourMode::Base32Std | ArmourMode::Base32Hex => {
                base32_encode(data, self.mode.alphabet(), pad)
            }
            ArmourMode::Base16 => crate::digest::upper_hex(data),
            ArmourMode::Z85 => return crate::z85_encode(data),
        };
        Ok(if self.line_breaks && self.line_length > 0 {
            break_lines(&text, self.line_length)
        } else {
            text
        })
    }

    /// Takes the armour off. As CZMQ: line ends are skipped, Base32 and
    /// Base16 take either case, and trailing pad characters (the pad
    /// character or `=`) are optional. Unlike CZMQ, which skips any
    /// character outside the alphabet, only white space is skipped: other
    /// characters, and text that ends part way into a byte, are
    /// [`Error::Malformed`]. Z85 text is decoded as it is (5-character
    /// groups of RFC 32's alphabet).
    ///
    /// ```
    /// let armour = czmq::Armour::new();
    /// assert_eq!(armour.decode("Zm9v\nYmFy")?, b"foobar");
    /// assert!(armour.decode("Zm9v*").is_err());
    /// assert!(armour.decode("Zm9vY").is_err()); // 6 bits are not a byte
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn decode(&self, text: &str) -> Result<Vec<u8>> {
        if self.mode == ArmourMode::Z85 {
            return crate::z85_decode(text);
        }
        let mut digits: Vec<u8> = text.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
        while digits
            .last()
            .is_some_and(|&b| b == self.pad_char || b == b'=')
        {
            digits.pop();
        }
        if self.mode.case_insensitive() {
            digits.make_ascii_uppercase();
        }
        let alphabet = self.mode.alphabet();
        if let Some(bad) = digits.iter().find(|b| !alphabet.contains(b)) {
            return Err(Error::Malformed(format!(
                "{:?} is not a {} digit",
                char::from(*bad),
                self.mode.name()
            )));
        }
        match self.mode {
            ArmourMode::Base64Std | ArmourMode::Base64Url => base64_engine(self.mode)
                .decode(&digits)
                .map_err(|e| Error::Decode {
                    what: self.mode.name().to_string(),
                    source: crate::Cause::new(e),
                }),
            ArmourMode::Base32Std | ArmourMode::Base32Hex => base32_decode(&digits, alphabet),
            _ => base16_decode(&digits),
        }
    }
}

/// The base64 crate's engine for a Base64 mode: never pads (padding is
/// ours), refuses padding on input (it was stripped) and, as CZMQ, ignores
/// the unused low bits of the last digit.
fn base64_engine(mode: ArmourMode) -> GeneralPurpose {
    let alphabet = if mode == ArmourMode::Base64Url {
        &alphabet::URL_SAFE
    } else {
        &alphabet::STANDARD
    };
    GeneralPurpose::new(
        alphabet,
        GeneralPurposeConfig::new()
            .with_encode_padding(false)
            .with_decode_padding_mode(DecodePaddingMode::RequireNone)
            .with_decode_allow_trailing_bits(true),
    )
}

/// Base32: every 5 bits a digit, the last one filled with zero bits, then
/// pad characters to a whole 8-digit group when `pad` is set.
fn base32_encode(data: &[u8], alphabet: &[u8], pad: Option<char>) -> String {
    let mut text = String::with_capacity(data.len().div_ceil(5) * 8);
    let (mut bits, mut count) = (0u32, 0u32);
    for &byte in data {
        bits = (bits << 8) | u32::from(byte);
        count += 8;
        while count >= 5 {
            count -= 5;
            text.push(char::from(alphabet[((bits >> count) & 31) as usize]));
        }
    }
    if count > 0 {
        text.push(char::from(alphabet[((bits << (5 - count)) & 31) as usize]));
    }
    if let Some(pad) = pad {
        let groups = text.len().div_ceil(8);
        text.extend(std::iter::repeat_n(pad, groups * 8 - text.len()));
    }
    text
}

/// Decodes Base32 digits (already checked to be in `alphabet`, padding
/// removed). A last group of 1, 3 or 6 digits cannot come from whole bytes.
fn base32_decode(digits: &[u8], alphabet: &[u8]) -> Result<Vec<u8>> {
    if matches!(digits.len() % 8, 1 | 3 | 6) {
        return Err(Error::Malformed(format!(
            "base32: {} digits do not end on a byte",
            digits.len()
        )));
    }
    let mut bytes = Vec::with_capacity(digits.len() * 5 / 8);
    let (mut bits, mut count) = (0u32, 0u32);
    for digit in digits {
        let value = alphabet.iter().position(|a| a == digit).unwrap_or(0) as u32;
        bits = ((bits << 5) | value) & 0xFFFF;
        count += 5;
        if count >= 8 {
            count -= 8;
            bytes.push((bits >> count) as u8);
        }
    }
    Ok(bytes)
}

/// Decodes Base16 digits (upper case, checked); an odd count is malformed.
fn base16_decode(digits: &[u8]) -> Result<Vec<u8>> {
    if !digits.len().is_multiple_of(2) {
        return Err(Error::Malformed(format!(
            "base16: {} digits are not whole bytes",
            digits.len()
        )));
    }
    let value = |d: u8| if d <= b'9' { d - b'0' } else { d - b'A' + 10 };
    Ok(digits
        .chunks_exact(2)
        .map(|pair| value(pair[0]) << 4 | value(pair[1]))
        .collect())
}

/// Splits text into lines of `length` characters joined by the line end,
/// with none after the last line (CZMQ's rule). Armoured text is ASCII, so
/// characters are bytes.
fn break_lines(text: &str, length: usize) -> String {
    if text.len() <= length {
        return text.to_owned();
    }
    let lines: Vec<&str> = text
        .as_bytes()
        .chunks(length)
        .map(|line| std::str::from_utf8(line).unwrap_or_default())
        .collect();
    lines.join(LINE_END)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn armour(mode: ArmourMode, pad: bool) -> Armour {
        let mut armour = Armour::new();
        armour.set_mode(mode);
        armour.set_pad(pad);
        armour
    }

    #[test]
    fn rfc4648_vectors() {
        let cases: &[(ArmourMode, bool, &[&str])] = &[
            (
                ArmourMode::Base64Std,
                true,
                &[
                    "", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy",
                ],
            ),
            (
                ArmourMode::Base64Url,
                false,
                &["", "Zg", "Zm8", "Zm9v", "Zm9vYg", "Zm9vYmE", "Zm9vYmFy"],
            ),
            (
                ArmourMode::Base32Std,
                true,
                &[
                    "",
                    "MY======",
                    "MZXQ====",
                    "MZXW6===",
                    "MZXW6YQ=",
                    "MZXW6YTB",
                    "MZXW6YTBOI======",
                ],
            ),
            (
                ArmourMode::Base32Hex,
                false,
                &[
                    "",
                    "CO",
                    "CPNG",
                    "CPNMU",
                    "CPNMUOG",
                    "CPNMUOJ1",
                    "CPNMUOJ1E8",
                ],
            ),
            (
                ArmourMode::Base16,
                true,
                &[
                    "",
                    "66",
                    "666F",
                    "666F6F",
                    "666F6F62",
                    "666F6F6261",
                    "666F6F626172",
                ],
            ),
        ];
        for (mode, pad, expected) in cases {
            let armour = armour(*mode, *pad);
            for (n, text) in expected.iter().enumerate() {
                let data = &b"foobar"[..n];
                assert_eq!(armour.encode(data).unwrap(), *text, "{mode:?} {n}");
                assert_eq!(armour.decode(text).unwrap(), data, "{mode:?} {text}");
                if mode.case_insensitive() {
                    assert_eq!(armour.decode(&text.to_lowercase()).unwrap(), data);
                }
            }
        }
    }

    #[test]
    fn bad_residues() {
        assert!(armour(ArmourMode::Base32Std, true).decode("MZX").is_err());
        assert!(armour(ArmourMode::Base16, true).decode("666").is_err());
        assert!(armour(ArmourMode::Base64Std, true).decode("Z").is_err());
        assert!(armour(ArmourMode::Z85, true).decode("Hell").is_err());
    }
}
