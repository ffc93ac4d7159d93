//! CURVE security as Zyre 2.0.1's draft API has it: the node's certificate
//! (SET PUBLICKEY, SET SECRETKEY as Z85 text), the ZAP domain of its
//! ROUTER, a CURVE server, and the public keys of peers, which their
//! DEALERs need as CURVE clients: from the secure beacon, from the
//! `endpoint|key` gossip value, from the X-PUBLICKEY header of HELLO, or
//! given with a static peer.

use czmq::Cert;

/// The HELLO header that carries a node's CURVE public key (Z85), set by
/// SET PUBLICKEY as Zyre's `zyre_node` sets it.
pub(crate) const PUBLIC_KEY_HEADER: &str = "X-PUBLICKEY";

/// Zyre's `ZAP_DOMAIN_DEFAULT`.
pub(crate) const DEFAULT_ZAP_DOMAIN: &str = "global";

/// A CURVE public key, 32 bytes.
pub(crate) type PublicKey = [u8; 32];

/// A key as CZMQ writes it: 40 Z85 characters. `None` for anything else.
pub(crate) fn parse_key(text: &str) -> Option<PublicKey> {
    if text.len() != 40 {
        return None;
    }
    czmq::z85_decode(text).ok()?.try_into().ok()
}

/// The node's CURVE settings: both keys as given (Z85), and the ZAP domain.
#[derive(Debug, Clone)]
pub(crate) struct Security {
    pub(crate) public_key: Option<String>,
    pub(crate) secret_key: Option<String>,
    pub(crate) zap_domain: String,
}

impl Default for Security {
    fn default() -> Security {
        Security {
            public_key: None,
            secret_key: None,
            zap_domain: DEFAULT_ZAP_DOMAIN.to_string(),
        }
    }
}

impl Security {
    /// The certificate, once the secret key is set (as in Zyre, the secret
    /// key turns CURVE on); the public key is derived from it, and must
    /// match the one given, if any. `None`, logged, when the keys are not
    /// usable.
    pub(crate) fn cert(&self) -> Option<Cert> {
        let secret = self.secret_key.as_deref()?;
        let derived = czmq::curve_public(secret)
            .map_err(|e| log::error!("zre: CURVE secret key: {e}"))
            .ok()?;
        if self.public_key.as_ref().is_some_and(|p| *p != derived) {
            log::error!("zre: the CURVE public key does not belong to the secret key");
            return None;
        }
        Cert::from_txt(&derived, secret)
            .map_err(|e| log::error!("zre: CURVE keys: {e}"))
            .ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_40_z85_characters() {
        let cert = Cert::from_keys(&[5; 32], &[6; 32]);
        assert_eq!(parse_key(cert.public_txt()), Some([5; 32]));
        assert_eq!(parse_key("short"), None);
        assert_eq!(parse_key(&"~".repeat(40)), None);
    }

    #[test]
    fn the_secret_key_turns_curve_on() {
        let cert = Cert::new().expect("cert");
        let mut security = Security {
            public_key: Some(cert.public_txt().to_string()),
            ..Security::default()
        };
        assert!(security.cert().is_none());
        security.secret_key = Some(cert.secret_txt().to_string());
        assert_eq!(security.cert(), Some(cert));
        assert_eq!(security.zap_domain, "global");
        security.public_key = Some(Cert::new().expect("cert").public_txt().to_string());
        assert!(
            security.cert().is_none(),
            "keys that do not belong together"
        );
    }
}
