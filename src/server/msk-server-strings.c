/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "msk-server-strings.h"

#include <libsoup/soup.h>
#include <string.h>

static const MskProblemKind problems[] = {
  { "bad-request", 400, "The request is not valid", "الطلب غير صالح" },
  { "malformed-json", 400, "The request body is not valid JSON",
    "نص الطلب ليس بصيغة JSON صحيحة" },
  { "invalid-utf8", 400, "The request contains text that is not valid UTF-8",
    "يحتوي الطلب على نص ليس بترميز UTF-8 صحيح" },
  { "invalid-id", 400, "The identifier in the address is not valid",
    "المعرّف الوارد في العنوان غير صالح" },
  { "invalid-parameter", 400, "A query parameter is not valid",
    "أحد معاملات الاستعلام غير صالح" },
  { "invalid-cursor", 400, "The page cursor is not valid", "مؤشر الصفحة غير صالح" },
  { "invalid-idempotency-key", 400, "The Idempotency-Key header is not valid",
    "ترويسة Idempotency-Key غير صالحة" },
  { "unauthorized", 401, "You need to sign in", "يلزمك تسجيل الدخول" },
  { "invalid-credentials", 401, "The username or password is incorrect",
    "اسم المستخدم أو كلمة المرور غير صحيحة" },
  { "forbidden", 403, "You do not have permission to do this",
    "ليست لديك صلاحية للقيام بهذا الإجراء" },
  { "own-comment", 403, "You cannot publish your own comment; another moderator reviews it",
    "لا يمكنك نشر تعليقك بنفسك، بل يراجعه مشرف آخر" },
  { "results-hidden", 403, "The results are shown after you vote or after the poll closes",
    "تظهر النتائج بعد التصويت أو بعد إغلاق الاستطلاع" },
  { "not-found", 404, "The requested item was not found", "لم يُعثر على العنصر المطلوب" },
  { "method-not-allowed", 405, "This method is not allowed here",
    "هذه الطريقة غير مسموح بها هنا" },
  { "topic-not-open", 409, "This topic is not open for participation",
    "هذا الموضوع غير مفتوح للمشاركة" },
  { "already-responded", 409, "You have already answered this survey",
    "لقد أجبت عن هذا الاستبيان من قبل" },
  { "already-flagged", 409, "You have already reported this comment",
    "لقد أبلغت عن هذا التعليق من قبل" },
  { "username-taken", 409, "This username is already taken",
    "اسم المستخدم هذا مستخدَم من قبل" },
  { "invalid-transition", 409, "The request cannot move to this status",
    "لا يمكن نقل الطلب إلى هذه الحالة" },
  { "conflict", 409, "The request conflicts with the current state",
    "يتعارض الطلب مع الحالة الحالية" },
  { "payload-too-large", 413, "The request body is larger than 64 KiB",
    "حجم نص الطلب أكبر من 64 كيلوبايت" },
  { "unsupported-media-type", 415, "The request body must be JSON",
    "يجب أن يكون نص الطلب بصيغة JSON" },
  { "validation-failed", 422, "Some of the information needs correcting",
    "بعض البيانات المدخلة تحتاج إلى تصحيح" },
  { "idempotency-key-reused", 422,
    "This Idempotency-Key was already used with a different request",
    "استُخدم مفتاح Idempotency-Key هذا من قبل مع طلب مختلف" },
  { "unknown-assisted-session", 422, "This assisted session is not known on this portal",
    "جلسة المساعدة هذه غير معروفة في هذه البوابة" },
  { "rate-limited", 429, "Too many requests; please try again shortly",
    "عدد الطلبات كبير جدًا، يُرجى المحاولة بعد قليل" },
  { "sign-in-backoff", 429,
    "Too many unsuccessful sign-ins to this account; please wait a little and try again",
    "تكررت محاولات الدخول غير الناجحة إلى هذا الحساب، يُرجى الانتظار قليلًا ثم المحاولة مجددًا" },
  { "internal", 500, "Something went wrong on the server",
    "حدث خطأ في الخادم" },
};

typedef struct
{
  const char *code;
  const char *en;
  const char *ar;
} MskText;

