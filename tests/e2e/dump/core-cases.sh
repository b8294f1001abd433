#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Lists the tcpdump suite cases whose captures hold only the protocols that
# issue 19 item 1 asks the printer for (enterprise LAN and data-centre
# protocols, their link types, and the core IP/TCP/UDP/ICMP stack), as
# tshark classifies every frame. Writes the names, one per line, to stdout.
#   core-cases.sh SUITE_DIR > tests/e2e/dump/core-cases
set -eu
SUITE="${1:?usage: core-cases.sh SUITE_DIR}"
command -v tshark >/dev/null || { echo "tshark is needed" >&2; exit 2; }
HERE="$(dirname "${BASH_SOURCE[0]}")"
# cases tshark misjudges (a payload it leaves as "data"), with the reason
excluded=" $(grep -v '^#' "$HERE/core-cases.exclude" | cut -f1 | tr '\n' ' ') "
# tshark's names (frame.protocols) for the protocols of item 1
allowed=" eth ethertype vlan ieee8021ad llc ip ipv6 ipv6.hopopts ipv6.routing ipv6.dstopts
 ipv6.fraghdr ipv6.shim6 icmp icmpv6 igmp tcp udp data arp raw null sll
 dns mdns llmnr nbns dhcp dhcpv6 ntp snmp syslog radius eap eapol isakmp udpencap esp ah bfd
 lldp cdp stp slow lacp marker oampdu vrrp hsrp gre erspan vxlan geneve mpls pppoed pppoes
 ppp lcp ipcp ipv6cp ccp bacp pap chap mp teredo chdlc slarp radiotap wlan_radio wlan
 wlan.mgt "
allowed="$(echo $allowed)"
declare -A verdict
while IFS=$'\t' read -r name pcap _expected args _rest; do
	case "$name" in ''|'#'*) continue ;; esac
	case "$excluded" in *" $name "*) continue ;; esac
	# -T forces a protocol by name: those cases are about that protocol
	case " $args " in *" -T "*) continue ;; esac
	if [ -z "${verdict[$pcap]:-}" ]; then
		protos="$(timeout 60 tshark -r "$SUITE/$pcap" -T fields -e frame.protocols 2>/dev/null |
			tr ':' '\n' | sort -u)"
		verdict[$pcap]=yes
		[ -n "$protos" ] || verdict[$pcap]=no
		for p in $protos; do
			case " $allowed " in *" $p "*) ;; *) verdict[$pcap]=no; break ;; esac
		done
	fi
	[ "${verdict[$pcap]}" = yes ] && echo "$name"
done <"$SUITE/cases.tsv"
exit 0
