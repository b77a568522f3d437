/* SPDX-License-Identifier: MIT */
/*
 * Implementation of the DOCX test helpers (see docx_testlib.h). Schema
 * validation uses the same schema per part as tools/docx-check.sh:
 * microsoft/wml-2010.xsd (WordprocessingML with the Word 2010 additions)
 * for the parts in word/, the OPC schemas for content types and relationships and
 * the extended-properties schema for docProps/app.xml; docProps/core.xml is
 * skipped there too, its Dublin Core schemas live on the web.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <zip.h>

#include "docx_testlib.h"

docx_out tdocx_write(const dm_doc *doc) {
  docx_out o;
  memset(&o, 0, sizeof o);
  o.reg = dm_registry_new_builtin();
  o.ctx = dm_ctx_new(o.reg);
  const dm_writer *w = dm_registry_writer(o.reg, "docx");
  dm_sink *sink = dm_sink_new_memory();
  if (!w || !sink) {
    o.status = DM_EINTERNAL;
    dm_sink_free(sink);
    return o;
  }
  o.status = dm_write(o.ctx, w, doc, sink);
  size_t len = 0;
  const char *bytes = dm_sink_memory_data(sink, &len);
  o.data = malloc(len + 1);
  if (o.data) {
    memcpy(o.data, bytes, len);
    o.len = len;
  }
  dm_sink_free(sink);
  return o;
}

void tdocx_free(docx_out *o) {
  free(o->data);
  dm_ctx_free(o->ctx);
  dm_registry_free(o->reg);
  memset(o, 0, sizeof *o);
}

size_t tdocx_warnings(const docx_out *o, dm_diag_code code) {
  size_t n = 0;
  for (size_t i = 0; i < dm_ctx_diag_count(o->ctx); i++)
    if (dm_ctx_diag(o->ctx, i)->code == code) n++;
  return n;
}

char *tdocx_part(const docx_out *o, const char *name, size_t *plen) {
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *src = zip_source_buffer_create(o->data, o->len, 0, &ze);
  if (!src) return NULL;
  zip_t *za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
  if (!za) {
    zip_source_free(src);
    return NULL;
  }
  char *out = NULL;
  zip_stat_t zs;
  if (zip_stat(za, name, 0, &zs) == 0 && (zs.valid & ZIP_STAT_SIZE) && zs.size < (1u << 30)) {
    zip_file_t *zf = zip_fopen(za, name, 0);
    out = zf ? malloc(zs.size + 1) : NULL;
    if (out && zip_fread(zf, out, zs.size) == (zip_int64_t)zs.size) {
      out[zs.size] = '\0';
      if (plen) *plen = zs.size;
    } else {
      free(out);
      out = NULL;
    }
    if (zf) zip_fclose(zf);
  }
  zip_close(za);
  zip_error_fini(&ze);
  return out;
}

xmlDocPtr tdocx_xml(const docx_out *o, const char *name) {
  size_t len = 0;
  char *s = tdocx_part(o, name, &len);
  if (!s) return NULL;
  xmlDocPtr d = xmlReadMemory(s, (int)len, name, NULL, XML_PARSE_NONET | XML_PARSE_HUGE);
  free(s);
  return d;
}

static xmlXPathObjectPtr tdocx_eval(xmlDocPtr doc, const char *xpath) {
  xmlXPathContextPtr c = xmlXPathNewContext(doc);
  if (!c) return NULL;
  xmlXPathRegisterNs(c, BAD_CAST "w", BAD_CAST "http://schemas.openxmlformats.org/wordprocessingml/2006/main");
  xmlXPathRegisterNs(c, BAD_CAST "r", BAD_CAST "http://schemas.openxmlformats.org/officeDocument/2006/relationships");
  xmlXPathRegisterNs(c, BAD_CAST "cp",
                     BAD_CAST "http://schemas.openxmlformats.org/package/2006/metadata/core-properties");
  xmlXPathRegisterNs(c, BAD_CAST "dc", BAD_CAST "http://purl.org/dc/elements/1.1/");
  xmlXPathRegisterNs(c, BAD_CAST "dcterms", BAD_CAST "http://purl.org/dc/terms/");
  xmlXPathRegisterNs(c, BAD_CAST "ct", BAD_CAST "http://schemas.openxmlformats.org/package/2006/content-types");
  xmlXPathRegisterNs(c, BAD_CAST "rel", BAD_CAST "http://schemas.openxmlformats.org/package/2006/relationships");
  xmlXPathObjectPtr r = xmlXPathEvalExpression(BAD_CAST xpath, c);
  xmlXPathFreeContext(c);
  return r;
}

double tdocx_num(xmlDocPtr doc, const char *xpath) {
  xmlXPathObjectPtr r = tdocx_eval(doc, xpath);
  double v = r ? xmlXPathCastToNumber(r) : -1;
  xmlXPathFreeObject(r);
  return v;
}

char *tdocx_str(xmlDocPtr doc, const char *xpath) {
  xmlXPathObjectPtr r = tdocx_eval(doc, xpath);
  xmlChar *s = r ? xmlXPathCastToString(r) : NULL;
  xmlXPathFreeObject(r);
  char *out = strdup(s ? (const char *)s : "");
  xmlFree(s);
  return out;
}

/* Parsed schemas are kept for the whole run: wml-2010.xsd takes a while. */
static xmlSchemaPtr tdocx_schema(const char *rel) {
  static struct {
    char path[512];
    xmlSchemaPtr schema;
  } cache[8];
  const char *dir = getenv("DM_OOXML_SCHEMAS");
  if (!dir || !*dir) return NULL;
  char path[512];
  snprintf(path, sizeof path, "%s/%s", dir, rel);
  for (size_t i = 0; i < 8; i++)
    if (cache[i].schema && !strcmp(cache[i].path, path)) return cache[i].schema;
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fclose(f);
  xmlSchemaParserCtxtPtr pc = xmlSchemaNewParserCtxt(path);
  xmlSchemaPtr s = pc ? xmlSchemaParse(pc) : NULL;
  xmlSchemaFreeParserCtxt(pc);
  for (size_t i = 0; i < 8 && s; i++)
    if (!cache[i].schema) {
      snprintf(cache[i].path, sizeof cache[i].path, "%s", path);
      cache[i].schema = s;
      break;
    }
  return s;
}

