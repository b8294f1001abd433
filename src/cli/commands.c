#include "cli/cli.h"
#include "cli/commands.h"

/* The single command table: name, entry point, one-line summary for `kansoku help`. */
const struct command commands[] = {
	{ "help", cmd_help, "show help for kansoku or one of its commands" },
	{ "version", cmd_version, "print the version" },
	{ "dns", cmd_dns, "DNS: one timed query (dns query), resolver benchmark (dns bench)" },
	{ NULL, NULL, NULL },
};
