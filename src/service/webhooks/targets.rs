//! Where a webhook may point: public addresses only, unless the operator allows private ones
//! (`--webhook-private-targets`, for a receiver on the same machine or network). Otherwise any
//! key holder could make the service call into the network it runs in (server-side request
//! forgery). An address written in the URL is checked when subscribing; every delivery checks
//! the addresses the name resolves to at that moment, and connects only to those, so a name
//! that later resolves inward is refused too.

use std::io;
use std::net::{IpAddr, SocketAddr, ToSocketAddrs};

/// Whether an address is on the public internet: not loopback, private, link-local, shared
/// (carrier-grade NAT), unspecified, broadcast, multicast, documentation, benchmarking or
/// reserved space; an IPv6 address that carries an IPv4 one (mapped, compatible, NAT64, 6to4)
/// is judged by that one, and Teredo, whose IPv4 address is hidden, is refused.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, c, _] = v4.octets();
            !(v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_multicast()
                || v4.is_documentation()
                || (a == 100 && (64..128).contains(&b))
                || (a == 198 && (18..20).contains(&b))
                || (a == 192 && b == 0 && c == 0)
                || a >= 240
                || a == 0)
        }
        IpAddr::V6(v6) => {
            let s = v6.segments();
            let embedded = |high: u16, low: u16| {
                let [a, b] = high.to_be_bytes();
                let [c, d] = low.to_be_bytes();
                is_public(IpAddr::V4(std::net::Ipv4Addr::new(a, b, c, d)))
            };
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public(IpAddr::V4(v4));
            }
            match s {
                // IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::a.b.c.d).
                [0, 0, 0, 0, 0, 0, high, low] if high != 0 => return embedded(high, low),
                [0x64, 0xff9b, 0, 0, 0, 0, high, low] => return embedded(high, low),
                // 6to4 (2002:a.b.c.d::/48).
                [0x2002, high, low, ..] => return embedded(high, low),
                _ => {}
            }
            let first = s[0];
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80
                || (first & 0xffc0) == 0xfec0
                || (first == 0x2001 && (s[1] == 0 || s[1] == 0x0db8))
                || (first == 0x0100 && s[1..4] == [0, 0, 0]))
        }
    }
}

/// The host of an http(s) URL, without user info, port or IPv6 brackets.
pub fn host_of(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = match host_port.strip_prefix('[') {
        Some(v6) => v6.split(']').next()?,
        None => host_port.split(':').next()?,
    };
    (!host.is_empty()).then_some(host)
}

/// Why a URL may not be subscribed (a message of `api.ftl`), if it names a private address
/// (or `localhost`) itself.
pub fn refused_literal(url: &str) -> Option<&'static str> {
    let host = host_of(url)?;
    if host.eq_ignore_ascii_case("localhost") || host.to_ascii_lowercase().ends_with(".localhost") {
        return Some("field-webhook-localhost");
    }
    match host.parse::<IpAddr>() {
        Ok(ip) if !is_public(ip) => Some("field-webhook-private"),
        _ => None,
    }
}

/// Resolves a delivery's `host:port` to its public addresses only (all, when private targets
/// are allowed); none left is an error, so nothing is sent.
pub fn resolve(netloc: &str, private_targets: bool) -> io::Result<Vec<SocketAddr>> {
    let all: Vec<SocketAddr> = netloc.to_socket_addrs()?.collect();
    let allowed: Vec<SocketAddr> = all.into_iter().filter(|a| private_targets || is_public(a.ip())).collect();
    if allowed.is_empty() {
        return Err(io::Error::new(io::ErrorKind::PermissionDenied, "the receiver resolves to private addresses only"));
    }
    Ok(allowed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_and_local_addresses_are_not_public() {
        for private in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "::1",
            "fd00::1",
            "fe80::1",
            "::ffff:10.0.0.1",
            "::127.0.0.1",
            "64:ff9b::10.0.0.1",
            "2002:7f00:1::",
            "2001:0:4136:e378::1",
            "2001:db8::1",
            "fec0::1",
            "198.18.0.1",
            "240.0.0.1",
            "192.0.0.8",
        ] {
            assert!(!is_public(private.parse().unwrap()), "{private}");
        }
        for public in ["8.8.8.8", "193.194.138.1", "2001:4860:4860::8888", "64:ff9b::8.8.8.8", "2002:808:808::1"] {
            assert!(is_public(public.parse().unwrap()), "{public}");
        }
    }

    #[test]
    fn hosts_are_read_from_urls() {
        assert_eq!(host_of("https://user:pw@example.org:8443/x?y"), Some("example.org"));
        assert_eq!(host_of("http://[::1]:80/hook"), Some("::1"));
        assert_eq!(refused_literal("http://169.254.169.254/latest/meta-data"), Some("field-webhook-private"));
        assert!(refused_literal("http://LOCALHOST:9000/").is_some());
        assert_eq!(refused_literal("https://hooks.example.org/tcmatch"), None);
    }

    #[test]
    fn deliveries_connect_to_public_addresses_only() {
        assert!(resolve("127.0.0.1:80", false).is_err());
        assert_eq!(resolve("127.0.0.1:80", true).unwrap().len(), 1);
    }
}
