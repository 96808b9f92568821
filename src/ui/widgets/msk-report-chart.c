/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "msk-report-chart.h"
#include "msk-report-text.h"

/**
 * MskReportChart:
 *
 * A participation report as a bar chart, drawn with GtkSnapshot: one line
 * per month, with a bar for the people who took part (filled) and one for
 * what they sent (hatched), each ending in its figure, under a legend that
 * names both. Bars grow from the start of the line: from the right in
 * Arabic. Sizes follow the text, so the chart grows with it.
 *
 * It is an image to a screen reader, described by a summary of the
 * figures; the table next to it is the accessible form, and the chart is
 * never the only one.
 */
struct _MskReportChart
{
  GtkWidget  parent_instance;

  MskReport *report;  /* (owned) (nullable) */
};

G_DEFINE_FINAL_TYPE (MskReportChart, msk_report_chart, GTK_TYPE_WIDGET)

enum {
  SERIES_PARTICIPANTS,
  SERIES_CONTRIBUTIONS,
  N_SERIES
};

/* Spacing, in multiples of the text's line height. */
#define BAR_HEIGHT 1.0
#define BAR_GAP 0.2
#define MONTH_GAP 0.6
#define PAD 0.4

static void
get_color (GtkWidget *widget,
           GdkRGBA   *color)
{
#if GTK_CHECK_VERSION (4, 10, 0)
  gtk_widget_get_color (widget, color);
#else
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), color);
#endif
}

static int
line_height (MskReportChart *self)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), "Ag");
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);
  return MAX (height, 1);
}

static guint
n_months (MskReportChart *self)
{
  return self->report != NULL ? g_list_model_get_n_items (msk_report_get_months (self->report))
                              : 0;
}

static gint64
value_of (MskReportMonth *month,
          guint           series)
{
  return series == SERIES_PARTICIPANTS ? msk_report_month_get_participants (month)
                                       : msk_report_month_get_contributions (month);
}

static const char *
series_name (guint series)
{
  return series == SERIES_PARTICIPANTS ? _("Participants") : _("Contributions");
}

typedef struct
{
  double lh;         /* the text's line height */
  double label_w;    /* the widest month name */
  double figure_w;   /* the widest figure */
  double legend_h;
  gboolean stacked;  /* narrow: each month's name on a line above its bars */
  gint64 max;
} Geometry;

static int
text_width (MskReportChart *self,
            const char     *text)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

static double
legend_width (MskReportChart *self,
              double          lh)
{
  double w = 0;

  for (guint s = 0; s < N_SERIES; s++)
    w += 2.4 * lh + text_width (self, series_name (s)) + 1.2 * lh;
  return w;
}

/* Where things go at @width (the narrowest layout for -1). */
static void
compute_geometry (MskReportChart *self,
                  int             width,
                  Geometry       *g)
{
  guint n = n_months (self);
  GListModel *months = self->report != NULL ? msk_report_get_months (self->report) : NULL;

  g->lh = line_height (self);
  g->label_w = 0;
  g->figure_w = 0;
  g->max = 1;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MskReportMonth) month = g_list_model_get_item (months, i);
      g_autofree char *name = msk_report_text_dup_month (month);

      g->label_w = MAX (g->label_w, text_width (self, name));
      for (guint s = 0; s < N_SERIES; s++)
        {
          g_autofree char *figure = msk_report_text_dup_count (value_of (month, s));

          g->max = MAX (g->max, value_of (month, s));
          g->figure_w = MAX (g->figure_w, text_width (self, figure));
        }
    }
  /* Name and bars side by side while the bars keep room for six lines. */
  g->stacked = width < 0
               || width < 2 * PAD * g->lh + g->label_w + 6.6 * g->lh + g->figure_w;
  /* The legend on one line when it fits, else an entry a line. */
  g->legend_h = (width >= 0 && width >= legend_width (self, g->lh) + 2 * PAD * g->lh)
                ? 1.5 * g->lh : N_SERIES * 1.2 * g->lh + 0.3 * g->lh;
}

static double
month_height (const Geometry *g)
{
  return (g->stacked ? 1.1 * g->lh : 0) + N_SERIES * BAR_HEIGHT * g->lh + BAR_GAP * g->lh
         + MONTH_GAP * g->lh;
}

