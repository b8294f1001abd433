/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_NET_PRINT_INT_H
#define KANSOKU_NET_PRINT_INT_H

/*
 * Internals shared by the protocol printers (print-*.c): the printing
 * context, the output buffer, and checked readers that abandon the packet
 * with tcpdump's truncation marker " [|proto]" when the bytes were not
 * captured (a longjmp back to printer_packet(), as tcpdump does, so that a
 * printer reads like the protocol and cannot forget a check).
 */
#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "net/bytes.h"
#include "net/print.h"
#include "net/resolve.h"

struct tcp_seq_table;
struct ike_cookies;
struct slip_state;

struct pctx {
	struct print_opts o;
	int dlt;
	FILE *out;
	/* output text */
	char *buf;
	size_t len, cap;
	/* current packet */
	const uint8_t *pkt;
	uint32_t caplen, wirelen;
	uint32_t ll_hdr_len;		/* link header length, for -x/-X/-A */
	const char *proto;		/* for the truncation marker */
	jmp_buf trunc_jmp;
	/* state across packets */
	uint64_t count;
	int64_t ref_sec;		/* -ttt/-ttttt reference */
	uint32_t ref_frac;
	int64_t last_ts_sec;		/* cached local time text for this second */
	char last_ts[32];
	size_t last_ts_len;
	struct tcp_seq_table *tcpseq;
	struct ike_cookies *ike_cookies;	/* ISAKMP initiators seen */
	struct slip_state *slip;	/* VJ compression lengths per connection */
	uint8_t *scratch;		/* un-escaped PPP in HDLC framing */
	size_t scratch_cap;
	struct resolver *res;
};

/* ---- output ---- */
void pc_grow(struct pctx *pc, size_t extra);

static inline void pc_putc(struct pctx *pc, char c)
{
	if (pc->len + 1 >= pc->cap)
		pc_grow(pc, 1);
	pc->buf[pc->len++] = c;
}

static inline void pc_putn(struct pctx *pc, const char *s, size_t n)
{
	if (pc->len + n >= pc->cap)
		pc_grow(pc, n);
	memcpy(pc->buf + pc->len, s, n);
	pc->len += n;
}

static inline void pc_puts(struct pctx *pc, const char *s)
{
	pc_putn(pc, s, strlen(s));
}

