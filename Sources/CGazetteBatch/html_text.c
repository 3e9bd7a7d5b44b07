// HTML to plain text over libxml2's HTML parser (forgiving: it repairs broken markup as browsers do).

#include "gazette_batch.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>

void gazette_free(void *pointer) { free(pointer); }

void gazette_html_init(void) { xmlInitParser(); }

// Growing output with the white-space state of an HTML renderer: runs of spaces collapse to one, and block
// boundaries become one ("\n") or two ("\n\n", a paragraph break) line breaks, never at the start or the end.
typedef struct {
    char *data;
    size_t length;
    size_t capacity;
    int pending_space;
    int pending_breaks;
    int failed;
} text_builder;

static void builder_reserve(text_builder *b, size_t more) {
    if (b->failed || b->length + more <= b->capacity) return;
    size_t capacity = b->capacity ? b->capacity : 4096;
    while (capacity < b->length + more) capacity *= 2;
    char *grown = realloc(b->data, capacity);
    if (!grown) { b->failed = 1; return; }
    b->data = grown;
    b->capacity = capacity;
}

static void builder_break(text_builder *b, int breaks) {
    if (breaks > b->pending_breaks) b->pending_breaks = breaks;
}

static int is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

static void builder_text(text_builder *b, const unsigned char *text, int preformatted) {
    size_t n = strlen((const char *)text);
    builder_reserve(b, n + 2);
    if (b->failed) return;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = text[i];
        if (!preformatted && is_space(c)) {
            b->pending_space = 1;
            continue;
        }
        if (preformatted && c == '\r') continue;
        if (b->length > 0) {
            if (b->pending_breaks) {
                builder_reserve(b, (size_t)b->pending_breaks + n - i);
                if (b->failed) return;
                for (int k = 0; k < b->pending_breaks; k++) b->data[b->length++] = '\n';
            } else if (b->pending_space && b->data[b->length - 1] != '\n') {
                builder_reserve(b, 1 + n - i);
                if (b->failed) return;
                b->data[b->length++] = ' ';
            }
        }
        b->pending_breaks = 0;
        b->pending_space = 0;
        b->data[b->length++] = (char)c;
    }
}

static int name_in(const xmlChar *name, const char *const *names) {
    for (; *names; names++) {
        if (strcmp((const char *)name, *names) == 0) return 1;
    }
    return 0;
}

// Elements whose content is not text a reader sees.
static const char *const skipped[] = {
    "head", "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math", "canvas",
    "select", "datalist", "audio", "video", NULL,
};
// Elements that end a paragraph.
static const char *const paragraphs[] = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "ul", "ol", "dl", "table", "section", "article",
    "header", "footer", "aside", "nav", "figure", "main", "form", "hr", "address", "fieldset", "details", NULL,
};
// Elements that end a line.
static const char *const lines[] = {
    "br", "div", "li", "tr", "dt", "dd", "figcaption", "caption", "summary", "legend", "option", NULL,
};
// Elements that separate words.
static const char *const cells[] = { "td", "th", "img", "input", "button", "label", NULL };

static int boundary(const xmlNode *node) {
    if (node->type != XML_ELEMENT_NODE || !node->name) return 0;
    if (name_in(node->name, paragraphs)) return 2;
    if (name_in(node->name, lines)) return 1;
    if (name_in(node->name, cells)) return -1;
    return 0;
}

static void mark(text_builder *b, int kind) {
    if (kind > 0) builder_break(b, kind);
    else if (kind < 0) b->pending_space = 1;
}

// Walks the tree without recursion: markup can nest arbitrarily deep.
static void collect(const xmlNode *root, text_builder *b) {
    const xmlNode *node = root;
    int preformatted = 0;
    while (node && !b->failed) {
        int descend = 0;
        if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
            if (node->content) builder_text(b, node->content, preformatted > 0);
        } else if (node->type == XML_ELEMENT_NODE && node->name && !name_in(node->name, skipped)) {
            mark(b, boundary(node));
            if (strcmp((const char *)node->name, "pre") == 0) preformatted++;
            descend = node->children != NULL;
            if (!descend && strcmp((const char *)node->name, "pre") == 0) preformatted--;
        }
        if (descend) {
            node = node->children;
            continue;
        }
        // Climb until a next sibling exists, closing the elements left behind.
        while (node && node != root && !node->next) {
            node = node->parent;
            if (node && node->type == XML_ELEMENT_NODE && node->name) {
                mark(b, boundary(node));
                if (strcmp((const char *)node->name, "pre") == 0) preformatted--;
            }
        }
        if (!node || node == root) break;
        node = node->next;
    }
}

int gazette_html_to_text(const char *html, size_t length, const char *encoding, char **out, size_t *out_length) {
    *out = NULL;
    *out_length = 0;
    if (length > INT32_MAX) return GZB_TOO_LARGE;
    htmlParserCtxtPtr context = htmlNewParserCtxt();
    if (!context) return GZB_NO_MEMORY;
    int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                  HTML_PARSE_COMPACT | HTML_PARSE_NODEFDTD;
    htmlDocPtr document = htmlCtxtReadMemory(context, html, (int)length, NULL, encoding, options);
    if (!document && encoding) {
        // An unknown charset name from outside the document: let the parser find the encoding itself.
        document = htmlCtxtReadMemory(context, html, (int)length, NULL, NULL, options);
    }
    htmlFreeParserCtxt(context);
    text_builder builder = {0};
    if (document) {
        xmlNode *root = xmlDocGetRootElement(document);
        if (root) collect(root, &builder);
        xmlFreeDoc(document);
    }
    if (builder.failed) {
        free(builder.data);
        return GZB_NO_MEMORY;
    }
    *out = builder.data;
    *out_length = builder.length;
    return GZB_OK;
}
