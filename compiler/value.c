#include "value.h"

#include <inttypes.h>
#include <string.h>

#include "model.h"
#include "strbuf.h"

const char *format_duration(Arena *a, int64_t ms)
{
    static const struct { const char *unit; int64_t ms; } units[] = {
        {"d", 86400000}, {"h", 3600000}, {"m", 60000}, {"s", 1000},
    };
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (ms != 0 && ms % units[i].ms == 0)
            return arena_printf(a, "%" PRId64 "%s", ms / units[i].ms, units[i].unit);
    return arena_printf(a, "%" PRId64 "%s", ms, ms == 0 ? "s" : "ms");
}

const char *format_size(Arena *a, int64_t bytes)
{
    static const struct { const char *unit; int64_t b; } units[] = {
        {"TB", 1LL << 40}, {"GB", 1LL << 30}, {"MB", 1LL << 20}, {"KB", 1LL << 10},
    };
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (bytes != 0 && bytes % units[i].b == 0)
            return arena_printf(a, "%" PRId64 "%s", bytes / units[i].b, units[i].unit);
    return arena_printf(a, "%" PRId64 "B", bytes);
}

static void format_into(Arena *a, StrBuf *b, const Value *v)
{
    switch (v->kind) {
    case V_STRING:
        sb_putc(b, '"');
        for (const char *p = v->str; *p; p++) {
            if (*p == '"' || *p == '\\')
                sb_putc(b, '\\');
            if (*p == '\n')
                sb_puts(b, "\\n");
            else if (*p == '\t')
                sb_puts(b, "\\t");
            else
                sb_putc(b, *p);
        }
        sb_putc(b, '"');
        break;
    case V_INT: sb_printf(b, "%" PRId64, v->i); break;
    case V_NUMBER: sb_printf(b, "%g", v->num); break;
    case V_DURATION: sb_puts(b, v->str ? v->str : format_duration(a, v->i)); break;
    case V_SIZE: sb_puts(b, v->str ? v->str : format_size(a, v->i)); break;
    case V_BOOL: sb_puts(b, v->i ? "true" : "false"); break;
    case V_IDENT: sb_puts(b, v->str); break;
    case V_RANGE:
        if (v->lo)
            format_into(a, b, v->lo);
        sb_puts(b, "..");
        if (v->hi)
            format_into(a, b, v->hi);
        break;
    case V_LIST:
        sb_putc(b, '[');
        for (int i = 0; i < v->list.n; i++) {
            if (i)
                sb_puts(b, ", ");
            format_into(a, b, v->list.items[i]);
        }
        sb_putc(b, ']');
        break;
    case V_BLOCK:
        sb_puts(b, "{ ");
        for (int i = 0; i < v->block->settings.n; i++) {
            const Setting *s = v->block->settings.items[i];
            if (i)
                sb_puts(b, ", ");
            sb_printf(b, "%s = ", s->name.name);
            format_into(a, b, s->value);
        }
        sb_puts(b, " }");
        break;
    }
}

const char *value_format(Arena *a, const Value *v)
{
    StrBuf b;
    sb_init(&b);
    format_into(a, &b, v);
    const char *s = arena_strdup(a, b.data ? b.data : "");
    sb_free(&b);
    return s;
}

const char *value_text(const Value *v)
{
    return v && (v->kind == V_IDENT || v->kind == V_STRING) ? v->str : NULL;
}

int64_t value_int(const Value *v, int64_t fallback)
{
    if (!v)
        return fallback;
    if (v->kind == V_INT || v->kind == V_DURATION || v->kind == V_SIZE || v->kind == V_BOOL)
        return v->i;
    if (v->kind == V_NUMBER)
        return (int64_t)v->num;
    return fallback;
}

bool value_bool(const Value *v, bool fallback)
{
    return v && v->kind == V_BOOL ? v->i != 0 : fallback;
}

/* ---- checking ------------------------------------------------------------ */

static ValueKind scalar_kind(TypeKind k)
{
    switch (k) {
    case T_INT: return V_INT;
    case T_NUMBER: return V_NUMBER;
    case T_DURATION: return V_DURATION;
    case T_SIZE: return V_SIZE;
    case T_BOOL: return V_BOOL;
    case T_STRING: case T_INSTANCE: return V_STRING;
    case T_RANGE: return V_RANGE;
    case T_LIST: return V_LIST;
    case T_STRUCT: return V_BLOCK;
    default: return V_IDENT;
    }
}

