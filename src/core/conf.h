/* conf.h: the reader of porthole's configuration files. A file is lines of
 * words: "#" starts a comment outside quotes, words are separated by
 * blanks, and a word may be quoted with '...' (taken as is) or "..." (where
 * \" and \\ stand for " and \). What the words mean is the caller's: each
 * non-empty line goes to a callback, with its number for error messages.
 * The reader knows nothing of keys or settings. */
#ifndef PH_CONF_H
#define PH_CONF_H
#include <stddef.h>

/* The longest line read (longer ones are an error). */
#define CONF_LINE_MAX 4096

/* Called once a non-empty line: argv[0..argc-1] are its words (argc >= 1),
 * valid during the call. Returns 0, or -1 with *cause set to an allocated
 * message (the caller of conf_* frees it after adding the line number). */
typedef int (*conf_line_cb)(int argc, char **argv, void *arg, char **cause);

/* Split one line into words. Returns the number of words (0 for a blank or
 * comment line) with *argvp an allocated array (free with conf_words_free),
 * or -1 with *cause for an unterminated quote. */
int conf_split(const char *line, char ***argvp, char **cause);
void conf_words_free(int argc, char **argv);

/* Read text (len bytes, not necessarily NUL-terminated) as a configuration
 * named name in messages. Returns 0 when every line was taken, else -1 with
 * *cause "NAME:LINE: what" (allocated) for the first bad line. */
int conf_parse(const char *name, const char *text, size_t len, conf_line_cb cb, void *arg, char **cause);

/* Read the file at path. Returns 0, or -1 with *cause; errno is ENOENT when
 * the file does not exist (for an optional file). */
int conf_read(const char *path, conf_line_cb cb, void *arg, char **cause);

#endif
