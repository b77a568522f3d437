/* SPDX-License-Identifier: MIT */
/*
 * .akn packages (the Naming Convention's ZIP of main.xml, further
 * components and a media/ folder), opened with the library's safe ZIP
 * reader (zip.h), which refuses hostile packages (unsafe names, duplicates,
 * encrypted or damaged entries, too many entries, decompression bombs)
 * before anything is extracted. main.xml is read into the document; every
 * other XML file outside media/ becomes a DIV role component after it;
 * media files are listed in one warning, since no writer carries them yet.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "akn_read.h"

int akn_zip_probe(const unsigned char *data, size_t size) { return dm_zip_probe_entry(data, size, "main.xml"); }

static int akn_is_media(const char *name) { return strncmp(name, "media/", 6) == 0; }

static int akn_is_xml(const char *name) {
  size_t n = strlen(name);
  return n > 4 && strcmp(name + n - 4, ".xml") == 0;
}

/* main.xml is the document itself: read with no part name, so that its
 * meta gives the document's metadata and its statement name="resolution"
 * makes the tree a resolution, exactly as the same XML read on its own.
 * Every other component is a part, whose meta is not the document's. */
static int akn_read_entry(akn_reader *rd, dm_zip *zip, size_t i, dm_node *parent, int is_main) {
  unsigned char *data;
  size_t size;
  if ((rd->status = dm_zip_extract(rd->ctx, zip, i, &data, &size)) != DM_OK) return rd->status;
  rd->part = is_main ? NULL : dm_zip_name(zip, i);
  int rc = akn_read_xml(rd, data, size, parent);
  rd->part = NULL;
  free(data);
  return rc;
}

/* Lists media/ files (and other files no reader takes) in one warning. */
static int akn_zip_media(akn_reader *rd, const dm_zip *zip) {
  size_t len = 0, count = 0;
  char list[1024];
  list[0] = '\0';
  for (size_t i = 0; i < dm_zip_count(zip); i++) {
    const char *name = dm_zip_name(zip, i);
    size_t nl = strlen(name);
    if (!nl || name[nl - 1] == '/' || (akn_is_xml(name) && !akn_is_media(name))) continue;
    count++;
    if (len + nl + 3 < sizeof list - 8) {
      len += (size_t)snprintf(list + len, sizeof list - len, "%s%s", len ? ", " : "", name);
    } else if (len < sizeof list - 8 && !strstr(list, "...")) {
      len += (size_t)snprintf(list + len, sizeof list - len, ", ...");
    }
  }
  if (count && dm_warn(rd->ctx, DM_DIAG_MEDIA, dm_pos_offset(DM_NO_OFFSET),
                       "the package holds %zu media file%s no writer carries yet: %s", count, count == 1 ? "" : "s",
                       list) != DM_OK)
    return rd->status = dm_error(rd->ctx, DM_ENOMEM, "out of memory");
  return DM_OK;
}

int akn_read_zip(akn_reader *rd, const unsigned char *data, size_t size) {
  dm_zip *zip;
  if ((rd->status = dm_zip_open(rd->ctx, data, size, &zip)) != DM_OK) return rd->status;
  long main_idx = dm_zip_find(zip, "main.xml");
  if (dm_zip_count(zip) == 0)
    rd->status = dm_error(rd->ctx, DM_EFORMAT, "not an Akoma Ntoso package: the ZIP is empty");
  else if (main_idx < 0)
    rd->status = dm_error(rd->ctx, DM_EFORMAT, "not an Akoma Ntoso package: no main.xml");
  else
    akn_read_entry(rd, zip, (size_t)main_idx, dm_doc_root(rd->doc), 1);
  for (size_t i = 0; i < dm_zip_count(zip) && !rd->status; i++) {
    const char *name = dm_zip_name(zip, i);
    if ((long)i == main_idx || !akn_is_xml(name) || akn_is_media(name)) continue;
    dm_node *div = dm_node_new_div(rd->doc, DM_ROLE_COMPONENT, NULL);
    if (!div || dm_node_append_child(dm_doc_root(rd->doc), div) != DM_OK ||
        dm_node_set_attr(div, "src", name) != DM_OK) {
      rd->status = dm_error(rd->ctx, DM_ENOMEM, "out of memory");
      break;
    }
    rd->doc_elements = 0;
    akn_read_entry(rd, zip, i, div, 0);
  }
  if (!rd->status) akn_zip_media(rd, zip);
  dm_zip_close(zip);
  return rd->status;
}
