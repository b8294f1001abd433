/* SPDX-License-Identifier: MIT */
/*
 * RADIUS (RFC 2865, accounting RFC 2866, tunnels RFC 2867/2868, extensions
 * RFC 2869, IPv6 RFC 3162, VLANs RFC 4675, dynamic authorization RFC 5176,
 * MIP6 RFC 5447, location RFC 5580) as tcpdump 4.99 prints it: one summary
 * line, and at -v the authenticator and one line per attribute.
 */
#include <time.h>

#include "net/print-int.h"

static const struct tok radius_code_names[] = {
	{ 1, "Access-Request" }, { 2, "Access-Accept" }, { 3, "Access-Reject" },
	{ 4, "Accounting-Request" }, { 5, "Accounting-Response" }, { 11, "Access-Challenge" },
	{ 12, "Status-Server" }, { 13, "Status-Client" }, { 40, "Disconnect-Request" },
	{ 41, "Disconnect-ACK" }, { 42, "Disconnect-NAK" }, { 43, "CoA-Request" },
	{ 44, "CoA-ACK" }, { 45, "CoA-NAK" }, { 255, "Reserved" }, { 0, NULL }
};

/* Enumerated values, indexed by value; NULL marks a value without a name. */
static const char *const service_types[] = {
	NULL, "Login", "Framed", "Callback Login", "Callback Framed", "Outbound",
	"Administrative", "NAS Prompt", "Authenticate Only", "Callback NAS Prompt", "Call Check",
	"Callback Administrative"
};
static const char *const framed_protocols[] = {
	NULL, "PPP", "SLIP", "ARAP", "Gandalf proprietary", "Xylogics IPX/SLIP", "X.75 Synchronous"
};
static const char *const framed_routings[] = { "None", "Send", "Listen", "Send&Listen" };
static const char *const framed_compressions[] = { "None", "VJ TCP/IP", "IPX", "Stac-LZS" };
static const char *const login_services[] = {
	"Telnet", "Rlogin", "TCP Clear", "PortMaster(proprietary)", "LAT", "X.25-PAD",
	"X.25-T3POS", "Unassigned", "TCP Clear Quiet"
};
static const char *const termination_actions[] = { "Default", "RADIUS-Request" };
static const char *const ingress_filters[] = { NULL, "Enabled", "Disabled" };
static const char *const nas_port_types[] = {
	"Async", "Sync", "ISDN Sync", "ISDN Async V.120", "ISDN Async V.110", "Virtual", "PIAFS",
	"HDLC Clear Channel", "X.25", "X.75", "G.3 Fax", "SDSL", "ADSL-CAP", "ADSL-DMT",
	"ISDN-DSL", "Ethernet", "xDSL", "Cable", "Wireless - Other", "Wireless - IEEE 802.11"
};
static const char *const acct_status_types[] = {
	NULL, "Start", "Stop", "Interim-Update", "Unassigned", "Unassigned", "Unassigned",
	"Accounting-On", "Accounting-Off", "Tunnel-Start", "Tunnel-Stop", "Tunnel-Reject",
	"Tunnel-Link-Start", "Tunnel-Link-Stop", "Tunnel-Link-Reject", "Failed"
};
static const char *const acct_authentics[] = { NULL, "RADIUS", "Local", "Remote" };
static const char *const acct_terminate_causes[] = {
	NULL, "User Request", "Lost Carrier", "Lost Service", "Idle Timeout", "Session Timeout",
	"Admin Reset", "Admin Reboot", "Port Error", "NAS Error", "NAS Request", "NAS Reboot",
	"Port Unneeded", "Port Preempted", "Port Suspended", "Service Unavailable", "Callback",
	"User Error", "Host Request"
};
static const char *const tunnel_types[] = {
	NULL, "PPTP", "L2F", "L2TP", "ATMP", "VTP", "AH", "IP-IP", "MIN-IP-IP", "ESP", "GRE",
	"DVS", "IP-in-IP Tunneling", "VLAN"
};
static const char *const tunnel_media[] = {
	NULL, "IPv4", "IPv6", "NSAP", "HDLC", "BBN 1822", "802", "E.163", "E.164", "F.69",
	"X.121", "IPX", "Appletalk", "Decnet IV", "Banyan Vines", "E.164 with NSAP subaddress"
};
static const char *const arap_zone_accesses[] = {
	NULL, "Only access to dfl zone", "Use zone filter inc.", "Not used", "Use zone filter exc."
};
static const char *const prompts[] = { "No Echo", "Echo" };

#define ENUM(t) t, sizeof(t) / sizeof(t[0])

