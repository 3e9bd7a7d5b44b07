// Parser comparison for Benchmarks/extraction (README.md, "Choosing the HTML parser"): parses each page with
// libxml2's HTML parser (with and without XML_PARSE_HUGE) and with gumbo's HTML5 parser, and reports per page the
// CPU time of parsing, the deepest element reached and the visible text, so that run.py can score how much of the
// article each parser keeps. Input on stdin: one line per page, "<id>\t<path to a UTF-8 HTML file>".
// Output on stdout: one line per page and parser, "<id>\t<parser>\t<seconds>\t<depth>\t<elements>\t<text file>".
#include <gumbo.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double cpu_now(void) {
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static const char *const skipped[] = {"head", "script", "style", "noscript", "template", "title", NULL};
static int is_skipped(const char *name) {
    for (const char *const *s = skipped; *s; s++) if (strcmp(name, *s) == 0) return 1;
    return 0;
}

typedef struct { int depth, elements; FILE *text; } walk_state;

static void walk_libxml2(xmlNode *node, int depth, walk_state *s) {
    for (; node; node = node->next) {
        if (node->type == XML_ELEMENT_NODE) {
            s->elements++;
            if (depth + 1 > s->depth) s->depth = depth + 1;
            if (!is_skipped((const char *)node->name)) walk_libxml2(node->children, depth + 1, s);
            fputc(' ', s->text);
        } else if (node->type == XML_TEXT_NODE && node->content) {
            fputs((const char *)node->content, s->text);
        }
    }
}

static void walk_gumbo(GumboNode *node, int depth, walk_state *s) {
    if (node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE) {
        s->elements++;
        if (depth + 1 > s->depth) s->depth = depth + 1;
        const char *name = gumbo_normalized_tagname(node->v.element.tag);
        if (is_skipped(name)) return;
        GumboVector *children = &node->v.element.children;
        for (unsigned i = 0; i < children->length; i++) walk_gumbo(children->data[i], depth + 1, s);
        fputc(' ', s->text);
    } else if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE || node->type == GUMBO_NODE_CDATA) {
        fputs(node->v.text.text, s->text);
    }
}

int main(int argc, char **argv) {
    const char *out_dir = argc > 1 ? argv[1] : "/tmp";
    int repeat = argc > 2 ? atoi(argv[2]) : 1;
    xmlInitParser();
    char line[8192];
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = 0;
        char *tab = strchr(line, '\t');
        if (!tab) continue;
        *tab = 0;
        const char *id = line, *path = tab + 1;
        FILE *f = fopen(path, "rb");
        if (!f) continue;
        fseek(f, 0, SEEK_END);
        long n = ftell(f);
        fseek(f, 0, SEEK_SET);
        char *html = malloc(n + 1);
        if (fread(html, 1, n, f) != (size_t)n) { fclose(f); free(html); continue; }
        html[n] = 0;
        fclose(f);
        const char *parsers[] = {"libxml2", "libxml2-huge", "gumbo"};
        for (int p = 0; p < 3; p++) {
            char text_path[4096];
            snprintf(text_path, sizeof text_path, "%s/%s.%s.txt", out_dir, id, parsers[p]);
            walk_state s = {0, 0, fopen(text_path, "wb")};
            double seconds = 0;
            for (int r = 0; r < repeat; r++) {
                int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                              HTML_PARSE_COMPACT | HTML_PARSE_NODEFDTD | (p == 1 ? XML_PARSE_HUGE : 0);
                double start = cpu_now();
                if (p < 2) {
                    htmlDocPtr doc = htmlReadMemory(html, (int)n, NULL, "UTF-8", options);
                    seconds += cpu_now() - start;
                    if (r == 0 && doc) walk_libxml2(xmlDocGetRootElement(doc), 0, &s);
                    start = cpu_now();
                    if (doc) xmlFreeDoc(doc);
                    seconds += cpu_now() - start;
                } else {
                    GumboOutput *out = gumbo_parse_with_options(&kGumboDefaultOptions, html, (size_t)n);
                    seconds += cpu_now() - start;
                    if (r == 0) walk_gumbo(out->root, 0, &s);
                    start = cpu_now();
                    gumbo_destroy_output(&kGumboDefaultOptions, out);
                    seconds += cpu_now() - start;
                }
            }
            fclose(s.text);
            printf("%s\t%s\t%.6f\t%d\t%d\t%s\n", id, parsers[p], seconds / repeat, s.depth, s.elements, text_path);
        }
        free(html);
    }
    return 0;
}
