/* SPDX-License-Identifier: MIT */
/*
 * Loads libxml2 on the AKN reader's first use (see akn_libxml.h for why)
 * by the shared-object name the build found for the libxml2 it compiled
 * against, DM_LIBXML2_SONAME, so that the headers and the library agree.
 * The library is opened once per process and never closed: libxml2 keeps
 * global state (its parser initialisation, dictionaries' random seed) that
 * must outlive every parse.
 */
#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "akn_libxml.h"

#ifndef DM_LIBXML2_SONAME
#error "the build defines DM_LIBXML2_SONAME (plugins/akn/read.cmake)"
#endif

akn_libxml akn_xml;

static pthread_once_t akn_libxml_once = PTHREAD_ONCE_INIT;
static char akn_libxml_error[256]; /* empty when loaded */

#define AKN_SYM(f)                                                                                                     \
  { "xml" #f, offsetof(akn_libxml, f) }
static const struct {
  const char *name;
  size_t offset;
} akn_libxml_syms[] = {
    AKN_SYM(InitParser),
    AKN_SYM(CreatePushParserCtxt),
    AKN_SYM(CtxtUseOptions),
    AKN_SYM(ParseChunk),
    AKN_SYM(StopParser),
    AKN_SYM(CtxtGetLastError),
    AKN_SYM(FreeDoc),
    AKN_SYM(FreeParserCtxt),
    AKN_SYM(GetPredefinedEntity),
    AKN_SYM(SAX2GetLineNumber),
    AKN_SYM(SAX2GetColumnNumber),
    AKN_SYM(FreeEnumeration),
    AKN_SYM(ReaderForMemory),
    AKN_SYM(FreeTextReader),
    AKN_SYM(TextReaderRead),
    AKN_SYM(TextReaderNodeType),
    AKN_SYM(TextReaderDepth),
    AKN_SYM(TextReaderIsEmptyElement),
    AKN_SYM(TextReaderConstLocalName),
    AKN_SYM(TextReaderConstNamespaceUri),
    AKN_SYM(TextReaderConstValue),
    AKN_SYM(TextReaderMoveToNextAttribute),
    AKN_SYM(TextReaderMoveToElement),
    AKN_SYM(TextReaderSetStructuredErrorHandler),
    AKN_SYM(TextReaderGetParserLineNumber),
    AKN_SYM(TextReaderGetParserColumnNumber),
};

static void akn_libxml_open(void) {
  /* RTLD_LOCAL: libxml2's symbols stay out of the global scope, where a
   * plugin loaded later could otherwise bind to them by accident. */
  void *h = dlopen(DM_LIBXML2_SONAME, RTLD_NOW | RTLD_LOCAL);
  if (!h) {
    const char *e = dlerror();
    snprintf(akn_libxml_error, sizeof akn_libxml_error, "%s", e ? e : "unknown error");
    return;
  }
  akn_libxml t;
  for (size_t i = 0; i < sizeof akn_libxml_syms / sizeof akn_libxml_syms[0]; i++) {
    void *sym = dlsym(h, akn_libxml_syms[i].name);
    if (!sym) {
      snprintf(akn_libxml_error, sizeof akn_libxml_error, "%s: no symbol %s", DM_LIBXML2_SONAME,
               akn_libxml_syms[i].name);
      dlclose(h);
      return;
    }
    /* POSIX guarantees that a function pointer has the size and
     * representation of void *; the copy avoids converting an object
     * pointer to a function pointer, which ISO C leaves undefined. */
    memcpy((char *)&t + akn_libxml_syms[i].offset, &sym, sizeof sym);
  }
  t.InitParser();
  akn_xml = t;
}

int akn_libxml_load(dm_ctx *ctx) {
  pthread_once(&akn_libxml_once, akn_libxml_open);
  if (!akn_libxml_error[0]) return DM_OK;
  return dm_error(ctx, DM_EUNSUPPORTED, "reading XML needs libxml2 (%s), which could not be loaded: %s",
                  DM_LIBXML2_SONAME, akn_libxml_error);
}
