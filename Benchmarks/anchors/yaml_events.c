/* Anchor: parse a YAML file with libyaml's event API and do nothing with the events but count them.
 * The floor for any libyaml-based loader (spec-check's YAMLReader is one).
 * Build: gcc -O2 -o yaml_events yaml_events.c -lyaml      Run: ./yaml_events FILE */
#include <stdio.h>
#include <stdlib.h>
#include <yaml.h>

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: %s FILE\n", argv[0]); return 2; }
    FILE *f = fopen(argv[1], "rb");
    if (!f) { perror(argv[1]); return 2; }
    yaml_parser_t parser;
    yaml_event_t event;
    if (!yaml_parser_initialize(&parser)) { fprintf(stderr, "cannot initialise libyaml\n"); return 2; }
    yaml_parser_set_input_file(&parser, f);
    long events = 0, scalars = 0;
    int done = 0;
    while (!done) {
        if (!yaml_parser_parse(&parser, &event)) {
            fprintf(stderr, "%s:%lu:%lu: %s\n", argv[1], (unsigned long)parser.problem_mark.line + 1,
                    (unsigned long)parser.problem_mark.column + 1, parser.problem);
            return 1;
        }
        events++;
        if (event.type == YAML_SCALAR_EVENT) scalars++;
        done = event.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&event);
    }
    yaml_parser_delete(&parser);
    fclose(f);
    printf("%ld events, %ld scalars\n", events, scalars);
    return 0;
}