/* How an attribute's value is shown. */
enum rad_kind {
	RK_NONE,	/* value not printed */
	RK_STRING,
	RK_NUM,
	RK_ADDR,
	RK_ADDR6,
	RK_PREFIX6,
	RK_TIME,
	RK_VENDOR,
	RK_STRANGE,	/* ARAP and Error-Cause layouts */
	RK_VECTOR64,
	RK_MIP6_PREFIX,
	RK_OPERATOR,
	RK_LOCATION_INFO,
	RK_LOCATION_DATA,
	RK_LOCATION_RULES,
};

struct rad_attr {
	const char *name;
	enum rad_kind kind;
	const char *const *values;
	unsigned nvalues;
};

/* IANA RADIUS attribute types 1..129, indexed by type. */
static const struct rad_attr rad_attrs[] = {
	[1] = { "User-Name", RK_STRING, NULL, 0 },
	[2] = { "User-Password", RK_NONE, NULL, 0 },
	[3] = { "CHAP-Password", RK_NONE, NULL, 0 },
	[4] = { "NAS-IP-Address", RK_ADDR, NULL, 0 },
	[5] = { "NAS-Port", RK_NUM, NULL, 0 },
	[6] = { "Service-Type", RK_NUM, ENUM(service_types) },
	[7] = { "Framed-Protocol", RK_NUM, ENUM(framed_protocols) },
	[8] = { "Framed-IP-Address", RK_ADDR, NULL, 0 },
	[9] = { "Framed-IP-Netmask", RK_ADDR, NULL, 0 },
	[10] = { "Framed-Routing", RK_NUM, ENUM(framed_routings) },
	[11] = { "Filter-Id", RK_STRING, NULL, 0 },
	[12] = { "Framed-MTU", RK_NUM, NULL, 0 },
	[13] = { "Framed-Compression", RK_NUM, ENUM(framed_compressions) },
	[14] = { "Login-IP-Host", RK_ADDR, NULL, 0 },
	[15] = { "Login-Service", RK_NUM, ENUM(login_services) },
	[16] = { "Login-TCP-Port", RK_NUM, NULL, 0 },
	[17] = { "Unassigned", RK_NONE, NULL, 0 },
	[18] = { "Reply-Message", RK_STRING, NULL, 0 },
	[19] = { "Callback-Number", RK_STRING, NULL, 0 },
	[20] = { "Callback-Id", RK_STRING, NULL, 0 },
	[21] = { "Unassigned", RK_NONE, NULL, 0 },
	[22] = { "Framed-Route", RK_STRING, NULL, 0 },
	[23] = { "Framed-IPX-Network", RK_NUM, NULL, 0 },
	[24] = { "State", RK_STRING, NULL, 0 },
	[25] = { "Class", RK_STRING, NULL, 0 },
	[26] = { "Vendor-Specific", RK_VENDOR, NULL, 0 },
	[27] = { "Session-Timeout", RK_NUM, NULL, 0 },
	[28] = { "Idle-Timeout", RK_NUM, NULL, 0 },
	[29] = { "Termination-Action", RK_NUM, ENUM(termination_actions) },
	[30] = { "Called-Station-Id", RK_STRING, NULL, 0 },
	[31] = { "Calling-Station-Id", RK_STRING, NULL, 0 },
	[32] = { "NAS-Identifier", RK_STRING, NULL, 0 },
	[33] = { "Proxy-State", RK_STRING, NULL, 0 },
	[34] = { "Login-LAT-Service", RK_STRING, NULL, 0 },
	[35] = { "Login-LAT-Node", RK_STRING, NULL, 0 },
	[36] = { "Login-LAT-Group", RK_STRING, NULL, 0 },
	[37] = { "Framed-AppleTalk-Link", RK_NUM, NULL, 0 },
	[38] = { "Framed-AppleTalk-Network", RK_NUM, NULL, 0 },
	[39] = { "Framed-AppleTalk-Zone", RK_STRING, NULL, 0 },
	[40] = { "Acct-Status-Type", RK_NUM, ENUM(acct_status_types) },
	[41] = { "Acct-Delay-Time", RK_NUM, NULL, 0 },
	[42] = { "Acct-Input-Octets", RK_NUM, NULL, 0 },
	[43] = { "Acct-Output-Octets", RK_NUM, NULL, 0 },
	[44] = { "Acct-Session-Id", RK_STRING, NULL, 0 },
	[45] = { "Acct-Authentic", RK_NUM, ENUM(acct_authentics) },
	[46] = { "Acct-Session-Time", RK_NUM, NULL, 0 },
	[47] = { "Acct-Input-Packets", RK_NUM, NULL, 0 },
	[48] = { "Acct-Output-Packets", RK_NUM, NULL, 0 },
	[49] = { "Acct-Terminate-Cause", RK_NUM, ENUM(acct_terminate_causes) },
	[50] = { "Acct-Multi-Session-Id", RK_STRING, NULL, 0 },
	[51] = { "Acct-Link-Count", RK_NUM, NULL, 0 },
	[52] = { "Acct-Input-Gigawords", RK_NUM, NULL, 0 },
	[53] = { "Acct-Output-Gigawords", RK_NUM, NULL, 0 },
	[54] = { "Unassigned", RK_NONE, NULL, 0 },
	[55] = { "Event-Timestamp", RK_TIME, NULL, 0 },
	[56] = { "Egress-VLANID", RK_NUM, NULL, 0 },
	[57] = { "Ingress-Filters", RK_NUM, ENUM(ingress_filters) },
	[58] = { "Egress-VLAN-Name", RK_STRING, NULL, 0 },
	[59] = { "User-Priority-Table", RK_NONE, NULL, 0 },
	[60] = { "CHAP-Challenge", RK_STRING, NULL, 0 },
	[61] = { "NAS-Port-Type", RK_NUM, ENUM(nas_port_types) },
	[62] = { "Port-Limit", RK_NUM, NULL, 0 },
	[63] = { "Login-LAT-Port", RK_STRING, NULL, 0 },
	[64] = { "Tunnel-Type", RK_NUM, ENUM(tunnel_types) },
	[65] = { "Tunnel-Medium-Type", RK_NUM, ENUM(tunnel_media) },
	[66] = { "Tunnel-Client-Endpoint", RK_STRING, NULL, 0 },
	[67] = { "Tunnel-Server-Endpoint", RK_STRING, NULL, 0 },
	[68] = { "Acct-Tunnel-Connection", RK_STRING, NULL, 0 },
	[69] = { "Tunnel-Password", RK_STRING, NULL, 0 },
	[70] = { "ARAP-Password", RK_STRANGE, NULL, 0 },
	[71] = { "ARAP-Features", RK_STRANGE, NULL, 0 },
	[72] = { "ARAP-Zone-Access", RK_NUM, ENUM(arap_zone_accesses) },
	[73] = { "ARAP-Security", RK_STRING, NULL, 0 },
	[74] = { "ARAP-Security-Data", RK_STRING, NULL, 0 },
	[75] = { "Password-Retry", RK_NUM, NULL, 0 },
	[76] = { "Prompt", RK_NUM, ENUM(prompts) },
	[77] = { "Connect-Info", RK_STRING, NULL, 0 },
	[78] = { "Configuration-Token", RK_STRING, NULL, 0 },
	[79] = { "EAP-Message", RK_STRING, NULL, 0 },
	[80] = { "Message-Authenticator", RK_STRING, NULL, 0 },
	[81] = { "Tunnel-Private-Group-ID", RK_STRING, NULL, 0 },
	[82] = { "Tunnel-Assignment-ID", RK_STRING, NULL, 0 },
	[83] = { "Tunnel-Preference", RK_NUM, NULL, 0 },
	[84] = { "ARAP-Challenge-Response", RK_STRANGE, NULL, 0 },
	[85] = { "Acct-Interim-Interval", RK_NUM, NULL, 0 },
	[86] = { "Acct-Tunnel-Packets-Lost", RK_NUM, NULL, 0 },
	[87] = { "NAS-Port-Id", RK_STRING, NULL, 0 },
	[88] = { "Framed-Pool", RK_STRING, NULL, 0 },
	[89] = { "CUI", RK_STRING, NULL, 0 },
	[90] = { "Tunnel-Client-Auth-ID", RK_STRING, NULL, 0 },
	[91] = { "Tunnel-Server-Auth-ID", RK_STRING, NULL, 0 },
	[92] = { "NAS-Filter-Rule", RK_STRING, NULL, 0 },
	[93] = { "Unassigned", RK_NONE, NULL, 0 },
	[94] = { "Originating-Line-Info", RK_NONE, NULL, 0 },
	[95] = { "NAS-IPv6-Address", RK_ADDR6, NULL, 0 },
	[96] = { "Framed-Interface-ID", RK_NONE, NULL, 0 },
	[97] = { "Framed-IPv6-Prefix", RK_PREFIX6, NULL, 0 },
	[98] = { "Login-IPv6-Host", RK_ADDR6, NULL, 0 },
	[99] = { "Framed-IPv6-Route", RK_STRING, NULL, 0 },
	[100] = { "Framed-IPv6-Pool", RK_STRING, NULL, 0 },
	[101] = { "Error-Cause", RK_STRANGE, NULL, 0 },
	[102] = { "EAP-Key-Name", RK_NONE, NULL, 0 },
	[103] = { "Digest-Response", RK_STRING, NULL, 0 },
	[104] = { "Digest-Realm", RK_STRING, NULL, 0 },
	[105] = { "Digest-Nonce", RK_STRING, NULL, 0 },
	[106] = { "Digest-Response-Auth", RK_STRING, NULL, 0 },
	[107] = { "Digest-Nextnonce", RK_STRING, NULL, 0 },
	[108] = { "Digest-Method", RK_STRING, NULL, 0 },
	[109] = { "Digest-URI", RK_STRING, NULL, 0 },
	[110] = { "Digest-Qop", RK_STRING, NULL, 0 },
	[111] = { "Digest-Algorithm", RK_STRING, NULL, 0 },
	[112] = { "Digest-Entity-Body-Hash", RK_STRING, NULL, 0 },
	[113] = { "Digest-CNonce", RK_STRING, NULL, 0 },
	[114] = { "Digest-Nonce-Count", RK_STRING, NULL, 0 },
	[115] = { "Digest-Username", RK_STRING, NULL, 0 },
	[116] = { "Digest-Opaque", RK_STRING, NULL, 0 },
	[117] = { "Digest-Auth-Param", RK_STRING, NULL, 0 },
	[118] = { "Digest-AKA-Auts", RK_STRING, NULL, 0 },
	[119] = { "Digest-Domain", RK_STRING, NULL, 0 },
	[120] = { "Digest-Stale", RK_STRING, NULL, 0 },
	[121] = { "Digest-HA1", RK_STRING, NULL, 0 },
	[122] = { "SIP-AOR", RK_STRING, NULL, 0 },
	[123] = { "Delegated-IPv6-Prefix", RK_PREFIX6, NULL, 0 },
	[124] = { "MIP6-Feature-Vector", RK_VECTOR64, NULL, 0 },
	[125] = { "MIP6-Home-Link-Prefix", RK_MIP6_PREFIX, NULL, 0 },
	[126] = { "Operator-Name", RK_OPERATOR, NULL, 0 },
	[127] = { "Location-Information", RK_LOCATION_INFO, NULL, 0 },
	[128] = { "Location-Data", RK_LOCATION_DATA, NULL, 0 },
	[129] = { "Basic-Location-Policy-Rules", RK_LOCATION_RULES, NULL, 0 },
};
#define RAD_NATTRS (sizeof(rad_attrs) / sizeof(rad_attrs[0]))

