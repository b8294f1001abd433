/* SPDX-License-Identifier: MIT */
/*
 * IEEE 802.11 frames and the radio headers in front of them (radiotap,
 * Prism, AVS), as tcpdump 4.99 prints them: the frame kind with the few
 * fields tcpdump shows (SSID, rates, DS channel, status and reason texts),
 * the MAC header with -e, and the LLC payload of data frames handed on to
 * the LLC/SNAP printer. Radiotap fields are little-endian and aligned to
 * their size from the start of the radiotap header.
 */
#include "net/print-int.h"

/* frame control field */
enum { T_MGMT = 0, T_CTRL = 1, T_DATA = 2 };
#define FC_TYPE(fc)	(((fc) >> 2) & 3)
#define FC_SUBTYPE(fc)	(((fc) >> 4) & 0xf)
#define FC_TO_DS	0x0100
#define FC_FROM_DS	0x0200
#define FC_MORE_FRAG	0x0400
#define FC_RETRY	0x0800
#define FC_PWR_MGMT	0x1000
#define FC_MORE_DATA	0x2000
#define FC_PROTECTED	0x4000
#define FC_ORDER	0x8000
/* data subtype bits */
#define DATA_CF_ACK	0x1
#define DATA_CF_POLL	0x2
#define DATA_NULL	0x4
#define DATA_QOS	0x8
/* control subtypes */
enum {
	CTL_WRAPPER = 7, CTL_BAR = 8, CTL_BA = 9, CTL_PS_POLL = 10, CTL_RTS = 11, CTL_CTS = 12,
	CTL_ACK = 13, CTL_CF_END = 14, CTL_CF_END_ACK = 15
};
/* management subtypes */
enum {
	MG_ASSOC_REQ = 0, MG_ASSOC_RESP = 1, MG_REASSOC_REQ = 2, MG_REASSOC_RESP = 3,
	MG_PROBE_REQ = 4, MG_PROBE_RESP = 5, MG_BEACON = 8, MG_ATIM = 9, MG_DISASSOC = 10,
	MG_AUTH = 11, MG_DEAUTH = 12, MG_ACTION = 13
};
#define CAP_ESS		0x0001
#define CAP_PRIVACY	0x0010

static const struct tok mgmt_names[] = {
	{ MG_ASSOC_REQ, "Assoc Request" }, { MG_ASSOC_RESP, "Assoc Response" },
	{ MG_REASSOC_REQ, "ReAssoc Request" }, { MG_REASSOC_RESP, "ReAssoc Response" },
	{ MG_PROBE_REQ, "Probe Request" }, { MG_PROBE_RESP, "Probe Response" },
	{ MG_BEACON, "Beacon" }, { MG_ATIM, "ATIM" }, { MG_DISASSOC, "Disassociation" },
	{ MG_AUTH, "Authentication" }, { MG_DEAUTH, "DeAuthentication" }, { MG_ACTION, "Action" },
	{ 0, NULL }
};

static const struct tok ctrl_names[] = {
	{ CTL_WRAPPER, "Control Wrapper" }, { CTL_BAR, "BAR" }, { CTL_BA, "BA" },
	{ CTL_PS_POLL, "Power Save-Poll" }, { CTL_RTS, "Request-To-Send" },
	{ CTL_CTS, "Clear-To-Send" }, { CTL_ACK, "Acknowledgment" }, { CTL_CF_END, "CF-End" },
	{ CTL_CF_END_ACK, "CF-End+CF-Ack" }, { 0, NULL }
};

static const char *const auth_alg_names[] = { "Open System", "Shared Key", "EAP" };

