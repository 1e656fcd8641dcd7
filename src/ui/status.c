/* status.c: the status line at the bottom (see status.h and draw.h). */
#include "config.h"
#include "ui/status.h"
#include "ui/draw.h"
#include "ui/hints.h"
#include "ui/prompt.h"
#include "ui/text.h"
#include "session/conn.h"
#include "core/buf.h"
#include "core/strutil.h"
#include "core/xmalloc.h"
#include <stdio.h>
#include <stdlib.h>

/* The engines' state in brief: with one, its address and API version
 * ("[connecting]", "[disconnected]" while not up); with several, each
 * one's name and "up", "connecting" or "down". An endpoint whose TLS is not
 * verified says so. */
static void engines_brief(const struct ui *u, struct buf *b)
{
	size_t n = app_nengines(u->app);
	for (size_t i = 0; i < n; i++) {
		struct conn *c = app_engine_conn(u->app, i);
		struct engine *e = conn_engine(c);
		const struct endpoint *ep = engine_endpoint(e);
		enum conn_state st = conn_state(c);
		const char *tls = ep->tls && !ep->tls_verify ? " [TLS NOT VERIFIED]" : "";
		if (n == 1) {
			buf_addf(b, " %s API %s%s%s", ep->display, engine_api_version(e), tls,
			    st == CONN_CONNECTED ? "" : st == CONN_CONNECTING ? " [connecting]" : " [disconnected]");
			continue;
		}
		char *nm = str_inert(app_engine_label(u->app, i));
		buf_addf(b, "%s%s %s%s", i == 0 ? " " : ", ", nm,
		    st == CONN_CONNECTED ? "up" : st == CONN_CONNECTING ? "connecting" : "down", tls);
		free(nm);
	}
}

char *status_line(const struct ui *u, int width)
{
	if (u->prompt.kind != UI_PROMPT_NONE) {
		char *t = str_inert(u->prompt.buf);
		const char *label = u->prompt.kind == UI_PROMPT_COPY ? u->copy_label : ui_prompt_label(u->prompt.kind);
		char *line = xasprintf("%s%s", label, ui_prompt_edits(u->prompt.kind) ? t : "");
		free(t);
		return line;
	}
	struct session *s = app_current_session(u->app);
	const char *notice = s && session_notice(s) ? session_notice(s) : "";
	char sync[64] = "";
	if (app_synced_count(u->app) > 0)
		snprintf(sync, sizeof sync, " [INPUT SYNCHRONIZED (%zu tabs)]", app_synced_count(u->app));
	const char *msg = app_message(u->app)[0] ? app_message(u->app) : notice;
	char *m = str_inert(msg);
	struct buf b;
	buf_init(&b);
	engines_brief(u, &b);
	buf_addf(&b, "%s%s%s", sync, *m ? " | " : "", m);
	free(m);
	/* The hints that fit whole, in order. */
	struct strv hints = { 0 };
	hints_status(u, &hints);
	int col = text_width(buf_ptr(&b));
	const char *sep = " | ";
	for (size_t i = 0; i < hints.n; i++) {
		int w = text_width(sep) + text_width(hints.v[i]);
		if (col + w > width)
			break;
		buf_addf(&b, "%s%s", sep, hints.v[i]);
		col += w;
		sep = "  ";
	}
	strv_clear(&hints);
	char *line = xstrdup(buf_ptr(&b));
	buf_free(&b);
	return line;
}

void draw_status(const struct ui *u)
{
	struct rect r = u->lay.status;
	char *line = status_line(u, r.w);
	draw_text(r.y, r.x, r.w, line, u->prompt.kind != UI_PROMPT_NONE ? A_BOLD : A_REVERSE, 0);
	free(line);
}
