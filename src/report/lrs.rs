//! Sending xAPI statements to a Learning Record Store, in batches. Every statement
//! carries its own deterministic id, so re-sending a call is safe, and the session
//! file stays the source of truth.

use std::time::Duration;

use serde_json::Value;

/// Why a statement did not reach the store.
#[derive(Debug)]
pub enum SendError {
    /// The store could not be reached at all.
    Network(String),
    /// The store answered, but refused the statement.
    Rejected {
        /// The HTTP status.
        status: u16,
        /// What it said.
        body: String,
    },
}

impl std::fmt::Display for SendError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SendError::Network(why) => write!(f, "could not reach the LRS: {why}"),
            SendError::Rejected { status, body } => write!(f, "the LRS refused it (HTTP {status}): {}", body.trim()),
        }
    }
}

/// A Learning Record Store that xAPI statements are sent to.
pub struct Lrs {
    agent: ureq::Agent,
    endpoint: String,
    authorization: Option<String>,
}

impl Lrs {
    /// `endpoint` is the LRS base (…/xAPI); credentials are optional.
    pub fn new(endpoint: &str, user: Option<&str>, password: Option<&str>) -> Lrs {
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(30)))
            .build();
        let authorization = user.map(|u| format!("Basic {}", base64(&format!("{u}:{}", password.unwrap_or("")))));
        Lrs {
            agent: ureq::Agent::new_with_config(config),
            endpoint: endpoint.trim_end_matches('/').to_string(),
            authorization,
        }
    }

    /// POSTs a batch of statements. Their ids are fixed, so a batch the store
    /// already holds is accepted again without duplicates (xAPI 1.0.3, 2.1.3).
    pub fn post(&self, statements: &[Value]) -> Result<(), SendError> {
        let url = format!("{}/statements", self.endpoint);
        let mut request = self.agent.post(&url).header("X-Experience-API-Version", "1.0.3");
        if let Some(auth) = &self.authorization {
            request = request.header("Authorization", auth);
        }
        let mut response = request.send_json(statements).map_err(|e| SendError::Network(e.to_string()))?;
        let status = response.status().as_u16();
        if (200..300).contains(&status) {
            return Ok(());
        }
        let body = response.body_mut().read_to_string().unwrap_or_default();
        Err(SendError::Rejected { status, body: crate::controls::visible(&body).into_owned() })
    }

    /// Queries the statement resource (`statementId=…`, `registration=…`): the
    /// store's JSON answer, or None when it has no such statement.
    pub fn query(&self, query: &str) -> Result<Option<Value>, SendError> {
        let url = format!("{}/statements?{query}", self.endpoint);
        let mut request = self.agent.get(&url).header("X-Experience-API-Version", "1.0.3");
        if let Some(auth) = &self.authorization {
            request = request.header("Authorization", auth);
        }
        let mut response = request.call().map_err(|e| SendError::Network(e.to_string()))?;
        let status = response.status().as_u16();
        let body = response.body_mut().read_to_string().unwrap_or_default();
        match status {
            200 => Ok(serde_json::from_str(&body).ok()),
            404 => Ok(None),
            _ => Err(SendError::Rejected { status, body: crate::controls::visible(&body).into_owned() }),
        }
    }
}

/// Standard base64, for the Basic authorization header.
fn base64(text: &str) -> String {
    const TABLE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let bytes = text.as_bytes();
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(TABLE[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn base64_matches_the_rfc_examples() {
        assert_eq!(super::base64("foobar"), "Zm9vYmFy");
        assert_eq!(super::base64("fooba"), "Zm9vYmE=");
        assert_eq!(super::base64("foob"), "Zm9vYg==");
        assert_eq!(super::base64("ralph:secret"), "cmFscGg6c2VjcmV0");
    }
}

/// `https://u:pw@host/xAPI` as `https://host/xAPI`: a password in the URL was
/// echoed in the success line, and CI logs keep such lines.
pub fn without_userinfo(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_string() };
    let authority_end = rest.find('/').unwrap_or(rest.len());
    match rest[..authority_end].rfind('@') {
        Some(at) => format!("{scheme}://{}", &rest[at + 1..]),
        None => url.to_string(),
    }
}

/// Basic credentials and trainees' calls go over https; plain http only to this
/// machine (for tests and a local store) or when `allow_http` says the network
/// is trusted.
pub fn check_transport(url: &str, allow_http: bool) -> crate::error::Result<()> {
    use crate::error::Error;
    let shown = without_userinfo(url);
    let Some((scheme, rest)) = shown.split_once("://") else {
        return Err(Error::Refused(format!(
            "`{shown}` is not a URL; give the LRS endpoint, e.g. https://lrs.example.com/xAPI"
        )));
    };
    let host_and_port = rest.split('/').next().unwrap_or("");
    let host = match host_and_port.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => host_and_port.split(':').next().unwrap_or(""),
    };
    let loopback = host == "localhost" || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback());
    match scheme.to_ascii_lowercase().as_str() {
        "https" => Ok(()),
        "http" if loopback || allow_http => Ok(()),
        "http" => Err(Error::Refused(format!(
            "refusing to send calls and the LRS password unencrypted to {host}: use https, or pass --allow-http \
             if this network is trusted"
        ))),
        other => Err(Error::Refused(format!("the LRS URL must start with https:// (it starts with {other}://)"))),
    }
}

#[cfg(test)]
mod transport_tests {
    use super::*;

    #[test]
    fn passwords_in_urls_are_never_shown_and_http_needs_consent_off_this_machine() {
        assert_eq!(without_userinfo("http://u:pw@lrs.example.com/xAPI"), "http://lrs.example.com/xAPI");
        assert_eq!(without_userinfo("https://lrs.example.com/a@b"), "https://lrs.example.com/a@b");
        assert!(check_transport("https://lrs.example.com/xAPI", false).is_ok());
        assert!(check_transport("http://127.0.0.1:8100/xAPI", false).is_ok());
        assert!(check_transport("http://[::1]:8100/xAPI", false).is_ok());
        assert!(check_transport("http://localhost/xAPI", false).is_ok());
        let refused = check_transport("http://u:pw@lrs.example.com/xAPI", false).unwrap_err().to_string();
        assert!(refused.contains("--allow-http") && !refused.contains("pw"), "{refused}");
        assert!(check_transport("http://lrs.example.com/xAPI", true).is_ok());
        assert!(check_transport("ftp://lrs.example.com/", true).is_err());
    }
}
