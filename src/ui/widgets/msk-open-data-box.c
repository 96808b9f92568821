/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "msk-a11y.h"
#include "msk-open-data-box.h"
#include "msk-page-layout.h"
#include "msk-topic-text.h"

/**
 * MskOpenDataBox:
 *
 * "Save the data" on a topic's page: the topic's open data (its CSV or
 * JSON export) saved to a file the person chooses in the file chooser
 * (the portal's, where there is one). Nothing is written anywhere else, and
 * nothing at all when the chooser is dismissed or the portal does not send
 * the data. What happened is said in words.
 */
struct _MskOpenDataBox
{
  AdwBin                parent_instance;

  /* Template widgets */
  GtkWidget            *csv_button;
  GtkWidget            *json_button;
  GtkLabel             *state_label;

  /* Owned */
  MskClient            *client;
  MskTopic             *topic;
  GCancellable         *cancellable;  /* the save under way, cancelled when the box goes */
#if !GTK_CHECK_VERSION (4, 10, 0)
  GtkFileChooserNative *chooser;
#endif
};

G_DEFINE_FINAL_TYPE (MskOpenDataBox, msk_open_data_box, ADW_TYPE_BIN)

typedef struct
{
  MskOpenDataBox  *self;    /* (owned) */
  MskExportFormat  format;
  GFile           *file;    /* (owned) (nullable): where the person chose */
  GtkWidget       *button;  /* (owned): the button pressed, for announcements */
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->file);
  g_clear_object (&data->button);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SaveData, save_data_free)

/* Says @text under the buttons, and to a screen reader. */
static void
say (SaveData   *data,
     const char *text)
{
  gtk_label_set_text (data->self->state_label, text);
  gtk_widget_set_visible (GTK_WIDGET (data->self->state_label), text != NULL);
  if (text != NULL)
    msk_a11y_announce (data->button, text, MSK_A11Y_PRIORITY_MEDIUM);
}

/* The save is over: @text says how it ended. */
static void
finish (SaveData   *data,
        const char *text)
{
  say (data, text);
  gtk_widget_action_set_enabled (GTK_WIDGET (data->self), "open-data.save", TRUE);
}

static void
fail (SaveData     *data,
      const GError *error)
{
  g_autofree char *text = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* Translators: %s says what went wrong, in plain words */
  text = g_strdup_printf (_("The data could not be saved: %s Nothing was written."),
                          error->message);
  finish (data, text);
}

static void
written_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(SaveData) data = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *where = NULL;
  g_autofree char *isolated = NULL;
  g_autofree char *text = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      fail (data, error);
      return;
    }

  where = g_file_get_parse_name (data->file);
  isolated = msk_topic_text_isolate (where);
  /* Translators: %s is the file the data was saved to */
  text = g_strdup_printf (_("The data was saved to %s."), isolated);
  finish (data, text);
}

static void
exported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(SaveData) data = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GCancellable *cancellable;
  GFile *file;

  bytes = msk_client_export_finish (MSK_CLIENT (source), result, &error);
  if (bytes == NULL)
    {
      fail (data, error);
      return;
    }

  file = data->file;
  cancellable = data->self->cancellable;
  say (data, _("Saving the data…"));
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE,
                                       G_FILE_CREATE_REPLACE_DESTINATION, cancellable,
                                       written_cb, g_steal_pointer (&data));
}

/* The person chose @file (or nothing, when %NULL); takes @data. */
static void
file_chosen (SaveData *data_owned,
             GFile    *file)
{
  g_autoptr(SaveData) data = data_owned;
  MskOpenDataBox *self = data->self;
  MskExportFormat format = data->format;
  GtkRoot *root = gtk_widget_get_root (data->button);

  /* Back from the chooser, the keyboard is where it was: on the window and
   * the button pressed, also where no window manager gives it back. */
  if (GTK_IS_WINDOW (root))
    gtk_window_present (GTK_WINDOW (root));
  gtk_widget_grab_focus (data->button);

  if (file == NULL)
    {
      finish (data, _("Nothing was saved."));
      return;
    }
  if (self->client == NULL || self->topic == NULL)
    {
      finish (data, _("Not connected to a portal"));
      return;
    }

  data->file = g_object_ref (file);
  say (data, _("Getting the data from the portal…"));
  msk_client_export_async (self->client, msk_topic_get_id (self->topic), format,
                           self->cancellable, exported_cb, g_steal_pointer (&data));
}

static GtkFileFilter *
new_filter (MskExportFormat format)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  if (format == MSK_EXPORT_FORMAT_JSON)
    {
      gtk_file_filter_set_name (filter, _("JSON"));
      gtk_file_filter_add_mime_type (filter, "application/json");
      gtk_file_filter_add_suffix (filter, "json");
    }
  else
    {
      gtk_file_filter_set_name (filter, _("CSV (spreadsheet)"));
      gtk_file_filter_add_mime_type (filter, "text/csv");
      gtk_file_filter_add_suffix (filter, "csv");
    }
  return filter;
}