static const struct tok vlan_tag_names[] = { { 0x31, "Tagged" }, { 0x32, "Untagged" }, { 0, NULL } };

static const struct tok error_cause_names[] = {
	{ 201, "Residual Session Context Removed" }, { 202, "Invalid EAP Packet (Ignored)" },
	{ 401, "Unsupported Attribute" }, { 402, "Missing Attribute" },
	{ 403, "NAS Identification Mismatch" }, { 404, "Invalid Request" },
	{ 405, "Unsupported Service" }, { 406, "Unsupported Extension" },
	{ 407, "Invalid Attribute Value" }, { 501, "Administratively Prohibited" },
	{ 502, "Request Not Routable (Proxy)" }, { 503, "Session Context Not Found" },
	{ 504, "Session Context Not Removable" }, { 505, "Other Proxy Processing Error" },
	{ 506, "Resources Unavailable" }, { 507, "Request Initiated" },
	{ 508, "Multiple Session Selection Unsupported" }, { 509, "Location Info Required" },
	{ 0, NULL }
};

/* MIP6-Feature-Vector bits (RFC 5447 and the IANA registry), low to high. */
static const struct {
	uint64_t bit;
	const char *name;
} mip6_features[] = {
	{ 0x1, "MIP6_INTEGRATED" }, { 0x2, "LOCAL_HOME_AGENT_ASSIGNMENT" },
	{ 0x10000000000ull, "PMIP6_SUPPORTED" }, { 0x20000000000ull, "IP4_HOA_SUPPORTED" },
	{ 0x40000000000ull, "LOCAL_MAG_ROUTING_SUPPORTED" }, { 0x80000000000ull, "ASSIGN_LOCAL_IP" },
	{ 0x100000000000ull, "MIP4_SUPPORTED" }, { 0x200000000000ull, "OPTIMIZED_IDLE_MODE_MOBILITY" },
	{ 0x400000000000ull, "GTPv2_SUPPORTED" }, { 0x800000000000ull, "IP4_TRANSPORT_SUPPORTED" },
	{ 0x1000000000000ull, "IP4_HOA_ONLY_SUPPORTED" },
	{ 0x2000000000000ull, "INTER_MAG_ROUTING_SUPPORTED" },
};

