#include "model.h"

#include <string.h>

const MComponent *model_component(const Model *m, const char *name)
{
    for (int i = 0; i < m->components.n; i++) {
        const MComponent *c = m->components.items[i];
        if (strcmp(c->name, name) == 0)
            return c;
    }
    return NULL;
}

const MProp *comp_prop(const MComponent *c, const char *name)
{
    for (int i = 0; i < c->props.n; i++) {
        const MProp *p = c->props.items[i];
        if (strcmp(p->decl->name, name) == 0)
            return p;
    }
    return NULL;
}

const Value *comp_value(const MComponent *c, const char *name)
{
    const MProp *p = comp_prop(c, name);
    return p ? p->value : NULL;
}

const Value *block_value(const Value *v, const char *name)
{
    if (!v || v->kind != V_BLOCK)
        return NULL;
    for (int i = 0; i < v->block->settings.n; i++) {
        const Setting *s = v->block->settings.items[i];
        if (strcmp(s->name.name, name) == 0)
            return s->value;
    }
    return NULL;
}
