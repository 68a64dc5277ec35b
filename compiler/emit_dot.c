#include "emit.h"
int emit_dot(EmitContext *ctx, StrBuf *out) { (void)out; ctx->err = "the DOT emitter is not built yet"; return -1; }
int emit_render(EmitContext *ctx, const char *format, StrBuf *out) { (void)format; (void)out; ctx->err = "rendering is not built yet"; return -1; }
