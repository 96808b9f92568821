/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean msk_speak_command_wanted (int    argc,
                                   char **argv);
int      msk_speak_command_run    (int    argc,
                                   char **argv);

G_END_DECLS
