/*
 * Misuse of the C ABI must give a status and a message, never a crash:
 * NULL handles and out-pointers, NULL text with a length, invalid UTF-8, _free(NULL).
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

int main(void) {
    free_null_is_a_no_op();
    null_handles_and_out_pointers();
    text_arguments();
    batches();
    printf("misuse: %d checks, %d failed\n", checks, failures);
    return failures == 0 ? 0 : 1;
}