static const char *tdocx_schema_for(const char *name) {
  size_t n = strlen(name);
  if (!strcmp(name, "[Content_Types].xml")) return "ecma/fouth-edition/opc-contentTypes.xsd";
  if (n > 5 && !strcmp(name + n - 5, ".rels")) return "ecma/fouth-edition/opc-relationships.xsd";
  if (!strcmp(name, "docProps/app.xml")) return "ISO-IEC29500-4_2016/shared-documentPropertiesExtended.xsd";
  if (!strncmp(name, "word/", 5) && !strchr(name + 5, '/')) return "microsoft/wml-2010.xsd";
  return NULL;
}

int tdocx_schema_valid(const docx_out *o) {
  if (!tdocx_schema("microsoft/wml-2010.xsd")) return -1;
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *src = zip_source_buffer_create(o->data, o->len, 0, &ze);
  zip_t *za = src ? zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze) : NULL;
  if (!za) {
    zip_source_free(src);
    return 0;
  }
  int ok = 1;
  zip_int64_t n = zip_get_num_entries(za, 0);
  for (zip_int64_t i = 0; i < n && ok; i++) {
    const char *name = zip_get_name(za, (zip_uint64_t)i, 0);
    xmlDocPtr d = name ? tdocx_xml(o, name) : NULL;
    if (!d) {
      fprintf(stderr, "part %s: not well-formed\n", name ? name : "?");
      ok = 0;
      break;
    }
    const char *xsd = tdocx_schema_for(name);
    xmlSchemaPtr s = xsd ? tdocx_schema(xsd) : NULL;
    if (s) {
      xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(s);
      if (!vc || xmlSchemaValidateDoc(vc, d) != 0) {
        fprintf(stderr, "part %s: invalid against %s\n", name, xsd);
        ok = 0;
      }
      xmlSchemaFreeValidCtxt(vc);
    }
    xmlFreeDoc(d);
  }
  zip_close(za);
  zip_error_fini(&ze);
  return ok;
}
