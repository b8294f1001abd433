/* SPDX-License-Identifier: MIT */
/*
 * SNMP v1/v2c (RFC 1157, RFC 3416) and the v3 message and USM headers
 * (RFC 3412, RFC 3414) as tcpdump 4.99 prints them: a walk over the BER
 * encoding (X.690) with tcpdump's complaint for each unexpected element.
 * Object identifiers print as numbers (tcpdump's -n form): we carry no MIB.
 */
#include "net/print-int.h"

/* What a BER element decoded to. */
enum ber_type {
	BER_ANY, BER_NULL, BER_OCTET, BER_OID, BER_INT, BER_UNS, BER_STR, BER_SEQ, BER_INETADDR,
	BER_PDU, BER_UNS64, BER_NOSUCHOBJECT, BER_NOSUCHINST, BER_ENDOFMIBVIEW,
};

struct ber {
	enum ber_type type;
	unsigned cls, form, id;
	uint32_t len;		/* content length */
	size_t off;		/* content offset in the message window */
	int32_t i;
	uint32_t u;
	uint64_t u64;
};

enum { CLS_UNIVERSAL, CLS_APPLICATION, CLS_CONTEXT, CLS_PRIVATE };
enum { PDU_GET, PDU_GETNEXT, PDU_RESPONSE, PDU_SET, PDU_TRAP, PDU_GETBULK, PDU_INFORM,
       PDU_V2TRAP, PDU_REPORT };

static const char *const universal_ids[] = {
	"U-0", "Boolean", "Integer", "Bitstring", "String", "Null", "ObjID", "ObjectDes", "U-8",
	"U-9", "U-10", "U-11", "U-12", "U-13", "U-14", "U-15", "Sequence", "Set"
};
static const char *const application_ids[] = {
	"IpAddress", "Counter", "Gauge", "TimeTicks", "Opaque", "C-5", "Counter64"
};
static const char *const context_ids[] = {
	"GetRequest", "GetNextRequest", "GetResponse", "SetRequest", "Trap", "GetBulk", "Inform",
	"V2Trap", "Report"
};
static const char *const private_ids[] = { "P-0" };
static const char *const exception_ids[] = { "noSuchObject", "noSuchInstance", "endOfMibView" };

static const struct {
	const char *const *ids;
	unsigned n;
} ber_classes[] = {
	{ universal_ids, sizeof(universal_ids) / sizeof(universal_ids[0]) },
	{ application_ids, sizeof(application_ids) / sizeof(application_ids[0]) },
	{ context_ids, sizeof(context_ids) / sizeof(context_ids[0]) },
	{ private_ids, 1 },
};
/* tcpdump names every class "x" in these messages (a macro that never expanded). */
#define CLASS_NAME "x"

static const char *const error_statuses[] = {
	"noError", "tooBig", "noSuchName", "badValue", "readOnly", "genErr", "noAccess",
	"wrongType", "wrongLength", "wrongEncoding", "wrongValue", "noCreation",
	"inconsistentValue", "resourceUnavailable", "commitFailed", "undoFailed",
	"authorizationError", "notWritable", "inconsistentName"
};
static const char *const generic_traps[] = {
	"coldStart", "warmStart", "linkDown", "linkUp", "authenticationFailure",
	"egpNeighborLoss", "enterpriseSpecific"
};
static const char *const snmp_versions[] = { "SNMPv1", "SNMPv2c", "SNMPv2u", "SNMPv3" };