static const struct tok operator_namespaces[] = {
	{ 0x30, "TADIG" }, { 0x31, "REALM" }, { 0x32, "E212" }, { 0x33, "ICC" }, { 0, NULL }
};
static const struct tok location_codes[] = { { 0, "Civic" }, { 1, "Geospatial" }, { 0, NULL } };
static const struct tok location_entities[] = { { 0, "User" }, { 1, "RADIUS" }, { 0, NULL } };
static const struct tok location_rule_flags[] = {
	{ 0x8000, "Retransmission Allowed" }, { 0x4000, "MBZ-1" }, { 0x2000, "MBZ-2" },
	{ 0x1000, "MBZ-3" }, { 0x0800, "MBZ-4" }, { 0x0400, "MBZ-5" }, { 0x0200, "MBZ-6" },
	{ 0x0100, "MBZ-7" }, { 0x0080, "MBZ-8" }, { 0x0040, "MBZ-9" }, { 0x0020, "MBZ-10" },
	{ 0x0010, "MBZ-11" }, { 0x0008, "MBZ-12" }, { 0x0004, "MBZ-13" }, { 0x0002, "MBZ-14" },
	{ 0x0001, "MBZ-15" }, { 0, NULL }
};

/* A few SMI enterprise numbers (IANA) seen in Vendor-Specific attributes. */
static const struct tok smi_enterprises[] = {
	{ 9, "Cisco" }, { 311, "Microsoft" }, { 529, "Ascend" }, { 1584, "Bay Networks" },
	{ 2636, "Juniper Networks" }, { 3076, "Cisco VPN 3000" }, { 4874, "Juniper/Unisphere" },
	{ 5535, "3GPP2" }, { 10415, "3GPP" }, { 14122, "WiFi Alliance" }, { 14823, "Aruba" },
	{ 0, NULL }
};

