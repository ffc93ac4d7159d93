//! CZMQ's packed dictionary (zhash_pack, zhashx_pack), the `dictionary`
//! type of ZeroMQ RFC 35 (FILEMQ) and zproto:
//!
//! ```text
//! dictionary = count:4 *( name-length:1 name value-length:4 value )
//! ```
//!
//! numbers unsigned, in network byte order. Names and values are C strings
//! on both ends, so bytes from a NUL on are what C would not see.

/// Packs `(name, value)` pairs; `None` if a name is longer than 255
/// bytes (its length is one octet) or there are more than 2^32 - 1 pairs (CZMQ would write a
/// corrupt frame instead).
pub(crate) fn encode<'a>(pairs: impl IntoIterator<Item = (&'a [u8], &'a [u8])>) -> Option<Vec<u8>> {
    let mut out = vec![0u8; 4];
    let mut count: u32 = 0;
    for (name, value) in pairs {
        let name_len = u8::try_from(name.len()).ok()?;
        let value_len = u32::try_from(value.len()).ok()?;
        count = count.checked_add(1)?;
        out.push(name_len);
        out.extend_from_slice(name);
        out.extend_from_slice(&value_len.to_be_bytes());
        out.extend_from_slice(value);
    }
    out[..4].copy_from_slice(&count.to_be_bytes());
    Some(out)
}

/// A (name, value) pair borrowed from packed bytes.
pub(crate) type Pair<'a> = (&'a [u8], &'a [u8]);

/// Why a packed dictionary was refused.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Malformed;

/// Unpacks a dictionary: its `count` pairs, each truncated at a NUL as C
/// would read them. Fewer than 4 bytes is an empty dictionary (as CZMQ);
/// a pair cut short by the end of the data is [`Malformed`] (CZMQ keeps
/// the pairs before it); bytes after the last pair are ignored.
pub(crate) fn decode(data: &[u8]) -> Result<Vec<Pair<'_>>, Malformed> {
    let Some((count, mut rest)) = split_u32(data) else {
        return Ok(Vec::new());
    };
    // Each pair takes at least 5 bytes: never trust `count` for capacity.
    let mut pairs = Vec::with_capacity((count as usize).min(rest.len() / 5));
    for _ in 0..count {
        let (&name_len, after) = rest.split_first().ok_or(Malformed)?;
        let (name, after) = split_at(after, usize::from(name_len))?;
        let (value_len, after) = split_u32(after).ok_or(Malformed)?;
        let (value, after) = split_at(after, value_len as usize)?;
        pairs.push((until_nul(name), until_nul(value)));
        rest = after;
    }
    Ok(pairs)
}

fn split_u32(data: &[u8]) -> Option<(u32, &[u8])> {
    let (head, rest) = data.split_first_chunk::<4>()?;
    Some((u32::from_be_bytes(*head), rest))
}

fn split_at(data: &[u8], len: usize) -> Result<(&[u8], &[u8]), Malformed> {
    if len > data.len() {
        return Err(Malformed);
    }
    Ok(data.split_at(len))
}

/// The bytes a C string made from `bytes` would hold.
pub(crate) fn until_nul(bytes: &[u8]) -> &[u8] {
    bytes
        .iter()
        .position(|&b| b == 0)
        .map_or(bytes, |end| &bytes[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let pairs: Vec<(&[u8], &[u8])> = vec![(b"key", b"value"), (b"", b""), (b"k2", b"v2")];
        let packed = encode(pairs.iter().copied()).unwrap();
        assert_eq!(&packed[..4], &[0, 0, 0, 3]);
        assert_eq!(&packed[4..13], b"\x03key\x00\x00\x00\x05v");
        assert_eq!(decode(&packed).unwrap(), pairs);
    }

    #[test]
    fn short_and_truncated_input() {
        assert_eq!(decode(b"").unwrap(), vec![]);
        assert_eq!(decode(b"\0\0\0").unwrap(), vec![]);
        assert_eq!(decode(b"\0\0\0\x01"), Err(Malformed));
        assert_eq!(decode(b"\0\0\0\x01\x05ab"), Err(Malformed));
        assert_eq!(decode(b"\0\0\0\x01\x01a\0\0\0\x09xy"), Err(Malformed));
        assert_eq!(decode(b"\xff\xff\xff\xff"), Err(Malformed));
    }

    #[test]
    fn long_names_are_refused() {
        let name = [b'n'; 256];
        assert!(encode([(&name[..], &b"v"[..])]).is_none());
        assert!(encode([(&name[..255], &b"v"[..])]).is_some());
    }

    #[test]
    fn nul_truncates_like_c() {
        let packed = encode([(&b"a\0b"[..], &b"x\0y"[..])]).unwrap();
        assert_eq!(decode(&packed).unwrap(), vec![(&b"a"[..], &b"x"[..])]);
    }
}