/* Status codes and reason codes (IEEE 802.11-2016 tables 9-46 and 9-45), in tcpdump's words. */
static const char *const status_names[] = {
	/* 0 */ "Successful",
	/* 1 */ "Unspecified failure",
	/* 2 */ "TDLS wakeup schedule rejected but alternative schedule provided",
	/* 3 */ "TDLS wakeup schedule rejected",
	/* 4 */ "Reserved",
	/* 5 */ "Security disabled",
	/* 6 */ "Unacceptable lifetime",
	/* 7 */ "Not in same BSS",
	/* 8 */ "Reserved",
	/* 9 */ "Reserved",
	/* 10 */ "Cannot Support all requested capabilities in the Capability Information field",
	/* 11 */ "Reassociation denied due to inability to confirm that association exists",
	/* 12 */ "Association denied due to reason outside the scope of this standard",
	/* 13 */ "Responding STA does not support the specified authentication algorithm",
	/* 14 */ "Received an Authentication frame with authentication transaction "
		"sequence number out of expected sequence",
	/* 15 */ "Authentication rejected because of challenge failure",
	/* 16 */ "Authentication rejected due to timeout waiting for next frame in sequence",
	/* 17 */ "Association denied because AP is unable to handle additional associated STAs",
	/* 18 */ "Association denied due to requesting STA not supporting all of the "
		"data rates in the BSSBasicRateSet parameter, the Basic HT-MCS Set "
		"field of the HT Operation parameter, or the Basic VHT-MCS and NSS Set "
		"field in the VHT Operation parameter",
	/* 19 */ "Association denied due to requesting STA not supporting the short preamble option",
	/* 20 */ "Reserved",
	/* 21 */ "Reserved",
	/* 22 */ "Association request rejected because Spectrum Management capability is required",
	/* 23 */ "Association request rejected because the information in the Power "
		"Capability element is unacceptable",
	/* 24 */ "Association request rejected because the information in the Supported "
		"Channels element is unacceptable",
	/* 25 */ "Association denied due to requesting STA not supporting the Short Slot Time option",
	/* 26 */ "Reserved",
	/* 27 */ "Association denied because the requested STA does not support HT features",
	/* 28 */ "R0KH unreachable",
	/* 29 */ "Association denied because the requesting STA does not support the "
		"phased coexistence operation (PCO) transition time required by the AP",
	/* 30 */ "Association request rejected temporarily; try again later",
	/* 31 */ "Robust management frame policy violation",
	/* 32 */ "Unspecified, QoS-related failure",
	/* 33 */ "Association denied because QoS AP or PCP has insufficient bandwidth "
		"to handle another QoS STA",
	/* 34 */ "Association denied due to excessive frame loss rates and/or poor "
		"conditions on current operating channel",
	/* 35 */ "Association (with QoS BSS) denied because the requesting STA does not "
		"support the QoS facility",
	/* 36 */ "Reserved",
	/* 37 */ "The request has been declined",
	/* 38 */ "The request has not been successful as one or more parameters have invalid values",
	/* 39 */ "The allocation or TS has not been created because the request cannot "
		"be honored; however, a suggested TSPEC/DMG TSPEC is provided so that "
		"the initiating STA can attempt to set another allocation or TS with "
		"the suggested changes to the TSPEC/DMG TSPEC",
	/* 40 */ "Invalid element, i.e., an element defined in this standard for which "
		"the content does not meet the specifications in Clause 9",
	/* 41 */ "Invalid group cipher",
	/* 42 */ "Invalid pairwise cipher",
	/* 43 */ "Invalid AKMP",
	/* 44 */ "Unsupported RSNE version",
	/* 45 */ "Invalid RSNE capabilities",
	/* 46 */ "Cipher suite rejected because of security policy",
	/* 47 */ "The TS or allocation has not been created; however, the HC or PCP "
		"might be capable of creating a TS or allocation, in response to a "
		"request, after the time indicated in the TS Delay element",
	/* 48 */ "Direct Link is not allowed in the BSS by policy",
	/* 49 */ "The Destination STA is not present within this BSS",
	/* 50 */ "The Destination STA is not a QoS STA",
	/* 51 */ "Association denied because the listen interval is too large",
	/* 52 */ "Invalid FT Action frame count",
	/* 53 */ "Invalid pairwise master key identifier (PMKID)",
	/* 54 */ "Invalid MDE",
	/* 55 */ "Invalid FTE",
	/* 56 */ "Requested TCLAS processing is not supported by the AP or PCP",
	/* 57 */ "The AP or PCP has insufficient TCLAS processing resources to satisfy the request",
	/* 58 */ "The TS has not been created because the request cannot be honored; "
		"however, the HC or PCP suggests that the STA transition to a "
		"different BSS to set up the TS",
	/* 59 */ "GAS Advertisement Protocol not supported",
	/* 60 */ "No outstanding GAS request",
	/* 61 */ "GAS Response not received from the Advertisement Server",
	/* 62 */ "STA timed out waiting for GAS Query Response",
	/* 63 */ "LARGE GAS Response is larger than query response length limit",
	/* 64 */ "Request refused because home network does not support request",
	/* 65 */ "Advertisement Server in the network is not currently reachable",
	/* 66 */ "Reserved",
	/* 67 */ "Request refused due to permissions received via SSPN interface",
	/* 68 */ "Request refused because the AP or PCP does not support unauthenticated access",
	/* 69 */ "Reserved",
	/* 70 */ "Reserved",
	/* 71 */ "Reserved",
	/* 72 */ "Invalid contents of RSNE",
	/* 73 */ "U-APSD coexistence is not supported",
	/* 74 */ "Requested U-APSD coexistence mode is not supported",
	/* 75 */ "Requested Interval/Duration value cannot be supported with U-APSD coexistence",
	/* 76 */ "Authentication is rejected because an Anti-Clogging Token is required",
	/* 77 */ "Authentication is rejected because the offered finite cyclic group is not supported",
	/* 78 */ "The TBTT adjustment request has not been successful because the STA "
		"could not find an alternative TBTT",
	/* 79 */ "Transmission failure",
	/* 80 */ "Requested TCLAS Not Supported",
	/* 81 */ "TCLAS Resources Exhausted",
	/* 82 */ "Rejected with Suggested BSS transition",
	/* 83 */ "Reject with recommended schedule",
	/* 84 */ "Reject because no wakeup schedule specified",
	/* 85 */ "Success, the destination STA is in power save mode",
	/* 86 */ "FST pending, in process of admitting FST session",
	/* 87 */ "Performing FST now",
	/* 88 */ "FST pending, gap(s) in block ack window",
	/* 89 */ "Reject because of U-PID setting",
	/* 90 */ "Reserved",
	/* 91 */ "Reserved",
	/* 92 */ "(Re)Association refused for some external reason",
	/* 93 */ "(Re)Association refused because of memory limits at the AP",
	/* 94 */ "(Re)Association refused because emergency services are not supported at the AP",
	/* 95 */ "GAS query response not yet received",
	/* 96 */ "Reject since the request is for transition to a frequency band "
		"subject to DSE procedures and FST Initiator is a dependent STA",
	/* 97 */ "Requested TCLAS processing has been terminated by the AP",
	/* 98 */ "The TS schedule conflicts with an existing schedule; an alternative schedule is provided",
	/* 99 */ "The association has been denied; however, one or more Multi-band "
		"elements are included that can be used by the receiving STA to join "
		"the BSS",
	/* 100 */ "The request failed due to a reservation conflict",
	/* 101 */ "The request failed due to exceeded MAF limit",
	/* 102 */ "The request failed due to exceeded MCCA track limit",
	/* 103 */ "Association denied because the information in theSpectrum Management "
		"field is unacceptable",
	/* 104 */ "Association denied because the requesting STA does not support VHT features",
	/* 105 */ "Enablement denied",
	/* 106 */ "Enablement denied due to restriction from an authorized GDB",
	/* 107 */ "Authorization deenabled",
};
static const char *const reason_names[] = {
	/* 0 */ "Reserved",
	/* 1 */ "Unspecified reason",
	/* 2 */ "Previous authentication no longer valid",
	/* 3 */ "Deauthenticated because sending STA is leaving (or has left) IBSS or ESS",
	/* 4 */ "Disassociated due to inactivity",
	/* 5 */ "Disassociated because AP is unable to handle all currently  associated STAs",
	/* 6 */ "Class 2 frame received from nonauthenticated STA",
	/* 7 */ "Class 3 frame received from nonassociated STA",
	/* 8 */ "Disassociated because sending STA is leaving (or has left) BSS",
	/* 9 */ "STA requesting (re)association is not authenticated with responding STA",
	/* 10 */ "Disassociated because the information in the Power Capability element is unacceptable",
	/* 11 */ "Disassociated because the information in the Supported Channels element is unacceptable",
	/* 12 */ "Disassociated due to BSS transition management",
	/* 13 */ "Invalid element, i.e., an element defined in this standard for which "
		"the content does not meet the specifications in Clause 9",
	/* 14 */ "Message integrity code (MIC) failure",
	/* 15 */ "4-Way Handshake timeout",
	/* 16 */ "Group key handshake timeout",
	/* 17 */ "Information element in 4-Way Handshake different from "
		"(Re)AssociationRequest/Probe Response/Beacon frame",
	/* 18 */ "Invalid group cipher",
	/* 19 */ "Invalid pairwise cipher",
	/* 20 */ "Invalid AKMP",
	/* 21 */ "Unsupported RSNE version",
	/* 22 */ "Invalid RSNE capabilities",
	/* 23 */ "IEEE 802.1X authentication failed",
	/* 24 */ "Cipher suite rejected because of the security policy",
	/* 25 */ "TDLS direct-link teardown due to TDLS peer STA unreachable via the TDLS direct link",
	/* 26 */ "TDLS direct-link teardown for unspecified reason",
	/* 27 */ "Disassociated because session terminated by SSP request",
	/* 28 */ "Disassociated because of lack of SSP roaming agreement",
	/* 29 */ "Requested service rejected because of SSP cipher suite or AKM requirement",
	/* 30 */ "Requested service not authorized in this location",
	/* 31 */ "TS deleted because QoS AP lacks sufficient bandwidth for this QoS STA "
		"due to a change in BSS service characteristics or operational mode "
		"(e.g. an HT BSS change from 40 MHz channel to 20 MHz channel)",
	/* 32 */ "Disassociated for unspecified, QoS-related reason",
	/* 33 */ "Disassociated because QoS AP lacks sufficient bandwidth for this QoS STA",
	/* 34 */ "Disassociated because of excessive number of frames that need to be "
		"acknowledged, but are not acknowledged due to AP transmissions and/or "
		"poor channel conditions",
	/* 35 */ "Disassociated because STA is transmitting outside the limits of its TXOPs",
	/* 36 */ "Requested from peer STA as the STA is leaving the BSS (or resetting)",
	/* 37 */ "Requested from peer STA as it does not want to use the mechanism",
	/* 38 */ "Requested from peer STA as the STA received frames using the "
		"mechanism for which a set up is required",
	/* 39 */ "Requested from peer STA due to time out",
	/* 40 */ "Reserved",
	/* 41 */ "Reserved",
	/* 42 */ "Reserved",
	/* 43 */ "Reserved",
	/* 44 */ "Reserved",
	/* 45 */ "Peer STA does not support the requested cipher suite",
	/* 46 */ "In a DLS Teardown frame: The teardown was initiated by the DLS peer. "
		"In a Disassociation frame: Disassociated because authorized access "
		"limit reached",
	/* 47 */ "In a DLS Teardown frame: The teardown was initiated by the AP. In a "
		"Disassociation frame: Disassociated due to external service "
		"requirements",
	/* 48 */ "Invalid FT Action frame count",
	/* 49 */ "Invalid pairwise master key identifier (PMKID)",
	/* 50 */ "Invalid MDE",
	/* 51 */ "Invalid FTE",
	/* 52 */ "Mesh peering canceled for unknown reasons",
	/* 53 */ "The mesh STA has reached the supported maximum number of peer mesh STAs",
	/* 54 */ "The received information violates the Mesh Configuration policy "
		"configured in the mesh STA profile",
	/* 55 */ "The mesh STA has received a Mesh Peering Close frame requesting to "
		"close the mesh peering",
	/* 56 */ "The mesh STA has resent dot11MeshMaxRetries Mesh Peering Open frames, "
		"without receiving a Mesh Peering Confirm frame",
	/* 57 */ "The confirmTimer for the mesh peering instance times out",
	/* 58 */ "The mesh STA fails to unwrap the GTK or the values in the wrapped contents do not match",
	/* 59 */ "The mesh STA receives inconsistent information about the mesh "
		"parameters between mesh peering Management frames",
	/* 60 */ "The mesh STA fails the authenticated mesh peering exchange because "
		"due to failure in selecting either the pairwise ciphersuite or group "
		"ciphersuite",
	/* 61 */ "The mesh STA does not have proxy information for this external destination",
	/* 62 */ "The mesh STA does not have forwarding information for this destination",
	/* 63 */ "The mesh STA determines that the link to the next hop of an active "
		"path in its forwarding information is no longer usable",
	/* 64 */ "The Deauthentication frame was sent because the MAC address of the "
		"STA already exists in the mesh BSS",
	/* 65 */ "The mesh STA performs channel switch to meet regulatory requirements",
	/* 66 */ "The mesh STA performs channel switching with unspecified reason",
};
/* HT data rates in Mb/s by MCS index: 20 MHz long and short GI, 40 MHz long and short GI */
static const float ht_rates[77][4] = {
	/*  0 */ { 6.5f, 7.2f, 13.5f, 15.0f },
	/*  1 */ { 13.0f, 14.4f, 27.0f, 30.0f },
	/*  2 */ { 19.5f, 21.7f, 40.5f, 45.0f },
	/*  3 */ { 26.0f, 28.9f, 54.0f, 60.0f },
	/*  4 */ { 39.0f, 43.3f, 81.0f, 90.0f },
	/*  5 */ { 52.0f, 57.8f, 108.0f, 120.0f },
	/*  6 */ { 58.5f, 65.0f, 121.5f, 135.0f },
	/*  7 */ { 65.0f, 72.2f, 135.0f, 150.0f },
	/*  8 */ { 13.0f, 14.4f, 27.0f, 30.0f },
	/*  9 */ { 26.0f, 28.9f, 54.0f, 60.0f },
	/* 10 */ { 39.0f, 43.3f, 81.0f, 90.0f },
	/* 11 */ { 52.0f, 57.8f, 108.0f, 120.0f },
	/* 12 */ { 78.0f, 86.7f, 162.0f, 180.0f },
	/* 13 */ { 104.0f, 115.6f, 216.0f, 240.0f },
	/* 14 */ { 117.0f, 130.0f, 243.0f, 270.0f },
	/* 15 */ { 130.0f, 144.4f, 270.0f, 300.0f },
	/* 16 */ { 19.5f, 21.7f, 40.5f, 45.0f },
	/* 17 */ { 39.0f, 43.3f, 81.0f, 90.0f },
	/* 18 */ { 58.5f, 65.0f, 121.5f, 135.0f },
	/* 19 */ { 78.0f, 86.7f, 162.0f, 180.0f },
	/* 20 */ { 117.0f, 130.0f, 243.0f, 270.0f },
	/* 21 */ { 156.0f, 173.3f, 324.0f, 360.0f },
	/* 22 */ { 175.5f, 195.0f, 364.5f, 405.0f },
	/* 23 */ { 195.0f, 216.7f, 405.0f, 450.0f },
	/* 24 */ { 26.0f, 28.9f, 54.0f, 60.0f },
	/* 25 */ { 52.0f, 57.8f, 108.0f, 120.0f },
	/* 26 */ { 78.0f, 86.7f, 162.0f, 180.0f },
	/* 27 */ { 104.0f, 115.6f, 216.0f, 240.0f },
	/* 28 */ { 156.0f, 173.3f, 324.0f, 360.0f },
	/* 29 */ { 208.0f, 231.1f, 432.0f, 480.0f },
	/* 30 */ { 234.0f, 260.0f, 486.0f, 540.0f },
	/* 31 */ { 260.0f, 288.9f, 540.0f, 600.0f },
	/* 32 */ { 0.0f, 0.0f, 6.0f, 6.7f },
	/* 33 */ { 39.0f, 43.3f, 81.0f, 90.0f },
	/* 34 */ { 52.0f, 57.8f, 108.0f, 120.0f },
	/* 35 */ { 65.0f, 72.2f, 135.0f, 150.0f },
	/* 36 */ { 58.5f, 65.0f, 121.5f, 135.0f },
	/* 37 */ { 78.0f, 86.7f, 162.0f, 180.0f },
	/* 38 */ { 97.5f, 108.3f, 202.5f, 225.0f },
	/* 39 */ { 52.0f, 57.8f, 108.0f, 120.0f },
	/* 40 */ { 65.0f, 72.2f, 135.0f, 150.0f },
	/* 41 */ { 65.0f, 72.2f, 135.0f, 150.0f },
	/* 42 */ { 78.0f, 86.7f, 162.0f, 180.0f },
	/* 43 */ { 91.0f, 101.1f, 189.0f, 210.0f },
	/* 44 */ { 91.0f, 101.1f, 189.0f, 210.0f },
	/* 45 */ { 104.0f, 115.6f, 216.0f, 240.0f },
	/* 46 */ { 78.0f, 86.7f, 162.0f, 180.0f },
	/* 47 */ { 97.5f, 108.3f, 202.5f, 225.0f },
	/* 48 */ { 97.5f, 108.3f, 202.5f, 225.0f },
	/* 49 */ { 117.0f, 130.0f, 243.0f, 270.0f },
	/* 50 */ { 136.5f, 151.7f, 283.5f, 315.0f },
	/* 51 */ { 136.5f, 151.7f, 283.5f, 315.0f },
	/* 52 */ { 156.0f, 173.3f, 324.0f, 360.0f },
	/* 53 */ { 65.0f, 72.2f, 135.0f, 150.0f },
	/* 54 */ { 78.0f, 86.7f, 162.0f, 180.0f },
	/* 55 */ { 91.0f, 101.1f, 189.0f, 210.0f },
	/* 56 */ { 78.0f, 86.7f, 162.0f, 180.0f },
	/* 57 */ { 91.0f, 101.1f, 189.0f, 210.0f },
	/* 58 */ { 104.0f, 115.6f, 216.0f, 240.0f },
	/* 59 */ { 117.0f, 130.0f, 243.0f, 270.0f },
	/* 60 */ { 104.0f, 115.6f, 216.0f, 240.0f },
	/* 61 */ { 117.0f, 130.0f, 243.0f, 270.0f },
	/* 62 */ { 130.0f, 144.4f, 270.0f, 300.0f },
	/* 63 */ { 130.0f, 144.4f, 270.0f, 300.0f },
	/* 64 */ { 143.0f, 158.9f, 297.0f, 330.0f },
	/* 65 */ { 97.5f, 108.3f, 202.5f, 225.0f },
	/* 66 */ { 117.0f, 130.0f, 243.0f, 270.0f },
	/* 67 */ { 136.5f, 151.7f, 283.5f, 315.0f },
	/* 68 */ { 117.0f, 130.0f, 243.0f, 270.0f },
	/* 69 */ { 136.5f, 151.7f, 283.5f, 315.0f },
	/* 70 */ { 156.0f, 173.3f, 324.0f, 360.0f },
	/* 71 */ { 175.5f, 195.0f, 364.5f, 405.0f },
	/* 72 */ { 156.0f, 173.3f, 324.0f, 360.0f },
	/* 73 */ { 175.5f, 195.0f, 364.5f, 405.0f },
	/* 74 */ { 195.0f, 216.7f, 405.0f, 450.0f },
	/* 75 */ { 195.0f, 216.7f, 405.0f, 450.0f },
	/* 76 */ { 214.5f, 238.3f, 445.5f, 495.0f },
};

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

