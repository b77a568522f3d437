/* SPDX-License-Identifier: MIT */
/*
 * Pictures in the DOCX: each image of the document whose file can be read
 * (a path relative to the input's folder; addresses on the network are
 * never fetched) goes into word/media/ under a relationship of the body,
 * sized from the image's own header (PNG, JPEG, GIF) at 96 dots per inch
 * and narrowed to the text's width. An SVG goes in with the PNG of the same
 * name beside it as its fallback (Word 2016's asvg:svgBlip extension; the
 * PNG gives the size and is what readers without SVG show); without such a
 * PNG it is not embedded. An image that cannot be read or is of another
 * kind stays a visible placeholder, "[alternative text]", with a warning
 * naming the file. Image bytes are stored, not deflated: they are
 * compressed already.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docx.h"

/* The largest picture embedded: beyond it the file is reported, not read. */
#define DOCX_MEDIA_MAX (64u * 1024 * 1024)
#define DOCX_EMU_PER_PX 9525L
#define DOCX_EMU_PER_TWIP 635L

static unsigned docx_media_be16(const unsigned char *p) { return (unsigned)p[0] << 8 | p[1]; }

static unsigned long docx_media_be32(const unsigned char *p) {
  return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 | p[3];
}

/* The kind and pixel size from the header; 0 when not a picture we know. */
static int docx_media_sniff(docx_image *im) {
  const unsigned char *d = im->data;
  size_t n = im->size;
  if (n >= 24 && !memcmp(d, "\x89PNG\r\n\x1a\n", 8) && !memcmp(d + 12, "IHDR", 4)) {
    im->ext = "png";
    im->w = (long)docx_media_be32(d + 16);
    im->h = (long)docx_media_be32(d + 20);
  } else if (n >= 10 && (!memcmp(d, "GIF87a", 6) || !memcmp(d, "GIF89a", 6))) {
    im->ext = "gif";
    im->w = d[6] | d[7] << 8;
    im->h = d[8] | d[9] << 8;
  } else if (n >= 4 && d[0] == 0xFF && d[1] == 0xD8) {
    /* JPEG: walk the segments to a start-of-frame marker */
    size_t i = 2;
    while (i + 9 < n) {
      if (d[i] != 0xFF) return 0;
      unsigned m = d[i + 1], len = docx_media_be16(d + i + 2);
      if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
        im->ext = "jpeg";
        im->h = (long)docx_media_be16(d + i + 5);
        im->w = (long)docx_media_be16(d + i + 7);
        break;
      }
      if (len < 2) return 0;
      i += 2 + len;
    }
  }
  return im->ext && im->w > 0 && im->h > 0 && im->w < 100000 && im->h < 100000;
}

/* The image's path: relative ones against the input's folder. NULL for a
 * network address, which is never fetched. */
static char *docx_media_path(docx_state *st, const char *url) {
  if (!*url || strstr(url, "://") || !strncmp(url, "data:", 5)) return NULL;
  if (!strncmp(url, "file:", 5)) return NULL;
  const char *in = dm_ctx_input_name(st->ctx);
  const char *slash = in && url[0] != '/' ? strrchr(in, '/') : NULL;
  size_t dir = slash ? (size_t)(slash - in) + 1 : 0;
  char *p = malloc(dir + strlen(url) + 1);
  if (!p) return NULL;
  if (dir) memcpy(p, in, dir);
  strcpy(p + dir, url);
  return p;
}

/* An SVG document: its root element, after any declaration, comments or
 * doctype, is svg. */
