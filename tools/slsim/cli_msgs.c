/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file cli_msgs.c
 * @brief How `slsim` talks to the user: error, warning, note and hint lines (git's rules,
 *        STYLE §13: "slsim: " prefix, lowercase, no final period, SL name and number always),
 *        usage errors (curl helpf), and the JSON printer.
 *
 * Every message goes to stderr after stdout has been flushed, so a transcript of both streams
 * (the golden tests) shows them in the order they were written.
 */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/errtab.h"

#include "core/banned.h"

static void vmessage(const char *prefix, const char *fmt, va_list ap)
{
    (void)fflush(stdout);
    (void)fputs(prefix, stderr);
    (void)vfprintf(stderr, fmt, ap);
    (void)fputc('\n', stderr);
}

void cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage("slsim: ", fmt, ap);
    va_end(ap);
}

void cli_warning(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage("slsim: warning: ", fmt, ap);
    va_end(ap);
}

void cli_note(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage("slsim: note: ", fmt, ap);
    va_end(ap);
}

void cli_hint(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage("hint: ", fmt, ap);
    va_end(ap);
}

int cli_sl_error(int status, int32_t code, const struct slsim_diag *diag, const char *fmt, ...)
{
    char what[512];
    char name[128];
    va_list ap;
    va_start(ap, fmt);
    (void)vsnprintf(what, sizeof(what), fmt, ap);
    va_end(ap);
    (void)slsim_sl_errfmt(code, name, sizeof(name));
    if (diag != NULL && diag->msg[0] != '\0') {
        cli_error("%s: %s: %s", what, name, diag->msg);
    } else {
        cli_error("%s: %s", what, name);
    }
    return status;
}

int cli_usage_error(const struct cli_call *call, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage("slsim: ", fmt, ap);
    va_end(ap);
    if (call == NULL) {
        (void)fprintf(stderr, "try 'slsim --help'\n");
        return CLI_EXIT_USAGE;
    }
    cli_usage_line(call->noun, call->verb);
    (void)fprintf(stderr, "try 'slsim %s %s --help'\n", call->noun->name, call->verb->name);
    return CLI_EXIT_USAGE;
}

const char *cli_plural(uint64_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

int cli_flush_stdout(void)
{
    errno = 0;
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_error("cannot write to standard output: %s",
                  errno != 0 ? strerror(errno) : "I/O error");
        return CLI_EXIT_ENV;
    }
    return CLI_EXIT_OK;
}

int cli_print_json(cJSON *json)
{
    char *text = json != NULL ? cJSON_Print(json) : NULL;
    cJSON_Delete(json);
    if (text == NULL) {
        cli_error("cannot format json output: out of memory");
        return CLI_EXIT_ENV;
    }
    (void)fputs(text, stdout);
    (void)fputc('\n', stdout);
    free(text);
    return cli_flush_stdout();
}