static GtkSizeRequestMode
msk_report_chart_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
msk_report_chart_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  MskReportChart *self = MSK_REPORT_CHART (widget);
  Geometry g;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      compute_geometry (self, -1, &g);
      /* Stacked: a month's name, or a short bar and its figure. */
      *minimum = (int) (2 * PAD * g.lh + MAX (g.label_w, 3 * g.lh + g.figure_w));
      *natural = (int) MAX (*minimum, 2 * PAD * g.lh + g.label_w + 16 * g.lh + g.figure_w);
      return;
    }

  compute_geometry (self, for_size, &g);
  if (n_months (self) == 0)
    *minimum = *natural = 0;
  else
    *minimum = *natural = (int) (2 * PAD * g.lh + g.legend_h
                                 + n_months (self) * month_height (&g));
}

/* Draws a bar; the hatched one is outlined and striped, so that the two
 * differ without color. */
static void
append_bar (GtkSnapshot     *snapshot,
            const GdkRGBA   *color,
            graphene_rect_t *rect,
            gboolean         hatched)
{
  cairo_t *cr;

  if (!hatched)
    {
      gtk_snapshot_append_color (snapshot, color, rect);
      return;
    }
  if (rect->size.width < 1)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, rect);
  gdk_cairo_set_source_rgba (cr, color);
  cairo_set_line_width (cr, 1.5);
  cairo_rectangle (cr, rect->origin.x + 0.75, rect->origin.y + 0.75,
                   MAX (rect->size.width - 1.5, 0), rect->size.height - 1.5);
  cairo_stroke_preserve (cr);
  cairo_clip (cr);
  for (double x = rect->origin.x - rect->size.height; x < rect->origin.x + rect->size.width;
       x += 6)
    {
      cairo_move_to (cr, x, rect->origin.y + rect->size.height);
      cairo_line_to (cr, x + rect->size.height, rect->origin.y);
    }
  cairo_stroke (cr);
  cairo_destroy (cr);
}

static void
append_text (MskReportChart *self,
             GtkSnapshot    *snapshot,
             const char     *text,
             double          x,
             double          y,
             gboolean        rtl,
             const GdkRGBA  *color)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  gtk_snapshot_save (snapshot);
  /* @x is where the text starts: its right edge in right to left. */
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (rtl ? x - width : x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
msk_report_chart_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  MskReportChart *self = MSK_REPORT_CHART (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  double width = gtk_widget_get_width (widget);
  GListModel *months;
  GdkRGBA color;
  GdkRGBA dim;
  Geometry g;
  double pad, bar_h, bars_x, bars_w, x, y;
  guint n = n_months (self);

  if (n == 0)
    return;

  compute_geometry (self, (int) width, &g);
  pad = PAD * g.lh;
  bar_h = BAR_HEIGHT * g.lh;
  get_color (widget, &color);
  dim = color;
  dim.alpha *= 0.55;
  months = msk_report_get_months (self->report);

  /* The legend: a sample of each bar, then its name. */
  x = pad;
  y = pad;
  for (guint s = 0; s < N_SERIES; s++)
    {
      graphene_rect_t swatch;

      graphene_rect_init (&swatch, rtl ? width - x - 2 * g.lh : x, y + 0.1 * g.lh, 2 * g.lh,
                          0.8 * g.lh);
      append_bar (snapshot, &color, &swatch, s == SERIES_CONTRIBUTIONS);
      append_text (self, snapshot, series_name (s),
                   rtl ? width - x - 2.4 * g.lh : x + 2.4 * g.lh, y, rtl, &color);
      if (g.legend_h > 1.5 * g.lh)
        y += 1.2 * g.lh;
      else
        x += 2.4 * g.lh + text_width (self, series_name (s)) + 1.2 * g.lh;
    }
  y = pad + g.legend_h;

  bars_x = g.stacked ? pad : pad + g.label_w + 0.6 * g.lh;
  bars_w = MAX (width - bars_x - g.figure_w - 0.4 * g.lh - pad, g.lh);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MskReportMonth) month = g_list_model_get_item (months, i);
      g_autofree char *name = msk_report_text_dup_month (month);
      double group_h = N_SERIES * bar_h + BAR_GAP * g.lh;

      if (g.stacked)
        {
          append_text (self, snapshot, name, rtl ? width - pad : pad, y, rtl, &color);
          y += 1.1 * g.lh;
        }
      else
        append_text (self, snapshot, name, rtl ? width - pad : pad, y + (group_h - g.lh) / 2,
                     rtl, &color);

      for (guint s = 0; s < N_SERIES; s++)
        {
          g_autofree char *figure = msk_report_text_dup_count (value_of (month, s));
          double bw = bars_w * (double) value_of (month, s) / (double) g.max;
          double by = y + s * (bar_h + BAR_GAP * g.lh);
          graphene_rect_t bar;

          graphene_rect_init (&bar, rtl ? width - bars_x - bw : bars_x, by, bw, bar_h);
          append_bar (snapshot, &color, &bar, s == SERIES_CONTRIBUTIONS);
          /* The axis, so that an empty bar is seen as zero. */
          graphene_rect_init (&bar, rtl ? width - bars_x - 2 : bars_x, by, 2, bar_h);
          gtk_snapshot_append_color (snapshot, &dim, &bar);

          append_text (self, snapshot, figure,
                       rtl ? width - bars_x - bw - 0.3 * g.lh : bars_x + bw + 0.3 * g.lh,
                       by + (bar_h - g.lh) / 2, rtl, &color);
        }
      y += group_h + MONTH_GAP * g.lh;
    }
}