/* ---- checked little-endian reads ---- */

static unsigned L16(struct pctx *pc, const struct nbytes *b, size_t off)
{
	unsigned v;

	if (nb_le16(b, off, &v))
		pc_trunc(pc);
	return v;
}

static uint32_t L32(struct pctx *pc, const struct nbytes *b, size_t off)
{
	uint32_t v;

	if (nb_le32(b, off, &v))
		pc_trunc(pc);
	return v;
}

/* Little-endian reads of bytes the caller checked (0 outside the capture). */
static unsigned nb_le16_or0(const struct nbytes *b, size_t off)
{
	unsigned v = 0;

	nb_le16(b, off, &v);
	return v;
}

static uint32_t nb_le32_or0(const struct nbytes *b, size_t off)
{
	uint32_t v = 0;

	nb_le32(b, off, &v);
	return v;
}

/* A MAC address at off (checked read). */
static void macaddr(struct pctx *pc, const struct nbytes *b, size_t off)
{
	GCHECK(pc, b, off, 6);
	pc_etheraddr(pc, b->p + off);
}

static const char *status_name(unsigned code)
{
	return code < N_ELEMS(status_names) ? status_names[code] : "n/a";
}

static const char *reason_name(unsigned code)
{
	return code < N_ELEMS(reason_names) ? reason_names[code] : "Reserved";
}