/* Where the chooser opens: the documents folder, when there is one. */
static GFile *
dup_initial_folder (void)
{
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

  if (documents == NULL || !g_file_test (documents, G_FILE_TEST_IS_DIR))
    return NULL;
  return g_file_new_for_path (documents);
}

#if GTK_CHECK_VERSION (4, 10, 0)

static void
dialog_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(SaveData) data = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;

  file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (source), result, &error);
  if (file == NULL && !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED)
      && !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_CANCELLED))
    {
      fail (data, error);
      return;
    }
  if (g_cancellable_is_cancelled (data->self->cancellable))
    return;
  file_chosen (g_steal_pointer (&data), file);
}

static void
choose_file (SaveData   *data,
             const char *title,
             const char *name)
{
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autoptr(GtkFileFilter) filter = new_filter (data->format);
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autoptr(GFile) folder = dup_initial_folder ();
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (data->self));

  g_list_store_append (filters, filter);
  gtk_file_dialog_set_title (dialog, title);
  gtk_file_dialog_set_modal (dialog, TRUE);
  gtk_file_dialog_set_initial_name (dialog, name);
  gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
  gtk_file_dialog_set_default_filter (dialog, filter);
  if (folder != NULL)
    gtk_file_dialog_set_initial_folder (dialog, folder);
  gtk_file_dialog_save (dialog, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                        data->self->cancellable, dialog_cb, data);
}

#else /* GTK < 4.10: GtkFileChooserNative, the portal's chooser where there is one */

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     gpointer         user_data)
{
  g_autoptr(SaveData) data = user_data;
  MskOpenDataBox *self = data->self;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_signal_handlers_disconnect_by_func (chooser, chooser_response_cb, user_data);
  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);

  file_chosen (g_steal_pointer (&data), file);
}

static void
choose_file (SaveData   *data,
             const char *title,
             const char *name)
{
  MskOpenDataBox *self = data->self;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GFile) folder = dup_initial_folder ();

  self->chooser = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                           : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), new_filter (data->format));
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

#endif

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  MskOpenDataBox *self = MSK_OPEN_DATA_BOX (widget);
  gboolean json = g_strcmp0 (g_variant_get_string (param, NULL), "json") == 0;
  g_autofree char *name = NULL;
  SaveData *data;

  if (self->topic == NULL)
    return;

  data = g_new0 (SaveData, 1);
  data->self = g_object_ref (self);
  data->format = json ? MSK_EXPORT_FORMAT_JSON : MSK_EXPORT_FORMAT_CSV;
  data->button = g_object_ref (json ? self->json_button : self->csv_button);
  name = msk_export_format_dup_file_name (data->format, msk_topic_get_id (self->topic),
                                          msk_topic_get_title_text (self->topic));

  gtk_widget_action_set_enabled (widget, "open-data.save", FALSE);
  say (data, NULL);
  choose_file (data, json ? _("Save the Data as JSON") : _("Save the Data as CSV"), name);
}

static void
msk_open_data_box_dispose (GObject *object)
{
  MskOpenDataBox *self = MSK_OPEN_DATA_BOX (object);

  g_cancellable_cancel (self->cancellable);
#if !GTK_CHECK_VERSION (4, 10, 0)
  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
#endif
  gtk_widget_dispose_template (GTK_WIDGET (self), MSK_TYPE_OPEN_DATA_BOX);

  G_OBJECT_CLASS (msk_open_data_box_parent_class)->dispose (object);
}

static void
msk_open_data_box_finalize (GObject *object)
{
  MskOpenDataBox *self = MSK_OPEN_DATA_BOX (object);

  g_clear_object (&self->client);
  g_clear_object (&self->topic);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (msk_open_data_box_parent_class)->finalize (object);
}

static void
msk_open_data_box_class_init (MskOpenDataBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = msk_open_data_box_dispose;
  object_class->finalize = msk_open_data_box_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/widgets/msk-open-data-box.ui");
  gtk_widget_class_bind_template_child (widget_class, MskOpenDataBox, csv_button);
  gtk_widget_class_bind_template_child (widget_class, MskOpenDataBox, json_button);
  gtk_widget_class_bind_template_child (widget_class, MskOpenDataBox, state_label);

  gtk_widget_class_install_action (widget_class, "open-data.save", "s", save_action);
}

static void
msk_open_data_box_init (MskOpenDataBox *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  msk_page_layout_wrap_labels (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  /* At large text, the buttons' words wrap rather than widen the window. */
  gtk_label_set_wrap (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (self->csv_button))), TRUE);
  gtk_label_set_wrap (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (self->json_button))), TRUE);
}

GtkWidget *
msk_open_data_box_new (void)
{
  return g_object_new (MSK_TYPE_OPEN_DATA_BOX, NULL);
}

/**
 * msk_open_data_box_set_topic:
 * @client: the portal's client, from the page
 * @topic: the topic whose data is saved
 */
void
msk_open_data_box_set_topic (MskOpenDataBox *self,
                             MskClient      *client,
                             MskTopic       *topic)
{
  g_return_if_fail (MSK_IS_OPEN_DATA_BOX (self));

  g_set_object (&self->client, client);
  g_set_object (&self->topic, topic);
}
