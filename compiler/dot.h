/* Internal API of the diagram emitter: emit_dot.c builds the cgraph graph
 * (ids, clusters, edges, graph attributes, legend), dot_card.c writes what a
 * card shows (the HTML-like label of a component and its tooltip) and the
 * escaping every text on the diagram goes through, dot_write.c writes the
 * graph as DOT text; emit_render.c lays the graph out with gvc. */
#ifndef PIPE_DOT_H
#define PIPE_DOT_H
#include "graphviz.h"

#include "emit.h"

#define FONT "DejaVu Sans"
#define INK "#232F3E"      /* AWS "squid ink": text on white */
#define MUTED "#545B64"    /* secondary text, edges */
#define FAINT "#879196"    /* property names, cluster borders */

typedef struct Dot {
    Arena *a;
    const Model *m;
} Dot;

/* The whole diagram as a cgraph graph; the caller agcloses it. */
Agraph_t *dot_graph(EmitContext *ctx, Arena *a);

/* The DOT text of g, byte for byte what agwrite writes, in linear time
 * (dot_write.c says why agwrite is not used). 0 on success. */
int dot_write(Agraph_t *g, StrBuf *out);

/* A component's card: an HTML-like table, for the node's label. */
void dot_card(StrBuf *b, Dot *d, const MComponent *c);
/* Every setting of a component, as a plain tooltip text. */
void dot_tooltip(StrBuf *b, Dot *d, const MComponent *c);

/* s, or the fallback when s is NULL or empty. */
const char *dot_or_else(const char *s, const char *fallback);
/* Text inside an HTML-like label. */
void dot_html_put(StrBuf *b, const char *s);
/* Text of a plain string attribute. */
void dot_plain_put(StrBuf *b, const char *s);

#endif