/* Per-field messages; "{n}" is replaced by a number. */
static const MskText field_messages[] = {
  { "required", "This is required", "هذا الحقل مطلوب" },
  { "wrong-type", "This has the wrong type", "نوع هذه القيمة غير صحيح" },
  { "unknown-field", "This field is not known", "هذا الحقل غير معروف" },
  { "too-long", "This is longer than {n} characters", "هذا النص أطول من {n} حرفًا" },
  { "too-short", "This is shorter than {n} characters", "هذا النص أقصر من {n} أحرف" },
  { "out-of-range", "This value is outside the allowed range",
    "هذه القيمة خارج النطاق المسموح به" },
  { "invalid-option", "This choice is not one of the offered options",
    "هذا الاختيار ليس من الخيارات المتاحة" },
  { "too-many", "Choose at most {n}", "اختر {n} على الأكثر" },
  { "duplicate", "The same choice appears more than once", "تكرر الاختيار نفسه أكثر من مرة" },
  { "invalid-value", "This value is not valid", "هذه القيمة غير صالحة" },
  { "invalid-utf8", "This text is not valid UTF-8", "هذا النص ليس بترميز UTF-8 صحيح" },
  { "blank", "This must not be blank", "لا يجوز أن يكون هذا الحقل فارغًا" },
  { "control-characters", "This contains invisible or text-direction control characters",
    "يحتوي هذا النص على محارف خفية أو محارف تتحكم في اتجاه الكتابة" },
  { "reserved-name", "This name reads the same as a moderator's or staff member's name",
    "هذا الاسم يُقرأ مطابقًا لاسم أحد المشرفين أو الموظفين" },
  { "common-password", "This password is too common; choose one that is harder to guess",
    "كلمة المرور هذه شائعة جدًا، فاختر كلمة يصعب تخمينها" },
  { "password-is-username", "The password must not be the same as the username",
    "يجب ألا تطابق كلمة المرور اسم المستخدم" },
};

/* Free-standing details and Open311 descriptions. */
static const MskText details[] = {
  { "body-not-object", "The body must be a JSON object", "يجب أن يكون نص الطلب كائن JSON" },
  { "reason-required", "A rejection needs a reason", "يحتاج الرفض إلى ذكر السبب" },
  { "parent-not-found", "The comment being replied to was not found on this topic",
    "لم يُعثر على التعليق المردود عليه في هذا الموضوع" },
  { "wrong-kind", "This topic is of another kind", "هذا الموضوع من نوع آخر" },
  { "assisted-session-not-yours",
    "Only the staff member who started this assisted session can end it",
    "لا يُنهي جلسة المساعدة إلا الموظف الذي بدأها" },
  { "limit", "limit must be a whole number from 1 to 50",
    "يجب أن تكون قيمة limit عددًا صحيحًا من 1 إلى 50" },
  { "o311-api-key-missing", "api_key was not provided -- can't proceed with create_request",
    "لم يُرسل مفتاح api_key، ولا يمكن إنشاء البلاغ" },
  { "o311-api-key-invalid", "Invalid api_key received -- can't proceed with create_request",
    "مفتاح api_key غير صالح، ولا يمكن إنشاء البلاغ" },
  { "o311-service-code-missing", "service_code was not provided",
    "لم يُرسل رمز الخدمة service_code" },
  { "o311-service-not-found", "service_code was not found", "لم يُعثر على رمز الخدمة" },
  { "o311-jurisdiction-not-found", "jurisdiction_id was not found",
    "لم يُعثر على الجهة jurisdiction_id" },
  { "o311-jurisdiction-missing", "jurisdiction_id was not provided",
    "لم يُرسل معرّف الجهة jurisdiction_id" },
  { "o311-request-not-found", "service_request_id was not found",
    "لم يُعثر على رقم البلاغ" },
  { "o311-location-missing", "A location is required: lat and long, address_string or address_id",
    "الموقع مطلوب: خط العرض وخط الطول، أو العنوان، أو رقم العنوان" },
  { "o311-bad-latlong", "lat and long must be numbers within range, sent together",
    "يجب إرسال خط العرض وخط الطول معًا رقمين ضمن النطاق" },
  { "o311-too-long", "{field} is longer than {n} characters",
    "الحقل {field} أطول من {n} حرفًا" },
  { "o311-attribute-required", "{field} is required", "الحقل {field} مطلوب" },
  { "o311-attribute-invalid", "{field} has a value that is not valid",
    "قيمة الحقل {field} غير صالحة" },
  { "o311-attribute-unknown", "{field} is not an attribute of this service",
    "الحقل {field} ليس من سمات هذه الخدمة" },
  { "o311-bad-date", "start_date and end_date must be w3 datetimes, e.g. 2010-01-01T00:00:00Z",
    "يجب أن يكون start_date وend_date تاريخًا بصيغة w3 مثل 2010-01-01T00:00:00Z" },
  { "o311-range-too-long", "The date range may not span more than 90 days",
    "لا يجوز أن يتجاوز نطاق التاريخ 90 يومًا" },
  { "o311-bad-status", "status must be open or closed",
    "يجب أن تكون الحالة open أو closed" },
  { "o311-form", "The body must be application/x-www-form-urlencoded",
    "يجب أن يكون نص الطلب بصيغة application/x-www-form-urlencoded" },
  { "o311-appeal-original-invalid",
    "attribute[original_request] must be the service_request_id of an information request",
    "يجب أن تكون السمة attribute[original_request] رقم بلاغ لطلب معلومات" },
  { "o311-appeal-not-allowed",
    "An appeal is possible only when the information request is late or was refused",
    "لا يُقبل التظلّم إلا إذا تأخر الرد على طلب المعلومات أو رُفض" },
  { "o311-appeal-not-requester",
    "Only the person who made the information request can appeal it",
    "لا يحق التظلّم إلا لمن قدّم طلب المعلومات" },
  { "o311-not-found", "The URL request is invalid", "عنوان الطلب غير صالح" },
  { "o311-method", "The method {field} is not allowed on this resource",
    "الطريقة {field} غير مسموح بها على هذا المورد" },
  { "o311-idempotency", "This Idempotency-Key was already used with a different request",
    "استُخدم مفتاح Idempotency-Key هذا من قبل مع طلب مختلف" },
  { "o311-bad-id", "service_request_id is not valid", "رقم البلاغ غير صالح" },
};

