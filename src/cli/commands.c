#include "cli/cli.h"
#include "cli/commands.h"

/* The single command table: name, entry point, one-line summary for `kansoku help`. */
const struct command commands[] = {
	{ "help", cmd_help, "show help for kansoku or one of its commands" },
	{ "mail", cmd_mail, "Postfix logs: summary (pflogsumm's numbers) and timeline" },
	{ "version", cmd_version, "print the version" },
	{ NULL, NULL, NULL },
};
