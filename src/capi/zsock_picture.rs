//! The non-variadic half of zsock_send/zsock_recv (text pictures) and
//! zsock_bsend/zsock_brecv (binary pictures): src/shim/zsock.c walks the
//! va_list into an array of tagged arguments or output slots and calls
//! these; the codec itself is [`czmq::picture`].
//!
//! zchunk_t, zuuid_t and zhashx_t arrive here as bytes (the shim reads
//! them through their C functions) and leave as bytes the shim turns back
//! into objects, so this file depends on no other class but zframe/zmsg.

use std::ffi::{c_char, c_int, c_void, CStr, CString};

use czmq::picture::{self, Arg, Value};
use czmq::{Frame, Msg};

use super::ffi::{self, boxed, guard, malloc_bytes, socket_of};

/// One argument as the shim passes it (`czmq_rs_picture_arg_t`).
#[repr(C)]
pub struct PictureArg {
    /// The picture character.
    kind: c_char,
    /// Numbers (i 1 2 4 8 u) and pointers (p, as uintptr_t).
    number: u64,
    /// s S b c U u h: the bytes; f: a zframe_t; m: a zmsg_t (or NULL).
    data: *const c_void,
    /// The length of `data` for the byte kinds.
    size: usize,
}

/// One output slot (`czmq_rs_picture_out_t`), filled in picture order.
#[repr(C)]
pub struct PictureOut {
    /// Numbers and pointers.
    number: u64,
    /// s S b c U u: bytes from malloc (NUL-terminated; `s` of a binary
    /// picture is held by the socket instead, see zsock_brecv), f h: a new
    /// zframe_t, m: a new zmsg_t; NULL when the message had nothing for it.
    data: *mut c_void,
    /// The length of the bytes.
    size: usize,
}

/// The bytes of an argument.
///
/// # Safety
/// `data` is NULL or `size` readable bytes living as long as `'a`.
unsafe fn bytes<'a>(data: *const c_void, size: usize) -> &'a [u8] {
    if data.is_null() || size == 0 {
        return &[];
    }
    // SAFETY: This function's caller guarantees that `data` is NULL or points to `size`
    // readable bytes that outlive this call (CZMQ's (data, size) contract); the slice is copied
    // or used before returning.
    unsafe { std::slice::from_raw_parts(data as *const u8, size) }
}

/// Turns the shim's arguments into the codec's.
///
/// # Safety
/// Each argument's `data` is as [`PictureArg`] says, live for `'a`.
unsafe fn args_of<'a>(raw: &'a [PictureArg], empty: &'a Msg) -> Option<Vec<Arg<'a>>> {
    raw.iter()
        .map(|a| {
            // SAFETY: args_of's caller guarantees each PictureArg's `data` is NULL or `size`
            // readable bytes for the byte kinds (the shim fills them from C's varargs, which
            // CZMQ requires to be valid), living for 'a; bytes checks NULL, and the slice is
            // tied to 'a, not kept longer.
            let data = unsafe { bytes(a.data, a.size) };
            Some(match a.kind as u8 {
                b'i' => Arg::Int(a.number as i32),
                b'1' => Arg::U8(a.number as u8),
                b'2' => Arg::U16(a.number as u16),
                b'4' => Arg::U32(a.number as u32),
                b'8' => Arg::U64(a.number),
                b'u' if a.data.is_null() => Arg::Uint(a.number as u32),
                b's' => Arg::Str(data),
                b'S' => Arg::LongStr(data),
                b'b' => Arg::Bytes(data),
                b'c' => Arg::Chunk(data),
                b'U' | b'u' => Arg::Uuid(<[u8; 16]>::try_from(data).ok()?),
                b'h' => Arg::Hash(data),
                b'p' => Arg::Pointer(a.number as usize),
                b'z' => Arg::Empty,
                // SAFETY: for 'f' the shim passes C's zframe_t argument, which CZMQ requires to
                // be NULL or a live zframe_t (args_of's contract); frame_of checks NULL and the
                // frame tag before the cast, and the borrow lives for 'a, within the send.
                b'f' => Arg::Frame(unsafe { super::zframe::frame_of(a.data as *const _) }?),
                b'm' if a.data.is_null() => Arg::Msg(empty),
                // SAFETY: for a non-NULL 'm' the shim passes C's zmsg_t argument, which CZMQ
                // requires to be a live zmsg_t (args_of's contract); msg_of checks the zmsg tag
                // before the cast, and the borrow lives for 'a, within the send.
                b'm' => Arg::Msg(unsafe { super::zmsg::msg_of(a.data as *const _) }?),
                _ => return None,
            })
        })
        .collect()
}