static void rad_tag(struct pctx *pc, unsigned tag)
{
	if (tag)
		pc_printf(pc, "Tag[%u] ", tag);
	else
		pc_puts(pc, "Tag[Unused] ");
}

/* Printable ASCII as is, the rest as dots, up to a NUL. */
static void rad_text(struct pctx *pc, const struct nbytes *v, size_t off, size_t len)
{
	size_t i;

	for (i = off; i < len; i++) {
		unsigned c = G8(pc, v, i);

		if (!c)
			break;
		pc_putc(pc, c >= 0x20 && c < 0x7f ? (char)c : '.');
	}
}

static void rad_string(struct pctx *pc, const struct nbytes *v, unsigned len, unsigned type)
{
	size_t off = 0;
	unsigned c;

	switch (type) {
	case 69:	/* Tunnel-Password: tag and salt before the encrypted value */
		if (len < 3) {
			pc_print_trunc(pc);
			return;
		}
		c = G8(pc, v, 0);
		rad_tag(pc, c <= 0x1f ? c : 0);
		pc_printf(pc, "Salt %u ", G16(pc, v, 1));
		off = 3;
		break;
	case 66: case 67: case 81: case 82: case 90: case 91:	/* optional tag */
		c = G8(pc, v, 0);
		if (c <= 0x1f) {
			rad_tag(pc, c);
			off = 1;
		}
		break;
	case 58:	/* Egress-VLAN-Name */
		c = G8(pc, v, 0);
		pc_tok(pc, vlan_tag_names, c, "Unknown tag");
		pc_printf(pc, " (0x%02x) ", c);
		off = 1;
		break;
	case 79: {	/* EAP-Message */
		eap_print(pc, v, len);
		pc->proto = "radius";
		return;
	}
	}
	rad_text(pc, v, off, len);
}

static void rad_duration(struct pctx *pc, uint32_t t)
{
	if (t < 60)
		pc_printf(pc, "%02u secs", t);
	else if (t < 3600)
		pc_printf(pc, "%02u:%02u min", t / 60, t % 60);
	else
		pc_printf(pc, "%02u:%02u:%02u hours", t / 3600, t % 3600 / 60, t % 60);
}