/* ---- management frame bodies ---- */

/* The information elements tcpdump shows; the first of each kind wins. */
struct mgmt_elems {
	int has_ssid, has_rates, has_ds;
	unsigned ssid_len, rates_len, channel;
	uint8_t ssid[33];
	uint8_t rates[16];
};

/*
 * Reads the elements in len bytes at off: 1, or 0 when an element is cut
 * short or longer than tcpdump accepts (the caller prints what it has, then
 * the truncation marker).
 */
static int parse_elements(const struct nbytes *b, size_t off, uint32_t len, struct mgmt_elems *e)
{
	memset(e, 0, sizeof(*e));
	while (len != 0) {
		unsigned id, elen;
		const uint8_t *v;

		if (!nb_has(b, off, 2) || len < 2)
			return 0;
		id = b->p[off];
		elen = b->p[off + 1];
		if (!nb_has(b, off + 2, elen) || len < elen + 2)
			return 0;
		v = b->p + off + 2;
		switch (id) {
		case 0:		/* SSID */
			if (elen > 32)
				return 0;
			if (!e->has_ssid) {
				memcpy(e->ssid, v, elen);
				e->ssid[elen] = 0;
				e->ssid_len = elen;
				e->has_ssid = 1;
			}
			break;
		case 1:		/* supported rates; empty ones are ignored */
			if (elen > 16)
				return 0;
			if (!e->has_rates && elen != 0) {
				memcpy(e->rates, v, elen);
				e->rates_len = elen;
				e->has_rates = 1;
			}
			break;
		case 3:		/* DS parameter set: the channel */
			if (elen == 1 && !e->has_ds) {
				e->channel = v[0];
				e->has_ds = 1;
			}
			break;
		case 5:		/* TIM: a bitmap of at most 251 bytes */
			if (elen > 3 && elen - 3 > 251)
				return 0;
			break;
		case 16:	/* challenge text */
			if (elen > 253)
				return 0;
			break;
		default:
			break;
		}
		off += 2 + elen;
		len -= 2 + elen;
	}
	return 1;
}

static void ssid_print(struct pctx *pc, const struct mgmt_elems *e)
{
	unsigned i;

	if (!e->has_ssid)
		return;
	pc_puts(pc, " (");
	for (i = 0; i < e->ssid_len && e->ssid[i]; i++)
		pc_safechar(pc, e->ssid[i]);
	pc_putc(pc, ')');
}

static void rates_print(struct pctx *pc, const struct mgmt_elems *e)
{
	const char *sep = " [";
	unsigned i;

	if (!e->has_rates)
		return;
	for (i = 0; i < e->rates_len; i++) {
		pc_printf(pc, "%s%2.1f%s", sep, .5 * (e->rates[i] & 0x7f),
			  e->rates[i] & 0x80 ? "*" : "");
		sep = " ";
	}
	pc_puts(pc, " Mbit]");
}

static void channel_print(struct pctx *pc, const struct mgmt_elems *e, unsigned cap)
{
	if (e->has_ds)
		pc_printf(pc, " CH: %u", e->channel);
	if (cap & CAP_PRIVACY)
		pc_puts(pc, ", PRIVACY");
}

/* Beacon and probe response: time stamp, interval, capabilities, elements. */
static int beacon_print(struct pctx *pc, const struct nbytes *b, uint32_t len, int beacon)
{
	struct mgmt_elems e;
	unsigned cap;
	int ok;

	if (!nb_has(b, 0, 12) || len < 12)
		return 0;
	cap = nb_le16_or0(b, 10);
	ok = parse_elements(b, 12, len - 12, &e);
	ssid_print(pc, &e);
	rates_print(pc, &e);
	if (beacon)
		pc_puts(pc, cap & CAP_ESS ? " ESS" : " IBSS");
	channel_print(pc, &e, cap);
	return ok;
}

static int assoc_response_print(struct pctx *pc, const struct nbytes *b, uint32_t len)
{
	struct mgmt_elems e;
	unsigned cap, status, aid;
	int ok;

	if (!nb_has(b, 0, 6) || len < 6)
		return 0;
	cap = nb_le16_or0(b, 0);
	status = nb_le16_or0(b, 2);
	aid = nb_le16_or0(b, 4);
	ok = parse_elements(b, 6, len - 6, &e);
	pc_printf(pc, " AID(%x) :%s: %s", aid & 0x3fff, cap & CAP_PRIVACY ? " PRIVACY " : "",
		  status_name(status));
	return ok;
}

static int auth_print(struct pctx *pc, const struct nbytes *b, uint32_t len)
{
	struct mgmt_elems e;
	unsigned alg, seq, status;
	const char *alg_name;
	int ok;

	if (!nb_has(b, 0, 6) || len < 6)
		return 0;
	alg = nb_le16_or0(b, 0);
	seq = nb_le16_or0(b, 2);
	status = nb_le16_or0(b, 4);
	ok = parse_elements(b, 6, len - 6, &e);
	alg_name = alg < N_ELEMS(auth_alg_names) ? auth_alg_names[alg] : "Reserved";
	/* the status is meaningful in the odd-numbered (responding) frames only */
	pc_printf(pc, alg == 1 && (seq == 2 || seq == 3) ? " (%s)-%x [Challenge Text] %s"
							  : " (%s)-%x: %s",
		  alg_name, seq, seq % 2 ? status_name(status) : "");
	return ok;
}

static const char *const ba_actions[] = { "ADDBA Request", "ADDBA Response", "DELBA" };
static const char *const ht_actions[] = { "TxChWidth", "MIMOPwrSave" };
static const char *const mesh_actions[] = {
	"MeshLink", "HWMP", "Gate Announcement", "Congestion Control", "MCCA Setup Request",
	"MCCA Setup Reply", "MCCA Advertisement Request", "MCCA Advertisement", "MCCA Teardown",
	"TBTT Adjustment Request", "TBTT Adjustment Response"
};
static const char *const multihop_actions[] = { "Proxy Update", "Proxy Update Confirmation" };
static const char *const selfprot_actions[] = {
	NULL, "Peering Open", "Peering Confirm", "Peering Close", "Group Key Inform",
	"Group Key Acknowledge"
};

static void action_name(struct pctx *pc, const char *const *names, size_t n, unsigned act)
{
	if (act < n && names[act])
		pc_puts(pc, names[act]);
	else
		pc_printf(pc, "Act#%u", act);
}

