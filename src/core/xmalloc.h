/* xmalloc.h: allocation that cannot fail. Running out of memory is fatal
 * (a message on stderr and exit 70); every other failure in porthole is
 * returned to the caller. The caller owns what these return and frees it with
 * free(). */
#ifndef PH_XMALLOC_H
#define PH_XMALLOC_H
#include <stddef.h>
#include <stdarg.h>
#include <stdlib.h>

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
void *xreallocarray(void *p, size_t nmemb, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* Hook run before the process exits on allocation failure (the UI sets one
 * that ends curses so the terminal is restored). */
void xmalloc_set_fatal_hook(void (*hook)(void));

#endif
