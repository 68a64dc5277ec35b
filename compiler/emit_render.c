/* SVG, PNG and PDF: the graph of emit_dot.c laid out with dot and rendered
 * in-process by gvc into memory (never by running the `dot` program). */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dot.h"

/* The gvc device for a format: the core SVG writer (text, byte-stable),
 * cairo for the raster and PDF outputs (antialiased, pango's fonts). */
static const char *renderer(const char *format)
{
    if (strcmp(format, "svg") == 0)
        return "svg:svg";
    if (strcmp(format, "png") == 0)
        return "png:cairo";
    if (strcmp(format, "pdf") == 0)
        return "pdf:cairo";
    return NULL;
}

/* cairo writes the clock into the PDF's /CreationDate (SOURCE_DATE_EPOCH is
 * honoured only from cairo 1.17.6 on). The date has a fixed width, so it is
 * overwritten in place with SOURCE_DATE_EPOCH, or 1970-01-01, and the
 * cross-reference offsets stay right. */
static void pin_pdf_date(char *data, size_t len)
{
    static const char key[] = "/CreationDate (D:";
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    time_t t = epoch ? (time_t)strtoll(epoch, NULL, 10) : 0;
    struct tm tm;
    char digits[16];
    if (!gmtime_r(&t, &tm) || strftime(digits, sizeof digits, "%Y%m%d%H%M%S", &tm) != 14)
        return;
    for (size_t i = 0; i + sizeof key - 1 + 14 <= len; i++) {
        if (memcmp(data + i, key, sizeof key - 1) != 0)
            continue;
        char *d = data + i + sizeof key - 1;
        for (int k = 0; k < 14 && d[k] >= '0' && d[k] <= '9'; k++)
            d[k] = digits[k];
        return;
    }
}

static int render(EmitContext *ctx, GVC_t *gc, Agraph_t *g, const char *how, StrBuf *out)
{
    if (gvLayout(gc, g, "dot") != 0) {
        ctx->err = "graphviz could not lay out the diagram";
        return -1;
    }
    char *data = NULL;
    unsigned int len = 0;
    /* cairo writes the PDF creation date in local time with its offset:
     * render in UTC so the bytes do not depend on the machine's zone. */
    if (strncmp(how, "pdf", 3) == 0) {
        setenv("TZ", "UTC0", 1);
        tzset();
    }
    int rc = gvRenderData(gc, g, how, &data, &len);
    if (rc == 0 && data) {
        if (strncmp(how, "pdf", 3) == 0)
            pin_pdf_date(data, len);
        sb_putn(out, data, len);
    }
    else
        ctx->err = "graphviz could not render the diagram (is its cairo plugin installed?)";
    if (data)
        gvFreeRenderData(data);
    gvFreeLayout(gc, g);
    return rc == 0 && data ? 0 : -1;
}

/* One gvc context per process, made on the first render (never for -T dot)
 * and freed at exit. A second context after gvFreeContext is unsafe in
 * Graphviz 2.42/2.43: the pango text layout plugin keeps a pointer to a font
 * name of the freed context and compares against it on the next layout. */
static GVC_t *shared_gvc;

static void free_gvc(void)
{
    gvFreeContext(shared_gvc);
    shared_gvc = NULL;
}

static GVC_t *gvc(void)
{
    if (!shared_gvc && (shared_gvc = gvContext()))
        atexit(free_gvc);
    return shared_gvc;
}

int emit_render(EmitContext *ctx, const char *format, StrBuf *out)
{
    const char *how = renderer(format);
    if (!how) {
        ctx->err = "unknown diagram format";
        return -1;
    }
    Arena *a = arena_new();
    Agraph_t *g = dot_graph(ctx, a);
    int rc = -1;
    if (g) {
        GVC_t *gc = gvc();
        if (gc)
            rc = render(ctx, gc, g, how, out);
        else
            ctx->err = "graphviz could not start";
        agclose(g);
    }
    arena_free(a);
    return rc;
}
