/* SPDX-License-Identifier: MIT */
/*
 * A small checker for the AKN writer's end-to-end tests, so that they
 * depend on libxml2 alone rather than on xmllint being installed:
 *   akn_check validate SCHEMA FILE...   schema-validates each file (libxml2's
 *                                       xmlSchemaValidateDoc); exit 1 on
 *                                       the first invalid one
 *   akn_check xpath FILE EXPR           prints the XPath result (a node set
 *                                       as its count, else the string value);
 *                                       the AKN namespace is prefix "a"
 *   akn_check values FILE EXPR          prints each node's string value on
 *                                       its own line
 *   akn_check text FILE                 prints the text of the document
 *                                       outside meta and num, without any
 *                                       whitespace, to compare with the tree
 */
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

static xmlDocPtr check_read(const char *path) {
  xmlParserCtxtPtr p = xmlNewParserCtxt();
  if (!p) return NULL;
  xmlDocPtr doc = xmlCtxtReadFile(p, path, NULL, XML_PARSE_NONET);
  if (!doc) {
    const xmlError *e = xmlCtxtGetLastError(p);
    fprintf(stderr, "%s: not well-formed: %s", path, e && e->message ? e->message : "?\n");
  }
  xmlFreeParserCtxt(p);
  return doc;
}

static int check_validate(const char *schema, char **files, int n) {
  xmlSchemaParserCtxtPtr pc = xmlSchemaNewParserCtxt(schema);
  xmlSchemaPtr s = pc ? xmlSchemaParse(pc) : NULL;
  xmlSchemaFreeParserCtxt(pc);
  if (!s) {
    fprintf(stderr, "%s: cannot load the schema\n", schema);
    return 2;
  }
  int bad = 0;
  for (int i = 0; i < n; i++) {
    xmlDocPtr doc = check_read(files[i]);
    xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(s);
    int rc = doc && vc ? xmlSchemaValidateDoc(vc, doc) : -1;
    if (rc != 0) {
      fprintf(stderr, "%s: INVALID\n", files[i]);
      bad = 1;
    }
    xmlSchemaFreeValidCtxt(vc);
    xmlFreeDoc(doc);
  }
  xmlSchemaFree(s);
  return bad;
}

static void check_text(xmlNodePtr n) {
  for (; n; n = n->next) {
    if (n->type == XML_ELEMENT_NODE) {
      if (strcmp((const char *)n->name, "meta") == 0 || strcmp((const char *)n->name, "num") == 0) continue;
      /* An image's alternative text is its text in the tree. */
      xmlChar *alt = strcmp((const char *)n->name, "img") == 0 ? xmlGetProp(n, BAD_CAST "alt") : NULL;
      for (const xmlChar *c = alt; c && *c; c++)
        if (*c != ' ' && *c != '\n' && *c != '\t' && *c != '\r') putchar(*c);
      xmlFree(alt);
      check_text(n->children);
    } else if (n->type == XML_TEXT_NODE && n->content) {
      for (const xmlChar *c = n->content; *c; c++)
        if (*c != ' ' && *c != '\n' && *c != '\t' && *c != '\r') putchar(*c);
    }
  }
}

static int check_xpath(const char *file, const char *expr, int values) {
  xmlDocPtr doc = check_read(file);
  if (!doc) return 2;
  xmlXPathContextPtr x = xmlXPathNewContext(doc);
  xmlXPathRegisterNs(x, BAD_CAST "a", BAD_CAST "http://docs.oasis-open.org/legaldocml/ns/akn/3.0");
  xmlXPathObjectPtr r = xmlXPathEvalExpression(BAD_CAST expr, x);
  int rc = 0;
  if (!r) {
    fprintf(stderr, "bad XPath: %s\n", expr);
    rc = 2;
  } else if (values && r->type == XPATH_NODESET) {
    for (int i = 0; r->nodesetval && i < r->nodesetval->nodeNr; i++) {
      xmlChar *s = xmlNodeGetContent(r->nodesetval->nodeTab[i]);
      printf("%s\n", s ? (const char *)s : "");
      xmlFree(s);
    }
  } else if (r->type == XPATH_NODESET) {
    printf("%d\n", r->nodesetval ? r->nodesetval->nodeNr : 0);
  } else {
    xmlChar *s = xmlXPathCastToString(r);
    printf("%s\n", s);
    xmlFree(s);
  }
  xmlXPathFreeObject(r);
  xmlXPathFreeContext(x);
  xmlFreeDoc(doc);
  return rc;
}

int main(int argc, char **argv) {
  int rc = 2;
  xmlInitParser();
  if (argc >= 4 && strcmp(argv[1], "validate") == 0)
    rc = check_validate(argv[2], argv + 3, argc - 3);
  else if (argc == 4 && strcmp(argv[1], "xpath") == 0)
    rc = check_xpath(argv[2], argv[3], 0);
  else if (argc == 4 && strcmp(argv[1], "values") == 0)
    rc = check_xpath(argv[2], argv[3], 1);
  else if (argc == 3 && strcmp(argv[1], "text") == 0) {
    xmlDocPtr doc = check_read(argv[2]);
    if (doc) {
      check_text(xmlDocGetRootElement(doc));
      putchar('\n');
      xmlFreeDoc(doc);
      rc = 0;
    }
  } else {
    fprintf(stderr, "usage: akn_check validate SCHEMA FILE... | xpath FILE EXPR | values FILE EXPR | text FILE\n");
  }
  xmlCleanupParser();
  return rc;
}
