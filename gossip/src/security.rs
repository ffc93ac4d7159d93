//! Gossip over CURVE: the node's keys, its ZAP domain, and how they reach
//! its sockets, as CZMQ 4.2's DRAFT zgossip does it.
//!
//! Pipe commands (the command name is one frame, space included, as CZMQ's
//! `zstr_sendx (actor, "SET PUBLICKEY", key, NULL)` sends it):
//!
//! * `SET PUBLICKEY key` and `SET SECRETKEY key`: the node's own CURVE
//!   certificate, 40 Z85 characters each. Every later `BIND` makes the
//!   node's ROUTER a CURVE server with these keys (binds made before keep
//!   their mechanism); a later `CONNECT` with a server key uses them as the
//!   client's keys. With only a secret key, the public key is derived from it.
//! * `ZAP DOMAIN domain`: the ZAP domain of the secured ROUTER (CZMQ's
//!   default: `global`), which a ZAP handler such as [`czmq::Auth`] sees.
//! * `CONNECT endpoint server-public-key`: the DEALER becomes a CURVE client
//!   of a server with that public key (40 Z85 characters), with the node's
//!   own keys, or a fresh key pair when it has none.
//!
//! A key that is not 40 Z85 characters, or a public key that does not belong
//! to the secret key, is answered `ERROR reason` (CZMQ asserts), and the
//! node keeps running with its previous settings.
//!
//! A config file given to `LOAD` may hold CZMQ's security section; it is
//! applied before the file's `zgossip/bind/endpoint`:
//!
//! ```text
//! zgossip
//!     security
//!         mechanism = curve          # null (default), plain or curve
//!         secret-key = server.cert   # a certificate file; its _secret file is read
//!         domain = gossip            # ours: the ZAP domain (CZMQ: global)
//!     bind
//!         endpoint = tcp://127.0.0.1:*
//! ```
//!
//! Who may connect is the ZAP handler's business: start a [`czmq::Auth`]
//! with a certificate store, and the node serves only clients whose public
//! key is in it. Without a handler, any client that knows the server's
//! public key is served. Discovery (`DISCOVER`) connects without CURVE.
//!
//! ```
//! # if !czmq::has("curve") { return Ok(()); }
//! use czmq::Cert;
//! use gossip::Gossip;
//! let server_cert = Cert::new()?;
//! let server = Gossip::new("doc-secure-server")?;
//! server.set_curve(&server_cert)?;
//! let port = server.bind("tcp://127.0.0.1:*")?;
//!
//! let client = Gossip::new("doc-secure-client")?;
//! client.set_curve(&Cert::new()?)?;
//! client.connect_curve(&format!("tcp://127.0.0.1:{port}"), server_cert.public_txt())?;
//! client.publish("secret", "hello")?;
//! let d = server.recv_delivery(std::time::Duration::from_secs(10))?;
//! assert_eq!(d, Some(gossip::Delivery::Tuple { key: b"secret".to_vec(), value: b"hello".to_vec() }));
//! # Ok::<(), czmq::Error>(())
//! ```

use czmq::{curve_public, z85_decode, Cert, Config, Error, Result, Socket};

use crate::Gossip;

/// CZMQ's default ZAP domain for a secured zgossip server.
///
/// ```
/// assert_eq!(gossip::security::DEFAULT_ZAP_DOMAIN, "global");
/// ```
pub const DEFAULT_ZAP_DOMAIN: &str = "global";

/// libzmq refuses ZAP domains longer than this (RFC 27's short string).
const MAX_ZAP_DOMAIN: usize = 254;

/// Checks that `text` is a CURVE key as CZMQ writes them: 40 Z85 characters
/// (32 bytes).
///
/// ```
/// let key = czmq::Cert::from_keys(&[3; 32], &[0; 32]).public_txt().to_string();
/// assert!(gossip::security::check_key_text(&key, "public key").is_ok());
/// assert!(gossip::security::check_key_text("not a key", "public key").is_err());
/// ```
pub fn check_key_text(text: &str, what: &str) -> Result<()> {
    let bad = |why: &str| Error::InvalidArgument(format!("{what}: {why}"));
    if text.len() != 40 {
        return Err(bad(&format!(
            "a CURVE key is 40 Z85 characters, got {}",
            text.len()
        )));
    }
    z85_decode(text).map_err(|_| bad("not Z85 text"))?;
    Ok(())
}