static void rad_num(struct pctx *pc, const struct nbytes *v, unsigned len, const struct rad_attr *a,
		    unsigned type)
{
	uint32_t n;

	if (len != 4) {
		pc_printf(pc, "ERROR: length %u != 4", len);
		return;
	}
	if (a->values) {
		if (type == 64 || type == 65) {
			unsigned tag = G8(pc, v, 0);

			if (tag)
				pc_printf(pc, "Tag[%u] ", tag);
			else
				pc_puts(pc, "Tag[Unused] ");
			n = G24(pc, v, 1);
		} else {
			n = G32(pc, v, 0);
		}
		if (n < a->nvalues && a->values[n])
			pc_puts(pc, a->values[n]);
		else
			pc_printf(pc, "#%u", n);
		return;
	}
	n = G32(pc, v, 0);
	switch (type) {
	case 23:
		if (n == 0xfffffffe)
			pc_puts(pc, "NAS Select");
		else
			pc_u(pc, n);
		break;
	case 27: case 28: case 41: case 46: case 85:
		rad_duration(pc, n);
		break;
	case 37:
		if (n)
			pc_u(pc, n);
		else
			pc_puts(pc, "Unnumbered");
		break;
	case 38:
		if (n)
			pc_u(pc, n);
		else
			pc_puts(pc, "NAS assigned");
		break;
	case 83:
		rad_tag(pc, n >> 24);
		pc_u(pc, n & 0xffffff);
		break;
	case 56:
		pc_tok(pc, vlan_tag_names, n >> 24, "Unknown tag");
		pc_printf(pc, " (0x%02x) %u", n >> 24, n & 0xffffff);
		break;
	default:
		pc_u(pc, n);
		break;
	}
}

static void rad_addr(struct pctx *pc, const struct nbytes *v, unsigned len, unsigned type)
{
	uint32_t a;

	if (len != 4) {
		pc_printf(pc, "ERROR: length %u != 4", len);
		return;
	}
	a = G32(pc, v, 0);
	if ((type == 8 || type == 14) && a == 0xffffffff)
		pc_puts(pc, "User Selected");
	else if ((type == 8 || type == 14) && a == 0xfffffffe)
		pc_puts(pc, "NAS Select");
	else
		pc_get_ipaddr(pc, v, 0);
}

static void rad_prefix6(struct pctx *pc, const struct nbytes *v, unsigned len)
{
	uint8_t a[16] = { 0 };
	unsigned plen;

	if (len < 2 || len > 18) {
		pc_printf(pc, "ERROR: length %u not in range (2..18)", len);
		return;
	}
	GCHECK(pc, v, 0, len);
	plen = v->p[1];
	if (plen > 128) {
		pc_printf(pc, "ERROR: netmask %u not in range (0..128)", plen);
		return;
	}
	memcpy(a, v->p + 2, len - 2);
	pc_ip6addr(pc, a);
	pc_printf(pc, "/%u", plen);
	if (plen > 8 * (len - 2))
		pc_puts(pc, " (inconsistent prefix length)");
}

/* ctime()'s text in local time, without its newline. */
static void rad_time(struct pctx *pc, const struct nbytes *v, unsigned len)
{
	time_t t;
	struct tm tm;
	char s[64];

	if (len != 4) {
		pc_printf(pc, "ERROR: length %u != 4", len);
		return;
	}
	t = (time_t)G32(pc, v, 0);
	if (!localtime_r(&t, &tm) || !strftime(s, sizeof(s), "%a %b %e %H:%M:%S %Y", &tm))
		return;
	pc_puts(pc, s);
}

static void rad_hex(struct pctx *pc, const struct nbytes *v, size_t off, size_t n)
{
	size_t i;

	GCHECK(pc, v, off, n);
	for (i = 0; i < n; i++)
		pc_printf(pc, "%02X", v->p[off + i]);
}

static void rad_strange(struct pctx *pc, const struct nbytes *v, unsigned len, unsigned type)
{
	uint32_t n;

	switch (type) {
	case 70:	/* ARAP-Password */
		if (len != 16) {
			pc_printf(pc, "ERROR: length %u != 16", len);
			return;
		}
		pc_puts(pc, "User_challenge (");
		rad_hex(pc, v, 0, 8);
		pc_puts(pc, ") User_resp(");
		rad_hex(pc, v, 8, 8);
		pc_putc(pc, ')');
		break;
	case 71:	/* ARAP-Features */
		if (len != 14) {
			pc_printf(pc, "ERROR: length %u != 14", len);
			return;
		}
		pc_puts(pc, G8(pc, v, 0) ? "User can change password" :
					   "User cannot change password");
		pc_printf(pc, ", Min password length: %u", G8(pc, v, 1));
		pc_puts(pc, ", created at: ");
		rad_hex(pc, v, 2, 4);
		pc_puts(pc, ", expires in: ");
		rad_hex(pc, v, 6, 4);
		pc_puts(pc, ", Current Time: ");
		rad_hex(pc, v, 10, 4);
		break;
	case 84:	/* ARAP-Challenge-Response */
		if (len < 8) {
			pc_printf(pc, "ERROR: length %u != 8", len);
			return;
		}
		rad_hex(pc, v, 0, 8);
		break;
	case 101:	/* Error-Cause */
		if (len != 4) {
			pc_printf(pc, "Error: length %u != 4", len);
			return;
		}
		n = G32(pc, v, 0);
		pc_printf(pc, "Error cause %u: ", n);
		pc_tok(pc, error_cause_names, n, "Error-Cause %u not known");
		break;
	}
}