/* The element's type and value from its tag; -1 for an empty INTEGER. */
static int ber_contents(struct pctx *pc, const struct nbytes *b, size_t p, struct ber *e)
{
	uint32_t n, i;

	switch (e->form << 4 | e->cls) {
	case 0x00:	/* primitive, universal */
		switch (e->id) {
		case 4:
			e->type = BER_STR;
			break;
		case 2:
			e->type = BER_INT;
			if (e->len == 0) {
				pc_puts(pc, "[asnlen=0]");
				return -1;
			}
			n = G8(pc, b, p) & 0x80 ? 0xffffffffu : 0;
			for (i = 0; i < e->len; i++)
				n = n << 8 | G8(pc, b, p + i);
			e->i = (int32_t)n;
			break;
		case 6:
			e->type = BER_OID;
			break;
		case 5:
			e->type = BER_NULL;
			break;
		default:
			e->type = BER_OCTET;
			pc_printf(pc, "[P/U/%s]", universal_ids[e->id]);
			break;
		}
		break;
	case 0x01:	/* primitive, application */
		switch (e->id) {
		case 0:
			e->type = BER_INETADDR;
			break;
		case 1: case 2: case 3:
			e->type = BER_UNS;
			for (i = 0, n = 0; i < e->len; i++)
				n = (n << 8) + G8(pc, b, p + i);
			e->u = n;
			break;
		case 6:
			e->type = BER_UNS64;
			for (i = 0, e->u64 = 0; i < e->len; i++)
				e->u64 = (e->u64 << 8) + G8(pc, b, p + i);
			break;
		default:
			e->type = BER_OCTET;
			pc_printf(pc, "[P/A/%s]", application_ids[e->id]);
			break;
		}
		break;
	case 0x02:	/* primitive, context: the v2 exceptions */
		if (e->id == 0)
			e->type = BER_NOSUCHOBJECT;
		else if (e->id == 1)
			e->type = BER_NOSUCHINST;
		else if (e->id == 2)
			e->type = BER_ENDOFMIBVIEW;
		break;
	case 0x03:
		pc_printf(pc, "[P/%s/%s]", CLASS_NAME, ber_classes[e->cls].ids[e->id]);
		e->type = BER_OCTET;
		break;
	case 0x10:	/* constructed, universal */
		if (e->id == 16) {
			e->type = BER_SEQ;
		} else {
			e->type = BER_OCTET;
			pc_printf(pc, "C/U/%s", universal_ids[e->id]);
		}
		break;
	case 0x12:
		e->type = BER_PDU;
		break;
	default:
		e->type = BER_OCTET;
		pc_printf(pc, "C/%s/%s", CLASS_NAME, ber_classes[e->cls].ids[e->id]);
		break;
	}
	return 0;
}

/*
 * The BER element at p, at most len bytes: its size with the header, or -1
 * after printing what is wrong (tcpdump's asn1_parse).
 */
static int ber_parse(struct pctx *pc, const struct nbytes *b, size_t p, uint32_t len,
		     struct ber *e)
{
	unsigned c, hdr = 1;
	uint32_t id;

	memset(e, 0, sizeof(*e));
	if (len < 1) {
		pc_puts(pc, "[nothing to parse]");
		return -1;
	}
	c = G8(pc, b, p);
	id = c & 0x1f;
	e->form = (c >> 5) & 1;
	e->cls = c >> 6;
	p++;
	len--;
	if (id == 0x1f) {
		id = 0;
		while (G8(pc, b, p) & 0x80) {
			if (len < 1) {
				pc_puts(pc, "[Xtagfield?]");
				return -1;
			}
			id = id << 7 | (G8(pc, b, p) & 0x7f);
			len--;
			hdr++;
			p++;
		}
		if (len < 1) {
			pc_puts(pc, "[Xtagfield?]");
			return -1;
		}
		id = id << 7 | G8(pc, b, p);
		len--;
		hdr++;
		p++;
	}
	e->id = id;
	if (len < 1) {
		pc_puts(pc, "[no asnlen]");
		return -1;
	}
	e->len = G8(pc, b, p);
	p++;
	len--;
	hdr++;
	if (e->len & 0x80) {
		uint32_t noct = e->len & 0x7f;

		e->len = 0;
		if (len < noct) {
			pc_printf(pc, "[asnlen? %d<%d]", (int)len, (int)noct);
			return -1;
		}
		GCHECK(pc, b, p, noct);
		for (; noct; len--, hdr++, noct--)
			e->len = e->len << 8 | G8(pc, b, p++);
	}
	if (len < e->len) {
		pc_printf(pc, "[len%d<asnlen%u]", (int)len, e->len);
		return -1;
	}
	if (id >= ber_classes[e->cls].n) {
		pc_printf(pc, "[id?%c/%s/%d]", e->form ? 'C' : 'P', CLASS_NAME, (int)id);
		return -1;
	}
	GCHECK(pc, b, p, e->len);
	e->off = p;
	e->type = BER_ANY;
	if (ber_contents(pc, b, p, e) < 0)
		return -1;
	return (int)(e->len + hdr);
}

