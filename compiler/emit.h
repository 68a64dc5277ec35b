/* Emitters: each reads the checked model and writes its text into a buffer;
 * cmd_build writes the buffer atomically. 0 on success; on failure, -1 with
 * a message in *err (an internal or library error: exit 2). */
#ifndef PIPE_EMIT_H
#define PIPE_EMIT_H
#include "model.h"
#include "strbuf.h"

typedef struct EmitContext {
    const Model *model;
    const char *source_name; /* as given on the command line, for Metadata */
    const char *err;
} EmitContext;

int emit_dot(EmitContext *ctx, StrBuf *out);
/* svg, png or pdf, laid out and rendered in-process with gvc. */
int emit_render(EmitContext *ctx, const char *format, StrBuf *out);
int emit_md(EmitContext *ctx, StrBuf *out);
int emit_cfn_yaml(EmitContext *ctx, StrBuf *out);
int emit_cfn_json(EmitContext *ctx, StrBuf *out);

typedef struct Emitter {
    const char *format;
    int (*run)(EmitContext *ctx, const char *format, StrBuf *out);
} Emitter;

/* NULL for an unknown format. */
const Emitter *emitter_for(const char *format);
const char *emitter_formats(void);

#endif
