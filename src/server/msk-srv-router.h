/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "msk-srv-ctx.h"
#include "msk-srv-limits.h"

G_BEGIN_DECLS

typedef void (*MskSrvHandler) (MskSrvCtx *ctx);

typedef struct
{
  const char    *method;
  const char    *path;     /* a template: "/v1/topics/{topic_id}" */
  MskSrvHandler  handler;
  gboolean       no_replay; /* a POST whose reply is never kept for an Idempotency-Key */
} MskSrvRouteDef;

/* Each resource family exports its routes: msk_srv_<family>_routes. */
#define MSK_SRV_DECLARE_ROUTES(family) \
  extern const MskSrvRouteDef msk_srv_##family##_routes[]; \
  extern const gsize msk_srv_##family##_n_routes

MSK_SRV_DECLARE_ROUTES (entities);
MSK_SRV_DECLARE_ROUTES (reports);
MSK_SRV_DECLARE_ROUTES (topics);
MSK_SRV_DECLARE_ROUTES (feedback);
MSK_SRV_DECLARE_ROUTES (polls);
MSK_SRV_DECLARE_ROUTES (surveys);
MSK_SRV_DECLARE_ROUTES (outcomes);
MSK_SRV_DECLARE_ROUTES (export);
MSK_SRV_DECLARE_ROUTES (session);
MSK_SRV_DECLARE_ROUTES (comments);
MSK_SRV_DECLARE_ROUTES (ideas);
MSK_SRV_DECLARE_ROUTES (moderation);
MSK_SRV_DECLARE_ROUTES (service_requests);
MSK_SRV_DECLARE_ROUTES (open311_services);
MSK_SRV_DECLARE_ROUTES (open311_requests);
MSK_SRV_DECLARE_ROUTES (assisted);

const MskSrvRouteDef * const *msk_srv_router_get_routes (gsize           *n_routes);
void                          msk_srv_router_dispatch   (MskSrvCtx       *ctx,
                                                         MskSrvRateLimit *rate_limit);
void                          msk_srv_router_finish     (MskSrvCtx       *ctx);
void                          msk_srv_router_pause      (MskSrvCtx       *ctx);
void                          msk_srv_router_resume     (MskSrvCtx       *ctx);

G_END_DECLS
