/* The diagnostic codes: one table, used by SARIF rules, `explain` and tests. */
#ifndef PIPE_CODES_H
#define PIPE_CODES_H
#include <stdbool.h>

#include "diag.h"

typedef struct CodeInfo {
    const char *code;
    const char *summary;
    const char *explanation; /* long text with a wrong and a right example */
} CodeInfo;

const CodeInfo *code_info(const char *code);
const CodeInfo *code_table(int *n);
const DiagRule *code_rules(void);
int code_rule_count(void);
/* W407 and W408 are hints: shown, never failing a run, even with --werror. */
bool code_is_hint(const char *code);

#endif
