/* Graphviz (cgraph and gvc), loaded with dlopen on the first diagram.
 *
 * Linked normally, libgvc brings eight shared libraries (cgraph, cdt,
 * pathplan, xdot, ltdl, expat, zlib, libm) that every `pipec check` in a
 * pre-commit hook would map and relocate for nothing: measured, that was
 * about a third of a 50-line check. So pipec does not link them; the
 * diagram emitters call the functions below through a table filled on
 * first use. Include this header instead of <cgraph.h> and <gvc.h>: the
 * macros at the end let the emitters use the Graphviz names unchanged.
 * graphviz_load() must have succeeded before any of them is called. */
#ifndef PIPE_GRAPHVIZ_H
#define PIPE_GRAPHVIZ_H
#include <cgraph.h>
#include <gvc.h>
#include <stdbool.h>

/* Every function the emitters use: add one here and in the macros below. */
#define GRAPHVIZ_CGRAPH_FUNCTIONS(X)                                                         \
    X(agopen) X(agclose) X(agnode) X(agedge) X(agsubg) X(agattr) X(agsafeset) X(agxset)     \
    X(agxget) X(agget) X(agwrite) X(agstrdup) X(agstrdup_html) X(agstrfree) X(aghtmlstr)    \
    X(agraphof) X(agroot) X(agparent) X(agnameof) X(agfstnode) X(agnxtnode) X(agfstout)    \
    X(agnxtout) X(agfstsubg) X(agnxtsubg) X(agnxtattr)
#define GRAPHVIZ_GVC_FUNCTIONS(X)                                                            \
    X(gvContext) X(gvLayout) X(gvRenderData) X(gvFreeRenderData) X(gvFreeLayout)           \
    X(gvFreeContext)

typedef struct Graphviz {
#define GRAPHVIZ_POINTER(f) __typeof__(f) *f;
    GRAPHVIZ_CGRAPH_FUNCTIONS(GRAPHVIZ_POINTER)
    GRAPHVIZ_GVC_FUNCTIONS(GRAPHVIZ_POINTER)
#undef GRAPHVIZ_POINTER
    Agmemdisc_t *AgMemDisc;
    Agiodisc_t *AgIoDisc;
    Agdesc_t *Agdirected;
} Graphviz;

extern Graphviz graphviz_api;

/* Loads the libraries once per process. False, with *err saying why, when
 * they (or one of the functions) are missing. */
bool graphviz_load(const char **err);

#ifndef GRAPHVIZ_NO_MACROS
#define agopen (graphviz_api.agopen)
#define agclose (graphviz_api.agclose)
#define agnode (graphviz_api.agnode)
#define agedge (graphviz_api.agedge)
#define agsubg (graphviz_api.agsubg)
#define agattr (graphviz_api.agattr)
#define agsafeset (graphviz_api.agsafeset)
#define agxset (graphviz_api.agxset)
#define agxget (graphviz_api.agxget)
#define agget (graphviz_api.agget)
#define agwrite (graphviz_api.agwrite)
#define agstrdup (graphviz_api.agstrdup)
#define agstrdup_html (graphviz_api.agstrdup_html)
#define agstrfree (graphviz_api.agstrfree)
#define aghtmlstr (graphviz_api.aghtmlstr)
#define agraphof (graphviz_api.agraphof)
#define agroot (graphviz_api.agroot)
#define agparent (graphviz_api.agparent)
#define agnameof (graphviz_api.agnameof)
#define agfstnode (graphviz_api.agfstnode)
#define agnxtnode (graphviz_api.agnxtnode)
#define agfstout (graphviz_api.agfstout)
#define agnxtout (graphviz_api.agnxtout)
#define agfstsubg (graphviz_api.agfstsubg)
#define agnxtsubg (graphviz_api.agnxtsubg)
#define agnxtattr (graphviz_api.agnxtattr)
#define gvContext (graphviz_api.gvContext)
#define gvLayout (graphviz_api.gvLayout)
#define gvRenderData (graphviz_api.gvRenderData)
#define gvFreeRenderData (graphviz_api.gvFreeRenderData)
#define gvFreeLayout (graphviz_api.gvFreeLayout)
#define gvFreeContext (graphviz_api.gvFreeContext)
#define AgMemDisc (*graphviz_api.AgMemDisc)
#define AgIoDisc (*graphviz_api.AgIoDisc)
#define Agdirected (*graphviz_api.Agdirected)
#endif

#endif
