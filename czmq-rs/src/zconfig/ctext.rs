//! [`CText`]: a string stored with a trailing NUL, so that the C face can
//! lend a node's name or value in place (CZMQ's `zconfig_name` and
//! `zconfig_value` return the node's own buffer, valid until it changes).

use std::ffi::CStr;

/// Text that is also a C string: UTF-8 without interior NUL, stored with
/// one trailing NUL that [`CText::as_str`] leaves out.
#[derive(Clone, PartialEq, Eq, Hash)]
pub(super) struct CText(String);

impl CText {
    /// Stores `text`, cut at its first NUL (a C string could not hold more).
    pub(super) fn new(text: &str) -> CText {
        let text = text.split('\0').next().unwrap_or("");
        let mut owned = String::with_capacity(text.len() + 1);
        owned.push_str(text);
        owned.push('\0');
        CText(owned)
    }

    /// The text, without the NUL.
    pub(super) fn as_str(&self) -> &str {
        self.0.strip_suffix('\0').unwrap_or(&self.0)
    }

    /// The text as a C string, borrowed from this value.
    pub(super) fn as_c_str(&self) -> &CStr {
        // `new` is the only constructor and it ends the buffer with the one
        // NUL it holds, so this never fails; "" would be the safe fallback.
        CStr::from_bytes_with_nul(self.0.as_bytes()).unwrap_or_default()
    }
}

impl std::fmt::Debug for CText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.as_str().fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_keeps_one_trailing_nul() {
        let t = CText::new("abc");
        assert_eq!(t.as_str(), "abc");
        assert_eq!(t.as_c_str().to_bytes(), b"abc");
        assert_eq!(CText::new("a\0b").as_str(), "a");
        assert_eq!(CText::new("").as_c_str().to_bytes(), b"");
    }
}
