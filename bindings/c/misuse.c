/*
 * Misuse of the C ABI must give a status and a message, never a crash:
 * NULL handles and out-pointers, NULL text with a length, invalid UTF-8, _free(NULL),
 * missing and malformed gazetteer files.
 *
 *   misuse SCRATCH_DIR     (where a compiled gazetteer is written and read back)
 *
 * Prints one line per failed check and exits 1 if any failed.
 */
#include <stdio.h>
#include <string.h>

#include "whosaid.h"

static int checks = 0, failures = 0;

#define CHECK(cond)                                                  \
    do {                                                             \
        checks++;                                                    \
        if (!(cond)) {                                               \
            failures++;                                              \
            fprintf(stderr, "%s:%d: failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                            \
    } while (0)

/* True when the last error message exists and contains `part`. */
static int last_error_has(const char *part) {
    const char *msg = whosaid_last_error_message();
    return msg != NULL && strstr(msg, part) != NULL;
}

static void free_null_is_a_no_op(void) {
    whosaid_gazetteer_builder_free(NULL);
    whosaid_gazetteer_free(NULL);
    whosaid_matches_free(NULL);
    whosaid_options_free(NULL);
    whosaid_pipeline_free(NULL);
    whosaid_document_free(NULL);
    whosaid_string_free(NULL);
    CHECK(1);
}

static void null_handles_and_out_pointers(void) {
    whosaid_pipeline *p = NULL;
    CHECK(whosaid_pipeline_new(NULL, NULL) == WHOSAID_STATUS_NULL_ARGUMENT);
    CHECK(last_error_has("out is NULL"));
    CHECK(whosaid_options_new(NULL) == WHOSAID_STATUS_NULL_ARGUMENT);
    CHECK(whosaid_options_split_clitics(NULL, true) == WHOSAID_STATUS_NULL_ARGUMENT);
    CHECK(whosaid_options_names(NULL, true) == WHOSAID_STATUS_NULL_ARGUMENT);
    CHECK(whosaid_options_quotes(NULL, true) == WHOSAID_STATUS_NULL_ARGUMENT);
    CHECK(whosaid_options_default_gazetteer(NULL, true) == WHOSAID_STATUS_NULL_ARGUMENT);
    CHECK(whosaid_options_add_gazetteer(NULL, NULL) == WHOSAID_STATUS_NULL_ARGUMENT);
    CHECK(last_error_has("options is NULL"));

    whosaid_document *doc = (whosaid_document *)&checks; /* must stay untouched on failure */
    CHECK(whosaid_pipeline_analyze(NULL, (const uint8_t *)"Hi.", 3, &doc) ==
          WHOSAID_STATUS_NULL_ARGUMENT);
    CHECK(doc == (whosaid_document *)&checks);
    CHECK(last_error_has("pipeline is NULL"));

    char *json = NULL;
    CHECK(whosaid_pipeline_analyze_json(NULL, NULL, 0, NULL, 0, false, &json, NULL) ==
          WHOSAID_STATUS_NULL_ARGUMENT);
    CHECK(json == NULL);
    CHECK(whosaid_document_to_json(NULL, NULL, 0, false, &json, NULL) ==
          WHOSAID_STATUS_NULL_ARGUMENT);
    CHECK(json == NULL);

    size_t len = 99;
    CHECK(whosaid_document_tokens(NULL, &len) == NULL && len == 0);
    CHECK(whosaid_document_quotes(NULL, NULL) == NULL);

    CHECK(whosaid_pipeline_new(NULL, &p) == WHOSAID_STATUS_OK);
    CHECK(whosaid_last_error_message() == NULL);
    CHECK(whosaid_pipeline_analyze(p, (const uint8_t *)"Hi.", 3, NULL) ==
          WHOSAID_STATUS_NULL_ARGUMENT);
    whosaid_pipeline_free(p);
}

static void text_arguments(void) {
    whosaid_pipeline *p = NULL;
    whosaid_document *doc = NULL;
    CHECK(whosaid_pipeline_new(NULL, &p) == WHOSAID_STATUS_OK);

    /* (NULL, 0) is the empty string. */
    CHECK(whosaid_pipeline_analyze(p, NULL, 0, &doc) == WHOSAID_STATUS_OK);
    size_t n = 99;
    whosaid_document_tokens(doc, &n);
    CHECK(n == 0);
    whosaid_document_free(doc);
    doc = NULL;

    /* NULL with a length is an error. */
    CHECK(whosaid_pipeline_analyze(p, NULL, 5, &doc) == WHOSAID_STATUS_NULL_ARGUMENT);
    CHECK(doc == NULL);
    CHECK(last_error_has("text is NULL"));

    /* Invalid UTF-8: a lone continuation byte at offset 3, then a truncated sequence. */
    const uint8_t bad[] = {'H', 'e', 'y', 0x80, ' ', 0xE2, 0x82};
    CHECK(whosaid_pipeline_analyze(p, bad, sizeof bad, &doc) == WHOSAID_STATUS_INVALID_UTF8);
    CHECK(doc == NULL);
    CHECK(last_error_has("offset 3"));
    CHECK(strcmp(whosaid_status_name(WHOSAID_STATUS_INVALID_UTF8), "INVALID_UTF8") == 0);
    CHECK(strcmp(whosaid_status_name(12345), "UNKNOWN") == 0);

    char *json = NULL;
    CHECK(whosaid_pipeline_analyze_json(p, bad, sizeof bad, NULL, 0, false, &json, NULL) ==
          WHOSAID_STATUS_INVALID_UTF8);
    CHECK(json == NULL);
    CHECK(whosaid_pipeline_analyze_json(p, (const uint8_t *)"Hi.", 3, bad, sizeof bad, false,
                                        &json, NULL) == WHOSAID_STATUS_INVALID_UTF8);
    CHECK(last_error_has("name is not UTF-8"));

    /* Embedded NUL bytes are text like any other. */
    const uint8_t nul[] = {'A', 0, 'B', '.'};
    size_t json_len = 0;
    CHECK(whosaid_pipeline_analyze_json(p, nul, sizeof nul, NULL, 0, true, &json, &json_len) ==
          WHOSAID_STATUS_OK);
    CHECK(json != NULL && strlen(json) == json_len && strstr(json, "\\u0000") != NULL);
    whosaid_string_free(json);

    whosaid_pipeline_free(p);
}

static void batches(void) {
    whosaid_pipeline *p = NULL;
    CHECK(whosaid_pipeline_new(NULL, &p) == WHOSAID_STATUS_OK);
    whosaid_document *docs[3] = {NULL, NULL, NULL};
    const uint8_t bad[] = {0xFF};
    whosaid_str texts[3] = {{(const uint8_t *)"One.", 4}, {bad, 1}, {NULL, 0}};

    /* A bad text anywhere: nothing written, the message names it. */
    CHECK(whosaid_pipeline_analyze_batch(p, texts, 3, docs) == WHOSAID_STATUS_INVALID_UTF8);
    CHECK(docs[0] == NULL && docs[1] == NULL && docs[2] == NULL);
    CHECK(last_error_has("texts[1]"));
    CHECK(whosaid_pipeline_analyze_batch(p, NULL, 2, docs) == WHOSAID_STATUS_NULL_ARGUMENT);
    CHECK(whosaid_pipeline_analyze_batch(p, texts, 1, NULL) == WHOSAID_STATUS_NULL_ARGUMENT);
    CHECK(whosaid_pipeline_analyze_batch(p, NULL, 0, docs) == WHOSAID_STATUS_OK);

    texts[1].ptr = (const uint8_t *)"Two. Three.";
    texts[1].len = 11;
    CHECK(whosaid_pipeline_analyze_batch(p, texts, 3, docs) == WHOSAID_STATUS_OK);
    size_t sentences[3] = {9, 9, 9};
    for (int i = 0; i < 3; i++) {
        whosaid_document_sentences(docs[i], &sentences[i]);
        whosaid_document_free(docs[i]);
    }
    CHECK(sentences[0] == 1 && sentences[1] == 2 && sentences[2] == 0);
    whosaid_pipeline_free(p);
}

#define TEXT(s) (const uint8_t *)(s), strlen(s)

/* Builds a gazetteer from `builder`; returns its status and frees the result. */
static whosaid_status build(whosaid_gazetteer_builder *builder) {
    whosaid_gazetteer *g = NULL;
    whosaid_status status = whosaid_gazetteer_builder_build(builder, &g);
    CHECK((status == WHOSAID_STATUS_OK) == (g != NULL));
    whosaid_gazetteer_free(g);
    return status;
}

static void bad_gazetteer_sources(void) {
    whosaid_gazetteer_builder *b = NULL;
    CHECK(whosaid_gazetteer_builder_new(NULL) == WHOSAID_STATUS_NULL_ARGUMENT);
    CHECK(whosaid_gazetteer_builder_add_file(NULL, TEXT("x.tsv")) == WHOSAID_STATUS_NULL_ARGUMENT);
    CHECK(whosaid_gazetteer_builder_build(NULL, NULL) == WHOSAID_STATUS_NULL_ARGUMENT);

    /* A missing file is reported by build, with its path. */
    CHECK(whosaid_gazetteer_builder_new(&b) == WHOSAID_STATUS_OK);
    CHECK(whosaid_gazetteer_builder_add_file(b, TEXT("/no/such/dir/people.tsv")) ==
          WHOSAID_STATUS_OK);
    CHECK(build(b) == WHOSAID_STATUS_IO);
    CHECK(last_error_has("/no/such/dir/people.tsv"));
    whosaid_gazetteer_builder_free(b);

    /* A bad line: the name given for the buffer and the line number. */
    CHECK(whosaid_gazetteer_builder_new(&b) == WHOSAID_STATUS_OK);
    CHECK(whosaid_gazetteer_builder_add_tsv(b, TEXT("# cities\nParis\tGPE\tQ90\nLyon\tGPE\n"),
                                            TEXT("cities.tsv")) == WHOSAID_STATUS_OK);
    CHECK(build(b) == WHOSAID_STATUS_GAZETTEER);
    CHECK(last_error_has("cities.tsv:3:"));
    whosaid_gazetteer_builder_free(b);

    CHECK(whosaid_gazetteer_builder_new(&b) == WHOSAID_STATUS_OK);
    CHECK(whosaid_gazetteer_builder_add_jsonl(b, TEXT("{\"id\": 1}\n"), TEXT("bad.jsonl")) ==
          WHOSAID_STATUS_OK);
    CHECK(build(b) == WHOSAID_STATUS_GAZETTEER);
    CHECK(last_error_has("bad.jsonl:1:"));
    const uint8_t bad[] = {'{', 0xC3};
    CHECK(whosaid_gazetteer_builder_add_jsonl(b, bad, sizeof bad, NULL, 0) ==
          WHOSAID_STATUS_INVALID_UTF8);
    CHECK(whosaid_gazetteer_builder_add_tsv(b, NULL, 3, NULL, 0) == WHOSAID_STATUS_NULL_ARGUMENT);
    whosaid_gazetteer_builder_free(b);
}

static void bad_entries(void) {
    whosaid_gazetteer_builder *b = NULL;
    CHECK(whosaid_gazetteer_builder_new(&b) == WHOSAID_STATUS_OK);
    CHECK(whosaid_gazetteer_builder_add_entry(b, NULL) == WHOSAID_STATUS_NULL_ARGUMENT);

    whosaid_entry e;
    memset(&e, 0, sizeof e);
    e.id = (whosaid_str){(const uint8_t *)"Q90", 3};
    e.name = (whosaid_str){(const uint8_t *)"Paris", 5};
    e.label = (whosaid_str){(const uint8_t *)"GPE", 3};
    e.case_sensitive = 7;
    CHECK(whosaid_gazetteer_builder_add_entry(b, &e) == WHOSAID_STATUS_INVALID_ARGUMENT);
    CHECK(last_error_has("case_sensitive 7"));
    e.case_sensitive = WHOSAID_CASE_DEFAULT;
    e.aliases_len = 2; /* with NULL aliases */
    CHECK(whosaid_gazetteer_builder_add_entry(b, &e) == WHOSAID_STATUS_NULL_ARGUMENT);
    e.aliases_len = 0;
    CHECK(whosaid_gazetteer_builder_add_entry(b, &e) == WHOSAID_STATUS_OK);
    CHECK(build(b) == WHOSAID_STATUS_OK);

    e.id = (whosaid_str){NULL, 0}; /* empty id: accepted now, refused by build */
    CHECK(whosaid_gazetteer_builder_add_entry(b, &e) == WHOSAID_STATUS_OK);
    CHECK(build(b) == WHOSAID_STATUS_ENTRY);
    whosaid_gazetteer_builder_free(b);
}

static void compiled_gazetteers(const char *scratch) {
    char path[4096], junk[4096];
    snprintf(path, sizeof path, "%s/cities.whosaid", scratch);
    snprintf(junk, sizeof junk, "%s/junk.whosaid", scratch);
    whosaid_gazetteer_builder *b = NULL;
    whosaid_gazetteer *g = NULL, *loaded = NULL;
    whosaid_matches *m = NULL;
    CHECK(whosaid_gazetteer_builder_new(&b) == WHOSAID_STATUS_OK);
    CHECK(whosaid_gazetteer_builder_add_tsv(b, TEXT("Paris\tGPE\tQ90\tParis, France\n"), NULL, 0) ==
          WHOSAID_STATUS_OK);
    CHECK(whosaid_gazetteer_builder_build(b, &g) == WHOSAID_STATUS_OK);
    CHECK(whosaid_gazetteer_save(g, TEXT(path)) == WHOSAID_STATUS_OK);
    CHECK(whosaid_gazetteer_save(g, TEXT("/no/such/dir/x.whosaid")) == WHOSAID_STATUS_IO);
    CHECK(whosaid_gazetteer_save(NULL, TEXT(path)) == WHOSAID_STATUS_NULL_ARGUMENT);

    CHECK(whosaid_gazetteer_load(TEXT(path), &loaded) == WHOSAID_STATUS_OK);
    CHECK(whosaid_gazetteer_len(loaded) == 1 && whosaid_gazetteer_len(NULL) == 0);
    CHECK(whosaid_gazetteer_find(loaded, TEXT("From Paris to Paris, France."), &m) ==
          WHOSAID_STATUS_OK);
    const whosaid_match *data = whosaid_matches_data(m);
    CHECK(whosaid_matches_len(m) == 2 && data[1].span.char_start == 14 &&
          data[1].span.char_end == 27 && data[1].id.len == 3 &&
          memcmp(data[1].id.ptr, "Q90", 3) == 0);
    whosaid_matches_free(m);
    m = NULL;
    CHECK(whosaid_matches_len(NULL) == 0 && whosaid_matches_data(NULL) == NULL);
    CHECK(whosaid_gazetteer_find(NULL, TEXT("Paris"), &m) == WHOSAID_STATUS_NULL_ARGUMENT);
    CHECK(whosaid_gazetteer_find(loaded, TEXT("Paris"), NULL) == WHOSAID_STATUS_NULL_ARGUMENT);
    whosaid_gazetteer_free(loaded);
    loaded = NULL;

    FILE *f = fopen(junk, "wb");
    if (f != NULL) {
        fputs("Paris\tGPE\tQ90\n", f);
        fclose(f);
    }
    CHECK(whosaid_gazetteer_load(TEXT(junk), &loaded) == WHOSAID_STATUS_BAD_COMPILED);
    CHECK(loaded == NULL);
    CHECK(whosaid_gazetteer_load(TEXT("/no/such/file.whosaid"), &loaded) == WHOSAID_STATUS_IO);
    CHECK(last_error_has("/no/such/file.whosaid"));
    remove(path);
    remove(junk);
    whosaid_gazetteer_free(g);
    whosaid_gazetteer_builder_free(b);
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s SCRATCH_DIR\n", argv[0]);
        return 2;
    }
    free_null_is_a_no_op();
    null_handles_and_out_pointers();
    text_arguments();
    batches();
    bad_gazetteer_sources();
    bad_entries();
    compiled_gazetteers(argv[1]);
    printf("misuse: %d checks, %d failed\n", checks, failures);
    return failures == 0 ? 0 : 1;
}
