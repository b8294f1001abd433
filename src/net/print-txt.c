/* SPDX-License-Identifier: MIT */
/*
 * Line-oriented text protocols (SMTP RFC 5321, HTTP/1.x RFC 9112, FTP
 * RFC 959, RTSP RFC 7826): the protocol name and its first line, every
 * line at -v, as tcpdump 4.99 prints them.
 */
#include <strings.h>

#include "net/print-int.h"

#define MAX_TOKEN 128

static int is_print(unsigned c)
{
	return c >= 0x20 && c < 0x7f;
}

/* Returns the index after the token and following blanks, 0 when there is no token. */
static uint32_t fetch_token(const struct nbytes *b, uint32_t idx, uint32_t len, char *tok,
			    size_t toksize)
{
	size_t n = 0;
	unsigned c;

	for (; idx < len; idx++) {
		if (nb_u8(b, idx, &c))
			return 0;
		if (c & 0x80)
			return 0;
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
			break;
		if (!is_print(c))
			return 0;
		if (n + 2 > toksize)
			return 0;
		tok[n++] = (char)c;
	}
	if (n == 0)
		return 0;
	tok[n] = '\0';
	for (; idx < len; idx++) {
		if (nb_u8(b, idx, &c))
			break;
		if (c == '\r' || c == '\n' || !is_print(c))
			break;
		if (c != ' ' && c != '\t')
			break;
	}
	return idx;
}

/* Prints one line after `prefix`; returns the index after its end, 0 when it did not end. */
static uint32_t print_txt_line(struct pctx *pc, const char *prefix, const struct nbytes *b,
			       uint32_t idx, uint32_t len)
{
	uint32_t start = idx, linelen;

	while (idx < len) {
		unsigned c = G8(pc, b, idx);

		if (c == '\n') {
			linelen = idx - start;
			idx++;
			goto print;
		} else if (c == '\r') {
			if (idx + 1 >= len)
				return 0;
			if (G8(pc, b, idx + 1) == '\n') {
				linelen = idx - start;
				idx += 2;
				goto print;
			}
			return 0;
		} else if (!is_print(c) && c != '\t') {
			return 0;
		}
		idx++;
	}
	/* printable text without a line end: shown, and marked as cut */
	pc_puts(pc, prefix);
	pc_putn(pc, (const char *)b->p + start, idx - start);
	pc_print_trunc(pc);
	return 0;
print:
	pc_puts(pc, prefix);
	pc_putn(pc, (const char *)b->p + start, linelen);
	return idx;
}

#define RESP_CODE_SECOND_TOKEN 1

static void txtproto(struct pctx *pc, const struct nbytes *b, uint32_t len, const char *name,
		     const char *const *cmds, int flags)
{
	char token[MAX_TOKEN + 1];
	int print_this = 0;
	uint32_t idx, eol;

	if (cmds) {
		idx = fetch_token(b, 0, len, token, sizeof(token));
		if (idx != 0) {
			const char *const *c;

			for (c = cmds; *c; c++)
				if (!strcasecmp(token, *c)) {
					print_this = 1;
					break;
				}
			if (flags & RESP_CODE_SECOND_TOKEN)
				idx = fetch_token(b, idx, len, token, sizeof(token));
			if (idx != 0 && token[0] >= '0' && token[0] <= '9' && token[1] >= '0' &&
			    token[1] <= '9' && token[2] >= '0' && token[2] <= '9' && token[3] == '\0')
				print_this = 1;
		}
	} else {
		print_this = 1;
	}
	pc_puts(pc, name);
	if (!print_this) {
		if (!nb_has(b, 0, 1) && len > 0)
			pc_trunc(pc);
		return;
	}
	if (pc->o.vflag) {
		pc_printf(pc, ", length: %u", len);
		for (idx = 0; idx < len && (eol = print_txt_line(pc, "\n\t", b, idx, len)) != 0; idx = eol)
			;
	} else {
		print_txt_line(pc, ": ", b, 0, len);
	}
}

void txtproto_print(struct pctx *pc, const struct nbytes *b, uint32_t length, const char *name,
		    const char *const *cmds, int flags)
{
	txtproto(pc, b, length, name, cmds, flags);
}

void smtp_print(struct pctx *pc, const struct nbytes *b, uint32_t length)
{
	pc->proto = "smtp";
	txtproto(pc, b, length, "SMTP", NULL, 0);
}

static const char *const httpcmds[] = {
	"GET", "PUT", "COPY", "HEAD", "LOCK", "MOVE", "POLL", "POST", "BCOPY", "BMOVE",
	"MKCOL", "TRACE", "LABEL", "MERGE", "DELETE", "SEARCH", "UNLOCK", "REPORT", "UPDATE",
	"NOTIFY", "BDELETE", "CONNECT", "OPTIONS", "CHECKIN", "PROPFIND", "CHECKOUT",
	"CCM_POST", "SUBSCRIBE", "PROPPATCH", "BPROPFIND", "BPROPPATCH", "UNCHECKOUT",
	"MKACTIVITY", "MKWORKSPACE", "UNSUBSCRIBE", "RPC_CONNECT", "VERSION-CONTROL",
	"BASELINE-CONTROL", NULL
};

void http_print(struct pctx *pc, const struct nbytes *b, uint32_t length)
{
	pc->proto = "http";
	txtproto(pc, b, length, "HTTP", httpcmds, RESP_CODE_SECOND_TOKEN);
}

void ftp_print(struct pctx *pc, const struct nbytes *b, uint32_t length)
{
	pc->proto = "ftp";
	txtproto(pc, b, length, "FTP", NULL, 0);
}

static const char *const rtspcmds[] = {
	"OPTIONS", "DESCRIBE", "ANNOUNCE", "SETUP", "PLAY", "PAUSE", "TEARDOWN",
	"GET_PARAMETER", "SET_PARAMETER", "REDIRECT", "RECORD", NULL
};

void rtsp_print(struct pctx *pc, const struct nbytes *b, uint32_t length)
{
	pc->proto = "rtsp";
	txtproto(pc, b, length, "RTSP", rtspcmds, RESP_CODE_SECOND_TOKEN);
}