const MskProblemKind *
msk_server_problem_lookup (const char *code)
{
  for (gsize i = 0; i < G_N_ELEMENTS (problems); i++)
    if (g_str_equal (problems[i].code, code))
      return &problems[i];
  g_return_val_if_reached (&problems[0]);
}

const char *
msk_server_problem_title (const char *code,
                          const char *lang)
{
  const MskProblemKind *kind = msk_server_problem_lookup (code);

  return g_str_equal (lang, "ar") ? kind->ar : kind->en;
}

char *
msk_server_field_message (const char *code,
                          const char *lang,
                          gint64      n)
{
  for (gsize i = 0; i < G_N_ELEMENTS (field_messages); i++)
    {
      if (g_str_equal (field_messages[i].code, code))
        {
          const char *text = g_str_equal (lang, "ar") ? field_messages[i].ar
                                                      : field_messages[i].en;
          g_autoptr(GString) s = g_string_new (text);
          g_autofree char *num = g_strdup_printf ("%" G_GINT64_FORMAT, n);

          g_string_replace (s, "{n}", num, 0);
          return g_string_free (g_steal_pointer (&s), FALSE);
        }
    }
  g_return_val_if_reached (g_strdup (code));
}

const char *
msk_server_detail (const char *key,
                   const char *lang)
{
  for (gsize i = 0; i < G_N_ELEMENTS (details); i++)
    if (g_str_equal (details[i].code, key))
      return g_str_equal (lang, "ar") ? details[i].ar : details[i].en;
  g_return_val_if_reached (key);
}

/* Returns "ar" or "en": the first of them in quality order, Arabic when the
 * header names neither. */
const char *
msk_server_pick_language (const char *accept_language)
{
  GSList *list;
  const char *lang = "ar";

  if (accept_language == NULL || *accept_language == '\0')
    return lang;

  list = soup_header_parse_quality_list (accept_language, NULL);
  for (GSList *l = list; l != NULL; l = l->next)
    {
      const char *tag = l->data;

      if (g_ascii_strncasecmp (tag, "ar", 2) == 0 && (tag[2] == '\0' || tag[2] == '-'))
        {
          lang = "ar";
          break;
        }
      if (g_ascii_strncasecmp (tag, "en", 2) == 0 && (tag[2] == '\0' || tag[2] == '-'))
        {
          lang = "en";
          break;
        }
    }
  soup_header_free_list (list);
  return lang;
}

/* The plain-text form of the small HTML subset topics use: tags dropped,
 * paragraphs and list items on lines of their own, entities decoded. */
char *
msk_server_strip_markup (const char *markup)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *p = markup;

  while (*p != '\0')
    {
      if (*p == '<')
        {
          const char *end = strchr (p, '>');
          g_autofree char *tag = NULL;

          if (end == NULL)
            break;
          tag = g_ascii_strdown (p + 1, end - p - 1);
          if (g_str_has_prefix (tag, "/p") || g_str_has_prefix (tag, "br") ||
              g_str_has_prefix (tag, "/li") || g_str_has_prefix (tag, "/ul") ||
              g_str_has_prefix (tag, "/ol"))
            {
              if (out->len > 0 && out->str[out->len - 1] != '\n')
                g_string_append_c (out, '\n');
            }
          else if (g_str_has_prefix (tag, "li"))
            g_string_append (out, "• ");
          p = end + 1;
        }
      else if (*p == '&')
        {
          static const struct { const char *name; const char *text; } entities[] = {
            { "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" },
            { "&quot;", "\"" }, { "&#39;", "'" }, { "&nbsp;", " " },
          };
          gboolean done = FALSE;

          for (gsize i = 0; i < G_N_ELEMENTS (entities); i++)
            if (g_str_has_prefix (p, entities[i].name))
              {
                g_string_append (out, entities[i].text);
                p += strlen (entities[i].name);
                done = TRUE;
                break;
              }
          if (!done)
            g_string_append_c (out, *p++);
        }
      else
        g_string_append_c (out, *p++);
    }

  while (out->len > 0 && (out->str[out->len - 1] == '\n' || out->str[out->len - 1] == ' '))
    g_string_truncate (out, out->len - 1);
  return g_string_free (g_steal_pointer (&out), FALSE);
}
