/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* An Open311 GeoReport v2 endpoint that offers XML only, on loopback, for
 * the tests: real HTTP, replies shaped as the specification's XML examples
 * (written with libxml2's writer), the spec's three services, a service
 * definition with a value list, requests filed with POST requests.xml and
 * kept in memory, and staff who move them. Every .json path answers 404. */

typedef struct _MskTestOpen311Server MskTestOpen311Server;

MskTestOpen311Server *msk_test_open311_server_new       (const char           *api_key);
void                  msk_test_open311_server_free      (MskTestOpen311Server *server);
const char           *msk_test_open311_server_get_url   (MskTestOpen311Server *server);
void                  msk_test_open311_server_move      (MskTestOpen311Server *server,
                                                         const char           *service_request_id,
                                                         const char           *detailed_status,
                                                         const char           *status_notes);
void                  msk_test_open311_server_set_jurisdiction_id (MskTestOpen311Server *server,
                                                                   const char           *jurisdiction_id);
void                  msk_test_open311_server_set_discovery (MskTestOpen311Server *server,
                                                             gboolean              discovery);
void                  msk_test_open311_server_set_lists_json (MskTestOpen311Server *server,
                                                              gboolean              lists_json);
guint                 msk_test_open311_server_get_n_json (MskTestOpen311Server *server);
guint                 msk_test_open311_server_get_n_xml  (MskTestOpen311Server *server);
const char           *msk_test_open311_server_get_last_form (MskTestOpen311Server *server,
                                                             const char           *field);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MskTestOpen311Server, msk_test_open311_server_free)

G_END_DECLS
