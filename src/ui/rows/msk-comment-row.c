/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "msk-a11y.h"
#include "msk-comment-row.h"
#include "msk-date.h"
#include "msk-page-layout.h"
#include "msk-topic-text.h"

/**
 * MskCommentRow:
 *
 * A comment in its thread: who wrote it and when, what it answers, its
 * text as the portal sent it (plain text), and for one's own comments
 * where the moderation is ("under review", "published", "not published"
 * with the reason). A reply is indented under what it answers, and its
 * accessible label says "reply to <name>". Reply and Report act on it;
 * Report opens the reasons in the row.
 */
struct _MskCommentRow
{
  GtkListBoxRow  parent_instance;

  MskComment    *comment;      /* (owned) */
  GtkWidget     *flag_button;  /* (nullable) */
  GtkWidget     *flag_box;     /* (nullable) */
  GtkWidget     *flag_note;    /* (nullable) */
  GtkLabel      *flag_status;  /* (nullable) */
  GPtrArray     *reasons;      /* (element-type GtkCheckButton) */
};

G_DEFINE_FINAL_TYPE (MskCommentRow, msk_comment_row, GTK_TYPE_LIST_BOX_ROW)

/* What the portal accepts as the reason of a report, and how it is said. */
static const struct {
  const char *id;
  const char *label;
} flag_reasons[] = {
  { "spam", N_("Advertising or spam") },
  { "abuse", N_("Insulting or abusive") },
  { "personal_data", N_("Shows personal data") },
  { "off_topic", N_("Not about this topic") },
  { "other", N_("Something else") },
};

static void
msk_comment_row_dispose (GObject *object)
{
  MskCommentRow *self = MSK_COMMENT_ROW (object);

  g_clear_object (&self->comment);
  g_clear_pointer (&self->reasons, g_ptr_array_unref);

  G_OBJECT_CLASS (msk_comment_row_parent_class)->dispose (object);
}

static void
msk_comment_row_class_init (MskCommentRowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = msk_comment_row_dispose;
}

static void
msk_comment_row_init (MskCommentRow *self)
{
  self->reasons = g_ptr_array_new ();
}

/* A line of the app's own words that starts with a name from the portal:
 * it reads in the app's direction, whatever the name's script. */
static GtkWidget *
app_line (const char *text,
          const char *css_class)
{
  const char *mark = gtk_widget_get_default_direction () == GTK_TEXT_DIR_RTL ? "\u200F" : "\u200E";
  g_autofree char *marked = g_strconcat (mark, text, NULL);

  return msk_page_layout_label (marked, css_class);
}

/* Said for one's own comment: where its moderation is. */
static char *
dup_status (MskComment *comment)
{
  const char *status = msk_comment_get_status (comment);

  if (g_strcmp0 (status, "pending") == 0)
    return g_strdup (_("Under review: a moderator reads every comment before it is published."));
  if (g_strcmp0 (status, "rejected") == 0)
    {
      const char *reason = msk_comment_get_reject_reason (comment);
      g_autofree char *isolated = msk_topic_text_isolate (reason);

      return reason != NULL && *reason != '\0'
             /* Translators: %s is the moderator's reason */
             ? g_strdup_printf (_("Not published. The moderator's reason: %s"), isolated)
             : g_strdup (_("Not published."));
    }
  return g_strdup (_("Published."));
}

/* The reasons take the focus once they are on the screen: before that,
 * newer GTK lets nothing inside take it. */
static void
flag_box_mapped_cb (MskCommentRow *self)
{
  if (self->reasons->len > 0)
    gtk_widget_grab_focus (g_ptr_array_index (self->reasons, 0));
}

static void
report_clicked_cb (MskCommentRow *self)
{
  gboolean shown = !gtk_widget_get_visible (self->flag_box);

  gtk_widget_set_visible (self->flag_box, shown);
  gtk_widget_set_visible (GTK_WIDGET (self->flag_status), FALSE);
}

static void
cancel_report_cb (MskCommentRow *self)
{
  gtk_widget_set_visible (self->flag_box, FALSE);
  gtk_widget_grab_focus (self->flag_button);
}

static void
send_report_cb (MskCommentRow *self)
{
  const char *reason = NULL;

  for (guint i = 0; i < self->reasons->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->reasons, i)))
      reason = flag_reasons[i].id;
  if (reason == NULL)
    {
      msk_comment_row_set_flagged (self, _("Choose why you report this comment."), FALSE);
      gtk_widget_grab_focus (g_ptr_array_index (self->reasons, 0));
      return;
    }
  gtk_widget_activate_action (GTK_WIDGET (self), "comments.flag", "(xss)",
                              msk_comment_get_id (self->comment), reason,
                              gtk_editable_get_text (GTK_EDITABLE (self->flag_note)));
}

static GtkWidget *
add_button (GtkWidget  *box,
            const char *label,
            const char *name)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_set_halign (button, GTK_ALIGN_START);
  msk_page_layout_wrap_labels (button);
  if (name != NULL)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      name, -1);
      msk_a11y_keep_label (button);
    }
  gtk_box_append (GTK_BOX (box), button);
  return button;
}

