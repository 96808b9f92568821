/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "msk-guidelines.h"
#include "msk-store.h"

typedef struct
{
  const char       *text;
  int               kind;    /* MskGuidelineKind, or -1 for no finding */
  const char       *found;   /* the text of the finding, when checked */
} Case;

static const Case cases[] = {
  /* Phones: Saudi mobiles and land lines, national and international forms */
  { "اتصلوا بي على 0501234567 من فضلكم", MSK_GUIDELINE_PHONE, "0501234567" },
  { "رقمي ٠٥٠١٢٣٤٥٦٧ للتواصل", MSK_GUIDELINE_PHONE, "٠٥٠١٢٣٤٥٦٧" },
  { "جوالي ۰۵۵۱۲۳۴۵۶۷", MSK_GUIDELINE_PHONE, "۰۵۵۱۲۳۴۵۶۷" },
  { "Call me on +966 50 123 4567 please", MSK_GUIDELINE_PHONE, "+966 50 123 4567" },
  { "هاتف +٩٦٦٥٠١٢٣٤٥٦٧", MSK_GUIDELINE_PHONE, "+٩٦٦٥٠١٢٣٤٥٦٧" },
  { "phone 00966501234567", MSK_GUIDELINE_PHONE, "00966501234567" },
  { "office 011 234 5678", MSK_GUIDELINE_PHONE, "011 234 5678" },
  { "mobile 050-123-4567", MSK_GUIDELINE_PHONE, "050-123-4567" },
  /* Gulf */
  { "UAE: +971 50 123 4567", MSK_GUIDELINE_PHONE, "+971 50 123 4567" },
  { "Kuwait +965 9999 1234", MSK_GUIDELINE_PHONE, "+965 9999 1234" },
  { "قطر +974 3312 3456", MSK_GUIDELINE_PHONE, "+974 3312 3456" },
  { "البحرين +973 3600 1234", MSK_GUIDELINE_PHONE, "+973 3600 1234" },
  { "عمان +968 9123 4567", MSK_GUIDELINE_PHONE, "+968 9123 4567" },
  /* E-mail */
  { "راسلني على ahmed.ali@example.sa شكرا", MSK_GUIDELINE_EMAIL, "ahmed.ali@example.sa" },
  { "write to Sara_99+x@mail.gov.sa.", MSK_GUIDELINE_EMAIL, "Sara_99+x@mail.gov.sa" },
  /* National ID and Iqama */
  { "هويتي الوطنية 1012345678", MSK_GUIDELINE_NATIONAL_ID, "1012345678" },
  { "رقم الهوية ١٠١٢٣٤٥٦٧٨", MSK_GUIDELINE_NATIONAL_ID, "١٠١٢٣٤٥٦٧٨" },
  { "my iqama is 2123456789", MSK_GUIDELINE_IQAMA, "2123456789" },
  { "الإقامة ٢١٢٣٤٥٦٧٨٩", MSK_GUIDELINE_IQAMA, "٢١٢٣٤٥٦٧٨٩" },
  /* IBANs, with their check digits */
  { "حسابي SA03 8000 0000 6080 1016 7519", MSK_GUIDELINE_IBAN, "SA03 8000 0000 6080 1016 7519" },
  { "IBAN SA0380000000608010167519", MSK_GUIDELINE_IBAN, "SA0380000000608010167519" },
  { "آيبان SA٠٣٨٠٠٠٠٠٠٠٦٠٨٠١٠١٦٧٥١٩", MSK_GUIDELINE_IBAN, "SA٠٣٨٠٠٠٠٠٠٠٦٠٨٠١٠١٦٧٥١٩" },
  { "UAE account AE07 0331 2345 6789 0123 456", MSK_GUIDELINE_IBAN,
    "AE07 0331 2345 6789 0123 456" },
  { "BH67 BMAG 0000 1299 1234 56 is mine", MSK_GUIDELINE_IBAN, "BH67 BMAG 0000 1299 1234 56" },
  /* Addresses: where someone lives or gets mail */
  { "عنواني حي النرجس شارع 12 الرياض", MSK_GUIDELINE_ADDRESS, "عنواني حي النرجس شارع 12" },
  { "أسكن في شارع الأمير سلطان رقم 45 قرب المدرسة", MSK_GUIDELINE_ADDRESS,
    "شارع الأمير سلطان رقم 45" },
  { "المخالفة أمام فيلا ٢٧ منذ أسبوع", MSK_GUIDELINE_ADDRESS, "فيلا ٢٧" },
  { "راسلوني على ص.ب 11564", MSK_GUIDELINE_ADDRESS, "ص.ب 11564" },
  { "عنواني الوطني المختصر RRRD2929", MSK_GUIDELINE_ADDRESS, "RRRD2929" },
  { "I live at 12 King Fahd Road, Riyadh", MSK_GUIDELINE_ADDRESS, "I live at 12" },
  { "The noise comes from 45 Olaya Street every night", MSK_GUIDELINE_ADDRESS,
    "45 Olaya Street" },
  { "Send it to P.O. Box 2211", MSK_GUIDELINE_ADDRESS, "P.O. Box 2211" },
  /* Texts that follow the guidelines */
  { "شارع رقم 15 يحتاج إلى إنارة", -1, NULL },
  { "أسكن في الرياض منذ 20 عامًا", -1, NULL },
  { "The 3 main streets need trees", -1, NULL },
  { "الطريق رقم 15 يحتاج إلى صيانة منذ عام 2023", -1, NULL },
  { "أقترح زيادة عدد الحدائق في الحي", -1, NULL },
  { "I counted 1500 cars on 2024-05-12 between 7 and 9.", -1, NULL },
  { "The budget of 250,000 riyals is too small.", -1, NULL },
  { "اتصلت بالرقم الموحد 940 ولم يرد أحد", -1, NULL },
  { "Invalid IBAN SA03 8000 0000 6080 1016 7518 is not flagged", -1, NULL },
  { "Meeting room 101, floor 3", -1, NULL },
  { "الميزانية ٢٥٠٠٠٠ ريال", -1, NULL },
  { "", -1, NULL },
};

