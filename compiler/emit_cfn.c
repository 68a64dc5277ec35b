#include "emit.h"
int emit_cfn_yaml(EmitContext *ctx, StrBuf *out) { (void)out; ctx->err = "the CloudFormation emitter is not built yet"; return -1; }
int emit_cfn_json(EmitContext *ctx, StrBuf *out) { (void)out; ctx->err = "the CloudFormation emitter is not built yet"; return -1; }