static void ber_octets(struct pctx *pc, const struct nbytes *b, const struct ber *e)
{
	uint32_t i;

	GCHECK(pc, b, e->off, e->len);
	for (i = 0; i < e->len; i++)
		pc_printf(pc, "_%.2x", b->p[e->off + i]);
}

static void ber_string(struct pctx *pc, const struct nbytes *b, const struct ber *e)
{
	uint32_t i;
	int printable = 1;

	GCHECK(pc, b, e->off, e->len);
	for (i = 0; i < e->len && printable; i++)
		printable = b->p[e->off + i] >= 0x20 && b->p[e->off + i] < 0x7f;
	if (printable) {
		pc_putc(pc, '"');
		for (i = 0; i < e->len; i++)
			pc_safechar(pc, b->p[e->off + i]);
		pc_putc(pc, '"');
		return;
	}
	for (i = 0; i < e->len; i++)
		pc_printf(pc, i ? "_%.2x" : "%.2x", b->p[e->off + i]);
}

/* An OID as dotted numbers; the first octet carries two arcs (X.690 8.19.4). */
static void ber_oid(struct pctx *pc, const struct nbytes *b, const struct ber *e)
{
	uint32_t o = 0, i;
	int first = -1;

	for (i = 0; i < e->len; i++) {
		unsigned c = G8(pc, b, e->off + i);

		o = (o << 7) + (c & 0x7f);
		if (c & 0x80)
			continue;
		if (first < 0) {
			int32_t s = (int32_t)o / 40;

			if (s > 2)
				s = 2;
			first = 0;
			pc_printf(pc, ".%u", (unsigned)s);
			o -= (uint32_t)s * 40;
		}
		pc_printf(pc, ".%u", o);
		o = 0;
	}
}

static void ber_print(struct pctx *pc, const struct nbytes *b, const struct ber *e)
{
	uint32_t i;

	switch (e->type) {
	case BER_OCTET:
		ber_octets(pc, b, e);
		break;
	case BER_NULL:
		break;
	case BER_OID:
		ber_oid(pc, b, e);
		break;
	case BER_INT:
		pc_printf(pc, "%d", e->i);
		break;
	case BER_UNS:
		pc_u(pc, e->u);
		break;
	case BER_UNS64:
		pc_u(pc, e->u64);
		break;
	case BER_STR:
		ber_string(pc, b, e);
		break;
	case BER_SEQ:
		pc_printf(pc, "Seq(%u)", e->len);
		break;
	case BER_INETADDR:
		if (e->len != 4)
			pc_puts(pc, "[inetaddr len!=4]");
		GCHECK(pc, b, e->off, e->len);
		for (i = 0; i < e->len; i++)
			pc_printf(pc, i ? ".%u" : "%u", b->p[e->off + i]);
		break;
	case BER_NOSUCHOBJECT:
	case BER_NOSUCHINST:
	case BER_ENDOFMIBVIEW:
		pc_printf(pc, "[%s]", exception_ids[e->id]);
		break;
	case BER_PDU:
		pc_printf(pc, "%s(%u)", context_ids[e->id], e->len);
		break;
	case BER_ANY:
		pc_puts(pc, "[BE_ANY!?]");
		break;
	}
}

