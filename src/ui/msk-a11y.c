/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Accessibility helpers that work the same on every supported GTK: they use
 * the newer API where the GTK at build time has it, and the closest thing
 * GTK 4.8 offers where it does not. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "msk-a11y.h"

#if !GTK_CHECK_VERSION(4, 14, 0)
/* GTK 4.8 cannot read an accessible property back: keep the description a
 * widget is meant to have, to put it back after an announcement. */
#define DESCRIPTION_KEY "msk-a11y-description"
/* On a root: the widget whose description holds the last announcement. */
#define ANNOUNCED_KEY "msk-a11y-announced"
#define ANNOUNCED_MESSAGE_KEY "msk-a11y-announced-message"

static void
restore_description (GtkWidget *widget)
{
  const char *description = g_object_get_data (G_OBJECT (widget), DESCRIPTION_KEY);

  /* Without one of its own, GTK describes a widget by its tooltip. */
  if (description == NULL)
    description = gtk_widget_get_tooltip_text (widget);
  if (description != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget),
                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static void
weak_ref_free (GWeakRef *ref)
{
  g_weak_ref_clear (ref);
  g_free (ref);
}

/* The widget a screen reader presents as focused: an entry, not the text
 * inside it that holds the keyboard focus. */
static GtkWidget *
presented_focus (GtkRoot *root)
{
  GtkWidget *focus = gtk_root_get_focus (root);

  if (focus == NULL || !GTK_IS_EDITABLE (focus))
    return focus;
  for (GtkWidget *up = gtk_widget_get_parent (focus); up != NULL; up = gtk_widget_get_parent (up))
    if (GTK_IS_EDITABLE (up) && gtk_editable_get_delegate (GTK_EDITABLE (up)) == GTK_EDITABLE (focus))
      return up;
  return focus;
}

/* The announcement stays on the focused widget until focus moves on, so that
 * a screen reader asked "where am I" still finds it; then the widget gets its
 * own description back. */
static void
focus_widget_changed_cb (GtkRoot    *root,
                         GParamSpec *pspec,
                         gpointer    user_data)
{
  GWeakRef *ref = g_object_get_data (G_OBJECT (root), ANNOUNCED_KEY);
  g_autoptr(GtkWidget) announced = NULL;

  if (ref == NULL || (announced = g_weak_ref_get (ref)) == NULL)
    return;
  if (announced == presented_focus (root))
    return;

  g_object_set_data (G_OBJECT (root), ANNOUNCED_KEY, NULL);
  g_object_set_data (G_OBJECT (root), ANNOUNCED_MESSAGE_KEY, NULL);
  restore_description (announced);
}

static void
announce_in_description (GtkWidget  *widget,
                         const char *message)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *target = NULL;
  GWeakRef *ref;
  g_autoptr(GtkWidget) previous = NULL;

  if (root == NULL)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
      return;
    }

  target = presented_focus (root);
  if (target == NULL)
    target = GTK_WIDGET (root);

  ref = g_object_get_data (G_OBJECT (root), ANNOUNCED_KEY);
  if (ref != NULL)
    previous = g_weak_ref_get (ref);
  if (previous != NULL && previous != target)
    restore_description (previous);
  else if (previous == target
           && g_strcmp0 (g_object_get_data (G_OBJECT (root), ANNOUNCED_MESSAGE_KEY), message) == 0)
    /* The same message again: clear it first so that it changes, and is said. */
    gtk_accessible_reset_property (GTK_ACCESSIBLE (target), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);

  gtk_accessible_update_property (GTK_ACCESSIBLE (target),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);

  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, target);
  g_object_set_data_full (G_OBJECT (root), ANNOUNCED_KEY, ref, (GDestroyNotify) weak_ref_free);
  g_object_set_data_full (G_OBJECT (root), ANNOUNCED_MESSAGE_KEY, g_strdup (message), g_free);

  if (g_object_get_data (G_OBJECT (root), "msk-a11y-watching") == NULL)
    {
      g_signal_connect (root, "notify::focus-widget", G_CALLBACK (focus_widget_changed_cb), NULL);
      g_object_set_data (G_OBJECT (root), "msk-a11y-watching", GINT_TO_POINTER (TRUE));
    }
}
#endif

