//! The proxies whose `X-Forwarded-For` is believed (`--trusted-proxies`), and who is on the other
//! end by them, for per-address limits: the peer's address, or, when the peer is one of those
//! proxies, the nearest address in `X-Forwarded-For` that is not. A header from anyone else is
//! ignored, so it cannot be used to pose as many clients. IPv6 clients count per /64, the block
//! one subscriber holds.

use std::net::IpAddr;

/// Networks whose `X-Forwarded-For` is believed, as `address/prefix` (a bare address is /32 or /128).
#[derive(Debug, Clone, Default)]
pub struct TrustedProxies(Vec<(IpAddr, u8)>);

impl TrustedProxies {
    /// A comma-separated list: `10.0.0.0/8,192.168.1.7,fd00::/8`; empty trusts none.
    pub fn parse(list: &str) -> Result<TrustedProxies, String> {
        let mut networks = Vec::new();
        for item in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let (address, prefix) = item.split_once('/').map_or((item, None), |(a, p)| (a, Some(p)));
            let address: IpAddr = address.parse().map_err(|_| format!("'{item}' is not an IP address or network"))?;
            let bits = if address.is_ipv4() { 32 } else { 128 };
            let prefix = match prefix {
                None => bits,
                Some(p) => p
                    .parse::<u8>()
                    .ok()
                    .filter(|p| *p <= bits)
                    .ok_or_else(|| format!("'{item}': the prefix length must be a number from 0 to {bits}"))?,
            };
            networks.push((address, prefix));
        }
        Ok(TrustedProxies(networks))
    }

    fn trusts(&self, address: IpAddr) -> bool {
        self.0.iter().any(|&(network, prefix)| within(address, network, prefix))
    }

    /// The client's address (its /64 for IPv6) given the peer and its `X-Forwarded-For`.
    pub fn client(&self, peer: Option<IpAddr>, forwarded_for: Option<&str>) -> IpAddr {
        let mut client = peer.unwrap_or(IpAddr::from([0, 0, 0, 0]));
        if self.trusts(client) {
            for hop in forwarded_for.unwrap_or("").rsplit(',').map(str::trim) {
                let Ok(address) = hop.parse::<IpAddr>() else { break };
                client = address;
                if !self.trusts(address) {
                    break;
                }
            }
        }
        subscriber(client)
    }
}

fn within(address: IpAddr, network: IpAddr, prefix: u8) -> bool {
    match (canonical(address), canonical(network)) {
        (IpAddr::V4(a), IpAddr::V4(n)) => {
            masked(u128::from(a.to_bits()), 32, prefix) == masked(u128::from(n.to_bits()), 32, prefix)
        }
        (IpAddr::V6(a), IpAddr::V6(n)) => masked(a.to_bits(), 128, prefix) == masked(n.to_bits(), 128, prefix),
        _ => false,
    }
}

fn masked(bits: u128, width: u8, prefix: u8) -> u128 {
    let prefix = prefix.min(width);
    if prefix == 0 {
        0
    } else {
        bits >> (width - prefix)
    }
}

/// IPv4-mapped IPv6 addresses as the IPv4 address they are.
fn canonical(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(address, IpAddr::V4),
        v4 => v4,
    }
}

/// What one subscriber controls: an IPv4 address, or an IPv6 /64.
fn subscriber(address: IpAddr) -> IpAddr {
    match canonical(address) {
        IpAddr::V6(v6) => IpAddr::V6((v6.to_bits() & !u128::from(u64::MAX)).into()),
        v4 => v4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn forwarded_for_counts_only_behind_a_trusted_proxy() {
        let proxies = TrustedProxies::parse("10.0.0.0/8, 192.168.1.7").unwrap();
        let chain = Some("203.0.113.9, 198.51.100.4, 10.1.2.3");
        assert_eq!(proxies.client(Some(ip("10.0.0.1")), chain), ip("198.51.100.4"), "nearest untrusted hop");
        assert_eq!(proxies.client(Some(ip("192.168.1.7")), Some("203.0.113.9")), ip("203.0.113.9"));
        assert_eq!(proxies.client(Some(ip("203.0.113.50")), chain), ip("203.0.113.50"), "not a trusted proxy");
        assert_eq!(proxies.client(Some(ip("10.0.0.1")), None), ip("10.0.0.1"));
        assert_eq!(proxies.client(Some(ip("10.0.0.1")), Some("junk, 10.9.9.9")), ip("10.9.9.9"));
        assert_eq!(TrustedProxies::default().client(Some(ip("127.0.0.1")), chain), ip("127.0.0.1"));
    }

    #[test]
    fn ipv6_clients_count_per_64_and_mapped_ipv4_as_ipv4() {
        let none = TrustedProxies::default();
        assert_eq!(none.client(Some(ip("2001:db8:1:2:aaaa::1")), None), ip("2001:db8:1:2::"));
        assert_eq!(none.client(Some(ip("::ffff:198.51.100.4")), None), ip("198.51.100.4"));
        let v6 = TrustedProxies::parse("fd00::/8").unwrap();
        assert_eq!(v6.client(Some(ip("fd12::1")), Some("2001:db8::5")), ip("2001:db8::"));
    }

    #[test]
    fn bad_lists_are_refused() {
        assert!(TrustedProxies::parse("10.0.0.0/33").is_err());
        assert!(TrustedProxies::parse("proxy.example.org").is_err());
        assert!(TrustedProxies::parse("").is_ok());
    }
}