static void rad_vendor(struct pctx *pc, const struct nbytes *v, unsigned len)
{
	uint32_t vendor;
	size_t off = 4;

	if (len < 4) {
		pc_print_trunc(pc);
		return;
	}
	vendor = G32(pc, v, 0);
	pc_puts(pc, "Vendor: ");
	pc_tok(pc, smi_enterprises, vendor, "Unknown");
	pc_printf(pc, " (%u)", vendor);
	while (len - off >= 2) {
		unsigned vtype = G8(pc, v, off), vlen = G8(pc, v, off + 1);
		size_t i;

		if (vlen < 2) {
			pc_printf(pc, "\n\t    Vendor Attribute: %u, Length: %u (bogus, must be >= 2)",
				  vtype, vlen);
			return;
		}
		if (vlen > len - off) {
			pc_printf(pc, "\n\t    Vendor Attribute: %u, Length: %u (bogus, goes past end of vendor-specific attribute)",
				  vtype, vlen);
			return;
		}
		GCHECK(pc, v, off + 2, vlen - 2);
		pc_printf(pc, "\n\t    Vendor Attribute: %u, Length: %u, Value: ", vtype, vlen - 2);
		for (i = 0; i < vlen - 2u; i++) {
			unsigned c = v->p[off + 2 + i];

			pc_putc(pc, c >= 0x20 && c < 0x7f ? (char)c : '.');
		}
		off += vlen;
	}
}

/* tcpdump's nd_printn: n characters made safe, no stop at NUL. */
static void rad_printn(struct pctx *pc, const struct nbytes *v, size_t off, size_t n)
{
	size_t i;

	for (i = 0; i < n && nb_has(v, off + i, 1); i++)
		pc_safechar(pc, v->p[off + i]);
}

static void rad_location(struct pctx *pc, const struct nbytes *v, unsigned len, unsigned type)
{
	GCHECK(pc, v, 0, len);
	switch (type) {
	case 126:	/* Operator-Name */
		if (len < 2) {
			pc_printf(pc, "ERROR: length %u < 2", len);
			return;
		}
		pc_putc(pc, '[');
		pc_tok(pc, operator_namespaces, v->p[0], "unknown namespace %u");
		pc_puts(pc, "] ");
		rad_printn(pc, v, 1, len - 1);
		break;
	case 127:	/* Location-Information */
		if (len < 21) {
			pc_printf(pc, "ERROR: length %u < 21", len);
			return;
		}
		pc_printf(pc, "index %u, code ", G16(pc, v, 0));
		pc_tok(pc, location_codes, v->p[2], "Unknown (%u)");
		pc_puts(pc, ", entity ");
		pc_tok(pc, location_entities, v->p[3], "Unknown (%u)");
		pc_puts(pc, ", sighting time ");
		ntp_time_print_at(pc, v, 4);
		pc_puts(pc, ", time to live ");
		ntp_time_print_at(pc, v, 12);
		pc_puts(pc, ", method \"");
		rad_printn(pc, v, 20, len - 20);
		pc_putc(pc, '"');
		break;
	case 128:	/* Location-Data */
		if (len < 3) {
			pc_printf(pc, "ERROR: length %u < 3", len);
			return;
		}
		pc_printf(pc, "index %u, location", G16(pc, v, 0));
		pc_hex_ascii_print(pc, "\n\t    ", v->p + 2, len - 2, 0);
		break;
	case 129: {	/* Basic-Location-Policy-Rules */
		if (len < 10) {
			pc_printf(pc, "ERROR: length %u < 10", len);
			return;
		}
		pc_puts(pc, "flags [");
		pc_bits(pc, location_rule_flags, G16(pc, v, 0), "none", ", ");
		pc_puts(pc, "], retention expires ");
		ntp_time_print_at(pc, v, 2);
		if (len > 10) {
			pc_puts(pc, ", note well \"");
			rad_printn(pc, v, 10, len - 10);
			pc_putc(pc, '"');
		}
		break;
	}
	}
}

