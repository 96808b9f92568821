/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "msk-application.h"
#include "msk-speak-command.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MskApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("MSK_LOCALEDIR") ? g_getenv ("MSK_LOCALEDIR")
                                                                : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Speaking from the command line needs no display. */
  if (msk_speak_command_wanted (argc, argv))
    return msk_speak_command_run (argc, argv);

  app = msk_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
