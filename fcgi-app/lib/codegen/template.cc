// The ctemplate shim behind template.h. Every entry point catches everything, so no C++
// exception ever crosses into C; errors come back as negative errno values.
#include "codegen/template.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctemplate/template.h>
#include <ctemplate/template_cache.h>
#include <ctemplate/template_dictionary.h>
#include <new>
#include <set>
#include <string>

struct tpl_dict {
    ctemplate::TemplateDictionary *dict; // owned only by the root
    bool root;
};

struct tpl_cache {
    ctemplate::TemplateCache cache;
    std::set<std::string> keys;
};

// Section dictionaries are owned by ctemplate's root; the wrappers handed to C live in the
// root dictionary's arena-like list so one tpl_dict_free() releases everything.
namespace
{
struct root_dict : tpl_dict {
    std::set<tpl_dict *> children;
};
struct child_dict : tpl_dict {
    root_dict *owner;
};

root_dict *root_of(tpl_dict *d)
{
    return d->root ? static_cast<root_dict *>(d) : static_cast<child_dict *>(d)->owner;
}
} // namespace

extern "C" struct tpl_dict *tpl_dict_new(void)
{
    try {
        auto *r = new root_dict();
        r->root = true;
        r->dict = new ctemplate::TemplateDictionary("root");
        return r;
    } catch (...) {
        return nullptr;
    }
}

extern "C" void tpl_dict_free(struct tpl_dict *d)
{
    if (!d || !d->root) // section dictionaries belong to their root
        return;
    try {
        root_dict *r = root_of(d);
        for (tpl_dict *c : r->children)
            delete static_cast<child_dict *>(c);
        delete r->dict;
        delete r;
    } catch (...) {
    }
}

extern "C" int tpl_dict_set(struct tpl_dict *d, const char *key, const char *value)
{
    try {
        d->dict->SetValue(key, ctemplate::TemplateString(value, std::strlen(value)));
        return 0;
    } catch (...) {
        return -ENOMEM;
    }
}

extern "C" struct tpl_dict *tpl_dict_add_section(struct tpl_dict *d, const char *section)
{
    try {
        root_dict *r = root_of(d);
        auto *c = new child_dict();
        c->root = false;
        c->owner = r;
        try {
            c->dict = d->dict->AddSectionDictionary(section);
            r->children.insert(c);
        } catch (...) {
            delete c;
            throw;
        }
        return c;
    } catch (...) {
        return nullptr;
    }
}

extern "C" int tpl_dict_show_section(struct tpl_dict *d, const char *section)
{
    try {
        d->dict->ShowSection(section);
        return 0;
    } catch (...) {
        return -ENOMEM;
    }
}

extern "C" struct tpl_cache *tpl_cache_new(void)
{
    try {
        return new tpl_cache();
    } catch (...) {
        return nullptr;
    }
}

extern "C" void tpl_cache_free(struct tpl_cache *c)
{
    try {
        delete c;
    } catch (...) {
    }
}

extern "C" int tpl_cache_add(struct tpl_cache *c, const char *key, const char *text, size_t len)
{
    try {
        if (c->keys.count(key))
            return -EEXIST;
        // DO_NOT_STRIP: generated Python depends on every newline and indent.
        if (!c->cache.StringToTemplateCache(key, text, len, ctemplate::DO_NOT_STRIP))
            return -EINVAL;
        c->keys.insert(key);
        return 0;
    } catch (const std::bad_alloc &) {
        return -ENOMEM;
    } catch (...) {
        return -EINVAL;
    }
}

extern "C" int tpl_render(struct tpl_cache *c, const char *key, const struct tpl_dict *d,
                          size_t max_len, char **out, size_t *len_out)
{
    try {
        if (!c->keys.count(key))
            return -ENOENT;
        std::string s;
        if (!c->cache.ExpandWithData(key, ctemplate::DO_NOT_STRIP, d->dict, nullptr, &s))
            return -EINVAL;
        if (s.size() > max_len)
            return -E2BIG;
        char *p = static_cast<char *>(std::malloc(s.size() + 1));
        if (!p)
            return -ENOMEM;
        std::memcpy(p, s.data(), s.size());
        p[s.size()] = '\0';
        *out = p;
        *len_out = s.size();
        return 0;
    } catch (const std::bad_alloc &) {
        return -ENOMEM;
    } catch (...) {
        return -EINVAL;
    }
}