/**
 * msk_a11y_announce:
 * @widget: a widget in the window the message belongs to
 * @message: what to say, in plain text
 * @priority: how urgent it is
 *
 * Asks the screen reader to say @message now, without moving the focus.
 *
 * GTK 4.14 and newer send an announcement. Older GTK has no way to do that:
 * the message becomes the accessible description of the focused widget (a
 * change screen readers present), until the focus moves on; descriptions set
 * with msk_a11y_set_description() come back then.
 */
void
msk_a11y_announce (GtkWidget       *widget,
                   const char      *message,
                   MskA11yPriority  priority)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (message != NULL);

#if GTK_CHECK_VERSION(4, 14, 0)
  GtkAccessibleAnnouncementPriority gtk_priority;

  switch (priority)
    {
    case MSK_A11Y_PRIORITY_LOW:
      gtk_priority = GTK_ACCESSIBLE_ANNOUNCEMENT_PRIORITY_LOW;
      break;
    case MSK_A11Y_PRIORITY_HIGH:
      gtk_priority = GTK_ACCESSIBLE_ANNOUNCEMENT_PRIORITY_HIGH;
      break;
    case MSK_A11Y_PRIORITY_MEDIUM:
    default:
      gtk_priority = GTK_ACCESSIBLE_ANNOUNCEMENT_PRIORITY_MEDIUM;
      break;
    }
  gtk_accessible_announce (GTK_ACCESSIBLE (widget), message, gtk_priority);
#else
  announce_in_description (widget, message);
#endif
}

typedef struct
{
  GWeakRef         window;
  char            *message;
  MskA11yPriority  priority;
} Settled;

static void
settled_free (Settled *settled)
{
  g_weak_ref_clear (&settled->window);
  g_free (settled->message);
  g_free (settled);
}

static gboolean
announce_settled_cb (gpointer user_data)
{
  Settled *settled = user_data;
  g_autoptr(GtkWindow) window = g_weak_ref_get (&settled->window);

  if (window != NULL)
    msk_a11y_announce (GTK_WIDGET (window), settled->message, settled->priority);
  return G_SOURCE_REMOVE;
}

/* How long a screen reader takes to present a new window and its focus,
 * which it would say over an announcement made at once. */
#define SETTLE_MS 1200

/**
 * msk_a11y_announce_when_settled:
 * @window: a window just presented
 * @message: what to say, in plain text
 * @priority: how urgent it is
 *
 * Like msk_a11y_announce(), for a window that has just come: once a screen
 * reader has presented it and its focus, which it would say over the
 * message.
 */
void
msk_a11y_announce_when_settled (GtkWindow       *window,
                                const char      *message,
                                MskA11yPriority  priority)
{
  Settled *settled;

  g_return_if_fail (GTK_IS_WINDOW (window));
  g_return_if_fail (message != NULL);

  settled = g_new0 (Settled, 1);
  g_weak_ref_init (&settled->window, window);
  settled->message = g_strdup (message);
  settled->priority = priority;
  g_timeout_add_full (G_PRIORITY_DEFAULT, SETTLE_MS, announce_settled_cb, settled,
                      (GDestroyNotify) settled_free);
}

/**
 * msk_a11y_set_description:
 * @widget: a widget
 * @description: (nullable): its accessible description, or %NULL for none
 *
 * Sets the accessible description of @widget in a way that survives an
 * announcement on GTK versions without gtk_accessible_announce().
 */
void
msk_a11y_set_description (GtkWidget  *widget,
                          const char *description)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

#if !GTK_CHECK_VERSION(4, 14, 0)
  g_object_set_data_full (G_OBJECT (widget), DESCRIPTION_KEY, g_strdup (description), g_free);
