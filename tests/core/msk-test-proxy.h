/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* A fault-injecting HTTP proxy on loopback, for the tests: real HTTP in
 * front of an upstream server (the real musharaka-server, or an in-process
 * SoupServer), with faults injected before or after the request reaches
 * the upstream. */

typedef enum
{
  MSK_FAULT_NONE,
  MSK_FAULT_500,
  MSK_FAULT_503,
  MSK_FAULT_429,
  MSK_FAULT_HANG,
  MSK_FAULT_TRUNCATED,
  MSK_FAULT_MALFORMED,
  MSK_FAULT_HUGE,
  MSK_FAULT_HUGE_CHUNKED,
  MSK_FAULT_WRONG_TYPES,
  MSK_FAULT_RESET,
  MSK_FAULT_DEEP,
  /* Not drawn by msk_test_proxy_set_random() */
  MSK_FAULT_HTML,
  MSK_FAULT_REDIRECT,
  MSK_FAULT_REDIRECT_LOOP,
  MSK_FAULT_TRICKLE,
  MSK_N_FAULTS
} MskFault;

/* The faults msk_test_proxy_set_random() draws from: MSK_FAULT_500 … DEEP. */
#define MSK_N_RANDOM_FAULTS (MSK_FAULT_DEEP + 1)

/* MSK_FAULT_TRICKLE: a byte this often, for this long. */
#define MSK_TEST_TRICKLE_INTERVAL_MS 200
#define MSK_TEST_TRICKLE_LENGTH_S    12

typedef struct _MskTestProxy MskTestProxy;

/* Called when a request was forwarded and its reply is held back (see
 * msk_test_proxy_hold_after_forward()). */
typedef void (*MskTestProxyHeldFunc) (MskTestProxy *proxy,
                                      const char   *path,
                                      gpointer      user_data);

MskTestProxy *msk_test_proxy_new               (const char   *upstream);
void          msk_test_proxy_free              (MskTestProxy *proxy);
const char   *msk_test_proxy_get_url           (MskTestProxy *proxy);
void          msk_test_proxy_set_upstream      (MskTestProxy *proxy,
                                                const char   *upstream);
void          msk_test_proxy_queue_fault       (MskTestProxy *proxy,
                                                MskFault      fault,
                                                gboolean      after_forward);
void          msk_test_proxy_set_random        (MskTestProxy *proxy,
                                                double        rate,
                                                guint         max_faults,
                                                guint32       seed);
void          msk_test_proxy_set_retry_after   (MskTestProxy *proxy,
                                                guint         seconds);
void          msk_test_proxy_set_fault_filter  (MskTestProxy *proxy,
                                                const char   *method);
void          msk_test_proxy_hold_after_forward (MskTestProxy        *proxy,
                                                 const char          *method,
                                                 MskTestProxyHeldFunc func,
                                                 gpointer             user_data);
void          msk_test_proxy_release_held      (MskTestProxy *proxy);
guint         msk_test_proxy_get_n_requests    (MskTestProxy *proxy);
guint         msk_test_proxy_get_n_authorized  (MskTestProxy *proxy);
guint         msk_test_proxy_get_n_faults      (MskTestProxy *proxy);
guint         msk_test_proxy_get_n_forwarded   (MskTestProxy *proxy);
guint         msk_test_proxy_get_fault_count   (MskTestProxy *proxy,
                                                MskFault      fault);
const char   *msk_test_fault_name              (MskFault      fault);
void          msk_test_proxy_set_xml_only      (MskTestProxy *proxy,
                                                gboolean      xml_only);
guint         msk_test_proxy_get_n_json_refused (MskTestProxy *proxy);

G_END_DECLS
