/*
 * cmd_settings.h - what the files of the settings group (cmd_settings*.c) share.
 */
#ifndef CDBG_CLI_CMD_SETTINGS_H
#define CDBG_CLI_CMD_SETTINGS_H

#include "cli.h"

/* with's arguments: the setting and its value (*setting; the blanks before " --" kept) and the
 * command line to run (*line: after " -- ", else the command line before this one), both
 * malloc'ed. 0, or -1 with gdb's error printed ("Missing arguments.", "No previous command
 * to relaunch"). */
int settings_with_args(struct cli *c, char *args, char **setting, char **line);
/* May `with` change the setting named at the start of text? 0, or -1 with gdb's error (an
 * unknown setting: "Undefined set command: ...", `set var`: not with `with`). */
int settings_with_check(struct cli *c, const char *text);

/* cmd_settings_charset.c: set (set true) or show name (charset, host-charset, target-charset,
 * target-wide-charset) to rest: 0, or -1 with gdb's sentence printed. */
int cli_charset_setting(struct cli *c, const char *name, const char *rest, bool set);
/* set/show style ... (args after "style"), cmd_settings_style.c. */
int cli_style_setting(struct cli *c, char *args, bool set);
/* maintenance set|show libopcodes-styling enabled [on|off]. */
int cli_style_libopcodes(struct cli *c, char *args, bool set);

#endif