/// Sends `count` arguments as a text (`binary == false`) or binary
/// picture: 0, or -1 (logged) for a bad argument or a failed send.
///
/// # Safety
/// `self_` is NULL, a zsock_t, a zactor_t or a libzmq socket; `args` points
/// to `count` arguments whose data is as [`PictureArg`] says.
#[no_mangle]
pub unsafe extern "C" fn czmq_rs_zsock_send_picture(
    self_: *mut c_void,
    binary: bool,
    args: *const PictureArg,
    count: usize,
) -> c_int {
    guard(-1, || {
        // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is
        // NULL, a live zsock_t/zactor_t from this library, or a raw libzmq socket (CZMQ's
        // polymorphic socket argument), which is all socket_of needs; it rejects NULL and
        // checks our tag before any cast, and the borrow ends with this call.
        let Some(sock) = (unsafe { socket_of(self_) }) else {
            return -1;
        };
        let raw = if count == 0 || args.is_null() {
            &[][..]
        } else {
            // SAFETY: `args` is non-null here and, as C's caller (our shim) guarantees, points
            // to `count` initialised PictureArg values it keeps alive until this call returns;
            // the slice does not outlive the call.
            unsafe { std::slice::from_raw_parts(args, count) }
        };
        let empty = Msg::new();
        // SAFETY: each argument's data is what PictureArg documents, live for the whole call
        // (the shim built them from C's varargs, which CZMQ requires to be valid); args_of
        // needs exactly that, and `raw`/`empty` outlive the Args it returns.
        let Some(args) = (unsafe { args_of(raw, &empty) }) else {
            log::error!("zsock: invalid picture argument");
            return -1;
        };
        let sent = if binary {
            picture::bsend(&sock, &args)
        } else {
            picture::send(&sock, &args)
        };
        match sent {
            Ok(()) => 0,
            Err(e) => {
                log::debug!("zsock send picture: {e}");
                -1
            }
        }
    })
}

/// Moves a decoded value into its C slot.
fn fill(out: &mut PictureOut, value: Value, held: &mut Vec<CString>, socket_owned: bool) {
    let malloced = |out: &mut PictureOut, bytes: Option<Vec<u8>>| {
        if let Some(bytes) = bytes {
            out.size = bytes.len();
            out.data = malloc_bytes(&bytes) as *mut c_void;
        }
    };
    match value {
        Value::Int(n) => out.number = n as u64,
        Value::U8(n) => out.number = u64::from(n),
        Value::U16(n) => out.number = u64::from(n),
        Value::U32(n) | Value::Uint(n) => out.number = u64::from(n),
        Value::U64(n) => out.number = n,
        Value::Pointer(p) => out.number = p.map_or(0, |p| p as u64),
        // A binary 's' belongs to the socket (CZMQ's string cache).
        Value::Str(Some(s)) if socket_owned => {
            // Bytes up to any NUL, as C reads the string.
            let end = s.iter().position(|&b| b == 0).unwrap_or(s.len());
            let text = CString::new(&s[..end]).unwrap_or_default();
            out.size = end;
            out.data = text.as_ptr() as *mut c_void;
            held.push(text);
        }
        Value::Str(s) | Value::Bytes(s) | Value::Chunk(s) | Value::Uuid(s) => malloced(out, s),
        Value::Frame(f) | Value::Hash(f) => {
            if let Some(frame) = f {
                out.data = boxed::<Frame>(frame) as *mut c_void;
            }
        }
        Value::Msg(m) => out.data = boxed::<Msg>(m) as *mut c_void,
        Value::Empty => {}
    }
}

