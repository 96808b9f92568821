/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Open311 GeoReport v2 conformance: every route in XML and in JSON, the XML
 * checked against the structure of the specification's examples (the RELAX
 * NG schemas in tests/server/open311) and compared field by field with the
 * JSON of the same request; the specification's errors in both formats, its
 * status codes, jurisdiction_id and the coordinates' precision.
 */
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <sqlite3.h>
#include <string.h>

#include "msk-test-server.h"

#define ALWAHA "jurisdiction_id=alwaha.example"
#define MOCD "jurisdiction_id=mocd.example"
#define XML_DECLARATION "<?xml version=\"1.0\" encoding=\"utf-8\"?>"

static MskTestServer *srv;

/* ---- XML replies ------------------------------------------------------------ */

typedef struct
{
  MskTestReply *reply;
  xmlDoc *doc;
} XmlReply;

static void
xml_reply_free (XmlReply *x)
{
  g_clear_pointer (&x->doc, xmlFreeDoc);
  g_clear_pointer (&x->reply, msk_test_reply_free);
  g_free (x);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XmlReply, xml_reply_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

static void
schema_error_cb (void     *user_data,
                 xmlError *error)
{
  GString *errors = user_data;

  g_string_append_printf (errors, "line %d: %s", error->line, error->message);
}

/* Validates @doc against tests/server/open311/@schema.rng. */
static void
assert_schema (xmlDoc     *doc,
               const char *schema)
{
  g_autofree char *file = g_strconcat (schema, ".rng", NULL);
  g_autofree char *path = g_build_filename (MSK_OPEN311_SCHEMAS, file, NULL);
  xmlRelaxNGParserCtxt *pctx = xmlRelaxNGNewParserCtxt (path);
  xmlRelaxNG *rng = xmlRelaxNGParse (pctx);
  xmlRelaxNGValidCtxt *vctx;
  g_autoptr(GString) errors = g_string_new (NULL);
  int rc;

  g_assert_nonnull (rng);
  vctx = xmlRelaxNGNewValidCtxt (rng);
  xmlRelaxNGSetValidStructuredErrors (vctx, (xmlStructuredErrorFunc) schema_error_cb, errors);
  rc = xmlRelaxNGValidateDoc (vctx, doc);
  if (rc != 0)
    g_test_message ("not a valid %s: %s", schema, errors->str);
  g_assert_cmpint (rc, ==, 0);
  xmlRelaxNGFreeValidCtxt (vctx);
  xmlRelaxNGFree (rng);
  xmlRelaxNGFreeParserCtxt (pctx);
}

/* The checks every XML reply passes: the content type, the declaration,
 * well-formed UTF-8. */
static xmlDoc *
parse_xml (MskTestReply *reply)
{
  const char *ctype = msk_test_header (reply, "Content-Type");
  xmlDoc *doc;

  if (ctype == NULL || !g_str_equal (ctype, "text/xml; charset=utf-8"))
    g_test_message ("reply %u of type %s: %s", reply->status, ctype, reply->text);
  g_assert_cmpstr (ctype, ==, "text/xml; charset=utf-8");
  g_assert_true (g_str_has_prefix (reply->text, XML_DECLARATION "\n"));
  g_assert_true (g_utf8_validate (reply->text, -1, NULL));
  doc = xmlReadMemory (reply->text, strlen (reply->text), "reply.xml", NULL,
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  g_assert_nonnull (doc);
  g_assert_cmpstr ((const char *) doc->encoding, ==, "utf-8");
  return doc;
}

static XmlReply *
xml_request (const char *method,
             const char *path,
             const char *form,
             const char *accept)
{
  XmlReply *x = g_new0 (XmlReply, 1);

  x->reply = msk_test_request (srv, method, path, NULL,
                               form != NULL ? "application/x-www-form-urlencoded" : NULL,
                               form, -1, "Accept-Language", "en",
                               accept != NULL ? "Accept" : NULL, accept, NULL);
  x->doc = parse_xml (x->reply);
  return x;
}

static xmlNode *
first_element (xmlNode *node)
{
  for (; node != NULL; node = node->next)
    if (node->type == XML_ELEMENT_NODE)
      return node;
  return NULL;
}

static xmlNode *
next_element (xmlNode *node)
{
  return node != NULL ? first_element (node->next) : NULL;
}

/* @node, which a reply must have */
static xmlNode *
must (xmlNode *node)
{
  if (node == NULL)
    g_error ("an element is missing from the reply");
  return node;
}

static guint
n_elements (xmlNode *parent)
{
  guint n = 0;

  must (parent);

  for (xmlNode *c = first_element (parent->children); c != NULL; c = next_element (c))
    n++;
  return n;
}

/* The first element named @name under @parent, which must be there. */
static xmlNode *
child (xmlNode    *parent,
       const char *name)
{
  for (xmlNode *c = first_element (must (parent)->children); c != NULL; c = next_element (c))
    if (g_str_equal ((const char *) c->name, name))
      return c;
  g_error ("no <%s> in <%s>", name, parent->name);
}

/* The first element under @parent, which must be there. */
static xmlNode *
item (xmlNode *parent)
{
  return must (first_element (must (parent)->children));
}

static char *
child_text (xmlNode    *parent,
            const char *name)
{
  xmlChar *content = xmlNodeGetContent (child (parent, name));
  char *text = g_strdup ((const char *) content);

  xmlFree (content);
  return text;
}

static xmlNode *
root (XmlReply *x)
{
  return must (xmlDocGetRootElement (x->doc));
}

/* ---- the same values in both formats ----------------------------------------------- */

/* @text as XML 1.0 can carry it: the characters it has no place for (most
 * control characters) replaced by U+FFFD. */
static char *
xml_text (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
        c = 0xFFFD;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* The Spark convention that the specification's JSON follows: an array is an
 * element holding one element per item, an object an element holding one
 * element per member in the same order, a null an empty element, a scalar
 * the element's text. */
static void
assert_same (JsonNode   *json,
             xmlNode    *xml,
             const char *where)
{
  g_autofree char *here = g_strconcat (where, "/", (const char *) xml->name, NULL);

  switch (JSON_NODE_TYPE (json))
    {
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (json);
        xmlNode *c = first_element (xml->children);

        for (guint i = 0; i < json_array_get_length (array); i++, c = next_element (c))
          {
            if (c == NULL)
              g_test_message ("%s: %u items in JSON, %u in XML", here,
                              json_array_get_length (array), n_elements (xml));
            g_assert_nonnull (c);
            assert_same (json_array_get_element (array, i), c, here);
          }
        g_assert_null (c);
      }
      break;

    case JSON_NODE_OBJECT:
      {
        g_autoptr(GList) members = json_object_get_members (json_node_get_object (json));
        xmlNode *c = first_element (xml->children);

        for (GList *l = members; l != NULL; l = l->next, c = next_element (c))
          {
            if (c == NULL || !g_str_equal ((const char *) c->name, l->data))
              g_test_message ("%s: JSON member %s, XML element %s", here, (char *) l->data,
                              c != NULL ? (const char *) c->name : "(none)");
            g_assert_nonnull (c);
            g_assert_cmpstr ((const char *) c->name, ==, l->data);
            assert_same (json_object_get_member (json_node_get_object (json), l->data), c,
                         here);
          }
        if (c != NULL)
          g_test_message ("%s: XML element %s is not in the JSON", here, c->name);
        g_assert_null (c);
      }
      break;

    case JSON_NODE_NULL:
      g_assert_null (first_element (xml->children));
      g_assert_null (xml->children);
      break;

    case JSON_NODE_VALUE:
      {
        xmlChar *content = xmlNodeGetContent (xml);
        const char *text = (const char *) content;
        g_autofree char *expected = NULL;

        g_assert_null (first_element (xml->children));
        switch (json_node_get_value_type (json))
          {
          case G_TYPE_STRING:
            expected = xml_text (json_node_get_string (json));
            break;
          case G_TYPE_BOOLEAN:
            expected = g_strdup (json_node_get_boolean (json) ? "true" : "false");
            break;
          case G_TYPE_INT64:
            expected = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (json));
            break;
          case G_TYPE_DOUBLE:
            g_assert_cmpfloat (g_ascii_strtod (text, NULL), ==, json_node_get_double (json));
            expected = g_strdup (text);
            break;
          default:
            g_assert_not_reached ();
          }
        if (g_strcmp0 (text, expected) != 0)
          g_test_message ("%s: JSON %s, XML %s", here, expected, text);
        g_assert_cmpstr (text, ==, expected);
        xmlFree (content);
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

/* Coordinates are written with seven decimals at most, as plain decimals. */
static void
assert_coordinates (const char *text,
                    gboolean    xml)
{
  g_autoptr(GRegex) re = g_regex_new (xml ? "<(lat|long)>([^<]*)</" : "\"(lat|long)\":([^,}]*)",
                                      0, 0, NULL);
  g_autoptr(GRegex) number = g_regex_new ("^-?[0-9]{1,3}(\\.[0-9]{1,7})?$", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  g_regex_match (re, text, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *value = g_match_info_fetch (match, 2);

      if (!g_str_equal (value, xml ? "" : "null") && !g_regex_match (number, value, 0, NULL))
        g_test_message ("a coordinate written as %s", value);
      g_assert_true (g_str_equal (value, xml ? "" : "null") ||
                     g_regex_match (number, value, 0, NULL));
      g_match_info_next (match, NULL);
    }
}

/* Asks @path (no extension) + ".json" and + ".xml", with @query, for the
 * same thing; checks the XML against @schema and that both carry the same
 * values. Returns the XML reply; the JSON one in @json_out. */
static XmlReply *
get_both (const char    *path,
          const char    *query,
          const char    *schema,
          guint          status,
          MskTestReply **json_out)
{
  g_autofree char *json_path = g_strconcat (path, ".json", query != NULL ? "?" : "", query, NULL);
  g_autofree char *xml_path = g_strconcat (path, ".xml", query != NULL ? "?" : "", query, NULL);
  g_autoptr(MskTestReply) json = msk_test_request (srv, "GET", json_path, NULL, NULL, NULL, 0,
                                                   "Accept-Language", "en", NULL);
  XmlReply *x = xml_request ("GET", xml_path, NULL, NULL);

  if (json->status != status)
    g_test_message ("%s: %u %s", json_path, json->status, json->text);
  g_assert_cmpuint (json->status, ==, status);
  g_assert_cmpuint (x->reply->status, ==, status);
  g_assert_cmpstr (msk_test_header (json, "Content-Type"), ==, "application/json; charset=utf-8");
  assert_schema (x->doc, schema);
  assert_same (json->json, root (x), "");
  assert_coordinates (json->text, FALSE);
  assert_coordinates (x->reply->text, TRUE);
  if (json_out != NULL)
    *json_out = g_steal_pointer (&json);
  return x;
}

/* ---- routes -------------------------------------------------------------------- */

static void
test_discovery (void)
{
  g_autoptr(MskTestReply) json = NULL;
  g_autoptr(XmlReply) x = get_both ("/open311/v2/discovery", NULL, "discovery", 200, &json);
  xmlNode *endpoint = item (child (root (x), "endpoints"));
  g_autofree char *spec = child_text (endpoint, "specification");
  g_autofree char *url = child_text (endpoint, "url");
  JsonArray *formats;

  g_assert_cmpstr (spec, ==, "http://wiki.open311.org/GeoReport_v2");
  g_assert_true (g_str_has_suffix (url, "/open311/v2"));
  /* both formats are offered */
  formats = json_object_get_array_member (
    json_array_get_object_element (json_object_get_array_member (msk_test_object (json),
                                                                 "endpoints"), 0),
    "formats");
  g_assert_cmpuint (json_array_get_length (formats), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (formats, 0), ==, "text/xml");
  g_assert_cmpstr (json_array_get_string_element (formats, 1), ==, "application/json");
}

static void
test_services (void)
{
  g_autoptr(XmlReply) x = get_both ("/open311/v2/services", ALWAHA, "services", 200, NULL);
  g_autoptr(XmlReply) mocd = get_both ("/open311/v2/services", MOCD, "services", 200, NULL);
  xmlNode *service = item (root (x));
  g_autofree char *code = child_text (service, "service_code");
  g_autofree char *name = child_text (service, "service_name");
  g_autofree char *metadata = child_text (service, "metadata");

  g_assert_cmpstr ((const char *) root (x)->name, ==, "services");
  g_assert_cmpuint (n_elements (root (x)), >=, 5);
  g_assert_cmpstr (code, ==, "street_lighting");
  g_assert_cmpstr (name, ==, "Street lighting");
  g_assert_cmpstr (metadata, ==, "true");
  g_assert_cmpuint (n_elements (root (mocd)), ==, 2);
}

static void
test_service_definition (void)
{
  g_autoptr(XmlReply) x = get_both ("/open311/v2/services/cleanliness", ALWAHA,
                                    "service-definition", 200, NULL);
  g_autoptr(XmlReply) appeal = get_both ("/open311/v2/services/information_appeal", MOCD,
                                         "service-definition", 200, NULL);
  xmlNode *attribute = item (child (root (x), "attributes"));
  xmlNode *values = child (attribute, "values");
  g_autofree char *datatype_description = child_text (attribute, "datatype_description");
  g_autofree char *key = child_text (item (values), "key");

  g_assert_cmpstr ((const char *) attribute->name, ==, "attribute");
  g_assert_cmpstr (datatype_description, ==, "");
  g_assert_cmpuint (n_elements (values), ==, 4);
  g_assert_cmpstr (key, ==, "litter");
}

static char *
post_xml (const char *form,
          guint       status,
          XmlReply  **out)
{
  g_autoptr(XmlReply) x = xml_request ("POST", "/open311/v2/requests.xml", form, NULL);
  char *id = NULL;

  if (x->reply->status != status)
    g_test_message ("POST %s: %u %s", form, x->reply->status, x->reply->text);
  g_assert_cmpuint (x->reply->status, ==, status);
  if (status == 201)
    {
      assert_schema (x->doc, "request-created");
      id = child_text (item (root (x)), "service_request_id");
    }
  if (out != NULL)
    *out = g_steal_pointer (&x);
  return id;
}

static void
test_create_and_get (void)
{
  g_autoptr(XmlReply) created = NULL;
  g_autofree char *id = post_xml ("api_key=" DEMO_API_KEY "&" ALWAHA
                                  "&service_code=cleanliness&lat=25.28&long=55.37"
                                  "&address_string=Al+Khaleej+St"
                                  "&attribute%5Btype%5D%5B%5D=litter"
                                  "&description=Litter+%3Cby%3E+the+%26+park", 201, &created);
  g_autofree char *path = g_strconcat ("/open311/v2/requests/", id, NULL);
  g_autofree char *account = child_text (item (root (created)), "account_id");
  g_autoptr(XmlReply) fetched = get_both (path, ALWAHA, "service-requests", 200, NULL);
  g_autoptr(XmlReply) extended = get_both (path, ALWAHA "&extensions=true", "service-requests",
                                           200, NULL);
  xmlNode *request = item (root (fetched));
  g_autofree char *description = child_text (request, "description");
  g_autofree char *status = child_text (request, "status");
  g_autofree char *zipcode = child_text (request, "zipcode");

  g_assert_true (g_str_has_prefix (id, "MSK-"));
  g_assert_cmpstr (account, ==, "");
  g_assert_true (g_str_has_suffix (msk_test_header (created->reply, "Location"), ".xml"));
  g_assert_cmpuint (n_elements (root (fetched)), ==, 1);
  g_assert_cmpstr (description, ==, "Litter <by> the & park");
  g_assert_cmpstr (status, ==, "open");
  g_assert_cmpstr (zipcode, ==, "");
  /* the XML is written by a writer that escapes, not pasted */
  g_assert_nonnull (strstr (fetched->reply->text, "Litter &lt;by&gt; the &amp; park"));

  /* a control character, which XML 1.0 cannot carry, does not break it */
  {
    g_autofree char *bell = post_xml ("api_key=" DEMO_API_KEY "&" ALWAHA
                                      "&service_code=stray_animals&address_string=Souq"
                                      "&description=Ring%07the+bell", 201, NULL);
    g_autofree char *bell_path = g_strconcat ("/open311/v2/requests/", bell, ".xml?" ALWAHA,
                                              NULL);
    g_autoptr(XmlReply) x = xml_request ("GET", bell_path, NULL, NULL);
    g_autofree char *text = child_text (item (root (x)), "description");

    assert_schema (x->doc, "service-requests");
    g_assert_cmpstr (text, ==, "Ring\xef\xbf\xbdthe bell");
  }
}

static void
test_request_list (void)
{
  static const char * const queries[] = {
    ALWAHA,
    ALWAHA "&status=closed",
    ALWAHA "&status=open&extensions=true",
    ALWAHA "&service_code=potholes,parks",
    ALWAHA "&service_request_id=MSK-000001,MSK-000002",
    MOCD "&start_date=2026-01-01T00:00:00Z&end_date=2026-03-01T00:00:00Z",
  };

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(XmlReply) x = get_both ("/open311/v2/requests", queries[i], "service-requests",
                                        200, NULL);

      g_assert_cmpstr ((const char *) root (x)->name, ==, "service_requests");
      if (i == 0)
        g_assert_cmpuint (n_elements (root (x)), >=, 3);
      if (i == 4)
        g_assert_cmpuint (n_elements (root (x)), ==, 2);
    }
}

/* ---- format negotiation ------------------------------------------------------------ */

static void
assert_varies_by_accept (MskTestReply *reply)
{
  g_auto(GStrv) names = g_strsplit (msk_test_header (reply, "Vary"), ",", -1);
  gboolean found = FALSE;

  for (guint i = 0; names[i] != NULL; i++)
    found |= g_ascii_strcasecmp (g_strstrip (names[i]), "Accept") == 0;
  g_assert_true (found);
}

static void
test_negotiation (void)
{
  static const struct
  {
    const char *accept;
    gboolean xml;
  } cases[] = {
    { NULL, FALSE },
    { "*/*", FALSE },
    { "application/json", FALSE },
    { "text/xml", TRUE },
    { "application/xml", TRUE },
    { "application/json;q=0.5, text/xml", TRUE },
    { "text/xml;q=0.4, application/json;q=0.8", FALSE },
    { "text/xml;q=0, */*", FALSE },
  };
  static const char * const paths[] = {
    "/open311/v2/services?" ALWAHA,
    "/open311/v2/services/potholes?" ALWAHA,
    "/open311/v2/requests?" ALWAHA,
    "/open311/v2/requests/MSK-000001?" ALWAHA,
    "/open311/v2/requests/MSK-999999?" ALWAHA,
  };

  for (guint p = 0; p < G_N_ELEMENTS (paths); p++)
    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr(MskTestReply) reply = msk_test_request (srv, "GET", paths[p], NULL, NULL, NULL,
                                                          0, cases[i].accept != NULL
                                                          ? "Accept" : NULL,
                                                          cases[i].accept, NULL);
        const char *ctype = msk_test_header (reply, "Content-Type");

        g_test_message ("%s, Accept: %s: %u %s", paths[p], cases[i].accept, reply->status, ctype);
        g_assert_cmpuint (reply->status, ==, p == 4 ? 404 : 200);
        g_assert_cmpstr (ctype, ==, cases[i].xml ? "text/xml; charset=utf-8"
                                                 : "application/json; charset=utf-8");
        assert_varies_by_accept (reply);
      }

  /* an extension wins over Accept */
  {
    g_autoptr(MskTestReply) reply = msk_test_request (srv, "GET",
                                                      "/open311/v2/services.json?" ALWAHA, NULL,
                                                      NULL, NULL, 0, "Accept", "text/xml", NULL);

    g_assert_cmpstr (msk_test_header (reply, "Content-Type"), ==,
                     "application/json; charset=utf-8");
  }
}

/* ---- errors ---------------------------------------------------------------------- */

typedef struct
{
  const char *method;
  const char *path;   /* without the extension */
  const char *query;  /* (nullable) */
  const char *form;   /* (nullable) */
  guint status;
  const char *names;  /* what the English description names */
  const char *not_named;  /* (nullable): what it must not name */
} ErrorCase;

static const ErrorCase error_cases[] = {
  { "GET", "/open311/v2/services", NULL, NULL, 400, "jurisdiction_id was not provided", NULL },
  { "GET", "/open311/v2/services", "jurisdiction_id=x.example", NULL, 404, "jurisdiction_id",
    NULL },
  { "GET", "/open311/v2/services/potholes", NULL, NULL, 400, "jurisdiction_id was not provided",
    NULL },
  { "GET", "/open311/v2/services/unicorns", ALWAHA, NULL, 404, "service_code", NULL },
  { "GET", "/open311/v2/requests", NULL, NULL, 400, "jurisdiction_id was not provided", NULL },
  { "GET", "/open311/v2/requests/MSK-000001", NULL, NULL, 400,
    "jurisdiction_id was not provided", NULL },
  { "GET", "/open311/v2/requests/MSK-999999", ALWAHA, NULL, 404, "service_request_id", NULL },
  /* an information request of the ministry, asked of the municipality */
  { "GET", "/open311/v2/requests/MSK-000006", ALWAHA, NULL, 404, "service_request_id", NULL },
  { "GET", "/open311/v2/requests", ALWAHA "&start_date=yesterday", NULL, 400, "start_date",
    NULL },
  { "GET", "/open311/v2/requests", ALWAHA "&status=solved", NULL, 400, "status", NULL },
  { "GET", "/open311/v2/requests", ALWAHA "&service_request_id=ticket-1", NULL, 400,
    "service_request_id", NULL },
  { "POST", "/open311/v2/requests", NULL, ALWAHA "&service_code=potholes&lat=25&long=55", 403,
    "api_key", NULL },
  { "POST", "/open311/v2/requests", NULL,
    "api_key=wrong&" ALWAHA "&service_code=potholes&lat=25&long=55", 403, "api_key", NULL },
  { "POST", "/open311/v2/requests", NULL,
    "api_key=" DEMO_API_KEY "&service_code=potholes&lat=25&long=55&attribute%5Bsize%5D=small",
    400, "jurisdiction_id was not provided", NULL },
  { "POST", "/open311/v2/requests", NULL, "api_key=" DEMO_API_KEY "&" ALWAHA "&lat=25&long=55",
    400, "service_code", NULL },
  { "POST", "/open311/v2/requests", NULL,
    "api_key=" DEMO_API_KEY "&" ALWAHA "&service_code=dragons&lat=25&long=55", 404,
    "service_code", NULL },
  { "POST", "/open311/v2/requests", NULL,
    "api_key=" DEMO_API_KEY "&" ALWAHA "&service_code=potholes&attribute%5Bsize%5D=small", 400,
    "lat", NULL },
  { "POST", "/open311/v2/requests", NULL,
    "api_key=" DEMO_API_KEY "&" ALWAHA "&service_code=potholes&lat=95&long=55"
    "&attribute%5Bsize%5D=small", 400, "lat", NULL },
  { "POST", "/open311/v2/requests", NULL,
    "api_key=" DEMO_API_KEY "&" ALWAHA "&service_code=potholes&lat=25&long=55", 400,
    "attribute[size]", NULL },
  { "POST", "/open311/v2/requests", NULL,
    "api_key=" DEMO_API_KEY "&" ALWAHA "&service_code=potholes&lat=25&long=55"
    "&attribute%5Bsize%5D=gigantic", 400, "attribute[size]", NULL },
  { "POST", "/open311/v2/requests", NULL,
    "api_key=" DEMO_API_KEY "&" ALWAHA "&service_code=potholes&lat=25&long=55"
    "&attribute%5Bsize%5D=small&attribute%5Bcolour%5D=red", 400, "attribute[colour]", NULL },
  { "POST", "/open311/v2/requests", NULL,
    "api_key=" DEMO_API_KEY "&" ALWAHA "&service_code=potholes&lat=25&long=55"
    "&attribute%5Bsize%5D=small&phone=00000000000000000000000000000000000000000", 400, "phone",
    NULL },
  /* an appeal without a reason says so */
  { "POST", "/open311/v2/requests", NULL,
    "api_key=" DEMO_API_KEY "&" MOCD "&service_code=information_appeal"
    "&attribute%5Boriginal_request%5D=MSK-000006", 400, "attribute[reason]", "original_request" },
  { "POST", "/open311/v2/requests", NULL,
    "api_key=" DEMO_API_KEY "&" MOCD "&service_code=information_appeal"
    "&attribute%5Breason%5D=late", 400, "attribute[original_request]", NULL },
  { "POST", "/open311/v2/requests", NULL,
    "api_key=" DEMO_API_KEY "&" MOCD "&service_code=information_appeal"
    "&attribute%5Breason%5D=late&attribute%5Boriginal_request%5D=nonsense", 400,
    "attribute[original_request]", NULL },
  /* formerly 405: every other error is a 400, the cause in the description */
  { "DELETE", "/open311/v2/requests", ALWAHA, NULL, 400, "DELETE", NULL },
  { "PUT", "/open311/v2/services", ALWAHA, NULL, 400, "PUT", NULL },
};

static void
assert_error_pair (const ErrorCase *c,
                   MskTestReply    *json,
                   XmlReply        *x)
{
  JsonObject *error;
  xmlNode *xml_error;
  g_autofree char *code = NULL;
  g_autofree char *description = NULL;

  g_test_message ("%s %s?%s %s: %u %s", c->method, c->path, c->query, c->form, json->status,
                  json->text);
  g_assert_cmpuint (json->status, ==, c->status);
  g_assert_cmpuint (x->reply->status, ==, c->status);
  msk_test_assert_open311_error (json, c->status);
  assert_schema (x->doc, "errors");
  assert_same (json->json, root (x), "");
  error = json_array_get_object_element (msk_test_array (json), 0);
  xml_error = item (root (x));
  code = child_text (xml_error, "code");
  description = child_text (xml_error, "description");
  g_assert_cmpint (g_ascii_strtoll (code, NULL, 10), ==, c->status);
  g_assert_nonnull (strstr (json_object_get_string_member (error, "description"), c->names));
  g_assert_nonnull (strstr (description, c->names));
  if (c->not_named != NULL)
    g_assert_null (strstr (description, c->not_named));
}

static void
test_errors (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (error_cases); i++)
    {
      const ErrorCase *c = &error_cases[i];
      g_autofree char *json_path = g_strconcat (c->path, ".json", c->query != NULL ? "?" : "",
                                                c->query, NULL);
      g_autofree char *xml_path = g_strconcat (c->path, ".xml", c->query != NULL ? "?" : "",
                                               c->query, NULL);
      g_autoptr(MskTestReply) json = msk_test_request (srv, c->method, json_path, NULL,
                                                       c->form != NULL
                                                       ? "application/x-www-form-urlencoded"
                                                       : NULL, c->form, -1,
                                                       "Accept-Language", "en", NULL);
      g_autoptr(XmlReply) x = xml_request (c->method, xml_path, c->form, NULL);

      assert_error_pair (c, json, x);
    }
}

/* Errors keep the format that was asked for without an extension too, and
 * the Arabic descriptions are there. */
static void
test_errors_negotiated (void)
{
  g_autoptr(XmlReply) x = NULL;
  g_autoptr(MskTestReply) ar = msk_test_request (srv, "POST", "/open311/v2/requests", NULL,
                                                 "application/x-www-form-urlencoded",
                                                 ALWAHA "&service_code=potholes", -1,
                                                 "Accept", "application/xml",
                                                 "Accept-Language", "ar", NULL);
  g_autoptr(xmlDoc) doc = NULL;
  g_autofree char *description = NULL;

  x = xml_request ("POST", "/open311/v2/requests", ALWAHA "&service_code=potholes", "text/xml");
  g_assert_cmpuint (x->reply->status, ==, 403);
  assert_schema (x->doc, "errors");
  doc = parse_xml (ar);
  assert_schema (doc, "errors");
  description = child_text (item (xmlDocGetRootElement (doc)), "description");
  g_assert_nonnull (strstr (description, "مفتاح"));
}

/* What used to answer 413, 422 and 404 on an existing resource. */
static void
test_status_codes (void)
{
  g_autofree char *citizen = msk_test_login (srv, "citizen", CITIZEN_PASSWORD);
  g_autofree char *big = g_strnfill (70 * 1024, 'a');
  g_autofree char *big_form = g_strconcat ("api_key=" DEMO_API_KEY "&" ALWAHA "&description=",
                                           big, NULL);
  static const char form[] = "api_key=" DEMO_API_KEY "&" ALWAHA
                             "&service_code=stray_animals&address_string=Old+market";

  for (guint xml = 0; xml < 2; xml++)
    {
      const char *path = xml ? "/open311/v2/requests.xml" : "/open311/v2/requests.json";
      g_autoptr(MskTestReply) too_big = msk_test_request (srv, "POST", path, NULL,
                                                          "application/x-www-form-urlencoded",
                                                          big_form, -1, "Accept-Language", "en",
                                                          NULL);
      /* a signed-in person's key: another body with it is refused (an anonymous key counts
       * together with its body) */
      g_autoptr(MskTestReply) first = msk_test_request (srv, "POST", path, citizen,
                                                        "application/x-www-form-urlencoded",
                                                        form, -1, "Idempotency-Key",
                                                        xml ? "xml-key" : "json-key", NULL);
      g_autoptr(MskTestReply) reused = msk_test_request (srv, "POST", path, citizen,
                                                         "application/x-www-form-urlencoded",
                                                         "api_key=" DEMO_API_KEY "&" ALWAHA
                                                         "&service_code=noise&lat=1&long=1", -1,
                                                         "Idempotency-Key",
                                                         xml ? "xml-key" : "json-key",
                                                         "Accept-Language", "en", NULL);
      g_autoptr(MskTestReply) unknown = msk_test_get (srv, xml ? "/open311/v2/nothing.xml"
                                                               : "/open311/v2/nothing.json", NULL);
      MskTestReply *replies[] = { too_big, reused, unknown };
      const guint statuses[] = { 400, 400, 404 };
      const char *causes[] = { "64", "Idempotency-Key", NULL };

      g_assert_cmpuint (first->status, ==, 201);
      for (guint i = 0; i < G_N_ELEMENTS (replies); i++)
        {
          g_test_message ("%s: %u %s", path, replies[i]->status, replies[i]->text);
          g_assert_cmpuint (replies[i]->status, ==, statuses[i]);
          if (xml)
            {
              g_autoptr(xmlDoc) doc = parse_xml (replies[i]);

              assert_schema (doc, "errors");
            }
          else
            msk_test_assert_open311_error (replies[i], statuses[i]);
          if (causes[i] != NULL)
            g_assert_nonnull (strstr (replies[i]->text, causes[i]));
        }
    }

  /* the v1 API keeps its own codes */
  {
    g_autofree char *body = g_strdup_printf ("{\"text\":\"%s\"}", big);
    g_autoptr(MskTestReply) v1_big = msk_test_send_json (srv, "POST", "/v1/topics/1/comments",
                                                         NULL, body);
    g_autoptr(MskTestReply) v1_method = msk_test_send_json (srv, "DELETE", "/v1/entities", NULL,
                                                            NULL);

    msk_test_assert_problem (v1_big, 413, "payload-too-large");
    msk_test_assert_problem (v1_method, 405, "method-not-allowed");
  }
}

/* Too many requests from one client: 400 on the Open311 routes (in the
 * format asked for), with the wait kept. */
static void
test_rate_limited (void)
{
  g_autoptr(MskTestServer) limited = msk_test_server_start (NULL, TRUE, "2");
  g_autoptr(MskTestReply) a = msk_test_get (limited, "/open311/v2/discovery.json", NULL);
  g_autoptr(MskTestReply) b = msk_test_get (limited, "/open311/v2/discovery.json", NULL);
  g_autoptr(MskTestReply) json = msk_test_get (limited, "/open311/v2/discovery.json", NULL);
  g_autoptr(MskTestReply) xml = msk_test_get (limited, "/open311/v2/discovery.xml", NULL);
  g_autoptr(xmlDoc) doc = NULL;

  g_assert_cmpuint (a->status, ==, 200);
  g_assert_cmpuint (b->status, ==, 200);
  msk_test_assert_open311_error (json, 400);
  g_assert_nonnull (msk_test_header (json, "Retry-After"));
  g_assert_cmpuint (xml->status, ==, 400);
  doc = parse_xml (xml);
  assert_schema (doc, "errors");
  g_assert_nonnull (msk_test_header (xml, "Retry-After"));
  msk_test_server_stop (limited);
}

/* ---- jurisdiction_id on a portal with a single entity -------------------------------- */

static void
keep_one_entity (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "musharaka-server.db", NULL);
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, "DELETE FROM entities WHERE jurisdiction_id <> 'alwaha.example'",
                    NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s", message);
  g_assert_cmpint (sqlite3_changes (db), ==, 2);
  sqlite3_close (db);
}

static void
test_single_jurisdiction (void)
{
  /* owns the directory, removed when it is freed */
  g_autoptr(MskTestServer) demo = msk_test_server_start (NULL, TRUE, NULL);
  static const char * const paths[] = {
    "/open311/v2/services", "/open311/v2/services/potholes", "/open311/v2/requests",
    "/open311/v2/requests/MSK-000001",
  };

  msk_test_server_stop (demo);
  keep_one_entity (demo->data_dir);
  {
    g_autoptr(MskTestServer) one = msk_test_server_start (demo->data_dir, FALSE, NULL);
    g_autoptr(MskTestReply) created = msk_test_post_form (one, "/open311/v2/requests.xml",
                                                          "api_key=" DEMO_API_KEY
                                                          "&service_code=potholes&lat=25&long=55"
                                                          "&attribute%5Bsize%5D=small");
    g_autoptr(MskTestReply) wrong = msk_test_get (one, "/open311/v2/services.xml?"
                                                  "jurisdiction_id=mocd.example", NULL);

    for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
      for (guint xml = 0; xml < 2; xml++)
        {
          g_autofree char *path = g_strconcat (paths[i], xml ? ".xml" : ".json", NULL);
          g_autoptr(MskTestReply) reply = msk_test_get (one, path, NULL);

          g_test_message ("%s: %u", path, reply->status);
          g_assert_cmpuint (reply->status, ==, 200);
        }
    g_assert_cmpuint (created->status, ==, 201);
    g_assert_cmpuint (wrong->status, ==, 404);
    msk_test_server_stop (one);
  }
}

/* ---- coordinates ----------------------------------------------------------------- */

static void
test_coordinates (void)
{
  g_autoptr(MskTestReply) json = NULL;
  g_autoptr(XmlReply) demo = get_both ("/open311/v2/requests/MSK-000001", ALWAHA,
                                       "service-requests", 200, &json);
  g_autofree char *id = post_xml ("api_key=" DEMO_API_KEY "&" ALWAHA
                                  "&service_code=stray_animals&lat=25.123456789"
                                  "&long=-55.00000004",
                                  201, NULL);
  g_autofree char *path = g_strconcat ("/open311/v2/requests/", id, NULL);
  g_autoptr(MskTestReply) precise_json = NULL;
  g_autoptr(XmlReply) precise = get_both (path, ALWAHA, "service-requests", 200, &precise_json);
  xmlNode *request = item (root (demo));
  g_autofree char *lat = child_text (request, "lat");
  g_autofree char *lon = child_text (item (root (precise)), "long");

  /* the demo's 25.2841 is written as it was given, not as 25.284099999999999 */
  g_assert_cmpstr (lat, ==, "25.2841");
  g_assert_nonnull (strstr (json->text, "\"lat\":25.2841,"));
  g_assert_nonnull (strstr (precise_json->text, "\"lat\":25.1234568,"));
  g_assert_cmpstr (lon, ==, "-55.0");
  g_assert_nonnull (strstr (precise_json->text, "\"long\":-55.0,"));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  xmlInitParser ();

  srv = msk_test_server_start (NULL, TRUE, NULL);

  g_test_add_func ("/server/open311-xml/discovery", test_discovery);
  g_test_add_func ("/server/open311-xml/services", test_services);
  g_test_add_func ("/server/open311-xml/service-definition", test_service_definition);
  g_test_add_func ("/server/open311-xml/create-and-get", test_create_and_get);
  g_test_add_func ("/server/open311-xml/request-list", test_request_list);
  g_test_add_func ("/server/open311-xml/negotiation", test_negotiation);
  g_test_add_func ("/server/open311-xml/errors", test_errors);
  g_test_add_func ("/server/open311-xml/errors-negotiated", test_errors_negotiated);
  g_test_add_func ("/server/open311-xml/status-codes", test_status_codes);
  g_test_add_func ("/server/open311-xml/rate-limited", test_rate_limited);
  g_test_add_func ("/server/open311-xml/single-jurisdiction", test_single_jurisdiction);
  g_test_add_func ("/server/open311-xml/coordinates", test_coordinates);

  ret = g_test_run ();

  msk_test_server_stop (srv);
  g_clear_pointer (&srv, msk_test_server_free);
  xmlCleanupParser ();
  return ret;
}