/* Decimal, hex (lowercase, at least `width` digits), and printf for the rare cases. */
void pc_u(struct pctx *pc, uint64_t v);
void pc_i(struct pctx *pc, int64_t v);
void pc_hex(struct pctx *pc, uint64_t v, int width);
void pc_printf(struct pctx *pc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---- truncation ---- */
/* Prints " [|proto]" and abandons the packet. */
__attribute__((noreturn)) void pc_trunc(struct pctx *pc);
/*
 * Same marker, for the places where tcpdump checks a header explicitly and
 * returns (rather than failing inside a read): the -x/-X/-A dumps then still
 * leave out the link-layer header.
 */
__attribute__((noreturn)) void pc_trunc_soft(struct pctx *pc);
/* Abandons the packet (the caller printed its own marker already). */
__attribute__((noreturn)) void pc_abort(struct pctx *pc);
static inline void pc_print_trunc(struct pctx *pc)
{
	pc_puts(pc, " [|");
	pc_puts(pc, pc->proto);
	pc_putc(pc, ']');
}

/* Checked readers: the value, or the packet is abandoned as truncated. */
static inline unsigned G8(struct pctx *pc, const struct nbytes *b, size_t off)
{
	unsigned v;

	if (nb_u8(b, off, &v))
		pc_trunc(pc);
	return v;
}

static inline unsigned G16(struct pctx *pc, const struct nbytes *b, size_t off)
{
	unsigned v;

	if (nb_be16(b, off, &v))
		pc_trunc(pc);
	return v;
}

static inline uint32_t G24(struct pctx *pc, const struct nbytes *b, size_t off)
{
	uint32_t v;

	if (nb_be24(b, off, &v))
		pc_trunc(pc);
	return v;
}

static inline uint32_t G32(struct pctx *pc, const struct nbytes *b, size_t off)
{
	uint32_t v;

	if (nb_be32(b, off, &v))
		pc_trunc(pc);
	return v;
}

static inline void GCHECK(struct pctx *pc, const struct nbytes *b, size_t off, size_t n)
{
	if (!nb_has(b, off, n))
		pc_trunc(pc);
}

/* ---- shared formatting ---- */
struct tok {
	unsigned v;
	const char *s;
};
/* Name for v, or NULL. */
const char *tok_name(const struct tok *t, unsigned v);
/* Name, or fmt (one %u/%x-style conversion of v) printed into the output. */
void pc_tok(struct pctx *pc, const struct tok *t, unsigned v, const char *fmt);
/* tcpdump's bittok2str: names of the set bits joined by sep, or `none`. */
void pc_bits(struct pctx *pc, const struct tok *t, unsigned v, const char *none, const char *sep);

void pc_ipaddr(struct pctx *pc, const uint8_t a[4]);
void pc_ip6addr(struct pctx *pc, const uint8_t a[16]);
/* IPv4 or IPv6 address by version. */
void pc_ipaddr_v(struct pctx *pc, int version, const uint8_t *a);
void pc_etheraddr(struct pctx *pc, const uint8_t a[6]);
/* "xx:xx:.." for any length (ARP hardware addresses, SLL). */
void pc_linkaddr(struct pctx *pc, const uint8_t *a, size_t n);
void pc_tcpport(struct pctx *pc, unsigned port);
void pc_udpport(struct pctx *pc, unsigned port);
/* Checked address readers: truncation marker when not captured. */
void pc_get_ipaddr(struct pctx *pc, const struct nbytes *b, size_t off);
void pc_get_ip6addr(struct pctx *pc, const struct nbytes *b, size_t off);
/*
 * The group records of an IGMPv3 (addr_len 4) or MLDv2 (16) report of
 * `len` bytes at b: the count, then records at -v, sources at -vv.
 */
void pc_group_records(struct pctx *pc, const struct nbytes *b, uint32_t len, unsigned addr_len,
		      const char *unknown_fmt);

/* tcpdump's fn_print_char: printable ASCII, M- for high bit, ^X for controls. */
void pc_safechar(struct pctx *pc, unsigned c);
/* tcpdump's nd_printjnp: up to n characters at off, stopping at a NUL (checked reads). */
void pc_printjnp(struct pctx *pc, const struct nbytes *b, size_t off, size_t n);

/*
 * tcpdump's nd_printztn: characters of a NUL-terminated string within n bytes
 * at off; the bytes used with the NUL, or 0 when no NUL came before n bytes or
 * the end of the capture.
 */
size_t pc_printztn(struct pctx *pc, const struct nbytes *b, size_t off, size_t n);

/* Raw data in hex (-x) or hex and ASCII (-X) on lines starting with `ident`. */
void pc_hex_print(struct pctx *pc, const char *ident, const uint8_t *p, size_t n, size_t offset);
void pc_hex_ascii_print(struct pctx *pc, const char *ident, const uint8_t *p, size_t n,
			size_t offset);
/* tcpdump's print_unknown_data: hex of len bytes at off, as many as were captured. */
void pc_unknown_data(struct pctx *pc, const struct nbytes *b, size_t off, const char *ident,
		     size_t len);
/* Undissected payload: hex at -x level when any of -x/-X given... as tcpdump's ND_DEFAULTPRINT. */
void pc_default_print(struct pctx *pc, const struct nbytes *b);

/* ---- protocol printers (print-<proto>.c) ---- */
/* Link printers return the link header length (for -x), like tcpdump's. */
/* The printer of link type dlt (print.c): the link header length, or LINK_UNKNOWN when none. */
#define LINK_UNKNOWN UINT32_MAX
uint32_t link_print_as(struct pctx *pc, int dlt, const struct nbytes *pkt, uint32_t length);
/* Apple's pktap header and the packet of the link type it names (print-pktap.c). */
uint32_t pktap_if_print(struct pctx *pc, const struct nbytes *pkt, uint32_t length);
uint32_t ether_print(struct pctx *pc, const struct nbytes *pkt, uint32_t length);
/* Arista's timestamp header after ethertype 0xd28b; its length, or -1 when not understood. */
int arista_print(struct pctx *pc, const struct nbytes *b);
/* Ethernet with a switch's tag of tag_len bytes after the addresses, printed by tag. */
typedef void (*switch_tag_printer)(struct pctx *pc, const struct nbytes *tag);
uint32_t ether_switch_tag_print(struct pctx *pc, const struct nbytes *pkt, uint32_t length,
				switch_tag_printer tag, unsigned tag_len);
/* Switch tags (print-switchtag.c): Marvell DSA and EDSA, Broadcom. */
uint32_t dsa_if_print(struct pctx *pc, const struct nbytes *pkt, uint32_t length);
uint32_t edsa_if_print(struct pctx *pc, const struct nbytes *pkt, uint32_t length);
uint32_t brcm_tag_if_print(struct pctx *pc, const struct nbytes *pkt, uint32_t length);
uint32_t brcm_tag_prepend_if_print(struct pctx *pc, const struct nbytes *pkt, uint32_t length);
uint32_t sll_print(struct pctx *pc, const struct nbytes *pkt, uint32_t length);
uint32_t sll2_print(struct pctx *pc, const struct nbytes *pkt, uint32_t length);
uint32_t null_print(struct pctx *pc, const struct nbytes *pkt, uint32_t length, int loop);
uint32_t ipnet_print(struct pctx *pc, const struct nbytes *pkt, uint32_t length);
uint32_t ipoib_print(struct pctx *pc, const struct nbytes *pkt, uint32_t length);
uint32_t sl_print(struct pctx *pc, const struct nbytes *pkt, uint32_t length);
uint32_t raw_print(struct pctx *pc, const struct nbytes *pkt, uint32_t length, int version);
/* IEEE 802.11, bare or after a radiotap, Prism or AVS header (print-80211.c) */
uint32_t ieee80211_print(struct pctx *pc, const struct nbytes *pkt, uint32_t length);
uint32_t ieee80211_radio_print(struct pctx *pc, const struct nbytes *pkt, uint32_t length);
uint32_t ieee80211_avs_print(struct pctx *pc, const struct nbytes *pkt, uint32_t length);
uint32_t prism_print(struct pctx *pc, const struct nbytes *pkt, uint32_t length);
/* Returns 0 when the ethertype is not dissected (the caller prints raw data). */
int ethertype_print(struct pctx *pc, unsigned type, const struct nbytes *b, uint32_t length);
extern const struct tok ethertype_names[];

void ip_print(struct pctx *pc, const struct nbytes *b, uint32_t length);
void ip6_print(struct pctx *pc, const struct nbytes *b, uint32_t length);
/* The enclosing IP header, for the transport printers. */
struct ipinfo {
	int version;
	const uint8_t *src, *dst;	/* 4 or 16 bytes */
	const uint8_t *sum_dst;		/* the final destination (source routes), for checksums */
	unsigned nxt;			/* protocol field of the fixed header (ip_p / ip6_nxt) */
	int fragmented;
	unsigned ttl;			/* TTL / hop limit */
	const struct nbytes *iph;	/* the IP header window (for ICMP's quoted headers) */
};
/*
 * b widened to the end of the enclosing IP datagram's captured bytes: what
 * tcpdump's printers may still read past a transport length (its snapend).
 */
static inline struct nbytes ip_snap_window(const struct nbytes *b, const struct ipinfo *ip)
{
	struct nbytes w = *b;
	const uint8_t *end = ip->iph->p + ip->iph->len;

	if (b->p >= ip->iph->p && b->p <= end)
		w.len = (size_t)(end - b->p);
	return w;
}
void ip_demux_print(struct pctx *pc, const struct nbytes *b, uint32_t length,
		    const struct ipinfo *ip, unsigned proto);
extern const struct tok ipproto_names[];

void tcp_print(struct pctx *pc, const struct nbytes *b, uint32_t length, const struct ipinfo *ip);
void udp_print(struct pctx *pc, const struct nbytes *b, uint32_t length, const struct ipinfo *ip);
void dccp_print(struct pctx *pc, const struct nbytes *b, uint32_t length, const struct ipinfo *ip);
void icmp_print(struct pctx *pc, const struct nbytes *b, uint32_t length, const struct ipinfo *ip);
void icmp6_print(struct pctx *pc, const struct nbytes *b, uint32_t length, const struct ipinfo *ip);
void arp_print(struct pctx *pc, const struct nbytes *b, uint32_t length, uint32_t caplen);
/* over_tcp: a length field first; mdns: the class's top bit as mDNS uses it (RFC 6762). */
void domain_print(struct pctx *pc, const struct nbytes *b, uint32_t length, int over_tcp,
		  int mdns);
/* Line-oriented text protocols (SMTP, HTTP, FTP, RTSP): first line, all at -v. */
void txtproto_print(struct pctx *pc, const struct nbytes *b, uint32_t length, const char *name,
		    const char *const *cmds, int print_this);
void smtp_print(struct pctx *pc, const struct nbytes *b, uint32_t length);
void http_print(struct pctx *pc, const struct nbytes *b, uint32_t length);
void ftp_print(struct pctx *pc, const struct nbytes *b, uint32_t length);
void rtsp_print(struct pctx *pc, const struct nbytes *b, uint32_t length);

void ntp_print(struct pctx *pc, const struct nbytes *b, uint32_t length);
/* An NTP 64-bit timestamp at off (also used by other printers). */
void ntp_time_print_at(struct pctx *pc, const struct nbytes *b, size_t off);
/* port: the UDP destination port (control, multihop, LAG or echo). */
void bfd_print(struct pctx *pc, const struct nbytes *b, uint32_t length, unsigned port);

void bcm_li_print(struct pctx *pc, const struct nbytes *b, uint32_t length);

void vxlan_print(struct pctx *pc, const struct nbytes *b, uint32_t length);
void vxlan_gpe_print(struct pctx *pc, const struct nbytes *b, uint32_t length);
void otv_print(struct pctx *pc, const struct nbytes *b, uint32_t length);
void geneve_print(struct pctx *pc, const struct nbytes *b, uint32_t length);
/* Network Service Header (RFC 8300) */
void nsh_print(struct pctx *pc, const struct nbytes *b, uint32_t length);

void gre_print(struct pctx *pc, const struct nbytes *b, uint32_t length);
void mpls_print(struct pctx *pc, const struct nbytes *b, uint32_t length);
/* PPP from its address/control field; returns the header length. */
uint32_t ppp_print(struct pctx *pc, const struct nbytes *b, uint32_t length);
/* The PPP payload of protocol `proto` (after the protocol field). */
void ppp_proto_print(struct pctx *pc, unsigned proto, const struct nbytes *b, uint32_t length);

/* DLT_PPP_SERIAL: PPP in HDLC framing, or Cisco HDLC. */
uint32_t ppp_hdlc_if_print(struct pctx *pc, const struct nbytes *pkt, uint32_t length);
/* Cisco HDLC from its address field; returns the header length. */
uint32_t chdlc_print(struct pctx *pc, const struct nbytes *b, uint32_t length);
/* Frame Relay (print-fr.c): the link types FRELAY and MFR, and Q.933 link management. */
uint32_t fr_if_print(struct pctx *pc, const struct nbytes *pkt, uint32_t length);
uint32_t mfr_if_print(struct pctx *pc, const struct nbytes *pkt, uint32_t length);
uint32_t fr_print(struct pctx *pc, const struct nbytes *b, uint32_t length);
uint32_t mfr_print(struct pctx *pc, const struct nbytes *b, uint32_t length);
void q933_print(struct pctx *pc, const struct nbytes *b, uint32_t length);

void igmp_print(struct pctx *pc, const struct nbytes *b, uint32_t length);
void vrrp_print(struct pctx *pc, const struct nbytes *b, uint32_t length, const struct ipinfo *ip);
/* tcpdump's unsigned_relts_print: 1h2m3s */
void pc_relts(struct pctx *pc, uint32_t secs);

void hsrp_print(struct pctx *pc, const struct nbytes *b, uint32_t length);
void esp_print(struct pctx *pc, const struct nbytes *b, uint32_t length);
/* Returns the AH header length. */
uint32_t ah_print(struct pctx *pc, const struct nbytes *b);

void bootp_print(struct pctx *pc, const struct nbytes *b, uint32_t length);

void dhcp6_print(struct pctx *pc, const struct nbytes *b, uint32_t length);
/* A DNS name at off of message m (pointers relative to m); the offset after it, or (size_t)-1. */
size_t dns_name_print(struct pctx *pc, const struct nbytes *m, size_t off);

/*
 * An 802.2 LLC frame (src/dst: the MAC addresses, or NULL). Returns the LLC
 * header length, negative when the payload is left for the caller to dump.
 */
/* A SNAP header and its payload; 1 when printed (or cut short), 0 for raw data. */
int snap_print(struct pctx *pc, const struct nbytes *b, uint32_t length, const uint8_t *src,
	       const uint8_t *dst);
int llc_print(struct pctx *pc, const struct nbytes *b, uint32_t length, const uint8_t *src,
	      const uint8_t *dst);
/* Novell IPX datagram (print-ipx.c) */
void ipx_print(struct pctx *pc, const struct nbytes *b, uint32_t length);
void lldp_print(struct pctx *pc, const struct nbytes *b, uint32_t length);
uint32_t pppoe_print(struct pctx *pc, const struct nbytes *b, uint32_t length);
void loopback_print(struct pctx *pc, const struct nbytes *b, uint32_t length);
void msnlb_print(struct pctx *pc, const struct nbytes *b);
void stp_print(struct pctx *pc, const struct nbytes *b, uint32_t length);
void cdp_print(struct pctx *pc, const struct nbytes *b, uint32_t length);
void vtp_print(struct pctx *pc, const struct nbytes *b, uint32_t length);
extern const struct tok oui_names[];

void pim_print(struct pctx *pc, const struct nbytes *b, uint32_t length, const struct ipinfo *ip);
/* PIM version 1 and DVMRP, both carried in IGMP messages */
void pimv1_print(struct pctx *pc, const struct nbytes *b, uint32_t length);
void dvmrp_print(struct pctx *pc, const struct nbytes *b, uint32_t length);
/*
 * A MACsec SecTAG at *hdrlen of an Ethernet frame: < 0 when the frame goes on
 * (offsets and lengths moved past the tag, the ICV cut off), 0 when the
 * payload is encrypted, > 0 the link header length when cut short.
 */
int macsec_print(struct pctx *pc, const struct nbytes *pkt, uint32_t *hdrlen, uint32_t *length,
		 uint32_t *caplen);
void dtp_print(struct pctx *pc, const struct nbytes *b, uint32_t length);
void udld_print(struct pctx *pc, const struct nbytes *b, uint32_t length);
/* The mobility header's length, or -1 after the truncation marker. */
int mobility_print(struct pctx *pc, const struct nbytes *b);
void ospf_print(struct pctx *pc, const struct nbytes *b, uint32_t length);
void ldp_print(struct pctx *pc, const struct nbytes *b, uint32_t length);
void rpki_rtr_print(struct pctx *pc, const struct nbytes *b, uint32_t length);
void lisp_print(struct pctx *pc, const struct nbytes *b, uint32_t length);
extern const struct tok mpls_pw_type_names[];
/* Opaque LSA bodies shared by OSPFv2 and OSPFv3: 0, or -1 when cut short or malformed. */
int ospf_grace_lsa_print(struct pctx *pc, const struct nbytes *b, size_t off, unsigned ls_len);
int ospf_te_lsa_print(struct pctx *pc, const struct nbytes *b, size_t off, unsigned ls_len);
void ospf6_print(struct pctx *pc, const struct nbytes *b, uint32_t length);
void eigrp_print(struct pctx *pc, const struct nbytes *b, uint32_t length);
void pgm_print(struct pctx *pc, const struct nbytes *b, uint32_t length, const struct ipinfo *ip);
void rsvp_print(struct pctx *pc, const struct nbytes *b, uint32_t length);
void rip_print(struct pctx *pc, const struct nbytes *b, uint32_t length);
void ripng_print(struct pctx *pc, const struct nbytes *b, uint32_t length);
void babel_print(struct pctx *pc, const struct nbytes *b, uint32_t length);
void ahcp_print(struct pctx *pc, const struct nbytes *b, uint32_t length);
void bgp_print(struct pctx *pc, const struct nbytes *b, uint32_t length);
/* IANA address family numbers (print-bgp.c) */
extern const struct tok afi_names[];
/*
 * A BGP-style prefix (length in bits, then the significant bytes) of an
 * alen-byte address family at off, at most itemlen bytes, printed after
 * lead as ADDR/LEN: its length, -1 for a prefix length too long, -2 when
 * itemlen is too short (tcpdump's decode_prefix4/6).
 */
int bgp_prefix(struct pctx *pc, const struct nbytes *b, size_t off, unsigned itemlen,
	       unsigned alen, const char *lead);

/* OSI network layer by NLPID (print-isis.c): IS-IS here, CLNP and ES-IS in print-clnp.c */
void isoclns_print(struct pctx *pc, const struct nbytes *b, uint32_t length);
int clnp_print(struct pctx *pc, const struct nbytes *b, uint32_t length);
void esis_print(struct pctx *pc, const struct nbytes *b, uint32_t length);
extern const struct tok nlpid_names[];
/* An NSAP of len bytes at off as xx.xxxx.xxxx... (checked read). */
void pc_isonsap(struct pctx *pc, const struct nbytes *b, size_t off, unsigned len);
/* ISO 8473 checksum of len bytes with the checksum at ck_off, and its verdict printed. */
uint16_t osi_cksum(const uint8_t *p, unsigned ck_off, unsigned len);
void osi_cksum_print(struct pctx *pc, const struct nbytes *b, size_t off, unsigned cksum,
		     unsigned ck_off, unsigned len);

/* GMPLS / DiffServ-TE code points (print-gmpls.c) */
extern const struct tok gmpls_link_prot_names[];
extern const struct tok gmpls_switch_cap_names[];
extern const struct tok gmpls_tsc_indication_names[];
extern const struct tok gmpls_encoding_names[];
extern const struct tok diffserv_te_bc_names[];
/* An IEEE 754 bandwidth in bytes/s as "N.NNN Mbps". */
void pc_ieee754_mbps(struct pctx *pc, uint32_t raw);
void syslog_print(struct pctx *pc, const struct nbytes *b, uint32_t length);
/* One MPTCP option (o: from its kind byte, len bytes); 0 when malformed. */
int mptcp_print(struct pctx *pc, const struct nbytes *o, unsigned len, unsigned flags);

/* EAP packet (RFC 3748) and its 802.1X EAPOL framing */
void eap_print(struct pctx *pc, const struct nbytes *b, uint32_t length);
void eapol_print(struct pctx *pc, const struct nbytes *b, uint32_t length);
void tftp_print(struct pctx *pc, const struct nbytes *b, uint32_t length);
/* IEEE 802.3 Slow Protocols: LACP, Marker (OAM and others undecoded) */
void slow_print(struct pctx *pc, const struct nbytes *b, uint32_t length);
void snmp_print(struct pctx *pc, const struct nbytes *b, uint32_t length);
/* ISAKMP/IKE (b: from the ISAKMP header to the end of the capture; ip: for the initiator cache). */
void isakmp_print(struct pctx *pc, const struct nbytes *b, uint32_t length,
		  const struct ipinfo *ip);
/* IEEE 1588 Precision Time Protocol */
void ptp_print(struct pctx *pc, const struct nbytes *b, uint32_t length);
void radius_print(struct pctx *pc, const struct nbytes *b, uint32_t length);

/* TCP relative sequence numbers (print-tcp.c) */
void tcpseq_free(struct tcp_seq_table *t);

#endif