/// A node's CURVE settings, kept by the actor and applied to its sockets.
#[derive(Debug)]
pub(crate) struct Security {
    public_txt: Option<String>,
    secret_txt: Option<String>,
    zap_domain: String,
    /// The key pair a client uses when the node has none of its own, made
    /// on first use so that a node without CURVE never needs libsodium.
    fresh: Option<Cert>,
}

impl Security {
    pub(crate) fn new() -> Security {
        Security {
            public_txt: None,
            secret_txt: None,
            zap_domain: DEFAULT_ZAP_DOMAIN.to_string(),
            fresh: None,
        }
    }

    /// `SET PUBLICKEY key`.
    pub(crate) fn set_public_key(&mut self, text: &str) -> Result<()> {
        check_key_text(text, "SET PUBLICKEY")?;
        self.public_txt = Some(text.to_string());
        Ok(())
    }

    /// `SET SECRETKEY key`.
    pub(crate) fn set_secret_key(&mut self, text: &str) -> Result<()> {
        check_key_text(text, "SET SECRETKEY")?;
        self.secret_txt = Some(text.to_string());
        Ok(())
    }

    /// `ZAP DOMAIN domain`.
    pub(crate) fn set_zap_domain(&mut self, domain: &str) -> Result<()> {
        if domain.len() > MAX_ZAP_DOMAIN {
            return Err(Error::InvalidArgument(format!(
                "ZAP DOMAIN: at most {MAX_ZAP_DOMAIN} bytes, got {}",
                domain.len()
            )));
        }
        self.zap_domain = domain.to_string();
        Ok(())
    }

    /// The node's own certificate, once a secret key is set. A public key
    /// that is not the secret key's is refused here, where CZMQ would make
    /// a server no client can finish a handshake with.
    fn own_cert(&self) -> Result<Option<Cert>> {
        let Some(secret) = &self.secret_txt else {
            return Ok(None);
        };
        let derived = curve_public(secret)?;
        if let Some(public) = &self.public_txt {
            if public != &derived {
                return Err(Error::InvalidArgument(
                    "the public key (SET PUBLICKEY) does not belong to the secret key \
                     (SET SECRETKEY)"
                        .into(),
                ));
            }
        }
        Cert::from_txt(&derived, secret).map(Some)
    }

    /// Before a BIND: with a secret key set, the ROUTER becomes a CURVE
    /// server with the node's keys and ZAP domain (as CZMQ's engine does on
    /// every BIND).
    pub(crate) fn prepare_bind(&self, router: &Socket) -> Result<()> {
        if let Some(cert) = self.own_cert()? {
            router.set_zap_domain(&self.zap_domain)?;
            cert.apply_server(router)?;
        }
        Ok(())
    }

    /// Before a CONNECT with a server key: the DEALER becomes a CURVE client
    /// with the node's keys, or a fresh key pair.
    pub(crate) fn prepare_connect(&mut self, dealer: &Socket, server_key: &str) -> Result<()> {
        check_key_text(server_key, "CONNECT server public key")?;
        let cert = match self.own_cert()? {
            Some(cert) => cert,
            None => match &self.fresh {
                Some(cert) => cert.clone(),
                None => self.fresh.insert(Cert::new()?).clone(),
            },
        };
        cert.apply_client(dealer, server_key.as_bytes())
    }

    /// Checks a CONNECT's server key and the node's keys (making the fresh
    /// key pair if needed) before anything is created for the endpoint, so
    /// that [`prepare_connect`](Security::prepare_connect) has nothing left
    /// to refuse.
    pub(crate) fn check_connect(&mut self, server_key: &str) -> Result<()> {
        check_key_text(server_key, "CONNECT server public key")?;
        if self.own_cert()?.is_none() && self.fresh.is_none() {
            self.fresh = Some(Cert::new()?);
        }
        Ok(())
    }