/* The arrows move among the reasons, as in any group of radio buttons:
 * the list around would take them to move between comments. */
static gboolean
reasons_key_pressed_cb (GtkEventControllerKey *controller,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        MskCommentRow         *self)
{
  GtkWidget *focus;
  int step;
  guint i;

  if (keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down)
    step = 1;
  else if (keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up)
    step = -1;
  else
    return FALSE;
  focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));
  for (i = 0; i < self->reasons->len; i++)
    if (g_ptr_array_index (self->reasons, i) == (gpointer) focus)
      break;
  if (i == self->reasons->len)
    return FALSE;
  i = (i + self->reasons->len + step) % self->reasons->len;
  gtk_widget_grab_focus (g_ptr_array_index (self->reasons, i));
  return TRUE;
}

static void
build_flag_box (MskCommentRow *self,
                GtkWidget     *box)
{
  GtkWidget *reasons;
  GtkWidget *buttons;
  GtkWidget *note_label;
  GtkCheckButton *group = NULL;
  GtkWidget *button;

  self->flag_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_visible (self->flag_box, FALSE);
  g_signal_connect_swapped (self->flag_box, "map", G_CALLBACK (flag_box_mapped_cb), self);
  gtk_box_append (GTK_BOX (self->flag_box),
                  msk_page_layout_label (_("Why do you report this comment? The moderators "
                                           "read every report."), NULL));
  reasons = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  g_object_set (reasons, "accessible-role", GTK_ACCESSIBLE_ROLE_GROUP, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (reasons), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Reason of the report"), -1);
  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect (keys, "key-pressed", G_CALLBACK (reasons_key_pressed_cb), self);
    gtk_widget_add_controller (reasons, keys);
  }
  for (guint i = 0; i < G_N_ELEMENTS (flag_reasons); i++)
    {
      GtkWidget *choice = g_object_new (GTK_TYPE_CHECK_BUTTON,
                                        "label", _(flag_reasons[i].label),
                                        "accessible-role", GTK_ACCESSIBLE_ROLE_RADIO,
                                        NULL);

      if (group != NULL)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (choice), group);
      else
        group = GTK_CHECK_BUTTON (choice);
      gtk_box_append (GTK_BOX (reasons), choice);
      g_ptr_array_add (self->reasons, choice);
    }
  gtk_box_append (GTK_BOX (self->flag_box), reasons);

  note_label = msk_page_layout_label (_("A note for the moderators (optional)"), NULL);
  gtk_box_append (GTK_BOX (self->flag_box), note_label);
  self->flag_note = gtk_entry_new ();
  gtk_entry_set_max_length (GTK_ENTRY (self->flag_note), 500);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->flag_note),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, note_label, NULL, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->flag_note),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("A note for the moderators (optional)"), -1);
  gtk_box_append (GTK_BOX (self->flag_box), self->flag_note);

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  button = add_button (buttons, _("Send the report"), NULL);
  gtk_widget_add_css_class (button, "suggested-action");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (send_report_cb), self);
  button = add_button (buttons, _("Cancel"), NULL);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (cancel_report_cb), self);
  gtk_box_append (GTK_BOX (self->flag_box), buttons);
  gtk_box_append (GTK_BOX (box), self->flag_box);
}

/**
 * msk_comment_row_new:
 * @parent_author: (nullable): who wrote the comment this one answers
 * @can_reply: whether the topic takes replies now
 *
 * Returns: (transfer floating): a row for @comment
 */