/*
 * The next element, which must be of type `want`: its size, or -1 after
 * tcpdump's complaint "[what]" and the element as found.
 */
static int ber_expect(struct pctx *pc, const struct nbytes *b, size_t p, uint32_t len,
		      struct ber *e, enum ber_type want, const char *what)
{
	int n = ber_parse(pc, b, p, len, e);

	if (n < 0)
		return -1;
	if (e->type != want) {
		pc_printf(pc, "[%s]", what);
		ber_print(pc, b, e);
		return -1;
	}
	return n;
}

static int is_read_pdu(unsigned id)
{
	return id == PDU_GET || id == PDU_GETNEXT || id == PDU_GETBULK;
}

static void varbinds_print(struct pctx *pc, const struct nbytes *b, unsigned pdu, size_t p,
			   uint32_t len)
{
	struct ber e;
	int n = ber_expect(pc, b, p, len, &e, BER_SEQ, "!SEQ of varbind");

	if (n < 0)
		return;
	if ((uint32_t)n < len)
		pc_printf(pc, "[%d extra after SEQ of varbind]", (int)(len - (uint32_t)n));
	len = e.len;
	p = e.off;
	while (len) {
		size_t next;
		uint32_t rest;

		pc_putc(pc, ' ');
		n = ber_expect(pc, b, p, len, &e, BER_SEQ, "!varbind");
		if (n < 0)
			return;
		next = p + (uint32_t)n;
		rest = len - (uint32_t)n;
		len = e.len;
		p = e.off;
		n = ber_expect(pc, b, p, len, &e, BER_OID, "objName!=OID");
		if (n < 0)
			return;
		ber_print(pc, b, &e);
		len -= (uint32_t)n;
		p += (uint32_t)n;
		if (!is_read_pdu(pdu))
			pc_putc(pc, '=');
		if (ber_parse(pc, b, p, len, &e) < 0)
			return;
		if (is_read_pdu(pdu) && e.type != BER_NULL) {
			pc_puts(pc, "[objVal!=NULL]");
			ber_print(pc, b, &e);
		} else if (!is_read_pdu(pdu) && e.type != BER_NULL) {
			ber_print(pc, b, &e);
		}
		len = rest;
		p = next;
	}
}

static int in_request_class(unsigned pdu)
{
	return pdu == PDU_GET || pdu == PDU_GETNEXT || pdu == PDU_SET || pdu == PDU_INFORM ||
	       pdu == PDU_V2TRAP || pdu == PDU_REPORT;
}

static void error_status_name(struct pctx *pc, int32_t v)
{
	if (v >= 0 && (size_t)v < sizeof(error_statuses) / sizeof(error_statuses[0]))
		pc_puts(pc, error_statuses[v]);
	else
		pc_printf(pc, "err=%u", (unsigned)v);
}

static void request_pdu_print(struct pctx *pc, const struct nbytes *b, unsigned pdu, size_t p,
			      uint32_t len)
{
	struct ber e;
	int32_t status = 0;
	int n;

	if ((n = ber_expect(pc, b, p, len, &e, BER_INT, "reqId!=INT")) < 0)
		return;
	if (pc->o.vflag)
		pc_printf(pc, "R=%d ", e.i);
	len -= (uint32_t)n;
	p += (uint32_t)n;
	if ((n = ber_expect(pc, b, p, len, &e, BER_INT, "errorStatus!=INT")) < 0)
		return;
	if (in_request_class(pdu) && e.i != 0) {
		pc_puts(pc, "[errorStatus(");
		error_status_name(pc, e.i);
		pc_puts(pc, ")!=0]");
	} else if (pdu == PDU_GETBULK) {
		pc_printf(pc, " N=%d", e.i);
	} else if (e.i != 0) {
		pc_putc(pc, ' ');
		error_status_name(pc, e.i);
		status = e.i;
	}
	len -= (uint32_t)n;
	p += (uint32_t)n;
	if ((n = ber_expect(pc, b, p, len, &e, BER_INT, "errorIndex!=INT")) < 0)
		return;
	if (in_request_class(pdu) && e.i != 0)
		pc_printf(pc, "[errorIndex(%d)!=0]", e.i);
	else if (pdu == PDU_GETBULK)
		pc_printf(pc, " M=%d", e.i);
	else if (e.i != 0 && !status)
		pc_printf(pc, "[errorIndex(%d) w/o errorStatus]", e.i);
	else if (e.i != 0)
		pc_printf(pc, "@%d", e.i);
	else if (status)
		pc_puts(pc, "[errorIndex==0]");
	len -= (uint32_t)n;
	p += (uint32_t)n;
	varbinds_print(pc, b, pdu, p, len);
}

