// libxml2's HTML parser to a flat event stream (see include/gazette_web_html.h), the only code of GazetteWeb that
// touches libxml2; the Swift side builds its own node tree from the stream (HTMLParser.swift).
//
// Two ways to the same stream: `gazette_web_html_events` listens to the parser's SAX events and builds no libxml2
// tree (a third less work); `gazette_web_html_events_reference` builds libxml2's tree and walks it, the plain way,
// kept as the reference of a differential test (HTMLParserTests). libxml2 builds its tree from these very SAX events,
// auto-closed elements included, so both streams agree.

#include "gazette_web_html.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
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
    // Most attributes of a page are none of these: compare only with the names of the same first letter.
    switch (name[0]) {
    case 'a': case 'c': case 'd': case 'h': case 'i': case 'l': case 'n': case 'p': case 'r': case 's': case 't': break;
    default: return 0;
    }
    for (const char *const *k = kept_attributes; *k; k++) {
        if ((*k)[0] == (char)name[0] && strcmp((const char *)name, *k) == 0) return 1;
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

int gazette_web_html_events_reference(const char *html, size_t length, int max_depth, uint8_t **out, size_t *out_length) {
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

// MARK: SAX

typedef struct {
    buffer out;
    int max_depth;
    int depth;          // elements open
    int skipping;       // elements open whose text is left out
    size_t text_start;  // offset of the last text event's length, for merging adjacent text; 0 when the last event was not text
} sax_state;

static sax_state *state_of(void *context) { return (sax_state *)((htmlParserCtxtPtr)context)->_private; }

static int skips_text(const xmlChar *name, const xmlChar **attributes) {
    if (strcmp((const char *)name, "style") == 0) return 1;
    if (strcmp((const char *)name, "script") != 0) return 0;
    for (const xmlChar **a = attributes; a && a[0]; a += 2) {
        if (strcmp((const char *)a[0], "type") == 0 && a[1]) {
            for (const char *type = (const char *)a[1]; *type; type++) {
                if (strncasecmp(type, "ld+json", 7) == 0) return 0;
            }
            return 1;
        }
    }
    return 1;
}

static void sax_start(void *context, const xmlChar *name, const xmlChar **attributes) {
    sax_state *s = state_of(context);
    s->depth++;
    s->text_start = 0;
    if (s->skipping || skips_text(name, attributes)) s->skipping++;
    if (s->depth > s->max_depth) return;
    put_byte(&s->out, GZW_HTML_OPEN);
    put_string(&s->out, name);
    size_t count = 0;
    for (const xmlChar **a = attributes; a && a[0]; a += 2) count += kept(a[0]);
    put_u32(&s->out, count);
    for (const xmlChar **a = attributes; a && a[0]; a += 2) {
        if (!kept(a[0])) continue;
        put_string(&s->out, a[0]);
        put_string(&s->out, a[1]);
    }
}

static void sax_end(void *context, const xmlChar *name) {
    (void)name;
    sax_state *s = state_of(context);
    s->text_start = 0;
    if (s->skipping) s->skipping--;
    if (s->depth <= s->max_depth) put_byte(&s->out, GZW_HTML_CLOSE);
    s->depth--;
}

static void sax_text(void *context, const xmlChar *text, int length) {
    sax_state *s = state_of(context);
    if (s->skipping || length <= 0 || s->depth == 0) return;
    if (s->text_start && !s->out.failed) {
        // The parser delivers long text in pieces: extend the last text event.
        uint8_t *field = s->out.data + s->text_start;
        size_t previous = field[0] | (size_t)field[1] << 8 | (size_t)field[2] << 16 | (size_t)field[3] << 24;
        put(&s->out, text, (size_t)length);
        if (s->out.failed) return;
        field = s->out.data + s->text_start;
        size_t total = previous + (size_t)length;
        field[0] = (uint8_t)total; field[1] = (uint8_t)(total >> 8); field[2] = (uint8_t)(total >> 16); field[3] = (uint8_t)(total >> 24);
        return;
    }
    put_byte(&s->out, GZW_HTML_TEXT);
    s->text_start = s->out.length;
    put_u32(&s->out, (size_t)length);
    put(&s->out, text, (size_t)length);
}

int gazette_web_html_events(const char *html, size_t length, int max_depth, uint8_t **out, size_t *out_length) {
    *out = NULL;
    *out_length = 0;
    if (length > INT32_MAX) return GZW_HTML_TOO_LARGE;
    htmlParserCtxtPtr context = htmlCreateMemoryParserCtxt(html, (int)length);
    if (!context) return GZW_HTML_NO_MEMORY;
    // As htmlCtxtReadMemory(…, "UTF-8", …) does: the bytes are UTF-8 whatever the page declares.
    xmlCharEncodingHandlerPtr utf8 = xmlFindCharEncodingHandler("UTF-8");
    if (utf8) {
        xmlSwitchToEncoding(context, utf8);
        if (context->input->encoding) xmlFree((xmlChar *)context->input->encoding);
        context->input->encoding = xmlStrdup(BAD_CAST "UTF-8");
    }
    // XML_PARSE_HUGE lifts the parser's limit of 256 nested elements (beyond it libxml2 stops parsing).
    htmlCtxtUseOptions(context, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                                    HTML_PARSE_COMPACT | HTML_PARSE_NODEFDTD | HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE);
    htmlSAXHandler handler;
    memset(&handler, 0, sizeof handler);
    handler.startElement = sax_start;
    handler.endElement = sax_end;
    handler.characters = sax_text;
    handler.ignorableWhitespace = sax_text;
    handler.cdataBlock = sax_text;
    handler.initialized = 1;
    memcpy(context->sax, &handler, sizeof handler);
    sax_state state = {{0}, max_depth < 1 ? 1 : max_depth, 0, 0, 0};
    context->_private = &state;
    htmlParseDocument(context);
    // Elements the parser left open at the end (it closes them itself; this is a safeguard).
    while (state.depth > 0) sax_end(context, NULL);
    if (context->myDoc) xmlFreeDoc(context->myDoc);
    htmlFreeParserCtxt(context);
    if (state.out.failed) {
        free(state.out.data);
        return GZW_HTML_NO_MEMORY;
    }
    *out = state.out.data;
    *out_length = state.out.length;
    return GZW_HTML_OK;
}