static int docx_media_is_svg(const unsigned char *d, size_t n) {
  const char *s = (const char *)d, *end = s + n;
  if (n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) s += 3;
  while (s < end) {
    while (s < end && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n'))
      s++;
    if (end - s < 5 || *s != '<') return 0;
    if (s[1] != '?' && s[1] != '!') return !memcmp(s, "<svg", 4) && s[4] && strchr(" \t\r\n>/", s[4]);
    const char *gt = memchr(s, '>', (size_t)(end - s));
    if (!gt) return 0;
    s = gt + 1;
  }
  return 0;
}

/* The PNG beside an SVG: path with its extension replaced, when the name
 * ends in .svg (any case); NULL otherwise or when out of memory. */
static char *docx_media_png_path(const char *path) {
  size_t n = strlen(path);
  if (n < 4 || path[n - 4] != '.' || (path[n - 3] | 32) != 's' || (path[n - 2] | 32) != 'v' ||
      (path[n - 1] | 32) != 'g')
    return NULL;
  char *p = malloc(n + 1);
  if (!p) return NULL;
  memcpy(p, path, n - 3);
  strcpy(p + n - 3, "png");
  return p;
}

/* im holds an SVG: the PNG of the same name takes its place, the SVG kept
 * beside it. 1 when that PNG is there and is a PNG. */
static int docx_media_svg(docx_image *im, const char *path) {
  char *png = docx_media_png_path(path);
  size_t size = 0;
  unsigned char *d = png ? docx_read_file(png, DOCX_MEDIA_MAX, &size) : NULL;
  free(png);
  if (!d) return 0;
  im->svg = im->data;
  im->svg_size = im->size;
  im->data = d;
  im->size = size;
  return docx_media_sniff(im) && !strcmp(im->ext, "png");
}

static int docx_media_add(docx_state *st, const dm_node *n) {
  if (dm_node_map_has(st->images_by_node, n)) return DM_OK;
  if (st->nimages == st->capimages) {
    size_t cap = st->capimages ? st->capimages * 2 : 8;
    docx_image *p = realloc(st->images, cap * sizeof *p);
    if (!p) return dm_error(st->ctx, DM_ENOMEM, "out of memory");
    st->images = p;
    st->capimages = cap;
  }
  docx_image *im = &st->images[st->nimages];
  memset(im, 0, sizeof *im);
  const char *url = dm_node_url(n);
  char *path = docx_media_path(st, url);
  if (path) im->data = docx_read_file(path, DOCX_MEDIA_MAX, &im->size);
  const char *why = !im->data ? "cannot be read" : NULL;
  if (!why && im->data && docx_media_is_svg(im->data, im->size)) {
    if (!docx_media_svg(im, path)) why = "is an SVG picture without a PNG of the same name beside it";
  } else if (!why && !docx_media_sniff(im)) {
    why = "is not a PNG, JPEG, GIF or SVG picture";
  }
  free(path);
  if (why) {
    free(im->data);
    free(im->svg);
    return dm_warn(st->ctx, DM_DIAG_MEDIA, dm_node_pos(n), "image %s %s; a placeholder stands in for it", url, why);
  }
  im->id = (int)++st->nimages;
  /* the number, not a pointer: st->images moves as it grows */
  if (dm_node_map_put(st->images_by_node, n, (void *)(uintptr_t)im->id) != DM_OK)
    return dm_error(st->ctx, DM_ENOMEM, "out of memory");
  return DM_OK;
}

int docx_media_collect(docx_state *st) {
  st->images_by_node = dm_node_map_new();
  dm_iter *it = dm_iter_new(dm_doc_root(st->doc));
  if (!st->images_by_node || !it) {
    dm_iter_free(it);
    return dm_error(st->ctx, DM_ENOMEM, "out of memory");
  }
  int rc = DM_OK, nest = 0;
  dm_event ev;
  while (rc == DM_OK && (ev = dm_iter_next(it)) != DM_EVENT_DONE) {
    dm_node *n = dm_iter_node(it);
    dm_node_type t = dm_node_type_of(n);
    if (t == DM_NODE_NOTE) nest += ev == DM_EVENT_ENTER ? 1 : -1;
    /* pictures in notes would need relationships of footnotes.xml: those
     * stay placeholders, reported by the body writer */
    if (t == DM_NODE_IMAGE && ev == DM_EVENT_ENTER && !nest) rc = docx_media_add(st, n);
  }
  dm_iter_free(it);
  return rc;
}

docx_image *docx_media_find(docx_state *st, const dm_node *n) {
  if (!st->images_by_node) return NULL;
  uintptr_t id = (uintptr_t)dm_node_map_get(st->images_by_node, n);
  return id ? &st->images[id - 1] : NULL;
}

void docx_media_free(docx_state *st) {
  for (size_t i = 0; i < st->nimages; i++) {
    free(st->images[i].data);
    free(st->images[i].svg);
  }
  free(st->images);
  dm_node_map_free(st->images_by_node);
}

/* The inline picture: a wp:inline with a pic:pic pointing at rImg<id>. */
void docx_media_drawing(docx_state *st, docx_xml *x, const docx_image *im, const char *alt) {
  long cx = im->w * DOCX_EMU_PER_PX, cy = im->h * DOCX_EMU_PER_PX;
  long maxw = docx_look_text_width(st) * DOCX_EMU_PER_TWIP;
  if (cx > maxw) {
    cy = (long)((double)cy * maxw / cx);
    cx = maxw;
  }
  char rid[32], name[32];
  snprintf(rid, sizeof rid, "rImg%d", im->id);
  snprintf(name, sizeof name, "Picture %d", im->id);
  docx_start(x, "w:drawing");
  docx_start(x, "wp:inline");
  docx_start(x, "wp:extent");
  docx_attr_int(x, "cx", cx);
  docx_attr_int(x, "cy", cy);
  docx_end(x);
  docx_start(x, "wp:docPr");
  docx_attr_int(x, "id", im->id);
  docx_attr(x, "name", name);
  if (alt && *alt) docx_attr_text(x, "descr", alt);
  docx_end(x);
  docx_start(x, "a:graphic");
  docx_attr(x, "xmlns:a", "http://schemas.openxmlformats.org/drawingml/2006/main");
  docx_start(x, "a:graphicData");
  docx_attr(x, "uri", "http://schemas.openxmlformats.org/drawingml/2006/picture");
  docx_start(x, "pic:pic");
  docx_attr(x, "xmlns:pic", "http://schemas.openxmlformats.org/drawingml/2006/picture");
  docx_start(x, "pic:nvPicPr");
  docx_start(x, "pic:cNvPr");
  docx_attr_int(x, "id", im->id);
  docx_attr(x, "name", name);
  docx_end(x);
  docx_empty(x, "pic:cNvPicPr", NULL, NULL, NULL, NULL);
  docx_end(x);
  docx_start(x, "pic:blipFill");
  docx_start(x, "a:blip");
  docx_attr(x, "r:embed", rid);
  if (im->svg) {
    /* The SVG, for the readers that know this extension of Word 2016;
     * the others show the PNG of r:embed. */
    char svg_rid[40];
    snprintf(svg_rid, sizeof svg_rid, "rImg%ds", im->id);
    docx_start(x, "a:extLst");
    docx_start(x, "a:ext");
    docx_attr(x, "uri", "{96DAC541-7B7A-43D3-8B79-37D633B846F1}");
    docx_start(x, "asvg:svgBlip");
    docx_attr(x, "xmlns:asvg", "http://schemas.microsoft.com/office/drawing/2016/SVG/main");
    docx_attr(x, "r:embed", svg_rid);
    docx_end(x);
    docx_end(x);
    docx_end(x);
  }
  docx_end(x);
  docx_start(x, "a:stretch");
  docx_empty(x, "a:fillRect", NULL, NULL, NULL, NULL);
  docx_end(x);
  docx_end(x);
  docx_start(x, "pic:spPr");
  docx_start(x, "a:xfrm");
  docx_empty(x, "a:off", "x", "0", "y", "0");
  docx_start(x, "a:ext");
  docx_attr_int(x, "cx", cx);
  docx_attr_int(x, "cy", cy);
  docx_end(x);
  docx_end(x);
  docx_start(x, "a:prstGeom");
  docx_attr(x, "prst", "rect");
  docx_empty(x, "a:avLst", NULL, NULL, NULL, NULL);
  docx_end(x);
  docx_end(x);
  docx_end(x);
  docx_end(x);
  docx_end(x);
  docx_end(x);
  docx_end(x);
}
