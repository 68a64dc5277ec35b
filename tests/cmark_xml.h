/* A small reader of the XML that `cmark-gfm -t xml` writes: enough for the
 * suites that check pipec's Markdown (test_md, test_hostile_output). Strict:
 * an entity it does not know, or an unclosed element, fails the test. Include after
 * helpers.h and criterion. */
#ifndef PIPE_TEST_CMARK_XML_H
#define PIPE_TEST_CMARK_XML_H
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

typedef struct XNode {
    char *name;
    char *info;  /* the info attribute of a code_block */
    char *level; /* the level attribute of a heading */
    char *text;  /* of text, code, code_block and html_* nodes ("" when empty) */
    struct XNode **kids;
    int nkids;
} XNode;

static inline char *x_unescape(const char *s, size_t n)
{
    char *r = malloc(n + 1), *w = r;
    for (size_t i = 0; i < n;) {
        if (s[i] != '&') {
            *w++ = s[i++];
            continue;
        }
        const char *semi = memchr(s + i, ';', n - i);
        cr_assert_not_null(semi, "bad entity in cmark XML");
        size_t l = (size_t)(semi - (s + i)) + 1;
        if (!strncmp(s + i, "&lt;", l)) *w++ = '<';
        else if (!strncmp(s + i, "&gt;", l)) *w++ = '>';
        else if (!strncmp(s + i, "&amp;", l)) *w++ = '&';
        else if (!strncmp(s + i, "&quot;", l)) *w++ = '"';
        else if (!strncmp(s + i, "&apos;", l)) *w++ = '\'';
        else if (s[i + 1] == '#') {
            unsigned long cp = s[i + 2] == 'x' ? strtoul(s + i + 3, NULL, 16)
                                               : strtoul(s + i + 2, NULL, 10);
            cr_assert(cp > 0 && cp < 0x80, "numeric entity &#%lu;", cp);
            *w++ = (char)cp;
        } else
            cr_assert_fail("unknown entity %.*s", (int)l, s + i);
        i += l;
    }
    *w = '\0';
    return r;
}

static inline char *x_attr(const char *tag, size_t n, const char *name)
{
    char *key = NULL;
    cr_assert_geq(asprintf(&key, " %s=\"", name), 0);
    const char *p = memmem(tag, n, key, strlen(key));
    char *r = NULL;
    if (p) {
        p += strlen(key);
        const char *q = memchr(p, '"', n - (size_t)(p - tag));
        cr_assert_not_null(q);
        r = x_unescape(p, (size_t)(q - p));
    }
    free(key);
    return r;
}

static inline XNode *x_parse(const char **pp)
{
    const char *p = *pp;
    cr_assert_eq(*p, '<');
    const char *end = strchr(p, '>');
    cr_assert_not_null(end);
    size_t nl = strcspn(p + 1, " />");
    XNode *x = calloc(1, sizeof *x);
    x->name = strndup(p + 1, nl);
    x->info = x_attr(p, (size_t)(end - p), "info");
    x->level = x_attr(p, (size_t)(end - p), "level");
    bool empty = end[-1] == '/';
    p = end + 1;
    if (!empty) {
        for (;;) {
            if (p[0] == '<' && p[1] == '/') {
                p = strchr(p, '>') + 1;
                break;
            }
            if (*p == '<') {
                x->kids = realloc(x->kids, sizeof *x->kids * (size_t)(x->nkids + 1));
                x->kids[x->nkids++] = x_parse(&p);
            } else {
                const char *q = strchr(p, '<');
                cr_assert_not_null(q, "unterminated element %s", x->name);
                bool blank = true;
                for (const char *r = p; r < q; r++)
                    blank &= *r == ' ' || *r == '\n';
                if (!blank || !strcmp(x->name, "text") || !strcmp(x->name, "code") ||
                    !strcmp(x->name, "code_block")) {
                    char *t = x_unescape(p, (size_t)(q - p));
                    if (x->text) {
                        char *j = NULL;
                        cr_assert_geq(asprintf(&j, "%s%s", x->text, t), 0);
                        free(x->text);
                        free(t);
                        t = j;
                    }
                    x->text = t;
                }
                p = q;
            }
        }
    }
    if (!x->text && (!strcmp(x->name, "text") || !strcmp(x->name, "code") ||
                     !strcmp(x->name, "code_block")))
        x->text = strdup("");
    *pp = p;
    return x;
}

static inline XNode *x_document(const char *xml)
{
    const char *p = strstr(xml, "<document");
    cr_assert_not_null(p, "no <document> in cmark's XML");
    return x_parse(&p);
}

static inline void x_free(XNode *x)
{
    for (int i = 0; i < x->nkids; i++)
        x_free(x->kids[i]);
    free(x->kids);
    free(x->name);
    free(x->info);
    free(x->level);
    free(x->text);
    free(x);
}

static inline void x_all(XNode *x, const char *name, XNode ***out, int *n)
{
    if (!strcmp(x->name, name)) {
        *out = realloc(*out, sizeof **out * (size_t)(*n + 1));
        (*out)[(*n)++] = x;
    }
    for (int i = 0; i < x->nkids; i++)
        x_all(x->kids[i], name, out, n);
}

#endif
