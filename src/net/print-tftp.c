/* SPDX-License-Identifier: MIT */
/*
 * TFTP (RFC 1350, options RFC 2347) as tcpdump 4.99 prints it: the opcode,
 * file name, mode and options of a request, the block of DATA and ACK, the
 * code and text of an ERROR.
 */
#include "net/print-int.h"

static const struct tok tftp_op_names[] = {
	{ 1, "RRQ" }, { 2, "WRQ" }, { 3, "DATA" }, { 4, "ACK" }, { 5, "ERROR" }, { 6, "OACK" },
	{ 0, NULL }
};

static const struct tok tftp_error_names[] = {
	{ 0, "EUNDEF" }, { 1, "ENOTFOUND" }, { 2, "EACCESS" }, { 3, "ENOSPACE" },
	{ 4, "EBADOP" }, { 5, "EBADID" }, { 6, "EEXISTS" }, { 7, "ENOUSER" }, { 0, NULL }
};

/* NUL-terminated strings filling the rest of the message (options, RFC 2347). */
static void tftp_options_print(struct pctx *pc, const struct nbytes *b, size_t off, uint32_t length)
{
	while (length) {
		size_t n;

		if (G8(pc, b, off))
			pc_putc(pc, ' ');
		n = pc_printztn(pc, b, off, length);
		if (!n)
			pc_trunc(pc);
		off += n;
		length -= (uint32_t)n;
	}
}

void tftp_print(struct pctx *pc, const struct nbytes *b, uint32_t length)
{
	unsigned op;
	const char *name;
	size_t n, off = 2;

	pc->proto = "tftp";
	pc_printf(pc, "TFTP, length %u", length);
	if (length < 2)
		pc_trunc(pc);
	op = G16(pc, b, 0);
	length -= 2;
	name = tok_name(tftp_op_names, op);
	pc_puts(pc, ", ");
	if (!name) {
		pc_printf(pc, "tftp-#%u", op);
		return;
	}
	pc_puts(pc, name);
	switch (op) {
	case 1:
	case 2:
		pc_puts(pc, " \"");
		n = pc_printztn(pc, b, off, length);
		pc_putc(pc, '"');
		if (!n)
			pc_trunc(pc);
		off += n;
		length -= (uint32_t)n;
		if (!length)
			pc_trunc(pc);
		pc_putc(pc, ' ');
		n = pc_printztn(pc, b, off, length);
		if (!n)
			pc_trunc(pc);
		tftp_options_print(pc, b, off + n, length - (uint32_t)n);
		break;
	case 6:
		pc_putc(pc, ' ');
		tftp_options_print(pc, b, off, length);
		break;
	case 3:
	case 4:
		if (length < 2)
			pc_trunc(pc);
		pc_printf(pc, " block %u", G16(pc, b, off));
		break;
	case 5:
		if (length < 2)
			pc_trunc(pc);
		pc_putc(pc, ' ');
		pc_tok(pc, tftp_error_names, G16(pc, b, off), "tftp-err-#%u \"");
		off += 2;
		length -= 2;
		if (!length)
			pc_trunc(pc);
		pc_puts(pc, " \"");
		n = pc_printztn(pc, b, off, length);
		pc_putc(pc, '"');
		if (!n)
			pc_trunc(pc);
		break;
	}
}