static void rad_value(struct pctx *pc, const struct nbytes *v, unsigned len, unsigned type)
{
	const struct rad_attr *a = &rad_attrs[type];
	unsigned i;

	switch (a->kind) {
	case RK_NONE:
		break;
	case RK_STRING:
		rad_string(pc, v, len, type);
		break;
	case RK_NUM:
		rad_num(pc, v, len, a, type);
		break;
	case RK_ADDR:
		rad_addr(pc, v, len, type);
		break;
	case RK_ADDR6:
		if (len != 16)
			pc_printf(pc, "ERROR: length %u != 16", len);
		else
			pc_get_ip6addr(pc, v, 0);
		break;
	case RK_PREFIX6:
		rad_prefix6(pc, v, len);
		break;
	case RK_TIME:
		rad_time(pc, v, len);
		break;
	case RK_VENDOR:
		rad_vendor(pc, v, len);
		break;
	case RK_STRANGE:
		rad_strange(pc, v, len, type);
		break;
	case RK_VECTOR64: {
		uint64_t bits;
		const char *sep = "";

		if (len != 8) {
			pc_printf(pc, "ERROR: length %u != 8", len);
			break;
		}
		bits = (uint64_t)G32(pc, v, 0) << 32 | G32(pc, v, 4);
		pc_putc(pc, '[');
		for (i = 0; i < sizeof(mip6_features) / sizeof(mip6_features[0]); i++) {
			if (bits & mip6_features[i].bit) {
				pc_puts(pc, sep);
				pc_puts(pc, mip6_features[i].name);
				sep = ", ";
			}
		}
		pc_putc(pc, ']');
		break;
	}
	case RK_MIP6_PREFIX:
		if (len != 17) {
			pc_printf(pc, "ERROR: length %u != 17", len);
			break;
		}
		GCHECK(pc, v, 0, len);
		if (v->p[0] > 128) {
			pc_printf(pc, "ERROR: netmask %u not in range (0..128)", v->p[0]);
			break;
		}
		pc_get_ip6addr(pc, v, 1);
		pc_printf(pc, "/%u", v->p[0]);
		break;
	case RK_OPERATOR:
	case RK_LOCATION_INFO:
	case RK_LOCATION_DATA:
	case RK_LOCATION_RULES:
		rad_location(pc, v, len, type);
		break;
	}
}

static void rad_attrs_print(struct pctx *pc, const struct nbytes *b, size_t off, uint32_t length)
{
	while (length > 0) {
		unsigned type, len;
		const char *name = "Unknown";
		struct nbytes v;

		if (length < 2)
			pc_trunc(pc);
		type = G8(pc, b, off);
		len = G8(pc, b, off + 1);
		if (type && type < RAD_NATTRS && rad_attrs[type].name)
			name = rad_attrs[type].name;
		pc_printf(pc, "\n\t  %s Attribute (%u), length: %u", name, type, len);
		if (len < 2) {
			pc_puts(pc, " (bogus, must be >= 2)");
			return;
		}
		if (len > length) {
			pc_puts(pc, " (bogus, goes past end of packet)");
			return;
		}
		pc_puts(pc, ", Value: ");
		v = nb_sub(b, off + 2, b->len);
		if (type < RAD_NATTRS && len > 2)
			rad_value(pc, &v, len - 2, type);
		if (pc->o.vflag > 1) {
			if (!nb_has(b, off + 2, len - 2))
				pc_trunc(pc);
			pc_hex_print(pc, "\n\t    ", b->p + off + 2, len - 2, 0);
		}
		length -= len;
		off += len;
	}
}

void radius_print(struct pctx *pc, const struct nbytes *b, uint32_t length)
{
	unsigned code, id, len;
	int i;

	pc->proto = "radius";
	GCHECK(pc, b, 0, 20);
	code = G8(pc, b, 0);
	id = G8(pc, b, 1);
	len = G16(pc, b, 2);
	if (len < 20)
		pc_trunc(pc);
	if (len > length)
		len = length;
	if (!pc->o.vflag) {
		pc_puts(pc, "RADIUS, ");
		pc_tok(pc, radius_code_names, code, "Unknown Command");
		pc_printf(pc, " (%u), id: 0x%02x length: %u", code, id, len);
		return;
	}
	pc_printf(pc, "RADIUS, length: %u\n\t", len);
	pc_tok(pc, radius_code_names, code, "Unknown Command");
	pc_printf(pc, " (%u), id: 0x%02x, Authenticator: ", code, id);
	for (i = 0; i < 16; i++)
		pc_printf(pc, "%02x", b->p[4 + i]);
	if (len > 20)
		rad_attrs_print(pc, b, 20, len - 20);
}
