/* SPDX-License-Identifier: MIT */
/*
 * TCP printer (RFC 9293) as tcpdump 4.99 prints it: flags, sequence
 * numbers relative to the first ones seen per connection (tracking starts
 * at the first segment with ACK set; a SYN restarts it), options, length,
 * then the application printer chosen by port.
 */
#include <stdlib.h>

#include "core/hashtab.h"
#include "core/xalloc.h"
#include "net/cksum.h"
#include "net/print-int.h"
#include "net/tcp.h"

struct tcp_seq_entry {
	uint8_t key[36];	/* src[16] dst[16] ports[4], canonical order */
	uint32_t seq, ack;
};

struct tcp_seq_table {
	struct hashtab conns;	/* of struct tcp_seq_entry */
};

void tcpseq_free(struct tcp_seq_table *t)
{
	if (!t)
		return;
	hashtab_release(&t->conns);
	free(t);
}

static const struct tok tcp_flag_names[] = {
	{ NET_TH_FIN, "F" }, { NET_TH_SYN, "S" }, { NET_TH_RST, "R" }, { NET_TH_PUSH, "P" },
	{ NET_TH_ACK, "." }, { NET_TH_URG, "U" }, { NET_TH_ECE, "E" }, { NET_TH_CWR, "W" },
	{ 0, NULL }
};

static const struct tok tcp_option_names[] = {
	{ 0, "eol" }, { 1, "nop" }, { 2, "mss" }, { 3, "wscale" }, { 4, "sackOK" }, { 5, "sack" },
	{ 6, "echo" }, { 7, "echoreply" }, { 8, "TS" }, { 11, "cc" }, { 12, "ccnew" },
	{ 13, "" }, { 19, "md5" }, { 20, "scps" }, { 28, "uto" }, { 29, "tcp-ao" },
	{ 30, "mptcp" }, { 34, "tfo" }, { 254, "exp" }, { 0, NULL }
};

static int entry_has_key(const void *entry, const void *key)
{
	return !memcmp(((const struct tcp_seq_entry *)entry)->key, key, 36);
}

/* Finds or creates (zeroed) the entry of a connection; *created tells which. */
static struct tcp_seq_entry *tcpseq_find(struct pctx *pc, const uint8_t key[36], int *created)
{
	struct tcp_seq_entry *e;
	uint64_t h;

	if (!pc->tcpseq) {
		pc->tcpseq = xcalloc(1, sizeof(*pc->tcpseq));
		hashtab_init(&pc->tcpseq->conns, sizeof(struct tcp_seq_entry));
	}
	h = hashtab_hash(&pc->tcpseq->conns, key, 36);
	e = hashtab_find(&pc->tcpseq->conns, h, key, entry_has_key);
	*created = !e;
	if (!e) {
		e = hashtab_add(&pc->tcpseq->conns, h);
		memcpy(e->key, key, 36);
	}
	return e;
}

static void fastopen_print(struct pctx *pc, const struct nbytes *d, size_t off, unsigned n, int exp)
{
	unsigned i;

	if (exp)
		pc_puts(pc, "tfo");
	if (n == 0) {
		pc_puts(pc, " cookiereq");
	} else if (n % 2 != 0 || n < 4 || n > 16) {
		pc_puts(pc, " (invalid)");
	} else {
		pc_puts(pc, " cookie ");
		for (i = 0; i < n; i++)
			pc_hex(pc, G8(pc, d, off + i), 2);
	}
}

static void rst_data_print(struct pctx *pc, const struct nbytes *d, uint32_t length)
{
	uint32_t i;

	pc_puts(pc, nb_has(d, 0, length) ? " [RST" : " [!RST");
	if (length > 30) {
		length = 30;
		pc_putc(pc, '+');
	}
	pc_putc(pc, ' ');
	for (i = 0; i < length && i < d->len; i++)
		pc_safechar(pc, d->p[i]);
	pc_putc(pc, ']');
}

