/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "msk-receipt-print.h"

/* A receipt on paper or in a PDF: its title and its text, line by line, in
 * the direction of each paragraph (Arabic from the right), over as many
 * pages as it takes. */

typedef struct
{
  char        *title;
  char        *text;
  PangoLayout *layout;   /* (nullable): laid out for the page, in begin-print */
  GArray      *breaks;   /* (element-type int): the first line of each page */
} Receipt;

static void
receipt_free (gpointer data)
{
  Receipt *receipt = data;

  g_free (receipt->title);
  g_free (receipt->text);
  g_clear_object (&receipt->layout);
  g_clear_pointer (&receipt->breaks, g_array_unref);
  g_free (receipt);
}

static PangoLayout *
make_layout (GtkPrintContext *context,
             const char      *text,
             const char      *font,
             double           width)
{
  PangoLayout *layout = gtk_print_context_create_pango_layout (context);
  g_autoptr(PangoFontDescription) description = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, description);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_auto_dir (layout, TRUE);
  /* Text from the portal stays text. */
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                Receipt           *receipt)
{
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);
  g_autofree char *all = g_strdup_printf ("%s\n\n%s", receipt->title, receipt->text);
  double page_top = 0;
  int n_lines;
  int first = 0;

  g_clear_object (&receipt->layout);
  receipt->layout = make_layout (context, all, "Sans 12", width);
  receipt->breaks = g_array_new (FALSE, FALSE, sizeof (int));
  g_array_append_val (receipt->breaks, first);

  n_lines = pango_layout_get_line_count (receipt->layout);
  for (int i = 0; i < n_lines; i++)
    {
      PangoLayoutLine *line = pango_layout_get_line_readonly (receipt->layout, i);
      PangoRectangle logical;
      double bottom;

      pango_layout_line_get_extents (line, NULL, &logical);
      bottom = (double) (logical.height) / PANGO_SCALE;
      if (page_top + bottom > height && i > 0)
        {
          g_array_append_val (receipt->breaks, i);
          page_top = 0;
        }
      page_top += bottom;
    }
  gtk_print_operation_set_n_pages (operation, (int) receipt->breaks->len);
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              Receipt           *receipt)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  int first = g_array_index (receipt->breaks, int, page_nr);
  int last = (guint) page_nr + 1 < receipt->breaks->len
             ? g_array_index (receipt->breaks, int, page_nr + 1)
             : pango_layout_get_line_count (receipt->layout);
  double y = 0;

  cairo_set_source_rgb (cr, 0, 0, 0);
  for (int i = first; i < last; i++)
    {
      PangoLayoutLine *line = pango_layout_get_line_readonly (receipt->layout, i);
      PangoRectangle logical;
      int baseline;
      PangoLayoutIter *iter = pango_layout_get_iter (receipt->layout);

      for (int j = 0; j < i; j++)
        pango_layout_iter_next_line (iter);
      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      baseline = pango_layout_iter_get_baseline (iter) - logical.y;
      pango_layout_iter_free (iter);

      cairo_move_to (cr, (double) logical.x / PANGO_SCALE, y + (double) baseline / PANGO_SCALE);
      pango_cairo_show_layout_line (cr, line);
      y += (double) logical.height / PANGO_SCALE;
    }
}

/**
 * msk_receipt_print:
 * @parent: (nullable): the window the print dialog belongs to
 * @title: the receipt's heading
 * @text: the receipt, in plain text
 * @pdf: (nullable): where to save it as PDF, without asking; or %NULL to
 *   ask with the print dialog (which also offers printing to a file)
 *
 * Returns: whether the receipt was printed, saved or handed to the print
 *   system; %FALSE with @error set when it failed, and without it when the
 *   person cancelled
 */
gboolean
msk_receipt_print (GtkWindow   *parent,
                   const char  *title,
                   const char  *text,
                   GFile       *pdf,
                   GError     **error)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  Receipt *receipt = g_new0 (Receipt, 1);
  GtkPrintOperationResult result;
  GtkPrintOperationAction action;

  receipt->title = g_strdup (title);
  receipt->text = g_strdup (text);
  g_object_set_data_full (G_OBJECT (operation), "msk-receipt", receipt, receipt_free);
  gtk_print_operation_set_job_name (operation, title);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), receipt);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), receipt);

  if (pdf != NULL)
    {
      g_autofree char *path = g_file_get_path (pdf);

      if (path == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       _("The receipt can only be saved in a folder of this computer."));
          return FALSE;
        }
      gtk_print_operation_set_export_filename (operation, path);
      action = GTK_PRINT_OPERATION_ACTION_EXPORT;
    }
  else
    action = GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG;

  result = gtk_print_operation_run (operation, action, parent, error);
  return result == GTK_PRINT_OPERATION_RESULT_APPLY
         || result == GTK_PRINT_OPERATION_RESULT_IN_PROGRESS;
}