#endif
  if (description != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget),
                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/**
 * msk_a11y_set_list_item_label:
 * @item: a list item, with its child set
 * @label: what a screen reader calls the row
 *
 * Gives a list row an accessible name. GTK 4.12 and newer name the row
 * itself; on older GTK, where rows have no name of their own, the label goes
 * on the item's child. Call it from the factory's bind handler, after the
 * child is set.
 */
void
msk_a11y_set_list_item_label (GtkListItem *item,
                              const char  *label)
{
  g_return_if_fail (GTK_IS_LIST_ITEM (item));

#if GTK_CHECK_VERSION(4, 12, 0)
  gtk_list_item_set_accessible_label (item, label != NULL ? label : "");
#else
  GtkWidget *child = gtk_list_item_get_child (item);

  g_return_if_fail (child != NULL);
  if (label != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL);
#endif
}

static gboolean
has_accessible_label (GtkWidget *widget)
{
  /* GTK 4.8 cannot read an accessible property back; remember what we set. */
  return g_object_get_data (G_OBJECT (widget), "msk-a11y-named") != NULL;
}

/**
 * msk_a11y_name_containers:
 * @root: a widget tree, often a window libadwaita built parts of
 * @name: the name to give containers that have none
 *
 * libadwaita builds scrolled windows, lists and a search field inside its
 * windows and pages that have no accessible name of their own: a screen
 * reader would say "scroll pane" or "list" alone. This names each after
 * the preferences group it sits in, or @name outside any group, and hides
 * the icons inside buttons, which only repeat the button's name.
 */
void
msk_a11y_name_containers (GtkWidget  *root,
                          const char *name)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (ADW_IS_PREFERENCES_GROUP (root))
    {
      const char *title = adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (root));

      if (title != NULL && title[0] != '\0')
        name = title;
    }

  if ((GTK_IS_SCROLLED_WINDOW (root) || GTK_IS_LIST_BOX (root) || GTK_IS_SEARCH_ENTRY (root))
      && !has_accessible_label (root))
    {
      const char *label = GTK_IS_SEARCH_ENTRY (root) ? _("Search") : name;

      gtk_accessible_update_property (GTK_ACCESSIBLE (root),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
      g_object_set_data (G_OBJECT (root), "msk-a11y-named", GINT_TO_POINTER (TRUE));
    }

  /* An icon inside a named button only repeats it, and would be called
   * after its class. */
  if (GTK_IS_IMAGE (root) && gtk_widget_get_ancestor (root, GTK_TYPE_BUTTON) != NULL)
    gtk_accessible_update_state (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    msk_a11y_name_containers (child, name);
}

/**
 * msk_a11y_keep_label:
 * @widget: a button with a short visible text and a longer accessible label
 *
 * Newer GTK names a button after its own text ("A+") through a labelled-by
 * relation that outranks the accessible label ("Larger text"). Dropping
 * the relation lets the label speak; on GTK 4.8 there is none to drop.
 */
void
msk_a11y_keep_label (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

static void
focus_on_map_cb (GtkWidget *widget,
                 gpointer   user_data)
{
  g_signal_handlers_disconnect_by_func (widget, focus_on_map_cb, user_data);
  gtk_widget_grab_focus (widget);
}

/**
 * msk_a11y_grab_focus_when_shown:
 *
 * Moves the focus to @widget now if it is on screen, or as soon as it is:
 * a widget just made visible (a page of a stack, a field just built) takes
 * no focus before it is mapped.
 */
void
msk_a11y_grab_focus_when_shown (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  g_signal_handlers_disconnect_by_func (widget, focus_on_map_cb, NULL);
  if (gtk_widget_get_mapped (widget))
    gtk_widget_grab_focus (widget);
  else
    g_signal_connect (widget, "map", G_CALLBACK (focus_on_map_cb), NULL);
}