static int action_print(struct pctx *pc, const struct nbytes *b, uint32_t len,
			const struct nbytes *hdr)
{
	unsigned cat, act;

	if (!nb_has(b, 0, 2) || len < 2)
		return 0;
	if (pc->o.eflag) {
		pc_puts(pc, ": ");
	} else {
		pc_puts(pc, " (");
		macaddr(pc, hdr, 10);
		pc_puts(pc, "): ");
	}
	cat = b->p[0];
	act = b->p[1];
	switch (cat) {
	case 0: pc_printf(pc, "Spectrum Management Act#%u", act); break;
	case 1: pc_printf(pc, "QoS Act#%u", act); break;
	case 2: pc_printf(pc, "DLS Act#%u", act); break;
	case 3: pc_puts(pc, "BA "); action_name(pc, ba_actions, N_ELEMS(ba_actions), act); break;
	case 7: pc_puts(pc, "HT "); action_name(pc, ht_actions, N_ELEMS(ht_actions), act); break;
	case 13:
		pc_puts(pc, "MeshAction ");
		action_name(pc, mesh_actions, N_ELEMS(mesh_actions), act);
		break;
	case 14:
		pc_puts(pc, "MultiohopAction ");
		action_name(pc, multihop_actions, N_ELEMS(multihop_actions), act);
		break;
	case 15:
		pc_puts(pc, "SelfprotectAction ");
		action_name(pc, selfprot_actions, N_ELEMS(selfprot_actions), act);
		break;
	case 127: pc_printf(pc, "Vendor Act#%u", act); break;
	default: pc_printf(pc, "Reserved(%u) Act#%u", cat, act); break;
	}
	return 1;
}

/* The WEP/TKIP/CCMP initialisation vector of a protected frame body. */
static int wep_print(struct pctx *pc, const struct nbytes *b)
{
	uint32_t iv;

	if (nb_le32(b, 0, &iv))
		return 0;
	pc_printf(pc, " IV:%3x Pad %x KeyID %x", iv & 0xffffff, (iv >> 24) & 0x3f, (iv >> 30) & 3);
	return 1;
}

/* The body of a management frame (hdr: its MAC header); 0 when cut short. */
static int mgmt_body_print(struct pctx *pc, unsigned fc, const struct nbytes *hdr,
			   const struct nbytes *b, uint32_t len)
{
	unsigned sub = FC_SUBTYPE(fc);
	struct mgmt_elems e;
	int ok;

	pc_tok(pc, mgmt_names, sub, "Unhandled Management subtype(%x)");
	if (fc & FC_PROTECTED)
		return wep_print(pc, b);
	switch (sub) {
	case MG_ASSOC_REQ:
		if (!nb_has(b, 0, 4) || len < 4)
			return 0;
		ok = parse_elements(b, 4, len - 4, &e);
		ssid_print(pc, &e);
		rates_print(pc, &e);
		return ok;
	case MG_ASSOC_RESP:
	case MG_REASSOC_RESP:
		return assoc_response_print(pc, b, len);
	case MG_REASSOC_REQ:
		if (!nb_has(b, 0, 10) || len < 10)
			return 0;
		ok = parse_elements(b, 10, len - 10, &e);
		ssid_print(pc, &e);
		pc_puts(pc, " AP : ");
		pc_etheraddr(pc, b->p + 4);
		return ok;
	case MG_PROBE_REQ:
		ok = parse_elements(b, 0, len, &e);
		ssid_print(pc, &e);
		rates_print(pc, &e);
		return ok;
	case MG_PROBE_RESP:
		return beacon_print(pc, b, len, 0);
	case MG_BEACON:
		return beacon_print(pc, b, len, 1);
	case MG_DISASSOC:
		if (!nb_has(b, 0, 2) || len < 2)
			return 0;
		pc_printf(pc, ": %s", reason_name(nb_le16_or0(b, 0)));
		return 1;
	case MG_AUTH:
		return auth_print(pc, b, len);
	case MG_DEAUTH:
		if (!nb_has(b, 0, 2) || len < 2)
			return 0;
		if (pc->o.eflag) {
			pc_puts(pc, ": ");
		} else {
			pc_puts(pc, " (");
			macaddr(pc, hdr, 10);
			pc_puts(pc, "): ");
		}
		pc_puts(pc, reason_name(nb_le16_or0(b, 0)));
		return 1;
	case MG_ACTION:
		return action_print(pc, b, len, hdr);
	default:	/* ATIM has no body */
		return 1;
	}
}

/* ---- control frames ---- */

static void ctrl_body_print(struct pctx *pc, unsigned fc, const struct nbytes *f)
{
	pc_tok(pc, ctrl_names, FC_SUBTYPE(fc), "Unknown Ctrl Subtype");
	switch (FC_SUBTYPE(fc)) {
	case CTL_BAR:
		if (pc->o.eflag)
			break;
		pc_puts(pc, " RA:");
		macaddr(pc, f, 4);
		pc_puts(pc, " TA:");
		macaddr(pc, f, 10);
		pc_printf(pc, " CTL(%x) SEQ(%u) ", L16(pc, f, 16), L16(pc, f, 18));
		break;
	case CTL_PS_POLL:
		pc_printf(pc, " AID(%x)", L16(pc, f, 2));
		break;
	case CTL_RTS:
		if (pc->o.eflag)
			break;
		pc_puts(pc, " TA:");
		macaddr(pc, f, 10);
		pc_putc(pc, ' ');
		break;
	case CTL_BA:
	case CTL_CTS:
	case CTL_ACK:
	case CTL_CF_END:
	case CTL_CF_END_ACK:
		if (pc->o.eflag)
			break;
		pc_puts(pc, " RA:");
		macaddr(pc, f, 4);
		pc_putc(pc, ' ');
		break;
	default:	/* the control wrapper is not dissected */
		break;
	}
}

/* ---- the MAC header (-e) ---- */

static void addrs_print(struct pctx *pc, const struct nbytes *f, const char *const names[4],
			int n)
{
	int i;

	for (i = 0; i < n; i++) {
		pc_puts(pc, names[i]);
		pc_putc(pc, ':');
		macaddr(pc, f, 4 + 6 * (size_t)i);
		pc_putc(pc, ' ');
	}
}

static void data_header_print(struct pctx *pc, unsigned fc, const struct nbytes *f)
{
	static const char *const plain[4] = { "DA", "SA", "BSSID" };
	static const char *const from_ds[4] = { "DA", "BSSID", "SA" };
	static const char *const to_ds[4] = { "BSSID", "SA", "DA" };
	static const char *const wds[4] = { "RA", "TA", "DA", "SA" };
	unsigned sub = FC_SUBTYPE(fc);

	if (sub & (DATA_CF_ACK | DATA_CF_POLL | DATA_QOS)) {
		pc_puts(pc, "CF ");
		if (sub & DATA_CF_ACK)
			pc_puts(pc, sub & DATA_CF_POLL ? "Ack/Poll" : "Ack");
		else if (sub & DATA_CF_POLL)
			pc_puts(pc, "Poll");
		if (sub & DATA_QOS)
			pc_puts(pc, "+QoS");
		pc_putc(pc, ' ');
	}
	switch (fc & (FC_TO_DS | FC_FROM_DS)) {
	case 0: addrs_print(pc, f, plain, 3); break;
	case FC_FROM_DS: addrs_print(pc, f, from_ds, 3); break;
	case FC_TO_DS: addrs_print(pc, f, to_ds, 3); break;
	default:
		/* the fourth address follows the sequence control field */
		addrs_print(pc, f, wds, 3);
		pc_puts(pc, "SA:");
		macaddr(pc, f, 24);
		pc_putc(pc, ' ');
		break;
	}
}

static void ctrl_header_print(struct pctx *pc, unsigned fc, const struct nbytes *f)
{
	static const char *const ps_poll[4] = { "BSSID", "TA" };
	static const char *const rts[4] = { "RA", "TA" };
	static const char *const cf_end[4] = { "RA", "BSSID" };

	switch (FC_SUBTYPE(fc)) {
	case CTL_BAR:
		pc_puts(pc, " RA:");
		macaddr(pc, f, 4);
		pc_puts(pc, " TA:");
		macaddr(pc, f, 10);
		pc_printf(pc, " CTL(%x) SEQ(%u) ", L16(pc, f, 16), L16(pc, f, 18));
		break;
	case CTL_PS_POLL: addrs_print(pc, f, ps_poll, 2); break;
	case CTL_RTS: addrs_print(pc, f, rts, 2); break;
	case CTL_BA:
	case CTL_CTS:
	case CTL_ACK: addrs_print(pc, f, rts, 1); break;
	case CTL_CF_END:
	case CTL_CF_END_ACK: addrs_print(pc, f, cf_end, 2); break;
	default:
		break;
	}
}

