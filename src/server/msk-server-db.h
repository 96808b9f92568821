/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define MSK_SERVER_DB_ERROR (msk_server_db_error_quark ())

typedef enum
{
  MSK_SERVER_DB_ERROR_OPEN,
  MSK_SERVER_DB_ERROR_SQL,
  MSK_SERVER_DB_ERROR_TOO_NEW,
} MskServerDbError;

GQuark msk_server_db_error_quark (void);

#define MSK_TYPE_SERVER_DB (msk_server_db_get_type ())
G_DECLARE_FINAL_TYPE (MskServerDb, msk_server_db, MSK, SERVER_DB, GObject)

MskServerDb   *msk_server_db_new                (const char   *data_dir,
                                                 GError      **error);
sqlite3       *msk_server_db_get_handle         (MskServerDb  *self);
int            msk_server_db_get_schema_version (MskServerDb  *self);
int            msk_server_db_get_latest_version (void);
sqlite3_stmt  *msk_server_db_prepare            (MskServerDb  *self,
                                                 const char   *sql);
gboolean       msk_server_db_exec               (MskServerDb  *self,
                                                 const char   *sql,
                                                 GError      **error);
void           msk_server_db_begin              (MskServerDb  *self);
gboolean       msk_server_db_commit             (MskServerDb  *self);
void           msk_server_db_rollback           (MskServerDb  *self);
guint          msk_server_db_get_depth          (MskServerDb  *self);
gint64         msk_server_db_query_int          (MskServerDb  *self,
                                                 const char   *sql,
                                                 gint64        arg);
gint64         msk_server_db_last_insert_id     (MskServerDb  *self);

G_END_DECLS
