//! The machine's addresses on the local network, to offer the room on. Phones reach the room at
//! one of these; loopback and public addresses are no use for that.

use std::net::Ipv4Addr;

/// A private IPv4 address of one of the machine's network interfaces.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LanAddress {
    /// The interface's name, e.g. `wlan0`, to help the facilitator choose.
    pub interface: String,
    pub ip: Ipv4Addr,
}

/// Interfaces that containers and virtual machines add: phones are not on those networks.
const VIRTUAL_PREFIXES: &[&str] = &[
    "docker", "br-", "veth", "virbr", "vmnet", "vboxnet", "cni", "flannel", "podman", "lxc",
];

/// The machine's private (RFC 1918) IPv4 addresses on interfaces that are up, Wi-Fi and Ethernet
/// first, then those of virtual networks. Empty when there are none, or they cannot be listed.
pub fn lan_addresses() -> Vec<LanAddress> {
    let Ok(interfaces) = if_addrs::get_if_addrs() else {
        return Vec::new();
    };
    let mut found: Vec<LanAddress> = interfaces
        .into_iter()
        .filter(|i| !matches!(i.oper_status, if_addrs::IfOperStatus::Down))
        .filter_map(|i| match i.ip() {
            std::net::IpAddr::V4(ip) if ip.is_private() => Some(LanAddress {
                interface: i.name,
                ip,
            }),
            _ => None,
        })
        .collect();
    found.sort_by_key(|a| is_virtual(&a.interface));
    found
}

fn is_virtual(interface: &str) -> bool {
    VIRTUAL_PREFIXES.iter().any(|p| interface.starts_with(p))
}

/// The address the room opens on unless the facilitator picks another: the first of
/// [`lan_addresses`].
pub fn default_address() -> Option<Ipv4Addr> {
    lan_addresses().first().map(|a| a.ip)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_private_addresses_are_offered_real_networks_first() {
        let found = lan_addresses();
        assert!(found.iter().all(|a| a.ip.is_private()), "{found:?}");
        let first_virtual = found.iter().position(|a| is_virtual(&a.interface));
        if let Some(i) = first_virtual {
            assert!(
                found[i..].iter().all(|a| is_virtual(&a.interface)),
                "{found:?}"
            );
        }
        assert_eq!(default_address(), found.first().map(|a| a.ip));
        assert!(is_virtual("docker0") && is_virtual("br-1a2b") && !is_virtual("wlp2s0"));
    }
}
