#include "emit.h"
int emit_md(EmitContext *ctx, StrBuf *out) { (void)out; ctx->err = "the Markdown emitter is not built yet"; return -1; }
