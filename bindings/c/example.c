/*
 * Reads an article, analyses it with whosaid (with the default gazetteer and, if given,
 * a gazetteer file of one's own), and prints its entities and quotes.
 *
 *   example ARTICLE.txt [GAZETTEER.tsv|.jsonl]
 *
 * Exit status 0 on success, 1 with a message on standard error otherwise.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "whosaid.h"

/* Prints a borrowed string, or "-" when it is absent. */
static void print_str(whosaid_str s) {
    if (s.ptr == NULL) {
        fputs("-", stdout);
    } else {
        printf("%.*s", (int)s.len, (const char *)s.ptr);
    }
}

/* Prints the part of the text a span covers, using its byte offsets. */
static void print_span(const uint8_t *text, whosaid_span span) {
    printf("%.*s", (int)(span.byte_end - span.byte_start), (const char *)text + span.byte_start);
}

static const char *QUOTE_KINDS[] = {"direct", "mixed", "indirect"};
static const char *VIAS[] = {"explicit", "pronoun", "coref", "context"};

/* Reads a whole file; NULL on failure. The caller frees the buffer. */
static uint8_t *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (f == NULL) return NULL;
    size_t cap = 4096, n = 0;
    uint8_t *buf = malloc(cap);
    size_t got;
    while (buf != NULL && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            uint8_t *bigger = realloc(buf, cap *= 2);
            if (bigger == NULL) free(buf);
            buf = bigger;
        }
    }
    fclose(f);
    *len = n;
    return buf;
}

/* Prints the error of the last failed call and returns 1. */
static int fail(const char *what) {
    const char *msg = whosaid_last_error_message();
    fprintf(stderr, "%s: %s\n", what, msg ? msg : "unknown error");
    return 1;
}

static int analyze(const whosaid_pipeline *pipeline, const uint8_t *text, size_t len) {
    whosaid_document *doc = NULL;
    if (whosaid_pipeline_analyze(pipeline, text, len, &doc) != WHOSAID_STATUS_OK) {
        return fail("analyze");
    }
    size_t n_paragraphs, n_sentences, n_tokens, n_entities, n_quotes;
    whosaid_document_paragraphs(doc, &n_paragraphs);
    whosaid_document_sentences(doc, &n_sentences);
    whosaid_document_tokens(doc, &n_tokens);
    const whosaid_entity *entities = whosaid_document_entities(doc, &n_entities);
    const whosaid_quote *quotes = whosaid_document_quotes(doc, &n_quotes);
    printf("paragraphs %zu, sentences %zu, tokens %zu, entities %zu, quotes %zu\n",
           n_paragraphs, n_sentences, n_tokens, n_entities, n_quotes);

    for (size_t i = 0; i < n_entities; i++) {
        const whosaid_entity *e = &entities[i];
        printf("entity %zu:%zu ", e->span.char_start, e->span.char_end);
        print_str(e->label);
        putchar(' ');
        print_str(e->id);
        fputs(" | ", stdout);
        print_span(text, e->span);
        fputs(" | ", stdout);
        print_str(e->canonical);
        putchar('\n');
    }
    for (size_t i = 0; i < n_quotes; i++) {
        const whosaid_quote *q = &quotes[i];
        printf("quote %s %zu:%zu speaker=", QUOTE_KINDS[q->kind], q->span.char_start,
               q->span.char_end);
        if (q->speaker != NULL) {
            print_str(q->speaker->canonical);
            printf(" (%s)", VIAS[q->speaker->via]);
        } else {
            fputs("-", stdout);
        }
        fputs(" cue=", stdout);
        if (q->cue != NULL) {
            print_str(q->cue->lemma);
        } else {
            fputs("-", stdout);
        }
        fputs(" |", stdout);
        for (size_t c = 0; c < q->content_len; c++) {
            putchar(' ');
            print_span(text, q->content[c]);
        }
        putchar('\n');
    }

    char *json = NULL;
    size_t json_len = 0;
    if (whosaid_document_to_json(doc, (const uint8_t *)"article", 7, false, &json, &json_len) !=
        WHOSAID_STATUS_OK) {
        whosaid_document_free(doc);
        return fail("to_json");
    }
    printf("json %zu bytes\n", json_len);
    whosaid_string_free(json);
    whosaid_document_free(doc);
    return 0;
}

/* A pipeline with every default, plus the gazetteer in the file `path` when it is not NULL. */
static whosaid_status make_pipeline(const char *path, whosaid_pipeline **pipeline) {
    whosaid_options *options = NULL;
    whosaid_gazetteer_builder *builder = NULL;
    whosaid_gazetteer *gazetteer = NULL;
    whosaid_status status = whosaid_options_new(&options);
    if (status == WHOSAID_STATUS_OK && path != NULL) {
        if ((status = whosaid_gazetteer_builder_new(&builder)) == WHOSAID_STATUS_OK &&
            (status = whosaid_gazetteer_builder_add_file(builder, (const uint8_t *)path,
                                                         strlen(path))) == WHOSAID_STATUS_OK &&
            (status = whosaid_gazetteer_builder_build(builder, &gazetteer)) == WHOSAID_STATUS_OK) {
            status = whosaid_options_add_gazetteer(options, gazetteer);
        }
    }
    if (status == WHOSAID_STATUS_OK) {
        status = whosaid_pipeline_new(options, pipeline);
    }
    /* The pipeline keeps what it needs: the rest can go now. */
    whosaid_gazetteer_free(gazetteer);
    whosaid_gazetteer_builder_free(builder);
    whosaid_options_free(options);
    return status;
}

int main(int argc, char **argv) {
    if (argc != 2 && argc != 3) {
        fprintf(stderr, "usage: %s ARTICLE.txt [GAZETTEER.tsv|.jsonl]\n", argv[0]);
        return 2;
    }
    if (whosaid_abi_version() != WHOSAID_ABI_VERSION) {
        fprintf(stderr, "whosaid: header ABI %d, library ABI %u\n", WHOSAID_ABI_VERSION,
                (unsigned)whosaid_abi_version());
        return 1;
    }
    printf("whosaid %s\n", whosaid_version());

    size_t len = 0;
    uint8_t *text = read_file(argv[1], &len);
    if (text == NULL) {
        perror(argv[1]);
        return 1;
    }
    whosaid_pipeline *pipeline = NULL;
    int status = 1;
    if (make_pipeline(argc == 3 ? argv[2] : NULL, &pipeline) != WHOSAID_STATUS_OK) {
        status = fail("pipeline");
    } else {
        status = analyze(pipeline, text, len);
    }
    whosaid_pipeline_free(pipeline);
    free(text);
    return status;
}