static void trap_pdu_print(struct pctx *pc, const struct nbytes *b, size_t p, uint32_t len)
{
	struct ber e;
	int32_t generic;
	int n;

	pc_putc(pc, ' ');
	if ((n = ber_expect(pc, b, p, len, &e, BER_OID, "enterprise!=OID")) < 0)
		return;
	ber_print(pc, b, &e);
	len -= (uint32_t)n;
	p += (uint32_t)n;
	pc_putc(pc, ' ');
	if ((n = ber_expect(pc, b, p, len, &e, BER_INETADDR, "agent-addr!=INETADDR")) < 0)
		return;
	ber_print(pc, b, &e);
	len -= (uint32_t)n;
	p += (uint32_t)n;
	if ((n = ber_expect(pc, b, p, len, &e, BER_INT, "generic-trap!=INT")) < 0)
		return;
	generic = e.i;
	if (generic >= 0 && (size_t)generic < sizeof(generic_traps) / sizeof(generic_traps[0]))
		pc_printf(pc, " %s", generic_traps[generic]);
	else
		pc_printf(pc, " gt=%d", generic);
	len -= (uint32_t)n;
	p += (uint32_t)n;
	if ((n = ber_expect(pc, b, p, len, &e, BER_INT, "specific-trap!=INT")) < 0)
		return;
	if (generic != 6) {
		if (e.i != 0)
			pc_printf(pc, "[specific-trap(%d)!=0]", e.i);
	} else {
		pc_printf(pc, " s=%d", e.i);
	}
	len -= (uint32_t)n;
	p += (uint32_t)n;
	pc_putc(pc, ' ');
	if ((n = ber_expect(pc, b, p, len, &e, BER_UNS, "time-stamp!=TIMETICKS")) < 0)
		return;
	ber_print(pc, b, &e);
	len -= (uint32_t)n;
	p += (uint32_t)n;
	varbinds_print(pc, b, PDU_TRAP, p, len);
}

static void pdu_print(struct pctx *pc, const struct nbytes *b, size_t p, uint32_t len,
		      int version)
{
	struct ber pdu;
	int n = ber_parse(pc, b, p, len, &pdu);

	if (n < 0)
		return;
	if (pdu.type != BER_PDU) {
		pc_puts(pc, "[no PDU]");
		return;
	}
	if ((uint32_t)n < len)
		pc_printf(pc, "[%d extra after PDU]", (int)(len - (uint32_t)n));
	if (pc->o.vflag)
		pc_puts(pc, "{ ");
	ber_print(pc, b, &pdu);
	pc_putc(pc, ' ');
	if (version == 0 && (pdu.id == PDU_GETBULK || pdu.id == PDU_INFORM ||
			     pdu.id == PDU_V2TRAP || pdu.id == PDU_REPORT)) {
		pc_puts(pc, "[v2 PDU in v1 message]");
		return;
	}
	if (version == 1 && pdu.id == PDU_TRAP) {
		pc_puts(pc, "[v1 PDU in v2 message]");
		return;
	}
	if (pdu.id == PDU_TRAP)
		trap_pdu_print(pc, b, pdu.off, pdu.len);
	else
		request_pdu_print(pc, b, pdu.id, pdu.off, pdu.len);
	if (pc->o.vflag)
		pc_puts(pc, " } ");
}

