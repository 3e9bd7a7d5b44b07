// Not imported from Swift: Debian's libxml2 is built with ICU, and <libxml/encoding.h> includes
// <unicode/ucnv.h>, which clashes with Foundation's own ICU module (see ARCHITECTURE.md, "Modules").
// This target only supplies libxml2's include path and library to the C target CGazetteBatch.
#include <libxml/HTMLparser.h>