/// Receives a text or binary picture into `count` slots (one per picture
/// character): 0, or -1 when nothing could be received or decoded (no
/// slot is filled then). A binary picture's `s` strings stay owned by the
/// socket (a zsock_t, or the zactor_t's) until its next zsock_brecv.
///
/// # Safety
/// `self_` is NULL, a zsock_t, a zactor_t or a libzmq socket; `picture`
/// NUL-terminated with `count` characters; `out` points to `count` slots.
#[no_mangle]
pub unsafe extern "C" fn czmq_rs_zsock_recv_picture(
    self_: *mut c_void,
    binary: bool,
    picture: *const c_char,
    out: *mut PictureOut,
    count: usize,
) -> c_int {
    guard(-1, || {
        if picture.is_null() || out.is_null() {
            return -1;
        }
        // SAFETY: `picture` is non-null here and, as CZMQ's contract for zsock_recv requires of
        // C's caller, a NUL-terminated string live for this call; the borrow ends before
        // return.
        let Ok(picture) = unsafe { CStr::from_ptr(picture) }.to_str() else {
            return -1;
        };
        // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is
        // NULL, a live zsock_t/zactor_t from this library, or a raw libzmq socket (CZMQ's
        // polymorphic socket argument), which is all socket_of needs; it rejects NULL and
        // checks our tag before any cast, and the borrow ends with this call.
        let Some(sock) = (unsafe { socket_of(self_) }) else {
            return -1;
        };
        // The zsock that keeps a binary picture's strings.
        // SAFETY: C's caller guarantees (CZMQ's contract for this function) that `self_` is
        // NULL, a live zsock_t/zactor_t from this library, or a raw libzmq socket (CZMQ's
        // polymorphic socket argument), which is all ffi::as_sock needs; it rejects NULL and
        // checks our tag before any cast, and the borrow ends with this call.
        let owner = unsafe { ffi::as_sock(self_).map(|s| &*s) }
            // SAFETY: C's caller guarantees (CZMQ's contract) that `self_` is NULL, a live
            // zsock_t/zactor_t, or a libzmq socket; as_actor reads only the 4-byte tag, which
            // all of these have, and casts only on the zactor tag; the borrow ends with this
            // call.
            .or_else(|| unsafe { ffi::as_actor(self_) }.map(|a| a.sock()));
        if binary && picture.contains('s') && owner.is_none() {
            log::error!("zsock_brecv: 's' needs a zsock_t or zactor_t");
            return -1;
        }
        let received = if binary {
            picture::brecv(&sock, picture)
        } else {
            picture::recv(&sock, picture)
        };
        let values = match received {
            Ok(values) if values.len() == count => values,
            Ok(_) => return -1,
            Err(e) => {
                log::debug!("zsock recv picture: {e}");
                return -1;
            }
        };
        // SAFETY: `out` is non-null here (checked above) and, as the shim guarantees, points to
        // `count` writable PictureOut slots that it owns until this call returns and that
        // nothing else touches meanwhile.
        let slots = unsafe { std::slice::from_raw_parts_mut(out, count) };
        let mut held = Vec::new();
        for ((slot, value), kind) in slots.iter_mut().zip(values).zip(picture.bytes()) {
            *slot = PictureOut {
                number: 0,
                data: std::ptr::null_mut(),
                size: 0,
            };
            // Only a binary 's' is the socket's; 'S' is the caller's to free.
            fill(slot, value, &mut held, binary && kind == b's');
        }
        if let Some(owner) = owner {
            if binary {
                // Moves the CStrings (their bytes stay put) into the socket.
                owner.hold_strings(held);
            }
        }
        0
    })
}