GtkWidget *
msk_comment_row_new (MskComment *comment,
                     const char *parent_author,
                     gboolean    can_reply)
{
  MskCommentRow *self;
  GtkWidget *box;
  GtkWidget *buttons;
  GtkWidget *label;
  const char *author;
  gboolean published;
  g_autofree char *date = NULL;
  g_autofree char *byline = NULL;
  g_autofree char *name = NULL;
  g_autofree char *status = NULL;
  g_autofree char *isolated_author = NULL;
  g_autofree char *isolated_parent = NULL;

  g_return_val_if_fail (MSK_IS_COMMENT (comment), NULL);

  self = g_object_new (MSK_TYPE_COMMENT_ROW, "activatable", FALSE, NULL);
  self->comment = g_object_ref (comment);
  author = msk_comment_get_author (comment) != NULL ? msk_comment_get_author (comment) : "";
  isolated_author = msk_topic_text_isolate (author);
  published = g_strcmp0 (msk_comment_get_status (comment), "published") == 0;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  /* a reply stands under what it answers, a step further in */
  gtk_widget_set_margin_start (box, 12 + 32 * (int) CLAMP (msk_comment_get_depth (comment), 0, 4));
  gtk_widget_set_margin_end (box, 12);
  if (msk_comment_get_depth (comment) > 0)
    gtk_widget_add_css_class (box, "msk-reply");

  if (msk_comment_get_created_at (comment) != NULL)
    {
      g_autofree char *both = msk_date_format_both (msk_comment_get_created_at (comment), FALSE,
                                                    NULL);

      date = msk_topic_text_isolate (both);
    }
  if (msk_comment_get_mine (comment))
    /* Translators: the line above one's own comment; %s is a date */
    byline = date != NULL ? g_strdup_printf (_("You wrote on %s"), date)
                          : g_strdup (_("You wrote"));
  else
    /* Translators: the line above a comment: its author, then a date */
    byline = date != NULL ? g_strdup_printf (_("%1$s wrote on %2$s"), isolated_author, date)
                          : g_strdup (isolated_author);
  gtk_box_append (GTK_BOX (box), app_line (byline, "heading"));
  if (parent_author != NULL)
    {
      g_autofree char *reply_to = NULL;

      isolated_parent = msk_topic_text_isolate (parent_author);
      /* Translators: %s is the author of the comment answered */
      reply_to = g_strdup_printf (_("In reply to %s"), isolated_parent);
      gtk_box_append (GTK_BOX (box), app_line (reply_to, "dim-label"));
    }
  /* Text from the portal is shown literally: markup stays text. */
  label = msk_page_layout_label (msk_comment_get_body (comment), NULL);
  gtk_box_append (GTK_BOX (box), label);

  if (msk_comment_get_mine (comment))
    {
      status = dup_status (comment);
      label = app_line (status, "msk-moderation-status");
      gtk_box_append (GTK_BOX (box), label);
    }

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  if (published && can_reply)
    {
      /* Translators: %s is the author of the comment */
      g_autofree char *reply = g_strdup_printf (_("Reply to %s"), isolated_author);
      GtkWidget *button = add_button (buttons, _("Reply"), reply);

      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "comments.reply");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x",
                                        msk_comment_get_id (comment));
    }
  if (published && !msk_comment_get_mine (comment))
    {
      /* Translators: %s is the author of the comment */
      g_autofree char *report = g_strdup_printf (_("Report the comment of %s"), isolated_author);

      self->flag_button = add_button (buttons, _("Report"), report);
      g_signal_connect_swapped (self->flag_button, "clicked", G_CALLBACK (report_clicked_cb),
                                self);
    }
  if (gtk_widget_get_first_child (buttons) != NULL)
    gtk_box_append (GTK_BOX (box), buttons);
  if (self->flag_button != NULL)
    build_flag_box (self, box);
  self->flag_status = GTK_LABEL (msk_page_layout_label (NULL, NULL));
  gtk_widget_set_visible (GTK_WIDGET (self->flag_status), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->flag_status));

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), box);

  /* One sentence for a screen reader: who, to whom, when, what, and where
   * its moderation is. */
  if (parent_author != NULL)
    name = msk_comment_get_mine (comment)
           /* Translators: a reply's accessible name: the author answered, the date, the text */
           ? g_strdup_printf (_("Your reply to %1$s, %2$s: %3$s"), isolated_parent,
                              date != NULL ? date : "", msk_comment_get_body (comment))
           /* Translators: a reply's accessible name: its author, the author answered, the
            * date, the text */
           : g_strdup_printf (_("Reply to %2$s by %1$s, %3$s: %4$s"), isolated_author,
                              isolated_parent, date != NULL ? date : "",
                              msk_comment_get_body (comment));
  else
    name = msk_comment_get_mine (comment)
           /* Translators: a comment's accessible name: the date, the text */
           ? g_strdup_printf (_("Your comment, %1$s: %2$s"), date != NULL ? date : "",
                              msk_comment_get_body (comment))
           /* Translators: a comment's accessible name: its author, the date, the text */
           : g_strdup_printf (_("Comment by %1$s, %2$s: %3$s"), isolated_author,
                              date != NULL ? date : "", msk_comment_get_body (comment));
  if (status != NULL)
    {
      g_autofree char *with_status = g_strdup_printf ("%s %s", name, status);

      g_free (name);
      name = g_steal_pointer (&with_status);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  return GTK_WIDGET (self);
}

MskComment *
msk_comment_row_get_comment (MskCommentRow *self)
{
  g_return_val_if_fail (MSK_IS_COMMENT_ROW (self), NULL);
  return self->comment;
}

/**
 * msk_comment_row_set_flagged:
 * @message: what happened to the report
 * @done: whether the report was sent (the reasons close)
 *
 * Says how the report of the comment is doing, in the row.
 */
void
msk_comment_row_set_flagged (MskCommentRow *self,
                             const char    *message,
                             gboolean       done)
{
  g_return_if_fail (MSK_IS_COMMENT_ROW (self));

  msk_page_layout_show_status (self->flag_status, message, !done);
  if (done && self->flag_box != NULL)
    {
      gtk_widget_set_visible (self->flag_box, FALSE);
      gtk_widget_set_sensitive (self->flag_button, FALSE);
      gtk_widget_grab_focus (GTK_WIDGET (self));
    }
  if (message != NULL)
    msk_a11y_announce (GTK_WIDGET (self), message, MSK_A11Y_PRIORITY_HIGH);
}
