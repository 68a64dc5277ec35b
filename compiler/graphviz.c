/* The Graphviz loader of graphviz.h: dlopen and dlsym, once per process.
 * The sonames come from the libraries pipec was compiled against (the
 * Makefile reads them with objdump), so the ABI is the one of the headers. */
#define _POSIX_C_SOURCE 200809L
#define GRAPHVIZ_NO_MACROS
#include "graphviz.h"

#include <dlfcn.h>
#include <string.h>

#ifndef CGRAPH_SONAME
#define CGRAPH_SONAME "libcgraph.so.6"
#endif
#ifndef GVC_SONAME
#define GVC_SONAME "libgvc.so.6"
#endif

Graphviz graphviz_api;

/* dlsym returns an object pointer; it is copied into the function (or
 * data) pointer's slot byte for byte, as POSIX allows. */
static bool symbol(void *lib, const char *name, void *slot)
{
    void *p = dlsym(lib, name);
    if (p)
        memcpy(slot, &p, sizeof p);
    return p != NULL;
}

static bool load_all(void *cgraph, void *gvc)
{
    bool ok = true;
#define LOAD(lib, f)                                                                     \
    _Static_assert(sizeof graphviz_api.f == sizeof(void *), "pointer size");             \
    ok = ok && symbol(lib, #f, &graphviz_api.f);
#define LOAD_CGRAPH(f) LOAD(cgraph, f)
#define LOAD_GVC(f) LOAD(gvc, f)
    GRAPHVIZ_CGRAPH_FUNCTIONS(LOAD_CGRAPH)
    GRAPHVIZ_GVC_FUNCTIONS(LOAD_GVC)
    LOAD(cgraph, AgMemDisc)
    LOAD(cgraph, AgIoDisc)
    LOAD(cgraph, Agdirected)
#undef LOAD_GVC
#undef LOAD_CGRAPH
#undef LOAD
    return ok;
}

bool graphviz_load(const char **err)
{
    static int state; /* 0 not tried, 1 loaded, -1 failed */
    static const char *why;
    if (state == 0) {
        /* RTLD_GLOBAL: gvc's plugins (dot layout, cairo) resolve against it */
        void *cgraph = dlopen(CGRAPH_SONAME, RTLD_NOW | RTLD_GLOBAL);
        void *gvc = cgraph ? dlopen(GVC_SONAME, RTLD_NOW | RTLD_GLOBAL) : NULL;
        if (!cgraph || !gvc)
            why = "the Graphviz libraries (" CGRAPH_SONAME ", " GVC_SONAME
                  ") could not be loaded: install Graphviz (Debian: libgvc6)";
        else if (!load_all(cgraph, gvc))
            why = "the Graphviz library lacks a function pipec uses";
        state = why ? -1 : 1;
    }
    if (state < 0 && err)
        *err = why;
    return state > 0;
}
