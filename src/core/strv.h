/* strv.h: a growable vector of owned C strings (commands, environments,
 * names, exec ids). A zeroed struct strv is an empty vector. The vector
 * owns its strings: strv_push() copies, strv_clear() frees them all and
 * leaves the vector empty and reusable. */
#ifndef PH_STRV_H
#define PH_STRV_H
#include <stddef.h>

struct strv {
	char **v;       /* n owned strings (not NULL-terminated) */
	size_t n;
};
void strv_clear(struct strv *s);
/* Append a copy of str. */
void strv_push(struct strv *s, const char *str);
/* Append a copy of every string of src. */
void strv_copy(struct strv *dst, const struct strv *src);
/* The strings joined with sep between them (caller frees; "" when empty). */
char *strv_join(const struct strv *s, const char *sep);

#endif
