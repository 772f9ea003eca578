/* Anchor: parse a YAML file with libyaml's event API into a malloc'd tree in which every node keeps
 * its line and column, mapping keys are copied strings, and scalars are copied strings (no YAML 1.2
 * typing, no $ref resolution): roughly the minimum work of "YAML -> located tree" in C.
 * Aliases are resolved by pointing at the anchored node (shared, not copied).
 * Build: gcc -O2 -o yaml_tree yaml_tree.c -lyaml      Run: ./yaml_tree FILE... or ./yaml_tree --list LISTFILE */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <yaml.h>

enum kind { SCALAR, SEQUENCE, MAPPING };
typedef struct node {
    enum kind kind;
    unsigned line, column;
    char *text;                 /* scalar text */
    struct node **children;     /* sequence items, or mapping values */
    char **keys;                /* mapping keys (parallel to children) */
    size_t count, capacity;
} node;

typedef struct { char *name; node *target; } anchor;
static anchor *anchors; static size_t anchor_count, anchor_capacity;

static node *new_node(enum kind kind, yaml_mark_t mark) {
    node *n = calloc(1, sizeof *n);
    if (!n) { perror("calloc"); exit(2); }
    n->kind = kind; n->line = (unsigned)mark.line + 1; n->column = (unsigned)mark.column + 1;
    return n;
}
static void append(node *parent, char *key, node *child) {
    if (parent->count == parent->capacity) {
        parent->capacity = parent->capacity ? parent->capacity * 2 : 4;
        parent->children = realloc(parent->children, parent->capacity * sizeof *parent->children);
        if (parent->kind == MAPPING) parent->keys = realloc(parent->keys, parent->capacity * sizeof *parent->keys);
    }
    if (parent->kind == MAPPING) parent->keys[parent->count] = key;
    parent->children[parent->count++] = child;
}
static void remember(const yaml_char_t *name, node *target) {
    if (!name) return;
    if (anchor_count == anchor_capacity) {
        anchor_capacity = anchor_capacity ? anchor_capacity * 2 : 16;
        anchors = realloc(anchors, anchor_capacity * sizeof *anchors);
    }
    anchors[anchor_count].name = strdup((const char *)name);
    anchors[anchor_count++].target = target;
}
static node *lookup(const yaml_char_t *name) {
    for (size_t i = anchor_count; i-- > 0;) if (strcmp(anchors[i].name, (const char *)name) == 0) return anchors[i].target;
    return NULL;
}
static size_t nodes;
static void release(node *n) {
    if ((uintptr_t)n & 1) return; /* an alias: the anchored node is freed where it was defined */
    nodes++;
    for (size_t i = 0; i < n->count; i++) {
        if (n->kind == MAPPING) free(n->keys[i]);
        release(n->children[i]);
    }
    free(n->children); free(n->keys); free(n->text); free(n);
}

/* Reads one file into a tree (*out); returns 0, or 1 for bad YAML, 2 for an unreadable file. */
static int load_file(const char *path, node **out) {
    FILE *f = fopen(path, "rb");
    if (!f) { perror(path); return 2; }
    yaml_parser_t parser; yaml_event_t event;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_file(&parser, f);
    node *stack[4096]; char *pending_key[4096]; int depth = 0;
    node *root = NULL;
    for (int done = 0; !done;) {
        if (!yaml_parser_parse(&parser, &event)) {
            fprintf(stderr, "%s:%lu:%lu: %s\n", path, (unsigned long)parser.problem_mark.line + 1,
                    (unsigned long)parser.problem_mark.column + 1, parser.problem);
            return 1;
        }
        node *value = NULL; int push = 0;
        switch (event.type) {
        case YAML_SCALAR_EVENT:
            if (depth > 0 && stack[depth - 1]->kind == MAPPING && !pending_key[depth - 1]) {
                pending_key[depth - 1] = strndup((const char *)event.data.scalar.value, event.data.scalar.length);
                break;
            }
            value = new_node(SCALAR, event.start_mark);
            value->text = strndup((const char *)event.data.scalar.value, event.data.scalar.length);
            remember(event.data.scalar.anchor, value);
            break;
        case YAML_ALIAS_EVENT:
            value = lookup(event.data.alias.anchor);
            if (!value) { fprintf(stderr, "unknown alias\n"); return 1; }
            value = (node *)((uintptr_t)value | 1); /* tag: shared, not owned */
            break;
        case YAML_SEQUENCE_START_EVENT:
            value = new_node(SEQUENCE, event.start_mark); remember(event.data.sequence_start.anchor, value); push = 1; break;
        case YAML_MAPPING_START_EVENT:
            value = new_node(MAPPING, event.start_mark); remember(event.data.mapping_start.anchor, value); push = 1; break;
        case YAML_SEQUENCE_END_EVENT: case YAML_MAPPING_END_EVENT: depth--; break;
        case YAML_STREAM_END_EVENT: done = 1; break;
        default: break;
        }
        if (value) {
            if (depth == 0) root = value;
            else {
                node *parent = stack[depth - 1];
                append(parent, parent->kind == MAPPING ? pending_key[depth - 1] : NULL, value);
                pending_key[depth - 1] = NULL;
            }
            if (push) {
                if (depth == 4096) { fprintf(stderr, "too deep\n"); return 1; }
                pending_key[depth] = NULL; stack[depth++] = value;
            }
        }
        yaml_event_delete(&event);
    }
    yaml_parser_delete(&parser);
    fclose(f);
    /* Anchors are per file (aliases stay pointers into this file's tree). */
    for (size_t i = 0; i < anchor_count; i++) free(anchors[i].name);
    anchor_count = 0;
    *out = root;
    return 0;
}

/* yaml_tree FILE... | yaml_tree --list LISTFILE (one path a line): every file's tree is kept until
 * all are read (as a multi-file description is held in memory), then freed. */
int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: %s FILE... | --list LISTFILE\n", argv[0]); return 2; }
    if (argc == 3 && strcmp(argv[1], "--list") == 0) {
        FILE *list = fopen(argv[2], "r");
        if (!list) { perror(argv[2]); return 2; }
        size_t capacity = 16; char line[4096];
        argv = malloc(capacity * sizeof *argv); argc = 1;
        while (fgets(line, sizeof line, list)) {
            line[strcspn(line, "\n")] = 0;
            if (!*line) continue;
            if ((size_t)argc == capacity) argv = realloc(argv, (capacity *= 2) * sizeof *argv);
            argv[argc++] = strdup(line);
        }
        fclose(list);
    }
    node **roots = calloc((size_t)argc, sizeof *roots);
    for (int i = 1; i < argc; i++) {
        int rc = load_file(argv[i], &roots[i]);
        if (rc) return rc;
    }
    /* Free the trees (shared alias targets are tagged and skipped). */
    for (int i = 1; i < argc; i++) if (roots[i]) release(roots[i]);
    free(roots); free(anchors);
    printf("%zu nodes\n", nodes);
    return 0;
}