static const char *example_of(TypeKind k)
{
    switch (k) {
    case T_INT: return "an integer such as 4";
    case T_NUMBER: return "a number such as 2.5";
    case T_DURATION: return "a duration such as 60s, 15m, 48h or 7d";
    case T_SIZE: return "a size such as 64MB or 1GB";
    case T_BOOL: return "true or false";
    case T_STRING: return "a string in double quotes";
    case T_INSTANCE: return "an instance type in quotes, such as \"r5.2xlarge\"";
    case T_RANGE: return "a range such as 2..20";
    case T_LIST: return "a list such as [a, b]";
    case T_STRUCT: return "a block such as { count = 2 }";
    case T_REF: return "the name of a component";
    default: return "one of the listed values";
    }
}

static bool in_bounds(const Type *t, const Value *v)
{
    if (t->kind == T_NUMBER) {
        double x = v->kind == V_NUMBER ? v->num : (double)v->i;
        return (!t->has_lo || x >= t->flo) && (!t->has_hi || x <= t->fhi);
    }
    return (!t->has_lo || v->i >= t->lo) && (!t->has_hi || v->i <= t->hi);
}

static const char *bound_text(Arena *a, const Type *t, int64_t x, double fx)
{
    switch (t->kind) {
    case T_DURATION: return format_duration(a, x);
    case T_SIZE: return format_size(a, x);
    case T_NUMBER: return arena_printf(a, "%g", fx);
    default: return arena_printf(a, "%" PRId64, x);
    }
}

static const char *range_text(Arena *a, const Type *t)
{
    const char *lo = t->has_lo ? bound_text(a, t, t->lo, t->flo) : "";
    const char *hi = t->has_hi ? bound_text(a, t, t->hi, t->fhi) : "";
    return arena_printf(a, "%s..%s", lo, hi);
}

static const Value *wrong_type(VCheck *vc, const Type *t, const Value *v, const char *what)
{
    Diagnostic *g = diag_add(vc->diags, SEV_ERROR, "E205", vc->src, v->span,
                             "`%s` expects %s, found %s", what, type_describe(vc->arena, t),
                             value_kind_name(v->kind));
    diag_help(vc->diags, g, "write %s", example_of(t->kind));
    return NULL;
}

static const Value *check_enum(VCheck *vc, const Type *t, const Value *v, const char *what)
{
    const char *text = value_text(v);
    if (!text)
        return wrong_type(vc, t, v, what);
    if (vec_has_str(&t->members, text))
        return v;
    StrBuf b;
    sb_init(&b);
    for (int i = 0; i < t->members.n; i++)
        sb_printf(&b, "%s%s", i ? ", " : "", (const char *)t->members.items[i]);
    Diagnostic *g = diag_add(vc->diags, SEV_ERROR, "E207", vc->src, v->span,
                             "'%s' is not a value of `%s`", text, what);
    diag_note(vc->diags, g, "`%s` is one of: %s", what, b.data);
    const char *near = closest_name(text, (const char *const *)t->members.items, t->members.n);
    if (near)
        diag_help(vc->diags, g, "did you mean '%s'?", near);
    sb_free(&b);
    return NULL;
}

static const Value *check_instance(VCheck *vc, const Type *t, const Value *v, const char *what)
{
    if (v->kind != V_STRING)
        return wrong_type(vc, t, v, what);
    if (catalog_family_of(vc->catalog, v->str, NULL))
        return v;
    Diagnostic *g = diag_add(vc->diags, SEV_ERROR, "E207", vc->src, v->span,
                             "\"%s\" is not an instance type of a known family", v->str);
    diag_note(vc->diags, g, "instance types are FAMILY.SIZE, such as \"r5.2xlarge\" or "
                            "\"ml.p3.2xlarge\"; families are declared with `family`");
    return NULL;
}

