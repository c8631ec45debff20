/*
 * libdevmapper's regular expressions (its libdm/regex), as -S's =~ and !~
 * take them: the same grammar and error messages, the same matches.
 *
 * The grammar: characters, '.', [sets] and [^sets] (ranges, \n \r \t and
 * \c inside), '^' and '$', ( ), |, and the postfix *, + and ?; '{', '}'
 * and anything else are plain characters.  A pattern matches anywhere in a
 * string: libdevmapper compiles "(.*(PATTERN)<end>)" and runs it over the
 * string between a start mark (what '^' matches) and an end mark ('$'),
 * both matched by '.' and by negated sets too, so "a." matches "xa".
 * Parsing the pattern inside that wrapper is why unbalanced parentheses
 * fail as they do there, or quietly cut the pattern short.
 */
#ifndef DMSETUP_REGEX_H
#define DMSETUP_REGEX_H

struct dm_regex;

/* NULL after libdevmapper's messages ("missing ')' in regular
 * expression", ..., "Couldn't parse regex"), or on ENOMEM (errno). */
struct dm_regex *regex_compile(const char *pattern);
/* Whether the pattern matches (anywhere in) s. */
int regex_match(const struct dm_regex *rx, const char *s);
void regex_free(struct dm_regex *rx);

#endif
