//! ZRE's field encodings (RFC 36): big-endian numbers, `string` (1-octet
//! length), `longstr` (4-octet length), `strings` (a counted list of
//! longstr) and `hash` (a counted list of string keys and longstr values).

use super::error::{DecodeError, EncodeError};

/// Reads fields off a header frame, refusing to read past its end.
pub(super) struct Reader<'a> {
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    pub(super) fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { rest: bytes }
    }

    fn take(&mut self, len: usize, field: &'static str) -> Result<&'a [u8], DecodeError> {
        if self.rest.len() < len {
            return Err(DecodeError::Truncated(field));
        }
        let (head, tail) = self.rest.split_at(len);
        self.rest = tail;
        Ok(head)
    }

    pub(super) fn u8(&mut self, field: &'static str) -> Result<u8, DecodeError> {
        Ok(self.take(1, field)?[0])
    }

    pub(super) fn u16(&mut self, field: &'static str) -> Result<u16, DecodeError> {
        let bytes = self.take(2, field)?;
        Ok(u16::from_be_bytes([bytes[0], bytes[1]]))
    }

    fn u32(&mut self, field: &'static str) -> Result<u32, DecodeError> {
        let bytes = self.take(4, field)?;
        Ok(u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]))
    }

    fn text(&mut self, len: usize, field: &'static str) -> Result<String, DecodeError> {
        let bytes = self.take(len, field)?;
        String::from_utf8(bytes.to_vec()).map_err(|_| DecodeError::NotUtf8(field))
    }

    pub(super) fn string(&mut self, field: &'static str) -> Result<String, DecodeError> {
        let len = self.u8(field)?;
        self.text(usize::from(len), field)
    }

    fn longstr(&mut self, field: &'static str) -> Result<String, DecodeError> {
        let len = self.u32(field)?;
        // A length beyond the frame is caught by `take` before any allocation.
        self.text(usize::try_from(len).unwrap_or(usize::MAX), field)
    }

    pub(super) fn strings(&mut self, field: &'static str) -> Result<Vec<String>, DecodeError> {
        let count = self.u32(field)?;
        // Each item takes at least 4 octets: cap the reservation by what the
        // frame can hold, so a hostile count cannot allocate much.
        let mut items = Vec::with_capacity(self.rest.len().min(count as usize) / 4);
        for _ in 0..count {
            items.push(self.longstr(field)?);
        }
        Ok(items)
    }

    pub(super) fn hash(
        &mut self,
        field: &'static str,
    ) -> Result<Vec<(String, String)>, DecodeError> {
        let count = self.u32(field)?;
        let mut pairs = Vec::with_capacity(self.rest.len().min(count as usize) / 5);
        for _ in 0..count {
            let key = self.string(field)?;
            let value = self.longstr(field)?;
            pairs.push((key, value));
        }
        Ok(pairs)
    }

    /// Ok when every byte was read.
    pub(super) fn finish(self) -> Result<(), DecodeError> {
        match self.rest.len() {
            0 => Ok(()),
            extra => Err(DecodeError::TrailingBytes(extra)),
        }
    }
}

/// Appends fields to a header frame.
pub(super) struct Writer {
    bytes: Vec<u8>,
}

impl Writer {
    pub(super) fn new() -> Writer {
        Writer {
            bytes: Vec::with_capacity(64),
        }
    }

    pub(super) fn u8(&mut self, value: u8) {
        self.bytes.push(value);
    }

    pub(super) fn u16(&mut self, value: u16) {
        self.bytes.extend_from_slice(&value.to_be_bytes());
    }

    fn count(&mut self, len: usize, field: &'static str) -> Result<(), EncodeError> {
        let max = u32::MAX as usize;
        let value = u32::try_from(len).map_err(|_| EncodeError::TooLong { field, len, max })?;
        self.bytes.extend_from_slice(&value.to_be_bytes());
        Ok(())
    }

    pub(super) fn string(&mut self, value: &str, field: &'static str) -> Result<(), EncodeError> {
        let len = value.len();
        let prefix = u8::try_from(len).map_err(|_| EncodeError::TooLong {
            field,
            len,
            max: 255,
        })?;
        self.bytes.push(prefix);
        self.bytes.extend_from_slice(value.as_bytes());
        Ok(())
    }

    fn longstr(&mut self, value: &str, field: &'static str) -> Result<(), EncodeError> {
        self.count(value.len(), field)?;
        self.bytes.extend_from_slice(value.as_bytes());
        Ok(())
    }

    pub(super) fn strings(
        &mut self,
        items: &[String],
        field: &'static str,
    ) -> Result<(), EncodeError> {
        self.count(items.len(), field)?;
        items.iter().try_for_each(|item| self.longstr(item, field))
    }

    pub(super) fn hash(
        &mut self,
        pairs: &[(String, String)],
        field: &'static str,
    ) -> Result<(), EncodeError> {
        self.count(pairs.len(), field)?;
        for (key, value) in pairs {
            self.string(key, field)?;
            self.longstr(value, field)?;
        }
        Ok(())
    }

    pub(super) fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }
}

/// A `hash` field alone, as CZMQ's `zhash_pack` writes a dictionary (the
/// headers frame of Zyre's ENTER event has this shape).
pub(crate) fn pack_hash(pairs: &[(String, String)]) -> Result<Vec<u8>, EncodeError> {
    let mut writer = Writer::new();
    writer.hash(pairs, "headers")?;
    Ok(writer.into_bytes())
}

/// Reads what [`pack_hash`] wrote; the whole frame must be one `hash`.
pub(crate) fn unpack_hash(bytes: &[u8]) -> Result<Vec<(String, String)>, DecodeError> {
    let mut reader = Reader::new(bytes);
    let pairs = reader.hash("headers")?;
    reader.finish()?;
    Ok(pairs)
}