static const Value *check_struct(VCheck *vc, const Type *t, const Value *v, const char *what)
{
    if (v->kind != V_BLOCK)
        return wrong_type(vc, t, v, what);
    const TypeDecl *td = t->decl;
    Value *out = ast_value(vc->arena, V_BLOCK, v->span);
    out->block = arena_alloc(vc->arena, sizeof *out->block);
    out->block->span = v->block->span;
    bool ok = true;
    HashMap seen;
    hm_init(&seen, vc->arena);
    for (int i = 0; i < v->block->settings.n; i++) {
        Setting *s = v->block->settings.items[i];
        const Prop *p = typedecl_prop(td, s->name.name);
        if (!hm_put(&seen, s->name.name, s)) {
            const Setting *first = hm_get(&seen, s->name.name);
            Diagnostic *g = diag_add(vc->diags, SEV_ERROR, "E202", vc->src, s->name.span,
                                     "`%s` is set twice", s->name.name);
            diag_note_at(vc->diags, g, vc->src, first->name.span, "first set here");
            ok = false;
            continue;
        }
        if (!p) {
            Diagnostic *g = diag_add(vc->diags, SEV_ERROR, "E204", vc->src, s->name.span,
                                     "`%s` has no field `%s`", what, s->name.name);
            /* Candidates in the arena, not on the stack (a type may have
             * millions of fields); none past the error cap (g is NULL). */
            int n = td->props.n;
            const char **names = g ? arena_alloc(vc->arena, (size_t)(n + 1) * sizeof *names) : NULL;
            for (int k = 0; names && k < n; k++)
                names[k] = ((const Prop *)td->props.items[k])->name;
            const char *near = names ? closest_name(s->name.name, names, n) : NULL;
            if (near)
                diag_help(vc->diags, g, "did you mean `%s`?", near);
            ok = false;
        }
    }
    for (int k = 0; k < td->props.n; k++) {
        const Prop *p = td->props.items[k];
        const Setting *s = hm_get(&seen, p->name);
        const Value *val = NULL;
        const Value *base = vc->struct_base ? block_value(vc->struct_base, p->name) : NULL;
        if (s)
            val = value_check(vc, p->type, s->value, arena_printf(vc->arena, "%s.%s", what, p->name));
        else if (base)
            val = base;
        else if (p->deflt)
            val = p->deflt;
        else if (!p->optional) {
            diag_add(vc->diags, SEV_ERROR, "E208", vc->src, v->span,
                     "`%s` needs `%s` (%s)", what, p->name, type_describe(vc->arena, p->type));
            ok = false;
            continue;
        }
        if (s && !val) {
            ok = false;
            continue;
        }
        if (!val)
            continue;
        Setting *ns = arena_alloc(vc->arena, sizeof *ns);
        ns->name = s ? s->name : (Ident){p->name, v->span};
        ns->value = (Value *)val;
        ns->span = s ? s->span : v->span;
        vec_push(vc->arena, &out->block->settings, ns);
    }
    return ok ? out : NULL;
}

const Value *value_check(VCheck *vc, const Type *t, const Value *v, const char *what)
{
    switch (t->kind) {
    case T_ENUM: return check_enum(vc, t, v, what);
    case T_INSTANCE: return check_instance(vc, t, v, what);
    case T_STRUCT: return check_struct(vc, t, v, what);
    case T_REF:
        if (v->kind != V_IDENT)
            return wrong_type(vc, t, v, what);
        return !vc->resolve_ref || vc->resolve_ref(vc, t, v) ? v : NULL;
    case T_LIST: {
        if (v->kind != V_LIST)
            return wrong_type(vc, t, v, what);
        bool ok = true;
        for (int i = 0; i < v->list.n; i++)
            ok &= value_check(vc, t->elem, v->list.items[i], what) != NULL;
        return ok ? v : NULL;
    }
    case T_RANGE:
        if (v->kind != V_RANGE)
            return wrong_type(vc, t, v, what);
        if (v->lo && v->hi && v->lo->kind != v->hi->kind &&
            !((v->lo->kind == V_INT || v->lo->kind == V_NUMBER) &&
              (v->hi->kind == V_INT || v->hi->kind == V_NUMBER))) {
            Diagnostic *g = diag_add(vc->diags, SEV_ERROR, "E205", vc->src, v->span,
                                     "the ends of `%s` = %s are not of one kind: %s and %s",
                                     what, value_format(vc->arena, v),
                                     value_kind_name(v->lo->kind), value_kind_name(v->hi->kind));
            diag_help(vc->diags, g, "write %s", example_of(t->kind));
            return NULL;
        }
        if (v->lo && v->hi && v->lo->kind == v->hi->kind && value_int(v->lo, 0) > value_int(v->hi, 0)) {
            diag_add(vc->diags, SEV_ERROR, "E206", vc->src, v->span,
                     "range `%s` is empty: its low end is above its high end",
                     value_format(vc->arena, v));
            return NULL;
        }
        return v;
    case T_NUMBER:
        if (v->kind != V_NUMBER && v->kind != V_INT)
            return wrong_type(vc, t, v, what);
        break;
    default:
        if (v->kind != scalar_kind(t->kind))
            return wrong_type(vc, t, v, what);
    }
    if (!in_bounds(t, v)) {
        Diagnostic *g = diag_add(vc->diags, SEV_ERROR, "E206", vc->src, v->span,
                                 "`%s` = %s is out of range", what, value_format(vc->arena, v));
        diag_note(vc->diags, g, "`%s` allows %s", what, range_text(vc->arena, t));
        return NULL;
    }
    return v;
}
