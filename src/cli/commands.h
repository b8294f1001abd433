/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_CLI_COMMANDS_H
#define KANSOKU_CLI_COMMANDS_H

/* One entry point per command; each is defined in cmd-<name>.c. */
int cmd_help(int argc, char **argv);
int cmd_version(int argc, char **argv);
int cmd_dump(int argc, char **argv);
int cmd_flows(int argc, char **argv);
int cmd_follow(int argc, char **argv);
int cmd_exchanges(int argc, char **argv);
int cmd_flowgraph(int argc, char **argv);
int cmd_tree(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_info(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_record(int argc, char **argv);
int cmd_dns(int argc, char **argv);
int cmd_mail(int argc, char **argv);
int cmd_postfix(int argc, char **argv);

int cmd_report(int argc, char **argv);
int cmd_plot(int argc, char **argv);

#endif