static void community_print(struct pctx *pc, const struct nbytes *b, size_t p, uint32_t len,
			    int version)
{
	struct ber e;
	int n = ber_expect(pc, b, p, len, &e, BER_STR, "comm!=STR");

	if (n < 0)
		return;
	/* the default community "public" is left out */
	if (!(e.len == 6 && nb_has(b, e.off, 6) && !memcmp(b->p + e.off, "public", 6))) {
		pc_puts(pc, "C=");
		ber_string(pc, b, &e);
		pc_putc(pc, ' ');
	}
	pdu_print(pc, b, p + (uint32_t)n, len - (uint32_t)n, version);
}

static void scoped_pdu_print(struct pctx *pc, const struct nbytes *b, size_t p, uint32_t len)
{
	struct ber e;
	int n;

	if (ber_expect(pc, b, p, len, &e, BER_SEQ, "!scoped PDU") < 0)
		return;
	len = e.len;
	p = e.off;
	if ((n = ber_expect(pc, b, p, len, &e, BER_STR, "contextEngineID!=STR")) < 0)
		return;
	len -= (uint32_t)n;
	p += (uint32_t)n;
	pc_puts(pc, "E=");
	ber_octets(pc, b, &e);
	pc_putc(pc, ' ');
	if ((n = ber_expect(pc, b, p, len, &e, BER_STR, "contextName!=STR")) < 0)
		return;
	len -= (uint32_t)n;
	p += (uint32_t)n;
	pc_puts(pc, "C=");
	ber_string(pc, b, &e);
	pc_putc(pc, ' ');
	pdu_print(pc, b, p, len, 3);
}

static void usm_print(struct pctx *pc, const struct nbytes *b, size_t p, uint32_t len)
{
	struct ber e;
	int n;

	if (ber_expect(pc, b, p, len, &e, BER_SEQ, "!usm") < 0)
		return;
	len = e.len;
	p = e.off;
	if ((n = ber_expect(pc, b, p, len, &e, BER_STR, "msgAuthoritativeEngineID!=STR")) < 0)
		return;
	len -= (uint32_t)n;
	p += (uint32_t)n;
	if ((n = ber_expect(pc, b, p, len, &e, BER_INT, "msgAuthoritativeEngineBoots!=INT")) < 0)
		return;
	if (pc->o.vflag)
		pc_printf(pc, "B=%d ", e.i);
	len -= (uint32_t)n;
	p += (uint32_t)n;
	if ((n = ber_expect(pc, b, p, len, &e, BER_INT, "msgAuthoritativeEngineTime!=INT")) < 0)
		return;
	if (pc->o.vflag)
		pc_printf(pc, "T=%d ", e.i);
	len -= (uint32_t)n;
	p += (uint32_t)n;
	if ((n = ber_expect(pc, b, p, len, &e, BER_STR, "msgUserName!=STR")) < 0)
		return;
	len -= (uint32_t)n;
	p += (uint32_t)n;
	pc_puts(pc, "U=");
	ber_string(pc, b, &e);
	pc_putc(pc, ' ');
	if ((n = ber_expect(pc, b, p, len, &e, BER_STR, "msgAuthenticationParameters!=STR")) < 0)
		return;
	len -= (uint32_t)n;
	p += (uint32_t)n;
	if ((n = ber_expect(pc, b, p, len, &e, BER_STR, "msgPrivacyParameters!=STR")) < 0)
		return;
	len -= (uint32_t)n;
	if ((uint32_t)n < len)
		pc_printf(pc, "[%d extra after usm SEQ]", (int)(len - (uint32_t)n));
}