static void mac_header_print(struct pctx *pc, unsigned fc, const struct nbytes *f,
			     uint32_t hdrlen, uint32_t meshlen)
{
	if (pc->o.vflag) {
		if (fc & FC_MORE_DATA)
			pc_puts(pc, "More Data ");
		if (fc & FC_MORE_FRAG)
			pc_puts(pc, "More Fragments ");
		if (fc & FC_PWR_MGMT)
			pc_puts(pc, "Pwr Mgmt ");
		if (fc & FC_RETRY)
			pc_puts(pc, "Retry ");
		if (fc & FC_ORDER)
			pc_puts(pc, "Strictly Ordered ");
		if (fc & FC_PROTECTED)
			pc_puts(pc, "Protected ");
		/* a PS-Poll carries the association ID where others carry the duration */
		if (FC_TYPE(fc) != T_CTRL || FC_SUBTYPE(fc) != CTL_PS_POLL)
			pc_printf(pc, "%uus ", L16(pc, f, 2));
	}
	if (meshlen) {
		size_t m = hdrlen - meshlen;
		unsigned ae = G8(pc, f, m) & 3, i;

		pc_printf(pc, "MeshData (AE %u TTL %u seq %u", ae, G8(pc, f, m + 1),
			  L32(pc, f, m + 2));
		for (i = 0; i < ae; i++) {
			pc_printf(pc, " A%u:", 4 + i);
			macaddr(pc, f, m + 6 + 6 * (size_t)i);
		}
		pc_puts(pc, ") ");
	}
	switch (FC_TYPE(fc)) {
	case T_MGMT:
		pc_puts(pc, "BSSID:");
		macaddr(pc, f, 16);
		pc_puts(pc, " DA:");
		macaddr(pc, f, 4);
		pc_puts(pc, " SA:");
		macaddr(pc, f, 10);
		pc_putc(pc, ' ');
		break;
	case T_CTRL:
		ctrl_header_print(pc, fc, f);
		break;
	case T_DATA:
		data_header_print(pc, fc, f);
		break;
	default:
		break;
	}
}

/* The MAC header length by frame kind, or 0 (after a note) for a kind without one. */
static uint32_t header_length(struct pctx *pc, unsigned fc)
{
	switch (FC_TYPE(fc)) {
	case T_MGMT:
		return 24;
	case T_CTRL:
		switch (FC_SUBTYPE(fc)) {
		case CTL_WRAPPER: return 16;
		case CTL_BAR: return 20;
		case CTL_BA: case CTL_CTS: case CTL_ACK: return 10;
		case CTL_PS_POLL: case CTL_RTS: case CTL_CF_END: case CTL_CF_END_ACK: return 16;
		default:
			pc_printf(pc, "unknown 802.11 ctrl frame subtype (%u)", FC_SUBTYPE(fc));
			return 0;
		}
	case T_DATA:
		return ((fc & FC_TO_DS) && (fc & FC_FROM_DS) ? 30 : 24) +
		       (FC_SUBTYPE(fc) & DATA_QOS ? 2 : 0);
	default:
		pc_printf(pc, "unknown 802.11 frame type (%u)", FC_TYPE(fc));
		return 0;
	}
}

/*
 * An 802.11 frame in b (to the end of the capture), length bytes on the
 * wire; pad: the body starts at a 4-byte boundary; fcslen: bytes of frame
 * check sequence at the end. Returns the header length (for -x).
 */
static uint32_t frame_print(struct pctx *pc, const struct nbytes *b, uint32_t length, int pad,
			    uint32_t fcslen)
{
	uint32_t orig_caplen = (uint32_t)b->len, caplen = orig_caplen, hdrlen, meshlen = 0;
	struct nbytes f, body;
	unsigned fc;

	pc->proto = "802.11";
	if (length < fcslen) {
		pc_print_trunc(pc);
		return caplen;
	}
	length -= fcslen;
	if (caplen > length)
		caplen = length;	/* the captured part of the FCS is not frame data */
	f = nb_sub(b, 0, caplen);
	if (caplen < 2) {
		pc_print_trunc(pc);
		return orig_caplen;
	}
	fc = nb_le16_or0(&f, 0);
	hdrlen = header_length(pc, fc);
	if (hdrlen == 0)
		return 0;
	if (pad)
		hdrlen = (hdrlen + 3) & ~3U;
	if (pc->o.Hflag && FC_TYPE(fc) == T_DATA && (FC_SUBTYPE(fc) & DATA_QOS)) {
		unsigned mflags;

		/* an 802.11s mesh control field after the QoS header */
		if (nb_u8(&f, hdrlen, &mflags)) {
			pc_print_trunc(pc);
			return hdrlen;
		}
		meshlen = (mflags & ~3U) ? 0 : 6 * (1 + (mflags & 3));
		hdrlen += meshlen;
	}
	if (caplen < hdrlen) {
		pc_print_trunc(pc);
		return hdrlen;
	}
	if (pc->o.eflag)
		mac_header_print(pc, fc, &f, hdrlen, meshlen);
	length -= hdrlen;
	body = nb_sub(&f, hdrlen, caplen - hdrlen);
	switch (FC_TYPE(fc)) {
	case T_MGMT:
		if (!mgmt_body_print(pc, fc, &f, &body, length)) {
			pc_print_trunc(pc);
			return hdrlen;
		}
		break;
	case T_CTRL:
		ctrl_body_print(pc, fc, &f);
		break;
	case T_DATA: {
		const uint8_t *src, *dst;
		int llc_len;

		if (FC_SUBTYPE(fc) & DATA_NULL)
			return hdrlen;	/* no body */
		if (fc & FC_PROTECTED) {
			pc_puts(pc, "Data");
			if (!wep_print(pc, &body)) {
				pc_print_trunc(pc);
				return hdrlen;
			}
			break;
		}
		/* source and destination by the distribution system bits (all captured) */
		switch (fc & (FC_TO_DS | FC_FROM_DS)) {
		case 0: src = f.p + 10; dst = f.p + 4; break;
		case FC_FROM_DS: src = f.p + 16; dst = f.p + 4; break;
		case FC_TO_DS: src = f.p + 10; dst = f.p + 16; break;
		default: src = f.p + 24; dst = f.p + 16; break;
		}
		llc_len = llc_print(pc, &body, length, src, dst);
		if (llc_len < 0) {
			pc_default_print(pc, &body);
			llc_len = -llc_len;
		}
		hdrlen += (uint32_t)llc_len;
		break;
	}
	default:
		break;
	}
	return hdrlen;
}

uint32_t ieee80211_print(struct pctx *pc, const struct nbytes *pkt, uint32_t length)
{
	return frame_print(pc, pkt, length, 0, 0);
}

/* ---- radio headers: radiotap, AVS, Prism ---- */

/*
 * Whether a radio header of hlen bytes is too short (under its 8 fixed
 * bytes) or cut by the capture; says so when it is. hlen was read as 0 when
 * its own bytes were not captured.
 */
static int radio_header_cut(struct pctx *pc, const struct nbytes *pkt, uint32_t hlen)
{
	if (hlen >= 8 && hlen <= pkt->len)
		return 0;
	pc_print_trunc(pc);
	return 1;
}

/* The 802.11 frame after a radio header of hlen captured bytes. */
static uint32_t after_radio_header(struct pctx *pc, const struct nbytes *pkt, uint32_t length,
				   uint32_t hlen, int pad, uint32_t fcslen)
{
	struct nbytes rest = nb_sub(pkt, hlen, pkt->len - hlen);

	return hlen + frame_print(pc, &rest, length - hlen, pad, fcslen);
}

