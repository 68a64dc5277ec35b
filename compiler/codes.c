#include "codes.h"

#include <string.h>

#include "explain_text.h"

static const CodeInfo codes[] = {
    {"E101", "syntax error", EXPLAIN_E101},
    {"E102", "lexical error: bad character, unterminated string, bad escape, invalid UTF-8, NUL byte, number too large", EXPLAIN_E102},
    {"E103", "import not found or unreadable", EXPLAIN_E103},
    {"E104", "import cycle", EXPLAIN_E104},
    {"E105", "input exceeds a limit (file size, nesting, identifier length, imports, flows)", EXPLAIN_E105},
    {"E201", "unknown service", EXPLAIN_E201},
    {"E202", "duplicate name", EXPLAIN_E202},
    {"E203", "undefined component in a flow or a ref", EXPLAIN_E203},
    {"E204", "unknown property for this service", EXPLAIN_E204},
    {"E205", "wrong value type for a property", EXPLAIN_E205},
    {"E206", "value out of range", EXPLAIN_E206},
    {"E207", "not one of the enum's values", EXPLAIN_E207},
    {"E208", "required property missing", EXPLAIN_E208},
    {"E209", "reference to a component of the wrong service", EXPLAIN_E209},
    {"E210", "no pipeline in the file, or more than one", EXPLAIN_E210},
    {"E301", "no integration from this service to that one", EXPLAIN_E301},
    {"E302", "data flow from a component to itself", EXPLAIN_E302},
    {"W401", "component takes part in no flow", EXPLAIN_W401},
    {"W402", "data goes in but never comes out", EXPLAIN_W402},
    {"W403", "a component that works on incoming data has none", EXPLAIN_W403},
    {"W404", "cycle in the data flow", EXPLAIN_W404},
    {"W405", "deprecated service or name", EXPLAIN_W405},
    {"W406", "spot capacity on nodes that hold data or run the cluster", EXPLAIN_W406},
    {"W407", "hint: instance family does not fit the workload", EXPLAIN_W407},
    {"W408", "hint: long-running cluster on demand; reserved capacity is cheaper", EXPLAIN_W408},
    {"W409", "SQS visibility timeout shorter than the timeout of a consuming Lambda", EXPLAIN_W409},
};

enum { NCODES = sizeof codes / sizeof codes[0] };

const CodeInfo *code_info(const char *code)
{
    for (int i = 0; i < NCODES; i++)
        if (strcmp(codes[i].code, code) == 0)
            return &codes[i];
    return NULL;
}

const CodeInfo *code_table(int *n)
{
    *n = NCODES;
    return codes;
}

const DiagRule *code_rules(void)
{
    static DiagRule rules[NCODES];
    if (!rules[0].code)
        for (int i = 0; i < NCODES; i++)
            rules[i] = (DiagRule){codes[i].code, codes[i].summary, codes[i].explanation};
    return rules;
}

int code_rule_count(void)
{
    return NCODES;
}

bool code_is_hint(const char *code)
{
    return strcmp(code, "W407") == 0 || strcmp(code, "W408") == 0;
}