static void
update_accessible (MskReportChart *self,
                   const char     *entity_name)
{
  g_autofree char *summary = NULL;
  g_autofree char *label = NULL;

  if (self->report == NULL)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Chart: no report"),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("No figures to show."),
                                      -1);
      return;
    }

  summary = msk_report_text_dup_summary (self->report);
  if (entity_name != NULL)
    /* Translators: the name of a chart; %s is a public body */
    label = g_strdup_printf (_("Chart of participation: %s"), entity_name);
  else
    label = g_strdup (_("Chart of participation"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary,
                                  -1);
}

static void
msk_report_chart_direction_changed (GtkWidget        *widget,
                                    GtkTextDirection  previous)
{
  gtk_widget_queue_draw (widget);
}

static void
msk_report_chart_css_changed (GtkWidget         *widget,
                              GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (msk_report_chart_parent_class)->css_changed (widget, change);
  /* The text size follows the settings: so does the chart. */
  gtk_widget_queue_resize (widget);
}

static void
msk_report_chart_dispose (GObject *object)
{
  MskReportChart *self = MSK_REPORT_CHART (object);

  g_clear_object (&self->report);

  G_OBJECT_CLASS (msk_report_chart_parent_class)->dispose (object);
}

static void
msk_report_chart_class_init (MskReportChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = msk_report_chart_dispose;
  widget_class->get_request_mode = msk_report_chart_get_request_mode;
  widget_class->measure = msk_report_chart_measure;
  widget_class->snapshot = msk_report_chart_snapshot;
  widget_class->direction_changed = msk_report_chart_direction_changed;
  widget_class->css_changed = msk_report_chart_css_changed;

  gtk_widget_class_set_css_name (widget_class, "reportchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
msk_report_chart_init (MskReportChart *self)
{
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  update_accessible (self, NULL);
}

GtkWidget *
msk_report_chart_new (void)
{
  return g_object_new (MSK_TYPE_REPORT_CHART, NULL);
}

/**
 * msk_report_chart_get_report:
 *
 * Returns: (transfer none) (nullable): the report drawn
 */
MskReport *
msk_report_chart_get_report (MskReportChart *self)
{
  g_return_val_if_fail (MSK_IS_REPORT_CHART (self), NULL);

  return self->report;
}

/**
 * msk_report_chart_set_report:
 * @report: (nullable): what to draw
 * @entity_name: (nullable): the public body it is about, for the chart's name
 */
void
msk_report_chart_set_report (MskReportChart *self,
                             MskReport      *report,
                             const char     *entity_name)
{
  g_return_if_fail (MSK_IS_REPORT_CHART (self));
  g_return_if_fail (report == NULL || MSK_IS_REPORT (report));

  g_set_object (&self->report, report);
  update_accessible (self, entity_name);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}