static void v3msg_print(struct pctx *pc, const struct nbytes *b, size_t p, uint32_t len)
{
	size_t start = p;
	uint32_t total = len;
	struct ber e;
	unsigned flags;
	int32_t model;
	int n;

	if (ber_expect(pc, b, p, len, &e, BER_SEQ, "!message") < 0)
		return;
	len = e.len;
	p = e.off;
	if (pc->o.vflag)
		pc_puts(pc, "{ ");
	if ((n = ber_expect(pc, b, p, len, &e, BER_INT, "msgID!=INT")) < 0)
		return;
	len -= (uint32_t)n;
	p += (uint32_t)n;
	if ((n = ber_expect(pc, b, p, len, &e, BER_INT, "msgMaxSize!=INT")) < 0)
		return;
	len -= (uint32_t)n;
	p += (uint32_t)n;
	if ((n = ber_expect(pc, b, p, len, &e, BER_STR, "msgFlags!=STR")) < 0)
		return;
	if (e.len != 1) {
		pc_printf(pc, "[msgFlags size %d]", (int)e.len);
		return;
	}
	flags = G8(pc, b, e.off);
	if (flags != 0 && flags != 1 && flags != 3 && flags != 4 && flags != 5 && flags != 7) {
		pc_printf(pc, "[msgFlags=0x%02X]", flags);
		return;
	}
	len -= (uint32_t)n;
	p += (uint32_t)n;
	pc_printf(pc, "F=%s%s%s ", flags & 1 ? "a" : "", flags & 2 ? "p" : "", flags & 4 ? "r" : "");
	if ((n = ber_expect(pc, b, p, len, &e, BER_INT, "msgSecurityModel!=INT")) < 0)
		return;
	model = e.i;
	len -= (uint32_t)n;
	p += (uint32_t)n;
	if ((uint32_t)n < len)
		pc_printf(pc, "[%d extra after message SEQ]", (int)(len - (uint32_t)n));
	if (pc->o.vflag)
		pc_puts(pc, "} ");
	if (model != 3) {
		pc_printf(pc, "[security model %d]", model);
		return;
	}
	if (pc->o.vflag)
		pc_puts(pc, "{ USM ");
	/* the security parameters follow the header sequence in the outer message */
	len = total - (uint32_t)(p - start);
	if ((n = ber_expect(pc, b, p, len, &e, BER_STR, "msgSecurityParameters!=STR")) < 0)
		return;
	len -= (uint32_t)n;
	p += (uint32_t)n;
	usm_print(pc, b, e.off, e.len);
	if (pc->o.vflag)
		pc_puts(pc, "} { ScopedPDU ");
	scoped_pdu_print(pc, b, p, len);
	if (pc->o.vflag)
		pc_puts(pc, "} ");
}

void snmp_print(struct pctx *pc, const struct nbytes *b, uint32_t length)
{
	struct ber e;
	int n;
	int32_t version;

	pc->proto = "snmp";
	pc_putc(pc, ' ');
	if ((n = ber_expect(pc, b, 0, length, &e, BER_SEQ, "!init SEQ")) < 0)
		return;
	if ((uint32_t)n < length)
		pc_printf(pc, "[%d extra after iSEQ]", (int)(length - (uint32_t)n));
	length = e.len;
	if ((n = ber_expect(pc, b, e.off, length, &e, BER_INT, "version!=INT")) < 0)
		return;
	version = e.i;
	if (version != 0 && version != 1 && version != 3) {
		pc_printf(pc, "SNMP [version = %d]", version);
		return;
	}
	if (pc->o.vflag)
		pc_printf(pc, "{ %s ", snmp_versions[version]);
	if (version == 3)
		v3msg_print(pc, b, e.off + e.len, length - (uint32_t)n);
	else
		community_print(pc, b, e.off + e.len, length - (uint32_t)n, version);
	if (pc->o.vflag)
		pc_puts(pc, "} ");
}
