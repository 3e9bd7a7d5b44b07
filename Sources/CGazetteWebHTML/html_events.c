// libxml2's HTML parser to a flat event stream (see include/gazette_web_html.h). The only code of GazetteWeb that
// touches libxml2's tree; the Swift side builds its own node tree from the stream (HTMLParser.swift).

#include "gazette_web_html.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void gazette_web_html_free(void *pointer) { free(pointer); }

typedef struct {
    uint8_t *data;
    size_t length;
    size_t capacity;
    int failed;
} buffer;

static void put(buffer *b, const void *bytes, size_t n) {
    if (b->failed) return;
    if (b->length + n > b->capacity) {
        size_t capacity = b->capacity ? b->capacity : 65536;
        while (capacity < b->length + n) capacity *= 2;
        uint8_t *grown = realloc(b->data, capacity);
        if (!grown) { b->failed = 1; return; }
        b->data = grown;
        b->capacity = capacity;
    }
    memcpy(b->data + b->length, bytes, n);
    b->length += n;
}

static void put_byte(buffer *b, uint8_t value) { put(b, &value, 1); }

static void put_u32(buffer *b, size_t value) {
    uint8_t bytes[4] = {(uint8_t)value, (uint8_t)(value >> 8), (uint8_t)(value >> 16), (uint8_t)(value >> 24)};
    put(b, bytes, 4);
}

static void put_string(buffer *b, const xmlChar *s) {
    size_t n = s ? strlen((const char *)s) : 0;
    put_u32(b, n);
    put(b, s, n);
}

static int named(const xmlNode *node, const char *name) {
    return node->name && strcmp((const char *)node->name, name) == 0;
}

// The attributes that extraction reads: class/id patterns, visibility, roles, metadata and microdata.
static const char *const kept_attributes[] = {
    "id", "class", "role", "style", "hidden", "aria-hidden", "lang", "name", "property", "content", "rel", "href",
    "itemprop", "itemtype", "type", "datetime", "http-equiv", NULL,
};

static int kept(const xmlChar *name) {
    for (const char *const *k = kept_attributes; *k; k++) {
        if (strcmp((const char *)name, *k) == 0) return 1;
    }
    return 0;
}

// A <script> whose text is data extraction reads: JSON-LD.
static int is_json_ld(const xmlNode *node) {
    for (const xmlAttr *a = node->properties; a; a = a->next) {
        if (a->name && strcmp((const char *)a->name, "type") == 0 && a->children && a->children->content) {
            // "application/ld+json", in any case.
            const char *type = (const char *)a->children->content;
            for (; *type; type++) {
                if (strncasecmp(type, "ld+json", 7) == 0) return 1;
            }
            return 0;
        }
    }
    return 0;
}

static int text_skipped(const xmlNode *element) {
    return named(element, "style") || (named(element, "script") && !is_json_ld(element));
}

static void open_element(buffer *b, const xmlNode *node) {
    put_byte(b, GZW_HTML_OPEN);
    put_string(b, node->name);
    size_t count = 0;
    for (const xmlAttr *a = node->properties; a; a = a->next) count += a->name && kept(a->name);
    put_u32(b, count);
    for (const xmlAttr *a = node->properties; a; a = a->next) {
        if (!a->name || !kept(a->name)) continue;
        put_string(b, a->name);
        // An attribute's value is its text children (one, unless entities were kept as references).
        xmlChar *value = xmlNodeListGetString(node->doc, a->children, 1);
        put_string(b, value);
        if (value) xmlFree(value);
    }
}

// Walks the tree without recursion (markup can nest arbitrarily deep).
static void walk(const xmlNode *root, int max_depth, buffer *b) {
    const xmlNode *node = root;
    int depth = 0;        // elements entered
    int skipping = 0;     // inside an element whose text is left out
    while (node && !b->failed) {
        int descend = 0;
        if (node->type == XML_ELEMENT_NODE && node->name) {
            depth++;
            if (depth <= max_depth) open_element(b, node);
            if (text_skipped(node)) skipping++;
            descend = node->children != NULL;
            if (!descend) {
                if (text_skipped(node)) skipping--;
                if (depth <= max_depth) put_byte(b, GZW_HTML_CLOSE);
                depth--;
            }
        } else if ((node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) && node->content && !skipping) {
            put_byte(b, GZW_HTML_TEXT);
            put_string(b, node->content);
        }
        if (descend) {
            node = node->children;
            continue;
        }
        // Climb until a next sibling exists, closing the elements left behind.
        while (node && node != root && !node->next) {
            node = node->parent;
            if (node && node->type == XML_ELEMENT_NODE && node->name) {
                if (text_skipped(node)) skipping--;
                if (depth <= max_depth) put_byte(b, GZW_HTML_CLOSE);
                depth--;
            }
        }
        if (!node || node == root) break;
        node = node->next;
    }
}

int gazette_web_html_events(const char *html, size_t length, int max_depth, uint8_t **out, size_t *out_length) {
    *out = NULL;
    *out_length = 0;
    if (length > INT32_MAX) return GZW_HTML_TOO_LARGE;
    htmlParserCtxtPtr context = htmlNewParserCtxt();
    if (!context) return GZW_HTML_NO_MEMORY;
    // XML_PARSE_HUGE lifts the parser's limit of 256 nested elements (beyond it libxml2 stops parsing).
    int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                  HTML_PARSE_COMPACT | HTML_PARSE_NODEFDTD | HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE;
    htmlDocPtr document = htmlCtxtReadMemory(context, html, (int)length, NULL, "UTF-8", options);
    htmlFreeParserCtxt(context);
    buffer b = {0};
    if (document) {
        xmlNode *root = xmlDocGetRootElement(document);
        if (root) walk(root, max_depth < 1 ? 1 : max_depth, &b);
        xmlFreeDoc(document);
    }
    if (b.failed) {
        free(b.data);
        return GZW_HTML_NO_MEMORY;
    }
    *out = b.data;
    *out_length = b.length;
    return GZW_HTML_OK;
}
