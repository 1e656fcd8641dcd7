/* statsfollow.c: one container's live resource figures (see
 * statsfollow.h). Called by session/app.c. */
#include "config.h"
#include "session/statsfollow.h"
#include "engine/statstream.h"
#include "core/xmalloc.h"
#include <stdlib.h>
#include <string.h>

struct statsfollow {
	struct engine *e;
	statsfollow_cb changed;
	void *arg;
	char *id;
	struct stats_stream *stream;
	unsigned long samples, opened;
	struct stats last;
	struct samples cpu, mem;
	char *error;
};

static void forget(struct statsfollow *f)
{
	stats_stream_close(f->stream);
	f->stream = NULL;
	f->samples = 0;
	memset(&f->last, 0, sizeof f->last);
	samples_reset(&f->cpu);
	samples_reset(&f->mem);
	free(f->error);
	f->error = NULL;
}

static void on_sample(const struct stats *s, void *arg)
{
	struct statsfollow *f = arg;
	f->last = *s;
	f->last.id = f->last.name = f->last.read = NULL;
	f->samples++;
	samples_push(&f->cpu, s->cpu_percent);
	samples_push(&f->mem, s->mem_used);
	f->changed(f, f->arg);
}

static void on_end(const struct engine_error *err, void *arg)
{
	struct statsfollow *f = arg;
	f->stream = NULL;
	free(f->error);
	f->error = xstrdup(err && err->message ? err->message : "the engine ended the figures");
	f->changed(f, f->arg);
}

static void open_stream(struct statsfollow *f)
{
	forget(f);
	f->opened++;
	f->stream = stats_stream_open(f->e, f->id, 1, on_sample, on_end, f);
}

void statsfollow_set(struct statsfollow *f, const char *id)
{
	if (id && f->id && strcmp(id, f->id) == 0) {
		if (f->stream == NULL)
			open_stream(f);
		return;
	}
	forget(f);
	free(f->id);
	f->id = id ? xstrdup(id) : NULL;
	if (id)
		open_stream(f);
}

const char *statsfollow_id(const struct statsfollow *f) { return f->id; }
int statsfollow_streaming(const struct statsfollow *f) { return f->stream != NULL; }
unsigned long statsfollow_samples(const struct statsfollow *f) { return f->samples; }
unsigned long statsfollow_opened(const struct statsfollow *f) { return f->opened; }
const struct stats *statsfollow_last(const struct statsfollow *f) { return f->samples ? &f->last : NULL; }
const struct samples *statsfollow_cpu(const struct statsfollow *f) { return &f->cpu; }
const struct samples *statsfollow_mem(const struct statsfollow *f) { return &f->mem; }
const char *statsfollow_error(const struct statsfollow *f) { return f->error; }

struct statsfollow *statsfollow_new(struct engine *e, statsfollow_cb changed, void *arg)
{
	struct statsfollow *f = xcalloc(1, sizeof *f);
	f->e = e;
	f->changed = changed;
	f->arg = arg;
	return f;
}

void statsfollow_free(struct statsfollow *f)
{
	if (f == NULL)
		return;
	forget(f);
	free(f->id);
	free(f);
}