    /// A LOADed config's `zgossip/security` section (CZMQ's keys:
    /// `mechanism`, `secret-key`; ours: `domain`), applied to the ROUTER for
    /// its later binds. The certificate also becomes the node's own keys for
    /// secured CONNECTs.
    pub(crate) fn apply_config(&mut self, config: &Config, router: &Socket) -> Result<()> {
        let Some(mechanism) = config.get("zgossip/security/mechanism") else {
            return Ok(());
        };
        match mechanism {
            "null" => Ok(()),
            "plain" => router.set_plain_server(true),
            "curve" => {
                let file = config.get("zgossip/security/secret-key").ok_or_else(|| {
                    Error::InvalidArgument(
                        "zgossip/security: mechanism = curve needs secret-key = <certificate file>"
                            .into(),
                    )
                })?;
                let cert = Cert::load(file)
                    .map_err(|e| e.context(format!("zgossip/security/secret-key {file}")))?;
                if cert.secret_key() == &[0; 32] {
                    return Err(Error::InvalidArgument(format!(
                        "zgossip/security/secret-key {file}: no secret key ({file}_secret missing?)"
                    )));
                }
                if let Some(domain) = config.get("zgossip/security/domain") {
                    self.set_zap_domain(domain)?;
                }
                self.public_txt = Some(cert.public_txt().to_string());
                self.secret_txt = Some(cert.secret_txt().to_string());
                self.prepare_bind(router)
            }
            other => Err(Error::InvalidArgument(format!(
                "zgossip/security/mechanism = {other}: expected null, plain or curve"
            ))),
        }
    }
}

impl Gossip {
    /// Gives the node its CURVE certificate (`SET PUBLICKEY`, `SET
    /// SECRETKEY`): every later [`bind`](Gossip::bind) serves CURVE with it,
    /// and [`connect_curve`](Gossip::connect_curve) uses it as the client's
    /// keys. The certificate needs its secret key.
    ///
    /// ```
    /// # if !czmq::has("curve") { return Ok(()); }
    /// let node = gossip::Gossip::new("doc-set-curve")?;
    /// node.set_curve(&czmq::Cert::new()?)?;
    /// node.bind("tcp://127.0.0.1:*")?; // a CURVE server now
    /// let public_only = czmq::Cert::from_keys(&[1; 32], &[0; 32]);
    /// assert!(node.set_curve(&public_only).is_err());
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn set_curve(&self, cert: &Cert) -> Result<()> {
        if cert.secret_key() == &[0; 32] {
            return Err(Error::InvalidArgument(
                "set_curve: the certificate has no secret key".into(),
            ));
        }
        self.command(&[b"SET PUBLICKEY", cert.public_txt().as_bytes()])?;
        self.command(&[b"SET SECRETKEY", cert.secret_txt().as_bytes()])?;
        // The commands have no reply (as CZMQ's); a round trip surfaces an
        // ERROR, if any, here rather than on a later request.
        self.port().map(drop)
    }

    /// Sets the ZAP domain of the node's secured ROUTER (`ZAP DOMAIN`,
    /// CZMQ's default `global`), for binds made after this call.
    ///
    /// ```
    /// let node = gossip::Gossip::new("doc-zap-domain")?;
    /// node.set_zap_domain("gossip")?;
    /// assert!(node.set_zap_domain(&"x".repeat(300)).is_err());
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn set_zap_domain(&self, domain: &str) -> Result<()> {
        self.command(&[b"ZAP DOMAIN", domain.as_bytes()])?;
        self.port().map(drop)
    }

    /// Connects to a CURVE server whose public key is `server_key` (40 Z85
    /// characters), as a client with the node's own certificate (see
    /// [`set_curve`](Gossip::set_curve)) or a fresh key pair.
    ///
    /// ```
    /// let node = gossip::Gossip::new("doc-connect-curve")?;
    /// let err = node.connect_curve("tcp://127.0.0.1:5670", "bad key").unwrap_err();
    /// assert!(err.to_string().contains("40 Z85 characters"));
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn connect_curve(&self, endpoint: &str, server_key: &str) -> Result<()> {
        check_key_text(server_key, "server public key")?;
        self.command(&[b"CONNECT", endpoint.as_bytes(), server_key.as_bytes()])?;
        self.port().map(drop)
    }
}
