/* The CloudFormation emitters (YAML and JSON) on inputs that check without
 * errors: the JSON must parse with jansson and the YAML with libyaml. */
#include "fuzz.h"

#include <jansson.h>
#include <yaml.h>

static int run_yaml(EmitContext *ctx, StrBuf *out)
{
    return emit_cfn_yaml(ctx, out);
}

static int run_json(EmitContext *ctx, StrBuf *out)
{
    return emit_cfn_json(ctx, out);
}

/* True when text is one well-formed YAML stream. */
static bool yaml_ok(const char *text, size_t len, char *why, size_t whylen)
{
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p))
        abort();
    yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
    bool ok = true;
    for (;;) {
        yaml_event_t e;
        if (!yaml_parser_parse(&p, &e)) {
            snprintf(why, whylen, "%s at line %zu column %zu", p.problem ? p.problem : "?",
                     p.problem_mark.line + 1, p.problem_mark.column + 1);
            ok = false;
            break;
        }
        bool end = e.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&e);
        if (end)
            break;
    }
    yaml_parser_delete(&p);
    return ok;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Compilation c;
    fuzz_compile(&c, data, size);
    if (!fuzz_emittable(&c)) {
        compilation_free(&c);
        return 0;
    }
    StrBuf out;
    fuzz_emit(&c, run_json, &out);
    json_error_t err;
    json_t *j = json_loadb(out.data ? out.data : "", out.len, 0, &err);
    FUZZ_CHECK(j != NULL, "the JSON template does not parse: %s (line %d)", err.text, err.line);
    FUZZ_CHECK(json_is_object(j), "the JSON template is not an object");
    json_decref(j);
    sb_free(&out);

    fuzz_emit(&c, run_yaml, &out);
    char why[256];
    FUZZ_CHECK(yaml_ok(out.data ? out.data : "", out.len, why, sizeof why),
               "the YAML template does not parse: %s", why);
    sb_free(&out);
    compilation_free(&c);
    return 0;
}