static void
test_table (void)
{
  g_autoptr(MskGuidelines) guidelines = msk_guidelines_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) findings = msk_guidelines_check (guidelines, cases[i].text, NULL, NULL);

      g_test_message ("case %u: %s", i, cases[i].text);
      if (cases[i].kind < 0)
        {
          g_assert_cmpuint (findings->len, ==, 0);
          continue;
        }

      g_assert_cmpuint (findings->len, ==, 1);
      {
        MskGuidelineFinding *f = g_ptr_array_index (findings, 0);
        const char *start = g_utf8_offset_to_pointer (cases[i].text, f->start);
        const char *end = g_utf8_offset_to_pointer (cases[i].text, f->end);
        g_autofree char *found = g_strndup (start, end - start);

        g_assert_cmpint (f->kind, ==, cases[i].kind);
        g_assert_cmpstr (found, ==, cases[i].found);
        g_assert_nonnull (f->explanation);
        g_assert_cmpstr (f->explanation, !=, "");
      }
    }
}

static void
test_several (void)
{
  g_autoptr(MskGuidelines) guidelines = msk_guidelines_new (NULL);
  const char *text = "اسمي أحمد، جوالي 0551234567 وبريدي a@b.sa وهويتي 1098765432";
  g_autoptr(GPtrArray) findings = msk_guidelines_check (guidelines, text, NULL, NULL);
  MskGuidelineFinding *f;

  g_assert_cmpuint (findings->len, ==, 3);
  f = g_ptr_array_index (findings, 0);
  g_assert_cmpint (f->kind, ==, MSK_GUIDELINE_PHONE);
  /* "اسمي أحمد، جوالي " is 17 characters */
  g_assert_cmpuint (f->start, ==, 17);
  g_assert_cmpuint (f->end, ==, 27);
  f = g_ptr_array_index (findings, 1);
  g_assert_cmpint (f->kind, ==, MSK_GUIDELINE_EMAIL);
  f = g_ptr_array_index (findings, 2);
  g_assert_cmpint (f->kind, ==, MSK_GUIDELINE_NATIONAL_ID);
}

