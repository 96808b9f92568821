/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

#include "msk-server.h"

G_BEGIN_DECLS

/* What a connection may cost: time limits on every phase of a request and a
 * limit on the request body, counted as it arrives. */
typedef struct _MskSrvConns MskSrvConns;

/* Fills @msg's response with the refusal of a body that is too large. */
typedef void (*MskSrvRefuseFunc) (SoupServerMessage *msg,
                                  gpointer           user_data);

MskSrvConns *msk_srv_conns_new          (SoupServer       *soup,
                                         gsize             max_body,
                                         MskSrvRefuseFunc  refuse,
                                         gpointer          user_data);
void         msk_srv_conns_set_timeouts (MskSrvConns      *self,
                                         guint             idle_s,
                                         guint             header_s,
                                         guint             body_s);
void         msk_srv_conns_listen       (MskSrvConns      *self,
                                         GSocket          *listener);
GSocket     *msk_srv_conns_get_listener (MskSrvConns      *self);
void         msk_srv_conns_free         (MskSrvConns      *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MskSrvConns, msk_srv_conns_free)

G_END_DECLS
