//! CZMQ's named-argument formatting (`zsys_zprintf`, `zsys_zplprintf`):
//! `%(name)s` takes the value of `name` from a lookup (a hash, a config
//! tree), `%%` is a percent sign, anything else is copied.

use std::borrow::Cow;

/// Formats `format`, replacing each `%(key)s` by `lookup(key)` and each
/// `%%` by `%`. A key the lookup does not know, or a conversion other than
/// `s`, is an error whose text is CZMQ's ("Key 'k' not found in hash",
/// "k: arguments other than 's' are not implemented"). A lone `%` not
/// followed by `%` or `(` is copied as is (CZMQ loops forever there).
///
/// ```
/// use std::collections::HashMap;
/// let args = HashMap::from([("key", "value"), ("ham", "spam")]);
/// let lookup = |k: &str| args.get(k).map(|v| std::borrow::Cow::Borrowed(*v));
/// assert_eq!(
///     czmq::zsys::zprintf("VALUE=%(key)s123, %(ham)s, %%(nospam)s!", lookup).unwrap(),
///     "VALUE=value123, spam, %(nospam)s!"
/// );
/// assert_eq!(
///     czmq::zsys::zprintf("%(nokey)s", lookup).unwrap_err(),
///     "Key 'nokey' not found in hash"
/// );
/// ```
pub fn zprintf<'a>(
    format: &str,
    lookup: impl Fn(&str) -> Option<Cow<'a, str>>,
) -> Result<String, String> {
    let mut out = String::with_capacity(format.len() + format.len() / 2);
    let mut rest = format;
    while let Some(percent) = rest.find('%') {
        out.push_str(&rest[..percent]);
        let after = &rest[percent + 1..];
        if let Some(tail) = after.strip_prefix('%') {
            out.push('%');
            rest = tail;
        } else if let Some(named) = after.strip_prefix('(') {
            let Some(close) = named.find(')') else {
                // No closing parenthesis: the rest is plain text.
                out.push_str(&rest[percent..]);
                return Ok(out);
            };
            let key = &named[..close];
            let Some(value) = lookup(key) else {
                return Err(format!("Key '{key}' not found in hash"));
            };
            let Some(tail) = named[close + 1..].strip_prefix('s') else {
                return Err(format!(
                    "{key}: arguments other than 's' are not implemented"
                ));
            };
            out.push_str(&value);
            rest = tail;
        } else {
            out.push('%');
            rest = after;
        }
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(key: &str) -> Option<Cow<'static, str>> {
        match key {
            "key" => Some(Cow::Borrowed("value")),
            "ham" => Some(Cow::Borrowed("spam")),
            "zsp/return_code" => Some(Cow::Borrowed("0")),
            _ => None,
        }
    }

    #[test]
    fn czmq_selftest_cases() {
        assert_eq!(zprintf("plain string", args).unwrap(), "plain string");
        assert_eq!(zprintf("%%a%%", args).unwrap(), "%a%");
        assert_eq!(zprintf("VALUE=%(key)s123", args).unwrap(), "VALUE=value123");
        assert_eq!(
            zprintf("VALUE=%(key)s123, %(ham)s, %(ham)s, %%(nospam)s!!!", args).unwrap(),
            "VALUE=value123, spam, spam, %(nospam)s!!!"
        );
        assert_eq!(
            zprintf("VALUE=%(nokey)s123, %(ham)s", args).unwrap_err(),
            "Key 'nokey' not found in hash"
        );
        assert_eq!(
            zprintf("VALUE=%(key)s/%%S", args).unwrap(),
            "VALUE=value/%S"
        );
        assert_eq!(
            zprintf("return_code=%(zsp/return_code)s", args).unwrap(),
            "return_code=0"
        );
    }

    #[test]
    fn odd_formats_do_not_hang() {
        assert_eq!(
            zprintf("%(key)d", args).unwrap_err(),
            "key: arguments other than 's' are not implemented"
        );
        assert_eq!(zprintf("50% off", args).unwrap(), "50% off");
        assert_eq!(zprintf("trailing %", args).unwrap(), "trailing %");
        assert_eq!(zprintf("%(open", args).unwrap(), "%(open");
    }
}