static void
test_length (void)
{
  g_autoptr(MskGuidelines) guidelines = msk_guidelines_new (NULL);
  g_autoptr(GPtrArray) findings = NULL;
  MskGuidelineFinding *f;

  /* no limits set: nothing said of the length */
  findings = msk_guidelines_check (guidelines, "نعم", NULL, NULL);
  g_assert_cmpuint (findings->len, ==, 0);
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* spaces around the text do not count toward the fewest */
  findings = msk_guidelines_check_length (guidelines, "   شكرًا   ", NULL, NULL, 10, 20);
  g_assert_cmpuint (findings->len, ==, 1);
  f = g_ptr_array_index (findings, 0);
  g_assert_cmpint (f->kind, ==, MSK_GUIDELINE_TOO_SHORT);
  g_assert_cmpuint (f->start, ==, 0);
  g_assert_cmpuint (f->end, ==, 11);
  g_assert_nonnull (strstr (f->explanation, "10"));
  g_clear_pointer (&findings, g_ptr_array_unref);

  findings = msk_guidelines_check_length (guidelines, "نحتاج حديقة في الحي", NULL, NULL, 10, 20);
  g_assert_cmpuint (findings->len, ==, 0);
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* 25 characters: the five past the limit are the finding */
  findings = msk_guidelines_check_length (guidelines, "نحتاج حديقة كبيرة في الحي", NULL, NULL, 10, 20);
  g_assert_cmpuint (findings->len, ==, 1);
  f = g_ptr_array_index (findings, 0);
  g_assert_cmpint (f->kind, ==, MSK_GUIDELINE_TOO_LONG);
  g_assert_cmpuint (f->start, ==, 20);
  g_assert_cmpuint (f->end, ==, 25);
  g_assert_nonnull (strstr (f->explanation, "5"));
  g_assert_nonnull (strstr (f->explanation, "20"));
}

static void
test_repeated (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MskStore) store = msk_store_new_in_memory (&error);
  g_autoptr(MskGuidelines) guidelines = NULL;
  g_autoptr(MskOutboxItem) item = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  const char *portal = "https://portal.example.sa";

  g_assert_no_error (error);
  guidelines = msk_guidelines_new (store);

  findings = msk_guidelines_check (guidelines, "نحتاج حديقة في الحي", portal, "7");
  g_assert_cmpuint (findings->len, ==, 0);
  g_clear_pointer (&findings, g_ptr_array_unref);

  item = msk_outbox_item_new (MSK_OUTBOX_KIND_COMMENT, portal, "POST",
                              "https://portal.example.sa/v1/topics/7/comments",
                              "application/json", NULL);
  msk_outbox_item_set_topic (item, "7", NULL, "نحتاج حديقة في الحي");
  g_assert_true (msk_store_outbox_insert (store, item, &error));
  g_assert_no_error (error);

  /* The same text, with other spacing and punctuation. */
  findings = msk_guidelines_check (guidelines, "  نحتاج   حديقة في الحي!", portal, "7");
  g_assert_cmpuint (findings->len, ==, 1);
  g_assert_cmpint (((MskGuidelineFinding *) g_ptr_array_index (findings, 0))->kind, ==,
                   MSK_GUIDELINE_REPEATED);
  g_assert_cmpuint (((MskGuidelineFinding *) g_ptr_array_index (findings, 0))->end, ==,
                    g_utf8_strlen ("  نحتاج   حديقة في الحي!", -1));
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* Another topic is fine; English is compared without case. */
  findings = msk_guidelines_check (guidelines, "نحتاج حديقة في الحي", portal, "8");
  g_assert_cmpuint (findings->len, ==, 0);
  g_clear_pointer (&findings, g_ptr_array_unref);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/guidelines/table", test_table);
  g_test_add_func ("/core/guidelines/several", test_several);
  g_test_add_func ("/core/guidelines/length", test_length);
  g_test_add_func ("/core/guidelines/repeated", test_repeated);

  return g_test_run ();
}