/* Fields are read in order, each aligned to its size from the header start. */
struct rt_cursor {
	const struct nbytes *b;
	size_t next, len;	/* len: the radiotap header length */
};

/* The next field of size bytes (1, 2, 4 or 8); -1 when it would end past the header. */
static int rt_next(struct pctx *pc, struct rt_cursor *c, size_t size, uint64_t *v)
{
	size_t off = (c->next + size - 1) / size * size, i;

	if (off + size > c->len)
		return -1;
	GCHECK(pc, c->b, off, size);
	*v = 0;
	for (i = size; i-- > 0;)
		*v = *v << 8 | c->b->p[off + i];
	c->next = off + size;
	return 0;
}

/* radiotap field numbers (https://www.radiotap.org/fields/defined) */
enum {
	RT_TSFT = 0, RT_FLAGS = 1, RT_RATE = 2, RT_CHANNEL = 3, RT_FHSS = 4,
	RT_DBM_ANTSIGNAL = 5, RT_DBM_ANTNOISE = 6, RT_LOCK_QUALITY = 7, RT_TX_ATTENUATION = 8,
	RT_DB_TX_ATTENUATION = 9, RT_DBM_TX_POWER = 10, RT_ANTENNA = 11, RT_DB_ANTSIGNAL = 12,
	RT_DB_ANTNOISE = 13, RT_RX_FLAGS = 14, RT_XCHANNEL = 18, RT_MCS = 19, RT_AMPDU = 20,
	RT_VHT = 21, RT_NAMESPACE = 29, RT_VENDOR_NAMESPACE = 30, RT_EXT = 31
};

/* radiotap flags */
#define RTF_CFP		0x01
#define RTF_SHORTPRE	0x02
#define RTF_WEP		0x04
#define RTF_FRAG	0x08
#define RTF_FCS		0x10
#define RTF_DATAPAD	0x20
#define RTF_BADFCS	0x40

/* channel flags */
#define CH_TURBO	0x00010
#define CH_CCK		0x00020
#define CH_OFDM		0x00040
#define CH_2GHZ		0x00080
#define CH_5GHZ		0x00100
#define CH_DYN		0x00400
#define CH_GFSK		0x00800
#define CH_HALF		0x04000
#define CH_QUARTER	0x08000
#define CH_HT20		0x10000
#define CH_HT40U	0x20000
#define CH_HT40D	0x40000

static int all_set(uint32_t flags, uint32_t bits)
{
	return (flags & bits) == bits;
}

static void chaninfo_print(struct pctx *pc, unsigned freq, uint32_t flags, uint32_t present)
{
	pc_printf(pc, "%u MHz", freq);
	if (present & (1U << RT_MCS)) {
		pc_puts(pc, " 11n");	/* an MCS field means 11n whatever the flags say */
	} else {
		if (all_set(flags, CH_2GHZ | CH_GFSK))
			pc_puts(pc, " FHSS");
		if (all_set(flags, CH_5GHZ | CH_OFDM))
			pc_puts(pc, flags & CH_HALF ? " 11a/10Mhz" : flags & CH_QUARTER ? " 11a/5Mhz"
											: " 11a");
		if (all_set(flags, CH_2GHZ | CH_OFDM) || all_set(flags, CH_2GHZ | CH_DYN))
			pc_puts(pc, flags & CH_HALF ? " 11g/10Mhz" : flags & CH_QUARTER ? " 11g/5Mhz"
											: " 11g");
		else if (all_set(flags, CH_2GHZ | CH_CCK))
			pc_puts(pc, " 11b");
		if (flags & CH_TURBO)
			pc_puts(pc, " Turbo");
	}
	if (flags & CH_HT20)
		pc_puts(pc, " ht/20");
	else if (flags & CH_HT40D)
		pc_puts(pc, " ht/40-");
	else if (flags & CH_HT40U)
		pc_puts(pc, " ht/40+");
	pc_putc(pc, ' ');
}

static const char *const ht_bandwidths[4] = { "20 MHz", "40 MHz", "20 MHz (L)", "20 MHz (U)" };

static void mcs_print(struct pctx *pc, unsigned known, unsigned flags, unsigned mcs)
{
	if (known & 0x02) {	/* MCS index known */
		float rate = 0;

		/* the rate needs the bandwidth or the guard interval known (as tcpdump has it) */
		if (mcs < N_ELEMS(ht_rates) && (known & 0x05))
			rate = ht_rates[mcs][((flags & 3) == 1 ? 2 : 0) + (flags & 0x04 ? 1 : 0)];
		if (rate != 0)
			pc_printf(pc, "%.1f Mb/s MCS %u ", rate, mcs);
		else
			pc_printf(pc, "MCS %u ", mcs);
	}
	if (known & 0x01)
		pc_printf(pc, "%s ", ht_bandwidths[flags & 3]);
	if (known & 0x04)
		pc_printf(pc, "%s GI ", flags & 0x04 ? "short" : "long");
	if (known & 0x08)
		pc_printf(pc, "%s ", flags & 0x08 ? "greenfield" : "mixed");
	if (known & 0x10)
		pc_printf(pc, "%s FEC ", flags & 0x10 ? "LDPC" : "BCC");
	if (known & 0x20)
		pc_printf(pc, "RX-STBC%u ", (flags & 0x60) >> 5);
}

static const char *const vht_bandwidths[32] = {
	"20 MHz", "40 MHz", "20 MHz (L)", "20 MHz (U)", "80 MHz", "80 MHz (L)", "80 MHz (U)",
	"80 MHz (LL)", "80 MHz (LU)", "80 MHz (UL)", "80 MHz (UU)", "160 MHz", "160 MHz (L)",
	"160 MHz (U)", "160 MHz (LL)", "160 MHz (LU)", "160 MHz (UL)", "160 MHz (UU)",
	"160 MHz (LLL)", "160 MHz (LLU)", "160 MHz (LUL)", "160 MHz (UUU)", "160 MHz (ULL)",
	"160 MHz (ULU)", "160 MHz (UUL)", "160 MHz (UUU)", "unknown (26)", "unknown (27)",
	"unknown (28)", "unknown (29)", "unknown (30)", "unknown (31)"
};

/*
 * One radiotap field: 0, or -1 to stop reading the header (a field cut
 * short, after the truncation marker, or one whose size is unknown).
 */