/* SSH (RFC 4253): the identification line "SSH-2.0-..." when the segment holds it. */
static void ssh_version_print(struct pctx *pc, const struct nbytes *b, uint32_t len)
{
	uint32_t idx;

	pc->proto = "ssh";
	if (G8(pc, b, 0) != 'S' || G8(pc, b, 1) != 'S' || G8(pc, b, 2) != 'H' || G8(pc, b, 3) != '-')
		return;
	for (idx = 4; idx < len; idx++) {
		unsigned c = G8(pc, b, idx);

		if (c == '\n')
			break;
		if (c == '\r') {
			if (idx + 1 >= len || G8(pc, b, idx + 1) != '\n')
				return;
			break;
		}
		if (c < 0x20 || c >= 0x7f)
			return;
	}
	if (idx >= len)
		return;
	pc_puts(pc, ": SSH: ");
	pc_putn(pc, (const char *)b->p, idx);
}

#define PORT(p) (sport == (p) || dport == (p))

void tcp_print(struct pctx *pc, const struct nbytes *b, uint32_t length, const struct ipinfo *ip)
{
	unsigned sport, dport, hlen, flags, win, urp;
	uint32_t seq, ack, thseq = 0, thack = 0;
	int rev = 0;
	char ch = 0;
	struct nbytes payload;

	pc->proto = "tcp";
	if (!nb_has(b, 0, 4)) {
		pc_ipaddr_v(pc, ip->version, ip->src);
		pc_puts(pc, " > ");
		pc_ipaddr_v(pc, ip->version, ip->dst);
		pc_putc(pc, ':');
		pc_trunc_soft(pc);
	}
	sport = nb_be16_or0(b, 0);
	dport = nb_be16_or0(b, 2);
	if (ip->nxt == 6) {
		pc_ipaddr_v(pc, ip->version, ip->src);
		pc_putc(pc, '.');
		pc_tcpport(pc, sport);
		pc_puts(pc, " > ");
		pc_ipaddr_v(pc, ip->version, ip->dst);
		pc_putc(pc, '.');
		pc_tcpport(pc, dport);
		pc_puts(pc, ": ");
	} else {
		pc_tcpport(pc, sport);
		pc_puts(pc, " > ");
		pc_tcpport(pc, dport);
		pc_puts(pc, ": ");
	}
	if (!nb_has(b, 0, 20))
		pc_trunc_soft(pc);
	hlen = (nb_u8_or0(b, 12) >> 4) * 4;
	if (hlen < 20) {
		pc_printf(pc, " tcp %u [bad hdr length %u - too short, < 20]", length - hlen, hlen);
		return;
	}
	seq = nb_be32_or0(b, 4);
	ack = nb_be32_or0(b, 8);
	win = nb_be16_or0(b, 14);
	urp = nb_be16_or0(b, 18);
	if (pc->o.qflag) {
		pc_printf(pc, "tcp %u", length - hlen);
		if (hlen > length)
			pc_printf(pc, " [bad hdr length %u - too long, > %u]", hlen, length);
		return;
	}
	flags = nb_u8_or0(b, 13);
	pc_puts(pc, "Flags [");
	pc_bits(pc, tcp_flag_names, flags, "none", "");
	pc_putc(pc, ']');
	if (!pc->o.Sflag && (flags & NET_TH_ACK)) {
		uint8_t key[36];
		size_t alen = ip->version == 6 ? 16 : 4;
		struct tcp_seq_entry *th;
		int created;

		memset(key, 0, sizeof(key));
		if (sport > dport)
			rev = 1;
		else if (sport == dport && memcmp(ip->src, ip->dst, alen) > 0)
			rev = 1;
		if (rev) {
			memcpy(key, ip->dst, alen);
			memcpy(key + 16, ip->src, alen);
			key[32] = (uint8_t)(dport >> 8), key[33] = (uint8_t)dport;
			key[34] = (uint8_t)(sport >> 8), key[35] = (uint8_t)sport;
		} else {
			memcpy(key, ip->src, alen);
			memcpy(key + 16, ip->dst, alen);
			key[32] = (uint8_t)(sport >> 8), key[33] = (uint8_t)sport;
			key[34] = (uint8_t)(dport >> 8), key[35] = (uint8_t)dport;
		}
		th = tcpseq_find(pc, key, &created);
		if (created || (flags & NET_TH_SYN)) {
			if (rev)
				th->ack = seq, th->seq = ack - 1;
			else
				th->seq = seq, th->ack = ack - 1;
		} else {
			if (rev)
				seq -= th->ack, ack -= th->seq;
			else
				seq -= th->seq, ack -= th->ack;
		}
		thseq = th->seq;
		thack = th->ack;
	}
	if (hlen > length) {
		pc_printf(pc, " [bad hdr length %u - too long, > %u]", hlen, length);
		return;
	}
	if (pc->o.vflag && !ip->fragmented && nb_has(b, 0, length)) {
		uint16_t sum = ip->version == 6 ?
			net_cksum_ipv6(ip->src, ip->sum_dst, 6, b->p, length) :
			net_cksum_ipv4(ip->src, ip->sum_dst, 6, b->p, length);
		unsigned tcp_sum = nb_be16_or0(b, 16);

		pc_printf(pc, ", cksum 0x%04x", tcp_sum);
		if (sum != 0)
			pc_printf(pc, " (incorrect -> 0x%04x)", net_cksum_shouldbe((uint16_t)tcp_sum, sum));
		else
			pc_puts(pc, " (correct)");
	}
	length -= hlen;
	if (pc->o.vflag > 1 || length > 0 || (flags & (NET_TH_SYN | NET_TH_FIN | NET_TH_RST))) {
		pc_puts(pc, ", seq ");
		pc_u(pc, seq);
		if (length > 0) {
			pc_putc(pc, ':');
			pc_u(pc, (uint32_t)(seq + length));
		}
	}
	if (flags & NET_TH_ACK) {
		pc_puts(pc, ", ack ");
		pc_u(pc, ack);
	}
	pc_puts(pc, ", win ");
	pc_u(pc, win);
	if (flags & NET_TH_URG) {
		pc_puts(pc, ", urg ");
		pc_u(pc, urp);
	}
	if (hlen > 20) {
		size_t off = 20;
		unsigned left = hlen - 20;

		pc_puts(pc, ", options [");
		while (left != 0) {
			unsigned opt, len, datalen = 0, i;

			if (ch)
				pc_putc(pc, ch);
			opt = G8(pc, b, off);
			off++;
			if (opt == 0 || opt == 1) {
				len = 1;
			} else {
				len = G8(pc, b, off);
				off++;
				if (len < 2 || len > left)
					goto bad;
				--left;
			}
			--left;
#define LENCHECK(l) do { if ((l) > left) goto bad; } while (0)
			pc_tok(pc, tcp_option_names, opt, "unknown-%u");
			switch (opt) {
			case 2:
				datalen = 2;
				LENCHECK(datalen);
				pc_printf(pc, " %u", G16(pc, b, off));
				break;
			case 3:
				datalen = 1;
				LENCHECK(datalen);
				pc_printf(pc, " %u", G8(pc, b, off));
				break;
			case 5:
				datalen = len - 2;
				if (datalen % 8 != 0) {
					pc_puts(pc, " invalid sack");
				} else {
					pc_printf(pc, " %u ", datalen / 8);
					for (i = 0; i < datalen; i += 8) {
						uint32_t s, e;

						LENCHECK(i + 4);
						s = G32(pc, b, off + i);
						LENCHECK(i + 8);
						e = G32(pc, b, off + i + 4);
						if (rev) {
							s -= thseq;
							e -= thseq;
						} else {
							s -= thack;
							e -= thack;
						}
						pc_printf(pc, "{%u:%u}", s, e);
					}
				}
				break;
			case 6: case 7: case 11: case 12: case 13:
				datalen = 4;
				LENCHECK(datalen);
				pc_printf(pc, " %u", G32(pc, b, off));
				break;
			case 8:
				datalen = 8;
				LENCHECK(datalen);
				pc_printf(pc, " val %u ecr %u", G32(pc, b, off), G32(pc, b, off + 4));
				break;
			case 19:
				datalen = 16;
				LENCHECK(datalen);
				pc_putc(pc, ' ');
				for (i = 0; i < 16; i++)
					pc_hex(pc, G8(pc, b, off + i), 2);
				break;
			case 20:
				datalen = 2;
				LENCHECK(datalen);
				pc_printf(pc, " cap %02x id %u", G8(pc, b, off), G8(pc, b, off + 1));
				break;
			case 0: case 1: case 4:
				break;
			case 28: {
				unsigned uto;

				datalen = 2;
				LENCHECK(datalen);
				uto = G16(pc, b, off);
				pc_printf(pc, " 0x%x", uto);
				uto = (uto & 1) ? (uto >> 1) * 60 : uto >> 1;
				pc_printf(pc, " %u", uto);
				break;
			}
			case 34:
				datalen = len - 2;
				LENCHECK(datalen);
				pc_putc(pc, ' ');
				fastopen_print(pc, b, off, datalen, 0);
				break;
			case 30: {
				/* the option's own window: what follows is not its to read */
				struct nbytes o = nb_sub(b, off - 2, len);

				datalen = len - 2;
				LENCHECK(datalen);
				if (!mptcp_print(pc, &o, len, flags))
					goto bad;
				pc->proto = "tcp";
				break;
			}
			case 254: {
				unsigned magic;

				datalen = len - 2;
				LENCHECK(datalen);
				if (datalen < 2)
					goto bad;
				magic = G16(pc, b, off);
				pc_putc(pc, '-');
				if (magic == 0xf989)
					fastopen_print(pc, b, off + 2, datalen - 2, 1);
				else
					pc_printf(pc, "%04x", magic);
				break;
			}
			default:
				datalen = len - 2;
				if (datalen)
					pc_puts(pc, " 0x");
				for (i = 0; i < datalen; ++i) {
					LENCHECK(i + 1);
					pc_hex(pc, G8(pc, b, off + i), 2);
				}
				break;
			}
#undef LENCHECK
			off += datalen;
			left -= datalen;
			++datalen;
			if (opt != 0 && opt != 1)
				++datalen;
			if (datalen != len)
				pc_printf(pc, "[len %u]", len);
			ch = ',';
			if (opt == 0)
				break;
		}
		pc_putc(pc, ']');
	}
	pc_puts(pc, ", length ");
	pc_u(pc, length);
	if (length == 0)
		return;
	if (!nb_has(b, 0, hlen)) {
		pc_printf(pc, " [remaining caplen(%u) < header length(%u)]", (unsigned)b->len, hlen);
		pc_trunc(pc);
	}
	payload = nb_sub(b, hlen, length);
	if ((flags & NET_TH_RST) && pc->o.vflag) {
		rst_data_print(pc, &payload, length);
		return;
	}
	if (pc->o.ptype == PT_DOMAIN) {
		domain_print(pc, &payload, length, 1, 0);
	} else if (PORT(179) && !PORT(25)) {
		struct nbytes w = ip_snap_window(&payload, ip);

		bgp_print(pc, &w, length);
	} else if (PORT(22)) {
		ssh_version_print(pc, &payload, length);
	} else if (PORT(25)) {
		pc_puts(pc, ": ");
		smtp_print(pc, &payload, length);
	} else if (PORT(80) || PORT(8080)) {
		pc_puts(pc, ": ");
		http_print(pc, &payload, length);
	} else if (PORT(21)) {
		pc_puts(pc, ": ");
		ftp_print(pc, &payload, length);
	} else if (PORT(554) || PORT(8554)) {
		pc_puts(pc, ": ");
		rtsp_print(pc, &payload, length);
	} else if (PORT(53)) {
		domain_print(pc, &payload, length, 1, 0);
	} else if (PORT(646)) {
		ldp_print(pc, &payload, length);
	} else if (PORT(323)) {
		rpki_rtr_print(pc, &payload, length);
	}
	return;
bad:
	pc_puts(pc, "[bad opt]");
	if (ch)
		pc_putc(pc, ']');
}