static int rt_field_print(struct pctx *pc, struct rt_cursor *c, unsigned bit, unsigned *flagsp,
			  uint32_t present)
{
	uint64_t a, d, e, w, q;
	unsigned i;

	switch (bit) {
	case RT_TSFT:
		if (rt_next(pc, c, 8, &q))
			goto trunc;
		pc_printf(pc, "%lluus tsft ", (unsigned long long)q);
		break;
	case RT_FLAGS:
		if (rt_next(pc, c, 1, &a))
			goto trunc;
		*flagsp = (unsigned)a;
		if (a & RTF_CFP)
			pc_puts(pc, "cfp ");
		if (a & RTF_SHORTPRE)
			pc_puts(pc, "short preamble ");
		if (a & RTF_WEP)
			pc_puts(pc, "wep ");
		if (a & RTF_FRAG)
			pc_puts(pc, "fragmented ");
		if (a & RTF_BADFCS)
			pc_puts(pc, "bad-fcs ");
		break;
	case RT_RATE:
		if (rt_next(pc, c, 1, &a))
			goto trunc;
		/* 0x80..0x8f: an MCS index (FreeBSD), otherwise 500 kb/s units */
		if (a >= 0x80 && a <= 0x8f)
			pc_printf(pc, "MCS %u ", (unsigned)a & 0x7f);
		else
			pc_printf(pc, "%2.1f Mb/s ", .5 * (double)a);
		break;
	case RT_CHANNEL:
		if (rt_next(pc, c, 2, &a) || rt_next(pc, c, 2, &d))
			goto trunc;
		if (!(present & (1U << RT_XCHANNEL)))
			chaninfo_print(pc, (unsigned)a, (uint32_t)d, present);
		break;
	case RT_FHSS:
		if (rt_next(pc, c, 1, &a) || rt_next(pc, c, 1, &d))
			goto trunc;
		pc_printf(pc, "fhset %u fhpat %u ", (unsigned)a, (unsigned)d);
		break;
	case RT_DBM_ANTSIGNAL:
	case RT_DBM_ANTNOISE:
	case RT_DBM_TX_POWER:
		if (rt_next(pc, c, 1, &a))
			goto trunc;
		pc_printf(pc, "%ddBm %s ", (int)(int8_t)a,
			  bit == RT_DBM_ANTSIGNAL ? "signal" : bit == RT_DBM_ANTNOISE ? "noise"
										: "tx power");
		break;
	case RT_LOCK_QUALITY:
		if (rt_next(pc, c, 2, &a))
			goto trunc;
		pc_printf(pc, "%u sq ", (unsigned)a);
		break;
	case RT_TX_ATTENUATION:
		if (rt_next(pc, c, 2, &a))
			goto trunc;
		pc_printf(pc, "%d tx power ", -(int)(int16_t)a);
		break;
	case RT_DB_TX_ATTENUATION:
		/* tcpdump reads one byte of this two-byte field */
		if (rt_next(pc, c, 1, &a))
			goto trunc;
		pc_printf(pc, "%ddB tx attenuation ", -(int)(int8_t)a);
		break;
	case RT_ANTENNA:
		if (rt_next(pc, c, 1, &a))
			goto trunc;
		pc_printf(pc, "antenna %u ", (unsigned)a);
		break;
	case RT_DB_ANTSIGNAL:
	case RT_DB_ANTNOISE:
		if (rt_next(pc, c, 1, &a))
			goto trunc;
		pc_printf(pc, "%udB %s ", (unsigned)a, bit == RT_DB_ANTSIGNAL ? "signal" : "noise");
		break;
	case RT_RX_FLAGS:
		if (rt_next(pc, c, 2, &a))
			goto trunc;
		break;
	case RT_XCHANNEL:
		if (rt_next(pc, c, 4, &w) || rt_next(pc, c, 2, &a) || rt_next(pc, c, 1, &d) || rt_next(pc, c, 1, &e))
			goto trunc;
		chaninfo_print(pc, (unsigned)a, (uint32_t)w, present);
		break;
	case RT_MCS:
		if (rt_next(pc, c, 1, &a) || rt_next(pc, c, 1, &d) || rt_next(pc, c, 1, &e))
			goto trunc;
		mcs_print(pc, (unsigned)a, (unsigned)d, (unsigned)e);
		break;
	case RT_AMPDU:
		if (rt_next(pc, c, 4, &w) || rt_next(pc, c, 2, &a) || rt_next(pc, c, 1, &d) || rt_next(pc, c, 1, &e))
			goto trunc;
		break;
	case RT_VHT: {
		uint64_t known, vflags, bw, mcs_nss[4], coding, group, aid;

		if (rt_next(pc, c, 2, &known) || rt_next(pc, c, 1, &vflags) || rt_next(pc, c, 1, &bw))
			goto trunc;
		for (i = 0; i < 4; i++)
			if (rt_next(pc, c, 1, &mcs_nss[i]))
				goto trunc;
		if (rt_next(pc, c, 1, &coding) || rt_next(pc, c, 1, &group) || rt_next(pc, c, 2, &aid))
			goto trunc;
		for (i = 0; i < 4; i++) {
			if ((mcs_nss[i] & 0x0f) == 0)
				continue;
			pc_printf(pc, "User %u MCS %u %s FEC ", i, (unsigned)mcs_nss[i] >> 4,
				  coding & (1U << i) ? "LDPC" : "BCC");
		}
		if (known & 0x40)
			pc_printf(pc, "%s ", vht_bandwidths[bw & 0x1f]);
		if (known & 0x04)
			pc_printf(pc, "%s GI ", vflags & 0x04 ? "short" : "long");
		break;
	}
	default:
		/* a field of unknown size: nothing after it can be found */
		pc_printf(pc, "[bit %u] ", bit);
		return -1;
	}
	return 0;
trunc:
	pc_print_trunc(pc);
	return -1;
}

uint32_t ieee80211_radio_print(struct pctx *pc, const struct nbytes *pkt, uint32_t length)
{
	uint32_t caplen = (uint32_t)pkt->len, len, word, present, last;
	struct rt_cursor c;
	unsigned flags = 0, bit0 = 0;
	int vendor = 0;
	uint64_t skip = 0;

	pc->proto = "802.11_radio";
	len = nb_le16_or0(pkt, 2);
	if (radio_header_cut(pc, pkt, len))
		return caplen;
	c.b = pkt;
	c.len = len;
	c.next = 8;
	/* presence words: each with bit 31 set is followed by another */
	for (last = 4; last + 4 <= len && (nb_le32_or0(pkt, last) & (1U << RT_EXT)); last += 4)
		c.next += 4;
	if (last + 4 > len) {
		pc_print_trunc(pc);
		return caplen;
	}
	for (word = 4; word <= last; word += 4) {
		present = nb_le32_or0(pkt, word);
		if (vendor) {
			/* vendor namespaces are skipped whole */
			if (c.next + skip > c.len)
				break;
			c.next += skip;
			skip = 0;
		} else {
			uint32_t rem, lowest;
			int stop = 0;

			for (rem = present; rem && !stop; rem &= rem - 1) {
				unsigned bitno = 0;

				for (lowest = rem & -rem; lowest > 1; lowest >>= 1)
					bitno++;
				if (bitno >= RT_NAMESPACE)
					break;
				stop = rt_field_print(pc, &c, bit0 + bitno, &flags, present) != 0;
			}
			if (stop)
				break;
		}
		switch (present & (1U << RT_NAMESPACE | 1U << RT_VENDOR_NAMESPACE)) {
		case 0:
			bit0 += 32;
			break;
		case 1U << RT_NAMESPACE:
			bit0 = 0;
			vendor = 0;
			skip = 0;
			break;
		case 1U << RT_VENDOR_NAMESPACE: {
			uint64_t oui;

			bit0 = 0;
			vendor = 1;
			/*
			 * OUI (3 bytes), sub-namespace, skip length. As tcpdump
			 * does, the first four bytes are read unaligned, after
			 * checking that 2 aligned bytes would fit.
			 */
			if ((c.next + 1) / 2 * 2 + 2 > c.len) {
				pc_print_trunc(pc);
				break;
			}
			if (rt_next(pc, &c, 1, &oui) || rt_next(pc, &c, 1, &oui) || rt_next(pc, &c, 1, &oui) ||
			    rt_next(pc, &c, 1, &oui) || rt_next(pc, &c, 2, &skip)) {
				pc_print_trunc(pc);
				break;
			}
			break;
		}
		default:
			break;	/* both bits: undefined, ignored */
		}
	}
	return after_radio_header(pc, pkt, length, len, (flags & RTF_DATAPAD) != 0,
				  flags & RTF_FCS ? 4 : 0);
}

/* AVS capture header: version cookie, header length (big-endian), then radio fields. */
uint32_t ieee80211_avs_print(struct pctx *pc, const struct nbytes *pkt, uint32_t length)
{
	uint32_t hlen = nb_be32_or0(pkt, 4);

	pc->proto = "802.11_radio_avs";
	if (radio_header_cut(pc, pkt, hlen))
		return (uint32_t)pkt->len;
	return after_radio_header(pc, pkt, length, hlen, 0, 0);
}

/* Prism monitor header (144 bytes), or an AVS header told by its cookie. */
uint32_t prism_print(struct pctx *pc, const struct nbytes *pkt, uint32_t length)
{
	uint32_t cookie = nb_be32_or0(pkt, 0);

	pc->proto = "prism";
	if (cookie == 0x80211001 || cookie == 0x80211002)
		return ieee80211_avs_print(pc, pkt, length);
	if (radio_header_cut(pc, pkt, 144))
		return (uint32_t)pkt->len;
	return after_radio_header(pc, pkt, length, 144, 0, 0);
}
